/*
 * engine_shmem.h
 *	  The engine's shared memory: one progress slot per running job (read by
 *	  the marsql.progress view from any session) and the count of workers
 *	  every job holds, which enforces marsql.max_workers_total.
 */
#ifndef MARSQL_ENGINE_SHMEM_H
#define MARSQL_ENGINE_SHMEM_H

#include "utils/dsa.h"

/* claims this backend's slot for a new job, numbered cluster-wide */
extern void engine_progress_begin(const char *label, int tasks_total, uint64 number);
extern void engine_progress_update(int done, int failed, int executors);
extern void engine_progress_set_total(int tasks_total);
extern void engine_progress_end(void);

/*
 * Reserves up to `want` workers under marsql.max_workers_total and returns
 * how many were granted; engine_workers_release gives them back.
 */
extern int	engine_workers_reserve(int want);
extern void engine_workers_release(int count);

/*
 * Idle workers a session keeps between jobs (marsql.worker_idle_timeout)
 * stay counted against marsql.max_workers_total outside any job:
 * engine_workers_park counts `count` of them for this backend;
 * engine_workers_unpark takes `count` off, moving them into the running
 * job's count when into_job (a job reuses them).  A worker that exits on
 * its idle timeout takes itself off its leader's count.
 */
extern void engine_workers_park(int count);
extern void engine_workers_unpark(int count, bool into_job);
extern void engine_worker_unpark_self(int leader_procno, pid_t leader_pid);

/*
 * Where the shared cache (tensor/shared_cache.c) keeps its DSA area's
 * handle, root and LWLock tranche: in the engine's shared state, so that
 * it is found with or without shared_preload_libraries and starts out
 * empty after a crash.  Read and written under AddinShmemInitLock.
 */
typedef struct EngineSharedCacheSlot
{
	dsa_handle	handle;			/* DSM_HANDLE_INVALID: no area yet */
	dsa_pointer root;
	int			tranche;
} EngineSharedCacheSlot;

extern EngineSharedCacheSlot *engine_shared_cache_slot(void);

/*
 * A job number unique in the server's life (until a crash restart, which
 * also empties the shared cache): it names a tile job's entries there.
 */
extern uint64 engine_next_job_number(void);

#endif							/* MARSQL_ENGINE_SHMEM_H */
