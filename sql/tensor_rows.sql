-- Tensors to rows (unnest, rows) and rows to tensors (stack_agg).
SET search_path = marsql, public;

SELECT * FROM unnest('[[1,2,3],[4,5,6]]'::tensor);
SELECT * FROM unnest('float32:[[[0.5]],[[1.5]]]'::tensor);
SELECT * FROM unnest('42'::tensor);
SELECT count(*) FROM unnest('(0,4):[]'::tensor);
SELECT index, value FROM unnest(arange(1000000)) LIMIT 2;

SELECT * FROM rows('[[1,2,3],[4,5,6]]'::tensor);
SELECT * FROM rows('float32:[[0.1,0.2]]'::tensor);
SELECT * FROM rows('(3,0):[]'::tensor);
SELECT count(*) FROM rows('(0,3):[]'::tensor);
SELECT public.try_sql($$SELECT count(*)::text FROM marsql.rows('[1,2,3]')$$);
SELECT public.try_sql($$SELECT count(*)::text FROM marsql.rows('[[[1]]]')$$);

-- stack_agg: rows of real[], double precision[] or tensor
CREATE TEMP TABLE stack_src (id int, f4 real[], f8 float8[], t tensor);
INSERT INTO stack_src VALUES
	(1, '{1,2,3}', '{1.5,2.5,3.5}', 'float32:[[1,2],[3,4]]'),
	(2, '{4,5,6}', NULL, '[[5,6],[7,8]]'),
	(3, '{7,8,9}', '{0.1,0.2,0.3}', NULL);
SELECT stack_agg(f4 ORDER BY id) AS f4, stack_agg(f8 ORDER BY id) AS f8, stack_agg(t ORDER BY id) AS t FROM stack_src;
SELECT dtype(stack_agg(f4)), dtype(stack_agg(f8)), dtype(stack_agg(t ORDER BY id)) FROM stack_src;
SELECT dtype(stack_agg(t)) FROM stack_src WHERE id = 1;
SELECT stack_agg(f4 ORDER BY id DESC) FROM stack_src;
SELECT stack_agg(f4) FROM stack_src WHERE false;
SELECT stack_agg(t) FROM (VALUES ('1'::tensor), ('2'), ('3')) v(t);
SELECT stack_agg(t) FROM (VALUES ('[]'::tensor), ('[]')) v(t);
SELECT stack_agg(a) FROM (VALUES ('{}'::real[]), ('{}')) v(a);
SELECT id % 2 AS parity, stack_agg(f4 ORDER BY id) FROM stack_src GROUP BY 1 ORDER BY 1;
SELECT shape(stack_agg(ARRAY[i, i * 2]::float8[])) FROM generate_series(1, 10000) i;
-- round trip rows -> stack_agg
SELECT stack_agg("values" ORDER BY "row") = random('{50,20}', 5) AS rows_round_trip
FROM rows(random('{50,20}', 5));
SELECT id, stack_agg(f4) OVER (ORDER BY id) FROM stack_src ORDER BY id;

SELECT public.try_sql($$SELECT marsql.stack_agg(a)::text FROM (VALUES ('{1,2}'::real[]), ('{1,2,3}')) v(a)$$);
SELECT public.try_sql($$SELECT marsql.stack_agg(a)::text FROM (VALUES ('{{1,2}}'::real[]), ('{1,2}')) v(a)$$);
SELECT public.try_sql($$SELECT marsql.stack_agg(a)::text FROM (VALUES ('{1,NULL}'::float8[])) v(a)$$);
SELECT public.try_sql($$SELECT marsql.stack_agg(t)::text FROM (VALUES ('[1,2]'::marsql.tensor), ('[[1,2]]')) v(t)$$);
SELECT public.try_sql($$SELECT marsql.stack_agg(t)::text FROM (VALUES (('(' || repeat('1,', 31) || '1):[5]')::marsql.tensor)) v(t)$$);
SELECT public.try_sql($$SELECT marsql.shape(marsql.stack_agg(marsql.zeros('{4096,4096}')))::text FROM generate_series(1, 10)$$);
