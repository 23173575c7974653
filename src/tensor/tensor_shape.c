/*
 * tensor_shape.c
 *	  SQL glue for shape manipulation, numpy's names and semantics: reshape
 *	  (one -1 inferred), transpose, flatten, squeeze, expand_dims,
 *	  concatenate, stack, split, tile, repeat, diag, tril, triu, flip, roll,
 *	  swapaxes, moveaxis and broadcast_to.  Every
 *	  result is a new contiguous tensor built from a strided view
 *	  (kernels/strided.c).  They move bytes, so every dtype keeps its
 *	  dtype; concatenate and stack of mixed dtypes promote as numpy.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/lsyscache.h"

#include "kernels/strided.h"
#include "tensor/tensor_ops.h"

PG_FUNCTION_INFO_V1(tensor_reshape);
PG_FUNCTION_INFO_V1(tensor_transpose_sql);
PG_FUNCTION_INFO_V1(tensor_flatten);
PG_FUNCTION_INFO_V1(tensor_squeeze);
PG_FUNCTION_INFO_V1(tensor_expand_dims);
PG_FUNCTION_INFO_V1(tensor_concatenate);
PG_FUNCTION_INFO_V1(tensor_stack);
PG_FUNCTION_INFO_V1(tensor_split_sections);
PG_FUNCTION_INFO_V1(tensor_split_indices);
PG_FUNCTION_INFO_V1(tensor_tile);
PG_FUNCTION_INFO_V1(tensor_repeat);
PG_FUNCTION_INFO_V1(tensor_diag);
PG_FUNCTION_INFO_V1(tensor_tril);
PG_FUNCTION_INFO_V1(tensor_triu);

static void
strides_of(const Tensor *t, int64 *strides)
{
	int64		dims[MT_MAX_DIMS];

	tensor_dims64(t, dims);
	mt_contiguous_strides(t->ndim, (int64_t *) dims, (int64_t *) strides);
}

/* perm is a permutation of 0 .. ndim-1 (already checked) */
Tensor *
tensor_transpose(Tensor *t, const int *perm)
{
	int64		strides[MT_MAX_DIMS],
				vstrides[MT_MAX_DIMS],
				vdims[MT_MAX_DIMS];
	bool		identity = true;

	strides_of(t, strides);
	for (int i = 0; i < t->ndim; i++)
	{
		vdims[i] = t->dims[perm[i]];
		vstrides[i] = strides[perm[i]];
		identity &= perm[i] == i;
	}
	if (identity)
		return t;
	return tensor_from_view(t, t->ndim, vdims, vstrides, 0);
}

Datum
tensor_transpose_sql(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	int			perm[MT_MAX_DIMS];
	bool		seen[MT_MAX_DIMS] = {0};

	/* not STRICT for the optional axes */
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	if (PG_ARGISNULL(1))
	{
		for (int i = 0; i < t->ndim; i++)
			perm[i] = t->ndim - 1 - i;
	}
	else
	{
		int			n = tensor_int_array(PG_GETARG_ARRAYTYPE_P(1), perm,
										 MT_MAX_DIMS, "axes");

		if (n != t->ndim)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("axes don't match tensor"),
					 errdetail("%d axes were given for a tensor of dimension %d.",
							   n, t->ndim)));
		for (int i = 0; i < n; i++)
		{
			perm[i] = tensor_axis(perm[i], t->ndim);
			if (seen[perm[i]])
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("repeated axis in transpose")));
			seen[perm[i]] = true;
		}
	}
	PG_RETURN_TENSOR_P(tensor_transpose(t, perm));
}

