/*
 * tensor_text.h
 *	  Pure C parser for the tensor text format.  Two passes: mt_text_scan
 *	  checks the whole literal and computes its shape without allocating;
 *	  mt_text_fill then converts the numbers into a buffer the caller sized
 *	  from that shape.
 *
 *	  literal := [ dtype ] [ '(' extents ')' ] ':' body  |  body
 *	  body    := number | '[' [ body { ',' body } ] ']'
 */
#ifndef MARSQL_TENSOR_TEXT_H
#define MARSQL_TENSOR_TEXT_H

#include "tensor_layout.h"

typedef struct MtTextShape
{
	MtDtype		dtype;			/* from the header, or MT_DTYPE_INVALID */
	int			ndim;
	int64_t		dims[MT_MAX_DIMS];
	int64_t		count;			/* numbers in the body */
	size_t		body_offset;	/* where the body starts in the input */
} MtTextShape;

extern MtStatus mt_text_scan(const char *input, MtTextShape *shape,
							 MtError *err);
extern MtStatus mt_text_fill(const char *input, const MtTextShape *shape,
							 MtDtype dtype, void *data, MtError *err);

#endif							/* MARSQL_TENSOR_TEXT_H */
