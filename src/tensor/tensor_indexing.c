/*
 * tensor_indexing.c
 *	  numpy's advanced indexing for every dtype: boolean masks (mask_select,
 *	  extract, compress, mask_assign), integer index tensors (index,
 *	  take_along_axis, put, put_along_axis), the positions of nonzero
 *	  elements (nonzero, one-argument "where", argwhere, flatnonzero),
 *	  choose and select, putmask and place, unravel_index and
 *	  ravel_multi_index, diagonals (diagonal, fill_diagonal, diag_indices),
 *	  index grids (indices, tril_indices, triu_indices), and slice
 *	  assignment (set_slice).  Every function
 *	  returns a new tensor; nothing writes into an argument.
 *
 *	  Index tensors may have any integer dtype; masks must be bool;
 *	  conditions (extract, compress, nonzero) may be of any dtype and count
 *	  their nonzero elements as numpy does.  Negative indices count from
 *	  the end; an index out of range is 22023 (numpy's IndexError).
 *	  Assigned values are converted to the target's dtype with
 *	  tensor_convert (numpy's astype, its undefined cases refused).  The
 *	  kernels are in kernels/indexing.c; this file checks shapes and dtypes.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/array.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "kernels/broadcast.h"
#include "kernels/indexing.h"
#include "kernels/strided.h"
#include "tensor/tensor_ops.h"

PG_FUNCTION_INFO_V1(tensor_mask_select);
PG_FUNCTION_INFO_V1(tensor_extract);
PG_FUNCTION_INFO_V1(tensor_compress);
PG_FUNCTION_INFO_V1(tensor_index);
PG_FUNCTION_INFO_V1(tensor_take_along_axis);
PG_FUNCTION_INFO_V1(tensor_nonzero);
PG_FUNCTION_INFO_V1(tensor_argwhere);
PG_FUNCTION_INFO_V1(tensor_flatnonzero);
PG_FUNCTION_INFO_V1(tensor_choose);
PG_FUNCTION_INFO_V1(tensor_select);
PG_FUNCTION_INFO_V1(tensor_select_int8);
PG_FUNCTION_INFO_V1(tensor_put);
PG_FUNCTION_INFO_V1(tensor_put_along_axis);
PG_FUNCTION_INFO_V1(tensor_mask_assign);
PG_FUNCTION_INFO_V1(tensor_set_slice);
PG_FUNCTION_INFO_V1(tensor_putmask);
PG_FUNCTION_INFO_V1(tensor_place);
PG_FUNCTION_INFO_V1(tensor_unravel_index);
PG_FUNCTION_INFO_V1(tensor_ravel_multi_index);
PG_FUNCTION_INFO_V1(tensor_diagonal);
PG_FUNCTION_INFO_V1(tensor_fill_diagonal);
PG_FUNCTION_INFO_V1(tensor_tril_indices);
PG_FUNCTION_INFO_V1(tensor_triu_indices);
PG_FUNCTION_INFO_V1(tensor_diag_indices);
PG_FUNCTION_INFO_V1(tensor_indices);

static Tensor *select_choices(ArrayType *condlist, ArrayType *choicelist,
							  double float_default, int64 int_default,
							  bool int_default_given);

/* ---- argument checks ---- */

static void
require_integer(const Tensor *t, const char *what)
{
	if (!mt_dtype_is_integer((MtDtype) t->dtype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s must have an integer dtype, not %s", what,
						mt_dtype_name((MtDtype) t->dtype)),
				 t->dtype == MT_BOOL ?
				 errhint("Select with a bool mask through marsql.mask_select.") :
				 errhint("Convert with marsql.astype(t, 'int64').")));
}

static void
require_bool(const Tensor *t, const char *what)
{
	if (t->dtype != MT_BOOL)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s must have dtype bool, not %s", what,
						mt_dtype_name((MtDtype) t->dtype)),
				 errhint("Make one with marsql.astype(t, 'bool').")));
}

/* palloc of n int64, refused past what one allocation may hold */
static int64 *
alloc_int64(int64 n)
{
	if (n > (int64) (MaxAllocSize / sizeof(int64)))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many indices: %lld", (long long) n),
				 errhint("Use a chunked_tensor for arrays larger than one value.")));
	return palloc(sizeof(int64) * Max(n, 1));
}

/*
 * Every index out of bounds is 2202E (PostgreSQL's array_subscript_error,
 * as a subscript out of bounds and take(t, int[]) raise); other bad
 * arguments are 22023.
 */
static void
index_out_of_bounds(int64 index, int axis, int64 len)
{
	ereport(ERROR,
			(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
			 errmsg("index %lld is out of bounds for axis %d with size %lld",
					(long long) index, axis, (long long) len)));
}

/* the elements of an integer index tensor as 0 .. len-1 (negative allowed) */
static int64 *
indices_of(const Tensor *idx, int64 len, int axis)
{
	int64		n = tensor_size(idx);
	int64	   *out = alloc_int64(n);
	int64		bad;

	require_integer(idx, "indices");
	for (int64 start = 0; start < n; start += TENSOR_INTERRUPT_STRIDE)
	{
		int64		count = Min(TENSOR_INTERRUPT_STRIDE, n - start);
		int64		at;

		CHECK_FOR_INTERRUPTS();
		at = mt_read_indices((const char *) TENSOR_DATA(idx) +
							 start * mt_dtype_size((MtDtype) idx->dtype),
							 (MtDtype) idx->dtype, count, len, true,
							 out + start, &bad);
		if (at >= 0)
			index_out_of_bounds(bad, axis, len);
	}
	return out;
}

