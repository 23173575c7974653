-- full and full_like with a bigint fill value: exact for the integer dtypes
-- (the double precision forms round a value beyond 2^53, so
-- full('{2}', 9007199254740993, 'int64') held 9007199254740992).  An integer
-- dtype adds the bigint to zeros as a weak scalar (exact, 22003 when it does
-- not fit, as numpy 2's OverflowError); other dtypes take the double form.
CREATE FUNCTION marsql.full(shape integer[], fill_value bigint,
							dtype text DEFAULT 'float64')
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE WHEN marsql.dtype(z) IN ('int8', 'int16', 'int32', 'int64', 'uint8')
		THEN z OPERATOR(marsql.+) fill_value
		ELSE marsql.full(shape, fill_value::double precision, dtype) END
	FROM (SELECT marsql.zeros(shape, dtype) AS z) s
$$;
COMMENT ON FUNCTION marsql.full(integer[], bigint, text) IS
	'tensor of the given shape filled with fill_value, exact for integer dtypes';

CREATE FUNCTION marsql.full_like(t marsql.tensor, fill_value bigint,
								 dtype text DEFAULT NULL)
	RETURNS marsql.tensor
	LANGUAGE SQL IMMUTABLE PARALLEL SAFE
	RETURN marsql.full(marsql.shape(t), fill_value, coalesce(dtype, marsql.dtype(t)));
COMMENT ON FUNCTION marsql.full_like(marsql.tensor, bigint, text) IS
	'fill_value in t''s shape, in t''s dtype unless dtype is given, exact for integer dtypes (numpy.full_like)';
