-- Shape manipulation with numpy's names and semantics.

CREATE FUNCTION marsql.reshape(t marsql.tensor, shape integer[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_reshape'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.reshape(marsql.tensor, integer[]) IS
	'same elements in C order under a new shape; one extent may be -1 (inferred)';

CREATE FUNCTION marsql.transpose(t marsql.tensor, axes integer[] DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_transpose_sql'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.transpose(marsql.tensor, integer[]) IS
	'axes permuted; reversed when axes is NULL (numpy.transpose)';

CREATE FUNCTION marsql.flatten(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_flatten'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.flatten(marsql.tensor) IS 'the elements as a 1-D tensor in C order';

CREATE FUNCTION marsql.squeeze(t marsql.tensor, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_squeeze'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.squeeze(marsql.tensor, integer) IS
	'axes of extent 1 removed (only the given one when axis is not NULL)';

CREATE FUNCTION marsql.expand_dims(t marsql.tensor, axis integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_expand_dims'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.expand_dims(marsql.tensor, integer) IS
	'a new axis of extent 1 inserted at position axis';

CREATE FUNCTION marsql.concatenate(tensors marsql.tensor[], axis integer DEFAULT 0)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_concatenate'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.concatenate(marsql.tensor[], integer) IS
	'tensors joined along an existing axis; flattened and joined when axis is NULL (numpy.concatenate)';

CREATE FUNCTION marsql.stack(tensors marsql.tensor[], axis integer DEFAULT 0)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_stack'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.stack(marsql.tensor[], integer) IS
	'tensors of one shape joined along a new axis';

CREATE FUNCTION marsql.split(t marsql.tensor, sections integer, axis integer DEFAULT 0)
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_split_sections'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.split(marsql.tensor, integer, integer) IS
	't cut into equal sections along axis';

CREATE FUNCTION marsql.split(t marsql.tensor, indices integer[], axis integer DEFAULT 0)
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_split_indices'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.split(marsql.tensor, integer[], integer) IS
	't cut before each of the indices along axis';

CREATE FUNCTION marsql.tile(t marsql.tensor, reps integer[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_tile'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tile(marsql.tensor, integer[]) IS
	't repeated reps times along each axis (numpy.tile)';

CREATE FUNCTION marsql.repeat(t marsql.tensor, repeats integer, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_repeat'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.repeat(marsql.tensor, integer, integer) IS
	'each element repeated along axis; the flattened tensor when axis is NULL (numpy.repeat)';

CREATE FUNCTION marsql.diag(t marsql.tensor, k integer DEFAULT 0)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_diag'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.diag(marsql.tensor, integer) IS
	'the k-th diagonal of a matrix, or a matrix with the 1-D t on its k-th diagonal';

CREATE FUNCTION marsql.tril(t marsql.tensor, k integer DEFAULT 0)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_tril'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tril(marsql.tensor, integer) IS
	'lower triangle of the last two axes: elements above diagonal k set to zero';

CREATE FUNCTION marsql.triu(t marsql.tensor, k integer DEFAULT 0)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_triu'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.triu(marsql.tensor, integer) IS
	'upper triangle of the last two axes: elements below diagonal k set to zero';
