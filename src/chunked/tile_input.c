/*
 * tile_input.c
 *	  The input side of tile tasks (see tile_input.h): deciding which
 *	  operands travel as storage coordinates, reading those blocks in the
 *	  executor with the caller's snapshot, and the tile cache of each
 *	  process.
 *
 *	  A worker reads as of the caller's snapshot, as a parallel query
 *	  worker does: the caller serializes its active snapshot into the
 *	  payload, with its PGPROC number; the worker restores it and installs
 *	  its xmin as its own only while the caller still advertises an xmin no
 *	  newer (ProcArrayInstallRestoredXmin), so VACUUM cannot remove a row
 *	  version the job may read.  The caller holds that snapshot, active,
 *	  until the job ends.  Because a worker does not share the caller's
 *	  transaction, the caller's own uncommitted writes look to it like
 *	  another transaction's: storage the caller's transaction created,
 *	  truncated or wrote, and temporary tables (which only their backend can
 *	  read), travel by value instead, read by the caller.
 *
 *	  Tiles read by reference go through the shared cache
 *	  (tensor/shared_cache.h) under the key (caller PID, job number,
 *	  storage << 32 | tile number): the job stands for the snapshot every
 *	  read of that job uses, so whichever process of the job reads a tile
 *	  first publishes it and every other one is served from shared memory,
 *	  and a process that wants a tile another one is reading waits for it.
 *	  A job's tiles take at most marsql.tile_cache_size there (its least
 *	  recently used unpinned tiles go first); a tile is pinned for the task
 *	  (or payload) that took it, until the next scope, and the caller drops
 *	  the job's tiles when the job ends, however it ends (and all of its
 *	  jobs' at exit).
 *
 *	  Where the shared cache has no room (or is off), and for the tiles the
 *	  caller reads by value, each process keeps a cache of its own: one
 *	  job's tiles keyed by storage OID and tile number, bounded by
 *	  marsql.tile_cache_size with LRU eviction, except that tiles the
 *	  current task (or payload) holds are pinned.
 */
#include "postgres.h"

#include "access/relation.h"
#include "access/detoast.h"
#include "access/transam.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/ilist.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "portability/instr_time.h"
#include "storage/ipc.h"
#include "storage/lmgr.h"
#include "storage/proc.h"
#include "storage/procarray.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "chunked/tile_input.h"
#include "engine/engine.h"
#include "engine/engine_shmem.h"
#include "guc.h"
#include "tensor/shared_cache.h"
#include "tensor/value_cache.h"

StaticAssertDecl(TILE_MAX_INPUTS == 128, "input_refs and tile_input_is_ref_any hold two words of bits");

TileReadStats tile_read_stats;

void
tile_read_stats_delta(const TileReadStats *before, TileReadStats *delta)
{
	delta->reads = tile_read_stats.reads - before->reads;
	delta->hits = tile_read_stats.hits - before->hits;
	delta->bytes = tile_read_stats.bytes - before->bytes;
	delta->seconds = tile_read_stats.seconds - before->seconds;
}

void
tile_read_stats_add(TileReadStats *sum, const TileReadStats *add)
{
	sum->reads += add->reads;
	sum->hits += add->hits;
	sum->bytes += add->bytes;
	sum->seconds += add->seconds;
}

/* ---------- the cache ---------- */

typedef struct TileCacheKey
{
	Oid			storage;
	int64		index;
} TileCacheKey;

typedef struct TileCacheEntry
{
	TileCacheKey key;			/* hash key: first */
	Tensor	   *tile;
	Size		bytes;
	uint64		scope;			/* pinned while this is the current scope */
	dlist_node	lru;			/* head: most recently used */
} TileCacheEntry;

static struct
{
	bool		active;
	int32		caller_pid;
	uint64		job;
	uint64		scope;
	Size		bytes;
	HTAB	   *entries;
	dlist_head	lru;
	MemoryContext cxt;
} cache;

