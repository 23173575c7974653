/*
 * chunked_explain.c
 *	  marsql.explain(query, format, analyze): the tile graphs a query's
 *	  chunked operations build, as text lines or one Graphviz DOT graph.
 *	  Without analyze the query runs with every chunked operation planned
 *	  only: it builds its graph, records it and returns a planned
 *	  descriptor (no storage), which later operations in the query plan
 *	  against.  With analyze the operations run, and each task shows the
 *	  executor it ran on and its time.
 *
 *	  The query must be one SELECT that neither writes nor locks rows.
 *	  Planned, it runs read-only (transaction_read_only) in a subtransaction
 *	  that is rolled back: whatever a function it calls tries to write fails
 *	  with 25006, and writes to temporary tables, which read-only
 *	  transactions allow, are undone.
 */
#include "postgres.h"

#include "access/xact.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "nodes/nodeFuncs.h"
#include "tcop/tcopprot.h"
#include "tcop/utility.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/plancache.h"
#include "utils/resowner.h"
#include "utils/timestamp.h"

#include "chunked/tile_graph.h"

PG_FUNCTION_INFO_V1(chunked_explain);
PG_FUNCTION_INFO_V1(chunked_tile_cache_stats);

typedef struct ExplainState
{
	bool		analyze;
	bool		dot;
	int			ngraphs;
	StringInfoData out;			/* text lines, or the DOT body */
	MemoryContext cxt;
} ExplainState;

static ExplainState *explain_state = NULL;

bool
chunked_explain_active(bool *analyze)
{
	if (explain_state == NULL)
		return false;
	*analyze = explain_state->analyze;
	return true;
}

bool
tile_graph_planning(void)
{
	return explain_state != NULL && !explain_state->analyze;
}

