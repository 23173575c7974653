/*
 * strided.c
 *	  Strided views and their copy (see strided.h).  The last axis is the
 *	  inner loop: a memcpy when it is contiguous, a typed loop otherwise.
 */
#include "strided.h"

#include <string.h>

void
mt_contiguous_strides(int ndim, const int64_t *dims, int64_t *strides)
{
	int64_t		s = 1;

	for (int i = ndim - 1; i >= 0; i--)
	{
		strides[i] = s;
		s *= dims[i];
	}
}

static void
copy_line(size_t elem, int64_t n, int64_t stride, const char *src, char *dst)
{
	if (stride == 1)
		memcpy(dst, src, (size_t) n * elem);
	else if (elem == 8)
	{
		const double *s = (const double *) src;
		double	   *d = (double *) dst;

		for (int64_t i = 0; i < n; i++)
			d[i] = s[i * stride];
	}
	else if (elem == 4)
	{
		const float *s = (const float *) src;
		float	   *d = (float *) dst;

		for (int64_t i = 0; i < n; i++)
			d[i] = s[i * stride];
	}
	else
	{
		/* bool, int8/16, uint8, float16, complex: any element size */
		for (int64_t i = 0; i < n; i++)
			memcpy(dst + (size_t) i * elem, src + (size_t) (i * stride) * elem, elem);
	}
}

int64_t
mt_strided_copy(size_t elem, int ndim, const int64_t *dims,
				const int64_t *strides, const void *src, void *dst)
{
	int64_t		index[MT_STRIDED_MAX_DIMS] = {0};
	int64_t		lines = 1;
	int64_t		inner;
	int64_t		inner_stride;
	const char *s = (const char *) src;
	char	   *d = (char *) dst;

	if (ndim == 0)
	{
		memcpy(dst, src, elem);
		return 1;
	}
	for (int i = 0; i < ndim; i++)
		if (dims[i] == 0)
			return 0;
	for (int i = 0; i < ndim - 1; i++)
		lines *= dims[i];
	inner = dims[ndim - 1];
	inner_stride = strides[ndim - 1];

	for (int64_t line = 0; line < lines; line++)
	{
		int64_t		offset = 0;

		for (int i = 0; i < ndim - 1; i++)
			offset += index[i] * strides[i];
		copy_line(elem, inner, inner_stride, s + offset * (int64_t) elem, d);
		d += inner * elem;
		for (int i = ndim - 2; i >= 0; i--)
		{
			if (++index[i] < dims[i])
				break;
			index[i] = 0;
		}
	}
	return lines * inner;
}
