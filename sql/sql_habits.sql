-- SQL that fits SQL habits and BI tools (issue 20, item 3): size-1 tensors
-- as numbers, comparisons with numbers, the long form for charts, smallint[]
-- and jsonb casts, JSON output, operators without search_path, and the
-- binary I/O of chunked_tensor.  docs/tensor.md, "For BI tools and SQL users".

-- 1. A size-1 tensor is a number: casts to double precision, real, numeric
SET search_path = public;
SELECT '2.5'::marsql.tensor::float8 AS f8, '[[2.5]]'::marsql.tensor::real AS f4,
	   'float32:[0.1]'::marsql.tensor::numeric AS n32, '[0.1]'::marsql.tensor::numeric AS n64,
	   'float32:0.1'::marsql.tensor::float8 AS widened, '(1,1,1):[[[7]]]'::marsql.tensor::float8 AS three_d;
SELECT 'NaN'::marsql.tensor::float8 AS nan, '-Infinity'::marsql.tensor::real AS ninf,
	   'Infinity'::marsql.tensor::numeric AS inf_numeric, '-0'::marsql.tensor::float8 AS negzero;
SELECT marsql.sum('[[1,2],[3,4]]'::marsql.tensor, NULL)::float8 AS total,
	   marsql.mean('float32:[1,2]'::marsql.tensor)::real AS mean32;
-- any other size is 22023, with the shape and a hint
SELECT try_sql($$SELECT '[1,2]'::marsql.tensor::float8$$);
SELECT try_sql($$SELECT '[[1,2],[3,4]]'::marsql.tensor::real$$);
SELECT try_sql($$SELECT '(0,3):[]'::marsql.tensor::numeric$$);
SELECT try_sql($$SELECT '[1e300]'::marsql.tensor::real$$);
-- an assignment cast: a number column takes a reduction, a tensor never
-- becomes a number by itself in a function call
CREATE TEMP TABLE totals (total double precision, total4 real, exact numeric);
INSERT INTO totals VALUES (marsql.sum('[1,2,3]'::marsql.tensor, NULL), marsql.sum('[1,2,3]'::marsql.tensor, NULL),
						   marsql.sum('[1,2,3]'::marsql.tensor, NULL));
SELECT * FROM totals;
SELECT try_sql($$INSERT INTO totals (total) VALUES ('[1,2]'::marsql.tensor) RETURNING total$$);
SELECT try_sql($$SELECT round('[1.25]'::marsql.tensor, 1)::text$$);

-- 2. Comparisons with numbers give a boolean for a size-1 tensor
SET search_path = marsql, public;
SELECT sum('[1,2]'::tensor, NULL) > 2 AS gt, sum('[1,2]'::tensor, NULL) >= 3 AS ge,
	   sum('[1,2]'::tensor, NULL) < 2.5 AS lt, sum('[1,2]'::tensor, NULL) <= 3 AS le,
	   sum('[1,2]'::tensor, NULL) = 3 AS eq, sum('[1,2]'::tensor, NULL) <> 3 AS ne,
	   2 < sum('[1,2]'::tensor, NULL) AS commuted, 3.0::float8 = '[[3]]'::tensor AS number_first;
-- float32 compares as its exact value; NaN as PostgreSQL's double precision (equal to NaN, above all)
SELECT 'float32:0.1'::tensor = 0.1 AS f32_point1, 'float32:0.5'::tensor = 0.5 AS f32_half,
	   'NaN'::tensor = 'NaN'::float8 AS nan_eq, 'NaN'::tensor > 'Infinity'::float8 AS nan_above;
-- NOT pushes through the negators exactly
SELECT count(*) FILTER (WHERE NOT (t > 2)) AS not_gt, count(*) FILTER (WHERE t <= 2) AS le
FROM (VALUES ('1'::tensor), ('2'), ('3'), ('NaN')) v(t);
-- WHERE and HAVING-style filters over a table of vectors
CREATE TEMP TABLE vecs (id int, v tensor);
INSERT INTO vecs VALUES (1, '[1,1]'), (2, '[2,2]'), (3, '[0.5,0.5]');
SELECT id FROM vecs WHERE sum(v, NULL) > 2 ORDER BY id;
SELECT id, max(v, NULL)::float8 AS peak FROM vecs WHERE mean(v) BETWEEN 0.5 AND 1 ORDER BY id;
-- a tensor of several elements refuses, as numpy refuses its truth value
SELECT try_sql($$SELECT ('[1,2]'::marsql.tensor OPERATOR(marsql.>) 2)::text$$);
SELECT try_sql($$SELECT (2 OPERATOR(marsql.=) '(2,2):[[1,2],[3,4]]'::marsql.tensor)::text$$);
-- tensor against tensor is unchanged: the whole-value order (ndim, shape, elements)
SELECT '[2]'::tensor = '2'::tensor AS shapes_differ, '[2]'::tensor = 2 AS as_number,
	   '[1,2]'::tensor = '[1,2]' AS whole_value, sum('[1,2]'::tensor, NULL) > '2' AS unknown_is_tensor;
