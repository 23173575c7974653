/*
 * call.c
 *	  The "call" task kind: one call of a SQL function with arguments
 *	  carried by value.  The leader resolves and checks the call
 *	  (fanout_resolve_call) before anything runs; an executor decodes the
 *	  arguments, checks EXECUTE again as the calling role, calls the
 *	  function through fmgr (with an expression describing the actual
 *	  argument types, so polymorphic functions resolve) and encodes the
 *	  result.
 *
 *	  Payload: fn oid, resolved result type, argument count, the same by
 *	  name (the function's qualified signature, the result type's and each
 *	  argument type's qualified name: a peer resolves those, since its
 *	  object ids differ), then per argument its type and its encoded
 *	  value.  Result: the encoded value.
 *
 *	  A call is retried when its executor fails only if that cannot do
 *	  harm: the function is IMMUTABLE or STABLE, or its owner marked it
 *	  with ALTER FUNCTION ... SET marsql.retryable = on.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_coerce.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "engine/engine.h"
#include "fanout/fanout.h"

int			fanout_call_kind = -1;

static void call_run(const char *payload, int len, StringInfo result);

void
fanout_register_kinds(void)
{
	fanout_call_kind = engine_register_kind("marsql call", call_run);
}

/* the expression fmgr shows a polymorphic function: its actual types */
static FuncExpr *
describe_call(Oid fn, Oid rettype, int nargs, const Oid *argtypes, Oid *collation)
{
	List	   *args = NIL;
	int			i;
	FuncExpr   *expr;

	*collation = type_is_collatable(rettype) ? DEFAULT_COLLATION_OID : InvalidOid;
	for (i = 0; i < nargs; i++)
	{
		Oid			c = type_is_collatable(argtypes[i]) ? DEFAULT_COLLATION_OID : InvalidOid;

		args = lappend(args, makeNullConst(argtypes[i], -1, c));
	}
	expr = makeFuncExpr(fn, rettype, args, *collation,
						OidIsValid(*collation) ? *collation : InvalidOid,
						COERCE_EXPLICIT_CALL);
	for (i = 0; i < nargs; i++)
	{
		if (type_is_collatable(argtypes[i]))
			expr->inputcollid = DEFAULT_COLLATION_OID;
	}
	return expr;
}

/* the function carries SET marsql.retryable = on */
static bool
marked_retryable(HeapTuple proctup)
{
	bool		isnull;
	Datum		config = SysCacheGetAttr(PROCOID, proctup, Anum_pg_proc_proconfig, &isnull);
	ArrayType  *a;
	Datum	   *items;
	bool	   *nulls;
	int			n;
	bool		result = false;

	if (isnull)
		return false;
	a = DatumGetArrayTypeP(config);
	deconstruct_array(a, TEXTOID, -1, false, TYPALIGN_INT, &items, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		char	   *item = TextDatumGetCString(items[i]);
		bool		on;

		if (strncmp(item, "marsql.retryable=", 17) == 0 && parse_bool(item + 17, &on))
			result = on;
	}
	return result;
}

HeapTuple
fanout_lookup_function(Oid fn)
{
	HeapTuple	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn));

	if (!HeapTupleIsValid(tup))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("function with OID %u does not exist", fn)));
	return tup;
}

Datum
fanout_text_or_null(const char *s, bool *isnull)
{
	*isnull = s == NULL;
	return s ? CStringGetTextDatum(s) : (Datum) 0;
}

