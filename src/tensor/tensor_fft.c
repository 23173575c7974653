/*
 * tensor_fft.c
 *	  SQL glue for numpy.fft, numpy's names, parameters and numpy 2 result
 *	  dtypes: fft, ifft, fft2, ifft2, fftn, ifftn, rfft, irfft, rfft2,
 *	  irfft2, rfftn, irfftn, hfft, ihfft, fftfreq, rfftfreq, fftshift and
 *	  ifftshift.  The transforms are in kernels/fft.c.
 *
 *	  Every transform computes in double (complex128 or float64 work
 *	  tensors, one per transformed axis) and rounds once into the result
 *	  dtype, which is numpy 2's: result_type(a, 1j) for complex results
 *	  (complex64 for float16, float32 and complex64 input, complex128 for
 *	  everything else) and the real dtype of result_type(a, 1.0) for
 *	  irfft and hfft (float16 stays float16, float32 and complex64 give
 *	  float32, the rest float64).  rfft and ihfft refuse complex input, as
 *	  numpy 2 does.  A NULL n, s or axes is numpy's None; a NULL norm is
 *	  "backward".
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "kernels/fft.h"
#include "kernels/float16.h"
#include "tensor/tensor.h"

PG_FUNCTION_INFO_V1(tensor_fft);
PG_FUNCTION_INFO_V1(tensor_ifft);
PG_FUNCTION_INFO_V1(tensor_rfft);
PG_FUNCTION_INFO_V1(tensor_irfft);
PG_FUNCTION_INFO_V1(tensor_hfft);
PG_FUNCTION_INFO_V1(tensor_ihfft);
PG_FUNCTION_INFO_V1(tensor_fftn);
PG_FUNCTION_INFO_V1(tensor_ifftn);
PG_FUNCTION_INFO_V1(tensor_rfftn);
PG_FUNCTION_INFO_V1(tensor_irfftn);
PG_FUNCTION_INFO_V1(tensor_fftfreq);
PG_FUNCTION_INFO_V1(tensor_rfftfreq);
PG_FUNCTION_INFO_V1(tensor_fftshift);
PG_FUNCTION_INFO_V1(tensor_ifftshift);
PG_FUNCTION_INFO_V1(tensor_fftshift_axis);
PG_FUNCTION_INFO_V1(tensor_ifftshift_axis);

typedef enum FftNorm
{
	FFT_NORM_BACKWARD,
	FFT_NORM_ORTHO,
	FFT_NORM_FORWARD
} FftNorm;

/* the norm argument (NULL is numpy's None, "backward") */
static FftNorm
norm_arg(FunctionCallInfo fcinfo, int argno)
{
	char	   *s;

	if (PG_ARGISNULL(argno))
		return FFT_NORM_BACKWARD;
	s = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	if (strcmp(s, "backward") == 0)
		return FFT_NORM_BACKWARD;
	if (strcmp(s, "ortho") == 0)
		return FFT_NORM_ORTHO;
	if (strcmp(s, "forward") == 0)
		return FFT_NORM_FORWARD;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid norm value \"%s\"", s),
			 errhint("norm must be \"backward\", \"ortho\" or \"forward\" (NULL is \"backward\").")));
	return FFT_NORM_BACKWARD;	/* not reached */
}

/* hfft and ihfft run irfft and rfft with the norm's direction swapped */
static FftNorm
norm_swapped(FftNorm norm)
{
	return norm == FFT_NORM_BACKWARD ? FFT_NORM_FORWARD :
		norm == FFT_NORM_FORWARD ? FFT_NORM_BACKWARD : FFT_NORM_ORTHO;
}

/* the factor every output of a length-n transform is multiplied by */
static double
norm_factor(FftNorm norm, int64 n, bool inverse)
{
	if (norm == FFT_NORM_ORTHO)
		return 1.0 / sqrt((double) n);
	if ((norm == FFT_NORM_FORWARD) != inverse)
		return 1.0 / (double) n;
	return 1.0;
}

/* workspace a transform may take besides its tensors (Bluestein's
 * power-of-two buffers for a length with a large prime factor) */
