/*
 * tensor_statistics.c
 *	  SQL glue for numpy's statistics (kernels/statistics.h): median,
 *	  quantile, percentile and their nan-variants; the nan-reductions,
 *	  ptp, average, cumulative_sum / cumulative_prod; histogram,
 *	  histogram_bin_edges, bincount, digitize; correlate, convolve, cov,
 *	  corrcoef.  An axis argument of the quantile family is an integer, an
 *	  integer[] (several axes) or NULL (every axis); the reduced axes are
 *	  moved last so every lane is one run of elements.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "kernels/sort.h"
#include "kernels/statistics.h"
#include "kernels/strided.h"
#include "tensor/tensor_ops.h"

/*
 * A tensor seen as lanes for a reduction: outer x len x inner (src may be
 * a permuted copy of the argument), and the result's dimensions after the
 * leading ones (keepdims keeps reduced axes as extent 1).
 */
typedef struct Lanes
{
	Tensor	   *src;
	int64		outer;
	int64		len;
	int64		inner;
	int			ndim;			/* of the result, without leading dims */
	int64		dims[MT_MAX_DIMS];
} Lanes;

/*
 * Reads the axis argument argno of fcinfo (integer, integer[] or NULL)
 * and lays t out as lanes along the reduced axes.
 */
static void
lanes_of(FunctionCallInfo fcinfo, int argno, Tensor *t, bool keepdims,
		 Lanes *l)
{
	bool		reduced[MT_MAX_DIMS];
	int			nreduced = 0;

	memset(l, 0, sizeof(*l));
	l->src = t;
	for (int i = 0; i < t->ndim; i++)
		reduced[i] = PG_ARGISNULL(argno);
	if (PG_ARGISNULL(argno))
		nreduced = t->ndim;
	else if (get_fn_expr_argtype(fcinfo->flinfo, argno) == INT4ARRAYOID)
	{
		int			axes[MT_MAX_DIMS + 1];
		int			n = tensor_int_array(PG_GETARG_ARRAYTYPE_P(argno), axes,
										 MT_MAX_DIMS + 1, "axis");

		for (int i = 0; i < n; i++)
		{
			int			a;

			if (axes[i] < -t->ndim || axes[i] >= t->ndim)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("axis %d is out of bounds for a tensor of dimension %d",
								axes[i], t->ndim)));
			a = tensor_axis(axes[i], t->ndim);
			if (reduced[a])
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("repeated axis %d", axes[i])));
			reduced[a] = true;
			nreduced++;
		}
	}
	else
	{
		reduced[tensor_axis(PG_GETARG_INT32(argno), t->ndim)] = true;
		nreduced = 1;
	}

	for (int i = 0; i < t->ndim; i++)
	{
		if (!reduced[i])
			l->dims[l->ndim++] = t->dims[i];
		else if (keepdims)
			l->dims[l->ndim++] = 1;
	}

	l->outer = 1;
	l->len = 1;
	l->inner = 1;
	if (nreduced == t->ndim)
		l->len = tensor_size(t);
	else if (nreduced == 1)
	{
		int			axis = 0;

		while (!reduced[axis])
			axis++;
		tensor_lanes_of(t, axis, &l->outer, &l->len, &l->inner);
	}
	else
	{
		/* kept axes first, reduced ones last: a permuted copy */
		int64		own[MT_MAX_DIMS],
					strides[MT_MAX_DIMS],
					pdims[MT_MAX_DIMS],
					pstrides[MT_MAX_DIMS];
		int			k = 0;

		tensor_dims64(t, own);
		mt_contiguous_strides(t->ndim, (int64_t *) own, (int64_t *) strides);
		for (int pass = 0; pass < 2; pass++)
			for (int i = 0; i < t->ndim; i++)
				if (reduced[i] == (pass == 1))
				{
					pdims[k] = own[i];
					pstrides[k++] = strides[i];
					if (pass == 0)
						l->outer *= own[i];
					else
						l->len *= own[i];
				}
		l->src = tensor_from_view(t, t->ndim, pdims, pstrides, 0);
	}
}

/* the result: leading dims (q's shape) then the lanes' dims */
static Tensor *
lanes_result(const Lanes *l, int qndim, const int64 *qdims, MtDtype dtype)
{
	int64		dims[MT_MAX_DIMS];
	int			ndim = 0;

	if (qndim + l->ndim > MT_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("result would have more than %d dimensions", MT_MAX_DIMS)));
	for (int i = 0; i < qndim; i++)
		dims[ndim++] = qdims[i];
	for (int i = 0; i < l->ndim; i++)
		dims[ndim++] = l->dims[i];
	return tensor_new(ndim, dims, dtype);
}

/* ---- median ---- */

