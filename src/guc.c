/*
 * guc.c
 *	  Registers every marsql.* configuration parameter, then reserves the
 *	  "marsql" prefix so a misspelt marsql.setting is reported instead of
 *	  silently becoming a placeholder.  Later capabilities add their
 *	  settings here, not in their own files.
 */
#include "postgres.h"

#include <unistd.h>

#include "utils/guc.h"

#include "guc.h"

/* OpenBLAS caps the count at the number it was built for. */
#define MAX_BLAS_THREADS 1024

int			marsql_blas_threads = 1;

static int
online_cores(void)
{
	long		n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > MAX_BLAS_THREADS ? MAX_BLAS_THREADS : (int) n;
}

void
marsql_define_gucs(void)
{
	DefineCustomIntVariable("marsql.blas_threads",
							"Threads OpenBLAS uses for one marsql call.",
							"Applied at the start of every call that uses BLAS or LAPACK. "
							"The default is the number of online CPU cores.",
							&marsql_blas_threads,
							online_cores(), 1, MAX_BLAS_THREADS,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	MarkGUCPrefixReserved("marsql");
}