Datum
tensor_reshape(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int			shape[MT_MAX_DIMS];
	int64		dims[MT_MAX_DIMS];
	int			n = tensor_int_array(PG_GETARG_ARRAYTYPE_P(1), shape,
									 MT_MAX_DIMS, "shape");
	int			unknown = -1;
	int64		known = 1;
	int64		size = tensor_size(t);

	for (int i = 0; i < n; i++)
	{
		if (shape[i] == -1)
		{
			if (unknown >= 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("can only specify one unknown dimension")));
			unknown = i;
			continue;
		}
		if (shape[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("shape must not contain negative extents other than -1")));
		dims[i] = shape[i];
		/* the product of extents cannot exceed the size unless it is wrong */
		if (known > size && shape[i] != 0)
			known = size + 1;
		else
			known *= shape[i];
	}
	if (unknown >= 0)
	{
		if (known == 0 || size % known != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot reshape tensor of size %lld into the requested shape",
							(long long) size)));
		dims[unknown] = size / known;
		known = size;
	}
	if (known != size)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot reshape tensor of size %lld into the requested shape",
						(long long) size),
				 errdetail("The requested shape holds a different number of elements.")));
	PG_RETURN_TENSOR_P(tensor_reshaped(t, n, dims));
}

Datum
tensor_flatten(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int64		n = tensor_size(t);

	PG_RETURN_TENSOR_P(tensor_reshaped(t, 1, &n));
}

Datum
tensor_squeeze(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	int64		dims[MT_MAX_DIMS];
	int			ndim = 0;
	int			axis = -1;

	/* not STRICT for the optional axis */
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	if (!PG_ARGISNULL(1))
	{
		axis = tensor_axis(PG_GETARG_INT32(1), t->ndim);
		if (t->dims[axis] != 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot select an axis to squeeze out which has size not equal to one"),
					 errdetail("Axis %d has extent %d.", axis, t->dims[axis])));
	}
	for (int i = 0; i < t->ndim; i++)
		if (!(t->dims[i] == 1 && (axis < 0 || axis == i)))
			dims[ndim++] = t->dims[i];
	PG_RETURN_TENSOR_P(tensor_reshaped(t, ndim, dims));
}

Datum
tensor_expand_dims(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int			axis;
	int64		dims[MT_MAX_DIMS];

	if (t->ndim >= MT_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("number of tensor dimensions exceeds the maximum allowed (%d)",
						MT_MAX_DIMS)));
	axis = tensor_axis(PG_GETARG_INT32(1), t->ndim + 1);
	for (int i = 0, j = 0; i <= t->ndim; i++)
		dims[i] = i == axis ? 1 : t->dims[j++];
	PG_RETURN_TENSOR_P(tensor_reshaped(t, t->ndim + 1, dims));
}

/* The tensors of a tensor[] argument, NULL elements refused. */
static Tensor **
tensors_of_array(ArrayType *arr, int *count)
{
	Oid			elemtype = ARR_ELEMTYPE(arr);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elems;
	bool	   *nulls;
	Tensor	  **result;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("tensors must be given as a one-dimensional array")));
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(arr, elemtype, typlen, typbyval, typalign, &elems,
					  &nulls, count);
	if (*count == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("need at least one tensor to join")));
	result = palloc(sizeof(Tensor *) * *count);
	for (int i = 0; i < *count; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("tensor array must not contain nulls")));
		result[i] = DatumGetTensorAnyDtypeP(elems[i]);
	}
	return result;
}

/*
 * Joins tensors of one ndim along an existing axis: all other extents
 * must match.  The result dtype is numpy's promote_types over the inputs
 * (int8 with uint8 is int16, int64 with float32 is float64, ...).
 */
