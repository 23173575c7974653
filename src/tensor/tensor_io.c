/*
 * tensor_io.c
 *	  Text and binary input/output of marsql.tensor, the dtype type
 *	  modifier (tensor(float32)), and marsql.to_binary / from_binary.
 *	  Parsing and encoding live in the pure C kernels; this file only
 *	  allocates, converts errors and applies the type modifier.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "kernels/sparse_text.h"
#include "tensor/tensor.h"
#include "kernels/tensor_binary.h"
#include "kernels/tensor_text.h"

PG_FUNCTION_INFO_V1(tensor_in);
PG_FUNCTION_INFO_V1(tensor_out);
PG_FUNCTION_INFO_V1(tensor_typmod_in);
PG_FUNCTION_INFO_V1(tensor_typmod_out);
PG_FUNCTION_INFO_V1(tensor_apply_typmod);
PG_FUNCTION_INFO_V1(tensor_recv);
PG_FUNCTION_INFO_V1(tensor_send);
PG_FUNCTION_INFO_V1(tensor_from_binary);

/*
 * The type modifier is the dtype code; -1 means any dtype.  Storing into a
 * tensor(int8) column must not change a value silently, so an integer that
 * does not fit the column's integer dtype is 22003 (astype would wrap 300
 * to 44, as numpy's does); floats convert as astype does (truncated, NaN,
 * infinite or out of range refused), as the casts to integer[] do.
 */
static Tensor *
apply_typmod(Tensor *t, int32 typmod)
{
	MtDtype		to = (MtDtype) typmod;

	if (typmod < 0 || t->dtype == to)
		return t;
	if (mt_dtype_is_integer(to) && mt_dtype_is_exact((MtDtype) t->dtype) &&
		!tensor_is_csr(t))
	{
		int64		n = tensor_size(t);
		int64_t		lo,
					hi;

		mt_dtype_int_range(to, &lo, &hi);
		for (int64 i = 0; i < n; i++)
		{
			int64		v = mt_load_int64(TENSOR_DATA(t), (MtDtype) t->dtype, i);

			if ((i & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();
			if (v < lo || v > hi)
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("value out of range for tensor(%s): %lld",
								mt_dtype_name(to), (long long) v),
						 errdetail("Element %lld of the %s tensor does not fit in %s.",
								   (long long) i, mt_dtype_name((MtDtype) t->dtype),
								   mt_dtype_name(to)),
						 errhint("Declare a wider dtype, or convert with marsql.astype(t, '%s') to wrap as numpy does.",
								 mt_dtype_name(to))));
		}
	}
	return tensor_convert(t, to);
}

Datum
tensor_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	int32		typmod = PG_GETARG_INT32(2);
	MtTextShape shape;
	MtError		err;
	MtDtype		dtype;
	Tensor	   *t;

	if (mt_csr_text_is_csr(input))
		PG_RETURN_TENSOR_P(apply_typmod(tensor_csr_in(input, typmod), typmod));
	if (mt_text_scan(input, &shape, &err) != MT_OK)
		tensor_report_error(&err, input);
	/* the literal's own dtype, the column's, the elements', float64 */
	dtype = mt_text_dtype(&shape, typmod);
	t = tensor_new(shape.ndim, shape.dims, dtype);
	if (mt_text_fill(input, &shape, dtype, TENSOR_DATA(t), &err) != MT_OK)
		tensor_report_error(&err, input);
	PG_RETURN_TENSOR_P(apply_typmod(t, typmod));
}

static void
append_repeated(StringInfo buf, char c, int times)
{
	for (int i = 0; i < times; i++)
		appendStringInfoCharMacro(buf, c);
}

/*
 * Output: "[[1,2],[3,4]]", prefixed with the dtype ("int32:[1,2]") for
 * every dtype but float64; an empty tensor
 * with two or more dimensions is written with its shape, "(0,3):[]".
 */
