/*
 * tensor_compare.c
 *	  Equality, ordering and hashing of tensors (btree and hash operator
 *	  classes), and marsql.allclose.  Two tensors are equal when they have
 *	  the same shape and equal elements under PostgreSQL's float rules
 *	  (NaN = NaN, -0 = 0), whatever their dtypes.  These are whole-value
 *	  orderings returning one boolean; numpy's elementwise comparisons
 *	  (equal, less, ... returning bool tensors) are in tensor_logic.c.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "tensor/tensor.h"
#include "kernels/broadcast.h"
#include "kernels/elements.h"

PG_FUNCTION_INFO_V1(tensor_cmp);
PG_FUNCTION_INFO_V1(tensor_eq);
PG_FUNCTION_INFO_V1(tensor_ne);
PG_FUNCTION_INFO_V1(tensor_lt);
PG_FUNCTION_INFO_V1(tensor_le);
PG_FUNCTION_INFO_V1(tensor_gt);
PG_FUNCTION_INFO_V1(tensor_ge);
PG_FUNCTION_INFO_V1(tensor_hash);
PG_FUNCTION_INFO_V1(tensor_hash_extended);
PG_FUNCTION_INFO_V1(tensor_allclose);

static int
compare_args(FunctionCallInfo fcinfo)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	int			result;

	result = mt_compare_tensors(a->ndim, a->dims, (MtDtype) a->dtype,
								TENSOR_DATA(a), b->ndim, b->dims,
								(MtDtype) b->dtype, TENSOR_DATA(b),
								tensor_size(a));
	PG_FREE_TENSOR_IF_COPY(a, 0);
	PG_FREE_TENSOR_IF_COPY(b, 1);
	return result;
}

Datum
tensor_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(compare_args(fcinfo));
}

Datum
tensor_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo) == 0);
}

Datum
tensor_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo) != 0);
}

Datum
tensor_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo) < 0);
}

Datum
tensor_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo) <= 0);
}

Datum
tensor_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo) > 0);
}

Datum
tensor_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo) >= 0);
}

static uint64
hash_arg(FunctionCallInfo fcinfo, uint64 seed)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	uint64		h;

	h = mt_hash_tensor(t->ndim, t->dims, (MtDtype) t->dtype, TENSOR_DATA(t),
					   tensor_size(t), seed);
	PG_FREE_TENSOR_IF_COPY(t, 0);
	return h;
}

Datum
tensor_hash(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) hash_arg(fcinfo, 0));
}

Datum
tensor_hash_extended(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64((int64) hash_arg(fcinfo, (uint64) PG_GETARG_INT64(1)));
}

/* allclose(a, b, rtol, atol, equal_nan): numpy's, with broadcasting. */
Datum
tensor_allclose(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	double		rtol = PG_GETARG_FLOAT8(2);
	double		atol = PG_GETARG_FLOAT8(3);
	bool		equal_nan = PG_GETARG_BOOL(4);
	int			ndim;
	int64		dims[MT_MAX_DIMS];
	int64		n = 1;
	MtError		err;
	MtBroadcastIter it;
	const void *da = TENSOR_DATA(a);
	const void *db = TENSOR_DATA(b);
	/* float32 with float32 is computed in float32, as numpy */
	bool		both32 = a->dtype == MT_FLOAT32 && b->dtype == MT_FLOAT32;

	if (isnan(rtol) || isnan(atol) || rtol < 0 || atol < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rtol and atol must be non-negative numbers")));
	if (mt_dtype_is_complex((MtDtype) a->dtype) || mt_dtype_is_complex((MtDtype) b->dtype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("allclose does not support complex tensors"),
				 errhint("Compare the real and imaginary parts separately.")));
	if (mt_broadcast_shape(a->ndim, a->dims, b->ndim, b->dims, &ndim,
						   (int64_t *) dims, &err) != MT_OK)
		tensor_report_error(&err, NULL);
	for (int i = 0; i < ndim; i++)
		n *= dims[i];
	mt_broadcast_iter_init(&it, ndim, (int64_t *) dims, a->ndim, a->dims,
						   b->ndim, b->dims);
	for (int64 i = 0; i < n; i++)
	{
		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		if (both32 ?
			!mt_isclose_f32(((const float *) da)[it.offset_a],
							((const float *) db)[it.offset_b],
							(float) rtol, (float) atol, equal_nan) :
			!mt_isclose(mt_load(da, (MtDtype) a->dtype, it.offset_a),
						mt_load(db, (MtDtype) b->dtype, it.offset_b),
						rtol, atol, equal_nan))
			PG_RETURN_BOOL(false);
		mt_broadcast_iter_next(&it);
	}
	PG_RETURN_BOOL(true);
}