static Tensor *
concatenate(Tensor **ts, int count, int axis_arg)
{
	int			ndim = ts[0]->ndim;
	int			axis;
	int64		dims[MT_MAX_DIMS];
	MtDtype		dtype = (MtDtype) ts[0]->dtype;
	Tensor	   *result;
	int64		outer = 1,
				out_line;
	size_t		elem;
	char	   *dst;
	int64		offset = 0;

	if (ndim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("zero-dimensional tensors cannot be concatenated")));
	axis = tensor_axis(axis_arg, ndim);
	tensor_dims64(ts[0], dims);
	dims[axis] = 0;
	for (int i = 0; i < count; i++)
	{
		if (ts[i]->ndim != ndim)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("all tensors must have the same number of dimensions"),
					 errdetail("Tensor %d has %d dimensions and tensor %d has %d.",
							   1, ndim, i + 1, ts[i]->ndim)));
		for (int d = 0; d < ndim; d++)
			if (d != axis && ts[i]->dims[d] != ts[0]->dims[d])
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("all tensor extents except along the concatenation axis must match"),
						 errdetail("Dimension %d has extent %d in tensor 1 and %d in tensor %d.",
								   d, ts[0]->dims[d], ts[i]->dims[d], i + 1)));
		dims[axis] += ts[i]->dims[axis];
		if (dims[axis] > MT_MAX_DIM_EXTENT)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("concatenated extent exceeds the maximum allowed (%d)",
							MT_MAX_DIM_EXTENT)));
		dtype = mt_dtype_promote(dtype, (MtDtype) ts[i]->dtype);
	}
	result = tensor_new(ndim, dims, dtype);
	elem = mt_dtype_size(dtype);
	for (int d = 0; d < axis; d++)
		outer *= dims[d];
	out_line = tensor_size(result) / Max(outer, 1);
	dst = TENSOR_DATA(result);
	for (int i = 0; i < count; i++)
	{
		Tensor	   *t = tensor_convert(ts[i], dtype);
		int64		line = outer > 0 ? tensor_size(t) / outer : 0;
		const char *src = TENSOR_DATA(t);

		CHECK_FOR_INTERRUPTS();
		for (int64 o = 0; o < outer && line > 0; o++)
			memcpy(dst + (o * out_line + offset) * elem, src + o * line * elem,
				   line * elem);
		offset += line;
	}
	return result;
}

/* concatenate(ts, axis DEFAULT 0): axis NULL flattens every tensor first,
 * as numpy.concatenate(..., axis=None) */
Datum
tensor_concatenate(PG_FUNCTION_ARGS)
{
	int			count;
	Tensor	  **ts;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	ts = tensors_of_array(PG_GETARG_ARRAYTYPE_P(0), &count);
	if (PG_ARGISNULL(1))
	{
		for (int i = 0; i < count; i++)
			(void) tensor_axis_or_flatten(&ts[i], true, 0);
		PG_RETURN_TENSOR_P(concatenate(ts, count, 0));
	}
	PG_RETURN_TENSOR_P(concatenate(ts, count, PG_GETARG_INT32(1)));
}

/* stack: all the same shape, joined along a new axis */
Datum
tensor_stack(PG_FUNCTION_ARGS)
{
	int			count;
	Tensor	  **ts = tensors_of_array(PG_GETARG_ARRAYTYPE_P(0), &count);
	int			ndim = ts[0]->ndim;
	int			axis;
	int64		dims[MT_MAX_DIMS];
	int32		first[MT_MAX_DIMS];

	if (ndim >= MT_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("number of tensor dimensions exceeds the maximum allowed (%d)",
						MT_MAX_DIMS)));

	axis = tensor_axis(PG_GETARG_INT32(1), ndim + 1);
	memcpy(first, ts[0]->dims, sizeof(int32) * ndim);
	for (int i = 0; i < count; i++)
	{
		if (ts[i]->ndim != ndim ||
			memcmp(ts[i]->dims, first, sizeof(int32) * ndim) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("all input tensors must have the same shape"),
					 errdetail("Tensor %d differs in shape from tensor 1.", i + 1)));
		for (int d = 0, j = 0; d <= ndim; d++)
			dims[d] = d == axis ? 1 : ts[i]->dims[j++];
		ts[i] = tensor_reshaped(ts[i], ndim + 1, dims);
	}
	PG_RETURN_TENSOR_P(concatenate(ts, count, axis));
}

