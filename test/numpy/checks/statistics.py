# numpy's statistics: median, quantile, percentile and their nan-variants
# (sql/install/093_tensor_statistics.sql).  Result dtypes are numpy 2's:
# a float32 or float16 tensor with a scalar q stays float32 / float16 (numpy
# 2 keeps q weak), median of integers is float64, discrete methods keep the
# dtype.  References are computed in float64 and cast to that dtype.
# marsql computes the virtual index in double for every dtype (numpy 2
# computes it in the array's float dtype), so float16 and float32 results
# are compared with their tolerance.

QMETHODS = ('inverted_cdf', 'averaged_inverted_cdf', 'closest_observation',
            'interpolated_inverted_cdf', 'hazen', 'weibull', 'linear',
            'median_unbiased', 'normal_unbiased', 'lower', 'higher', 'midpoint',
            'nearest')
QDISCRETE = ('inverted_cdf', 'closest_observation', 'lower', 'higher', 'nearest')


def st_raises(fn):
    """for E(): numpy raising TypeError counts as raising"""
    def run():
        try:
            fn()
        except TypeError as e:
            raise ValueError(str(e))
    return run


def st_tol(dt):
    return {'float16': (2e-3, 1e-3), 'float32': F32}.get(dt, F64)


def st_qdtype(a, method, qtensor=None):
    dt = np.asarray(a).dtype
    if method in QDISCRETE:
        return dt.name
    r = np.float64 if dt.kind in 'biu' else dt
    if qtensor is not None:
        r = np.promote_types(r, np.float64 if np.asarray(qtensor).dtype.kind in 'biu' else np.asarray(qtensor).dtype)
    return np.dtype(r).name


def st_closest(fn, a, q, axis=None, method=None):
    """numpy 2's closest_observation (numpy >= 2.0.1 picks the odd 0-based
    index at g = 0, "the nearest even order statistic" of H&F; Debian's
    numpy 1.24 picks the even one)"""
    skip = fn in (np.nanquantile, np.nanpercentile)
    qs = np.asarray(q, np.float64) / (100.0 if fn in (np.percentile, np.nanpercentile) else 1.0)
    a = np.asarray(a)
    if axis is None:
        a, axis = a.reshape(-1), 0
    a = np.moveaxis(a, axis, -1)

    def one(v):
        if a.dtype.kind == 'f':
            if skip:
                v = v[~np.isnan(v)]
            elif np.isnan(v).any():
                return np.full(qs.shape, np.nan)
        if v.size == 0:
            return np.full(qs.shape, np.nan)
        v = np.sort(v)
        idx = v.size * qs - 1 - 0.5
        prev = np.floor(idx)
        res = np.where((idx - prev == 0) & (prev % 2 == 1), prev, prev + 1).astype(np.intp)
        res[res < 0] = 0
        return v[res]
    out = np.array([one(v) for v in a.reshape(-1, a.shape[-1])]) if a.shape[-1] or True else None
    out = out.reshape(a.shape[:-1] + qs.shape)
    return np.moveaxis(out, tuple(range(a.ndim - 1)), tuple(range(qs.ndim, qs.ndim + a.ndim - 1))) \
        if a.ndim > 1 else out


def st_ref(fn, a, *args, dt=None, **kw):
    """numpy's answer computed on float64 data (ints kept for discrete
    methods), cast to the dtype numpy 2 returns"""
    a = np.asarray(a)
    if kw.get('method') == 'closest_observation':
        r = st_closest(fn, a, *args, axis=kw.get('axis'))
        return r.astype(dt or (a.dtype if a.dtype.kind in 'biu' else np.float64))
    src = a if a.dtype.kind in 'biu' or a.dtype == np.float64 else a.astype(np.float64)
    with np.errstate(all='ignore'):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            r = np.asarray(fn(src, *args, **kw))
    return r.astype(dt) if dt else r


def st_axis(ax):
    if ax is None:
        return 'NULL::integer'
    if isinstance(ax, tuple):
        return iarr(list(ax))
    return str(ax)


# ---- docstring examples
ST_DOC = np.array([[10, 7, 4], [3, 2, 1]])
for ax in (None, 0, 1):
    T('median docstring axis=%s' % ax, 'marsql.median(%s, %s)' % (lit(ST_DOC), st_axis(ax)),
      np.median(ST_DOC, axis=ax).astype(np.float64), F64)
    T('percentile docstring 50 axis=%s' % ax, 'marsql.percentile(%s, 50, %s)' % (lit(ST_DOC), st_axis(ax)),
      np.percentile(ST_DOC, 50, axis=ax), F64)
    T('quantile docstring 0.5 axis=%s' % ax, 'marsql.quantile(%s, 0.5, %s)' % (lit(ST_DOC), st_axis(ax)),
      np.quantile(ST_DOC, 0.5, axis=ax), F64)
T('median docstring keepdims', 'marsql.median(%s, 1, true)' % lit(ST_DOC),
  np.median(ST_DOC, axis=1, keepdims=True), F64)
T('percentile docstring keepdims', 'marsql.percentile(%s, 50, 0, true)' % lit(ST_DOC),
  np.percentile(ST_DOC, 50, axis=0, keepdims=True), F64)
ST_NAN = np.array([[10.0, 7, 4], [3, 2, 1]])
ST_NAN[0, 1] = np.nan
T('median with NaN is NaN', 'marsql.median(%s)' % lit(ST_NAN), st_ref(np.median, ST_NAN), F64)
T('nanmedian docstring', 'marsql.nanmedian(%s)' % lit(ST_NAN), st_ref(np.nanmedian, ST_NAN), F64)
for ax in (0, 1):
    T('nanmedian docstring axis=%d' % ax, 'marsql.nanmedian(%s, %d)' % (lit(ST_NAN), ax),
      st_ref(np.nanmedian, ST_NAN, axis=ax), F64)
    T('median with NaN axis=%d' % ax, 'marsql.median(%s, %d)' % (lit(ST_NAN), ax),
      st_ref(np.median, ST_NAN, axis=ax), F64)
    T('nanpercentile docstring axis=%d' % ax, 'marsql.nanpercentile(%s, 50, %d)' % (lit(ST_NAN), ax),
      st_ref(np.nanpercentile, ST_NAN, 50, axis=ax), F64)
    T('nanquantile docstring axis=%d' % ax, 'marsql.nanquantile(%s, 0.5, %d)' % (lit(ST_NAN), ax),
      st_ref(np.nanquantile, ST_NAN, 0.5, axis=ax), F64)
T('nanpercentile docstring', 'marsql.nanpercentile(%s, 50)' % lit(ST_NAN), st_ref(np.nanpercentile, ST_NAN, 50), F64)

# ---- every method, several sizes and q's (the methods differ most on small n)
ST_Q = np.array([0.0, 0.01, 0.1, 0.25, 1 / 3, 0.4, 0.5, 0.6, 0.75, 0.9, 0.99, 1.0])
for n in (1, 2, 3, 4, 5, 7, 10, 33):
    x = normal(n)
    for m in QMETHODS:
        T('quantile %s n=%d q tensor' % (m, n),
          "marsql.quantile(%s, %s, method => '%s')" % (lit(x), lit(ST_Q), m),
          st_ref(np.quantile, x, ST_Q, method=m), F64)
xi = rng.integers(-50, 50, 11)
for m in QMETHODS:
    for q in (0, 7, 25, 50, 62.5, 90, 100):
        T('percentile %s int64 q=%s' % (m, q), "marsql.percentile(%s, %r, method => '%s')" % (lit(xi), q, m),
          st_ref(np.percentile, xi, q, method=m, dt=st_qdtype(xi, m)), F64)
    T('quantile %s with ties' % m, "marsql.quantile(%s, %s, method => '%s')" % (lit(np.array([1.0, 1, 2, 2, 2, 3])), lit(ST_Q), m),
      st_ref(np.quantile, np.array([1.0, 1, 2, 2, 2, 3]), ST_Q, method=m), F64)

