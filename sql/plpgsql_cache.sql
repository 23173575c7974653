-- PL/pgSQL variables and the resident value cache (docs/cache.md): a
-- function keeps the TOAST pointer in its variable, so marsql calls on it
-- hit the cache; a DO block or CALL outside a transaction block (the
-- non-atomic context) detoasts at assignment with PostgreSQL's own code:
-- its calls use that private copy and never touch the cache.
CREATE TABLE pc_big AS SELECT marsql.random(ARRAY[512, 1024], 1, dtype => 'float32') AS t;
CREATE FUNCTION pc_stats() RETURNS text LANGUAGE sql AS $$
	SELECT format('hits %s misses %s', hits + shared_hits, misses) FROM marsql.value_cache_stats() $$;
CREATE FUNCTION pc_loop(n int) RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE v marsql.tensor; x marsql.tensor;
BEGIN
	v := (SELECT t FROM pc_big);
	FOR i IN 1..n LOOP x := marsql.sum(v, NULL); END LOOP;
	RETURN marsql.item(x);
END $$;
CREATE PROCEDURE pc_proc(n int) LANGUAGE plpgsql AS $$
DECLARE v marsql.tensor; x marsql.tensor;
BEGIN
	v := (SELECT t FROM pc_big);
	FOR i IN 1..n LOOP x := marsql.sum(v, NULL); END LOOP;
END $$;
SELECT marsql.value_cache_reset();
-- a function: one read, then hits, also in its next runs
SELECT pc_loop(10) = (SELECT marsql.item(marsql.sum(t, NULL)) FROM pc_big) AS same;
SELECT pc_stats();
SELECT pc_loop(10) IS NOT NULL AS ran;
SELECT pc_stats();
-- non-atomic CALL and DO: the variable holds a detoasted copy, no cache use
SELECT marsql.value_cache_reset();
CALL pc_proc(10);
DO $$ DECLARE v marsql.tensor; x marsql.tensor;
BEGIN v := (SELECT t FROM pc_big); FOR i IN 1..10 LOOP x := marsql.sum(v, NULL); END LOOP; END $$;
SELECT pc_stats();
-- inside a transaction block they are atomic: the pointer is kept, calls hit
-- (the shared tier still holds the value, so even the first read is a hit)
BEGIN;
CALL pc_proc(10);
COMMIT;
SELECT pc_stats();
DROP PROCEDURE pc_proc(int);
DROP FUNCTION pc_loop(int);
DROP FUNCTION pc_stats();
DROP TABLE pc_big;
