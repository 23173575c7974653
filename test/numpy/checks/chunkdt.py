# ---- chunked tensors of every dtype (issue 21): tiled results against numpy
# Each operand is cut into 2x3 tiles (ragged edges), so a task sees blocks
# of several tiles; the regress test chunked_dtypes compares the same
# operations with the dense functions bit for bit.
def CK(x, tile='{2,3}'):
    return "marsql.chunk(%s, '%s')" % (lit(x), tile)


CK_BASE = np.arange(35).reshape(5, 7) - 17
for dt in ('bool', 'int8', 'uint8', 'int16', 'int32', 'int64', 'float16', 'float32', 'float64',
           'complex64', 'complex128'):
    if dt == 'uint8':
        a = np.arange(35).reshape(5, 7).astype(dt)
    elif dt in ('bool',) or dt.startswith('int'):
        a = CK_BASE.astype(dt)
    else:
        a = (CK_BASE / 4).astype(dt)
    b = a[::-1].copy()
    T('chunk/to_tensor %s' % dt, 'marsql.to_tensor(%s)' % CK(a), a)
    T('chunked transpose %s' % dt, 'marsql.to_tensor(marsql.transpose(%s))' % CK(a), a.T)
    T('chunked slice %s' % dt, "marsql.slice(%s, '{1,2}', '{4,6}')" % CK(a), a[1:4, 2:6])
    if dt != 'bool':
        T('chunked add %s' % dt, 'marsql.to_tensor(marsql.add(%s, %s))' % (CK(a), CK(b)), a + b)
        T('chunked multiply %s' % dt, 'marsql.to_tensor(marsql.multiply(%s, %s))' % (CK(a), lit(b)), a * b)
    T('chunked maximum %s' % dt, 'marsql.to_tensor(marsql.maximum(%s, %s))' % (CK(a), CK(b)), np.maximum(a, b))
    # a weak integer scalar keeps the dtype (numpy 1.24 agrees for values that fit)
    if dt != 'bool':
        T('chunked %s + 3' % dt, 'marsql.to_tensor(marsql.add(%s, 3))' % CK(a), a + 3)
    if not dt.startswith('complex'):
        T('chunked sum %s axis 0' % dt, 'marsql.to_tensor(marsql.sum(%s, 0))' % CK(a),
          # numpy: uint8 sums to uint64, marsql (no uint64) to int64; float16 sums round
          # along the axis in float16 steps in numpy, in float32 per tile here
          np.sum(a, axis=0).astype('int64' if dt == 'uint8' else np.sum(a, axis=0).dtype),
          (1e-3, 1e-3) if dt == 'float16' else (F32 if dt == 'float32' else EXACT))
        T('chunked max %s' % dt, 'marsql.max(%s)' % CK(a), np.max(a))
        T('chunked min %s axis 1' % dt, 'marsql.to_tensor(marsql.min(%s, 1))' % CK(a), np.min(a, axis=1))
        # partial moments merged (Chan): a mean of exactly 0 comes out
        # within a few ulp of the values' magnitude, hence the atol
        T('chunked mean %s' % dt, 'marsql.mean(%s)' % CK(a), np.mean(a),
          (1e-3, 1e-3) if dt == 'float16' else (F32 if dt == 'float32' else (1e-12, 1e-12)))
    if dt in ('int8', 'int32', 'int64', 'uint8', 'bool', 'complex128', 'float64'):
        T('chunked matmul %s' % dt, "marsql.to_tensor(marsql.matmul(%s, %s))" % (CK(a, '{2,2}'), CK(a.T.copy(), '{2,3}')),
          np.matmul(a, a.T), EXACT if dt != 'float64' and dt != 'complex128' else F64)
T('chunked float16 matmul (float32 inside)',
  "marsql.to_tensor(marsql.matmul(%s, %s))" % (CK((CK_BASE / 4).astype('float16')), CK((CK_BASE.T / 4).astype('float16'))),
  np.matmul((CK_BASE / 4).astype('float32'), (CK_BASE.T / 4).astype('float32')).astype('float16'), (1e-3, 1e-3))
T('chunked int32 / int32 is float64', 'marsql.to_tensor(marsql.divide(%s, 4))' % CK(CK_BASE.astype('int32')),
  CK_BASE.astype('int32') / 4)
T('chunked int8 + uint8 is int16', 'marsql.to_tensor(marsql.add(%s, %s))' % (CK(CK_BASE.astype('int8')), CK(np.arange(35).reshape(5, 7).astype('uint8'))),
  CK_BASE.astype('int8') + np.arange(35).reshape(5, 7).astype('uint8'))
T('chunked sqrt of int8 is float16', 'marsql.to_tensor(marsql.sqrt(%s))' % CK(np.arange(35).reshape(5, 7).astype('int8')),
  np.sqrt(np.arange(35).reshape(5, 7).astype('int8')), (1e-3, 1e-3))
T('chunked abs of complex64 is float32', 'marsql.to_tensor(marsql.abs(%s))' % CK((CK_BASE / 4 + 1j).astype('complex64')),
  np.abs((CK_BASE / 4 + 1j).astype('complex64')), F32)
T('chunked_full int32 2.5', "marsql.to_tensor(marsql.chunked_full('{3,4}', 2.5, '{2,3}', 'int32'))",
  np.full((3, 4), 2.5).astype('int32'))
E('chunked int8 + 300 (numpy 2: OverflowError)', 'marsql.to_tensor(marsql.add(%s, 300))' % CK(CK_BASE.astype('int8')),
  '22', lambda: (_ for _ in ()).throw(ValueError('numpy 2 raises OverflowError for 300 in int8')))
