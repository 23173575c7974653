-- Reductions, shape functions, subscripts, stacking, constructors and row
-- aggregates over every dtype, with numpy's result dtypes (issue 21).
SET search_path = marsql, public;

CREATE TEMP TABLE dt(d text, o int);
INSERT INTO dt VALUES ('bool', 1), ('int8', 2), ('uint8', 3), ('int16', 4), ('int32', 5),
	('int64', 6), ('float16', 7), ('float32', 8), ('float64', 9), ('complex64', 10), ('complex128', 11);

-- shape and data movement keep the dtype (they move bytes)
SELECT d, reshape(astype('[[1,0,3],[4,5,0]]'::tensor, d), '{3,-1}') AS reshape,
	   transpose(astype('[[1,0,3],[4,5,0]]'::tensor, d)) AS transpose,
	   flatten(astype('[[1,0,3],[4,5,0]]'::tensor, d)) AS flatten
FROM dt ORDER BY o;
SELECT d, dtype(squeeze(astype('[[1,2]]'::tensor, d))) AS squeeze,
	   dtype(expand_dims(astype('[1,2]'::tensor, d), -1)) AS expand_dims,
	   tile(astype('[1,0]'::tensor, d), '{2}') AS tile,
	   repeat(astype('[1,0]'::tensor, d), 2) AS repeat,
	   diag(astype('[1,2]'::tensor, d)) AS diag
FROM dt ORDER BY o;
SELECT d, tril(astype('[[1,2],[3,4]]'::tensor, d)) AS tril, triu(astype('[[1,2],[3,4]]'::tensor, d), 1) AS triu,
	   (astype('[[1,2,3],[4,5,6]]'::tensor, d))[:][1:] AS sub,
	   (astype('[[1,2,3],[4,5,6]]'::tensor, d))[1][-1] AS elem,
	   slice(astype('[1,2,3,4]'::tensor, d), '{NULL}', '{NULL}', '{-2}') AS slice_step,
	   take(astype('[1,2,3,4]'::tensor, d), '{3,0}') AS take
FROM dt ORDER BY o;
SELECT d, split(astype('[1,2,3,4]'::tensor, d), 2) AS split,
	   concatenate(ARRAY[astype('[1,2]'::tensor, d), astype('[3]'::tensor, d)]) AS concatenate,
	   stack(ARRAY[astype('[1,2]'::tensor, d), astype('[3,4]'::tensor, d)], 1) AS stack
FROM dt ORDER BY o;
-- flip, roll, swapaxes, moveaxis, broadcast_to, ravel and *_like
SELECT d, flip(astype('[[1,0,3],[4,5,0]]'::tensor, d)) AS flip,
	   flip(astype('[[1,0,3],[4,5,0]]'::tensor, d), -1) AS flip_last,
	   roll(astype('[[1,0,3],[4,5,0]]'::tensor, d), 1) AS roll_flat,
	   roll(astype('[[1,0,3],[4,5,0]]'::tensor, d), -1, 1) AS roll1,
	   swapaxes(astype('[[1,0,3],[4,5,0]]'::tensor, d), 0, 1) AS swapaxes
FROM dt ORDER BY o;
SELECT d, shape(moveaxis(zeros('{2,3,4}', d), 0, -1)) AS moveaxis,
	   broadcast_to(astype('[1,0]'::tensor, d), '{2,2}') AS broadcast_to,
	   ravel(astype('[[1],[2]]'::tensor, d)) AS ravel,
	   zeros_like(astype('[1,2]'::tensor, d)) AS zeros_like,
	   ones_like(astype('[1,2]'::tensor, d)) AS ones_like,
	   full_like(astype('[1,2]'::tensor, d), 3) AS full_like
FROM dt ORDER BY o;
SELECT flip('5'::tensor) AS flip_0d, roll('5'::tensor, 3) AS roll_0d, roll(zeros('{0,2}'), 1, 1) AS roll_empty,
	   zeros_like('[1.5]'::tensor, 'int8') AS zeros_like_dtype;
