/*
 * faiss_sql.c
 *	  FAISS indexes from SQL: faiss_create builds an index from a table
 *	  column (in shards on the engine's workers when the corpus is large),
 *	  faiss_search answers a batch of queries (merging the shards' top-k),
 *	  faiss_add adds rows, faiss_drop drops it.  Results have the shape of
 *	  marsql.knn's: (query, rank, id, distance) with the same metrics.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/regproc.h"
#include "utils/syscache.h"

#include "engine/engine.h"
#include "guc.h"
#include "knn/faiss.h"
#include "knn/knn.h"

PG_FUNCTION_INFO_V1(faiss_create);
PG_FUNCTION_INFO_V1(faiss_search);
PG_FUNCTION_INFO_V1(faiss_add_rows);
PG_FUNCTION_INFO_V1(faiss_add_vectors);
PG_FUNCTION_INFO_V1(faiss_drop);

/* nprobe and efSearch at most (nlist is at most 2^20, faiss_factory.c) */
#define MAX_SEARCH_PARAM (1 << 20)
/* queries searched between two interrupt checks */
#define SEARCH_BATCH 1024
/* training rows by default: enough for IVF lists of a few thousand */
#define DEFAULT_TRAIN_SAMPLE 100000
/* vectors of one shard by default */
#define DEFAULT_SHARD_BYTES ((int64) 256 * 1024 * 1024)

typedef struct FaissOptions
{
	int64		train_sample;
	int64		shard_rows;
	int			nprobe;
	int			ef_search;
} FaissOptions;

static char *
index_name_arg(text *arg)
{
	char	   *name = text_to_cstring(arg);

	if (name[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_NAME),
				 errmsg("a FAISS index name must not be empty")));
	if (strlen(name) >= NAMEDATALEN)
		ereport(ERROR,
				(errcode(ERRCODE_NAME_TOO_LONG),
				 errmsg("FAISS index name \"%s\" is too long", name),
				 errdetail("Names have at most %d bytes.", NAMEDATALEN - 1)));
	return name;
}

/*
 * Options from a jsonb object: each key one of `allowed`, each value a
 * positive integer.  SPI-connected.
 */
static void
parse_options(Jsonb *json, const char *what, const char *const *allowed, int nallowed,
			  int64 *out)
{
	Oid			types[1] = {JSONBOID};
	Datum		values[1] = {JsonbPGetDatum(json)};
	MemoryContext caller = CurrentMemoryContext;
	int			rc;

	if (!JB_ROOT_IS_OBJECT(json))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("FAISS %s must be a JSON object", what)));
	rc = SPI_execute_with_args("SELECT key, pg_catalog.jsonb_typeof(value), value OPERATOR(pg_catalog.#>>) '{}' "
							   "FROM pg_catalog.jsonb_each($1)", 1, types, values, NULL, true, 0);
	MemoryContextSwitchTo(caller);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not read FAISS %s", what);
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		char	   *key = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1);
		char	   *type = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2);
		char	   *value = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 3);
		int			i;
		char	   *end;
		double		v;

		for (i = 0; i < nallowed; i++)
			if (strcmp(key, allowed[i]) == 0)
				break;
		if (i == nallowed)
		{
			StringInfoData names;

			initStringInfo(&names);
			for (int j = 0; j < nallowed; j++)
				appendStringInfo(&names, "%s%s", j ? ", " : "", allowed[j]);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown FAISS %s key \"%s\"", what, key),
					 errhint("The keys are %s.", names.data)));
		}
		v = strcmp(type, "number") == 0 ? strtod(value, &end) : -1;
		if (!(v >= 1 && v <= (double) PG_INT64_MAX / 2 && v == floor(v)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("FAISS %s \"%s\" must be a positive integer, not %s", what, key,
							value ? value : "null")));
		out[i] = (int64) v;
	}
}

static bool
uses_inner_product(MtMetric m)
{
	return m == MT_METRIC_INNER_PRODUCT || m == MT_METRIC_COSINE;
}

/* ------------------------------------------------------------------ build */

typedef struct BuildShard
{
	int64		nrows;
	float	   *rows;
	int64	   *ids;
	int			threads;
	MemoryContext cxt;
} BuildShard;

typedef struct BuildState
{
	FaissEntry *entry;
	KnnCorpus  *corpus;
	FaissOptions opts;
	KnnTile		pending;		/* a tile read but not yet in a shard */
	int64		pending_from;
	bool		at_end;
	BuildShard *shards;
	int			capacity;
	MemoryContext cxt;
} BuildState;

