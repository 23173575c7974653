-- SQL's aggregate names over rows of tensors (issue 20, item 3): sum, avg,
-- min and max given one tensor are aggregates, elementwise over rows of one
-- shape, as pgvector's sum and avg; numpy's whole-tensor reductions of
-- those names take an axis, or NULL for every element (sum(t, NULL)).
-- docs/math.md, "Reductions" and "Aggregates over rows".
SET search_path = marsql, public;

CREATE TEMP TABLE agg_t (id int, grp int, v tensor);
INSERT INTO agg_t VALUES (1, 1, '[1,2]'), (2, 1, '[3,5]'), (3, 2, '[0,-1]'), (4, 2, NULL),
	(5, 3, NULL), (6, 1, '[-4,0.5]');

-- 1. GROUP BY: NULL rows are skipped, a group of NULL rows gives NULL
SELECT grp, sum(v), avg(v), min(v), max(v), count(v) FROM agg_t GROUP BY grp ORDER BY grp;
SELECT sum(v), avg(v), min(v), max(v) FROM agg_t;
-- no rows: NULL, as SQL's sum of nothing
SELECT sum(v) IS NULL AS sum_null, avg(v) IS NULL AS avg_null, min(v) IS NULL AS min_null,
	   max(v) IS NULL AS max_null FROM agg_t WHERE false;
SELECT grp, sum(v) FROM agg_t WHERE id > 100 GROUP BY grp;
-- FILTER, ORDER BY inside, and HAVING over numpy's reduction of the aggregate
SELECT grp, sum(v) FILTER (WHERE id < 6) AS early, min(v ORDER BY id) AS lo
FROM agg_t GROUP BY grp HAVING sum(sum(v), NULL) > 0 ORDER BY grp;
-- as window functions: a running sum, a sliding frame (restarted), the whole partition
SELECT id, sum(v) OVER (ORDER BY id) AS running, max(v) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS pair_max,
	   avg(v) OVER (PARTITION BY grp) AS group_avg
FROM agg_t ORDER BY id;
-- sum_agg and avg_agg are the same aggregates under their older names
SELECT sum_agg(v) = sum(v) AS sum_alias, avg_agg(v) = avg(v) AS avg_alias FROM agg_t;

