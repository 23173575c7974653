/*
 * reduce.h
 *	  Reductions along one axis of a C-order buffer seen as
 *	  [outer, len, inner]: the axis has extent len, and everything before
 *	  and after it is folded into outer and inner (a reduction over all
 *	  elements is outer = inner = 1).  Sums (sum, mean, var, std, norm)
 *	  and products are computed as numpy computes them, in the data's
 *	  dtype and, for sums, in numpy's order: pairwise along the last axis,
 *	  row after row along any other, so results agree bit for bit (float32
 *	  data reduced into a float64 dst, as chunked partial states are, is
 *	  computed in double).  Results follow numpy's NaN rules (min, max,
 *	  argmin and argmax propagate NaN).
 */
#ifndef MARSQL_REDUCE_H
#define MARSQL_REDUCE_H

#include "tensor_layout.h"

typedef enum MtReduceOp
{
	MT_REDUCE_SUM,
	MT_REDUCE_PROD,
	MT_REDUCE_MEAN,
	MT_REDUCE_MIN,
	MT_REDUCE_MAX,
	MT_REDUCE_ARGMIN,			/* indices: into an int64 (or float64) dst */
	MT_REDUCE_ARGMAX,
	MT_REDUCE_VAR,				/* param: ddof */
	MT_REDUCE_STD,
	MT_REDUCE_NORM_P,			/* param: p, (sum |x|^p)^(1/p); p = 1, 2 exact */
	MT_REDUCE_NORM_INF,			/* max |x| */
	MT_REDUCE_NORM_NEG_INF,		/* min |x| */
	MT_REDUCE_NORM_ZERO,		/* count of nonzero elements */
	MT_REDUCE_ANY,				/* bool: some element is nonzero (NaN is) */
	MT_REDUCE_ALL,				/* bool: every element is nonzero */
	MT_REDUCE_COUNT_NONZERO		/* int64 count of nonzero elements */
} MtReduceOp;

/* True for operations with no value on an empty axis (min, max, arg*, inf norms). */
extern bool mt_reduce_needs_elements(MtReduceOp op);

/*
 * dst gets outer * inner results in dst_dtype, which the caller picks by
 * numpy's rules (the glue's reduce_dtype):
 * - sum, prod of bool and integers: int64, wrapping; of float16: float16
 *   accumulated in float32; of complex: complex, part by part;
 * - mean, var, std of bool and integers: float64 (numpy's dtype='f8'); of
 *   float16: float16 computed in float32; mean of complex: complex;
 * - min, max: the source dtype (exact for integers, NaN wins for floats);
 * - argmin, argmax: int64 (float64 accepted for old callers);
 * - any, all: bool; count_nonzero: int64 (every dtype, NaN is nonzero).
 * Float sources also reduce into a float64 dst (chunked partial states).
 * Complex: sum, prod, mean in the dtype; min, max, argmin, argmax in
 * numpy's lexicographic order (NaN wins); var and std real (float32 for
 * complex64); no norms.
 * work must hold 2 * inner doubles and iwork inner int64s.
 */
extern MtStatus mt_reduce(MtReduceOp op, MtDtype dtype, const void *src,
						  int64_t outer, int64_t len, int64_t inner,
						  double param, void *dst, MtDtype dst_dtype,
						  double *work, int64_t *iwork,
						  MtPollFn poll, void *poll_arg);

/* numpy's pairwise_sum of n elements stride apart (in elements). */
extern double mt_pairwise_sum_f64(const double *a, int64_t n, int64_t stride);
extern float mt_pairwise_sum_f32(const float *a, int64_t n, int64_t stride);

/* Running sums along the axis, accumulated in the source dtype as numpy
 * (a float dtype: dst has the same dtype). */
extern MtStatus mt_cumsum(MtDtype dtype, const void *src, int64_t outer,
						  int64_t len, int64_t inner, void *dst,
						  MtPollFn poll, void *poll_arg);

/*
 * numpy's cumsum (prod false) and cumprod (prod true) along the axis:
 * bool and integers into an int64 dst, wrapping; float16 into float16,
 * computed in float32 and rounded at every step as numpy's half loops;
 * float32, float64 and complex in their own dtype.
 */
extern MtStatus mt_accumulate(bool prod, MtDtype dtype, const void *src,
							  int64_t outer, int64_t len, int64_t inner,
							  void *dst, MtDtype dst_dtype,
							  MtPollFn poll, void *poll_arg);

#endif							/* MARSQL_REDUCE_H */
