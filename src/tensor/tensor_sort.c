/*
 * tensor_sort.c
 *	  SQL glue for sorting and searching, numpy's names and semantics over
 *	  every dtype: sort, argsort, partition, argpartition, topk, argtopk,
 *	  searchsorted and lexsort.  The kernels are in kernels/sort.c: every
 *	  sort is stable, NaN last, -0.0 equal to 0.0, complex by real then
 *	  imaginary part.  An axis of NULL sorts the flattened tensor (numpy's
 *	  axis=None); index results are int64.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "kernels/sort.h"
#include "tensor/tensor.h"

PG_FUNCTION_INFO_V1(tensor_sort);
PG_FUNCTION_INFO_V1(tensor_argsort);
PG_FUNCTION_INFO_V1(tensor_partition);
PG_FUNCTION_INFO_V1(tensor_partition_many);
PG_FUNCTION_INFO_V1(tensor_argpartition);
PG_FUNCTION_INFO_V1(tensor_argpartition_many);
PG_FUNCTION_INFO_V1(tensor_topk);
PG_FUNCTION_INFO_V1(tensor_argtopk);
PG_FUNCTION_INFO_V1(tensor_searchsorted);
PG_FUNCTION_INFO_V1(tensor_lexsort_array);
PG_FUNCTION_INFO_V1(tensor_lexsort);

/* The tensor argument 0 and its axis (argument axis_arg; NULL flattens). */
static Tensor *
sorted_input(FunctionCallInfo fcinfo, int axis_arg, int *axis)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	*axis = tensor_axis_or_flatten(&t, PG_ARGISNULL(axis_arg),
								   PG_ARGISNULL(axis_arg) ? 0 :
								   PG_GETARG_INT32(axis_arg));
	return t;
}

/* a contiguous copy of t, sorted along axis */
static Tensor *
sorted_copy(const Tensor *t, int axis)
{
	int64		dims[MT_MAX_DIMS];
	int64		outer,
				n,
				inner;
	Tensor	   *result;
	MtError		err;
	MtStatus	st;

	tensor_dims64(t, dims);
	result = tensor_new_uninit(t->ndim, dims, (MtDtype) t->dtype);
	tensor_lanes_of(t, axis, &outer, &n, &inner);
	st = mt_sort_copy_lanes(TENSOR_DATA(t), TENSOR_DATA(result),
							(MtDtype) t->dtype, outer, n, inner,
							tensor_poll_interrupts, NULL);
	if (st != MT_OK)
	{
		mt_error_set(&err, st, 0, "The sort of %lld elements needs twice their size in workspace.",
					 (long long) tensor_size(t));
		tensor_check_status(st, &err);
	}
	return result;
}

/* the int64 tensor of t's shape holding its stable argsort along axis */
static Tensor *
argsorted(const Tensor *t, int axis, bool descending)
{
	int64		dims[MT_MAX_DIMS];
	int64		outer,
				n,
				inner;
	Tensor	   *result;
	MtStatus	st;

	tensor_dims64(t, dims);
	result = tensor_new_uninit(t->ndim, dims, MT_INT64);
	tensor_lanes_of(t, axis, &outer, &n, &inner);
	st = mt_argsort_lanes(TENSOR_DATA(t), (MtDtype) t->dtype, outer, n, inner,
						  descending, (int64_t *) TENSOR_DATA(result),
						  tensor_poll_interrupts, NULL);
	tensor_check_status(st, NULL);
	return result;
}

Datum
tensor_sort(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	int			axis;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = sorted_input(fcinfo, 1, &axis);
	PG_RETURN_TENSOR_P(sorted_copy(t, axis));
}

Datum
tensor_argsort(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	int			axis;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = sorted_input(fcinfo, 1, &axis);
	PG_RETURN_TENSOR_P(argsorted(t, axis, false));
}

/*
 * numpy's kth check: every kth (negative from the end) within the axis.
 * The sort itself is a full stable sort, which puts every element in its
 * sorted position, as partition promises for the kth ones.
 */
static void
check_kth(const int *kth, int count, int64 n)
{
	if (count == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kth must not be empty")));
	for (int i = 0; i < count; i++)
		if (kth[i] < -n || kth[i] >= n)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("kth(=%d) out of bounds (%lld)", kth[i], (long long) n)));
}

static Datum
partition_of(FunctionCallInfo fcinfo, bool many, bool indices)
{
	Tensor	   *t;
	int			axis;
	int			kth[1024];
	int			count = 1;
	int64		outer,
				n,
				inner;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	t = sorted_input(fcinfo, 2, &axis);
	if (many)
		count = tensor_int_elements(PG_GETARG_ARRAYTYPE_P(1), kth,
									lengthof(kth), "kth");
	else
		kth[0] = PG_GETARG_INT32(1);
	tensor_lanes_of(t, axis, &outer, &n, &inner);
	check_kth(kth, count, n);
	if (indices)
		PG_RETURN_TENSOR_P(argsorted(t, axis, false));
	PG_RETURN_TENSOR_P(sorted_copy(t, axis));
}