# ---- axes, keepdims, q tensors of any shape
X3 = normal(4, 5, 6)
for ax in (None, 0, 1, 2, -1, -3, (0, 2), (1, 2), (0, 1, 2), (2, 0), ()):
    for kd in (False, True):
        npax = ax
        T('median axis=%s keepdims=%s' % (ax, kd), 'marsql.median(%s, %s, %s)' % (lit(X3), st_axis(ax), kd),
          np.median(X3, axis=npax, keepdims=kd), F64)
    T('quantile q (2,2) axis=%s' % (ax,), 'marsql.quantile(%s, %s, %s)' % (lit(X3), lit(ST_Q[:4].reshape(2, 2)), st_axis(ax)),
      np.quantile(X3, ST_Q[:4].reshape(2, 2), axis=ax), F64)
    T('nanquantile q (3,) axis=%s keepdims' % (ax,), 'marsql.nanquantile(%s, %s, %s, true)' % (lit(X3), lit(ST_Q[:3]), st_axis(ax)),
      np.nanquantile(X3, ST_Q[:3], axis=ax, keepdims=True), F64)
T('percentile q 0-d tensor', 'marsql.percentile(%s, %s, 1)' % (lit(X3), lit(np.array(30.0))),
  np.percentile(X3, np.array(30.0), axis=1), F64)
T('percentile q empty tensor', 'marsql.percentile(%s, %s, 1)' % (lit(X3), lit(np.zeros(0))),
  np.percentile(X3, np.zeros(0), axis=1), F64)

# ---- NaN propagation, all-NaN lanes, nan-variants with every method
XN = normal(5, 8)
XN[1, 3] = XN[3, 0] = XN[3, 5] = np.nan
XN[4, :] = np.nan
for ax in (None, 0, 1):
    T('median NaN lanes axis=%s' % ax, 'marsql.median(%s, %s)' % (lit(XN), st_axis(ax)), st_ref(np.median, XN, axis=ax), F64)
    T('nanmedian all-NaN lane axis=%s' % ax, 'marsql.nanmedian(%s, %s)' % (lit(XN), st_axis(ax)), st_ref(np.nanmedian, XN, axis=ax), F64)
    for m in QMETHODS:
        T('nanquantile %s axis=%s' % (m, ax), "marsql.nanquantile(%s, %s, %s, method => '%s')" % (lit(XN), lit(ST_Q[::3]), st_axis(ax), m),
          st_ref(np.nanquantile, XN, ST_Q[::3], axis=ax, method=m), F64)
        T('quantile NaN lanes %s axis=%s' % (m, ax), "marsql.quantile(%s, 0.3, %s, method => '%s')" % (lit(XN), st_axis(ax), m),
          st_ref(np.quantile, XN, 0.3, axis=ax, method=m), F64)
T('nanpercentile all NaN', 'marsql.nanpercentile(%s, 40)' % lit(np.full(3, np.nan)), st_ref(np.nanpercentile, np.full(3, np.nan), 40), F64)
XI = np.array([1.0, np.inf, -np.inf, 2.0, np.inf])
for q in (0.0, 0.3, 0.5, 0.9, 1.0):
    T('quantile with infinities q=%s' % q, 'marsql.quantile(%s, %r)' % (lit(XI), q), st_ref(np.quantile, XI, q), F64)
T('median with infinities', 'marsql.median(%s)' % lit(XI), st_ref(np.median, XI), F64)

# ---- dtypes
for dt in ('bool', 'int8', 'uint8', 'int16', 'int32', 'int64', 'float16', 'float32', 'float64'):
    x = (rng.integers(0, 2, 9) if dt == 'bool' else rng.integers(0, 100, 9)).astype(dt) if dt[0] in 'biu' \
        else normal(9).astype(dt)
    mdt = 'float64' if dt[0] in 'biu' else dt
    T('median %s' % dt, 'marsql.median(%s)' % lit(x), st_ref(np.median, x, dt=mdt), st_tol(mdt))
    T('median %s even length' % dt, 'marsql.median(%s)' % lit(x[:8]), st_ref(np.median, x[:8], dt=mdt), st_tol(mdt))
    T('nanmedian %s' % dt, 'marsql.nanmedian(%s)' % lit(x), st_ref(np.nanmedian, x, dt=mdt), st_tol(mdt))
    for m in QMETHODS:
        if dt == 'bool' and m not in QDISCRETE:
            E('quantile of bool with %s is an error' % m, "marsql.quantile(%s, 0.5, method => '%s')" % (lit(x), m), '42',
              st_raises(lambda: np.quantile(x, 0.5, method=m)))
            continue
        want = st_qdtype(x, m)
        T('quantile %s %s' % (m, dt), "marsql.quantile(%s, 0.37, method => '%s')" % (lit(x), m),
          st_ref(np.quantile, x, 0.37, method=m, dt=want), st_tol(want))
    if dt != 'bool':
        want = st_qdtype(x, 'linear', ST_Q)
        T('quantile %s with a float64 q tensor' % dt, 'marsql.quantile(%s, %s)' % (lit(x), lit(ST_Q)),
          st_ref(np.quantile, x, ST_Q, dt=want), st_tol(want))

# ---- edge cases: 0-d, empty
T('median of a 0-d tensor', 'marsql.median(%s)' % lit(np.array(2.5)), np.median(np.array(2.5)))
T('quantile of a 0-d tensor', 'marsql.quantile(%s, 0.2)' % lit(np.array(2.5)), np.quantile(np.array(2.5), 0.2))
T('median of an empty tensor is NaN', 'marsql.median(%s)' % lit(np.zeros(0)), st_ref(np.median, np.zeros(0)))
T('median of (3,0) along axis 1 is NaN', 'marsql.median(%s, 1)' % lit(np.zeros((3, 0))), st_ref(np.median, np.zeros((3, 0)), axis=1))
T('median of (0,3) along axis 0 is NaN', 'marsql.median(%s, 0)' % lit(np.zeros((0, 3))), st_ref(np.median, np.zeros((0, 3)), axis=0))
T('median of (0,3) along axis 1 is empty', 'marsql.median(%s, 1)' % lit(np.zeros((0, 3))), st_ref(np.median, np.zeros((0, 3)), axis=1))
T('quantile of (0,3) along axis 1 is empty', 'marsql.quantile(%s, 0.5, 1)' % lit(np.zeros((0, 3))), np.quantile(np.zeros((0, 3)), 0.5, axis=1))
T('nanmedian of an empty tensor is NaN', 'marsql.nanmedian(%s)' % lit(np.zeros(0)), st_ref(np.nanmedian, np.zeros(0)))
T('nanquantile of an empty tensor is NaN', 'marsql.nanquantile(%s, 0.5)' % lit(np.zeros(0)), st_ref(np.nanquantile, np.zeros(0), 0.5))
T('median of -0.0 and 0.0', 'marsql.median(%s)' % lit(np.array([-0.0, 0.0, -0.0])), np.median(np.array([-0.0, 0.0, -0.0])))
XL = normal(2001)
T('median of 2001 values', 'marsql.median(%s)' % lit(XL), np.median(XL))
T('median of 2000 sorted values', 'marsql.median(%s)' % lit(np.sort(XL[:2000])), np.median(XL[:2000]))
T('percentile of 2001 values, many q', 'marsql.percentile(%s, %s)' % (lit(XL), lit(ST_Q * 100)), np.percentile(XL, ST_Q * 100), F64)
XD = rng.integers(0, 3, 500).astype(np.float64)
T('median with many duplicates', 'marsql.median(%s)' % lit(XD), np.median(XD))
T('int64 beyond 2^53 with lower stays exact', "marsql.quantile(%s, 0.5, method => 'lower')" % lit(np.array([2**62 + 1, 3, 2**62 + 3], np.int64)),
  np.quantile(np.array([2**62 + 1, 3, 2**62 + 3], np.int64), 0.5, method='lower'))

