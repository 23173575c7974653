/*
 * tensor_assemble.c
 *	  SQL glue for numpy's array joining, splitting and editing routines
 *	  that move elements without computing on them: atleast_1d/2d/3d,
 *	  vstack, hstack, dstack, column_stack, block, array_split, hsplit,
 *	  vsplit, dsplit, unstack, broadcast_arrays, append, insert, delete,
 *	  resize, trim_zeros, fliplr, flipud, rot90, rollaxis and
 *	  matrix_transpose.  Every dtype is moved bit-exactly; joining tensors
 *	  of mixed dtypes promotes as numpy (mt_dtype_promote), while insert
 *	  converts the values to the tensor's dtype, as numpy.insert does.
 *	  Several results come back as tensor[], as split does.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "kernels/elements.h"
#include "kernels/strided.h"
#include "tensor/tensor_ops.h"

PG_FUNCTION_INFO_V1(tensor_atleast_1d);
PG_FUNCTION_INFO_V1(tensor_atleast_2d);
PG_FUNCTION_INFO_V1(tensor_atleast_3d);
PG_FUNCTION_INFO_V1(tensor_vstack);
PG_FUNCTION_INFO_V1(tensor_hstack);
PG_FUNCTION_INFO_V1(tensor_dstack);
PG_FUNCTION_INFO_V1(tensor_column_stack);
PG_FUNCTION_INFO_V1(tensor_block);
PG_FUNCTION_INFO_V1(tensor_array_split);
PG_FUNCTION_INFO_V1(tensor_hsplit_sections);
PG_FUNCTION_INFO_V1(tensor_vsplit_sections);
PG_FUNCTION_INFO_V1(tensor_dsplit_sections);
PG_FUNCTION_INFO_V1(tensor_hsplit_indices);
PG_FUNCTION_INFO_V1(tensor_vsplit_indices);
PG_FUNCTION_INFO_V1(tensor_dsplit_indices);
PG_FUNCTION_INFO_V1(tensor_unstack);
PG_FUNCTION_INFO_V1(tensor_broadcast_arrays);
PG_FUNCTION_INFO_V1(tensor_append);
PG_FUNCTION_INFO_V1(tensor_insert_index);
PG_FUNCTION_INFO_V1(tensor_insert_indices);
PG_FUNCTION_INFO_V1(tensor_insert_tensor);
PG_FUNCTION_INFO_V1(tensor_delete_index);
PG_FUNCTION_INFO_V1(tensor_delete_indices);
PG_FUNCTION_INFO_V1(tensor_delete_tensor);
PG_FUNCTION_INFO_V1(tensor_resize);
PG_FUNCTION_INFO_V1(tensor_trim_zeros);
PG_FUNCTION_INFO_V1(tensor_fliplr);
PG_FUNCTION_INFO_V1(tensor_flipud);
PG_FUNCTION_INFO_V1(tensor_rot90);
PG_FUNCTION_INFO_V1(tensor_rollaxis);
PG_FUNCTION_INFO_V1(tensor_matrix_transpose);

/* ---------------------------------------------------------------- helpers */

static void
strides_of(const Tensor *t, int64 *strides)
{
	int64		dims[MT_MAX_DIMS];

	tensor_dims64(t, dims);
	mt_contiguous_strides(t->ndim, (int64_t *) dims, (int64_t *) strides);
}

/* tensors as the tensor[] result of the SQL function called */
static ArrayType *
tensor_list_result(FunctionCallInfo fcinfo, Tensor **ts, int count)
{
	Datum	   *out = palloc(sizeof(Datum) * Max(count, 1));
	Oid			tensor_type = get_element_type(get_fn_expr_rettype(fcinfo->flinfo));

	if (!OidIsValid(tensor_type))
		elog(ERROR, "function must return tensor[]");
	for (int i = 0; i < count; i++)
		out[i] = PointerGetDatum(ts[i]);
	return construct_array(out, count, tensor_type, -1, false, TYPALIGN_DOUBLE);
}

/*
 * numpy.atleast_1d/2d/3d: a 0-d tensor becomes (1,), (1,1) or (1,1,1); a
 * 1-D (n) becomes (1,n) or (1,n,1); a 2-D (m,n) becomes (m,n,1).  Tensors
 * of ndim or more dimensions come back as they are.
 */
static Tensor *
atleast(Tensor *t, int ndim)
{
	int64		dims[MT_MAX_DIMS];

	if (t->ndim >= ndim)
		return t;
	if (ndim == 1)
		dims[0] = 1;
	else if (ndim == 2)
	{
		dims[0] = 1;
		dims[1] = t->ndim == 1 ? t->dims[0] : 1;
	}
	else
	{
		dims[0] = t->ndim == 2 ? t->dims[0] : 1;
		dims[1] = t->ndim == 2 ? t->dims[1] : (t->ndim == 1 ? t->dims[0] : 1);
		dims[2] = 1;
	}
	return tensor_reshaped(t, ndim, dims);
}

