/*
 * tensor_logic.c
 *	  SQL glue for elementwise comparisons and logic, each returning a bool
 *	  tensor with numpy broadcasting: equal, not_equal, less, less_equal,
 *	  greater, greater_equal (tensor with tensor, or with a number on either
 *	  side), logical_and/or/xor/not, isnan, isinf, isfinite, signbit,
 *	  isneginf, isposinf, isclose, and array_equal and array_equiv (one
 *	  boolean each).  Operands promote as in arithmetic
 *	  (tensor_elementwise.c); a number is a weak scalar, and an integer
 *	  outside an integer tensor's range still compares exactly.  Complex
 *	  values order lexicographically, as numpy.
 *
 *	  The SQL operators = <> < <= > >= on two tensors are not these: they
 *	  stay whole-value orderings (tensor_compare.c) so btree indexes,
 *	  GROUP BY and ORDER BY work.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"

#include "kernels/broadcast.h"
#include "kernels/elements.h"
#include "kernels/float16.h"
#include "tensor/tensor_ops.h"

/* (tensor, tensor), and a number of double precision, bigint or integer
 * on either side */
#define COMPARE_FUNCTIONS(name, op) \
	PG_FUNCTION_INFO_V1(tensor_##name); \
	Datum tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_binary_op(PG_GETARG_TENSOR_ANYDTYPE_P(0), \
											PG_GETARG_TENSOR_ANYDTYPE_P(1), op)); \
	} \
	PG_FUNCTION_INFO_V1(tensor_##name##_float8); \
	Datum tensor_##name##_float8(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_double_scalar_op(PG_GETARG_TENSOR_ANYDTYPE_P(0), \
												   PG_GETARG_FLOAT8(1), op, false)); \
	} \
	PG_FUNCTION_INFO_V1(float8_tensor_##name); \
	Datum float8_tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_double_scalar_op(PG_GETARG_TENSOR_ANYDTYPE_P(1), \
												   PG_GETARG_FLOAT8(0), op, true)); \
	} \
	PG_FUNCTION_INFO_V1(tensor_##name##_int8); \
	Datum tensor_##name##_int8(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_int_scalar_op(PG_GETARG_TENSOR_ANYDTYPE_P(0), \
												PG_GETARG_INT64(1), op, false)); \
	} \
	PG_FUNCTION_INFO_V1(int8_tensor_##name); \
	Datum int8_tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_int_scalar_op(PG_GETARG_TENSOR_ANYDTYPE_P(1), \
												PG_GETARG_INT64(0), op, true)); \
	} \
	PG_FUNCTION_INFO_V1(tensor_##name##_int2); \
	Datum tensor_##name##_int2(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_int_scalar_op(PG_GETARG_TENSOR_ANYDTYPE_P(0), \
												PG_GETARG_INT16(1), op, false)); \
	} \
	PG_FUNCTION_INFO_V1(int2_tensor_##name); \
	Datum int2_tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_int_scalar_op(PG_GETARG_TENSOR_ANYDTYPE_P(1), \
												PG_GETARG_INT16(0), op, true)); \
	} \
	PG_FUNCTION_INFO_V1(tensor_##name##_int4); \
	Datum tensor_##name##_int4(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_int_scalar_op(PG_GETARG_TENSOR_ANYDTYPE_P(0), \
												PG_GETARG_INT32(1), op, false)); \
	} \
	PG_FUNCTION_INFO_V1(int4_tensor_##name); \
	Datum int4_tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_int_scalar_op(PG_GETARG_TENSOR_ANYDTYPE_P(1), \
												PG_GETARG_INT32(0), op, true)); \
	}

COMPARE_FUNCTIONS(equal, MT_BINARY_EQUAL)
COMPARE_FUNCTIONS(not_equal, MT_BINARY_NOT_EQUAL)
COMPARE_FUNCTIONS(less, MT_BINARY_LESS)
COMPARE_FUNCTIONS(less_equal, MT_BINARY_LESS_EQUAL)
COMPARE_FUNCTIONS(greater, MT_BINARY_GREATER)
COMPARE_FUNCTIONS(greater_equal, MT_BINARY_GREATER_EQUAL)

#define LOGIC_FUNCTION(name, op) \
	PG_FUNCTION_INFO_V1(tensor_##name); \
	Datum tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_binary_op(PG_GETARG_TENSOR_ANYDTYPE_P(0), \
											PG_GETARG_TENSOR_ANYDTYPE_P(1), op)); \
	}

LOGIC_FUNCTION(logical_and, MT_BINARY_LOGICAL_AND)
LOGIC_FUNCTION(logical_or, MT_BINARY_LOGICAL_OR)
LOGIC_FUNCTION(logical_xor, MT_BINARY_LOGICAL_XOR)

#define PREDICATE_FUNCTION(name, op) \
	PG_FUNCTION_INFO_V1(tensor_##name); \
	Datum tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(tensor_unary_op(PG_GETARG_TENSOR_ANYDTYPE_P(0), op)); \
	}

PREDICATE_FUNCTION(logical_not, MT_UNARY_LOGICAL_NOT)
PREDICATE_FUNCTION(isnan, MT_UNARY_ISNAN)
PREDICATE_FUNCTION(isinf, MT_UNARY_ISINF)
PREDICATE_FUNCTION(isfinite, MT_UNARY_ISFINITE)
PREDICATE_FUNCTION(signbit, MT_UNARY_SIGNBIT)
PREDICATE_FUNCTION(isneginf, MT_UNARY_ISNEGINF)
PREDICATE_FUNCTION(isposinf, MT_UNARY_ISPOSINF)