/* tiles of the shared cache the current scope holds pinned */
static SharedCacheRef *scope_refs = NULL;
static int	scope_nrefs = 0;
static int	scope_maxrefs = 0;

static Size
cache_budget(void)
{
	return (Size) marsql_tile_cache_size * 1024;
}

static void
scope_release(void)
{
	for (int i = 0; i < scope_nrefs; i++)
		shared_cache_unpin(&scope_refs[i]);
	scope_nrefs = 0;
}

static void
scope_keep(const SharedCacheRef *ref)
{
	if (scope_nrefs == scope_maxrefs)
	{
		scope_maxrefs = Max(16, scope_maxrefs * 2);
		scope_refs = scope_refs == NULL
			? MemoryContextAlloc(TopMemoryContext, sizeof(SharedCacheRef) * scope_maxrefs)
			: repalloc(scope_refs, sizeof(SharedCacheRef) * scope_maxrefs);
	}
	scope_refs[scope_nrefs++] = *ref;
}

static void
cache_clear(void)
{
	scope_release();
	if (cache.cxt != NULL)
		MemoryContextDelete(cache.cxt);
	cache.cxt = NULL;
	cache.entries = NULL;
	cache.bytes = 0;
	dlist_init(&cache.lru);
	cache.active = false;
}

/*
 * An executor's job is over when its leader parks it (idle) or when it
 * exits: tiles it published after the caller dropped the job's (a task
 * that ran on after an error or cancel) go then.
 */
static void
drop_executor_job(void)
{
	if (cache.active && cache.caller_pid != MyProcPid)
		shared_cache_invalidate_prefix(SHARED_CACHE_JOB_TILE, MyDatabaseId,
									   (uint64) (uint32) cache.caller_pid, true, cache.job);
}

static void
drop_executor_job_at_exit(int code, Datum arg)
{
	(void) code;
	(void) arg;
	drop_executor_job();
}

