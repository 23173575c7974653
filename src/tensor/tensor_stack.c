/*
 * tensor_stack.c
 *	  marsql.stack_agg: stacks rows (real[], double precision[] or tensor)
 *	  into one tensor of shape (rows, *row_shape), like numpy.stack.  NULL
 *	  rows are skipped; every other row must have the first row's shape.
 *	  The result has the rows' dtypes promoted as numpy.stack does
 *	  (numpy.promote_types: int8 and uint8 rows give int16, int64 and
 *	  float32 rows float64); the rows gathered so far are converted when a
 *	  row of a wider dtype arrives.  The size is
 *	  checked before the buffer grows, so a runaway aggregate stops with
 *	  54000 rather than exhausting memory.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/memutils.h"

#include "tensor/tensor.h"
#include "kernels/elements.h"

PG_FUNCTION_INFO_V1(tensor_stack_float4_transfn);
PG_FUNCTION_INFO_V1(tensor_stack_float8_transfn);
PG_FUNCTION_INFO_V1(tensor_stack_tensor_transfn);
PG_FUNCTION_INFO_V1(tensor_stack_finalfn);

typedef struct StackState
{
	int			ndim;			/* of one row */
	int64		dims[MT_MAX_DIMS];
	MtDtype		dtype;
	int64		row_elements;
	int64		rows;
	char	   *data;
	size_t		capacity;		/* bytes allocated for data */
} StackState;

/* One incoming row, seen without copying. */
typedef struct StackRow
{
	int			ndim;
	int64		dims[MT_MAX_DIMS];
	MtDtype		dtype;
	const void *data;
} StackRow;

static void
format_row_shape(char *buf, size_t len, int ndim, const int64 *dims)
{
	mt_format_shape(buf, len, ndim, (const int64_t *) dims);
}

static void
grow(StackState *state, size_t needed, MemoryContext aggcontext)
{
	size_t		capacity = Max(state->capacity, 1024);

	while (capacity < needed)
		capacity = Min(capacity * 2, MaxAllocSize);
	if (state->data == NULL)
		state->data = MemoryContextAlloc(aggcontext, capacity);
	else
		state->data = repalloc(state->data, capacity);
	state->capacity = capacity;
}

/* Converts the rows gathered so far to dtype (a safe cast: exact). */
static void
promote(StackState *state, MtDtype dtype, MemoryContext aggcontext)
{
	int64		n = state->rows * state->row_elements;
	size_t		bytes;
	char	   *data;

	tensor_check_shape(1, &n, dtype);
	bytes = Max((size_t) n * mt_dtype_size(dtype), 1024);
	data = MemoryContextAlloc(aggcontext, bytes);
	if (state->data)
	{
		if (mt_convert(state->data, state->dtype, data, dtype, n) >= 0)
			elog(ERROR, "stack_agg could not promote %s to %s",
				 mt_dtype_name(state->dtype), mt_dtype_name(dtype));
		pfree(state->data);
	}
	state->data = data;
	state->capacity = bytes;
	state->dtype = dtype;
}

static Datum
stack_add(FunctionCallInfo fcinfo, const StackRow *row)
{
	MemoryContext aggcontext;
	StackState *state;
	size_t		elsize;
	size_t		row_bytes;
	int64		dims[MT_MAX_DIMS];

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "stack_agg transition function called in non-aggregate context");

	if (PG_ARGISNULL(0))
	{
		if (row->ndim + 1 > MT_MAX_DIMS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("number of tensor dimensions exceeds the maximum allowed (%d)",
							MT_MAX_DIMS),
					 errdetail("Stacking rows of %d dimensions adds one more.",
							   row->ndim)));
		state = MemoryContextAllocZero(aggcontext, sizeof(StackState));
		state->ndim = row->ndim;
		memcpy(state->dims, row->dims, sizeof(int64) * row->ndim);
		state->dtype = row->dtype;
		state->row_elements = 1;
		for (int i = 0; i < row->ndim; i++)
			state->row_elements *= row->dims[i];
	}
	else
		state = (StackState *) PG_GETARG_POINTER(0);

	if (row->ndim != state->ndim ||
		memcmp(row->dims, state->dims, sizeof(int64) * row->ndim) != 0)
	{
		char		got[128],
					want[128];

		format_row_shape(got, sizeof(got), row->ndim, row->dims);
		format_row_shape(want, sizeof(want), state->ndim, state->dims);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("stack_agg inputs must all have the same shape"),
				 errdetail("Row %lld has shape %s where the first row has shape %s.",
						   (long long) state->rows + 1, got, want)));
	}
	if (mt_dtype_promote(state->dtype, row->dtype) != state->dtype)
		promote(state, mt_dtype_promote(state->dtype, row->dtype), aggcontext);

	/* check the stacked size as a tensor before growing the buffer */
	dims[0] = state->rows + 1;
	memcpy(dims + 1, state->dims, sizeof(int64) * state->ndim);
	tensor_check_shape(state->ndim + 1, dims, state->dtype);

	elsize = mt_dtype_size(state->dtype);
	row_bytes = (size_t) state->row_elements * elsize;
	if (row_bytes > 0)
	{
		if ((size_t) (state->rows + 1) * row_bytes > state->capacity)
			grow(state, (size_t) (state->rows + 1) * row_bytes, aggcontext);
		mt_convert(row->data, row->dtype,
				   state->data + (size_t) state->rows * row_bytes,
				   state->dtype, state->row_elements);
	}
	state->rows++;
	PG_RETURN_POINTER(state);
}

/* NULL rows are skipped: the state, possibly still NULL, passes through. */
static Datum
skip_null_row(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(PG_GETARG_POINTER(0));
}

static Datum
stack_add_array(FunctionCallInfo fcinfo, MtDtype dtype)
{
	ArrayType  *array;
	StackRow	row;

	if (PG_ARGISNULL(1))
		return skip_null_row(fcinfo);
	array = PG_GETARG_ARRAYTYPE_P(1);
	tensor_shape_of_array(array, &row.ndim, row.dims);
	row.dtype = dtype;
	row.data = ARR_DATA_PTR(array);
	return stack_add(fcinfo, &row);
}

Datum
tensor_stack_float4_transfn(PG_FUNCTION_ARGS)
{
	return stack_add_array(fcinfo, MT_FLOAT32);
}

Datum
tensor_stack_float8_transfn(PG_FUNCTION_ARGS)
{
	return stack_add_array(fcinfo, MT_FLOAT64);
}

Datum
tensor_stack_tensor_transfn(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	StackRow	row;

	if (PG_ARGISNULL(1))
		return skip_null_row(fcinfo);
	t = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	row.ndim = t->ndim;
	tensor_dims64(t, row.dims);
	row.dtype = (MtDtype) t->dtype;
	row.data = TENSOR_DATA(t);
	return stack_add(fcinfo, &row);
}

Datum
tensor_stack_finalfn(PG_FUNCTION_ARGS)
{
	StackState *state;
	int64		dims[MT_MAX_DIMS];
	Tensor	   *t;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (StackState *) PG_GETARG_POINTER(0);
	dims[0] = state->rows;
	memcpy(dims + 1, state->dims, sizeof(int64) * state->ndim);
	t = tensor_new(state->ndim + 1, dims, state->dtype);
	if (state->data != NULL)
		memcpy(TENSOR_DATA(t), state->data,
		   (size_t) (state->rows * state->row_elements) *
		   mt_dtype_size(state->dtype));
	PG_RETURN_TENSOR_P(t);
}
