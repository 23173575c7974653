/*
 * math_extra.h
 *	  numpy's remaining elementwise math on raw buffers: gcd, lcm and the
 *	  integer reciprocal on int64 lanes (see bitwise.h's MtIntLane), and
 *	  float functions on double lanes (heaviside, nextafter, spacing, modf,
 *	  frexp, ldexp, nan_to_num, sinc, i0).
 *
 *	  The float kernels take values widened exactly to double and give
 *	  results that the caller rounds once to the result dtype; where the
 *	  answer depends on the dtype's precision (nextafter, spacing) the
 *	  kernel is told the dtype and steps in it (float16 by its bits, as
 *	  numpy's npy_half_* functions).  Pure C.
 */
#ifndef MARSQL_MATH_EXTRA_H
#define MARSQL_MATH_EXTRA_H

#include "bitwise.h"

typedef enum MtIntMathOp
{
	MT_INT_GCD,
	MT_INT_LCM
} MtIntMathOp;

/* c[i] = gcd/lcm(a[i], b[i]) as numpy computes them in the lane (the
 * result of a signed lane is |..| wrapped: gcd(INT_MIN, 0) is INT_MIN) */
extern MtStatus mt_int_math(MtIntMathOp op, MtIntLane lane, const int64_t *a,
							const int64_t *b, int64_t *c, int64_t n,
							MtPollFn poll, void *poll_arg);

/* numpy's integer reciprocal: the C conversion of 1.0 / x to the lane
 * (1 and -1 keep, other nonzero values give 0, 0 gives the lane's minimum
 * for 32/64 bits and 0 for narrower lanes, as numpy on x86-64) */
extern MtStatus mt_int_reciprocal(MtIntLane lane, const int64_t *src,
								  int64_t *dst, int64_t n, MtPollFn poll,
								  void *poll_arg);

typedef enum MtFloatMathOp
{
	MT_FLOAT_HEAVISIDE,			/* binary: 0, h0 at 0, 1; NaN stays */
	MT_FLOAT_NEXTAFTER,			/* binary, in the dtype */
	MT_FLOAT_SPACING,			/* unary, in the dtype */
	MT_FLOAT_SINC,				/* unary: sin(pi x) / (pi x), 1 at 0 */
	MT_FLOAT_I0					/* unary: modified Bessel I0 (Cephes) */
} MtFloatMathOp;

/* dtype: MT_FLOAT16, MT_FLOAT32 or MT_FLOAT64, the dtype of the result;
 * b is NULL for unary ops */
extern MtStatus mt_float_math(MtFloatMathOp op, MtDtype dtype, const double *a,
							  const double *b, double *c, int64_t n,
							  MtPollFn poll, void *poll_arg);

/* modf: fractional and integral parts with x's sign */
extern MtStatus mt_modf(const double *x, double *frac, double *integral,
						int64_t n, MtPollFn poll, void *poll_arg);

/* frexp: mantissa in [0.5, 1) and exponent (0 and 0 for 0, inf, NaN) */
extern MtStatus mt_frexp(const double *x, double *mantissa, int32_t *exponent,
						 int64_t n, MtPollFn poll, void *poll_arg);

/* ldexp: x * 2^e (e clamped to +-100000, where every result is 0 or inf) */
extern MtStatus mt_ldexp(const double *x, const int64_t *e, double *out,
						 int64_t n, MtPollFn poll, void *poll_arg);

/* nan_to_num on n doubles (for complex data, 2n parts) */
extern MtStatus mt_nan_to_num(const double *x, double *out, int64_t n,
							  double nan, double posinf, double neginf,
							  MtPollFn poll, void *poll_arg);

/* sinc of complex values: pairs (re, im) */
extern MtStatus mt_sinc_complex(const double *x, double *out, int64_t n,
								MtPollFn poll, void *poll_arg);

/*
 * numpy.unwrap along an axis of an outer x len x inner block of doubles:
 * differences larger than discont are reduced modulo period.
 */
extern MtStatus mt_unwrap(const double *p, double *out, int64_t outer,
						  int64_t len, int64_t inner, double discont,
						  double period, MtPollFn poll, void *poll_arg);

/*
 * numpy.interp: n points x against the increasing sample points xp
 * (nxp >= 1) with values fp (ncomp = 1, or 2 for complex pairs); left and
 * right (ncomp values each) outside the samples.  numpy's
 * arr_interp: binary search, the slope formula and its NaN fallbacks.
 */
extern MtStatus mt_interp(const double *x, int64_t n, const double *xp,
						  const double *fp, int64_t nxp, int ncomp,
						  const double *left, const double *right, double *out,
						  MtPollFn poll, void *poll_arg);

/* numpy.i0 of one value */
extern double mt_bessel_i0(double x);

#endif							/* MARSQL_MATH_EXTRA_H */
