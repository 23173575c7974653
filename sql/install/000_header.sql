-- marsql install script, built from sql/install/*.sql in file-name order.
-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION marsql" to load this file. \quit

-- Everyone may use what the extension offers; functions that need more
-- (EXECUTE on a fanned-out function, for one) check it themselves.
GRANT USAGE ON SCHEMA marsql TO PUBLIC;
