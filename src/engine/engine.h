/*
 * engine.h
 *	  The execution engine: runs a job (a graph of tasks) on executors --
 *	  local background workers, or the calling backend when no worker is
 *	  free.  Capabilities (fan-out calls, later chunked tiles and k-NN
 *	  shards) use it through this header only; the engine never includes
 *	  theirs.
 *
 *	  A capability registers a task *kind* in _PG_init: a name and a run
 *	  function that turns a payload (the task's inputs, by value) into a
 *	  result.  Registration order is the same in every process that loads
 *	  the library, so a kind travels as its index.  A job then lists tasks
 *	  of that kind with their dependencies; the engine asks the capability
 *	  for each task's payload when its dependencies are done, ships it to an
 *	  executor, and hands results, errors and log messages back through the
 *	  job's callbacks.  docs/engine.md explains the design in prose.
 */
#ifndef MARSQL_ENGINE_H
#define MARSQL_ENGINE_H

#include "lib/stringinfo.h"
#include "utils/elog.h"

/*
 * Runs one task, in an executor, inside a transaction of its own (in a
 * worker) or a subtransaction (in the calling backend).  It may ereport;
 * the error reaches the job's task_failed callback.  It appends its result
 * to `result`, which may hold a prefix of the engine's already (8 bytes,
 * so data appended at once stays 8-byte aligned).
 */
typedef void (*EngineRunFn) (const char *payload, int len, StringInfo result);

/*
 * Optional: called in a worker when its leader parks it between jobs
 * (marsql.worker_idle_timeout), so a kind can free what it kept for the
 * job that ended (the tile kind's input cache).  Outside any transaction;
 * it must not ereport.
 */
typedef void (*EngineIdleFn) (void);

/* kinds a build may register (marsql.stat_tasks keeps a row per executor and kind) */
#define ENGINE_MAX_KINDS 16

typedef struct EngineTaskKind
{
	const char *name;
	EngineRunFn run;
	EngineIdleFn idle;
} EngineTaskKind;

/* in _PG_init only; returns the kind's index */
extern int	engine_register_kind(const char *name, EngineRunFn run);
extern void engine_kind_set_idle(int kind, EngineIdleFn idle);
/* a worker going idle: every kind's idle function */
extern void engine_kinds_idle(void);
extern const EngineTaskKind *engine_kind(int index);
/* a peer names the kind it runs: NULL when no kind has that name */
extern const EngineTaskKind *engine_kind_by_name(const char *name, int *index);

typedef enum EngineTaskState
{
	ENGINE_TASK_WAITING,		/* dependencies not done yet */
	ENGINE_TASK_READY,
	ENGINE_TASK_RUNNING,
	ENGINE_TASK_DONE,
	ENGINE_TASK_FAILED,
	ENGINE_TASK_SKIPPED			/* a dependency failed */
} EngineTaskState;

/* where a job's tasks may run (marsql.executors, or a function argument) */
typedef enum EngineExecutors
{
	ENGINE_EXECUTORS_DEFAULT = 0,	/* marsql.executors */
	ENGINE_EXECUTORS_LOCAL,		/* background workers, else the backend */
	ENGINE_EXECUTORS_PEERS,		/* the marsql foreign servers only */
	ENGINE_EXECUTORS_ALL		/* both */
} EngineExecutors;

typedef struct EngineTask
{
	int			kind;
	bool		idempotent;		/* may run again after its executor died */
	Oid			server;			/* InvalidOid, or the one peer that may run it */
	int			ndeps;
	int		   *deps;			/* indices of tasks in the same job */
	/* filled by the engine */
	EngineTaskState state;
	int			attempts;
	int			executor;		/* -1: the calling backend or a peer, else
								 * worker no. */
} EngineTask;

/*
 * The capability's side of a job.  All callbacks run in the calling
 * backend; `arg` is EngineJob.arg.
 */
struct EngineJob;

