/*
 * knn_peers.c
 *	  k-NN over a table whose rows live on the peers: each peer holds a
 *	  partition of the corpus under the same table name, scores its own
 *	  rows, and sends back only the queries' top k; nothing of the corpus
 *	  travels.  The "marsql knn partition" task kind is one block of
 *	  queries against the named table of the server it runs on; the
 *	  coordinator pins one such task to each peer per block of queries and
 *	  merges their lists (ties to the smaller id, as everywhere).  With
 *	  executors => 'all' the coordinator's own table is a partition too,
 *	  scored after the peers' answers for the block are in.
 *
 *	  Payload: int32 k, int32 metric, int32 device (the coordinator's
 *	  DeviceMode), int32 has_filter, the table name,
 *	  vector column, id column and filter as strings, then the queries in
 *	  the tensor's binary format.  Result: as a "marsql knn" task's, with
 *	  k clamped to the rows of the peer's partition when k is large
 *	  (KNN_K_COUNTED), so that no list is sized by a k beyond the corpus.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/regproc.h"

#include "engine/engine.h"
#include "engine/peer.h"
#include "guc.h"
#include "knn/knn.h"

PG_FUNCTION_INFO_V1(knn_table_named);

/* the tensor type's binary I/O (tensor_io.c) */
extern PGDLLEXPORT Datum tensor_send(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum tensor_recv(PG_FUNCTION_ARGS);

static int	knn_partition_kind = -1;

/* runs on a peer: the block of queries against this server's rows */
static void
partition_run(const char *payload, int len, StringInfo result)
{
	StringInfoData in;
	StringInfoData qbuf;
	int			k,
				metric,
				device,
				has_filter,
				qlen;
	const char *table,
			   *vector_column,
			   *id_column,
			   *filter;
	Tensor	   *queries;
	Oid			relid;
	MtDtype		dtype;
	KnnCorpus  *corpus;
	MtNeighbors *best;

	in.data = (char *) payload;
	in.len = len;
	in.maxlen = len;
	in.cursor = 0;
	k = pq_getmsgint(&in, 4);
	metric = pq_getmsgint(&in, 4);
	device = pq_getmsgint(&in, 4);
	has_filter = pq_getmsgint(&in, 4);
	table = pq_getmsgstring(&in);
	vector_column = pq_getmsgstring(&in);
	id_column = pq_getmsgstring(&in);
	filter = pq_getmsgstring(&in);
	qlen = pq_getmsgint(&in, 4);
	if (k < 1 || metric <= MT_METRIC_INVALID || metric > MT_METRIC_COSINE || qlen < 0 ||
		qlen > in.len - in.cursor)
		engine_malformed_task("malformed marsql knn partition task");
	qbuf.data = in.data + in.cursor;
	qbuf.len = qlen;
	qbuf.maxlen = qlen;
	qbuf.cursor = 0;
	queries = (Tensor *) DatumGetPointer(DirectFunctionCall3(tensor_recv,
															 PointerGetDatum(&qbuf),
															 ObjectIdGetDatum(InvalidOid),
															 Int32GetDatum(-1)));
	/* the coordinator's search_path holds for this task */
	relid = DatumGetObjectId(DirectFunctionCall1(regclassin, CStringGetDatum(table)));
	dtype = knn_compute_dtype(knn_table_column_dtype(relid, vector_column), queries->dtype);
	queries = knn_queries_arg(queries, dtype);
	if (queries->dims[0] == 0)
	{
		knn_result_append(result, knn_neighbors_new(0, 1));
		return;
	}
	knn_connect_spi();
	corpus = knn_table_corpus(relid, vector_column, id_column,
							  has_filter ? filter : NULL, dtype, queries->dims[1],
							  "knn partition");
	/* before anything is sized by k; an empty partition sends empty lists */
	k = knn_table_corpus_k(corpus, k);
	best = knn_neighbors_new(queries->dims[0], Max(k, 1));
	if (k > 0)
		knn_corpus_search(corpus, (MtMetric) metric, device_mode_from_task(device),
					TENSOR_DATA(queries), queries->dims[0], best);
	SPI_finish();
	knn_result_append(result, best);
}

void
knn_peers_register_kind(void)
{
	knn_partition_kind = engine_register_kind("marsql knn partition", partition_run);
}

typedef struct PartitionJob
{
	StringInfoData payload;		/* the same for every peer */
	MtNeighbors *best;			/* NULL: results wait in results */
	List	   *results;		/* StringInfo: the lists of a large k */
	int64		width;			/* the sum of their widths */
	MemoryContext cxt;			/* holds results */
	Oid		   *servers;
	const char *table;
} PartitionJob;

static void
partition_build_payload(void *arg, int task, StringInfo payload)
{
	PartitionJob *pj = (PartitionJob *) arg;

	(void) task;
	appendBinaryStringInfo(payload, pj->payload.data, pj->payload.len);
}

/*
 * A small k is merged at once into lists of width k.  A large one is kept
 * until every partition has answered: the lists are then as wide as all
 * partitions' rows together when that is less than k.
 */
static void
partition_keep(PartitionJob *pj, const char *result, int len)
{
	StringInfo	copy;
	int32		width;

	if (pj->best != NULL)
	{
		knn_result_merge(pj->best, result, len);
		return;
	}
	if (len < 8)
		elog(ERROR, "marsql knn task result is too short");
	memcpy(&width, result + 4, sizeof(int32));
	copy = MemoryContextAlloc(pj->cxt, sizeof(StringInfoData));
	copy->data = MemoryContextAlloc(pj->cxt, len);
	memcpy(copy->data, result, len);
	copy->len = len;
	pj->results = lappend(pj->results, copy);
	pj->width += Max(width, 0);
}

static void
partition_done(void *arg, int task, const char *result, int len)
{
	(void) task;
	partition_keep((PartitionJob *) arg, result, len);
}

static void
partition_failed(void *arg, int task, ErrorData *error)
{
	/* fail_fast: the engine raises it */
	(void) arg;
	(void) task;
	(void) error;
}

static char *
partition_describe(void *arg, int task)
{
	PartitionJob *pj = (PartitionJob *) arg;

	(void) task;
	/* the engine names the peer */
	return psprintf("k-NN over the rows of \"%s\"", pj->table);
}

/* one block of queries against every peer's partition, merged into best */
static void
search_partitions(PartitionJob *pj, int nservers)
{
	EngineJob	job;

	memset(&job, 0, sizeof(job));
	job.label = "knn";
	job.ntasks = nservers;
	job.tasks = palloc0(sizeof(EngineTask) * nservers);
	for (int i = 0; i < nservers; i++)
	{
		job.tasks[i].kind = knn_partition_kind;
		job.tasks[i].idempotent = true;
		job.tasks[i].server = pj->servers[i];
	}
	job.fail_fast = true;
	job.executors = ENGINE_EXECUTORS_PEERS;
	job.cb.build_payload = partition_build_payload;
	job.cb.task_done = partition_done;
	job.cb.task_failed = partition_failed;
	job.cb.task_log = engine_relay_message;
	job.cb.describe = partition_describe;
	job.arg = pj;
	engine_run(&job);
}

/* the rows q0 .. q0 + n of queries, as a tensor of their own */
static Tensor *
query_rows(Tensor *queries, int q0, int n)
{
	int64		dims[2] = {n, queries->dims[1]};
	Tensor	   *t = tensor_new_uninit(2, dims, queries->dtype);
	Size		row_bytes = (Size) queries->dims[1] * mt_dtype_size(queries->dtype);

	memcpy(TENSOR_DATA(t), (char *) TENSOR_DATA(queries) + row_bytes * q0, row_bytes * n);
	return t;
}

static void
search_peers(ReturnSetInfo *rsinfo, Tensor *queries, const char *table,
			 const KnnTableArgs *args, bool with_local)
{
	const char *vector_column = args->vector_column;
	const char *id_column = args->id_column;
	const char *filter = args->filter;
	int			k = args->k;
	MtMetric	metric = args->metric;
	List	   *oids = peer_server_oids(true);
	int			nservers = list_length(oids);
	int			nq;
	int			n;
	int			k_hint = k;
	Oid			local_relid = InvalidOid;
	MemoryContext cxt;
	PartitionJob pj;
	int			i = 0;
	ListCell   *lc;

	if (nservers == 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("marsql knn: no marsql peer is declared"),
				 errhint("Declare peers with CREATE SERVER ... FOREIGN DATA WRAPPER marsql, or use executors => 'local'.")));
	queries = knn_queries_arg(queries, knn_vector_dtype((MtDtype) queries->dtype));
	nq = queries->dims[0];
	if (with_local)
		local_relid = DatumGetObjectId(DirectFunctionCall1(regclassin, CStringGetDatum(table)));
	memset(&pj, 0, sizeof(pj));
	pj.table = table;
	pj.servers = palloc(sizeof(Oid) * nservers);
	foreach(lc, oids)
		pj.servers[i++] = lfirst_oid(lc);

	cxt = AllocSetContextCreate(CurrentMemoryContext, "marsql knn partitions",
								ALLOCSET_DEFAULT_SIZES);
	pj.cxt = cxt;
	for (int q0 = 0; q0 < nq; q0 += n)
	{
		MemoryContext old = MemoryContextSwitchTo(cxt);
		Tensor	   *rows;
		bytea	   *binary;

		/* blocks sized by the widest lists the last block had */
		n = Min(knn_query_block_rows(nq - q0, k_hint), nq - q0);
		rows = query_rows(queries, q0, n);
		binary = DatumGetByteaPP(DirectFunctionCall1(tensor_send, PointerGetDatum(rows)));
		initStringInfo(&pj.payload);
		pq_sendint32(&pj.payload, k);
		pq_sendint32(&pj.payload, (int) metric);
		pq_sendint32(&pj.payload, marsql_device);
		pq_sendint32(&pj.payload, filter != NULL);
		pq_sendstring(&pj.payload, table);
		pq_sendstring(&pj.payload, vector_column);
		pq_sendstring(&pj.payload, id_column);
		pq_sendstring(&pj.payload, filter ? filter : "");
		pq_sendint32(&pj.payload, VARSIZE_ANY_EXHDR(binary));
		pq_sendbytes(&pj.payload, VARDATA_ANY(binary), VARSIZE_ANY_EXHDR(binary));
		pj.best = k <= KNN_K_COUNTED ? knn_neighbors_new(n, k) : NULL;
		pj.results = NIL;
		pj.width = 0;
		search_partitions(&pj, nservers);
		if (with_local)
		{
			MtDtype		dtype = knn_compute_dtype(knn_table_column_dtype(local_relid, vector_column),
												  rows->dtype);
			Tensor	   *local_rows = knn_queries_arg(rows, dtype);
			MtNeighbors *local;
			KnnCorpus  *corpus;
			StringInfoData packed;
			int			local_k;

			knn_connect_spi();
			corpus = knn_table_corpus(local_relid, vector_column, id_column, filter, dtype,
									  local_rows->dims[1], "knn");
			local_k = knn_table_corpus_k(corpus, k);
			local = knn_neighbors_new(n, Max(local_k, 1));
			if (local_k > 0)
				knn_corpus_search(corpus, metric, (DeviceMode) marsql_device,
							TENSOR_DATA(local_rows), n, local);
			SPI_finish();
			initStringInfo(&packed);
			knn_result_append(&packed, local);
			partition_keep(&pj, packed.data, packed.len);
		}
		if (pj.best == NULL)
		{
			/* every partition's lists are in: as wide as they are together */
			k_hint = Max(knn_k_clamp(k, pj.width), 1);
			pj.best = knn_neighbors_new(n, k_hint);
			foreach(lc, pj.results)
			{
				StringInfo	r = (StringInfo) lfirst(lc);

				knn_result_merge(pj.best, r->data, r->len);
			}
		}
		MemoryContextSwitchTo(old);
		knn_emit(rsinfo, pj.best, NULL, q0, false);
		MemoryContextReset(cxt);
	}
	MemoryContextDelete(cxt);
}

/*
 * marsql.knn(queries tensor, corpus text, vector_column name, id_column
 *			  name, k int, metric text, filter text, executors text)
 *
 * The corpus named as text is the table of that name on each server that
 * runs the search: the coordinator's with executors 'local', every peer's
 * with 'peers', both with 'all'.
 */
Datum
knn_table_named(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	KnnTableArgs args;
	char	   *table;
	int			nest_level;

	knn_table_args(fcinfo, &args);
	table = text_to_cstring(PG_GETARG_TEXT_PP(1));
	InitMaterializedSRF(fcinfo, 0);
	nest_level = engine_executors_begin(args.executors);
	if (marsql_executors == ENGINE_EXECUTORS_LOCAL)
		knn_table_search(rsinfo, args.queries,
						 DatumGetObjectId(DirectFunctionCall1(regclassin, CStringGetDatum(table))),
						 args.vector_column, args.id_column, args.k, args.metric, args.filter);
	else
		search_peers(rsinfo, args.queries, table, &args,
					 marsql_executors == ENGINE_EXECUTORS_ALL);
	engine_executors_end(nest_level);
	PG_RETURN_NULL();
}
