/*
 * strided.h
 *	  Views over a C-order buffer described by extents and element strides
 *	  (transposes, slices with steps, broadcasts), and the copy of a view
 *	  into a contiguous buffer.
 */
#ifndef MARSQL_STRIDED_H
#define MARSQL_STRIDED_H

#include "tensor_layout.h"

/* Views may have twice as many axes as a tensor (tile pairs each axis
 * with a repeat axis). */
#define MT_STRIDED_MAX_DIMS (2 * MT_MAX_DIMS)

/* Element strides of a contiguous C-order array. */
extern void mt_contiguous_strides(int ndim, const int64_t *dims,
								  int64_t *strides);

/*
 * Copies the view (dims, strides in elements, may be zero or negative;
 * src at the view's first element) into dst in C order.  Returns the
 * number of elements copied.
 */
extern int64_t mt_strided_copy(size_t elem, int ndim, const int64_t *dims,
							   const int64_t *strides, const void *src,
							   void *dst);

#endif							/* MARSQL_STRIDED_H */
