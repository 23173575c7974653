/*
 * shared_cache.c
 *	  The server-wide shared cache (see shared_cache.h for the contract):
 *	  one DSA area holding immutable blobs, a hash table of entries in it,
 *	  the pins and claimed loads of this process, and the SQL functions
 *	  marsql.shared_cache_stats() and marsql.shared_cache_reset().
 *
 *	  The area is made by the first process that needs it (dsa_create,
 *	  pinned so that it lives until the server stops, and mapped for the
 *	  life of each process that attaches); its handle sits in the engine's
 *	  shared state (engine_shmem.c), which is made anew after a crash, so a
 *	  handle of the server before the crash is never attached.
 *
 *	  Inside the area: a control block (one LWLock over everything, one
 *	  ConditionVariable that every finished or cancelled load broadcasts,
 *	  the buckets of a chained hash table, an LRU list, the counters) and
 *	  one entry per key.  An entry is LOADING while a process reads its
 *	  value (loader_pid), then READY; a READY entry is in the LRU list and
 *	  may be evicted while nobody pins it.  Invalidation unlinks an entry
 *	  from the hash at once; its memory goes when its last pin does, or
 *	  when its loader gives it up.
 *
 *	  Bounds: the bytes of entries (blob and header) are counted against
 *	  marsql.shared_cache_size (as backends see it: see follow_limit), and
 *	  the area's own limit (dsa_set_size_limit) is set a little above it for
 *	  the area's bookkeeping.  Memory is
 *	  allocated outside the cache's lock with DSA_ALLOC_NO_OOM; any failure
 *	  to get it (the limit, no DSM segment left, /dev/shm full) makes the
 *	  store a miss, never an error.
 *
 *	  Each process keeps its pins and its claimed loads in local arrays.
 *	  Both are released at the end of the top-level transaction (commit or
 *	  abort, an XactCallback) and at process exit (before_shmem_exit, which
 *	  also runs on FATAL): a load not published by then is cancelled, and
 *	  the processes waiting for it wake up and take it over.
 *
 *	  Callers hold no LWLock when they call in here.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "storage/condition_variable.h"
#include "storage/ipc.h"
#include "storage/proc.h"
#include "storage/lwlock.h"
#include "utils/builtins.h"
#include "utils/dsa.h"
#include "utils/memutils.h"
#include "utils/resowner.h"

#include "engine/engine_shmem.h"
#include "guc.h"
#include "tensor/shared_cache.h"

#define NBUCKETS 4096

/* the area's own bookkeeping above the bytes counted: an eighth, at least 4 MB */
#define AREA_SLACK(limit) (Max((limit) / 8, (Size) 4 * 1024 * 1024))

typedef enum EntryState
{
	ENTRY_LOADING,				/* claimed, no blob yet */
	ENTRY_RESERVED,				/* blob allocated, being filled */
	ENTRY_READY					/* published */
} EntryState;

typedef struct CacheEntry
{
	SharedCacheKey key;
	dsa_pointer self;
	dsa_pointer next;			/* hash chain */
	dsa_pointer lru_prev;		/* READY and linked: the LRU list */
	dsa_pointer lru_next;
	dsa_pointer data;			/* the blob, from ENTRY_RESERVED on */
	Size		len;
	Size		charge;			/* bytes counted against the limit */
	int32		state;			/* EntryState */
	bool		linked;			/* in the hash table */
	bool		in_lru;
	int32		pins;
	int32		loader_pid;		/* LOADING or RESERVED: the loading process */
	char		meta[SHARED_CACHE_META_BYTES];
} CacheEntry;

typedef struct CacheControl
{
	LWLock		lock;
	ConditionVariable loaded;	/* broadcast when a load ends either way */
	Size		area_limit;		/* what dsa_set_size_limit was given last */
	Size		limit;			/* marsql.shared_cache_size as backends see it */
	dsa_pointer lru_head;		/* most recently used */
	dsa_pointer lru_tail;
	int64		bytes;
	int64		entries;		/* linked */
	int64		pinned;			/* entries with pins > 0 */
	int64		hits;
	int64		misses;
	int64		loads_waited;
	int64		evictions;
	int64		invalidations;
	int64		no_room;
	dsa_pointer buckets[NBUCKETS];
} CacheControl;

