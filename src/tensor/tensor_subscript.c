/*
 * tensor_subscript.c
 *	  Indexing with numpy's rules: PostgreSQL subscripts (t[i], t[a:b],
 *	  t[:][0] for numpy's t[:, 0]), and the functions slice, take and item.
 *
 *	  Subscripts are 0-based; negative ones count from the end.  Assigning
 *	  to subscripts (UPDATE ... SET t[1:3] = v) stores numpy's t[1:3] = v,
 *	  the value converted and broadcast (tensor_assign_selection).  An integer
 *	  subscript drops its axis, a slice keeps it; successive subscripts
 *	  address successive axes.  Slices clip to the extent as Python's do;
 *	  integer subscripts out of range are errors.  A NULL slice bound is an
 *	  omitted one (Python's None); a NULL integer subscript gives NULL, as
 *	  for arrays.  Subscripts, slice and take move elements as bytes and
 *	  take every dtype; item reads float32/float64 only.
 *
 *	  PostgreSQL marks a whole subscript list as a slice as soon as one
 *	  subscript has a colon.  The parse step therefore records integer
 *	  subscripts with no lower bound (a NULL list entry) and omitted slice
 *	  bounds as NULL constants, so execution can tell them apart.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "executor/execExpr.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/subscripting.h"
#include "parser/parse_coerce.h"
#include "parser/parse_expr.h"
#include "utils/array.h"

#include "kernels/elements.h"
#include "kernels/strided.h"
#include "tensor/tensor_ops.h"

PG_FUNCTION_INFO_V1(tensor_subscript_handler);
PG_FUNCTION_INFO_V1(tensor_slice);
PG_FUNCTION_INFO_V1(tensor_take);
PG_FUNCTION_INFO_V1(tensor_item);

/*
 * The view of t that selections of its first n axes address (the rest are
 * kept whole): *ndim_out extents in dims, element strides in vstrides and
 * the first element's offset, which is returned.
 */
int64
tensor_selection_view(const Tensor *t, int n, const AxisSelection *sel,
					  int *ndim_out, int64 *dims, int64 *vstrides)
{
	int64		strides[MT_MAX_DIMS],
				own[MT_MAX_DIMS];
	int			ndim = 0;
	int64		offset = 0;

	if (n > t->ndim)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("too many indices for tensor: tensor is %d-dimensional, but %d were indexed",
						t->ndim, n)));
	tensor_dims64(t, own);
	mt_contiguous_strides(t->ndim, (int64_t *) own, (int64_t *) strides);
	for (int i = 0; i < t->ndim; i++)
	{
		int64		len = own[i];

		if (i >= n)
		{
			dims[ndim] = len;
			vstrides[ndim++] = strides[i];
			continue;
		}
		if (sel[i].is_index)
		{
			int64		k = sel[i].index < 0 ? sel[i].index + len : sel[i].index;

			if (k < 0 || k >= len)
				ereport(ERROR,
						(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
						 errmsg("index %lld is out of bounds for axis %d with size %lld",
								(long long) sel[i].index, i, (long long) len)));
			offset += k * strides[i];
		}
		else
		{
			int64		step = sel[i].step;
			int64		start,
						stop,
						count;

			if (step == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("slice step cannot be zero")));
			if (step > 0)
			{
				start = sel[i].has_start ? sel[i].start : 0;
				stop = sel[i].has_stop ? sel[i].stop : len;
				if (start < 0)
					start += len;
				if (stop < 0)
					stop += len;
				start = Max(0, Min(start, len));
				stop = Max(0, Min(stop, len));
				count = stop > start ? (stop - start + step - 1) / step : 0;
			}
			else
			{
				start = sel[i].has_start ? sel[i].start : len - 1;
				stop = sel[i].has_stop ? sel[i].stop : -1;
				if (sel[i].has_start && start < 0)
					start += len;
				if (sel[i].has_stop && stop < 0)
					stop += len;
				start = Max(-1, Min(start, len - 1));
				stop = Max(-1, Min(stop, len - 1));
				count = start > stop ? (start - stop + (-step) - 1) / (-step) : 0;
			}
			if (count > 0)
				offset += start * strides[i];
			dims[ndim] = count;
			vstrides[ndim++] = step * strides[i];
		}
	}
	for (int i = 0; i < ndim; i++)
		if (dims[i] == 0)
			offset = 0;
	*ndim_out = ndim;
	return offset;
}

