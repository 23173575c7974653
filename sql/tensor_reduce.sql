-- Reductions: every function over every axis and all axes, keepdims,
-- empty and 0-d inputs, NaN, norms, cumsum, the aggregates, and errors.
SET search_path = marsql, public;

CREATE TEMP TABLE r AS SELECT reshape(arange(0, 24), '{2,3,4}') AS t;

SELECT sum(t, NULL) AS all, sum(t, 0) AS axis0, sum(t, 1) AS axis1, sum(t, -1) AS last,
	   shape(sum(t, 1, true)) AS keep1, shape(sum(t, NULL, keepdims => true)) AS keep_all FROM r;
SELECT mean(t) AS mean, mean(t, 2) AS mean2, prod(t[1][0]) AS prod_row, prod('[]'::tensor) AS prod_empty,
	   sum('[]'::tensor, NULL) AS sum_empty, mean('[]'::tensor) AS mean_empty FROM r;
SELECT min(t, NULL) AS min, max(t, NULL) AS max, min(t, 1) AS min1, max(t, 0, true) AS max0_keep FROM r;
SELECT var('[1,2,3,4]'::tensor) AS var, var('[1,2,3,4]'::tensor, ddof => 1) AS var_ddof1,
	   std('[[1,2],[3,5]]'::tensor, 0) AS std0, std('[[1,2],[3,5]]'::tensor, 1, 1, true) AS std1_ddof1_keep,
	   var('[1]'::tensor, ddof => 1) AS var_ddof_n, var('[]'::tensor) AS var_empty;
SELECT argmin('[3,1,2,1]'::tensor) AS argmin, argmax('[[1,9],[9,2]]'::tensor) AS argmax_flat,
	   argmax('[[1,9],[9,2]]'::tensor, 0) AS argmax0, argmin('[[1,9],[0,2]]'::tensor, 1, true) AS argmin1_keep,
	   argmax('[1,NaN,5]'::tensor) AS argmax_nan, argmin('[1,NaN,-5]'::tensor) AS argmin_nan;
-- NaN propagates through min and max; float32 stays float32
SELECT min('[1,NaN,-1]'::tensor, NULL) AS min_nan, max('[[1,2],[NaN,0]]'::tensor, 1) AS max_nan_row,
	   dtype(sum('float32:[1,2]'::tensor, NULL)) AS sum_f32, dtype(argmax('float32:[[1,2]]'::tensor, 1)) AS argmax_dtype;
