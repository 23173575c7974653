/*
 * faiss_store.c
 *	  Where FAISS indexes live: a row per index in marsql.faiss_catalog, and
 *	  each shard's serialized index split into rows of marsql.faiss_data
 *	  (so no index is limited to the 1 GB of one value).  Both are extension
 *	  configuration tables, so pg_dump keeps them, and only marsql writes or
 *	  reads them (as their owner).  A backend loads an index once and keeps
 *	  it until the catalog row's version says it changed.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "access/xlog.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/pg_attribute.h"
#include "catalog/pg_class.h"
#include "catalog/pg_depend.h"
#include "catalog/pg_rewrite.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/regproc.h"
#include "utils/rls.h"
#include "utils/syscache.h"
#include "storage/lmgr.h"
#include "utils/tuplestore.h"

#include "catalog_owner.h"
#include "chunked/chunked.h"
#include "knn/faiss.h"

/* bytes of a serialized index per row of marsql.faiss_data */
#define PART_BYTES (32 * 1024 * 1024)

typedef struct CachedIndex
{
	char		name[NAMEDATALEN];	/* hash key */
	int64		version;
	int			nshards;
	MfIndex   **shards;			/* in TopMemoryContext; the indexes in malloc */
	const MfApi *api;
} CachedIndex;

static HTAB *cache = NULL;

PG_FUNCTION_INFO_V1(faiss_loaded);

static void
as_owner_begin(MarsqlOwnerScope *scope)
{
	marsql_owner_begin("faiss_catalog", scope);
}

static void
spi_run(const char *sql, int nargs, Oid *types, Datum *values, int expect)
{
	MemoryContext caller = CurrentMemoryContext;
	int			rc = SPI_execute_with_args(sql, nargs, types, values, NULL, false, 0);

	MemoryContextSwitchTo(caller);
	if (rc != expect)
		elog(ERROR, "SPI failed on \"%s\": %s", sql, SPI_result_code_string(rc));
}

static char *
text_column(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

FaissEntry *
faiss_catalog_get(const char *name, bool missing_ok)
{
	MarsqlOwnerScope owner;
	Oid			types[1] = {TEXTOID};
	Datum		values[1] = {CStringGetTextDatum(name)};
	FaissEntry *e;
	HeapTuple	tup;
	TupleDesc	desc;
	bool		isnull;

	as_owner_begin(&owner);
	spi_run("SELECT name, corpus, vector_column::text, id_column::text, factory, metric, dims, "
			"ntotal, nbytes, shards, version, created_by::oid, options::text, index_type, "
			"corpus_relid, vector_attnum, id_attnum, "
			"corpus_instance OPERATOR(pg_catalog.=) (SELECT id FROM marsql.faiss_instance) "
			"FROM marsql.faiss_catalog WHERE name OPERATOR(pg_catalog.=) $1",
			1, types, values, SPI_OK_SELECT);
	marsql_owner_end(&owner);
	if (SPI_processed == 0)
	{
		if (missing_ok)
			return NULL;
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("FAISS index \"%s\" does not exist", name),
				 errhint("The view marsql.faiss_indexes lists the indexes.")));
	}
	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;
	e = palloc0(sizeof(FaissEntry));
	e->name = text_column(tup, desc, 1);
	e->corpus = text_column(tup, desc, 2);
	e->vector_column = text_column(tup, desc, 3);
	e->id_column = text_column(tup, desc, 4);
	e->factory = text_column(tup, desc, 5);
	e->metric = mt_metric_from_name(text_column(tup, desc, 6));
	e->dims = DatumGetInt32(SPI_getbinval(tup, desc, 7, &isnull));
	e->ntotal = DatumGetInt64(SPI_getbinval(tup, desc, 8, &isnull));
	e->nbytes = DatumGetInt64(SPI_getbinval(tup, desc, 9, &isnull));
	e->shards = DatumGetInt32(SPI_getbinval(tup, desc, 10, &isnull));
	e->version = DatumGetInt64(SPI_getbinval(tup, desc, 11, &isnull));
	e->created_by = DatumGetObjectId(SPI_getbinval(tup, desc, 12, &isnull));
	e->options = text_column(tup, desc, 13);
	e->index_type = text_column(tup, desc, 14);
	e->corpus_relid = DatumGetObjectId(SPI_getbinval(tup, desc, 15, &isnull));
	e->vector_attnum = DatumGetInt16(SPI_getbinval(tup, desc, 16, &isnull));
	e->id_attnum = DatumGetInt16(SPI_getbinval(tup, desc, 17, &isnull));
	e->bound_here = DatumGetBool(SPI_getbinval(tup, desc, 18, &isnull)) && !isnull;
	return e;
}

