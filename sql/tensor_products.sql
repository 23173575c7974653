-- matmul (numpy's rules), dot, inner, outer, tensordot, the BLAS settings.
SET search_path = marsql, public;

-- 2-D, 1-D promotion on either side, 1-D with 1-D
SELECT matmul('[[1,2],[3,4]]', '[[5,6],[7,8]]') AS mm, matmul('[1,2]', '[[1,2],[3,4]]') AS vec_mat,
	   matmul('[[1,2],[3,4]]', '[1,2]') AS mat_vec, matmul('[1,2,3]', '[4,5,6]') AS vec_vec,
	   shape(matmul('[1,2,3]', '[4,5,6]')) AS vec_vec_shape;
-- batches broadcast like numpy: (2,1,3,4) @ (5,4,2) is (2,5,3,2)
SELECT shape(matmul(zeros('{2,1,3,4}'), ones('{5,4,2}'))) AS batched,
	   matmul(reshape(arange(0, 8), '{2,2,2}'), '[[1,0],[0,1]]') AS stack_times_eye,
	   matmul('[[1,1]]', reshape(arange(0, 8), '{2,2,2}')) AS mat_times_stack,
	   shape(matmul('[1,2]', zeros('{3,2,4}'))) AS vec_times_stack,
	   shape(matmul(zeros('{3,2,4}'), '[1,2,3,4]')) AS stack_times_vec;
-- empty extents: zero rows, and an empty inner dimension gives zeros
SELECT shape(matmul(zeros('{0,3}'), zeros('{3,2}'))) AS no_rows, matmul(zeros('{2,0}'), zeros('{0,3}')) AS empty_k,
	   shape(matmul(zeros('{0,2,2}'), zeros('{2,2}'))) AS empty_batch;
-- dtype promotion
SELECT dtype(matmul('float32:[[1]]', 'float32:[[2]]')) AS f32, dtype(matmul('float32:[[1]]', '[[2]]')) AS f64,
	   matmul('float32:[[0.1,0.2]]', 'float32:[[1],[1]]') AS f32_value;
-- a larger product agrees with the sum-of-products definition (integers: exact)
SELECT (matmul(reshape(arange(0, 600), '{20,30}'), reshape(arange(0, 600), '{30,20}')))[3][7] AS via_blas,
	   (SELECT sum((3 * 30 + k) * (k * 20 + 7)) FROM generate_series(0, 29) k)::float8 AS by_hand;
SELECT try_sql($$SELECT marsql.matmul('[[1,2,3]]', '[[1,2]]')$$);
SELECT try_sql($$SELECT marsql.matmul('[1,2]', '[1,2,3]')$$);
SELECT try_sql($$SELECT marsql.matmul('5', '[1,2]')$$);
SELECT try_sql($$SELECT marsql.matmul(marsql.zeros('{2,2,2}'), marsql.zeros('{3,2,2}'))$$);
SELECT try_sql($$SELECT marsql.matmul(marsql.zeros('{65536,1}'), marsql.zeros('{1,65536}'))$$);

-- dot, inner, outer, tensordot
SELECT dot('[1,2,3]', '[4,5,6]') AS dot_vv, dot('[[1,2],[3,4]]', '[[5,6],[7,8]]') AS dot_mm,
	   dot('[[1,2],[3,4]]', '[1,1]') AS dot_mv, dot('2', '[1,2]') AS dot_scalar,
	   shape(dot(zeros('{2,3,4}'), zeros('{5,4,6}'))) AS dot_nd;
SELECT inner('[1,2,3]', '[4,5,6]') AS inner_vv, inner('[[1,2],[3,4]]', '[[1,0],[0,1]]') AS inner_mm,
	   inner('3', '[1,2]') AS inner_scalar, outer('[1,2]', '[1,2,3]') AS outer, outer('[[1,2]]', '[3]') AS outer_flattens;
SELECT tensordot(reshape(arange(0, 24), '{2,3,4}'), reshape(arange(0, 12), '{3,4}')) AS last_two,
	   tensordot('[1,2]', '[3,4]', 0) AS outer_product, tensordot('[1,2]', '[3,4]', 1) AS inner_product,
	   tensordot(reshape(arange(0, 6), '{2,3}'), reshape(arange(0, 6), '{3,2}'), '{0,1}', '{1,0}') AS both_axes,
	   shape(tensordot(zeros('{2,3,4}'), zeros('{4,3,5}'), '{1,2}', '{1,0}')) AS paired_axes;
SELECT try_sql($$SELECT marsql.tensordot('[1,2]', '[1,2,3]', 1)$$);
SELECT try_sql($$SELECT marsql.tensordot('[1,2]', '[1,2]', 2)$$);
SELECT try_sql($$SELECT marsql.tensordot('[[1,2]]', '[[1,2]]', '{0,1}', '{0}')$$);
SELECT try_sql($$SELECT marsql.tensordot('[[1,2]]', '[[1,2]]', '{1,1}', '{1,1}')$$);
SELECT try_sql($$SELECT marsql.tensordot('[[1,2]]', '[[1,2]]', '{2}', '{0}')$$);

-- marsql.blas_threads applies per call; the library is loaded in this backend
-- (the default is the number of cores, so only its range is pinned here)
SELECT current_setting('marsql.blas_threads')::int >= 1 AS default_at_least_one;
SET marsql.blas_threads = 1;
SELECT device, blas_threads, library_threads, library LIKE '%openblas%' AS is_openblas FROM blas_info();
SET marsql.blas_threads = 2;
SELECT blas_threads, library_threads BETWEEN 1 AND 2 AS applied FROM blas_info();
SELECT try_sql($$SET marsql.blas_threads = 0$$);
RESET marsql.blas_threads;
