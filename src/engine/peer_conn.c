/*
 * peer_conn.c
 *	  The session's connections to peers (see peer.h).
 *
 *	  Everything is non-blocking libpq: PQconnectStartParams and
 *	  PQconnectPoll to connect, PQsendQueryParams, PQflush and
 *	  PQconsumeInput to run one task query at a time; the scheduler waits
 *	  on every connection's socket and its latch in one wait event set.
 *	  A new connection is set up with one query that pins the settings a
 *	  task must not depend on (DateStyle, IntervalStyle, extra_float_digits,
 *	  marsql.executors) and reads the peer's marsql version, which must be
 *	  ours.  Each connection holds one of the server's external file
 *	  descriptors.
 *
 *	  Connections are cached for the session, at most
 *	  marsql.max_peer_connections per server and user, and reused while
 *	  idle.  A stopped job cancels what its connections run (PQcancel in a
 *	  detached thread, since it blocks and a frozen peer would hold the
 *	  backend) and drains them for up to marsql.peer_cleanup_timeout;
 *	  what has not settled by then is closed, and the peer stops the work
 *	  at its next client-connection check.  At the end of each transaction
 *	  every connection that is not idle is closed.
 */
#include "postgres.h"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "pgtime.h"
#include "storage/fd.h"
#include "storage/latch.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#include "utils/wait_event.h"

#include "engine/engine.h"
#include "engine/peer.h"
#include "engine/task_stats.h"
#include "guc.h"

/*
 * checks the peer's marsql and pins settings tasks must not depend on; the
 * session's search_path is pg_catalog only (as postgres_fdw's), so that no
 * schema of the mapped user's default path can capture an operator or a
 * function of these statements; a task runs with the coordinator's
 */
#define PEER_SETUP_SQL \
	"SELECT (SELECT extversion FROM pg_catalog.pg_extension " \
	"WHERE extname OPERATOR(pg_catalog.=) 'marsql'), " \
	"pg_catalog.set_config('search_path', 'pg_catalog', false), " \
	"pg_catalog.set_config('datestyle', 'ISO', false), " \
	"pg_catalog.set_config('intervalstyle', 'postgres', false), " \
	"pg_catalog.set_config('extra_float_digits', '3', false), " \
	"pg_catalog.set_config('client_connection_check_interval', '1000', false), " \
	"pg_catalog.set_config('marsql.executors', 'local', false)"

/* prepared once per connection, after the version check */
#define PEER_TASK_SQL "SELECT marsql.peer_run_task($1, $2, $3, $4, $5)"
#define PEER_TASK_STATEMENT "marsql_task"

static const Oid peer_task_types[5] = {TEXTOID, BYTEAOID, TEXTOID, TEXTOID, BOOLOID};

static MemoryContext peer_context = NULL;
static List *cache = NIL;		/* PeerConn *, in peer_context */

static void
close_conn(PeerConn *c)
{
	if (c->result)
		PQclear(c->result);
	c->result = NULL;
	if (c->conn)
	{
		PQfinish(c->conn);
		ReleaseExternalFD();
	}
	c->conn = NULL;
	c->flushing = false;
}

/* frees what a connection holds in peer_context */
static void
free_conn(PeerConn *c)
{
	close_conn(c);
	pfree(c->name);
	pfree(c->executor);
	if (c->version)
		pfree(c->version);
	pfree(c);
}

static void
forget(PeerConn *c)
{
	cache = list_delete_ptr(cache, c);
	free_conn(c);
}

/*
 * A libpq message as a DETAIL: full sentences on one line.  libpq keeps
 * appending to a connection's error message, so after the first failure
 * it may also hold what later calls on the dead connection added
 * ("invalid socket", "no connection to the server"): only the first
 * message is kept, its first line and the tab-indented lines that
 * continue it ("server closed the connection unexpectedly" and "This
 * probably means ...").
 */
