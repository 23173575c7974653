# ---- complex linear algebra (every numpy.linalg function on complex64 and
# complex128), eig/eigvals, and the rest of numpy.linalg's names.
# Runs in agree.py's namespace (T, S, R, E, lit, la, rng, ...).

CL_DTYPES = (('complex64', np.float32), ('complex128', np.float64))


def cla(ref, dt=np.float64, factor=1.0):
    """agree.py's normwise la() tolerance, scaled by the largest |ref| (complex too)"""
    return la(np.abs(np.asarray(ref)), dt, factor)


def cl_float16_raises(fn):
    """numpy.linalg raises TypeError for float16; E() expects a ValueError"""
    try:
        fn()
    except TypeError as e:
        raise ValueError(str(e))


def cl_unitary(n):
    z = rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))
    q, r = np.linalg.qr(z)
    return q * (np.diag(r) / np.abs(np.diag(r))).conj()


def cl_well(m, n=None, cond=10.0):
    """complex m x n matrix with singular values geomspace(1, cond)"""
    n = m if n is None else n
    k = min(m, n)
    s = np.geomspace(1.0, cond, k)
    rng.shuffle(s)
    return (cl_unitary(m)[:, :k] * s) @ cl_unitary(n)[:, :k].conj().T


def cl_normal(*shape):
    return rng.standard_normal(shape) + 1j * rng.standard_normal(shape)


def cl_herm(n, lo=1.0, hi=10.0):
    q = cl_unitary(n)
    a = (q * np.linspace(lo, hi, n)) @ q.conj().T
    return (a + a.conj().T) / 2


def cl_eye_err(q, what, tol):
    g = q.conj().T @ q
    return compare(g, np.eye(g.shape[0]), (0.0, tol), what)


def cl_phase_align(v, ref):
    """v's columns times the unit phase that best matches ref's columns"""
    d = np.sum(v.conj() * ref, axis=-2, keepdims=True)
    ph = np.where(np.abs(d) > 0, d / np.where(np.abs(d) > 0, np.abs(d), 1), 1)
    return v * ph


def cl_rows(rows, *names):
    row = one_row(rows)
    return [parse_tensor(col(row, n)) for n in names]


def cl_dtype_of(rows, name):
    return np.asarray(parse_tensor(col(one_row(rows), name))).dtype.name


