/*
 * chunked_storage.c
 *	  Where a chunked tensor lives: its storage table (one row per tile:
 *	  `tile integer[]` coordinates as the primary key, `data marsql.tensor`),
 *	  its row in the catalog table marsql.array_catalog, tile reads and
 *	  writes through SPI, and reads of blocks that straddle tiles.
 *
 *	  Storage tables are ordinary tables, so MVCC, TOAST, ROLLBACK, backup
 *	  and replication need nothing from us.  Unnamed results are temporary
 *	  tables, dropped by PostgreSQL at session end; their catalog rows are
 *	  hidden by the marsql.arrays view once the table is gone and deleted
 *	  the next time any session registers an array.  Event triggers keep the
 *	  rows of renamed and dropped tables true.  Users cannot write the
 *	  catalog: registration runs as the catalog's owner, like a SECURITY
 *	  DEFINER function, and only after the caller has created the table.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/objectaddress.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "portability/instr_time.h"
#include "storage/lmgr.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/regproc.h"
#include "utils/syscache.h"

#include "catalog_owner.h"
#include "chunked/chunked.h"
#include "chunked/tile_input.h"
#include "tensor/value_cache.h"

/* tiles a store keeps after reading them, outside a tile job */
#define TILE_CACHE_SLOTS 4

typedef struct CachedTile
{
	int64		index;			/* tile number, -1 when empty */
	Tensor	   *tile;
	uint64		used;			/* last use, for LRU */
	bool		kept;			/* the value cache's (read-only, never freed) */
} CachedTile;

struct TileStore
{
	const ChunkedTensor *ct;
	MtTileGrid	grid;
	char	   *relation;		/* quoted, qualified name */
	SPIPlanPtr	read_plan;
	SPIPlanPtr	write_plan;
	CachedTile	cache[TILE_CACHE_SLOTS];
	uint64		clock;
	MemoryContext cxt;			/* where cached tiles live */
	bool		resident;		/* tiles read through the value cache */
};

static int	temp_counter = 0;

/*
 * Runs `sql` through SPI, erroring on anything but `expected`.  SPI leaves
 * its own memory context current after a call; this puts the caller's
 * back, as every SPI call in marsql must.
 */
static void
spi_exec(const char *sql, int expected)
{
	MemoryContext cxt = CurrentMemoryContext;
	int			rc = SPI_execute(sql, false, 0);

	MemoryContextSwitchTo(cxt);
	if (rc != expected)
		elog(ERROR, "SPI_execute failed: %s: %s", SPI_result_code_string(rc), sql);
}

static void
report_storage_gone(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_TABLE),
			 errmsg("the storage table of this chunked_tensor no longer exists"),
			 errhint("It was dropped, or it was a temporary result of another session.")));
}

/*
 * The quoted, qualified name of the descriptor's storage table, which is
 * locked in `mode` first and checked to be the array the descriptor
 * describes.  The descriptor records the table by OID; marsql reaches it
 * through SQL by name, so the lock (held to the end of the transaction)
 * keeps anyone from renaming or dropping it and putting another table
 * under that name, and the catalog check refuses a stale descriptor whose
 * OID now belongs to some other table.
 */
static char *
storage_sql_name(const ChunkedTensor *ct, LOCKMODE mode)
{
	MemoryContext caller = CurrentMemoryContext;
	Oid			relid = ct->storage;
	Oid			types[1] = {OIDOID};
	Datum		values[1] = {ObjectIdGetDatum(relid)};
	char	   *relname;
	char	   *nspname;
	bool		registered = false;
	int			rc;

	if (get_rel_name(relid) == NULL)
		report_storage_gone();
	/* no lock on a table the caller may not use (drop: must own) */
	if (mode == AccessExclusiveLock ? !pg_class_ownercheck(relid, GetUserId())
		: pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
		aclcheck_error(mode == AccessExclusiveLock ? ACLCHECK_NOT_OWNER : ACLCHECK_NO_PRIV,
					   get_relkind_objtype(get_rel_relkind(relid)), get_rel_name(relid));
	LockRelationOid(relid, mode);
	relname = get_rel_name(relid);
	if (relname == NULL)
	{
		/* dropped while we waited for the lock */
		UnlockRelationOid(relid, mode);
		report_storage_gone();
	}
	nspname = get_namespace_name(get_rel_namespace(relid));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	rc = SPI_execute_with_args("SELECT dtype, pg_catalog.cardinality(shape) FROM marsql.arrays "
							   "WHERE storage OPERATOR(pg_catalog.=) $1::pg_catalog.regclass",
							   1, types, values, NULL, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not read marsql.arrays: %s", SPI_result_code_string(rc));
	if (SPI_processed == 1)
	{
		bool		isnull;
		char	   *dtype = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
		int32		ndim = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0],
													   SPI_tuptable->tupdesc, 2, &isnull));

		registered = dtype != NULL && !isnull &&
			strcmp(dtype, mt_dtype_name((MtDtype) ct->dtype)) == 0 && ndim == ct->ndim;
	}
	SPI_finish();
	MemoryContextSwitchTo(caller);
	if (!registered)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("table \"%s\" is not the storage of this chunked_tensor", relname),
				 errdetail("marsql.arrays has no %s array stored in it.", chunked_describe(ct)),
				 errhint("The array's table was dropped and its OID now belongs to another table, or it was renamed while event triggers did not fire.")));
	return quote_qualified_identifier(nspname, relname);
}

