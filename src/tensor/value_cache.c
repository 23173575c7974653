/*
 * value_cache.c
 *	  The resident value cache of one backend: detoasted copies of large
 *	  external (TOASTed, on-disk) values, kept across statements and
 *	  transactions so that a value used again and again is read from TOAST
 *	  once.  Every tensor argument reaches it through DatumGetTensorStoredP
 *	  (tensor.h).
 *
 *	  Key: the TOAST pointer (toast relation, value OID, raw and external
 *	  sizes).  A stored external value never changes in place: UPDATE
 *	  writes a new value under a new OID.  The one danger is a key that
 *	  comes back naming another value: the OID reused after the old value
 *	  was deleted and vacuumed (or the table truncated), or a rewrite
 *	  (VACUUM FULL, CLUSTER) that keeps the OIDs but moves the chunks.  So
 *	  every hit is validated: the toast index is probed for (value OID,
 *	  chunk 0) and the chunk's TID, its raw xmin and the toast relation's
 *	  relfilenode must be those seen when the value was read.  A reused OID
 *	  is a new tuple (new xmin and/or TID), a rewrite or TRUNCATE a new
 *	  relfilenode, a dropped relation no relation: each is a miss that
 *	  reads the value again, never a wrong value.  Which pointer a caller
 *	  holds is decided by its own snapshot; the cache only maps a pointer
 *	  to its bytes.
 *
 *	  Lifetime: an entry handed out in a transaction is pinned until that
 *	  transaction ends (the caller may hold the pointer until then), and
 *	  only unpinned entries are evicted, least recently used first.  The
 *	  entries take at most marsql.value_cache_size bytes: a value that does
 *	  not fit (too large, or the room is pinned) is detoasted as usual into
 *	  the caller's memory.  Each entry has a memory context of its own,
 *	  below one cache context in TopMemoryContext.
 *
 *	  Two tiers: the backend's own entries (above), and the shared tier,
 *	  entries of the server-wide shared cache (shared_cache.h) that every
 *	  backend of the database reads in place, so that a pool of backends
 *	  reading one corpus reads it from TOAST once and holds it once.  A
 *	  read tries this backend's entries, then the shared tier (a hit, or
 *	  this backend reads the value straight into shared memory and
 *	  publishes it), and keeps the value in its own memory only when the
 *	  shared tier cannot (off, or no room): a backend never holds a value
 *	  in both.  A shared entry carries the validation stamp as its meta
 *	  bytes and is validated on every hit with the same probe; it is
 *	  pinned until the end of the transaction by the shared cache, and
 *	  this file remembers the pointers it handed out (value_cache_holds).
 */
#include "postgres.h"

#include "access/detoast.h"
#include "access/genam.h"
#include "access/htup_details.h"
#include "access/relation.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/toast_compression.h"
#include "access/toast_internals.h"
#include "access/xact.h"
#include "catalog/pg_class.h"
#include "common/pg_lzcompress.h"
#include "miscadmin.h"
#include "funcapi.h"
#include "lib/ilist.h"
#include "portability/instr_time.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "guc.h"
#include "kernels/heap_retain.h"
#include "tensor/retained_memory.h"
#include "tensor/shared_cache.h"
#include "tensor/value_cache.h"

typedef struct ValueKey
{
	Oid			toastrelid;
	Oid			valueid;
	int32		rawsize;
	uint32		extinfo;
} ValueKey;

/* what a probe of the toast index sees of a value */
typedef struct ValueStamp
{
	Oid			relfilenode;	/* of the toast relation */
	ItemPointerData tid;		/* of chunk 0 */
	TransactionId xmin;			/* raw xmin of chunk 0 */
	bool		temp;			/* a temporary table's (not compared) */
} ValueStamp;

typedef struct ValueEntry
{
	ValueKey	key;			/* hash key, first */
	struct varlena *value;		/* detoasted, in cxt */
	MemoryContext cxt;
	Size		bytes;
	ValueStamp	stamp;
	uint64		pinned_in;		/* == xact_generation: in use */
	dlist_node	lru;			/* head: most recently used */
} ValueEntry;

/* a value dropped from the table while pinned: freed at transaction end */
typedef struct DoomedValue
{
	dlist_node	node;
	struct varlena *value;
	MemoryContext cxt;
} DoomedValue;

StaticAssertDecl(sizeof(ValueStamp) <= SHARED_CACHE_META_BYTES,
				 "the validation stamp is a shared entry's meta bytes");

