/*
 * tensor_dtype_info.c
 *	  SQL glue of numpy's data-type routines (kernels/dtype_info.h):
 *	  result_type, promote_types, can_cast, isdtype, finfo, iinfo; and the
 *	  array helpers copy, asarray_chkfinite and ix_.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "kernels/dtype_info.h"
#include "tensor/tensor.h"

PG_FUNCTION_INFO_V1(tensor_result_type);
PG_FUNCTION_INFO_V1(tensor_result_type_names);
PG_FUNCTION_INFO_V1(tensor_result_type_scalar);
PG_FUNCTION_INFO_V1(tensor_promote_types);
PG_FUNCTION_INFO_V1(tensor_can_cast);
PG_FUNCTION_INFO_V1(tensor_can_cast_tensor);
PG_FUNCTION_INFO_V1(tensor_isdtype);
PG_FUNCTION_INFO_V1(tensor_isdtype_any);
PG_FUNCTION_INFO_V1(tensor_finfo);
PG_FUNCTION_INFO_V1(tensor_iinfo);
PG_FUNCTION_INFO_V1(tensor_copy);
PG_FUNCTION_INFO_V1(tensor_asarray_chkfinite);
PG_FUNCTION_INFO_V1(tensor_ix);

/* The elements of a one-dimensional array argument, NULLs refused. */
static Datum *
array_elements(ArrayType *arr, int *count, const char *what)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elems;
	bool	   *nulls;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", what)));
	get_typlenbyvalalign(ARR_ELEMTYPE(arr), &typlen, &typbyval, &typalign);
	deconstruct_array(arr, ARR_ELEMTYPE(arr), typlen, typbyval, typalign,
					  &elems, &nulls, count);
	for (int i = 0; i < *count; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not contain nulls", what)));
	return elems;
}

static void
require_some(int count, const char *fn)
{
	if (count == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs at least one tensor or dtype", fn)));
}

/* result_type(VARIADIC tensor[]) -> text: numpy.result_type of the dtypes */
Datum
tensor_result_type(PG_FUNCTION_ARGS)
{
	int			count;
	Datum	   *elems = array_elements(PG_GETARG_ARRAYTYPE_P(0), &count,
									   "result_type's tensors");
	MtDtype    *dtypes;

	require_some(count, "result_type");
	dtypes = palloc(sizeof(MtDtype) * count);
	for (int i = 0; i < count; i++)
		dtypes[i] = (MtDtype) DatumGetTensorStoredP(elems[i])->dtype;
	PG_RETURN_TEXT_P(cstring_to_text(mt_dtype_name(mt_dtype_result_type(dtypes, count))));
}

/* result_type(VARIADIC text[]) -> text: of dtype names */
Datum
tensor_result_type_names(PG_FUNCTION_ARGS)
{
	int			count;
	Datum	   *elems = array_elements(PG_GETARG_ARRAYTYPE_P(0), &count,
									   "result_type's dtypes");
	MtDtype    *dtypes;

	require_some(count, "result_type");
	dtypes = palloc(sizeof(MtDtype) * count);
	for (int i = 0; i < count; i++)
		dtypes[i] = tensor_any_dtype_from_text(DatumGetTextPP(elems[i]));
	PG_RETURN_TEXT_P(cstring_to_text(mt_dtype_name(mt_dtype_result_type(dtypes, count))));
}

/*
 * result_type(t tensor, s boolean | integer | bigint | double precision)
 * -> text: s is a weak scalar (NEP 50, numpy >= 2) of the kind its SQL
 * type says (one C function for the four SQL forms)
 */
Datum
tensor_result_type_scalar(PG_FUNCTION_ARGS)
{
	MtDtype		dtype = (MtDtype) PG_GETARG_TENSOR_STORED_P(0)->dtype;
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, 1);
	MtScalarKind kind;

	switch (type)
	{
		case BOOLOID:
			kind = MT_SCALAR_BOOL;
			break;
		case INT2OID:
		case INT4OID:
		case INT8OID:
			kind = MT_SCALAR_INT;
			break;
		default:
			kind = MT_SCALAR_FLOAT;
			break;
	}
	PG_RETURN_TEXT_P(cstring_to_text(mt_dtype_name(mt_dtype_promote_scalar(dtype, kind))));
}

