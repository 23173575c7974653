-- Elementwise comparisons and logic (numpy's equal, less, logical_and,
-- isnan, isclose, array_equal, ...): bool tensors with broadcasting and
-- promotion, every dtype, scalars on either side, and every error.
SET search_path = marsql, public;

-- the six comparisons, tensor with tensor, broadcasting
SELECT equal('[1,2,3]'::tensor, '[1,0,3]'::tensor) AS eq, not_equal('[1,2,3]'::tensor, '[1,0,3]'::tensor) AS ne,
	   less('[1,5]'::tensor, '[2,1]'::tensor) AS lt, less_equal('[1,5]'::tensor, '[1,1]'::tensor) AS le,
	   greater('[1,5]'::tensor, '[2,1]'::tensor) AS gt, greater_equal('[1,5]'::tensor, '[1,6]'::tensor) AS ge;
SELECT less('[[1],[5]]'::tensor, '[2,4,6]'::tensor) AS broadcast, shape(less(zeros('{3,1,4}'), zeros('{2,4}'))) AS shape3;
-- NaN is unequal to everything, itself included; -0 equals 0
SELECT equal('[NaN,0,-0]'::tensor, '[NaN,-0,0]'::tensor) AS eq_nan, not_equal('[NaN]'::tensor, '[NaN]'::tensor) AS ne_nan,
	   less('[NaN,1]'::tensor, '[1,NaN]'::tensor) AS lt_nan, greater_equal('[NaN]'::tensor, 'NaN'::tensor) AS ge_nan;
-- scalars on either side: double precision, integer, bigint
SELECT less('[1,2,3]'::tensor, 2.5) AS t_lt_float, greater(2, '[1,2,3]'::tensor) AS int_gt_t,
	   equal('int64:[1,2]'::tensor, 2::bigint) AS t_eq_bigint, less_equal(1.5, 'int8:[1,2]'::tensor) AS float_le_t;
-- promotion: mixed dtypes compare as numpy does
SELECT equal('int8:[1,-1]'::tensor, 'uint8:[1,255]'::tensor) AS i8_u8, less('int32:[1]'::tensor, 'float32:[1.5]'::tensor) AS i32_f32,
	   equal('float32:[0.1]'::tensor, 0.1) AS f32_scalar_rounds, equal('float32:[0.1]'::tensor, '[0.1]'::tensor) AS f32_f64_differs,
	   equal(astype('[1,0]', 'bool'), '[1,0]'::tensor) AS bool_f64;
-- an integer scalar outside an integer tensor's range still compares exactly
SELECT greater('int8:[1,127]'::tensor, 1000) AS gt_big, less('uint8:[0,255]'::tensor, -1) AS lt_negative,
	   not_equal('int8:[1]'::tensor, 300) AS ne_big, dtype(equal('int8:[1]'::tensor, 1)) AS dtype;
-- complex: == compares both parts, the orderings are lexicographic as numpy
SELECT equal(astype('[1,2]', 'complex128'), '[1,3]'::tensor) AS c_eq,
	   less(astype('[1,1]', 'complex128') + sqrt(astype('[-1,-4]', 'complex128')), astype('[1,1]', 'complex128') + sqrt(astype('[-4,-1]', 'complex128'))) AS c_lt;
-- float16 compares exactly (widened to float32)
SELECT less('float16:[0.1,2]'::tensor, 'float16:[0.2,1]'::tensor) AS f16, equal('float16:[0.1]'::tensor, 0.1) AS f16_scalar;
-- empty and 0-d
SELECT less(zeros('{0,3}'), zeros('{3}')) AS empty, shape(less(zeros('{0,3}'), zeros('{3}'))) AS empty_shape,
	   less('1'::tensor, '2'::tensor) AS zero_d, shape(less('1'::tensor, '2'::tensor)) AS zero_d_shape;
SELECT try_sql($$SELECT marsql.less('[1,2,3]'::marsql.tensor, '[1,2]'::marsql.tensor)$$);

-- logic: nonzero (NaN included) is true, any dtype, broadcasting
SELECT logical_and('[1,0,NaN,2]'::tensor, 'int8:[1,1,1,0]'::tensor) AS "and", logical_or('[0,0,1]'::tensor, '[0,1,0]'::tensor) AS "or",
	   logical_xor('[1,1,0]'::tensor, '[[1],[0]]'::tensor) AS xor_broadcast, logical_not('[0,1,NaN,-0]'::tensor) AS "not",
	   logical_not(astype('[1,0]', 'complex128')) AS not_complex;
