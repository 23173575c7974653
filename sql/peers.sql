-- Peers: the marsql wrapper's validator, the marsql.peers view and
-- check_peers() for unreachable peers, executors, the privilege and
-- password rules, and the peer side's own errors.  Reachable peers,
-- failures and retries are TAP tests (test/t/010_peers.pl).
SET search_path = marsql, public;

-- the wrapper exists and validates
SELECT fdwname, fdwvalidator::regproc FROM pg_foreign_data_wrapper WHERE fdwname = 'marsql';
SELECT try_sql($$CREATE SERVER bad FOREIGN DATA WRAPPER marsql OPTIONS (user 'x')$$);
SELECT try_sql($$CREATE SERVER bad FOREIGN DATA WRAPPER marsql OPTIONS (password 'x')$$);
SELECT try_sql($$CREATE SERVER bad FOREIGN DATA WRAPPER marsql OPTIONS (colour 'red')$$);
SELECT try_sql($$CREATE SERVER bad FOREIGN DATA WRAPPER marsql OPTIONS (capacity '0')$$);
SELECT try_sql($$CREATE SERVER bad FOREIGN DATA WRAPPER marsql OPTIONS (capacity 'two')$$);
SELECT try_sql($$CREATE SERVER bad FOREIGN DATA WRAPPER marsql OPTIONS (replication 'on')$$);
SELECT try_sql($$ALTER FOREIGN DATA WRAPPER marsql OPTIONS (capacity '2')$$);

-- two peers nobody listens for
CREATE SERVER nowhere FOREIGN DATA WRAPPER marsql
	OPTIONS (host '/nonexistent', port '1', dbname 'db', capacity '3', connect_timeout '2');
CREATE SERVER nowhere2 FOREIGN DATA WRAPPER marsql OPTIONS (host '/nonexistent', port '2');
SELECT try_sql($$CREATE USER MAPPING FOR CURRENT_USER SERVER nowhere OPTIONS (colour 'red')$$);
CREATE USER MAPPING FOR CURRENT_USER SERVER nowhere OPTIONS (user 'nobody', password 'secret');
SELECT * FROM marsql.peers;
SELECT * FROM marsql.check_peers();
CREATE USER MAPPING FOR CURRENT_USER SERVER nowhere2;

-- executors: the argument and the setting
SELECT try_sql($$SELECT marsql.map('abs(integer)'::regprocedure, ARRAY[-1], 0, executors => 'moon')$$);
SELECT try_sql($$SET marsql.executors = moon$$);
SET marsql.executors = 'all';
SHOW marsql.executors;
RESET marsql.executors;
SET marsql.peer_servers = 'nowhere, no_such_peer';
SELECT try_sql($$SELECT marsql.map('abs(integer)'::regprocedure, ARRAY[-1], 0, executors => 'peers')$$);
RESET marsql.peer_servers;
-- every peer refuses: the call fails naming the peer (08001), as does knn
-- over a named table, which needs the peers
SELECT try_sql($$SELECT marsql.map('abs(integer)'::regprocedure, ARRAY[-1], 0, executors => 'peers')$$);
CREATE TABLE peer_items (id bigint, v real[]);
INSERT INTO peer_items VALUES (1, '{0,0}'), (2, '{1,1}');
SELECT try_sql($$SELECT count(*) FROM marsql.knn('[0,0]'::tensor, 'peer_items', 'v', 'id', 1, executors => 'peers')$$);
-- the named table on this server alone, and an unknown name
SELECT * FROM marsql.knn('[0.9,0.9]'::tensor, 'peer_items', 'v', 'id', 1);
SELECT try_sql($$SELECT count(*) FROM marsql.knn('[0,0]'::tensor, 'no_such_items', 'v', 'id', 1)$$);
-- with 'all', local workers take over the refused peer's tasks
SET client_min_messages = error;
SELECT marsql.map('abs(integer)'::regprocedure, ARRAY[-1, -2, -3], 0, executors => 'all');
RESET client_min_messages;

-- a non-superuser: USAGE, the mapping and its password
CREATE ROLE peer_user LOGIN;
GRANT USAGE ON SCHEMA marsql TO peer_user;
SET ROLE peer_user;
SELECT peer, success, result FROM marsql.check_peers();
SELECT try_sql($$SELECT marsql.map('abs(integer)'::regprocedure, ARRAY[-1], 0, executors => 'peers')$$);
RESET ROLE;
GRANT USAGE ON FOREIGN SERVER nowhere, nowhere2 TO peer_user;
GRANT USAGE ON FOREIGN DATA WRAPPER marsql TO peer_user;
CREATE USER MAPPING FOR peer_user SERVER nowhere2 OPTIONS (user 'peer_user', password 'x');
SET ROLE peer_user;
SELECT try_sql($$SELECT marsql.map('abs(integer)'::regprocedure, ARRAY[-1], 0, executors => 'peers')$$);
RESET ROLE;
CREATE USER MAPPING FOR peer_user SERVER nowhere OPTIONS (user 'peer_user');
SET ROLE peer_user;
SELECT try_sql($$SELECT marsql.map('abs(integer)'::regprocedure, ARRAY[-1], 0, executors => 'peers')$$);
-- only roles granted it may send raw tasks to this server as a peer
SELECT try_sql($$SELECT marsql.peer_run_task('marsql tile', '\x00', NULL, NULL)$$);
-- mapping options only a superuser may set; no view shows a mapping's options
SELECT try_sql($$ALTER USER MAPPING FOR peer_user SERVER nowhere OPTIONS (ADD password_required 'false')$$);
SELECT try_sql($$ALTER USER MAPPING FOR peer_user SERVER nowhere OPTIONS (ADD sslkey '/etc/ssl/private/key')$$);
SELECT try_sql($$CREATE SERVER mine FOREIGN DATA WRAPPER marsql OPTIONS (dbname 'host=elsewhere dbname=x')$$);
SELECT count(*) FILTER (WHERE umoptions IS NOT NULL) AS options_shown FROM pg_user_mappings WHERE srvname = 'nowhere' AND usename = 'postgres';
RESET ROLE;
ALTER USER MAPPING FOR peer_user SERVER nowhere OPTIONS (ADD password_required 'false');

-- this session's connections: none held, none left
SELECT count(*) FROM marsql.peer_connections();
SELECT marsql.disconnect_peers();

-- the peer side: bad calls of peer_run_task
SELECT try_sql($$SELECT marsql.peer_run_task('no such kind', '\x00', NULL, NULL)$$);
SELECT try_sql($$SELECT marsql.peer_run_task(NULL, '\x00', NULL, NULL)$$);
SELECT try_sql($$SELECT marsql.peer_run_task('marsql knn partition', '\x00', NULL, NULL)$$);
SELECT try_sql($$SELECT marsql.peer_run_task('marsql call', '\x0000', NULL, NULL)$$);
-- a gemm tile task for a 1000 x 1000 result whose two input tiles claim
-- 1000 x 1000 float64 elements in 16 bytes each (the header and tensors in
-- this machine's little-endian layout): refused, never read past the payload
SELECT try_sql($$SELECT marsql.peer_run_task('marsql tile', '\x01000000000000000200000001000000ffffffff02000000000000000200000000000000000000000000000000000000e803000000000000e80300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004000000002020000e8030000e80300004000000002020000e8030000e8030000', NULL, NULL)$$);

DROP TABLE peer_items;
DROP OWNED BY peer_user;
DROP ROLE peer_user;
DROP SERVER nowhere, nowhere2 CASCADE;