/* how many elements of t are nonzero, polling for interrupts */
static int64
count_nonzero(const Tensor *t)
{
	int64		n = tensor_size(t);
	size_t		elem = mt_dtype_size((MtDtype) t->dtype);
	int64		count = 0;

	for (int64 start = 0; start < n; start += TENSOR_INTERRUPT_STRIDE)
	{
		CHECK_FOR_INTERRUPTS();
		count += mt_count_nonzero((const char *) TENSOR_DATA(t) + start * elem,
								  (MtDtype) t->dtype,
								  Min(TENSOR_INTERRUPT_STRIDE, n - start));
	}
	return count;
}

/* the positions of the nonzero elements of t (any dtype), flattened */
static int64 *
nonzero_positions(const Tensor *t, int64 *count)
{
	int64		n = tensor_size(t);
	int64		dims = n;
	int64	   *out;

	*count = count_nonzero(t);
	out = alloc_int64(*count);
	tensor_check_status(mt_nonzero_coords(TENSOR_DATA(t), (MtDtype) t->dtype,
										  1, &dims, *count, true, out,
										  tensor_poll_interrupts, NULL), NULL);
	return out;
}

/*
 * The product of extents [from, to) of dims: 0 when one is 0, else checked
 * (a part of a nonempty tensor's size always fits; an empty tensor's other
 * extents may not, and are never needed then).
 */
static int64
extent_product(const int64 *dims, int from, int to)
{
	int64		p = 1;

	for (int d = from; d < to; d++)
		if (dims[d] == 0)
			return 0;
	for (int d = from; d < to; d++)
		if (__builtin_mul_overflow(p, dims[d], &p))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("tensor is too large")));
	return p;
}

static void
check_result_ndim(int ndim)
{
	if (ndim > MT_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("number of tensor dimensions exceeds the maximum allowed (%d)",
						MT_MAX_DIMS)));
}

/* a copy of t (the result of an assignment) */
static Tensor *
tensor_copy(const Tensor *t)
{
	Tensor	   *r = palloc(VARSIZE(t));

	memcpy(r, t, VARSIZE(t));
	return r;
}

static void
shape_text(char *buf, size_t len, int ndim, const int64 *dims)
{
	mt_format_shape(buf, len, ndim, (const int64_t *) dims);
}

/*
 * v in dtype, broadcast to (ndim, dims) as numpy broadcasts an assigned
 * value: leading extents of 1 beyond ndim are dropped, and anything that
 * does not broadcast to exactly that shape is 22023.
 */
static Tensor *
value_for(Tensor *v, MtDtype dtype, int ndim, const int64 *dims)
{
	int			vndim = v->ndim;
	int			skip = 0;
	bool		ok = true;

	while (vndim - skip > ndim && v->dims[skip] == 1)
		skip++;
	if (vndim - skip > ndim)
		ok = false;
	for (int i = 0; ok && i < vndim - skip; i++)
	{
		int64		vd = v->dims[skip + i];
		int64		td = dims[ndim - (vndim - skip) + i];

		if (vd != td && vd != 1)
			ok = false;
	}
	if (!ok)
	{
		char		vs[256],
					ts[256];

		mt_format_shape32(vs, sizeof(vs), v->ndim, v->dims);
		shape_text(ts, sizeof(ts), ndim, dims);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("shape mismatch: value tensor of shape %s could not be broadcast to indexing result of shape %s",
						vs, ts)));
	}
	if (skip > 0)
	{
		int64		vdims[MT_MAX_DIMS];

		for (int i = 0; i < vndim - skip; i++)
			vdims[i] = v->dims[skip + i];
		v = tensor_reshaped(v, vndim - skip, vdims);
	}
	v = tensor_convert(v, dtype);
	return tensor_broadcast_to(v, ndim, dims);
}

/* The tensors of a tensor[] argument (any dtype), NULL elements refused. */
static Tensor **
tensor_list(ArrayType *arr, int *count, const char *what)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elems;
	bool	   *nulls;
	Tensor	  **result;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", what)));
	get_typlenbyvalalign(ARR_ELEMTYPE(arr), &typlen, &typbyval, &typalign);
	deconstruct_array(arr, ARR_ELEMTYPE(arr), typlen, typbyval, typalign,
					  &elems, &nulls, count);
	result = palloc(sizeof(Tensor *) * Max(*count, 1));
	for (int i = 0; i < *count; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not contain nulls", what)));
		result[i] = DatumGetTensorAnyDtypeP(elems[i]);
	}
	return result;
}

/* the broadcast shape of n tensors */
static int
broadcast_all(Tensor **ts, int n, int64 *dims)
{
	int			ndim = 0;
	int32		cur[MT_MAX_DIMS];

	for (int i = 0; i < n; i++)
	{
		MtError		err;
		int64_t		out[MT_MAX_DIMS];
		int			outn;

		if (mt_broadcast_shape(ndim, cur, ts[i]->ndim, ts[i]->dims, &outn,
							   out, &err) != MT_OK)
			tensor_report_error(&err, NULL);
		ndim = outn;
		for (int d = 0; d < ndim; d++)
			cur[d] = (int32) out[d];
	}
	for (int d = 0; d < ndim; d++)
		dims[d] = cur[d];
	return ndim;
}

/*
 * A bool mask over the leading axes of t: numpy's a[mask] needs
 * mask.shape == t.shape[:mask.ndim].  Returns the size of the rest.
 */