static char *
detail_sentence(const char *raw)
{
	StringInfoData buf;
	const char *p = raw;
	bool		first = true;

	initStringInfo(&buf);
	while (*p != '\0')
	{
		const char *eol = strchr(p, '\n');
		int			len = eol ? (int) (eol - p) : (int) strlen(p);

		if (!first && *p != '\t')
			break;				/* another message */
		while (len > 0 && (*p == '\t' || *p == ' '))
			p++, len--;
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len > 0)
		{
			if (buf.len > 0)
			{
				char		last = buf.data[buf.len - 1];

				/* a new sentence begins with a capital letter */
				if (last != '.' && last != '?' && last != '!' && last != ':' &&
					*p >= 'A' && *p <= 'Z')
					appendStringInfoChar(&buf, '.');
				appendStringInfoChar(&buf, ' ');
			}
			appendBinaryStringInfo(&buf, p, len);
			first = false;
		}
		if (eol == NULL)
			break;
		p = eol + 1;
	}
	if (buf.len == 0)
		appendStringInfoString(&buf, "No reason was given");
	engine_as_sentence(&buf);
	return buf.data;
}

/* the first message of a connection's libpq error, as a DETAIL */
static char *
libpq_message(PGconn *conn)
{
	return detail_sentence(conn ? PQerrorMessage(conn) : "out of memory");
}

static int
severity_level(const char *severity)
{
	if (severity == NULL)
		return NOTICE;
	if (strcmp(severity, "WARNING") == 0)
		return WARNING;
	if (strcmp(severity, "INFO") == 0)
		return INFO;
	if (strcmp(severity, "LOG") == 0)
		return LOG;
	if (strncmp(severity, "DEBUG", 5) == 0)
		return DEBUG1;
	if (strcmp(severity, "NOTICE") == 0)
		return NOTICE;
	return ERROR;
}

/* a remote error or notice as PostgreSQL's ErrorData, in the current context */
static ErrorData *
error_from_result(const PGresult *res)
{
	ErrorData  *e = palloc0(sizeof(ErrorData));
	const char *sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
	const char *hint = PQresultErrorField(res, PG_DIAG_MESSAGE_HINT);
	const char *context = PQresultErrorField(res, PG_DIAG_CONTEXT);

	e->elevel = severity_level(PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED));
	e->sqlerrcode = sqlstate && strlen(sqlstate) == 5
		? MAKE_SQLSTATE(sqlstate[0], sqlstate[1], sqlstate[2], sqlstate[3], sqlstate[4])
		: ERRCODE_CONNECTION_FAILURE;
	if (primary)
		e->message = pstrdup(primary);
	else
	{
		char	   *m = pstrdup(PQresultErrorMessage(res));
		int			n = strlen(m);

		while (n > 0 && m[n - 1] == '\n')
			m[--n] = '\0';
		e->message = n > 0 ? m : pstrdup("the peer sent an error without a message");
	}
	e->detail = detail ? pstrdup(detail) : NULL;
	e->hint = hint ? pstrdup(hint) : NULL;
	e->context = context ? pstrdup(context) : NULL;
	return e;
}

static PeerEvent
fail(PeerConn *c, ErrorData *error)
{
	close_conn(c);
	c->state = PEER_CONN_FAILED;
	c->error = error;
	return PEER_EVENT_FAILED;
}

static PeerEvent
fail_connect(PeerConn *c, char *detail)
{
	return fail(c, engine_make_error(ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
							  psprintf("could not connect to marsql peer \"%s\"", c->name),
							  detail, NULL));
}

/*
 * The connection broke: the reason is the peer's own when it gave one (a
 * FATAL error, or the WARNING a server sends every connection as it shuts
 * down or restarts after a crash), else libpq's.
 */
static PeerEvent
fail_lost(PeerConn *c, const PGresult *last)
{
	ErrorData  *remote = last && PQresultStatus(last) == PGRES_FATAL_ERROR &&
		PQresultErrorField(last, PG_DIAG_SQLSTATE) ? error_from_result(last) : c->farewell;

	return fail(c, engine_make_error(remote ? remote->sqlerrcode : ERRCODE_CONNECTION_FAILURE,
							  psprintf("lost the connection to marsql peer \"%s\"", c->name),
							  remote
							  ? psprintf("The peer reported: %s.", remote->message)
							  : libpq_message(c->conn),
							  NULL));
}

/*
 * Collects a task's NOTICE, INFO and WARNING messages (libpq callback).
 * A message of class 57 (operator intervention: "terminating connection
 * due to immediate shutdown command", "... because of crash of another
 * server process") is the peer's backend saying goodbye, not the task's:
 * it is kept as the reason of the lost connection that follows, which
 * names the peer, instead of being relayed as if the task had raised it.
 */
