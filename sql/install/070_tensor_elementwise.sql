-- Elementwise math with numpy broadcasting and dtype promotion.
-- Results follow IEEE 754 as numpy does: 1/0 is infinity, log(-1) is NaN.
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
	'x where cond is nonzero (NaN counts as true), else y; all three broadcast (numpy.where)';
