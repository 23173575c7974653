/*
 * dispatch.c
 *	  The CPU implementations behind the dispatch table (dispatch.h).
 */
#include "dispatch.h"

#include <string.h>

MtKernelTable mt_kernels = {"none", "none", NULL};

static const MtBlas *cpu_blas;

static void
cpu_gemm(MtDtype dtype, bool trans_a, bool trans_b, bool accumulate,
		 int m, int n, int k,
		 const void *a, int lda, const void *b, int ldb, void *c, int ldc)
{
	int			ta = trans_a ? MT_CBLAS_TRANS : MT_CBLAS_NO_TRANS;
	int			tb = trans_b ? MT_CBLAS_TRANS : MT_CBLAS_NO_TRANS;

	if (m == 0 || n == 0)
		return;
	if (k == 0 && accumulate)
		return;
	if (k == 0)
	{
		/* BLAS would leave C alone with beta 0 only on some builds */
		for (int i = 0; i < m; i++)
			memset((char *) c + (size_t) i * ldc * mt_dtype_size(dtype), 0,
				   (size_t) n * mt_dtype_size(dtype));
		return;
	}
	if (dtype == MT_COMPLEX64)
	{
		const float one[2] = {1.0f, 0.0f};
		const float beta[2] = {accumulate ? 1.0f : 0.0f, 0.0f};

		cpu_blas->cgemm(MT_CBLAS_ROW_MAJOR, ta, tb, m, n, k, one, a, lda,
						b, ldb, beta, c, ldc);
	}
	else if (dtype == MT_COMPLEX128)
	{
		const double one[2] = {1.0, 0.0};
		const double beta[2] = {accumulate ? 1.0 : 0.0, 0.0};

		cpu_blas->zgemm(MT_CBLAS_ROW_MAJOR, ta, tb, m, n, k, one, a, lda,
						b, ldb, beta, c, ldc);
	}
	else if (dtype == MT_FLOAT32)
		cpu_blas->sgemm(MT_CBLAS_ROW_MAJOR, ta, tb, m, n, k, 1.0f,
						(const float *) a, lda, (const float *) b, ldb,
						accumulate ? 1.0f : 0.0f, (float *) c, ldc);
	else
		cpu_blas->dgemm(MT_CBLAS_ROW_MAJOR, ta, tb, m, n, k, 1.0,
						(const double *) a, lda, (const double *) b, ldb,
						accumulate ? 1.0 : 0.0, (double *) c, ldc);
}

void
mt_kernels_use_cpu(const MtBlas *blas)
{
	cpu_blas = blas;
	mt_kernels.device = "cpu";
	mt_kernels.library = blas->path;
	mt_kernels.gemm = cpu_gemm;
}
