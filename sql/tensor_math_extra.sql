-- numpy's extra elementwise math (075_tensor_math_extra.sql): values,
-- dtypes, broadcasting, weak scalars, edge values and every error path.
-- numpy agreement is in test/numpy/checks/bitmath.py.
SET search_path = marsql, public;

SELECT gcd('int32:[0,12,-12,7]'::tensor, 'int32:[20,18,8,0]'::tensor) AS g,
	   lcm('int32:[0,12,-12,7]'::tensor, 'int32:[20,18,8,3]'::tensor) AS l;
SELECT gcd('int8:[-128]'::tensor, 0) AS wraps, lcm('int16:[-200,100]'::tensor, 'int16:[201,3]'::tensor) AS lcm_wraps;
SELECT gcd(20, 'int64:[[0,1],[2,15]]'::tensor) AS broadcast;
SELECT reciprocal('int32:[0,1,2,-1]'::tensor) AS ints, reciprocal('bool:[true,false]'::tensor) AS bools,
	   reciprocal('float32:[2,-0.5,0]'::tensor) AS floats, reciprocal('complex128:[1+1j]'::tensor) AS z;
SELECT fabs('int8:[-3,0,5]'::tensor) AS f16, fabs('[-0.0,nan,-inf]'::tensor) AS f64;
SELECT heaviside('[-1.5,0,2,nan,-0.0]'::tensor, 0.5) AS r, heaviside('float32:[-1,0,1]'::tensor, 'float32:[0.25]'::tensor) AS f32;
SELECT heaviside('int8:[-2,0,3]'::tensor, 'int8:[1]'::tensor) AS int8_is_float16;
SELECT nan_to_num('[inf,-inf,nan,1.5]'::tensor) AS defaults,
	   nan_to_num('float16:[inf,-inf,nan]'::tensor) AS f16,
	   nan_to_num('[inf,-inf,nan]'::tensor, -9999, 33333333, 33333333) AS given;
SELECT nan_to_num('complex128:[inf+nanj,nan+0j]'::tensor) AS z, nan_to_num('int8:[1,2]'::tensor) AS ints,
	   nan_to_num('float16:[inf]'::tensor, 0, 1e10) AS overflow_to_inf;
SELECT sinc('[-2,-0.5,0,0.25,1]'::tensor) AS r, sinc('int8:[0,1]'::tensor) AS ints,
	   sinc('float16:[0,0.5]'::tensor) AS f16_zero_is_nan, sinc('complex128:[0+0j]'::tensor) AS z;
SELECT fix('[2.1,2.9,-2.1,-2.9,-0.5]'::tensor) AS r, fix('int16:[3]'::tensor) AS ints;
SELECT i0('[0,1,8,8.5,700,inf,nan]'::tensor) AS r, i0('int8:[0,1]'::tensor) AS ints, i0('float32:[1000]'::tensor) AS overflow;
SELECT * FROM divmod('int64:[0,1,2,3,4,-5]'::tensor, 3);
SELECT * FROM divmod('[7.5,-7.5,1]'::tensor, '[2,2,0]'::tensor);
SELECT * FROM divmod(7, 'int8:[2,-3]'::tensor);
SELECT * FROM modf('[0,3.5,-3.5,-0.0,inf,-inf,nan]'::tensor);
SELECT * FROM modf('int8:[1,-2]'::tensor);
SELECT * FROM frexp('[0,-0.0,1,5,-6.5,1e-310,inf,nan]'::tensor);
SELECT * FROM frexp('float16:[1,2]'::tensor);
SELECT ldexp('[1,-3,0.5,inf]'::tensor, 'int32:[1,3,-2,2]'::tensor) AS r,
	   ldexp('float32:[1.5,2]'::tensor, 3) AS f32, ldexp(5, 'int64:[0,1,2,3]'::tensor) AS weak_x,
	   ldexp('float16:[1]'::tensor, 100) AS f16_overflow;
SELECT nextafter('[1,1,0,-0.0]'::tensor, '[2,0,1,-1]'::tensor) AS f64,
	   nextafter('float32:[1]'::tensor, 2.0) AS f32, nextafter('float16:[1,0,inf]'::tensor, 'float16:[2,-1,0]'::tensor) AS f16;
SELECT spacing('[0,1,-1,inf,nan]'::tensor) AS f64, spacing('float16:[0,1,-1,65504,-1024]'::tensor) AS f16,
	   spacing('float32:[1]'::tensor) AS f32;
SELECT float_power('int64:[2,3,0]'::tensor, 'int64:[3,-1,0]'::tensor) AS r,
	   float_power('[-8,4]'::tensor, 1.5) AS nan_for_negative, float_power(2.0, 'float32:[0.5]'::tensor) AS weak,
	   float_power('complex64:[1j]'::tensor, 2.0) AS z;
SELECT real_if_close('complex128:[2.1+4e-14j,5.2+3e-15j]'::tensor, 1000) AS close,
	   real_if_close('complex128:[2.1+4e-14j,5.2+3e-15j]'::tensor) AS not_close,
	   real_if_close('int16:[1]'::tensor) AS real_input;