SELECT try_sql($$SELECT marsql.flip('[1,2]'::marsql.tensor, 1)$$);
SELECT try_sql($$SELECT marsql.roll('5'::marsql.tensor, 1, 0)$$);
SELECT try_sql($$SELECT marsql.swapaxes('[1,2]'::marsql.tensor, 0, 1)$$);
SELECT try_sql($$SELECT marsql.moveaxis('[[1,2]]'::marsql.tensor, 0, 2)$$);
SELECT try_sql($$SELECT marsql.broadcast_to('[1,2]'::marsql.tensor, '{3}')$$);
SELECT try_sql($$SELECT marsql.broadcast_to('[[1,2]]'::marsql.tensor, '{2}')$$);
SELECT try_sql($$SELECT marsql.full_like(marsql.astype('[1]'::marsql.tensor, 'int8'), 1000)$$);
-- mixed dtypes promote as numpy.promote_types
SELECT dtype(concatenate(ARRAY[astype('[1]'::tensor, 'int8'), astype('[2]'::tensor, 'uint8')])) AS i8_u8,
	   dtype(concatenate(ARRAY[astype('[1]'::tensor, 'int64'), astype('[2]'::tensor, 'float32')])) AS i64_f32,
	   dtype(stack(ARRAY[astype('[1]'::tensor, 'bool'), astype('[2]'::tensor, 'float16')])) AS b_f16,
	   dtype(concatenate(ARRAY[astype('[1]'::tensor, 'float64'), astype('[2]'::tensor, 'complex64')])) AS f64_c64,
	   concatenate(ARRAY[astype('[1,2]'::tensor, 'int16'), astype('[[3]]'::tensor, 'int8')], NULL) AS flat;
SELECT item(astype('[7]'::tensor, 'int16')) AS item_int, item(astype('[1]'::tensor, 'bool')) AS item_bool;
SELECT try_sql($$SELECT marsql.item(marsql.astype('[1]'::marsql.tensor, 'complex64'))$$);

-- reductions: numpy's result dtypes
SELECT d, sum(astype('[[1,0,3],[4,5,0]]'::tensor, d), NULL) AS sum_all,
	   sum(astype('[[1,0,3],[4,5,0]]'::tensor, d), 0) AS sum0,
	   sum(astype('[[1,0,3],[4,5,0]]'::tensor, d), -1, true) AS sum_last_keep,
	   prod(astype('[[1,0,3],[4,5,1]]'::tensor, d), 1) AS prod1,
	   mean(astype('[[1,0,3],[4,5,0]]'::tensor, d), 0) AS mean0
FROM dt ORDER BY o;
SELECT d, min(astype('[[1,0,3],[4,5,0]]'::tensor, d), 1) AS min1,
	   max(astype('[[1,0,3],[4,5,0]]'::tensor, d), NULL) AS max_all,
	   argmin(astype('[[1,0,3],[4,5,0]]'::tensor, d), 0) AS argmin0,
	   argmax(astype('[[1,0,3],[4,5,0]]'::tensor, d)) AS argmax_flat,
	   var(astype('[1,0,3,4]'::tensor, d)) AS var, std(astype('[1,0,3,4]'::tensor, d), ddof => 1) AS std1
FROM dt ORDER BY o;
SELECT d, cumsum(astype('[[1,0,3],[4,5,0]]'::tensor, d)) AS cumsum,
	   cumsum(astype('[[1,0,3],[4,5,0]]'::tensor, d), 0) AS cumsum0,
	   cumprod(astype('[[1,2,3],[4,5,1]]'::tensor, d), -1) AS cumprod_last
FROM dt ORDER BY o;
SELECT d, norm(astype('[3,4]'::tensor, d)) AS norm2, norm(astype('[[1,2],[3,4]]'::tensor, d), '1') AS norm_m1,
	   norm(astype('[[1,2],[3,4]]'::tensor, d), 'inf', 1) AS norm_inf1
FROM dt ORDER BY o;
-- integer sums wrap as numpy's int64 (8-bit inputs accumulate in int64)
SELECT sum(astype('[100,100,100]'::tensor, 'int8'), NULL) AS i8_no_wrap,
	   sum(astype('[200,200]'::tensor, 'uint8'), NULL) AS u8_to_int64,
	   prod(astype('[4294967296,4294967296]'::tensor, 'int64'), NULL) AS i64_wraps,
	   cumprod(astype('[65536,65536,65536,65536]'::tensor, 'int64')) AS cumprod_wraps;
