/*
 * tensor_calculus.c
 *	  SQL glue for numpy's differences and integrals: diff, ediff1d,
 *	  trapezoid, cross (and linalg_cross) and gradient (kernels/gradient.c).
 *	  All but gradient are compositions of strided views
 *	  (tensor_from_view) and the elementwise kernels (tensor_binary_op),
 *	  so every dtype computes as numpy's subtract, add and multiply do:
 *	  integers wrap, float16 computes in float32, bool differences are
 *	  not_equal (numpy.diff) and refused where numpy's subtract refuses
 *	  them (ediff1d: 42804).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/lsyscache.h"

#include "kernels/gradient.h"
#include "kernels/strided.h"
#include "tensor/tensor_ops.h"

PG_FUNCTION_INFO_V1(tensor_diff);
PG_FUNCTION_INFO_V1(tensor_ediff1d);
PG_FUNCTION_INFO_V1(tensor_trapezoid);
PG_FUNCTION_INFO_V1(tensor_cross);
PG_FUNCTION_INFO_V1(tensor_linalg_cross);
PG_FUNCTION_INFO_V1(tensor_gradient);
PG_FUNCTION_INFO_V1(tensor_gradient_coordinates);

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

/* component i of the vectors along the last axis (that axis removed) */
static Tensor *
component(Tensor *t, int64 i)
{
	int64		dims[MT_MAX_DIMS],
				strides[MT_MAX_DIMS];

	tensor_dims64(t, dims);
	mt_contiguous_strides(t->ndim, (int64_t *) dims, (int64_t *) strides);
	return tensor_from_view(t, t->ndim - 1, dims, strides,
							tensor_size(t) > 0 ? i * strides[t->ndim - 1] : 0);
}

/* t with axis moved to the end (numpy.moveaxis(t, axis, -1)) */
static Tensor *
axis_to_end(Tensor *t, int axis)
{
	int			perm[MT_MAX_DIMS];

	for (int d = 0, k = 0; d < t->ndim; d++)
		if (d != axis)
			perm[k++] = d;
	perm[t->ndim - 1] = axis;
	return tensor_transpose(t, perm);
}

static Tensor *
mul(Tensor *a, Tensor *b)
{
	return tensor_binary_op(a, b, MT_BINARY_MUL);
}

static Tensor *
sub(Tensor *a, Tensor *b)
{
	return tensor_binary_op(a, b, MT_BINARY_SUB);
}

/*
 * numpy.cross: the vectors along axisa of a and axisb of b (2 or 3
 * components, broadcast against each other), the product's components
 * along axisc; two 2-vectors give the z component alone.  Computed as
 * numpy does, component by component with multiply and subtract, in the
 * promoted dtype.
 */
static Tensor *
cross(Tensor *a, Tensor *b, int axisa_arg, int axisb_arg, int axisc_arg,
	  bool only3)
{
	int64		na,
				nb;
	Tensor	   *a0,
			   *a1,
			   *a2 = NULL,
			   *b0,
			   *b1,
			   *b2 = NULL;
	Tensor	   *cp[3];
	Tensor	   *result;
	int			axisc;

	if (a->ndim == 0 || b->ndim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cross needs vectors: a and b must have at least one dimension")));
	a = axis_to_end(a, tensor_axis(axisa_arg, a->ndim));
	b = axis_to_end(b, tensor_axis(axisb_arg, b->ndim));
	na = a->dims[a->ndim - 1];
	nb = b->dims[b->ndim - 1];
	if ((na != 2 && na != 3) || (nb != 2 && nb != 3) || (only3 && (na != 3 || nb != 3)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("incompatible dimensions for cross product"),
				 errdetail("The vectors have %lld and %lld components; %s.",
						   (long long) na, (long long) nb,
						   only3 ? "linalg_cross needs 3" : "cross needs 2 or 3")));
	if (a->dtype == MT_BOOL && b->dtype == MT_BOOL)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cross does not support dtype bool"),
				 errhint("numpy's subtract refuses bool.")));
	a0 = component(a, 0);
	a1 = component(a, 1);
	b0 = component(b, 0);
	b1 = component(b, 1);
	if (na == 3)
		a2 = component(a, 2);
	if (nb == 3)
		b2 = component(b, 2);
	cp[2] = sub(mul(a0, b1), mul(a1, b0));
	if (na == 2 && nb == 2)
	{
		/* the z component alone; axisc plays no part, as numpy */
		return cp[2];
	}
	if (na == 3 && nb == 3)
	{
		cp[0] = sub(mul(a1, b2), mul(a2, b1));
		cp[1] = sub(mul(a2, b0), mul(a0, b2));
	}
	else if (na == 2)
	{
		cp[0] = mul(a1, b2);
		cp[1] = tensor_unary_op(mul(a0, b2), MT_UNARY_NEG);
	}
	else
	{
		cp[0] = tensor_unary_op(mul(a2, b1), MT_UNARY_NEG);
		cp[1] = mul(a2, b0);
	}
	/* one dtype and shape for the three (cp[2] already has both) */
	for (int i = 0; i < 2; i++)
	{
		cp[i] = tensor_convert(cp[i], (MtDtype) cp[2]->dtype);
		if (cp[i]->ndim != cp[2]->ndim ||
			memcmp(cp[i]->dims, cp[2]->dims, sizeof(int32) * cp[2]->ndim) != 0)
		{
			int64		dims[MT_MAX_DIMS];

			tensor_dims64(cp[2], dims);
			cp[i] = tensor_broadcast_to(cp[i], cp[2]->ndim, dims);
		}
	}
	axisc = tensor_axis(axisc_arg, cp[2]->ndim + 1);
	for (int i = 0; i < 3; i++)
	{
		int64		dims[MT_MAX_DIMS];

		tensor_dims64(cp[i], dims);
		dims[cp[i]->ndim] = 1;
		cp[i] = tensor_reshaped(cp[i], cp[i]->ndim + 1, dims);
	}
	result = tensor_concatenate_list(cp, 3, cp[0]->ndim - 1);
	if (axisc != result->ndim - 1)
	{
		int			perm[MT_MAX_DIMS];

		/* moveaxis(result, -1, axisc) */
		for (int d = 0, k = 0; d < result->ndim; d++)
			perm[d] = d == axisc ? result->ndim - 1 : k++;
		result = tensor_transpose(result, perm);
	}
	return result;
}