static dsa_area *area = NULL;
static CacheControl *ctl = NULL;

/* this process's pins and claimed loads */
typedef struct LocalPin
{
	uint64		id;
	dsa_pointer entry;
} LocalPin;

typedef struct LocalLoad
{
	SharedCacheKey key;
	dsa_pointer entry;
} LocalLoad;

static LocalPin *my_pins = NULL;
static int	my_npins = 0;
static int	my_maxpins = 0;
static uint64 next_pin_id = 0;
static LocalLoad *my_loads = NULL;
static int	my_nloads = 0;
static int	my_maxloads = 0;
static bool callbacks_registered = false;

static void release_all(void);

static inline CacheEntry *
entry_at(dsa_pointer p)
{
	return (CacheEntry *) dsa_get_address(area, p);
}

static Size
size_limit(void)
{
	return (Size) marsql_shared_cache_size * 1024;
}

static bool
key_equal(const SharedCacheKey *a, const SharedCacheKey *b)
{
	return a->space == b->space && a->database == b->database &&
		a->k1 == b->k1 && a->k2 == b->k2 && a->k3 == b->k3;
}

static uint32
key_bucket(const SharedCacheKey *key)
{
	uint64		h = key->space;

	h = h * 0x9E3779B97F4A7C15ULL ^ key->database;
	h = h * 0x9E3779B97F4A7C15ULL ^ key->k1;
	h = h * 0x9E3779B97F4A7C15ULL ^ key->k2;
	h = h * 0x9E3779B97F4A7C15ULL ^ key->k3;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 32;
	return (uint32) (h % NBUCKETS);
}

/* ---------- callbacks ---------- */

static void
xact_callback(XactEvent event, void *arg)
{
	(void) arg;
	switch (event)
	{
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			release_all();
			break;
		default:
			break;
	}
}

static void
exit_callback(int code, Datum arg)
{
	(void) code;
	(void) arg;
	release_all();
}

/* ---------- the area ---------- */

/*
 * Runs fn(arg) and turns any error into false: for the calls into DSA and
 * DSM that can fail with an ERROR (no DSM slot left, /dev/shm full).  They
 * may fail holding the area's own lock, which is released here with every
 * other LWLock: callers of this file hold none.  Segments made meanwhile
 * belong to no resource owner: the area keeps them mapped for the life of
 * the process anyway.
 */
static bool
try_dsm(void (*fn) (void *), void *arg)
{
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	volatile bool ok = true;

	CurrentResourceOwner = NULL;
	PG_TRY();
	{
		fn(arg);
	}
	PG_CATCH();
	{
		CurrentResourceOwner = owner;
		MemoryContextSwitchTo(cxt);
		LWLockReleaseAll();
		FlushErrorState();
		ok = false;
	}
	PG_END_TRY();
	CurrentResourceOwner = owner;
	return ok;
}

typedef struct AttachArgs
{
	EngineSharedCacheSlot *slot;
	bool		create;
	dsa_area   *result;
} AttachArgs;

