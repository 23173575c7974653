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