for cdt, rdt in CL_DTYPES:
    lt = LINALG32 if rdt == np.float32 else LINALG64
    # inv, det, slogdet, solve (single and stacked)
    A = cl_well(5).astype(cdt)
    ref = np.linalg.inv(A)
    T('inv %s 5x5' % cdt, 'marsql.inv(%s)' % lit(A), ref, cla(ref, rdt))
    As = np.stack([cl_well(3) for _ in range(4)]).reshape(2, 2, 3, 3).astype(cdt)
    ref = np.linalg.inv(As)
    T('inv %s stacked (2,2,3,3)' % cdt, 'marsql.inv(%s)' % lit(As), ref, cla(ref, rdt))
    ref = np.linalg.det(A)
    T('det %s 5x5' % cdt, 'marsql.det(%s)' % lit(A), ref, cla(ref, rdt))
    ref = np.linalg.det(As)
    T('det %s stacked' % cdt, 'marsql.det(%s)' % lit(As), ref, cla(ref, rdt))
    T('det %s 1x1' % cdt, 'marsql.det(%s)' % lit(np.array([[2 - 3j]], cdt)),
      np.linalg.det(np.array([[2 - 3j]], cdt)), cla(np.array([2 - 3j]), rdt))
    T('det %s 0x0 is 1' % cdt, 'marsql.det(%s)' % lit(np.zeros((0, 0), cdt)),
      np.linalg.det(np.zeros((0, 0), cdt)))
    sref, lref = np.linalg.slogdet(As)

    def v_slogdet(rows, sref=sref, lref=lref, cdt=cdt, rdt=rdt):
        s, l = cl_rows(rows, 'sign', 'logabsdet')
        out = [compare(s, sref, cla(np.ones(1), rdt), 'sign'), compare(l, lref, cla(lref, rdt), 'logabsdet')]
        if s.dtype.name != sref.dtype.name or l.dtype.name != lref.dtype.name:
            out.append('dtypes %s, %s; numpy %s, %s' % (s.dtype.name, l.dtype.name, sref.dtype.name, lref.dtype.name))
        return '\n'.join(o for o in out if o) or None
    R('slogdet %s stacked: complex sign, real log|det|' % cdt,
      'SELECT * FROM marsql.slogdet(%s)' % lit(As), v_slogdet)
    SING = np.array([[1 + 1j, 2 + 2j], [2 + 2j, 4 + 4j]], cdt)
    sref, lref = np.linalg.slogdet(SING)
    R('slogdet %s of a singular matrix is (0, -inf)' % cdt, 'SELECT * FROM marsql.slogdet(%s)' % lit(SING),
      lambda rows, sref=sref, lref=lref: compare(cl_rows(rows, 'sign')[0], sref, EXACT, 'sign')
      or compare(cl_rows(rows, 'logabsdet')[0], lref, EXACT, 'logabsdet'))
    T('det %s of a singular matrix is 0' % cdt, 'marsql.det(%s)' % lit(SING), np.linalg.det(SING))
    E('inv %s of a singular matrix: SQLSTATE class 22' % cdt, 'marsql.inv(%s)' % lit(SING), '22',
      lambda SING=SING: np.linalg.inv(SING))
    E('solve %s with a singular matrix: SQLSTATE class 22' % cdt,
      'marsql.solve(%s, %s)' % (lit(SING), lit(np.ones(2, cdt))), '22',
      lambda SING=SING: np.linalg.solve(SING, np.ones(2)))
    E('inv %s of a non-square matrix: SQLSTATE class 22' % cdt, 'marsql.inv(%s)' % lit(cl_normal(2, 3).astype(cdt)),
      '22', lambda: np.linalg.inv(np.zeros((2, 3), complex)))
    E('eig %s of a non-square matrix: SQLSTATE class 22' % cdt, '(marsql.eig(%s)).w' % lit(cl_normal(2, 3).astype(cdt)),
      '22', lambda: np.linalg.eig(np.zeros((2, 3), complex)))
    b = cl_normal(5).astype(cdt)
    ref = np.linalg.solve(A, b)
    T('solve %s 5x5 with a vector' % cdt, 'marsql.solve(%s, %s)' % (lit(A), lit(b)), ref, cla(ref, rdt))
    B = cl_normal(5, 3).astype(cdt)
    ref = np.linalg.solve(A, B)
    T('solve %s 5x5 with 3 right-hand sides' % cdt, 'marsql.solve(%s, %s)' % (lit(A), lit(B)), ref, cla(ref, rdt))
    Bs = cl_normal(2, 2, 3, 2).astype(cdt)
    ref = np.linalg.solve(As, Bs)
    T('solve %s stacked' % cdt, 'marsql.solve(%s, %s)' % (lit(As), lit(Bs)), ref, cla(ref, rdt))
    # lstsq
    for shape, nb in (((8, 4), (8,)), ((8, 4), (8, 2)), ((3, 5), (3,))):
        A2 = cl_well(*shape).astype(cdt)
        b2 = cl_normal(*nb).astype(cdt)
        xr, resr, rankr, sr = np.linalg.lstsq(A2, b2, rcond=None)

        def v_lstsq(rows, xr=xr, resr=resr, rankr=rankr, sr=sr, rdt=rdt):
            row = one_row(rows)
            x, res, s = (parse_tensor(col(row, c)) for c in ('x', 'residuals', 's'))
            out = [compare(x, xr, cla(xr, rdt), 'x'), compare(res, resr, cla(resr, rdt), 'residuals'),
                   compare(s, sr, cla(sr, rdt), 's')]
            if col(row, 'rank') != rankr:
                out.append('rank %r, numpy %r' % (col(row, 'rank'), rankr))
            got = (x.dtype.name, res.dtype.name, s.dtype.name)
            want = (xr.dtype.name, resr.dtype.name, sr.dtype.name)
            if got != want:
                out.append('dtypes %s, numpy %s' % (got, want))
            return '\n'.join(o for o in out if o) or None
        R('lstsq %s %s with b %s' % (cdt, shp(A2), shp(b2)),
          'SELECT * FROM marsql.lstsq(%s, %s)' % (lit(A2), lit(b2)), v_lstsq)
    # pinv, svd, svdvals, matrix_rank, norms
    for shape in ((6, 4), (3, 5), (4, 4)):
        A2 = cl_well(*shape).astype(cdt)
        ref = np.linalg.pinv(A2)
        T('pinv %s %s' % (cdt, shp(A2)), 'marsql.pinv(%s)' % lit(A2), ref, cla(ref, rdt))
        ref = np.linalg.svd(A2, compute_uv=False)
        T('svdvals %s %s (real)' % (cdt, shp(A2)), 'marsql.svdvals(%s)' % lit(A2), ref, cla(ref, rdt))
        for full in (True, False):
            u_ref, s_ref, vt_ref = np.linalg.svd(A2, full_matrices=full)
            k = min(shape)

            def v_svd(rows, A2=A2, u_ref=u_ref, s_ref=s_ref, vt_ref=vt_ref, k=k, rdt=rdt, lt=lt):
                u, s, vt = cl_rows(rows, 'u', 's', 'vt')
                if (u.shape, s.shape, vt.shape) != (u_ref.shape, s_ref.shape, vt_ref.shape):
                    return 'shapes u %s s %s vt %s, numpy %s %s %s' % (
                        u.shape, s.shape, vt.shape, u_ref.shape, s_ref.shape, vt_ref.shape)
                if (u.dtype, s.dtype, vt.dtype) != (u_ref.dtype, s_ref.dtype, vt_ref.dtype):
                    return 'dtypes u %s s %s vt %s, numpy %s %s %s' % (
                        u.dtype, s.dtype, vt.dtype, u_ref.dtype, s_ref.dtype, vt_ref.dtype)
                out = [compare(s, s_ref, cla(s_ref, rdt), 's'),
                       compare((u[:, :k] * s) @ vt[:k], A2, cla(A2, rdt), 'u diag(s) vt'),
                       cl_eye_err(u, 'u^H u', lt * 10), cl_eye_err(vt.conj().T, 'vt vt^H', lt * 10),
                       compare(np.abs(u[:, :k]), np.abs(u_ref[:, :k]), (0.0, lt * 10), '|u| (first k columns)')]
                return '\n'.join(o for o in out if o) or None
            R('svd %s %s full_matrices %s: s, reconstruction, unitary u and vt' % (cdt, shp(A2), full),
              'SELECT * FROM marsql.svd(%s, %s)' % (lit(A2), 'true' if full else 'false'), v_svd)
        S('matrix_rank %s %s' % (cdt, shp(A2)), 'marsql.matrix_rank(%s)' % lit(A2),
          np.linalg.matrix_rank(A2), EXACT, integer=True)
        for o in ('2', '-2', 'nuc', 'fro'):
            ref = np.linalg.norm(A2, {'2': 2, '-2': -2}.get(o, o))
            T('norm %s %s ord %s' % (cdt, shp(A2), o), "marsql.norm(%s, '%s')" % (lit(A2), o), ref, cla(ref, rdt))
    LR = (cl_normal(6, 2) @ cl_normal(2, 5)).astype(cdt)
    S('matrix_rank %s of a rank-2 6x5 matrix' % cdt, 'marsql.matrix_rank(%s)' % lit(LR),
      np.linalg.matrix_rank(LR), EXACT, integer=True)
    T('norm %s keepdims ord 2' % cdt, "marsql.norm(%s, '2', keepdims => true)" % lit(A2),
      np.linalg.norm(A2, 2, keepdims=True), cla(np.linalg.norm(A2, 2), rdt))
    # qr
    for shape in ((6, 4), (3, 5)):
        A2 = cl_well(*shape).astype(cdt)
        for mode in ('reduced', 'complete'):
            q_ref, r_ref = np.linalg.qr(A2, mode=mode)

            def v_qr(rows, A2=A2, q_ref=q_ref, r_ref=r_ref, rdt=rdt, lt=lt):
                q, r = cl_rows(rows, 'q', 'r')
                if (q.shape, r.shape) != (q_ref.shape, r_ref.shape) or (q.dtype, r.dtype) != (q_ref.dtype, r_ref.dtype):
                    return 'q %s %s r %s %s, numpy %s %s %s %s' % (q.shape, q.dtype, r.shape, r.dtype, q_ref.shape,
                                                                 q_ref.dtype, r_ref.shape, r_ref.dtype)
                k = min(A2.shape)
                out = [compare(q @ r, A2, cla(A2, rdt), 'q r'), cl_eye_err(q, 'q^H q', lt * 10),
                       compare(r[:k], r_ref[:k], cla(r_ref, rdt, 10), 'r (same LAPACK routine as numpy)')]
                if np.any(np.abs(np.tril(r, -1)) > 0):
                    out.append('r is not upper triangular')
                return '\n'.join(o for o in out if o) or None
            R('qr %s %s %s' % (cdt, shp(A2), mode), "SELECT * FROM marsql.qr(%s, '%s')" % (lit(A2), mode), v_qr)
    # cholesky, eigh, eigvalsh (Hermitian)
    H = cl_herm(5).astype(cdt)
    ref = np.linalg.cholesky(H)
    T('cholesky %s 5x5 Hermitian' % cdt, 'marsql.cholesky(%s)' % lit(H), ref, cla(ref, rdt))
    Hs = np.stack([cl_herm(3) for _ in range(2)]).astype(cdt)
    ref = np.linalg.cholesky(Hs)
    T('cholesky %s stacked' % cdt, 'marsql.cholesky(%s)' % lit(Hs), ref, cla(ref, rdt))
    NPD = cl_herm(3, -2, 2).astype(cdt)
    E('cholesky %s of an indefinite matrix: SQLSTATE class 22' % cdt, 'marsql.cholesky(%s)' % lit(NPD), '22',
      lambda NPD=NPD: np.linalg.cholesky(NPD))
    for uplo in ('L', 'U'):
        Hg = cl_herm(6, -3, 3)
        garbage = cl_normal(6, 6) * 100
        Ag = (np.tril(Hg) + np.triu(garbage, 1) if uplo == 'L' else np.triu(Hg) + np.tril(garbage, -1)).astype(cdt)
        w_ref, v_ref = np.linalg.eigh(Ag, UPLO=uplo)

        def v_eigh(rows, Hg=Hg, w_ref=w_ref, v_ref=v_ref, rdt=rdt, lt=lt):
            w, v = cl_rows(rows, 'w', 'v')
            if (w.dtype, v.dtype) != (w_ref.dtype, v_ref.dtype):
                return 'dtypes w %s v %s, numpy %s %s' % (w.dtype, v.dtype, w_ref.dtype, v_ref.dtype)
            out = [compare(w, w_ref, cla(w_ref, rdt), 'w'),
                   compare(cl_phase_align(v, v_ref), v_ref, (0.0, lt * 100), 'v (phase-aligned)'),
                   compare((v * w) @ v.conj().T, Hg, cla(Hg, rdt), 'v diag(w) v^H'),
                   cl_eye_err(v, 'v^H v', lt * 10)]
            return '\n'.join(o for o in out if o) or None
        R('eigh %s 6x6 uplo %s: w real, v unitary, reconstruction' % (cdt, uplo),
          "SELECT * FROM marsql.eigh(%s, '%s')" % (lit(Ag), uplo), v_eigh)
        T('eigvalsh %s 6x6 uplo %s' % (cdt, uplo), "marsql.eigvalsh(%s, '%s')" % (lit(Ag), uplo),
          np.linalg.eigvalsh(Ag, UPLO=uplo), cla(w_ref, rdt))
    ref = np.linalg.eigvalsh(Hs)
    T('eigvalsh %s stacked' % cdt, 'marsql.eigvalsh(%s)' % lit(Hs), ref, cla(ref, rdt))
    T('eigvalsh %s 0x0' % cdt, 'marsql.eigvalsh(%s)' % lit(np.zeros((0, 0), cdt)),
      np.linalg.eigvalsh(np.zeros((0, 0), cdt)))


