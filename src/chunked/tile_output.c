/*
 * tile_output.c
 *	  Result tiles written by the executors themselves (see tile_output.h
 *	  and docs/chunked.md, "Results written by workers").
 *
 *	  When a tile graph runs on workers, its result storage is created by
 *	  a TILE_CREATE task in a worker's own transaction, which records the
 *	  table in marsql.orphan_storage and creates it in marsql_result, owned
 *	  by the caller's role, and commits both at once.  Each stored task
 *	  then carries the table's OID and its tile coordinates, and its
 *	  executor inserts the tile (ON CONFLICT DO UPDATE, so a task run again
 *	  after its worker died is harmless).  When the job is done, the caller
 *	  claims the table in its own transaction: it moves a named result to
 *	  its target (which checks the caller's CREATE privilege there),
 *	  registers it in marsql.array_catalog and deletes the record, or marks
 *	  an unnamed one's record to go at session end.  A claim that does not
 *	  commit leaves the record to result_cleanup.c, which drops the table.
 *	  While a table sits in marsql_result it is a member of the extension
 *	  (pg_dump leaves it out, DROP EXTENSION takes it along); the claim of
 *	  a named one, and the event trigger run at DROP TABLE and DROP OWNED
 *	  (marsql_result_storage_drop_start), end that.
 */
#include "postgres.h"

#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/dependency.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_type.h"
#include "commands/defrem.h"
#include "commands/event_trigger.h"
#include "commands/extension.h"
#include "commands/tablecmds.h"
#include "commands/user.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/inval.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "utils/xid8.h"

#include "catalog_owner.h"
#include "chunked/chunked.h"
#include "chunked/tile_output.h"
#include "engine/engine.h"

static int	spool_counter = 0;

/* the tile write prepared for the last table written (tile_output_write) */
static Oid	write_relid = InvalidOid;
static SPIPlanPtr write_plan = NULL;

/* storage made for the current transaction (TopMemoryContext) */
static Oid *made_in_xact = NULL;
static int	nmade_in_xact = 0;
static int	made_capacity = 0;

/* like chunked_storage.c's: SPI_execute, the caller's context kept */
static void
spool_exec(const char *sql, int expected)
{
	MemoryContext cxt = CurrentMemoryContext;
	int			rc = SPI_execute(sql, false, 0);

	MemoryContextSwitchTo(cxt);
	if (rc != expected)
		elog(ERROR, "SPI_execute failed: %s: %s", SPI_result_code_string(rc), sql);
}

static Oid
spool_namespace(bool missing_ok)
{
	return get_namespace_oid(SPOOL_SCHEMA, missing_ok);
}

/*
 * Detached storage is a member of the extension while it sits in
 * marsql_result, as the objects of its script are: pg_dump leaves it out
 * (it never outlives its session, or is moved out by its claim) and DROP
 * EXTENSION takes it along without CASCADE.  The membership is recorded
 * and removed here directly, as ALTER EXTENSION ADD/DROP TABLE would (a
 * table with no ACL has no initial privileges to record), because the
 * extension's owner need not own the table any more when it is removed.
 */
static void
spool_set_member(Oid relid, bool member)
{
	ObjectAddress table = {RelationRelationId, relid, 0};
	Oid			ext = get_extension_oid("marsql", true);

	if (!OidIsValid(ext))
		return;
	if (member)
	{
		ObjectAddress extension = {ExtensionRelationId, ext, 0};

		recordDependencyOn(&table, &extension, DEPENDENCY_EXTENSION);
	}
	else if (getExtensionOfObject(RelationRelationId, relid) == ext)
		(void) deleteDependencyRecordsForClass(RelationRelationId, relid,
											   ExtensionRelationId,
											   DEPENDENCY_EXTENSION);
	CommandCounterIncrement();
}

/* ---------- in the executor ---------- */

/*
 * Creates the table and its record in this worker's transaction.  The
 * table is made by the catalog owner in marsql_result (where nobody else
 * may create anything) and given to the caller's role, so that only the
 * caller reads and writes it.  An unnamed result is UNLOGGED: like a
 * temporary table it never outlives its session, so it need not be in the
 * WAL; a named one is logged from the start.
 */
