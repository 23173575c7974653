/*
 * peer_catalog.c
 *	  Peers in the catalog: the marsql foreign-data wrapper's option
 *	  validator, and how the current user reaches a server (its options,
 *	  the user mapping's, USAGE and the password rule).
 *
 *	  Servers take libpq's connection options (host, port, dbname, ...,
 *	  but never user or password) and marsql's own `capacity`, the tasks a
 *	  peer runs at once.  User mappings take user, password and
 *	  password_required; sslcert and sslkey name files on this server, so
 *	  only a superuser may set them, and only a superuser may give a full
 *	  connection string as dbname.  As in postgres_fdw, a non-superuser
 *	  must have a password in the mapping, and the peer must have asked for
 *	  it (peer_conn.c checks that after connecting), unless a superuser set
 *	  password_required to false.  Options of mappings are never returned.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/reloptions.h"
#include "access/table.h"
#include "catalog/pg_foreign_data_wrapper.h"
#include "catalog/pg_foreign_server.h"
#include "catalog/pg_user_mapping.h"
#include "commands/defrem.h"
#include "common/hashfn.h"
#include "foreign/foreign.h"
#include "libpq-fe.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "utils/varlena.h"

#include "engine/engine.h"
#include "engine/peer.h"
#include "guc.h"

PG_FUNCTION_INFO_V1(marsql_peer_validator);

/* the wrapper the extension creates */
#define PEER_WRAPPER_NAME "marsql"

/* libpq options that only the user mapping, or nobody, may set */
static bool
libpq_option_forbidden_on_server(const char *keyword)
{
	static const char *const forbidden[] = {
		"user", "password", "sslpassword", "sslcert", "sslkey",
		"client_encoding", "fallback_application_name", "replication", NULL
	};

	for (int i = 0; forbidden[i]; i++)
		if (strcmp(keyword, forbidden[i]) == 0)
			return true;
	return false;
}

static bool
is_libpq_option(const char *keyword)
{
	PQconninfoOption *defaults = PQconndefaults();
	bool		found = false;

	if (defaults == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory"),
				 errdetail("libpq could not list its connection options.")));
	for (PQconninfoOption *o = defaults; o->keyword; o++)
	{
		/* debug options ('D') are not for users */
		if (strcmp(o->keyword, keyword) == 0 && strchr(o->dispchar, 'D') == NULL)
			found = true;
	}
	PQconninfoFree(defaults);
	return found;
}

/* a dbname that libpq would read as a whole connection string */
static bool
looks_like_connection_string(const char *dbname)
{
	return strchr(dbname, '=') != NULL ||
		strncmp(dbname, "postgresql://", 13) == 0 ||
		strncmp(dbname, "postgres://", 11) == 0;
}

static int
capacity_option(DefElem *def)
{
	char	   *value = defGetString(def);
	char	   *end;
	long		n;

	errno = 0;
	n = strtol(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || n < 1 || n > 1024)
		ereport(ERROR,
				(errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
				 errmsg("invalid value for option \"capacity\": \"%s\"", value),
				 errhint("capacity is the number of tasks a peer runs at once, from 1 to 1024.")));
	return (int) n;
}

static void
validate_server_option(DefElem *def)
{
	if (strcmp(def->defname, "capacity") == 0)
	{
		(void) capacity_option(def);
		return;
	}
	if (!is_libpq_option(def->defname) || libpq_option_forbidden_on_server(def->defname))
	{
		bool		in_mapping = strcmp(def->defname, "user") == 0 ||
			strcmp(def->defname, "password") == 0 ||
			strcmp(def->defname, "sslcert") == 0 ||
			strcmp(def->defname, "sslkey") == 0;

		ereport(ERROR,
				(errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
				 errmsg("invalid option \"%s\" for a marsql server", def->defname),
				 in_mapping
				 ? errhint("Set \"%s\" in the user mapping.", def->defname)
				 : errhint("A marsql server takes libpq connection options such as host, port and dbname, and capacity.")));
	}
	if (strcmp(def->defname, "dbname") == 0 &&
		looks_like_connection_string(defGetString(def)) && !superuser())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("only a superuser may give a connection string as dbname"),
				 errhint("Set host, port and dbname as separate options.")));
}