-- masks combine with where
SELECT "where"(logical_and(greater('[1,5,3,8]'::tensor, 2), less('[1,5,3,8]'::tensor, 6)), '[1,5,3,8]'::tensor, '-1'::tensor) AS band;

-- isnan, isinf, isfinite: integers and bools are all finite
SELECT isnan('[1,NaN,Infinity]'::tensor) AS isnan, isinf('[1,NaN,-Infinity]'::tensor) AS isinf,
	   isfinite('[1,NaN,Infinity]'::tensor) AS isfinite, isnan('int8:[1,2]'::tensor) AS isnan_int,
	   isfinite('int64:[1]'::tensor) AS isfinite_int, isinf('float16:[60000]'::tensor * 2) AS isinf_f16,
	   isnan(sqrt(astype('[-1]', 'float32'))) AS isnan_f32, isfinite(astype('[1]', 'complex64')) AS isfinite_c;

-- isclose: numpy's defaults, equal_nan, infinities, float32, broadcasting
SELECT isclose('[1e10,1e-7]'::tensor, '[1.00001e10,1e-8]'::tensor) AS doc1, isclose('[1e10,1e-8]'::tensor, '[1.00001e10,1e-9]'::tensor) AS doc2,
	   isclose('[1,NaN]'::tensor, '[1,NaN]'::tensor) AS nan_default, isclose('[1,NaN]'::tensor, '[1,NaN]'::tensor, equal_nan => true) AS nan_equal,
	   isclose('[1e-8,1e-7]'::tensor, '[0,0]'::tensor) AS near_zero, isclose('[1e-100,1e-7]'::tensor, '[0,0]'::tensor, atol => 0.0) AS atol_zero;
SELECT isclose('[Infinity,-Infinity,Infinity]'::tensor, '[Infinity,-Infinity,1e308]'::tensor) AS infinities,
	   isclose('float32:[1,1.00001]'::tensor, 'float32:[1]'::tensor) AS f32, isclose('int8:[1,2]'::tensor, '[1.000001]'::tensor) AS int_float,
	   isclose('[[1],[2]]'::tensor, '[1,2]'::tensor) AS broadcast;
