/*
 * tile_graph.c
 *	  Builds a graph of tile tasks and runs it on the engine (see
 *	  tile_graph.h).  A task's input blocks travel as coordinates where
 *	  the executor sees their storage as the caller does (tile_input.c
 *	  decides per operand, and the executor reads them with the caller's
 *	  snapshot); otherwise the calling backend reads them when the engine
 *	  asks for the payload.  Result tiles are written by the executors when
 *	  a worker made the result's storage (engine task 0 of the job,
 *	  tile_output.c), and the caller claims that storage in its own
 *	  transaction when the job is done; otherwise the caller creates the
 *	  storage and stores the tiles as tasks finish.  Either way the result
 *	  belongs to the caller's transaction.  Outputs that feed other tasks are held in
 *	  memory only until their last consumer has been sent; the engine runs
 *	  the lowest-numbered ready task first, so a graph whose tasks are
 *	  numbered depth first keeps few of them alive.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "executor/spi.h"
#include "portability/instr_time.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "chunked/tile_graph.h"
#include "engine/engine.h"
#include "guc.h"

TileGraph *
tile_graph_begin(const char *label)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "marsql tile graph",
											  ALLOCSET_DEFAULT_SIZES);
	TileGraph  *g = MemoryContextAllocZero(cxt, sizeof(TileGraph));

	g->label = label;
	g->cxt = cxt;
	g->task_cxt = AllocSetContextCreate(cxt, "marsql tile task", ALLOCSET_DEFAULT_SIZES);
	g->capacity = 16;
	g->tasks = MemoryContextAllocZero(cxt, sizeof(TileGraphTask) * g->capacity);
	g->max_workers = marsql_max_workers;
	return g;
}

int
tile_graph_add_source(TileGraph *g, TileSource *src, const char *name)
{
	if (g->nsources >= (int) lengthof(g->sources))
		elog(ERROR, "too many operands in a tile graph");
	g->sources[g->nsources] = src;
	g->source_names[g->nsources] = name;
	return g->nsources++;
}

ChunkedTensor *
tile_graph_create_result(TileGraph *g, const char *target, MtDtype dtype,
						 int ndim, const int64 *shape, const int64 *tile)
{
	MemoryContext old = MemoryContextSwitchTo(g->cxt);

	if (tile_graph_planning())
	{
		chunked_check_tiling(ndim, shape, tile);
		g->result = chunked_new(InvalidOid, dtype, ndim, shape, tile, target == NULL);
	}
	else
	{
		/* made when the graph runs; a bad target fails now, as before */
		chunked_check_tiling(ndim, shape, tile);
		g->result = chunked_new(InvalidOid, dtype, ndim, shape, tile, target == NULL);
		g->result_deferred = true;
		if (target != NULL)
		{
			char	   *relname;
			Oid			nspid;
			AclResult	acl;

			g->target = pstrdup(target);
			(void) chunked_creation_name(target, &relname, &nspid);
			acl = pg_namespace_aclcheck(nspid, GetUserId(), ACL_CREATE);
			if (acl != ACLCHECK_OK)
				aclcheck_error(acl, OBJECT_SCHEMA, get_namespace_name(nspid));
			if (OidIsValid(get_relname_relid(relname, nspid)))
				ereport(ERROR,
						(errcode(ERRCODE_DUPLICATE_TABLE),
						 errmsg("relation \"%s\" already exists", relname)));
			g->target_nspid = nspid;
			g->target_relname = pstrdup(relname);
		}
	}
	MemoryContextSwitchTo(old);
	return g->result;
}

ChunkedTensor *
tile_graph_result_now(TileGraph *g)
{
	if (g->result_deferred)
	{
		MemoryContext old = MemoryContextSwitchTo(g->cxt);
		ChunkedTensor *ct = chunked_create(g->target, (MtDtype) g->result->dtype,
										   g->result->ndim, CHUNKED_SHAPE(g->result),
										   CHUNKED_TILE(g->result));

		g->result->storage = ct->storage;
		g->result->flags = ct->flags;
		g->result_deferred = false;
		MemoryContextSwitchTo(old);
	}
	return g->result;
}

