/*
 * peer_task.c
 *	  The peer's side of a remote task: marsql.peer_run_task(kind, payload,
 *	  search_path, timezone) runs one task of a named kind in the calling
 *	  session -- a coordinator connected as the mapped user -- and returns
 *	  its result as bytea.  The query's own transaction is the task's, so
 *	  an error rolls back what the task did.  The coordinator's search_path
 *	  and time zone hold for this task only.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "engine/engine.h"

PG_FUNCTION_INFO_V1(marsql_peer_run_task);

static bool running_on_peer = false;

bool
engine_task_on_peer(void)
{
	return running_on_peer;
}

static void
set_for_task(const char *name, text *value)
{
	if (value == NULL)
		return;
	(void) set_config_option(name, text_to_cstring(value), PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_LOCAL, true, 0, false);
}

/*
 * marsql.peer_run_task(kind text, payload bytea, search_path text,
 * timezone text, read_only boolean): read_only when the coordinator's
 * transaction is read-only, so the task cannot write here either.
 */
Datum
marsql_peer_run_task(PG_FUNCTION_ARGS)
{
	char	   *kind_name;
	const EngineTaskKind *kind;
	bytea	   *payload;
	char	   *aligned;
	int			len;
	StringInfoData result;
	bytea	   *out;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("marsql.peer_run_task needs a kind and a payload")));
	kind_name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	kind = engine_kind_by_name(kind_name, NULL);
	if (kind == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown marsql task kind \"%s\"", kind_name),
				 errhint("The coordinator and this peer must run the same marsql version.")));
	set_for_task("search_path", PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2));
	set_for_task("TimeZone", PG_ARGISNULL(3) ? NULL : PG_GETARG_TEXT_PP(3));
	if (PG_NARGS() > 4 && !PG_ARGISNULL(4) && PG_GETARG_BOOL(4))
		set_for_task("transaction_read_only", cstring_to_text("on"));

	/* kinds read payloads in place: give them an aligned copy */
	payload = PG_GETARG_BYTEA_PP(1);
	len = VARSIZE_ANY_EXHDR(payload);
	aligned = palloc(Max(len, 1));
	memcpy(aligned, VARDATA_ANY(payload), len);
	if ((Pointer) payload != PG_GETARG_POINTER(1))
		pfree(payload);

	initStringInfo(&result);
	/* the same 8-byte prefix a worker's result has, so data stays aligned */
	appendStringInfoSpaces(&result, sizeof(int64));
	running_on_peer = true;
	PG_TRY();
	{
		kind->run(aligned, len, &result);
	}
	PG_FINALLY();
	{
		running_on_peer = false;
	}
	PG_END_TRY();
	pfree(aligned);

	len = result.len - (int) sizeof(int64);
	out = (bytea *) palloc(VARHDRSZ + len);
	SET_VARSIZE(out, VARHDRSZ + len);
	memcpy(VARDATA(out), result.data + sizeof(int64), len);
	pfree(result.data);
	PG_RETURN_BYTEA_P(out);
}