# ---- eig, eigvals: numpy returns complex when an eigenvalue of a real
# input has a nonzero imaginary part, the real dtype otherwise
def eig_checks(desc, A, tolfactor=1.0):
    A = np.asarray(A)
    rdt = np.float32 if A.dtype in (np.float32, np.complex64) else np.float64
    lt = (LINALG32 if rdt == np.float32 else LINALG64) * tolfactor
    w_ref, v_ref = np.linalg.eig(A)
    scale = max(float(np.max(np.abs(A))) if A.size else 0.0, 1.0)

    def v_eig(rows):
        w, v = cl_rows(rows, 'w', 'v')
        if (w.dtype, v.dtype) != (w_ref.dtype, v_ref.dtype):
            return 'dtypes w %s v %s, numpy %s %s' % (w.dtype, v.dtype, w_ref.dtype, v_ref.dtype)
        if (w.shape, v.shape) != (w_ref.shape, v_ref.shape):
            return 'shapes w %s v %s, numpy %s %s' % (w.shape, v.shape, w_ref.shape, v_ref.shape)
        if w.size == 0:
            return None
        out = [compare(w, w_ref, (0.0, lt * scale), 'w'),
               compare(A @ v, v * w[..., None, :], (0.0, lt * scale * 10), 'A v = v diag(w)'),
               compare(np.linalg.norm(v, axis=-2), np.ones(w.shape), (0.0, lt * 10), 'unit columns of v'),
               compare(cl_phase_align(v.astype(complex), v_ref.astype(complex)), v_ref, (0.0, lt * 100),
                       'v (phase-aligned)')]
        return '\n'.join(o for o in out if o) or None
    R('eig ' + desc, 'SELECT * FROM marsql.eig(%s)' % lit(A), v_eig)
    T('eigvals ' + desc, 'marsql.eigvals(%s)' % lit(A), np.linalg.eigvals(A), (0.0, lt * scale))


