/*
 * worker_pool.c
 *	  The leader's side of local executors: creates the segment, launches
 *	  the workers and stops them (see worker_pool.h).  What a worker does is
 *	  in worker.c; how tasks are handed out is in exec_workers.c.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "storage/dsm.h"
#include "storage/latch.h"
#include "storage/proc.h"
#include "storage/shm_mq.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/wait_event.h"

#include "engine/worker_pool.h"

/* how long stopping a pool waits for its workers to exit */
#define STOP_WAIT_MS 5000

/* the handles, kept where the segment's detach callback can reach them */
typedef struct PoolHandles
{
	int			n;
	BackgroundWorkerHandle *handle[FLEXIBLE_ARRAY_MEMBER];
} PoolHandles;

pg_atomic_uint32 *
worker_pool_warm_word(PoolShared *shared, int worker)
{
	return (pg_atomic_uint32 *) ((char *) shared + shared->warm_offset) + worker;
}

/* the caller's settings, serialized as parallel query does; *bytes used */
static char *
serialize_settings(Size *size, Size *used)
{
	Size		n = EstimateGUCStateSpace();
	char	   *buf = palloc0(n);

	SerializeGUCState(n, buf);
	*size = n;
	memcpy(used, buf, sizeof(Size));
	return buf;
}

shm_mq *
worker_pool_queue(PoolShared *shared, int worker, bool to_worker)
{
	return (shm_mq *) ((char *) shared + shared->queues_offset +
					   ((Size) worker * 2 + (to_worker ? 0 : 1)) * ENGINE_QUEUE_BYTES);
}

/*
 * Runs whenever the segment is detached in the leader: at the end of a
 * job, when a transaction aborts (the segment belongs to its resource
 * owner) and when the backend exits.  No worker outlives its segment.
 */
static void
terminate_pool_workers(dsm_segment *segment, Datum arg)
{
	PoolHandles *handles = (PoolHandles *) DatumGetPointer(arg);
	int			i;

	(void) segment;
	for (i = 0; i < handles->n; i++)
	{
		if (handles->handle[i] != NULL)
		{
			TerminateBackgroundWorker(handles->handle[i]);
			pfree(handles->handle[i]);
		}
	}
	pfree(handles);
}

