-- numpy's joining, splitting and editing routines (tensor_assemble.c):
-- several tensors in as tensor[], several out as tensor[], as concatenate
-- and split.

CREATE FUNCTION marsql.atleast_1d(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_atleast_1d'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.atleast_1d(marsql.tensor) IS
	't with at least one dimension: a 0-d tensor becomes shape (1) (numpy.atleast_1d)';

CREATE FUNCTION marsql.atleast_2d(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_atleast_2d'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.atleast_2d(marsql.tensor) IS
	't with at least two dimensions: (n) becomes (1,n) (numpy.atleast_2d)';

CREATE FUNCTION marsql.atleast_3d(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_atleast_3d'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.atleast_3d(marsql.tensor) IS
	't with at least three dimensions: (n) becomes (1,n,1), (m,n) becomes (m,n,1) (numpy.atleast_3d)';

CREATE FUNCTION marsql.vstack(tensors marsql.tensor[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_vstack'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.vstack(marsql.tensor[]) IS
	'tensors stacked vertically: made at least 2-D, joined along axis 0 (numpy.vstack)';

CREATE FUNCTION marsql.hstack(tensors marsql.tensor[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_hstack'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.hstack(marsql.tensor[]) IS
	'tensors stacked horizontally: joined along axis 1, along axis 0 for 1-D tensors (numpy.hstack)';

CREATE FUNCTION marsql.dstack(tensors marsql.tensor[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_dstack'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.dstack(marsql.tensor[]) IS
	'tensors stacked in depth: made at least 3-D, joined along axis 2 (numpy.dstack)';

CREATE FUNCTION marsql.column_stack(tensors marsql.tensor[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_column_stack'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.column_stack(marsql.tensor[]) IS
	'1-D tensors as the columns of a 2-D tensor; 2-D tensors joined along axis 1 (numpy.column_stack)';

CREATE FUNCTION marsql.block(tensors marsql.tensor[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_block'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.block(marsql.tensor[]) IS
	'a tensor assembled from blocks: ARRAY[a, b] joins along the last axis, ARRAY[[a, b], [c, d]] joins rows of blocks along the axis before (numpy.block)';

CREATE FUNCTION marsql.array_split(t marsql.tensor, sections integer, axis integer DEFAULT 0)
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_array_split'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.array_split(marsql.tensor, integer, integer) IS
	't cut into sections pieces along axis, the first ones one longer when they cannot be equal (numpy.array_split)';

CREATE FUNCTION marsql.array_split(t marsql.tensor, indices integer[], axis integer DEFAULT 0)
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_split_indices'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.array_split(marsql.tensor, integer[], integer) IS
	't cut before each of the indices along axis (numpy.array_split)';

CREATE FUNCTION marsql.hsplit(t marsql.tensor, sections integer)
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_hsplit_sections'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.hsplit(marsql.tensor, integer) IS
	't cut into equal sections along axis 1, axis 0 when 1-D (numpy.hsplit)';

CREATE FUNCTION marsql.hsplit(t marsql.tensor, indices integer[])
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_hsplit_indices'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.hsplit(marsql.tensor, integer[]) IS
	't cut before each of the indices along axis 1, axis 0 when 1-D (numpy.hsplit)';

CREATE FUNCTION marsql.vsplit(t marsql.tensor, sections integer)
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_vsplit_sections'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.vsplit(marsql.tensor, integer) IS
	't (at least 2-D) cut into equal sections along axis 0 (numpy.vsplit)';

CREATE FUNCTION marsql.vsplit(t marsql.tensor, indices integer[])
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_vsplit_indices'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.vsplit(marsql.tensor, integer[]) IS
	't (at least 2-D) cut before each of the indices along axis 0 (numpy.vsplit)';

CREATE FUNCTION marsql.dsplit(t marsql.tensor, sections integer)
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_dsplit_sections'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.dsplit(marsql.tensor, integer) IS
	't (at least 3-D) cut into equal sections along axis 2 (numpy.dsplit)';

CREATE FUNCTION marsql.dsplit(t marsql.tensor, indices integer[])
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_dsplit_indices'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.dsplit(marsql.tensor, integer[]) IS
	't (at least 3-D) cut before each of the indices along axis 2 (numpy.dsplit)';

CREATE FUNCTION marsql.unstack(t marsql.tensor, axis integer DEFAULT 0)
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_unstack'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.unstack(marsql.tensor, integer) IS
	'the slices of t along axis, that axis removed: the inverse of stack (numpy.unstack)';

CREATE FUNCTION marsql.broadcast_arrays(tensors marsql.tensor[])
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_broadcast_arrays'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.broadcast_arrays(marsql.tensor[]) IS
	'each tensor expanded to the shape all of them broadcast to, dtypes kept (numpy.broadcast_arrays; copies, not views)';

CREATE FUNCTION marsql.append(t marsql.tensor, "values" marsql.tensor, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_append'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.append(marsql.tensor, marsql.tensor, integer) IS
	'values appended to t along axis; both flattened when axis is NULL; dtypes promote (numpy.append)';

CREATE FUNCTION marsql.insert(t marsql.tensor, index integer, "values" marsql.tensor, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_insert_index'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.insert(marsql.tensor, integer, marsql.tensor, integer) IS
	'values (converted to t''s dtype, broadcast) inserted before index along axis; t flattened when axis is NULL (numpy.insert)';

CREATE FUNCTION marsql.insert(t marsql.tensor, indices integer[], "values" marsql.tensor, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_insert_indices'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.insert(marsql.tensor, integer[], marsql.tensor, integer) IS
	'values[j] (converted to t''s dtype, broadcast) inserted before indices[j] along axis; t flattened when axis is NULL (numpy.insert)';

CREATE FUNCTION marsql.delete(t marsql.tensor, index integer, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_delete_index'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.delete(marsql.tensor, integer, integer) IS
	't without the slice at index along axis; t flattened when axis is NULL (numpy.delete)';

CREATE FUNCTION marsql.delete(t marsql.tensor, indices integer[], axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_delete_indices'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.delete(marsql.tensor, integer[], integer) IS
	't without the slices at indices along axis; t flattened when axis is NULL (numpy.delete)';

CREATE FUNCTION marsql.delete(t marsql.tensor, obj marsql.tensor, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_delete_tensor'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.delete(marsql.tensor, marsql.tensor, integer) IS
	't without the slices obj selects along axis: integer indices, or a bool mask of the axis'' extent (numpy.delete)';

CREATE FUNCTION marsql.resize(t marsql.tensor, shape integer[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_resize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.resize(marsql.tensor, integer[]) IS
	'a tensor of the given shape filled with t''s elements in C order, repeated as needed; zeros when t is empty (numpy.resize)';

CREATE FUNCTION marsql.trim_zeros(t marsql.tensor, "trim" text DEFAULT 'fb')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_trim_zeros'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.trim_zeros(marsql.tensor, text) IS
	'leading (f) and/or trailing (b) zeros removed, on every axis of an n-d tensor (numpy.trim_zeros)';

CREATE FUNCTION marsql.fliplr(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fliplr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fliplr(marsql.tensor) IS
	't reversed along axis 1 (numpy.fliplr)';

CREATE FUNCTION marsql.flipud(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_flipud'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.flipud(marsql.tensor) IS
	't reversed along axis 0 (numpy.flipud)';

CREATE FUNCTION marsql.rot90(t marsql.tensor, k integer DEFAULT 1, axes integer[] DEFAULT '{0,1}')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_rot90'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.rot90(marsql.tensor, integer, integer[]) IS
	't rotated by k quarter turns in the plane of axes, from the first axis towards the second (numpy.rot90)';

CREATE FUNCTION marsql.rollaxis(t marsql.tensor, axis integer, start integer DEFAULT 0)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_rollaxis'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.rollaxis(marsql.tensor, integer, integer) IS
	'axis moved to stand before start, the other axes in order (numpy.rollaxis)';

CREATE FUNCTION marsql.matrix_transpose(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_matrix_transpose'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.matrix_transpose(marsql.tensor) IS
	'the last two axes swapped (numpy.matrix_transpose, array API)';

CREATE FUNCTION marsql.pad(t marsql.tensor, pad_width integer[], mode text DEFAULT 'constant',
						   constant_values double precision DEFAULT 0,
						   end_values double precision DEFAULT 0,
						   stat_length integer[] DEFAULT NULL,
						   reflect_type text DEFAULT 'even')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pad'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.pad(marsql.tensor, integer[], text, double precision, double precision, integer[], text) IS
	't padded by pad_width (one value, a (before, after) pair, or one pair per axis as int[][]) with mode constant, edge, reflect, symmetric, wrap, linear_ramp, maximum, minimum, mean, median or empty (zeros here) (numpy.pad)';

CREATE FUNCTION marsql.pad(t marsql.tensor, pad_width integer, mode text DEFAULT 'constant',
						   constant_values double precision DEFAULT 0,
						   end_values double precision DEFAULT 0,
						   stat_length integer[] DEFAULT NULL,
						   reflect_type text DEFAULT 'even')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pad_scalar'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.pad(marsql.tensor, integer, text, double precision, double precision, integer[], text) IS
	't padded by pad_width on both sides of every axis (numpy.pad with an int pad_width)';

-- differences and integrals (tensor_calculus.c)

CREATE FUNCTION marsql.diff(t marsql.tensor, n integer DEFAULT 1, axis integer DEFAULT -1,
							prepend marsql.tensor DEFAULT NULL, "append" marsql.tensor DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_diff'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.diff(marsql.tensor, integer, integer, marsql.tensor, marsql.tensor) IS
	'the n-th discrete difference along axis, prepend and append joined first; bool differences are not_equal (numpy.diff)';

CREATE FUNCTION marsql.ediff1d(t marsql.tensor, to_end marsql.tensor DEFAULT NULL, to_begin marsql.tensor DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_ediff1d'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ediff1d(marsql.tensor, marsql.tensor, marsql.tensor) IS
	'differences between consecutive elements of the flattened tensor, to_begin and to_end around them in t''s dtype (numpy.ediff1d)';

CREATE FUNCTION marsql.trapezoid(y marsql.tensor, x marsql.tensor DEFAULT NULL, dx double precision DEFAULT 1.0,
								 axis integer DEFAULT -1)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_trapezoid'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.trapezoid(marsql.tensor, marsql.tensor, double precision, integer) IS
	'the integral of y along axis by the trapezoidal rule, sample points x or spacing dx (numpy.trapezoid)';

CREATE FUNCTION marsql.cross(a marsql.tensor, b marsql.tensor, axisa integer DEFAULT -1, axisb integer DEFAULT -1,
							 axisc integer DEFAULT -1, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_cross'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.cross(marsql.tensor, marsql.tensor, integer, integer, integer, integer) IS
	'the cross product of the 2- or 3-vectors along axisa of a and axisb of b, broadcast, its components along axisc; axis sets all three (numpy.cross)';

CREATE FUNCTION marsql.linalg_cross(x1 marsql.tensor, x2 marsql.tensor, axis integer DEFAULT -1)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_linalg_cross'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.linalg_cross(marsql.tensor, marsql.tensor, integer) IS
	'the cross product of 3-vectors along axis, broadcast (numpy.linalg.cross)';

CREATE FUNCTION marsql.gradient(f marsql.tensor, spacing double precision DEFAULT 1.0, axis integer DEFAULT NULL,
								edge_order integer DEFAULT 1)
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_gradient'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.gradient(marsql.tensor, double precision, integer, integer) IS
	'the gradient of f along every axis (or axis), one tensor per axis: central differences inside, one-sided of edge_order 1 or 2 at the ends (numpy.gradient)';

CREATE FUNCTION marsql.gradient(f marsql.tensor, spacings marsql.tensor[], axis integer DEFAULT NULL,
								edge_order integer DEFAULT 1)
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_gradient_coordinates'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.gradient(marsql.tensor, marsql.tensor[], integer, integer) IS
	'the gradient of f with one spacing per axis: a 0-d tensor (uniform) or the 1-D coordinates along that axis (numpy.gradient with varargs)';

-- creation (tensor_creation.c and SQL compositions)

-- numpy.empty leaves the memory uninitialized; a tensor has no such state,
-- so empty and empty_like return zeros (the same as zeros / zeros_like).
CREATE FUNCTION marsql.empty(shape integer[], dtype text DEFAULT 'float64')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_zeros'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.empty(integer[], text) IS
	'a tensor of the given shape and dtype; zeros here, where numpy.empty leaves the values uninitialized (numpy.empty)';

CREATE FUNCTION marsql.empty_like(t marsql.tensor, dtype text DEFAULT NULL)
	RETURNS marsql.tensor
	LANGUAGE SQL IMMUTABLE PARALLEL SAFE
	RETURN marsql.zeros(marsql.shape(t), coalesce(dtype, marsql.dtype(t)));
COMMENT ON FUNCTION marsql.empty_like(marsql.tensor, text) IS
	'a tensor of t''s shape, in t''s dtype unless dtype is given; zeros here, where numpy.empty_like leaves the values uninitialized (numpy.empty_like)';

CREATE FUNCTION marsql.logspace(start double precision, stop double precision, num integer DEFAULT 50,
								endpoint boolean DEFAULT true, base double precision DEFAULT 10.0,
								dtype text DEFAULT 'float64')
	RETURNS marsql.tensor
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.astype(base ^ marsql.linspace(start, stop, num, endpoint), dtype);
COMMENT ON FUNCTION marsql.logspace(double precision, double precision, integer, boolean, double precision, text) IS
	'num values base ** linspace(start, stop), converted to dtype (numpy.logspace)';

CREATE FUNCTION marsql.geomspace(start double precision, stop double precision, num integer DEFAULT 50,
								 endpoint boolean DEFAULT true, dtype text DEFAULT 'float64')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_geomspace'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.geomspace(double precision, double precision, integer, boolean, text) IS
	'num values spaced evenly on a log scale from start to stop, the ends exact (numpy.geomspace)';

CREATE FUNCTION marsql.meshgrid(xs marsql.tensor[], indexing text DEFAULT 'xy', sparse boolean DEFAULT false)
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_meshgrid'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.meshgrid(marsql.tensor[], text, boolean) IS
	'coordinate grids from coordinate vectors, indexing xy (Cartesian) or ij (matrix), broadcast unless sparse (numpy.meshgrid)';

CREATE FUNCTION marsql.tri(n integer, m integer DEFAULT NULL, k integer DEFAULT 0, dtype text DEFAULT 'float64')
	RETURNS marsql.tensor
	LANGUAGE SQL IMMUTABLE PARALLEL SAFE
	RETURN marsql.tril(marsql.ones(ARRAY[n, coalesce(m, n)], dtype), k);
COMMENT ON FUNCTION marsql.tri(integer, integer, integer, text) IS
	'an n x m tensor with ones at and below diagonal k, zeros elsewhere (numpy.tri)';

CREATE FUNCTION marsql.vander(x marsql.tensor, n integer DEFAULT NULL, increasing boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_vander'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.vander(marsql.tensor, integer, boolean) IS
	'the Vandermonde matrix of x: columns x ** (n-1) .. x ** 0, reversed when increasing; n defaults to len(x) (numpy.vander)';

CREATE FUNCTION marsql.diagflat(v marsql.tensor, k integer DEFAULT 0)
	RETURNS marsql.tensor
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.diag(marsql.flatten(v), k);
COMMENT ON FUNCTION marsql.diagflat(marsql.tensor, integer) IS
	'a matrix with the flattened v on diagonal k (numpy.diagflat)';

CREATE FUNCTION marsql.diag_indices_from(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_diag_indices_from'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.diag_indices_from(marsql.tensor) IS
	'the indices of the main diagonal of t (all extents equal) as int64 (ndim, n), as diag_indices (numpy.diag_indices_from)';

CREATE FUNCTION marsql.tril_indices_from(t marsql.tensor, k integer DEFAULT 0)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_tril_indices_from'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tril_indices_from(marsql.tensor, integer) IS
	'the indices of the lower triangle of the 2-D t as int64 (2, count), as tril_indices (numpy.tril_indices_from)';

CREATE FUNCTION marsql.triu_indices_from(t marsql.tensor, k integer DEFAULT 0)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_triu_indices_from'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.triu_indices_from(marsql.tensor, integer) IS
	'the indices of the upper triangle of the 2-D t as int64 (2, count), as triu_indices (numpy.triu_indices_from)';

CREATE FUNCTION marsql.insert(t marsql.tensor, obj marsql.tensor, "values" marsql.tensor, axis integer DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_insert_tensor'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.insert(marsql.tensor, marsql.tensor, marsql.tensor, integer) IS
	'values inserted before the indices of the integer tensor obj (0-d: one index, 1-D: one per value slice) along axis (numpy.insert)';