static void
check_tolerances(double rtol, double atol)
{
	if (isnan(rtol) || isnan(atol) || rtol < 0 || atol < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rtol and atol must be non-negative numbers")));
}

/* one element as float32: float16/float32 only */
static inline float
load_f32(const void *data, MtDtype dtype, int64 i)
{
	if (dtype == MT_FLOAT16)
		return mt_half_to_float(((const uint16 *) data)[i]);
	return ((const float *) data)[i];
}

/*
 * isclose(a, b, rtol, atol, equal_nan): numpy.isclose, |a - b| <= atol +
 * rtol * |b| elementwise with broadcasting (infinities close only to
 * themselves, NaN to NaN only with equal_nan).  float16/float32 pairs
 * compute in float32 as numpy's float32 does, anything else in float64;
 * complex is refused.
 */
PG_FUNCTION_INFO_V1(tensor_isclose);
Datum
tensor_isclose(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	double		rtol = PG_GETARG_FLOAT8(2);
	double		atol = PG_GETARG_FLOAT8(3);
	bool		equal_nan = PG_GETARG_BOOL(4);
	MtDtype		da = (MtDtype) a->dtype,
				db = (MtDtype) b->dtype;
	bool		small = (da == MT_FLOAT32 || da == MT_FLOAT16) &&
		(db == MT_FLOAT32 || db == MT_FLOAT16);
	int			ndim;
	int64		dims[MT_MAX_DIMS];
	int64		n = 1;
	MtError		err;
	MtBroadcastIter it;
	Tensor	   *result;
	uint8	   *out;

	check_tolerances(rtol, atol);
	if (mt_dtype_is_complex(da) || mt_dtype_is_complex(db))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("isclose does not support complex tensors"),
				 errhint("Compare the real and imaginary parts separately.")));
	if (mt_broadcast_shape(a->ndim, a->dims, b->ndim, b->dims, &ndim,
						   (int64_t *) dims, &err) != MT_OK)
		tensor_report_error(&err, NULL);
	result = tensor_new(ndim, dims, MT_BOOL);
	out = (uint8 *) TENSOR_DATA(result);
	n = tensor_size(result);
	mt_broadcast_iter_init(&it, ndim, (int64_t *) dims, a->ndim, a->dims,
						   b->ndim, b->dims);
	for (int64 i = 0; i < n; i++)
	{
		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		if (small)
			out[i] = mt_isclose_f32(load_f32(TENSOR_DATA(a), da, it.offset_a),
									load_f32(TENSOR_DATA(b), db, it.offset_b),
									(float) rtol, (float) atol, equal_nan);
		else
			out[i] = mt_isclose(mt_load(TENSOR_DATA(a), da, it.offset_a),
								mt_load(TENSOR_DATA(b), db, it.offset_b),
								rtol, atol, equal_nan);
		mt_broadcast_iter_next(&it);
	}
	PG_RETURN_TENSOR_P(result);
}

/*
 * array_equal(a, b, equal_nan): numpy.array_equal, true when the shapes are
 * the same (no broadcasting) and every pair of elements is equal after
 * promotion; with equal_nan, NaN in the same places counts as equal.
 */
PG_FUNCTION_INFO_V1(tensor_array_equal);
Datum
tensor_array_equal(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	bool		equal_nan = PG_GETARG_BOOL(2);
	Tensor	   *eq;
	const uint8 *e;
	const uint8 *na = NULL;
	const uint8 *nb = NULL;
	int64		n;

	if (a->ndim != b->ndim)
		PG_RETURN_BOOL(false);
	for (int i = 0; i < a->ndim; i++)
		if (a->dims[i] != b->dims[i])
			PG_RETURN_BOOL(false);
	eq = tensor_binary_op(a, b, MT_BINARY_EQUAL);
	e = (const uint8 *) TENSOR_DATA(eq);
	n = tensor_size(eq);
	if (equal_nan)
	{
		na = (const uint8 *) TENSOR_DATA(tensor_unary_op(a, MT_UNARY_ISNAN));
		nb = (const uint8 *) TENSOR_DATA(tensor_unary_op(b, MT_UNARY_ISNAN));
	}
	for (int64 i = 0; i < n; i++)
	{
		if (!e[i] && !(na != NULL && na[i] && nb[i]))
			PG_RETURN_BOOL(false);
	}
	PG_RETURN_BOOL(true);
}

/*
 * array_equiv(a, b): numpy.array_equiv, true when a and b broadcast
 * together and every pair of elements is equal (shapes that do not
 * broadcast give false, not an error).
 */
PG_FUNCTION_INFO_V1(tensor_array_equiv);
Datum
tensor_array_equiv(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	int			ndim;
	int64_t		dims[MT_MAX_DIMS];
	MtError		err;
	Tensor	   *eq;
	const uint8 *e;
	int64		n;

	if (mt_broadcast_shape(a->ndim, a->dims, b->ndim, b->dims, &ndim, dims,
						   &err) != MT_OK)
		PG_RETURN_BOOL(false);
	eq = tensor_binary_op(a, b, MT_BINARY_EQUAL);
	e = (const uint8 *) TENSOR_DATA(eq);
	n = tensor_size(eq);
	for (int64 i = 0; i < n; i++)
		if (!e[i])
			PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(true);
}