static int64
check_mask(const Tensor *t, const Tensor *mask)
{
	int64		dims[MT_MAX_DIMS];

	require_bool(mask, "mask");
	if (mask->ndim > t->ndim)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("too many indices for tensor: tensor is %d-dimensional, but %d were indexed",
						t->ndim, mask->ndim)));
	for (int d = 0; d < mask->ndim; d++)
		if (mask->dims[d] != t->dims[d])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("boolean index did not match indexed tensor along dimension %d; dimension is %d but corresponding boolean dimension is %d",
							d, t->dims[d], mask->dims[d])));
	tensor_dims64(t, dims);
	return extent_product(dims, mask->ndim, t->ndim);
}

/* ---- boolean masks ---- */

/* mask_select(t, mask): numpy t[mask], shape (n,) + t.shape[mask.ndim:] */
Datum
tensor_mask_select(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *mask = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	int64		inner = check_mask(t, mask);
	int64		n = tensor_size(mask);
	int64		dims[MT_MAX_DIMS];
	int			ndim = 0;
	size_t		elem = mt_dtype_size((MtDtype) t->dtype);
	Tensor	   *result;

	check_result_ndim(1 + t->ndim - mask->ndim);
	dims[ndim++] = count_nonzero(mask);
	for (int d = mask->ndim; d < t->ndim; d++)
		dims[ndim++] = t->dims[d];
	result = tensor_new_uninit(ndim, dims, (MtDtype) t->dtype);
	tensor_check_status(mt_mask_select(TENSOR_DATA(t), elem * inner,
									   TENSOR_DATA(mask), n,
									   TENSOR_DATA(result),
									   tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}

/* gather along axis of t (whose length there is len) the given indices */
static Tensor *
gather(const Tensor *t, int axis, const int64 *idx, int idx_ndim,
	   const int64 *idx_dims)
{
	int64		dims[MT_MAX_DIMS];
	int			ndim = 0;
	int64		outer,
				inner,
				count;
	Tensor	   *result;

	check_result_ndim(t->ndim - 1 + idx_ndim);
	for (int d = 0; d < axis; d++)
		dims[ndim++] = t->dims[d];
	for (int d = 0; d < idx_ndim; d++)
		dims[ndim++] = idx_dims[d];
	for (int d = axis + 1; d < t->ndim; d++)
		dims[ndim++] = t->dims[d];
	result = tensor_new_uninit(ndim, dims, (MtDtype) t->dtype);
	if (tensor_size(result) == 0)
		return result;
	/* a nonempty result: every part of its size fits */
	outer = extent_product(dims, 0, axis);
	count = extent_product(dims, axis, axis + idx_ndim);
	inner = extent_product(dims, axis + idx_ndim, ndim);
	tensor_check_status(mt_gather(TENSOR_DATA(t),
								  inner * mt_dtype_size((MtDtype) t->dtype),
								  outer, t->dims[axis], idx, count,
								  TENSOR_DATA(result), tensor_poll_interrupts,
								  NULL), NULL);
	return result;
}

/* extract(condition, arr): numpy.extract, arr.ravel()[condition.ravel() != 0] */
Datum
tensor_extract(PG_FUNCTION_ARGS)
{
	Tensor	   *cond = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *arr = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	int64		n = tensor_size(arr);
	int64		count;
	int64	   *pos = nonzero_positions(cond, &count);

	if (count > 0 && pos[count - 1] >= n)
		index_out_of_bounds(pos[count - 1], 0, n);
	arr = tensor_reshaped(arr, 1, &n);
	PG_RETURN_TENSOR_P(gather(arr, 0, pos, 1, &count));
}

/* compress(condition, a, axis DEFAULT NULL): numpy.compress */
Datum
tensor_compress(PG_FUNCTION_ARGS)
{
	Tensor	   *cond;
	Tensor	   *a;
	int			axis;
	int64		count;
	int64	   *pos;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	cond = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	a = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	if (cond->ndim != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("condition must be a 1-d tensor"),
				 errdetail("The condition has %d dimensions.", cond->ndim)));
	axis = tensor_axis_or_flatten(&a, PG_ARGISNULL(2),
								  PG_ARGISNULL(2) ? 0 : PG_GETARG_INT32(2));
	pos = nonzero_positions(cond, &count);
	if (count > 0 && pos[count - 1] >= a->dims[axis])
		index_out_of_bounds(pos[count - 1], axis, a->dims[axis]);
	PG_RETURN_TENSOR_P(gather(a, axis, pos, 1, &count));
}

/* mask_assign(t, mask, values): numpy t[mask] = values, as a new tensor */
Datum
tensor_mask_assign(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *mask = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	Tensor	   *v = PG_GETARG_TENSOR_ANYDTYPE_P(2);
	int64		inner = check_mask(t, mask);
	int64		n = tensor_size(mask);
	int64		dims[MT_MAX_DIMS];
	int			ndim = 0;
	size_t		block = mt_dtype_size((MtDtype) t->dtype) * inner;
	Tensor	   *result;

	check_result_ndim(1 + t->ndim - mask->ndim);
	dims[ndim++] = count_nonzero(mask);
	for (int d = mask->ndim; d < t->ndim; d++)
		dims[ndim++] = t->dims[d];
	v = value_for(v, (MtDtype) t->dtype, ndim, dims);
	result = tensor_copy(t);
	tensor_check_status(mt_mask_assign(TENSOR_DATA(result), block,
									   TENSOR_DATA(mask), n, TENSOR_DATA(v),
									   block, tensor_poll_interrupts, NULL),
						NULL);
	PG_RETURN_TENSOR_P(result);
}

/* ---- integer index tensors ---- */

/*
 * index(t, indices, axis DEFAULT 0): numpy t[indices] (axis 0), or
 * numpy.take(t, indices, axis) with an index tensor of any shape and
 * integer dtype; a NULL axis takes from the flattened tensor.
 */
Datum
tensor_index(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	Tensor	   *idx;
	int			axis;
	int64		idx_dims[MT_MAX_DIMS];
	int64	   *pos;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	idx = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	require_integer(idx, "indices");
	axis = tensor_axis_or_flatten(&t, PG_ARGISNULL(2),
								  PG_ARGISNULL(2) ? 0 : PG_GETARG_INT32(2));
	pos = indices_of(idx, t->dims[axis], axis);
	tensor_dims64(idx, idx_dims);
	PG_RETURN_TENSOR_P(gather(t, axis, pos, idx->ndim, idx_dims));
}

/*
 * The walk of take_along_axis and put_along_axis: arr and indices have the
 * same ndim; on every axis but `axis` their extents broadcast, and the
 * walk's shape (returned in dims) is the broadcast one, indices' extent on
 * `axis`.  strides gets arr's element strides, 0 where arr is broadcast.
 */
static void
along_axis_shape(const Tensor *arr, const Tensor *idx, int axis, int64 *dims,
				 int64 *strides)
{
	int64		own[MT_MAX_DIMS];

	if (idx->ndim != arr->ndim)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indices and arr must have the same number of dimensions"),
				 errdetail("indices has %d dimensions and arr %d.",
						   idx->ndim, arr->ndim)));
	tensor_dims64(arr, own);
	mt_contiguous_strides(arr->ndim, (int64_t *) own, (int64_t *) strides);
	for (int d = 0; d < arr->ndim; d++)
	{
		int64		a = arr->dims[d],
					i = idx->dims[d];

		if (d == axis)
		{
			dims[d] = i;
			continue;
		}
		if (a != i && a != 1 && i != 1)
		{
			char		as[256],
						is[256];

			mt_format_shape32(as, sizeof(as), arr->ndim, arr->dims);
			mt_format_shape32(is, sizeof(is), idx->ndim, idx->dims);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("shape mismatch: indexing tensors could not be broadcast together"),
					 errdetail("arr has shape %s and indices %s; they differ in dimension %d.",
							   as, is, d)));
		}
		dims[d] = Max(a, i);
		if (a == 1 && dims[d] != 1)
			strides[d] = 0;
	}
}