static void
become_catalog_owner(MarsqlOwnerScope *scope)
{
	marsql_owner_begin("array_catalog", scope);
}

/* the caller is SPI-connected */
static void
register_as_catalog_owner(Oid relid, const char *relname, const ChunkedTensor *ct)
{
	MemoryContext caller = CurrentMemoryContext;
	MarsqlOwnerScope owner;
	Oid			types[7] = {OIDOID, NAMEOID, TEXTOID, INT8ARRAYOID, INT8ARRAYOID, BOOLOID, OIDOID};
	Datum		values[7];
	int			rc;

	values[0] = ObjectIdGetDatum(relid);
	values[1] = CStringGetDatum(relname);
	values[2] = CStringGetTextDatum(mt_dtype_name((MtDtype) ct->dtype));
	values[3] = chunked_int8_array(ct->ndim, CHUNKED_SHAPE(ct));
	values[4] = chunked_int8_array(ct->ndim, CHUNKED_TILE(ct));
	/* a table named into pg_temp is temporary too: it vanishes at session end */
	values[5] = BoolGetDatum((ct->flags & CHUNKED_TEMPORARY) != 0 ||
							 get_rel_persistence(relid) == RELPERSISTENCE_TEMP);
	values[6] = ObjectIdGetDatum(GetUserId());

	become_catalog_owner(&owner);
	/*
	 * Rows that describe no table any more.  Event triggers delete the row
	 * of a dropped table and follow renames (sql/install/300_chunked.sql);
	 * what they miss is a temporary table dropped at session end or by
	 * DISCARD, whose OID may later belong to an unrelated table.  So: a row
	 * whose OID is gone, and a temporary row whose (OID, relname) no longer
	 * match.  The row of an ordinary table that exists is never deleted,
	 * whatever its name: a rename the triggers missed only hides it.
	 */
	spi_exec("DELETE FROM marsql.array_catalog a "
			 "WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_class c "
			 "WHERE c.oid OPERATOR(pg_catalog.=) a.storage::pg_catalog.oid "
			 "AND (NOT a.temporary OR c.relname OPERATOR(pg_catalog.=) a.relname))",
			 SPI_OK_DELETE);
	rc = SPI_execute_with_args("INSERT INTO marsql.array_catalog "
							   "(storage, relname, dtype, shape, tile_shape, temporary, created_by) "
							   "VALUES ($1::pg_catalog.regclass, $2, $3, $4, $5, $6, $7::pg_catalog.regrole)",
							   7, types, values, NULL, false, 0);
	MemoryContextSwitchTo(caller);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "could not register chunked_tensor: %s", SPI_result_code_string(rc));
	marsql_owner_end(&owner);
}

char *
chunked_creation_name(const char *target, char **relname, Oid *nspid)
{
	RangeVar   *rv;

	if (target == NULL)
	{
		rv = makeRangeVar(NULL, psprintf("marsql_chunk_%d_%d", MyProcPid, ++temp_counter), -1);
		rv->relpersistence = RELPERSISTENCE_TEMP;
	}
	else
		rv = makeRangeVarFromNameList(stringToQualifiedNameList(target));
	/* this also refuses a name in another database */
	*nspid = RangeVarGetCreationNamespace(rv);
	*relname = rv->relname;
	return quote_qualified_identifier(get_namespace_name(*nspid), rv->relname);
}