void
faiss_catalog_insert(const FaissEntry *e)
{
	MarsqlOwnerScope owner;
	Oid			types[12] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, INT4OID,
	OIDOID, TEXTOID, OIDOID, INT2OID, INT2OID};
	Datum		values[12];

	values[0] = CStringGetTextDatum(e->name);
	values[1] = CStringGetTextDatum(e->corpus);
	values[2] = CStringGetTextDatum(e->vector_column);
	values[3] = CStringGetTextDatum(e->id_column);
	values[4] = CStringGetTextDatum(e->factory);
	values[5] = CStringGetTextDatum(mt_metric_name(e->metric));
	values[6] = Int32GetDatum(e->dims);
	values[7] = ObjectIdGetDatum(e->created_by);
	values[8] = CStringGetTextDatum(e->options);
	values[9] = ObjectIdGetDatum(e->corpus_relid);
	values[10] = Int16GetDatum(e->vector_attnum);
	values[11] = Int16GetDatum(e->id_attnum);
	as_owner_begin(&owner);
	spi_run("INSERT INTO marsql.faiss_catalog (name, corpus, vector_column, id_column, factory, "
			"metric, dims, ntotal, nbytes, shards, version, created_by, options, index_type, "
			"corpus_relid, vector_attnum, id_attnum, corpus_instance) "
			"VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0, 0, "
			"pg_catalog.nextval('marsql.faiss_version_seq'), $8::pg_catalog.regrole, "
			"$9::pg_catalog.jsonb, '', $10, $11, $12, (SELECT id FROM marsql.faiss_instance))",
			12, types, values, SPI_OK_INSERT);
	marsql_owner_end(&owner);
}

void
faiss_catalog_update(FaissEntry *e)
{
	MarsqlOwnerScope owner;
	Oid			types[5] = {TEXTOID, INT8OID, INT8OID, INT4OID, TEXTOID};
	Datum		values[5];
	bool		isnull;

	values[0] = CStringGetTextDatum(e->name);
	values[1] = Int64GetDatum(e->ntotal);
	values[2] = Int64GetDatum(e->nbytes);
	values[3] = Int32GetDatum(e->shards);
	values[4] = CStringGetTextDatum(e->index_type ? e->index_type : "");
	as_owner_begin(&owner);
	spi_run("UPDATE marsql.faiss_catalog SET ntotal = $2, nbytes = $3, shards = $4, "
			"index_type = $5, version = pg_catalog.nextval('marsql.faiss_version_seq') "
			"WHERE name OPERATOR(pg_catalog.=) $1 RETURNING version",
			5, types, values, SPI_OK_UPDATE_RETURNING);
	marsql_owner_end(&owner);
	if (SPI_processed != 1)
		elog(ERROR, "FAISS index \"%s\" vanished from the catalog", e->name);
	e->version = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
}

void
faiss_catalog_delete(const char *name)
{
	MarsqlOwnerScope owner;
	Oid			types[1] = {TEXTOID};
	Datum		values[1] = {CStringGetTextDatum(name)};

	as_owner_begin(&owner);
	spi_run("DELETE FROM marsql.faiss_data WHERE name OPERATOR(pg_catalog.=) $1",
			1, types, values, SPI_OK_DELETE);
	spi_run("DELETE FROM marsql.faiss_catalog WHERE name OPERATOR(pg_catalog.=) $1",
			1, types, values, SPI_OK_DELETE);
	marsql_owner_end(&owner);
}

