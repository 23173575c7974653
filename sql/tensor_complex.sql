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
