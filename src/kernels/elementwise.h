/*
 * elementwise.h
 *	  Elementwise math on raw buffers of one dtype: unary functions, and
 *	  binary operations with numpy broadcasting.  float32 data is computed
 *	  in float32 as numpy does; results follow IEEE 754 (inf and NaN, no
 *	  errors).  Long loops poll for cancels every MT_POLL_ELEMENTS.
 */
#ifndef MARSQL_ELEMENTWISE_H
#define MARSQL_ELEMENTWISE_H

#include "tensor_layout.h"

#define MT_POLL_ELEMENTS ((int64_t) 1 << 20)

typedef enum MtUnaryOp
{
	MT_UNARY_NEG,
	MT_UNARY_ABS,
	MT_UNARY_SQRT,
	MT_UNARY_EXP,
	MT_UNARY_LOG,
	MT_UNARY_LOG1P,
	MT_UNARY_EXPM1,
	MT_UNARY_SIN,
	MT_UNARY_COS,
	MT_UNARY_TAN,
	MT_UNARY_TANH,
	MT_UNARY_SIGMOID,
	MT_UNARY_RELU,
	MT_UNARY_FLOOR,
	MT_UNARY_CEIL,
	MT_UNARY_SIGN,
	MT_UNARY_SQUARE
} MtUnaryOp;

typedef enum MtBinaryOp
{
	MT_BINARY_ADD,
	MT_BINARY_SUB,
	MT_BINARY_MUL,
	MT_BINARY_DIV,
	MT_BINARY_POW,
	MT_BINARY_MAXIMUM,			/* NaN wins, as numpy.maximum */
	MT_BINARY_MINIMUM
} MtBinaryOp;

/* dst[i] = op(src[i]) for n elements (dst may equal src). */
extern MtStatus mt_unary(MtUnaryOp op, MtDtype dtype, const void *src,
						 void *dst, int64_t n, MtPollFn poll, void *poll_arg);

/*
 * c = a op b where c has the broadcast shape (ndim, dims) of a and b; all
 * three of one dtype.
 */
extern MtStatus mt_binary(MtBinaryOp op, MtDtype dtype, int ndim,
						  const int64_t *dims, int ndim_a, const int32_t *dims_a,
						  const void *a, int ndim_b, const int32_t *dims_b,
						  const void *b, void *c, MtPollFn poll, void *poll_arg);

/* numpy.clip: min(max(x, lo), hi), a bound of NaN meaning none. */
extern MtStatus mt_clip(MtDtype dtype, const void *src, void *dst, int64_t n,
						double lo, double hi, MtPollFn poll, void *poll_arg);

/*
 * numpy.round: halves to even on x * 10^decimals (x / 10^-decimals when
 * decimals is negative), computed in the data's dtype as numpy does.
 */
extern MtStatus mt_round(MtDtype dtype, const void *src, void *dst, int64_t n,
						 int decimals, MtPollFn poll, void *poll_arg);

#endif							/* MARSQL_ELEMENTWISE_H */