# ---- errors numpy raises
E('quantile q > 1', 'marsql.quantile(%s, 1.5)' % lit(normal(4)), '22', lambda: np.quantile(np.zeros(4), 1.5))
E('quantile q < 0', 'marsql.quantile(%s, -0.1)' % lit(normal(4)), '22', lambda: np.quantile(np.zeros(4), -0.1))
E('percentile q > 100', 'marsql.percentile(%s, 101)' % lit(normal(4)), '22', lambda: np.percentile(np.zeros(4), 101))
E('percentile q NaN', "marsql.percentile(%s, 'nan')" % lit(normal(4)), '22', lambda: np.percentile(np.zeros(4), np.nan))
E('percentile q tensor out of range', 'marsql.percentile(%s, %s)' % (lit(normal(4)), lit(np.array([10.0, 200.0]))), '22',
  lambda: np.percentile(np.zeros(4), [10, 200]))
E('nanquantile q > 1', 'marsql.nanquantile(%s, 2)' % lit(normal(4)), '22', lambda: np.nanquantile(np.zeros(4), 2))
E('quantile unknown method', "marsql.quantile(%s, 0.5, method => 'foo')" % lit(normal(4)), '22',
  lambda: np.quantile(np.zeros(4), 0.5, method='foo'))
E('quantile axis out of range', 'marsql.quantile(%s, 0.5, 2)' % lit(normal(2, 3)), '22',
  lambda: np.quantile(np.zeros((2, 3)), 0.5, axis=2))
E('median axis out of range', 'marsql.median(%s, -3)' % lit(normal(2, 3)), '22', lambda: np.median(np.zeros((2, 3)), axis=-3))
E('median repeated axis', 'marsql.median(%s, %s)' % (lit(normal(2, 3)), iarr([0, -2])), '22',
  lambda: np.median(np.zeros((2, 3)), axis=(0, -2)))



def st_numpy2_raises():
    # numpy >= 2 raises TypeError "a must be an array of real numbers";
    # Debian's numpy 1.24 still interpolates complex values
    raise ValueError('numpy 2 refuses complex quantiles')


E('percentile of complex (numpy 2)', 'marsql.percentile(%s, 50)' % lit(np.array([1 + 1j, 2])), '42', st_numpy2_raises)
E('quantile of complex64 (numpy 2)', 'marsql.quantile(%s, 0.5)' % lit(np.array([1 + 1j, 2], np.complex64)), '42', st_numpy2_raises)
E('quantile of an empty tensor', 'marsql.quantile(%s, 0.5)' % lit(np.zeros(0)), '22', lambda: np.quantile(np.zeros(0), 0.5))
E('quantile of an empty axis', 'marsql.quantile(%s, 0.5, 1)' % lit(np.zeros((3, 0))), '22',
  lambda: np.quantile(np.zeros((3, 0)), 0.5, axis=1))

# ---------------------------------------------------------- nan-reductions
def st_quiet(fn, *args, **kw):
    import warnings
    with np.errstate(all='ignore'), warnings.catch_warnings():
        warnings.simplefilter('ignore')
        return fn(*args, **kw)


# numpy docstring examples
ST_D = np.array([[1, np.nan], [3, 4]])
for fn in ('nansum', 'nanprod', 'nanmean', 'nanmax', 'nanmin', 'nanvar', 'nanstd'):
    npf = getattr(np, fn)
    for ax in (None, 0, 1, -1):
        T('%s docstring axis=%s' % (fn, ax), 'marsql.%s(%s, %s)' % (fn, lit(ST_D), st_axis(ax)),
          st_quiet(npf, ST_D, axis=ax), F64)
    T('%s keepdims' % fn, 'marsql.%s(%s, 0, keepdims => true)' % (fn, lit(ST_D)),
      st_quiet(npf, ST_D, axis=0, keepdims=True), F64)
T('nansum docstring [1, nan]', 'marsql.nansum(%s)' % lit(np.array([1, np.nan])), np.nansum([1, np.nan]))
T('nansum of inf and -inf is nan', 'marsql.nansum(%s)' % lit(np.array([1, np.nan, np.inf, -np.inf])),
  st_quiet(np.nansum, np.array([1, np.nan, np.inf, -np.inf])))
T('nancumsum docstring', 'marsql.nancumsum(%s)' % lit(ST_D), np.nancumsum(ST_D), F64)
T('nancumsum axis 0', 'marsql.nancumsum(%s, 0)' % lit(ST_D), np.nancumsum(ST_D, axis=0), F64)
T('nancumprod docstring', 'marsql.nancumprod(%s)' % lit(ST_D), np.nancumprod(ST_D), F64)
T('nancumprod axis 1', 'marsql.nancumprod(%s, 1)' % lit(ST_D), np.nancumprod(ST_D, axis=1), F64)
S('nanargmax docstring', 'marsql.nanargmax(%s)' % lit(np.array([[np.nan, 4], [2, 3]])),
  np.nanargmax(np.array([[np.nan, 4], [2, 3]])), integer=True)
S('nanargmin docstring', 'marsql.nanargmin(%s)' % lit(np.array([[np.nan, 4], [2, 3]])),
  np.nanargmin(np.array([[np.nan, 4], [2, 3]])), integer=True)
for ax in (0, 1, -1):
    T('nanargmax docstring axis=%d' % ax, 'marsql.nanargmax(%s, %d)' % (lit(np.array([[np.nan, 4], [2, 3]])), ax),
      np.nanargmax(np.array([[np.nan, 4], [2, 3]]), axis=ax))
    T('nanargmin docstring axis=%d' % ax, 'marsql.nanargmin(%s, %d)' % (lit(np.array([[np.nan, 4], [2, 3]])), ax),
      np.nanargmin(np.array([[np.nan, 4], [2, 3]]), axis=ax))

# random data with NaNs, all-NaN lanes, every dtype
XR = normal(4, 6)
XR[0, 1] = XR[2, 2] = XR[2, 5] = np.nan
XR[3, :] = np.nan
for dt in ('float64', 'float32', 'float16'):
    x = XR.astype(dt)
    tol = st_tol(dt) if dt != 'float64' else (1e-12, 1e-12)
    for ax in (None, 0, 1, -2):
        for fn in ('nansum', 'nanmean', 'nanmax', 'nanmin', 'nanprod'):
            T('%s %s axis=%s' % (fn, dt, ax), 'marsql.%s(%s, %s)' % (fn, lit(x), st_axis(ax)),
              st_quiet(getattr(np, fn), x.astype(np.float64), axis=ax).astype(dt), tol)
        for fn in ('nanvar', 'nanstd'):
            for ddof in (0, 1, 5):
                T('%s %s axis=%s ddof=%d' % (fn, dt, ax, ddof), 'marsql.%s(%s, %s, %d)' % (fn, lit(x), st_axis(ax), ddof),
                  st_quiet(getattr(np, fn), x.astype(np.float64), axis=ax, ddof=ddof).astype(dt), tol)
    for ax in (None, 0, 1):
        T('nancumsum %s axis=%s' % (dt, ax), 'marsql.nancumsum(%s, %s)' % (lit(x), st_axis(ax)),
          np.nancumsum(x.astype(np.float64), axis=ax).astype(dt), tol)
    for ax in (0,):
        T('nanargmax %s axis=%s' % (dt, ax), 'marsql.nanargmax(%s, %s)' % (lit(x), ax), np.nanargmax(x, axis=ax))
        T('nanargmin %s axis=%s' % (dt, ax), 'marsql.nanargmin(%s, %s)' % (lit(x), ax), np.nanargmin(x, axis=ax))
    E('nanargmax %s all-NaN row' % dt, 'marsql.nanargmax(%s, 1)' % lit(x), '22', lambda: np.nanargmax(x, axis=1))
    E('nanargmin %s all-NaN' % dt, 'marsql.nanargmin(%s)' % lit(np.full(3, np.nan, dt)), '22',
      lambda: np.nanargmin(np.full(3, np.nan, dt)))
