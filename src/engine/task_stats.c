/*
 * task_stats.c
 *	  The engine's cumulative statistics (task_stats.h) and the functions
 *	  behind marsql.stat_tasks, marsql.stat_engine and
 *	  marsql.stat_tasks_reset().
 *
 *	  The counters sit in one small shared struct: a row per executor and
 *	  task kind (registration index, the same in every process), each with
 *	  a spinlock of its own taken once per task that ends, and the job
 *	  counters under the struct's spinlock, taken once per job.  A process
 *	  killed while it holds one of these spinlocks takes the whole server
 *	  into a crash restart, which creates the struct anew: counters are
 *	  never seen half-updated.
 *
 *	  With marsql in shared_preload_libraries the struct is reserved at
 *	  start-up, and the postmaster keeps it across sessions and jobs:
 *	  at a clean shutdown it writes the counters to
 *	  pg_stat/marsql_task_stats.stat (a new file renamed into place), and
 *	  at the next start reads them back and removes the file -- the way
 *	  pg_stat_statements keeps its statistics.  A crash restart therefore
 *	  starts from zero, as PostgreSQL's own statistics do; so does a start
 *	  after an immediate shutdown or a crash (pg_control does not say the
 *	  server shut down cleanly).  A file that is not ours, of another
 *	  format, truncated or failing its checksum is ignored with a LOG
 *	  line.  Rows are written with their executor's and kind's names, so
 *	  a build that registers kinds in another order reads them right, and
 *	  drops (with a LOG line) those of kinds it no longer has.
 *
 *	  Without shared_preload_libraries the first job takes the struct
 *	  from the spare shared memory PostgreSQL keeps for libraries loaded
 *	  later (as the engine's progress slots do): the counters are shared by
 *	  every session and live until the server stops, and are not saved.
 */
#include "postgres.h"

#include <unistd.h>

#include "catalog/pg_control.h"
#include "common/controldata_utils.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "port/pg_crc32c.h"
#include "storage/fd.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "storage/spin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "engine/engine.h"
#include "engine/task_stats.h"

#define STATS_FILE			PGSTAT_STAT_PERMANENT_DIRECTORY "/marsql_task_stats.stat"
#define STATS_FILE_TMP		STATS_FILE ".tmp"
#define STATS_FILE_MAGIC	0x4d535453	/* "MSTS" */
#define STATS_FILE_FORMAT	1
#define STATS_NAME_BYTES	64

typedef struct TaskCounters
{
	int64		tasks;			/* runs that ended, in success or error */
	int64		failed;			/* of those, in error */
	int64		retried;		/* runs lost with the executor, run again */
	int64		bytes_in;
	int64		bytes_out;
	double		total_ms;
	double		min_ms;
	double		max_ms;
} TaskCounters;

typedef struct EngineCounters
{
	int64		jobs;
	int64		jobs_failed;
	int64		jobs_inline;	/* in the calling backend by estimate */
	int64		workers_started;
	int64		workers_reused;
	int64		peer_connections;
	double		job_ms;
	double		worker_startup_ms;
} EngineCounters;

typedef struct TaskStatsRow
{
	slock_t		mutex;
	TaskCounters c;
} TaskStatsRow;

typedef struct TaskStatsShared
{
	slock_t		mutex;			/* engine and stats_reset */
	TimestampTz stats_reset;
	EngineCounters engine;
	TaskStatsRow rows[TASK_STATS_NEXECUTORS][ENGINE_MAX_KINDS];
} TaskStatsShared;

/* the file: a header, nrows rows, then a CRC-32C of everything before it */
typedef struct StatsFileHeader
{
	uint32		magic;
	uint32		format;
	int32		nrows;
	int32		row_bytes;
	TimestampTz stats_reset;
	EngineCounters engine;
} StatsFileHeader;

typedef struct StatsFileRow
{
	char		executor[STATS_NAME_BYTES];
	char		kind[STATS_NAME_BYTES];
	TaskCounters c;
} StatsFileRow;

static const char *const executor_names[TASK_STATS_NEXECUTORS] = {"backend", "worker", "peer"};