/* promote_types(a text, b text) -> text: numpy.promote_types */
Datum
tensor_promote_types(PG_FUNCTION_ARGS)
{
	MtDtype		a = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(0));
	MtDtype		b = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(1));

	PG_RETURN_TEXT_P(cstring_to_text(mt_dtype_name(mt_dtype_promote(a, b))));
}

static bool
can_cast(MtDtype from, FunctionCallInfo fcinfo)
{
	MtDtype		to = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(1));
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(2));
	MtCasting	casting = mt_casting_from_name(name);

	if (casting == MT_CASTING_INVALID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid casting \"%s\"", name),
				 errhint("Valid castings are no, equiv, safe, same_kind and unsafe.")));
	return mt_dtype_can_cast(from, to, casting);
}

/* can_cast(from text, to text, casting DEFAULT 'safe'): numpy.can_cast */
Datum
tensor_can_cast(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(can_cast(tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(0)), fcinfo));
}

/* can_cast(from tensor, ...): by from's dtype, never its values (numpy 2) */
Datum
tensor_can_cast_tensor(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(can_cast((MtDtype) PG_GETARG_TENSOR_STORED_P(0)->dtype, fcinfo));
}

/* whether dtype is of the kind (a kind name or a dtype name) */
static bool
is_kind(MtDtype dtype, const char *kind)
{
	int			is = mt_dtype_is_kind(dtype, kind);
	MtDtype		other;

	if (is >= 0)
		return is == 1;
	other = mt_dtype_from_name(kind, strlen(kind));
	if (other == MT_DTYPE_INVALID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid dtype kind \"%s\"", kind),
				 errhint("A kind is bool, signed integer, unsigned integer, integral, real floating, complex floating, numeric or a dtype name.")));
	return other == dtype;
}

/* isdtype(dtype text, kind text): the array API's isdtype */
Datum
tensor_isdtype(PG_FUNCTION_ARGS)
{
	MtDtype		dtype = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(0));

	PG_RETURN_BOOL(is_kind(dtype, text_to_cstring(PG_GETARG_TEXT_PP(1))));
}

/* isdtype(dtype text, kinds text[]): of any of the kinds (the tuple form) */
Datum
tensor_isdtype_any(PG_FUNCTION_ARGS)
{
	MtDtype		dtype = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(0));
	int			count;
	Datum	   *elems = array_elements(PG_GETARG_ARRAYTYPE_P(1), &count,
									   "isdtype's kinds");
	bool		any = false;

	/* every kind is checked, so that a bad one is an error wherever it is */
	for (int i = 0; i < count; i++)
		any |= is_kind(dtype, TextDatumGetCString(elems[i]));
	PG_RETURN_BOOL(any);
}

static Datum
form_tuple(FunctionCallInfo fcinfo, Datum *values)
{
	TupleDesc	desc;
	bool		nulls[16] = {0};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	desc = BlessTupleDesc(desc);
	return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
}

/*
 * finfo(dtype text) -> (bits, eps, epsneg, max, min, tiny, smallest_normal,
 * smallest_subnormal, resolution, precision, nmant, nexp, minexp, maxexp,
 * dtype): numpy.finfo; the values are numpy's, exact in double precision
 */
Datum
tensor_finfo(PG_FUNCTION_ARGS)
{
	MtDtype		dtype = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(0));
	MtFinfo		f;
	Datum		values[15];

	if (!mt_dtype_finfo(dtype, &f))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("finfo needs a float or complex dtype, not %s",
						mt_dtype_name(dtype)),
				 errhint("Use marsql.iinfo for an integer dtype.")));
	values[0] = Int32GetDatum(f.bits);
	values[1] = Float8GetDatum(f.eps);
	values[2] = Float8GetDatum(f.epsneg);
	values[3] = Float8GetDatum(f.max);
	values[4] = Float8GetDatum(f.min);
	values[5] = Float8GetDatum(f.smallest_normal);
	values[6] = Float8GetDatum(f.smallest_normal);
	values[7] = Float8GetDatum(f.smallest_subnormal);
	values[8] = Float8GetDatum(f.resolution);
	values[9] = Int32GetDatum(f.precision);
	values[10] = Int32GetDatum(f.nmant);
	values[11] = Int32GetDatum(f.nexp);
	values[12] = Int32GetDatum(f.minexp);
	values[13] = Int32GetDatum(f.maxexp);
	values[14] = PointerGetDatum(cstring_to_text(mt_dtype_name(f.dtype)));
	PG_RETURN_DATUM(form_tuple(fcinfo, values));
}