SELECT iscomplex('complex128:[1+1j,1+0j,4.5+0j,2j]'::tensor) AS c, isreal('complex128:[1+1j,1+0j,4.5+0j,2j]'::tensor) AS r,
	   iscomplex('[1,2]'::tensor) AS real_c, isreal('int8:[1]'::tensor) AS real_r;
SELECT iscomplexobj('complex64:[1]'::tensor) AS a, iscomplexobj('[1]'::tensor) AS b,
	   isrealobj('complex64:[1]'::tensor) AS c, isrealobj('bool:[true]'::tensor) AS d;
SELECT sort_complex('int64:[5,3,6,2,1]'::tensor) AS r, sort_complex('int8:[[3,1],[0,-1]]'::tensor) AS i8,
	   sort_complex('complex128:[1+2j,2-1j,3-2j,3-3j,3+5j]'::tensor) AS z, sort_complex('int16:7'::tensor) AS zero_d;
SELECT unwrap('[0,0.7853981633974483,1.5707963267948966,5.497787143782138,6.283185307179586]'::tensor) AS r;
SELECT unwrap('[0,1,2,-1,0]'::tensor, NULL, -1, 6) AS period6, unwrap('[1,179,181,359,1]'::tensor, NULL, -1, 360) AS degrees;
SELECT unwrap('[[0,4],[1,-5]]'::tensor, NULL, 0) AS axis0, unwrap('int64:[0,5,10]'::tensor) AS ints,
	   unwrap('float64(2,0):[]'::tensor) AS empty;
SELECT interp('[0,1,1.5,2.72,3.14,nan]'::tensor, '[1,2,3]'::tensor, '[3,2,0]'::tensor) AS r;
SELECT interp('[0,3.14]'::tensor, '[1,2,3]'::tensor, '[3,2,0]'::tensor, -99, 99) AS left_right;
SELECT interp('[-180,-170,-185,185,-10,-5,0,365]'::tensor, '[190,-190,350,-350]'::tensor, '[5,10,3,4]'::tensor, period => 360) AS periodic;
SELECT interp('[1.5,4]'::tensor, '[1,2,3]'::tensor, 'complex128:[1j,0+0j,2+3j]'::tensor) AS complex_fp;
SELECT interp('int16:[[0,2]]'::tensor, '[1]'::tensor, '[7]'::tensor) AS one_point;

-- errors
SELECT gcd('bool:[true]'::tensor, 'bool:[true]'::tensor);     -- 42804
SELECT lcm('[1.5]'::tensor, 2);                                -- 42804
SELECT gcd('int8:[1,2]'::tensor, 'int8:[1,2,3]'::tensor);      -- shapes
SELECT lcm('int8:[1]'::tensor, 300);                           -- 22003
SELECT fabs('complex64:[1]'::tensor);                          -- 42804
SELECT heaviside('complex128:[1]'::tensor, 0.5);               -- 42804
SELECT i0('complex128:[1]'::tensor);                           -- 42804
SELECT (modf('complex64:[1]'::tensor)).fractional;             -- 42804
SELECT (frexp('complex64:[1]'::tensor)).mantissa;              -- 42804
SELECT ldexp('[1]'::tensor, '[1.0]'::tensor);                  -- 42804
SELECT ldexp('complex128:[1]'::tensor, 1);                     -- 42804
SELECT ldexp('[1,2]'::tensor, 'int32:[1,2,3]'::tensor);        -- shapes
SELECT nextafter('complex128:[1]'::tensor, 1.0);               -- 42804
SELECT spacing('complex64:[1]'::tensor);                       -- 42804
SELECT float_power('[1,2]'::tensor, '[1,2,3]'::tensor);        -- shapes
SELECT fix('complex128:[1]'::tensor);                          -- 42804
SELECT unwrap('complex128:[1]'::tensor);                       -- 42804
SELECT unwrap('bool:[true]'::tensor);                          -- 42804
SELECT unwrap('[1,2]'::tensor, NULL, 1);                       -- axis
SELECT unwrap('5'::tensor);                                    -- 22023
SELECT interp('[1]'::tensor, '[1,2]'::tensor, '[1]'::tensor);  -- 22023
SELECT interp('[1]'::tensor, 'float64(0):[]'::tensor, 'float64(0):[]'::tensor); -- 22023
SELECT interp('[1]'::tensor, '[[1]]'::tensor, '[[1]]'::tensor); -- 22023
SELECT interp('[1]'::tensor, '[1,2]'::tensor, '[1,2]'::tensor, period => 0); -- 22023
SELECT interp('complex128:[1]'::tensor, '[1,2]'::tensor, '[1,2]'::tensor);   -- 42804
SELECT interp('[1]'::tensor, 'complex128:[1,2]'::tensor, '[1,2]'::tensor);   -- 42804
-- NULL handling of the non-STRICT functions
SELECT nan_to_num(NULL) IS NULL AS a, nan_to_num('[nan]'::tensor, NULL) AS nan_null_is_zero,
	   unwrap('[1]'::tensor, NULL, NULL) IS NULL AS b, interp(NULL, '[1]'::tensor, '[1]'::tensor) IS NULL AS c;