static void
receive_notice(void *arg, const PGresult *res)
{
	PeerConn   *c = (PeerConn *) arg;
	ErrorData  *e = error_from_result(res);

	if (ERRCODE_TO_CATEGORY(e->sqlerrcode) == ERRCODE_OPERATOR_INTERVENTION)
	{
		c->farewell = e;
		return;
	}
	/* relayed at its level: whatever the peer calls it, never an error here */
	if (e->elevel >= ERROR)
		e->elevel = WARNING;
	c->notices = lappend(c->notices, e);
}

static void
invalidate_connections(Datum arg, int cacheid, uint32 hashvalue)
{
	ListCell   *lc;

	(void) arg;
	(void) cacheid;
	(void) hashvalue;
	foreach(lc, cache)
		((PeerConn *) lfirst(lc))->stale = true;
}

/* at the end of every transaction: a connection not idle is closed */
static void
peer_xact_callback(XactEvent event, void *arg)
{
	ListCell   *lc;

	(void) arg;
	if (event != XACT_EVENT_ABORT && event != XACT_EVENT_PARALLEL_ABORT &&
		event != XACT_EVENT_COMMIT && event != XACT_EVENT_PARALLEL_COMMIT)
		return;
	foreach(lc, cache)
	{
		PeerConn   *c = (PeerConn *) lfirst(lc);

		c->in_use = false;
		c->notices = NIL;
		c->error = NULL;
		c->farewell = NULL;
		if (c->state != PEER_CONN_IDLE || c->stale)
		{
			close_conn(c);
			c->state = PEER_CONN_FAILED;
		}
	}
	foreach(lc, cache)
	{
		PeerConn   *c = (PeerConn *) lfirst(lc);

		if (c->state == PEER_CONN_FAILED)
		{
			cache = foreach_delete_current(cache, lc);
			free_conn(c);
		}
	}
}

static void
ensure_initialized(void)
{
	if (peer_context != NULL)
		return;
	peer_context = AllocSetContextCreate(TopMemoryContext, "marsql peer connections",
										 ALLOCSET_SMALL_SIZES);
	RegisterXactCallback(peer_xact_callback, NULL);
	CacheRegisterSyscacheCallback(FOREIGNSERVEROID, invalidate_connections, (Datum) 0);
	CacheRegisterSyscacheCallback(USERMAPPINGOID, invalidate_connections, (Datum) 0);
}

/* an idle cached connection whose peer closed it (restarted) is dead */
static bool
still_alive(PeerConn *c)
{
	return c->conn != NULL && PQconsumeInput(c->conn) &&
		PQstatus(c->conn) == CONNECTION_OK &&
		PQtransactionStatus(c->conn) == PQTRANS_IDLE && !PQisBusy(c->conn);
}

PeerConn *
peer_conn_acquire(PeerServer *server)
{
	ListCell   *lc;
	int			open = 0;
	PeerConn   *c;

	ensure_initialized();
	foreach(lc, cache)
	{
		c = (PeerConn *) lfirst(lc);
		if (c->serverid != server->serverid || c->userid != server->userid)
			continue;
		if (!c->in_use && c->state == PEER_CONN_IDLE)
		{
			if (c->stale || c->options_hash != server->options_hash || !still_alive(c))
			{
				cache = foreach_delete_current(cache, lc);
				free_conn(c);
				continue;
			}
			c->in_use = true;
			c->notices = NIL;
			c->error = NULL;
			c->farewell = NULL;
			return c;
		}
		if (c->state != PEER_CONN_FAILED)
			open++;
	}
	if (open >= marsql_max_peer_connections)
		return NULL;
	/* a new connection counts in marsql.stat_engine once it is set up */
	task_stats_attach();

	c = MemoryContextAllocZero(peer_context, sizeof(PeerConn));
	c->serverid = server->serverid;
	c->userid = server->userid;
	c->options_hash = server->options_hash;
	c->password_required = server->password_required;
	c->name = MemoryContextStrdup(peer_context, server->name);
	c->executor = MemoryContextStrdup(peer_context,
									  psprintf("peer \"%s\"", server->name));
	c->in_use = true;
	c->state = PEER_CONN_CONNECTING;
	{
		/* the list lives as long as the session's connections */
		MemoryContext old = MemoryContextSwitchTo(peer_context);

		cache = lappend(cache, c);
		MemoryContextSwitchTo(old);
	}

	if (!AcquireExternalFD())
	{
		(void) fail(c, engine_make_error(ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
								  psprintf("could not connect to marsql peer \"%s\"", c->name),
								  pstrdup("There are too many open files on this server."),
								  pstrdup("Raise max_files_per_process or \"ulimit -n\", or lower marsql.max_peer_connections.")));
		return c;
	}
	c->conn = PQconnectStartParams(server->keywords, server->values, server->expand_dbname);
	if (c->conn == NULL)
	{
		ReleaseExternalFD();
		(void) fail_connect(c, pstrdup("Out of memory."));
		return c;
	}
	if (PQstatus(c->conn) == CONNECTION_BAD)
	{
		(void) fail_connect(c, libpq_message(c->conn));
		return c;
	}
	c->polling = PGRES_POLLING_WRITING;
	c->connect_timeout = server->connect_timeout;
	c->deadline = server->connect_timeout > 0
		? TimestampTzPlusMilliseconds(GetCurrentTimestamp(), server->connect_timeout * 1000)
		: 0;
	return c;
}

