/*
 * tensor_reduce.c
 *	  SQL glue for reductions with numpy's axis and keepdims: sum, mean,
 *	  min, max, prod, std, var, argmin, argmax, norm and cumsum.  axis NULL
 *	  reduces over all elements; a negative axis counts from the end.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "device/device.h"
#include "guc.h"
#include "kernels/reduce.h"
#include "tensor/tensor_ops.h"

static const char *
op_name(MtReduceOp op)
{
	switch (op)
	{
		case MT_REDUCE_MIN:
			return "min";
		case MT_REDUCE_MAX:
			return "max";
		case MT_REDUCE_ARGMIN:
			return "argmin";
		case MT_REDUCE_ARGMAX:
			return "argmax";
		case MT_REDUCE_NORM_INF:
		case MT_REDUCE_NORM_NEG_INF:
		case MT_REDUCE_NORM_P:
		case MT_REDUCE_NORM_ZERO:
			return "norm";
		case MT_REDUCE_SUM:
			return "sum";
		case MT_REDUCE_PROD:
			return "prod";
		case MT_REDUCE_MEAN:
			return "mean";
		case MT_REDUCE_VAR:
			return "var";
		case MT_REDUCE_STD:
			return "std";
		case MT_REDUCE_ANY:
			return "any";
		case MT_REDUCE_ALL:
			return "all";
		case MT_REDUCE_COUNT_NONZERO:
			return "count_nonzero";
		default:
			return "reduction";
	}
}

/*
 * The dtype of op's result for elements of dtype, numpy's rules (see
 * kernels/reduce.h); 42804 for complex norms.
 */
static MtDtype
reduce_dtype(MtReduceOp op, MtDtype dtype)
{
	switch (op)
	{
		case MT_REDUCE_ANY:
		case MT_REDUCE_ALL:
			return MT_BOOL;
		case MT_REDUCE_COUNT_NONZERO:
			return MT_INT64;
		case MT_REDUCE_SUM:
		case MT_REDUCE_PROD:
			/* numpy: uint8 sums to uint64, which marsql lacks: int64 */
			return mt_dtype_is_exact(dtype) ? MT_INT64 : dtype;
		case MT_REDUCE_MEAN:
			return mt_dtype_is_exact(dtype) ? MT_FLOAT64 : dtype;
		default:
			break;
	}
	switch (op)
	{
		case MT_REDUCE_ARGMIN:
		case MT_REDUCE_ARGMAX:
			return MT_INT64;
		case MT_REDUCE_MIN:
		case MT_REDUCE_MAX:
			return dtype;
		case MT_REDUCE_VAR:
		case MT_REDUCE_STD:
			/* numpy: the variance of complex values is real */
			if (dtype == MT_COMPLEX64)
				return MT_FLOAT32;
			if (dtype == MT_COMPLEX128)
				return MT_FLOAT64;
			return mt_dtype_is_exact(dtype) ? MT_FLOAT64 : dtype;
		default:
			if (mt_dtype_is_complex(dtype))
				ereport(ERROR,
						(errcode(ERRCODE_DATATYPE_MISMATCH),
						 errmsg("%s does not support dtype %s", op_name(op),
								mt_dtype_name(dtype))));
			/* norms: float64 for bool and integers */
			return mt_dtype_is_exact(dtype) ? MT_FLOAT64 : dtype;
	}
}

/*
 * Reduces t along axis (or all axes when axis_null) and returns the
 * result, keeping reduced axes as extent 1 when keepdims.
 */
