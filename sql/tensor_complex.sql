-- numpy's real, imag, conj/conjugate and angle over every dtype.
SELECT marsql.real('complex128:[1+2j,-3-0j]'), marsql.imag('complex128:[1+2j,-3-0j]'),
	marsql.real('complex64:[1.5-2.5j]'), marsql.imag('complex64:[1.5-2.5j]');
SELECT marsql.conj('complex128:[[1+2j,3-4j]]'), marsql.conjugate('complex64:[0-0j,nan+infj]');
SELECT marsql.angle('complex128:[1+1j,-1+0j,-1-0j,0-1j]'),
	marsql.angle('complex128:[1+1j,-1+0j]', true), marsql.angle('complex64:[0+1j]');
-- real tensors: real and conj give the tensor, imag zeros of its dtype,
-- angle atan2(0, x) in the dtype of a float function of it
SELECT marsql.real('int32:[5,-6]'), marsql.conj('bool:[true,false]'),
	marsql.imag('int16:[5]'), marsql.imag('[1.5,nan]'), marsql.imag('float16:[2]');
SELECT marsql.angle('int8:[-1,0,3]'), marsql.angle('int32:[-1]'),
	marsql.angle('[-0.0,0.0,-2,nan]'), marsql.angle('float32:[-1]', true);
-- shapes, empty and 0-d
SELECT marsql.real('complex128(0,2):[]'), marsql.imag('complex64:3+4j'),
	marsql.shape(marsql.angle('complex128(2,0):[[],[]]'));
-- with a complex result of arithmetic
SELECT marsql.real(marsql.tensor_mul('complex128:[1+2j]'::marsql.tensor, 'complex128:[3-1j]'::marsql.tensor)),
	marsql.imag(marsql.tensor_mul('complex128:[1+2j]'::marsql.tensor, 'complex128:[3-1j]'::marsql.tensor));
-- the parts of NaN and infinity read back
SELECT marsql.conjugate('complex64:[nan+infj]')::text::marsql.tensor::text AS round_trip;
-- NULL in, NULL out
SELECT marsql.real(NULL) IS NULL AS real_null, marsql.angle('[1]', NULL) IS NULL AS angle_null;

-- numpy's complex loops of the transcendental functions (C's csin, cacos,
-- ...; exp2, expm1, log2, log10 and log1p as numpy computes them)
SELECT marsql.sin('complex128:[1+1j]') AS sin, marsql.arccos('complex128:[2+0j]') AS arccos,
	marsql.arctanh('complex64:[0.5+0.5j]') AS arctanh, marsql.exp2('complex128:[1+3.141592653589793j]') AS exp2,
	marsql.log10('complex128:[-100+0j]') AS log10, marsql.log2('complex128:[-8+0j]') AS log2,
	marsql.expm1('complex128:[1e-10+1e-10j]') AS expm1, marsql.log1p('complex128:[1e-10+0j]') AS log1p;
SELECT marsql.dtype(marsql.tanh('complex64:[1+1j]')) AS complex64_stays,
	marsql.square('complex128:[inf+infj]') AS square_as_numpy;
-- still refused for complex: sign (numpy 1.x and 2 differ), rint, floor, ...
SELECT try_sql($$SELECT marsql.floor('complex128:[1+1j]')::text$$);

-- numpy.emath: complex where a real input leaves the real domain, else real
SELECT marsql.emath_sqrt('[-1, 4]') AS sqrt, marsql.emath_sqrt('[1, 4]') AS sqrt_real,
	marsql.emath_sqrt('int8:[-4]') AS int8_to_complex64, marsql.emath_sqrt('complex128:[-4-0j]') AS complex_input;
SELECT marsql.emath_log('[-1]') AS log, marsql.emath_log10('[-10, 100]') AS log10,
	marsql.emath_log2('int64:[-8, 8]') AS log2, marsql.emath_logn('2', '[-4, 8]') AS logn;
SELECT marsql.emath_power('int64:[-2, 4]', 'int64:[2]') AS power, marsql.emath_power('int64:[2, 4]', 'int64:[-2]') AS negative_integer_exponent,
	marsql.emath_arccos('[1, 2]') AS arccos, marsql.emath_arcsin('float32:[0.5, -3]') AS arcsin,
	marsql.emath_arctanh('[0, 0.5]') AS arctanh_real;
SELECT marsql.dtype(marsql.emath_sqrt('float16:[-4]')) AS float16_to_complex128, marsql.dtype(marsql.emath_sqrt('float16:[4]')) AS float16_stays;
SELECT try_sql($$SELECT marsql.emath_logn('[2, 3]', '[4, 8, 16]')::text$$);
SELECT marsql.emath_sqrt(NULL) IS NULL AS strict;
