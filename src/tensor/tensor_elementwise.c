/*
 * tensor_elementwise.c
 *	  SQL glue for elementwise math: the + - * / ^ // % operators on
 *	  (tensor, tensor) and a tensor with a number (double precision,
 *	  integer or bigint, on either side), unary minus, the unary functions
 *	  (abs, sqrt, exp, arcsin, ...), maximum/minimum, fmax/fmin,
 *	  floor_divide/remainder/fmod, arctan2, hypot, copysign, logaddexp,
 *	  clip, round and where.
 *
 *	  dtype rules follow numpy: two tensors compute in
 *	  mt_dtype_promote(a, b); a number next to a tensor is a weak scalar
 *	  (NEP 50, numpy 2): an integer keeps an integer tensor's dtype (and
 *	  must fit in it: 22003 otherwise, numpy's OverflowError), a double
 *	  keeps a float tensor's dtype and makes an integer one float64.  The
 *	  loop numpy runs for an op on a dtype (true division of integers is
 *	  float64, float-only functions of int8 are float16, ...) is
 *	  mt_binary_loop / mt_unary_loop; an op numpy has no loop for raises
 *	  42804, as numpy's TypeError.  float16 computes in float32.
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
#include "kernels/float16.h"
#include "kernels/strided.h"
#include "tensor/tensor_ops.h"

/* numpy's name of an op, for messages */
static const char *
binary_name(MtBinaryOp op)
{
	static const char *const names[] = {
		"add", "subtract", "multiply", "divide", "power", "maximum",
		"minimum", "floor_divide", "remainder", "fmod", "fmax", "fmin", "arctan2",
		"hypot", "copysign", "logaddexp", "logaddexp2", "equal", "not_equal", "less",
		"less_equal", "greater", "greater_equal", "logical_and", "logical_or",
		"logical_xor"
	};

	StaticAssertStmt(lengthof(names) == MT_BINARY_LOGICAL_XOR + 1, "one name per binary op");
	return names[op];
}

static const char *
unary_name(MtUnaryOp op)
{
	static const char *const names[] = {
		"negative", "abs", "sqrt", "exp", "log", "log1p", "expm1", "sin", "cos",
		"tan", "tanh", "sigmoid", "relu", "floor", "ceil", "sign", "square",
		"isnan", "isinf", "isfinite", "logical_not", "arcsin", "arccos", "arctan",
		"sinh", "cosh", "arcsinh", "arccosh", "arctanh", "exp2", "log2", "log10",
		"cbrt", "rint", "trunc", "deg2rad", "rad2deg", "positive", "signbit",
		"isneginf", "isposinf"
	};

	StaticAssertStmt(lengthof(names) == MT_UNARY_ISPOSINF + 1, "one name per unary op");

	return names[op];
}

/* numpy's TypeError: no loop for this dtype */
static void
refuse_dtype(const char *fname, MtDtype dtype)
{
	if (dtype == MT_BOOL && strcmp(fname, "subtract") == 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot subtract bool tensors"),
				 errhint("Use marsql.logical_xor for booleans, or convert them with marsql.astype first.")));
	if (dtype == MT_BOOL && strcmp(fname, "negative") == 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot negate a bool tensor"),
				 errhint("Use marsql.logical_not for booleans.")));
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("%s does not support dtype %s", fname, mt_dtype_name(dtype))));
}

/* float32 data narrowed to float16 as numpy's half loops store results:
 * round to nearest, overflow to infinity, never an error */
