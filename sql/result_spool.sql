-- Result storage written by workers (docs/chunked.md, "Results written by
-- workers"): where results land, who owns them, the fallbacks that keep
-- the caller storing the tiles, and the errors.  Crashes, cancels,
-- rollbacks and session ends are in test/t/040_result_cleanup.pl.
SET search_path = marsql, public;
SET marsql.max_workers = 2;
-- on: also for the small results here (auto: from 8 MB, tested below)
SET marsql.worker_output = on;
-- and workers run even the small jobs here (by estimate they would run in
-- the calling backend, which stores its results itself)
SET marsql.inline_below = 0;

-- where a result's table is, and how it was made
CREATE FUNCTION spool_where(ct chunked_tensor) RETURNS text LANGUAGE sql AS $$
	SELECT CASE WHEN n.nspname = 'marsql_result' THEN 'worker table'
				WHEN c.relpersistence = 't' THEN 'temporary table'
				ELSE 'table ' || n.nspname || '.' || c.relname END
		|| CASE c.relpersistence WHEN 'u' THEN ', unlogged' ELSE '' END
		|| ', owner ' || pg_get_userbyid(c.relowner)
	FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE c.oid = storage(ct)
$$;
CREATE FUNCTION spool_record(ct chunked_tensor) RETURNS text LANGUAGE sql AS $$
	SELECT coalesce((SELECT format('named %s, claimed %s, mine %s', named, claimed,
								   backend_pid = pg_backend_pid())
					 FROM orphan_storage WHERE storage = storage(ct)), 'no record')
$$;
CREATE ROLE spool_user;
CREATE ROLE spool_other;
CREATE SCHEMA spool_s AUTHORIZATION spool_user;
GRANT USAGE ON SCHEMA marsql TO spool_user, spool_other;
GRANT SELECT ON ALL TABLES IN SCHEMA marsql TO spool_user, spool_other;

-- an unnamed result: a worker's table in marsql_result, owned by the
-- caller, unlogged (it never outlives the session), registered as
-- temporary and kept to be dropped at session end
SELECT chunked_random('{300,200}', '{100,100}', 1) AS u \gset
SELECT spool_where(:'u'), spool_record(:'u');
SELECT temporary FROM arrays WHERE storage = storage(:'u'::chunked_tensor);
SELECT allclose(to_tensor(:'u'::chunked_tensor),
				to_tensor(chunked_random('{300,200}', '{100,100}', 1)));
SELECT count(*) FROM tiles(:'u'::chunked_tensor);

-- a named result: an ordinary table of the caller in its target schema,
-- no record left once claimed, with its comment and primary key named as
-- CREATE TABLE would have named them
SET ROLE spool_user;
SELECT chunked_ones('{300,200}', '{100,100}', target => 'spool_s.named') AS n \gset
SELECT spool_where(:'n'), spool_record(:'n');
SELECT obj_description('spool_s.named'::regclass, 'pg_class');
SELECT indexrelid::regclass FROM pg_index WHERE indrelid = 'spool_s.named'::regclass;
SELECT sum(:'n'::chunked_tensor);
-- a result of an operation on it, and matmul, elementwise, reductions
SELECT spool_where(matmul(:'n'::chunked_tensor, transpose(:'n'::chunked_tensor)));
SELECT to_tensor(sum(:'n'::chunked_tensor + 1, 0, target => 'spool_s.colsum'))::text;
SELECT spool_where('spool_s.colsum'::chunked_tensor);
-- nobody else reads the caller's tables, named or not
SELECT storage(chunked_zeros('{2}'))::oid AS mine \gset
GRANT USAGE ON SCHEMA spool_s TO spool_other;
RESET ROLE;
SET ROLE spool_other;
SELECT try_sql('SELECT count(*) FROM spool_s.named');
SELECT regexp_replace(try_sql(format('SELECT count(*) FROM %s', :'mine'::regclass)),
					  'chunk_[0-9_]+', 'chunk_P_S_N');
SELECT try_sql('CREATE TABLE marsql_result.mine (i int)');
RESET ROLE;

-- errors, before any work is sent: a target that exists, a schema the
-- caller may not create in, a schema that does not exist
SELECT try_sql($$SELECT chunked_zeros('{3}', target => 'spool_s.named')$$);
SET ROLE spool_other;
SELECT try_sql($$SELECT chunked_zeros('{3}', target => 'spool_s.nope')$$);
RESET ROLE;
SELECT try_sql($$SELECT chunked_zeros('{3}', target => 'no_such_schema.x')$$);
SELECT count(*) FROM orphan_storage WHERE NOT claimed;

-- a result made in a subtransaction that rolls back goes with the
-- commit of the transaction (no record, no table)
BEGIN;
SAVEPOINT s;
SELECT chunked_zeros('{3}', target => 'spool_s.rolled_back') IS NOT NULL;
SELECT count(*) FROM orphan_storage WHERE NOT claimed;
ROLLBACK TO s;
SELECT count(*) FROM orphan_storage WHERE NOT claimed;
COMMIT;
SELECT to_regclass('spool_s.rolled_back'), count(*) FROM orphan_storage WHERE NOT claimed;

-- the fallbacks: the caller creates the storage and stores every tile, in
-- a temporary table for an unnamed result
SET marsql.max_workers = 0;
SELECT spool_where(chunked_ones('{4}'));
RESET marsql.max_workers;
SET marsql.worker_output = off;
SELECT spool_where(chunked_ones('{4}'));
SELECT spool_where(chunked_ones('{4}', target => 'spool_s.by_caller'));
-- auto: workers write results of 8 MB or more
SET marsql.worker_output = auto;
SELECT spool_where(chunked_ones('{1023,1024}', '{512,512}'));
SELECT spool_where(chunked_ones('{1024,1024}', '{512,512}'));
SELECT try_sql('SET marsql.worker_output = sometimes');
SET marsql.worker_output = on;
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT spool_where(chunked_ones('{4}'));
COMMIT;
SELECT spool_where(chunked_ones('{4}', target => 'pg_temp.in_temp'));
-- a target in marsql_result itself: the caller stores every tile
BEGIN;
SELECT pg_current_xact_id() AS x \gset
SELECT chunked_ones('{4}', '{2}', target => 'marsql_result.in_spool') IS NOT NULL;
SELECT count(*) FILTER (WHERE xmin::text <> :'x') AS by_others, count(*) FROM marsql_result.in_spool;
COMMIT;
DROP TABLE marsql_result.in_spool;
BEGIN READ ONLY;
SELECT try_sql($$SELECT chunked_ones('{4}')$$);
COMMIT;
-- a result written by workers, then a prepared transaction: refused
BEGIN;
SELECT spool_where(chunked_ones('{4}'));
PREPARE TRANSACTION 'spool';
SELECT count(*) FROM pg_prepared_xacts;

-- dropping one early leaves nothing behind
SELECT chunked_ones('{4}') AS d \gset
SELECT storage(:'d'::chunked_tensor)::oid AS d_oid \gset
SELECT drop(:'d'::chunked_tensor);
SELECT (SELECT count(*) FROM pg_class WHERE oid = :d_oid), count(*) FROM arrays WHERE storage::oid = :d_oid;

-- the session's unnamed results are all marked to go at session end (the
-- refused PREPARE's storage goes with a cleanup worker the abort starts:
-- wait for it)
DO $$
BEGIN
	FOR i IN 1..600 LOOP
		EXIT WHEN NOT EXISTS (SELECT FROM marsql.orphan_storage
							  WHERE backend_pid = pg_backend_pid() AND NOT claimed);
		PERFORM pg_sleep(0.05);
	END LOOP;
END $$;
SELECT count(*) FILTER (WHERE claimed AND NOT named) > 0, count(*) FILTER (WHERE NOT claimed)
FROM orphan_storage WHERE backend_pid = pg_backend_pid();

DROP SCHEMA spool_s CASCADE;
REVOKE ALL ON ALL TABLES IN SCHEMA marsql FROM spool_user, spool_other;
REVOKE ALL ON SCHEMA marsql FROM spool_user, spool_other;
DROP OWNED BY spool_user, spool_other;
DROP ROLE spool_user, spool_other;