#define FFT_MAX_WORKSPACE (4.0 * (double) MT_MAX_VALUE_BYTES)

static void
check_points(int64 n)
{
	if (n < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid number of FFT data points (%lld) specified",
						(long long) n)));
}

/* the result's size (54000 over 1 GB), then the kernel's workspace */
static Tensor *
new_result(int ndim, const int64 *dims, MtDtype dtype, int64 n)
{
	tensor_check_shape(ndim, dims, dtype);
	if (mt_fft_lane_bytes(n) > FFT_MAX_WORKSPACE)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("an FFT of %lld points needs too much workspace", (long long) n),
				 errdetail("Its plan and buffers take about %.0f MB; at most %.0f MB are allowed.",
						   mt_fft_lane_bytes(n) / 1048576.0, FFT_MAX_WORKSPACE / 1048576.0),
				 errhint("A length whose prime factors are all small (such as a power of two) needs the least.")));
	return tensor_new_uninit(ndim, dims, dtype);
}

/* numpy 2: result_type(a, 1j) */
static MtDtype
complex_result(MtDtype dtype)
{
	return (dtype == MT_FLOAT16 || dtype == MT_FLOAT32 ||
			dtype == MT_COMPLEX64) ? MT_COMPLEX64 : MT_COMPLEX128;
}

/* numpy 2: result_type(a.real.dtype, 1.0) */
static MtDtype
real_result(MtDtype dtype)
{
	if (dtype == MT_FLOAT16)
		return MT_FLOAT16;
	if (dtype == MT_FLOAT32 || dtype == MT_COMPLEX64)
		return MT_FLOAT32;
	return MT_FLOAT64;
}

static void
refuse_complex(const Tensor *t, const char *fname)
{
	if (mt_dtype_is_complex((MtDtype) t->dtype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s does not support complex input (dtype %s)", fname,
						mt_dtype_name((MtDtype) t->dtype)),
				 errhint("Transform the real part (marsql.real), or use fft.")));
}

static void
check_kernel(MtStatus st, int64 n)
{
	if (st != MT_OK)
	{
		MtError		err;

		mt_error_set(&err, st, 0, "The FFT plan and lane buffers of length %lld could not be allocated.",
					 (long long) n);
		tensor_check_status(st, &err);
	}
}

/* complex128 w transformed along axis to length n */
static Tensor *
c2c_axis(Tensor *w, int axis, int64 n, bool inverse, FftNorm norm)
{
	int64		dims[MT_MAX_DIMS];
	int64		outer,
				nin,
				inner;
	Tensor	   *result;

	check_points(n);
	tensor_lanes_of(w, axis, &outer, &nin, &inner);
	tensor_dims64(w, dims);
	dims[axis] = n;
	result = new_result(w->ndim, dims, MT_COMPLEX128, n);
	check_kernel(mt_fft_c2c_lanes(TENSOR_DATA(w), outer, nin, inner,
								  TENSOR_DATA(result), n, inverse,
								  norm_factor(norm, n, inverse),
								  tensor_poll_interrupts, NULL), n);
	return result;
}

/* float64 w to its n/2+1 non-negative frequencies along axis */
static Tensor *
r2c_axis(Tensor *w, int axis, int64 n, FftNorm norm)
{
	int64		dims[MT_MAX_DIMS];
	int64		outer,
				nin,
				inner;
	Tensor	   *result;

	check_points(n);
	tensor_lanes_of(w, axis, &outer, &nin, &inner);
	tensor_dims64(w, dims);
	dims[axis] = n / 2 + 1;
	result = new_result(w->ndim, dims, MT_COMPLEX128, n);
	check_kernel(mt_fft_r2c_lanes(TENSOR_DATA(w), outer, nin, inner,
								  TENSOR_DATA(result), n,
								  norm_factor(norm, n, false),
								  tensor_poll_interrupts, NULL), n);
	return result;
}

