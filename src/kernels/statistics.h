/*
 * statistics.h
 *	  numpy's statistics over raw tensor data, pure C (no postgres.h):
 *	  order statistics (median, quantile and percentile with all thirteen
 *	  methods of numpy >= 1.22, and their nan-variants), the helpers of the
 *	  nan-reductions (NaN replaced by an identity with per-lane counts,
 *	  nanvar), histograms (counting, numpy's bin-width estimators),
 *	  bincount, the monotonicity test of digitize, correlate / convolve,
 *	  cov and corrcoef.  Each lane of a quantile is copied once and its
 *	  order statistics found by selection (quickselect with a median-of-
 *	  three pivot, falling back to a sort on bad pivots), O(n) per lane on
 *	  average, never a full sort; complex medians sort.
 *
 *	  A tensor reduced along an axis is seen as outer x len x inner: each
 *	  of the outer * inner lanes has len elements, inner apart.
 */
#ifndef MARSQL_STATISTICS_H
#define MARSQL_STATISTICS_H

#include <stdbool.h>
#include <stdint.h>

#include "tensor_layout.h"

/* numpy's quantile methods (Hyndman & Fan and numpy's own), plus the mean
 * of the middle elements that numpy.median computes */
typedef enum MtQuantileMethod
{
	MT_QM_INVERTED_CDF,
	MT_QM_AVERAGED_INVERTED_CDF,
	MT_QM_CLOSEST_OBSERVATION,
	MT_QM_INTERPOLATED_INVERTED_CDF,
	MT_QM_HAZEN,
	MT_QM_WEIBULL,
	MT_QM_LINEAR,
	MT_QM_MEDIAN_UNBIASED,
	MT_QM_NORMAL_UNBIASED,
	MT_QM_LOWER,
	MT_QM_HIGHER,
	MT_QM_MIDPOINT,
	MT_QM_NEAREST,
	MT_QM_MEDIAN				/* numpy.median: mean of the middle one or two */
} MtQuantileMethod;

/* the method called name (numpy's spelling); false when there is none */
extern bool mt_quantile_method_parse(const char *name, MtQuantileMethod *method);

/* the names accepted by mt_quantile_method_parse, for hints */
extern const char *mt_quantile_method_names(void);

/*
 * true for the methods that return an element of the data (numpy's
 * "fix_gamma=None": inverted_cdf, closest_observation, lower, higher,
 * nearest): their result keeps the data's dtype.  The others interpolate.
 */
extern bool mt_quantile_method_discrete(MtQuantileMethod method);

/*
 * The quantiles q[0 .. nq-1] (each in [0, 1], checked by the caller) of
 * every lane of src (a real dtype, outer x len x inner; complex only for
 * MT_QM_MEDIAN, in numpy's complex order, into a dst of src's dtype).  dst receives
 * nq x outer x inner elements of dst_dtype, q's index first (numpy's
 * result layout): an element of the lane for discrete methods (dst_dtype
 * the source dtype), else numpy's interpolation _lerp computed in double
 * (float32 for float32 and float16 results) and stored in dst_dtype, a
 * float dtype.  A lane holding NaN gives NaN (numpy); with skip_nan, NaNs
 * are dropped first and an all-NaN or empty lane gives NaN.  An empty
 * lane gives NaN for MT_QM_MEDIAN; the caller refuses other empty lanes.
 * MT_OK, MT_ERR_MEMORY or MT_ERR_CANCELED.
 */
extern MtStatus mt_quantile(MtDtype dtype, const void *src, int64_t outer,
							int64_t len, int64_t inner, const double *q,
							int64_t nq, MtQuantileMethod method, bool skip_nan,
							void *dst, MtDtype dst_dtype,
							MtPollFn poll, void *poll_arg);

/*
 * Rearranges a[0 .. n-1] so that a[k] is the element a sort would put
 * there, everything before it <= a[k] and everything after >= a[k]
 * (C++'s nth_element).  No NaN in a.
 */
extern void mt_select_f64(double *a, int64_t n, int64_t k);
extern void mt_select_i64(int64_t *a, int64_t n, int64_t k);

/*
 * numpy's _replace_nan for a float or complex dtype (outer x len x inner):
 * dst (as large as src) receives src with every NaN (complex: either
 * part) replaced by fill (complex: fill + 0j), and counts[o * inner + i]
 * the number of non-NaN elements of each lane.  Exact dtypes are copied.
 */
extern MtStatus mt_replace_nan(MtDtype dtype, const void *src, int64_t outer,
							   int64_t len, int64_t inner, double fill,
							   void *dst, int64_t *counts,
							   MtPollFn poll, void *poll_arg);

/*
 * numpy's _divide_by_count: data[i] (n elements of a float or complex
 * dtype) divided by counts[i] in double, 0 / 0 giving NaN.
 */
extern void mt_divide_by_counts(MtDtype dtype, void *data, int64_t n,
								const int64_t *counts);

/*
 * numpy.nanvar (std: nanstd) of every lane with ddof: NaNs dropped,
 * computed in double (two passes), NaN when the count minus ddof is not
 * positive.  dst_dtype: float64, float32 or float16 (complex64 gives
 * float32, complex128 float64).
 */