FanoutCall *
fanout_resolve_call(Oid fn, int nargs, const Oid *argtypes, const char *what)
{
	FanoutCall *call = palloc0(sizeof(FanoutCall));
	HeapTuple	tup;
	Form_pg_proc proc;
	Oid		   *declared;
	FuncExpr   *expr;
	Oid			collation;
	TupleDesc	desc = NULL;
	Oid			rettype;
	int			i;

	tup = fanout_lookup_function(fn);
	proc = (Form_pg_proc) GETSTRUCT(tup);
	call->fn = fn;
	call->fn_name = format_procedure(fn);

	if (proc->prokind == PROKIND_PROCEDURE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("%s is a procedure", call->fn_name),
				 errhint("%s calls functions; wrap the procedure in a function.", what)));
	if (proc->prokind == PROKIND_AGGREGATE || proc->prokind == PROKIND_WINDOW)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("%s is an aggregate or window function", call->fn_name),
				 errhint("%s calls plain functions one value at a time.", what)));
	if (proc->proretset)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-returning function %s cannot be fanned out", call->fn_name),
				 errhint("Return an array or a composite value instead.")));
	if (proc->pronargs != nargs)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("function %s takes %d argument%s, not %d",
						call->fn_name, proc->pronargs, proc->pronargs == 1 ? "" : "s", nargs),
				 errhint("%s passes every argument explicitly: defaults and VARIADIC expansion do not apply.", what)));

	if (pg_proc_aclcheck(fn, GetUserId(), ACL_EXECUTE) != ACLCHECK_OK)
		aclcheck_error(ACLCHECK_NO_PRIV, OBJECT_FUNCTION, call->fn_name);

	declared = palloc(sizeof(Oid) * Max(nargs, 1));
	memcpy(declared, proc->proargtypes.values, sizeof(Oid) * nargs);
	for (i = 0; i < nargs; i++)
	{
		Oid			want = declared[i];
		Oid			have = argtypes[i];

		if (IsPolymorphicType(want) || want == ANYOID || have == want ||
			IsBinaryCoercible(have, want))
			continue;
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("argument %d of %s has type %s, not %s",
						i + 1, call->fn_name, format_type_be(have), format_type_be(want)),
				 errhint("Cast the argument to %s.", format_type_be(want))));
	}
	rettype = proc->prorettype;
	if (IsPolymorphicType(rettype))
	{
		Oid		   *scratch = palloc(sizeof(Oid) * Max(nargs, 1));

		memcpy(scratch, declared, sizeof(Oid) * nargs);
		rettype = enforce_generic_type_consistency(argtypes, scratch, nargs, rettype, false);
	}
	call->idempotent = proc->provolatile != PROVOLATILE_VOLATILE || marked_retryable(tup);
	ReleaseSysCache(tup);

	call->nargs = nargs;
	call->argtypes = palloc(sizeof(Oid) * Max(nargs, 1));
	memcpy(call->argtypes, argtypes, sizeof(Oid) * nargs);
	call->rettype = rettype;
	call->rettypmod = -1;
	call->signature = format_procedure_qualified(fn);
	call->rettype_name = format_type_be_qualified(rettype);
	call->argtype_names = palloc(sizeof(char *) * Max(nargs, 1));
	for (i = 0; i < nargs; i++)
		call->argtype_names[i] = format_type_be_qualified(argtypes[i]);

	expr = describe_call(fn, rettype, nargs, argtypes, &collation);
	switch (get_expr_result_type((Node *) expr, &rettype, &desc))
	{
		case TYPEFUNC_COMPOSITE:
		case TYPEFUNC_COMPOSITE_DOMAIN:
			desc = BlessTupleDesc(CreateTupleDescCopy(desc));
			call->result_desc = desc;
			if (call->rettype == RECORDOID)
				call->rettypmod = desc->tdtypmod;
			break;
		case TYPEFUNC_RECORD:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("function %s returns record without a column definition",
							call->fn_name),
					 errhint("Declare OUT parameters, or return a composite type.")));
			break;
		default:
			break;
	}
	return call;
}

void
fanout_payload_begin(StringInfo buf, const FanoutCall *call)
{
	pq_sendint32(buf, call->fn);
	pq_sendint32(buf, call->rettype);
	pq_sendint16(buf, call->nargs);
	pq_sendstring(buf, call->signature);
	pq_sendstring(buf, call->rettype_name);
	for (int i = 0; i < call->nargs; i++)
		pq_sendstring(buf, call->argtype_names[i]);
}

/* on a peer: the object a name sent by the coordinator stands for */
static Oid
resolve_name(PGFunction input, const char *name)
{
	return DatumGetObjectId(DirectFunctionCall1(input, CStringGetDatum(name)));
}

static char *
describe_columns(TupleDesc desc)
{
	StringInfoData s;
	int			i;
	bool		first = true;

	initStringInfo(&s);
	appendStringInfoChar(&s, '(');
	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(desc, i);

		if (a->attisdropped)
			continue;
		appendStringInfo(&s, "%s%s", first ? "" : ", ", format_type_be(a->atttypid));
		first = false;
	}
	appendStringInfoChar(&s, ')');
	return s.data;
}

/* the live column types of a row type, in order */
static bool
same_columns(TupleDesc a, TupleDesc b)
{
	int			i = 0;
	int			j = 0;

	for (;;)
	{
		while (i < a->natts && TupleDescAttr(a, i)->attisdropped)
			i++;
		while (j < b->natts && TupleDescAttr(b, j)->attisdropped)
			j++;
		if (i == a->natts || j == b->natts)
			return i == a->natts && j == b->natts;
		if (TupleDescAttr(a, i)->atttypid != TupleDescAttr(b, j)->atttypid)
			return false;
		i++;
		j++;
	}
}