/* complex128 half spectra w to n real values along axis */
static Tensor *
c2r_axis(Tensor *w, int axis, int64 n, FftNorm norm)
{
	int64		dims[MT_MAX_DIMS];
	int64		outer,
				nin,
				inner;
	Tensor	   *result;

	check_points(n);
	tensor_lanes_of(w, axis, &outer, &nin, &inner);
	tensor_dims64(w, dims);
	dims[axis] = n;
	result = new_result(w->ndim, dims, MT_FLOAT64, n);
	check_kernel(mt_fft_c2r_lanes(TENSOR_DATA(w), outer, nin, inner,
								  TENSOR_DATA(result), n,
								  norm_factor(norm, n, true),
								  tensor_poll_interrupts, NULL), n);
	return result;
}

/*
 * The double work tensor w (complex128 or float64) rounded once into the
 * result dtype; a value beyond the dtype's range becomes an infinity, as
 * numpy's transform in that precision gives (astype would refuse it).
 */
static Tensor *
rounded(Tensor *w, MtDtype dtype)
{
	Tensor	   *r;
	const double *src = (const double *) TENSOR_DATA(w);
	int64		count;

	if ((MtDtype) w->dtype == dtype)
		return w;
	r = tensor_new_like(w, dtype);
	count = tensor_size(w) * (dtype == MT_COMPLEX64 ? 2 : 1);
	if (dtype == MT_FLOAT16)
	{
		uint16_t   *dst = (uint16_t *) TENSOR_DATA(r);

		for (int64 i = 0; i < count; i++)
			dst[i] = mt_double_to_half(src[i]);
	}
	else
	{
		float	   *dst = (float *) TENSOR_DATA(r);

		Assert(dtype == MT_COMPLEX64 || dtype == MT_FLOAT32);
		for (int64 i = 0; i < count; i++)
			dst[i] = (float) src[i];
	}
	pfree(w);
	return r;
}

/* a private copy of a complex128 tensor, every element conjugated */
static Tensor *
conjugated(const Tensor *t)
{
	Tensor	   *c = (Tensor *) palloc(VARSIZE(t));
	double	   *d;
	int64		count = tensor_size(t);

	memcpy(c, t, VARSIZE(t));
	d = (double *) TENSOR_DATA(c);
	for (int64 i = 0; i < count; i++)
		d[2 * i + 1] = -d[2 * i + 1];
	return c;
}

static void
conjugate_in_place(Tensor *t)
{
	double	   *d = (double *) TENSOR_DATA(t);
	int64		count = tensor_size(t);

	for (int64 i = 0; i < count; i++)
		d[2 * i + 1] = -d[2 * i + 1];
}

/* ---- one axis: fft, ifft, rfft, irfft, hfft, ihfft ---- */

typedef enum FftKind
{
	FFT_FORWARD,
	FFT_INVERSE,
	FFT_REAL,					/* rfft */
	FFT_INVERSE_REAL,			/* irfft */
	FFT_HERMITIAN,				/* hfft */
	FFT_INVERSE_HERMITIAN		/* ihfft */
} FftKind;

/* (a, n DEFAULT NULL, axis DEFAULT -1, norm DEFAULT NULL) */
static Datum
fft_1d(FunctionCallInfo fcinfo, FftKind kind)
{
	Tensor	   *t;
	Tensor	   *w;
	MtDtype		dtype;
	FftNorm		norm;
	int			axis;
	int64		m,
				n;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	dtype = (MtDtype) t->dtype;
	norm = norm_arg(fcinfo, 3);
	axis = tensor_axis(PG_GETARG_INT32(2), t->ndim);
	m = t->dims[axis];
	if (!PG_ARGISNULL(1))
		n = PG_GETARG_INT32(1);
	else if (kind == FFT_INVERSE_REAL || kind == FFT_HERMITIAN)
		n = 2 * (m - 1);
	else
		n = m;
	switch (kind)
	{
		case FFT_FORWARD:
		case FFT_INVERSE:
			w = c2c_axis(tensor_convert(t, MT_COMPLEX128), axis, n,
						 kind == FFT_INVERSE, norm);
			PG_RETURN_TENSOR_P(rounded(w, complex_result(dtype)));
		case FFT_REAL:
		case FFT_INVERSE_HERMITIAN:
			refuse_complex(t, kind == FFT_REAL ? "rfft" : "ihfft");
			w = r2c_axis(tensor_convert(t, MT_FLOAT64), axis, n,
						 kind == FFT_REAL ? norm : norm_swapped(norm));
			if (kind == FFT_INVERSE_HERMITIAN)
				conjugate_in_place(w);
			PG_RETURN_TENSOR_P(rounded(w, complex_result(dtype)));
		case FFT_INVERSE_REAL:
		case FFT_HERMITIAN:
			w = tensor_convert(t, MT_COMPLEX128);
			if (kind == FFT_HERMITIAN)
				w = conjugated(w);
			w = c2r_axis(w, axis, n,
						 kind == FFT_INVERSE_REAL ? norm : norm_swapped(norm));
			PG_RETURN_TENSOR_P(rounded(w, real_result(dtype)));
	}
	PG_RETURN_NULL();			/* not reached */
}

