-- pgTAP: tensor behaviour that reads best as assertions.
BEGIN;
SELECT plan(16);
SET search_path = marsql, public;

SELECT is('[[1,2],[3,4]]'::tensor::text, '[[1,2],[3,4]]', 'literal round-trips');
SELECT is(shape(random('{3,4,5}', 42)), '{3,4,5}'::int[], 'random has the requested shape');
SELECT is(random('{3,4,5}', 42), random('{3,4,5}', 42), 'same seed, same tensor');
SELECT isnt(random('{3,4,5}', 42), random('{3,4,5}', 43), 'another seed, another tensor');
SELECT is(dtype('{1,2}'::real[]::tensor), 'float32', 'real[] casts to float32');
SELECT is(dtype('[1,2]'::tensor), 'float64', 'text input defaults to float64');
SELECT is(from_binary(to_binary('float32:[1.5,NaN,-0]')), 'float32:[1.5,NaN,-0]'::tensor,
		  'binary form round-trips');
SELECT ok(allclose(astype(random('{100}', 1), 'float32'), random('{100}', 1), 1e-6),
		  'float32 conversion stays within float32 precision');
SELECT results_eq($$SELECT index, value FROM unnest('[[1,2],[3,4]]'::tensor)$$,
				  $$VALUES ('{0,0}'::int[], 1::float8), ('{0,1}', 2), ('{1,0}', 3), ('{1,1}', 4)$$,
				  'unnest yields 0-based indexes in C order');
SELECT is((SELECT stack_agg(v ORDER BY i) FROM (VALUES (1, '{1,2}'::float8[]), (2, '{3,4}')) s(i, v)),
		  '[[1,2],[3,4]]'::tensor, 'stack_agg stacks rows in order');
SELECT throws_ok($$SELECT '[1,,2]'::marsql.tensor$$, '22P02',
				 'malformed tensor literal: "[1,,2]"', 'malformed literal is 22P02');
SELECT throws_ok($$SELECT '[1e400]'::marsql.tensor$$, '22003', NULL, 'out of range number is 22003');
SELECT throws_ok($$SELECT marsql.zeros('{100000,100000}')$$, '54000', 'tensor is too large',
				 'oversized tensor is 54000');
SELECT throws_ok($$SELECT marsql.from_binary('\x09')$$, '22P03', 'invalid binary data for tensor',
				 'bad binary is 22P03');
SELECT throws_ok($$SELECT ARRAY[1,NULL]::float8[]::marsql.tensor$$, '22004', NULL,
				 'NULL array element is 22004');
SELECT is(eye(2) = '[[1,0],[0,1]]'::tensor AND identity(2) = eye(2), true, 'eye and identity agree');

SELECT * FROM finish();
ROLLBACK;