static FaissBuildHeader
build_header(BuildState *st, int task)
{
	FaissBuildHeader h;

	memset(&h, 0, sizeof(h));
	h.dims = st->entry->dims;
	h.inner_product = uses_inner_product(st->entry->metric);
	h.normalize = st->entry->metric == MT_METRIC_COSINE;
	h.threads = st->shards[task].threads;
	h.nrows = st->shards[task].nrows;
	h.train_sample = st->opts.train_sample;
	h.factory_len = strlen(st->entry->factory) + 1;
	return h;
}

static Size
build_payload_bytes(void *arg, int task)
{
	FaissBuildHeader h = build_header((BuildState *) arg, task);

	return faiss_build_payload_bytes(&h);
}

static void
build_write_payload(void *arg, int task, char *dest, Size bytes)
{
	BuildState *st = arg;
	FaissBuildHeader h = build_header(st, task);

	if (bytes != faiss_build_payload_bytes(&h))
		elog(ERROR, "marsql faiss build payload size changed");
	faiss_build_payload_write(dest, &h, st->entry->factory, st->shards[task].rows,
							  st->shards[task].ids);
}

static void
build_task_done(void *arg, int task, const char *result, int len)
{
	BuildState *st = arg;

	faiss_shard_write(st->entry->name, task, (const uint8 *) result, len);
	st->entry->ntotal += st->shards[task].nrows;
	st->entry->nbytes += len;
	MemoryContextDelete(st->shards[task].cxt);
	st->shards[task].cxt = NULL;
}

static void
build_task_failed(void *arg, int task, ErrorData *error)
{
	(void) arg;
	(void) task;
	(void) error;				/* fail_fast: the engine raises it */
}

static char *
build_describe(void *arg, int task)
{
	BuildState *st = arg;

	return psprintf("faiss_create shard %d (%lld rows)", task + 1,
					(long long) st->shards[task].nrows);
}