Datum
tensor_atleast_1d(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(atleast(PG_GETARG_TENSOR_ANYDTYPE_P(0), 1));
}

Datum
tensor_atleast_2d(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(atleast(PG_GETARG_TENSOR_ANYDTYPE_P(0), 2));
}

Datum
tensor_atleast_3d(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(atleast(PG_GETARG_TENSOR_ANYDTYPE_P(0), 3));
}

/* ---------------------------------------------------------------- stacking */

/* numpy.vstack: atleast_2d, joined along axis 0 */
Datum
tensor_vstack(PG_FUNCTION_ARGS)
{
	int			count;
	Tensor	  **ts = tensor_array_tensors(PG_GETARG_ARRAYTYPE_P(0), &count);

	for (int i = 0; i < count; i++)
		ts[i] = atleast(ts[i], 2);
	PG_RETURN_TENSOR_P(tensor_concatenate_list(ts, count, 0));
}

/* numpy.hstack: atleast_1d, joined along axis 0 when the first is 1-D,
 * else along axis 1 */
Datum
tensor_hstack(PG_FUNCTION_ARGS)
{
	int			count;
	Tensor	  **ts = tensor_array_tensors(PG_GETARG_ARRAYTYPE_P(0), &count);

	for (int i = 0; i < count; i++)
		ts[i] = atleast(ts[i], 1);
	PG_RETURN_TENSOR_P(tensor_concatenate_list(ts, count,
											   ts[0]->ndim == 1 ? 0 : 1));
}

/* numpy.dstack: atleast_3d, joined along axis 2 */
Datum
tensor_dstack(PG_FUNCTION_ARGS)
{
	int			count;
	Tensor	  **ts = tensor_array_tensors(PG_GETARG_ARRAYTYPE_P(0), &count);

	for (int i = 0; i < count; i++)
		ts[i] = atleast(ts[i], 3);
	PG_RETURN_TENSOR_P(tensor_concatenate_list(ts, count, 2));
}

/* numpy.column_stack: 0-d and 1-D tensors become columns (n,1), then all
 * are joined along axis 1 */
Datum
tensor_column_stack(PG_FUNCTION_ARGS)
{
	int			count;
	Tensor	  **ts = tensor_array_tensors(PG_GETARG_ARRAYTYPE_P(0), &count);

	for (int i = 0; i < count; i++)
	{
		if (ts[i]->ndim < 2)
		{
			int64		dims[2] = {ts[i]->ndim == 1 ? ts[i]->dims[0] : 1, 1};

			ts[i] = tensor_reshaped(ts[i], 2, dims);
		}
	}
	PG_RETURN_TENSOR_P(tensor_concatenate_list(ts, count, 1));
}

/*
 * block(tensors): numpy.block for the nesting a PostgreSQL array can hold.
 * A one-dimensional tensor[] is numpy.block([a, b, ...]); a two-dimensional
 * one (ARRAY[[a, b], [c, d]]) is numpy.block([[a, b], [c, d]]), and so on:
 * every tensor gains leading axes of extent 1 up to the larger of the
 * nesting depth and the largest ndim, the innermost lists are joined along
 * the last axis, the next ones along the axis before it.
 */
Datum
tensor_block(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	int			depth = ARR_NDIM(arr);
	int			adims[MAXDIM];
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elems;
	bool	   *nulls;
	int			count;
	int			ndim;
	Tensor	  **ts;

	if (depth == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("need at least one tensor to join")));
	memcpy(adims, ARR_DIMS(arr), sizeof(int) * depth);
	get_typlenbyvalalign(ARR_ELEMTYPE(arr), &typlen, &typbyval, &typalign);
	deconstruct_array(arr, ARR_ELEMTYPE(arr), typlen, typbyval, typalign,
					  &elems, &nulls, &count);
	ts = palloc(sizeof(Tensor *) * count);
	ndim = depth;
	for (int i = 0; i < count; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("tensor array must not contain nulls")));
		ts[i] = DatumGetTensorAnyDtypeP(elems[i]);
		ndim = Max(ndim, ts[i]->ndim);
	}
	if (ndim > MT_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("number of tensor dimensions exceeds the maximum allowed (%d)",
						MT_MAX_DIMS)));
	for (int i = 0; i < count; i++)
	{
		int64		dims[MT_MAX_DIMS];
		int			lead = ndim - ts[i]->ndim;

		if (lead == 0)
			continue;
		for (int d = 0; d < ndim; d++)
			dims[d] = d < lead ? 1 : ts[i]->dims[d - lead];
		ts[i] = tensor_reshaped(ts[i], ndim, dims);
	}
	/* join the innermost lists first, along the last axis */
	for (int level = depth - 1; level >= 0; level--)
	{
		int			group = adims[level];
		int			groups = count / group;

		for (int g = 0; g < groups; g++)
			ts[g] = tensor_concatenate_list(ts + g * group, group,
											ndim - (depth - level));
		count = groups;
	}
	PG_RETURN_TENSOR_P(ts[0]);
}

