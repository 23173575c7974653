-- chunked tensors of every dtype (issue 21): storage and data movement,
-- elementwise operations with numpy 2's promotion, reductions and matmul,
-- each checked against the dense function on the same data.  "same"
-- means the two text forms are equal (exact for every dtype), or both
-- raised the same error (SQLSTATE and message).
SET search_path = marsql, public;

-- the outcome of an expression: its text, or its error
CREATE FUNCTION outcome(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	r text;
BEGIN
	EXECUTE 'SELECT (' || q || ')::text' INTO r;
	RETURN r;
EXCEPTION WHEN OTHERS THEN
	RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END $$;
CREATE FUNCTION same(a tensor, b tensor) RETURNS text LANGUAGE sql AS
	$$SELECT CASE WHEN a::text = b::text THEN 'same' ELSE a::text || ' <> ' || b::text END$$;
-- the dense forms of the chunked names the checks use: to_tensor is the
-- identity, add ... divide the operators
CREATE FUNCTION public.to_tensor(t tensor) RETURNS tensor LANGUAGE sql AS 'SELECT t';
CREATE FUNCTION public.add(a tensor, b tensor) RETURNS tensor LANGUAGE sql AS 'SELECT a + b';
CREATE FUNCTION public.subtract(a tensor, b tensor) RETURNS tensor LANGUAGE sql AS 'SELECT a - b';
CREATE FUNCTION public.multiply(a tensor, b tensor) RETURNS tensor LANGUAGE sql AS 'SELECT a * b';
CREATE FUNCTION public.divide(a tensor, b tensor) RETURNS tensor LANGUAGE sql AS 'SELECT a / b';
CREATE FUNCTION public.negative(a tensor) RETURNS tensor LANGUAGE sql AS 'SELECT -a';
-- chunked (C(x) is the chunked form of x, in tiles of `tile`) against dense
CREATE FUNCTION agree(expr text, tile text DEFAULT '{2,3}') RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	dense text := outcome(regexp_replace(expr, 'C\[([^]]*)\]', '\1', 'g'));
	chunked text := outcome(regexp_replace(expr, 'C\[([^]]*)\]',
										   'chunk(\1, ''' || tile || ''')', 'g'));
BEGIN
	RETURN CASE WHEN dense = chunked THEN 'same' ELSE 'dense ' || dense || ' chunked ' || chunked END;
END $$;
-- the same for a reduction over every element: dense f(t, NULL), chunked f(ct)
CREATE FUNCTION agree_all(f text, x text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	dense text := outcome(format('%s(%s, NULL)', f, x));
	chunked text := outcome(format('%s(chunk(%s, ''{2,3}''))', f, x));
BEGIN
	RETURN CASE WHEN dense = chunked THEN 'same' ELSE 'dense ' || dense || ' chunked ' || chunked END;
END $$;

-- one 5x7 tensor per dtype, in tiles of 2x3 (ragged edges): negative and
-- positive values, fractions for the inexact dtypes
CREATE TABLE dt (dtype text PRIMARY KEY, t tensor);
INSERT INTO dt
SELECT d, CASE WHEN d = 'uint8' THEN astype(reshape(arange(0, 35), '{5,7}'), d)
			   WHEN d LIKE 'float%' OR d LIKE 'complex%' THEN astype((reshape(arange(0, 35), '{5,7}') - 17) / 4, d)
			   ELSE astype(reshape(arange(0, 35), '{5,7}') - 17, d) END
FROM unnest(ARRAY['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'float16', 'float32',
				  'float64', 'complex64', 'complex128']) d;
CREATE FUNCTION t(d text) RETURNS tensor LANGUAGE sql STABLE AS $$SELECT t FROM dt WHERE dtype = d$$;

-- 1. storage and data movement
SELECT dtype, chunk(t, '{2,3}', target => 'c_' || dtype) IS NOT NULL AS stored FROM dt ORDER BY dtype;
CREATE FUNCTION c(d text) RETURNS chunked_tensor LANGUAGE sql STABLE
	AS $$SELECT chunked_tensor(('c_' || d)::regclass)$$;
SELECT dtype, dtype(c(dtype)) AS chunked_dtype, shape(c(dtype)), size(c(dtype)),
	   nbytes(c(dtype)), ntiles(c(dtype)),
	   same(to_tensor(c(dtype)), t) AS to_tensor,
	   same(slice(c(dtype), '{1,2}', '{4,6}'), slice(t, '{1,2}', '{4,6}')) AS slice,
	   same(to_tensor(transpose(c(dtype))), transpose(t)) AS transpose,
	   same(to_tensor(rechunk(c(dtype), '{3,4}')), t) AS rechunk
FROM dt ORDER BY dtype;
-- float16 is stored at 2 bytes an element: the tiles and the catalog
SELECT tile, shape, data FROM tiles(c('float16'), true) ORDER BY tile LIMIT 3;
SELECT c('float16')::text, dtype, shape, tile_shape FROM arrays WHERE storage = 'c_float16'::regclass;
SELECT 'c_int32 int32 (5, 7) tiles (2, 3)'::chunked_tensor::text AS reopened;
SELECT 'c_int32 float32 (5, 7) tiles (2, 3)'::chunked_tensor;

-- to_table: the narrowest SQL type that holds every value
SELECT dtype, to_table(c(dtype), 'rows_' || dtype) AS rows FROM dt WHERE dtype NOT LIKE 'complex%' ORDER BY dtype;
SELECT i, value FROM rows_bool ORDER BY i LIMIT 2;
SELECT i, value FROM rows_uint8 ORDER BY i LIMIT 2;
SELECT i, value FROM rows_float16 ORDER BY i LIMIT 2;
SELECT attrelid::regclass::text AS tbl, format_type(atttypid, atttypmod) AS value_type
FROM pg_attribute WHERE attname = 'value' AND attrelid::regclass::text LIKE 'rows_%' ORDER BY 1;
SELECT to_table(chunk(reshape(t('int16'), '{35}'), '{8}'), 'rows_1d') AS rows;
SELECT i, value FROM rows_1d ORDER BY i LIMIT 3;
SELECT to_table(c('complex64'), 'rows_complex');

-- chunked_zeros, chunked_ones, chunked_full of every dtype, as numpy.full
SELECT dtype, same(to_tensor(chunked_full('{3,4}', 2.5, '{2,3}', dtype)), astype(full('{3,4}', 2.5), dtype)) AS full,
	   same(to_tensor(chunked_zeros('{3,4}', '{2,3}', dtype)), astype(zeros('{3,4}'), dtype)) AS zeros,
	   same(to_tensor(chunked_ones('{3,4}', '{2,3}', dtype)), astype(ones('{3,4}'), dtype)) AS ones
FROM dt ORDER BY dtype;
SELECT chunked_full('{2,2}', -1, NULL, 'uint8');
SELECT chunked_full('{2,2}', 'NaN', NULL, 'int32');
SELECT chunked_full('{2,2}', 1e40, NULL, 'float32');
SELECT chunked_full('{2,2}', 1e6, NULL, 'float16');
SELECT chunked_random('{2,2}', dtype => 'int32');
SELECT chunked_random('{2,2}', dtype => 'float16');
SELECT chunked_zeros('{2,2}', dtype => 'int128');

-- chunked_from_query / chunked_from_table: tensor rows of any dtype,
-- integer and boolean arrays; a dtype converts every row (astype)
CREATE TABLE emb (id int, v tensor, a int[], b boolean[]);
INSERT INTO emb SELECT i, astype(arange(i, i + 5) / 8, 'float16'), ARRAY[i, -i, i * 1000], ARRAY[i % 2 = 0, true]
FROM generate_series(1, 7) i;
SELECT dtype(chunked_from_table('emb', 'v', 'id', '{3,2}', target => 'emb16')) AS from_tensors;
SELECT nbytes('emb16'::chunked_tensor), tile_shape('emb16'::chunked_tensor);
SELECT same(to_tensor('emb16'::chunked_tensor), stack(array_agg(v ORDER BY id))) AS rows FROM emb;
SELECT same(to_tensor(chunked_from_table('emb', 'v', 'id', NULL, 'float32')),
			astype(stack(array_agg(v ORDER BY id)), 'float32')) AS converted FROM emb;
SELECT to_tensor(chunked_from_table('emb', 'a', 'id', '{2,2}')) AS int_rows;
SELECT to_tensor(chunked_from_table('emb', 'b', 'id')) AS bool_rows;
SELECT to_tensor(chunked_from_table('emb', 'a', 'id', NULL, 'int8')) AS wrapped;
SELECT to_tensor(chunked_from_query('SELECT x FROM (VALUES (1, ''int32:[1,2]''::tensor), (2, ''int32:[3,4]'')) v(i, x) ORDER BY i')) AS int32_rows;
-- mixed dtypes without a dtype argument: refused (numpy would promote,
-- but the rows before are stored already), except float32 with float64
SELECT chunked_from_query('SELECT x FROM (VALUES (1, ''int32:[1,2]''::tensor), (2, ''int64:[3,4]'')) v(i, x) ORDER BY i');
SELECT to_tensor(chunked_from_query('SELECT x FROM (VALUES (1, ''int32:[1,2]''::tensor), (2, ''int64:[3,4]'')) v(i, x) ORDER BY i', dtype => 'int64')) AS with_dtype;
SELECT to_tensor(chunked_from_query('SELECT x FROM (VALUES (1, ''float32:[1.5,2]''::tensor), (2, ''[3,4.25]'')) v(i, x) ORDER BY i')) AS float_mix;
SELECT chunked_from_query('SELECT x FROM (VALUES (1, ''[1.5,2]''::tensor), (2, ''[3,NaN]'')) v(i, x) ORDER BY i', dtype => 'int32');
SELECT chunked_from_query('SELECT ARRAY[1.5]::numeric[]');

-- explain shows the dtype
SELECT line FROM explain($$SELECT add(c('float16'), c('float16'))$$) line WHERE line LIKE '%float16%' LIMIT 2;

-- 2. elementwise: every dtype with itself, then mixed pairs, with
-- numpy 2's promotion (the results' dtypes are in the text forms)
SELECT d.dtype, op,
	   agree(format('to_tensor(%s(C[t(%L)], C[t(%L)]))', op, d.dtype, d.dtype)) AS result
FROM dt d, unnest(ARRAY['add', 'subtract', 'multiply', 'divide', 'maximum', 'minimum']) op
ORDER BY 1, 2;
SELECT d.dtype, agree(format('to_tensor(power(C[t(%L)], C[abs(t(%L))]))', d.dtype, d.dtype)) AS power,
	   agree(format('to_tensor(power(C[t(%L)], C[t(%L)]))', d.dtype, d.dtype)) AS negative_power
FROM dt d ORDER BY 1;
SELECT a, b, agree(format('to_tensor(add(C[t(%L)], C[t(%L)]))', a, b)) AS add,
	   agree(format('to_tensor(multiply(C[t(%L)], t(%L)))', a, b)) AS with_tensor,
	   agree(format('to_tensor(divide(t(%L), C[t(%L)]))', a, b)) AS tensor_first
FROM (VALUES ('int8', 'uint8'), ('int32', 'float16'), ('float16', 'float32'), ('bool', 'int8'),
			 ('int64', 'float32'), ('complex64', 'float64'), ('uint8', 'int64'), ('int16', 'float16'),
			 ('bool', 'float16'), ('int32', 'complex64')) p(a, b)
ORDER BY 1, 2;
-- broadcasting a row against the tiles
SELECT agree('to_tensor(add(C[t(''int16'')], slice(t(''int8''), ''{0}'', ''{1}'')))') AS broadcast_row;
-- the operators and weak SQL scalars (NEP 50): an integer keeps an
-- integer dtype and must fit it, a double makes integers float64
SELECT d.dtype,
	   agree(format('to_tensor(C[t(%L)] + 3)', d.dtype)) AS plus_int,
	   agree(format('to_tensor(2.5 * C[t(%L)])', d.dtype)) AS times_double,
	   agree(format('to_tensor(C[t(%L)] - 1::bigint)', d.dtype)) AS minus_bigint,
	   agree(format('to_tensor(C[t(%L)] / 2)', d.dtype)) AS divided,
	   agree(format('to_tensor(C[t(%L)] ^ 2)', d.dtype)) AS squared,
	   agree(format('to_tensor(maximum(C[t(%L)], 1))', d.dtype)) AS maximum_int,
	   agree(format('to_tensor(-C[t(%L)])', d.dtype)) AS negated
FROM dt d ORDER BY 1;
SELECT agree('to_tensor(C[t(''int8'')] + 300)') AS int8_overflow,
	   agree('to_tensor(C[t(''uint8'')] * 255)') AS uint8_wraps,
	   agree('to_tensor(C[t(''int32'')] ^ -1)') AS negative_exponent,
	   agree('to_tensor(2 ^ C[t(''int32'')])') AS negative_exponent_tile,
	   agree('to_tensor(C[t(''float16'')] * 1e6)') AS float16_to_inf;
SELECT outcome('to_tensor(chunk(t(''bool''), ''{2,3}'') - chunk(t(''bool''), ''{2,3}''))') AS bool_subtract;
-- unary functions, numpy's loops (float-only functions of int8 are
-- float16, of int16 float32, of int32/int64 float64; abs of complex real)
SELECT d.dtype, op, agree(format('to_tensor(%s(C[t(%L)]))', op, d.dtype)) AS result
FROM dt d, unnest(ARRAY['negative', 'abs', 'sqrt', 'exp', 'log', 'sin', 'cos', 'floor', 'ceil',
						 'sign', 'square', 'relu', 'sigmoid']) op
ORDER BY 1, 2;

-- what the chunked results are: dtypes by numpy 2's rules, or the error
SELECT d.dtype,
	   outcome(format('dtype(to_tensor(chunk(t(%L), ''{2,3}'') + chunk(t(%L), ''{2,3}'')))', d.dtype, d.dtype)) AS add,
	   outcome(format('dtype(to_tensor(chunk(t(%L), ''{2,3}'') / 2))', d.dtype)) AS divide_int,
	   outcome(format('dtype(to_tensor(chunk(t(%L), ''{2,3}'') * 0.5))', d.dtype)) AS times_double,
	   outcome(format('dtype(to_tensor(sqrt(chunk(t(%L), ''{2,3}''))))', d.dtype)) AS sqrt,
	   outcome(format('dtype(to_tensor(abs(chunk(t(%L), ''{2,3}''))))', d.dtype)) AS abs,
	   outcome(format('dtype(to_tensor(sign(chunk(t(%L), ''{2,3}''))))', d.dtype)) AS sign
FROM dt d ORDER BY 1;
SELECT d.dtype,
	   outcome(format('dtype(sum(chunk(t(%L), ''{2,3}'')))', d.dtype)) AS sum,
	   outcome(format('dtype(max(chunk(t(%L), ''{2,3}'')))', d.dtype)) AS max,
	   outcome(format('dtype(mean(chunk(t(%L), ''{2,3}'')))', d.dtype)) AS mean,
	   outcome(format('dtype(to_tensor(matmul(chunk(t(%L), ''{2,3}''), chunk(transpose(t(%L)), ''{3,2}''))))', d.dtype, d.dtype)) AS matmul
FROM dt d ORDER BY 1;

-- 3. reductions: dtypes as the dense functions (sum of integers int64,
-- min/max keep the dtype)
SELECT d.dtype, op, agree_all(op, format('t(%L)', d.dtype)) AS all_elements,
	   agree(format('to_tensor(%s(C[t(%L)], 0))', op, d.dtype)) AS axis0,
	   agree(format('to_tensor(%s(C[t(%L)], -1, true))', op, d.dtype)) AS axis1_keepdims
FROM dt d, unnest(ARRAY['sum', 'prod', 'min', 'max']) op
WHERE d.dtype NOT LIKE 'complex%'
ORDER BY 1, 2;
-- mean, var and std combine partial moments: equal to rounding, with the
-- dense dtype (float64 for integers)
SELECT d.dtype, op, dtype(r) AS dtype, dtype(x) AS dense_dtype,
	   allclose(astype(r, 'float64'), astype(x, 'float64'), 1e-3) AS close
FROM dt d, unnest(ARRAY['mean', 'var', 'std']) op,
	 LATERAL (SELECT CASE op WHEN 'mean' THEN mean(c(d.dtype)) WHEN 'var' THEN var(c(d.dtype)) ELSE std(c(d.dtype)) END AS r,
					 CASE op WHEN 'mean' THEN mean(d.t) WHEN 'var' THEN var(d.t) ELSE std(d.t) END AS x) v
WHERE d.dtype NOT LIKE 'complex%'
ORDER BY 1, 2;
SELECT dtype(to_tensor(mean(c('int32'), 0))) AS mean_axis, dtype(to_tensor(std(c('float16'), 1))) AS std_axis;
-- int64 sums are exact and wrap (no float64 rounding), as dense
SELECT agree_all('sum', 'astype(full(''{4,3}'', 3e18), ''int64'')') AS int64_wraps,
	   agree_all('sum', 'astype(full(''{4,3}'', 1e17), ''int64'') + 1') AS int64_exact,
	   sum(chunk(astype(full('{4,3}', 1e17), 'int64') + 1, '{2,3}')) AS exact_value;
SELECT sum(c('complex64'));
SELECT mean(c('complex128'), 0);

-- 4. matmul: float16 in float32 rounded once, integers exact and
-- wrapping, complex through cgemm/zgemm; a summation tree over k
SET marsql.reduce_fanin = 2;
SELECT d.dtype, agree(format('to_tensor(matmul(C[t(%L)], C[transpose(t(%L))]))', d.dtype, d.dtype), '{2,2}') AS result
FROM dt d ORDER BY 1;
RESET marsql.reduce_fanin;
SELECT agree('to_tensor(matmul(C[t(''int8'')], transpose(t(''float16''))))') AS mixed,
	   agree('to_tensor(matmul(t(''uint8''), C[transpose(t(''int16''))]))') AS tensor_first;
SET marsql.device = 'gpu';
SELECT matmul(c('int32'), c('int32'));
RESET marsql.device;

-- k-NN over a float16 (or int16) chunked corpus: as over the dense corpus
SELECT dtype, (SELECT count(*) FROM ((SELECT * FROM knn(astype(slice(dt.t, '{1}', '{3}'), 'float32'), c(dt.dtype), 3))
									 EXCEPT (SELECT * FROM knn(astype(slice(dt.t, '{1}', '{3}'), 'float32'), dt.t, 3))) d) AS differing,
	   (SELECT count(*) FROM knn(astype(slice(dt.t, '{1}', '{3}'), 'float32'), c(dt.dtype), 3)) AS neighbours
FROM dt WHERE dtype IN ('float16', 'int16') ORDER BY dtype;

DROP FUNCTION public.to_tensor(tensor), public.negative(tensor), public.add(tensor, tensor), public.subtract(tensor, tensor),
	public.multiply(tensor, tensor), public.divide(tensor, tensor);
DROP TABLE rows_bool, rows_int8, rows_int16, rows_int32, rows_int64, rows_uint8, rows_float16,
	rows_float32, rows_float64, rows_1d;
SELECT count(drop(c(dtype))) FROM dt;
