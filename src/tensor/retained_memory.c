/*
 * retained_memory.c
 *	  Large buffers reused instead of re-faulted.  glibc serves allocations
 *	  above M_MMAP_THRESHOLD (128 kB at first, 32 MB at most) with mmap and
 *	  unmaps them on free, and returns the top of the heap to the kernel
 *	  above M_TRIM_THRESHOLD; the next call then faults every 4 kB page in
 *	  again (34-58 us each on the VMs measured: 0.4-0.7 s for 51 MB).  With
 *	  marsql.retained_memory > 0 a backend that runs marsql work takes
 *	  every allocation from the heap (M_MMAP_MAX 0) and keeps up to that
 *	  many freed bytes for its next call (M_TRIM_THRESHOLD); at the end of
 *	  a transaction that may have left more free memory than that, it is
 *	  given back (malloc_trim), so a backend's idle footprint stays bounded.
 *	  Zero restores glibc's defaults.
 *
 *	  The setting is applied lazily by the backend that allocates tensors
 *	  (retained_memory_apply), never in the postmaster, so preloading
 *	  marsql changes nothing for other processes.
 */
#include "postgres.h"

#include <limits.h>
#include <malloc.h>
#include <unistd.h>

#include "access/xact.h"
#include "miscadmin.h"

#include "guc.h"
#include "tensor/retained_memory.h"

/* the value applied to this process's allocator (-1: glibc's defaults) */
int			retained_memory_applied_kb = -1;

/* a large buffer was allocated in this transaction */
bool		retained_memory_large_alloc = false;

static bool callback_registered = false;

/* glibc's defaults (mallopt(3)) */
#define GLIBC_MMAP_MAX		65536
#define GLIBC_TRIM_THRESHOLD (128 * 1024)

static Size
retained_bytes(void)
{
	return (Size) retained_memory_applied_kb * 1024;
}

/* the heap's end when the setting was applied, and at the last check */
static char *heap_base = NULL;
static char *heap_checked = NULL;

/*
 * At transaction end: free memory beyond the bound goes back to the kernel.
 * Counting the free memory (mallinfo2) walks every free chunk (milliseconds
 * on a fragmented heap), so it runs only when it can matter: the heap is
 * larger than the bound, and it grew to a new size or marsql allocated a
 * large buffer in this transaction.
 */
static void
retained_memory_xact_callback(XactEvent event, void *arg)
{
	char	   *end;

	(void) arg;
	if (event != XACT_EVENT_COMMIT && event != XACT_EVENT_ABORT &&
		event != XACT_EVENT_PARALLEL_COMMIT && event != XACT_EVENT_PARALLEL_ABORT &&
		event != XACT_EVENT_PREPARE)
		return;
	if (retained_memory_applied_kb <= 0)
		return;
	end = (char *) sbrk(0);

	/*
	 * The heap grew past the bound, or marsql made a large buffer: where
	 * brk cannot extend the heap (a mapping right above it), glibc carries
	 * on in mmap'd pieces that sbrk(0) does not show, so a large
	 * allocation alone is reason enough to look.
	 */
	if (retained_memory_large_alloc ||
		((Size) (end - heap_base) > retained_bytes() && end > heap_checked))
	{
		struct mallinfo2 mi = mallinfo2();

		if (mi.fordblks > retained_bytes())
			malloc_trim(0);
		heap_checked = (char *) sbrk(0);
	}
	retained_memory_large_alloc = false;
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
		if (heap_base == NULL)
			heap_base = heap_checked = (char *) sbrk(0);
		if (!callback_registered)
		{
			RegisterXactCallback(retained_memory_xact_callback, NULL);
			callback_registered = true;
		}
	}
	else if (retained_memory_applied_kb > 0)
	{
		mallopt(M_MMAP_MAX, GLIBC_MMAP_MAX);
		mallopt(M_TRIM_THRESHOLD, GLIBC_TRIM_THRESHOLD);
		malloc_trim(0);
	}
	retained_memory_applied_kb = kb;
}