int
tile_graph_add_task(TileGraph *g, TileOp op, MtDtype dtype, int ninputs)
{
	TileGraphTask *t;

	/* what tile_task_run accepts */
	if (ninputs < 0 || ninputs > TILE_MAX_INPUTS)
		elog(ERROR, "a tile task of %d inputs", ninputs);
	if (g->ntasks == g->capacity)
	{
		if (g->capacity >= (int) (MaxAllocSize / sizeof(TileGraphTask) / 2))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many tile tasks in one operation"),
					 errhint("Use larger tiles (marsql.tile_bytes or an explicit tile shape).")));
		g->tasks = repalloc(g->tasks, sizeof(TileGraphTask) * g->capacity * 2);
		memset(g->tasks + g->capacity, 0, sizeof(TileGraphTask) * g->capacity);
		g->capacity *= 2;
	}
	t = &g->tasks[g->ntasks];
	memset(t, 0, sizeof(TileGraphTask));
	t->header.op = op;
	t->header.dtype = dtype;
	t->header.axis = -1;
	t->header.ninputs = ninputs;
	t->ninputs = ninputs;
	if (ninputs > 0)
		t->inputs = MemoryContextAllocZero(g->cxt, sizeof(TileInput) * ninputs);
	return g->ntasks++;
}

void
tile_graph_set_block(TileGraph *g, int task, int input, int source,
					 const int64 *lo, const int64 *hi, MtDtype dtype)
{
	TileInput  *in = &g->tasks[task].inputs[input];
	int			ndim = g->sources[source]->ndim;

	in->source = source;
	in->task = -1;
	in->dtype = dtype;
	for (int i = 0; i < ndim; i++)
	{
		in->lo[i] = lo[i];
		in->hi[i] = hi[i];
	}
}

double
tile_graph_block_elements(const TileGraph *g, const TileInput *in)
{
	double		n = 1;

	Assert(in->source >= 0);
	for (int i = 0; i < g->sources[in->source]->ndim; i++)
		n *= (double) (in->hi[i] - in->lo[i]);
	return n;
}

void
tile_graph_set_producer(TileGraph *g, int task, int input, int producer)
{
	TileInput  *in = &g->tasks[task].inputs[input];

	Assert(producer < task);
	in->source = -1;
	in->task = producer;
	g->tasks[producer].nconsumers++;
}

void
tile_graph_store_at(TileGraph *g, int task, const int64 *coords)
{
	TileGraphTask *t = &g->tasks[task];

	t->stored = true;
	for (int i = 0; i < g->result->ndim; i++)
		t->coords[i] = coords[i];
}

/* ---------- engine callbacks ---------- */

/*
 * A task's payload: its header, then each input's tensor image padded to
 * 8 bytes.  The size is known before any tile is read, so the engine can
 * have the payload written straight into the segment the worker maps.
 */
static Size
input_bytes(TileGraph *g, const TileInput *in)
{
	int			ndim;
	int64		extent[MT_MAX_DIMS];
	int64_t		count;
	size_t		bytes;
	MtError		err;

	if (in->source < 0)
	{
		const Tensor *out = g->tasks[in->task].output;

		if (out == NULL)
			elog(ERROR, "tile task %d has no output yet", in->task + 1);
		return TYPEALIGN(8, VARSIZE(out));
	}
	if (g->by_reference[in->source])
		return TYPEALIGN(8, sizeof(TileInputRef));
	/* the block's tensor image, sized as tensor_new_uninit sizes it */
	ndim = g->sources[in->source]->ndim;
	for (int i = 0; i < ndim; i++)
		extent[i] = in->hi[i] - in->lo[i];
	if (mt_shape_check(ndim, (const int64_t *) extent, in->dtype, &count, &bytes, &err) != MT_OK)
		tensor_report_error(&err, NULL);
	return TYPEALIGN(8, bytes);
}