static void
attach_or_create(void *p)
{
	AttachArgs *a = (AttachArgs *) p;
	EngineSharedCacheSlot *slot = a->slot;

	if (slot->handle != DSM_HANDLE_INVALID)
	{
		LWLockRegisterTranche(slot->tranche, "marsql_shared_cache");
		a->result = dsa_attach(slot->handle);
		dsa_pin_mapping(a->result);
	}
	else if (a->create)
	{
		int			tranche = LWLockNewTrancheId();
		dsa_area   *na;
		dsa_pointer root;
		CacheControl *c;

		LWLockRegisterTranche(tranche, "marsql_shared_cache");
		na = dsa_create(tranche);
		dsa_pin_mapping(na);
		root = dsa_allocate_extended(na, sizeof(CacheControl), DSA_ALLOC_ZERO);
		c = (CacheControl *) dsa_get_address(na, root);
		LWLockInitialize(&c->lock, tranche);
		ConditionVariableInit(&c->loaded);
		c->lru_head = c->lru_tail = InvalidDsaPointer;
		for (int i = 0; i < NBUCKETS; i++)
			c->buckets[i] = InvalidDsaPointer;
		c->limit = size_limit();
		c->area_limit = size_limit() + AREA_SLACK(size_limit());
		dsa_set_size_limit(na, c->area_limit);
		/* published last: the area outlives this process from here on */
		dsa_pin(na);
		slot->tranche = tranche;
		slot->root = root;
		slot->handle = dsa_get_handle(na);
		a->result = na;
	}
}

/*
 * Attaches this process to the area, making it when create and there is
 * none yet.  False when the cache is off or no area can be had.
 */
static bool
attach(bool create)
{
	AttachArgs a;
	bool		ok;
	MemoryContext old;

	if (area != NULL)
		return true;
	if (marsql_shared_cache_size <= 0 && create)
		return false;
	if (!IsUnderPostmaster || MyProc == NULL)
		return false;
	memset(&a, 0, sizeof(a));
	a.slot = engine_shared_cache_slot();
	a.create = create;
	/* the dsa_area lives as long as the process's mapping */
	old = MemoryContextSwitchTo(TopMemoryContext);
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	ok = try_dsm(attach_or_create, &a);
	if (ok)
		LWLockRelease(AddinShmemInitLock);
	MemoryContextSwitchTo(old);
	/* else try_dsm released it */
	if (!ok || a.result == NULL)
		return false;
	area = a.result;
	ctl = (CacheControl *) dsa_get_address(area, a.slot->root);
	if (!callbacks_registered)
	{
		RegisterXactCallback(xact_callback, NULL);
		before_shmem_exit(exit_callback, (Datum) 0);
		callbacks_registered = true;
	}
	return true;
}

typedef struct AllocArgs
{
	Size		len;
	int			flags;
	dsa_pointer result;
} AllocArgs;

static void
do_alloc(void *p)
{
	AllocArgs  *a = (AllocArgs *) p;

	a->result = dsa_allocate_extended(area, a->len, a->flags);
}

/* memory of the area, or InvalidDsaPointer; never an error.  No lock held. */
static dsa_pointer
area_alloc(Size len, bool zero)
{
	AllocArgs	a;

	a.len = len;
	a.flags = DSA_ALLOC_NO_OOM | DSA_ALLOC_HUGE | (zero ? DSA_ALLOC_ZERO : 0);
	a.result = InvalidDsaPointer;
	if (!try_dsm(do_alloc, &a))
		return InvalidDsaPointer;
	return a.result;
}

/* ---------- the table (ctl->lock held) ---------- */

static CacheEntry *
find_entry(const SharedCacheKey *key)
{
	dsa_pointer p = ctl->buckets[key_bucket(key)];

	while (DsaPointerIsValid(p))
	{
		CacheEntry *e = entry_at(p);

		if (key_equal(&e->key, key))
			return e;
		p = e->next;
	}
	return NULL;
}

static void
lru_remove(CacheEntry *e)
{
	if (!e->in_lru)
		return;
	if (DsaPointerIsValid(e->lru_prev))
		entry_at(e->lru_prev)->lru_next = e->lru_next;
	else
		ctl->lru_head = e->lru_next;
	if (DsaPointerIsValid(e->lru_next))
		entry_at(e->lru_next)->lru_prev = e->lru_prev;
	else
		ctl->lru_tail = e->lru_prev;
	e->lru_prev = e->lru_next = InvalidDsaPointer;
	e->in_lru = false;
}

