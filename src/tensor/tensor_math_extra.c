/*
 * tensor_math_extra.c
 *	  SQL glue for numpy's remaining elementwise math: gcd, lcm,
 *	  reciprocal, fabs, heaviside, nextafter, spacing, sinc, i0, modf,
 *	  frexp, ldexp, nan_to_num, float_power, real_if_close, iscomplex,
 *	  isreal, iscomplexobj, isrealobj, unwrap and interp.
 *
 *	  Result dtypes are numpy 2's: a float-only ufunc of an integer dtype
 *	  returns mt_dtype_inexact_of (int8 -> float16, int16 -> float32,
 *	  int32/int64 -> float64); the float kernels compute on double lanes
 *	  and round once to the result dtype (float16 and float32 included);
 *	  integer results wrap as numpy's.  A dtype numpy has no loop for is
 *	  42804, as numpy's TypeError.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/float.h"

#include "kernels/broadcast.h"
#include "kernels/math_extra.h"
#include "tensor/tensor_ops.h"
#include "tensor/tensor_operands.h"

/* ---- gcd, lcm ---- */

static Tensor *
int_math(FunctionCallInfo fcinfo, MtIntMathOp op, const char *fname)
{
	TensorOperand a,
				b;
	int			ndim;
	int64		dims[MT_MAX_DIMS];
	MtDtype		dtype;
	Tensor	   *result;

	tensor_operand_arg(fcinfo, 0, &a);
	tensor_operand_arg(fcinfo, 1, &b);
	dtype = tensor_operands_prepare(&a, &b, false, &ndim, dims);
	if (!mt_dtype_is_integer(dtype))
		tensor_refuse_ufunc_dtype(fname, dtype);
	result = tensor_new_uninit(ndim, dims, MT_INT64);
	tensor_check_status(mt_int_math(op, mt_int_lane(dtype), tensor_int_lanes(a.t),
									tensor_int_lanes(b.t),
									(int64_t *) TENSOR_DATA(result),
									tensor_size(result), tensor_poll_interrupts,
									NULL), NULL);
	return tensor_convert(result, dtype);
}

PG_FUNCTION_INFO_V1(tensor_gcd);
Datum
tensor_gcd(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(int_math(fcinfo, MT_INT_GCD, "gcd"));
}

PG_FUNCTION_INFO_V1(tensor_lcm);
Datum
tensor_lcm(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(int_math(fcinfo, MT_INT_LCM, "lcm"));
}

/* ---- unary ---- */

/*
 * reciprocal: 1 / x in x's dtype; integers as numpy's integer loop (bool
 * computes in int8).
 */
PG_FUNCTION_INFO_V1(tensor_reciprocal);
Datum
tensor_reciprocal(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	MtDtype		dtype = (MtDtype) t->dtype;
	Tensor	   *result;

	if (!mt_dtype_is_exact(dtype))
		PG_RETURN_TENSOR_P(tensor_double_scalar_op(t, 1.0, MT_BINARY_DIV, true));
	if (dtype == MT_BOOL)
		dtype = MT_INT8;
	result = tensor_new_like(t, MT_INT64);
	tensor_check_status(mt_int_reciprocal(mt_int_lane(dtype), tensor_int_lanes(t),
										  (int64_t *) TENSOR_DATA(result),
										  tensor_size(t), tensor_poll_interrupts,
										  NULL), NULL);
	PG_RETURN_TENSOR_P(tensor_convert(result, dtype));
}

/* fabs: abs in the float dtype of t; complex refused (numpy.fabs) */
PG_FUNCTION_INFO_V1(tensor_fabs);
Datum
tensor_fabs(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	if (mt_dtype_is_complex((MtDtype) t->dtype))
		tensor_refuse_ufunc_dtype("fabs", (MtDtype) t->dtype);
	t = tensor_convert(t, mt_dtype_inexact_of((MtDtype) t->dtype));
	PG_RETURN_TENSOR_P(tensor_unary_op(t, MT_UNARY_ABS));
}

/* the float dtype a float-only unary ufunc returns for t (complex refused) */
static MtDtype
float_ufunc_dtype(const Tensor *t, const char *fname)
{
	if (mt_dtype_is_complex((MtDtype) t->dtype))
		tensor_refuse_ufunc_dtype(fname, (MtDtype) t->dtype);
	return mt_dtype_inexact_of((MtDtype) t->dtype);
}

