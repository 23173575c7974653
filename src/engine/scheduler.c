/*
 * scheduler.c
 *	  engine_run: keeps every executor of a job busy until all its tasks
 *	  are done (see engine.h and docs/engine.md).
 *
 *	  The calling backend is the leader.  It reserves workers under
 *	  marsql.max_workers_total, starts a pool, then loops: read every
 *	  worker's messages, hand each idle worker the next ready task, and
 *	  sleep on its latch until a worker writes or a slot changes.  When no
 *	  worker could be started, or every worker has gone, the leader runs the
 *	  remaining tasks itself, each in a subtransaction.  Large tasks travel
 *	  in DSM segments of their own, kept for reuse until the job ends; with
 *	  prefetch, a busy worker is sent its next task while it computes.  A
 *	  task whose worker died runs again elsewhere if it is idempotent (a
 *	  task queued behind it too).  Any error in the
 *	  leader -- cancel, statement_timeout, a failed task with fail_fast --
 *	  stops the pool before it propagates.
 *
 *	  Peers (marsql.executors = peers or all) are more executors: each
 *	  marsql foreign server gets as many slots as its capacity allows, a
 *	  slot being one connection running one task query at a time.  The
 *	  loop drives their connections without blocking and sleeps on one
 *	  wait event set holding the latch and every peer socket.  A peer that
 *	  fails (lost connection, refused connect, marsql.peer_timeout) is out
 *	  for the rest of the job; its retryable tasks run elsewhere, with a
 *	  WARNING naming it.  A task pinned to a server (its rows live there)
 *	  runs there or fails with that server's error.  Connections open
 *	  lazily, as ready tasks need them; servers are not interchangeable
 *	  for that count, since a free slot of one server cannot take a task
 *	  pinned to another (wants_connection).
 */
#include "postgres.h"

#include "access/xact.h"
#include "storage/dsm.h"
#include "libpq/pqformat.h"
#include "libpq/pqmq.h"
#include "miscadmin.h"
#include "storage/latch.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/resowner.h"
#include "utils/wait_event.h"

#include "engine/engine.h"
#include "engine/engine_shmem.h"
#include "engine/peer.h"
#include "engine/worker_pool.h"
#include "guc.h"

/* how long the leader sleeps when nothing happens (it wakes on its latch) */
#define IDLE_WAIT_MS 1000

typedef struct JobState
{
	EngineJob  *job;
	int		   *waiting_on;		/* per task: dependencies not done yet */
	int		   *dependents_start;	/* CSR list of who depends on a task */
	int		   *dependents;
	int		   *ready;			/* min-heap of ready task numbers */
	int			nready;
	int			finished;		/* done, failed or skipped */
	int			failed;
	int			running;
	int64		seq;
	int			last_decile;
	WorkerPool *pool;
	ErrorData  *startup_error;	/* why a worker could not start */
	bool		no_segments;	/* creating a task segment failed: use queues */
	dsm_segment *reading;		/* the segment of a result being handed over */
	dsm_segment **spare;		/* task segments free for the next tasks */
	int			nspare;
	bool		stopping;		/* the job is over: segments are detached */
	int			capacity;		/* tasks the arrays above have room for */
	bool		exhausted;		/* more_tasks has no more (or is NULL) */
	MemoryContext log_context;	/* the caller's, for inline log copies */
	List	   *inline_log;		/* messages of the task running inline */

	EngineExecutors executors;	/* LOCAL, PEERS or ALL */
	int			max_attempts;	/* 1 + marsql.task_retries */
	/* peers: servers, and slots (one connection each) */
	int			nservers;
	PeerServer **servers;
	bool	   *server_down;	/* failed in this job */
	ErrorData **server_error;	/* why it is down: its pinned tasks fail so */
	List	  **pinned;			/* per server: ready tasks only it may run */
	int			npinned;
	int			nslots;
	int		   *slot_server;	/* -1: the slot could get no connection */
	int		   *server_slots;	/* per server: slots that may still connect */
	int		   *server_idle;	/* per server: scratch for wants_connection */
	PeerConn  **slot_conns;
	int		   *slot_task;		/* -1: none */
	ErrorData  *peer_error;		/* the last peer failure */
} JobState;

/* the task whose NOTICEs the inline executor is collecting, or -1 */
static JobState *inline_job = NULL;
static int	inline_task = -1;
static emit_log_hook_type prev_emit_log_hook = NULL;
static bool emit_log_hook_installed = false;

/* log_min_messages before the inline executor raised it, or -1 */
static int	saved_log_min_messages = -1;

/*
 * Ready tasks run lowest number first: in the order given for independent
 * tasks, and depth first for a graph numbered that way (a tiled operation
 * numbers each reduction right after its inputs, so few partial results
 * wait in memory).
 */
static int
server_index(JobState *st, Oid serverid)
{
	for (int i = 0; i < st->nservers; i++)
		if (st->servers[i]->serverid == serverid)
			return i;
	elog(ERROR, "marsql task pinned to server %u, which is not a peer of this job", serverid);
	return -1;					/* keep compiler quiet */
}