XC = np.array([1 + 2j, np.nan + 0j, 3 - 1j, 2 + np.nan * 1j])
T('nansum complex', 'marsql.nansum(%s)' % lit(XC), np.nansum(XC), F64)
T('nanmean complex', 'marsql.nanmean(%s)' % lit(XC), np.nanmean(XC), F64)
T('nanvar complex', 'marsql.nanvar(%s)' % lit(XC), np.nanvar(XC), F64)
T('nanstd complex64', 'marsql.nanstd(%s)' % lit(XC.astype(np.complex64)), np.nanstd(XC).astype(np.float32), F32)
for dt in ('bool', 'int8', 'uint8', 'int32', 'int64'):
    x = np.array([[1, 0, 1], [1, 1, 0]] if dt == 'bool' else [[5, -3, 7], [2, 9, -1]] if dt[0] == 'i' else [[5, 3, 7], [2, 9, 1]]).astype(dt)
    for fn in ('nansum', 'nanprod', 'nanmean', 'nanmax', 'nanmin', 'nanvar', 'nanstd'):
        ref = getattr(np, fn)(x, axis=0)
        if fn in ('nansum', 'nanprod'):
            ref = ref.astype(np.int64)   # marsql: int64 sums (numpy: uint64 for uint8)
        T('%s %s is the plain one' % (fn, dt), 'marsql.%s(%s, 0)' % (fn, lit(x)), ref, F64)
    T('nancumsum %s' % dt, 'marsql.nancumsum(%s)' % lit(x), np.nancumsum(x).astype(np.int64))
    T('nanargmax %s' % dt, 'marsql.nanargmax(%s, 1)' % lit(x), np.nanargmax(x, axis=1))
T('nanmean empty is NaN', 'marsql.nanmean(%s)' % lit(np.zeros(0)), st_quiet(np.nanmean, np.zeros(0)))
T('nansum empty is 0', 'marsql.nansum(%s)' % lit(np.zeros(0)), np.nansum(np.zeros(0)))
T('nanmean 0-d NaN', 'marsql.nanmean(%s)' % lit(np.array(np.nan)), st_quiet(np.nanmean, np.array(np.nan)))
T('nanmax all-NaN is NaN', 'marsql.nanmax(%s)' % lit(np.full(2, np.nan)), st_quiet(np.nanmax, np.full(2, np.nan)))
E('nanmax of an empty tensor', 'marsql.nanmax(%s)' % lit(np.zeros(0)), '22', lambda: np.nanmax(np.zeros(0)))
E('nanmin of an empty axis', 'marsql.nanmin(%s, 1)' % lit(np.zeros((2, 0))), '22', lambda: np.nanmin(np.zeros((2, 0)), axis=1))
E('nansum axis out of range', 'marsql.nansum(%s, 2)' % lit(ST_D), '22', lambda: np.nansum(ST_D, axis=2))
E('nanvar negative ddof', 'marsql.nanvar(%s, 0, -1)' % lit(ST_D), '22', lambda: (_ for _ in ()).throw(ValueError('ddof < 0')))

# ---- ptp
for x in (np.array([[4, 9, 2, 10], [6, 9, 7, 12]]), normal(3, 4), np.array([-128, 127], np.int8),
          np.array([[1.0, np.nan], [2, 3]]), normal(5, dt=np.float32)):
    for ax in (None, 0, -1) if x.ndim > 1 else (None, 0):
        T('ptp %s %s axis=%s' % (shp(x), dtn(x), ax), 'marsql.ptp(%s, %s)' % (lit(x), st_axis(ax)),
          np.ptp(x, axis=ax), F64)
XP = normal(2, 3)
T('ptp keepdims', 'marsql.ptp(%s, 1, true)' % lit(XP), np.ptp(XP, axis=1, keepdims=True), F64)
E('ptp of an empty tensor', 'marsql.ptp(%s)' % lit(np.zeros(0)), '22', lambda: np.ptp(np.zeros(0)))
E('ptp of bool', 'marsql.ptp(%s)' % lit(np.array([True, False])), '42', st_raises(lambda: np.ptp(np.array([True, False]))))

# ---- average
XA = np.arange(6.0).reshape(3, 2)
T('average docstring', 'marsql.average(%s)' % lit(np.arange(1, 5.0)), np.average(np.arange(1, 5.0)), F64)
T('average docstring weights', 'marsql.average(%s, weights => %s)' % (lit(np.arange(1, 11.0)), lit(np.arange(10, 0, -1.0))),
  np.average(np.arange(1, 11.0), weights=np.arange(10, 0, -1.0)), F64)
T('average docstring axis 1 1-D weights', 'marsql.average(%s, 1, %s)' % (lit(XA), lit(np.array([0.25, 0.75]))),
  np.average(XA, axis=1, weights=[0.25, 0.75]), F64)
T('average keepdims', 'marsql.average(%s, 1, %s, true)' % (lit(XA), lit(np.array([0.25, 0.75]))),
  np.average(XA, axis=1, weights=[0.25, 0.75], keepdims=True), F64)
W2 = uniform(0.1, 1, 3, 2)
T('average same-shape weights axis=0', 'marsql.average(%s, 0, %s)' % (lit(XA), lit(W2)), np.average(XA, axis=0, weights=W2), F64)
T('average same-shape weights all', 'marsql.average(%s, NULL, %s)' % (lit(XA), lit(W2)), np.average(XA, weights=W2), F64)
T('average int with int weights is float64', 'marsql.average(%s, 0, %s)' % (lit(np.array([[1, 2], [3, 5]])), lit(np.array([1, 3]))),
  np.average(np.array([[1, 2], [3, 5]]), axis=0, weights=[1, 3]), F64)
T('average float32 with float32 weights', 'marsql.average(%s, 0, %s)' % (lit(XA.astype(np.float32)), lit(np.array([1, 2, 3], np.float32))),
  np.average(XA.astype(np.float32), axis=0, weights=np.array([1, 2, 3], np.float32)), F32)
R('average_returned docstring', 'SELECT r.average, r.sum_of_weights FROM marsql.average_returned(%s, 1, %s) r'
  % (lit(XA), lit(np.array([0.25, 0.75]))),
  lambda rows: compare(parse_tensor(col(one_row(rows), 'average')), np.average(XA, axis=1, weights=[0.25, 0.75]), F64)
  or compare(parse_tensor(col(one_row(rows), 'sum_of_weights')), np.average(XA, axis=1, weights=[0.25, 0.75], returned=True)[1], F64))
R('average_returned without weights', 'SELECT r.average, r.sum_of_weights FROM marsql.average_returned(%s, 0) r' % lit(XA),
  lambda rows: compare(parse_tensor(col(one_row(rows), 'average')), np.average(XA, axis=0), F64)
  or compare(parse_tensor(col(one_row(rows), 'sum_of_weights')), np.average(XA, axis=0, returned=True)[1], F64))
E('average weights sum to zero', 'marsql.average(%s, 0, %s)' % (lit(XA), lit(np.array([1.0, -1, 0]))), '22',
  lambda: (_ for _ in ()).throw(ValueError('numpy raises ZeroDivisionError')) if np.sum([1.0, -1, 0]) == 0 else None)
E('average weights shape without axis', 'marsql.average(%s, weights => %s)' % (lit(XA), lit(np.array([1.0, 2]))), '22',
  st_raises(lambda: np.average(XA, weights=[1.0, 2])))
E('average weights length mismatch', 'marsql.average(%s, 1, %s)' % (lit(XA), lit(np.array([1.0, 2, 3]))), '22',
  lambda: np.average(XA, axis=1, weights=[1.0, 2, 3]))