ChunkedTensor *
chunked_create(const char *target, MtDtype dtype, int ndim, const int64 *shape,
			   const int64 *tile)
{
	MemoryContext caller = CurrentMemoryContext;
	StringInfoData sql;
	char	   *qualified;
	char	   *relname;
	Oid			nspid;
	Oid			relid;
	bool		temporary = (target == NULL);
	ChunkedTensor *ct;

	chunked_check_tiling(ndim, shape, tile);
	qualified = chunked_creation_name(temporary ? NULL : target, &relname, &nspid);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(caller);
	initStringInfo(&sql);
	appendStringInfo(&sql,
					 "CREATE %sTABLE %s (tile pg_catalog.int4[] PRIMARY KEY, "
					 "data marsql.tensor NOT NULL)",
					 temporary ? "TEMPORARY " : "", qualified);
	spi_exec(sql.data, SPI_OK_UTILITY);
	CommandCounterIncrement();
	/* the table just created, not whatever the name finds on search_path */
	relid = get_relname_relid(relname, nspid);
	if (!OidIsValid(relid))
		elog(ERROR, "could not find the new table %s", qualified);
	ct = chunked_new(relid, dtype, ndim, shape, tile, temporary);
	SPI_finish();
	MemoryContextSwitchTo(caller);
	chunked_register(relid, relname, ct);
	return ct;
}

void
chunked_register(Oid relid, const char *relname, const ChunkedTensor *ct)
{
	MemoryContext caller = CurrentMemoryContext;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(caller);
	register_as_catalog_owner(relid, relname, ct);
	if (!(ct->flags & CHUNKED_TEMPORARY))
		spi_exec(psprintf("COMMENT ON TABLE %s IS %s",
						  quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
													 relname),
						  quote_literal_cstr(psprintf("marsql chunked_tensor %s",
													  chunked_describe(ct)))),
				 SPI_OK_UTILITY);
	SPI_finish();
	MemoryContextSwitchTo(caller);
}

void
chunked_update_catalog(const ChunkedTensor *ct)
{
	MemoryContext caller = CurrentMemoryContext;
	MarsqlOwnerScope owner;
	Oid			types[3] = {OIDOID, INT8ARRAYOID, INT8ARRAYOID};
	Datum		values[3];
	int			rc;

	values[0] = ObjectIdGetDatum(ct->storage);
	values[1] = chunked_int8_array(ct->ndim, CHUNKED_SHAPE(ct));
	values[2] = chunked_int8_array(ct->ndim, CHUNKED_TILE(ct));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(caller);
	become_catalog_owner(&owner);
	rc = SPI_execute_with_args("UPDATE marsql.array_catalog SET shape = $2, tile_shape = $3 "
							   "WHERE storage OPERATOR(pg_catalog.=) $1::pg_catalog.regclass",
							   3, types, values, NULL, false, 0);
	MemoryContextSwitchTo(caller);
	if (rc != SPI_OK_UPDATE || SPI_processed != 1)
		elog(ERROR, "could not update the catalog row of a chunked_tensor");
	marsql_owner_end(&owner);
	if (!(ct->flags & CHUNKED_TEMPORARY))
		spi_exec(psprintf("COMMENT ON TABLE %s IS %s",
						  storage_sql_name(ct, ShareUpdateExclusiveLock),
						  quote_literal_cstr(psprintf("marsql chunked_tensor %s",
													  chunked_describe(ct)))),
				 SPI_OK_UTILITY);
	SPI_finish();
	MemoryContextSwitchTo(caller);
}

ChunkedTensor *
chunked_open(Oid relid)
{
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {OIDOID};
	Datum		values[1] = {ObjectIdGetDatum(relid)};
	ChunkedTensor *ct = NULL;
	int			rc;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	rc = SPI_execute_with_args("SELECT dtype, shape, tile_shape, temporary FROM marsql.arrays "
							   "WHERE storage OPERATOR(pg_catalog.=) $1::pg_catalog.regclass",
							   1, types, values, NULL, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not read marsql.arrays: %s", SPI_result_code_string(rc));
	if (SPI_processed == 1)
	{
		HeapTuple	row = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		char	   *dtype = TextDatumGetCString(SPI_getbinval(row, desc, 1, &isnull));
		ArrayType  *shape = DatumGetArrayTypeP(SPI_getbinval(row, desc, 2, &isnull));
		ArrayType  *tile = DatumGetArrayTypeP(SPI_getbinval(row, desc, 3, &isnull));
		bool		temporary = DatumGetBool(SPI_getbinval(row, desc, 4, &isnull));
		int			ndim = ArrayGetNItems(ARR_NDIM(shape), ARR_DIMS(shape));

		if (ndim > MT_MAX_DIMS || ndim != ArrayGetNItems(ARR_NDIM(tile), ARR_DIMS(tile)) ||
			ARR_HASNULL(shape) || ARR_HASNULL(tile))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("marsql.arrays has a malformed row for \"%s\"", get_rel_name(relid))));
		MemoryContextSwitchTo(caller);
		ct = chunked_new(relid, mt_dtype_from_name(dtype, strlen(dtype)), ndim,
						 (int64 *) ARR_DATA_PTR(shape), (int64 *) ARR_DATA_PTR(tile),
						 temporary);
	}
	SPI_finish();
	MemoryContextSwitchTo(caller);
	if (ct == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("table \"%s\" is not a chunked_tensor", get_rel_name(relid)),
				 errhint("marsql.arrays lists the stored chunked tensors.")));
	chunked_grid(ct, &(MtTileGrid) {0});
	return ct;
}