/* ---------------------------------------------------------------- splitting */

static int
split_axis(Tensor *t, int axis_arg)
{
	if (t->ndim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a zero-dimensional tensor cannot be split")));
	return tensor_axis(axis_arg, t->ndim);
}

static ArrayType *
split_sections(FunctionCallInfo fcinfo, Tensor *t, int axis, int32 sections,
			   bool equal)
{
	int64		n = t->dims[axis];
	int64	   *bounds;
	int64		each,
				extra;

	if (sections <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of sections must be larger than 0")));
	if (equal && n % sections != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("tensor split does not result in an equal division"),
				 errdetail("Axis %d has extent %lld, which %d does not divide.",
						   axis, (long long) n, sections)));
	/* numpy.array_split: the first n % sections pieces one longer */
	each = n / sections;
	extra = n % sections;
	bounds = palloc(sizeof(int64) * ((int64) sections + 1));
	bounds[0] = 0;
	for (int64 i = 0; i < sections; i++)
		bounds[i + 1] = bounds[i] + each + (i < extra ? 1 : 0);
	return tensor_split_bounds(fcinfo, t, axis, bounds, sections);
}

static ArrayType *
split_indices(FunctionCallInfo fcinfo, Tensor *t, int axis, ArrayType *arr)
{
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
	return tensor_split_bounds(fcinfo, t, axis, bounds, n + 1);
}

/* array_split(t, sections, axis): numpy.array_split, uneven pieces allowed */
Datum
tensor_array_split(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int			axis = split_axis(t, PG_GETARG_INT32(2));

	PG_RETURN_ARRAYTYPE_P(split_sections(fcinfo, t, axis, PG_GETARG_INT32(1),
										 false));
}

/*
 * hsplit, vsplit, dsplit: split along axis 1 (axis 0 for a 1-D tensor),
 * axis 0 (at least 2-D) and axis 2 (at least 3-D).
 */
static int
directed_axis(Tensor *t, char which)
{
	const char *name = which == 'h' ? "hsplit" : (which == 'v' ? "vsplit" : "dsplit");
	int			need = which == 'h' ? 1 : (which == 'v' ? 2 : 3);

	if (t->ndim < need)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s only works on tensors of %d or more dimensions",
						name, need)));
	if (which == 'h')
		return t->ndim > 1 ? 1 : 0;
	return which == 'v' ? 0 : 2;
}

#define DIRECTED_SPLIT(letter, name) \
Datum \
tensor_##name##_sections(PG_FUNCTION_ARGS) \
{ \
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0); \
	int			axis = directed_axis(t, letter); \
	PG_RETURN_ARRAYTYPE_P(split_sections(fcinfo, t, axis, PG_GETARG_INT32(1), true)); \
} \
Datum \
tensor_##name##_indices(PG_FUNCTION_ARGS) \
{ \
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0); \
	int			axis = directed_axis(t, letter); \
	PG_RETURN_ARRAYTYPE_P(split_indices(fcinfo, t, axis, PG_GETARG_ARRAYTYPE_P(1))); \
}

DIRECTED_SPLIT('h', hsplit)
DIRECTED_SPLIT('v', vsplit)
DIRECTED_SPLIT('d', dsplit)

/* unstack(t, axis DEFAULT 0): the slices along axis, that axis removed
 * (numpy.unstack) */
Datum
tensor_unstack(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int			axis;
	int64		strides[MT_MAX_DIMS],
				dims[MT_MAX_DIMS],
				vdims[MT_MAX_DIMS],
				vstrides[MT_MAX_DIMS];
	int64		n;
	Tensor	  **out;

	if (t->ndim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a zero-dimensional tensor cannot be unstacked")));
	axis = tensor_axis(PG_GETARG_INT32(1), t->ndim);
	strides_of(t, strides);
	tensor_dims64(t, dims);
	n = dims[axis];
	for (int d = 0, j = 0; d < t->ndim; d++)
	{
		if (d == axis)
			continue;
		vdims[j] = dims[d];
		vstrides[j++] = strides[d];
	}
	out = palloc(sizeof(Tensor *) * Max(n, 1));
	for (int64 i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		out[i] = tensor_from_view(t, t->ndim - 1, vdims, vstrides,
								  tensor_size(t) > 0 ? i * strides[axis] : 0);
	}
	PG_RETURN_ARRAYTYPE_P(tensor_list_result(fcinfo, out, (int) n));
}

/* 22023 unless t broadcasts to (ndim, dims) */
static void
check_broadcastable(const Tensor *t, int ndim, const int64 *dims,
					const char *what)
{
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
					 errmsg("cannot broadcast %s of shape %s to shape %s",
							what, from, to)));
		}
	}
}

