-- Text and binary forms of every dtype (issue 21): exact input, output
-- that reads back bit for bit, binary format versions 1 and 2, COPY BINARY,
-- and the casts between tensors and SQL arrays and numbers.
SET search_path = marsql, public;

-- 1. text: every dtype, from the literal's header; the output names the dtype
SELECT t, dtype(t) FROM (VALUES
	('bool:[true, false, T, f, TRUE, False, 1, 0]'::tensor),
	('int8:[-128, 127, 0, +5]'),
	('int16:[-32768, 32767]'),
	('int32:[-2147483648, 2147483647]'),
	('int64:[-9223372036854775808, 9223372036854775807, 9007199254740993]'),
	('uint8:[0, 255, 007]'),
	('float16:[65504, -65504, 6e-08, 6.1e-05, 0.1, -0, NaN, Infinity, -inf]'),
	('float32:[0.1, -0, 3.4028235e38, 1e-45, NaN, -Infinity]'),
	('float64:[0.1, -0, 1.7976931348623157e308, 5e-324, NaN, Infinity]'),
	('complex64:[1+2j, -1.5e3-2j, 2j, 3, -0-0j, nan+nanj, inf-infj, 1e38+1e-45j]'),
	('complex128:[1+2J, -1.5e3-2j, 2j, -2j, 3, -0-0j, 0-0j, -0+0j, nan+nanj, inf-infj, -Infinity+NaNj, 1e308-5e-324j]')
) v(t);

-- every dtype reads back bit for bit from its output (to_binary compares bits)
SELECT dtype(t), t::text::tensor::text = t::text AS same_text,
	   to_binary(t::text::tensor) = to_binary(t) AS same_bits
FROM (VALUES
	('bool:[true, false]'::tensor),
	('int8:[-128, 127, 0]'), ('int16:[-32768, 32767]'), ('int32:[-2147483648, 2147483647]'),
	('int64:[-9223372036854775808, 9223372036854775807, 9007199254740993, -9007199254740993]'),
	('uint8:[0, 1, 254, 255]'),
	('float16:[65504, -65504, 6e-08, -6e-08, 1e-07, 6.1e-05, 6.104e-05, 0.1, 0.3333, -0, NaN, Infinity, -Infinity, 1, 2049]'),
	('float32:[0.1, -0, 3.4028235e38, 1e-45, 1.17549435e-38, NaN, -Infinity]'),
	('float64:[0.1, -0, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, NaN, Infinity]'),
	('complex64:[1+2j, -0-0j, 0-0j, -0+0j, nan+nanj, inf-infj, 3.4028235e38-1e-45j, 0.1+0.2j]'),
	('complex128:[1+2j, -0-0j, 0-0j, -0+0j, nan+nanj, inf-infj, -inf+infj, 1.7976931348623157e308-5e-324j, 0.1+0.2j]')
) v(t);

-- every float16 bit pattern but NaN's reads back exactly
SELECT count(*) AS float16_patterns,
	   count(*) FILTER (WHERE to_binary(t::text::tensor) = to_binary(t)) AS exact
FROM (SELECT from_binary(('\x02090000' || lpad(to_hex(i), 4, '0'))::bytea) AS t
	  FROM generate_series(0, 65535) i
	  WHERE i & 32767 <= 31744) s;

-- shape headers, 0-d and empty tensors of the new dtypes
SELECT 'int32(2,2):[1,2,3,4]'::tensor, 'complex128(2):[1j, 2]'::tensor,
	   'bool():true'::tensor, 'int64:[]'::tensor, 'uint8(0,3):[]'::tensor,
	   'complex64:-1j'::tensor, 'int16:-7'::tensor;
SELECT shape('int8(2,0):[]'::tensor), dtype('int8(2,0):[]'::tensor);

