-- Who reads a chunked operation's input tiles (docs/chunked.md, "Who reads
-- the tiles"): committed permanent storage travels as coordinates and is
-- read by each task's executor with the caller's snapshot; temporary
-- storage, and storage this transaction created, truncated or wrote, is
-- read by the calling backend.  Results are the same on both paths.  Tasks
-- run in this backend here (max_workers = 0), so the read counts are
-- exact; test/t/035_tile_input.pl runs them on workers.
SET search_path = marsql, public;
SET marsql.max_workers = 0;
CREATE FUNCTION path_of(q text) RETURNS SETOF text LANGUAGE sql AS $$
	SELECT regexp_replace(regexp_replace(e, '[0-9]+\.[0-9]+ s', 'N s', 'g'),
						  'marsql_chunk_[0-9]+_[0-9]+', 'marsql_chunk_P_N', 'g')
	FROM marsql.explain(q, run => true) e
	WHERE e ~ '^  (a|b|tile reads)'
$$;

-- no operation has run in this session yet
SELECT count(*) AS no_stats_yet FROM tile_cache_stats();
SHOW marsql.tile_cache_size;

-- 6x6 operands in 2x2 tiles: 9 tiles each, committed
CREATE TABLE ref_values AS
	SELECT reshape(arange(0, 36), '{6,6}') * 0.25 AS a, reshape(arange(36, 0, -1), '{6,6}') * 0.5 AS b;
SELECT chunk(a, '{2,2}', target => 'ta') IS NOT NULL AS a, chunk(b, '{2,2}', target => 'tb') IS NOT NULL AS b
FROM ref_values;

-- committed permanent storage: by reference
SELECT to_tensor(matmul('ta'::chunked_tensor, 'tb'::chunked_tensor)) = matmul(a, b) AS by_reference_equal
FROM ref_values;
SELECT operation, inputs, tile_reads, cache_hits, round(hit_rate::numeric, 3) AS hit_rate, bytes_read,
	   caller_reads, executor_reads
FROM tile_cache_stats();
SELECT * FROM path_of($$SELECT marsql.to_tensor(marsql.matmul('ta'::marsql.chunked_tensor, 'tb'::marsql.chunked_tensor))$$);

-- a temporary (unnamed) operand: read by the caller, the other by reference
SELECT chunk(a, '{2,2}') AS tmp FROM ref_values \gset
SELECT to_tensor(matmul(:'tmp'::chunked_tensor, 'tb'::chunked_tensor)) = matmul(a, b) AS temporary_equal
FROM ref_values;
SELECT operation, inputs, tile_reads, cache_hits, caller_reads, executor_reads FROM tile_cache_stats();
SELECT * FROM path_of(format($$SELECT marsql.to_tensor(marsql.matmul(%L::marsql.chunked_tensor, 'tb'::marsql.chunked_tensor))$$, :'tmp'));

-- created in this transaction: by value
BEGIN;
SELECT chunk(b, '{2,2}', target => 'tb_new') IS NOT NULL AS created FROM ref_values;
SELECT to_tensor(matmul('ta'::chunked_tensor, 'tb_new'::chunked_tensor)) = matmul(a, b) AS created_equal
FROM ref_values;
SELECT * FROM path_of($$SELECT marsql.to_tensor(marsql.matmul('ta'::marsql.chunked_tensor, 'tb_new'::marsql.chunked_tensor))$$);
ROLLBACK;

-- written in this transaction: by value, and the caller's new rows count
BEGIN;
UPDATE ta SET data = data * 2;
SELECT to_tensor(matmul('ta'::chunked_tensor, 'tb'::chunked_tensor)) = matmul(a * 2, b) AS updated_equal
FROM ref_values;
SELECT inputs FROM tile_cache_stats();
SELECT * FROM path_of($$SELECT marsql.to_tensor(marsql.matmul('ta'::marsql.chunked_tensor, 'tb'::marsql.chunked_tensor))$$);
ROLLBACK;

