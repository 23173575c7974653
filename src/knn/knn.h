/*
 * knn.h
 *	  Exact k-NN from SQL: the glue around kernels/knn.h.
 *
 *	  knn_args.c		metric, k and query arguments; result rows
 *	  knn_distance.c	distance functions and operators on 1-D tensors
 *	  knn_tensor.c		knn() over a tensor corpus, in this backend's threads
 *	  knn_task.c		the "marsql knn" task kind: queries against one
 *						corpus tile, by value, on a worker
 *	  knn_job.c			a search over a corpus read tile by tile (table
 *						rows, chunked tensor bands), run on the engine
 *	  knn_corpus.c		corpus readers: table columns and chunked tensors
 *	  knn_direct.c		the direct path: a few queries scored in this
 *						backend as the corpus is read, no engine job
 *	  knn_sql.c			the SQL entry points over tables and chunked tensors
 */
#ifndef MARSQL_KNN_GLUE_H
#define MARSQL_KNN_GLUE_H

#include "postgres.h"
#include "fmgr.h"
#include "funcapi.h"

#include "device/device.h"
#include "kernels/knn.h"
#include "tensor/tensor.h"

/* the longest vector: a corpus tile holds at least one row */
#define KNN_MAX_DIMS (1 << 24)

/* knn_args.c */
extern MtMetric knn_metric_arg(text *name);
extern int	knn_k_arg(int32 k);
/* k clamped to a corpus of rows vectors (0 when empty) */
extern int	knn_k_clamp(int k, int64 rows);
/* 42601 unless filter is exactly one expression, safe to splice as WHERE (filter) */
extern void knn_check_filter(const char *filter);
/* the queries as a contiguous 2-D tensor of dtype (a 1-D one is one query) */
extern Tensor *knn_queries_arg(Tensor *queries, MtDtype dtype);

/*
 * The dtype k-NN computes vectors of this dtype in: float32 and float64 as
 * they are, float16 in float32 (as pgvector's halfvec), the integers in
 * float64; bool and complex are refused with 42804.  MT_DTYPE_INVALID (a
 * tensor column, whose rows carry their own dtype) stays so.
 */
extern MtDtype knn_vector_dtype(MtDtype dtype);
/* the dtype vectors of dtypes a and b meet in (either may be INVALID) */
extern MtDtype knn_compute_dtype(MtDtype a, MtDtype b);
extern void knn_check_dims(int64 dims);
extern MtNeighbors *knn_neighbors_new(int nq, int k);
/* rows (query, rank, id, distance) of nb; query numbers from query_ids or
 * query_base + row */
extern void knn_emit(ReturnSetInfo *rsinfo, const MtNeighbors *nb,
					 const int64 *query_ids, int64 query_base, bool query_bigint);
/* scratch for one search: huge allocations allowed, 54000 when too large */
/* bytes of scratch a search of p needs, checked: 54000 when 0 or too large */
extern Size knn_scratch_checked(const MtKnnProblem *p, size_t bytes);
extern void *knn_scratch(const MtKnnProblem *p);

/*
 * knn_search.c: one exact search of p merged into best, on the GPU or the
 * CPU as device picks; quiet for tasks (no NOTICE from workers or peers).
 */
extern void knn_search(const MtKnnProblem *p, MtNeighbors *best, DeviceMode device,
					   bool quiet);
/* queries that one search handles at once, so lists stay within work_mem */
extern int	knn_query_batch(int nq, int k, int threads);
/* error 22004 naming the first of the n arguments that is NULL */
extern void knn_require_args(FunctionCallInfo fcinfo, const char *function, int n,
							 const char *const *names);
extern void knn_connect_spi(void);

/* knn_sql.c */
/* queries per block: within work_mem, and a task's result within bounds */
extern int	knn_query_block_rows(int64 nq, int k);
/* a function's optional `executors` argument, or NULL */
extern text *knn_executors_arg(FunctionCallInfo fcinfo, int argno);
/* the arguments of knn over a table, but the corpus (argument 1) */
typedef struct KnnTableArgs
{
	Tensor	   *queries;
	char	   *vector_column;
	char	   *id_column;
	int			k;
	MtMetric	metric;
	char	   *filter;			/* NULL: none */
	text	   *executors;		/* NULL: marsql.executors */
} KnnTableArgs;
extern void knn_table_args(FunctionCallInfo fcinfo, KnnTableArgs *args);
/* knn over the caller's table relid, into rsinfo */
extern void knn_table_search(ReturnSetInfo *rsinfo, Tensor *queries, Oid relid,
							 const char *vector_column, const char *id_column, int k,
							 MtMetric metric, const char *filter);