static void
lru_push_head(CacheEntry *e)
{
	lru_remove(e);
	e->lru_prev = InvalidDsaPointer;
	e->lru_next = ctl->lru_head;
	if (DsaPointerIsValid(ctl->lru_head))
		entry_at(ctl->lru_head)->lru_prev = e->self;
	else
		ctl->lru_tail = e->self;
	ctl->lru_head = e->self;
	e->in_lru = true;
}

static void
hash_unlink(CacheEntry *e)
{
	dsa_pointer *link;

	if (!e->linked)
		return;
	link = &ctl->buckets[key_bucket(&e->key)];
	while (DsaPointerIsValid(*link))
	{
		CacheEntry *c = entry_at(*link);

		if (c == e)
		{
			*link = e->next;
			break;
		}
		link = &c->next;
	}
	e->next = InvalidDsaPointer;
	e->linked = false;
	ctl->entries--;
	lru_remove(e);
}

/* frees an entry nobody pins or loads any more */
static void
entry_free(CacheEntry *e)
{
	Assert(!e->linked && e->pins == 0);
	if (DsaPointerIsValid(e->data))
		dsa_free(area, e->data);
	ctl->bytes -= e->charge;
	dsa_free(area, e->self);
}

/* drops an entry from lookups; frees it when nobody holds it */
static void
entry_drop(CacheEntry *e)
{
	hash_unlink(e);
	if (e->pins == 0 && e->loader_pid == 0)
		entry_free(e);
}

static void
entry_pin(CacheEntry *e, SharedCacheRef *ref)
{
	/* pin_room() made room before the lock was taken */
	if (my_npins == my_maxpins)
		elog(ERROR, "marsql shared cache: no room for a pin");
	if (e->pins++ == 0)
		ctl->pinned++;
	my_pins[my_npins].id = ++next_pin_id;
	my_pins[my_npins].entry = e->self;
	my_npins++;
	ref->data = dsa_get_address(area, e->data);
	ref->len = e->len;
	memcpy(ref->meta, e->meta, SHARED_CACHE_META_BYTES);
	ref->pin = (void *) (uintptr_t) next_pin_id;
}

static void
entry_unpin(CacheEntry *e)
{
	Assert(e->pins > 0);
	if (--e->pins == 0)
	{
		ctl->pinned--;
		if (!e->linked && e->loader_pid == 0)
			entry_free(e);
	}
}

/* evicts the least recently used unpinned entry of group (any if NULL) */
static bool
evict_one(const SharedCacheKey *group)
{
	dsa_pointer p = ctl->lru_tail;

	while (DsaPointerIsValid(p))
	{
		CacheEntry *e = entry_at(p);

		p = e->lru_prev;
		if (e->pins > 0)
			continue;
		if (group != NULL &&
			(e->key.space != group->space || e->key.database != group->database ||
			 e->key.k1 != group->k1 || e->key.k2 != group->k2))
			continue;
		ctl->evictions++;
		entry_drop(e);
		return true;
	}
	return false;
}

static Size
group_bytes(const SharedCacheKey *group)
{
	Size		sum = 0;

	for (int b = 0; b < NBUCKETS; b++)
	{
		for (dsa_pointer p = ctl->buckets[b]; DsaPointerIsValid(p);)
		{
			CacheEntry *e = entry_at(p);

			if (e->key.space == group->space && e->key.database == group->database &&
				e->key.k1 == group->k1 && e->key.k2 == group->k2)
				sum += e->charge;
			p = e->next;
		}
	}
	return sum;
}

/*
 * The bound in force (ctl->lock held): marsql.shared_cache_size as the
 * backends see it.  A backend publishes its value, which it re-reads on
 * every reload; background workers (which keep the leader's settings of
 * when they started, and a warm one may outlive a reload) use the
 * published one.  The area's own limit follows.
 */
static Size
follow_limit(void)
{
	Size		limit;
	Size		want;

	if (MyBackendType == B_BG_WORKER)
		limit = ctl->limit;
	else
		limit = ctl->limit = size_limit();
	want = limit + AREA_SLACK(limit);
	if (ctl->area_limit != want)
	{
		ctl->area_limit = want;
		dsa_set_size_limit(area, want);
	}
	return limit;
}

