-- pgTAP: the extension's catalog contract -- schema, versions, volatility,
-- comments, casts, operator classes, reserved settings.
BEGIN;
SELECT plan(63);

-- the engine's SQL surface: started workers, session state
CREATE FUNCTION pg_temp.marsql_test_engine_functions() RETURNS name[] LANGUAGE sql AS $$
	SELECT ARRAY['job_progress', 'map', 'map_rows', 'spawn', 'output', 'execute', 'fetch',
				 'fetch_log', 'cancel', 'forget_tasks', 'task_list', 'last_job']::name[]
$$;

-- chunked_tensor operations: they create, read and write tables.  Its
-- text input reads the catalog; accessors and output are pure.
CREATE FUNCTION pg_temp.marsql_test_chunked_functions() RETURNS oid[] LANGUAGE sql AS $$
	SELECT array_agg(p.oid) FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace
	  AND (proname IN ('chunk', 'chunked_random', 'chunked_generate_full', 'chunked_full',
					   'chunked_zeros', 'chunked_ones', 'chunked_from_query',
					   'chunked_from_table', 'explain', 'tile_cache_stats')
		   OR 'marsql.chunked_tensor'::regtype = ANY (proargtypes::oid[])
		   OR prorettype = 'marsql.chunked_tensor'::regtype)
	  AND proname NOT IN ('shape', 'tile_shape', 'ndim', 'size', 'nbytes', 'dtype', 'storage',
						  'ntiles', 'chunked_tensor_in', 'chunked_tensor_out', 'chunked_tensor',
						  'chunked_tensor_send', 'chunked_tensor_recv')
$$;

-- k-NN over tables and FAISS indexes: they read the caller's tables (a NULL
-- filter or option means none), write the index catalog and start workers
CREATE FUNCTION pg_temp.marsql_test_table_functions() RETURNS oid[] LANGUAGE sql AS $$
	SELECT array_agg(p.oid) FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace
	  AND ((proname IN ('knn', 'knn_join') AND ('regclass'::regtype = ANY (proargtypes::oid[])
												  OR proargtypes[1] = 'text'::regtype))
		   OR proname LIKE 'faiss\_%')
$$;

-- peers: they connect to other servers and keep connections per session
CREATE FUNCTION pg_temp.marsql_test_peer_functions() RETURNS name[] LANGUAGE sql AS $$
	SELECT ARRAY['peer_validator', 'peer_run_task', 'peer_status', 'check_peers',
				 'peer_connections', 'disconnect_peers']::name[]
$$;

SELECT has_extension('marsql');
SELECT has_schema('marsql');
SELECT has_type('marsql', 'tensor', 'type marsql.tensor exists');
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'marsql'), '0.1.0', 'version 0.1.0');
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'marsql'), false, 'not relocatable');
SELECT is((SELECT nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
		   WHERE extname = 'marsql'), 'marsql', 'installed in schema marsql');

SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace
	  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
$$, 'every function in marsql belongs to the extension');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL
$$, 'every function and aggregate has a comment');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace AND proparallel <> 's'
	  AND proname NOT IN (SELECT unnest(pg_temp.marsql_test_engine_functions()))
	  AND p.oid <> ALL (pg_temp.marsql_test_chunked_functions())
	  AND proname NOT IN ('chunked_tensor_in', 'chunked_tensor_recv', 'chunked_tensor')
	  AND p.oid <> ALL (pg_temp.marsql_test_table_functions())
	  AND proname NOT IN (SELECT unnest(pg_temp.marsql_test_peer_functions()))
	  AND proname NOT IN ('value_cache_stats', 'value_cache_reset', 'shared_cache_stats', 'shared_cache_reset')
	  AND proname NOT IN ('stat_tasks', 'stat_engine', 'stat_tasks_reset')
	  AND prorettype <> 'event_trigger'::regtype
$$, 'every function but the engine''s, chunked operations and k-NN over tables is parallel safe');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE p.oid = ANY (pg_temp.marsql_test_table_functions())
	  AND (proparallel <> 'u' OR provolatile <> 'v')
