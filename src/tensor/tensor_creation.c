/*
 * tensor_creation.c
 *	  SQL glue for numpy's creation routines that need more than a SQL
 *	  composition of existing ones: geomspace, meshgrid, vander,
 *	  diag_indices_from, tril_indices_from and triu_indices_from.  (empty,
 *	  empty_like, logspace, tri and diagflat are SQL functions in
 *	  082_tensor_assemble.sql.)
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "tensor/tensor_ops.h"

PG_FUNCTION_INFO_V1(tensor_geomspace);
PG_FUNCTION_INFO_V1(tensor_meshgrid);
PG_FUNCTION_INFO_V1(tensor_vander);
PG_FUNCTION_INFO_V1(tensor_diag_indices_from);
PG_FUNCTION_INFO_V1(tensor_tril_indices_from);
PG_FUNCTION_INFO_V1(tensor_triu_indices_from);

extern Datum tensor_diag_indices(PG_FUNCTION_ARGS);
extern Datum tensor_tril_indices(PG_FUNCTION_ARGS);
extern Datum tensor_triu_indices(PG_FUNCTION_ARGS);

/*
 * geomspace(start, stop, num DEFAULT 50, endpoint DEFAULT true, dtype
 * DEFAULT 'float64'): numpy.geomspace for real start and stop, as numpy
 * computes it: start rotated to positive (a negative start and stop give
 * negative values; opposite signs give NaN inside), 10 ** linspace of the
 * log10 of the ends, the ends themselves put back exactly
 */
Datum
tensor_geomspace(PG_FUNCTION_ARGS)
{
	double		start = PG_GETARG_FLOAT8(0);
	double		stop = PG_GETARG_FLOAT8(1);
	int32		num = PG_GETARG_INT32(2);
	bool		endpoint = PG_GETARG_BOOL(3);
	MtDtype		dtype = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(4));
	double		sign,
				ls,
				le,
				div,
				step;
	int64		n = num;
	Tensor	   *t;
	double	   *d;

	if (num < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("geomspace num must not be negative"),
				 errdetail("num is %d.", num)));
	if (start == 0.0 || stop == 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a geometric sequence cannot include zero")));
	sign = start > 0 ? 1.0 : (start < 0 ? -1.0 : start);	/* NaN stays NaN */
	start /= sign;
	stop /= sign;
	ls = log10(start);
	le = log10(stop);
	div = endpoint ? (double) (num - 1) : (double) num;
	step = div > 0 ? (le - ls) / div : 0.0;
	t = tensor_new(1, &n, MT_FLOAT64);
	d = TENSOR_DATA(t);
	for (int64 i = 0; i < n; i++)
	{
		double		y;

		/* numpy.linspace: i / div * delta when the step underflows */
		if (step == 0.0 && div > 0)
			y = (double) i / div * (le - ls) + ls;
		else
			y = (double) i * step + ls;
		if (endpoint && num > 1 && i == n - 1)
			y = le;
		d[i] = pow(10.0, y);
	}
	if (n > 0)
	{
		d[0] = start;
		if (n > 1 && endpoint)
			d[n - 1] = stop;
	}
	for (int64 i = 0; i < n; i++)
		d[i] *= sign;
	PG_RETURN_TENSOR_P(tensor_convert(t, dtype));
}

/*
 * meshgrid(xs tensor[], indexing DEFAULT 'xy', sparse DEFAULT false) ->
 * tensor[]: numpy.meshgrid; each x flattened and laid along its own axis
 * (the first two swapped for 'xy'), broadcast to the full grid unless
 * sparse; dtypes kept
 */
Datum
tensor_meshgrid(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	char	   *indexing = text_to_cstring(PG_GETARG_TEXT_PP(1));
	bool		sparse = PG_GETARG_BOOL(2);
	bool		xy;
	int			count;
	Tensor	  **ts;
	int64		full[MT_MAX_DIMS];
	Datum	   *out;
	Oid			tensor_type = get_element_type(get_fn_expr_rettype(fcinfo->flinfo));

	if (strcmp(indexing, "xy") == 0)
		xy = true;
	else if (strcmp(indexing, "ij") == 0)
		xy = false;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indexing must be \"xy\" or \"ij\", not \"%s\"", indexing)));
	if (ARR_NDIM(arr) == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(tensor_type));
	ts = tensor_array_tensors(arr, &count);
	if (count > MT_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("meshgrid of %d tensors exceeds the maximum number of dimensions (%d)",
						count, MT_MAX_DIMS)));
	for (int i = 0; i < count; i++)
		full[i] = tensor_size(ts[i]);
	if (xy && count > 1)
	{
		int64		s = full[0];

		full[0] = full[1];
		full[1] = s;
	}
	if (!sparse)
		tensor_check_shape(count, full, MT_FLOAT64);
	out = palloc(sizeof(Datum) * count);
	for (int i = 0; i < count; i++)
	{
		int64		dims[MT_MAX_DIMS];
		int			at = i;
		Tensor	   *g;

		if (xy && count > 1 && i < 2)
			at = 1 - i;
		for (int d = 0; d < count; d++)
			dims[d] = d == at ? tensor_size(ts[i]) : 1;
		g = tensor_reshaped(ts[i], count, dims);
		if (!sparse)
		{
			CHECK_FOR_INTERRUPTS();
			g = tensor_broadcast_to(g, count, full);
		}
		out[i] = PointerGetDatum(g);
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(out, count, tensor_type, -1, false,
										  TYPALIGN_DOUBLE));
}

