/*
 * task_store.c
 *	  Spawned tasks, Mars remote.spawn style: marsql.spawn records a call
 *	  (nothing runs yet), a task handle passed to another spawn is a
 *	  dependency whose result becomes that argument, marsql.execute runs
 *	  tasks and their pending dependencies as one engine job, marsql.fetch
 *	  returns a result typed by a witness, marsql.fetch_log the messages a
 *	  call raised.  Tasks live in this session's memory until
 *	  marsql.forget_tasks(); marsql.tasks shows them.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "common/pg_prng.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "parser/parse_coerce.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "engine/engine.h"
#include "fanout/fanout.h"
#include "fanout/task_type.h"

typedef enum TaskStatus
{
	TASK_PENDING,
	TASK_RUNNING,
	TASK_DONE,
	TASK_FAILED,
	TASK_CANCELED
} TaskStatus;

static const char *const status_names[] = {
	"pending", "running", "done", "failed", "canceled"
};

typedef struct TaskArg
{
	int64		dep;			/* 0: a value, else the task it comes from */
	int16		output;			/* of the dependency: 0 whole, k column k */
	Oid			type;
	char	   *bytes;			/* encoded value */
	int			len;
} TaskArg;

typedef struct FanoutTask
{
	int64		id;
	MemoryContext context;		/* everything of this task */
	FanoutCall *call;
	int			nargs;
	TaskArg    *args;
	TaskStatus	status;
	char	   *result;			/* encoded */
	int			result_len;
	List	   *log;			/* ErrorData: NOTICE, INFO, WARNING */
	ErrorData  *error;
	char	   *executor;
	int			attempts;
	TimestampTz submitted;
	TimestampTz started;
	TimestampTz finished;
} FanoutTask;

typedef struct TaskEntry
{
	int64		id;
	FanoutTask *task;
} TaskEntry;

static HTAB *tasks = NULL;
static MemoryContext store_context = NULL;
static int64 next_id = 1;
static uint32 session_number = 0;
static Oid	task_type_oid = InvalidOid;

static void
init_store(void)
{
	HASHCTL		ctl;

	if (tasks != NULL)
		return;
	store_context = AllocSetContextCreate(TopMemoryContext, "marsql tasks",
										  ALLOCSET_DEFAULT_SIZES);
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(int64);
	ctl.entrysize = sizeof(TaskEntry);
	ctl.hcxt = store_context;
	tasks = hash_create("marsql tasks", 64, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	while (session_number == 0)
		session_number = pg_prng_uint32(&pg_global_prng_state);
}

static Oid
task_type(void)
{
	if (!OidIsValid(task_type_oid))
		task_type_oid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										CStringGetDatum("task"),
										ObjectIdGetDatum(get_namespace_oid("marsql", false)));
	return task_type_oid;
}

/* a handle of this session, as marsql.task prints it */
static char *
handle_text(int64 id, int output)
{
	return task_handle_text(id, output, session_number);
}

static FanoutTask *
lookup_task(const TaskHandle *h)
{
	TaskEntry  *e = NULL;

	init_store();
	if (h->session == session_number)
		e = hash_search(tasks, &h->id, HASH_FIND, NULL);
	if (e == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("task %s does not exist in this session",
						task_handle_text(h->id, 0, h->session)),
				 errhint("A task handle is valid in the session that spawned it, until marsql.forget_tasks().")));
	return e->task;
}

/* the type of a handle's value: the task's result or one of its columns */
static Oid
output_type(FanoutTask *t, int output, int *attno)
{
	TupleDesc	desc = t->call->result_desc;
	int			live = 0;
	int			i;

	*attno = -1;
	if (output == 0)
		return t->call->rettype;
	for (i = 0; desc != NULL && i < desc->natts; i++)
	{
		if (TupleDescAttr(desc, i)->attisdropped)
			continue;
		if (++live == output)
		{
			*attno = i;
			return TupleDescAttr(desc, i)->atttypid;
		}
	}
	elog(ERROR, "task output %d does not exist", output);
	return InvalidOid;
}

/* raises a failed task's error again, in the caller */
static void
raise_task_error(FanoutTask *t)
{
	ThrowErrorData(engine_copy_message(t->error));
}