static Oid
create_detached(const TileCreateRequest *req)
{
	MemoryContext caller = CurrentMemoryContext;
	Oid			role = GetUserId();
	char	   *qualified = quote_qualified_identifier(SPOOL_SCHEMA, req->relname);
	MarsqlOwnerScope owner;
	Oid			types[7] = {OIDOID, NAMEOID, BOOLOID, INT4OID, TIMESTAMPTZOID, XID8OID, OIDOID};
	Datum		values[7];
	Oid			relid;
	int			rc;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(caller);
	marsql_owner_begin("orphan_storage", &owner);
	spool_exec(psprintf("CREATE %sTABLE %s (tile pg_catalog.int4[] PRIMARY KEY, "
						"data marsql.tensor NOT NULL)",
						req->named ? "" : "UNLOGGED ", qualified),
			   SPI_OK_UTILITY);
	CommandCounterIncrement();
	relid = get_relname_relid(req->relname, spool_namespace(false));
	if (!OidIsValid(relid))
		elog(ERROR, "could not find the new table %s", qualified);
	spool_set_member(relid, true);

	/*
	 * Given to the calling role, as PostgreSQL gives a table's index and
	 * TOAST table to a new owner: without ALTER TABLE OWNER's checks, which
	 * only a superuser passes here (the owner would have to be a member of
	 * the caller's role, and the caller have CREATE on marsql_result).  The
	 * caller asked for the table, and may only do with it what it may do
	 * with a table it creates itself.
	 */
	ATExecChangeOwner(relid, role, true, AccessExclusiveLock);
	CommandCounterIncrement();
	values[0] = ObjectIdGetDatum(relid);
	values[1] = CStringGetDatum(req->relname);
	values[2] = BoolGetDatum(req->named != 0);
	values[3] = Int32GetDatum(req->caller_pid);
	values[4] = TimestampTzGetDatum(req->caller_start);
	values[5] = FullTransactionIdGetDatum(FullTransactionIdFromU64(req->caller_xid));
	values[6] = ObjectIdGetDatum(role);
	rc = SPI_execute_with_args("INSERT INTO marsql.orphan_storage "
							   "(storage, relname, named, backend_pid, backend_start, caller_xid, created_by) "
							   "VALUES ($1, $2, $3, $4, $5, $6, $7::pg_catalog.regrole)",
							   7, types, values, NULL, false, 0);
	MemoryContextSwitchTo(caller);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "could not record a result table: %s", SPI_result_code_string(rc));
	marsql_owner_end(&owner);
	SPI_finish();
	MemoryContextSwitchTo(caller);
	return relid;
}

void
tile_output_run_create(const char *request, int len, StringInfo result)
{
	TileCreateRequest req;
	uint64		relid = InvalidOid;

	if (len < (int) sizeof(TileCreateRequest))
		engine_malformed_task("malformed tile create task");
	memcpy(&req, request, sizeof(req));
	req.relname[NAMEDATALEN - 1] = '\0';
	if (strncmp(req.relname, "chunk_", 6) != 0)
		engine_malformed_task("malformed tile create task");

	/*
	 * Only a worker of this server creates detached storage.  In the
	 * calling backend (no worker was free) the caller makes the storage in
	 * its own transaction instead, as it does without workers; a peer never
	 * gets this task (such jobs store by value).
	 */
	if (MyProcPid != req.caller_pid && !engine_task_on_peer())
	{
		relid = create_detached(&req);
		/*
		 * Nothing depends on this commit but the job's caller, whose claim
		 * commits later in the WAL and so flushes it too: the workers'
		 * tasks may start as soon as it is visible, not once it is on disk.
		 * A crash before that flush loses the table and its record together.
		 */
		engine_task_commit_async = true;
	}
	appendBinaryStringInfo(result, (char *) &relid, sizeof(relid));
}

void
tile_output_write(const TileOutput *out, const Tensor *tile)
{
	MemoryContext caller = CurrentMemoryContext;
	char	   *relname;
	Oid			types[2] = {INT4ARRAYOID, chunked_type_oid("tensor")};
	Datum		values[2];
	int			rc;

	/* a peer's caller names OIDs of another server: never written here */
	if (out->ndim < 1 || out->ndim > MT_MAX_DIMS || engine_task_on_peer())
		engine_malformed_task("malformed tile task output");
	/*
	 * Only detached storage, which stays in marsql_result until claimed.
	 * Run by the calling backend, the task may follow the table's creation
	 * within one statement: take in the catalog changes first.
	 */
	AcceptInvalidationMessages();
	relname = get_rel_name(out->storage);
	if (relname == NULL || get_rel_namespace(out->storage) != spool_namespace(true))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("the result table of this tile task no longer exists"),
				 errdetail("Its job was stopped, and the table was removed.")));
	values[0] = chunked_int4_array(out->ndim, out->coords);
	values[1] = PointerGetDatum(tile);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(caller);
	/* the statement is prepared once per table, for the tasks that follow */
	if (write_plan == NULL || write_relid != out->storage)
	{
		SPIPlanPtr	plan;

		if (write_plan != NULL)
			SPI_freeplan(write_plan);
		write_plan = NULL;
		/*
		 * A generic plan: a custom one would fold the tile into a Const,
		 * copying its bytes twice (eval_const_expressions, copyObject)
		 * into fresh memory before the tuple is even formed.
		 */
		plan = SPI_prepare_cursor(psprintf("INSERT INTO %s (tile, data) VALUES ($1, $2) "
										   "ON CONFLICT (tile) DO UPDATE SET data = EXCLUDED.data",
										   quote_qualified_identifier(SPOOL_SCHEMA, relname)),
								  2, types, CURSOR_OPT_GENERIC_PLAN);
		MemoryContextSwitchTo(caller);
		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		write_plan = plan;
		write_relid = out->storage;
	}
	rc = SPI_execute_plan(write_plan, values, NULL, false, 0);
	MemoryContextSwitchTo(caller);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "could not write a tile: %s", SPI_result_code_string(rc));
	engine_count_task_io(0, VARSIZE(tile));
	/* made durable by the claim's commit, as the table's creation */
	engine_task_commit_async = true;
	SPI_finish();
	MemoryContextSwitchTo(caller);
}

