/*
 * guc.c
 *	  Registers every marsql.* configuration parameter, then reserves the
 *	  "marsql" prefix so a misspelt marsql.setting is reported instead of
 *	  silently becoming a placeholder.  Later capabilities add their
 *	  settings here, not in their own files.
 */
#include "postgres.h"

#include "utils/guc.h"

#include "guc.h"

void
marsql_define_gucs(void)
{
	MarkGUCPrefixReserved("marsql");
}