-- float16 computes in float32 and stays float16; NaN propagates
SELECT sum(astype('[60000,10000,-10000]'::tensor, 'float16'), NULL) AS f16_pairwise_in_f32,
	   mean(astype('[60000,60000]'::tensor, 'float16')) AS f16_mean_in_f32,
	   min(astype('[1,NaN,-1]'::tensor, 'float16'), NULL) AS f16_min_nan,
	   argmax(astype('[1,NaN,5]'::tensor, 'float16')) AS f16_argmax_nan;
-- empty and 0-d
SELECT d, sum(astype('[]'::tensor, d), NULL) AS sum_empty, prod(astype('[]'::tensor, d)) AS prod_empty,
	   sum(astype('5'::tensor, d), NULL) AS sum_0d, count_nonzero(astype('[]'::tensor, d)) AS cnz_empty,
	   "any"(astype('[]'::tensor, d)) AS any_empty, "all"(astype('[]'::tensor, d)) AS all_empty
FROM dt ORDER BY o;
-- complex: sum, prod, mean, cumsum in the dtype; min, max, argmin, argmax
-- in numpy's lexicographic order with NaN winning; var and std real
SELECT sum(astype('[[1,2],[3,4]]'::tensor, 'complex128'), 1) AS c_sum,
	   prod(astype('[1,2,3]'::tensor, 'complex64')) AS c_prod,
	   mean(astype('[1,2]'::tensor, 'complex64')) AS c_mean;
SELECT max(astype('[[1,NaN],[3,2]]'::tensor, 'complex64'), 1) AS c_max_nan,
	   argmin(astype('[3,NaN,1]'::tensor, 'complex128')) AS c_argmin_nan,
	   var(astype('[[1,5],[3,2]]'::tensor, 'complex128'), 0) AS c_var_real,
	   std(astype('[1,5,3]'::tensor, 'complex64'), ddof => 1) AS c_std_f32;
SELECT try_sql($$SELECT marsql.round(marsql.norm(marsql.astype('[[1,2],[3,4]]'::marsql.tensor, 'complex64'), 'nuc'), 5)$$);
SELECT try_sql($$SELECT marsql.round(marsql.norm(marsql.astype('[[1,2],[3,4]]'::marsql.tensor, 'complex128'), '-2'), 10)$$);
SELECT try_sql($$SELECT marsql.min(marsql.astype('[]'::marsql.tensor, 'int32'), NULL)$$);
SELECT try_sql($$SELECT marsql.argmax(marsql.astype('[]'::marsql.tensor, 'int8'))$$);

-- any, all, count_nonzero: every dtype, NaN is true
SELECT d, "any"(astype('[[1,0,0],[0,0,0]]'::tensor, d), 1) AS any1,
	   "all"(astype('[[1,0,3],[4,5,6]]'::tensor, d), 0) AS all0,
	   "all"(astype('[[1,0,3],[4,5,6]]'::tensor, d), -1, true) AS all_keep,
	   count_nonzero(astype('[[1,0,3],[4,5,0]]'::tensor, d)) AS cnz,
	   count_nonzero(astype('[[1,0,3],[4,5,0]]'::tensor, d), 0) AS cnz0
FROM dt ORDER BY o;
SELECT "all"('[NaN,1]'::tensor) AS nan_true, "any"('[-0.0]'::tensor) AS neg_zero_false,
	   count_nonzero('[NaN,-0.0,0,2]'::tensor) AS cnz_nan, "any"('5'::tensor) AS any_0d,
	   count_nonzero(astype('[[0,1]]'::tensor, 'complex64'), 1, true) AS cnz_keep;
SELECT try_sql($$SELECT marsql."any"('[1,2]'::marsql.tensor, 1)$$);
SELECT try_sql($$SELECT marsql.count_nonzero('[1,2]'::marsql.tensor, -2)$$);
SELECT try_sql($$SELECT marsql.cumprod('[1,2]'::marsql.tensor, 1)$$);