static void
validate_mapping_option(DefElem *def)
{
	if (strcmp(def->defname, "password_required") == 0)
	{
		if (!defGetBoolean(def) && !superuser())
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("password_required=false is superuser-only"),
					 errhint("User mappings with password_required set to false may only be created or modified by a superuser.")));
		return;
	}
	if (strcmp(def->defname, "user") == 0 || strcmp(def->defname, "password") == 0 ||
		strcmp(def->defname, "sslpassword") == 0)
		return;
	if (strcmp(def->defname, "sslcert") == 0 || strcmp(def->defname, "sslkey") == 0)
	{
		if (!superuser())
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("only a superuser may set \"%s\"", def->defname),
					 errdetail("The option names a file on this server.")));
		return;
	}
	ereport(ERROR,
			(errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
			 errmsg("invalid option \"%s\" for a marsql user mapping", def->defname),
			 errhint("A marsql user mapping takes user, password, sslpassword, sslcert, sslkey and password_required.")));
}

/* marsql.peer_validator(options text[], catalog oid) */
Datum
marsql_peer_validator(PG_FUNCTION_ARGS)
{
	List	   *options = untransformRelOptions(PG_GETARG_DATUM(0));
	Oid			catalog = PG_GETARG_OID(1);
	ListCell   *lc;

	foreach(lc, options)
	{
		DefElem    *def = lfirst_node(DefElem, lc);

		if (catalog == ForeignServerRelationId)
			validate_server_option(def);
		else if (catalog == UserMappingRelationId)
			validate_mapping_option(def);
		else
			ereport(ERROR,
					(errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
					 errmsg("invalid option \"%s\"", def->defname),
					 errhint(catalog == ForeignDataWrapperRelationId
							 ? "The marsql wrapper takes no options; set them on each server."
							 : "marsql peers are servers and user mappings; they have no foreign tables.")));
	}
	PG_RETURN_VOID();
}

/* the servers marsql.peer_servers names, in its order */
static List *
selected_servers(ForeignDataWrapper *fdw)
{
	char	   *copy = pstrdup(marsql_peer_servers);
	List	   *names;
	List	   *oids = NIL;
	ListCell   *lc;

	if (!SplitIdentifierString(copy, ',', &names))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid list syntax in marsql.peer_servers")));
	foreach(lc, names)
	{
		ForeignServer *fs = GetForeignServerByName(lfirst(lc), true);

		if (fs == NULL || fs->fdwid != fdw->fdwid)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("marsql peer \"%s\" does not exist", (char *) lfirst(lc)),
					 errdetail("marsql.peer_servers names it, but no server of the marsql wrapper has that name.")));
		oids = list_append_unique_oid(oids, fs->serverid);
	}
	return oids;
}

List *
peer_server_oids(bool selected)
{
	ForeignDataWrapper *fdw = GetForeignDataWrapperByName(PEER_WRAPPER_NAME, true);
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	List	   *names = NIL;
	List	   *oids = NIL;
	ListCell   *lc;

	if (fdw == NULL)
		return NIL;
	if (selected && marsql_peer_servers && marsql_peer_servers[0] != '\0')
		return selected_servers(fdw);
	rel = table_open(ForeignServerRelationId, AccessShareLock);
	scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		Form_pg_foreign_server s = (Form_pg_foreign_server) GETSTRUCT(tup);

		if (s->srvfdw == fdw->fdwid)
			names = lappend(names, pstrdup(NameStr(s->srvname)));
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	list_sort(names, (list_sort_comparator) pg_qsort_strcmp);
	foreach(lc, names)
		oids = lappend_oid(oids, GetForeignServerByName(lfirst(lc), false)->serverid);
	return oids;
}

/* the current user's mapping for the server, or PUBLIC's, or NULL */
static UserMapping *
find_user_mapping(Oid serverid)
{
	Oid			userid = GetUserId();
	HeapTuple	tup = SearchSysCache2(USERMAPPINGUSERSERVER, ObjectIdGetDatum(userid),
									  ObjectIdGetDatum(serverid));

	if (!HeapTupleIsValid(tup))
		tup = SearchSysCache2(USERMAPPINGUSERSERVER, ObjectIdGetDatum(InvalidOid),
							  ObjectIdGetDatum(serverid));
	if (!HeapTupleIsValid(tup))
		return NULL;
	ReleaseSysCache(tup);
	return GetUserMapping(userid, serverid);
}

