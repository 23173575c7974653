/*
 * fuzz_binary.c
 *	  libFuzzer target for the tensor binary decoder
 *	  (src/kernels/tensor_binary.c), built outside the server.  Whatever the
 *	  bytes, decoding never reads out of bounds, and a message that decodes
 *	  re-encodes to exactly the same bytes, for every dtype: but for the
 *	  version byte of a float32/float64 message written as version 2,
 *	  which the encoder writes as version 1.  A decoded bool is 0 or 1.
 */
#include <stdlib.h>
#include <string.h>

#include "kernels/tensor_binary.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	MtBinaryHeader header;
	MtError		err;
	void	   *values;
	uint8_t    *again;
	int32_t		dims[MT_MAX_DIMS];

	if (mt_binary_decode_header(data, size, &header, &err) != MT_OK)
	{
		if (err.status == MT_OK)
			abort();
		return 0;
	}
	values = malloc((size_t) header.count * mt_dtype_size(header.dtype) + 1);
	mt_binary_decode_data(data + header.data_offset, header.dtype, header.count,
						  values);
	for (int i = 0; i < header.ndim; i++)
		dims[i] = (int32_t) header.dims[i];
	if (mt_binary_size(header.ndim, header.dtype, header.count) != size)
		abort();
	again = malloc(size);
	mt_binary_encode(header.dtype, header.ndim, dims, header.count, values, again);
	if (again[0] != mt_binary_version_for(header.dtype) ||
		(data[0] != again[0] &&
		 !(data[0] == MT_BINARY_VERSION_2 &&
		   (header.dtype == MT_FLOAT32 || header.dtype == MT_FLOAT64))) ||
		memcmp(again + 1, data + 1, size - 1) != 0)
		abort();
	if (header.dtype == MT_BOOL)
		for (int64_t i = 0; i < header.count; i++)
			if (((const uint8_t *) values)[i] > 1)
				abort();
	free(again);
	free(values);
	return 0;
}