/*
 * Applies selections to the first n axes of t (the rest are kept whole)
 * and returns the selected elements as a new tensor.
 */
static Tensor *
select_view(Tensor *t, int n, const AxisSelection *sel)
{
	int64		dims[MT_MAX_DIMS],
				vstrides[MT_MAX_DIMS];
	int			ndim;
	int64		offset = tensor_selection_view(t, n, sel, &ndim, dims, vstrides);

	return tensor_from_view(t, ndim, dims, vstrides, offset);
}

/* ---- PostgreSQL subscripting ---- */

static Node *
int_subscript(ParseState *pstate, Node *expr)
{
	Node	   *e = transformExpr(pstate, expr, pstate->p_expr_kind);
	Node	   *c = coerce_to_target_type(pstate, e, exprType(e), INT4OID, -1,
										  COERCION_ASSIGNMENT,
										  COERCE_IMPLICIT_CAST, -1);

	if (c == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("tensor subscript must have type integer"),
				 parser_errposition(pstate, exprLocation(e))));
	return c;
}

static Node *
omitted_bound(void)
{
	return (Node *) makeConst(INT4OID, -1, InvalidOid, sizeof(int32),
							  (Datum) 0, true, true);
}

static void
tensor_subscript_transform(SubscriptingRef *sbsref, List *indirection,
						   ParseState *pstate, bool isSlice, bool isAssignment)
{
	List	   *upper = NIL;
	List	   *lower = NIL;
	ListCell   *lc;

	(void) isAssignment;
	if (list_length(indirection) > MT_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("number of tensor subscripts (%d) exceeds the maximum allowed (%d)",
						list_length(indirection), MT_MAX_DIMS)));
	foreach(lc, indirection)
	{
		A_Indices  *ai = lfirst_node(A_Indices, lc);

		if (isSlice && ai->is_slice)
		{
			lower = lappend(lower, ai->lidx ? int_subscript(pstate, ai->lidx) : omitted_bound());
			upper = lappend(upper, ai->uidx ? int_subscript(pstate, ai->uidx) : omitted_bound());
		}
		else
		{
			if (isSlice)
				lower = lappend(lower, NULL);
			upper = lappend(upper, int_subscript(pstate, ai->uidx));
		}
	}
	sbsref->refupperindexpr = upper;
	sbsref->reflowerindexpr = lower;
	sbsref->refrestype = sbsref->refcontainertype;
	sbsref->reftypmod = -1;
}

typedef struct SubscriptWorkspace
{
	int			n;
	AxisSelection sel[MT_MAX_DIMS];
} SubscriptWorkspace;

static bool
tensor_check_subscripts(ExprState *state, ExprEvalStep *op,
						ExprContext *econtext)
{
	SubscriptingRefState *s = op->d.sbsref_subscript.state;
	SubscriptWorkspace *w = (SubscriptWorkspace *) s->workspace;

	(void) state;
	(void) econtext;
	w->n = s->numupper;
	for (int i = 0; i < s->numupper; i++)
	{
		AxisSelection *a = &w->sel[i];
		bool		slice = s->numlower > 0 && s->lowerprovided[i];

		memset(a, 0, sizeof(*a));
		a->step = 1;
		if (!slice)
		{
			if (s->upperindexnull[i])
			{
				if (s->isassignment)
					ereport(ERROR,
							(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
							 errmsg("tensor subscript in assignment must not be null")));
				*op->resnull = true;
				return false;
			}
			a->is_index = true;
			a->index = DatumGetInt32(s->upperindex[i]);
			continue;
		}
		a->has_start = !s->lowerindexnull[i];
		a->start = a->has_start ? DatumGetInt32(s->lowerindex[i]) : 0;
		a->has_stop = !s->upperindexnull[i];
		a->stop = a->has_stop ? DatumGetInt32(s->upperindex[i]) : 0;
	}
	return true;
}

static void
tensor_subscript_fetch(ExprState *state, ExprEvalStep *op,
					   ExprContext *econtext)
{
	SubscriptingRefState *s = op->d.sbsref.state;
	SubscriptWorkspace *w = (SubscriptWorkspace *) s->workspace;
	Tensor	   *t = DatumGetTensorAnyDtypeP(*op->resvalue);

	(void) state;
	(void) econtext;
	*op->resvalue = PointerGetDatum(select_view(t, w->n, w->sel));
	*op->resnull = false;
}