/* a shared entry handed out in this transaction (pinned until its end) */
typedef struct SharedPin
{
	ValueKey	key;			/* hash key, first */
	SharedCacheRef ref;
	ValueStamp	stamp;
} SharedPin;

static MemoryContext cache_cxt = NULL;
static HTAB *entries = NULL;
static dlist_head lru = DLIST_STATIC_INIT(lru);
static dlist_head doomed = DLIST_STATIC_INIT(doomed);
static Size cache_bytes = 0;
static uint64 xact_generation = 1;
/* the context of a read that has not finished (an error left it behind) */
static MemoryContext loading_cxt = NULL;
static ValueCacheStats counters;

/*
 * The shared entries this transaction was handed, by key, and the data
 * pointers of those it stopped using (an invalidation): all stay pinned,
 * and valid, until the transaction ends.  In pins_cxt, reset then.
 */
static MemoryContext pins_cxt = NULL;
static HTAB *shared_pins = NULL;
static List *dropped_pins = NIL;

static void value_cache_xact_callback(XactEvent event, void *arg);

static Size
cache_limit(void)
{
	return (Size) marsql_value_cache_size_kb * 1024;
}

static void
cache_init(void)
{
	HASHCTL		ctl;

	if (entries != NULL)
		return;
	cache_cxt = AllocSetContextCreate(TopMemoryContext, "marsql value cache",
									  ALLOCSET_SMALL_SIZES);
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(ValueKey);
	ctl.entrysize = sizeof(ValueEntry);
	ctl.hcxt = cache_cxt;
	entries = hash_create("marsql value cache", 64, &ctl,
						  HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	RegisterXactCallback(value_cache_xact_callback, NULL);
}

/* the key of an external on-disk value: its TOAST pointer */
static void
key_of(struct varlena *attr, ValueKey *key)
{
	struct varatt_external toast_pointer;

	VARATT_EXTERNAL_GET_POINTER(toast_pointer, attr);
	memset(key, 0, sizeof(*key));
	key->toastrelid = toast_pointer.va_toastrelid;
	key->valueid = toast_pointer.va_valueid;
	key->rawsize = toast_pointer.va_rawsize;
	key->extinfo = toast_pointer.va_extinfo;
}

/* a palloc'd copy of a plain varlena */
static struct varlena *
copy_of(const struct varlena *v)
{
	struct varlena *copy = palloc(VARSIZE_ANY(v));

	mt_advise_huge_pages(copy, VARSIZE_ANY(v));
	memcpy(copy, v, VARSIZE_ANY(v));
	return copy;
}

/*
 * Probes the toast index for chunk 0 of the value: false when the toast
 * relation or the chunk is gone.  Takes the lock a detoast takes.
 */
static bool
probe(const ValueKey *key, ValueStamp *stamp)
{
	Relation	toastrel;
	Relation   *toastidxs;
	int			num_indexes;
	int			valid;
	ScanKeyData skey[2];
	SysScanDesc scan;
	HeapTuple	tup;
	SnapshotData toast_snapshot;
	bool		found = false;
	instr_time	start,
				elapsed;

	INSTR_TIME_SET_CURRENT(start);
	toastrel = try_relation_open(key->toastrelid, AccessShareLock);
	if (toastrel == NULL)
		return false;
	if (toastrel->rd_rel->relkind != RELKIND_TOASTVALUE)
	{
		relation_close(toastrel, AccessShareLock);
		return false;
	}
	valid = toast_open_indexes(toastrel, AccessShareLock, &toastidxs, &num_indexes);
	init_toast_snapshot(&toast_snapshot);
	ScanKeyInit(&skey[0], (AttrNumber) 1, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(key->valueid));
	ScanKeyInit(&skey[1], (AttrNumber) 2, BTEqualStrategyNumber, F_INT4EQ,
				Int32GetDatum(0));
	scan = systable_beginscan_ordered(toastrel, toastidxs[valid], &toast_snapshot,
									  2, skey);
	tup = systable_getnext_ordered(scan, ForwardScanDirection);
	if (tup != NULL)
	{
		found = true;
		stamp->relfilenode = toastrel->rd_node.relNode;
		stamp->tid = tup->t_self;
		stamp->xmin = HeapTupleHeaderGetRawXmin(tup->t_data);
		stamp->temp = toastrel->rd_rel->relpersistence == RELPERSISTENCE_TEMP;
	}
	systable_endscan_ordered(scan);
	toast_close_indexes(toastidxs, num_indexes, AccessShareLock);
	table_close(toastrel, AccessShareLock);
	INSTR_TIME_SET_CURRENT(elapsed);
	INSTR_TIME_SUBTRACT(elapsed, start);
	counters.validate_ms += INSTR_TIME_GET_MILLISEC(elapsed);
	counters.validations++;
	return found;
}

static bool
stamps_equal(const ValueStamp *a, const ValueStamp *b)
{
	return a->relfilenode == b->relfilenode &&
		ItemPointerEquals((ItemPointer) &a->tid, (ItemPointer) &b->tid) &&
		a->xmin == b->xmin;
}

/* Removes an entry: freed now, or at transaction end when in use. */
static void
remove_entry(ValueEntry *e)
{
	dlist_delete(&e->lru);
	cache_bytes -= e->bytes;
	if (e->pinned_in == xact_generation)
	{
		DoomedValue *d = MemoryContextAlloc(cache_cxt, sizeof(DoomedValue));

		d->value = e->value;
		d->cxt = e->cxt;
		dlist_push_tail(&doomed, &d->node);
	}
	else
		MemoryContextDelete(e->cxt);
	hash_search(entries, &e->key, HASH_REMOVE, NULL);
}

/* Evicts unpinned entries, least recently used first, until need more bytes fit. */
static bool
make_room(Size need)
{
	dlist_node *n;

	if (cache_bytes + need <= cache_limit())
		return true;
	/* from the tail (least recently used) towards the head */
	n = dlist_is_empty(&lru) ? NULL : dlist_tail_node(&lru);
	while (n != NULL)
	{
		dlist_node *prev = dlist_has_prev(&lru, n) ? dlist_prev_node(&lru, n) : NULL;
		ValueEntry *e = dlist_container(ValueEntry, lru, n);

		if (e->pinned_in != xact_generation)
		{
			remove_entry(e);
			counters.evictions++;
			if (cache_bytes + need <= cache_limit())
				return true;
		}
		n = prev;
	}
	return false;
}

static void
free_doomed(void)
{
	dlist_mutable_iter it;

	dlist_foreach_modify(it, &doomed)
	{
		DoomedValue *d = dlist_container(DoomedValue, node, it.cur);

		dlist_delete(&d->node);
		MemoryContextDelete(d->cxt);
		pfree(d);
	}
}

static void
value_cache_xact_callback(XactEvent event, void *arg)
{
	(void) arg;
	switch (event)
	{
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			/* nothing handed out is in use any more */
			xact_generation++;
			if (loading_cxt != NULL)
			{
				MemoryContextDelete(loading_cxt);
				loading_cxt = NULL;
			}
			free_doomed();
			/* the shared cache releases its pins itself */
			if (pins_cxt != NULL)
				MemoryContextReset(pins_cxt);
			shared_pins = NULL;
			dropped_pins = NIL;
			/* a smaller marsql.value_cache_size takes effect here */
			make_room(0);
			break;
		default:
			break;
	}
}

/* ---- the shared tier ---- */

/* whether reads of this session may use the shared tier now */
static bool
shared_tier_on(void)
{
	return marsql_value_cache_shared && OidIsValid(MyDatabaseId) &&
		shared_cache_enabled();
}

static void
shared_key_of(const ValueKey *key, SharedCacheKey *skey)
{
	memset(skey, 0, sizeof(*skey));
	skey->space = SHARED_CACHE_VALUE;
	skey->database = MyDatabaseId;
	skey->k1 = key->toastrelid;
	skey->k2 = key->valueid;
	skey->k3 = ((uint64) (uint32) key->rawsize << 32) | key->extinfo;
}

static void
stamp_of_meta(const char *meta, ValueStamp *stamp)
{
	memcpy(stamp, meta, sizeof(*stamp));
}

/* this transaction's pin of key, or NULL */
static SharedPin *
pin_of(const ValueKey *key)
{
	if (shared_pins == NULL)
		return NULL;
	return (SharedPin *) hash_search(shared_pins, key, HASH_FIND, NULL);
}

/* Remembers a shared entry handed out in this transaction. */
static SharedPin *
remember_pin(const ValueKey *key, const SharedCacheRef *ref, const ValueStamp *stamp)
{
	SharedPin  *pin;
	bool		found;

	if (shared_pins == NULL)
	{
		HASHCTL		ctl;

		if (pins_cxt == NULL)
			pins_cxt = AllocSetContextCreate(cache_cxt, "marsql value cache pins",
											 ALLOCSET_SMALL_SIZES);
		memset(&ctl, 0, sizeof(ctl));
		ctl.keysize = sizeof(ValueKey);
		ctl.entrysize = sizeof(SharedPin);
		ctl.hcxt = pins_cxt;
		shared_pins = hash_create("marsql value cache pins", 16, &ctl,
								  HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	pin = (SharedPin *) hash_search(shared_pins, key, HASH_ENTER, &found);
	Assert(!found);
	pin->ref = *ref;
	pin->stamp = *stamp;
	return pin;
}

/*
 * Stops using a pin whose key was found to name other bytes: its pointer
 * may still be held by the caller, so it stays pinned (and recognised by
 * value_cache_holds) until the transaction ends.
 */
static void
drop_pin(SharedPin *pin)
{
	MemoryContext old = MemoryContextSwitchTo(pins_cxt);

	dropped_pins = lappend(dropped_pins, (void *) pin->ref.data);
	MemoryContextSwitchTo(old);
	hash_search(shared_pins, &pin->key, HASH_REMOVE, NULL);
}

void
value_cache_fetch_into(struct varlena *attr, struct varlena *dest)
{
	struct varatt_external tp;
	int32		extsize;
	int32		rawsize;
	Relation	toastrel;

	VARATT_EXTERNAL_GET_POINTER(tp, attr);
	extsize = VARATT_EXTERNAL_GET_EXTSIZE(tp);
	rawsize = tp.va_rawsize;
	if (!VARATT_EXTERNAL_IS_COMPRESSED(tp))
	{
		SET_VARSIZE(dest, extsize + VARHDRSZ);
		if (extsize == 0)
			return;
		toastrel = table_open(tp.va_toastrelid, AccessShareLock);
		table_relation_fetch_toast_slice(toastrel, tp.va_valueid, extsize, 0,
										 extsize, dest);
		table_close(toastrel, AccessShareLock);
	}
	else
	{
		struct varlena *compressed = palloc(extsize + VARHDRSZ);

		SET_VARSIZE_COMPRESSED(compressed, extsize + VARHDRSZ);
		toastrel = table_open(tp.va_toastrelid, AccessShareLock);
		table_relation_fetch_toast_slice(toastrel, tp.va_valueid, extsize, 0,
										 extsize, compressed);
		table_close(toastrel, AccessShareLock);
		if (TOAST_COMPRESS_METHOD(compressed) == TOAST_PGLZ_COMPRESSION_ID)
		{
			/* pglz decompresses into any buffer: straight into dest */
			if (pglz_decompress((char *) compressed + VARHDRSZ_COMPRESSED,
								VARSIZE(compressed) - VARHDRSZ_COMPRESSED,
								VARDATA(dest), rawsize - VARHDRSZ, true) != rawsize - VARHDRSZ)
				ereport(ERROR,
						(errcode(ERRCODE_DATA_CORRUPTED),
						 errmsg_internal("compressed pglz data is corrupt")));
			SET_VARSIZE(dest, rawsize);
		}
		else
		{
			struct varlena *plain = detoast_attr(compressed);

			if (VARSIZE_ANY(plain) != (Size) rawsize)
				ereport(ERROR,
						(errcode(ERRCODE_DATA_CORRUPTED),
						 errmsg_internal("decompressed value has %zu bytes, its pointer says %d",
										 VARSIZE_ANY(plain), rawsize)));
			memcpy(dest, plain, rawsize);
			pfree(plain);
		}
		pfree(compressed);
	}
}

/*
 * This backend claimed the load of key: reads the value into the shared
 * cache and publishes it.  Returns the shared copy, a private copy when
 * the value changed under the read (cannot happen while the caller holds
 * its pointer), or NULL when the shared tier has no room for it or the
 * value is gone (the load is then cancelled and the caller reads it the
 * usual way).
 */
static struct varlena *
shared_load(struct varlena *attr, const ValueKey *key, const SharedCacheKey *skey,
			const ValueStamp *before)
{
	ValueStamp	after;
	char		meta[SHARED_CACHE_META_BYTES];
	struct varlena *dest;
	SharedCacheRef ref;

	memset(meta, 0, sizeof(meta));
	memcpy(meta, before, sizeof(*before));
	dest = (struct varlena *) shared_cache_reserve(skey, (Size) key->rawsize, meta);
	if (dest == NULL)
	{
		/* no room: the load is cancelled, the local tier may keep it */
		counters.shared_no_room++;
		return NULL;
	}
	PG_TRY();
	{
		value_cache_fetch_into(attr, dest);
	}
	PG_CATCH();
	{
		/* not at transaction end: a subtransaction may catch this error */
		shared_cache_cancel_load(skey);
		PG_RE_THROW();
	}
	PG_END_TRY();
	counters.misses++;
	if (!probe(key, &after) || !stamps_equal(before, &after))
	{
		struct varlena *copy = copy_of(dest);

		counters.skipped++;
		shared_cache_cancel_load(skey);
		return copy;
	}
	shared_cache_publish(skey, &ref);
	counters.shared_loads++;
	remember_pin(key, &ref, before);
	return (struct varlena *) ref.data;
}

/*
 * The value from the shared tier: a validated hit, or read into it by this
 * backend.  NULL when the shared tier does not hold it and cannot (the
 * local tier then takes it): the value is gone (PostgreSQL's own read then
 * raises its error), belongs to a temporary table (no other backend can
 * name it), or there is no room.
 *
 * One probe of the toast index serves the whole read: it is the stamp a
 * hit must match and the one a load stores.  It may come first because
 * the stamp cannot change while the caller holds the pointer (a rewrite or
 * TRUNCATE of the table needs a lock that conflicts with the one the
 * caller took to read the tuple).
 */
static struct varlena *
shared_get(struct varlena *attr, const ValueKey *key)
{
	struct varatt_external tp;
	SharedCacheKey skey;
	SharedCacheRef ref;
	SharedPin  *pin;
	ValueStamp	stamp,
				now;
	int			attempt;

	VARATT_EXTERNAL_GET_POINTER(tp, attr);
	/* a pointer whose sizes disagree: let PostgreSQL's own read judge it */
	if (key->rawsize < (int32) VARHDRSZ ||
		(!VARATT_EXTERNAL_IS_COMPRESSED(tp) &&
		 (int32) VARATT_EXTERNAL_GET_EXTSIZE(tp) != key->rawsize - (int32) VARHDRSZ))
		return NULL;
	if (!probe(key, &now) || now.temp)
		return NULL;
	shared_key_of(key, &skey);
	pin = pin_of(key);
	if (pin != NULL)
	{
		/* handed out earlier in this transaction: validated as every hit */
		if (stamps_equal(&now, &pin->stamp))
		{
			counters.shared_hits++;
			return (struct varlena *) pin->ref.data;
		}
		counters.shared_invalidations++;
		drop_pin(pin);
		shared_cache_invalidate(&skey);
	}
	for (attempt = 0; attempt < 2; attempt++)
	{
		switch (shared_cache_lookup(&skey, true, &ref))
		{
			case SHARED_CACHE_HIT:
				stamp_of_meta(ref.meta, &stamp);
				if (stamps_equal(&now, &stamp))
				{
					counters.shared_hits++;
					remember_pin(key, &ref, &stamp);
					return (struct varlena *) ref.data;
				}
				/* the key names other bytes now: drop the entry, read again */
				counters.shared_invalidations++;
				shared_cache_unpin(&ref);
				shared_cache_invalidate(&skey);
				break;
			case SHARED_CACHE_LOAD:
				return shared_load(attr, key, &skey, &now);
			case SHARED_CACHE_MISS:
				return NULL;
		}
	}
	return NULL;
}

/* ---- reads ---- */

/*
 * A private copy of an external on-disk value that is resident in either
 * tier, validated as a hit is; NULL when it is not resident (nothing is
 * read or kept).
 */
static struct varlena *
resident_copy(struct varlena *attr)
{
	ValueKey	key;
	ValueEntry *e;
	ValueStamp	now,
				stamp;
	SharedPin  *pin;
	SharedCacheKey skey;
	SharedCacheRef ref;
	struct varlena *copy;

	if (!IsTransactionState() || GetOldestSnapshot() == NULL)
		return NULL;
	key_of(attr, &key);
	if (entries != NULL)
	{
		e = (ValueEntry *) hash_search(entries, &key, HASH_FIND, NULL);
		if (e != NULL && probe(&key, &now) && stamps_equal(&now, &e->stamp))
		{
			counters.hits++;
			dlist_move_head(&lru, &e->lru);
			return copy_of(e->value);
		}
	}
	if (marsql_value_cache_size_kb == 0 ||
		(Size) key.rawsize < (Size) marsql_value_cache_min_size_kb * 1024 ||
		!shared_tier_on())
		return NULL;
	pin = pin_of(&key);
	if (pin != NULL && probe(&key, &now) && stamps_equal(&now, &pin->stamp))
	{
		counters.shared_hits++;
		return copy_of(pin->ref.data);
	}
	/* a lookup that does not claim the load: no wait, nothing kept */
	shared_key_of(&key, &skey);
	if (shared_cache_lookup(&skey, false, &ref) != SHARED_CACHE_HIT)
		return NULL;
	stamp_of_meta(ref.meta, &stamp);
	if (!probe(&key, &now) || !stamps_equal(&now, &stamp))
	{
		counters.shared_invalidations++;
		shared_cache_unpin(&ref);
		shared_cache_invalidate(&skey);
		return NULL;
	}
	counters.shared_hits++;
	copy = copy_of(ref.data);
	shared_cache_unpin(&ref);
	return copy;
}

struct varlena *
value_cache_copy_unkept(Datum d)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);
	struct varlena *copy;

	if (!VARATT_IS_EXTERNAL_ONDISK(v))
		return pg_detoast_datum_copy(v);
	retained_memory_apply();
	copy = resident_copy(v);
	if (copy != NULL)
		return copy;
	return detoast_attr(v);
}

struct varlena *
value_cache_detoast(struct varlena *attr)
{
	ValueKey	key;
	ValueEntry *e;
	ValueStamp	before,
				after;
	bool		found;
	MemoryContext cxt,
				old;
	struct varlena *v;
	Size		bytes;

	retained_memory_apply();
	if (!VARATT_IS_EXTERNAL_ONDISK(attr))
		return pg_detoast_datum(attr);
	key_of(attr, &key);
	bytes = (Size) key.rawsize;
	/* cache off, too small to pay, or no snapshot to read it with */
	if (marsql_value_cache_size_kb == 0 ||
		bytes < (Size) marsql_value_cache_min_size_kb * 1024 ||
		!IsTransactionState() || GetOldestSnapshot() == NULL)
		return detoast_attr(attr);

	cache_init();
	/* this backend's own entries first */
	e = (ValueEntry *) hash_search(entries, &key, HASH_FIND, NULL);
	if (e != NULL)
	{
		if (probe(&key, &after) && stamps_equal(&after, &e->stamp))
		{
			counters.hits++;
			e->pinned_in = xact_generation;
			dlist_move_head(&lru, &e->lru);
			return e->value;
		}
		/* the key now names another value (or none): read it again */
		counters.invalidations++;
		remove_entry(e);
	}
	/* then the shared tier, which keeps it for every backend when it can */
	if (shared_tier_on())
	{
		v = shared_get(attr, &key);
		if (v != NULL)
			return v;
	}

	if (bytes > cache_limit())
	{
		/* larger than the whole cache: never kept */
		counters.misses++;
		counters.skipped++;
		return detoast_attr(attr);
	}
	counters.misses++;
	if (!probe(&key, &before) || !make_room(bytes))
	{
		/* gone (the detoast raises PostgreSQL's error), or no room */
		counters.skipped++;
		return detoast_attr(attr);
	}

	/* a read that failed earlier left its memory: nothing points there */
	if (loading_cxt != NULL)
		MemoryContextDelete(loading_cxt);
	cxt = AllocSetContextCreate(cache_cxt, "marsql cached value",
								ALLOCSET_SMALL_SIZES);
	loading_cxt = cxt;
	old = MemoryContextSwitchTo(cxt);
	v = detoast_attr(attr);
	MemoryContextSwitchTo(old);

	if (!probe(&key, &after) || !stamps_equal(&before, &after))
	{
		/* changed under the read (cannot happen while we hold the pointer) */
		counters.skipped++;
		loading_cxt = NULL;
		MemoryContextSetParent(cxt, CurrentMemoryContext);
		return v;
	}
	e = (ValueEntry *) hash_search(entries, &key, HASH_ENTER, &found);
	Assert(!found);
	/* from here on nothing fails: the entry owns the context */
	loading_cxt = NULL;
	e->value = v;
	e->cxt = cxt;
	e->bytes = VARSIZE_ANY(v);
	e->stamp = after;
	e->pinned_in = xact_generation;
	dlist_push_head(&lru, &e->lru);
	cache_bytes += e->bytes;
	return v;
}

struct varlena *
value_cache_detoast_copy(Datum d)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);
	struct varlena *r;

	if (!VARATT_IS_EXTERNAL_ONDISK(v))
		return pg_detoast_datum_copy(v);
	r = value_cache_detoast(v);
	if (value_cache_holds(d, r))
		return copy_of(r);
	return r;
}

