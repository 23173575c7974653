/*
 * tensor_rows.c
 *	  Set-returning functions that turn tensors into rows for BI tools and
 *	  plain SQL: marsql.unnest(t) gives (index int[], value float8) per
 *	  element, marsql.rows(t) gives (row int, values float8[]) per row of a
 *	  2-D tensor.  For charts, marsql.elements(t) gives one integer column
 *	  per axis (i0 .. i5, NULL past the tensor's dimensions) and the value,
 *	  and marsql.matrix_cells(t) gives (i, j, value) for a 2-D tensor.
 *	  Indexes are 0-based, as in numpy.  Rows are produced one per call, so
 *	  a LIMIT stops early.  Values are double precision: an int64 tensor
 *	  with an element beyond 2^53 is refused rather than rounded.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"

#include "tensor/tensor.h"
#include "kernels/elements.h"

PG_FUNCTION_INFO_V1(tensor_unnest);
PG_FUNCTION_INFO_V1(tensor_rows);
PG_FUNCTION_INFO_V1(tensor_elements);
PG_FUNCTION_INFO_V1(tensor_matrix_cells);

/* columns i0 .. i5 of marsql.elements, as many as a PostgreSQL array has dimensions */
#define ELEMENTS_AXES 6

/*
 * The value columns are double precision, which holds every element of
 * every real dtype exactly but int64's beyond 2^53: rather than return
 * another integer than the one stored, such a tensor is refused before
 * its first row (22003), pointing to the exact bigint[] cast; after the
 * shape checks, so that a wrong shape is reported as such.
 */
static void
require_exact_doubles(const Tensor *t)
{
	const int64 *v = (const int64 *) TENSOR_DATA(t);
	int64		n = tensor_size(t);
	const int64 limit = INT64CONST(1) << 53;

	if (t->dtype != MT_INT64)
		return;
	for (int64 i = 0; i < n; i++)
	{
		if ((i & (TENSOR_INTERRUPT_STRIDE - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		if (v[i] > limit || v[i] < -limit)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("int64 element %lld cannot be returned as double precision exactly",
							(long long) v[i]),
					 errdetail("Element %lld (flat index) is beyond 2^53; the value columns are double precision.",
							   (long long) i),
					 errhint("Read int64 elements exactly as bigint: t::bigint[], or pg_catalog.unnest(t::bigint[]) for rows.")));
	}
}

/* Keeps a detoasted copy of the tensor for the calls to come. */
static FuncCallContext *
first_call(FunctionCallInfo fcinfo)
{
	FuncCallContext *funcctx = SRF_FIRSTCALL_INIT();
	MemoryContext oldcontext;
	TupleDesc	tupdesc;

	oldcontext = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	funcctx->tuple_desc = BlessTupleDesc(tupdesc);
	funcctx->user_fctx = tensor_densify((Tensor *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0)));
	/* every real dtype reads as double precision; complex has no such row */
	if (mt_dtype_is_complex((MtDtype) ((Tensor *) funcctx->user_fctx)->dtype))
		tensor_require_float((Tensor *) funcctx->user_fctx, fcinfo);
	MemoryContextSwitchTo(oldcontext);
	return funcctx;
}

/* One output row of two non-NULL columns. */
static Datum
row_datum(FuncCallContext *funcctx, Datum *values)
{
	bool		nulls[2] = {false, false};

	return HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls));
}

Datum
tensor_unnest(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	Tensor	   *t;

	if (SRF_IS_FIRSTCALL())
	{
		funcctx = first_call(fcinfo);
		require_exact_doubles(funcctx->user_fctx);
		funcctx->max_calls = (uint64) tensor_size(funcctx->user_fctx);
	}
	funcctx = SRF_PERCALL_SETUP();
	t = funcctx->user_fctx;
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		int64		flat = (int64) funcctx->call_cntr;
		Datum		index[MT_MAX_DIMS];
		Datum		values[2];
		int64		rest = flat;

		for (int d = t->ndim - 1; d >= 0; d--)
		{
			index[d] = Int32GetDatum((int32) (rest % t->dims[d]));
			rest /= t->dims[d];
		}
		values[0] = PointerGetDatum(construct_array(index, t->ndim, INT4OID,
													4, true, TYPALIGN_INT));
		values[1] = Float8GetDatum(mt_load(TENSOR_DATA(t), (MtDtype) t->dtype,
										   flat));
		SRF_RETURN_NEXT(funcctx, row_datum(funcctx, values));
	}
	SRF_RETURN_DONE(funcctx);
}