/* reads rows up to a shard's worth into a new build task */
static bool
build_more_tasks(void *arg, EngineJob *job)
{
	BuildState *st = arg;
	int			task = job->ntasks;
	BuildShard *shard;
	Size		row_bytes = sizeof(float) * st->entry->dims;
	MemoryContext old;

	if (st->at_end && st->pending.nrows == 0)
		return false;
	/* the task is appended once it has rows; its state needs room first */
	if (task >= st->capacity)
	{
		int			cap = Max(16, st->capacity * 2);

		st->shards = st->capacity ? repalloc(st->shards, sizeof(BuildShard) * cap)
			: MemoryContextAlloc(st->cxt, sizeof(BuildShard) * cap);
		st->capacity = cap;
	}
	shard = &st->shards[task];
	memset(shard, 0, sizeof(BuildShard));
	shard->cxt = AllocSetContextCreate(st->cxt, "marsql faiss shard", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(shard->cxt);
	/* grown as rows come: a shard is often much smaller than shard_rows */
	{
		int64		cap = Min(st->opts.shard_rows, st->corpus->tile_rows);

		shard->rows = palloc_extended(row_bytes * cap, MCXT_ALLOC_HUGE);
		shard->ids = palloc_extended(sizeof(int64) * cap, MCXT_ALLOC_HUGE);
		while (shard->nrows < st->opts.shard_rows)
		{
			int64		take;

			if (st->pending_from >= st->pending.nrows)
			{
				MemoryContext tile_cxt = MemoryContextSwitchTo(st->cxt);

				if (st->pending.nrows > 0)
				{
					pfree(st->pending.rows);
					pfree(st->pending.ids);
				}
				st->pending.nrows = 0;
				st->pending_from = 0;
				if (st->at_end || !st->corpus->next_tile(st->corpus, &st->pending))
				{
					st->at_end = true;
					st->pending.nrows = 0;
					MemoryContextSwitchTo(tile_cxt);
					break;
				}
				MemoryContextSwitchTo(tile_cxt);
				continue;
			}
			take = Min(st->pending.nrows - st->pending_from, st->opts.shard_rows - shard->nrows);
			if (shard->nrows + take > cap)
			{
				cap = Min(st->opts.shard_rows, Max(cap * 2, shard->nrows + take));
				shard->rows = repalloc_huge(shard->rows, row_bytes * cap);
				shard->ids = repalloc_huge(shard->ids, sizeof(int64) * cap);
			}
			memcpy((char *) shard->rows + row_bytes * shard->nrows,
				   (char *) st->pending.rows + row_bytes * st->pending_from, row_bytes * take);
			memcpy(shard->ids + shard->nrows, st->pending.ids + st->pending_from,
				   sizeof(int64) * take);
			shard->nrows += take;
			st->pending_from += take;
		}
	}
	MemoryContextSwitchTo(old);
	if (shard->nrows == 0)
	{
		MemoryContextDelete(shard->cxt);
		return false;
	}
	/* the only shard gets every thread; several share them */
	shard->threads = (task == 0 && st->at_end && st->pending.nrows == 0)
		? marsql_faiss_threads
		: Max(1, marsql_faiss_threads / Max(1, marsql_max_workers));
	old = MemoryContextSwitchTo(st->cxt);
	(void) engine_append_task(job, faiss_build_kind, true);
	MemoryContextSwitchTo(old);
	return true;
}

/*
 * marsql.faiss_create(name, corpus regclass, vector_column name,
 *					   id_column name, factory, metric, options jsonb)
 */
Datum
faiss_create(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"name", "corpus", "vector_column", "id_column",
	"factory", "metric"};
	static const char *const keys[] = {"train_sample", "shard_rows"};
	FaissEntry *e = palloc0(sizeof(FaissEntry));
	Oid			relid;
	int64		opts[2] = {DEFAULT_TRAIN_SAMPLE, 0};
	BuildState	st;
	EngineJob	job;
	const MfApi *api;
	MfIndex    *probe;
	char		err[FAISS_ERR_LEN];
	char		type_name[128];

	knn_require_args(fcinfo, "marsql.faiss_create", 6, names);
	e->name = index_name_arg(PG_GETARG_TEXT_PP(0));
	relid = PG_GETARG_OID(1);
	/* kept while it is checked (its owner, the tables a view reads) and read */
	LockRelationOid(relid, AccessShareLock);
	if (!SearchSysCacheExists1(RELOID, ObjectIdGetDatum(relid)))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	e->vector_column = pstrdup(NameStr(*PG_GETARG_NAME(2)));
	e->id_column = pstrdup(NameStr(*PG_GETARG_NAME(3)));
	e->factory = text_to_cstring(PG_GETARG_TEXT_PP(4));
	e->metric = knn_metric_arg(PG_GETARG_TEXT_PP(5));
	e->corpus = quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
										   get_rel_name(relid));
	e->created_by = GetUserId();
	e->options = PG_ARGISNULL(6) ? pstrdup("{}")
		: JsonbToCString(NULL, &PG_GETARG_JSONB_P(6)->root, VARSIZE(PG_GETARG_JSONB_P(6)));

	knn_connect_spi();
	if (!PG_ARGISNULL(6))
		parse_options(PG_GETARG_JSONB_P(6), "option", keys, 2, opts);
	if (faiss_catalog_get(e->name, true) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DUPLICATE_OBJECT),
				 errmsg("FAISS index \"%s\" already exists", e->name)));
	/*
	 * The index outlives the session and is bound to its corpus by OID: a
	 * temporary table is dropped at session end without the event trigger
	 * that marks the index, and its OID could later name another table.
	 */
	if (get_rel_persistence(relid) == RELPERSISTENCE_TEMP)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("cannot build a FAISS index over temporary table \"%s\"",
						get_rel_name(relid)),
				 errdetail("A FAISS index outlives the session; its corpus must too."),
				 errhint("Copy the rows into a permanent table, or search the temporary table "
						 "with marsql.knn.")));
	/* before any row is read: the index would hold the policies' view */
	faiss_check_row_security(relid, NULL, e->corpus);
	e->dims = knn_table_vector_length(relid, e->vector_column);
	if (e->dims == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("column \"%s\" of %s has no vector to index", e->vector_column, e->corpus),
				 errdetail("A FAISS index learns its dimension from the first vector.")));
	e->corpus_relid = relid;
	e->vector_attnum = get_attnum(relid, e->vector_column);
	e->id_attnum = get_attnum(relid, e->id_column);
	if (e->vector_attnum <= 0 || e->id_attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of %s does not exist",
						e->vector_attnum <= 0 ? e->vector_column : e->id_column, e->corpus)));

	/*
	 * Only the forms marsql checked reach FAISS (FAISS trusts the numbers
	 * in a factory string: "PQ0" divides by zero); one FAISS still refuses
	 * fails here, before any row is read.
	 */
	faiss_check_factory(e->factory, e->dims);
	api = faiss_api(marsql_faiss_threads);
	faiss_check(api->create(e->factory, e->dims, uses_inner_product(e->metric), &probe,
							err, sizeof(err)),
				psprintf("build an index from \"%s\"", e->factory), err);
	api->type_name(probe, type_name, sizeof(type_name));
	api->free_index(probe);
	e->index_type = pstrdup(type_name);

	faiss_catalog_insert(e);

	memset(&st, 0, sizeof(st));
	st.entry = e;
	st.opts.train_sample = opts[0];
	st.opts.shard_rows = opts[1] > 0 ? opts[1]
		: Max(1, DEFAULT_SHARD_BYTES / ((int64) e->dims * (int64) sizeof(float)));
	st.corpus = knn_table_corpus(relid, e->vector_column, e->id_column, NULL, MT_FLOAT32,
								 e->dims, "faiss_create");
	st.cxt = AllocSetContextCreate(CurrentMemoryContext, "marsql faiss build",
								   ALLOCSET_DEFAULT_SIZES);
	memset(&job, 0, sizeof(job));
	job.label = "faiss_create";
	job.fail_fast = true;
	job.prefetch = false;
	job.cb.payload_bytes = build_payload_bytes;
	job.cb.write_payload = build_write_payload;
	job.cb.task_done = build_task_done;
	job.cb.task_failed = build_task_failed;
	job.cb.task_log = engine_relay_message;
	job.cb.describe = build_describe;
	job.cb.more_tasks = build_more_tasks;
	job.arg = &st;
	engine_run(&job);
	e->shards = job.ntasks;
	faiss_catalog_update(e);
	faiss_cache_forget(e->name);
	MemoryContextDelete(st.cxt);
	SPI_finish();
	PG_RETURN_INT64(e->ntotal);
}

