-- What a tensor is: shape, ndim, size, dtype.

CREATE FUNCTION marsql.shape(t marsql.tensor) RETURNS integer[]
	AS 'MODULE_PATHNAME', 'tensor_shape'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.shape(marsql.tensor) IS
	'extent of each dimension, numpy''s shape; {} for a 0-d tensor';
CREATE FUNCTION marsql.ndim(t marsql.tensor) RETURNS integer
	AS 'MODULE_PATHNAME', 'tensor_ndim'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ndim(marsql.tensor) IS 'number of dimensions';
CREATE FUNCTION marsql.size(t marsql.tensor) RETURNS bigint
	AS 'MODULE_PATHNAME', 'tensor_numel'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.size(marsql.tensor) IS 'number of elements';
CREATE FUNCTION marsql.dtype(t marsql.tensor) RETURNS text
	AS 'MODULE_PATHNAME', 'tensor_dtype'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.dtype(marsql.tensor) IS 'element type, by numpy''s name (float64, int32, bool, complex128, ...)';
