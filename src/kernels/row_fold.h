/*
 * row_fold.h
 *	  The transition step of marsql's elementwise aggregates over rows
 *	  (sum, avg, min, max, sum_agg, avg_agg): one row of n elements folded
 *	  into a float64 accumulator of n elements, or, while every row is bool
 *	  or integer, into an int64 accumulator.  The
 *	  same call combines two accumulators (a row of dtype float64).
 *	  float32 elements convert to double exactly, so min and max are exact
 *	  for both dtypes; sums add in double.  min and max are numpy's minimum
 *	  and maximum, acc = op(acc, row): NaN on either side wins, and on a
 *	  tie (-0.0 against +0.0) the row's value is kept, as numpy keeps the
 *	  second operand.
 */
#ifndef MARSQL_ROW_FOLD_H
#define MARSQL_ROW_FOLD_H

#include "tensor_layout.h"

typedef enum MtRowFold
{
	MT_ROW_FOLD_SUM,
	MT_ROW_FOLD_MIN,
	MT_ROW_FOLD_MAX
} MtRowFold;

/* acc[i] = row[i] for n elements: the first row of a group. */
extern MtStatus mt_row_copy(double *acc, const void *row, MtDtype dtype,
							int64_t n, MtPollFn poll, void *poll_arg);

/* acc[i] = op(acc[i], row[i]) for n elements (a real dtype: float16 and
 * integers widen to double). */
extern MtStatus mt_row_fold(MtRowFold op, double *acc, const void *row,
							MtDtype dtype, int64_t n, MtPollFn poll,
							void *poll_arg);

/*
 * The same for rows of bool and integer dtypes into an int64 accumulator:
 * sums exact, wrapping past int64 as numpy's int64 add; min and max exact.
 * The same call combines two accumulators (a row of dtype int64).
 */
extern MtStatus mt_row_copy_exact(int64_t *acc, const void *row,
								  MtDtype dtype, int64_t n, MtPollFn poll,
								  void *poll_arg);
extern MtStatus mt_row_fold_exact(MtRowFold op, int64_t *acc,
								  const void *row, MtDtype dtype, int64_t n,
								  MtPollFn poll, void *poll_arg);

#endif							/* MARSQL_ROW_FOLD_H */
