-- Cumulative statistics of the engine (docs/engine.md "Statistics"):
-- marsql.stat_tasks counts tasks per executor and task kind -- finished,
-- failed, retried, bytes in and out, time -- and marsql.stat_engine
-- counts jobs, workers and peer connections, for the whole server until
-- marsql.stat_tasks_reset(), which only superusers and roles granted it
-- may call.  Times and byte counts vary: shown as comparisons.  Retries
-- (a worker killed mid-task) and persistence across a restart are in
-- test/t/065_task_stats.pl.
SET search_path = marsql, public;

-- the views' columns
SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute
WHERE attrelid = 'marsql.stat_tasks'::regclass AND attnum > 0 ORDER BY attnum;
SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute
WHERE attrelid = 'marsql.stat_engine'::regclass AND attnum > 0 ORDER BY attnum;

-- a reset empties both and moves stats_reset
SELECT now() AS before_reset \gset
SELECT marsql.stat_tasks_reset();
SELECT count(*) AS rows_after_reset FROM marsql.stat_tasks;
SELECT jobs, jobs_failed, jobs_inline, job_time, workers_started, workers_reused,
	   worker_startup_time, peer_connections, stats_reset >= :'before_reset' AS reset_now
FROM marsql.stat_engine;

CREATE FUNCTION ts_sq(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x * x';
CREATE FUNCTION ts_fail(x int) RETURNS int LANGUAGE plpgsql IMMUTABLE
	AS $$ BEGIN IF x = 3 THEN RAISE EXCEPTION 'ts_fail %', x; END IF; RETURN x; END $$;
CREATE VIEW ts_view AS
	SELECT executor, task_kind, tasks, failed, retried, bytes_in > 0 AS bytes_in, bytes_out > 0 AS bytes_out,
		   total_time >= 0 AND min_time <= mean_time AND mean_time <= max_time
		   AND abs(total_time - mean_time * tasks) < 1e-6 * greatest(total_time, 1) AS times_ok
	FROM marsql.stat_tasks ORDER BY executor, task_kind;

-- fan-out in the calling backend: one row, four calls
SET marsql.max_workers = 0;
SELECT marsql.map('ts_sq(int)', ARRAY[1, 2, 3, 4], 0);
SELECT * FROM ts_view;
-- a call that raises: counted as run and failed; the calls before it ran
SELECT try_sql($$SELECT marsql.map('ts_fail(int)', ARRAY[1, 2, 3, 4], 0)$$) AS failed_map;
SELECT * FROM ts_view;

-- fan-out on background workers (each job starts its own here)
SET marsql.max_workers = 2;
SET marsql.worker_idle_timeout = 0;
SELECT marsql.map('ts_sq(int)', ARRAY[1, 2, 3, 4, 5, 6], 0);
SELECT * FROM ts_view WHERE executor = 'worker';
-- every call fails on the workers: the first error stops the job, and the
-- worker counted its task before the caller heard of it
SELECT try_sql($$SELECT marsql.map('ts_fail(int)', ARRAY[3, 3, 3, 3], 0)$$) AS failed_map;
SELECT tasks >= 7 AS tasks, failed >= 1 AS failed, retried FROM marsql.stat_tasks
WHERE executor = 'worker' AND task_kind = 'marsql call';

-- a chunked matmul: in the calling backend by the cost model's estimate,
-- then on workers; workers read the stored tiles by their coordinates,
-- and those bytes are part of bytes_in
SELECT marsql.reshape(marsql.arange(0, 64), '{8,8}') AS ts_t \gset
CREATE TABLE ts_c AS SELECT marsql.chunk(:'ts_t'::marsql.tensor, '{4,8}', 'public.ts_c_tiles') AS c;
SELECT marsql.stat_tasks_reset();
SELECT marsql.shape(marsql.matmul(c, marsql.ones('{8,3}'))) FROM ts_c;
SELECT inline_by_estimate, tasks_in_backend FROM marsql.last_job();
SELECT * FROM ts_view;
SET marsql.inline_below = 0;
SELECT marsql.shape(marsql.matmul(c, c)) FROM ts_c;
SELECT * FROM ts_view;
SELECT bytes_in >= 2 * 8 * 8 * 8 AS read_both_operands FROM marsql.stat_tasks
WHERE executor = 'worker' AND task_kind = 'marsql tile';
RESET marsql.inline_below;

-- k-NN over a chunked corpus (the batch search, not the direct path,
-- which runs no job): a task per corpus tile, inline and on workers
SET marsql.knn_direct_queries = 0;
CREATE TABLE ts_knn AS SELECT
	marsql.chunked_random('{400,8}', '{100,8}', 3, 'normal', 'float32', 'public.ts_corpus') AS corpus,
	marsql.random('{5,8}', 4, 'normal', 'float32') AS q;
SELECT marsql.stat_tasks_reset();
SET marsql.max_workers = 0;
SELECT count(*) FROM ts_knn, marsql.knn(q, corpus, 3);
SET marsql.max_workers = 2;
SET marsql.inline_below = 0;
SELECT count(*) FROM ts_knn, marsql.knn(q, corpus, 3);
SELECT * FROM ts_view;
RESET marsql.inline_below;
RESET marsql.knn_direct_queries;

-- jobs: failed ones, and those run in the backend by estimate
SELECT marsql.stat_tasks_reset();
SELECT marsql.map('ts_sq(int)', ARRAY[1, 2], 0);
SELECT try_sql($$SELECT marsql.map('ts_fail(int)', ARRAY[3], 0)$$) AS failed_map;
SELECT count(*) FROM ts_c, marsql.shape(marsql.matmul(c, marsql.ones('{8,3}')));
SELECT jobs, jobs_failed, jobs_inline, job_time > 0 AS job_time, workers_started >= 2 AS workers_started,
	   workers_reused, worker_startup_time > 0 AS worker_startup_time, peer_connections
FROM marsql.stat_engine;
-- warm workers reused, their start-up not paid again
SET marsql.worker_idle_timeout = '10min';
SELECT marsql.stat_tasks_reset();
SELECT marsql.map('ts_sq(int)', ARRAY[1, 2], 0);
SELECT marsql.map('ts_sq(int)', ARRAY[1, 2], 0);
SELECT jobs, workers_started, workers_reused FROM marsql.stat_engine;
RESET marsql.worker_idle_timeout;

-- a peer: this very server over a Unix socket.  The caller counts the
-- tasks, as executor "peer"; the peer's own backend does not count the
-- tasks it runs for the caller, so nothing is counted twice here.
DO $$
BEGIN
	EXECUTE format('CREATE SERVER ts_loopback FOREIGN DATA WRAPPER marsql OPTIONS (host %L, port %L, dbname %L)',
		split_part(current_setting('unix_socket_directories'), ',', 1),
		current_setting('port'), current_database());
END $$;
CREATE USER MAPPING FOR CURRENT_USER SERVER ts_loopback;
SELECT marsql.stat_tasks_reset();
SELECT marsql.map('ts_sq(int)', ARRAY[1, 2, 3], 0, executors => 'peers');
SELECT try_sql($$SELECT marsql.map('ts_fail(int)', ARRAY[3], 0, executors => 'peers')$$) AS failed_map;
SELECT * FROM ts_view;
SELECT jobs, jobs_failed, peer_connections >= 1 AS peer_connections FROM marsql.stat_engine;
SELECT marsql.disconnect_peers() >= 0 AS disconnected;
DROP USER MAPPING FOR CURRENT_USER SERVER ts_loopback;
DROP SERVER ts_loopback;

-- who may see and reset: everybody reads (no query text is involved),
-- only superusers reset unless granted, like pg_stat_reset()
CREATE ROLE ts_user;
GRANT USAGE ON SCHEMA marsql TO ts_user;
SET ROLE ts_user;
SELECT count(*) > 0 AS sees_tasks FROM marsql.stat_tasks;
SELECT jobs > 0 AS sees_jobs FROM marsql.stat_engine;
SELECT try_sql($$SELECT marsql.stat_tasks_reset()$$) AS reset_denied;
SELECT count(*) > 0 AS still_there FROM marsql.stat_tasks;
RESET ROLE;
GRANT EXECUTE ON FUNCTION marsql.stat_tasks_reset() TO ts_user;
SET ROLE ts_user;
SELECT marsql.stat_tasks_reset();
SELECT count(*) AS rows_after_reset FROM marsql.stat_tasks;
SELECT jobs FROM marsql.stat_engine;
RESET ROLE;
REVOKE EXECUTE ON FUNCTION marsql.stat_tasks_reset() FROM ts_user;
REVOKE USAGE ON SCHEMA marsql FROM ts_user;
DROP ROLE ts_user;

DROP TABLE ts_knn, ts_c, public.ts_c_tiles, public.ts_corpus;
DROP VIEW ts_view;
DROP FUNCTION ts_fail(int);
DROP FUNCTION ts_sq(int);
RESET marsql.max_workers;
