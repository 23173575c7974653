/*
 * tile_grid.c
 *	  Regular tile grids and block copies (see tile_grid.h).
 */
#include "tile_grid.h"

#include <math.h>
#include <string.h>

MtStatus
mt_tile_grid_init(MtTileGrid *grid, int ndim, const int64_t *shape,
				  const int64_t *tile)
{
	int64_t		ntiles = 1;

	if (ndim < 0 || ndim > MT_MAX_DIMS)
		return MT_ERR_TOO_MANY_DIMS;
	grid->ndim = ndim;
	for (int i = 0; i < ndim; i++)
	{
		if (tile[i] < 1 || shape[i] < 0)
			return MT_ERR_SHAPE;
		grid->shape[i] = shape[i];
		grid->tile[i] = tile[i];
		grid->count[i] = shape[i] == 0 ? 0 : (shape[i] - 1) / tile[i] + 1;
		if (grid->count[i] > INT32_MAX)
			return MT_ERR_SHAPE;
		if (grid->count[i] != 0 && ntiles > INT64_MAX / grid->count[i])
			return MT_ERR_SHAPE;
		ntiles *= grid->count[i];
	}
	grid->ntiles = ntiles;
	return MT_OK;
}

void
mt_tile_coords(const MtTileGrid *grid, int64_t index, int64_t *coords)
{
	for (int i = grid->ndim - 1; i >= 0; i--)
	{
		coords[i] = index % grid->count[i];
		index /= grid->count[i];
	}
}

int64_t
mt_tile_index(const MtTileGrid *grid, const int64_t *coords)
{
	int64_t		index = 0;

	for (int i = 0; i < grid->ndim; i++)
		index = index * grid->count[i] + coords[i];
	return index;
}

void
mt_tile_bounds(const MtTileGrid *grid, const int64_t *coords, int64_t *lo,
			   int64_t *hi)
{
	for (int i = 0; i < grid->ndim; i++)
	{
		lo[i] = coords[i] * grid->tile[i];
		hi[i] = lo[i] + grid->tile[i];
		if (hi[i] > grid->shape[i])
			hi[i] = grid->shape[i];
	}
}

int64_t
mt_tile_elements(const MtTileGrid *grid, const int64_t *coords)
{
	int64_t		lo[MT_MAX_DIMS],
				hi[MT_MAX_DIMS],
				n = 1;

	mt_tile_bounds(grid, coords, lo, hi);
	for (int i = 0; i < grid->ndim; i++)
		n *= hi[i] - lo[i];
	return n;
}

void
mt_tile_default(int ndim, const int64_t *shape, size_t elem, int64_t bytes,
				int64_t *tile)
{
	double		budget = (double) bytes / (double) (elem ? elem : 1);
	bool		fixed[MT_MAX_DIMS];
	bool		changed = true;

	if (budget < 1)
		budget = 1;
	for (int i = 0; i < ndim; i++)
		fixed[i] = false;

	/* dimensions shorter than an even share take their whole extent */
	while (changed)
	{
		double		rest = budget;
		int			nfree = 0;
		double		side;

		changed = false;
		for (int i = 0; i < ndim; i++)
		{
			if (fixed[i])
				rest /= (double) (shape[i] > 0 ? shape[i] : 1);
			else
				nfree++;
		}
		if (nfree == 0)
			break;
		side = pow(rest < 1 ? 1 : rest, 1.0 / nfree);
		for (int i = 0; i < ndim; i++)
		{
			if (!fixed[i] && (double) shape[i] <= side)
			{
				fixed[i] = true;
				changed = true;
			}
		}
		if (!changed)
		{
			for (int i = 0; i < ndim; i++)
			{
				int64_t		t;

				if (fixed[i])
					continue;
				t = (int64_t) side;
				if (t > 256)
					t -= t % 256;
				tile[i] = t < 1 ? 1 : t;
			}
		}
	}
	for (int i = 0; i < ndim; i++)
	{
		if (fixed[i])
			tile[i] = shape[i] > 0 ? shape[i] : 1;
	}
}

/* one dimension of the block copy; the last is a memcpy */
static void
copy_block_dim(size_t elem, int ndim, int d, const int64_t *extent,
			   const char *src, const int64_t *src_stride,
			   char *dst, const int64_t *dst_stride)
{
	if (d == ndim - 1)
	{
		memcpy(dst, src, (size_t) extent[d] * elem);
		return;
	}
	for (int64_t i = 0; i < extent[d]; i++)
		copy_block_dim(elem, ndim, d + 1, extent,
					   src + (size_t) (i * src_stride[d]) * elem, src_stride,
					   dst + (size_t) (i * dst_stride[d]) * elem, dst_stride);
}

void
mt_copy_block(size_t elem, int ndim, const int64_t *extent,
			  const void *src, const int64_t *src_dims, const int64_t *src_lo,
			  void *dst, const int64_t *dst_dims, const int64_t *dst_lo)
{
	int64_t		src_stride[MT_MAX_DIMS],
				dst_stride[MT_MAX_DIMS];
	int64_t		src_off = 0,
				dst_off = 0;

	for (int i = 0; i < ndim; i++)
	{
		if (extent[i] == 0)
			return;
	}
	if (ndim == 0)
	{
		memcpy(dst, src, elem);
		return;
	}
	src_stride[ndim - 1] = 1;
	dst_stride[ndim - 1] = 1;
	for (int i = ndim - 2; i >= 0; i--)
	{
		src_stride[i] = src_stride[i + 1] * src_dims[i + 1];
		dst_stride[i] = dst_stride[i + 1] * dst_dims[i + 1];
	}
	for (int i = 0; i < ndim; i++)
	{
		src_off += src_lo[i] * src_stride[i];
		dst_off += dst_lo[i] * dst_stride[i];
	}
	copy_block_dim(elem, ndim, 0, extent,
				   (const char *) src + (size_t) src_off * elem, src_stride,
				   (char *) dst + (size_t) dst_off * elem, dst_stride);
}
