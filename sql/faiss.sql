-- FAISS indexes: create (Flat, HNSW, IVF, sharded), search against the
-- exact k-NN, add, drop, the catalog view, the per-backend cache, and
-- every error path.  Approximate recall is tested at scale in TAP.
SET search_path = public, marsql;
SET marsql.faiss_threads = 1;

CREATE TABLE fitems AS
	SELECT "row" * 10 AS id, "values"::real[] AS emb
	FROM rows(random('{3000,16}', 1, 'normal', 'float32'));
CREATE TABLE fq AS SELECT random('{20,16}', 2, 'normal', 'float32') AS q;

-- Flat is exact: the same ids as marsql.knn for every metric
SELECT faiss_create('f_l2', 'fitems', 'emb', 'id', 'Flat');
SELECT faiss_create('f_ip', 'fitems', 'emb', 'id', 'Flat', 'inner_product');
SELECT faiss_create('f_cos', 'fitems', 'emb', 'id', 'Flat', 'cosine');
SELECT faiss_create('f_sq', 'fitems', 'emb', 'id', 'Flat', 'l2_squared');
SELECT m, (SELECT count(*) FROM (
			(SELECT query, rank, id FROM faiss_search(v.i, (SELECT q FROM fq), 5))
			EXCEPT (SELECT query, rank, id FROM knn((SELECT q FROM fq), 'fitems', 'emb', 'id', 5, v.m))) d) AS differ,
		  (SELECT count(*) FROM faiss_search(v.i, (SELECT q FROM fq), 5)) AS found
FROM (VALUES ('f_l2', 'l2'), ('f_ip', 'ip'), ('f_cos', 'cosine'), ('f_sq', 'l2_squared')) v(i, m) ORDER BY m;
-- distances agree to float32 rounding
SELECT bool_and(abs(f.distance - k.distance) <= 1e-4 * (1 + abs(k.distance))) AS close
FROM faiss_search('f_cos', (SELECT q FROM fq), 5) f
JOIN knn((SELECT q FROM fq), 'fitems', 'emb', 'id', 5, 'cosine') k USING (query, rank);
SELECT query, rank, id, round(distance::numeric, 4) AS distance FROM faiss_search('f_l2', (SELECT q[0] FROM fq), 3) AS one_query;

-- approximate indexes, a sharded build (on workers), search parameters
SELECT faiss_create('f_hnsw', 'fitems', 'emb', 'id', 'HNSW16');
SELECT faiss_create('f_ivf', 'fitems', 'emb', 'id', 'IVF16,Flat', 'l2', '{"train_sample": 1000}');
SELECT faiss_create('f_pq', 'fitems', 'emb', 'id', 'IVF8,PQ4x4', 'l2', '{"train_sample": 2000}');
SELECT faiss_create('f_shards', 'fitems', 'emb', 'id', 'Flat', 'l2', '{"shard_rows": 700}');
SELECT name, type, factory, metric, dims, count, bytes > 0 AS has_bytes, shards, corpus, options
FROM faiss_indexes ORDER BY name;
-- a sharded Flat index is still exact: shards' top-k merge by (distance, id)
SELECT count(*) AS differ FROM (
	(SELECT query, rank, id FROM faiss_search('f_shards', (SELECT q FROM fq), 7))
	EXCEPT (SELECT query, rank, id FROM knn((SELECT q FROM fq), 'fitems', 'emb', 'id', 7))) d;
-- nprobe = every list makes IVF exact
SELECT count(*) AS differ FROM (
	(SELECT query, rank, id FROM faiss_search('f_ivf', (SELECT q FROM fq), 5, '{"nprobe": 16}'))
	EXCEPT (SELECT query, rank, id FROM knn((SELECT q FROM fq), 'fitems', 'emb', 'id', 5))) d;
SELECT count(*) = 100 AS k_rows FROM faiss_search('f_hnsw', (SELECT q FROM fq), 5, '{"efSearch": 64}');
SELECT count(*) = 100 AS k_rows FROM faiss_search('f_pq', (SELECT q FROM fq), 5, '{"nprobe": 4}');
-- k beyond the vectors: every vector once
SELECT count(*) AS all_of_them FROM faiss_search('f_shards', (SELECT q[0] FROM fq), 5000);

