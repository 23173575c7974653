/*
 * dtype_cast.h
 *	  Converting elements between any two dtypes, as numpy's astype does,
 *	  with the values numpy leaves undefined refused instead:
 *	  - integer to narrower integer wraps (two's complement), as numpy;
 *	  - anything to bool is "not zero" (NaN is true, as in numpy);
 *	  - float to integer truncates toward zero; NaN, infinity or a value
 *	    outside the integer's range is MT_CAST_INVALID (numpy: undefined
 *	    value and a RuntimeWarning);
 *	  - to float32/float64 rounds to nearest; a finite value that becomes
 *	    infinite, or a nonzero one that becomes 0 in float32, is
 *	    MT_CAST_OVERFLOW (PostgreSQL's float8 -> float4 rule);
 *	  - to float16 rounds to nearest; a finite value that becomes infinite
 *	    is MT_CAST_OVERFLOW, values below float16's smallest subnormal
 *	    become zero (float16 is storage: numpy does the same);
 *	  - complex to a real dtype keeps the real part only when the imaginary
 *	    part is zero, else MT_CAST_IMAGINARY (numpy: drops it and warns);
 *	  - complex parts narrow as floats do.
 *	  Pure C, no postgres.h.
 */
#ifndef MARSQL_DTYPE_CAST_H
#define MARSQL_DTYPE_CAST_H

#include "tensor_layout.h"

typedef enum MtCastFailure
{
	MT_CAST_OK = 0,
	MT_CAST_OVERFLOW,			/* out of the target float's range */
	MT_CAST_INVALID,			/* NaN, infinity or out of range for an integer */
	MT_CAST_IMAGINARY			/* complex with a nonzero imaginary part */
} MtCastFailure;

/*
 * Converts n elements of src (dtype from) into dst (dtype to); src and dst
 * must not overlap unless from == to.  Returns -1 when every element
 * converted, else the index of the first element that could not and sets
 * *why (elements before it are converted, the rest are not).
 */
extern int64_t mt_cast(const void *src, MtDtype from, void *dst, MtDtype to,
					   int64_t n, MtCastFailure *why);

/* Element i of a real (not complex) dtype as a double; int64 beyond 2^53
 * rounds.  For complex dtypes, the real part. */
extern double mt_load_double(const void *data, MtDtype dtype, int64_t i);

/* Element i of an exact dtype (bool, integers) as int64. */
extern int64_t mt_load_int64(const void *data, MtDtype dtype, int64_t i);

#endif							/* MARSQL_DTYPE_CAST_H */
