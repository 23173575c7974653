/*
 * map.c
 *	  marsql.map and marsql.map_rows: one call of a function per element of
 *	  an array, run in parallel by the engine, results in the array's order.
 *
 *	  An element is the function's only argument, or, when the function
 *	  takes several, a row whose columns are its arguments
 *	  (array_agg((a, b)) for f(a, b)).  The result type is named by a
 *	  witness value (NULL::float8), so PostgreSQL types the result at parse
 *	  time: map returns anycompatiblearray, map_rows a row per call with
 *	  the result or the error.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "engine/engine.h"
#include "fanout/fanout.h"

typedef struct MapState
{
	FanoutCall *call;
	Oid			witness;
	int			n;
	Datum	   *elems;
	bool	   *elem_nulls;
	Oid			elemtype;
	bool		spread;			/* elements are rows of arguments */
	Datum	   *results;
	bool	   *result_nulls;
	ErrorData **errors;
	bool		forward_log;	/* raise the calls' NOTICEs in the caller */
} MapState;

/* the live column types of a row type, as argument types */
static int
desc_types(TupleDesc desc, Oid *types)
{
	int			n = 0;
	int			i;

	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(desc, i);

		if (a->attisdropped)
			continue;
		if (n == FUNC_MAX_ARGS)
			ereport(ERROR,
					(errcode(ERRCODE_TOO_MANY_ARGUMENTS),
					 errmsg("a row of arguments has more than %d columns", FUNC_MAX_ARGS)));
		types[n++] = a->atttypid;
	}
	return n;
}

/* the argument types a row element spreads into */
static int
row_types(Datum row, Oid *types)
{
	HeapTupleHeader tup = DatumGetHeapTupleHeader(row);
	TupleDesc	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(tup),
											  HeapTupleHeaderGetTypMod(tup));
	int			n = desc_types(desc, types);

	ReleaseTupleDesc(desc);
	return n;
}

static void
map_build_payload(void *arg, int task, StringInfo payload)
{
	MapState   *st = (MapState *) arg;
	FanoutCall *call = st->call;
	int			i;

	fanout_payload_begin(payload, call);
	if (!st->spread)
	{
		pq_sendint32(payload, call->argtypes[0]);
		fanout_encode(payload, st->elems[task], st->elem_nulls[task], call->argtypes[0]);
		return;
	}
	if (st->elem_nulls[task])
	{
		for (i = 0; i < call->nargs; i++)
		{
			pq_sendint32(payload, call->argtypes[i]);
			fanout_encode(payload, (Datum) 0, true, call->argtypes[i]);
		}
		return;
	}
	{
		HeapTupleHeader th = DatumGetHeapTupleHeader(st->elems[task]);
		TupleDesc	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(th),
												  HeapTupleHeaderGetTypMod(th));
		HeapTupleData tuple;
		Datum	   *values = palloc(sizeof(Datum) * desc->natts);
		bool	   *nulls = palloc(sizeof(bool) * desc->natts);
		Oid			types[FUNC_MAX_ARGS];
		int			n = row_types(st->elems[task], types);
		int			k = 0;

		if (n != call->nargs || memcmp(types, call->argtypes, sizeof(Oid) * n) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("row %d of the arguments has other column types than row 1", task + 1)));
		tuple.t_len = HeapTupleHeaderGetDatumLength(th);
		ItemPointerSetInvalid(&tuple.t_self);
		tuple.t_tableOid = InvalidOid;
		tuple.t_data = th;
		heap_deform_tuple(&tuple, desc, values, nulls);
		for (i = 0; i < desc->natts; i++)
		{
			if (TupleDescAttr(desc, i)->attisdropped)
				continue;
			pq_sendint32(payload, call->argtypes[k]);
			fanout_encode(payload, values[i], nulls[i], call->argtypes[k]);
			k++;
		}
		ReleaseTupleDesc(desc);
	}
}