/* broadcast_arrays(tensors): each tensor expanded to the shape they
 * broadcast to together, each keeping its dtype (numpy.broadcast_arrays) */
Datum
tensor_broadcast_arrays(PG_FUNCTION_ARGS)
{
	int			count;
	Tensor	  **ts = tensor_array_tensors(PG_GETARG_ARRAYTYPE_P(0), &count);
	int			ndim = 0;
	int64		dims[MT_MAX_DIMS];

	for (int i = 0; i < count; i++)
		ndim = Max(ndim, ts[i]->ndim);
	for (int d = 0; d < ndim; d++)
		dims[d] = 1;
	for (int i = 0; i < count; i++)
	{
		for (int d = 0; d < ts[i]->ndim; d++)
		{
			int			k = d + ndim - ts[i]->ndim;
			int64		e = ts[i]->dims[d];

			if (e == dims[k] || e == 1)
				continue;
			if (dims[k] != 1)
			{
				char		a[128],
							b[128];

				mt_format_shape(a, sizeof(a), ndim, (const int64_t *) dims);
				mt_format_shape32(b, sizeof(b), ts[i]->ndim, ts[i]->dims);
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("shape mismatch: tensors cannot be broadcast to a single shape"),
						 errdetail("Tensor %d has shape %s, which does not broadcast with %s.",
								   i + 1, b, a)));
			}
			dims[k] = e;
		}
	}
	tensor_check_shape(ndim, dims, MT_FLOAT64);
	for (int i = 0; i < count; i++)
	{
		CHECK_FOR_INTERRUPTS();
		ts[i] = tensor_broadcast_to(ts[i], ndim, dims);
	}
	PG_RETURN_ARRAYTYPE_P(tensor_list_result(fcinfo, ts, count));
}

/* ---------------------------------------------------------------- editing */

static Tensor *
flattened(Tensor *t)
{
	int64		n = tensor_size(t);

	return tensor_reshaped(t, 1, &n);
}

/* append(t, values, axis DEFAULT NULL): numpy.append; both flattened when
 * axis is NULL, else joined along axis (same ndim); dtypes promote */
Datum
tensor_append(PG_FUNCTION_ARGS)
{
	Tensor	   *ts[2];

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	ts[0] = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	ts[1] = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	if (PG_ARGISNULL(2))
	{
		ts[0] = flattened(ts[0]);
		ts[1] = flattened(ts[1]);
		PG_RETURN_TENSOR_P(tensor_concatenate_list(ts, 2, 0));
	}
	PG_RETURN_TENSOR_P(tensor_concatenate_list(ts, 2, PG_GETARG_INT32(2)));
}

/*
 * The tensor of extent total along axis whose slab p is slab from[p] of
 * values when from[p] >= 0, else slab -from[p] - 1 of t.  values has t's
 * dtype and t's shape except along axis.
 */