static TaskStatsShared *stats = NULL;

/* bytes tasks of this process read and wrote themselves (engine_count_task_io) */
static int64 io_read = 0;
static int64 io_written = 0;

Size
task_stats_shmem_size(void)
{
	return sizeof(TaskStatsShared);
}

static void
zero_counters(TaskStatsShared *s, TimestampTz now)
{
	for (int e = 0; e < TASK_STATS_NEXECUTORS; e++)
	{
		for (int k = 0; k < ENGINE_MAX_KINDS; k++)
		{
			TaskStatsRow *row = &s->rows[e][k];

			SpinLockAcquire(&row->mutex);
			memset(&row->c, 0, sizeof(row->c));
			SpinLockRelease(&row->mutex);
		}
	}
	SpinLockAcquire(&s->mutex);
	memset(&s->engine, 0, sizeof(s->engine));
	s->stats_reset = now;
	SpinLockRelease(&s->mutex);
}

/* attaches, creating the struct when it is not there; true when it was */
static bool
attach_shared(void)
{
	bool		found;

	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	stats = ShmemInitStruct("marsql task stats", sizeof(TaskStatsShared), &found);
	if (!found)
	{
		SpinLockInit(&stats->mutex);
		for (int e = 0; e < TASK_STATS_NEXECUTORS; e++)
			for (int k = 0; k < ENGINE_MAX_KINDS; k++)
				SpinLockInit(&stats->rows[e][k].mutex);
		zero_counters(stats, GetCurrentTimestamp());
	}
	LWLockRelease(AddinShmemInitLock);
	return found;
}

void
task_stats_attach(void)
{
	if (stats == NULL)
		(void) attach_shared();
}

/* ---------- counting ---------- */

void
engine_count_task_io(int64 bytes_read, int64 bytes_written)
{
	io_read += bytes_read;
	io_written += bytes_written;
}

static TaskStatsRow *
row_for(TaskStatsExecutor executor, int kind)
{
	if (stats == NULL || executor < 0 || executor >= TASK_STATS_NEXECUTORS ||
		kind < 0 || kind >= ENGINE_MAX_KINDS)
		return NULL;
	return &stats->rows[executor][kind];
}

static void
count(TaskStatsExecutor executor, int kind, bool failed,
	  int64 bytes_in, int64 bytes_out, double ms)
{
	TaskStatsRow *row = row_for(executor, kind);

	if (row == NULL)
		return;
	ms = Max(ms, 0.0);
	SpinLockAcquire(&row->mutex);
	if (row->c.tasks == 0 || ms < row->c.min_ms)
		row->c.min_ms = ms;
	if (row->c.tasks == 0 || ms > row->c.max_ms)
		row->c.max_ms = ms;
	row->c.tasks++;
	if (failed)
		row->c.failed++;
	row->c.bytes_in += Max(bytes_in, 0);
	row->c.bytes_out += Max(bytes_out, 0);
	row->c.total_ms += ms;
	SpinLockRelease(&row->mutex);
}

/* milliseconds since started; 0 when it was never set */
static double
ms_since(const instr_time *started)
{
	instr_time	spent;

	if (started == NULL || INSTR_TIME_IS_ZERO(*started))
		return 0;
	INSTR_TIME_SET_CURRENT(spent);
	INSTR_TIME_SUBTRACT(spent, *started);
	return INSTR_TIME_GET_MILLISEC(spent);
}

void
task_stats_count(TaskStatsExecutor executor, int kind, bool failed,
				 int64 bytes_in, int64 bytes_out, const instr_time *started)
{
	count(executor, kind, failed, bytes_in, bytes_out, ms_since(started));
}

void
task_stats_begin(TaskStatsMark *mark)
{
	INSTR_TIME_SET_CURRENT(mark->start);
	mark->read = io_read;
	mark->written = io_written;
}

void
task_stats_end(const TaskStatsMark *mark, TaskStatsExecutor executor, int kind,
			   bool failed, int64 payload_bytes, int64 result_bytes)
{
	task_stats_count(executor, kind, failed,
					 payload_bytes + (io_read - mark->read),
					 result_bytes + (io_written - mark->written),
					 &mark->start);
}

