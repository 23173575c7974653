-- Sparse (CSR) tensors: construction, text form, what keeps them sparse,
-- what densifies them, storage, and every error.
SET search_path = marsql, public;

SELECT sparse('[[0,1,0],[2,0,3]]') AS csr, dense(sparse('[[0,1,0],[2,0,3]]')) AS back,
	   nnz(sparse('[[0,1,0],[2,0,3]]')) AS nnz, nnz('[[0,1],[NaN,0]]') AS nnz_dense_nan,
	   is_sparse(sparse('[[1]]')) AS is_sparse, is_sparse('[[1]]') AS dense_is_not;
SELECT sparse(zeros('{2,3}')) AS all_zero, sparse(zeros('{0,3}')) AS no_rows, sparse('float32(2,2):[0,1.5,0,0]') AS f32,
	   sparse(sparse('[[0,1]]')) AS idempotent, dense('[1,2]') AS dense_of_dense;
-- eye(n, sparse => true): one entry per row on diagonal k
SELECT eye(3, sparse => true) AS eye3, eye(3, 4, 1, sparse => true) AS eye_k1,
	   eye(3, k => -1, dtype => 'float32', sparse => true) AS eye_km1_f32, eye(2, 2, 5, sparse => true) AS off_the_edge,
	   dense(eye(3, 4, 1, sparse => true)) = eye(3, 4, 1) AS same_as_dense;

-- text form: entries in increasing (row, col) order, nonzero, in range
SELECT 'csr(2,3):{(0,1):1,(1,0):2,(1,2):3}'::tensor AS literal, 'csr float32(2,2):{ (1,1) : -0.5 }'::tensor AS spaces,
	   'CSR(0,0):{}'::tensor AS empty, dtype('csr(1,1):{(0,0):1}'::tensor) AS dtype,
	   'csr(1,2):{(0,1):NaN}'::tensor AS nan, shape('csr(4,5):{}'::tensor) AS shape, size('csr(4,5):{}'::tensor) AS size;
SELECT try_tensor('csr(2,2):{(1,1):1,(0,0):2}');
SELECT try_tensor('csr(2,2):{(0,0):1,(0,0):2}');
SELECT try_tensor('csr(2,2):{(0,0):0}');
SELECT try_tensor('csr(2,2):{(2,0):1}');
SELECT try_tensor('csr(2,2):{(0,2):1}');
SELECT try_tensor('csr(2,2):{(0,0):x}');
SELECT try_tensor('csr(2,2):{(0,0):1e999}');
SELECT try_tensor('csr float16(2,2):{}');
SELECT try_tensor('csr(2):{}');
SELECT try_tensor('csr(2,2){}');
SELECT try_tensor('csr(2,2):{(0,0):1');
SELECT try_tensor('csr(2,2):{(0,0):1} extra');
SELECT try_tensor('csr float32(1,1):{(0,0):1e300}');
SELECT try_sql($$SELECT marsql.sparse('[1,2]')$$);
SELECT try_sql($$SELECT marsql.sparse(marsql.zeros('{2,2,2}'))$$);

-- sparse x dense
SELECT matmul(sparse('[[0,1,0],[2,0,3]]'), '[[1,2],[3,4],[5,6]]') AS mat, matmul(sparse('[[0,1,0],[2,0,3]]'), '[1,1,1]') AS vec,
	   matmul(sparse('[[0,1,0],[2,0,3]]'), '[[1,2],[3,4],[5,6]]') = matmul('[[0,1,0],[2,0,3]]', '[[1,2],[3,4],[5,6]]') AS same_as_dense,
	   dtype(matmul(sparse('float32:[[1]]'), 'float32:[[2]]')) AS f32, dtype(matmul(sparse('float32:[[1]]'), '[[2]]')) AS promoted,
	   matmul('[[1,2]]', sparse('[[0,1],[2,0]]')) AS dense_times_sparse;
SELECT try_sql($$SELECT marsql.matmul(marsql.sparse('[[0,1],[2,0]]'), '[1,2,3]')$$);
SELECT try_sql($$SELECT marsql.matmul(marsql.sparse('[[0,1],[2,0]]'), marsql.zeros('{2,2,2}'))$$);

-- elementwise with scalars: * and / by finite scalars stay sparse
SELECT sparse('[[0,1],[2,0]]') * 2 AS times, 3 * sparse('[[0,1],[2,0]]') AS times_left, sparse('[[0,1],[2,0]]') / 2 AS div,
	   - sparse('[[0,1],[2,0]]') AS neg, abs(sparse('[[0,-1],[2,0]]')) AS abs, sparse('[[0,1],[2,0]]') * 0 AS times_zero,
	   sparse('float32:[[0,1e-30]]') * 1e-30 AS underflow;
-- everything else computes on the dense form, as numpy would
SELECT sparse('[[0,1],[2,0]]') + 1 AS plus, sparse('[[0,1],[2,0]]') / 0 AS div_zero, 2 / sparse('[[0,1],[2,0]]') AS scalar_div,
	   sparse('[[0,1],[2,0]]') * 'Infinity'::float8 AS times_inf, exp(sparse('[[0,1]]')) AS exp,
	   sparse('[[0,1]]') + sparse('[[2,0]]') AS sparse_plus_sparse;

-- sum with an axis reads the entries only; other reductions densify
SELECT sum(sparse('[[0,1],[2,5]]'), NULL) AS total, sum(sparse('[[0,1],[2,5]]'), 0) AS cols, sum(sparse('[[0,1],[2,5]]'), -1) AS rows,
	   sum(sparse('[[0,1],[2,5]]'), 1, true) AS rows_keep, sum(sparse('[[0,1],[2,5]]'), NULL, keepdims => true) AS all_keep,
	   sum(sparse('[[0,1],[2,5]]'), 0) = sum('[[0,1],[2,5]]'::tensor, 0) AS same_as_dense,
	   mean(sparse('[[0,1],[2,5]]')) AS mean, max(sparse('[[0,1],[2,5]]'), 1) AS max;
SELECT try_sql($$SELECT marsql.sum(marsql.sparse('[[0,1]]'), 2)$$);

-- a sparse value is an ordinary value: compared by its elements, stored,
-- converted by a typed column, densified by anything that needs elements
CREATE TEMP TABLE sp (id int, t tensor, t32 tensor(float32));
INSERT INTO sp VALUES (1, eye(1000, sparse => true), eye(3, sparse => true));
SELECT id, is_sparse(t), nnz(t), size(t), pg_column_size(t) < 100000 AS far_below_8mb_dense, t = eye(1000) AS equals_dense,
	   is_sparse(t32), dtype(t32), t32 FROM sp;
SELECT sum(t, 0) = ones('{1000}') AS column_sums, (t)[3][3] AS subscript, item(sum(t[0:2], NULL)) AS sliced FROM sp;
SELECT unnest.* FROM unnest(sparse('[[0,7]]'));
SELECT t::float8[] AS as_array FROM (SELECT sparse('[[0,1],[2,0]]') AS t) s;
SELECT from_binary(to_binary(sparse('[[0,1],[2,0]]'))) AS binary_is_dense;
