-- The direct k-NN path (marsql.knn_direct_queries): one or a few queries
-- scored in the calling backend as the corpus is read.  Every case runs
-- through both paths (direct, and the batch search with the setting at 0)
-- and must give exactly the same rows, ids and distances (compared as
-- float8 text, which round-trips), or exactly the same error: ties, NaN
-- and NULL rows, filters, k above the rows, every metric and column kind,
-- tensor and chunked corpora, privileges and row-level security.
SET search_path = marsql, public;
SET marsql.knn_direct_queries = 8;
-- the batch side runs its tasks in this backend, to keep the file fast:
-- the same tiles and kernels as on workers (test/t/025 compares with workers)
SET marsql.max_workers = 0;

-- runs stmt (a knn call) on both paths; 'same: <rows>' or the difference
CREATE FUNCTION both_paths(stmt text, show boolean DEFAULT true) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	direct text;
	batch text;
	q text := format($q$SELECT count(*) || ' rows' || CASE WHEN %L THEN ': ' ||
		coalesce(string_agg(format('%%s/%%s/%%s/%%s', query, rank, id, distance), ' '
			ORDER BY query, rank), '') ELSE ', md5 ' || md5(coalesce(string_agg(format('%%s/%%s/%%s/%%s', query, rank, id, distance), ' '
			ORDER BY query, rank), '')) END FROM (%s) s$q$, show, stmt);
BEGIN
	PERFORM set_config('marsql.knn_direct_queries', '8', true);
	direct := try_sql(q);
	PERFORM set_config('marsql.knn_direct_queries', '0', true);
	batch := try_sql(q);
	PERFORM set_config('marsql.knn_direct_queries', '8', true);
	IF direct IS NOT DISTINCT FROM batch THEN
		RETURN 'same: ' || direct;
	END IF;
	RETURN 'DIFFERENT: direct ' || direct || ' <> batch ' || batch;
END $$;

-- the paths really differ: the batch search is a job (marsql.progress
-- lists it while its tiles are read), the direct one is not
CREATE TABLE fast_items (id bigint, emb real[], f8 float8[], t tensor, cat int);
INSERT INTO fast_items
SELECT r."row" * 7 % 101, r."values"::real[], r."values"::float8[],
	   astype(r."values"::tensor, 'float64'), r."row" % 3
FROM rows(random('{60,5}', 11, 'normal', 'float32')) r;
SELECT count(*) AS direct_sees_no_job
FROM knn('[0,0,0,0,0]'::tensor, 'fast_items', 'emb', 'id', 3, filter => '(SELECT count(*) FROM marsql.progress) = 0');
SET marsql.knn_direct_queries = 0;
SELECT count(*) AS batch_runs_as_a_job
FROM knn('[0,0,0,0,0]'::tensor, 'fast_items', 'emb', 'id', 3, filter => '(SELECT count(*) FROM marsql.progress) = 0');
SET marsql.knn_direct_queries = 8;

-- ties (duplicate vectors, ids out of order), NaN in a vector, a zero
-- vector (cosine NaN), NULL vectors (skipped)
INSERT INTO fast_items VALUES
	(500, '{1,1,1,1,1}', '{1,1,1,1,1}', '[1,1,1,1,1]', 0),
	(400, '{1,1,1,1,1}', '{1,1,1,1,1}', '[1,1,1,1,1]', 0),
	(450, '{1,1,1,1,1}', '{1,1,1,1,1}', '[1,1,1,1,1]', 1),
	(600, '{NaN,0,0,0,0}', '{NaN,0,0,0,0}', '[NaN,0,0,0,0]', 2),
	(700, '{0,0,0,0,0}', '{0,0,0,0,0}', '[0,0,0,0,0]', 2),
	(800, NULL, NULL, NULL, 1);
