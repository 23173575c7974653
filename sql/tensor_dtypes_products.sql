-- Products, linear algebra, k-NN, chunked tensors and the GPU paths with
-- every dtype (issue 21): numpy's result dtypes, exact wrapping integer
-- products, float16 computed in float32, complex by cgemm/zgemm, and a
-- clear 42804 / 0A000 wherever a dtype is refused.
SET search_path = marsql, public;
SET extra_float_digits = 0;

-- ---- products: numpy's promoted dtype
SELECT matmul('int32:[[1,2],[3,4]]'::tensor, 'int32:[[5,6],[7,8]]') AS int32,
	   matmul('int64:[[1,2],[3,4]]'::tensor, astype('[[5,6],[7,8]]', 'float32')) AS int64_float32,
	   matmul('int8:[[1,2]]'::tensor, 'uint8:[[3],[4]]') AS int8_uint8,
	   matmul('int16:[1,2,3]'::tensor, 'int16:[4,5,6]') AS vectors_0d;
-- wrapping as numpy: int8 100*100+2*3 = 10006 = 22 (mod 256), uint8 200*2 = 144
SELECT matmul('int8:[[100,2],[3,4]]'::tensor, 'int8:[[100,2],[3,4]]') AS int8_wraps,
	   matmul('uint8:[[200]]'::tensor, 'uint8:[[2]]') AS uint8_wraps,
	   matmul('int32:[[65536]]'::tensor, 'int32:[[65536]]') AS int32_wraps,
	   matmul('int64:[[4611686018427387904]]'::tensor, 'int64:[[4]]') AS int64_wraps;
-- bool: or of ands, stays bool
SELECT matmul(astype('[[1,0],[0,0]]', 'bool'), astype('[[1,1],[0,1]]', 'bool')) AS bool_matmul,
	   dot(astype('[1,1]', 'bool'), astype('[0,1]', 'bool')) AS bool_dot,
	   matmul(astype('[[1,0]]', 'bool'), 'int32:[[3],[4]]') AS bool_int32;
-- batched and broadcast stacks, empty inner dimension
SELECT matmul(astype(reshape(arange(0, 12), '{3,2,2}'), 'int16'), 'int16:[[1,0],[0,1]]') AS stack,
	   matmul(astype(reshape(arange(0, 8), '{2,2,2}'), 'int32'), astype(reshape(arange(0, 8), '{2,2,2}'), 'int32')) AS batch,
	   matmul(zeros('{2,0}', 'int32'), zeros('{0,3}', 'int32')) AS empty_inner,
	   shape(matmul(zeros('{0,3}', 'int64'), zeros('{3,2}', 'int64'))) AS empty_rows;
-- a product larger than one block of the exact kernel agrees with float64
SELECT astype(matmul(a, b), 'float64') = matmul(astype(a, 'float64'), astype(b, 'float64')) AS blocked_exact
FROM (SELECT astype(reshape(arange(0, 300 * 70), '{300,70}') * 0.01 - 100, 'int32') AS a,
			 astype(reshape(arange(0, 70 * 600), '{70,600}') * 0.003 - 60, 'int32') AS b) s;
-- float16 computes in float32 and returns float16; overflow gives inf as numpy
SELECT matmul(astype('[[1,2],[3,4]]', 'float16'), astype('[[0.5],[0.25]]', 'float16')) AS float16,
	   matmul(astype('[[1,2]]', 'float16'), 'int8:[[1],[1]]') AS float16_int8,
	   matmul(astype('[[1,2]]', 'float16'), astype('[[1],[1]]', 'float32')) AS float16_float32,
	   matmul(astype('[[300]]', 'float16'), astype('[[300]]', 'float16')) AS float16_overflow;
-- complex by cgemm / zgemm
SELECT matmul(astype('[[1,2],[3,4]]', 'complex64'), astype('[[1,0],[0,1]]', 'complex64')) AS complex64,
	   matmul(astype('[[1,2]]', 'complex128'), '[[1],[2]]'::tensor) AS complex128_float64,
	   matmul(astype('[[1,2]]', 'complex64'), astype('[[1],[2]]', 'float64')) AS complex64_float64,
	   matmul(astype('[[1,2]]', 'float32'), astype('[[1],[2]]', 'complex64')) AS float32_complex64;
SELECT vdot(astype('[1,2]', 'complex64'), astype('[3,4]', 'complex64')) AS vdot_complex64,
	   vdot(astype('[1,2]', 'complex128'), 'int32:[3,4]'::tensor) AS vdot_complex128_int32,
	   dot(astype('[[1,2]]', 'complex64'), astype('[1,1]', 'complex64')) AS dot_complex64;

