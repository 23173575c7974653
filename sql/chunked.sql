-- chunked_tensor: construction, reading back, tiled operations checked
-- against the same operations on tensors, explain, the catalog, and every
-- error path.  Temporary storage names carry the backend's PID and are
-- masked where shown.
SET search_path = marsql, public;
CREATE FUNCTION mask(t text) RETURNS text LANGUAGE sql
	AS $$SELECT regexp_replace(regexp_replace(t, 'marsql_chunk_[0-9]+_[0-9]+', 'marsql_chunk_P_N', 'g'),
							  'marsql_result\.chunk_[0-9]+_[0-9]+_[0-9]+', 'marsql_result.chunk_P_S_N', 'g')$$;

-- a 5x7 matrix in tiles of 2x3: ragged edge tiles in both dimensions
CREATE TABLE m AS SELECT reshape(arange(0, 35), '{5,7}') AS t;
SELECT chunk(t, '{2,3}', target => 'm57') AS c FROM m \gset
SELECT :'c'::text AS descriptor, shape(:'c'::chunked_tensor), tile_shape(:'c'::chunked_tensor),
	   ndim(:'c'::chunked_tensor), size(:'c'::chunked_tensor), nbytes(:'c'::chunked_tensor),
	   dtype(:'c'::chunked_tensor), storage(:'c'::chunked_tensor), ntiles(:'c'::chunked_tensor);
SELECT tile, start, stop, shape, data FROM tiles('m57', true) ORDER BY tile;
SELECT to_tensor('m57'::chunked_tensor) = (SELECT t FROM m) AS roundtrip;
-- reopen: by regclass, and from its text form (which must match the catalog)
SELECT chunked_tensor('m57')::text, 'm57'::chunked_tensor::text,
	   'm57 float64 (5, 7) tiles (2, 3)'::chunked_tensor::text;
SELECT storage, dtype, shape, tile_shape, temporary FROM arrays WHERE storage = 'm57'::regclass;
SELECT obj_description('m57'::regclass, 'pg_class');

-- slicing, numpy bounds
SELECT slice('m57'::chunked_tensor, '{1,2}', '{4,6}') AS block, slice('m57'::chunked_tensor, '{-2}') AS last_rows,
	   slice('m57'::chunked_tensor, NULL, '{1,100}') AS first_row, shape(slice('m57'::chunked_tensor, '{3,3}', '{1,1}')) AS empty;

-- matmul against the in-value product: chunked x chunked with other
-- tilings, x tensor, tensor x, vectors, float32, fan-in 2 (a summation tree)
SELECT chunk(reshape(arange(0, 21), '{7,3}') * 0.5, '{3,2}') AS b \gset
SELECT allclose(to_tensor(matmul('m57'::chunked_tensor, :'b'::chunked_tensor)),
				matmul(t, reshape(arange(0, 21), '{7,3}') * 0.5)) AS cc FROM m;
SELECT allclose(to_tensor(matmul('m57'::chunked_tensor, reshape(arange(0, 14), '{7,2}'))),
				matmul(t, reshape(arange(0, 14), '{7,2}'))) AS ct,
	   allclose(to_tensor(matmul(reshape(arange(0, 15), '{3,5}'), 'm57'::chunked_tensor)),
				matmul(reshape(arange(0, 15), '{3,5}'), t)) AS tc,
	   allclose(to_tensor(matmul('m57'::chunked_tensor, arange(0, 7))), matmul(t, arange(0, 7))) AS vector,
	   shape(to_tensor(matmul(arange(0, 5), 'm57'::chunked_tensor))) AS row_vector
