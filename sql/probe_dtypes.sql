-- Hostile-input probe of the dtype surface (issue 21): each defect found
-- gets its repro here, and the edges probed around it are pinned (every
-- error with its SQLSTATE through try_sql).
SET search_path = marsql, public;

-- Complex values with NaN parts sort in numpy's order (npy_sort CLT):
-- [R + Rj, R + nanj, nan + Rj, nan + nanj]; before, a NaN imaginary part
-- sorted inside the real part's place (1+nanj before 2+0j).
SELECT sort('complex128:[1+nanj, 2+0j, 1+5j, nan+0j, 3+nanj, nan-1j, -inf+nanj, nan+nanj, 0+0j]'::tensor);
SELECT sort('complex64:[1+nanj, 2+0j, 1+5j, nan+0j, 3+nanj, nan-1j, -inf+nanj, nan+nanj, 0+0j]'::tensor);
SELECT argsort('complex64:[1+nanj, 2+0j, 1+5j, nan+0j, 3+nanj, nan-1j, -inf+nanj, nan+nanj, 0+0j]'::tensor);
SELECT argsort('complex128:[[1+nanj, 2+0j, nan+0j], [nan+nanj, 0+nanj, -1+0j]]'::tensor, 0);
SELECT partition('complex64:[1+nanj, 2+0j, 1+5j, nan+0j, 0]'::tensor, 2);
SELECT topk('complex64:[1+nanj, 2+0j, 1+5j, nan+0j, 0]'::tensor, 2);
-- np.unique (equal_nan=True): every complex value with a NaN part is one
-- value, the first in sort order
SELECT marsql.unique('complex64:[nan+0j, 0+nanj, nan+nanj, nan+0j, 1+1j]'::tensor);
SELECT marsql.unique('complex128:[nan+0j, 0+nanj, nan+nanj, nan+0j, 1+1j]'::tensor);
SELECT unique_inverse('complex64:[nan+0j, 0+nanj, 1, nan+nanj]'::tensor);
SELECT unique_counts('complex128:[nan+0j, 0+nanj, 1, nan+nanj]'::tensor);
-- searchsorted and isin search the sorted order with the same comparison
SELECT searchsorted(sort('complex128:[1+nanj, 2+0j, 1+5j, nan+0j]'::tensor),
	'complex128:[1+nanj, 3+0j, nan+0j, 5+nanj]'::tensor);
SELECT isin('complex128:[1+nanj, 2+0j, nan+0j]'::tensor,
	'complex128:[1+nanj, 2+0j, nan+0j, 5+5j]'::tensor);
-- the whole-value order (ORDER BY, btree) is the same total order: a real
-- NaN is nan+0j; equal values group together across dtypes
CREATE TEMP TABLE probe_order (id int, t tensor);
INSERT INTO probe_order VALUES
	(1, 'complex128:[1+nanj]'), (2, 'complex64:[2+0j]'), (3, 'float64:[nan]'),
	(4, 'complex128:[nan+0j]'), (5, 'float16:[2]'), (6, 'complex128:[nan-1j]'),
	(7, 'complex64:[nan+nanj]'), (8, 'int64:[9007199254740993]'),
	(9, 'float64:[9007199254740992]'), (10, 'int8:[2]'), (11, 'complex128:[-inf+nanj]');
SELECT array_agg(id ORDER BY id) FROM probe_order GROUP BY t ORDER BY t;
SELECT count(*) AS not_transitive FROM probe_order a, probe_order b, probe_order c
	WHERE a.t < b.t AND b.t < c.t AND NOT a.t < c.t;
SELECT count(*) AS not_trichotomous FROM probe_order a, probe_order b
	WHERE (a.t < b.t)::int + (a.t = b.t)::int + (a.t > b.t)::int <> 1;
CREATE INDEX ON probe_order (t);
SET enable_seqscan = off;
SELECT id FROM probe_order WHERE t > 'complex128:[5+0j]' ORDER BY t, id;
RESET enable_seqscan;

-- tensor OP bigint compared through double precision, so an int64 beyond
-- 2^53 rounded: 'int64:[9007199254740993]' = 9007199254740992::bigint was
-- true and int64 max > int64 max - 1 false.  The bigint forms are exact for
-- the integer dtypes; a float tensor compares as with a double (numpy's
-- promotion to float64), NaN above every number.
SELECT 'int64:[9007199254740993]'::tensor = 9007199254740992::bigint AS eq_f,
	'int64:[9223372036854775807]'::tensor > 9223372036854775806::bigint AS gt_t,
	9223372036854775806::bigint < 'int64:[9223372036854775807]'::tensor AS lt_t,
	'int64:[9007199254740993]'::tensor <> 9007199254740992::bigint AS ne_t,
	'int64:[-9223372036854775808]'::tensor <= -9223372036854775807::bigint AS le_t,
	'uint8:255'::tensor >= 255::bigint AS ge_t, 'bool:[true]'::tensor = 1::bigint AS bool_t,
	'int64:[3]'::tensor < 3::bigint AS lt_f, 3::bigint >= 'int64:[3]'::tensor AS ge_t2;
