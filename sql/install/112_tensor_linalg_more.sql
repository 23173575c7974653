-- More of numpy.linalg: general eigenproblems, trace, matrix powers,
-- products of several matrices, condition numbers, the array API's norms.

CREATE FUNCTION marsql.eig(a marsql.tensor, OUT w marsql.tensor, OUT v marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_eig'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.eig(marsql.tensor) IS
	'eigenvalues and right eigenvectors (columns of v) of a general square matrix (geev); complex unless every eigenvalue of a real input is real';

CREATE FUNCTION marsql.eigvals(a marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_eigvals'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.eigvals(marsql.tensor) IS
	'eigenvalues of a general square matrix (geev); complex unless every eigenvalue of a real input is real';

-- The functions below compose the ones above and before: SQL bodies are
-- parsed here (names bound now); plpgsql bodies name every object with its
-- schema and pin search_path to pg_catalog, so no caller's search_path
-- changes what they run (sql_safety).

CREATE FUNCTION marsql.trace(a marsql.tensor, "offset" integer DEFAULT 0, axis1 integer DEFAULT 0,
							 axis2 integer DEFAULT 1)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.sum(marsql.diagonal(a, "offset", axis1, axis2), -1);
COMMENT ON FUNCTION marsql.trace(marsql.tensor, integer, integer, integer) IS
	'sum along a diagonal of the axis1/axis2 planes (numpy.trace; int32 and bool sum to int64 as numpy.sum)';

CREATE FUNCTION marsql.linalg_trace(x marsql.tensor, "offset" integer DEFAULT 0)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.sum(marsql.diagonal(x, "offset", -2, -1), -1);
COMMENT ON FUNCTION marsql.linalg_trace(marsql.tensor, integer) IS
	'trace of each matrix of a stack, over the last two axes (numpy.linalg.trace, array API)';

-- matrix_transpose (the array API's) is in 082_tensor_assemble.sql

-- the extent of the last two axes, refusing what is not a stack of square matrices
CREATE FUNCTION marsql._square_extent(a marsql.tensor, fn text)
	RETURNS integer
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	s integer[] := marsql.shape(a);
	d integer := coalesce(array_length(s, 1), 0);
BEGIN
	IF d < 2 THEN
		RAISE EXCEPTION '% needs a tensor of at least two dimensions', fn
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = format('The tensor has %s dimensions.', d);
	END IF;
	IF s[d] <> s[d - 1] THEN
		RAISE EXCEPTION 'last two dimensions of the tensor must be square'
			USING ERRCODE = 'data_exception',
				  DETAIL = format('%s got a %s x %s matrix.', fn, s[d - 1], s[d]);
	END IF;
	RETURN s[d];
END
$$;
COMMENT ON FUNCTION marsql._square_extent(marsql.tensor, text) IS
	'internal: n of a stack of n x n matrices, or an error naming fn';

CREATE FUNCTION marsql.matrix_power(a marsql.tensor, n integer)
	RETURNS marsql.tensor
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	m integer := marsql._square_extent(a, 'matrix_power');
	k bigint := n;
	z marsql.tensor;
	result marsql.tensor;
BEGIN
	IF k = 0 THEN
		-- identities of a's dtype, one per matrix of the stack
		RETURN marsql.broadcast_to(marsql.astype(marsql.eye(m), marsql.dtype(a)), marsql.shape(a));
	END IF;
	IF k < 0 THEN
		a := marsql.inv(a);
		k := -k;
	END IF;
	IF k = 1 THEN
		RETURN a;
	ELSIF k = 2 THEN
		RETURN marsql.matmul(a, a);
	ELSIF k = 3 THEN
		RETURN marsql.matmul(marsql.matmul(a, a), a);
	END IF;
	-- binary decomposition, in numpy's order of products
	WHILE k > 0 LOOP
		z := CASE WHEN z IS NULL THEN a ELSE marsql.matmul(z, z) END;
		IF k % 2 = 1 THEN
			result := CASE WHEN result IS NULL THEN z ELSE marsql.matmul(result, z) END;
		END IF;
		k := k / 2;
	END LOOP;
	RETURN result;
END
$$;
COMMENT ON FUNCTION marsql.matrix_power(marsql.tensor, integer) IS
	'a raised to the integer power n by repeated matmul (negative n: of inv(a)); integers stay integers for n >= 0 (numpy.linalg.matrix_power)';

-- the product of arrays[i..j] (1-based) in the order split[i][j] chose
CREATE FUNCTION marsql._multi_dot_chain(arrays marsql.tensor[], split integer[], i integer, j integer)
	RETURNS marsql.tensor
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF i = j THEN
		RETURN arrays[i];
	END IF;
	RETURN marsql.matmul(marsql._multi_dot_chain(arrays, split, i, split[i][j]),
						 marsql._multi_dot_chain(arrays, split, split[i][j] + 1, j));
END
$$;
COMMENT ON FUNCTION marsql._multi_dot_chain(marsql.tensor[], integer[], integer, integer) IS
	'internal: multi_dot''s product of a sub-chain in the chosen order';

CREATE FUNCTION marsql.multi_dot(arrays marsql.tensor[])
	RETURNS marsql.tensor
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n integer := coalesce(cardinality(arrays), 0);
	d integer;
	first_1d boolean;
	last_1d boolean;
	p bigint[];
	cost double precision[];
	split integer[];
	q double precision;
	j integer;
	result marsql.tensor;
BEGIN
	IF n < 2 THEN
		RAISE EXCEPTION 'multi_dot needs at least two arrays'
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = format('It got %s.', n);
	END IF;
	FOR i IN 1 .. n LOOP
		IF arrays[i] IS NULL THEN
			RAISE EXCEPTION 'multi_dot: array % is NULL', i
				USING ERRCODE = 'null_value_not_allowed';
		END IF;
		d := marsql.ndim(arrays[i]);
		IF d <> 2 AND NOT ((i = 1 OR i = n) AND d = 1) THEN
			RAISE EXCEPTION 'multi_dot: array % must be 2-D', i
				USING ERRCODE = 'invalid_parameter_value',
					  DETAIL = format('It has %s dimensions; only the first and the last array may be 1-D.', d);
		END IF;
	END LOOP;
	IF n = 2 THEN
		RETURN marsql.matmul(arrays[1], arrays[2]);
	END IF;
	-- as numpy: 1-D ends become a row and a column, dropped again at the end
	first_1d := marsql.ndim(arrays[1]) = 1;
	last_1d := marsql.ndim(arrays[n]) = 1;
	IF first_1d THEN
		arrays[1] := marsql.expand_dims(arrays[1], 0);
	END IF;
	IF last_1d THEN
		arrays[n] := marsql.expand_dims(arrays[n], -1);
	END IF;
	p := ARRAY(SELECT (marsql.shape(a))[1]::bigint FROM unnest(arrays) a) || (marsql.shape(arrays[n]))[2]::bigint;
	IF n = 3 THEN
		-- numpy's choice for three: the cheaper of (ab)c and a(bc)
		IF p[1] * p[2] * p[3] + p[1] * p[3] * p[4] > p[2] * p[3] * p[4] + p[1] * p[2] * p[4] THEN
			result := marsql.matmul(arrays[1], marsql.matmul(arrays[2], arrays[3]));
		ELSE
			result := marsql.matmul(marsql.matmul(arrays[1], arrays[2]), arrays[3]);
		END IF;
	ELSE
		-- numpy's matrix chain order (Cormen's dynamic programme)
		cost := array_fill(0::double precision, ARRAY[n, n]);
		split := array_fill(0, ARRAY[n, n]);
		FOR l IN 1 .. n - 1 LOOP
			FOR i IN 1 .. n - l LOOP
				j := i + l;
				cost[i][j] := 'Infinity';
				FOR k IN i .. j - 1 LOOP
					q := cost[i][k] + cost[k + 1][j] + (p[i] * p[k + 1] * p[j + 1])::double precision;
					IF q < cost[i][j] THEN
						cost[i][j] := q;
						split[i][j] := k;
					END IF;
				END LOOP;
			END LOOP;
		END LOOP;
		result := marsql._multi_dot_chain(arrays, split, 1, n);
	END IF;
	IF first_1d AND last_1d THEN
		RETURN marsql.reshape(result, '{}');
	ELSIF first_1d OR last_1d THEN
		RETURN marsql.ravel(result);
	END IF;
	RETURN result;
END
$$;
COMMENT ON FUNCTION marsql.multi_dot(marsql.tensor[]) IS
	'the product of a chain of matrices (first and last may be 1-D) in the cheapest order, as numpy (numpy.linalg.multi_dot)';

CREATE FUNCTION marsql.matrix_norm(x marsql.tensor, keepdims boolean DEFAULT false, ord text DEFAULT 'fro')
	RETURNS marsql.tensor
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	r marsql.tensor;
	o text := lower(ord);
BEGIN
	IF marsql.ndim(x) < 2 THEN
		RAISE EXCEPTION 'matrix_norm needs a tensor of at least two dimensions'
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = format('The tensor has %s dimensions.', marsql.ndim(x));
	END IF;
	IF marsql.dtype(x) IN ('bool', 'int8', 'int16', 'int32', 'int64', 'uint8') THEN
		x := marsql.astype(x, 'float64');
	END IF;
	IF o = 'fro' THEN
		r := marsql.sqrt(marsql.sum(marsql.sum(marsql.tensor_mul(marsql.abs(x), marsql.abs(x)), -1), -1));
	ELSIF o IN ('nuc', '2', '-2') THEN
		r := marsql.svdvals(x);
		r := CASE o WHEN 'nuc' THEN marsql.sum(r, -1) WHEN '2' THEN marsql.max(r, -1) ELSE marsql.min(r, -1) END;
	ELSIF o IN ('1', '-1') THEN
		r := marsql.sum(marsql.abs(x), -2);
		r := CASE o WHEN '1' THEN marsql.max(r, -1) ELSE marsql.min(r, -1) END;
	ELSIF o IN ('inf', '-inf', 'infinity', '-infinity') THEN
		r := marsql.sum(marsql.abs(x), -1);
		r := CASE WHEN o LIKE '-%' THEN marsql.min(r, -1) ELSE marsql.max(r, -1) END;
	ELSE
		RAISE EXCEPTION 'invalid norm order "%" for matrices', ord
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Matrix norms take 1, -1, 2, -2, "inf", "-inf", "fro" or "nuc".';
	END IF;
	IF keepdims THEN
		r := marsql.expand_dims(marsql.expand_dims(r, -1), -1);
	END IF;
	RETURN r;
END
$$;
COMMENT ON FUNCTION marsql.matrix_norm(marsql.tensor, boolean, text) IS
	'matrix norm (fro, nuc, 1, -1, 2, -2, inf, -inf) of each matrix of a stack (numpy.linalg.matrix_norm, array API)';

CREATE FUNCTION marsql.vector_norm(x marsql.tensor, axis integer[] DEFAULT NULL, keepdims boolean DEFAULT false,
								   ord text DEFAULT '2')
	RETURNS marsql.tensor
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	s integer[] := marsql.shape(x);
	nd integer := marsql.ndim(x);
	ax integer[] := '{}';
	perm integer[] := '{}';
	kept integer[] := '{}';
	ones integer[] := '{}';
	len bigint := 1;
	a integer;
	r marsql.tensor;
BEGIN
	IF x IS NULL OR keepdims IS NULL OR ord IS NULL THEN
		RETURN NULL;
	END IF;
	IF lower(ord) IN ('fro', 'nuc') THEN
		RAISE EXCEPTION 'invalid norm order "%" for vectors', ord
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF axis IS NULL THEN
		r := marsql.norm(marsql.ravel(x), ord, 0);
		IF keepdims THEN
			r := marsql.reshape(r, array_fill(1, ARRAY[nd]));
		END IF;
		RETURN r;
	END IF;
	IF cardinality(axis) = 0 THEN
		RAISE EXCEPTION 'vector_norm needs at least one axis'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF cardinality(axis) = 1 THEN
		RETURN marsql.norm(x, ord, axis[1], keepdims);
	END IF;
	FOREACH a IN ARRAY axis LOOP
		IF a IS NULL OR a < -nd OR a >= nd THEN
			RAISE EXCEPTION 'axis % is out of bounds for a tensor of dimension %', a, nd
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		a := CASE WHEN a < 0 THEN a + nd ELSE a END;
		IF a = ANY (ax) THEN
			RAISE EXCEPTION 'repeated axis % in vector_norm', a
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		ax := ax || a;
		len := len * s[a + 1];
	END LOOP;
	-- the reduced axes moved to the end and flattened into one
	FOR i IN 0 .. nd - 1 LOOP
		IF NOT i = ANY (ax) THEN
			perm := perm || i;
			kept := kept || s[i + 1];
			ones := ones || s[i + 1];
		ELSE
			ones := ones || 1;
		END IF;
	END LOOP;
	r := marsql.norm(marsql.reshape(marsql.transpose(x, perm || ax), kept || len::integer), ord, -1);
	IF keepdims THEN
		r := marsql.reshape(r, ones);
	END IF;
	RETURN r;
END
$$;
COMMENT ON FUNCTION marsql.vector_norm(marsql.tensor, integer[], boolean, text) IS
	'vector norm over the given axes (all when NULL) (numpy.linalg.vector_norm, array API)';

CREATE FUNCTION marsql.vecdot(x1 marsql.tensor, x2 marsql.tensor, axis integer DEFAULT -1)
	RETURNS marsql.tensor
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	p marsql.tensor;
BEGIN
	IF marsql.ndim(x1) = 0 OR marsql.ndim(x2) = 0 THEN
		RAISE EXCEPTION 'vecdot needs tensors of at least one dimension'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF marsql.dtype(x1) LIKE 'complex%' THEN
		x1 := marsql.conj(x1);
	END IF;
	p := marsql.tensor_mul(x1, x2);
	-- a ufunc in numpy 2: the sum keeps the promoted dtype (int32 stays int32)
	RETURN marsql.astype(marsql.sum(p, axis), marsql.dtype(p));
END
$$;
COMMENT ON FUNCTION marsql.vecdot(marsql.tensor, marsql.tensor, integer) IS
	'dot products of vectors along axis, broadcasting the rest, conjugating x1 (numpy.vecdot / linalg.vecdot)';

CREATE FUNCTION marsql.matvec(x1 marsql.tensor, x2 marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.squeeze(marsql.matmul(x1, marsql.expand_dims(x2, -1)), -1);
COMMENT ON FUNCTION marsql.matvec(marsql.tensor, marsql.tensor) IS
	'matrix-vector products over stacks: (..., m, n) with (..., n) gives (..., m) (numpy.matvec)';

CREATE FUNCTION marsql.vecmat(x1 marsql.tensor, x2 marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.squeeze(marsql.matmul(marsql.expand_dims(CASE WHEN marsql.dtype(x1) LIKE 'complex%'
																THEN marsql.conj(x1) ELSE x1 END, -2), x2), -2);
COMMENT ON FUNCTION marsql.vecmat(marsql.tensor, marsql.tensor) IS
	'vector-matrix products over stacks, conjugating the vector: (..., n) with (..., n, m) gives (..., m) (numpy.vecmat)';

CREATE FUNCTION marsql.cond(x marsql.tensor, p text DEFAULT NULL)
	RETURNS marsql.tensor
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	s marsql.tensor;
	nx marsql.tensor;
	r marsql.tensor;
	o text := lower(p);
BEGIN
	IF x IS NULL THEN
		RETURN NULL;
	END IF;
	IF marsql.ndim(x) = 2 AND marsql.size(x) = 0 THEN
		RAISE EXCEPTION 'cond is not defined on empty matrices'
			USING ERRCODE = 'data_exception';
	END IF;
	IF p IS NULL OR o IN ('2', '-2') THEN
		-- ratio of the extreme singular values (descending in s)
		IF marsql.ndim(x) < 2 THEN
			RAISE EXCEPTION 'cond needs a tensor of at least two dimensions'
				USING ERRCODE = 'invalid_parameter_value',
					  DETAIL = format('The tensor has %s dimensions.', marsql.ndim(x));
		END IF;
		s := marsql.svdvals(x);
		IF o = '-2' THEN
			r := marsql.tensor_div(marsql.min(s, -1), marsql.max(s, -1));
		ELSE
			r := marsql.tensor_div(marsql.max(s, -1), marsql.min(s, -1));
		END IF;
		-- numpy: 0 / 0 (a zero matrix) is inf unless the input holds a NaN
		IF NOT marsql.any(marsql.isnan(x))::boolean THEN
			r := marsql."where"(marsql.isnan(r), marsql.full_like(r, 'Infinity'::float8), r);
		END IF;
		RETURN r;
	END IF;
	PERFORM marsql._square_extent(x, 'cond');
	IF marsql.ndim(x) <> 2 THEN
		RAISE EXCEPTION 'cond of order "%" needs a 2-D tensor', p
			USING ERRCODE = 'feature_not_supported',
				  DETAIL = format('The tensor has %s dimensions.', marsql.ndim(x)),
				  HINT = 'Orders NULL, 2 and -2 take stacks of matrices.';
	END IF;
	nx := marsql.matrix_norm(x, false, p);
	BEGIN
		r := marsql.tensor_mul(nx, marsql.matrix_norm(marsql.inv(x), false, p));
	EXCEPTION WHEN data_exception THEN
		-- numpy: a singular matrix has condition number inf; NaN input gives NaN
		IF NOT marsql.any(marsql.isnan(x))::boolean THEN
			r := marsql.tensor_add(marsql.tensor_mul(nx, 0.0), 'Infinity'::float8);
		ELSE
			r := marsql.tensor_add(marsql.tensor_mul(nx, 0.0), 'NaN'::float8);
		END IF;
	END;
	-- numpy casts this result to the input's (complex) dtype
	IF marsql.dtype(x) LIKE 'complex%' THEN
		r := marsql.astype(r, marsql.dtype(x));
	END IF;
	RETURN r;
END
$$;
COMMENT ON FUNCTION marsql.cond(marsql.tensor, text) IS
	'condition number for norm order p (NULL/2/-2 from singular values, stacked; fro, nuc, 1, -1, inf, -inf as norm(x) norm(inv(x)), inf when singular) (numpy.linalg.cond)';

CREATE FUNCTION marsql.tensorinv(a marsql.tensor, ind integer DEFAULT 2)
	RETURNS marsql.tensor
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	s integer[] := marsql.shape(a);
	rows bigint := 1;
	total bigint := marsql.size(a);
BEGIN
	IF ind <= 0 THEN
		RAISE EXCEPTION 'invalid ind argument %', ind
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'ind must be positive: the number of leading axes of the inverse''s input.';
	END IF;
	FOR i IN ind + 1 .. coalesce(cardinality(s), 0) LOOP
		rows := rows * s[i];
	END LOOP;
	IF rows = 0 OR total % rows <> 0 OR total / rows <> rows THEN
		RAISE EXCEPTION 'tensorinv needs a tensor whose leading and trailing axes have equal products'
			USING ERRCODE = 'data_exception',
				  DETAIL = format('Shape %s with ind %s gives a %s x %s matrix.', s, ind, rows,
								  CASE WHEN rows = 0 THEN 0 ELSE total / rows END);
	END IF;
	RETURN marsql.reshape(marsql.inv(marsql.reshape(a, ARRAY[rows, rows]::integer[])),
						  coalesce(s[ind + 1:], '{}') || coalesce(s[1:ind], '{}'));
END
$$;
COMMENT ON FUNCTION marsql.tensorinv(marsql.tensor, integer) IS
	'the inverse of a tensor for tensordot over ind axes (numpy.linalg.tensorinv)';

CREATE FUNCTION marsql.tensorsolve(a marsql.tensor, b marsql.tensor, axes integer[] DEFAULT NULL)
	RETURNS marsql.tensor
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	an integer := marsql.ndim(a);
	bn integer := marsql.ndim(b);
	perm integer[] := '{}';
	s integer[];
	oldshape integer[];
	n bigint := 1;
	lead bigint := 1;
	k integer;
BEGIN
	IF a IS NULL OR b IS NULL THEN
		RETURN NULL;
	END IF;
	IF axes IS NOT NULL THEN
		-- numpy: the named axes of a move to the end, in the order given
		FOREACH k IN ARRAY axes LOOP
			IF k IS NULL OR k < -an OR k >= an THEN
				RAISE EXCEPTION 'axis % is out of bounds for a tensor of dimension %', k, an
					USING ERRCODE = 'invalid_parameter_value';
			END IF;
		END LOOP;
		FOR i IN 0 .. an - 1 LOOP
			IF NOT i = ANY (SELECT CASE WHEN v < 0 THEN v + an ELSE v END FROM unnest(axes) v) THEN
				perm := perm || i;
			END IF;
		END LOOP;
		a := marsql.transpose(a, perm || ARRAY(SELECT CASE WHEN v < 0 THEN v + an ELSE v END FROM unnest(axes) v));
	END IF;
	s := marsql.shape(a);
	IF an <= bn THEN
		RAISE EXCEPTION 'tensorsolve needs a with more dimensions than b'
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = format('a has %s dimensions, b %s.', an, bn);
	END IF;
	oldshape := s[bn + 1:];
	FOREACH k IN ARRAY oldshape LOOP
		n := n * k;
	END LOOP;
	FOR i IN 1 .. bn LOOP
		lead := lead * s[i];
	END LOOP;
	IF lead <> n THEN
		RAISE EXCEPTION 'tensorsolve: the leading axes of a do not match its trailing axes'
			USING ERRCODE = 'data_exception',
				  DETAIL = format('a has shape %s: %s elements in its first %s axes, %s in the rest.', s, lead, bn, n);
	END IF;
	RETURN marsql.reshape(marsql.solve(marsql.reshape(a, ARRAY[n, n]::integer[]), marsql.ravel(b)), oldshape);
END
$$;
COMMENT ON FUNCTION marsql.tensorsolve(marsql.tensor, marsql.tensor, integer[]) IS
	'x with tensordot(a, x, x.ndim) = b (numpy.linalg.tensorsolve)';
