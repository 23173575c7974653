-- Binary format (COPY BINARY, binary protocol, to_binary / from_binary).
SET search_path = marsql, public;

-- version 1 (float32, float64; version 2 for the other dtypes: tensor_dtypes_io),
-- dtype, ndim, flags 0, big-endian int32 dims, big-endian IEEE data
SELECT to_binary('[[1,2],[3,4]]'::tensor);
SELECT to_binary('float32:[1.5, -2]'::tensor);
SELECT to_binary('7'::tensor) AS scalar, to_binary('(0,3):[]'::tensor) AS empty;

-- exact round trips, NaN and infinities included
SELECT from_binary(to_binary(t)) = t AS same, to_binary(from_binary(to_binary(t))) = to_binary(t) AS same_bytes
FROM (VALUES ('[[1,2],[3,4]]'::tensor), ('float32:[0.1, NaN, -Infinity]'), ('5'), ('[]'),
			 ('(2,0,3):[]'), (random(ARRAY[3,4,5], 1)), (random(ARRAY[64], 2, 'normal', 'float32'))) v(t);
SELECT from_binary('\x0102010000000002bff0000000000000400921fb54442d18');
SELECT from_binary('\x010100007fc00000') AS float32_nan_scalar;

-- bad messages: every check of the text input is repeated
SELECT hex, public.try_sql(format('SELECT marsql.from_binary(%L::bytea)::text', hex)) AS result
FROM (VALUES
	('\x'),
	('\x0102'),
	('\x030200003ff0000000000000'),
	('\x020000003ff0000000000000'),
	('\x020c00003ff0000000000000'),
	('\x02ff00003ff0000000000000'),
	('\x0203000002'),
	('\x02030100000000030001ff'),
	('\x0207010000000001000000000000000100'),
	('\x020b0000000000000000000000'),
	('\x020200013ff0000000000000'),
	('\x000200003ff0000000000000'),
	('\x010300003ff0000000000000'),
	('\x010000003ff0000000000000'),
	('\x010200013ff0000000000000'),
	('\x010200803ff0000000000000'),
	('\x01022100'),
	('\x01020100'),
	('\x010201000000'),
	('\x01020100ffffffff'),
	('\x01020100fffffffe'),
	('\x010202007fffffff7fffffff'),
	('\x0102020000010000000100000000'),
	('\x0102010000000002' || '3ff0000000000000'),
	('\x0102010000000001' || '3ff00000000000004000000000000000'),
	('\x0102000000'),
	('\x01010000'),
	('\x010100003f80000000')
) AS cases(hex);