static void
push_ready(JobState *st, int task)
{
	int			i;

	st->job->tasks[task].state = ENGINE_TASK_READY;
	if (OidIsValid(st->job->tasks[task].server))
	{
		int			s = server_index(st, st->job->tasks[task].server);

		st->pinned[s] = lappend_int(st->pinned[s], task);
		st->npinned++;
		return;
	}
	i = st->nready++;
	while (i > 0 && st->ready[(i - 1) / 2] > task)
	{
		st->ready[i] = st->ready[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	st->ready[i] = task;
}

static int
pop_ready(JobState *st)
{
	int			top,
				last,
				i = 0;

	if (st->nready == 0)
		return -1;
	top = st->ready[0];
	last = st->ready[--st->nready];
	for (;;)
	{
		int			child = 2 * i + 1;

		if (child >= st->nready)
			break;
		if (child + 1 < st->nready && st->ready[child + 1] < st->ready[child])
			child++;
		if (st->ready[child] >= last)
			break;
		st->ready[i] = st->ready[child];
		i = child;
	}
	st->ready[i] = last;
	return top;
}

static void
report_progress(JobState *st)
{
	int			decile;

	engine_progress_update(st->finished - st->failed, st->failed, st->running);
	if (marsql_progress_mode != ENGINE_PROGRESS_NOTICE)
		return;
	decile = (int) ((int64) st->finished * 10 / st->job->ntasks);
	if (decile > st->last_decile)
	{
		st->last_decile = decile;
		ereport(NOTICE,
				(errmsg("marsql %s: %d%% done, %d of %d tasks, %d failed",
						st->job->label,
						(int) ((int64) st->finished * 100 / st->job->ntasks),
						st->finished, st->job->ntasks, st->failed)));
	}
}

static void finish_failed(JobState *st, int task, ErrorData *error);

/* a task failed or was skipped: so are the tasks that depend on it */
static void
skip_dependents(JobState *st, int task)
{
	EngineJob  *job = st->job;
	int			i;

	for (i = st->dependents_start[task]; i < st->dependents_start[task + 1]; i++)
	{
		int			d = st->dependents[i];
		ErrorData  *error;
		char	   *mine;
		char	   *theirs;

		if (job->tasks[d].state != ENGINE_TASK_WAITING)
			continue;
		mine = job->cb.describe(job->arg, d);
		theirs = job->cb.describe(job->arg, task);
		error = engine_make_error(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
								  psprintf("%s was not run because %s failed", mine, theirs),
								  NULL, NULL);
		job->tasks[d].state = ENGINE_TASK_SKIPPED;
		finish_failed(st, d, error);
	}
}

static void
finish_failed(JobState *st, int task, ErrorData *error)
{
	EngineJob  *job = st->job;

	if (job->tasks[task].state != ENGINE_TASK_SKIPPED)
		job->tasks[task].state = ENGINE_TASK_FAILED;
	st->finished++;
	st->failed++;
	job->cb.task_failed(job->arg, task, error);
	skip_dependents(st, task);
}

/*
 * A task raised an error (or lost its executor).  The error gains a
 * context line naming the task and its executor; with fail_fast it is
 * raised here, and the caller's cleanup stops the pool.
 */
static void
task_error(JobState *st, int task, ErrorData *error, const char *executor)
{
	EngineJob  *job = st->job;
	char	   *line = psprintf("marsql %s on %s", job->cb.describe(job->arg, task), executor);

	error->elevel = ERROR;
	error->context = error->context && error->context[0]
		? psprintf("%s\n%s", error->context, line) : line;
	st->running--;
	finish_failed(st, task, error);
	report_progress(st);
	if (job->fail_fast)
		ThrowErrorData(error);
}

static void
task_succeeded(JobState *st, int task, const char *result, int len)
{
	EngineJob  *job = st->job;
	int			i;

	job->tasks[task].state = ENGINE_TASK_DONE;
	job->cb.task_done(job->arg, task, result, len);
	st->running--;
	st->finished++;
	for (i = st->dependents_start[task]; i < st->dependents_start[task + 1]; i++)
	{
		int			d = st->dependents[i];

		if (--st->waiting_on[d] == 0 && job->tasks[d].state == ENGINE_TASK_WAITING)
			push_ready(st, d);
	}
	report_progress(st);
}

static char *
worker_name(PoolWorker *w)
{
	return psprintf("worker %d (PID %d)", w->number, (int) w->pid);
}

/* at most this many free task segments per worker are kept for reuse */
#define SPARE_SEGMENTS_PER_WORKER 1

/*
 * A task segment whose task is over: kept for the next task, since
 * creating one (and the kernel zeroing its pages) costs about as much as
 * copying the payload in, or detached when enough are kept.
 */
static void
recycle_segment(JobState *st, dsm_segment *segment)
{
	int			keep = st->pool ? st->pool->nworkers * SPARE_SEGMENTS_PER_WORKER + 1 : 0;

	if (segment == NULL)
		return;
	if (!st->stopping && st->nspare < keep)
		st->spare[st->nspare++] = segment;
	else
		dsm_detach(segment);
}

static void
release_slot(JobState *st, PoolTaskSlot *slot)
{
	recycle_segment(st, slot->segment);
	slot->segment = NULL;
	slot->task = -1;
}

/*
 * The worker's running task is over: the task sent behind it, if any,
 * runs now.
 */
static void
promote_queued(JobState *st, PoolWorker *w)
{
	EngineJob  *job = st->job;

	release_slot(st, &w->running);
	w->running = w->queued;
	w->queued.task = -1;
	w->queued.segment = NULL;
	w->state = w->running.task >= 0 ? POOL_WORKER_BUSY : POOL_WORKER_IDLE;
	if (w->running.task >= 0 && job->cb.task_started)
		job->cb.task_started(job->arg, w->running.task, worker_name(w));
}

/* the worker's executor is gone while it held the task in slot */
static void
task_lost(JobState *st, PoolWorker *w, PoolTaskSlot *slot, ErrorData *error)
{
	int			task = slot->task;
	EngineTask *t = &st->job->tasks[task];

	release_slot(st, slot);
	if (t->idempotent && t->attempts < st->max_attempts)
	{
		st->running--;
		push_ready(st, task);	/* it left the heap when it was sent */
		return;
	}
	if (error == NULL)
		error = engine_make_error(ERRCODE_CONNECTION_FAILURE,
								  psprintf("marsql worker %d exited while running a task", w->number),
								  NULL, NULL);
	task_error(st, task, error, worker_name(w));
}

static void
worker_gone(JobState *st, PoolWorker *w, ErrorData *error)
{
	w->state = POOL_WORKER_GONE;
	if (w->running.task < 0 && error != NULL && st->startup_error == NULL)
		st->startup_error = error;
	if (w->queued.task >= 0)
		task_lost(st, w, &w->queued, NULL);
	if (w->running.task >= 0)
		task_lost(st, w, &w->running, error);
}

/*
 * A result for the worker's running task: its sequence number must match.
 * Returns the task, which is promote_queued's to release.
 */
static int
finished_task(PoolWorker *w, StringInfo msg)
{
	int64		seq = pq_getmsgint64(msg);

	if (w->running.task < 0 || seq != w->running.seq)
		elog(ERROR, "marsql worker %d sent a result for no task", w->number);
	return w->running.task;
}

static void
handle_message(JobState *st, PoolWorker *w, char *data, Size nbytes)
{
	StringInfoData msg;
	char		type;

	if (nbytes == 0)
		return;
	msg.data = data;
	msg.len = nbytes;
	msg.maxlen = nbytes;
	msg.cursor = 1;
	type = data[0];

	switch (type)
	{
		case ENGINE_MSG_HELLO:
			memcpy(&w->pid, data + 1, sizeof(w->pid));
			w->state = POOL_WORKER_IDLE;
			break;

		case ENGINE_MSG_RESULT:
			{
				int			task = finished_task(w, &msg);

				promote_queued(st, w);
				task_succeeded(st, task, msg.data + msg.cursor, msg.len - msg.cursor);
			}
			break;

		case ENGINE_MSG_RESULT_IN_SEGMENT:
			{
				int			task = finished_task(w, &msg);
				int64		len = pq_getmsgint64(&msg);
				PoolTaskSlot done = w->running;

				if (done.segment == NULL || len < 0 || (Size) len > done.result_room)
					elog(ERROR, "marsql worker %d sent a malformed result", w->number);
				/* the segment stays mapped until task_done has the result */
				st->reading = done.segment;
				w->running.segment = NULL;
				promote_queued(st, w);
				task_succeeded(st, task,
							   (char *) dsm_segment_address(done.segment) + done.result_offset,
							   (int) len);
				st->reading = NULL;
				recycle_segment(st, done.segment);
			}
			break;

		case 'N':
		case 'E':
			{
				ErrorData  *edata = palloc0(sizeof(ErrorData));

				pq_parse_errornotice(&msg, edata);
				if (type == 'N')
				{
					if (w->running.task >= 0)
						st->job->cb.task_log(st->job->arg, w->running.task, edata, false);
				}
				else if (edata->elevel >= FATAL)
					worker_gone(st, w, edata);
				else if (w->running.task >= 0)
				{
					int			task = w->running.task;

					promote_queued(st, w);
					task_error(st, task, edata, worker_name(w));
				}
			}
			break;

		default:
			/* parameter status and the like: nothing to do */
			break;
	}
}

/*
 * A cancel or shutdown caught while a subtransaction was open: it stops
 * the job (raised again once the subtransaction is gone), where any other
 * error is the task's or the segment's own.
 */
static void
rethrow_if_stopping(ErrorData *error)
{
	if (error->sqlerrcode == ERRCODE_QUERY_CANCELED ||
		error->sqlerrcode == ERRCODE_ADMIN_SHUTDOWN)
		ReThrowError(error);
}

/*
 * In a PG_CATCH around an internal subtransaction: rolls it back and
 * returns the error, copied into the caller's context, with the caller's
 * context and resource owner back.  A cancel or shutdown is raised again.
 */
static ErrorData *
abort_subtransaction(MemoryContext caller_context, ResourceOwner caller_owner)
{
	ErrorData  *error;

	MemoryContextSwitchTo(caller_context);
	error = CopyErrorData();
	FlushErrorState();
	RollbackAndReleaseCurrentSubTransaction();
	MemoryContextSwitchTo(caller_context);
	CurrentResourceOwner = caller_owner;
	rethrow_if_stopping(error);
	return error;
}

/*
 * A segment of at least size bytes for a task's payload and result: a
 * spare one, or a new one; NULL when none can be had (too many segments,
 * or no room in /dev/shm), and the task then goes through the queue.  New
 * segments are created in a subtransaction so that running out of shared
 * memory is not an error, and mapped for the session: the scheduler
 * detaches them when the job stops.
 */
static dsm_segment *
acquire_segment(JobState *st, Size size)
{
	MemoryContext caller_context = CurrentMemoryContext;
	ResourceOwner caller_owner = CurrentResourceOwner;
	dsm_segment *volatile segment = NULL;
	int			best = -1;

	for (int i = 0; i < st->nspare; i++)
	{
		Size		have = dsm_segment_map_length(st->spare[i]);

		if (have >= size && (best < 0 || have < dsm_segment_map_length(st->spare[best])))
			best = i;
	}
	if (best >= 0)
	{
		segment = st->spare[best];
		st->spare[best] = st->spare[--st->nspare];
		return segment;
	}
	if (st->no_segments)
		return NULL;
	/* the spares are too small for this task: make room for a bigger one */
	if (st->nspare > 0)
		dsm_detach(st->spare[--st->nspare]);
	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(caller_context);
	PG_TRY();
	{
		segment = dsm_create(size, DSM_CREATE_NULL_IF_MAXSEGMENTS);
		if (segment != NULL)
			dsm_pin_mapping(segment);
		ReleaseCurrentSubTransaction();
	}
	PG_CATCH();
	{
		ErrorData  *error = abort_subtransaction(caller_context, caller_owner);

		ereport(DEBUG1,
				(errmsg_internal("marsql %s: sending tasks through the queues: %s",
								 st->job->label, error->message)));
		segment = NULL;
	}
	PG_END_TRY();
	MemoryContextSwitchTo(caller_context);
	CurrentResourceOwner = caller_owner;
	if (segment == NULL)
		st->no_segments = true;
	return segment;
}

/*
 * Appends the task's payload to buf: built by the capability, or written
 * in place when it knows the size (bytes, from payload_bytes).
 */
static void
append_payload(EngineJob *job, int task, Size bytes, StringInfo buf)
{
	if (job->cb.write_payload == NULL)
	{
		job->cb.build_payload(job->arg, task, buf);
		return;
	}
	if (bytes >= MaxAllocSize - (Size) buf->len)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a marsql task payload of %zu bytes does not fit in memory allocation", bytes),
				 errhint("Shared memory for it could not be had; make tasks smaller.")));
	enlargeStringInfo(buf, (int) bytes);
	job->cb.write_payload(job->arg, task, buf->data + buf->len, bytes);
	buf->len += (int) bytes;
	buf->data[buf->len] = '\0';
}