/* ---------- in the caller ---------- */

bool
tile_output_usable(int64 result_bytes)
{
	/*
	 * Workers commit what they write.  The caller must see it later in its
	 * transaction (a snapshot per statement: READ COMMITTED), its
	 * transaction must be allowed to write (a READ ONLY one may still fill
	 * temporary tables, which workers cannot see), and the storage schema
	 * must exist (an extension script from before it).  Under auto, a
	 * result below 8 MB is stored by the caller: the worker's table, its
	 * record and the claim cost about what storing that much costs.
	 */
	if (marsql_worker_output == MARSQL_WORKER_OUTPUT_OFF ||
		(marsql_worker_output == MARSQL_WORKER_OUTPUT_AUTO &&
		 result_bytes < MARSQL_WORKER_OUTPUT_MIN_BYTES))
		return false;
	return marsql_max_workers > 0 &&
		marsql_executors == ENGINE_EXECUTORS_LOCAL &&
		!IsolationUsesXactSnapshot() && !XactReadOnly && !IsInParallelMode() &&
		IsNormalProcessingMode() && OidIsValid(spool_namespace(true));
}

void
tile_output_request(TileCreateRequest *req, bool named)
{
	memset(req, 0, sizeof(TileCreateRequest));
	req->named = named ? 1 : 0;
	req->caller_pid = MyProcPid;
	req->caller_start = MyStartTimestamp;
	req->caller_xid = U64FromFullTransactionId(GetTopFullTransactionId());
	snprintf(req->relname, NAMEDATALEN, "chunk_%d_" INT64_FORMAT "_%d", MyProcPid,
			 (int64) timestamptz_to_time_t(MyStartTimestamp), ++spool_counter);
	result_cleanup_note_created();
}

bool
tile_output_made_in_transaction(Oid relid)
{
	for (int i = 0; i < nmade_in_xact; i++)
	{
		if (made_in_xact[i] == relid)
			return true;
	}
	return false;
}

void
tile_output_end_transaction(void)
{
	nmade_in_xact = 0;
}

static void
note_made(Oid relid)
{
	if (nmade_in_xact == made_capacity)
	{
		made_capacity = Max(16, made_capacity * 2);
		made_in_xact = made_in_xact == NULL
			? MemoryContextAlloc(TopMemoryContext, sizeof(Oid) * made_capacity)
			: repalloc(made_in_xact, sizeof(Oid) * made_capacity);
	}
	made_in_xact[nmade_in_xact++] = relid;
}