-- 2. dtypes: float32 rows stay float32, a float64 row makes float64 (numpy's promotion)
SELECT sum(v), avg(v), min(v), max(v), dtype(sum(v)) AS sum_dtype, dtype(avg(v)) AS avg_dtype,
	   dtype(min(v)) AS min_dtype, dtype(max(v)) AS max_dtype
FROM (VALUES ('float32:[1.5,-2]'::tensor), ('float32:[0.1,3]')) s(v);
SELECT dtype(sum(v)) AS sum_mixed, dtype(min(v)) AS min_mixed, dtype(max(v)) AS max_mixed, min(v), max(v)
FROM (VALUES ('float32:[0.1]'::tensor), ('[2]')) s(v);
-- float32 min and max are the stored float32 values, exactly
SELECT min(v) = 'float32:[0.1]'::tensor AS exact_min32 FROM (VALUES ('float32:[0.1]'::tensor), ('float32:[0.2]')) s(v);

-- 3. NaN wins in min and max (numpy.minimum / numpy.maximum); sums follow IEEE
SELECT min(v), max(v), sum(v)
FROM (VALUES (1, '[1,NaN,3,-Infinity]'::tensor), (2, '[NaN,2,-Infinity,1]'), (3, '[0,5,Infinity,NaN]')) s(i, v);
-- -0 against +0: the later row's zero is kept, as numpy keeps the second operand
SELECT min(v ORDER BY i)::text AS min_in_order, max(v ORDER BY i)::text AS max_in_order,
	   min(v ORDER BY i DESC)::text AS min_reversed, max(v ORDER BY i DESC)::text AS max_reversed
FROM (VALUES (1, '[-0,0]'::tensor), (2, '[0,-0]')) s(i, v);
-- sums start from +0, numpy's identity: one row of -0 sums to +0; min and max keep it
SELECT sum(v)::text AS one_row_sum, avg(v)::text AS one_row_avg, min(v)::text AS one_row_min,
	   max(v)::text AS one_row_max FROM (VALUES ('[-0,1.5]'::tensor)) s(v);

-- 4. 0-d, n-d, empty and sparse rows
SELECT sum(v), avg(v), min(v), max(v), shape(sum(v)) AS shape FROM (VALUES ('5'::tensor), ('-1'), ('2.5')) s(v);
SELECT sum(v), min(v), max(v) FROM (VALUES ('[[1,2],[3,4]]'::tensor), ('[[10,-20],[30,-40]]')) s(v);
SELECT shape(sum(v)) AS sum3, max(v) = full('{2,3,2}', 2) AS max3
FROM (VALUES (ones('{2,3,2}')), (full('{2,3,2}', 2))) s(v);
SELECT shape(sum(v)) AS empty_sum, shape(min(v)) AS empty_min FROM (VALUES (zeros('{2,0}')), (zeros('{2,0}'))) s(v);
SELECT sum(v), max(v), is_sparse(sum(v)) AS sparse_result
FROM (VALUES (sparse('[[0,1],[2,0]]')), (eye(2, sparse => true))) s(v);

-- 5. rows of other shapes: 22023 naming both shapes
SELECT try_sql($$SELECT marsql.sum(v) FROM (VALUES ('[1,2]'::marsql.tensor), ('[1,2,3]')) s(v)$$);
SELECT try_sql($$SELECT marsql.avg(v) FROM (VALUES ('[[1,2]]'::marsql.tensor), ('[1,2]')) s(v)$$);
SELECT try_sql($$SELECT marsql.min(v) FROM (VALUES ('5'::marsql.tensor), ('[5]')) s(v)$$);
SELECT try_sql($$SELECT marsql.max(v) FROM (VALUES ('(2,0):[]'::marsql.tensor), ('(0,2):[]')) s(v)$$);
-- an aggregate where SQL allows none is PostgreSQL's own error: use numpy's form there
SELECT try_sql($$SELECT count(*) FROM pg_temp.agg_t WHERE marsql.sum(v) > 2$$);
SELECT try_sql($$SELECT id, marsql.max(v) FROM pg_temp.agg_t$$);

-- 6. numpy's whole-tensor reductions: an axis, or NULL for every element
SELECT id, sum(v, NULL) AS total, min(v, NULL) AS lo, max(v, NULL) AS hi, mean(v) AS mean
FROM agg_t ORDER BY id;
SELECT id FROM agg_t WHERE sum(v, NULL) > 2 ORDER BY id;
SELECT sum('[[1,2],[3,4]]'::tensor, axis => NULL) AS named, sum('[[1,2],[3,4]]'::tensor, NULL, true) AS keepdims,
	   min('[[1,2],[3,4]]'::tensor, NULL, keepdims => true) AS min_keep, max('[[1,2],[3,4]]'::tensor, 1) AS max_axis1,
	   sum(NULL::tensor, NULL) IS NULL AS null_tensor, sum('[1]'::tensor, NULL, NULL) IS NULL AS null_keepdims;
SELECT sum('[1,NaN]'::tensor, NULL) AS sum_nan, min('[1,NaN,-1]'::tensor, NULL) AS min_nan,
	   max('float32:[1,2]'::tensor, NULL) AS max32, dtype(sum('float32:[1,2]'::tensor, NULL)) AS sum_dtype;
-- the trap: one row through the aggregate is the row itself
CREATE TEMP TABLE models (id int, w tensor);
INSERT INTO models VALUES (1, '[[1,2],[3,4]]'), (2, '[[0,0],[0,1]]');
SELECT sum(w) AS aggregate_of_one_row FROM models WHERE id = 1;
SELECT sum(w, NULL) AS numpy_sum FROM models WHERE id = 1;
-- numpy's names without an SQL aggregate keep their one-argument form
SELECT mean('[1,2,4]'::tensor) AS mean, prod('[1,2,4]'::tensor) AS prod, var('[1,2,4]'::tensor) AS var,
	   argmax('[1,9,4]'::tensor) AS argmax, cumsum('[1,2,4]'::tensor) AS cumsum;

-- 7. chunked tensors: no aggregate; sum(ct) and sum(ct, NULL) reduce every element
CREATE TEMP TABLE agg_c AS SELECT chunk(reshape(arange(0, 12), '{3,4}') - 5, '{2,2}') AS c;
SELECT sum(c) AS sum_0d, min(c) AS min_0d, max(c) AS max_0d,
	   to_tensor(sum(c, NULL)) AS sum_all, to_tensor(min(c, NULL)) AS min_all, to_tensor(max(c, NULL)) AS max_all,
	   shape(sum(c, NULL)) AS shape_all, to_tensor(sum(c, NULL, true)) AS sum_keep
FROM agg_c;
SELECT item(to_tensor(sum(c, NULL))) = item(sum(c)) AS sum_same, item(to_tensor(min(c, NULL))) = item(min(c)) AS min_same,
	   item(to_tensor(max(c, NULL))) = item(max(c)) AS max_same,
	   item(sum(c)) = item(sum(to_tensor(c), NULL)) AS as_tensor
FROM agg_c;
SELECT drop(c) FROM agg_c;

-- 8. parallel query: partial states from workers, combined, the same answer
CREATE TABLE agg_par AS
	SELECT i % 3 AS g, tensor(ARRAY[i, -i, i % 7, (i % 5) * 0.5]::float8[]) AS v,
		   astype(tensor(ARRAY[i % 11, -(i % 13)]::float8[]), 'float32') AS v32
	FROM generate_series(1, 30000) i;
ANALYZE agg_par;
CREATE TEMP TABLE agg_serial AS
	SELECT g, sum(v) AS s, avg(v) AS a, min(v) AS lo, max(v) AS hi, sum(v32) AS s32, min(v32) AS lo32, max(v32) AS hi32
	FROM agg_par GROUP BY g;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT sum(v), avg(v), min(v), max(v) FROM agg_par;
SELECT sum(v), avg(v), min(v), max(v), sum(v32), min(v32), max(v32) FROM agg_par;
EXPLAIN (COSTS OFF) SELECT g, sum(v), min(v) FROM agg_par GROUP BY g;
SELECT p.g, p.s = a.s AS sum_same, p.a = a.a AS avg_same, p.lo = a.lo AS min_same, p.hi = a.hi AS max_same,
	   p.s32 = a.s32 AND p.lo32 = a.lo32 AND p.hi32 = a.hi32 AS f32_same, dtype(p.lo32) AS dtype32
FROM (SELECT g, sum(v) AS s, avg(v) AS a, min(v) AS lo, max(v) AS hi, sum(v32) AS s32, min(v32) AS lo32,
			 max(v32) AS hi32 FROM agg_par GROUP BY g) p
JOIN agg_serial a USING (g) ORDER BY g;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE agg_par;

-- 9. the catalog, so the next function cannot bring the trap back: every
-- name of a PostgreSQL aggregate that marsql also uses, called with one
-- tensor, reaches an aggregate and nothing else
SELECT p.oid::regprocedure AS one_tensor_form, p.prokind, p.proparallel
FROM pg_proc p
WHERE p.pronamespace = 'marsql'::regnamespace
  AND p.proname IN (SELECT proname FROM pg_proc WHERE prokind = 'a' AND pronamespace = 'pg_catalog'::regnamespace)
  AND p.proargtypes[0] = 'marsql.tensor'::regtype AND p.pronargs - p.pronargdefaults <= 1
ORDER BY p.proname;
SELECT n.proname AS aggregate_name,
	   count(*) FILTER (WHERE p.prokind = 'a' AND p.pronargs = 1) AS aggregates,
	   count(*) FILTER (WHERE p.prokind <> 'a') AS plain_functions
FROM (SELECT DISTINCT proname FROM pg_proc WHERE pronamespace = 'marsql'::regnamespace
	  INTERSECT SELECT proname FROM pg_proc WHERE prokind = 'a' AND pronamespace = 'pg_catalog'::regnamespace) n
LEFT JOIN pg_proc p ON p.proname = n.proname AND p.pronamespace = 'marsql'::regnamespace
	 AND p.proargtypes[0] = 'marsql.tensor'::regtype AND p.pronargs - p.pronargdefaults <= 1
GROUP BY n.proname ORDER BY 1;
