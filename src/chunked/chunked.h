/*
 * chunked.h
 *	  chunked_tensor: an array larger than one value, stored as the rows of
 *	  an ordinary table (tile coordinates, tile tensor) and computed tile by
 *	  tile on the engine.  The SQL value is a small descriptor: storage
 *	  relation, dtype, shape and tile shape.  docs/chunked.md has the design.
 *
 *	  chunked_type.c		the descriptor type, its I/O and accessors
 *	  chunked_storage.c	storage tables, the marsql.arrays catalog, tile
 *							reads and writes, block reads across tiles
 *	  tile_task.c			the "marsql tile" task kind: what a tile task
 *							computes (kernels on its input blocks)
 *	  tile_input.c			inputs by reference: read by the executor with
 *							the caller's snapshot; the per-process tile cache
 *	  tile_output.c		result storage a worker makes and the executors
 *							write; the caller's claim of it
 *	  result_cleanup.c		removal of worker-made storage no committed
 *							caller claimed (commit, abort, exit, crash)
 *	  tile_graph.c			a graph of tile tasks, run on the engine or
 *							explained
 *	  chunked_create.c		constructors; chunked_read.c reading back;
 *	  chunked_matmul.c, chunked_elementwise.c, chunked_reduce.c,
 *	  chunked_reshape.c	the operations
 */
#ifndef MARSQL_CHUNKED_H
#define MARSQL_CHUNKED_H

#include "postgres.h"
#include "fmgr.h"
#include "executor/spi.h"

#include "kernels/tile_grid.h"
#include "guc.h"
#include "tensor/tensor.h"

typedef struct ChunkedTensor
{
	int32		vl_len_;
	Oid			storage;		/* InvalidOid: planned only (marsql.explain) */
	uint8		ndim;
	uint8		dtype;			/* MtDtype */
	uint16		flags;			/* CHUNKED_TEMPORARY */
	int32		reserved;		/* zero */
	int64		dims[FLEXIBLE_ARRAY_MEMBER];	/* shape[ndim], tile[ndim] */
} ChunkedTensor;

#define CHUNKED_TEMPORARY 0x0001

#define CHUNKED_SHAPE(c)	((c)->dims)
#define CHUNKED_TILE(c)		((c)->dims + (c)->ndim)

#define DatumGetChunkedP(x)		((ChunkedTensor *) PG_DETOAST_DATUM(x))
#define PG_GETARG_CHUNKED_P(n)	DatumGetChunkedP(PG_GETARG_DATUM(n))
#define PG_RETURN_CHUNKED_P(x)	PG_RETURN_POINTER(x)

/* chunked_type.c */
extern ChunkedTensor *chunked_new(Oid storage, MtDtype dtype, int ndim,
								  const int64 *shape, const int64 *tile,
								  bool temporary);
extern void chunked_grid(const ChunkedTensor *ct, MtTileGrid *grid);
extern int64 chunked_total_bytes(const ChunkedTensor *ct);
extern char *chunked_describe(const ChunkedTensor *ct);

/*
 * The tile shape for an array: `tile` when given (one extent per
 * dimension, each >= 1, clipped to the array), else the default from
 * marsql.tile_bytes.  Errors name `what`.
 */
extern void chunked_choose_tile(int ndim, const int64 *shape, MtDtype dtype,
								ArrayType *tile, int64 *out, const char *what);

/*
 * The bytes of a default tile: marsql.tile_bytes, less where a tile of
 * that many bytes and its header would not fit in one value (1 GB).
 */
extern int64 chunked_tile_bytes(void);

/* a bigint[] / integer[] datum of n values */
extern Datum chunked_int8_array(int n, const int64 *values);
extern Datum chunked_int4_array(int n, const int64 *values);

/* error 54000 unless the tiling has int32 tile coordinates */
extern void chunked_check_tiling(int ndim, const int64 *shape, const int64 *tile);

/*
 * The qualified, quoted name a new table gets: target in the schema that
 * CREATE TABLE would put it in (search_path's first), or a new
 * marsql_chunk_<pid>_<n> in pg_temp when target is NULL.  relname and
 * nspid get its parts, so the caller can find the table it created by
 * them rather than by a search_path lookup.
 */
extern char *chunked_creation_name(const char *target, char **relname, Oid *nspid);

/* the OID of marsql.<name> (a type) */
extern Oid	chunked_type_oid(const char *name);

struct TileSource;
/* chunked_create.c: writes every tile of result from src, in this backend */
extern void chunked_copy_tiles(const char *label, struct TileSource *src, const ChunkedTensor *result);

