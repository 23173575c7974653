/*
 * tensor_complex.c
 *	  numpy's real, imag, conj/conjugate and angle for tensors of every
 *	  dtype: the parts of a complex tensor, and what numpy gives for a real
 *	  one (real and conj: the tensor itself, but conj of bool is int8 as
 *	  numpy's; imag: zeros of its dtype; angle: atan2(0, x) in the dtype a
 *	  float ufunc of it returns, float64 for bool).
 */
#include "postgres.h"

#include "fmgr.h"

#include "kernels/complex_parts.h"
#include "tensor/tensor.h"

PG_FUNCTION_INFO_V1(tensor_real);
PG_FUNCTION_INFO_V1(tensor_imag);
PG_FUNCTION_INFO_V1(tensor_conj);
PG_FUNCTION_INFO_V1(tensor_angle);

/* the part of a complex t, as a new tensor */
static Tensor *
complex_part(Tensor *t, MtComplexPart part)
{
	MtDtype		dtype = (MtDtype) t->dtype;
	Tensor	   *r = tensor_new_like(t, part == MT_PART_CONJ ? dtype
									: mt_complex_part_dtype(dtype));
	MtError		err;

	err.status = mt_complex_part(part, dtype, TENSOR_DATA(t), TENSOR_DATA(r),
								 tensor_size(t), tensor_poll_interrupts, NULL);
	tensor_check_status(err.status, &err);
	return r;
}

Datum
tensor_real(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	if (!mt_dtype_is_complex((MtDtype) t->dtype))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	PG_RETURN_TENSOR_P(complex_part(t, MT_PART_REAL));
}

Datum
tensor_imag(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	if (!mt_dtype_is_complex((MtDtype) t->dtype))
		PG_RETURN_TENSOR_P(tensor_new_like(t, (MtDtype) t->dtype));
	PG_RETURN_TENSOR_P(complex_part(t, MT_PART_IMAG));
}

Datum
tensor_conj(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	/* numpy's conjugate has no bool loop: bool gives int8 */
	if (t->dtype == MT_BOOL)
		PG_RETURN_TENSOR_P(tensor_convert(t, MT_INT8));
	if (!mt_dtype_is_complex((MtDtype) t->dtype))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	PG_RETURN_TENSOR_P(complex_part(t, MT_PART_CONJ));
}

Datum
tensor_angle(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	bool		deg = PG_GETARG_BOOL(1);
	MtDtype		dtype = (MtDtype) t->dtype;
	Tensor	   *r;
	MtError		err;

	if (mt_dtype_is_complex(dtype))
	{
		r = complex_part(t, MT_PART_ANGLE);
		if (deg)
			mt_radians_to_degrees((MtDtype) r->dtype, TENSOR_DATA(r), tensor_size(r));
		PG_RETURN_TENSOR_P(r);
	}
	/*
	 * numpy: arctan2(0, x), a float ufunc: int8 gives float16 ...; for bool
	 * the Python 0 is an int64, so float64
	 */
	dtype = dtype == MT_BOOL ? MT_FLOAT64 : mt_dtype_inexact_of(dtype);
	t = tensor_convert(t, mt_dtype_compute(dtype));
	r = tensor_new_like(t, (MtDtype) t->dtype);
	err.status = mt_real_angle((MtDtype) t->dtype, TENSOR_DATA(t), TENSOR_DATA(r),
							   tensor_size(t), deg, tensor_poll_interrupts, NULL);
	tensor_check_status(err.status, &err);
	PG_RETURN_TENSOR_P(tensor_convert(r, dtype));
}
