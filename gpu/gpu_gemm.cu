/*
 * gpu_gemm.cu
 *	  Row-major matrix products on cuBLAS.  Operands live in host memory;
 *	  when A, B and C together fit in the call's budget they go over once,
 *	  otherwise C is cut into tiles and the inner dimension into panels,
 *	  each tile accumulated on the device from panel products and copied
 *	  back once.  A row-major product is the column-major product of the
 *	  transposes, so cuBLAS computes C^T = op(B)^T op(A)^T.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gpu_internal.h"

/* tiles are multiples of this (and at least this) when the whole does not fit */
#define TILE_QUANTUM 128

typedef struct GemmJob
{
	MgCall	   *call;
	size_t		elem;
	bool		trans_a;
	bool		trans_b;
	bool		accumulate;
	int			m,
				n,
				k;
	const char *a;
	int			lda;
	const char *b;
	int			ldb;
	char	   *c;
	int			ldc;
	int			tm,
				tn,
				tk;
	void	   *da;				/* tm x tk (or tk x tm) */
	void	   *db;				/* tk x tn (or tn x tk) */
	void	   *dc;				/* tm x tn */
	cudaEvent_t ev[4];
} GemmJob;

static int
round_down(size_t x, int limit)
{
	size_t		r = x / TILE_QUANTUM * TILE_QUANTUM;

	return r >= (size_t) limit ? limit : (int) r;
}

/* tile sizes within budget bytes; false when not even one quantum fits */
static bool
plan_tiles(GemmJob *j, size_t budget)
{
	size_t		elems = budget / j->elem;
	size_t		whole = (size_t) j->m * j->k + (size_t) j->k * j->n + (size_t) j->m * j->n;
	size_t		side;

	if (whole <= elems)
	{
		j->tm = j->m;
		j->tn = j->n;
		j->tk = j->k;
		return true;
	}
	side = (size_t) sqrt((double) elems / 3.0);
	if (side < TILE_QUANTUM)
		return false;
	j->tm = round_down(side, j->m);
	j->tn = round_down(side, j->n);
	/* what is left goes to the inner dimension: fewer panels, fewer passes */
	j->tk = round_down((elems - (size_t) j->tm * j->tn) / ((size_t) j->tm + j->tn), j->k);
	return j->tk >= 1;
}

static cudaError_t
copy_in(GemmJob *j, void *dst, const char *src, int ld, int rows, int cols)
{
	gpu_state.stats.bytes_to_device += (uint64_t) rows * cols * j->elem;
	return cudaMemcpy2DAsync(dst, cols * j->elem, src, (size_t) ld * j->elem,
							 cols * j->elem, rows, cudaMemcpyHostToDevice,
							 gpu_state.stream);
}

static cublasStatus_t
tile_product(GemmJob *j, int mm, int nn, int kk, bool first_panel)
{
	cublasOperation_t op_a = j->trans_a ? CUBLAS_OP_T : CUBLAS_OP_N;
	cublasOperation_t op_b = j->trans_b ? CUBLAS_OP_T : CUBLAS_OP_N;
	int			ld_a = j->trans_a ? mm : kk;
	int			ld_b = j->trans_b ? kk : nn;
	bool		overwrite = first_panel && !j->accumulate;

	if (j->elem == 4)
	{
		float		one = 1.0f,
					beta = overwrite ? 0.0f : 1.0f;

		return cublasSgemm(gpu_state.blas, op_b, op_a, nn, mm, kk, &one,
						   (const float *) j->db, ld_b, (const float *) j->da, ld_a,
						   &beta, (float *) j->dc, nn);
	}
	else
	{
		double		one = 1.0,
					beta = overwrite ? 0.0 : 1.0;

		return cublasDgemm(gpu_state.blas, op_b, op_a, nn, mm, kk, &one,
						   (const double *) j->db, ld_b, (const double *) j->da, ld_a,
						   &beta, (double *) j->dc, nn);
	}
}