static Tensor *
float_unary(Tensor *t, MtFloatMathOp op, MtDtype dtype)
{
	Tensor	   *result = tensor_new_like(t, MT_FLOAT64);

	tensor_check_status(mt_float_math(op, dtype, tensor_double_lanes(t), NULL,
									  (double *) TENSOR_DATA(result),
									  tensor_size(t), tensor_poll_interrupts,
									  NULL), NULL);
	return tensor_round_doubles(result, dtype);
}

PG_FUNCTION_INFO_V1(tensor_spacing);
Datum
tensor_spacing(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	PG_RETURN_TENSOR_P(float_unary(t, MT_FLOAT_SPACING, float_ufunc_dtype(t, "spacing")));
}

/* i0: integers and bool give float64 (numpy converts them with astype(float)) */
PG_FUNCTION_INFO_V1(tensor_i0);
Datum
tensor_i0(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	MtDtype		dtype = (MtDtype) t->dtype;

	if (mt_dtype_is_complex(dtype))
		tensor_refuse_ufunc_dtype("i0", dtype);
	if (mt_dtype_is_exact(dtype))
		dtype = MT_FLOAT64;
	PG_RETURN_TENSOR_P(float_unary(t, MT_FLOAT_I0, dtype));
}

/* sinc: integers and bool give float64 (pi * x), complex stays complex */
PG_FUNCTION_INFO_V1(tensor_sinc);
Datum
tensor_sinc(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	MtDtype		dtype = (MtDtype) t->dtype;

	if (mt_dtype_is_complex(dtype))
	{
		Tensor	   *z = tensor_convert(t, MT_COMPLEX128);
		Tensor	   *result = tensor_new_like(z, MT_COMPLEX128);

		tensor_check_status(mt_sinc_complex((const double *) TENSOR_DATA(z),
											(double *) TENSOR_DATA(result),
											tensor_size(z), tensor_poll_interrupts,
											NULL), NULL);
		PG_RETURN_TENSOR_P(tensor_round_doubles(result, dtype));
	}
	if (mt_dtype_is_exact(dtype))
		dtype = MT_FLOAT64;
	PG_RETURN_TENSOR_P(float_unary(t, MT_FLOAT_SINC, dtype));
}

/* fix: trunc, with its own name in errors (numpy.fix) */
PG_FUNCTION_INFO_V1(tensor_fix);
Datum
tensor_fix(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	if (mt_dtype_is_complex((MtDtype) t->dtype))
		tensor_refuse_ufunc_dtype("fix", (MtDtype) t->dtype);
	PG_RETURN_TENSOR_P(tensor_unary_op(t, MT_UNARY_TRUNC));
}

