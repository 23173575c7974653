/*
 * indexing.c
 *	  numpy's advanced indexing on raw buffers: see indexing.h.  Elements
 *	  move with memcpy of a block; nothing here converts a value.
 */
#include <string.h>

#include "dtype_cast.h"
#include "indexing.h"

/* elements handled between two polls */
#define POLL_STRIDE ((int64_t) 1 << 16)

#define POLL(i) \
	do { \
		if (poll != NULL && ((i) & (POLL_STRIDE - 1)) == 0 && (i) > 0 && \
			poll(poll_arg)) \
			return MT_ERR_CANCELED; \
	} while (0)

bool
mt_element_nonzero(const void *data, MtDtype dtype, int64_t i)
{
	switch (dtype)
	{
		case MT_BOOL:
		case MT_INT8:
		case MT_UINT8:
			return ((const uint8_t *) data)[i] != 0;
		case MT_INT16:
			return ((const int16_t *) data)[i] != 0;
		case MT_INT32:
			return ((const int32_t *) data)[i] != 0;
		case MT_INT64:
			return ((const int64_t *) data)[i] != 0;
		case MT_FLOAT16:
			/* every bit but the sign: NaN is true, -0 false */
			return (((const uint16_t *) data)[i] & 0x7fff) != 0;
		case MT_FLOAT32:
			return ((const float *) data)[i] != 0.0f;
		case MT_FLOAT64:
			return ((const double *) data)[i] != 0.0;
		case MT_COMPLEX64:
			return ((const float *) data)[2 * i] != 0.0f ||
				((const float *) data)[2 * i + 1] != 0.0f;
		case MT_COMPLEX128:
			return ((const double *) data)[2 * i] != 0.0 ||
				((const double *) data)[2 * i + 1] != 0.0;
		default:
			return false;
	}
}

int64_t
mt_count_nonzero(const void *data, MtDtype dtype, int64_t n)
{
	int64_t		count = 0;

	if (dtype == MT_BOOL)
	{
		const uint8_t *b = data;

		for (int64_t i = 0; i < n; i++)
			count += b[i] != 0;
		return count;
	}
	for (int64_t i = 0; i < n; i++)
		count += mt_element_nonzero(data, dtype, i);
	return count;
}

/* one loop per index C type, so the common int64/int32 cases load directly */
#define READ_INDICES(type) \
	do { \
		const type *src = (const type *) idx; \
		\
		for (int64_t i = 0; i < n; i++) \
		{ \
			int64_t		k = (int64_t) src[i]; \
			int64_t		v = (k < 0 && allow_negative) ? k + len : k; \
			\
			if (v < 0 || v >= len) \
			{ \
				*bad = k; \
				return i; \
			} \
			out[i] = v; \
		} \
	} while (0)

int64_t
mt_read_indices(const void *idx, MtDtype dtype, int64_t n, int64_t len,
				bool allow_negative, int64_t *out, int64_t *bad)
{
	switch (dtype)
	{
		case MT_INT64:
			READ_INDICES(int64_t);
			break;
		case MT_INT32:
			READ_INDICES(int32_t);
			break;
		case MT_INT16:
			READ_INDICES(int16_t);
			break;
		case MT_INT8:
			READ_INDICES(int8_t);
			break;
		default:
			for (int64_t i = 0; i < n; i++)
			{
				int64_t		k = mt_load_int64(idx, dtype, i);
				int64_t		v = (k < 0 && allow_negative) ? k + len : k;

				if (v < 0 || v >= len)
				{
					*bad = k;
					return i;
				}
				out[i] = v;
			}
			break;
	}
	return -1;
}

/* the element loops for the common element sizes (typed copies, not a
 * memcpy call per element) */
#define MASK_SELECT(type) \
	do { \
		const type *s = (const type *) src; \
		type	   *d = (type *) dst; \
		int64_t		k = 0; \
		\
		for (int64_t i = 0; i < n; i++) \
		{ \
			POLL(i); \
			if (mask[i]) \
				d[k++] = s[i]; \
		} \
		return MT_OK; \
	} while (0)

#define GATHER(type) \
	do { \
		const type *s = (const type *) src; \
		type	   *d = (type *) dst; \
		int64_t		done = 0; \
		\
		for (int64_t o = 0; o < outer; o++, s += len) \
			for (int64_t j = 0; j < count; j++, done++) \
			{ \
				POLL(done); \
				*d++ = s[idx[j]]; \
			} \
		return MT_OK; \
	} while (0)

