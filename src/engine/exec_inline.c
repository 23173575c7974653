/*
 * exec_inline.c
 *	  The calling backend as an executor: runs a task itself, in a
 *	  subtransaction so that its error fails the task and not the
 *	  statement, and collects the NOTICE, INFO and WARNING messages the
 *	  task raises (an emit_log_hook, with log_min_messages lowered while
 *	  the job runs) to hand them to the job as the task's log.  It counts
 *	  each task it ran in marsql.stat_tasks (executor "backend").
 */
#include "postgres.h"

#include "access/xact.h"
#include "miscadmin.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/resowner.h"

#include "engine/engine.h"
#include "engine/job_state.h"
#include "engine/task_stats.h"

/* the task whose NOTICEs the inline executor is collecting, or -1 */
static JobState *inline_job = NULL;
static int	inline_task = -1;
static emit_log_hook_type prev_emit_log_hook = NULL;
static bool emit_log_hook_installed = false;

/* log_min_messages before the inline executor raised it, or -1 */
static int	saved_log_min_messages = -1;

static void lower_log_level_for_inline(void);

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
void
exec_inline_run(JobState *st, int task)
{
	EngineJob  *job = st->job;
	const EngineTaskKind *kind = engine_kind(job->tasks[task].kind);
	MemoryContext caller_context = CurrentMemoryContext;
	ResourceOwner caller_owner = CurrentResourceOwner;
	StringInfoData payload;
	StringInfoData result;
	ErrorData  *volatile error = NULL;
	TaskStatsMark mark;

	if (!st->inline_announced)
		lower_log_level_for_inline();
	st->inline_announced = true;
	job->report.tasks_in_backend++;
	job_start_unshared_task(st, task, "backend", &payload);

	if (!emit_log_hook_installed)
	{
		prev_emit_log_hook = emit_log_hook;
		emit_log_hook = collect_inline_log;
		emit_log_hook_installed = true;
	}

	initStringInfo(&result);
	task_stats_begin(&mark);
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
		error = engine_abort_subtransaction(caller_context, caller_owner);
	}
	PG_END_TRY();
	/* a cancel was raised again above: only tasks that ended count */
	task_stats_end(&mark, TASK_STATS_BACKEND, job->tasks[task].kind, error != NULL,
				   payload.len, error != NULL ? 0 : result.len);
	{
		ListCell   *lc;

		foreach(lc, st->inline_log)
			job->cb.task_log(job->arg, task, (ErrorData *) lfirst(lc), true);
		list_free(st->inline_log);
		st->inline_log = NIL;
	}
	if (error != NULL)
		job_task_error(st, task, error, "the calling backend");
	else
		job_task_succeeded(st, task, result.data, result.len);
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

/* the job is over: the server log keeps the caller's level again */
void
exec_inline_end(void)
{
	saved_log_min_messages = -1;
}
