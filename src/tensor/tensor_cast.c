/*
 * tensor_cast.c
 *	  Casts between tensors and PostgreSQL arrays, and marsql.astype.
 *	  Each array type maps to the dtype of the same values: real[] float32,
 *	  double precision[] float64, smallint[] int16, integer[] int32,
 *	  bigint[] int64, boolean[] bool (exactly, by copying the elements);
 *	  numeric[] becomes float64.  Back, a tensor of any real dtype casts
 *	  to each of those arrays: to an integer array integers must be in
 *	  range and floats are truncated as numpy's astype does (NaN and
 *	  infinity refused), 22003 otherwise; to boolean[] nonzero is true;
 *	  complex tensors are refused (42804).  Multi-dimensional arrays keep
 *	  their shape; lower bounds are dropped.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "tensor/tensor.h"

PG_FUNCTION_INFO_V1(tensor_from_float4_array);
PG_FUNCTION_INFO_V1(tensor_from_float8_array);
PG_FUNCTION_INFO_V1(tensor_from_int2_array);
PG_FUNCTION_INFO_V1(tensor_from_int4_array);
PG_FUNCTION_INFO_V1(tensor_from_int8_array);
PG_FUNCTION_INFO_V1(tensor_from_bool_array);
PG_FUNCTION_INFO_V1(tensor_from_numeric_array);
PG_FUNCTION_INFO_V1(tensor_to_float4_array);
PG_FUNCTION_INFO_V1(tensor_to_float8_array);
PG_FUNCTION_INFO_V1(tensor_to_int2_array);
PG_FUNCTION_INFO_V1(tensor_to_int4_array);
PG_FUNCTION_INFO_V1(tensor_to_int8_array);
PG_FUNCTION_INFO_V1(tensor_to_bool_array);
PG_FUNCTION_INFO_V1(tensor_astype);

static Tensor *
tensor_for_array(ArrayType *array, MtDtype dtype)
{
	int			ndim;
	int64		dims[MT_MAX_DIMS];

	tensor_shape_of_array(array, &ndim, dims);
	return tensor_new(ndim, dims, dtype);
}

/*
 * Arrays of fixed-width elements without nulls have no gaps between
 * elements (each element's size is a multiple of its alignment): copy.
 */
static Datum
tensor_from_plain_array(ArrayType *array, MtDtype dtype)
{
	Tensor	   *t = tensor_for_array(array, dtype);

	memcpy(TENSOR_DATA(t), ARR_DATA_PTR(array),
		   (size_t) tensor_size(t) * mt_dtype_size(dtype));
	PG_RETURN_TENSOR_P(t);
}

Datum
tensor_from_float4_array(PG_FUNCTION_ARGS)
{
	return tensor_from_plain_array(PG_GETARG_ARRAYTYPE_P(0), MT_FLOAT32);
}

Datum
tensor_from_float8_array(PG_FUNCTION_ARGS)
{
	return tensor_from_plain_array(PG_GETARG_ARRAYTYPE_P(0), MT_FLOAT64);
}

Datum
tensor_from_int2_array(PG_FUNCTION_ARGS)
{
	return tensor_from_plain_array(PG_GETARG_ARRAYTYPE_P(0), MT_INT16);
}

Datum
tensor_from_int4_array(PG_FUNCTION_ARGS)
{
	return tensor_from_plain_array(PG_GETARG_ARRAYTYPE_P(0), MT_INT32);
}

Datum
tensor_from_int8_array(PG_FUNCTION_ARGS)
{
	return tensor_from_plain_array(PG_GETARG_ARRAYTYPE_P(0), MT_INT64);
}

/* boolean[]: one byte each; stored as 0 or 1, normalized all the same */
Datum
tensor_from_bool_array(PG_FUNCTION_ARGS)
{
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(0);
	Tensor	   *t = tensor_for_array(array, MT_BOOL);
	int64		n = tensor_size(t);
	const uint8 *in = (const uint8 *) ARR_DATA_PTR(array);
	uint8	   *out = (uint8 *) TENSOR_DATA(t);

	for (int64 i = 0; i < n; i++)
		out[i] = in[i] != 0;
	PG_RETURN_TENSOR_P(t);
}

/* numeric[] becomes float64 element by element. */
Datum
tensor_from_numeric_array(PG_FUNCTION_ARGS)
{
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	Tensor	   *t;
	double	   *out;

	t = tensor_for_array(array, MT_FLOAT64);
	deconstruct_array(array, NUMERICOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &n);
	out = TENSOR_DATA(t);
	for (int i = 0; i < n; i++)
	{
		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		out[i] = DatumGetFloat8(DirectFunctionCall1(numeric_float8, elems[i]));
	}
	PG_RETURN_TENSOR_P(t);
}

/* Complex tensors have no array or number counterpart: 42804. */
void
tensor_refuse_complex(const Tensor *t, const char *target)
{
	if (mt_dtype_is_complex((MtDtype) t->dtype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot cast a %s tensor to %s",
						mt_dtype_name((MtDtype) t->dtype), target),
				 errhint("Take marsql.real(t), marsql.imag(t) or marsql.abs(t) first.")));
}

