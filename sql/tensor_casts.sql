-- Casts between tensors and arrays, and astype.
SET search_path = marsql, public;

-- real[] gives float32, double precision[] float64, smallint[] int16, integer[]
-- int32, bigint[] int64 (exactly), boolean[] bool; numeric[] float64
SELECT '{1.5,2.5}'::real[]::tensor AS t, dtype('{1.5,2.5}'::real[]::tensor);
SELECT '{{1,2},{3,4}}'::float8[]::tensor AS t, dtype('{{1,2},{3,4}}'::float8[]::tensor);
SELECT '{{{1},{2}},{{3},{4}}}'::int[]::tensor AS t, shape('{{{1},{2}},{{3},{4}}}'::int[]::tensor);
SELECT '{9007199254740993, -5}'::bigint[]::tensor AS bigint_exact_past_2_53;
SELECT '{1.25, NaN, Infinity, -Infinity}'::numeric[]::tensor AS from_numeric;
SELECT '{}'::real[]::tensor AS empty, shape('{}'::real[]::tensor);
SELECT '[2:3]={7,8}'::float8[]::tensor AS lower_bounds_dropped;
SELECT ARRAY[1,2,3]::tensor(float32) AS int_to_float32;

-- assignment casts into tensor columns
CREATE TEMP TABLE cast_target (t tensor);
INSERT INTO cast_target VALUES ('{1,2}'::real[]), (ARRAY[3.5, 4.5]::float8[]), (ARRAY[5, 6]);
SELECT t, dtype(t) FROM cast_target;

-- back to arrays, shape kept
SELECT '[[1,2],[3,4]]'::tensor::float8[] AS f8, '[[1,2],[3,4]]'::tensor::real[] AS f4;
SELECT 'float32:[0.1]'::tensor::float8[] AS widened;
SELECT '7'::tensor::float8[] AS scalar_to_array, '(0,3):[]'::tensor::real[] AS empty_to_array;
SELECT array_dims('[[[1,2,3]],[[4,5,6]]]'::tensor::float8[]);
SELECT ('[[' || string_agg(i::text, ',') || ']]')::tensor::float8[] = array[array_agg(i::float8)] AS same
  FROM generate_series(1, 1000) i;

-- astype
SELECT astype('[0.1, 0.2]', 'float32'), astype('float32:[0.1]', 'float64'), astype('[1]', 'double');
SELECT dtype(astype('[1]', 'f4')), dtype(astype('[1]', 'float8'));

-- errors
SELECT public.try_sql($$SELECT ARRAY[1, NULL]::float8[]::marsql.tensor::text$$);
SELECT public.try_sql($$SELECT ARRAY[1, NULL]::real[]::marsql.tensor::text$$);
SELECT public.try_sql($$SELECT ARRAY[1, NULL]::int[]::marsql.tensor::text$$);
SELECT left(public.try_sql($$SELECT ARRAY[1e400]::numeric[]::marsql.tensor::text$$), 20) || '...' || right(public.try_sql($$SELECT ARRAY[1e400]::numeric[]::marsql.tensor::text$$), 40);
SELECT public.try_sql($$SELECT '[1e300]'::marsql.tensor::real[]::text$$);
SELECT public.try_sql($$SELECT '[1e-300]'::marsql.tensor::real[]::text$$);
SELECT public.try_sql($$SELECT marsql.astype('[1, 1e300]', 'float32')::text$$);
SELECT public.try_sql($$SELECT marsql.astype('[1]', 'int8')::text$$);
SELECT public.try_sql($$SELECT '[[[[[[[1]]]]]]]'::marsql.tensor::float8[]::text$$);
SELECT public.try_sql($$SELECT '[1]'::marsql.tensor::float8[]::text$$);
