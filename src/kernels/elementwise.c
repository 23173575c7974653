/*
 * elementwise.c
 *	  Unary and broadcasting binary loops (see elementwise.h).  Each
 *	  operation is written once as an inline function per dtype; the loops
 *	  are generated from them so the compiler can vectorize the common,
 *	  same-shape and scalar, cases.
 */
#include "elementwise.h"

#include <tgmath.h>

#include "broadcast.h"

/* ---- the operations, per dtype ---- */

/* one body for both dtypes: <tgmath.h> picks sqrtf or sqrt by type */
#define UNARY_BODY(T) \
	switch (op) \
	{ \
		case MT_UNARY_NEG: return -x; \
		case MT_UNARY_ABS: return fabs(x); \
		case MT_UNARY_SQRT: return sqrt(x); \
		case MT_UNARY_EXP: return exp(x); \
		case MT_UNARY_LOG: return log(x); \
		case MT_UNARY_LOG1P: return log1p(x); \
		case MT_UNARY_EXPM1: return expm1(x); \
		case MT_UNARY_SIN: return sin(x); \
		case MT_UNARY_COS: return cos(x); \
		case MT_UNARY_TAN: return tan(x); \
		case MT_UNARY_TANH: return tanh(x); \
		case MT_UNARY_SIGMOID: \
			/* no overflow of exp for large |x| */ \
			if (x >= 0) \
				return (T) 1 / ((T) 1 + exp(-x)); \
			else \
			{ \
				T			e = exp(x); \
				return e / ((T) 1 + e); \
			} \
		case MT_UNARY_RELU: return (x > 0 || x != x) ? x : (T) 0; \
		case MT_UNARY_FLOOR: return floor(x); \
		case MT_UNARY_CEIL: return ceil(x); \
		/* numpy: +0 for both zeros, NaN stays NaN */ \
		case MT_UNARY_SIGN: return x > 0 ? (T) 1 : (x < 0 ? (T) -1 : (x == 0 ? (T) 0 : x)); \
		case MT_UNARY_SQUARE: return x * x; \
	} \
	return x

static inline double
unary_d(MtUnaryOp op, double x)
{
	UNARY_BODY(double);
}

static inline float
unary_f(MtUnaryOp op, float x)
{
	UNARY_BODY(float);
}

#define BINARY_BODY(T) \
	switch (op) \
	{ \
		case MT_BINARY_ADD: return a + b; \
		case MT_BINARY_SUB: return a - b; \
		case MT_BINARY_MUL: return a * b; \
		case MT_BINARY_DIV: return a / b; \
		case MT_BINARY_POW: return pow(a, b); \
		case MT_BINARY_MAXIMUM: return (a > b || a != a) ? a : b; \
		case MT_BINARY_MINIMUM: return (a < b || a != a) ? a : b; \
	} \
	return a

static inline double
binary_d(MtBinaryOp op, double a, double b)
{
	BINARY_BODY(double);
}

static inline float
binary_f(MtBinaryOp op, float a, float b)
{
	BINARY_BODY(float);
}

/* ---- loops ---- */