static Tensor *
interleave(const Tensor *t, const Tensor *values, int axis, const int64 *from,
		   int64 total)
{
	int64		dims[MT_MAX_DIMS];
	int64		outer = 1,
				inner = 1;
	size_t		elem = mt_dtype_size((MtDtype) t->dtype);
	Tensor	   *result;
	char	   *dst;
	const char *tsrc = TENSOR_DATA(t);
	const char *vsrc = values ? TENSOR_DATA(values) : NULL;
	int64		tn = t->dims[axis],
				vn = values ? values->dims[axis] : 0;

	tensor_dims64(t, dims);
	dims[axis] = total;
	result = tensor_new_uninit(t->ndim, dims, (MtDtype) t->dtype);
	for (int d = 0; d < axis; d++)
		outer *= dims[d];
	for (int d = axis + 1; d < t->ndim; d++)
		inner *= dims[d];
	dst = TENSOR_DATA(result);
	if (inner == 0 || total == 0)
		return result;
	for (int64 o = 0; o < outer; o++)
	{
		if ((o & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		for (int64 p = 0; p < total; p++)
		{
			const char *src;

			if (from[p] >= 0)
				src = vsrc + ((o * vn + from[p]) * inner) * elem;
			else
				src = tsrc + ((o * tn + (-from[p] - 1)) * inner) * elem;
			memcpy(dst, src, inner * elem);
			dst += inner * elem;
		}
	}
	return result;
}

static void
index_out_of_bounds(int64 index, int axis, int64 n)
{
	ereport(ERROR,
			(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
			 errmsg("index %lld is out of bounds for axis %d with size %lld",
					(long long) index, axis, (long long) n)));
}

/* numpy's insert/delete axis: NULL flattens (t becomes 1-D) */
static int
edit_axis(FunctionCallInfo fcinfo, Tensor **t, int argno)
{
	if (PG_ARGISNULL(argno))
	{
		if ((*t)->ndim != 1)
			*t = flattened(*t);
		return 0;
	}
	return tensor_axis(PG_GETARG_INT32(argno), (*t)->ndim);
}

typedef struct PosIndex
{
	int64		pos;
	int64		j;
} PosIndex;

static int
pos_index_cmp(const void *a, const void *b)
{
	const PosIndex *x = a,
			   *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->j < y->j ? -1 : (x->j > y->j ? 1 : 0);
}

/*
 * insert: values converted to t's dtype and broadcast to t's shape with
 * numnew along axis, placed so that they stand before the slabs at the
 * given positions.  pos[j] (0 .. n, already checked) is where values slab j
 * goes; with moved, values gained leading axes up to t's ndim and its
 * first axis moved to axis (numpy's scalar index).
 */
static Tensor *
insert_values(Tensor *t, int axis, const int64 *pos, int npos, Tensor *values,
			  bool scalar_index)
{
	int64		n = t->dims[axis];
	int64		tdims[MT_MAX_DIMS];
	int64		numnew;
	int64	   *from;
	int64		total;

	values = tensor_convert(values, (MtDtype) t->dtype);
	tensor_dims64(t, tdims);
	if (scalar_index)
	{
		int64		vdims[MT_MAX_DIMS];
		int			vndim = Max(values->ndim, t->ndim);
		int			lead = vndim - values->ndim;

		for (int d = 0; d < vndim; d++)
			vdims[d] = d < lead ? 1 : values->dims[d - lead];
		values = tensor_reshaped(values, vndim, vdims);
		if (axis != 0)
		{
			int			perm[MT_MAX_DIMS];

			/* moveaxis(values, 0, axis) */
			for (int d = 0, k = 1; d < vndim; d++)
				perm[d] = d == axis ? 0 : k++;
			values = tensor_transpose(values, perm);
		}
		numnew = values->dims[axis];
	}
	else if (npos == 1)
	{
		/* numpy: one index given as a list takes values' own extent */
		int64		vdims[MT_MAX_DIMS];
		int			vndim = Max(values->ndim, t->ndim);
		int			lead = vndim - values->ndim;

		for (int d = 0; d < vndim; d++)
			vdims[d] = d < lead ? 1 : values->dims[d - lead];
		values = tensor_reshaped(values, vndim, vdims);
		numnew = values->dims[axis];
	}
	else
		numnew = npos;

	tdims[axis] = numnew;
	/* numpy's assignment drops leading axes of extent 1 */
	while (values->ndim > t->ndim && values->dims[0] == 1)
	{
		int64		vdims[MT_MAX_DIMS];

		for (int d = 1; d < values->ndim; d++)
			vdims[d - 1] = values->dims[d];
		values = tensor_reshaped(values, values->ndim - 1, vdims);
	}
	check_broadcastable(values, t->ndim, tdims, "values");
	values = tensor_broadcast_to(values, t->ndim, tdims);
	total = n + numnew;
	from = palloc(sizeof(int64) * Max(total, 1));
	for (int64 p = 0; p < total; p++)
		from[p] = INT64_MIN;
	if (scalar_index || npos == 1)
	{
		for (int64 j = 0; j < numnew; j++)
			from[pos[0] + j] = j;
	}
	else
	{
		/* stable order of the positions: equal ones keep their order */
		PosIndex   *order = palloc(sizeof(PosIndex) * npos);

		for (int j = 0; j < npos; j++)
		{
			order[j].pos = pos[j];
			order[j].j = j;
		}
		qsort(order, npos, sizeof(PosIndex), pos_index_cmp);
		for (int r = 0; r < npos; r++)
			from[order[r].pos + r] = order[r].j;
	}
	for (int64 p = 0, i = 0; p < total; p++)
		if (from[p] == INT64_MIN)
			from[p] = -(i++) - 1;
	return interleave(t, values, axis, from, total);
}

static int64
insert_position(int64 index, int axis, int64 n)
{
	if (index < -n || index > n)
		index_out_of_bounds(index, axis, n);
	return index < 0 ? index + n : index;
}

/* insert(t, index, values, axis DEFAULT NULL) (numpy.insert, scalar index) */
Datum
tensor_insert_index(PG_FUNCTION_ARGS)
{
	Tensor	   *t,
			   *values;
	int			axis;
	int64		pos;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	values = PG_GETARG_TENSOR_ANYDTYPE_P(2);
	axis = edit_axis(fcinfo, &t, 3);
	pos = insert_position(PG_GETARG_INT32(1), axis, t->dims[axis]);
	PG_RETURN_TENSOR_P(insert_values(t, axis, &pos, 1, values, true));
}

/* insert(t, indices int[], values, axis DEFAULT NULL): values[j] before
 * the slab indices[j] of t (numpy.insert with a sequence) */
Datum
tensor_insert_indices(PG_FUNCTION_ARGS)
{
	Tensor	   *t,
			   *values;
	ArrayType  *arr;
	int			axis;
	int			max,
				n;
	int		   *idx;
	int64	   *pos;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	arr = PG_GETARG_ARRAYTYPE_P(1);
	values = PG_GETARG_TENSOR_ANYDTYPE_P(2);
	axis = edit_axis(fcinfo, &t, 3);
	max = ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr));
	idx = palloc(sizeof(int) * Max(max, 1));
	n = tensor_int_array(arr, idx, max, "indices");
	pos = palloc(sizeof(int64) * Max(n, 1));
	for (int i = 0; i < n; i++)
		pos[i] = insert_position(idx[i], axis, t->dims[axis]);
	PG_RETURN_TENSOR_P(insert_values(t, axis, pos, n, values, false));
}

