/*
 * row_fold.c
 *	  Folding one row into an aggregate's float64 accumulator (see
 *	  row_fold.h).  Long rows poll for cancels every MT_POLL_ELEMENTS.
 */
#include "row_fold.h"

#include "dtype_cast.h"
#include "dtype_dispatch.h"
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

/* any other real dtype widens to double exactly (int64 beyond 2^53 rounds) */
#define FOLD_LOAD(EXPR) \
	do { \
		for (int64_t i = start; i < end; i++) \
		{ \
			double		xi = mt_load_double(row, dtype, i); \
			acc[i] = (EXPR); \
		} \
	} while (0)

#define FOLD_DTYPE(EXPR, LOADED) \
	do { \
		if (dtype == MT_FLOAT32) \
			FOLD_LOOP(float, EXPR); \
		else if (dtype == MT_FLOAT64) \
			FOLD_LOOP(double, EXPR); \
		else \
			FOLD_LOAD(LOADED); \
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
				FOLD_DTYPE(acc[i] + (double) x[i], acc[i] + xi);
				break;
			case MT_ROW_FOLD_MIN:
				FOLD_DTYPE(fold_min(acc[i], (double) x[i]), fold_min(acc[i], xi));
				break;
			case MT_ROW_FOLD_MAX:
				FOLD_DTYPE(fold_max(acc[i], (double) x[i]), fold_max(acc[i], xi));
				break;
			case ROW_COPY:
			default:
				FOLD_DTYPE((double) x[i], xi);
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

/* ---- bool and integer rows into an int64 accumulator ---- */

#define FOLD_EXACT(T, NAME) \
	do { \
		const T    *x = (const T *) row; \
		for (int64_t i = start; i < end; i++) \
		{ \
			int64_t		v = (int64_t) x[i]; \
			switch (op) \
			{ \
				case MT_ROW_FOLD_SUM: \
					acc[i] = (int64_t) ((uint64_t) acc[i] + (uint64_t) v); \
					break; \
				case MT_ROW_FOLD_MIN: \
					acc[i] = v < acc[i] ? v : acc[i]; \
					break; \
				case MT_ROW_FOLD_MAX: \
					acc[i] = v > acc[i] ? v : acc[i]; \
					break; \
				default: \
					acc[i] = v; \
					break; \
			} \
		} \
	} while (0)

static MtStatus
fold_exact(int op, int64_t *acc, const void *row, MtDtype dtype, int64_t n,
		   MtPollFn poll, void *poll_arg)
{
	for (int64_t start = 0; start < n; start += MT_POLL_ELEMENTS)
	{
		int64_t		end = n - start < MT_POLL_ELEMENTS ? n : start + MT_POLL_ELEMENTS;

		if (start > 0 && poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		MT_DISPATCH_EXACT(dtype, FOLD_EXACT);
	}
	return MT_OK;
}

MtStatus
mt_row_copy_exact(int64_t *acc, const void *row, MtDtype dtype, int64_t n,
				  MtPollFn poll, void *poll_arg)
{
	return fold_exact(ROW_COPY, acc, row, dtype, n, poll, poll_arg);
}

MtStatus
mt_row_fold_exact(MtRowFold op, int64_t *acc, const void *row, MtDtype dtype,
				  int64_t n, MtPollFn poll, void *poll_arg)
{
	return fold_exact((int) op, acc, row, dtype, n, poll, poll_arg);
}
