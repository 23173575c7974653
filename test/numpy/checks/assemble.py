# ---- joining, splitting and editing (tensor_assemble.c, tensor_pad.c):
# atleast_1d/2d/3d, vstack, hstack, dstack, column_stack, block,
# array_split, hsplit, vsplit, dsplit, unstack, broadcast_arrays, append,
# insert, delete, resize, trim_zeros, pad, fliplr, flipud, rot90, rollaxis,
# matrix_transpose.  Data movement is compared exactly, dtype included.
# Debian's numpy is 1.24: unstack, matrix_transpose and n-d trim_zeros are
# numpy >= 2.1/2.2, so their references are written out here.

AS_DTYPES = ('bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'float16', 'float32',
             'float64', 'complex64', 'complex128')


def as_sample(dt, *shape):
    """a deterministic tensor of dtype dt, with NaN and -0.0 for the float dtypes"""
    n = int(np.prod(shape)) if shape else 1
    base = np.arange(n) % 7 - 2
    if dt == 'bool':
        a = (base % 3 == 0)
    elif dt == 'uint8':
        a = (base + 2).astype(np.uint8) * 30
    elif dt.startswith('complex'):
        a = (base + 1j * (base[::-1] - 1)).astype(dt)
    else:
        a = base.astype(dt)
        if dt.startswith('float') and n >= 3:
            a = a * 1.5
            a[1] = np.nan
            a[2] = -0.0
    return np.asarray(a).reshape(shape)


def LT(desc, expr, refs, tol=EXACT):
    """expr returns tensor[] equal to numpy's list of arrays refs, dtypes included"""
    refs = [np.asarray(r) for r in refs]

    def verify(rows):
        got = tensor_list(col(one_row(rows), 'r'))
        if len(got) != len(refs):
            return '%d tensors, numpy %d' % (len(got), len(refs))
        out = []
        for i, (g, e) in enumerate(zip(got, refs)):
            if g.dtype != e.dtype:
                out.append('tensor %d dtype %s, numpy %s' % (i, g.dtype.name, e.dtype.name))
            d = compare(g, e, tol, 'tensor %d' % i)
            if d:
                out.append(d)
        return '\n'.join(out) or None
    R(desc, 'SELECT %s AS r' % expr, verify)


def ER(desc, expr, sqlclass, numpy_raises):
    """E for errors numpy raises as ValueError, IndexError, TypeError or AxisError"""
    try:
        numpy_raises()
    except (ValueError, IndexError, TypeError, np.AxisError):
        pass
    else:
        raise AssertionError('numpy does not raise for: ' + desc)
    add(desc, 'SELECT %s AS r' % expr, None, expect_error=sqlclass or '')


def blk(rows):
    """ARRAY[[...],[...]] of tensor literals"""
    return 'ARRAY[%s]::marsql.tensor[]' % ','.join(
        '[%s]' % ','.join(lit(x) for x in row) for row in rows)


# -- atleast_nd
for dt in AS_DTYPES:
    for shape in ((), (3,), (2, 3), (2, 1, 2)):
        a = as_sample(dt, *shape)
        for k, fn in ((1, np.atleast_1d), (2, np.atleast_2d), (3, np.atleast_3d)):
            T('atleast_%dd %s %s' % (k, dt, shp(a)), 'marsql.atleast_%dd(%s)' % (k, lit(a)), fn(a))
T('atleast_3d of an empty (0,) tensor', 'marsql.atleast_3d(%s)' % lit(np.zeros(0)), np.atleast_3d(np.zeros(0)))

# -- vstack, hstack, dstack, column_stack: docstring examples, mixed dtypes
a, b = np.array([1, 2, 3]), np.array([4, 5, 6])
T('vstack docstring 1-D', 'marsql.vstack(%s)' % tarr([a, b]), np.vstack([a, b]))
T('vstack docstring columns', 'marsql.vstack(%s)' % tarr([a[:, None], b[:, None]]), np.vstack([a[:, None], b[:, None]]))
T('hstack docstring 1-D', 'marsql.hstack(%s)' % tarr([a, b]), np.hstack([a, b]))
T('hstack docstring columns', 'marsql.hstack(%s)' % tarr([a[:, None], b[:, None]]), np.hstack([a[:, None], b[:, None]]))
T('dstack docstring 1-D', 'marsql.dstack(%s)' % tarr([a, b]), np.dstack([a, b]))
T('dstack docstring columns', 'marsql.dstack(%s)' % tarr([a[:, None], b[:, None]]), np.dstack([a[:, None], b[:, None]]))
T('column_stack docstring', 'marsql.column_stack(%s)' % tarr([a, b]), np.column_stack([a, b]))
T('column_stack 2-D with 1-D', 'marsql.column_stack(%s)' % tarr([np.ones((3, 2)), a]), np.column_stack([np.ones((3, 2)), a]))
T('column_stack 0-d', 'marsql.column_stack(%s)' % tarr([np.array(1.5), np.array(2.5)]),
  np.column_stack([np.array(1.5), np.array(2.5)]))
T('vstack 0-d tensors', 'marsql.vstack(%s)' % tarr([np.array(1), np.array(2)]), np.vstack([np.array(1), np.array(2)]))
T('hstack 0-d tensors', 'marsql.hstack(%s)' % tarr([np.array(1), np.array(2)]), np.hstack([np.array(1), np.array(2)]))
T('hstack empty and 1-D', 'marsql.hstack(%s)' % tarr([np.zeros(0), a.astype(np.float64)]), np.hstack([np.zeros(0), a.astype(np.float64)]))
for dt in AS_DTYPES:
    x = as_sample(dt, 2, 3)
    for name, fn in (('vstack', np.vstack), ('hstack', np.hstack), ('dstack', np.dstack), ('column_stack', np.column_stack)):
        T('%s %s' % (name, dt), 'marsql.%s(%s)' % (name, tarr([x, x[::-1]])), fn([x, x[::-1]]))
for d1, d2 in (('int8', 'uint8'), ('int64', 'float32'), ('bool', 'int16'), ('float16', 'complex64'), ('int32', 'float16')):
    x, y = as_sample(d1, 2, 2), as_sample(d2, 2, 2)
    for name, fn in (('vstack', np.vstack), ('hstack', np.hstack), ('dstack', np.dstack), ('column_stack', np.column_stack)):
        T('%s %s with %s promotes' % (name, d1, d2), 'marsql.%s(%s)' % (name, tarr([x, y])), fn([x, y]))
ER('vstack of mismatched widths', 'marsql.vstack(%s)' % tarr([np.ones(2), np.ones(3)]), '22023',
   lambda: np.vstack([np.ones(2), np.ones(3)]))
ER('hstack of mismatched heights', 'marsql.hstack(%s)' % tarr([np.ones((2, 1)), np.ones((3, 1))]), '22023',
   lambda: np.hstack([np.ones((2, 1)), np.ones((3, 1))]))
ER('column_stack of mismatched lengths', 'marsql.column_stack(%s)' % tarr([np.ones(2), np.ones(3)]), '22023',
   lambda: np.column_stack([np.ones(2), np.ones(3)]))
ER('vstack of nothing', 'marsql.vstack(ARRAY[]::marsql.tensor[])', '22023', lambda: np.vstack([]))

# -- block
A, B = 2 * np.eye(2), 3 * np.eye(3)
Z23, Z32 = np.zeros((2, 3)), np.zeros((3, 2))
T('block docstring 2x2 blocks', 'marsql.block(%s)' % blk([[A, Z23], [Z32, B]]), np.block([[A, Z23], [Z32, B]]))
T('block docstring 1-D', 'marsql.block(%s)' % tarr([np.array([1, 2, 3]), np.array([4, 5]), np.array([6])]),
  np.block([np.array([1, 2, 3]), np.array([4, 5]), np.array([6])]))
T('block docstring vstack-like', 'marsql.block(%s)' % blk([[np.array([1, 2, 3])], [np.array([4, 5, 6])]]),
  np.block([[np.array([1, 2, 3])], [np.array([4, 5, 6])]]))
T('block of 0-d tensors', 'marsql.block(%s)' % tarr([np.array(1), np.array(2)]), np.block([np.array(1), np.array(2)]))
T('block of 0-d in rows', 'marsql.block(%s)' % blk([[np.array(1), np.array(2)], [np.array(3), np.array(4)]]),
  np.block([[np.array(1), np.array(2)], [np.array(3), np.array(4)]]))
T('block 3-D tensors in a row', 'marsql.block(%s)' % tarr([np.ones((2, 2, 1)), np.zeros((2, 2, 3))]),
  np.block([np.ones((2, 2, 1)), np.zeros((2, 2, 3))]))
T('block mixed int8 uint8 float16', 'marsql.block(%s)' % blk([[np.ones((1, 1), np.int8), np.ones((1, 2), np.uint8)],
                                                                [np.ones((2, 3), np.float16)]][:1] + [[np.ones((2, 1), np.float16), np.ones((2, 2), np.float16)]]),
  np.block([[np.ones((1, 1), np.int8), np.ones((1, 2), np.uint8)], [np.ones((2, 1), np.float16), np.ones((2, 2), np.float16)]]))