/* insert(t, obj tensor, values, axis DEFAULT NULL): obj an integer tensor,
 * 0-d (as a scalar index) or 1-D (as a list of indices) */
Datum
tensor_insert_tensor(PG_FUNCTION_ARGS)
{
	Tensor	   *t,
			   *obj,
			   *values;
	int			axis;
	int64		n;
	int64	   *pos;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	obj = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	values = PG_GETARG_TENSOR_ANYDTYPE_P(2);
	n = tensor_size(obj);
	if (!mt_dtype_is_integer((MtDtype) obj->dtype) && n > 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("indices given to insert must be of an integer dtype"),
				 errdetail("The indices have dtype %s.",
						   mt_dtype_name((MtDtype) obj->dtype))));
	if (obj->ndim > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indices given to insert must be 0-d or one-dimensional")));
	axis = edit_axis(fcinfo, &t, 3);
	pos = palloc(sizeof(int64) * Max(n, 1));
	for (int64 i = 0; i < n; i++)
		pos[i] = insert_position(mt_load_int64(TENSOR_DATA(obj), (MtDtype) obj->dtype, i),
								 axis, t->dims[axis]);
	PG_RETURN_TENSOR_P(insert_values(t, axis, pos, (int) n, values, obj->ndim == 0));
}

/* t without the slabs whose drop flag is set */
static Tensor *
delete_slabs(Tensor *t, int axis, const bool *drop)
{
	int64		n = t->dims[axis];
	int64	   *from = palloc(sizeof(int64) * Max(n, 1));
	int64		total = 0;

	for (int64 i = 0; i < n; i++)
		if (!drop[i])
			from[total++] = -i - 1;
	return interleave(t, NULL, axis, from, total);
}

static void
drop_index(bool *drop, int64 index, int axis, int64 n)
{
	if (index < -n || index >= n)
		index_out_of_bounds(index, axis, n);
	drop[index < 0 ? index + n : index] = true;
}

/* delete(t, index, axis DEFAULT NULL) (numpy.delete) */
Datum
tensor_delete_index(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	int			axis;
	bool	   *drop;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	axis = edit_axis(fcinfo, &t, 2);
	drop = palloc0(sizeof(bool) * Max(t->dims[axis], 1));
	drop_index(drop, PG_GETARG_INT32(1), axis, t->dims[axis]);
	PG_RETURN_TENSOR_P(delete_slabs(t, axis, drop));
}

/* delete(t, indices int[], axis DEFAULT NULL): repeated indices allowed */
Datum
tensor_delete_indices(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	ArrayType  *arr;
	int			axis;
	int			max,
				n;
	int		   *idx;
	bool	   *drop;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	arr = PG_GETARG_ARRAYTYPE_P(1);
	axis = edit_axis(fcinfo, &t, 2);
	max = ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr));
	idx = palloc(sizeof(int) * Max(max, 1));
	n = tensor_int_array(arr, idx, max, "indices");
	drop = palloc0(sizeof(bool) * Max(t->dims[axis], 1));
	for (int i = 0; i < n; i++)
		drop_index(drop, idx[i], axis, t->dims[axis]);
	PG_RETURN_TENSOR_P(delete_slabs(t, axis, drop));
}

