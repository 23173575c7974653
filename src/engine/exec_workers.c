/*
 * exec_workers.c
 *	  Local background workers as executors of a job: reserving them under
 *	  marsql.max_workers_total and starting a pool (worker_pool.c), handing
 *	  each idle worker the next ready task (through its queue, or in a DSM
 *	  segment of the task's own when payload and result are large; with
 *	  prefetch, a busy worker gets its next task while it computes),
 *	  reading its messages (results, errors, NOTICEs, hello), and a worker
 *	  that died: its idempotent tasks go back to the ready queue, others
 *	  fail (both counted in marsql.stat_tasks here: the worker counts the
 *	  tasks it ends itself).  Task segments are kept for reuse until the
 *	  job ends.
 *
 *	  Workers can outlive a job (marsql.worker_idle_timeout): after a job
 *	  that ended cleanly, the pool is parked for the session -- its segment
 *	  mapped for the session, its workers counted against
 *	  marsql.max_workers_total as idle -- and the session's next job claims
 *	  it instead of starting workers, provided the caller's identity and
 *	  settings are still the ones the workers took on; otherwise the pool
 *	  is retired and a new one started.  A parked worker retires itself
 *	  after the idle timeout (worker.c); the backend's exit detaches the
 *	  segment, which terminates them all.
 */
#include "postgres.h"

#include "access/xact.h"
#include "libpq/pqformat.h"
#include "libpq/pqmq.h"
#include "miscadmin.h"
#include "storage/dsm.h"
#include "storage/ipc.h"
#include "utils/elog.h"
#include "utils/memutils.h"
#include "utils/resowner.h"

#include "engine/engine.h"
#include "engine/engine_shmem.h"
#include "engine/job_state.h"
#include "engine/task_stats.h"
#include "engine/worker_pool.h"
#include "guc.h"

static char *
worker_name(PoolWorker *w)
{
	return psprintf("worker %d (PID %d)", w->number, (int) w->pid);
}

/* at most this many free task segments per worker are kept for reuse */
#define SPARE_SEGMENTS_PER_WORKER 1

/* the session's parked pool, or NULL (in its own memory context) */
static WorkerPool *warm_pool = NULL;
static bool exit_callback_registered = false;

/*
 * The backend exits: its idle workers are stopped, and waited for, so that
 * their background worker slots are free for the next session (detaching
 * the segment alone would terminate them, but not wait).
 */
static void
stop_warm_pool_at_exit(int code, Datum arg)
{
	WorkerPool *pool = warm_pool;
	int			live;

	(void) code;
	(void) arg;
	warm_pool = NULL;
	if (pool == NULL)
		return;
	/* their places under marsql.max_workers_total are free at once */
	engine_workers_unpark(worker_pool_claim(pool, false, &live), false);
	worker_pool_stop(pool);
}

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
	INSTR_TIME_SET_CURRENT(w->running.started);
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
		task_stats_retried(TASK_STATS_WORKER, t->kind);
		st->running--;
		job_push_ready(st, task);	/* it left the heap when it was sent */
		return;
	}
	if (error == NULL)
		error = engine_make_error(ERRCODE_CONNECTION_FAILURE,
								  psprintf("marsql worker %d exited while running a task", w->number),
								  NULL, NULL);
	/* the worker could not count it: it is gone */
	task_stats_count(TASK_STATS_WORKER, t->kind, true, 0, 0, &slot->started);
	job_task_error(st, task, error, worker_name(w));
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
			{
				/* the start-up this worker cost the job */
				instr_time	now;
				EngineJobReport *report = &st->job->report;

				INSTR_TIME_SET_CURRENT(now);
				INSTR_TIME_SUBTRACT(now, st->starting);
				report->startup_all = INSTR_TIME_GET_DOUBLE(now);
				if (st->nready_workers++ == 0)
					report->startup_first = report->startup_all;
			}
			break;

		case ENGINE_MSG_RESULT:
			{
				int			task = finished_task(w, &msg);

				promote_queued(st, w);
				job_task_succeeded(st, task, msg.data + msg.cursor, msg.len - msg.cursor);
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
				job_task_succeeded(st, task,
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
					job_task_error(st, task, edata, worker_name(w));
				}
			}
			break;

		default:
			/* parameter status and the like: nothing to do */
			break;
	}
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
		ErrorData  *error = engine_abort_subtransaction(caller_context, caller_owner);

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
	INSTR_TIME_SET_ZERO(slot->started);
	if (slot == &w->running)
		INSTR_TIME_SET_CURRENT(slot->started);
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
		job_append_payload(job, task, payload_bytes, &w->outgoing);
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
	job_report_progress(st);
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

/* stops the parked pool: its claimed workers come off the idle count */
static void
retire_warm_pool(void)
{
	WorkerPool *pool = warm_pool;
	int			live;

	if (pool == NULL)
		return;
	warm_pool = NULL;
	engine_workers_unpark(worker_pool_claim(pool, true, &live), false);
	worker_pool_stop(pool);
}

/*
 * Does the session hold idle workers a job of the current caller may use
 * at no start-up cost?
 */
bool
exec_workers_warm(void)
{
	return warm_pool != NULL && marsql_worker_idle_timeout_ms > 0 &&
		worker_pool_same_caller(warm_pool);
}

/*
 * The parked pool for a job that wants `want` workers: claimed when it
 * has that many workers left and they took on the caller's identity and
 * settings, else retired.  The job uses the first workers of the pool
 * that hold `want` live ones.
 */