static Tensor *
narrow_to_half(Tensor *t)
{
	Tensor	   *r = tensor_new_like(t, MT_FLOAT16);
	const float *s = (const float *) TENSOR_DATA(t);
	uint16	   *d = (uint16 *) TENSOR_DATA(r);
	int64		n = tensor_size(t);

	for (int64 i = 0; i < n; i++)
	{
		if ((i & (TENSOR_INTERRUPT_STRIDE - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		d[i] = mt_float_to_half(s[i]);
	}
	return r;
}

/* The kernel writes its loop dtype; numpy's result may be float16 */
static Tensor *
finish(Tensor *t, MtDtype result)
{
	if ((MtDtype) t->dtype == MT_FLOAT32 && result == MT_FLOAT16)
		return narrow_to_half(t);
	return t;
}

/*
 * a op b with both operands taken as `promoted` (the promotion of two
 * tensors, or of a tensor with a weak scalar).
 */
static Tensor *
binary_in(Tensor *a, Tensor *b, MtBinaryOp op, MtDtype promoted)
{
	MtError		err;
	int			ndim;
	int64_t		dims[MT_MAX_DIMS];
	MtDtype		result_dtype;
	MtDtype		loop = mt_binary_loop(op, promoted, &result_dtype);
	MtDtype		out;
	Tensor	   *result;

	if (loop == MT_DTYPE_INVALID)
		refuse_dtype(binary_name(op), promoted);
	if (mt_broadcast_shape(a->ndim, a->dims, b->ndim, b->dims, &ndim, dims,
						   &err) != MT_OK)
		tensor_report_error(&err, NULL);
	a = tensor_convert(a, loop);
	b = tensor_convert(b, loop);
	if (op == MT_BINARY_POW && mt_dtype_is_integer(loop) &&
		mt_any_negative(loop, TENSOR_DATA(b), tensor_size(b)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION),
				 errmsg("integers to negative integer powers are not allowed"),
				 errhint("Use a float exponent, or convert the base with marsql.astype(t, 'float64').")));
	out = mt_binary_is_predicate(op) ? MT_BOOL : loop;
	result = tensor_new_uninit(ndim, (int64 *) dims, out);
	if (op <= MT_BINARY_MINIMUM &&
		(loop == MT_FLOAT32 || loop == MT_FLOAT64) &&
		device_binary((DeviceMode) marsql_device, (int) op, loop, tensor_size(result),
					  TENSOR_DATA(a), tensor_size(a), TENSOR_DATA(b), tensor_size(b),
					  TENSOR_DATA(result)))
		return finish(result, result_dtype);
	tensor_check_status(mt_binary(op, loop, ndim, dims,
								  a->ndim, a->dims, TENSOR_DATA(a),
								  b->ndim, b->dims, TENSOR_DATA(b),
								  TENSOR_DATA(result),
								  tensor_poll_interrupts, NULL), NULL);
	return finish(result, result_dtype);
}

/*
 * Two tensors compute in numpy.promote_types of their dtypes, except that
 * a float-only function (arctan2, hypot, ...) takes the first float loop
 * both cast to safely, as numpy: int8 with uint8 is float16, not the
 * float32 of their promotion int16.
 */
Tensor *
tensor_binary_op(Tensor *a, Tensor *b, MtBinaryOp op)
{
	MtDtype		da = (MtDtype) a->dtype,
				db = (MtDtype) b->dtype;

	if (op >= MT_BINARY_ARCTAN2 && op <= MT_BINARY_LOGADDEXP2)
	{
		da = mt_dtype_inexact_of(da);
		db = mt_dtype_inexact_of(db);
	}
	return binary_in(a, b, op, mt_dtype_promote(da, db));
}

/* A 0-d tensor of a float or complex dtype holding a double: rounded as a
 * numpy cast does (a value too large for float32 becomes infinity). */
Tensor *
tensor_from_scalar(double value, MtDtype dtype)
{
	Tensor	   *t = tensor_new(0, NULL, dtype);
	void	   *d = TENSOR_DATA(t);

	switch (dtype)
	{
		case MT_FLOAT16:
			*(uint16 *) d = mt_double_to_half(value);
			break;
		case MT_FLOAT32:
			*(float *) d = (float) value;
			break;
		case MT_COMPLEX64:
			((float *) d)[0] = (float) value;
			break;
		case MT_COMPLEX128:
			((double *) d)[0] = value;
			break;
		default:
			*(double *) d = value;
			break;
	}
	return t;
}

/* t op c (c op t when scalar_first) for a double c: a weak float scalar */
static Tensor *
float_scalar_op(Tensor *t, double c, MtBinaryOp op, bool scalar_first)
{
	MtDtype		promoted = mt_dtype_promote_scalar((MtDtype) t->dtype,
												   MT_SCALAR_FLOAT);
	Tensor	   *s = tensor_from_scalar(c, promoted);

	return scalar_first ? binary_in(s, t, op, promoted)
		: binary_in(t, s, op, promoted);
}

/* numpy 2's OverflowError for a Python integer out of the dtype's range */
static void
check_int_fits(int64 c, MtDtype dtype)
{
	int64		lo,
				hi;

	mt_dtype_int_range(dtype, &lo, &hi);
	if (c < lo || c > hi)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("integer %lld is out of range for dtype %s",
						(long long) c, mt_dtype_name(dtype)),
				 errhint("Convert the tensor to a wider dtype with marsql.astype first.")));
}

