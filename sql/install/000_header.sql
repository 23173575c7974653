-- marsql install script, built from sql/install/*.sql in file-name order.
-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION marsql" to load this file. \quit