MtStatus
mt_unary(MtUnaryOp op, MtDtype dtype, const void *src, void *dst, int64_t n,
		 MtPollFn poll, void *poll_arg)
{
	for (int64_t start = 0; start < n; start += MT_POLL_ELEMENTS)
	{
		int64_t		end = n - start < MT_POLL_ELEMENTS ? n : start + MT_POLL_ELEMENTS;

		if (start > 0 && poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		if (dtype == MT_FLOAT32)
		{
			const float *s = (const float *) src;
			float	   *d = (float *) dst;

			for (int64_t i = start; i < end; i++)
				d[i] = unary_f(op, s[i]);
		}
		else
		{
			const double *s = (const double *) src;
			double	   *d = (double *) dst;

			for (int64_t i = start; i < end; i++)
				d[i] = unary_d(op, s[i]);
		}
	}
	return MT_OK;
}

/*
 * One line of the output: n elements, a and b advancing by sa and sb
 * (0 for a broadcast operand, 1 otherwise).
 */
#define BINARY_LINE(T, FN) \
	do { \
		const T *pa = (const T *) a; \
		const T *pb = (const T *) b; \
		T		   *pc = (T *) c; \
		if (sa == 1 && sb == 1) \
			for (int64_t i = 0; i < n; i++) pc[i] = FN(op, pa[i], pb[i]); \
		else if (sa == 1) \
		{ \
			T			vb = pb[0]; \
			for (int64_t i = 0; i < n; i++) pc[i] = FN(op, pa[i], vb); \
		} \
		else if (sb == 1) \
		{ \
			T			va = pa[0]; \
			for (int64_t i = 0; i < n; i++) pc[i] = FN(op, va, pb[i]); \
		} \
		else \
		{ \
			T			v = FN(op, pa[0], pb[0]); \
			for (int64_t i = 0; i < n; i++) pc[i] = v; \
		} \
	} while (0)

static void
binary_line(MtBinaryOp op, MtDtype dtype, const void *a, int64_t sa,
			const void *b, int64_t sb, void *c, int64_t n)
{
	if (dtype == MT_FLOAT32)
		BINARY_LINE(float, binary_f);
	else
		BINARY_LINE(double, binary_d);
}

MtStatus
mt_binary(MtBinaryOp op, MtDtype dtype, int ndim, const int64_t *dims,
		  int ndim_a, const int32_t *dims_a, const void *a, int ndim_b,
		  const int32_t *dims_b, const void *b, void *c, MtPollFn poll,
		  void *poll_arg)
{
	size_t		elem = mt_dtype_size(dtype);
	int64_t		total = 1;
	int64_t		size_a = 1,
				size_b = 1;
	int64_t		inner;
	int64_t		lines;
	int64_t		since_poll = 0;
	MtBroadcastIter it;

	for (int i = 0; i < ndim; i++)
		total *= dims[i];
	for (int i = 0; i < ndim_a; i++)
		size_a *= dims_a[i];
	for (int i = 0; i < ndim_b; i++)
		size_b *= dims_b[i];
	if (total == 0)
		return MT_OK;

	/* same shape, or one side a single element: one flat line */
	if ((size_a == total || size_a == 1) && (size_b == total || size_b == 1))
	{
		for (int64_t start = 0; start < total; start += MT_POLL_ELEMENTS)
		{
			int64_t		len = total - start < MT_POLL_ELEMENTS ? total - start : MT_POLL_ELEMENTS;

			if (start > 0 && poll != NULL && poll(poll_arg))
				return MT_ERR_CANCELED;
			binary_line(op, dtype,
						(const char *) a + (size_a == 1 ? 0 : start * (int64_t) elem),
						size_a == 1 ? 0 : 1,
						(const char *) b + (size_b == 1 ? 0 : start * (int64_t) elem),
						size_b == 1 ? 0 : 1,
						(char *) c + start * (int64_t) elem, len);
		}
		return MT_OK;
	}

	/* general broadcast: the iterator walks every axis but the last */
	mt_broadcast_iter_init(&it, ndim, dims, ndim_a, dims_a, ndim_b, dims_b);
	inner = dims[ndim - 1];
	lines = total / inner;
	{
		int64_t		sa = it.stride_a[ndim - 1];
		int64_t		sb = it.stride_b[ndim - 1];

		/* the iterator steps the last axis one element at a time; walk
		 * whole lines by advancing it `inner` times' worth at once */
		it.dims[ndim - 1] = 1;
		for (int64_t line = 0; line < lines; line++)
		{
			if (since_poll >= MT_POLL_ELEMENTS)
			{
				if (poll != NULL && poll(poll_arg))
					return MT_ERR_CANCELED;
				since_poll = 0;
			}
			binary_line(op, dtype,
						(const char *) a + it.offset_a * (int64_t) elem, sa,
						(const char *) b + it.offset_b * (int64_t) elem, sb,
						(char *) c + line * inner * (int64_t) elem, inner);
			since_poll += inner;
			mt_broadcast_iter_next(&it);
		}
	}
	return MT_OK;
}

MtStatus
mt_clip(MtDtype dtype, const void *src, void *dst, int64_t n, double lo,
		double hi, MtPollFn poll, void *poll_arg)
{
	for (int64_t start = 0; start < n; start += MT_POLL_ELEMENTS)
	{
		int64_t		end = n - start < MT_POLL_ELEMENTS ? n : start + MT_POLL_ELEMENTS;

		if (start > 0 && poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		if (dtype == MT_FLOAT32)
		{
			const float *s = (const float *) src;
			float	   *d = (float *) dst;
			float		l = (float) lo,
						h = (float) hi;

			for (int64_t i = start; i < end; i++)
			{
				float		x = s[i];

				if (lo == lo)
					x = binary_f(MT_BINARY_MAXIMUM, x, l);
				if (hi == hi)
					x = binary_f(MT_BINARY_MINIMUM, x, h);
				d[i] = x;
			}
		}
		else
		{
			const double *s = (const double *) src;
			double	   *d = (double *) dst;

			for (int64_t i = start; i < end; i++)
			{
				double		x = s[i];

				if (lo == lo)
					x = binary_d(MT_BINARY_MAXIMUM, x, lo);
				if (hi == hi)
					x = binary_d(MT_BINARY_MINIMUM, x, hi);
				d[i] = x;
			}
		}
	}
	return MT_OK;
}

/*
 * numpy's power_of_ten (multiarray/calculation.c): exact table up to 1e8,
 * then repeated multiplication by 10, which differs from pow(10, n) in the
 * last bit for some n above 22.
 */
static double
power_of_ten(int n)
{
	static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
	double		ret;

	if (n < 9)
		return p10[n];
	ret = 1e9;
	while (n-- > 9)
		ret *= 10.;
	return ret;
}

/*
 * numpy.round as PyArray_Round computes it, every step in the data's
 * dtype: rint(x * f) / f, or rint(x / f) * f for negative decimals, with
 * f = 10^|decimals| rounded to the dtype.
 */
#define ROUND_LOOP(T, RINT) \
	do { \
		const T *s = (const T *) src; \
		T		   *d = (T *) dst; \
		T			f = (T) power_of_ten(decimals < 0 ? -decimals : decimals); \
		for (int64_t i = start; i < end; i++) \
		{ \
			T			x = s[i]; \
			if (decimals == 0) \
				d[i] = RINT(x); \
			else if (decimals > 0) \
			{ \
				T			y = RINT(x * f); \
				d[i] = y / f; \
			} \
			else \
			{ \
				T			y = RINT(x / f); \
				d[i] = y * f; \
			} \
		} \
	} while (0)

MtStatus
mt_round(MtDtype dtype, const void *src, void *dst, int64_t n, int decimals,
		 MtPollFn poll, void *poll_arg)
{
	for (int64_t start = 0; start < n; start += MT_POLL_ELEMENTS)
	{
		int64_t		end = n - start < MT_POLL_ELEMENTS ? n : start + MT_POLL_ELEMENTS;

		if (start > 0 && poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		if (dtype == MT_FLOAT32)
			ROUND_LOOP(float, nearbyintf);
		else
			ROUND_LOOP(double, nearbyint);
	}
	return MT_OK;
}
