-- Advanced indexing for every dtype (numpy semantics): boolean masks,
-- integer index tensors, positions of nonzero elements, choose/select, and
-- assignment into a mask, slice or index set that returns a new tensor.
-- Index tensors have an integer dtype, masks dtype bool; negative indices
-- count from the end.

CREATE FUNCTION marsql.mask_select(t marsql.tensor, mask marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_mask_select'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.mask_select(marsql.tensor, marsql.tensor) IS
	'numpy t[mask]: the rows of t where the bool mask (t''s leading shape) is true, shape (n,) + t.shape[mask.ndim:]';

CREATE FUNCTION marsql.extract(condition marsql.tensor, arr marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_extract'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.extract(marsql.tensor, marsql.tensor) IS
	'the elements of arr (flattened) where condition (flattened, any dtype) is nonzero (numpy.extract)';

CREATE FUNCTION marsql.compress(condition marsql.tensor, a marsql.tensor,
								axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_compress'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.compress(marsql.tensor, marsql.tensor, integer) IS
	'the slices of a along axis where the 1-d condition is nonzero; of the flattened a when axis is NULL (numpy.compress)';

CREATE FUNCTION marsql.index(t marsql.tensor, indices marsql.tensor,
							 axis integer DEFAULT 0)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_index'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.index(marsql.tensor, marsql.tensor, integer) IS
	'numpy t[indices] (axis 0) or numpy.take(t, indices, axis) with an integer index tensor of any shape; NULL axis: of the flattened t';

CREATE FUNCTION marsql.take_along_axis(arr marsql.tensor, indices marsql.tensor,
									   axis integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_take_along_axis'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.take_along_axis(marsql.tensor, marsql.tensor, integer) IS
	'picks arr''s elements at indices along axis, other axes broadcast (numpy.take_along_axis); NULL axis: of the flattened arr';

CREATE FUNCTION marsql.nonzero(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nonzero'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nonzero(marsql.tensor) IS
	'the coordinates of the nonzero elements as an int64 (ndim, n) tensor, row d the indices on axis d: numpy.array(numpy.nonzero(t))';

CREATE FUNCTION marsql."where"(condition marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_nonzero'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql."where"(marsql.tensor) IS
	'one-argument numpy.where: marsql.nonzero(condition), an int64 (ndim, n) tensor';

CREATE FUNCTION marsql.argwhere(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_argwhere'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.argwhere(marsql.tensor) IS
	'the coordinates of the nonzero elements, one row each: int64 (n, ndim) (numpy.argwhere)';

CREATE FUNCTION marsql.flatnonzero(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_flatnonzero'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.flatnonzero(marsql.tensor) IS
	'the flat positions of the nonzero elements, int64 1-d (numpy.flatnonzero)';

CREATE FUNCTION marsql.choose(a marsql.tensor, choices marsql.tensor[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_choose'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.choose(marsql.tensor, marsql.tensor[]) IS
	'choices[a[i]][i] with a and the choices broadcast, dtypes promoted (numpy.choose, mode raise)';

CREATE FUNCTION marsql.select(condlist marsql.tensor[], choicelist marsql.tensor[],
							  "default" double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_select'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.select(marsql.tensor[], marsql.tensor[], double precision) IS
	'the choice of the first true bool condition, else default; all broadcast, dtypes promoted, default a weak float (numpy.select)';

-- an integer default (the default 0 included) is numpy's weak int, held
-- exactly (a double precision one is a weak float, whole or not, and rounds
-- beyond 2^53); it must fit an integer result dtype (22003)
CREATE FUNCTION marsql.select(condlist marsql.tensor[], choicelist marsql.tensor[],
							  "default" bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_select_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.select(marsql.tensor[], marsql.tensor[], bigint) IS
	'numpy.select with an integer default, exact for integer dtypes (a weak integer scalar)';

CREATE FUNCTION marsql.select(condlist marsql.tensor[], choicelist marsql.tensor[],
							  "default" integer DEFAULT 0)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.select(condlist, choicelist, "default"::bigint);
COMMENT ON FUNCTION marsql.select(marsql.tensor[], marsql.tensor[], integer) IS
	'numpy.select with an integer default (0 when omitted), a weak integer scalar';

CREATE FUNCTION marsql.select(condlist marsql.tensor[], choicelist marsql.tensor[],
							  "default" smallint)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.select(condlist, choicelist, "default"::bigint);
COMMENT ON FUNCTION marsql.select(marsql.tensor[], marsql.tensor[], smallint) IS
	'numpy.select with an integer default, a weak integer scalar';

CREATE FUNCTION marsql.put(a marsql.tensor, ind marsql.tensor, v marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_put'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.put(marsql.tensor, marsql.tensor, marsql.tensor) IS
	'a copy of a with the flat positions ind set to v, repeated when shorter (numpy.put, mode raise)';

CREATE FUNCTION marsql.put_along_axis(arr marsql.tensor, indices marsql.tensor,
									  "values" marsql.tensor, axis integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_put_along_axis'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.put_along_axis(marsql.tensor, marsql.tensor, marsql.tensor, integer) IS
	'a copy of arr with values written at indices along axis (numpy.put_along_axis); NULL axis: of the flattened arr';

CREATE FUNCTION marsql.mask_assign(t marsql.tensor, mask marsql.tensor,
								   "values" marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_mask_assign'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.mask_assign(marsql.tensor, marsql.tensor, marsql.tensor) IS
	'numpy t[mask] = values on a copy of t: values broadcast to (n,) + t.shape[mask.ndim:], converted to t''s dtype';

CREATE FUNCTION marsql.set_slice(t marsql.tensor, "values" marsql.tensor,
								 start integer[], stop integer[],
								 step integer[] DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_set_slice'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.set_slice(marsql.tensor, marsql.tensor, integer[], integer[], integer[]) IS
	'numpy t[start0:stop0:step0, ...] = values on a copy of t, bounds as marsql.slice takes them; values broadcast and converted to t''s dtype';

CREATE FUNCTION marsql.putmask(a marsql.tensor, mask marsql.tensor, "values" marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_putmask'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.putmask(marsql.tensor, marsql.tensor, marsql.tensor) IS
	'a copy of a with a.flat[i] = values.flat[i % n] where mask (same size, any dtype) is nonzero (numpy.putmask)';

CREATE FUNCTION marsql.place(arr marsql.tensor, mask marsql.tensor, vals marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_place'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.place(marsql.tensor, marsql.tensor, marsql.tensor) IS
	'a copy of arr whose k-th element where mask is nonzero gets vals.flat[k % n] (numpy.place)';

CREATE FUNCTION marsql.unravel_index(indices marsql.tensor, shape integer[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_unravel_index'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.unravel_index(marsql.tensor, integer[]) IS
	'the coordinates of flat indices in shape as int64 (len(shape),) + indices.shape: numpy.array(numpy.unravel_index(indices, shape))';

CREATE FUNCTION marsql.ravel_multi_index(multi_index marsql.tensor, dims integer[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_ravel_multi_index'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ravel_multi_index(marsql.tensor, integer[]) IS
	'the flat indices (int64) of coordinates given as one integer tensor of shape (len(dims), ...) (numpy.ravel_multi_index, mode raise)';

CREATE FUNCTION marsql.diagonal(a marsql.tensor, "offset" integer DEFAULT 0,
								axis1 integer DEFAULT 0, axis2 integer DEFAULT 1)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_diagonal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.diagonal(marsql.tensor, integer, integer, integer) IS
	'the diagonal of the axis1/axis2 planes, as the last axis (numpy.diagonal)';

CREATE FUNCTION marsql.fill_diagonal(a marsql.tensor, val marsql.tensor, wrap boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fill_diagonal'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fill_diagonal(marsql.tensor, marsql.tensor, boolean) IS
	'a copy of a with val (repeated) written on the main diagonal (numpy.fill_diagonal)';

CREATE FUNCTION marsql.tril_indices(n integer, k integer DEFAULT 0, m integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_tril_indices'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tril_indices(integer, integer, integer) IS
	'the (row, column) indices of the lower triangle of an (n, m) matrix as int64 (2, N) (numpy.tril_indices); NULL m: n';

CREATE FUNCTION marsql.triu_indices(n integer, k integer DEFAULT 0, m integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_triu_indices'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.triu_indices(integer, integer, integer) IS
	'the (row, column) indices of the upper triangle of an (n, m) matrix as int64 (2, N) (numpy.triu_indices); NULL m: n';

CREATE FUNCTION marsql.diag_indices(n integer, ndim integer DEFAULT 2)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_diag_indices'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.diag_indices(integer, integer) IS
	'the indices of the main diagonal of an n x ... x n tensor as int64 (ndim, n) (numpy.diag_indices)';

CREATE FUNCTION marsql.indices(dimensions integer[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_indices'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.indices(integer[]) IS
	'the grid of coordinates of a tensor of that shape, int64 (ndim,) + dimensions (numpy.indices)';