extern MtStatus mt_nan_var(MtDtype dtype, const void *src, int64_t outer,
						   int64_t len, int64_t inner, double ddof, bool std,
						   void *dst, MtDtype dst_dtype,
						   MtPollFn poll, void *poll_arg);

/* data[i] = NaN (complex: NaN + 0j) where counts[i] is 0 (float, complex) */
extern void mt_nan_where_empty(MtDtype dtype, void *data, int64_t n,
							   const int64_t *counts);

/* ---- histograms, counting, binning ---- */

/*
 * numpy.histogram's counting: counts[0 .. nbins-1] (zeroed by the caller)
 * gain, for each of the n elements of x (a real dtype), 1 or its weight
 * w[i] (w of wdtype, a real dtype; NULL for none) in the bin whose edges
 * (nbins + 1 doubles, increasing) hold it: edges[i] <= x < edges[i+1],
 * the last bin closed.  Elements outside [lo, hi] (NaN included) are not
 * counted.  uniform: equal bins from lo to hi, located as numpy does
 * (computed index, then corrected against the edges); otherwise by
 * binary search over the edges (lo, hi the first and last edge).
 */
extern MtStatus mt_histogram(const void *x, MtDtype dtype, int64_t n,
							 const void *w, MtDtype wdtype,
							 const double *edges, int64_t nbins, bool uniform,
							 double lo, double hi, double *counts,
							 MtPollFn poll, void *poll_arg);

/*
 * The bin width numpy's estimator rule ("auto", "fd", "doane", "scott",
 * "stone", "rice", "sturges", "sqrt") gives for the n finite values of x
 * (reordered: x is scratch) within [lo, hi]; 0 means one bin.  false for
 * an unknown rule.
 */
extern bool mt_histogram_bin_width(const char *rule, double *x, int64_t n,
								   double lo, double hi, double *width);

/*
 * numpy.bincount: out (nbins elements, zeroed by the caller: int64, or
 * double when weighted) gains 1 or w[i] at x[i] for each of the n
 * non-negative integers of x (an exact dtype, checked by the caller).
 */
extern void mt_bincount(const void *x, MtDtype dtype, int64_t n,
						const void *w, MtDtype wdtype, int64_t nbins,
						void *out);

/* 1 when bins (n elements of a real dtype) never decrease, -1 when they
 * never increase (and some decrease), 0 otherwise (numpy's digitize) */
extern int	mt_monotonicity(const void *bins, MtDtype dtype, int64_t n);

/*
 * numpy.histogram2d's counting (histogramdd): counts (nx x ny doubles,
 * zeroed by the caller) gain 1 or w[i] for each pair (x[i], y[i]) inside
 * the edges (xedges: nx + 1, yedges: ny + 1, increasing; the last bin of
 * each closed); pairs outside, or with a NaN, are not counted.
 */
extern MtStatus mt_histogram2d(const void *x, MtDtype xdtype, const void *y,
							   MtDtype ydtype, int64_t n, const void *w,
							   MtDtype wdtype, const double *xedges, int64_t nx,
							   const double *yedges, int64_t ny, double *counts,
							   MtPollFn poll, void *poll_arg);

/* ---- correlation ---- */

typedef enum MtCorrelateMode
{
	MT_CORRELATE_VALID,
	MT_CORRELATE_SAME,
	MT_CORRELATE_FULL
} MtCorrelateMode;

/* the length of numpy.correlate's (and convolve's) result */
extern int64_t mt_correlate_length(int64_t na, int64_t nv, MtCorrelateMode mode);

/*
 * numpy.correlate(a, v, mode) (convolve false; conj: complex v is
 * conjugated, as numpy.correlate does) or numpy.convolve(a, v, mode)
 * (convolve true: v reversed, never conjugated, the longer input first).
 * dtype is the computing dtype of a, v and out: MT_FLOAT64, MT_COMPLEX128
 * or MT_INT64 (wrapping); na, nv >= 1.
 */
extern MtStatus mt_correlate(MtDtype dtype, const void *a, int64_t na,
							 const void *v, int64_t nv, MtCorrelateMode mode,
							 bool convolve, void *out,
							 MtPollFn poll, void *poll_arg);

/*
 * numpy.cov of X (vars x obs, MT_FLOAT64 or MT_COMPLEX128 pairs; centred
 * in place): out (vars x vars, X's dtype) = X_c (X_c w)^H / fact with
 * X_c = X - the w-weighted mean of each row (w: obs doubles, NULL for
 * none).
 */
extern MtStatus mt_cov(MtDtype dtype, void *x, int64_t vars, int64_t obs,
					   const double *w, double fact, void *out,
					   MtPollFn poll, void *poll_arg);

/*
 * numpy.corrcoef's normalisation of a covariance c (vars x vars, in
 * place): c[i][j] / sqrt(c[i][i].real * c[j][j].real), real and imaginary
 * parts clipped to [-1, 1].
 */
extern void mt_corrcoef(MtDtype dtype, void *c, int64_t vars);

#endif							/* MARSQL_STATISTICS_H */
