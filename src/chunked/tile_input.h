/*
 * tile_input.h
 *	  The input side of tile tasks: which operands travel by reference
 *	  (storage coordinates read by the executor) and which by value (read
 *	  by the caller), reading referenced blocks with the caller's snapshot
 *	  in whichever process runs the task, and the tile cache that serves a
 *	  tile read twice in one job from memory: the job's tiles in the
 *	  shared cache (tensor/shared_cache.h), read once by whichever process
 *	  of the job needs them first, else a cache of each process (both
 *	  bounded by marsql.tile_cache_size).  docs/chunked.md, "Who reads the tiles", has the rules.
 */
#ifndef MARSQL_TILE_INPUT_H
#define MARSQL_TILE_INPUT_H

#include "chunked/chunked.h"
#include "chunked/tile_task.h"

/* tile reads of this process, cumulative (deltas give a task's or a job's) */
typedef struct TileReadStats
{
	int64		reads;			/* tiles read from storage */
	int64		hits;			/* tiles served by the cache */
	int64		bytes;			/* bytes of the tiles read */
	double		seconds;		/* spent reading them */
} TileReadStats;

extern TileReadStats tile_read_stats;

extern void tile_read_stats_delta(const TileReadStats *before, TileReadStats *delta);
extern void tile_read_stats_add(TileReadStats *sum, const TileReadStats *add);

/* ---------- the tile cache of this process ---------- */

/*
 * A job's tiles: tile_cache_begin_job empties the cache and keys it by
 * job (the caller calls it when a graph starts, an executor when a task
 * of another job arrives); tile_cache_end_job empties it.  Outside a job
 * the cache is inactive and TileStore keeps its own few recent tiles.
 */
extern void tile_cache_begin_job(int32 caller_pid, uint64 job);
extern void tile_cache_end_job(void);
extern bool tile_cache_active(void);

/*
 * A new pin scope: tiles returned by tile_cache_lookup/insert since the
 * last call stay in memory (pinned) until the next one; others may be
 * evicted to keep the cache within marsql.tile_cache_size.
 */
extern void tile_cache_new_scope(void);

/*
 * The caller drops job's tiles from the shared cache when the job ends,
 * however it ends (also done for all of its jobs at process exit).
 */
extern void tile_cache_drop_job(uint64 job);

/* the cached tile, pinned, or NULL */
extern Tensor *tile_cache_lookup(Oid storage, int64 index);

/* adds t (from tile_cache_own_datum, owned by the cache), pinned */
extern Tensor *tile_cache_insert(Oid storage, int64 index, Tensor *t);

/*
 * A stored tile's datum as a tensor the cache owns: read through
 * DatumGetTensorStoredP in the cache's context, copied when the datum was
 * not detoasted (it points into a tuple that is about to go).  Callers
 * never write into it.
 */
extern Tensor *tile_cache_own_datum(Datum d);

/* ---------- the caller's side ---------- */

/*
 * True when an executor of this job sees the array's storage as the
 * caller does, so its blocks may travel as coordinates; else *why says
 * why the caller reads them ("temporary", ...).  Checks that the caller
 * may read the storage, and locks it, either way.
 */
extern bool tile_input_by_reference(const ChunkedTensor *ct, const char **why);

/*
 * The read context of a job by reference (header and serialized active
 * snapshot), palloc'd; *bytes gets its size, a multiple of 8.
 */
extern char *tile_input_read_context(uint64 job, Size *bytes);

/* a fresh job number, unique in the server (engine_next_job_number) */
extern uint64 tile_input_next_job(void);

/* ---------- the executor's side ---------- */

/*
 * Reading a task's inputs by reference: begin restores the caller's
 * snapshot (installing its xmin in a worker) and makes it active, reads
 * run through SPI read-only under it, end pops it.  Tiles come from the
 * cache when this process has read them in this job.
 */
extern void tile_input_begin(const char *context, Size bytes);
extern Tensor *tile_input_read(const TileInputRef *ref);

/*
 * Whether tile_input_read(ref) would now wait for another process of the
 * job loading the same tile (a peek: no claim, no pin).  A task reads
 * first the inputs nobody else is loading, so that two executors that
 * want the same tiles share the loads instead of queueing on each other.
 */
extern bool tile_input_would_wait(const TileInputRef *ref);
extern void tile_input_end(void);

/* the tile of a by-reference source at coords (chunked_storage.c) */
extern Tensor *tile_input_fetch(const ChunkedTensor *ct, const MtTileGrid *grid,
								const int64 *coords);

#endif							/* MARSQL_TILE_INPUT_H */