Datum
tensor_fft(PG_FUNCTION_ARGS)
{
	return fft_1d(fcinfo, FFT_FORWARD);
}

Datum
tensor_ifft(PG_FUNCTION_ARGS)
{
	return fft_1d(fcinfo, FFT_INVERSE);
}

Datum
tensor_rfft(PG_FUNCTION_ARGS)
{
	return fft_1d(fcinfo, FFT_REAL);
}

Datum
tensor_irfft(PG_FUNCTION_ARGS)
{
	return fft_1d(fcinfo, FFT_INVERSE_REAL);
}

Datum
tensor_hfft(PG_FUNCTION_ARGS)
{
	return fft_1d(fcinfo, FFT_HERMITIAN);
}

Datum
tensor_ihfft(PG_FUNCTION_ARGS)
{
	return fft_1d(fcinfo, FFT_INVERSE_HERMITIAN);
}

/* ---- several axes: fftn, ifftn, rfftn, irfftn (and the 2-D forms) ---- */

/*
 * numpy's _cook_nd_args: the lengths s and axes (arguments 1 and 2, NULL
 * for None) as checked axes of t and lengths >= 1 or errors.  s of NULL
 * takes the axes' extents (for the inverse real transform the last one is
 * 2 * (m - 1)); axes of NULL are the last len(s) axes, or all of them; a
 * length of -1 takes the whole axis (numpy 2).
 */
static int
cook_nd_args(FunctionCallInfo fcinfo, const Tensor *t, bool invreal,
			 int *axes, int64 *s)
{
	int			sv[MT_MAX_DIMS];
	int			count;
	bool		shapeless = PG_ARGISNULL(1);

	if (!shapeless)
	{
		count = tensor_int_array(PG_GETARG_ARRAYTYPE_P(1), sv, MT_MAX_DIMS, "s");
		if (!PG_ARGISNULL(2))
		{
			int			acount = tensor_int_array(PG_GETARG_ARRAYTYPE_P(2), axes,
												  MT_MAX_DIMS, "axes");

			if (acount != count)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("shape and axes have different lengths"),
						 errdetail("s has %d elements, axes %d.", count, acount)));
		}
		else
		{
			for (int i = 0; i < count; i++)
				axes[i] = i - count;
		}
		for (int i = 0; i < count; i++)
			axes[i] = tensor_axis(axes[i], t->ndim);
		for (int i = 0; i < count; i++)
			s[i] = sv[i] == -1 ? t->dims[axes[i]] : sv[i];
	}
	else
	{
		if (PG_ARGISNULL(2))
		{
			count = t->ndim;
			for (int i = 0; i < count; i++)
				axes[i] = i;
		}
		else
			count = tensor_int_array(PG_GETARG_ARRAYTYPE_P(2), axes,
									 MT_MAX_DIMS, "axes");
		for (int i = 0; i < count; i++)
		{
			axes[i] = tensor_axis(axes[i], t->ndim);
			s[i] = t->dims[axes[i]];
		}
		if (invreal && count > 0)
			s[count - 1] = 2 * (s[count - 1] - 1);
	}
	return count;
}