/* take_along_axis(arr, indices, axis): numpy.take_along_axis; NULL axis:
 * of the flattened arr, with 1-d indices */
Datum
tensor_take_along_axis(PG_FUNCTION_ARGS)
{
	Tensor	   *arr;
	Tensor	   *idx;
	int			axis;
	int64		dims[MT_MAX_DIMS],
				strides[MT_MAX_DIMS];
	int64	   *pos;
	Tensor	   *result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	arr = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	idx = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	require_integer(idx, "indices");
	if (PG_ARGISNULL(2) && idx->ndim != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("when axis is NULL, indices must have a single dimension")));
	axis = tensor_axis_or_flatten(&arr, PG_ARGISNULL(2),
								  PG_ARGISNULL(2) ? 0 : PG_GETARG_INT32(2));
	along_axis_shape(arr, idx, axis, dims, strides);
	idx = tensor_broadcast_to(idx, arr->ndim, dims);
	pos = indices_of(idx, arr->dims[axis], axis);
	result = tensor_new_uninit(arr->ndim, dims, (MtDtype) arr->dtype);
	tensor_check_status(mt_along_axis(TENSOR_DATA(arr), (int64_t *) strides,
									  axis, arr->ndim, (int64_t *) dims, pos,
									  TENSOR_DATA(result),
									  mt_dtype_size((MtDtype) arr->dtype),
									  false, tensor_poll_interrupts, NULL),
						NULL);
	PG_RETURN_TENSOR_P(result);
}

/* put_along_axis(arr, indices, values, axis): numpy.put_along_axis, as a
 * new tensor */
Datum
tensor_put_along_axis(PG_FUNCTION_ARGS)
{
	Tensor	   *arr;
	Tensor	   *idx;
	Tensor	   *v;
	int			axis;
	int64		dims[MT_MAX_DIMS],
				strides[MT_MAX_DIMS];
	int64		shape[MT_MAX_DIMS];
	int			shape_ndim;
	int64	   *pos;
	Tensor	   *result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	arr = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	idx = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	v = PG_GETARG_TENSOR_ANYDTYPE_P(2);
	require_integer(idx, "indices");
	if (PG_ARGISNULL(3) && idx->ndim != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("when axis is NULL, indices must have a single dimension")));
	shape_ndim = arr->ndim;
	tensor_dims64(arr, shape);
	axis = tensor_axis_or_flatten(&arr, PG_ARGISNULL(3),
								  PG_ARGISNULL(3) ? 0 : PG_GETARG_INT32(3));
	along_axis_shape(arr, idx, axis, dims, strides);
	idx = tensor_broadcast_to(idx, arr->ndim, dims);
	pos = indices_of(idx, arr->dims[axis], axis);
	v = value_for(v, (MtDtype) arr->dtype, arr->ndim, dims);
	result = tensor_copy(arr);
	tensor_check_status(mt_along_axis(TENSOR_DATA(result), (int64_t *) strides,
									  axis, arr->ndim, (int64_t *) dims, pos,
									  TENSOR_DATA(v),
									  mt_dtype_size((MtDtype) arr->dtype),
									  true, tensor_poll_interrupts, NULL),
						NULL);
	/* numpy writes through a flattened view: the result keeps arr's shape */
	if (PG_ARGISNULL(3))
		result = tensor_reshaped(result, shape_ndim, shape);
	PG_RETURN_TENSOR_P(result);
}

