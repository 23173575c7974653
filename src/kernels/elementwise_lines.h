/*
 * elementwise_lines.h
 *	  The loops of elementwise.c, written once and compiled once per
 *	  instruction set: elementwise.c includes this file with LINES_ISA (the
 *	  suffix of every name) and LINES_TARGET (the function attribute, empty
 *	  for the portable build) defined, and gets a table of loops,
 *	  lines_<isa>, to choose from at run time (mt_elementwise_select).
 *	  Every build computes the same IEEE 754 operations in the same order
 *	  (no contraction into FMA, no fast math), so the loops give the same
 *	  bits; only the vector width differs.  Not a header of its own: it
 *	  uses elementwise.c's scalar helpers and types.
 */
#if !defined(LINES_ISA) || !defined(LINES_TARGET)
#error "define LINES_ISA and LINES_TARGET before including elementwise_lines.h"
#endif

#define LINES_CAT2(name, isa) name##_##isa
#define LINES_CAT(name, isa) LINES_CAT2(name, isa)
#define LINES_FN(name) LINES_CAT(name, LINES_ISA)

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
static LINES_TARGET void \
LINES_FN(line_##NAME)(MtBinaryOp op, const void *a, int64_t sa, const void *b, \
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
static LINES_TARGET void
LINES_FN(line_bool)(MtBinaryOp op, const void *a, int64_t sa, const void *b,
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
static LINES_TARGET void \
LINES_FN(line_##NAME)(MtBinaryOp op, const void *a, int64_t sa, const void *b, \
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
static LINES_TARGET void \
LINES_FN(line_c##NAME)(MtBinaryOp op, const void *a, int64_t sa, const void *b, \
			 int64_t sb, void *c, int64_t n) \
{ \
	switch (op) \
	{ \
		case MT_BINARY_ADD: LINE(T, T, x + y); break; \
		case MT_BINARY_SUB: LINE(T, T, x - y); break; \
		case MT_BINARY_MUL: LINE(T, T, cmul_##NAME(x, y)); break; \
		case MT_BINARY_DIV: LINE(T, T, cdiv_##NAME(x, y)); break; \
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
static LINES_TARGET void \
LINES_FN(unary_##NAME)(MtUnaryOp op, const void *src, void *dst, int64_t start, \
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
static LINES_TARGET void \
LINES_FN(unary_##NAME)(MtUnaryOp op, const void *src, void *dst, int64_t start, \
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
static LINES_TARGET void \
LINES_FN(unary_c##NAME)(MtUnaryOp op, const void *src, void *dst, int64_t start, \
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
		case MT_UNARY_SQUARE: ULOOP(T, T, cmul_##NAME(x, x)); break; \
		case MT_UNARY_SIN: ULOOP(T, T, sin(x)); break; \
		case MT_UNARY_COS: ULOOP(T, T, cos(x)); break; \
		case MT_UNARY_TAN: ULOOP(T, T, tan(x)); break; \
		case MT_UNARY_SINH: ULOOP(T, T, sinh(x)); break; \
		case MT_UNARY_COSH: ULOOP(T, T, cosh(x)); break; \
		case MT_UNARY_TANH: ULOOP(T, T, tanh(x)); break; \
		case MT_UNARY_ARCSIN: ULOOP(T, T, asin(x)); break; \
		case MT_UNARY_ARCCOS: ULOOP(T, T, acos(x)); break; \
		case MT_UNARY_ARCTAN: ULOOP(T, T, atan(x)); break; \
		case MT_UNARY_ARCSINH: ULOOP(T, T, asinh(x)); break; \
		case MT_UNARY_ARCCOSH: ULOOP(T, T, acosh(x)); break; \
		case MT_UNARY_ARCTANH: ULOOP(T, T, atanh(x)); break; \
		case MT_UNARY_EXP2: ULOOP(T, T, cexp2_##NAME(x)); break; \
		case MT_UNARY_EXPM1: ULOOP(T, T, cexpm1_##NAME(x)); break; \
		case MT_UNARY_LOG2: ULOOP(T, T, clog_scaled_##NAME(x, (R) 1.442695040888963407359924681001892137)); break; \
		case MT_UNARY_LOG10: ULOOP(T, T, clog_scaled_##NAME(x, (R) 0.434294481903251827651128918916605082)); break; \
		case MT_UNARY_LOG1P: ULOOP(T, T, clog1p_##NAME(x)); break; \
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

/* the loops of this build, by dtype (float16 has none: computed in float32) */
static const ElementwiseLines LINES_FN(lines) = {
	.binary = {
		[MT_BOOL] = LINES_FN(line_bool),
		[MT_INT8] = LINES_FN(line_int8),
		[MT_INT16] = LINES_FN(line_int16),
		[MT_INT32] = LINES_FN(line_int32),
		[MT_INT64] = LINES_FN(line_int64),
		[MT_UINT8] = LINES_FN(line_uint8),
		[MT_FLOAT32] = LINES_FN(line_f),
		[MT_FLOAT64] = LINES_FN(line_d),
		[MT_COMPLEX64] = LINES_FN(line_cf),
		[MT_COMPLEX128] = LINES_FN(line_cd),
	},
	.unary = {
		[MT_BOOL] = LINES_FN(unary_uint8),
		[MT_UINT8] = LINES_FN(unary_uint8),
		[MT_INT8] = LINES_FN(unary_int8),
		[MT_INT16] = LINES_FN(unary_int16),
		[MT_INT32] = LINES_FN(unary_int32),
		[MT_INT64] = LINES_FN(unary_int64),
		[MT_FLOAT32] = LINES_FN(unary_f),
		[MT_FLOAT64] = LINES_FN(unary_d),
		[MT_COMPLEX64] = LINES_FN(unary_cf),
		[MT_COMPLEX128] = LINES_FN(unary_cd),
	},
};

#undef LINE
#undef PREDICATE_CASES
#undef INT_LINE_FN
#undef FLOAT_LINE_FN
#undef COMPLEX_LINE_FN
#undef ULOOP
#undef FLOAT_UNARY_FN
#undef INT_UNARY_FN
#undef COMPLEX_UNARY_FN
#undef LINES_FN
#undef LINES_CAT
#undef LINES_CAT2
#undef LINES_ISA
#undef LINES_TARGET
