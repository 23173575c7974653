-- Equality, ordering, hashing and allclose.
SET search_path = marsql, public;

SELECT '[1,2]'::tensor = '[1,2]'::tensor AS eq, '[1,2]'::tensor <> '[1,3]'::tensor AS ne;
SELECT '[1,2]'::tensor = '[[1,2]]'::tensor AS different_shape;
SELECT '[1.5]'::tensor = 'float32:[1.5]'::tensor AS across_dtypes;
SELECT '[0.1]'::tensor = 'float32:[0.1]'::tensor AS float32_rounding_differs;
-- PostgreSQL float rules: NaN equals NaN, -0 equals 0
SELECT '[NaN]'::tensor = '[NaN]'::tensor AS nan_eq, '[-0]'::tensor = '[0]'::tensor AS zero_eq;
SELECT '[]'::tensor = '[]'::tensor AS empty_eq, '(0,2):[]'::tensor = '(2,0):[]'::tensor AS empty_shapes_differ;

-- ordering: ndim, then shape, then elements; NaN sorts last
SELECT t FROM (VALUES ('[3]'::tensor), ('[1,2]'), ('[[1]]'), ('7'), ('[NaN]'), ('[-Infinity]'),
				      ('[1,1]'), ('[]'), ('float32:[2]')) v(t)
ORDER BY t;
SELECT tensor_cmp('[1]', '[2]'), tensor_cmp('[2]', '[1]'), tensor_cmp('[1]', 'float32:[1]');
SELECT '[1,2]'::tensor < '[1,3]'::tensor, '[1,2]'::tensor <= '[1,2]'::tensor,
	   '[2]'::tensor > '[1,1]'::tensor, '[[0]]'::tensor >= '[5]'::tensor;

-- hash consistent with =: DISTINCT, GROUP BY, hash joins, hash indexes
SELECT tensor_hash('[0]') = tensor_hash('[-0]') AS zero_hash,
	   tensor_hash('[NaN]') = tensor_hash('[-NaN]') AS nan_hash,
	   tensor_hash('[1.5]') = tensor_hash('float32:[1.5]') AS dtype_hash,
	   tensor_hash_extended('[1]', 0) <> tensor_hash_extended('[1]', 1) AS seeded;
CREATE TEMP TABLE cmp_t (id int, t tensor);
INSERT INTO cmp_t SELECT i, ('[' || (i % 3) || ',0]')::tensor FROM generate_series(1, 30) i;
INSERT INTO cmp_t VALUES (31, 'float32:[1,-0]');
SET enable_sort = off;
SELECT t, count(*) FROM cmp_t GROUP BY t ORDER BY 1;
RESET enable_sort;
SELECT count(DISTINCT t) FROM cmp_t;
SET enable_mergejoin = off; SET enable_nestloop = off;
SELECT count(*) FROM cmp_t a JOIN cmp_t b ON a.t = b.t;
RESET enable_mergejoin; RESET enable_nestloop;
CREATE INDEX cmp_t_btree ON cmp_t USING btree (t);
CREATE INDEX cmp_t_hash ON cmp_t USING hash (t);
SET enable_seqscan = off;
SELECT count(*) FROM cmp_t WHERE t = '[2,0]';
SELECT count(*) FROM cmp_t WHERE t < '[1,0]';
RESET enable_seqscan;

-- allclose: numpy semantics, with broadcasting
SELECT allclose('[1, 2]', '[1, 2.000001]') AS close, allclose('[1, 2]', '[1, 2.1]') AS far;
SELECT allclose('[1e10, 1e-7]', '[1.00001e10, 1e-8]') AS numpy_example_1;
SELECT allclose('[1e10, 1e-8]', '[1.00001e10, 1e-9]') AS numpy_example_2,
	   allclose('[1e10, 1e-8]', '[1.0001e10, 1e-9]') AS numpy_example_3;
SELECT allclose('[1, NaN]', '[1, NaN]') AS nan_default, allclose('[1, NaN]', '[1, NaN]', equal_nan => true) AS nan_equal;
SELECT allclose('[Infinity]', '[Infinity]') AS inf_same, allclose('[Infinity]', '[-Infinity]') AS inf_opposite,
	   allclose('[Infinity]', '[1e308]') AS inf_finite;
SELECT allclose('[[1,2],[3,4]]', '[1,2]') AS row_broadcast, allclose('[[1],[1]]', '[1,1,1]') AS both_broadcast,
	   allclose('[[1,2],[1,2]]', '1') AS scalar_broadcast;
SELECT allclose('[1,2]', '[1.1,2.1]', rtol => 0.1), allclose('[0]', '[0.5]', atol => 0.5);
SELECT allclose('float32:[0.1]', '[0.1]') AS across_dtypes, allclose('[]', '[]') AS empty;
SELECT public.try_sql($$SELECT marsql.allclose('[1,2]', '[1,2,3]')::text$$);
SELECT public.try_sql($$SELECT marsql.allclose('[[1,2],[3,4]]', '[[1,2,3]]')::text$$);
SELECT public.try_sql($$SELECT marsql.allclose('[1]', '[1]', -1)::text$$);
SELECT public.try_sql($$SELECT marsql.allclose('[1]', '[1]', 0, 'NaN')::text$$);
