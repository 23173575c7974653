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

# complex multiply, divide and power with infinite and NaN parts: numpy's
# plain formulas (C99's Annex G turned some NaN results into infinities),
# and numpy's a ** 1, ** 2, ** 3 and squaring for small integer exponents
PROBE_ZA = np.array([complex(np.inf, np.inf), complex(np.inf, 0), complex(np.nan, 1), 1 + 1j,
                     complex(1e300, 1e300), complex(0, np.inf), complex(-np.inf, 2), 3 - 4j,
                     complex(np.inf, np.nan), 0.5 + 0.25j], np.complex128)
PROBE_ZB = np.array([1 + 0j, 1j, 1 + 0j, 0j, complex(1e300, 1e300), complex(np.inf, 1), 2 - 1j,
                     complex(0, -0.0), 0.1 + 7j, complex(-3, np.inf)], np.complex128)
with np.errstate(all='ignore'):
    for dt, tol in (('complex128', F64), ('complex64', F32)):
        za, zb = PROBE_ZA.astype(dt), PROBE_ZB.astype(dt)
        T('multiply %s with inf and NaN parts (numpy, not C99)' % dt, '%s * %s' % (lit(za), lit(zb)), za * zb, tol)
        T('divide %s with inf and NaN parts and by zero' % dt, '%s / %s' % (lit(za), lit(zb)), za / zb, tol)
        for e in (1, 2, 3, 4, 5, -1, -2, 0):
            T('power %s ** %d with inf and NaN parts' % (dt, e), 'marsql.power(%s, %d)' % (lit(za), e),
              np.power(za, e), tol)
BOOLS = np.array([True, False, True])
T('select int64 bigint default beyond 2^53',
  'marsql."select"(ARRAY[%s], ARRAY[%s], %d::bigint)' % (lit(BOOLS), lit(np.array([1, 2, 3], np.int64)), BIG),
  np.select([BOOLS], [np.array([1, 2, 3], np.int64)], BIG))
T('select int8 choices, bigint default stays int8',
  'marsql."select"(ARRAY[%s], ARRAY[%s], 5::bigint)' % (lit(BOOLS), lit(np.array([1, 2, 3], np.int8))),
  np.select([BOOLS], [np.array([1, 2, 3], np.int8)], np.int8(5)))
T('select int8 choices, whole float default is float64',
  'marsql."select"(ARRAY[%s], ARRAY[%s], 2.0)' % (lit(BOOLS), lit(np.array([1, 2, 3], np.int8))),
  np.select([BOOLS], [np.array([1, 2, 3], np.int8)], 2.0))
T('select int8 choices, default omitted stays int8',
  'marsql."select"(ARRAY[%s], ARRAY[%s])' % (lit(BOOLS), lit(np.array([1, 2, 3], np.int8))),
  np.select([BOOLS], [np.array([1, 2, 3], np.int8)]))
