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
 *	  Each process has the slot of its own PGPROC (MyProc->pgprocno): a
 *	  slot never has to be searched for, so the slots cannot run out, and
 *	  two backends never claim the same one.  A slot counts only while its
 *	  pid is the live backend of that PGPROC; a backend clears its slot
 *	  when a job ends and at exit (before_shmem_exit, which also runs on
 *	  FATAL), and a slot left by a process that died without cleanup
 *	  counts as free and is overwritten by the next owner of the PGPROC.
 *	  After a crash the postmaster reinitializes shared memory and calls
 *	  the startup hook again: the slots are created anew there, never
 *	  carried over (the pointer to the old segment is dropped first).
 *
 *	  It also keeps the handle of the shared cache's DSA area
 *	  (tensor/shared_cache.c): set once by the process that creates the
 *	  area, and reset with everything else when the state is made anew
 *	  after a crash, so a handle of the old server is never attached.
 *
 *	  The engine's cumulative statistics (task_stats.c) have a struct of
 *	  their own, reserved and made anew after a crash alongside.
 *
 *	  A slot also counts the idle workers its backend keeps between jobs
 *	  (marsql.worker_idle_timeout), under its own pid (warm_pid), which a
 *	  job's end does not clear: they count against marsql.max_workers_total
 *	  while that backend lives, and each comes off the count once, either
 *	  when the backend claims it back or when it retires on its timeout.
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
#include "engine/task_stats.h"
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
	/*
	 * Idle workers the backend keeps between jobs (marsql.worker_idle_timeout):
	 * counted while warm_pid is the backend of this slot, whether or not a
	 * job runs; a worker that exits after its idle timeout takes itself off.
	 */
	pid_t		warm_pid;
	int32		warm;
} EngineSlot;

typedef struct EngineShared
{
	slock_t		mutex;
	int			nslots;			/* MaxBackends: one per backend's PGPROC */
	int64		next_job;
	/* the shared cache's area (tensor/shared_cache.c), made anew after a crash */
	EngineSharedCacheSlot shared_cache;
	EngineSlot	slots[FLEXIBLE_ARRAY_MEMBER];
} EngineShared;

static EngineShared *shared = NULL;
static int	my_slot = -1;
static bool exit_callback_registered = false;

/* the slots of outer jobs while a job runs inside one (a task run inline) */
static List *outer_jobs = NIL;

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
	RequestAddinShmemSpace(task_stats_shmem_size());
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
		shared->shared_cache.handle = DSM_HANDLE_INVALID;
		shared->shared_cache.root = InvalidDsaPointer;
		shared->shared_cache.tranche = 0;
		memset(shared->slots, 0, sizeof(EngineSlot) * MaxBackends);
	}
	LWLockRelease(AddinShmemInitLock);
	return shared;
}

/*
 * The shmem_startup_hook: in the postmaster at start, and again after
 * every crash, in a new segment.  The pointer into the old one must not
 * survive there, or every backend forked later would use it (and find no
 * slot, or memory that is no longer marsql's).
 */
void
engine_shmem_startup(void)
{
	shared = NULL;
	my_slot = -1;
	(void) engine_shared();
	task_stats_shmem_startup();
}

uint64
engine_next_job_number(void)
{
	EngineShared *s = engine_shared();
	int64		job;

	SpinLockAcquire(&s->mutex);
	job = s->next_job++;
	SpinLockRelease(&s->mutex);
	return (uint64) job;
}

EngineSharedCacheSlot *
engine_shared_cache_slot(void)
{
	return &engine_shared()->shared_cache;
}

/*
 * A slot is live while the process that claimed it runs: its pid is a
 * backend's, and that backend's PGPROC is the one the slot belongs to.
 */
static bool
slot_live(int i, const EngineSlot *slot)
{
	PGPROC	   *proc;

	if (slot->pid == 0)
		return false;
	proc = BackendPidGetProc(slot->pid);
	return proc != NULL && proc->pgprocno == i;
}

static void
release_at_exit(int code, Datum arg)
{
	(void) code;
	(void) arg;
	outer_jobs = NIL;			/* the slot goes whole */
	engine_progress_end();
}