/* cross(a, b, axisa DEFAULT -1, axisb DEFAULT -1, axisc DEFAULT -1,
 * axis DEFAULT NULL): numpy.cross; axis, when given, is all three */
Datum
tensor_cross(PG_FUNCTION_ARGS)
{
	Tensor	   *a,
			   *b;
	int			axa,
				axb,
				axc;

	for (int i = 0; i < 5; i++)
		if (PG_ARGISNULL(i))
			PG_RETURN_NULL();
	a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	axa = PG_GETARG_INT32(2);
	axb = PG_GETARG_INT32(3);
	axc = PG_GETARG_INT32(4);
	if (!PG_ARGISNULL(5))
		axa = axb = axc = PG_GETARG_INT32(5);
	PG_RETURN_TENSOR_P(cross(a, b, axa, axb, axc, false));
}

/* linalg_cross(x1, x2, axis DEFAULT -1): numpy.linalg.cross, 3-vectors only */
Datum
tensor_linalg_cross(PG_FUNCTION_ARGS)
{
	int			axis = PG_GETARG_INT32(2);

	PG_RETURN_TENSOR_P(cross(PG_GETARG_TENSOR_ANYDTYPE_P(0),
							 PG_GETARG_TENSOR_ANYDTYPE_P(1), axis, axis, axis,
							 true));
}

/*
 * The gradient of f along the given axes, one tensor per axis: spacing
 * h[k] or the coordinates' spacings dx[k] (NULL: uniform) for axis k.
 * Result dtype numpy's: float64 for integers, f's for inexact dtypes;
 * bool is refused as numpy's subtract refuses it.
 */
static ArrayType *
gradient(FunctionCallInfo fcinfo, Tensor *f, int naxes, const int *axes,
		 double *const *dx, const double *h, int edge_order)
{
	MtDtype		otype = (MtDtype) f->dtype;
	MtDtype		work_dtype;
	int			comps;
	Tensor	  **out = palloc(sizeof(Tensor *) * Max(naxes, 1));
	Datum	   *datums = palloc(sizeof(Datum) * Max(naxes, 1));
	Tensor	   *fw;
	int64		dims[MT_MAX_DIMS];

	if (otype == MT_BOOL)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("gradient does not support dtype bool"),
				 errhint("numpy's subtract refuses bool.")));
	if (edge_order != 1 && edge_order != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("edge_order must be 1 or 2, not %d", edge_order)));
	if (mt_dtype_is_exact(otype))
		otype = MT_FLOAT64;
	comps = mt_dtype_is_complex(otype) ? 2 : 1;
	work_dtype = comps == 2 ? MT_COMPLEX128 : MT_FLOAT64;
	fw = tensor_convert(f, work_dtype);
	tensor_dims64(f, dims);
	for (int k = 0; k < naxes; k++)
	{
		int			axis = axes[k];
		int64		outer = 1,
					inner = 1;
		Tensor	   *g;

		if (dims[axis] < edge_order + 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("axis %d of extent %lld is too short for a numerical gradient",
							axis, (long long) dims[axis]),
					 errdetail("At least edge_order + 1 = %d elements are required.",
							   edge_order + 1)));
		for (int d = 0; d < axis; d++)
			outer *= dims[d];
		for (int d = axis + 1; d < f->ndim; d++)
			inner *= dims[d];
		g = tensor_new_uninit(f->ndim, dims, work_dtype);
		if (!mt_gradient_axis((const double *) TENSOR_DATA(fw),
							  (double *) TENSOR_DATA(g), outer, dims[axis],
							  inner, comps, dx[k], h[k], edge_order,
							  tensor_poll_interrupts, NULL))
			tensor_raise_canceled();
		out[k] = tensor_convert(g, otype);
		datums[k] = PointerGetDatum(out[k]);
	}
	return construct_array(datums, naxes,
						   get_element_type(get_fn_expr_rettype(fcinfo->flinfo)),
						   -1, false, TYPALIGN_DOUBLE);
}