static Tensor *
reduce(Tensor *t, MtReduceOp op, bool axis_null, int axis_arg, bool keepdims,
	   double param)
{
	int64		outer = 1,
				len,
				inner = 1;
	int64		dims[MT_MAX_DIMS];
	int			ndim = 0;
	int			axis = -1;
	MtDtype		dst_dtype = reduce_dtype(op, (MtDtype) t->dtype);
	Tensor	   *result;
	double	   *work;
	int64	   *iwork;

	if (axis_null)
		len = tensor_size(t);
	else
	{
		axis = tensor_axis(axis_arg, t->ndim);
		tensor_lanes_of(t, axis, &outer, &len, &inner);
	}
	/* as numpy: an error only when some result would have no element */
	if (len == 0 && mt_reduce_needs_elements(op) && outer * inner > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("zero-size tensor to reduction operation %s which has no identity",
						op_name(op))));

	for (int i = 0; i < t->ndim; i++)
	{
		if (axis_null || i == axis)
		{
			if (keepdims)
				dims[ndim++] = 1;
		}
		else
			dims[ndim++] = t->dims[i];
	}
	result = tensor_new(ndim, dims, dst_dtype);
	if (axis_null && (t->dtype == MT_FLOAT32 || t->dtype == MT_FLOAT64) &&
		op != MT_REDUCE_ARGMIN && op != MT_REDUCE_ARGMAX)
	{
		double		value;

		if (device_reduce((DeviceMode) marsql_device, (int) op, (MtDtype) t->dtype, len,
						  TENSOR_DATA(t), param, &value))
		{
			if (dst_dtype == MT_FLOAT32)
				*(float *) TENSOR_DATA(result) = (float) value;
			else
				*(double *) TENSOR_DATA(result) = value;
			return result;
		}
	}
	work = palloc(sizeof(double) * 2 * Max(inner, 1));
	iwork = palloc(sizeof(int64) * Max(inner, 1));
	tensor_check_status(mt_reduce(op, (MtDtype) t->dtype, TENSOR_DATA(t),
								  outer, len, inner, param,
								  TENSOR_DATA(result), dst_dtype,
								  work, (int64_t *) iwork,
								  tensor_poll_interrupts, NULL), NULL);
	pfree(work);
	pfree(iwork);
	return result;
}

/* (t, axis int DEFAULT NULL, keepdims bool DEFAULT false): not STRICT in
 * axis, so NULL means every axis */
static Datum
reduce_sql(FunctionCallInfo fcinfo, MtReduceOp op)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	PG_RETURN_TENSOR_P(reduce(PG_GETARG_TENSOR_ANYDTYPE_P(0), op, PG_ARGISNULL(1),
							  PG_ARGISNULL(1) ? 0 : PG_GETARG_INT32(1),
							  PG_GETARG_BOOL(2), 0));
}

#define REDUCE_FUNCTION(name, op) \
	PG_FUNCTION_INFO_V1(tensor_##name); \
	Datum tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		return reduce_sql(fcinfo, op); \
	}

/* sum keeps a sparse tensor sparse while it reads it */
PG_FUNCTION_INFO_V1(tensor_sum);
Datum
tensor_sum(PG_FUNCTION_ARGS)
{
	Tensor	   *t;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_STORED_P(0);
	if (tensor_is_csr(t))
		PG_RETURN_TENSOR_P(tensor_csr_sum(t, PG_ARGISNULL(1),
										  PG_ARGISNULL(1) ? 0 : PG_GETARG_INT32(1),
										  PG_GETARG_BOOL(2)));
	PG_RETURN_TENSOR_P(reduce(tensor_densify(t), MT_REDUCE_SUM, PG_ARGISNULL(1),
							  PG_ARGISNULL(1) ? 0 : PG_GETARG_INT32(1),
							  PG_GETARG_BOOL(2), 0));
}

REDUCE_FUNCTION(prod, MT_REDUCE_PROD)
REDUCE_FUNCTION(mean, MT_REDUCE_MEAN)
REDUCE_FUNCTION(min, MT_REDUCE_MIN)
REDUCE_FUNCTION(max, MT_REDUCE_MAX)
REDUCE_FUNCTION(argmin_axis, MT_REDUCE_ARGMIN)
REDUCE_FUNCTION(argmax_axis, MT_REDUCE_ARGMAX)
REDUCE_FUNCTION(any, MT_REDUCE_ANY)
REDUCE_FUNCTION(all, MT_REDUCE_ALL)
REDUCE_FUNCTION(count_nonzero, MT_REDUCE_COUNT_NONZERO)

/* (t, axis, ddof int DEFAULT 0, keepdims) */
static Datum
moment_sql(FunctionCallInfo fcinfo, MtReduceOp op)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	if (PG_GETARG_INT32(2) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ddof must not be negative")));
	PG_RETURN_TENSOR_P(reduce(PG_GETARG_TENSOR_ANYDTYPE_P(0), op, PG_ARGISNULL(1),
							  PG_ARGISNULL(1) ? 0 : PG_GETARG_INT32(1),
							  PG_GETARG_BOOL(3), PG_GETARG_INT32(2)));
}