bool
value_cache_holds(Datum arg, const void *p)
{
	struct varlena *attr = (struct varlena *) DatumGetPointer(arg);
	ValueKey	key;
	ValueEntry *e;
	SharedPin  *pin;
	dlist_iter	it;
	ListCell   *lc;

	if (!VARATT_IS_EXTERNAL_ONDISK(attr))
		return false;
	key_of(attr, &key);
	if (entries != NULL)
	{
		e = (ValueEntry *) hash_search(entries, &key, HASH_FIND, NULL);
		if (e != NULL && e->value == p)
			return true;
	}
	dlist_foreach(it, &doomed)
	{
		if (dlist_container(DoomedValue, node, it.cur)->value == p)
			return true;
	}
	/* shared memory handed out in this transaction */
	pin = pin_of(&key);
	if (pin != NULL && pin->ref.data == p)
		return true;
	foreach(lc, dropped_pins)
	{
		if (lfirst(lc) == p)
			return true;
	}
	return false;
}

void
value_cache_get_stats(ValueCacheStats *stats)
{
	HASH_SEQ_STATUS seq;
	ValueEntry *e;

	*stats = counters;
	stats->entries = 0;
	stats->bytes = (int64) cache_bytes;
	stats->pinned = 0;
	stats->shared_pinned = shared_pins == NULL ? 0 : (int64) hash_get_num_entries(shared_pins);
	stats->shared_pinned += list_length(dropped_pins);
	if (entries == NULL)
		return;
	hash_seq_init(&seq, entries);
	while ((e = (ValueEntry *) hash_seq_search(&seq)) != NULL)
	{
		stats->entries++;
		if (e->pinned_in == xact_generation)
			stats->pinned++;
	}
}