/* put(a, ind, v): numpy.put on a copy of a; v repeats when shorter */
Datum
tensor_put(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *idx = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	Tensor	   *v = PG_GETARG_TENSOR_ANYDTYPE_P(2);
	int64		n = tensor_size(a);
	int64		nv = tensor_size(v);
	int64	   *pos;
	Tensor	   *result;

	require_integer(idx, "indices");
	pos = indices_of(idx, n, 0);
	v = tensor_convert(v, (MtDtype) a->dtype);
	result = tensor_copy(a);
	if (nv > 0)
		tensor_check_status(mt_put(TENSOR_DATA(result),
								   mt_dtype_size((MtDtype) a->dtype), pos,
								   tensor_size(idx), TENSOR_DATA(v), nv,
								   tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}

/* ---- positions of nonzero elements ---- */

/*
 * The coordinates of t's nonzero elements as int64: by_axis gives numpy's
 * nonzero stacked, shape (ndim, n); otherwise argwhere's (n, ndim).  A 0-d
 * tensor counts as 1-d for nonzero (numpy's deprecated behaviour) and
 * gives (n, 0) for argwhere.
 */
static Tensor *
nonzero_coords(Tensor *t, bool by_axis)
{
	int64		dims[MT_MAX_DIMS];
	int			ndim = t->ndim;
	int64		count;
	int64		rdims[2];
	Tensor	   *result;

	tensor_dims64(t, dims);
	count = count_nonzero(t);
	if (ndim == 0 && by_axis)
	{
		ndim = 1;
		dims[0] = 1;
	}
	rdims[0] = by_axis ? ndim : count;
	rdims[1] = by_axis ? count : ndim;
	result = tensor_new_uninit(2, rdims, MT_INT64);
	tensor_check_status(mt_nonzero_coords(TENSOR_DATA(t), (MtDtype) t->dtype,
										  ndim, (int64_t *) dims, count,
										  by_axis, TENSOR_DATA(result),
										  tensor_poll_interrupts, NULL), NULL);
	return result;
}

/* nonzero(t) and "where"(t): numpy.array(numpy.nonzero(t)), (ndim, n) int64 */
Datum
tensor_nonzero(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(nonzero_coords(PG_GETARG_TENSOR_ANYDTYPE_P(0), true));
}

/* argwhere(t): numpy.argwhere, (n, ndim) int64 */
Datum
tensor_argwhere(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(nonzero_coords(PG_GETARG_TENSOR_ANYDTYPE_P(0), false));
}

/* flatnonzero(t): numpy.flatnonzero, 1-d int64 */
Datum
tensor_flatnonzero(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int64		count;
	int64	   *pos = nonzero_positions(t, &count);
	Tensor	   *result = tensor_new_uninit(1, &count, MT_INT64);

	memcpy(TENSOR_DATA(result), pos, sizeof(int64) * count);
	PG_RETURN_TENSOR_P(result);
}

/* ---- choose and select ---- */

/* choose(a, choices tensor[]): numpy.choose (mode 'raise') */
Datum
tensor_choose(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int			m;
	Tensor	  **choices = tensor_list(PG_GETARG_ARRAYTYPE_P(1), &m, "choices");
	Tensor	  **all;
	const char **data;
	MtDtype		dtype;
	int64		dims[MT_MAX_DIMS];
	int			ndim;
	int64		n;
	int64	   *which;
	int64		bad;
	Tensor	   *result;

	if (!mt_dtype_is_exact((MtDtype) a->dtype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("a must have an integer or bool dtype, not %s",
						mt_dtype_name((MtDtype) a->dtype)),
				 errhint("Convert with marsql.astype(t, 'int64').")));
	if (m == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("choices must not be empty")));
	dtype = (MtDtype) choices[0]->dtype;
	for (int k = 1; k < m; k++)
		dtype = mt_dtype_promote(dtype, (MtDtype) choices[k]->dtype);
	all = palloc(sizeof(Tensor *) * (m + 1));
	all[0] = a;
	for (int k = 0; k < m; k++)
		all[k + 1] = choices[k];
	ndim = broadcast_all(all, m + 1, dims);
	a = tensor_broadcast_to(a, ndim, dims);
	n = tensor_size(a);
	which = alloc_int64(n);
	CHECK_FOR_INTERRUPTS();
	if (mt_read_indices(TENSOR_DATA(a), (MtDtype) a->dtype, n, m, false,
						which, &bad) >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("invalid entry in choice array"),
				 errdetail("Entry %lld is not between 0 and %d.",
						   (long long) bad, m - 1)));
	data = palloc(sizeof(char *) * m);
	for (int k = 0; k < m; k++)
		data[k] = TENSOR_DATA(tensor_broadcast_to(tensor_convert(choices[k], dtype),
												  ndim, dims));
	result = tensor_new_uninit(ndim, dims, dtype);
	tensor_check_status(mt_choose(which, n, data, mt_dtype_size(dtype),
								  TENSOR_DATA(result), tensor_poll_interrupts,
								  NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}

/*
 * select(condlist tensor[], choicelist tensor[], default float8 DEFAULT 0):
 * numpy.select.  The default is a weak scalar (NEP 50): an integral value
 * keeps an integer choices' dtype, a fractional one makes it float64.
 */
Datum
tensor_select(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(select_choices(PG_GETARG_ARRAYTYPE_P(0), PG_GETARG_ARRAYTYPE_P(1),
									  PG_GETARG_FLOAT8(2), 0, false));
}

/* select with a bigint default: exact for integer dtypes (a weak integer) */
Datum
tensor_select_int8(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(select_choices(PG_GETARG_ARRAYTYPE_P(0), PG_GETARG_ARRAYTYPE_P(1),
									  0, PG_GETARG_INT64(2), true));
}

/*
 * numpy.select: the default is a weak scalar, a double (float_default) or,
 * when int_default_given, the integer int_default, held exactly by an
 * integer dtype and refused (22003) where it does not fit one.
 */
static Tensor *
select_choices(ArrayType *condlist, ArrayType *choicelist, double float_default,
			   int64 int_default, bool int_default_given)
{
	int			nc,
				m;
	Tensor	  **conds = tensor_list(condlist, &nc, "condlist");
	Tensor	  **choices = tensor_list(choicelist, &m, "choicelist");
	Tensor	   *dflt_t;
	Tensor	  **all;
	const uint8_t **cdata;
	const char **data;
	MtDtype		dtype;
	MtScalarKind kind;
	int64		dims[MT_MAX_DIMS];
	int			ndim;
	Tensor	   *result;

	if (nc != m)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("list of cases must be same length as list of conditions"),
				 errdetail("There are %d conditions and %d choices.", nc, m)));
	if (m == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("select with an empty condition list is not possible")));
	for (int k = 0; k < m; k++)
		if (conds[k]->dtype != MT_BOOL)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("invalid entry %d in condlist: should be a bool tensor, not %s",
							k, mt_dtype_name((MtDtype) conds[k]->dtype)),
					 errhint("Make one with marsql.astype(t, 'bool').")));
	dtype = (MtDtype) choices[0]->dtype;
	for (int k = 1; k < m; k++)
		dtype = mt_dtype_promote(dtype, (MtDtype) choices[k]->dtype);
	/*
	 * A SQL integer is numpy's weak int (exact in an integer dtype, 22003
	 * where it does not fit); a double precision is a weak float, whole or
	 * not, as numpy's Python float.  A float dtype takes either as astype
	 * converts (22003 beyond float16's or float32's range).
	 */
	kind = int_default_given ? MT_SCALAR_INT : MT_SCALAR_FLOAT;
	dtype = mt_dtype_promote_scalar(dtype, kind);
	if (int_default_given && mt_dtype_is_exact(dtype))
	{
		tensor_check_int_fits(int_default, dtype);
		dflt_t = tensor_from_int(int_default, dtype);
	}
	else
		dflt_t = tensor_convert(tensor_from_scalar(int_default_given ? (double) int_default
												   : float_default, MT_FLOAT64), dtype);

	all = palloc(sizeof(Tensor *) * (2 * m + 1));
	for (int k = 0; k < m; k++)
	{
		all[k] = conds[k];
		all[m + k] = choices[k];
	}
	all[2 * m] = dflt_t;
	ndim = broadcast_all(all, 2 * m + 1, dims);
	cdata = palloc(sizeof(uint8_t *) * m);
	data = palloc(sizeof(char *) * m);
	for (int k = 0; k < m; k++)
	{
		CHECK_FOR_INTERRUPTS();
		cdata[k] = TENSOR_DATA(tensor_broadcast_to(conds[k], ndim, dims));
		data[k] = TENSOR_DATA(tensor_broadcast_to(tensor_convert(choices[k], dtype),
												  ndim, dims));
	}
	dflt_t = tensor_broadcast_to(dflt_t, ndim, dims);
	result = tensor_new_uninit(ndim, dims, dtype);
	tensor_check_status(mt_select(cdata, data, m, TENSOR_DATA(dflt_t),
								  tensor_size(result), mt_dtype_size(dtype),
								  TENSOR_DATA(result), tensor_poll_interrupts,
								  NULL), NULL);
	return result;
}

