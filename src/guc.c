/*
 * guc.c
 *	  Registers every marsql.* configuration parameter, then reserves the
 *	  "marsql" prefix so a misspelt marsql.setting is reported instead of
 *	  silently becoming a placeholder.  Later capabilities add their
 *	  settings here, not in their own files.
 */
#include "postgres.h"

#include <limits.h>
#include <unistd.h>

#include "postmaster/postmaster.h"
#include "utils/guc.h"

#include "device/device.h"
#include "engine/engine.h"
#include "kernels/distance.h"
#include "kernels/elementwise.h"
#include "guc.h"

int			marsql_blas_threads = 1;
int			marsql_max_workers = 2;
int			marsql_max_workers_total = 8;
int			marsql_progress_mode = ENGINE_PROGRESS_OFF;
int			marsql_tile_bytes = 16 * 1024 * 1024;
int			marsql_tile_cache_size = 640 * 1024;
int			marsql_shared_cache_size = 1024 * 1024;
int			marsql_reduce_fanin = 4;
int			marsql_faiss_threads = 1;
int			marsql_executors = ENGINE_EXECUTORS_LOCAL;
int			marsql_max_peer_connections = 4;
int			marsql_peer_timeout_ms = 0;
int			marsql_peer_cleanup_timeout_ms = 2000;
int			marsql_task_retries = 2;
bool		marsql_retryable = false;
char	   *marsql_peer_servers = NULL;
int			marsql_device = DEVICE_AUTO;
int			marsql_gpu_memory_limit_mb = 0;
int			marsql_value_cache_size_kb = 256 * 1024;
int			marsql_value_cache_min_size_kb = 1024;
int			marsql_retained_memory_kb = 256 * 1024;

int			marsql_worker_idle_timeout_ms = 10000;
int			marsql_inline_below_ms = 50;

int			marsql_simd = MARSQL_SIMD_AUTO;
int			marsql_knn_direct_queries = 8;

int			marsql_worker_output = MARSQL_WORKER_OUTPUT_AUTO;

bool		marsql_value_cache_shared = true;

static const struct config_enum_entry progress_options[] = {
	{"off", ENGINE_PROGRESS_OFF, false},
	{"notice", ENGINE_PROGRESS_NOTICE, false},
	{NULL, 0, false}
};

static const struct config_enum_entry executors_options[] = {
	{"local", ENGINE_EXECUTORS_LOCAL, false},
	{"peers", ENGINE_EXECUTORS_PEERS, false},
	{"all", ENGINE_EXECUTORS_ALL, false},
	{NULL, 0, false}
};

static const struct config_enum_entry device_options[] = {
	{"auto", DEVICE_AUTO, false},
	{"cpu", DEVICE_CPU, false},
	{"gpu", DEVICE_GPU, false},
	{NULL, 0, false}
};

static const struct config_enum_entry simd_options[] = {
	{"auto", MARSQL_SIMD_AUTO, false},
	{"scalar", MARSQL_SIMD_SCALAR, false},
	{NULL, 0, false}
};

/* the distance loops follow marsql.simd at once (kernels/distance.h) */
static void
assign_simd(int newval, void *extra)
{
	(void) extra;
	mt_distance_select(newval == MARSQL_SIMD_SCALAR);
	mt_elementwise_select(newval == MARSQL_SIMD_SCALAR);
}

static const struct config_enum_entry worker_output_options[] = {
	{"auto", MARSQL_WORKER_OUTPUT_AUTO, false},
	{"on", MARSQL_WORKER_OUTPUT_ON, false},
	{"off", MARSQL_WORKER_OUTPUT_OFF, false},
	{"true", MARSQL_WORKER_OUTPUT_ON, true},
	{"false", MARSQL_WORKER_OUTPUT_OFF, true},
	{"yes", MARSQL_WORKER_OUTPUT_ON, true},
	{"no", MARSQL_WORKER_OUTPUT_OFF, true},
	{"1", MARSQL_WORKER_OUTPUT_ON, true},
	{"0", MARSQL_WORKER_OUTPUT_OFF, true},
	{NULL, 0, false}
};

static int
online_cores(void)
{
	long		n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > MARSQL_MAX_BLAS_THREADS ? MARSQL_MAX_BLAS_THREADS : (int) n;
}

