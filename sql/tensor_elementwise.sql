-- Elementwise operators and functions: broadcasting, dtype promotion,
-- empty and 0-d operands, IEEE results, and every error.
SET search_path = marsql, public;

-- the four operators and power, tensor with tensor
SELECT '[1,2,3]'::tensor + '[10,20,30]'::tensor AS add, '[1,2,3]'::tensor - '[3,2,1]'::tensor AS sub,
	   '[1,2,3]'::tensor * '[2,2,2]'::tensor AS mul, '[1,2,3]'::tensor / '[2,4,8]'::tensor AS div,
	   '[1,2,3]'::tensor ^ '[2,2,0.5]'::tensor AS pow;
-- with scalars on either side
SELECT '[1,2]'::tensor + 1 AS t_plus_s, 10 - '[1,2]'::tensor AS s_minus_t, 2 * '[1,2]'::tensor AS s_times_t,
	   '[1,2]'::tensor / 4 AS t_div_s, 1 / '[1,2]'::tensor AS s_div_t, 2 ^ '[0,1,2]'::tensor AS s_pow_t,
	   - '[[1,-2]]'::tensor AS neg;

-- broadcasting: trailing alignment, extents of 1, scalars and 0-d tensors
SELECT shape('[1,2,3]'::tensor + '[[10],[20]]'::tensor) AS row_col, '[1,2,3]'::tensor + '[[10],[20]]'::tensor AS v;
SELECT shape(zeros('{3,1,4}') + zeros('{2,4}')) AS s3_1_4_with_2_4;
SELECT shape(zeros('{5,1,1}') * zeros('{1,6,1}') * zeros('{7}')) AS three_ways;
SELECT '7'::tensor + '[1,2]'::tensor AS zero_d_left, '[[1],[2]]'::tensor * '3'::tensor AS zero_d_right,
	   '2'::tensor * '3'::tensor AS zero_d_both, shape('2'::tensor * '3'::tensor) AS zero_d_shape;
-- empty operands broadcast to empty results
SELECT '[]'::tensor + 1 AS empty_plus_scalar, shape(zeros('{0,3}') + zeros('{3}')) AS empty_rows,
	   shape(zeros('{0,3}') + zeros('{1,3}')) AS empty_with_one, shape(zeros('{2,0}') * zeros('{2,1}')) AS empty_cols;
SELECT try_sql($$SELECT '[1,2,3]'::marsql.tensor + '[1,2]'::marsql.tensor$$);
SELECT try_sql($$SELECT marsql.zeros('{2,3}') * marsql.zeros('{3,2}')$$);
SELECT try_sql($$SELECT marsql.zeros('{0}') + marsql.zeros('{2}')$$);

-- dtype promotion as numpy: float32 op float32 stays float32, float64 wins,
-- and a scalar takes the tensor's dtype
SELECT dtype('float32:[1]'::tensor + 'float32:[1]'::tensor) AS f32_f32,
	   dtype('float32:[1]'::tensor + '[1]'::tensor) AS f32_f64,
	   dtype('[1]'::tensor * 'float32:[1]'::tensor) AS f64_f32,
	   dtype('float32:[1]'::tensor * 2.5) AS f32_scalar,
	   dtype(3 - 'float32:[1]'::tensor) AS scalar_f32,
	   dtype(- 'float32:[1]'::tensor) AS neg_f32, dtype(sqrt('float32:[4]'::tensor)) AS sqrt_f32;
-- float32 arithmetic rounds to float32, as numpy does
SELECT 'float32:[0.1]'::tensor + 'float32:[0.2]'::tensor AS f32_sum, '[0.1]'::tensor + '[0.2]'::tensor AS f64_sum;
-- a scalar too large for float32 becomes infinity, as a numpy cast does
SELECT 'float32:[1]'::tensor * 1e300 AS overflow_to_inf;

-- IEEE results, not errors
SELECT '[1,-1,0]'::tensor / 0 AS div_by_zero, sqrt('[-1]'::tensor) AS sqrt_neg, log('[0,-1]'::tensor) AS log_edge,
	   '[1e308]'::tensor * 10 AS overflow, 'NaN'::tensor + 1 AS nan_plus;