PG_FUNCTION_INFO_V1(marsql_spawn);

/*
 * spawn(fn regprocedure, VARIADIC args "any") RETURNS marsql.task, and
 * spawn(fn regprocedure) for functions without arguments.
 */
Datum
marsql_spawn(PG_FUNCTION_ARGS)
{
	Oid			fn;
	int			nargs;
	Oid			types[FUNC_MAX_ARGS];
	Datum		values[FUNC_MAX_ARGS];
	bool		nulls[FUNC_MAX_ARGS];
	int64		deps[FUNC_MAX_ARGS];
	int16		outputs[FUNC_MAX_ARGS];
	FanoutTask *t;
	MemoryContext cxt;
	MemoryContext old;
	TaskEntry  *entry;
	TaskHandle *h;
	HeapTuple	proctup;
	Form_pg_proc proc;
	int			i;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the function to spawn must not be NULL")));
	fn = PG_GETARG_OID(0);
	init_store();

	/* the arguments: VARIADIC "any", or VARIADIC array */
	if (get_fn_expr_variadic(fcinfo->flinfo))
	{
		ArrayType  *a;
		Datum	   *elems;
		bool	   *elem_nulls;
		int16		typlen;
		bool		typbyval;
		char		typalign;

		/* a NULL array is no list of arguments, not one NULL argument */
		if (PG_ARGISNULL(1))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("the VARIADIC argument array of spawn must not be NULL"),
					 errhint("Pass an empty array to call the function without arguments.")));
		a = PG_GETARG_ARRAYTYPE_P(1);
		get_typlenbyvalalign(ARR_ELEMTYPE(a), &typlen, &typbyval, &typalign);
		deconstruct_array(a, ARR_ELEMTYPE(a), typlen, typbyval, typalign,
						  &elems, &elem_nulls, &nargs);
		if (nargs > FUNC_MAX_ARGS)
			ereport(ERROR,
					(errcode(ERRCODE_TOO_MANY_ARGUMENTS),
					 errmsg("cannot pass more than %d arguments to a function", FUNC_MAX_ARGS)));
		for (i = 0; i < nargs; i++)
		{
			types[i] = ARR_ELEMTYPE(a);
			values[i] = elems[i];
			nulls[i] = elem_nulls[i];
		}
	}
	else
	{
		nargs = PG_NARGS() - 1;
		for (i = 0; i < nargs; i++)
		{
			types[i] = get_fn_expr_argtype(fcinfo->flinfo, i + 1);
			values[i] = PG_GETARG_DATUM(i + 1);
			nulls[i] = PG_ARGISNULL(i + 1);
		}
	}

	proctup = fanout_lookup_function(fn);
	proc = (Form_pg_proc) GETSTRUCT(proctup);

	/* handles become dependencies, untyped literals take the parameter's type */
	for (i = 0; i < nargs; i++)
	{
		deps[i] = 0;
		outputs[i] = 0;
		if (types[i] == task_type() && !nulls[i])
		{
			TaskHandle *dh = (TaskHandle *) DatumGetPointer(values[i]);
			FanoutTask *d = lookup_task(dh);
			int			attno;

			deps[i] = d->id;
			outputs[i] = dh->output;
			types[i] = output_type(d, dh->output, &attno);
		}
		else if (types[i] == UNKNOWNOID)
		{
			Oid			want = i < proc->pronargs ? proc->proargtypes.values[i] : TEXTOID;
			Oid			input;
			Oid			ioparam;

			if (IsPolymorphicType(want) || want == ANYOID)
				want = TEXTOID;
			if (!nulls[i])
			{
				getTypeInputInfo(want, &input, &ioparam);
				values[i] = OidInputFunctionCall(input, DatumGetCString(values[i]), ioparam, -1);
			}
			types[i] = want;
		}
	}
	ReleaseSysCache(proctup);

	cxt = AllocSetContextCreate(store_context, "marsql task", ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(cxt);
	t = palloc0(sizeof(FanoutTask));
	t->context = cxt;
	t->call = fanout_resolve_call(fn, nargs, types, "marsql.spawn");
	t->nargs = nargs;
	t->args = palloc0(sizeof(TaskArg) * Max(nargs, 1));
	for (i = 0; i < nargs; i++)
	{
		TaskArg    *a = &t->args[i];

		a->type = types[i];
		a->dep = deps[i];
		a->output = outputs[i];
		if (a->dep == 0)
		{
			StringInfoData buf;

			initStringInfo(&buf);
			fanout_encode(&buf, values[i], nulls[i], types[i]);
			a->bytes = buf.data;
			a->len = buf.len;
		}
	}
	t->status = TASK_PENDING;
	t->submitted = GetCurrentTimestamp();
	t->id = next_id++;
	MemoryContextSwitchTo(old);

	entry = hash_search(tasks, &t->id, HASH_ENTER, NULL);
	entry->task = t;

	h = palloc0(sizeof(TaskHandle));
	h->id = t->id;
	h->session = session_number;
	PG_RETURN_POINTER(h);
}