/* delete(t, obj tensor, axis DEFAULT NULL): obj a bool mask of the axis'
 * extent, or integer indices of any shape */
Datum
tensor_delete_tensor(PG_FUNCTION_ARGS)
{
	Tensor	   *t,
			   *obj;
	int			axis;
	int64		n,
				count;
	bool	   *drop;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	obj = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	axis = edit_axis(fcinfo, &t, 2);
	n = t->dims[axis];
	count = tensor_size(obj);
	drop = palloc0(sizeof(bool) * Max(n, 1));
	if (obj->dtype == MT_BOOL)
	{
		if (obj->ndim != 1 || obj->dims[0] != n)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a boolean mask given to delete must be one-dimensional and match the extent of the axis"),
					 errdetail("Axis %d has extent %lld.", axis, (long long) n)));
		for (int64 i = 0; i < n; i++)
			drop[i] = ((const bool *) TENSOR_DATA(obj))[i];
	}
	else if (mt_dtype_is_integer((MtDtype) obj->dtype) || count == 0)
	{
		for (int64 i = 0; i < count; i++)
		{
			int64		index = obj->dtype == MT_BOOL ? 0 :
				(mt_dtype_is_integer((MtDtype) obj->dtype) ?
				 mt_load_int64(TENSOR_DATA(obj), (MtDtype) obj->dtype, i) : 0);

			drop_index(drop, index, axis, n);
		}
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("indices given to delete must be of an integer dtype or a bool mask"),
				 errdetail("The indices have dtype %s.",
						   mt_dtype_name((MtDtype) obj->dtype))));
	PG_RETURN_TENSOR_P(delete_slabs(t, axis, drop));
}

/* resize(t, shape): numpy.resize; t's elements in C order repeated to
 * fill the new shape, zeros when t or the new shape is empty */
Datum
tensor_resize(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int			ndim;
	int64		dims[MT_MAX_DIMS];
	Tensor	   *result;
	int64		n = tensor_size(t),
				total;
	size_t		elem = mt_dtype_size((MtDtype) t->dtype);
	char	   *dst;

	tensor_shape_from_array(PG_GETARG_ARRAYTYPE_P(1), &ndim, dims);
	result = tensor_new(ndim, dims, (MtDtype) t->dtype);
	total = tensor_size(result);
	if (n == 0 || total == 0)
		PG_RETURN_TENSOR_P(result);
	dst = TENSOR_DATA(result);
	for (int64 done = 0; done < total;)
	{
		int64		chunk = Min(n, total - done);

		CHECK_FOR_INTERRUPTS();
		memcpy(dst + done * elem, TENSOR_DATA(t), chunk * elem);
		done += chunk;
	}
	PG_RETURN_TENSOR_P(result);
}

/*
 * trim_zeros(t, trim DEFAULT 'fb'): numpy.trim_zeros; leading ('f') and/or
 * trailing ('b') zeros removed.  An n-d tensor is cut to the box holding
 * its nonzero elements, on every axis (numpy >= 2.2); all zeros give an
 * empty tensor.  -0.0 is a zero, NaN is not.
 */
