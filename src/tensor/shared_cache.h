/*
 * shared_cache.h
 *	  The shared cache: immutable byte blobs in dynamic shared memory,
 *	  shared by every backend and background worker of the server.  One
 *	  DSA area, created by the first process that needs it, pinned for the
 *	  life of the postmaster (its handle is kept in the engine's shared
 *	  state, so it works with or without shared_preload_libraries), bounded
 *	  by marsql.shared_cache_size.
 *
 *	  Two users:
 *	  - the job tile cache (chunked/tile_input.c): a tile read by one
 *	    process of a job is served from here to every other process of
 *	    the same job (SHARED_CACHE_JOB_TILE), and dropped when the job ends;
 *	  - the shared tier of the resident value cache (tensor/value_cache.c):
 *	    a detoasted stored value read by one backend serves every backend
 *	    of the database while it is unchanged (SHARED_CACHE_VALUE); the
 *	    user validates each hit with the meta bytes it stored.
 *
 *	  Contract:
 *	  - an entry's bytes never change once published; a pointer returned
 *	    by a lookup or store is READ-ONLY and stays valid while the pin
 *	    lasts: until shared_cache_unpin() or the end of the current
 *	    top-level transaction of this process, whichever comes first
 *	    (commit or abort; also process exit, including FATAL);
 *	  - only unpinned entries are evicted, least recently used first;
 *	    an invalidated entry disappears from lookups at once and its
 *	    memory is freed when its last pin goes;
 *	  - a key being loaded by one process makes other lookups of that key
 *	    wait (interruptibly) until it is stored or the load is cancelled;
 *	    a load not stored by the end of the loader's transaction (error,
 *	    cancel, exit) is cancelled, and a waiter then takes it over;
 *	  - every failure to get shared memory (size 0, no DSM, out of room)
 *	    is a miss, never an error: callers fall back to process memory;
 *	  - callers hold no LWLock when they call in here (a DSM failure is
 *	    recovered from with LWLockReleaseAll).
 */
#ifndef MARSQL_SHARED_CACHE_H
#define MARSQL_SHARED_CACHE_H

#include "postgres.h"

typedef enum SharedCacheSpace
{
	SHARED_CACHE_JOB_TILE = 1,	/* k1: caller's pid, k2: job (unique in the server), k3: storage << 32 | tile index */
	SHARED_CACHE_VALUE = 2		/* k1: toast relid, k2: value OID, k3: raw size << 32 | ext size */
} SharedCacheSpace;

typedef struct SharedCacheKey
{
	uint32		space;			/* SharedCacheSpace */
	Oid			database;		/* MyDatabaseId of the user */
	uint64		k1;
	uint64		k2;
	uint64		k3;
} SharedCacheKey;

/* caller-defined bytes stored with an entry (validation data) */
#define SHARED_CACHE_META_BYTES 32

/* one pinned entry, as a lookup or a store hands it out */
typedef struct SharedCacheRef
{
	const void *data;			/* MAXALIGNed, read-only, mapped in this process */
	Size		len;
	char		meta[SHARED_CACHE_META_BYTES];
	void	   *pin;			/* private to shared_cache.c */
} SharedCacheRef;

typedef enum SharedCacheResult
{
	SHARED_CACHE_HIT,			/* *ref is filled and pinned */
	SHARED_CACHE_LOAD,			/* absent: this process now loads it; it must
								 * store it (shared_cache_reserve + publish,
								 * or shared_cache_store_bounded) or call
								 * shared_cache_cancel_load */
	SHARED_CACHE_MISS			/* absent and not claimed, or no shared cache */
} SharedCacheResult;

/* whether the shared cache can be used now (size > 0, area attached or creatable) */
extern bool shared_cache_enabled(void);

/*
 * Looks key up.  A hit is pinned.  When absent: with claim_load, this
 * process claims the load and gets SHARED_CACHE_LOAD (when another process
 * is loading the key, waits for it first); else SHARED_CACHE_MISS.
 */
extern SharedCacheResult shared_cache_lookup(const SharedCacheKey *key, bool claim_load,
											 SharedCacheRef *ref);

/*
 * Whether another process is loading key now (claimed, not yet
 * published): a lookup would wait for it.  A peek for ordering work, no
 * pin, no claim, no counter; the answer may be stale at once.
 */
extern bool shared_cache_loading_elsewhere(const SharedCacheKey *key);

/*
 * Stores the blob of a claimed load: room for len bytes is made by
 * evicting unpinned entries; returns writable memory (MAXALIGNed) to fill,
 * or NULL when it does not fit (the load is then cancelled).  The entry is
 * invisible to others until shared_cache_publish.
 */
extern void *shared_cache_reserve(const SharedCacheKey *key, Size len, const void *meta);

/*
 * shared_cache_reserve with the group bound of shared_cache_store_bounded
 * (below): for a loader that reads the value straight into the entry.
 */
extern void *shared_cache_reserve_bounded(const SharedCacheKey *key, Size len,
										  const void *meta, Size group_limit);

/* Makes a reserved entry visible, wakes waiters, and pins it in *ref. */
extern void shared_cache_publish(const SharedCacheKey *key, SharedCacheRef *ref);

/*
 * Reserve + memcpy + publish, where the entries of key's group (same
 * space, database, k1 and k2: one job's tiles) may take at most
 * group_limit bytes: the group's least recently used unpinned entries go
 * first, and false (load cancelled) when it still does not fit.
 */
extern bool shared_cache_store_bounded(const SharedCacheKey *key, const void *data, Size len,
									   const void *meta, Size group_limit,
									   SharedCacheRef *ref);

/* Gives up a claimed (or reserved, unpublished) load; a waiter takes it over. */
extern void shared_cache_cancel_load(const SharedCacheKey *key);

/* Releases one pin early. */
extern void shared_cache_unpin(SharedCacheRef *ref);

/* Removes key from lookups (memory freed when its last pin goes). */
extern void shared_cache_invalidate(const SharedCacheKey *key);

/* Removes every entry of (space, database, k1[, k2]): a job's tiles at its end. */
extern void shared_cache_invalidate_prefix(uint32 space, Oid database, uint64 k1,
										   bool match_k2, uint64 k2);

/* Counters, server-wide (marsql.shared_cache_stats()). */
typedef struct SharedCacheStats
{
	int64		size_limit;		/* bytes */
	int64		bytes;			/* in entries now */
	int64		entries;
	int64		pinned;			/* entries with at least one pin */
	int64		hits;
	int64		misses;
	int64		loads_waited;	/* lookups that waited for another process's load */
	int64		evictions;
	int64		invalidations;
	int64		no_room;		/* stores refused for want of room */
} SharedCacheStats;

extern void shared_cache_get_stats(SharedCacheStats *stats);

/* Drops every unpinned entry and resets the counters (marsql.shared_cache_reset()). */
extern void shared_cache_reset(void);

#endif							/* MARSQL_SHARED_CACHE_H */
