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