void
faiss_shard_write(const char *name, int shard, const uint8 *buf, size_t len)
{
	MarsqlOwnerScope owner;
	Oid			types[4] = {TEXTOID, INT4OID, INT4OID, BYTEAOID};
	Datum		values[4];

	values[0] = CStringGetTextDatum(name);
	values[1] = Int32GetDatum(shard);
	as_owner_begin(&owner);
	spi_run("DELETE FROM marsql.faiss_data WHERE name OPERATOR(pg_catalog.=) $1 "
			"AND shard OPERATOR(pg_catalog.=) $2", 2, types, values, SPI_OK_DELETE);
	for (size_t off = 0, part = 0; off < len || part == 0; off += PART_BYTES, part++)
	{
		size_t		n = Min((size_t) PART_BYTES, len - off);
		bytea	   *data = palloc(VARHDRSZ + n);

		CHECK_FOR_INTERRUPTS();
		SET_VARSIZE(data, VARHDRSZ + n);
		memcpy(VARDATA(data), buf + off, n);
		values[2] = Int32GetDatum((int32) part);
		values[3] = PointerGetDatum(data);
		spi_run("INSERT INTO marsql.faiss_data (name, shard, part, data) VALUES ($1, $2, $3, $4)",
				4, types, values, SPI_OK_INSERT);
		pfree(data);
		if (len == 0)
			break;
	}
	marsql_owner_end(&owner);
}

uint8 *
faiss_shard_read(const char *name, int shard, size_t *len)
{
	MarsqlOwnerScope owner;
	Oid			types[2] = {TEXTOID, INT4OID};
	Datum		values[2] = {CStringGetTextDatum(name), Int32GetDatum(shard)};
	int64		total;
	bool		isnull;
	uint8	   *buf;
	volatile size_t off = 0;
	SPIPlanPtr	plan;
	Portal		portal;

	as_owner_begin(&owner);
	spi_run("SELECT COALESCE(pg_catalog.sum(pg_catalog.octet_length(data)), -1)::pg_catalog.int8 FROM marsql.faiss_data "
			"WHERE name OPERATOR(pg_catalog.=) $1 AND shard OPERATOR(pg_catalog.=) $2",
			2, types, values, SPI_OK_SELECT);
	total = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	if (total < 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("shard %d of FAISS index \"%s\" is missing", shard, name)));
	buf = malloc(Max(total, 1));
	if (buf == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory loading FAISS index \"%s\"", name),
				 errdetail("Shard %d takes %lld bytes.", shard, (long long) total)));
	PG_TRY();
	{
		plan = SPI_prepare("SELECT data FROM marsql.faiss_data WHERE name OPERATOR(pg_catalog.=) $1 "
						   "AND shard OPERATOR(pg_catalog.=) $2 ORDER BY part", 2, types);
		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		portal = SPI_cursor_open(NULL, plan, values, NULL, true);
		for (;;)
		{
			bytea	   *part;

			SPI_cursor_fetch(portal, true, 1);
			if (SPI_processed == 0)
				break;
			part = DatumGetByteaPP(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
			if (off + VARSIZE_ANY_EXHDR(part) > (size_t) total)
				elog(ERROR, "FAISS index \"%s\" changed while it was read", name);
			memcpy(buf + off, VARDATA_ANY(part), VARSIZE_ANY_EXHDR(part));
			off += VARSIZE_ANY_EXHDR(part);
			SPI_freetuptable(SPI_tuptable);
			CHECK_FOR_INTERRUPTS();
		}
		SPI_cursor_close(portal);
	}
	PG_CATCH();
	{
		free(buf);
		PG_RE_THROW();
	}
	PG_END_TRY();
	marsql_owner_end(&owner);
	*len = off;
	return buf;
}

static void
free_cached(CachedIndex *c)
{
	for (int i = 0; i < c->nshards; i++)
		if (c->shards[i])
			c->api->free_index(c->shards[i]);
	if (c->shards)
		pfree(c->shards);
	c->shards = NULL;
	c->nshards = 0;
	c->version = -1;
}

void
faiss_cache_forget(const char *name)
{
	char		key[NAMEDATALEN] = {0};
	CachedIndex *c;

	if (cache == NULL)
		return;
	strlcpy(key, name, NAMEDATALEN);
	c = hash_search(cache, key, HASH_FIND, NULL);
	if (c)
	{
		free_cached(c);
		hash_search(cache, key, HASH_REMOVE, NULL);
	}
}

