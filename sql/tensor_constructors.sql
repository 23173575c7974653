-- Accessors and numpy-style constructors.
SET search_path = marsql, public;

SELECT shape(t), ndim(t), size(t), dtype(t)
FROM (VALUES ('[[1,2,3],[4,5,6]]'::tensor), ('float32:[1]'), ('3'), ('(0,5):[]')) v(t);

SELECT zeros('{2,3}'), zeros('{2}', 'float32'), zeros('{}') AS scalar_zero, zeros('{0,2}');
SELECT ones('{2,2}'), ones('{3}', 'float32');
SELECT full('{2,2}', 7.5), full('{2}', 'NaN', 'float32'), full('{1}', '-Infinity');
SELECT eye(3), eye(2, 3), eye(3, k => 1), eye(3, k => -2, dtype => 'float32'), eye(0);
SELECT identity(2), identity(2, 'float32');
SELECT eye(NULL) IS NULL AS null_n, eye(2, NULL) AS null_m_means_n, eye(2, k => NULL) IS NULL AS null_k;
SELECT arange(5), arange(2, 4), arange(0, 1, 0.25), arange(5, 0, -2), arange(1, 1), arange(3, 'float32');
SELECT linspace(0, 1, 5), linspace(0, 1, 4, false), linspace(2, 3, 1), linspace(0, 1, 0);
SELECT size(linspace(0, 1)) AS default_num, linspace(0, 1, 3, dtype => 'float32');

-- seeded random: the same tensor on every run and every machine
SELECT random('{3,4,5}', 42) = random('{3,4,5}', 42) AS same_seed_same_tensor;
SELECT random('{3}', 42) <> random('{3}', 43) AS different_seed;
SELECT shape(random('{3,4,5}', 42));
SELECT random('{4}', 42);
SELECT random('{4}', 42, 'uniform', 'float32');
SELECT random('{5}', 42, 'normal');
SELECT random('{5}', 42, 'normal', 'float32');
SELECT random('{2,2}', -1), random('{2}', 0, 'NORMAL');
SELECT md5(to_binary(random('{1000}', 2024, 'normal')::tensor)::text) AS pinned_normal_stream;
SELECT md5(to_binary(random('{1000}', 2024)::tensor)::text) AS pinned_uniform_stream;
-- sample moments of a large draw
SELECT round(avg(value)::numeric, 2) AS mean, round(stddev(value)::numeric, 2) AS std,
	   min(value) >= 0 AND max(value) < 1 AS in_unit_interval
FROM unnest(random('{100000}', 9));
SELECT round(avg(value)::numeric, 1) AS mean, round(stddev(value)::numeric, 2) AS std
FROM unnest(random('{100000}', 9, 'normal'));
-- without a seed, two calls differ
SELECT random('{8}') <> random('{8}') AS unseeded_differ;
SELECT random(NULL) IS NULL AS null_shape, random('{2}', 1, NULL) IS NULL AS null_distribution;

-- errors
SELECT public.try_sql(stmt) FROM (VALUES
	($$SELECT marsql.zeros('{2,-1}')::text$$),
	($$SELECT marsql.zeros('{2,NULL}')::text$$),
	($$SELECT marsql.zeros('{{1,2},{3,4}}')::text$$),
	($$SELECT marsql.zeros('{2}', 'int32')::text$$),
	($$SELECT marsql.zeros('{1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1}')::text$$),
	($$SELECT marsql.zeros('{100000,100000}')::text$$),
	($$SELECT marsql.zeros('{2147483647,2147483647,2147483647}')::text$$),
	($$SELECT marsql.full('{2}', 1e300, 'float32')::text$$),
	($$SELECT marsql.ones('{2}', 'bogus')::text$$),
	($$SELECT marsql.eye(-1)::text$$),
	($$SELECT marsql.eye(100000)::text$$),
	($$SELECT marsql.arange(0, 10, 0)::text$$),
	($$SELECT marsql.arange(0, 'Infinity'::float8)::text$$),
	($$SELECT marsql.arange(0, 'NaN'::float8)::text$$),
	($$SELECT marsql.arange(0, 1e12)::text$$),
	($$SELECT marsql.arange(0, 1e39, 1e38, 'float32')::text$$),
	($$SELECT marsql.linspace(0, 1, -1)::text$$),
	($$SELECT marsql.linspace(0, 'Infinity')::text$$),
	($$SELECT marsql.random('{2}', 1, 'poisson')::text$$),
	($$SELECT marsql.random('{2}', 1, 'uniform', 'float16')::text$$),
	($$SELECT marsql.random('{-2}', 1)::text$$),
	($$SELECT marsql.random('{100000,100000}', 1)::text$$)
) AS cases(stmt);