SELECT both_paths($$SELECT * FROM knn('[1,1,1,1,1]'::tensor, 'fast_items', 'emb', 'id', 4)$$) AS ties;
SELECT m, both_paths(format($$SELECT * FROM knn('[[1,1,1,1,1],[0.5,-1,0,2,0]]'::tensor, 'fast_items', 'emb', 'id', 5, %L)$$, m)) AS two_queries
FROM unnest(ARRAY['l2', 'l2_squared', 'inner_product', 'cosine']) m;
-- NaN distances rank after every number: all rows, in order
SELECT both_paths($$SELECT * FROM knn('[0,0,0,0,0]'::tensor, 'fast_items', 'emb', 'id', 1000, 'cosine')$$, false) AS nan_last_all_rows;
SELECT both_paths($$SELECT * FROM knn('[0,0,0,0,0]'::tensor, 'fast_items', 'emb', 'id', 2147483647)$$, false) AS k_max;
SELECT count(*) AS rows_not_null FROM knn('[0,0,0,0,0]'::tensor, 'fast_items', 'emb', 'id', 2147483647);
SELECT id, distance FROM knn('[0,0,0,0,0]'::tensor, 'fast_items', 'emb', 'id', 1000) ORDER BY rank DESC LIMIT 2;
-- filters, every column kind, dtypes
SELECT both_paths($$SELECT * FROM knn('[1,1,1,1,1]'::tensor, 'fast_items', 'emb', 'id', 3, 'l2', 'cat = 1')$$) AS filtered;
SELECT both_paths($$SELECT * FROM knn('[1,1,1,1,1]'::tensor, 'fast_items', 'emb', 'id', 3, 'l2', 'cat = 42')$$) AS filtered_empty;
SELECT both_paths($$SELECT * FROM knn('[0.1,0.2,0.3,0.4,0.5]'::tensor, 'fast_items', 'f8', 'id', 3)$$) AS float8_column;
SELECT both_paths($$SELECT * FROM knn(astype('[0.1,0.2,0.3,0.4,0.5]', 'float32'), 'fast_items', 't', 'id', 3)$$) AS tensor_column_f64_values_f32_queries;
SELECT both_paths($$SELECT * FROM knn('[0.1,0.2,0.3,0.4,0.5]'::tensor, 'fast_items', 'emb', 'id', 3)$$) AS float32_column_f64_queries;
SELECT both_paths($$SELECT * FROM knn(astype('[[0.1,0.2,0.3,0.4,0.5]]', 'float32'), 'fast_items', 't', 'id', 3, 'cosine')$$) AS tensor_column_2d_query;
SELECT both_paths($$SELECT * FROM knn(zeros('{0,5}'), 'fast_items', 'emb', 'id', 3)$$) AS no_queries;
-- eight queries are direct, nine go to the batch search: the same
SELECT both_paths($$SELECT * FROM knn(random('{9,5}', 3), 'fast_items', 'emb', 'id', 2)$$, false) AS nine_queries;
SELECT both_paths($$SELECT * FROM knn(random('{8,5}', 3), 'fast_items', 'emb', 'id', 2)$$, false) AS eight_queries;

-- knn_join: a block of few query rows takes the direct path too
CREATE TABLE fast_qrows AS SELECT id AS qid, emb AS v FROM fast_items WHERE id IN (1, 2, 3, 500, 600);
SELECT both_paths($$SELECT * FROM knn_join('fast_qrows', 'v', 'qid', 'fast_items', 'emb', 'id', 3)$$) AS join_tables;
SELECT both_paths($$SELECT * FROM knn_join('fast_qrows', 'v', 'qid', 'fast_items', 'emb', 'id', 2, 'cosine', 'cat <> 1')$$) AS join_filtered;
DROP TABLE fast_qrows;

-- errors: the same on both paths
SELECT both_paths($$SELECT * FROM knn('[1,1,1,1,1]'::tensor, 'fast_items', 'emb', 'id', 0)$$) AS k_zero;
SELECT both_paths($$SELECT * FROM knn('[1,1,1]'::tensor, 'fast_items', 'emb', 'id', 3)$$) AS dims_mismatch;
SELECT both_paths($$SELECT * FROM knn('[1,1,1,1,1]'::tensor, 'fast_items', 'emb', 'id', 3, 'l2', 'nope = 1')$$) AS bad_filter;
SELECT both_paths($$SELECT * FROM knn('[1,1,1,1,1]'::tensor, 'fast_items', 'emb', 'id', 3, 'l2', 'true) UNION ALL (SELECT 1, NULL::real[]')$$) AS filter_injection;
CREATE TABLE fast_bad (id int, v real[], t tensor);
INSERT INTO fast_bad VALUES (1, '{1,1}', '[1,1]'), (2, '{1,1,1}', '[[1,1]]'), (NULL, '{1,1}', '[1,1]'), (3, '{1,NULL}', '[1,1]');
SELECT both_paths($$SELECT * FROM knn('[1,1]'::tensor, 'fast_bad', 'v', 'id', 1, filter => 'id < 3')$$) AS wrong_length;
SELECT both_paths($$SELECT * FROM knn('[1,1]'::tensor, 'fast_bad', 't', 'id', 1, filter => 'id < 3')$$) AS two_d_value;
SELECT both_paths($$SELECT * FROM knn('[1,1]'::tensor, 'fast_bad', 'v', 'id', 1, filter => 'id IS NULL')$$) AS null_id;
SELECT both_paths($$SELECT * FROM knn('[1,1]'::tensor, 'fast_bad', 'v', 'id', 1, filter => 'id = 3')$$) AS null_element;

