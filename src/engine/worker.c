/*
 * worker.c
 *	  A marsql background worker: one executor of a worker pool.  It
 *	  connects to the caller's database as the caller's authenticated user,
 *	  takes on the caller's session user, role, current user and settings,
 *	  says hello, then runs one task message at a time, each in a
 *	  transaction of its own, until the leader detaches its queue.  Between
 *	  jobs the leader may park its pool (marsql.worker_idle_timeout): a
 *	  parked worker that gets no task for that long retires and exits.
 *	  A task's working memory is freed before its transaction commits (its
 *	  result sits in a context of its own until sent), so that a parked
 *	  worker holds no finished task's memory, only what
 *	  marsql.retained_memory lets a backend keep.
 *
 *	  Everything the worker would say to a client goes to the leader
 *	  instead: NOTICE/INFO/WARNING raised by a task become that task's log,
 *	  a task's ERROR fails that task, a FATAL (the worker was terminated)
 *	  ends the worker.  Settings a task changes, even with plain SET, are
 *	  undone before the next task.  The worker counts each task it ran to
 *	  the end, in success or error, in marsql.stat_tasks (a task cut short
 *	  by the worker's end is its leader's to count).
 */
#include "postgres.h"

#include "access/xact.h"
#include "libpq/pqformat.h"
#include "libpq/pqmq.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/proc.h"
#include "tcop/tcopprot.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "utils/wait_event.h"

#include "engine/engine.h"
#include "engine/engine_shmem.h"
#include "engine/task_stats.h"
#include "engine/worker_pool.h"

bool		engine_task_commit_async = false;

/*
 * How often an idle worker looks whether its leader parked it (the leader
 * sets its latch when it parks it, and when it sends a task)
 */
#define IDLE_POLL_MS 1000

static MemoryContext task_context = NULL;
/* the result of the running task, until it is sent */
static MemoryContext result_context = NULL;
static shm_mq_handle *outbox = NULL;

/*
 * Sends one engine message: the type byte, then the body, the shape the
 * redirected NOTICE and ERROR messages have on the same queue.
 */
static void
send_message(char type, const char *body, int len)
{
	StringInfoData msg;

	initStringInfo(&msg);
	appendStringInfoChar(&msg, type);
	appendBinaryStringInfo(&msg, body, len);
	if (shm_mq_send(outbox, msg.len, msg.data, false, true) != SHM_MQ_SUCCESS)
		proc_exit(0);			/* the leader is gone */
	pfree(msg.data);
}

/* takes on who the caller is, as parallel workers do */
static void
restore_identity(PoolShared *shared)
{
	StartTransactionCommand();
	RestoreGUCState((char *) shared + shared->guc_offset);
	CommitTransactionCommand();

	if (shared->session_user_id != shared->authenticated_user_id)
		SetSessionAuthorization(shared->session_user_id,
								shared->session_user_is_superuser);
	if (shared->outer_user_id != shared->session_user_id)
		SetCurrentRoleId(shared->outer_user_id, shared->outer_user_is_superuser);
	SetUserIdAndSecContext(shared->current_user_id, shared->sec_context);

	/* every NOTICE, INFO and WARNING of a task goes into its log */
	SetConfigOption("client_min_messages", "notice", PGC_SUSET, PGC_S_OVERRIDE);
}

/*
 * Runs one task message: 'T' carries the payload, 'S' the handle of a
 * segment holding it, with room for the result after it.
 */
