/*
 * tensor_scalar.c
 *	  A size-1 tensor as a number, for SQL habits and BI tools: the casts
 *	  tensor -> double precision / real / numeric / bigint / integer /
 *	  boolean (from any real dtype; complex is 42804; to the integer types
 *	  floats are truncated and must be in range, as the array casts do),
 *	  and the comparison
 *	  operators between a tensor and a number (t > 2, 2 < t) that return a
 *	  boolean.  Every one of them accepts a tensor of exactly one element
 *	  (0-d, or any shape with one element) and raises 22023 otherwise, as
 *	  numpy does when an array of several elements is used as one number
 *	  ("the truth value of an array with more than one element is
 *	  ambiguous").  Numbers compare as PostgreSQL's double precision does:
 *	  NaN equals NaN and sorts above every other value, so each operator's
 *	  negator is exact.  Every real dtype converts (integers to numeric
 *	  exactly); a complex tensor is refused (42804), as numpy's float() of
 *	  a complex is a TypeError.
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"

#include "tensor/tensor.h"
#include "kernels/elements.h"
#include "kernels/float16.h"

PG_FUNCTION_INFO_V1(tensor_to_float8);
PG_FUNCTION_INFO_V1(tensor_to_float4);
PG_FUNCTION_INFO_V1(tensor_to_numeric);
PG_FUNCTION_INFO_V1(tensor_to_int8);
PG_FUNCTION_INFO_V1(tensor_to_int4);
PG_FUNCTION_INFO_V1(tensor_to_bool);
PG_FUNCTION_INFO_V1(tensor_float8_eq);
PG_FUNCTION_INFO_V1(tensor_float8_ne);
PG_FUNCTION_INFO_V1(tensor_float8_lt);
PG_FUNCTION_INFO_V1(tensor_float8_le);
PG_FUNCTION_INFO_V1(tensor_float8_gt);
PG_FUNCTION_INFO_V1(tensor_float8_ge);
PG_FUNCTION_INFO_V1(float8_tensor_eq);
PG_FUNCTION_INFO_V1(float8_tensor_ne);
PG_FUNCTION_INFO_V1(float8_tensor_lt);
PG_FUNCTION_INFO_V1(float8_tensor_le);
PG_FUNCTION_INFO_V1(float8_tensor_gt);
PG_FUNCTION_INFO_V1(float8_tensor_ge);
PG_FUNCTION_INFO_V1(tensor_int8_eq);
PG_FUNCTION_INFO_V1(tensor_int8_ne);
PG_FUNCTION_INFO_V1(tensor_int8_lt);
PG_FUNCTION_INFO_V1(tensor_int8_le);
PG_FUNCTION_INFO_V1(tensor_int8_gt);
PG_FUNCTION_INFO_V1(tensor_int8_ge);
PG_FUNCTION_INFO_V1(int8_tensor_eq);
PG_FUNCTION_INFO_V1(int8_tensor_ne);
PG_FUNCTION_INFO_V1(int8_tensor_lt);
PG_FUNCTION_INFO_V1(int8_tensor_le);
PG_FUNCTION_INFO_V1(int8_tensor_gt);
PG_FUNCTION_INFO_V1(int8_tensor_ge);

/* "(2, 3)", numpy's way of writing a shape */
static char *
shape_text(const Tensor *t)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '(');
	for (int i = 0; i < t->ndim; i++)
		appendStringInfo(&buf, "%s%d", i > 0 ? ", " : "", t->dims[i]);
	if (t->ndim == 1)
		appendStringInfoChar(&buf, ',');
	appendStringInfoChar(&buf, ')');
	return buf.data;
}

