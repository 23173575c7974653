/*
 * tensor_aggregates.c
 *	  The elementwise aggregates over rows of tensors of one shape:
 *	  marsql.sum and marsql.avg (also named sum_agg and avg_agg), marsql.min
 *	  and marsql.max (numpy's minimum and maximum reduced over the rows).
 *	  One state serves all four: an accumulator per element plus a row
 *	  count, folded by the kernels in kernels/row_fold.c; combine,
 *	  serialize and deserialize let PostgreSQL run them in parallel query.
 *	  NULL rows are skipped, no rows give NULL.
 *
 *	  Dtypes follow numpy's reductions over axis 0 of the stacked rows: the
 *	  rows' dtypes promote (numpy.promote_types); while that is bool or an
 *	  integer the accumulator is int64 and exact (sums wrap past int64 as
 *	  numpy's), and sum returns int64, avg float64, min and max the promoted
 *	  dtype.  Float rows accumulate in float64 and return the promoted float
 *	  dtype (float16, float32 or float64).  Complex rows are refused.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/memutils.h"

#include "tensor/tensor.h"
#include "kernels/elements.h"
#include "kernels/float16.h"
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
	MtDtype		dtype;			/* the rows' dtypes promoted */
	MtRowFold	op;				/* set by transfn and combinefn */
	int64		count;			/* rows folded in, at least 1 */
	int64		elements;
	double	   *acc;			/* sums, or the minima / maxima so far: int64
								 * values while dtype is exact */
} RowsState;

#define STATE_EXACT(s)	mt_dtype_is_exact((s)->dtype)
#define STATE_IACC(s)	((int64_t *) (s)->acc)

/* The accumulator turned from int64 to float64 (a float row arrived). */
static void
state_to_float(RowsState *s)
{
	for (int64 i = 0; i < s->elements; i++)
	{
		int64		v = STATE_IACC(s)[i];

		s->acc[i] = (double) v;
	}
}

/* s's dtype promoted to include dtype, the accumulator converted */
static void
state_promote(RowsState *s, MtDtype dtype)
{
	MtDtype		to = mt_dtype_promote(s->dtype, dtype);

	if (STATE_EXACT(s) && !mt_dtype_is_exact(to))
		state_to_float(s);
	s->dtype = to;
}

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
	t = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	if (mt_dtype_is_complex((MtDtype) t->dtype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s over rows does not support dtype %s", name,
						mt_dtype_name((MtDtype) t->dtype))));
	first = s == NULL;
	if (first)
		s = new_state(ctx, t->ndim, t->dims, (MtDtype) t->dtype);
	else
	{
		check_same_shape(s, t->ndim, t->dims);
		state_promote(s, (MtDtype) t->dtype);
	}
	if (STATE_EXACT(s))
	{
		if (first && op != MT_ROW_FOLD_SUM)
			status = mt_row_copy_exact(STATE_IACC(s), TENSOR_DATA(t),
									   (MtDtype) t->dtype, s->elements,
									   tensor_poll_interrupts, NULL);
		else
		{
			if (first)
				memset(s->acc, 0, sizeof(int64) * s->elements);
			status = mt_row_fold_exact(op, STATE_IACC(s), TENSOR_DATA(t),
									   (MtDtype) t->dtype, s->elements,
									   tensor_poll_interrupts, NULL);
		}
	}
	else if (first && op != MT_ROW_FOLD_SUM)
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
	s->op = op;
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
	RowsState  *bb;
	MtStatus	status;

	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
	{
		a = new_state(ctx, b->ndim, b->dims, b->dtype);
		memcpy(a->acc, b->acc, sizeof(double) * b->elements);
		a->count = b->count;
		a->op = op;
		PG_RETURN_POINTER(a);
	}
	check_same_shape(a, b->ndim, b->dims);
	state_promote(a, b->dtype);
	bb = b;
	if (STATE_EXACT(b) && !STATE_EXACT(a))
	{
		/* b's int64 accumulator as float64, in a copy */
		bb = new_state(ctx, b->ndim, b->dims, b->dtype);
		memcpy(bb->acc, b->acc, sizeof(double) * b->elements);
		state_to_float(bb);
	}
	if (STATE_EXACT(a))
		status = mt_row_fold_exact(op, STATE_IACC(a), bb->acc, MT_INT64,
								   a->elements, tensor_poll_interrupts, NULL);
	else
		status = mt_row_fold(op, a->acc, bb->acc, MT_FLOAT64, a->elements,
							 tensor_poll_interrupts, NULL);
	tensor_check_status(status, NULL);
	a->op = op;
	a->count += b->count;
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

/* ndim, dtype, count, dims, then the accumulator in network order: int8
 * while the dtype is exact, else float8 */
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
	{
		if (STATE_EXACT(s))
			pq_sendint64(&buf, STATE_IACC(s)[i]);
		else
			pq_sendfloat8(&buf, s->acc[i]);
	}
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
	if (ndim < 0 || ndim > MT_MAX_DIMS || !mt_dtype_valid(dtype))
		elog(ERROR, "invalid tensor aggregate state");
	for (int i = 0; i < ndim; i++)
		dims[i] = pq_getmsgint(&buf, 4);
	s = new_state(ctx, ndim, dims, dtype);
	s->count = count;
	for (int64 i = 0; i < s->elements; i++)
	{
		if (STATE_EXACT(s))
			STATE_IACC(s)[i] = pq_getmsgint64(&buf);
		else
			s->acc[i] = pq_getmsgfloat8(&buf);
	}
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(s);
}

/*
 * The result: exact states give int64 sums, float64 means and min / max in
 * the rows' dtype; float states give the rows' float dtype.
 */
static Datum
finish(FunctionCallInfo fcinfo, bool mean)
{
	RowsState  *s = PG_ARGISNULL(0) ? NULL : (RowsState *) PG_GETARG_POINTER(0);
	int64		dims[MT_MAX_DIMS];
	Tensor	   *t;
	void	   *data;
	MtDtype		dtype;

	if (s == NULL || s->count == 0)
		PG_RETURN_NULL();
	for (int i = 0; i < s->ndim; i++)
		dims[i] = s->dims[i];
	if (STATE_EXACT(s) && !mean)
	{
		t = tensor_new(s->ndim, dims, MT_INT64);
		memcpy(TENSOR_DATA(t), s->acc, sizeof(int64) * s->elements);
		PG_RETURN_TENSOR_P(s->op == MT_ROW_FOLD_SUM ? t : tensor_convert(t, s->dtype));
	}
	dtype = STATE_EXACT(s) ? MT_FLOAT64 : s->dtype;
	t = tensor_new(s->ndim, dims, dtype);
	data = TENSOR_DATA(t);
	for (int64 i = 0; i < s->elements; i++)
	{
		double		v = STATE_EXACT(s) ? (double) STATE_IACC(s)[i] : s->acc[i];

		if (mean)
			v /= (double) s->count;
		if (dtype == MT_FLOAT32)
			((float *) data)[i] = (float) v;
		else if (dtype == MT_FLOAT16)
			((uint16 *) data)[i] = mt_double_to_half(v);
		else
			((double *) data)[i] = v;
	}
	PG_RETURN_TENSOR_P(t);
}

/* the final function of sum, min and max (the state knows which) */
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