static void
run_task(const char *message, Size nbytes)
{
	StringInfoData in;
	int64		seq;
	int			kind_index;
	bool		read_only;
	const EngineTaskKind *kind;
	const char *payload;
	int			payload_bytes;
	dsm_segment *volatile segment = NULL;
	volatile Size result_offset = 0;
	volatile Size result_room = 0;
	TaskStatsMark mark;

	in.data = (char *) message;
	in.len = nbytes;
	in.maxlen = nbytes;
	in.cursor = 1;				/* past the message type */
	seq = pq_getmsgint64(&in);
	kind_index = pq_getmsgint(&in, 4);
	read_only = (kind_index & ENGINE_KIND_READ_ONLY) != 0;
	kind_index &= ~ENGINE_KIND_READ_ONLY;
	kind = engine_kind(kind_index);
	if (kind == NULL)
		elog(ERROR, "unknown marsql task kind %d", kind_index);
	if (message[0] == ENGINE_MSG_TASK_IN_SEGMENT)
	{
		dsm_handle	handle = (dsm_handle) pq_getmsgint(&in, 4);
		int64		bytes = pq_getmsgint64(&in);

		result_offset = (Size) pq_getmsgint64(&in);
		result_room = (Size) pq_getmsgint64(&in);
		/* outside a transaction: mapped until detached below */
		segment = dsm_attach(handle);
		if (segment == NULL)
			elog(ERROR, "could not map the segment of a marsql task");
		if (bytes < 0 || bytes > (int64) MaxAllocSize ||
			dsm_segment_map_length(segment) < result_offset + result_room ||
			(Size) bytes > result_offset)
			elog(ERROR, "malformed marsql task segment");
		payload = dsm_segment_address(segment);
		payload_bytes = (int) bytes;
	}
	else
	{
		payload = in.data + in.cursor;
		payload_bytes = in.len - in.cursor;
	}

	pgstat_report_activity(STATE_RUNNING, kind->name);
	task_stats_begin(&mark);
	StartTransactionCommand();
	if (read_only)
		XactReadOnly = true;
	PG_TRY();
	{
		StringInfoData result;
		int			nest_level;

		PushActiveSnapshot(GetTransactionSnapshot());
		nest_level = NewGUCNestLevel();
		MemoryContextSwitchTo(result_context);
		initStringInfo(&result);
		pq_sendint64(&result, seq);
		engine_task_commit_async = false;
		MemoryContextSwitchTo(task_context);
		kind->run(payload, payload_bytes, &result);
		AtEOXact_GUC(false, nest_level);
		PopActiveSnapshot();

		/*
		 * The task's working memory goes before the commit, so that the
		 * commit's check of marsql.retained_memory sees it free: a worker
		 * then parked between jobs keeps no more than that bound of it.
		 */
		MemoryContextReset(task_context);
		/* engine.h: undone by the commit itself, after its record is written */
		if (engine_task_commit_async)
			(void) set_config_option("synchronous_commit", "off", PGC_USERSET, PGC_S_SESSION,
									 GUC_ACTION_LOCAL, true, 0, false);
		CommitTransactionCommand();
		MemoryContextSwitchTo(task_context);
		/* counted before the leader hears of it, so it sees the count */
		task_stats_end(&mark, TASK_STATS_WORKER, kind_index, false, payload_bytes,
					   result.len - (int) sizeof(int64));
		if (segment != NULL && (Size) (result.len - sizeof(int64)) <= result_room)
		{
			int64		bytes = result.len - sizeof(int64);

			memcpy((char *) dsm_segment_address(segment) + result_offset,
				   result.data + sizeof(int64), bytes);
			resetStringInfo(&result);
			pq_sendint64(&result, seq);
			pq_sendint64(&result, bytes);
			send_message(ENGINE_MSG_RESULT_IN_SEGMENT, result.data, result.len);
		}
		else
			send_message(ENGINE_MSG_RESULT, result.data, result.len);
	}
	PG_CATCH();
	{
		/* the error goes to the leader as an 'E' message */
		MemoryContextSwitchTo(task_context);
		task_stats_end(&mark, TASK_STATS_WORKER, kind_index, true, payload_bytes, 0);
		EmitErrorReport();
		FlushErrorState();
		AbortCurrentTransaction();
	}
	PG_END_TRY();
	if (segment != NULL)
		dsm_detach(segment);
	MemoryContextSwitchTo(task_context);
	MemoryContextReset(result_context);
	pgstat_report_activity(STATE_IDLE, NULL);
}

