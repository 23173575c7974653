/*
 * reduce.c
 *	  Axis reductions (see reduce.h).  For each outer block the axis is
 *	  walked row by row, updating inner accumulators side by side, so the
 *	  memory is read once, in order, whatever the axis; sums along the
 *	  last axis are pairwise, in numpy's order (see "the sum family").
 */
#include "reduce.h"

#include <math.h>

#include "dtype_dispatch.h"
#include "elements.h"
#include "float16.h"

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

/* a float result into dst of a float dtype (or int64 for indices) */
static inline void
store(void *dst, MtDtype dtype, int64_t i, double v)
{
	switch (dtype)
	{
		case MT_FLOAT32:
			((float *) dst)[i] = (float) v;
			break;
		case MT_FLOAT16:
			((uint16_t *) dst)[i] = mt_double_to_half(v);
			break;
		case MT_INT64:
			((int64_t *) dst)[i] = (int64_t) v;
			break;
		default:
			((double *) dst)[i] = v;
			break;
	}
}

/* an exact result into dst of an exact dtype (narrowing wraps) */
static inline void
store_exact(void *dst, MtDtype dtype, int64_t i, int64_t v)
{
	switch (dtype)
	{
		case MT_BOOL:
		case MT_UINT8:
			((uint8_t *) dst)[i] = (uint8_t) v;
			break;
		case MT_INT8:
			((int8_t *) dst)[i] = (int8_t) v;
			break;
		case MT_INT16:
			((int16_t *) dst)[i] = (int16_t) v;
			break;
		case MT_INT32:
			((int32_t *) dst)[i] = (int32_t) v;
			break;
		case MT_FLOAT64:
			((double *) dst)[i] = (double) v;
			break;
		default:
			((int64_t *) dst)[i] = v;
			break;
	}
}

/*
 * ---- bool and integers: sum and prod in int64, wrapping as numpy's
 * int64 loops do (two's complement, computed unsigned so C has no
 * overflow); min, max and their indices compared exactly ----
 */
static inline void
exact_fold(MtReduceOp op, int64_t x, int64_t i, int64_t *acc, int64_t *idx)
{
	switch (op)
	{
		case MT_REDUCE_SUM:
			*acc = (int64_t) ((uint64_t) *acc + (uint64_t) x);
			break;
		case MT_REDUCE_PROD:
			*acc = (int64_t) ((uint64_t) *acc * (uint64_t) x);
			break;
		case MT_REDUCE_MIN:
		case MT_REDUCE_ARGMIN:
			if (i == 0 || x < *acc)
			{
				*acc = x;
				*idx = i;
			}
			break;
		case MT_REDUCE_MAX:
		case MT_REDUCE_ARGMAX:
			if (i == 0 || x > *acc)
			{
				*acc = x;
				*idx = i;
			}
			break;
		default:
			break;
	}
}

/* whole-axis loops with a local accumulator, so they vectorize */
#define EXACT_BLOCK(T, NAME) \
	do { \
		const T    *s = (const T *) src + base; \
		if (inner == 1 && op == MT_REDUCE_SUM) \
		{ \
			uint64_t	a[4] = {0}; \
			int64_t		i = 0; \
			for (; i + 4 <= len; i += 4) \
				for (int k = 0; k < 4; k++) \
					a[k] += (uint64_t) (int64_t) s[i + k]; \
			for (; i < len; i++) \
				a[0] += (uint64_t) (int64_t) s[i]; \
			acc[0] = (int64_t) (a[0] + a[1] + a[2] + a[3]); \
		} \
		else if (inner == 1 && (op == MT_REDUCE_MIN || op == MT_REDUCE_MAX) && len > 0) \
		{ \
			T			m[8]; \
			int64_t		i = 0; \
			bool		is_min = op == MT_REDUCE_MIN; \
			for (int k = 0; k < 8; k++) \
				m[k] = s[0]; \
			for (; i + 8 <= len; i += 8) \
			{ \
				if (is_min) \
					for (int k = 0; k < 8; k++) \
						m[k] = s[i + k] < m[k] ? s[i + k] : m[k]; \
				else \
					for (int k = 0; k < 8; k++) \
						m[k] = s[i + k] > m[k] ? s[i + k] : m[k]; \
			} \
			for (; i < len; i++) \
				m[0] = is_min ? (s[i] < m[0] ? s[i] : m[0]) : (s[i] > m[0] ? s[i] : m[0]); \
			for (int k = 1; k < 8; k++) \
				m[0] = is_min ? (m[k] < m[0] ? m[k] : m[0]) : (m[k] > m[0] ? m[k] : m[0]); \
			acc[0] = (int64_t) m[0]; \
		} \
		else if (op == MT_REDUCE_SUM) \
		{ \
			for (int64_t i = 0; i < len; i++) \
				for (int64_t j = 0; j < inner; j++) \
					acc[j] = (int64_t) ((uint64_t) acc[j] + \
										(uint64_t) (int64_t) s[i * inner + j]); \
		} \
		else \
		{ \
			for (int64_t i = 0; i < len; i++) \
				for (int64_t j = 0; j < inner; j++) \
					exact_fold(op, (int64_t) s[i * inner + j], i, &acc[j], &idx[j]); \
		} \
	} while (0)