PG_FUNCTION_INFO_V1(tensor_var);
Datum
tensor_var(PG_FUNCTION_ARGS)
{
	return moment_sql(fcinfo, MT_REDUCE_VAR);
}

PG_FUNCTION_INFO_V1(tensor_std);
Datum
tensor_std(PG_FUNCTION_ARGS)
{
	return moment_sql(fcinfo, MT_REDUCE_STD);
}

/* argmin(t) / argmax(t): the flat index, as bigint */
static Datum
arg_flat(FunctionCallInfo fcinfo, MtReduceOp op)
{
	Tensor	   *r = reduce(PG_GETARG_TENSOR_ANYDTYPE_P(0), op, true, 0, false, 0);

	PG_RETURN_INT64(*(int64 *) TENSOR_DATA(r));
}

PG_FUNCTION_INFO_V1(tensor_argmin);
Datum
tensor_argmin(PG_FUNCTION_ARGS)
{
	return arg_flat(fcinfo, MT_REDUCE_ARGMIN);
}

PG_FUNCTION_INFO_V1(tensor_argmax);
Datum
tensor_argmax(PG_FUNCTION_ARGS)
{
	return arg_flat(fcinfo, MT_REDUCE_ARGMAX);
}

/* cumsum / cumprod (t, axis DEFAULT NULL): axis NULL flattens first, as
 * numpy; the result has sum's dtype (int64 for bool and integers) */
static Datum
accumulate_sql(FunctionCallInfo fcinfo, bool prod)
{
	Tensor	   *t;
	Tensor	   *result;
	MtDtype		dtype;
	int64		outer = 1,
				len,
				inner = 1;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	dtype = reduce_dtype(prod ? MT_REDUCE_PROD : MT_REDUCE_SUM, (MtDtype) t->dtype);
	if (PG_ARGISNULL(1))
	{
		len = tensor_size(t);
		result = tensor_new(1, &len, dtype);
	}
	else
	{
		int			axis = tensor_axis(PG_GETARG_INT32(1), t->ndim);

		tensor_lanes_of(t, axis, &outer, &len, &inner);
		result = tensor_new_like(t, dtype);
	}
	tensor_check_status(mt_accumulate(prod, (MtDtype) t->dtype, TENSOR_DATA(t),
									  outer, len, inner, TENSOR_DATA(result),
									  dtype, tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}

PG_FUNCTION_INFO_V1(tensor_cumsum);
Datum
tensor_cumsum(PG_FUNCTION_ARGS)
{
	return accumulate_sql(fcinfo, false);
}

PG_FUNCTION_INFO_V1(tensor_cumprod);
Datum
tensor_cumprod(PG_FUNCTION_ARGS)
{
	return accumulate_sql(fcinfo, true);
}

/* ---- norm ---- */

typedef enum NormOrd
{
	ORD_DEFAULT,				/* NULL: 2-norm of the flattened tensor */
	ORD_NUMBER,
	ORD_INF,
	ORD_NEG_INF,
	ORD_FRO,
	ORD_NUC
} NormOrd;

static NormOrd
parse_ord(text *ord_text, double *p)
{
	char	   *s = text_to_cstring(ord_text);
	char	   *end;

	if (pg_strcasecmp(s, "fro") == 0)
		return ORD_FRO;
	if (pg_strcasecmp(s, "nuc") == 0)
		return ORD_NUC;
	if (pg_strcasecmp(s, "inf") == 0 || pg_strcasecmp(s, "infinity") == 0)
		return ORD_INF;
	if (pg_strcasecmp(s, "-inf") == 0 || pg_strcasecmp(s, "-infinity") == 0)
		return ORD_NEG_INF;
	if (pg_strcasecmp(s, "l1") == 0)
	{
		*p = 1;
		return ORD_NUMBER;
	}
	if (pg_strcasecmp(s, "l2") == 0)
	{
		*p = 2;
		return ORD_NUMBER;
	}
	errno = 0;
	*p = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || isnan(*p) || isinf(*p))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid norm order \"%s\"", s),
				 errhint("Use a number, \"inf\", \"-inf\", \"fro\" or \"nuc\".")));
	return ORD_NUMBER;
}

