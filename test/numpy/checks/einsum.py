# ---- einsum (tensor_einsum.c, kernels/einsum.c): numpy.einsum with its
# default optimize=False (numpy's C einsum): explicit and implicit output,
# repeated labels (diagonal, trace), '...' broadcasting, every dtype and
# mixed dtypes (numpy's promotion), empty extents, 0-d operands, errors.
# Inputs hold small integers, so float sums are exact in every dtype and
# compared with a float tolerance only for the random float64 cases.

def es_sample(dt, *shape):
    """a deterministic array of dtype dt with small values"""
    n = int(np.prod(shape)) if shape else 1
    base = np.arange(n) % 5 - 2
    if dt == 'bool':
        a = (base % 2 == 0)
    elif dt == 'uint8':
        a = (base + 2).astype(np.uint8)
    elif dt.startswith('complex'):
        a = (base + 1j * (base[::-1] - 1)).astype(dt)
    else:
        a = base.astype(dt)
    return np.asarray(a).reshape(shape)


def ES(desc, subs, ops, tol=EXACT):
    """marsql.einsum(subs, ops...) equals np.einsum(subs, *ops)"""
    ops = [np.asarray(o) for o in ops]
    expected = np.einsum(subs, *ops)
    T('einsum ' + desc, "marsql.einsum('%s', %s)" % (subs, ', '.join(lit(o) for o in ops)),
      expected, tol)


def EE(desc, subs, ops, sqlclass='22023'):
    ops = [np.asarray(o) for o in ops]
    E('einsum error ' + desc,
      "marsql.einsum('%s', %s)" % (subs, ', '.join(lit(o) for o in ops)),
      sqlclass, lambda: np.einsum(subs, *ops))


# numpy's docstring examples
_a = np.arange(25).reshape(5, 5)
_b = np.arange(5)
_c = np.arange(6).reshape(2, 3)
ES('doc trace ii', 'ii', [_a])
ES('doc trace ii->', 'ii->', [_a])
ES('doc diagonal ii->i', 'ii->i', [_a])
ES('doc sum over axis ij->i', 'ij->i', [_a])
ES('doc sum over axis ...j->...', '...j->...', [_a])
ES('doc transpose ji', 'ji', [_c])
ES('doc transpose ij->ji', 'ij->ji', [_c])
ES('doc inner i,i', 'i,i', [_b, _b])
ES('doc matvec ij,j', 'ij,j', [_a, _b])
ES('doc matvec ...j,j', '...j,j', [_a, _b])
ES('doc scalar ,ij', ',ij', [np.int64(3), _c])
ES('doc outer i,j', 'i,j', [np.arange(2) + 1, _b])
ES('doc tensordot ijk,jil->kl', 'ijk,jil->kl',
   [np.arange(60.).reshape(3, 4, 5), np.arange(24.).reshape(4, 3, 2)])
ES('doc ellipsis ki,...k->i...', 'ki,...k->i...', [np.arange(6).reshape(3, 2), np.arange(12).reshape(4, 3)])
ES('doc ellipsis k...,jk', 'k...,jk', [np.arange(6).reshape(3, 2), np.arange(12).reshape(4, 3)])
ES('doc writable diagonal ii->i of 3x3', 'ii->i', [np.arange(9).reshape(3, 3)])
ES('doc chained i,i,i', 'i,i,i', [_b, _b, _b])
ES('doc bilinear bn,anm,bm->ba', 'bn,anm,bm->ba',
   [np.arange(6.).reshape(2, 3), np.arange(24.).reshape(2, 3, 4), np.arange(8.).reshape(2, 4)])