/*
 * Sends a ready task to worker w: to run at once when the worker is idle,
 * or queued behind its running task.  A large task travels in a segment
 * (its payload written there directly when the capability can), a small
 * one through the queue.
 */
static void
send_task(JobState *st, PoolWorker *w, int task)
{
	EngineJob  *job = st->job;
	PoolTaskSlot *slot = w->running.task < 0 ? &w->running : &w->queued;
	Size		result_bound = job->cb.result_bound
		? job->cb.result_bound(job->arg, task) : 0;
	Size		payload_bytes = job->cb.write_payload
		? job->cb.payload_bytes(job->arg, task) : 0;
	/* a read-only caller's task runs read-only on the worker too */
	int32		kind_word = job->tasks[task].kind |
		(XactReadOnly ? ENGINE_KIND_READ_ONLY : 0);

	Assert(!w->sending && slot->task < 0);
	slot->task = task;
	slot->seq = ++st->seq;
	slot->segment = NULL;
	if (job->cb.write_payload && payload_bytes + result_bound >= ENGINE_SEGMENT_MIN_BYTES)
	{
		slot->segment = acquire_segment(st, MAXALIGN(payload_bytes) + result_bound);
		if (slot->segment != NULL)
			job->cb.write_payload(job->arg, task, dsm_segment_address(slot->segment),
								  payload_bytes);
	}
	if (slot->segment == NULL)
	{
		int			header;

		resetStringInfo(&w->outgoing);
		pq_sendbyte(&w->outgoing, ENGINE_MSG_TASK);
		pq_sendint64(&w->outgoing, slot->seq);
		pq_sendint32(&w->outgoing, kind_word);
		header = w->outgoing.len;
		append_payload(job, task, payload_bytes, &w->outgoing);
		payload_bytes = w->outgoing.len - header;
		/* built without knowing its size, and large: moved to a segment */
		if (job->cb.write_payload == NULL &&
			payload_bytes + result_bound >= ENGINE_SEGMENT_MIN_BYTES)
		{
			slot->segment = acquire_segment(st, MAXALIGN(payload_bytes) + result_bound);
			if (slot->segment != NULL)
				memcpy(dsm_segment_address(slot->segment), w->outgoing.data + header,
					   payload_bytes);
		}
	}
	if (slot->segment != NULL)
	{
		slot->result_offset = MAXALIGN(payload_bytes);
		slot->result_room = result_bound;
		resetStringInfo(&w->outgoing);
		pq_sendbyte(&w->outgoing, ENGINE_MSG_TASK_IN_SEGMENT);
		pq_sendint64(&w->outgoing, slot->seq);
		pq_sendint32(&w->outgoing, kind_word);
		pq_sendint32(&w->outgoing, dsm_segment_handle(slot->segment));
		pq_sendint64(&w->outgoing, payload_bytes);
		pq_sendint64(&w->outgoing, slot->result_offset);
		pq_sendint64(&w->outgoing, slot->result_room);
	}

	job->tasks[task].state = ENGINE_TASK_RUNNING;
	job->tasks[task].attempts++;
	job->tasks[task].executor = w->number;
	st->running++;
	if (slot == &w->running)
	{
		w->state = POOL_WORKER_BUSY;
		if (job->cb.task_started)
			job->cb.task_started(job->arg, task, worker_name(w));
	}
	(void) worker_pool_flush(st->pool, w);
	report_progress(st);
}

