/*
 * tensor_windows.c
 *	  SQL glue of numpy's window functions (kernels/windows.h): bartlett,
 *	  blackman, hamming, hanning and kaiser, float64 tensors of M values
 *	  (empty for M <= 0).
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"

#include "kernels/windows.h"
#include "tensor/tensor.h"

PG_FUNCTION_INFO_V1(tensor_bartlett);
PG_FUNCTION_INFO_V1(tensor_blackman);
PG_FUNCTION_INFO_V1(tensor_hamming);
PG_FUNCTION_INFO_V1(tensor_hanning);
PG_FUNCTION_INFO_V1(tensor_kaiser);

static Tensor *
make_window(MtWindow kind, int32 m, double beta)
{
	int64		dims[1] = {Max(m, 0)};
	Tensor	   *t = tensor_new_uninit(1, dims, MT_FLOAT64);
	double	   *out = TENSOR_DATA(t);

	for (int64 start = 0; start < dims[0]; start += TENSOR_INTERRUPT_STRIDE)
	{
		CHECK_FOR_INTERRUPTS();
		mt_window(kind, m, beta, start,
				  Min(TENSOR_INTERRUPT_STRIDE, dims[0] - start), out + start);
	}
	return t;
}

Datum
tensor_bartlett(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(make_window(MT_WINDOW_BARTLETT, PG_GETARG_INT32(0), 0));
}

Datum
tensor_blackman(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(make_window(MT_WINDOW_BLACKMAN, PG_GETARG_INT32(0), 0));
}

Datum
tensor_hamming(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(make_window(MT_WINDOW_HAMMING, PG_GETARG_INT32(0), 0));
}

Datum
tensor_hanning(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(make_window(MT_WINDOW_HANNING, PG_GETARG_INT32(0), 0));
}

Datum
tensor_kaiser(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(make_window(MT_WINDOW_KAISER, PG_GETARG_INT32(0),
								   PG_GETARG_FLOAT8(1)));
}