/* A 0-d tensor of dtype holding the integer c (which fits if an integer
 * dtype; a float dtype rounds it, float16 to infinity beyond its range) */
static Tensor *
tensor_from_int(int64 c, MtDtype dtype)
{
	Tensor	   *t;
	MtCastFailure why;

	if (mt_dtype_is_float(dtype) || mt_dtype_is_complex(dtype))
	{
		if (dtype == MT_FLOAT32 || dtype == MT_COMPLEX64)
		{
			t = tensor_new(0, NULL, dtype);
			*(float *) TENSOR_DATA(t) = (float) c;
			return t;
		}
		return tensor_from_scalar((double) c, dtype);
	}
	t = tensor_new(0, NULL, dtype);
	if (mt_cast(&c, MT_INT64, TENSOR_DATA(t), dtype, 1, &why) >= 0)
		elog(ERROR, "integer scalar did not convert to %s", mt_dtype_name(dtype));
	return t;
}

/*
 * t op c for an integer c: a weak int scalar.  An integer tensor keeps
 * its dtype and c must fit it; comparisons are exact whatever c is (they
 * compute in int64, which holds every integer dtype).
 */
Tensor *
tensor_int_scalar_op(Tensor *t, int64 c, MtBinaryOp op, bool scalar_first)
{
	MtDtype		promoted = mt_dtype_promote_scalar((MtDtype) t->dtype,
												   MT_SCALAR_INT);
	Tensor	   *s;

	if (mt_dtype_is_exact(promoted))
	{
		int64		lo,
					hi;

		mt_dtype_int_range(promoted, &lo, &hi);
		if ((c < lo || c > hi) && mt_binary_is_predicate(op))
			promoted = MT_INT64;
		else
			check_int_fits(c, promoted);
	}
	s = tensor_from_int(c, promoted);
	return scalar_first ? binary_in(s, t, op, promoted)
		: binary_in(t, s, op, promoted);
}

Tensor *
tensor_double_scalar_op(Tensor *t, double c, MtBinaryOp op, bool scalar_first)
{
	return float_scalar_op(t, c, op, scalar_first);
}