SELECT try_sql($$SELECT marsql.isclose('[1]'::marsql.tensor, '[1]'::marsql.tensor, -1)$$);
SELECT try_sql($$SELECT marsql.isclose('[1]'::marsql.tensor, '[1]'::marsql.tensor, 1e-5, 'NaN')$$);
SELECT try_sql($$SELECT marsql.isclose(marsql.astype('[1]', 'complex128'), '[1]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.isclose('[1,2]'::marsql.tensor, '[1,2,3]'::marsql.tensor)$$);

-- array_equal: same shape (no broadcasting) and equal elements
SELECT array_equal('[1,2]'::tensor, '[1,2]'::tensor) AS same, array_equal('[1,2]'::tensor, '[1,3]'::tensor) AS differ,
	   array_equal('[1,2]'::tensor, '[[1,2]]'::tensor) AS shapes_differ, array_equal('[1,2]'::tensor, '[1,2,3]'::tensor) AS lengths_differ,
	   array_equal('[1,NaN]'::tensor, '[1,NaN]'::tensor) AS nan_default, array_equal('[1,NaN]'::tensor, '[1,NaN]'::tensor, true) AS nan_equal,
	   array_equal('int8:[1,2]'::tensor, '[1,2]'::tensor) AS across_dtypes, array_equal(zeros('{0}'), zeros('{0}')) AS empty,
	   array_equal('[1]'::tensor, '1'::tensor) AS one_vs_zero_d;

-- array_equiv: equal after broadcasting; shapes that do not broadcast are not equivalent
SELECT array_equiv('[1,2]'::tensor, '[[1,2],[1,2]]'::tensor) AS broadcast_equal, array_equiv('[1,2]'::tensor, '[[1,2],[1,3]]'::tensor) AS differ,
	   array_equiv('[1,2]'::tensor, '[1,2,3]'::tensor) AS no_broadcast, array_equiv('int8:[3]'::tensor, '3'::tensor) AS zero_d;

-- the SQL operators stay whole-value orderings (btree, GROUP BY, ORDER BY):
-- one boolean, not a mask; the functions above are numpy's elementwise forms
SELECT '[1,5]'::tensor > '[2,1]'::tensor AS operator_orders, greater('[1,5]'::tensor, '[2,1]'::tensor) AS elementwise,
	   '[1,2]'::tensor = 'int8:[1,2]'::tensor AS operator_equal, '[3]'::tensor > 2 AS one_element_vs_number;

-- STRICT: NULL in, NULL out
SELECT less(NULL::tensor, '[1]'::tensor) IS NULL AS strict_less, isnan(NULL::tensor) IS NULL AS strict_isnan,
	   array_equal('[1]'::tensor, NULL) IS NULL AS strict_array_equal;

-- a one-element tensor of any real dtype is a number (casts, t OP number); complex is refused
SELECT 'int8:[5]'::tensor::float8 AS int8_float8, 'int32:[123456789]'::tensor::numeric AS int32_numeric,
	   'float16:[0.1]'::tensor::real AS f16_real, astype('[1]', 'bool')::numeric AS bool_numeric,
	   'int8:[5]'::tensor > 4 AS int8_gt, 3 < 'uint8:[4]'::tensor AS lt_uint8;
SELECT try_sql($$SELECT marsql.astype('[1]', 'complex64')::float8$$);
SELECT try_sql($$SELECT marsql.astype('[1]', 'complex128') > 0$$);

-- the elementwise loops are built twice (portable, and AVX2 where the CPU
-- has it: marsql.simd = auto); both give the same results for every dtype,
-- on values with NaN, -0.0, infinities and integer wraparound
CREATE TEMP TABLE simd_in AS
SELECT dt, astype(concatenate(ARRAY[CASE WHEN dt IN ('float16', 'float32', 'float64', 'complex64', 'complex128')
									  THEN '[0,-0.0,1,-1,2.5,-7,100,60000,-60000,Infinity,-Infinity,NaN,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]'::tensor
									  ELSE '[0,0,1,1,2,0,100,127,1,0,1,1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]'::tensor END,
									 clip("abs"(round(random('{67}', 3, 'normal') * 40)), 0, 100)]), dt) AS a,
	   astype(concatenate(ARRAY[CASE WHEN dt IN ('float16', 'float32', 'float64', 'complex64', 'complex128')
									  THEN '[1,0,-0.0,-1,2.5,7,-100,NaN,60000,Infinity,Infinity,1,3,-4,5,-6,7,-8,9,-10,11,-12,13,-14,15,-16,17,-18,19,-20,21,-22,23,-24,25]'::tensor
									  ELSE '[1,0,0,1,2,7,100,127,1,1,1,1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]'::tensor END,
									 clip("abs"(round(random('{67}', 4, 'normal') * 40)), 0, 100)]), dt) AS b
FROM unnest(ARRAY['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'float16', 'float32', 'float64', 'complex64', 'complex128']) AS dt;
CREATE TEMP VIEW simd_out AS
SELECT dt, less(a, b) AS lt, equal(a, b) AS eq, greater_equal(a, 2.5) AS ge_scalar, logical_and(a, b) AS l_and,
	   CASE WHEN dt <> 'bool' THEN a + b END AS sum, a * b AS prod, maximum(a, b) AS max,
	   isnan(a) AS nan, CASE WHEN dt <> 'bool' THEN -a END AS neg, "abs"(a) AS mag
FROM simd_in;
CREATE TEMP TABLE simd_auto AS SELECT * FROM simd_out;
SET marsql.simd = scalar;
SELECT count(*) AS dtypes,
	   bool_and(array_equal(s.lt, v.lt) AND array_equal(s.eq, v.eq) AND array_equal(s.ge_scalar, v.ge_scalar)
				AND array_equal(s.l_and, v.l_and) AND array_equal(s.nan, v.nan)) AS same_masks,
	   bool_and(coalesce(array_equal(s.sum, v.sum, equal_nan => true), true)
				AND array_equal(s.prod, v.prod, equal_nan => true) AND array_equal(s.max, v.max, equal_nan => true)
				AND coalesce(array_equal(s.neg, v.neg, equal_nan => true), true)
				AND array_equal(s.mag, v.mag, equal_nan => true)) AS same_values
FROM simd_auto v JOIN simd_out s USING (dt);
RESET marsql.simd;
