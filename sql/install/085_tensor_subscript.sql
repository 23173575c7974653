-- Indexing: t[i], t[a:b], t[:][0] (numpy's t[:, 0]), slice, take and item.

CREATE FUNCTION marsql.tensor_subscript_handler(internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'tensor_subscript_handler'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_subscript_handler(internal) IS
	'subscripting support of marsql.tensor: 0-based, negative from the end, numpy semantics';

ALTER TYPE marsql.tensor SET (SUBSCRIPT = marsql.tensor_subscript_handler);

CREATE FUNCTION marsql.slice(t marsql.tensor, start integer[], stop integer[],
							 step integer[] DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_slice'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.slice(marsql.tensor, integer[], integer[], integer[]) IS
	'numpy basic slicing t[start0:stop0:step0, ...] from axis 0; NULL bounds are omitted ones';

CREATE FUNCTION marsql.take(t marsql.tensor, indices integer[], axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_take'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.take(marsql.tensor, integer[], integer) IS
	'elements at indices along axis; of the flattened tensor when axis is NULL (numpy.take)';

CREATE FUNCTION marsql.item(t marsql.tensor)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'tensor_item'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.item(marsql.tensor) IS 'the element of a size-1 tensor, as double precision';
