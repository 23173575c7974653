-- k-NN with a k far beyond the corpus (issue 18): every path clamps k to
-- the corpus's rows before it allocates anything sized by k, as the tensor
-- path and numpy / FAISS do, so k = 2^31 - 1 over 100 rows gives the 100
-- rows; k < 1 is still an error everywhere.  Peers: test/t/014_sql_safety.pl.
SET search_path = marsql, public;

CREATE TABLE lim (id int, v real[], t tensor, cat int);
INSERT INTO lim SELECT i, ARRAY[i % 7, i % 3]::real[], ARRAY[i % 7, i % 3]::float8[]::tensor, i % 4
	FROM generate_series(1, 100) i;
INSERT INTO lim VALUES (101, NULL, NULL, 0);	-- no vector: never a neighbour
CREATE TABLE limq AS SELECT '[[1,1],[6,2],[3,0]]'::tensor AS q;
CREATE TABLE lim_tensor AS SELECT stack_agg(v ORDER BY id) AS c FROM lim WHERE v IS NOT NULL;
SELECT chunk((SELECT c FROM lim_tensor), '{30,2}', 'lim_ck') IS NOT NULL AS chunked;
SELECT chunk('[[1,1],[6,2],[3,0]]'::tensor, '{2,2}', 'limq_ck') IS NOT NULL AS chunked;
CREATE TABLE limq_rows (qid int, v real[]);
INSERT INTO limq_rows VALUES (10, '{1,1}'), (20, '{6,2}'), (30, '{3,0}');

-- every path: all 100 rows per query, the same ranking as k = 100
SELECT 'tensor' AS path, count(*), count(DISTINCT (query, id)), max(rank)
	FROM knn((SELECT q FROM limq), (SELECT c FROM lim_tensor), 2147483647)
UNION ALL
SELECT 'table', count(*), count(DISTINCT (query, id)), max(rank)
	FROM knn((SELECT q FROM limq), 'lim'::regclass, 'v', 'id', 2147483647)
UNION ALL
SELECT 'table, tensor column', count(*), count(DISTINCT (query, id)), max(rank)
	FROM knn((SELECT q FROM limq), 'lim'::regclass, 't', 'id', 2147483647, 'cosine')
UNION ALL
SELECT 'named table', count(*), count(DISTINCT (query, id)), max(rank)
	FROM knn((SELECT q FROM limq), 'lim', 'v', 'id', 2147483647, executors => 'local')
UNION ALL
SELECT 'chunked', count(*), count(DISTINCT (query, id)), max(rank)
	FROM knn((SELECT q FROM limq), 'lim_ck'::chunked_tensor, 2147483647)
UNION ALL
SELECT 'knn_join chunked', count(*), count(DISTINCT (query, id)), max(rank)
	FROM knn_join('limq_ck'::chunked_tensor, 'lim_ck'::chunked_tensor, 2147483647)
UNION ALL
SELECT 'knn_join table', count(*), count(DISTINCT (query, id)), max(rank)
	FROM knn_join('limq_rows', 'v', 'qid', 'lim', 'v', 'id', 2147483647);
SELECT count(*) AS differ FROM (
	(SELECT query, rank, id, distance FROM knn((SELECT q FROM limq), 'lim'::regclass, 'v', 'id', 2147483647)
	 EXCEPT SELECT query, rank, id + 1, distance FROM knn((SELECT q FROM limq), (SELECT c FROM lim_tensor), 100))
	UNION ALL
	(SELECT query, rank, id, distance FROM knn((SELECT q FROM limq), 'lim_ck'::chunked_tensor, 2147483647)
	 EXCEPT SELECT query, rank, id, distance FROM knn((SELECT q FROM limq), (SELECT c FROM lim_tensor), 100))
	UNION ALL
	(SELECT query, rank, id, distance FROM knn_join('limq_rows', 'v', 'qid', 'lim', 'v', 'id', 2147483647)
	 EXCEPT SELECT (query + 1) * 10, rank, id + 1, distance FROM knn((SELECT q FROM limq), (SELECT c FROM lim_tensor), 100))
) d;
-- a filter counts: k clamps to the rows that pass it
SELECT count(*) AS filtered, max(rank)
	FROM knn('[1,1]'::tensor, 'lim'::regclass, 'v', 'id', 2147483647, filter => 'cat = 1');