/* the axes gradient works on: every axis, or the one given */
static int
gradient_axes(FunctionCallInfo fcinfo, Tensor *f, int argno, int *axes)
{
	if (PG_ARGISNULL(argno))
	{
		for (int d = 0; d < f->ndim; d++)
			axes[d] = d;
		return f->ndim;
	}
	axes[0] = tensor_axis(PG_GETARG_INT32(argno), f->ndim);
	return 1;
}

/* gradient(f, spacing DEFAULT 1, axis DEFAULT NULL, edge_order DEFAULT 1)
 * -> tensor[]: numpy.gradient with one scalar spacing */
Datum
tensor_gradient(PG_FUNCTION_ARGS)
{
	Tensor	   *f;
	int			axes[MT_MAX_DIMS];
	double	   *dx[MT_MAX_DIMS] = {0};
	double		h[MT_MAX_DIMS];
	int			naxes;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	f = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	naxes = gradient_axes(fcinfo, f, 2, axes);
	for (int k = 0; k < naxes; k++)
		h[k] = PG_GETARG_FLOAT8(1);
	PG_RETURN_ARRAYTYPE_P(gradient(fcinfo, f, naxes, axes, dx, h,
								   PG_GETARG_INT32(3)));
}

/*
 * gradient(f, spacings tensor[], axis DEFAULT NULL, edge_order DEFAULT 1):
 * one spacing per axis, each a 0-d tensor (uniform spacing) or the 1-D
 * coordinates along that axis; a single 0-d spacing serves every axis
 */
Datum
tensor_gradient_coordinates(PG_FUNCTION_ARGS)
{
	Tensor	   *f;
	Tensor	  **sp;
	int			nsp;
	int			axes[MT_MAX_DIMS];
	double	   *dx[MT_MAX_DIMS] = {0};
	double		h[MT_MAX_DIMS];
	int			naxes;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	f = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	sp = tensor_array_tensors(PG_GETARG_ARRAYTYPE_P(1), &nsp);
	naxes = gradient_axes(fcinfo, f, 2, axes);
	if (!(nsp == naxes || (nsp == 1 && sp[0]->ndim == 0)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("gradient needs one spacing per axis: %d axes, %d spacings",
						naxes, nsp)));
	for (int k = 0; k < naxes; k++)
	{
		Tensor	   *s = sp[nsp == 1 ? 0 : k];
		int64		n = f->dims[axes[k]];
		bool		uniform = true;

		if (mt_dtype_is_complex((MtDtype) s->dtype) || s->dtype == MT_BOOL)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("gradient spacings must be real numbers, not %s",
							mt_dtype_name((MtDtype) s->dtype))));
		if (s->ndim == 0)
		{
			h[k] = mt_load_double(TENSOR_DATA(s), (MtDtype) s->dtype, 0);
			continue;
		}
		if (s->ndim != 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("gradient spacings must be 0-d or 1-D tensors")));
		if (s->dims[0] != n)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("coordinates of %d points given for axis %d of extent %lld",
							s->dims[0], axes[k], (long long) n)));
		dx[k] = palloc(sizeof(double) * Max(n - 1, 1));
		for (int64 i = 0; i + 1 < n; i++)
		{
			dx[k][i] = mt_load_double(TENSOR_DATA(s), (MtDtype) s->dtype, i + 1) -
				mt_load_double(TENSOR_DATA(s), (MtDtype) s->dtype, i);
			uniform &= dx[k][i] == dx[k][0];
		}
		/* numpy: equal spacings are the uniform case */
		if (uniform && n > 1)
		{
			h[k] = dx[k][0];
			dx[k] = NULL;
		}
	}
	PG_RETURN_ARRAYTYPE_P(gradient(fcinfo, f, naxes, axes, dx, h,
								   PG_GETARG_INT32(3)));
}