/* an optional (NULL-able) argument of a non-strict function */
extern char *chunked_optional_text(FunctionCallInfo fcinfo, int n);
extern ArrayType *chunked_optional_array(FunctionCallInfo fcinfo, int n);

/* the checked shape of a new chunked tensor (bigint[], every extent >= 1) */
extern int	chunked_shape_from_array(ArrayType *shape, int64 *dims);

/* chunked_storage.c: storage and the catalog */

/*
 * Creates the storage table for a new array and registers it: a temporary
 * table named marsql_chunk_<pid>_<n> when target is NULL, else a new
 * ordinary table of that (possibly qualified) name.  Returns the
 * descriptor.  Runs SPI itself: call it outside SPI or connected.
 */
extern ChunkedTensor *chunked_create(const char *target, MtDtype dtype, int ndim,
									 const int64 *shape, const int64 *tile);

/*
 * Registers the existing table relid (named relname) as the storage of ct
 * in marsql.array_catalog, and comments on a named one: what
 * chunked_create does after creating it.
 */
extern void chunked_register(Oid relid, const char *relname, const ChunkedTensor *ct);

/* Rewrites the catalog row after the descriptor's shape changed. */
extern void chunked_update_catalog(const ChunkedTensor *ct);

/* The registered array whose storage is relid, or error 42704. */
extern ChunkedTensor *chunked_open(Oid relid);

/* Checks that the descriptor's storage still exists and is readable. */
extern void chunked_check_readable(const ChunkedTensor *ct);
/* appends "(i, j, ...)", a tile's coordinates as error messages name them */
extern void chunked_tile_name(StringInfo buf, int ndim, const int64 *coords);
/*
 * Checks what a read of the tile at coords found: exactly one row (rows),
 * whose data t (NULL when it is null or was not read) has the shape and
 * dtype the tile's position in grid implies; else ERRCODE_DATA_CORRUPTED,
 * naming the storage relname.  Every reader of stored tiles uses it.
 */
extern void chunked_check_tile(const ChunkedTensor *ct, const MtTileGrid *grid,
							   const char *relname, const int64 *coords,
							   uint64 rows, const Tensor *t);

/* Drops the storage and the catalog row (the caller must own the table). */
extern void chunked_drop(const ChunkedTensor *ct);

/*
 * Tile I/O.  A TileStore is opened on a connected SPI, keeps prepared
 * statements, and lives in the current memory context.  While a tile job
 * runs in this backend, tiles read come from and go to the job's tile
 * cache (tile_input.h, bounded by marsql.tile_cache_size); outside one,
 * the store keeps its last few tiles.  A returned tile must not be
 * written, and stays valid at least until the next read.
 */
typedef struct TileStore TileStore;

extern TileStore *tile_store_open(const ChunkedTensor *ct);
extern Tensor *tile_store_read(TileStore *store, const int64 *coords);
extern void tile_store_write(TileStore *store, const int64 *coords, Tensor *tile);

/*
 * An operand of a tiled operation: a chunked tensor read through a
 * TileStore, or a tensor value in memory (a 0-d one for a scalar).
 */
typedef struct TileSource
{
	const ChunkedTensor *ct;	/* NULL for an in-memory tensor */
	Tensor	   *tensor;
	TileStore  *store;			/* opened on first read */
	int			ndim;
	int64		shape[MT_MAX_DIMS];
	MtDtype		dtype;
	MtTileGrid	grid;			/* a single tile for a tensor */
	MemoryContext cxt;			/* where the store and its cache live */
	bool		by_reference;	/* read in a tile task (tile_input.c) */
	bool		resident;		/* outside a job, stored tiles come from the
								 * resident value cache (read-only, kept
								 * across statements): a k-NN corpus */
} TileSource;

/* the store and its tile cache live in the current memory context */
extern void tile_source_init_chunked(TileSource *src, const ChunkedTensor *ct);
extern void tile_source_init_tensor(TileSource *src, Tensor *t);

/*
 * The block [lo, hi) of the source as a tensor of dtype, assembled from
 * the tiles it touches.  A block that is exactly one stored tile in the
 * right dtype is returned without a copy.
 */
extern Tensor *tile_source_read_block(TileSource *src, const int64 *lo,
									  const int64 *hi, MtDtype dtype);

/* chunked_read.c */
extern Tensor *chunked_to_tensor(const ChunkedTensor *ct);

#endif							/* MARSQL_CHUNKED_H */