Datum
tensor_trim_zeros(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	char	   *trim = text_to_cstring(PG_GETARG_TEXT_PP(1));
	bool		front = false,
				back = false;
	int64		lo[MT_MAX_DIMS],
				hi[MT_MAX_DIMS],
				dims[MT_MAX_DIMS],
				strides[MT_MAX_DIMS];
	int64		index[MT_MAX_DIMS] = {0};
	int64		n = tensor_size(t),
				offset = 0;
	bool		zero = false;
	bool		any = false;

	for (char *c = trim; *c; c++)
	{
		if (*c == 'f' || *c == 'F')
			front = true;
		else if (*c == 'b' || *c == 'B')
			back = true;
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unexpected character(s) in trim: \"%s\"", trim),
					 errhint("Use \"f\", \"b\" or \"fb\".")));
	}
	if (t->ndim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trim_zeros needs a tensor of at least one dimension")));
	tensor_dims64(t, dims);
	for (int d = 0; d < t->ndim; d++)
	{
		lo[d] = dims[d];
		hi[d] = -1;
	}
	for (int64 i = 0; i < n; i++)
	{
		if ((i & 0xFFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (mt_compare_elements(TENSOR_DATA(t), (MtDtype) t->dtype, i,
								&zero, MT_BOOL, 0) != 0)
		{
			any = true;
			for (int d = 0; d < t->ndim; d++)
			{
				lo[d] = Min(lo[d], index[d]);
				hi[d] = Max(hi[d], index[d]);
			}
		}
		for (int d = t->ndim - 1; d >= 0; d--)
		{
			if (++index[d] < dims[d])
				break;
			index[d] = 0;
		}
	}
	strides_of(t, strides);
	for (int d = 0; d < t->ndim; d++)
	{
		int64		start = front ? (any ? lo[d] : dims[d]) : 0;
		int64		stop = back ? (any ? hi[d] + 1 : 0) : dims[d];

		dims[d] = Max(0, stop - start);
		offset += start * strides[d];
	}
	for (int d = 0; d < t->ndim; d++)
		if (dims[d] == 0)
			offset = 0;
	PG_RETURN_TENSOR_P(tensor_from_view(t, t->ndim, dims, strides, offset));
}

/* t reversed along axis (a checked axis) */
static Tensor *
flip_axis(Tensor *t, int axis)
{
	int64		strides[MT_MAX_DIMS],
				dims[MT_MAX_DIMS];

	strides_of(t, strides);
	tensor_dims64(t, dims);
	if (tensor_size(t) == 0)
		return tensor_reshaped(t, t->ndim, dims);
	strides[axis] = -strides[axis];
	return tensor_from_view(t, t->ndim, dims, strides,
							(dims[axis] - 1) * -strides[axis]);
}

/* fliplr: reversed along axis 1 (numpy.fliplr; at least 2-D) */
Datum
tensor_fliplr(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	if (t->ndim < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fliplr needs a tensor of at least two dimensions")));
	PG_RETURN_TENSOR_P(flip_axis(t, 1));
}

/* flipud: reversed along axis 0 (numpy.flipud; at least 1-D) */
Datum
tensor_flipud(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	if (t->ndim < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("flipud needs a tensor of at least one dimension")));
	PG_RETURN_TENSOR_P(flip_axis(t, 0));
}

/* rot90(t, k DEFAULT 1, axes DEFAULT '{0,1}'): numpy.rot90, k quarter
 * turns from the first axis towards the second */
Datum
tensor_rot90(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int32		k = PG_GETARG_INT32(1);
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(2);
	int			axes[2];
	int			max = ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr));
	int		   *given = palloc(sizeof(int) * Max(max, 1));
	int			perm[MT_MAX_DIMS];

	if (tensor_int_array(arr, given, max, "axes") != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("axes must hold exactly two axes")));
	if (t->ndim < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rot90 needs a tensor of at least two dimensions")));
	if (given[0] == given[1] || abs(given[0] - given[1]) == t->ndim)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("axes must be different")));
	axes[0] = tensor_axis(given[0], t->ndim);
	axes[1] = tensor_axis(given[1], t->ndim);
	k = ((k % 4) + 4) % 4;
	if (k == 0)
		PG_RETURN_TENSOR_P(t);
	if (k == 2)
		PG_RETURN_TENSOR_P(flip_axis(flip_axis(t, axes[0]), axes[1]));
	for (int d = 0; d < t->ndim; d++)
		perm[d] = d;
	perm[axes[0]] = axes[1];
	perm[axes[1]] = axes[0];
	if (k == 1)
		PG_RETURN_TENSOR_P(tensor_transpose(flip_axis(t, axes[1]), perm));
	PG_RETURN_TENSOR_P(flip_axis(tensor_transpose(t, perm), axes[1]));
}

/* rollaxis(t, axis, start DEFAULT 0): numpy.rollaxis, axis moved to stand
 * before start */
Datum
tensor_rollaxis(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int			n = t->ndim;
	int			axis = tensor_axis(PG_GETARG_INT32(1), n);
	int32		start = PG_GETARG_INT32(2);
	int			perm[MT_MAX_DIMS];
	int			k = 0;

	if (start < 0)
		start += n;
	if (start < 0 || start > n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("start %d is out of bounds for a tensor of dimension %d",
						PG_GETARG_INT32(2), n),
				 errdetail("start must lie in %d .. %d.", -n, n)));
	if (axis < start)
		start--;
	for (int d = 0; d < n; d++)
		if (d != axis)
			perm[k++] = d;
	memmove(perm + start + 1, perm + start, sizeof(int) * (n - 1 - start));
	perm[start] = axis;
	PG_RETURN_TENSOR_P(tensor_transpose(t, perm));
}

/* matrix_transpose(t): the last two axes swapped (numpy.matrix_transpose) */
Datum
tensor_matrix_transpose(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int			perm[MT_MAX_DIMS];

	if (t->ndim < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("matrix_transpose needs a tensor of at least two dimensions")));
	for (int d = 0; d < t->ndim; d++)
		perm[d] = d;
	perm[t->ndim - 2] = t->ndim - 1;
	perm[t->ndim - 1] = t->ndim - 2;
	PG_RETURN_TENSOR_P(tensor_transpose(t, perm));
}
