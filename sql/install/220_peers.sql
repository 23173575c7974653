-- Peers: other PostgreSQL servers with marsql installed, declared with
-- SQL/MED, that run tasks of this server's jobs (docs/distributed.md).

CREATE FUNCTION marsql.peer_validator(options text[], catalog oid) RETURNS void
AS 'MODULE_PATHNAME', 'marsql_peer_validator' LANGUAGE C STRICT;

COMMENT ON FUNCTION marsql.peer_validator(text[], oid) IS
'checks the options of marsql servers (libpq options, capacity) and user mappings';

CREATE FOREIGN DATA WRAPPER marsql VALIDATOR marsql.peer_validator;

COMMENT ON FOREIGN DATA WRAPPER marsql IS
'peers: PostgreSQL servers with marsql installed that run tasks of this server''s jobs';

CREATE FUNCTION marsql.peer_run_task(kind text, payload bytea, search_path text,
                                     timezone text, read_only boolean DEFAULT false)
RETURNS bytea
AS 'MODULE_PATHNAME', 'marsql_peer_run_task' LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION marsql.peer_run_task(text, bytea, text, text, boolean) IS
'runs one task sent by a coordinator (the peer side of marsql.executors = peers)';

-- Task payloads are built by a coordinator, not typed by users: only roles
-- a coordinator's user mappings name get to send them (docs/distributed.md).
REVOKE ALL ON FUNCTION marsql.peer_run_task(text, bytea, text, text, boolean) FROM PUBLIC;

CREATE FUNCTION marsql.peer_status(
    OUT name text, OUT address text, OUT capacity integer,
    OUT reachable boolean, OUT version text, OUT error text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'marsql_peer_status' LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION marsql.peer_status() IS
'connects to every marsql peer at once: address, capacity, reachable, version or error';

CREATE VIEW marsql.peers AS
    SELECT name, address, capacity, reachable, version FROM marsql.peer_status();

COMMENT ON VIEW marsql.peers IS
'the marsql peers: name, address, capacity, whether this user reaches them, marsql version';

GRANT SELECT ON marsql.peers TO PUBLIC;

-- A SQL-standard body is parsed here, in the extension script, so its
-- operators and functions are bound now: no caller's search_path (say, one
-- that lists a writable schema with its own || before pg_catalog) can
-- change what it runs.  Every SQL-bodied function of marsql is written so.
CREATE FUNCTION marsql.check_peers(OUT peer text, OUT success boolean, OUT result text)
RETURNS SETOF record
LANGUAGE sql VOLATILE PARALLEL UNSAFE
BEGIN ATOMIC
    SELECT name, reachable,
           CASE WHEN reachable THEN 'marsql ' OPERATOR(pg_catalog.||) version ELSE error END
      FROM marsql.peer_status();
END;

COMMENT ON FUNCTION marsql.check_peers() IS
'per peer: whether this user can run tasks there, and the error when not';

CREATE FUNCTION marsql.peer_connections(
    OUT peer text, OUT state text, OUT backend_pid integer, OUT in_use boolean,
    OUT tasks bigint, OUT bytes_sent bigint, OUT bytes_received bigint)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'marsql_peer_connections' LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION marsql.peer_connections() IS
'this session''s connections to peers (cached between jobs): tasks run, payload and result bytes moved';

CREATE FUNCTION marsql.disconnect_peers() RETURNS integer
AS 'MODULE_PATHNAME', 'marsql_disconnect_peers' LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION marsql.disconnect_peers() IS
'closes this session''s idle peer connections; returns how many';
