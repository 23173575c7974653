-- marsql.device, marsql.gpu_memory_limit and the device argument: what
-- holds on every machine, with or without marsql_gpu.so and a GPU (the
-- GPU's own answers are checked by test/t/011_gpu.pl).
SET search_path = marsql, public;
LOAD 'marsql';

SHOW marsql.device;
SELECT try_sql($$SELECT set_config('marsql.device', 'xpu', false)$$);
SELECT try_sql($$SELECT set_config('marsql.gpu_memory_limit', '-1', false)$$);
SET marsql.gpu_memory_limit = '512MB';
SHOW marsql.gpu_memory_limit;
RESET marsql.gpu_memory_limit;

-- the device argument: auto, cpu or gpu in any case; NULL is marsql.device
SELECT try_sql($$SELECT matmul('[[1,2],[3,4]]'::tensor, '[[1],[1]]'::tensor, 'tpu')::text$$);
SELECT try_sql($$SELECT matmul('[[1,2],[3,4]]'::tensor, '[[1],[1]]'::tensor, '')::text$$);
SELECT matmul('[[1,2],[3,4]]'::tensor, '[[1],[1]]'::tensor, 'CPU');
SELECT matmul('[[1,2],[3,4]]'::tensor, '[[1],[1]]'::tensor, NULL);
SELECT matmul('[[1,2],[3,4]]'::tensor, NULL, 'cpu') IS NULL AS null_operand;
SELECT try_sql($$SELECT matmul('[[1,2]]'::tensor, '[[1,2]]'::tensor, 'cpu')::text$$);
SELECT * FROM knn('[[0,0]]'::tensor, '[[1,1],[0,0],[2,2]]'::tensor, 2, device => 'cpu');
SELECT * FROM knn('[[0,0],[2,2]]'::tensor, '[[1,1],[0,0],[2,2]]'::tensor, 1, 'l2', NULL);
SELECT try_sql($$SELECT count(*) FROM knn('[[0,0]]'::tensor, '[[1,1]]'::tensor, 1, device => 'quantum')$$);
-- strict in everything but device
SELECT count(*) FROM knn(NULL, '[[1,1]]'::tensor, 1);
SELECT count(*) FROM knn('[[0,0]]'::tensor, '[[1,1]]'::tensor, NULL);
SELECT count(*) FROM knn('[[0,0]]'::tensor, '[[1,1]]'::tensor, 1, NULL, 'cpu');

-- cpu never asks for a GPU, however large the work
SET marsql.device = cpu;
SELECT shape(matmul(ones(ARRAY[1100, 1100]), ones(ARRAY[1100, 1100]))) AS large_product;
SELECT sum(matmul(ones(ARRAY[64, 64]), ones(ARRAY[64, 64])), NULL);
SELECT '[1,2]'::tensor + '[3,4]'::tensor AS added, sum('[1,2,3]'::tensor, NULL) AS summed;
RESET marsql.device;

-- gpu_info always answers: a row per device, or one row saying why none
SELECT count(*) >= 1 AS answers, bool_and(status IS NOT NULL) AS says_why,
	   bool_and(library IS NOT NULL OR build IS NULL) AS build_with_library
FROM gpu_info();
SELECT calls >= 0 AND bytes_to_device >= 0 AND transfer_share BETWEEN 0 AND 1 AS counters
FROM gpu_stats();

-- a task naming an unknown device is malformed (08P01), on any executor
SELECT try_sql($$SELECT marsql.peer_run_task('marsql knn',
	'\x0100000001000000010000000100000001000000010000000100000000000000000000000000000000000000070000000000803f000000000000000000000000'::bytea, NULL, NULL)$$);
