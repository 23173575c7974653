/*
 * guc.h
 *	  Every marsql.* setting, registered in one place.
 */
#ifndef MARSQL_GUC_H
#define MARSQL_GUC_H

/* marsql.blas_threads: OpenBLAS threads per call (default: online cores) */
extern int	marsql_blas_threads;

/* marsql.max_workers: background workers one job may use (0: none) */
extern int	marsql_max_workers;

/* marsql.max_workers_total: workers all jobs of the cluster may hold */
extern int	marsql_max_workers_total;

/* marsql.progress: an EngineProgressMode */
extern int	marsql_progress_mode;

/* marsql.tile_bytes: default chunked_tensor tile size, bytes */
extern int	marsql_tile_bytes;

/* marsql.reduce_fanin: partial results combined per chunked task */
extern int	marsql_reduce_fanin;

/*
 * The ranges of settings that code elsewhere sizes itself by: the setting
 * is registered with exactly this bound, and the consumers (tile tasks)
 * accept every value up to it.
 */
#define MARSQL_MAX_REDUCE_FANIN 64
/* OpenBLAS caps the thread count at the number it was built for */
#define MARSQL_MAX_BLAS_THREADS 1024

/* marsql.faiss_threads: OpenMP (and OpenBLAS) threads of a FAISS call */
extern int	marsql_faiss_threads;

/* marsql.executors: an EngineExecutors (never ENGINE_EXECUTORS_DEFAULT) */
extern int	marsql_executors;

/* marsql.peer_servers: server names jobs may use ("": all) */
extern char *marsql_peer_servers;

/* marsql.max_peer_connections: connections per peer in one session */
extern int	marsql_max_peer_connections;

/* marsql.peer_timeout: ms a peer may take over one task (0: no limit) */
extern int	marsql_peer_timeout_ms;

/* marsql.peer_cleanup_timeout: ms a stopped job waits for its peers */
extern int	marsql_peer_cleanup_timeout_ms;

/* marsql.task_retries: further runs of a retryable task whose executor failed */
extern int	marsql_task_retries;

/* marsql.retryable: set on a function to have its fan-out calls retried */
extern bool marsql_retryable;

/* marsql.device: a DeviceMode */
extern int	marsql_device;

/* marsql.gpu_memory_limit: MB one GPU call may allocate (0: no limit) */
extern int	marsql_gpu_memory_limit_mb;

/* marsql.value_cache_size: kB of detoasted values a backend keeps (0: off) */
extern int	marsql_value_cache_size_kb;

/* marsql.value_cache_min_size: kB a stored value needs to be kept */
extern int	marsql_value_cache_min_size_kb;

/* marsql.retained_memory: kB of freed memory a backend keeps for its next call */
extern int	marsql_retained_memory_kb;

/* marsql.tile_cache_size: kB of one job's input tiles (shared cache; per process where it has no room) */
extern int	marsql_tile_cache_size;

/* marsql.worker_idle_timeout: ms a session keeps idle workers (0: none) */
extern int	marsql_worker_idle_timeout_ms;

/* marsql.inline_below: ms of estimated work run in the backend (0: off) */
extern int	marsql_inline_below_ms;

/* marsql.simd: a MarsqlSimd, applied to the distance loops by its assign hook */
typedef enum MarsqlSimd
{
	MARSQL_SIMD_AUTO,
	MARSQL_SIMD_SCALAR
} MarsqlSimd;
extern int	marsql_simd;

/* marsql.knn_direct_queries: queries up to which k-NN takes the direct path */
extern int	marsql_knn_direct_queries;

/* marsql.worker_output: workers write chunked result tiles themselves */
typedef enum MarsqlWorkerOutput
{
	MARSQL_WORKER_OUTPUT_AUTO,	/* for results of MARSQL_WORKER_OUTPUT_MIN_BYTES or more */
	MARSQL_WORKER_OUTPUT_ON,
	MARSQL_WORKER_OUTPUT_OFF
} MarsqlWorkerOutput;
#define MARSQL_WORKER_OUTPUT_MIN_BYTES (8 * 1024 * 1024)
extern int	marsql_worker_output;

/* marsql.value_cache_shared: the value cache uses the shared tier (shared_cache.h) */
extern bool marsql_value_cache_shared;

/* marsql.shared_cache_size: kB of the server-wide shared cache (0: off) */
extern int	marsql_shared_cache_size;

extern void marsql_define_gucs(void);

#endif							/* MARSQL_GUC_H */
