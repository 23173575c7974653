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
 *	  remaining tasks itself, each in a subtransaction.  A task whose worker
 *	  died runs again elsewhere if it is idempotent.  Any error in the
 *	  leader -- cancel, statement_timeout, a failed task with fail_fast --
 *	  stops the pool before it propagates.
 */
#include "postgres.h"

#include "access/xact.h"
#include "libpq/pqformat.h"
#include "libpq/pqmq.h"
#include "miscadmin.h"
#include "storage/latch.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/resowner.h"
#include "utils/wait_event.h"

#include "engine/engine.h"
#include "engine/engine_shmem.h"
#include "engine/worker_pool.h"
#include "guc.h"

/* an idempotent task runs at most this often when executors die under it */
#define MAX_ATTEMPTS 3

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
	MemoryContext log_context;	/* the caller's, for inline log copies */
	List	   *inline_log;		/* messages of the task running inline */
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
static void
push_ready(JobState *st, int task)
{
	int			i = st->nready++;

	st->job->tasks[task].state = ENGINE_TASK_READY;
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
		error = palloc0(sizeof(ErrorData));
		error->elevel = ERROR;
		error->sqlerrcode = ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE;
		error->message = psprintf("%s was not run because %s failed", mine, theirs);
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

/* the worker's executor is gone while it held a task */
static void
task_lost(JobState *st, PoolWorker *w, ErrorData *error)
{
	EngineTask *t = &st->job->tasks[w->task];
	int			task = w->task;

	w->task = -1;
	if (t->idempotent && t->attempts < MAX_ATTEMPTS)
	{
		st->running--;
		push_ready(st, task);	/* it left the heap when it started */
		return;
	}
	if (error == NULL)
	{
		error = palloc0(sizeof(ErrorData));
		error->sqlerrcode = ERRCODE_CONNECTION_FAILURE;
		error->message = psprintf("marsql worker %d exited while running a task", w->number);
	}
	task_error(st, task, error, worker_name(w));
}

static void
worker_gone(JobState *st, PoolWorker *w, ErrorData *error)
{
	w->state = POOL_WORKER_GONE;
	if (w->task >= 0)
		task_lost(st, w, error);
	else if (error != NULL && st->startup_error == NULL)
		st->startup_error = error;
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
				int64		seq = pq_getmsgint64(&msg);
				int			task = w->task;

				if (task < 0 || seq != w->seq)
					elog(ERROR, "marsql worker %d sent a result for no task", w->number);
				w->task = -1;
				w->state = POOL_WORKER_IDLE;
				task_succeeded(st, task, msg.data + msg.cursor, msg.len - msg.cursor);
			}
			break;

		case 'N':
		case 'E':
			{
				ErrorData  *edata = palloc0(sizeof(ErrorData));

				pq_parse_errornotice(&msg, edata);
				if (type == 'N')
				{
					if (w->task >= 0)
						st->job->cb.task_log(st->job->arg, w->task, edata, false);
				}
				else if (edata->elevel >= FATAL)
					worker_gone(st, w, edata);
				else if (w->task >= 0)
				{
					int			task = w->task;

					w->task = -1;
					w->state = POOL_WORKER_IDLE;
					task_error(st, task, edata, worker_name(w));
				}
			}
			break;

		default:
			/* parameter status and the like: nothing to do */
			break;
	}
}

static void
start_on_worker(JobState *st, PoolWorker *w, int task)
{
	EngineJob  *job = st->job;
	char	   *name = worker_name(w);

	resetStringInfo(&w->outgoing);
	pq_sendbyte(&w->outgoing, ENGINE_MSG_TASK);
	pq_sendint64(&w->outgoing, ++st->seq);
	pq_sendint32(&w->outgoing, job->tasks[task].kind);
	job->cb.build_payload(job->arg, task, &w->outgoing);
	w->seq = st->seq;
	w->task = task;
	w->state = POOL_WORKER_BUSY;
	job->tasks[task].state = ENGINE_TASK_RUNNING;
	job->tasks[task].attempts++;
	job->tasks[task].executor = w->number;
	st->running++;
	if (job->cb.task_started)
		job->cb.task_started(job->arg, task, name);
	(void) worker_pool_flush(st->pool, w);
	report_progress(st);
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

	initStringInfo(&payload);
	job->cb.build_payload(job->arg, task, &payload);
	job->tasks[task].state = ENGINE_TASK_RUNNING;
	job->tasks[task].attempts++;
	job->tasks[task].executor = -1;
	st->running++;
	if (job->cb.task_started)
		job->cb.task_started(job->arg, task, "backend");

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
		MemoryContextSwitchTo(caller_context);
		error = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(caller_context);
		CurrentResourceOwner = caller_owner;
		/* a cancel or shutdown stops the job, after the subtransaction is gone */
		if (error->sqlerrcode == ERRCODE_QUERY_CANCELED ||
			error->sqlerrcode == ERRCODE_ADMIN_SHUTDOWN)
			ReThrowError(error);
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

static void
run_loop(JobState *st)
{
	EngineJob  *job = st->job;
	WorkerPool *pool = st->pool;
	bool		inline_announced = false;

	while (st->finished < job->ntasks)
	{
		bool		progressed = false;
		int			live = 0;
		int			i;

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
			if (w->state == POOL_WORKER_IDLE)
			{
				int			task = pop_ready(st);

				if (task >= 0)
				{
					start_on_worker(st, w, task);
					progressed = true;
				}
			}
			if (w->state != POOL_WORKER_GONE)
				live++;
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
		if (live == 0 && st->running == 0 && st->finished < job->ntasks)
			elog(ERROR, "marsql job has tasks that can never become ready");

		if (!progressed)
		{
			(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
							 IDLE_WAIT_MS, PG_WAIT_EXTENSION);
			ResetLatch(MyLatch);
		}
		CHECK_FOR_INTERRUPTS();
	}
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

	if (n == 0)
		return;

	memset(&st, 0, sizeof(st));
	st.job = job;
	st.waiting_on = palloc0(sizeof(int) * n);
	st.dependents_start = palloc0(sizeof(int) * (n + 1));
	st.ready = palloc(sizeof(int) * n);
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
	for (i = 0; i < n; i++)
		if (st.waiting_on[i] == 0)
			push_ready(&st, i);

	want = job->max_workers > 0 ? job->max_workers : marsql_max_workers;
	want = Min(want, n);

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
		worker_pool_stop(st.pool);
		engine_workers_release(granted);
		engine_progress_end();
	}
	PG_END_TRY();
	AtEOXact_GUC(true, nest_level);
}