MfIndex **
faiss_cache_get(const FaissEntry *e, const MfApi *api)
{
	char		key[NAMEDATALEN] = {0};
	CachedIndex *c;
	bool		found;

	if (cache == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = NAMEDATALEN;
		ctl.entrysize = sizeof(CachedIndex);
		cache = hash_create("marsql FAISS indexes", 16, &ctl, HASH_ELEM | HASH_STRINGS);
	}
	strlcpy(key, e->name, NAMEDATALEN);
	c = hash_search(cache, key, HASH_ENTER, &found);
	if (!found)
	{
		c->version = -1;
		c->nshards = 0;
		c->shards = NULL;
		c->api = api;
	}
	if (c->version == e->version && c->nshards == e->shards)
		return c->shards;

	free_cached(c);
	c->api = api;
	c->shards = MemoryContextAllocZero(TopMemoryContext, sizeof(MfIndex *) * Max(e->shards, 1));
	c->nshards = e->shards;
	/* an error leaves the entry stale (version -1): the next call reloads */
	for (int i = 0; i < e->shards; i++)
	{
		size_t		len;
		uint8	   *volatile buf = faiss_shard_read(e->name, i, &len);
		char		err[FAISS_ERR_LEN];
		MfStatus	status;
		MfIndex    *index;

		status = api->deserialize(buf, len, &index, err, sizeof(err));
		free(buf);
		faiss_check(status, "load the index", err);
		c->shards[i] = index;
	}
	c->version = e->version;
	return c->shards;
}

/* marsql.faiss_loaded(): the indexes this backend holds in memory */
Datum
faiss_loaded(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	HASH_SEQ_STATUS seq;
	CachedIndex *c;

	InitMaterializedSRF(fcinfo, 0);
	if (cache == NULL)
		PG_RETURN_NULL();
	hash_seq_init(&seq, cache);
	while ((c = hash_seq_search(&seq)) != NULL)
	{
		Datum		values[4];
		bool		nulls[4] = {0};
		int64		vectors = 0;

		if (c->version < 0)
			continue;
		for (int i = 0; i < c->nshards; i++)
			vectors += c->api->count(c->shards[i]);
		values[0] = CStringGetTextDatum(c->name);
		values[1] = Int64GetDatum(c->version);
		values[2] = Int32GetDatum(c->nshards);
		values[3] = Int64GetDatum(vectors);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}

static void
corpus_gone(const FaissEntry *e, int sqlstate, const char *what)
{
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("the corpus of FAISS index \"%s\" %s", e->name, what),
			 errdetail("The index was built over columns \"%s\" and \"%s\" of %s.",
					   e->vector_column, e->id_column, e->corpus),
			 errhint("An index whose corpus is gone cannot be used: drop it with "
					 "marsql.faiss_drop('%s') and build it again with marsql.faiss_create.",
					 e->name)));
}

/* attnum of a live column named name, or InvalidAttrNumber */
static AttrNumber
live_column(Oid relid, const char *name)
{
	AttrNumber	attnum = get_attnum(relid, name);

	return attnum > 0 ? attnum : InvalidAttrNumber;
}

/* whether attnum is a live (not dropped) column of relid */
static bool
column_alive(Oid relid, AttrNumber attnum)
{
	HeapTuple	tup = SearchSysCache2(ATTNUM, ObjectIdGetDatum(relid), Int16GetDatum(attnum));
	bool		alive;

	if (!HeapTupleIsValid(tup))
		return false;
	alive = !((Form_pg_attribute) GETSTRUCT(tup))->attisdropped;
	ReleaseSysCache(tup);
	return alive;
}

/* records relid and the attnums as the binding of e, when we may write */
static void
catalog_rebind(const FaissEntry *e)
{
	MarsqlOwnerScope owner;
	Oid			types[4] = {TEXTOID, OIDOID, INT2OID, INT2OID};
	Datum		values[4];

	if (XactReadOnly || RecoveryInProgress())
		return;					/* bound again by name on every call until then */
	values[0] = CStringGetTextDatum(e->name);
	values[1] = ObjectIdGetDatum(e->corpus_relid);
	values[2] = Int16GetDatum(e->vector_attnum);
	values[3] = Int16GetDatum(e->id_attnum);
	as_owner_begin(&owner);
	spi_run("UPDATE marsql.faiss_catalog SET corpus_relid = $2, vector_attnum = $3, "
			"id_attnum = $4, corpus_instance = (SELECT id FROM marsql.faiss_instance) "
			"WHERE name OPERATOR(pg_catalog.=) $1",
			4, types, values, SPI_OK_UPDATE);
	marsql_owner_end(&owner);
}