SELECT 'float64:[nan]'::tensor > 5::bigint AS nan_gt, 5::bigint < 'float64:[nan]'::tensor AS nan_lt,
	'float64:[9007199254740992]'::tensor = 9007199254740993::bigint AS as_float64,
	'float16:[-0.0]'::tensor = 0::bigint AS negzero;
-- integer and smallint operands keep the double precision forms (exact there)
SELECT 'int64:[5]'::tensor = 5, 'int64:[5]'::tensor < 5.5, 'int64:[5]'::tensor = 5::smallint;
SELECT NULL::tensor = 1::bigint AS null_is_null;
SELECT try_sql($$SELECT 'int64:[1,2]'::marsql.tensor = 1::bigint$$);
SELECT try_sql($$SELECT 1::bigint < 'int64(0):[]'::marsql.tensor$$);
SELECT try_sql($$SELECT 'complex64:[1]'::marsql.tensor = 1::bigint$$);
SELECT try_sql($$SELECT 1::bigint >= 'complex128:[1+1j]'::marsql.tensor$$);

-- The same mistake in clip: its bounds were double precision only, so a
-- bigint bound beyond 2^53 rounded (clip(int64 2^53+1, 0, 2^53+1) changed
-- the element to 2^53) and int64's maximum was refused as out of range.
-- clip(tensor, bigint, bigint) is exact for integer dtypes.
SELECT clip('int64:[9007199254740993, 5, 9223372036854775807]'::tensor, 0, 9007199254740993) AS exact_hi,
	clip('int64:[9007199254740993, -9223372036854775808]'::tensor,
		-9223372036854775808, 9223372036854775807) AS int64_range;
SELECT clip('bool:[true,false]'::tensor, 0::bigint, NULL) AS bool_is_int64,
	clip('int8:[1,100]'::tensor, 0, 50) AS int_literals,
	clip('float16:[1,100]'::tensor, 2::bigint, 50::bigint) AS float16,
	clip('int64:[1]'::tensor, NULL, NULL) AS no_bounds,
	clip(NULL::tensor, 1::bigint, 2::bigint) AS null_tensor,
	clip('int64:[1,5,9]'::tensor, 6::bigint, 2::bigint) AS lo_above_hi;
SELECT try_sql($$SELECT marsql.clip('int8:[1]'::marsql.tensor, 0::bigint, 1000::bigint)::text$$);
SELECT try_sql($$SELECT marsql.clip('uint8:[1]'::marsql.tensor, -1::bigint, NULL)::text$$);
SELECT try_sql($$SELECT marsql.clip('complex64:[1]'::marsql.tensor, 0::bigint, 1::bigint)::text$$);