WorkerPool *
worker_pool_start(int want)
{
	MemoryContext context = AllocSetContextCreate(TopMemoryContext, "marsql worker pool",
												  ALLOCSET_SMALL_SIZES);
	MemoryContext caller = MemoryContextSwitchTo(context);
	WorkerPool *pool = palloc0(sizeof(WorkerPool));
	Size		guc_bytes;
	Size		guc_used;
	char	   *settings = serialize_settings(&guc_bytes, &guc_used);
	Size		warm_offset = MAXALIGN(sizeof(PoolShared));
	Size		guc_offset = warm_offset + MAXALIGN(sizeof(pg_atomic_uint32) * want);
	Size		queues_offset;
	PoolShared *shared;
	PoolHandles *handles;
	MemoryContext old;
	int			i;

	Assert(want > 0);
	pool->context = context;
	queues_offset = guc_offset + MAXALIGN(guc_bytes);
	queues_offset = TYPEALIGN(ENGINE_QUEUE_BYTES, queues_offset);
	pool->segment = dsm_create(queues_offset + (Size) want * 2 * ENGINE_QUEUE_BYTES, 0);
	shared = dsm_segment_address(pool->segment);

	shared->magic = POOL_MAGIC;
	shared->nworkers = want;
	shared->leader_pid = MyProcPid;
	shared->database_id = MyDatabaseId;
	shared->authenticated_user_id = GetAuthenticatedUserId();
	shared->session_user_id = GetSessionUserId();
	shared->session_user_is_superuser = superuser_arg(shared->session_user_id);
	shared->outer_user_id = GetOuterUserId();
	shared->outer_user_is_superuser = superuser_arg(shared->outer_user_id);
	GetUserIdAndSecContext(&shared->current_user_id, &shared->sec_context);
	shared->leader_procno = MyProc->pgprocno;
	pg_atomic_init_u32(&shared->idle_timeout_ms, 0);
	shared->warm_offset = warm_offset;
	for (i = 0; i < want; i++)
		pg_atomic_init_u32(worker_pool_warm_word(shared, i), POOL_WARM_IN_JOB);
	shared->guc_offset = guc_offset;
	shared->guc_bytes = guc_bytes;
	memcpy((char *) shared + guc_offset, settings, guc_bytes);
	pfree(settings);
	(void) guc_used;
	shared->queues_offset = queues_offset;

	pool->workers = palloc0(sizeof(PoolWorker) * want);
	for (i = 0; i < want; i++)
	{
		PoolWorker *w = &pool->workers[i];
		shm_mq	   *to = shm_mq_create(worker_pool_queue(shared, i, true), ENGINE_QUEUE_BYTES);
		shm_mq	   *from = shm_mq_create(worker_pool_queue(shared, i, false), ENGINE_QUEUE_BYTES);

		shm_mq_set_sender(to, MyProc);
		shm_mq_set_receiver(from, MyProc);
		w->number = i + 1;
		w->state = POOL_WORKER_STARTING;
		w->running.task = -1;
		w->queued.task = -1;
		w->to_worker = shm_mq_attach(to, pool->segment, NULL);
		w->from_worker = shm_mq_attach(from, pool->segment, NULL);
		initStringInfo(&w->outgoing);
	}

	old = MemoryContextSwitchTo(TopMemoryContext);
	handles = palloc0(offsetof(PoolHandles, handle) + sizeof(BackgroundWorkerHandle *) * want);
	handles->n = want;
	on_dsm_detach(pool->segment, terminate_pool_workers, PointerGetDatum(handles));
	for (i = 0; i < want; i++)
	{
		BackgroundWorker bgw;

		memset(&bgw, 0, sizeof(bgw));
		bgw.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
		bgw.bgw_start_time = BgWorkerStart_ConsistentState;
		bgw.bgw_restart_time = BGW_NEVER_RESTART;
		strlcpy(bgw.bgw_library_name, "marsql", BGW_MAXLEN);
		strlcpy(bgw.bgw_function_name, "marsql_worker_main", BGW_MAXLEN);
		snprintf(bgw.bgw_name, BGW_MAXLEN, "marsql worker %d for PID %d", i + 1, MyProcPid);
		strlcpy(bgw.bgw_type, "marsql worker", BGW_MAXLEN);
		bgw.bgw_main_arg = UInt32GetDatum(dsm_segment_handle(pool->segment));
		bgw.bgw_notify_pid = MyProcPid;
		memcpy(bgw.bgw_extra, &i, sizeof(i));
		if (!RegisterDynamicBackgroundWorker(&bgw, &handles->handle[i]))
			break;
		shm_mq_set_handle(pool->workers[i].to_worker, handles->handle[i]);
		shm_mq_set_handle(pool->workers[i].from_worker, handles->handle[i]);
	}
	MemoryContextSwitchTo(old);
	pool->nworkers = i;
	pool->handles = handles->handle;
	for (; i < want; i++)
		pool->workers[i].state = POOL_WORKER_GONE;
	MemoryContextSwitchTo(caller);
	return pool;
}

bool
worker_pool_flush(WorkerPool *pool, PoolWorker *w)
{
	shm_mq_result r;

	(void) pool;
	r = shm_mq_send(w->to_worker, w->outgoing.len, w->outgoing.data, true, true);
	if (r == SHM_MQ_WOULD_BLOCK)
	{
		w->sending = true;
		return false;
	}
	w->sending = false;
	/* a detached queue shows up when the leader next reads from it */
	return true;
}