void
tile_output_claim(ChunkedTensor *ct, Oid relid, bool named, Oid nspid,
				  const char *relname)
{
	MemoryContext caller = CurrentMemoryContext;
	char	   *spoolname;
	MarsqlOwnerScope owner;
	Oid			types[1] = {OIDOID};
	Datum		values[1] = {ObjectIdGetDatum(relid)};
	const char *final_name;
	int			rc;

	/*
	 * A worker committed the table while this statement ran: take in the
	 * catalog changes (a lock does), or the caches would not know it.  The
	 * lock is held to the end of the transaction, so the table cannot be
	 * dropped under the caller; the cleanup worker skips it meanwhile.
	 */
	LockRelationOid(relid, AccessShareLock);
	spoolname = get_rel_name(relid);
	final_name = spoolname;
	if (spoolname == NULL || get_rel_namespace(relid) != spool_namespace(true))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the result table of this chunked operation was removed before the operation ended")));
	note_made(relid);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(caller);
	if (named)
	{
		char	   *nspname = get_namespace_name(nspid);
		char	   *index_name = psprintf("%s_pkey", spoolname);
		char	   *new_index;

		/* an ordinary table of the caller from now on, dumped as such */
		spool_set_member(relid, false);

		/*
		 * As the caller: moving the table needs CREATE on the target schema,
		 * and the rename fails with 42P07 when the name was taken meanwhile.
		 * Both are undone if the caller's transaction is.
		 */
		spool_exec(psprintf("ALTER TABLE %s SET SCHEMA %s",
							quote_qualified_identifier(SPOOL_SCHEMA, spoolname),
							quote_identifier(nspname)), SPI_OK_UTILITY);
		spool_exec(psprintf("ALTER TABLE %s RENAME TO %s",
							quote_qualified_identifier(nspname, spoolname),
							quote_identifier(relname)), SPI_OK_UTILITY);
		CommandCounterIncrement();
		new_index = ChooseRelationName(relname, NULL, "pkey", nspid, false);
		if (OidIsValid(get_relname_relid(index_name, nspid)))
			spool_exec(psprintf("ALTER INDEX %s RENAME TO %s",
								quote_qualified_identifier(nspname, index_name),
								quote_identifier(new_index)), SPI_OK_UTILITY);
		final_name = relname;
	}
	chunked_register(relid, final_name, ct);

	marsql_owner_begin("orphan_storage", &owner);
	rc = SPI_execute_with_args(named
							   ? "DELETE FROM marsql.orphan_storage WHERE storage OPERATOR(pg_catalog.=) $1"
							   : "UPDATE marsql.orphan_storage SET claimed = true "
							   "WHERE storage OPERATOR(pg_catalog.=) $1 AND NOT claimed",
							   1, types, values, NULL, false, 0);
	MemoryContextSwitchTo(caller);
	if ((rc != SPI_OK_DELETE && rc != SPI_OK_UPDATE) || SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the result table of this chunked operation was removed before the operation ended")));
	marsql_owner_end(&owner);
	SPI_finish();
	MemoryContextSwitchTo(caller);
}

/*
 * The event trigger marsql_result_storage_drop, at the start of DROP TABLE
 * and DROP OWNED: a table of marsql_result the command names or whose
 * owner it names stops being a member of the extension first, so that the
 * command drops it as it would drop any table instead of answering that
 * extension marsql requires it.  Nothing is checked here: the command
 * checks its privileges next, and if it fails, this is undone with it.
 * The sql_drop trigger then deletes the table's records.
 */
PG_FUNCTION_INFO_V1(marsql_result_storage_drop_start);

Datum
marsql_result_storage_drop_start(PG_FUNCTION_ARGS)
{
	EventTriggerData *trig;
	Oid			nsp = spool_namespace(true);

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("marsql.result_storage_drop_start() can only be called as an event trigger")));
	trig = (EventTriggerData *) fcinfo->context;
	if (!OidIsValid(nsp) || trig->parsetree == NULL)
		PG_RETURN_VOID();
	if (IsA(trig->parsetree, DropStmt) &&
		((DropStmt *) trig->parsetree)->removeType == OBJECT_TABLE)
	{
		ListCell   *lc;

		foreach(lc, ((DropStmt *) trig->parsetree)->objects)
		{
			Oid			relid = RangeVarGetRelid(makeRangeVarFromNameList(lfirst(lc)),
												 NoLock, true);

			if (OidIsValid(relid) && get_rel_namespace(relid) == nsp)
				spool_set_member(relid, false);
		}
	}
	else if (IsA(trig->parsetree, DropOwnedStmt))
	{
		List	   *roles = roleSpecsToIds(((DropOwnedStmt *) trig->parsetree)->roles);
		List	   *tables = NIL;
		ListCell   *lc;
		Relation	rel;
		TableScanDesc scan;
		HeapTuple	tup;

		rel = table_open(RelationRelationId, AccessShareLock);
		scan = table_beginscan_catalog(rel, 0, NULL);
		while ((tup = heap_getnext(scan, ForwardScanDirection)) != NULL)
		{
			Form_pg_class c = (Form_pg_class) GETSTRUCT(tup);

			if (c->relnamespace == nsp && c->relkind == RELKIND_RELATION &&
				list_member_oid(roles, c->relowner))
				tables = lappend_oid(tables, c->oid);
		}
		table_endscan(scan);
		table_close(rel, AccessShareLock);
		foreach(lc, tables)
			spool_set_member(lfirst_oid(lc), false);
	}
	PG_RETURN_VOID();
}
