-- Fan-out of SQL functions: map, spawn / execute / fetch / fetch_log.

CREATE TYPE marsql.task;

CREATE FUNCTION marsql.task_in(cstring) RETURNS marsql.task
AS 'MODULE_PATHNAME', 'marsql_task_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.task_out(marsql.task) RETURNS cstring
AS 'MODULE_PATHNAME', 'marsql_task_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.task_recv(internal) RETURNS marsql.task
AS 'MODULE_PATHNAME', 'marsql_task_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.task_send(marsql.task) RETURNS bytea
AS 'MODULE_PATHNAME', 'marsql_task_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE marsql.task (
    INPUT = marsql.task_in, OUTPUT = marsql.task_out,
    RECEIVE = marsql.task_recv, SEND = marsql.task_send,
    INTERNALLENGTH = 16, ALIGNMENT = double, STORAGE = plain
);

COMMENT ON FUNCTION marsql.task_in(cstring) IS 'text input of marsql.task: 42/1a2b3c4d or 42.1/1a2b3c4d';
COMMENT ON FUNCTION marsql.task_out(marsql.task) IS 'text output of marsql.task';
COMMENT ON FUNCTION marsql.task_recv(internal) IS 'binary input of marsql.task';
COMMENT ON FUNCTION marsql.task_send(marsql.task) IS 'binary output of marsql.task';
COMMENT ON TYPE marsql.task IS 'handle on a spawned call, valid in the session that spawned it';

CREATE FUNCTION marsql.map(fn regprocedure, args anyarray, witness anycompatible,
                           max_workers integer DEFAULT NULL,
                           executors text DEFAULT NULL)
RETURNS anycompatiblearray
AS 'MODULE_PATHNAME', 'marsql_map' LANGUAGE C VOLATILE;

COMMENT ON FUNCTION marsql.map(regprocedure, anyarray, anycompatible, integer, text) IS
'calls fn once per element (or row of arguments) in parallel; results in order, typed like witness';

CREATE FUNCTION marsql.map_rows(fn regprocedure, args anyarray, witness anycompatible,
                                fail_fast boolean DEFAULT true,
                                max_workers integer DEFAULT NULL,
                                executors text DEFAULT NULL)
RETURNS TABLE (ordinality integer, succeeded boolean, result anycompatible,
               sqlstate text, message text, detail text, context text)
AS 'MODULE_PATHNAME', 'marsql_map_rows' LANGUAGE C VOLATILE;

COMMENT ON FUNCTION marsql.map_rows(regprocedure, anyarray, anycompatible, boolean, integer, text) IS
'like map, one row per call with its result or its error; fail_fast => false runs every call';

CREATE FUNCTION marsql.spawn(fn regprocedure) RETURNS marsql.task
AS 'MODULE_PATHNAME', 'marsql_spawn' LANGUAGE C VOLATILE;
CREATE FUNCTION marsql.spawn(fn regprocedure, VARIADIC args "any") RETURNS marsql.task
AS 'MODULE_PATHNAME', 'marsql_spawn' LANGUAGE C VOLATILE;

COMMENT ON FUNCTION marsql.spawn(regprocedure) IS 'records a call of fn as a task (runs on execute or fetch)';
COMMENT ON FUNCTION marsql.spawn(regprocedure, "any") IS
'records a call of fn as a task; a marsql.task argument is a dependency whose result it receives';

CREATE FUNCTION marsql.output(t marsql.task, n integer) RETURNS marsql.task
AS 'MODULE_PATHNAME', 'marsql_task_output' LANGUAGE C VOLATILE STRICT;

COMMENT ON FUNCTION marsql.output(marsql.task, integer) IS 'the n-th column of a task''s row result, as a task handle';

CREATE FUNCTION marsql.execute(tasks marsql.task[]) RETURNS void
AS 'MODULE_PATHNAME', 'marsql_execute' LANGUAGE C VOLATILE;

COMMENT ON FUNCTION marsql.execute(marsql.task[]) IS 'runs tasks and their pending dependencies in parallel and waits';

CREATE FUNCTION marsql.fetch(t marsql.task, witness anyelement) RETURNS anyelement
AS 'MODULE_PATHNAME', 'marsql_fetch' LANGUAGE C VOLATILE;

COMMENT ON FUNCTION marsql.fetch(marsql.task, anyelement) IS 'the result of a task, typed like witness (runs it if pending)';

CREATE FUNCTION marsql.fetch_log(t marsql.task)
RETURNS TABLE (seq integer, severity text, message text, detail text, hint text)
AS 'MODULE_PATHNAME', 'marsql_fetch_log' LANGUAGE C VOLATILE STRICT;

COMMENT ON FUNCTION marsql.fetch_log(marsql.task) IS 'NOTICE, INFO and WARNING messages the task raised, in order';

CREATE FUNCTION marsql.cancel(t marsql.task) RETURNS boolean
AS 'MODULE_PATHNAME', 'marsql_cancel' LANGUAGE C VOLATILE STRICT;

COMMENT ON FUNCTION marsql.cancel(marsql.task) IS 'a pending task will not run; false if it already ran';

CREATE FUNCTION marsql.forget_tasks() RETURNS integer
AS 'MODULE_PATHNAME', 'marsql_forget_tasks' LANGUAGE C VOLATILE;

COMMENT ON FUNCTION marsql.forget_tasks() IS 'frees finished tasks no pending task depends on; returns how many';

CREATE FUNCTION marsql.task_list(
    OUT task marsql.task, OUT function regprocedure, OUT status text,
    OUT executor text, OUT attempts integer, OUT submitted timestamptz,
    OUT started timestamptz, OUT finished timestamptz,
    OUT depends_on marsql.task[], OUT sqlstate text, OUT error text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'marsql_task_list' LANGUAGE C VOLATILE;

COMMENT ON FUNCTION marsql.task_list() IS 'this session''s tasks (the rows of marsql.tasks)';

CREATE VIEW marsql.tasks AS SELECT * FROM marsql.task_list();

COMMENT ON VIEW marsql.tasks IS 'this session''s spawned tasks: status, executor, times, error';

GRANT SELECT ON marsql.tasks TO PUBLIC;
