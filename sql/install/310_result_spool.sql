-- Result storage written by workers (docs/chunked.md, "Results written by
-- workers").  When a tile graph runs on background workers, a worker
-- creates the result's table in marsql_result and records it in
-- marsql.orphan_storage, in one transaction of its own; workers then write
-- the result tiles themselves.  The caller claims the result in its own
-- transaction when the job is done (a named result is moved to its target
-- and its record deleted; an unnamed one is marked to go at session end).
-- A record no committed caller claimed is an orphan: its table is dropped
-- at the caller's commit, after its abort, at its session end, or after a
-- crash (by a cleanup worker; see the docs).

CREATE SCHEMA marsql_result;
COMMENT ON SCHEMA marsql_result IS
	'result tables of chunked operations written by marsql workers (each owned by the role that made it)';
REVOKE ALL ON SCHEMA marsql_result FROM PUBLIC;
GRANT USAGE ON SCHEMA marsql_result TO PUBLIC;

CREATE TABLE marsql.orphan_storage (
	storage oid PRIMARY KEY,
	relname name NOT NULL,
	named boolean NOT NULL,
	claimed boolean NOT NULL DEFAULT false,
	backend_pid integer NOT NULL,
	backend_start timestamptz NOT NULL,
	caller_xid xid8 NOT NULL,
	created_by regrole NOT NULL,
	created timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE marsql.orphan_storage IS
	'result tables made by workers and not (yet) claimed by a committed caller (written by marsql only)';
REVOKE ALL ON marsql.orphan_storage FROM PUBLIC;

-- A table in marsql_result is a member of the extension (tile_output.c):
-- pg_dump leaves it out, and DROP EXTENSION drops it without CASCADE.  So
-- that DROP TABLE and DROP OWNED still drop it as any table of its owner,
-- this trigger ends the membership of the tables they name first (the
-- command then checks its privileges, and a failure undoes both).
CREATE FUNCTION marsql.result_storage_drop_start() RETURNS event_trigger
	AS 'MODULE_PATHNAME', 'marsql_result_storage_drop_start' LANGUAGE C;
COMMENT ON FUNCTION marsql.result_storage_drop_start() IS
	'event trigger: DROP TABLE and DROP OWNED drop result tables of marsql_result as ordinary tables';
CREATE EVENT TRIGGER marsql_result_storage_drop ON ddl_command_start
	WHEN TAG IN ('DROP TABLE', 'DROP OWNED')
	EXECUTE FUNCTION marsql.result_storage_drop_start();
