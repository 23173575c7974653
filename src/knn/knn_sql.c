/*
 * knn_sql.c
 *	  The k-NN entry points whose corpus is read a tile at a time and
 *	  scored on the engine's workers: a table column, a chunked tensor, and
 *	  the all-pairs knn_join of two tables or two chunked tensors.  The
 *	  queries go in blocks (bounded by work_mem and by the size of a task's
 *	  result); each block is searched against the whole corpus, and its
 *	  rows go to the tuplestore before the next block starts, so memory
 *	  stays bounded whatever the number of queries.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "chunked/chunked.h"
#include "engine/engine.h"
#include "guc.h"
#include "knn/knn.h"

PG_FUNCTION_INFO_V1(knn_table);
PG_FUNCTION_INFO_V1(knn_chunked);
PG_FUNCTION_INFO_V1(knn_join_chunked);
PG_FUNCTION_INFO_V1(knn_join_table);

/* a task's result (nq lists of k) stays under this */
#define MAX_RESULT_BYTES (64 * 1024 * 1024)

/* queries per block: within work_mem, and a task's result within bounds */
int
knn_query_block_rows(int64 nq, int k)
{
	int64		by_result = MAX_RESULT_BYTES / ((int64) k * 16 + 4);
	int			batch = knn_query_batch((int) Min(nq, INT32_MAX / 2), k, 1);

	return (int) Max(1, Min(batch, by_result));
}

/* queries of a tensor against a corpus, block by block, into rsinfo */
static void
search_tensor_queries(ReturnSetInfo *rsinfo, KnnCorpus *corpus, MtMetric metric,
					  Tensor *queries, int k)
{
	int			nq = queries->dims[0];
	int			block = knn_query_block_rows(nq, k);
	Size		row_bytes = (Size) corpus->dims * mt_dtype_size(corpus->dtype);
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "marsql knn block",
											  ALLOCSET_DEFAULT_SIZES);

	for (int q0 = 0; q0 < nq; q0 += block)
	{
		int			n = Min(block, nq - q0);
		MemoryContext old = MemoryContextSwitchTo(cxt);
		MtNeighbors *best = knn_neighbors_new(n, k);

		if (q0 > 0)
			corpus->rewind(corpus);
		knn_corpus_search(corpus, metric, (DeviceMode) marsql_device,
					(const char *) TENSOR_DATA(queries) + row_bytes * q0,
					n, best);
		MemoryContextSwitchTo(old);
		knn_emit(rsinfo, best, NULL, q0, false);
		MemoryContextReset(cxt);
	}
	MemoryContextDelete(cxt);
}

void
knn_table_search(ReturnSetInfo *rsinfo, Tensor *queries, Oid relid, const char *vector_column,
				 const char *id_column, int k, MtMetric metric, const char *filter)
{
	MtDtype		dtype;
	KnnCorpus  *corpus;

	dtype = knn_compute_dtype(knn_table_column_dtype(relid, vector_column),
							  queries->dtype);
	queries = knn_queries_arg(queries, dtype);
	if (queries->dims[0] == 0)
		return;
	knn_connect_spi();
	corpus = knn_table_corpus(relid, vector_column, id_column, filter, dtype,
							  queries->dims[1], "knn");
	/* before anything is sized by k */
	k = knn_table_corpus_k(corpus, k);
	if (k > 0)
		search_tensor_queries(rsinfo, corpus, metric, queries, k);
	SPI_finish();
}

void
knn_table_args(FunctionCallInfo fcinfo, KnnTableArgs *args)
{
	static const char *const names[] = {"queries", "corpus", "vector_column", "id_column",
	"k", "metric"};

	knn_require_args(fcinfo, "marsql.knn", 6, names);
	args->queries = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	args->vector_column = NameStr(*PG_GETARG_NAME(2));
	args->id_column = NameStr(*PG_GETARG_NAME(3));
	args->k = knn_k_arg(PG_GETARG_INT32(4));
	args->metric = knn_metric_arg(PG_GETARG_TEXT_PP(5));
	args->filter = PG_ARGISNULL(6) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(6));
	if (args->filter)
		knn_check_filter(args->filter);
	args->executors = knn_executors_arg(fcinfo, 7);
}

