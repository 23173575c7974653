# ---- complex parts: real, imag, conj/conjugate, angle over every dtype
CP_COMPLEX = np.array([1 + 2j, -3 - 0j, 0 - 1j, -1 + 0j, 2.5 + 0j], np.complex128)
for dt in ('complex64', 'complex128'):
    z = CP_COMPLEX.astype(dt)
    T('real %s' % dt, 'marsql.real(%s)' % lit(z), np.real(z))
    T('imag %s' % dt, 'marsql.imag(%s)' % lit(z), np.imag(z))
    T('conj %s' % dt, 'marsql.conj(%s)' % lit(z), np.conj(z))
    T('conjugate %s 2-D' % dt, 'marsql.conjugate(%s)' % lit(z[:4].reshape(2, 2)), np.conjugate(z[:4].reshape(2, 2)))
    T('angle %s' % dt, 'marsql.angle(%s)' % lit(z), np.angle(z), F32 if dt == 'complex64' else F64)
    T('angle %s deg' % dt, 'marsql.angle(%s, true)' % lit(z), np.angle(z, deg=True), F32 if dt == 'complex64' else F64)
for dt in ('bool', 'int8', 'uint8', 'int16', 'int32', 'int64', 'float16', 'float32', 'float64'):
    x = np.array([1, 0, 3, 0, 1] if dt == 'bool' else ([0, 7, 3] if dt == 'uint8' else [-1, 0, 3])).astype(dt)
    T('real %s is the tensor' % dt, 'marsql.real(%s)' % lit(x), np.real(x))
    T('imag %s is zeros' % dt, 'marsql.imag(%s)' % lit(x), np.imag(x))
    T('conj %s is the tensor' % dt, 'marsql.conj(%s)' % lit(x), np.conj(x))
    T('angle %s' % dt, 'marsql.angle(%s)' % lit(x), np.angle(x),
      (1e-3, 1e-3) if np.angle(x).dtype == np.float16 else F64)
T('angle of -0.0 and NaN', "marsql.angle('[-0.0,0.0,nan]'::marsql.tensor)", np.angle(np.array([-0.0, 0.0, np.nan])))
T('real of an empty complex', "marsql.real('complex128(0,2):[]'::marsql.tensor)", np.real(np.zeros((0, 2), np.complex128)))
