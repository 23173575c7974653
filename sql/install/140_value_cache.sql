-- The resident value cache: large stored values kept detoasted in the
-- session's memory across statements (marsql.value_cache_size, docs/cache.md).

CREATE FUNCTION marsql.value_cache_stats(OUT entries bigint, OUT bytes bigint,
										 OUT pinned bigint, OUT hits bigint,
										 OUT misses bigint, OUT evictions bigint,
										 OUT invalidations bigint, OUT skipped bigint,
										 OUT validations bigint, OUT validate_ms float8,
										 OUT shared_hits bigint, OUT shared_loads bigint,
										 OUT shared_invalidations bigint, OUT shared_no_room bigint,
										 OUT shared_pinned bigint)
	AS 'MODULE_PATHNAME', 'value_cache_stats_sql' LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION marsql.value_cache_stats() IS
	'this session''s resident value cache: values and bytes held, those in use by this transaction, hits, misses, evictions, invalidations, values not kept for lack of room, and the validation probes of entries and their total time in milliseconds; then this session''s use of the shared tier: reads served from shared memory, values it read into shared memory, shared entries found stale, values the shared cache had no room for, and shared entries this transaction holds';

CREATE FUNCTION marsql.value_cache_reset()
	RETURNS void
	AS 'MODULE_PATHNAME', 'value_cache_reset_sql' LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION marsql.value_cache_reset() IS
	'empties this session''s resident value cache and zeroes its counters (the shared tier, which other sessions use, is left alone)';
