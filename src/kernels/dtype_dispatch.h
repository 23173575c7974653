/*
 * dtype_dispatch.h
 *	  One switch over the dtypes whose elements are plain C numbers, so a
 *	  kernel written once as a macro body is instantiated per C type:
 *
 *		#define SORT_ONE(T, NAME) sort_##NAME((T *) data, n)
 *		MT_DISPATCH_REAL(dtype, SORT_ONE);
 *
 *	  NAME is the dtype's name (bool, int8, ..., float64) for building
 *	  function names.  float16 (uint16_t bits, computed in float32) and the
 *	  complex dtypes (pairs) are not covered: a kernel handles them itself,
 *	  usually by converting float16 to float32 and back (exact both ways).
 *	  Pure C, no postgres.h.
 */
#ifndef MARSQL_DTYPE_DISPATCH_H
#define MARSQL_DTYPE_DISPATCH_H

#include <stdint.h>

#include "tensor_layout.h"

#define MT_DISPATCH_EXACT(dtype, M) \
	do { \
		switch (dtype) \
		{ \
			case MT_BOOL: M(uint8_t, bool); break; \
			case MT_INT8: M(int8_t, int8); break; \
			case MT_INT16: M(int16_t, int16); break; \
			case MT_INT32: M(int32_t, int32); break; \
			case MT_INT64: M(int64_t, int64); break; \
			case MT_UINT8: M(uint8_t, uint8); break; \
			default: break; \
		} \
	} while (0)

#define MT_DISPATCH_REAL(dtype, M) \
	do { \
		switch (dtype) \
		{ \
			case MT_FLOAT32: M(float, float32); break; \
			case MT_FLOAT64: M(double, float64); break; \
			default: MT_DISPATCH_EXACT(dtype, M); break; \
		} \
	} while (0)

#endif							/* MARSQL_DTYPE_DISPATCH_H */