E('average 2-D weights of another shape', 'marsql.average(%s, 1, %s)' % (lit(XA), lit(np.ones((2, 2)))), '22',
  st_raises(lambda: np.average(XA, axis=1, weights=np.ones((2, 2)))))

# ---- cumulative_sum / cumulative_prod (numpy >= 2.1; references by cumsum
# and concatenation, which numpy 1.24 has)
def st_cum(x, prod, axis, initial):
    r = (np.cumprod if prod else np.cumsum)(x, axis=axis)
    if np.asarray(x).dtype.kind in 'biu':
        r = r.astype(np.int64)
    if initial:
        shape = list(r.shape)
        shape[axis] = 1
        r = np.concatenate([np.full(shape, 1 if prod else 0, r.dtype), r], axis=axis)
    return r


for x in (np.array([1.0, 2, 3, 4]), np.arange(1, 7).reshape(2, 3), normal(3, 4, dt=np.float32)):
    for ax in ((None,) if x.ndim == 1 else ()) + tuple(range(-x.ndim, x.ndim)):
        for init in (False, True):
            for prod in (False, True):
                fn = 'cumulative_prod' if prod else 'cumulative_sum'
                T('%s %s %s axis=%s include_initial=%s' % (fn, shp(x), dtn(x), ax, init),
                  'marsql.%s(%s, %s, %s)' % (fn, lit(x), st_axis(ax), init),
                  st_cum(x, prod, 0 if ax is None else ax, init), F32 if x.dtype == np.float32 else F64)
T('cumulative_sum empty include_initial', 'marsql.cumulative_sum(%s, include_initial => true)' % lit(np.zeros(0)),
  np.zeros(1))
E('cumulative_sum of 2-D without axis', 'marsql.cumulative_sum(%s)' % lit(np.ones((2, 2))), '22',
  lambda: (_ for _ in ()).throw(ValueError('numpy 2.1 requires axis for 2-D')))
E('cumulative_prod of 0-d', 'marsql.cumulative_prod(%s)' % lit(np.array(2.0)), '22',
  lambda: (_ for _ in ()).throw(ValueError('numpy 2.1 refuses 0-d')))


# ---------------------------------------------------------- histograms
def st_hist(desc, sql, ref, tol=F64):
    h, e = ref

    def verify(rows):
        row = one_row(rows)
        hv, ev = parse_tensor(col(row, 'hist')), parse_tensor(col(row, 'bin_edges'))
        out = []
        for name, got, exp in (('hist', hv, h), ('bin_edges', ev, e)):
            if got.dtype != np.asarray(exp).dtype:
                out.append('%s dtype %s, numpy %s' % (name, got.dtype, np.asarray(exp).dtype))
            d = compare(got, exp, tol, name)
            if d:
                out.append(d)
        return '\n'.join(out) or None
    R(desc, 'SELECT r.hist, r.bin_edges FROM %s r' % sql, verify)


st_hist('histogram docstring [1,2,1] bins [0,1,2,3]', 'marsql.histogram(%s, %s)' % (lit(np.array([1, 2, 1])), lit(np.array([0, 1, 2, 3]))),
        np.histogram([1, 2, 1], bins=[0, 1, 2, 3]))
st_hist('histogram docstring arange(4) density', 'marsql.histogram(%s, %s, density => true)' % (lit(np.arange(4.0)), lit(np.arange(5.0))),
        np.histogram(np.arange(4.0), bins=np.arange(5.0), density=True))
st_hist('histogram docstring 2-D with edges', 'marsql.histogram(%s, %s)' % (lit(np.array([[1, 2, 1], [1, 0, 1]])), lit(np.array([0, 1, 2, 3]))),
        np.histogram([[1, 2, 1], [1, 0, 1]], bins=[0, 1, 2, 3]))
XH = normal(200)
for bins in (1, 3, 10, 17):
    st_hist('histogram bins=%d' % bins, 'marsql.histogram(%s, %d)' % (lit(XH), bins), np.histogram(XH, bins))
    st_hist('histogram bins=%d range' % bins, "marsql.histogram(%s, %d, ARRAY[-1, 1.5])" % (lit(XH), bins),
            np.histogram(XH, bins, range=(-1, 1.5)))
    st_hist('histogram bins=%d density' % bins, 'marsql.histogram(%s, %d, density => true)' % (lit(XH), bins),
            np.histogram(XH, bins, density=True))
W = uniform(0, 2, 200)
st_hist('histogram weights', 'marsql.histogram(%s, 7, weights => %s)' % (lit(XH), lit(W)), np.histogram(XH, 7, weights=W))
st_hist('histogram weights density', 'marsql.histogram(%s, 7, density => true, weights => %s)' % (lit(XH), lit(W)),
        np.histogram(XH, 7, weights=W, density=True))
st_hist('histogram int weights', 'marsql.histogram(%s, 4, weights => %s)' % (lit(XH), lit(np.arange(200))),
        np.histogram(XH, 4, weights=np.arange(200)))
EDG = np.array([-3.0, -1, -0.5, 0, 0.25, 2, 3])
st_hist('histogram edges weights', 'marsql.histogram(%s, %s, weights => %s)' % (lit(XH), lit(EDG), lit(W)),
        np.histogram(XH, EDG, weights=W))
st_hist('histogram edges density', 'marsql.histogram(%s, %s, density => true)' % (lit(XH), lit(EDG)),
        np.histogram(XH, EDG, density=True))
xi = rng.integers(0, 20, 50)
st_hist('histogram int64 data', 'marsql.histogram(%s, 6)' % lit(xi), np.histogram(xi, 6))
st_hist('histogram int data, edges on values', 'marsql.histogram(%s, %s)' % (lit(xi), lit(np.array([0, 5, 10, 19]))),
        np.histogram(xi, [0, 5, 10, 19]))
st_hist('histogram float32 data keeps float32 edges', 'marsql.histogram(%s, 5)' % lit(XH.astype(np.float32)),
        np.histogram(XH.astype(np.float32), 5), F32)
st_hist('histogram constant data', 'marsql.histogram(%s, 4)' % lit(np.full(5, 2.0)), np.histogram(np.full(5, 2.0), 4))
st_hist('histogram empty', 'marsql.histogram(%s, 3)' % lit(np.zeros(0)), np.histogram(np.zeros(0), 3))
st_hist('histogram NaN with range', "marsql.histogram(%s, 2, ARRAY[0, 4])" % lit(np.array([1.0, np.nan, 3])),
        st_quiet(np.histogram, np.array([1.0, np.nan, 3]), 2, range=(0, 4)))
st_hist('histogram values on edges', 'marsql.histogram(%s, 4)' % lit(np.array([0.0, 1, 2, 3, 4, 4, 0.1 + 0.2])),
        np.histogram(np.array([0.0, 1, 2, 3, 4, 4, 0.1 + 0.2]), 4))
for rule in ('auto', 'fd', 'doane', 'scott', 'stone', 'rice', 'sturges', 'sqrt'):
    for x in (XH, normal(1000) ** 3, uniform(0, 10, 37)):
        T('histogram_bin_edges %s n=%d' % (rule, x.size), "marsql.histogram_bin_edges(%s, '%s')" % (lit(x), rule),
          st_quiet(np.histogram_bin_edges, x, rule), F64)
    st_hist('histogram %s' % rule, "marsql.histogram(%s, '%s')" % (lit(XH), rule), st_quiet(np.histogram, XH, rule))
    st_hist('histogram %s with range' % rule, "marsql.histogram(%s, '%s', ARRAY[-1, 1])" % (lit(XH), rule),
            st_quiet(np.histogram, XH, rule, range=(-1, 1)))
T('histogram_bin_edges docstring sqrt', "marsql.histogram_bin_edges(%s, 'sqrt')" % lit(np.array([0, 0, 0, 1, 2, 3, 3, 4, 5])),
  np.histogram_bin_edges(np.array([0, 0, 0, 1, 2, 3, 3, 4, 5]), bins='sqrt'), F64)
