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
 * Batched product: A is [batch_a..., m, k], B is [batch_b..., k, n], C is
 * [batch..., m, n] where batch is the broadcast of batch_a and batch_b
 * (computed by the caller with mt_broadcast_shape).
 */
extern MtStatus mt_matmul_batched(MtDtype dtype, int m, int n, int k,
								  int batch_ndim, const int64_t *batch_dims,
								  int batch_ndim_a, const int32_t *batch_dims_a,
								  int batch_ndim_b, const int32_t *batch_dims_b,
								  const void *a, const void *b, void *c,
								  int threads, MtPollFn poll, void *poll_arg);

#endif							/* MARSQL_GEMM_H */