static void
exact_block(MtReduceOp op, MtDtype dtype, const void *src, int64_t base,
			int64_t len, int64_t inner, int64_t *acc, int64_t *idx)
{
	for (int64_t j = 0; j < inner; j++)
	{
		acc[j] = op == MT_REDUCE_PROD ? 1 : 0;
		idx[j] = 0;
	}
	MT_DISPATCH_EXACT(dtype, EXACT_BLOCK);
}

/*
 * Counts the true elements of each [len] column (k is the element index,
 * s the data at base); any and all follow from the count.
 */
#define TRUTH_COUNT(T, TRUE_AT) \
	do { \
		const T    *s = (const T *) src; \
		if (inner == 1) \
		{ \
			int64_t		c = 0; \
			for (int64_t k = base; k < base + len; k++) \
				c += (TRUE_AT) ? 1 : 0; \
			acc[0] = c; \
		} \
		else \
			for (int64_t i = 0; i < len; i++) \
				for (int64_t j = 0; j < inner; j++) \
				{ \
					int64_t		k = base + i * inner + j; \
					acc[j] += (TRUE_AT) ? 1 : 0; \
				} \
	} while (0)

/* any, all, count_nonzero: the truth of every element, any dtype */
static void
truth_block(MtReduceOp op, MtDtype dtype, const void *src, int64_t base,
			int64_t len, int64_t inner, int64_t *acc)
{
	for (int64_t j = 0; j < inner; j++)
		acc[j] = 0;
	switch (dtype)
	{
		case MT_FLOAT32:
			TRUTH_COUNT(float, s[k] != 0);
			break;
		case MT_FLOAT64:
			TRUTH_COUNT(double, s[k] != 0);
			break;
		case MT_FLOAT16:
			TRUTH_COUNT(uint16_t, (s[k] & 0x7fff) != 0);
			break;
		case MT_COMPLEX64:
			TRUTH_COUNT(float, s[2 * k] != 0 || s[2 * k + 1] != 0);
			break;
		case MT_COMPLEX128:
			TRUTH_COUNT(double, s[2 * k] != 0 || s[2 * k + 1] != 0);
			break;
		case MT_INT16:
			TRUTH_COUNT(int16_t, s[k] != 0);
			break;
		case MT_INT32:
			TRUTH_COUNT(int32_t, s[k] != 0);
			break;
		case MT_INT64:
			TRUTH_COUNT(int64_t, s[k] != 0);
			break;
		default:				/* bool, int8, uint8 */
			TRUTH_COUNT(uint8_t, s[k] != 0);
			break;
	}
	if (op == MT_REDUCE_ANY)
		for (int64_t j = 0; j < inner; j++)
			acc[j] = acc[j] > 0;
	else if (op == MT_REDUCE_ALL)
		for (int64_t j = 0; j < inner; j++)
			acc[j] = acc[j] == len;
}

/*
 * ---- complex: sum, mean and prod part by part in the parts' type (float
 * for complex64), added in turn ----
 */
#define COMPLEX_BLOCK(C) \
	do { \
		const C    *s = (const C *) src + 2 * base; \
		C		   *re = (C *) work, \
				   *im = re + inner; \
		C		   *d = (C *) dst + 2 * o * inner; \
		for (int64_t j = 0; j < inner; j++) \
		{ \
			re[j] = op == MT_REDUCE_PROD ? 1 : 0; \
			im[j] = 0; \
		} \
		for (int64_t i = 0; i < len; i++) \
			for (int64_t j = 0; j < inner; j++) \
			{ \
				C			xr = s[2 * (i * inner + j)], \
							xi = s[2 * (i * inner + j) + 1]; \
				if (op == MT_REDUCE_PROD) \
				{ \
					C			r = re[j] * xr - im[j] * xi; \
					im[j] = re[j] * xi + im[j] * xr; \
					re[j] = r; \
				} \
				else \
				{ \
					re[j] += xr; \
					im[j] += xi; \
				} \
			} \
		for (int64_t j = 0; j < inner; j++) \
		{ \
			if (op == MT_REDUCE_MEAN) \
			{ \
				re[j] /= (C) len; \
				im[j] /= (C) len; \
			} \
			d[2 * j] = re[j]; \
			d[2 * j + 1] = im[j]; \
		} \
	} while (0)

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

