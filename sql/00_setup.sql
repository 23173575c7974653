-- Helpers for the other regression files: run a statement and show its
-- result, or its SQLSTATE, message, detail and hint on one line, so the
-- expected output pins every error exactly.
CREATE FUNCTION public.try_sql(stmt text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	result text;
	state text;
	message text;
	detail text;
	hint text;
BEGIN
	EXECUTE stmt INTO result;
	RETURN 'ok: ' || coalesce(result, 'NULL');
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
		detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
	RETURN state || ': ' || message
		|| CASE WHEN detail <> '' THEN ' | ' || detail ELSE '' END
		|| CASE WHEN hint <> '' THEN ' | HINT: ' || hint ELSE '' END;
END $$;

CREATE FUNCTION public.try_tensor(literal text) RETURNS text
LANGUAGE sql AS $$
	SELECT public.try_sql(format('SELECT %L::marsql.tensor::text', literal))
$$;

SELECT public.try_sql('SELECT 1/0');
SELECT public.try_tensor('[1,2]');

-- Rounds to 6 decimals and turns -0 into 0, so expected files do not
-- depend on the last bits a particular CPU's BLAS kernels produce.
CREATE FUNCTION public.near(t marsql.tensor) RETURNS marsql.tensor
LANGUAGE sql AS $$
	SELECT marsql.tensor_add(marsql.round(t, 6), 0.0)
$$;

-- For the tests that walk every function of the extension (null_arguments,
-- dtype_arguments): a valid sample of a type, as an SQL expression; the
-- argument's name picks among the meaningful texts, and dtype (when given)
-- the dtype of tensor samples.  NULL: no sample (that function is then
-- only called with NULLs in its place).
CREATE FUNCTION public.walk_sample(typ regtype, argname text, dtype text DEFAULT NULL) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	IF typ = 'text'::regtype THEN
		RETURN quote_literal(CASE argname
			WHEN 'dtype' THEN 'float64'
			WHEN 'distribution' THEN 'uniform'
			WHEN 'metric' THEN 'l2'
			WHEN 'device' THEN 'cpu'
			WHEN 'executors' THEN 'local'
			WHEN 'format' THEN 'text'
			WHEN 'ord' THEN 'fro'
			WHEN 'filter' THEN 'true'
			WHEN 'factory' THEN 'Flat'
			WHEN 'corpus' THEN 'public.walk_tab'
			WHEN 'name' THEN 'walk_index'
			WHEN 'query' THEN 'SELECT v FROM public.walk_tab ORDER BY id'
			WHEN 'search_path' THEN 'public'
			WHEN 'timezone' THEN 'UTC'
			WHEN 'target' THEN 'public.walk_target_' || nextval('public.walk_seq')
			ELSE 'x' END);
	END IF;
	RETURN CASE typ
		WHEN 'marsql.tensor'::regtype THEN CASE WHEN dtype IS NULL
			THEN $s$'[[1,2],[3,4]]'::marsql.tensor$s$
			ELSE format($s$marsql.astype('[[1,0],[0,1]]', %L)$s$, dtype) END
		WHEN 'marsql.tensor[]'::regtype THEN CASE WHEN dtype IS NULL
			THEN $s$ARRAY['[1,2]'::marsql.tensor, '[3,4]']$s$
			ELSE format($s$ARRAY[marsql.astype('[1,0]', %1$L), marsql.astype('[0,1]', %1$L)]$s$, dtype) END
		WHEN 'marsql.chunked_tensor'::regtype THEN '(SELECT ct FROM public.walk_ct)'
		WHEN 'marsql.task'::regtype THEN $s$'1/1'::marsql.task$s$
		WHEN 'marsql.task[]'::regtype THEN $s$'{1/1}'::marsql.task[]$s$
		WHEN 'smallint'::regtype THEN '1::smallint'
		WHEN 'integer'::regtype THEN '1'
		WHEN 'bigint'::regtype THEN '1::bigint'
		WHEN 'real'::regtype THEN '0.5::real'
		WHEN 'double precision'::regtype THEN '0.5::float8'
		WHEN 'boolean'::regtype THEN 'true'
		WHEN 'integer[]'::regtype THEN CASE argname
			WHEN 'axes' THEN $s$'{1,0}'::int[]$s$ ELSE $s$'{1,2}'::int[]$s$ END
		WHEN 'bigint[]'::regtype THEN $s$'{1,2}'::bigint[]$s$
		WHEN 'real[]'::regtype THEN $s$'{1,2}'::real[]$s$
		WHEN 'double precision[]'::regtype THEN $s$'{1,2}'::float8[]$s$
		WHEN 'numeric[]'::regtype THEN $s$'{1,2}'::numeric[]$s$
		WHEN 'text[]'::regtype THEN $s$'{}'::text[]$s$
		WHEN 'cstring'::regtype THEN $s$'[1,2]'::cstring$s$
		WHEN 'cstring[]'::regtype THEN $s$'{1}'::cstring[]$s$
		WHEN 'bytea'::regtype THEN $s$'\x00'::bytea$s$
		WHEN 'jsonb'::regtype THEN $s$'{}'::jsonb$s$
		WHEN 'oid'::regtype THEN '0::oid'
		WHEN 'name'::regtype THEN quote_literal(CASE
			WHEN argname IN ('id_column', 'query_id', 'order_by') THEN 'id' ELSE 'v' END) || '::name'
		WHEN 'regclass'::regtype THEN $s$'public.walk_tab'::regclass$s$
		WHEN 'regprocedure'::regtype THEN $s$'pg_catalog.abs(integer)'::regprocedure$s$
		-- polymorphic arguments resolve to integer
		WHEN 'anyelement'::regtype THEN '1'
		WHEN 'anycompatible'::regtype THEN '1'
		WHEN 'anyarray'::regtype THEN $s$'{1,2}'::int[]$s$
		WHEN '"any"'::regtype THEN '1'
		ELSE NULL END;
END $$;

-- The type an argument is given as (polymorphic ones resolve to integer)
CREATE FUNCTION public.walk_type(typ regtype) RETURNS text
LANGUAGE sql AS $$
	SELECT CASE typ
		WHEN 'anyelement'::regtype THEN 'integer'
		WHEN 'anycompatible'::regtype THEN 'integer'
		WHEN '"any"'::regtype THEN 'integer'
		WHEN 'anyarray'::regtype THEN 'integer[]'
		ELSE typ::text END
$$;
-- A typed NULL; internal cannot be cast to, but an untyped NULL reaches it
CREATE FUNCTION public.walk_null(typ regtype) RETURNS text
LANGUAGE sql AS $$
	SELECT CASE WHEN typ = 'internal'::regtype THEN 'NULL'
		ELSE 'NULL::' || public.walk_type(typ) END
$$;