/* median / nanmedian (a, axis integer | integer[] DEFAULT NULL, keepdims) */
static Datum
median_sql(FunctionCallInfo fcinfo, bool skip_nan)
{
	Tensor	   *t;
	MtDtype		dtype,
				dst_dtype;
	Lanes		l;
	Tensor	   *result;
	double		half = 0.5;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	dtype = (MtDtype) t->dtype;
	/* numpy: the mean of the middle elements, float64 for bool and
	 * integers; complex medians stay complex */
	dst_dtype = mt_dtype_is_exact(dtype) ? MT_FLOAT64 : dtype;
	lanes_of(fcinfo, 1, t, PG_GETARG_BOOL(2), &l);
	result = lanes_result(&l, 0, NULL, dst_dtype);
	tensor_check_status(mt_quantile(dtype, TENSOR_DATA(l.src), l.outer, l.len,
									l.inner, &half, 1, MT_QM_MEDIAN, skip_nan,
									TENSOR_DATA(result), dst_dtype,
									tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}

PG_FUNCTION_INFO_V1(tensor_median);
Datum
tensor_median(PG_FUNCTION_ARGS)
{
	return median_sql(fcinfo, false);
}

PG_FUNCTION_INFO_V1(tensor_nanmedian);
Datum
tensor_nanmedian(PG_FUNCTION_ARGS)
{
	return median_sql(fcinfo, true);
}

/* ---- quantile, percentile ---- */

/*
 * quantile / percentile and their nan-variants: (a, q double precision |
 * tensor, axis integer | integer[] DEFAULT NULL, keepdims boolean DEFAULT
 * false, method text DEFAULT 'linear').
 */
static Datum
quantile_sql(FunctionCallInfo fcinfo, bool percent, bool skip_nan)
{
	const char *fname = percent ? (skip_nan ? "nanpercentile" : "percentile") :
		(skip_nan ? "nanquantile" : "quantile");
	Tensor	   *t;
	MtDtype		dtype,
				dst_dtype;
	MtQuantileMethod method;
	char	   *method_name;
	double	   *q;
	int64		nq;
	int			qndim = 0;
	int64		qdims[MT_MAX_DIMS];
	bool		q_is_tensor;
	MtDtype		q_dtype = MT_FLOAT64;
	Lanes		l;
	Tensor	   *result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3) || PG_ARGISNULL(4))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	dtype = (MtDtype) t->dtype;

	method_name = text_to_cstring(PG_GETARG_TEXT_PP(4));
	if (!mt_quantile_method_parse(method_name, &method))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown quantile method \"%s\"", method_name),
				 errhint("The methods are %s.", mt_quantile_method_names())));

	if (mt_dtype_is_complex(dtype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s does not support dtype %s", fname, mt_dtype_name(dtype)),
				 errdetail("Quantiles are defined for real numbers only.")));
	if (dtype == MT_BOOL && !mt_quantile_method_discrete(method))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s does not support dtype bool with method \"%s\"",
						fname, method_name),
				 errdetail("Interpolating between booleans is undefined, as in numpy."),
				 errhint("Use a method that returns an element, such as \"lower\", or convert to a number dtype.")));

	/* q: a number, or a tensor of them (its shape leads the result's) */
	q_is_tensor = get_fn_expr_argtype(fcinfo->flinfo, 1) != FLOAT8OID;
	if (q_is_tensor)
	{
		Tensor	   *qt = PG_GETARG_TENSOR_ANYDTYPE_P(1);

		q_dtype = (MtDtype) qt->dtype;
		if (mt_dtype_is_complex(q_dtype))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("%s does not support q of dtype %s", fname,
							mt_dtype_name(q_dtype))));
		qndim = qt->ndim;
		tensor_dims64(qt, qdims);
		nq = tensor_size(qt);
		q = palloc(sizeof(double) * Max(nq, 1));
		for (int64 i = 0; i < nq; i++)
			q[i] = mt_load_double(TENSOR_DATA(qt), q_dtype, i);
	}
	else
	{
		nq = 1;
		q = palloc(sizeof(double));
		q[0] = PG_GETARG_FLOAT8(1);
	}
	for (int64 i = 0; i < nq; i++)
	{
		double		v = percent ? q[i] / 100 : q[i];

		if (!(v >= 0 && v <= 1))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg(percent ? "percentiles must be in the range [0, 100]" :
							"quantiles must be in the range [0, 1]"),
					 errdetail("Got %g.", q[i])));
		q[i] = v;
	}

	/*
	 * numpy's result dtype: an element's dtype for the discrete methods;
	 * else float64 for integers, the float dtype for floats, promoted with
	 * q's dtype when q is a tensor (integer q's count as float64).
	 */
	if (mt_quantile_method_discrete(method))
		dst_dtype = dtype;
	else
	{
		dst_dtype = mt_dtype_is_exact(dtype) ? MT_FLOAT64 : dtype;
		if (q_is_tensor)
			dst_dtype = mt_dtype_promote(dst_dtype, mt_dtype_is_exact(q_dtype) ?
										 MT_FLOAT64 : q_dtype);
	}

	lanes_of(fcinfo, 2, t, PG_GETARG_BOOL(3), &l);
	/* numpy raises IndexError for quantiles of an empty slice */
	if (l.len == 0 && l.outer * l.inner > 0 &&
		!(skip_nan && mt_dtype_is_float(dst_dtype)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compute %s of an empty slice", fname)));
	result = lanes_result(&l, qndim, qdims, dst_dtype);
	tensor_check_status(mt_quantile(dtype, TENSOR_DATA(l.src), l.outer, l.len,
									l.inner, q, nq, method, skip_nan,
									TENSOR_DATA(result), dst_dtype,
									tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}

PG_FUNCTION_INFO_V1(tensor_quantile);
Datum
tensor_quantile(PG_FUNCTION_ARGS)
{
	return quantile_sql(fcinfo, false, false);
}

PG_FUNCTION_INFO_V1(tensor_percentile);
Datum
tensor_percentile(PG_FUNCTION_ARGS)
{
	return quantile_sql(fcinfo, true, false);
}

PG_FUNCTION_INFO_V1(tensor_nanquantile);
Datum
tensor_nanquantile(PG_FUNCTION_ARGS)
{
	return quantile_sql(fcinfo, false, true);
}

PG_FUNCTION_INFO_V1(tensor_nanpercentile);
Datum
tensor_nanpercentile(PG_FUNCTION_ARGS)
{
	return quantile_sql(fcinfo, true, true);
}

/* ---- nan-reductions ---- */

/*
 * t with NaNs replaced by fill (numpy's _replace_nan) and, in *counts, the
 * number of non-NaN elements of each lane along axis (all elements when
 * axis_null), in the layout of a reduction's result.
 */
static Tensor *
replace_nan(Tensor *t, double fill, bool axis_null, int axis, int64 **counts,
			int64 *nlanes)
{
	int64		outer = 1,
				len,
				inner = 1;
	Tensor	   *filled = tensor_new_like(t, (MtDtype) t->dtype);

	if (axis_null)
		len = tensor_size(t);
	else
	{
		axis = tensor_axis(axis, t->ndim);
		tensor_lanes_of(t, axis, &outer, &len, &inner);
	}
	*nlanes = outer * inner;
	*counts = palloc(sizeof(int64) * Max(*nlanes, 1));
	tensor_check_status(mt_replace_nan((MtDtype) t->dtype, TENSOR_DATA(t),
									   outer, len, inner, fill, TENSOR_DATA(filled),
									   (int64_t *) *counts,
									   tensor_poll_interrupts, NULL), NULL);
	return filled;
}

typedef enum NanOp
{
	NAN_SUM,
	NAN_PROD,
	NAN_MEAN,
	NAN_MAX,
	NAN_MIN
} NanOp;

/* nansum, nanprod, nanmean, nanmax, nanmin (a, axis DEFAULT NULL, keepdims) */
static Datum
nan_reduce_sql(FunctionCallInfo fcinfo, NanOp op)
{
	static const MtReduceOp plain[] = {MT_REDUCE_SUM, MT_REDUCE_PROD,
	MT_REDUCE_MEAN, MT_REDUCE_MAX, MT_REDUCE_MIN};
	static const double fills[] = {0, 1, 0, -INFINITY, INFINITY};
	Tensor	   *t;
	bool		axis_null;
	int			axis;
	bool		keepdims;
	int64	   *counts;
	int64		nlanes;
	Tensor	   *filled,
			   *r;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	axis_null = PG_ARGISNULL(1);
	axis = axis_null ? 0 : PG_GETARG_INT32(1);
	keepdims = PG_GETARG_BOOL(2);
	/* numpy: without NaNs (bool, integers) the nan-functions are the plain ones */
	if (mt_dtype_is_exact((MtDtype) t->dtype))
		PG_RETURN_TENSOR_P(tensor_reduce(t, plain[op], axis_null, axis, keepdims, 0));
	if (!axis_null)
		axis = tensor_axis(axis, t->ndim);
	filled = replace_nan(t, fills[op], axis_null, axis, &counts, &nlanes);
	if ((op == NAN_MAX || op == NAN_MIN) && nlanes > 0 && tensor_size(t) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("zero-size tensor to reduction operation %s which has no identity",
						op == NAN_MAX ? "nanmax" : "nanmin")));
	r = tensor_reduce(filled, op == NAN_MEAN ? MT_REDUCE_SUM : plain[op],
					  axis_null, axis, keepdims, 0);
	if (op == NAN_MEAN)
		mt_divide_by_counts((MtDtype) r->dtype, TENSOR_DATA(r), nlanes,
							(const int64_t *) counts);
	else if (op == NAN_MAX || op == NAN_MIN)
		mt_nan_where_empty((MtDtype) r->dtype, TENSOR_DATA(r), nlanes,
						   (const int64_t *) counts);
	PG_RETURN_TENSOR_P(r);
}

PG_FUNCTION_INFO_V1(tensor_nansum);
Datum
tensor_nansum(PG_FUNCTION_ARGS)
{
	return nan_reduce_sql(fcinfo, NAN_SUM);
}

PG_FUNCTION_INFO_V1(tensor_nanprod);
Datum
tensor_nanprod(PG_FUNCTION_ARGS)
{
	return nan_reduce_sql(fcinfo, NAN_PROD);
}

PG_FUNCTION_INFO_V1(tensor_nanmean);
Datum
tensor_nanmean(PG_FUNCTION_ARGS)
{
	return nan_reduce_sql(fcinfo, NAN_MEAN);
}

PG_FUNCTION_INFO_V1(tensor_nanmax);
Datum
tensor_nanmax(PG_FUNCTION_ARGS)
{
	return nan_reduce_sql(fcinfo, NAN_MAX);
}

PG_FUNCTION_INFO_V1(tensor_nanmin);
Datum
tensor_nanmin(PG_FUNCTION_ARGS)
{
	return nan_reduce_sql(fcinfo, NAN_MIN);
}

/* nanvar / nanstd (a, axis DEFAULT NULL, ddof DEFAULT 0, keepdims) */
static Datum
nan_moment_sql(FunctionCallInfo fcinfo, bool std)
{
	Tensor	   *t;
	MtDtype		dtype,
				dst_dtype;
	bool		axis_null;
	int			axis = 0;
	int64		outer = 1,
				len,
				inner = 1;
	int64		dims[MT_MAX_DIMS];
	int			ndim = 0;
	Tensor	   *r;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	if (PG_GETARG_INT32(2) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ddof must not be negative")));
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	dtype = (MtDtype) t->dtype;
	axis_null = PG_ARGISNULL(1);
	if (mt_dtype_is_exact(dtype))
		PG_RETURN_TENSOR_P(tensor_reduce(t, std ? MT_REDUCE_STD : MT_REDUCE_VAR,
										 axis_null, axis_null ? 0 : PG_GETARG_INT32(1),
										 PG_GETARG_BOOL(3), PG_GETARG_INT32(2)));
	dst_dtype = dtype == MT_COMPLEX64 ? MT_FLOAT32 :
		dtype == MT_COMPLEX128 ? MT_FLOAT64 : dtype;
	if (axis_null)
		len = tensor_size(t);
	else
	{
		axis = tensor_axis(PG_GETARG_INT32(1), t->ndim);
		tensor_lanes_of(t, axis, &outer, &len, &inner);
	}
	for (int i = 0; i < t->ndim; i++)
	{
		if (axis_null || i == axis)
		{
			if (PG_GETARG_BOOL(3))
				dims[ndim++] = 1;
		}
		else
			dims[ndim++] = t->dims[i];
	}
	r = tensor_new(ndim, dims, dst_dtype);
	tensor_check_status(mt_nan_var(dtype, TENSOR_DATA(t), outer, len, inner,
								   PG_GETARG_INT32(2), std, TENSOR_DATA(r),
								   dst_dtype, tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(r);
}

PG_FUNCTION_INFO_V1(tensor_nanvar);
Datum
tensor_nanvar(PG_FUNCTION_ARGS)
{
	return nan_moment_sql(fcinfo, false);
}

PG_FUNCTION_INFO_V1(tensor_nanstd);
Datum
tensor_nanstd(PG_FUNCTION_ARGS)
{
	return nan_moment_sql(fcinfo, true);
}

/*
 * nanargmax / nanargmin: NaN replaced by -inf / +inf, then argmax /
 * argmin; an all-NaN slice is an error (numpy's ValueError), 22023.
 */
static Tensor *
nan_arg(Tensor *t, bool max, bool axis_null, int axis, bool keepdims)
{
	int64	   *counts;
	int64		nlanes;
	Tensor	   *filled;

	if (mt_dtype_is_exact((MtDtype) t->dtype))
		return tensor_reduce(t, max ? MT_REDUCE_ARGMAX : MT_REDUCE_ARGMIN,
							 axis_null, axis, keepdims, 0);
	if (!axis_null)
		axis = tensor_axis(axis, t->ndim);
	filled = replace_nan(t, max ? -INFINITY : INFINITY, axis_null, axis,
						 &counts, &nlanes);
	if (tensor_size(t) > 0)
		for (int64 i = 0; i < nlanes; i++)
			if (counts[i] == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("all-NaN slice encountered"),
						 errdetail("Every element of a slice is NaN, so %s has no answer for it.",
								   max ? "nanargmax" : "nanargmin")));
	return tensor_reduce(filled, max ? MT_REDUCE_ARGMAX : MT_REDUCE_ARGMIN,
						 axis_null, axis, keepdims, 0);
}

static Datum
nan_arg_flat(FunctionCallInfo fcinfo, bool max)
{
	Tensor	   *r = nan_arg(PG_GETARG_TENSOR_ANYDTYPE_P(0), max, true, 0, false);

	PG_RETURN_INT64(*(int64 *) TENSOR_DATA(r));
}

static Datum
nan_arg_axis(FunctionCallInfo fcinfo, bool max)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	PG_RETURN_TENSOR_P(nan_arg(PG_GETARG_TENSOR_ANYDTYPE_P(0), max, PG_ARGISNULL(1),
							   PG_ARGISNULL(1) ? 0 : PG_GETARG_INT32(1),
							   PG_GETARG_BOOL(2)));
}

PG_FUNCTION_INFO_V1(tensor_nanargmax);
Datum
tensor_nanargmax(PG_FUNCTION_ARGS)
{
	return nan_arg_flat(fcinfo, true);
}

PG_FUNCTION_INFO_V1(tensor_nanargmin);
Datum
tensor_nanargmin(PG_FUNCTION_ARGS)
{
	return nan_arg_flat(fcinfo, false);
}

PG_FUNCTION_INFO_V1(tensor_nanargmax_axis);
Datum
tensor_nanargmax_axis(PG_FUNCTION_ARGS)
{
	return nan_arg_axis(fcinfo, true);
}

PG_FUNCTION_INFO_V1(tensor_nanargmin_axis);
Datum
tensor_nanargmin_axis(PG_FUNCTION_ARGS)
{
	return nan_arg_axis(fcinfo, false);
}

/* nancumsum / nancumprod (a, axis DEFAULT NULL): NaN counts as 0 / 1 */
static Datum
nan_accumulate_sql(FunctionCallInfo fcinfo, bool prod)
{
	Tensor	   *t;
	bool		axis_null;
	int			axis = 0;
	int64	   *counts;
	int64		nlanes;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	axis_null = PG_ARGISNULL(1);
	if (!axis_null)
		axis = tensor_axis(PG_GETARG_INT32(1), t->ndim);
	if (!mt_dtype_is_exact((MtDtype) t->dtype))
		t = replace_nan(t, prod ? 1 : 0, axis_null, axis, &counts, &nlanes);
	PG_RETURN_TENSOR_P(tensor_accumulate(t, prod, axis_null, axis));
}

PG_FUNCTION_INFO_V1(tensor_nancumsum);
Datum
tensor_nancumsum(PG_FUNCTION_ARGS)
{
	return nan_accumulate_sql(fcinfo, false);
}

PG_FUNCTION_INFO_V1(tensor_nancumprod);
Datum
tensor_nancumprod(PG_FUNCTION_ARGS)
{
	return nan_accumulate_sql(fcinfo, true);
}

/*
 * cumulative_sum / cumulative_prod (x, axis DEFAULT NULL, include_initial
 * DEFAULT false): the array API's forms of cumsum and cumprod.  axis may
 * be NULL only for a 1-D x; include_initial starts each lane with the
 * identity (0 or 1), so the axis grows by one.
 */
static Datum
cumulative_sql(FunctionCallInfo fcinfo, bool prod)
{
	const char *fname = prod ? "cumulative_prod" : "cumulative_sum";
	Tensor	   *t;
	Tensor	   *acc,
			   *one,
			   *result;
	int			axis;
	int64		dims[MT_MAX_DIMS];
	int64		outer = 1,
				len,
				inner = 1;
	size_t		elem;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	if (t->ndim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s requires a tensor of at least one dimension", fname)));
	if (PG_ARGISNULL(1))
	{
		if (t->ndim != 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("axis must be given for a tensor of %d dimensions", t->ndim),
					 errhint("%s without an axis takes a 1-D tensor.", fname)));
		axis = 0;
	}
	else
		axis = tensor_axis(PG_GETARG_INT32(1), t->ndim);
	acc = tensor_accumulate(t, prod, false, axis);
	if (!PG_GETARG_BOOL(2))
		PG_RETURN_TENSOR_P(acc);

	tensor_dims64(acc, dims);
	tensor_lanes_of(acc, axis, &outer, &len, &inner);
	dims[axis] = len + 1;
	result = tensor_new(acc->ndim, dims, (MtDtype) acc->dtype);
	elem = mt_dtype_size((MtDtype) acc->dtype);
	one = tensor_convert(tensor_from_scalar(prod ? 1 : 0, MT_FLOAT64),
						 (MtDtype) acc->dtype);
	for (int64 o = 0; o < outer; o++)
	{
		char	   *dst = (char *) TENSOR_DATA(result) + (size_t) (o * (len + 1) * inner) * elem;

		CHECK_FOR_INTERRUPTS();
		for (int64 i = 0; i < inner; i++)
			memcpy(dst + (size_t) i * elem, TENSOR_DATA(one), elem);
		memcpy(dst + (size_t) inner * elem,
			   (char *) TENSOR_DATA(acc) + (size_t) (o * len * inner) * elem,
			   (size_t) (len * inner) * elem);
	}
	PG_RETURN_TENSOR_P(result);
}

PG_FUNCTION_INFO_V1(tensor_cumulative_sum);
Datum
tensor_cumulative_sum(PG_FUNCTION_ARGS)
{
	return cumulative_sql(fcinfo, false);
}

PG_FUNCTION_INFO_V1(tensor_cumulative_prod);
Datum
tensor_cumulative_prod(PG_FUNCTION_ARGS)
{
	return cumulative_sql(fcinfo, true);
}

/* ptp (a, axis DEFAULT NULL, keepdims): max - min, in a's dtype (wrapping) */
PG_FUNCTION_INFO_V1(tensor_ptp);
Datum
tensor_ptp(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	bool		axis_null;
	int			axis;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	if (t->dtype == MT_BOOL)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("ptp does not support dtype bool"),
				 errdetail("numpy does not subtract booleans.")));
	axis_null = PG_ARGISNULL(1);
	axis = axis_null ? 0 : PG_GETARG_INT32(1);
	PG_RETURN_TENSOR_P(tensor_binary_op(tensor_reduce(t, MT_REDUCE_MAX, axis_null, axis,
													  PG_GETARG_BOOL(2), 0),
										tensor_reduce(t, MT_REDUCE_MIN, axis_null, axis,
													  PG_GETARG_BOOL(2), 0),
										MT_BINARY_SUB));
}

/* ---- average ---- */

/*
 * numpy.average(a, axis, weights, returned=True, keepdims): the weighted
 * mean and the sum of the weights (broadcast to the mean's shape).
 * Without weights: the mean, and the count of elements averaged.
 */
static void
average(FunctionCallInfo fcinfo, Tensor **avg, Tensor **scl)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	bool		axis_null = PG_ARGISNULL(1);
	int			axis = 0;
	bool		keepdims = PG_GETARG_BOOL(3);
	MtDtype		rt;
	Tensor	   *w;
	Tensor	   *wsum;

	if (!axis_null)
		axis = tensor_axis(PG_GETARG_INT32(1), a->ndim);
	if (PG_ARGISNULL(2))
	{
		int64		n = axis_null ? tensor_size(a) : a->dims[axis];
		int64		dims[MT_MAX_DIMS];

		*avg = tensor_reduce(a, MT_REDUCE_MEAN, axis_null, axis, keepdims, 0);
		tensor_dims64(*avg, dims);
		*scl = tensor_convert(tensor_broadcast_to(tensor_from_scalar((double) n, MT_FLOAT64),
												  (*avg)->ndim, dims), (MtDtype) (*avg)->dtype);
		return;
	}
	w = PG_GETARG_TENSOR_ANYDTYPE_P(2);
	if (w->ndim != a->ndim || memcmp(w->dims, a->dims, sizeof(int32) * a->ndim) != 0)
	{
		int64		dims[MT_MAX_DIMS];

		if (axis_null)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("axis must be given when the shapes of a and weights differ")));
		if (w->ndim != 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("1-D weights expected when the shapes of a and weights differ")));
		if (w->dims[0] != a->dims[axis])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("length of weights not compatible with the specified axis"),
					 errdetail("The weights have %d elements and axis %d of a has %d.",
							   w->dims[0], axis, a->dims[axis])));
		for (int i = 0; i < a->ndim; i++)
			dims[i] = i == axis ? w->dims[0] : 1;
		w = tensor_reshaped(w, a->ndim, dims);
		tensor_dims64(a, dims);
		w = tensor_broadcast_to(w, a->ndim, dims);
	}
	/* numpy: result_type(a, weights), with float64 for bool and integers */
	rt = mt_dtype_promote((MtDtype) a->dtype, (MtDtype) w->dtype);
	if (mt_dtype_is_exact((MtDtype) a->dtype))
		rt = mt_dtype_promote(rt, MT_FLOAT64);
	if (rt == MT_BOOL)
		rt = MT_FLOAT64;
	a = tensor_convert(a, rt);
	w = tensor_convert(w, rt);
	wsum = tensor_reduce(w, MT_REDUCE_SUM, axis_null, axis, keepdims, 0);
	{
		int64		n = tensor_size(wsum);

		for (int64 i = 0; i < n; i++)
		{
			double		re = mt_load_double(TENSOR_DATA(wsum), rt, i);
			double		im = 0;

			if (mt_dtype_is_complex(rt))
				im = rt == MT_COMPLEX64 ? ((float *) TENSOR_DATA(wsum))[2 * i + 1] :
					((double *) TENSOR_DATA(wsum))[2 * i + 1];
			if (re == 0 && im == 0)
				ereport(ERROR,
						(errcode(ERRCODE_DIVISION_BY_ZERO),
						 errmsg("weights sum to zero, cannot be normalized")));
		}
	}
	*avg = tensor_binary_op(tensor_reduce(tensor_binary_op(a, w, MT_BINARY_MUL),
										  MT_REDUCE_SUM, axis_null, axis, keepdims, 0),
							wsum, MT_BINARY_DIV);
	*scl = wsum;
}