/* a vector norm of the given order along axis (all elements when axis_null) */
static Tensor *
vector_norm(Tensor *t, NormOrd ord, double p, bool axis_null, int axis,
			bool keepdims)
{
	switch (ord)
	{
		case ORD_DEFAULT:
		case ORD_FRO:
			return reduce(t, MT_REDUCE_NORM_P, axis_null, axis, keepdims, 2);
		case ORD_INF:
			return reduce(t, MT_REDUCE_NORM_INF, axis_null, axis, keepdims, 0);
		case ORD_NEG_INF:
			return reduce(t, MT_REDUCE_NORM_NEG_INF, axis_null, axis, keepdims, 0);
		case ORD_NUMBER:
			if (p == 0)
				return reduce(t, MT_REDUCE_NORM_ZERO, axis_null, axis, keepdims, 0);
			return reduce(t, MT_REDUCE_NORM_P, axis_null, axis, keepdims, p);
		case ORD_NUC:
			break;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid norm order for vectors")));
	return NULL;
}

/* numpy.linalg.norm's matrix norms of a 2-D tensor */
static Tensor *
matrix_norm(Tensor *t, NormOrd ord, double p, bool keepdims)
{
	Tensor	   *r;

	if (ord == ORD_FRO)
		r = reduce(t, MT_REDUCE_NORM_P, true, 0, false, 2);
	else if (ord == ORD_NUC || (ord == ORD_NUMBER && (p == 2 || p == -2)))
	{
		Tensor	   *s = tensor_singular_values(t);

		if (ord == ORD_NUC)
			r = reduce(s, MT_REDUCE_SUM, true, 0, false, 0);
		else
			r = reduce(s, p > 0 ? MT_REDUCE_MAX : MT_REDUCE_MIN, true, 0, false, 0);
	}
	else if (ord == ORD_NUMBER && (p == 1 || p == -1))
		/* column sums of |x|, then the largest (smallest) */
		r = reduce(reduce(t, MT_REDUCE_NORM_P, false, 0, false, 1),
				   p > 0 ? MT_REDUCE_MAX : MT_REDUCE_MIN, true, 0, false, 0);
	else if (ord == ORD_INF || ord == ORD_NEG_INF)
		/* row sums of |x| */
		r = reduce(reduce(t, MT_REDUCE_NORM_P, false, 1, false, 1),
				   ord == ORD_INF ? MT_REDUCE_MAX : MT_REDUCE_MIN, true, 0, false, 0);
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid norm order for matrices"),
				 errhint("Matrix norms take 1, -1, 2, -2, \"inf\", \"-inf\", \"fro\" or \"nuc\".")));
	if (keepdims)
	{
		int64		dims[2] = {1, 1};

		r = tensor_reshaped(r, 2, dims);
	}
	return r;
}

/* norm of a float32 or float64 t: the body of tensor_norm */
static Datum
norm_float(FunctionCallInfo fcinfo, Tensor *t)
{
	NormOrd		ord = ORD_DEFAULT;
	double		p = 2;
	bool		axis_null = PG_ARGISNULL(2);
	bool		keepdims;

	keepdims = PG_GETARG_BOOL(3);
	if (!PG_ARGISNULL(1))
		ord = parse_ord(PG_GETARG_TEXT_PP(1), &p);

	if (!axis_null)
	{
		if (ord == ORD_FRO || ord == ORD_NUC)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid norm order \"%s\" for vectors",
							ord == ORD_FRO ? "fro" : "nuc")));
		PG_RETURN_TENSOR_P(vector_norm(t, ord, p, false, PG_GETARG_INT32(2),
									   keepdims));
	}
	if (ord == ORD_DEFAULT)
		PG_RETURN_TENSOR_P(vector_norm(t, ord, p, true, 0, keepdims));
	if (t->ndim == 1)
	{
		if (ord == ORD_FRO || ord == ORD_NUC)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid norm order \"%s\" for vectors",
							ord == ORD_FRO ? "fro" : "nuc")));
		PG_RETURN_TENSOR_P(vector_norm(t, ord, p, true, 0, keepdims));
	}
	if (t->ndim == 2)
		PG_RETURN_TENSOR_P(matrix_norm(t, ord, p, keepdims));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("improper number of dimensions to norm"),
			 errdetail("With an order and no axis, norm takes a 1-D or 2-D tensor; this one has %d dimensions.",
					   t->ndim)));
	PG_RETURN_NULL();
}