static void
format_bytes(StringInfo buf, double bytes)
{
	if (bytes >= 1024.0 * 1024 * 1024)
		appendStringInfo(buf, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
	else if (bytes >= 1024.0 * 1024)
		appendStringInfo(buf, "%.1f MB", bytes / (1024.0 * 1024));
	else
		appendStringInfo(buf, "%.1f kB", bytes / 1024.0);
}

static double
block_bytes(TileGraph *g, const TileInput *in)
{
	if (in->source < 0)
		return (double) g->tasks[in->task].out_bytes;
	return tile_graph_block_elements(g, in) * mt_dtype_size(in->dtype);
}

static void
describe_input(StringInfo buf, TileGraph *g, const TileInput *in)
{
	if (in->source < 0)
	{
		appendStringInfo(buf, "task %d", in->task + 1);
		return;
	}
	appendStringInfo(buf, "%s[", g->source_names[in->source]);
	for (int i = 0; i < g->sources[in->source]->ndim; i++)
		appendStringInfo(buf, "%s" INT64_FORMAT ":" INT64_FORMAT, i ? ", " : "",
						 in->lo[i], in->hi[i]);
	appendStringInfoChar(buf, ']');
}

/*
 * The inputs of a task; a gemm's pairs of inner tiles show as the two
 * panels they make up, a[rows, inner] and b[inner, cols].
 */
static void
describe_inputs(StringInfo buf, TileGraph *g, const TileGraphTask *t)
{
	if (t->header.op == TILE_GEMM && t->ninputs > 2)
	{
		for (int side = 0; side < 2; side++)
		{
			TileInput	span = t->inputs[side];

			for (int j = side + 2; j < t->ninputs; j += 2)
			{
				for (int i = 0; i < g->sources[span.source]->ndim; i++)
				{
					span.lo[i] = Min(span.lo[i], t->inputs[j].lo[i]);
					span.hi[i] = Max(span.hi[i], t->inputs[j].hi[i]);
				}
			}
			appendStringInfoString(buf, side ? ", " : " ");
			describe_input(buf, g, &span);
		}
		return;
	}
	for (int j = 0; j < t->ninputs; j++)
	{
		appendStringInfoString(buf, j ? ", " : " ");
		describe_input(buf, g, &t->inputs[j]);
	}
}

static void
describe_operand(StringInfo buf, TileSource *src)
{
	if (src->ct != NULL)
	{
		appendStringInfoString(buf, chunked_describe(src->ct));
		if (OidIsValid(src->ct->storage))
			appendStringInfo(buf, " in %s", get_rel_name(src->ct->storage));
		else
			appendStringInfoString(buf, " (planned)");
	}
	else
	{
		appendStringInfo(buf, "tensor %s (", mt_dtype_name(src->dtype));
		for (int i = 0; i < src->ndim; i++)
			appendStringInfo(buf, "%s" INT64_FORMAT, i ? ", " : "", src->shape[i]);
		appendStringInfoChar(buf, ')');
	}
}

static void
record_text(ExplainState *es, TileGraph *g, bool ran)
{
	StringInfo	out = &es->out;
	double		reads = 0,
				writes = 0,
				flops = 0,
				largest = 0;
	int			stored = 0;

	for (int i = 0; i < g->ntasks; i++)
	{
		TileGraphTask *t = &g->tasks[i];
		double		held = t->out_bytes;

		for (int j = 0; j < t->ninputs; j++)
		{
			held += block_bytes(g, &t->inputs[j]);
			if (t->inputs[j].source >= 0)
				reads += block_bytes(g, &t->inputs[j]);
		}
		if (t->stored)
		{
			writes += t->out_bytes;
			stored++;
		}
		flops += t->flops;
		largest = Max(largest, held);
	}

	appendStringInfo(out, "%s: %d tasks, %d tiles stored, on up to %d workers\n",
					 g->label, g->ntasks, stored, g->max_workers);
	if (g->result)
	{
		appendStringInfoString(out, "  result: ");
		appendStringInfoString(out, chunked_describe(g->result));
		if (ran && OidIsValid(g->result->storage))
			appendStringInfo(out, " in %s", get_rel_name(g->result->storage));
		appendStringInfoChar(out, '\n');
	}
	for (int s = 0; s < g->nsources; s++)
	{
		appendStringInfo(out, "  %s: ", g->source_names[s]);
		describe_operand(out, g->sources[s]);
		if (ran && g->sources[s]->ct != NULL)
		{
			if (g->by_reference[s])
				appendStringInfoString(out, ", read by the executors");
			else
				appendStringInfo(out, ", read by the calling backend (%s)",
								 g->by_value_reason[s]);
		}
		appendStringInfoChar(out, '\n');
	}
	appendStringInfoString(out, "  reads ");
	format_bytes(out, reads);
	appendStringInfoString(out, ", writes ");
	format_bytes(out, writes);
	appendStringInfo(out, ", %.3g GFLOP; the largest task holds ", flops / 1e9);
	format_bytes(out, largest);
	appendStringInfoChar(out, '\n');
	if (ran)
	{
		int64		nreads = g->caller_reads.reads + g->executor_reads.reads;
		int64		nhits = g->caller_reads.hits + g->executor_reads.hits;

		if (g->how_ran)
			appendStringInfo(out, "  ran %s\n", g->how_ran);
		appendStringInfo(out, "  ran %.3f s; the calling backend read tiles for %.3f s and stored tiles for %.3f s",
						 g->run_seconds, g->read_seconds, g->store_seconds);
		/* tile_output.c: storage a worker made, tiles its executors wrote */
		if (g->detached)
			appendStringInfo(out, "; the executors wrote %d result tiles themselves", g->tiles_written);
		appendStringInfoChar(out, '\n');
		appendStringInfo(out, "  tile reads: " INT64_FORMAT ", cache hits: " INT64_FORMAT
						 " (hit rate %.1f%%); reading took %.3f s in the calling backend, %.3f s in executors\n",
						 nreads, nhits, nreads + nhits > 0 ? 100.0 * nhits / (nreads + nhits) : 0.0,
						 g->caller_reads.seconds, g->executor_reads.seconds);
	}

	for (int i = 0; i < g->ntasks; i++)
	{
		TileGraphTask *t = &g->tasks[i];

		appendStringInfo(out, "  task %d: %s", i + 1, tile_op_name(t->header.op));
		describe_inputs(out, g, t);
		if (t->stored)
		{
			appendStringInfoString(out, " -> tile (");
			for (int d = 0; d < g->result->ndim; d++)
				appendStringInfo(out, "%s" INT64_FORMAT, d ? ", " : "", t->coords[d]);
			appendStringInfoChar(out, ')');
		}
		appendStringInfoString(out, ", ");
		format_bytes(out, t->out_bytes);
		if (ran && t->executor)
			appendStringInfo(out, ", on %s, %.3f s", t->executor,
							 (double) (t->finished - t->started) / 1e6);
		appendStringInfoChar(out, '\n');
	}
}

static void
record_dot(ExplainState *es, TileGraph *g, bool ran)
{
	StringInfo	out = &es->out;
	int			n = es->ngraphs;

	if (ran && g->how_ran)
		appendStringInfo(out, "  subgraph cluster_%d {\n    label=\"%s\\nran %s\";\n", n,
						 g->label, g->how_ran);
	else
		appendStringInfo(out, "  subgraph cluster_%d {\n    label=\"%s\";\n", n, g->label);
	for (int s = 0; s < g->nsources; s++)
		appendStringInfo(out, "    g%d_%s [shape=ellipse, label=\"%s\"];\n", n,
						 g->source_names[s], g->source_names[s]);
	if (g->result)
		appendStringInfo(out, "    g%d_result [shape=ellipse, label=\"result\\n%s\"];\n", n,
						 chunked_describe(g->result));
	for (int i = 0; i < g->ntasks; i++)
	{
		TileGraphTask *t = &g->tasks[i];
		StringInfoData label;
		bool		seen[4] = {false, false, false, false};

		initStringInfo(&label);
		appendStringInfo(&label, "%d: %s\\n", i + 1, tile_op_name(t->header.op));
		format_bytes(&label, t->out_bytes);
		if (ran && t->executor)
			appendStringInfo(&label, "\\n%s", t->executor);
		appendStringInfo(out, "    g%d_t%d [shape=box, label=\"%s\"];\n", n, i + 1, label.data);
		for (int j = 0; j < t->ninputs; j++)
		{
			TileInput  *in = &t->inputs[j];

			if (in->source < 0)
				appendStringInfo(out, "    g%d_t%d -> g%d_t%d;\n", n, in->task + 1, n, i + 1);
			else if (!seen[in->source])
			{
				seen[in->source] = true;
				appendStringInfo(out, "    g%d_%s -> g%d_t%d;\n", n,
								 g->source_names[in->source], n, i + 1);
			}
		}
		if (t->stored)
			appendStringInfo(out, "    g%d_t%d -> g%d_result;\n", n, i + 1, n);
	}
	appendStringInfoString(out, "  }\n");
}

void
chunked_explain_record(TileGraph *g, bool ran)
{
	ExplainState *es = explain_state;
	MemoryContext old;

	if (es == NULL)
		return;
	old = MemoryContextSwitchTo(es->cxt);
	if (es->dot)
		record_dot(es, g, ran);
	else
		record_text(es, g, ran);
	es->ngraphs++;
	MemoryContextSwitchTo(old);
}

/* a copy done tile by tile in the calling backend (chunk, rechunk) */
void
chunked_explain_copy(const char *label, const ChunkedTensor *result, bool ran)
{
	ExplainState *es = explain_state;
	MemoryContext old;
	MtTileGrid	grid;

	if (es == NULL)
		return;
	old = MemoryContextSwitchTo(es->cxt);
	chunked_grid(result, &grid);
	if (es->dot)
		appendStringInfo(&es->out,
						 "  g%d_copy [shape=box, label=\"%s\\n" INT64_FORMAT " tiles copied in the backend\\n%s\"];\n",
						 es->ngraphs, label, grid.ntiles, chunked_describe(result));
	else
		appendStringInfo(&es->out, "%s: " INT64_FORMAT " tiles %s by the calling backend\n  result: %s\n",
						 label, grid.ntiles, ran ? "copied" : "to copy", chunked_describe(result));
	es->ngraphs++;
	MemoryContextSwitchTo(old);
}

/* true when a query, or any query inside it, writes or locks rows */
static bool
query_writes_walker(Node *node, void *context)
{
	if (node == NULL)
		return false;
	if (IsA(node, Query))
	{
		Query	   *q = (Query *) node;

		if (q->commandType != CMD_SELECT || q->utilityStmt != NULL ||
			q->hasModifyingCTE || q->rowMarks != NIL)
			return true;
		return query_tree_walker(q, query_writes_walker, context, 0);
	}
	return expression_tree_walker(node, query_writes_walker, context);
}

/*
 * Prepares the query text, which must be one SELECT that neither writes
 * nor locks rows (no SELECT INTO, data-modifying WITH or FOR UPDATE/SHARE
 * at any level).  The caller is SPI-connected.
 */
static SPIPlanPtr
explain_prepare(const char *query)
{
	MemoryContext caller = CurrentMemoryContext;
	List	   *raw = pg_parse_query(query);
	Node	   *stmt;
	SPIPlanPtr	plan;
	ListCell   *lc;

	if (list_length(raw) != 1)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("marsql.explain takes one statement, not %d", list_length(raw)),
				 errhint("Explain each SELECT on its own.")));
	stmt = linitial_node(RawStmt, raw)->stmt;
	if (!IsA(stmt, SelectStmt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("marsql.explain explains SELECT statements only, not %s",
						GetCommandTagName(CreateCommandTag(stmt))),
				 errdetail("It would have to run the statement, and that writes.")));
	plan = SPI_prepare(query, 0, NULL);
	MemoryContextSwitchTo(caller);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	foreach(lc, SPI_plan_get_plan_sources(plan))
	{
		CachedPlanSource *source = (CachedPlanSource *) lfirst(lc);
		ListCell   *lq;

		foreach(lq, source->query_list)
		{
			if (lfirst_node(Query, lq)->utilityStmt != NULL)
				ereport(ERROR,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("marsql.explain cannot explain SELECT INTO"),
						 errhint("Explain the SELECT without INTO.")));
		}
	}
	if (chunked_plan_writes(plan))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("marsql.explain cannot explain a query that writes or locks rows"),
				 errdetail("The query has a data-modifying WITH or FOR UPDATE, FOR SHARE or a similar locking clause.")));
	return plan;
}

