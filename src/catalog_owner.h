/*-------------------------------------------------------------------------
 *
 * catalog_owner.h
 *	  Running SQL as the owner of a marsql catalog table, the way a
 *	  SECURITY DEFINER function with a fixed search_path would.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MARSQL_CATALOG_OWNER_H
#define MARSQL_CATALOG_OWNER_H

/* what marsql_owner_end needs to give the caller its identity back */
typedef struct MarsqlOwnerScope
{
	Oid			save_userid;
	int			save_sec;
	int			guc_nestlevel;
} MarsqlOwnerScope;

/*
 * Runs what follows as the owner of marsql.<table> (a catalog table users
 * cannot write), in a restricted security context, with search_path pinned
 * to "pg_catalog, marsql, pg_temp" so that no object of the caller's
 * search_path (an operator, a function, a type, a cast) can run with the
 * owner's rights; until marsql_owner_end(scope).  An error in between
 * restores both when the (sub)transaction aborts.
 */
extern void marsql_owner_begin(const char *table, MarsqlOwnerScope *scope);
extern void marsql_owner_end(MarsqlOwnerScope *scope);

/* the owner of a relation (elog when there is no such relation) */
extern Oid	marsql_relation_owner(Oid relid);

/* the search_path every statement marsql runs as a catalog owner sees */
#define MARSQL_OWNER_SEARCH_PATH "pg_catalog, marsql, pg_temp"

#endif							/* MARSQL_CATALOG_OWNER_H */
