/*
 * tensor_binary.h
 *	  Pure C encoder and decoder for the tensor binary format, used by
 *	  tensor_send / tensor_recv (COPY BINARY, binary protocol) and by
 *	  marsql.to_binary / marsql.from_binary.  Version 1 layout, all
 *	  integers and floats big-endian:
 *
 *		uint8	version		1
 *		uint8	dtype		1 = float32, 2 = float64
 *		uint8	ndim		0 .. MT_MAX_DIMS
 *		uint8	flags		reserved, must be 0
 *		int32	dims[ndim]	each >= 0
 *		IEEE 754 elements in C (row-major) order, 4 or 8 bytes each
 *
 *	  The message must be exactly that long.
 */
#ifndef MARSQL_TENSOR_BINARY_H
#define MARSQL_TENSOR_BINARY_H

#include "tensor_layout.h"

#define MT_BINARY_VERSION 1
#define MT_BINARY_PREFIX_BYTES 4

typedef struct MtBinaryHeader
{
	MtDtype		dtype;
	int			ndim;
	int64_t		dims[MT_MAX_DIMS];
	int64_t		count;
	size_t		data_offset;	/* where the elements start in the message */
} MtBinaryHeader;

extern MtStatus mt_binary_decode_header(const uint8_t *buf, size_t len,
										MtBinaryHeader *header, MtError *err);
extern void mt_binary_decode_data(const uint8_t *src, MtDtype dtype,
								  int64_t count, void *dst);
extern size_t mt_binary_size(int ndim, MtDtype dtype, int64_t count);
extern void mt_binary_encode(MtDtype dtype, int ndim, const int32_t *dims,
							 int64_t count, const void *data, uint8_t *out);

#endif							/* MARSQL_TENSOR_BINARY_H */
