/*
 * tile_task.h
 *	  The "marsql tile" task kind: one step of a tiled operation.
 *
 *	  Payload layout (every part starts 8-byte aligned):
 *
 *		TileTaskHeader			(MAXALIGN'd)
 *		TileReadContext			only with TILE_FLAG_INPUT_REFS: who asked
 *								and the caller's serialized snapshot
 *		input 0 .. ninputs-1	input i is a TileInputRef when bit i of
 *								header.input_refs is set (storage
 *								coordinates, read by the executor with the
 *								caller's snapshot: tile_input.c), else a
 *								tensor image padded to 8 bytes (by value:
 *								what the caller read, or another task's
 *								output)
 *
 *	  The result is the output tensor's image padded to 8 bytes, followed by
 *	  a TileTaskTrailer: the executor's tile reads for the task.  When the
 *	  header's output descriptor names the result's storage (a table a
 *	  worker made: tile_output.c), the executor writes the tile there
 *	  itself and the result is the trailer alone.
 *
 *	  Inputs travel by reference only where an executor sees the storage
 *	  as the caller does (docs/chunked.md, "Who reads the tiles"): a
 *	  committed permanent table the caller's transaction has not created,
 *	  truncated or written.  Temporary tables and storage the caller wrote
 *	  travel by value, read by the caller; so does everything in a job that
 *	  may run on peers.
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
	TILE_FILL_NORMAL,			/* mean 0, sd 1 */
	TILE_FILL_CONSTANT_INT		/* the int64 in seed, an integer dtype */
} TileFill;

/* TILE_REDUCE / TILE_MERGE: the result is the final value, not a state */
#define TILE_FLAG_FINAL 0x0001
/* TILE_GEMM: the caller's marsql.device (neither: auto) */
#define TILE_FLAG_DEVICE_CPU 0x0002
#define TILE_FLAG_DEVICE_GPU 0x0004
/* a TileReadContext follows the header; some inputs are TileInputRefs */
#define TILE_FLAG_INPUT_REFS 0x0008
/* unused: the output descriptor is TileTaskHeader.output (tile_output.h) */
#define TILE_FLAG_OUTPUT_REF 0x0010

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
	/* bit i of word i / 64: input i is a TileInputRef (TILE_FLAG_INPUT_REFS) */
	uint64		input_refs[TILE_MAX_INPUTS / 64];
	/* where the result goes (tile_output.h): zero to return it by value */
	TileOutput	output;
} TileTaskHeader;

#define tile_input_is_ref(h, i) \
	(((h)->input_refs[(i) / 64] >> ((i) % 64)) & 1)
#define tile_input_is_ref_any(h) \
	((h)->input_refs[0] != 0 || (h)->input_refs[1] != 0)
#define tile_set_input_ref(h, i) \
	((h)->input_refs[(i) / 64] |= UINT64CONST(1) << ((i) % 64))

/*
 * Who reads by reference, and as of when: the calling backend's process
 * (its PGPROC number and PID: a worker installs the snapshot's xmin only
 * while the caller still advertises one no newer, as parallel workers do),
 * the job (so an executor's tile cache never serves a tile read under
 * another job's snapshot), then snapshot_bytes of SerializeSnapshot's
 * image, padded to 8 bytes.
 */
typedef struct TileReadContext
{
	int32		caller_procno;
	int32		caller_pid;
	uint64		job;			/* unique per job of this caller */
	Oid			database;
	int32		snapshot_bytes;
	/* the serialized snapshot follows */
} TileReadContext;

/*
 * An input block by reference: the block [lo, hi) of the chunked tensor
 * stored in relation `storage` (dtype, shape and tile shape as the
 * caller's descriptor has them), read as read_dtype.
 */
typedef struct TileInputRef
{
	Oid			storage;
	int32		ndim;
	int32		dtype;			/* the stored MtDtype */
	int32		read_dtype;		/* the MtDtype the task gets */
	int64		shape[MT_MAX_DIMS];
	int64		tile[MT_MAX_DIMS];
	int64		lo[MT_MAX_DIMS];
	int64		hi[MT_MAX_DIMS];
} TileInputRef;

/*
 * After the result's tensor image (padded to 8 bytes): what the executor
 * read for this task.  The caller adds up the trailers of tasks other
 * executors ran (marsql.explain, marsql.tile_cache_stats()).
 */
#define TILE_TRAILER_MAGIC 0x7469726cU	/* "tirl" */
typedef struct TileTaskTrailer
{
	uint32		magic;
	int32		reserved;
	int64		reads;			/* tiles read from storage */
	int64		hits;			/* tiles served by the executor's cache */
	int64		bytes;			/* bytes of the tiles read */
	double		seconds;		/* spent reading them */
} TileTaskTrailer;

/* the kind's index, registered in _PG_init */
extern int	tile_task_kind;

extern void tile_task_register_kind(void);

/*
 * Reduction states, float64: for sum, prod, min and max the partial
 * values (int64, exact and wrapping, when the result dtype is bool or an
 * integer: sums and products of integers, their min and max); for mean,
 * var and std three planes (count, mean, M2) stacked on a new leading
 * axis, merged with Chan's parallel formula.  A task's header dtype is its
 * result's; its input blocks come in the dtype the kernel runs in (numpy's
 * loop for elementwise tasks, float32 for a float16 product).
 */
extern bool tile_reduce_has_moments(int op);

#endif							/* MARSQL_TILE_TASK_H */
