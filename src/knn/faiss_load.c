/*
 * faiss_load.c
 *	  The backend's door to marsql_faiss.so: loaded with dlopen on first
 *	  use (never in the postmaster: FAISS starts OpenMP and OpenBLAS
 *	  threads), the bridge's status turned into PostgreSQL errors, and the
 *	  thread count of the next FAISS call set from marsql.faiss_threads.
 */
#include "postgres.h"

#include <dlfcn.h>

#include "miscadmin.h"

#include "guc.h"
#include "kernels/blas.h"
#include "knn/faiss.h"
#include "tensor/tensor.h"

static const MfApi *api = NULL;

const MfApi *
faiss_api(int threads)
{
	if (api == NULL)
	{
		char		path[MAXPGPATH];
		void	   *handle;
		const MfApi *(*entry) (void);

		if (IsPostmasterEnvironment && !IsUnderPostmaster)
			elog(ERROR, "FAISS must not be loaded in the postmaster");
		/* OpenBLAS first, through marsql's own loader: FAISS links the same */
		(void) tensor_kernels();
		snprintf(path, sizeof(path), "%s/marsql_faiss.so", pkglib_path);
		handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		if (handle == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_FILE),
					 errmsg("could not load FAISS bridge \"%s\"", path),
					 errdetail_internal("%s", dlerror()),
					 errhint("Reinstall marsql; the bridge is built with the Debian package libfaiss-dev.")));
		*(void **) &entry = dlsym(handle, "marsql_faiss_api");
		if (entry == NULL || entry()->api_version != MF_API_VERSION)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_FILE),
					 errmsg("FAISS bridge \"%s\" does not match this marsql", path),
					 errhint("Reinstall marsql.")));
		api = entry();
	}
	api->set_threads(threads);
	mt_blas_set_threads(mt_blas_loaded(), threads);
	return api;
}

void
faiss_check(MfStatus status, const char *what, const char *err)
{
	switch (status)
	{
		case MF_OK:
			return;
		case MF_ERR_ARGUMENT:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("FAISS refused to %s", what),
					 errdetail("FAISS said: %s", err)));
			break;
		case MF_ERR_MEMORY:
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory while FAISS tried to %s", what)));
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("FAISS failed to %s", what),
					 errdetail("FAISS said: %s", err)));
	}
}