$$, 'k-NN over tables and FAISS functions are volatile and parallel unsafe: they read tables and start workers');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE p.oid = ANY (pg_temp.marsql_test_chunked_functions())
	  AND (proparallel <> 'u' OR provolatile <> 'v')
$$, 'chunked operations are volatile and parallel unsafe: they write tables and start workers');
SELECT is((SELECT proparallel::text || provolatile::text FROM pg_proc
		   WHERE oid = 'marsql.chunked_tensor_in(cstring)'::regprocedure),
		  'rs', 'chunked_tensor input reads the catalog: stable, parallel restricted');
SELECT is((SELECT proparallel::text || provolatile::text FROM pg_proc
		   WHERE oid = 'marsql.chunked_tensor_recv(internal)'::regprocedure),
		  'rs', 'chunked_tensor binary input reads the catalog: stable, parallel restricted');
SELECT is((SELECT typsend::text || ' ' || typreceive::text FROM pg_type
		   WHERE oid = 'marsql.chunked_tensor'::regtype),
		  'marsql.chunked_tensor_send marsql.chunked_tensor_recv', 'chunked_tensor has binary I/O (binary cursors, COPY BINARY)');
SELECT has_view('marsql', 'arrays', 'view marsql.arrays exists');
SELECT has_table('marsql', 'orphan_storage', 'table marsql.orphan_storage exists');
SELECT has_schema('marsql_result', 'schema marsql_result exists');
SELECT ok(NOT has_table_privilege('public', 'marsql.orphan_storage', 'SELECT')
		  AND NOT has_table_privilege('public', 'marsql.orphan_storage', 'INSERT'),
		  'nobody but its owner reads or writes marsql.orphan_storage');
SELECT ok(has_schema_privilege('public', 'marsql_result', 'USAGE')
		  AND NOT has_schema_privilege('public', 'marsql_result', 'CREATE'),
		  'marsql_result: usage for everybody, nobody else creates anything in it');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace
	  AND proname IN (SELECT unnest(pg_temp.marsql_test_engine_functions()))
	  AND (proparallel <> 'u' OR provolatile <> 'v')
$$, 'engine functions are volatile and parallel unsafe: they start workers and keep session state');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace
	  AND proname IN (SELECT unnest(pg_temp.marsql_test_peer_functions()))
	  AND (proparallel <> 'u' OR provolatile <> 'v')
$$, 'peer functions are volatile and parallel unsafe: they connect to other servers');
SELECT is((SELECT fdwvalidator::regprocedure::text FROM pg_foreign_data_wrapper WHERE fdwname = 'marsql'),
		  'marsql.peer_validator(text[],oid)', 'the marsql wrapper validates its options');
SELECT has_view('marsql', 'peers', 'view marsql.peers exists');
SELECT is((SELECT count(*)::int FROM pg_depend d JOIN pg_foreign_data_wrapper w ON d.objid = w.oid
		   WHERE d.classid = 'pg_foreign_data_wrapper'::regclass AND d.deptype = 'e'
			 AND w.fdwname = 'marsql'), 1, 'the wrapper belongs to the extension');
SELECT has_type('marsql', 'task', 'type marsql.task exists');
SELECT has_view('marsql', 'tasks', 'view marsql.tasks exists');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace AND provolatile <> 'i'
	  AND proname NOT IN ('random', 'blas_info')
	  AND proname NOT IN (SELECT unnest(pg_temp.marsql_test_engine_functions()))
	  AND p.oid <> ALL (pg_temp.marsql_test_chunked_functions())
	  AND proname NOT IN ('chunked_tensor_in', 'chunked_tensor_out', 'chunked_tensor',
						  'chunked_tensor_send', 'chunked_tensor_recv')
	  AND p.oid <> ALL (pg_temp.marsql_test_table_functions())
	  AND proname NOT IN (SELECT unnest(pg_temp.marsql_test_peer_functions()))
	  AND proname NOT IN ('gpu_info', 'gpu_stats', 'value_cache_stats', 'value_cache_reset',
						  'shared_cache_stats', 'shared_cache_reset',
						  'stat_tasks', 'stat_engine', 'stat_tasks_reset')
	  AND prorettype <> 'event_trigger'::regtype
