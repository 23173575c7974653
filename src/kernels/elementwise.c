/*
 * elementwise.c
 *	  Unary and broadcasting binary loops for every dtype (see
 *	  elementwise.h).  Each (dtype, operation) pair is its own loop: the
 *	  switch over the operation is outside the loop, never inside, so the
 *	  compiler can vectorize the common same-shape and scalar cases.
 *	  Integer arithmetic is done in unsigned types so that it wraps
 *	  (two's complement) without undefined behaviour.
 */
#include "elementwise.h"

#include <complex.h>
#include <string.h>
#include <tgmath.h>

#include "broadcast.h"

typedef float _Complex mt_cfloat;
typedef double _Complex mt_cdouble;

/* ---- which loop numpy runs ---- */

MtDtype
mt_unary_loop(MtUnaryOp op, MtDtype in, MtDtype *result)
{
	bool		complex_in = mt_dtype_is_complex(in);

	switch (op)
	{
		case MT_UNARY_ISNAN:
		case MT_UNARY_ISINF:
		case MT_UNARY_ISFINITE:
		case MT_UNARY_LOGICAL_NOT:
			*result = MT_BOOL;
			return mt_dtype_compute(in);
		case MT_UNARY_SIGNBIT:
		case MT_UNARY_ISNEGINF:
		case MT_UNARY_ISPOSINF:
			if (complex_in)
				return MT_DTYPE_INVALID;
			*result = MT_BOOL;
			return mt_dtype_compute(in);
		case MT_UNARY_POSITIVE:
			if (in == MT_BOOL)
				return MT_DTYPE_INVALID;
			break;
		case MT_UNARY_NEG:
			if (in == MT_BOOL)
				return MT_DTYPE_INVALID;
			break;
		case MT_UNARY_ABS:
			if (complex_in)
			{
				*result = in == MT_COMPLEX64 ? MT_FLOAT32 : MT_FLOAT64;
				return in;
			}
			break;
		case MT_UNARY_SIGN:
			if (in == MT_BOOL || complex_in)
				return MT_DTYPE_INVALID;
			break;
		case MT_UNARY_SQUARE:
			if (in == MT_BOOL)
			{
				*result = MT_INT8;
				return MT_INT8;
			}
			break;
		case MT_UNARY_RELU:
			if (complex_in)
				return MT_DTYPE_INVALID;
			break;
		case MT_UNARY_SQRT:
		case MT_UNARY_EXP:
		case MT_UNARY_LOG:
			if (complex_in)
			{
				*result = in;
				return in;
			}
			/* float-only otherwise */
			*result = mt_dtype_inexact_of(in);
			return mt_dtype_compute(*result);
		default:
			/* float-only ufuncs: integers give float16/32/64 */
			if (complex_in)
				return MT_DTYPE_INVALID;
			*result = mt_dtype_inexact_of(in);
			return mt_dtype_compute(*result);
	}
	*result = in;
	return mt_dtype_compute(in);
}

MtDtype
mt_binary_loop(MtBinaryOp op, MtDtype promoted, MtDtype *result)
{
	if (mt_binary_is_predicate(op))
	{
		*result = MT_BOOL;
		return mt_dtype_compute(promoted);
	}
	switch (op)
	{
		case MT_BINARY_SUB:
			if (promoted == MT_BOOL)
				return MT_DTYPE_INVALID;
			break;
		case MT_BINARY_DIV:
			if (mt_dtype_is_exact(promoted))
			{
				*result = MT_FLOAT64;
				return MT_FLOAT64;
			}
			break;
		case MT_BINARY_ARCTAN2:
		case MT_BINARY_HYPOT:
		case MT_BINARY_COPYSIGN:
		case MT_BINARY_LOGADDEXP:
		case MT_BINARY_LOGADDEXP2:
			/* float-only: integers give float16/32/64 */
			if (mt_dtype_is_complex(promoted))
				return MT_DTYPE_INVALID;
			*result = mt_dtype_inexact_of(promoted);
			return mt_dtype_compute(*result);
		case MT_BINARY_FMAX:
		case MT_BINARY_FMIN:
			if (mt_dtype_is_complex(promoted))
				return MT_DTYPE_INVALID;
			break;
		case MT_BINARY_FLOOR_DIVIDE:
		case MT_BINARY_REMAINDER:
		case MT_BINARY_FMOD:
			if (mt_dtype_is_complex(promoted))
				return MT_DTYPE_INVALID;
			/* FALLTHROUGH */
		case MT_BINARY_POW:
			if (promoted == MT_BOOL)
			{
				*result = MT_INT8;
				return MT_INT8;
			}
			break;
		default:
			break;
	}
	*result = promoted;
	return mt_dtype_compute(promoted);
}

/* ---- scalar helpers ---- */

