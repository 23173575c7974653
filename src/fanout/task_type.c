/*
 * task_type.c
 *	  The marsql.task type: a handle on a spawned call, valid in the
 *	  session that spawned it.  Text form "<id>/<session>", or
 *	  "<id>.<output>/<session>" for one output (one column) of a task whose
 *	  result is a row.  The session part is a random number drawn once per
 *	  session, so a handle kept in a table and read by another session is
 *	  refused instead of naming someone else's task.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "fanout/task_type.h"

PG_FUNCTION_INFO_V1(marsql_task_in);
PG_FUNCTION_INFO_V1(marsql_task_out);
PG_FUNCTION_INFO_V1(marsql_task_recv);
PG_FUNCTION_INFO_V1(marsql_task_send);

static void
bad_task(const char *text)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", "marsql.task", text),
			 errdetail("A task handle looks like 42/1a2b3c4d, or 42.1/1a2b3c4d for one output.")));
}

Datum
marsql_task_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	TaskHandle *h = palloc0(sizeof(TaskHandle));
	char	   *end;
	long long	id;
	unsigned long session;
	long		output = 0;

	errno = 0;
	id = strtoll(text, &end, 10);
	if (end == text || errno != 0 || id < 1)
		bad_task(text);
	if (*end == '.')
	{
		char	   *start = end + 1;

		output = strtol(start, &end, 10);
		if (end == start || errno != 0 || output < 1 || output > PG_INT16_MAX)
			bad_task(text);
	}
	if (*end != '/' || !isxdigit((unsigned char) end[1]))
		bad_task(text);
	session = strtoul(end + 1, &end, 16);
	if (errno != 0 || *end != '\0' || session > PG_UINT32_MAX)
		bad_task(text);
	h->id = id;
	h->session = (uint32) session;
	h->output = (int16) output;
	PG_RETURN_POINTER(h);
}

char *
task_handle_text(int64 id, int output, uint32 session)
{
	if (output > 0)
		return psprintf("%lld.%d/%08x", (long long) id, output, session);
	return psprintf("%lld/%08x", (long long) id, session);
}

Datum
marsql_task_out(PG_FUNCTION_ARGS)
{
	TaskHandle *h = (TaskHandle *) PG_GETARG_POINTER(0);

	PG_RETURN_CSTRING(task_handle_text(h->id, h->output, h->session));
}

Datum
marsql_task_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	TaskHandle *h = palloc0(sizeof(TaskHandle));

	h->id = pq_getmsgint64(buf);
	h->session = (uint32) pq_getmsgint(buf, 4);
	h->output = (int16) pq_getmsgint(buf, 2);
	if (h->id < 1 || h->output < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external marsql.task value")));
	PG_RETURN_POINTER(h);
}

Datum
marsql_task_send(PG_FUNCTION_ARGS)
{
	TaskHandle *h = (TaskHandle *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, h->id);
	pq_sendint32(&buf, h->session);
	pq_sendint16(&buf, h->output);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
