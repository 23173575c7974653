# ---- numpy.fft: every function, many lengths (powers of two, mixed radix,
# primes through Bluestein), 2-D/3-D with axes, every norm, n larger and
# smaller than the axis, float32/complex64 input, docstring examples,
# errors.
#
# Result dtypes follow numpy 2: its transforms compute in the input's
# precision, so float16/float32/complex64 input gives complex64 (and a
# float32 irfft/hfft result; float16 stays float16 there), while Debian's
# numpy 1.24 always returns complex128/float64.  The reference is numpy
# 1.24's value cast to the numpy-2 dtype.
#
# Tolerance, normwise: |got - ref| <= 4 n (log2 n + 1) eps max|x| for a
# transform of n points of input x (eps of the result's precision); an FFT's
# error is about log2(n) eps |X| and |X| <= n max|x|.
FFT_RNG = np.random.default_rng(SEED + 115)
FFT_LENGTHS = (1, 2, 3, 5, 7, 8, 12, 16, 17, 30, 97, 128, 1000, 1024, 1031)
FFT_EPS = {'complex64': EPS32, 'float32': EPS32, 'float16': float(np.finfo(np.float16).eps),
           'complex128': EPS64, 'float64': EPS64}


def fft_cdt(dt):
    """numpy 2: result_type(a, 1j)"""
    return 'complex64' if dt in ('float16', 'float32', 'complex64') else 'complex128'


def fft_rdt(dt):
    """numpy 2: result_type(a.real.dtype, 1.0)"""
    return {'float16': 'float16', 'float32': 'float32', 'complex64': 'float32'}.get(dt, 'float64')


def fft_tol(x, npts, outdt):
    x = np.asarray(x)
    scale = float(np.max(np.abs(x.astype(np.complex128)))) if x.size else 0.0
    npts = max(int(npts), 1)
    return (0.0, 4.0 * npts * (np.log2(npts) + 1.0) * FFT_EPS[outdt] * scale + 1e-300)


def FT(desc, expr, ref, x, npts, outdt):
    """expr against numpy 1.24's ref cast to the numpy-2 dtype outdt"""
    T(desc, expr, np.asarray(ref).astype(outdt), fft_tol(x, npts, outdt))


def fft_input(shape, dt):
    x = FFT_RNG.standard_normal(shape)
    if dt.startswith('complex'):
        x = x + 1j * FFT_RNG.standard_normal(shape)
    return x.astype(dt)


def fft_args(n=None, axis=None, norm=None):
    out = ''
    if n is not None:
        out += ', n => %d' % n
    if axis is not None:
        out += ', axis => %d' % axis
    if norm is not None:
        out += ", norm => '%s'" % norm
    return out