/* integers: wrap like numpy, 0 for division by zero */
static inline int64_t
floordiv_i64(int64_t x, int64_t y)
{
	int64_t		q;

	if (y == 0)
		return 0;
	if (y == -1)
		return (int64_t) (0 - (uint64_t) x);
	q = x / y;
	if (x % y != 0 && ((x < 0) != (y < 0)))
		q--;
	return q;
}

static inline int64_t
remainder_i64(int64_t x, int64_t y)
{
	int64_t		r;

	if (y == 0 || y == -1)
		return 0;
	r = x % y;
	if (r != 0 && ((r < 0) != (y < 0)))
		r += y;
	return r;
}

/* C's %: the sign of the dividend; 0 for a zero divisor, as numpy */
static inline int64_t
fmod_i64(int64_t x, int64_t y)
{
	if (y == 0 || y == -1)
		return 0;
	return x % y;
}

/* x ** y for y >= 0 by squaring, wrapping modulo 2^64 (then narrowed) */
static inline uint64_t
ipow_u64(uint64_t base, uint64_t e)
{
	uint64_t	r = 1;

	while (e != 0)
	{
		if (e & 1)
			r *= base;
		base *= base;
		e >>= 1;
	}
	return r;
}

/* numpy's npy_divmod (npymath), floor quotient and Python remainder */
#define FLOAT_DIVMOD(T, NAME) \
static inline T \
floordiv_##NAME(T a, T b) \
{ \
	T			mod, div, floordiv; \
	if (b == 0) \
		return a / b; \
	mod = fmod(a, b); \
	div = (a - mod) / b; \
	if (mod) \
	{ \
		if ((b < 0) != (mod < 0)) \
			div -= (T) 1; \
	} \
	if (div) \
	{ \
		floordiv = floor(div); \
		if (div - floordiv > (T) 0.5) \
			floordiv += (T) 1; \
	} \
	else \
		floordiv = copysign((T) 0, a / b); \
	return floordiv; \
} \
static inline T \
remainder_##NAME(T a, T b) \
{ \
	T			mod; \
	if (b == 0) \
		return fmod(a, b); \
	mod = fmod(a, b); \
	if (mod) \
	{ \
		if ((b < 0) != (mod < 0)) \
			mod += b; \
	} \
	else \
		mod = copysign((T) 0, b); \
	return mod; \
}

FLOAT_DIVMOD(float, f)
FLOAT_DIVMOD(double, d)

/* numpy's npy_logaddexp and npy_logaddexp2 */
#define FLOAT_LOGADDEXP(T, NAME) \
static inline T \
logaddexp_##NAME(T x, T y) \
{ \
	T			d; \
	if (x == y) \
		return x + (T) 0.693147180559945309417232121458176568; \
	d = x - y; \
	if (d > 0) \
		return x + log1p(exp(-d)); \
	if (d <= 0) \
		return y + log1p(exp(d)); \
	return d; \
} \
static inline T \
logaddexp2_##NAME(T x, T y) \
{ \
	T			d; \
	if (x == y) \
		return x + (T) 1; \
	d = x - y; \
	if (d > 0) \
		return x + (T) 1.442695040888963407359924681001892137 * log1p(exp2(-d)); \
	if (d <= 0) \
		return y + (T) 1.442695040888963407359924681001892137 * log1p(exp2(d)); \
	return d; \
}

FLOAT_LOGADDEXP(float, f)
FLOAT_LOGADDEXP(double, d)

static inline mt_cfloat
nan_f(void)
{
	float		parts[2] = {NAN, NAN};
	mt_cfloat	z;

	memcpy(&z, parts, sizeof(z));
	return z;
}

static inline mt_cdouble
nan_d(void)
{
	double		parts[2] = {NAN, NAN};
	mt_cdouble	z;

	memcpy(&z, parts, sizeof(z));
	return z;
}

/* numpy's complex power: exact repeated products for small integer
 * exponents, 0 ** 0 = 1, otherwise C's cpow */
#define COMPLEX_POW(T, R, NAME) \
static T \
cpow_##NAME(T a, T b) \
{ \
	R			br = creal(b), bi = cimag(b); \
	if (br == 0 && bi == 0) \
		return (T) 1; \
	if (creal(a) == 0 && cimag(a) == 0) \
	{ \
		if (br > 0 && bi == 0) \
			return (T) 0; \
		return nan_##NAME(); \
	} \
	if (bi == 0 && br == (R) (int) br && br > -100 && br < 100) \
	{ \
		int			n = (int) br; \
		unsigned	m = n < 0 ? (unsigned) -n : (unsigned) n; \
		T			r = 1, p = a; \
		while (m) \
		{ \
			if (m & 1) \
				r *= p; \
			p *= p; \
			m >>= 1; \
		} \
		return n < 0 ? (T) 1 / r : r; \
	} \
	return pow(a, b); \
}

COMPLEX_POW(mt_cfloat, float, f)
COMPLEX_POW(mt_cdouble, double, d)