Datum
tensor_rows(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	Tensor	   *t;

	if (SRF_IS_FIRSTCALL())
	{
		funcctx = first_call(fcinfo);
		t = funcctx->user_fctx;
		if (t->ndim != 2)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("rows() expects a 2-D tensor, got %d dimensions",
							t->ndim),
					 errhint("Use marsql.unnest for one element per row.")));
		require_exact_doubles(funcctx->user_fctx);
		funcctx->max_calls = (uint64) t->dims[0];
	}
	funcctx = SRF_PERCALL_SETUP();
	t = funcctx->user_fctx;
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		int32		row = (int32) funcctx->call_cntr;
		int32		width = t->dims[1];
		Datum		values[2];
		ArrayType  *array;
		double	   *out;

		if (width == 0)
			array = construct_empty_array(FLOAT8OID);
		else
		{
			size_t		nbytes = ARR_OVERHEAD_NONULLS(1) + sizeof(double) * (size_t) width;

			array = (ArrayType *) palloc0(nbytes);
			SET_VARSIZE(array, nbytes);
			array->ndim = 1;
			array->elemtype = FLOAT8OID;
			ARR_DIMS(array)[0] = width;
			ARR_LBOUND(array)[0] = 1;
			out = (double *) ARR_DATA_PTR(array);
			for (int32 j = 0; j < width; j++)
				out[j] = mt_load(TENSOR_DATA(t), (MtDtype) t->dtype,
								 (int64) row * width + j);
		}
		values[0] = Int32GetDatum(row);
		values[1] = PointerGetDatum(array);
		SRF_RETURN_NEXT(funcctx, row_datum(funcctx, values));
	}
	SRF_RETURN_DONE(funcctx);
}

/* One row per element: an integer column per axis, then the value. */
static Datum
axis_columns_next(FunctionCallInfo fcinfo, int ncols)
{
	FuncCallContext *funcctx = SRF_PERCALL_SETUP();
	Tensor	   *t = funcctx->user_fctx;

	if (funcctx->call_cntr < funcctx->max_calls)
	{
		int64		flat = (int64) funcctx->call_cntr;
		int64		rest = flat;
		Datum		values[ELEMENTS_AXES + 1];
		bool		nulls[ELEMENTS_AXES + 1];

		for (int d = 0; d < ncols; d++)
		{
			values[d] = (Datum) 0;
			nulls[d] = d >= t->ndim;
		}
		for (int d = t->ndim - 1; d >= 0; d--)
		{
			values[d] = Int32GetDatum((int32) (rest % t->dims[d]));
			rest /= t->dims[d];
		}
		values[ncols] = Float8GetDatum(mt_load(TENSOR_DATA(t), (MtDtype) t->dtype, flat));
		nulls[ncols] = false;
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}

Datum
tensor_elements(PG_FUNCTION_ARGS)
{
	if (SRF_IS_FIRSTCALL())
	{
		FuncCallContext *funcctx = first_call(fcinfo);
		Tensor	   *t = funcctx->user_fctx;

		if (t->ndim > ELEMENTS_AXES)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("elements() gives at most %d index columns, the tensor has %d dimensions",
							ELEMENTS_AXES, t->ndim),
					 errhint("Use marsql.unnest, whose index is an array, or reshape the tensor first.")));
		require_exact_doubles(funcctx->user_fctx);
		funcctx->max_calls = (uint64) tensor_size(t);
	}
	return axis_columns_next(fcinfo, ELEMENTS_AXES);
}

Datum
tensor_matrix_cells(PG_FUNCTION_ARGS)
{
	if (SRF_IS_FIRSTCALL())
	{
		FuncCallContext *funcctx = first_call(fcinfo);
		Tensor	   *t = funcctx->user_fctx;

		if (t->ndim != 2)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("matrix_cells() expects a 2-D tensor, got %d dimensions",
							t->ndim),
					 errhint("Use marsql.elements for a tensor of any number of dimensions, or reshape it to 2-D first.")));
		require_exact_doubles(funcctx->user_fctx);
		funcctx->max_calls = (uint64) tensor_size(t);
	}
	return axis_columns_next(fcinfo, 2);
}
