/*
 * reduce.c
 *	  Axis reductions (see reduce.h).  For each outer block the axis is
 *	  walked row by row, updating inner accumulators side by side, so the
 *	  memory is read once, in order, whatever the axis; sums along the
 *	  last axis are pairwise, in numpy's order (see "the sum family").
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

/* folds x (row i of the axis) into accumulator *acc (and *idx): the
 * operations outside the sum family, which add nothing */
static inline void
fold(MtReduceOp op, double x, int64_t i, double *acc, int64_t *idx)
{
	switch (op)
	{
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
		case MT_REDUCE_NORM_INF:
			if (i == 0 || (*acc == *acc && (fabs(x) > *acc || x != x)))
				*acc = fabs(x);
			break;
		case MT_REDUCE_NORM_NEG_INF:
			if (i == 0 || (*acc == *acc && (fabs(x) < *acc || x != x)))
				*acc = fabs(x);
			break;
		default:
			break;				/* the sum family, see below */
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

/*
 * ---- the sum family: numpy's summation order, in the data's dtype ----
 *
 * numpy adds with pairwise_sum (numpy/core/src/umath/loops_utils.h.src)
 * when one call of its add loop reduces a run of elements: fewer than 8
 * are added in turn; up to PW_BLOCKSIZE go into eight accumulators r[0..7]
 * that take every eighth element, then ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))
 * and the remainder in turn; longer runs split at n/2 rounded down to a
 * multiple of 8 and recurse.  Such a run is the reduced axis when it is
 * the last one (inner == 1, everything when axis is NULL), cut by numpy's
 * iterator into buffers of 8192 elements whose pairwise sums are added in
 * turn; along another axis numpy adds whole rows in turn.  float32 is
 * summed in float32.  Each element goes through a transform first (the
 * squared deviation of var, |x|^p of norm), as numpy materializes it
 * before summing.
 */
#define MT_PW_BLOCKSIZE 128
#define MT_NUMPY_BUFSIZE 8192		/* numpy.getbufsize() */

typedef enum SumTransform
{
	TF_NONE,
	TF_ABS,
	TF_SQUARE,
	TF_POW,						/* |x|^p */
	TF_NONZERO,					/* 1 if x != 0 */
	TF_SQDEV					/* (x - m)^2 */
} SumTransform;

#define SUM_FAMILY(T, S, SFX, POW, SQRT) \
static inline T \
transform_##SFX(SumTransform tf, T x, T m) \
{ \
	switch (tf) \
	{ \
		case TF_NONE: return x; \
		case TF_ABS: return x < 0 ? -x : x; \
		case TF_SQUARE: return x * x; \
		case TF_POW: return POW(x < 0 ? -x : x, m); \
		case TF_NONZERO: return x != 0 ? (T) 1 : (T) 0; \
		case TF_SQDEV: { T d = x - m; return d * d; } \
	} \
	return x; \
} \
\
static T \
pairwise_##SFX(const S *a, int64_t n, int64_t stride, SumTransform tf, T m) \
{ \
	if (n < 8) \
	{ \
		T			res = 0; \
\
		for (int64_t i = 0; i < n; i++) \
			res += transform_##SFX(tf, (T) a[i * stride], m); \
		return res; \
	} \
	else if (n <= MT_PW_BLOCKSIZE) \
	{ \
		T			r[8], \
					res; \
		int64_t		i; \
\
		for (int k = 0; k < 8; k++) \
			r[k] = transform_##SFX(tf, (T) a[k * stride], m); \
		for (i = 8; i < n - (n % 8); i += 8) \
			for (int k = 0; k < 8; k++) \
				r[k] += transform_##SFX(tf, (T) a[(i + k) * stride], m); \
		res = ((r[0] + r[1]) + (r[2] + r[3])) + \
			((r[4] + r[5]) + (r[6] + r[7])); \
		for (; i < n; i++) \
			res += transform_##SFX(tf, (T) a[i * stride], m); \
		return res; \
	} \
	else \
	{ \
		int64_t		n2 = n / 2; \
\
		n2 -= n2 % 8; \
		return pairwise_##SFX(a, n2, stride, tf, m) + \
			pairwise_##SFX(a + n2 * stride, n - n2, stride, tf, m); \
	} \
} \
\
/* acc[j] = sum over i of tf(s[i * inner + j]) (mean[j] for TF_SQDEV) */ \
static void \
sum_axis_##SFX(const S *s, int64_t len, int64_t inner, SumTransform tf, \
			   T param, const T *mean, T *acc) \
{ \
	if (inner == 1) \
	{ \
		acc[0] = 0; \
		for (int64_t b = 0; b < len; b += MT_NUMPY_BUFSIZE) \
			acc[0] += pairwise_##SFX(s + b, len - b < MT_NUMPY_BUFSIZE ? \
									 len - b : MT_NUMPY_BUFSIZE, 1, tf, \
									 mean ? mean[0] : param); \
		return; \
	} \
	for (int64_t j = 0; j < inner; j++) \
		acc[j] = 0; \
	if (tf == TF_NONE) \
	{ \
		/* the common case, kept free of the switch so it vectorizes */ \
		for (int64_t i = 0; i < len; i++) \
			for (int64_t j = 0; j < inner; j++) \
				acc[j] += (T) s[i * inner + j]; \
		return; \
	} \
	for (int64_t i = 0; i < len; i++) \
		for (int64_t j = 0; j < inner; j++) \
			acc[j] += transform_##SFX(tf, (T) s[i * inner + j], \
									  mean ? mean[j] : param); \
} \
\
/* one [len, inner] block of sum, mean, var, std, norm_p or norm_zero */ \
static void \
sum_block_##SFX(MtReduceOp op, const S *s, int64_t len, int64_t inner, \
				double param, T *acc, T *mean) \
{ \
	T			count = (T) len; \
\
	switch (op) \
	{ \
		case MT_REDUCE_SUM: \
			sum_axis_##SFX(s, len, inner, TF_NONE, 0, NULL, acc); \
			break; \
		case MT_REDUCE_MEAN: \
			sum_axis_##SFX(s, len, inner, TF_NONE, 0, NULL, acc); \
			for (int64_t j = 0; j < inner; j++) \
				acc[j] = acc[j] / count; \
			break; \
		case MT_REDUCE_VAR: \
		case MT_REDUCE_STD: \
		{ \
			/* numpy's _var: mean, (x - mean)^2, sum, / max(N - ddof, 0) */ \
			T			dof = (T) (len - param > 0 ? len - param : 0); \
\
			sum_axis_##SFX(s, len, inner, TF_NONE, 0, NULL, mean); \
			for (int64_t j = 0; j < inner; j++) \
				mean[j] = mean[j] / count; \
			sum_axis_##SFX(s, len, inner, TF_SQDEV, 0, mean, acc); \
			for (int64_t j = 0; j < inner; j++) \
			{ \
				acc[j] = acc[j] / dof; \
				if (op == MT_REDUCE_STD) \
					acc[j] = SQRT(acc[j]); \
			} \
			break; \
		} \
		case MT_REDUCE_NORM_P: \
			/* numpy.linalg.norm: add.reduce(|x|^p) ** (1 / p) */ \
			if (param == 1.0) \
				sum_axis_##SFX(s, len, inner, TF_ABS, 0, NULL, acc); \
			else if (param == 2.0) \
			{ \
				sum_axis_##SFX(s, len, inner, TF_SQUARE, 0, NULL, acc); \
				for (int64_t j = 0; j < inner; j++) \
					acc[j] = SQRT(acc[j]); \
			} \
			else \
			{ \
				sum_axis_##SFX(s, len, inner, TF_POW, (T) param, NULL, acc); \
				for (int64_t j = 0; j < inner; j++) \
					acc[j] = POW(acc[j], (T) (1.0 / param)); \
			} \
			break; \
		case MT_REDUCE_NORM_ZERO: \
			sum_axis_##SFX(s, len, inner, TF_NONZERO, 0, NULL, acc); \
			break; \
		default: \
			break; \
	} \
}