/* numpy's lexicographic complex order (CLT and CLE of loops.h) */
#define CLT(x, y) ((creal(x) < creal(y) && !isnan(cimag(x)) && !isnan(cimag(y))) || \
				   (creal(x) == creal(y) && cimag(x) < cimag(y)))
#define CLE(x, y) ((creal(x) < creal(y) && !isnan(cimag(x)) && !isnan(cimag(y))) || \
				   (creal(x) == creal(y) && cimag(x) <= cimag(y)))
#define CNAN(x) (isnan(creal(x)) || isnan(cimag(x)))
#define CTRUE(x) (creal(x) != 0 || cimag(x) != 0)

/* ---- binary lines ---- */

/*
 * One line of the output: n elements, a and b advancing by one element
 * when sa / sb is nonzero, standing still (a broadcast operand) otherwise.
 * EXPR computes from x and y.
 */
#define LINE(TA, TC, EXPR) \
	do { \
		const TA   *restrict pa = (const TA *) a; \
		const TA   *restrict pb = (const TA *) b; \
		TC		   *restrict pc = (TC *) c; \
		if (sa && sb) \
			for (int64_t i = 0; i < n; i++) \
			{ \
				TA			x = pa[i], y = pb[i]; \
				pc[i] = (EXPR); \
			} \
		else if (sa) \
		{ \
			TA			y = pb[0]; \
			for (int64_t i = 0; i < n; i++) \
			{ \
				TA			x = pa[i]; \
				pc[i] = (EXPR); \
			} \
		} \
		else if (sb) \
		{ \
			TA			x = pa[0]; \
			for (int64_t i = 0; i < n; i++) \
			{ \
				TA			y = pb[i]; \
				pc[i] = (EXPR); \
			} \
		} \
		else \
		{ \
			TA			x = pa[0], y = pb[0]; \
			TC			v = (EXPR); \
			for (int64_t i = 0; i < n; i++) \
				pc[i] = v; \
		} \
	} while (0)

#define PREDICATE_CASES(T) \
	case MT_BINARY_EQUAL: LINE(T, uint8_t, x == y); break; \
	case MT_BINARY_NOT_EQUAL: LINE(T, uint8_t, x != y); break; \
	case MT_BINARY_LESS: LINE(T, uint8_t, x < y); break; \
	case MT_BINARY_LESS_EQUAL: LINE(T, uint8_t, x <= y); break; \
	case MT_BINARY_GREATER: LINE(T, uint8_t, x > y); break; \
	case MT_BINARY_GREATER_EQUAL: LINE(T, uint8_t, x >= y); break; \
	case MT_BINARY_LOGICAL_AND: LINE(T, uint8_t, (x != 0) & (y != 0)); break; \
	case MT_BINARY_LOGICAL_OR: LINE(T, uint8_t, (x != 0) | (y != 0)); break; \
	case MT_BINARY_LOGICAL_XOR: LINE(T, uint8_t, (x != 0) ^ (y != 0)); break

/* integers; UT an unsigned type at least as wide as T and int */
#define INT_LINE_FN(T, UT, NAME) \
static void \
line_##NAME(MtBinaryOp op, const void *a, int64_t sa, const void *b, \
			int64_t sb, void *c, int64_t n) \
{ \
	switch (op) \
	{ \
		case MT_BINARY_ADD: LINE(T, T, (T) ((UT) x + (UT) y)); break; \
		case MT_BINARY_SUB: LINE(T, T, (T) ((UT) x - (UT) y)); break; \
		case MT_BINARY_MUL: LINE(T, T, (T) ((UT) x * (UT) y)); break; \
		case MT_BINARY_POW: \
			LINE(T, T, (T) ipow_u64((uint64_t) (int64_t) x, (uint64_t) (int64_t) y)); \
			break; \
		case MT_BINARY_MAXIMUM: LINE(T, T, x > y ? x : y); break; \
		case MT_BINARY_MINIMUM: LINE(T, T, x < y ? x : y); break; \
		case MT_BINARY_FLOOR_DIVIDE: LINE(T, T, (T) floordiv_i64(x, y)); break; \
		case MT_BINARY_REMAINDER: LINE(T, T, (T) remainder_i64(x, y)); break; \
		case MT_BINARY_FMOD: LINE(T, T, (T) fmod_i64(x, y)); break; \
		case MT_BINARY_FMAX: LINE(T, T, x > y ? x : y); break; \
		case MT_BINARY_FMIN: LINE(T, T, x < y ? x : y); break; \
		case MT_BINARY_DIV: \
		case MT_BINARY_ARCTAN2: \
		case MT_BINARY_HYPOT: \
		case MT_BINARY_COPYSIGN: \
		case MT_BINARY_LOGADDEXP: \
		case MT_BINARY_LOGADDEXP2: \
			break;				/* computed in a float dtype */ \
		PREDICATE_CASES(T); \
	} \
}

