/*
 * tensor_calculus.c
 *	  SQL glue for numpy's differences and integrals: diff, ediff1d and
 *	  trapezoid.  They are compositions of strided views
 *	  (tensor_from_view) and the elementwise kernels (tensor_binary_op),
 *	  so every dtype computes as numpy's subtract, add and multiply do:
 *	  integers wrap, float16 computes in float32, bool differences are
 *	  not_equal (numpy.diff) and refused where numpy's subtract refuses
 *	  them (ediff1d: 42804).
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"

#include "kernels/strided.h"
#include "tensor/tensor_ops.h"

PG_FUNCTION_INFO_V1(tensor_diff);
PG_FUNCTION_INFO_V1(tensor_ediff1d);
PG_FUNCTION_INFO_V1(tensor_trapezoid);

extern Datum tensor_sum(PG_FUNCTION_ARGS);

/* t[lo : lo + count] along axis, a copy */
static Tensor *
axis_slice(Tensor *t, int axis, int64 lo, int64 count)
{
	int64		dims[MT_MAX_DIMS],
				strides[MT_MAX_DIMS];

	tensor_dims64(t, dims);
	mt_contiguous_strides(t->ndim, (int64_t *) dims, (int64_t *) strides);
	dims[axis] = count;
	return tensor_from_view(t, t->ndim, dims, strides,
							count > 0 ? lo * strides[axis] : 0);
}

/* one n = 1 difference along axis: not_equal for bool, as numpy.diff */
static Tensor *
difference(Tensor *t, int axis)
{
	int64		n = t->dims[axis];
	int64		m = Max(n - 1, 0);
	Tensor	   *hi = axis_slice(t, axis, n > 0 ? 1 : 0, m);
	Tensor	   *lo = axis_slice(t, axis, 0, m);

	return tensor_binary_op(hi, lo, t->dtype == MT_BOOL ? MT_BINARY_NOT_EQUAL
							: MT_BINARY_SUB);
}

/* prepend/append of diff: a 0-d value becomes t's shape with extent 1
 * along axis (numpy.broadcast_to), anything else is joined as it is */
static Tensor *
diff_edge(Tensor *v, Tensor *t, int axis)
{
	int64		dims[MT_MAX_DIMS];

	if (v->ndim != 0)
	{
		if (v->ndim != t->ndim)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("prepend and append must be 0-d or have the dimensions of t"),
					 errdetail("t has %d dimensions, the value %d.", t->ndim, v->ndim)));
		return v;
	}
	tensor_dims64(t, dims);
	dims[axis] = 1;
	return tensor_broadcast_to(v, t->ndim, dims);
}

/*
 * diff(t, n DEFAULT 1, axis DEFAULT -1, prepend DEFAULT NULL, append
 * DEFAULT NULL): numpy.diff, the n-th discrete difference along axis
 */
Datum
tensor_diff(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	int32		n;
	int			axis;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	n = PG_GETARG_INT32(1);
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("order of the difference must be non-negative, not %d", n)));
	if (n == 0)
		PG_RETURN_TENSOR_P(t);
	if (t->ndim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("diff needs a tensor of at least one dimension")));
	axis = tensor_axis(PG_GETARG_INT32(2), t->ndim);
	if (!PG_ARGISNULL(3) || !PG_ARGISNULL(4))
	{
		Tensor	   *parts[3];
		int			count = 0;

		if (!PG_ARGISNULL(3))
			parts[count++] = diff_edge(PG_GETARG_TENSOR_ANYDTYPE_P(3), t, axis);
		parts[count++] = t;
		if (!PG_ARGISNULL(4))
			parts[count++] = diff_edge(PG_GETARG_TENSOR_ANYDTYPE_P(4), t, axis);
		t = tensor_concatenate_list(parts, count, axis);
	}
	for (int32 i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		t = difference(t, axis);
		if (t->dims[axis] == 0)
			break;
	}
	PG_RETURN_TENSOR_P(t);
}

/* numpy.can_cast(v, t.dtype, 'same_kind'): bool < integers < floats <
 * complex, never down the order (42804, numpy's TypeError) */