static bool
deadline_passed(PeerConn *c)
{
	return c->deadline != 0 && GetCurrentTimestamp() >= c->deadline;
}

/* connected: check the password rule, then send the setup query */
static PeerEvent
connected(PeerConn *c)
{
	if (c->password_required && !superuser_arg(c->userid) &&
		!PQconnectionUsedPassword(c->conn))
		return fail(c, engine_make_error(ERRCODE_S_R_E_PROHIBITED_SQL_STATEMENT_ATTEMPTED,
								  pstrdup("password is required"),
								  psprintf("Non-superuser cannot connect to marsql peer \"%s\" if it does not request a password.",
										   c->name),
								  pstrdup("Change the peer's authentication method, or have a superuser set password_required=false in the user mapping.")));
	if (PQsetnonblocking(c->conn, 1) != 0)
		return fail_connect(c, libpq_message(c->conn));
	PQsetNoticeReceiver(c->conn, receive_notice, c);
	pfree(c->executor);
	c->executor = MemoryContextStrdup(peer_context,
									  psprintf("peer \"%s\" (PID %d)", c->name,
											   PQbackendPID(c->conn)));
	if (!PQsendQuery(c->conn, PEER_SETUP_SQL))
		return fail_lost(c, NULL);
	c->state = PEER_CONN_SETUP;
	return PEER_EVENT_NONE;
}

/* a setup step failed on the peer: its error, saying so */
static PeerEvent
fail_setup(PeerConn *c, PGresult *res)
{
	ErrorData  *e = error_from_result(res);

	PQclear(res);
	e->elevel = ERROR;
	e->message = psprintf("could not set up the connection to marsql peer \"%s\": %s",
						  c->name, e->message);
	return fail(c, e);
}

/* the setup query is done: is marsql there, and the same version? */
static PeerEvent
set_up(PeerConn *c, PGresult *res)
{
	const char *version;

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		return fail_setup(c, res);
	version = PQntuples(res) == 1 && !PQgetisnull(res, 0, 0) ? PQgetvalue(res, 0, 0) : NULL;
	if (version == NULL)
	{
		char	   *db = pstrdup(PQdb(c->conn));

		PQclear(res);
		return fail(c, engine_make_error(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
								  psprintf("marsql is not installed on peer \"%s\"", c->name),
								  psprintf("Database \"%s\" there has no marsql extension.", db),
								  pstrdup("Run CREATE EXTENSION marsql in that database.")));
	}
	if (strcmp(version, MARSQL_VERSION) != 0)
	{
		char	   *theirs = pstrdup(version);

		PQclear(res);
		return fail(c, engine_make_error(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
								  psprintf("marsql peer \"%s\" runs marsql %s, this server runs %s",
										   c->name, theirs, MARSQL_VERSION),
								  NULL,
								  pstrdup("Install the same marsql version on every server and run ALTER EXTENSION marsql UPDATE.")));
	}
	if (c->version)
		pfree(c->version);
	c->version = MemoryContextStrdup(peer_context, version);
	PQclear(res);
	/* then the task statement, parsed and planned once */
	if (!PQsendPrepare(c->conn, PEER_TASK_STATEMENT, PEER_TASK_SQL, 5, peer_task_types))
		return fail_lost(c, NULL);
	return PEER_EVENT_NONE;
}

