# ---- SQL smallint next to a tensor: numpy 2's weak Python int (NEP 50),
# as integer and bigint (issue 21).  Debian's numpy 1.24 uses value-based
# casting (int8 + 300 is int16 there); numpy 2 keeps the array's dtype, so
# the reference is computed with the scalar cast to the tensor's dtype
# (numpy 2's answer) and NEP 50 overflow is an error (E below).
SM_OPS = (('+', np.add), ('-', np.subtract), ('*', np.multiply), ('//', np.floor_divide), ('%', np.remainder))
for dt in ('int8', 'int16', 'int32', 'int64', 'uint8', 'float16', 'float32', 'float64'):
    a = np.array([1, 5, 7, 0] if dt == 'uint8' else [-3, 5, 7, 0]).astype(dt)
    for c in (2, 3):
        w = np.asarray(c, dt)                  # numpy 2: the weak int takes a's dtype
        for sym, fn in SM_OPS:
            T('%s %s smallint %d' % (dt, sym, c), "%s OPERATOR(marsql.%s) %d::smallint" % (lit(a), sym, c), fn(a, w))
            T('smallint %d %s %s' % (c, sym, dt), "%d::smallint OPERATOR(marsql.%s) %s" % (c, sym, lit(a)), fn(w, a))
        T('maximum %s smallint' % dt, 'marsql.maximum(%s, %d::smallint)' % (lit(a), c), np.maximum(a, w))
        T('minimum %s smallint' % dt, 'marsql.minimum(%s, %d::smallint)' % (lit(a), c), np.minimum(a, w))
        T('less %s smallint' % dt, 'marsql.less(%s, %d::smallint)' % (lit(a), c), np.less(a, w))
        T('equal smallint %s' % dt, 'marsql.equal(%d::smallint, %s)' % (c, lit(a)), np.equal(w, a))
    # true division of integers is float64 (numpy 2 and 1.24 agree)
    T('%s / smallint' % dt, "%s OPERATOR(marsql./) 2::smallint" % lit(a), np.true_divide(a, np.asarray(2, dt)))
# bool tensor and a weak int: int64 (numpy 2: the default integer)
B = np.array([True, False, True])
T('bool + smallint', "%s OPERATOR(marsql.+) 2::smallint" % lit(B), B.astype(np.int64) + 2)
T('0-d int8 + smallint', "%s OPERATOR(marsql.+) 2::smallint" % lit(np.array(5, np.int8)), np.array(7, np.int8))
T('empty int16 * smallint', "%s OPERATOR(marsql.*) 2::smallint" % lit(np.zeros((0, 2), np.int16)),
  np.zeros((0, 2), np.int16))
# numpy 2 raises OverflowError for a weak int the dtype cannot hold
# (numpy 1.24 upcasts; the lambda stands for numpy 2's error)
E('int8 + smallint 300 (numpy 2: OverflowError)', "%s OPERATOR(marsql.+) 300::smallint" % lit(np.array([1], np.int8)),
  '22', lambda: (_ for _ in ()).throw(ValueError('numpy 2: Python integer 300 out of bounds for int8')))
E('uint8 * smallint -1 (numpy 2: OverflowError)', "%s OPERATOR(marsql.*) (-1)::smallint" % lit(np.array([1], np.uint8)),
  '22', lambda: (_ for _ in ()).throw(ValueError('numpy 2: Python integer -1 out of bounds for uint8')))