-- A tensor(int8) column wrapped what it stored: 'int64:[300]' became
-- int8:[44] (astype's numpy wrap), silently changing committed data.  The
-- typmod coercion now refuses an integer that does not fit (22003), in
-- text input, the length-coercion cast and binary input alike; floats
-- convert as astype does (truncated; NaN and out of range refused).
CREATE TEMP TABLE probe_typmod (t tensor(int8), u tensor(uint8), b tensor(bool), i tensor(int64));
SELECT try_sql($$INSERT INTO probe_typmod (t) VALUES ('int64:[300]') RETURNING t::text$$);
SELECT try_sql($$INSERT INTO probe_typmod (u) VALUES ('int8:[-1]') RETURNING u::text$$);
SELECT try_sql($$INSERT INTO probe_typmod (t) VALUES ('uint8:[128]') RETURNING t::text$$);
SELECT try_sql($$INSERT INTO probe_typmod (t) VALUES ('float64:[nan]') RETURNING t::text$$);
SELECT try_sql($$SELECT 'int16:[1000]'::marsql.tensor::marsql.tensor(int8)::text$$);
SELECT try_sql($$SELECT 'int64:[-9223372036854775808]'::marsql.tensor(int32)::text$$);
SELECT try_sql($$SELECT marsql.from_binary('\x0207010000000001000000000000012c'::bytea)::marsql.tensor(uint8)::text$$);
INSERT INTO probe_typmod (t) VALUES ('int64:[1, 2, -128, 127]'), ('uint8:[127]'), ('bool:[true]'),
	('float64:[1.5]'), ('int64:[]'), ('int64(2,0):[]');
INSERT INTO probe_typmod (b) VALUES ('int64:[300, 0]');
INSERT INTO probe_typmod (i) VALUES ('uint8:[255]'), ('float64:[9007199254740992]');
SELECT * FROM probe_typmod;
-- binary input (COPY ... FORMAT binary) into a typmod column checks alike
CREATE TEMP TABLE probe_typmod_src (t tensor);
INSERT INTO probe_typmod_src VALUES ('int64:[5]'), ('int64:[300]');
COPY probe_typmod_src TO '/tmp/marsql_probe_typmod.bin' WITH (FORMAT binary);
CREATE TEMP TABLE probe_typmod_dst (t tensor(int8));
SELECT try_sql($$COPY probe_typmod_dst FROM '/tmp/marsql_probe_typmod.bin' WITH (FORMAT binary)$$);
SELECT count(*) FROM probe_typmod_dst;

-- full and full_like took the fill value as double precision only, so
-- full('{2}', 9007199254740993, 'int64') held 9007199254740992; their
-- bigint forms are exact for integer dtypes (22003 when it does not fit).
SELECT full(ARRAY[2], 9007199254740993, 'int64') AS exact,
	full(ARRAY[1], 9223372036854775807, 'int64') AS int64_max,
	full(ARRAY[1], 9007199254740993) AS float64_rounds,
	full(ARRAY[2], 5::bigint, 'bool') AS bool, full(ARRAY[1], 2::bigint, 'float16') AS float16,
	full(ARRAY[0,2], 1::bigint, 'uint8') AS empty;
SELECT full_like('int64:[1,2]'::tensor, 9007199254740993) AS exact,
	full_like('int64:[1]'::tensor, 9007199254740993, 'float64') AS as_float64,
	full_like('int64:5'::tensor, (-9223372036854775808)::bigint) AS int64_min;
SELECT full(ARRAY[2], 5, 'int8') AS int_literal, ones(ARRAY[1], 'int8') AS ones,
	full(ARRAY[1], 1.5, 'int8') AS truncated, full(ARRAY[1], NULL::bigint, 'int8') AS null_fill;
SELECT try_sql($$SELECT marsql.full(ARRAY[2], 300::bigint, 'int8')::text$$);
SELECT try_sql($$SELECT marsql.full_like('uint8:[1]'::marsql.tensor, (-1)::bigint)::text$$);
SELECT try_sql($$SELECT marsql.full(ARRAY[2], 1::bigint, 'foo')::text$$);
SELECT try_sql($$SELECT marsql.full(ARRAY[-1], 1::bigint, 'int8')::text$$);

-- arange took double precision bounds only: arange(2^53+1, 2^53+3, 1,
-- 'int64') gave four copies of 2^53.  The bigint form is exact for int64.
SELECT arange(9007199254740993, 9007199254740996, 1, 'int64') AS beyond_2_53,
	arange(9223372036854775806, 9223372036854775807, 1, 'int64') AS at_max,
	arange(-9223372036854775808, 9223372036854775807, 4611686018427387904, 'int64') AS full_range;
SELECT arange(9007199254740996, 9007199254740993, -1, 'int64') AS down,
	arange(9007199254740996, 9007199254740993, 1, 'int64') AS empty,
	arange(0, 10, 3, 'int64') AS small, arange(0, 5) AS float64_default,
	arange(0::bigint, 3::bigint) AS bigint_float64;
SELECT try_sql($$SELECT marsql.arange(9007199254740993, 9007199254740996, 0, 'int64')::text$$);
SELECT try_sql($$SELECT marsql.arange(9007199254740993, 9007199254740996, 1, 'int8')::text$$);
SELECT try_sql($$SELECT marsql.arange(-9223372036854775808, 9223372036854775807, 1, 'int64')::text$$);

-- select's default and chunked_full's fill took double precision only, so
-- an integer beyond 2^53 rounded; their bigint forms are exact for integer
-- dtypes and refuse what does not fit (22003), as numpy 2's OverflowError
SELECT "select"(ARRAY['bool:[true,false]'::tensor], ARRAY['int64:[1,2]'::tensor], 9007199254740993::bigint) AS exact_default,
	   "select"(ARRAY['bool:[true,false]'::tensor], ARRAY['int8:[1,2]'::tensor], 5::bigint) AS weak_int8,
	   "select"(ARRAY['bool:[true,false]'::tensor], ARRAY['[1.5,2]'::tensor], 3::bigint) AS float_choices,
	   "select"(ARRAY['bool:[true,false]'::tensor], ARRAY['bool:[true,true]'::tensor], 7::bigint) AS bool_choices;
SELECT try_sql($$SELECT marsql."select"(ARRAY['bool:[true,false]'::tensor], ARRAY['int8:[1,2]'::tensor], 300::bigint)::text$$);
SELECT try_sql($$SELECT marsql."select"(ARRAY['bool:[true,false]'::tensor], ARRAY['uint8:[1,2]'::tensor], -1::bigint)::text$$);
SELECT to_tensor(chunked_full('{3}', 9007199254740993::bigint, dtype => 'int64')) AS chunked_exact,
	   to_tensor(chunked_full('{2}', -128::bigint, tile => '{1}', dtype => 'int8')) AS int8_min,
	   to_tensor(chunked_full('{2}', 7::bigint, dtype => 'float32')) AS float32,
	   to_tensor(chunked_full('{2}', 2::bigint, dtype => 'bool')) AS bool,
	   to_tensor(chunked_full('{2}', 9007199254740993::bigint)) AS float64_default;
SELECT try_sql($$SELECT marsql.chunked_full('{3}', 300::bigint, dtype => 'int8')::text$$);
SELECT try_sql($$SELECT marsql.chunked_full('{3}', -1::bigint, dtype => 'uint8')::text$$);
SELECT chunked_full('{3}', NULL::bigint, dtype => 'int64') IS NULL AS null_fill;

-- unnest, rows, elements and matrix_cells return double precision values:
-- an int64 element beyond 2^53 came back as another integer; such a tensor
-- is now refused (22003) before its first row, and 2^53 itself still reads
SELECT * FROM unnest('int64:[1, 9007199254740992, -9007199254740992]'::tensor);
SELECT try_sql($$SELECT count(*) FROM marsql.unnest('int64:[1, 9007199254740993]'::tensor)$$);
SELECT try_sql($$SELECT count(*) FROM marsql.rows('int64:[[1, -9007199254740993]]'::tensor)$$);
SELECT try_sql($$SELECT count(*) FROM marsql.elements('int64:[[9223372036854775807]]'::tensor)$$);
SELECT try_sql($$SELECT count(*) FROM marsql.matrix_cells('int64:[[1], [-9223372036854775808]]'::tensor)$$);
SELECT 'int64:[9007199254740993]'::tensor::bigint[] AS exact_instead;

-- complex multiply, divide and power follow numpy, not C99's Annex G
-- (which turned some NaN results from infinite parts back into infinities)
SELECT 'complex128:[inf+infj, inf+0j, nan+1j, 1+1j, 1e300+1e300j]'::tensor
		 * 'complex128:[1+0j, 0+1j, 1+0j, 0j, 1e300+1e300j]'::tensor AS mul,
	   'complex128:[inf+infj, inf+0j, nan+1j, 1+1j, 1e300+1e300j]'::tensor
		 / 'complex128:[1+0j, 0+1j, 1+0j, 0j, 1e300+1e300j]'::tensor AS div,
	   'complex64:[inf+infj, 1+2j]'::tensor * 'complex64:[1+0j, 3-1j]'::tensor AS mul64;
SELECT e AS exponent, power('complex128:[inf+infj, inf+0j, nan+1j, 1+1j, 1e300+1e300j]'::tensor, e) AS power
FROM unnest(ARRAY[1, 2, 3, 4, -1, 0]) AS e;

-- select's default takes numpy's scalar kind from its SQL type: an integer
-- (the default 0 included) is a weak int, a double precision a weak float
-- even when whole (2.0 gave int8 and 300.0 was 22003 with int8 choices)
SELECT "select"(ARRAY['bool:[false,true]'::tensor], ARRAY['int8:[1,2]'::tensor]) AS omitted_int8,
	   "select"(ARRAY['bool:[false,true]'::tensor], ARRAY['int8:[1,2]'::tensor], 2) AS integer_int8,
	   "select"(ARRAY['bool:[false,true]'::tensor], ARRAY['int8:[1,2]'::tensor], 2::smallint) AS smallint_int8,
	   "select"(ARRAY['bool:[false,true]'::tensor], ARRAY['int8:[1,2]'::tensor], 2.0) AS whole_float_float64,
	   "select"(ARRAY['bool:[false,true]'::tensor], ARRAY['int8:[1,2]'::tensor], 300::float8) AS float_300,
	   "select"(ARRAY['bool:[false,true]'::tensor], ARRAY['float32:[1,2]'::tensor], 3) AS float32_stays;
SELECT try_sql($$SELECT marsql."select"(ARRAY['bool:[false]'::marsql.tensor], ARRAY['float16:[1]'::marsql.tensor], 65520::bigint)::text$$);
-- a shape error is reported before an int64 value that does not fit a double
SELECT try_sql($$SELECT count(*) FROM marsql.rows('int64:9007199254740993'::marsql.tensor)$$);