/* the task statement is prepared: the connection may take tasks */
static PeerEvent
prepared(PeerConn *c, PGresult *res)
{
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		return fail_setup(c, res);
	PQclear(res);
	c->prepared = true;
	c->state = PEER_CONN_IDLE;
	c->deadline = 0;
	task_stats_peer_connection();
	return PEER_EVENT_READY;
}

/*
 * Reads what has arrived; true when the query is complete (PQgetResult
 * gave NULL).  The last result is kept in c->result.
 */
static bool
read_results(PeerConn *c, bool *lost)
{
	*lost = false;
	if (!PQconsumeInput(c->conn))
		*lost = true;
	for (int guard = 0; guard < 1000; guard++)
	{
		PGresult   *res;

		if (!*lost && PQisBusy(c->conn))
			return false;
		res = PQgetResult(c->conn);
		if (res == NULL)
		{
			if (PQstatus(c->conn) == CONNECTION_BAD)
				*lost = true;
			return true;
		}
		if (c->result)
			PQclear(c->result);
		c->result = res;
	}
	*lost = true;
	return true;
}

PeerEvent
peer_conn_advance(PeerConn *c, PGresult **result, ErrorData **error)
{
	bool		lost;

	*result = NULL;
	*error = NULL;
	switch (c->state)
	{
		case PEER_CONN_CONNECTING:

			/*
			 * Poll before looking at the clock, as the setup state reads
			 * first: a caller that was held up past the deadline must not
			 * give up on a peer whose answer is already waiting.
			 */
			c->polling = PQconnectPoll(c->conn);
			if (c->polling == PGRES_POLLING_FAILED)
				return fail_connect(c, libpq_message(c->conn));
			if (c->polling == PGRES_POLLING_OK)
				return connected(c);
			if (deadline_passed(c))
				return fail_connect(c, psprintf("The connection timed out after %d s.", c->connect_timeout));
			return PEER_EVENT_NONE;

		case PEER_CONN_SETUP:
			if (!read_results(c, &lost))
			{
				if (deadline_passed(c))
					return fail_connect(c, psprintf("Setting up the connection timed out after %d s.", c->connect_timeout));
				return PEER_EVENT_NONE;
			}
			if (lost || c->result == NULL)
				return fail_lost(c, c->result);
			{
				PGresult   *res = c->result;

				c->result = NULL;
				return c->version == NULL ? set_up(c, res) : prepared(c, res);
			}

		case PEER_CONN_BUSY:
			if (c->flushing)
			{
				int			r = PQflush(c->conn);

				if (r < 0)
					return fail_lost(c, NULL);
				c->flushing = r > 0;
			}
			if (!read_results(c, &lost))
				return PEER_EVENT_NONE;
			if (lost)
				return fail_lost(c, c->result);
			c->state = PEER_CONN_IDLE;
			c->deadline = 0;
			{
				PGresult   *res = c->result;

				c->result = NULL;
				if (res && PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
					PQnfields(res) == 1 && !PQgetisnull(res, 0, 0) && PQfformat(res, 0) == 1)
				{
					c->bytes_received += PQgetlength(res, 0, 0);
					*result = res;
					return PEER_EVENT_RESULT;
				}
				if (res && PQresultStatus(res) == PGRES_FATAL_ERROR)
					*error = error_from_result(res);
				else
					*error = engine_make_error(ERRCODE_PROTOCOL_VIOLATION,
										psprintf("marsql peer \"%s\" sent a malformed task result",
												 c->name),
										NULL, NULL);
				(*error)->elevel = ERROR;
				if (res)
					PQclear(res);
				return PEER_EVENT_TASK_ERROR;
			}

		case PEER_CONN_IDLE:
		case PEER_CONN_FAILED:
			break;
	}
	return PEER_EVENT_NONE;
}