/* the job is over or failed: no segment stays mapped */
static void
release_segments(JobState *st)
{
	st->stopping = true;
	for (int i = 0; i < st->nspare; i++)
		dsm_detach(st->spare[i]);
	st->nspare = 0;
	if (st->reading != NULL)
		dsm_detach(st->reading);
	st->reading = NULL;
	for (int i = 0; st->pool != NULL && i < st->pool->nworkers; i++)
	{
		release_slot(st, &st->pool->workers[i].running);
		release_slot(st, &st->pool->workers[i].queued);
	}
}

ErrorData *
engine_copy_message(const ErrorData *e)
{
	ErrorData  *c = palloc0(sizeof(ErrorData));

	c->elevel = e->elevel;
	c->sqlerrcode = e->sqlerrcode;
	c->message = e->message ? pstrdup(e->message) : NULL;
	c->detail = e->detail ? pstrdup(e->detail) : NULL;
	c->hint = e->hint ? pstrdup(e->hint) : NULL;
	c->context = e->context ? pstrdup(e->context) : NULL;
	return c;
}

ErrorData *
engine_make_error(int sqlstate, char *message, char *detail, char *hint)
{
	ErrorData  *e = palloc0(sizeof(ErrorData));

	e->elevel = ERROR;
	e->sqlerrcode = sqlstate;
	e->message = message;
	e->detail = detail;
	e->hint = hint;
	return e;
}

void
engine_as_sentence(StringInfo buf)
{
	if (buf->len == 0)
		return;
	if (buf->data[0] >= 'a' && buf->data[0] <= 'z')
		buf->data[0] += 'A' - 'a';
	if (strchr(".?!", buf->data[buf->len - 1]) == NULL)
		appendStringInfoChar(buf, '.');
}

/* what the server log would have kept under the caller's log_min_messages */
static bool
caller_would_log(int elevel)
{
	if (saved_log_min_messages == LOG)
		return elevel >= FATAL || elevel == LOG;
	return elevel >= saved_log_min_messages;
}

/*
 * emit_log_hook: collects the NOTICE, INFO and WARNING messages of a task
 * run in the calling backend.  It runs only for messages the server log
 * keeps, so the inline executor lowers log_min_messages to NOTICE while it
 * works, and this hook keeps the server log as the caller's setting would.
 */
static void
collect_inline_log(ErrorData *edata)
{
	if (saved_log_min_messages >= 0 && inline_job != NULL && inline_task >= 0 &&
		(edata->elevel == NOTICE || edata->elevel == INFO || edata->elevel == WARNING))
	{
		JobState   *st = inline_job;
		MemoryContext old = MemoryContextSwitchTo(st->log_context);

		/* handed over after the task: a callback here must not ereport */
		st->inline_log = lappend(st->inline_log, engine_copy_message(edata));
		MemoryContextSwitchTo(old);
	}
	if (saved_log_min_messages >= 0 && !caller_would_log(edata->elevel))
		edata->output_to_server = false;
	if (prev_emit_log_hook && edata->output_to_server)
		prev_emit_log_hook(edata);
}

/*
 * A task starts on an executor that shares no memory with the leader (the
 * backend itself, or a peer): its payload is built into `payload` (a new
 * buffer) and it is counted as running there.
 */
