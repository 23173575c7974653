-- The engine's settings for small and repeated work (docs/engine.md):
-- marsql.worker_idle_timeout (idle workers kept between jobs) and
-- marsql.inline_below (the cost model that runs small estimated jobs in
-- the calling backend).  Reuse across statements, the idle timeout and
-- session end are tested in test/t/020_engine_warm.pl.
LOAD 'marsql';
SHOW marsql.worker_idle_timeout;
SHOW marsql.inline_below;
-- bounds: 0 .. 1 h, milliseconds or a unit
SELECT try_sql($$SELECT set_config('marsql.worker_idle_timeout', '-1', false)$$);
SELECT try_sql($$SELECT set_config('marsql.worker_idle_timeout', '2h', false)$$);
SELECT try_sql($$SELECT set_config('marsql.worker_idle_timeout', 'soon', false)$$);
SELECT try_sql($$SELECT set_config('marsql.inline_below', '-5', false)$$);
SELECT try_sql($$SELECT set_config('marsql.inline_below', '61min', false)$$);
SELECT try_sql($$SELECT set_config('marsql.inline_below', '10 parsecs', false)$$);
SET marsql.worker_idle_timeout = '1h';
SHOW marsql.worker_idle_timeout;
SET marsql.worker_idle_timeout = 250;
SHOW marsql.worker_idle_timeout;
SET marsql.inline_below = '1s';
SHOW marsql.inline_below;
RESET marsql.inline_below;
-- no idle workers in this file: each job's workers are its own
SET marsql.worker_idle_timeout = 0;

-- A small tiled product (4 tasks, a few kflop) is estimated far below
-- marsql.inline_below: it runs in this backend, with no NOTICE (nothing
-- is missing: no worker was wanted).
SELECT marsql.reshape(marsql.arange(0, 35), '{5,7}') AS t57 \gset
CREATE TEMP TABLE e_c AS SELECT marsql.chunk(:'t57'::marsql.tensor, '{2,7}') AS c;
SELECT count(*) FILTER (WHERE e ~ 'on backend') AS in_backend,
	   count(*) FILTER (WHERE e ~ 'on worker') AS on_workers
FROM e_c, marsql.explain(format($$SELECT marsql.matmul(%L::marsql.chunked_tensor, marsql.ones('{7,3}'))$$, c::text), run => true) e;
-- the same product with the cost model off takes workers
SET marsql.inline_below = 0;
SELECT count(*) FILTER (WHERE e ~ 'on backend') AS in_backend,
	   count(*) FILTER (WHERE e ~ 'on worker') > 0 AS on_workers
FROM e_c, marsql.explain(format($$SELECT marsql.matmul(%L::marsql.chunked_tensor, marsql.ones('{7,3}'))$$, c::text), run => true) e;
RESET marsql.inline_below;
-- and the result is the same either way
SELECT marsql.allclose(marsql.to_tensor(marsql.matmul(c, marsql.ones('{7,3}'))),
					   marsql.matmul(:'t57'::marsql.tensor, marsql.ones('{7,3}'))) AS same
FROM e_c;
-- fan-out has no estimate: its calls take workers whatever inline_below says
CREATE FUNCTION e_where(x int) RETURNS text LANGUAGE sql IMMUTABLE
	AS $$ SELECT CASE WHEN pg_backend_pid() = x THEN 'backend' ELSE 'worker' END $$;
SET marsql.inline_below = '1h';
SELECT DISTINCT w FROM unnest(marsql.map('e_where(int)', ARRAY[pg_backend_pid(), pg_backend_pid()], NULL::text)) w;
RESET marsql.inline_below;
DROP FUNCTION e_where(int);
RESET marsql.worker_idle_timeout;
