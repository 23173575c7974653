-- arange with bigint bounds: exact for int64 beyond 2^53.  The double
-- precision form is exact while start, stop and step are within 2^53 (so
-- it still serves those, and every other dtype); beyond, it rounded:
-- arange(9007199254740993, 9007199254740995, 1, 'int64') gave four copies
-- of 2^53.  There the count is computed in numeric and the values as
-- start + i * step in int64 (wrapping arithmetic, exact since every value
-- lies between start and stop).
CREATE FUNCTION marsql.arange(start bigint, stop bigint, step bigint DEFAULT 1,
							  dtype text DEFAULT 'float64')
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE
		WHEN dtype = 'int64' AND step <> 0 AND
			greatest(abs(start::numeric), abs(stop::numeric), abs(step::numeric)) > 9007199254740992
		THEN (marsql.arange(0::double precision,
							greatest(ceil((stop::numeric - start::numeric) / step::numeric), 0)::double precision,
							1::double precision, 'int64')
			  OPERATOR(marsql.*) step) OPERATOR(marsql.+) start
		ELSE marsql.arange(start::double precision, stop::double precision,
						   step::double precision, dtype) END
$$;
COMMENT ON FUNCTION marsql.arange(bigint, bigint, bigint, text) IS
	'evenly spaced values start, start + step, ... below stop, exact for int64 beyond 2^53';