static Size
graph_payload_bytes(void *arg, int e)
{
	TileGraph  *g = arg;
	int			task = e - g->task_offset;
	TileGraphTask *t = &g->tasks[Max(task, 0)];
	Size		bytes = MAXALIGN(sizeof(TileTaskHeader));
	bool		refs = false;

	if (task < 0)
		return bytes + MAXALIGN(sizeof(TileCreateRequest));

	for (int i = 0; i < t->ninputs; i++)
	{
		bytes += input_bytes(g, &t->inputs[i]);
		if (t->inputs[i].source >= 0 && g->by_reference[t->inputs[i].source])
			refs = true;
	}
	if (refs)
		bytes += g->read_context_bytes;
	return bytes;
}

/* copies a tensor image to dest + *offset, padded to 8 bytes */
static void
put_tensor(char *dest, Size bytes, Size *offset, const Tensor *t, Size expected)
{
	Size		size = VARSIZE(t);

	if (TYPEALIGN(8, size) != expected || *offset + expected > bytes)
		elog(ERROR, "tile task input of %zu bytes where %zu were expected", size, expected);
	memcpy(dest + *offset, t, size);
	memset(dest + *offset + size, 0, expected - size);
	*offset += expected;
}

static void
graph_write_payload(void *arg, int e, char *dest, Size bytes)
{
	TileGraph  *g = arg;
	int			task = e - g->task_offset;
	TileGraphTask *t;
	MemoryContext old;
	Size		offset = MAXALIGN(sizeof(TileTaskHeader));
	instr_time	start,
				spent;
	TileTaskHeader header;

	if (bytes < offset)
		elog(ERROR, "tile task payload too small");
	memset(dest, 0, offset);
	if (task < 0)
	{
		/* the task that makes the result's storage */
		if (bytes != offset + MAXALIGN(sizeof(TileCreateRequest)))
			elog(ERROR, "tile create task payload of the wrong size");
		memset(&header, 0, sizeof(header));
		header.op = TILE_CREATE;
		header.axis = -1;
		memcpy(dest, &header, sizeof(header));
		memset(dest + offset, 0, bytes - offset);
		memcpy(dest + offset, &g->create, sizeof(TileCreateRequest));
		return;
	}
	t = &g->tasks[task];
	header = t->header;
	old = MemoryContextSwitchTo(g->task_cxt);
	INSTR_TIME_SET_CURRENT(start);
	/* tiles this payload takes from the cache stay until it is written */
	tile_cache_new_scope();
	for (int i = 0; i < t->ninputs; i++)
	{
		if (t->inputs[i].source >= 0 && g->by_reference[t->inputs[i].source])
			tile_set_input_ref(&header, i);
	}
	/* a stored tile of detached storage: its executor writes it */
	t->written = t->stored && g->detached;
	memset(&header.output, 0, sizeof(TileOutput));
	if (t->written)
	{
		header.output.storage = g->result->storage;
		header.output.ndim = g->result->ndim;
		for (int i = 0; i < g->result->ndim; i++)
			header.output.coords[i] = t->coords[i];
	}
	if (tile_input_is_ref_any(&header))
	{
		header.flags |= TILE_FLAG_INPUT_REFS;
		if (offset + g->read_context_bytes > bytes)
			elog(ERROR, "tile task payload too small");
		memcpy(dest + offset, g->read_context, g->read_context_bytes);
		offset += g->read_context_bytes;
	}
	memcpy(dest, &header, sizeof(TileTaskHeader));
	for (int i = 0; i < t->ninputs; i++)
	{
		TileInput  *in = &t->inputs[i];
		Size		expected = input_bytes(g, in);

		if (in->source >= 0 && g->by_reference[in->source])
		{
			const TileSource *src = g->sources[in->source];
			TileInputRef ref;

			/* coordinates: the executor reads the block */
			memset(&ref, 0, sizeof(ref));
			ref.storage = src->ct->storage;
			ref.ndim = src->ndim;
			ref.dtype = src->dtype;
			ref.read_dtype = in->dtype;
			for (int d = 0; d < src->ndim; d++)
			{
				ref.shape[d] = src->shape[d];
				ref.tile[d] = src->grid.tile[d];
				ref.lo[d] = in->lo[d];
				ref.hi[d] = in->hi[d];
			}
			if (offset + expected > bytes)
				elog(ERROR, "tile task payload too small");
			memset(dest + offset, 0, expected);
			memcpy(dest + offset, &ref, sizeof(ref));
			offset += expected;
		}
		else if (in->source >= 0)
		{
			/* a whole stored tile comes from the cache as it is */
			put_tensor(dest, bytes, &offset,
					   tile_source_read_block(g->sources[in->source], in->lo, in->hi,
											  in->dtype),
					   expected);
			MemoryContextReset(g->task_cxt);
		}
		else
		{
			TileGraphTask *p = &g->tasks[in->task];

			put_tensor(dest, bytes, &offset, p->output, expected);
			if (--p->nconsumers == 0)
			{
				pfree(p->output);
				p->output = NULL;
			}
		}
	}
	if (offset != bytes)
		elog(ERROR, "tile task payload of %zu bytes where %zu were expected", offset, bytes);
	MemoryContextSwitchTo(old);
	MemoryContextReset(g->task_cxt);
	INSTR_TIME_SET_CURRENT(spent);
	INSTR_TIME_SUBTRACT(spent, start);
	g->read_seconds += INSTR_TIME_GET_DOUBLE(spent);
}