-- unary functions
SELECT abs('[-1.5,0,2]'::tensor) AS abs, sqrt('[0,4,2.25]'::tensor) AS sqrt, exp('[0,1]'::tensor) AS exp,
	   log('[1,2.718281828459045]'::tensor) AS log, log1p('[0,1e-20]'::tensor) AS log1p,
	   expm1('[0,1e-20]'::tensor) AS expm1;
SELECT near(sin('[0,1.5707963267948966]'::tensor)) AS sin, near(cos('[0,3.141592653589793]'::tensor)) AS cos,
	   near(tan('[0,0.7853981633974483]'::tensor)) AS tan, tanh('[0,1000,-1000]'::tensor) AS tanh,
	   sigmoid('[0,1000,-1000]'::tensor) AS sigmoid, relu('[-1,0,2,NaN]'::tensor) AS relu;
SELECT floor('[-1.5,1.5]'::tensor) AS floor, ceil('[-1.5,1.5]'::tensor) AS ceil, sign('[-3,0,2,NaN]'::tensor) AS sign,
	   square('[-3,0.5]'::tensor) AS square, round('[0.5,1.5,2.5,-0.5,1.25]'::tensor) AS round_half_even,
	   round('[1.2345,123.45]'::tensor, 1) AS round_1, round('[1234.5]'::tensor, -2) AS round_minus2;
SELECT power('[2,3]'::tensor, '[3]'::tensor) AS power_tt, power('[2,3]'::tensor, 2) AS power_ts,
	   pow('[4]'::tensor, 0.5) AS pow_ts, pow('[[2],[3]]'::tensor, '[1,2]'::tensor) AS pow_broadcast;
SELECT try_sql($$SELECT marsql.round('[1]'::marsql.tensor, 400)$$);

-- maximum / minimum propagate NaN as numpy
SELECT maximum('[1,5,NaN]'::tensor, '[3,2,1]'::tensor) AS maximum, minimum('[1,5,NaN]'::tensor, '[3,2,1]'::tensor) AS minimum,
	   maximum('[1,5]'::tensor, 2) AS maximum_scalar, minimum('[[1],[5]]'::tensor, '[0,9]'::tensor) AS minimum_broadcast;

-- clip: NULL bound means none
SELECT clip('[-5,0,5,NaN]', -1, 1) AS clip, clip('[-5,5]', NULL, 1) AS no_lower, clip('[-5,5]', 0, NULL) AS no_upper,
	   clip('[-5,5]', NULL, NULL) AS none, clip(NULL, 0, 1) AS null_tensor, dtype(clip('float32:[2]', 0, 1)) AS keeps_f32;
SELECT try_sql($$SELECT marsql.clip('[1]', 'NaN', 1)$$);

-- where: nonzero and NaN pick x, all three broadcast, float64 wins
SELECT "where"('[1,0,NaN,-2]', '[1,2,3,4]', '[-1,-2,-3,-4]') AS picked,
	   "where"('[[1],[0]]', '[1,2]', '0') AS broadcast,
	   dtype("where"('[1]', 'float32:[1]', 'float32:[2]')) AS f32, dtype("where"('[1]', 'float32:[1]', '[2]')) AS f64;
SELECT try_sql($$SELECT marsql."where"('[1,0]', '[1,2,3]', '[0]')$$);
SELECT try_sql($$SELECT marsql."where"('[1,0,1]', '[1,2]', '[0]')$$);

-- elementwise results are ordinary values: stored, compared, NULL-strict
SELECT ('[1,2]'::tensor + NULL::float8) IS NULL AS strict_null, ('[1,2]'::tensor * 2) = '[2,4]'::tensor AS equal;