/* Errors unless t has one element: for a comparison, or a cast to target. */
static void
check_size_one(const Tensor *t, bool compare, const char *target)
{
	int64		n = tensor_size(t);

	if (n == 1)
		return;
	if (compare)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compare a tensor of %lld elements with a number",
						(long long) n),
				 errdetail("Only a tensor of one element compares with a number; this one has shape %s.",
						   shape_text(t)),
				 errhint("Reduce it first, as in marsql.sum(t, NULL) > 2 or marsql.max(t, NULL) > 2, or pick one element with a subscript, as in t[0] > 2.")));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot cast a tensor of %lld elements to %s",
					(long long) n, target),
			 errdetail("Only a tensor of one element converts to a number; this one has shape %s.",
					   shape_text(t)),
			 errhint("Reduce it first, as in marsql.sum(t, NULL)::%s, pick one element with a subscript, or cast to %s[] for every element.",
					 target, target)));
}

/* a complex tensor has no single number (numpy: TypeError) */
static void
check_real(const Tensor *t, const char *target)
{
	if (mt_dtype_is_complex((MtDtype) t->dtype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot %s a complex tensor %s", target ? "cast" : "compare",
						target ? psprintf("to %s", target) : "with a number"),
				 errhint("Take marsql.abs(t) first, or compare with marsql.equal.")));
}

static double
scalar_of(FunctionCallInfo fcinfo, int argno, bool compare, const char *target)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(argno);
	double		v;

	check_size_one(t, compare, target);
	check_real(t, target);
	v = mt_load(TENSOR_DATA(t), (MtDtype) t->dtype, 0);
	PG_FREE_TENSOR_IF_COPY(t, argno);
	return v;
}

/* The size-1 tensor argument of a cast to target, of a real dtype. */
static Tensor *
cast_argument(FunctionCallInfo fcinfo, const char *target)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	check_size_one(t, false, target);
	tensor_refuse_complex(t, target);
	return t;
}

Datum
tensor_to_float8(PG_FUNCTION_ARGS)
{
	Tensor	   *t = cast_argument(fcinfo, "double precision");

	PG_RETURN_FLOAT8(mt_load_double(TENSOR_DATA(t), (MtDtype) t->dtype, 0));
}

Datum
tensor_to_float4(PG_FUNCTION_ARGS)
{
	Tensor	   *t = cast_argument(fcinfo, "real");
	float		v;

	if (t->dtype == MT_FLOAT32)
		v = ((const float *) TENSOR_DATA(t))[0];
	else if (t->dtype == MT_FLOAT16)
		v = mt_half_to_float(((const uint16 *) TENSOR_DATA(t))[0]);
	else if (mt_dtype_is_exact((MtDtype) t->dtype))
		v = (float) mt_load_int64(TENSOR_DATA(t), (MtDtype) t->dtype, 0);
	else
		v = tensor_float32_from_double(mt_load_double(TENSOR_DATA(t),
													  (MtDtype) t->dtype, 0));
	PG_RETURN_FLOAT4(v);
}

/*
 * float32 elements convert as real does, so 0.1f gives 0.1, not
 * 0.100000001490116, and float16 ones by their shortest decimal too;
 * integers and bool exactly.
 */
Datum
tensor_to_numeric(PG_FUNCTION_ARGS)
{
	Tensor	   *t = cast_argument(fcinfo, "numeric");

	if (t->dtype == MT_FLOAT32)
		return DirectFunctionCall1(float4_numeric,
								   Float4GetDatum(((const float *) TENSOR_DATA(t))[0]));
	if (t->dtype == MT_FLOAT16)
		return DirectFunctionCall1(float8_numeric,
								   Float8GetDatum(mt_half_shortest_double(((const uint16 *) TENSOR_DATA(t))[0])));
	if (mt_dtype_is_exact((MtDtype) t->dtype))
		return DirectFunctionCall1(int8_numeric,
								   Int64GetDatum(mt_load_int64(TENSOR_DATA(t),
															   (MtDtype) t->dtype, 0)));
	return DirectFunctionCall1(float8_numeric,
							   Float8GetDatum(mt_load_double(TENSOR_DATA(t),
															 (MtDtype) t->dtype, 0)));
}

