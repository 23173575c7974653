-- Every function of the extension survives NULL in every argument.
--
-- The test walks the catalog, so a function added later is covered without
-- touching this file: for each function, procedure and aggregate of the
-- extension it calls (a) all arguments NULL, (b) each argument NULL in turn
-- while the others get a valid sample of their type, (c) for an aggregate,
-- no rows at all, and (d) every array argument with a NULL element.  An
-- error is an acceptable outcome (a NULL where NULL makes no sense is
-- 22004); a crash fails the whole run and an internal error (XX000) or a
-- timeout is listed below, so it shows as a difference.  The calls run in one transaction that is rolled back, so
-- the tables, indexes and tasks they create do not outlive the test.

SET client_min_messages = error;

CREATE TABLE public.walk_tab (id bigint, v marsql.tensor);
INSERT INTO public.walk_tab VALUES (1, '[1,2]'), (2, '[3,4]'), (3, '[5,6]');
CREATE TABLE public.walk_ct AS
	SELECT marsql.chunk('[[1,2],[3,4]]'::marsql.tensor, '{1,2}', 'public.walk_ct_tiles') AS ct;
CREATE SEQUENCE public.walk_seq;
-- the calling backend runs every tile: the arguments are what is tested here
SET marsql.max_workers = 0;

CREATE TABLE public.null_args_result (
	fn regprocedure,
	kind text,
	stmt text,
	state text,
	message text,
	is_null boolean
);

