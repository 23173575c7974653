/*
 * knn.h
 *	  Exact k nearest neighbours on raw buffers: distances as a GEMM
 *	  (||q||^2 + ||x||^2 - 2 q.x, inner products, cosine) fused with a
 *	  per-query bounded heap over each block of the corpus, then an exact
 *	  re-ranking of the survivors in float64, so that the neighbours and
 *	  their distances are those a direct float64 computation gives, ties
 *	  broken by the smaller id.  Neighbour lists of different corpus parts
 *	  merge into one.  No postgres.h here.
 */
#ifndef MARSQL_KNN_H
#define MARSQL_KNN_H

#include "dispatch.h"

typedef enum MtMetric
{
	MT_METRIC_INVALID = 0,
	MT_METRIC_L2,				/* Euclidean distance */
	MT_METRIC_L2_SQUARED,		/* its square */
	MT_METRIC_INNER_PRODUCT,	/* -q.x, so that smaller is nearer */
	MT_METRIC_COSINE			/* 1 - q.x / (|q| |x|) */
} MtMetric;

/* "l2", "euclidean", "l2_squared", "sqeuclidean", "ip", "inner_product",
 * "dot", "cosine" (ASCII case-insensitive); MT_METRIC_INVALID otherwise */
extern MtMetric mt_metric_from_name(const char *name);
extern const char *mt_metric_name(MtMetric metric);

/*
 * For each of nq queries, up to k neighbours in ascending order of
 * (distance, id); NaN distances sort after every number.  The caller owns
 * the arrays: count[nq], distance[nq * k], id[nq * k].
 */
typedef struct MtNeighbors
{
	int			nq;
	int			k;
	int32_t    *count;
	double	   *distance;
	int64_t    *id;
} MtNeighbors;

/* true when (da, ia) ranks before (db, ib) */
static inline bool
mt_neighbor_before(double da, int64_t ia, double db, int64_t ib)
{
	if (da != da)
		return db != db && ia < ib;
	if (db != db || da < db)
		return true;
	return da == db && ia < ib;
}

/* a neighbour, and sorting a few by (distance, id) */
typedef struct MtNeighborPair
{
	double		distance;
	int64_t		id;
} MtNeighborPair;

extern void mt_neighbor_pairs_sort(MtNeighborPair *pairs, size_t n);

/* One search: every query against every row of a part of the corpus. */
typedef struct MtKnnProblem
{
	MtDtype		dtype;			/* of both queries and corpus */
	MtMetric	metric;
	int			dims;			/* length of every vector, >= 1 */
	int			nq;
	const void *queries;		/* nq x dims, row-major */
	int64_t		nx;
	const void *corpus;			/* nx x dims, row-major */
	const int64_t *ids;			/* ids of the corpus rows, or NULL ... */
	int64_t		id_base;		/* ... then row r has id id_base + r */
	int			k;
	int			threads;		/* >= 1; BLAS must run one thread each */
} MtKnnProblem;

/* Bytes of scratch mt_knn_search needs for p (0 when it would overflow). */
extern size_t mt_knn_scratch_bytes(const MtKnnProblem *p);

/*
 * Finds each query's k nearest rows of p->corpus and merges them into best
 * (nq and k as p's).  scratch holds mt_knn_scratch_bytes(p) bytes, 8-byte
 * aligned.  With threads > 1 the corpus is split between that many
 * threads (the caller's among them); the caller polls between blocks and
 * the search stops with MT_ERR_CANCELED when poll says so.  Threads
 * neither allocate nor call back.
 */
extern MtStatus mt_knn_search(const MtKnnProblem *p, MtNeighbors *best,
							  void *scratch, MtPollFn poll, void *poll_arg);

/*
 * Candidates found by another search (marsql_gpu.so): the corpus cut into
 * nparts parts (any partition of the rows), and for each part and query
 * the rows of its kc smallest ranking keys (the keys of knn.c, computed in
 * the data's precision).  mt_knn_finish re-ranks them exactly as
 * mt_knn_search does, so the answer is the same.
 */