/* average(a, axis DEFAULT NULL, weights DEFAULT NULL, keepdims DEFAULT false) */
PG_FUNCTION_INFO_V1(tensor_average);
Datum
tensor_average(PG_FUNCTION_ARGS)
{
	Tensor	   *avg,
			   *scl;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	average(fcinfo, &avg, &scl);
	PG_RETURN_TENSOR_P(avg);
}

/* average_returned(...): (average, sum_of_weights), numpy's returned=True */
PG_FUNCTION_INFO_V1(tensor_average_returned);
Datum
tensor_average_returned(PG_FUNCTION_ARGS)
{
	Tensor	   *avg,
			   *scl;
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "average_returned must return a record");
	tupdesc = BlessTupleDesc(tupdesc);
	average(fcinfo, &avg, &scl);
	values[0] = PointerGetDatum(avg);
	values[1] = PointerGetDatum(scl);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* ---- histograms ---- */

/* the two finite numbers of a range float8[] argument */
static void
read_range(ArrayType *arr, double *lo, double *hi)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	deconstruct_array(arr, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &n);
	if (ARR_NDIM(arr) != 1 || n != 2 || nulls[0] || nulls[1])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("range must be an array of two numbers")));
	*lo = DatumGetFloat8(elems[0]);
	*hi = DatumGetFloat8(elems[1]);
	if (*lo > *hi)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max must be larger than min in range parameter")));
	if (!isfinite(*lo) || !isfinite(*hi))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("supplied range of [%g, %g] is not finite", *lo, *hi)));
}

