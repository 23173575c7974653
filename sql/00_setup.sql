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
