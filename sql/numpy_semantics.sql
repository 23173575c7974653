-- numpy's own semantics where marsql once differed (issue 18): axis NULL
-- in every function taking an axis, sign of -0 and NaN, round in the
-- tensor's dtype, n-d indices to take, sums in numpy's pairwise order and
-- float32 reductions accumulated in float32.  Expected values are numpy's.
SET search_path = marsql, public;

-- axis => NULL: numpy's axis=None
SELECT concatenate(ARRAY['[[1,2],[3,4]]', '[5,6,7]']::tensor[], NULL) AS flat,
	   concatenate(ARRAY['[[1,2]]', '9']::tensor[], axis => NULL) AS with_0d,
	   dtype(concatenate(ARRAY['float32:[1]', '[[2]]']::tensor[], NULL)) AS promoted,
	   concatenate(NULL::tensor[], NULL) AS null_array;
SELECT try_sql($$SELECT concatenate(ARRAY[]::tensor[], NULL)$$) AS no_tensors;
SELECT repeat('[[1,2],[3,4]]'::tensor, 2, NULL) AS repeat_flat,
	   take('[[1,2],[3,4]]'::tensor, '{3,-4}', NULL) AS take_flat,
	   cumsum('[[1,2],[3,4]]'::tensor, NULL) AS cumsum_flat,
	   shape(squeeze(zeros('{1,3,1}'), NULL)) AS squeeze_all;
SELECT sum('[[1,2],[3,4]]'::tensor, NULL, true) AS sum_keep,
	   argmax('[[1,9],[9,2]]'::tensor, NULL, true) AS argmax_keep,
	   norm('[[3,0],[0,4]]'::tensor, NULL, NULL) AS norm_all;
-- numpy's stack, split and expand_dims take no axis=None: NULL in, NULL out
SELECT stack(ARRAY['[1]', '[2]']::tensor[], NULL) IS NULL AS stack_null,
	   split('[1,2]'::tensor, 2, NULL) IS NULL AS split_null,
	   split('[1,2]'::tensor, ARRAY[1], NULL) IS NULL AS split_indices_null,
	   expand_dims('[1,2]'::tensor, NULL) IS NULL AS expand_dims_null;

-- sign: +0 for -0 (and float32 -0), NaN stays NaN
SELECT sign('[-0.0, 0, NaN, -2.5, Infinity]'::tensor) AS sign,
	   sign('float32:[-0.0, NaN, -1]'::tensor) AS sign32;

-- round: every step in the dtype, halves to even, negative decimals
SELECT round('float32:[0.35, 0.45, -0.35, 2.5]'::tensor, 1) AS r32,
	   round('[0.35, 2.675, 0.125, 1.005]'::tensor, 2) AS r64,
	   round('[0.5, 1.5, 2.5, -0.5, -2.5]'::tensor) AS halves,
	   round('[-250, 350, 1234.5, 149]'::tensor, -2) AS hundreds,
	   round('float32:[-250, 350, 16777215]'::tensor, -1) AS tens32,
	   dtype(round('float32:[1]'::tensor, 3)) AS dtype32;

-- take: result shape t.shape[:axis] + indices.shape + t.shape[axis+1:]
SELECT take(arange(0, 10), '{{1,2},{-1,0}}') AS nd_flat,
	   take(reshape(arange(0, 12), '{3,4}'), '{{0,-1}}', 1) AS nd_axis1,
	   shape(take(reshape(arange(0, 24), '{2,3,4}'), '{{{0},{1}}}', 1)) AS shape_3d,
	   shape(take(reshape(arange(0, 12), '{3,4}'), '{}', 1)) AS no_indices,
	   take('[1,2,3]'::tensor, NULL) AS null_indices;
SELECT try_sql($$SELECT take(reshape(arange(0, 12), '{3,4}'), '{{0},{4}}', 1)$$) AS out_of_range,
	   try_sql($$SELECT take(arange(0, 4), '{{0,NULL}}')$$) AS null_index;

-- sums in numpy's order: pairwise along the last axis, rows in turn along
-- another axis
SELECT sum('[1,2e-9,3e-9]'::tensor * 1e6::float8, NULL) AS sum6,
	   mean('[1,2e-9,3e-9]'::tensor * 1e6::float8) AS mean6;
CREATE TEMP TABLE pw AS
	SELECT concatenate(ARRAY['[1]'::tensor, full('{15}', 1e-16)]) AS v;
SELECT sum(v, NULL) AS pairwise, sum(reshape(v, '{16,1}'), 0) AS pairwise_axis0,
	   sum(stack(ARRAY[v, zeros('{16}')], 1), 0) AS rows_in_turn FROM pw;
-- more than 8192 elements: pairwise per block of 8192, blocks in turn
SELECT sum(t, NULL) AS sum_20000, mean(t) AS mean_20000, var(t) AS var_20000
FROM (SELECT arange(0, 20000) * 0.1 + 1e-3 AS t) s;

-- float32 accumulates in float32 as numpy: 2^24 + 1 + 1 stays 2^24
SELECT sum('float32:[16777216, 1, 1]'::tensor, NULL) AS sum32,
	   mean('float32:[16777216, 1, 1]'::tensor) AS mean32,
	   var('float32:[16777216, 1, 1, 3]'::tensor) AS var32,
	   prod(full('{30}', 1.1, 'float32')) AS prod32;

-- arange as numpy: first + i * (second - first), computed in the dtype
SELECT arange(0.1, 2, 0.3) AS a64, arange(-3, 1, 0.7, 'float32') AS a32;
SELECT try_sql($$SELECT arange(0, 1e39, 1e38, 'float32')$$) AS a32_overflow;
-- allclose of two float32 tensors in float32: atol rounds up to 2^-23
SELECT allclose('float32:[1]'::tensor, 'float32:[1.0000001192092896]'::tensor, 0, 1.1920928943079071e-07) AS close32,
	   allclose('[1]'::tensor, '[1.0000001192092896]'::tensor, 0, 1.1920928943079071e-07) AS close64;
