-- Text input and output of marsql.tensor.
SET search_path = marsql, public;

-- nested lists, shortest round-trip output
SELECT '[[1,2],[3,4]]'::tensor;
SELECT '[[1,2],[3,4]]'::tensor::text::tensor = '[[1,2],[3,4]]'::tensor AS round_trips;
SELECT '[0.1, 0.2, 0.30000000000000004, 1e100, -2.5e-300, 123456789012345678]'::tensor;
SELECT '[[[1,2],[3,4]],[[5,6],[7,8]]]'::tensor;
SELECT '  [ 1 ,	2 ,
 3 ]  '::tensor AS whitespace;
SELECT '[1., .5, +3, -0, 1E3, 2e+2, 2e-2]'::tensor AS number_forms;

-- 0-d scalars and empty tensors
SELECT '5'::tensor AS scalar, shape('5'::tensor), ndim('5'::tensor), size('5'::tensor);
SELECT '[]'::tensor, shape('[]'::tensor);
SELECT '[[],[]]'::tensor, shape('[[],[]]'::tensor);
SELECT '(0,3):[]'::tensor, shape('(0,3):[]'::tensor);
SELECT '(2,0,4):[]'::tensor::text::tensor = '(2,0,4):[]'::tensor AS empty_round_trips;

-- choosing the dtype: literal header, type modifier, astype
SELECT 'float32:[1.1, 2.2]'::tensor, dtype('float32:[1.1, 2.2]'::tensor);
SELECT 'float64:[1.1, 2.2]'::tensor, dtype('float64:[1.1, 2.2]'::tensor);
SELECT 'FLOAT32 : [1]'::tensor, 'f4:[1]'::tensor, 'real:[1]'::tensor, 'double:[1]'::tensor;
SELECT '[1.1, 2.2]'::tensor(float32), dtype('[1.1, 2.2]'::tensor(float32));
SELECT 'float64:[0.1]'::tensor(float32) AS header_then_typmod;
SELECT 'float32:[0.1]'::tensor(float64) AS widened;
SELECT '[1,2]'::tensor('float32') AS typmod_as_string;

-- shape header: the body supplies the elements in C order
SELECT '(2,2):[1,2,3,4]'::tensor;
SELECT 'float32(2,3):[[1,2,3],[4,5,6]]'::tensor;
SELECT '(3,):[1,2,3]'::tensor, '():7'::tensor;

-- NaN and infinities are accepted everywhere, as PostgreSQL floats accept them
SELECT '[NaN, nan, Infinity, -Infinity, inf, -INF]'::tensor;
SELECT 'float32:[NaN, Infinity, -inf]'::tensor;
SELECT 'NaN'::tensor AS nan_scalar;

-- float32 output is the shortest text that reads back to the same float32
SELECT 'float32:[0.1, 3.4028235e38, 1.17549435e-38, 1e-45]'::tensor;
SELECT '[2.2250738585072014e-308, 4.9e-324, 1.7976931348623157e308]'::tensor;

-- columns with a type modifier convert what is stored
CREATE TABLE io_typmod (t tensor(float32));
INSERT INTO io_typmod VALUES ('[1.5, 2.5]'), ('float64:[0.1]'), ('{3,4}'::real[]);
SELECT t, dtype(t) FROM io_typmod;
SELECT format_type(atttypid, atttypmod) FROM pg_attribute
 WHERE attrelid = 'io_typmod'::regclass AND attname = 't';
INSERT INTO io_typmod VALUES ('[1e300]');
DROP TABLE io_typmod;

-- typmod errors
SELECT try_sql($$SELECT '[1]'::marsql.tensor(float128)::text$$);
SELECT try_sql($$SELECT '[1]'::marsql.tensor(float32, float64)::text$$);
SELECT try_sql($$CREATE TEMP TABLE bad_typmod (t marsql.tensor(int128))$$);

-- at least 8 dimensions, up to 32
SELECT shape('[[[[[[[[1]]]]]]]]'::tensor);
SELECT ndim(('(' || repeat('1,', 31) || '1):[5]')::tensor) AS max_dims;

-- a large literal round-trips exactly
SELECT random(ARRAY[200, 50], 7)::text::tensor = random(ARRAY[200, 50], 7) AS large_round_trip;
SELECT random(ARRAY[300], 7, 'normal', 'float32')::text::tensor
	 = random(ARRAY[300], 7, 'normal', 'float32') AS float32_round_trip;
