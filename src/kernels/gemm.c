/*
 * gemm.c
 *	  Panelled and batched matrix products (see gemm.h).
 *
 *	  A single BLAS call cannot be interrupted, so a large product is cut
 *	  into panels along its larger output dimension.  Each panel re-packs
 *	  the shared operand, which costs a few percent at most when a panel
 *	  holds almost half a second of work; smaller products run as one call.
 *
 *	  Also the exact product of bool and the integer dtypes, which BLAS
 *	  has no routine for: a blocked loop, built twice (portable, and with
 *	  AVX2 where the CPU has it, as the distance loops are).
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
 * B keep an accumulator tile in L1/L2; each EXACT_KB-row slab of the B
 * block is widened once per row block (an overhead of 1/EXACT_MB of the
 * multiply-adds).  Arithmetic is unsigned so that overflow wraps (defined
 * in C); the low bits stored are those numpy's wrapping loop in the dtype
 * itself would give, since both are exact modulo 2^bits.  So dtypes of up
 * to 32 bits accumulate in uint32_t (twice the SIMD lanes of uint64_t) and
 * int64 in uint64_t.  bool: a count of 1*1 products (below 2^31, as k
 * is), nonzero is true.  The innermost loop always runs EXACT_NB long
 * (the B slab is zero past the block's columns) over restrict pointers,
 * so that the compiler vectorizes it at -O2.
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

#define EXACT_GEMM(ACC, NAME, ATTR) \
ATTR static MtStatus \
NAME(MtDtype dtype, int m, int n, int k, const void *a, const void *b, \
	 void *c, MtPollFn poll, void *poll_arg) \
{ \
	ACC		   *acc = malloc(sizeof(ACC) * EXACT_MB * EXACT_NB); \
	ACC		   *bblk = malloc(sizeof(ACC) * EXACT_KB * EXACT_NB); \
	ACC		   *arow = malloc(sizeof(ACC) * EXACT_KB); \
	MtStatus	status = MT_OK; \
 \
	if (acc == NULL || bblk == NULL || arow == NULL) \
		status = MT_ERR_MEMORY; \
	for (int i0 = 0; i0 < m && status == MT_OK; i0 += EXACT_MB) \
	{ \
		int			mb = m - i0 < EXACT_MB ? m - i0 : EXACT_MB; \
 \
		for (int j0 = 0; j0 < n && status == MT_OK; j0 += EXACT_NB) \
		{ \
			int			nb = n - j0 < EXACT_NB ? n - j0 : EXACT_NB; \
 \
			if (poll != NULL && poll(poll_arg)) \
			{ \
				status = MT_ERR_CANCELED; \
				break; \
			} \
			memset(acc, 0, sizeof(ACC) * EXACT_MB * EXACT_NB); \
			for (int p0 = 0; p0 < k; p0 += EXACT_KB) \
			{ \
				int			kb = k - p0 < EXACT_KB ? k - p0 : EXACT_KB; \
 \
				/* columns past nb stay zero: the inner loop runs EXACT_NB long */ \
				if (nb < EXACT_NB) \
					memset(bblk, 0, sizeof(ACC) * EXACT_KB * EXACT_NB); \
				for (int p = 0; p < kb; p++) \
					for (int j = 0; j < nb; j++) \
						bblk[(size_t) p * EXACT_NB + j] = (ACC) \
							mt_load_int64(b, dtype, (int64_t) (p0 + p) * n + j0 + j); \
				for (int i = 0; i < mb; i++) \
				{ \
					ACC		   *restrict ci = acc + (size_t) i * EXACT_NB; \
 \
					for (int p = 0; p < kb; p++) \
						arow[p] = (ACC) \
							mt_load_int64(a, dtype, (int64_t) (i0 + i) * k + p0 + p); \
					for (int p = 0; p < kb; p++) \
					{ \
						ACC			av = arow[p]; \
						const ACC  *restrict bp = bblk + (size_t) p * EXACT_NB; \
 \
						if (av == 0) \
							continue; \
						/* a fixed trip count, no aliasing: vectorized */ \
						for (int j = 0; j < EXACT_NB; j++) \
							ci[j] += av * bp[j]; \
					} \
				} \
			} \
			for (int i = 0; i < mb; i++) \
				for (int j = 0; j < nb; j++) \
					store_exact(dtype, c, (size_t) (i0 + i) * n + j0 + j, \
								(uint64_t) acc[(size_t) i * EXACT_NB + j]); \
		} \
	} \
	free(acc); \
	free(bblk); \
	free(arow); \
	return status; \
}

bool		mt_gemm_exact_portable = false;

EXACT_GEMM(uint32_t, gemm_exact_32, )
EXACT_GEMM(uint64_t, gemm_exact_64, )
#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_EXACT_AVX2 1
/* the same loops with 8 (4) lanes per instruction, where the CPU has AVX2 */
EXACT_GEMM(uint32_t, gemm_exact_32_avx2, __attribute__((target("avx2"))))
EXACT_GEMM(uint64_t, gemm_exact_64_avx2, __attribute__((target("avx2"))))
#endif

MtStatus
mt_gemm_exact(MtDtype dtype, int m, int n, int k, const void *a,
			  const void *b, void *c, MtPollFn poll, void *poll_arg)
{
	if (m == 0 || n == 0)
		return MT_OK;
#ifdef HAVE_EXACT_AVX2
	if (!mt_gemm_exact_portable && __builtin_cpu_supports("avx2"))
		return dtype == MT_INT64
			? gemm_exact_64_avx2(dtype, m, n, k, a, b, c, poll, poll_arg)
			: gemm_exact_32_avx2(dtype, m, n, k, a, b, c, poll, poll_arg);
#endif
	if (dtype == MT_INT64)
		return gemm_exact_64(dtype, m, n, k, a, b, c, poll, poll_arg);
	return gemm_exact_32(dtype, m, n, k, a, b, c, poll, poll_arg);
}
