-- Reductions with numpy's axis (NULL: every axis) and keepdims.  sum, min
-- and max take their axis without a default: given one tensor, those
-- names are SQL's aggregates over rows (095_tensor_aggregates.sql), and
-- sum(t, NULL) is numpy's sum(a, axis=None).  Not STRICT, so a NULL axis
-- reaches the function.
--
-- Result dtypes follow numpy: sum, prod and cumsum of bool and integers
-- are int64 (wrapping; numpy gives uint8 uint64, marsql int64); mean, var
-- and std of bool and integers are float64; float16 is computed in float32
-- and returned as float16; min and max keep the dtype; argmin and argmax
-- are int64; complex supports sum, prod, mean and cumsum.

CREATE FUNCTION marsql.sum(t marsql.tensor, axis integer,
						   keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sum'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.sum(marsql.tensor, integer, boolean) IS
	'sum along axis, or of all elements when axis is NULL';

CREATE FUNCTION marsql.prod(t marsql.tensor, axis integer DEFAULT NULL,
						   keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_prod'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.prod(marsql.tensor, integer, boolean) IS
	'product along axis, or of all elements when axis is NULL';

CREATE FUNCTION marsql.mean(t marsql.tensor, axis integer DEFAULT NULL,
						   keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_mean'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.mean(marsql.tensor, integer, boolean) IS
	'arithmetic mean along axis, or of all elements when axis is NULL';

CREATE FUNCTION marsql.min(t marsql.tensor, axis integer,
						   keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_min'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.min(marsql.tensor, integer, boolean) IS
	'smallest element (NaN if any is NaN) along axis, or of all elements when axis is NULL';

CREATE FUNCTION marsql.max(t marsql.tensor, axis integer,
						   keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_max'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.max(marsql.tensor, integer, boolean) IS
	'largest element (NaN if any is NaN) along axis, or of all elements when axis is NULL';

CREATE FUNCTION marsql.var(t marsql.tensor, axis integer DEFAULT NULL,
						   ddof integer DEFAULT 0, keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_var'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.var(marsql.tensor, integer, integer, boolean) IS
	'variance along axis (all elements when NULL), dividing by N - ddof';

CREATE FUNCTION marsql.std(t marsql.tensor, axis integer DEFAULT NULL,
						   ddof integer DEFAULT 0, keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_std'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.std(marsql.tensor, integer, integer, boolean) IS
	'standard deviation along axis (all elements when NULL), dividing by N - ddof';

CREATE FUNCTION marsql.argmin(t marsql.tensor)
	RETURNS bigint
	AS 'MODULE_PATHNAME', 'tensor_argmin'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.argmin(marsql.tensor) IS
	'flat C-order index of the first smallest element (of the first NaN if any)';

CREATE FUNCTION marsql.argmin(t marsql.tensor, axis integer, keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_argmin_axis'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.argmin(marsql.tensor, integer, boolean) IS
	'indices of the first smallest elements along axis, as an int64 tensor';

CREATE FUNCTION marsql.argmax(t marsql.tensor)
	RETURNS bigint
	AS 'MODULE_PATHNAME', 'tensor_argmax'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.argmax(marsql.tensor) IS
	'flat C-order index of the first largest element (of the first NaN if any)';

CREATE FUNCTION marsql.argmax(t marsql.tensor, axis integer, keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_argmax_axis'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.argmax(marsql.tensor, integer, boolean) IS
	'indices of the first largest elements along axis, as an int64 tensor';

CREATE FUNCTION marsql.norm(t marsql.tensor, ord text DEFAULT NULL, axis integer DEFAULT NULL,
							keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_norm'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.norm(marsql.tensor, text, integer, boolean) IS
	'numpy.linalg.norm: vector norms along axis; matrix norms (1, 2, inf, fro, nuc, ...) of a 2-D tensor when ord is given without axis';

CREATE FUNCTION marsql.cumsum(t marsql.tensor, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_cumsum'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.cumsum(marsql.tensor, integer) IS
	'running sums along axis; of the flattened tensor when axis is NULL';
