-- k nearest neighbours: distance functions and operators, exact batch
-- k-NN over tensors, table columns (every column kind, filters, NULLs),
-- chunked tensors and knn_join, ties broken by id, and every error path.
SET search_path = marsql, public;

-- distances between 1-D tensors, pgvector's conventions
SELECT '[1,2]'::tensor <-> '[4,6]' AS l2, l2_distance('[1,2]', '[4,6]'),
	   l2_squared_distance('[1,2]', '[4,6]'),
	   '[1,2]'::tensor <#> '[3,4]' AS neg_ip, inner_product('[1,2]', '[3,4]'),
	   negative_inner_product('[1,2]', '[3,4]'),
	   '[1,0]'::tensor <=> '[0,1]' AS cos_orth, cosine_distance('[1,1]', '[2,2]') AS cos_same,
	   cosine_distance('[1,0]', '[-1,0]') AS cos_opposite;
SELECT cosine_distance('[0,0]', '[1,2]') AS nan_for_zero, '[1.5]'::tensor::tensor <-> '[0.5]' AS one_element,
	   '[1,2]'::tensor <-> astype('[1,2]', 'float32') AS mixed_dtypes,
	   '[]'::tensor <-> '[]'::tensor AS empty;
SELECT l2_normalize('[3,4]'), l2_normalize('[[3,4],[0,0],[0,2]]'), l2_normalize(astype('[1,1]', 'float32'));
SELECT try_sql($$SELECT '[[1,2]]'::tensor <-> '[1,2]'$$);
SELECT try_sql($$SELECT '[1,2,3]'::tensor <=> '[1,2]'$$);

-- ORDER BY ... LIMIT over a table of vectors
CREATE TABLE vecs (id int PRIMARY KEY, v tensor);
INSERT INTO vecs VALUES (1, '[0,0]'), (2, '[1,1]'), (3, '[2,2]'), (4, '[-1,-1]'), (5, '[0,3]');
SELECT id, v <-> '[0.9,1]' AS d FROM vecs ORDER BY v <-> '[0.9,1]', id LIMIT 3;
SELECT id FROM vecs ORDER BY v <#> '[1,0]', id LIMIT 2;
SELECT id FROM vecs WHERE id <> 1 ORDER BY v <=> '[1,1]', id LIMIT 3;

-- knn over a tensor corpus: ids are 0-based rows, ties go to the smaller id
SELECT * FROM knn('[[0,0],[5,5]]'::tensor, '[[1,1],[0,0],[4,4],[10,10],[0,0]]', 2);
SELECT * FROM knn('[0,0]'::tensor, '[[1,1],[0,0],[4,4]]', 10) AS k_over_rows;
SELECT * FROM knn('[1,0]'::tensor, '[[1,1],[0,2],[4,4],[-1,0],[0,0]]', 5, 'cosine');
SELECT * FROM knn('[1,0]'::tensor, '[[1,1],[0,2],[4,4],[-1,0]]', 2, 'inner_product');
SELECT * FROM knn('[1,0]'::tensor, '[[1,1],[0,2],[4,4],[-1,0]]', 2, 'L2_Squared');
SELECT query, rank, id FROM knn(astype('[[0,0]]', 'float32'), '[[3,3],[1,1]]', 1, 'euclidean');
SELECT count(*) AS no_rows FROM knn('[[1,2]]'::tensor, zeros('{0,2}'), 3);
SELECT count(*) AS no_queries FROM knn(zeros('{0,2}'), '[[1,2]]'::tensor, 3);
SELECT try_sql($$SELECT count(*) FROM knn('[[1,2]]'::tensor, '[[1,2]]', 0)$$);
SELECT try_sql($$SELECT count(*) FROM knn('[[1,2]]'::tensor, '[[1,2]]', 1, 'manhattan')$$);
SELECT try_sql($$SELECT count(*) FROM knn('[[1,2]]'::tensor, '[1,2]', 1)$$);
SELECT try_sql($$SELECT count(*) FROM knn(zeros('{1,1,2}'), '[[1,2]]', 1)$$);
SELECT try_sql($$SELECT count(*) FROM knn('[[1,2,3]]'::tensor, '[[1,2]]', 1)$$);
SELECT try_sql($$SELECT count(*) FROM knn(zeros('{1,0}'), zeros('{3,0}'), 1)$$);