/* pieces of t along axis between the given boundaries, as tensor[] */
static ArrayType *
split_at(FunctionCallInfo fcinfo, Tensor *t, int axis, const int64 *bounds,
		 int pieces)
{
	Datum	   *out = palloc(sizeof(Datum) * pieces);
	int64		strides[MT_MAX_DIMS],
				dims[MT_MAX_DIMS];
	Oid			tensor_type = get_element_type(get_fn_expr_rettype(fcinfo->flinfo));

	if (!OidIsValid(tensor_type))
		elog(ERROR, "split must return tensor[]");
	strides_of(t, strides);
	tensor_dims64(t, dims);
	for (int p = 0; p < pieces; p++)
	{
		int64		lo = bounds[p],
					hi = bounds[p + 1];

		/* pieces are independent Python slices: a later index below an
		 * earlier one gives an empty piece, not a reordering */
		dims[axis] = Max(0, hi - lo);
		out[p] = PointerGetDatum(tensor_from_view(t, t->ndim, dims, strides,
												  dims[axis] > 0 ? lo * strides[axis] : 0));
	}
	return construct_array(out, pieces, tensor_type, -1, false, TYPALIGN_DOUBLE);
}

static int
split_axis(Tensor *t, int axis_arg)
{
	if (t->ndim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a zero-dimensional tensor cannot be split")));
	return tensor_axis(axis_arg, t->ndim);
}

/* split(t, sections, axis): equal pieces, as numpy.split */
Datum
tensor_split_sections(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int32		sections = PG_GETARG_INT32(1);
	int			axis = split_axis(t, PG_GETARG_INT32(2));
	int64	   *bounds;

	if (sections <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of sections must be larger than 0")));
	if (t->dims[axis] % sections != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("tensor split does not result in an equal division"),
				 errdetail("Axis %d has extent %d, which %d does not divide.",
						   axis, t->dims[axis], sections)));
	bounds = palloc(sizeof(int64) * (sections + 1));
	for (int i = 0; i <= sections; i++)
		bounds[i] = (int64) i * (t->dims[axis] / sections);
	PG_RETURN_ARRAYTYPE_P(split_at(fcinfo, t, axis, bounds, sections));
}

/* split(t, indices, axis): cut before each index, clipped to the extent */
Datum
tensor_split_indices(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	int			axis = split_axis(t, PG_GETARG_INT32(2));
	int			max = ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr));
	int		   *idx = palloc(sizeof(int) * Max(max, 1));
	int			n = tensor_int_array(arr, idx, max, "indices");
	int64	   *bounds = palloc(sizeof(int64) * (n + 2));
	int64		extent = t->dims[axis];

	bounds[0] = 0;
	for (int i = 0; i < n; i++)
	{
		int64		b = idx[i] < 0 ? idx[i] + extent : idx[i];

		bounds[i + 1] = Max(0, Min(b, extent));
	}
	bounds[n + 1] = extent;
	PG_RETURN_ARRAYTYPE_P(split_at(fcinfo, t, axis, bounds, n + 1));
}

/* tile(t, reps): numpy.tile, reps and shape aligned on the right */
Datum
tensor_tile(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int			reps[MT_MAX_DIMS];
	int			nreps = tensor_int_array(PG_GETARG_ARRAYTYPE_P(1), reps,
										 MT_MAX_DIMS, "reps");
	int			ndim = Max(nreps, t->ndim);
	int64		own[MT_MAX_DIMS],
				own_strides[MT_MAX_DIMS];
	int64		vdims[2 * MT_MAX_DIMS],
				vstrides[2 * MT_MAX_DIMS],
				dims[MT_MAX_DIMS];
	Tensor	   *result;

	tensor_dims64(t, own);
	mt_contiguous_strides(t->ndim, (int64_t *) own, (int64_t *) own_strides);
	for (int i = 0; i < ndim; i++)
	{
		int			k = i - (ndim - t->ndim);
		int			r = i - (ndim - nreps);
		int64		rep = r >= 0 ? reps[r] : 1;

		if (rep < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("reps must not be negative")));
		vdims[2 * i] = rep;
		vstrides[2 * i] = 0;
		vdims[2 * i + 1] = k >= 0 ? own[k] : 1;
		vstrides[2 * i + 1] = k >= 0 ? own_strides[k] : 0;
		dims[i] = rep * vdims[2 * i + 1];
		if (dims[i] > MT_MAX_DIM_EXTENT)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("tiled extent exceeds the maximum allowed (%d)",
							MT_MAX_DIM_EXTENT)));
	}
	result = tensor_new(ndim, dims, (MtDtype) t->dtype);
	mt_strided_copy(mt_dtype_size((MtDtype) t->dtype), 2 * ndim,
					(int64_t *) vdims, (int64_t *) vstrides, TENSOR_DATA(t),
					TENSOR_DATA(result));
	PG_RETURN_TENSOR_P(result);
}