/*
 * marsql.knn(queries tensor, corpus regclass, vector_column name,
 *			  id_column name, k int, metric text, filter text, executors text)
 */
Datum
knn_table(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	KnnTableArgs args;
	int			nest_level;

	knn_table_args(fcinfo, &args);
	InitMaterializedSRF(fcinfo, 0);
	nest_level = engine_executors_begin(args.executors);
	knn_table_search(rsinfo, args.queries, PG_GETARG_OID(1), args.vector_column,
					 args.id_column, args.k, args.metric, args.filter);
	engine_executors_end(nest_level);
	PG_RETURN_NULL();
}

/*
 * The optional `executors` argument at argno: NULL when absent or NULL
 * (marsql.executors holds).
 */
text *
knn_executors_arg(FunctionCallInfo fcinfo, int argno)
{
	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return NULL;
	return PG_GETARG_TEXT_PP(argno);
}

/*
 * marsql.knn(queries tensor, corpus chunked_tensor, k int, metric text,
 *			  executors text)
 */
Datum
knn_chunked(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"queries", "corpus", "k", "metric"};
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Tensor	   *queries;
	ChunkedTensor *ct;
	int			k;
	MtMetric	metric;
	MtDtype		dtype;
	KnnCorpus  *corpus;
	int			nest_level;

	knn_require_args(fcinfo, "marsql.knn", 4, names);
	queries = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	ct = PG_GETARG_CHUNKED_P(1);
	k = knn_k_arg(PG_GETARG_INT32(2));
	metric = knn_metric_arg(PG_GETARG_TEXT_PP(3));
	dtype = knn_compute_dtype(ct->dtype, queries->dtype);

	InitMaterializedSRF(fcinfo, 0);
	nest_level = engine_executors_begin(knn_executors_arg(fcinfo, 4));
	queries = knn_queries_arg(queries, dtype);
	if (ct->ndim == 2 && CHUNKED_SHAPE(ct)[1] != queries->dims[1])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("queries have %d elements but corpus rows have %lld",
						queries->dims[1], (long long) CHUNKED_SHAPE(ct)[1])));
	knn_connect_spi();
	corpus = knn_chunked_corpus(ct, dtype, "knn");
	/* as over a tensor: a corpus of fewer than k rows gives all of them */
	k = knn_k_clamp(k, CHUNKED_SHAPE(ct)[0]);
	if (queries->dims[0] > 0 && k > 0)
		search_tensor_queries(rsinfo, corpus, metric, queries, k);
	SPI_finish();
	engine_executors_end(nest_level);
	PG_RETURN_NULL();
}

/*
 * Every query row of `queries` against the corpus, a block of query rows
 * at a time (the queries are themselves a corpus, read in blocks).
 */
static void
join(ReturnSetInfo *rsinfo, KnnCorpus *queries, KnnCorpus *corpus, MtMetric metric, int k)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "marsql knn_join block",
											  ALLOCSET_DEFAULT_SIZES);
	bool		first = true;

	queries->tile_rows = Min(queries->tile_rows, knn_query_block_rows(INT32_MAX / 2, k));
	for (;;)
	{
		MemoryContext old = MemoryContextSwitchTo(cxt);
		KnnTile		block;
		MtNeighbors *best;

		if (!queries->next_tile(queries, &block))
		{
			MemoryContextSwitchTo(old);
			break;
		}
		if (block.nrows > 0)
		{
			best = knn_neighbors_new((int) block.nrows, k);
			if (!first)
				corpus->rewind(corpus);
			first = false;
			knn_corpus_search(corpus, metric, (DeviceMode) marsql_device, block.rows,
						(int) block.nrows, best);
			MemoryContextSwitchTo(old);
			knn_emit(rsinfo, best, block.ids, block.id_base, true);
		}
		else
			MemoryContextSwitchTo(old);
		MemoryContextReset(cxt);
	}
	MemoryContextDelete(cxt);
}

