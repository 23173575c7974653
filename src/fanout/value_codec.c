/*
 * value_codec.c
 *	  Carries one SQL value by value between the leader and an executor:
 *	  a tag byte ('n' NULL, 'b' binary, 't' text), then a length and the
 *	  bytes.  Binary send/receive is used where the type has both (exact for
 *	  floats, compact for tensors); other types go through text I/O.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "engine/engine.h"
#include "fanout/fanout.h"

static bool
has_binary_io(Oid type)
{
	HeapTuple	tup = SearchSysCache1(TYPEOID, ObjectIdGetDatum(type));
	Form_pg_type t;
	bool		result;

	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for type %u", type);
	t = (Form_pg_type) GETSTRUCT(tup);
	result = OidIsValid(t->typsend) && OidIsValid(t->typreceive);
	ReleaseSysCache(tup);
	return result;
}

void
fanout_encode(StringInfo buf, Datum value, bool isnull, Oid type)
{
	Oid			func;
	bool		varlena;

	if (isnull)
	{
		pq_sendbyte(buf, 'n');
		return;
	}
	if (has_binary_io(type))
	{
		bytea	   *bytes;

		getTypeBinaryOutputInfo(type, &func, &varlena);
		bytes = OidSendFunctionCall(func, value);
		pq_sendbyte(buf, 'b');
		pq_sendint32(buf, VARSIZE(bytes) - VARHDRSZ);
		pq_sendbytes(buf, VARDATA(bytes), VARSIZE(bytes) - VARHDRSZ);
		pfree(bytes);			/* a large value must not be held twice */
	}
	else
	{
		char	   *text;

		getTypeOutputInfo(type, &func, &varlena);
		text = OidOutputFunctionCall(func, value);
		pq_sendbyte(buf, 't');
		pq_sendint32(buf, strlen(text));
		pq_sendbytes(buf, text, strlen(text));
		pfree(text);
	}
}

Datum
fanout_decode(StringInfo buf, Oid type, int32 typmod, bool *isnull)
{
	char		tag = pq_getmsgbyte(buf);
	int			len;
	Oid			func;
	Oid			ioparam;

	*isnull = false;
	if (tag == 'n')
	{
		*isnull = true;
		return (Datum) 0;
	}
	len = pq_getmsgint(buf, 4);
	if (len < 0 || len > buf->len - buf->cursor)
		engine_malformed_task("malformed marsql value message");
	if (tag == 'b')
	{
		StringInfoData value;
		Datum		result;

		/* a copy: receive functions may look at a terminating NUL */
		value.data = palloc(len + 1);
		memcpy(value.data, buf->data + buf->cursor, len);
		value.data[len] = '\0';
		value.len = len;
		value.maxlen = len + 1;
		value.cursor = 0;
		buf->cursor += len;
		getTypeBinaryInputInfo(type, &func, &ioparam);
		result = OidReceiveFunctionCall(func, &value, ioparam, typmod);
		/* receive functions return values of their own, as COPY needs */
		pfree(value.data);
		return result;
	}
	if (tag == 't')
	{
		char	   *text = pnstrdup(buf->data + buf->cursor, len);

		buf->cursor += len;
		getTypeInputInfo(type, &func, &ioparam);
		return OidInputFunctionCall(func, text, ioparam, typmod);
	}
	engine_malformed_task("malformed marsql value message");
	return (Datum) 0;			/* keep compiler quiet */
}
