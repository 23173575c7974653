/*
 * distance.h
 *	  Distance loops between two vectors, accumulated in float64, with the
 *	  CPU's SIMD chosen once at load time (AVX2 + FMA where the CPU has
 *	  them, a scalar fallback everywhere).  Every exact distance marsql
 *	  computes (the `<->` family, k-NN re-ranking, the direct k-NN scan,
 *	  corpus norms) goes through mt_distance.  No postgres.h here.
 *
 *	  Tolerance: the SIMD loops add the same float64 terms (each product
 *	  formed exactly as the scalar loop forms it, or fused with FMA) in
 *	  another order, so a sum of n terms differs from the scalar one by at
 *	  most about 2 n 2^-53 times the sum of the terms' magnitudes; for
 *	  squared distances and norms (terms >= 0) that is a relative error
 *	  below 2 n 2^-53.  NaN and infinities come out the same (NaN stays
 *	  NaN, +inf stays +inf); only sums that overflow part way may differ.
 */
#ifndef MARSQL_DISTANCE_H
#define MARSQL_DISTANCE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct MtDistanceKernels
{
	const char *name;			/* "avx2+fma" or "scalar" */
	/* sum (a_i - b_i)^2 */
	double		(*l2sq_f32) (const float *a, const float *b, int64_t n);
	double		(*l2sq_f64) (const double *a, const double *b, int64_t n);
	/* sum a_i b_i */
	double		(*dot_f32) (const float *a, const float *b, int64_t n);
	double		(*dot_f64) (const double *a, const double *b, int64_t n);
	/* sum a_i^2 */
	double		(*sumsq_f32) (const float *a, int64_t n);
	double		(*sumsq_f64) (const double *a, int64_t n);
	/* a.b, a.a and b.b in one pass */
	void		(*cos_f32) (const float *a, const float *b, int64_t n, double out[3]);
	void		(*cos_f64) (const double *a, const double *b, int64_t n, double out[3]);
} MtDistanceKernels;

/* the loops in use: scalar until mt_distance_select runs */
extern MtDistanceKernels mt_distance;

/*
 * Chooses the loops: the fastest the CPU supports, or the scalar ones when
 * force_scalar.  Returns the name of those now in use.  Cheap; called at
 * load and whenever marsql.simd changes.
 */
extern const char *mt_distance_select(bool force_scalar);

/* true when this CPU (and this build) has the AVX2 + FMA loops */
extern bool mt_distance_has_simd(void);

#endif							/* MARSQL_DISTANCE_H */