void
value_cache_reset(void)
{
	dlist_mutable_iter it;

	if (entries != NULL)
		dlist_foreach_modify(it, &lru)
			remove_entry(dlist_container(ValueEntry, lru, it.cur));
	memset(&counters, 0, sizeof(counters));
}

/* ---- SQL ---- */

#define VALUE_CACHE_STATS_COLS 15

PG_FUNCTION_INFO_V1(value_cache_stats_sql);
Datum
value_cache_stats_sql(PG_FUNCTION_ARGS)
{
	ValueCacheStats s;
	TupleDesc	tupdesc;
	Datum		values[VALUE_CACHE_STATS_COLS];
	bool		nulls[VALUE_CACHE_STATS_COLS] = {0};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	if (tupdesc->natts != VALUE_CACHE_STATS_COLS)
		elog(ERROR, "marsql.value_cache_stats() returns %d columns, the library %d",
			 tupdesc->natts, VALUE_CACHE_STATS_COLS);
	tupdesc = BlessTupleDesc(tupdesc);
	value_cache_get_stats(&s);
	values[0] = Int64GetDatum(s.entries);
	values[1] = Int64GetDatum(s.bytes);
	values[2] = Int64GetDatum(s.pinned);
	values[3] = Int64GetDatum(s.hits);
	values[4] = Int64GetDatum(s.misses);
	values[5] = Int64GetDatum(s.evictions);
	values[6] = Int64GetDatum(s.invalidations);
	values[7] = Int64GetDatum(s.skipped);
	values[8] = Int64GetDatum(s.validations);
	values[9] = Float8GetDatum(s.validate_ms);
	values[10] = Int64GetDatum(s.shared_hits);
	values[11] = Int64GetDatum(s.shared_loads);
	values[12] = Int64GetDatum(s.shared_invalidations);
	values[13] = Int64GetDatum(s.shared_no_room);
	values[14] = Int64GetDatum(s.shared_pinned);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

PG_FUNCTION_INFO_V1(value_cache_reset_sql);
Datum
value_cache_reset_sql(PG_FUNCTION_ARGS)
{
	(void) fcinfo;
	value_cache_reset();
	PG_RETURN_VOID();
}