for dt in AS_DTYPES:
    x = as_sample(dt, 2, 2)
    T('block 2x2 %s' % dt, 'marsql.block(%s)' % blk([[x, x], [x, x]]), np.block([[x, x], [x, x]]))
ER('block rows of different widths', 'marsql.block(%s)' % blk([[np.ones((1, 2)), np.ones((1, 1))], [np.ones((1, 2)), np.ones((1, 2))]]),
   '22023', lambda: np.block([[np.ones((1, 2)), np.ones((1, 1))], [np.ones((1, 2)), np.ones((1, 2))]]))

# -- array_split, hsplit, vsplit, dsplit, unstack
x = np.arange(8.0)
LT('array_split docstring 3 of 8', 'marsql.array_split(%s, 3)' % lit(x), np.array_split(x, 3))
LT('array_split 9 of 7 (empty pieces)', 'marsql.array_split(%s, 9)' % lit(np.arange(7)), np.array_split(np.arange(7), 9))
LT('array_split indices', 'marsql.array_split(%s, %s)' % (lit(x), iarr([3, 5, 6, 10])), np.array_split(x, [3, 5, 6, 10]))
m = np.arange(16.0).reshape(4, 4)
LT('array_split 3 axis 1', 'marsql.array_split(%s, 3, 1)' % lit(m), np.array_split(m, 3, 1))
LT('array_split 3 axis -2', 'marsql.array_split(%s, 3, -2)' % lit(m), np.array_split(m, 3, -2))
LT('array_split of an empty axis', 'marsql.array_split(%s, 2)' % lit(np.zeros((0, 3))), np.array_split(np.zeros((0, 3)), 2))
LT('hsplit docstring 2', 'marsql.hsplit(%s, 2)' % lit(m), np.hsplit(m, 2))
LT('hsplit docstring indices', 'marsql.hsplit(%s, %s)' % (lit(m), iarr([3, 6])), np.hsplit(m, [3, 6]))
LT('hsplit 1-D', 'marsql.hsplit(%s, 2)' % lit(x), np.hsplit(x, 2))
LT('vsplit docstring 2', 'marsql.vsplit(%s, 2)' % lit(m), np.vsplit(m, 2))
LT('vsplit docstring indices', 'marsql.vsplit(%s, %s)' % (lit(m), iarr([3, 6])), np.vsplit(m, [3, 6]))
x3 = np.arange(16.0).reshape(2, 2, 4)
LT('dsplit docstring 2', 'marsql.dsplit(%s, 2)' % lit(x3), np.dsplit(x3, 2))
LT('dsplit docstring indices', 'marsql.dsplit(%s, %s)' % (lit(x3), iarr([3, 6])), np.dsplit(x3, [3, 6]))
for dt in AS_DTYPES:
    y = as_sample(dt, 3, 4)
    LT('array_split %s' % dt, 'marsql.array_split(%s, 3, 1)' % lit(y), np.array_split(y, 3, 1))
    LT('unstack %s axis 1' % dt, 'marsql.unstack(%s, 1)' % lit(y), [y[:, i] for i in range(4)])
LT('unstack docstring (stack inverse)', 'marsql.unstack(%s)' % lit(x3), [x3[i] for i in range(2)])
LT('unstack axis -1', 'marsql.unstack(%s, -1)' % lit(x3), [x3[..., i] for i in range(4)])
LT('unstack 1-D to 0-d', 'marsql.unstack(%s)' % lit(np.array([1, 2], np.int8)), [np.array(1, np.int8), np.array(2, np.int8)])
ER('array_split into 0 sections', 'marsql.array_split(%s, 0)' % lit(x), '22023', lambda: np.array_split(x, 0))
ER('hsplit unequal', 'marsql.hsplit(%s, 3)' % lit(m), '22023', lambda: np.hsplit(m, 3))
ER('hsplit of a 0-d tensor', 'marsql.hsplit(%s, 1)' % lit(np.array(1.0)), '22023', lambda: np.hsplit(np.array(1.0), 1))
ER('vsplit of a 1-D tensor', 'marsql.vsplit(%s, 2)' % lit(x), '22023', lambda: np.vsplit(x, 2))
ER('dsplit of a 2-D tensor', 'marsql.dsplit(%s, 2)' % lit(m), '22023', lambda: np.dsplit(m, 2))
ER('array_split axis out of range', 'marsql.array_split(%s, 2, 2)' % lit(m), '22023', lambda: np.array_split(m, 2, 2))
ER('unstack axis out of range', 'marsql.unstack(%s, 3)' % lit(x3), '22023', lambda: np.moveaxis(x3, 3, 0))

# -- broadcast_arrays
p, q = np.array([[1, 2, 3]]), np.array([[4], [5]])
LT('broadcast_arrays docstring', 'marsql.broadcast_arrays(%s)' % tarr([p, q]), np.broadcast_arrays(p, q))
LT('broadcast_arrays keeps dtypes', 'marsql.broadcast_arrays(%s)' % tarr([p.astype(np.int8), q.astype(np.float16), np.array(True)]),
   np.broadcast_arrays(p.astype(np.int8), q.astype(np.float16), np.array(True)))
LT('broadcast_arrays one tensor', 'marsql.broadcast_arrays(%s)' % tarr([p]), np.broadcast_arrays(p))
LT('broadcast_arrays with an empty axis', 'marsql.broadcast_arrays(%s)' % tarr([np.zeros((0, 1)), np.ones(3)]),
   np.broadcast_arrays(np.zeros((0, 1)), np.ones(3)))
for dt in AS_DTYPES:
    y = as_sample(dt, 3, 1)
    LT('broadcast_arrays %s' % dt, 'marsql.broadcast_arrays(%s)' % tarr([y, as_sample(dt, 2)]),
       np.broadcast_arrays(y, as_sample(dt, 2)))
ER('broadcast_arrays mismatch', 'marsql.broadcast_arrays(%s)' % tarr([np.ones(2), np.ones(3)]), '22023',
   lambda: np.broadcast_arrays(np.ones(2), np.ones(3)))

# -- append
T('append docstring flattening', 'marsql.append(%s, %s)' % (lit(np.array([1, 2, 3])), lit(np.array([[4, 5, 6], [7, 8, 9]]))),
  np.append([1, 2, 3], [[4, 5, 6], [7, 8, 9]]))
T('append docstring axis 0', 'marsql.append(%s, %s, 0)' % (lit(np.array([[1, 2, 3], [4, 5, 6]])), lit(np.array([[7, 8, 9]]))),
  np.append([[1, 2, 3], [4, 5, 6]], [[7, 8, 9]], axis=0))
T('append 0-d to 0-d', 'marsql.append(%s, %s)' % (lit(np.array(1.5)), lit(np.array(-0.0))), np.append(np.array(1.5), np.array(-0.0)))
for dt in AS_DTYPES:
    y = as_sample(dt, 2, 3)
    T('append %s axis -1' % dt, 'marsql.append(%s, %s, -1)' % (lit(y), lit(y[:, :1])), np.append(y, y[:, :1], axis=-1))
for d1, d2 in (('int8', 'uint8'), ('int64', 'float32'), ('bool', 'float16'), ('int16', 'complex64')):
    T('append %s with %s promotes' % (d1, d2), 'marsql.append(%s, %s)' % (lit(as_sample(d1, 3)), lit(as_sample(d2, 2))),
      np.append(as_sample(d1, 3), as_sample(d2, 2)))
ER('append with different ndim along an axis', 'marsql.append(%s, %s, 0)' % (lit(np.ones((2, 3))), lit(np.ones(3))), '22023',
   lambda: np.append(np.ones((2, 3)), np.ones(3), axis=0))

# -- insert (docstring examples of numpy 2)
a = np.array([[1, 1], [2, 2], [3, 3]])
T('insert docstring flattening', 'marsql.insert(%s, 1, %s)' % (lit(a), lit(np.array(5))), np.insert(a, 1, 5))
T('insert docstring axis 1 scalar', 'marsql.insert(%s, 1, %s, 1)' % (lit(a), lit(np.array(5))), np.insert(a, 1, 5, axis=1))
T('insert docstring [1] axis 1', 'marsql.insert(%s, %s, %s, 1)' % (lit(a), iarr([1]), lit(np.array([[1], [2], [3]]))),
  np.insert(a, [1], [[1], [2], [3]], axis=1))
T('insert docstring scalar index axis 1 sequence', 'marsql.insert(%s, 1, %s, 1)' % (lit(a), lit(np.array([1, 2, 3]))),
  np.insert(a, 1, [1, 2, 3], axis=1))
b = a.flatten()
T('insert docstring [2,2]', 'marsql.insert(%s, %s, %s)' % (lit(b), iarr([2, 2]), lit(np.array([5, 6]))), np.insert(b, [2, 2], [5, 6]))
T('insert docstring slice-like', 'marsql.insert(%s, %s, %s)' % (lit(b), iarr([2, 4]), lit(np.array([5, 6]))), np.insert(b, [2, 4], [5, 6]))
T('insert docstring float into int truncates', 'marsql.insert(%s, %s, %s)' % (lit(b), iarr([2, 2]), lit(np.array([7.13, False]))),
  np.insert(b, [2, 2], [7.13, False]))
