-- clip with bigint bounds: exact for tensors of the integer dtypes (the
-- double precision form of 070 rounds a bound beyond 2^53 and refuses
-- int64's maximum, which rounds to 2^63).  numpy's clip is
-- minimum(maximum(a, lo), hi) with the bounds as weak scalars, which is
-- what the bigint forms of maximum and minimum are; the double precision
-- clip with no bounds first refuses what clip refuses (complex) and gives
-- bool its int64.  A NULL bound is no bound, as in the other form.
CREATE FUNCTION marsql.clip(t marsql.tensor, lo bigint, hi bigint)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE WHEN hi IS NULL THEN c ELSE marsql.minimum(c, hi) END
	FROM (SELECT CASE WHEN lo IS NULL THEN b ELSE marsql.maximum(b, lo) END AS c
		FROM (SELECT marsql.clip(t, NULL::double precision, NULL::double precision) AS b) s) s
$$;
COMMENT ON FUNCTION marsql.clip(marsql.tensor, bigint, bigint) IS
	'elements limited to [lo, hi], exact for integer dtypes; a NULL bound is no bound (numpy.clip)';
