/*
 * fft.h
 *	  Pure C discrete Fourier transforms for numpy.fft: a plan per length
 *	  (mixed-radix Cooley-Tukey over radices 4, 2, 3, 5 and any small odd
 *	  prime, or Bluestein's chirp-z through a power-of-two transform when a
 *	  length has a large prime factor, so every length is O(n log n)), and
 *	  the lane drivers the SQL glue calls: complex-to-complex, real-to-
 *	  complex and complex-to-real transforms along one axis with numpy's
 *	  zero-padding or truncation to n, plus the multi-axis roll behind
 *	  fftshift.  Everything computes in double; no postgres.h.
 *
 *	  Data are interleaved (real, imaginary) doubles, as C's double complex.
 *	  A tensor transformed along an axis is seen as outer x len x inner: each
 *	  of the outer * inner lanes has len elements, inner apart.
 *
 *	  The forward transform is X[k] = sum_j x[j] exp(-2 pi i j k / n), the
 *	  inverse uses exp(+2 pi i j k / n); neither scales: the caller passes
 *	  the norm factor fct, multiplied into every output element.
 */
#ifndef MARSQL_FFT_H
#define MARSQL_FFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tensor_layout.h"

typedef struct MtFftPlan MtFftPlan;

/* A plan for length n >= 1; NULL when memory ran out. */
extern MtFftPlan *mt_fft_plan_new(int64_t n);
extern void mt_fft_plan_free(MtFftPlan *plan);

/* doubles of scratch space mt_fft_exec needs for this plan */
extern size_t mt_fft_scratch_doubles(const MtFftPlan *plan);

/*
 * The forward transform of the plan's n complex values in x (2n doubles),
 * in place; scratch holds mt_fft_scratch_doubles(plan) doubles.  The
 * inverse is conj(forward(conj(x))).  A long transform calls poll (may be
 * NULL) between its passes and returns false, x undefined, when asked to
 * stop.
 */
extern bool mt_fft_exec(const MtFftPlan *plan, double *x, double *scratch,
						MtPollFn poll, void *poll_arg);

/*
 * About the bytes of workspace (plan and lane buffers, outside the tensors)
 * a lane driver allocates for length n: for the caller's size check.
 */
extern double mt_fft_lane_bytes(int64_t n);

/*
 * Complex lanes: src (outer x nin x inner complex) -> dst (outer x n x
 * inner complex), each lane truncated or zero-padded to n, transformed
 * forward or inverse, times fct.  MT_OK, MT_ERR_MEMORY, MT_ERR_CANCELED.
 */
extern MtStatus mt_fft_c2c_lanes(const double *src, int64_t outer, int64_t nin,
								 int64_t inner, double *dst, int64_t n,
								 bool inverse, double fct,
								 MtPollFn poll, void *poll_arg);

/*
 * Real lanes to the non-negative frequencies (numpy.fft.rfft): src (outer x
 * nin x inner real) -> dst (outer x (n/2+1) x inner complex), each lane
 * truncated or zero-padded to n, forward, times fct.
 */
extern MtStatus mt_fft_r2c_lanes(const double *src, int64_t outer, int64_t nin,
								 int64_t inner, double *dst, int64_t n,
								 double fct, MtPollFn poll, void *poll_arg);

/*
 * Hermitian half spectra to real lanes (numpy.fft.irfft): src (outer x nin
 * x inner complex) -> dst (outer x n x inner real).  The first n/2+1 values
 * of each lane are used (zero-padded when fewer); the imaginary parts of
 * the zero frequency and, for even n, of the Nyquist frequency are ignored,
 * as pocketfft does.  Inverse transform, times fct.
 */
extern MtStatus mt_fft_c2r_lanes(const double *src, int64_t outer, int64_t nin,
								 int64_t inner, double *dst, int64_t n,
								 double fct, MtPollFn poll, void *poll_arg);

/*
 * numpy.roll over several axes at once: dst[i] = src[i - shift] along each
 * axis, wrapping around; shift[d] in 0 .. dims[d]-1 (0 for an axis not
 * rolled).  Elements are elem_size bytes; src and dst do not overlap.
 */
extern MtStatus mt_roll_axes(const void *src, void *dst, size_t elem_size,
							 int ndim, const int64_t *dims,
							 const int64_t *shift,
							 MtPollFn poll, void *poll_arg);

#endif							/* MARSQL_FFT_H */