void
tile_cache_begin_job(int32 caller_pid, uint64 job)
{
	HASHCTL		ctl;
	static bool exit_callback = false;

	if (caller_pid != MyProcPid && !exit_callback)
	{
		before_shmem_exit(drop_executor_job_at_exit, (Datum) 0);
		exit_callback = true;
	}
	/* the caller makes the shared cache (and publishes its bound) first */
	if (caller_pid == MyProcPid && marsql_tile_cache_size > 0)
		(void) shared_cache_enabled();
	cache_clear();
	cache.cxt = AllocSetContextCreate(TopMemoryContext, "marsql tile cache",
									  ALLOCSET_DEFAULT_SIZES);
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(TileCacheKey);
	ctl.entrysize = sizeof(TileCacheEntry);
	ctl.hcxt = cache.cxt;
	cache.entries = hash_create("marsql tile cache", 256, &ctl,
								HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	cache.caller_pid = caller_pid;
	cache.job = job;
	cache.scope++;
	cache.active = true;
}

void
tile_cache_end_job(void)
{
	drop_executor_job();
	cache_clear();
}

bool
tile_cache_active(void)
{
	return cache.active;
}

void
tile_cache_new_scope(void)
{
	scope_release();
	cache.scope++;
}

void
tile_cache_drop_job(uint64 job)
{
	shared_cache_invalidate_prefix(SHARED_CACHE_JOB_TILE, MyDatabaseId, (uint64) MyProcPid,
								   true, job);
}

/* at exit, however the last job ended (FATAL included) */
static void
drop_jobs_at_exit(int code, Datum arg)
{
	(void) code;
	(void) arg;
	shared_cache_invalidate_prefix(SHARED_CACHE_JOB_TILE, MyDatabaseId, (uint64) MyProcPid,
								   false, 0);
}

Tensor *
tile_cache_lookup(Oid storage, int64 index)
{
	TileCacheKey key;
	TileCacheEntry *e;

	if (!cache.active)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.storage = storage;
	key.index = index;
	e = hash_search(cache.entries, &key, HASH_FIND, NULL);
	if (e == NULL)
		return NULL;
	e->scope = cache.scope;
	dlist_move_head(&cache.lru, &e->lru);
	tile_read_stats.hits++;
	return e->tile;
}

/* evicts unpinned tiles, least recently used first, until `need` more fit */
static void
cache_make_room(Size need)
{
	dlist_node *node;

	if (cache.bytes + need <= cache_budget() || dlist_is_empty(&cache.lru))
		return;
	node = dlist_tail_node(&cache.lru);
	while (node != NULL && cache.bytes + need > cache_budget())
	{
		TileCacheEntry *e = dlist_container(TileCacheEntry, lru, node);

		node = dlist_has_prev(&cache.lru, node) ? dlist_prev_node(&cache.lru, node) : NULL;
		if (e->scope == cache.scope)
			continue;
		dlist_delete(&e->lru);
		cache.bytes -= e->bytes;
		pfree(e->tile);
		hash_search(cache.entries, &e->key, HASH_REMOVE, NULL);
	}
}

Tensor *
tile_cache_insert(Oid storage, int64 index, Tensor *t)
{
	TileCacheKey key;
	TileCacheEntry *e;
	bool		found;

	Assert(cache.active);
	cache_make_room(VARSIZE(t));
	memset(&key, 0, sizeof(key));
	key.storage = storage;
	key.index = index;
	e = hash_search(cache.entries, &key, HASH_ENTER, &found);
	if (found)
	{
		/* cannot happen: a lookup comes first */
		dlist_delete(&e->lru);
		cache.bytes -= e->bytes;
		pfree(e->tile);
	}
	e->tile = t;
	e->bytes = VARSIZE(t);
	e->scope = cache.scope;
	dlist_push_head(&cache.lru, &e->lru);
	cache.bytes += e->bytes;
	return t;
}

Tensor *
tile_cache_own_datum(Datum d)
{
	MemoryContext old = MemoryContextSwitchTo(cache.active ? cache.cxt : CurrentMemoryContext);
	Tensor	   *t;

	/*
	 * A private copy, which the tile cache then owns: from the resident
	 * value cache's memory when it holds the stored tile, else read from
	 * TOAST without being kept there too (the tile cache keeps it for the
	 * job; a value kept twice would double the memory a job holds).
	 */
	t = (Tensor *) value_cache_copy_unkept(d);
	MemoryContextSwitchTo(old);
	return t;
}

/* ---------- the caller's side ---------- */

uint64
tile_input_next_job(void)
{
	static bool exit_callback = false;

	if (!exit_callback)
	{
		before_shmem_exit(drop_jobs_at_exit, (Datum) 0);
		exit_callback = true;
	}
	/* unique in the server, so that no later job ever finds this one's tiles */
	return engine_next_job_number();
}

/* true when this transaction has inserted, updated or deleted rows of rel */
static bool
written_in_transaction(Oid relid, bool *unknown)
{
	PgStat_TableStatus *tabstat;

	*unknown = false;
	/* a transaction without an xid has written nothing */
	if (!TransactionIdIsValid(GetTopTransactionIdIfAny()))
		return false;
	if (!pgstat_track_counts)
	{
		*unknown = true;
		return true;
	}
	tabstat = find_tabstat_entry(relid);
	if (tabstat == NULL)
		return false;
	for (PgStat_TableXactStatus *trans = tabstat->trans; trans != NULL; trans = trans->upper)
	{
		if (trans->tuples_inserted + trans->tuples_updated + trans->tuples_deleted > 0 ||
			trans->truncdropped)
			return true;
	}
	return false;
}

bool
tile_input_by_reference(const ChunkedTensor *ct, const char **why)
{
	Relation	rel;
	bool		unknown;
	bool		by_reference = false;

	/* the SELECT check and lock a TileStore takes */
	chunked_check_readable(ct);
	if (marsql_executors != ENGINE_EXECUTORS_LOCAL)
		*why = "the job may run on peers";
	else if (!ActiveSnapshotSet())
		*why = "no active snapshot";
	else if (tile_output_made_in_transaction(ct->storage))
		*why = "made by workers in this transaction";	/* tile_output.h */
	else
	{
		/*
		 * An unnamed result is a temporary table, or (workers made it, in
		 * an earlier transaction) an unlogged table of marsql_result that
		 * the caller claimed: committed, the caller's own, and visible to
		 * its workers like any table, so read by reference.
		 */
		rel = relation_open(ct->storage, AccessShareLock);
		if (rel->rd_rel->relpersistence == RELPERSISTENCE_TEMP)
			*why = "temporary";
		else if (rel->rd_createSubid != InvalidSubTransactionId)
			*why = "created in this transaction";
		else if (rel->rd_firstRelfilenodeSubid != InvalidSubTransactionId ||
				 rel->rd_newRelfilenodeSubid != InvalidSubTransactionId)
			*why = "truncated or rewritten in this transaction";
		else if (written_in_transaction(ct->storage, &unknown))
			*why = unknown ? "track_counts is off: this transaction's writes are unknown"
				: "written in this transaction";
		else
		{
			*why = NULL;
			by_reference = true;
		}
		relation_close(rel, NoLock);
	}
	return by_reference;
}

char *
tile_input_read_context(uint64 job, Size *bytes)
{
	Snapshot	snap = GetActiveSnapshot();
	Size		image = EstimateSnapshotSpace(snap);
	Size		head = MAXALIGN(sizeof(TileReadContext));
	char	   *buf;
	TileReadContext *ctx;

	*bytes = head + TYPEALIGN(8, image);
	buf = palloc0(*bytes);
	ctx = (TileReadContext *) buf;
	ctx->caller_procno = MyProc->pgprocno;
	ctx->caller_pid = MyProcPid;
	ctx->job = job;
	ctx->database = MyDatabaseId;
	ctx->snapshot_bytes = (int32) image;
	SerializeSnapshot(snap, buf + head);
	return buf;
}

/* ---------- the executor's side ---------- */

#define READ_MAX_RELATIONS 8

static struct
{
	bool		active;
	int32		caller_procno;
	int32		caller_pid;
	uint64		job;
	int			nrels;
	Oid			rel[READ_MAX_RELATIONS];
	char	   *name[READ_MAX_RELATIONS];
	SPIPlanPtr	plan[READ_MAX_RELATIONS];
	MemoryContext cxt;
} reading;

void
tile_input_begin(const char *context, Size bytes)
{
	TileReadContext ctx;
	Size		head = MAXALIGN(sizeof(TileReadContext));
	Snapshot	snap;
	MemoryContext caller = CurrentMemoryContext;

	if (engine_task_on_peer())
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("a tile task that reads its inputs by reference cannot run on a peer"),
				 errdetail("Its inputs are tables of the calling server.")));
	if (bytes < head)
		engine_malformed_task("malformed tile task read context");
	memcpy(&ctx, context, sizeof(ctx));
	if (ctx.snapshot_bytes <= 0 || head + (Size) ctx.snapshot_bytes > bytes ||
		ctx.database != MyDatabaseId)
		engine_malformed_task("malformed tile task read context");

	snap = RestoreSnapshot((char *) context + head);
	if (ctx.caller_pid != MyProcPid)
	{
		PGPROC	   *proc = NULL;

		if (ctx.caller_procno >= 0 && (uint32) ctx.caller_procno < ProcGlobal->allProcCount)
			proc = &ProcGlobal->allProcs[ctx.caller_procno];
		if (proc == NULL || proc->pid != ctx.caller_pid ||
			!ProcArrayInstallRestoredXmin(snap->xmin, proc))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("could not read tiles as of the calling backend's snapshot"),
					 errdetail("The calling backend's transaction is no longer running.")));
	}
	/* in the caller itself, the snapshot is one it holds active */

	if (!cache.active || cache.caller_pid != ctx.caller_pid || cache.job != ctx.job)
		tile_cache_begin_job(ctx.caller_pid, ctx.job);
	tile_cache_new_scope();

	PushActiveSnapshot(snap);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(caller);
	memset(&reading, 0, sizeof(reading));
	reading.active = true;
	reading.cxt = caller;
	reading.caller_procno = ctx.caller_procno;
	reading.caller_pid = ctx.caller_pid;
	reading.job = ctx.job;
}

