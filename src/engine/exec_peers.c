/*
 * exec_peers.c
 *	  Peer servers as executors of a job (marsql.executors = peers or
 *	  all): each marsql foreign server gets as many slots as its capacity
 *	  allows, a slot being one connection (peer_conn.c) running one task
 *	  query at a time.  Connections open lazily, as ready tasks need them;
 *	  servers are not interchangeable for that count, since a free slot of
 *	  one server cannot take a task pinned to another (wants_connection).
 *	  A peer that fails (lost connection, refused connect,
 *	  marsql.peer_timeout) is out for the rest of the job; its retryable
 *	  tasks run elsewhere, with a WARNING naming it.  A task pinned to a
 *	  server runs there or fails with that server's error.  Tasks that
 *	  ended on a peer, or were lost with it, are counted here in
 *	  marsql.stat_tasks (executor "peer"); the peer's own server does not
 *	  count the tasks it runs for others.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/elog.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "engine/engine.h"
#include "engine/job_state.h"
#include "engine/peer.h"
#include "engine/task_stats.h"
#include "guc.h"
/*
 * Peers.  A slot is one connection to a server running one task query at
 * a time; a server has as many slots as its capacity, at most
 * marsql.max_peer_connections.
 */

/* the job may run on peers: load every marsql server the user may use */
void
exec_peers_start(JobState *st)
{
	List	   *oids = peer_server_oids(true);
	ListCell   *lc;
	int			i = 0;

	if (oids == NIL && st->executors == ENGINE_EXECUTORS_PEERS)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("marsql %s: no marsql peer is declared", st->job->label),
				 errhint("Declare peers with CREATE SERVER ... FOREIGN DATA WRAPPER marsql and CREATE USER MAPPING, or SET marsql.executors = local.")));
	st->nservers = list_length(oids);
	st->servers = palloc0(sizeof(PeerServer *) * Max(st->nservers, 1));
	st->server_down = palloc0(sizeof(bool) * Max(st->nservers, 1));
	st->server_error = palloc0(sizeof(ErrorData *) * Max(st->nservers, 1));
	st->pinned = palloc0(sizeof(List *) * Max(st->nservers, 1));
	st->server_slots = palloc0(sizeof(int) * Max(st->nservers, 1));
	st->server_idle = palloc0(sizeof(int) * Max(st->nservers, 1));
	foreach(lc, oids)
	{
		st->servers[i] = peer_server_load(lfirst_oid(lc));
		st->nslots += Min(st->servers[i]->capacity, marsql_max_peer_connections);
		i++;
	}
	st->slot_server = palloc(sizeof(int) * Max(st->nslots, 1));
	st->slot_conns = palloc0(sizeof(PeerConn *) * Max(st->nslots, 1));
	st->slot_task = palloc(sizeof(int) * Max(st->nslots, 1));
	st->slot_started = palloc0(sizeof(instr_time) * Max(st->nslots, 1));
	st->slot_bytes_in = palloc0(sizeof(int64) * Max(st->nslots, 1));
	st->nslots = 0;
	for (i = 0; i < st->nservers; i++)
	{
		int			n = Min(st->servers[i]->capacity, marsql_max_peer_connections);

		st->server_slots[i] = n;
		for (int j = 0; j < n; j++)
		{
			st->slot_server[st->nslots] = i;
			st->slot_task[st->nslots] = -1;
			st->nslots++;
		}
	}
}

/*
 * A peer's error as the DETAIL of a WARNING that names the peer: its
 * message and detail as sentences ("Lost the connection to marsql peer
 * "p1". The peer reported: ...").
 */
static char *
error_as_detail(const ErrorData *error)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, error->message ? error->message : "the peer failed");
	engine_as_sentence(&buf);
	if (error->detail && error->detail[0])
		appendStringInfo(&buf, " %s", error->detail);
	return buf.data;
}

/*
 * The task of a slot ended on its peer, or was lost with the connection:
 * counted in marsql.stat_tasks, timed from when it was sent.
 */
static void
count_peer_task(JobState *st, int slot, int task, bool failed, int64 bytes_out)
{
	task_stats_count(TASK_STATS_PEER, st->job->tasks[task].kind, failed,
					 st->slot_bytes_in[slot], bytes_out, &st->slot_started[slot]);
}

/* a peer's task is lost with its connection: run again, or fail */
static void
peer_task_lost(JobState *st, int slot, int task, ErrorData *error, const char *executor)
{
	EngineJob  *job = st->job;
	EngineTask *t = &job->tasks[task];

	if (t->idempotent && !OidIsValid(t->server) && t->attempts < st->max_attempts)
	{
		task_stats_retried(TASK_STATS_PEER, t->kind);
		ereport(WARNING,
				(errcode(error->sqlerrcode),
				 errmsg("marsql %s failed on %s, running it again on another executor",
						job->cb.describe(job->arg, task), executor),
				 errdetail_internal("%s", error_as_detail(error))));
		st->running--;
		job_push_ready(st, task);
		return;
	}
	count_peer_task(st, slot, task, true, 0);
	job_task_error(st, task, engine_copy_message(error), executor);
}