bool
chunked_plan_writes(SPIPlanPtr plan)
{
	ListCell   *lc;

	foreach(lc, SPI_plan_get_plan_sources(plan))
	{
		CachedPlanSource *source = (CachedPlanSource *) lfirst(lc);
		ListCell   *lq;

		foreach(lq, source->query_list)
		{
			if (query_writes_walker((Node *) lfirst_node(Query, lq), NULL))
				return true;
		}
	}
	return false;
}

/* runs the query; the caller is SPI-connected */
static void
explain_execute(const char *query)
{
	MemoryContext caller = CurrentMemoryContext;
	SPIPlanPtr	plan = explain_prepare(query);
	int			rc = SPI_execute_plan(plan, NULL, NULL, false, 0);

	MemoryContextSwitchTo(caller);
	if (rc < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("marsql.explain could not run the query")));
}

static void
explain_read_only_context(void *arg)
{
	(void) arg;
	errcontext("marsql.explain planning the query read-only");
}

/*
 * Runs the query read-only in a subtransaction that is rolled back, so
 * that it leaves nothing behind, successful or not.
 */
static void
explain_plan_read_only(const char *query)
{
	MemoryContext caller = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	ErrorContextCallback context;

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(caller);
	context.callback = explain_read_only_context;
	context.arg = NULL;
	context.previous = error_context_stack;
	error_context_stack = &context;
	PG_TRY();
	{
		/* GUC_ACTION_SAVE: the subtransaction's end restores it */
		(void) set_config_option("transaction_read_only", "on", PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_SAVE, true, 0, false);
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		MemoryContextSwitchTo(caller);
		explain_execute(query);
		SPI_finish();
		error_context_stack = context.previous;
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(caller);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		error_context_stack = context.previous;
		MemoryContextSwitchTo(caller);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(caller);
		CurrentResourceOwner = owner;
		ReThrowError(edata);
	}
	PG_END_TRY();
}