static bool
reuse_warm_pool(JobState *st, int want)
{
	WorkerPool *pool = warm_pool;
	int			claimed;
	int			live;

	if (pool == NULL)
		return false;
	if (marsql_worker_idle_timeout_ms == 0 || pool->nworkers < want ||
		!worker_pool_same_caller(pool))
	{
		retire_warm_pool();
		return false;
	}
	warm_pool = NULL;
	claimed = worker_pool_claim(pool, true, &live);
	if (live < want)
	{
		engine_workers_unpark(claimed, false);
		worker_pool_stop(pool);
		return false;
	}
	engine_workers_unpark(claimed, true);
	st->pool = pool;
	st->granted = claimed;
	st->nuse = 0;
	for (int found = 0; st->nuse < pool->nworkers && found < want; st->nuse++)
		if (pool->workers[st->nuse].state != POOL_WORKER_GONE)
			found++;
	st->job->report.warm_workers = want;
	return true;
}

/*
 * Reserves up to `want` workers under marsql.max_workers_total and starts
 * them, or reuses the session's idle ones; a NOTICE says when fewer than
 * wanted started.  st->pool stays NULL when none could be had.
 */
void
exec_workers_start(JobState *st, int want)
{
	EngineJob  *job = st->job;

	if (want > 0 && !reuse_warm_pool(st, want))
	{
		st->granted = engine_workers_reserve(want);
		if (st->granted > 0)
		{
			INSTR_TIME_SET_CURRENT(st->starting);
			st->pool = worker_pool_start(st->granted);
			st->nuse = st->pool->nworkers;
			job->report.started_workers = st->pool->nworkers;
		}
		if (st->pool == NULL || st->pool->nworkers < want)
			ereport(NOTICE,
					(errmsg("marsql %s: %d of %d background workers started%s",
							job->label,
							st->pool ? st->pool->nworkers : 0, want,
							(st->pool == NULL || st->pool->nworkers == 0)
							? ", running its tasks in this backend" : ""),
					 st->granted < want
					 ? errdetail("The cluster-wide limit marsql.max_workers_total (%d) leaves no more workers for this job.",
								 marsql_max_workers_total)
					 : errdetail("No background worker slot is free."),
					 errhint("Raise max_worker_processes or marsql.max_workers_total, or lower marsql.max_workers.")));
	}
	/* room for the task segments kept for reuse (recycle_segment) */
	st->spare = palloc(sizeof(dsm_segment *) *
					   ((st->pool ? st->pool->nworkers : 0) * SPARE_SEGMENTS_PER_WORKER + 1));
}

/*
 * Drives every worker once: reads its pending messages without blocking,
 * finishes sending a task message the queue did not take in full, and
 * hands an idle worker the next ready task; with prefetch, queues one
 * task behind a busy worker when none is idle.  Returns the workers still
 * alive; *progressed when anything happened.
 */
int
exec_workers_drive(JobState *st, bool *progressed)
{
	WorkerPool *pool = st->pool;
	int			live = 0;
	int			i;

	if (pool == NULL)
		return 0;
	for (i = 0; i < st->nuse; i++)
	{
		PoolWorker *w = &pool->workers[i];

		while (w->state != POOL_WORKER_GONE)
		{
			Size		nbytes;
			void	   *data;
			shm_mq_result r = shm_mq_receive(w->from_worker, &nbytes, &data, true);

			if (r == SHM_MQ_WOULD_BLOCK)
				break;
			*progressed = true;
			if (r == SHM_MQ_DETACHED)
			{
				worker_gone(st, w, NULL);
				break;
			}
			handle_message(st, w, data, nbytes);
		}
		if (w->state != POOL_WORKER_GONE && w->sending)
			*progressed |= worker_pool_flush(pool, w);
		if (w->state == POOL_WORKER_IDLE && st->nready > 0)
		{
			send_task(st, w, job_pop_ready(st));
			*progressed = true;
		}
		if (w->state != POOL_WORKER_GONE)
			live++;
	}

	/*
	 * Every live worker is busy: queue the next task behind one of them
	 * while it computes.  One at a time, so results are read between.
	 */
	for (i = 0; st->job->prefetch && i < st->nuse && st->nready > 0; i++)
	{
		PoolWorker *w = &pool->workers[i];

		if (w->state == POOL_WORKER_BUSY && w->queued.task < 0 && !w->sending)
		{
			send_task(st, w, job_pop_ready(st));
			*progressed = true;
			break;
		}
	}
	return live;
}

/* no worker holds a task or a half-sent message: the pool may be parked */
static bool
pool_quiet(WorkerPool *pool)
{
	for (int i = 0; i < pool->nworkers; i++)
	{
		PoolWorker *w = &pool->workers[i];

		if (w->state == POOL_WORKER_BUSY || w->sending ||
			w->running.task >= 0 || w->queued.task >= 0)
			return false;
	}
	return true;
}

/*
 * The job is over or failed: segments detached; the workers parked for
 * the session's next job when the job ended cleanly and
 * marsql.worker_idle_timeout allows (and the session holds no parked pool
 * yet: an inner job's), else stopped.
 */
void
exec_workers_stop(JobState *st)
{
	WorkerPool *pool = st->pool;
	bool		quiet = pool != NULL && pool_quiet(pool);

	release_segments(st);
	st->pool = NULL;
	if (quiet && st->ended && marsql_worker_idle_timeout_ms > 0 && warm_pool == NULL)
	{
		int			parked = worker_pool_park(pool, marsql_worker_idle_timeout_ms);

		if (parked > 0)
		{
			if (!exit_callback_registered)
			{
				before_shmem_exit(stop_warm_pool_at_exit, (Datum) 0);
				exit_callback_registered = true;
			}
			engine_workers_park(parked);
			warm_pool = pool;
			pool = NULL;
		}
	}
	if (pool != NULL)
		worker_pool_stop(pool);
	engine_workers_release(st->granted);
	st->granted = 0;
}