/* next, after freeing the work tensor w unless it is the argument t */
static Tensor *
replaced(Tensor *w, const Tensor *t, Tensor *next)
{
	if (w != t)
		pfree(w);
	return next;
}

/* (a, s, axes, norm): arguments NULL for numpy's None */
static Datum
fft_nd(FunctionCallInfo fcinfo, FftKind kind)
{
	Tensor	   *t;
	Tensor	   *w;
	MtDtype		dtype;
	FftNorm		norm;
	int			axes[MT_MAX_DIMS];
	int64		s[MT_MAX_DIMS];
	int			count;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	dtype = (MtDtype) t->dtype;
	norm = norm_arg(fcinfo, 3);
	count = cook_nd_args(fcinfo, t, kind == FFT_INVERSE_REAL, axes, s);
	switch (kind)
	{
		case FFT_FORWARD:
		case FFT_INVERSE:
			/* numpy transforms nothing and returns a as it is */
			if (count == 0)
			{
				tensor_dims64(t, s);
				PG_RETURN_TENSOR_P(tensor_reshaped(t, t->ndim, s));
			}
			w = tensor_convert(t, MT_COMPLEX128);
			for (int i = count - 1; i >= 0; i--)
				w = replaced(w, t, c2c_axis(w, axes[i], s[i], kind == FFT_INVERSE, norm));
			PG_RETURN_TENSOR_P(rounded(w, complex_result(dtype)));
		case FFT_REAL:
			refuse_complex(t, get_func_name(fcinfo->flinfo->fn_oid));
			if (count == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s needs at least one axis",
								get_func_name(fcinfo->flinfo->fn_oid))));
			w = r2c_axis(tensor_convert(t, MT_FLOAT64), axes[count - 1],
						 s[count - 1], norm);
			for (int i = count - 2; i >= 0; i--)
				w = replaced(w, t, c2c_axis(w, axes[i], s[i], false, norm));
			PG_RETURN_TENSOR_P(rounded(w, complex_result(dtype)));
		case FFT_INVERSE_REAL:
			if (count == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s needs at least one axis",
								get_func_name(fcinfo->flinfo->fn_oid))));
			w = tensor_convert(t, MT_COMPLEX128);
			for (int i = 0; i < count - 1; i++)
				w = replaced(w, t, c2c_axis(w, axes[i], s[i], true, norm));
			w = replaced(w, t, c2r_axis(w, axes[count - 1], s[count - 1], norm));
			PG_RETURN_TENSOR_P(rounded(w, real_result(dtype)));
		default:
			break;
	}
	PG_RETURN_NULL();			/* not reached */
}

Datum
tensor_fftn(PG_FUNCTION_ARGS)
{
	return fft_nd(fcinfo, FFT_FORWARD);
}

Datum
tensor_ifftn(PG_FUNCTION_ARGS)
{
	return fft_nd(fcinfo, FFT_INVERSE);
}

Datum
tensor_rfftn(PG_FUNCTION_ARGS)
{
	return fft_nd(fcinfo, FFT_REAL);
}

Datum
tensor_irfftn(PG_FUNCTION_ARGS)
{
	return fft_nd(fcinfo, FFT_INVERSE_REAL);
}

/* ---- fftfreq, rfftfreq ---- */

/* 1 / (n d), as numpy computes it: ZeroDivisionError when n d is zero */
static double
freq_scale(int32 n, double d)
{
	double		nd = (double) n * d;

	if (nd == 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_DIVISION_BY_ZERO),
				 errmsg("division by zero"),
				 errdetail("The sample frequencies divide by n * d = %d * %g.", n, d)));
	return 1.0 / nd;
}

/* fftfreq(n, d DEFAULT 1.0): float64 [0, 1, ..., -(n/2), ..., -1] / (n d) */
Datum
tensor_fftfreq(PG_FUNCTION_ARGS)
{
	int32		n = PG_GETARG_INT32(0);
	double		val = freq_scale(n, PG_GETARG_FLOAT8(1));
	int64		len = n;
	int64		half;
	Tensor	   *result;
	double	   *d;

	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("negative dimensions are not allowed"),
				 errdetail("n is %d.", n)));
	result = tensor_new_uninit(1, &len, MT_FLOAT64);
	d = (double *) TENSOR_DATA(result);
	half = (n - 1) / 2 + 1;
	for (int64 i = 0; i < half; i++)
		d[i] = (double) i * val;
	for (int64 i = half; i < n; i++)
		d[i] = (double) (i - n) * val;
	PG_RETURN_TENSOR_P(result);
}