-- deleted and re-inserted in this transaction (same values): by value
BEGIN;
CREATE TEMPORARY TABLE ta_rows AS SELECT * FROM ta;
DELETE FROM ta;
INSERT INTO ta SELECT * FROM ta_rows;
SELECT to_tensor(matmul('ta'::chunked_tensor, 'tb'::chunked_tensor)) = matmul(a, b) AS rewritten_equal
FROM ref_values;
SELECT inputs FROM tile_cache_stats();
ROLLBACK;

-- truncated in this transaction: by value
BEGIN;
CREATE TEMPORARY TABLE tb_rows AS SELECT * FROM tb;
TRUNCATE tb;
INSERT INTO tb SELECT * FROM tb_rows;
SELECT * FROM path_of($$SELECT marsql.to_tensor(marsql.matmul('ta'::marsql.chunked_tensor, 'tb'::marsql.chunked_tensor))$$);
ROLLBACK;

-- an update rolled back to a savepoint leaves nothing to hide: by
-- reference again, and the original values
BEGIN;
SAVEPOINT s;
UPDATE ta SET data = data * 3;
ROLLBACK TO SAVEPOINT s;
SELECT to_tensor(matmul('ta'::chunked_tensor, 'tb'::chunked_tensor)) = matmul(a, b) AS savepoint_equal
FROM ref_values;
SELECT inputs FROM tile_cache_stats();
-- released (not rolled back) writes still count
SAVEPOINT s2;
UPDATE tb SET data = data * 1;
RELEASE SAVEPOINT s2;
SELECT to_tensor(matmul('ta'::chunked_tensor, 'tb'::chunked_tensor)) = matmul(a, b) AS released_equal
FROM ref_values;
SELECT inputs FROM tile_cache_stats();
COMMIT;

-- writes to other tables do not matter, unless counts are off (unknown)
BEGIN;
CREATE TABLE other_rows (i int);
INSERT INTO other_rows VALUES (1);
SELECT to_tensor(matmul('ta'::chunked_tensor, 'tb'::chunked_tensor)) = matmul(a, b) AS other_written
FROM ref_values;
SELECT inputs FROM tile_cache_stats();
SET LOCAL track_counts = off;
SELECT * FROM path_of($$SELECT marsql.to_tensor(marsql.matmul('ta'::marsql.chunked_tensor, 'tb'::marsql.chunked_tensor))$$);
ROLLBACK;

-- elementwise, reductions and transposes read the same way
SELECT to_tensor(add('ta'::chunked_tensor, 'tb'::chunked_tensor)) = a + b AS add_equal,
	   allclose(to_tensor(sum('ta'::chunked_tensor, 0)), sum(a, 0)) AS sum_equal,
	   to_tensor(transpose('ta'::chunked_tensor)) = transpose(a) AS transpose_equal
FROM ref_values;
SELECT operation, inputs FROM tile_cache_stats();

-- the cache bound: no cache still reads right, only more often
SET marsql.tile_cache_size = 0;
SELECT to_tensor(matmul('ta'::chunked_tensor, 'tb'::chunked_tensor)) = matmul(a, b) AS no_cache_equal
FROM ref_values;
SELECT tile_reads > 18 AS reads_more, tile_reads + cache_hits FROM tile_cache_stats();
RESET marsql.tile_cache_size;
SELECT try_sql($$SET marsql.tile_cache_size = -1$$) AS negative;
SELECT try_sql($$SET marsql.tile_cache_size = '4TB'$$) AS too_large;
SET marsql.tile_cache_size = '1MB';
SHOW marsql.tile_cache_size;
RESET marsql.tile_cache_size;

-- a dropped operand: the caller refuses it before any task runs
CREATE TABLE held AS SELECT chunk(a, '{2,2}', target => 'gone') AS c FROM ref_values;
DROP TABLE gone;
SELECT try_sql($$SELECT marsql.matmul(c, 'tb'::marsql.chunked_tensor) FROM held$$) AS dropped;
DROP TABLE held;

DROP TABLE ta, tb, ref_values;
DROP FUNCTION path_of(text);