-- 0-d tensors reduce over no axis
SELECT sum('5'::tensor, NULL) AS sum_0d, max('5'::tensor, NULL) AS max_0d, argmax('5'::tensor) AS argmax_0d, shape(mean('5'::tensor)) AS shape;
-- empty axes: sums are 0; min/max only fail when a result would have no element
SELECT sum(zeros('{0,3}'), 0) AS sum_empty_axis, shape(max(zeros('{0,3}'), 1)) AS max_of_no_rows;
SELECT try_sql($$SELECT marsql.max('[]'::marsql.tensor, NULL)$$);
SELECT try_sql($$SELECT marsql.min(marsql.zeros('{0,3}'), 0)$$);
SELECT try_sql($$SELECT marsql.argmin('[]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.sum('[1,2]'::marsql.tensor, 1)$$);
SELECT try_sql($$SELECT marsql.sum('[1,2]'::marsql.tensor, -2)$$);
SELECT try_sql($$SELECT marsql.sum('5'::marsql.tensor, 0)$$);
SELECT try_sql($$SELECT marsql.var('[1,2]'::marsql.tensor, ddof => -1)$$);
SELECT sum(NULL::tensor, NULL) IS NULL AS null_in, sum('[1]'::tensor, NULL, keepdims => NULL) IS NULL AS null_keepdims;

-- norms: vector norms, and numpy's matrix norms for 2-D input without an axis
SELECT norm('[3,-4]'::tensor) AS l2, norm('[3,-4]'::tensor, '1') AS l1, norm('[3,-4]'::tensor, 'inf') AS inf,
	   norm('[3,-4]'::tensor, '-inf') AS neg_inf, norm('[3,0,-4]'::tensor, '0') AS l0,
	   near(norm('[1,2,3]'::tensor, '3')) AS l3, norm('[3,-4]'::tensor, 'L1') AS l1_name;
SELECT norm('[[1,-2],[3,4]]'::tensor) AS fro_default, norm('[[1,-2],[3,4]]'::tensor, 'fro') AS fro,
	   norm('[[1,-2],[3,4]]'::tensor, '1') AS max_col_sum, norm('[[1,-2],[3,4]]'::tensor, '-1') AS min_col_sum,
	   norm('[[1,-2],[3,4]]'::tensor, 'inf') AS max_row_sum, norm('[[1,-2],[3,4]]'::tensor, '-inf') AS min_row_sum;
SELECT near(norm('[[3,0],[0,4]]'::tensor, '2')) AS spectral, near(norm('[[3,0],[0,4]]'::tensor, '-2')) AS smallest_sv,
	   near(norm('[[3,0],[0,4]]'::tensor, 'nuc')) AS nuclear, norm('[[3,4],[6,8]]'::tensor, axis => 1) AS rows_l2,
	   norm('[[3,4],[6,8]]'::tensor, '1', 0, true) AS cols_l1_keep, norm(zeros('{2,2,2}')) AS nd_default;
SELECT try_sql($$SELECT marsql.norm('[1,2]', 'fro')$$);
SELECT try_sql($$SELECT marsql.norm('[[1,2]]', 'nuc', 0)$$);
SELECT try_sql($$SELECT marsql.norm('[[1,2]]', '3')$$);
SELECT try_sql($$SELECT marsql.norm(marsql.zeros('{2,2,2}'), '1')$$);
SELECT try_sql($$SELECT marsql.norm('[1,2]', 'two')$$);

-- cumsum flattens without an axis; float32 accumulates in float32 as numpy
SELECT cumsum('[[1,2],[3,4]]'::tensor) AS flat, cumsum('[[1,2],[3,4]]'::tensor, 0) AS axis0,
	   cumsum('[[1,2],[3,4]]'::tensor, -1) AS axis1, cumsum('[]'::tensor) AS empty,
	   dtype(cumsum('float32:[1]'::tensor)) AS f32;
SELECT try_sql($$SELECT marsql.cumsum('[1]'::marsql.tensor, 1)$$);

-- sum_agg and avg_agg: elementwise over rows, NULLs skipped, float64 wins
CREATE TEMP TABLE rows_t (g int, t tensor);
INSERT INTO rows_t VALUES (1, '[1,2]'), (1, '[3,4]'), (1, NULL), (2, 'float32:[1,1]'), (2, 'float32:[2,3]');
SELECT g, sum_agg(t), avg_agg(t), dtype(sum_agg(t)) FROM rows_t GROUP BY g ORDER BY g;
SELECT sum_agg(t) IS NULL AS no_rows FROM rows_t WHERE false;
SELECT dtype(sum_agg(t)) AS mixed FROM rows_t;
SELECT try_sql($$SELECT marsql.sum_agg(t) FROM (VALUES ('[1,2]'::marsql.tensor), ('[1,2,3]')) v(t)$$);
SELECT try_sql($$SELECT marsql.avg_agg(t) FROM (VALUES ('[[1,2]]'::marsql.tensor), ('[1,2]')) v(t)$$);

-- in parallel query the combine function merges workers' partial states
CREATE TABLE par_t AS SELECT i, full('{3}', i) AS t FROM generate_series(1, 20000) i;
ANALYZE par_t;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT sum_agg(t), avg_agg(t) FROM par_t;
SELECT sum_agg(t) AS sum, avg_agg(t) AS avg FROM par_t;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE par_t;