/* ---------- local arrays ---------- */

static void
pin_room(void)
{
	if (my_npins < my_maxpins)
		return;
	if (my_pins == NULL)
	{
		my_maxpins = 16;
		my_pins = MemoryContextAlloc(TopMemoryContext, sizeof(LocalPin) * my_maxpins);
	}
	else
	{
		my_maxpins *= 2;
		my_pins = repalloc(my_pins, sizeof(LocalPin) * my_maxpins);
	}
}

static LocalLoad *
find_load(const SharedCacheKey *key)
{
	for (int i = 0; i < my_nloads; i++)
	{
		if (key_equal(&my_loads[i].key, key))
			return &my_loads[i];
	}
	return NULL;
}

static void
forget_load(LocalLoad *l)
{
	int			i = l - my_loads;

	my_loads[i] = my_loads[--my_nloads];
}

/* ---------- the API ---------- */

/* a backend's marsql.shared_cache_size, published for the workers (follow_limit) */
static void
publish_limit(void)
{
	if (MyBackendType == B_BG_WORKER || ctl->limit == size_limit())
		return;
	LWLockAcquire(&ctl->lock, LW_EXCLUSIVE);
	(void) follow_limit();
	LWLockRelease(&ctl->lock);
}

bool
shared_cache_enabled(void)
{
	if (marsql_shared_cache_size <= 0)
	{
		if (area != NULL)
			publish_limit();	/* off: the workers' stores stop too */
		return false;
	}
	if (!attach(true))
		return false;
	publish_limit();
	return true;
}

static void
key_copy(SharedCacheKey *dst, const SharedCacheKey *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->space = src->space;
	dst->database = src->database;
	dst->k1 = src->k1;
	dst->k2 = src->k2;
	dst->k3 = src->k3;
}

SharedCacheResult
shared_cache_lookup(const SharedCacheKey *key, bool claim_load, SharedCacheRef *ref)
{
	dsa_pointer fresh = InvalidDsaPointer;
	bool		waited = false;
	SharedCacheResult result;

	memset(ref, 0, sizeof(*ref));
	if (!shared_cache_enabled())
		return SHARED_CACHE_MISS;
	pin_room();
	if (claim_load && my_nloads == my_maxloads)
	{
		my_maxloads = Max(4, my_maxloads * 2);
		my_loads = my_loads == NULL
			? MemoryContextAlloc(TopMemoryContext, sizeof(LocalLoad) * my_maxloads)
			: repalloc(my_loads, sizeof(LocalLoad) * my_maxloads);
	}

	for (;;)
	{
		CacheEntry *e;

		LWLockAcquire(&ctl->lock, LW_EXCLUSIVE);
		e = find_entry(key);
		if (e != NULL && e->state == ENTRY_READY)
		{
			entry_pin(e, ref);
			lru_push_head(e);
			ctl->hits++;
			result = SHARED_CACHE_HIT;
			break;
		}
		if (e == NULL && claim_load && DsaPointerIsValid(fresh))
		{
			CacheEntry *n = entry_at(fresh);
			uint32		b = key_bucket(key);

			key_copy(&n->key, key);
			n->self = fresh;
			n->data = InvalidDsaPointer;
			n->lru_prev = n->lru_next = InvalidDsaPointer;
			n->charge = MAXALIGN(sizeof(CacheEntry));
			n->state = ENTRY_LOADING;
			n->loader_pid = MyProcPid;
			n->next = ctl->buckets[b];
			ctl->buckets[b] = fresh;
			n->linked = true;
			ctl->entries++;
			ctl->bytes += n->charge;
			ctl->misses++;
			fresh = InvalidDsaPointer;
			my_loads[my_nloads].entry = n->self;
			key_copy(&my_loads[my_nloads].key, key);
			my_nloads++;
			result = SHARED_CACHE_LOAD;
			break;
		}
		if (e == NULL && claim_load)
		{
			/* the entry is allocated without the lock, then looked for again */
			LWLockRelease(&ctl->lock);
			fresh = area_alloc(sizeof(CacheEntry), true);
			if (!DsaPointerIsValid(fresh))
			{
				LWLockAcquire(&ctl->lock, LW_EXCLUSIVE);
				ctl->misses++;
				ctl->no_room++;
				result = SHARED_CACHE_MISS;
				break;
			}
			continue;
		}
		if (e == NULL || !claim_load || e->loader_pid == MyProcPid)
		{
			ctl->misses++;
			result = SHARED_CACHE_MISS;
			break;
		}
		/* another process loads it: wait for it to publish or give up */
		if (!waited)
			ctl->loads_waited++;
		waited = true;
		LWLockRelease(&ctl->lock);
		/* a cancel while waiting must not leak it */
		if (DsaPointerIsValid(fresh))
			dsa_free(area, fresh);
		fresh = InvalidDsaPointer;
		ConditionVariableSleep(&ctl->loaded, PG_WAIT_EXTENSION);
	}
	LWLockRelease(&ctl->lock);
	if (waited)
		ConditionVariableCancelSleep();
	if (DsaPointerIsValid(fresh))
		dsa_free(area, fresh);
	return result;
}