/*
 * vander(x, n DEFAULT NULL, increasing DEFAULT false): numpy.vander, the
 * columns x ** (n - 1), ..., x ** 0 (reversed when increasing), computed
 * as numpy by repeated multiplication in promote_types(x.dtype, int64)
 * (integers wrap; float16 and float32 give float64)
 */
Datum
tensor_vander(PG_FUNCTION_ARGS)
{
	Tensor	   *x;
	int64		n,
				len;
	bool		increasing;
	MtDtype		dtype;
	Tensor	  **cols;
	Tensor	   *ones;
	int64		dims[2];
	Tensor	   *result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	x = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	increasing = PG_GETARG_BOOL(2);
	if (x->ndim != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("vander needs a one-dimensional x, not %d dimensions", x->ndim)));
	len = x->dims[0];
	n = PG_ARGISNULL(1) ? len : PG_GETARG_INT32(1);
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("vander n must not be negative")));
	dtype = mt_dtype_promote((MtDtype) x->dtype, MT_INT64);
	dims[0] = len;
	dims[1] = n;
	result = tensor_new(2, dims, dtype);
	if (n == 0 || len == 0)
		PG_RETURN_TENSOR_P(result);
	x = tensor_convert(x, dtype);
	cols = palloc(sizeof(Tensor *) * n);
	ones = tensor_new(1, &len, MT_BOOL);
	memset(TENSOR_DATA(ones), 1, len);
	cols[0] = tensor_convert(ones, dtype);
	for (int64 j = 1; j < n; j++)
	{
		CHECK_FOR_INTERRUPTS();
		cols[j] = j == 1 ? x : tensor_binary_op(cols[j - 1], x, MT_BINARY_MUL);
	}
	{
		size_t		elem = mt_dtype_size(dtype);
		char	   *dst = TENSOR_DATA(result);

		for (int64 j = 0; j < n; j++)
		{
			int64		c = increasing ? j : n - 1 - j;
			const char *src = TENSOR_DATA(cols[j]);

			for (int64 i = 0; i < len; i++)
				memcpy(dst + (i * n + c) * elem, src + i * elem, elem);
		}
	}
	PG_RETURN_TENSOR_P(result);
}

/* diag_indices_from(t): numpy.diag_indices_from, t at least 2-D with all
 * extents equal; int64 (ndim, n) as diag_indices */
Datum
tensor_diag_indices_from(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	if (t->ndim < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("diag_indices_from needs a tensor of at least two dimensions")));
	for (int d = 1; d < t->ndim; d++)
		if (t->dims[d] != t->dims[0])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("all extents of the tensor must be equal"),
					 errdetail("Dimension 0 has extent %d and dimension %d has %d.",
							   t->dims[0], d, t->dims[d])));
	return DirectFunctionCall2(tensor_diag_indices, Int32GetDatum(t->dims[0]),
							   Int32GetDatum(t->ndim));
}

static Datum
tri_indices_from(FunctionCallInfo fcinfo, PGFunction fn, const char *name)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	if (t->ndim != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs a two-dimensional tensor, not %d dimensions",
						name, t->ndim)));
	return DirectFunctionCall3(fn, Int32GetDatum(t->dims[0]),
							   Int32GetDatum(PG_GETARG_INT32(1)),
							   Int32GetDatum(t->dims[1]));
}

/* tril_indices_from(t, k DEFAULT 0): numpy.tril_indices_from */
Datum
tensor_tril_indices_from(PG_FUNCTION_ARGS)
{
	return tri_indices_from(fcinfo, tensor_tril_indices, "tril_indices_from");
}

/* triu_indices_from(t, k DEFAULT 0): numpy.triu_indices_from */
Datum
tensor_triu_indices_from(PG_FUNCTION_ARGS)
{
	return tri_indices_from(fcinfo, tensor_triu_indices, "triu_indices_from");
}