void
engine_progress_begin(const char *label, int tasks_total, uint64 number)
{
	EngineShared *s = engine_shared();
	EngineSlot *slot;
	TimestampTz now = GetCurrentTimestamp();
	int64		job;

	if (MyProc == NULL || MyProc->pgprocno < 0 || MyProc->pgprocno >= s->nslots)
		elog(ERROR, "marsql job in a process without a backend slot");
	if (!exit_callback_registered)
	{
		before_shmem_exit(release_at_exit, (Datum) 0);
		exit_callback_registered = true;
	}
	slot = &s->slots[MyProc->pgprocno];
	if (my_slot >= 0)
	{
		/* a job inside a job: the outer one's progress comes back at the end */
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);
		EngineSlot *outer = palloc(sizeof(EngineSlot));

		SpinLockAcquire(&s->mutex);
		*outer = *slot;
		SpinLockRelease(&s->mutex);
		outer_jobs = lcons(outer, outer_jobs);
		MemoryContextSwitchTo(old);
	}

	SpinLockAcquire(&s->mutex);
	job = number > 0 ? (int64) number : s->next_job++;
	/* an outer job's workers stay counted */
	if (my_slot < 0 || slot->pid != MyProcPid)
		slot->workers = 0;
	slot->pid = MyProcPid;
	slot->job = job;
	strlcpy(slot->label, label, LABEL_BYTES);
	slot->tasks_total = tasks_total;
	slot->tasks_done = 0;
	slot->tasks_failed = 0;
	slot->executors = 0;
	slot->started = now;
	SpinLockRelease(&s->mutex);
	my_slot = MyProc->pgprocno;
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
	EngineSlot *outer = NULL;

	if (my_slot < 0)
		return;
	if (outer_jobs != NIL)
	{
		outer = (EngineSlot *) linitial(outer_jobs);
		outer_jobs = list_delete_first(outer_jobs);
	}
	SpinLockAcquire(&shared->mutex);
	if (shared->slots[my_slot].pid == MyProcPid)
	{
		EngineSlot *slot = &shared->slots[my_slot];
		pid_t		warm_pid = slot->warm_pid;
		int32		warm = slot->warm;

		if (outer != NULL)
		{
			/* workers the inner job still counts are released by now */
			outer->workers = slot->workers;
			*slot = *outer;
		}
		else
			memset(slot, 0, sizeof(EngineSlot));
		/* the session's idle workers outlive the job */
		slot->warm_pid = warm_pid;
		slot->warm = warm;
	}
	SpinLockRelease(&shared->mutex);
	if (outer != NULL)
		pfree(outer);
	else
		my_slot = -1;
}

int
engine_workers_reserve(int want)
{
	EngineShared *s = engine_shared();
	bool	   *live = palloc(sizeof(bool) * s->nslots);
	pid_t	   *warm_live = palloc(sizeof(pid_t) * s->nslots);
	int			held = 0;
	int			granted;
	int			i;

	Assert(my_slot >= 0);
	for (i = 0; i < s->nslots; i++)
	{
		EngineSlot	warm_owner;

		live[i] = slot_live(i, &s->slots[i]);
		memset(&warm_owner, 0, sizeof(warm_owner));
		warm_owner.pid = s->slots[i].warm_pid;
		warm_live[i] = slot_live(i, &warm_owner) ? warm_owner.pid : 0;
	}

	SpinLockAcquire(&s->mutex);
	for (i = 0; i < s->nslots; i++)
	{
		if (live[i])
			held += s->slots[i].workers;
		if (warm_live[i] != 0 && s->slots[i].warm_pid == warm_live[i])
			held += s->slots[i].warm;
	}
	granted = Min(want, Max(marsql_max_workers_total - held, 0));
	s->slots[my_slot].workers += granted;
	SpinLockRelease(&s->mutex);
	pfree(live);
	pfree(warm_live);
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

void
engine_workers_park(int count)
{
	EngineShared *s = engine_shared();
	EngineSlot *slot;

	if (count <= 0 || MyProc == NULL || MyProc->pgprocno < 0 || MyProc->pgprocno >= s->nslots)
		return;
	slot = &s->slots[MyProc->pgprocno];
	SpinLockAcquire(&s->mutex);
	if (slot->warm_pid != MyProcPid)
		slot->warm = 0;			/* a count left by an earlier backend */
	slot->warm_pid = MyProcPid;
	slot->warm += count;
	SpinLockRelease(&s->mutex);
}

void
engine_workers_unpark(int count, bool into_job)
{
	EngineShared *s = engine_shared();
	EngineSlot *slot;

	if (count <= 0 || MyProc == NULL || MyProc->pgprocno < 0 || MyProc->pgprocno >= s->nslots)
		return;
	slot = &s->slots[MyProc->pgprocno];
	SpinLockAcquire(&s->mutex);
	if (slot->warm_pid == MyProcPid)
		slot->warm = Max(slot->warm - count, 0);
	if (into_job && my_slot >= 0)
		slot->workers += count;
	SpinLockRelease(&s->mutex);
}

void
engine_worker_unpark_self(int leader_procno, pid_t leader_pid)
{
	EngineShared *s = engine_shared();

	if (leader_procno < 0 || leader_procno >= s->nslots)
		return;
	SpinLockAcquire(&s->mutex);
	if (s->slots[leader_procno].warm_pid == leader_pid)
		s->slots[leader_procno].warm = Max(s->slots[leader_procno].warm - 1, 0);
	SpinLockRelease(&s->mutex);
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

		if (!slot_live(i, slot))
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