/* ----------------------------------------------------------------- search */

static double
faiss_distance(MtMetric metric, float d)
{
	switch (metric)
	{
		case MT_METRIC_L2:
			return d > 0 ? sqrt((double) d) : 0;
		case MT_METRIC_L2_SQUARED:
			return d > 0 ? d : 0;
		case MT_METRIC_INNER_PRODUCT:
			return -(double) d + 0.0;
		default:
			return 1 - (double) d;
	}
}

/* one shard's answers (FAISS order) merged into best, in (distance, id) order */
static void
merge_shard(MtNeighbors *best, MtMetric metric, const float *dist, const int64 *ids,
			MtNeighbors *tmp, MtNeighborPair *pairs)
{
	int			k = best->k;
	double	   *td = palloc(sizeof(double) * k);
	int64	   *ti = palloc(sizeof(int64) * k);

	for (int q = 0; q < best->nq; q++)
	{
		int			n = 0;

		for (int r = 0; r < k; r++)
			if (ids[(Size) q * k + r] >= 0)
			{
				pairs[n].distance = faiss_distance(metric, dist[(Size) q * k + r]);
				pairs[n++].id = ids[(Size) q * k + r];
			}
		mt_neighbor_pairs_sort(pairs, n);
		for (int r = 0; r < n; r++)
		{
			tmp->distance[(Size) q * k + r] = pairs[r].distance;
			tmp->id[(Size) q * k + r] = pairs[r].id;
		}
		tmp->count[q] = n;
	}
	mt_neighbors_merge(best, tmp, td, ti);
	pfree(td);
	pfree(ti);
}