static void
start_unshared_task(JobState *st, int task, const char *executor, StringInfo payload)
{
	EngineJob  *job = st->job;

	initStringInfo(payload);
	append_payload(job, task,
				   job->cb.write_payload ? job->cb.payload_bytes(job->arg, task) : 0,
				   payload);
	job->tasks[task].state = ENGINE_TASK_RUNNING;
	job->tasks[task].attempts++;
	job->tasks[task].executor = -1;
	st->running++;
	if (job->cb.task_started)
		job->cb.task_started(job->arg, task, executor);
}

/*
 * Runs one task in the calling backend, in a subtransaction so that its
 * error fails the task and not the statement.  Cancel and timeouts are
 * not task errors: they propagate.
 */
static void
run_inline(JobState *st, int task)
{
	EngineJob  *job = st->job;
	const EngineTaskKind *kind = engine_kind(job->tasks[task].kind);
	MemoryContext caller_context = CurrentMemoryContext;
	ResourceOwner caller_owner = CurrentResourceOwner;
	StringInfoData payload;
	StringInfoData result;
	ErrorData  *volatile error = NULL;

	start_unshared_task(st, task, "backend", &payload);

	if (!emit_log_hook_installed)
	{
		prev_emit_log_hook = emit_log_hook;
		emit_log_hook = collect_inline_log;
		emit_log_hook_installed = true;
	}

	initStringInfo(&result);
	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(caller_context);
	PG_TRY();
	{
		inline_job = st;
		inline_task = task;
		/* the task's own context lines only; the caller's come on rethrow */
		error_context_stack = NULL;
		kind->run(payload.data, payload.len, &result);
		inline_job = NULL;
		inline_task = -1;
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(caller_context);
		CurrentResourceOwner = caller_owner;
	}
	PG_CATCH();
	{
		inline_job = NULL;
		inline_task = -1;
		error = abort_subtransaction(caller_context, caller_owner);
	}
	PG_END_TRY();
	{
		ListCell   *lc;

		foreach(lc, st->inline_log)
			job->cb.task_log(job->arg, task, (ErrorData *) lfirst(lc), true);
		list_free(st->inline_log);
		st->inline_log = NIL;
	}
	if (error != NULL)
		task_error(st, task, error, "the calling backend");
	else
		task_succeeded(st, task, result.data, result.len);
}

/*
 * Lowers log_min_messages to NOTICE until the job ends, so that
 * collect_inline_log sees every message of the tasks run here.
 */
static void
lower_log_level_for_inline(void)
{
	saved_log_min_messages = log_min_messages;
	(void) set_config_option("log_min_messages", "notice", PGC_SUSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
}

/*
 * Asks an open-ended job for more tasks when none is ready, and makes room
 * for them: they have no dependencies, so they are ready at once.
 */
static void
find_more_tasks(JobState *st)
{
	EngineJob  *job = st->job;
	int			before = job->ntasks;

	if (st->exhausted || st->nready > 0)
		return;
	if (!job->cb.more_tasks(job->arg, job))
	{
		st->exhausted = true;
		return;
	}
	if (job->ntasks <= before)
		elog(ERROR, "marsql job found more tasks but added none");
	if (job->ntasks > st->capacity)
	{
		int			cap = Max(job->ntasks, st->capacity * 2);

		st->waiting_on = repalloc(st->waiting_on, sizeof(int) * cap);
		st->dependents_start = repalloc(st->dependents_start, sizeof(int) * (cap + 1));
		st->ready = repalloc(st->ready, sizeof(int) * cap);
		st->capacity = cap;
	}
	for (int i = before; i < job->ntasks; i++)
	{
		if (job->tasks[i].ndeps != 0)
			elog(ERROR, "marsql job added a task with dependencies while running");
		job->tasks[i].attempts = 0;
		job->tasks[i].executor = -1;
		st->waiting_on[i] = 0;
		st->dependents_start[i + 1] = st->dependents_start[before];
		push_ready(st, i);
	}
	engine_progress_set_total(job->ntasks);
}

/*
 * Peers.  A slot is one connection to a server running one task query at
 * a time; a server has as many slots as its capacity, at most
 * marsql.max_peer_connections.
 */

/* the job may run on peers: load every marsql server the user may use */
static void
start_peers(JobState *st)
{
	List	   *oids = peer_server_oids(true);
	ListCell   *lc;
	int			i = 0;

	if (oids == NIL && st->executors == ENGINE_EXECUTORS_PEERS)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("marsql %s: no marsql peer is declared", st->job->label),
				 errhint("Declare peers with CREATE SERVER ... FOREIGN DATA WRAPPER marsql and CREATE USER MAPPING, or SET marsql.executors = local.")));
	st->nservers = list_length(oids);
	st->servers = palloc0(sizeof(PeerServer *) * Max(st->nservers, 1));
	st->server_down = palloc0(sizeof(bool) * Max(st->nservers, 1));
	st->server_error = palloc0(sizeof(ErrorData *) * Max(st->nservers, 1));
	st->pinned = palloc0(sizeof(List *) * Max(st->nservers, 1));
	st->server_slots = palloc0(sizeof(int) * Max(st->nservers, 1));
	st->server_idle = palloc0(sizeof(int) * Max(st->nservers, 1));
	foreach(lc, oids)
	{
		st->servers[i] = peer_server_load(lfirst_oid(lc));
		st->nslots += Min(st->servers[i]->capacity, marsql_max_peer_connections);
		i++;
	}
	st->slot_server = palloc(sizeof(int) * Max(st->nslots, 1));
	st->slot_conns = palloc0(sizeof(PeerConn *) * Max(st->nslots, 1));
	st->slot_task = palloc(sizeof(int) * Max(st->nslots, 1));
	st->nslots = 0;
	for (i = 0; i < st->nservers; i++)
	{
		int			n = Min(st->servers[i]->capacity, marsql_max_peer_connections);

		st->server_slots[i] = n;
		for (int j = 0; j < n; j++)
		{
			st->slot_server[st->nslots] = i;
			st->slot_task[st->nslots] = -1;
			st->nslots++;
		}
	}
}

/*
 * A peer's error as the DETAIL of a WARNING that names the peer: its
 * message and detail as sentences ("Lost the connection to marsql peer
 * "p1". The peer reported: ...").
 */