x = np.arange(8).reshape(2, 4)
T('insert docstring 2-D indices axis 1', 'marsql.insert(%s, %s, %s, 1)' % (lit(x), iarr([1, 3]), lit(np.array(999))),
  np.insert(x, [1, 3], 999, axis=1))
T('insert at the end', 'marsql.insert(%s, 6, %s)' % (lit(b), lit(np.array(-1))), np.insert(b, 6, -1))
T('insert negative index', 'marsql.insert(%s, -1, %s, 0)' % (lit(a), lit(np.array([9, 9]))), np.insert(a, -1, [9, 9], axis=0))
T('insert unsorted indices', 'marsql.insert(%s, %s, %s)' % (lit(b), iarr([4, 0, 4, -6]), lit(np.array([1, 2, 3, 4]))),
  np.insert(b, [4, 0, 4, -6], [1, 2, 3, 4]))
T('insert no indices', 'marsql.insert(%s, ARRAY[]::int[], %s)' % (lit(b), lit(np.array(1))), np.insert(b, np.array([], np.intp), 1))
T('insert into an empty tensor', 'marsql.insert(%s, 0, %s)' % (lit(np.zeros(0)), lit(np.array([1.5, -0.0]))),
  np.insert(np.zeros(0), 0, [1.5, -0.0]))
for dt in AS_DTYPES:
    y = as_sample(dt, 2, 3)
    v = as_sample(dt, 2)
    T('insert %s axis 1 scalar index' % dt, 'marsql.insert(%s, 2, %s, 1)' % (lit(y), lit(v)), np.insert(y, 2, v, axis=1))
    T('insert %s indices' % dt, 'marsql.insert(%s, %s, %s)' % (lit(y), iarr([0, 6]), lit(v)), np.insert(y, [0, 6], v))
T('insert int8 values into float32 keep float32', 'marsql.insert(%s, 1, %s)' % (lit(as_sample('float32', 3)), lit(np.array([100], np.int8))),
  np.insert(as_sample('float32', 3), 1, np.array([100], np.int8)))
ER('insert index out of bounds', 'marsql.insert(%s, 7, %s)' % (lit(b), lit(np.array(1))), '2202E', lambda: np.insert(b, 7, 1))
ER('insert index below -n', 'marsql.insert(%s, -7, %s)' % (lit(b), lit(np.array(1))), '2202E', lambda: np.insert(b, -7, 1))
ER('insert indices out of bounds', 'marsql.insert(%s, %s, %s)' % (lit(b), iarr([1, 9]), lit(np.array(1))), '2202E',
   lambda: np.insert(b, [1, 9], 1))
ER('insert values that do not broadcast', 'marsql.insert(%s, %s, %s, 0)' % (lit(a), iarr([1, 2]), lit(np.ones(3))), '22023',
   lambda: np.insert(a, [1, 2], np.ones(3), axis=0))
ER('insert axis out of range', 'marsql.insert(%s, 1, %s, 2)' % (lit(a), lit(np.array(1))), '22023', lambda: np.insert(a, 1, 1, axis=2))

# -- delete
arr = np.array([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]])
T('delete docstring row 1', 'marsql.delete(%s, 1, 0)' % lit(arr), np.delete(arr, 1, 0))
T('delete docstring slice-like', 'marsql.delete(%s, %s)' % (lit(arr), iarr(range(0, 12, 2))), np.delete(arr, np.s_[::2], None))
T('delete docstring indices axis 1', 'marsql.delete(%s, %s, 1)' % (lit(arr), iarr([1, 3, 5][:2])), np.delete(arr, [1, 3], 1))
T('delete docstring mask', 'marsql.delete(%s, %s)' % (lit(np.arange(12) + 1), lit(np.array([True, False] * 6))),
  np.delete(np.arange(12) + 1, np.array([True, False] * 6)))
T('delete int tensor indices with repeats', 'marsql.delete(%s, %s, 1)' % (lit(arr), lit(np.array([[-1, 0], [0, 3]], np.int16))),
  np.delete(arr, np.array([[-1, 0], [0, 3]], np.int16), 1))
T('delete negative index', 'marsql.delete(%s, -1, -1)' % lit(arr), np.delete(arr, -1, -1))
T('delete nothing', 'marsql.delete(%s, ARRAY[]::int[], 0)' % lit(arr), np.delete(arr, np.array([], np.intp), 0))
T('delete 0-d flattened', 'marsql.delete(%s, 0)' % lit(np.array(1.5)), np.delete(np.array(1.5), 0))
for dt in AS_DTYPES:
    y = as_sample(dt, 3, 4)
    T('delete %s axis 1' % dt, 'marsql.delete(%s, %s, 1)' % (lit(y), iarr([0, 2])), np.delete(y, [0, 2], 1))
    T('delete %s flattened mask' % dt, 'marsql.delete(%s, %s)' % (lit(y), lit(np.arange(12) % 5 == 0)), np.delete(y, np.arange(12) % 5 == 0))
ER('delete index out of bounds', 'marsql.delete(%s, 3, 0)' % lit(arr), '2202E', lambda: np.delete(arr, 3, 0))
ER('delete indices out of bounds', 'marsql.delete(%s, %s, 1)' % (lit(arr), iarr([0, -5])), '2202E', lambda: np.delete(arr, [0, -5], 1))
ER('delete mask of a wrong length', 'marsql.delete(%s, %s, 0)' % (lit(arr), lit(np.array([True, False]))), '22023',
   lambda: np.delete(arr, np.array([True, False]), 0))
ER('delete float indices', 'marsql.delete(%s, %s, 0)' % (lit(arr), lit(np.array([1.0]))), '42804',
   lambda: np.delete(arr, np.array([1.0]), 0))

# -- resize
a = np.array([[0, 1], [2, 3]])
T('resize docstring (2,3)', 'marsql.resize(%s, %s)' % (lit(a), iarr([2, 3])), np.resize(a, (2, 3)))
T('resize docstring (1,4)', 'marsql.resize(%s, %s)' % (lit(a), iarr([1, 4])), np.resize(a, (1, 4)))
T('resize docstring (2,4)', 'marsql.resize(%s, %s)' % (lit(a), iarr([2, 4])), np.resize(a, (2, 4)))
T('resize to 0-d', 'marsql.resize(%s, ARRAY[]::int[])' % lit(a), np.resize(a, ()))
T('resize to empty', 'marsql.resize(%s, %s)' % (lit(a), iarr([0, 3])), np.resize(a, (0, 3)))
T('resize an empty tensor gives zeros', 'marsql.resize(%s, %s)' % (lit(np.zeros(0, np.int8)), iarr([2, 2])),
  np.zeros((2, 2), np.int8))
for dt in AS_DTYPES:
    y = as_sample(dt, 5)
    T('resize %s' % dt, 'marsql.resize(%s, %s)' % (lit(y), iarr([3, 4])), np.resize(y, (3, 4)))
ER('resize to a negative extent', 'marsql.resize(%s, %s)' % (lit(a), iarr([-1, 2])), '22023', lambda: np.resize(a, (-1, 2)))


# -- trim_zeros (1-D numpy docstring; n-d is numpy >= 2.2: the bounding box)
def trim_ref(a, trim='fb'):
    a = np.asarray(a)
    nz = np.argwhere(a != 0)
    sl = []
    for d in range(a.ndim):
        lo = nz[:, d].min() if len(nz) else a.shape[d]
        hi = nz[:, d].max() + 1 if len(nz) else 0
        start = lo if 'f' in trim.lower() else 0
        stop = hi if 'b' in trim.lower() else a.shape[d]
        sl.append(slice(start, max(start, stop)))
    return a[tuple(sl)]


a = np.array((0, 0, 0, 1, 2, 3, 0, 2, 1, 0))
for trim in ('fb', 'f', 'b', 'bf', 'B'):
    T('trim_zeros docstring %s' % trim, "marsql.trim_zeros(%s, '%s')" % (lit(a), trim), np.trim_zeros(a, trim))
T('trim_zeros default', 'marsql.trim_zeros(%s)' % lit(a), np.trim_zeros(a))
T('trim_zeros all zeros', 'marsql.trim_zeros(%s)' % lit(np.zeros(4)), np.trim_zeros(np.zeros(4)))
T('trim_zeros all zeros front only', "marsql.trim_zeros(%s, 'f')" % lit(np.zeros(4)), np.trim_zeros(np.zeros(4), 'f'))
T('trim_zeros empty', 'marsql.trim_zeros(%s)' % lit(np.zeros(0)), np.trim_zeros(np.zeros(0)))
T('trim_zeros -0.0 is zero, NaN is not', 'marsql.trim_zeros(%s)' % lit(np.array([-0.0, np.nan, 0.0, 1.0, -0.0])),
  np.trim_zeros(np.array([-0.0, np.nan, 0.0, 1.0, -0.0])))