-- the same answers from a table column of every kind
CREATE TABLE items (id bigint, f4 real[], f8 float8[], t tensor, cat int);
INSERT INTO items
	SELECT i, ARRAY[i % 17, i % 5, 1]::real[], ARRAY[i % 17, i % 5, 1]::float8[],
		   ARRAY[i % 17, i % 5, 1]::float8[]::tensor, i % 3
	FROM generate_series(1, 3000) i;
CREATE TABLE qs AS SELECT '[[4,2,1],[16.5,0,1],[0,0,0]]'::tensor AS q;
SELECT * FROM knn((SELECT q FROM qs), 'items', 'f4', 'id', 3) ORDER BY query, rank;
SELECT (SELECT array_agg(id - 1 ORDER BY query, rank) FROM knn((SELECT q FROM qs), 'items', c, 'id', 4, m)) =
	   (SELECT array_agg(k.id ORDER BY k.query, k.rank)
		FROM knn((SELECT q FROM qs), (SELECT stack_agg(f8 ORDER BY id) FROM items), 4, m) k) AS same_as_tensor,
	   c, m
FROM unnest(ARRAY['f4', 'f8', 't']) c, unnest(ARRAY['l2', 'cosine', 'ip']) m ORDER BY c, m;
-- distances too (ids of a tensor corpus are rows: id - 1 here)
SELECT count(*) AS differ FROM (
	(SELECT query, rank, id - 1 AS id FROM knn((SELECT q FROM qs), 'items', 'f8', 'id', 4, 'l2')
	 EXCEPT SELECT query, rank, id FROM knn((SELECT q FROM qs), (SELECT stack_agg(f8 ORDER BY id) FROM items), 4, 'l2'))
) d;
-- a filter is applied before scoring: k rows come back whenever k match
SELECT query, rank, id, i.cat FROM knn((SELECT q FROM qs), 'items', 'f4', 'id', 3, 'l2', 'cat = 2 AND id > 100') k
	JOIN items i USING (id) ORDER BY query, rank;
SELECT count(*) AS only_two_match FROM knn('[1,1,1]'::tensor, 'items', 'f4', 'id', 5, filter => 'id <= 2');
-- NULL vectors are never neighbours; uncommitted rows and temp tables count
BEGIN;
INSERT INTO items VALUES (9001, NULL, NULL, NULL, 0), (9002, '{4,2,1}', '{4,2,1}', '[4,2,1]', 0);
SELECT id, distance FROM knn('[4,2,1]'::tensor, 'items', 'f4', 'id', 2, filter => 'id > 8000');
ROLLBACK;
CREATE TEMP TABLE tmp_items AS SELECT id::int AS id, f4 FROM items WHERE id <= 10;
SELECT id FROM knn('[1,1,1]'::tensor, 'tmp_items', 'f4', 'id', 2);
-- a view, and a type with a cast to real[] (as pgvector's vector has)
CREATE VIEW items_view AS SELECT id * 10 AS vid, f4 FROM items WHERE cat = 1;
SELECT id FROM knn('[4,2,1]'::tensor, 'items_view', 'f4', 'vid', 2);
CREATE TYPE myvec AS (v real[]);
CREATE FUNCTION myvec_to_real(myvec) RETURNS real[] LANGUAGE sql IMMUTABLE AS 'SELECT $1.v';
CREATE CAST (myvec AS real[]) WITH FUNCTION myvec_to_real(myvec);
CREATE TABLE custom AS SELECT id, ROW(f4)::myvec AS emb FROM items WHERE id <= 50;
SELECT id, distance FROM knn('[4,2,1]'::tensor, 'custom', 'emb', 'id', 2);
-- in this backend only, without workers
SET marsql.max_workers = 0;
SELECT id FROM knn('[4,2,1]'::tensor, 'items', 'f4', 'id', 2);
RESET marsql.max_workers;
-- errors
SELECT try_sql($$SELECT count(*) FROM knn('[1,1,1]'::tensor, 'items', 'nope', 'id', 1)$$);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1,1]'::tensor, 'items', 'f4', 'nope', 1)$$);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1,1]'::tensor, 'items', 'cat', 'id', 1)$$);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1,1]'::tensor, 'items', 'f4', 'f8', 1)$$);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1]'::tensor, 'items', 'f4', 'id', 1)$$);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1,1]'::tensor, 'items', 'f4', 'id', 1, 'l2', 'cat =')$$);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1,1]'::tensor, 'items', 'f4', 'id', 1, 'l2', 'true); SELECT (1')$$);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1,1]'::tensor, 'items', 'f4', 'id', 1, NULL)$$);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1,1]'::tensor, 'no_such_table', 'f4', 'id', 1)$$);
CREATE TABLE bad (id int, f4 real[], t tensor);
INSERT INTO bad VALUES (1, '{1,2,3}', '[1,2,3]'), (2, '{1,2}', '[[1,2,3]]'), (NULL, '{1,2,3}', '[1,2,3]'),
	(3, '{1,NULL,3}', '[1,2,3]');
