/*
 * knn_direct.c
 *	  The direct k-NN path: one or a few queries (marsql.knn_direct_queries)
 *	  scored in the calling backend as the corpus is read.  Every distance
 *	  is computed exactly (kernels/distance.h, float64, SIMD) and each
 *	  query keeps its k best in a bounded heap, so the answer is the batch
 *	  search's (the same distances, ties to the smaller id).  No engine
 *	  job, no worker, no payload: a table's rows are scored straight from
 *	  the executor's slots, a tensor corpus in place, a chunked tensor a
 *	  tile at a time.  Larger batches go to the engine (knn_job.c), where
 *	  one GEMM serves many queries.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/memutils.h"

#include "engine/engine.h"
#include "guc.h"
#include "knn/knn.h"

bool
knn_direct_wanted(int nq, DeviceMode device)
{
	return nq >= 1 && nq <= marsql_knn_direct_queries &&
		device != DEVICE_GPU && marsql_executors == ENGINE_EXECUTORS_LOCAL;
}

/* the scratch the direct search of p needs; 54000 when too large */
static Size
direct_bytes(const MtKnnProblem *p)
{
	return knn_scratch_checked(p, mt_knn_direct_scratch_bytes(p));
}

void *
knn_direct_scratch(const MtKnnProblem *p)
{
	return palloc_extended(direct_bytes(p), MCXT_ALLOC_HUGE);
}

/* a table corpus read row by row */
typedef struct DirectRows
{
	MtDtype		dtype;
	MtMetric	metric;
	int			dims;
	int			nq;
	const char *queries;
	MtTopK	   *tops;
} DirectRows;

static void
direct_row(void *arg, int64 id, const void *vector)
{
	DirectRows *d = arg;
	Size		qbytes = (Size) d->dims * mt_dtype_size(d->dtype);

	for (int q = 0; q < d->nq; q++)
		mt_topk_offer(&d->tops[q],
					  mt_vector_distance(d->dtype, d->metric, d->dims,
										 d->queries + q * qbytes, vector),
					  id);
}

static void
direct_table(KnnCorpus *corpus, MtMetric metric, const void *queries, int nq,
			 MtNeighbors *best)
{
	int			k = best->k;
	DirectRows	d;
	MtNeighborPair *pairs,
			   *tmp;
	MtKnnProblem p = {corpus->dtype, metric, corpus->dims, nq, queries, 0, NULL, NULL, 0, k, 1};

	/* the lists are those of the kernel's direct search: the same bound */
	(void) direct_bytes(&p);
	pairs = palloc_extended(sizeof(MtNeighborPair) * ((Size) nq + 1) * k, MCXT_ALLOC_HUGE);
	tmp = pairs + (Size) nq * k;
	d.dtype = corpus->dtype;
	d.metric = metric;
	d.dims = corpus->dims;
	d.nq = nq;
	d.queries = queries;
	d.tops = palloc(sizeof(MtTopK) * nq);
	for (int q = 0; q < nq; q++)
		mt_topk_init(&d.tops[q], k, pairs + (Size) q * k);
	knn_table_corpus_each(corpus, direct_row, &d);
	for (int q = 0; q < nq; q++)
		mt_topk_merge(&d.tops[q], best, q, tmp);
	pfree(d.tops);
	pfree(pairs);
}

/* any other corpus: tile by tile, in this backend */
static void
direct_tiles(KnnCorpus *corpus, MtMetric metric, const void *queries, int nq,
			 MtNeighbors *best)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "marsql knn direct tile",
											  ALLOCSET_DEFAULT_SIZES);
	MtKnnProblem p = {corpus->dtype, metric, corpus->dims, nq, queries, corpus->tile_rows,
	NULL, NULL, 0, best->k, marsql_blas_threads};
	void	   *scratch = knn_direct_scratch(&p);
	Size		have = mt_knn_direct_scratch_bytes(&p);
	bool		borrow = corpus->borrow;

	/* each tile is scored before the next is read: no copy of it needed */
	corpus->borrow = true;

	for (;;)
	{
		MemoryContext old = MemoryContextSwitchTo(cxt);
		KnnTile		tile;
		bool		found = corpus->next_tile(corpus, &tile);

		MemoryContextSwitchTo(old);
		if (!found)
			break;
		p.nx = tile.nrows;
		p.corpus = tile.rows;
		p.ids = tile.ids;
		p.id_base = tile.id_base;
		/* the scratch follows the threads a tile of this size gets */
		if (mt_knn_direct_scratch_bytes(&p) > have)
		{
			pfree(scratch);
			scratch = knn_direct_scratch(&p);
			have = mt_knn_direct_scratch_bytes(&p);
		}
		tensor_check_status(mt_knn_direct(&p, p.dtype, best, scratch,
										  tensor_poll_interrupts, NULL), NULL);
		MemoryContextReset(cxt);
	}
	corpus->borrow = borrow;
	pfree(scratch);
	MemoryContextDelete(cxt);
}

void
knn_corpus_search(KnnCorpus *corpus, MtMetric metric, DeviceMode device,
				  const void *queries, int nq, MtNeighbors *best)
{
	if (!knn_direct_wanted(nq, device))
		knn_job_run(corpus, metric, device, queries, nq, best);
	else if (knn_corpus_is_table(corpus))
		direct_table(corpus, metric, queries, nq, best);
	else
		direct_tiles(corpus, metric, queries, nq, best);
}
