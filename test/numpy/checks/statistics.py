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