/* knn_task.c: the task kind and its payload */
typedef struct KnnTaskHeader
{
	int32		dtype;
	int32		metric;
	int32		dims;
	int32		nq;
	int32		k;
	int32		threads;
	int64		nx;
	int64		id_base;
	int32		has_ids;
	int32		device;			/* DeviceMode of the caller */
	/* then queries, corpus rows and (has_ids) int64 ids, each 8-aligned */
} KnnTaskHeader;

extern int	knn_task_kind;
extern void knn_task_register_kind(void);
/* knn_peers.c: the "marsql knn partition" kind */
extern void knn_peers_register_kind(void);
extern Size knn_payload_bytes(const KnnTaskHeader *h);
extern Size knn_result_bytes(int nq, int k);
/* the width of a task's lists: k clamped to the nx rows it scores (>= 1) */
extern int	knn_task_k(int k, int64 nx);
/* writes header, queries, rows and ids at dest (knn_payload_bytes long) */
extern void knn_payload_write(char *dest, const KnnTaskHeader *h, const void *queries,
							  const void *rows, const int64 *ids);
/* appends nb in the layout of a task's result */
extern void knn_result_append(StringInfo result, const MtNeighbors *nb);
/* merges a task's result into best */
extern void knn_result_merge(MtNeighbors *best, const char *result, int len);

/* knn_job.c: a corpus read a tile at a time */
typedef struct KnnTile
{
	int64		nrows;
	void	   *rows;			/* nrows x dims of the search's dtype */
	int64	   *ids;			/* NULL: id_base + row */
	int64		id_base;
} KnnTile;

typedef struct KnnCorpus
{
	/* the next tile in the current memory context, or false at the end */
	bool		(*next_tile) (struct KnnCorpus *corpus, KnnTile *tile);
	/* starts again from the first row (for the next block of queries) */
	void		(*rewind) (struct KnnCorpus *corpus);
	/* set by a reader that is done with a tile before it asks for the
	 * next: next_tile may then hand out rows it does not own (a chunked
	 * tile as read, not copied), valid until the next call */
	bool		borrow;
	const char *label;			/* "knn", "knn_join" */
	MtDtype		dtype;
	int			dims;
	int64		tile_rows;
} KnnCorpus;

/* nq queries (nq x dims of the corpus dtype) against the whole corpus, on
 * the engine's workers; merged into best */
extern void knn_job_run(KnnCorpus *corpus, MtMetric metric, DeviceMode device,
						const void *queries, int nq, MtNeighbors *best);

/* knn_corpus.c */
extern KnnCorpus *knn_table_corpus(Oid relid, const char *vector_column,
								   const char *id_column, const char *filter,
								   MtDtype query_dtype, int dims, const char *label);
/* each row of a table corpus (vector not NULL, after the filter) to fn as
 * it is read: vector holds dims elements of the corpus dtype, valid during
 * the call only */
extern bool knn_corpus_is_table(const KnnCorpus *corpus);
typedef void (*KnnRowFn) (void *arg, int64 id, const void *vector);
extern void knn_table_corpus_each(KnnCorpus *corpus, KnnRowFn fn, void *arg);
/* rows of a table corpus (vectors not NULL, after the filter): a scan */
extern int64 knn_table_corpus_rows(KnnCorpus *corpus);
/* k clamped to a table corpus's rows, counted only when k > KNN_K_COUNTED */
#define KNN_K_COUNTED 1024
extern int	knn_table_corpus_k(KnnCorpus *corpus, int k);
/* the column's natural dtype: float32 for real[] and casts to it */
extern MtDtype knn_table_column_dtype(Oid relid, const char *vector_column);
/* the length of the column's first non-NULL vector, 0 when it has none */
extern int	knn_table_vector_length(Oid relid, const char *vector_column);
struct ChunkedTensor;
extern KnnCorpus *knn_chunked_corpus(const struct ChunkedTensor *ct, MtDtype dtype,
									 const char *label);

/* knn_direct.c */
/* whether nq queries take the direct path (marsql.knn_direct_queries,
 * local executors, no GPU asked for) */
extern bool knn_direct_wanted(int nq, DeviceMode device);
/* scratch for mt_knn_direct: 54000 when too large */
extern void *knn_direct_scratch(const MtKnnProblem *p);
/* nq queries against the whole corpus, merged into best: directly in this
 * backend when knn_direct_wanted, else on the engine (knn_job_run) */
extern void knn_corpus_search(KnnCorpus *corpus, MtMetric metric, DeviceMode device,
							  const void *queries, int nq, MtNeighbors *best);

#endif							/* MARSQL_KNN_GLUE_H */
