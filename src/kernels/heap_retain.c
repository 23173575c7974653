/*
 * heap_retain.c
 *	  Pure C: the freed memory glibc's main malloc arena holds, and the
 *	  release of its resident part beyond a bound.
 *
 *	  glibc returns free memory to the kernel in two ways only: at free(),
 *	  the top of a contiguous brk heap above M_TRIM_THRESHOLD (sbrk down),
 *	  and malloc_trim(pad), which madvises EVERY free chunk in the bins
 *	  (pad applies to the brk top alone).  Where brk cannot grow the heap
 *	  (a mapping right above it), glibc carries on in mmap'd pieces; the
 *	  top chunk then lies in such a piece, sbrk(0) does not show it, and
 *	  neither way ever shrinks it (systrim requires the top to end at the
 *	  brk), so a freed large buffer merged into it stays resident for good.
 *
 *	  The release here works the same in every layout and frees only what
 *	  is above the bound: it takes the large free chunks out of the
 *	  allocator (malloc of each one's size, largest first, sizes known from
 *	  mallinfo2's keepcost for the top and malloc_info for the bins, so the
 *	  heap never grows), counts their resident pages (mincore), keeps
 *	  resident pages up to the bound and madvises (MADV_DONTNEED) the rest,
 *	  then frees the chunks: they stay free in the allocator, their released
 *	  pages are zero-filled again on the next touch.  Small free chunks
 *	  (< 1 MB: the fragmentation of ordinary allocations) are left alone.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "heap_retain.h"

#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* most large free chunks taken out in one release */
#define MAX_BLOCKS	64
/* mincore window: pages looked at per call */
#define WINDOW_PAGES 4096

/* bytes below a free chunk's size a request asks for: room for headers */
#define CHUNK_SLACK 64

/*
 * From malloc_info: the number of arenas and the largest free chunk in
 * the bins of the main arena (heap nr 0), 0 when none or unreadable.
 */
static void
scan_malloc_info(int *arenas, size_t *largest_bin)
{
	char	   *buf = NULL;
	size_t		len = 0;
	FILE	   *f = open_memstream(&buf, &len);
	const char *p;
	const char *main_end;

	*arenas = 0;
	*largest_bin = 0;
	if (f == NULL)
		return;
	if (malloc_info(0, f) != 0)
	{
		fclose(f);
		free(buf);
		return;
	}
	fclose(f);
	if (buf == NULL)
		return;
	for (p = buf; (p = strstr(p, "<heap nr=")) != NULL; p++)
		(*arenas)++;
	p = strstr(buf, "<heap nr=\"0\"");
	main_end = p ? strstr(p, "</heap>") : NULL;
	while (p != NULL && main_end != NULL)
	{
		const char *to = strstr(p, " to=\"");
		size_t		v;

		if (to == NULL || to > main_end)
			break;
		v = (size_t) strtoull(to + 5, NULL, 10);
		if (v > *largest_bin)
			*largest_bin = v;
		p = to + 5;
	}
	free(buf);
}

typedef struct Block
{
	char	   *ptr;
	size_t		size;
} Block;

/*
 * Keeps resident pages of [start, start + bytes) while *budget lasts,
 * madvises the others; adds to *resident and *released.
 */
static void
keep_or_release(char *start, size_t bytes, size_t page, size_t *budget,
				size_t *resident, size_t *released)
{
	static unsigned char vec[WINDOW_PAGES];
	uintptr_t	lo = ((uintptr_t) start + page - 1) & ~(uintptr_t) (page - 1);
	uintptr_t	hi = ((uintptr_t) start + bytes) & ~(uintptr_t) (page - 1);

	while (lo < hi)
	{
		size_t		npages = (hi - lo) / page;
		uintptr_t	run = 0;	/* start of a run of pages to release */

		if (npages > WINDOW_PAGES)
			npages = WINDOW_PAGES;
		if (mincore((void *) lo, npages * page, vec) != 0)
			memset(vec, 1, npages); /* unknown: count every page resident */
		for (size_t i = 0; i <= npages; i++)
		{
			uintptr_t	addr = lo + i * page;
			int			release = 0;

			if (i < npages && (vec[i] & 1))
			{
				*resident += page;
				if (*budget >= page)
					*budget -= page;
				else
				{
					release = 1;
					*released += page;
				}
			}
			if (release && run == 0)
				run = addr;
			else if (!release && run != 0)
			{
				(void) madvise((void *) run, addr - run, MADV_DONTNEED);
				run = 0;
			}
		}
		lo += npages * page;
	}
}

