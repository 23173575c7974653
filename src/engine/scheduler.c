/*
 * scheduler.c
 *	  engine_run: keeps every executor of a job busy until all its tasks
 *	  are done (see engine.h and docs/engine.md).  This file is the loop
 *	  on top; the job's state is below it (job_state.c) and each kind of
 *	  executor has a file of its own: local background workers
 *	  (exec_workers.c), the calling backend (exec_inline.c) and peer
 *	  servers (exec_peers.c).
 *
 *	  The calling backend is the leader.  It loads the peers when the job
 *	  may use them, starts local workers, then loops: drive every worker
 *	  and every peer slot once (read what they sent, hand out ready
 *	  tasks), and sleep on its latch (and the busy peer sockets) until
 *	  something happens.  When no executor is left, the leader runs the
 *	  remaining tasks itself; a job estimated to take less than starting
 *	  workers costs runs there from the start (runs_inline_by_estimate).
 *	  How the job ran -- by estimate in the backend, on warm or started
 *	  workers, the start-up paid -- goes to EngineJob.report and to the
 *	  session's last job (job_report.c), and to the server's cumulative
 *	  statistics (task_stats.c).  Any error in the leader -- cancel,
 *	  statement_timeout, a failed task with fail_fast -- stops every
 *	  executor before it propagates.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "portability/instr_time.h"
#include "storage/latch.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/wait_event.h"

#include "engine/engine.h"
#include "engine/engine_shmem.h"
#include "engine/job_state.h"
#include "engine/task_stats.h"
#include "guc.h"

/* how long the leader sleeps when nothing happens (it wakes on its latch) */
#define IDLE_WAIT_MS 1000

/* sleeps until the latch is set, a peer socket is ready or a deadline */
static void
wait_for_executors(JobState *st)
{
	if (st->nslots == 0)
	{
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 IDLE_WAIT_MS, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		return;
	}
	exec_peers_wait(st, IDLE_WAIT_MS);
}

static void
run_loop(JobState *st)
{
	EngineJob  *job = st->job;

	for (;;)
	{
		bool		progressed = false;
		int			live;

		job_find_more_tasks(st);
		if (st->finished >= job->ntasks && st->exhausted)
			break;

		live = exec_workers_drive(st, &progressed);
		if (st->nslots > 0)
			live += exec_peers_drive(st, &progressed);

		if (live == 0 && st->nready > 0 && st->executors == ENGINE_EXECUTORS_PEERS)
		{
			exec_peers_fail_unrunnable(st);
			continue;
		}
		if (live == 0 && st->nready > 0)
		{
			if (!st->inline_announced && st->pool != NULL && st->pool->nworkers > 0)
				ereport(NOTICE,
						(errmsg("marsql %s: no worker is left, running the remaining tasks in this backend",
								job->label),
						 st->startup_error && st->startup_error->message
						 ? errdetail("A worker reported: %s", st->startup_error->message) : 0));
			exec_inline_run(st, job_pop_ready(st));
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

/*
 * The cost model: a job whose capability estimated its work below
 * marsql.inline_below runs in the calling backend, without starting a
 * worker (and without the NOTICE of the fallback: nothing is missing).
 * Idle workers of the session cost nothing to start: a job uses them
 * whatever its estimate.  Only for local executors; a job without an
 * estimate (fan-out of SQL functions) never runs inline by choice.
 */
static bool
runs_inline_by_estimate(JobState *st)
{
	EngineJob  *job = st->job;

	if (st->executors != ENGINE_EXECUTORS_LOCAL || job->est_seconds <= 0 ||
		marsql_inline_below_ms <= 0)
		return false;
	if (job->est_seconds * 1000.0 >= (double) marsql_inline_below_ms)
		return false;
	return !exec_workers_warm();
}

void
engine_run(EngineJob *job)
{
	JobState	st;
	int			want;
	int			nest_level;
	int			n = job->ntasks;
	instr_time	started;

	memset(&job->report, 0, sizeof(job->report));
	job->report.inline_below_ms = marsql_inline_below_ms;
	if (n == 0 && job->cb.more_tasks == NULL)
		return;
	INSTR_TIME_SET_CURRENT(started);
	task_stats_attach();

	job_state_init(&st, job);
	st.executors = job->executors != ENGINE_EXECUTORS_DEFAULT
		? job->executors : (EngineExecutors) marsql_executors;
	if (st.executors != ENGINE_EXECUTORS_LOCAL)
		exec_peers_start(&st);
	for (int i = 0; i < n; i++)
		if (st.waiting_on[i] == 0)
			job_push_ready(&st, i);

	want = job->max_workers > 0 ? job->max_workers : marsql_max_workers;
	if (job->cb.more_tasks == NULL)
		want = Min(want, n);
	if (st.executors == ENGINE_EXECUTORS_PEERS)
		want = 0;
	else if (runs_inline_by_estimate(&st))
	{
		want = 0;
		job->report.inline_by_estimate = true;
	}
	job->report.wanted_workers = want;

	nest_level = NewGUCNestLevel();
	engine_progress_begin(job->label, n, job->number);
	PG_TRY();
	{
		exec_workers_start(&st, want);
		run_loop(&st);
		st.ended = true;
	}
	PG_FINALLY();
	{
		exec_inline_end();
		exec_peers_stop(&st);
		exec_workers_stop(&st);
		engine_progress_end();
		{
			instr_time	ended;

			INSTR_TIME_SET_CURRENT(ended);
			INSTR_TIME_SUBTRACT(ended, started);
			job->report.run_seconds = INSTR_TIME_GET_DOUBLE(ended);
		}
		engine_remember_job(job, st.ended);
		task_stats_job(&job->report, st.ended);
	}
	PG_END_TRY();
	AtEOXact_GUC(true, nest_level);
}