/* a real tensor argument for fname, 42804 for complex */
static void
require_real(const Tensor *t, const char *fname, const char *what)
{
	if (mt_dtype_is_complex((MtDtype) t->dtype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s does not support %s of dtype %s", fname, what,
						mt_dtype_name((MtDtype) t->dtype))));
}

/*
 * histogram and histogram_bin_edges: (a, bins integer | tensor | text,
 * range float8[], [density boolean,] weights tensor).  numpy's
 * _get_bin_edges, then the counts.  Returns the edges; *hist (when hist
 * is not NULL) gets the counts.
 */
static Tensor *
histogram_of(FunctionCallInfo fcinfo, int weights_arg, bool density,
			 Tensor **hist)
{
	const char *fname = hist ? "histogram" : "histogram_bin_edges";
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	MtDtype		dtype = (MtDtype) a->dtype;
	int64		n = tensor_size(a);
	Oid			bins_type = get_fn_expr_argtype(fcinfo->flinfo, 1);
	Tensor	   *w = NULL;
	Tensor	   *edges_t;
	double	   *edges;
	double	   *counts;
	int64		nbins;
	bool		uniform = bins_type != INT4OID && bins_type != TEXTOID ? false : true;
	bool		has_range = !PG_ARGISNULL(2);
	double		lo = 0,
				hi = 1;

	require_real(a, fname, "a");
	if (!PG_ARGISNULL(weights_arg))
	{
		w = PG_GETARG_TENSOR_ANYDTYPE_P(weights_arg);
		require_real(w, fname, "weights");
		if (w->ndim != a->ndim || memcmp(w->dims, a->dims, sizeof(int32) * a->ndim) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("weights must have the same shape as a")));
	}
	if (has_range)
		read_range(PG_GETARG_ARRAYTYPE_P(2), &lo, &hi);

	if (uniform)
	{
		/* numpy's _get_outer_edges */
		if (!has_range && n > 0)
		{
			lo = INFINITY;
			hi = -INFINITY;
			for (int64 i = 0; i < n; i++)
			{
				double		v = mt_load_double(TENSOR_DATA(a), dtype, i);

				if ((i & (TENSOR_INTERRUPT_STRIDE - 1)) == 0)
					CHECK_FOR_INTERRUPTS();
				if (isnan(v))
				{
					lo = hi = v;
					break;
				}
				lo = Min(lo, v);
				hi = Max(hi, v);
			}
			if (!isfinite(lo) || !isfinite(hi))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("autodetected range of [%g, %g] is not finite", lo, hi)));
		}
		if (lo == hi)
		{
			lo -= 0.5;
			hi += 0.5;
		}
		if (bins_type == INT4OID)
		{
			if (PG_GETARG_INT32(1) < 1)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("bins must be positive, when an integer")));
			nbins = PG_GETARG_INT32(1);
		}
		else
		{
			char	   *rule = text_to_cstring(PG_GETARG_TEXT_PP(1));
			double	   *x = palloc(sizeof(double) * Max(n, 1));
			int64		m = 0;
			double		width;

			if (w != NULL)
				ereport(ERROR,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("automated estimation of the number of bins is not supported for weighted data")));
			for (int64 i = 0; i < n; i++)
			{
				double		v = mt_load_double(TENSOR_DATA(a), dtype, i);

				if ((i & (TENSOR_INTERRUPT_STRIDE - 1)) == 0)
					CHECK_FOR_INTERRUPTS();
				if (!has_range || (v >= lo && v <= hi))
					x[m++] = v;
			}
			if (!mt_histogram_bin_width(rule, x, m, lo, hi, &width))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("\"%s\" is not a valid estimator for bins", rule),
						 errhint("The estimators are auto, fd, doane, scott, stone, rice, sturges and sqrt.")));
			/* numpy >= 2.1: integer data gets bins at least 1 wide */
			if (mt_dtype_is_integer(dtype) && width < 1 && width != 0)
				width = 1;
			if (m == 0 || width == 0)
				nbins = 1;
			else
			{
				double		nb = ceil((hi - lo) / width);

				if (!(nb <= (double) MT_MAX_DIM_EXTENT - 1))
					ereport(ERROR,
							(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							 errmsg("too many bins: %g", nb)));
				nbins = (int64) nb;
			}
			pfree(x);
		}
		/* np.linspace(lo, hi, nbins + 1) in a's float dtype (float64 for
		 * bool and integers) */
		{
			int64		ne = nbins + 1;
			Tensor	   *e64 = tensor_new(1, &ne, MT_FLOAT64);
			double	   *e = (double *) TENSOR_DATA(e64);
			double		step = (hi - lo) / (double) nbins;

			for (int64 i = 0; i < ne; i++)
				e[i] = (double) i * step + lo;
			e[nbins] = hi;
			edges_t = tensor_convert(e64, mt_dtype_is_float(dtype) ? dtype : MT_FLOAT64);
		}
	}
	else
	{
		int			mono;

		edges_t = PG_GETARG_TENSOR_ANYDTYPE_P(1);
		require_real(edges_t, fname, "bins");
		if (edges_t->ndim != 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bins must be one-dimensional, when a tensor")));
		if (edges_t->dims[0] < 2)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bins must hold at least two edges, when a tensor")));
		mono = mt_monotonicity(TENSOR_DATA(edges_t), (MtDtype) edges_t->dtype,
							   edges_t->dims[0]);
		if (mono != 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bins must increase monotonically, when a tensor")));
		nbins = edges_t->dims[0] - 1;
	}
	if (hist == NULL)
		return edges_t;

	edges = palloc(sizeof(double) * (nbins + 1));
	for (int64 i = 0; i <= nbins; i++)
		edges[i] = mt_load_double(TENSOR_DATA(edges_t), (MtDtype) edges_t->dtype, i);
	if (!uniform)
	{
		lo = edges[0];
		hi = edges[nbins];
	}
	{
		Tensor	   *c64 = tensor_new(1, &nbins, MT_FLOAT64);

		counts = (double *) TENSOR_DATA(c64);
		tensor_check_status(mt_histogram(TENSOR_DATA(a), dtype, n,
										 w ? TENSOR_DATA(w) : NULL,
										 w ? (MtDtype) w->dtype : MT_FLOAT64,
										 edges, nbins, uniform, lo, hi, counts,
										 tensor_poll_interrupts, NULL), NULL);
		if (density)
		{
			double		total = 0;

			for (int64 i = 0; i < nbins; i++)
				total += counts[i];
			for (int64 i = 0; i < nbins; i++)
				counts[i] = counts[i] / (edges[i + 1] - edges[i]) / total;
			*hist = c64;
		}
		else
			*hist = tensor_convert(c64, w ? (MtDtype) w->dtype : MT_INT64);
	}
	return edges_t;
}

/* histogram(a, bins, range, density, weights) -> (hist, bin_edges) */
PG_FUNCTION_INFO_V1(tensor_histogram);
Datum
tensor_histogram(PG_FUNCTION_ARGS)
{
	Tensor	   *hist,
			   *edges;
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "histogram must return a record");
	tupdesc = BlessTupleDesc(tupdesc);
	edges = histogram_of(fcinfo, 4, PG_GETARG_BOOL(3), &hist);
	values[0] = PointerGetDatum(hist);
	values[1] = PointerGetDatum(edges);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* histogram_bin_edges(a, bins, range, weights) */
PG_FUNCTION_INFO_V1(tensor_histogram_bin_edges);
Datum
tensor_histogram_bin_edges(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_TENSOR_P(histogram_of(fcinfo, 3, false, NULL));
}

/* bincount(x, weights DEFAULT NULL, minlength DEFAULT 0) */
PG_FUNCTION_INFO_V1(tensor_bincount);
Datum
tensor_bincount(PG_FUNCTION_ARGS)
{
	Tensor	   *x,
			   *w = NULL,
			   *r;
	MtDtype		dtype;
	int64		n,
				nbins;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	x = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	dtype = (MtDtype) x->dtype;
	if (!mt_dtype_is_exact(dtype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("bincount does not support dtype %s", mt_dtype_name(dtype)),
				 errdetail("bincount counts non-negative integers; numpy refuses to cast other dtypes to them.")));
	if (x->ndim != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bincount takes a one-dimensional tensor"),
				 errdetail("This one has %d dimensions.", x->ndim)));
	if (PG_GETARG_INT32(2) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("minlength must not be negative")));
	n = tensor_size(x);
	nbins = PG_GETARG_INT32(2);
	for (int64 i = 0; i < n; i++)
	{
		int64		k = mt_load_int64(TENSOR_DATA(x), dtype, i);

		if ((i & (TENSOR_INTERRUPT_STRIDE - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		if (k < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bincount takes non-negative integers only"),
					 errdetail("Element %lld is %lld.", (long long) i, (long long) k)));
		if (k >= MT_MAX_DIM_EXTENT)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("bincount result would have more than %d elements",
							MT_MAX_DIM_EXTENT)));
		nbins = Max(nbins, k + 1);
	}
	if (!PG_ARGISNULL(1))
	{
		w = PG_GETARG_TENSOR_ANYDTYPE_P(1);
		require_real(w, "bincount", "weights");
		if (w->ndim != 1 || w->dims[0] != n)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the weights and x do not have the same length")));
	}
	r = tensor_new(1, &nbins, w ? MT_FLOAT64 : MT_INT64);
	mt_bincount(TENSOR_DATA(x), dtype, n, w ? TENSOR_DATA(w) : NULL,
				w ? (MtDtype) w->dtype : MT_FLOAT64, nbins, TENSOR_DATA(r));
	PG_RETURN_TENSOR_P(r);
}

