/*
 * value_cache.h
 *	  The resident value cache: detoasted copies of large stored values
 *	  (tensors read again and again: a k-NN corpus, a weight matrix, a
 *	  chunked tile read through SPI) kept in backend memory across
 *	  statements while they are unchanged.  See docs/cache.md.
 *
 *	  Two tiers: the backend's own memory (marsql.value_cache_size) and
 *	  the server-wide shared cache (shared_cache.h, marsql.value_cache_shared),
 *	  which every backend of a database reads in place.
 *
 *	  A value handed out by the cache is SHARED and READ-ONLY: it stays
 *	  valid until the end of the current (top-level) transaction, and no
 *	  caller may write into it or pfree it.  Code that wants to modify an
 *	  argument copies it first (PG_DETOAST_DATUM_COPY or
 *	  value_cache_detoast_copy).
 */
#ifndef MARSQL_VALUE_CACHE_H
#define MARSQL_VALUE_CACHE_H

#include "postgres.h"
#include "fmgr.h"

/*
 * The detoasted form of an external on-disk value: from the cache when it
 * is resident and still the stored value, else read (and kept when it is
 * large enough and fits).  Read-only, valid until the end of the
 * transaction.  Any other varlena goes through pg_detoast_datum.
 */
extern struct varlena *value_cache_detoast(struct varlena *attr);

/* The detoasted form of any varlena datum, through the cache where it applies. */
static inline struct varlena *
value_cache_datum(Datum d)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);

	if (VARATT_IS_EXTERNAL_ONDISK(v))
		return value_cache_detoast(v);
	return pg_detoast_datum(v);
}

/* A private palloc'd copy of d, detoasted (a cached value is copied from memory). */
extern struct varlena *value_cache_detoast_copy(Datum d);

/*
 * A private palloc'd copy of d, detoasted: copied from memory when the
 * cache holds it, else read without keeping it.  For reads that another
 * cache keeps (chunked tiles, in the tile cache of a job), so that a value
 * is not held twice.
 */
extern struct varlena *value_cache_copy_unkept(Datum d);

/*
 * Reads an external on-disk value (VARATT_IS_EXTERNAL_ONDISK) into dest,
 * which has room for its raw size (va_rawsize), the way detoast_attr would:
 * straight from the toast slices for an uncompressed value, through a
 * private buffer and the decompressor for a compressed one.  For readers
 * that place a value in memory of their own (the shared cache).
 */
extern void value_cache_fetch_into(struct varlena *attr, struct varlena *dest);

/*
 * Whether p is the cache's copy of arg (which must then never be freed):
 * PG_FREE_IF_COPY on a detoasted argument must ask this first.
 */
extern bool value_cache_holds(Datum arg, const void *p);

/* Counters of this backend's cache (marsql.value_cache_stats()). */
typedef struct ValueCacheStats
{
	int64		entries;
	int64		bytes;
	int64		pinned;			/* entries handed out in this transaction */
	int64		hits;
	int64		misses;
	int64		evictions;
	int64		invalidations;
	int64		skipped;		/* misses that could not be kept (no room) */
	double		validate_ms;	/* total time of the validation probes */
	int64		validations;
	/* the shared tier, as this backend used it */
	int64		shared_hits;	/* reads served from shared memory */
	int64		shared_loads;	/* misses read into shared memory (also misses) */
	int64		shared_invalidations;	/* shared entries found naming other bytes */
	int64		shared_no_room; /* loads the shared cache had no room for */
	int64		shared_pinned;	/* shared entries this transaction holds */
} ValueCacheStats;

extern void value_cache_get_stats(ValueCacheStats *stats);

/*
 * Drops every entry of this backend's own tier (entries in use are freed
 * at transaction end) and zeroes this backend's counters.  The shared tier
 * serves other backends and is left alone (marsql.shared_cache_reset()).
 */
extern void value_cache_reset(void);

#endif							/* MARSQL_VALUE_CACHE_H */
