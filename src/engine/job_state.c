/*
 * job_state.c
 *	  The state of a running job (job_state.h): the ready queue (a min-heap:
 *	  the lowest-numbered ready task starts first), dependency counts, what
 *	  a finished task means for its dependents (ready, or skipped when it
 *	  failed), progress, and the helpers that build a task's payload.  It
 *	  knows no executor; the executors call it.
 */
#include "postgres.h"

#include "access/xact.h"
#include "utils/elog.h"
#include "utils/memutils.h"

#include "engine/engine.h"
#include "engine/engine_shmem.h"
#include "engine/job_state.h"
#include "guc.h"

/* the index of a pinned task's server among the job's peers */
static int
job_server_index(JobState *st, Oid serverid)
{
	for (int i = 0; i < st->nservers; i++)
		if (st->servers[i]->serverid == serverid)
			return i;
	elog(ERROR, "marsql task pinned to server %u, which is not a peer of this job", serverid);
	return -1;					/* keep compiler quiet */
}

/*
 * Ready tasks run lowest number first: in the order given for independent
 * tasks, and depth first for a graph numbered that way (a tiled operation
 * numbers each reduction right after its inputs, so few partial results
 * wait in memory).
 */
void
job_push_ready(JobState *st, int task)
{
	int			i;

	st->job->tasks[task].state = ENGINE_TASK_READY;
	if (OidIsValid(st->job->tasks[task].server))
	{
		int			s = job_server_index(st, st->job->tasks[task].server);

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

int
job_pop_ready(JobState *st)
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

void
job_report_progress(JobState *st)
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
void
job_task_error(JobState *st, int task, ErrorData *error, const char *executor)
{
	EngineJob  *job = st->job;
	char	   *line = psprintf("marsql %s on %s", job->cb.describe(job->arg, task), executor);

	error->elevel = ERROR;
	error->context = error->context && error->context[0]
		? psprintf("%s\n%s", error->context, line) : line;
	st->running--;
	finish_failed(st, task, error);
	job_report_progress(st);
	if (job->fail_fast)
		ThrowErrorData(error);
}

void
job_task_succeeded(JobState *st, int task, const char *result, int len)
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
			job_push_ready(st, d);
	}
	job_report_progress(st);
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
ErrorData *
engine_abort_subtransaction(MemoryContext caller_context, ResourceOwner caller_owner)
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
 * Appends the task's payload to buf: built by the capability, or written
 * in place when it knows the size (bytes, from payload_bytes).
 */
void
job_append_payload(EngineJob *job, int task, Size bytes, StringInfo buf)
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

/*
 * A task starts on an executor that shares no memory with the leader (the
 * backend itself, or a peer): its payload is built into `payload` (a new
 * buffer) and it is counted as running there.
 */
void
job_start_unshared_task(JobState *st, int task, const char *executor, StringInfo payload)
{
	EngineJob  *job = st->job;

	initStringInfo(payload);
	job_append_payload(job, task,
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
 * Asks an open-ended job for more tasks when none is ready, and makes room
 * for them: they have no dependencies, so they are ready at once.
 */
void
job_find_more_tasks(JobState *st)
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
		job_push_ready(st, i);
	}
	engine_progress_set_total(job->ntasks);
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

/*
 * Sets up the state of a job about to run: every task waiting, the
 * dependency lists built, nothing ready yet (the caller pushes the ready
 * tasks once the peers, which pinned tasks need, are loaded).
 */
void
job_state_init(JobState *st, EngineJob *job)
{
	int			n = job->ntasks;
	int			i;

	memset(st, 0, sizeof(*st));
	st->job = job;
	st->capacity = Max(n, 1);
	st->exhausted = job->cb.more_tasks == NULL;
	st->waiting_on = palloc0(sizeof(int) * st->capacity);
	st->dependents_start = palloc0(sizeof(int) * (st->capacity + 1));
	st->ready = palloc(sizeof(int) * st->capacity);
	st->last_decile = 0;
	st->log_context = CurrentMemoryContext;
	st->max_attempts = marsql_task_retries + 1;
	for (i = 0; i < n; i++)
	{
		job->tasks[i].state = ENGINE_TASK_WAITING;
		job->tasks[i].attempts = 0;
		job->tasks[i].executor = -1;
		for (int j = 0; j < job->tasks[i].ndeps; j++)
			st->dependents_start[job->tasks[i].deps[j] + 1]++;
		st->waiting_on[i] = job->tasks[i].ndeps;
	}
	for (i = 0; i < n; i++)
		st->dependents_start[i + 1] += st->dependents_start[i];
	st->dependents = palloc(sizeof(int) * Max(st->dependents_start[n], 1));
	{
		int		   *fill = palloc0(sizeof(int) * Max(n, 1));

		for (i = 0; i < n; i++)
		{
			for (int j = 0; j < job->tasks[i].ndeps; j++)
			{
				int			d = job->tasks[i].deps[j];

				st->dependents[st->dependents_start[d] + fill[d]++] = i;
			}
		}
		pfree(fill);
	}
}