/*
 * Tasks pinned to a server that is out of the job fail with its own error
 * (not the last of any peer): no other executor may run them.
 */
static void
fail_pinned(JobState *st, int s)
{
	Assert(st->server_error[s] != NULL);
	while (st->pinned[s] != NIL)
	{
		int			task = linitial_int(st->pinned[s]);

		st->pinned[s] = list_delete_first(st->pinned[s]);
		st->npinned--;
		st->running++;			/* task_error counts it out */
		st->job->tasks[task].attempts++;
		job_task_error(st, task, engine_copy_message(st->server_error[s]),
				   psprintf("peer \"%s\"", st->servers[s]->name));
	}
}

/* the slot's connection failed: the server is out for the rest of the job */
static void
peer_failed(JobState *st, int slot)
{
	PeerConn   *c = st->slot_conns[slot];
	int			s = st->slot_server[slot];
	int			task = st->slot_task[slot];
	char	   *executor = pstrdup(c->executor);
	ErrorData  *error = c->error;
	bool		first;

	if (error == NULL)
		error = engine_make_error(ERRCODE_CONNECTION_FAILURE,
								  psprintf("lost the connection to marsql peer \"%s\"", c->name),
								  NULL, NULL);
	error->elevel = ERROR;
	first = !st->server_down[s];
	st->server_down[s] = true;
	if (first)
		st->server_error[s] = error;
	st->peer_error = error;
	st->slot_task[slot] = -1;
	st->slot_conns[slot] = NULL;
	peer_conn_release(c);
	if (task >= 0)
		peer_task_lost(st, slot, task, error, executor);
	else if (first)
		ereport(WARNING,
				(errcode(error->sqlerrcode),
				 errmsg("marsql %s: peer \"%s\" is left out of this job", st->job->label,
						st->servers[s]->name),
				 errdetail_internal("%s", error_as_detail(error))));
	fail_pinned(st, s);
}

/* the next task for a peer slot: one pinned to its server, else any */
static int
next_peer_task(JobState *st, int slot)
{
	int			s = st->slot_server[slot];

	if (st->server_down[s])
		return -1;
	if (st->pinned[s] != NIL)
	{
		int			task = linitial_int(st->pinned[s]);

		st->pinned[s] = list_delete_first(st->pinned[s]);
		st->npinned--;
		return task;
	}
	return job_pop_ready(st);
}

static void
send_task_to_peer(JobState *st, int slot, int task)
{
	EngineJob  *job = st->job;
	PeerConn   *c = st->slot_conns[slot];
	StringInfoData payload;
	bool		sent;

	st->slot_task[slot] = task;
	job->report.tasks_on_peers++;
	job_start_unshared_task(st, task, c->executor, &payload);
	INSTR_TIME_SET_CURRENT(st->slot_started[slot]);
	st->slot_bytes_in[slot] = payload.len;
	sent = peer_conn_send_task(c, engine_kind(job->tasks[task].kind)->name,
							   payload.data, payload.len, marsql_peer_timeout_ms);
	pfree(payload.data);
	if (!sent)
		peer_failed(st, slot);
	job_report_progress(st);
}

static void
relay_peer_notices(JobState *st, int slot)
{
	PeerConn   *c = st->slot_conns[slot];
	ListCell   *lc;

	if (c == NULL || c->notices == NIL)
		return;
	foreach(lc, c->notices)
	{
		if (st->slot_task[slot] >= 0)
			st->job->cb.task_log(st->job->arg, st->slot_task[slot], (ErrorData *) lfirst(lc), false);
	}
	c->notices = NIL;
}

/* a peer's result: handed over, then the PGresult is freed */
static void
peer_result(JobState *st, int slot, PGresult *res)
{
	int			task = st->slot_task[slot];

	st->slot_task[slot] = -1;
	count_peer_task(st, slot, task, false, PQgetlength(res, 0, 0));
	PG_TRY();
	{
		job_task_succeeded(st, task, PQgetvalue(res, 0, 0), PQgetlength(res, 0, 0));
	}
	PG_CATCH();
	{
		PQclear(res);
		PG_RE_THROW();
	}
	PG_END_TRY();
	PQclear(res);
}

/*
 * Should a slot of server s that has no connection connect now?  Peers
 * are not interchangeable: a task pinned to s runs on a connection to s
 * only, while any slot takes an unpinned task.  A slot connected (or
 * connecting) and without a task takes its own server's pinned tasks
 * first, so s needs another connection when its pinned tasks outnumber
 * its free slots, or when the unpinned ready tasks outnumber the free
 * slots of every server left over from their pinned tasks.
 */
static bool
wants_connection(JobState *st, int s)
{
	int			spare = 0;

	if (st->pinned[s] == NIL && st->nready == 0)
		return false;
	memset(st->server_idle, 0, sizeof(int) * st->nservers);
	for (int i = 0; i < st->nslots; i++)
		if (st->slot_server[i] >= 0 && st->slot_conns[i] != NULL && st->slot_task[i] < 0)
			st->server_idle[st->slot_server[i]]++;
	if (list_length(st->pinned[s]) > st->server_idle[s])
		return true;
	for (int t = 0; t < st->nservers; t++)
		if (!st->server_down[t])
			spare += Max(st->server_idle[t] - list_length(st->pinned[t]), 0);
	return st->nready > spare;
}