static void
graph_task_started(void *arg, int e, const char *executor)
{
	TileGraph  *g = arg;
	int			task = e - g->task_offset;

	if (task < 0)
		return;

	g->tasks[task].executor = MemoryContextStrdup(g->cxt, executor);
	g->tasks[task].started = GetCurrentTimestamp();
}

static void
graph_task_done(void *arg, int e, const char *result, int len)
{
	TileGraph  *g = arg;
	int			task = e - g->task_offset;
	TileGraphTask *t;
	Tensor	   *out;

	if (task < 0)
	{
		uint64		relid;

		if (len != (int) sizeof(relid))
			elog(ERROR, "malformed tile create task result");
		memcpy(&relid, result, sizeof(relid));
		if (relid != InvalidOid)
		{
			g->result->storage = (Oid) relid;
			g->result_deferred = false;
			g->detached = true;
		}
		else
			(void) tile_graph_result_now(g);	/* it ran in this backend */
		return;
	}
	t = &g->tasks[task];
	t->finished = GetCurrentTimestamp();
	if (t->written)
	{
		TileTaskTrailer trailer;

		/* its executor wrote the tile: only the trailer came back */
		if (len != (int) sizeof(TileTaskTrailer))
			elog(ERROR, "malformed tile task result");
		memcpy(&trailer, result, sizeof(trailer));
		if (trailer.magic != TILE_TRAILER_MAGIC)
			elog(ERROR, "malformed tile task result");
		if (t->executor == NULL || strcmp(t->executor, "backend") != 0)
		{
			TileReadStats r = {trailer.reads, trailer.hits, trailer.bytes, trailer.seconds};

			tile_read_stats_add(&g->executor_reads, &r);
		}
		g->tiles_written++;
		return;
	}
	if (len < (int) MT_HEADER_BYTES(0) || (int) VARSIZE(result) > len ||
		TYPEALIGN(8, VARSIZE(result)) + sizeof(TileTaskTrailer) != (Size) len)
		elog(ERROR, "malformed tile task result");
	{
		TileTaskTrailer trailer;

		memcpy(&trailer, result + TYPEALIGN(8, VARSIZE(result)), sizeof(trailer));
		if (trailer.magic != TILE_TRAILER_MAGIC)
			elog(ERROR, "malformed tile task result");
		/* a task the caller ran counted in the caller's own figures */
		if (t->executor == NULL || strcmp(t->executor, "backend") != 0)
		{
			TileReadStats r = {trailer.reads, trailer.hits, trailer.bytes, trailer.seconds};

			tile_read_stats_add(&g->executor_reads, &r);
		}
	}
	len = (int) VARSIZE(result);
	if (t->stored)
	{
		MemoryContext old = MemoryContextSwitchTo(g->task_cxt);
		instr_time	start,
					spent;

		/* stored from where the engine holds it, when that is aligned */
		if ((uintptr_t) result % MAXIMUM_ALIGNOF == 0)
			out = (Tensor *) result;
		else
		{
			out = palloc(len);
			memcpy(out, result, len);
		}
		MemoryContextSwitchTo(old);
		INSTR_TIME_SET_CURRENT(start);
		if (g->result_store == NULL)
		{
			old = MemoryContextSwitchTo(g->cxt);
			g->result_store = tile_store_open(g->result);
			MemoryContextSwitchTo(old);
		}
		tile_store_write(g->result_store, t->coords, out);
		MemoryContextReset(g->task_cxt);
		INSTR_TIME_SET_CURRENT(spent);
		INSTR_TIME_SUBTRACT(spent, start);
		g->store_seconds += INSTR_TIME_GET_DOUBLE(spent);
	}
	else
	{
		out = MemoryContextAlloc(g->cxt, len);
		memcpy(out, result, len);
		if (t->nconsumers > 0)
			t->output = out;
		else
			g->final_output = out;
	}
}

