-- Worker-made results after their job (docs/chunked.md, "Results written
-- by workers"): later jobs read an unnamed one by reference, a result is a
-- member of the extension while it sits in marsql_result (pg_dump leaves
-- it out, DROP EXTENSION takes it along: test/t/041_result_edges.pl),
-- DROP TABLE and DROP OWNED still drop it, and its record goes with it.
SET search_path = marsql, public;
SET marsql.max_workers = 2;
SET marsql.worker_output = on;
-- and workers run even the small jobs here (by estimate they would run in
-- the calling backend, which stores its results itself)
SET marsql.inline_below = 0;

CREATE FUNCTION edge_state(relid oid) RETURNS text LANGUAGE sql AS $$
	SELECT format('table %s, member %s, record %s',
		EXISTS (SELECT FROM pg_class WHERE oid = relid),
		EXISTS (SELECT FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
				WHERE d.classid = 'pg_class'::regclass AND d.objid = relid
				  AND e.extname = 'marsql' AND d.deptype = 'e'),
		coalesce((SELECT CASE WHEN claimed THEN 'claimed' ELSE 'unclaimed' END
				  FROM orphan_storage WHERE storage = relid), 'none'))
$$;

-- an unnamed result of an earlier transaction: committed storage of the
-- caller, read by reference (before: by value, as a temporary table)
SELECT chunked_random('{300,200}', '{100,100}', 1) AS u \gset
SELECT storage(:'u'::chunked_tensor)::oid AS u_oid \gset
SELECT edge_state(:u_oid);
SELECT sum(:'u'::chunked_tensor) AS u_sum \gset
SELECT inputs FROM tile_cache_stats();
SELECT allclose(to_tensor(:'u'::chunked_tensor * 2), to_tensor(:'u'::chunked_tensor) * 2);
SELECT inputs FROM tile_cache_stats();
-- in the transaction that made it: by value (its tiles may be newer than
-- the transaction's snapshot)
BEGIN;
SELECT chunked_random('{300,200}', '{100,100}', 1) AS v \gset
SELECT allclose(sum(:'v'::chunked_tensor), :'u_sum'::tensor);
SELECT inputs FROM tile_cache_stats();
COMMIT;
SELECT allclose(sum(:'v'::chunked_tensor), :'u_sum'::tensor);
SELECT inputs FROM tile_cache_stats();
-- a temporary table (the caller stored it): by value
SET marsql.worker_output = off;
SELECT chunked_random('{300,200}', '{100,100}', 1) AS t \gset
SELECT allclose(sum(:'t'::chunked_tensor), :'u_sum'::tensor);
SELECT inputs FROM tile_cache_stats();
SET marsql.worker_output = on;

-- a named result leaves the extension with its claim
SELECT storage(chunked_ones('{300,200}', '{100,100}', target => 'public.edge_named'))::oid AS n_oid \gset
SELECT edge_state(:n_oid);

-- dropped early: the table, its membership and its record go at once
SELECT storage(:'v'::chunked_tensor)::oid AS v_oid \gset
SELECT edge_state(:v_oid);
SELECT drop(:'v'::chunked_tensor);
SELECT edge_state(:v_oid);
-- a plain DROP TABLE too; rolled back, everything stays
SELECT storage(chunked_ones('{4}'))::oid AS w_oid \gset
SELECT :w_oid::regclass AS w \gset
BEGIN;
DROP TABLE :w;
SELECT edge_state(:w_oid);
ROLLBACK;
SELECT edge_state(:w_oid);
DROP TABLE :w;
SELECT edge_state(:w_oid);
-- a role that may not drop it changes nothing
CREATE ROLE edge_other;
SET ROLE edge_other;
SELECT regexp_replace(try_sql(format('DROP TABLE %s', :'u_oid'::regclass)), 'chunk_[0-9_]+', 'chunk_P_S_N');
RESET ROLE;
SELECT edge_state(:u_oid);

-- DROP OWNED drops a role's live results like its other tables
CREATE ROLE edge_user;
GRANT USAGE ON SCHEMA marsql TO edge_user;
GRANT SELECT ON ALL TABLES IN SCHEMA marsql TO edge_user;
SET ROLE edge_user;
SELECT storage(chunked_ones('{4}'))::oid AS e_oid \gset
RESET ROLE;
SELECT edge_state(:e_oid);
DROP OWNED BY edge_user;
SELECT edge_state(:e_oid);
DROP ROLE edge_user, edge_other;

-- the trigger function is not for calling
SELECT try_sql('SELECT marsql.result_storage_drop_start()');

DROP TABLE edge_named;
