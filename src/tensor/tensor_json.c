/*
 * tensor_json.c
 *	  Tensors and JSON: the casts jsonb -> tensor (a nested rectangular
 *	  array of numbers, or one number for a 0-d tensor) and tensor -> json
 *	  / jsonb (the same nested array).  The cast to json is what
 *	  PostgreSQL's to_json, to_jsonb, json_agg and row_to_json use for a
 *	  type of an extension, so they all write a tensor as a JSON array.
 *
 *	  JSON has no NaN or infinities: they are written as the strings
 *	  "NaN", "Infinity" and "-Infinity", as PostgreSQL's to_json writes a
 *	  double precision, and read back from exactly those strings.  Numbers
 *	  use the shortest text that reads back to the same float32 or float64
 *	  value.
 */
#include "postgres.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/float.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "tensor/tensor.h"
#include "kernels/elements.h"

PG_FUNCTION_INFO_V1(tensor_from_jsonb);
PG_FUNCTION_INFO_V1(tensor_to_json);
PG_FUNCTION_INFO_V1(tensor_to_jsonb);

static const char *
jsonb_kind(const JsonbValue *v)
{
	switch (v->type)
	{
		case jbvNull:
			return "null";
		case jbvString:
			return "string";
		case jbvNumeric:
			return "number";
		case jbvBool:
			return "boolean";
		default:
			return "object";
	}
}

/* A JSON scalar as a tensor element: a number, or "NaN" / "Infinity" / "-Infinity". */
static double
element_value(const JsonbValue *v, int64 position)
{
	if (v->type == jbvNumeric)
	{
		double		d = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow,
														   NumericGetDatum(v->val.numeric)));

		if (isinf(d))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("jsonb number is out of range for a tensor element"),
					 errdetail("Element %lld (0-based, in C order) is beyond the range of float64.",
							   (long long) position)));
		return d;
	}
	if (v->type == jbvString)
	{
		const char *s = v->val.string.val;
		int			len = v->val.string.len;

		if (len == 3 && strncmp(s, "NaN", 3) == 0)
			return get_float8_nan();
		if (len == 8 && strncmp(s, "Infinity", 8) == 0)
			return get_float8_infinity();
		if (len == 9 && strncmp(s, "-Infinity", 9) == 0)
			return -get_float8_infinity();
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot cast jsonb %s to a tensor element", jsonb_kind(v)),
			 errdetail("Element %lld (0-based, in C order) is a JSON %s; tensor elements are numbers, or the strings \"NaN\", \"Infinity\" and \"-Infinity\".",
					   (long long) position, jsonb_kind(v))));
	return 0.0;					/* keep the compiler quiet */
}

static void
ragged(int depth, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot cast a ragged jsonb array to a tensor"),
			 errdetail("At depth %d %s.", depth, what),
			 errhint("Every array at one depth must have the same length, and numbers must all sit at the same depth.")));
}

/*
 * One pass over the tokens.  The shape comes from the first path down
 * (the first element of each array, or an empty array); everything after
 * it must agree, and values are stored as they come, in C order.
 */
Datum
tensor_from_jsonb(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(0);
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	int			ndim = -1;		/* not known yet */
	int			depth = 0;
	int64		dims[MT_MAX_DIMS];
	Tensor	   *t = NULL;
	double	   *out = NULL;
	int64		n = 0;

	if (JB_ROOT_IS_SCALAR(jb))
	{
		JsonbValue	scalar;
		int64		none[1] = {0};

		(void) JsonbExtractScalar(&jb->root, &scalar);
		t = tensor_new(0, none, MT_FLOAT64);
		((double *) TENSOR_DATA(t))[0] = element_value(&scalar, 0);
		PG_RETURN_TENSOR_P(t);
	}
	if (JB_ROOT_IS_OBJECT(jb))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot cast a jsonb object to a tensor"),
				 errhint("Give a nested array of numbers, such as [[1, 2], [3, 4]].")));

	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, false)) != WJB_DONE)
	{
		switch (tok)
		{
			case WJB_BEGIN_ARRAY:
				if (ndim < 0)
				{
					if (depth >= MT_MAX_DIMS)
						ereport(ERROR,
								(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
								 errmsg("number of tensor dimensions exceeds the maximum allowed (%d)",
										MT_MAX_DIMS)));
					dims[depth] = v.val.array.nElems;
					if (v.val.array.nElems == 0)
						ndim = depth + 1;
				}
				else if (depth >= ndim)
					ragged(depth, "an array stands where a number is expected");
				else if (v.val.array.nElems != dims[depth])
					ragged(depth, psprintf("an array has %d elements where the first one has %lld",
										   v.val.array.nElems, (long long) dims[depth]));
				depth++;
				if (ndim >= 0 && t == NULL)
				{
					tensor_check_shape(ndim, dims, MT_FLOAT64);
					t = tensor_new(ndim, dims, MT_FLOAT64);
					out = TENSOR_DATA(t);
				}
				break;
			case WJB_END_ARRAY:
				depth--;
				break;
			case WJB_ELEM:
				if (ndim < 0)
				{
					ndim = depth;
					tensor_check_shape(ndim, dims, MT_FLOAT64);
					t = tensor_new(ndim, dims, MT_FLOAT64);
					out = TENSOR_DATA(t);
				}
				else if (depth != ndim)
					ragged(depth, "a value stands where an array is expected");
				if ((n & 0xffff) == 0)
					CHECK_FOR_INTERRUPTS();
				/* the checks above keep n below the tensor's size */
				out[n] = element_value(&v, n);
				n++;
				break;
			case WJB_BEGIN_OBJECT:
				if (ndim >= 0 && depth != ndim)
					ragged(depth, "an object stands where an array is expected");
				v.type = jbvObject;
				(void) element_value(&v, n);
				break;
			default:
				elog(ERROR, "unexpected jsonb token %d", (int) tok);
		}
	}
	Assert(t != NULL && n == tensor_size(t));
	PG_RETURN_TENSOR_P(t);
}

