/*
 * elements.c
 *	  dtype conversion, tensor ordering and hashing over raw element data
 *	  (see elements.h).
 */
#include "elements.h"

#include <math.h>
#include <string.h>

int64_t
mt_convert(const void *src, MtDtype src_dtype, void *dst, MtDtype dst_dtype,
		   int64_t n)
{
	if (src_dtype == dst_dtype)
	{
		memmove(dst, src, (size_t) n * mt_dtype_size(src_dtype));
		return -1;
	}
	if (dst_dtype == MT_FLOAT64)
	{
		const float *in = src;
		double	   *out = dst;

		for (int64_t i = 0; i < n; i++)
			out[i] = in[i];
		return -1;
	}
	else
	{
		const double *in = src;
		float	   *out = dst;

		for (int64_t i = 0; i < n; i++)
		{
			float		v = (float) in[i];

			/* as float8 -> float4 in PostgreSQL: no silent inf or zero */
			if ((isinf(v) && !isinf(in[i])) || (v == 0.0f && in[i] != 0.0))
				return i;
			out[i] = v;
		}
		return -1;
	}
}

int
mt_compare_tensors(int ndim_a, const int32_t *dims_a, MtDtype dtype_a,
				   const void *data_a, int ndim_b, const int32_t *dims_b,
				   MtDtype dtype_b, const void *data_b, int64_t count)
{
	if (ndim_a != ndim_b)
		return ndim_a < ndim_b ? -1 : 1;
	for (int i = 0; i < ndim_a; i++)
		if (dims_a[i] != dims_b[i])
			return dims_a[i] < dims_b[i] ? -1 : 1;
	if (dtype_a == MT_FLOAT64 && dtype_b == MT_FLOAT64)
	{
		const double *a = data_a,
				   *b = data_b;

		for (int64_t i = 0; i < count; i++)
		{
			int			c = mt_compare_double(a[i], b[i]);

			if (c != 0)
				return c;
		}
		return 0;
	}
	for (int64_t i = 0; i < count; i++)
	{
		int			c = mt_compare_double(mt_load(data_a, dtype_a, i),
										  mt_load(data_b, dtype_b, i));

		if (c != 0)
			return c;
	}
	return 0;
}

static inline uint64_t
mix64(uint64_t h, uint64_t v)
{
	h ^= v + UINT64_C(0x9e3779b97f4a7c15) + (h << 6) + (h >> 2);
	h ^= h >> 31;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	return h ^ (h >> 29);
}

uint64_t
mt_hash_tensor(int ndim, const int32_t *dims, MtDtype dtype, const void *data,
			   int64_t count, uint64_t seed)
{
	uint64_t	h = mix64(seed, (uint64_t) ndim);

	for (int i = 0; i < ndim; i++)
		h = mix64(h, (uint64_t) (uint32_t) dims[i]);
	for (int64_t i = 0; i < count; i++)
	{
		double		v = mt_load(data, dtype, i);
		uint64_t	bits;

		/* values that compare equal must hash equal */
		if (v != v)
			v = NAN;
		else if (v == 0.0)
			v = 0.0;
		memcpy(&bits, &v, sizeof(bits));
		h = mix64(h, bits);
	}
	return h;
}