void
worker_pool_stop(WorkerPool *pool)
{
	TimestampTz deadline;
	int			i;

	if (pool == NULL || pool->segment == NULL)
		return;

	/*
	 * An idle worker exits quietly when its queue is detached; one that is
	 * starting or running a task is told to terminate.
	 */
	for (i = 0; i < pool->nworkers; i++)
	{
		PoolWorker *w = &pool->workers[i];

		if (w->state != POOL_WORKER_IDLE && w->state != POOL_WORKER_GONE)
			TerminateBackgroundWorker(pool->handles[i]);
		shm_mq_detach(w->to_worker);
		shm_mq_detach(w->from_worker);
	}

	/* the slots go back to the postmaster before the next job asks */
	deadline = TimestampTzPlusMilliseconds(GetCurrentTimestamp(), STOP_WAIT_MS);
	for (i = 0; i < pool->nworkers; i++)
	{
		pid_t		pid;

		while (GetBackgroundWorkerPid(pool->handles[i], &pid) == BGWH_STARTED ||
			   GetBackgroundWorkerPid(pool->handles[i], &pid) == BGWH_NOT_YET_STARTED)
		{
			if (GetCurrentTimestamp() >= deadline)
				break;
			(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
							 10, PG_WAIT_EXTENSION);
			ResetLatch(MyLatch);
		}
	}
	dsm_detach(pool->segment);
	pool->segment = NULL;
	MemoryContextDelete(pool->context);
}

bool
worker_pool_same_caller(WorkerPool *pool)
{
	PoolShared *shared = dsm_segment_address(pool->segment);
	Oid			current_user_id;
	int			sec_context;
	Size		size;
	Size		used;
	Size		theirs;
	char	   *settings;
	bool		same;

	GetUserIdAndSecContext(&current_user_id, &sec_context);
	if (shared->database_id != MyDatabaseId ||
		shared->authenticated_user_id != GetAuthenticatedUserId() ||
		shared->session_user_id != GetSessionUserId() ||
		shared->outer_user_id != GetOuterUserId() ||
		shared->current_user_id != current_user_id ||
		shared->sec_context != sec_context)
		return false;
	settings = serialize_settings(&size, &used);
	memcpy(&theirs, (char *) shared + shared->guc_offset, sizeof(Size));
	same = used == theirs &&
		memcmp(settings, (char *) shared + shared->guc_offset, used + sizeof(Size)) == 0;
	pfree(settings);
	return same;
}

int
worker_pool_park(WorkerPool *pool, int idle_timeout_ms)
{
	PoolShared *shared = dsm_segment_address(pool->segment);
	int			parked = 0;

	pg_atomic_write_u32(&shared->idle_timeout_ms, (uint32) idle_timeout_ms);
	for (int i = 0; i < pool->nworkers; i++)
	{
		PGPROC	   *proc;

		if (pool->workers[i].state == POOL_WORKER_GONE)
			continue;
		pg_atomic_write_u32(worker_pool_warm_word(shared, i), POOL_WARM_PARKED);
		parked++;
		/* its idle time starts now */
		proc = shm_mq_get_receiver(worker_pool_queue(shared, i, true));
		if (proc != NULL)
			SetLatch(&proc->procLatch);
	}
	/* the session's now: no transaction's end detaches it */
	dsm_pin_mapping(pool->segment);
	return parked;
}

int
worker_pool_claim(WorkerPool *pool, bool for_job, int *live)
{
	PoolShared *shared = dsm_segment_address(pool->segment);
	int			claimed = 0;

	/* the running transaction's again: its abort stops the workers */
	if (for_job)
		dsm_unpin_mapping(pool->segment);
	*live = 0;
	for (int i = 0; i < pool->nworkers; i++)
	{
		uint32		expected = POOL_WARM_PARKED;
		pid_t		pid;

		if (pool->workers[i].state == POOL_WORKER_GONE)
			continue;
		if (!pg_atomic_compare_exchange_u32(worker_pool_warm_word(shared, i),
											&expected, POOL_WARM_IN_JOB))
		{
			pool->workers[i].state = POOL_WORKER_GONE;	/* it retired */
			continue;
		}
		claimed++;
		/* one that died while idle (terminated, say) is counted, not used */
		if (GetBackgroundWorkerPid(pool->handles[i], &pid) == BGWH_STOPPED)
			pool->workers[i].state = POOL_WORKER_GONE;
		else
			(*live)++;
	}
	return claimed;
}