Datum
tensor_partition(PG_FUNCTION_ARGS)
{
	return partition_of(fcinfo, false, false);
}

Datum
tensor_partition_many(PG_FUNCTION_ARGS)
{
	return partition_of(fcinfo, true, false);
}

Datum
tensor_argpartition(PG_FUNCTION_ARGS)
{
	return partition_of(fcinfo, false, true);
}

Datum
tensor_argpartition_many(PG_FUNCTION_ARGS)
{
	return partition_of(fcinfo, true, true);
}

/*
 * topk(t, k, axis, largest, sorted) and argtopk: the k largest (or
 * smallest) elements along axis in order, ties in their original order.
 * NaN counts as the largest value, as torch.topk has it.
 */
static Datum
topk_of(FunctionCallInfo fcinfo, bool indices)
{
	Tensor	   *t;
	Tensor	   *order;
	Tensor	   *result;
	int			axis;
	int32		k;
	bool		largest;
	int64		dims[MT_MAX_DIMS];
	int64		outer,
				n,
				inner;
	size_t		elem;
	const int64 *perm;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3) || PG_ARGISNULL(4))
		PG_RETURN_NULL();
	t = sorted_input(fcinfo, 2, &axis);
	k = PG_GETARG_INT32(1);
	largest = PG_GETARG_BOOL(3);
	if (t->ndim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("topk needs a tensor of at least one dimension")));
	tensor_lanes_of(t, axis, &outer, &n, &inner);
	if (k < 0 || k > n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k (=%d) is out of bounds for an axis of length %lld",
						k, (long long) n)));
	order = argsorted(t, axis, largest);
	perm = (const int64 *) TENSOR_DATA(order);
	tensor_dims64(t, dims);
	dims[axis] = k;
	result = tensor_new_uninit(t->ndim, dims,
							   indices ? MT_INT64 : (MtDtype) t->dtype);
	elem = mt_dtype_size((MtDtype) t->dtype);
	for (int64 o = 0; o < outer; o++)
	{
		for (int64 i = 0; i < k; i++)
		{
			for (int64 in = 0; in < inner; in++)
			{
				int64		from = (o * n + i) * inner + in;
				int64		to = (o * k + i) * inner + in;

				if (indices)
					((int64 *) TENSOR_DATA(result))[to] = perm[from];
				else
					memcpy((char *) TENSOR_DATA(result) + to * elem,
						   (const char *) TENSOR_DATA(t) +
						   ((o * n + perm[from]) * inner + in) * elem, elem);
			}
		}
		if ((o & 0xff) == 0xff)
			CHECK_FOR_INTERRUPTS();
	}
	pfree(order);
	PG_RETURN_TENSOR_P(result);
}

Datum
tensor_topk(PG_FUNCTION_ARGS)
{
	return topk_of(fcinfo, false);
}

Datum
tensor_argtopk(PG_FUNCTION_ARGS)
{
	return topk_of(fcinfo, true);
}

/* searchsorted(a, v, side, sorter): int64 tensor of v's shape */
Datum
tensor_searchsorted(PG_FUNCTION_ARGS)
{
	Tensor	   *a;
	Tensor	   *v;
	Tensor	   *sorter = NULL;
	Tensor	   *result;
	char	   *side;
	bool		right;
	int64		dims[MT_MAX_DIMS];
	int64		na;
	const int64 *order = NULL;
	MtStatus	st;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	v = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	side = text_to_cstring(PG_GETARG_TEXT_PP(2));
	if (strcmp(side, "left") == 0)
		right = false;
	else if (strcmp(side, "right") == 0)
		right = true;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("side must be \"left\" or \"right\", not \"%s\"", side)));
	if (a->ndim != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("searchsorted needs a one-dimensional tensor to search, not one of dimension %d",
						a->ndim)));
	na = a->dims[0];
	if (!PG_ARGISNULL(3))
	{
		sorter = PG_GETARG_TENSOR_ANYDTYPE_P(3);
		if (!mt_dtype_is_integer((MtDtype) sorter->dtype))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("sorter must be a tensor of an integer dtype, not %s",
							mt_dtype_name((MtDtype) sorter->dtype))));
		if (sorter->ndim != 1 || sorter->dims[0] != na)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("sorter must be one-dimensional with as many elements as the tensor searched")));
		sorter = tensor_convert(sorter, MT_INT64);
		order = (const int64 *) TENSOR_DATA(sorter);
		for (int64 i = 0; i < na; i++)
			if (order[i] < 0 || order[i] >= na)
				ereport(ERROR,
						(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
						 errmsg("sorter index out of range"),
						 errdetail("Element %lld of sorter is %lld; the tensor searched has %lld elements.",
								   (long long) i, (long long) order[i], (long long) na)));
	}
	tensor_dims64(v, dims);
	result = tensor_new_uninit(v->ndim, dims, MT_INT64);
	st = mt_searchsorted(TENSOR_DATA(a), (MtDtype) a->dtype, na,
						 (const int64_t *) order, TENSOR_DATA(v),
						 (MtDtype) v->dtype, tensor_size(v), right,
						 (int64_t *) TENSOR_DATA(result),
						 tensor_poll_interrupts, NULL);
	tensor_check_status(st, NULL);
	PG_RETURN_TENSOR_P(result);
}