-- planning never calls the operator on a column's statistics: EXPLAIN of
-- a comparison on an analyzed column of larger tensors plans (a most
-- common value [0,0] and a histogram of the others)
CREATE TEMP TABLE pairs AS
	SELECT tensor(ARRAY[CASE WHEN i <= 150 THEN i ELSE 0 END, 0]::float8[]) AS v
	FROM generate_series(1, 300) i;
ANALYZE pairs;
EXPLAIN (COSTS OFF) SELECT count(*) FROM pairs WHERE v > 2;
EXPLAIN (COSTS OFF) SELECT count(*) FROM pairs WHERE v = 2;
SELECT count(*) FROM pairs WHERE sum(v, NULL) > 145;
SELECT n_distinct < 0 AND most_common_vals IS NOT NULL AND histogram_bounds IS NOT NULL AS has_stats
FROM pg_stats WHERE tablename = 'pairs' AND attname = 'v';
-- item() stays numpy's .item()
SELECT item(sum('[1,2]'::tensor, NULL)) > 2 AS item_form;

-- 3. Long form for charts: one integer column per axis, 0-based
SELECT * FROM elements('[[1,2,3],[4,5,6]]'::tensor);
SELECT i0 AS x, value AS y FROM elements('float32:[0.5,1.5]'::tensor);
SELECT * FROM elements('42'::tensor);
SELECT i0, i1, i2, value FROM elements(reshape(arange(8), '{2,2,2}')) WHERE value >= 6;
SELECT count(*) FROM elements('(0,4):[]'::tensor);
SELECT i0, value FROM elements(arange(1000000)) LIMIT 2;
SELECT try_sql($$SELECT count(*) FROM marsql.elements(marsql.zeros('{1,1,1,1,1,1,1}'))$$);
-- the matrix form, 2-D only
SELECT * FROM matrix_cells('[[1,2],[3,4],[5,6]]'::tensor);
SELECT count(*) FROM matrix_cells('(3,0):[]'::tensor);
SELECT try_sql($$SELECT count(*) FROM marsql.matrix_cells('[1,2,3]'::marsql.tensor)$$);
SELECT try_sql($$SELECT count(*) FROM marsql.matrix_cells('5'::marsql.tensor)$$);
-- unnest and rows are unchanged: the index as an int[] of 0-based values
SELECT index, index[1] AS axis0_in_subscript_1, value FROM unnest('[[1,2],[3,4]]'::tensor) LIMIT 2;
-- a heat map: one row per cell, joined to labels
SELECT r.label, c.j, c.value
FROM matrix_cells('[[1,2],[3,4]]'::tensor) c
JOIN (VALUES (0, 'a'), (1, 'b')) r(i, label) ON r.i = c.i ORDER BY r.label, c.j;