Datum
tensor_out(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_STORED_P(0);
	int64		n = tensor_size(t);
	int64		index[MT_MAX_DIMS] = {0};
	StringInfoData buf;

	if (tensor_is_csr(t))
		PG_RETURN_CSTRING(tensor_csr_out(t));

	initStringInfo(&buf);
	if (t->dtype != MT_FLOAT64)
		appendStringInfoString(&buf, mt_dtype_name((MtDtype) t->dtype));
	if (n == 0 && t->ndim >= 2)
	{
		appendStringInfoChar(&buf, '(');
		for (int i = 0; i < t->ndim; i++)
			appendStringInfo(&buf, i ? ",%d" : "%d", t->dims[i]);
		appendStringInfoChar(&buf, ')');
	}
	if (buf.len > 0)
		appendStringInfoChar(&buf, ':');
	if (t->ndim == 0)
	{
		tensor_append_element(&buf, TENSOR_DATA(t), (MtDtype) t->dtype, 0);
		PG_RETURN_CSTRING(buf.data);
	}
	if (n == 0)
	{
		appendStringInfoString(&buf, "[]");
		PG_RETURN_CSTRING(buf.data);
	}

	append_repeated(&buf, '[', t->ndim);
	for (int64 i = 0; i < n; i++)
	{
		int			closed = 0;

		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		tensor_append_element(&buf, TENSOR_DATA(t), (MtDtype) t->dtype, i);
		/* advance the odometer, counting the dimensions that wrap */
		for (int d = t->ndim - 1; d >= 0; d--)
		{
			if (++index[d] < t->dims[d])
				break;
			index[d] = 0;
			closed++;
		}
		if (i + 1 < n)
		{
			append_repeated(&buf, ']', closed);
			appendStringInfoCharMacro(&buf, ',');
			append_repeated(&buf, '[', closed);
		}
	}
	append_repeated(&buf, ']', t->ndim);
	PG_RETURN_CSTRING(buf.data);
}

Datum
tensor_typmod_in(PG_FUNCTION_ARGS)
{
	ArrayType  *ta = PG_GETARG_ARRAYTYPE_P(0);
	int			n;
	Datum	   *elems;
	bool	   *nulls;

	if (ARR_ELEMTYPE(ta) != CSTRINGOID)
		elog(ERROR, "type modifier must be a cstring array");
	deconstruct_array(ta, CSTRINGOID, -2, false, TYPALIGN_CHAR,
					  &elems, &nulls, &n);
	if (n != 1 || nulls[0])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("type modifier of tensor must be a single dtype"),
				 errhint("Write tensor(float32), tensor(int64) or another dtype.")));
	PG_RETURN_INT32((int32) tensor_any_dtype_from_cstring(DatumGetCString(elems[0])));
}

Datum
tensor_typmod_out(PG_FUNCTION_ARGS)
{
	int32		typmod = PG_GETARG_INT32(0);

	if (typmod < 0)
		PG_RETURN_CSTRING(pstrdup(""));
	PG_RETURN_CSTRING(psprintf("(%s)", mt_dtype_name((MtDtype) typmod)));
}

/* Length-coercion cast: tensor -> tensor(dtype) converts the dtype. */
Datum
tensor_apply_typmod(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_STORED_P(0);	/* a sparse value stays sparse */

	PG_RETURN_TENSOR_P(apply_typmod(t, PG_GETARG_INT32(1)));
}

static Tensor *
decode_binary(const char *data, size_t len)
{
	MtBinaryHeader header;
	MtError		err;
	Tensor	   *t;

	if (mt_binary_decode_header((const uint8 *) data, len, &header,
								&err) != MT_OK)
		tensor_report_error(&err, NULL);
	t = tensor_new(header.ndim, header.dims, header.dtype);
	mt_binary_decode_data((const uint8 *) data + header.data_offset,
						  header.dtype, header.count, TENSOR_DATA(t));
	return t;
}

Datum
tensor_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		typmod = PG_GETARG_INT32(2);
	Tensor	   *t;

	t = decode_binary(buf->data + buf->cursor, buf->len - buf->cursor);
	buf->cursor = buf->len;
	PG_RETURN_TENSOR_P(apply_typmod(t, typmod));
}

/* tensor_send is also SQL-callable as marsql.to_binary(tensor). */
Datum
tensor_send(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int64		n = tensor_size(t);
	size_t		size = mt_binary_size(t->ndim, (MtDtype) t->dtype, n);
	bytea	   *result;

	/* the binary form is always shorter than the value it encodes */
	if (size > MaxAllocSize - VARHDRSZ)
		elog(ERROR, "binary form of a tensor exceeds the value it encodes");
	result = (bytea *) palloc(size + VARHDRSZ);
	SET_VARSIZE(result, size + VARHDRSZ);
	mt_binary_encode((MtDtype) t->dtype, t->ndim, t->dims, n, TENSOR_DATA(t),
					 (uint8 *) VARDATA(result));
	PG_RETURN_BYTEA_P(result);
}

Datum
tensor_from_binary(PG_FUNCTION_ARGS)
{
	bytea	   *data = PG_GETARG_BYTEA_PP(0);

	PG_RETURN_TENSOR_P(decode_binary(VARDATA_ANY(data),
									 VARSIZE_ANY_EXHDR(data)));
}
