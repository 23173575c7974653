-- Chunked tensors of every dtype (issue 21): integer scalars.
--
-- A SQL integer next to a chunked tensor is numpy's weak Python int (NEP
-- 50), as next to a dense tensor (070_tensor_elementwise.sql): an integer
-- chunked tensor keeps its dtype (the value must fit it, 22003
-- otherwise), a float one its float dtype.  Without these forms an
-- integer literal would resolve to the double precision forms and make an
-- integer chunked tensor float64.

CREATE FUNCTION marsql.add(a marsql.chunked_tensor, b integer, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.add(marsql.chunked_tensor, integer, text) IS 'elementwise sum with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_add_op(a marsql.chunked_tensor, b integer) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_add_op(marsql.chunked_tensor, integer) IS 'implements the + operator on chunked tensors and integers';
CREATE OPERATOR marsql.+ (LEFTARG = marsql.chunked_tensor, RIGHTARG = integer, FUNCTION = marsql.chunked_add_op);

CREATE FUNCTION marsql.add(a integer, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.add(integer, marsql.chunked_tensor, text) IS 'elementwise sum with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_add_op(a integer, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_add_op(integer, marsql.chunked_tensor) IS 'implements the + operator on chunked tensors and integers';
CREATE OPERATOR marsql.+ (LEFTARG = integer, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_add_op);

CREATE FUNCTION marsql.add(a marsql.chunked_tensor, b bigint, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.add(marsql.chunked_tensor, bigint, text) IS 'elementwise sum with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_add_op(a marsql.chunked_tensor, b bigint) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_add_op(marsql.chunked_tensor, bigint) IS 'implements the + operator on chunked tensors and integers';
CREATE OPERATOR marsql.+ (LEFTARG = marsql.chunked_tensor, RIGHTARG = bigint, FUNCTION = marsql.chunked_add_op);

CREATE FUNCTION marsql.add(a bigint, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.add(bigint, marsql.chunked_tensor, text) IS 'elementwise sum with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_add_op(a bigint, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_add_op(bigint, marsql.chunked_tensor) IS 'implements the + operator on chunked tensors and integers';
CREATE OPERATOR marsql.+ (LEFTARG = bigint, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_add_op);

CREATE FUNCTION marsql.subtract(a marsql.chunked_tensor, b integer, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.subtract(marsql.chunked_tensor, integer, text) IS 'elementwise difference with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_subtract_op(a marsql.chunked_tensor, b integer) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_subtract_op(marsql.chunked_tensor, integer) IS 'implements the - operator on chunked tensors and integers';
CREATE OPERATOR marsql.- (LEFTARG = marsql.chunked_tensor, RIGHTARG = integer, FUNCTION = marsql.chunked_subtract_op);

CREATE FUNCTION marsql.subtract(a integer, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.subtract(integer, marsql.chunked_tensor, text) IS 'elementwise difference with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_subtract_op(a integer, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_subtract_op(integer, marsql.chunked_tensor) IS 'implements the - operator on chunked tensors and integers';
CREATE OPERATOR marsql.- (LEFTARG = integer, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_subtract_op);

CREATE FUNCTION marsql.subtract(a marsql.chunked_tensor, b bigint, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.subtract(marsql.chunked_tensor, bigint, text) IS 'elementwise difference with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_subtract_op(a marsql.chunked_tensor, b bigint) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_subtract_op(marsql.chunked_tensor, bigint) IS 'implements the - operator on chunked tensors and integers';
CREATE OPERATOR marsql.- (LEFTARG = marsql.chunked_tensor, RIGHTARG = bigint, FUNCTION = marsql.chunked_subtract_op);

CREATE FUNCTION marsql.subtract(a bigint, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.subtract(bigint, marsql.chunked_tensor, text) IS 'elementwise difference with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_subtract_op(a bigint, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_subtract_op(bigint, marsql.chunked_tensor) IS 'implements the - operator on chunked tensors and integers';
CREATE OPERATOR marsql.- (LEFTARG = bigint, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_subtract_op);

CREATE FUNCTION marsql.multiply(a marsql.chunked_tensor, b integer, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.multiply(marsql.chunked_tensor, integer, text) IS 'elementwise product with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_multiply_op(a marsql.chunked_tensor, b integer) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_multiply_op(marsql.chunked_tensor, integer) IS 'implements the * operator on chunked tensors and integers';
CREATE OPERATOR marsql.* (LEFTARG = marsql.chunked_tensor, RIGHTARG = integer, FUNCTION = marsql.chunked_multiply_op);

CREATE FUNCTION marsql.multiply(a integer, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.multiply(integer, marsql.chunked_tensor, text) IS 'elementwise product with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_multiply_op(a integer, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_multiply_op(integer, marsql.chunked_tensor) IS 'implements the * operator on chunked tensors and integers';
CREATE OPERATOR marsql.* (LEFTARG = integer, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_multiply_op);

CREATE FUNCTION marsql.multiply(a marsql.chunked_tensor, b bigint, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.multiply(marsql.chunked_tensor, bigint, text) IS 'elementwise product with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_multiply_op(a marsql.chunked_tensor, b bigint) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_multiply_op(marsql.chunked_tensor, bigint) IS 'implements the * operator on chunked tensors and integers';
CREATE OPERATOR marsql.* (LEFTARG = marsql.chunked_tensor, RIGHTARG = bigint, FUNCTION = marsql.chunked_multiply_op);

CREATE FUNCTION marsql.multiply(a bigint, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.multiply(bigint, marsql.chunked_tensor, text) IS 'elementwise product with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_multiply_op(a bigint, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_multiply_op(bigint, marsql.chunked_tensor) IS 'implements the * operator on chunked tensors and integers';
CREATE OPERATOR marsql.* (LEFTARG = bigint, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_multiply_op);

CREATE FUNCTION marsql.divide(a marsql.chunked_tensor, b integer, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.divide(marsql.chunked_tensor, integer, text) IS 'elementwise quotient with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_divide_op(a marsql.chunked_tensor, b integer) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_divide_op(marsql.chunked_tensor, integer) IS 'implements the / operator on chunked tensors and integers';
CREATE OPERATOR marsql./ (LEFTARG = marsql.chunked_tensor, RIGHTARG = integer, FUNCTION = marsql.chunked_divide_op);

CREATE FUNCTION marsql.divide(a integer, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.divide(integer, marsql.chunked_tensor, text) IS 'elementwise quotient with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_divide_op(a integer, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_divide_op(integer, marsql.chunked_tensor) IS 'implements the / operator on chunked tensors and integers';
CREATE OPERATOR marsql./ (LEFTARG = integer, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_divide_op);

CREATE FUNCTION marsql.divide(a marsql.chunked_tensor, b bigint, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.divide(marsql.chunked_tensor, bigint, text) IS 'elementwise quotient with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_divide_op(a marsql.chunked_tensor, b bigint) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_divide_op(marsql.chunked_tensor, bigint) IS 'implements the / operator on chunked tensors and integers';
CREATE OPERATOR marsql./ (LEFTARG = marsql.chunked_tensor, RIGHTARG = bigint, FUNCTION = marsql.chunked_divide_op);

CREATE FUNCTION marsql.divide(a bigint, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.divide(bigint, marsql.chunked_tensor, text) IS 'elementwise quotient with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_divide_op(a bigint, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_divide_op(bigint, marsql.chunked_tensor) IS 'implements the / operator on chunked tensors and integers';
CREATE OPERATOR marsql./ (LEFTARG = bigint, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_divide_op);

CREATE FUNCTION marsql.power(a marsql.chunked_tensor, b integer, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.power(marsql.chunked_tensor, integer, text) IS 'elementwise power with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_power_op(a marsql.chunked_tensor, b integer) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_power_op(marsql.chunked_tensor, integer) IS 'implements the ^ operator on chunked tensors and integers';
CREATE OPERATOR marsql.^ (LEFTARG = marsql.chunked_tensor, RIGHTARG = integer, FUNCTION = marsql.chunked_power_op);

CREATE FUNCTION marsql.power(a integer, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.power(integer, marsql.chunked_tensor, text) IS 'elementwise power with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_power_op(a integer, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_power_op(integer, marsql.chunked_tensor) IS 'implements the ^ operator on chunked tensors and integers';
CREATE OPERATOR marsql.^ (LEFTARG = integer, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_power_op);

CREATE FUNCTION marsql.power(a marsql.chunked_tensor, b bigint, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.power(marsql.chunked_tensor, bigint, text) IS 'elementwise power with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_power_op(a marsql.chunked_tensor, b bigint) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_power_op(marsql.chunked_tensor, bigint) IS 'implements the ^ operator on chunked tensors and integers';
CREATE OPERATOR marsql.^ (LEFTARG = marsql.chunked_tensor, RIGHTARG = bigint, FUNCTION = marsql.chunked_power_op);

CREATE FUNCTION marsql.power(a bigint, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.power(bigint, marsql.chunked_tensor, text) IS 'elementwise power with an integer scalar, tiled';
CREATE FUNCTION marsql.chunked_power_op(a bigint, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_power_op(bigint, marsql.chunked_tensor) IS 'implements the ^ operator on chunked tensors and integers';
CREATE OPERATOR marsql.^ (LEFTARG = bigint, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_power_op);

CREATE FUNCTION marsql.maximum(a marsql.chunked_tensor, b integer, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_maximum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.maximum(marsql.chunked_tensor, integer, text) IS 'elementwise maximum with an integer scalar, tiled';

CREATE FUNCTION marsql.maximum(a integer, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_maximum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.maximum(integer, marsql.chunked_tensor, text) IS 'elementwise maximum with an integer scalar, tiled';

CREATE FUNCTION marsql.maximum(a marsql.chunked_tensor, b bigint, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_maximum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.maximum(marsql.chunked_tensor, bigint, text) IS 'elementwise maximum with an integer scalar, tiled';

CREATE FUNCTION marsql.maximum(a bigint, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_maximum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.maximum(bigint, marsql.chunked_tensor, text) IS 'elementwise maximum with an integer scalar, tiled';

CREATE FUNCTION marsql.minimum(a marsql.chunked_tensor, b integer, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_minimum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.minimum(marsql.chunked_tensor, integer, text) IS 'elementwise minimum with an integer scalar, tiled';

CREATE FUNCTION marsql.minimum(a integer, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_minimum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.minimum(integer, marsql.chunked_tensor, text) IS 'elementwise minimum with an integer scalar, tiled';

CREATE FUNCTION marsql.minimum(a marsql.chunked_tensor, b bigint, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_minimum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.minimum(marsql.chunked_tensor, bigint, text) IS 'elementwise minimum with an integer scalar, tiled';

CREATE FUNCTION marsql.minimum(a bigint, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_minimum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.minimum(bigint, marsql.chunked_tensor, text) IS 'elementwise minimum with an integer scalar, tiled';
