-- The shared cache: job tiles and resident values kept in dynamic shared
-- memory for every backend and worker of the server
-- (marsql.shared_cache_size, docs/cache.md "Shared cache").

CREATE FUNCTION marsql.shared_cache_stats(OUT size_limit bigint, OUT bytes bigint,
										  OUT entries bigint, OUT pinned bigint,
										  OUT hits bigint, OUT misses bigint,
										  OUT loads_waited bigint, OUT evictions bigint,
										  OUT invalidations bigint, OUT no_room bigint)
	AS 'MODULE_PATHNAME', 'shared_cache_stats_sql' LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION marsql.shared_cache_stats() IS
	'the server-wide shared cache: its bound in bytes, bytes and entries held, entries some process holds pinned, hits, misses, lookups that waited for another process''s load, evictions, invalidations and stores refused for want of room';

CREATE FUNCTION marsql.shared_cache_reset()
	RETURNS void
	AS 'MODULE_PATHNAME', 'shared_cache_reset_sql' LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION marsql.shared_cache_reset() IS
	'drops every entry of the shared cache that no process holds and zeroes its counters (superusers, and roles granted EXECUTE)';
REVOKE ALL ON FUNCTION marsql.shared_cache_reset() FROM PUBLIC;