SELECT count(*) AS join_filtered
	FROM knn_join('limq_rows', 'v', 'qid', 'lim', 'v', 'id', 2147483647, filter => 'id <= 5');
-- several tiles (a chunked tile is 30 rows; with marsql.tile_bytes at
-- 64 kB a table tile holds 4 rows of 4096 elements): tasks send lists as
-- wide as their rows, merged into lists of k (3 or 7) or of the whole corpus
CREATE TABLE lim_wide AS SELECT i AS id, array_fill((i % 5)::real, ARRAY[4096]) AS v
	FROM generate_series(1, 10) i;
CREATE TABLE lim_wide_tensor AS SELECT stack_agg(v ORDER BY id) AS c FROM lim_wide;
SET marsql.tile_bytes = '64kB';
SELECT k, count(*) AS rows, sum(differ) AS differ FROM unnest(ARRAY[3, 7, 2147483647]) k, LATERAL (
	SELECT 1 AS differ FROM (
		SELECT query, rank, id, distance FROM knn(array_fill(1.5::real, ARRAY[2, 4096])::tensor, 'lim_wide'::regclass, 'v', 'id', k)
		EXCEPT SELECT query, rank, id + 1, distance FROM knn(array_fill(1.5::real, ARRAY[2, 4096])::tensor, (SELECT c FROM lim_wide_tensor), k)) d
	UNION ALL SELECT 0 FROM knn(array_fill(1.5::real, ARRAY[2, 4096])::tensor, 'lim_wide'::regclass, 'v', 'id', k)
) d GROUP BY k ORDER BY k;
SELECT k, count(*) AS rows, sum(differ) AS differ FROM unnest(ARRAY[50, 2147483647]) k, LATERAL (
	SELECT 1 AS differ FROM (
		SELECT query, rank, id, distance FROM knn((SELECT q FROM limq), 'lim_ck'::chunked_tensor, k)
		EXCEPT SELECT query, rank, id, distance FROM knn((SELECT q FROM limq), (SELECT c FROM lim_tensor), k)) d
	UNION ALL SELECT 0 FROM knn((SELECT q FROM limq), 'lim_ck'::chunked_tensor, k)
) d GROUP BY k ORDER BY k;
RESET marsql.tile_bytes;
-- just above the counting threshold (1024), and in this backend only
SELECT count(*) AS k_1025 FROM knn('[1,1]'::tensor, 'lim'::regclass, 'v', 'id', 1025);
SET marsql.max_workers = 0;
SELECT count(*) AS no_workers FROM knn('[1,1]'::tensor, 'lim'::regclass, 'v', 'id', 2147483647);
RESET marsql.max_workers;
-- an empty corpus, or one that nothing passes: no rows, no error
CREATE TABLE lim_empty (id int, v real[]);
SELECT count(*) AS empty_table FROM knn('[1,1]'::tensor, 'lim_empty'::regclass, 'v', 'id', 2147483647);
SELECT count(*) AS none_pass FROM knn('[1,1]'::tensor, 'lim'::regclass, 'v', 'id', 2147483647, filter => 'false');
SELECT count(*) AS empty_tensor FROM knn('[1,1]'::tensor, zeros('{0,2}'), 2147483647);
SELECT count(*) AS no_queries FROM knn(zeros('{0,2}'), 'lim'::regclass, 'v', 'id', 2147483647);
-- on the CPU whatever marsql.device says (k now fits the GPU's limit too)
SELECT count(*) AS device_cpu
	FROM knn((SELECT q FROM limq), (SELECT c FROM lim_tensor), 2147483647, device => 'cpu');
-- k < 1 keeps its error on every path
SELECT try_sql($$SELECT count(*) FROM knn('[1,1]'::tensor, 'lim'::regclass, 'v', 'id', 0)$$);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1]'::tensor, 'lim', 'v', 'id', -1)$$);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1]'::tensor, 'lim_ck'::chunked_tensor, -2147483648)$$);
SELECT try_sql($$SELECT count(*) FROM knn_join('limq_ck'::chunked_tensor, 'lim_ck'::chunked_tensor, 0)$$);
SELECT try_sql($$SELECT count(*) FROM knn_join('limq_rows', 'v', 'qid', 'lim', 'v', 'id', 0)$$);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1]'::tensor, '[[1,1]]', 0)$$);
SELECT drop('lim_ck'::chunked_tensor), drop('limq_ck'::chunked_tensor);
