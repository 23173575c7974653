/*
 * statistics.h
 *	  Order statistics of tensor data, pure C (no postgres.h): numpy's
 *	  median, quantile and percentile (all thirteen methods of numpy >= 1.22)
 *	  and their nan-variants.  Each lane is copied once and its order
 *	  statistics found by selection (quickselect with a median-of-three
 *	  pivot, falling back to a sort on bad pivots), O(n) per lane on
 *	  average, never a full sort.
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
 * every lane of src (a real dtype, outer x len x inner).  dst receives
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

#endif							/* MARSQL_STATISTICS_H */
