/*
 * tile_grid.h
 *	  Pure C arithmetic of a regular tile grid: an array of `shape` cut into
 *	  tiles of `tile` elements along each dimension, the last tile of a
 *	  dimension ragged.  Tiles are numbered in C order of their coordinates.
 *	  Also the copy of a rectangular block between two C-order buffers,
 *	  which assembles blocks that straddle tiles.
 */
#ifndef MARSQL_TILE_GRID_H
#define MARSQL_TILE_GRID_H

#include "tensor_layout.h"

typedef struct MtTileGrid
{
	int			ndim;
	int64_t		shape[MT_MAX_DIMS];
	int64_t		tile[MT_MAX_DIMS];	/* >= 1 each */
	int64_t		count[MT_MAX_DIMS]; /* tiles along each dimension */
	int64_t		ntiles;			/* product of count; 0 for an empty array */
} MtTileGrid;

/*
 * Fills grid->count and ntiles; MT_ERR_SHAPE when a tile extent is < 1 or
 * the tile count overflows int32 coordinates.
 */
extern MtStatus mt_tile_grid_init(MtTileGrid *grid, int ndim,
								  const int64_t *shape, const int64_t *tile);

/* Coordinates of tile number `index` (C order). */
extern void mt_tile_coords(const MtTileGrid *grid, int64_t index, int64_t *coords);

/* Number of the tile at `coords`. */
extern int64_t mt_tile_index(const MtTileGrid *grid, const int64_t *coords);

/* Element range [lo, hi) of the tile at coords, per dimension. */
extern void mt_tile_bounds(const MtTileGrid *grid, const int64_t *coords,
						   int64_t *lo, int64_t *hi);

/* Elements in the tile at coords. */
extern int64_t mt_tile_elements(const MtTileGrid *grid, const int64_t *coords);

/*
 * The default tile of an array: about `bytes` per tile, split evenly over
 * the dimensions, never larger than the array itself; extents above 256
 * are rounded down to a multiple of 256 (whole cache lines and BLAS
 * blocks).
 */
extern void mt_tile_default(int ndim, const int64_t *shape, size_t elem,
							int64_t bytes, int64_t *tile);

/*
 * Copies the block of `extent` elements per dimension from src (dims
 * src_dims, starting at src_lo) to dst (dims dst_dims, starting at
 * dst_lo).  Both C-order, elements of `elem` bytes; innermost runs are
 * copied with memcpy.
 */
extern void mt_copy_block(size_t elem, int ndim, const int64_t *extent,
						  const void *src, const int64_t *src_dims,
						  const int64_t *src_lo,
						  void *dst, const int64_t *dst_dims,
						  const int64_t *dst_lo);

#endif							/* MARSQL_TILE_GRID_H */