-- dot, vdot, inner, outer, tensordot
SELECT dot('int32:3'::tensor, 'int32:[1,2]') AS dot_0d, dot('int32:[[1,2],[3,4]]'::tensor, 'int32:[1,1]') AS dot_2d_1d,
	   inner('int16:[1,2]'::tensor, 'uint8:[3,4]') AS inner_int, outer('int32:[1,2]'::tensor, astype('[1,0,1]', 'bool')) AS outer_bool,
	   outer('int8:[100]'::tensor, 'int8:[3]') AS outer_wraps;
SELECT tensordot('int32:[[1,2],[3,4]]'::tensor, 'int32:[[1,2],[3,4]]') AS tensordot_2,
	   tensordot('int64:[[1,2],[3,4]]'::tensor, 'int64:[[1,2],[3,4]]', '{0}', '{1}') AS tensordot_axes,
	   tensordot(astype('[1,2]', 'float16'), astype('[3,4]', 'float16'), 1) AS tensordot_float16;
SELECT vdot('int32:[[1,2],[3,4]]'::tensor, 'int32:[1,1,1,1]') AS vdot_flattens, vdot('int8:[100,1]'::tensor, 'int8:[3,1]') AS vdot_wraps,
	   vdot(astype('[1,2]', 'float16'), astype('[3,4]', 'float16')) AS vdot_float16, vdot('[]'::tensor, '[]') AS vdot_empty,
	   vdot('[1.5,2]'::tensor, '[2,2]') AS vdot_float64;
SELECT try_sql($$SELECT vdot('int32:[1,2]'::tensor, 'int32:[1,2,3]')$$);
SELECT kron('int32:[1,10,100]'::tensor, 'int32:[5,6,7]') AS kron_docstring, kron('int8:[[1,2]]'::tensor, 'int8:[100,1]') AS kron_wraps,
	   kron('[[1,2],[3,4]]'::tensor, '[[1,1],[1,1]]') AS kron_blocks, kron('int32:3'::tensor, 'int32:[1,2]') AS kron_0d,
	   shape(kron(zeros('{2,5,2,5}'), ones('{3,4}'))) AS kron_shape, kron('int32:[]'::tensor, 'int32:[1,2]') AS kron_empty;
SELECT try_sql($$SELECT kron(zeros(array_fill(1, ARRAY[17])), zeros('{1}'))$$);

-- the GPU multiplies float16/32/64 only: device => 'gpu' refuses the rest
SELECT try_sql($$SELECT matmul('int32:[[1]]'::tensor, 'int32:[[2]]', 'gpu')$$);
SELECT try_sql($$SELECT matmul(astype('[[1]]', 'complex64'), astype('[[2]]', 'complex64'), 'gpu')$$);
SELECT matmul('int32:[[1]]'::tensor, 'int32:[[2]]', 'cpu') AS int_on_cpu,
	   matmul('int32:[[1]]'::tensor, 'int32:[[2]]', NULL) AS int_default_device;
BEGIN;
SET LOCAL marsql.device = 'gpu';
SELECT try_sql($$SELECT dot('int32:[1,2]'::tensor, 'int32:[3,4]')$$);
ROLLBACK;
-- sparse x dense stays float-only
SELECT try_sql($$SELECT matmul(sparse('[[1,0],[0,1]]'), 'int32:[[1],[2]]'::tensor)$$);
-- errors keep their shape checks
SELECT try_sql($$SELECT matmul('int32:[[1,2]]'::tensor, 'int32:[[1,2]]')$$);
SELECT try_sql($$SELECT matmul('int32:3'::tensor, 'int32:[1]')$$);

-- ---- linear algebra: bool and integers as float64, float16 and complex refused
SELECT inv('int32:[[1,2],[3,4]]'::tensor) AS inv, det('int64:[[1,2],[3,4]]'::tensor) AS det,
	   det(astype('[[1,0],[0,1]]', 'bool')) AS det_bool, det('uint8:[[2]]'::tensor) AS det_uint8;
SELECT * FROM slogdet('int16:[[1,2],[3,4]]'::tensor);
SELECT solve('int32:[[3,1],[1,2]]'::tensor, 'int32:[9,8]') AS solve,
	   solve('int32:[[3,1],[1,2]]'::tensor, astype('[9,8]', 'float32')) AS solve_int_float32,
	   solve(astype('[[3,1],[1,2]]', 'float32'), astype('[9,8]', 'float32')) AS solve_float32;
SELECT public.near(x) AS x, public.near(residuals) AS residuals, rank FROM lstsq('int32:[[1,1],[1,2],[1,3]]'::tensor, 'int32:[1,2,2]');
SELECT svdvals('int32:[[3,0],[0,4]]'::tensor) AS svdvals, matrix_rank('int64:[[1,2],[2,4]]'::tensor) AS rank,
	   matrix_rank(astype('[[1,0],[0,1]]', 'bool')) AS rank_bool, pinv('int32:[[2,0],[0,4]]'::tensor) AS pinv,
	   cholesky('int32:[[4,2],[2,2]]'::tensor) AS cholesky, eigvalsh('int8:[[2,0],[0,1]]'::tensor) AS eigvalsh;