bool
peer_conn_send_task(PeerConn *c, const char *kind, const char *payload, int len,
					int timeout_ms)
{
	const char *values[5];
	int			lengths[5] = {0, len, 0, 0, 0};
	int			formats[5] = {0, 1, 0, 0, 0};
	int			r;

	Assert(c->state == PEER_CONN_IDLE);
	values[0] = kind;
	values[1] = payload;
	/* the caller's search_path and time zone, for this task only */
	values[2] = GetConfigOption("search_path", false, false);
	values[3] = pg_get_timezone_name(session_timezone);
	/* a read-only caller's task cannot write on the peer either */
	values[4] = XactReadOnly ? "t" : "f";
	c->notices = NIL;
	if (!PQsendQueryPrepared(c->conn, PEER_TASK_STATEMENT, 5, values, lengths, formats, 1))
	{
		(void) fail_lost(c, NULL);
		return false;
	}
	r = PQflush(c->conn);
	if (r < 0)
	{
		(void) fail_lost(c, NULL);
		return false;
	}
	c->flushing = r > 0;
	c->state = PEER_CONN_BUSY;
	c->tasks++;
	c->bytes_sent += len + strlen(kind) + strlen(values[2]) + strlen(values[3]);
	c->deadline = timeout_ms > 0
		? TimestampTzPlusMilliseconds(GetCurrentTimestamp(), timeout_ms) : 0;
	return true;
}

bool
peer_conn_wait_for(PeerConn *c, pgsocket *sock, uint32 *events)
{
	if (c->conn == NULL || PQsocket(c->conn) == PGINVALID_SOCKET)
		return false;
	*sock = PQsocket(c->conn);
	switch (c->state)
	{
		case PEER_CONN_CONNECTING:
			*events = c->polling == PGRES_POLLING_READING
				? WL_SOCKET_READABLE : WL_SOCKET_WRITEABLE;
			return true;
		case PEER_CONN_SETUP:
		case PEER_CONN_BUSY:
			*events = WL_SOCKET_READABLE | (c->flushing ? WL_SOCKET_WRITEABLE : 0);
			return true;
		default:
			return false;
	}
}

TimestampTz
peer_conn_deadline(PeerConn *c)
{
	return c->state == PEER_CONN_FAILED || c->state == PEER_CONN_IDLE ? 0 : c->deadline;
}

bool
peer_conn_timed_out(PeerConn *c)
{
	return c->state == PEER_CONN_BUSY && deadline_passed(c);
}

/*
 * A cancel request on its way.  PQcancel blocks until the peer's
 * postmaster has passed it on, so it runs in a thread of its own; the
 * backend and the thread share this, and whichever lets go last frees it.
 */
typedef struct CancelRequest
{
	PGcancel   *cancel;
	atomic_int	done;			/* the request was passed on (or failed) */
	atomic_int	holders;
} CancelRequest;

static void
let_go(CancelRequest *req)
{
	if (atomic_fetch_sub(&req->holders, 1) == 1)
	{
		PQfreeCancel(req->cancel);
		free(req);
	}
}

/* the thread: libpq only, every signal blocked */
static void *
cancel_thread(void *arg)
{
	CancelRequest *req = (CancelRequest *) arg;
	char		errbuf[256];

	(void) PQcancel(req->cancel, errbuf, sizeof(errbuf));
	atomic_store(&req->done, 1);
	let_go(req);
	return NULL;
}

/*
 * Starts a cancel request for what the connection runs; NULL when none
 * could be started.  A frozen peer holds the thread, not the backend.
 */
static CancelRequest *
send_cancel(PeerConn *c)
{
	CancelRequest *req = malloc(sizeof(CancelRequest));
	pthread_t	thread;
	pthread_attr_t attr;
	sigset_t	all,
				old;
	int			rc;

	if (req == NULL)
		return NULL;
	req->cancel = PQgetCancel(c->conn);
	if (req->cancel == NULL)
	{
		free(req);
		return NULL;
	}
	atomic_init(&req->done, 0);
	atomic_init(&req->holders, 2);
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&thread, &attr, cancel_thread, req);
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
	{
		PQfreeCancel(req->cancel);
		free(req);
		return NULL;
	}
	return req;
}

void
peer_conn_time_out(PeerConn *c, int timeout_ms)
{
	/* closed at once; the peer stops at its next client-connection check */
	(void) fail(c, engine_make_error(ERRCODE_CONNECTION_FAILURE,
							  psprintf("marsql peer \"%s\" did not finish a task within marsql.peer_timeout (%d ms)",
									   c->name, timeout_ms),
							  NULL,
							  pstrdup("Raise marsql.peer_timeout for longer tasks, or check the peer.")));
}

void
peer_conn_release(PeerConn *c)
{
	c->in_use = false;
	c->notices = NIL;
	c->error = NULL;
	c->farewell = NULL;
	if (c->state != PEER_CONN_IDLE || c->stale)
		forget(c);
}