/*
 * UPDATE ... SET t[i][a:b] = v, t[...] := v: numpy t[...] = v, the value
 * converted to t's dtype and broadcast to the selection; the column gets
 * the new tensor.
 */
static void
tensor_subscript_assign(ExprState *state, ExprEvalStep *op,
						ExprContext *econtext)
{
	SubscriptingRefState *s = op->d.sbsref.state;
	SubscriptWorkspace *w = (SubscriptWorkspace *) s->workspace;

	(void) state;
	(void) econtext;
	if (*op->resnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("cannot assign to a subscript of a NULL tensor")));
	if (s->replacenull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("cannot assign NULL to tensor elements")));
	*op->resvalue = PointerGetDatum(tensor_assign_selection(DatumGetTensorAnyDtypeP(*op->resvalue),
															w->n, w->sel,
															DatumGetTensorAnyDtypeP(s->replacevalue)));
	*op->resnull = false;
}

/* the selected part before a nested assignment */
static void
tensor_subscript_fetch_old(ExprState *state, ExprEvalStep *op,
						   ExprContext *econtext)
{
	SubscriptingRefState *s = op->d.sbsref.state;
	SubscriptWorkspace *w = (SubscriptWorkspace *) s->workspace;

	(void) state;
	(void) econtext;
	if (*op->resnull)
	{
		s->prevvalue = (Datum) 0;
		s->prevnull = true;
		return;
	}
	s->prevvalue = PointerGetDatum(select_view(DatumGetTensorAnyDtypeP(*op->resvalue),
											   w->n, w->sel));
	s->prevnull = false;
}

static void
tensor_exec_setup(const SubscriptingRef *sbsref,
				  SubscriptingRefState *sbsrefstate,
				  SubscriptExecSteps *methods)
{
	(void) sbsref;
	sbsrefstate->workspace = palloc0(sizeof(SubscriptWorkspace));
	methods->sbs_check_subscripts = tensor_check_subscripts;
	methods->sbs_fetch = tensor_subscript_fetch;
	methods->sbs_assign = tensor_subscript_assign;
	methods->sbs_fetch_old = tensor_subscript_fetch_old;
}

Datum
tensor_subscript_handler(PG_FUNCTION_ARGS)
{
	static const SubscriptRoutines routines = {
		.transform = tensor_subscript_transform,
		.exec_setup = tensor_exec_setup,
		.fetch_strict = true,
		.fetch_leakproof = false,
		.store_leakproof = false
	};

	PG_RETURN_POINTER(&routines);
}

/* ---- slice, take, item ---- */

/* an int[] whose NULL elements mean "omitted" */
static int
bounds_of(ArrayType *arr, int64 *values, bool *given, const char *what)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", what)));
	deconstruct_array(arr, INT4OID, 4, true, TYPALIGN_INT, &elems, &nulls, &n);
	if (n > MT_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s has %d elements, more than the %d allowed", what, n,
						MT_MAX_DIMS)));
	for (int i = 0; i < n; i++)
	{
		given[i] = !nulls[i];
		values[i] = nulls[i] ? 0 : DatumGetInt32(elems[i]);
	}
	return n;
}

/*
 * The selections slice(t, start, stop, step) describes (NULL arrays are
 * omitted ones); returns how many axes they address.
 */
int
tensor_slice_selection(ArrayType *start_arr, ArrayType *stop_arr,
					   ArrayType *step_arr, AxisSelection *sel)
{
	int64		start[MT_MAX_DIMS],
				stop[MT_MAX_DIMS],
				step[MT_MAX_DIMS];
	bool		has_start[MT_MAX_DIMS],
				has_stop[MT_MAX_DIMS],
				has_step[MT_MAX_DIMS];
	int			nstart = 0,
				nstop = 0,
				nstep = 0,
				n;

	if (start_arr != NULL)
		nstart = bounds_of(start_arr, start, has_start, "start");
	if (stop_arr != NULL)
		nstop = bounds_of(stop_arr, stop, has_stop, "stop");
	if (step_arr != NULL)
		nstep = bounds_of(step_arr, step, has_step, "step");
	n = Max(nstart, Max(nstop, nstep));
	for (int i = 0; i < n; i++)
	{
		memset(&sel[i], 0, sizeof(AxisSelection));
		sel[i].has_start = i < nstart && has_start[i];
		sel[i].start = sel[i].has_start ? start[i] : 0;
		sel[i].has_stop = i < nstop && has_stop[i];
		sel[i].stop = sel[i].has_stop ? stop[i] : 0;
		sel[i].step = (i < nstep && has_step[i]) ? step[i] : 1;
	}
	return n;
}

