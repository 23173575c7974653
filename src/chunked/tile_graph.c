/*
 * tile_graph.c
 *	  Builds a graph of tile tasks and runs it on the engine (see
 *	  tile_graph.h).  The calling backend reads a task's input blocks when
 *	  the engine asks for its payload.  Result tiles are written by the
 *	  executors when a worker made the result's storage (engine task 0 of
 *	  the job, tile_output.c), and the caller claims that storage in its
 *	  own transaction when the job is done; otherwise the caller creates
 *	  the storage and stores the tiles as tasks finish.  Either way the
 *	  result belongs to the caller's transaction.  Outputs that feed other tasks are held in
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

	if (task < 0)
		return bytes + MAXALIGN(sizeof(TileCreateRequest));

	for (int i = 0; i < t->ninputs; i++)
		bytes += input_bytes(g, &t->inputs[i]);
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

	if (bytes < offset)
		elog(ERROR, "tile task payload too small");
	memset(dest, 0, offset);
	if (task < 0)
	{
		TileTaskHeader h;

		/* the task that makes the result's storage */
		if (bytes != offset + MAXALIGN(sizeof(TileCreateRequest)))
			elog(ERROR, "tile create task payload of the wrong size");
		memset(&h, 0, sizeof(h));
		h.op = TILE_CREATE;
		h.axis = -1;
		memcpy(dest, &h, sizeof(h));
		memset(dest + offset, 0, bytes - offset);
		memcpy(dest + offset, &g->create, sizeof(TileCreateRequest));
		return;
	}
	t = &g->tasks[task];
	old = MemoryContextSwitchTo(g->task_cxt);
	INSTR_TIME_SET_CURRENT(start);
	{
		TileTaskHeader h = t->header;

		/* a stored tile of detached storage: its executor writes it */
		t->written = t->stored && g->detached;
		memset(&h.output, 0, sizeof(TileOutput));
		if (t->written)
		{
			h.output.storage = g->result->storage;
			h.output.ndim = g->result->ndim;
			for (int i = 0; i < g->result->ndim; i++)
				h.output.coords[i] = t->coords[i];
		}
		memcpy(dest, &h, sizeof(TileTaskHeader));
	}
	for (int i = 0; i < t->ninputs; i++)
	{
		TileInput  *in = &t->inputs[i];
		Size		expected = input_bytes(g, in);

		if (in->source >= 0)
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
		g->tiles_written++;
		return;
	}
	if (len < (int) MT_HEADER_BYTES(0) || (int) VARSIZE(result) != len)
		elog(ERROR, "malformed tile task result");
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
	return (Size) (MT_HEADER_BYTES(MT_MAX_DIMS) + data);
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
		if (stored && g->max_workers > 0 && tile_output_usable() &&
			(g->target == NULL || !isAnyTempNamespace(g->target_nspid)))
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

	memset(&job, 0, sizeof(job));
	job.label = g->label;
	job.ntasks = g->ntasks + g->task_offset;
	job.tasks = MemoryContextAllocZero(g->cxt, sizeof(EngineTask) * job.ntasks);
	job.max_workers = g->max_workers > 0 ? g->max_workers : 0;
	job.fail_fast = true;
	job.prefetch = true;
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
	INSTR_TIME_SET_CURRENT(started);
	engine_run(&job);
	INSTR_TIME_SET_CURRENT(ended);
	INSTR_TIME_SUBTRACT(ended, started);
	g->run_seconds = INSTR_TIME_GET_DOUBLE(ended);
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
	if (explaining)
		chunked_explain_record(g, true);
	return g->final_output;
}