void
tile_input_end(void)
{
	MemoryContext caller = CurrentMemoryContext;

	Assert(reading.active);
	reading.active = false;
	SPI_finish();
	MemoryContextSwitchTo(caller);
	PopActiveSnapshot();

	/*
	 * A task that outlived its caller (terminated, or out of its job on an
	 * error) may have published tiles after the caller dropped the job's:
	 * they go now.
	 */
	if (reading.caller_pid != MyProcPid &&
		(reading.caller_procno < 0 || (uint32) reading.caller_procno >= ProcGlobal->allProcCount ||
		 ProcGlobal->allProcs[reading.caller_procno].pid != reading.caller_pid))
		shared_cache_invalidate_prefix(SHARED_CACHE_JOB_TILE, MyDatabaseId,
									   (uint64) (uint32) reading.caller_pid, true, reading.job);
}

/* the prepared read of relid's tiles, in this read scope */
static SPIPlanPtr
read_plan(Oid relid, char **relname)
{
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {INT4ARRAYOID};
	char	   *name;
	char	   *nsp;
	SPIPlanPtr	plan;
	int			i;

	for (i = 0; i < reading.nrels; i++)
	{
		if (reading.rel[i] == relid)
		{
			*relname = reading.name[i];
			return reading.plan[i];
		}
	}
	if (reading.nrels == READ_MAX_RELATIONS)
		elog(ERROR, "a tile task reads more than %d relations", READ_MAX_RELATIONS);

	/*
	 * The caller holds a lock on the storage for the whole job, so it can
	 * be neither dropped nor renamed under this name: what is gone now was
	 * gone before the job began.
	 */
	name = get_rel_name(relid);
	if (name == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("the storage table of this chunked_tensor no longer exists"),
				 errhint("It was dropped, or it was a temporary result of another session.")));

	/*
	 * A worker is not in the caller's lock group: if it queued for its
	 * lock behind a session waiting for ACCESS EXCLUSIVE (DROP, TRUNCATE,
	 * ALTER TABLE), which waits for the caller, which waits for the
	 * worker, no deadlock check would ever see the cycle.  So it takes the
	 * lock only when it is free at once (the caller's own lock always is,
	 * in the caller), and the job stops otherwise.
	 */
	if (!ConditionalLockRelationOid(relid, AccessShareLock))
		ereport(ERROR,
				(errcode(ERRCODE_LOCK_NOT_AVAILABLE),
				 errmsg("a marsql worker could not lock table \"%s\" to read its tiles", name),
				 errdetail("Another session is waiting for a lock on it that conflicts with reading it, and waits for this statement's transaction."),
				 errhint("Run the statement again once that session's command is done.")));
	nsp = get_namespace_name(get_rel_namespace(relid));
	MemoryContextSwitchTo(reading.cxt);
	reading.name[i] = quote_qualified_identifier(nsp, name);
	MemoryContextSwitchTo(caller);
	plan = SPI_prepare(psprintf("SELECT data FROM %s WHERE tile OPERATOR(pg_catalog.=) $1",
								reading.name[i]), 1, types);
	MemoryContextSwitchTo(caller);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	reading.rel[i] = relid;
	reading.plan[i] = plan;
	reading.nrels++;
	*relname = reading.name[i];
	return plan;
}