char *
peer_server_address(Oid serverid, int *capacity)
{
	ForeignServer *fs = GetForeignServer(serverid);
	const char *host = NULL;
	const char *port = NULL;
	const char *dbname = NULL;
	ListCell   *lc;

	*capacity = PEER_DEFAULT_CAPACITY;
	foreach(lc, fs->options)
	{
		DefElem    *def = lfirst_node(DefElem, lc);

		if (strcmp(def->defname, "capacity") == 0)
			*capacity = capacity_option(def);
		else if (strcmp(def->defname, "host") == 0 ||
				 (strcmp(def->defname, "hostaddr") == 0 && host == NULL))
			host = defGetString(def);
		else if (strcmp(def->defname, "port") == 0)
			port = defGetString(def);
		else if (strcmp(def->defname, "dbname") == 0 &&
				 !looks_like_connection_string(defGetString(def)))
			dbname = defGetString(def);
	}
	return psprintf("%s:%s/%s", host ? host : "localhost", port ? port : "5432",
					dbname ? dbname : "(user's database)");
}

PeerServer *
peer_server_try_load(Oid serverid, ErrorData **why)
{
	ForeignServer *fs = GetForeignServer(serverid);
	UserMapping *um;
	PeerServer *s;
	List	   *options;
	ListCell   *lc;
	int			n = 0;
	bool		has_password = false;
	StringInfoData all;

	*why = NULL;
	if (pg_foreign_server_aclcheck(serverid, GetUserId(), ACL_USAGE) != ACLCHECK_OK)
	{
		*why = engine_make_error(ERRCODE_INSUFFICIENT_PRIVILEGE,
						  psprintf("permission denied for foreign server %s", fs->servername),
						  NULL,
						  psprintf("A superuser or the server's owner can GRANT USAGE ON FOREIGN SERVER %s.",
								   quote_identifier(fs->servername)));
		return NULL;
	}
	um = find_user_mapping(serverid);
	if (um == NULL)
	{
		*why = engine_make_error(ERRCODE_UNDEFINED_OBJECT,
						  psprintf("user mapping not found for user \"%s\" on marsql peer \"%s\"",
								   GetUserNameFromId(GetUserId(), false), fs->servername),
						  NULL,
						  psprintf("Create one with CREATE USER MAPPING FOR CURRENT_USER SERVER %s OPTIONS (user '...', password '...').",
								   quote_identifier(fs->servername)));
		return NULL;
	}

	s = palloc0(sizeof(PeerServer));
	s->serverid = serverid;
	s->userid = GetUserId();
	s->name = pstrdup(fs->servername);
	s->address = peer_server_address(serverid, &s->capacity);
	s->connect_timeout = PEER_DEFAULT_CONNECT_TIMEOUT;
	s->password_required = true;
	options = list_concat(list_copy(fs->options), um->options);
	s->keywords = palloc0(sizeof(char *) * (list_length(options) + 3));
	s->values = palloc0(sizeof(char *) * (list_length(options) + 3));
	initStringInfo(&all);
	foreach(lc, options)
	{
		DefElem    *def = lfirst_node(DefElem, lc);
		const char *value = defGetString(def);

		appendStringInfo(&all, "%s=%s;", def->defname, value);
		if (strcmp(def->defname, "capacity") == 0)
			continue;
		if (strcmp(def->defname, "password_required") == 0)
		{
			s->password_required = defGetBoolean(def);
			continue;
		}
		if (strcmp(def->defname, "connect_timeout") == 0)
		{
			int			seconds = atoi(value);

			/* libpq's rule: below 2 seconds means 2, 0 means none */
			s->connect_timeout = seconds <= 0 ? 0 : Max(seconds, 2);
		}
		if (strcmp(def->defname, "password") == 0 && value[0] != '\0')
			has_password = true;
		if (strcmp(def->defname, "dbname") == 0 && looks_like_connection_string(value))
			s->expand_dbname = true;
		s->keywords[n] = def->defname;
		s->values[n] = value;
		n++;
	}
	s->keywords[n] = "fallback_application_name";
	s->values[n++] = "marsql";
	s->keywords[n] = "client_encoding";
	s->values[n++] = GetDatabaseEncodingName();
	s->options_hash = hash_bytes((unsigned char *) all.data, all.len);

	if (!superuser() && s->password_required && !has_password)
	{
		*why = engine_make_error(ERRCODE_S_R_E_PROHIBITED_SQL_STATEMENT_ATTEMPTED,
						  pstrdup("password is required"),
						  psprintf("Non-superusers must provide a password in the user mapping for marsql peer \"%s\".",
								   s->name),
						  NULL);
		return NULL;
	}
	return s;
}

PeerServer *
peer_server_load(Oid serverid)
{
	ErrorData  *why;
	PeerServer *s = peer_server_try_load(serverid, &why);

	if (s == NULL)
		ThrowErrorData(why);
	return s;
}