# more forms
_rng = np.random.default_rng(11)
_x = _rng.standard_normal((3, 4))
_y = _rng.standard_normal((4, 5))
ES('matmul float64', 'ij,jk->ik', [_x, _y], (1e-12, 1e-12))
ES('matmul implicit', 'ij,jk', [_x, _y], (1e-12, 1e-12))
ES('batch matmul', 'bij,bjk->bik', [_rng.standard_normal((2, 3, 4)), _rng.standard_normal((2, 4, 2))], (1e-12, 1e-12))
ES('batch matmul ellipsis', '...ij,...jk->...ik', [_rng.standard_normal((2, 3, 4)), _rng.standard_normal((4, 2))], (1e-12, 1e-12))
ES('uppercase labels', 'Ab,bC->AC', [_x, _y], (1e-12, 1e-12))
ES('implicit order upper before lower', 'Ba', [_c])
ES('spaces ignored', ' i j , j k -> i k ', [_x, _y], (1e-12, 1e-12))
ES('3-d diagonal iii->i', 'iii->i', [np.arange(27).reshape(3, 3, 3)])
ES('partial diagonal iij->ij', 'iij->ij', [np.arange(18).reshape(3, 3, 2)])
ES('output order kji', 'ijk->kji', [np.arange(24).reshape(2, 3, 4)])
ES('sum all ij->', 'ij->', [_c])
ES('outer ellipsis ...,...', '...,...', [np.arange(3), np.arange(2).reshape(2, 1)])
ES('broadcast extent 1 label', 'i,i', [np.arange(3), np.array([2])])
ES('0-d operand only', '', [np.float32(3)])
ES('0-d operand ->', '->', [np.int64(7)])
ES('0-d times 0-d', ',', [np.int64(7), np.int64(6)])
ES('empty extent output', 'ij->ji', [np.zeros((0, 3))])
ES('empty contraction gives zeros', 'ij,jk->ik', [np.zeros((2, 0)), np.zeros((0, 3))])
ES('empty output of matmul', 'ij,jk->ik', [np.zeros((0, 2)), np.zeros((2, 3))])
ES('four operands', 'ab,bc,cd,de->ae', [es_sample('int64', 2, 3), es_sample('int64', 3, 2), es_sample('int64', 2, 2), es_sample('int64', 2, 3)])
ES('NaN propagates', 'i,i', [np.array([1.0, np.nan]), np.array([1.0, 2.0])])

# every dtype, and mixed dtypes (numpy's promotion)
for _dt in DTYPES:
    ES('matmul %s' % _dt, 'ij,jk->ik', [es_sample(_dt, 3, 4), es_sample(_dt, 4, 2)])
    ES('trace %s' % _dt, 'ii', [es_sample(_dt, 3, 3)])
    ES('outer %s' % _dt, 'i,j->ij', [es_sample(_dt, 3), es_sample(_dt, 2)])
    ES('sum %s' % _dt, 'ij->j', [es_sample(_dt, 4, 3)])
for _p, _q in [('bool', 'int8'), ('int8', 'uint8'), ('int32', 'float32'), ('int64', 'float32'),
               ('float16', 'float32'), ('float32', 'complex64'), ('float64', 'complex64'),
               ('uint8', 'int64'), ('bool', 'complex128'), ('float16', 'int8')]:
    ES('mixed %s %s' % (_p, _q), 'ij,j->i', [es_sample(_p, 3, 4), es_sample(_q, 4)])
# integer sums wrap as numpy's (which accumulates in the result dtype)
ES('int8 wraps', 'i,i', [np.full(10, 100, np.int8), np.full(10, 3, np.int8)])
ES('uint8 wraps', 'i,i', [np.full(10, 200, np.uint8), np.full(10, 3, np.uint8)])
ES('int64 wraps', 'i,i', [np.array([2**62, 2**62], np.int64), np.array([2, 2], np.int64)])
ES('bool any-and', 'ij,jk->ik', [np.array([[True, False], [False, False]]), np.array([[True, True], [True, False]])])
ES('complex128 conj-free', 'i,i', [np.array([1 + 2j, 3 - 1j]), np.array([2 - 1j, 1j])])

# errors numpy raises
EE('too many operands for the subscripts', 'i', [_b, _b])
EE('too few operands for the subscripts', 'i,i', [_b])
EE('invalid subscript', 'i1', [_a])
EE('stray dot', '..i', [_b])
EE('too many subscripts', 'ijk', [_a])
EE('too few subscripts', 'i', [_a])
EE('output label never in inputs', 'ij->ik', [_a])
EE('repeated output label', 'i->ii', [_b])
EE('collapsing index mismatch', 'ii->i', [_c])
EE('dimension mismatch', 'ij,jk->ik', [np.ones((2, 3)), np.ones((4, 2))])
EE('broadcast without output ellipsis', '...i->i', [np.ones((2, 3))])
EE('bad arrow', 'i-i', [_b])
EE('ellipsis dims do not broadcast', '...,...', [np.ones(3), np.ones(2)])