# numpy's docstring examples
eig_checks('docstring: diag(1, 2, 3) (real)', np.diag((1.0, 2.0, 3.0)))
eig_checks('docstring: [[1,-1],[1,1]] (complex pair)', np.array([[1.0, -1.0], [1.0, 1.0]]))
eig_checks('docstring: [[1,1j],[-1j,1]] (complex input stays complex)', np.array([[1, 1j], [-1j, 1]]))
eig_checks('docstring: [[1+1e-9,0],[0,1-1e-9]]', np.array([[1 + 1e-9, 0], [0, 1 - 1e-9]]))
_x = 0.7317
_Q = np.array([[np.cos(_x), -np.sin(_x)], [np.sin(_x), np.cos(_x)]])
T('eigvals docstring: diag(-1, 1)', 'marsql.eigvals(%s)' % lit(np.diag((-1.0, 1.0))), np.linalg.eigvals(np.diag((-1.0, 1.0))))
_A = _Q @ np.diag((-1.0, 1.0)) @ _Q.T
T('eigvals docstring: Q D Q^T', 'marsql.eigvals(%s)' % lit(_A), np.linalg.eigvals(_A), (0.0, 1e-12))
# random inputs of every dtype
eig_checks('float64 6x6 random (complex pairs)', normal(6, 6))
eig_checks('float32 5x5 random', normal(5, 5, dt=np.float32), 10)
eig_checks('float64 symmetric 5x5 (real result)', symm(5))
eig_checks('float64 upper triangular (real result)', np.triu(normal(4, 4)))
eig_checks('complex128 6x6 random', cl_normal(6, 6))
eig_checks('complex64 5x5 random', cl_normal(5, 5).astype(np.complex64), 10)
eig_checks('int64 [[0,-1],[1,0]] (converted to float64, complex result)', np.array([[0, -1], [1, 0]]))
eig_checks('bool identity (float64 result)', np.eye(3, dtype=bool))
eig_checks('1x1', np.array([[4.5]]))
eig_checks('0x0', np.zeros((0, 0)))
eig_checks('stacked (2,3,3) float64, one matrix with complex eigenvalues', np.stack([symm(3), normal(3, 3)]))
eig_checks('stacked (2,3,3) float64, all real', np.stack([symm(3), np.triu(normal(3, 3))]))
eig_checks('stacked (2,2,3,3) complex128', cl_normal(2, 2, 3, 3))
E('eigvals of a non-square matrix: SQLSTATE class 22', 'marsql.eigvals(%s)' % lit(normal(3, 2)), '22',
  lambda: np.linalg.eigvals(np.zeros((3, 2))))
E('eig of a 1-D tensor: SQLSTATE class 22', '(marsql.eig(%s)).w' % lit(normal(3)), '22',
  lambda: np.linalg.eig(np.zeros(3)))