/* |x| of a complex tensor, as float32 (complex64) or float64 */
static Tensor *
complex_abs(const Tensor *t)
{
	bool		single = t->dtype == MT_COMPLEX64;
	Tensor	   *r = tensor_new_like(t, single ? MT_FLOAT32 : MT_FLOAT64);
	int64		n = tensor_size(t);

	for (int64 i = 0; i < n; i++)
	{
		if ((i & (TENSOR_INTERRUPT_STRIDE - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		if (single)
		{
			const float *c = (const float *) TENSOR_DATA(t) + 2 * i;

			((float *) TENSOR_DATA(r))[i] = hypotf(c[0], c[1]);
		}
		else
		{
			const double *c = (const double *) TENSOR_DATA(t) + 2 * i;

			((double *) TENSOR_DATA(r))[i] = hypot(c[0], c[1]);
		}
	}
	return r;
}

/*
 * norm(t, ord text DEFAULT NULL, axis int DEFAULT NULL, keepdims DEFAULT
 * false).  As numpy.linalg.norm: bool and integers are converted to
 * float64 first; float16 is computed in float32 and returned as float16;
 * complex values are norms of |x| (real: float32 for complex64), and the
 * matrix norms '2', '-2' and 'nuc' come from the complex SVD.
 */
PG_FUNCTION_INFO_V1(tensor_norm);
Datum
tensor_norm(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	MtDtype		dtype;
	Datum		result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	dtype = (MtDtype) t->dtype;
	if (mt_dtype_is_complex(dtype))
	{
		double		p = 2;
		NormOrd		ord = PG_ARGISNULL(1) ? ORD_DEFAULT :
			parse_ord(PG_GETARG_TEXT_PP(1), &p);

		/* the spectral and nuclear norms: singular values of the complex matrix */
		if (PG_ARGISNULL(2) && t->ndim == 2 &&
			(ord == ORD_NUC || (ord == ORD_NUMBER && (p == 2 || p == -2))))
		{
			Tensor	   *s = tensor_singular_values(t);
			Tensor	   *r;

			if (ord == ORD_NUC)
				r = reduce(s, MT_REDUCE_SUM, true, 0, false, 0);
			else
				r = reduce(s, p > 0 ? MT_REDUCE_MAX : MT_REDUCE_MIN, true, 0,
						   false, 0);
			if (PG_GETARG_BOOL(3))
			{
				int64		dims[2] = {1, 1};

				r = tensor_reshaped(r, 2, dims);
			}
			PG_RETURN_TENSOR_P(r);
		}
		/* every other norm is a norm of |x|, as numpy computes it */
		return norm_float(fcinfo, complex_abs(t));
	}
	if (mt_dtype_is_exact(dtype))
		return norm_float(fcinfo, tensor_convert(t, MT_FLOAT64));
	if (dtype != MT_FLOAT16)
		return norm_float(fcinfo, t);
	result = norm_float(fcinfo, tensor_convert(t, MT_FLOAT32));
	PG_RETURN_TENSOR_P(tensor_convert((Tensor *) DatumGetPointer(result), MT_FLOAT16));
}

/* reduce() for other glue files (tensor_statistics.c's nan-reductions) */
Tensor *
tensor_reduce(Tensor *t, MtReduceOp op, bool axis_null, int axis,
			  bool keepdims, double param)
{
	return reduce(t, op, axis_null, axis, keepdims, param);
}

/* cumsum (prod false) or cumprod of t along axis (flattened when axis_null) */
Tensor *
tensor_accumulate(Tensor *t, bool prod, bool axis_null, int axis)
{
	MtDtype		dtype = reduce_dtype(prod ? MT_REDUCE_PROD : MT_REDUCE_SUM,
									 (MtDtype) t->dtype);
	Tensor	   *result;
	int64		outer = 1,
				len,
				inner = 1;

	if (axis_null)
	{
		len = tensor_size(t);
		result = tensor_new(1, &len, dtype);
	}
	else
	{
		axis = tensor_axis(axis, t->ndim);
		tensor_lanes_of(t, axis, &outer, &len, &inner);
		result = tensor_new_like(t, dtype);
	}
	tensor_check_status(mt_accumulate(prod, (MtDtype) t->dtype, TENSOR_DATA(t),
									  outer, len, inner, TENSOR_DATA(result),
									  dtype, tensor_poll_interrupts, NULL), NULL);
	return result;
}