FROM m;
SET marsql.reduce_fanin = 2;
SELECT * FROM explain($$SELECT marsql.matmul('m57'::chunked_tensor, marsql.chunk(marsql.ones('{7,4}'), '{1,4}'))$$);
SELECT allclose(to_tensor(matmul('m57'::chunked_tensor, chunk(ones('{7,4}'), '{1,4}'))), matmul(t, ones('{7,4}'))) AS tree
FROM m;
RESET marsql.reduce_fanin;
SELECT chunked_random('{300,200}', '{64,48}', 7, 'normal', 'float32') AS a32 \gset
SELECT chunked_random('{200,90}', '{50,90}', 8, 'uniform', 'float32') AS b32 \gset
SELECT dtype(matmul(:'a32'::chunked_tensor, :'b32'::chunked_tensor)) AS f32,
	   allclose(to_tensor(matmul(:'a32'::chunked_tensor, :'b32'::chunked_tensor)),
				matmul(to_tensor(:'a32'), to_tensor(:'b32')), 1e-4, 1e-4) AS f32_close,
	   dtype(matmul(:'a32'::chunked_tensor, chunk(ones('{200,2}')))) AS promoted;
-- in the calling backend, no workers
SET marsql.max_workers = 0;
SELECT allclose(to_tensor(matmul('m57'::chunked_tensor, :'b'::chunked_tensor)),
				matmul(t, reshape(arange(0, 21), '{7,3}') * 0.5)) AS in_backend FROM m;
RESET marsql.max_workers;

-- seeded random is reproducible and independent of the tiling
SELECT to_tensor(chunked_random('{4,5}', '{2,2}', 42)) = to_tensor(chunked_random('{4,5}', '{2,2}', 42)) AS same_seed,
	   to_tensor(chunked_random('{4,5}', '{2,2}', 42)) <> to_tensor(chunked_random('{4,5}', '{2,2}', 43)) AS other_seed;
SELECT to_tensor(chunked_full('{2,3}', 2.5)), to_tensor(chunked_zeros('{2}', dtype => 'float32')),
	   to_tensor(chunked_ones('{1,2}', '{1,1}'));

-- elementwise, broadcasting, tilings that do not line up
SELECT to_tensor(:'c'::chunked_tensor + 1) = (SELECT t + 1 FROM m) AS plus_scalar,
	   to_tensor(2 * :'c'::chunked_tensor) = (SELECT 2 * t FROM m) AS scalar_times,
	   to_tensor(:'c'::chunked_tensor - chunk((SELECT t FROM m), '{3,4}')) = zeros('{5,7}') AS misaligned,
	   to_tensor(:'c'::chunked_tensor * arange(0, 7)) = (SELECT t * arange(0, 7) FROM m) AS broadcast_row,
	   to_tensor(chunk(reshape(arange(0, 5), '{5,1}')) / (:'c'::chunked_tensor + 1))
		 = (SELECT reshape(arange(0, 5), '{5,1}') / (t + 1) FROM m) AS broadcast_column,
	   to_tensor(-:'c'::chunked_tensor) = (SELECT -t FROM m) AS negate,
	   to_tensor(:'c'::chunked_tensor ^ 2.0) = (SELECT t ^ 2.0 FROM m) AS power;
SELECT allclose(to_tensor(exp(chunk('[[0,1],[2,3]]'::tensor, '{1,1}'))), exp('[[0,1],[2,3]]'::tensor)) AS exp,
	   to_tensor(maximum(:'c'::chunked_tensor, 17.0)) = (SELECT maximum(t, 17.0) FROM m) AS maximum,
	   to_tensor(sqrt(chunk('[4,9]'::tensor))) AS sqrt;

-- reductions: everything, and along each axis, against the tensor ones
SELECT sum('m57'::chunked_tensor) = sum(t, NULL) AS sum, mean('m57'::chunked_tensor) = mean(t) AS mean,
	   min('m57'::chunked_tensor) = min(t, NULL) AS min, max('m57'::chunked_tensor) = max(t, NULL) AS max,
	   allclose(var('m57'::chunked_tensor), var(t)) AS var, allclose(std('m57'::chunked_tensor), std(t)) AS std,
	   prod(chunk('[1,2,3,4]'::tensor, '{3}')) AS prod