-- Runs one call and records its outcome; only a crash escapes.
CREATE FUNCTION public.null_args_try(fn regprocedure, kind text, stmt text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	state text := 'ok';
	message text;
	result text;
BEGIN
	BEGIN
		EXECUTE stmt INTO result;
	EXCEPTION
		WHEN query_canceled THEN
			GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
		WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
	END;
	INSERT INTO public.null_args_result VALUES (fn, kind, stmt, state, message, result IS NULL);
END $$;

-- The calls: one row per call, in a stable order.
CREATE TABLE public.null_args_call AS
WITH fns AS (
	SELECT p.oid, p.oid::regprocedure AS fn, p.prokind, p.provariadic,
		array(SELECT unnest(p.proargtypes::oid[])) AS types,
		array(SELECT coalesce(a.name, '') FROM unnest(p.proargnames, p.proargmodes)
			WITH ORDINALITY a(name, mode, i)
			WHERE coalesce(a.mode, 'i') IN ('i', 'b', 'v') ORDER BY a.i) AS names,
		p.pronargs AS n
	FROM pg_proc p
	JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
		AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'marsql'
),
cases AS (
	-- 0: every argument NULL; i > 0: argument i NULL, the others sampled
	SELECT f.*, c AS nullarg
	FROM fns f, generate_series(0, f.n) c
	WHERE c = 0 OR f.n > 1
	UNION ALL
	-- aggregates over no rows
	SELECT f.*, -1 FROM fns f WHERE f.prokind = 'a'
	UNION ALL
	-- -2: every array argument with a NULL element, the others sampled
	SELECT f.*, -2 FROM fns f
	WHERE EXISTS (SELECT FROM unnest(f.types) t WHERE t::regtype::text LIKE '%[]'
		OR t = 'anyarray'::regtype)
),
args AS (
	SELECT c.oid, c.nullarg, string_agg(
		CASE WHEN i = c.n AND c.provariadic <> 0 AND c.provariadic <> '"any"'::regtype
			THEN 'VARIADIC ' ELSE '' END
		|| CASE WHEN c.nullarg = -2 AND (c.types[i]::regtype::text LIKE '%[]'
				OR c.types[i] = 'anyarray'::regtype)
			THEN format('array_append((%s)::%s, NULL)',
				coalesce(public.walk_sample(c.types[i], c.names[i]), 'NULL'),
				public.walk_type(c.types[i]))
			WHEN c.nullarg = -2 AND c.types[i] <> 'internal'::regtype
			THEN coalesce('(' || public.walk_sample(c.types[i], c.names[i])
				|| ')::' || public.walk_type(c.types[i]),
				public.walk_null(c.types[i]))
			WHEN c.nullarg <= 0 OR i = c.nullarg
			THEN public.walk_null(c.types[i])
			ELSE coalesce('(' || public.walk_sample(c.types[i], c.names[i])
				|| ')::' || public.walk_type(c.types[i]),
				public.walk_null(c.types[i])) END,
		', ' ORDER BY i) AS list
	FROM cases c, generate_series(1, c.n) i
	GROUP BY c.oid, c.nullarg
)
SELECT row_number() OVER (ORDER BY c.fn::text, c.nullarg) AS n, c.fn,
	CASE c.nullarg WHEN 0 THEN 'all NULL' WHEN -1 THEN 'no rows'
		WHEN -2 THEN 'NULL elements' ELSE 'argument ' || c.nullarg || ' NULL' END AS kind,
	CASE WHEN c.prokind = 'p'
		THEN format('CALL %s(%s)', c.oid::regproc, a.list)
		ELSE format('SELECT (%s(%s))::text%s', c.oid::regproc, coalesce(a.list, ''),
			CASE WHEN c.nullarg = -1 THEN ' WHERE false' ELSE '' END) END AS stmt
FROM cases c LEFT JOIN args a ON a.oid = c.oid AND a.nullarg = c.nullarg;

SET statement_timeout = '10s';
BEGIN;
-- one statement per call, so that statement_timeout bounds each; neither
-- the statements nor their results are echoed (after a crash, the server
-- log names the statement that was running)
\set ECHO none
\o /dev/null
SELECT format('SELECT public.null_args_try(%L, %L, %L)', fn, kind, stmt)
FROM public.null_args_call ORDER BY n
\gexec
\o
\set ECHO all
RESET statement_timeout;

-- the walk: functions and calls
SELECT count(DISTINCT fn) AS functions, count(*) AS calls,
	count(DISTINCT fn) FILTER (WHERE NOT p.proisstrict) AS not_strict
FROM public.null_args_result r JOIN pg_proc p ON p.oid = r.fn;
-- every call ran to an outcome (none crashed the backend)
SELECT count(*) AS calls_without_outcome
FROM public.null_args_call c
WHERE NOT EXISTS (SELECT FROM public.null_args_result r WHERE r.stmt = c.stmt);
-- FAILURES: internal errors and timeouts (must be none)
SELECT fn, kind, state, message FROM public.null_args_result
WHERE state IN ('XX000', 'XX001', 'XX002', '57014') ORDER BY fn::text, kind;
-- non-STRICT functions given only NULLs that do not return NULL (or no
-- row) as a STRICT function would: an error is 22004, a value is a default
SELECT r.fn, r.state, r.message FROM public.null_args_result r JOIN pg_proc p ON p.oid = r.fn
WHERE NOT p.proisstrict AND p.pronargs > 0 AND r.kind = 'all NULL'
	AND NOT (r.state = 'ok' AND r.is_null)
	AND coalesce(r.message, '') NOT LIKE 'function % does not exist'
ORDER BY r.fn::text;
-- errors other than the expected classes, pinned here
SELECT fn, kind, state, message FROM public.null_args_result
WHERE state <> 'ok' AND state NOT IN ('XX000', 'XX001', 'XX002', '57014')
	AND left(state, 2) NOT IN ('22', '42', '0A', '55')
ORDER BY fn::text, kind;
ROLLBACK;
RESET marsql.max_workers;

-- the functions that crashed the server with a NULL first argument
SELECT marsql.transpose(NULL::marsql.tensor) IS NULL AS transpose,
	marsql.transpose(NULL::marsql.tensor, '{1,0}') IS NULL AS transpose_axes,
	marsql.squeeze(NULL::marsql.tensor) IS NULL AS squeeze,
	marsql.squeeze(NULL::marsql.tensor, 0) IS NULL AS squeeze_axis;
SELECT marsql.squeeze((SELECT '[[1]]'::marsql.tensor WHERE false)) IS NULL AS squeeze_no_row;
SELECT count(*) AS tiles FROM marsql.tiles(NULL::marsql.chunked_tensor, true);
SELECT count(*) AS explain FROM marsql.explain(NULL, 'dot', true);
-- a NULL distribution gives NULL (it was read as chunked_full of the seed's bits)
SELECT marsql.chunked_random('{2,2}', NULL, 1, NULL) IS NULL AS chunked_random;
-- a NULL source or column gives NULL (it was a syntax error)
SELECT marsql.chunked_from_table(NULL, 'v') IS NULL AS no_source,
	marsql.chunked_from_table('pg_class', NULL) IS NULL AS no_column;
-- VARIADIC NULL is no list of arguments (it was passed as one argument)
SELECT public.try_sql($$SELECT marsql.spawn('pg_catalog.abs(integer)', VARIADIC NULL::int[])$$);

RESET client_min_messages;
DROP TABLE public.walk_tab, public.walk_ct, public.walk_ct_tiles, public.null_args_call;
DROP SEQUENCE public.walk_seq;
DROP TABLE public.null_args_result;
DROP FUNCTION public.walk_sample(regtype, text), public.walk_null(regtype),
	public.walk_type(regtype),
	public.null_args_try(regprocedure, text, text);
