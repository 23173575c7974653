-- smallint forms of the tensor-integer functions and operators: numpy's
-- weak Python ints (NEP 50) for every SQL integer type.  Without them
-- PostgreSQL resolves a smallint argument to the double precision form
-- (float8 is its preferred numeric type), so 'int8:[1,2]' + 2::smallint
-- gave float64.  numeric and real arguments stay float scalars (the double
-- precision forms).  Regress test scalar_types walks the catalog for a
-- missing one.

CREATE FUNCTION marsql.arctan2(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arctan2_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.arctan2(marsql.tensor, smallint) IS
	'angle of the point (b, a): arctan(a / b) in the right quadrant (numpy.arctan2); the scalar argument a smallint';

CREATE FUNCTION marsql.atan2(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arctan2_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.atan2(marsql.tensor, smallint) IS
	'angle of the point (b, a): arctan(a / b) in the right quadrant (numpy.arctan2); the scalar argument a smallint';

CREATE FUNCTION marsql.copysign(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_copysign_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.copysign(marsql.tensor, smallint) IS
	'magnitude of a with the sign of b (numpy.copysign); the scalar argument a smallint';

CREATE FUNCTION marsql.equal(a smallint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int2_tensor_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.equal(smallint, marsql.tensor) IS
	'elementwise a == b for a scalar a, as a bool tensor (numpy.equal); the scalar argument a smallint';

CREATE FUNCTION marsql.equal(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_equal_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.equal(marsql.tensor, smallint) IS
	'elementwise a == b for a scalar b, as a bool tensor (numpy.equal); the scalar argument a smallint';

CREATE FUNCTION marsql.floor_divide(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_floor_divide_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.floor_divide(marsql.tensor, smallint) IS
	'elementwise floor of the quotient (numpy.floor_divide; integer division by 0 gives 0); the scalar argument a smallint';

CREATE FUNCTION marsql.fmax(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmax_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmax(marsql.tensor, smallint) IS
	'elementwise larger of a and b, NaN ignored unless both are NaN (numpy.fmax); the scalar argument a smallint';

CREATE FUNCTION marsql.fmin(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmin_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmin(marsql.tensor, smallint) IS
	'elementwise smaller of a and b, NaN ignored unless both are NaN (numpy.fmin); the scalar argument a smallint';

CREATE FUNCTION marsql.fmod(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmod_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmod(marsql.tensor, smallint) IS
	'remainder with the sign of the dividend, as C fmod (numpy.fmod; integer division by 0 gives 0); the scalar argument a smallint';

CREATE FUNCTION marsql.greater(a smallint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int2_tensor_greater'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater(smallint, marsql.tensor) IS
	'elementwise a > b for a scalar a, as a bool tensor (numpy.greater); the scalar argument a smallint';

CREATE FUNCTION marsql.greater(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_greater_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater(marsql.tensor, smallint) IS
	'elementwise a > b for a scalar b, as a bool tensor (numpy.greater); the scalar argument a smallint';

CREATE FUNCTION marsql.greater_equal(a smallint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int2_tensor_greater_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater_equal(smallint, marsql.tensor) IS
	'elementwise a >= b for a scalar a, as a bool tensor (numpy.greater_equal); the scalar argument a smallint';

CREATE FUNCTION marsql.greater_equal(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_greater_equal_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater_equal(marsql.tensor, smallint) IS
	'elementwise a >= b for a scalar b, as a bool tensor (numpy.greater_equal); the scalar argument a smallint';

CREATE FUNCTION marsql.hypot(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_hypot_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.hypot(marsql.tensor, smallint) IS
	'sqrt(a^2 + b^2) without overflow (numpy.hypot); the scalar argument a smallint';

CREATE FUNCTION marsql.less(a smallint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int2_tensor_less'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less(smallint, marsql.tensor) IS
	'elementwise a < b for a scalar a, as a bool tensor (numpy.less); the scalar argument a smallint';

CREATE FUNCTION marsql.less(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_less_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less(marsql.tensor, smallint) IS
	'elementwise a < b for a scalar b, as a bool tensor (numpy.less); the scalar argument a smallint';

CREATE FUNCTION marsql.less_equal(a smallint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int2_tensor_less_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less_equal(smallint, marsql.tensor) IS
	'elementwise a <= b for a scalar a, as a bool tensor (numpy.less_equal); the scalar argument a smallint';

CREATE FUNCTION marsql.less_equal(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_less_equal_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less_equal(marsql.tensor, smallint) IS
	'elementwise a <= b for a scalar b, as a bool tensor (numpy.less_equal); the scalar argument a smallint';

CREATE FUNCTION marsql.logaddexp(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_logaddexp_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.logaddexp(marsql.tensor, smallint) IS
	'log(exp(a) + exp(b)) without overflow (numpy.logaddexp); the scalar argument a smallint';

CREATE FUNCTION marsql.logaddexp2(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_logaddexp2_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.logaddexp2(marsql.tensor, smallint) IS
	'log2(2^a + 2^b) without overflow (numpy.logaddexp2); the scalar argument a smallint';

CREATE FUNCTION marsql.maximum(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_maximum_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.maximum(marsql.tensor, smallint) IS
	'elementwise larger of a and the integer b; the scalar argument a smallint';

CREATE FUNCTION marsql.minimum(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_minimum_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.minimum(marsql.tensor, smallint) IS
	'elementwise smaller of a and the integer b; the scalar argument a smallint';

CREATE FUNCTION marsql.mod(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.mod(marsql.tensor, smallint) IS
	'same as remainder (numpy.mod); the scalar argument a smallint';

CREATE FUNCTION marsql.not_equal(a smallint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int2_tensor_not_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.not_equal(smallint, marsql.tensor) IS
	'elementwise a != b for a scalar a, as a bool tensor (numpy.not_equal); the scalar argument a smallint';

CREATE FUNCTION marsql.not_equal(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_not_equal_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.not_equal(marsql.tensor, smallint) IS
	'elementwise a != b for a scalar b, as a bool tensor (numpy.not_equal); the scalar argument a smallint';

CREATE FUNCTION marsql.pow(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.pow(marsql.tensor, smallint) IS
	'same as power; the scalar argument a smallint';

CREATE FUNCTION marsql.power(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.power(marsql.tensor, smallint) IS
	'a raised to the integer b, elementwise (integers to negative integer powers are an error, as numpy); the scalar argument a smallint';

CREATE FUNCTION marsql.remainder(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.remainder(marsql.tensor, smallint) IS
	'elementwise remainder with the sign of the divisor (numpy.remainder; integer division by 0 gives 0); the scalar argument a smallint';

CREATE FUNCTION marsql.tensor_add(a smallint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int2_add'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_add(smallint, marsql.tensor) IS
	'elementwise sum of an integer (smallint) scalar and a tensor (operator +)';

CREATE FUNCTION marsql.tensor_add(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_add_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_add(marsql.tensor, smallint) IS
	'elementwise sum of a tensor and an integer (smallint) scalar (operator +)';

CREATE FUNCTION marsql.tensor_div(a smallint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int2_div'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_div(smallint, marsql.tensor) IS
	'elementwise true quotient of an integer (smallint) scalar and a tensor (operator /)';

CREATE FUNCTION marsql.tensor_div(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_div_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_div(marsql.tensor, smallint) IS
	'elementwise true quotient of a tensor and an integer (smallint) scalar (operator /)';

CREATE FUNCTION marsql.tensor_floor_divide(a smallint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int2_floor_divide'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_floor_divide(smallint, marsql.tensor) IS
	'elementwise floor of the quotient (numpy.floor_divide; integer division by 0 gives 0), operator //; the scalar argument a smallint';

CREATE FUNCTION marsql.tensor_floor_divide(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_floor_divide_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_floor_divide(marsql.tensor, smallint) IS
	'elementwise floor of the quotient (numpy.floor_divide; integer division by 0 gives 0), operator //; the scalar argument a smallint';

CREATE FUNCTION marsql.tensor_mul(a smallint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int2_mul'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_mul(smallint, marsql.tensor) IS
	'elementwise product of an integer (smallint) scalar and a tensor (operator *)';

CREATE FUNCTION marsql.tensor_mul(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_mul_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_mul(marsql.tensor, smallint) IS
	'elementwise product of a tensor and an integer (smallint) scalar (operator *)';

CREATE FUNCTION marsql.tensor_pow(a smallint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int2_pow'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_pow(smallint, marsql.tensor) IS
	'elementwise power of an integer (smallint) scalar and a tensor (operator ^)';

CREATE FUNCTION marsql.tensor_pow(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_pow(marsql.tensor, smallint) IS
	'elementwise power of a tensor and an integer (smallint) scalar (operator ^)';

CREATE FUNCTION marsql.tensor_remainder(a smallint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int2_remainder'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_remainder(smallint, marsql.tensor) IS
	'elementwise remainder with the sign of the divisor (numpy.remainder; integer division by 0 gives 0), operator %; the scalar argument a smallint';

CREATE FUNCTION marsql.tensor_remainder(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_remainder(marsql.tensor, smallint) IS
	'elementwise remainder with the sign of the divisor (numpy.remainder; integer division by 0 gives 0), operator %; the scalar argument a smallint';

CREATE FUNCTION marsql.tensor_sub(a smallint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int2_sub'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sub(smallint, marsql.tensor) IS
	'elementwise difference of an integer (smallint) scalar and a tensor (operator -)';

CREATE FUNCTION marsql.tensor_sub(a marsql.tensor, b smallint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sub_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sub(marsql.tensor, smallint) IS
	'elementwise difference of a tensor and an integer (smallint) scalar (operator -)';

CREATE OPERATOR marsql.% (
	LEFTARG = smallint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_remainder
);

CREATE OPERATOR marsql.% (
	LEFTARG = marsql.tensor, RIGHTARG = smallint,
	FUNCTION = marsql.tensor_remainder
);

CREATE OPERATOR marsql.* (
	LEFTARG = smallint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_mul,
	COMMUTATOR = OPERATOR(marsql.*)
);

CREATE OPERATOR marsql.* (
	LEFTARG = marsql.tensor, RIGHTARG = smallint,
	FUNCTION = marsql.tensor_mul,
	COMMUTATOR = OPERATOR(marsql.*)
);

CREATE OPERATOR marsql.+ (
	LEFTARG = smallint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_add,
	COMMUTATOR = OPERATOR(marsql.+)
);

CREATE OPERATOR marsql.+ (
	LEFTARG = marsql.tensor, RIGHTARG = smallint,
	FUNCTION = marsql.tensor_add,
	COMMUTATOR = OPERATOR(marsql.+)
);

CREATE OPERATOR marsql.- (
	LEFTARG = smallint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_sub
);

CREATE OPERATOR marsql.- (
	LEFTARG = marsql.tensor, RIGHTARG = smallint,
	FUNCTION = marsql.tensor_sub
);

CREATE OPERATOR marsql./ (
	LEFTARG = smallint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_div
);

CREATE OPERATOR marsql./ (
	LEFTARG = marsql.tensor, RIGHTARG = smallint,
	FUNCTION = marsql.tensor_div
);

CREATE OPERATOR marsql.// (
	LEFTARG = smallint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_floor_divide
);

CREATE OPERATOR marsql.// (
	LEFTARG = marsql.tensor, RIGHTARG = smallint,
	FUNCTION = marsql.tensor_floor_divide
);

CREATE OPERATOR marsql.^ (
	LEFTARG = smallint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_pow
);

CREATE OPERATOR marsql.^ (
	LEFTARG = marsql.tensor, RIGHTARG = smallint,
	FUNCTION = marsql.tensor_pow
);