FROM m;
SELECT to_tensor(sum('m57'::chunked_tensor, 0)) = sum(t, 0) AS sum0, to_tensor(sum('m57'::chunked_tensor, 1)) = sum(t, 1) AS sum1,
	   allclose(to_tensor(mean('m57'::chunked_tensor, -1, true)), mean(t, -1, true)) AS mean_keepdims,
	   allclose(to_tensor(var('m57'::chunked_tensor, 0, ddof => 1)), var(t, 0, 1)) AS var_ddof,
	   allclose(to_tensor(std('m57'::chunked_tensor, 1)), std(t, 1)) AS std1,
	   to_tensor(max('m57'::chunked_tensor, 0)) = max(t, 0) AS max0,
	   to_tensor(sum('m57'::chunked_tensor, NULL)) AS sum_all_chunked
FROM m;
SELECT to_tensor(sum(chunk('[1,2,3,4,5]'::tensor, '{2}'), 0)) AS sum_vector,
	   max(chunk('[1,NaN,3]'::tensor, '{1}')) AS nan_propagates;

-- transpose and rechunk
SELECT to_tensor(transpose('m57'::chunked_tensor)) = (SELECT transpose(t) FROM m) AS transpose,
	   tile_shape(transpose('m57'::chunked_tensor)) AS transposed_tiles,
	   to_tensor(rechunk('m57'::chunked_tensor, '{4,4}')) = (SELECT t FROM m) AS rechunk,
	   tile_shape(rechunk('m57'::chunked_tensor, '{4,4}')) AS new_tiles;
SELECT to_tensor(transpose(chunk(reshape(arange(0, 24), '{2,3,4}'), '{1,2,3}'), '{1,2,0}'))
	   = transpose(reshape(arange(0, 24), '{2,3,4}'), '{1,2,0}') AS transpose_3d;

-- from a query or a table column: one row per matrix row
CREATE TABLE rows_f4 (i int, v real[]);
INSERT INTO rows_f4 SELECT i, ARRAY[i, i * 10, i * 100]::real[] FROM generate_series(1, 5) i;
SELECT to_tensor(chunked_from_query('SELECT v FROM rows_f4 ORDER BY i', '{2,2}')) AS from_real,
	   dtype(chunked_from_query('SELECT v FROM rows_f4 ORDER BY i')) AS dtype,
	   tile_shape(chunked_from_query('SELECT v FROM rows_f4 ORDER BY i', '{2,2}')) AS tiles,
	   to_tensor(chunked_from_query('SELECT v::float8[] FROM rows_f4 ORDER BY i DESC', '{10,1}', 'float32')) AS converted,
	   to_tensor(chunked_from_query($$SELECT marsql.arange(i, i + 2) FROM generate_series(0, 2) i$$)) AS from_tensors;
SELECT to_tensor(chunked_from_table('rows_f4', 'v', 'i', '{3,3}')) AS from_table;

-- to_table: rows along the last axis
SELECT to_table('m57'::chunked_tensor, 'm57_rows');
SELECT * FROM m57_rows ORDER BY i;
SELECT to_table(chunk(arange(0, 3)), 'vec_rows');
SELECT array_agg(value ORDER BY i) FROM vec_rows;

-- explain: text and Graphviz
SELECT mask(e) FROM explain($$SELECT marsql.sum(marsql.chunked_random('{6,4}', '{2,4}', 1) + 1, 0)$$) e;
SELECT mask(e) FROM explain($$SELECT marsql.matmul('m57'::chunked_tensor, marsql.ones('{7,1}'))$$, 'dot') e;
SELECT count(*) = 3 AS ran_with_executors FROM explain($$SELECT marsql.matmul('m57'::chunked_tensor, marsql.ones('{7,1}'))$$, run => true) e
WHERE e ~ 'on (worker|backend)';
SELECT * FROM explain('SELECT 1');
-- planning writes nothing
SELECT count(*) AS arrays_before FROM arrays \gset
SELECT count(*) FROM explain($$SELECT marsql.chunked_zeros('{10,10}')$$);
SELECT count(*) = :arrays_before AS nothing_created FROM arrays;

-- ROLLBACK leaves nothing behind; drop removes storage and catalog row
BEGIN;
SELECT chunked_ones('{3,3}', target => 'rolled_back');
ROLLBACK;
SELECT to_regclass('rolled_back') IS NULL AS no_table,
	   NOT EXISTS (SELECT FROM array_catalog WHERE relname = 'rolled_back') AS no_row;