INT_LINE_FN(int8_t, uint32_t, int8)
INT_LINE_FN(int16_t, uint32_t, int16)
INT_LINE_FN(int32_t, uint32_t, int32)
INT_LINE_FN(int64_t, uint64_t, int64)
INT_LINE_FN(uint8_t, uint32_t, uint8)

/* bool: add and maximum are "or", multiply and minimum "and", as numpy */
static void
line_bool(MtBinaryOp op, const void *a, int64_t sa, const void *b,
		  int64_t sb, void *c, int64_t n)
{
	switch (op)
	{
		case MT_BINARY_ADD:
		case MT_BINARY_MAXIMUM:
		case MT_BINARY_FMAX:
			LINE(uint8_t, uint8_t, x | y);
			break;
		case MT_BINARY_MUL:
		case MT_BINARY_MINIMUM:
		case MT_BINARY_FMIN:
			LINE(uint8_t, uint8_t, x & y);
			break;
		case MT_BINARY_SUB:
		case MT_BINARY_DIV:
		case MT_BINARY_POW:
		case MT_BINARY_FLOOR_DIVIDE:
		case MT_BINARY_REMAINDER:
		case MT_BINARY_FMOD:
		case MT_BINARY_ARCTAN2:
		case MT_BINARY_HYPOT:
		case MT_BINARY_COPYSIGN:
		case MT_BINARY_LOGADDEXP:
		case MT_BINARY_LOGADDEXP2:
			break;				/* no bool loop (mt_binary_loop) */
		PREDICATE_CASES(uint8_t);
	}
}

