-- How a job ran, where the user looks: explain(run => true) of a chunked
-- operation and marsql.last_job() for every engine user (fan-out too):
-- in the calling backend by the cost model's estimate (the estimate and
-- marsql.inline_below shown), on warm (reused) or started workers, and
-- the start-up paid.  Start-up times vary: masked.
-- no row before the session's first job
SELECT count(*) AS before_any_job FROM marsql.last_job();
CREATE FUNCTION jr_mask(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT regexp_replace(regexp_replace(t, 'start-up [0-9.]+ ms to the first ready, [0-9.]+ ms',
										 'start-up # ms to the first ready, # ms'),
						  '[0-9]+\.[0-9]+ s', '# s', 'g') $$;
CREATE FUNCTION jr_noop(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x';
SELECT marsql.reshape(marsql.arange(0, 35), '{5,7}') AS jr_t \gset
CREATE TEMP TABLE jr_c AS SELECT marsql.chunk(:'jr_t'::marsql.tensor, '{2,7}') AS c;
CREATE TEMP TABLE jr_r AS SELECT marsql.chunked_random('{256,256}', '{128,256}', 1) AS c;
CREATE VIEW jr_q AS SELECT format($$SELECT marsql.matmul(%L::marsql.chunked_tensor, marsql.ones('{7,3}'))$$, c::text) AS q FROM jr_c;

-- two workers per job; every job starts its own here (no idle workers kept)
SET marsql.max_workers = 2;
SET marsql.worker_idle_timeout = 0;
-- 3 gemm tasks of 210 flops: estimated far below marsql.inline_below
SELECT jr_mask(e) FROM jr_q, marsql.explain(q, run => true) e WHERE e ~ '^  ran';
SELECT job, tasks, ended, how, inline_by_estimate, estimate_ms > 0 AS estimated, inline_below_ms,
	   wanted_workers, warm_workers, started_workers, startup_first_ms IS NULL AS no_startup,
	   tasks_in_backend, tasks_on_peers, run_ms >= 0 AS timed
FROM marsql.last_job();
-- a 256 x 256 x 256 float64 product, 33.6 MFLOP (1.68 ms) reading 512 kB of
-- stored tiles and storing 512 kB (10.5 ms), is estimated at 12.2 ms: in
-- the backend under the default threshold, on workers above 1 ms
SELECT jr_mask(e) FROM jr_r, marsql.explain(format($$SELECT marsql.matmul(%L::marsql.chunked_tensor, marsql.ones('{256,256}'))$$, c::text), run => true) e WHERE e ~ '^  ran';
SET marsql.inline_below = '1ms';
SELECT jr_mask(e) FROM jr_r, marsql.explain(format($$SELECT marsql.matmul(%L::marsql.chunked_tensor, marsql.ones('{256,256}'))$$, c::text), run => true) e WHERE e ~ '^  ran';
SELECT inline_by_estimate, round(estimate_ms::numeric, 2) AS estimate_ms, inline_below_ms,
	   wanted_workers, warm_workers, started_workers,
	   startup_first_ms > 0 AS paid_startup, startup_last_ms >= startup_first_ms AS last_after_first,
	   tasks_in_backend
FROM marsql.last_job();
-- 0: never by estimate
SET marsql.inline_below = 0;
SELECT jr_mask(e) FROM jr_q, marsql.explain(q, run => true) e WHERE e ~ '^  ran';
-- Graphviz output carries the same line in the graph's label
SELECT count(*) AS dot_labels FROM jr_q, marsql.explain(q, 'dot', run => true) e
WHERE e ~ 'label="matmul\\nran on 2 workers: 0 warm \(reused\), 2 started, start-up';
RESET marsql.inline_below;

-- Every kind of chunked job has an estimate (its flops plus the stored
-- tiles it reads and writes), so a small one runs in the calling backend
-- like the small product above: fills, elementwise, unary, transpose,
-- reductions, products.
CREATE FUNCTION jr_ran(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
	EXECUTE stmt;
	SELECT * INTO r FROM marsql.last_job();
	RETURN format('%s: inline %s, estimated %s, started %s', r.job, r.inline_by_estimate,
				  r.estimate_ms > 0, r.started_workers);
END $$;
SELECT jr_ran(s) FROM (VALUES
	($$SELECT marsql.chunked_zeros('{64,64}', '{32,32}')$$),
	($$SELECT marsql.chunked_full('{64,64}', 2.5, '{32,32}')$$),
	($$SELECT marsql.chunked_random('{64,64}', '{32,32}', 7)$$),
	(format($$SELECT marsql.add(%L::marsql.chunked_tensor, %L::marsql.chunked_tensor)$$, (SELECT c FROM jr_r), (SELECT c FROM jr_r))),
	(format($$SELECT marsql.exp(%L::marsql.chunked_tensor)$$, (SELECT c FROM jr_r))),
	(format($$SELECT marsql.transpose(%L::marsql.chunked_tensor)$$, (SELECT c FROM jr_r))),
	(format($$SELECT marsql.sum(%L::marsql.chunked_tensor)$$, (SELECT c FROM jr_r))),
	(format($$SELECT marsql.mean(%L::marsql.chunked_tensor, 0)$$, (SELECT c FROM jr_r))),
	(format($$SELECT marsql.matmul(%L::marsql.chunked_tensor, %L::marsql.chunked_tensor)$$, (SELECT c FROM jr_r), (SELECT c FROM jr_r)))
) v(s);
DROP FUNCTION jr_ran(text);

-- Warm workers: a fan-out job (no estimate) starts workers and parks them;
-- the next jobs of the same caller and settings reuse them, whatever the
-- estimate.
SET marsql.worker_idle_timeout = '10min';
SELECT array_length(marsql.map('jr_noop(int)', ARRAY[1, 2, 3], NULL::int), 1) AS calls;
SELECT job, jr_mask(how) AS how, warm_workers, started_workers FROM marsql.last_job();
SELECT jr_mask(e) FROM jr_q, marsql.explain(q, run => true) e WHERE e ~ '^  ran';
SELECT inline_by_estimate, warm_workers, started_workers, startup_first_ms IS NULL AS no_startup
FROM marsql.last_job();
SELECT array_length(marsql.map('jr_noop(int)', ARRAY[1, 2, 3], NULL::int), 1) AS calls;
SELECT job, how FROM marsql.last_job();
-- a setting changed: the workers took on the old one, new ones start
SET work_mem = '5MB';
SELECT array_length(marsql.map('jr_noop(int)', ARRAY[1, 2, 3], NULL::int), 1) AS calls;
SELECT warm_workers, started_workers FROM marsql.last_job();
RESET work_mem;
RESET marsql.worker_idle_timeout;

-- no worker wanted: every call in this backend
SET marsql.max_workers = 0;
SELECT array_length(marsql.map('jr_noop(int)', ARRAY[1, 2, 3], NULL::int), 1) AS calls;
SELECT how, wanted_workers, tasks_in_backend FROM marsql.last_job();
SET marsql.max_workers = 2;

-- a job that fails is reported too, as not ended
CREATE FUNCTION jr_fail(x int) RETURNS int LANGUAGE plpgsql IMMUTABLE
	AS $$ BEGIN RAISE EXCEPTION 'jr_fail %', x; END $$;
SET marsql.worker_idle_timeout = 0;
SELECT try_sql($$SELECT marsql.map('jr_fail(int)', ARRAY[1], NULL::int)$$) AS failed;
SELECT job, tasks, ended FROM marsql.last_job();
RESET marsql.worker_idle_timeout;

DROP FUNCTION jr_fail(int);
DROP VIEW jr_q;
DROP FUNCTION jr_noop(int);
DROP FUNCTION jr_mask(text);
RESET marsql.max_workers;