/*
 * One element: a JSON number (integers in full, floats shortest), true or
 * false for bool; NaN and infinities as the strings "NaN", "Infinity",
 * "-Infinity"; a complex value as the string tensor_out writes ("1+2j",
 * which Python's complex() reads).
 */
static void
append_element(StringInfo buf, const Tensor *t, int64 i)
{
	MtDtype		dtype = (MtDtype) t->dtype;
	double		v;

	if (mt_dtype_is_complex(dtype))
	{
		appendStringInfoChar(buf, '"');
		tensor_append_element(buf, TENSOR_DATA(t), dtype, i);
		appendStringInfoChar(buf, '"');
		return;
	}
	if (mt_dtype_is_exact(dtype) || dtype == MT_FLOAT16)
	{
		v = mt_load(TENSOR_DATA(t), dtype, i);
		if (!isnan(v) && !isinf(v))
		{
			tensor_append_element(buf, TENSOR_DATA(t), dtype, i);
			return;
		}
	}
	v = mt_load(TENSOR_DATA(t), dtype, i);
	if (isnan(v))
		appendStringInfoString(buf, "\"NaN\"");
	else if (isinf(v))
		appendStringInfoString(buf, v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
	else
	{
		enlargeStringInfo(buf, DOUBLE_SHORTEST_DECIMAL_LEN);
		if (t->dtype == MT_FLOAT32)
			buf->len += float_to_shortest_decimal_bufn(((const float *) TENSOR_DATA(t))[i],
													   buf->data + buf->len);
		else
			buf->len += double_to_shortest_decimal_bufn(v, buf->data + buf->len);
		buf->data[buf->len] = '\0';
	}
}

/* An empty tensor from axis d on: [] for an empty axis, [[], []] above it. */
static void
append_empty(StringInfo buf, const Tensor *t, int d)
{
	CHECK_FOR_INTERRUPTS();
	appendStringInfoChar(buf, '[');
	if (t->dims[d] > 0 && d + 1 < t->ndim)
	{
		for (int32 k = 0; k < t->dims[d]; k++)
		{
			if (k > 0)
				appendStringInfoChar(buf, ',');
			append_empty(buf, t, d + 1);
		}
	}
	appendStringInfoChar(buf, ']');
}

/* The nested array, as text; empty axes give empty arrays. */
static char *
tensor_json_text(const Tensor *t)
{
	StringInfoData buf;
	int64		n = tensor_size(t);
	int64		index[MT_MAX_DIMS] = {0};
	int64		flat = 0;
	int			d;

	initStringInfo(&buf);
	if (t->ndim == 0)
	{
		append_element(&buf, t, 0);
		return buf.data;
	}
	if (n == 0)
	{
		append_empty(&buf, t, 0);
		return buf.data;
	}
	for (d = 0; d < t->ndim; d++)
		appendStringInfoChar(&buf, '[');
	for (;;)
	{
		if ((flat & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		append_element(&buf, t, flat);
		flat++;
		for (d = t->ndim - 1; d >= 0; d--)
		{
			if (++index[d] < t->dims[d])
				break;
			index[d] = 0;
			appendStringInfoChar(&buf, ']');
		}
		if (d < 0)
			break;
		appendStringInfoChar(&buf, ',');
		for (int e = d + 1; e < t->ndim; e++)
			appendStringInfoChar(&buf, '[');
	}
	return buf.data;
}

Datum
tensor_to_json(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(tensor_json_text(PG_GETARG_TENSOR_ANYDTYPE_P(0))));
}

Datum
tensor_to_jsonb(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(jsonb_in,
							   CStringGetDatum(tensor_json_text(PG_GETARG_TENSOR_ANYDTYPE_P(0))));
}