for dt in AS_DTYPES:
    y = np.concatenate([np.zeros(2, dt), as_sample(dt, 4), np.zeros(3, dt)])
    T('trim_zeros %s' % dt, 'marsql.trim_zeros(%s)' % lit(y), np.trim_zeros(y))
m = np.zeros((4, 5), np.int32)
m[1, 2], m[2, 3] = 7, -1
T('trim_zeros 2-D box (numpy 2.2)', 'marsql.trim_zeros(%s)' % lit(m), trim_ref(m))
T('trim_zeros 2-D front (numpy 2.2)', "marsql.trim_zeros(%s, 'f')" % lit(m), trim_ref(m, 'f'))
T('trim_zeros 2-D all zero (numpy 2.2)', 'marsql.trim_zeros(%s)' % lit(np.zeros((2, 3))), trim_ref(np.zeros((2, 3))))

# -- fliplr, flipud, rot90, rollaxis, matrix_transpose
A = np.diag([1.0, 2.0, 3.0])
T('fliplr docstring', 'marsql.fliplr(%s)' % lit(A), np.fliplr(A))
T('flipud docstring', 'marsql.flipud(%s)' % lit(A), np.flipud(A))
T('flipud 1-D', 'marsql.flipud(%s)' % lit(np.array([1, 2])), np.flipud(np.array([1, 2])))
m = np.array([[1, 2], [3, 4]], int)
for k in (1, 2, 3, 4, -1, 5):
    T('rot90 docstring k=%d' % k, 'marsql.rot90(%s, %d)' % (lit(m), k), np.rot90(m, k))
m3 = np.arange(8).reshape((2, 2, 2))
T('rot90 docstring axes (1,2)', 'marsql.rot90(%s, 1, %s)' % (lit(m3), iarr([1, 2])), np.rot90(m3, 1, (1, 2)))
T('rot90 axes (1,0)', 'marsql.rot90(%s, 1, %s)' % (lit(np.arange(6).reshape(2, 3)), iarr([1, 0])), np.rot90(np.arange(6).reshape(2, 3), 1, (1, 0)))
T('rot90 3 axes (-1,0) 3-D', 'marsql.rot90(%s, 3, %s)' % (lit(np.arange(24).reshape(2, 3, 4)), iarr([-1, 0])),
  np.rot90(np.arange(24).reshape(2, 3, 4), 3, (-1, 0)))
a4 = np.ones((3, 4, 5, 6))
for axis, start in ((3, 1), (2, 0), (1, 4), (-1, -2), (0, 4)):
    T('rollaxis docstring-like %d %d' % (axis, start), 'marsql.rollaxis(%s, %d, %d)' % (lit(np.arange(360).reshape(3, 4, 5, 6)), axis, start),
      np.rollaxis(np.arange(360).reshape(3, 4, 5, 6), axis, start))
T('matrix_transpose 3-D', 'marsql.matrix_transpose(%s)' % lit(np.arange(24).reshape(2, 3, 4)), np.swapaxes(np.arange(24).reshape(2, 3, 4), -1, -2))
for dt in AS_DTYPES:
    y = as_sample(dt, 2, 3)
    T('rot90 %s' % dt, 'marsql.rot90(%s)' % lit(y), np.rot90(y))
    T('fliplr %s' % dt, 'marsql.fliplr(%s)' % lit(y), np.fliplr(y))
    T('matrix_transpose %s' % dt, 'marsql.matrix_transpose(%s)' % lit(y), y.T)
ER('fliplr of 1-D', 'marsql.fliplr(%s)' % lit(np.ones(3)), '22023', lambda: np.fliplr(np.ones(3)))
ER('flipud of 0-d', 'marsql.flipud(%s)' % lit(np.array(1.0)), '22023', lambda: np.flipud(np.array(1.0)))
ER('rot90 of 1-D', 'marsql.rot90(%s)' % lit(np.ones(3)), '22023', lambda: np.rot90(np.ones(3)))
ER('rot90 same axes', 'marsql.rot90(%s, 1, %s)' % (lit(m), iarr([0, 0])), '22023', lambda: np.rot90(m, 1, (0, 0)))
ER('rot90 axes out of range', 'marsql.rot90(%s, 1, %s)' % (lit(m), iarr([0, 2])), '22023', lambda: np.rot90(m, 1, (0, 2)))
ER('rot90 three axes', 'marsql.rot90(%s, 1, %s)' % (lit(m3), iarr([0, 1, 2])), '22023', lambda: np.rot90(m3, 1, (0, 1, 2)))
ER('rollaxis start out of range', 'marsql.rollaxis(%s, 0, 5)' % lit(a4), '22023', lambda: np.rollaxis(a4, 0, 5))
ER('rollaxis axis out of range', 'marsql.rollaxis(%s, 4)' % lit(a4), '22023', lambda: np.rollaxis(a4, 4))
ER('matrix_transpose of 1-D', 'marsql.matrix_transpose(%s)' % lit(np.ones(3)), '22023', lambda: np.swapaxes(np.ones(3), -1, -2))

# -- pad


def wrap_ref(a, pads):
    """np.pad(a, pads, 'wrap') as numpy >= 1.25 computes it: periodic.
    numpy 1.24 repeats a wrong element when a pad is wider than the axis
    (np.pad(np.arange(4), (3, 5), 'wrap') ends in 1, not 0)."""
    a = np.asarray(a)
    pads = np.broadcast_to(np.asarray(pads), (a.ndim, 2))
    idx = [np.arange(-int(b), n + int(f)) % n for (b, f), n in zip(pads, a.shape)]
    return a[np.ix_(*idx)]


def _reflect_both_np2(padded, axis, left, right, odd, n, include_edge):
    """numpy 2's _set_reflect_both (one round), with original_period"""
    L = padded.shape[axis]
    old = L - right - left
    if include_edge:
        old = old // n * n
        eo = 1
    else:
        old = (old - 1) // (n - 1) * (n - 1) + 1
        eo = 0
        old -= 1
    sl = lambda s: tuple(s if d == axis else slice(None) for d in range(padded.ndim))
    if left > 0:
        c = min(old, left)
        stop = left - eo
        chunk = padded[sl(slice(stop + c, stop, -1))]
        if odd:
            chunk = 2 * padded[sl(slice(left, left + 1))] - chunk
        padded[sl(slice(left - c, left))] = chunk
        left -= c
    if right > 0:
        c = min(old, right)
        start = L - right + eo - 2
        chunk = padded[sl(slice(start, start - c if start - c >= 0 else None, -1))]
        if odd:
            chunk = 2 * padded[sl(slice(L - right - 1, L - right))] - chunk
        padded[sl(slice(L - right, L - right + c))] = chunk
        right -= c
    return left, right


def reflect_ref(a, pads, mode, rt='even'):
    """np.pad(a, pads, 'reflect'/'symmetric') as numpy >= 2 computes it.
    numpy 1.24 reflects a part of the padded area when a pad is wider than
    the axis (np.pad([1, 5, 2], (8, 1), 'reflect') starts with 2, not 1)."""
    a = np.asarray(a)
    pads = [tuple(int(v) for v in p) for p in np.broadcast_to(np.asarray(pads), (a.ndim, 2))]
    out = np.pad(a, pads, 'constant')
    for axis, (l, r) in enumerate(pads):
        n = a.shape[axis]
        if n == 1:
            out = np.concatenate([np.repeat(out.take([l], axis), l, axis), out.take(range(l, l + 1), axis),
                                  np.repeat(out.take([l], axis), r, axis)], axis)
            continue
        while l > 0 or r > 0:
            l, r = _reflect_both_np2(out, axis, l, r, rt == 'odd', n, mode == 'symmetric')
    return out


a = np.array([1, 2, 3, 4, 5])
T('pad docstring constant', "marsql.pad(%s, %s, 'constant', constant_values => 4)" % (lit(a), iarr([2, 3])),
  np.pad(a, (2, 3), 'constant', constant_values=4))
T('pad docstring edge', "marsql.pad(%s, %s, 'edge')" % (lit(a), iarr([2, 3])), np.pad(a, (2, 3), 'edge'))
T('pad docstring linear_ramp', "marsql.pad(%s, %s, 'linear_ramp', end_values => 5)" % (lit(a), iarr([2, 3])),
  np.pad(a, (2, 3), 'linear_ramp', end_values=(5, 5)))
T('pad docstring maximum', "marsql.pad(%s, 2, 'maximum')" % lit(a), np.pad(a, (2,), 'maximum'))
T('pad docstring mean', "marsql.pad(%s, 2, 'mean')" % lit(a), np.pad(a, (2,), 'mean'))
T('pad docstring median', "marsql.pad(%s, 2, 'median')" % lit(a), np.pad(a, (2,), 'median'))
T('pad docstring minimum 2-D', "marsql.pad(%s, 2, 'minimum')" % lit(np.array([[1, 2], [3, 4]])),
  np.pad(np.array([[1, 2], [3, 4]]), ((3, 2), (2, 3)), 'minimum')[1:-1, :-1] if False else
  np.pad(np.array([[1, 2], [3, 4]]), 2, 'minimum'))