static Tensor *
same_kind(Tensor *v, Tensor *t, const char *what)
{
	MtDtype		a = (MtDtype) v->dtype,
				b = (MtDtype) t->dtype;
	int			ka = mt_dtype_is_complex(a) ? 3 : mt_dtype_is_float(a) ? 2 : a == MT_BOOL ? 0 : 1;
	int			kb = mt_dtype_is_complex(b) ? 3 : mt_dtype_is_float(b) ? 2 : b == MT_BOOL ? 0 : 1;

	if (ka > kb)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("dtype %s of %s cannot be cast to %s under the same_kind rule",
						mt_dtype_name(a), what, mt_dtype_name(b))));
	return v;
}

/*
 * ediff1d(t, to_end DEFAULT NULL, to_begin DEFAULT NULL): numpy.ediff1d,
 * the differences of the flattened tensor with to_begin and to_end
 * (flattened, converted to t's dtype) around them
 */
Datum
tensor_ediff1d(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	Tensor	   *parts[3];
	int			count = 0;
	int64		n;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	if (t->dtype == MT_BOOL)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("ediff1d does not support dtype bool"),
				 errhint("numpy's subtract refuses bool; use diff, whose bool difference is not_equal.")));
	n = tensor_size(t);
	t = tensor_reshaped(t, 1, &n);
	if (!PG_ARGISNULL(2))
	{
		Tensor	   *b = same_kind(PG_GETARG_TENSOR_ANYDTYPE_P(2), t, "to_begin");
		int64		bn = tensor_size(b);

		parts[count++] = tensor_convert(tensor_reshaped(b, 1, &bn), (MtDtype) t->dtype);
	}
	parts[count++] = difference(t, 0);
	if (!PG_ARGISNULL(1))
	{
		Tensor	   *e = same_kind(PG_GETARG_TENSOR_ANYDTYPE_P(1), t, "to_end");
		int64		en = tensor_size(e);

		parts[count++] = tensor_convert(tensor_reshaped(e, 1, &en), (MtDtype) t->dtype);
	}
	PG_RETURN_TENSOR_P(tensor_concatenate_list(parts, count, 0));
}

/*
 * trapezoid(y, x DEFAULT NULL, dx DEFAULT 1, axis DEFAULT -1):
 * numpy.trapezoid, sum(d * (y[1:] + y[:-1]) / 2) along axis, d the
 * spacing dx or diff(x) (a 1-D x lies along axis, an n-d x has y's ndim)
 */
Datum
tensor_trapezoid(PG_FUNCTION_ARGS)
{
	Tensor	   *y,
			   *d,
			   *mid,
			   *prod;
	int			axis;
	int64		n;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	y = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	if (y->ndim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trapezoid needs y of at least one dimension")));
	axis = tensor_axis(PG_GETARG_INT32(3), y->ndim);
	n = y->dims[axis];
	mid = tensor_binary_op(axis_slice(y, axis, n > 0 ? 1 : 0, Max(n - 1, 0)),
						   axis_slice(y, axis, 0, Max(n - 1, 0)), MT_BINARY_ADD);
	if (!PG_ARGISNULL(1))
	{
		Tensor	   *x = PG_GETARG_TENSOR_ANYDTYPE_P(1);

		if (x->ndim == 1)
		{
			int64		dims[MT_MAX_DIMS];

			if (x->dims[0] != n)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("x has %d points and y has %lld along axis %d",
								x->dims[0], (long long) n, axis)));
			d = difference(x, 0);
			/* d along axis: shape (1, ..., n - 1, ..., 1) */
			for (int i = 0; i < y->ndim; i++)
				dims[i] = i == axis ? d->dims[0] : 1;
			d = tensor_reshaped(d, y->ndim, dims);
		}
		else if (x->ndim == y->ndim)
			d = difference(x, axis);
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("x must be one-dimensional or have the dimensions of y")));
		if (d->dtype == MT_BOOL)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("trapezoid does not support a bool x")));
		prod = tensor_binary_op(d, mid, MT_BINARY_MUL);
	}
	else
	{
		if (PG_ARGISNULL(2))
			PG_RETURN_NULL();
		prod = tensor_double_scalar_op(mid, PG_GETARG_FLOAT8(2), MT_BINARY_MUL, true);
	}
	prod = tensor_double_scalar_op(prod, 2.0, MT_BINARY_DIV, false);
	if (prod->ndim != y->ndim)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("x does not broadcast with y")));
	return DirectFunctionCall3(tensor_sum, PointerGetDatum(prod),
							   Int32GetDatum(axis), BoolGetDatum(false));
}
