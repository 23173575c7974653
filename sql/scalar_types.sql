-- A SQL number next to a tensor is numpy 2's weak scalar (NEP 50), whatever
-- the SQL number type: smallint, integer and bigint are weak ints (an int8
-- tensor stays int8), real, double precision and numeric weak floats.
-- Walks the catalog so that a new tensor-number function or operator
-- without its smallint form (which PostgreSQL would resolve to the double
-- precision form, through float64) is caught.
SET search_path = public, marsql;

-- every function or operator with a (tensor, integer) scalar form has the
-- (tensor, smallint) form too
SELECT p.proname, p.proargtypes::regtype[] AS missing_smallint_form
FROM pg_proc p
WHERE p.pronamespace = 'marsql'::regnamespace AND p.pronargs = 2
  AND 'marsql.tensor'::regtype = ANY (p.proargtypes::oid[])
  AND 'integer'::regtype = ANY (p.proargtypes::oid[])
  AND p.prosrc ~ 'int4'
  AND NOT EXISTS (
	SELECT 1 FROM pg_proc q
	WHERE q.pronamespace = p.pronamespace AND q.proname = p.proname
	  AND q.proargtypes::oid[] = array_replace(p.proargtypes::oid[], 'integer'::regtype::oid, 'smallint'::regtype::oid))
ORDER BY 1, 2;

SELECT o.oprname, o.oprleft::regtype, o.oprright::regtype
FROM pg_operator o
WHERE o.oprnamespace = 'marsql'::regnamespace
  AND 'integer'::regtype IN (o.oprleft, o.oprright)
  AND 'marsql.tensor'::regtype IN (o.oprleft, o.oprright)
  AND NOT EXISTS (
	SELECT 1 FROM pg_operator p
	WHERE p.oprnamespace = o.oprnamespace AND p.oprname = o.oprname
	  AND p.oprleft = CASE o.oprleft WHEN 'integer'::regtype THEN 'smallint'::regtype ELSE o.oprleft END
	  AND p.oprright = CASE o.oprright WHEN 'integer'::regtype THEN 'smallint'::regtype ELSE o.oprright END)
ORDER BY 1, 2, 3;

-- every tensor-number function and operator (those with a double
-- precision operand next to a tensor), called with each SQL number
-- type on an int8 and a float32 tensor, resolves to the form of its kind:
-- the result (dtype, or SQLSTATE) of a smallint or bigint argument is that
-- of integer, of real or numeric that of double precision.  Lists the
-- forms that differ (none).
CREATE FUNCTION pg_temp.outcome(stmt text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	r text;
BEGIN
	EXECUTE stmt INTO r;
	RETURN r;
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END $$;

CREATE TEMP TABLE forms AS
SELECT DISTINCT 'f' AS kind, p.proname::text AS name,
	   (p.proargtypes[0] = 'marsql.tensor'::regtype) AS tensor_first
FROM pg_proc p
WHERE p.pronamespace = 'marsql'::regnamespace AND p.pronargs = 2
  AND 'double precision'::regtype = ANY (p.proargtypes::oid[])
  AND 'marsql.tensor'::regtype = ANY (p.proargtypes::oid[])
  AND p.prorettype = 'marsql.tensor'::regtype
  AND p.proname NOT LIKE 'tensor\_%'
UNION
SELECT DISTINCT 'o', o.oprname::text, o.oprleft = 'marsql.tensor'::regtype
FROM pg_operator o
WHERE o.oprnamespace = 'marsql'::regnamespace
  AND 'marsql.tensor'::regtype IN (o.oprleft, o.oprright)
  AND 'double precision'::regtype IN (o.oprleft, o.oprright);

SELECT count(*) > 40 AS enough_forms FROM forms;
SELECT string_agg(kind || ' ' || name || CASE WHEN tensor_first THEN '' ELSE ' (number first)' END, ', ' ORDER BY kind, name, tensor_first) FROM forms;

CREATE TEMP TABLE outcomes AS
SELECT f.kind, f.name, f.tensor_first, t.tensor, s.sqltype,
	   pg_temp.outcome(format(
		   'SELECT marsql.dtype(%s)',
		   CASE WHEN f.kind = 'o' AND f.tensor_first THEN
				format('%L::marsql.tensor OPERATOR(marsql.%s) 3::%s', t.tensor, f.name, s.sqltype)
				WHEN f.kind = 'o' THEN
				format('3::%s OPERATOR(marsql.%s) %L::marsql.tensor', s.sqltype, f.name, t.tensor)
				WHEN f.tensor_first THEN
				format('marsql.%I(%L::marsql.tensor, 3::%s)', f.name, t.tensor, s.sqltype)
				ELSE
				format('marsql.%I(3::%s, %L::marsql.tensor)', f.name, s.sqltype, t.tensor) END)) AS result
FROM forms f,
	 (VALUES ('int8:[1,2]'), ('float32:[1,2]'), ('uint8:[1,2]')) AS t(tensor),
	 (VALUES ('smallint'), ('integer'), ('bigint'), ('real'), ('double precision'), ('numeric')) AS s(sqltype);

SELECT o.kind, o.name, o.tensor_first, o.tensor, o.sqltype, o.result, ref.sqltype AS like_type, ref.result AS reference
FROM outcomes o
JOIN outcomes ref ON ref.kind = o.kind AND ref.name = o.name AND ref.tensor_first = o.tensor_first
	AND ref.tensor = o.tensor
	AND ref.sqltype = CASE WHEN o.sqltype IN ('smallint', 'bigint') THEN 'integer' ELSE 'double precision' END
WHERE o.sqltype NOT IN ('integer', 'double precision') AND o.result IS DISTINCT FROM ref.result
ORDER BY 1, 2, 3, 4, 5;

-- and the weak scalar rules themselves, on the operators
SELECT t, marsql.dtype(t::marsql.tensor + 2::smallint) AS smallint_,
	   marsql.dtype(t::marsql.tensor + 2) AS integer_,
	   marsql.dtype(t::marsql.tensor + 2::bigint) AS bigint_,
	   marsql.dtype(t::marsql.tensor + 2::real) AS real_,
	   marsql.dtype(t::marsql.tensor + 2.0) AS numeric_,
	   marsql.dtype(t::marsql.tensor + 2::double precision) AS double_
FROM (VALUES ('bool:[true]'), ('int8:[1]'), ('int16:[1]'), ('int32:[1]'), ('int64:[1]'), ('uint8:[1]'),
			 ('float16:[1]'), ('float32:[1]'), ('float64:[1]'), ('complex64:[1]'), ('complex128:[1]')) AS v(t);
SELECT 'int8:[1,2]'::marsql.tensor + 2::smallint AS int8_plus_smallint,
	   2::smallint * 'int16:[1,-2]'::marsql.tensor AS smallint_times_int16,
	   'uint8:[1,2]'::marsql.tensor - 1::smallint AS uint8_minus_smallint,
	   marsql.maximum('int8:[1,5]', 3::smallint) AS maximum_int8_smallint,
	   marsql.less('int8:[1,5]', 3::smallint) AS less_int8_smallint;
SELECT try_sql($$SELECT 'int8:[1,2]'::marsql.tensor + 300::smallint$$);
SELECT try_sql($$SELECT 'uint8:[1,2]'::marsql.tensor * (-1)::smallint$$);