static char *
error_as_detail(const ErrorData *error)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, error->message ? error->message : "the peer failed");
	engine_as_sentence(&buf);
	if (error->detail && error->detail[0])
		appendStringInfo(&buf, " %s", error->detail);
	return buf.data;
}

/* a peer's task is lost with its connection: run again, or fail */
static void
peer_task_lost(JobState *st, int task, ErrorData *error, const char *executor)
{
	EngineJob  *job = st->job;
	EngineTask *t = &job->tasks[task];

	if (t->idempotent && !OidIsValid(t->server) && t->attempts < st->max_attempts)
	{
		ereport(WARNING,
				(errcode(error->sqlerrcode),
				 errmsg("marsql %s failed on %s, running it again on another executor",
						job->cb.describe(job->arg, task), executor),
				 errdetail_internal("%s", error_as_detail(error))));
		st->running--;
		push_ready(st, task);
		return;
	}
	task_error(st, task, engine_copy_message(error), executor);
}

/*
 * Tasks pinned to a server that is out of the job fail with its own error
 * (not the last of any peer): no other executor may run them.
 */
static void
fail_pinned(JobState *st, int s)
{
	Assert(st->server_error[s] != NULL);
	while (st->pinned[s] != NIL)
	{
		int			task = linitial_int(st->pinned[s]);

		st->pinned[s] = list_delete_first(st->pinned[s]);
		st->npinned--;
		st->running++;			/* task_error counts it out */
		st->job->tasks[task].attempts++;
		task_error(st, task, engine_copy_message(st->server_error[s]),
				   psprintf("peer \"%s\"", st->servers[s]->name));
	}
}

/* the slot's connection failed: the server is out for the rest of the job */
static void
peer_failed(JobState *st, int slot)
{
	PeerConn   *c = st->slot_conns[slot];
	int			s = st->slot_server[slot];
	int			task = st->slot_task[slot];
	char	   *executor = pstrdup(c->executor);
	ErrorData  *error = c->error;
	bool		first;

	if (error == NULL)
		error = engine_make_error(ERRCODE_CONNECTION_FAILURE,
								  psprintf("lost the connection to marsql peer \"%s\"", c->name),
								  NULL, NULL);
	error->elevel = ERROR;
	first = !st->server_down[s];
	st->server_down[s] = true;
	if (first)
		st->server_error[s] = error;
	st->peer_error = error;
	st->slot_task[slot] = -1;
	st->slot_conns[slot] = NULL;
	peer_conn_release(c);
	if (task >= 0)
		peer_task_lost(st, task, error, executor);
	else if (first)
		ereport(WARNING,
				(errcode(error->sqlerrcode),
				 errmsg("marsql %s: peer \"%s\" is left out of this job", st->job->label,
						st->servers[s]->name),
				 errdetail_internal("%s", error_as_detail(error))));
	fail_pinned(st, s);
}

/* the next task for a peer slot: one pinned to its server, else any */
static int
next_peer_task(JobState *st, int slot)
{
	int			s = st->slot_server[slot];

	if (st->server_down[s])
		return -1;
	if (st->pinned[s] != NIL)
	{
		int			task = linitial_int(st->pinned[s]);

		st->pinned[s] = list_delete_first(st->pinned[s]);
		st->npinned--;
		return task;
	}
	return pop_ready(st);
}

static void
send_task_to_peer(JobState *st, int slot, int task)
{
	EngineJob  *job = st->job;
	PeerConn   *c = st->slot_conns[slot];
	StringInfoData payload;
	bool		sent;

	st->slot_task[slot] = task;
	start_unshared_task(st, task, c->executor, &payload);
	sent = peer_conn_send_task(c, engine_kind(job->tasks[task].kind)->name,
							   payload.data, payload.len, marsql_peer_timeout_ms);
	pfree(payload.data);
	if (!sent)
		peer_failed(st, slot);
	report_progress(st);
}

static void
relay_peer_notices(JobState *st, int slot)
{
	PeerConn   *c = st->slot_conns[slot];
	ListCell   *lc;

	if (c == NULL || c->notices == NIL)
		return;
	foreach(lc, c->notices)
	{
		if (st->slot_task[slot] >= 0)
			st->job->cb.task_log(st->job->arg, st->slot_task[slot], (ErrorData *) lfirst(lc), false);
	}
	c->notices = NIL;
}

/* a peer's result: handed over, then the PGresult is freed */
static void
peer_result(JobState *st, int slot, PGresult *res)
{
	int			task = st->slot_task[slot];

	st->slot_task[slot] = -1;
	PG_TRY();
	{
		task_succeeded(st, task, PQgetvalue(res, 0, 0), PQgetlength(res, 0, 0));
	}
	PG_CATCH();
	{
		PQclear(res);
		PG_RE_THROW();
	}
	PG_END_TRY();
	PQclear(res);
}

/*
 * Should a slot of server s that has no connection connect now?  Peers
 * are not interchangeable: a task pinned to s runs on a connection to s
 * only, while any slot takes an unpinned task.  A slot connected (or
 * connecting) and without a task takes its own server's pinned tasks
 * first, so s needs another connection when its pinned tasks outnumber
 * its free slots, or when the unpinned ready tasks outnumber the free
 * slots of every server left over from their pinned tasks.
 */
static bool
wants_connection(JobState *st, int s)
{
	int			spare = 0;

	if (st->pinned[s] == NIL && st->nready == 0)
		return false;
	memset(st->server_idle, 0, sizeof(int) * st->nservers);
	for (int i = 0; i < st->nslots; i++)
		if (st->slot_server[i] >= 0 && st->slot_conns[i] != NULL && st->slot_task[i] < 0)
			st->server_idle[st->slot_server[i]]++;
	if (list_length(st->pinned[s]) > st->server_idle[s])
		return true;
	for (int t = 0; t < st->nservers; t++)
		if (!st->server_down[t])
			spare += Max(st->server_idle[t] - list_length(st->pinned[t]), 0);
	return st->nready > spare;
}

/*
 * Drives every peer slot once: connects where tasks wait, reads results
 * and errors, times out slow tasks and sends ready tasks to idle
 * connections.  Returns the slots that can still run tasks; *progressed
 * when anything happened.
 */
