/*
 * tile_task.h
 *	  The "marsql tile" task kind: one step of a tiled operation.  Its
 *	  payload is a TileTaskHeader followed by the input blocks as tensor
 *	  images (each padded to 8 bytes); its result is the output tensor's
 *	  image, or nothing when the header's output descriptor names the
 *	  result's storage: the executor then writes the tile there itself
 *	  (tile_output.c).  Tasks carry their inputs by value because workers
 *	  cannot see the caller's temporary tables or uncommitted rows.
 */
#ifndef MARSQL_TILE_TASK_H
#define MARSQL_TILE_TASK_H

#include "postgres.h"

#include "device/device.h"
#include "guc.h"
#include "kernels/tensor_layout.h"
#include "chunked/tile_output.h"

/*
 * The most inputs one tile task has: a gemm task takes up to
 * marsql.reduce_fanin pairs of inner tiles, a sum, reduce or merge task up
 * to marsql.reduce_fanin blocks.
 */
#define TILE_MAX_INPUTS (2 * MARSQL_MAX_REDUCE_FANIN)

typedef enum TileOp
{
	TILE_GEMM = 1,				/* C = A B (one panel pair) */
	TILE_SUM,					/* sum of same-shape partial products */
	TILE_BINARY,				/* a op b, broadcasting (code: MtBinaryOp) */
	TILE_UNARY,					/* op(a) (code: MtUnaryOp) */
	TILE_REDUCE,				/* blocks along an axis -> one reduction state */
	TILE_MERGE,					/* reduction states -> one state */
	TILE_TRANSPOSE,				/* permuted copy (perm) */
	TILE_GENERATE,				/* random or constant tile (code: TileFill) */
	TILE_CREATE					/* detached result storage (tile_output.c) */
} TileOp;

typedef enum TileFill
{
	TILE_FILL_CONSTANT,			/* param[0] */
	TILE_FILL_UNIFORM,			/* [0, 1) */
	TILE_FILL_NORMAL			/* mean 0, sd 1 */
} TileFill;

/* TILE_REDUCE / TILE_MERGE: the result is the final value, not a state */
#define TILE_FLAG_FINAL 0x0001
/* TILE_GEMM: the caller's marsql.device (neither: auto) */
#define TILE_FLAG_DEVICE_CPU 0x0002
#define TILE_FLAG_DEVICE_GPU 0x0004

/* the DeviceMode of a task's flags, and the flags of a mode */
#define tile_task_device(h) \
	(((h)->flags & TILE_FLAG_DEVICE_GPU) ? DEVICE_GPU : \
	 ((h)->flags & TILE_FLAG_DEVICE_CPU) ? DEVICE_CPU : DEVICE_AUTO)
#define tile_device_flags(mode) \
	((mode) == DEVICE_GPU ? TILE_FLAG_DEVICE_GPU : \
	 (mode) == DEVICE_CPU ? TILE_FLAG_DEVICE_CPU : 0)

typedef struct TileTaskHeader
{
	int32		op;				/* TileOp */
	int32		code;			/* MtBinaryOp, MtUnaryOp, MtReduceOp, TileFill */
	int32		dtype;			/* the result's MtDtype */
	int32		threads;		/* BLAS threads for TILE_GEMM */
	int32		axis;			/* TILE_REDUCE: axis of the blocks, -1 = all */
	int32		ninputs;
	int32		flags;
	int32		out_ndim;		/* TILE_GENERATE, TILE_REDUCE/MERGE final */
	double		param;			/* fill value, ddof */
	uint64		seed;			/* TILE_GENERATE random */
	int64		out_dims[MT_MAX_DIMS];
	int32		perm[MT_MAX_DIMS];	/* TILE_TRANSPOSE */
	TileOutput	output;			/* where the result goes (tile_output.h) */
} TileTaskHeader;

/* the kind's index, registered in _PG_init */
extern int	tile_task_kind;

extern void tile_task_register_kind(void);

/*
 * Reduction states, float64: for sum, prod, min and max the partial
 * values; for mean, var and std three planes (count, mean, M2) stacked on
 * a new leading axis, merged with Chan's parallel formula.
 */
extern bool tile_reduce_has_moments(int op);

#endif							/* MARSQL_TILE_TASK_H */