void
peer_conns_wait(PeerConn **conns, int n, long timeout_ms)
{
	WaitEventSet *set = CreateWaitEventSet(CurrentMemoryContext, n + 2);
	WaitEvent	event;

	AddWaitEventToSet(set, WL_LATCH_SET, PGINVALID_SOCKET, MyLatch, NULL);
	AddWaitEventToSet(set, WL_EXIT_ON_PM_DEATH, PGINVALID_SOCKET, NULL, NULL);
	for (int i = 0; i < n; i++)
	{
		pgsocket	sock;
		uint32		events;

		if (conns[i] != NULL && peer_conn_wait_for(conns[i], &sock, &events))
			AddWaitEventToSet(set, events, sock, NULL, NULL);
	}
	(void) WaitEventSetWait(set, timeout_ms, &event, 1, PG_WAIT_EXTENSION);
	FreeWaitEventSet(set);
	ResetLatch(MyLatch);
}

/* drains a cancelled query; true once the connection is idle again */
static bool
drain(PeerConn *c)
{
	bool		lost;

	if (!read_results(c, &lost))
		return false;
	if (c->result)
		PQclear(c->result);
	c->result = NULL;
	if (lost)
	{
		close_conn(c);
		c->state = PEER_CONN_FAILED;
		return true;
	}
	c->state = PEER_CONN_IDLE;
	c->deadline = 0;
	return true;
}

/*
 * A connection whose task was cancelled is kept only once it is idle and
 * its cancel request has been passed on: a request still on its way would
 * cancel the next task instead.
 */
void
peer_conns_stop(PeerConn **conns, int n)
{
	TimestampTz deadline = TimestampTzPlusMilliseconds(GetCurrentTimestamp(),
													   marsql_peer_cleanup_timeout_ms);
	struct pollfd *fds = palloc(sizeof(struct pollfd) * Max(n, 1));
	CancelRequest **cancels = palloc0(sizeof(CancelRequest *) * Max(n, 1));
	bool		settling = false;

	for (int i = 0; i < n; i++)
	{
		PeerConn   *c = conns[i];

		if (c == NULL)
			continue;
		if (c->state == PEER_CONN_BUSY && !c->flushing &&
			(cancels[i] = send_cancel(c)) != NULL)
			settling = true;
		else if (c->state != PEER_CONN_IDLE)
		{
			/* a half-sent task, a connection not yet set up, or no cancel */
			close_conn(c);
			c->state = PEER_CONN_FAILED;
		}
	}
	while (settling)
	{
		long		left = (long) ((deadline - GetCurrentTimestamp()) / 1000);
		int			nfds = 0;

		if (left <= 0)
			break;
		for (int i = 0; i < n; i++)
		{
			if (conns[i] == NULL || conns[i]->state != PEER_CONN_BUSY)
				continue;
			fds[nfds].fd = PQsocket(conns[i]->conn);
			fds[nfds].events = POLLIN;
			fds[nfds].revents = 0;
			nfds++;
		}
		/* no latch: interrupts wait until the cleanup is over */
		(void) poll(fds, nfds, (int) Min(left, 10));
		settling = false;
		for (int i = 0; i < n; i++)
		{
			if (cancels[i] == NULL)
				continue;
			if (conns[i]->state == PEER_CONN_BUSY && !drain(conns[i]))
				settling = true;
			else if (!atomic_load(&cancels[i]->done))
				settling = true;
		}
	}
	for (int i = 0; i < n; i++)
	{
		if (conns[i] == NULL)
			continue;
		if (conns[i]->state != PEER_CONN_IDLE ||
			(cancels[i] != NULL && !atomic_load(&cancels[i]->done)))
		{
			close_conn(conns[i]);
			conns[i]->state = PEER_CONN_FAILED;
		}
		if (cancels[i] != NULL)
			let_go(cancels[i]);
		peer_conn_release(conns[i]);
		conns[i] = NULL;
	}
	pfree(cancels);
	pfree(fds);
}

List *
peer_conn_list(void)
{
	return cache;
}

int
peer_conns_close_idle(void)
{
	ListCell   *lc;
	int			closed = 0;

	foreach(lc, cache)
	{
		PeerConn   *c = (PeerConn *) lfirst(lc);

		if (c->in_use)
			continue;
		cache = foreach_delete_current(cache, lc);
		free_conn(c);
		closed++;
	}
	return closed;
}