void
chunked_check_readable(const ChunkedTensor *ct)
{
	if (!OidIsValid(ct->storage))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("a planned chunked_tensor has no data"),
				 errdetail("marsql.explain plans the operations of a query without running them.")));
	(void) storage_sql_name(ct, AccessShareLock);
}

void
chunked_drop(const ChunkedTensor *ct)
{
	MemoryContext caller = CurrentMemoryContext;
	char	   *name;

	if (!OidIsValid(ct->storage))
		chunked_check_readable(ct);
	/* the lock DROP takes, at once: no upgrade from a weaker one */
	name = storage_sql_name(ct, AccessExclusiveLock);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	spi_exec(psprintf("DROP TABLE %s", name), SPI_OK_UTILITY);
	SPI_finish();
	MemoryContextSwitchTo(caller);
	/* the sql_drop event trigger has deleted its catalog row */
}

/* ---------- tile reads and writes ---------- */

TileStore *
tile_store_open(const ChunkedTensor *ct)
{
	TileStore  *store = palloc0(sizeof(TileStore));

	/* tiles are cached in the context the store is opened in */

	if (!OidIsValid(ct->storage))
		chunked_check_readable(ct);
	store->ct = ct;
	store->cxt = CurrentMemoryContext;
	chunked_grid(ct, &store->grid);
	/* reads and writes lock it the same way; the lock is taken now */
	store->relation = storage_sql_name(ct, AccessShareLock);
	for (int i = 0; i < TILE_CACHE_SLOTS; i++)
		store->cache[i].index = -1;
	return store;
}

void
chunked_tile_name(StringInfo buf, int ndim, const int64 *coords)
{
	appendStringInfoChar(buf, '(');
	for (int i = 0; i < ndim; i++)
		appendStringInfo(buf, "%s" INT64_FORMAT, i ? ", " : "", coords[i]);
	appendStringInfoChar(buf, ')');
}

void
chunked_check_tile(const ChunkedTensor *ct, const MtTileGrid *grid, const char *relname,
				   const int64 *coords, uint64 rows, const Tensor *t)
{
	int64		lo[MT_MAX_DIMS],
				hi[MT_MAX_DIMS];
	bool		ok;
	StringInfoData name;

	if (rows != 1)
	{
		initStringInfo(&name);
		chunked_tile_name(&name, ct->ndim, coords);
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("tile %s of \"%s\" is missing", name.data, relname),
				 errdetail("The array is %s; every tile must have exactly one row.",
						   chunked_describe(ct))));
	}
	ok = t != NULL && t->ndim == ct->ndim && t->dtype == ct->dtype && !tensor_is_csr(t);
	if (ok)
		mt_tile_bounds(grid, coords, lo, hi);
	for (int i = 0; ok && i < t->ndim; i++)
		ok = t->dims[i] == hi[i] - lo[i];
	if (!ok)
	{
		initStringInfo(&name);
		chunked_tile_name(&name, ct->ndim, coords);
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("tile %s of \"%s\" does not fit the array", name.data, relname),
				 errdetail("The array is %s.", chunked_describe(ct))));
	}
}

