/*
 * gemm.h
 *	  numpy matmul on raw buffers: one product split into panels so that a
 *	  cancel is noticed between them, and stacks of products whose leading
 *	  (batch) dimensions broadcast.
 */
#ifndef MARSQL_GEMM_H
#define MARSQL_GEMM_H

#include "dispatch.h"

/*
 * C[m,n] = A[m,k] B[k,n] (or C += A B with accumulate), row-major and
 * contiguous, through mt_kernels.gemm in panels of about a quarter of a
 * second each for `threads` threads; poll runs between panels.
 */
extern MtStatus mt_gemm_panels(MtDtype dtype, int m, int n, int k,
							   const void *a, const void *b, void *c,
							   bool accumulate, int threads,
							   MtPollFn poll, void *poll_arg);

/*
 * C[m,n] = A[m,k] B[k,n] for bool and the integer dtypes, exactly as numpy:
 * integers multiply and add modulo 2^bits of the dtype (wrapping), bool is
 * or-of-ands.  A blocked loop with int64 accumulators; poll runs between
 * blocks.  Never touches BLAS.
 */
extern MtStatus mt_gemm_exact(MtDtype dtype, int m, int n, int k,
							  const void *a, const void *b, void *c,
							  MtPollFn poll, void *poll_arg);

/* Tests only: true makes mt_gemm_exact take its portable loops even where
 * the CPU has AVX2, so both paths can be checked to agree. */
extern bool mt_gemm_exact_portable;

/*
 * Batched product: A is [batch_a..., m, k], B is [batch_b..., k, n], C is
 * [batch..., m, n] where batch is the broadcast of batch_a and batch_b
 * (computed by the caller with mt_broadcast_shape).  float32, float64,
 * complex64 and complex128 go through mt_kernels.gemm; bool and the
 * integer dtypes through mt_gemm_exact.
 */
extern MtStatus mt_matmul_batched(MtDtype dtype, int m, int n, int k,
								  int batch_ndim, const int64_t *batch_dims,
								  int batch_ndim_a, const int32_t *batch_dims_a,
								  int batch_ndim_b, const int32_t *batch_dims_b,
								  const void *a, const void *b, void *c,
								  int threads, MtPollFn poll, void *poll_arg);

#endif							/* MARSQL_GEMM_H */
