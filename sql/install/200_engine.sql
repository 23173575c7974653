-- The execution engine: progress of running jobs, visible from every session.

CREATE FUNCTION marsql.job_progress(
    OUT pid integer, OUT job bigint, OUT kind text,
    OUT tasks_done integer, OUT tasks_failed integer, OUT tasks_total integer,
    OUT executors integer, OUT started timestamptz)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'marsql_progress' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;

COMMENT ON FUNCTION marsql.job_progress() IS 'running marsql jobs of every session (the rows of marsql.progress)';

CREATE VIEW marsql.progress AS SELECT * FROM marsql.job_progress();

COMMENT ON VIEW marsql.progress IS 'running marsql jobs of every session: tasks done of total, executors in use';

GRANT SELECT ON marsql.progress TO PUBLIC;

-- How the session's last job ran: the cost model's estimate against
-- marsql.inline_below, warm (reused) and started workers, the start-up paid.
CREATE FUNCTION marsql.last_job(
    OUT job text, OUT tasks integer, OUT ended boolean, OUT how text,
    OUT inline_by_estimate boolean, OUT estimate_ms double precision,
    OUT inline_below_ms integer, OUT wanted_workers integer,
    OUT warm_workers integer, OUT started_workers integer,
    OUT startup_first_ms double precision, OUT startup_last_ms double precision,
    OUT tasks_in_backend integer, OUT tasks_on_peers integer,
    OUT run_ms double precision)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'marsql_last_job' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE ROWS 1;

COMMENT ON FUNCTION marsql.last_job() IS 'how the last marsql job of this session ran: in the backend by estimate or on workers, warm (reused) and started, the start-up paid (no row before the first job)';

-- Cumulative statistics of the engine, for the whole server until reset, in
-- the style of pg_stat_* (docs/engine.md "Statistics"): tasks per executor
-- and task kind, and jobs, worker start-up and peer connections.
CREATE FUNCTION marsql.stat_tasks(
    OUT executor text, OUT task_kind text,
    OUT tasks bigint, OUT failed bigint, OUT retried bigint,
    OUT bytes_in bigint, OUT bytes_out bigint,
    OUT total_time double precision, OUT min_time double precision,
    OUT max_time double precision, OUT mean_time double precision,
    OUT stats_reset timestamptz)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'marsql_stat_tasks' LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED;

COMMENT ON FUNCTION marsql.stat_tasks() IS 'tasks run per executor (backend, worker, peer) and task kind since the last reset: finished, failed, retried, bytes in and out, time in ms (the rows of marsql.stat_tasks)';

CREATE VIEW marsql.stat_tasks AS SELECT * FROM marsql.stat_tasks();

COMMENT ON VIEW marsql.stat_tasks IS 'tasks run per executor (backend, worker, peer) and task kind since the last reset: finished, failed, retried, bytes in and out, time in ms';

GRANT SELECT ON marsql.stat_tasks TO PUBLIC;

CREATE FUNCTION marsql.stat_engine(
    OUT jobs bigint, OUT jobs_failed bigint, OUT jobs_inline bigint,
    OUT job_time double precision,
    OUT workers_started bigint, OUT workers_reused bigint,
    OUT worker_startup_time double precision,
    OUT peer_connections bigint, OUT stats_reset timestamptz)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'marsql_stat_engine' LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED ROWS 1;

COMMENT ON FUNCTION marsql.stat_engine() IS 'jobs run (failed, in the calling backend by estimate, time in ms), workers started and reused, their start-up in ms, peer connections opened, since the last reset (the row of marsql.stat_engine)';

CREATE VIEW marsql.stat_engine AS SELECT * FROM marsql.stat_engine();

COMMENT ON VIEW marsql.stat_engine IS 'jobs run (failed, in the calling backend by estimate, time in ms), workers started and reused, their start-up in ms, peer connections opened, since the last reset';

GRANT SELECT ON marsql.stat_engine TO PUBLIC;

CREATE FUNCTION marsql.stat_tasks_reset()
RETURNS void
AS 'MODULE_PATHNAME', 'marsql_stat_tasks_reset' LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED;

COMMENT ON FUNCTION marsql.stat_tasks_reset() IS 'zeroes the counters of marsql.stat_tasks and marsql.stat_engine and sets their stats_reset (superusers, and roles granted EXECUTE)';

REVOKE ALL ON FUNCTION marsql.stat_tasks_reset() FROM PUBLIC;
