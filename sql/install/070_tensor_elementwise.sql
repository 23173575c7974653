-- Elementwise math with numpy broadcasting and dtype promotion, every dtype.
-- Results follow numpy: floats by IEEE 754 (1/0 is infinity, log(-1) is
-- NaN), integers wrap, / is true division (integers give float64), integer
-- floor_divide/remainder by 0 give 0; a dtype numpy has no loop for is
-- 42804 (tensor_elementwise.c).
-- +
CREATE FUNCTION marsql.tensor_add(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_add'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_add(marsql.tensor, marsql.tensor) IS
	'elementwise sum of two tensors, broadcast together (operator +)';

CREATE FUNCTION marsql.tensor_add(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_add_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_add(marsql.tensor, double precision) IS
	'elementwise sum of a tensor and a scalar (operator +)';

CREATE FUNCTION marsql.tensor_add(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_scalar_add'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_add(double precision, marsql.tensor) IS
	'elementwise sum of a scalar and a tensor (operator +)';

CREATE OPERATOR marsql.+ (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_add,
	COMMUTATOR = OPERATOR(marsql.+)
);
CREATE OPERATOR marsql.+ (
	LEFTARG = marsql.tensor, RIGHTARG = double precision,
	FUNCTION = marsql.tensor_add,
	COMMUTATOR = OPERATOR(marsql.+)
);
CREATE OPERATOR marsql.+ (
	LEFTARG = double precision, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_add,
	COMMUTATOR = OPERATOR(marsql.+)
);

-- -
CREATE FUNCTION marsql.tensor_sub(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sub'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sub(marsql.tensor, marsql.tensor) IS
	'elementwise difference of two tensors, broadcast together (operator -)';

CREATE FUNCTION marsql.tensor_sub(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sub_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sub(marsql.tensor, double precision) IS
	'elementwise difference of a tensor and a scalar (operator -)';

CREATE FUNCTION marsql.tensor_sub(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_scalar_sub'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sub(double precision, marsql.tensor) IS
	'elementwise difference of a scalar and a tensor (operator -)';

CREATE OPERATOR marsql.- (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_sub
);
CREATE OPERATOR marsql.- (
	LEFTARG = marsql.tensor, RIGHTARG = double precision,
	FUNCTION = marsql.tensor_sub
);
CREATE OPERATOR marsql.- (
	LEFTARG = double precision, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_sub
);

-- *
CREATE FUNCTION marsql.tensor_mul(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_mul'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_mul(marsql.tensor, marsql.tensor) IS
	'elementwise product of two tensors, broadcast together (operator *)';

CREATE FUNCTION marsql.tensor_mul(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_mul_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_mul(marsql.tensor, double precision) IS
	'elementwise product of a tensor and a scalar (operator *)';

CREATE FUNCTION marsql.tensor_mul(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_scalar_mul'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_mul(double precision, marsql.tensor) IS
	'elementwise product of a scalar and a tensor (operator *)';

CREATE OPERATOR marsql.* (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_mul,
	COMMUTATOR = OPERATOR(marsql.*)
);
CREATE OPERATOR marsql.* (
	LEFTARG = marsql.tensor, RIGHTARG = double precision,
	FUNCTION = marsql.tensor_mul,
	COMMUTATOR = OPERATOR(marsql.*)
);
CREATE OPERATOR marsql.* (
	LEFTARG = double precision, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_mul,
	COMMUTATOR = OPERATOR(marsql.*)
);

-- /
CREATE FUNCTION marsql.tensor_div(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_div'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_div(marsql.tensor, marsql.tensor) IS
	'elementwise quotient of two tensors, broadcast together (operator /)';

CREATE FUNCTION marsql.tensor_div(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_div_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_div(marsql.tensor, double precision) IS
	'elementwise quotient of a tensor and a scalar (operator /)';

CREATE FUNCTION marsql.tensor_div(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_scalar_div'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_div(double precision, marsql.tensor) IS
	'elementwise quotient of a scalar and a tensor (operator /)';

CREATE OPERATOR marsql./ (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_div
);
CREATE OPERATOR marsql./ (
	LEFTARG = marsql.tensor, RIGHTARG = double precision,
	FUNCTION = marsql.tensor_div
);
CREATE OPERATOR marsql./ (
	LEFTARG = double precision, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_div
);

-- ^
CREATE FUNCTION marsql.tensor_pow(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_pow(marsql.tensor, marsql.tensor) IS
	'elementwise power of two tensors, broadcast together (operator ^)';

CREATE FUNCTION marsql.tensor_pow(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_pow(marsql.tensor, double precision) IS
	'elementwise power of a tensor and a scalar (operator ^)';

CREATE FUNCTION marsql.tensor_pow(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_scalar_pow'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_pow(double precision, marsql.tensor) IS
	'elementwise power of a scalar and a tensor (operator ^)';

CREATE OPERATOR marsql.^ (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_pow
);
CREATE OPERATOR marsql.^ (
	LEFTARG = marsql.tensor, RIGHTARG = double precision,
	FUNCTION = marsql.tensor_pow
);
CREATE OPERATOR marsql.^ (
	LEFTARG = double precision, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_pow
);

CREATE FUNCTION marsql.tensor_neg(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_neg'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_neg(marsql.tensor) IS 'elementwise negation (prefix operator -)';

CREATE OPERATOR marsql.- (RIGHTARG = marsql.tensor, FUNCTION = marsql.tensor_neg);

CREATE FUNCTION marsql.power(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.power(marsql.tensor, marsql.tensor) IS 'a raised to b, elementwise with broadcasting';

CREATE FUNCTION marsql.power(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.power(marsql.tensor, double precision) IS 'a raised to the scalar b, elementwise';

CREATE FUNCTION marsql.pow(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.pow(marsql.tensor, marsql.tensor) IS 'same as power';

CREATE FUNCTION marsql.pow(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.pow(marsql.tensor, double precision) IS 'same as power';

CREATE FUNCTION marsql.abs(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_abs'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.abs(marsql.tensor) IS 'elementwise absolute value';

CREATE FUNCTION marsql.sqrt(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sqrt'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.sqrt(marsql.tensor) IS 'elementwise square root (NaN below 0)';

CREATE FUNCTION marsql.exp(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_exp'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.exp(marsql.tensor) IS 'elementwise e raised to each element';

CREATE FUNCTION marsql.log(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_log'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.log(marsql.tensor) IS 'elementwise natural logarithm (NaN below 0, -inf at 0)';

CREATE FUNCTION marsql.log1p(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_log1p'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.log1p(marsql.tensor) IS 'elementwise log(1 + x), accurate near 0';

CREATE FUNCTION marsql.expm1(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_expm1'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.expm1(marsql.tensor) IS 'elementwise exp(x) - 1, accurate near 0';

CREATE FUNCTION marsql.sin(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sin'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.sin(marsql.tensor) IS 'elementwise sine (radians)';

CREATE FUNCTION marsql.cos(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_cos'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.cos(marsql.tensor) IS 'elementwise cosine (radians)';

CREATE FUNCTION marsql.tan(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_tan'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tan(marsql.tensor) IS 'elementwise tangent (radians)';

CREATE FUNCTION marsql.tanh(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_tanh'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tanh(marsql.tensor) IS 'elementwise hyperbolic tangent';

CREATE FUNCTION marsql.sigmoid(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sigmoid'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.sigmoid(marsql.tensor) IS 'elementwise logistic function 1 / (1 + exp(-x))';

CREATE FUNCTION marsql.relu(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_relu'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.relu(marsql.tensor) IS 'elementwise max(x, 0); NaN stays NaN';

CREATE FUNCTION marsql.floor(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_floor'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.floor(marsql.tensor) IS 'elementwise largest integer not above x';

CREATE FUNCTION marsql.ceil(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_ceil'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ceil(marsql.tensor) IS 'elementwise smallest integer not below x';

CREATE FUNCTION marsql.sign(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sign'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.sign(marsql.tensor) IS 'elementwise -1, 0 or 1 by the sign of x; NaN stays NaN';

CREATE FUNCTION marsql.square(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_square'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.square(marsql.tensor) IS 'elementwise x * x';

CREATE FUNCTION marsql.maximum(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_maximum'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.maximum(marsql.tensor, marsql.tensor) IS
	'elementwise larger of a and b with broadcasting; NaN wins, as numpy.maximum';

CREATE FUNCTION marsql.maximum(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_maximum_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.maximum(marsql.tensor, double precision) IS
	'elementwise larger of a and the scalar b; NaN wins, as numpy.maximum';

CREATE FUNCTION marsql.minimum(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_minimum'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.minimum(marsql.tensor, marsql.tensor) IS
	'elementwise smaller of a and b with broadcasting; NaN wins, as numpy.minimum';

CREATE FUNCTION marsql.minimum(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_minimum_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.minimum(marsql.tensor, double precision) IS
	'elementwise smaller of a and the scalar b; NaN wins, as numpy.minimum';

CREATE FUNCTION marsql.round(t marsql.tensor, decimals integer DEFAULT 0)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_round'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.round(marsql.tensor, integer) IS
	'elements rounded to decimals places, halves to even (numpy.round)';

CREATE FUNCTION marsql.clip(t marsql.tensor, lo double precision, hi double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_clip'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.clip(marsql.tensor, double precision, double precision) IS
	'elements limited to [lo, hi]; a NULL bound is no bound (numpy.clip)';

CREATE FUNCTION marsql."where"(cond marsql.tensor, x marsql.tensor, y marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_where'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql."where"(marsql.tensor, marsql.tensor, marsql.tensor) IS
	'x where cond is true (a bool tensor, or any dtype: nonzero and NaN are true), else y; x and y promote, all three broadcast (numpy.where)';

-- integer scalars (numpy's weak Python ints, NEP 50): an integer tensor
-- keeps its dtype, and the number must fit in it (22003 otherwise)
CREATE FUNCTION marsql.tensor_add(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_add_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_add(marsql.tensor, integer) IS
	'elementwise sum of a tensor and an integer scalar (operator +)';
CREATE FUNCTION marsql.tensor_add(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int4_add'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_add(integer, marsql.tensor) IS
	'elementwise sum of an integer scalar and a tensor (operator +)';
CREATE FUNCTION marsql.tensor_add(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_add_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_add(marsql.tensor, bigint) IS
	'elementwise sum of a tensor and an integer scalar (operator +)';
CREATE FUNCTION marsql.tensor_add(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int8_add'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_add(bigint, marsql.tensor) IS
	'elementwise sum of an integer scalar and a tensor (operator +)';
CREATE OPERATOR marsql.+ (
	LEFTARG = marsql.tensor, RIGHTARG = integer,
	FUNCTION = marsql.tensor_add,
	COMMUTATOR = OPERATOR(marsql.+)
);
CREATE OPERATOR marsql.+ (
	LEFTARG = integer, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_add,
	COMMUTATOR = OPERATOR(marsql.+)
);
CREATE OPERATOR marsql.+ (
	LEFTARG = marsql.tensor, RIGHTARG = bigint,
	FUNCTION = marsql.tensor_add,
	COMMUTATOR = OPERATOR(marsql.+)
);
CREATE OPERATOR marsql.+ (
	LEFTARG = bigint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_add,
	COMMUTATOR = OPERATOR(marsql.+)
);

CREATE FUNCTION marsql.tensor_sub(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sub_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sub(marsql.tensor, integer) IS
	'elementwise difference of a tensor and an integer scalar (operator -)';
CREATE FUNCTION marsql.tensor_sub(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int4_sub'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sub(integer, marsql.tensor) IS
	'elementwise difference of an integer scalar and a tensor (operator -)';
CREATE FUNCTION marsql.tensor_sub(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sub_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sub(marsql.tensor, bigint) IS
	'elementwise difference of a tensor and an integer scalar (operator -)';
CREATE FUNCTION marsql.tensor_sub(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int8_sub'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sub(bigint, marsql.tensor) IS
	'elementwise difference of an integer scalar and a tensor (operator -)';
CREATE OPERATOR marsql.- (
	LEFTARG = marsql.tensor, RIGHTARG = integer,
	FUNCTION = marsql.tensor_sub
);
CREATE OPERATOR marsql.- (
	LEFTARG = integer, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_sub
);
CREATE OPERATOR marsql.- (
	LEFTARG = marsql.tensor, RIGHTARG = bigint,
	FUNCTION = marsql.tensor_sub
);
CREATE OPERATOR marsql.- (
	LEFTARG = bigint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_sub
);

CREATE FUNCTION marsql.tensor_mul(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_mul_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_mul(marsql.tensor, integer) IS
	'elementwise product of a tensor and an integer scalar (operator *)';
CREATE FUNCTION marsql.tensor_mul(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int4_mul'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_mul(integer, marsql.tensor) IS
	'elementwise product of an integer scalar and a tensor (operator *)';
CREATE FUNCTION marsql.tensor_mul(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_mul_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_mul(marsql.tensor, bigint) IS
	'elementwise product of a tensor and an integer scalar (operator *)';
CREATE FUNCTION marsql.tensor_mul(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int8_mul'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_mul(bigint, marsql.tensor) IS
	'elementwise product of an integer scalar and a tensor (operator *)';
CREATE OPERATOR marsql.* (
	LEFTARG = marsql.tensor, RIGHTARG = integer,
	FUNCTION = marsql.tensor_mul,
	COMMUTATOR = OPERATOR(marsql.*)
);
CREATE OPERATOR marsql.* (
	LEFTARG = integer, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_mul,
	COMMUTATOR = OPERATOR(marsql.*)
);
CREATE OPERATOR marsql.* (
	LEFTARG = marsql.tensor, RIGHTARG = bigint,
	FUNCTION = marsql.tensor_mul,
	COMMUTATOR = OPERATOR(marsql.*)
);
CREATE OPERATOR marsql.* (
	LEFTARG = bigint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_mul,
	COMMUTATOR = OPERATOR(marsql.*)
);

CREATE FUNCTION marsql.tensor_div(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_div_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_div(marsql.tensor, integer) IS
	'elementwise true quotient of a tensor and an integer scalar (operator /)';
CREATE FUNCTION marsql.tensor_div(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int4_div'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_div(integer, marsql.tensor) IS
	'elementwise true quotient of an integer scalar and a tensor (operator /)';
CREATE FUNCTION marsql.tensor_div(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_div_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_div(marsql.tensor, bigint) IS
	'elementwise true quotient of a tensor and an integer scalar (operator /)';
CREATE FUNCTION marsql.tensor_div(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int8_div'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_div(bigint, marsql.tensor) IS
	'elementwise true quotient of an integer scalar and a tensor (operator /)';
CREATE OPERATOR marsql./ (
	LEFTARG = marsql.tensor, RIGHTARG = integer,
	FUNCTION = marsql.tensor_div
);
CREATE OPERATOR marsql./ (
	LEFTARG = integer, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_div
);
CREATE OPERATOR marsql./ (
	LEFTARG = marsql.tensor, RIGHTARG = bigint,
	FUNCTION = marsql.tensor_div
);
CREATE OPERATOR marsql./ (
	LEFTARG = bigint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_div
);

CREATE FUNCTION marsql.tensor_pow(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_pow(marsql.tensor, integer) IS
	'elementwise power of a tensor and an integer scalar (operator ^)';
CREATE FUNCTION marsql.tensor_pow(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int4_pow'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_pow(integer, marsql.tensor) IS
	'elementwise power of an integer scalar and a tensor (operator ^)';
CREATE FUNCTION marsql.tensor_pow(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_pow(marsql.tensor, bigint) IS
	'elementwise power of a tensor and an integer scalar (operator ^)';
CREATE FUNCTION marsql.tensor_pow(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int8_pow'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_pow(bigint, marsql.tensor) IS
	'elementwise power of an integer scalar and a tensor (operator ^)';
CREATE OPERATOR marsql.^ (
	LEFTARG = marsql.tensor, RIGHTARG = integer,
	FUNCTION = marsql.tensor_pow
);
CREATE OPERATOR marsql.^ (
	LEFTARG = integer, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_pow
);
CREATE OPERATOR marsql.^ (
	LEFTARG = marsql.tensor, RIGHTARG = bigint,
	FUNCTION = marsql.tensor_pow
);
CREATE OPERATOR marsql.^ (
	LEFTARG = bigint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_pow
);

-- //
CREATE FUNCTION marsql.tensor_floor_divide(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_floor_divide'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_floor_divide(marsql.tensor, marsql.tensor) IS
	'elementwise floor of the quotient (numpy.floor_divide; integer division by 0 gives 0), operator //';
CREATE FUNCTION marsql.tensor_floor_divide(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_floor_divide_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_floor_divide(marsql.tensor, double precision) IS
	'elementwise floor of the quotient (numpy.floor_divide; integer division by 0 gives 0), operator //';
CREATE FUNCTION marsql.tensor_floor_divide(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_scalar_floor_divide'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_floor_divide(double precision, marsql.tensor) IS
	'elementwise floor of the quotient (numpy.floor_divide; integer division by 0 gives 0), operator //';
CREATE FUNCTION marsql.tensor_floor_divide(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_floor_divide_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_floor_divide(marsql.tensor, integer) IS
	'elementwise floor of the quotient (numpy.floor_divide; integer division by 0 gives 0), operator //';
CREATE FUNCTION marsql.tensor_floor_divide(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int4_floor_divide'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_floor_divide(integer, marsql.tensor) IS
	'elementwise floor of the quotient (numpy.floor_divide; integer division by 0 gives 0), operator //';
CREATE FUNCTION marsql.tensor_floor_divide(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_floor_divide_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_floor_divide(marsql.tensor, bigint) IS
	'elementwise floor of the quotient (numpy.floor_divide; integer division by 0 gives 0), operator //';
CREATE FUNCTION marsql.tensor_floor_divide(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int8_floor_divide'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_floor_divide(bigint, marsql.tensor) IS
	'elementwise floor of the quotient (numpy.floor_divide; integer division by 0 gives 0), operator //';
CREATE OPERATOR marsql.// (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_floor_divide
);
CREATE OPERATOR marsql.// (
	LEFTARG = marsql.tensor, RIGHTARG = double precision,
	FUNCTION = marsql.tensor_floor_divide
);
CREATE OPERATOR marsql.// (
	LEFTARG = double precision, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_floor_divide
);
CREATE OPERATOR marsql.// (
	LEFTARG = marsql.tensor, RIGHTARG = integer,
	FUNCTION = marsql.tensor_floor_divide
);
CREATE OPERATOR marsql.// (
	LEFTARG = integer, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_floor_divide
);
CREATE OPERATOR marsql.// (
	LEFTARG = marsql.tensor, RIGHTARG = bigint,
	FUNCTION = marsql.tensor_floor_divide
);
CREATE OPERATOR marsql.// (
	LEFTARG = bigint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_floor_divide
);
CREATE FUNCTION marsql.floor_divide(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_floor_divide'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.floor_divide(marsql.tensor, marsql.tensor) IS
	'elementwise floor of the quotient (numpy.floor_divide; integer division by 0 gives 0)';
CREATE FUNCTION marsql.floor_divide(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_floor_divide_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.floor_divide(marsql.tensor, double precision) IS
	'elementwise floor of the quotient (numpy.floor_divide; integer division by 0 gives 0)';
CREATE FUNCTION marsql.floor_divide(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_floor_divide_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.floor_divide(marsql.tensor, integer) IS
	'elementwise floor of the quotient (numpy.floor_divide; integer division by 0 gives 0)';
CREATE FUNCTION marsql.floor_divide(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_floor_divide_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.floor_divide(marsql.tensor, bigint) IS
	'elementwise floor of the quotient (numpy.floor_divide; integer division by 0 gives 0)';

-- %
CREATE FUNCTION marsql.tensor_remainder(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_remainder(marsql.tensor, marsql.tensor) IS
	'elementwise remainder with the sign of the divisor (numpy.remainder; integer division by 0 gives 0), operator %';
CREATE FUNCTION marsql.tensor_remainder(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_remainder(marsql.tensor, double precision) IS
	'elementwise remainder with the sign of the divisor (numpy.remainder; integer division by 0 gives 0), operator %';
CREATE FUNCTION marsql.tensor_remainder(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_scalar_remainder'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_remainder(double precision, marsql.tensor) IS
	'elementwise remainder with the sign of the divisor (numpy.remainder; integer division by 0 gives 0), operator %';
CREATE FUNCTION marsql.tensor_remainder(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_remainder(marsql.tensor, integer) IS
	'elementwise remainder with the sign of the divisor (numpy.remainder; integer division by 0 gives 0), operator %';
CREATE FUNCTION marsql.tensor_remainder(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int4_remainder'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_remainder(integer, marsql.tensor) IS
	'elementwise remainder with the sign of the divisor (numpy.remainder; integer division by 0 gives 0), operator %';
CREATE FUNCTION marsql.tensor_remainder(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_remainder(marsql.tensor, bigint) IS
	'elementwise remainder with the sign of the divisor (numpy.remainder; integer division by 0 gives 0), operator %';
CREATE FUNCTION marsql.tensor_remainder(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_int8_remainder'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_remainder(bigint, marsql.tensor) IS
	'elementwise remainder with the sign of the divisor (numpy.remainder; integer division by 0 gives 0), operator %';
CREATE OPERATOR marsql.% (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_remainder
);
CREATE OPERATOR marsql.% (
	LEFTARG = marsql.tensor, RIGHTARG = double precision,
	FUNCTION = marsql.tensor_remainder
);
CREATE OPERATOR marsql.% (
	LEFTARG = double precision, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_remainder
);
CREATE OPERATOR marsql.% (
	LEFTARG = marsql.tensor, RIGHTARG = integer,
	FUNCTION = marsql.tensor_remainder
);
CREATE OPERATOR marsql.% (
	LEFTARG = integer, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_remainder
);
CREATE OPERATOR marsql.% (
	LEFTARG = marsql.tensor, RIGHTARG = bigint,
	FUNCTION = marsql.tensor_remainder
);
CREATE OPERATOR marsql.% (
	LEFTARG = bigint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_remainder
);
CREATE FUNCTION marsql.remainder(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.remainder(marsql.tensor, marsql.tensor) IS
	'elementwise remainder with the sign of the divisor (numpy.remainder; integer division by 0 gives 0)';
CREATE FUNCTION marsql.remainder(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.remainder(marsql.tensor, double precision) IS
	'elementwise remainder with the sign of the divisor (numpy.remainder; integer division by 0 gives 0)';
CREATE FUNCTION marsql.remainder(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.remainder(marsql.tensor, integer) IS
	'elementwise remainder with the sign of the divisor (numpy.remainder; integer division by 0 gives 0)';
CREATE FUNCTION marsql.remainder(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.remainder(marsql.tensor, bigint) IS
	'elementwise remainder with the sign of the divisor (numpy.remainder; integer division by 0 gives 0)';
CREATE FUNCTION marsql.mod(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.mod(marsql.tensor, marsql.tensor) IS
	'same as remainder (numpy.mod)';
CREATE FUNCTION marsql.mod(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.mod(marsql.tensor, double precision) IS
	'same as remainder (numpy.mod)';
CREATE FUNCTION marsql.mod(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.mod(marsql.tensor, integer) IS
	'same as remainder (numpy.mod)';
CREATE FUNCTION marsql.mod(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_remainder_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.mod(marsql.tensor, bigint) IS
	'same as remainder (numpy.mod)';

-- integer exponents and bounds for the named forms
CREATE FUNCTION marsql.power(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.power(marsql.tensor, integer) IS
	'a raised to the integer b, elementwise (integers to negative integer powers are an error, as numpy)';
CREATE FUNCTION marsql.power(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.power(marsql.tensor, bigint) IS
	'a raised to the integer b, elementwise (integers to negative integer powers are an error, as numpy)';
CREATE FUNCTION marsql.pow(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.pow(marsql.tensor, integer) IS
	'same as power';
CREATE FUNCTION marsql.pow(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pow_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.pow(marsql.tensor, bigint) IS
	'same as power';
CREATE FUNCTION marsql.maximum(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_maximum_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.maximum(marsql.tensor, integer) IS
	'elementwise larger of a and the integer b';
CREATE FUNCTION marsql.maximum(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_maximum_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.maximum(marsql.tensor, bigint) IS
	'elementwise larger of a and the integer b';
CREATE FUNCTION marsql.minimum(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_minimum_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.minimum(marsql.tensor, integer) IS
	'elementwise smaller of a and the integer b';
CREATE FUNCTION marsql.minimum(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_minimum_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.minimum(marsql.tensor, bigint) IS
	'elementwise smaller of a and the integer b';

-- more float-only functions (integers and bools give numpy's float16/32/64;
-- complex refused), with numpy's and the array API's names
CREATE FUNCTION marsql.arcsin(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arcsin'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.arcsin(marsql.tensor) IS
	'elementwise inverse sine (radians; NaN outside [-1, 1]) (numpy.arcsin)';
CREATE FUNCTION marsql.asin(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arcsin'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.asin(marsql.tensor) IS
	'elementwise inverse sine (radians; NaN outside [-1, 1]) (numpy.arcsin)';
CREATE FUNCTION marsql.arccos(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arccos'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.arccos(marsql.tensor) IS
	'elementwise inverse cosine (radians; NaN outside [-1, 1]) (numpy.arccos)';
CREATE FUNCTION marsql.acos(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arccos'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.acos(marsql.tensor) IS
	'elementwise inverse cosine (radians; NaN outside [-1, 1]) (numpy.arccos)';
CREATE FUNCTION marsql.arctan(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arctan'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.arctan(marsql.tensor) IS
	'elementwise inverse tangent (radians) (numpy.arctan)';
CREATE FUNCTION marsql.atan(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arctan'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.atan(marsql.tensor) IS
	'elementwise inverse tangent (radians) (numpy.arctan)';
CREATE FUNCTION marsql.sinh(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sinh'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.sinh(marsql.tensor) IS
	'elementwise hyperbolic sine (numpy.sinh)';
CREATE FUNCTION marsql.cosh(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_cosh'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.cosh(marsql.tensor) IS
	'elementwise hyperbolic cosine (numpy.cosh)';
CREATE FUNCTION marsql.arcsinh(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arcsinh'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.arcsinh(marsql.tensor) IS
	'elementwise inverse hyperbolic sine (numpy.arcsinh)';
CREATE FUNCTION marsql.asinh(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arcsinh'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.asinh(marsql.tensor) IS
	'elementwise inverse hyperbolic sine (numpy.arcsinh)';
CREATE FUNCTION marsql.arccosh(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arccosh'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.arccosh(marsql.tensor) IS
	'elementwise inverse hyperbolic cosine (NaN below 1) (numpy.arccosh)';
CREATE FUNCTION marsql.acosh(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arccosh'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.acosh(marsql.tensor) IS
	'elementwise inverse hyperbolic cosine (NaN below 1) (numpy.arccosh)';
CREATE FUNCTION marsql.arctanh(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arctanh'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.arctanh(marsql.tensor) IS
	'elementwise inverse hyperbolic tangent (NaN outside [-1, 1]) (numpy.arctanh)';
CREATE FUNCTION marsql.atanh(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arctanh'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.atanh(marsql.tensor) IS
	'elementwise inverse hyperbolic tangent (NaN outside [-1, 1]) (numpy.arctanh)';
CREATE FUNCTION marsql.exp2(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_exp2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.exp2(marsql.tensor) IS
	'elementwise 2 raised to each element (numpy.exp2)';
CREATE FUNCTION marsql.log2(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_log2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.log2(marsql.tensor) IS
	'elementwise base-2 logarithm (numpy.log2)';
CREATE FUNCTION marsql.log10(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_log10'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.log10(marsql.tensor) IS
	'elementwise base-10 logarithm (numpy.log10)';
CREATE FUNCTION marsql.cbrt(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_cbrt'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.cbrt(marsql.tensor) IS
	'elementwise cube root (numpy.cbrt)';
CREATE FUNCTION marsql.rint(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_rint'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.rint(marsql.tensor) IS
	'elementwise nearest integer, halves to even (integers give a float dtype, as numpy) (numpy.rint)';
CREATE FUNCTION marsql.trunc(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_trunc'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.trunc(marsql.tensor) IS
	'elementwise integer part, toward zero (integers give a float dtype, as numpy) (numpy.trunc)';
CREATE FUNCTION marsql.deg2rad(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_deg2rad'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.deg2rad(marsql.tensor) IS
	'elementwise degrees to radians (numpy.deg2rad)';
CREATE FUNCTION marsql.radians(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_deg2rad'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.radians(marsql.tensor) IS
	'elementwise degrees to radians (numpy.deg2rad)';
CREATE FUNCTION marsql.rad2deg(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_rad2deg'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.rad2deg(marsql.tensor) IS
	'elementwise radians to degrees (numpy.rad2deg)';
CREATE FUNCTION marsql.degrees(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_rad2deg'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.degrees(marsql.tensor) IS
	'elementwise radians to degrees (numpy.rad2deg)';
CREATE FUNCTION marsql.positive(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_positive'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.positive(marsql.tensor) IS
	'elementwise +x: a copy (numpy.positive; bool refused) (numpy.positive)';

-- more binary functions, broadcasting, with a tensor or a number as b
CREATE FUNCTION marsql.fmod(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmod'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmod(marsql.tensor, marsql.tensor) IS
	'remainder with the sign of the dividend, as C fmod (numpy.fmod; integer division by 0 gives 0)';
CREATE FUNCTION marsql.fmod(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmod_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmod(marsql.tensor, double precision) IS
	'remainder with the sign of the dividend, as C fmod (numpy.fmod; integer division by 0 gives 0)';
CREATE FUNCTION marsql.fmod(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmod_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmod(marsql.tensor, integer) IS
	'remainder with the sign of the dividend, as C fmod (numpy.fmod; integer division by 0 gives 0)';
CREATE FUNCTION marsql.fmod(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmod_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmod(marsql.tensor, bigint) IS
	'remainder with the sign of the dividend, as C fmod (numpy.fmod; integer division by 0 gives 0)';
CREATE FUNCTION marsql.fmax(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmax'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmax(marsql.tensor, marsql.tensor) IS
	'elementwise larger of a and b, NaN ignored unless both are NaN (numpy.fmax)';
CREATE FUNCTION marsql.fmax(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmax_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmax(marsql.tensor, double precision) IS
	'elementwise larger of a and b, NaN ignored unless both are NaN (numpy.fmax)';
CREATE FUNCTION marsql.fmax(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmax_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmax(marsql.tensor, integer) IS
	'elementwise larger of a and b, NaN ignored unless both are NaN (numpy.fmax)';
CREATE FUNCTION marsql.fmax(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmax_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmax(marsql.tensor, bigint) IS
	'elementwise larger of a and b, NaN ignored unless both are NaN (numpy.fmax)';
CREATE FUNCTION marsql.fmin(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmin'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmin(marsql.tensor, marsql.tensor) IS
	'elementwise smaller of a and b, NaN ignored unless both are NaN (numpy.fmin)';
CREATE FUNCTION marsql.fmin(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmin_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmin(marsql.tensor, double precision) IS
	'elementwise smaller of a and b, NaN ignored unless both are NaN (numpy.fmin)';
CREATE FUNCTION marsql.fmin(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmin_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmin(marsql.tensor, integer) IS
	'elementwise smaller of a and b, NaN ignored unless both are NaN (numpy.fmin)';
CREATE FUNCTION marsql.fmin(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fmin_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fmin(marsql.tensor, bigint) IS
	'elementwise smaller of a and b, NaN ignored unless both are NaN (numpy.fmin)';
CREATE FUNCTION marsql.arctan2(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arctan2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.arctan2(marsql.tensor, marsql.tensor) IS
	'angle of the point (b, a): arctan(a / b) in the right quadrant (numpy.arctan2)';
CREATE FUNCTION marsql.arctan2(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arctan2_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.arctan2(marsql.tensor, double precision) IS
	'angle of the point (b, a): arctan(a / b) in the right quadrant (numpy.arctan2)';
CREATE FUNCTION marsql.arctan2(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arctan2_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.arctan2(marsql.tensor, integer) IS
	'angle of the point (b, a): arctan(a / b) in the right quadrant (numpy.arctan2)';
CREATE FUNCTION marsql.arctan2(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arctan2_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.arctan2(marsql.tensor, bigint) IS
	'angle of the point (b, a): arctan(a / b) in the right quadrant (numpy.arctan2)';
CREATE FUNCTION marsql.atan2(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arctan2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.atan2(marsql.tensor, marsql.tensor) IS
	'angle of the point (b, a): arctan(a / b) in the right quadrant (numpy.arctan2)';
CREATE FUNCTION marsql.atan2(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arctan2_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.atan2(marsql.tensor, double precision) IS
	'angle of the point (b, a): arctan(a / b) in the right quadrant (numpy.arctan2)';
CREATE FUNCTION marsql.atan2(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arctan2_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.atan2(marsql.tensor, integer) IS
	'angle of the point (b, a): arctan(a / b) in the right quadrant (numpy.arctan2)';
CREATE FUNCTION marsql.atan2(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arctan2_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.atan2(marsql.tensor, bigint) IS
	'angle of the point (b, a): arctan(a / b) in the right quadrant (numpy.arctan2)';
CREATE FUNCTION marsql.hypot(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_hypot'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.hypot(marsql.tensor, marsql.tensor) IS
	'sqrt(a^2 + b^2) without overflow (numpy.hypot)';
CREATE FUNCTION marsql.hypot(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_hypot_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.hypot(marsql.tensor, double precision) IS
	'sqrt(a^2 + b^2) without overflow (numpy.hypot)';
CREATE FUNCTION marsql.hypot(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_hypot_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.hypot(marsql.tensor, integer) IS
	'sqrt(a^2 + b^2) without overflow (numpy.hypot)';
CREATE FUNCTION marsql.hypot(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_hypot_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.hypot(marsql.tensor, bigint) IS
	'sqrt(a^2 + b^2) without overflow (numpy.hypot)';
CREATE FUNCTION marsql.copysign(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_copysign'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.copysign(marsql.tensor, marsql.tensor) IS
	'magnitude of a with the sign of b (numpy.copysign)';
CREATE FUNCTION marsql.copysign(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_copysign_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.copysign(marsql.tensor, double precision) IS
	'magnitude of a with the sign of b (numpy.copysign)';
CREATE FUNCTION marsql.copysign(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_copysign_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.copysign(marsql.tensor, integer) IS
	'magnitude of a with the sign of b (numpy.copysign)';
CREATE FUNCTION marsql.copysign(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_copysign_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.copysign(marsql.tensor, bigint) IS
	'magnitude of a with the sign of b (numpy.copysign)';
CREATE FUNCTION marsql.logaddexp(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_logaddexp'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.logaddexp(marsql.tensor, marsql.tensor) IS
	'log(exp(a) + exp(b)) without overflow (numpy.logaddexp)';
CREATE FUNCTION marsql.logaddexp(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_logaddexp_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.logaddexp(marsql.tensor, double precision) IS
	'log(exp(a) + exp(b)) without overflow (numpy.logaddexp)';
CREATE FUNCTION marsql.logaddexp(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_logaddexp_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.logaddexp(marsql.tensor, integer) IS
	'log(exp(a) + exp(b)) without overflow (numpy.logaddexp)';
CREATE FUNCTION marsql.logaddexp(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_logaddexp_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.logaddexp(marsql.tensor, bigint) IS
	'log(exp(a) + exp(b)) without overflow (numpy.logaddexp)';
CREATE FUNCTION marsql.logaddexp2(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_logaddexp2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.logaddexp2(marsql.tensor, marsql.tensor) IS
	'log2(2^a + 2^b) without overflow (numpy.logaddexp2)';
CREATE FUNCTION marsql.logaddexp2(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_logaddexp2_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.logaddexp2(marsql.tensor, double precision) IS
	'log2(2^a + 2^b) without overflow (numpy.logaddexp2)';
CREATE FUNCTION marsql.logaddexp2(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_logaddexp2_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.logaddexp2(marsql.tensor, integer) IS
	'log2(2^a + 2^b) without overflow (numpy.logaddexp2)';
CREATE FUNCTION marsql.logaddexp2(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_logaddexp2_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.logaddexp2(marsql.tensor, bigint) IS
	'log2(2^a + 2^b) without overflow (numpy.logaddexp2)';
