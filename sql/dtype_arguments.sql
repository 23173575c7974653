-- Every function of the extension survives a tensor of every dtype.
--
-- Functions written for float32 and float64 read their arguments through
-- the float-only accessors (src/tensor/tensor.h), which refuse other dtypes
-- with 42804; functions that handle every dtype opt in.  This test walks
-- the catalog, so a function added later is covered without touching this
-- file: each function, procedure and aggregate with a tensor or tensor[]
-- argument is called once per dtype, every tensor argument of that dtype
-- (a 2x2 identity, or two 1-D rows for tensor[]) and the others sampled as
-- in null_arguments.  A result or a clean error is acceptable; a crash
-- fails the run, and an internal error (XX000) or a timeout is listed.
-- Whether the answers are right is test/numpy/'s business.

SET client_min_messages = error;

CREATE TABLE public.walk_tab (id bigint, v marsql.tensor);
INSERT INTO public.walk_tab VALUES (1, '[1,2]'), (2, '[3,4]'), (3, '[5,6]');
CREATE TABLE public.walk_ct AS
	SELECT marsql.chunk('[[1,2],[3,4]]'::marsql.tensor, '{1,2}', 'public.walk_ct_tiles') AS ct;
CREATE SEQUENCE public.walk_seq;
SET marsql.max_workers = 0;

CREATE TABLE public.dtype_args_result (
	fn regprocedure,
	dtype text,
	stmt text,
	state text,
	message text
);

CREATE FUNCTION public.dtype_args_try(fn regprocedure, dtype text, stmt text) RETURNS void
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
	INSERT INTO public.dtype_args_result VALUES (fn, dtype, stmt, state, message);
END $$;

CREATE TABLE public.dtype_args_call AS
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
	WHERE p.proargtypes::oid[] && ARRAY['marsql.tensor'::regtype, 'marsql.tensor[]'::regtype]::oid[]
),
dtypes AS (
	SELECT unnest('{bool,int8,int16,int32,int64,uint8,float16,complex64,complex128}'::text[]) AS dtype
),
args AS (
	SELECT f.oid, t.dtype, string_agg(
		CASE WHEN i = f.n AND f.provariadic <> 0 AND f.provariadic <> '"any"'::regtype
			THEN 'VARIADIC ' ELSE '' END
		|| coalesce('(' || public.walk_sample(f.types[i], f.names[i], t.dtype)
			|| ')::' || public.walk_type(f.types[i]),
			public.walk_null(f.types[i])),
		', ' ORDER BY i) AS list
	FROM fns f, dtypes t, generate_series(1, f.n) i
	GROUP BY f.oid, t.dtype
)
SELECT row_number() OVER (ORDER BY f.fn::text, a.dtype) AS n, f.fn, a.dtype,
	CASE WHEN f.prokind = 'p'
		THEN format('CALL %s(%s)', f.oid::regproc, a.list)
		ELSE format('SELECT (%s(%s))::text', f.oid::regproc, a.list) END AS stmt
FROM fns f JOIN args a ON a.oid = f.oid;

SET statement_timeout = '10s';
BEGIN;
\set ECHO none
\o /dev/null
SELECT format('SELECT public.dtype_args_try(%L, %L, %L)', fn, dtype, stmt)
FROM public.dtype_args_call ORDER BY n
\gexec
\o
\set ECHO all
RESET statement_timeout;

-- the walk: functions and calls
SELECT count(DISTINCT fn) AS functions, count(*) AS calls FROM public.dtype_args_result;
-- every call ran to an outcome (none crashed the backend)
SELECT count(*) AS calls_without_outcome
FROM public.dtype_args_call c
WHERE NOT EXISTS (SELECT FROM public.dtype_args_result r WHERE r.stmt = c.stmt);
-- FAILURES: internal errors and timeouts (must be none)
SELECT fn, dtype, state, message FROM public.dtype_args_result
WHERE state IN ('XX000', 'XX001', 'XX002', '57014') ORDER BY fn::text, dtype;
-- how far each dtype reaches: functions that answer, refuse the dtype
-- (42804), or stop at another error (a sample value that does not suit
-- the function, such as a 2x2 matrix where a vector is needed)
SELECT dtype, count(*) FILTER (WHERE state = 'ok') AS answered,
	count(*) FILTER (WHERE state = '42804') AS refused,
	count(*) FILTER (WHERE state NOT IN ('ok', '42804')) AS other_error
FROM public.dtype_args_result GROUP BY dtype ORDER BY dtype;
-- errors other than the expected classes, pinned here
SELECT fn, dtype, state, message FROM public.dtype_args_result
WHERE state <> 'ok' AND state NOT IN ('XX000', 'XX001', 'XX002', '57014')
	AND left(state, 2) NOT IN ('22', '42', '0A', '55')
ORDER BY fn::text, dtype;
ROLLBACK;
RESET marsql.max_workers;

RESET client_min_messages;
DROP TABLE public.walk_tab, public.walk_ct, public.walk_ct_tiles, public.dtype_args_call,
	public.dtype_args_result;
DROP SEQUENCE public.walk_seq;
DROP FUNCTION public.dtype_args_try(regprocedure, text, text);