#define FLOAT_LINE_FN(T, NAME) \
static void \
line_##NAME(MtBinaryOp op, const void *a, int64_t sa, const void *b, \
			int64_t sb, void *c, int64_t n) \
{ \
	switch (op) \
	{ \
		case MT_BINARY_ADD: LINE(T, T, x + y); break; \
		case MT_BINARY_SUB: LINE(T, T, x - y); break; \
		case MT_BINARY_MUL: LINE(T, T, x * y); break; \
		case MT_BINARY_DIV: LINE(T, T, x / y); break; \
		case MT_BINARY_POW: LINE(T, T, pow(x, y)); break; \
		case MT_BINARY_MAXIMUM: LINE(T, T, (x > y || x != x) ? x : y); break; \
		case MT_BINARY_MINIMUM: LINE(T, T, (x < y || x != x) ? x : y); break; \
		case MT_BINARY_FLOOR_DIVIDE: LINE(T, T, floordiv_##NAME(x, y)); break; \
		case MT_BINARY_REMAINDER: LINE(T, T, remainder_##NAME(x, y)); break; \
		case MT_BINARY_FMOD: LINE(T, T, fmod(x, y)); break; \
		case MT_BINARY_FMAX: LINE(T, T, (x >= y || y != y) ? x : y); break; \
		case MT_BINARY_FMIN: LINE(T, T, (x <= y || y != y) ? x : y); break; \
		case MT_BINARY_ARCTAN2: LINE(T, T, atan2(x, y)); break; \
		case MT_BINARY_HYPOT: LINE(T, T, hypot(x, y)); break; \
		case MT_BINARY_COPYSIGN: LINE(T, T, copysign(x, y)); break; \
		case MT_BINARY_LOGADDEXP: LINE(T, T, logaddexp_##NAME(x, y)); break; \
		case MT_BINARY_LOGADDEXP2: LINE(T, T, logaddexp2_##NAME(x, y)); break; \
		PREDICATE_CASES(T); \
	} \
}

FLOAT_LINE_FN(float, f)
FLOAT_LINE_FN(double, d)

#define COMPLEX_LINE_FN(T, NAME) \
static void \
line_c##NAME(MtBinaryOp op, const void *a, int64_t sa, const void *b, \
			 int64_t sb, void *c, int64_t n) \
{ \
	switch (op) \
	{ \
		case MT_BINARY_ADD: LINE(T, T, x + y); break; \
		case MT_BINARY_SUB: LINE(T, T, x - y); break; \
		case MT_BINARY_MUL: LINE(T, T, x * y); break; \
		case MT_BINARY_DIV: LINE(T, T, x / y); break; \
		case MT_BINARY_POW: LINE(T, T, cpow_##NAME(x, y)); break; \
		case MT_BINARY_MAXIMUM: LINE(T, T, (CLE(y, x) || CNAN(x)) ? x : y); break; \
		case MT_BINARY_MINIMUM: LINE(T, T, (CLE(x, y) || CNAN(x)) ? x : y); break; \
		case MT_BINARY_FLOOR_DIVIDE: \
		case MT_BINARY_REMAINDER: \
		case MT_BINARY_FMOD: \
		case MT_BINARY_FMAX: \
		case MT_BINARY_FMIN: \
		case MT_BINARY_ARCTAN2: \
		case MT_BINARY_HYPOT: \
		case MT_BINARY_COPYSIGN: \
		case MT_BINARY_LOGADDEXP: \
		case MT_BINARY_LOGADDEXP2: \
			break;				/* no complex loop (mt_binary_loop) */ \
		case MT_BINARY_EQUAL: LINE(T, uint8_t, x == y); break; \
		case MT_BINARY_NOT_EQUAL: LINE(T, uint8_t, x != y); break; \
		case MT_BINARY_LESS: LINE(T, uint8_t, CLT(x, y)); break; \
		case MT_BINARY_LESS_EQUAL: LINE(T, uint8_t, CLE(x, y)); break; \
		case MT_BINARY_GREATER: LINE(T, uint8_t, CLT(y, x)); break; \
		case MT_BINARY_GREATER_EQUAL: LINE(T, uint8_t, CLE(y, x)); break; \
		case MT_BINARY_LOGICAL_AND: LINE(T, uint8_t, CTRUE(x) && CTRUE(y)); break; \
		case MT_BINARY_LOGICAL_OR: LINE(T, uint8_t, CTRUE(x) || CTRUE(y)); break; \
		case MT_BINARY_LOGICAL_XOR: LINE(T, uint8_t, CTRUE(x) != CTRUE(y)); break; \
	} \
}

COMPLEX_LINE_FN(mt_cfloat, f)
COMPLEX_LINE_FN(mt_cdouble, d)

typedef void (*LineFn) (MtBinaryOp op, const void *a, int64_t sa,
						const void *b, int64_t sb, void *c, int64_t n);

static LineFn
line_fn(MtDtype dtype)
{
	switch (dtype)
	{
		case MT_BOOL:
			return line_bool;
		case MT_INT8:
			return line_int8;
		case MT_INT16:
			return line_int16;
		case MT_INT32:
			return line_int32;
		case MT_INT64:
			return line_int64;
		case MT_UINT8:
			return line_uint8;
		case MT_FLOAT32:
			return line_f;
		case MT_FLOAT64:
			return line_d;
		case MT_COMPLEX64:
			return line_cf;
		case MT_COMPLEX128:
			return line_cd;
		default:
			return NULL;		/* float16: the caller computes in float32 */
	}
}

MtStatus
mt_binary(MtBinaryOp op, MtDtype dtype, int ndim, const int64_t *dims,
		  int ndim_a, const int32_t *dims_a, const void *a, int ndim_b,
		  const int32_t *dims_b, const void *b, void *c, MtPollFn poll,
		  void *poll_arg)
{
	int64_t		elem = (int64_t) mt_dtype_size(dtype);
	int64_t		out_elem = mt_binary_is_predicate(op) ? 1 : elem;
	int64_t		total = 1;
	int64_t		size_a = 1,
				size_b = 1;
	int64_t		inner;
	int64_t		lines;
	int64_t		since_poll = 0;
	MtBroadcastIter it;
	LineFn		line = line_fn(dtype);

	if (line == NULL)
		return MT_ERR_SHAPE;
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
			line(op,
				 (const char *) a + (size_a == 1 ? 0 : start * elem),
				 size_a == 1 ? 0 : 1,
				 (const char *) b + (size_b == 1 ? 0 : start * elem),
				 size_b == 1 ? 0 : 1,
				 (char *) c + start * out_elem, len);
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
		for (int64_t l = 0; l < lines; l++)
		{
			if (since_poll >= MT_POLL_ELEMENTS)
			{
				if (poll != NULL && poll(poll_arg))
					return MT_ERR_CANCELED;
				since_poll = 0;
			}
			line(op,
				 (const char *) a + it.offset_a * elem, sa,
				 (const char *) b + it.offset_b * elem, sb,
				 (char *) c + l * inner * out_elem, inner);
			since_poll += inner;
			mt_broadcast_iter_next(&it);
		}
	}
	return MT_OK;
}

bool
mt_any_negative(MtDtype dtype, const void *data, int64_t n)
{
	bool		neg = false;

#define ANY_NEG(T) \
	do { \
		const T    *p = (const T *) data; \
		for (int64_t i = 0; i < n; i++) \
			neg |= p[i] < 0; \
	} while (0)

	switch (dtype)
	{
		case MT_INT8:
			ANY_NEG(int8_t);
			break;
		case MT_INT16:
			ANY_NEG(int16_t);
			break;
		case MT_INT32:
			ANY_NEG(int32_t);
			break;
		case MT_INT64:
			ANY_NEG(int64_t);
			break;
		default:
			break;				/* bool and uint8 are never negative */
	}
	return neg;
}

/* ---- unary ---- */

#define ULOOP(TS, TD, EXPR) \
	do { \
		const TS   *s = (const TS *) src; \
		TD		   *d = (TD *) dst; \
		for (int64_t i = start; i < end; i++) \
		{ \
			TS			x = s[i]; \
			d[i] = (EXPR); \
		} \
	} while (0)

#define FLOAT_UNARY_FN(T, NAME) \
static void \
unary_##NAME(MtUnaryOp op, const void *src, void *dst, int64_t start, \
			 int64_t end) \
{ \
	switch (op) \
	{ \
		case MT_UNARY_NEG: ULOOP(T, T, -x); break; \
		case MT_UNARY_ABS: ULOOP(T, T, fabs(x)); break; \
		case MT_UNARY_SQRT: ULOOP(T, T, sqrt(x)); break; \
		case MT_UNARY_EXP: ULOOP(T, T, exp(x)); break; \
		case MT_UNARY_LOG: ULOOP(T, T, log(x)); break; \
		case MT_UNARY_LOG1P: ULOOP(T, T, log1p(x)); break; \
		case MT_UNARY_EXPM1: ULOOP(T, T, expm1(x)); break; \
		case MT_UNARY_SIN: ULOOP(T, T, sin(x)); break; \
		case MT_UNARY_COS: ULOOP(T, T, cos(x)); break; \
		case MT_UNARY_TAN: ULOOP(T, T, tan(x)); break; \
		case MT_UNARY_TANH: ULOOP(T, T, tanh(x)); break; \
		case MT_UNARY_SIGMOID: \
			/* no overflow of exp for large |x|; NaN stays NaN */ \
			ULOOP(T, T, x >= 0 ? (T) 1 / ((T) 1 + exp(-x)) \
				  : exp(x) / ((T) 1 + exp(x))); \
			break; \
		case MT_UNARY_RELU: ULOOP(T, T, (x > 0 || x != x) ? x : (T) 0); break; \
		case MT_UNARY_FLOOR: ULOOP(T, T, floor(x)); break; \
		case MT_UNARY_CEIL: ULOOP(T, T, ceil(x)); break; \
		/* numpy: +0 for both zeros, NaN stays NaN */ \
		case MT_UNARY_SIGN: \
			ULOOP(T, T, x > 0 ? (T) 1 : (x < 0 ? (T) -1 : (x == 0 ? (T) 0 : x))); \
			break; \
		case MT_UNARY_SQUARE: ULOOP(T, T, x * x); break; \
		case MT_UNARY_ISNAN: ULOOP(T, uint8_t, isnan(x)); break; \
		case MT_UNARY_ISINF: ULOOP(T, uint8_t, isinf(x)); break; \
		case MT_UNARY_ISFINITE: ULOOP(T, uint8_t, isfinite(x)); break; \
		case MT_UNARY_LOGICAL_NOT: ULOOP(T, uint8_t, x == 0); break; \
		case MT_UNARY_ARCSIN: ULOOP(T, T, asin(x)); break; \
		case MT_UNARY_ARCCOS: ULOOP(T, T, acos(x)); break; \
		case MT_UNARY_ARCTAN: ULOOP(T, T, atan(x)); break; \
		case MT_UNARY_SINH: ULOOP(T, T, sinh(x)); break; \
		case MT_UNARY_COSH: ULOOP(T, T, cosh(x)); break; \
		case MT_UNARY_ARCSINH: ULOOP(T, T, asinh(x)); break; \
		case MT_UNARY_ARCCOSH: ULOOP(T, T, acosh(x)); break; \
		case MT_UNARY_ARCTANH: ULOOP(T, T, atanh(x)); break; \
		case MT_UNARY_EXP2: ULOOP(T, T, exp2(x)); break; \
		case MT_UNARY_LOG2: ULOOP(T, T, log2(x)); break; \
		case MT_UNARY_LOG10: ULOOP(T, T, log10(x)); break; \
		case MT_UNARY_CBRT: ULOOP(T, T, cbrt(x)); break; \
		case MT_UNARY_RINT: ULOOP(T, T, nearbyint(x)); break; \
		case MT_UNARY_TRUNC: ULOOP(T, T, trunc(x)); break; \
		case MT_UNARY_DEG2RAD: \
			ULOOP(T, T, x * (T) (3.141592653589793238462643383279502884 / 180.0)); \
			break; \
		case MT_UNARY_RAD2DEG: \
			ULOOP(T, T, x * (T) (180.0 / 3.141592653589793238462643383279502884)); \
			break; \
		case MT_UNARY_POSITIVE: ULOOP(T, T, x); break; \
		case MT_UNARY_SIGNBIT: ULOOP(T, uint8_t, signbit(x) != 0); break; \
		case MT_UNARY_ISNEGINF: ULOOP(T, uint8_t, x == -(T) INFINITY); break; \
		case MT_UNARY_ISPOSINF: ULOOP(T, uint8_t, x == (T) INFINITY); break; \
	} \
}

FLOAT_UNARY_FN(float, f)
FLOAT_UNARY_FN(double, d)

/*
 * integers and bool (mt_unary_loop sends float-only functions elsewhere);
 * "x < 1 && x != 0" is x < 0 written so unsigned types compile quietly
 */
#define INT_UNARY_FN(T, UT, NAME) \
static void \
unary_##NAME(MtUnaryOp op, const void *src, void *dst, int64_t start, \
			 int64_t end) \
{ \
	switch (op) \
	{ \
		case MT_UNARY_NEG: ULOOP(T, T, (T) (0 - (UT) x)); break; \
		case MT_UNARY_ABS: ULOOP(T, T, x < (T) 1 && x != 0 ? (T) (0 - (UT) x) : x); break; \
		case MT_UNARY_SIGN: ULOOP(T, T, (T) ((x > 0) - (x < (T) 1 && x != 0))); break; \
		case MT_UNARY_SQUARE: ULOOP(T, T, (T) ((UT) x * (UT) x)); break; \
		case MT_UNARY_RELU: ULOOP(T, T, x > 0 ? x : (T) 0); break; \
		case MT_UNARY_POSITIVE: ULOOP(T, T, x); break; \
		case MT_UNARY_SIGNBIT: ULOOP(T, uint8_t, x < (T) 1 && x != 0); break; \
		case MT_UNARY_ISNAN: \
		case MT_UNARY_ISINF: \
		case MT_UNARY_ISNEGINF: \
		case MT_UNARY_ISPOSINF: \
			memset((uint8_t *) dst + start, 0, (size_t) (end - start)); \
			break; \
		case MT_UNARY_ISFINITE: \
			memset((uint8_t *) dst + start, 1, (size_t) (end - start)); \
			break; \
		case MT_UNARY_LOGICAL_NOT: ULOOP(T, uint8_t, x == 0); break; \
		default: \
			break; \
	} \
}

INT_UNARY_FN(int8_t, uint32_t, int8)
INT_UNARY_FN(int16_t, uint32_t, int16)
INT_UNARY_FN(int32_t, uint32_t, int32)
INT_UNARY_FN(int64_t, uint64_t, int64)
INT_UNARY_FN(uint8_t, uint32_t, uint8)

#define COMPLEX_UNARY_FN(T, R, NAME) \
static void \
unary_c##NAME(MtUnaryOp op, const void *src, void *dst, int64_t start, \
			  int64_t end) \
{ \
	switch (op) \
	{ \
		case MT_UNARY_NEG: ULOOP(T, T, -x); break; \
		case MT_UNARY_POSITIVE: ULOOP(T, T, x); break; \
		case MT_UNARY_ABS: ULOOP(T, R, fabs(x)); break; \
		case MT_UNARY_SQRT: ULOOP(T, T, sqrt(x)); break; \
		case MT_UNARY_EXP: ULOOP(T, T, exp(x)); break; \
		case MT_UNARY_LOG: ULOOP(T, T, log(x)); break; \
		case MT_UNARY_SQUARE: ULOOP(T, T, x * x); break; \
		case MT_UNARY_ISNAN: ULOOP(T, uint8_t, CNAN(x)); break; \
		case MT_UNARY_ISINF: ULOOP(T, uint8_t, isinf(creal(x)) || isinf(cimag(x))); break; \
		case MT_UNARY_ISFINITE: ULOOP(T, uint8_t, isfinite(creal(x)) && isfinite(cimag(x))); break; \
		case MT_UNARY_LOGICAL_NOT: ULOOP(T, uint8_t, !CTRUE(x)); break; \
		default: \
			break; \
	} \
}