-- the dtype names of mt_dtype_from_name in the header
SELECT 'i8:[1]'::tensor AS i8_is_int64, 'int8:[1]'::tensor AS int8_is_8bit,
	   'bigint:[1]'::tensor, 'smallint:[1]'::tensor, 'integer:[1]'::tensor,
	   'boolean:[t]'::tensor, 'b1:[f]'::tensor, 'u1:[1]'::tensor, 'half:[1]'::tensor,
	   'c8:[1j]'::tensor, 'complex:[1j]'::tensor, 'cdouble:[1j]'::tensor;

-- without a header: true/false elements imply bool, a complex element
-- complex128 (as numpy.array infers); other literals stay float64
SELECT '[true, false, 1, 0]'::tensor AS bools, '[1, 2j]'::tensor AS complex,
	   '[1, 2]'::tensor AS float64, 'T'::tensor AS scalar_bool, '-1j'::tensor AS scalar_complex;
SELECT try_tensor('[true, 2]') AS mixed_bool, try_tensor('[true, 1j]') AS bool_and_complex;

-- the column's type modifier: COPY passes it to the input function, so a
-- literal without a header is read exactly in the column's dtype
CREATE TEMP TABLE dtype_columns (b tensor(bool), i tensor(int64), s tensor(int16),
								 h tensor(float16), c tensor(complex64));
SELECT '/tmp/marsql_dtypes_io_text_' || pg_backend_pid() AS ft \gset
COPY (VALUES ('[t, 0]', '[9223372036854775807, -9007199254740993]', '[-32768]', '[0.1]', '[1-1j]'),
			 ('[f]', '[1, 2]', '[3]', '[65504]', '[2]')) TO :'ft';
COPY dtype_columns FROM :'ft';
SELECT b, i, s, h, c FROM dtype_columns;
COPY (VALUES ('[1.5]')) TO :'ft';
SELECT try_sql(format('COPY pg_temp.dtype_columns (i) FROM %L', :'ft'));
COPY (VALUES ('[32768]')) TO :'ft';
SELECT try_sql(format('COPY pg_temp.dtype_columns (s) FROM %L', :'ft'));
COPY (VALUES ('[2]')) TO :'ft';
SELECT try_sql(format('COPY pg_temp.dtype_columns (b) FROM %L', :'ft'));
COPY (VALUES ('[65520]')) TO :'ft';
SELECT try_sql(format('COPY pg_temp.dtype_columns (h) FROM %L', :'ft'));
-- SQL literals reach the input function without the column's type modifier
-- (PostgreSQL passes none): they are read as above and then converted as
-- astype would, so write the dtype in the literal for exact int64 values
INSERT INTO dtype_columns (b, i, c) VALUES ('[true, false]', 'int64:[9223372036854775807]', '[1j]');
INSERT INTO dtype_columns (i, c) VALUES ('int8:[5]', 'float64:[0.5]');
SELECT b, i, c FROM dtype_columns WHERE s IS NULL;
SELECT try_sql($$SELECT '[9223372036854775807]'::marsql.tensor(int64)::text$$) AS through_float64,
	   try_sql($$SELECT 'float64:[NaN]'::marsql.tensor(int64)::text$$) AS nan_to_int;
DROP TABLE dtype_columns;
SELECT '[1, 2]'::tensor(int32), '[1, -1]'::tensor(bool), '[1, 2j]'::tensor(complex64);