/* digitize(x, bins, right DEFAULT false): int64 bin indices */
PG_FUNCTION_INFO_V1(tensor_digitize);
Datum
tensor_digitize(PG_FUNCTION_ARGS)
{
	Tensor	   *x,
			   *bins,
			   *r;
	int			mono;
	int64		nb,
				n;
	bool		right;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	x = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	bins = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	right = PG_GETARG_BOOL(2);
	require_real(x, "digitize", "x");
	require_real(bins, "digitize", "bins");
	if (bins->ndim != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bins must be one-dimensional")));
	nb = bins->dims[0];
	mono = mt_monotonicity(TENSOR_DATA(bins), (MtDtype) bins->dtype, nb);
	if (mono == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bins must be monotonically increasing or decreasing")));
	n = tensor_size(x);
	r = tensor_new_like(x, MT_INT64);
	if (mono == 1)
		tensor_check_status(mt_searchsorted(TENSOR_DATA(bins), (MtDtype) bins->dtype, nb,
											NULL, TENSOR_DATA(x), (MtDtype) x->dtype, n,
											!right, (int64_t *) TENSOR_DATA(r),
											tensor_poll_interrupts, NULL), NULL);
	else
	{
		/* len(bins) - searchsorted(bins[::-1], x, side) */
		int64		stride = -1;
		Tensor	   *rev = tensor_from_view(bins, 1, &nb, &stride, nb - 1);

		tensor_check_status(mt_searchsorted(TENSOR_DATA(rev), (MtDtype) bins->dtype, nb,
											NULL, TENSOR_DATA(x), (MtDtype) x->dtype, n,
											!right, (int64_t *) TENSOR_DATA(r),
											tensor_poll_interrupts, NULL), NULL);
		for (int64 i = 0; i < n; i++)
			((int64 *) TENSOR_DATA(r))[i] = nb - ((int64 *) TENSOR_DATA(r))[i];
	}
	PG_RETURN_TENSOR_P(r);
}

/* ---- correlate, convolve ---- */

/* correlate(a, v, mode DEFAULT 'valid') and convolve(a, v, mode DEFAULT 'full') */
static Datum
correlate_sql(FunctionCallInfo fcinfo, bool convolve)
{
	const char *fname = convolve ? "convolve" : "correlate";
	Tensor	   *a,
			   *v,
			   *r;
	char	   *mode_name;
	MtCorrelateMode mode;
	MtDtype		rt,
				ct;
	int64		na,
				nv,
				len;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	v = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	mode_name = text_to_cstring(PG_GETARG_TEXT_PP(2));
	if (strcmp(mode_name, "valid") == 0)
		mode = MT_CORRELATE_VALID;
	else if (strcmp(mode_name, "same") == 0)
		mode = MT_CORRELATE_SAME;
	else if (strcmp(mode_name, "full") == 0)
		mode = MT_CORRELATE_FULL;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown %s mode \"%s\"", fname, mode_name),
				 errhint("The modes are valid, same and full.")));
	if (a->ndim != 1 || v->ndim != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s takes one-dimensional tensors", fname),
				 errdetail("The tensors have %d and %d dimensions.", a->ndim, v->ndim)));
	na = tensor_size(a);
	nv = tensor_size(v);
	if (na == 0 || nv == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot be empty", na == 0 ? "a" : "v")));
	rt = mt_dtype_promote((MtDtype) a->dtype, (MtDtype) v->dtype);
	ct = mt_dtype_is_complex(rt) ? MT_COMPLEX128 :
		mt_dtype_is_float(rt) ? MT_FLOAT64 : MT_INT64;
	a = tensor_convert(a, ct);
	v = tensor_convert(v, ct);
	len = mt_correlate_length(na, nv, mode);
	r = tensor_new(1, &len, ct);
	tensor_check_status(mt_correlate(ct, TENSOR_DATA(a), na, TENSOR_DATA(v), nv,
									 mode, convolve, TENSOR_DATA(r),
									 tensor_poll_interrupts, NULL), NULL);
	/* numpy's dtype: bool is "any product true", integers wrap */
	if (rt == MT_BOOL)
	{
		for (int64 i = 0; i < len; i++)
			((int64 *) TENSOR_DATA(r))[i] = ((int64 *) TENSOR_DATA(r))[i] != 0;
	}
	else if (mt_dtype_is_integer(rt) && rt != MT_INT64)
	{
		/* wrap as numpy's integer loops do */
		for (int64 i = 0; i < len; i++)
		{
			int64	   *e = (int64 *) TENSOR_DATA(r) + i;

			switch (rt)
			{
				case MT_INT8:
					*e = (int8) *e;
					break;
				case MT_UINT8:
					*e = (uint8) *e;
					break;
				case MT_INT16:
					*e = (int16) *e;
					break;
				case MT_INT32:
					*e = (int32) *e;
					break;
				default:
					break;
			}
		}
	}
	PG_RETURN_TENSOR_P(tensor_convert(r, rt));
}