T('pad docstring minimum per axis', "marsql.pad(%s, ARRAY[[3,2],[2,3]], 'minimum')" % lit(np.array([[1, 2], [3, 4]])),
  np.pad(np.array([[1, 2], [3, 4]]), ((3, 2), (2, 3)), 'minimum'))
for mode in ('reflect', 'symmetric'):
    T('pad docstring %s' % mode, "marsql.pad(%s, %s, '%s')" % (lit(a), iarr([2, 3]), mode), np.pad(a, (2, 3), mode))
    T('pad docstring %s odd' % mode, "marsql.pad(%s, %s, '%s', reflect_type => 'odd')" % (lit(a), iarr([2, 3]), mode),
      np.pad(a, (2, 3), mode, reflect_type='odd'))
T('pad docstring wrap', "marsql.pad(%s, %s, 'wrap')" % (lit(a), iarr([2, 3])), np.pad(a, (2, 3), 'wrap'))
a2 = np.arange(6).reshape(2, 3)
T('pad docstring 2-D constant per axis', "marsql.pad(%s, ARRAY[[1,2],[2,1]])" % lit(a2), np.pad(a2, ((1, 2), (2, 1))))
T('pad int (every side)', "marsql.pad(%s, 1)" % lit(a2), np.pad(a2, 1))
T('pad (2,1)-shaped width', "marsql.pad(%s, ARRAY[[1],[2]])" % lit(a2), np.pad(a2, ((1,), (2,))))
T('pad 0-d', "marsql.pad(%s, 3)" % lit(np.array(1.5)), np.pad(np.array(1.5), 3))
T('pad empty constant', "marsql.pad(%s, 1, constant_values => 7)" % lit(np.zeros((0, 2))),
  np.pad(np.zeros((0, 2)), 1, constant_values=7))
T('pad empty axis not padded, edge', "marsql.pad(%s, ARRAY[[0,0],[1,1]], 'edge')" % lit(np.zeros((0, 2))),
  np.pad(np.zeros((0, 2)), ((0, 0), (1, 1)), 'edge'))
b = np.array([1.5, -0.0, np.nan, 4.0])
for mode in ('edge', 'reflect', 'symmetric', 'wrap', 'maximum', 'minimum', 'mean', 'median'):
    T('pad NaN and -0.0 %s' % mode, "marsql.pad(%s, %s, '%s')" % (lit(b), iarr([2, 3]), mode), np.pad(b, (2, 3), mode))
# widths beyond the extent: numpy's repeated reflection
c = np.array([1, 2, 3])
for mode in ('reflect', 'symmetric', 'wrap', 'edge'):
    for rt in ('even', 'odd'):
        if mode in ('wrap', 'edge') and rt == 'odd':
            continue
        T('pad %s %s wider than the tensor' % (mode, rt), "marsql.pad(%s, %s, '%s', reflect_type => '%s')" % (lit(c), iarr([7, 8]), mode, rt),
          reflect_ref(c, (7, 8), mode, rt) if mode in ('reflect', 'symmetric') else
          (wrap_ref(c, (7, 8)) if mode == 'wrap' else np.pad(c, (7, 8), mode)))
T('pad wrap (3,5) of 4 (numpy >= 1.25)', "marsql.pad(%s, ARRAY[3,5], 'wrap')" % lit(np.arange(4)), wrap_ref(np.arange(4), (3, 5)))
T('pad reflect of a single element', "marsql.pad(%s, 2, 'reflect')" % lit(np.array([5])), np.pad(np.array([5]), 2, 'reflect'))
m = np.arange(12.0).reshape(3, 4) ** 1.5
for mode in ('constant', 'edge', 'reflect', 'symmetric', 'wrap', 'linear_ramp', 'maximum', 'minimum', 'mean', 'median'):
    T('pad 2-D %s corners' % mode, "marsql.pad(%s, ARRAY[[2,1],[3,5]], '%s')" % (lit(m), mode),
      wrap_ref(m, ((2, 1), (3, 5))) if mode == 'wrap' else np.pad(m, ((2, 1), (3, 5)), mode), F64)
for mode in ('maximum', 'mean', 'median', 'minimum'):
    T('pad 2-D %s stat_length 2' % mode, "marsql.pad(%s, 2, '%s', stat_length => ARRAY[2])" % (lit(m), mode),
      np.pad(m, 2, mode, stat_length=2), F64)
    T('pad 2-D %s stat_length pairs' % mode, "marsql.pad(%s, 2, '%s', stat_length => ARRAY[[1,3],[2,1]])" % (lit(m), mode),
      np.pad(m, 2, mode, stat_length=((1, 3), (2, 1))), F64)
T('pad mean of ints rounds half to even', "marsql.pad(%s, 1, 'mean')" % lit(np.array([1, 2, 2, 3, 2, 3], np.int32)),
  np.pad(np.array([1, 2, 2, 3, 2, 3], np.int32), 1, 'mean'))
T('pad median of ints rounds', "marsql.pad(%s, 1, 'median')" % lit(np.array([1, 2, 3, 4], np.int64)),
  np.pad(np.array([1, 2, 3, 4], np.int64), 1, 'median'))
T('pad linear_ramp int floors', "marsql.pad(%s, 3, 'linear_ramp', end_values => -4)" % lit(np.array([5, 1], np.int16)),
  np.pad(np.array([5, 1], np.int16), 3, 'linear_ramp', end_values=-4))
T('pad reflect odd int8 wraps', "marsql.pad(%s, 2, 'reflect', reflect_type => 'odd')" % lit(np.array([100, -100, 120], np.int8)),
  np.pad(np.array([100, -100, 120], np.int8), 2, 'reflect', reflect_type='odd'))
for dt in AS_DTYPES:
    y = as_sample(dt, 2, 3)
    for mode in ('constant', 'edge', 'reflect', 'symmetric', 'wrap', 'maximum', 'minimum'):
        T('pad %s %s' % (dt, mode), "marsql.pad(%s, ARRAY[1,2], '%s')" % (lit(y), mode), np.pad(y, (1, 2), mode))
    if dt not in ('bool',):
        tol = (1e-3, 1e-3) if dt == 'float16' else (F32 if dt in ('float32', 'complex64') else F64)
        for mode in ('mean', 'median', 'linear_ramp'):
            if mode == 'median' and dt.startswith('complex'):
                continue
            T('pad %s %s' % (dt, mode), "marsql.pad(%s, ARRAY[1,2], '%s')" % (lit(y), mode), np.pad(y, (1, 2), mode), tol)
        T('pad %s symmetric odd' % dt, "marsql.pad(%s, 3, 'symmetric', reflect_type => 'odd')" % lit(y),
          np.pad(y, 3, 'symmetric', reflect_type='odd'), tol)
ER('pad negative width', "marsql.pad(%s, -1)" % lit(a), '22023', lambda: np.pad(a, -1))
ER('pad bad mode', "marsql.pad(%s, 1, 'nope')" % lit(a), '22023', lambda: np.pad(a, 1, 'nope'))
ER('pad widths for too many axes', "marsql.pad(%s, ARRAY[[1,1],[1,1],[1,1]])" % lit(a2), '22023', lambda: np.pad(a2, ((1, 1), (1, 1), (1, 1))))
ER('pad an empty axis with edge', "marsql.pad(%s, 1, 'edge')" % lit(np.zeros((0, 2))), '22023', lambda: np.pad(np.zeros((0, 2)), 1, 'edge'))
ER('pad maximum with stat_length 0', "marsql.pad(%s, 1, 'maximum', stat_length => ARRAY[0])" % lit(a), '22023',
   lambda: np.pad(a, 1, 'maximum', stat_length=0))

# -- diff, ediff1d, trapezoid (numpy.trapz in numpy 1.24)
x = np.array([1, 2, 4, 7, 0])
T('diff docstring', 'marsql.diff(%s)' % lit(x), np.diff(x))
T('diff docstring n=2', 'marsql.diff(%s, 2)' % lit(x), np.diff(x, n=2))
xx = np.array([[1, 3, 6, 10], [0, 5, 6, 8]])
T('diff docstring 2-D', 'marsql.diff(%s)' % lit(xx), np.diff(xx))
T('diff docstring 2-D axis 0', 'marsql.diff(%s, axis => 0)' % lit(xx), np.diff(xx, axis=0))
u8 = np.array([1, 0], dtype=np.uint8)
T('diff docstring uint8 wraps', 'marsql.diff(%s)' % lit(u8), np.diff(u8))
T('diff bool is not_equal', 'marsql.diff(%s)' % lit(np.array([True, True, False, True])), np.diff(np.array([True, True, False, True])))
T('diff n=0', 'marsql.diff(%s, 0)' % lit(x), np.diff(x, 0))
T('diff n beyond the extent', 'marsql.diff(%s, 7)' % lit(x), np.diff(x, 7))
T('diff prepend 0-d', 'marsql.diff(%s, prepend => %s)' % (lit(xx), lit(np.array(0))), np.diff(xx, prepend=0))
T('diff append tensor axis 0', 'marsql.diff(%s, 1, 0, "append" => %s)' % (lit(xx), lit(np.ones((1, 4)))), np.diff(xx, 1, 0, append=np.ones((1, 4))))
T('diff NaN and -0.0', 'marsql.diff(%s)' % lit(np.array([1.0, np.nan, -0.0, 0.0, np.inf, np.inf])),
  np.diff(np.array([1.0, np.nan, -0.0, 0.0, np.inf, np.inf])))