-- 4. smallint[] (psycopg 3's small integer lists) and jsonb cast to tensor
SELECT '{1,2,3}'::smallint[]::tensor AS int2, '{{1,2},{3,-32768}}'::smallint[]::tensor AS int2_2d,
	   '{}'::smallint[]::tensor AS int2_empty, '{1,2}'::bigint[]::tensor AS int8,
	   '{1.5,2}'::numeric[]::tensor AS numeric;
SELECT try_sql($$SELECT '{1,NULL}'::smallint[]::marsql.tensor::text$$);
CREATE TEMP TABLE stored (v tensor);
INSERT INTO stored VALUES ('{4,5}'::smallint[]), ('[[1, 2.5], [3, 4e-3]]'::jsonb);
SELECT v FROM stored;
SELECT '[[1, 2.5], [3, -4e-3]]'::jsonb::tensor AS matrix, '7'::jsonb::tensor AS scalar,
	   '[]'::jsonb::tensor AS empty, '[[], []]'::jsonb::tensor AS empty_2x0,
	   '[[[1]], [[2]]]'::jsonb::tensor AS three_d,
	   '["NaN", "Infinity", "-Infinity", -0]'::jsonb::tensor AS specials,
	   '[[1,2]]'::jsonb::tensor(float32) AS float32;
-- non-numbers, ragged arrays and objects are 22023; out of range 22003
SELECT try_sql($$SELECT '[1, "2"]'::jsonb::marsql.tensor::text$$);
SELECT try_sql($$SELECT '[[1, 2], [true, 4]]'::jsonb::marsql.tensor::text$$);
SELECT try_sql($$SELECT '[1, null]'::jsonb::marsql.tensor::text$$);
SELECT try_sql($$SELECT '"nan"'::jsonb::marsql.tensor::text$$);
SELECT try_sql($$SELECT '[[1, 2], [3]]'::jsonb::marsql.tensor::text$$);
SELECT try_sql($$SELECT '[[1, 2], 3]'::jsonb::marsql.tensor::text$$);
SELECT try_sql($$SELECT '[1, [2]]'::jsonb::marsql.tensor::text$$);
SELECT try_sql($$SELECT '[[], [1]]'::jsonb::marsql.tensor::text$$);
SELECT try_sql($$SELECT '[[1], {"a": 1}]'::jsonb::marsql.tensor::text$$);
SELECT try_sql($$SELECT '[{"a": 1}]'::jsonb::marsql.tensor::text$$);
SELECT try_sql($$SELECT '{"data": [1, 2]}'::jsonb::marsql.tensor::text$$);
SELECT try_sql($$SELECT '[1e400]'::jsonb::marsql.tensor::text$$);
SELECT try_sql(format('SELECT %L::jsonb::marsql.tensor::text', repeat('[', 33) || '1' || repeat(']', 33)));

-- 5. to_json / to_jsonb: nested arrays; NaN and infinities as PostgreSQL writes them
SELECT to_jsonb('[[1,2.5],[3,-0]]'::tensor) AS jsonb, to_json('float32:[0.1,1e-7]'::tensor) AS json_f32,
	   '[0.1]'::tensor::jsonb AS cast, to_jsonb('42'::tensor) AS scalar,
	   to_jsonb('(2,0):[]'::tensor) AS empty_2x0, to_jsonb('(0,2):[]'::tensor) AS empty_0x2,
	   to_jsonb('(2,3,0):[]'::tensor) AS empty_2x3x0;
SELECT to_jsonb('[NaN,Infinity,-Infinity,1e20]'::tensor) AS specials,
	   to_jsonb('{NaN,Infinity,1e20}'::float8[]) AS as_postgres_writes_float8,
	   to_json('[-0,1e300]'::tensor) AS json_keeps_minus_zero;
SELECT json_agg(v ORDER BY id) FROM vecs;
SELECT row_to_json(r) FROM (SELECT 1 AS id, '[[1,2],[3,4]]'::tensor AS v) r;
-- the round trip is exact, float32 and float64
SELECT v = to_jsonb(v)::tensor AS roundtrip, v32 = to_jsonb(v32)::tensor(float32) AS roundtrip32,
	   v = to_json(v)::jsonb::tensor AS via_json
FROM (SELECT v, astype(v, 'float32') AS v32 FROM (SELECT random('{3,4}', 7) * 1e-3 AS v) r) s;
SELECT to_jsonb('[NaN,-Infinity]'::tensor)::tensor AS specials_back;

-- 6. Without marsql on search_path: operators need OPERATOR(marsql.op);
-- casts, GROUP BY, DISTINCT and ORDER BY find the type's own operators
SET search_path = public;
SELECT try_sql($$SELECT ('[1]'::marsql.tensor = '[1]'::marsql.tensor)::text$$);
SELECT try_sql($$SELECT (marsql.sum('[1,2]'::marsql.tensor, NULL) > 2)::text$$);
SELECT '[1]'::marsql.tensor OPERATOR(marsql.=) '[1]'::marsql.tensor AS qualified,
	   marsql.sum('[1,2]'::marsql.tensor, NULL) OPERATOR(marsql.>) 2 AS qualified_number,
	   marsql.sum('[1,2]'::marsql.tensor, NULL)::float8 > 2 AS cast_form;
SELECT v::text, count(*) FROM (VALUES ('[1]'::marsql.tensor), ('[1]'), ('[2]')) s(v) GROUP BY v ORDER BY v;
SELECT count(DISTINCT v) FROM (VALUES ('[1]'::marsql.tensor), ('[1]'), ('[2]')) s(v);
SET search_path = marsql, public;

-- 7. chunked_tensor binary I/O: send writes a version byte and the
-- schema-qualified text form; receive (COPY BINARY here, as psycopg 3's
-- binary cursors) repeats text input's checks and requires SELECT
SELECT chunk(reshape(arange(6), '{2,3}'), '{1,3}', target => 'public.habits_ct') IS NOT NULL AS made;
SELECT get_byte(chunked_tensor_send('habits_ct'), 0) AS version,
	   convert_from(substr(chunked_tensor_send('habits_ct'), 2), 'UTF8') AS text_form;
SELECT '/tmp/marsql_sql_habits_' || pg_backend_pid() AS f \gset
CREATE TEMP TABLE ct_in (c chunked_tensor);
COPY (SELECT 'habits_ct'::chunked_tensor) TO :'f' (FORMAT binary);
COPY ct_in FROM :'f' (FORMAT binary);
SELECT c::text, to_tensor(c) FROM ct_in;
-- forged messages: written as bytea, read back as chunked_tensor
CREATE TEMP TABLE forged (b bytea);
CREATE FUNCTION public.forge(payload bytea, path text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	state text;
	message text;
	detail text;
BEGIN
	TRUNCATE forged;
	INSERT INTO forged VALUES (payload);
	EXECUTE format('COPY forged TO %L (FORMAT binary)', path);
	TRUNCATE ct_in;
	EXECUTE format('COPY ct_in FROM %L (FORMAT binary)', path);
	RETURN (SELECT 'read: ' || c::text FROM ct_in);
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
		detail = PG_EXCEPTION_DETAIL;
	RETURN state || ': ' || message || CASE WHEN detail <> '' THEN ' | ' || detail ELSE '' END;
END $$;
SELECT forge('\x'::bytea, :'f') AS empty;
SELECT forge('\x02'::bytea || convert_to('public.habits_ct', 'UTF8'), :'f') AS version_2;
SELECT forge('\x01'::bytea || convert_to('public.habits_ct', 'UTF8'), :'f') AS name_only;
SELECT forge('\x01'::bytea || convert_to('public.habits_ct float64 (2, 3) tiles (1, 3)', 'UTF8'), :'f') AS exact;
SELECT forge('\x01'::bytea || convert_to('public.habits_ct float64 (200, 3) tiles (1, 3)', 'UTF8'), :'f') AS forged_shape;
SELECT forge('\x01'::bytea || convert_to('public.vecs_missing', 'UTF8'), :'f') AS no_table;
SELECT forge('\x01'::bytea || convert_to('pg_catalog.pg_authid', 'UTF8'), :'f') AS not_chunked;
SELECT forge('\x01'::bytea || convert_to('(planned) float64 (2,) tiles (2,)', 'UTF8'), :'f') AS planned;
SELECT forge('\x01'::bytea || convert_to('public.habits_ct', 'UTF8') || '\x00'::bytea, :'f') AS zero_byte;
-- a role that may not read the storage cannot receive a handle to it
CREATE ROLE regress_habits_reader;
GRANT pg_read_server_files TO regress_habits_reader;
GRANT USAGE ON SCHEMA marsql TO regress_habits_reader;
COPY (SELECT 'habits_ct'::chunked_tensor) TO :'f' (FORMAT binary);
SELECT set_config('habits.f', :'f', false) IS NOT NULL AS set;
SET ROLE regress_habits_reader;
CREATE TEMP TABLE ct_reader (c marsql.chunked_tensor);
DO $$
BEGIN
	EXECUTE format('COPY ct_reader FROM %L (FORMAT binary)', current_setting('habits.f'));
EXCEPTION WHEN OTHERS THEN
	RAISE NOTICE '%: %', SQLSTATE, SQLERRM;
END $$;
RESET ROLE;
GRANT SELECT ON habits_ct TO regress_habits_reader;
SET ROLE regress_habits_reader;
COPY ct_reader FROM :'f' (FORMAT binary);
SELECT c::text FROM ct_reader;
RESET ROLE;
COPY (SELECT 1 WHERE false) TO :'f';
-- a temporary array's name is sent as pg_temp.name
SELECT substr(convert_from(substr(chunked_tensor_send(chunk(zeros('{2}'), '{2}')), 2), 'UTF8'), 1, 8) AS temporary;
DROP TABLE ct_reader;
SELECT drop('habits_ct');
DROP OWNED BY regress_habits_reader;
DROP ROLE regress_habits_reader;
DROP FUNCTION public.forge(bytea, text);
