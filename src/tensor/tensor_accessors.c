/*
 * tensor_accessors.c
 *	  marsql.shape, ndim, size and dtype: what a tensor is, without its data.
 *	  They read only the header, so large toasted tensors are fetched by a
 *	  slice where the storage allows it.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "tensor/tensor.h"

PG_FUNCTION_INFO_V1(tensor_shape);
PG_FUNCTION_INFO_V1(tensor_ndim);
PG_FUNCTION_INFO_V1(tensor_numel);
PG_FUNCTION_INFO_V1(tensor_dtype);

/* The header of a possibly toasted tensor: the first bytes only. */
static Tensor *
header_of(PG_FUNCTION_ARGS)
{
	return (Tensor *) PG_DETOAST_DATUM_SLICE(PG_GETARG_DATUM(0), 0,
											 MT_HEADER_BYTES(MT_MAX_DIMS));
}

Datum
tensor_shape(PG_FUNCTION_ARGS)
{
	Tensor	   *t = header_of(fcinfo);
	Datum		dims[MT_MAX_DIMS];

	for (int i = 0; i < t->ndim; i++)
		dims[i] = Int32GetDatum(t->dims[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(dims, t->ndim, INT4OID, 4, true,
										  TYPALIGN_INT));
}

Datum
tensor_ndim(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(header_of(fcinfo)->ndim);
}

Datum
tensor_numel(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(tensor_size(header_of(fcinfo)));
}

Datum
tensor_dtype(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(mt_dtype_name((MtDtype) header_of(fcinfo)->dtype)));
}
