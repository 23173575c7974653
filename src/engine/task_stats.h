/*
 * task_stats.h
 *	  The engine's cumulative statistics, kept in shared memory for the
 *	  whole server until reset (marsql.stat_tasks, marsql.stat_engine,
 *	  marsql.stat_tasks_reset()): a row of counters per executor and task
 *	  kind -- runs, failures, retries, bytes in and out, time -- and one
 *	  row about jobs, worker start-up and peer connections.  Whoever sees a
 *	  task end counts it: a worker its own tasks, the calling backend the
 *	  tasks it runs and those lost with a worker or a peer.  With marsql
 *	  in shared_preload_libraries they are saved at a clean shutdown and
 *	  loaded at the next start (task_stats.c explains the file).
 */
#ifndef MARSQL_TASK_STATS_H
#define MARSQL_TASK_STATS_H

#include "portability/instr_time.h"

#include "engine/engine.h"

/* who ran a task, as marsql.stat_tasks names it */
typedef enum TaskStatsExecutor
{
	TASK_STATS_BACKEND,			/* the calling backend ran it itself */
	TASK_STATS_WORKER,			/* a background worker */
	TASK_STATS_PEER,			/* a peer server */
	TASK_STATS_NEXECUTORS
} TaskStatsExecutor;

/* taken as a task starts in this process: the clock and its I/O so far */
typedef struct TaskStatsMark
{
	instr_time	start;
	int64		read;
	int64		written;
} TaskStatsMark;

/*
 * Attaches to (or, without shared_preload_libraries, creates) the shared
 * counters; may raise an error, so it runs where an error is harmless:
 * before a job starts, as a worker starts.  The counting functions below
 * never raise one, and count nothing in a process that did not attach.
 */
extern void task_stats_attach(void);

/* a task runs in this process (the calling backend or a worker) */
extern void task_stats_begin(TaskStatsMark *mark);
extern void task_stats_end(const TaskStatsMark *mark, TaskStatsExecutor executor,
						   int kind, bool failed, int64 payload_bytes, int64 result_bytes);

/*
 * A task ended that this process did not run (a peer's, or one lost with
 * its worker), timed from started (NULL or zero: never started, 0 ms).
 */
extern void task_stats_count(TaskStatsExecutor executor, int kind, bool failed,
							 int64 bytes_in, int64 bytes_out, const instr_time *started);

/* a task lost with its executor goes back to the queue to run again */
extern void task_stats_retried(TaskStatsExecutor executor, int kind);

/* a job ended (also in error): marsql.stat_engine */
extern void task_stats_job(const EngineJobReport *report, bool ended);

/* a peer connection was opened and set up */
extern void task_stats_peer_connection(void);

/* shared memory, with or without shared_preload_libraries (engine_shmem.c) */
extern Size task_stats_shmem_size(void);
extern void task_stats_shmem_startup(void);

#endif							/* MARSQL_TASK_STATS_H */