-- the cache: loaded once per backend, reloaded when the index changes
SELECT name, shards FROM faiss_loaded() ORDER BY name;
SELECT version AS v1 FROM faiss_loaded() WHERE name = 'f_hnsw' \gset
INSERT INTO fitems VALUES (999999, array_fill(100::real, ARRAY[16]));
SELECT faiss_add('f_hnsw', 'id = 999999') AS added;
SELECT count(*) AS cached_until_searched FROM faiss_loaded() WHERE name = 'f_hnsw';
-- (an outlier: HNSW finds it with a wide search)
SELECT id, distance FROM faiss_search('f_hnsw', array_fill(100::real, ARRAY[16])::tensor, 1, '{"efSearch": 256}');
SELECT version > :v1 AS reloaded FROM faiss_loaded() WHERE name = 'f_hnsw';
SELECT faiss_add('f_hnsw', astype('[[-50,-50,-50,-50,-50,-50,-50,-50,-50,-50,-50,-50,-50,-50,-50,-50]]', 'float64'), '{424242}') AS added;
SELECT id FROM faiss_search('f_hnsw', full('{16}', -50), 1, '{"efSearch": 256}');
SELECT count FROM faiss_indexes WHERE name = 'f_hnsw';
-- rolled back changes are not seen, in this backend or others
BEGIN;
SELECT faiss_add('f_l2', full('{1,16}', 7), '{777}') AS added_in_tx;
SELECT id FROM faiss_search('f_l2', full('{16}', 7), 1);
ROLLBACK;
SELECT id <> 777 AS rolled_back FROM faiss_search('f_l2', full('{16}', 7), 1);
BEGIN;
SELECT faiss_drop('f_l2');
SELECT count(*) FROM faiss_indexes WHERE name = 'f_l2';
ROLLBACK;
SELECT count(*) AS restored FROM faiss_search('f_l2', (SELECT q[0] FROM fq), 2);