PG_FUNCTION_INFO_V1(tensor_correlate);
Datum
tensor_correlate(PG_FUNCTION_ARGS)
{
	return correlate_sql(fcinfo, false);
}

PG_FUNCTION_INFO_V1(tensor_convolve);
Datum
tensor_convolve(PG_FUNCTION_ARGS)
{
	return correlate_sql(fcinfo, true);
}

/* ---- cov, corrcoef ---- */

/*
 * Appends the variables of m (numpy's array(m, ndmin=2), transposed
 * when !rowvar and it has more than one row) to X as rows of obs
 * elements of dtype ct (float64 or complex128 pairs).
 */
static double *
cov_rows(Tensor *m, bool rowvar, MtDtype ct, double *X, int64 *vars,
		 int64 *obs, const char *what)
{
	int64		rows,
				cols;
	bool		transpose;
	int			width = ct == MT_COMPLEX128 ? 2 : 1;

	if (m->ndim > 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has more than 2 dimensions", what)));
	rows = m->ndim == 2 ? m->dims[0] : 1;
	cols = m->ndim == 2 ? m->dims[1] : (m->ndim == 1 ? m->dims[0] : 1);
	transpose = !rowvar && rows != 1;
	if (transpose)
	{
		int64		t = rows;

		rows = cols;
		cols = t;
	}
	if (*obs >= 0 && cols != *obs)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("m and y have different numbers of observations")));
	*obs = cols;
	m = tensor_convert(m, ct);
	X = X == NULL ? palloc(sizeof(double) * width * Max(rows * cols, 1)) :
		repalloc(X, sizeof(double) * width * Max((*vars + rows) * cols, 1));
	for (int64 i = 0; i < rows; i++)
		for (int64 j = 0; j < cols; j++)
		{
			int64		src = transpose ? j * rows + i : i * cols + j;

			if ((src & (TENSOR_INTERRUPT_STRIDE - 1)) == 0)
				CHECK_FOR_INTERRUPTS();

			for (int p = 0; p < width; p++)
				X[((*vars + i) * cols + j) * width + p] =
					((double *) TENSOR_DATA(m))[src * width + p];
		}
	*vars += rows;
	return X;
}