SUM_FAMILY(double, double, d, pow, sqrt)
SUM_FAMILY(float, float, f, powf, sqrtf)
/* float32 data into float64 results (chunked tiles' partial states) */
SUM_FAMILY(double, float, df, pow, sqrt)

static bool
is_sum_family(MtReduceOp op)
{
	return op == MT_REDUCE_SUM || op == MT_REDUCE_MEAN ||
		op == MT_REDUCE_VAR || op == MT_REDUCE_STD ||
		op == MT_REDUCE_NORM_P || op == MT_REDUCE_NORM_ZERO;
}

double
mt_pairwise_sum_f64(const double *a, int64_t n, int64_t stride)
{
	return pairwise_d(a, n, stride, TF_NONE, 0);
}

float
mt_pairwise_sum_f32(const float *a, int64_t n, int64_t stride)
{
	return pairwise_f(a, n, stride, TF_NONE, 0);
}

MtStatus
mt_reduce(MtReduceOp op, MtDtype dtype, const void *src, int64_t outer,
		  int64_t len, int64_t inner, double param, void *dst,
		  MtDtype dst_dtype, double *work, int64_t *iwork, MtPollFn poll,
		  void *poll_arg)
{
	int64_t		since_poll = 0;

	for (int64_t o = 0; o < outer; o++)
	{
		int64_t		base = o * len * inner;
		double	   *acc = work;

		if (is_sum_family(op) && dtype == MT_FLOAT32 && dst_dtype == MT_FLOAT32)
		{
			/* float32 in float32, as numpy; work has room for 4 * inner floats */
			float	   *accf = (float *) work;

			sum_block_f(op, (const float *) src + base, len, inner, param,
						accf, accf + inner);
			for (int64_t j = 0; j < inner; j++)
				store(dst, dst_dtype, o * inner + j, accf[j]);
		}
		else if (is_sum_family(op) && dtype == MT_FLOAT32)
		{
			sum_block_df(op, (const float *) src + base, len, inner, param,
						 acc, acc + inner);
			for (int64_t j = 0; j < inner; j++)
				store(dst, dst_dtype, o * inner + j, acc[j]);
		}
		else if (is_sum_family(op))
		{
			sum_block_d(op, (const double *) src + base, len, inner, param,
						acc, acc + inner);
			for (int64_t j = 0; j < inner; j++)
				store(dst, dst_dtype, o * inner + j, acc[j]);
		}
		else if (op == MT_REDUCE_PROD && dtype == MT_FLOAT32 && dst_dtype == MT_FLOAT32)
		{
			/* numpy multiplies float32 in float32, row after row */
			const float *s = (const float *) src + base;
			float	   *accf = (float *) work;

			for (int64_t j = 0; j < inner; j++)
				accf[j] = 1.0f;
			for (int64_t i = 0; i < len; i++)
				for (int64_t j = 0; j < inner; j++)
					accf[j] *= s[i * inner + j];
			for (int64_t j = 0; j < inner; j++)
				store(dst, dst_dtype, o * inner + j, accf[j]);
		}
		else
		{
			for (int64_t j = 0; j < inner; j++)
			{
				acc[j] = initial(op);
				iwork[j] = 0;
			}
			for (int64_t i = 0; i < len; i++)
				for (int64_t j = 0; j < inner; j++)
					fold(op, mt_load(src, dtype, base + i * inner + j),
						 i, &acc[j], &iwork[j]);
			for (int64_t j = 0; j < inner; j++)
			{
				double		v;

				if (op == MT_REDUCE_ARGMIN || op == MT_REDUCE_ARGMAX)
					v = (double) iwork[j];
				else
					v = acc[j];
				store(dst, dst_dtype, o * inner + j, v);
			}
		}

		since_poll += len * inner * 2;
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