static void
graph_task_failed(void *arg, int task, ErrorData *error)
{
	(void) arg;
	(void) task;
	(void) error;
	/* fail_fast: the engine raises the error */
}

const char *
tile_op_name(int op)
{
	switch ((TileOp) op)
	{
		case TILE_GEMM:
			return "gemm";
		case TILE_SUM:
			return "sum";
		case TILE_BINARY:
			return "binary";
		case TILE_UNARY:
			return "unary";
		case TILE_REDUCE:
			return "reduce";
		case TILE_MERGE:
			return "merge";
		case TILE_TRANSPOSE:
			return "transpose";
		case TILE_GENERATE:
			return "generate";
		case TILE_CREATE:
			return "create";
	}
	return "?";
}

int
tile_graph_fanin(double input_bytes, int min)
{
	/* a payload is one allocation; leave room for headers and padding */
	double		room = (double) (MaxAllocSize - 1024 * 1024);
	int			fanin = marsql_reduce_fanin;

	Assert(fanin >= 2 && fanin <= MARSQL_MAX_REDUCE_FANIN);
	if (input_bytes > 0 && fanin * input_bytes > room)
		fanin = Max(min, (int) (room / input_bytes));
	return Min(fanin, marsql_reduce_fanin);
}

int
tile_graph_add_tree(TileGraph *g, TileOp op, MtDtype dtype, int *level, int nlevel,
					int fanin, const TileTaskHeader *like)
{
	/*
	 * `like` may point into g->tasks, which tile_graph_add_task moves when it
	 * grows: copy what the new tasks take from it first.
	 */
	bool		has_like = like != NULL;
	int32		like_code = has_like ? like->code : 0;
	double		like_param = has_like ? like->param : 0;

	while (nlevel > 1)
	{
		int			next = 0;

		for (int i = 0; i < nlevel; i += fanin)
		{
			int			width = Min(fanin, nlevel - i);
			int			task;

			if (width == 1)
			{
				level[next++] = level[i];
				continue;
			}
			task = tile_graph_add_task(g, op, dtype, width);
			if (has_like)
			{
				g->tasks[task].header.code = like_code;
				g->tasks[task].header.param = like_param;
			}
			for (int j = 0; j < width; j++)
				tile_graph_set_producer(g, task, j, level[i + j]);
			level[next++] = task;
		}
		nlevel = next;
	}
	return level[0];
}

