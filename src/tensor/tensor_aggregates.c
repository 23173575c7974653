/*
 * tensor_aggregates.c
 *	  marsql.sum_agg and marsql.avg_agg: elementwise sum and mean over rows
 *	  of tensors of one shape.  The state is a float64 accumulator per
 *	  element plus a row count; combine, serialize and deserialize let
 *	  PostgreSQL run them in parallel query.  NULL rows are skipped; the
 *	  result is float32 only when every row was float32.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/memutils.h"

#include "tensor/tensor.h"
#include "kernels/elements.h"

PG_FUNCTION_INFO_V1(tensor_sum_transfn);
PG_FUNCTION_INFO_V1(tensor_sum_combinefn);
PG_FUNCTION_INFO_V1(tensor_sum_serialfn);
PG_FUNCTION_INFO_V1(tensor_sum_deserialfn);
PG_FUNCTION_INFO_V1(tensor_sum_finalfn);
PG_FUNCTION_INFO_V1(tensor_avg_finalfn);

typedef struct SumState
{
	int			ndim;
	int32		dims[MT_MAX_DIMS];
	MtDtype		dtype;			/* float64 once any float64 row arrived */
	int64		count;			/* rows summed */
	int64		elements;
	double	   *sums;
} SumState;

static MemoryContext
aggregate_context(FunctionCallInfo fcinfo, const char *fn)
{
	MemoryContext ctx;

	if (!AggCheckCallContext(fcinfo, &ctx))
		elog(ERROR, "%s called in non-aggregate context", fn);
	return ctx;
}

static SumState *
new_state(MemoryContext ctx, int ndim, const int32 *dims, MtDtype dtype)
{
	SumState   *s = MemoryContextAllocZero(ctx, sizeof(SumState));

	s->ndim = ndim;
	memcpy(s->dims, dims, sizeof(int32) * ndim);
	s->dtype = dtype;
	s->elements = 1;
	for (int i = 0; i < ndim; i++)
		s->elements *= dims[i];
	s->sums = MemoryContextAllocHuge(ctx, sizeof(double) * Max(s->elements, 1));
	memset(s->sums, 0, sizeof(double) * Max(s->elements, 1));
	return s;
}

static void
check_same_shape(const SumState *s, int ndim, const int32 *dims)
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

Datum
tensor_sum_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext ctx = aggregate_context(fcinfo, "sum_agg");
	SumState   *s = PG_ARGISNULL(0) ? NULL : (SumState *) PG_GETARG_POINTER(0);
	Tensor	   *t;
	const void *data;

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(s);
	t = PG_GETARG_TENSOR_P(1);
	if (s == NULL)
		s = new_state(ctx, t->ndim, t->dims, (MtDtype) t->dtype);
	else
		check_same_shape(s, t->ndim, t->dims);
	if (t->dtype == MT_FLOAT64)
		s->dtype = MT_FLOAT64;
	data = TENSOR_DATA(t);
	if (t->dtype == MT_FLOAT64)
		for (int64 i = 0; i < s->elements; i++)
			s->sums[i] += ((const double *) data)[i];
	else
		for (int64 i = 0; i < s->elements; i++)
			s->sums[i] += ((const float *) data)[i];
	s->count++;
	PG_RETURN_POINTER(s);
}

Datum
tensor_sum_combinefn(PG_FUNCTION_ARGS)
{
	MemoryContext ctx = aggregate_context(fcinfo, "sum_agg");
	SumState   *a = PG_ARGISNULL(0) ? NULL : (SumState *) PG_GETARG_POINTER(0);
	SumState   *b = PG_ARGISNULL(1) ? NULL : (SumState *) PG_GETARG_POINTER(1);

	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
	{
		a = new_state(ctx, b->ndim, b->dims, b->dtype);
		memcpy(a->sums, b->sums, sizeof(double) * b->elements);
		a->count = b->count;
		PG_RETURN_POINTER(a);
	}
	check_same_shape(a, b->ndim, b->dims);
	for (int64 i = 0; i < a->elements; i++)
		a->sums[i] += b->sums[i];
	a->count += b->count;
	if (b->dtype == MT_FLOAT64)
		a->dtype = MT_FLOAT64;
	PG_RETURN_POINTER(a);
}

/* ndim, dtype, count, dims, then the sums as float8 in network order */
Datum
tensor_sum_serialfn(PG_FUNCTION_ARGS)
{
	SumState   *s = (SumState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, s->ndim);
	pq_sendint32(&buf, s->dtype);
	pq_sendint64(&buf, s->count);
	for (int i = 0; i < s->ndim; i++)
		pq_sendint32(&buf, s->dims[i]);
	for (int64 i = 0; i < s->elements; i++)
		pq_sendfloat8(&buf, s->sums[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
tensor_sum_deserialfn(PG_FUNCTION_ARGS)
{
	MemoryContext ctx = aggregate_context(fcinfo, "sum_agg");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	int			ndim;
	int32		dims[MT_MAX_DIMS];
	MtDtype		dtype;
	int64		count;
	SumState   *s;

	buf.data = VARDATA_ANY(bytes);
	buf.len = VARSIZE_ANY_EXHDR(bytes);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	ndim = pq_getmsgint(&buf, 4);
	dtype = (MtDtype) pq_getmsgint(&buf, 4);
	count = pq_getmsgint64(&buf);
	if (ndim < 0 || ndim > MT_MAX_DIMS)
		elog(ERROR, "invalid sum_agg state");
	for (int i = 0; i < ndim; i++)
		dims[i] = pq_getmsgint(&buf, 4);
	s = new_state(ctx, ndim, dims, dtype);
	s->count = count;
	for (int64 i = 0; i < s->elements; i++)
		s->sums[i] = pq_getmsgfloat8(&buf);
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(s);
}

static Datum
finish(FunctionCallInfo fcinfo, bool mean)
{
	SumState   *s = PG_ARGISNULL(0) ? NULL : (SumState *) PG_GETARG_POINTER(0);
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
		double		v = mean ? s->sums[i] / (double) s->count : s->sums[i];

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