T('diff empty', 'marsql.diff(%s)' % lit(np.zeros((2, 0))), np.diff(np.zeros((2, 0))))
for dt in AS_DTYPES:
    y = as_sample(dt, 3, 4)
    tol = (1e-3, 1e-3) if dt == 'float16' else (F32 if dt in ('float32', 'complex64') else F64)
    T('diff %s' % dt, 'marsql.diff(%s)' % lit(y), np.diff(y), tol)
    T('diff %s n=2 axis 0' % dt, 'marsql.diff(%s, 2, 0)' % lit(y), np.diff(y, 2, 0), tol)
T('diff int8 with a float32 prepend promotes', 'marsql.diff(%s, prepend => %s)' % (lit(as_sample('int8', 4)), lit(np.array([0.5], np.float32))),
  np.diff(as_sample('int8', 4), prepend=np.array([0.5], np.float32)))
ER('diff of negative order', 'marsql.diff(%s, -1)' % lit(x), '22023', lambda: np.diff(x, -1))
ER('diff of a 0-d tensor', 'marsql.diff(%s)' % lit(np.array(1.0)), '22023', lambda: np.diff(np.array(1.0)))
ER('diff axis out of range', 'marsql.diff(%s, 1, 2)' % lit(xx), '22023', lambda: np.diff(xx, 1, 2))
ER('diff prepend of a wrong shape', 'marsql.diff(%s, prepend => %s)' % (lit(xx), lit(np.ones(3))), '22023',
   lambda: np.diff(xx, prepend=np.ones(3)))

x = np.array([1, 2, 4, 7, 0])
T('ediff1d docstring', 'marsql.ediff1d(%s)' % lit(x), np.ediff1d(x))
T('ediff1d docstring to_begin to_end', 'marsql.ediff1d(%s, %s, %s)' % (lit(x), lit(np.array(88)), lit(np.array([-99]))),
  np.ediff1d(x, to_begin=-99, to_end=np.array([88, 99])[:1]))
T('ediff1d docstring 2-D flattened', 'marsql.ediff1d(%s)' % lit(np.array([[1, 2, 4], [1, 6, 24]])), np.ediff1d(np.array([[1, 2, 4], [1, 6, 24]])))
T('ediff1d of one element', 'marsql.ediff1d(%s)' % lit(np.array([1.5])), np.ediff1d(np.array([1.5])))
for dt in AS_DTYPES:
    if dt == 'bool':
        continue
    y = as_sample(dt, 5)
    tol = (1e-3, 1e-3) if dt == 'float16' else (F32 if dt in ('float32', 'complex64') else F64)
    T('ediff1d %s with to_end' % dt, 'marsql.ediff1d(%s, %s)' % (lit(y), lit(y[:2])), np.ediff1d(y, to_end=y[:2]), tol)
ER('ediff1d of bool', 'marsql.ediff1d(%s)' % lit(np.array([True, False])), '42804', lambda: np.ediff1d(np.array([True, False])))

trap = getattr(np, 'trapezoid', None) or np.trapz
T('trapezoid docstring', 'marsql.trapezoid(%s)' % lit(np.array([1, 2, 3])), trap([1, 2, 3]), F64)
T('trapezoid docstring x', 'marsql.trapezoid(%s, %s)' % (lit(np.array([1, 2, 3])), lit(np.array([4, 6, 8]))), trap([1, 2, 3], x=[4, 6, 8]), F64)
T('trapezoid docstring dx', 'marsql.trapezoid(%s, dx => 2)' % lit(np.array([1, 2, 3])), trap([1, 2, 3], dx=2), F64)
T('trapezoid docstring decreasing x', 'marsql.trapezoid(%s, %s)' % (lit(np.array([1, 2, 3])), lit(np.array([8, 6, 4]))),
  trap([1, 2, 3], x=[8, 6, 4]), F64)
a = np.arange(6).reshape(2, 3)
T('trapezoid docstring axis 0', 'marsql.trapezoid(%s, axis => 0)' % lit(a), trap(a, axis=0), F64)
T('trapezoid docstring axis 1', 'marsql.trapezoid(%s, axis => 1)' % lit(a), trap(a, axis=1), F64)
xs = np.linspace(0, 1, 11)
T('trapezoid of x**2', 'marsql.trapezoid(%s, %s)' % (lit(xs ** 2), lit(xs)), trap(xs ** 2, xs), F64)
T('trapezoid n-d x', 'marsql.trapezoid(%s, %s, axis => 0)' % (lit(a * 1.5), lit(np.cumsum(np.ones((2, 3)), 0))),
  trap(a * 1.5, np.cumsum(np.ones((2, 3)), 0), axis=0), F64)
T('trapezoid float32 stays float32', 'marsql.trapezoid(%s)' % lit(np.array([1, 2, 4], np.float32)), trap(np.array([1, 2, 4], np.float32)), F32)
T('trapezoid of one point is 0', 'marsql.trapezoid(%s)' % lit(np.array([5.0])), trap(np.array([5.0])), F64)
T('trapezoid complex', 'marsql.trapezoid(%s)' % lit(np.array([1 + 1j, 2, 3j])), trap(np.array([1 + 1j, 2, 3j])), F64)
ER('trapezoid x of a wrong length', 'marsql.trapezoid(%s, %s)' % (lit(np.ones(3)), lit(np.ones(4))), '22023',
   lambda: trap(np.ones(3), np.ones(4)))
ER('ediff1d float to_begin into int', 'marsql.ediff1d(%s, to_begin => %s)' % (lit(np.array([1, 2], np.int8)), lit(np.array([2.5]))), '42804',
   lambda: np.ediff1d(np.array([1, 2], np.int8), to_begin=np.array([2.5])))

# -- gradient (tensor[] of one tensor per axis)
f = np.array([1, 2, 4, 7, 11, 16])
LT('gradient docstring', 'marsql.gradient(%s)' % lit(f), [np.gradient(f)], F64)
LT('gradient docstring spacing 2', 'marsql.gradient(%s, 2)' % lit(f), [np.gradient(f, 2)], F64)
xc = np.array([0., 1., 1.5, 3.5, 4., 6.])
LT('gradient docstring coordinates', 'marsql.gradient(%s, ARRAY[%s])' % (lit(f), lit(xc)), [np.gradient(f, xc)], F64)
LT('gradient docstring coordinates edge_order 2', 'marsql.gradient(%s, ARRAY[%s], edge_order => 2)' % (lit(f), lit(xc)),
   [np.gradient(f, xc, edge_order=2)], F64)
ff = np.array([[1, 2, 6], [3, 4, 5]])
LT('gradient docstring 2-D', 'marsql.gradient(%s)' % lit(ff), np.gradient(ff), F64)
dxs, ys = 2., np.array([1., 1.5, 3.5])
LT('gradient docstring 2-D spacings', 'marsql.gradient(%s, ARRAY[%s, %s])' % (lit(ff), lit(np.array(dxs)), lit(ys)),
   np.gradient(ff, dxs, ys), F64)
LT('gradient docstring 2-D integer coordinates', 'marsql.gradient(%s, ARRAY[%s, %s])' % (lit(ff), lit(np.array(3)), lit(np.array([1, 2, 4]))),
   np.gradient(ff, 3, np.array([1, 2, 4])), F64)
xq = np.array([0, 1, 2, 3, 4])
fq = xq ** 2
LT('gradient docstring edge_order 1', 'marsql.gradient(%s, edge_order => 1)' % lit(fq), [np.gradient(fq, edge_order=1)], F64)
LT('gradient docstring edge_order 2', 'marsql.gradient(%s, edge_order => 2)' % lit(fq), [np.gradient(fq, edge_order=2)], F64)
LT('gradient docstring axis 0', 'marsql.gradient(%s, axis => 0)' % lit(ff), [np.gradient(ff, axis=0)], F64)
LT('gradient axis -1 edge 2', 'marsql.gradient(%s, 1.5, -1, 2)' % lit(ff * 1.0), [np.gradient(ff * 1.0, 1.5, axis=-1, edge_order=2)], F64)
LT('gradient uniform coordinates', 'marsql.gradient(%s, ARRAY[%s])' % (lit(f), lit(np.arange(6) * 0.5)), [np.gradient(f, np.arange(6) * 0.5)], F64)
LT('gradient NaN and -0.0', 'marsql.gradient(%s)' % lit(np.array([1.0, np.nan, -0.0, 0.0, 2.0])), [np.gradient(np.array([1.0, np.nan, -0.0, 0.0, 2.0]))], F64)
LT('gradient of two points', 'marsql.gradient(%s)' % lit(np.array([1.0, 4.0])), [np.gradient(np.array([1.0, 4.0]))], F64)
rng3 = np.random.default_rng(5)
g3 = rng3.normal(size=(3, 4, 5))
LT('gradient 3-D every axis edge 2', 'marsql.gradient(%s, 0.25, edge_order => 2)' % lit(g3), np.gradient(g3, 0.25, edge_order=2), F64)
for dt in AS_DTYPES:
    if dt == 'bool':
        continue
    y = as_sample(dt, 3, 4)
    if dt.startswith('float'):
        y = np.nan_to_num(y)
    tol = (2e-3, 2e-3) if dt == 'float16' else (F32 if dt in ('float32', 'complex64') else F64)
    LT('gradient %s' % dt, 'marsql.gradient(%s)' % lit(y), np.gradient(y), tol)
