/*
 * marsql.c
 *	  Module entry point of the marsql extension.  _PG_init only registers
 *	  settings (src/guc.c); it starts no thread pool, opens no device and
 *	  allocates nothing, so loading marsql in the postmaster through
 *	  shared_preload_libraries is safe.  It also registers the engine's
 *	  task kinds, and, when preloaded, reserves the engine's shared memory.
 */
#include "postgres.h"

#include "fmgr.h"

#include "miscadmin.h"
#include "storage/ipc.h"

#include "chunked/tile_task.h"
#include "engine/engine.h"
#include "fanout/fanout.h"
#include "guc.h"
#include "knn/faiss.h"
#include "knn/knn.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

static shmem_request_hook_type prev_shmem_request_hook = NULL;
static shmem_startup_hook_type prev_shmem_startup_hook = NULL;

static void
request_shmem(void)
{
	if (prev_shmem_request_hook)
		prev_shmem_request_hook();
	engine_shmem_request();
}

static void
startup_shmem(void)
{
	if (prev_shmem_startup_hook)
		prev_shmem_startup_hook();
	engine_shmem_startup();
}

void
_PG_init(void)
{
	marsql_define_gucs();
	/* task kinds, in the same order in every process */
	fanout_register_kinds();
	tile_task_register_kind();
	knn_task_register_kind();
	faiss_task_register_kind();
	knn_peers_register_kind();

	/* preloaded: reserve the engine's shared memory (else taken on use) */
	if (process_shared_preload_libraries_in_progress)
	{
		/* orphaned chunked results: removed at start and after a crash */
		result_cleanup_register_launcher();
		prev_shmem_request_hook = shmem_request_hook;
		shmem_request_hook = request_shmem;
		prev_shmem_startup_hook = shmem_startup_hook;
		shmem_startup_hook = startup_shmem;
	}
}