E('eig of float16: SQLSTATE class 42', '(marsql.eig(%s)).w' % lit(np.eye(2, dtype=np.float16)), '42',
  lambda: cl_float16_raises(lambda: np.linalg.eig(np.eye(2, dtype=np.float16))))


# ---- trace, matrix_power, multi_dot, cond, matrix_norm, vector_norm,
# vecdot, matvec, vecmat, matrix_transpose, tensorsolve, tensorinv
def np2_vecdot(x1, x2, axis=-1):
    """numpy 2's vecdot (Debian's numpy 1.24 has none): conj(x1) . x2 along
    axis, in the promoted dtype (a ufunc: int32 stays int32, bool bool)"""
    rt = np.result_type(x1, x2)
    p = (np.conj(x1) if np.iscomplexobj(x1) else x1) * x2
    return np.sum(p, axis=axis).astype(rt)


# trace: numpy's docstring examples, dtypes (int32 and bool sum to int64)
T('trace docstring: trace(eye(3))', 'marsql.trace(%s)' % lit(np.eye(3)), np.trace(np.eye(3)))
_a = np.arange(8).reshape((2, 2, 2))
T('trace docstring: arange(8).reshape(2,2,2)', 'marsql.trace(%s)' % lit(_a), np.trace(_a))
_a = np.arange(24).reshape((2, 2, 2, 3))
T('trace docstring: arange(24).reshape(2,2,2,3) shape', 'marsql.trace(%s)' % lit(_a), np.trace(_a))
for dt in ('int32', 'bool', 'int8', 'int64', 'float32', 'float64', 'complex64', 'complex128'):
    x = (np.arange(12).reshape(3, 4) % 3).astype(dt)
    T('trace %s (numpy sum dtype)' % dt, 'marsql.trace(%s)' % lit(x), np.trace(x))
x = normal(3, 4, 5)
T('trace offset 1 axis1 1 axis2 2', 'marsql.trace(%s, 1, 1, 2)' % lit(x), np.trace(x, 1, 1, 2), F64)
T('trace offset -1 negative axes', 'marsql.trace(%s, -1, -1, -3)' % lit(x), np.trace(x, -1, -1, -3), F64)
T('trace offset past the matrix is 0', 'marsql.trace(%s, 7)' % lit(normal(3, 3)), np.trace(normal(3, 3), 7))
T('trace of an empty 0x0 matrix', 'marsql.trace(%s)' % lit(np.zeros((0, 0))), np.trace(np.zeros((0, 0))))
E('trace of a 1-D tensor: error', 'marsql.trace(%s)' % lit(normal(3)), '22', lambda: np.trace(np.zeros(3)))
T('linalg_trace (numpy 2 linalg.trace: last two axes) stacked', 'marsql.linalg_trace(%s)' % lit(x),
  np.trace(x, axis1=-2, axis2=-1), F64)
T('linalg_trace offset 1', 'marsql.linalg_trace(%s, 1)' % lit(x), np.trace(x, 1, axis1=-2, axis2=-1), F64)

# matrix_power: docstring examples (i is the 2x2 rotation by 90 degrees)
_i = np.array([[0, 1], [-1, 0]])
for n in (3, 0, -3, 6, 1, 2):
    T('matrix_power docstring [[0,1],[-1,0]] n %d' % n, 'marsql.matrix_power(%s, %d)' % (lit(_i), n),
      np.linalg.matrix_power(_i, n), F64)
_q = np.zeros((4, 4))
_q[0:2, 0:2] = -_i
_q[2:4, 2:4] = _i
T('matrix_power docstring 4x4 block matrix n 2', 'marsql.matrix_power(%s, 2)' % lit(_q), np.linalg.matrix_power(_q, 2))
A = wellcond(4)
for n in (5, 13, -1, -4):
    ref = np.linalg.matrix_power(A, n)
    T('matrix_power float64 4x4 n %d' % n, 'marsql.matrix_power(%s, %d)' % (lit(A), n), ref, la(ref, factor=100))
Ai = rng.integers(-3, 4, (3, 3)).astype(np.int32)
T('matrix_power int32 n 7 stays int32', 'marsql.matrix_power(%s, 7)' % lit(Ai), np.linalg.matrix_power(Ai, 7))
T('matrix_power int64 n 0 is the identity', 'marsql.matrix_power(%s, 0)' % lit(Ai.astype(np.int64)),
  np.linalg.matrix_power(Ai.astype(np.int64), 0))
Ainv = np.array([[2, 1], [1, 1]], np.int32)
T('matrix_power int32 n -2 is float64', 'marsql.matrix_power(%s, -2)' % lit(Ainv),
  np.linalg.matrix_power(Ainv, -2), F64)
As = cl_well(3).astype(np.complex128)[None].repeat(2, 0) * np.array([1, 0.5])[:, None, None]
ref = np.linalg.matrix_power(As, 5)
T('matrix_power complex128 stacked n 5', 'marsql.matrix_power(%s, 5)' % lit(As), ref, cla(ref, factor=100))
ref = np.linalg.matrix_power(As.astype(np.complex64), -3)
T('matrix_power complex64 stacked n -3', 'marsql.matrix_power(%s, -3)' % lit(As.astype(np.complex64)), ref,
  cla(ref, np.float32, 100))