#define SUM_FAMILY(T, S, SFX, POW, SQRT, LOAD) \
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
			res += transform_##SFX(tf, LOAD(T, a[i * stride]), m); \
		return res; \
	} \
	else if (n <= MT_PW_BLOCKSIZE) \
	{ \
		T			r[8], \
					res; \
		int64_t		i; \
\
		for (int k = 0; k < 8; k++) \
			r[k] = transform_##SFX(tf, LOAD(T, a[k * stride]), m); \
		for (i = 8; i < n - (n % 8); i += 8) \
			for (int k = 0; k < 8; k++) \
				r[k] += transform_##SFX(tf, LOAD(T, a[(i + k) * stride]), m); \
		res = ((r[0] + r[1]) + (r[2] + r[3])) + \
			((r[4] + r[5]) + (r[6] + r[7])); \
		for (; i < n; i++) \
			res += transform_##SFX(tf, LOAD(T, a[i * stride]), m); \
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
				acc[j] += LOAD(T, s[i * inner + j]); \
		return; \
	} \
	for (int64_t i = 0; i < len; i++) \
		for (int64_t j = 0; j < inner; j++) \
			acc[j] += transform_##SFX(tf, LOAD(T, s[i * inner + j]), \
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

#define LOAD_PLAIN(T, x) ((T) (x))
#define LOAD_HALF(T, x) ((T) mt_half_to_float(x))

SUM_FAMILY(double, double, d, pow, sqrt, LOAD_PLAIN)
SUM_FAMILY(float, float, f, powf, sqrtf, LOAD_PLAIN)
/* float32 data into float64 results (chunked tiles' partial states) */
SUM_FAMILY(double, float, df, pow, sqrt, LOAD_PLAIN)
/* float16 computed in float32, as numpy's half loops and _mean do */
SUM_FAMILY(float, uint16_t, h, powf, sqrtf, LOAD_HALF)
/* bool and integers into float64 (mean, var, std: numpy's dtype='f8') */
SUM_FAMILY(double, uint8_t, u8, pow, sqrt, LOAD_PLAIN)
SUM_FAMILY(double, int8_t, i8, pow, sqrt, LOAD_PLAIN)
SUM_FAMILY(double, int16_t, i16, pow, sqrt, LOAD_PLAIN)
SUM_FAMILY(double, int32_t, i32, pow, sqrt, LOAD_PLAIN)
SUM_FAMILY(double, int64_t, i64, pow, sqrt, LOAD_PLAIN)

/*
 * ---- complex min, max, argmin, argmax: numpy's lexicographic order
 * (real part, then imaginary part), a value with a NaN part winning ----
 *
 * min / max fold as numpy's CDOUBLE_minimum / maximum: the accumulator is
 * kept while it has a NaN part or is <= (>=) the element; argmin / argmax
 * as numpy's CDOUBLE_argmin / argmax: the first element strictly beyond,
 * or the first with a NaN part.
 */
#define C_ISNAN(x) ((x) != (x))
#define C_LE(xr, xi, yr, yi) \
	(((xr) < (yr) && !C_ISNAN(xi) && !C_ISNAN(yi)) || ((xr) == (yr) && (xi) <= (yi)))
#define C_GE(xr, xi, yr, yi) \
	(((xr) > (yr) && !C_ISNAN(xi) && !C_ISNAN(yi)) || ((xr) == (yr) && (xi) >= (yi)))