/* slice(t, start int[], stop int[], step int[] DEFAULT NULL) */
Datum
tensor_slice(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	AxisSelection sel[MT_MAX_DIMS];
	int			n;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	n = tensor_slice_selection(PG_ARGISNULL(1) ? NULL : PG_GETARG_ARRAYTYPE_P(1),
							   PG_ARGISNULL(2) ? NULL : PG_GETARG_ARRAYTYPE_P(2),
							   PG_ARGISNULL(3) ? NULL : PG_GETARG_ARRAYTYPE_P(3),
							   sel);
	PG_RETURN_TENSOR_P(select_view(t, n, sel));
}

/*
 * take(t, indices int[], axis int DEFAULT NULL): numpy.take.  The result
 * has shape t.shape[:axis] + indices.shape + t.shape[axis + 1:] (t
 * flattened when axis is NULL); indices may be an n-d array, and '{}' is
 * an empty list of indices.
 */
Datum
tensor_take(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	ArrayType  *arr;
	int			count;
	int			idx_ndim;
	int		   *idx;
	int			axis;
	int64		dims[MT_MAX_DIMS];
	int64		rdims[MT_MAX_DIMS];
	int			rndim = 0;
	int64		outer = 1,
				inner = 1,
				len;
	size_t		elem;
	Tensor	   *result;
	char	   *dst;
	const char *src;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	arr = PG_GETARG_ARRAYTYPE_P(1);
	axis = tensor_axis_or_flatten(&t, PG_ARGISNULL(2),
								  PG_ARGISNULL(2) ? 0 : PG_GETARG_INT32(2));
	/* an empty array has no dimensions in PostgreSQL: one empty list */
	idx_ndim = Max(ARR_NDIM(arr), 1);
	if (t->ndim - 1 + idx_ndim > MT_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("number of tensor dimensions exceeds the maximum allowed (%d)",
						MT_MAX_DIMS),
				 errdetail("Indices with %d dimensions into a tensor with %d give %d.",
						   idx_ndim, t->ndim, t->ndim - 1 + idx_ndim)));
	count = ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr));
	idx = palloc(sizeof(int) * Max(count, 1));
	count = tensor_int_elements(arr, idx, count, "indices");
	tensor_dims64(t, dims);
	len = dims[axis];
	for (int i = 0; i < axis; i++)
	{
		outer *= dims[i];
		rdims[rndim++] = dims[i];
	}
	if (ARR_NDIM(arr) == 0)
		rdims[rndim++] = 0;
	for (int i = 0; i < ARR_NDIM(arr); i++)
		rdims[rndim++] = ARR_DIMS(arr)[i];
	for (int i = axis + 1; i < t->ndim; i++)
	{
		inner *= dims[i];
		rdims[rndim++] = dims[i];
	}
	for (int i = 0; i < count; i++)
	{
		if (idx[i] < -len || idx[i] >= len)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("index %d is out of bounds for axis %d with size %lld",
							idx[i], axis, (long long) len)));
		if (idx[i] < 0)
			idx[i] += len;
	}
	result = tensor_new_uninit(rndim, rdims, (MtDtype) t->dtype);
	elem = mt_dtype_size((MtDtype) t->dtype);
	dst = TENSOR_DATA(result);
	src = TENSOR_DATA(t);
	for (int64 o = 0; o < outer; o++)
	{
		for (int i = 0; i < count; i++)
		{
			if ((i & 0xFFFF) == 0)
				CHECK_FOR_INTERRUPTS();
			memcpy(dst, src + (o * len + idx[i]) * inner * elem, inner * elem);
			dst += inner * elem;
		}
	}
	PG_RETURN_TENSOR_P(result);
}

/* item(t): the one element of a size-1 tensor, as double precision (bool
 * as 0 or 1; an int64 beyond 2^53 rounds) */
Datum
tensor_item(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);

	if (mt_dtype_is_complex((MtDtype) t->dtype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("item does not support dtype %s",
						mt_dtype_name((MtDtype) t->dtype)),
				 errhint("item returns double precision; take the real part first.")));

	if (tensor_size(t) != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("can only convert a tensor of size 1 to a scalar"),
				 errdetail("The tensor has %lld elements.", (long long) tensor_size(t))));
	PG_RETURN_FLOAT8(mt_load(TENSOR_DATA(t), (MtDtype) t->dtype, 0));
}