/*
 * A stored tile that is an uncompressed TOAST value on disk (tensors are
 * stored EXTERNAL) is read straight into memory reserved in the shared
 * cache for the claimed load `key`: no private copy, no second copy.
 * NULL, with the load cancelled, when there is no room there.
 */
static Tensor *
read_into_shared(const SharedCacheKey *key, struct varlena *attr)
{
	struct varatt_external toast_pointer;
	struct varlena *dest;

	VARATT_EXTERNAL_GET_POINTER(toast_pointer, attr);
	dest = shared_cache_reserve_bounded(key, (Size) VARATT_EXTERNAL_GET_EXTSIZE(toast_pointer) + VARHDRSZ,
										NULL, cache_budget());
	if (dest == NULL)
		return NULL;
	value_cache_fetch_into(attr, dest);
	return (Tensor *) dest;
}

/*
 * Reads the tile at coords from storage.  With load_key (a claimed load
 * of the shared cache), a tile it can read straight into the shared cache
 * is published there and *ref pinned; else the tile comes back in this
 * process's cache memory and the load is still the caller's to store.
 */
static Tensor *
read_tile(const ChunkedTensor *ct, const MtTileGrid *grid, const int64 *coords,
		  const SharedCacheKey *load_key, SharedCacheRef *ref, bool *published)
{
	MemoryContext caller = CurrentMemoryContext;
	Tensor	   *t = NULL;
	char	   *relname;
	SPIPlanPtr	plan;
	Datum		values[1];
	bool		isnull;
	int			rc;
	instr_time	start,
				spent;

	*published = false;
	INSTR_TIME_SET_CURRENT(start);
	plan = read_plan(ct->storage, &relname);
	values[0] = chunked_int4_array(ct->ndim, coords);
	rc = SPI_execute_plan(plan, values, NULL, true, 2);
	MemoryContextSwitchTo(caller);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not read a tile: %s", SPI_result_code_string(rc));
	if (SPI_processed == 1)
	{
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		if (!isnull && load_key != NULL && VARATT_IS_EXTERNAL_ONDISK(DatumGetPointer(d)))
		{
			struct varatt_external toast_pointer;

			VARATT_EXTERNAL_GET_POINTER(toast_pointer, DatumGetPointer(d));
			if (!VARATT_EXTERNAL_IS_COMPRESSED(toast_pointer))
			{
				t = read_into_shared(load_key, (struct varlena *) DatumGetPointer(d));
				*published = t != NULL;
				if (t == NULL)
					load_key = NULL;	/* no room: cancelled */
			}
		}
		if (!isnull && t == NULL)
			t = tile_cache_own_datum(d);
	}
	chunked_check_tile(ct, grid, relname, coords, SPI_processed, t);
	SPI_freetuptable(SPI_tuptable);
	tile_read_stats.reads++;
	tile_read_stats.bytes += VARSIZE(t);
	engine_count_task_io(VARSIZE(t), 0);
	INSTR_TIME_SET_CURRENT(spent);
	INSTR_TIME_SUBTRACT(spent, start);
	tile_read_stats.seconds += INSTR_TIME_GET_DOUBLE(spent);
	if (*published)
	{
		shared_cache_publish(load_key, ref);
		t = (Tensor *) ref->data;
	}
	return t;
}