Tensor *
tile_store_read(TileStore *store, const int64 *coords)
{
	int64		index = mt_tile_index(&store->grid, coords);
	CachedTile *victim = &store->cache[0];
	MemoryContext caller = CurrentMemoryContext;
	Datum		values[1];
	int			rc;
	bool		isnull;
	Tensor	   *t;
	bool		job = tile_cache_active();
	bool		kept = false;
	instr_time	start,
				spent;

	if (job)
	{
		/* a tile job runs: its cache serves every tile read twice */
		t = tile_cache_lookup(store->ct->storage, index);
		if (t != NULL)
			return t;
	}
	else
	{
		for (int i = 0; i < TILE_CACHE_SLOTS; i++)
		{
			CachedTile *c = &store->cache[i];

			if (c->index == index)
			{
				c->used = ++store->clock;
				return c->tile;
			}
			if (c->index < 0 || c->used < victim->used)
				victim = c;
			if (victim->index < 0)
				break;
		}
	}

	if (store->read_plan == NULL)
	{
		Oid			types[1] = {INT4ARRAYOID};

		store->read_plan = SPI_prepare(psprintf("SELECT data FROM %s WHERE tile OPERATOR(pg_catalog.=) $1",
												store->relation), 1, types);
		MemoryContextSwitchTo(caller);
		if (store->read_plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	}
	INSTR_TIME_SET_CURRENT(start);
	values[0] = chunked_int4_array(store->ct->ndim, coords);
	rc = SPI_execute_plan(store->read_plan, values, NULL, false, 2);
	MemoryContextSwitchTo(caller);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not read a tile: %s", SPI_result_code_string(rc));
	if (job)
	{
		t = NULL;
		if (SPI_processed == 1)
		{
			Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1,
										  &isnull);

			if (!isnull)
				t = tile_cache_own_datum(d);
		}
		chunked_check_tile(store->ct, &store->grid, store->relation, coords,
						   SPI_processed, t);
		SPI_freetuptable(SPI_tuptable);
		tile_read_stats.reads++;
		tile_read_stats.bytes += VARSIZE(t);
		INSTR_TIME_SET_CURRENT(spent);
		INSTR_TIME_SUBTRACT(spent, start);
		tile_read_stats.seconds += INSTR_TIME_GET_DOUBLE(spent);
		return tile_cache_insert(store->ct->storage, index, t);
	}
	if (SPI_processed != 1)
		chunked_check_tile(store->ct, &store->grid, store->relation, coords,
						   SPI_processed, NULL);
	{
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		MemoryContextSwitchTo(store->cxt);
		if (isnull)
			t = NULL;
		else if (store->resident && VARATT_IS_EXTERNAL_ONDISK(DatumGetPointer(d)))
		{
			/*
			 * From the resident value cache, read-only until the end of the
			 * transaction: kept across statements (in shared memory where
			 * the shared tier takes it), or a private copy when not kept.
			 */
			t = (Tensor *) value_cache_datum(d);
			kept = value_cache_holds(d, t);
		}
		else
			t = (Tensor *) PG_DETOAST_DATUM_COPY(d);
		MemoryContextSwitchTo(caller);
	}
	SPI_freetuptable(SPI_tuptable);
	chunked_check_tile(store->ct, &store->grid, store->relation, coords, 1, t);

	if (victim->index >= 0 && !victim->kept)
		pfree(victim->tile);
	victim->index = index;
	victim->tile = t;
	victim->used = ++store->clock;
	victim->kept = kept;
	return t;
}

void
tile_store_write(TileStore *store, const int64 *coords, Tensor *tile)
{
	MemoryContext caller = CurrentMemoryContext;
	Datum		values[2];
	int			rc;

	chunked_check_tile(store->ct, &store->grid, store->relation, coords, 1, tile);
	if (store->write_plan == NULL)
	{
		Oid			types[2] = {INT4ARRAYOID, chunked_type_oid("tensor")};
		/* generic: a custom plan would copy the tile twice into a Const */
		store->write_plan = SPI_prepare_cursor(psprintf("INSERT INTO %s (tile, data) VALUES ($1, $2)",
														store->relation), 2, types,
											   CURSOR_OPT_GENERIC_PLAN);
		MemoryContextSwitchTo(caller);
		if (store->write_plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	}
	values[0] = chunked_int4_array(store->ct->ndim, coords);
	values[1] = PointerGetDatum(tile);
	rc = SPI_execute_plan(store->write_plan, values, NULL, false, 0);
	MemoryContextSwitchTo(caller);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "could not write a tile: %s", SPI_result_code_string(rc));
}

/* ---------- operands and block reads ---------- */