# 1-D: every length, complex and real input, forward and inverse, round trip
for L in FFT_LENGTHS:
    for dt in ('complex128', 'float64'):
        x = fft_input(L, dt)
        cd = fft_cdt(dt)
        FT('fft %s length %d' % (dt, L), 'marsql.fft(%s)' % lit(x), np.fft.fft(x), x, L, cd)
        FT('ifft %s length %d' % (dt, L), 'marsql.ifft(%s)' % lit(x), np.fft.ifft(x), x, L, cd)
        T('ifft(fft(x)) %s length %d is x' % (dt, L), 'marsql.ifft(marsql.fft(%s))' % lit(x),
          x.astype(cd), fft_tol(x, L, cd))
    xr = fft_input(L, 'float64')
    FT('rfft float64 length %d' % L, 'marsql.rfft(%s)' % lit(xr), np.fft.rfft(xr), xr, L, 'complex128')
    T('irfft(rfft(x), n) float64 length %d is x' % L,
      'marsql.irfft(marsql.rfft(%s), %d)' % (lit(xr), L), xr, fft_tol(xr, L, 'float64'))
    xc = fft_input(L // 2 + 1, 'complex128')
    if L > 1:
        FT('irfft complex128 to length %d' % L, 'marsql.irfft(%s, %d)' % (lit(xc), L),
           np.fft.irfft(xc, L), xc, L, 'float64')
        FT('hfft complex128 to length %d' % L, 'marsql.hfft(%s, %d)' % (lit(xc), L),
           np.fft.hfft(xc, L), xc, L, 'float64')
    FT('ihfft float64 length %d' % L, 'marsql.ihfft(%s)' % lit(xr), np.fft.ihfft(xr), xr, L, 'complex128')

# every norm, n larger and smaller than the axis, negative axes
for norm in ('backward', 'ortho', 'forward'):
    x = fft_input((3, 12), 'complex128')
    xr = fft_input((3, 12), 'float64')
    for n in (None, 5, 12, 20, 97):
        npts = n or 12
        a = fft_args(n, None, norm)
        FT('fft norm %s n %s' % (norm, n), 'marsql.fft(%s%s)' % (lit(x), a),
           np.fft.fft(x, n, norm=norm), x, npts, 'complex128')
        FT('ifft norm %s n %s' % (norm, n), 'marsql.ifft(%s%s)' % (lit(x), a),
           np.fft.ifft(x, n, norm=norm), x, npts, 'complex128')
        FT('rfft norm %s n %s' % (norm, n), 'marsql.rfft(%s%s)' % (lit(xr), a),
           np.fft.rfft(xr, n, norm=norm), xr, npts, 'complex128')
        FT('irfft norm %s n %s' % (norm, n), 'marsql.irfft(%s%s)' % (lit(x), a),
           np.fft.irfft(x, n, norm=norm), x, n or 22, 'float64')
        FT('hfft norm %s n %s' % (norm, n), 'marsql.hfft(%s%s)' % (lit(x), a),
           np.fft.hfft(x, n, norm=norm), x, n or 22, 'float64')
        FT('ihfft norm %s n %s' % (norm, n), 'marsql.ihfft(%s%s)' % (lit(xr), a),
           np.fft.ihfft(xr, n, norm=norm), xr, npts, 'complex128')
    a = fft_args(7, 0, norm)
    FT('fft axis 0 n 7 norm %s' % norm, 'marsql.fft(%s%s)' % (lit(x), a),
       np.fft.fft(x, 7, 0, norm=norm), x, 7, 'complex128')
    FT('irfft axis -2 n 4 norm %s' % norm, "marsql.irfft(%s, 4, -2, '%s')" % (lit(x), norm),
       np.fft.irfft(x, 4, -2, norm=norm), x, 4, 'float64')
    FT('ifftn 3-D norm %s' % norm, "marsql.ifftn(%s, norm => '%s')" % (lit(x.reshape(3, 3, 4)), norm),
       np.fft.ifftn(x.reshape(3, 3, 4), norm=norm), x, 36, 'complex128')
    FT('rfftn 3-D norm %s' % norm, "marsql.rfftn(%s, norm => '%s')" % (lit(xr.reshape(3, 4, 3)), norm),
       np.fft.rfftn(xr.reshape(3, 4, 3), norm=norm), xr, 36, 'complex128')
    FT('irfftn 3-D norm %s' % norm, "marsql.irfftn(%s, norm => '%s')" % (lit(x.reshape(3, 4, 3)), norm),
       np.fft.irfftn(x.reshape(3, 4, 3), norm=norm), x, 48, 'float64')
    FT('fft2 norm %s' % norm, "marsql.fft2(%s, norm => '%s')" % (lit(x), norm),
       np.fft.fft2(x, norm=norm), x, 36, 'complex128')

# 2-D and 3-D with axes and s
X3 = fft_input((4, 5, 6), 'complex128')
X3r = fft_input((4, 5, 6), 'float64')
for s, axes in ((None, None), (None, (0, 2)), (None, (2, 0)), (None, (-1,)), ((3, 8), (0, 2)),
                ((6, 4, 2), None), ((2, 7), None), (None, (1, 1)), ((5, 5), (-3, -2))):
    sa = 'NULL' if s is None else iarr(s)
    aa = 'NULL' if axes is None else iarr(axes)
    npts = int(np.prod(s)) if s else int(np.prod([X3.shape[i] for i in (axes or range(3))]))
    FT('fftn s %s axes %s' % (s, axes), 'marsql.fftn(%s, %s, %s)' % (lit(X3), sa, aa),
       np.fft.fftn(X3, s, axes), X3, npts, 'complex128')
    FT('ifftn s %s axes %s' % (s, axes), 'marsql.ifftn(%s, %s, %s)' % (lit(X3), sa, aa),
       np.fft.ifftn(X3, s, axes), X3, npts, 'complex128')
    if axes is None or len(set(axes)) == len(axes):
        FT('rfftn s %s axes %s' % (s, axes), 'marsql.rfftn(%s, %s, %s)' % (lit(X3r), sa, aa),
           np.fft.rfftn(X3r, s, axes), X3r, npts, 'complex128')
        FT('irfftn s %s axes %s' % (s, axes), 'marsql.irfftn(%s, %s, %s)' % (lit(X3), sa, aa),
           np.fft.irfftn(X3, s, axes), X3, 4 * npts, 'float64')
for s, axes in ((None, None), ((4, 4), None), (None, (0, 1)), ((3, 9), (2, 0))):
    kw = '' if s is None else ', s => %s' % iarr(s)
    kw += '' if axes is None else ', axes => %s' % iarr(axes)
    sk = {} if s is None else {'s': s}
    if axes is not None:
        sk['axes'] = axes
    npts = 200
    FT('fft2 %s' % kw, 'marsql.fft2(%s%s)' % (lit(X3), kw), np.fft.fft2(X3, **sk), X3, npts, 'complex128')
    FT('ifft2 %s' % kw, 'marsql.ifft2(%s%s)' % (lit(X3), kw), np.fft.ifft2(X3, **sk), X3, npts, 'complex128')
    FT('rfft2 %s' % kw, 'marsql.rfft2(%s%s)' % (lit(X3r), kw), np.fft.rfft2(X3r, **sk), X3r, npts, 'complex128')
    FT('irfft2 %s' % kw, 'marsql.irfft2(%s%s)' % (lit(X3), kw), np.fft.irfft2(X3, **sk), X3, npts, 'float64')
# numpy 2: an s of -1 takes the whole axis (numpy 1.24 refuses it)
FT('fftn s -1 takes the whole axis (numpy 2)', 'marsql.fftn(%s, %s, %s)' % (lit(X3), iarr([-1, 3]), iarr([0, 2])),
   np.fft.fftn(X3, (4, 3), (0, 2)), X3, 12, 'complex128')
FT('fft2 of 2-D', 'marsql.fft2(%s)' % lit(X3[0]), np.fft.fft2(X3[0]), X3, 30, 'complex128')
T('fftn with no axes returns the input', 'marsql.fftn(%s, axes => ARRAY[]::int[])' % lit(X3r[0]), X3r[0])
T('fftn of 0-d returns the input', "marsql.fftn('float32:3'::marsql.tensor)", np.float32(3.0))

# dtypes: float32/complex64 (complex64 result computed in double, rounded once),
# float16, integers, bool
for dt in ('float32', 'complex64', 'float16', 'int8', 'int32', 'int64', 'uint8', 'bool'):
    for L in (5, 16, 97):
        if dt == 'bool':
            x = FFT_RNG.integers(0, 2, L).astype(bool)
        elif dt in ('int8', 'int32', 'int64', 'uint8'):
            x = FFT_RNG.integers(0 if dt == 'uint8' else -50, 50, L).astype(dt)
        else:
            x = fft_input(L, dt)
        x128 = x.astype(np.complex128)
        cd, rd = fft_cdt(dt), fft_rdt(dt)
        FT('fft %s length %d' % (dt, L), 'marsql.fft(%s)' % lit(x), np.fft.fft(x128), x, L, cd)
        FT('ifft %s length %d norm ortho' % (dt, L), "marsql.ifft(%s, norm => 'ortho')" % lit(x),
           np.fft.ifft(x128, norm='ortho'), x, L, cd)
        FT('irfft %s length %d' % (dt, L), 'marsql.irfft(%s)' % lit(x), np.fft.irfft(x128), x, 2 * L, rd)
        FT('hfft %s length %d' % (dt, L), 'marsql.hfft(%s, %d)' % (lit(x), L), np.fft.hfft(x128, L), x, L, rd)
        FT('fftn %s length %d' % (dt, L), 'marsql.fftn(%s)' % lit(x.reshape(1, L)),
           np.fft.fftn(x128.reshape(1, L)), x, L, cd)
        if dt != 'complex64':
            xr = x.astype(np.float64)
            FT('rfft %s length %d' % (dt, L), 'marsql.rfft(%s)' % lit(x), np.fft.rfft(xr), x, L, cd)
            FT('ihfft %s length %d' % (dt, L), 'marsql.ihfft(%s)' % lit(x), np.fft.ihfft(xr), x, L, cd)
            FT('rfft2 %s %d' % (dt, L), 'marsql.rfft2(%s)' % lit(x.reshape(1, L)),
               np.fft.rfft2(xr.reshape(1, L)), x, L, cd)
X32 = fft_input((8, 6), 'float32')
FT('fft2 float32 8 x 6', 'marsql.fft2(%s)' % lit(X32), np.fft.fft2(X32.astype(np.float64)), X32, 48, 'complex64')
FT('irfft2 complex64 8 x 6', 'marsql.irfft2(%s)' % lit(X32.astype(np.complex64)),
   np.fft.irfft2(X32.astype(np.complex128)), X32, 80, 'float32')

# empty lanes: numpy transforms nothing and keeps the shape
E0 = np.zeros((0, 4))
T('fft of 0 x 4 along the last axis', 'marsql.fft(%s)' % lit(E0), np.fft.fft(E0))
T('fft of 0 x 4 along the last axis, n 3', 'marsql.fft(%s, 3)' % lit(E0), np.fft.fft(E0, 3))
T('rfft of 0 x 4', 'marsql.rfft(%s)' % lit(E0), np.fft.rfft(E0))
T('irfft of 0 x 4', 'marsql.irfft(%s)' % lit(E0), np.fft.irfft(E0))
T('fft of 4 x 0 along axis 0', 'marsql.fft(%s, axis => 0)' % lit(np.zeros((4, 0))), np.fft.fft(np.zeros((4, 0)), axis=0))

# numpy's docstring examples
T('fft docstring: exp(2 pi i k / 8)', 'marsql.fft(%s)' % lit(np.exp(2j * np.pi * np.arange(8) / 8)),
  np.fft.fft(np.exp(2j * np.pi * np.arange(8) / 8)), (0, 1e-14))
T('ifft docstring', 'marsql.ifft(%s)' % lit(np.array([0, 4, 0, 0])), np.fft.ifft([0, 4, 0, 0]), (0, 1e-15))
M5 = np.mgrid[:5, :5][0]
T('fft2 docstring', 'marsql.fft2(%s)' % lit(M5), np.fft.fft2(M5), (0, 1e-13))
T('ifft2 docstring', 'marsql.ifft2(%s)' % lit(4 * np.eye(4)), np.fft.ifft2(4 * np.eye(4)), (0, 1e-15))
M3 = np.mgrid[:3, :3, :3][0]
T('fftn docstring axes (1, 2)', 'marsql.fftn(%s, axes => ARRAY[1,2])' % lit(M3), np.fft.fftn(M3, axes=(1, 2)), (0, 1e-13))
T('fftn docstring s (2, 2) axes (0, 1)', 'marsql.fftn(%s, ARRAY[2,2], ARRAY[0,1])' % lit(M3),
  np.fft.fftn(M3, (2, 2), axes=(0, 1)), (0, 1e-13))
T('ifftn docstring', 'marsql.ifftn(marsql.fftn(%s), axes => ARRAY[1])' % lit(np.eye(4)),
  np.fft.ifftn(np.fft.fftn(np.eye(4)), axes=(1,)), (0, 1e-15))
T('rfft docstring', 'marsql.rfft(%s)' % lit(np.array([0, 1, 0, 0])), np.fft.rfft([0, 1, 0, 0]), (0, 1e-15))
T('irfft docstring', 'marsql.irfft(%s)' % lit(np.array([1, -1j, -1])), np.fft.irfft([1, -1j, -1]), (0, 1e-15))
T('rfft2 docstring', 'marsql.rfft2(%s)' % lit(np.ones((2, 2))), np.fft.rfft2(np.ones((2, 2))), (0, 1e-15))
A33 = np.zeros((3, 3))
A33[0, 0] = 9
T('irfft2 docstring', 'marsql.irfft2(%s)' % lit(A33), np.fft.irfft2(A33), (0, 1e-15))
T('rfftn docstring', 'marsql.rfftn(%s)' % lit(np.ones((2, 2, 2))), np.fft.rfftn(np.ones((2, 2, 2))), (0, 1e-15))
T('rfftn docstring axes (2, 0)', 'marsql.rfftn(%s, axes => ARRAY[2,0])' % lit(np.ones((2, 2, 2))),
  np.fft.rfftn(np.ones((2, 2, 2)), axes=(2, 0)), (0, 1e-15))
A322 = np.zeros((3, 2, 2))
A322[0, 0, 0] = 12
T('irfftn docstring', 'marsql.irfftn(%s)' % lit(A322), np.fft.irfftn(A322), (0, 1e-15))
SIG = np.array([1, 2, 3, 4, 3, 2])
T('hfft docstring signal[:4]', 'marsql.hfft(%s)' % lit(SIG[:4]), np.fft.hfft(SIG[:4]), (0, 1e-14))
T('hfft docstring n 6', 'marsql.hfft(%s, 6)' % lit(SIG), np.fft.hfft(SIG, 6), (0, 1e-14))
SIG2 = np.array([[1, 1.j], [-1.j, 2]])
T('hfft docstring 2-D', 'marsql.hfft(%s)' % lit(SIG2), np.fft.hfft(SIG2), (0, 1e-14))
SPEC = np.array([15, -4, 0, -1, 0, -4])
T('ihfft docstring', 'marsql.ihfft(%s)' % lit(SPEC), np.fft.ihfft(SPEC), (0, 1e-15))
T('fftfreq docstring', 'marsql.fftfreq(8, 0.1)', np.fft.fftfreq(8, d=0.1))
T('fftfreq docstring 10 at 1/100', 'marsql.fftfreq(10, 1./100)', np.fft.fftfreq(10, d=1. / 100))
T('rfftfreq docstring', 'marsql.rfftfreq(10, 1./100)', np.fft.rfftfreq(10, d=1. / 100))
T('fftshift docstring', 'marsql.fftshift(marsql.fftfreq(10, 0.1))', np.fft.fftshift(np.fft.fftfreq(10, 0.1)))
T('fftshift docstring axes (1,)', 'marsql.fftshift(marsql.reshape(marsql.fftfreq(9, 1./9), ARRAY[3,3]), ARRAY[1])',
  np.fft.fftshift(np.fft.fftfreq(9, d=1. / 9).reshape(3, 3), axes=(1,)))
T('ifftshift docstring', 'marsql.ifftshift(marsql.fftshift(marsql.reshape(marsql.fftfreq(9, 1./9), ARRAY[3,3])))',
  np.fft.ifftshift(np.fft.fftshift(np.fft.fftfreq(9, d=1. / 9).reshape(3, 3))))

# fftfreq / rfftfreq: exact, as numpy computes i * (1 / (n d))
for n in (1, 2, 3, 7, 8, 1000, 1031):
    for d in (1.0, 0.1, 3.0, -2.5):
        T('fftfreq(%d, %r)' % (n, d), 'marsql.fftfreq(%d, %r)' % (n, d), np.fft.fftfreq(n, d))
        T('rfftfreq(%d, %r)' % (n, d), 'marsql.rfftfreq(%d, %r)' % (n, d), np.fft.rfftfreq(n, d))
T('fftfreq default d', 'marsql.fftfreq(6)', np.fft.fftfreq(6))
T('rfftfreq of a negative n is empty', 'marsql.rfftfreq(-3)', np.fft.rfftfreq(-3))

# fftshift / ifftshift: exact, every dtype, odd and even axes, repeated axes
SH = np.arange(2 * 5 * 4).reshape(2, 5, 4)
for dt in ('bool', 'int8', 'int64', 'uint8', 'float16', 'float32', 'float64', 'complex64', 'complex128'):
    x = (SH % 2).astype(dt) if dt == 'bool' else (SH + 1j * SH if dt.startswith('complex') else SH).astype(dt)
    T('fftshift %s' % dt, 'marsql.fftshift(%s)' % lit(x), np.fft.fftshift(x))
    T('ifftshift %s' % dt, 'marsql.ifftshift(%s)' % lit(x), np.fft.ifftshift(x))
for axes in ((0,), (1,), (-1,), (1, 2), (2, 0), (1, 1), ()):
    T('fftshift axes %s' % (axes,), 'marsql.fftshift(%s, %s)' % (lit(SH), iarr(axes)), np.fft.fftshift(SH, axes))
    T('ifftshift axes %s' % (axes,), 'marsql.ifftshift(%s, %s)' % (lit(SH), iarr(axes)), np.fft.ifftshift(SH, axes))
T('fftshift integer axis', 'marsql.fftshift(%s, 1)' % lit(SH), np.fft.fftshift(SH, 1))
T('ifftshift integer axis', 'marsql.ifftshift(%s, -1)' % lit(SH), np.fft.ifftshift(SH, -1))
T('fftshift of empty', 'marsql.fftshift(%s)' % lit(np.zeros((0, 3))), np.fft.fftshift(np.zeros((0, 3))))
T('fftshift 1-D odd', 'marsql.fftshift(%s)' % lit(np.arange(7.)), np.fft.fftshift(np.arange(7.)))
T('ifftshift 1-D odd', 'marsql.ifftshift(%s)' % lit(np.arange(7.)), np.fft.ifftshift(np.arange(7.)))

# NaN and infinity propagate as numpy's do (every output of the lane)
XN = np.array([1.0, np.nan, 2.0, 3.0])
T('fft with NaN', 'marsql.fft(%s)' % lit(XN), np.fft.fft(XN))

# errors numpy raises (ValueError / IndexError): 22023
V3 = np.arange(3.0)
E('fft n 0', 'marsql.fft(%s, 0)' % lit(V3), '22', lambda: np.fft.fft(V3, 0))
E('fft n -1', 'marsql.fft(%s, -1)' % lit(V3), '22', lambda: np.fft.fft(V3, -1))
E('fft of an empty axis', 'marsql.fft(%s)' % lit(np.zeros(0)), '22', lambda: np.fft.fft(np.zeros(0)))
E('fft axis out of range', 'marsql.fft(%s, axis => 1)' % lit(V3), '22', lambda: np.fft.fft(V3, axis=1))
E('fft of 0-d', "marsql.fft('1'::marsql.tensor)", '22', lambda: np.fft.fft(np.float64(1)))
E('fft invalid norm', "marsql.fft(%s, norm => 'bogus')" % lit(V3), '22', lambda: np.fft.fft(V3, norm='bogus'))
E('ifftn invalid norm', "marsql.ifftn(%s, norm => 'Ortho')" % lit(V3), '22', lambda: np.fft.ifftn(V3, norm='Ortho'))
E('fft2 of 1-D', 'marsql.fft2(%s)' % lit(V3), '22', lambda: np.fft.fft2(V3))
E('fftn s and axes lengths differ', 'marsql.fftn(%s, ARRAY[2,2], ARRAY[0])' % lit(X3), '22',
  lambda: np.fft.fftn(X3, (2, 2), (0,)))
E('fftn s longer than ndim', 'marsql.fftn(%s, ARRAY[2,2])' % lit(V3), '22', lambda: np.fft.fftn(V3, (2, 2)))
E('fftn s 0', 'marsql.fftn(%s, ARRAY[0])' % lit(V3), '22', lambda: np.fft.fftn(V3, (0,)))
E('irfft of one value (n = 0)', 'marsql.irfft(%s)' % lit(np.ones(1)), '22', lambda: np.fft.irfft(np.ones(1)))
E('hfft of one value (n = 0)', 'marsql.hfft(%s)' % lit(np.ones(1)), '22', lambda: np.fft.hfft(np.ones(1)))
E('rfftn with no axes', 'marsql.rfftn(%s, axes => ARRAY[]::int[])' % lit(X3r), '22',
  lambda: np.fft.rfftn(X3r, axes=()))
E('irfftn of 0-d', "marsql.irfftn('1'::marsql.tensor)", '22', lambda: np.fft.irfftn(np.float64(1)))
E('fftfreq negative n', 'marsql.fftfreq(-1)', '22', lambda: np.fft.fftfreq(-1))
E('fftshift axis out of range', 'marsql.fftshift(%s, ARRAY[3])' % lit(SH), '22', lambda: np.fft.fftshift(SH, (3,)))
# numpy.roll of a 0-d array fails (ValueError from its index product)
E('fftshift of 0-d', "marsql.fftshift('5'::marsql.tensor)", '22', lambda: np.fft.fftshift(np.float64(5)))
E('ifftshift of 0-d', "marsql.ifftshift('5'::marsql.tensor)", '22', lambda: np.fft.ifftshift(np.float64(5)))
E('ifftshift axis out of range', 'marsql.ifftshift(%s, -4)' % lit(SH), '22', lambda: np.fft.ifftshift(SH, -4))
# numpy raises ZeroDivisionError (1 / (n d)): 22012
add('fftfreq n 0 divides by zero', 'SELECT marsql.fftfreq(0) AS r', None, expect_error='22012')
add('rfftfreq d 0 divides by zero', 'SELECT marsql.rfftfreq(4, 0) AS r', None, expect_error='22012')
# numpy 2 raises TypeError for complex input to rfft/ihfft (its rfft ufunc has
# no complex loop); numpy 1.24 warned and dropped the imaginary part: 42804
add('rfft of complex is refused (numpy 2)', "SELECT marsql.rfft('complex128:[1+1j,2]'::marsql.tensor) AS r",
    None, expect_error='42804')
add('ihfft of complex is refused (numpy 2)', "SELECT marsql.ihfft('complex64:[1+1j,2]'::marsql.tensor) AS r",
    None, expect_error='42804')
add('rfftn of complex is refused (numpy 2)', "SELECT marsql.rfftn('complex128:[[1+1j,2]]'::marsql.tensor) AS r",
    None, expect_error='42804')

# a value beyond the result's range: numpy 2 computes in float32 and gets an
# infinity; marsql computes in double and rounds the result once (also inf)
XO = np.array([3e38, 3e38], np.float32)
T('fft float32 overflows to inf in complex64', 'marsql.fft(%s)' % lit(XO),
  np.fft.fft(XO.astype(np.float64)).astype(np.complex64))
