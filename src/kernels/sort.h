/*
 * sort.h
 *	  Pure C sorting and searching over raw tensor data of every dtype:
 *	  stable sort and argsort along an axis (numpy's order: NaN last, -0.0
 *	  equal to 0.0, complex by real then imaginary part), lexsort, and
 *	  binary search (searchsorted).  No postgres.h.
 *
 *	  Every element is mapped to an unsigned key whose unsigned order is
 *	  numpy's order (sign bit flipped for integers, the usual IEEE bit trick
 *	  for floats with -0.0 folded onto 0.0 and every NaN onto the top key);
 *	  keys are sorted by a least-significant-digit radix sort, which is
 *	  stable, so argsort is stable and a multi-key order (complex128, lexsort)
 *	  is a sequence of stable sorts from the least significant key up.  Small
 *	  lanes use an insertion sort on the same keys.
 *
 *	  A tensor sorted along an axis is seen as outer x n x inner: each of the
 *	  outer * inner lanes has n elements, inner apart.
 */
#ifndef MARSQL_SORT_H
#define MARSQL_SORT_H

#include <stdbool.h>
#include <stdint.h>

#include "tensor_layout.h"

/*
 * Sorts every lane of data (dtype, outer x n x inner) in place, stably:
 * equal keys (-0.0 and 0.0, NaNs) keep their order.  MT_OK,
 * MT_ERR_MEMORY or MT_ERR_CANCELED (data then partly sorted).
 */
extern MtStatus mt_sort_lanes(void *data, MtDtype dtype, int64_t outer,
							  int64_t n, int64_t inner,
							  MtPollFn poll, void *poll_arg);

/*
 * mt_sort_lanes of a copy: dst (as large as src, not overlapping it)
 * receives src sorted; src is only read.  Faster than a copy and an
 * in-place sort: contiguous lanes of real dtypes are read once into the
 * first radix pass.
 */
extern MtStatus mt_sort_copy_lanes(const void *src, void *dst, MtDtype dtype,
								   int64_t outer, int64_t n, int64_t inner,
								   MtPollFn poll, void *poll_arg);

/*
 * Stable argsort of every lane: out (outer x n x inner) receives, for each
 * lane, the positions 0 .. n-1 of its elements in sorted order; descending
 * reverses the order of keys (NaN first) but keeps equal keys in their
 * original order.
 */
extern MtStatus mt_argsort_lanes(const void *data, MtDtype dtype,
								 int64_t outer, int64_t n, int64_t inner,
								 bool descending, int64_t *out,
								 MtPollFn poll, void *poll_arg);

/*
 * numpy.lexsort: nkeys arrays of one shape (each its own dtype), lanes as
 * above; the last key is the primary one.  out as for mt_argsort_lanes.
 */
extern MtStatus mt_lexsort_lanes(const void *const *data, const MtDtype *dtypes,
								 int nkeys, int64_t outer, int64_t n,
								 int64_t inner, int64_t *out,
								 MtPollFn poll, void *poll_arg);

/*
 * true when elements i of a and j of b are equal under numpy's
 * equal_nan=True rule: same key (so -0.0 equals 0.0 and NaN equals NaN;
 * every complex value with a NaN part is one value, as in np.unique);
 * both of one dtype.
 */
extern bool mt_sort_key_equal(const void *a, int64_t i, const void *b,
							  int64_t j, MtDtype dtype);

/*
 * Collapses runs of equal keys (numpy's unique with equal_nan=True) in a
 * sorted array, keeping the first of each run; returns how many remain.
 */
extern int64_t mt_sort_collapse(void *data, MtDtype dtype, int64_t n);

/*
 * Stable lexicographic order of the rows of a rows x cols array, column 0
 * first (numpy's order of rows in unique(axis=...)): out receives row
 * numbers.  cols may not exceed INT_MAX.
 */
extern MtStatus mt_argsort_rows(const void *data, MtDtype dtype, int64_t rows,
								int64_t cols, int64_t *out,
								MtPollFn poll, void *poll_arg);

/* true when element i is NaN (complex: either part) */
extern bool mt_element_isnan(const void *data, MtDtype dtype, int64_t i);

/*
 * numpy.searchsorted: for each of the nv elements of v, the index into the
 * sorted array a (na elements, read through sorter when not NULL) where it
 * would be inserted to keep the order; right picks the position after
 * equal elements.  a and v may differ in dtype: elements are compared by
 * exact value (elements.h).
 */
extern MtStatus mt_searchsorted(const void *a, MtDtype dtype_a, int64_t na,
								const int64_t *sorter,
								const void *v, MtDtype dtype_v, int64_t nv,
								bool right, int64_t *out,
								MtPollFn poll, void *poll_arg);

#endif							/* MARSQL_SORT_H */
