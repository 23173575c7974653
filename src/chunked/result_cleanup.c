/*
 * result_cleanup.c
 *	  Removes detached result storage that no committed caller claimed
 *	  (see tile_output.c and docs/chunked.md, "Results written by workers").
 *
 *	  Every detached table has a row in marsql.orphan_storage, committed
 *	  with the table by the worker that created it: the caller's backend
 *	  (pid and start time), the caller's top-level transaction, whether
 *	  the caller claimed it.  A row is an orphan when
 *	    - nobody claimed it and the caller's transaction is over (a
 *	      committed claim deletes the row of a named result and marks that
 *	      of an unnamed one), or
 *	    - the caller's backend is gone (an unnamed result goes at session
 *	      end, as a temporary table would).
 *	  Rows are taken FOR UPDATE SKIP LOCKED, so a claim in progress (it
 *	  locks the row) is never raced, and a claim that commits meanwhile is
 *	  seen.  Removing one drops the table (CASCADE, as PostgreSQL drops a
 *	  session's temporary objects) and its catalog rows; a table somebody
 *	  holds a lock on is left for the next sweep.
 *
 *	  Who sweeps:
 *	    - the caller, just before its transaction commits: the unclaimed
 *	      tables of that transaction (its statement failed inside a
 *	      subtransaction that was rolled back);
 *	    - a cleanup worker (a dynamic background worker, as superuser),
 *	      started from the abort callback of a transaction that made
 *	      detached storage, and by any job that finds orphans of others;
 *	    - the caller's backend at exit (before_shmem_exit), for every table
 *	      of the session, as PostgreSQL removes temporary tables;
 *	    - with shared_preload_libraries, a launcher worker at server start,
 *	      after every crash-restart and then every hour, which runs the
 *	      cleanup worker in each database.
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
#include "catalog/pg_database.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/lmgr.h"
#include "storage/procarray.h"
#include "tcop/tcopprot.h"
#include "utils/backend_status.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "utils/xid8.h"

#include "catalog_owner.h"
#include "chunked/tile_output.h"

typedef enum SweepMode
{
	SWEEP_XACT,					/* unclaimed rows of this transaction */
	SWEEP_SESSION,				/* every row of this backend */
	SWEEP_ORPHANS				/* every orphan */
} SweepMode;

static bool callbacks_registered = false;
static bool xact_created = false;
static TimestampTz last_launch = 0;

static bool
backend_alive(int pid, TimestampTz started)
{
	int			n;

	if (pid == MyProcPid && started == MyStartTimestamp)
		return true;
	if (BackendPidGetProc(pid) == NULL)
		return false;
	n = pgstat_fetch_stat_numbackends();
	for (int i = 1; i <= n; i++)
	{
		LocalPgBackendStatus *l = pgstat_fetch_stat_local_beentry(i);

		if (l != NULL && l->backendStatus.st_procpid == pid &&
			l->backendStatus.st_proc_start_timestamp == started)
			return true;
	}
	return false;
}

/* a row no live caller may still claim */
static bool
is_orphan(bool claimed, int pid, TimestampTz started, FullTransactionId xid)
{
	if (!backend_alive(pid, started))
		return true;
	return !claimed && !TransactionIdIsInProgress(XidFromFullTransactionId(xid));
}

/*
 * Drops one table and deletes its rows; false when somebody holds a lock
 * on it (left for the next sweep).  Runs as the catalog owner.
 */
static bool
remove_storage(Oid relid, const char *relname, bool wait)
{
	MemoryContext cxt = CurrentMemoryContext;
	Oid			nsp = get_namespace_oid(SPOOL_SCHEMA, true);
	char	   *name = get_rel_name(relid);
	Oid			types[1] = {OIDOID};
	Datum		values[1] = {ObjectIdGetDatum(relid)};

	/* only the table the row describes: never one that reuses its OID */
	if (name != NULL && strcmp(name, relname) == 0 && get_rel_namespace(relid) == nsp)
	{
		ObjectAddress obj = {RelationRelationId, relid, 0};

		if (wait)
			LockRelationOid(relid, AccessExclusiveLock);
		else if (!ConditionalLockRelationOid(relid, AccessExclusiveLock))
			return false;
		/* a member of the extension while in marsql_result (tile_output.c) */
		performDeletion(&obj, DROP_CASCADE,
						PERFORM_DELETION_INTERNAL | PERFORM_DELETION_QUIETLY |
						PERFORM_DELETION_SKIP_EXTENSIONS);
	}
	if (SPI_execute_with_args("DELETE FROM marsql.array_catalog "
							  "WHERE storage::pg_catalog.oid OPERATOR(pg_catalog.=) $1",
							  1, types, values, NULL, false, 0) != SPI_OK_DELETE ||
		SPI_execute_with_args("DELETE FROM marsql.orphan_storage "
							  "WHERE storage OPERATOR(pg_catalog.=) $1",
							  1, types, values, NULL, false, 0) != SPI_OK_DELETE)
		elog(ERROR, "could not delete the record of a result table");
	MemoryContextSwitchTo(cxt);
	return true;
}

