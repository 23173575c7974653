/*
 * gpu_internal.h
 *	  What the CUDA sources of marsql_gpu.so share: the process's device
 *	  state (context, stream, cuBLAS handle), error reporting into an
 *	  MgCall, the memory a call may take, timed copies and the counters.
 *	  Never included by the backend.
 */
#ifndef MARSQL_GPU_INTERNAL_H
#define MARSQL_GPU_INTERNAL_H

#include <cublas_v2.h>
#include <cuda_runtime.h>

#include "kernels/gpu_api.h"

typedef struct GpuState
{
	int			ordinal;		/* -1 until open succeeds */
	cudaStream_t stream;		/* kernels, cuBLAS and copies to C */
	cudaStream_t copy_stream;	/* copies overlapping the kernels */
	cublasHandle_t blas;
	MgStats		stats;
} GpuState;

extern GpuState gpu_state;

/* false (and call->err set) unless the device is open */
extern bool gpu_ready(MgCall *call);

/* fills call->err with what CUDA (or cuBLAS) said; returns the status to
 * report: MG_ERR_MEMORY for an allocation failure, MG_ERR_CUDA otherwise */
extern MgStatus gpu_fail(MgCall *call, const char *what, cudaError_t e);
extern MgStatus gpu_fail_blas(MgCall *call, const char *what, cublasStatus_t s);
extern MgStatus gpu_fail_argument(MgCall *call, const char *message);

/* device bytes a call may allocate: the limit, or most of what is free */
extern size_t gpu_budget(const MgCall *call);

/* true when the caller wants the call to stop */
static inline bool
gpu_canceled(MgCall *call)
{
	return call->poll != NULL && call->poll(call->poll_arg);
}

/* device time between two recorded events, added to a counter */
extern void gpu_add_elapsed(double *counter, cudaEvent_t from, cudaEvent_t to);

/* blocks per grid for n elements at threads per block, within CUDA's limit */
extern unsigned int gpu_grid(int64_t n, int threads);

#define GPU_THREADS 256

/* the entries of the table, one file each */
extern MgStatus gpu_gemm(MgCall *call, int elem, bool trans_a, bool trans_b,
						 bool accumulate, int m, int n, int k,
						 const void *a, int lda, const void *b, int ldb,
						 void *c, int ldc);
extern MgStatus gpu_knn(MgCall *call, const MgKnnProblem *p, MgKnnCandidates *out);
extern MgStatus gpu_binary(MgCall *call, int op, int elem, int64_t n,
						   const void *a, int64_t na, const void *b, int64_t nb,
						   void *c);
extern MgStatus gpu_reduce(MgCall *call, int op, int elem, int64_t n,
						   const void *a, double *result);

#endif							/* MARSQL_GPU_INTERNAL_H */