/* ---- slice assignment ---- */

/*
 * numpy t[sel] = v on a copy of t: the view that selections of t's first n
 * axes address gets v, converted to t's dtype and broadcast to the view.
 */
Tensor *
tensor_assign_selection(Tensor *t, int n, const AxisSelection *sel, Tensor *v)
{
	int64		dims[MT_MAX_DIMS],
				strides[MT_MAX_DIMS];
	int			ndim;
	int64		offset = tensor_selection_view(t, n, sel, &ndim, dims, strides);
	size_t		elem = mt_dtype_size((MtDtype) t->dtype);
	Tensor	   *result;

	v = value_for(v, (MtDtype) t->dtype, ndim, dims);
	result = tensor_copy(t);
	tensor_check_status(mt_strided_scatter(elem, ndim, (int64_t *) dims,
										   (int64_t *) strides,
										   TENSOR_DATA(v),
										   (char *) TENSOR_DATA(result) + offset * (int64) elem,
										   tensor_poll_interrupts, NULL),
						NULL);
	return result;
}

/*
 * set_slice(t, v, start int[], stop int[], step int[] DEFAULT NULL):
 * numpy t[start0:stop0:step0, ...] = v on a copy of t, the slice spelled
 * as marsql.slice spells it.
 */
Datum
tensor_set_slice(PG_FUNCTION_ARGS)
{
	AxisSelection sel[MT_MAX_DIMS];
	int			n;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	n = tensor_slice_selection(PG_ARGISNULL(2) ? NULL : PG_GETARG_ARRAYTYPE_P(2),
							   PG_ARGISNULL(3) ? NULL : PG_GETARG_ARRAYTYPE_P(3),
							   PG_ARGISNULL(4) ? NULL : PG_GETARG_ARRAYTYPE_P(4),
							   sel);
	PG_RETURN_TENSOR_P(tensor_assign_selection(PG_GETARG_TENSOR_ANYDTYPE_P(0),
											   n, sel,
											   PG_GETARG_TENSOR_ANYDTYPE_P(1)));
}

/* ---- putmask and place ---- */

