/*
 * tensor_binary.h
 *	  Pure C encoder and decoder for the tensor binary format, used by
 *	  tensor_send / tensor_recv (COPY BINARY, binary protocol) and by
 *	  marsql.to_binary / marsql.from_binary.  Layout, all integers and
 *	  floats big-endian:
 *
 *		uint8	version		1 or 2
 *		uint8	dtype		the MtDtype code (version 1: 1 = float32, 2 = float64)
 *		uint8	ndim		0 .. MT_MAX_DIMS
 *		uint8	flags		reserved, must be 0
 *		int32	dims[ndim]	each >= 0
 *		elements in C (row-major) order
 *
 *	  Elements: bool one byte, 0 or 1 (any other byte is refused); int8 and
 *	  uint8 one byte; int16 2, int32 4, int64 8 bytes two's complement;
 *	  float16 2, float32 4, float64 8 bytes IEEE 754; complex64 and
 *	  complex128 the real part then the imaginary part, each a float32 or
 *	  float64.  The message must be exactly that long.
 *
 *	  Version 1 (marsql 0.1) carries float32 and float64 only.  Version 2
 *	  has the same layout and carries every dtype.  The encoder still writes
 *	  version 1 for float32 and float64, so the bytes of those values are
 *	  unchanged and clients that only know version 1 keep working; it
 *	  writes version 2 for the other dtypes.  The decoder reads both.
 */
#ifndef MARSQL_TENSOR_BINARY_H
#define MARSQL_TENSOR_BINARY_H

#include "tensor_layout.h"

#define MT_BINARY_VERSION 1		/* float32 and float64 */
#define MT_BINARY_VERSION_2 2	/* every dtype */
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
/* The version the encoder writes for a dtype. */
static inline int
mt_binary_version_for(MtDtype dtype)
{
	return dtype == MT_FLOAT32 || dtype == MT_FLOAT64 ?
		MT_BINARY_VERSION : MT_BINARY_VERSION_2;
}

extern size_t mt_binary_size(int ndim, MtDtype dtype, int64_t count);
extern void mt_binary_encode(MtDtype dtype, int ndim, const int32_t *dims,
							 int64_t count, const void *data, uint8_t *out);

#endif							/* MARSQL_TENSOR_BINARY_H */
