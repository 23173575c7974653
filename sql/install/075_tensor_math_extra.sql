-- numpy's remaining elementwise math (tensor_math_extra.c,
-- kernels/math_extra.c): gcd, lcm, reciprocal, fabs, heaviside, nan_to_num,
-- sinc, fix, i0, divmod, modf, frexp, ldexp, nextafter, spacing,
-- float_power, real_if_close, iscomplex, isreal, iscomplexobj, isrealobj,
-- sort_complex, unwrap, interp.  Result dtypes are numpy 2's; a number
-- beside a tensor is a weak scalar; float16 computes in double and rounds
-- once; integers wrap as numpy's.  Functions with two results return a
-- record (divmod, modf, frexp).

CREATE FUNCTION marsql.gcd(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_gcd'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.gcd(marsql.tensor, marsql.tensor) IS
	'elementwise greatest common divisor of integer tensors, with broadcasting (numpy.gcd)';

CREATE FUNCTION marsql.gcd(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_gcd'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.gcd(marsql.tensor, bigint) IS
	'elementwise greatest common divisor of integer tensors, with broadcasting (numpy.gcd)';

CREATE FUNCTION marsql.gcd(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_gcd'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.gcd(bigint, marsql.tensor) IS
	'elementwise greatest common divisor of integer tensors, with broadcasting (numpy.gcd)';

CREATE FUNCTION marsql.lcm(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_lcm'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.lcm(marsql.tensor, marsql.tensor) IS
	'elementwise least common multiple of integer tensors, with broadcasting (wraps as numpy) (numpy.lcm)';

CREATE FUNCTION marsql.lcm(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_lcm'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.lcm(marsql.tensor, bigint) IS
	'elementwise least common multiple of integer tensors, with broadcasting (wraps as numpy) (numpy.lcm)';

CREATE FUNCTION marsql.lcm(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_lcm'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.lcm(bigint, marsql.tensor) IS
	'elementwise least common multiple of integer tensors, with broadcasting (wraps as numpy) (numpy.lcm)';

CREATE FUNCTION marsql.heaviside(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_heaviside'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.heaviside(marsql.tensor, marsql.tensor) IS
	'Heaviside step of a: 0 below zero, b at zero, 1 above; NaN stays (numpy.heaviside)';

CREATE FUNCTION marsql.heaviside(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_heaviside'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.heaviside(marsql.tensor, double precision) IS
	'Heaviside step of a: 0 below zero, b at zero, 1 above; NaN stays (numpy.heaviside)';

CREATE FUNCTION marsql.heaviside(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_heaviside'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.heaviside(double precision, marsql.tensor) IS
	'Heaviside step of a: 0 below zero, b at zero, 1 above; NaN stays (numpy.heaviside)';

CREATE FUNCTION marsql.nextafter(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nextafter'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nextafter(marsql.tensor, marsql.tensor) IS
	'the next value after a towards b in the float dtype (numpy.nextafter)';

CREATE FUNCTION marsql.nextafter(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nextafter'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nextafter(marsql.tensor, double precision) IS
	'the next value after a towards b in the float dtype (numpy.nextafter)';

CREATE FUNCTION marsql.nextafter(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nextafter'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nextafter(double precision, marsql.tensor) IS
	'the next value after a towards b in the float dtype (numpy.nextafter)';

CREATE FUNCTION marsql.heaviside(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_heaviside'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.heaviside(marsql.tensor, integer) IS
	'Heaviside step of a: 0 below zero, b at zero, 1 above; NaN stays, an integer as a weak scalar (numpy.heaviside)';
CREATE FUNCTION marsql.heaviside(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_heaviside'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.heaviside(integer, marsql.tensor) IS
	'Heaviside step of a: 0 below zero, b at zero, 1 above; NaN stays, an integer as a weak scalar (numpy.heaviside)';
CREATE FUNCTION marsql.heaviside(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_heaviside'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.heaviside(marsql.tensor, bigint) IS
	'Heaviside step of a: 0 below zero, b at zero, 1 above; NaN stays, an integer as a weak scalar (numpy.heaviside)';
CREATE FUNCTION marsql.heaviside(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_heaviside'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.heaviside(bigint, marsql.tensor) IS
	'Heaviside step of a: 0 below zero, b at zero, 1 above; NaN stays, an integer as a weak scalar (numpy.heaviside)';
CREATE FUNCTION marsql.nextafter(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nextafter'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nextafter(marsql.tensor, integer) IS
	'the next value after a towards b in the float dtype, an integer as a weak scalar (numpy.nextafter)';
CREATE FUNCTION marsql.nextafter(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nextafter'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nextafter(integer, marsql.tensor) IS
	'the next value after a towards b in the float dtype, an integer as a weak scalar (numpy.nextafter)';
CREATE FUNCTION marsql.nextafter(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nextafter'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nextafter(marsql.tensor, bigint) IS
	'the next value after a towards b in the float dtype, an integer as a weak scalar (numpy.nextafter)';
CREATE FUNCTION marsql.nextafter(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nextafter'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nextafter(bigint, marsql.tensor) IS
	'the next value after a towards b in the float dtype, an integer as a weak scalar (numpy.nextafter)';

CREATE FUNCTION marsql.float_power(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_float_power'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.float_power(marsql.tensor, marsql.tensor) IS
	'a to the power b computed in float64 (complex128 for complex operands) (numpy.float_power)';

CREATE FUNCTION marsql.float_power(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_float_power'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.float_power(marsql.tensor, double precision) IS
	'a to the power b computed in float64 (complex128 for complex operands) (numpy.float_power)';

CREATE FUNCTION marsql.float_power(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_float_power'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.float_power(double precision, marsql.tensor) IS
	'a to the power b computed in float64 (complex128 for complex operands) (numpy.float_power)';

CREATE FUNCTION marsql.ldexp(x marsql.tensor, e marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_ldexp'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ldexp(marsql.tensor, marsql.tensor) IS
	'x * 2^e for an integer e, in the float dtype of x (numpy.ldexp)';

CREATE FUNCTION marsql.ldexp(x marsql.tensor, e bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_ldexp'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ldexp(marsql.tensor, bigint) IS
	'x * 2^e for an integer e, in the float dtype of x (numpy.ldexp)';

CREATE FUNCTION marsql.ldexp(x double precision, e marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_ldexp'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ldexp(double precision, marsql.tensor) IS
	'x * 2^e for an integer e, in the float dtype of x (numpy.ldexp)';

CREATE FUNCTION marsql.reciprocal(x marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_reciprocal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.reciprocal(marsql.tensor) IS
	'1 / x in the dtype of x; integers as numpy (1 and -1 keep, others give 0) (numpy.reciprocal)';

CREATE FUNCTION marsql.fabs(x marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fabs'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fabs(marsql.tensor) IS
	'absolute value in the float dtype of x; complex refused (numpy.fabs)';

CREATE FUNCTION marsql.spacing(x marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_spacing'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.spacing(marsql.tensor) IS
	'the distance from x to the next float of larger magnitude (numpy.spacing)';

CREATE FUNCTION marsql.sinc(x marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sinc'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.sinc(marsql.tensor) IS
	'sin(pi x) / (pi x), 1 at 0 (numpy.sinc)';

CREATE FUNCTION marsql.i0(x marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_i0'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.i0(marsql.tensor) IS
	'the modified Bessel function of the first kind, order 0 (numpy.i0)';

CREATE FUNCTION marsql.fix(x marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fix'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fix(marsql.tensor) IS
	'round towards zero, in the float dtype of x (numpy.fix; the same as trunc)';

CREATE FUNCTION marsql.modf(x marsql.tensor, OUT fractional marsql.tensor,
							OUT integral marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_modf'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.modf(marsql.tensor) IS
	'fractional and integral parts of x, both with the sign of x (numpy.modf)';

CREATE FUNCTION marsql.frexp(x marsql.tensor, OUT mantissa marsql.tensor,
							 OUT exponent marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_frexp'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.frexp(marsql.tensor) IS
	'mantissa in [0.5, 1) and int32 exponent with x = mantissa * 2^exponent (numpy.frexp)';

CREATE FUNCTION marsql.divmod(a marsql.tensor, b marsql.tensor,
							  OUT quotient marsql.tensor, OUT remainder marsql.tensor)
	RETURNS record
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	BEGIN ATOMIC
		SELECT a OPERATOR(marsql.//) b, a OPERATOR(marsql.%) b;
	END;
COMMENT ON FUNCTION marsql.divmod(marsql.tensor, marsql.tensor) IS
	'floor_divide(a, b) and remainder(a, b) together (numpy.divmod)';

CREATE FUNCTION marsql.divmod(a marsql.tensor, b double precision,
							  OUT quotient marsql.tensor, OUT remainder marsql.tensor)
	RETURNS record
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	BEGIN ATOMIC
		SELECT a OPERATOR(marsql.//) b, a OPERATOR(marsql.%) b;
	END;
COMMENT ON FUNCTION marsql.divmod(marsql.tensor, double precision) IS
	'floor_divide(a, b) and remainder(a, b) together (numpy.divmod)';

CREATE FUNCTION marsql.divmod(a double precision, b marsql.tensor,
							  OUT quotient marsql.tensor, OUT remainder marsql.tensor)
	RETURNS record
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	BEGIN ATOMIC
		SELECT a OPERATOR(marsql.//) b, a OPERATOR(marsql.%) b;
	END;
COMMENT ON FUNCTION marsql.divmod(double precision, marsql.tensor) IS
	'floor_divide(a, b) and remainder(a, b) together (numpy.divmod)';

CREATE FUNCTION marsql.divmod(a marsql.tensor, b bigint,
							  OUT quotient marsql.tensor, OUT remainder marsql.tensor)
	RETURNS record
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	BEGIN ATOMIC
		SELECT a OPERATOR(marsql.//) b, a OPERATOR(marsql.%) b;
	END;
COMMENT ON FUNCTION marsql.divmod(marsql.tensor, bigint) IS
	'floor_divide(a, b) and remainder(a, b) together (numpy.divmod)';

CREATE FUNCTION marsql.divmod(a bigint, b marsql.tensor,
							  OUT quotient marsql.tensor, OUT remainder marsql.tensor)
	RETURNS record
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	BEGIN ATOMIC
		SELECT a OPERATOR(marsql.//) b, a OPERATOR(marsql.%) b;
	END;
COMMENT ON FUNCTION marsql.divmod(bigint, marsql.tensor) IS
	'floor_divide(a, b) and remainder(a, b) together (numpy.divmod)';

CREATE FUNCTION marsql.divmod(a marsql.tensor, b integer,
							  OUT quotient marsql.tensor, OUT remainder marsql.tensor)
	RETURNS record
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	BEGIN ATOMIC
		SELECT a OPERATOR(marsql.//) b, a OPERATOR(marsql.%) b;
	END;
COMMENT ON FUNCTION marsql.divmod(marsql.tensor, integer) IS
	'floor_divide(a, b) and remainder(a, b) together (numpy.divmod)';

CREATE FUNCTION marsql.divmod(a integer, b marsql.tensor,
							  OUT quotient marsql.tensor, OUT remainder marsql.tensor)
	RETURNS record
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	BEGIN ATOMIC
		SELECT a OPERATOR(marsql.//) b, a OPERATOR(marsql.%) b;
	END;
COMMENT ON FUNCTION marsql.divmod(integer, marsql.tensor) IS
	'floor_divide(a, b) and remainder(a, b) together (numpy.divmod)';

CREATE FUNCTION marsql.nan_to_num(x marsql.tensor, nan double precision DEFAULT 0.0,
								  posinf double precision DEFAULT NULL,
								  neginf double precision DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nan_to_num'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nan_to_num(marsql.tensor, double precision, double precision, double precision) IS
	'NaN replaced by nan, infinities by posinf/neginf (NULL: the dtype''s largest finite values), complex in each part (numpy.nan_to_num)';

CREATE FUNCTION marsql.real_if_close(a marsql.tensor, tol double precision DEFAULT 100)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_real_if_close'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.real_if_close(marsql.tensor, double precision) IS
	'the real part of a complex tensor whose imaginary parts are all below tol (tol > 1: machine epsilons), else a (numpy.real_if_close)';

CREATE FUNCTION marsql.iscomplex(x marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_iscomplex'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.iscomplex(marsql.tensor) IS
	'elementwise: whether the imaginary part is nonzero, as a bool tensor (numpy.iscomplex)';

CREATE FUNCTION marsql.isreal(x marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_isreal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.isreal(marsql.tensor) IS
	'elementwise: whether the imaginary part is zero, as a bool tensor (numpy.isreal)';

CREATE FUNCTION marsql.iscomplexobj(x marsql.tensor)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'tensor_iscomplexobj'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.iscomplexobj(marsql.tensor) IS
	'whether the dtype is complex (numpy.iscomplexobj)';

CREATE FUNCTION marsql.isrealobj(x marsql.tensor)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'tensor_isrealobj'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.isrealobj(marsql.tensor) IS
	'whether the dtype is not complex (numpy.isrealobj)';

CREATE FUNCTION marsql.sort_complex(a marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sort_complex'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.sort_complex(marsql.tensor) IS
	'a sorted along its last axis (real part first, then imaginary) as a complex tensor (numpy.sort_complex)';

CREATE FUNCTION marsql.unwrap(p marsql.tensor, discont double precision DEFAULT NULL,
							  axis integer DEFAULT -1,
							  period double precision DEFAULT 6.283185307179586)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_unwrap'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.unwrap(marsql.tensor, double precision, integer, double precision) IS
	'p with jumps larger than discont (NULL: period / 2) along axis replaced by their period complement (numpy.unwrap)';

CREATE FUNCTION marsql.interp(x marsql.tensor, xp marsql.tensor, fp marsql.tensor,
							  "left" double precision DEFAULT NULL,
							  "right" double precision DEFAULT NULL,
							  period double precision DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_interp'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.interp(marsql.tensor, marsql.tensor, marsql.tensor, double precision, double precision, double precision) IS
	'piecewise-linear interpolation of the samples (xp increasing, fp real or complex) at x; left/right outside them (NULL: the end values); period for periodic samples (numpy.interp)';