/* rfftfreq(n, d DEFAULT 1.0): float64 [0, 1, ..., n/2] / (n d) */
Datum
tensor_rfftfreq(PG_FUNCTION_ARGS)
{
	int32		n = PG_GETARG_INT32(0);
	double		val = freq_scale(n, PG_GETARG_FLOAT8(1));
	/* numpy's arange(0, n // 2 + 1): empty for a negative n */
	int64		len = n >= 0 ? (int64) n / 2 + 1 : 0;
	Tensor	   *result;
	double	   *d;

	result = tensor_new_uninit(1, &len, MT_FLOAT64);
	d = (double *) TENSOR_DATA(result);
	for (int64 i = 0; i < len; i++)
		d[i] = (double) i * val;
	PG_RETURN_TENSOR_P(result);
}

/* ---- fftshift, ifftshift ---- */

/* t rolled by half of each axis in axes (count of them; NULL: every axis) */
static Tensor *
shifted(Tensor *t, const int *axes, int count, bool inverse)
{
	int64		dims[MT_MAX_DIMS],
				shift[MT_MAX_DIMS];
	int			all[MT_MAX_DIMS];
	Tensor	   *result;
	MtStatus	st;

	/* numpy.roll of a 0-d array raises (its index product is empty) */
	if (t->ndim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot shift a zero-dimensional tensor"),
				 errhint("numpy.fft.fftshift and ifftshift need at least one dimension.")));
	tensor_dims64(t, dims);
	if (axes == NULL)
	{
		for (int i = 0; i < t->ndim; i++)
			all[i] = i;
		axes = all;
		count = t->ndim;
	}
	memset(shift, 0, sizeof(shift));
	for (int i = 0; i < count; i++)
	{
		int			ax = tensor_axis(axes[i], t->ndim);

		/* a repeated axis rolls twice, as numpy.roll does */
		shift[ax] += inverse ? -(dims[ax] / 2) : dims[ax] / 2;
	}
	for (int i = 0; i < t->ndim; i++)
		if (dims[i] > 0)
			shift[i] = ((shift[i] % dims[i]) + dims[i]) % dims[i];
	result = tensor_new_uninit(t->ndim, dims, (MtDtype) t->dtype);
	st = mt_roll_axes(TENSOR_DATA(t), TENSOR_DATA(result),
					  mt_dtype_size((MtDtype) t->dtype), t->ndim,
					  (const int64_t *) dims, (const int64_t *) shift,
					  tensor_poll_interrupts, NULL);
	tensor_check_status(st, NULL);
	return result;
}

static Datum
shift_of(FunctionCallInfo fcinfo, bool inverse)
{
	Tensor	   *t;
	int			axes[MT_MAX_DIMS * 4];
	int			count = 0;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	if (!PG_ARGISNULL(1))
		count = tensor_int_array(PG_GETARG_ARRAYTYPE_P(1), axes, lengthof(axes),
								 "axes");
	PG_RETURN_TENSOR_P(shifted(t, PG_ARGISNULL(1) ? NULL : axes, count, inverse));
}

Datum
tensor_fftshift(PG_FUNCTION_ARGS)
{
	return shift_of(fcinfo, false);
}

Datum
tensor_ifftshift(PG_FUNCTION_ARGS)
{
	return shift_of(fcinfo, true);
}

Datum
tensor_fftshift_axis(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int			axis = PG_GETARG_INT32(1);

	PG_RETURN_TENSOR_P(shifted(t, &axis, 1, false));
}

Datum
tensor_ifftshift_axis(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int			axis = PG_GETARG_INT32(1);

	PG_RETURN_TENSOR_P(shifted(t, &axis, 1, true));
}