-- constructors: every dtype
SELECT d, ones('{2}', d) AS ones, full('{2}', 2.75, d) AS full, eye(2, 3, 1, d) AS eye,
	   identity(2, d) AS identity, zeros('{1}', d) AS zeros
FROM dt ORDER BY o;
SELECT d, arange(0, 5, 1.5, d) AS arange, arange(4, d) AS arange_stop, linspace(0, 10, 4, true, d) AS linspace
FROM dt WHERE d <> 'bool' ORDER BY o;
SELECT arange(2, 'bool') AS arange_bool, linspace(-1, 1, 4, true, 'int8') AS linspace_floor,
	   arange(-3, 3, 2, 'int8') AS arange_neg, arange(0, 1, 0.25, 'float16') AS arange_f16;
SELECT try_sql($$SELECT marsql.full('{2}', 300, 'int8')$$);
SELECT try_sql($$SELECT marsql.full('{2}', -1, 'uint8')$$);
SELECT try_sql($$SELECT marsql.full('{2}', 'NaN', 'int32')$$);
SELECT try_sql($$SELECT marsql.full('{2}', 1e6, 'float16')$$);
SELECT try_sql($$SELECT marsql.ones('{2}', 'int128')$$);
SELECT try_sql($$SELECT marsql.arange(0, 300, 1, 'int8')$$);
SELECT try_sql($$SELECT marsql.arange(0, 100000, 1000, 'float16')$$);
SELECT try_sql($$SELECT marsql.arange(3, 'bool')$$);
SELECT try_sql($$SELECT marsql.linspace(0, 1000, 3, true, 'int8')$$);
SELECT try_sql($$SELECT marsql.eye(2, dtype => 'int8', sparse => true)$$);

-- row aggregates and stack_agg: numpy's sum / mean / min / max over axis 0
CREATE TEMP TABLE rows_i(t tensor);
INSERT INTO rows_i VALUES (astype('[1,200]'::tensor, 'uint8')), (astype('[-3,4]'::tensor, 'int8')), (NULL);
SELECT sum(t), avg(t), min(t), max(t), stack_agg(t) FROM rows_i;
INSERT INTO rows_i VALUES (astype('[0.5,1]'::tensor, 'float16'));
SELECT sum(t), avg(t), min(t), max(t), stack_agg(t) FROM rows_i;
CREATE TEMP TABLE rows_b(t tensor);
INSERT INTO rows_b VALUES (astype('[1,0]'::tensor, 'bool')), (astype('[1,1]'::tensor, 'bool'));
SELECT sum(t), avg(t), min(t), max(t), stack_agg(t), sum_agg(t), avg_agg(t) FROM rows_b;
CREATE TEMP TABLE rows_f16(t tensor);
INSERT INTO rows_f16 VALUES (astype('[1.5,NaN]'::tensor, 'float16')), (astype('[2,1]'::tensor, 'float16'));
SELECT sum(t), avg(t), min(t), max(t), stack_agg(t) FROM rows_f16;
SELECT stack_agg(t) FROM (VALUES (astype('[1]'::tensor, 'int32')), (astype('[2]'::tensor, 'complex64'))) v(t);
SELECT try_sql($$SELECT marsql.sum(t) FROM (VALUES (marsql.astype('[1]'::marsql.tensor, 'complex64'))) v(t)$$);
SELECT try_sql($$SELECT marsql.max(t) FROM (VALUES (marsql.astype('[1]'::marsql.tensor, 'int8')), (marsql.astype('[1,2]'::marsql.tensor, 'int8'))) v(t)$$);
-- parallel query: partial int64 states serialize and combine exactly
CREATE TABLE public.dtypes_rows_big AS
	SELECT astype(full('{3}', g % 7, 'int64'), CASE WHEN g % 2 = 0 THEN 'int8' ELSE 'int32' END) AS t
	FROM generate_series(1, 20000) g;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT sum(t), min(t), max(t), avg(t) FROM public.dtypes_rows_big;
SELECT sum(astype(t, 'float32')) AS float_partials FROM public.dtypes_rows_big;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE public.dtypes_rows_big;