static Datum
putmask_common(FunctionCallInfo fcinfo, bool by_count)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *mask = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	Tensor	   *v = PG_GETARG_TENSOR_ANYDTYPE_P(2);
	int64		n = tensor_size(a);
	int64		nv = tensor_size(v);
	Tensor	   *result;

	if (tensor_size(mask) != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: mask and data must be the same size",
						by_count ? "place" : "putmask"),
				 errdetail("The tensor has %lld elements and the mask %lld.",
						   (long long) n, (long long) tensor_size(mask))));
	v = tensor_convert(v, (MtDtype) a->dtype);
	result = tensor_copy(a);
	if (nv == 0)
	{
		/* putmask ignores empty values; place refuses them if used */
		if (by_count && count_nonzero(mask) > 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot insert from an empty tensor")));
		PG_RETURN_TENSOR_P(result);
	}
	tensor_check_status(mt_putmask(TENSOR_DATA(result),
								   mt_dtype_size((MtDtype) a->dtype),
								   TENSOR_DATA(mask), (MtDtype) mask->dtype, n,
								   TENSOR_DATA(v), nv, by_count,
								   tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}

/* putmask(a, mask, values): numpy.putmask on a copy of a */
Datum
tensor_putmask(PG_FUNCTION_ARGS)
{
	return putmask_common(fcinfo, false);
}

/* place(arr, mask, vals): numpy.place on a copy of arr */
Datum
tensor_place(PG_FUNCTION_ARGS)
{
	return putmask_common(fcinfo, true);
}

/* ---- flat indices and coordinates ---- */

/* a shape argument (int[], extents >= 0) as int64 extents; returns ndim */
static int
shape_argument(ArrayType *arr, int64 *dims, int64 *size)
{
	int			ext[MT_MAX_DIMS];
	int			ndim = tensor_int_array(arr, ext, MT_MAX_DIMS, "shape");

	*size = 1;
	for (int d = 0; d < ndim; d++)
	{
		if (ext[d] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("negative dimensions are not allowed")));
		dims[d] = ext[d];
	}
	*size = extent_product(dims, 0, ndim);
	return ndim;
}

/*
 * unravel_index(indices, shape int[]): numpy.unravel_index as one int64
 * tensor of shape (len(shape),) + indices.shape, row d the coordinates on
 * axis d.
 */
Datum
tensor_unravel_index(PG_FUNCTION_ARGS)
{
	Tensor	   *idx = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int64		dims[MT_MAX_DIMS];
	int64		size;
	int			ndim = shape_argument(PG_GETARG_ARRAYTYPE_P(1), dims, &size);
	int64		n = tensor_size(idx);
	int64		rdims[MT_MAX_DIMS];
	int64	   *flat;
	int64		bad;
	Tensor	   *result;

	require_integer(idx, "indices");
	check_result_ndim(1 + idx->ndim);
	flat = alloc_int64(n);
	CHECK_FOR_INTERRUPTS();
	if (mt_read_indices(TENSOR_DATA(idx), (MtDtype) idx->dtype, n, size,
						false, flat, &bad) >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("index %lld is out of bounds for a tensor with size %lld",
						(long long) bad, (long long) size)));
	rdims[0] = ndim;
	for (int d = 0; d < idx->ndim; d++)
		rdims[d + 1] = idx->dims[d];
	result = tensor_new_uninit(1 + idx->ndim, rdims, MT_INT64);
	CHECK_FOR_INTERRUPTS();
	mt_unravel(flat, n, ndim, (int64_t *) dims, TENSOR_DATA(result));
	PG_RETURN_TENSOR_P(result);
}

/*
 * ravel_multi_index(multi_index, dims int[]): numpy.ravel_multi_index
 * (mode 'raise') with the coordinates as one integer tensor of shape
 * (len(dims), ...), as unravel_index returns them.
 */
Datum
tensor_ravel_multi_index(PG_FUNCTION_ARGS)
{
	Tensor	   *coords = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int64		dims[MT_MAX_DIMS];
	int64		size;
	int			ndim = shape_argument(PG_GETARG_ARRAYTYPE_P(1), dims, &size);
	int64		rdims[MT_MAX_DIMS];
	int64		n;
	int64		bad;
	Tensor	   *result;

	require_integer(coords, "multi_index");
	if (coords->ndim == 0 || coords->dims[0] != ndim)
	{
		char		cs[256];

		mt_format_shape32(cs, sizeof(cs), coords->ndim, coords->dims);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("multi_index must have %d rows, one per dimension", ndim),
				 errdetail("multi_index has shape %s.", cs)));
	}
	for (int d = 1; d < coords->ndim; d++)
		rdims[d - 1] = coords->dims[d];
	result = tensor_new_uninit(coords->ndim - 1, rdims, MT_INT64);
	n = tensor_size(result);
	CHECK_FOR_INTERRUPTS();
	if (ndim > 0 && mt_ravel(TENSOR_DATA(coords), (MtDtype) coords->dtype, n, ndim,
							 (int64_t *) dims, TENSOR_DATA(result), &bad) >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("invalid entry in coordinates array"),
				 errdetail("Coordinate %lld is outside its extent.", (long long) bad)));
	PG_RETURN_TENSOR_P(result);
}

/* ---- diagonals and index grids ---- */

