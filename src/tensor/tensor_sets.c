/*
 * tensor_sets.c
 *	  SQL glue for numpy's set routines over every dtype: unique (along an
 *	  axis too), unique_all (values, first indices, inverse and counts, as
 *	  the array API's unique_all; unique_values, unique_counts and
 *	  unique_inverse are SQL functions over these two), isin, intersect1d, union1d, setdiff1d
 *	  and setxor1d.  The kernels are in kernels/sets.c; results are sorted
 *	  (setdiff1d with assume_unique keeps its input's order, as numpy's).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"

#include "kernels/sets.h"
#include "kernels/strided.h"
#include "tensor/tensor.h"

PG_FUNCTION_INFO_V1(tensor_unique);
PG_FUNCTION_INFO_V1(tensor_unique_all);
PG_FUNCTION_INFO_V1(tensor_isin);
PG_FUNCTION_INFO_V1(tensor_intersect1d);
PG_FUNCTION_INFO_V1(tensor_intersect1d_indices);
PG_FUNCTION_INFO_V1(tensor_union1d);
PG_FUNCTION_INFO_V1(tensor_setdiff1d);
PG_FUNCTION_INFO_V1(tensor_setxor1d);

/* the 1-D tensor of n elements of dtype, uninitialised */
static Tensor *
vector_new(int64 n, MtDtype dtype)
{
	return tensor_new_uninit(1, &n, dtype);
}

/* shortens a 1-D tensor made with room for more elements */
static void
vector_truncate(Tensor *t, int64 n)
{
	t->dims[0] = (int32) n;
	SET_VARSIZE(t, MT_HEADER_BYTES(1) + n * mt_dtype_size((MtDtype) t->dtype));
}

/* The results of unique: values, and index/inverse/counts when asked. */
typedef struct UniqueResult
{
	Tensor	   *values;
	Tensor	   *index;
	Tensor	   *inverse;
	Tensor	   *counts;
} UniqueResult;

/*
 * unique of t, flattened (axis_null) or along axis: the distinct slices
 * along that axis, sorted lexicographically.  all: the three index tensors
 * too (inverse in t's shape when flattened, as the array API's unique_all).
 */
static void
unique_of(Tensor *t, bool axis_null, int axis_arg, bool all, UniqueResult *r)
{
	MtDtype		dtype = (MtDtype) t->dtype;
	int64		n = tensor_size(t);
	int64		nunique;
	MtStatus	st;

	memset(r, 0, sizeof(*r));
	if (axis_null)
	{
		int64		dims[MT_MAX_DIMS];

		r->values = vector_new(n, dtype);
		if (all)
		{
			tensor_dims64(t, dims);
			r->index = vector_new(n, MT_INT64);
			r->inverse = tensor_new_uninit(t->ndim, dims, MT_INT64);
			r->counts = vector_new(n, MT_INT64);
		}
		st = mt_unique(TENSOR_DATA(t), dtype, n, TENSOR_DATA(r->values),
					   &nunique,
					   all ? (int64_t *) TENSOR_DATA(r->index) : NULL,
					   all ? (int64_t *) TENSOR_DATA(r->inverse) : NULL,
					   all ? (int64_t *) TENSOR_DATA(r->counts) : NULL,
					   tensor_poll_interrupts, NULL);
		tensor_check_status(st, NULL);
		vector_truncate(r->values, nunique);
	}
	else
	{
		int			axis = tensor_axis(axis_arg, t->ndim);
		int64		own[MT_MAX_DIMS];
		int64		strides[MT_MAX_DIMS];
		int64		vdims[MT_MAX_DIMS];
		int64		vstrides[MT_MAX_DIMS];
		int64		rows = t->dims[axis];
		int64		cols = rows > 0 ? n / rows : 0;
		Tensor	   *moved;
		Tensor	   *out;

		/* the axis first, contiguous: rows x cols */
		tensor_dims64(t, own);
		mt_contiguous_strides(t->ndim, (int64_t *) own, (int64_t *) strides);
		vdims[0] = own[axis];
		vstrides[0] = strides[axis];
		for (int i = 0, j = 1; i < t->ndim; i++)
			if (i != axis)
			{
				vdims[j] = own[i];
				vstrides[j++] = strides[i];
			}
		moved = tensor_from_view(t, t->ndim, vdims, vstrides, 0);
		out = tensor_new_uninit(t->ndim, vdims, dtype);
		if (all)
		{
			r->index = vector_new(rows, MT_INT64);
			r->inverse = vector_new(rows, MT_INT64);
			r->counts = vector_new(rows, MT_INT64);
		}
		if (rows > 0 && cols == 0)
		{
			/* numpy: every empty row equals every other one */
			nunique = 1;
			if (all)
			{
				((int64 *) TENSOR_DATA(r->index))[0] = 0;
				((int64 *) TENSOR_DATA(r->counts))[0] = rows;
				for (int64 i = 0; i < rows; i++)
					((int64 *) TENSOR_DATA(r->inverse))[i] = 0;
			}
		}
		else
		{
			st = mt_unique_rows(TENSOR_DATA(moved), dtype, rows, cols,
								TENSOR_DATA(out), &nunique,
								all ? (int64_t *) TENSOR_DATA(r->index) : NULL,
								all ? (int64_t *) TENSOR_DATA(r->inverse) : NULL,
								all ? (int64_t *) TENSOR_DATA(r->counts) : NULL,
								tensor_poll_interrupts, NULL);
			tensor_check_status(st, NULL);
		}
		/* back to the input's axis order, nunique slices along axis */
		vdims[0] = nunique;
		mt_contiguous_strides(t->ndim, (int64_t *) vdims, (int64_t *) vstrides);
		for (int i = 0, j = 1; i < t->ndim; i++)
		{
			if (i == axis)
			{
				own[i] = nunique;
				strides[i] = vstrides[0];
			}
			else
			{
				own[i] = vdims[j];
				strides[i] = vstrides[j++];
			}
		}
		r->values = tensor_from_view(out, t->ndim, own, strides, 0);
	}
	if (all)
	{
		vector_truncate(r->index, nunique);
		vector_truncate(r->counts, nunique);
	}
}

