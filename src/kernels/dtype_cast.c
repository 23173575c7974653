/*
 * dtype_cast.c
 *	  Element conversion between any two dtypes (see dtype_cast.h).  Each
 *	  source dtype loads into one of three carriers (int64 for bool and the
 *	  integers, double for the floats, a double pair for complex); each
 *	  target stores from the carrier with its own checks.  The loops are
 *	  instantiated per (source, target) so the target's switch is outside
 *	  the loop; the common float pairs have their own loops.
 */
#include "dtype_cast.h"

#include <complex.h>
#include <math.h>
#include <string.h>

#include "float16.h"

/* ---- loading ---- */

int64_t
mt_load_int64(const void *data, MtDtype dtype, int64_t i)
{
	switch (dtype)
	{
		case MT_BOOL:
		case MT_UINT8:
			return ((const uint8_t *) data)[i];
		case MT_INT8:
			return ((const int8_t *) data)[i];
		case MT_INT16:
			return ((const int16_t *) data)[i];
		case MT_INT32:
			return ((const int32_t *) data)[i];
		case MT_INT64:
			return ((const int64_t *) data)[i];
		default:
			return (int64_t) mt_load_double(data, dtype, i);
	}
}

double
mt_load_double(const void *data, MtDtype dtype, int64_t i)
{
	switch (dtype)
	{
		case MT_FLOAT32:
			return ((const float *) data)[i];
		case MT_FLOAT64:
			return ((const double *) data)[i];
		case MT_FLOAT16:
			return mt_half_to_float(((const uint16_t *) data)[i]);
		case MT_COMPLEX64:
			return ((const float *) data)[2 * i];
		case MT_COMPLEX128:
			return ((const double *) data)[2 * i];
		default:
			return (double) mt_load_int64(data, dtype, i);
	}
}

/* ---- storing, one function per target carrier and dtype ---- */

/* float -> integer: truncate, refusing NaN, infinity and out of range */
static inline bool
float_fits(double v, double lo, double hi_exclusive)
{
	/* NaN fails both comparisons */
	return v > lo - 1.0 && v < hi_exclusive;
}

#define INT_RANGE(T, LO, HI) \
	static inline bool store_##T##_from_double(T *d, double v) \
	{ \
		if (!float_fits(v, (LO), (HI))) \
			return false; \
		*d = (T) v; \
		return true; \
	}
INT_RANGE(int8_t, -128.0, 128.0)
INT_RANGE(int16_t, -32768.0, 32768.0)
INT_RANGE(int32_t, -2147483648.0, 2147483648.0)
INT_RANGE(uint8_t, 0.0, 256.0)
/* int64: every double in [-2^63, 2^63) truncates into range */
static inline bool
store_int64_t_from_double(int64_t *d, double v)
{
	if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0))
		return false;
	*d = (int64_t) v;
	return true;
}

static inline bool
store_float_from_double(float *d, double v)
{
	float		f = (float) v;

	if ((isinf(f) && !isinf(v)) || (f == 0.0f && v != 0.0))
		return false;
	*d = f;
	return true;
}

static inline bool
store_half_from_double(uint16_t *d, double v)
{
	uint16_t	h = mt_double_to_half(v);

	if ((h & 0x7fff) == 0x7c00 && !isinf(v))
		return false;
	*d = h;
	return true;
}

/* ---- the loops ---- */

/*
 * LOAD(i) gives the carrier value of element i; KIND is I (int64), F
 * (double) or C (real part re, imaginary part im).
 */
#define FOR_EACH(body) \
	for (int64_t i = 0; i < n; i++) \
	{ \
		body; \
	}

#define FAIL(reason) \
	do { *why = (reason); return i; } while (0)

/* target switch for an integer carrier v */
#define STORE_FROM_INT(LOADEXPR) \
	switch (to) \
	{ \
		case MT_BOOL: FOR_EACH(((uint8_t *) dst)[i] = (LOADEXPR) != 0) break; \
		case MT_INT8: FOR_EACH(((int8_t *) dst)[i] = (int8_t) (uint8_t) (LOADEXPR)) break; \
		case MT_UINT8: FOR_EACH(((uint8_t *) dst)[i] = (uint8_t) (LOADEXPR)) break; \
		case MT_INT16: FOR_EACH(((int16_t *) dst)[i] = (int16_t) (uint16_t) (LOADEXPR)) break; \
		case MT_INT32: FOR_EACH(((int32_t *) dst)[i] = (int32_t) (uint32_t) (LOADEXPR)) break; \
		case MT_INT64: FOR_EACH(((int64_t *) dst)[i] = (int64_t) (LOADEXPR)) break; \
		case MT_FLOAT16: FOR_EACH(if (!store_half_from_double(&((uint16_t *) dst)[i], (double) (LOADEXPR))) FAIL(MT_CAST_OVERFLOW)) break; \
		case MT_FLOAT32: FOR_EACH(((float *) dst)[i] = (float) (LOADEXPR)) break; \
		case MT_FLOAT64: FOR_EACH(((double *) dst)[i] = (double) (LOADEXPR)) break; \
		case MT_COMPLEX64: FOR_EACH(((float *) dst)[2 * i] = (float) (LOADEXPR); ((float *) dst)[2 * i + 1] = 0.0f) break; \
		case MT_COMPLEX128: FOR_EACH(((double *) dst)[2 * i] = (double) (LOADEXPR); ((double *) dst)[2 * i + 1] = 0.0) break; \
		default: break; \
	}

