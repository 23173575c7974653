-- The shared tier of the resident value cache (docs/cache.md, "The shared
-- tier"): a large stored value read by one backend is kept once in the
-- server-wide shared cache and served in place to every backend of the
-- database, validated on every hit like an entry of the backend's own tier.
-- This file checks one session's view: what it loads, hits, pins and
-- invalidates, and that every change of the stored value gives the right
-- value.  Other sessions: test/t/050_shared_values.pl.
SET client_min_messages = notice;
SET search_path = marsql, public;
SET marsql.value_cache_shared = on;
CREATE FUNCTION vcs_reference(seed int) RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE AS
	$$ SELECT marsql.random(ARRAY[1024, 1024], seed, dtype => 'float32') $$;
-- this session's counters since the last reset: own tier, then shared tier
CREATE FUNCTION vcs() RETURNS text LANGUAGE sql AS $$
	SELECT format('misses %s shared_loads %s shared_hits %s shared_invalidations %s shared_pinned %s | own: entries %s hits %s',
				  misses, shared_loads, shared_hits, shared_invalidations, shared_pinned, entries, hits)
	FROM marsql.value_cache_stats() $$;
-- the shared cache is on (it is unless marsql.shared_cache_size = 0)
SELECT size_limit > 0 AS shared_cache_on FROM marsql.shared_cache_stats();

-- 4 MB values stored out of line
CREATE TABLE vcs_w (id int PRIMARY KEY, t marsql.tensor);
INSERT INTO vcs_w VALUES (1, vcs_reference(1));
SELECT marsql.value_cache_reset();

-- the first read loads the value into shared memory (a miss), not into the
-- session's own memory; the next reads hit the shared copy
SELECT t = vcs_reference(1) AS same FROM vcs_w WHERE id = 1;
SELECT vcs();
SELECT t = vcs_reference(1) AS same FROM vcs_w WHERE id = 1;
SELECT marsql.sum(t, NULL) = marsql.sum(vcs_reference(1), NULL) AS same FROM vcs_w WHERE id = 1;
SELECT vcs();
-- both arguments the same shared value; the btree comparator frees copies,
-- never the shared copy
SELECT t = t AS same, marsql.allclose(t, t) FROM vcs_w;
SELECT id FROM vcs_w ORDER BY t, id;
-- in a transaction the value is pinned until its end, reads of it again
-- reuse the pin
BEGIN;
SELECT marsql.shape(t) FROM vcs_w;
SELECT marsql.max(t, NULL) = marsql.max(vcs_reference(1), NULL) AS same FROM vcs_w;
SELECT vcs();
COMMIT;
SELECT vcs();

-- value_cache_reset() empties this session's own tier and its counters; the
-- shared tier, which other sessions use, keeps the value: still a hit
SELECT marsql.value_cache_reset();
SELECT t = vcs_reference(1) AS same FROM vcs_w WHERE id = 1;
SELECT vcs();

-- UPDATE writes a new value (a new TOAST pointer): the new value is loaded
UPDATE vcs_w SET t = vcs_reference(2) WHERE id = 1;
SELECT marsql.value_cache_reset();
SELECT t = vcs_reference(2) AS same FROM vcs_w WHERE id = 1;
SELECT t = vcs_reference(2) AS same FROM vcs_w WHERE id = 1;
SELECT vcs();

-- a rolled-back UPDATE: its value is seen inside, the old one after
BEGIN;
UPDATE vcs_w SET t = vcs_reference(3) WHERE id = 1;
SELECT t = vcs_reference(3) AS same FROM vcs_w WHERE id = 1;
ROLLBACK;
SELECT t = vcs_reference(2) AS same FROM vcs_w WHERE id = 1;

-- DELETE + VACUUM, then a new row
DELETE FROM vcs_w;
VACUUM vcs_w;
INSERT INTO vcs_w VALUES (1, vcs_reference(4));
SELECT t = vcs_reference(4) AS same FROM vcs_w WHERE id = 1;
SELECT t = vcs_reference(4) AS same FROM vcs_w WHERE id = 1;

-- TRUNCATE, then a new row
TRUNCATE vcs_w;
INSERT INTO vcs_w VALUES (1, vcs_reference(5));
SELECT t = vcs_reference(5) AS same FROM vcs_w WHERE id = 1;

-- VACUUM FULL and CLUSTER keep the TOAST value OIDs but move the chunks:
-- the shared entry fails validation, is invalidated and read again
SELECT t = vcs_reference(5) AS same FROM vcs_w WHERE id = 1;
SELECT marsql.value_cache_reset();
VACUUM FULL vcs_w;
SELECT t = vcs_reference(5) AS same FROM vcs_w WHERE id = 1;
SELECT vcs();
SELECT t = vcs_reference(5) AS same FROM vcs_w WHERE id = 1;
CLUSTER vcs_w USING vcs_w_pkey;
SELECT t = vcs_reference(5) AS same FROM vcs_w WHERE id = 1;
SELECT vcs();
-- CLUSTER inside the transaction that holds the shared value: the value it
-- was handed stays valid until the end, the key now names moved chunks, so
-- the next read invalidates the entry and loads the value again
BEGIN;
SELECT marsql.value_cache_reset();
SELECT marsql.sum(t, NULL) = marsql.sum(vcs_reference(5), NULL) AS same FROM vcs_w WHERE id = 1;
CLUSTER vcs_w USING vcs_w_pkey;
SELECT marsql.sum(t, NULL) = marsql.sum(vcs_reference(5), NULL) AS same FROM vcs_w WHERE id = 1;
SELECT vcs();
COMMIT;
SELECT t = vcs_reference(5) AS same FROM vcs_w WHERE id = 1;

-- DROP and recreate: the old entries are never hit again, no error
DROP TABLE vcs_w;
CREATE TABLE vcs_w (id int PRIMARY KEY, t marsql.tensor);
INSERT INTO vcs_w VALUES (1, vcs_reference(6)), (2, vcs_reference(7));
SELECT id, t = vcs_reference(5 + id) AS same FROM vcs_w ORDER BY id;
SELECT id, t = vcs_reference(5 + id) AS same FROM vcs_w ORDER BY id;

-- compressed out-of-line values (pglz and lz4) are kept decompressed
CREATE TABLE vcs_c (t marsql.tensor COMPRESSION pglz, u marsql.tensor COMPRESSION lz4);
ALTER TABLE vcs_c ALTER t SET STORAGE EXTENDED, ALTER u SET STORAGE EXTENDED;
INSERT INTO vcs_c VALUES (marsql.ones(ARRAY[1024, 1024], 'float32'),
						  marsql.ones(ARRAY[1024, 1024], 'float32') OPERATOR(marsql.*) 3::float8);
SELECT pg_column_size(t) < 1024 * 1024 AS compressed, pg_column_compression(t),
	pg_column_size(u) < 1024 * 1024 AS compressed, pg_column_compression(u) FROM vcs_c;
SELECT marsql.value_cache_reset();
SELECT t = marsql.ones(ARRAY[1024, 1024], 'float32') AS same,
	u = marsql.ones(ARRAY[1024, 1024], 'float32') OPERATOR(marsql.*) 3::float8 AS same FROM vcs_c;
SELECT t = marsql.ones(ARRAY[1024, 1024], 'float32') AS same,
	u = marsql.ones(ARRAY[1024, 1024], 'float32') OPERATOR(marsql.*) 3::float8 AS same FROM vcs_c;
SELECT vcs();

-- a temporary table's values: no other session can name them, so they stay
-- in the session's own tier
CREATE TEMP TABLE vcs_t AS SELECT vcs_reference(8) AS t;
SELECT marsql.value_cache_reset();
SELECT t = vcs_reference(8) AS same FROM vcs_t;
SELECT t = vcs_reference(8) AS same FROM vcs_t;
SELECT vcs();
DROP TABLE vcs_t;

-- a sparse (CSR) stored value: densified from the shared copy, the copy intact
SET marsql.value_cache_min_size = 0;
CREATE TABLE vcs_s (t marsql.tensor);
INSERT INTO vcs_s SELECT marsql.sparse(marsql.eye(300, dtype => 'float32'));
SELECT marsql.value_cache_reset();
SELECT marsql.dense(t) = marsql.eye(300, dtype => 'float32') AS same, marsql.nnz(t) FROM vcs_s;
SELECT marsql.dense(t) = marsql.eye(300, dtype => 'float32') AS same, marsql.nnz(t),
	marsql.is_sparse(t) FROM vcs_s;
SELECT vcs();
RESET marsql.value_cache_min_size;

-- a function that returns its (shared) argument: stored elsewhere and read
-- back it is the same value; the shared copy is untouched
CREATE TABLE vcs_copy AS SELECT id, marsql.dense(t) AS t FROM vcs_w;
SELECT c.id, c.t = w.t AS same FROM vcs_copy c JOIN vcs_w w USING (id) ORDER BY id;
SELECT id, t = vcs_reference(5 + id) AS same FROM vcs_w ORDER BY id;
DROP TABLE vcs_copy;
-- kept in a plpgsql variable and an aggregate state across the statement
DO $$
DECLARE v marsql.tensor; ok boolean;
BEGIN
	SELECT marsql.dense(t) INTO v FROM vcs_w WHERE id = 1;
	SELECT v = vcs_reference(6) INTO ok;
	RAISE NOTICE 'variable holds the value: %', ok;
END $$;
SELECT (SELECT marsql.stack_agg(t ORDER BY id) FROM vcs_w) =
	(SELECT marsql.stack_agg(vcs_reference(5 + id) ORDER BY id) FROM vcs_w) AS same;

-- an error after a shared hit, caught in a subtransaction: the value stays right
DO $$
DECLARE ok boolean;
BEGIN
	BEGIN
		PERFORM marsql.matmul(t, marsql.ones(ARRAY[3, 3], 'float32')) FROM vcs_w WHERE id = 1;
	EXCEPTION WHEN OTHERS THEN
		RAISE NOTICE 'caught: %', SQLERRM;
	END;
	SELECT t = vcs_reference(6) INTO ok FROM vcs_w WHERE id = 1;
	RAISE NOTICE 'same after the error: %', ok;
END $$;

-- an error in a transaction releases its pins
BEGIN;
SELECT t = vcs_reference(6) AS same FROM vcs_w WHERE id = 1;
SELECT shared_pinned FROM marsql.value_cache_stats();
SELECT marsql.matmul(t, marsql.ones(ARRAY[3, 3], 'float32')) FROM vcs_w WHERE id = 1;
ROLLBACK;
SELECT shared_pinned FROM marsql.value_cache_stats();

-- k-NN over a chunked corpus that fits the cache: its stored tiles are read
-- through the value cache, kept in the shared tier, and served from there by
-- the next calls; same ids as without the cache
SELECT marsql.chunk(marsql.random(ARRAY[20000, 128], 21, 'normal', 'float32'), ARRAY[4096, 128],
	'vcs_corpus') IS NOT NULL AS chunked;
CREATE TABLE vcs_q AS SELECT marsql.random(ARRAY[1, 128], 22, 'normal', 'float32') AS q;
SET marsql.value_cache_size = 0;
CREATE TABLE vcs_expected AS SELECT k.id, k.rank
	FROM vcs_q, marsql.knn(vcs_q.q, 'vcs_corpus'::marsql.chunked_tensor, 10) k;
RESET marsql.value_cache_size;
SELECT marsql.value_cache_reset();
SELECT count(*) = 10 AND bool_and(e.id IS NOT NULL) AS same_ids
	FROM vcs_q, marsql.knn(vcs_q.q, 'vcs_corpus'::marsql.chunked_tensor, 10) k
	LEFT JOIN vcs_expected e USING (id, rank);
SELECT vcs();
SELECT count(*) = 10 AND bool_and(e.id IS NOT NULL) AS same_ids
	FROM vcs_q, marsql.knn(vcs_q.q, 'vcs_corpus'::marsql.chunked_tensor, 10) k
	LEFT JOIN vcs_expected e USING (id, rank);
SELECT vcs();
SELECT marsql.drop('vcs_corpus'::marsql.chunked_tensor);
DROP TABLE vcs_q, vcs_expected;

-- marsql.value_cache_shared = off: this session keeps values in its own
-- memory only and never reads the shared tier; same results
SET marsql.value_cache_shared = off;
SELECT marsql.value_cache_reset();
SELECT id, t = vcs_reference(5 + id) AS same FROM vcs_w ORDER BY id;
SELECT id, t = vcs_reference(5 + id) AS same FROM vcs_w ORDER BY id;
SELECT vcs();
RESET marsql.value_cache_shared;
-- marsql.value_cache_size = 0 turns both tiers off for this session
SET marsql.value_cache_size = 0;
SELECT marsql.value_cache_reset();
SELECT id, t = vcs_reference(5 + id) AS same FROM vcs_w ORDER BY id;
SELECT vcs();
RESET marsql.value_cache_size;
-- below marsql.value_cache_min_size: in neither tier
SET marsql.value_cache_min_size = '8MB';
SELECT id, t = vcs_reference(5 + id) AS same FROM vcs_w ORDER BY id;
SELECT vcs();
RESET marsql.value_cache_min_size;

-- marsql.shared_cache_reset() drops what nobody holds: the next read loads again
SELECT marsql.value_cache_reset();
SELECT marsql.shared_cache_reset();
SELECT id, t = vcs_reference(5 + id) AS same FROM vcs_w ORDER BY id;
SELECT vcs();

SHOW marsql.value_cache_shared;
SELECT try_sql('SET marsql.value_cache_shared = maybe');

DROP TABLE vcs_w, vcs_c, vcs_s;
DROP FUNCTION vcs_reference(int), vcs();