PG_FUNCTION_INFO_V1(marsql_task_output);

/* output(t marsql.task, n integer): the n-th column of t's row result */
Datum
marsql_task_output(PG_FUNCTION_ARGS)
{
	TaskHandle *h = (TaskHandle *) PG_GETARG_POINTER(0);
	int32		n = PG_GETARG_INT32(1);
	FanoutTask *t = lookup_task(h);
	TupleDesc	desc = t->call->result_desc;
	TaskHandle *result;
	int			live = 0;
	int			i;

	if (h->output != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("task %s is already one output of a task", handle_text(h->id, h->output))));
	if (desc == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("task %s returns %s, which has no outputs to choose from",
						handle_text(h->id, 0), format_type_be(t->call->rettype)),
				 errhint("Outputs are the columns of a function that returns a row.")));
	for (i = 0; i < desc->natts; i++)
		if (!TupleDescAttr(desc, i)->attisdropped)
			live++;
	if (n < 1 || n > live)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("output %d of task %s does not exist", n, handle_text(h->id, 0)),
				 errdetail("The task's result has %d column%s.", live, live == 1 ? "" : "s")));
	result = palloc0(sizeof(TaskHandle));
	*result = *h;
	result->output = (int16) n;
	PG_RETURN_POINTER(result);
}

/* ---- execute: one engine job over the pending tasks ---- */

typedef struct ExecState
{
	int			n;
	FanoutTask **tasks;
} ExecState;

static FanoutTask *
find_task(int64 id)
{
	TaskEntry  *e = hash_search(tasks, &id, HASH_FIND, NULL);

	if (e == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("task %s, a dependency, was forgotten", handle_text(id, 0))));
	return e->task;
}

/* column `output` of a done task's row result, decoded */
static Datum
output_value(FanoutTask *d, int output, bool *isnull)
{
	StringInfoData in;
	Datum		row;
	int			attno;

	Assert(d->status == TASK_DONE && output > 0);
	(void) output_type(d, output, &attno);
	in.data = d->result;
	in.len = d->result_len;
	in.maxlen = d->result_len;
	in.cursor = 0;
	row = fanout_decode(&in, d->call->rettype, d->call->rettypmod, isnull);
	if (*isnull)
		return (Datum) 0;
	return GetAttributeByNum(DatumGetHeapTupleHeader(row), attno + 1, isnull);
}

/* the encoded value of a dependency argument */
static void
append_dependency(StringInfo payload, TaskArg *a)
{
	FanoutTask *d = find_task(a->dep);
	Datum		value;
	bool		isnull;

	Assert(d->status == TASK_DONE);
	if (a->output == 0)
	{
		appendBinaryStringInfo(payload, d->result, d->result_len);
		return;
	}
	value = output_value(d, a->output, &isnull);
	fanout_encode(payload, value, isnull, a->type);
}

static void
exec_build_payload(void *arg, int task, StringInfo payload)
{
	FanoutTask *t = ((ExecState *) arg)->tasks[task];
	int			i;

	fanout_payload_begin(payload, t->call);
	for (i = 0; i < t->nargs; i++)
	{
		pq_sendint32(payload, t->args[i].type);
		if (t->args[i].dep != 0)
			append_dependency(payload, &t->args[i]);
		else
			appendBinaryStringInfo(payload, t->args[i].bytes, t->args[i].len);
	}
}