SELECT r FROM qr('int32:[[3,0],[4,5]]'::tensor);
SELECT w FROM eigh('int32:[[2,1],[1,2]]'::tensor);
SELECT s FROM svd('int32:[[3,0],[0,4]]'::tensor);
SELECT norm('int32:[3,4]'::tensor) AS norm_int, norm('int64:[[1,2],[3,4]]'::tensor, 'fro') AS fro_int,
	   norm(astype('[1,1,0]', 'bool')) AS norm_bool, norm('int8:[[1,-2],[3,4]]'::tensor, '1') AS norm1_int8,
	   norm('int16:[[3,4],[6,8]]'::tensor, NULL, 1) AS axis_norm;
SELECT try_sql($$SELECT norm(astype('[1,2]', 'complex64'))$$);
SELECT try_sql($$SELECT inv(astype('[[1,2],[3,4]]', 'float16'))$$);
SELECT try_sql($$SELECT round(marsql.real(det(astype('[[1,2],[3,4]]', 'complex64'))), 4)$$);
SELECT try_sql($$SELECT solve('[[1,0],[0,1]]'::tensor, astype('[1,2]', 'complex128'))$$);
SELECT try_sql($$SELECT * FROM eigh(astype('[[1,0],[0,1]]', 'complex128'))$$);
SELECT try_sql($$SELECT svdvals(astype('[[1,0],[0,1]]', 'float16'))$$);
SELECT try_sql($$SELECT matrix_rank(astype('[[1,0],[0,1]]', 'complex64'))$$);
SELECT try_sql($$SELECT inv('int32:[[1,2],[2,4]]'::tensor)$$);

-- ---- k-NN: float16 in float32 (as converting the corpus), integers in float64
SELECT * FROM knn(astype('[[0,0],[5,5]]', 'float16'), astype('[[1,1],[0,0],[4,4],[10,10]]', 'float16'), 2);
SELECT (SELECT array_agg(ARRAY[query, id]::text ORDER BY query, rank)
		FROM knn(astype(q, 'float16'), astype(c, 'float16'), 3)) =
	   (SELECT array_agg(ARRAY[query, id]::text ORDER BY query, rank)
		FROM knn(astype(astype(q, 'float16'), 'float32'), astype(astype(c, 'float16'), 'float32'), 3)) AS float16_as_float32,
	   (SELECT array_agg(distance ORDER BY query, rank) FROM knn(astype(q, 'float16'), astype(c, 'float16'), 3)) =
	   (SELECT array_agg(distance ORDER BY query, rank)
		FROM knn(astype(astype(q, 'float16'), 'float32'), astype(astype(c, 'float16'), 'float32'), 3)) AS same_distances
FROM (SELECT random('{20,2}', seed => 7) * 3 AS c, '[[0.1,0.2],[2.5,1.5],[1,1]]'::tensor AS q) s;
SELECT * FROM knn('int32:[[0,0]]'::tensor, 'int32:[[3,4],[1,1],[0,2]]', 2);
SELECT * FROM knn(astype('[1,0]', 'float16'), 'int8:[[1,1],[0,2],[4,4],[-1,0]]', 2, 'cosine');
SELECT try_sql($$SELECT * FROM knn(astype('[[1,0]]', 'bool'), '[[1,1]]'::tensor, 1)$$);
SELECT try_sql($$SELECT * FROM knn('[[1,0]]'::tensor, astype('[[1,1]]', 'complex64'), 1)$$);
-- distances
SELECT l2_distance(astype('[1,2]', 'float16'), astype('[4,6]', 'float16')) AS l2_float16,
	   astype('[1,2]', 'float16') <-> '[4,6]'::tensor AS l2_float16_float64,
	   l2_distance('int32:[1,2]'::tensor, 'int64:[4,6]') AS l2_int,
	   inner_product('int32:[1,2]'::tensor, astype('[3,4]', 'float32')) AS ip_int_float32,
	   cosine_distance(astype('[1,0]', 'float16'), astype('[1,0]', 'float32')) AS cos_float16_float32;
SELECT try_sql($$SELECT l2_distance(astype('[1,0]', 'bool'), astype('[1,1]', 'bool'))$$);
SELECT try_sql($$SELECT astype('[1,0]', 'complex64') <=> '[1,1]'::tensor$$);
-- a table of tensor(float16) rows: pgvector's halfvec use case
CREATE TABLE half_items (id bigint, emb tensor(float16));
INSERT INTO half_items SELECT i, astype(ARRAY[i * 0.5, 10 - i]::float8[]::tensor, 'float16') FROM generate_series(1, 8) i;
CREATE TABLE half_items32 AS SELECT id, astype(emb, 'float32') AS emb FROM half_items;
SELECT * FROM knn('[[2,8],[0,0]]'::tensor(float32), 'half_items', 'emb', 'id', 3);
SELECT (SELECT array_agg(ARRAY[query, id]::text || distance ORDER BY query, rank) FROM knn(q, 'half_items', 'emb', 'id', 4)) =
	   (SELECT array_agg(ARRAY[query, id]::text || distance ORDER BY query, rank) FROM knn(q, 'half_items32', 'emb', 'id', 4)) AS rows_as_float32