/*
 * Removes the rows of mode, in the current transaction; returns how many
 * tables it removed, and sets *busy to how many it left because somebody
 * holds a lock on them (the cleanup worker only: the caller's own sweeps
 * wait for the lock, as the end of a job's last tile writes).  Does
 * nothing where marsql (or this version of its script) is not installed.
 */
static int
sweep(SweepMode mode, int *busy)
{
	MemoryContext cxt = CurrentMemoryContext;
	Oid			marsql_nsp = get_namespace_oid("marsql", true);
	MarsqlOwnerScope owner;
	StringInfoData sql;
	int			removed = 0;
	uint64		n;
	SPITupleTable *rows;

	if (busy != NULL)
		*busy = 0;
	/* tables workers committed while this transaction ran must be seen */
	AcceptInvalidationMessages();
	if (!OidIsValid(marsql_nsp) ||
		!OidIsValid(get_relname_relid("orphan_storage", marsql_nsp)))
		return 0;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(cxt);
	marsql_owner_begin("orphan_storage", &owner);
	initStringInfo(&sql);
	appendStringInfoString(&sql,
						   "SELECT storage, relname, claimed, backend_pid, backend_start, caller_xid "
						   "FROM marsql.orphan_storage");
	if (mode == SWEEP_XACT)
		appendStringInfo(&sql, " WHERE NOT claimed AND caller_xid OPERATOR(pg_catalog.=) '" UINT64_FORMAT "'::pg_catalog.xid8",
						 U64FromFullTransactionId(GetTopFullTransactionId()));
	else if (mode == SWEEP_SESSION)
		appendStringInfoString(&sql, " WHERE backend_pid OPERATOR(pg_catalog.=) $1 "
							   "AND backend_start OPERATOR(pg_catalog.=) $2");
	appendStringInfoString(&sql, " FOR UPDATE SKIP LOCKED");
	if (SPI_execute_with_args(sql.data, mode == SWEEP_SESSION ? 2 : 0,
							  (Oid[]) {INT4OID, TIMESTAMPTZOID},
							  (Datum[]) {Int32GetDatum(MyProcPid), TimestampTzGetDatum(MyStartTimestamp)},
							  NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read marsql.orphan_storage");
	MemoryContextSwitchTo(cxt);
	rows = SPI_tuptable;
	n = SPI_processed;
	if (mode == SWEEP_ORPHANS)
		pgstat_clear_backend_activity_snapshot();
	for (uint64 i = 0; i < n; i++)
	{
		HeapTuple	row = rows->vals[i];
		TupleDesc	desc = rows->tupdesc;
		bool		isnull;
		Oid			relid = DatumGetObjectId(SPI_getbinval(row, desc, 1, &isnull));
		char	   *relname = SPI_getvalue(row, desc, 2);
		bool		claimed = DatumGetBool(SPI_getbinval(row, desc, 3, &isnull));
		int			pid = DatumGetInt32(SPI_getbinval(row, desc, 4, &isnull));
		TimestampTz started = DatumGetTimestampTz(SPI_getbinval(row, desc, 5, &isnull));
		FullTransactionId xid = DatumGetFullTransactionId(SPI_getbinval(row, desc, 6, &isnull));

		CHECK_FOR_INTERRUPTS();
		if (mode == SWEEP_ORPHANS && !is_orphan(claimed, pid, started, xid))
			continue;
		if (remove_storage(relid, relname, mode != SWEEP_ORPHANS))
			removed++;
		else if (busy != NULL)
			(*busy)++;
	}
	marsql_owner_end(&owner);
	SPI_finish();
	MemoryContextSwitchTo(cxt);
	return removed;
}

/* ---------- the cleanup worker ---------- */

static bool
launch_cleanup(Oid dbid, BackgroundWorkerHandle **handle)
{
	BackgroundWorker w;

	memset(&w, 0, sizeof(w));
	snprintf(w.bgw_name, BGW_MAXLEN, "marsql result cleanup");
	snprintf(w.bgw_type, BGW_MAXLEN, "marsql result cleanup");
	w.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	w.bgw_start_time = BgWorkerStart_RecoveryFinished;
	w.bgw_restart_time = BGW_NEVER_RESTART;
	snprintf(w.bgw_library_name, BGW_MAXLEN, "marsql");
	snprintf(w.bgw_function_name, BGW_MAXLEN, "marsql_result_cleanup_main");
	w.bgw_main_arg = ObjectIdGetDatum(dbid);
	w.bgw_notify_pid = handle != NULL ? MyProcPid : 0;
	/* no slot free: the next sweep will do */
	return RegisterDynamicBackgroundWorker(&w, handle);
}

void
marsql_result_cleanup_main(Datum arg)
{
	int			removed = 0;

	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	BackgroundWorkerInitializeConnectionByOid(DatumGetObjectId(arg), InvalidOid, 0);
	pgstat_report_appname("marsql result cleanup");
	pgstat_report_activity(STATE_RUNNING, "marsql result cleanup");

	/*
	 * A table still locked (the last tile writes of a stopped job, a
	 * reader) is tried again for a while, then left to the next sweep.
	 */
	for (int attempt = 0; attempt < 20; attempt++)
	{
		int			busy;

		SetCurrentStatementStartTimestamp();
		StartTransactionCommand();
		PushActiveSnapshot(GetTransactionSnapshot());
		removed += sweep(SWEEP_ORPHANS, &busy);
		PopActiveSnapshot();
		CommitTransactionCommand();
		if (busy == 0)
			break;
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 500,
						 PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}
	if (removed > 0)
		ereport(LOG,
				(errmsg("marsql removed %d orphaned result table%s", removed,
						removed == 1 ? "" : "s")));
	pgstat_report_activity(STATE_IDLE, NULL);
	proc_exit(0);
}

/*
 * At server start and after a crash-restart (preloaded only): a cleanup
 * worker in each database that takes connections, one at a time.
 */
void
marsql_result_launcher_main(Datum arg)
{
	List	   *databases = NIL;
	ListCell   *lc;
	Relation	rel;
	TableScanDesc scan;
	HeapTuple	tup;

	(void) arg;
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	BackgroundWorkerInitializeConnection(NULL, NULL, 0);
	StartTransactionCommand();
	(void) GetTransactionSnapshot();
	rel = table_open(DatabaseRelationId, AccessShareLock);
	scan = table_beginscan_catalog(rel, 0, NULL);
	while ((tup = heap_getnext(scan, ForwardScanDirection)) != NULL)
	{
		Form_pg_database db = (Form_pg_database) GETSTRUCT(tup);
		MemoryContext old;

		if (!db->datallowconn || db->datistemplate)
			continue;
		old = MemoryContextSwitchTo(TopMemoryContext);
		databases = lappend_oid(databases, db->oid);
		MemoryContextSwitchTo(old);
	}
	table_endscan(scan);
	table_close(rel, AccessShareLock);
	CommitTransactionCommand();

	foreach(lc, databases)
	{
		BackgroundWorkerHandle *handle;
		pid_t		pid;

		CHECK_FOR_INTERRUPTS();
		if (launch_cleanup(lfirst_oid(lc), &handle) &&
			WaitForBackgroundWorkerStartup(handle, &pid) == BGWH_STARTED)
			(void) WaitForBackgroundWorkerShutdown(handle);
	}

	/*
	 * Exit status 1: the postmaster starts the launcher again after
	 * bgw_restart_time (an hourly sweep) and at once after a crash-restart;
	 * status 0 would unregister it for good.
	 */
	proc_exit(1);
}

void
result_cleanup_register_launcher(void)
{
	BackgroundWorker w;

	memset(&w, 0, sizeof(w));
	snprintf(w.bgw_name, BGW_MAXLEN, "marsql result cleanup launcher");
	snprintf(w.bgw_type, BGW_MAXLEN, "marsql result cleanup launcher");
	w.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	w.bgw_start_time = BgWorkerStart_RecoveryFinished;
	/* again every hour, and at once after a crash-restart */
	w.bgw_restart_time = 3600;
	snprintf(w.bgw_library_name, BGW_MAXLEN, "marsql");
	snprintf(w.bgw_function_name, BGW_MAXLEN, "marsql_result_launcher_main");
	RegisterBackgroundWorker(&w);
}

/*
 * A job about to make detached storage: orphans of others (a crash, an
 * abort whose cleanup worker found no slot) get a cleanup worker, at most
 * one a second from this backend.  This is the sweep that works without
 * shared_preload_libraries.
 */
void
result_cleanup_maybe_sweep(void)
{
	MemoryContext cxt = CurrentMemoryContext;
	MarsqlOwnerScope owner;
	bool		found = false;
	TimestampTz now = GetCurrentTimestamp();

	if (!TimestampDifferenceExceeds(last_launch, now, 1000))
		return;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(cxt);
	marsql_owner_begin("orphan_storage", &owner);
	if (SPI_execute("SELECT claimed, backend_pid, backend_start, caller_xid FROM marsql.orphan_storage",
					true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read marsql.orphan_storage");
	MemoryContextSwitchTo(cxt);
	pgstat_clear_backend_activity_snapshot();
	for (uint64 i = 0; i < SPI_processed && !found; i++)
	{
		HeapTuple	row = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;

		found = is_orphan(DatumGetBool(SPI_getbinval(row, desc, 1, &isnull)),
						  DatumGetInt32(SPI_getbinval(row, desc, 2, &isnull)),
						  DatumGetTimestampTz(SPI_getbinval(row, desc, 3, &isnull)),
						  DatumGetFullTransactionId(SPI_getbinval(row, desc, 4, &isnull)));
	}
	marsql_owner_end(&owner);
	SPI_finish();
	MemoryContextSwitchTo(cxt);
	if (found)
	{
		last_launch = now;
		(void) launch_cleanup(MyDatabaseId, NULL);
	}
}

/* ---------- the caller's callbacks ---------- */

static void
cleanup_xact_callback(XactEvent event, void *arg)
{
	(void) arg;
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT)
		tile_output_end_transaction();
	if (!xact_created)
		return;
	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
			/* unclaimed tables of this transaction go with its commit */
			PushActiveSnapshot(GetTransactionSnapshot());
			(void) sweep(SWEEP_XACT, NULL);
			PopActiveSnapshot();
			break;
		case XACT_EVENT_PRE_PREPARE:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("cannot prepare a transaction that ran a chunked operation on marsql workers"),
					 errhint("Set marsql.worker_output = off in transactions you prepare.")));
			break;
		case XACT_EVENT_ABORT:
			/* the tables the workers committed: a cleanup worker drops them */
			xact_created = false;
			last_launch = GetCurrentTimestamp();
			(void) launch_cleanup(MyDatabaseId, NULL);
			break;
		case XACT_EVENT_COMMIT:
			xact_created = false;
			break;
		default:
			break;
	}
}

/*
 * At exit: the session's tables, unnamed results and whatever was never
 * claimed, in a transaction of their own, as PostgreSQL removes a
 * session's temporary tables.
 */
static void
cleanup_session_exit(int code, Datum arg)
{
	(void) code;
	(void) arg;
	if (!IsUnderPostmaster || MyDatabaseId == InvalidOid)
		return;
	AbortOutOfAnyTransaction();
	PG_TRY();
	{
		StartTransactionCommand();
		PushActiveSnapshot(GetTransactionSnapshot());
		(void) sweep(SWEEP_SESSION, NULL);
		PopActiveSnapshot();
		CommitTransactionCommand();
	}
	PG_CATCH();
	{
		/* left to the cleanup worker: the backend is gone by then */
		EmitErrorReport();
		FlushErrorState();
		AbortOutOfAnyTransaction();
	}
	PG_END_TRY();
}

void
result_cleanup_note_created(void)
{
	if (!callbacks_registered)
	{
		RegisterXactCallback(cleanup_xact_callback, NULL);
		before_shmem_exit(cleanup_session_exit, 0);
		callbacks_registered = true;
	}
	xact_created = true;
}