static void
map_task_done(void *arg, int task, const char *result, int len)
{
	MapState   *st = (MapState *) arg;

	st->results[task] = fanout_decode_result(st->call, st->witness, result, len,
											 &st->result_nulls[task]);
}

static void
map_task_failed(void *arg, int task, ErrorData *error)
{
	MapState   *st = (MapState *) arg;

	st->errors[task] = error;
	st->result_nulls[task] = true;
}

static char *
map_describe(void *arg, int task)
{
	MapState   *st = (MapState *) arg;

	return psprintf("task %d of %d (%s)", task + 1, st->n, st->call->fn_name);
}

static void
map_task_log(void *arg, int task, ErrorData *message, bool shown)
{
	MapState   *st = (MapState *) arg;
	char	   *where;

	if (!st->forward_log || shown)
		return;
	where = map_describe(arg, task);
	ereport(message->elevel,
			(errcode(message->sqlerrcode),
			 errmsg_internal("%s", message->message ? message->message : ""),
			 message->detail ? errdetail_internal("%s", message->detail) : 0,
			 message->hint ? errhint("%s", message->hint) : 0,
			 errcontext("marsql %s", where)));
}

static const EngineCallbacks map_callbacks = {
	.build_payload = map_build_payload,
	.task_done = map_task_done,
	.task_failed = map_task_failed,
	.task_log = map_task_log,
	.describe = map_describe,
};

/* reads the arguments of map and map_rows, resolves the call, runs it */
static MapState *
run_map(FunctionCallInfo fcinfo, bool fail_fast, int max_workers_arg, bool as_array)
{
	MapState   *st = palloc0(sizeof(MapState));
	Oid			fn = PG_GETARG_OID(0);
	ArrayType  *args = PG_GETARG_ARRAYTYPE_P(1);
	Oid			argtypes[FUNC_MAX_ARGS];
	int			nargs;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	HeapTuple	proctup;
	int			pronargs;
	EngineJob	job;
	int			i;

	st->witness = get_fn_expr_argtype(fcinfo->flinfo, 2);
	st->elemtype = ARR_ELEMTYPE(args);
	get_typlenbyvalalign(st->elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(args, st->elemtype, typlen, typbyval, typalign,
					  &st->elems, &st->elem_nulls, &st->n);

	/* one argument per element, or a row of them */
	proctup = fanout_lookup_function(fn);
	pronargs = ((Form_pg_proc) GETSTRUCT(proctup))->pronargs;
	ReleaseSysCache(proctup);
	nargs = 1;
	argtypes[0] = st->elemtype;
	if (pronargs != 1 && type_is_rowtype(st->elemtype))
	{
		st->spread = true;
		nargs = -1;
		if (st->elemtype != RECORDOID)
		{
			TupleDesc	desc = lookup_rowtype_tupdesc(st->elemtype, -1);

			nargs = desc_types(desc, argtypes);
			ReleaseTupleDesc(desc);
		}
		for (i = 0; i < st->n && nargs < 0; i++)
			if (!st->elem_nulls[i])
				nargs = row_types(st->elems[i], argtypes);
		if (nargs < 0 && st->n == 0)
		{
			/* an empty array of anonymous rows: nothing to call */
			st->results = palloc0(sizeof(Datum));
			st->result_nulls = palloc0(sizeof(bool));
			st->errors = palloc0(sizeof(ErrorData *));
			return st;
		}
		if (nargs < 0)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("every row of arguments is NULL"),
					 errhint("Pass rows of a named composite type, so their column types are known.")));
	}
	st->call = fanout_resolve_call(fn, nargs, argtypes, "marsql.map");
	if (as_array && OidIsValid(get_element_type(st->call->rettype)))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("marsql.map cannot collect the results of %s, which returns %s, into an array",
						st->call->fn_name, format_type_be(st->call->rettype)),
				 errhint("Use marsql.map_rows, which returns a row per call, or return a tensor.")));
	fanout_check_witness(st->call, st->witness);

	st->results = palloc0(sizeof(Datum) * Max(st->n, 1));
	st->result_nulls = palloc0(sizeof(bool) * Max(st->n, 1));
	st->errors = palloc0(sizeof(ErrorData *) * Max(st->n, 1));
	st->forward_log = true;

	memset(&job, 0, sizeof(job));
	job.label = "map";
	job.ntasks = st->n;
	job.tasks = palloc0(sizeof(EngineTask) * Max(st->n, 1));
	for (i = 0; i < st->n; i++)
	{
		job.tasks[i].kind = fanout_call_kind;
		job.tasks[i].idempotent = st->call->idempotent;
	}
	job.max_workers = max_workers_arg;
	job.fail_fast = fail_fast;
	job.cb = map_callbacks;
	job.arg = st;
	{
		int			executors_arg = as_array ? 4 : 5;
		int			nest_level = engine_executors_begin(PG_NARGS() > executors_arg &&
														!PG_ARGISNULL(executors_arg)
														? PG_GETARG_TEXT_PP(executors_arg)
														: NULL);

		engine_run(&job);
		engine_executors_end(nest_level);
	}
	return st;
}