COMPLEX_UNARY_FN(mt_cfloat, float, f)
COMPLEX_UNARY_FN(mt_cdouble, double, d)

MtStatus
mt_unary(MtUnaryOp op, MtDtype dtype, const void *src, void *dst, int64_t n,
		 MtPollFn poll, void *poll_arg)
{
	void		(*fn) (MtUnaryOp, const void *, void *, int64_t, int64_t);

	switch (dtype)
	{
		case MT_BOOL:
		case MT_UINT8:
			fn = unary_uint8;
			break;
		case MT_INT8:
			fn = unary_int8;
			break;
		case MT_INT16:
			fn = unary_int16;
			break;
		case MT_INT32:
			fn = unary_int32;
			break;
		case MT_INT64:
			fn = unary_int64;
			break;
		case MT_FLOAT32:
			fn = unary_f;
			break;
		case MT_FLOAT64:
			fn = unary_d;
			break;
		case MT_COMPLEX64:
			fn = unary_cf;
			break;
		case MT_COMPLEX128:
			fn = unary_cd;
			break;
		default:
			return MT_ERR_SHAPE;	/* float16: computed in float32 */
	}
	for (int64_t start = 0; start < n; start += MT_POLL_ELEMENTS)
	{
		int64_t		end = n - start < MT_POLL_ELEMENTS ? n : start + MT_POLL_ELEMENTS;

		if (start > 0 && poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		fn(op, src, dst, start, end);
	}
	return MT_OK;
}

/* ---- clip, round, where ---- */

#define CLIP_INT(T) \
	do { \
		const T    *s = (const T *) src; \
		T		   *d = (T *) dst; \
		T			l = lo == lo ? (T) lo : 0, \
					h = hi == hi ? (T) hi : 0; \
		for (int64_t i = start; i < end; i++) \
		{ \
			T			x = s[i]; \
			if (lo == lo && x < l) \
				x = l; \
			if (hi == hi && x > h) \
				x = h; \
			d[i] = x; \
		} \
	} while (0)

MtStatus
mt_clip(MtDtype dtype, const void *src, void *dst, int64_t n, double lo,
		double hi, MtPollFn poll, void *poll_arg)
{
	for (int64_t start = 0; start < n; start += MT_POLL_ELEMENTS)
	{
		int64_t		end = n - start < MT_POLL_ELEMENTS ? n : start + MT_POLL_ELEMENTS;

		if (start > 0 && poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		switch (dtype)
		{
			case MT_FLOAT32:
				{
					const float *s = (const float *) src;
					float	   *d = (float *) dst;
					float		l = (float) lo,
								h = (float) hi;

					for (int64_t i = start; i < end; i++)
					{
						float		x = s[i];

						if (lo == lo)
							x = (x > l || x != x) ? x : l;
						if (hi == hi)
							x = (x < h || x != x) ? x : h;
						d[i] = x;
					}
				}
				break;
			case MT_FLOAT64:
				{
					const double *s = (const double *) src;
					double	   *d = (double *) dst;

					for (int64_t i = start; i < end; i++)
					{
						double		x = s[i];

						if (lo == lo)
							x = (x > lo || x != x) ? x : lo;
						if (hi == hi)
							x = (x < hi || x != x) ? x : hi;
						d[i] = x;
					}
				}
				break;
			case MT_INT8:
				CLIP_INT(int8_t);
				break;
			case MT_INT16:
				CLIP_INT(int16_t);
				break;
			case MT_INT32:
				CLIP_INT(int32_t);
				break;
			case MT_INT64:
				CLIP_INT(int64_t);
				break;
			case MT_UINT8:
				CLIP_INT(uint8_t);
				break;
			default:
				return MT_ERR_SHAPE;
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

/* integers: a copy for decimals >= 0, else rint(x / f) * f in float64 as
 * numpy, converted back (wrapping through int64) */
#define ROUND_INT(T) \
	do { \
		const T *s = (const T *) src; \
		T		   *d = (T *) dst; \
		double		f = power_of_ten(decimals < 0 ? -decimals : decimals); \
		for (int64_t i = start; i < end; i++) \
		{ \
			double		y; \
			if (decimals >= 0) \
			{ \
				d[i] = s[i]; \
				continue; \
			} \
			y = nearbyint((double) s[i] / f) * f; \
			d[i] = (y >= -9223372036854775808.0 && y < 9223372036854775808.0) ? \
				(T) (int64_t) y : (T) INT64_MIN; \
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
		switch (dtype)
		{
			case MT_FLOAT32:
				ROUND_LOOP(float, nearbyintf);
				break;
			case MT_FLOAT64:
				ROUND_LOOP(double, nearbyint);
				break;
			case MT_INT8:
				ROUND_INT(int8_t);
				break;
			case MT_INT16:
				ROUND_INT(int16_t);
				break;
			case MT_INT32:
				ROUND_INT(int32_t);
				break;
			case MT_INT64:
				ROUND_INT(int64_t);
				break;
			case MT_UINT8:
				ROUND_INT(uint8_t);
				break;
			default:
				return MT_ERR_SHAPE;
		}
	}
	return MT_OK;
}

#define WHERE_LOOP(T) \
	do { \
		const T    *px = (const T *) x; \
		const T    *py = (const T *) y; \
		T		   *pd = (T *) dst; \
		for (int64_t i = start; i < end; i++) \
			pd[i] = mask[i] ? px[i] : py[i]; \
	} while (0)

MtStatus
mt_where(const uint8_t *mask, size_t elem_size, const void *x, const void *y,
		 void *dst, int64_t n, MtPollFn poll, void *poll_arg)
{
	for (int64_t start = 0; start < n; start += MT_POLL_ELEMENTS)
	{
		int64_t		end = n - start < MT_POLL_ELEMENTS ? n : start + MT_POLL_ELEMENTS;

		if (start > 0 && poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		switch (elem_size)
		{
			case 1:
				WHERE_LOOP(uint8_t);
				break;
			case 2:
				WHERE_LOOP(uint16_t);
				break;
			case 4:
				WHERE_LOOP(uint32_t);
				break;
			case 8:
				WHERE_LOOP(uint64_t);
				break;
			default:
				for (int64_t i = start; i < end; i++)
					memcpy((char *) dst + i * elem_size,
						   (const char *) (mask[i] ? x : y) + i * elem_size,
						   elem_size);
				break;
		}
	}
	return MT_OK;
}