typedef struct EngineCallbacks
{
	/*
	 * The task's payload, built when its dependencies are done: either
	 * build_payload appends it, or -- for large payloads whose size is
	 * known first -- payload_bytes gives that exact size and write_payload
	 * writes that many bytes at dest, which may be shared memory the worker
	 * reads in place.  Set build_payload, or the other two.
	 */
	void		(*build_payload) (void *arg, int task, StringInfo payload);
	Size		(*payload_bytes) (void *arg, int task);
	void		(*write_payload) (void *arg, int task, char *dest, Size bytes);
	/* an executor starts the task ("worker 2 (PID 1234)" or "backend"); may be NULL */
	void		(*task_started) (void *arg, int task, const char *executor);
	void		(*task_done) (void *arg, int task, const char *result, int len);
	/* the task raised an error; error->context names the task already */
	void		(*task_failed) (void *arg, int task, ErrorData *error);
	/*
	 * a NOTICE, INFO or WARNING the task raised, in order; `shown` when the
	 * client has seen it already (the task ran in the calling backend)
	 */
	void		(*task_log) (void *arg, int task, ErrorData *message, bool shown);
	/* a short description of the task for error contexts: "task 7 (f(int))" */
	char	   *(*describe) (void *arg, int task);
	/*
	 * may be NULL: an upper bound of the task's result size in bytes, or 0
	 * when unknown.  Large payloads and results then travel in a shared
	 * memory segment of the task's own instead of through the queue.
	 */
	Size		(*result_bound) (void *arg, int task);

	/*
	 * may be NULL: for a job that finds its tasks as it runs (the rows of
	 * a table, read a tile at a time).  Called whenever no task is ready.
	 * It appends independent tasks (no deps) to job->tasks, which it may
	 * repalloc, raises job->ntasks and returns true; or returns false when
	 * there will be no more.  Such a job may start with no task at all.
	 */
	bool		(*more_tasks) (void *arg, struct EngineJob *job);
} EngineCallbacks;

/*
 * How engine_run ran a job, filled by it (also when the job fails): the
 * capability may show it (marsql.explain with run => true), and the
 * session's last job is marsql.last_job().  Times in seconds.
 */
typedef struct EngineJobReport
{
	bool		inline_by_estimate; /* est_seconds below marsql.inline_below:
									 * no worker was wanted */
	int			inline_below_ms;	/* marsql.inline_below when the job ran */
	int			wanted_workers; /* workers the job asked for (0: none) */
	int			warm_workers;	/* idle workers of the session it reused */
	int			started_workers;	/* workers started for it */
	double		startup_first;	/* from starting workers to the first ready */
	double		startup_all;	/* ... to the last one ready */
	int			tasks_in_backend;	/* run in the calling backend */
	int			tasks_on_peers;
	double		run_seconds;	/* engine_run from start to end */
} EngineJobReport;

typedef struct EngineJob
{
	const char *label;			/* "map", "execute": shown in marsql.progress */
	int			ntasks;
	EngineTask *tasks;
	int			max_workers;	/* <= 0: marsql.max_workers */
	bool		fail_fast;		/* first error aborts the job and is raised */
	/*
	 * while a worker runs a task, build and send it the next ready one, so
	 * that it starts at once: for tasks of similar length whose payloads
	 * take long to build (tiles read from tables).  Off for tasks of
	 * unknown length, which any free worker should take.
	 */
	bool		prefetch;
	EngineExecutors executors;	/* DEFAULT: marsql.executors */

	/*
	 * Optional: the capability's estimate of the whole job's run time in
	 * seconds on one core, or 0 when it has none.  A job estimated below
	 * marsql.inline_below runs in the calling backend, starting no worker
	 * (unless the session holds idle workers, which cost nothing to start).
	 * Fill it where the work is known: tiled operations from their flops
	 * and the stored tiles they move (tile_graph.c), k-NN from rows x dim
	 * x queries.  Fan-out of SQL functions leaves it 0: calls of unknown
	 * length take workers.
	 */
	double		est_seconds;
	/*
	 * Optional: the job's server-wide number, when the capability took it
	 * before the job ran (engine_next_job_number: a tiled job keys its
	 * shared tiles by it), so that marsql.progress shows the same number;
	 * 0: engine_run takes one.
	 */
	uint64		number;
	EngineCallbacks cb;
	void	   *arg;
	int			task_capacity;	/* room in tasks (engine_append_task) */
	EngineJobReport report;		/* out: how it ran (engine_run fills it) */
} EngineJob;