# numpy >= 2.1 widens estimated bins of integer data to at least 1 (1.24
# gives [0, 0.25, 0.5, 0.75, 1] here)
T('histogram_bin_edges docstring auto range (numpy 2.1)', "marsql.histogram_bin_edges(%s, 'auto', ARRAY[0, 1])" % lit(np.array([0, 0, 0, 1, 2, 3, 3, 4, 5])),
  np.array([0.0, 1.0]), F64)
T('histogram_bin_edges float data auto range', "marsql.histogram_bin_edges(%s, 'auto', ARRAY[0, 1])" % lit(np.array([0, 0, 0, 1, 2, 3, 3, 4, 5.0])),
  np.histogram_bin_edges(np.array([0, 0, 0, 1, 2, 3, 3, 4, 5.0]), bins='auto', range=(0, 1)), F64)
T('histogram_bin_edges count', 'marsql.histogram_bin_edges(%s, 5)' % lit(XH), np.histogram_bin_edges(XH, 5), F64)
T('histogram_bin_edges of constant data', "marsql.histogram_bin_edges(%s, 'fd')" % lit(np.full(4, 1.0)),
  np.histogram_bin_edges(np.full(4, 1.0), 'fd'), F64)
E('histogram bins 0', '(marsql.histogram(%s, 0)).hist' % lit(XH), '22', lambda: np.histogram(XH, 0))
E('histogram bins negative', '(marsql.histogram(%s, -2)).hist' % lit(XH), '22', lambda: np.histogram(XH, -2))
E('histogram edges not monotonic', '(marsql.histogram(%s, %s)).hist' % (lit(XH), lit(np.array([0.0, 2, 1]))), '22',
  lambda: np.histogram(XH, [0.0, 2, 1]))
E('histogram edges 2-D', '(marsql.histogram(%s, %s)).hist' % (lit(XH), lit(np.ones((2, 2)))), '22', lambda: np.histogram(XH, np.ones((2, 2))))
E('histogram range reversed', '(marsql.histogram(%s, 3, ARRAY[2, 1])).hist' % lit(XH), '22', lambda: np.histogram(XH, 3, range=(2, 1)))
E('histogram range not finite', "(marsql.histogram(%s, 3, ARRAY[0, 'infinity'::float8])).hist" % lit(XH), '22',
  lambda: np.histogram(XH, 3, range=(0, np.inf)))
E('histogram NaN without range', '(marsql.histogram(%s, 3)).hist' % lit(np.array([1.0, np.nan])), '22',
  lambda: np.histogram(np.array([1.0, np.nan]), 3))
E('histogram unknown estimator', "(marsql.histogram(%s, 'best')).hist" % lit(XH), '22', lambda: np.histogram(XH, 'best'))
E('histogram estimator with weights', "(marsql.histogram(%s, 'auto', weights => %s)).hist" % (lit(XH), lit(W)), None,
  st_raises(lambda: np.histogram(XH, 'auto', weights=W)))
E('histogram weights shape', '(marsql.histogram(%s, 3, weights => %s)).hist' % (lit(XH), lit(W[:5])), '22',
  lambda: np.histogram(XH, 3, weights=W[:5]))

# ---- bincount
T('bincount docstring arange(5)', 'marsql.bincount(%s)' % lit(np.arange(5)), np.bincount(np.arange(5)))
T('bincount docstring', 'marsql.bincount(%s)' % lit(np.array([0, 1, 1, 3, 2, 1, 7])), np.bincount(np.array([0, 1, 1, 3, 2, 1, 7])))
T('bincount docstring weights', 'marsql.bincount(%s, %s)' % (lit(np.array([0, 1, 1, 2, 2, 2])), lit(np.array([0.3, 0.5, 0.2, 0.7, 1., -0.6]))),
  np.bincount(np.array([0, 1, 1, 2, 2, 2]), weights=np.array([0.3, 0.5, 0.2, 0.7, 1., -0.6])), F64)
T('bincount minlength', 'marsql.bincount(%s, minlength => 10)' % lit(np.array([0, 3, 3])), np.bincount([0, 3, 3], minlength=10))
T('bincount empty', 'marsql.bincount(%s)' % lit(np.zeros(0, np.int64)), np.bincount(np.zeros(0, np.int64)))
for dt in ('bool', 'int8', 'uint8', 'int16', 'int32'):
    x = np.array([1, 0, 1, 1] if dt == 'bool' else [3, 0, 5, 3]).astype(dt)
    T('bincount %s' % dt, 'marsql.bincount(%s)' % lit(x), np.bincount(x))
T('bincount int weights give float64', 'marsql.bincount(%s, %s)' % (lit(np.array([0, 2, 2])), lit(np.array([1, 2, 3]))),
  np.bincount([0, 2, 2], weights=[1, 2, 3]))
E('bincount negative', 'marsql.bincount(%s)' % lit(np.array([1, -1])), '22', lambda: np.bincount(np.array([1, -1])))
E('bincount of floats', 'marsql.bincount(%s)' % lit(np.array([1.0, 2.0])), '42', st_raises(lambda: np.bincount(np.array([1.0, 2.0]))))
E('bincount 2-D', 'marsql.bincount(%s)' % lit(np.ones((2, 2), np.int64)), '22', lambda: np.bincount(np.ones((2, 2), np.int64)))
E('bincount negative minlength', 'marsql.bincount(%s, minlength => -1)' % lit(np.array([1])), '22',
  lambda: np.bincount(np.array([1]), minlength=-1))
E('bincount weights length', 'marsql.bincount(%s, %s)' % (lit(np.array([1, 2])), lit(np.array([1.0]))), '22',
  lambda: np.bincount(np.array([1, 2]), weights=np.array([1.0])))

# ---- digitize
DX = np.array([0.2, 6.4, 3.0, 1.6])
DB = np.array([0.0, 1.0, 2.5, 4.0, 10.0])
T('digitize docstring', 'marsql.digitize(%s, %s)' % (lit(DX), lit(DB)), np.digitize(DX, DB))
DX2 = np.array([1.2, 10.0, 12.4, 15.5, 20.])
DB2 = np.array([0, 5, 10, 15, 20])
T('digitize docstring right', 'marsql.digitize(%s, %s, true)' % (lit(DX2), lit(DB2)), np.digitize(DX2, DB2, right=True))
T('digitize docstring left', 'marsql.digitize(%s, %s)' % (lit(DX2), lit(DB2)), np.digitize(DX2, DB2, right=False))
for right in (False, True):
    T('digitize decreasing right=%s' % right, 'marsql.digitize(%s, %s, %s)' % (lit(DX2), lit(DB2[::-1].copy()), right),
      np.digitize(DX2, DB2[::-1], right=right))
    T('digitize 2-D x with NaN right=%s' % right, 'marsql.digitize(%s, %s, %s)' % (lit(np.array([[1.0, np.nan], [-1, 20]])), lit(DB2), right),
      np.digitize(np.array([[1.0, np.nan], [-1, 20]]), DB2, right=right))
    T('digitize with repeated edges right=%s' % right, 'marsql.digitize(%s, %s, %s)' % (lit(np.array([0, 1, 2, 3])), lit(np.array([1, 1, 2])), right),
      np.digitize(np.array([0, 1, 2, 3]), np.array([1, 1, 2]), right=right))
T('digitize 0-d x', 'marsql.digitize(%s, %s)' % (lit(np.array(3.0)), lit(DB)), np.digitize(np.array(3.0), DB))
E('digitize non-monotonic bins', 'marsql.digitize(%s, %s)' % (lit(DX), lit(np.array([0.0, 2, 1]))), '22',
  lambda: np.digitize(DX, [0.0, 2, 1]))
