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

#include <stdlib.h>
#include <string.h>

#include "broadcast.h"
#include "dtype_cast.h"

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
	/* a complex multiply-add is four real ones */
	double		flops = (mt_dtype_is_complex(dtype) ? 8.0 : 2.0) * m * (double) n * k;
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
		if (mt_dtype_is_exact(dtype))
			status = mt_gemm_exact(dtype, m, n, k,
								   (const char *) a + it.offset_a * a_bytes,
								   (const char *) b + it.offset_b * b_bytes,
								   (char *) c + i * c_bytes, poll, poll_arg);
		else
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

/*
 * The exact product.  Blocks of EXACT_MB rows of A by EXACT_NB columns of
 * B keep an int64 accumulator tile in L1/L2; each EXACT_KB-row slab of
 * the B block is widened to int64 once per row block (an overhead of
 * 1/EXACT_MB of the multiply-adds).  Arithmetic is on uint64_t so that
 * overflow wraps (defined in C); the low bits stored are those numpy's
 * wrapping loop in the dtype itself would give, since both are exact
 * modulo 2^bits.  bool: a sum of 0/1 products, nonzero is true.
 */
#define EXACT_MB 32
#define EXACT_NB 256
#define EXACT_KB 128

static void
store_exact(MtDtype dtype, void *c, size_t i, uint64_t v)
{
	switch (dtype)
	{
		case MT_BOOL:
			((uint8_t *) c)[i] = v != 0;
			break;
		case MT_INT8:
		case MT_UINT8:
			((uint8_t *) c)[i] = (uint8_t) v;
			break;
		case MT_INT16:
			((uint16_t *) c)[i] = (uint16_t) v;
			break;
		case MT_INT32:
			((uint32_t *) c)[i] = (uint32_t) v;
			break;
		default:
			((uint64_t *) c)[i] = v;
			break;
	}
}

MtStatus
mt_gemm_exact(MtDtype dtype, int m, int n, int k, const void *a,
			  const void *b, void *c, MtPollFn poll, void *poll_arg)
{
	uint64_t   *acc;
	uint64_t   *bblk;
	uint64_t   *arow;

	if (m == 0 || n == 0)
		return MT_OK;
	acc = malloc(sizeof(uint64_t) * EXACT_MB * EXACT_NB);
	bblk = malloc(sizeof(uint64_t) * EXACT_KB * EXACT_NB);
	arow = malloc(sizeof(uint64_t) * EXACT_KB);
	if (acc == NULL || bblk == NULL || arow == NULL)
	{
		free(acc);
		free(bblk);
		free(arow);
		return MT_ERR_MEMORY;
	}
	for (int i0 = 0; i0 < m; i0 += EXACT_MB)
	{
		int			mb = m - i0 < EXACT_MB ? m - i0 : EXACT_MB;

		for (int j0 = 0; j0 < n; j0 += EXACT_NB)
		{
			int			nb = n - j0 < EXACT_NB ? n - j0 : EXACT_NB;

			if (poll != NULL && poll(poll_arg))
			{
				free(acc);
				free(bblk);
				free(arow);
				return MT_ERR_CANCELED;
			}

			memset(acc, 0, sizeof(uint64_t) * EXACT_MB * EXACT_NB);
			for (int p0 = 0; p0 < k; p0 += EXACT_KB)
			{
				int			kb = k - p0 < EXACT_KB ? k - p0 : EXACT_KB;

				for (int p = 0; p < kb; p++)
					for (int j = 0; j < nb; j++)
						bblk[(size_t) p * EXACT_NB + j] = (uint64_t)
							mt_load_int64(b, dtype, (int64_t) (p0 + p) * n + j0 + j);
				for (int i = 0; i < mb; i++)
				{
					uint64_t   *ci = acc + (size_t) i * EXACT_NB;

					for (int p = 0; p < kb; p++)
						arow[p] = (uint64_t)
							mt_load_int64(a, dtype, (int64_t) (i0 + i) * k + p0 + p);
					for (int p = 0; p < kb; p++)
					{
						uint64_t	av = arow[p];
						const uint64_t *bp = bblk + (size_t) p * EXACT_NB;

						if (av == 0)
							continue;
						for (int j = 0; j < nb; j++)
							ci[j] += av * bp[j];
					}
				}
			}
			for (int i = 0; i < mb; i++)
				for (int j = 0; j < nb; j++)
					store_exact(dtype, c, (size_t) (i0 + i) * n + j0 + j,
								acc[(size_t) i * EXACT_NB + j]);
		}
	}
	free(acc);
	free(bblk);
	free(arow);
	return MT_OK;
}
