/*
 * knn_job.c
 *	  A k-NN search over a corpus read a tile at a time: each tile becomes
 *	  a "marsql knn" task carrying the queries and the tile's rows; workers
 *	  score them in parallel while this backend reads the next tile (the
 *	  job finds its tasks as it goes, since a filtered table has no row
 *	  count until it has been read), and each result is merged into the
 *	  queries' lists as it arrives.  Merging at once keeps one set of lists
 *	  in memory whatever the number of tiles; partial lists all come back
 *	  to this backend anyway, so a merge tree on the workers would only
 *	  ship them twice.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/memutils.h"

#include "engine/engine.h"
#include "guc.h"
#include "knn/knn.h"

typedef struct KnnJobTile
{
	KnnTile		tile;
	MemoryContext cxt;			/* holds the rows until the task is done */
} KnnJobTile;

typedef struct KnnJobState
{
	KnnCorpus  *corpus;
	MtMetric	metric;
	DeviceMode	device;
	const void *queries;
	int			nq;
	int			k;
	MtNeighbors *best;
	KnnJobTile *tiles;			/* per task; NULL cxt once done */
	int			capacity;
	MemoryContext cxt;			/* the job's */
} KnnJobState;

static KnnTaskHeader
task_header(KnnJobState *st, int task)
{
	KnnTaskHeader h;
	KnnTile    *t = &st->tiles[task].tile;

	memset(&h, 0, sizeof(h));
	h.dtype = st->corpus->dtype;
	h.metric = st->metric;
	h.dims = st->corpus->dims;
	h.nq = st->nq;
	h.k = st->k;
	h.threads = 1;
	h.nx = t->nrows;
	h.id_base = t->id_base;
	h.has_ids = t->ids != NULL;
	h.device = st->device;
	return h;
}

static Size
job_payload_bytes(void *arg, int task)
{
	KnnJobState *st = arg;
	KnnTaskHeader h = task_header(st, task);

	return knn_payload_bytes(&h);
}

static void
job_write_payload(void *arg, int task, char *dest, Size bytes)
{
	KnnJobState *st = arg;
	KnnTaskHeader h = task_header(st, task);
	KnnTile    *t = &st->tiles[task].tile;

	if (bytes != knn_payload_bytes(&h))
		elog(ERROR, "marsql knn payload size changed");
	knn_payload_write(dest, &h, st->queries, t->rows, t->ids);
}

static Size
job_result_bound(void *arg, int task)
{
	KnnJobState *st = arg;

	return knn_result_bytes(st->nq, knn_task_k(st->k, st->tiles[task].tile.nrows));
}

static void
release_tile(KnnJobState *st, int task)
{
	if (st->tiles[task].cxt != NULL)
	{
		MemoryContextDelete(st->tiles[task].cxt);
		st->tiles[task].cxt = NULL;
	}
}

static void
job_task_done(void *arg, int task, const char *result, int len)
{
	KnnJobState *st = arg;

	knn_result_merge(st->best, result, len);
	release_tile(st, task);
}

static void
job_task_failed(void *arg, int task, ErrorData *error)
{
	(void) error;				/* fail_fast: the engine raises it */
	release_tile((KnnJobState *) arg, task);
}

static char *
job_describe(void *arg, int task)
{
	KnnJobState *st = arg;

	return psprintf("%s tile %d (%lld rows)", st->corpus->label, task + 1,
					(long long) st->tiles[task].tile.nrows);
}

/* reads the next tile of the corpus as a new task */
static bool
job_more_tasks(void *arg, EngineJob *job)
{
	KnnJobState *st = arg;
	MemoryContext cxt,
				old;
	KnnTile		tile;
	bool		found;
	int			task;

	cxt = AllocSetContextCreate(st->cxt, "marsql knn tile", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	found = st->corpus->next_tile(st->corpus, &tile);
	MemoryContextSwitchTo(old);
	if (!found || tile.nrows == 0)
	{
		MemoryContextDelete(cxt);
		return found ? job_more_tasks(arg, job) : false;
	}
	old = MemoryContextSwitchTo(st->cxt);
	task = engine_append_task(job, knn_task_kind, true);
	if (job->task_capacity > st->capacity)
	{
		st->tiles = st->capacity ? repalloc(st->tiles, sizeof(KnnJobTile) * job->task_capacity)
			: palloc(sizeof(KnnJobTile) * job->task_capacity);
		st->capacity = job->task_capacity;
	}
	MemoryContextSwitchTo(old);
	st->tiles[task].tile = tile;
	st->tiles[task].cxt = cxt;
	return true;
}

void
knn_job_run(KnnCorpus *corpus, MtMetric metric, DeviceMode device,
			const void *queries, int nq, MtNeighbors *best)
{
	KnnJobState st;
	EngineJob	job;

	memset(&st, 0, sizeof(st));
	st.corpus = corpus;
	st.metric = metric;
	st.device = device;
	st.queries = queries;
	st.nq = nq;
	st.k = best->k;
	st.best = best;
	st.cxt = AllocSetContextCreate(CurrentMemoryContext, "marsql knn job",
								   ALLOCSET_DEFAULT_SIZES);

	memset(&job, 0, sizeof(job));
	job.label = corpus->label;
	job.ntasks = 0;
	job.tasks = NULL;
	job.max_workers = 0;
	job.fail_fast = true;
	job.prefetch = true;
	job.cb.payload_bytes = job_payload_bytes;
	job.cb.write_payload = job_write_payload;
	job.cb.task_done = job_task_done;
	job.cb.task_failed = job_task_failed;
	job.cb.task_log = engine_relay_message;
	job.cb.describe = job_describe;
	job.cb.result_bound = job_result_bound;
	job.cb.more_tasks = job_more_tasks;
	job.arg = &st;
	engine_run(&job);
	MemoryContextDelete(st.cxt);
}