/* diagonal(a, offset, axis1, axis2): numpy.diagonal (a copy), any dtype */
Datum
tensor_diagonal(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int32		offset = PG_GETARG_INT32(1);
	int			ax1,
				ax2;
	int64		dims[MT_MAX_DIMS],
				strides[MT_MAX_DIMS],
				vdims[MT_MAX_DIMS],
				vstrides[MT_MAX_DIMS];
	int			ndim = 0;
	int64		len,
				start;

	if (a->ndim < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("diagonal requires a tensor of at least two dimensions")));
	ax1 = tensor_axis(PG_GETARG_INT32(2), a->ndim);
	ax2 = tensor_axis(PG_GETARG_INT32(3), a->ndim);
	if (ax1 == ax2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("axis1 and axis2 cannot be the same")));
	tensor_dims64(a, dims);
	mt_contiguous_strides(a->ndim, (int64_t *) dims, (int64_t *) strides);
	if (offset >= 0)
	{
		len = Min(dims[ax1], dims[ax2] - offset);
		start = (int64) offset * strides[ax2];
	}
	else
	{
		len = Min(dims[ax1] + offset, dims[ax2]);
		start = -(int64) offset * strides[ax1];
	}
	for (int d = 0; d < a->ndim; d++)
	{
		if (d == ax1 || d == ax2)
			continue;
		vdims[ndim] = dims[d];
		vstrides[ndim++] = strides[d];
	}
	vdims[ndim] = Max(len, 0);
	vstrides[ndim++] = strides[ax1] + strides[ax2];
	if (len <= 0 || tensor_size(a) == 0)
		start = 0;
	PG_RETURN_TENSOR_P(tensor_from_view(a, ndim, vdims, vstrides, start));
}

/* fill_diagonal(a, val, wrap DEFAULT false): numpy.fill_diagonal on a copy */
Datum
tensor_fill_diagonal(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *v = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	bool		wrap = PG_GETARG_BOOL(2);
	int64		size = tensor_size(a);
	int64		step,
				end = size,
				count;
	int64	   *pos;
	Tensor	   *result;

	if (a->ndim < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fill_diagonal needs a tensor of at least two dimensions")));
	if (a->ndim == 2)
	{
		step = (int64) a->dims[1] + 1;
		if (!wrap)
			end = Min(size, (int64) a->dims[1] * a->dims[1]);
	}
	else
	{
		int64		p = 1;

		step = 1;
		for (int d = 0; d < a->ndim; d++)
			if (a->dims[d] != a->dims[0])
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("all dimensions of the tensor must be of equal length")));
		for (int d = 0; d < a->ndim - 1 && size > 0; d++)
		{
			p *= a->dims[d];
			step += p;
		}
	}
	count = end > 0 ? (end - 1) / step + 1 : 0;
	pos = alloc_int64(count);
	for (int64 i = 0; i < count; i++)
		pos[i] = i * step;
	v = tensor_convert(v, (MtDtype) a->dtype);
	result = tensor_copy(a);
	if (tensor_size(v) > 0)
		tensor_check_status(mt_put(TENSOR_DATA(result),
								   mt_dtype_size((MtDtype) a->dtype), pos, count,
								   TENSOR_DATA(v), tensor_size(v),
								   tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}

static Datum
tri_indices(FunctionCallInfo fcinfo, bool upper)
{
	int64		n,
				m,
				k,
				count;
	int64		dims[2];
	Tensor	   *result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	n = Max(PG_GETARG_INT32(0), 0);
	k = PG_GETARG_INT32(1);
	m = PG_ARGISNULL(2) ? n : Max(PG_GETARG_INT32(2), 0);
	CHECK_FOR_INTERRUPTS();
	count = mt_tri_indices(n, m, k, upper, NULL, 0);
	dims[0] = 2;
	dims[1] = count;
	result = tensor_new_uninit(2, dims, MT_INT64);
	mt_tri_indices(n, m, k, upper, TENSOR_DATA(result), count);
	PG_RETURN_TENSOR_P(result);
}

/* tril_indices(n, k DEFAULT 0, m DEFAULT NULL): numpy.tril_indices as (2, N) */
Datum
tensor_tril_indices(PG_FUNCTION_ARGS)
{
	return tri_indices(fcinfo, false);
}

/* triu_indices(n, k DEFAULT 0, m DEFAULT NULL): numpy.triu_indices as (2, N) */
Datum
tensor_triu_indices(PG_FUNCTION_ARGS)
{
	return tri_indices(fcinfo, true);
}

/* diag_indices(n, ndim DEFAULT 2): numpy.diag_indices as int64 (ndim, n) */
Datum
tensor_diag_indices(PG_FUNCTION_ARGS)
{
	int64		n = Max(PG_GETARG_INT32(0), 0);
	int32		ndim = PG_GETARG_INT32(1);
	int64		dims[2];
	Tensor	   *result;
	int64	   *out;

	if (ndim < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ndim must not be negative")));
	dims[0] = ndim;
	dims[1] = n;
	result = tensor_new_uninit(2, dims, MT_INT64);
	out = TENSOR_DATA(result);
	for (int64 d = 0; d < ndim; d++)
	{
		CHECK_FOR_INTERRUPTS();
		for (int64 i = 0; i < n; i++)
			out[d * n + i] = i;
	}
	PG_RETURN_TENSOR_P(result);
}

/* indices(dimensions int[]): numpy.indices, int64 (ndim,) + dimensions */
Datum
tensor_indices(PG_FUNCTION_ARGS)
{
	int64		dims[MT_MAX_DIMS + 1];
	int64		size;
	int			ndim = shape_argument(PG_GETARG_ARRAYTYPE_P(0), dims + 1, &size);
	Tensor	   *result;

	check_result_ndim(ndim + 1);
	dims[0] = ndim;
	result = tensor_new_uninit(ndim + 1, dims, MT_INT64);
	CHECK_FOR_INTERRUPTS();
	mt_grid_indices(ndim, (int64_t *) dims + 1, size, TENSOR_DATA(result));
	PG_RETURN_TENSOR_P(result);
}