/* target switch for a double carrier */
#define STORE_FROM_DOUBLE(LOADEXPR) \
	switch (to) \
	{ \
		case MT_BOOL: FOR_EACH(double v = (LOADEXPR); ((uint8_t *) dst)[i] = v != 0.0) break; \
		case MT_INT8: FOR_EACH(if (!store_int8_t_from_double(&((int8_t *) dst)[i], (LOADEXPR))) FAIL(MT_CAST_INVALID)) break; \
		case MT_UINT8: FOR_EACH(if (!store_uint8_t_from_double(&((uint8_t *) dst)[i], (LOADEXPR))) FAIL(MT_CAST_INVALID)) break; \
		case MT_INT16: FOR_EACH(if (!store_int16_t_from_double(&((int16_t *) dst)[i], (LOADEXPR))) FAIL(MT_CAST_INVALID)) break; \
		case MT_INT32: FOR_EACH(if (!store_int32_t_from_double(&((int32_t *) dst)[i], (LOADEXPR))) FAIL(MT_CAST_INVALID)) break; \
		case MT_INT64: FOR_EACH(if (!store_int64_t_from_double(&((int64_t *) dst)[i], (LOADEXPR))) FAIL(MT_CAST_INVALID)) break; \
		case MT_FLOAT16: FOR_EACH(if (!store_half_from_double(&((uint16_t *) dst)[i], (LOADEXPR))) FAIL(MT_CAST_OVERFLOW)) break; \
		case MT_FLOAT32: FOR_EACH(if (!store_float_from_double(&((float *) dst)[i], (LOADEXPR))) FAIL(MT_CAST_OVERFLOW)) break; \
		case MT_FLOAT64: FOR_EACH(((double *) dst)[i] = (LOADEXPR)) break; \
		case MT_COMPLEX64: FOR_EACH(if (!store_float_from_double(&((float *) dst)[2 * i], (LOADEXPR))) FAIL(MT_CAST_OVERFLOW); ((float *) dst)[2 * i + 1] = 0.0f) break; \
		case MT_COMPLEX128: FOR_EACH(((double *) dst)[2 * i] = (LOADEXPR); ((double *) dst)[2 * i + 1] = 0.0) break; \
		default: break; \
	}

/* complex source of part type T */
#define STORE_FROM_COMPLEX(T) \
	do { \
		const T *s = (const T *) src; \
		if (to == MT_BOOL) \
		{ \
			FOR_EACH(((uint8_t *) dst)[i] = s[2 * i] != 0 || s[2 * i + 1] != 0) \
			break; \
		} \
		if (to == MT_COMPLEX64) \
		{ \
			FOR_EACH(if (!store_float_from_double(&((float *) dst)[2 * i], (double) s[2 * i]) || \
						 !store_float_from_double(&((float *) dst)[2 * i + 1], (double) s[2 * i + 1])) \
					 FAIL(MT_CAST_OVERFLOW)) \
			break; \
		} \
		if (to == MT_COMPLEX128) \
		{ \
			FOR_EACH(((double *) dst)[2 * i] = s[2 * i]; ((double *) dst)[2 * i + 1] = s[2 * i + 1]) \
			break; \
		} \
		/* to a real dtype: only with a zero imaginary part */ \
		{ \
			int64_t		all = n; \
			int64_t		real_only = 0; \
			\
			while (real_only < all && s[2 * real_only + 1] == 0) \
				real_only++; \
			n = real_only; \
			STORE_FROM_DOUBLE((double) s[2 * i]); \
			if (real_only < all) \
			{ \
				*why = MT_CAST_IMAGINARY; \
				return real_only; \
			} \
		} \
	} while (0)

int64_t
mt_cast(const void *src, MtDtype from, void *dst, MtDtype to, int64_t n,
		MtCastFailure *why)
{
	*why = MT_CAST_OK;
	if (from == to)
	{
		if (n > 0 && src != dst)
			memmove(dst, src, (size_t) n * mt_dtype_size(from));
		return -1;
	}
	switch (from)
	{
		case MT_BOOL:
		case MT_UINT8:
			STORE_FROM_INT(((const uint8_t *) src)[i]);
			break;
		case MT_INT8:
			STORE_FROM_INT(((const int8_t *) src)[i]);
			break;
		case MT_INT16:
			STORE_FROM_INT(((const int16_t *) src)[i]);
			break;
		case MT_INT32:
			STORE_FROM_INT(((const int32_t *) src)[i]);
			break;
		case MT_INT64:
			STORE_FROM_INT(((const int64_t *) src)[i]);
			break;
		case MT_FLOAT16:
			STORE_FROM_DOUBLE((double) mt_half_to_float(((const uint16_t *) src)[i]));
			break;
		case MT_FLOAT32:
			STORE_FROM_DOUBLE((double) ((const float *) src)[i]);
			break;
		case MT_FLOAT64:
			STORE_FROM_DOUBLE(((const double *) src)[i]);
			break;
		case MT_COMPLEX64:
			STORE_FROM_COMPLEX(float);
			break;
		case MT_COMPLEX128:
			STORE_FROM_COMPLEX(double);
			break;
		default:
			break;
	}
	return -1;
}