Datum
tensor_to_int8(PG_FUNCTION_ARGS)
{
	Tensor	   *t = tensor_to_exact_for_cast(cast_argument(fcinfo, "bigint"),
											 MT_INT64, "bigint");

	PG_RETURN_INT64(((const int64 *) TENSOR_DATA(t))[0]);
}

Datum
tensor_to_int4(PG_FUNCTION_ARGS)
{
	Tensor	   *t = tensor_to_exact_for_cast(cast_argument(fcinfo, "integer"),
											 MT_INT32, "integer");

	PG_RETURN_INT32(((const int32 *) TENSOR_DATA(t))[0]);
}

Datum
tensor_to_bool(PG_FUNCTION_ARGS)
{
	Tensor	   *t = tensor_to_exact_for_cast(cast_argument(fcinfo, "boolean"),
											 MT_BOOL, "boolean");

	PG_RETURN_BOOL(((const uint8 *) TENSOR_DATA(t))[0] != 0);
}

/* tensor OP number: PostgreSQL's double precision order (NaN last, NaN = NaN) */
#define TENSOR_FLOAT8_CMP(name, test) \
Datum \
tensor_float8_##name(PG_FUNCTION_ARGS) \
{ \
	double		a = scalar_of(fcinfo, 0, true, NULL); \
	int			c = float8_cmp_internal(a, PG_GETARG_FLOAT8(1)); \
	PG_RETURN_BOOL(test); \
} \
Datum \
float8_tensor_##name(PG_FUNCTION_ARGS) \
{ \
	double		b = scalar_of(fcinfo, 1, true, NULL); \
	int			c = float8_cmp_internal(PG_GETARG_FLOAT8(0), b); \
	PG_RETURN_BOOL(test); \
}

TENSOR_FLOAT8_CMP(eq, c == 0)
TENSOR_FLOAT8_CMP(ne, c != 0)
TENSOR_FLOAT8_CMP(lt, c < 0)
TENSOR_FLOAT8_CMP(le, c <= 0)
TENSOR_FLOAT8_CMP(gt, c > 0)
TENSOR_FLOAT8_CMP(ge, c >= 0)

/*
 * tensor OP bigint: a bigint beyond 2^53 would round if it went through
 * double precision, so these compare exactly when the tensor is of an
 * integer dtype (or bool), as numpy compares an int64 array with a Python
 * int.  A float tensor compares as the double precision forms do (the
 * bigint as a double, numpy's promotion to float64), NaN above every number.
 */
static int
compare_with_int8(FunctionCallInfo fcinfo, int targ, int64 v)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(targ);
	MtDtype		dtype = (MtDtype) t->dtype;
	int			c;

	check_size_one(t, true, NULL);
	check_real(t, NULL);
	if (mt_dtype_is_float(dtype))
		c = float8_cmp_internal(mt_load_double(TENSOR_DATA(t), dtype, 0),
								(double) v);
	else
	{
		int64		x = mt_load_int64(TENSOR_DATA(t), dtype, 0);

		c = x < v ? -1 : (x > v ? 1 : 0);
	}
	PG_FREE_TENSOR_IF_COPY(t, targ);
	return c;
}

#define TENSOR_INT8_CMP(name, test) \
Datum \
tensor_int8_##name(PG_FUNCTION_ARGS) \
{ \
	int			c = compare_with_int8(fcinfo, 0, PG_GETARG_INT64(1)); \
	PG_RETURN_BOOL(test); \
} \
Datum \
int8_tensor_##name(PG_FUNCTION_ARGS) \
{ \
	int			c = -compare_with_int8(fcinfo, 1, PG_GETARG_INT64(0)); \
	PG_RETURN_BOOL(test); \
}

TENSOR_INT8_CMP(eq, c == 0)
TENSOR_INT8_CMP(ne, c != 0)
TENSOR_INT8_CMP(lt, c < 0)
TENSOR_INT8_CMP(le, c <= 0)
TENSOR_INT8_CMP(gt, c > 0)
TENSOR_INT8_CMP(ge, c >= 0)
