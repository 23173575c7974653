-- numpy's real, imag, conj/conjugate and angle (tensor_complex.c).

CREATE FUNCTION marsql.real(t marsql.tensor) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_real'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.real(marsql.tensor) IS
	'numpy.real: the real parts of a complex tensor (float32 for complex64, float64 for complex128); any other tensor itself';

CREATE FUNCTION marsql.imag(t marsql.tensor) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_imag'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.imag(marsql.tensor) IS
	'numpy.imag: the imaginary parts of a complex tensor; zeros of the dtype for any other tensor';

CREATE FUNCTION marsql.conj(t marsql.tensor) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_conj'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.conj(marsql.tensor) IS
	'numpy.conj: the complex conjugate (imaginary parts negated); any other tensor itself';

CREATE FUNCTION marsql.conjugate(t marsql.tensor) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_conj'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.conjugate(marsql.tensor) IS
	'numpy.conjugate: the same as conj';

CREATE FUNCTION marsql.angle(t marsql.tensor, deg boolean DEFAULT false) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_angle'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.angle(marsql.tensor, boolean) IS
	'numpy.angle: the argument atan2(imag, real) of each element, in radians or (deg) degrees; a real tensor gives 0 or pi in the dtype of a float function of it';