/* repeat(t, repeats, axis): each element repeated; axis NULL flattens */
Datum
tensor_repeat(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	int32		repeats;
	int			axis;
	int64		own[MT_MAX_DIMS],
				own_strides[MT_MAX_DIMS];
	int64		vdims[MT_MAX_DIMS + 1],
				vstrides[MT_MAX_DIMS + 1],
				dims[MT_MAX_DIMS];
	Tensor	   *result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	repeats = PG_GETARG_INT32(1);
	if (repeats < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("repeats must not be negative")));
	axis = tensor_axis_or_flatten(&t, PG_ARGISNULL(2),
								  PG_ARGISNULL(2) ? 0 : PG_GETARG_INT32(2));
	tensor_dims64(t, own);
	mt_contiguous_strides(t->ndim, (int64_t *) own, (int64_t *) own_strides);
	for (int i = 0, v = 0; i < t->ndim; i++)
	{
		vdims[v] = own[i];
		vstrides[v++] = own_strides[i];
		dims[i] = own[i];
		if (i == axis)
		{
			vdims[v] = repeats;
			vstrides[v++] = 0;
			dims[i] = own[i] * repeats;
			if (dims[i] > MT_MAX_DIM_EXTENT)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("repeated extent exceeds the maximum allowed (%d)",
								MT_MAX_DIM_EXTENT)));
		}
	}
	result = tensor_new(t->ndim, dims, (MtDtype) t->dtype);
	mt_strided_copy(mt_dtype_size((MtDtype) t->dtype), t->ndim + 1,
					(int64_t *) vdims, (int64_t *) vstrides, TENSOR_DATA(t),
					TENSOR_DATA(result));
	PG_RETURN_TENSOR_P(result);
}

/* diag(v, k): a 1-D v on the k-th diagonal of a square matrix; diag(m, k):
 * the k-th diagonal of a 2-D m */
Datum
tensor_diag(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int32		k = PG_GETARG_INT32(1);
	size_t		elem = mt_dtype_size((MtDtype) t->dtype);

	if (t->ndim == 1)
	{
		int64		n = (int64) t->dims[0] + (k < 0 ? -(int64) k : k);
		int64		dims[2] = {n, n};
		Tensor	   *result = tensor_new(2, dims, (MtDtype) t->dtype);
		char	   *dst = TENSOR_DATA(result);

		for (int64 i = 0; i < t->dims[0]; i++)
		{
			int64		row = k >= 0 ? i : i - k;
			int64		col = k >= 0 ? i + k : i;

			memcpy(dst + (row * n + col) * elem,
				   (char *) TENSOR_DATA(t) + i * elem, elem);
		}
		PG_RETURN_TENSOR_P(result);
	}
	else if (t->ndim == 2)
	{
		int64		rows = t->dims[0],
					cols = t->dims[1];
		int64		start_row = k >= 0 ? 0 : -(int64) k;
		int64		start_col = k >= 0 ? k : 0;
		int64		len = Max(0, Min(rows - start_row, cols - start_col));
		int64		stride = cols + 1;

		PG_RETURN_TENSOR_P(tensor_from_view(t, 1, &len, &stride,
											len > 0 ? start_row * cols + start_col : 0));
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("diag needs a 1-D or 2-D tensor"),
			 errdetail("The tensor has %d dimensions.", t->ndim)));
	PG_RETURN_NULL();
}

