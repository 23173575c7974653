/*
 * engine_shmem.c
 *	  Shared state of the engine (see engine_shmem.h) and the
 *	  marsql.progress() function behind the marsql.progress view.
 *
 *	  With marsql in shared_preload_libraries the space is reserved at
 *	  start-up.  Without it, the first job takes it from the spare space
 *	  PostgreSQL keeps in its main segment for libraries loaded later (a few
 *	  kilobytes are needed); that is also shared by every backend, because
 *	  backends are forked from the postmaster after the segment exists.
 *
 *	  A slot belongs to the backend whose pid it holds.  A backend frees its
 *	  slot when a job ends and again at exit; a slot whose pid is no longer
 *	  a live backend is free as well.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/procarray.h"
#include "storage/shmem.h"
#include "storage/spin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "engine/engine.h"
#include "engine/engine_shmem.h"
#include "guc.h"

#define LABEL_BYTES 16

typedef struct EngineSlot
{
	pid_t		pid;			/* 0: free */
	int64		job;
	char		label[LABEL_BYTES];
	int32		tasks_total;
	int32		tasks_done;
	int32		tasks_failed;
	int32		executors;		/* executors running tasks now */
	int32		workers;		/* background workers held */
	TimestampTz started;
} EngineSlot;

typedef struct EngineShared
{
	slock_t		mutex;
	int			nslots;
	int64		next_job;
	EngineSlot	slots[FLEXIBLE_ARRAY_MEMBER];
} EngineShared;

static EngineShared *shared = NULL;
static int	my_slot = -1;
static bool exit_callback_registered = false;

static Size
shared_size(void)
{
	return add_size(offsetof(EngineShared, slots),
					mul_size(MaxBackends, sizeof(EngineSlot)));
}

void
engine_shmem_request(void)
{
	RequestAddinShmemSpace(shared_size());
}

/* attaches (creating on first use); callers hold no spinlock */
static EngineShared *
engine_shared(void)
{
	bool		found;

	if (shared != NULL)
		return shared;
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	shared = ShmemInitStruct("marsql engine", shared_size(), &found);
	if (!found)
	{
		SpinLockInit(&shared->mutex);
		shared->nslots = MaxBackends;
		shared->next_job = 1;
		memset(shared->slots, 0, sizeof(EngineSlot) * MaxBackends);
	}
	LWLockRelease(AddinShmemInitLock);
	return shared;
}

void
engine_shmem_startup(void)
{
	(void) engine_shared();
}

/* a slot is live while its backend is */
static bool
slot_live(const EngineSlot *slot)
{
	return slot->pid != 0 && BackendPidGetProc(slot->pid) != NULL;
}

static void
release_at_exit(int code, Datum arg)
{
	(void) code;
	(void) arg;
	engine_progress_end();
}

void
engine_progress_begin(const char *label, int tasks_total)
{
	EngineShared *s = engine_shared();
	int			free_slot = -1;
	int64		job;
	int			i;

	if (!exit_callback_registered)
	{
		before_shmem_exit(release_at_exit, (Datum) 0);
		exit_callback_registered = true;
	}
	/* liveness is checked outside the spinlock: it takes ProcArrayLock */
	for (i = 0; i < s->nslots && free_slot < 0; i++)
	{
		if (s->slots[i].pid == MyProcPid || !slot_live(&s->slots[i]))
			free_slot = i;
	}
	if (free_slot < 0)
		elog(ERROR, "no free marsql progress slot");

	SpinLockAcquire(&s->mutex);
	job = s->next_job++;
	s->slots[free_slot].pid = MyProcPid;
	s->slots[free_slot].job = job;
	strlcpy(s->slots[free_slot].label, label, LABEL_BYTES);
	s->slots[free_slot].tasks_total = tasks_total;
	s->slots[free_slot].tasks_done = 0;
	s->slots[free_slot].tasks_failed = 0;
	s->slots[free_slot].executors = 0;
	s->slots[free_slot].workers = 0;
	s->slots[free_slot].started = GetCurrentTimestamp();
	SpinLockRelease(&s->mutex);
	my_slot = free_slot;
}

void
engine_progress_update(int done, int failed, int executors)
{
	if (my_slot < 0)
		return;
	SpinLockAcquire(&shared->mutex);
	shared->slots[my_slot].tasks_done = done;
	shared->slots[my_slot].tasks_failed = failed;
	shared->slots[my_slot].executors = executors;
	SpinLockRelease(&shared->mutex);
}

/* a job that finds its tasks while it runs has a growing total */
void
engine_progress_set_total(int tasks_total)
{
	if (my_slot < 0)
		return;
	SpinLockAcquire(&shared->mutex);
	shared->slots[my_slot].tasks_total = tasks_total;
	SpinLockRelease(&shared->mutex);
}

void
engine_progress_end(void)
{
	if (my_slot < 0)
		return;
	SpinLockAcquire(&shared->mutex);
	if (shared->slots[my_slot].pid == MyProcPid)
		memset(&shared->slots[my_slot], 0, sizeof(EngineSlot));
	SpinLockRelease(&shared->mutex);
	my_slot = -1;
}

int
engine_workers_reserve(int want)
{
	EngineShared *s = engine_shared();
	bool	   *live = palloc(sizeof(bool) * s->nslots);
	int			held = 0;
	int			granted;
	int			i;

	Assert(my_slot >= 0);
	for (i = 0; i < s->nslots; i++)
		live[i] = slot_live(&s->slots[i]);

	SpinLockAcquire(&s->mutex);
	for (i = 0; i < s->nslots; i++)
	{
		if (live[i])
			held += s->slots[i].workers;
	}
	granted = Min(want, Max(marsql_max_workers_total - held, 0));
	s->slots[my_slot].workers += granted;
	SpinLockRelease(&s->mutex);
	pfree(live);
	return granted;
}

void
engine_workers_release(int count)
{
	if (my_slot < 0 || count <= 0)
		return;
	SpinLockAcquire(&shared->mutex);
	shared->slots[my_slot].workers = Max(shared->slots[my_slot].workers - count, 0);
	SpinLockRelease(&shared->mutex);
}

PG_FUNCTION_INFO_V1(marsql_progress);

/*
 * marsql.progress(): one row per running job of any session.
 */
Datum
marsql_progress(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	EngineShared *s = engine_shared();
	EngineSlot *copy;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	copy = palloc(sizeof(EngineSlot) * s->nslots);
	SpinLockAcquire(&s->mutex);
	memcpy(copy, s->slots, sizeof(EngineSlot) * s->nslots);
	SpinLockRelease(&s->mutex);

	for (i = 0; i < s->nslots; i++)
	{
		Datum		values[8];
		bool		nulls[8] = {0};
		EngineSlot *slot = &copy[i];

		if (!slot_live(slot))
			continue;
		values[0] = Int32GetDatum(slot->pid);
		values[1] = Int64GetDatum(slot->job);
		values[2] = CStringGetTextDatum(slot->label);
		values[3] = Int32GetDatum(slot->tasks_done);
		values[4] = Int32GetDatum(slot->tasks_failed);
		values[5] = Int32GetDatum(slot->tasks_total);
		values[6] = Int32GetDatum(slot->executors);
		values[7] = TimestampTzGetDatum(slot->started);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
