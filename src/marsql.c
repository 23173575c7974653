/*
 * marsql.c
 *	  Module entry point of the marsql extension.  _PG_init only registers
 *	  settings (src/guc.c); it starts no thread pool, opens no device and
 *	  allocates nothing, so loading marsql in the postmaster through
 *	  shared_preload_libraries is safe.
 */
#include "postgres.h"

#include "fmgr.h"

#include "guc.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	marsql_define_gucs();
}