MtStatus
mt_gather(const char *src, size_t block, int64_t outer, int64_t len,
		  const int64_t *idx, int64_t count, char *dst, MtPollFn poll,
		  void *poll_arg)
{
	int64_t		done = 0;

	if (block == 4)
		GATHER(uint32_t);
	if (block == 8)
		GATHER(uint64_t);
	if (block == 2)
		GATHER(uint16_t);
	if (block == 1)
		GATHER(uint8_t);
	for (int64_t o = 0; o < outer; o++)
	{
		const char *row = src + (size_t) o * (size_t) len * block;

		for (int64_t j = 0; j < count; j++, done++)
		{
			POLL(done);
			memcpy(dst, row + (size_t) idx[j] * block, block);
			dst += block;
		}
	}
	return MT_OK;
}

MtStatus
mt_mask_select(const char *src, size_t block, const uint8_t *mask, int64_t n,
			   char *dst, MtPollFn poll, void *poll_arg)
{
	if (block == 4)
		MASK_SELECT(uint32_t);
	if (block == 8)
		MASK_SELECT(uint64_t);
	if (block == 2)
		MASK_SELECT(uint16_t);
	if (block == 1)
		MASK_SELECT(uint8_t);
	for (int64_t i = 0; i < n; i++)
	{
		POLL(i);
		if (mask[i])
		{
			memcpy(dst, src + (size_t) i * block, block);
			dst += block;
		}
	}
	return MT_OK;
}

MtStatus
mt_mask_assign(char *dst, size_t block, const uint8_t *mask, int64_t n,
			   const char *values, size_t values_step, MtPollFn poll,
			   void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		POLL(i);
		if (mask[i])
		{
			memcpy(dst + (size_t) i * block, values, block);
			values += values_step;
		}
	}
	return MT_OK;
}

MtStatus
mt_nonzero_coords(const void *data, MtDtype dtype, int ndim,
				  const int64_t *dims, int64_t count, bool by_axis,
				  int64_t *out, MtPollFn poll, void *poll_arg)
{
	int64_t		coord[MT_MAX_DIMS];
	int64_t		n = 1;
	int64_t		k = 0;

	for (int d = 0; d < ndim; d++)
	{
		coord[d] = 0;
		n *= dims[d];
	}
	if (ndim == 1 && (dtype == MT_BOOL || dtype == MT_INT8 || dtype == MT_UINT8))
	{
		/* flat positions of one-byte elements: the common mask case */
		const uint8_t *b = data;

		for (int64_t i = 0; i < n && k < count; i++)
		{
			POLL(i);
			out[k] = i;
			k += b[i] != 0;
		}
		return MT_OK;
	}
	for (int64_t i = 0; i < n && k < count; i++)
	{
		POLL(i);
		if (mt_element_nonzero(data, dtype, i))
		{
			for (int d = 0; d < ndim; d++)
			{
				if (by_axis)
					out[d * count + k] = coord[d];
				else
					out[k * ndim + d] = coord[d];
			}
			k++;
		}
		for (int d = ndim - 1; d >= 0; d--)
		{
			if (++coord[d] < dims[d])
				break;
			coord[d] = 0;
		}
	}
	return MT_OK;
}

MtStatus
mt_along_axis(char *arr, const int64_t *arr_strides, int axis, int ndim,
			  const int64_t *dims, const int64_t *idx, char *vals,
			  size_t elem, bool write, MtPollFn poll, void *poll_arg)
{
	int64_t		coord[MT_MAX_DIMS];
	int64_t		n = 1;
	int64_t		base = 0;		/* arr offset of coord, axis excluded */

	for (int d = 0; d < ndim; d++)
	{
		coord[d] = 0;
		n *= dims[d];
	}
	for (int64_t i = 0; i < n; i++)
	{
		char	   *a;

		POLL(i);
		a = arr + (size_t) (base + idx[i] * arr_strides[axis]) * elem;
		if (write)
			memcpy(a, vals + (size_t) i * elem, elem);
		else
			memcpy(vals + (size_t) i * elem, a, elem);
		for (int d = ndim - 1; d >= 0; d--)
		{
			if (d != axis)
				base += arr_strides[d];
			if (++coord[d] < dims[d])
				break;
			if (d != axis)
				base -= coord[d] * arr_strides[d];
			coord[d] = 0;
		}
	}
	return MT_OK;
}

MtStatus
mt_choose(const int64_t *which, int64_t n, const char *const *choices,
		  size_t elem, char *dst, MtPollFn poll, void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		POLL(i);
		memcpy(dst + (size_t) i * elem, choices[which[i]] + (size_t) i * elem,
			   elem);
	}
	return MT_OK;
}