# two float or complex operands that form a tensordot go through BLAS gemm
_x32 = _rng.standard_normal((6, 5)).astype(np.float32)
_y32 = _rng.standard_normal((5, 7)).astype(np.float32)
ES('gemm path float32', 'ij,jk->ik', [_x32, _y32], (1e-5, 1e-5))
ES('gemm path transposed output', 'ij,jk->ki', [_x, _y], (1e-12, 1e-12))
ES('gemm path transposed operands', 'ji,kj->ik', [_x.T.copy(), _y.T.copy()], (1e-12, 1e-12))
ES('gemm path outer float64', 'i,j->ji', [_x[0], _y[0]], (1e-12, 1e-12))
ES('gemm path two summed axes', 'abc,cbd->ad', [_rng.standard_normal((2, 3, 4)), _rng.standard_normal((4, 3, 5))], (1e-12, 1e-12))
_z1 = (_rng.standard_normal((3, 4)) + 1j * _rng.standard_normal((3, 4)))
_z2 = (_rng.standard_normal((4, 2)) + 1j * _rng.standard_normal((4, 2)))
ES('gemm path complex128', 'ij,jk->ik', [_z1, _z2], (1e-12, 1e-12))
ES('gemm path complex64', 'ij,jk->ik', [_z1.astype(np.complex64), _z2.astype(np.complex64)], (1e-5, 1e-5))
ES('gemm path float32 with int16', 'ij,j->i', [_x32, np.arange(5, dtype=np.int16)], (1e-5, 1e-5))
ES('gemm path inner to 0-d', 'i,i->', [_x[0], _x[1]], (1e-12, 1e-12))
ES('gemm path empty sum', 'ij,jk->ik', [np.zeros((3, 0), np.float32), np.zeros((0, 2), np.float32)])
ES('gemm path empty kept axis', 'ij,jk->ik', [np.zeros((0, 2)), np.ones((2, 3))])
ES('gemm path NaN', 'ij,jk->ik', [np.array([[np.nan, 1.0]]), np.ones((2, 2))])
# batch indices (in both operands and the output): stacks of gemms
ES('batched gemm, batch axis in the middle', 'ibj,jbk->kbi', [_rng.standard_normal((3, 2, 4)), _rng.standard_normal((4, 2, 5))], (1e-12, 1e-12))
ES('batched dot', 'bi,bi->b', [_x, _x[::-1].copy()], (1e-12, 1e-12))
ES('batched outer', 'bi,bj->bij', [_x, _x], (1e-12, 1e-12))
ES('batched gemm complex64', 'bij,bjk->bik', [(_rng.standard_normal((2, 3, 4)) + 1j).astype(np.complex64), (_rng.standard_normal((2, 4, 2)) - 2j).astype(np.complex64)], (1e-5, 1e-5))
ES('batched gemm float32 with empty batch', 'bij,bjk->bik', [np.zeros((0, 2, 3), np.float32), np.zeros((0, 3, 4), np.float32)])
ES('batched gemm ellipsis both', '...ij,...jk->...ik', [_rng.standard_normal((2, 3, 4)), _rng.standard_normal((2, 4, 2))], (1e-12, 1e-12))
ES('ellipsis broadcast extent 1 (loop)', '...ij,...jk->...ik', [_rng.standard_normal((1, 3, 4)), _rng.standard_normal((2, 4, 2))], (1e-12, 1e-12))
ES('one-sided sum (loop)', 'ij,k->k', [_x, _y[0]], (1e-12, 1e-12))
# three or more float/complex operands: contracted pairwise, left to right
ES('chain of three float64', 'ab,bc,cd->ad', [_rng.standard_normal((3, 4)), _rng.standard_normal((4, 5)), _rng.standard_normal((5, 2))], (1e-12, 1e-12))
ES('chain implicit float32', 'ab,bc,cd', [_x32[:3, :4], _rng.standard_normal((4, 5)).astype(np.float32), _rng.standard_normal((5, 2)).astype(np.float32)], (1e-5, 1e-5))
ES('three with a diagonal and a trace', 'ii,ij,jk->k', [_rng.standard_normal((3, 3)), _rng.standard_normal((3, 4)), _rng.standard_normal((4, 2))], (1e-12, 1e-12))
ES('index shared by all three', 'i,i,i->i', [_x[0], _x[1], _x[2]], (1e-12, 1e-12))
ES('output index from the first, summed late', 'ab,cd,bd->ac', [_rng.standard_normal((2, 3)), _rng.standard_normal((4, 5)), _rng.standard_normal((3, 5))], (1e-12, 1e-12))
ES('four complex128', 'ij,jk,kl,lm->im', [_z1, _z2, _z2.T.copy(), _z1.T.copy()], (1e-12, 1e-12))
ES('three mixed float32 float64 int8', 'i,i,i', [_x32[0, :4], _x[0], np.arange(4, dtype=np.int8)], (1e-12, 1e-12))
ES('three with ellipsis (loop)', '...i,i,i->...', [_rng.standard_normal((2, 3)), np.ones(3), np.arange(3.)], (1e-12, 1e-12))
ES('three with extent-1 broadcast', 'ij,j,j->i', [_rng.standard_normal((2, 3)), np.ones(1), np.arange(3.)], (1e-12, 1e-12))
ES('three empty sum', 'ij,jk,kl->il', [np.zeros((2, 0)), np.zeros((0, 3)), np.ones((3, 2))])
# 0-d float operands on the gemm and pairwise paths, output ellipsis alone
ES('0-d float times matrix', ',ij', [np.float64(2.5), _x], (1e-12, 1e-12))
ES('matrix times 0-d float32', 'ij,->ji', [_x32, np.float32(-2)], (1e-5, 1e-5))
ES('0-d complex times 0-d float', ',', [np.complex128(1 + 2j), np.float64(3)])
ES('three with a 0-d', 'ij,,jk->ik', [_x, np.float64(2), _y], (1e-12, 1e-12))
ES('output ellipsis without input ellipsis', 'ij->...ji', [_x], (1e-12, 1e-12))
ES('gemm path float64 1x1', 'ij,jk->ik', [np.ones((1, 1)), np.full((1, 1), 3.0)])

