-- marsql demo: the tensor type, fan-out of SQL functions, chunked tensors,
-- k-NN and FAISS, and peers (demo.sh passes the peer clusters' ports).
\pset footer off
CREATE EXTENSION marsql;
SET search_path = marsql, public;

\echo '-- a tensor literal, its shape and dtype'
SELECT '[[1,2],[3,4]]'::tensor AS t, shape('[[1,2],[3,4]]'), dtype('[[1,2],[3,4]]');

\echo '-- float32 tensors, from a literal, a type modifier or a real[] array'
SELECT 'float32:[0.1, 0.2]'::tensor, '[0.1, 0.2]'::tensor(float32), '{0.5,1.5}'::real[]::tensor;

\echo '-- numpy-style constructors'
SELECT eye(3) AS eye, arange(0, 1, 0.25) AS arange, linspace(0, 1, 5) AS linspace;

\echo '-- seeded random tensors are the same on every machine'
SELECT shape(random('{3,4,5}', 42)), random('{4}', 42) AS uniform, random('{3}', 42, 'normal', 'float32') AS normal;

\echo '-- store tensors in a table, group by them, compare them'
CREATE TEMP TABLE embeddings (id int, v tensor(float32));
INSERT INTO embeddings SELECT i, random('{4}', i % 3) FROM generate_series(1, 9) i;
SELECT v, count(*) FROM embeddings GROUP BY v ORDER BY v;
SELECT allclose('[1, 2]', '[1, 2.0000001]') AS allclose;

\echo '-- tensors to rows for BI tools, and rows back to a tensor'
SELECT * FROM unnest('[[1,2],[3,4]]'::tensor);
SELECT * FROM rows('[[1,2,3],[4,5,6]]'::tensor);
SELECT stack_agg(ARRAY[id, id * 10]::float8[] ORDER BY id) FROM generate_series(1, 3) id;

\echo '-- fan-out: any SQL function, called in parallel on background workers'
CREATE FUNCTION public.sq(x int) RETURNS int LANGUAGE sql AS 'SELECT x * x';
SELECT map('sq(int)', ARRAY[1, 2, 3, 4], NULL::int);

\echo '-- spawn builds a graph of calls: a task handle as an argument is a dependency'
SELECT spawn('sq(int)', 3) AS a \gset
SELECT spawn('sq(int)', :'a'::task) AS b \gset
SELECT marsql.fetch(:'b', NULL::int) AS sq_of_sq_of_3;
SELECT function, status, executor IS NOT NULL AS ran, cardinality(depends_on) AS dependencies FROM tasks;

\echo '-- Monte-Carlo pi: 20 chunks, serial and fanned out, same answer'
\ir examples/monte_carlo_pi.sql

\echo '-- hyperparameter grid search: scikit-learn in plpython3u, one call per grid point'
\ir examples/grid_search.sql

\echo '-- chunked tensors: a 1.3 GB array (a value holds at most 1 GB), generated tile by tile on workers'
SELECT chunked_random('{20000,16384}', '{4096,4096}', 7, dtype => 'float32') AS big \gset
SELECT pg_size_pretty(nbytes(:'big'::chunked_tensor)) AS size, ntiles(:'big'::chunked_tensor) AS tiles,
       nbytes(:'big'::chunked_tensor) > 1073741823 AS larger_than_one_value;
\echo '-- its product with a 16384 x 64 matrix: a graph of tile tasks, shown first, then run'
SELECT * FROM explain(format($$SELECT marsql.matmul(%L::marsql.chunked_tensor, marsql.random('{16384,64}', 8, dtype => 'float32'))$$, :'big'));
SELECT matmul(:'big'::chunked_tensor, random('{16384,64}', 8, dtype => 'float32')) AS product \gset
SELECT :'product' AS product;
SELECT allclose(slice(:'product'::chunked_tensor, '{0,0}', '{100,64}'),
                matmul(slice(:'big'::chunked_tensor, '{0,0}', '{100,16384}'), random('{16384,64}', 8, dtype => 'float32')),
                1e-4, 1e-2) AS first_100_rows_match_the_in_value_product;
SELECT drop(:'big'::chunked_tensor), drop(:'product'::chunked_tensor);

\echo '-- compute goes to the data: workers read the stored tiles themselves (with this statement''s snapshot),'
\echo '-- keep each one they read for the rest of the job, and write the result tiles themselves'
SELECT chunked_random('{4096,4096}', '{1024,1024}', 31, dtype => 'float32', target => 'demo_a') IS NOT NULL AS a,
       chunked_random('{4096,4096}', '{1024,1024}', 32, dtype => 'float32', target => 'demo_b') IS NOT NULL AS b;
SELECT regexp_replace(e, '[0-9]+\.[0-9]+ s', 'N s', 'g') AS "explain, run"
FROM explain($$SELECT marsql.drop(marsql.matmul('demo_a'::marsql.chunked_tensor, 'demo_b'::marsql.chunked_tensor))$$,
             run => true) e
WHERE e ~ '(read by|tile reads|ran )';
SELECT operation, tile_reads, cache_hits, round(hit_rate::numeric, 2) AS hit_rate, caller_reads FROM tile_cache_stats();
SELECT drop('demo_a'::chunked_tensor), drop('demo_b'::chunked_tensor);

\echo '-- hot values stay resident: a stored 100,000 x 64 corpus is read from TOAST once, then searched from'
\echo '-- shared memory, where every other session of the database finds it too'
CREATE TABLE corpus AS SELECT random('{100000,64}', 41, dtype => 'float32') AS c;
SELECT value_cache_reset();
SELECT (SELECT count(*) FROM knn(random('{64}', i, dtype => 'float32'), (SELECT c FROM corpus), 10)) AS rows
FROM generate_series(1, 3) i;
SELECT misses, shared_loads, shared_hits, hits, pg_size_pretty(bytes) AS own_bytes FROM value_cache_stats();
SELECT pg_size_pretty(bytes) AS shared_bytes, entries FROM shared_cache_stats();
DROP TABLE corpus;

\echo '-- batch k-NN: 500 queries against 50,000 embeddings (50 clusters) in a table, scored on workers'
CREATE TEMP TABLE centres AS SELECT random('{50,64}', 10, 'normal', 'float32') * 3 AS c;
CREATE TABLE products AS  -- a permanent table: FAISS indexes refuse temporary corpora
  SELECT r."row" + 1 AS id, (c[r."row" % 50] + r."values"::tensor * 0.5)::real[] AS embedding,
         (r."row" % 4 = 0) AS in_stock
  FROM centres, rows(random('{50000,64}', 11, 'normal', 'float32')) r;
CREATE TEMP TABLE batch AS
  SELECT astype(stack_agg(c[r."row" % 50] + r."values"::tensor * 0.5 ORDER BY r."row"), 'float32') AS q
  FROM centres, rows(random('{500,64}', 12, 'normal', 'float32')) r GROUP BY c;
SELECT count(*) AS rows, count(DISTINCT query) AS queries, max(rank) AS k
FROM knn((SELECT q FROM batch), 'products', 'embedding', 'id', 10, 'cosine');
\echo '-- a filter is applied before scoring, so every query still gets 10 rows'
SELECT query, rank, id, round(distance::numeric, 4) AS distance
FROM knn((SELECT q FROM batch), 'products', 'embedding', 'id', 10, 'cosine', filter => 'in_stock')
WHERE query = 0;
\echo '-- the same neighbours as one ORDER BY <=> LIMIT over the table (pgvector style)'
SELECT array_agg(id ORDER BY rank) = (SELECT array_agg(id::bigint) FROM (
         SELECT id FROM products WHERE in_stock
         ORDER BY embedding::tensor <=> (SELECT q[0] FROM batch), id LIMIT 10) s) AS same
FROM knn((SELECT q FROM batch), 'products', 'embedding', 'id', 10, 'cosine', filter => 'in_stock')
WHERE query = 0;

\echo '-- a FAISS HNSW index over the same table: built once, stored in tables, searched in batches'
SELECT faiss_create('demo_products', 'products', 'embedding', 'id', 'HNSW32', 'cosine');
SELECT name, type, metric, dims, count, pg_size_pretty(bytes) AS size FROM faiss_indexes WHERE name = 'demo_products';
\echo '-- its recall@10 against the exact answer, with efSearch 64'
SELECT round(count(f.id)::numeric / count(*), 3) AS recall_at_10
FROM knn((SELECT q FROM batch), 'products', 'embedding', 'id', 10, 'cosine') k
LEFT JOIN faiss_search('demo_products', (SELECT q FROM batch), 10, '{"efSearch": 64}') f USING (query, id);
SELECT faiss_drop('demo_products');
DROP TABLE products;

\echo '-- peers: two more PostgreSQL clusters on 127.0.0.1 (demo.sh started them), declared with SQL/MED'
\getenv coordinator_host PGHOST
SELECT current_setting('port') AS coordinator_port \gset
SELECT format('CREATE SERVER peer%s FOREIGN DATA WRAPPER marsql OPTIONS (host %L, port %L, dbname %L, capacity %L)',
              n, '127.0.0.1', port, 'postgres', '2')
FROM (VALUES (1, :'peer1_port'), (2, :'peer2_port')) p(n, port) \gexec
CREATE USER MAPPING FOR CURRENT_USER SERVER peer1 OPTIONS (user 'postgres');
CREATE USER MAPPING FOR CURRENT_USER SERVER peer2 OPTIONS (user 'postgres');
SELECT name, capacity, reachable, version FROM marsql.peers;

\echo '-- a chunked matmul on this server''s workers and both peers: the same product as on local workers alone'
SELECT chunked_random('{1200,1000}', '{400,400}', 21) AS pa, chunked_random('{1000,800}', '{400,400}', 22) AS pb \gset
SET marsql.executors = 'all';
CREATE TEMP TABLE product_everywhere AS SELECT to_tensor(matmul(:'pa'::chunked_tensor, :'pb'::chunked_tensor)) AS p;
RESET marsql.executors;
SELECT shape(p), allclose(p, to_tensor(matmul(:'pa'::chunked_tensor, :'pb'::chunked_tensor)), 0, 1e-12) AS same_as_local
FROM product_everywhere;
SELECT peer, sum(tasks) AS tasks_run_there, pg_size_pretty(sum(bytes_sent + bytes_received)) AS moved
FROM peer_connections() GROUP BY peer ORDER BY peer;

\echo '-- fan-out on the peers: the function must exist there too'
\c postgres postgres 127.0.0.1 :peer1_port
CREATE FUNCTION sq(x int) RETURNS int LANGUAGE sql AS 'SELECT x * x';
CREATE TABLE items AS SELECT "row" AS id, "values"::real[] AS emb
FROM marsql.rows(marsql.random('{30000,64}', 5, 'normal', 'float32')) WHERE "row" % 2 = 0;
\c postgres postgres 127.0.0.1 :peer2_port
CREATE FUNCTION sq(x int) RETURNS int LANGUAGE sql AS 'SELECT x * x';
CREATE TABLE items AS SELECT "row" AS id, "values"::real[] AS emb
FROM marsql.rows(marsql.random('{30000,64}', 5, 'normal', 'float32')) WHERE "row" % 2 = 1;
\c postgres postgres :coordinator_host :coordinator_port
SET search_path = marsql, public;
SELECT map('sq(int)', ARRAY[1, 2, 3, 4, 5, 6], NULL::int, executors => 'peers');

\echo '-- k-NN over a table split across the peers (even ids on one, odd on the other):'
\echo '-- each peer searches its own rows and only the top-k lists travel'
CREATE TEMP TABLE items_in_one_place AS SELECT "row" AS id, "values"::real[] AS emb
FROM rows(random('{30000,64}', 5, 'normal', 'float32'));
CREATE TEMP TABLE peer_queries AS SELECT random('{200,64}', 6, 'normal', 'float32') AS q;
SELECT query, rank, id, round(distance::numeric, 4) AS distance
FROM peer_queries, knn(q, 'items', 'emb', 'id', 3, executors => 'peers') WHERE query < 2;
SELECT count(*) AS rows_unlike_one_local_search FROM (
    (SELECT k.* FROM peer_queries, knn(q, 'items', 'emb', 'id', 10, executors => 'peers') k)
    EXCEPT
    (SELECT k.* FROM peer_queries, knn(q, 'items_in_one_place', 'emb', 'id', 10) k)) d;

\echo '-- bad input gets a clear error, never a crash'
\set ON_ERROR_STOP 0
SELECT '[[1,2],[3]]'::tensor;
SELECT zeros('{100000,100000}');
