/*
 * tensor_elementwise.c
 *	  SQL glue for elementwise math: the + - * / ^ operators on (tensor,
 *	  tensor), (tensor, float8) and (float8, tensor), unary minus, the unary
 *	  functions (abs, sqrt, exp, ...), maximum/minimum, clip and where.
 *
 *	  dtype rules follow numpy: two tensors compute in the wider dtype; a
 *	  float8 scalar takes the tensor's dtype (numpy 2's NEP 50), so a
 *	  float32 tensor stays float32.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/float.h"

#include "device/device.h"
#include "guc.h"
#include "kernels/broadcast.h"
#include "kernels/elements.h"
#include "kernels/elementwise.h"
#include "kernels/strided.h"
#include "tensor/tensor_ops.h"

Tensor *
tensor_binary_op(Tensor *a, Tensor *b, MtBinaryOp op)
{
	MtError		err;
	int			ndim;
	int64_t		dims[MT_MAX_DIMS];
	MtDtype		dtype = tensor_promote(&a, &b);
	Tensor	   *result;

	if (mt_broadcast_shape(a->ndim, a->dims, b->ndim, b->dims, &ndim, dims,
						   &err) != MT_OK)
		tensor_report_error(&err, NULL);
	result = tensor_new(ndim, (int64 *) dims, dtype);
	if (device_binary((DeviceMode) marsql_device, (int) op, dtype, tensor_size(result),
					  TENSOR_DATA(a), tensor_size(a), TENSOR_DATA(b), tensor_size(b),
					  TENSOR_DATA(result)))
		return result;
	tensor_check_status(mt_binary(op, dtype, ndim, dims,
								  a->ndim, a->dims, TENSOR_DATA(a),
								  b->ndim, b->dims, TENSOR_DATA(b),
								  TENSOR_DATA(result),
								  tensor_poll_interrupts, NULL), NULL);
	return result;
}

/* A 0-d tensor of the given dtype holding a scalar (IEEE rounding to
 * float32: a scalar too large becomes infinity, as numpy casts it). */
Tensor *
tensor_from_scalar(double value, MtDtype dtype)
{
	Tensor	   *t = tensor_new(0, NULL, dtype);

	if (dtype == MT_FLOAT32)
		*(float *) TENSOR_DATA(t) = (float) value;
	else
		*(double *) TENSOR_DATA(t) = value;
	return t;
}

Tensor *
tensor_unary_op(Tensor *t, MtUnaryOp op)
{
	Tensor	   *result = tensor_new_like(t, (MtDtype) t->dtype);

	tensor_check_status(mt_unary(op, (MtDtype) t->dtype, TENSOR_DATA(t),
								 TENSOR_DATA(result), tensor_size(t),
								 tensor_poll_interrupts, NULL), NULL);
	return result;
}

/*
 * Whether s op scalar keeps a CSR tensor's zeros zero: s * c and c * s for
 * finite c, s / c for finite nonzero c.  Anything else (s + 1, s / 0,
 * s * inf) gives a dense result, computed on the dense form.
 */
static bool
keeps_sparsity(MtBinaryOp op, double scalar, bool scalar_first)
{
	if (!isfinite(scalar))
		return false;
	if (op == MT_BINARY_MUL)
		return true;
	return op == MT_BINARY_DIV && !scalar_first && scalar != 0.0;
}

