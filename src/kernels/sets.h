/*
 * sets.h
 *	  Pure C set routines over raw tensor data of every dtype, numpy's
 *	  arraysetops: unique (with first indices, inverse and counts), isin,
 *	  and the sorted set operations intersect1d, union1d, setdiff1d and
 *	  setxor1d.  Built on the stable sorts of sort.h.  No postgres.h.
 *
 *	  Equality follows numpy 1.24: unique collapses NaNs (equal_nan=True)
 *	  and -0.0 equals 0.0; isin and the set operations compare with ==, so
 *	  NaN is never found in another array and never matches another NaN.
 */
#ifndef MARSQL_SETS_H
#define MARSQL_SETS_H

#include <stdbool.h>
#include <stdint.h>

#include "tensor_layout.h"

/*
 * numpy.unique of n elements: values (room for n) receives the sorted
 * distinct values, *nunique their count; when not NULL, index (room for n)
 * the position of each one's first occurrence, inverse (n) the number of
 * each input element's value in values, counts (room for n) how often each
 * occurs.
 */
extern MtStatus mt_unique(const void *data, MtDtype dtype, int64_t n,
						  void *values, int64_t *nunique, int64_t *index,
						  int64_t *inverse, int64_t *counts,
						  MtPollFn poll, void *poll_arg);

/*
 * numpy.unique(axis=0) of a rows x cols array: rows (room for rows * cols)
 * receives the distinct rows in lexicographic order, *nunique their count;
 * index, inverse and counts as for mt_unique, per row.  Rows with a NaN
 * never equal another row (numpy compares rows with ==).
 */
extern MtStatus mt_unique_rows(const void *data, MtDtype dtype, int64_t rows,
							   int64_t cols, void *out, int64_t *nunique,
							   int64_t *index, int64_t *inverse,
							   int64_t *counts, MtPollFn poll, void *poll_arg);

/*
 * numpy.isin: out[i] is true when element i of data equals (==) one of the
 * ntest elements of test (either dtype, compared by exact value); invert
 * negates.
 */
extern MtStatus mt_isin(const void *data, MtDtype dtype, int64_t n,
						const void *test, MtDtype test_dtype, int64_t ntest,
						bool invert, bool *out,
						MtPollFn poll, void *poll_arg);

typedef enum MtSetOp
{
	MT_SET_INTERSECT,			/* numpy.intersect1d */
	MT_SET_UNION,				/* numpy.union1d */
	MT_SET_DIFF,				/* numpy.setdiff1d */
	MT_SET_XOR					/* numpy.setxor1d */
} MtSetOp;

/*
 * One of numpy's 1-D set operations on a (na elements, dtype) and b (nb,
 * dtype_b): out (room for na + nb) receives the result, *nout its length.
 * Only setdiff1d takes two dtypes (its result keeps a's, as numpy's); the
 * others need dtype_b == dtype (the caller promotes).
 * assume_unique skips making the inputs unique as numpy does (for setdiff1d
 * the result then keeps a's order).
 */
extern MtStatus mt_set_op(MtSetOp op, const void *a, int64_t na,
						  const void *b, int64_t nb, MtDtype dtype,
						  MtDtype dtype_b,
						  bool assume_unique, void *out, int64_t *nout,
						  MtPollFn poll, void *poll_arg);

/*
 * numpy.intersect1d(a, b, assume_unique, return_indices=True): out (room
 * for na + nb elements) the common values, ia and ib (room for na + nb) the index of each in a and in b (the first occurrence unless
 * assume_unique), *nout their count.  Both of dtype.
 */
extern MtStatus mt_intersect_indices(const void *a, int64_t na, const void *b,
									 int64_t nb, MtDtype dtype,
									 bool assume_unique, void *out,
									 int64_t *ia, int64_t *ib, int64_t *nout,
									 MtPollFn poll, void *poll_arg);

#endif							/* MARSQL_SETS_H */