-- malformed or out-of-range elements, one per line
SELECT literal, public.try_tensor(literal) AS result
FROM (VALUES
	('int8:[128]'), ('int8:[-129]'), ('int16:[32768]'), ('int16:[-32769]'),
	('int32:[2147483648]'), ('int32:[-2147483649]'),
	('int64:[9223372036854775808]'), ('int64:[-9223372036854775809]'),
	('int64:[99999999999999999999999999]'),
	('uint8:[256]'), ('uint8:[-1]'), ('uint8:[-0]'),
	('int32:[1.5]'), ('int32:[1.0]'), ('int32:[1e3]'), ('int64:[NaN]'), ('int64:[inf]'),
	('int32:[true]'), ('int32:[1+2j]'), ('int32:[0x10]'),
	('bool:[2]'), ('bool:[-1]'), ('bool:[1.0]'), ('bool:[yes]'), ('bool:[tru]'),
	('bool:[NaN]'), ('bool:[1j]'),
	('float16:[65520]'), ('float16:[-1e5]'), ('float16:[1e-8]'), ('float16:[1e400]'),
	('float32:[1+2j]'), ('[1+2j]'), ('[2j]'), ('[true]'), ('float64:[t]'), ('float16:[f]'),
	('complex64:[1e39+0j]'), ('complex64:[1-1e39j]'), ('complex64:[1e-50j]'),
	('complex128:[1e400j]'), ('complex128:[true]'),
	('complex128:[1+j]'), ('complex128:[j]'), ('complex128:[1+2]'), ('complex128:[1+2i]'),
	('complex128:[1j2]'), ('complex128:[1++2j]'), ('complex128:[1+-2j]'), ('complex128:[(1+2j)]'),
	('complex128:[1 + 2j]'), ('complex128:[1e+j]'), ('complex128:[nanj+1]'),
	('int64(2):[1]'), ('bool(3):[t,f]'), ('complex64(1,1):[[1j],[2j]]')
) AS cases(literal);

-- 2. binary: version 1 for float32 and float64 (bytes unchanged), version 2
-- for the other dtypes; big-endian elements, complex as real then imaginary
SELECT dtype(t), to_binary(t) FROM (VALUES
	('bool:[true, false]'::tensor), ('int8:[-1, 2]'), ('int16:[-2, 258]'),
	('int32:[-2, 16909060]'), ('int64:[-2, 72623859790382856]'), ('uint8:[255, 1]'),
	('float16:[1, -2, 65504, 6e-08]'), ('float32:[1.5, -2]'), ('[1.5]'),
	('complex64:[1-2j]'), ('complex128:[1-2j]'), ('int32():7'), ('bool(0,2):[]')
) v(t);

