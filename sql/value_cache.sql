-- The resident value cache (docs/cache.md): large stored tensors are read
-- from TOAST once and then served from memory while unchanged; every change
-- of the stored value (UPDATE, DELETE + VACUUM, TRUNCATE, DROP, VACUUM FULL,
-- a rolled-back UPDATE) gives the right value, never a stale one.
-- This file tests the backend's own tier: the shared tier (value_cache_shared.sql)
-- is off here.
SET client_min_messages = notice;
SET search_path = marsql, public;
SET marsql.value_cache_shared = off;
CREATE FUNCTION vc_reference(seed int) RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE AS
	$$ SELECT marsql.random(ARRAY[1024, 1024], seed, dtype => 'float32') $$;
-- hits, misses, invalidations, skipped and entries since the last reset
CREATE FUNCTION vc() RETURNS text LANGUAGE sql AS $$
	SELECT format('hits %s misses %s invalidations %s skipped %s entries %s pinned %s',
				  hits, misses, invalidations, skipped, entries, pinned)
	FROM marsql.value_cache_stats() $$;

-- 4 MB values stored out of line (the type's STORAGE is external: no compression)
CREATE TABLE vc_w (id int PRIMARY KEY, t marsql.tensor);
INSERT INTO vc_w VALUES (1, vc_reference(1));
SELECT marsql.value_cache_reset();
SELECT vc();

-- the first read misses, the next ones hit; the value is the stored one
SELECT t = vc_reference(1) AS same FROM vc_w WHERE id = 1;
SELECT vc();
SELECT t = vc_reference(1) AS same FROM vc_w WHERE id = 1;
SELECT marsql.sum(t, NULL) = marsql.sum(vc_reference(1), NULL) AS same FROM vc_w WHERE id = 1;
SELECT vc();
-- both arguments the same cached value (compare frees copies, never the cache's)
SELECT t = t AS same, marsql.allclose(t, t) FROM vc_w;
SELECT vc();
-- in a transaction, the value handed out is pinned until its end
BEGIN;
SELECT marsql.shape(t) FROM vc_w;
SELECT marsql.max(t, NULL) = marsql.max(vc_reference(1), NULL) AS same FROM vc_w;
SELECT vc();
COMMIT;
SELECT vc();

-- UPDATE writes a new value (a new TOAST pointer): the new value is read
UPDATE vc_w SET t = vc_reference(2) WHERE id = 1;
SELECT t = vc_reference(2) AS same FROM vc_w WHERE id = 1;
SELECT t = vc_reference(2) AS same FROM vc_w WHERE id = 1;
SELECT vc();

-- a rolled-back UPDATE: its value is seen inside, the old one after
BEGIN;
UPDATE vc_w SET t = vc_reference(3) WHERE id = 1;
SELECT t = vc_reference(3) AS same FROM vc_w WHERE id = 1;
ROLLBACK;
SELECT t = vc_reference(2) AS same FROM vc_w WHERE id = 1;
SELECT vc();

-- DELETE + VACUUM, then a new row
DELETE FROM vc_w;
VACUUM vc_w;
INSERT INTO vc_w VALUES (1, vc_reference(4));
SELECT t = vc_reference(4) AS same FROM vc_w WHERE id = 1;
SELECT t = vc_reference(4) AS same FROM vc_w WHERE id = 1;

-- TRUNCATE, then a new row
TRUNCATE vc_w;
INSERT INTO vc_w VALUES (1, vc_reference(5));
SELECT t = vc_reference(5) AS same FROM vc_w WHERE id = 1;

-- VACUUM FULL keeps the TOAST value OIDs but moves the chunks: the probe
-- sees another relfilenode and the value is read again (an invalidation)
SELECT marsql.value_cache_reset();
SELECT t = vc_reference(5) AS same FROM vc_w WHERE id = 1;
VACUUM FULL vc_w;
SELECT t = vc_reference(5) AS same FROM vc_w WHERE id = 1;
SELECT vc();
SELECT t = vc_reference(5) AS same FROM vc_w WHERE id = 1;
CLUSTER vc_w USING vc_w_pkey;
SELECT t = vc_reference(5) AS same FROM vc_w WHERE id = 1;
SELECT vc();

-- DROP and recreate: the old entries are never hit again, no error
DROP TABLE vc_w;
CREATE TABLE vc_w (id int PRIMARY KEY, t marsql.tensor);
INSERT INTO vc_w VALUES (1, vc_reference(6)), (2, vc_reference(7));
SELECT id, t = vc_reference(5 + id) AS same FROM vc_w ORDER BY id;
SELECT id, t = vc_reference(5 + id) AS same FROM vc_w ORDER BY id;

-- a compressed out-of-line value is kept in its decompressed form
CREATE TABLE vc_c (t marsql.tensor);
ALTER TABLE vc_c ALTER t SET STORAGE EXTENDED;
INSERT INTO vc_c VALUES (marsql.ones(ARRAY[1024, 1024], 'float32'));
SELECT pg_column_size(t) < 1024 * 1024 AS compressed FROM vc_c;
SELECT marsql.value_cache_reset();
SELECT t = marsql.ones(ARRAY[1024, 1024], 'float32') AS same FROM vc_c;
SELECT t = marsql.ones(ARRAY[1024, 1024], 'float32') AS same FROM vc_c;
SELECT vc();

-- a sparse (CSR) stored value: densified from the cached copy, the copy intact
SET marsql.value_cache_min_size = 0;
CREATE TABLE vc_s (t marsql.tensor);
INSERT INTO vc_s SELECT marsql.sparse(marsql.eye(300, dtype => 'float32'));
SELECT pg_column_size(t) > 2048 AS out_of_line FROM vc_s;
SELECT marsql.value_cache_reset();
SELECT marsql.dense(t) = marsql.eye(300, dtype => 'float32') AS same, marsql.nnz(t) FROM vc_s;
SELECT marsql.dense(t) = marsql.eye(300, dtype => 'float32') AS same, marsql.nnz(t),
	marsql.is_sparse(t) FROM vc_s;
SELECT vc();
RESET marsql.value_cache_min_size;

-- a function that returns its (cached) argument: the result stored elsewhere
-- and read back is the same value; the cached copy is untouched
CREATE TABLE vc_copy AS SELECT id, marsql.dense(t) AS t FROM vc_w;
SELECT c.id, c.t = w.t AS same FROM vc_copy c JOIN vc_w w USING (id) ORDER BY id;
SELECT id, t = vc_reference(5 + id) AS same FROM vc_w ORDER BY id;
DROP TABLE vc_copy;

-- an error caught in a subtransaction after a hit: the value stays right
DO $$
DECLARE ok boolean;
BEGIN
	BEGIN
		PERFORM marsql.matmul(t, marsql.ones(ARRAY[3, 3], 'float32')) FROM vc_w WHERE id = 1;
	EXCEPTION WHEN OTHERS THEN
		RAISE NOTICE 'caught: %', SQLERRM;
	END;
	SELECT t = vc_reference(6) INTO ok FROM vc_w WHERE id = 1;
	RAISE NOTICE 'same after the error: %', ok;
END $$;

-- sorting with the btree comparator over cached values
SELECT id FROM vc_w ORDER BY t, id;
SELECT id FROM vc_w ORDER BY t, id;

-- an error in a transaction releases its pins
SELECT marsql.value_cache_reset();
BEGIN;
SELECT t = vc_reference(6) AS same FROM vc_w WHERE id = 1;
SELECT vc();
SELECT marsql.matmul(t, marsql.ones(ARRAY[3, 3], 'float32')) FROM vc_w WHERE id = 1;
ROLLBACK;
SELECT vc();
SELECT t = vc_reference(6) AS same FROM vc_w WHERE id = 1;
SELECT vc();

-- reset while values are in use: they are freed at transaction end
BEGIN;
SELECT t = vc_reference(6) AS same FROM vc_w WHERE id = 1;
SELECT marsql.value_cache_reset();
SELECT t = vc_reference(6) AS same FROM vc_w WHERE id = 1;
SELECT vc();
COMMIT;
SELECT vc();

-- the bound: 6 MB holds one 4 MB value; the least recently used one goes
SET marsql.value_cache_size = '6MB';
SELECT marsql.value_cache_reset();
SELECT t = vc_reference(6) AS same FROM vc_w WHERE id = 1;
SELECT t = vc_reference(7) AS same FROM vc_w WHERE id = 2;
SELECT evictions, entries, bytes <= 6 * 1024 * 1024 AS bounded FROM marsql.value_cache_stats();
-- in one statement the first value is pinned: the second is not kept
SELECT marsql.value_cache_reset();
SELECT id, t = vc_reference(5 + id) AS same FROM vc_w ORDER BY id;
SELECT vc();
-- a value larger than the whole cache is never kept
SET marsql.value_cache_size = '2MB';
SELECT marsql.value_cache_reset();
SELECT t = vc_reference(6) AS same FROM vc_w WHERE id = 1;
SELECT vc();
-- below marsql.value_cache_min_size: not cached, not counted
RESET marsql.value_cache_size;
SET marsql.value_cache_min_size = '8MB';
SELECT t = vc_reference(6) AS same FROM vc_w WHERE id = 1;
SELECT vc();
RESET marsql.value_cache_min_size;
-- 0 turns the cache off; values stay right
SET marsql.value_cache_size = 0;
SELECT t = vc_reference(6) AS same FROM vc_w WHERE id = 1;
SELECT vc();
RESET marsql.value_cache_size;

-- the settings' bounds
SELECT try_sql('SELECT set_config(''marsql.value_cache_size'', ''-1'', false)');
SELECT try_sql('SELECT set_config(''marsql.value_cache_min_size'', ''-1'', false)');
SELECT try_sql('SELECT set_config(''marsql.retained_memory'', ''-1'', false)');
SELECT try_sql('SELECT set_config(''marsql.value_cache_size'', ''3TB'', false)');
SHOW marsql.value_cache_size;
SHOW marsql.value_cache_min_size;
SHOW marsql.retained_memory;
-- retained memory: results stay right with it off and on
SET marsql.retained_memory = 0;
SELECT marsql.sum(marsql.ones(ARRAY[2048, 2048], 'float32'), NULL);
SET marsql.retained_memory = '64MB';
SELECT marsql.sum(marsql.ones(ARRAY[2048, 2048], 'float32'), NULL);
SELECT marsql.sum(marsql.ones(ARRAY[2048, 2048], 'float32'), NULL);
RESET marsql.retained_memory;

-- memory stays bounded over many reads: the cache's contexts hold at most
-- the bound (plus bookkeeping)
SET marsql.value_cache_size = '6MB';
SELECT marsql.value_cache_reset();
SELECT count(*) FROM generate_series(1, 20) g, vc_w
	WHERE marsql.sum(t, NULL) IS NOT NULL AND id = 1 + g % 2;
SELECT sum(total_bytes) < 7 * 1024 * 1024 AS bounded
	FROM pg_backend_memory_contexts WHERE name LIKE 'marsql%value%' OR parent LIKE 'marsql value cache';
RESET marsql.value_cache_size;

DROP TABLE vc_w, vc_c, vc_s;
DROP FUNCTION vc_reference(int), vc();