E('digitize 2-D bins', 'marsql.digitize(%s, %s)' % (lit(DX), lit(np.ones((2, 2)))), '22', lambda: np.digitize(DX, np.ones((2, 2))))
E('digitize complex x', 'marsql.digitize(%s, %s)' % (lit(np.array([1 + 1j])), lit(DB)), '42',
  st_raises(lambda: np.digitize(np.array([1 + 1j]), DB)))

# ---------------------------------------------------------- correlation
for mode in ('valid', 'same', 'full'):
    T('correlate docstring %s' % mode, "marsql.correlate(%s, %s, '%s')" % (lit(np.array([1.0, 2, 3])), lit(np.array([0, 1, 0.5])), mode),
      np.correlate([1.0, 2, 3], [0, 1, 0.5], mode), F64)
    T('convolve docstring %s' % mode, "marsql.convolve(%s, %s, '%s')" % (lit(np.array([1.0, 2, 3])), lit(np.array([0, 1, 0.5])), mode),
      np.convolve([1.0, 2, 3], [0, 1, 0.5], mode), F64)
    for na, nv in ((7, 3), (3, 7), (6, 4), (4, 6), (5, 5), (1, 4), (4, 1), (8, 2), (2, 8)):
        a, v = normal(na), normal(nv)
        T('correlate %s %dx%d' % (mode, na, nv), "marsql.correlate(%s, %s, '%s')" % (lit(a), lit(v), mode),
          np.correlate(a, v, mode), F64)
        T('convolve %s %dx%d' % (mode, na, nv), "marsql.convolve(%s, %s, '%s')" % (lit(a), lit(v), mode),
          np.convolve(a, v, mode), F64)
    ca = np.array([1 + 1j, 2, 3 - 1j])
    cv = np.array([0, 1, 0.5j])
    T('correlate complex docstring %s' % mode, "marsql.correlate(%s, %s, '%s')" % (lit(ca), lit(cv), mode),
      np.correlate(ca, cv, mode), F64)
    T('correlate complex reversed %s' % mode, "marsql.correlate(%s, %s, '%s')" % (lit(cv), lit(ca), mode),
      np.correlate(cv, ca, mode), F64)
    T('convolve complex %s' % mode, "marsql.convolve(%s, %s, '%s')" % (lit(ca), lit(cv[:2]), mode),
      np.convolve(ca, cv[:2], mode), F64)
T('correlate default valid', 'marsql.correlate(%s, %s)' % (lit(np.arange(5.0)), lit(np.array([1.0, -1]))),
  np.correlate(np.arange(5.0), [1.0, -1]), F64)
T('convolve default full', 'marsql.convolve(%s, %s)' % (lit(np.arange(5.0)), lit(np.array([1.0, -1]))),
  np.convolve(np.arange(5.0), [1.0, -1]), F64)
T('convolve int64 exact', 'marsql.convolve(%s, %s)' % (lit(np.array([1, 2, 3])), lit(np.array([4, 5]))), np.convolve([1, 2, 3], [4, 5]))
T('convolve int8 wraps', 'marsql.convolve(%s, %s)' % (lit(np.array([100, 100], np.int8)), lit(np.array([2, 1], np.int8))),
  np.convolve(np.array([100, 100], np.int8), np.array([2, 1], np.int8)))
T('correlate int32 with float32', 'marsql.correlate(%s, %s)' % (lit(np.array([1, 2, 3], np.int32)), lit(np.array([0.5, 1], np.float32))),
  np.correlate(np.array([1, 2, 3], np.int32), np.array([0.5, 1], np.float32)), F64)
a32, v32 = normal(5, dt=np.float32), normal(3, dt=np.float32)
T('correlate float32', "marsql.correlate(%s, %s, 'full')" % (lit(a32), lit(v32)), np.correlate(a32, v32, 'full'), F32)
T('convolve bool', 'marsql.convolve(%s, %s)' % (lit(np.array([True, False])), lit(np.array([False, True]))),
  np.convolve(np.array([True, False]), np.array([False, True])))
E('correlate 0-d operand', 'marsql.correlate(%s, %s)' % (lit(np.array(2.0)), lit(np.array([1.0, 3]))), '22',
  lambda: np.correlate(2.0, [1.0, 3]))
E('convolve empty a', 'marsql.convolve(%s, %s)' % (lit(np.zeros(0)), lit(np.ones(2))), '22', lambda: np.convolve(np.zeros(0), np.ones(2)))
E('correlate empty v', 'marsql.correlate(%s, %s)' % (lit(np.ones(2)), lit(np.zeros(0))), '22', lambda: np.correlate(np.ones(2), np.zeros(0)))
E('correlate unknown mode', "marsql.correlate(%s, %s, 'middle')" % (lit(np.ones(2)), lit(np.ones(2))), '22',
  lambda: np.correlate(np.ones(2), np.ones(2), 'middle'))
E('convolve 2-D', 'marsql.convolve(%s, %s)' % (lit(np.ones((2, 2))), lit(np.ones(2))), '22', lambda: np.convolve(np.ones((2, 2)), np.ones(2)))

# ---- cov, corrcoef
CX = np.array([[0, 2], [1, 1], [2, 0]]).T
T('cov docstring', 'marsql.cov(%s)' % lit(CX), np.cov(CX), F64)
CXx, CXy = np.array([-2.1, -1, 4.3]), np.array([3, 1.1, 0.12])
T('cov docstring x, y', 'marsql.cov(%s, %s)' % (lit(CXx), lit(CXy)), np.cov(CXx, CXy), F64)
T('cov docstring x alone is 0-d', 'marsql.cov(%s)' % lit(CXx), np.cov(CXx), F64)
T('cov docstring y alone', 'marsql.cov(%s)' % lit(CXy), np.cov(CXy), F64)
CM = normal(4, 9)
for rowvar in (True, False):
    for bias in (False, True):
        T('cov rowvar=%s bias=%s' % (rowvar, bias), 'marsql.cov(%s, rowvar => %s, bias => %s)' % (lit(CM), rowvar, bias),
          np.cov(CM, rowvar=rowvar, bias=bias), F64)
    yv = normal(2, 9) if rowvar else normal(4, 2)
    T('cov with y rowvar=%s' % rowvar, 'marsql.cov(%s, %s, %s)' % (lit(CM), lit(yv), rowvar), np.cov(CM, yv, rowvar=rowvar), F64)
    T('corrcoef rowvar=%s' % rowvar, 'marsql.corrcoef(%s, rowvar => %s)' % (lit(CM), rowvar), np.corrcoef(CM, rowvar=rowvar), F64)
    T('corrcoef with y rowvar=%s' % rowvar, 'marsql.corrcoef(%s, %s, %s)' % (lit(CM), lit(yv), rowvar),
      np.corrcoef(CM, yv, rowvar=rowvar), F64)
for ddof in (0, 1, 3):
    T('cov ddof=%d' % ddof, 'marsql.cov(%s, ddof => %d)' % (lit(CM), ddof), np.cov(CM, ddof=ddof), F64)
FW = rng.integers(0, 4, 9)
AW = uniform(0.1, 2, 9)
T('cov fweights', 'marsql.cov(%s, fweights => %s)' % (lit(CM), lit(FW)), np.cov(CM, fweights=FW), F64)
T('cov aweights', 'marsql.cov(%s, aweights => %s)' % (lit(CM), lit(AW)), np.cov(CM, aweights=AW), F64)
T('cov both weights ddof 2', 'marsql.cov(%s, ddof => 2, fweights => %s, aweights => %s)' % (lit(CM), lit(FW), lit(AW)),
  np.cov(CM, ddof=2, fweights=FW, aweights=AW), F64)
T('cov both weights bias', 'marsql.cov(%s, bias => true, fweights => %s, aweights => %s)' % (lit(CM), lit(FW), lit(AW)),
  np.cov(CM, bias=True, fweights=FW, aweights=AW), F64)