void
marsql_define_gucs(void)
{
	DefineCustomIntVariable("marsql.blas_threads",
							"Threads OpenBLAS uses for one marsql call.",
							"Applied at the start of every call that uses BLAS or LAPACK. "
							"The default is the number of online CPU cores.",
							&marsql_blas_threads,
							online_cores(), 1, MARSQL_MAX_BLAS_THREADS,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.max_workers",
							"Background workers one marsql job may use.",
							"0 runs every task in the calling backend. "
							"The default is the number of online CPU cores.",
							&marsql_max_workers,
							online_cores(), 0, MAX_BACKENDS,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.max_workers_total",
							"Background workers all marsql jobs of the cluster may hold at once.",
							"Workers also count against max_worker_processes, "
							"which parallel query shares.",
							&marsql_max_workers_total,
							8, 0, MAX_BACKENDS,
							PGC_SIGHUP, 0,
							NULL, NULL, NULL);

	DefineCustomEnumVariable("marsql.progress",
							 "Reports the progress of marsql jobs.",
							 "notice sends a NOTICE at every 10% of a job's tasks.",
							 &marsql_progress_mode,
							 ENGINE_PROGRESS_OFF, progress_options,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.tile_bytes",
							"Size of a chunked_tensor tile when no tile shape is given.",
							"The tile is split evenly over the dimensions. A tile task "
							"holds a few tiles in memory.",
							&marsql_tile_bytes,
							16 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024,
							PGC_USERSET, GUC_UNIT_BYTE,
							NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.reduce_fanin",
							"Partial results one chunked_tensor task combines.",
							"A matmul task multiplies this many inner tiles at once, and "
							"sum and reduction trees merge this many partial results per task.",
							&marsql_reduce_fanin,
							4, 2, MARSQL_MAX_REDUCE_FANIN,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.faiss_threads",
							"Threads one FAISS call uses in this backend.",
							"Sets FAISS's OpenMP threads and OpenBLAS's together, so that "
							"they do not oversubscribe the cores. A worker building one "
							"shard of several uses its share. The default is the number of "
							"online CPU cores.",
							&marsql_faiss_threads,
							online_cores(), 1, MARSQL_MAX_BLAS_THREADS,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	DefineCustomEnumVariable("marsql.executors",
							 "Where the engine runs tasks: local, peers or all.",
							 "local: this backend's background workers (or the backend "
							 "itself); peers: the foreign servers of the marsql wrapper; "
							 "all: both.",
							 &marsql_executors,
							 ENGINE_EXECUTORS_LOCAL, executors_options,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);

	DefineCustomStringVariable("marsql.peer_servers",
							   "The marsql servers a job may use as peers.",
							   "A comma-separated list of server names; empty means every "
							   "server of the marsql wrapper.",
							   &marsql_peer_servers,
							   "",
							   PGC_USERSET, GUC_LIST_INPUT,
							   NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.max_peer_connections",
							"Connections this session may hold to one peer.",
							"A peer runs at most this many of a job's tasks at once, "
							"and at most its capacity option.",
							&marsql_max_peer_connections,
							4, 1, 1024,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.peer_timeout",
							"Longest a peer may take over one task before it counts as failed.",
							"Zero waits as long as the task takes.",
							&marsql_peer_timeout_ms,
							0, 0, INT_MAX,
							PGC_USERSET, GUC_UNIT_MS,
							NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.peer_cleanup_timeout",
							"Longest a stopped job waits for its peers to cancel their tasks.",
							"Connections that have not settled by then are closed.",
							&marsql_peer_cleanup_timeout_ms,
							2000, 0, 600000,
							PGC_USERSET, GUC_UNIT_MS,
							NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.task_retries",
							"Times a retryable task runs again after its executor failed.",
							"A worker that exits, or a peer that fails, refuses connections "
							"or exceeds marsql.peer_timeout under a retryable task sends it "
							"to another executor.",
							&marsql_task_retries,
							2, 0, 100,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	DefineCustomBoolVariable("marsql.retryable",
							 "Marks a function's fan-out calls as safe to run again.",
							 "Set it on a VOLATILE function with ALTER FUNCTION ... SET "
							 "marsql.retryable = on when running a call twice does no harm; "
							 "fan-out then retries its calls when their executor fails.",
							 &marsql_retryable,
							 false,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);

	DefineCustomEnumVariable("marsql.device",
							 "Where matrix products, k-NN and elementwise work run: auto, cpu or gpu.",
							 "auto: on the GPU when marsql_gpu.so and a CUDA device are present "
							 "and the work is large enough to pay for copying it there, else "
							 "on the CPU; cpu: always the CPU; gpu: always the GPU, an error "
							 "where there is none.",
							 &marsql_device,
							 DEVICE_AUTO, device_options,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.gpu_memory_limit",
							"Device memory one GPU call of this session may allocate.",
							"Zero means most of what the device has free.  Larger products "
							"and searches are tiled to fit.",
							&marsql_gpu_memory_limit_mb,
							0, 0, INT_MAX,
							PGC_USERSET, GUC_UNIT_MB,
							NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.value_cache_size",
							"Memory this session keeps large stored values in, detoasted, across statements.",
							"A stored value read again while unchanged (a k-NN corpus, a weight "
							"matrix) comes from memory.  Zero turns the cache off.  See "
							"marsql.value_cache_stats().",
							&marsql_value_cache_size_kb,
							256 * 1024, 0, INT_MAX,
							PGC_USERSET, GUC_UNIT_KB,
							NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.value_cache_min_size",
							"Smallest stored value the value cache keeps.",
							"Smaller values are read from TOAST on every use, which is cheap "
							"for them.",
							&marsql_value_cache_min_size_kb,
							1024, 0, INT_MAX,
							PGC_USERSET, GUC_UNIT_KB,
							NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.retained_memory",
							"Freed memory a backend keeps for its next call instead of returning it to the kernel.",
							"Large buffers are then reused, not faulted in page by page again on "
							"every call.  Free memory above this is returned at transaction end.  "
							"Zero keeps the C library's defaults.",
							&marsql_retained_memory_kb,
							256 * 1024, 0, INT_MAX,
							PGC_USERSET, GUC_UNIT_KB,
							NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.tile_cache_size",
							"Memory the input tiles of one chunked_tensor job may take in the shared cache.",
							"A tile read by any process of a job (the calling backend or a "
							"worker) is kept in the shared cache (marsql.shared_cache_size) "
							"for every other process of that job, so that each tile is read "
							"once; least recently used tiles of the job go first. Where the "
							"shared cache has no room, each process keeps its tiles itself, "
							"up to this much. Tiles the current task holds are kept even "
							"beyond it.",
							&marsql_tile_cache_size,
							640 * 1024, 0, INT_MAX,
							PGC_USERSET, GUC_UNIT_KB,
							NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.worker_idle_timeout",
							"How long a session keeps its idle background workers after a job.",
							"Workers of a job that ended without error stay attached to the "
							"session for the next job, which then starts no worker; they exit "
							"after this long without a task, and when the session ends.  Idle "
							"workers still count against marsql.max_workers_total and "
							"max_worker_processes.  Zero: workers live for one job.",
							&marsql_worker_idle_timeout_ms,
							10000, 0, 3600000,
							PGC_USERSET, GUC_UNIT_MS,
							NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.inline_below",
							"Estimated run time under which a job runs in the calling backend.",
							"A job whose capability estimates its work (tiled operations do) "
							"runs in the calling backend, starting no worker, when the "
							"estimate is below this; idle workers of the session are used "
							"whatever the estimate.  Zero: never by estimate.",
							&marsql_inline_below_ms,
							50, 0, 3600000,
							PGC_USERSET, GUC_UNIT_MS,
							NULL, NULL, NULL);

	DefineCustomEnumVariable("marsql.simd",
							 "Which distance and elementwise loops this backend uses: auto or scalar.",
							 "auto: the CPU's SIMD (AVX2, and FMA for distances) where it has "
							 "them, chosen at load; scalar: the portable loops, for comparison. "
							 "Both distance loops compute in float64 and agree within the "
							 "tolerance docs/knn.md states; both elementwise loops give the "
							 "same bits.",
							 &marsql_simd,
							 MARSQL_SIMD_AUTO, simd_options,
							 PGC_USERSET, 0,
							 NULL, assign_simd, NULL);

	DefineCustomIntVariable("marsql.knn_direct_queries",
							"Queries up to which k-NN scans its corpus directly in the calling backend.",
							"A search with at most this many queries computes every exact "
							"distance as it reads each row, with no worker and no copy of "
							"the corpus; more queries go to the batch search (GEMM, on "
							"workers for tables and chunked tensors). 0 always uses the "
							"batch search.",
							&marsql_knn_direct_queries,
							8, 0, 1024,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	DefineCustomEnumVariable("marsql.worker_output",
							 "Lets workers write the result tiles of chunked operations themselves.",
							 "on: a job run on workers has its result table made by a worker "
							 "and claimed by the caller's transaction, and each worker writes "
							 "its tiles; off: the calling backend creates the table and stores "
							 "every tile, as it does without workers; auto: on for results of "
							 "8 MB or more, where it pays for the worker-made table.",
							 &marsql_worker_output,
							 MARSQL_WORKER_OUTPUT_AUTO, worker_output_options,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);

	DefineCustomBoolVariable("marsql.value_cache_shared",
							 "Lets this session's value cache keep values in the server-wide shared cache.",
							 "A large stored value read by one backend then serves every backend "
							 "of the same database (connection pools) from shared memory, held "
							 "once, within marsql.shared_cache_size; off keeps values in this "
							 "session's memory only (marsql.value_cache_size).",
							 &marsql_value_cache_shared,
							 true,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);

	DefineCustomIntVariable("marsql.shared_cache_size",
							"Shared memory the server-wide shared cache may use.",
							"Job tiles and resident values read by one process are kept there "
							"for every other backend and worker. Memory is taken as entries "
							"need it, up to this much; least recently used entries that no "
							"process holds go first. Zero turns the shared cache off.",
							&marsql_shared_cache_size,
							1024 * 1024, 0, INT_MAX,
							PGC_SIGHUP, GUC_UNIT_KB,
							NULL, NULL, NULL);

	MarkGUCPrefixReserved("marsql");
}