static void
exec_task_started(void *arg, int task, const char *executor)
{
	FanoutTask *t = ((ExecState *) arg)->tasks[task];

	t->status = TASK_RUNNING;
	t->started = GetCurrentTimestamp();
	t->attempts++;
	if (t->executor)
		pfree(t->executor);
	t->executor = MemoryContextStrdup(t->context, executor);
}

static void
exec_task_done(void *arg, int task, const char *result, int len)
{
	FanoutTask *t = ((ExecState *) arg)->tasks[task];

	t->result = MemoryContextAlloc(t->context, Max(len, 1));
	memcpy(t->result, result, len);
	t->result_len = len;
	t->status = TASK_DONE;
	t->finished = GetCurrentTimestamp();
}

static void
exec_task_failed(void *arg, int task, ErrorData *error)
{
	FanoutTask *t = ((ExecState *) arg)->tasks[task];
	MemoryContext old = MemoryContextSwitchTo(t->context);

	t->error = engine_copy_message(error);
	t->error->elevel = ERROR;
	MemoryContextSwitchTo(old);
	t->status = TASK_FAILED;
	t->finished = GetCurrentTimestamp();
}

static void
exec_task_log(void *arg, int task, ErrorData *message, bool shown)
{
	FanoutTask *t = ((ExecState *) arg)->tasks[task];
	MemoryContext old = MemoryContextSwitchTo(t->context);

	(void) shown;
	t->log = lappend(t->log, engine_copy_message(message));
	MemoryContextSwitchTo(old);
}

static char *
exec_describe(void *arg, int task)
{
	FanoutTask *t = ((ExecState *) arg)->tasks[task];

	return psprintf("task %s (%s)", handle_text(t->id, 0), t->call->fn_name);
}

static const EngineCallbacks exec_callbacks = {
	.build_payload = exec_build_payload,
	.task_started = exec_task_started,
	.task_done = exec_task_done,
	.task_failed = exec_task_failed,
	.task_log = exec_task_log,
	.describe = exec_describe,
};

/* adds t and its pending dependencies to the job, dependencies first */
static void
collect(FanoutTask *t, List **members)
{
	int			i;

	if (t->status == TASK_DONE || list_member_ptr(*members, t))
		return;
	if (t->status == TASK_CANCELED)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("task %s was canceled", handle_text(t->id, 0)),
				 errhint("Spawn the call again to run it.")));
	if (t->status == TASK_FAILED)
		raise_task_error(t);
	for (i = 0; i < t->nargs; i++)
		if (t->args[i].dep != 0)
			collect(find_task(t->args[i].dep), members);
	*members = lappend(*members, t);
}

static int
compare_ids(const ListCell *a, const ListCell *b)
{
	int64		x = ((FanoutTask *) lfirst(a))->id;
	int64		y = ((FanoutTask *) lfirst(b))->id;

	return x < y ? -1 : x > y;
}

static void
execute_tasks(List *roots)
{
	List	   *members = NIL;
	ListCell   *lc;
	ExecState	st;
	EngineJob	job;
	int			i;

	foreach(lc, roots)
		collect((FanoutTask *) lfirst(lc), &members);
	if (members == NIL)
		return;
	list_sort(members, compare_ids);

	st.n = list_length(members);
	st.tasks = palloc(sizeof(FanoutTask *) * st.n);
	memset(&job, 0, sizeof(job));
	job.label = "execute";
	job.ntasks = st.n;
	job.tasks = palloc0(sizeof(EngineTask) * st.n);
	i = 0;
	foreach(lc, members)
		st.tasks[i++] = (FanoutTask *) lfirst(lc);
	for (i = 0; i < st.n; i++)
	{
		FanoutTask *t = st.tasks[i];
		int			a;

		job.tasks[i].kind = fanout_call_kind;
		job.tasks[i].idempotent = t->call->idempotent;
		job.tasks[i].deps = palloc(sizeof(int) * Max(t->nargs, 1));
		for (a = 0; a < t->nargs; a++)
		{
			int			j;

			if (t->args[a].dep == 0)
				continue;
			/* members are sorted by id and dependencies are older */
			for (j = 0; j < i; j++)
				if (st.tasks[j]->id == t->args[a].dep)
					job.tasks[i].deps[job.tasks[i].ndeps++] = j;
		}
	}
	job.fail_fast = true;
	job.cb = exec_callbacks;
	job.arg = &st;

	PG_TRY();
	{
		engine_run(&job);
	}
	PG_CATCH();
	{
		/* tasks stopped half-way ran in transactions that rolled back */
		for (i = 0; i < st.n; i++)
			if (st.tasks[i]->status == TASK_RUNNING)
				st.tasks[i]->status = TASK_PENDING;
		PG_RE_THROW();
	}
	PG_END_TRY();
}

