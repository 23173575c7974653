-- Sorting and searching over every dtype (numpy's names): sort, argsort,
-- partition, argpartition, topk, argtopk, searchsorted, lexsort.  Stable,
-- NaN last, -0.0 equal to 0.0, complex by real then imaginary part; an axis
-- of NULL sorts the flattened tensor (numpy's axis=None); indices are int64.

CREATE FUNCTION marsql.sort(t marsql.tensor, axis integer DEFAULT -1)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sort'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.sort(marsql.tensor, integer) IS
	't sorted along axis, stably, NaN last; the flattened tensor when axis is NULL (numpy.sort)';

CREATE FUNCTION marsql.argsort(t marsql.tensor, axis integer DEFAULT -1)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_argsort'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.argsort(marsql.tensor, integer) IS
	'int64 indices that sort t along axis, stable (numpy.argsort kind=''stable'')';

CREATE FUNCTION marsql.partition(t marsql.tensor, kth integer, axis integer DEFAULT -1)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_partition'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.partition(marsql.tensor, integer, integer) IS
	't with the kth element along axis in its sorted place, smaller ones before, larger after (numpy.partition)';

CREATE FUNCTION marsql.partition(t marsql.tensor, kth integer[], axis integer DEFAULT -1)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_partition_many'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.partition(marsql.tensor, integer[], integer) IS
	'numpy.partition with several kth: each of them in its sorted place';

CREATE FUNCTION marsql.argpartition(t marsql.tensor, kth integer, axis integer DEFAULT -1)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_argpartition'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.argpartition(marsql.tensor, integer, integer) IS
	'int64 indices that partition t around its kth element along axis (numpy.argpartition)';

CREATE FUNCTION marsql.argpartition(t marsql.tensor, kth integer[], axis integer DEFAULT -1)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_argpartition_many'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.argpartition(marsql.tensor, integer[], integer) IS
	'numpy.argpartition with several kth';

CREATE FUNCTION marsql.topk(t marsql.tensor, k integer, axis integer DEFAULT -1,
							largest boolean DEFAULT true, sorted boolean DEFAULT true)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_topk'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.topk(marsql.tensor, integer, integer, boolean, boolean) IS
	'the k largest (or smallest) elements along axis, in order, ties by position, NaN largest (torch.topk values)';

CREATE FUNCTION marsql.argtopk(t marsql.tensor, k integer, axis integer DEFAULT -1,
							   largest boolean DEFAULT true, sorted boolean DEFAULT true)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_argtopk'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.argtopk(marsql.tensor, integer, integer, boolean, boolean) IS
	'int64 indices along axis of the k largest (or smallest) elements (torch.topk indices)';

CREATE FUNCTION marsql.searchsorted(a marsql.tensor, v marsql.tensor, side text DEFAULT 'left',
									sorter marsql.tensor DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_searchsorted'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.searchsorted(marsql.tensor, marsql.tensor, text, marsql.tensor) IS
	'int64 indices where the elements of v would be inserted into the sorted 1-D a, side left or right (numpy.searchsorted)';

CREATE FUNCTION marsql.lexsort(keys marsql.tensor[], axis integer DEFAULT -1)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_lexsort_array'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.lexsort(marsql.tensor[], integer) IS
	'int64 indices sorting by several keys of one shape, the last key primary (numpy.lexsort)';

CREATE FUNCTION marsql.lexsort(keys marsql.tensor, axis integer DEFAULT -1)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_lexsort'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.lexsort(marsql.tensor, integer) IS
	'numpy.lexsort of a tensor: its slices along the first axis are the keys, the last primary';
