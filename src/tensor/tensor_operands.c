/*
 * tensor_operands.c
 *	  Operands of the two-argument ufuncs of tensor_bitwise.c and
 *	  tensor_math_extra.c (see tensor_operands.h).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"

#include "kernels/broadcast.h"
#include "kernels/float16.h"
#include "tensor/tensor_operands.h"

void
tensor_operand_arg(FunctionCallInfo fcinfo, int argno, TensorOperand *op)
{
	Oid			type = fcinfo->flinfo != NULL ?
		get_fn_expr_argtype(fcinfo->flinfo, argno) : InvalidOid;

	if (type == InvalidOid)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("could not determine the type of argument %d", argno + 1)));
	op->t = NULL;
	op->ival = 0;
	op->dval = 0;
	switch (type)
	{
		case INT8OID:
			op->kind = MT_SCALAR_INT;
			op->ival = PG_GETARG_INT64(argno);
			break;
		case INT4OID:
			op->kind = MT_SCALAR_INT;
			op->ival = PG_GETARG_INT32(argno);
			break;
		case FLOAT8OID:
			op->kind = MT_SCALAR_FLOAT;
			op->dval = PG_GETARG_FLOAT8(argno);
			break;
		default:
			op->t = PG_GETARG_TENSOR_ANYDTYPE_P(argno);
			break;
	}
}

MtDtype
tensor_operand_dtype(const TensorOperand *op)
{
	if (op->t != NULL)
		return (MtDtype) op->t->dtype;
	return op->kind == MT_SCALAR_INT ? MT_INT64 : MT_FLOAT64;
}

/* a number as a 0-d tensor of dtype */
static Tensor *
operand_tensor(const TensorOperand *op, MtDtype dtype)
{
	Tensor	   *t;

	if (op->t != NULL)
		return tensor_convert(op->t, dtype);
	if (op->kind == MT_SCALAR_INT)
	{
		if (mt_dtype_is_exact(dtype))
		{
			int64_t		lo,
						hi;

			mt_dtype_int_range(dtype, &lo, &hi);
			if (op->ival < lo || op->ival > hi)
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("integer %lld is out of range for dtype %s",
								(long long) op->ival, mt_dtype_name(dtype)),
						 errhint("Convert the tensor to a wider dtype with marsql.astype first.")));
		}
		t = tensor_new(0, NULL, MT_INT64);
		*(int64 *) TENSOR_DATA(t) = op->ival;
		return tensor_convert(t, dtype);
	}
	t = tensor_new(0, NULL, MT_FLOAT64);
	*(double *) TENSOR_DATA(t) = op->dval;
	return tensor_convert(t, dtype);
}

/* t broadcast to (ndim, dims): t itself when it already has that shape */
static Tensor *
broadcast_if_needed(Tensor *t, int ndim, const int64 *dims)
{
	bool		same = t->ndim == ndim;

	for (int i = 0; same && i < ndim; i++)
		same = t->dims[i] == dims[i];
	return same ? t : tensor_broadcast_to(t, ndim, dims);
}

MtDtype
tensor_operands_prepare(TensorOperand *a, TensorOperand *b, bool float_only,
						int *ndim, int64 *dims)
{
	MtDtype		dtype;
	MtError		err;
	int64_t		bdims[MT_MAX_DIMS];

	if (a->t != NULL && b->t != NULL)
	{
		MtDtype		da = (MtDtype) a->t->dtype,
					db = (MtDtype) b->t->dtype;

		if (float_only)
		{
			da = mt_dtype_inexact_of(da);
			db = mt_dtype_inexact_of(db);
		}
		dtype = mt_dtype_promote(da, db);
	}
	else if (a->t != NULL)
		dtype = mt_dtype_promote_scalar((MtDtype) a->t->dtype, b->kind);
	else if (b->t != NULL)
		dtype = mt_dtype_promote_scalar((MtDtype) b->t->dtype, a->kind);
	else
		dtype = mt_dtype_promote(tensor_operand_dtype(a), tensor_operand_dtype(b));
	if (float_only && !mt_dtype_is_complex(dtype))
		dtype = mt_dtype_inexact_of(dtype);
	if (float_only && mt_dtype_is_complex(dtype))
		return dtype;			/* the caller refuses it */
	if (!float_only && (mt_dtype_is_float(dtype) || mt_dtype_is_complex(dtype)))
		return dtype;			/* likewise */
	a->t = operand_tensor(a, dtype);
	b->t = operand_tensor(b, dtype);
	if (mt_broadcast_shape(a->t->ndim, a->t->dims, b->t->ndim, b->t->dims,
						   ndim, bdims, &err) != MT_OK)
		tensor_report_error(&err, NULL);
	for (int i = 0; i < *ndim; i++)
		dims[i] = bdims[i];
	a->t = broadcast_if_needed(a->t, *ndim, dims);
	b->t = broadcast_if_needed(b->t, *ndim, dims);
	return dtype;
}

void
tensor_refuse_ufunc_dtype(const char *fname, MtDtype dtype)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("%s does not support dtype %s", fname, mt_dtype_name(dtype))));
}

int64 *
tensor_int_lanes(Tensor *t)
{
	return (int64 *) TENSOR_DATA(tensor_convert(t, MT_INT64));
}

Tensor *
tensor_from_int_lanes(const int64 *lanes, int ndim, const int64 *dims,
					  MtDtype dtype)
{
	Tensor	   *t = tensor_new_uninit(ndim, dims, MT_INT64);

	memcpy(TENSOR_DATA(t), lanes, tensor_size(t) * sizeof(int64));
	return tensor_convert(t, dtype);
}

double *
tensor_double_lanes(Tensor *t)
{
	return (double *) TENSOR_DATA(tensor_convert(t, MT_FLOAT64));
}

Tensor *
tensor_from_double_lanes(const double *lanes, int ndim, const int64 *dims,
						 MtDtype dtype)
{
	Tensor	   *t = tensor_new_uninit(ndim, dims, MT_FLOAT64);

	memcpy(TENSOR_DATA(t), lanes, tensor_size(t) * sizeof(double));
	return tensor_convert(t, dtype);
}

Tensor *
tensor_round_doubles(Tensor *t, MtDtype dtype)
{
	const double *src = (const double *) TENSOR_DATA(t);
	int64		n = tensor_size(t) * (mt_dtype_is_complex((MtDtype) t->dtype) ? 2 : 1);
	Tensor	   *r;

	if (dtype == MT_FLOAT64 || dtype == MT_COMPLEX128 || (MtDtype) t->dtype == dtype)
		return t;
	r = tensor_new_like(t, dtype);
	if (dtype == MT_FLOAT16)
	{
		uint16	   *dst = (uint16 *) TENSOR_DATA(r);

		for (int64 i = 0; i < n; i++)
			dst[i] = mt_double_to_half(src[i]);
	}
	else if (dtype == MT_FLOAT32 || dtype == MT_COMPLEX64)
	{
		float	   *dst = (float *) TENSOR_DATA(r);

		for (int64 i = 0; i < n; i++)
			dst[i] = (float) src[i];
	}
	else
		return tensor_convert(t, dtype);
	return r;
}