PG_FUNCTION_INFO_V1(marsql_execute);

/* execute(tasks marsql.task[]): runs them and their pending dependencies */
Datum
marsql_execute(PG_FUNCTION_ARGS)
{
	ArrayType  *a;
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			i;
	List	   *roots = NIL;

	if (PG_ARGISNULL(0))
		PG_RETURN_VOID();
	a = PG_GETARG_ARRAYTYPE_P(0);
	deconstruct_array(a, ARR_ELEMTYPE(a), sizeof(TaskHandle), false, TYPALIGN_DOUBLE,
					  &elems, &nulls, &n);
	for (i = 0; i < n; i++)
		if (!nulls[i])
			roots = lappend(roots, lookup_task((TaskHandle *) DatumGetPointer(elems[i])));
	execute_tasks(roots);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(marsql_fetch);

/*
 * fetch(t marsql.task, witness anyelement) RETURNS anyelement: the result,
 * after running the task if it is still pending.
 */
Datum
marsql_fetch(PG_FUNCTION_ARGS)
{
	TaskHandle *h;
	FanoutTask *t;
	Oid			witness = get_fn_expr_argtype(fcinfo->flinfo, 1);
	bool		isnull;
	Datum		result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	h = (TaskHandle *) PG_GETARG_POINTER(0);
	t = lookup_task(h);
	if (t->status == TASK_PENDING || t->status == TASK_FAILED || t->status == TASK_CANCELED)
		execute_tasks(list_make1(t));

	if (h->output == 0)
	{
		fanout_check_witness(t->call, witness);
		result = fanout_decode_result(t->call, witness, t->result, t->result_len, &isnull);
	}
	else
	{
		int			attno;
		Oid			type = output_type(t, h->output, &attno);

		if (type != witness && !IsBinaryCoercible(type, witness))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("output %d of task %s is %s, not %s", h->output,
							handle_text(t->id, 0), format_type_be(type), format_type_be(witness)),
					 errhint("Pass a witness of the output's type, such as NULL::%s.",
							 format_type_be(type))));
		result = output_value(t, h->output, &isnull);
	}
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

PG_FUNCTION_INFO_V1(marsql_fetch_log);

/*
 * fetch_log(t) RETURNS TABLE (seq integer, severity text, message text,
 * detail text, hint text): what the call raised below ERROR, in order.
 */
