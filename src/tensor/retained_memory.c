/*
 * retained_memory.c
 *	  Large buffers reused instead of re-faulted.  glibc serves allocations
 *	  above M_MMAP_THRESHOLD (128 kB at first, 32 MB at most) with mmap and
 *	  unmaps them on free, and returns the top of the heap to the kernel
 *	  above M_TRIM_THRESHOLD; the next call then faults every 4 kB page in
 *	  again (34-58 us each on the VMs measured: 0.4-0.7 s for 51 MB).  With
 *	  marsql.retained_memory > 0 a backend that runs marsql work takes
 *	  every allocation from the heap (M_MMAP_MAX 0) and keeps up to that
 *	  many freed bytes resident for its next call; what is above the bound
 *	  is given back to the kernel (kernels/heap_retain.c: page by page, in
 *	  any heap layout, only the part above the bound).  Zero restores
 *	  glibc's defaults.
 *
 *	  When to look.  Resident free memory grows only by pages touched for
 *	  the first time, and every such page is a minor fault: so the process's
 *	  minor faults since the last look (getrusage, no walk of the heap) bound
 *	  how much more it can hold.  When the last figure plus that growth
 *	  passes the bound, the free memory is counted (mallinfo2) and what is
 *	  above the bound released, at the end of a transaction that did marsql
 *	  work (faults are counted from the last look, so growth in other
 *	  transactions is seen at the next such end); and since a
 *	  statement's memory can be freed after its transaction's end (a value
 *	  the planner folded lives in the message's context, freed when the
 *	  next message is read; a portal can outlive the commit), once more at
 *	  the start of the next statement's executor or at the next
 *	  transaction's end.  A call that reuses retained memory faults no page:
 *	  it costs nothing here.
 *
 *	  The setting is applied lazily by the backend that allocates tensors
 *	  (retained_memory_apply), never in the postmaster, so preloading
 *	  marsql changes nothing for other processes.
 */
#include "postgres.h"

#include <limits.h>
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include "access/xact.h"
#include "executor/executor.h"
#include "miscadmin.h"

#include "guc.h"
#include "kernels/heap_retain.h"
#include "tensor/retained_memory.h"

/* the value applied to this process's allocator (-1: glibc's defaults) */
int			retained_memory_applied_kb = -1;

/* a tensor was allocated in this transaction */
bool		retained_memory_active = false;

static bool hooks_installed = false;
static ExecutorStart_hook_type prev_executor_start = NULL;

/* glibc's defaults (mallopt(3)) */
#define GLIBC_MMAP_MAX		65536
#define GLIBC_TRIM_THRESHOLD (128 * 1024)

/* minor faults at the last look, and the resident free bytes then (at most) */
static long faults_at_check = 0;
static Size resident_at_check = 0;

/* memory made in a transaction may be freed after its end: look again */
static bool check_pending = false;

static Size
retained_bytes(void)
{
	return (Size) retained_memory_applied_kb * 1024;
}

static Size
page_bytes(void)
{
	static Size page = 0;

	if (page == 0)
		page = (Size) sysconf(_SC_PAGESIZE);
	return page;
}

static long
minor_faults(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return LONG_MAX;		/* unknown: look */
	return ru.ru_minflt;
}

/*
 * Releases the free memory above the bound when the pages faulted in since
 * the last look may have taken it there, or a look is owed; returns
 * whether the faults alone called for it.
 */
static bool
check_bound(void)
{
	Size		keep = retained_bytes();
	long		faults = minor_faults();
	Size		grown;
	bool		grew;
	MtHeapRetain st;

	grown = faults >= faults_at_check ?
		(Size) (faults - faults_at_check) * page_bytes() : keep + 1;
	grew = resident_at_check + grown > keep;
	if (!grew && !check_pending)
		return false;
	mt_heap_release_above(keep, &st);
	faults_at_check = minor_faults();
	/* free memory not above the bound, or released down to it */
	resident_at_check = Min(st.free_bytes, keep);
	check_pending = false;
	return grew;
}

/* At transaction end: the bound, and a look owed to the next statement. */
static void
retained_memory_xact_callback(XactEvent event, void *arg)
{
	(void) arg;
	if (event != XACT_EVENT_COMMIT && event != XACT_EVENT_ABORT &&
		event != XACT_EVENT_PARALLEL_COMMIT && event != XACT_EVENT_PARALLEL_ABORT &&
		event != XACT_EVENT_PREPARE)
		return;
	if (retained_memory_applied_kb <= 0 ||
		(!retained_memory_active && !check_pending))
		return;					/* no marsql work: no getrusage (4 us) */
	retained_memory_active = false;
	/* memory grew in this transaction: it may be freed after its end */
	check_pending = check_bound();
}

/* The start of a statement's executor: the look owed, if any (a bool test). */
static void
retained_memory_executor_start(QueryDesc *queryDesc, int eflags)
{
	if (check_pending && retained_memory_applied_kb > 0)
		(void) check_bound();
	if (prev_executor_start)
		prev_executor_start(queryDesc, eflags);
	else
		standard_ExecutorStart(queryDesc, eflags);
}

void
retained_memory_set(void)
{
	int			kb = marsql_retained_memory_kb;

	if (!IsUnderPostmaster && IsPostmasterEnvironment)
		return;					/* the postmaster: never */
	if (kb > 0)
	{
		Size		bytes = (Size) kb * 1024;

		/* mallopt takes an int: clamp the threshold at INT_MAX */
		mallopt(M_MMAP_MAX, 0);
		mallopt(M_TRIM_THRESHOLD, (int) Min(bytes, (Size) INT_MAX));
		if (!hooks_installed)
		{
			RegisterXactCallback(retained_memory_xact_callback, NULL);
			prev_executor_start = ExecutorStart_hook;
			ExecutorStart_hook = retained_memory_executor_start;
			faults_at_check = minor_faults();
			hooks_installed = true;
		}
		/* a lower bound than the last look's figure: look at the next end */
		if (retained_memory_applied_kb > kb)
			check_pending = true;
	}
	else if (retained_memory_applied_kb > 0)
	{
		mallopt(M_MMAP_MAX, GLIBC_MMAP_MAX);
		mallopt(M_TRIM_THRESHOLD, GLIBC_TRIM_THRESHOLD);
		malloc_trim(0);
		check_pending = false;
		resident_at_check = 0;
	}
	retained_memory_applied_kb = kb;
}