void
task_stats_retried(TaskStatsExecutor executor, int kind)
{
	TaskStatsRow *row = row_for(executor, kind);

	if (row == NULL)
		return;
	SpinLockAcquire(&row->mutex);
	row->c.retried++;
	SpinLockRelease(&row->mutex);
}

void
task_stats_job(const EngineJobReport *report, bool ended)
{
	if (stats == NULL)
		return;
	SpinLockAcquire(&stats->mutex);
	stats->engine.jobs++;
	if (!ended)
		stats->engine.jobs_failed++;
	if (report->inline_by_estimate)
		stats->engine.jobs_inline++;
	stats->engine.workers_started += report->started_workers;
	stats->engine.workers_reused += report->warm_workers;
	if (report->started_workers > 0)
		stats->engine.worker_startup_ms += report->startup_all * 1000.0;
	stats->engine.job_ms += report->run_seconds * 1000.0;
	SpinLockRelease(&stats->mutex);
}

void
task_stats_peer_connection(void)
{
	if (stats == NULL)
		return;
	SpinLockAcquire(&stats->mutex);
	stats->engine.peer_connections++;
	SpinLockRelease(&stats->mutex);
}

/* ---------- saved across a clean restart ---------- */

/* the last shutdown was clean: pg_control says so */
static bool
shut_down_cleanly(void)
{
	bool		crc_ok;
	ControlFileData *control = get_controlfile(DataDir, &crc_ok);
	bool		clean = crc_ok && (control->state == DB_SHUTDOWNED ||
								  control->state == DB_SHUTDOWNED_IN_RECOVERY);

	pfree(control);
	return clean;
}

static void
ignore_file(const char *why)
{
	ereport(LOG,
			(errmsg("marsql: ignoring the saved task statistics in \"%s\": %s", STATS_FILE, why)));
}

/*
 * At the first start-up (in the postmaster): the counters the last clean
 * shutdown saved, if any.  The file goes in any case, so that a crash
 * restart later starts from zero.
 */
static void
load_saved(void)
{
	FILE	   *file;
	char	   *buf;
	long		size;
	StatsFileHeader hdr;
	pg_crc32c	crc;
	pg_crc32c	stored;
	int			dropped = 0;

	file = AllocateFile(STATS_FILE, PG_BINARY_R);
	if (file == NULL)
	{
		if (errno != ENOENT)
			ereport(LOG,
					(errcode_for_file_access(),
					 errmsg("marsql: could not read the saved task statistics in \"%s\": %m", STATS_FILE)));
		return;
	}
	size = -1;
	if (fseek(file, 0, SEEK_END) == 0)
		size = ftell(file);
	if (size < (long) (sizeof(StatsFileHeader) + sizeof(pg_crc32c)) || size > 1024 * 1024 ||
		fseek(file, 0, SEEK_SET) != 0)
	{
		FreeFile(file);
		unlink(STATS_FILE);
		ignore_file("its size is wrong");
		return;
	}
	buf = palloc(size);
	if (fread(buf, 1, size, file) != (size_t) size)
	{
		FreeFile(file);
		unlink(STATS_FILE);
		pfree(buf);
		ignore_file("it could not be read in full");
		return;
	}
	FreeFile(file);
	unlink(STATS_FILE);

	memcpy(&hdr, buf, sizeof(hdr));
	memcpy(&stored, buf + size - sizeof(pg_crc32c), sizeof(stored));
	INIT_CRC32C(crc);
	COMP_CRC32C(crc, buf, size - sizeof(pg_crc32c));
	FIN_CRC32C(crc);
	if (hdr.magic != STATS_FILE_MAGIC)
		ignore_file("it is not a marsql statistics file");
	else if (hdr.format != STATS_FILE_FORMAT || hdr.row_bytes != (int32) sizeof(StatsFileRow))
		ignore_file(psprintf("it has format %u, this marsql reads format %d",
							 hdr.format, STATS_FILE_FORMAT));
	else if (hdr.nrows < 0 || hdr.nrows > TASK_STATS_NEXECUTORS * ENGINE_MAX_KINDS ||
			 (long) (sizeof(hdr) + hdr.nrows * sizeof(StatsFileRow) + sizeof(pg_crc32c)) != size)
		ignore_file("its length does not match its rows");
	else if (!EQ_CRC32C(crc, stored))
		ignore_file("its checksum does not match");
	else if (!shut_down_cleanly())
		ignore_file("the server did not shut down cleanly");
	else
	{
		stats->stats_reset = hdr.stats_reset;
		stats->engine = hdr.engine;
		for (int i = 0; i < hdr.nrows; i++)
		{
			StatsFileRow row;
			int			executor = -1;
			int			kind = -1;

			memcpy(&row, buf + sizeof(hdr) + i * sizeof(StatsFileRow), sizeof(row));
			row.executor[STATS_NAME_BYTES - 1] = '\0';
			row.kind[STATS_NAME_BYTES - 1] = '\0';
			for (int e = 0; e < TASK_STATS_NEXECUTORS; e++)
				if (strcmp(row.executor, executor_names[e]) == 0)
					executor = e;
			if (executor < 0 || engine_kind_by_name(row.kind, &kind) == NULL ||
				kind >= ENGINE_MAX_KINDS)
			{
				dropped++;
				continue;
			}
			stats->rows[executor][kind].c = row.c;
		}
		if (dropped > 0)
			ereport(LOG,
					(errmsg("marsql: %d rows of the saved task statistics name an executor or task kind this build does not have, and were dropped",
							dropped)));
	}
	pfree(buf);
}