Datum
marsql_fetch_log(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	FanoutTask *t = lookup_task((TaskHandle *) PG_GETARG_POINTER(0));
	ListCell   *lc;
	int			seq = 0;

	InitMaterializedSRF(fcinfo, 0);
	foreach(lc, t->log)
	{
		ErrorData  *line = (ErrorData *) lfirst(lc);
		Datum		values[5];
		bool		nulls[5] = {0};

		values[0] = Int32GetDatum(++seq);
		values[1] = CStringGetTextDatum(line->elevel == WARNING ? "WARNING" :
										line->elevel == INFO ? "INFO" : "NOTICE");
		values[2] = CStringGetTextDatum(line->message ? line->message : "");
		values[3] = fanout_text_or_null(line->detail, &nulls[3]);
		values[4] = fanout_text_or_null(line->hint, &nulls[4]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(marsql_cancel);

/* cancel(t): a pending task will not run; true if it was pending */
Datum
marsql_cancel(PG_FUNCTION_ARGS)
{
	FanoutTask *t = lookup_task((TaskHandle *) PG_GETARG_POINTER(0));

	if (t->status != TASK_PENDING)
		PG_RETURN_BOOL(false);
	t->status = TASK_CANCELED;
	t->finished = GetCurrentTimestamp();
	PG_RETURN_BOOL(true);
}

PG_FUNCTION_INFO_V1(marsql_forget_tasks);

/*
 * forget_tasks(): frees every finished task no pending task depends on;
 * returns how many were forgotten.
 */
Datum
marsql_forget_tasks(PG_FUNCTION_ARGS)
{
	HASH_SEQ_STATUS seq;
	TaskEntry  *e;
	List	   *keep = NIL;
	List	   *drop = NIL;
	ListCell   *lc;
	int			count = 0;

	init_store();
	hash_seq_init(&seq, tasks);
	while ((e = hash_seq_search(&seq)) != NULL)
	{
		FanoutTask *t = e->task;
		int			i;

		if (t->status != TASK_PENDING)
			continue;
		for (i = 0; i < t->nargs; i++)
			if (t->args[i].dep != 0)
				keep = lappend(keep, find_task(t->args[i].dep));
	}
	hash_seq_init(&seq, tasks);
	while ((e = hash_seq_search(&seq)) != NULL)
		if (e->task->status != TASK_PENDING && !list_member_ptr(keep, e->task))
			drop = lappend(drop, e->task);
	foreach(lc, drop)
	{
		FanoutTask *t = (FanoutTask *) lfirst(lc);

		hash_search(tasks, &t->id, HASH_REMOVE, NULL);
		MemoryContextDelete(t->context);
		count++;
	}
	PG_RETURN_INT32(count);
}

static int
compare_task_ids(const void *a, const void *b)
{
	int64		x = (*(FanoutTask *const *) a)->id;
	int64		y = (*(FanoutTask *const *) b)->id;

	return x < y ? -1 : x > y;
}

PG_FUNCTION_INFO_V1(marsql_task_list);

/* the rows of the marsql.tasks view: this session's tasks */
Datum
marsql_task_list(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	HASH_SEQ_STATUS seq;
	TaskEntry  *e;
	FanoutTask **all;
	int			n = 0;
	int			k;

	InitMaterializedSRF(fcinfo, 0);
	init_store();
	all = palloc(sizeof(FanoutTask *) * Max(hash_get_num_entries(tasks), 1));
	hash_seq_init(&seq, tasks);
	while ((e = hash_seq_search(&seq)) != NULL)
		all[n++] = e->task;
	qsort(all, n, sizeof(FanoutTask *), compare_task_ids);
	for (k = 0; k < n; k++)
	{
		FanoutTask *t = all[k];
		Datum		values[11];
		bool		nulls[11] = {0};
		TaskHandle *h = palloc0(sizeof(TaskHandle));
		Datum	   *deps = palloc(sizeof(Datum) * Max(t->nargs, 1));
		int			ndeps = 0;
		int			i;

		h->id = t->id;
		h->session = session_number;
		values[0] = PointerGetDatum(h);
		values[1] = ObjectIdGetDatum(t->call->fn);
		values[2] = CStringGetTextDatum(status_names[t->status]);
		nulls[3] = t->executor == NULL;
		if (t->executor)
			values[3] = CStringGetTextDatum(t->executor);
		values[4] = Int32GetDatum(t->attempts);
		values[5] = TimestampTzGetDatum(t->submitted);
		nulls[6] = t->started == 0;
		values[6] = TimestampTzGetDatum(t->started);
		nulls[7] = t->finished == 0;
		values[7] = TimestampTzGetDatum(t->finished);
		for (i = 0; i < t->nargs; i++)
		{
			if (t->args[i].dep != 0)
			{
				TaskHandle *d = palloc0(sizeof(TaskHandle));

				d->id = t->args[i].dep;
				d->session = session_number;
				d->output = t->args[i].output;
				deps[ndeps++] = PointerGetDatum(d);
			}
		}
		values[8] = PointerGetDatum(construct_array(deps, ndeps, task_type(),
													sizeof(TaskHandle), false, TYPALIGN_DOUBLE));
		nulls[9] = nulls[10] = t->error == NULL;
		if (t->error)
		{
			values[9] = CStringGetTextDatum(unpack_sql_state(t->error->sqlerrcode));
			values[10] = CStringGetTextDatum(t->error->message ? t->error->message : "");
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