$$, 'every function but random, blas_info, the chunked ones and k-NN over tables is immutable');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace AND proname IN ('gpu_info', 'gpu_stats')
	  AND provolatile <> 'v'
$$, 'gpu_info and gpu_stats are volatile: they report the machine and the session');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace
	  AND proname IN ('value_cache_stats', 'value_cache_reset', 'shared_cache_stats', 'shared_cache_reset')
	  AND (provolatile <> 'v' OR proparallel <> 'r')
$$, 'the value and shared cache stats and reset functions are volatile and parallel restricted: they read and clear caches');
SELECT ok(NOT has_function_privilege('public', 'marsql.shared_cache_reset()', 'EXECUTE'),
		  'only superusers (and roles granted it) empty the server-wide shared cache');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace
	  AND proname IN ('stat_tasks', 'stat_engine', 'stat_tasks_reset')
	  AND (provolatile <> 'v' OR proparallel <> 'r')
$$, 'the engine''s statistics functions and their reset are volatile and parallel restricted: they read and zero shared counters');
SELECT ok(has_table_privilege('public', 'marsql.stat_tasks', 'SELECT')
		  AND has_table_privilege('public', 'marsql.stat_engine', 'SELECT'),
		  'everybody reads marsql.stat_tasks and marsql.stat_engine, as pg_stat_* views');
SELECT ok(NOT has_function_privilege('public', 'marsql.stat_tasks_reset()', 'EXECUTE'),
		  'only superusers (and roles granted it) reset the engine''s statistics, as pg_stat_reset');
SELECT is((SELECT provolatile::text FROM pg_proc
		   WHERE oid = 'marsql.random(integer[], bigint, text, text)'::regprocedure),
		  'v', 'random is volatile: without a seed it differs per call');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace AND prokind = 'f' AND NOT proisstrict
	  AND proname NOT IN (
		'random', 'eye',				-- NULL seed / NULL m have meanings
		'clip',							-- NULL bound: none
		'transpose', 'squeeze', 'repeat', 'take', 'cumsum', 'norm',
		'sum', 'prod', 'mean', 'min', 'max', 'var', 'std',
		'argmin', 'argmax', 'any', 'all', 'count_nonzero', 'cumprod',
		'flip', 'roll',					-- NULL axis: every axis / flattened
		'zeros_like', 'ones_like', 'full_like',	-- NULL dtype: t's
		'concatenate',					-- NULL axis: the tensors flattened
		'slice', 'set_slice',			-- NULL bounds: omitted
		'compress', 'index', 'take_along_axis', 'put_along_axis',	-- NULL axis: flattened
		'tril_indices', 'triu_indices',	-- NULL m: n
		'sort', 'argsort', 'partition', 'argpartition', 'topk', 'argtopk',
		'lexsort', 'unique', 'unique_all',	-- NULL axis: flattened
		'searchsorted',					-- NULL sorter: none
		'lstsq', 'matrix_rank',			-- NULL rcond / tol: numpy's default
		'fft', 'ifft', 'rfft', 'irfft', 'hfft', 'ihfft', 'fft2', 'ifft2', 'rfft2',
		'irfft2', 'fftn', 'ifftn', 'rfftn', 'irfftn',	-- NULL n / s / axes / norm: numpy's None
		'fftshift', 'ifftshift',		-- NULL axes: every axis
		'packbits', 'unpackbits',		-- NULL axis: flattened; NULL count: all
		'binary_repr',					-- NULL width: none
		'nan_to_num',					-- NULL posinf / neginf: the dtype's largest
		'unwrap',						-- NULL discont: period / 2
		'interp',						-- NULL left / right / period: numpy's None
		'map', 'map_rows', 'fetch',		-- the witness is NULL
		'spawn', 'execute',				-- NULL arguments are passed on
		'forget_tasks', 'task_list')	-- no arguments
	  AND p.oid <> ALL (pg_temp.marsql_test_chunked_functions())	-- NULL tile / target: defaults
	  AND p.oid <> ALL (pg_temp.marsql_test_table_functions())	-- NULL filter: none
	  AND proname NOT IN ('peer_run_task',	-- NULL settings: the peer's own
		'peer_status', 'check_peers', 'peer_connections', 'disconnect_peers',	-- no arguments
		'gpu_info', 'gpu_stats', 'value_cache_stats', 'value_cache_reset',
		'shared_cache_stats', 'shared_cache_reset')
	  AND p.oid NOT IN ('marsql.matmul(marsql.tensor,marsql.tensor,text)'::regprocedure,
		'marsql.knn(marsql.tensor,marsql.tensor,integer,text,text)'::regprocedure)	-- NULL device: the setting
	  AND proname NOT LIKE 'tensor_stack_%' AND proname NOT LIKE 'tensor_sum_%'
	  AND proname NOT LIKE 'tensor_avg_%' AND proname NOT LIKE 'tensor_min_%'
	  AND proname NOT LIKE 'tensor_max_%'
	  AND prorettype <> 'event_trigger'::regtype	-- called by the server, not with arguments
