# ---- probe (issue 21): complex values with NaN parts in numpy's sort order
# ([R + Rj, R + nanj, nan + Rj, nan + nanj]), np.unique merging every complex
# NaN, and exact bigint arguments (clip, full) beyond 2^53
PROBE_Z = np.array([complex(1, np.nan), 2, 1 + 5j, complex(np.nan, 0), complex(3, np.nan),
                    complex(np.nan, -1), complex(-np.inf, np.nan), complex(np.nan, np.nan), 0,
                    complex(np.nan, 0), -1j], np.complex128)
for dt in ('complex64', 'complex128'):
    z = PROBE_Z.astype(dt)
    T('sort %s with NaN parts' % dt, 'marsql.sort(%s)' % lit(z), np.sort(z))
    T('argsort %s with NaN parts' % dt, 'marsql.argsort(%s)' % lit(z), np.argsort(z, kind='stable'))
    T('unique %s merges every NaN' % dt, 'marsql.unique(%s)' % lit(z), np.unique(z))
    T('unique_counts %s counts' % dt, '(marsql.unique_counts(%s)).counts' % lit(z),
      np.unique(z, return_counts=True)[1])
    T('unique_inverse %s inverse' % dt, '(marsql.unique_inverse(%s)).inverse_indices' % lit(z),
      np.unique(z, return_inverse=True)[1])
    s = np.sort(z)
    v = np.array([complex(1, np.nan), 3, complex(np.nan, 0), complex(5, np.nan), complex(np.nan, np.nan)], dt)
    T('searchsorted %s left' % dt, 'marsql.searchsorted(%s, %s)' % (lit(s), lit(v)), np.searchsorted(s, v))
    T('searchsorted %s right' % dt, "marsql.searchsorted(%s, %s, 'right')" % (lit(s), lit(v)),
      np.searchsorted(s, v, side='right'))
    T('sort %s 2-D axis 0' % dt, 'marsql.sort(%s, 0)' % lit(z[:10].reshape(5, 2)), np.sort(z[:10].reshape(5, 2), axis=0))
BIG = 2 ** 53 + 1
T('clip int64 bigint bound beyond 2^53', 'marsql.clip(%s, 0, %d)' % (lit(np.array([BIG, 5, 2 ** 63 - 1], np.int64)), BIG),
  np.clip(np.array([BIG, 5, 2 ** 63 - 1], np.int64), 0, BIG))
T('clip int64 to the int64 range', 'marsql.clip(%s, %d, %d)' % (lit(np.array([BIG, -2 ** 63], np.int64)), -2 ** 63, 2 ** 63 - 1),
  np.clip(np.array([BIG, -2 ** 63], np.int64), -2 ** 63, 2 ** 63 - 1))
T('full int64 beyond 2^53', "marsql.full(ARRAY[3], %d, 'int64')" % BIG, np.full(3, BIG, np.int64))
T('full_like int64 beyond 2^53', 'marsql.full_like(%s, %d)' % (lit(np.zeros(2, np.int64)), BIG),
  np.full_like(np.zeros(2, np.int64), BIG))
T('arange int64 beyond 2^53', "marsql.arange(%d, %d, 1, 'int64')" % (BIG, BIG + 3), np.arange(BIG, BIG + 3, dtype=np.int64))
T('arange int64 over the whole range', "marsql.arange(%d, %d, %d, 'int64')" % (-2 ** 63, 2 ** 63 - 1, 2 ** 62),
  np.arange(-2 ** 63, 2 ** 63 - 1, 2 ** 62, dtype=np.int64))
T('arange int64 down beyond 2^53', "marsql.arange(%d, %d, -1, 'int64')" % (BIG + 3, BIG), np.arange(BIG + 3, BIG, -1, dtype=np.int64))
