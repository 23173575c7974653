/*
 * peer_sql.c
 *	  SQL functions about peers: marsql.peer_status() (the rows of the
 *	  marsql.peers view and of marsql.check_peers()), connecting to every
 *	  peer at once; marsql.peer_connections(), this session's cached
 *	  connections; marsql.disconnect_peers().  No function returns an
 *	  option of a user mapping.
 */
#include "postgres.h"

#include "fmgr.h"
#include "foreign/foreign.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "engine/peer.h"

PG_FUNCTION_INFO_V1(marsql_peer_status);
PG_FUNCTION_INFO_V1(marsql_peer_connections);
PG_FUNCTION_INFO_V1(marsql_disconnect_peers);

static const char *
conn_state_name(PeerConnState state)
{
	switch (state)
	{
		case PEER_CONN_CONNECTING:
			return "connecting";
		case PEER_CONN_SETUP:
			return "setting up";
		case PEER_CONN_IDLE:
			return "idle";
		case PEER_CONN_BUSY:
			return "busy";
		case PEER_CONN_FAILED:
			break;
	}
	return "failed";
}

/*
 * marsql.peer_status() RETURNS TABLE (name text, address text, capacity
 * integer, reachable boolean, version text, error text)
 */
Datum
marsql_peer_status(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	List	   *oids = peer_server_oids(false);
	int			n = list_length(oids);
	PeerConn  **conns = palloc0(sizeof(PeerConn *) * Max(n, 1));
	ErrorData **errors = palloc0(sizeof(ErrorData *) * Max(n, 1));
	PeerServer **servers = palloc0(sizeof(PeerServer *) * Max(n, 1));
	int			pending = 0;
	ListCell   *lc;
	int			i = 0;

	InitMaterializedSRF(fcinfo, 0);
	foreach(lc, oids)
	{
		servers[i] = peer_server_try_load(lfirst_oid(lc), &errors[i]);
		if (servers[i] != NULL)
		{
			conns[i] = peer_conn_acquire(servers[i]);
			if (conns[i] == NULL)
				errors[i] = NULL;	/* all in use: reported as busy below */
			else if (conns[i]->state != PEER_CONN_IDLE)
				pending++;
		}
		i++;
	}
	PG_TRY();
	{
		while (pending > 0)
		{
			TimestampTz next = 0;

			pending = 0;
			for (i = 0; i < n; i++)
			{
				PGresult   *res;
				ErrorData  *e;

				if (conns[i] == NULL || conns[i]->state == PEER_CONN_IDLE ||
					conns[i]->state == PEER_CONN_FAILED)
					continue;
				(void) peer_conn_advance(conns[i], &res, &e);
				if (conns[i]->state != PEER_CONN_IDLE && conns[i]->state != PEER_CONN_FAILED)
				{
					TimestampTz d = peer_conn_deadline(conns[i]);

					pending++;
					if (d != 0 && (next == 0 || d < next))
						next = d;
				}
			}
			if (pending > 0)
			{
				long		wait = 1000;

				if (next != 0)
					wait = Max(1, Min(wait, (long) ((next - GetCurrentTimestamp()) / 1000) + 1));
				peer_conns_wait(conns, n, wait);
				CHECK_FOR_INTERRUPTS();
			}
		}
	}
	PG_CATCH();
	{
		peer_conns_stop(conns, n);
		PG_RE_THROW();
	}
	PG_END_TRY();

	i = 0;
	foreach(lc, oids)
	{
		Datum		values[6];
		bool		nulls[6] = {false};
		int			capacity;
		char	   *address = peer_server_address(lfirst_oid(lc), &capacity);
		PeerConn   *c = conns[i];
		bool		reachable = c != NULL && c->state == PEER_CONN_IDLE;
		ErrorData  *e = errors[i];

		if (e == NULL && c != NULL && c->state == PEER_CONN_FAILED)
			e = c->error;
		values[0] = CStringGetTextDatum(servers[i] ? servers[i]->name
										: GetForeignServer(lfirst_oid(lc))->servername);
		values[1] = CStringGetTextDatum(address);
		values[2] = Int32GetDatum(capacity);
		values[3] = BoolGetDatum(reachable);
		if (reachable && c->version)
			values[4] = CStringGetTextDatum(c->version);
		else
			nulls[4] = true;
		if (e != NULL)
			values[5] = CStringGetTextDatum(e->detail
											? psprintf("%s: %s", e->message, e->detail)
											: e->message);
		else if (servers[i] != NULL && c == NULL)
			values[5] = CStringGetTextDatum("every connection this session may hold to it is in use");
		else
			nulls[5] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		if (c != NULL)
			peer_conn_release(c);
		i++;
	}
	PG_RETURN_NULL();
}

/*
 * marsql.peer_connections() RETURNS TABLE (peer text, state text,
 * backend_pid integer, in_use boolean, tasks bigint, bytes_sent bigint,
 * bytes_received bigint): this session's connections
 */
Datum
marsql_peer_connections(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ListCell   *lc;

	InitMaterializedSRF(fcinfo, 0);
	foreach(lc, peer_conn_list())
	{
		PeerConn   *c = (PeerConn *) lfirst(lc);
		Datum		values[7];
		bool		nulls[7] = {false};

		values[0] = CStringGetTextDatum(c->name);
		values[1] = CStringGetTextDatum(conn_state_name(c->state));
		if (c->conn != NULL && PQbackendPID(c->conn) != 0)
			values[2] = Int32GetDatum(PQbackendPID(c->conn));
		else
			nulls[2] = true;
		values[3] = BoolGetDatum(c->in_use);
		values[4] = Int64GetDatum(c->tasks);
		values[5] = Int64GetDatum(c->bytes_sent);
		values[6] = Int64GetDatum(c->bytes_received);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}

/* marsql.disconnect_peers() RETURNS integer: closes idle connections */
Datum
marsql_disconnect_peers(PG_FUNCTION_ARGS)
{
	(void) fcinfo;
	PG_RETURN_INT32(peer_conns_close_idle());
}