-- version-1 messages stored by earlier versions read back bit for bit
-- (a NaN's payload too), and are written again as the same bytes
SELECT hex, from_binary(hex::bytea) AS t, to_binary(from_binary(hex::bytea)) = hex::bytea AS same_bytes
FROM (VALUES
	('\x0102020000000002000000023ff000000000000040000000000000004008000000000000c010000000000000'),
	('\x010101000000000341c80000ff8000007fc00000'),
	('\x010200008000000000000000'),
	('\x0102010000000003000000000000000180000000000000007fefffffffffffff'),
	('\x010101000000000380000000000000017f7fffff'),
	('\x0102010000000000'),
	('\x010102000000000000000003'),
	('\x010200003fb999999999999a'),
	('\x010100007fc00001'),
	('\x01020000fff8000000000000')
) AS cases(hex);

-- version 2 also reads float32/float64 (writers that always use version 2)
SELECT from_binary('\x020101000000000141c80000') AS v2_float32,
	   to_binary(from_binary('\x020101000000000141c80000')) AS written_as_v1;

-- every dtype round-trips through to_binary/from_binary
SELECT dtype(t), from_binary(to_binary(t))::text = t::text AS same_text,
	   to_binary(from_binary(to_binary(t))) = to_binary(t) AS same_bytes
FROM (VALUES
	('bool:[[true, false],[false, true]]'::tensor), ('int8:[-128, 127]'), ('int16:[-32768, 32767]'),
	('int32:[-2147483648, 2147483647]'), ('int64:[-9223372036854775808, 9223372036854775807]'),
	('uint8:[0, 255]'), ('float16:[65504, 6e-08, -0, NaN, -Infinity]'),
	('float32:[0.1, -0, NaN]'), ('float64:[0.1, -0, NaN]'),
	('complex64:[-0-0j, nan+nanj, inf-infj]'), ('complex128:[-0-0j, 1e308-5e-324j, nan+nanj]'),
	('complex128():1j'), ('int64(0,2):[]')
) v(t);

-- bool elements other than 0 and 1, and malformed version-2 messages
SELECT hex, public.try_sql(format('SELECT marsql.from_binary(%L::bytea)::text', hex)) AS result
FROM (VALUES
	('\x02030100000000020100'), ('\x02030100000000020102'), ('\x020300ff'), ('\x0203000080'),
	('\x020d000000'), ('\x0209010000000002000100'), ('\x020a00003f800000'),
	('\x010701000000000100000000000000ff'), ('\x02070100000000010000000000000001ff')
) AS cases(hex);

-- COPY BINARY (tensor_send / tensor_recv) of every dtype, with a typmod column
CREATE TEMP TABLE dtype_copy (k int, t tensor);
INSERT INTO dtype_copy VALUES
	(1, 'bool:[true, false]'), (2, 'int8:[-128, 127]'), (3, 'int16:[-32768, 32767]'),
	(4, 'int32:[-2147483648, 2147483647]'), (5, 'int64:[-9223372036854775808, 9223372036854775807]'),
	(6, 'uint8:[0, 255]'), (7, 'float16:[65504, 6e-08, -0, NaN]'), (8, 'float32:[0.1, -0, NaN]'),
	(9, '[0.1, -0, NaN, -Infinity]'), (10, 'complex64:[-0-0j, nan+nanj, inf-infj]'),
	(11, 'complex128:[1+2j, -0-0j]'), (12, 'int64(2,0):[]'), (13, 'complex128():-1j');
SELECT '/tmp/marsql_dtypes_io_' || pg_backend_pid() AS f \gset
COPY dtype_copy TO :'f' (FORMAT binary);
CREATE TEMP TABLE dtype_copy_back (k int, t tensor);
COPY dtype_copy_back FROM :'f' (FORMAT binary);
SELECT a.k, dtype(b.t), to_binary(a.t) = to_binary(b.t) AS same_bits, b.t
FROM dtype_copy a JOIN dtype_copy_back b USING (k) ORDER BY k;
-- into a typmod column, binary input converts as text input does
CREATE TEMP TABLE dtype_copy_c (k int, t tensor(complex128));
COPY dtype_copy_c FROM :'f' (FORMAT binary);
SELECT k, t FROM dtype_copy_c ORDER BY k;
DROP TABLE dtype_copy, dtype_copy_back, dtype_copy_c;

-- 3. casts keep their dtype: smallint[] int16, integer[] int32, bigint[] int64,
-- boolean[] bool; numeric[] float64; and back
SELECT '{1,-2}'::smallint[]::tensor AS s, '{{1},{2}}'::int[]::tensor AS i,
	   '{-9223372036854775808, 9223372036854775807}'::bigint[]::tensor AS b,
	   '{{t,f},{f,t}}'::boolean[]::tensor AS bools, '{1.5}'::numeric[]::tensor AS n;
SELECT '{}'::boolean[]::tensor AS empty_bool, '{}'::bigint[]::tensor AS empty_int64;
SELECT 'int16:[[1,-2]]'::tensor::smallint[] AS s, 'int32:[7]'::tensor::int[] AS i,
	   'int64:[-9223372036854775808, 9223372036854775807]'::tensor::bigint[] AS b,
	   'bool:[[true],[false]]'::tensor::boolean[] AS bools;
-- across dtypes: integers must fit, floats are truncated, nonzero is true
SELECT 'int64:[1, -32768]'::tensor::smallint[] AS narrowed, 'bool:[true, false]'::tensor::int[] AS from_bool,
	   '[1.9, -1.9, -0.5]'::tensor::bigint[] AS truncated, 'float16:[2.5]'::tensor::int[] AS from_half,
	   '[0, 0.5, NaN, -1]'::tensor::boolean[] AS nonzero, 'int8:[0, 3]'::tensor::boolean[] AS int_to_bool,
	   'uint8:[255]'::tensor::smallint[] AS from_uint8;
SELECT 'int64:[9007199254740993]'::tensor::float8[] AS rounds_as_numpy, 'int32:[1,2]'::tensor::real[] AS f4,
	   'bool:[true]'::tensor::float8[] AS from_bool, 'float16:[0.1]'::tensor::float8[] AS from_half,
	   'complex128:[1]'::tensor::text AS complex_text;
-- assignment into tensor columns keeps the array's dtype
CREATE TEMP TABLE cast_dtypes (t tensor);
INSERT INTO cast_dtypes VALUES (ARRAY[1, 2]), (ARRAY[1, 2]::smallint[]), (ARRAY[5000000000]),
	(ARRAY[true]), (ARRAY[1.5]);
SELECT t, dtype(t) FROM cast_dtypes;
DROP TABLE cast_dtypes;
-- size-1 tensors as numbers, from every real dtype
SELECT 'int64:[9223372036854775807]'::tensor::bigint AS i8, 'int64:7'::tensor::numeric AS num,
	   'int64:[9223372036854775807]'::tensor::numeric AS exact_num, 'int16:[-3]'::tensor::int AS i4,
	   '[3.9]'::tensor::int AS truncated, '[-3.9]'::tensor::bigint AS truncated_neg,
	   'bool:true'::tensor::boolean AS b, '[0.5]'::tensor::boolean AS nonzero,
	   'int32:0'::tensor::boolean AS zero, 'bool:[true]'::tensor::float8 AS bool_f8;
SELECT 'float16:[0.1]'::tensor::float8 AS half_f8, 'float16:[0.1]'::tensor::real AS half_f4,
	   'float16:[0.1]'::tensor::numeric AS half_num, 'uint8:[200]'::tensor::real AS u8_f4,
	   'int64:[9007199254740993]'::tensor::float8 AS rounds;
-- errors: out of range (22003), NaN, complex (42804), size
SELECT stmt, try_sql(stmt) AS result FROM (VALUES
	($$SELECT 'int32:[40000]'::marsql.tensor::smallint[]::text$$),
	($$SELECT 'int64:[1, 2147483648]'::marsql.tensor::int[]::text$$),
	($$SELECT '[1e19]'::marsql.tensor::bigint[]::text$$),
	($$SELECT '[NaN]'::marsql.tensor::int[]::text$$),
	($$SELECT '[-Infinity]'::marsql.tensor::smallint[]::text$$),
	($$SELECT '[32768.5]'::marsql.tensor::smallint[]::text$$),
	($$SELECT 'complex64:[1]'::marsql.tensor::real[]::text$$),
	($$SELECT 'complex128:[1]'::marsql.tensor::float8[]::text$$),
	($$SELECT 'complex128:[1]'::marsql.tensor::int[]::text$$),
	($$SELECT 'complex128:[1]'::marsql.tensor::boolean[]::text$$),
	($$SELECT 'complex128:[1]'::marsql.tensor::float8::text$$),
	($$SELECT 'complex64:1'::marsql.tensor::numeric::text$$),
	($$SELECT 'complex64:1'::marsql.tensor::bigint::text$$),
	($$SELECT 'int64:[1e3]'::marsql.tensor::text$$),
	($$SELECT 'int64:[2147483648]'::marsql.tensor::int::text$$),
	($$SELECT '[NaN]'::marsql.tensor::bigint::text$$),
	($$SELECT 'float64:[1e300]'::marsql.tensor::real::text$$),
	($$SELECT 'int32:[1, 2]'::marsql.tensor::int::text$$),
	($$SELECT 'bool:[]'::marsql.tensor::boolean::text$$),
	($$SELECT ARRAY[true, NULL]::marsql.tensor::text$$),
	($$SELECT ARRAY[1, NULL]::bigint[]::marsql.tensor::text$$),
	($$SELECT ('int8:' || repeat('[', 7) || '1' || repeat(']', 7))::marsql.tensor::smallint[]::text$$)
) AS cases(stmt);
-- jsonb stays float64 (JSON has one number type)
SELECT '[1, 2]'::jsonb::tensor AS from_jsonb, dtype('[1, 2]'::jsonb::tensor);