/*
 * Which table is the corpus.  In the database that built the index, the
 * one with the recorded OID: renames are followed, and a dropped table (or
 * column) was marked by the event trigger, so a same-named table made
 * later is never taken for it.  In a database restored from a dump the
 * OIDs mean nothing: the table is looked up by its recorded qualified name
 * (never through search_path), and accepted only when it is owned by the
 * index's creator, who could have rebuilt the index over it anyway.  Any
 * other table of that name might be a squatter's, so the index is refused
 * until its creator rebuilds it.
 */
Oid
faiss_corpus_resolve(FaissEntry *e)
{
	Oid			relid;
	AclResult	table_acl;

	if (e->bound_here)
	{
		if (!OidIsValid(e->corpus_relid))
			corpus_gone(e, ERRCODE_UNDEFINED_TABLE, "was dropped, or one of its columns");
		relid = e->corpus_relid;
		LockRelationOid(relid, AccessShareLock);
		/* gone without the event trigger (event triggers off, a crash...) */
		if (!SearchSysCacheExists1(RELOID, ObjectIdGetDatum(relid)))
			corpus_gone(e, ERRCODE_UNDEFINED_TABLE, "was dropped");
		if (!column_alive(relid, e->vector_attnum) || !column_alive(relid, e->id_attnum))
			corpus_gone(e, ERRCODE_UNDEFINED_COLUMN, "lost a column it was built over");
	}
	else
	{
		List	   *names = stringToQualifiedNameList(e->corpus);

		/* dropped where it was built: no restore brings it back */
		if (!OidIsValid(e->corpus_relid))
			corpus_gone(e, ERRCODE_UNDEFINED_TABLE, "was dropped, or one of its columns");
		if (list_length(names) != 2)
			elog(ERROR, "FAISS index \"%s\" has an unqualified corpus name %s",
				 e->name, e->corpus);
		relid = RangeVarGetRelid(makeRangeVarFromNameList(names), AccessShareLock, true);
		if (!OidIsValid(relid))
			corpus_gone(e, ERRCODE_UNDEFINED_TABLE, "does not exist");
		if (get_rel_relkind(relid) == RELKIND_INDEX ||
			get_rel_persistence(relid) == RELPERSISTENCE_TEMP ||
			marsql_relation_owner(relid) != e->created_by)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("FAISS index \"%s\" was restored from a dump and cannot be bound to %s",
							e->name, e->corpus),
					 errdetail("After a restore an index is bound again to the table of its "
							   "recorded name only when the index's creator owns that table."),
					 errhint("Its creator can rebuild it: marsql.faiss_drop('%s'), then "
							 "marsql.faiss_create.", e->name)));
		e->vector_attnum = live_column(relid, e->vector_column);
		e->id_attnum = live_column(relid, e->id_column);
		if (e->vector_attnum == InvalidAttrNumber || e->id_attnum == InvalidAttrNumber)
			corpus_gone(e, ERRCODE_UNDEFINED_COLUMN, "lost a column it was built over");
		e->corpus_relid = relid;
		catalog_rebind(e);
	}

	/* the current names, for messages and for faiss_add's query */
	e->corpus = quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
										   get_rel_name(relid));
	e->vector_column = get_attname(relid, e->vector_attnum, false);
	e->id_column = get_attname(relid, e->id_attnum, false);

	table_acl = pg_class_aclcheck(relid, GetUserId(), ACL_SELECT);
	if (table_acl != ACLCHECK_OK &&
		(pg_attribute_aclcheck(relid, e->vector_attnum, GetUserId(), ACL_SELECT) != ACLCHECK_OK ||
		 pg_attribute_aclcheck(relid, e->id_attnum, GetUserId(), ACL_SELECT) != ACLCHECK_OK))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied for FAISS index \"%s\"", e->name),
				 errdetail("Using an index needs SELECT on its corpus %s, or on its columns "
						   "\"%s\" and \"%s\".", e->corpus, e->vector_column, e->id_column)));
	faiss_check_row_security(relid, e->name, e->corpus);
	return relid;
}

