/*
 * broadcast.c
 *	  numpy broadcasting rules (see broadcast.h): shapes are aligned on
 *	  their trailing dimensions; two extents are compatible when equal or
 *	  when one of them is 1.
 */
#include "broadcast.h"

#include <stdio.h>
#include <string.h>

MtStatus
mt_broadcast_shape(int ndim_a, const int32_t *dims_a, int ndim_b,
				   const int32_t *dims_b, int *ndim_out, int64_t *dims_out,
				   MtError *err)
{
	int			ndim = ndim_a > ndim_b ? ndim_a : ndim_b;

	err->status = MT_OK;
	for (int i = 0; i < ndim; i++)
	{
		int			ia = i - (ndim - ndim_a);
		int			ib = i - (ndim - ndim_b);
		int64_t		ea = ia >= 0 ? dims_a[ia] : 1;
		int64_t		eb = ib >= 0 ? dims_b[ib] : 1;

		if (ea != eb && ea != 1 && eb != 1)
		{
			char		sa[128],
						sb[128];

			mt_format_shape32(sa, sizeof(sa), ndim_a, dims_a);
			mt_format_shape32(sb, sizeof(sb), ndim_b, dims_b);
			mt_error_set(err, MT_ERR_BROADCAST, 0,
						 "Shapes %s and %s cannot be broadcast together: extents %lld and %lld differ in dimension %d of the result.",
						 sa, sb, (long long) ea, (long long) eb, i);
			return err->status;
		}
		dims_out[i] = ea == 1 ? eb : ea;
	}
	*ndim_out = ndim;
	return MT_OK;
}

static void
aligned_strides(int ndim_out, const int64_t *dims_out, int ndim_in,
				const int32_t *dims_in, int64_t *strides)
{
	int64_t		stride = 1;

	for (int i = ndim_out - 1; i >= 0; i--)
	{
		int			k = i - (ndim_out - ndim_in);

		if (k < 0 || (dims_in[k] == 1 && dims_out[i] != 1))
			strides[i] = 0;
		else
			strides[i] = stride;
		if (k >= 0)
			stride *= dims_in[k];
	}
}

void
mt_broadcast_iter_init(MtBroadcastIter *it, int ndim_out,
					   const int64_t *dims_out, int ndim_a,
					   const int32_t *dims_a, int ndim_b,
					   const int32_t *dims_b)
{
	it->ndim = ndim_out;
	memcpy(it->dims, dims_out, sizeof(int64_t) * ndim_out);
	memset(it->index, 0, sizeof(it->index));
	aligned_strides(ndim_out, dims_out, ndim_a, dims_a, it->stride_a);
	aligned_strides(ndim_out, dims_out, ndim_b, dims_b, it->stride_b);
	it->offset_a = 0;
	it->offset_b = 0;
}

void
mt_broadcast_iter_next(MtBroadcastIter *it)
{
	for (int i = it->ndim - 1; i >= 0; i--)
	{
		it->index[i]++;
		it->offset_a += it->stride_a[i];
		it->offset_b += it->stride_b[i];
		if (it->index[i] < it->dims[i])
			return;
		it->offset_a -= it->stride_a[i] * it->dims[i];
		it->offset_b -= it->stride_b[i] * it->dims[i];
		it->index[i] = 0;
	}
}
