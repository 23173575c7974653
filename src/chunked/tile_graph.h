/*
 * tile_graph.h
 *	  A tiled operation as a graph of tile tasks: each task names its input
 *	  blocks (a block of an operand, or the output of another task) and
 *	  whether its output is stored as a tile of the result.  The graph runs
 *	  on the engine -- input blocks of operands that executors see as the
 *	  caller does travel as coordinates and are read by the executor
 *	  (tile_input.c), the others the calling backend reads; result tiles
 *	  are written by the executors into storage a worker made, which the
 *	  caller claims in its own transaction (tile_output.h), or stored by
 *	  the caller in its transaction -- or, under marsql.explain, is
 *	  described instead of run.
 */
#ifndef MARSQL_TILE_GRAPH_H
#define MARSQL_TILE_GRAPH_H

#include "chunked/chunked.h"
#include "chunked/tile_input.h"
#include "chunked/tile_task.h"
#include "datatype/timestamp.h"
#include "executor/spi.h"

typedef struct TileInput
{
	int			source;			/* operand index, or -1 for a task's output */
	int			task;			/* the producing task when source < 0 */
	MtDtype		dtype;			/* the block is read as this dtype */
	int64		lo[MT_MAX_DIMS];
	int64		hi[MT_MAX_DIMS];
} TileInput;

typedef struct TileGraphTask
{
	TileTaskHeader header;
	int			ninputs;
	TileInput  *inputs;
	bool		stored;			/* output is the result's tile at coords */
	bool		written;		/* ... which its executor writes (detached) */
	int64		coords[MT_MAX_DIMS];
	int			nconsumers;		/* tasks that read the output */
	Tensor	   *output;			/* held until every consumer has it */
	/* for explain */
	int64		out_bytes;
	double		flops;
	char	   *executor;
	TimestampTz started;
	TimestampTz finished;
} TileGraphTask;

typedef struct TileGraph
{
	const char *label;			/* "matmul", shown in progress and explain */
	int			nsources;
	TileSource *sources[4];
	const char *source_names[4];
	ChunkedTensor *result;		/* NULL when the result is a tensor */
	TileStore  *result_store;
	int			ntasks;
	int			capacity;
	TileGraphTask *tasks;
	Tensor	   *final_output;	/* the unstored output of the last task */
	MemoryContext cxt;			/* the graph and cached tiles */
	MemoryContext task_cxt;		/* reset after each payload and result */
	int			max_workers;	/* planned */
	/* per source: blocks travel as coordinates, else why not */
	bool		by_reference[4];
	const char *by_value_reason[4];
	char	   *read_context;	/* header + serialized snapshot, or NULL */
	Size		read_context_bytes;
	/* measured when run: the whole graph, and the caller's table I/O */
	double		run_seconds;
	double		read_seconds;	/* reading input tiles into payloads */
	double		store_seconds;	/* storing result tiles */
	TileReadStats caller_reads; /* payloads and tasks run in the caller */
	TileReadStats executor_reads;	/* tasks run by workers */
	int			tasks_by_reference; /* tasks with an input by reference */
	/* the result's storage, made when the graph runs (tile_output.h) */
	bool		result_deferred;	/* not made yet */
	char	   *target;			/* target => name; NULL: unnamed */
	Oid			target_nspid;
	char	   *target_relname;
	bool		detached;		/* made by a worker: executors write tiles */
	int			task_offset;	/* 1 when engine task 0 creates the storage */
	TileCreateRequest create;
	int			tiles_written;	/* by executors */
	char	   *how_ran;		/* engine_describe_run, for explain */
} TileGraph;

extern TileGraph *tile_graph_begin(const char *label);
extern int	tile_graph_add_source(TileGraph *g, TileSource *src, const char *name);

/*
 * The result: a new chunked tensor (temporary unless target names a
 * table), or a planned one under marsql.explain.  Its storage is made
 * when the graph runs (by a worker, when workers run it: tile_output.h);
 * the descriptor returned is filled in then.  tile_graph_result_now makes
 * it at once, in the caller, for operations that store tiles themselves.
 */
extern ChunkedTensor *tile_graph_create_result(TileGraph *g, const char *target,
											   MtDtype dtype, int ndim,
											   const int64 *shape, const int64 *tile);
extern ChunkedTensor *tile_graph_result_now(TileGraph *g);

extern int	tile_graph_add_task(TileGraph *g, TileOp op, MtDtype dtype, int ninputs);
extern void tile_graph_set_block(TileGraph *g, int task, int input, int source,
								 const int64 *lo, const int64 *hi, MtDtype dtype);
extern void tile_graph_set_producer(TileGraph *g, int task, int input, int producer);

/* the elements of a source input's block [lo, hi) (in->source >= 0) */
extern double tile_graph_block_elements(const TileGraph *g, const TileInput *in);
extern void tile_graph_store_at(TileGraph *g, int task, const int64 *coords);

/*
 * Adds the tree that combines the outputs of the nlevel tasks in level
 * (overwritten) with tasks of op, up to fanin inputs each, copying code
 * and param from like; returns the root.
 */
extern int	tile_graph_add_tree(TileGraph *g, TileOp op, MtDtype dtype, int *level,
								int nlevel, int fanin, const TileTaskHeader *like);

/*
 * The fan-in for tasks whose inputs take up to input_bytes each:
 * marsql.reduce_fanin, or fewer (at least min) where that many inputs
 * would not fit in one task's payload.
 */
extern int	tile_graph_fanin(double input_bytes, int min);

/* "gemm", "sum", ... */
extern const char *tile_op_name(int op);

/*
 * Runs every task (or explains the graph under marsql.explain).  Returns
 * the final unstored output, if any.
 */
extern Tensor *tile_graph_run(TileGraph *g);

/* "by reference", "by value", "mixed" or "values": how the operands travel */
extern const char *tile_graph_read_path(const TileGraph *g);

/*
 * The tile reads of this session's last graph run (for
 * marsql.tile_cache_stats()); false when none ran yet.
 */
extern bool tile_graph_last_reads(char **label, char **path, TileReadStats *caller,
								  TileReadStats *executors, double *run_seconds);

/* true while marsql.explain plans a query without running it */
extern bool tile_graph_planning(void);

/* chunked_explain.c: a graph to describe */
extern void chunked_explain_record(TileGraph *g, bool ran);
extern bool chunked_explain_active(bool *analyze);
extern void chunked_explain_copy(const char *label, const ChunkedTensor *result, bool ran);
/* true when a prepared plan writes or locks rows at any level */
extern bool chunked_plan_writes(SPIPlanPtr plan);

#endif							/* MARSQL_TILE_GRAPH_H */