MtStatus
mt_select(const uint8_t *const *conds, const char *const *choices, int m,
		  const char *deflt, int64_t n, size_t elem, char *dst,
		  MtPollFn poll, void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		const char *src = deflt;

		POLL(i);
		for (int k = 0; k < m; k++)
		{
			if (conds[k][i])
			{
				src = choices[k];
				break;
			}
		}
		memcpy(dst + (size_t) i * elem, src + (size_t) i * elem, elem);
	}
	return MT_OK;
}

MtStatus
mt_put(char *dst, size_t elem, const int64_t *idx, int64_t n,
	   const char *values, int64_t nvalues, MtPollFn poll, void *poll_arg)
{
	int64_t		v = 0;

	for (int64_t i = 0; i < n; i++)
	{
		POLL(i);
		memcpy(dst + (size_t) idx[i] * elem, values + (size_t) v * elem, elem);
		if (++v == nvalues)
			v = 0;
	}
	return MT_OK;
}

MtStatus
mt_strided_scatter(size_t elem, int ndim, const int64_t *dims,
				   const int64_t *strides, const char *src, char *dst,
				   MtPollFn poll, void *poll_arg)
{
	int64_t		coord[MT_MAX_DIMS];
	int64_t		n = 1;
	int64_t		offset = 0;

	for (int d = 0; d < ndim; d++)
	{
		coord[d] = 0;
		n *= dims[d];
	}
	for (int64_t i = 0; i < n; i++)
	{
		POLL(i);
		memcpy(dst + offset * (int64_t) elem, src + (size_t) i * elem, elem);
		for (int d = ndim - 1; d >= 0; d--)
		{
			offset += strides[d];
			if (++coord[d] < dims[d])
				break;
			offset -= coord[d] * strides[d];
			coord[d] = 0;
		}
	}
	return MT_OK;
}

MtStatus
mt_putmask(char *dst, size_t elem, const void *mask, MtDtype mask_dtype,
		   int64_t n, const char *values, int64_t nvalues, bool by_count,
		   MtPollFn poll, void *poll_arg)
{
	int64_t		k = 0;

	for (int64_t i = 0; i < n; i++)
	{
		POLL(i);
		if (mt_element_nonzero(mask, mask_dtype, i))
		{
			int64_t		v = (by_count ? k++ : i) % nvalues;

			memcpy(dst + (size_t) i * elem, values + (size_t) v * elem, elem);
		}
	}
	return MT_OK;
}

void
mt_unravel(const int64_t *flat, int64_t n, int ndim, const int64_t *dims,
		   int64_t *out)
{
	for (int64_t i = 0; i < n; i++)
	{
		int64_t		f = flat[i];

		for (int d = ndim - 1; d >= 0; d--)
		{
			out[(int64_t) d * n + i] = f % dims[d];
			f /= dims[d];
		}
	}
}

int64_t
mt_ravel(const void *coords, MtDtype dtype, int64_t n, int ndim,
		 const int64_t *dims, int64_t *out, int64_t *bad)
{
	for (int64_t i = 0; i < n; i++)
	{
		int64_t		f = 0;

		for (int d = 0; d < ndim; d++)
		{
			int64_t		c = mt_load_int64(coords, dtype, (int64_t) d * n + i);

			if (c < 0 || c >= dims[d])
			{
				*bad = c;
				return (int64_t) d * n + i;
			}
			f = f * dims[d] + c;
		}
		out[i] = f;
	}
	return -1;
}

int64_t
mt_tri_indices(int64_t n, int64_t m, int64_t k, bool upper, int64_t *out,
			   int64_t count)
{
	int64_t		c = 0;

	for (int64_t i = 0; i < n; i++)
	{
		/* the columns j of row i that are in the triangle: [lo, hi) */
		int64_t		lo = upper ? i + k : 0;
		int64_t		hi = upper ? m : i + k + 1;

		if (lo < 0)
			lo = 0;
		if (hi > m)
			hi = m;
		if (hi <= lo)
			continue;
		if (out == NULL)
		{
			c += hi - lo;
			continue;
		}
		for (int64_t j = lo; j < hi; j++, c++)
		{
			out[c] = i;
			out[count + c] = j;
		}
	}
	return c;
}

void
mt_grid_indices(int ndim, const int64_t *dims, int64_t size, int64_t *out)
{
	int64_t		inner = size;

	if (size == 0)
		return;
	for (int d = 0; d < ndim; d++)
	{
		int64_t    *row = out + (int64_t) d * size;

		inner /= dims[d];
		for (int64_t i = 0; i < size; i++)
			row[i] = (i / inner) % dims[d];
	}
}