FROM (SELECT astype('[[2,8],[0,0],[3.3,1]]', 'float32') AS q) s;
SELECT * FROM knn(astype('[[2,8]]', 'float16'), 'half_items', 'emb', 'id', 2);
SELECT id FROM half_items ORDER BY emb <-> astype('[2,8]', 'float16'), id LIMIT 3;
-- knn_join of two tensor columns (rows widen exactly) and FAISS built from float16 rows
CREATE TABLE half_queries (qid int, v tensor(float16));
INSERT INTO half_queries VALUES (1, astype('[2,8]', 'float16')), (2, astype('[0,0]', 'float16'));
SELECT * FROM knn_join('half_queries', 'v', 'qid', 'half_items', 'emb', 'id', 2);
SELECT faiss_create('half_flat', 'half_items', 'emb', 'id', 'Flat');
SELECT (SELECT array_agg(ARRAY[query, id] ORDER BY query, rank) FROM faiss_search('half_flat', q, 3)) =
	   (SELECT array_agg(ARRAY[query, id] ORDER BY query, rank) FROM knn(q, 'half_items32', 'emb', 'id', 3)) AS faiss_float16_rows,
	   (SELECT array_agg(id ORDER BY rank) FROM faiss_search('half_flat', astype(q, 'float16'), 3) WHERE query = 0) AS float16_queries
FROM (SELECT astype('[[2,8],[0,0]]', 'float32') AS q) s;
SELECT try_sql($$SELECT * FROM faiss_search('half_flat', astype('[[2,8]]', 'complex64'), 3)$$);
SELECT faiss_drop('half_flat');
CREATE TABLE int_items (id int, emb tensor);
INSERT INTO int_items VALUES (1, 'int32:[1,1]'), (2, 'int16:[0,3]'), (3, astype('[5,5]', 'float16'));
SELECT * FROM knn('[[0,0]]'::tensor, 'int_items', 'emb', 'id', 3);
INSERT INTO int_items VALUES (4, astype('[1,1]', 'bool'));
SELECT try_sql($$SELECT * FROM knn('[[0,0]]'::tensor, 'int_items', 'emb', 'id', 3)$$);

-- ---- chunked tensors take every dtype (sql/chunked_dtypes.sql checks them
-- against the dense functions): every door answers with the tensor's dtype
SELECT dtype(chunk('int32:[[1,2],[3,4]]'::tensor));
SELECT dtype(chunk(astype('[[1,2],[3,4]]', 'float16')));
SELECT dtype(chunk(astype('[[1,2],[3,4]]', 'complex64')));
CREATE TABLE int_rows (i int, v tensor(int32));
INSERT INTO int_rows VALUES (1, 'int32:[1,2]'), (2, 'int32:[3,4]');
SELECT to_tensor(chunked_from_table('int_rows', 'v', 'i'));
SELECT to_tensor(chunked_from_query('SELECT v FROM int_rows ORDER BY i'));
SELECT to_tensor(chunked_zeros('{2,2}', dtype => 'int32'));
SELECT chunk('[[1,2],[3,4]]'::tensor) AS c \gset
SELECT to_tensor(matmul(:'c'::chunked_tensor, 'int32:[[1],[1]]'::tensor));
SELECT to_tensor(matmul('int32:[[1,1]]'::tensor, :'c'::chunked_tensor));
SELECT to_tensor(:'c'::chunked_tensor + 'int32:1'::tensor);
-- k-NN over a chunked corpus converts the queries as over a tensor
SELECT * FROM knn('int32:[[1,2]]'::tensor, :'c'::chunked_tensor, 1);
SELECT * FROM knn(astype('[[3,4]]', 'float16'), :'c'::chunked_tensor, 1);
SELECT try_sql(format($$SELECT * FROM knn(astype('[[1,2]]', 'complex128'), %L::chunked_tensor, 1)$$, :'c'));

-- the exact integer product polls for cancels between its blocks
CREATE TEMP TABLE big_int AS SELECT astype(ones('{2500,2500}'), 'int32') AS t;
SET statement_timeout = '300ms';
SELECT shape(matmul(t, t)) FROM big_int;
RESET statement_timeout;
SELECT matmul('int32:[[1]]'::tensor, 'int32:[[3]]') AS still_works;
