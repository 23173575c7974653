-- SQL safety (issue 18): no caller's search_path changes what marsql's own
-- SQL runs, and no text argument spliced into SQL can change the shape of
-- the query it is spliced into.
SET search_path = marsql, public;

-- Every SQL or plpgsql function of marsql either has a SQL-standard body
-- (parsed in the install script: names and operators bound then, by OID),
-- or pins its search_path, or is on this reviewed list (empty today), so
-- that a new string-bodied function fails this test until it is made safe.
CREATE TEMP TABLE reviewed (fn text);	-- regprocedure texts, with why in a comment
SELECT p.oid::regprocedure AS function, l.lanname AS language,
	   CASE WHEN p.prosqlbody IS NOT NULL THEN 'parsed at creation'
			WHEN EXISTS (SELECT FROM unnest(p.proconfig) c WHERE c LIKE 'search\_path=%') THEN 'pins search_path'
			WHEN p.oid::regprocedure::text IN (SELECT fn FROM reviewed) THEN 'reviewed'
			ELSE 'UNSAFE' END AS safety
FROM pg_proc p
JOIN pg_language l ON l.oid = p.prolang
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'marsql'
WHERE l.lanname NOT IN ('c', 'internal')
ORDER BY p.oid::regprocedure::text;

-- A non-superuser plants || and = in a schema that a privileged caller
-- lists before pg_catalog (public was writable by all before PostgreSQL 15).
CREATE ROLE marsql_hostile;
GRANT CREATE ON SCHEMA public TO marsql_hostile;
CREATE TABLE public.hostile_log (op text, run_as text);
GRANT INSERT ON public.hostile_log TO PUBLIC;
SET ROLE marsql_hostile;
CREATE FUNCTION public.hostile_cat(a text, b text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO public.hostile_log VALUES ('||', current_user);
	RETURN 'hijacked';
END $$;
CREATE OPERATOR public.|| (LEFTARG = text, RIGHTARG = text, FUNCTION = public.hostile_cat);
CREATE FUNCTION public.hostile_eq(a text, b text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO public.hostile_log VALUES ('=', current_user);
	RETURN pg_catalog.texteq(a, b);
END $$;
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.hostile_eq);
RESET ROLE;

-- a peer that answers: this very server (a superuser's mapping needs no password)
DO $$
BEGIN
	EXECUTE pg_catalog.format(
		'CREATE SERVER loopback FOREIGN DATA WRAPPER marsql OPTIONS (host %L, port %L, dbname %L)',
		pg_catalog.split_part(pg_catalog.current_setting('unix_socket_directories'), ',', 1),
		pg_catalog.current_setting('port'), pg_catalog.current_database());
END $$;
CREATE USER MAPPING FOR CURRENT_USER SERVER loopback;
-- the hostile operators are there, and win for a plain || and =
SET search_path = public, pg_catalog;
SELECT 'a'::text || 'b' AS plain_concat, 'a' = 'a'::text AS plain_equal;
SELECT op, run_as FROM public.hostile_log ORDER BY op;
TRUNCATE public.hostile_log;
-- check_peers() (which concatenates) and the other SQL-bodied functions
-- do not run them
SELECT peer, success, result FROM marsql.check_peers() WHERE peer OPERATOR(pg_catalog.=) 'loopback';
SELECT marsql.ones('{2}'), marsql.identity(2), marsql.arange(3);
CREATE TABLE public.safety_rows AS SELECT i AS id, ARRAY[i, 1]::real[] AS v FROM pg_catalog.generate_series(1, 3) i;
SELECT marsql.to_tensor(marsql.chunked_from_table('public.safety_rows', 'v')) AS from_table;
SELECT count(*) AS knn_large_k
	FROM marsql.knn('[1,1]'::marsql.tensor, 'public.safety_rows'::regclass, 'v', 'id', 2147483647);
SELECT count(*) AS hostile_runs FROM public.hostile_log;
SET search_path = marsql, public;
SELECT marsql.disconnect_peers() >= 0 AS disconnected;
DROP SERVER loopback CASCADE;

-- A k-NN filter is one boolean expression: text that closes the WHERE
-- parenthesis and appends a query of its own is refused before anything
-- runs, on every entry point that takes a filter.
CREATE TABLE fvecs (id int, v real[], cat int);
INSERT INTO fvecs VALUES (1, '{0,0}', 1), (2, '{1,1}', 2), (3, '{2,2}', 1);
SELECT try_sql($q$SELECT count(*) FROM knn('[0,0]'::tensor, 'fvecs'::regclass, 'v', 'id', 10,
	filter => 'true) UNION ALL SELECT 42::bigint, ''{0,0}''::real[] WHERE (true')$q$);
SELECT try_sql($q$SELECT count(*) FROM knn('[0,0]'::tensor, 'fvecs', 'v', 'id', 10,
	filter => 'true) UNION ALL SELECT 42::bigint, ''{0,0}''::real[] WHERE (true')$q$);
-- with executors => 'peers' the filter is refused here, before any peer is asked
SELECT try_sql($q$SELECT count(*) FROM knn('[0,0]'::tensor, 'fvecs', 'v', 'id', 10,
	filter => 'true) UNION ALL SELECT 42::bigint, ''{0,0}''::real[] WHERE (true', executors => 'peers')$q$);
-- a peer checks the filter of a partition task itself, whoever built it
CREATE FUNCTION pg_temp.partition_payload(filter text) RETURNS bytea LANGUAGE sql AS $f$
	SELECT int4send(10) || int4send(1) || int4send(0) || int4send(1)
		|| convert_to('fvecs', 'UTF8') || '\x00'::bytea || convert_to('v', 'UTF8') || '\x00'::bytea
		|| convert_to('id', 'UTF8') || '\x00'::bytea || convert_to(filter, 'UTF8') || '\x00'::bytea
		|| int4send(length(tensor_send('[[0,0]]'))) || tensor_send('[[0,0]]')
$f$;
SELECT length(peer_run_task('marsql knn partition', pg_temp.partition_payload('cat = 1'),
	'marsql, public', NULL)) AS partition_ok;
SELECT try_sql($q$SELECT peer_run_task('marsql knn partition', pg_temp.partition_payload(
	'true) UNION ALL SELECT 42::bigint, ''{0,0}''::real[] WHERE (true'), 'marsql, public', NULL)$q$);
SELECT try_sql($q$SELECT count(*) FROM knn_join('fvecs', 'v', 'id', 'fvecs', 'v', 'id', 10,
	filter => 'true) UNION ALL SELECT 42::bigint, ''{0,0}''::real[] WHERE (true')$q$);
SELECT f AS filter, try_sql(pg_catalog.format(
	$q$SELECT count(*) FROM knn('[0,0]'::tensor, 'fvecs'::regclass, 'v', 'id', 10, filter => %L)$q$, f)) AS result
FROM unnest(ARRAY[
	'true); SELECT (1',
	'true; DELETE FROM fvecs',
	'id FROM fvecs',
	'true WHERE false',
	'true GROUP BY 1',
	'true HAVING true',
	'true ORDER BY 1',
	'true LIMIT 1',
	'true OFFSET 1',
	'true FOR UPDATE',
	'true INTO t',
	'true WINDOW w AS ()',
	'DISTINCT true',
	'true, false',
	'true AS ok',
	'*',
	'fvecs.*',
	'',
	'   ',
	'-- nothing',
	'true UNION SELECT false',
	'cat = ',
	'/* unterminated',
	'''unterminated'
]) f;
-- still allowed: any one expression, sub-selects and a trailing comment
SELECT f AS filter, try_sql(pg_catalog.format(
	$q$SELECT string_agg(id::text, ',' ORDER BY id) FROM knn('[0,0]'::tensor, 'fvecs'::regclass, 'v', 'id', 10, filter => %L)$q$, f)) AS result
FROM unnest(ARRAY[
	'cat = 1',
	'(cat = 1)',
	'(cat = 1) OR (id = 2)',
	'id IN (SELECT 2 UNION SELECT 3)',
	'cat = 1 -- the ones',
	'/* the ones */ cat = 1',
	'EXISTS (SELECT FROM fvecs f WHERE f.id = fvecs.id + 1)',
	'v IS NOT NULL'
]) f;
-- an expression that is not boolean: the planner's own error
SELECT try_sql($q$SELECT count(*) FROM knn('[0,0]'::tensor, 'fvecs'::regclass, 'v', 'id', 1, filter => 'cat')$q$);
-- faiss_add(name, filter) reads the corpus through the same checked path
SELECT faiss_create('safety_f', 'fvecs', 'v', 'id', 'Flat');
SELECT try_sql($q$SELECT faiss_add('safety_f', 'true) UNION ALL SELECT 42::bigint, ''{0,0}''::real[] WHERE (true')$q$);
SELECT faiss_drop('safety_f');
-- names are identifiers, quoted, never spliced as SQL
SELECT try_sql($q$SELECT count(*) FROM knn('[0,0]'::tensor, 'fvecs'::regclass, 'v) FROM fvecs --', 'id', 1)$q$);
SELECT try_sql($q$SELECT count(*) FROM knn('[0,0]'::tensor, 'fvecs; DROP TABLE fvecs', 'v', 'id', 1)$q$);


-- What marsql runs as the owner of its catalogs (array registration, FAISS
-- index storage and loading) sees search_path "pg_catalog, marsql,
-- pg_temp": a caller's public.sum(integer), ||, = never run as the owner.
SET ROLE marsql_hostile;
CREATE FUNCTION public.hostile_sum_step(s bigint, x integer) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO public.hostile_log VALUES ('sum', current_user);
	RETURN coalesce(s, 0) + x;
END $$;
CREATE AGGREGATE public.sum(integer) (SFUNC = public.hostile_sum_step, STYPE = bigint);
CREATE TABLE public.hostile_vecs (id bigint, v real[]);
INSERT INTO public.hostile_vecs VALUES (1, '{0,0}'), (2, '{1,1}'), (3, '{2,2}');
SET search_path = public, pg_catalog, marsql;
SELECT marsql.faiss_create('hostile_f', 'public.hostile_vecs', 'v', 'id', 'Flat');
SELECT id FROM marsql.faiss_search('hostile_f', '[0.9,0.9]'::marsql.tensor, 1);
SELECT marsql.faiss_add('hostile_f', 'id > 1');
SELECT marsql.shape(c), marsql.drop(c)
FROM (SELECT marsql.chunked_from_query('SELECT v FROM public.hostile_vecs', tile => '{2,2}',
	target => 'public.hostile_chunked') AS c OFFSET 0) s;
SELECT marsql.faiss_drop('hostile_f');
RESET ROLE;
SELECT op, run_as FROM public.hostile_log WHERE run_as <> 'marsql_hostile' ORDER BY op;
TRUNCATE public.hostile_log;
SET search_path = marsql, public;
DROP TABLE public.hostile_vecs;
DROP AGGREGATE public.sum(integer);
DROP FUNCTION public.hostile_sum_step(bigint, integer);

DROP TABLE fvecs, public.safety_rows, public.hostile_log;
DROP OPERATOR public.|| (text, text);
DROP OPERATOR public.= (text, text);
DROP FUNCTION public.hostile_cat(text, text), public.hostile_eq(text, text);
REVOKE CREATE ON SCHEMA public FROM marsql_hostile;
DROP ROLE marsql_hostile;