bool
shared_cache_loading_elsewhere(const SharedCacheKey *key)
{
	CacheEntry *e;
	bool		loading;

	if (area == NULL || ctl == NULL)
		return false;			/* nothing attached: nobody's load to see */
	LWLockAcquire(&ctl->lock, LW_SHARED);
	e = find_entry(key);
	loading = e != NULL && e->state != ENTRY_READY && e->loader_pid != MyProcPid;
	LWLockRelease(&ctl->lock);
	return loading;
}

/* cancels l's load; ctl->lock held */
static void
cancel_locked(LocalLoad *l)
{
	CacheEntry *e = entry_at(l->entry);

	hash_unlink(e);
	e->loader_pid = 0;
	if (e->pins == 0)
		entry_free(e);
	forget_load(l);
}

static void *
reserve(const SharedCacheKey *key, Size len, const void *meta, Size group_limit)
{
	LocalLoad  *l = find_load(key);
	CacheEntry *e;
	Size		charge = MAXALIGN(sizeof(CacheEntry)) + MAXALIGN(len);
	Size		add = MAXALIGN(len);
	Size		limit;
	dsa_pointer data = InvalidDsaPointer;
	bool		fits = true;

	if (l == NULL || area == NULL)
		return NULL;			/* no claimed load: nothing to fill */
	LWLockAcquire(&ctl->lock, LW_EXCLUSIVE);
	limit = follow_limit();
	e = entry_at(l->entry);
	if (charge > limit || charge > group_limit)
		fits = false;
	while (fits && group_limit < limit &&
		   group_bytes(key) + add > group_limit)
		fits = evict_one(key);
	while (fits && (Size) ctl->bytes + add > limit)
		fits = evict_one(NULL);
	if (fits)
	{
		/* counted now, so that others make room for it meanwhile */
		e->charge += add;
		ctl->bytes += add;
	}
	LWLockRelease(&ctl->lock);

	while (fits)
	{
		data = area_alloc(len, false);
		if (DsaPointerIsValid(data))
			break;
		/* the area's limit or fragmentation: free another entry and retry */
		LWLockAcquire(&ctl->lock, LW_EXCLUSIVE);
		fits = evict_one(NULL);
		LWLockRelease(&ctl->lock);
	}

	LWLockAcquire(&ctl->lock, LW_EXCLUSIVE);
	if (!fits)
	{
		ctl->no_room++;
		cancel_locked(l);
		LWLockRelease(&ctl->lock);
		ConditionVariableBroadcast(&ctl->loaded);
		return NULL;
	}
	e->data = data;
	e->len = len;
	if (meta != NULL)
		memcpy(e->meta, meta, SHARED_CACHE_META_BYTES);
	else
		memset(e->meta, 0, SHARED_CACHE_META_BYTES);
	e->state = ENTRY_RESERVED;
	LWLockRelease(&ctl->lock);
	return dsa_get_address(area, data);
}

