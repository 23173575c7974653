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
	MT_REDUCE_ARGMIN,			/* result is float64 indices */
	MT_REDUCE_ARGMAX,
	MT_REDUCE_VAR,				/* param: ddof */
	MT_REDUCE_STD,
	MT_REDUCE_NORM_P,			/* param: p, (sum |x|^p)^(1/p); p = 1, 2 exact */
	MT_REDUCE_NORM_INF,			/* max |x| */
	MT_REDUCE_NORM_NEG_INF,		/* min |x| */
	MT_REDUCE_NORM_ZERO			/* count of nonzero elements */
} MtReduceOp;

/* True for operations with no value on an empty axis (min, max, arg*, inf norms). */
extern bool mt_reduce_needs_elements(MtReduceOp op);

/*
 * dst gets outer * inner results, in the source dtype (float64 for argmin
 * and argmax).  work must hold 2 * inner doubles and iwork inner int64s.
 */
extern MtStatus mt_reduce(MtReduceOp op, MtDtype dtype, const void *src,
						  int64_t outer, int64_t len, int64_t inner,
						  double param, void *dst, MtDtype dst_dtype,
						  double *work, int64_t *iwork,
						  MtPollFn poll, void *poll_arg);

/* numpy's pairwise_sum of n elements stride apart (in elements). */
extern double mt_pairwise_sum_f64(const double *a, int64_t n, int64_t stride);
extern float mt_pairwise_sum_f32(const float *a, int64_t n, int64_t stride);

/* Running sums along the axis, accumulated in the source dtype as numpy. */
extern MtStatus mt_cumsum(MtDtype dtype, const void *src, int64_t outer,
						  int64_t len, int64_t inner, void *dst,
						  MtPollFn poll, void *poll_arg);

#endif							/* MARSQL_REDUCE_H */