/* a weights argument of cov: 1-D, obs long, non-negative (fweights integral) */
static double *
cov_weights(Tensor *t, int64 obs, bool frequency)
{
	const char *what = frequency ? "fweights" : "aweights";
	double	   *w;

	require_real(t, "cov", what);
	if (t->ndim != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be one-dimensional", what)));
	if (t->dims[0] != obs)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("incompatible numbers of samples and %s", what)));
	w = palloc(sizeof(double) * Max(obs, 1));
	for (int64 i = 0; i < obs; i++)
	{
		w[i] = mt_load_double(TENSOR_DATA(t), (MtDtype) t->dtype, i);
		if (frequency && w[i] != rint(w[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("fweights must be integers")));
		if (w[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must not be negative", what)));
	}
	return w;
}

/*
 * numpy.cov(m, y, rowvar, bias, ddof, fweights, aweights): args 0 .. 6.
 * float64 (complex128 for complex input), vars x vars, 0-d for one
 * variable.
 */
static Tensor *
cov_of(FunctionCallInfo fcinfo, bool rowvar, bool bias, bool ddof_null,
	   int ddof_arg, int fw_arg, int aw_arg)
{
	Tensor	   *m = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *y = PG_ARGISNULL(1) ? NULL : PG_GETARG_TENSOR_ANYDTYPE_P(1);
	MtDtype		rt = mt_dtype_promote((MtDtype) m->dtype, MT_FLOAT64);
	double	   *X = NULL;
	int64		vars = 0,
				obs = -1;
	double	   *fw = NULL,
			   *aw = NULL,
			   *w = NULL;
	double		ddof,
				fact,
				wsum = 0;
	Tensor	   *c;
	int64		dims[2];

	if (y)
		rt = mt_dtype_promote(rt, (MtDtype) y->dtype);
	rt = mt_dtype_is_complex(rt) ? MT_COMPLEX128 : MT_FLOAT64;
	X = cov_rows(m, rowvar, rt, X, &vars, &obs, "m");
	if (vars == 0)
	{
		dims[0] = dims[1] = 0;
		return tensor_new(2, dims, MT_FLOAT64);
	}
	if (y)
		X = cov_rows(y, rowvar, rt, X, &vars, &obs, "y");
	ddof = ddof_null ? (bias ? 0 : 1) : ddof_arg;
	if (fw_arg >= 0 && !PG_ARGISNULL(fw_arg))
		fw = cov_weights(PG_GETARG_TENSOR_ANYDTYPE_P(fw_arg), obs, true);
	if (aw_arg >= 0 && !PG_ARGISNULL(aw_arg))
		aw = cov_weights(PG_GETARG_TENSOR_ANYDTYPE_P(aw_arg), obs, false);
	if (fw || aw)
	{
		w = palloc(sizeof(double) * Max(obs, 1));
		for (int64 j = 0; j < obs; j++)
		{
			w[j] = (fw ? fw[j] : 1.0) * (aw ? aw[j] : 1.0);
			wsum += w[j];
		}
	}
	if (w == NULL)
		fact = (double) obs - ddof;
	else if (ddof == 0)
		fact = wsum;
	else if (aw == NULL)
		fact = wsum - ddof;
	else
	{
		double		s = 0;

		for (int64 j = 0; j < obs; j++)
			s += w[j] * aw[j];
		fact = wsum - ddof * s / wsum;
	}
	/* numpy warns "Degrees of freedom <= 0" and divides by 0 */
	if (fact <= 0)
		fact = 0;
	dims[0] = dims[1] = vars;
	c = tensor_new(2, dims, rt);
	tensor_check_status(mt_cov(rt, X, vars, obs, w, fact, TENSOR_DATA(c),
							   tensor_poll_interrupts, NULL), NULL);
	return c;
}

/* numpy's squeeze of a 1 x 1 result */
static Tensor *
squeeze_one(Tensor *c)
{
	if (c->ndim == 2 && c->dims[0] == 1 && c->dims[1] == 1)
		return tensor_reshaped(c, 0, NULL);
	return c;
}

/* cov(m, y, rowvar, bias, ddof, fweights, aweights) */
PG_FUNCTION_INFO_V1(tensor_cov);
Datum
tensor_cov(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	PG_RETURN_TENSOR_P(squeeze_one(cov_of(fcinfo, PG_GETARG_BOOL(2), PG_GETARG_BOOL(3),
										  PG_ARGISNULL(4),
										  PG_ARGISNULL(4) ? 0 : PG_GETARG_INT32(4),
										  5, 6)));
}

/* corrcoef(x, y, rowvar) */
PG_FUNCTION_INFO_V1(tensor_corrcoef);
Datum
tensor_corrcoef(PG_FUNCTION_ARGS)
{
	Tensor	   *c;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	c = cov_of(fcinfo, PG_GETARG_BOOL(2), false, true, 0, -1, -1);
	if (c->ndim == 2 && c->dims[0] == 1)
	{
		/* numpy: c / c for a single variable (1, or NaN) */
		Tensor	   *s = squeeze_one(c);

		PG_RETURN_TENSOR_P(tensor_binary_op(s, s, MT_BINARY_DIV));
	}
	mt_corrcoef((MtDtype) c->dtype, TENSOR_DATA(c), c->dims[0]);
	PG_RETURN_TENSOR_P(c);
}

/* ---- histogram2d ---- */

/*
 * np.linspace(min, max, bins + 1) of one coordinate (numpy's
 * _get_outer_edges: the range when given, else the data's extremes; equal
 * ends widened by 0.5), in dtype.
 */
static Tensor *
uniform_edges(const Tensor *s, int bins, bool has_range, double lo, double hi,
			  MtDtype dtype, int dim)
{
	int64		n = tensor_size(s);
	int64		ne = (int64) bins + 1;
	Tensor	   *e64;
	double	   *e;
	double		step;

	if (bins < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bins[%d] must be positive, when an integer", dim)));
	if (!has_range)
	{
		lo = 0;
		hi = 1;
		if (n > 0)
		{
			lo = INFINITY;
			hi = -INFINITY;
			for (int64 i = 0; i < n; i++)
			{
				double		v = mt_load_double(TENSOR_DATA(s), (MtDtype) s->dtype, i);

				if ((i & (TENSOR_INTERRUPT_STRIDE - 1)) == 0)
					CHECK_FOR_INTERRUPTS();
				if (isnan(v))
				{
					lo = hi = v;
					break;
				}
				lo = Min(lo, v);
				hi = Max(hi, v);
			}
			if (!isfinite(lo) || !isfinite(hi))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("autodetected range of [%g, %g] is not finite", lo, hi)));
		}
	}
	if (lo == hi)
	{
		lo -= 0.5;
		hi += 0.5;
	}
	e64 = tensor_new(1, &ne, MT_FLOAT64);
	e = (double *) TENSOR_DATA(e64);
	step = (hi - lo) / (double) bins;
	for (int64 i = 0; i < ne; i++)
		e[i] = (double) i * step + lo;
	e[bins] = hi;
	return tensor_convert(e64, dtype);
}

/* given edges of one coordinate: 1-D, increasing */
static Tensor *
given_edges(Tensor *e, int dim)
{
	require_real(e, "histogram2d", "bins");
	if (e->ndim != 1 || e->dims[0] < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bins[%d] must be a one-dimensional tensor of at least two edges", dim)));
	if (mt_monotonicity(TENSOR_DATA(e), (MtDtype) e->dtype, e->dims[0]) != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bins[%d] must be monotonically increasing, when a tensor", dim)));
	return e;
}

static double *
edges_as_double(const Tensor *e)
{
	int64		n = e->dims[0];
	double	   *d = palloc(sizeof(double) * n);

	for (int64 i = 0; i < n; i++)
		d[i] = mt_load_double(TENSOR_DATA(e), (MtDtype) e->dtype, i);
	return d;
}

/*
 * histogram2d(x, y, bins integer | integer[] | tensor, range float8[]
 * (2 x 2), density, weights) -> (hist float64 nx x ny, xedges, yedges)
 */
PG_FUNCTION_INFO_V1(tensor_histogram2d);
Datum
tensor_histogram2d(PG_FUNCTION_ARGS)
{
	Tensor	   *x,
			   *y,
			   *w = NULL,
			   *xe,
			   *ye,
			   *hist;
	Oid			bins_type;
	MtDtype		edge_dtype;
	bool		has_range = !PG_ARGISNULL(3);
	double		rng[4] = {0, 1, 0, 1};
	int64		n,
				nx,
				ny,
				dims[2];
	double	   *xd,
			   *yd,
			   *counts;
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(4))
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "histogram2d must return a record");
	tupdesc = BlessTupleDesc(tupdesc);
	x = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	y = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	require_real(x, "histogram2d", "x");
	require_real(y, "histogram2d", "y");
	if (x->ndim != 1 || y->ndim != 1 || x->dims[0] != y->dims[0])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("x and y must be one-dimensional tensors of the same length")));
	n = x->dims[0];
	if (!PG_ARGISNULL(5))
	{
		w = PG_GETARG_TENSOR_ANYDTYPE_P(5);
		require_real(w, "histogram2d", "weights");
		if (w->ndim != 1 || w->dims[0] != n)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("weights must have the length of x and y")));
	}
	if (has_range)
	{
		ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(3);
		Datum	   *elems;
		bool	   *elnulls;
		int			ne;

		deconstruct_array(arr, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
						  &elems, &elnulls, &ne);
		if (ne != 4 || ARR_NDIM(arr) != 2)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("range must be a 2 x 2 array: [[xmin, xmax], [ymin, ymax]]")));
		for (int i = 0; i < 4; i++)
		{
			if (elnulls[i])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("range must not contain NULL")));
			rng[i] = DatumGetFloat8(elems[i]);
		}
		for (int d = 0; d < 2; d++)
		{
			if (rng[2 * d] > rng[2 * d + 1])
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("max must be larger than min in range parameter")));
			if (!isfinite(rng[2 * d]) || !isfinite(rng[2 * d + 1]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("supplied range of [%g, %g] is not finite",
								rng[2 * d], rng[2 * d + 1])));
		}
	}
	/* numpy stacks x and y: edges in their common float dtype */
	edge_dtype = mt_dtype_promote((MtDtype) x->dtype, (MtDtype) y->dtype);
	if (!mt_dtype_is_float(edge_dtype))
		edge_dtype = MT_FLOAT64;
	bins_type = get_fn_expr_argtype(fcinfo->flinfo, 2);
	if (bins_type == INT4OID)
	{
		xe = uniform_edges(x, PG_GETARG_INT32(2), has_range, rng[0], rng[1], edge_dtype, 0);
		ye = uniform_edges(y, PG_GETARG_INT32(2), has_range, rng[2], rng[3], edge_dtype, 1);
	}
	else if (bins_type == INT4ARRAYOID)
	{
		int			b[2];

		if (tensor_int_array(PG_GETARG_ARRAYTYPE_P(2), b, 2, "bins") != 2)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bins must hold two counts, one per coordinate")));
		xe = uniform_edges(x, b[0], has_range, rng[0], rng[1], edge_dtype, 0);
		ye = uniform_edges(y, b[1], has_range, rng[2], rng[3], edge_dtype, 1);
	}
	else
	{
		xe = given_edges(PG_GETARG_TENSOR_ANYDTYPE_P(2), 0);
		ye = xe;
	}
	nx = xe->dims[0] - 1;
	ny = ye->dims[0] - 1;
	xd = edges_as_double(xe);
	yd = edges_as_double(ye);
	dims[0] = nx;
	dims[1] = ny;
	hist = tensor_new(2, dims, MT_FLOAT64);
	counts = (double *) TENSOR_DATA(hist);
	tensor_check_status(mt_histogram2d(TENSOR_DATA(x), (MtDtype) x->dtype,
									   TENSOR_DATA(y), (MtDtype) y->dtype, n,
									   w ? TENSOR_DATA(w) : NULL,
									   w ? (MtDtype) w->dtype : MT_FLOAT64,
									   xd, nx, yd, ny, counts,
									   tensor_poll_interrupts, NULL), NULL);
	if (PG_GETARG_BOOL(4))
	{
		double		total = 0;

		for (int64 i = 0; i < nx * ny; i++)
			total += counts[i];
		for (int64 i = 0; i < nx; i++)
			for (int64 j = 0; j < ny; j++)
				counts[i * ny + j] = counts[i * ny + j] / (xd[i + 1] - xd[i]) /
					(yd[j + 1] - yd[j]) / total;
	}
	values[0] = PointerGetDatum(hist);
	values[1] = PointerGetDatum(xe);
	values[2] = PointerGetDatum(ye);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