-- a tensor corpus: in place, float32 rows widened for float64 queries
SELECT both_paths($$SELECT * FROM knn('[[1,1],[0,0]]'::tensor, '[[1,1],[0,0],[1,1],[NaN,0],[2,2]]', 3)$$) AS tensor_ties_nan;
SELECT m, both_paths(format($$SELECT * FROM knn(random('{2,7}', 5), astype(random('{300,7}', 6), 'float32'), 6, %L)$$, m), false) AS widened
FROM unnest(ARRAY['l2', 'l2_squared', 'inner_product', 'cosine']) m;
SELECT both_paths($$SELECT * FROM knn(astype('[0,1]', 'float32'), astype('[[0,0],[0,1],[5,5]]', 'float32'), 10)$$) AS tensor_k_over_rows;
-- a corpus large enough for two threads (marsql.blas_threads) of the direct search
SET marsql.blas_threads = 2;
SELECT both_paths($$SELECT * FROM knn(random('{3,4}', 12), random('{140000,4}', 13, 'normal', 'float32'), 7)$$, false) AS two_threads;
RESET marsql.blas_threads;
SELECT both_paths($$SELECT * FROM knn('[0,1,2]'::tensor, '[[0,0],[0,1]]', 1)$$) AS tensor_dims_mismatch;
SELECT both_paths($$SELECT * FROM knn('[0,1]'::tensor, '[[0,0],[0,1]]', 0)$$) AS tensor_k_zero;
-- the corpus value is never written: the same value searched twice
CREATE TABLE fast_corpus AS SELECT random('{500,4}', 7, 'normal', 'float32') AS x;
SELECT (SELECT x FROM fast_corpus) = random('{500,4}', 7, 'normal', 'float32') AS before,
	   (SELECT count(*) FROM knn('[1,1,1,1]'::tensor, (SELECT x FROM fast_corpus), 5, 'cosine')) AS found,
	   (SELECT x FROM fast_corpus) = random('{500,4}', 7, 'normal', 'float32') AS after;

-- a chunked corpus: its tiles scored in this backend
SELECT chunk(random('{70,3}', 8), '{16,3}', 'fast_chunked') IS NOT NULL AS chunked;
SELECT both_paths($$SELECT * FROM knn('[[0,0,0],[1,0,1]]'::tensor, 'fast_chunked'::chunked_tensor, 4)$$) AS chunked;
SELECT both_paths($$SELECT * FROM knn_join(chunk('[[0,0,0],[1,0,1],[0.5,0.5,0.5]]'::tensor), 'fast_chunked'::chunked_tensor, 2)$$) AS join_chunked;

-- privileges and row-level security: refused, or filtered, the same way
CREATE ROLE fast_reader;
CREATE ROLE fast_outsider;
GRANT USAGE ON SCHEMA marsql TO fast_reader, fast_outsider;
CREATE TABLE fast_secret (id bigint, emb real[], owner_name text, note text);
INSERT INTO fast_secret SELECT i, ARRAY[i, i % 7]::real[], CASE WHEN i % 2 = 0 THEN 'fast_reader' ELSE 'other' END, 'n'
FROM generate_series(1, 40) i;
GRANT SELECT (id, emb, owner_name) ON fast_secret TO fast_reader;
ALTER TABLE fast_secret ENABLE ROW LEVEL SECURITY;
CREATE POLICY mine ON fast_secret FOR SELECT USING (owner_name = current_user);
SET ROLE fast_outsider;
SELECT both_paths($$SELECT * FROM knn('[3,3]'::tensor, 'fast_secret', 'emb', 'id', 3)$$) AS no_privilege;
RESET ROLE;
SET ROLE fast_reader;
SELECT both_paths($$SELECT * FROM knn('[3,3]'::tensor, 'fast_secret', 'emb', 'id', 3)$$) AS policy_applies;
SELECT both_paths($$SELECT * FROM knn('[3,3]'::tensor, 'fast_secret', 'emb', 'id', 3, filter => 'note = ''n''')$$) AS filter_column_not_granted;
SELECT both_paths($$SELECT * FROM knn('[3,3]'::tensor, 'fast_secret', 'emb', 'id', 3, filter => 'owner_name <> ''x''')$$) AS filter_column_granted;
SET row_security = off;
SELECT both_paths($$SELECT * FROM knn('[3,3]'::tensor, 'fast_secret', 'emb', 'id', 3)$$) AS row_security_off;
RESET row_security;
RESET ROLE;
-- the owner is not subject to the policy; a view of it follows the same
SELECT both_paths($$SELECT * FROM knn('[3,3]'::tensor, 'fast_secret', 'emb', 'id', 3)$$) AS owner;
CREATE VIEW fast_view AS SELECT id, emb FROM fast_secret WHERE id > 30;
GRANT SELECT ON fast_view TO fast_outsider;
SET ROLE fast_outsider;
SELECT both_paths($$SELECT * FROM knn('[3,3]'::tensor, 'fast_view', 'emb', 'id', 3)$$) AS view_as_owner;
RESET ROLE;

