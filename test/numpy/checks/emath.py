# ---- complex transcendental ufuncs (sin ... arctanh, exp2, expm1, log2,
# log10, log1p of complex64/complex128), and numpy.emath, whose functions
# turn a real input outside the real domain complex (emath_sqrt, ...)
EM_Z = np.array([0.5 + 0.25j, -1.5 + 2j, 3 - 0.5j, -0.25 - 0.75j, 2j, -3 + 0j, 1e-9 + 1e-9j,
                 complex(0, -0.0), 0.9 + 0j, 1.5 - 1.5j], np.complex128)
with np.errstate(all='ignore'):
    for dt, tol in (('complex128', (1e-11, 1e-14)), ('complex64', (2e-5, 1e-6))):
        z = EM_Z.astype(dt)
        for fn in ('sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'arcsin', 'arccos', 'arctan',
                   'arcsinh', 'arccosh', 'arctanh', 'exp2', 'expm1', 'log2', 'log10', 'log1p', 'square'):
            T('%s %s' % (fn, dt), 'marsql.%s(%s)' % (fn, lit(z)), getattr(np, fn)(z), tol)
    # numpy.emath's docstring examples
    T('numpy.emath.sqrt docstring: [-1, 4]', 'marsql.emath_sqrt(%s)' % lit(np.array([-1, 4])),
      np.emath.sqrt([-1, 4]), F64)
    T('numpy.emath.sqrt docstring: -4-0j keeps the sign', "marsql.emath_sqrt('complex128:[-4-0j, -4+0j]')",
      np.emath.sqrt(np.array([complex(-4.0, -0.0), complex(-4.0, 0.0)])), F64)
    T('numpy.emath.log docstring: -e', 'marsql.emath_log(%s)' % lit(np.array([-np.exp(1), np.exp(1)])),
      np.emath.log(np.array([-np.exp(1), np.exp(1)])), F64)
    T('numpy.emath.log10 docstring', 'marsql.emath_log10(%s)' % lit(np.array([-10 ** 1, -10 ** 2, 10 ** 2])),
      np.emath.log10([-10 ** 1, -10 ** 2, 10 ** 2]), F64)
    T('numpy.emath.logn docstring', 'marsql.emath_logn(%s, %s)' % (lit(np.array(2)), lit(np.array([-4, -8, 8]))),
      np.emath.logn(2, [-4, -8, 8]), F64)
    T('numpy.emath.logn real', 'marsql.emath_logn(%s, %s)' % (lit(np.array(2)), lit(np.array([4, 8]))),
      np.emath.logn(2, [4, 8]), F64)
    T('numpy.emath.log2 docstring', 'marsql.emath_log2(%s)' % lit(np.array([-4, -8, 8])),
      np.emath.log2([-4, -8, 8]), F64)
    for base, p in (([2, 4], 2), ([2, 4], -2), ([-2, 4], 2), ([2, 4], [2, 4])):
        T('numpy.emath.power docstring %r ** %r' % (base, p),
          'marsql.emath_power(%s, %s)' % (lit(np.array(base)), lit(np.array(p))), np.emath.power(base, p), F64)
    T('numpy.emath.arccos docstring', 'marsql.emath_arccos(%s)' % lit(np.array([1, 2])),
      np.emath.arccos([1, 2]), F64)
    T('numpy.emath.arcsin docstring', 'marsql.emath_arcsin(%s)' % lit(np.array([0, 1])),
      np.emath.arcsin([0, 1]), F64)
    T('numpy.emath.arctanh docstring: eye(2)', 'marsql.emath_arctanh(%s)' % lit(np.eye(2)),
      np.emath.arctanh(np.eye(2)), F64)
    # every dtype: real inputs inside the domain stay real, outside turn
    # complex64 (small dtypes) or complex128
    for dt in ('bool', 'int8', 'uint8', 'int16', 'int32', 'int64', 'float16', 'float32', 'float64',
               'complex64', 'complex128'):
        inside = np.array([1, 0, 1] if dt == 'bool' else [0, 1, 4]).astype(dt)
        small = np.array([1, 0, 1] if dt == 'bool' else [0, 1, 0]).astype(dt)
        ftol = (2e-3, 1e-3) if dt in ('float16', 'bool', 'int8', 'uint8') else \
            (2e-6, 1e-6) if dt in ('int16', 'float32', 'complex64') else F64
        for fn in ('sqrt', 'log', 'log2', 'log10'):
            T('emath_%s %s in the domain' % (fn, dt), 'marsql.emath_%s(%s)' % (fn, lit(inside)),
              getattr(np.emath, fn)(inside), ftol)
        for fn in ('arccos', 'arcsin', 'arctanh'):
            T('emath_%s %s in the domain' % (fn, dt), 'marsql.emath_%s(%s)' % (fn, lit(small)),
              getattr(np.emath, fn)(small), ftol)
        if dt not in ('bool', 'uint8'):
            neg = np.array([-4, 1, 9]).astype(dt)
            big = np.array([-2, 0, 3]).astype(dt)
            for fn in ('sqrt', 'log', 'log2', 'log10'):
                T('emath_%s %s below zero' % (fn, dt), 'marsql.emath_%s(%s)' % (fn, lit(neg)),
                  getattr(np.emath, fn)(neg), ftol)
            for fn in ('arccos', 'arcsin', 'arctanh'):
                T('emath_%s %s beyond one' % (fn, dt), 'marsql.emath_%s(%s)' % (fn, lit(big)),
                  getattr(np.emath, fn)(big), ftol)