static char *
graph_describe(void *arg, int e)
{
	TileGraph  *g = arg;
	int			task = e - g->task_offset;
	TileGraphTask *t;

	if (task < 0)
		return psprintf("%s task that creates the result table", g->label);
	t = &g->tasks[task];

	if (t->stored)
	{
		StringInfoData buf;

		initStringInfo(&buf);
		appendStringInfo(&buf, "%s tile task %d of %d (%s for tile (", g->label,
						 task + 1, g->ntasks, tile_op_name(t->header.op));
		for (int i = 0; i < g->result->ndim; i++)
			appendStringInfo(&buf, "%s" INT64_FORMAT, i ? ", " : "", t->coords[i]);
		appendStringInfoString(&buf, "))");
		return buf.data;
	}
	return psprintf("%s tile task %d of %d (%s)", g->label, task + 1, g->ntasks,
					tile_op_name(t->header.op));
}

/* the output tensor's image; reduction states are larger than out_bytes */
static Size
graph_result_bound(void *arg, int e)
{
	TileGraph  *g = arg;
	int			task = e - g->task_offset;
	TileGraphTask *t;
	int64		data;

	if (task < 0)
		return 64;
	t = &g->tasks[task];
	data = t->out_bytes;

	if (t->header.op == TILE_REDUCE || t->header.op == TILE_MERGE)
		data *= 3;
	return (Size) (MT_HEADER_BYTES(MT_MAX_DIMS) + data + 8 + sizeof(TileTaskTrailer));
}

static void remember_reads(const TileGraph *g);

/*
 * The graph's estimate for the engine's cost model (EngineJob.est_seconds,
 * marsql.inline_below): its flops at conservative one-core rates, plus the
 * tiles it reads from storage and writes into the result's storage.
 * Products run at 20 GFLOP/s (OpenBLAS does sgemm at ~75 and dgemm at ~36
 * on one core of the machines measured), everything else, bound by memory,
 * at 1 GFLOP/s.  Stored tiles move at 100 MB/s either way (TOAST reads run
 * at 140-250 MB/s here), counted per task, so a tile two tasks read counts
 * twice.  Every graph reads or writes something, so every graph has an
 * estimate: a fill, a transpose or a rechunk of a few tiles runs in the
 * calling backend like any other small job.  An estimate that errs high
 * only means starting workers.
 */
#define TILE_GEMM_FLOPS_PER_SECOND 20e9
#define TILE_OTHER_FLOPS_PER_SECOND 1e9
#define TILE_STORAGE_BYTES_PER_SECOND 100e6

/* bytes of the task's inputs that are read from stored tiles */
static double
task_stored_input_bytes(const TileGraph *g, const TileGraphTask *t)
{
	double		bytes = 0;

	for (int i = 0; i < t->ninputs; i++)
	{
		const TileInput *in = &t->inputs[i];

		if (in->source < 0 || g->sources[in->source]->ct == NULL)
			continue;
		bytes += tile_graph_block_elements(g, in) * mt_dtype_size(g->sources[in->source]->dtype);
	}
	return bytes;
}

static double
graph_est_seconds(const TileGraph *g)
{
	double		seconds = 0;

	for (int i = 0; i < g->ntasks; i++)
	{
		const TileGraphTask *t = &g->tasks[i];
		double		moved = task_stored_input_bytes(g, t);

		if (t->stored)
			moved += (double) t->out_bytes;
		seconds += t->flops /
			(t->header.op == TILE_GEMM
			 ? TILE_GEMM_FLOPS_PER_SECOND : TILE_OTHER_FLOPS_PER_SECOND);
		seconds += moved / TILE_STORAGE_BYTES_PER_SECOND;
	}
	return seconds;
}