void *
shared_cache_reserve(const SharedCacheKey *key, Size len, const void *meta)
{
	return reserve(key, len, meta, SIZE_MAX);
}

void *
shared_cache_reserve_bounded(const SharedCacheKey *key, Size len, const void *meta,
							 Size group_limit)
{
	return reserve(key, len, meta, group_limit);
}

void
shared_cache_publish(const SharedCacheKey *key, SharedCacheRef *ref)
{
	LocalLoad  *l = find_load(key);
	CacheEntry *e;

	memset(ref, 0, sizeof(*ref));
	if (l == NULL || area == NULL)
		elog(ERROR, "marsql shared cache: publishing a load this process did not claim");
	pin_room();
	LWLockAcquire(&ctl->lock, LW_EXCLUSIVE);
	e = entry_at(l->entry);
	if (e->state != ENTRY_RESERVED)
	{
		LWLockRelease(&ctl->lock);
		elog(ERROR, "marsql shared cache: publishing a load that was not reserved");
	}
	e->state = ENTRY_READY;
	e->loader_pid = 0;
	forget_load(l);
	if (e->linked)
		lru_push_head(e);
	entry_pin(e, ref);
	LWLockRelease(&ctl->lock);
	ConditionVariableBroadcast(&ctl->loaded);
}

static bool
store(const SharedCacheKey *key, const void *data, Size len, const void *meta,
	  Size group_limit, SharedCacheRef *ref)
{
	void	   *dest;

	memset(ref, 0, sizeof(*ref));
	dest = reserve(key, len, meta, group_limit);
	if (dest == NULL)
	{
		shared_cache_cancel_load(key);
		return false;
	}
	memcpy(dest, data, len);
	shared_cache_publish(key, ref);
	return true;
}

bool
shared_cache_store_bounded(const SharedCacheKey *key, const void *data, Size len,
						   const void *meta, Size group_limit, SharedCacheRef *ref)
{
	return store(key, data, len, meta, group_limit, ref);
}

void
shared_cache_cancel_load(const SharedCacheKey *key)
{
	LocalLoad  *l = find_load(key);

	if (l == NULL || area == NULL)
		return;
	LWLockAcquire(&ctl->lock, LW_EXCLUSIVE);
	cancel_locked(l);
	LWLockRelease(&ctl->lock);
	ConditionVariableBroadcast(&ctl->loaded);
}

void
shared_cache_unpin(SharedCacheRef *ref)
{
	uint64		id = (uint64) (uintptr_t) ref->pin;

	if (id == 0 || area == NULL)
		return;
	ref->pin = NULL;
	for (int i = my_npins - 1; i >= 0; i--)
	{
		if (my_pins[i].id == id)
		{
			dsa_pointer p = my_pins[i].entry;

			my_pins[i] = my_pins[--my_npins];
			LWLockAcquire(&ctl->lock, LW_EXCLUSIVE);
			entry_unpin(entry_at(p));
			LWLockRelease(&ctl->lock);
			return;
		}
	}
	/* released already, at the end of its transaction */
}

/* every pin and claimed load of this process */
static void
release_all(void)
{
	bool		cancelled;

	if (area == NULL || (my_npins == 0 && my_nloads == 0))
		return;
	cancelled = my_nloads > 0;
	LWLockAcquire(&ctl->lock, LW_EXCLUSIVE);
	while (my_nloads > 0)
		cancel_locked(&my_loads[my_nloads - 1]);
	for (int i = 0; i < my_npins; i++)
		entry_unpin(entry_at(my_pins[i].entry));
	my_npins = 0;
	LWLockRelease(&ctl->lock);
	if (cancelled)
		ConditionVariableBroadcast(&ctl->loaded);
}