/* marsql.faiss_search(name, queries tensor, k, params jsonb) */
Datum
faiss_search(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"name", "queries", "k"};
	static const char *const keys[] = {"nprobe", "efSearch"};
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *name;
	Tensor	   *queries;
	int			k;
	int64		params[2] = {0, 0};
	FaissEntry *e;
	const MfApi *api;
	MfIndex   **shards;
	int			nq;
	float	   *q;
	MemoryContext batch_cxt;

	knn_require_args(fcinfo, "marsql.faiss_search", 3, names);
	name = index_name_arg(PG_GETARG_TEXT_PP(0));
	queries = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	k = knn_k_arg(PG_GETARG_INT32(2));
	InitMaterializedSRF(fcinfo, 0);
	knn_connect_spi();
	if (!PG_ARGISNULL(3))
		parse_options(PG_GETARG_JSONB_P(3), "search parameter", keys, 2, params);
	/* FAISS sizes per-query buffers by them: no more than the largest index */
	for (int i = 0; i < 2; i++)
		if (params[i] > MAX_SEARCH_PARAM)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("FAISS search parameter \"%s\" must be at most %d, not %lld",
							keys[i], MAX_SEARCH_PARAM, (long long) params[i])));
	e = faiss_catalog_get(name, false);
	(void) faiss_corpus_resolve(e);
	queries = knn_queries_arg(queries, MT_FLOAT32);
	if (queries->dims[1] != e->dims)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("queries have %d elements but FAISS index \"%s\" has %d",
						queries->dims[1], name, e->dims)));
	nq = queries->dims[0];
	/* a copy of our own: normalizing must not touch the argument */
	q = palloc_extended(sizeof(float) * (Size) nq * e->dims + 1, MCXT_ALLOC_HUGE);
	memcpy(q, TENSOR_DATA(queries), sizeof(float) * (Size) nq * e->dims);
	if (e->metric == MT_METRIC_COSINE)
		mt_l2_normalize_rows(MT_FLOAT32, q, q, nq, e->dims);
	/* more than every vector finds nothing more (and sizes the buffers) */
	if (k > e->ntotal)
		k = (int) Max(1, Min(e->ntotal, INT32_MAX));

	/*
	 * FAISS spreads a search over its queries: more threads than queries
	 * only cost their start-up (16 ms against 0.7 ms for one query here)
	 */
	api = faiss_api(Min(marsql_faiss_threads, Max(nq, 1)));
	shards = faiss_cache_get(e, api);
	batch_cxt = AllocSetContextCreate(CurrentMemoryContext, "marsql faiss search",
									  ALLOCSET_DEFAULT_SIZES);
	for (int q0 = 0; q0 < nq; q0 += SEARCH_BATCH)
	{
		int			n = Min(SEARCH_BATCH, nq - q0);
		MemoryContext old = MemoryContextSwitchTo(batch_cxt);
		MtNeighbors *best = knn_neighbors_new(n, k);
		MtNeighbors *tmp = knn_neighbors_new(n, k);
		float	   *dist = palloc_extended(sizeof(float) * (Size) n * k, MCXT_ALLOC_HUGE);
		int64	   *ids = palloc_extended(sizeof(int64) * (Size) n * k, MCXT_ALLOC_HUGE);
		MtNeighborPair *pairs = palloc(sizeof(MtNeighborPair) * k);

		for (int s = 0; s < e->shards; s++)
		{
			char		err[FAISS_ERR_LEN];

			CHECK_FOR_INTERRUPTS();
			faiss_check(api->search(shards[s], n, q + (Size) q0 * e->dims, k,
									(int) params[0], (int) params[1], dist, ids,
									err, sizeof(err)),
						"search the index", err);
			merge_shard(best, e->metric, dist, ids, tmp, pairs);
		}
		MemoryContextSwitchTo(old);
		knn_emit(rsinfo, best, NULL, q0, false);
		MemoryContextReset(batch_cxt);
	}
	SPI_finish();
	PG_RETURN_NULL();
}

/* -------------------------------------------------------------------- add */

/* a corpus of one tile: the vectors and ids given to faiss_add */
typedef struct GivenCorpus
{
	KnnCorpus	base;
	KnnTile		tile;
	bool		done;
} GivenCorpus;

static bool
given_next_tile(KnnCorpus *corpus, KnnTile *tile)
{
	GivenCorpus *g = (GivenCorpus *) corpus;

	if (g->done)
		return false;
	*tile = g->tile;
	g->done = true;
	return true;
}

/* adds every row of corpus to the index's last shard; returns the count */
static int64
add_to_index(FaissEntry *e, KnnCorpus *corpus)
{
	const MfApi *api = faiss_api(marsql_faiss_threads);
	int			last = e->shards - 1;
	size_t		old_len;
	uint8	   *buf = faiss_shard_read(e->name, last, &old_len);
	MfIndex    *volatile index = NULL;
	uint8	   *volatile out = NULL;
	volatile int64 added = 0;
	char		err[FAISS_ERR_LEN];
	MfStatus	status;
	MfIndex    *loaded;

	status = api->deserialize(buf, old_len, &loaded, err, sizeof(err));
	free(buf);
	faiss_check(status, "load the index", err);
	index = loaded;
	PG_TRY();
	{
		KnnTile		tile;
		size_t		new_len;
		uint8	   *serialized;

		while (corpus->next_tile(corpus, &tile))
		{
			if (tile.nrows == 0)
				continue;
			if (e->metric == MT_METRIC_COSINE)
				mt_l2_normalize_rows(MT_FLOAT32, tile.rows, tile.rows, tile.nrows, e->dims);
			faiss_fill_index(api, index, tile.nrows, e->dims, tile.rows, tile.ids,
							 DEFAULT_TRAIN_SAMPLE);
			added += tile.nrows;
		}
		faiss_check(api->serialize(index, &serialized, &new_len, err, sizeof(err)),
					"serialize the index", err);
		out = serialized;
		faiss_shard_write(e->name, last, out, new_len);
		e->nbytes += (int64) new_len - (int64) old_len;
		e->ntotal += added;
	}
	PG_FINALLY();
	{
		if (out)
			api->free_buffer(out);
		api->free_index(index);
	}
	PG_END_TRY();
	faiss_catalog_update(e);
	faiss_cache_forget(e->name);
	return added;
}