/*
 * marsql.knn_join(queries chunked_tensor, corpus chunked_tensor, k, metric,
 *				   executors)
 */
Datum
knn_join_chunked(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"queries", "corpus", "k", "metric"};
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ChunkedTensor *qt;
	ChunkedTensor *ct;
	int			k;
	MtMetric	metric;
	MtDtype		dtype;
	KnnCorpus  *queries,
			   *corpus;
	int			nest_level;

	knn_require_args(fcinfo, "marsql.knn_join", 4, names);
	qt = PG_GETARG_CHUNKED_P(0);
	ct = PG_GETARG_CHUNKED_P(1);
	k = knn_k_arg(PG_GETARG_INT32(2));
	metric = knn_metric_arg(PG_GETARG_TEXT_PP(3));
	dtype = mt_dtype_promote(qt->dtype, ct->dtype);

	InitMaterializedSRF(fcinfo, 0);
	nest_level = engine_executors_begin(knn_executors_arg(fcinfo, 4));
	knn_connect_spi();
	queries = knn_chunked_corpus(qt, dtype, "knn_join");
	corpus = knn_chunked_corpus(ct, dtype, "knn_join");
	if (queries->dims != corpus->dims)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("query rows have %d elements but corpus rows have %d",
						queries->dims, corpus->dims)));
	k = knn_k_clamp(k, CHUNKED_SHAPE(ct)[0]);
	if (k > 0)
		join(rsinfo, queries, corpus, metric, k);
	SPI_finish();
	engine_executors_end(nest_level);
	PG_RETURN_NULL();
}

/*
 * marsql.knn_join(queries regclass, query_vector name, query_id name,
 *				   corpus regclass, vector_column name, id_column name,
 *				   k int, metric text, filter text, executors text)
 */
Datum
knn_join_table(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"queries", "query_vector", "query_id", "corpus",
	"vector_column", "id_column", "k", "metric"};
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			qrel,
				crel;
	char	   *qvec,
			   *qid,
			   *cvec,
			   *cid,
			   *filter;
	int			k;
	MtMetric	metric;
	MtDtype		dtype,
				qdtype,
				cdtype;
	KnnCorpus  *queries,
			   *corpus;
	int			dims;
	int			nest_level;

	knn_require_args(fcinfo, "marsql.knn_join", 8, names);
	qrel = PG_GETARG_OID(0);
	qvec = NameStr(*PG_GETARG_NAME(1));
	qid = NameStr(*PG_GETARG_NAME(2));
	crel = PG_GETARG_OID(3);
	cvec = NameStr(*PG_GETARG_NAME(4));
	cid = NameStr(*PG_GETARG_NAME(5));
	k = knn_k_arg(PG_GETARG_INT32(6));
	metric = knn_metric_arg(PG_GETARG_TEXT_PP(7));
	filter = PG_ARGISNULL(8) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(8));
	if (filter)
		knn_check_filter(filter);

	InitMaterializedSRF(fcinfo, 0);
	nest_level = engine_executors_begin(knn_executors_arg(fcinfo, 9));
	qdtype = knn_table_column_dtype(qrel, qvec);
	cdtype = knn_table_column_dtype(crel, cvec);
	dtype = knn_compute_dtype(qdtype, cdtype);
	knn_connect_spi();
	dims = knn_table_vector_length(qrel, qvec);
	if (dims > 0)
	{
		queries = knn_table_corpus(qrel, qvec, qid, NULL, dtype, dims, "knn_join");
		corpus = knn_table_corpus(crel, cvec, cid, filter, dtype, dims, "knn_join");
		k = knn_table_corpus_k(corpus, k);
		if (k > 0)
			join(rsinfo, queries, corpus, metric, k);
	}
	SPI_finish();
	engine_executors_end(nest_level);
	PG_RETURN_NULL();
}