void
tile_source_init_chunked(TileSource *src, const ChunkedTensor *ct)
{
	memset(src, 0, sizeof(TileSource));
	src->ct = ct;
	src->cxt = CurrentMemoryContext;
	src->ndim = ct->ndim;
	src->dtype = (MtDtype) ct->dtype;
	for (int i = 0; i < ct->ndim; i++)
		src->shape[i] = CHUNKED_SHAPE(ct)[i];
	chunked_grid(ct, &src->grid);
}

void
tile_source_init_tensor(TileSource *src, Tensor *t)
{
	memset(src, 0, sizeof(TileSource));
	src->tensor = t;
	src->ndim = t->ndim;
	src->dtype = (MtDtype) t->dtype;
	tensor_dims64(t, src->shape);
	/* one tile holding everything (a zero extent keeps tile 1) */
	{
		int64		tile[MT_MAX_DIMS];

		for (int i = 0; i < t->ndim; i++)
			tile[i] = src->shape[i] > 0 ? src->shape[i] : 1;
		(void) mt_tile_grid_init(&src->grid, t->ndim, src->shape, tile);
	}
}

static Tensor *
source_tile(TileSource *src, const int64 *coords)
{
	if (src->tensor != NULL)
		return src->tensor;
	if (src->by_reference)
		return tile_input_fetch(src->ct, &src->grid, coords);
	if (src->store == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(src->cxt);

		src->store = tile_store_open(src->ct);
		src->store->resident = src->resident;
		MemoryContextSwitchTo(old);
	}
	return tile_store_read(src->store, coords);
}

Tensor *
tile_source_read_block(TileSource *src, const int64 *lo, const int64 *hi,
					   MtDtype dtype)
{
	int			ndim = src->ndim;
	const MtTileGrid *g = &src->grid;
	int64		first[MT_MAX_DIMS],
				last[MT_MAX_DIMS],
				coords[MT_MAX_DIMS],
				extent[MT_MAX_DIMS];
	Tensor	   *block = NULL;
	size_t		elem = mt_dtype_size(src->dtype);
	bool		done = false;

	for (int i = 0; i < ndim; i++)
	{
		extent[i] = hi[i] - lo[i];
		Assert(lo[i] >= 0 && hi[i] <= src->shape[i] && lo[i] <= hi[i]);
		first[i] = lo[i] / g->tile[i];
		last[i] = hi[i] > lo[i] ? (hi[i] - 1) / g->tile[i] : first[i];
		coords[i] = first[i];
	}

	/* exactly one whole tile: no copy */
	{
		bool		whole = true;

		for (int i = 0; i < ndim && whole; i++)
			whole = first[i] == last[i] && lo[i] == first[i] * g->tile[i] &&
				(hi[i] == lo[i] + g->tile[i] || hi[i] == src->shape[i]) && hi[i] > lo[i];
		if (whole)
		{
			Tensor	   *t = source_tile(src, first);

			return t->dtype == dtype ? t : tensor_convert(t, dtype);
		}
	}

	block = tensor_new_uninit(ndim, extent, src->dtype);
	for (int i = 0; i < ndim; i++)
	{
		if (extent[i] == 0)
			done = true;
	}
	while (!done)
	{
		Tensor	   *t;
		int64		tile_lo[MT_MAX_DIMS],
					tile_hi[MT_MAX_DIMS],
					tile_dims[MT_MAX_DIMS],
					part_lo[MT_MAX_DIMS],
					part_extent[MT_MAX_DIMS],
					src_off[MT_MAX_DIMS],
					dst_off[MT_MAX_DIMS];
		int			d;

		CHECK_FOR_INTERRUPTS();
		t = source_tile(src, coords);
		mt_tile_bounds(g, coords, tile_lo, tile_hi);
		for (int i = 0; i < ndim; i++)
		{
			int64		a = Max(lo[i], tile_lo[i]);
			int64		b = Min(hi[i], tile_hi[i]);

			part_lo[i] = a;
			part_extent[i] = b - a;
			src_off[i] = a - tile_lo[i];
			dst_off[i] = a - lo[i];
			tile_dims[i] = tile_hi[i] - tile_lo[i];
		}
		(void) part_lo;
		mt_copy_block(elem, ndim, part_extent, TENSOR_DATA(t), tile_dims, src_off,
					  TENSOR_DATA(block), extent, dst_off);

		/* next tile, last dimension fastest */
		for (d = ndim - 1; d >= 0; d--)
		{
			if (++coords[d] <= last[d])
				break;
			coords[d] = first[d];
		}
		if (d < 0)
			done = true;
	}
	return block->dtype == dtype ? block : tensor_convert(block, dtype);
}