void
fanout_check_witness(const FanoutCall *call, Oid witness)
{
	if (witness == call->rettype || IsBinaryCoercible(call->rettype, witness))
		return;
	if (call->result_desc != NULL && type_is_rowtype(witness) && witness != RECORDOID)
	{
		TupleDesc	wdesc = lookup_rowtype_tupdesc(witness, -1);
		bool		same = same_columns(call->result_desc, wdesc);
		char	   *theirs = describe_columns(wdesc);

		ReleaseTupleDesc(wdesc);
		if (same)
			return;
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("function %s returns %s, which does not match the witness type %s %s",
						call->fn_name, describe_columns(call->result_desc),
						format_type_be(witness), theirs),
				 errhint("Pass a witness of a row type with the same column types.")));
	}
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("function %s returns %s, not %s",
					call->fn_name, format_type_be(call->rettype), format_type_be(witness)),
			 errhint("Pass a witness of the function's result type, such as NULL::%s.",
					 format_type_be(call->rettype))));
}

Datum
fanout_decode_result(const FanoutCall *call, Oid witness, const char *data, int len,
					 bool *isnull)
{
	StringInfoData buf;

	buf.data = (char *) data;
	buf.len = len;
	buf.maxlen = len;
	buf.cursor = 0;
	/* a row is read as the witness's row type; anything else as returned */
	if (call->result_desc != NULL && witness != RECORDOID && type_is_rowtype(witness))
		return fanout_decode(&buf, witness, -1, isnull);
	return fanout_decode(&buf, call->rettype, call->rettypmod, isnull);
}

/* runs in an executor (see engine.h) */
static void
call_run(const char *payload, int len, StringInfo result)
{
	StringInfoData in;
	Oid			fn;
	Oid			rettype;
	int			nargs;
	Oid			argtypes[FUNC_MAX_ARGS] = {0};
	FmgrInfo	flinfo;
	Oid			collation;
	bool		any_null = false;
	Datum		value;
	bool		isnull;
	int			i;

	LOCAL_FCINFO(fcinfo, FUNC_MAX_ARGS);

	in.data = (char *) payload;
	in.len = len;
	in.maxlen = len;
	in.cursor = 0;
	fn = pq_getmsgint(&in, 4);
	rettype = pq_getmsgint(&in, 4);
	nargs = pq_getmsgint(&in, 2);
	if (nargs < 0 || nargs > FUNC_MAX_ARGS)
		engine_malformed_task("malformed marsql call message");
	{
		const char *signature = pq_getmsgstring(&in);
		const char *rettype_name = pq_getmsgstring(&in);

		for (i = 0; i < nargs; i++)
		{
			const char *name = pq_getmsgstring(&in);

			if (engine_task_on_peer())
				argtypes[i] = resolve_name(regtypein, name);
		}
		if (engine_task_on_peer())
		{
			/* 42883 with the name when the peer has no such function */
			fn = resolve_name(regprocedurein, signature);
			rettype = resolve_name(regtypein, rettype_name);
		}
	}

	/* the executor checks again, as the role it runs as */
	if (pg_proc_aclcheck(fn, GetUserId(), ACL_EXECUTE) != ACLCHECK_OK)
		aclcheck_error(ACLCHECK_NO_PRIV, OBJECT_FUNCTION, format_procedure(fn));

	fmgr_info(fn, &flinfo);
	for (i = 0; i < nargs; i++)
	{
		Oid			sent = pq_getmsgint(&in, 4);

		if (!engine_task_on_peer())
			argtypes[i] = sent;
		fcinfo->args[i].value = fanout_decode(&in, argtypes[i], -1, &fcinfo->args[i].isnull);
		any_null |= fcinfo->args[i].isnull;
	}
	fmgr_info_set_expr((Node *) describe_call(fn, rettype, nargs, argtypes, &collation),
					   &flinfo);
	InitFunctionCallInfoData(*fcinfo, &flinfo, nargs, collation, NULL, NULL);

	if (flinfo.fn_strict && any_null)
	{
		value = (Datum) 0;
		isnull = true;
	}
	else
	{
		value = FunctionCallInvoke(fcinfo);
		isnull = fcinfo->isnull;
	}
	if (rettype == VOIDOID)
		isnull = true;
	fanout_encode(result, value, isnull, rettype);
}
