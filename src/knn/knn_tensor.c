/*
 * knn_tensor.c
 *	  marsql.knn(queries tensor, corpus tensor, k, metric, device): exact
 *	  k-NN when the corpus is one value.  It runs in this backend, on the
 *	  GPU or on marsql.blas_threads threads of the kernel (each with one
 *	  BLAS thread), in batches of queries sized to work_mem; rows go to a
 *	  tuplestore.  A few queries (marsql.knn_direct_queries) take the
 *	  direct search instead: one pass over the corpus in place, every
 *	  distance exact, no GEMM and no copy.  The corpus is detoasted once,
 *	  through PG_GETARG_TENSOR_ANYDTYPE_P (so a resident copy is used as it
 *	  is), and never written: it may be a shared read-only value.  A
 *	  float16 corpus computes in float32 and an integer one in float64,
 *	  converted once (knn_vector_dtype).
 */
#include "postgres.h"

#include "funcapi.h"
#include "miscadmin.h"

#include "guc.h"
#include "kernels/dispatch.h"
#include "knn/knn.h"

PG_FUNCTION_INFO_V1(knn_tensor);

Datum
knn_tensor(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Tensor	   *queries;
	Tensor	   *corpus;
	int			k;
	MtMetric	metric;
	DeviceMode	device;
	MtDtype		dtype;
	bool		direct;
	int			nq,
				dims,
				batch;
	int64		nx;
	MemoryContext batch_cxt,
				old;

	InitMaterializedSRF(fcinfo, 0);
	/* strict in everything but device (NULL: marsql.device) */
	for (int i = 0; i < 4; i++)
		if (PG_ARGISNULL(i))
			PG_RETURN_NULL();
	queries = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	corpus = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	k = knn_k_arg(PG_GETARG_INT32(2));
	metric = knn_metric_arg(PG_GETARG_TEXT_PP(3));
	device = device_mode_arg(PG_NARGS() > 4 && !PG_ARGISNULL(4) ? PG_GETARG_TEXT_PP(4) : NULL);
	if (corpus->ndim != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a k-NN corpus must be a 2-D tensor (one vector per row), not %d-D",
						corpus->ndim)));
	/* float16 computes in float32, integers in float64 (knn_vector_dtype) */
	dtype = knn_compute_dtype(corpus->dtype, queries->dtype);
	queries = knn_queries_arg(queries, dtype);
	nq = queries->dims[0];
	/*
	 * The direct search widens float32 rows itself, one at a time; every
	 * other conversion (float16 and integer corpora) is done here, exactly,
	 * so the results are those of the converted corpus.
	 */
	direct = knn_direct_wanted(nq, device);
	if (corpus->dtype != dtype &&
		(!direct || corpus->dtype != MT_FLOAT32 || dtype != MT_FLOAT64))
		corpus = tensor_convert(corpus, dtype);
	dims = queries->dims[1];
	nx = corpus->dims[0];
	if (corpus->dims[1] != dims)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("queries have %d elements but corpus rows have %d", dims, corpus->dims[1])));
	if (nq == 0 || nx == 0)
		PG_RETURN_NULL();
	if (k > nx)
		k = (int) nx;

	if (direct)
	{
		MtKnnProblem p = {dtype, metric, dims, nq, TENSOR_DATA(queries), nx,
		TENSOR_DATA(corpus), NULL, 0, k, marsql_blas_threads};
		MtNeighbors *best = knn_neighbors_new(nq, k);
		void	   *scratch = knn_direct_scratch(&p);

		tensor_check_status(mt_knn_direct(&p, (MtDtype) corpus->dtype, best, scratch,
										  tensor_poll_interrupts, NULL), NULL);
		knn_emit(rsinfo, best, NULL, 0, false);
		PG_RETURN_NULL();
	}

	batch = knn_query_batch(nq, k, marsql_blas_threads);
	batch_cxt = AllocSetContextCreate(CurrentMemoryContext, "marsql knn batch",
									  ALLOCSET_DEFAULT_SIZES);
	for (int q0 = 0; q0 < nq; q0 += batch)
	{
		int			n = Min(batch, nq - q0);
		MtKnnProblem p = {dtype, metric, dims, n,
			(const char *) TENSOR_DATA(queries) + (Size) q0 * dims * mt_dtype_size(dtype),
		nx, TENSOR_DATA(corpus), NULL, 0, k, marsql_blas_threads};
		MtNeighbors *best;

		old = MemoryContextSwitchTo(batch_cxt);
		best = knn_neighbors_new(n, k);
		knn_search(&p, best, device, false);
		MemoryContextSwitchTo(old);
		knn_emit(rsinfo, best, NULL, q0, false);
		MemoryContextReset(batch_cxt);
	}
	MemoryContextDelete(batch_cxt);
	PG_RETURN_NULL();
}
