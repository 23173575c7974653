/*
 * fanout.h
 *	  Fan-out of SQL functions: one "call" task kind (call.c), the value
 *	  codec that carries arguments and results by value (value_codec.c),
 *	  marsql.map (map.c) and spawned tasks (task_type.c, task_store.c).
 */
#ifndef MARSQL_FANOUT_H
#define MARSQL_FANOUT_H

#include "access/htup.h"
#include "access/tupdesc.h"
#include "lib/stringinfo.h"

/* a function call resolved against the actual argument types */
typedef struct FanoutCall
{
	Oid			fn;
	char	   *fn_name;		/* "f(integer)", for messages */
	int			nargs;
	Oid		   *argtypes;		/* actual types */
	Oid			rettype;		/* resolved */
	int32		rettypmod;		/* blessed typmod for record results */
	TupleDesc	result_desc;	/* composite results, else NULL */
	bool		idempotent;		/* not VOLATILE, or marked marsql.retryable */
	/* names a peer resolves the call by: its own object ids differ */
	char	   *signature;		/* "public.f(integer)" */
	char	   *rettype_name;
	char	  **argtype_names;
} FanoutCall;

extern int	fanout_call_kind;

/* the pg_proc row of fn (release it), or error 42883 */
extern HeapTuple fanout_lookup_function(Oid fn);

/* a text datum of s, or NULL when s is */
extern Datum fanout_text_or_null(const char *s, bool *isnull);

extern void fanout_register_kinds(void);

/*
 * Checks that the caller may call fn with these argument types (EXECUTE
 * privilege, a plain function, types that match) and resolves its result.
 * `what` names the caller in messages ("marsql.map").
 */
extern FanoutCall *fanout_resolve_call(Oid fn, int nargs, const Oid *argtypes,
									   const char *what);

/* the payload of one call: header, then each argument via fanout_encode */
extern void fanout_payload_begin(StringInfo buf, const FanoutCall *call);

/* checks that a result of the call's type can be returned as `witness` */
extern void fanout_check_witness(const FanoutCall *call, Oid witness);

/* value codec: binary send/receive where the type has them, else text */
extern void fanout_encode(StringInfo buf, Datum value, bool isnull, Oid type);
extern Datum fanout_decode(StringInfo buf, Oid type, int32 typmod, bool *isnull);

/* decodes a call's encoded result as the witness type */
extern Datum fanout_decode_result(const FanoutCall *call, Oid witness,
								  const char *data, int len, bool *isnull);


#endif							/* MARSQL_FANOUT_H */
