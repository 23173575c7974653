-- The server-wide shared cache (docs/cache.md, "Shared cache"): a chunked
-- job's input tiles are read once by whichever process needs them first
-- and served from shared memory to every other process of the job, then
-- dropped when the job ends.  Its stats and reset functions, their
-- privileges, its settings, and the fallback when it is off.
-- test/t/045_shared_cache.pl runs jobs on workers, cancels and kills them.
SET search_path = marsql, public;
SET marsql.max_workers = 0;

SELECT size_limit, pinned FROM shared_cache_stats();
SHOW marsql.shared_cache_size;
SELECT shared_cache_reset();
SELECT hits, misses, loads_waited, evictions, invalidations, no_room FROM shared_cache_stats();

-- settings: the bound is server-wide (reload), the job bound per session
SELECT try_sql('SET marsql.shared_cache_size = ''64MB''');
SELECT try_sql('SELECT set_config(''marsql.shared_cache_size'', ''0'', false)');
SELECT try_sql('SELECT set_config(''marsql.tile_cache_size'', ''-1'', false)');
ALTER SYSTEM SET marsql.shared_cache_size = -1;
ALTER SYSTEM SET marsql.shared_cache_size = '3TB';

-- privileges: anyone reads the stats, only superusers (or roles granted
-- EXECUTE) reset the cache
CREATE ROLE shared_cache_user;
GRANT USAGE ON SCHEMA marsql TO shared_cache_user;
SET ROLE shared_cache_user;
SELECT try_sql('SELECT count(*) FROM marsql.shared_cache_stats()');
SELECT try_sql('SELECT marsql.shared_cache_reset()');
RESET ROLE;
GRANT EXECUTE ON FUNCTION marsql.shared_cache_reset() TO shared_cache_user;
SET ROLE shared_cache_user;
SELECT try_sql('SELECT marsql.shared_cache_reset()');
RESET ROLE;
REVOKE EXECUTE ON FUNCTION marsql.shared_cache_reset() FROM shared_cache_user;

-- 8x8 operands in 2x2 tiles (16 tiles each): every tile read once, the
-- other uses served from the shared cache, nothing left when the job ends
CREATE TABLE shc_values AS
	SELECT reshape(arange(0, 64), '{8,8}') * 0.25 AS a, reshape(arange(64, 0, -1), '{8,8}') * 0.5 AS b;
SELECT chunk(a, '{2,2}', target => 'shc_a') IS NOT NULL AS a, chunk(b, '{2,2}', target => 'shc_b') IS NOT NULL AS b
FROM shc_values;
SELECT shared_cache_reset();
CREATE TABLE shc_on AS SELECT to_tensor(matmul('shc_a'::chunked_tensor, 'shc_b'::chunked_tensor)) AS p;
SELECT p = (SELECT matmul(a, b) FROM shc_values) AS equal FROM shc_on;
SELECT tile_reads, cache_hits FROM tile_cache_stats();
SELECT entries, bytes, pinned, hits, misses, no_room, invalidations FROM shared_cache_stats();

-- a job bound smaller than one tile: no room, each process keeps its tiles
SET marsql.tile_cache_size = '1kB';
SELECT to_tensor(matmul('shc_a'::chunked_tensor, 'shc_b'::chunked_tensor)) = p AS small_bound_equal FROM shc_on;
SELECT tile_reads > 32 AS reads_more FROM tile_cache_stats();
SELECT entries, pinned, no_room > 0 AS refused FROM shared_cache_stats();
RESET marsql.tile_cache_size;

-- the shared cache off (marsql.shared_cache_size = 0, a reload): the same
-- results from each process's own cache, and nothing shared
ALTER SYSTEM SET marsql.shared_cache_size = 0;
SELECT pg_reload_conf();
SELECT pg_sleep(1);
SHOW marsql.shared_cache_size;
SELECT shared_cache_reset();
SELECT to_tensor(matmul('shc_a'::chunked_tensor, 'shc_b'::chunked_tensor)) = p AS off_equal FROM shc_on;
SELECT tile_reads, cache_hits FROM tile_cache_stats();
SELECT size_limit, entries, hits, misses FROM shared_cache_stats();
ALTER SYSTEM RESET marsql.shared_cache_size;
SELECT pg_reload_conf();
SELECT pg_sleep(1);
SHOW marsql.shared_cache_size;

-- the named arrays go with their storage
SELECT marsql.drop('shc_a'::chunked_tensor), marsql.drop('shc_b'::chunked_tensor);
DROP TABLE shc_values, shc_on;
REVOKE USAGE ON SCHEMA marsql FROM shared_cache_user;
DROP ROLE shared_cache_user;
