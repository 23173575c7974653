/*
 * elementwise.h
 *	  Elementwise math on raw buffers: unary functions, and binary
 *	  operations (arithmetic, comparisons, logic) with numpy broadcasting,
 *	  for every dtype numpy has a loop for.  Which loop numpy runs for a
 *	  dtype, and the dtype it returns, is mt_unary_loop / mt_binary_loop;
 *	  the kernels then compute in that loop dtype:
 *	  - integers wrap (two's complement) as numpy's do; floor_divide and
 *	    remainder by zero give 0 (numpy: 0 and a RuntimeWarning); MIN // -1
 *	    wraps to MIN;
 *	  - float32 is computed in float32; float16 is never a loop dtype here:
 *	    the caller widens it to float32 (exact) and narrows the result;
 *	  - results follow IEEE 754 (inf and NaN, no errors);
 *	  - complex values are C's float/double complex; comparisons of complex
 *	    values are lexicographic, as numpy's.
 *	  Long loops poll for cancels every MT_POLL_ELEMENTS.  Pure C.
 */
#ifndef MARSQL_ELEMENTWISE_H
#define MARSQL_ELEMENTWISE_H

#include "tensor_layout.h"

#define MT_POLL_ELEMENTS ((int64_t) 1 << 20)

typedef enum MtUnaryOp
{
	MT_UNARY_NEG,
	MT_UNARY_ABS,
	MT_UNARY_SQRT,
	MT_UNARY_EXP,
	MT_UNARY_LOG,
	MT_UNARY_LOG1P,
	MT_UNARY_EXPM1,
	MT_UNARY_SIN,
	MT_UNARY_COS,
	MT_UNARY_TAN,
	MT_UNARY_TANH,
	MT_UNARY_SIGMOID,
	MT_UNARY_RELU,
	MT_UNARY_FLOOR,
	MT_UNARY_CEIL,
	MT_UNARY_SIGN,
	MT_UNARY_SQUARE,
	/* bool results */
	MT_UNARY_ISNAN,
	MT_UNARY_ISINF,
	MT_UNARY_ISFINITE,
	MT_UNARY_LOGICAL_NOT,
	/* float-only */
	MT_UNARY_ARCSIN,
	MT_UNARY_ARCCOS,
	MT_UNARY_ARCTAN,
	MT_UNARY_SINH,
	MT_UNARY_COSH,
	MT_UNARY_ARCSINH,
	MT_UNARY_ARCCOSH,
	MT_UNARY_ARCTANH,
	MT_UNARY_EXP2,
	MT_UNARY_LOG2,
	MT_UNARY_LOG10,
	MT_UNARY_CBRT,
	MT_UNARY_RINT,
	MT_UNARY_TRUNC,
	MT_UNARY_DEG2RAD,
	MT_UNARY_RAD2DEG,
	/* keeps the dtype (bool refused) */
	MT_UNARY_POSITIVE,
	/* bool results, complex refused */
	MT_UNARY_SIGNBIT,
	MT_UNARY_ISNEGINF,
	MT_UNARY_ISPOSINF
} MtUnaryOp;

/* the codes up to MT_BINARY_MINIMUM are also the GPU's (device_binary) */
typedef enum MtBinaryOp
{
	MT_BINARY_ADD,				/* bool: logical or, as numpy */
	MT_BINARY_SUB,
	MT_BINARY_MUL,				/* bool: logical and */
	MT_BINARY_DIV,				/* true division */
	MT_BINARY_POW,
	MT_BINARY_MAXIMUM,			/* NaN wins, as numpy.maximum */
	MT_BINARY_MINIMUM,
	MT_BINARY_FLOOR_DIVIDE,
	MT_BINARY_REMAINDER,		/* sign of the divisor, as numpy/Python */
	MT_BINARY_FMOD,				/* sign of the dividend, as C */
	MT_BINARY_FMAX,				/* NaN loses, as numpy.fmax */
	MT_BINARY_FMIN,
	/* float-only */
	MT_BINARY_ARCTAN2,
	MT_BINARY_HYPOT,
	MT_BINARY_COPYSIGN,
	MT_BINARY_LOGADDEXP,
	MT_BINARY_LOGADDEXP2,
	/* bool results */
	MT_BINARY_EQUAL,
	MT_BINARY_NOT_EQUAL,
	MT_BINARY_LESS,
	MT_BINARY_LESS_EQUAL,
	MT_BINARY_GREATER,
	MT_BINARY_GREATER_EQUAL,
	MT_BINARY_LOGICAL_AND,		/* nonzero (NaN included) is true */
	MT_BINARY_LOGICAL_OR,
	MT_BINARY_LOGICAL_XOR
} MtBinaryOp;

