-- A read-only caller cannot write through marsql's executors (issue 18):
-- tasks started from a read-only transaction (marsql.explain's planning,
-- BEGIN READ ONLY, default_transaction_read_only) run read-only on local
-- workers and on peers, whose own transactions would otherwise commit.
SET search_path = marsql, public;
CREATE TABLE public.ro_loot (x int);
CREATE FUNCTION public.ro_write(i int) RETURNS int LANGUAGE sql
AS $$ INSERT INTO public.ro_loot VALUES (i) RETURNING i $$;
SET marsql.max_workers = 2;

-- on local workers
SELECT try_sql($$SELECT count(*) FROM marsql.explain('SELECT marsql.map(''public.ro_write(int)''::regprocedure, ARRAY[1,2,3], 0)')$$);
SELECT try_sql($$SELECT count(*) FROM marsql.explain('SELECT * FROM marsql.map_rows(''public.ro_write(int)''::regprocedure, ARRAY[11], 0)')$$);
SELECT try_sql($$SELECT count(*) FROM marsql.explain('SELECT marsql.fetch(marsql.spawn(''public.ro_write(int)''::regprocedure, 7), 0)')$$);
BEGIN READ ONLY;
SELECT try_sql($$SELECT marsql.map('public.ro_write(int)'::regprocedure, ARRAY[21,22], 0)::text$$);
ROLLBACK;
SET default_transaction_read_only = on;
SELECT try_sql($$SELECT marsql.map('public.ro_write(int)'::regprocedure, ARRAY[31,32], 0)::text$$);
RESET default_transaction_read_only;
-- reading still works read-only, on workers
BEGIN READ ONLY;
SELECT marsql.map('pg_catalog.abs(integer)'::regprocedure, ARRAY[-1,-2,-3], 0);
ROLLBACK;

-- on a peer: this very server
DO $$
BEGIN
	EXECUTE pg_catalog.format(
		'CREATE SERVER ro_loopback FOREIGN DATA WRAPPER marsql OPTIONS (host %L, port %L, dbname %L)',
		pg_catalog.split_part(pg_catalog.current_setting('unix_socket_directories'), ',', 1),
		pg_catalog.current_setting('port'), pg_catalog.current_database());
END $$;
CREATE USER MAPPING FOR CURRENT_USER SERVER ro_loopback;
SELECT try_sql($$SELECT count(*) FROM marsql.explain('SELECT marsql.map(''public.ro_write(int)''::regprocedure, ARRAY[501,502], 0, NULL, ''peers'')')$$);
BEGIN READ ONLY;
SELECT try_sql($$SELECT marsql.map('public.ro_write(int)'::regprocedure, ARRAY[511], 0, NULL, 'peers')::text$$);
ROLLBACK;
BEGIN READ ONLY;
SELECT marsql.map('pg_catalog.abs(integer)'::regprocedure, ARRAY[-4,-5], 0, NULL, 'peers');
ROLLBACK;
-- and a read-write caller still writes through both
SELECT marsql.map('public.ro_write(int)'::regprocedure, ARRAY[41,42], 0);
SELECT marsql.map('public.ro_write(int)'::regprocedure, ARRAY[541], 0, NULL, 'peers');
SELECT marsql.disconnect_peers() > 0 AS disconnected;

-- nothing any read-only caller started was written
SELECT x FROM public.ro_loot ORDER BY x;

DROP USER MAPPING FOR CURRENT_USER SERVER ro_loopback;
DROP SERVER ro_loopback;
DROP FUNCTION public.ro_write(int);
DROP TABLE public.ro_loot;
RESET marsql.max_workers;
