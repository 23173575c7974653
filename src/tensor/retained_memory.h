/*
 * retained_memory.h
 *	  Large buffers reused instead of re-faulted: how much freed memory a
 *	  backend keeps for its next call (marsql.retained_memory).
 */
#ifndef MARSQL_RETAINED_MEMORY_H
#define MARSQL_RETAINED_MEMORY_H

#include "guc.h"

extern int	retained_memory_applied_kb;
extern bool retained_memory_active;
extern void retained_memory_set(void);

/*
 * Applies marsql.retained_memory to this process's allocator when it has
 * changed, and notes marsql work in this transaction (its end then looks
 * at the bound); cheap, called where tensors are allocated.  Never in the
 * postmaster: the setting is applied by the backend that does the work.
 */
static inline void
retained_memory_apply(void)
{
	if (retained_memory_applied_kb != marsql_retained_memory_kb)
		retained_memory_set();
	retained_memory_active = true;
}

#endif							/* MARSQL_RETAINED_MEMORY_H */