static int
drive_peers(JobState *st, bool *progressed)
{
	int			live = 0;

	for (int i = 0; i < st->nslots; i++)
	{
		int			s = st->slot_server[i];
		PeerConn   *c = st->slot_conns[i];

		if (s < 0)
			continue;
		if (c == NULL)
		{
			if (st->server_down[s])
				continue;
			live++;
			if (!wants_connection(st, s))
				continue;
			c = peer_conn_acquire(st->servers[s]);
			if (c == NULL)
			{
				/* the session holds marsql.max_peer_connections already */
				st->slot_server[i] = -1;
				st->server_slots[s]--;
				live--;
				if (st->server_slots[s] == 0)
				{
					/*
					 * Every connection to it is an outer job's: it is out of
					 * this job, and the tasks pinned to it fail.
					 */
					st->server_down[s] = true;
					st->server_error[s] =
						engine_make_error(ERRCODE_CONFIGURATION_LIMIT_EXCEEDED,
										  psprintf("no connection to marsql peer \"%s\" is free for this job",
												   st->servers[s]->name),
										  psprintf("The session holds marsql.max_peer_connections (%d) connections to it already.",
												   marsql_max_peer_connections),
										  pstrdup("Raise marsql.max_peer_connections."));
				}
				continue;
			}
			st->slot_conns[i] = c;
			*progressed = true;
		}
		else if (st->server_down[s] && st->slot_task[i] < 0)
		{
			st->slot_conns[i] = NULL;
			peer_conn_release(c);
			continue;
		}
		else
			live++;

		for (;;)
		{
			PGresult   *res;
			ErrorData  *error;
			PeerEvent	event;

			if (c->state == PEER_CONN_FAILED)
				event = PEER_EVENT_FAILED;	/* at once, as it started */
			else if (peer_conn_timed_out(c))
			{
				peer_conn_time_out(c, marsql_peer_timeout_ms);
				event = PEER_EVENT_FAILED;
			}
			else
				event = peer_conn_advance(c, &res, &error);
			relay_peer_notices(st, i);
			if (event == PEER_EVENT_NONE)
				break;
			*progressed = true;
			if (event == PEER_EVENT_FAILED)
			{
				live--;
				peer_failed(st, i);
				break;
			}
			if (event == PEER_EVENT_RESULT)
				peer_result(st, i, res);
			else if (event == PEER_EVENT_TASK_ERROR)
			{
				int			task = st->slot_task[i];

				st->slot_task[i] = -1;
				task_error(st, task, error, c->executor);
			}
			break;
		}
		c = st->slot_conns[i];
		if (c != NULL && c->state == PEER_CONN_IDLE && st->slot_task[i] < 0)
		{
			int			task = next_peer_task(st, i);

			if (task >= 0)
			{
				send_task_to_peer(st, i, task);
				*progressed = true;
			}
		}
	}
	for (int s = 0; s < st->nservers; s++)
		if (st->server_down[s] && st->pinned[s] != NIL)
			fail_pinned(st, s);
	return live;
}

/* sleeps until the latch is set, a peer socket is ready or a deadline */
static void
wait_for_executors(JobState *st)
{
	long		timeout = IDLE_WAIT_MS;
	TimestampTz now;

	if (st->nslots == 0)
	{
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 IDLE_WAIT_MS, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		return;
	}
	now = GetCurrentTimestamp();
	for (int i = 0; i < st->nslots; i++)
	{
		TimestampTz d = st->slot_conns[i] ? peer_conn_deadline(st->slot_conns[i]) : 0;

		if (d != 0)
			timeout = Min(timeout, Max(0, (long) ((d - now) / 1000) + 1));
	}
	peer_conns_wait(st->slot_conns, st->nslots, timeout);
}

/* no executor can run the ready tasks: each fails with the last peer error */
static void
fail_unrunnable(JobState *st)
{
	ErrorData  *error = st->peer_error;

	if (error == NULL)
		error = engine_make_error(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
								  psprintf("marsql %s: no marsql peer can take a task", st->job->label),
								  NULL,
								  pstrdup("Raise marsql.max_peer_connections, or SET marsql.executors = 'all' to use local workers too."));
	while (st->nready > 0)
	{
		int			task = pop_ready(st);

		st->running++;			/* task_error counts it out */
		st->job->tasks[task].attempts++;
		task_error(st, task, engine_copy_message(error), "no executor");
	}
}

static void
run_loop(JobState *st)
{
	EngineJob  *job = st->job;
	WorkerPool *pool = st->pool;
	bool		inline_announced = false;

	for (;;)
	{
		bool		progressed = false;
		int			live = 0;
		int			i;

		find_more_tasks(st);
		if (st->finished >= job->ntasks && st->exhausted)
			break;

		for (i = 0; pool != NULL && i < pool->nworkers; i++)
		{
			PoolWorker *w = &pool->workers[i];

			while (w->state != POOL_WORKER_GONE)
			{
				Size		nbytes;
				void	   *data;
				shm_mq_result r = shm_mq_receive(w->from_worker, &nbytes, &data, true);

				if (r == SHM_MQ_WOULD_BLOCK)
					break;
				progressed = true;
				if (r == SHM_MQ_DETACHED)
				{
					worker_gone(st, w, NULL);
					break;
				}
				handle_message(st, w, data, nbytes);
			}
			if (w->state != POOL_WORKER_GONE && w->sending)
				progressed |= worker_pool_flush(pool, w);
			if (w->state == POOL_WORKER_IDLE && st->nready > 0)
			{
				send_task(st, w, pop_ready(st));
				progressed = true;
			}
			if (w->state != POOL_WORKER_GONE)
				live++;
		}

		/*
		 * Every live worker is busy: queue the next task behind one of them
		 * while it computes.  One at a time, so results are read between.
		 */
		for (i = 0; job->prefetch && pool != NULL && i < pool->nworkers && st->nready > 0; i++)
		{
			PoolWorker *w = &pool->workers[i];

			if (w->state == POOL_WORKER_BUSY && w->queued.task < 0 && !w->sending)
			{
				send_task(st, w, pop_ready(st));
				progressed = true;
				break;
			}
		}

		if (st->nslots > 0)
			live += drive_peers(st, &progressed);

		if (live == 0 && st->nready > 0 && st->executors == ENGINE_EXECUTORS_PEERS)
		{
			fail_unrunnable(st);
			continue;
		}
		if (live == 0 && st->nready > 0)
		{
			if (!inline_announced && pool != NULL && pool->nworkers > 0)
				ereport(NOTICE,
						(errmsg("marsql %s: no worker is left, running the remaining tasks in this backend",
								job->label),
						 st->startup_error && st->startup_error->message
						 ? errdetail("A worker reported: %s", st->startup_error->message) : 0));
			if (!inline_announced)
				lower_log_level_for_inline();
			inline_announced = true;
			run_inline(st, pop_ready(st));
			CHECK_FOR_INTERRUPTS();
			continue;
		}
		if (live == 0 && st->running == 0 && st->npinned == 0 && st->finished < job->ntasks)
			elog(ERROR, "marsql job has tasks that can never become ready");

		if (!progressed)
			wait_for_executors(st);
		CHECK_FOR_INTERRUPTS();
	}
}