-- errors
SELECT try_sql($$SELECT faiss_create('f_l2', 'fitems', 'emb', 'id', 'Flat')$$);
SELECT try_sql($$SELECT faiss_create('bad', 'fitems', 'emb', 'id', 'NoSuchIndex')$$);
SELECT try_sql($$SELECT faiss_create('bad', 'fitems', 'emb', 'id', 'Flat', 'manhattan')$$);
SELECT try_sql($$SELECT faiss_create('bad', 'fitems', 'emb', 'id', 'Flat', 'l2', '{"shards": 2}')$$);
SELECT try_sql($$SELECT faiss_create('bad', 'fitems', 'emb', 'id', 'Flat', 'l2', '{"shard_rows": 0}')$$);
SELECT try_sql($$SELECT faiss_create('bad', 'fitems', 'emb', 'id', 'Flat', 'l2', '{"shard_rows": "many"}')$$);
SELECT try_sql($$SELECT faiss_create('bad', 'fitems', 'emb', 'id', 'Flat', 'l2', '[1]')$$);
SELECT try_sql($$SELECT faiss_create('', 'fitems', 'emb', 'id', 'Flat')$$);
SELECT try_sql($$SELECT faiss_create(repeat('x', 64), 'fitems', 'emb', 'id', 'Flat')$$);
SELECT try_sql($$SELECT faiss_create('bad', 'fitems', 'nope', 'id', 'Flat')$$);
SELECT try_sql($$SELECT faiss_create('bad', 'fitems', 'emb', NULL, 'Flat')$$);
CREATE TABLE fempty (id int, emb real[]);
SELECT try_sql($$SELECT faiss_create('bad', 'fempty', 'emb', 'id', 'Flat')$$);
SELECT try_sql($$SELECT faiss_create('bad', 'fitems', 'emb', 'id', 'IVF4096,Flat', 'l2', '{"train_sample": 10}')$$);
SELECT count(*) AS nothing_left FROM faiss_indexes WHERE name = 'bad';
SELECT try_sql($$SELECT count(*) FROM faiss_search('nope', '[1]'::tensor, 1)$$);
SELECT try_sql($$SELECT count(*) FROM faiss_search('f_l2', '[1,2]'::tensor, 1)$$);
SELECT try_sql($$SELECT count(*) FROM faiss_search('f_l2', (SELECT q FROM fq), 0)$$);
SELECT try_sql($$SELECT count(*) FROM faiss_search('f_ivf', (SELECT q FROM fq), 1, '{"nprobes": 2}')$$);
SELECT try_sql($$SELECT count(*) FROM faiss_search('f_ivf', (SELECT q FROM fq), 1, '{"nprobe": -2}')$$);
SELECT try_sql($$SELECT faiss_add('f_l2', '[[1,2]]'::tensor, '{1}')$$);
SELECT try_sql($$SELECT faiss_add('f_l2', (SELECT q FROM fq), '{1,2}')$$);
SELECT try_sql($$SELECT faiss_add('f_l2', (SELECT q[0:1] FROM fq), '{NULL}')$$);
SELECT try_sql($$SELECT faiss_add('f_l2', (SELECT q[0:1] FROM fq), '{{1}}')$$);
SELECT try_sql($$SELECT count(*) FROM faiss_search('f_ivf', (SELECT q FROM fq), 1, '{"nprobe": null}')$$);
SELECT try_sql($$SELECT faiss_add('nope', 'true')$$);
SELECT try_sql($$SELECT faiss_drop('nope')$$);
-- the corpus renamed: the index follows the table (bound by OID), and so does the catalog
ALTER TABLE fitems RENAME TO fitems_moved;
SELECT count(*) AS still_searches FROM faiss_search('f_l2', (SELECT q[0] FROM fq), 2);
SELECT try_sql($$SELECT faiss_add('f_l2', 'false')$$);
SELECT corpus FROM faiss_indexes WHERE name = 'f_l2';
ALTER TABLE fitems_moved RENAME TO fitems;
SELECT corpus FROM faiss_indexes WHERE name = 'f_l2';
-- ALTER INDEX can rename a table too: followed the same way
ALTER INDEX fitems RENAME TO fitems_moved;
SELECT corpus FROM faiss_indexes WHERE name = 'f_l2';
ALTER TABLE fitems_moved RENAME TO fitems;
SELECT corpus FROM faiss_indexes WHERE name = 'f_l2';
-- an index whose corpus was dropped stays unusable after a restore, even
-- where its creator has a new table of that name (simulated restore: the
-- row carries another database's instance id)
CREATE TABLE fdead AS SELECT id, emb FROM fitems;
SELECT faiss_create('f_dead', 'fdead', 'emb', 'id', 'Flat');
DROP TABLE fdead;
CREATE TABLE fdead (id bigint, emb real[]);
UPDATE marsql.faiss_catalog SET corpus_instance = gen_random_uuid() WHERE name = 'f_dead';
SELECT try_sql($$SELECT count(*) FROM faiss_search('f_dead', (SELECT q[0] FROM fq), 2)$$);
SELECT faiss_drop('f_dead');
DROP TABLE fdead;

-- privileges: searching needs SELECT on the corpus; changing needs the creator
CREATE ROLE faiss_reader;
GRANT USAGE ON SCHEMA marsql TO faiss_reader;
SET ROLE faiss_reader;
SELECT try_sql($$SELECT count(*) FROM marsql.faiss_search('f_l2', '[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]'::marsql.tensor, 1)$$);
SELECT try_sql($$SELECT marsql.faiss_drop('f_l2')$$);
SELECT try_sql($$SELECT count(*) FROM marsql.faiss_data$$);
SELECT count(*) > 0 AS sees_the_view FROM marsql.faiss_indexes;
RESET ROLE;
GRANT SELECT ON fitems TO faiss_reader;
SET ROLE faiss_reader;
SELECT count(*) AS searches FROM marsql.faiss_search('f_l2', '[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]'::marsql.tensor, 1);
RESET ROLE;
REVOKE ALL ON fitems FROM faiss_reader;
REVOKE ALL ON SCHEMA marsql FROM faiss_reader;
DROP ROLE faiss_reader;

SELECT faiss_drop(name) FROM faiss_indexes ORDER BY name;
SELECT count(*) AS none_left, (SELECT count(*) FROM faiss_loaded()) AS none_cached FROM faiss_indexes;