/*
 * on_shmem_exit of the postmaster: at a clean shutdown (code 0) the
 * counters go to the file, written whole under a temporary name first.
 * Not after a crash (a crash restart runs this with code 1).
 */
static void
save_at_shutdown(int code, Datum arg)
{
	StringInfoData buf;
	StatsFileHeader hdr;
	pg_crc32c	crc;
	FILE	   *file;

	(void) arg;
	if (code != 0 || stats == NULL)
		return;
	initStringInfo(&buf);
	memset(&hdr, 0, sizeof(hdr));
	hdr.magic = STATS_FILE_MAGIC;
	hdr.format = STATS_FILE_FORMAT;
	hdr.row_bytes = sizeof(StatsFileRow);
	hdr.stats_reset = stats->stats_reset;
	hdr.engine = stats->engine;
	appendBinaryStringInfo(&buf, (char *) &hdr, sizeof(hdr));
	for (int e = 0; e < TASK_STATS_NEXECUTORS; e++)
	{
		for (int k = 0; k < ENGINE_MAX_KINDS; k++)
		{
			const EngineTaskKind *kind = engine_kind(k);
			StatsFileRow row;

			if (kind == NULL || (stats->rows[e][k].c.tasks == 0 && stats->rows[e][k].c.retried == 0))
				continue;
			memset(&row, 0, sizeof(row));
			strlcpy(row.executor, executor_names[e], sizeof(row.executor));
			strlcpy(row.kind, kind->name, sizeof(row.kind));
			row.c = stats->rows[e][k].c;
			appendBinaryStringInfo(&buf, (char *) &row, sizeof(row));
			hdr.nrows++;
		}
	}
	memcpy(buf.data, &hdr, sizeof(hdr));
	INIT_CRC32C(crc);
	COMP_CRC32C(crc, buf.data, buf.len);
	FIN_CRC32C(crc);
	appendBinaryStringInfo(&buf, (char *) &crc, sizeof(crc));

	file = AllocateFile(STATS_FILE_TMP, PG_BINARY_W);
	if (file == NULL ||
		fwrite(buf.data, 1, buf.len, file) != (size_t) buf.len ||
		FreeFile(file) != 0)
	{
		ereport(LOG,
				(errcode_for_file_access(),
				 errmsg("marsql: could not write the task statistics to \"%s\": %m", STATS_FILE_TMP)));
		unlink(STATS_FILE_TMP);
		return;
	}
	(void) durable_rename(STATS_FILE_TMP, STATS_FILE, LOG);
}

