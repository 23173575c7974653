-- Run as the superuser in the test database by test/sqlsmith/run.sh: the
-- extension, the non-superuser role sqlsmith connects as, and the view that
-- narrows sqlsmith's choice of functions for the marsql-focused run.
\set ON_ERROR_STOP 1
CREATE EXTENSION marsql;
CREATE ROLE smith LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE SCHEMA smith AUTHORIZATION smith;
ALTER ROLE smith SET search_path = smith, marsql, public;
-- sqlsmith sets 1 s on its own connection too; this covers every other one
ALTER ROLE smith SET statement_timeout = '1s';

-- sqlsmith 1.4 reads its functions with an unqualified "FROM pg_proc".  A
-- connection whose search_path names this schema before pg_catalog sees
-- this view instead: every marsql function and every function taking or
-- returning a marsql type, plus one core function in 32 that takes and
-- returns no pseudo-type (so that values of other types still get made and
-- combined), all of them only when smith may execute them.  The generated
-- statements name functions with their schema, so they call the real ones.
-- sqlsmith also lists the view as a table to query: for its statements
-- (application_name sqlsmith::dut) the view is empty.
CREATE SCHEMA sqlsmith_focus;
CREATE VIEW sqlsmith_focus.pg_proc AS
	SELECT * FROM pg_catalog.pg_proc p
	WHERE current_setting('application_name') <> 'sqlsmith::dut'
	  AND has_function_privilege('smith', p.oid, 'EXECUTE')
	  AND (p.pronamespace = 'marsql'::regnamespace
		   OR EXISTS (SELECT FROM pg_catalog.pg_type t
					  WHERE t.typnamespace = 'marsql'::regnamespace
						AND (t.oid = p.prorettype OR t.oid = ANY (p.proargtypes)))
		   OR (p.oid::bigint % 32 = 0
			   AND NOT EXISTS (SELECT FROM pg_catalog.pg_type t
							   WHERE t.typtype = 'p'
								 AND (t.oid = p.prorettype OR t.oid = ANY (p.proargtypes)))));
GRANT USAGE ON SCHEMA sqlsmith_focus TO smith;
GRANT SELECT ON sqlsmith_focus.pg_proc TO smith;