/* a record of two tensors for the OUT parameters of fcinfo */
static Datum
two_tensors(FunctionCallInfo fcinfo, Tensor *first, Tensor *second)
{
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = PointerGetDatum(first);
	values[1] = PointerGetDatum(second);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/* modf(t): (fractional, integral), both of t's float dtype */
PG_FUNCTION_INFO_V1(tensor_modf);
Datum
tensor_modf(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	MtDtype		dtype = float_ufunc_dtype(t, "modf");
	Tensor	   *frac = tensor_new_like(t, MT_FLOAT64);
	Tensor	   *integral = tensor_new_like(t, MT_FLOAT64);

	tensor_check_status(mt_modf(tensor_double_lanes(t), (double *) TENSOR_DATA(frac),
								(double *) TENSOR_DATA(integral), tensor_size(t),
								tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_DATUM(two_tensors(fcinfo, tensor_round_doubles(frac, dtype),
								tensor_round_doubles(integral, dtype)));
}

/* frexp(t): (mantissa of t's float dtype, int32 exponent) */
PG_FUNCTION_INFO_V1(tensor_frexp);
Datum
tensor_frexp(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	MtDtype		dtype = float_ufunc_dtype(t, "frexp");
	Tensor	   *mantissa = tensor_new_like(t, MT_FLOAT64);
	Tensor	   *exponent = tensor_new_like(t, MT_INT32);

	tensor_check_status(mt_frexp(tensor_double_lanes(t), (double *) TENSOR_DATA(mantissa),
								 (int32_t *) TENSOR_DATA(exponent), tensor_size(t),
								 tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_DATUM(two_tensors(fcinfo, tensor_round_doubles(mantissa, dtype), exponent));
}

/* ---- binary float ufuncs ---- */

static Tensor *
float_binary(FunctionCallInfo fcinfo, MtFloatMathOp op, const char *fname)
{
	TensorOperand a,
				b;
	int			ndim;
	int64		dims[MT_MAX_DIMS];
	MtDtype		dtype;
	Tensor	   *result;

	tensor_operand_arg(fcinfo, 0, &a);
	tensor_operand_arg(fcinfo, 1, &b);
	dtype = tensor_operands_prepare(&a, &b, true, &ndim, dims);
	if (mt_dtype_is_complex(dtype))
		tensor_refuse_ufunc_dtype(fname, dtype);
	result = tensor_new_uninit(ndim, dims, MT_FLOAT64);
	tensor_check_status(mt_float_math(op, dtype, tensor_double_lanes(a.t),
									  tensor_double_lanes(b.t),
									  (double *) TENSOR_DATA(result),
									  tensor_size(result), tensor_poll_interrupts,
									  NULL), NULL);
	return tensor_round_doubles(result, dtype);
}

PG_FUNCTION_INFO_V1(tensor_heaviside);
Datum
tensor_heaviside(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(float_binary(fcinfo, MT_FLOAT_HEAVISIDE, "heaviside"));
}

PG_FUNCTION_INFO_V1(tensor_nextafter);
Datum
tensor_nextafter(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(float_binary(fcinfo, MT_FLOAT_NEXTAFTER, "nextafter"));
}

/*
 * ldexp(x, e): x * 2^e; x a tensor (its float dtype) or a double
 * (float64), e an integer or bool tensor or an integer.
 */
PG_FUNCTION_INFO_V1(tensor_ldexp);
Datum
tensor_ldexp(PG_FUNCTION_ARGS)
{
	TensorOperand x,
				e;
	MtDtype		dtype;
	MtError		err;
	int			ndim;
	int64_t		dims[MT_MAX_DIMS];
	Tensor	   *xt,
			   *et,
			   *result;

	tensor_operand_arg(fcinfo, 0, &x);
	tensor_operand_arg(fcinfo, 1, &e);
	if (x.t != NULL && mt_dtype_is_complex((MtDtype) x.t->dtype))
		tensor_refuse_ufunc_dtype("ldexp", (MtDtype) x.t->dtype);
	if (e.t != NULL && !mt_dtype_is_exact((MtDtype) e.t->dtype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("ldexp does not support an exponent of dtype %s",
						mt_dtype_name((MtDtype) e.t->dtype)),
				 errhint("The exponent must be an integer tensor.")));
	if (x.t != NULL)
	{
		dtype = mt_dtype_inexact_of((MtDtype) x.t->dtype);
		xt = x.t;
	}
	else
	{
		dtype = MT_FLOAT64;
		xt = tensor_from_scalar(x.dval, MT_FLOAT64);
	}
	if (e.t != NULL)
		et = e.t;
	else
	{
		et = tensor_new(0, NULL, MT_INT64);
		*(int64 *) TENSOR_DATA(et) = e.ival;
	}
	if (mt_broadcast_shape(xt->ndim, xt->dims, et->ndim, et->dims, &ndim, dims,
						   &err) != MT_OK)
		tensor_report_error(&err, NULL);
	xt = tensor_broadcast_to(xt, ndim, (int64 *) dims);
	et = tensor_broadcast_to(et, ndim, (int64 *) dims);
	result = tensor_new_uninit(ndim, (int64 *) dims, MT_FLOAT64);
	tensor_check_status(mt_ldexp(tensor_double_lanes(xt), tensor_int_lanes(et),
								 (double *) TENSOR_DATA(result),
								 tensor_size(result), tensor_poll_interrupts,
								 NULL), NULL);
	PG_RETURN_TENSOR_P(tensor_round_doubles(result, dtype));
}

/* float_power: power in float64 (complex128 when either is complex) */
PG_FUNCTION_INFO_V1(tensor_float_power);
Datum
tensor_float_power(PG_FUNCTION_ARGS)
{
	TensorOperand a,
				b;
	Tensor	   *t[2];
	TensorOperand *ops[2] = {&a, &b};
	MtDtype		dtype = MT_FLOAT64;

	tensor_operand_arg(fcinfo, 0, &a);
	tensor_operand_arg(fcinfo, 1, &b);
	for (int i = 0; i < 2; i++)
		if (ops[i]->t != NULL && mt_dtype_is_complex((MtDtype) ops[i]->t->dtype))
			dtype = MT_COMPLEX128;
	for (int i = 0; i < 2; i++)
	{
		if (ops[i]->t != NULL)
			t[i] = tensor_convert(ops[i]->t, dtype);
		else
			t[i] = tensor_from_scalar(ops[i]->dval, dtype);
	}
	PG_RETURN_TENSOR_P(tensor_binary_op(t[0], t[1], MT_BINARY_POW));
}

/*
 * nan_to_num(t, nan, posinf, neginf): NaN and infinities replaced
 * (complex: in each part); posinf/neginf default to the dtype's largest
 * finite values.  Integers and bools are returned as they are.
 */
PG_FUNCTION_INFO_V1(tensor_nan_to_num);
Datum
tensor_nan_to_num(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	MtDtype		dtype;
	MtDtype		part;
	double		nan,
				posinf,
				neginf,
				big;
	Tensor	   *wide,
			   *result;
	int64		n;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	dtype = (MtDtype) t->dtype;
	if (mt_dtype_is_exact(dtype))
		PG_RETURN_TENSOR_P(t);
	part = dtype == MT_COMPLEX64 ? MT_FLOAT32 : (dtype == MT_COMPLEX128 ? MT_FLOAT64 : dtype);
	big = part == MT_FLOAT16 ? 65504.0 : (part == MT_FLOAT32 ? (double) FLT_MAX : DBL_MAX);
	nan = PG_ARGISNULL(1) ? 0.0 : PG_GETARG_FLOAT8(1);
	posinf = PG_ARGISNULL(2) ? big : PG_GETARG_FLOAT8(2);
	neginf = PG_ARGISNULL(3) ? -big : PG_GETARG_FLOAT8(3);
	wide = tensor_convert(t, mt_dtype_is_complex(dtype) ? MT_COMPLEX128 : MT_FLOAT64);
	result = tensor_new_like(wide, (MtDtype) wide->dtype);
	n = tensor_size(wide) * (mt_dtype_is_complex(dtype) ? 2 : 1);
	tensor_check_status(mt_nan_to_num((const double *) TENSOR_DATA(wide),
									  (double *) TENSOR_DATA(result), n, nan,
									  posinf, neginf, tensor_poll_interrupts,
									  NULL), NULL);
	PG_RETURN_TENSOR_P(tensor_round_doubles(result, dtype));
}

/* ---- complex-or-real tests ---- */

/* the imaginary parts of t as float64 lanes (zeros for a real t) */
static Tensor *
imag_parts(Tensor *t)
{
	Tensor	   *z = tensor_convert(t, MT_COMPLEX128);
	Tensor	   *im = tensor_new_like(t, MT_FLOAT64);
	const double *src = (const double *) TENSOR_DATA(z);
	double	   *dst = (double *) TENSOR_DATA(im);
	int64		n = tensor_size(t);

	for (int64 i = 0; i < n; i++)
		dst[i] = src[2 * i + 1];
	return im;
}

static Tensor *
imag_test(Tensor *t, bool want_nonzero)
{
	Tensor	   *result = tensor_new_like(t, MT_BOOL);
	bool	   *dst = (bool *) TENSOR_DATA(result);
	int64		n = tensor_size(t);

	if (!mt_dtype_is_complex((MtDtype) t->dtype))
	{
		memset(dst, want_nonzero ? 0 : 1, n);
		return result;
	}
	{
		const double *im = (const double *) TENSOR_DATA(imag_parts(t));

		for (int64 i = 0; i < n; i++)
			dst[i] = (im[i] != 0) == want_nonzero;
	}
	return result;
}

PG_FUNCTION_INFO_V1(tensor_iscomplex);
Datum
tensor_iscomplex(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(imag_test(PG_GETARG_TENSOR_ANYDTYPE_P(0), true));
}

PG_FUNCTION_INFO_V1(tensor_isreal);
Datum
tensor_isreal(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(imag_test(PG_GETARG_TENSOR_ANYDTYPE_P(0), false));
}

PG_FUNCTION_INFO_V1(tensor_iscomplexobj);
Datum
tensor_iscomplexobj(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	PG_RETURN_BOOL(mt_dtype_is_complex((MtDtype) t->dtype));
}

PG_FUNCTION_INFO_V1(tensor_isrealobj);
Datum
tensor_isrealobj(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	PG_RETURN_BOOL(!mt_dtype_is_complex((MtDtype) t->dtype));
}

/*
 * real_if_close(t, tol): the real part of a complex t whose imaginary
 * parts are all below tol (tol > 1: that many machine epsilons of the
 * dtype), else t unchanged.
 */
PG_FUNCTION_INFO_V1(tensor_real_if_close);
Datum
tensor_real_if_close(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	double		tol = PG_GETARG_FLOAT8(1);
	MtDtype		dtype = (MtDtype) t->dtype;
	const double *im;
	int64		n = tensor_size(t);
	MtDtype		part;

	if (!mt_dtype_is_complex(dtype))
		PG_RETURN_TENSOR_P(t);
	part = dtype == MT_COMPLEX64 ? MT_FLOAT32 : MT_FLOAT64;
	if (tol > 1)
		tol *= part == MT_FLOAT32 ? (double) FLT_EPSILON : DBL_EPSILON;
	im = (const double *) TENSOR_DATA(imag_parts(t));
	for (int64 i = 0; i < n; i++)
		if (!(fabs(im[i]) < tol))
			PG_RETURN_TENSOR_P(t);
	{
		Tensor	   *z = tensor_convert(t, MT_COMPLEX128);
		Tensor	   *re = tensor_new_like(t, MT_FLOAT64);
		const double *src = (const double *) TENSOR_DATA(z);
		double	   *dst = (double *) TENSOR_DATA(re);

		for (int64 i = 0; i < n; i++)
			dst[i] = src[2 * i];
		PG_RETURN_TENSOR_P(tensor_round_doubles(re, part));
	}
}

/*
 * sort_complex(a): a sorted along its last axis as a complex tensor:
 * complex64 for int8, uint8 and int16 (numpy's 'bhBH'), complex128 for
 * the other real dtypes.
 */
extern Datum tensor_sort(PG_FUNCTION_ARGS);

PG_FUNCTION_INFO_V1(tensor_sort_complex);
Datum
tensor_sort_complex(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	MtDtype		dtype = (MtDtype) t->dtype;

	if (!mt_dtype_is_complex(dtype))
		dtype = (dtype == MT_INT8 || dtype == MT_UINT8 || dtype == MT_INT16) ?
			MT_COMPLEX64 : MT_COMPLEX128;
	t = tensor_convert(t, dtype);
	if (t->ndim == 0)
		PG_RETURN_TENSOR_P(t);
	return DirectFunctionCall2(tensor_sort, PointerGetDatum(t), Int32GetDatum(-1));
}

/* ---- unwrap, interp ---- */

/*
 * unwrap(p, discont, axis, period): numpy.unwrap of a float or integer
 * tensor (integers give float64); discont NULL is period / 2.
 */
PG_FUNCTION_INFO_V1(tensor_unwrap);
Datum
tensor_unwrap(PG_FUNCTION_ARGS)
{
	Tensor	   *p;
	MtDtype		dtype;
	double		period,
				discont;
	int			axis;
	int64		outer = 1,
				len,
				inner = 1;
	Tensor	   *result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	p = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	dtype = (MtDtype) p->dtype;
	if (mt_dtype_is_complex(dtype) || dtype == MT_BOOL)
		tensor_refuse_ufunc_dtype("unwrap", dtype);
	if (mt_dtype_is_exact(dtype))
		dtype = MT_FLOAT64;
	period = PG_GETARG_FLOAT8(3);
	discont = PG_ARGISNULL(1) ? period / 2 : PG_GETARG_FLOAT8(1);
	if (p->ndim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unwrap needs a tensor of at least one dimension")));
	axis = tensor_axis(PG_GETARG_INT32(2), p->ndim);
	tensor_lanes_of(p, axis, &outer, &len, &inner);
	result = tensor_new_like(p, MT_FLOAT64);
	tensor_check_status(mt_unwrap(tensor_double_lanes(p), (double *) TENSOR_DATA(result),
								  outer, len, inner, discont, period,
								  tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(tensor_round_doubles(result, dtype));
}

static const double *interp_sort_keys;

static int
interp_order(const void *a, const void *b)
{
	int64		i = *(const int64 *) a,
				j = *(const int64 *) b;
	double		x = interp_sort_keys[i],
				y = interp_sort_keys[j];

	if (x < y)
		return -1;
	if (x > y)
		return 1;
	return i < j ? -1 : (i > j);
}

/* Python's float % */
static double
py_mod(double a, double b)
{
	double		m = fmod(a, b);

	if (m != 0)
	{
		if ((b < 0) != (m < 0))
			m += b;
	}
	else
		m = copysign(0.0, b);
	return m;
}

/*
 * interp(x, xp, fp, left, right, period): numpy.interp.  x any real
 * tensor, xp and fp 1-D of one length (xp increasing, not checked, as
 * numpy), fp real (float64 result) or complex (complex128).  period makes
 * the samples periodic (left and right are then ignored).
 */
PG_FUNCTION_INFO_V1(tensor_interp);
Datum
tensor_interp(PG_FUNCTION_ARGS)
{
	Tensor	   *x,
			   *xp,
			   *fp;
	bool		complex_fp;
	int			ncomp;
	int64		nxp,
				n;
	double	   *xs,
			   *xps,
			   *fps;
	double		left[2] = {0, 0},
				right[2] = {0, 0};
	Tensor	   *result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	x = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	xp = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	fp = PG_GETARG_TENSOR_ANYDTYPE_P(2);
	if (mt_dtype_is_complex((MtDtype) x->dtype))
		tensor_refuse_ufunc_dtype("interp", (MtDtype) x->dtype);
	if (mt_dtype_is_complex((MtDtype) xp->dtype))
		tensor_refuse_ufunc_dtype("interp", (MtDtype) xp->dtype);
	if (xp->ndim != 1 || fp->ndim != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("xp and fp must be one-dimensional")));
	nxp = xp->dims[0];
	if (fp->dims[0] != nxp)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fp and xp are not of the same length")));
	if (nxp == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("array of sample points is empty")));
	complex_fp = mt_dtype_is_complex((MtDtype) fp->dtype);
	ncomp = complex_fp ? 2 : 1;
	n = tensor_size(x);
	xs = tensor_double_lanes(x);
	xps = tensor_double_lanes(xp);
	fps = (double *) TENSOR_DATA(tensor_convert(fp, complex_fp ? MT_COMPLEX128 : MT_FLOAT64));
	if (!PG_ARGISNULL(5))
	{
		double		period = PG_GETARG_FLOAT8(5);
		int64	   *order;
		double	   *sxp,
				   *sfp;
		double	   *mx;

		if (period == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("period must be a non-zero value")));
		period = fabs(period);
		mx = palloc(Max(n, 1) * sizeof(double));
		for (int64 i = 0; i < n; i++)
			mx[i] = py_mod(xs[i], period);
		xs = mx;
		order = palloc(nxp * sizeof(int64));
		for (int64 i = 0; i < nxp; i++)
		{
			xps[i] = py_mod(xps[i], period);
			order[i] = i;
		}
		interp_sort_keys = xps;
		qsort(order, nxp, sizeof(int64), interp_order);
		sxp = palloc((nxp + 2) * sizeof(double));
		sfp = palloc((nxp + 2) * ncomp * sizeof(double));
		for (int64 i = 0; i < nxp; i++)
		{
			sxp[i + 1] = xps[order[i]];
			for (int c = 0; c < ncomp; c++)
				sfp[(i + 1) * ncomp + c] = fps[order[i] * ncomp + c];
		}
		sxp[0] = sxp[nxp] - period;
		sxp[nxp + 1] = sxp[1] + period;
		for (int c = 0; c < ncomp; c++)
		{
			sfp[c] = sfp[nxp * ncomp + c];
			sfp[(nxp + 1) * ncomp + c] = sfp[ncomp + c];
		}
		xps = sxp;
		fps = sfp;
		nxp += 2;
		for (int c = 0; c < ncomp; c++)
		{
			left[c] = fps[c];
			right[c] = fps[(nxp - 1) * ncomp + c];
		}
	}
	else
	{
		for (int c = 0; c < ncomp; c++)
		{
			left[c] = fps[c];
			right[c] = fps[(nxp - 1) * ncomp + c];
		}
		if (!PG_ARGISNULL(3))
		{
			left[0] = PG_GETARG_FLOAT8(3);
			left[1] = 0;
		}
		if (!PG_ARGISNULL(4))
		{
			right[0] = PG_GETARG_FLOAT8(4);
			right[1] = 0;
		}
	}
	result = tensor_new_like(x, complex_fp ? MT_COMPLEX128 : MT_FLOAT64);
	tensor_check_status(mt_interp(xs, n, xps, fps, nxp, ncomp, left, right,
								  (double *) TENSOR_DATA(result),
								  tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}