ER('gradient of bool', 'marsql.gradient(%s)' % lit(np.array([True, False, True])), '42804', lambda: np.gradient(np.array([True, False, True])))
ER('gradient too short', 'marsql.gradient(%s)' % lit(np.array([1.0])), '22023', lambda: np.gradient(np.array([1.0])))
ER('gradient too short for edge_order 2', 'marsql.gradient(%s, edge_order => 2)' % lit(np.array([1.0, 2.0])), '22023',
   lambda: np.gradient(np.array([1.0, 2.0]), edge_order=2))
ER('gradient edge_order 3', 'marsql.gradient(%s, edge_order => 3)' % lit(f), '22023', lambda: np.gradient(f, edge_order=3))
ER('gradient coordinates of a wrong length', 'marsql.gradient(%s, ARRAY[%s])' % (lit(f), lit(np.arange(5.0))), '22023',
   lambda: np.gradient(f, np.arange(5.0)))
ER('gradient axis out of range', 'marsql.gradient(%s, axis => 2)' % lit(ff), '22023', lambda: np.gradient(ff, axis=2))

# -- cross, linalg_cross
x, y = np.array([1, 2, 3]), np.array([4, 5, 6])
T('cross docstring 3-vectors', 'marsql.cross(%s, %s)' % (lit(x), lit(y)), np.cross(x, y))
T('cross docstring 2 with 3', 'marsql.cross(%s, %s)' % (lit(np.array([1, 2])), lit(y)), np.cross(np.array([1, 2]), y))
T('cross docstring 2-vectors', 'marsql.cross(%s, %s)' % (lit(np.array([1, 2])), lit(np.array([4, 5]))), np.cross(np.array([1, 2]), np.array([4, 5])))
T('cross 3 with 2', 'marsql.cross(%s, %s)' % (lit(y), lit(np.array([1, 2]))), np.cross(y, np.array([1, 2])))
xm, ym = np.array([[1, 2, 3], [4, 5, 6]]), np.array([[4, 5, 6], [1, 2, 3]])
T('cross docstring several', 'marsql.cross(%s, %s)' % (lit(xm), lit(ym)), np.cross(xm, ym))
T('cross docstring axisc 0', 'marsql.cross(%s, %s, axisc => 0)' % (lit(xm), lit(ym)), np.cross(xm, ym, axisc=0))
xg = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
yg = np.array([[7, 8, 9], [4, 5, 6], [1, 2, 3]])
T('cross docstring default', 'marsql.cross(%s, %s)' % (lit(xg), lit(yg)), np.cross(xg, yg))
T('cross docstring axisa axisb 0', 'marsql.cross(%s, %s, axisa => 0, axisb => 0)' % (lit(xg), lit(yg)), np.cross(xg, yg, axisa=0, axisb=0))
T('cross axis 0', 'marsql.cross(%s, %s, axis => 0)' % (lit(xg), lit(yg)), np.cross(xg, yg, axis=0))
T('cross broadcast', 'marsql.cross(%s, %s)' % (lit(np.arange(12.0).reshape(4, 1, 3)), lit(np.ones((2, 3)))),
  np.cross(np.arange(12.0).reshape(4, 1, 3), np.ones((2, 3))))
T('cross 2 with 3 broadcast axisc 1', 'marsql.cross(%s, %s, axisc => 1)' % (lit(np.arange(4.0).reshape(2, 2)), lit(np.ones((2, 3)))),
  np.cross(np.arange(4.0).reshape(2, 2), np.ones((2, 3)), axisc=1))
T('cross int8 with uint8 promotes', 'marsql.cross(%s, %s)' % (lit(np.array([1, 2, 3], np.int8)), lit(np.array([100, 5, 6], np.uint8))),
  np.cross(np.array([1, 2, 3], np.int8), np.array([100, 5, 6], np.uint8)))
T('cross int8 wraps', 'marsql.cross(%s, %s)' % (lit(np.array([100, 2, 3], np.int8)), lit(np.array([1, 100, 6], np.int8))),
  np.cross(np.array([100, 2, 3], np.int8), np.array([1, 100, 6], np.int8)))
for dt in AS_DTYPES:
    if dt == 'bool':
        continue
    p3, q3 = as_sample(dt, 2, 3), as_sample(dt, 2, 3)[::-1]
    tol = (1e-3, 1e-3) if dt == 'float16' else (F32 if dt in ('float32', 'complex64') else F64)
    T('cross %s' % dt, 'marsql.cross(%s, %s)' % (lit(p3), lit(q3)), np.cross(p3, q3), tol)
T('linalg_cross (numpy.linalg.cross)', 'marsql.linalg_cross(%s, %s)' % (lit(xg), lit(yg)), np.cross(xg, yg))
T('linalg_cross axis 0', 'marsql.linalg_cross(%s, %s, 0)' % (lit(xg), lit(yg)), np.cross(xg, yg, axis=0))
ER('cross of 4-vectors', 'marsql.cross(%s, %s)' % (lit(np.ones(4)), lit(np.ones(4))), '22023', lambda: np.cross(np.ones(4), np.ones(4)))
ER('cross shapes that do not broadcast', 'marsql.cross(%s, %s)' % (lit(np.ones((2, 3))), lit(np.ones((3, 3)))), '22023',
   lambda: np.cross(np.ones((2, 3)), np.ones((3, 3))))
ER('cross axisa out of range', 'marsql.cross(%s, %s, axisa => 1)' % (lit(x), lit(y)), '22023', lambda: np.cross(x, y, axisa=1))
E_type('cross of bool', 'marsql.cross(%s, %s)' % (lit(np.array([True, False, True])), lit(np.array([True, True, False]))), '42804',
       lambda: np.cross(np.array([True, False, True]), np.array([True, True, False])))
T('cross bool with int8', 'marsql.cross(%s, %s)' % (lit(np.array([True, False, True])), lit(np.array([1, 2, 3], np.int8))),
  np.cross(np.array([True, False, True]), np.array([1, 2, 3], np.int8)))

# -- creation: empty/empty_like (zeros here), logspace, geomspace, meshgrid,
# tri, vander, diagflat, diag/tril/triu_indices_from
T('empty is zeros', "marsql.empty(%s, 'int16')" % iarr([2, 3]), np.zeros((2, 3), np.int16))
T('empty_like is zeros', 'marsql.empty_like(%s)' % lit(as_sample('complex64', 2, 2)), np.zeros((2, 2), np.complex64))
T('empty_like dtype', "marsql.empty_like(%s, 'uint8')" % lit(as_sample('float16', 3)), np.zeros(3, np.uint8))
T('logspace docstring', 'marsql.logspace(2.0, 3.0, 4)', np.logspace(2.0, 3.0, num=4), F64)
T('logspace docstring no endpoint', 'marsql.logspace(2.0, 3.0, 4, false)', np.logspace(2.0, 3.0, num=4, endpoint=False), F64)
T('logspace docstring base 2', 'marsql.logspace(2.0, 3.0, 4, base => 2.0)', np.logspace(2.0, 3.0, num=4, base=2.0), F64)
T('logspace default num', 'marsql.logspace(0, 1)', np.logspace(0, 1), F64)
T('logspace float32', "marsql.logspace(0, 2, 5, dtype => 'float32')", np.logspace(0, 2, 5, dtype=np.float32), F32)
T('logspace int64 truncates', "marsql.logspace(0, 2, 5, dtype => 'int64')", np.logspace(0, 2, 5, dtype=np.int64))
T('logspace num 0', 'marsql.logspace(0, 2, 0)', np.logspace(0, 2, 0))
T('geomspace docstring', 'marsql.geomspace(1, 1000, 4)', np.geomspace(1, 1000, num=4), F64)
T('geomspace docstring 3', 'marsql.geomspace(1, 1000, 3, false)', np.geomspace(1, 1000, num=3, endpoint=False), F64)
T('geomspace docstring 4 no endpoint', 'marsql.geomspace(1, 1000, 4, false)', np.geomspace(1, 1000, num=4, endpoint=False), F64)
T('geomspace docstring int', "marsql.geomspace(1, 256, 9, dtype => 'int64')", np.geomspace(1, 256, num=9, dtype=int))
T('geomspace docstring descending', 'marsql.geomspace(1000, 1, 4)', np.geomspace(1000, 1, num=4), F64)
T('geomspace docstring negative', 'marsql.geomspace(-1000, -1, 4)', np.geomspace(-1000, -1, num=4), F64)
T('geomspace one value', 'marsql.geomspace(3, 7, 1)', np.geomspace(3, 7, 1), F64)
T('geomspace small ratio', 'marsql.geomspace(1e-300, 1e300, 7)', np.geomspace(1e-300, 1e300, 7), (1e-12, 0))
ER('geomspace with zero', 'marsql.geomspace(0, 10, 3)', '22023', lambda: np.geomspace(0, 10, 3))
ER('geomspace negative num', 'marsql.geomspace(1, 10, -1)', '22023', lambda: np.geomspace(1, 10, -1))
xs, ys = np.linspace(0, 1, 3), np.linspace(0, 1, 2)
LT('meshgrid docstring xy', 'marsql.meshgrid(%s)' % tarr([xs, ys]), np.meshgrid(xs, ys))
LT('meshgrid docstring sparse', 'marsql.meshgrid(%s, sparse => true)' % tarr([xs, ys]), np.meshgrid(xs, ys, sparse=True))
LT('meshgrid ij', "marsql.meshgrid(%s, 'ij')" % tarr([xs, ys]), np.meshgrid(xs, ys, indexing='ij'))
LT('meshgrid three xy', 'marsql.meshgrid(%s)' % tarr([np.arange(2), np.arange(3.0), np.array([True, False, True, True])]),
   np.meshgrid(np.arange(2), np.arange(3.0), np.array([True, False, True, True])))