typedef struct MtKnnCandidates
{
	int			nparts;			/* 1 .. 64 */
	int			kc;				/* mt_knn_candidate_count(k) or more */
	const int32_t *count;		/* [nparts][nq]: rows kept, <= kc */
	const int64_t *row;			/* [nparts][nq][kc]: corpus rows */
	const double *top;			/* [nparts][nq]: largest kept key, NaN
								 * ranking last (read when count = kc) */
	const int64_t *seen;		/* [nparts]: rows the part scanned */
	double		xnorm_max;		/* largest ||x||^2 of the corpus, NaN sticky */
} MtKnnCandidates;

/* candidates per query and part a search keeps for k neighbours */
extern int	mt_knn_candidate_count(int k);

/* Bytes of scratch mt_knn_finish needs (0 when nparts or kc is out of range). */
extern size_t mt_knn_finish_scratch_bytes(const MtKnnProblem *p, int nparts, int kc);

/*
 * Merges p's neighbours, from candidates c, into best; MT_ERR_SHAPE when c
 * names rows outside the corpus.  p->threads is not used.
 */
extern MtStatus mt_knn_finish(const MtKnnProblem *p, const MtKnnCandidates *c,
							  MtNeighbors *best, void *scratch,
							  MtPollFn poll, void *poll_arg);

/*
 * A bounded list of the k best (distance, id) pairs seen so far, in the
 * order of mt_neighbor_before: a max-heap with the worst kept pair on
 * top.  The caller owns heap[k].
 */
typedef struct MtTopK
{
	int			k;
	int			count;
	MtNeighborPair *heap;
} MtTopK;

static inline void
mt_topk_init(MtTopK *t, int k, MtNeighborPair *heap)
{
	t->k = k;
	t->count = 0;
	t->heap = heap;
}

extern void mt_topk_push(MtTopK *t, double distance, int64_t id);

/* offers a pair: one comparison when it does not enter */
static inline void
mt_topk_offer(MtTopK *t, double distance, int64_t id)
{
	if (t->count == t->k &&
		!mt_neighbor_before(distance, id, t->heap[0].distance, t->heap[0].id))
		return;
	mt_topk_push(t, distance, id);
}

/* sorts t's pairs (destroying the heap) and merges them into best's list q;
 * tmp holds best->k pairs */
extern void mt_topk_merge(MtTopK *t, MtNeighbors *best, int q, MtNeighborPair *tmp);

/*
 * The direct search: every exact distance (distance.h), each query's k
 * best kept in an MtTopK, merged into best.  It reads the corpus once for
 * all queries, allocates nothing and needs no GEMM: for one or a few
 * queries it is the fastest exact search, and its answer is the one
 * mt_knn_search gives (the same distances, ties to the smaller id).
 * corpus_dtype may be MT_FLOAT32 when p->dtype is MT_FLOAT64 (rows are
 * widened one at a time); scratch holds mt_knn_direct_scratch_bytes(p),
 * 8-byte aligned.  With p->threads > 1 a large corpus is split between
 * that many threads (65,536 rows each at least), each with its own lists,
 * merged at the end; the caller polls every few thousand rows and the
 * search stops with MT_ERR_CANCELED when poll says so.
 */
extern size_t mt_knn_direct_scratch_bytes(const MtKnnProblem *p);
extern MtStatus mt_knn_direct(const MtKnnProblem *p, MtDtype corpus_dtype,
							  MtNeighbors *best, void *scratch,
							  MtPollFn poll, void *poll_arg);

/* Empties every list of nb. */
extern void mt_neighbors_clear(MtNeighbors *nb);

/*
 * Merges from into into (same nq; from's lists may be of another width,
 * as a task's k is clamped to the rows it scored): each of into's lists
 * keeps its k first of the union.  tmp holds into->k doubles and ids.
 */
extern void mt_neighbors_merge(MtNeighbors *into, const MtNeighbors *from,
							   double *tmp_distance, int64_t *tmp_id);

/*
 * Scales each of nrows vectors of dims elements to unit L2 norm (computed
 * in float64), from src into dst, which may be src.  A vector whose norm is
 * zero or NaN is copied as it is.
 */
extern void mt_l2_normalize_rows(MtDtype dtype, const void *src, void *dst,
								 int64_t nrows, int64_t dims);

/* The distance between two vectors of dims elements, in float64. */
extern double mt_vector_distance(MtDtype dtype, MtMetric metric, int dims,
								 const void *a, const void *b);

#endif							/* MARSQL_KNN_H */
