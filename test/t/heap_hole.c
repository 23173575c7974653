/*
 * heap_hole.c
 *	  Test helper, LD_PRELOAD'ed into a postmaster by TAP 055: maps a page
 *	  right above the program break at start, so that glibc cannot grow
 *	  the heap with brk and continues it in mmap'd pieces, in the
 *	  postmaster and every backend it forks (the heap layout seen in the
 *	  full CI run, where the bound of marsql.retained_memory was not
 *	  applied).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

__attribute__((constructor))
static void
heap_hole(void)
{
	uintptr_t	end = ((uintptr_t) sbrk(0) + 4095) & ~(uintptr_t) 4095;

	(void) mmap((void *) end, 4096, PROT_NONE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
}