LT('meshgrid three ij sparse', "marsql.meshgrid(%s, 'ij', true)" % tarr([np.arange(2), np.arange(3.0), np.arange(4, dtype=np.int8)]),
   np.meshgrid(np.arange(2), np.arange(3.0), np.arange(4, dtype=np.int8), indexing='ij', sparse=True))
LT('meshgrid one', 'marsql.meshgrid(%s)' % tarr([xs]), np.meshgrid(xs))
LT('meshgrid 2-D input flattened', 'marsql.meshgrid(%s)' % tarr([np.arange(4).reshape(2, 2), ys]), np.meshgrid(np.arange(4).reshape(2, 2), ys))
LT('meshgrid 0-d and empty', 'marsql.meshgrid(%s)' % tarr([np.array(5.0), np.zeros(0)]), np.meshgrid(np.array(5.0), np.zeros(0)))
ER('meshgrid bad indexing', "marsql.meshgrid(%s, 'ji')" % tarr([xs, ys]), '22023', lambda: np.meshgrid(xs, ys, indexing='ji'))
T('tri docstring int', "marsql.tri(3, 5, 2, 'int64')", np.tri(3, 5, 2, dtype=int))
T('tri docstring float', 'marsql.tri(3, 5, -1)', np.tri(3, 5, -1))
T('tri default', 'marsql.tri(4)', np.tri(4))
T('tri bool', "marsql.tri(2, 3, 0, 'bool')", np.tri(2, 3, 0, dtype=bool))
T('tri empty', 'marsql.tri(0, 3)', np.tri(0, 3))
x = np.array([1, 2, 3, 5])
T('vander docstring', 'marsql.vander(%s, 3)' % lit(x), np.vander(x, 3))
T('vander docstring square', 'marsql.vander(%s)' % lit(x), np.vander(x))
T('vander docstring increasing', 'marsql.vander(%s, increasing => true)' % lit(x), np.vander(x, increasing=True))
T('vander n 0', 'marsql.vander(%s, 0)' % lit(x), np.vander(x, 0))
T('vander empty x', 'marsql.vander(%s)' % lit(np.zeros(0)), np.vander(np.zeros(0)))
T('vander int8 wraps in int64', 'marsql.vander(%s, 5)' % lit(np.array([100, -3], np.int8)), np.vander(np.array([100, -3], np.int8), 5))
for dt in AS_DTYPES:
    y = as_sample(dt, 4)
    tol = F32 if dt in ('float16', 'float32', 'complex64') else EXACT
    T('vander %s' % dt, 'marsql.vander(%s, 3)' % lit(y), np.vander(y, 3), F64 if tol is EXACT and dt.startswith(('float', 'complex')) else tol)
ER('vander of 2-D', 'marsql.vander(%s)' % lit(np.ones((2, 2))), '22023', lambda: np.vander(np.ones((2, 2))))
ER('vander negative n', 'marsql.vander(%s, -1)' % lit(x), '22023', lambda: np.vander(x, -1))
T('diagflat docstring', 'marsql.diagflat(%s)' % lit(np.array([[1, 2], [3, 4]])), np.diagflat([[1, 2], [3, 4]]))
T('diagflat docstring k', 'marsql.diagflat(%s, 1)' % lit(np.array([1, 2])), np.diagflat([1, 2], 1))
T('diagflat k -2 int8', 'marsql.diagflat(%s, -2)' % lit(np.array([1, 2], np.int8)), np.diagflat(np.array([1, 2], np.int8), -2))
T('diagflat 0-d', 'marsql.diagflat(%s)' % lit(np.array(3.5)), np.diagflat(np.array(3.5)))
T('diag_indices_from docstring', 'marsql.diag_indices_from(%s)' % lit(np.arange(16).reshape(4, 4)),
  np.array(np.diag_indices_from(np.arange(16).reshape(4, 4)), np.int64))
T('diag_indices_from 3-D', 'marsql.diag_indices_from(%s)' % lit(np.zeros((2, 2, 2))), np.array(np.diag_indices_from(np.zeros((2, 2, 2))), np.int64))
a = np.arange(16).reshape(4, 4)
T('tril_indices_from docstring', 'marsql.tril_indices_from(%s)' % lit(a), np.array(np.tril_indices_from(a), np.int64))
T('tril_indices_from k -1 rectangular', 'marsql.tril_indices_from(%s, -1)' % lit(np.zeros((3, 5))), np.array(np.tril_indices_from(np.zeros((3, 5)), -1), np.int64))
T('triu_indices_from docstring k 1', 'marsql.triu_indices_from(%s, 1)' % lit(a), np.array(np.triu_indices_from(a, 1), np.int64))
T('triu_indices_from rectangular', 'marsql.triu_indices_from(%s)' % lit(np.zeros((5, 2))), np.array(np.triu_indices_from(np.zeros((5, 2))), np.int64))
ER('diag_indices_from of 1-D', 'marsql.diag_indices_from(%s)' % lit(np.ones(3)), '22023', lambda: np.diag_indices_from(np.ones(3)))
ER('diag_indices_from unequal', 'marsql.diag_indices_from(%s)' % lit(np.ones((2, 3))), '22023', lambda: np.diag_indices_from(np.ones((2, 3))))
ER('tril_indices_from of 3-D', 'marsql.tril_indices_from(%s)' % lit(np.ones((2, 2, 2))), '22023', lambda: np.tril_indices_from(np.ones((2, 2, 2))))
ER('triu_indices_from of 1-D', 'marsql.triu_indices_from(%s)' % lit(np.ones(2)), '22023', lambda: np.triu_indices_from(np.ones(2)))
b = np.array([1, 1, 2, 2, 3, 3])
T('insert with a 0-d int tensor index', 'marsql.insert(%s, %s, %s, 1)' % (lit(np.array([[1, 1], [2, 2], [3, 3]])), lit(np.array(1, np.int16)), lit(np.array([7, 8, 9]))),
  np.insert(np.array([[1, 1], [2, 2], [3, 3]]), np.array(1, np.int16), [7, 8, 9], axis=1))
T('insert with an int tensor of indices', 'marsql.insert(%s, %s, %s)' % (lit(b), lit(np.array([5, 0, -1], np.int8)), lit(np.array([7, 8, 9]))),
  np.insert(b, np.array([5, 0, -1], np.int8), [7, 8, 9]))
ER('insert with a 2-D index tensor', 'marsql.insert(%s, %s, %s)' % (lit(b), lit(np.array([[1]], np.int64)), lit(np.array(1))), '22023',
   lambda: np.insert(b, np.array([[1]]), 1))
ER('insert with float indices', 'marsql.insert(%s, %s, %s)' % (lit(b), lit(np.array([1.0])), lit(np.array(1))), '42804',
   lambda: np.insert(b, np.array([1.0]), 1))

# widths beyond the extent, several axes (numpy 2's repeated reflection)
for mode in ('reflect', 'symmetric'):
    for rt in ('even', 'odd'):
        for shape, pads in (((3,), ((8, 1),)), ((2, 4, 3), ((1, 2), (0, 7), (8, 1))), ((2, 3, 3), ((6, 3), (8, 3), (8, 1))),
                            ((4, 2), ((9, 9), (5, 0)))):
            y = (np.arange(int(np.prod(shape))) * 7 % 11 - 4.0).reshape(shape)
            T('pad %s %s wide pads %s (numpy 2)' % (mode, rt, pads),
              "marsql.pad(%s, ARRAY[%s], '%s', reflect_type => '%s')" % (lit(y), ','.join('[%d,%d]' % p for p in pads), mode, rt),
              reflect_ref(y, pads, mode, rt))
T('insert values with leading axes of extent 1', 'marsql.insert(%s, 2, %s, -1)' % (lit(np.array([-9, 35, 18, -44])), lit(np.array([[167]]))),
  np.insert(np.array([-9, 35, 18, -44]), 2, np.array([[167]]), axis=-1))