/*
 * One line on how a job ran, for explain output: the estimate against
 * marsql.inline_below, warm and started workers, the start-up paid.
 * Appends to buf, no newline.
 */
extern void engine_describe_run(const EngineJob *job, StringInfo buf);

/*
 * For more_tasks: appends an independent task of kind, growing job->tasks
 * in the current memory context when it is full; returns the task's index.
 */
extern int	engine_append_task(EngineJob *job, int kind, bool idempotent);

/*
 * Runs every task of the job and returns when all are done, failed or
 * skipped.  With fail_fast, the first failure stops all executors and is
 * raised (after task_failed recorded it).  Cancel, statement_timeout and
 * errors stop every worker before the error propagates.
 */
extern void engine_run(EngineJob *job);

/*
 * A task_log for capabilities that only pass messages on: shows each one
 * the client has not seen yet, at its level, with its SQLSTATE.
 */
extern void engine_relay_message(void *arg, int task, ErrorData *message, bool shown);

/*
 * A copy of what a capability keeps of an error or message: level,
 * SQLSTATE, message, detail, hint, context.  Allocates in the current
 * context.
 */
extern ErrorData *engine_copy_message(const ErrorData *e);

/*
 * A new ERROR to hand to callbacks or raise with ThrowErrorData: the
 * strings are taken as they are (detail and hint may be NULL).
 */
extern ErrorData *engine_make_error(int sqlstate, char *message, char *detail, char *hint);

/*
 * Makes the text in buf a sentence for a DETAIL (PostgreSQL's style): a
 * capital first letter, and a full stop unless it already ends in one.
 */
extern void engine_as_sentence(StringInfo buf);

/*
 * A task payload that does not decode.  Workers only see payloads their
 * leader built, but a peer runs whatever its caller sends: 08P01, as for
 * a malformed protocol message.
 */
#define engine_malformed_task(...) \
	ereport(ERROR, (errcode(ERRCODE_PROTOCOL_VIOLATION), errmsg_internal(__VA_ARGS__)))

/*
 * True while a task runs in a peer's backend for another server
 * (marsql.peer_run_task): object ids in its payload are the other
 * server's, so a kind that carries any resolves names instead.
 */
extern bool engine_task_on_peer(void);

/*
 * Set by a task whose writes in a worker only matter through a later
 * commit of its caller that depends on them (detached result storage,
 * tile_output.c): the worker then commits the task without waiting for
 * its WAL flush (synchronous_commit = off for that commit), since the
 * caller's commit, later in the WAL, flushes it.  Reset before each task.
 */
extern bool engine_task_commit_async;

/*
 * Bytes a task reads from storage or writes there itself, beyond its
 * payload and result (tiles read by their coordinates, result tiles an
 * executor stores): the kind counts them as it reads or writes, and the
 * engine adds those of each task to its executor's bytes_in and bytes_out
 * in marsql.stat_tasks.  Counting outside a task is harmless (ignored).
 */
extern void engine_count_task_io(int64 bytes_read, int64 bytes_written);

/*
 * A function's `executors` argument ('local', 'peers', 'all'; NULL keeps
 * marsql.executors): sets marsql.executors until engine_executors_end.
 * Returns the GUC nest level to pass there.
 */
extern int	engine_executors_begin(text *executors);
extern void engine_executors_end(int nest_level);

/* GUC marsql.progress */
typedef enum EngineProgressMode
{
	ENGINE_PROGRESS_OFF,
	ENGINE_PROGRESS_NOTICE
} EngineProgressMode;

/* the background worker's entry point (named in BackgroundWorker) */
extern PGDLLEXPORT void marsql_worker_main(Datum main_arg);

/* shared memory: progress slots and the global worker cap */
extern void engine_shmem_request(void);
extern void engine_shmem_startup(void);

#endif							/* MARSQL_ENGINE_H */
