/*
 * reduce.c
 *	  Axis reductions (see reduce.h).  For each outer block the axis is
 *	  walked row by row, updating inner accumulators side by side, so the
 *	  memory is read once, in order, whatever the axis.
 */
#include "reduce.h"

#include <math.h>

#include "elements.h"

bool
mt_reduce_needs_elements(MtReduceOp op)
{
	return op == MT_REDUCE_MIN || op == MT_REDUCE_MAX ||
		op == MT_REDUCE_ARGMIN || op == MT_REDUCE_ARGMAX ||
		op == MT_REDUCE_NORM_INF || op == MT_REDUCE_NORM_NEG_INF;
}

static double
initial(MtReduceOp op)
{
	switch (op)
	{
		case MT_REDUCE_PROD:
			return 1.0;
		case MT_REDUCE_NORM_NEG_INF:
			return INFINITY;
		default:
			return 0.0;
	}
}

/* folds x (row i of the axis) into accumulator *acc (and *idx) */
static inline void
fold(MtReduceOp op, double p, double x, int64_t i, double *acc, int64_t *idx)
{
	switch (op)
	{
		case MT_REDUCE_SUM:
		case MT_REDUCE_MEAN:
			*acc += x;
			break;
		case MT_REDUCE_PROD:
			*acc *= x;
			break;
		case MT_REDUCE_MIN:
			if (i == 0 || (*acc == *acc && (x < *acc || x != x)))
				*acc = x;
			break;
		case MT_REDUCE_MAX:
			if (i == 0 || (*acc == *acc && (x > *acc || x != x)))
				*acc = x;
			break;
		case MT_REDUCE_ARGMIN:
			if (i == 0 || (*acc == *acc && (x < *acc || x != x)))
			{
				*acc = x;
				*idx = i;
			}
			break;
		case MT_REDUCE_ARGMAX:
			if (i == 0 || (*acc == *acc && (x > *acc || x != x)))
			{
				*acc = x;
				*idx = i;
			}
			break;
		case MT_REDUCE_NORM_P:
			if (p == 1.0)
				*acc += fabs(x);
			else if (p == 2.0)
				*acc += x * x;
			else
				*acc += pow(fabs(x), p);
			break;
		case MT_REDUCE_NORM_INF:
			if (i == 0 || (*acc == *acc && (fabs(x) > *acc || x != x)))
				*acc = fabs(x);
			break;
		case MT_REDUCE_NORM_NEG_INF:
			if (i == 0 || (*acc == *acc && (fabs(x) < *acc || x != x)))
				*acc = fabs(x);
			break;
		case MT_REDUCE_NORM_ZERO:
			*acc += (x != 0.0);
			break;
		case MT_REDUCE_VAR:
		case MT_REDUCE_STD:
			break;				/* two passes, see below */
	}
}

static double
finish(MtReduceOp op, double p, double acc, int64_t len)
{
	switch (op)
	{
		case MT_REDUCE_MEAN:
			return acc / (double) len;
		case MT_REDUCE_NORM_P:
			if (p == 1.0)
				return acc;
			if (p == 2.0)
				return sqrt(acc);
			return pow(acc, 1.0 / p);
		default:
			return acc;
	}
}

static inline void
store(void *dst, MtDtype dtype, int64_t i, double v)
{
	if (dtype == MT_FLOAT32)
		((float *) dst)[i] = (float) v;
	else
		((double *) dst)[i] = v;
}

MtStatus
mt_reduce(MtReduceOp op, MtDtype dtype, const void *src, int64_t outer,
		  int64_t len, int64_t inner, double param, void *dst,
		  MtDtype dst_dtype, double *work, int64_t *iwork, MtPollFn poll,
		  void *poll_arg)
{
	int64_t		since_poll = 0;
	bool		two_pass = op == MT_REDUCE_VAR || op == MT_REDUCE_STD;

	for (int64_t o = 0; o < outer; o++)
	{
		int64_t		base = o * len * inner;
		double	   *acc = work;
		double	   *mean = work + inner;

		for (int64_t j = 0; j < inner; j++)
		{
			acc[j] = two_pass ? 0.0 : initial(op);
			iwork[j] = 0;
		}
		if (two_pass)
		{
			/* pass 1: the mean */
			for (int64_t i = 0; i < len; i++)
				for (int64_t j = 0; j < inner; j++)
					acc[j] += mt_load(src, dtype, base + i * inner + j);
			for (int64_t j = 0; j < inner; j++)
			{
				mean[j] = acc[j] / (double) len;
				acc[j] = 0.0;
			}
			/* pass 2: squared deviations */
			for (int64_t i = 0; i < len; i++)
				for (int64_t j = 0; j < inner; j++)
				{
					double		d = mt_load(src, dtype, base + i * inner + j) - mean[j];

					acc[j] += d * d;
				}
		}
		else if (dtype == MT_FLOAT64 && op == MT_REDUCE_SUM)
		{
			const double *s = (const double *) src + base;

			for (int64_t i = 0; i < len; i++)
				for (int64_t j = 0; j < inner; j++)
					acc[j] += s[i * inner + j];
		}
		else
		{
			for (int64_t i = 0; i < len; i++)
				for (int64_t j = 0; j < inner; j++)
					fold(op, param, mt_load(src, dtype, base + i * inner + j),
						 i, &acc[j], &iwork[j]);
		}

		for (int64_t j = 0; j < inner; j++)
		{
			double		v;

			if (op == MT_REDUCE_ARGMIN || op == MT_REDUCE_ARGMAX)
				v = (double) iwork[j];
			else if (two_pass)
			{
				double		dof = (double) len - param;

				v = acc[j] / (dof > 0 ? dof : 0.0);
				if (op == MT_REDUCE_STD)
					v = sqrt(v);
			}
			else
				v = finish(op, param, acc[j], len);
			store(dst, dst_dtype, o * inner + j, v);
		}

		since_poll += len * inner * (two_pass ? 2 : 1);
		if (since_poll >= ((int64_t) 1 << 22))
		{
			if (poll != NULL && poll(poll_arg))
				return MT_ERR_CANCELED;
			since_poll = 0;
		}
	}
	return MT_OK;
}

MtStatus
mt_cumsum(MtDtype dtype, const void *src, int64_t outer, int64_t len,
		  int64_t inner, void *dst, MtPollFn poll, void *poll_arg)
{
	for (int64_t o = 0; o < outer; o++)
	{
		int64_t		base = o * len * inner;

		if (poll != NULL && (o & 1023) == 1023 && poll(poll_arg))
			return MT_ERR_CANCELED;
		if (dtype == MT_FLOAT32)
		{
			const float *s = (const float *) src + base;
			float	   *d = (float *) dst + base;

			for (int64_t j = 0; j < inner && len > 0; j++)
				d[j] = s[j];
			for (int64_t i = 1; i < len; i++)
				for (int64_t j = 0; j < inner; j++)
					d[i * inner + j] = d[(i - 1) * inner + j] + s[i * inner + j];
		}
		else
		{
			const double *s = (const double *) src + base;
			double	   *d = (double *) dst + base;

			for (int64_t j = 0; j < inner && len > 0; j++)
				d[j] = s[j];
			for (int64_t i = 1; i < len; i++)
				for (int64_t j = 0; j < inner; j++)
					d[i * inner + j] = d[(i - 1) * inner + j] + s[i * inner + j];
		}
	}
	return MT_OK;
}