CC = normal(2, 5) + 1j * normal(2, 5)
# normwise: the diagonal's imaginary parts are zero in exact arithmetic, and
# numpy's are rounding noise (1e-17) that marsql need not reproduce
T('cov complex', 'marsql.cov(%s)' % lit(CC), np.cov(CC), (1e-12, 1e-12 * np.max(np.abs(np.cov(CC)))))
T('corrcoef complex', 'marsql.corrcoef(%s)' % lit(CC), np.corrcoef(CC), (1e-12, 1e-12))
T('cov int is float64', 'marsql.cov(%s)' % lit(np.array([[1, 2, 4], [3, 1, 0]])), np.cov(np.array([[1, 2, 4], [3, 1, 0]])), F64)
T('cov float32 is float64', 'marsql.cov(%s)' % lit(CM.astype(np.float32)), np.cov(CM.astype(np.float32)), F64)
T('cov of one observation is NaN (ddof 1)', 'marsql.cov(%s)' % lit(np.array([[1.0], [2.0]])),
  st_quiet(np.cov, np.array([[1.0], [2.0]])), F64)
T('corrcoef of one variable', 'marsql.corrcoef(%s)' % lit(CXx), np.corrcoef(CXx), F64)
X3c = normal(3, 10)
T('corrcoef 3 variables', 'marsql.corrcoef(%s)' % lit(X3c), np.corrcoef(X3c), F64)
T('cov of an empty m', 'marsql.cov(%s)' % lit(np.zeros((0, 3))), st_quiet(np.cov, np.zeros((0, 3))), F64)
E('cov of 3-D m', 'marsql.cov(%s)' % lit(np.ones((2, 2, 2))), '22', lambda: np.cov(np.ones((2, 2, 2))))
E('cov fweights not integer', 'marsql.cov(%s, fweights => %s)' % (lit(CM), lit(np.full(9, 1.5))), '22',
  st_raises(lambda: np.cov(CM, fweights=np.full(9, 1.5))))
E('cov negative aweights', 'marsql.cov(%s, aweights => %s)' % (lit(CM), lit(-AW)), '22', lambda: np.cov(CM, aweights=-AW))
E('cov weights length', 'marsql.cov(%s, aweights => %s)' % (lit(CM), lit(AW[:4])), '22',
  lambda: (_ for _ in ()).throw(ValueError('numpy raises RuntimeError')) if True else None)
E('cov y with other observations', 'marsql.cov(%s, %s)' % (lit(CM), lit(normal(2, 4))), '22', lambda: np.cov(CM, normal(2, 4)))

# ---- complex medians (numpy sorts complex by real, then imaginary part)
def st_median_nan2(z, axis):
    """numpy 2's median of a slice holding NaN is the slice's last element
    in sort order (_median_nancheck copies potential_nans); numpy 1.24
    writes nan + 0j"""
    r = np.asarray(st_quiet(np.median, z, axis=axis))
    zz = z.reshape(-1) if axis is None else np.moveaxis(z, axis, -1)
    last = np.sort(zz, axis=-1)[..., -1]
    return np.where(np.isnan(last), last, r)


for dt in ('complex128', 'complex64'):
    zc = (normal(3, 5) + 1j * normal(3, 5)).astype(dt)
    zc[0, 0] = 1.5 + 2j
    zc[0, 1] = 1.5 - 1j     # equal real parts: the imaginary part decides
    tol = F32 if dt == 'complex64' else F64
    for ax in (None, 0, 1):
        T('median %s axis=%s' % (dt, ax), 'marsql.median(%s, %s)' % (lit(zc), st_axis(ax)), np.median(zc, axis=ax), tol)
        T('median %s even axis=%s' % (dt, ax), 'marsql.median(%s, %s)' % (lit(zc[:, :4]), st_axis(ax)), np.median(zc[:, :4], axis=ax), tol)
    zn = zc.copy()
    zn[1, 2] = complex(np.nan, 1)
    zn[2, 0] = complex(1, np.nan)
    for ax in (None, 0, 1):
        T('median %s with NaN axis=%s (numpy 2)' % (dt, ax), 'marsql.median(%s, %s)' % (lit(zn), st_axis(ax)),
          st_median_nan2(zn, ax), tol)
        T('nanmedian %s axis=%s' % (dt, ax), 'marsql.nanmedian(%s, %s)' % (lit(zn), st_axis(ax)),
          st_quiet(np.nanmedian, zn, axis=ax), tol)


# ---- histogram2d
def st_hist2(desc, sql, ref, tol=F64):
    h, xe, ye = ref

    def verify(rows):
        row = one_row(rows)
        out = []
        for name, exp in (('hist', h), ('xedges', xe), ('yedges', ye)):
            got = parse_tensor(col(row, name))
            if got.dtype != np.asarray(exp).dtype:
                out.append('%s dtype %s, numpy %s' % (name, got.dtype, np.asarray(exp).dtype))
            d = compare(got, exp, tol, name)
            if d:
                out.append(d)
        return '\n'.join(out) or None
    R(desc, 'SELECT r.hist, r.xedges, r.yedges FROM %s r' % sql, verify)


H2x, H2y = normal(100), normal(100)
H2w = uniform(0, 1, 100)
for bins in (1, 4, 7):
    st_hist2('histogram2d bins=%d' % bins, 'marsql.histogram2d(%s, %s, %d)' % (lit(H2x), lit(H2y), bins), np.histogram2d(H2x, H2y, bins))
st_hist2('histogram2d bins [3,5] range density', 'marsql.histogram2d(%s, %s, ARRAY[3,5], ARRAY[[-1,1],[-2,0.5]], true)' % (lit(H2x), lit(H2y)),
         np.histogram2d(H2x, H2y, [3, 5], range=[[-1, 1], [-2, 0.5]], density=True))
st_hist2('histogram2d edges weights', 'marsql.histogram2d(%s, %s, %s, weights => %s)' % (lit(H2x), lit(H2y), lit(np.array([-2.0, -0.5, 0, 0.3, 2])), lit(H2w)),
         np.histogram2d(H2x, H2y, np.array([-2.0, -0.5, 0, 0.3, 2]), weights=H2w))
st_hist2('histogram2d docstring-like int edges', 'marsql.histogram2d(%s, %s, %s)' % (lit(np.array([1, 2, 2, 3, 0.5])), lit(np.array([0, 1, 1, 2, 2.0])), lit(np.array([0, 1, 2, 3]))),
         np.histogram2d(np.array([1, 2, 2, 3, 0.5]), np.array([0, 1, 1, 2, 2.0]), bins=np.array([0, 1, 2, 3])))
# numpy 2's linspace keeps the float32 of the data's extremes (NEP 50);
# numpy 1.24 makes float64 edges
_h, _xe, _ye = np.histogram2d(H2x.astype(np.float32), H2y.astype(np.float32), 3)
st_hist2('histogram2d float32 (numpy 2 edges)', 'marsql.histogram2d(%s, %s, 3)' % (lit(H2x.astype(np.float32)), lit(H2y.astype(np.float32))),
         (_h, _xe.astype(np.float32), _ye.astype(np.float32)), F32)
E('histogram2d bins 0', '(marsql.histogram2d(%s, %s, 0)).hist' % (lit(H2x), lit(H2y)), '22', st_raises(lambda: np.histogram2d(H2x, H2y, 0)))
E('histogram2d lengths differ', '(marsql.histogram2d(%s, %s)).hist' % (lit(H2x), lit(H2y[:5])), '22', lambda: np.histogram2d(H2x, H2y[:5]))
E('histogram2d edges decreasing', '(marsql.histogram2d(%s, %s, %s)).hist' % (lit(H2x), lit(H2y), lit(np.array([1.0, 0, -1]))), '22',
  lambda: np.histogram2d(H2x, H2y, np.array([1.0, 0, -1])))
