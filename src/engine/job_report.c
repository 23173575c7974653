/*
 * job_report.c
 *	  How a job ran, told to the user: engine_run fills EngineJob.report
 *	  (the cost model's estimate against marsql.inline_below, the session's
 *	  warm workers reused and the workers started, the start-up they cost,
 *	  the tasks run in the calling backend or on peers).  This file turns
 *	  it into the line explain output shows (engine_describe_run), and
 *	  keeps the session's last job for marsql.last_job(), which covers
 *	  every engine user: fan-out, chunked operations, k-NN.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "engine/engine.h"
#include "engine/job_state.h"

PG_FUNCTION_INFO_V1(marsql_last_job);

/* the session's last job (label copied: the job's memory is gone) */
static struct
{
	bool		valid;
	char		label[64];
	int			tasks;
	bool		ended;
	double		est_seconds;
	EngineJobReport report;
	char		how[512];
} last_job;

static void
describe_report(const EngineJobReport *r, double est_seconds, StringInfo buf)
{
	int			workers = r->warm_workers + r->started_workers;

	if (r->inline_by_estimate)
	{
		appendStringInfo(buf, "in the calling backend, no worker started: estimated %.3g ms of work, below marsql.inline_below (%d ms)",
						 est_seconds * 1000.0, r->inline_below_ms);
		return;
	}
	if (workers > 0)
	{
		appendStringInfo(buf, "on %d workers: %d warm (reused), %d started",
						 workers, r->warm_workers, r->started_workers);
		if (r->started_workers > 0 && r->startup_all > 0)
			appendStringInfo(buf, ", start-up %.1f ms to the first ready, %.1f ms to the last",
							 r->startup_first * 1000.0, r->startup_all * 1000.0);
		else if (r->started_workers > 0)
			appendStringInfoString(buf, ", none became ready");
		else
			appendStringInfoString(buf, ", no start-up");
		if (r->tasks_in_backend > 0)
			appendStringInfo(buf, "; %d tasks in the calling backend", r->tasks_in_backend);
	}
	else if (r->tasks_on_peers > 0 && r->tasks_in_backend == 0)
		appendStringInfoString(buf, "on peers");
	else if (r->wanted_workers > 0)
		appendStringInfo(buf, "in the calling backend: none of %d workers could start",
						 r->wanted_workers);
	else
		appendStringInfoString(buf, "in the calling backend: no worker wanted");
	if (r->tasks_on_peers > 0)
		appendStringInfo(buf, "; %d tasks on peers", r->tasks_on_peers);
	if (est_seconds <= 0)
		appendStringInfoString(buf, "; no estimate of its work");
	else if (est_seconds * 1000.0 < (double) r->inline_below_ms && r->warm_workers > 0)
		appendStringInfo(buf, "; estimated %.3g ms of work, below marsql.inline_below (%d ms): warm workers take it",
						 est_seconds * 1000.0, r->inline_below_ms);
	else
		appendStringInfo(buf, "; estimated %.3g ms of work, marsql.inline_below %d ms",
						 est_seconds * 1000.0, r->inline_below_ms);
}

void
engine_describe_run(const EngineJob *job, StringInfo buf)
{
	describe_report(&job->report, job->est_seconds, buf);
}

/*
 * Called as every job ends, also when it failed: copies only, since it
 * runs in engine_run's cleanup and must not raise an error.
 */
void
engine_remember_job(const EngineJob *job, bool ended)
{
	last_job.valid = true;
	strlcpy(last_job.label, job->label ? job->label : "", sizeof(last_job.label));
	last_job.tasks = job->ntasks;
	last_job.ended = ended;
	last_job.est_seconds = job->est_seconds;
	last_job.report = job->report;
}

/*
 * marsql.last_job(): how the session's last job ran (no row before the
 * first).  Times in milliseconds; NULL where they do not apply.
 */
Datum
marsql_last_job(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const EngineJobReport *r = &last_job.report;
	Datum		values[15];
	bool		nulls[15] = {0};
	StringInfoData how;

	InitMaterializedSRF(fcinfo, 0);
	if (!last_job.valid)
		return (Datum) 0;
	initStringInfo(&how);
	describe_report(r, last_job.est_seconds, &how);
	values[0] = CStringGetTextDatum(last_job.label);
	values[1] = Int32GetDatum(last_job.tasks);
	values[2] = BoolGetDatum(last_job.ended);
	values[3] = CStringGetTextDatum(how.data);
	values[4] = BoolGetDatum(r->inline_by_estimate);
	values[5] = Float8GetDatum(last_job.est_seconds * 1000.0);
	nulls[5] = last_job.est_seconds <= 0;
	values[6] = Int32GetDatum(r->inline_below_ms);
	values[7] = Int32GetDatum(r->wanted_workers);
	values[8] = Int32GetDatum(r->warm_workers);
	values[9] = Int32GetDatum(r->started_workers);
	values[10] = Float8GetDatum(r->startup_first * 1000.0);
	values[11] = Float8GetDatum(r->startup_all * 1000.0);
	nulls[10] = nulls[11] = r->started_workers == 0 || r->startup_all <= 0;
	values[12] = Int32GetDatum(r->tasks_in_backend);
	values[13] = Int32GetDatum(r->tasks_on_peers);
	values[14] = Float8GetDatum(r->run_seconds * 1000.0);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	return (Datum) 0;
}
