/*
 * faiss_task.c
 *	  The "marsql faiss build" task kind: one shard of a FAISS index built
 *	  on a worker from the vectors and ids its payload carries (a worker
 *	  cannot read the caller's uncommitted rows), returned serialized.  A
 *	  large corpus is cut into shards, one index each, built in parallel as
 *	  Mars builds per-chunk indexes; searches merge the shards' top-k.
 */
#include "postgres.h"


#include "miscadmin.h"
#include "postmaster/bgworker.h"
#include "utils/memutils.h"

#include "engine/engine.h"
#include "guc.h"
#include "knn/faiss.h"

/*
 * Rows added between two interrupt checks.  HNSW takes all rows in one
 * call: Debian's FAISS 1.7.3 builds a worse graph from several adds
 * (recall@10 0.91 instead of 0.99 in batches of 16,384, test/bench/knn.sh
 * data), so an HNSW shard is one uninterruptible call.
 */
#define ADD_BATCH 16384

int			faiss_build_kind = -1;

Size
faiss_build_payload_bytes(const FaissBuildHeader *h)
{
	return MAXALIGN(sizeof(FaissBuildHeader)) + MAXALIGN(h->factory_len)
		+ MAXALIGN((Size) h->nrows * h->dims * sizeof(float)) + sizeof(int64) * h->nrows;
}

void
faiss_build_payload_write(char *dest, const FaissBuildHeader *h, const char *factory,
						  const float *rows, const int64 *ids)
{
	char	   *p = dest;

	memcpy(p, h, sizeof(FaissBuildHeader));
	p += MAXALIGN(sizeof(FaissBuildHeader));
	memcpy(p, factory, h->factory_len);
	p += MAXALIGN(h->factory_len);
	memcpy(p, rows, (Size) h->nrows * h->dims * sizeof(float));
	p += MAXALIGN((Size) h->nrows * h->dims * sizeof(float));
	memcpy(p, ids, sizeof(int64) * h->nrows);
}

void
faiss_fill_index(const MfApi *api, MfIndex *index, int64 nrows, int dims,
				 const float *rows, const int64 *ids, int64 train_sample)
{
	char		err[FAISS_ERR_LEN];
	int64		batch;

	if (!api->is_trained(index))
	{
		int64		n = Min(nrows, train_sample);
		float	   *sample;

		if (n < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("this FAISS index needs training vectors, and there are none")));
		/* every (nrows / n)-th row: spread over the whole shard */
		sample = palloc_extended(sizeof(float) * (Size) n * dims, MCXT_ALLOC_HUGE);
		for (int64 i = 0; i < n; i++)
			memcpy(sample + i * dims, rows + (i * nrows / n) * dims, sizeof(float) * dims);
		faiss_check(api->train(index, n, sample, err, sizeof(err)), "train the index", err);
		pfree(sample);
	}
	{
		char		type[128];

		api->type_name(index, type, sizeof(type));
		batch = strstr(type, "HNSW") ? Max(nrows, 1) : ADD_BATCH;
	}
	for (int64 start = 0; start < nrows; start += batch)
	{
		int64		n = Min(batch, nrows - start);

		CHECK_FOR_INTERRUPTS();
		faiss_check(api->add(index, n, rows + start * dims, ids + start, err, sizeof(err)),
					"add vectors to the index", err);
	}
}

static void
faiss_build_run(const char *payload, int len, StringInfo result)
{
	FaissBuildHeader h;
	const char *p = payload;
	const char *factory;
	const float *rows;
	const int64 *ids;
	const MfApi *api;
	MfIndex    *volatile index = NULL;
	uint8	   *volatile buf = NULL;
	char		err[FAISS_ERR_LEN];

	if ((Size) len < sizeof(h))
		elog(ERROR, "marsql faiss build payload is too short");
	memcpy(&h, payload, sizeof(h));
	if (h.dims < 1 || h.nrows < 0 || h.factory_len < 1 || h.threads < 1 ||
		faiss_build_payload_bytes(&h) != (Size) len)
		elog(ERROR, "marsql faiss build payload is malformed");
	p += MAXALIGN(sizeof(FaissBuildHeader));
	factory = p;
	if (factory[h.factory_len - 1] != '\0')
		elog(ERROR, "marsql faiss build payload is malformed");
	p += MAXALIGN(h.factory_len);
	rows = (const float *) p;
	p += MAXALIGN((Size) h.nrows * h.dims * sizeof(float));
	ids = (const int64 *) p;

	if (h.normalize)
	{
		float	   *copy = palloc_extended(sizeof(float) * (Size) h.nrows * h.dims, MCXT_ALLOC_HUGE);

		memcpy(copy, rows, sizeof(float) * (Size) h.nrows * h.dims);
		mt_l2_normalize_rows(MT_FLOAT32, copy, copy, h.nrows, h.dims);
		rows = copy;
	}
	api = faiss_api(IsBackgroundWorker ? h.threads : marsql_faiss_threads);
	PG_TRY();
	{
		MfIndex    *created;
		uint8	   *serialized;
		size_t		bytes;

		faiss_check(api->create(factory, h.dims, h.inner_product, &created, err, sizeof(err)),
					"create the index", err);
		index = created;
		faiss_fill_index(api, index, h.nrows, h.dims, rows, ids, h.train_sample);
		faiss_check(api->serialize(index, &serialized, &bytes, err, sizeof(err)),
					"serialize the index", err);
		buf = serialized;
		if (bytes >= MaxAllocSize - (Size) result->len - 1)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("a FAISS index shard of %zu bytes is too large to return", bytes),
					 errhint("Use a smaller shard_rows option.")));
		appendBinaryStringInfo(result, (const char *) buf, (int) bytes);
	}
	PG_FINALLY();
	{
		if (buf)
			api->free_buffer(buf);
		if (index)
			api->free_index(index);
	}
	PG_END_TRY();
}

void
faiss_task_register_kind(void)
{
	faiss_build_kind = engine_register_kind("marsql faiss build", faiss_build_run);
}
