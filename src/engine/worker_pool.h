/*
 * worker_pool.h
 *	  Local executors: a pool of dynamic background workers started for a
 *	  job (and kept, idle, for the session's next jobs while
 *	  marsql.worker_idle_timeout allows), sharing one DSM segment that holds the caller's identity and
 *	  settings and a pair of shm_mq queues per worker.  Queues are attached
 *	  before the workers are launched; a worker that exits or never starts
 *	  shows up as a detached queue.  Detaching the segment -- at the end of
 *	  the job, on error, or when the backend exits -- terminates every
 *	  worker of the pool.
 *
 *	  Messages are the frontend/backend protocol's shape (one type byte,
 *	  then the body): the worker sends NOTICE ('N') and ERROR ('E') messages
 *	  the way a backend sends them to a client, plus the engine's own:
 */
#ifndef MARSQL_WORKER_POOL_H
#define MARSQL_WORKER_POOL_H

#include "port/atomics.h"
#include "portability/instr_time.h"
#include "postmaster/bgworker.h"
#include "storage/dsm.h"
#include "storage/shm_mq.h"

#define ENGINE_MSG_HELLO	'H'		/* worker -> leader: ready, body: pid */
#define ENGINE_MSG_TASK		'T'		/* leader -> worker: int64 seq, int32 kind,
									 * payload */
#define ENGINE_MSG_RESULT	'R'		/* worker -> leader: int64 seq, result */

/*
 * Set in a task message's kind when the leader's transaction is read-only:
 * the worker then runs the task's transaction read-only too, so nothing a
 * read-only caller starts (marsql.explain's planning, a read-only
 * transaction, a standby) can write through a worker that commits.
 */
#define ENGINE_KIND_READ_ONLY	0x40000000

/*
 * A task whose payload and result are large travels in a DSM segment of
 * its own instead of through the queue: the payload at offset 0, then
 * room for the result.  The worker maps the payload in place and copies
 * the result into the room when it fits (else it sends an 'R' message).
 */
#define ENGINE_MSG_TASK_IN_SEGMENT	'S'	/* leader -> worker: int64 seq, int32
										 * kind, uint32 handle, int64 payload
										 * bytes, int64 result offset, int64
										 * result room */
#define ENGINE_MSG_RESULT_IN_SEGMENT 'r'	/* worker -> leader: int64 seq, int64
											 * result bytes */

/* payload plus result room from which a task gets a segment */
#define ENGINE_SEGMENT_MIN_BYTES	(1024 * 1024)

/* each queue; larger messages stream through it in pieces */
#define ENGINE_QUEUE_BYTES	(64 * 1024)

/* what the leader hands every worker, at the start of the segment */
typedef struct PoolShared
{
	uint32		magic;
	int			nworkers;
	pid_t		leader_pid;
	Oid			database_id;
	Oid			authenticated_user_id;
	Oid			session_user_id;
	bool		session_user_is_superuser;
	Oid			outer_user_id;
	bool		outer_user_is_superuser;
	Oid			current_user_id;
	int			sec_context;
	int			leader_procno;	/* the leader's PGPROC, for the worker cap */
	pg_atomic_uint32 idle_timeout_ms;	/* marsql.worker_idle_timeout */
	Size		warm_offset;	/* pg_atomic_uint32 per worker: POOL_WARM_* */
	Size		guc_offset;
	Size		guc_bytes;
	Size		queues_offset;
} PoolShared;

/*
 * Whose a worker is between jobs.  The leader parks a pool after a job
 * that ended cleanly (every worker WARM) and claims it back for its next
 * job (WARM -> IN_JOB); a worker idle for idle_timeout_ms retires itself
 * (WARM -> RETIRED) and exits.  Whichever wins the compare-and-swap takes
 * the worker off the leader's count of idle workers.
 */
#define POOL_WARM_IN_JOB	0
#define POOL_WARM_PARKED	1
#define POOL_WARM_RETIRED	2

#define POOL_MAGIC 0x6d61727

typedef enum PoolWorkerState
{
	POOL_WORKER_STARTING,
	POOL_WORKER_IDLE,
	POOL_WORKER_BUSY,
	POOL_WORKER_GONE
} PoolWorkerState;

/* a task handed to a worker */
typedef struct PoolTaskSlot
{
	int			task;			/* or -1: the slot is empty */
	int64		seq;			/* its message sequence number */
	dsm_segment *segment;		/* its payload and result, or NULL */
	Size		result_offset;
	Size		result_room;
	instr_time	started;		/* when the worker began it (zero: queued) */
} PoolTaskSlot;

typedef struct PoolWorker
{
	int			number;			/* 1-based, as shown to users */
	PoolWorkerState state;
	pid_t		pid;
	PoolTaskSlot running;		/* the task the worker runs */
	PoolTaskSlot queued;		/* the one sent behind it (EngineJob.prefetch) */
	shm_mq_handle *to_worker;
	shm_mq_handle *from_worker;
	/* a task message shm_mq has not taken in full yet */
	StringInfoData outgoing;
	bool		sending;
} PoolWorker;

typedef struct WorkerPool
{
	MemoryContext context;		/* holds the pool; deleted when it stops */
	dsm_segment *segment;
	int			nworkers;		/* launched */
	PoolWorker *workers;
	BackgroundWorkerHandle **handles;	/* in TopMemoryContext */
} WorkerPool;

/* launches up to `want` workers; nworkers says how many started */
extern WorkerPool *worker_pool_start(int want);

/* terminates the workers, detaches the segment and frees the pool */
extern void worker_pool_stop(WorkerPool *pool);

/*
 * Between jobs.  worker_pool_same_caller: the pool's workers took on the
 * caller's current identity and settings (else they must not be reused).
 * worker_pool_park: after a clean job, marks every worker that is not
 * gone as idle for the session (their segment mapped for the session, no
 * longer the transaction's), returns how many.  worker_pool_claim: takes
 * the pool back (for a job: the segment the transaction's again), returns
 * how many workers it took off the idle count, and in *live how many of
 * them are alive; those that retired or died are marked gone.
 */
extern bool worker_pool_same_caller(WorkerPool *pool);
extern int	worker_pool_park(WorkerPool *pool, int idle_timeout_ms);
extern int	worker_pool_claim(WorkerPool *pool, bool for_job, int *live);

/* worker i's POOL_WARM_* word */
extern pg_atomic_uint32 *worker_pool_warm_word(PoolShared *shared, int worker);

/*
 * Sends the task message of worker w (started or continued);
 * returns true once the queue has taken all of it.
 */
extern bool worker_pool_flush(WorkerPool *pool, PoolWorker *w);

/* the location of worker i's queues in the segment */
extern shm_mq *worker_pool_queue(PoolShared *shared, int worker, bool to_worker);

#endif							/* MARSQL_WORKER_POOL_H */
