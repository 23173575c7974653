/*
 * peer.h
 *	  Peers: other PostgreSQL servers with marsql installed, declared as
 *	  foreign servers of the marsql wrapper, that run a job's tasks.
 *
 *	  peer_catalog.c reads the catalog (servers, user mappings, privileges)
 *	  and owns the wrapper's validator and the marsql.peers view;
 *	  peer_conn.c owns the session's connections: non-blocking libpq,
 *	  connect and setup, one task query at a time per connection, cancel,
 *	  and cleanup at transaction end; peer_task.c is the function a peer
 *	  runs a task with.  The scheduler drives connections through this
 *	  header and never calls libpq itself.
 */
#ifndef MARSQL_PEER_H
#define MARSQL_PEER_H

#include "libpq-fe.h"
#include "nodes/pg_list.h"
#include "utils/elog.h"
#include "utils/timestamp.h"

/* tasks a peer runs at once when its server sets no capacity */
#define PEER_DEFAULT_CAPACITY 2

/* seconds to connect when the server sets no connect_timeout */
#define PEER_DEFAULT_CONNECT_TIMEOUT 10

/* a marsql foreign server as the current user reaches it */
typedef struct PeerServer
{
	Oid			serverid;
	Oid			userid;			/* the user mapping's (or PUBLIC's) user */
	char	   *name;
	char	   *address;		/* "host:port/dbname", for messages */
	int			capacity;
	int			connect_timeout;	/* seconds */
	/* libpq keywords and values, server and mapping options: NULL-ended */
	const char **keywords;
	const char **values;
	bool		expand_dbname;	/* a superuser's connection string in dbname */
	bool		password_required;
	uint32		options_hash;	/* a changed option makes cached connections stale */
} PeerServer;

/*
 * The servers of the marsql wrapper, sorted by name (Oids); `selected`:
 * only those marsql.peer_servers names, when it names any.
 */
extern List *peer_server_oids(bool selected);

/*
 * The server as the current user reaches it; raises the reason when the
 * user may not (no USAGE, no user mapping, no password where one is
 * required).
 */
extern PeerServer *peer_server_load(Oid serverid);

/* the same, returning NULL with the reason instead of raising it */
extern PeerServer *peer_server_try_load(Oid serverid, ErrorData **why);

/* what peer_server_load checks, for the view: the address alone */
extern char *peer_server_address(Oid serverid, int *capacity);

typedef enum PeerConnState
{
	PEER_CONN_CONNECTING,		/* PQconnectPoll */
	PEER_CONN_SETUP,			/* settings and the version check */
	PEER_CONN_IDLE,
	PEER_CONN_BUSY,				/* running a task query */
	PEER_CONN_FAILED			/* closed; error says why */
} PeerConnState;

typedef struct PeerConn
{
	Oid			serverid;
	Oid			userid;
	uint32		options_hash;
	char	   *name;			/* the server's */
	PGconn	   *conn;
	PeerConnState state;
	PostgresPollingStatusType polling;	/* while connecting */
	bool		flushing;		/* the task query is not all sent */
	bool		in_use;			/* held by a running job */
	bool		stale;			/* options changed: close when released */
	bool		password_required;
	bool		prepared;		/* the task statement is prepared there */
	TimestampTz deadline;		/* of the connect, or of the task */
	PGresult   *result;			/* the task query's, until it completes */
	List	   *notices;		/* ErrorData of the running task */
	char	   *version;		/* the peer's marsql version */
	char	   *executor;		/* "peer \"p1\" (PID 4242)" */
	ErrorData  *error;			/* why it failed */
	ErrorData  *farewell;		/* the peer's backend is ending (class 57) */
	int			connect_timeout;	/* seconds, for messages */
	/* since it connected: tasks sent, and their payload and result bytes */
	int64		tasks;
	int64		bytes_sent;
	int64		bytes_received;
} PeerConn;

typedef enum PeerEvent
{
	PEER_EVENT_NONE,			/* nothing new */
	PEER_EVENT_READY,			/* connected and set up: may take a task */
	PEER_EVENT_RESULT,			/* the task's result: *result */
	PEER_EVENT_TASK_ERROR,		/* the task raised *error; still usable */
	PEER_EVENT_FAILED			/* the connection is gone: conn->error */
} PeerEvent;

/*
 * A connection to the server for a job: an idle cached one, or a new one
 * that starts connecting; NULL when the session holds
 * marsql.max_peer_connections to it already.
 */
extern PeerConn *peer_conn_acquire(PeerServer *server);

/* drives the connection without blocking; see PeerEvent */
extern PeerEvent peer_conn_advance(PeerConn *c, PGresult **result, ErrorData **error);

/*
 * Sends a task to an idle connection; timeout_ms 0: no deadline.  False
 * when the connection failed (conn->error).
 */
extern bool peer_conn_send_task(PeerConn *c, const char *kind, const char *payload,
								int len, int timeout_ms);

/* when the connect or the task must be over, or 0 */
extern TimestampTz peer_conn_deadline(PeerConn *c);

/* a task runs past its deadline */
extern bool peer_conn_timed_out(PeerConn *c);

/* the socket and events the connection waits for, false when none */
extern bool peer_conn_wait_for(PeerConn *c, pgsocket *sock, uint32 *events);

/* the task took longer than its deadline: the connection fails */
extern void peer_conn_time_out(PeerConn *c, int timeout_ms);

/*
 * The job is done with the connection: an idle one stays cached for the
 * session, any other is closed.
 */
extern void peer_conn_release(PeerConn *c);

/*
 * A stopped job's connections: busy ones are sent a cancel and drained
 * for up to marsql.peer_cleanup_timeout, then released; those that have
 * not settled by then are closed.  Never raises.
 */
extern void peer_conns_stop(PeerConn **conns, int n);

/*
 * Waits up to timeout_ms for the latch or any of the connections' sockets
 * (one wait event set for all).
 */
extern void peer_conns_wait(PeerConn **conns, int n, long timeout_ms);

/* the session's connections (PeerConn *), for marsql.peer_connections */
extern List *peer_conn_list(void);

/* closes every connection no job holds; returns how many */
extern int	peer_conns_close_idle(void);

#endif							/* MARSQL_PEER_H */
