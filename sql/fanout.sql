-- Fan-out of SQL functions: map, map_rows, spawn / execute / fetch /
-- fetch_log / cancel, the tasks and progress views, and every error path.
-- Executor names carry worker PIDs: they are masked where shown.
SET search_path = marsql, public;

CREATE FUNCTION sq(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x * x';
CREATE FUNCTION add2(a integer, b integer) RETURNS integer LANGUAGE sql AS 'SELECT a + b';
CREATE FUNCTION noisy(x integer) RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
	RAISE NOTICE 'noisy % begins', x;
	RAISE WARNING 'noisy % warns', x USING DETAIL = 'a detail', HINT = 'a hint';
	RAISE INFO 'noisy % informs', x;
	RETURN x + 1;
END $$;
CREATE FUNCTION boom(x integer) RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
	IF x = 3 THEN
		RAISE EXCEPTION 'boom at %', x USING ERRCODE = '22023', DETAIL = 'three is bad';
	END IF;
	RETURN x;
END $$;
CREATE FUNCTION backend_kind(x integer) RETURNS text LANGUAGE sql
	AS 'SELECT backend_type FROM pg_stat_activity WHERE pid = pg_backend_pid()';
CREATE FUNCTION twice(x anyelement) RETURNS anyelement LANGUAGE plpgsql AS $$
BEGIN RETURN x + x; END $$;
CREATE FUNCTION split_pair(x integer, OUT lo integer, OUT hi text) LANGUAGE sql
	AS 'SELECT x, x::text || ''!''';
CREATE TYPE pair AS (lo integer, hi text);
CREATE TYPE ints AS (a integer, b integer);
CREATE FUNCTION anon(x integer) RETURNS record LANGUAGE sql AS 'SELECT ROW(x, x)';
CREATE FUNCTION rows_of(x integer) RETURNS SETOF integer LANGUAGE sql AS 'SELECT x';
CREATE PROCEDURE proc(x integer) LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION tensor_total(t tensor) RETURNS float8 LANGUAGE sql
	AS 'SELECT sum(v) FROM unnest(t::float8[]) v';
CREATE TABLE fanout_seen (x integer);
CREATE FUNCTION sees_table(x integer) RETURNS bigint LANGUAGE sql
	AS 'SELECT count(*) FROM fanout_seen';
CREATE FUNCTION whoami(x integer) RETURNS text LANGUAGE sql AS 'SELECT current_user::text';
-- runs a statement and shows its error with task handles and PIDs masked
CREATE FUNCTION try(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	state text;
	msg text;
	det text;
	ctx text;
BEGIN
	EXECUTE q;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
		det = PG_EXCEPTION_DETAIL, ctx = PG_EXCEPTION_CONTEXT;
	RETURN regexp_replace(regexp_replace(
		format('%s: %s%s%s', state, msg,
			   CASE WHEN det <> '' THEN ' / ' || det ELSE '' END,
			   COALESCE(' / ' || substring(ctx from 'marsql task [^\n]*'), '')),
		'/[0-9a-f]{8}', '/S', 'g'), 'worker \d+ \(PID \d+\)', 'worker n', 'g');
END $$;
-- Monte-Carlo pi: the example's chunk function
\i test/examples/pi_chunk.sql

-- map: results in order, typed by the witness
SELECT map('sq(integer)', ARRAY[1, 2, 3, 4, 5], NULL::integer);
SELECT map('sq(integer)', array_agg(g), NULL::integer) FROM generate_series(1, 40) g;
SELECT map('sq(integer)', '{}'::integer[], NULL::integer);
SELECT map('sq(integer)', ARRAY[[1, 2], [3, 4]], NULL::integer);   -- flattened, in order
SELECT map('sq(integer)', ARRAY[2, NULL], NULL::integer);          -- strict: NULL in, NULL out
SELECT map('sq(integer)', NULL::integer[], NULL::integer);
SELECT map('upper(text)', ARRAY['a', 'b'], NULL::text);              -- collatable arguments
SELECT map('twice(anyelement)', ARRAY[1.5, 2.25], NULL::numeric);     -- polymorphic
SELECT map('tensor_total(tensor)', ARRAY['[1,2]'::tensor, '[3,4,5]'], NULL::float8);
-- the calls ran on background workers
SELECT DISTINCT unnest(map('backend_kind(integer)', ARRAY[1, 2, 3], NULL::text));
-- rows of arguments: a named row type, or anonymous rows
SELECT map('add2(integer,integer)', ARRAY[(1, 2), (3, 4)]::ints[], NULL::integer);
SELECT map('add2(integer,integer)', array_agg((g, 10 * g)), NULL::integer)
FROM generate_series(1, 4) g;
-- row results: as the function's row type or any row type with the same columns
SELECT map('split_pair(integer)', ARRAY[1, 2], NULL::pair);
-- NOTICE, INFO and WARNING of the calls reach the caller, naming the task
SELECT map('noisy(integer)', ARRAY[7], NULL::integer);
-- each call sees committed data only
BEGIN;
INSERT INTO fanout_seen VALUES (1);
SELECT map('sees_table(integer)', ARRAY[1], NULL::bigint);
ROLLBACK;
-- Monte-Carlo pi: the fan-out gives the serial answer
SELECT (SELECT sum(pi_chunk(g, 2000)) FROM generate_series(1, 20) g)
     = (SELECT sum(x) FROM unnest(map('pi_chunk(integer,integer)',
                                      array_agg((g, 2000)), NULL::bigint)) x)
  AS same_answer
FROM generate_series(1, 20) g;

-- errors keep their SQLSTATE, message and detail, and name the task
\set VERBOSITY default
SELECT try($$SELECT marsql.map('boom(integer)', ARRAY[1, 2, 3, 4], NULL::integer, max_workers => 1)$$);
SELECT ordinality, succeeded, result, sqlstate, message, detail,
       regexp_replace(context, 'worker \d+ \(PID \d+\)', 'worker n') AS context
FROM map_rows('boom(integer)', ARRAY[1, 2, 3, 4], NULL::integer, fail_fast => false);
SELECT ordinality, succeeded, result FROM map_rows('sq(integer)', ARRAY[5, 6], NULL::integer);

-- marsql.max_workers = 0: every call in this backend, in a subtransaction
SET marsql.max_workers = 0;
SELECT DISTINCT unnest(map('backend_kind(integer)', ARRAY[1, 2, 3], NULL::text));
SELECT map('boom(integer)', ARRAY[1, 2, 3, 4], NULL::integer);
SELECT ordinality, succeeded, sqlstate, message, context
FROM map_rows('boom(integer)', ARRAY[3, 4], NULL::integer, fail_fast => false);
SELECT map('noisy(integer)', ARRAY[8], NULL::integer);
-- a cancel stops the job and leaves no subtransaction behind
CREATE FUNCTION nap(x integer) RETURNS integer LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_sleep(x); RETURN x; END $$;
SET statement_timeout = '200ms';
DO $$ BEGIN PERFORM marsql.map('nap(integer)', ARRAY[1, 1], NULL::integer);
EXCEPTION WHEN query_canceled THEN RAISE NOTICE 'caught the cancel'; END $$;
RESET statement_timeout;
SELECT now() AS before_sleep \gset
SELECT pg_sleep(0.01);
SELECT now() > :'before_sleep' AS each_statement_in_its_own_transaction;
RESET marsql.max_workers;

-- progress notices at every 10%
SET marsql.progress = notice;
SELECT map('sq(integer)', ARRAY[1, 2, 3, 4], NULL::integer, max_workers => 1);
RESET marsql.progress;
SELECT count(*) FROM progress;   -- no job runs now

-- bad calls are refused before anything runs
SELECT map(0::regprocedure, ARRAY[1], NULL::integer);
SELECT map('proc(integer)', ARRAY[1], NULL::integer);
SELECT map('sum(integer)', ARRAY[1], NULL::bigint);
SELECT map('rows_of(integer)', ARRAY[1], NULL::integer);
SELECT map('add2(integer,integer)', ARRAY[1], NULL::integer);
SELECT map('sq(integer)', ARRAY[1.5], NULL::integer);
SELECT map('sq(integer)', ARRAY[1], NULL::text);
CREATE FUNCTION pair_array(x integer) RETURNS integer[] LANGUAGE sql AS 'SELECT ARRAY[x, x]';
SELECT map('pair_array(integer)', ARRAY[1], NULL::integer);
SELECT map('pair_array(integer)', ARRAY[1], NULL::integer[]);
SELECT ordinality, result FROM map_rows('pair_array(integer)', ARRAY[1, 2], NULL::integer[]);
SELECT map('split_pair(integer)', ARRAY[1], NULL::ints);
SELECT map('anon(integer)', ARRAY[1], NULL::pair);
SELECT map('sq(integer)', ARRAY[1], NULL::integer, max_workers => 0);
SELECT map('add2(integer,integer)', ARRAY[NULL, NULL]::record[], NULL::integer);
SELECT map('add2(integer,integer)', ARRAY[ROW(1, 2), ROW(1, 'x'::text)], NULL::integer);
CREATE ROLE regress_fanout_user;
CREATE FUNCTION secret(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x';
REVOKE EXECUTE ON FUNCTION secret(integer) FROM PUBLIC;
SET ROLE regress_fanout_user;
SELECT map('secret(integer)', ARRAY[1], NULL::integer);
SELECT map('whoami(integer)', ARRAY[1, 2], NULL::text);
SELECT map('sq(integer)', ARRAY[3], NULL::integer);
RESET ROLE;

-- spawn / execute / fetch: a DAG of tasks
SELECT spawn('sq(integer)', 7) AS t1 \gset
SELECT spawn('sq(integer)', :'t1'::task) AS t2 \gset
SELECT spawn('add2(integer,integer)', :'t1'::task, :'t2'::task) AS t3 \gset
SELECT status FROM tasks WHERE task::text = :'t3';
SELECT marsql.fetch(:'t3', NULL::integer);        -- runs t1, t2, t3
SELECT marsql.fetch(:'t2', NULL::integer);
SELECT function, status, executor ~ '^worker \d+ \(PID \d+\)$' AS on_worker, attempts,
       cardinality(depends_on) AS deps, started <= finished AS timed
FROM tasks ORDER BY submitted, function::text;
-- untyped literals take the parameter's type; VARIADIC arrays spread
SELECT marsql.fetch(spawn('upper(text)', 'abc'), NULL::text);
SELECT marsql.fetch(spawn('add2(integer,integer)', VARIADIC ARRAY[20, 22]), NULL::integer);
-- multiple outputs: the columns of a row result
SELECT spawn('split_pair(integer)', 9) AS tp \gset
SELECT marsql.fetch(output(:'tp', 2), NULL::text) AS hi, marsql.fetch(output(:'tp', 1), NULL::integer) AS lo;
SELECT marsql.fetch(:'tp', NULL::pair);
SELECT marsql.fetch(spawn('sq(integer)', output(:'tp', 1)), NULL::integer);
SELECT output(:'tp', 2)::text ~ '^\d+\.2/[0-9a-f]{8}$' AS handle_form;
-- fetch_log: the messages of one call, in order
SELECT spawn('noisy(integer)', 1) AS tn \gset
SELECT execute(ARRAY[:'tn'::task]);
SELECT * FROM fetch_log(:'tn');
-- a failed task keeps its error; fetch raises it again; dependents do not run
SELECT spawn('boom(integer)', 3) AS tb \gset
SELECT spawn('sq(integer)', :'tb'::task) AS tbd \gset
SELECT try(format('SELECT marsql.execute(ARRAY[%L::marsql.task])', :'tbd'));
SELECT try(format('SELECT marsql.fetch(%L::marsql.task, NULL::integer)', :'tb'));
SELECT status, sqlstate, error FROM tasks WHERE task::text = :'tb';
SELECT try(format('SELECT marsql.fetch(%L::marsql.task, NULL::integer)', :'tbd'));
-- cancel: a pending task does not run
SELECT spawn('sq(integer)', 5) AS tc \gset
SELECT cancel(:'tc'), cancel(:'tc');
SELECT try(format('SELECT marsql.fetch(%L::marsql.task, NULL::integer)', :'tc'));
SELECT cancel(:'t1');   -- done already
-- errors of the task API
SELECT spawn(NULL::regprocedure, 1);
SELECT spawn('sq(integer)', 'x');
SELECT marsql.fetch(:'t1', NULL::text);
SELECT try(format('SELECT marsql.fetch(marsql.output(%L, 1), NULL::text)', :'tp'));
SELECT try(format('SELECT marsql.output(%L, 1)', :'t1'));
SELECT try(format('SELECT marsql.output(%L, 3)', :'tp'));
SELECT try(format('SELECT marsql.output(marsql.output(%L, 1), 1)', :'tp'));
SELECT marsql.fetch('1/00000000'::task, NULL::integer);
SELECT 'x'::task;
SELECT '1/'::task;
SELECT '0/12345678'::task;
SELECT '1.0/12345678'::task;
SELECT '1/1234567g'::task;
SELECT marsql.fetch(NULL::task, NULL::integer);
-- forget_tasks frees finished tasks; handles to them then fail
SELECT forget_tasks() > 0 AS forgot;
SELECT count(*) FROM tasks;
SELECT try(format('SELECT marsql.fetch(%L::marsql.task, NULL::integer)', :'t1'));

DROP TABLE fanout_seen;
DROP ROLE regress_fanout_user;