/* numpy.lexsort of nkeys tensors of one shape along axis (NULL: flattened) */
static Tensor *
lexsort_of(Tensor **keys, int nkeys, bool axis_null, int axis_arg)
{
	const void **data = palloc(sizeof(void *) * nkeys);
	MtDtype    *dtypes = palloc(sizeof(MtDtype) * nkeys);
	int64		dims[MT_MAX_DIMS];
	int64		outer,
				n,
				inner;
	int			axis = 0;
	Tensor	   *result;
	MtStatus	st;

	for (int i = 0; i < nkeys; i++)
	{
		if (keys[i]->ndim != keys[0]->ndim ||
			memcmp(keys[i]->dims, keys[0]->dims, sizeof(int32) * keys[0]->ndim) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("all keys need to be the same shape"),
					 errdetail("Key %d differs in shape from key 1.", i + 1)));
	}
	if (keys[0]->ndim == 0 && !axis_null)
	{
		/* numpy: the one element of 0-d keys is in place */
		result = tensor_new(0, dims, MT_INT64);
		return result;
	}
	for (int i = 0; i < nkeys; i++)
	{
		axis = tensor_axis_or_flatten(&keys[i], axis_null, axis_arg);
		data[i] = TENSOR_DATA(keys[i]);
		dtypes[i] = (MtDtype) keys[i]->dtype;
	}
	tensor_dims64(keys[0], dims);
	result = tensor_new_uninit(keys[0]->ndim, dims, MT_INT64);
	tensor_lanes_of(keys[0], axis, &outer, &n, &inner);
	st = mt_lexsort_lanes(data, dtypes, nkeys, outer, n, inner,
						  (int64_t *) TENSOR_DATA(result),
						  tensor_poll_interrupts, NULL);
	tensor_check_status(st, NULL);
	return result;
}

/* lexsort(keys tensor[], axis): one key per array element */
Datum
tensor_lexsort_array(PG_FUNCTION_ARGS)
{
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *nulls;
	int			count;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Tensor	  **keys;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	arr = PG_GETARG_ARRAYTYPE_P(0);
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("keys must be given as a one-dimensional array")));
	get_typlenbyvalalign(ARR_ELEMTYPE(arr), &typlen, &typbyval, &typalign);
	deconstruct_array(arr, ARR_ELEMTYPE(arr), typlen, typbyval, typalign,
					  &elems, &nulls, &count);
	if (count == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lexsort needs at least one key")));
	keys = palloc(sizeof(Tensor *) * count);
	for (int i = 0; i < count; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("keys must not contain nulls")));
		keys[i] = DatumGetTensorAnyDtypeP(elems[i]);
	}
	PG_RETURN_TENSOR_P(lexsort_of(keys, count, PG_ARGISNULL(1),
								  PG_ARGISNULL(1) ? 0 : PG_GETARG_INT32(1)));
}

/* lexsort(keys tensor, axis): the keys are keys[0], keys[1], ... */
Datum
tensor_lexsort(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	Tensor	  **keys;
	int64		dims[MT_MAX_DIMS];
	int			count;
	size_t		bytes;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	if (t->ndim == 0 || t->dims[0] == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lexsort needs at least one key"),
				 errdetail("The keys are the slices of the tensor along its first axis.")));
	tensor_dims64(t, dims);
	count = t->dims[0];
	keys = palloc(sizeof(Tensor *) * count);
	bytes = (size_t) (tensor_size(t) / count) * mt_dtype_size((MtDtype) t->dtype);
	for (int i = 0; i < count; i++)
	{
		keys[i] = tensor_new_uninit(t->ndim - 1, dims + 1, (MtDtype) t->dtype);
		memcpy(TENSOR_DATA(keys[i]), (char *) TENSOR_DATA(t) + bytes * i, bytes);
		if ((i & 0xff) == 0xff)
			CHECK_FOR_INTERRUPTS();
	}
	PG_RETURN_TENSOR_P(lexsort_of(keys, count, PG_ARGISNULL(1),
								  PG_ARGISNULL(1) ? 0 : PG_GETARG_INT32(1)));
}
