-- Elementwise comparisons and logic, numpy's names, each returning a bool
-- tensor with broadcasting (tensor_logic.c).  Operands promote as in
-- arithmetic; a number is a weak scalar (an integer beyond an integer
-- tensor's range still compares exactly).  Complex values order
-- lexicographically, as numpy.  The operators = <> < <= > >= on two tensors
-- are NOT these: they stay whole-value orderings (one boolean) so btree
-- indexes, GROUP BY and ORDER BY work; see docs/math.md.

-- equal: numpy's a == b
CREATE FUNCTION marsql.equal(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.equal(marsql.tensor, marsql.tensor) IS
	'elementwise a == b as a bool tensor, with broadcasting (numpy.equal)';
CREATE FUNCTION marsql.equal(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_equal_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.equal(marsql.tensor, double precision) IS
	'elementwise a == b for a scalar b, as a bool tensor (numpy.equal)';
CREATE FUNCTION marsql.equal(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'float8_tensor_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.equal(double precision, marsql.tensor) IS
	'elementwise a == b for a scalar a, as a bool tensor (numpy.equal)';
CREATE FUNCTION marsql.equal(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_equal_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.equal(marsql.tensor, bigint) IS
	'elementwise a == b for a scalar b, as a bool tensor (numpy.equal)';
CREATE FUNCTION marsql.equal(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int8_tensor_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.equal(bigint, marsql.tensor) IS
	'elementwise a == b for a scalar a, as a bool tensor (numpy.equal)';
CREATE FUNCTION marsql.equal(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_equal_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.equal(marsql.tensor, integer) IS
	'elementwise a == b for a scalar b, as a bool tensor (numpy.equal)';
CREATE FUNCTION marsql.equal(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int4_tensor_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.equal(integer, marsql.tensor) IS
	'elementwise a == b for a scalar a, as a bool tensor (numpy.equal)';

-- not_equal: numpy's a != b
CREATE FUNCTION marsql.not_equal(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_not_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.not_equal(marsql.tensor, marsql.tensor) IS
	'elementwise a != b as a bool tensor, with broadcasting (numpy.not_equal)';
CREATE FUNCTION marsql.not_equal(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_not_equal_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.not_equal(marsql.tensor, double precision) IS
	'elementwise a != b for a scalar b, as a bool tensor (numpy.not_equal)';
CREATE FUNCTION marsql.not_equal(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'float8_tensor_not_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.not_equal(double precision, marsql.tensor) IS
	'elementwise a != b for a scalar a, as a bool tensor (numpy.not_equal)';
CREATE FUNCTION marsql.not_equal(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_not_equal_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.not_equal(marsql.tensor, bigint) IS
	'elementwise a != b for a scalar b, as a bool tensor (numpy.not_equal)';
CREATE FUNCTION marsql.not_equal(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int8_tensor_not_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.not_equal(bigint, marsql.tensor) IS
	'elementwise a != b for a scalar a, as a bool tensor (numpy.not_equal)';
CREATE FUNCTION marsql.not_equal(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_not_equal_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.not_equal(marsql.tensor, integer) IS
	'elementwise a != b for a scalar b, as a bool tensor (numpy.not_equal)';
CREATE FUNCTION marsql.not_equal(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int4_tensor_not_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.not_equal(integer, marsql.tensor) IS
	'elementwise a != b for a scalar a, as a bool tensor (numpy.not_equal)';

-- less: numpy's a < b
CREATE FUNCTION marsql.less(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_less'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less(marsql.tensor, marsql.tensor) IS
	'elementwise a < b as a bool tensor, with broadcasting (numpy.less)';
CREATE FUNCTION marsql.less(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_less_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less(marsql.tensor, double precision) IS
	'elementwise a < b for a scalar b, as a bool tensor (numpy.less)';
CREATE FUNCTION marsql.less(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'float8_tensor_less'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less(double precision, marsql.tensor) IS
	'elementwise a < b for a scalar a, as a bool tensor (numpy.less)';
CREATE FUNCTION marsql.less(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_less_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less(marsql.tensor, bigint) IS
	'elementwise a < b for a scalar b, as a bool tensor (numpy.less)';
CREATE FUNCTION marsql.less(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int8_tensor_less'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less(bigint, marsql.tensor) IS
	'elementwise a < b for a scalar a, as a bool tensor (numpy.less)';
CREATE FUNCTION marsql.less(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_less_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less(marsql.tensor, integer) IS
	'elementwise a < b for a scalar b, as a bool tensor (numpy.less)';
CREATE FUNCTION marsql.less(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int4_tensor_less'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less(integer, marsql.tensor) IS
	'elementwise a < b for a scalar a, as a bool tensor (numpy.less)';

-- less_equal: numpy's a <= b
CREATE FUNCTION marsql.less_equal(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_less_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less_equal(marsql.tensor, marsql.tensor) IS
	'elementwise a <= b as a bool tensor, with broadcasting (numpy.less_equal)';
CREATE FUNCTION marsql.less_equal(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_less_equal_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less_equal(marsql.tensor, double precision) IS
	'elementwise a <= b for a scalar b, as a bool tensor (numpy.less_equal)';
CREATE FUNCTION marsql.less_equal(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'float8_tensor_less_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less_equal(double precision, marsql.tensor) IS
	'elementwise a <= b for a scalar a, as a bool tensor (numpy.less_equal)';
CREATE FUNCTION marsql.less_equal(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_less_equal_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less_equal(marsql.tensor, bigint) IS
	'elementwise a <= b for a scalar b, as a bool tensor (numpy.less_equal)';
CREATE FUNCTION marsql.less_equal(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int8_tensor_less_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less_equal(bigint, marsql.tensor) IS
	'elementwise a <= b for a scalar a, as a bool tensor (numpy.less_equal)';
CREATE FUNCTION marsql.less_equal(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_less_equal_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less_equal(marsql.tensor, integer) IS
	'elementwise a <= b for a scalar b, as a bool tensor (numpy.less_equal)';
CREATE FUNCTION marsql.less_equal(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int4_tensor_less_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.less_equal(integer, marsql.tensor) IS
	'elementwise a <= b for a scalar a, as a bool tensor (numpy.less_equal)';

-- greater: numpy's a > b
CREATE FUNCTION marsql.greater(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_greater'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater(marsql.tensor, marsql.tensor) IS
	'elementwise a > b as a bool tensor, with broadcasting (numpy.greater)';
CREATE FUNCTION marsql.greater(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_greater_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater(marsql.tensor, double precision) IS
	'elementwise a > b for a scalar b, as a bool tensor (numpy.greater)';
CREATE FUNCTION marsql.greater(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'float8_tensor_greater'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater(double precision, marsql.tensor) IS
	'elementwise a > b for a scalar a, as a bool tensor (numpy.greater)';
CREATE FUNCTION marsql.greater(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_greater_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater(marsql.tensor, bigint) IS
	'elementwise a > b for a scalar b, as a bool tensor (numpy.greater)';
CREATE FUNCTION marsql.greater(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int8_tensor_greater'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater(bigint, marsql.tensor) IS
	'elementwise a > b for a scalar a, as a bool tensor (numpy.greater)';
CREATE FUNCTION marsql.greater(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_greater_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater(marsql.tensor, integer) IS
	'elementwise a > b for a scalar b, as a bool tensor (numpy.greater)';
CREATE FUNCTION marsql.greater(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int4_tensor_greater'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater(integer, marsql.tensor) IS
	'elementwise a > b for a scalar a, as a bool tensor (numpy.greater)';

-- greater_equal: numpy's a >= b
CREATE FUNCTION marsql.greater_equal(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_greater_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater_equal(marsql.tensor, marsql.tensor) IS
	'elementwise a >= b as a bool tensor, with broadcasting (numpy.greater_equal)';
CREATE FUNCTION marsql.greater_equal(a marsql.tensor, b double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_greater_equal_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater_equal(marsql.tensor, double precision) IS
	'elementwise a >= b for a scalar b, as a bool tensor (numpy.greater_equal)';
CREATE FUNCTION marsql.greater_equal(a double precision, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'float8_tensor_greater_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater_equal(double precision, marsql.tensor) IS
	'elementwise a >= b for a scalar a, as a bool tensor (numpy.greater_equal)';
CREATE FUNCTION marsql.greater_equal(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_greater_equal_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater_equal(marsql.tensor, bigint) IS
	'elementwise a >= b for a scalar b, as a bool tensor (numpy.greater_equal)';
CREATE FUNCTION marsql.greater_equal(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int8_tensor_greater_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater_equal(bigint, marsql.tensor) IS
	'elementwise a >= b for a scalar a, as a bool tensor (numpy.greater_equal)';
CREATE FUNCTION marsql.greater_equal(a marsql.tensor, b integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_greater_equal_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater_equal(marsql.tensor, integer) IS
	'elementwise a >= b for a scalar b, as a bool tensor (numpy.greater_equal)';
CREATE FUNCTION marsql.greater_equal(a integer, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'int4_tensor_greater_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.greater_equal(integer, marsql.tensor) IS
	'elementwise a >= b for a scalar a, as a bool tensor (numpy.greater_equal)';

-- logic: nonzero (NaN included) is true
CREATE FUNCTION marsql.logical_and(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_logical_and'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.logical_and(marsql.tensor, marsql.tensor) IS
	'elementwise a and b of the truth of the elements (nonzero is true), a bool tensor with broadcasting (numpy.logical_and)';
CREATE FUNCTION marsql.logical_or(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_logical_or'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.logical_or(marsql.tensor, marsql.tensor) IS
	'elementwise a or b of the truth of the elements (nonzero is true), a bool tensor with broadcasting (numpy.logical_or)';
CREATE FUNCTION marsql.logical_xor(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_logical_xor'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.logical_xor(marsql.tensor, marsql.tensor) IS
	'elementwise a xor b of the truth of the elements (nonzero is true), a bool tensor with broadcasting (numpy.logical_xor)';
CREATE FUNCTION marsql.logical_not(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_logical_not'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.logical_not(marsql.tensor) IS
	'elementwise not: true where the element is zero (numpy.logical_not)';

-- tests of float values; integers and bools are all finite
CREATE FUNCTION marsql.isnan(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_isnan'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.isnan(marsql.tensor) IS
	'elementwise: is the element NaN (complex: either part), a bool tensor (numpy.isnan)';
CREATE FUNCTION marsql.isinf(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_isinf'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.isinf(marsql.tensor) IS
	'elementwise: is the element infinite (complex: either part), a bool tensor (numpy.isinf)';
CREATE FUNCTION marsql.isfinite(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_isfinite'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.isfinite(marsql.tensor) IS
	'elementwise: is the element neither NaN nor infinite, a bool tensor (numpy.isfinite)';

CREATE FUNCTION marsql.isclose(a marsql.tensor, b marsql.tensor, rtol double precision DEFAULT 1e-05, atol double precision DEFAULT 1e-08, equal_nan boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_isclose'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.isclose(marsql.tensor, marsql.tensor, double precision, double precision, boolean) IS
	'elementwise |a - b| <= atol + rtol * |b| as a bool tensor, with broadcasting (numpy.isclose)';
CREATE FUNCTION marsql.array_equal(a marsql.tensor, b marsql.tensor, equal_nan boolean DEFAULT false)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'tensor_array_equal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.array_equal(marsql.tensor, marsql.tensor, boolean) IS
	'true when a and b have the same shape and equal elements, NaN equal to NaN with equal_nan (numpy.array_equal)';

-- sign and infinity tests (complex refused; integers: signbit is x < 0)
CREATE FUNCTION marsql.signbit(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_signbit'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.signbit(marsql.tensor) IS
	'elementwise: is the sign bit set (true for -0.0 and negative NaN), a bool tensor (numpy.signbit)';
CREATE FUNCTION marsql.isneginf(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_isneginf'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.isneginf(marsql.tensor) IS
	'elementwise: is the element -infinity, a bool tensor (numpy.isneginf)';
CREATE FUNCTION marsql.isposinf(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_isposinf'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.isposinf(marsql.tensor) IS
	'elementwise: is the element +infinity, a bool tensor (numpy.isposinf)';

CREATE FUNCTION marsql.array_equiv(a marsql.tensor, b marsql.tensor)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'tensor_array_equiv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.array_equiv(marsql.tensor, marsql.tensor) IS
	'true when a and b broadcast together and all elements are equal; false when the shapes do not broadcast (numpy.array_equiv)';