/* zeroes elements above (lower) or below (upper) the k-th diagonal of the
 * last two axes */
static Datum
triangle(FunctionCallInfo fcinfo, bool lower)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int64		k = PG_GETARG_INT32(1);
	Tensor	   *result;
	int64		rows,
				cols,
				mats;
	size_t		elem = mt_dtype_size((MtDtype) t->dtype);
	char	   *data;

	if (t->ndim < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs a tensor of at least two dimensions",
						lower ? "tril" : "triu")));
	result = tensor_new_like(t, (MtDtype) t->dtype);
	memcpy(TENSOR_DATA(result), TENSOR_DATA(t), tensor_size(t) * elem);
	rows = t->dims[t->ndim - 2];
	cols = t->dims[t->ndim - 1];
	mats = rows * cols > 0 ? tensor_size(t) / (rows * cols) : 0;
	data = TENSOR_DATA(result);
	for (int64 m = 0; m < mats; m++)
	{
		CHECK_FOR_INTERRUPTS();
		for (int64 i = 0; i < rows; i++)
		{
			/* lower keeps j <= i + k; upper keeps j >= i + k */
			int64		from = lower ? Max(0, i + k + 1) : 0;
			int64		to = lower ? cols : Min(cols, Max(0, i + k));

			if (from < to)
				memset(data + ((m * rows + i) * cols + from) * elem, 0,
					   (to - from) * elem);
		}
	}
	return PointerGetDatum(result);
}

Datum
tensor_tril(PG_FUNCTION_ARGS)
{
	return triangle(fcinfo, true);
}

Datum
tensor_triu(PG_FUNCTION_ARGS)
{
	return triangle(fcinfo, false);
}

/* ---- flip, roll, swapaxes, moveaxis, broadcast_to (numpy's names) ---- */

PG_FUNCTION_INFO_V1(tensor_flip);
PG_FUNCTION_INFO_V1(tensor_roll);
PG_FUNCTION_INFO_V1(tensor_swapaxes);
PG_FUNCTION_INFO_V1(tensor_moveaxis);
PG_FUNCTION_INFO_V1(tensor_broadcast_to_sql);

/* flip(t, axis DEFAULT NULL): reversed along axis, along every axis when
 * NULL (numpy.flip) */
Datum
tensor_flip(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	int64		strides[MT_MAX_DIMS],
				dims[MT_MAX_DIMS];
	int64		offset = 0;
	int			axis = -1;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	if (!PG_ARGISNULL(1))
		axis = tensor_axis(PG_GETARG_INT32(1), t->ndim);
	strides_of(t, strides);
	tensor_dims64(t, dims);
	if (tensor_size(t) == 0)
		PG_RETURN_TENSOR_P(tensor_reshaped(t, t->ndim, dims));
	for (int i = 0; i < t->ndim; i++)
	{
		if (axis >= 0 && i != axis)
			continue;
		offset += (dims[i] - 1) * strides[i];
		strides[i] = -strides[i];
	}
	PG_RETURN_TENSOR_P(tensor_from_view(t, t->ndim, dims, strides, offset));
}

/* roll(t, shift, axis DEFAULT NULL): elements shifted along axis, wrapping
 * around; the flattened tensor rolled and reshaped back when axis is NULL
 * (numpy.roll) */
