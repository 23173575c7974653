-- Set routines over every dtype (numpy's arraysetops): unique, unique_all,
-- the array API's unique_values, unique_counts and unique_inverse, isin, intersect1d, intersect1d_indices, union1d, setdiff1d, setxor1d.  Results are sorted;
-- unique collapses NaNs (numpy 1.24's equal_nan=True), the others compare
-- with == (NaN matches nothing).

CREATE FUNCTION marsql.unique(t marsql.tensor, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_unique'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.unique(marsql.tensor, integer) IS
	'the sorted distinct elements of the flattened t, or its distinct slices along axis (numpy.unique)';

CREATE FUNCTION marsql.unique_all(t marsql.tensor, axis integer DEFAULT NULL,
								  OUT "values" marsql.tensor, OUT indices marsql.tensor,
								  OUT inverse_indices marsql.tensor, OUT counts marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_unique_all'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.unique_all(marsql.tensor, integer) IS
	'numpy.unique with return_index, return_inverse and return_counts: distinct values, int64 first indices, inverse (t''s shape when axis is NULL) and counts (array API unique_all)';

CREATE FUNCTION marsql.unique_values(x marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.unique(x);
COMMENT ON FUNCTION marsql.unique_values(marsql.tensor) IS
	'the sorted distinct elements of the flattened x (array API unique_values; numpy.unique)';

CREATE FUNCTION marsql.unique_counts(x marsql.tensor,
									 OUT "values" marsql.tensor, OUT counts marsql.tensor)
	RETURNS record
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	BEGIN ATOMIC
		SELECT u."values", u.counts FROM marsql.unique_all(x) u;
	END;
COMMENT ON FUNCTION marsql.unique_counts(marsql.tensor) IS
	'distinct values of x and how often each occurs (array API unique_counts; numpy.unique return_counts)';

CREATE FUNCTION marsql.unique_inverse(x marsql.tensor,
									  OUT "values" marsql.tensor, OUT inverse_indices marsql.tensor)
	RETURNS record
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	BEGIN ATOMIC
		SELECT u."values", u.inverse_indices FROM marsql.unique_all(x) u;
	END;
COMMENT ON FUNCTION marsql.unique_inverse(marsql.tensor) IS
	'distinct values of x and, in x''s shape, the position of each element''s value among them (array API unique_inverse)';

CREATE FUNCTION marsql.isin(element marsql.tensor, test_elements marsql.tensor,
							invert boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_isin'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.isin(marsql.tensor, marsql.tensor, boolean) IS
	'bool tensor of element''s shape: true where the element equals one of test_elements (numpy.isin)';

CREATE FUNCTION marsql.intersect1d(a marsql.tensor, b marsql.tensor,
								   assume_unique boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_intersect1d'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.intersect1d(marsql.tensor, marsql.tensor, boolean) IS
	'sorted distinct values in both a and b (numpy.intersect1d)';

CREATE FUNCTION marsql.intersect1d_indices(a marsql.tensor, b marsql.tensor,
										   assume_unique boolean DEFAULT false,
										   OUT "values" marsql.tensor, OUT indices_a marsql.tensor,
										   OUT indices_b marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_intersect1d_indices'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.intersect1d_indices(marsql.tensor, marsql.tensor, boolean) IS
	'intersect1d with the int64 indices of the common values in a and in b (numpy.intersect1d return_indices=True)';

CREATE FUNCTION marsql.union1d(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_union1d'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.union1d(marsql.tensor, marsql.tensor) IS
	'sorted distinct values in a or b (numpy.union1d)';

CREATE FUNCTION marsql.setdiff1d(a marsql.tensor, b marsql.tensor,
								 assume_unique boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_setdiff1d'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.setdiff1d(marsql.tensor, marsql.tensor, boolean) IS
	'sorted distinct values of a not in b (numpy.setdiff1d)';

CREATE FUNCTION marsql.setxor1d(a marsql.tensor, b marsql.tensor,
								assume_unique boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_setxor1d'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.setxor1d(marsql.tensor, marsql.tensor, boolean) IS
	'sorted values in exactly one of a and b (numpy.setxor1d)';
