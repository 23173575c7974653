/*
 * gemm.c
 *	  Panelled and batched matrix products (see gemm.h).
 *
 *	  A single BLAS call cannot be interrupted, so a large product is cut
 *	  into panels along its larger output dimension.  Each panel re-packs
 *	  the shared operand, which costs a few percent at most when a panel
 *	  holds almost half a second of work; smaller products run as one call.
 */
#include "gemm.h"

#include "broadcast.h"

/*
 * Sustained GFLOP/s per thread we plan panels for (measured on AVX2 + FMA
 * cores: sgemm ~100, dgemm ~50).  Each panel re-packs the whole other
 * operand, so panels are as long as a prompt cancel allows: on this class
 * of machine a quarter to half a second, longer on slower cores.
 */
#define FLOPS_PER_THREAD_FLOAT32 100e9
#define FLOPS_PER_THREAD_FLOAT64 50e9
#define PANEL_SECONDS 0.4
#define MIN_PANEL 256

MtStatus
mt_gemm_panels(MtDtype dtype, int m, int n, int k, const void *a,
			   const void *b, void *c, bool accumulate, int threads,
			   MtPollFn poll, void *poll_arg)
{
	size_t		elem = mt_dtype_size(dtype);
	double		rate = (dtype == MT_FLOAT32 ? FLOPS_PER_THREAD_FLOAT32
						: FLOPS_PER_THREAD_FLOAT64) * (threads < 1 ? 1 : threads);
	double		flops = 2.0 * m * (double) n * k;
	double		panel_flops = rate * PANEL_SECONDS;
	bool		by_rows = m >= n;
	int			extent = by_rows ? m : n;
	int			panel;

	if (flops <= panel_flops || extent <= MIN_PANEL)
		panel = extent;
	else
	{
		double		per_line = flops / extent;
		double		lines = panel_flops / per_line;

		panel = lines < MIN_PANEL ? MIN_PANEL : (lines > extent ? extent : (int) lines);
	}

	for (int start = 0; start < extent; start += panel)
	{
		int			len = extent - start < panel ? extent - start : panel;

		if (start > 0 && poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		if (by_rows)
			mt_kernels.gemm(dtype, false, false, accumulate, len, n, k,
							(const char *) a + (size_t) start * k * elem, k > 0 ? k : 1,
							b, n > 0 ? n : 1,
							(char *) c + (size_t) start * n * elem, n > 0 ? n : 1);
		else
			mt_kernels.gemm(dtype, false, false, accumulate, m, len, k,
							a, k > 0 ? k : 1,
							(const char *) b + (size_t) start * elem, n,
							(char *) c + (size_t) start * elem, n);
	}
	return MT_OK;
}

MtStatus
mt_matmul_batched(MtDtype dtype, int m, int n, int k, int batch_ndim,
				  const int64_t *batch_dims, int batch_ndim_a,
				  const int32_t *batch_dims_a, int batch_ndim_b,
				  const int32_t *batch_dims_b, const void *a, const void *b,
				  void *c, int threads, MtPollFn poll, void *poll_arg)
{
	size_t		elem = mt_dtype_size(dtype);
	size_t		a_bytes = (size_t) m * k * elem;
	size_t		b_bytes = (size_t) k * n * elem;
	size_t		c_bytes = (size_t) m * n * elem;
	int64_t		batches = 1;
	double		since_poll = 0;
	MtBroadcastIter it;

	for (int i = 0; i < batch_ndim; i++)
		batches *= batch_dims[i];
	mt_broadcast_iter_init(&it, batch_ndim, batch_dims, batch_ndim_a,
						   batch_dims_a, batch_ndim_b, batch_dims_b);
	for (int64_t i = 0; i < batches; i++)
	{
		MtStatus	status;

		if (since_poll > 1e8)
		{
			if (poll != NULL && poll(poll_arg))
				return MT_ERR_CANCELED;
			since_poll = 0;
		}
		status = mt_gemm_panels(dtype, m, n, k,
								(const char *) a + it.offset_a * a_bytes,
								(const char *) b + it.offset_b * b_bytes,
								(char *) c + i * c_bytes, false, threads,
								poll, poll_arg);
		if (status != MT_OK)
			return status;
		since_poll += 2.0 * m * (double) n * k + (double) m * n + 64;
		mt_broadcast_iter_next(&it);
	}
	return MT_OK;
}