Datum
tensor_roll(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	Tensor	   *pieces[2];
	int64		strides[MT_MAX_DIMS],
				dims[MT_MAX_DIMS],
				own[MT_MAX_DIMS];
	int64		n,
				s;
	int			axis;
	int			ndim;
	Tensor	   *result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	ndim = t->ndim;
	tensor_dims64(t, own);
	if (PG_ARGISNULL(2))
	{
		/* numpy rolls the raveled tensor and restores the shape */
		int64		size = tensor_size(t);

		t = tensor_reshaped(t, 1, &size);
		axis = 0;
	}
	else
	{
		axis = tensor_axis(PG_GETARG_INT32(2), t->ndim);
	}
	n = t->dims[axis];
	if (n == 0 || tensor_size(t) == 0)
		PG_RETURN_TENSOR_P(tensor_reshaped(t, ndim, own));
	s = ((int64) PG_GETARG_INT32(1) % n + n) % n;
	strides_of(t, strides);
	tensor_dims64(t, dims);
	if (s == 0)
		result = tensor_reshaped(t, t->ndim, dims);
	else
	{
		/* the last s elements first, then the first n - s */
		dims[axis] = s;
		pieces[0] = tensor_from_view(t, t->ndim, dims, strides, (n - s) * strides[axis]);
		dims[axis] = n - s;
		pieces[1] = tensor_from_view(t, t->ndim, dims, strides, 0);
		result = concatenate(pieces, 2, axis);
	}
	if (PG_ARGISNULL(2))
		result = tensor_reshaped(result, ndim, own);
	PG_RETURN_TENSOR_P(result);
}

/* swapaxes(t, axis1, axis2) (numpy.swapaxes) */
Datum
tensor_swapaxes(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int			a = tensor_axis(PG_GETARG_INT32(1), t->ndim);
	int			b = tensor_axis(PG_GETARG_INT32(2), t->ndim);
	int			perm[MT_MAX_DIMS];

	for (int i = 0; i < t->ndim; i++)
		perm[i] = i == a ? b : (i == b ? a : i);
	PG_RETURN_TENSOR_P(tensor_transpose(t, perm));
}

/* moveaxis(t, source, destination): one axis moved, the others keeping
 * their order (numpy.moveaxis with one axis) */
Datum
tensor_moveaxis(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int			src = tensor_axis(PG_GETARG_INT32(1), t->ndim);
	int			dst = tensor_axis(PG_GETARG_INT32(2), t->ndim);
	int			perm[MT_MAX_DIMS];
	int			k = 0;

	for (int i = 0; i < t->ndim; i++)
	{
		if (i == dst)
			perm[i] = src;
		else
		{
			if (k == src)
				k++;
			perm[i] = k++;
		}
	}
	PG_RETURN_TENSOR_P(tensor_transpose(t, perm));
}

/* broadcast_to(t, shape): t expanded to shape by numpy's broadcasting rules
 * (numpy.broadcast_to; a copy, not a read-only view) */
Datum
tensor_broadcast_to_sql(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int			ndim;
	int64		dims[MT_MAX_DIMS];

	tensor_shape_from_array(PG_GETARG_ARRAYTYPE_P(1), &ndim, dims);
	for (int i = 0; i < t->ndim; i++)
	{
		int			k = i + ndim - t->ndim;

		if (k < 0 || (t->dims[i] != 1 && t->dims[i] != dims[k]))
		{
			char		from[128],
						to[128];

			mt_format_shape32(from, sizeof(from), t->ndim, t->dims);
			mt_format_shape(to, sizeof(to), ndim, (const int64_t *) dims);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot broadcast a tensor of shape %s to shape %s",
							from, to),
					 errdetail("Each extent must equal the target's or be 1, aligned on the right.")));
		}
	}
	tensor_check_shape(ndim, dims, (MtDtype) t->dtype);
	PG_RETURN_TENSOR_P(tensor_broadcast_to(t, ndim, dims));
}

/* The shared helpers of tensor_assemble.c and tensor_pad.c (tensor_ops.h). */
Tensor	  **
tensor_array_tensors(ArrayType *arr, int *count)
{
	return tensors_of_array(arr, count);
}

Tensor *
tensor_concatenate_list(Tensor **ts, int count, int axis)
{
	return concatenate(ts, count, axis);
}

ArrayType *
tensor_split_bounds(FunctionCallInfo fcinfo, Tensor *t, int axis,
					const int64 *bounds, int pieces)
{
	return split_at(fcinfo, t, axis, bounds, pieces);
}