/* the shared cache's key of this job's tile (storage, index) */
static bool
job_tile_key(SharedCacheKey *key, Oid storage, int64 index)
{
	if (index < 0 || index > (int64) PG_UINT32_MAX || marsql_tile_cache_size <= 0)
		return false;
	memset(key, 0, sizeof(*key));
	key->space = SHARED_CACHE_JOB_TILE;
	key->database = MyDatabaseId;
	key->k1 = (uint64) (uint32) cache.caller_pid;
	key->k2 = cache.job;
	key->k3 = ((uint64) storage << 32) | (uint64) index;
	return true;
}

Tensor *
tile_input_fetch(const ChunkedTensor *ct, const MtTileGrid *grid, const int64 *coords)
{
	int64		index = mt_tile_index(grid, coords);
	Tensor	   *t;
	SharedCacheKey key;
	SharedCacheRef ref;
	SharedCacheResult found = SHARED_CACHE_MISS;
	bool		published;

	if (!reading.active)
		elog(ERROR, "a tile read by reference outside tile_input_begin");
	t = tile_cache_lookup(ct->storage, index);
	if (t != NULL)
		return t;

	/* the job's tiles in the shared cache: read once by any of its processes */
	if (job_tile_key(&key, ct->storage, index))
	{
		found = shared_cache_lookup(&key, true, &ref);
		if (found == SHARED_CACHE_HIT)
		{
			scope_keep(&ref);
			tile_read_stats.hits++;
			return (Tensor *) ref.data;
		}
	}
	if (found != SHARED_CACHE_LOAD)
		return tile_cache_insert(ct->storage, index,
								 read_tile(ct, grid, coords, NULL, &ref, &published));

	/* this process loads it: waiters take the load over if it fails */
	PG_TRY();
	{
		t = read_tile(ct, grid, coords, &key, &ref, &published);
	}
	PG_CATCH();
	{
		shared_cache_cancel_load(&key);
		PG_RE_THROW();
	}
	PG_END_TRY();
	if (published)
	{
		scope_keep(&ref);
		return t;
	}
	if (shared_cache_store_bounded(&key, t, VARSIZE(t), NULL, cache_budget(), &ref))
	{
		pfree(t);
		scope_keep(&ref);
		return (Tensor *) ref.data;
	}
	/* no room in the shared cache: this process keeps it */
	return tile_cache_insert(ct->storage, index, t);
}