void
shared_cache_invalidate(const SharedCacheKey *key)
{
	CacheEntry *e;

	if (!attach(false))
		return;
	LWLockAcquire(&ctl->lock, LW_EXCLUSIVE);
	e = find_entry(key);
	if (e != NULL)
	{
		ctl->invalidations++;
		entry_drop(e);
	}
	LWLockRelease(&ctl->lock);
}

void
shared_cache_invalidate_prefix(uint32 space, Oid database, uint64 k1,
							   bool match_k2, uint64 k2)
{
	if (!attach(false))
		return;
	LWLockAcquire(&ctl->lock, LW_EXCLUSIVE);
	for (int b = 0; b < NBUCKETS; b++)
	{
		dsa_pointer p = ctl->buckets[b];

		while (DsaPointerIsValid(p))
		{
			CacheEntry *e = entry_at(p);

			p = e->next;
			if (e->key.space == space && e->key.database == database &&
				e->key.k1 == k1 && (!match_k2 || e->key.k2 == k2))
			{
				ctl->invalidations++;
				entry_drop(e);
			}
		}
	}
	LWLockRelease(&ctl->lock);
}

void
shared_cache_get_stats(SharedCacheStats *stats)
{
	memset(stats, 0, sizeof(*stats));
	stats->size_limit = (int64) size_limit();
	if (!attach(false))
		return;
	publish_limit();
	LWLockAcquire(&ctl->lock, LW_SHARED);
	if (MyBackendType == B_BG_WORKER)
		stats->size_limit = (int64) ctl->limit;
	stats->bytes = ctl->bytes;
	stats->entries = ctl->entries;
	stats->pinned = ctl->pinned;
	stats->hits = ctl->hits;
	stats->misses = ctl->misses;
	stats->loads_waited = ctl->loads_waited;
	stats->evictions = ctl->evictions;
	stats->invalidations = ctl->invalidations;
	stats->no_room = ctl->no_room;
	LWLockRelease(&ctl->lock);
}

void
shared_cache_reset(void)
{
	if (!attach(false))
		return;
	LWLockAcquire(&ctl->lock, LW_EXCLUSIVE);
	(void) follow_limit();
	for (int b = 0; b < NBUCKETS; b++)
	{
		dsa_pointer p = ctl->buckets[b];

		while (DsaPointerIsValid(p))
		{
			CacheEntry *e = entry_at(p);

			p = e->next;
			if (e->state == ENTRY_READY && e->pins == 0)
				entry_drop(e);
		}
	}
	ctl->hits = ctl->misses = ctl->loads_waited = 0;
	ctl->evictions = ctl->invalidations = ctl->no_room = 0;
	LWLockRelease(&ctl->lock);
}

/* ---------- SQL ---------- */

PG_FUNCTION_INFO_V1(shared_cache_stats_sql);
PG_FUNCTION_INFO_V1(shared_cache_reset_sql);

/* marsql.shared_cache_stats(): one row of SharedCacheStats */
Datum
shared_cache_stats_sql(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	SharedCacheStats s;
	Datum		values[10];
	bool		nulls[10] = {0};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	shared_cache_get_stats(&s);
	values[0] = Int64GetDatum(s.size_limit);
	values[1] = Int64GetDatum(s.bytes);
	values[2] = Int64GetDatum(s.entries);
	values[3] = Int64GetDatum(s.pinned);
	values[4] = Int64GetDatum(s.hits);
	values[5] = Int64GetDatum(s.misses);
	values[6] = Int64GetDatum(s.loads_waited);
	values[7] = Int64GetDatum(s.evictions);
	values[8] = Int64GetDatum(s.invalidations);
	values[9] = Int64GetDatum(s.no_room);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* marsql.shared_cache_reset(): EXECUTE revoked from PUBLIC in the install script */
Datum
shared_cache_reset_sql(PG_FUNCTION_ARGS)
{
	(void) fcinfo;
	shared_cache_reset();
	PG_RETURN_VOID();
}