T('matrix_power 0x0 n 3', 'marsql.matrix_power(%s, 3)' % lit(np.zeros((0, 0))), np.linalg.matrix_power(np.zeros((0, 0)), 3))
E('matrix_power of a non-square matrix: SQLSTATE class 22', 'marsql.matrix_power(%s, 2)' % lit(normal(2, 3)), '22',
  lambda: np.linalg.matrix_power(np.zeros((2, 3)), 2))
E('matrix_power of a 1-D tensor: SQLSTATE class 22', 'marsql.matrix_power(%s, 2)' % lit(normal(3)), '22',
  lambda: np.linalg.matrix_power(np.zeros(3), 2))
E('matrix_power -1 of a singular matrix: SQLSTATE class 22', 'marsql.matrix_power(%s, -1)' % lit(np.ones((2, 2))),
  '22', lambda: np.linalg.matrix_power(np.ones((2, 2)), -1))

# multi_dot: docstring shapes, 1-D ends, dtypes
_A, _B, _C, _D = normal(10, 4), normal(4, 6), normal(6, 3), normal(3, 5)
for arrs, what in (([_A, _B, _C, _D], 'docstring A B C D'), ([_A, _B], 'two'), ([_A, _B, _C], 'three'),
                   ([normal(4), _B, _C], '1-D first'), ([_A, _B, normal(6)], '1-D last'),
                   ([normal(4), _B, normal(6)], '1-D both ends (scalar)')):
    ref = np.linalg.multi_dot(arrs)
    T('multi_dot %s' % what, 'marsql.multi_dot(%s)' % tarr(arrs), ref, la(ref, factor=10))
arrs = [cl_normal(3, 4).astype(np.complex64), cl_normal(4, 2).astype(np.complex64), cl_normal(2, 5).astype(np.complex64)]
ref = np.linalg.multi_dot(arrs)
T('multi_dot complex64 three', 'marsql.multi_dot(%s)' % tarr(arrs), ref, cla(ref, np.float32, 10))
arrs = [rng.integers(-5, 5, s).astype(np.int32) for s in ((2, 3), (3, 4), (4, 2))]
T('multi_dot int32 exact', 'marsql.multi_dot(%s)' % tarr(arrs), np.linalg.multi_dot(arrs))
E('multi_dot of one array: error', 'marsql.multi_dot(%s)' % tarr([_A]), '22', lambda: np.linalg.multi_dot([_A]))
E('multi_dot with a 3-D middle array: error', 'marsql.multi_dot(%s)' % tarr([_A, normal(4, 6, 1), _C]), '22',
  lambda: np.linalg.multi_dot([_A, normal(4, 6, 1), _C]))

# cond: numpy's docstring example, every p, dtypes, singular
_a = np.array([[1, 0, -1], [0, 1, 0], [1, 0, 1]])
for p in (None, 'fro', 'inf', '-inf', '1', '-1', '2', '-2', 'nuc'):
    pv = {'inf': np.inf, '-inf': -np.inf, '1': 1, '-1': -1, '2': 2, '-2': -2}.get(p, p)
    T('cond docstring p %s' % p, 'marsql.cond(%s%s)' % (lit(_a), '' if p is None else ", '%s'" % p),
      np.linalg.cond(_a, pv), (1e-12, 1e-14))
T('cond docstring: min(svd(a)) * min(svd(inv(a)))', 'marsql.cond(%s)' % lit(_a), np.linalg.cond(_a), F64)
A = wellcond(5, cond=50.0)
for p, pv in ((None, None), ('fro', 'fro'), ('1', 1), ('inf', np.inf)):
    ref = np.linalg.cond(A, pv)
    T('cond float64 5x5 p %s' % p, 'marsql.cond(%s%s)' % (lit(A), '' if p is None else ", '%s'" % p), ref, la(ref, factor=10))
A32 = wellcond(4).astype(np.float32)
ref = np.linalg.cond(A32)
T('cond float32 is float32', 'marsql.cond(%s)' % lit(A32), ref, la(ref, np.float32, 10))
Ac = cl_well(4, cond=20.0)
for cdt, rdt in CL_DTYPES:
    for p, pv in ((None, None), ('-2', -2), ('nuc', 'nuc'), ('-1', -1)):
        ref = np.linalg.cond(Ac.astype(cdt), pv)
        # numpy (1.24 and 2.x) casts the norm(x) norm(inv(x)) orders to the complex dtype
        T('cond %s p %s' % (cdt, p), 'marsql.cond(%s%s)' % (lit(Ac.astype(cdt)), '' if p is None else ", '%s'" % p),
          ref, cla(ref, rdt, 10))
As = np.stack([wellcond(3), wellcond(3, cond=5.0)])
T('cond stacked p None', 'marsql.cond(%s)' % lit(As), np.linalg.cond(As), la(np.linalg.cond(As), factor=10))
T('cond of a singular matrix p 1 is inf', "marsql.cond(%s, '1')" % lit(np.ones((2, 2))), np.linalg.cond(np.ones((2, 2)), 1))
T('cond of a singular matrix p fro is inf', "marsql.cond(%s, 'fro')" % lit(np.array([[1.0, 2], [2, 4]])),
  np.linalg.cond(np.array([[1.0, 2], [2, 4]]), 'fro'))