static int
max_workers_argument(FunctionCallInfo fcinfo, int argno)
{
	int			n;

	if (PG_ARGISNULL(argno))
		return 0;
	n = PG_GETARG_INT32(argno);
	if (n < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_workers must be at least 1"),
				 errhint("Set marsql.max_workers to 0 to run every call in this backend.")));
	return n;
}

PG_FUNCTION_INFO_V1(marsql_map);

/*
 * map(fn regprocedure, args anyarray, witness anycompatible,
 *     max_workers integer DEFAULT NULL, executors text DEFAULT NULL)
 * RETURNS anycompatiblearray
 */
Datum
marsql_map(PG_FUNCTION_ARGS)
{
	MapState   *st;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	int			dims[1];
	int			lbs[1] = {1};
	int			max_workers;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	max_workers = max_workers_argument(fcinfo, 3);
	st = run_map(fcinfo, true, max_workers, true);
	get_typlenbyvalalign(st->witness, &typlen, &typbyval, &typalign);
	dims[0] = st->n;
	if (st->n == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(st->witness));
	PG_RETURN_ARRAYTYPE_P(construct_md_array(st->results, st->result_nulls, 1, dims, lbs,
											 st->witness, typlen, typbyval, typalign));
}

PG_FUNCTION_INFO_V1(marsql_map_rows);

/*
 * map_rows(fn, args, witness, fail_fast boolean DEFAULT true,
 *          max_workers integer DEFAULT NULL, executors text DEFAULT NULL)
 * RETURNS TABLE (ordinality integer, succeeded boolean, result anycompatible,
 *                sqlstate text, message text, detail text, context text)
 */
Datum
marsql_map_rows(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MapState   *st;
	bool		fail_fast = PG_ARGISNULL(3) ? true : PG_GETARG_BOOL(3);
	int			max_workers;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return (Datum) 0;
	max_workers = max_workers_argument(fcinfo, 4);
	st = run_map(fcinfo, fail_fast, max_workers, false);
	for (i = 0; i < st->n; i++)
	{
		Datum		values[7];
		bool		nulls[7] = {0};
		ErrorData  *e = st->errors[i];

		values[0] = Int32GetDatum(i + 1);
		values[1] = BoolGetDatum(e == NULL);
		values[2] = st->results[i];
		nulls[2] = st->result_nulls[i];
		if (e != NULL)
		{
			values[3] = CStringGetTextDatum(unpack_sql_state(e->sqlerrcode));
			values[4] = CStringGetTextDatum(e->message ? e->message : "");
			values[5] = fanout_text_or_null(e->detail, &nulls[5]);
			values[6] = fanout_text_or_null(e->context, &nulls[6]);
		}
		else
			nulls[3] = nulls[4] = nulls[5] = nulls[6] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