-- ---- every dtype (issue 21): numpy's loops and promotion ----
-- integers stay integers and wrap (two's complement), as numpy
SELECT 'int8:[100,-100,127]'::tensor + 'int8:[100,-100,1]'::tensor AS int8_wrap,
	   'int16:[300]'::tensor * 'int16:[300]'::tensor AS int16_wrap,
	   'int64:[4611686018427387904]'::tensor * 'int64:[2]'::tensor AS int64_wrap,
	   'uint8:[0]'::tensor - 'uint8:[1]'::tensor AS uint8_wrap;
-- promotion of two tensors: numpy.promote_types
SELECT dtype('int8:[1]'::tensor + 'uint8:[1]'::tensor) AS i8_u8, dtype('int16:[1]'::tensor + 'float16:[1]'::tensor) AS i16_f16,
	   dtype('int64:[1]'::tensor + 'float32:[1]'::tensor) AS i64_f32, dtype('int32:[1]'::tensor * astype('[1]', 'bool')) AS i32_bool,
	   dtype('float32:[1]'::tensor + astype('[1]', 'complex64')) AS f32_c64, dtype('[1]'::tensor + astype('[1]', 'complex64')) AS f64_c64;
-- integer scalars are weak (NEP 50): the tensor's integer dtype is kept, on either side
SELECT 'int8:[1,2]'::tensor + 2 AS t_plus_int, 2 * 'int8:[1,2]'::tensor AS int_times_t, 'int16:[1,2]'::tensor - 5::bigint AS t_minus_bigint,
	   dtype(astype('[1,0]', 'bool') + 1) AS bool_plus_int, dtype('float16:[1]'::tensor + 1) AS f16_plus_int,
	   dtype('int8:[1]'::tensor + 1.5) AS int_plus_float, dtype('int8:[1]'::tensor * 2.0) AS int_times_float;
-- an integer scalar that does not fit the tensor's dtype: numpy 2's OverflowError
SELECT try_sql($$SELECT 'int8:[1]'::marsql.tensor + 128$$);
SELECT try_sql($$SELECT 'uint8:[1]'::marsql.tensor * -1$$);
SELECT try_sql($$SELECT 300::bigint - 'int8:[1]'::marsql.tensor$$);
-- / is true division: integers and bools give float64, float16 stays float16
SELECT 'int32:[7,-7,1]'::tensor / 'int32:[2,2,0]'::tensor AS int_div, dtype('int8:[1]'::tensor / 'int8:[2]'::tensor) AS int8_div,
	   dtype(astype('[1]', 'bool') / astype('[1]', 'bool')) AS bool_div, 'float16:[1]'::tensor / 3 AS f16_div;
-- floor_divide // and remainder %: sign of the divisor; integer division by zero gives 0 (numpy, with a warning there)
SELECT 'int32:[7,-7,7,-7,5,-128]'::tensor // 'int32:[2,2,-2,-2,0,-1]'::tensor AS int_floordiv,
	   'int32:[7,-7,7,-7,5,-128]'::tensor % 'int32:[2,2,-2,-2,0,-1]'::tensor AS int_mod,
	   'int8:[-128]'::tensor // -1 AS int8_min_wraps;
SELECT '[7.5,-7.5,1,0,-1]'::tensor // '[2,2,0,0,0]'::tensor AS float_floordiv, '[7.5,-7.5,5,-5,1]'::tensor % '[2,2,-3,3,0]'::tensor AS float_mod,
	   7 % 'int16:[3,-3]'::tensor AS int_mod_t, floor_divide('[7]'::tensor, 2) AS floor_divide_fn, remainder('int8:[7]'::tensor, 4) AS remainder_fn,
	   mod('int8:[-7]'::tensor, 4) AS mod_fn, dtype(astype('[1]', 'bool') // astype('[1]', 'bool')) AS bool_floordiv;
-- power: integers stay integers (wrapping); a negative integer exponent is an error, as numpy
SELECT 'int16:[2,3,-2]'::tensor ^ 3 AS int_pow, 'int8:[2]'::tensor ^ 'int8:[7]'::tensor AS int8_pow_wraps,
	   power('int32:[2]'::tensor, 0) AS pow_zero, dtype(astype('[1]', 'bool') ^ astype('[1]', 'bool')) AS bool_pow,
	   'int8:[2]'::tensor ^ 0.5 AS int_pow_float;
SELECT try_sql($$SELECT 'int16:[2,3]'::marsql.tensor ^ -1$$);
SELECT try_sql($$SELECT marsql.power('int32:[2,3]'::marsql.tensor, 'int32:[1,-1]'::marsql.tensor)$$);
-- bool: + is or, * is and, maximum/minimum too; - is refused as numpy
SELECT astype('[1,0,0]', 'bool') + astype('[1,1,0]', 'bool') AS bool_add, astype('[1,0,0]', 'bool') * astype('[1,1,0]', 'bool') AS bool_mul,
	   maximum(astype('[1,0]', 'bool'), astype('[0,0]', 'bool')) AS bool_max;
SELECT try_sql($$SELECT marsql.astype('[1]', 'bool') - marsql.astype('[1]', 'bool')$$);
SELECT try_sql($$SELECT - marsql.astype('[1]', 'bool')$$);
SELECT try_sql($$SELECT marsql.sign(marsql.astype('[1]', 'bool'))$$);
-- float16 computes in float32 and stores float16 (overflow to infinity)
SELECT 'float16:[0.1]'::tensor + 'float16:[0.2]'::tensor AS f16_sum, 'float16:[60000]'::tensor * 2 AS f16_overflow,
	   dtype('float16:[1]'::tensor * 2.5) AS f16_scalar;
-- complex: + - * / power, negation, abs (the real dtype), sqrt, exp, log
SELECT astype('[1,2]', 'complex128') * sqrt(astype('[-4]', 'complex128')) AS c_times_2j,
	   abs(astype('[3]', 'complex128') + sqrt(astype('[-16]', 'complex128'))) AS c_abs, dtype(abs(astype('[1]', 'complex64'))) AS c64_abs,
	   - sqrt(astype('[-1]', 'complex64')) AS c_neg, astype('[1]', 'complex128') / sqrt(astype('[-1]', 'complex128')) AS c_div,
	   sqrt(astype('[-1]', 'complex128')) ^ 2 AS c_pow, exp(astype('[0]', 'complex128')) AS c_exp, log(astype('[1]', 'complex128')) AS c_log;
SELECT try_sql($$SELECT marsql.floor(marsql.astype('[1]', 'complex128'))$$);
SELECT try_sql($$SELECT marsql.sin(marsql.astype('[1]', 'complex64'))$$);
SELECT try_sql($$SELECT marsql.astype('[1]', 'complex128') // 2$$);
SELECT try_sql($$SELECT marsql.clip(marsql.astype('[1]', 'complex128'), 0, 1)$$);
SELECT try_sql($$SELECT marsql.round(marsql.astype('[1]', 'complex128'))$$);
-- unary: float-only functions of integers give numpy's inexact dtype (int8 -> float16, int16 -> float32, int32/64 -> float64)
SELECT sqrt('int8:[4,9]'::tensor) AS sqrt_int8, dtype(sqrt('int8:[4]'::tensor)) AS d_int8, dtype(exp('int16:[1]'::tensor)) AS d_int16,
	   dtype(log('int32:[1]'::tensor)) AS d_int32, dtype(sin(astype('[1]', 'bool'))) AS d_bool, dtype(sqrt('uint8:[4]'::tensor)) AS d_uint8,
	   floor('int32:[3]'::tensor) AS floor_int, dtype(ceil('int8:[3]'::tensor)) AS ceil_int8;
-- abs, neg, sign, square, relu keep integers (wrapping at the minimum, as numpy)
SELECT abs('int8:[-128,-5,5]'::tensor) AS abs_int8, - 'int8:[-128,5]'::tensor AS neg_int8, - 'uint8:[1]'::tensor AS neg_uint8,
	   sign('int16:[-5,0,5]'::tensor) AS sign_int, square('int8:[12]'::tensor) AS square_wraps, relu('int32:[-3,4]'::tensor) AS relu_int,
	   abs(astype('[1,0]', 'bool')) AS abs_bool, square(astype('[1,0]', 'bool')) AS square_bool;
-- maximum/minimum with integers and integer scalars
SELECT maximum('int8:[1,5]'::tensor, 'int8:[3,2]'::tensor) AS max_int, minimum('int16:[1,5]'::tensor, 3) AS min_int_scalar,
	   maximum('int8:[1,5]'::tensor, 2.5) AS max_float_scalar;
-- clip: integer bounds keep an integer dtype, fractional bounds give float64; round keeps integers
SELECT clip('int8:[1,5,9]'::tensor, 2, 6) AS clip_int, clip('int8:[1,5,9]'::tensor, 2.5, 6) AS clip_frac,
	   clip('int16:[1,5,9]'::tensor, NULL, 4) AS clip_upper, clip('float16:[0.5,2]'::tensor, 0, 1) AS clip_f16,
	   round('int32:[1250,1350,-1250,17]'::tensor, -2) AS round_int, round('int8:[7]'::tensor, 2) AS round_int_pos,
	   round(astype('[1,0]', 'bool')) AS round_bool;
SELECT try_sql($$SELECT marsql.clip('int8:[1]'::marsql.tensor, 0, 1000)$$);
-- where: the condition may be bool or any dtype; x and y promote
SELECT "where"(astype('[1,0]', 'bool'), 'int8:[1,2]'::tensor, 'int16:[5,6]'::tensor) AS where_bool,
	   "where"('int32:[0,3]'::tensor, 'float32:[1,2]'::tensor, 'float32:[5,6]'::tensor) AS where_int_cond,
	   "where"(greater('[1,5,3]'::tensor, 2), '[1,5,3]'::tensor, '0'::tensor) AS where_mask;
-- sparse tensors keep their path with integer scalars
SELECT sparse('[[0,2],[0,0]]'::tensor) * 3 AS sparse_times_int, sparse('[[0,2],[0,0]]'::tensor) + 1 AS sparse_plus_int;

-- more of numpy's functions: inverse trigonometric and hyperbolic, exp2/log2/log10, cbrt, rint, trunc,
-- degrees/radians, positive; float-only ones give numpy's float dtype for integers
SELECT near(arcsin('[0.5,2]'::tensor)) AS arcsin, near(acos('[1]'::tensor)) AS acos, near(arctan('[1]'::tensor)) AS arctan,
	   near(sinh('[0]'::tensor)) AS sinh, near(cosh('[0]'::tensor)) AS cosh, near(arcsinh('[0]'::tensor)) AS arcsinh,
	   arccosh('[0.5]'::tensor) AS arccosh_nan, arctanh('[1,-1]'::tensor) AS arctanh_inf;
SELECT exp2('int8:[3]'::tensor) AS exp2_int8, log2('[8]'::tensor) AS log2, log10('[1000]'::tensor) AS log10, near(cbrt('[-27]'::tensor)) AS cbrt,
	   rint('[0.5,1.5,-2.5]'::tensor) AS rint, trunc('[-1.7,1.7]'::tensor) AS trunc, dtype(trunc('int32:[1]'::tensor)) AS trunc_int32,
	   degrees('[3.141592653589793]'::tensor) AS degrees, near(deg2rad('[180]'::tensor)) AS deg2rad, positive('int8:[-3]'::tensor) AS positive;
SELECT try_sql($$SELECT marsql.positive(marsql.astype('[1]', 'bool'))$$);
SELECT try_sql($$SELECT marsql.arcsin(marsql.astype('[1]', 'complex64'))$$);
-- fmod (sign of the dividend), fmax/fmin (NaN ignored), arctan2, hypot, copysign, logaddexp
SELECT fmod('int32:[-7,7,5]'::tensor, 'int32:[2,-2,0]'::tensor) AS fmod_int, fmod('[-7.5,7.5]'::tensor, 2) AS fmod_float,
	   fmax('[NaN,1,NaN]'::tensor, '[2,NaN,NaN]'::tensor) AS fmax, fmin('int8:[1,5]'::tensor, 3) AS fmin_int,
	   near(atan2('[1,-1]'::tensor, '[-1,-1]'::tensor)) AS atan2, hypot('[3]'::tensor, 4) AS hypot,
	   copysign('[1,2]'::tensor, '[-0.0,-1]'::tensor) AS copysign, logaddexp('[1000]'::tensor, 1000) AS logaddexp_large,
	   logaddexp2('[3]'::tensor, 3) AS logaddexp2, dtype(arctan2('int8:[1]'::tensor, 'uint8:[1]'::tensor)) AS arctan2_int8_uint8;
SELECT try_sql($$SELECT marsql.hypot(marsql.astype('[1]', 'complex128'), 1)$$);
-- signbit, isneginf, isposinf
SELECT signbit('[-0.0,0,-1,NaN]'::tensor) AS signbit, signbit('int8:[-1,1]'::tensor) AS signbit_int,
	   isneginf('[-Infinity,Infinity,1]'::tensor) AS isneginf, isposinf('[-Infinity,Infinity,1]'::tensor) AS isposinf;