Tensor *
tensor_unary_op(Tensor *t, MtUnaryOp op)
{
	MtDtype		result_dtype;
	MtDtype		loop = mt_unary_loop(op, (MtDtype) t->dtype, &result_dtype);
	MtDtype		out;
	Tensor	   *result;

	if (loop == MT_DTYPE_INVALID)
		refuse_dtype(unary_name(op), (MtDtype) t->dtype);
	t = tensor_convert(t, loop);
	out = result_dtype == MT_FLOAT16 ? MT_FLOAT32 : result_dtype;
	result = tensor_new_like(t, out);
	tensor_check_status(mt_unary(op, loop, TENSOR_DATA(t),
								 TENSOR_DATA(result), tensor_size(t),
								 tensor_poll_interrupts, NULL), NULL);
	return finish(result, result_dtype);
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

/* the tensor argument of a scalar form: CSR (float only) when it stays
 * sparse, dense of any dtype otherwise */
static Tensor *
scalar_form(FunctionCallInfo fcinfo, int argno, MtBinaryOp op, double c,
			bool scalar_first, bool *sparse_done, Tensor **sparse_result)
{
	Tensor	   *t = PG_GETARG_TENSOR_STORED_P(argno);

	*sparse_done = false;
	if (tensor_is_csr(t) && keeps_sparsity(op, c, scalar_first))
	{
		*sparse_result = tensor_csr_scalar_op(t, op, c, scalar_first);
		*sparse_done = true;
		return t;
	}
	return tensor_densify(t);
}

/*
 * Entry points per op: (tensor, tensor), (tensor, float8), (float8,
 * tensor), (tensor, int2), (int2, tensor), (tensor, int4), (int4, tensor),
 * (tensor, int8), (int8, tensor).  The integer forms are NEP 50's weak
 * Python ints: smallint needs its own, or PostgreSQL would resolve a
 * smallint argument to the float8 form (float8 is its preferred numeric
 * type).
 */
#define BINARY_FUNCTIONS(name, op) \
	PG_FUNCTION_INFO_V1(tensor_##name); \
	Datum tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_binary_op(PG_GETARG_TENSOR_ANYDTYPE_P(0), \
											PG_GETARG_TENSOR_ANYDTYPE_P(1), op)); \
	} \
	PG_FUNCTION_INFO_V1(tensor_##name##_scalar); \
	Datum tensor_##name##_scalar(PG_FUNCTION_ARGS) \
	{ \
		double		c = PG_GETARG_FLOAT8(1); \
		bool		done; \
		Tensor	   *r = NULL; \
		Tensor	   *t = scalar_form(fcinfo, 0, op, c, false, &done, &r); \
		PG_RETURN_TENSOR_P(done ? r : float_scalar_op(t, c, op, false)); \
	} \
	PG_FUNCTION_INFO_V1(tensor_scalar_##name); \
	Datum tensor_scalar_##name(PG_FUNCTION_ARGS) \
	{ \
		double		c = PG_GETARG_FLOAT8(0); \
		bool		done; \
		Tensor	   *r = NULL; \
		Tensor	   *t = scalar_form(fcinfo, 1, op, c, true, &done, &r); \
		PG_RETURN_TENSOR_P(done ? r : float_scalar_op(t, c, op, true)); \
	} \
	PG_FUNCTION_INFO_V1(tensor_##name##_int4); \
	Datum tensor_##name##_int4(PG_FUNCTION_ARGS) \
	{ \
		int64		c = PG_GETARG_INT32(1); \
		bool		done; \
		Tensor	   *r = NULL; \
		Tensor	   *t = scalar_form(fcinfo, 0, op, (double) c, false, &done, &r); \
		PG_RETURN_TENSOR_P(done ? r : tensor_int_scalar_op(t, c, op, false)); \
	} \
	PG_FUNCTION_INFO_V1(tensor_int4_##name); \
	Datum tensor_int4_##name(PG_FUNCTION_ARGS) \
	{ \
		int64		c = PG_GETARG_INT32(0); \
		bool		done; \
		Tensor	   *r = NULL; \
		Tensor	   *t = scalar_form(fcinfo, 1, op, (double) c, true, &done, &r); \
		PG_RETURN_TENSOR_P(done ? r : tensor_int_scalar_op(t, c, op, true)); \
	} \
	PG_FUNCTION_INFO_V1(tensor_##name##_int2); \
	Datum tensor_##name##_int2(PG_FUNCTION_ARGS) \
	{ \
		int64		c = PG_GETARG_INT16(1); \
		bool		done; \
		Tensor	   *r = NULL; \
		Tensor	   *t = scalar_form(fcinfo, 0, op, (double) c, false, &done, &r); \
		PG_RETURN_TENSOR_P(done ? r : tensor_int_scalar_op(t, c, op, false)); \
	} \
	PG_FUNCTION_INFO_V1(tensor_int2_##name); \
	Datum tensor_int2_##name(PG_FUNCTION_ARGS) \
	{ \
		int64		c = PG_GETARG_INT16(0); \
		bool		done; \
		Tensor	   *r = NULL; \
		Tensor	   *t = scalar_form(fcinfo, 1, op, (double) c, true, &done, &r); \
		PG_RETURN_TENSOR_P(done ? r : tensor_int_scalar_op(t, c, op, true)); \
	} \
	PG_FUNCTION_INFO_V1(tensor_##name##_int8); \
	Datum tensor_##name##_int8(PG_FUNCTION_ARGS) \
	{ \
		int64		c = PG_GETARG_INT64(1); \
		bool		done; \
		Tensor	   *r = NULL; \
		Tensor	   *t = scalar_form(fcinfo, 0, op, (double) c, false, &done, &r); \
		PG_RETURN_TENSOR_P(done ? r : tensor_int_scalar_op(t, c, op, false)); \
	} \
	PG_FUNCTION_INFO_V1(tensor_int8_##name); \
	Datum tensor_int8_##name(PG_FUNCTION_ARGS) \
	{ \
		int64		c = PG_GETARG_INT64(0); \
		bool		done; \
		Tensor	   *r = NULL; \
		Tensor	   *t = scalar_form(fcinfo, 1, op, (double) c, true, &done, &r); \
		PG_RETURN_TENSOR_P(done ? r : tensor_int_scalar_op(t, c, op, true)); \
	}

BINARY_FUNCTIONS(add, MT_BINARY_ADD)
BINARY_FUNCTIONS(sub, MT_BINARY_SUB)
BINARY_FUNCTIONS(mul, MT_BINARY_MUL)
BINARY_FUNCTIONS(div, MT_BINARY_DIV)
BINARY_FUNCTIONS(pow, MT_BINARY_POW)
BINARY_FUNCTIONS(maximum, MT_BINARY_MAXIMUM)
BINARY_FUNCTIONS(minimum, MT_BINARY_MINIMUM)
BINARY_FUNCTIONS(floor_divide, MT_BINARY_FLOOR_DIVIDE)
BINARY_FUNCTIONS(remainder, MT_BINARY_REMAINDER)
BINARY_FUNCTIONS(fmod, MT_BINARY_FMOD)
BINARY_FUNCTIONS(fmax, MT_BINARY_FMAX)
BINARY_FUNCTIONS(fmin, MT_BINARY_FMIN)
BINARY_FUNCTIONS(arctan2, MT_BINARY_ARCTAN2)
BINARY_FUNCTIONS(hypot, MT_BINARY_HYPOT)
BINARY_FUNCTIONS(copysign, MT_BINARY_COPYSIGN)
BINARY_FUNCTIONS(logaddexp, MT_BINARY_LOGADDEXP)
BINARY_FUNCTIONS(logaddexp2, MT_BINARY_LOGADDEXP2)

#define UNARY_FUNCTION(name, op) \
	PG_FUNCTION_INFO_V1(tensor_##name); \
	Datum tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_unary_op(PG_GETARG_TENSOR_ANYDTYPE_P(0), op)); \
	}

/* negation and abs keep zeros zero: a sparse tensor stays sparse */
#define SPARSE_UNARY_FUNCTION(name, op) \
	PG_FUNCTION_INFO_V1(tensor_##name); \
	Datum tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		Tensor	   *t = PG_GETARG_TENSOR_STORED_P(0); \
		if (tensor_is_csr(t)) \
			PG_RETURN_TENSOR_P(tensor_csr_unary(t, op)); \
		PG_RETURN_TENSOR_P(tensor_unary_op(tensor_densify(t), op)); \
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
UNARY_FUNCTION(arcsin, MT_UNARY_ARCSIN)
UNARY_FUNCTION(arccos, MT_UNARY_ARCCOS)
UNARY_FUNCTION(arctan, MT_UNARY_ARCTAN)
UNARY_FUNCTION(sinh, MT_UNARY_SINH)
UNARY_FUNCTION(cosh, MT_UNARY_COSH)
UNARY_FUNCTION(arcsinh, MT_UNARY_ARCSINH)
UNARY_FUNCTION(arccosh, MT_UNARY_ARCCOSH)
UNARY_FUNCTION(arctanh, MT_UNARY_ARCTANH)
UNARY_FUNCTION(exp2, MT_UNARY_EXP2)
UNARY_FUNCTION(log2, MT_UNARY_LOG2)
UNARY_FUNCTION(log10, MT_UNARY_LOG10)
UNARY_FUNCTION(cbrt, MT_UNARY_CBRT)
UNARY_FUNCTION(rint, MT_UNARY_RINT)
UNARY_FUNCTION(trunc, MT_UNARY_TRUNC)
UNARY_FUNCTION(deg2rad, MT_UNARY_DEG2RAD)
UNARY_FUNCTION(rad2deg, MT_UNARY_RAD2DEG)
UNARY_FUNCTION(positive, MT_UNARY_POSITIVE)

/*
 * The dtype clip computes an integer tensor in: its own when every bound
 * is an integer (numpy with int bounds; one out of the dtype's range is
 * 22003, as numpy 2's OverflowError), float64 when a bound has a
 * fraction (numpy with a float bound).  bool counts as int64 then.
 */
static MtDtype
clip_dtype(MtDtype dtype, bool has_lo, double lo, bool has_hi, double hi)
{
	if (!mt_dtype_is_exact(dtype))
		return dtype;
	if ((has_lo && (lo != floor(lo) || isinf(lo))) ||
		(has_hi && (hi != floor(hi) || isinf(hi))))
		return MT_FLOAT64;
	if (dtype == MT_BOOL)
		dtype = MT_INT64;
	for (int side = 0; side < 2; side++)
	{
		bool		has = side == 0 ? has_lo : has_hi;
		double		v = side == 0 ? lo : hi;

		if (!has)
			continue;
		if (v < -9223372036854775808.0 || v >= 9223372036854775808.0)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("clip bound %g is out of range for dtype %s",
							v, mt_dtype_name(dtype))));
		check_int_fits((int64) v, dtype);
	}
	return dtype;
}

/* clip(t, lo, hi): a NULL bound is no bound; not STRICT in the bounds. */
PG_FUNCTION_INFO_V1(tensor_clip);
Datum
tensor_clip(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	Tensor	   *result;
	double		lo = PG_ARGISNULL(1) ? get_float8_nan() : PG_GETARG_FLOAT8(1);
	double		hi = PG_ARGISNULL(2) ? get_float8_nan() : PG_GETARG_FLOAT8(2);
	MtDtype		dtype;
	MtDtype		loop;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if ((!PG_ARGISNULL(1) && isnan(lo)) || (!PG_ARGISNULL(2) && isnan(hi)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("clip bounds must not be NaN"),
				 errhint("Pass NULL for a side without a bound.")));
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	if (mt_dtype_is_complex((MtDtype) t->dtype))
		refuse_dtype("clip", (MtDtype) t->dtype);
	dtype = clip_dtype((MtDtype) t->dtype, !PG_ARGISNULL(1), lo,
					   !PG_ARGISNULL(2), hi);
	if (dtype == MT_FLOAT16)
	{
		/* the bounds become float16 (weak scalars), compared in float32 */
		if (!PG_ARGISNULL(1))
			lo = mt_half_to_float(mt_double_to_half(lo));
		if (!PG_ARGISNULL(2))
			hi = mt_half_to_float(mt_double_to_half(hi));
	}
	loop = mt_dtype_compute(dtype);
	t = tensor_convert(t, loop);
	result = tensor_new_like(t, loop);
	tensor_check_status(mt_clip(loop, TENSOR_DATA(t),
								TENSOR_DATA(result), tensor_size(t), lo, hi,
								tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(finish(result, dtype));
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

/*
 * where(cond, x, y): x where cond is nonzero (any dtype; NaN counts as
 * true, as numpy's truth of a float), else y; x and y promote, all three
 * broadcast together.
 */
PG_FUNCTION_INFO_V1(tensor_where);
Datum
tensor_where(PG_FUNCTION_ARGS)
{
	Tensor	   *cond = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *x = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	Tensor	   *y = PG_GETARG_TENSOR_ANYDTYPE_P(2);
	MtError		err;
	int			ndim,
				ndim2;
	int64_t		dims[MT_MAX_DIMS],
				dims2[MT_MAX_DIMS];
	int32		dims32[MT_MAX_DIMS];
	MtDtype		dtype;
	Tensor	   *result;

	if (mt_broadcast_shape(x->ndim, x->dims, y->ndim, y->dims, &ndim, dims,
						   &err) != MT_OK)
		tensor_report_error(&err, NULL);
	for (int i = 0; i < ndim; i++)
		dims32[i] = (int32) dims[i];
	if (mt_broadcast_shape(cond->ndim, cond->dims, ndim, dims32, &ndim2,
						   dims2, &err) != MT_OK)
		tensor_report_error(&err, NULL);
	dtype = tensor_promote(&x, &y);
	cond = tensor_convert(cond, MT_BOOL);
	cond = broadcast_if_needed(cond, ndim2, (int64 *) dims2);
	x = broadcast_if_needed(x, ndim2, (int64 *) dims2);
	y = broadcast_if_needed(y, ndim2, (int64 *) dims2);
	result = tensor_new_uninit(ndim2, (int64 *) dims2, dtype);
	tensor_check_status(mt_where((const uint8_t *) TENSOR_DATA(cond),
								 mt_dtype_size(dtype), TENSOR_DATA(x),
								 TENSOR_DATA(y), TENSOR_DATA(result),
								 tensor_size(result), tensor_poll_interrupts,
								 NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}

/*
 * round(t, decimals): numpy.round, half to even, in the data's dtype;
 * integers stay integers (decimals < 0 rounds to tens, hundreds, ...),
 * bool gives float16 as numpy, complex is refused.
 */
PG_FUNCTION_INFO_V1(tensor_round);
Datum
tensor_round(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int32		decimals = PG_GETARG_INT32(1);
	Tensor	   *result;
	MtDtype		dtype = (MtDtype) t->dtype;
	MtDtype		loop;

	if (decimals < -308 || decimals > 308)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("decimals must be between -308 and 308")));
	if (mt_dtype_is_complex(dtype))
		refuse_dtype("round", dtype);
	if (dtype == MT_BOOL)
		dtype = MT_FLOAT16;
	loop = mt_dtype_compute(dtype);
	t = tensor_convert(t, loop);
	result = tensor_new_like(t, loop);
	tensor_check_status(mt_round(loop, TENSOR_DATA(t),
								 TENSOR_DATA(result), tensor_size(t), decimals,
								 tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(finish(result, dtype));
}