Datum
tensor_unique(PG_FUNCTION_ARGS)
{
	UniqueResult r;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	unique_of(PG_GETARG_TENSOR_ANYDTYPE_P(0), PG_ARGISNULL(1),
			  PG_ARGISNULL(1) ? 0 : PG_GETARG_INT32(1), false, &r);
	PG_RETURN_TENSOR_P(r.values);
}

Datum
tensor_unique_all(PG_FUNCTION_ARGS)
{
	UniqueResult r;
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {0};

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	unique_of(PG_GETARG_TENSOR_ANYDTYPE_P(0), PG_ARGISNULL(1),
			  PG_ARGISNULL(1) ? 0 : PG_GETARG_INT32(1), true, &r);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = PointerGetDatum(r.values);
	values[1] = PointerGetDatum(r.index);
	values[2] = PointerGetDatum(r.inverse);
	values[3] = PointerGetDatum(r.counts);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

Datum
tensor_isin(PG_FUNCTION_ARGS)
{
	Tensor	   *element = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *test = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	bool		invert = PG_GETARG_BOOL(2);
	Tensor	   *result = tensor_new_like(element, MT_BOOL);
	MtStatus	st;

	StaticAssertStmt(sizeof(bool) == 1, "bool tensors hold one byte per element");
	st = mt_isin(TENSOR_DATA(element), (MtDtype) element->dtype,
				 tensor_size(element), TENSOR_DATA(test), (MtDtype) test->dtype,
				 tensor_size(test), invert, (bool *) TENSOR_DATA(result),
				 tensor_poll_interrupts, NULL);
	tensor_check_status(st, NULL);
	PG_RETURN_TENSOR_P(result);
}

/* one of the 1-D set operations on arguments 0 and 1 (flattened) */
static Datum
set_op(FunctionCallInfo fcinfo, MtSetOp op, bool assume_unique)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	/* setdiff1d keeps a's dtype, as numpy's (a[isin(a, b, invert)]) */
	MtDtype		dtype = op == MT_SET_DIFF ? (MtDtype) a->dtype : tensor_promote(&a, &b);
	int64		na = tensor_size(a);
	int64		nb = tensor_size(b);
	int64		nout;
	Tensor	   *result;
	MtStatus	st;

	result = vector_new(na + nb, dtype);
	st = mt_set_op(op, TENSOR_DATA(a), na, TENSOR_DATA(b), nb, dtype,
				   (MtDtype) b->dtype, assume_unique, TENSOR_DATA(result), &nout,
				   tensor_poll_interrupts, NULL);
	tensor_check_status(st, NULL);
	vector_truncate(result, nout);
	PG_RETURN_TENSOR_P(result);
}

Datum
tensor_intersect1d(PG_FUNCTION_ARGS)
{
	return set_op(fcinfo, MT_SET_INTERSECT, PG_GETARG_BOOL(2));
}

Datum
tensor_union1d(PG_FUNCTION_ARGS)
{
	return set_op(fcinfo, MT_SET_UNION, false);
}

Datum
tensor_setdiff1d(PG_FUNCTION_ARGS)
{
	return set_op(fcinfo, MT_SET_DIFF, PG_GETARG_BOOL(2));
}

Datum
tensor_setxor1d(PG_FUNCTION_ARGS)
{
	return set_op(fcinfo, MT_SET_XOR, PG_GETARG_BOOL(2));
}

/* intersect1d(..., return_indices=True): (values, indices_a, indices_b) */
Datum
tensor_intersect1d_indices(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	bool		assume_unique = PG_GETARG_BOOL(2);
	MtDtype		dtype = tensor_promote(&a, &b);
	int64		na = tensor_size(a);
	int64		nb = tensor_size(b);
	int64		nout;
	Tensor	   *values = vector_new(na + nb, dtype);
	Tensor	   *ia = vector_new(na + nb, MT_INT64);
	Tensor	   *ib = vector_new(na + nb, MT_INT64);
	TupleDesc	tupdesc;
	Datum		result[3];
	bool		nulls[3] = {0};
	MtStatus	st;

	st = mt_intersect_indices(TENSOR_DATA(a), na, TENSOR_DATA(b), nb, dtype,
							  assume_unique, TENSOR_DATA(values),
							  (int64_t *) TENSOR_DATA(ia),
							  (int64_t *) TENSOR_DATA(ib), &nout,
							  tensor_poll_interrupts, NULL);
	tensor_check_status(st, NULL);
	vector_truncate(values, nout);
	vector_truncate(ia, nout);
	vector_truncate(ib, nout);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	result[0] = PointerGetDatum(values);
	result[1] = PointerGetDatum(ia);
	result[2] = PointerGetDatum(ib);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, result, nulls)));
}