static const EngineCallbacks graph_callbacks = {
	.payload_bytes = graph_payload_bytes,
	.write_payload = graph_write_payload,
	.task_started = graph_task_started,
	.task_done = graph_task_done,
	.task_failed = graph_task_failed,
	.task_log = engine_relay_message,
	.describe = graph_describe,
	.result_bound = graph_result_bound,
};

Tensor *
tile_graph_run(TileGraph *g)
{
	EngineJob	job;
	bool		analyze = false;
	bool		explaining = chunked_explain_active(&analyze);
	MemoryContext caller = CurrentMemoryContext;
	int			gemm_tasks = 0;
	uint64		job_number;
	TileReadStats before;
	instr_time	started,
				ended;

	for (int i = 0; i < g->ntasks; i++)
	{
		if (g->tasks[i].header.op == TILE_GEMM)
			gemm_tasks++;
	}
	if (gemm_tasks > 0)
	{
		int			workers = Min(g->max_workers, gemm_tasks);
		int			threads = workers > 0 ? Max(1, marsql_blas_threads / workers)
			: marsql_blas_threads;

		for (int i = 0; i < g->ntasks; i++)
		{
			g->tasks[i].header.threads = threads;
			if (g->tasks[i].header.op == TILE_GEMM)
				g->tasks[i].header.flags |= tile_device_flags(marsql_device);
		}
	}

	if (explaining && !analyze)
	{
		chunked_explain_record(g, false);
		return NULL;
	}
	if (g->result_deferred)
	{
		bool		stored = false;

		for (int i = 0; i < g->ntasks && !stored; i++)
			stored = g->tasks[i].stored;
		/* workers make the storage and write the tiles, or the caller does */
		if (stored && g->max_workers > 0 &&
			tile_output_usable(chunked_total_bytes(g->result)) &&
			(g->target == NULL ||
			 (!isAnyTempNamespace(g->target_nspid) &&
			  g->target_nspid != get_namespace_oid(SPOOL_SCHEMA, true))))
		{
			result_cleanup_maybe_sweep();
			tile_output_request(&g->create, g->target != NULL);
			g->task_offset = 1;
		}
		else
			(void) tile_graph_result_now(g);
	}
	if (g->ntasks == 0)
		return NULL;

	/* which operands executors read themselves */
	for (int s = 0; s < g->nsources; s++)
	{
		const TileSource *src = g->sources[s];

		g->by_reference[s] = false;
		if (src->ct == NULL)
			g->by_value_reason[s] = "a value";
		else if (!OidIsValid(src->ct->storage))
			g->by_value_reason[s] = "planned";
		else
			g->by_reference[s] = tile_input_by_reference(src->ct, &g->by_value_reason[s]);
	}

	for (int i = 0; i < g->ntasks; i++)
	{
		TileGraphTask *t = &g->tasks[i];

		for (int j = 0; j < t->ninputs; j++)
		{
			if (t->inputs[j].source >= 0 && g->by_reference[t->inputs[j].source])
			{
				g->tasks_by_reference++;
				break;
			}
		}
	}
	job_number = tile_input_next_job();
	if (g->tasks_by_reference > 0)
	{
		MemoryContext old = MemoryContextSwitchTo(g->cxt);

		/* the active snapshot stays held, active, until the job ends */
		g->read_context = tile_input_read_context(job_number, &g->read_context_bytes);
		MemoryContextSwitchTo(old);
	}

	memset(&job, 0, sizeof(job));
	job.label = g->label;
	job.ntasks = g->ntasks + g->task_offset;
	job.tasks = MemoryContextAllocZero(g->cxt, sizeof(EngineTask) * job.ntasks);
	job.max_workers = g->max_workers > 0 ? g->max_workers : 0;
	job.fail_fast = true;
	job.prefetch = true;
	job.est_seconds = graph_est_seconds(g);
	job.number = job_number;
	job.cb = graph_callbacks;
	job.arg = g;
	if (g->task_offset > 0)
	{
		/* task 0 makes the storage; rerun, it would find its table made */
		job.tasks[0].kind = tile_task_kind;
		job.tasks[0].idempotent = false;
	}
	for (int i = 0; i < g->ntasks; i++)
	{
		TileGraphTask *t = &g->tasks[i];
		EngineTask *e = &job.tasks[i + g->task_offset];

		e->kind = tile_task_kind;
		e->idempotent = true;
		e->deps = MemoryContextAlloc(g->cxt, sizeof(int) * (t->ninputs + 1));
		for (int j = 0; j < t->ninputs; j++)
		{
			if (t->inputs[j].source < 0)
				e->deps[e->ndeps++] = t->inputs[j].task + g->task_offset;
		}
		/* a stored tile waits for the storage */
		if (t->stored && g->task_offset > 0)
			e->deps[e->ndeps++] = 0;
	}

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(caller);
	tile_cache_begin_job(MyProcPid, job_number);
	before = tile_read_stats;
	INSTR_TIME_SET_CURRENT(started);
	PG_TRY();
	{
		engine_run(&job);
	}
	PG_FINALLY();
	{
		tile_cache_end_job();
		tile_cache_drop_job(job_number);
	}
	PG_END_TRY();
	INSTR_TIME_SET_CURRENT(ended);
	INSTR_TIME_SUBTRACT(ended, started);
	g->run_seconds = INSTR_TIME_GET_DOUBLE(ended);
	if (explaining)
	{
		StringInfoData how;
		MemoryContext old = MemoryContextSwitchTo(g->cxt);

		initStringInfo(&how);
		engine_describe_run(&job, &how);
		g->how_ran = how.data;
		MemoryContextSwitchTo(old);
	}
	tile_read_stats_delta(&before, &g->caller_reads);
	if (g->detached)
	{
		/* the result becomes the caller's, in the caller's transaction */
		INSTR_TIME_SET_CURRENT(started);
		tile_output_claim(g->result, g->result->storage, g->target != NULL,
						  g->target_nspid, g->target_relname);
		INSTR_TIME_SET_CURRENT(ended);
		INSTR_TIME_SUBTRACT(ended, started);
		g->store_seconds += INSTR_TIME_GET_DOUBLE(ended);
	}
	SPI_finish();
	MemoryContextSwitchTo(caller);
	remember_reads(g);
	if (explaining)
		chunked_explain_record(g, true);
	return g->final_output;
}