/* an op whose result is a bool tensor */
static inline bool
mt_binary_is_predicate(MtBinaryOp op)
{
	return op >= MT_BINARY_EQUAL;
}

/*
 * numpy's loop for op on an input of dtype `in`: returns the dtype the
 * input is converted to and the kernel computes in (float16 loops compute
 * in float32), and sets *result to the dtype numpy returns.  Returns
 * MT_DTYPE_INVALID where numpy has no loop (a TypeError there): negative
 * and sign of bool, functions other than neg/abs/sqrt/exp/log/square and
 * the is* tests on complex.
 */
extern MtDtype mt_unary_loop(MtUnaryOp op, MtDtype in, MtDtype *result);

/*
 * The same for a binary op whose operands were promoted to `promoted`:
 * true division of bool/integers is float64, power/floor_divide/remainder/
 * fmod of bools is int8, the float-only ops (arctan2 ... logaddexp2) give
 * mt_dtype_inexact_of(promoted) (the caller promotes their operands'
 * inexact dtypes, as numpy picks their loop), subtraction of bools and
 * floor_divide/remainder/fmod/fmax/fmin/float-only ops of complex are
 * MT_DTYPE_INVALID.
 */
extern MtDtype mt_binary_loop(MtBinaryOp op, MtDtype promoted, MtDtype *result);

/*
 * dst[i] = op(src[i]) for n elements of the loop dtype; dst holds the
 * kernel's result dtype: bool for the predicates, the real dtype for abs
 * of complex, the loop dtype otherwise (dst may equal src then).
 */
extern MtStatus mt_unary(MtUnaryOp op, MtDtype dtype, const void *src,
						 void *dst, int64_t n, MtPollFn poll, void *poll_arg);

/*
 * c = a op b where c has the broadcast shape (ndim, dims) of a and b; a
 * and b of the loop dtype, c of the loop dtype or bool for predicates.
 */
extern MtStatus mt_binary(MtBinaryOp op, MtDtype dtype, int ndim,
						  const int64_t *dims, int ndim_a, const int32_t *dims_a,
						  const void *a, int ndim_b, const int32_t *dims_b,
						  const void *b, void *c, MtPollFn poll, void *poll_arg);

/* whether any of n elements of an integer dtype is negative (numpy
 * refuses integers to negative integer powers) */
extern bool mt_any_negative(MtDtype dtype, const void *data, int64_t n);

/*
 * numpy.clip: min(max(x, lo), hi), a bound of NaN meaning none; float32,
 * float64 or an integer dtype (then the bounds are integers in range).
 */
extern MtStatus mt_clip(MtDtype dtype, const void *src, void *dst, int64_t n,
						double lo, double hi, MtPollFn poll, void *poll_arg);

/*
 * numpy.round: halves to even on x * 10^decimals (x / 10^-decimals when
 * decimals is negative), computed in the data's dtype as numpy does;
 * integers with decimals >= 0 are copied, with decimals < 0 computed in
 * float64 and converted back (numpy's way).
 */
extern MtStatus mt_round(MtDtype dtype, const void *src, void *dst, int64_t n,
						 int decimals, MtPollFn poll, void *poll_arg);

/* where(mask, x, y) over n elements already broadcast to one shape: mask
 * of bools (0 or 1), x, y and dst of elements of elem_size bytes */
extern MtStatus mt_where(const uint8_t *mask, size_t elem_size, const void *x,
						 const void *y, void *dst, int64_t n, MtPollFn poll,
						 void *poll_arg);

/*
 * Chooses the loops mt_unary and mt_binary run: the AVX2 build where the
 * CPU has AVX2 (the default, chosen on first use), else, or when
 * force_portable, the portable one (marsql.simd = scalar; the unit tests
 * compare the two).  Both give the same bits.  Returns "avx2" or
 * "portable".
 */
extern const char *mt_elementwise_select(bool force_portable);

#endif							/* MARSQL_ELEMENTWISE_H */
