/*
 * tensor_aggregates.c
 *	  The elementwise aggregates over rows of tensors of one shape:
 *	  marsql.sum and marsql.avg (also named sum_agg and avg_agg), marsql.min
 *	  and marsql.max (numpy's minimum and maximum reduced over the rows).
 *	  One state serves all four: a float64 accumulator per element plus a
 *	  row count, folded by the kernels in kernels/row_fold.c; combine,
 *	  serialize and deserialize let PostgreSQL run them in parallel query.
 *	  NULL rows are skipped, no rows give NULL; the result is float32 only
 *	  when every row was float32 (numpy's promotion).
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/memutils.h"

#include "tensor/tensor.h"
#include "kernels/elements.h"
#include "kernels/row_fold.h"

PG_FUNCTION_INFO_V1(tensor_sum_transfn);
PG_FUNCTION_INFO_V1(tensor_sum_combinefn);
PG_FUNCTION_INFO_V1(tensor_sum_serialfn);
PG_FUNCTION_INFO_V1(tensor_sum_deserialfn);
PG_FUNCTION_INFO_V1(tensor_sum_finalfn);
PG_FUNCTION_INFO_V1(tensor_avg_finalfn);
PG_FUNCTION_INFO_V1(tensor_min_transfn);
PG_FUNCTION_INFO_V1(tensor_min_combinefn);
PG_FUNCTION_INFO_V1(tensor_max_transfn);
PG_FUNCTION_INFO_V1(tensor_max_combinefn);

typedef struct RowsState
{
	int			ndim;
	int32		dims[MT_MAX_DIMS];
	MtDtype		dtype;			/* float64 once any float64 row arrived */
	int64		count;			/* rows folded in, at least 1 */
	int64		elements;
	double	   *acc;			/* sums, or the minima / maxima so far */
} RowsState;

static MemoryContext
aggregate_context(FunctionCallInfo fcinfo, const char *fn)
{
	MemoryContext ctx;

	if (!AggCheckCallContext(fcinfo, &ctx))
		elog(ERROR, "%s called in non-aggregate context", fn);
	return ctx;
}

static RowsState *
new_state(MemoryContext ctx, int ndim, const int32 *dims, MtDtype dtype)
{
	RowsState  *s = MemoryContextAllocZero(ctx, sizeof(RowsState));

	s->ndim = ndim;
	memcpy(s->dims, dims, sizeof(int32) * ndim);
	s->dtype = dtype;
	s->elements = 1;
	for (int i = 0; i < ndim; i++)
		s->elements *= dims[i];
	/* filled by the caller: a first row, a partial state, or a message */
	s->acc = MemoryContextAllocHuge(ctx, sizeof(double) * Max(s->elements, 1));
	return s;
}

static void
check_same_shape(const RowsState *s, int ndim, const int32 *dims)
{
	if (s->ndim != ndim || memcmp(s->dims, dims, sizeof(int32) * ndim) != 0)
	{
		char		a[128],
					b[128];

		mt_format_shape32(a, sizeof(a), s->ndim, s->dims);
		mt_format_shape32(b, sizeof(b), ndim, dims);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("all tensors in an elementwise aggregate must have the same shape"),
				 errdetail("Shape %s differs from the first shape %s.", b, a)));
	}
}

/*
 * Folds row argument 1 into the state in argument 0 (NULL before the
 * first row).  Sums start from +0, as numpy's add.reduce starts from its
 * identity (a sum of -0.0 rows is +0.0); min and max, which have no
 * identity, start from the first row.
 */
static Datum
transfn(FunctionCallInfo fcinfo, MtRowFold op, const char *name)
{
	MemoryContext ctx = aggregate_context(fcinfo, name);
	RowsState  *s = PG_ARGISNULL(0) ? NULL : (RowsState *) PG_GETARG_POINTER(0);
	Tensor	   *t;
	bool		first;
	MtStatus	status;

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(s);
	t = PG_GETARG_TENSOR_P(1);
	first = s == NULL;
	if (first)
		s = new_state(ctx, t->ndim, t->dims, (MtDtype) t->dtype);
	else
		check_same_shape(s, t->ndim, t->dims);
	if (first && op != MT_ROW_FOLD_SUM)
		status = mt_row_copy(s->acc, TENSOR_DATA(t), (MtDtype) t->dtype, s->elements,
							 tensor_poll_interrupts, NULL);
	else
	{
		if (first)
			memset(s->acc, 0, sizeof(double) * s->elements);
		status = mt_row_fold(op, s->acc, TENSOR_DATA(t), (MtDtype) t->dtype, s->elements,
							 tensor_poll_interrupts, NULL);
	}
	tensor_check_status(status, NULL);
	if (t->dtype == MT_FLOAT64)
		s->dtype = MT_FLOAT64;
	s->count++;
	PG_RETURN_POINTER(s);
}