size_t
mt_heap_release_above(size_t keep, MtHeapRetain *st)
{
	MtHeapRetain local;
	Block		blocks[MAX_BLOCKS];
	int			nblocks = 0;
	size_t		page = (size_t) sysconf(_SC_PAGESIZE);
	size_t		budget = keep;
	struct mallinfo2 mi = mallinfo2();

	if (st == NULL)
		st = &local;
	memset(st, 0, sizeof(*st));
	st->free_bytes = mi.fordblks;
	st->top_bytes = mi.keepcost;
	st->mmapped_bytes = mi.hblkhd;
	st->contiguous = -1;
	if (mi.fordblks <= keep)
		return 0;				/* cannot hold more than the bound */

	/*
	 * Take the large free chunks out: those of the bins first (a request
	 * no larger than the largest one is served by a bin chunk, best fit,
	 * never by the top), then the top.  Requests are never larger than a
	 * free chunk, so the heap does not grow; should it (a race with
	 * another thread in the main arena, an mmap'd chunk), the system
	 * memory figures say so and the taking stops after that block.
	 */
	for (;;)
	{
		size_t		largest_bin;
		size_t		want;
		size_t		before;
		char	   *p;
		int			from_top;

		if (nblocks == MAX_BLOCKS)
			break;
		scan_malloc_info(&st->arenas, &largest_bin);
		mi = mallinfo2();
		from_top = largest_bin < MT_HEAP_LARGE_CHUNK + CHUNK_SLACK;
		want = from_top ? mi.keepcost : largest_bin;
		if (want < MT_HEAP_LARGE_CHUNK + CHUNK_SLACK)
			break;
		before = mi.arena + mi.hblkhd;
		p = malloc(want - CHUNK_SLACK);
		if (p == NULL)
			break;
		if (from_top)
		{
			/* the top of a brk heap ends at the break */
			char	   *end = p - 2 * sizeof(size_t) + mi.keepcost;

			st->contiguous = (end == (char *) sbrk(0));
		}
		blocks[nblocks].ptr = p;
		blocks[nblocks].size = want - CHUNK_SLACK;
		nblocks++;
		mi = mallinfo2();
		if (from_top || mi.arena + mi.hblkhd > before)
			break;
	}
	/* the largest first: they serve the next large call */
	for (int i = 1; i < nblocks; i++)
		for (int j = i; j > 0 && blocks[j].size > blocks[j - 1].size; j--)
		{
			Block		b = blocks[j];

			blocks[j] = blocks[j - 1];
			blocks[j - 1] = b;
		}
	st->large_chunks = (size_t) nblocks;

	for (int i = 0; i < nblocks; i++)
		keep_or_release(blocks[i].ptr, blocks[i].size, page, &budget,
						&st->resident_bytes, &st->released_bytes);
	st->kept_bytes = st->resident_bytes - st->released_bytes;

	/* back to the allocator: free again, in the places they came from */
	for (int i = 0; i < nblocks; i++)
		free(blocks[i].ptr);
	if (st->arenas == 0)
		scan_malloc_info(&st->arenas, &(size_t){0});
	return st->released_bytes;
}

void
mt_advise_huge_pages(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t) 2 << 20;
	uintptr_t	lo = ((uintptr_t) p + huge - 1) & ~(huge - 1);
	uintptr_t	hi = ((uintptr_t) p + bytes) & ~(huge - 1);

	if (bytes >= MT_HUGE_ADVICE_BYTES && hi > lo)
		(void) madvise((void *) lo, hi - lo, MADV_HUGEPAGE);
#else
	(void) p;
	(void) bytes;
#endif
}