/*
 * t as an exact dtype for a cast to an integer or boolean type (sqltype
 * names it in messages): bool is nonzero; integers must be in range
 * (22003); floats are truncated first, NaN and infinity refused, as
 * tensor_convert does.
 */
Tensor *
tensor_to_exact_for_cast(Tensor *t, MtDtype dtype, const char *sqltype)
{
	Tensor	   *src = t;
	Tensor	   *result;
	int64		n = tensor_size(t);
	int64		lo,
				hi;

	tensor_refuse_complex(t, sqltype);
	if (t->dtype == dtype)
		return t;
	if (dtype == MT_BOOL)
		return tensor_convert(t, MT_BOOL);
	if (!mt_dtype_is_exact((MtDtype) t->dtype))
		src = tensor_convert(t, MT_INT64);
	if (dtype == MT_INT64)
		return tensor_convert(src, MT_INT64);
	lo = dtype == MT_INT16 ? PG_INT16_MIN : PG_INT32_MIN;
	hi = dtype == MT_INT16 ? PG_INT16_MAX : PG_INT32_MAX;
	result = tensor_new_like(t, dtype);
	for (int64 i = 0; i < n; i++)
	{
		int64		v = mt_load_int64(TENSOR_DATA(src), (MtDtype) src->dtype, i);

		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		if (v < lo || v > hi)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s out of range", sqltype),
					 errdetail("Element %lld is %lld.", (long long) i,
							   (long long) v)));
		if (dtype == MT_INT16)
			((int16 *) TENSOR_DATA(result))[i] = (int16) v;
		else
			((int32 *) TENSOR_DATA(result))[i] = (int32) v;
	}
	return result;
}

/*
 * Builds the array directly: no per-element Datums.  A 0-d tensor becomes
 * a one-element array, an empty tensor an empty array.
 */
static Datum
tensor_to_array(Tensor *t, MtDtype dtype, Oid elemtype)
{
	int64		n = tensor_size(t);
	int			ndim = t->ndim == 0 ? 1 : t->ndim;
	size_t		elsize = mt_dtype_size(dtype);
	size_t		nbytes;
	ArrayType  *result;

	if (n == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(elemtype));
	if (t->ndim > MAXDIM)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("cannot cast a tensor with %d dimensions to an array",
						t->ndim),
				 errdetail("PostgreSQL arrays have at most %d dimensions.",
						   MAXDIM),
				 errhint("Reshape the tensor first, or read it with marsql.unnest.")));
	t = tensor_convert(t, dtype);
	nbytes = ARR_OVERHEAD_NONULLS(ndim) + (size_t) n * elsize;
	if (!AllocSizeIsValid(nbytes))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("array size exceeds the maximum allowed (%d)",
						(int) MaxAllocSize)));
	result = (ArrayType *) palloc0(nbytes);
	SET_VARSIZE(result, nbytes);
	result->ndim = ndim;
	result->dataoffset = 0;
	result->elemtype = elemtype;
	for (int i = 0; i < ndim; i++)
	{
		ARR_DIMS(result)[i] = t->ndim == 0 ? 1 : t->dims[i];
		ARR_LBOUND(result)[i] = 1;
	}
	memcpy(ARR_DATA_PTR(result), TENSOR_DATA(t), (size_t) n * elsize);
	PG_RETURN_ARRAYTYPE_P(result);
}

/* real[] and double precision[]: any real dtype, converted as astype */
Datum
tensor_to_float4_array(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	tensor_refuse_complex(t, "real[]");
	return tensor_to_array(t, MT_FLOAT32, FLOAT4OID);
}

Datum
tensor_to_float8_array(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	tensor_refuse_complex(t, "double precision[]");
	return tensor_to_array(t, MT_FLOAT64, FLOAT8OID);
}

Datum
tensor_to_int2_array(PG_FUNCTION_ARGS)
{
	return tensor_to_array(tensor_to_exact_for_cast(PG_GETARG_TENSOR_ANYDTYPE_P(0),
													MT_INT16, "smallint"),
						   MT_INT16, INT2OID);
}

Datum
tensor_to_int4_array(PG_FUNCTION_ARGS)
{
	return tensor_to_array(tensor_to_exact_for_cast(PG_GETARG_TENSOR_ANYDTYPE_P(0),
													MT_INT32, "integer"),
						   MT_INT32, INT4OID);
}

Datum
tensor_to_int8_array(PG_FUNCTION_ARGS)
{
	return tensor_to_array(tensor_to_exact_for_cast(PG_GETARG_TENSOR_ANYDTYPE_P(0),
													MT_INT64, "bigint"),
						   MT_INT64, INT8OID);
}

Datum
tensor_to_bool_array(PG_FUNCTION_ARGS)
{
	return tensor_to_array(tensor_to_exact_for_cast(PG_GETARG_TENSOR_ANYDTYPE_P(0),
													MT_BOOL, "boolean"),
						   MT_BOOL, BOOLOID);
}

Datum
tensor_astype(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	MtDtype		dtype = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(1));

	PG_RETURN_TENSOR_P(tensor_convert(t, dtype));
}