static FaissEntry *
writable_index(text *name_arg)
{
	FaissEntry *e = faiss_catalog_get(index_name_arg(name_arg), false);

	faiss_check_owner(e);
	return e;
}

/* marsql.faiss_add(name, filter text): rows of the index's corpus */
Datum
faiss_add_rows(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"name", "filter"};
	FaissEntry *e;
	Oid			relid;
	KnnCorpus  *corpus;
	int64		added;

	knn_require_args(fcinfo, "marsql.faiss_add", 2, names);
	knn_connect_spi();
	e = writable_index(PG_GETARG_TEXT_PP(0));
	relid = faiss_corpus_resolve(e);
	corpus = knn_table_corpus(relid, e->vector_column, e->id_column,
							  text_to_cstring(PG_GETARG_TEXT_PP(1)), MT_FLOAT32, e->dims,
							  "faiss_add");
	added = add_to_index(e, corpus);
	SPI_finish();
	PG_RETURN_INT64(added);
}

/* marsql.faiss_add(name, vectors tensor, ids bigint[]) */
Datum
faiss_add_vectors(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"name", "vectors", "ids"};
	FaissEntry *e;
	Tensor	   *vectors;
	ArrayType  *ids;
	GivenCorpus g;
	int64		added;

	knn_require_args(fcinfo, "marsql.faiss_add", 3, names);
	vectors = knn_queries_arg(PG_GETARG_TENSOR_ANYDTYPE_P(1), MT_FLOAT32);
	ids = PG_GETARG_ARRAYTYPE_P(2);
	if (ARR_ELEMTYPE(ids) != INT8OID)
		elog(ERROR, "faiss_add expects a bigint[]");
	if (ARR_NDIM(ids) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("FAISS ids must be a one-dimensional array"),
				 errdetail("The array has %d dimensions.", ARR_NDIM(ids))));
	if (ARR_HASNULL(ids) && array_contains_nulls(ids))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("FAISS ids must not be NULL")));
	if (ArrayGetNItems(ARR_NDIM(ids), ARR_DIMS(ids)) != vectors->dims[0])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%d vectors but %d ids", vectors->dims[0],
						ArrayGetNItems(ARR_NDIM(ids), ARR_DIMS(ids)))));
	knn_connect_spi();
	e = writable_index(PG_GETARG_TEXT_PP(0));
	/* an index is usable only while its corpus is there and readable */
	(void) faiss_corpus_resolve(e);
	if (vectors->dims[1] != e->dims)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("vectors have %d elements but FAISS index \"%s\" has %d",
						vectors->dims[1], e->name, e->dims)));
	memset(&g, 0, sizeof(g));
	g.base.next_tile = given_next_tile;
	g.base.dims = e->dims;
	g.base.dtype = MT_FLOAT32;
	g.tile.nrows = vectors->dims[0];
	g.tile.rows = palloc_extended(sizeof(float) * (Size) g.tile.nrows * e->dims + 1, MCXT_ALLOC_HUGE);
	memcpy(g.tile.rows, TENSOR_DATA(vectors), sizeof(float) * (Size) g.tile.nrows * e->dims);
	g.tile.ids = (int64 *) ARR_DATA_PTR(ids);
	added = add_to_index(e, &g.base);
	SPI_finish();
	PG_RETURN_INT64(added);
}

/* marsql.faiss_drop(name) */
Datum
faiss_drop(PG_FUNCTION_ARGS)
{
	FaissEntry *e;

	knn_connect_spi();
	e = writable_index(PG_GETARG_TEXT_PP(0));
	faiss_catalog_delete(e->name);
	faiss_cache_forget(e->name);
	SPI_finish();
	PG_RETURN_VOID();
}