/* Folds the partial state of argument 1 into that of argument 0. */
static Datum
combinefn(FunctionCallInfo fcinfo, MtRowFold op, const char *name)
{
	MemoryContext ctx = aggregate_context(fcinfo, name);
	RowsState  *a = PG_ARGISNULL(0) ? NULL : (RowsState *) PG_GETARG_POINTER(0);
	RowsState  *b = PG_ARGISNULL(1) ? NULL : (RowsState *) PG_GETARG_POINTER(1);

	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
	{
		a = new_state(ctx, b->ndim, b->dims, b->dtype);
		memcpy(a->acc, b->acc, sizeof(double) * b->elements);
		a->count = b->count;
		PG_RETURN_POINTER(a);
	}
	check_same_shape(a, b->ndim, b->dims);
	tensor_check_status(mt_row_fold(op, a->acc, b->acc, MT_FLOAT64, a->elements,
									tensor_poll_interrupts, NULL), NULL);
	a->count += b->count;
	if (b->dtype == MT_FLOAT64)
		a->dtype = MT_FLOAT64;
	PG_RETURN_POINTER(a);
}

Datum
tensor_sum_transfn(PG_FUNCTION_ARGS)
{
	return transfn(fcinfo, MT_ROW_FOLD_SUM, "sum");
}

Datum
tensor_sum_combinefn(PG_FUNCTION_ARGS)
{
	return combinefn(fcinfo, MT_ROW_FOLD_SUM, "sum");
}

Datum
tensor_min_transfn(PG_FUNCTION_ARGS)
{
	return transfn(fcinfo, MT_ROW_FOLD_MIN, "min");
}

Datum
tensor_min_combinefn(PG_FUNCTION_ARGS)
{
	return combinefn(fcinfo, MT_ROW_FOLD_MIN, "min");
}

Datum
tensor_max_transfn(PG_FUNCTION_ARGS)
{
	return transfn(fcinfo, MT_ROW_FOLD_MAX, "max");
}

Datum
tensor_max_combinefn(PG_FUNCTION_ARGS)
{
	return combinefn(fcinfo, MT_ROW_FOLD_MAX, "max");
}

/* ndim, dtype, count, dims, then the accumulator as float8 in network order */
Datum
tensor_sum_serialfn(PG_FUNCTION_ARGS)
{
	RowsState  *s = (RowsState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, s->ndim);
	pq_sendint32(&buf, s->dtype);
	pq_sendint64(&buf, s->count);
	for (int i = 0; i < s->ndim; i++)
		pq_sendint32(&buf, s->dims[i]);
	for (int64 i = 0; i < s->elements; i++)
		pq_sendfloat8(&buf, s->acc[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
tensor_sum_deserialfn(PG_FUNCTION_ARGS)
{
	MemoryContext ctx = aggregate_context(fcinfo, "tensor_sum_deserialfn");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	int			ndim;
	int32		dims[MT_MAX_DIMS];
	MtDtype		dtype;
	int64		count;
	RowsState  *s;

	buf.data = VARDATA_ANY(bytes);
	buf.len = VARSIZE_ANY_EXHDR(bytes);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	ndim = pq_getmsgint(&buf, 4);
	dtype = (MtDtype) pq_getmsgint(&buf, 4);
	count = pq_getmsgint64(&buf);
	if (ndim < 0 || ndim > MT_MAX_DIMS)
		elog(ERROR, "invalid tensor aggregate state");
	for (int i = 0; i < ndim; i++)
		dims[i] = pq_getmsgint(&buf, 4);
	s = new_state(ctx, ndim, dims, dtype);
	s->count = count;
	for (int64 i = 0; i < s->elements; i++)
		s->acc[i] = pq_getmsgfloat8(&buf);
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(s);
}

static Datum
finish(FunctionCallInfo fcinfo, bool mean)
{
	RowsState  *s = PG_ARGISNULL(0) ? NULL : (RowsState *) PG_GETARG_POINTER(0);
	int64		dims[MT_MAX_DIMS];
	Tensor	   *t;
	void	   *data;

	if (s == NULL || s->count == 0)
		PG_RETURN_NULL();
	for (int i = 0; i < s->ndim; i++)
		dims[i] = s->dims[i];
	t = tensor_new(s->ndim, dims, s->dtype);
	data = TENSOR_DATA(t);
	for (int64 i = 0; i < s->elements; i++)
	{
		double		v = mean ? s->acc[i] / (double) s->count : s->acc[i];

		if (s->dtype == MT_FLOAT32)
			((float *) data)[i] = (float) v;
		else
			((double *) data)[i] = v;
	}
	PG_RETURN_TENSOR_P(t);
}

Datum
tensor_sum_finalfn(PG_FUNCTION_ARGS)
{
	return finish(fcinfo, false);
}

Datum
tensor_avg_finalfn(PG_FUNCTION_ARGS)
{
	return finish(fcinfo, true);
}