$$, 'functions are strict unless they handle NULL arguments');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace AND prorettype = 'event_trigger'::regtype
	  AND p.oid <> 'marsql.result_storage_drop_start()'::regprocedure
	  AND NOT (prosecdef AND provolatile = 'v' AND proparallel = 'u'
			   AND 'search_path=pg_catalog, pg_temp' = ANY (proconfig))
$$, 'event trigger functions (catalogs following renames and drops) run as the owner, volatile, with search_path pinned');
SELECT is((SELECT concat_ws(' ', l.lanname, prosecdef, provolatile, proparallel, proconfig IS NULL)
		   FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
		   WHERE p.oid = 'marsql.result_storage_drop_start()'::regprocedure),
		  'c f v u t',
		  'result_storage_drop_start (DROP TABLE, DROP OWNED) is C run as the caller, on the caller''s search_path: it finds the tables the command names as the command does');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace AND prokind = 'f' AND NOT proisstrict
	  AND proname IN ('argmin', 'argmax') AND pronargs = 1
$$, 'argmin(t) and argmax(t) without an axis are strict');
SELECT has_function('marsql', 'tensor_subscript_handler', ARRAY['internal'],
					'tensor has a subscripting handler');
SELECT is((SELECT typsubscript::text FROM pg_type WHERE oid = 'marsql.tensor'::regtype),
		  'marsql.tensor_subscript_handler', 'tensor[...] uses it');
SELECT is((SELECT aggcombinefn::text FROM pg_aggregate
		   WHERE aggfnoid = 'marsql.sum_agg(marsql.tensor)'::regprocedure),
		  'marsql.tensor_sum_combinefn', 'sum_agg combines partial states (parallel query)');
SELECT is((SELECT aggcombinefn::text FROM pg_aggregate
		   WHERE aggfnoid = 'marsql.avg_agg(marsql.tensor)'::regprocedure),
		  'marsql.tensor_sum_combinefn', 'avg_agg combines partial states (parallel query)');