/* the relations the rules of view relid read (its _RETURN rule's dependencies) */
static List *
view_relations(Oid relid)
{
	Relation	dep = table_open(DependRelationId, AccessShareLock);
	ScanKeyData key[2];
	SysScanDesc scan;
	HeapTuple	tup;
	List	   *rules = NIL;
	List	   *rels = NIL;
	ListCell   *lc;

	ScanKeyInit(&key[0], Anum_pg_depend_refclassid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(RelationRelationId));
	ScanKeyInit(&key[1], Anum_pg_depend_refobjid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(relid));
	scan = systable_beginscan(dep, DependReferenceIndexId, true, NULL, 2, key);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		Form_pg_depend d = (Form_pg_depend) GETSTRUCT(tup);

		if (d->classid == RewriteRelationId && d->deptype == DEPENDENCY_INTERNAL)
			rules = list_append_unique_oid(rules, d->objid);
	}
	systable_endscan(scan);
	foreach(lc, rules)
	{
		ScanKeyInit(&key[0], Anum_pg_depend_classid, BTEqualStrategyNumber, F_OIDEQ,
					ObjectIdGetDatum(RewriteRelationId));
		ScanKeyInit(&key[1], Anum_pg_depend_objid, BTEqualStrategyNumber, F_OIDEQ,
					ObjectIdGetDatum(lfirst_oid(lc)));
		scan = systable_beginscan(dep, DependDependerIndexId, true, NULL, 2, key);
		while (HeapTupleIsValid(tup = systable_getnext(scan)))
		{
			Form_pg_depend d = (Form_pg_depend) GETSTRUCT(tup);

			if (d->refclassid == RelationRelationId && d->refobjid != relid)
				rels = list_append_unique_oid(rels, d->refobjid);
		}
		systable_endscan(scan);
	}
	table_close(dep, AccessShareLock);
	return rels;
}

/*
 * A relation under relid (relid itself, or one a view reads, through views)
 * whose row-level security applies to the current user or to the owner of
 * a view on the way (whose privileges a view without security_invoker uses);
 * InvalidOid when none.
 */
static Oid
rls_relation_under(Oid relid, List *view_owners)
{
	ListCell   *lc;
	List	   *owners;
	Oid			found = InvalidOid;

	check_stack_depth();
	if (check_enable_rls(relid, InvalidOid, true) == RLS_ENABLED)
		return relid;
	foreach(lc, view_owners)
		if (check_enable_rls(relid, lfirst_oid(lc), true) == RLS_ENABLED)
			return relid;
	if (get_rel_relkind(relid) != RELKIND_VIEW)
		return InvalidOid;
	owners = lappend_oid(list_copy(view_owners), marsql_relation_owner(relid));
	foreach(lc, view_relations(relid))
	{
		found = rls_relation_under(lfirst_oid(lc), owners);
		if (OidIsValid(found))
			break;
	}
	return found;
}

/*
 * An index holds every row of its corpus its creator could read, and the
 * ids and distances a search returns tell which rows those are; the
 * corpus's row-level security policies cannot be applied to them.  So no
 * index is built, searched or added to by a role the policies apply to
 * (check_enable_rls: not for a superuser or a BYPASSRLS role, nor for the
 * owner unless the table has FORCE ROW LEVEL SECURITY; with row_security
 * off, where SQL would raise an error, it is refused too).  A view corpus
 * is refused when that holds for a table it reads, for the caller or for
 * the owner of a view on the way.  marsql.knn reads the table through SQL
 * as the caller, policies applied.
 */
void
faiss_check_row_security(Oid relid, const char *index_name, const char *corpus)
{
	Oid			found = rls_relation_under(relid, NIL);
	char	   *table;
	char	   *detail;

	if (!OidIsValid(found))
		return;
	table = quote_qualified_identifier(get_namespace_name(get_rel_namespace(found)),
									   get_rel_name(found));
	if (found == relid)
		detail = psprintf("Row-level security of %s applies to the current user", table);
	else
		detail = psprintf("Row-level security of %s, which the view %s reads, applies to the "
						  "current user or to the owner of a view it goes through", table, corpus);
	if (index_name == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("cannot build a FAISS index over %s", corpus),
				 errdetail("%s; an index would hold the rows its policies show now and would "
						   "not follow later changes of the policies.", detail),
				 errhint("Search %s with marsql.knn, which applies the policies, or build "
						 "the index as a role row-level security does not apply to.", corpus)));
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("permission denied for FAISS index \"%s\"", index_name),
			 errdetail("%s, and the index holds rows its policies may hide.", detail),
			 errhint("Search %s with marsql.knn, which applies the policies.", corpus)));
}

void
faiss_check_owner(const FaissEntry *e)
{
	if (e->created_by != GetUserId() && !superuser())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("must be the creator of FAISS index \"%s\"", e->name)));
}