/* ---------- the last run's reads, for marsql.tile_cache_stats() ---------- */

static struct
{
	bool		valid;
	char		label[64];
	char		path[64];
	TileReadStats caller;
	TileReadStats executors;
	double		run_seconds;
} last_reads;

const char *
tile_graph_read_path(const TileGraph *g)
{
	int			by_reference = 0,
				stored = 0;

	for (int s = 0; s < g->nsources; s++)
	{
		if (g->sources[s]->ct != NULL)
		{
			stored++;
			if (g->by_reference[s])
				by_reference++;
		}
	}
	if (stored == 0)
		return "values";
	if (by_reference == stored)
		return "by reference";
	if (by_reference == 0)
		return "by value";
	return "mixed";
}

static void
remember_reads(const TileGraph *g)
{
	last_reads.valid = true;
	strlcpy(last_reads.label, g->label, sizeof(last_reads.label));
	strlcpy(last_reads.path, tile_graph_read_path(g), sizeof(last_reads.path));
	last_reads.caller = g->caller_reads;
	last_reads.executors = g->executor_reads;
	last_reads.run_seconds = g->run_seconds;
}

bool
tile_graph_last_reads(char **label, char **path, TileReadStats *caller,
					  TileReadStats *executors, double *run_seconds)
{
	if (!last_reads.valid)
		return false;
	*label = pstrdup(last_reads.label);
	*path = pstrdup(last_reads.path);
	*caller = last_reads.caller;
	*executors = last_reads.executors;
	*run_seconds = last_reads.run_seconds;
	return true;
}
