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

/* marsql.faiss_threads: OpenMP (and OpenBLAS) threads of a FAISS call */
extern int	marsql_faiss_threads;

extern void marsql_define_gucs(void);

#endif							/* MARSQL_GUC_H */