# random subscripts (seeded): 1 to 4 operands, repeated labels, extent-1
# broadcasts, explicit and implicit output, every dtype; each of the three
# paths (gemm, pairwise, loop) is taken by some of them
_frng = np.random.default_rng(2026)
_FUZZ_DTYPES = ('bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'float16', 'float32',
                'float64', 'complex64', 'complex128')
for _case in range(60):
    _nops = int(_frng.integers(1, 5))
    _sizes = {c: int(_frng.integers(1, 4)) for c in 'abcde'}
    _terms, _ops = [], []
    _dt = _FUZZ_DTYPES[int(_frng.integers(len(_FUZZ_DTYPES)))]
    _dt2 = _FUZZ_DTYPES[int(_frng.integers(len(_FUZZ_DTYPES)))] if _frng.random() < 0.3 else _dt
    for _k in range(_nops):
        _t = ''.join(_frng.choice(list('abcde'), size=int(_frng.integers(0, 4))))
        _shape = [(_sizes[c] if _frng.random() > 0.1 or _t.count(c) > 1 else 1) for c in _t]
        _terms.append(_t)
        _ops.append(es_sample(_dt if _k % 2 == 0 else _dt2, *_shape))
    _used = sorted(set(''.join(_terms)))
    if _frng.random() < 0.5:
        _out = ''.join(_frng.permutation([c for c in _used if _frng.random() < 0.5]))
        _subs = ','.join(_terms) + '->' + _out
    else:
        _subs = ','.join(_terms)
    _tol = EXACT
    if np.result_type(*_ops).kind in 'fc':
        _tol = (2e-3, 2e-2) if np.result_type(*_ops) == np.float16 else (1e-5, 1e-5)
    ES('random %d %s %s/%s' % (_case, _subs, _dt, _dt2), _subs, _ops, _tol)