/*
 * Drives every peer slot once: connects where tasks wait, reads results
 * and errors, times out slow tasks and sends ready tasks to idle
 * connections.  Returns the slots that can still run tasks; *progressed
 * when anything happened.
 */
int
exec_peers_drive(JobState *st, bool *progressed)
{
	int			live = 0;

	for (int i = 0; i < st->nslots; i++)
	{
		int			s = st->slot_server[i];
		PeerConn   *c = st->slot_conns[i];

		if (s < 0)
			continue;
		if (c == NULL)
		{
			if (st->server_down[s])
				continue;
			live++;
			if (!wants_connection(st, s))
				continue;
			c = peer_conn_acquire(st->servers[s]);
			if (c == NULL)
			{
				/* the session holds marsql.max_peer_connections already */
				st->slot_server[i] = -1;
				st->server_slots[s]--;
				live--;
				if (st->server_slots[s] == 0)
				{
					/*
					 * Every connection to it is an outer job's: it is out of
					 * this job, and the tasks pinned to it fail.
					 */
					st->server_down[s] = true;
					st->server_error[s] =
						engine_make_error(ERRCODE_CONFIGURATION_LIMIT_EXCEEDED,
										  psprintf("no connection to marsql peer \"%s\" is free for this job",
												   st->servers[s]->name),
										  psprintf("The session holds marsql.max_peer_connections (%d) connections to it already.",
												   marsql_max_peer_connections),
										  pstrdup("Raise marsql.max_peer_connections."));
				}
				continue;
			}
			st->slot_conns[i] = c;
			*progressed = true;
		}
		else if (st->server_down[s] && st->slot_task[i] < 0)
		{
			st->slot_conns[i] = NULL;
			peer_conn_release(c);
			continue;
		}
		else
			live++;

		for (;;)
		{
			PGresult   *res;
			ErrorData  *error;
			PeerEvent	event;

			if (c->state == PEER_CONN_FAILED)
				event = PEER_EVENT_FAILED;	/* at once, as it started */
			else if (peer_conn_timed_out(c))
			{
				peer_conn_time_out(c, marsql_peer_timeout_ms);
				event = PEER_EVENT_FAILED;
			}
			else
				event = peer_conn_advance(c, &res, &error);
			relay_peer_notices(st, i);
			if (event == PEER_EVENT_NONE)
				break;
			*progressed = true;
			if (event == PEER_EVENT_FAILED)
			{
				live--;
				peer_failed(st, i);
				break;
			}
			if (event == PEER_EVENT_RESULT)
				peer_result(st, i, res);
			else if (event == PEER_EVENT_TASK_ERROR)
			{
				int			task = st->slot_task[i];

				st->slot_task[i] = -1;
				count_peer_task(st, i, task, true, 0);
				job_task_error(st, task, error, c->executor);
			}
			break;
		}
		c = st->slot_conns[i];
		if (c != NULL && c->state == PEER_CONN_IDLE && st->slot_task[i] < 0)
		{
			int			task = next_peer_task(st, i);

			if (task >= 0)
			{
				send_task_to_peer(st, i, task);
				*progressed = true;
			}
		}
	}
	for (int s = 0; s < st->nservers; s++)
		if (st->server_down[s] && st->pinned[s] != NIL)
			fail_pinned(st, s);
	return live;
}

/* no executor can run the ready tasks: each fails with the last peer error */
void
exec_peers_fail_unrunnable(JobState *st)
{
	ErrorData  *error = st->peer_error;

	if (error == NULL)
		error = engine_make_error(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
								  psprintf("marsql %s: no marsql peer can take a task", st->job->label),
								  NULL,
								  pstrdup("Raise marsql.max_peer_connections, or SET marsql.executors = 'all' to use local workers too."));
	while (st->nready > 0)
	{
		int			task = job_pop_ready(st);

		st->running++;			/* task_error counts it out */
		st->job->tasks[task].attempts++;
		job_task_error(st, task, engine_copy_message(error), "no executor");
	}
}

/*
 * Sleeps until the latch is set, a busy peer socket is ready, or the
 * nearest connect or task deadline, at most timeout milliseconds.
 */
void
exec_peers_wait(JobState *st, long timeout)
{
	TimestampTz now = GetCurrentTimestamp();

	for (int i = 0; i < st->nslots; i++)
	{
		TimestampTz d = st->slot_conns[i] ? peer_conn_deadline(st->slot_conns[i]) : 0;

		if (d != 0)
			timeout = Min(timeout, Max(0, (long) ((d - now) / 1000) + 1));
	}
	peer_conns_wait(st->slot_conns, st->nslots, timeout);
}

/* the job is over or failed: busy connections are cancelled */
void
exec_peers_stop(JobState *st)
{
	if (st->nslots > 0)
		peer_conns_stop(st->slot_conns, st->nslots);
}