T('cond of a zero matrix is inf (0 / 0)', 'marsql.cond(%s)' % lit(np.zeros((2, 2))), np.linalg.cond(np.zeros((2, 2))))
T('cond -2 of a zero float32 matrix is inf', "marsql.cond(%s, '-2')" % lit(np.zeros((2, 2), np.float32)),
  np.linalg.cond(np.zeros((2, 2), np.float32), -2))
T('cond of a stack with a zero matrix', 'marsql.cond(%s)' % lit(np.stack([np.eye(2), np.zeros((2, 2))])),
  np.linalg.cond(np.stack([np.eye(2), np.zeros((2, 2))])))
T('cond of int64 input is float64', "marsql.cond(%s, 'inf')" % lit(np.array([[2, 1], [1, 3]])),
  np.linalg.cond(np.array([[2, 1], [1, 3]]), np.inf), F64)
E('cond p 1 of a non-square matrix: error', "marsql.cond(%s, '1')" % lit(normal(2, 3)), '22',
  lambda: np.linalg.cond(np.zeros((2, 3)), 1))
E('cond of an empty matrix: error', 'marsql.cond(%s)' % lit(np.zeros((0, 0))), '22',
  lambda: np.linalg.cond(np.zeros((0, 0))))
E('cond p bogus: error', "marsql.cond(%s, 'bogus')" % lit(normal(2, 2)), '22',
  lambda: np.linalg.cond(np.eye(2), 'bogus'))

# matrix_norm / vector_norm (numpy 2 / array API: norm with axis=(-2,-1) and vector norms over axes)
X = normal(2, 3, 4)
for o, ov in (('fro', 'fro'), ('nuc', 'nuc'), ('1', 1), ('-1', -1), ('2', 2), ('-2', -2), ('inf', np.inf), ('-inf', -np.inf)):
    ref = np.linalg.norm(X, ov, axis=(-2, -1))
    T('matrix_norm stacked (2,3,4) ord %s' % o, "marsql.matrix_norm(%s, ord => '%s')" % (lit(X), o), ref, la(ref))
ref = np.linalg.norm(X, 'fro', axis=(-2, -1), keepdims=True)
T('matrix_norm keepdims', 'marsql.matrix_norm(%s, true)' % lit(X), ref, la(ref))
Xc = cl_normal(2, 3, 3).astype(np.complex64)
ref = np.linalg.norm(Xc, 2, axis=(-2, -1))
T('matrix_norm complex64 ord 2 is float32', "marsql.matrix_norm(%s, ord => '2')" % lit(Xc), ref, cla(ref, np.float32))
Xi = np.arange(6, dtype=np.int32).reshape(2, 3)
T('matrix_norm int32 fro is float64', 'marsql.matrix_norm(%s)' % lit(Xi), np.linalg.norm(Xi, 'fro'), F64)
E('matrix_norm of a 1-D tensor: error', 'marsql.matrix_norm(%s)' % lit(normal(3)), '22',
  lambda: np.linalg.norm(np.zeros(3), axis=(-2, -1)))
E('matrix_norm ord 3: error', "marsql.matrix_norm(%s, ord => '3')" % lit(normal(3, 3)), '22',
  lambda: np.linalg.norm(np.zeros((3, 3)), 3))
X = normal(2, 3, 4)
for axis, o, ov, kd in ((None, '2', 2, False), (None, '1', 1, True), ([1], 'inf', np.inf, False),
                        ([-1], '3', 3, True), ([0, 2], '2', 2, False), ([2, 0], '1', 1, True),
                        ([0, 1, 2], '-inf', -np.inf, False), ([1, 2], '0', 0, False)):
    if axis is None:
        ref = np.linalg.norm(X.ravel(), ov)
        if kd:
            ref = ref.reshape(1, 1, 1)
    else:
        perm = [i for i in range(3) if i not in [a % 3 for a in axis]] + [a % 3 for a in axis]
        t = X.transpose(perm).reshape([X.shape[i] for i in perm[:3 - len(axis)]] + [-1])
        ref = np.linalg.norm(t, ov, axis=-1)
        if kd:
            ref = ref.reshape([1 if i in [a % 3 for a in axis] else X.shape[i] for i in range(3)])
    ax = 'NULL' if axis is None else iarr(axis)
    T('vector_norm axis %s ord %s keepdims %s' % (axis, o, kd),
      "marsql.vector_norm(%s, %s, %s, '%s')" % (lit(X), ax, 'true' if kd else 'false', o), ref, red_tol(X))
_v = cl_normal(5)
T('vector_norm complex128 default (real result)', 'marsql.vector_norm(%s)' % lit(_v), np.linalg.norm(_v), F64)
E('vector_norm repeated axis: error', 'marsql.vector_norm(%s, %s)' % (lit(X), iarr([0, -3])), '22',
  lambda: np.linalg.norm(X, axis=(0, -3)))