/*
 * Whether reading ref now would wait for another process of the job that
 * is loading its tile.  Only a block within one stored tile is looked at
 * (false otherwise, and when this process holds the tile already).
 */
bool
tile_input_would_wait(const TileInputRef *ref)
{
	MtTileGrid	grid;
	int64		coords[MT_MAX_DIMS];
	SharedCacheKey key;
	TileCacheKey local;

	if (!reading.active || ref->ndim < 1 || ref->ndim > MT_MAX_DIMS ||
		mt_tile_grid_init(&grid, ref->ndim, ref->shape, ref->tile) != MT_OK)
		return false;
	for (int i = 0; i < ref->ndim; i++)
	{
		if (ref->lo[i] < 0 || ref->lo[i] >= ref->hi[i] || ref->hi[i] > ref->shape[i] ||
			ref->lo[i] / grid.tile[i] != (ref->hi[i] - 1) / grid.tile[i])
			return false;
		coords[i] = ref->lo[i] / grid.tile[i];
	}
	memset(&local, 0, sizeof(local));
	local.storage = ref->storage;
	local.index = mt_tile_index(&grid, coords);
	if (cache.active && hash_search(cache.entries, &local, HASH_FIND, NULL) != NULL)
		return false;
	if (!job_tile_key(&key, ref->storage, local.index))
		return false;
	return shared_cache_loading_elsewhere(&key);
}

Tensor *
tile_input_read(const TileInputRef *ref)
{
	ChunkedTensor *ct;
	TileSource	src;
	MtTileGrid	grid;

	if (ref->ndim < 0 || ref->ndim > MT_MAX_DIMS ||
		!mt_dtype_valid((MtDtype) ref->dtype) ||
		!mt_dtype_valid((MtDtype) ref->read_dtype) ||
		!OidIsValid(ref->storage))
		engine_malformed_task("malformed tile input reference");
	if (mt_tile_grid_init(&grid, ref->ndim, ref->shape, ref->tile) != MT_OK)
		engine_malformed_task("malformed tile input reference");
	for (int i = 0; i < ref->ndim; i++)
	{
		if (ref->lo[i] < 0 || ref->lo[i] > ref->hi[i] || ref->hi[i] > ref->shape[i])
			engine_malformed_task("malformed tile input reference");
	}
	ct = chunked_new(ref->storage, (MtDtype) ref->dtype, ref->ndim, ref->shape, ref->tile, false);
	tile_source_init_chunked(&src, ct);
	src.by_reference = true;
	return tile_source_read_block(&src, ref->lo, ref->hi, (MtDtype) ref->read_dtype);
}
