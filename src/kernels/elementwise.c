/*
 * elementwise.c
 *	  Unary and broadcasting binary loops for every dtype (see
 *	  elementwise.h).  Each (dtype, operation) pair is its own loop: the
 *	  switch over the operation is outside the loop, never inside, so the
 *	  compiler can vectorize the common same-shape and scalar cases.
 *	  Integer arithmetic is done in unsigned types so that it wraps
 *	  (two's complement) without undefined behaviour.  The loops themselves
 *	  are in elementwise_lines.h, built twice: portable, and for AVX2
 *	  (wider vectors: the comparisons of two 10M-element float32 tensors
 *	  run about 20% faster), chosen at run time.
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
		case MT_UNARY_SIN:
		case MT_UNARY_COS:
		case MT_UNARY_TAN:
		case MT_UNARY_SINH:
		case MT_UNARY_COSH:
		case MT_UNARY_TANH:
		case MT_UNARY_ARCSIN:
		case MT_UNARY_ARCCOS:
		case MT_UNARY_ARCTAN:
		case MT_UNARY_ARCSINH:
		case MT_UNARY_ARCCOSH:
		case MT_UNARY_ARCTANH:
		case MT_UNARY_EXP2:
		case MT_UNARY_EXPM1:
		case MT_UNARY_LOG2:
		case MT_UNARY_LOG10:
		case MT_UNARY_LOG1P:
			/* numpy's complex loops: the same dtype back */
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


/*
 * numpy's complex multiply and divide, not C's: C99 (Annex G) recomputes
 * a product or quotient that came out NaN in both parts from infinite
 * operands, where numpy keeps the plain formula's NaN:
 * (inf+infj) * (1+0j) is nan+nanj in numpy, inf+infj in C.  The product
 * is the schoolbook formula; the quotient is Smith's algorithm with
 * numpy's rule for a zero divisor (each part divided by +0).
 */
#define COMPLEX_MUL_DIV(T, R, NAME, MAKE) \
static inline T \
cmul_##NAME(T a, T b) \
{ \
	R			ar = creal(a), ai = cimag(a), br = creal(b), bi = cimag(b); \
	return MAKE(ar * br - ai * bi, ar * bi + ai * br); \
} \
static inline T \
cdiv_##NAME(T a, T b) \
{ \
	R			ar = creal(a), ai = cimag(a), br = creal(b), bi = cimag(b); \
	R			abs_br = fabs(br), abs_bi = fabs(bi), rat, scl; \
	if (abs_br >= abs_bi) \
	{ \
		if (abs_br == 0 && abs_bi == 0) \
			return MAKE(ar / abs_br, ai / abs_br); \
		rat = bi / br; \
		scl = (R) 1 / (br + bi * rat); \
		return MAKE((ar + ai * rat) * scl, (ai - ar * rat) * scl); \
	} \
	rat = br / bi; \
	scl = (R) 1 / (bi + br * rat); \
	return MAKE((ar * rat + ai) * scl, (ai * rat - ar) * scl); \
}

/* a complex from its parts (glibc's CMPLX needs C11 and a GCC clang is not) */
static inline mt_cfloat
complex_of_f(float re, float im)
{
	float		parts[2] = {re, im};
	mt_cfloat	z;

	memcpy(&z, parts, sizeof(z));
	return z;
}

static inline mt_cdouble
complex_of_d(double re, double im)
{
	double		parts[2] = {re, im};
	mt_cdouble	z;

	memcpy(&z, parts, sizeof(z));
	return z;
}

COMPLEX_MUL_DIV(mt_cfloat, float, f, complex_of_f)
COMPLEX_MUL_DIV(mt_cdouble, double, d, complex_of_d)

static inline mt_cfloat
nan_f(void)
{
	return complex_of_f(NAN, NAN);
}

static inline mt_cdouble
nan_d(void)
{
	return complex_of_d(NAN, NAN);
}

/*
 * numpy's complex power: 0 ** 0 = 1; an integer exponent below 100 in
 * magnitude by numpy's products (a ** 1 is a itself, a ** 2 and a ** 3
 * the plain products, larger ones by squaring from 1, a negative one
 * 1 / that), all with numpy's multiply and divide above; otherwise C's cpow
 */
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
		if (n == 1) \
			return a; \
		if (n == 2) \
			return cmul_##NAME(a, a); \
		if (n == 3) \
			return cmul_##NAME(cmul_##NAME(a, a), a); \
		for (;;) \
		{ \
			if (m & 1) \
				r = cmul_##NAME(r, p); \
			m >>= 1; \
			if (m == 0) \
				break; \
			p = cmul_##NAME(p, p); \
		} \
		return n < 0 ? cdiv_##NAME((T) 1, r) : r; \
	} \
	return pow(a, b); \
}

