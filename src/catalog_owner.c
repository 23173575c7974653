/*-------------------------------------------------------------------------
 *
 * catalog_owner.c
 *	  Catalog maintenance (chunked arrays, FAISS indexes) runs as the owner
 *	  of the marsql catalog table it writes, like a SECURITY DEFINER
 *	  function: the caller's identity and search_path are set aside until
 *	  marsql_owner_end.  Pinning search_path is what keeps a caller's
 *	  public.sum(integer) or public.||(text,text) from running as the owner
 *	  when marsql's SQL names a function or operator without a schema.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "miscadmin.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "catalog_owner.h"

Oid
marsql_relation_owner(Oid relid)
{
	HeapTuple	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);
	return owner;
}

void
marsql_owner_begin(const char *table, MarsqlOwnerScope *scope)
{
	Oid			catalog = get_relname_relid(table, get_namespace_oid("marsql", false));
	Oid			owner;

	if (!OidIsValid(catalog))
		elog(ERROR, "marsql.%s is missing", table);
	owner = marsql_relation_owner(catalog);

	GetUserIdAndSecContext(&scope->save_userid, &scope->save_sec);
	SetUserIdAndSecContext(owner, scope->save_sec | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);
	scope->guc_nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", MARSQL_OWNER_SEARCH_PATH,
							 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE,
							 true, 0, false);
}

void
marsql_owner_end(MarsqlOwnerScope *scope)
{
	AtEOXact_GUC(true, scope->guc_nestlevel);
	SetUserIdAndSecContext(scope->save_userid, scope->save_sec);
}