SELECT try_sql($$SELECT count(*) FROM knn('[1,1,1]'::tensor, 'bad', 'f4', 'id', 1, filter => 'id = 2')$$);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1,1]'::tensor, 'bad', 't', 'id', 1, filter => 'id = 2')$$);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1,1]'::tensor, 'bad', 'f4', 'id', 1, filter => 'id IS NULL')$$);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1,1]'::tensor, 'bad', 'f4', 'id', 1, filter => 'id = 3')$$);

-- a chunked corpus, in tiles that cut rows and columns, and knn_join
SELECT chunk((SELECT stack_agg(f8 ORDER BY id) FROM items), '{700,2}', 'items_ck') IS NOT NULL AS chunked;
SELECT count(*) AS differ FROM (
	(SELECT * FROM knn((SELECT q FROM qs), 'items_ck'::chunked_tensor, 5, 'cosine')
	 EXCEPT SELECT * FROM knn((SELECT q FROM qs), (SELECT stack_agg(f8 ORDER BY id) FROM items), 5, 'cosine'))
) d;
SELECT * FROM knn('[16.5,0,1]'::tensor, 'items_ck'::chunked_tensor, 2);
SELECT try_sql($$SELECT count(*) FROM knn('[1,1]'::tensor, 'items_ck'::chunked_tensor, 1)$$);
SELECT chunk('[[4,2,1],[16.5,0,1]]'::tensor, '{1,3}', 'qs_ck') IS NOT NULL AS chunked;
SELECT * FROM knn_join('qs_ck'::chunked_tensor, 'items_ck'::chunked_tensor, 2);
SELECT try_sql($$SELECT count(*) FROM knn_join(chunk('[[1,1]]'::tensor), 'items_ck'::chunked_tensor, 1)$$);
SELECT try_sql($$SELECT count(*) FROM knn_join(chunk('[1,1]'::tensor), 'items_ck'::chunked_tensor, 1)$$);
CREATE TABLE qrows (qid int, v real[]);
INSERT INTO qrows VALUES (100, '{4,2,1}'), (200, '{16.5,0,1}'), (300, NULL);
SELECT * FROM knn_join('qrows', 'v', 'qid', 'items', 'f4', 'id', 2);
SELECT * FROM knn_join('qrows', 'v', 'qid', 'items', 't', 'id', 1, 'l2', 'cat = 0');
SELECT count(*) AS self_join FROM knn_join('items', 'f4', 'id', 'items', 'f4', 'id', 3);
CREATE TABLE no_queries (qid int, v real[]);
INSERT INTO no_queries VALUES (1, NULL);
SELECT count(*) AS no_queries FROM knn_join('no_queries', 'v', 'qid', 'items', 'f4', 'id', 2);
SELECT try_sql($$SELECT count(*) FROM knn_join('qrows', 'v', 'qid', 'items', 'f4', 'id', NULL)$$);
SELECT drop('items_ck'::chunked_tensor), drop('qs_ck'::chunked_tensor);
