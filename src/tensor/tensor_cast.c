/*
 * tensor_cast.c
 *	  Casts between tensors and PostgreSQL arrays (real[], double
 *	  precision[], smallint[], int[], bigint[], numeric[]), and marsql.astype.
 *	  Multi-dimensional arrays keep their shape; lower bounds are dropped.
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
PG_FUNCTION_INFO_V1(tensor_from_numeric_array);
PG_FUNCTION_INFO_V1(tensor_to_float4_array);
PG_FUNCTION_INFO_V1(tensor_to_float8_array);
PG_FUNCTION_INFO_V1(tensor_astype);

static Tensor *
tensor_for_array(ArrayType *array, MtDtype dtype)
{
	int			ndim;
	int64		dims[MT_MAX_DIMS];

	tensor_shape_of_array(array, &ndim, dims);
	return tensor_new(ndim, dims, dtype);
}

/* real[] and double precision[] have no alignment gaps: copy directly. */
static Datum
tensor_from_float_array(ArrayType *array, MtDtype dtype)
{
	Tensor	   *t = tensor_for_array(array, dtype);

	memcpy(TENSOR_DATA(t), ARR_DATA_PTR(array),
		   (size_t) tensor_size(t) * mt_dtype_size(dtype));
	PG_RETURN_TENSOR_P(t);
}

Datum
tensor_from_float4_array(PG_FUNCTION_ARGS)
{
	return tensor_from_float_array(PG_GETARG_ARRAYTYPE_P(0), MT_FLOAT32);
}

Datum
tensor_from_float8_array(PG_FUNCTION_ARGS)
{
	return tensor_from_float_array(PG_GETARG_ARRAYTYPE_P(0), MT_FLOAT64);
}

/* smallint[], int[], bigint[] and numeric[] become float64 element by element. */
static Datum
tensor_from_other_array(ArrayType *array, double (*to_double) (Datum))
{
	Oid			elemtype = ARR_ELEMTYPE(array);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	Tensor	   *t;
	double	   *out;

	t = tensor_for_array(array, MT_FLOAT64);
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(array, elemtype, typlen, typbyval, typalign,
					  &elems, &nulls, &n);
	out = TENSOR_DATA(t);
	for (int i = 0; i < n; i++)
	{
		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		out[i] = to_double(elems[i]);
	}
	PG_RETURN_TENSOR_P(t);
}

static double
int2_to_double(Datum d)
{
	return (double) DatumGetInt16(d);
}

static double
int4_to_double(Datum d)
{
	return (double) DatumGetInt32(d);
}

static double
int8_to_double(Datum d)
{
	return (double) DatumGetInt64(d);
}

static double
numeric_to_double(Datum d)
{
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8, d));
}

Datum
tensor_from_int2_array(PG_FUNCTION_ARGS)
{
	return tensor_from_other_array(PG_GETARG_ARRAYTYPE_P(0), int2_to_double);
}

Datum
tensor_from_int4_array(PG_FUNCTION_ARGS)
{
	return tensor_from_other_array(PG_GETARG_ARRAYTYPE_P(0), int4_to_double);
}

Datum
tensor_from_int8_array(PG_FUNCTION_ARGS)
{
	return tensor_from_other_array(PG_GETARG_ARRAYTYPE_P(0), int8_to_double);
}

Datum
tensor_from_numeric_array(PG_FUNCTION_ARGS)
{
	return tensor_from_other_array(PG_GETARG_ARRAYTYPE_P(0),
								   numeric_to_double);
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

Datum
tensor_to_float4_array(PG_FUNCTION_ARGS)
{
	return tensor_to_array(PG_GETARG_TENSOR_P(0), MT_FLOAT32, FLOAT4OID);
}

Datum
tensor_to_float8_array(PG_FUNCTION_ARGS)
{
	return tensor_to_array(PG_GETARG_TENSOR_P(0), MT_FLOAT64, FLOAT8OID);
}

Datum
tensor_astype(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	MtDtype		dtype = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(1));

	PG_RETURN_TENSOR_P(tensor_convert(t, dtype));
}
