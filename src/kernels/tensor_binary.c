/*
 * tensor_binary.c
 *	  Tensor binary format (see tensor_binary.h).  The decoder checks the
 *	  version, the dtype the version allows, reserved flags, every extent
 *	  and the total size with mt_shape_check, that the message length
 *	  matches exactly, and that every bool byte is 0 or 1, before the
 *	  caller allocates anything.  NaN and infinities are accepted, as
 *	  PostgreSQL's float8recv accepts them.
 */
#include "tensor_binary.h"

#include <string.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define to_big16(x) (x)
#define to_big32(x) (x)
#define to_big64(x) (x)
#else
#define to_big16(x) __builtin_bswap16(x)
#define to_big32(x) __builtin_bswap32(x)
#define to_big64(x) __builtin_bswap64(x)
#endif

static uint32_t
read_u32(const uint8_t *p)
{
	uint32_t	v;

	memcpy(&v, p, 4);
	return to_big32(v);
}

MtStatus
mt_binary_decode_header(const uint8_t *buf, size_t len,
						MtBinaryHeader *header, MtError *err)
{
	size_t		total_bytes;
	size_t		dims_end;
	uint64_t	needed;

	memset(header, 0, sizeof(*header));
	err->status = MT_OK;
	if (len < MT_BINARY_PREFIX_BYTES)
	{
		mt_error_set(err, MT_ERR_BINARY, 0,
					 "The message has %zu bytes; at least %d are needed for the header.",
					 len, MT_BINARY_PREFIX_BYTES);
		return err->status;
	}
	if (buf[0] != MT_BINARY_VERSION && buf[0] != MT_BINARY_VERSION_2)
	{
		mt_error_set(err, MT_ERR_BINARY, 0,
					 "Format version %u is not supported; this server reads versions %d and %d.",
					 buf[0], MT_BINARY_VERSION, MT_BINARY_VERSION_2);
		return err->status;
	}
	if (buf[0] == MT_BINARY_VERSION && buf[1] != MT_FLOAT32 && buf[1] != MT_FLOAT64)
	{
		mt_error_set(err, MT_ERR_BINARY, 1,
					 "Dtype code %u is not valid in format version 1; use 1 for float32 or 2 for float64, or version 2 for other dtypes.",
					 buf[1]);
		return err->status;
	}
	if (!mt_dtype_valid(buf[1]))
	{
		mt_error_set(err, MT_ERR_BINARY, 1,
					 "Dtype code %u is not valid; use a code from 1 to %d.",
					 buf[1], MT_DTYPE_LIMIT - 1);
		return err->status;
	}
	if (buf[3] != 0)
	{
		mt_error_set(err, MT_ERR_BINARY, 3,
					 "Reserved flags are 0x%02x; they must be zero.", buf[3]);
		return err->status;
	}
	header->dtype = (MtDtype) buf[1];
	header->ndim = buf[2];
	if (header->ndim > MT_MAX_DIMS)
	{
		mt_error_set(err, MT_ERR_TOO_MANY_DIMS, 2,
					 "The message has %d dimensions; a tensor may have at most %d.",
					 header->ndim, MT_MAX_DIMS);
		return err->status;
	}
	dims_end = MT_BINARY_PREFIX_BYTES + 4 * (size_t) header->ndim;
	if (len < dims_end)
	{
		mt_error_set(err, MT_ERR_BINARY, len,
					 "The message has %zu bytes; its %d dimensions need %zu.",
					 len, header->ndim, dims_end);
		return err->status;
	}
	for (int i = 0; i < header->ndim; i++)
		header->dims[i] = (int32_t) read_u32(buf + MT_BINARY_PREFIX_BYTES + 4 * i);
	if (mt_shape_check(header->ndim, header->dims, header->dtype,
					   &header->count, &total_bytes, err) != MT_OK)
	{
		/* a negative extent is malformed binary data, not a bad argument */
		if (err->status == MT_ERR_SHAPE)
			err->status = MT_ERR_BINARY;
		return err->status;
	}
	needed = dims_end + (uint64_t) header->count * mt_dtype_size(header->dtype);
	if (len != needed)
	{
		mt_error_set(err, MT_ERR_BINARY, len,
					 "The message has %zu bytes but its shape needs exactly %llu.",
					 len, (unsigned long long) needed);
		return err->status;
	}
	if (header->dtype == MT_BOOL)
	{
		for (int64_t i = 0; i < header->count; i++)
			if (buf[dims_end + i] > 1)
			{
				mt_error_set(err, MT_ERR_BINARY, dims_end + (size_t) i,
							 "Element %lld of the bool tensor is the byte 0x%02x; it must be 0 or 1.",
							 (long long) i, buf[dims_end + i]);
				return err->status;
			}
	}
	header->data_offset = dims_end;
	return MT_OK;
}

/*
 * Bytes swapped as a unit: the element, or each part of a complex one.
 */
static size_t
unit_size(MtDtype dtype)
{
	return mt_dtype_is_complex(dtype) ? mt_dtype_size(dtype) / 2 :
		mt_dtype_size(dtype);
}

/* Copies units between host and big-endian order (the same swap both ways). */
static void
swap_units(const uint8_t *src, uint8_t *dst, size_t unit, int64_t units)
{
	switch (unit)
	{
		case 1:
			memcpy(dst, src, (size_t) units);
			break;
		case 2:
			for (int64_t i = 0; i < units; i++)
			{
				uint16_t	v;

				memcpy(&v, src + 2 * i, 2);
				v = to_big16(v);
				memcpy(dst + 2 * i, &v, 2);
			}
			break;
		case 4:
			for (int64_t i = 0; i < units; i++)
			{
				uint32_t	v;

				memcpy(&v, src + 4 * i, 4);
				v = to_big32(v);
				memcpy(dst + 4 * i, &v, 4);
			}
			break;
		default:
			for (int64_t i = 0; i < units; i++)
			{
				uint64_t	v;

				memcpy(&v, src + 8 * i, 8);
				v = to_big64(v);
				memcpy(dst + 8 * i, &v, 8);
			}
			break;
	}
}

void
mt_binary_decode_data(const uint8_t *src, MtDtype dtype, int64_t count,
					  void *dst)
{
	size_t		unit = unit_size(dtype);

	swap_units(src, dst, unit, count * (int64_t) (mt_dtype_size(dtype) / unit));
}

size_t
mt_binary_size(int ndim, MtDtype dtype, int64_t count)
{
	return MT_BINARY_PREFIX_BYTES + 4 * (size_t) ndim +
		(size_t) count * mt_dtype_size(dtype);
}

void
mt_binary_encode(MtDtype dtype, int ndim, const int32_t *dims, int64_t count,
				 const void *data, uint8_t *out)
{
	uint8_t    *p = out + MT_BINARY_PREFIX_BYTES;

	out[0] = (uint8_t) mt_binary_version_for(dtype);
	out[1] = (uint8_t) dtype;
	out[2] = (uint8_t) ndim;
	out[3] = 0;
	for (int i = 0; i < ndim; i++, p += 4)
	{
		uint32_t	v = to_big32((uint32_t) dims[i]);

		memcpy(p, &v, 4);
	}
	{
		size_t		unit = unit_size(dtype);

		swap_units(data, p, unit, count * (int64_t) (mt_dtype_size(dtype) / unit));
	}
}
