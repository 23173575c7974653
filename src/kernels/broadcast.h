/*
 * broadcast.h
 *	  Pure C numpy broadcasting: the result shape of two operands, and an
 *	  odometer that walks the result in C order while tracking each
 *	  operand's element offset.
 */
#ifndef MARSQL_BROADCAST_H
#define MARSQL_BROADCAST_H

#include "tensor_layout.h"

extern MtStatus mt_broadcast_shape(int ndim_a, const int32_t *dims_a,
								   int ndim_b, const int32_t *dims_b,
								   int *ndim_out, int64_t *dims_out,
								   MtError *err);

typedef struct MtBroadcastIter
{
	int			ndim;
	int64_t		dims[MT_MAX_DIMS];
	int64_t		index[MT_MAX_DIMS];
	int64_t		stride_a[MT_MAX_DIMS];	/* 0 where a is broadcast */
	int64_t		stride_b[MT_MAX_DIMS];
	int64_t		offset_a;
	int64_t		offset_b;
} MtBroadcastIter;

extern void mt_broadcast_iter_init(MtBroadcastIter *it, int ndim_out,
								   const int64_t *dims_out,
								   int ndim_a, const int32_t *dims_a,
								   int ndim_b, const int32_t *dims_b);
extern void mt_broadcast_iter_next(MtBroadcastIter *it);

#endif							/* MARSQL_BROADCAST_H */