/*
 * The engine's shmem_startup_hook (engine_shmem_startup): in the
 * postmaster at start and after every crash, in a new segment.
 */
void
task_stats_shmem_startup(void)
{
	bool		found;

	stats = NULL;
	found = attach_shared();
	if (!IsUnderPostmaster)
	{
		on_shmem_exit(save_at_shutdown, (Datum) 0);
		if (!found)
			load_saved();
	}
}

/* ---------- SQL ---------- */

PG_FUNCTION_INFO_V1(marsql_stat_tasks);
PG_FUNCTION_INFO_V1(marsql_stat_engine);
PG_FUNCTION_INFO_V1(marsql_stat_tasks_reset);

#define STAT_TASKS_COLS 12

/*
 * marsql.stat_tasks(): a row per executor and task kind that has run a
 * task (or lost one to a retry) since the counters were reset.
 */
Datum
marsql_stat_tasks(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TimestampTz reset;

	task_stats_attach();
	InitMaterializedSRF(fcinfo, 0);
	SpinLockAcquire(&stats->mutex);
	reset = stats->stats_reset;
	SpinLockRelease(&stats->mutex);
	for (int e = 0; e < TASK_STATS_NEXECUTORS; e++)
	{
		for (int k = 0; k < ENGINE_MAX_KINDS; k++)
		{
			const EngineTaskKind *kind = engine_kind(k);
			TaskStatsRow *row = &stats->rows[e][k];
			TaskCounters c;
			Datum		values[STAT_TASKS_COLS];
			bool		nulls[STAT_TASKS_COLS] = {0};

			if (kind == NULL)
				continue;
			SpinLockAcquire(&row->mutex);
			c = row->c;
			SpinLockRelease(&row->mutex);
			if (c.tasks == 0 && c.retried == 0)
				continue;
			values[0] = CStringGetTextDatum(executor_names[e]);
			values[1] = CStringGetTextDatum(kind->name);
			values[2] = Int64GetDatum(c.tasks);
			values[3] = Int64GetDatum(c.failed);
			values[4] = Int64GetDatum(c.retried);
			values[5] = Int64GetDatum(c.bytes_in);
			values[6] = Int64GetDatum(c.bytes_out);
			values[7] = Float8GetDatum(c.total_ms);
			values[8] = Float8GetDatum(c.min_ms);
			values[9] = Float8GetDatum(c.max_ms);
			values[10] = Float8GetDatum(c.tasks > 0 ? c.total_ms / c.tasks : 0);
			nulls[8] = nulls[9] = nulls[10] = c.tasks == 0;
			values[11] = TimestampTzGetDatum(reset);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	return (Datum) 0;
}

/* marsql.stat_engine(): one row about jobs, workers and peer connections */
Datum
marsql_stat_engine(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	EngineCounters c;
	TimestampTz reset;
	Datum		values[9];
	bool		nulls[9] = {0};

	task_stats_attach();
	InitMaterializedSRF(fcinfo, 0);
	SpinLockAcquire(&stats->mutex);
	c = stats->engine;
	reset = stats->stats_reset;
	SpinLockRelease(&stats->mutex);
	values[0] = Int64GetDatum(c.jobs);
	values[1] = Int64GetDatum(c.jobs_failed);
	values[2] = Int64GetDatum(c.jobs_inline);
	values[3] = Float8GetDatum(c.job_ms);
	values[4] = Int64GetDatum(c.workers_started);
	values[5] = Int64GetDatum(c.workers_reused);
	values[6] = Float8GetDatum(c.worker_startup_ms);
	values[7] = Int64GetDatum(c.peer_connections);
	values[8] = TimestampTzGetDatum(reset);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	return (Datum) 0;
}

/* marsql.stat_tasks_reset(): EXECUTE revoked from PUBLIC in the install script */
Datum
marsql_stat_tasks_reset(PG_FUNCTION_ARGS)
{
	task_stats_attach();
	zero_counters(stats, GetCurrentTimestamp());
	PG_RETURN_VOID();
}