#define COMPLEX_ORDER_BLOCK(C) \
	do { \
		const C    *s = (const C *) src + 2 * base; \
		C		   *re = (C *) work, \
				   *im = re + inner; \
		for (int64_t j = 0; j < inner; j++) \
		{ \
			re[j] = s[2 * j]; \
			im[j] = s[2 * j + 1]; \
			iwork[j] = 0; \
		} \
		for (int64_t i = 1; i < len; i++) \
			for (int64_t j = 0; j < inner; j++) \
			{ \
				C			xr = s[2 * (i * inner + j)], \
							xi = s[2 * (i * inner + j) + 1]; \
				bool		acc_nan = C_ISNAN(re[j]) || C_ISNAN(im[j]); \
				bool		take; \
				switch (op) \
				{ \
					case MT_REDUCE_MIN: \
						take = !(acc_nan || C_LE(re[j], im[j], xr, xi)); \
						break; \
					case MT_REDUCE_MAX: \
						take = !(acc_nan || C_GE(re[j], im[j], xr, xi)); \
						break; \
					case MT_REDUCE_ARGMIN: \
						take = !acc_nan && \
							(xr < re[j] || (xr == re[j] && xi < im[j]) || \
							 C_ISNAN(xr) || C_ISNAN(xi)); \
						break; \
					default: \
						take = !acc_nan && \
							(xr > re[j] || (xr == re[j] && xi > im[j]) || \
							 C_ISNAN(xr) || C_ISNAN(xi)); \
						break; \
				} \
				if (take) \
				{ \
					re[j] = xr; \
					im[j] = xi; \
					iwork[j] = i; \
				} \
			} \
		for (int64_t j = 0; j < inner; j++) \
		{ \
			if (op == MT_REDUCE_ARGMIN || op == MT_REDUCE_ARGMAX) \
				store_exact(dst, dst_dtype, o * inner + j, iwork[j]); \
			else \
			{ \
				((C *) dst)[2 * (o * inner + j)] = re[j]; \
				((C *) dst)[2 * (o * inner + j) + 1] = im[j]; \
			} \
		} \
	} while (0)

/*
 * complex var and std, as numpy's _var: the mean, then the sum of
 * (x - mean) * conj(x - mean), real, divided by max(N - ddof, 0); the
 * result is real (float32 for complex64), added in turn in the parts' type
 */
#define COMPLEX_VAR_BLOCK(C, SQRT) \
	do { \
		const C    *s = (const C *) src + 2 * base; \
		C		   *mr = (C *) work, \
				   *mi = mr + inner; \
		C		   *v = (C *) iwork; \
		C			dof = (C) (len - param > 0 ? len - param : 0); \
		for (int64_t j = 0; j < inner; j++) \
			mr[j] = mi[j] = 0; \
		for (int64_t i = 0; i < len; i++) \
			for (int64_t j = 0; j < inner; j++) \
			{ \
				mr[j] += s[2 * (i * inner + j)]; \
				mi[j] += s[2 * (i * inner + j) + 1]; \
			} \
		for (int64_t j = 0; j < inner; j++) \
		{ \
			mr[j] /= (C) len; \
			mi[j] /= (C) len; \
			v[j] = 0; \
		} \
		for (int64_t i = 0; i < len; i++) \
			for (int64_t j = 0; j < inner; j++) \
			{ \
				C			dr = s[2 * (i * inner + j)] - mr[j], \
							di = s[2 * (i * inner + j) + 1] - mi[j]; \
				v[j] += dr * dr + di * di; \
			} \
		for (int64_t j = 0; j < inner; j++) \
		{ \
			C			r = v[j] / dof; \
			((C *) dst)[o * inner + j] = op == MT_REDUCE_STD ? SQRT(r) : r; \
		} \
	} while (0)

/*
 * ---- float16 sum and prod: in float32, rounded to float16 where numpy
 * stores its accumulator: once per buffer of MT_NUMPY_BUFSIZE elements
 * along the last axis, after every row along any other ----
 */
static inline float
round_half(float x)
{
	return mt_half_to_float(mt_float_to_half(x));
}

static void
half_block(MtReduceOp op, const uint16_t *s, int64_t len, int64_t inner,
		   float *acc)
{
	bool		prod = op == MT_REDUCE_PROD;

	if (inner == 1)
	{
		acc[0] = prod ? 1.0f : 0.0f;
		for (int64_t b = 0; b < len; b += MT_NUMPY_BUFSIZE)
		{
			int64_t		n = len - b < MT_NUMPY_BUFSIZE ? len - b : MT_NUMPY_BUFSIZE;

			if (prod)
			{
				float		p = acc[0];

				for (int64_t i = 0; i < n; i++)
					p *= mt_half_to_float(s[b + i]);
				acc[0] = round_half(p);
			}
			else
				acc[0] = round_half(acc[0] +
									pairwise_h(s + b, n, 1, TF_NONE, 0));
		}
		return;
	}
	for (int64_t j = 0; j < inner; j++)
		acc[j] = prod ? 1.0f : 0.0f;
	for (int64_t i = 0; i < len; i++)
		for (int64_t j = 0; j < inner; j++)
		{
			float		x = mt_half_to_float(s[i * inner + j]);

			acc[j] = round_half(prod ? acc[j] * x : acc[j] + x);
		}
}

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

