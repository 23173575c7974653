/*
 * heap_retain.h
 *	  Pure C: how much freed memory glibc's main malloc arena holds, and
 *	  the release of the resident part of it beyond a bound, page by page,
 *	  in any heap layout (a contiguous brk heap, or one glibc continued in
 *	  mmap'd pieces because brk could not grow, which glibc's own trimming
 *	  never shrinks).
 */
#ifndef MARSQL_HEAP_RETAIN_H
#define MARSQL_HEAP_RETAIN_H

#include <stddef.h>

/* free chunks smaller than this are neither counted as kept nor released */
#define MT_HEAP_LARGE_CHUNK ((size_t) 1 << 20)

typedef struct MtHeapRetain
{
	size_t		free_bytes;		/* mallinfo2 fordblks: free, all arenas */
	size_t		top_bytes;		/* mallinfo2 keepcost: main arena's top */
	size_t		mmapped_bytes;	/* mallinfo2 hblkhd: mmap'd chunks in use */
	int			arenas;			/* malloc arenas (main + threads') */
	int			contiguous;		/* its top ends at the brk: 1, 0, -1 unknown */
	size_t		large_chunks;	/* free chunks >= MT_HEAP_LARGE_CHUNK looked at */
	size_t		resident_bytes; /* their resident bytes before the release */
	size_t		kept_bytes;		/* their resident bytes kept */
	size_t		released_bytes; /* resident bytes given back to the kernel */
} MtHeapRetain;

/*
 * Keeps at most `keep` resident bytes of the main arena's large free
 * chunks (the largest chunks first: they serve the next large call) and
 * gives the resident pages beyond that back to the kernel
 * (MADV_DONTNEED); the chunks stay free in the allocator.  Nothing is
 * touched when the allocator's free memory is not above `keep` (the fast
 * path: one mallinfo2).  Needs M_MMAP_MAX 0 (a large request served by
 * mmap would not come from a free chunk).  Not reentrant: one thread of
 * the process calls it, the one whose allocations use the main arena.
 * Fills *st when not NULL; returns the bytes released.
 */
extern size_t mt_heap_release_above(size_t keep, MtHeapRetain *st);

/*
 * Asks the kernel for transparent huge pages (MADV_HUGEPAGE) for the 2 MB
 * pages wholly inside [p, p + bytes), when bytes is at least
 * MT_HUGE_ADVICE_BYTES: a large tensor buffer then faults in 2 MB at a
 * time and streams with fewer TLB misses, as numpy's large arrays do.
 * Advice only: a kernel without THP, or with THP off, ignores it.
 */
#define MT_HUGE_ADVICE_BYTES ((size_t) 4 << 20)
extern void mt_advise_huge_pages(void *p, size_t bytes);

#endif							/* MARSQL_HEAP_RETAIN_H */
