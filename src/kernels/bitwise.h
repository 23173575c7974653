/*
 * bitwise.h
 *	  numpy's bit-twiddling ufuncs and routines on raw buffers: and, or,
 *	  xor, shifts, invert and bitwise_count of integers, packbits and
 *	  unpackbits, binary_repr.
 *
 *	  The elementwise kernels work on int64 lanes: the caller widens each
 *	  operand of an integer dtype (exactly) to int64, names the dtype's
 *	  width and signedness, and narrows the results back (they are already
 *	  wrapped to the dtype, so the narrowing is exact).  Results are
 *	  numpy's: shifts by a count at or beyond the width, or by a negative
 *	  count, give 0 (left) or the sign (right: 0 or -1), as numpy's
 *	  npy_lshift/npy_rshift; bitwise_count is the popcount of |x|.  Pure C.
 */
#ifndef MARSQL_BITWISE_H
#define MARSQL_BITWISE_H

#include "tensor_layout.h"

typedef enum MtBitOp
{
	MT_BIT_AND,
	MT_BIT_OR,
	MT_BIT_XOR,
	MT_BIT_LEFT_SHIFT,
	MT_BIT_RIGHT_SHIFT
} MtBitOp;

/* The lanes of an integer dtype: its width in bits, whether unsigned. */
typedef struct MtIntLane
{
	int			bits;
	bool		is_unsigned;
} MtIntLane;

/* the lane of bool/int8..int64/uint8 (bool: 1-bit unsigned) */
extern MtIntLane mt_int_lane(MtDtype dtype);

/* v wrapped to the lane: two's complement, sign-extended (or zero-extended
 * for unsigned lanes) back to int64 */
extern int64_t mt_int_wrap(uint64_t v, MtIntLane lane);

/* c[i] = a[i] op b[i] for n lanes of the same shape */
extern MtStatus mt_bitwise(MtBitOp op, MtIntLane lane, const int64_t *a,
						   const int64_t *b, int64_t *c, int64_t n,
						   MtPollFn poll, void *poll_arg);

/* dst[i] = ~src[i] (bool: logical not) */
extern MtStatus mt_invert(MtIntLane lane, const int64_t *src, int64_t *dst,
						  int64_t n, MtPollFn poll, void *poll_arg);

/* dst[i] = number of one bits of |src[i]| (numpy 2's bitwise_count) */
extern MtStatus mt_bitwise_count(const int64_t *src, uint8_t *dst, int64_t n,
								 MtPollFn poll, void *poll_arg);

/*
 * packbits along an axis: src is outer x len x inner truth values (0 or
 * 1), dst outer x ceil(len / 8) x inner bytes; little selects numpy's
 * bitorder='little' (first element in the lowest bit).
 */
extern MtStatus mt_packbits(const uint8_t *src, int64_t outer, int64_t len,
							int64_t inner, bool little, uint8_t *dst,
							MtPollFn poll, void *poll_arg);

/*
 * unpackbits along an axis: src is outer x len x inner bytes, dst outer x
 * count x inner bits (0 or 1); bits past len * 8 are 0 (numpy pads).
 */
extern MtStatus mt_unpackbits(const uint8_t *src, int64_t outer, int64_t len,
							  int64_t inner, int64_t count, bool little,
							  uint8_t *dst, MtPollFn poll, void *poll_arg);

/*
 * numpy.binary_repr(num, width) into buf (at least max(width, 65) + 2
 * bytes): without a
 * width (width < 0), |num| in binary with a '-' for a negative num; with a
 * width, num >= 0 zero-padded to width digits, num < 0 as its two's
 * complement in width bits.  Returns false when width is too small for
 * the value (numpy: a DeprecationWarning and a longer string; marsql
 * refuses, as numpy's announced error).
 */
extern bool mt_binary_repr(int64_t num, int width, char *buf);

#endif							/* MARSQL_BITWISE_H */