SELECT is((SELECT string_agg(concat_ws(' ', aggfnoid::regprocedure, aggcombinefn, aggserialfn,
									   aggdeserialfn, proparallel), ', ' ORDER BY aggfnoid::text)
		   FROM pg_aggregate JOIN pg_proc p ON p.oid = aggfnoid
		   WHERE aggfnoid IN ('marsql.sum(marsql.tensor)'::regprocedure, 'marsql.avg(marsql.tensor)'::regprocedure,
							  'marsql.min(marsql.tensor)'::regprocedure, 'marsql.max(marsql.tensor)'::regprocedure)),
		  'marsql.avg(marsql.tensor) marsql.tensor_sum_combinefn marsql.tensor_sum_serialfn marsql.tensor_sum_deserialfn s, '
		  'marsql.max(marsql.tensor) marsql.tensor_max_combinefn marsql.tensor_sum_serialfn marsql.tensor_sum_deserialfn s, '
		  'marsql.min(marsql.tensor) marsql.tensor_min_combinefn marsql.tensor_sum_serialfn marsql.tensor_sum_deserialfn s, '
		  'marsql.sum(marsql.tensor) marsql.tensor_sum_combinefn marsql.tensor_sum_serialfn marsql.tensor_sum_deserialfn s',
		  'sum, avg, min and max of one tensor are parallel-safe aggregates with combine, serialize and deserialize');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p
	WHERE pronamespace = 'marsql'::regnamespace AND prokind = 'f'
	  AND proname IN (SELECT proname FROM pg_proc WHERE prokind = 'a'
					  AND pronamespace = 'pg_catalog'::regnamespace)
	  AND proargtypes[0] = 'marsql.tensor'::regtype AND pronargs - pronargdefaults <= 1
$$, 'no plain function shares the name of a SQL aggregate and takes one tensor (sum(t) is the aggregate; sum(t, NULL) numpy''s reduction)');
SELECT is((SELECT string_agg(proname, ' ' ORDER BY proname) FROM pg_proc p
		   WHERE pronamespace = 'marsql'::regnamespace AND prokind = 'f' AND NOT proisstrict
			 AND proname IN ('sum', 'min', 'max') AND proargtypes[0] = 'marsql.tensor'::regtype),
		  'max min sum', 'sum, min and max with an axis are not strict: sum(t, NULL) reduces every element');

SELECT has_cast('real[]', 'marsql.tensor', 'cast real[] -> tensor');
SELECT has_cast('double precision[]', 'marsql.tensor', 'cast double precision[] -> tensor');
SELECT has_cast('numeric[]', 'marsql.tensor', 'cast numeric[] -> tensor');
SELECT has_cast('marsql.tensor', 'real[]', 'cast tensor -> real[]');
SELECT has_cast('marsql.tensor', 'double precision[]', 'cast tensor -> double precision[]');
SELECT has_cast('smallint[]', 'marsql.tensor', 'cast smallint[] -> tensor');
SELECT has_cast('jsonb', 'marsql.tensor', 'cast jsonb -> tensor');
SELECT has_cast('marsql.tensor', 'double precision', 'cast size-1 tensor -> double precision');
SELECT has_cast('marsql.tensor', 'real', 'cast size-1 tensor -> real');
SELECT has_cast('marsql.tensor', 'numeric', 'cast size-1 tensor -> numeric');
SELECT has_cast('marsql.tensor', 'json', 'cast tensor -> json (what to_json and to_jsonb use)');
SELECT has_cast('marsql.tensor', 'jsonb', 'cast tensor -> jsonb');
SELECT is_empty($$
	SELECT casttarget::regtype::text FROM pg_cast
	WHERE castsource = 'marsql.tensor'::regtype AND castcontext = 'i'
	  AND casttarget <> 'marsql.tensor'::regtype
$$, 'a tensor converts to nothing else implicitly (numbers are assignment casts)');
SELECT has_opclass('marsql', 'tensor_ops', 'btree operator class');
SELECT has_opclass('marsql', 'tensor_hash_ops', 'hash operator class');
SELECT is((SELECT typstorage::text FROM pg_type WHERE oid = 'marsql.tensor'::regtype), 'e',
		  'tensor storage is external (see docs/tensor.md)');

LOAD 'marsql';
SELECT throws_ok($$SET marsql.no_such_setting = 1$$, '42602', NULL, 'the marsql. settings prefix is reserved');
SELECT lives_ok($$SELECT marsql.zeros('{1}')$$, 'the library loads');

SELECT * FROM finish();
ROLLBACK;