/* one [len, inner] block of the sum family from src of any real dtype */
static void
sum_block_any(MtReduceOp op, MtDtype dtype, const void *src, int64_t base,
			  int64_t len, int64_t inner, double param, double *acc)
{
	switch (dtype)
	{
		case MT_FLOAT32:
			sum_block_df(op, (const float *) src + base, len, inner, param,
						 acc, acc + inner);
			break;
		case MT_BOOL:
		case MT_UINT8:
			sum_block_u8(op, (const uint8_t *) src + base, len, inner, param,
						 acc, acc + inner);
			break;
		case MT_INT8:
			sum_block_i8(op, (const int8_t *) src + base, len, inner, param,
						 acc, acc + inner);
			break;
		case MT_INT16:
			sum_block_i16(op, (const int16_t *) src + base, len, inner, param,
						  acc, acc + inner);
			break;
		case MT_INT32:
			sum_block_i32(op, (const int32_t *) src + base, len, inner, param,
						  acc, acc + inner);
			break;
		case MT_INT64:
			sum_block_i64(op, (const int64_t *) src + base, len, inner, param,
						  acc, acc + inner);
			break;
		default:
			sum_block_d(op, (const double *) src + base, len, inner, param,
						acc, acc + inner);
			break;
	}
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

		if (op == MT_REDUCE_ANY || op == MT_REDUCE_ALL ||
			op == MT_REDUCE_COUNT_NONZERO)
		{
			int64_t    *iacc = (int64_t *) work;

			truth_block(op, dtype, src, base, len, inner, iacc);
			for (int64_t j = 0; j < inner; j++)
				store_exact(dst, dst_dtype, o * inner + j, iacc[j]);
		}
		else if (mt_dtype_is_exact(dtype) &&
				 (op == MT_REDUCE_SUM || op == MT_REDUCE_PROD ||
				  op == MT_REDUCE_MIN || op == MT_REDUCE_MAX ||
				  op == MT_REDUCE_ARGMIN || op == MT_REDUCE_ARGMAX))
		{
			int64_t    *iacc = (int64_t *) work;

			exact_block(op, dtype, src, base, len, inner, iacc, iwork);
			for (int64_t j = 0; j < inner; j++)
				store_exact(dst, dst_dtype, o * inner + j,
							(op == MT_REDUCE_ARGMIN || op == MT_REDUCE_ARGMAX) ?
							iwork[j] : iacc[j]);
		}
		else if (mt_dtype_is_complex(dtype) &&
				 (op == MT_REDUCE_MIN || op == MT_REDUCE_MAX ||
				  op == MT_REDUCE_ARGMIN || op == MT_REDUCE_ARGMAX))
		{
			if (dtype == MT_COMPLEX64)
				COMPLEX_ORDER_BLOCK(float);
			else
				COMPLEX_ORDER_BLOCK(double);
		}
		else if (mt_dtype_is_complex(dtype) &&
				 (op == MT_REDUCE_VAR || op == MT_REDUCE_STD))
		{
			if (dtype == MT_COMPLEX64)
				COMPLEX_VAR_BLOCK(float, sqrtf);
			else
				COMPLEX_VAR_BLOCK(double, sqrt);
		}
		else if (mt_dtype_is_complex(dtype))
		{
			/* sum, mean and prod (the glue refuses norms) */
			if (dtype == MT_COMPLEX64)
				COMPLEX_BLOCK(float);
			else
				COMPLEX_BLOCK(double);
		}
		else if (dtype == MT_FLOAT16 &&
				 (op == MT_REDUCE_SUM || op == MT_REDUCE_PROD))
		{
			float	   *accf = (float *) work;

			half_block(op, (const uint16_t *) src + base, len, inner, accf);
			for (int64_t j = 0; j < inner; j++)
				store(dst, dst_dtype, o * inner + j, accf[j]);
		}
		else if (is_sum_family(op) && dtype == MT_FLOAT16)
		{
			/* float16 in float32, as numpy's _mean; work holds 4 * inner floats */
			float	   *accf = (float *) work;

			sum_block_h(op, (const uint16_t *) src + base, len, inner, param,
						accf, accf + inner);
			for (int64_t j = 0; j < inner; j++)
				store(dst, dst_dtype, o * inner + j, accf[j]);
		}
		else if (is_sum_family(op) && dtype == MT_FLOAT32 && dst_dtype == MT_FLOAT32)
		{
			/* float32 in float32, as numpy; work has room for 4 * inner floats */
			float	   *accf = (float *) work;

			sum_block_f(op, (const float *) src + base, len, inner, param,
						accf, accf + inner);
			for (int64_t j = 0; j < inner; j++)
				store(dst, dst_dtype, o * inner + j, accf[j]);
		}
		else if (is_sum_family(op))
		{
			sum_block_any(op, dtype, src, base, len, inner, param, acc);
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
			/* float16, float32 and float64 widen to double exactly */
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
	return mt_accumulate(false, dtype, src, outer, len, inner, dst, dtype,
						 poll, poll_arg);
}

#define ACCUMULATE_LOOP(T, EXPR) \
	do { \
		const T    *s = (const T *) src + base; \
		for (int64_t i = 0; i < len; i++) \
			for (int64_t j = 0; j < inner; j++) \
			{ \
				int64_t		k = i * inner + j; \
				int64_t		p = k - inner; \
				(void) p; \
				EXPR; \
			} \
	} while (0)

#define ACCUMULATE_EXACT(T, NAME) \
	ACCUMULATE_LOOP(T, d[k] = i == 0 ? (int64_t) s[k] : \
					(int64_t) (prod ? (uint64_t) d[p] * (uint64_t) (int64_t) s[k] : \
							   (uint64_t) d[p] + (uint64_t) (int64_t) s[k]))

#define ACCUMULATE_COMPLEX(C) \
	do { \
		const C    *s = (const C *) src + 2 * base; \
		C		   *d = (C *) dst + 2 * base; \
		for (int64_t i = 0; i < len; i++) \
			for (int64_t j = 0; j < inner; j++) \
			{ \
				int64_t		k = 2 * (i * inner + j), \
							p = k - 2 * inner; \
				if (i == 0) \
				{ \
					d[k] = s[k]; \
					d[k + 1] = s[k + 1]; \
				} \
				else if (prod) \
				{ \
					C			r = d[p] * s[k] - d[p + 1] * s[k + 1]; \
					d[k + 1] = d[p] * s[k + 1] + d[p + 1] * s[k]; \
					d[k] = r; \
				} \
				else \
				{ \
					d[k] = d[p] + s[k]; \
					d[k + 1] = d[p + 1] + s[k + 1]; \
				} \
			} \
	} while (0)

MtStatus
mt_accumulate(bool prod, MtDtype dtype, const void *src, int64_t outer,
			  int64_t len, int64_t inner, void *dst, MtDtype dst_dtype,
			  MtPollFn poll, void *poll_arg)
{
	for (int64_t o = 0; o < outer; o++)
	{
		int64_t		base = o * len * inner;

		if (poll != NULL && (o & 1023) == 1023 && poll(poll_arg))
			return MT_ERR_CANCELED;
		if (mt_dtype_is_exact(dtype))
		{
			/* bool and integers in int64, wrapping (dst is int64) */
			int64_t    *d = (int64_t *) dst + base;

			(void) dst_dtype;
			MT_DISPATCH_EXACT(dtype, ACCUMULATE_EXACT);
		}
		else if (dtype == MT_FLOAT16)
		{
			/* numpy's half add/multiply: float32, rounded at every step */
			uint16_t   *d = (uint16_t *) dst + base;

			ACCUMULATE_LOOP(uint16_t,
							d[k] = i == 0 ? s[k] :
							mt_float_to_half(prod ?
											 mt_half_to_float(d[p]) * mt_half_to_float(s[k]) :
											 mt_half_to_float(d[p]) + mt_half_to_float(s[k])));
		}
		else if (dtype == MT_FLOAT32)
		{
			float	   *d = (float *) dst + base;

			ACCUMULATE_LOOP(float, d[k] = i == 0 ? s[k] :
							(prod ? d[p] * s[k] : d[p] + s[k]));
		}
		else if (dtype == MT_FLOAT64)
		{
			double	   *d = (double *) dst + base;

			ACCUMULATE_LOOP(double, d[k] = i == 0 ? s[k] :
							(prod ? d[p] * s[k] : d[p] + s[k]));
		}
		else if (dtype == MT_COMPLEX64)
			ACCUMULATE_COMPLEX(float);
		else
			ACCUMULATE_COMPLEX(double);
	}
	return MT_OK;
}