SELECT chunked_ones('{3,3}', target => 'to_drop') IS NOT NULL;
SELECT drop('to_drop');
SELECT to_regclass('to_drop') IS NULL AS dropped, NOT EXISTS (SELECT FROM arrays WHERE storage::text = 'to_drop') AS hidden;
-- a temporary intermediate is listed while it exists
SELECT chunked_ones('{2}') AS tmp \gset
SELECT temporary, mask(storage::text) FROM arrays WHERE storage = storage(:'tmp'::chunked_tensor);

-- errors
SELECT chunk('[]'::tensor);
SELECT chunk('5'::tensor);
SELECT chunk('[[1,2]]'::tensor, '{1}');
SELECT chunk('[[1,2]]'::tensor, '{1,0}');
SELECT chunked_zeros('{}');
SELECT chunked_zeros('{3,0}');
SELECT chunked_zeros('{3,-1}');
SELECT chunked_zeros('{3,NULL}');
SELECT chunked_random('{3}', distribution => 'cauchy');
SELECT chunked_random('{3}', dtype => 'int8');
SELECT chunked_zeros('{3}', target => 'm57');
SELECT chunked_tensor('rows_f4');
SELECT 'rows_f4'::chunked_tensor;
SELECT ''::chunked_tensor;
SELECT 'm57 float32 (5, 7) tiles (2, 3)'::chunked_tensor;
SELECT chunked_from_query('SELECT v FROM rows_f4 WHERE false');
SELECT chunked_from_query('SELECT v, i FROM rows_f4');
SELECT chunked_from_query('SELECT i FROM rows_f4');
SELECT chunked_from_query($$SELECT CASE WHEN i = 3 THEN NULL ELSE v END FROM rows_f4 ORDER BY i$$);
SELECT chunked_from_query($$SELECT CASE WHEN i = 3 THEN ARRAY[1,NULL,3]::real[] ELSE v END FROM rows_f4 ORDER BY i$$);
SELECT chunked_from_query($$SELECT v[1:i] FROM rows_f4 ORDER BY i$$);
SELECT chunked_from_query($$SELECT ARRAY[[1,2],[3,4]]::real[]$$);
SELECT chunked_from_query($$SELECT '[[1,2]]'::marsql.tensor$$);
SELECT chunked_from_query('DELETE FROM rows_f4');
SELECT matmul('m57'::chunked_tensor, 'm57'::chunked_tensor);
SELECT matmul(chunk('[1,2]'::tensor), '[1,2]'::tensor);
SELECT matmul(chunk(zeros('{2,2,2}')), 'm57'::chunked_tensor);
SELECT 'm57'::chunked_tensor + ones('{3}');
SELECT sum('m57'::chunked_tensor, 2);
SELECT transpose('m57'::chunked_tensor, '{0}');
SELECT transpose('m57'::chunked_tensor, '{0,0}');
SELECT rechunk('m57'::chunked_tensor, '{1,1,1}');
SELECT slice('m57'::chunked_tensor, '{1,2,3}');
SELECT explain('SELECT 1', 'json');
SELECT to_table('m57'::chunked_tensor, 'm57_rows');
SELECT drop(:'tmp');
-- a descriptor kept in a column outlives its storage
CREATE TABLE holder AS SELECT chunked_ones('{2}', target => 'gone') AS ct;
DROP TABLE gone;
SELECT to_tensor(ct) FROM holder;
SELECT 'gone'::chunked_tensor;
-- a block larger than one value is refused before anything is read
SELECT * FROM explain($$SELECT marsql.to_tensor(marsql.chunked_zeros('{40000,40000}', dtype => 'float32'))$$);
-- reduction trees that grow the task list past a doubling of its capacity
-- (a merge task once copied its opcode from a task that had just moved)
SELECT sum(chunked_ones('{1000}', '{1}'));
SELECT to_tensor(sum(chunked_ones('{400,2}', '{1,1}'), 0));
SELECT var(chunked_ones('{700}', '{1}'));