/* one tile of C: rows [i0, i0 + mm), columns [j0, j0 + nn) */
static MgStatus
run_tile(GemmJob *j, int i0, int j0, int mm, int nn, int *a_row, int *a_panel)
{
	cudaError_t e;
	cublasStatus_t s;
	char	   *c_tile = j->c + ((size_t) i0 * j->ldc + j0) * j->elem;

	if (j->accumulate)
	{
		e = cudaMemcpy2DAsync(j->dc, nn * j->elem, c_tile, (size_t) j->ldc * j->elem,
							  nn * j->elem, mm, cudaMemcpyHostToDevice, gpu_state.stream);
		if (e != cudaSuccess)
			return gpu_fail(j->call, "could not copy a product's output to the device", e);
		gpu_state.stats.bytes_to_device += (uint64_t) mm * nn * j->elem;
	}
	for (int k0 = 0; k0 < j->k; k0 += j->tk)
	{
		int			kk = j->k - k0 < j->tk ? j->k - k0 : j->tk;

		if (k0 > 0 && gpu_canceled(j->call))
			return MG_ERR_CANCELED;
		cudaEventRecord(j->ev[0], gpu_state.stream);
		/* the A panel is reused while only the column of C moves */
		if (*a_row != i0 || *a_panel != k0)
		{
			e = j->trans_a
				? copy_in(j, j->da, j->a + ((size_t) k0 * j->lda + i0) * j->elem, j->lda, kk, mm)
				: copy_in(j, j->da, j->a + ((size_t) i0 * j->lda + k0) * j->elem, j->lda, mm, kk);
			if (e != cudaSuccess)
				return gpu_fail(j->call, "could not copy an operand to the device", e);
			*a_row = i0;
			*a_panel = k0;
		}
		e = j->trans_b
			? copy_in(j, j->db, j->b + ((size_t) j0 * j->ldb + k0) * j->elem, j->ldb, nn, kk)
			: copy_in(j, j->db, j->b + ((size_t) k0 * j->ldb + j0) * j->elem, j->ldb, kk, nn);
		if (e != cudaSuccess)
			return gpu_fail(j->call, "could not copy an operand to the device", e);
		cudaEventRecord(j->ev[1], gpu_state.stream);
		s = tile_product(j, mm, nn, kk, k0 == 0);
		if (s != CUBLAS_STATUS_SUCCESS)
			return gpu_fail_blas(j->call, "cuBLAS refused the product", s);
		cudaEventRecord(j->ev[2], gpu_state.stream);
		e = cudaEventSynchronize(j->ev[2]);
		if (e != cudaSuccess)
			return gpu_fail(j->call, "the product failed on the device", e);
		gpu_add_elapsed(&gpu_state.stats.transfer_ms, j->ev[0], j->ev[1]);
		gpu_add_elapsed(&gpu_state.stats.compute_ms, j->ev[1], j->ev[2]);
	}
	cudaEventRecord(j->ev[0], gpu_state.stream);
	e = cudaMemcpy2DAsync(c_tile, (size_t) j->ldc * j->elem, j->dc, nn * j->elem,
						  nn * j->elem, mm, cudaMemcpyDeviceToHost, gpu_state.stream);
	if (e == cudaSuccess)
		e = cudaEventRecord(j->ev[1], gpu_state.stream);
	if (e == cudaSuccess)
		e = cudaStreamSynchronize(gpu_state.stream);
	if (e != cudaSuccess)
		return gpu_fail(j->call, "could not copy a product back from the device", e);
	gpu_add_elapsed(&gpu_state.stats.transfer_ms, j->ev[0], j->ev[1]);
	gpu_state.stats.bytes_from_device += (uint64_t) mm * nn * j->elem;
	return MG_OK;
}

static MgStatus
run_tiles(GemmJob *j)
{
	cudaError_t e;
	int			a_row = -1,
				a_panel = -1;

	for (int i = 0; i < 4; i++)
	{
		e = cudaEventCreate(&j->ev[i]);
		if (e != cudaSuccess)
			return gpu_fail(j->call, "could not create a CUDA event", e);
	}
	e = cudaMalloc(&j->da, (size_t) j->tm * j->tk * j->elem);
	if (e == cudaSuccess)
		e = cudaMalloc(&j->db, (size_t) j->tk * j->tn * j->elem);
	if (e == cudaSuccess)
		e = cudaMalloc(&j->dc, (size_t) j->tm * j->tn * j->elem);
	if (e != cudaSuccess)
		return gpu_fail(j->call, "could not allocate device memory for a product", e);

	for (int i0 = 0; i0 < j->m; i0 += j->tm)
		for (int j0 = 0; j0 < j->n; j0 += j->tn)
		{
			MgStatus	status;

			if ((i0 > 0 || j0 > 0) && gpu_canceled(j->call))
				return MG_ERR_CANCELED;
			status = run_tile(j, i0, j0, j->m - i0 < j->tm ? j->m - i0 : j->tm,
							  j->n - j0 < j->tn ? j->n - j0 : j->tn, &a_row, &a_panel);
			if (status != MG_OK)
				return status;
		}
	return MG_OK;
}

MgStatus
gpu_gemm(MgCall *call, int elem, bool trans_a, bool trans_b, bool accumulate,
		 int m, int n, int k, const void *a, int lda, const void *b, int ldb,
		 void *c, int ldc)
{
	GemmJob		j;
	MgStatus	status;

	if (!gpu_ready(call))
		return MG_ERR_NO_DEVICE;
	if ((elem != 4 && elem != 8) || m < 0 || n < 0 || k < 0)
		return gpu_fail_argument(call, "a product needs float32 or float64 operands and extents >= 0");
	gpu_state.stats.calls++;
	if (m == 0 || n == 0 || (k == 0 && accumulate))
		return MG_OK;
	if (k == 0)
	{
		for (int i = 0; i < m; i++)
			memset((char *) c + (size_t) i * ldc * elem, 0, (size_t) n * elem);
		return MG_OK;
	}

	memset(&j, 0, sizeof(j));
	j.call = call;
	j.elem = elem;
	j.trans_a = trans_a;
	j.trans_b = trans_b;
	j.accumulate = accumulate;
	j.m = m;
	j.n = n;
	j.k = k;
	j.a = (const char *) a;
	j.lda = lda;
	j.b = (const char *) b;
	j.ldb = ldb;
	j.c = (char *) c;
	j.ldc = ldc;
	if (!plan_tiles(&j, gpu_budget(call)))
	{
		snprintf(call->err, sizeof(call->err),
				 "not even %d x %d tiles of the product fit in the device memory this call may use",
				 TILE_QUANTUM, TILE_QUANTUM);
		return MG_ERR_MEMORY;
	}
	status = run_tiles(&j);

	/* every path ends here: nothing stays on the device */
	if (status != MG_OK)
		cudaStreamSynchronize(gpu_state.stream);
	cudaFree(j.da);
	cudaFree(j.db);
	cudaFree(j.dc);
	for (int i = 0; i < 4; i++)
		if (j.ev[i] != NULL)
			cudaEventDestroy(j.ev[i]);
	(void) cudaGetLastError();
	return status;
}