COMPLEX_POW(mt_cfloat, float, f)
COMPLEX_POW(mt_cdouble, double, d)

/*
 * Complex exp2, expm1, log2, log10 and log1p as numpy computes them (C has
 * no complex form of these): exp2 is exp(z ln 2); log2 and log10 are
 * log(z) times 1/ln 2 or 1/ln 10 (each part); expm1 and log1p keep their
 * accuracy near 0 through the real expm1 and an atan2/hypot form.
 */
#define COMPLEX_EXP_LOG(T, R, NAME) \
static inline T \
cexp2_##NAME(T z) \
{ \
	const R		ln2 = (R) 0.693147180559945309417232121458176568; \
	return exp(complex_of_##NAME(creal(z) * ln2, cimag(z) * ln2)); \
} \
static inline T \
cexpm1_##NAME(T z) \
{ \
	R			x = creal(z), y = cimag(z), h = sin(y / 2); \
	return complex_of_##NAME(expm1(x) * cos(y) - 2 * h * h, exp(x) * sin(y)); \
} \
static inline T \
clog_scaled_##NAME(T z, R scale) \
{ \
	T			l = log(z); \
	return complex_of_##NAME(creal(l) * scale, cimag(l) * scale); \
} \
static inline T \
clog1p_##NAME(T z) \
{ \
	R			x = creal(z) + 1, y = cimag(z); \
	return complex_of_##NAME(log(hypot(x, y)), atan2(y, x)); \
}

COMPLEX_EXP_LOG(mt_cfloat, float, f)
COMPLEX_EXP_LOG(mt_cdouble, double, d)

/* numpy's lexicographic complex order (CLT and CLE of loops.h) */
#define CLT(x, y) ((creal(x) < creal(y) && !isnan(cimag(x)) && !isnan(cimag(y))) || \
				   (creal(x) == creal(y) && cimag(x) < cimag(y)))
#define CLE(x, y) ((creal(x) < creal(y) && !isnan(cimag(x)) && !isnan(cimag(y))) || \
				   (creal(x) == creal(y) && cimag(x) <= cimag(y)))
#define CNAN(x) (isnan(creal(x)) || isnan(cimag(x)))
#define CTRUE(x) (creal(x) != 0 || cimag(x) != 0)

/* ---- the loops, once per instruction set (elementwise_lines.h) ---- */

typedef void (*LineFn) (MtBinaryOp op, const void *a, int64_t sa,
						const void *b, int64_t sb, void *c, int64_t n);
typedef void (*UnaryFn) (MtUnaryOp op, const void *src, void *dst,
						 int64_t start, int64_t end);

typedef struct ElementwiseLines
{
	LineFn		binary[MT_DTYPE_LIMIT];
	UnaryFn		unary[MT_DTYPE_LIMIT];
} ElementwiseLines;

#define LINES_ISA portable
#define LINES_TARGET
#include "elementwise_lines.h"

#if defined(__GNUC__) && defined(__x86_64__)
#define MT_HAVE_AVX2_LINES 1
#define LINES_ISA avx2
#define LINES_TARGET __attribute__((target("avx2")))
#include "elementwise_lines.h"
#endif

/* the loops in use; NULL until the first call or mt_elementwise_select */
static const ElementwiseLines *lines_in_use;

const char *
mt_elementwise_select(bool force_portable)
{
#ifdef MT_HAVE_AVX2_LINES
	__builtin_cpu_init();
	if (!force_portable && __builtin_cpu_supports("avx2"))
	{
		lines_in_use = &lines_avx2;
		return "avx2";
	}
#endif
	lines_in_use = &lines_portable;
	return "portable";
}

static const ElementwiseLines *
lines(void)
{
	if (lines_in_use == NULL)
		mt_elementwise_select(false);
	return lines_in_use;
}

static LineFn
line_fn(MtDtype dtype)
{
	if ((int) dtype <= MT_DTYPE_INVALID || (int) dtype >= MT_DTYPE_LIMIT)
		return NULL;
	return lines()->binary[dtype];	/* NULL for float16: the caller
										 * computes in float32 */
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

MtStatus
mt_unary(MtUnaryOp op, MtDtype dtype, const void *src, void *dst, int64_t n,
		 MtPollFn poll, void *poll_arg)
{
	UnaryFn		fn = NULL;

	if ((int) dtype > MT_DTYPE_INVALID && (int) dtype < MT_DTYPE_LIMIT)
		fn = lines()->unary[dtype];
	if (fn == NULL)
		return MT_ERR_SHAPE;	/* float16: computed in float32 */
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
