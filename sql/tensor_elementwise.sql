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
