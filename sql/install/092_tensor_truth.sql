-- Truth reductions and running products, numpy's names and semantics, for
-- every dtype: an element is true when it is not zero (NaN is true, a
-- complex value is true when either part is).  axis NULL reduces over
-- every element; a negative axis counts from the end.  "any" and "all"
-- are SQL keywords: call them as marsql."any"(t) and marsql."all"(t).

CREATE FUNCTION marsql."any"(t marsql.tensor, axis integer DEFAULT NULL,
							 keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_any'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql."any"(marsql.tensor, integer, boolean) IS
	'bool tensor: whether any element along axis (every element when NULL) is nonzero (numpy.any)';

CREATE FUNCTION marsql."all"(t marsql.tensor, axis integer DEFAULT NULL,
							 keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_all'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql."all"(marsql.tensor, integer, boolean) IS
	'bool tensor: whether every element along axis (every element when NULL) is nonzero (numpy.all)';

CREATE FUNCTION marsql.count_nonzero(t marsql.tensor, axis integer DEFAULT NULL,
									 keepdims boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_count_nonzero'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.count_nonzero(marsql.tensor, integer, boolean) IS
	'int64 tensor: the number of nonzero elements along axis, or of all elements when NULL (numpy.count_nonzero)';

CREATE FUNCTION marsql.cumprod(t marsql.tensor, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_cumprod'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.cumprod(marsql.tensor, integer) IS
	'running products along axis; of the flattened tensor when axis is NULL (numpy.cumprod: int64 for bool and integers)';