-- the <-> family on the SIMD loops and on the scalar ones
SELECT '[1,2,3]'::tensor <-> '[4,6,3]' AS l2, '[1,2,3]'::tensor <#> '[4,6,3]' AS neg_ip,
	   '[1,0,0]'::tensor <=> '[0,1,0]' AS cos, l2_squared_distance('[1,2,3]', '[4,6,3]') AS l2sq;
SET marsql.simd = scalar;
SELECT '[1,2,3]'::tensor <-> '[4,6,3]' AS l2, '[1,2,3]'::tensor <#> '[4,6,3]' AS neg_ip,
	   '[1,0,0]'::tensor <=> '[0,1,0]' AS cos, l2_squared_distance('[1,2,3]', '[4,6,3]') AS l2sq;
SELECT both_paths($$SELECT * FROM knn('[1,1,1,1,1]'::tensor, 'fast_items', 'emb', 'id', 4)$$) AS scalar_ties;
RESET marsql.simd;
SELECT try_sql($$SET marsql.simd = avx512$$);
-- the SIMD and scalar loops agree within the documented bound (vectors of
-- 131 elements: the 16-wide body, the 4-wide steps and a tail), and on NaN
CREATE TEMP TABLE fast_long AS
SELECT "row" AS id, astype("values"::tensor, 'float32') AS v32, "values"::tensor AS v64
FROM rows(random('{50,131}', 9, 'normal', 'float64'));
UPDATE fast_long SET v32 = astype(full('{131}', 'NaN'::float8), 'float32') WHERE id = 7;
CREATE TEMP TABLE fast_q AS
SELECT astype(reshape(random('{1,131}', 10, 'normal', 'float64'), '{131}'), 'float32') AS q32,
	   reshape(random('{1,131}', 10, 'normal', 'float64'), '{131}') AS q64;
CREATE TEMP VIEW fast_d AS
SELECT id, v32 <-> q32 AS l2_32, v64 <-> q64 AS l2_64, v32 <#> q32 AS ip_32, v64 <#> q64 AS ip_64,
	   v32 <=> q32 AS cos_32, v64 <=> q64 AS cos_64
FROM fast_long, fast_q;
CREATE TEMP TABLE fast_simd AS SELECT * FROM fast_d;
SET marsql.simd = scalar;
SELECT count(*) AS rows,
	   max(greatest(abs(s.l2_32 - v.l2_32) / s.l2_32, abs(s.l2_64 - v.l2_64) / s.l2_64,
					abs(s.ip_32 - v.ip_32) / greatest(abs(s.ip_32), 1), abs(s.ip_64 - v.ip_64) / greatest(abs(s.ip_64), 1),
					abs(s.cos_32 - v.cos_32), abs(s.cos_64 - v.cos_64)))
		 FILTER (WHERE id <> 7) < 1e-12 AS within_tolerance,
	   bool_and((s.l2_32 = 'NaN') = (v.l2_32 = 'NaN') AND (s.ip_32 = 'NaN') = (v.ip_32 = 'NaN')
				AND (s.cos_32 = 'NaN') = (v.cos_32 = 'NaN')) AS same_nans,
	   count(*) FILTER (WHERE v.l2_32 = 'NaN') AS nan_rows
FROM fast_simd v JOIN fast_d s USING (id);
RESET marsql.simd;
-- float32 against float64: widened exactly, on the stack or (past 512
-- elements) in a buffer, the same value as converting first
SELECT bool_and(v32 <-> q64 = astype(v32, 'float64') <-> q64 AND q64 <=> v32 = q64 <=> astype(v32, 'float64')
				AND v32 <#> q64 = astype(v32, 'float64') <#> q64) AS mixed_short,
	   bool_and(concatenate(ARRAY[v32, v32, v32, v32, v32]) <-> concatenate(ARRAY[q64, q64, q64, q64, q64])
				= astype(concatenate(ARRAY[v32, v32, v32, v32, v32]), 'float64') <-> concatenate(ARRAY[q64, q64, q64, q64, q64])) AS mixed_long
FROM fast_long, fast_q WHERE id <> 7;

DROP VIEW fast_view;
DROP TABLE fast_items, fast_bad, fast_corpus, fast_secret;
SELECT drop('fast_chunked'::chunked_tensor);
REVOKE USAGE ON SCHEMA marsql FROM fast_reader, fast_outsider;
DROP ROLE fast_reader;
DROP ROLE fast_outsider;
DROP FUNCTION both_paths(text, boolean);