int
engine_append_task(EngineJob *job, int kind, bool idempotent)
{
	int			task = job->ntasks;

	if (task >= job->task_capacity || job->tasks == NULL)
	{
		int			cap = Max(16, job->task_capacity * 2);

		job->tasks = job->tasks ? repalloc(job->tasks, sizeof(EngineTask) * cap)
			: palloc(sizeof(EngineTask) * cap);
		job->task_capacity = cap;
	}
	memset(&job->tasks[task], 0, sizeof(EngineTask));
	job->tasks[task].kind = kind;
	job->tasks[task].idempotent = idempotent;
	job->ntasks = task + 1;
	return task;
}

void
engine_relay_message(void *arg, int task, ErrorData *message, bool shown)
{
	(void) arg;
	(void) task;
	if (!shown)
		ereport(message->elevel,
				(errcode(message->sqlerrcode),
				 errmsg_internal("%s", message->message)));
}

int
engine_executors_begin(text *executors)
{
	int			nest_level = NewGUCNestLevel();
	char	   *value;

	if (executors == NULL)
		return nest_level;
	value = text_to_cstring(executors);
	if (strcmp(value, "local") != 0 && strcmp(value, "peers") != 0 && strcmp(value, "all") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid executors \"%s\"", value),
				 errhint("Use local, peers or all.")));
	(void) set_config_option("marsql.executors", value, PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	return nest_level;
}

void
engine_executors_end(int nest_level)
{
	AtEOXact_GUC(true, nest_level);
}

void
engine_run(EngineJob *job)
{
	JobState	st;
	int			want;
	volatile int granted = 0;
	int			nest_level;
	int			i;
	int			n = job->ntasks;

	if (n == 0 && job->cb.more_tasks == NULL)
		return;

	memset(&st, 0, sizeof(st));
	st.job = job;
	st.capacity = Max(n, 1);
	st.exhausted = job->cb.more_tasks == NULL;
	st.waiting_on = palloc0(sizeof(int) * st.capacity);
	st.dependents_start = palloc0(sizeof(int) * (st.capacity + 1));
	st.ready = palloc(sizeof(int) * st.capacity);
	st.last_decile = 0;
	st.log_context = CurrentMemoryContext;
	for (i = 0; i < n; i++)
	{
		int			j;

		job->tasks[i].state = ENGINE_TASK_WAITING;
		job->tasks[i].attempts = 0;
		job->tasks[i].executor = -1;
		for (j = 0; j < job->tasks[i].ndeps; j++)
			st.dependents_start[job->tasks[i].deps[j] + 1]++;
		st.waiting_on[i] = job->tasks[i].ndeps;
	}
	for (i = 0; i < n; i++)
		st.dependents_start[i + 1] += st.dependents_start[i];
	st.dependents = palloc(sizeof(int) * Max(st.dependents_start[n], 1));
	{
		int		   *fill = palloc0(sizeof(int) * n);

		for (i = 0; i < n; i++)
		{
			int			j;

			for (j = 0; j < job->tasks[i].ndeps; j++)
			{
				int			d = job->tasks[i].deps[j];

				st.dependents[st.dependents_start[d] + fill[d]++] = i;
			}
		}
		pfree(fill);
	}
	st.executors = job->executors != ENGINE_EXECUTORS_DEFAULT
		? job->executors : (EngineExecutors) marsql_executors;
	if (st.executors != ENGINE_EXECUTORS_LOCAL)
		start_peers(&st);
	for (i = 0; i < n; i++)
		if (st.waiting_on[i] == 0)
			push_ready(&st, i);

	st.max_attempts = marsql_task_retries + 1;
	want = job->max_workers > 0 ? job->max_workers : marsql_max_workers;
	if (job->cb.more_tasks == NULL)
		want = Min(want, n);
	if (st.executors == ENGINE_EXECUTORS_PEERS)
		want = 0;
	st.spare = palloc(sizeof(dsm_segment *) * (want * SPARE_SEGMENTS_PER_WORKER + 1));

	nest_level = NewGUCNestLevel();
	engine_progress_begin(job->label, n);
	PG_TRY();
	{
		if (want > 0)
		{
			granted = engine_workers_reserve(want);
			if (granted > 0)
				st.pool = worker_pool_start(granted);
			if (st.pool == NULL || st.pool->nworkers < want)
				ereport(NOTICE,
						(errmsg("marsql %s: %d of %d background workers started%s",
								job->label,
								st.pool ? st.pool->nworkers : 0, want,
								(st.pool == NULL || st.pool->nworkers == 0)
								? ", running its tasks in this backend" : ""),
						 granted < want
						 ? errdetail("The cluster-wide limit marsql.max_workers_total (%d) leaves no more workers for this job.",
									 marsql_max_workers_total)
						 : errdetail("No background worker slot is free."),
						 errhint("Raise max_worker_processes or marsql.max_workers_total, or lower marsql.max_workers.")));
		}
		run_loop(&st);
	}
	PG_FINALLY();
	{
		saved_log_min_messages = -1;
		if (st.nslots > 0)
			peer_conns_stop(st.slot_conns, st.nslots);
		release_segments(&st);
		worker_pool_stop(st.pool);
		engine_workers_release(granted);
		engine_progress_end();
	}
	PG_END_TRY();
	AtEOXact_GUC(true, nest_level);
}