/*
 * marsql.explain(query text, format text, analyze boolean) returns setof
 * text: one line per row in text format, one row holding the whole graph
 * in dot format.
 */
Datum
chunked_explain(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *query = PG_ARGISNULL(0) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *format = PG_ARGISNULL(1) ? "text" : text_to_cstring(PG_GETARG_TEXT_PP(1));
	ExplainState es;
	MemoryContext caller = CurrentMemoryContext;

	/* not STRICT for the optional arguments: a NULL query explains nothing */
	if (query == NULL)
	{
		InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
		return (Datum) 0;
	}
	memset(&es, 0, sizeof(es));
	if (pg_strcasecmp(format, "text") == 0)
		es.dot = false;
	else if (pg_strcasecmp(format, "dot") == 0)
		es.dot = true;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown explain format \"%s\"", format),
				 errhint("Valid formats are \"text\" and \"dot\".")));
	es.analyze = !PG_ARGISNULL(2) && PG_GETARG_BOOL(2);
	if (explain_state != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("marsql.explain cannot be nested")));
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	es.cxt = caller;
	initStringInfo(&es.out);

	explain_state = &es;
	PG_TRY();
	{
		if (!es.analyze)
			explain_plan_read_only(query);
		else
		{
			/* run => true runs the query for real, as EXPLAIN ANALYZE does */
			if (SPI_connect() != SPI_OK_CONNECT)
				elog(ERROR, "SPI_connect failed");
			MemoryContextSwitchTo(caller);
			explain_execute(query);
			SPI_finish();
		}
	}
	PG_FINALLY();
	{
		explain_state = NULL;
	}
	PG_END_TRY();
	MemoryContextSwitchTo(caller);

	if (es.ngraphs == 0)
		appendStringInfoString(&es.out, es.dot ? "" : "the query runs no chunked operation\n");
	if (es.dot)
	{
		Datum		value = CStringGetTextDatum(psprintf("digraph marsql {\n  rankdir=LR;\n%s}\n",
														 es.out.data));
		bool		isnull = false;

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
	}
	else
	{
		char	   *line = es.out.data;

		while (*line)
		{
			char	   *end = strchr(line, '\n');
			Datum		value;
			bool		isnull = false;

			if (end == NULL)
				end = line + strlen(line);
			value = PointerGetDatum(cstring_to_text_with_len(line, end - line));
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
			line = *end ? end + 1 : end;
		}
	}
	return (Datum) 0;
}