/* (tensor, tensor), (tensor, float8) and (float8, tensor) entry points */
#define BINARY_FUNCTIONS(name, op) \
	PG_FUNCTION_INFO_V1(tensor_##name); \
	Datum tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_binary_op(PG_GETARG_TENSOR_P(0), \
									 PG_GETARG_TENSOR_P(1), op)); \
	} \
	PG_FUNCTION_INFO_V1(tensor_##name##_scalar); \
	Datum tensor_##name##_scalar(PG_FUNCTION_ARGS) \
	{ \
		Tensor	   *t = PG_GETARG_TENSOR_ANY_P(0); \
		double		c = PG_GETARG_FLOAT8(1); \
		if (tensor_is_csr(t) && keeps_sparsity(op, c, false)) \
			PG_RETURN_TENSOR_P(tensor_csr_scalar_op(t, op, c, false)); \
		t = tensor_densify(t); \
		PG_RETURN_TENSOR_P(tensor_binary_op(t, tensor_from_scalar(c, (MtDtype) t->dtype), op)); \
	} \
	PG_FUNCTION_INFO_V1(tensor_scalar_##name); \
	Datum tensor_scalar_##name(PG_FUNCTION_ARGS) \
	{ \
		Tensor	   *t = PG_GETARG_TENSOR_ANY_P(1); \
		double		c = PG_GETARG_FLOAT8(0); \
		if (tensor_is_csr(t) && keeps_sparsity(op, c, true)) \
			PG_RETURN_TENSOR_P(tensor_csr_scalar_op(t, op, c, true)); \
		t = tensor_densify(t); \
		PG_RETURN_TENSOR_P(tensor_binary_op(tensor_from_scalar(c, (MtDtype) t->dtype), t, op)); \
	}

BINARY_FUNCTIONS(add, MT_BINARY_ADD)
BINARY_FUNCTIONS(sub, MT_BINARY_SUB)
BINARY_FUNCTIONS(mul, MT_BINARY_MUL)
BINARY_FUNCTIONS(div, MT_BINARY_DIV)
BINARY_FUNCTIONS(pow, MT_BINARY_POW)
BINARY_FUNCTIONS(maximum, MT_BINARY_MAXIMUM)
BINARY_FUNCTIONS(minimum, MT_BINARY_MINIMUM)

#define UNARY_FUNCTION(name, op) \
	PG_FUNCTION_INFO_V1(tensor_##name); \
	Datum tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_unary_op(PG_GETARG_TENSOR_P(0), op)); \
	}

/* negation and abs keep zeros zero: a sparse tensor stays sparse */
#define SPARSE_UNARY_FUNCTION(name, op) \
	PG_FUNCTION_INFO_V1(tensor_##name); \
	Datum tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		Tensor	   *t = PG_GETARG_TENSOR_ANY_P(0); \
		if (tensor_is_csr(t)) \
			PG_RETURN_TENSOR_P(tensor_csr_unary(t, op)); \
		PG_RETURN_TENSOR_P(tensor_unary_op(t, op)); \
	}

SPARSE_UNARY_FUNCTION(neg, MT_UNARY_NEG)
SPARSE_UNARY_FUNCTION(abs, MT_UNARY_ABS)
UNARY_FUNCTION(sqrt, MT_UNARY_SQRT)
UNARY_FUNCTION(exp, MT_UNARY_EXP)
UNARY_FUNCTION(log, MT_UNARY_LOG)
UNARY_FUNCTION(log1p, MT_UNARY_LOG1P)
UNARY_FUNCTION(expm1, MT_UNARY_EXPM1)
UNARY_FUNCTION(sin, MT_UNARY_SIN)
UNARY_FUNCTION(cos, MT_UNARY_COS)
UNARY_FUNCTION(tan, MT_UNARY_TAN)
UNARY_FUNCTION(tanh, MT_UNARY_TANH)
UNARY_FUNCTION(sigmoid, MT_UNARY_SIGMOID)
UNARY_FUNCTION(relu, MT_UNARY_RELU)
UNARY_FUNCTION(floor, MT_UNARY_FLOOR)
UNARY_FUNCTION(ceil, MT_UNARY_CEIL)
UNARY_FUNCTION(sign, MT_UNARY_SIGN)
UNARY_FUNCTION(square, MT_UNARY_SQUARE)

/* clip(t, lo, hi): a NULL bound is no bound; not STRICT in the bounds. */
PG_FUNCTION_INFO_V1(tensor_clip);
Datum
tensor_clip(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	Tensor	   *result;
	double		lo = PG_ARGISNULL(1) ? get_float8_nan() : PG_GETARG_FLOAT8(1);
	double		hi = PG_ARGISNULL(2) ? get_float8_nan() : PG_GETARG_FLOAT8(2);

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if ((!PG_ARGISNULL(1) && isnan(lo)) || (!PG_ARGISNULL(2) && isnan(hi)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("clip bounds must not be NaN"),
				 errhint("Pass NULL for a side without a bound.")));
	t = PG_GETARG_TENSOR_P(0);
	result = tensor_new_like(t, (MtDtype) t->dtype);
	tensor_check_status(mt_clip((MtDtype) t->dtype, TENSOR_DATA(t),
								TENSOR_DATA(result), tensor_size(t), lo, hi,
								tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}

/* where(cond, x, y): x where cond is nonzero (NaN counts as true), else y;
 * all three broadcast together. */
PG_FUNCTION_INFO_V1(tensor_where);
Datum
tensor_where(PG_FUNCTION_ARGS)
{
	Tensor	   *cond = PG_GETARG_TENSOR_P(0);
	Tensor	   *x = PG_GETARG_TENSOR_P(1);
	Tensor	   *y = PG_GETARG_TENSOR_P(2);
	MtError		err;
	int			ndim,
				ndim2;
	int64_t		dims[MT_MAX_DIMS],
				dims2[MT_MAX_DIMS];
	int32		dims32[MT_MAX_DIMS];
	MtDtype		dtype = tensor_promote(&x, &y);
	Tensor	   *result;
	int64		n;

	if (mt_broadcast_shape(x->ndim, x->dims, y->ndim, y->dims, &ndim, dims,
						   &err) != MT_OK)
		tensor_report_error(&err, NULL);
	for (int i = 0; i < ndim; i++)
		dims32[i] = (int32) dims[i];
	if (mt_broadcast_shape(cond->ndim, cond->dims, ndim, dims32, &ndim2,
						   dims2, &err) != MT_OK)
		tensor_report_error(&err, NULL);
	cond = tensor_broadcast_to(cond, ndim2, (int64 *) dims2);
	x = tensor_broadcast_to(x, ndim2, (int64 *) dims2);
	y = tensor_broadcast_to(y, ndim2, (int64 *) dims2);
	result = tensor_new(ndim2, (int64 *) dims2, dtype);
	n = tensor_size(result);
	for (int64 i = 0; i < n; i++)
	{
		bool		pick_x = mt_load(TENSOR_DATA(cond), (MtDtype) cond->dtype, i) != 0.0;
		const Tensor *src = pick_x ? x : y;

		if ((i & (TENSOR_INTERRUPT_STRIDE - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		if (dtype == MT_FLOAT32)
			((float *) TENSOR_DATA(result))[i] = ((const float *) TENSOR_DATA(src))[i];
		else
			((double *) TENSOR_DATA(result))[i] = ((const double *) TENSOR_DATA(src))[i];
	}
	PG_RETURN_TENSOR_P(result);
}

/* round(t, decimals): numpy.round, half to even, in the data's dtype */
PG_FUNCTION_INFO_V1(tensor_round);
Datum
tensor_round(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_P(0);
	int32		decimals = PG_GETARG_INT32(1);
	Tensor	   *result;

	if (decimals < -308 || decimals > 308)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("decimals must be between -308 and 308")));
	result = tensor_new_like(t, (MtDtype) t->dtype);
	tensor_check_status(mt_round((MtDtype) t->dtype, TENSOR_DATA(t),
								 TENSOR_DATA(result), tensor_size(t), decimals,
								 tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}