# vecdot (numpy 2; reference computed as numpy 2 defines it), matvec, vecmat, matrix_transpose
x1, x2 = normal(3, 4), normal(4)
T('vecdot float64 (3,4) with (4,) broadcast', 'marsql.vecdot(%s, %s)' % (lit(x1), lit(x2)), np2_vecdot(x1, x2), red_tol(x1 * x2))
x3 = normal(3, 1)
T('vecdot axis 0', 'marsql.vecdot(%s, %s, 0)' % (lit(x1), lit(x3)), np2_vecdot(x1, x3, 0), red_tol(x1 * x3))
z1, z2 = cl_normal(2, 3), cl_normal(2, 3)
T('vecdot complex128 conjugates x1', 'marsql.vecdot(%s, %s)' % (lit(z1), lit(z2)), np2_vecdot(z1, z2), red_tol(np.abs(z1 * z2)))
z1c, z2c = z1.astype(np.complex64), z2.astype(np.complex64)
T('vecdot complex64', 'marsql.vecdot(%s, %s)' % (lit(z1c), lit(z2c)), np2_vecdot(z1c, z2c), red_tol(np.abs(z1 * z2), np.float32))
i1, i2 = np.arange(6, dtype=np.int32).reshape(2, 3), np.array([1, -2, 3], np.int32)
T('vecdot int32 stays int32 (numpy 2 ufunc)', 'marsql.vecdot(%s, %s)' % (lit(i1), lit(i2)), np2_vecdot(i1, i2))
b1, b2 = np.array([[True, False], [False, False]]), np.array([True, True])
T('vecdot bool is bool', 'marsql.vecdot(%s, %s)' % (lit(b1), lit(b2)), np2_vecdot(b1, b2))
M, v = normal(2, 3, 4), normal(4)
T('matvec stacked (2,3,4) with (4,)', 'marsql.matvec(%s, %s)' % (lit(M), lit(v)), np.matmul(M, v[:, None])[..., 0], la(M @ v))
V = normal(2, 4)
T('matvec batch of vectors (2,4)', 'marsql.matvec(%s, %s)' % (lit(M), lit(V)), np.matmul(M, V[..., None])[..., 0],
  la(np.matmul(M, V[..., None])))
zv, zM = cl_normal(3), cl_normal(3, 2)
T('vecmat complex conjugates the vector', 'marsql.vecmat(%s, %s)' % (lit(zv), lit(zM)), np.conj(zv) @ zM, cla(np.conj(zv) @ zM))
T('vecmat float64 stacked', 'marsql.vecmat(%s, %s)' % (lit(normal(2, 3) * 0 + 1), lit(normal(2, 3, 2) * 0 + 2)),
  np.full((2, 2), 6.0))
T('matrix_transpose (2,3,4)', 'marsql.matrix_transpose(%s)' % lit(M), np.swapaxes(M, -1, -2))
T('matrix_transpose int8', 'marsql.matrix_transpose(%s)' % lit(np.arange(6, dtype=np.int8).reshape(2, 3)),
  np.arange(6, dtype=np.int8).reshape(2, 3).T)
E('matrix_transpose of a 1-D tensor: error', 'marsql.matrix_transpose(%s)' % lit(normal(3)), '22',
  lambda: np.swapaxes(np.zeros(3), -1, -2))

# tensorsolve / tensorinv: numpy's docstring examples
_a = np.eye(2 * 3 * 4).reshape((2 * 3, 4, 2, 3, 4))
_b = normal(2 * 3, 4)
ref = np.linalg.tensorsolve(_a, _b)
T('tensorsolve docstring: eye(24) as (6,4,2,3,4)', 'marsql.tensorsolve(%s, %s)' % (lit(_a), lit(_b)), ref, la(ref))
_a2 = normal(3, 2, 6) + np.eye(6).reshape(3, 2, 6) * 3
_b2 = normal(3, 2)
ref = np.linalg.tensorsolve(_a2, _b2)
T('tensorsolve random (3,2,6)', 'marsql.tensorsolve(%s, %s)' % (lit(_a2), lit(_b2)), ref, la(ref, factor=10))
_a3 = np.moveaxis(_a2, 2, 0)
ref = np.linalg.tensorsolve(_a3, _b2, axes=(0,))
T('tensorsolve with axes (0,)', 'marsql.tensorsolve(%s, %s, %s)' % (lit(_a3), lit(_b2), iarr([0])), ref, la(ref, factor=10))
E('tensorsolve with mismatched axes: error', 'marsql.tensorsolve(%s, %s)' % (lit(normal(2, 3, 4)), lit(normal(2, 3))),
  '22', lambda: np.linalg.tensorsolve(normal(2, 3, 4), normal(2, 3)))
_a = np.eye(4 * 6).reshape((4, 6, 8, 3))
T('tensorinv docstring: eye(24) as (4,6,8,3) ind 2', 'marsql.tensorinv(%s)' % lit(_a), np.linalg.tensorinv(_a, ind=2))
_a = np.eye(4 * 6).reshape((24, 8, 3))
T('tensorinv docstring: (24,8,3) ind 1', 'marsql.tensorinv(%s, 1)' % lit(_a), np.linalg.tensorinv(_a, ind=1))
_a = cl_well(6).reshape(2, 3, 6)
ref = np.linalg.tensorinv(_a, ind=2)
T('tensorinv complex128 (2,3,6)', 'marsql.tensorinv(%s)' % lit(_a), ref, cla(ref))
E('tensorinv ind 0: error', 'marsql.tensorinv(%s, 0)' % lit(np.eye(4)), '22', lambda: np.linalg.tensorinv(np.eye(4), 0))
E('tensorinv of a non-square split: error', 'marsql.tensorinv(%s)' % lit(normal(2, 3, 4)), '22',
  lambda: np.linalg.tensorinv(normal(2, 3, 4)))