/*
 * marsql.tile_cache_stats(): one row for the last tile graph this session
 * ran (none before the first).
 */
Datum
chunked_tile_cache_stats(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *label;
	char	   *path;
	TileReadStats caller,
				executors;
	double		run_seconds;
	Datum		values[13];
	bool		nulls[13] = {0};
	int64		reads,
				hits;

	InitMaterializedSRF(fcinfo, 0);
	if (!tile_graph_last_reads(&label, &path, &caller, &executors, &run_seconds))
		PG_RETURN_VOID();
	reads = caller.reads + executors.reads;
	hits = caller.hits + executors.hits;
	values[0] = CStringGetTextDatum(label);
	values[1] = CStringGetTextDatum(path);
	values[2] = Int64GetDatum(reads);
	values[3] = Int64GetDatum(hits);
	if (reads + hits > 0)
		values[4] = Float8GetDatum((double) hits / (double) (reads + hits));
	else
		nulls[4] = true;
	values[5] = Int64GetDatum(caller.bytes + executors.bytes);
	values[6] = Int64GetDatum(caller.reads);
	values[7] = Int64GetDatum(caller.hits);
	values[8] = Float8GetDatum(caller.seconds);
	values[9] = Int64GetDatum(executors.reads);
	values[10] = Int64GetDatum(executors.hits);
	values[11] = Float8GetDatum(executors.seconds);
	values[12] = Float8GetDatum(run_seconds);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	PG_RETURN_VOID();
}
