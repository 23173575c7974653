/*
 * row_fold.c
 *	  Folding one row into an aggregate's float64 accumulator (see
 *	  row_fold.h).  Long rows poll for cancels every MT_POLL_ELEMENTS.
 */
#include "row_fold.h"

#include "elementwise.h"

/* the first row of a group: copied, next to the MtRowFold operations */
#define ROW_COPY (-1)

/* numpy's minimum and maximum (as MT_BINARY_MINIMUM / MAXIMUM) */
static inline double
fold_min(double a, double b)
{
	return (a < b || a != a) ? a : b;
}

static inline double
fold_max(double a, double b)
{
	return (a > b || a != a) ? a : b;
}

#define FOLD_LOOP(T, EXPR) \
	do { \
		const T    *x = (const T *) row; \
		for (int64_t i = start; i < end; i++) \
			acc[i] = (EXPR); \
	} while (0)

#define FOLD_DTYPE(EXPR) \
	do { \
		if (dtype == MT_FLOAT32) \
			FOLD_LOOP(float, EXPR); \
		else \
			FOLD_LOOP(double, EXPR); \
	} while (0)

static MtStatus
fold(int op, double *acc, const void *row, MtDtype dtype, int64_t n,
	 MtPollFn poll, void *poll_arg)
{
	for (int64_t start = 0; start < n; start += MT_POLL_ELEMENTS)
	{
		int64_t		end = n - start < MT_POLL_ELEMENTS ? n : start + MT_POLL_ELEMENTS;

		if (start > 0 && poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		switch (op)
		{
			case MT_ROW_FOLD_SUM:
				FOLD_DTYPE(acc[i] + (double) x[i]);
				break;
			case MT_ROW_FOLD_MIN:
				FOLD_DTYPE(fold_min(acc[i], (double) x[i]));
				break;
			case MT_ROW_FOLD_MAX:
				FOLD_DTYPE(fold_max(acc[i], (double) x[i]));
				break;
			case ROW_COPY:
			default:
				FOLD_DTYPE((double) x[i]);
				break;
		}
	}
	return MT_OK;
}

MtStatus
mt_row_copy(double *acc, const void *row, MtDtype dtype, int64_t n,
			MtPollFn poll, void *poll_arg)
{
	return fold(ROW_COPY, acc, row, dtype, n, poll, poll_arg);
}

MtStatus
mt_row_fold(MtRowFold op, double *acc, const void *row, MtDtype dtype,
			int64_t n, MtPollFn poll, void *poll_arg)
{
	return fold((int) op, acc, row, dtype, n, poll, poll_arg);
}