/* iinfo(dtype text) -> (bits, min, max, dtype): numpy.iinfo */
Datum
tensor_iinfo(PG_FUNCTION_ARGS)
{
	MtDtype		dtype = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(0));
	int			bits;
	int64_t		lo,
				hi;
	Datum		values[4];

	if (!mt_dtype_iinfo(dtype, &bits, &lo, &hi))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("iinfo needs an integer dtype, not %s", mt_dtype_name(dtype)),
				 errhint("Use marsql.finfo for a float or complex dtype.")));
	values[0] = Int32GetDatum(bits);
	values[1] = Int64GetDatum(lo);
	values[2] = Int64GetDatum(hi);
	values[3] = PointerGetDatum(cstring_to_text(mt_dtype_name(dtype)));
	PG_RETURN_DATUM(form_tuple(fcinfo, values));
}

/* copy(t): numpy.copy, the value as stored (sparse stays sparse) */
Datum
tensor_copy(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_STORED_P(0);
	Tensor	   *c = palloc(VARSIZE(t));

	memcpy(c, t, VARSIZE(t));
	PG_RETURN_TENSOR_P(c);
}

/* asarray_chkfinite(t): t, or 22023 when an element is NaN or infinite */
Datum
tensor_asarray_chkfinite(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	int64		n = tensor_size(t);
	size_t		size = mt_dtype_size((MtDtype) t->dtype);
	int64		at = -1;

	for (int64 start = 0; start < n && at < 0; start += TENSOR_INTERRUPT_STRIDE)
	{
		CHECK_FOR_INTERRUPTS();
		at = mt_first_nonfinite((const char *) TENSOR_DATA(t) + start * size,
								(MtDtype) t->dtype,
								Min(TENSOR_INTERRUPT_STRIDE, n - start));
		if (at >= 0)
			at += start;
	}
	if (at >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("array must not contain infs or NaNs"),
				 errdetail("Element %lld (flat index) is not finite.", (long long) at)));
	PG_RETURN_TENSOR_P(t);
}

/*
 * ix_(VARIADIC tensor[]) -> tensor[]: numpy.ix_, the k-th of n
 * one-dimensional tensors reshaped to (1, .., len, .., 1) with len on axis
 * k; a bool tensor gives the int64 indices of its true elements (nonzero)
 */
Datum
tensor_ix(PG_FUNCTION_ARGS)
{
	int			count;
	Datum	   *elems = array_elements(PG_GETARG_ARRAYTYPE_P(0), &count,
									   "ix_'s tensors");
	Oid			tensor_type = get_element_type(get_fn_expr_rettype(fcinfo->flinfo));
	Datum	   *out;

	if (count == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(tensor_type));
	if (count > MT_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("ix_ of %d tensors exceeds the maximum number of dimensions (%d)",
						count, MT_MAX_DIMS)));
	out = palloc(sizeof(Datum) * count);
	for (int k = 0; k < count; k++)
	{
		Tensor	   *t = DatumGetTensorAnyDtypeP(elems[k]);
		int64		dims[MT_MAX_DIMS];
		int64		len;

		if (t->ndim != 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cross index must be one-dimensional"),
					 errdetail("Tensor %d has %d dimensions.", k + 1, t->ndim)));
		len = t->dims[0];
		if (t->dtype == MT_BOOL)
		{
			const uint8 *b = TENSOR_DATA(t);
			int64		n = 0;
			int64	   *idx;
			Tensor	   *r;

			CHECK_FOR_INTERRUPTS();
			for (int64 i = 0; i < len; i++)
				n += b[i] != 0;
			dims[0] = n;
			r = tensor_new_uninit(1, dims, MT_INT64);
			idx = TENSOR_DATA(r);
			n = 0;
			for (int64 i = 0; i < len; i++)
				if (b[i])
					idx[n++] = i;
			t = r;
			len = n;
		}
		for (int d = 0; d < count; d++)
			dims[d] = d == k ? len : 1;
		out[k] = PointerGetDatum(tensor_reshaped(t, count, dims));
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(out, count, tensor_type, -1, false,
										  TYPALIGN_DOUBLE));
}
