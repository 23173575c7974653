-- Truth reductions, running products, more data movement and the *_like
-- constructors, numpy's names and semantics, for every dtype.  An element
-- is true when it is not zero (NaN is true, a complex value is true when
-- either part is).  axis NULL reduces over every element; a negative axis
-- counts from the end.  "any" and "all" are SQL keywords: call them as
-- marsql."any"(t) and marsql."all"(t).

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

-- More data movement with numpy's names, for every dtype (they move bytes).

CREATE FUNCTION marsql.flip(t marsql.tensor, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_flip'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.flip(marsql.tensor, integer) IS
	'elements in reverse order along axis, along every axis when NULL (numpy.flip)';

CREATE FUNCTION marsql.roll(t marsql.tensor, shift integer, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_roll'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.roll(marsql.tensor, integer, integer) IS
	'elements shifted by shift along axis, wrapping around; the flattened tensor when axis is NULL, shape kept (numpy.roll)';

CREATE FUNCTION marsql.swapaxes(t marsql.tensor, axis1 integer, axis2 integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_swapaxes'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.swapaxes(marsql.tensor, integer, integer) IS
	'axes axis1 and axis2 interchanged (numpy.swapaxes)';

CREATE FUNCTION marsql.moveaxis(t marsql.tensor, source integer, destination integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_moveaxis'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.moveaxis(marsql.tensor, integer, integer) IS
	'axis source moved to position destination, the other axes in order (numpy.moveaxis)';

CREATE FUNCTION marsql.broadcast_to(t marsql.tensor, shape integer[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_broadcast_to_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.broadcast_to(marsql.tensor, integer[]) IS
	't expanded to shape by broadcasting (numpy.broadcast_to; a copy)';

CREATE FUNCTION marsql.ravel(t marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.flatten(t);
COMMENT ON FUNCTION marsql.ravel(marsql.tensor) IS
	'the elements in C order as a 1-D tensor (numpy.ravel; the same as flatten)';

-- Constructors shaped like a tensor: its shape and, unless dtype is given,
-- its dtype.
CREATE FUNCTION marsql.zeros_like(t marsql.tensor, dtype text DEFAULT NULL)
	RETURNS marsql.tensor
	LANGUAGE SQL IMMUTABLE PARALLEL SAFE
	RETURN marsql.zeros(marsql.shape(t), coalesce(dtype, marsql.dtype(t)));
COMMENT ON FUNCTION marsql.zeros_like(marsql.tensor, text) IS
	'zeros of t''s shape, in t''s dtype unless dtype is given (numpy.zeros_like)';

CREATE FUNCTION marsql.ones_like(t marsql.tensor, dtype text DEFAULT NULL)
	RETURNS marsql.tensor
	LANGUAGE SQL IMMUTABLE PARALLEL SAFE
	RETURN marsql.full(marsql.shape(t), 1, coalesce(dtype, marsql.dtype(t)));
COMMENT ON FUNCTION marsql.ones_like(marsql.tensor, text) IS
	'ones of t''s shape, in t''s dtype unless dtype is given (numpy.ones_like)';

CREATE FUNCTION marsql.full_like(t marsql.tensor, fill_value double precision,
								 dtype text DEFAULT NULL)
	RETURNS marsql.tensor
	LANGUAGE SQL IMMUTABLE PARALLEL SAFE
	RETURN marsql.full(marsql.shape(t), fill_value, coalesce(dtype, marsql.dtype(t)));
COMMENT ON FUNCTION marsql.full_like(marsql.tensor, double precision, text) IS
	'fill_value in t''s shape, in t''s dtype unless dtype is given (numpy.full_like)';