void
marsql_worker_main(Datum main_arg)
{
	dsm_segment *segment;
	PoolShared *shared;
	shm_mq	   *to_worker;
	shm_mq	   *from_worker;
	shm_mq_handle *inbox;
	int			number;
	pg_atomic_uint32 *warm;
	TimestampTz idle_since;
	bool		parked;

	pqsignal(SIGTERM, die);
	pqsignal(SIGINT, StatementCancelHandler);
	BackgroundWorkerUnblockSignals();

	segment = dsm_attach(DatumGetUInt32(main_arg));
	if (segment == NULL)
		proc_exit(0);			/* the leader is gone already */
	dsm_pin_mapping(segment);
	shared = dsm_segment_address(segment);
	if (shared->magic != POOL_MAGIC)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("invalid magic number in marsql worker segment")));
	memcpy(&number, MyBgworkerEntry->bgw_extra, sizeof(number));

	from_worker = worker_pool_queue(shared, number, false);
	shm_mq_set_sender(from_worker, MyProc);
	outbox = shm_mq_attach(from_worker, segment, NULL);
	pq_redirect_to_shm_mq(segment, outbox);
	to_worker = worker_pool_queue(shared, number, true);
	shm_mq_set_receiver(to_worker, MyProc);
	inbox = shm_mq_attach(to_worker, segment, NULL);

	BackgroundWorkerInitializeConnectionByOid(shared->database_id,
											  shared->authenticated_user_id, 0);
	SetClientEncoding(GetDatabaseEncoding());
	restore_identity(shared);
	task_stats_attach();

	task_context = AllocSetContextCreate(TopMemoryContext, "marsql task",
										 ALLOCSET_DEFAULT_SIZES);
	result_context = AllocSetContextCreate(TopMemoryContext, "marsql task result",
										   ALLOCSET_DEFAULT_SIZES);
	send_message(ENGINE_MSG_HELLO, (char *) &MyProcPid, sizeof(MyProcPid));

	warm = worker_pool_warm_word(shared, number);
	idle_since = GetCurrentTimestamp();
	parked = false;
	for (;;)
	{
		Size		nbytes;
		void	   *data;
		shm_mq_result r;

		CHECK_FOR_INTERRUPTS();
		r = shm_mq_receive(inbox, &nbytes, &data, true);
		if (r == SHM_MQ_DETACHED)
			break;				/* the leader detached: the job is over */
		if (r == SHM_MQ_WOULD_BLOCK)
		{
			long		wait = IDLE_POLL_MS;

			if (pg_atomic_read_u32(warm) != POOL_WARM_PARKED)
				parked = false;
			else
			{
				long		timeout = (long) pg_atomic_read_u32(&shared->idle_timeout_ms);
				long		idle;

				/*
				 * the idle time counts from when the leader parked it, and
				 * what the kinds kept for the job that ended goes then
				 */
				if (!parked)
				{
					idle_since = GetCurrentTimestamp();
					engine_kinds_idle();
				}
				parked = true;
				idle = (long) ((GetCurrentTimestamp() - idle_since) / 1000);

				if (idle >= timeout)
				{
					uint32		expected = POOL_WARM_PARKED;

					if (pg_atomic_compare_exchange_u32(warm, &expected, POOL_WARM_RETIRED))
					{
						engine_worker_unpark_self(shared->leader_procno, shared->leader_pid);
						break;
					}
					continue;	/* the leader claimed it: a task is coming */
				}
				wait = Min(wait, timeout - idle);
			}
			(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
							 wait, PG_WAIT_EXTENSION);
			ResetLatch(MyLatch);
			continue;
		}
		MemoryContextReset(task_context);
		MemoryContextSwitchTo(task_context);
		if (nbytes > 0 && (((char *) data)[0] == ENGINE_MSG_TASK ||
						   ((char *) data)[0] == ENGINE_MSG_TASK_IN_SEGMENT))
			run_task(data, nbytes);
		else
			elog(ERROR, "unexpected message in marsql worker");
	}
	proc_exit(0);
}
