/*
 * complex_parts.h
 *	  The parts of complex elements: numpy's real, imag, conj and angle
 *	  over complex64/complex128 buffers.  Pure C, no postgres.h.
 */
#ifndef MARSQL_COMPLEX_PARTS_H
#define MARSQL_COMPLEX_PARTS_H

#include <stdbool.h>

#include "tensor_layout.h"

typedef enum MtComplexPart
{
	MT_PART_REAL,				/* -> the part dtype (float32 / float64) */
	MT_PART_IMAG,				/* -> the part dtype */
	MT_PART_ANGLE,				/* atan2(imag, real) -> the part dtype */
	MT_PART_CONJ				/* -> the same complex dtype */
} MtComplexPart;

/* The real dtype of a complex dtype's parts. */
static inline MtDtype
mt_complex_part_dtype(MtDtype dtype)
{
	return dtype == MT_COMPLEX64 ? MT_FLOAT32 : MT_FLOAT64;
}

/* dst[i] = part(src[i]) for n complex elements; polls between blocks. */
extern MtStatus mt_complex_part(MtComplexPart part, MtDtype dtype,
								const void *src, void *dst, int64_t n,
								MtPollFn poll, void *poll_arg);

/*
 * numpy.angle of n real float32 or float64 elements: atan2(0, x), so 0 for
 * x >= +0, pi for x < 0 and for -0, NaN for NaN; in degrees when deg.
 */
extern MtStatus mt_real_angle(MtDtype dtype, const void *src, void *dst,
							  int64_t n, bool deg, MtPollFn poll,
							  void *poll_arg);

/* Multiplies n complex-part results (float32/float64) by 180/pi. */
extern void mt_radians_to_degrees(MtDtype dtype, void *data, int64_t n);

#endif							/* MARSQL_COMPLEX_PARTS_H */
