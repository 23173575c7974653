-- The engine's progress slots (engine_shmem.c): one per backend, claimed by
-- a job and released when it ends.  A job run inside a job (a fan-out call
-- run in the calling backend that starts a fan-out of its own) borrows the
-- slot and gives the outer job's progress back when it ends.
CREATE FUNCTION slots_sq(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x * x';
-- the inner job runs, then the function reports what marsql.progress shows
CREATE FUNCTION slots_nested(x int) RETURNS text LANGUAGE sql AS $$
	SELECT (SELECT sum(v) FROM unnest(marsql.map('slots_sq(int)', ARRAY[x, x + 1], 0)) v) || ' '
		   || (SELECT string_agg(kind || ':' || tasks_total, ',') FROM marsql.progress
			   WHERE pid = pg_backend_pid())
$$;
SET marsql.max_workers = 0;	-- tasks run in this backend, so jobs nest
-- inside the inner job the slot is the inner job's; after it, the outer's
SELECT marsql.map('slots_nested(int)', ARRAY[1, 2, 3], NULL::text);
-- and once the outer job is over, the slot is free
SELECT count(*) FROM marsql.progress WHERE pid = pg_backend_pid();
-- an error in the inner job gives the slot back as well
SELECT try_sql($$SELECT marsql.map('slots_nested(int)', ARRAY[1, NULL, 46341], NULL::text)$$);
SELECT count(*) FROM marsql.progress WHERE pid = pg_backend_pid();
SELECT marsql.map('slots_sq(int)', ARRAY[4, 5], 0);
RESET marsql.max_workers;
DROP FUNCTION slots_nested(int);
DROP FUNCTION slots_sq(int);
