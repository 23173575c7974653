/*
 * tensor_pad.c
 *	  SQL glue for numpy.pad: argument checking (pad_width and stat_length
 *	  as numpy's _as_pairs reads them, the mode, reflect_type, constants),
 *	  the size check, the original copied into the middle of the result,
 *	  then kernels/pad.c pads one axis after the other.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "kernels/pad.h"
#include "tensor/tensor.h"

PG_FUNCTION_INFO_V1(tensor_pad);
PG_FUNCTION_INFO_V1(tensor_pad_scalar);

/*
 * numpy's _as_pairs: an int[] of one value (every side of every axis), a
 * pair (before, after for every axis), or a two-dimensional (ndim or 1, 2
 * or 1) array broadcast to one (before, after) pair per axis.
 */
static void
as_pairs(ArrayType *arr, int ndim, int64 *before, int64 *after,
		 const char *what)
{
	int			andim = ARR_NDIM(arr);
	int			count = ArrayGetNItems(andim, ARR_DIMS(arr));
	int		   *v = palloc(sizeof(int) * Max(count, 1));
	int			rows,
				cols;

	(void) tensor_int_elements(arr, v, count, what);
	for (int i = 0; i < count; i++)
		if (v[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must not contain negative values", what)));
	if (count == 1 || (count == 2 && !(andim == 2 && ARR_DIMS(arr)[1] == 1)))
	{
		for (int d = 0; d < ndim; d++)
		{
			before[d] = v[0];
			after[d] = v[count - 1];
		}
		return;
	}
	rows = andim == 2 ? ARR_DIMS(arr)[0] : 1;
	cols = andim == 2 ? ARR_DIMS(arr)[1] : count;
	if (andim > 2 || count == 0 || (rows != 1 && rows != ndim) ||
		(cols != 1 && cols != 2))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot be broadcast to one (before, after) pair for each of %d axes",
						what, ndim),
				 errhint("Give one value, one pair, or an array of %d pairs.", ndim)));
	for (int d = 0; d < ndim; d++)
	{
		int			r = rows == 1 ? 0 : d;

		before[d] = v[r * cols];
		after[d] = v[r * cols + cols - 1];
	}
}

static MtPadMode
pad_mode(const char *name)
{
	static const struct
	{
		const char *name;
		MtPadMode	mode;
	}			modes[] = {
		{"constant", MT_PAD_CONSTANT}, {"edge", MT_PAD_EDGE},
		{"reflect", MT_PAD_REFLECT}, {"symmetric", MT_PAD_SYMMETRIC},
		{"wrap", MT_PAD_WRAP}, {"linear_ramp", MT_PAD_LINEAR_RAMP},
		{"maximum", MT_PAD_MAXIMUM}, {"minimum", MT_PAD_MINIMUM},
		{"mean", MT_PAD_MEAN}, {"median", MT_PAD_MEDIAN},
		{"empty", MT_PAD_EMPTY},
	};

	for (size_t i = 0; i < lengthof(modes); i++)
		if (strcmp(name, modes[i].name) == 0)
			return modes[i].mode;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("mode \"%s\" is not supported", name),
			 errhint("Use constant, edge, reflect, symmetric, wrap, linear_ramp, maximum, minimum, mean, median or empty.")));
	return MT_PAD_CONSTANT;		/* keep the compiler quiet */
}

/* a constant stored into an integer dtype must be a number in its range
 * (numpy 2 raises OverflowError for a Python int out of range) */
static void
check_constant(double v, MtDtype dtype, const char *what)
{
	double		lo,
				hi;

	if (!mt_dtype_is_exact(dtype) || dtype == MT_BOOL)
		return;
	switch (dtype)
	{
		case MT_INT8:
			lo = -128.0, hi = 127.0;
			break;
		case MT_UINT8:
			lo = 0.0, hi = 255.0;
			break;
		case MT_INT16:
			lo = -32768.0, hi = 32767.0;
			break;
		case MT_INT32:
			lo = -2147483648.0, hi = 2147483647.0;
			break;
		default:
			lo = -9223372036854775808.0, hi = 9223372036854774784.0;
	}
	if (!(trunc(v) >= lo && trunc(v) <= hi))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s %g is out of range for dtype %s", what, v,
						mt_dtype_name(dtype))));
}

/*
 * pad(t, pad_width int[], mode, constant_values, end_values, stat_length,
 * reflect_type): numpy.pad.  Not STRICT: stat_length NULL is the whole axis.
 */
Datum
tensor_pad(PG_FUNCTION_ARGS)
{
	Tensor	   *t,
			   *result;
	int			ndim;
	int64		before[MT_MAX_DIMS],
				after[MT_MAX_DIMS],
				sbefore[MT_MAX_DIMS],
				safter[MT_MAX_DIMS],
				dims[MT_MAX_DIMS],
				odims[MT_MAX_DIMS];
	MtPadMode	mode;
	bool		odd = false;
	double		cval,
				eval;
	MtDtype		dtype;
	size_t		elem;
	int64		rows = 1,
				row,
				maxlen = 1;
	int64	   *scratch;

	for (int i = 0; i <= 4; i++)
		if (PG_ARGISNULL(i))
			PG_RETURN_NULL();
	if (PG_ARGISNULL(6))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	ndim = t->ndim;
	dtype = (MtDtype) t->dtype;
	elem = mt_dtype_size(dtype);
	as_pairs(PG_GETARG_ARRAYTYPE_P(1), ndim, before, after, "pad_width");
	mode = pad_mode(text_to_cstring(PG_GETARG_TEXT_PP(2)));
	cval = PG_GETARG_FLOAT8(3);
	eval = PG_GETARG_FLOAT8(4);
	{
		char	   *rt = text_to_cstring(PG_GETARG_TEXT_PP(6));

		if (strcmp(rt, "odd") == 0)
			odd = true;
		else if (strcmp(rt, "even") != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("reflect_type must be \"even\" or \"odd\", not \"%s\"", rt)));
	}
	for (int d = 0; d < ndim; d++)
		sbefore[d] = safter[d] = -1;
	if (!PG_ARGISNULL(5))
	{
		as_pairs(PG_GETARG_ARRAYTYPE_P(5), ndim, sbefore, safter, "stat_length");
		if (mode == MT_PAD_MAXIMUM || mode == MT_PAD_MINIMUM)
			for (int d = 0; d < ndim; d++)
				if (sbefore[d] == 0 || safter[d] == 0)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("stat_length of 0 yields no value for padding")));
	}
	if (mode == MT_PAD_CONSTANT)
		check_constant(cval, dtype, "constant_values");
	if (mode != MT_PAD_CONSTANT && mode != MT_PAD_EMPTY)
		for (int d = 0; d < ndim; d++)
			if (t->dims[d] == 0 && (before[d] > 0 || after[d] > 0))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("cannot extend the empty axis %d using modes other than \"constant\" or \"empty\"",
								d)));

	tensor_dims64(t, odims);
	for (int d = 0; d < ndim; d++)
	{
		dims[d] = odims[d] + before[d] + after[d];
		if (dims[d] > MT_MAX_DIM_EXTENT)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("padded extent %lld exceeds the maximum allowed (%d)",
							(long long) dims[d], MT_MAX_DIM_EXTENT)));
		maxlen = Max(maxlen, dims[d]);
	}
	result = tensor_new(ndim, dims, dtype);

	/* the original into the middle, one innermost row at a time */
	for (int d = 0; d < ndim - 1; d++)
		rows *= odims[d];
	if (ndim > 0 && tensor_size(t) > 0)
	{
		int64		index[MT_MAX_DIMS] = {0};
		int64		rowlen = odims[ndim - 1];

		for (row = 0; row < rows; row++)
		{
			int64		off = 0;

			if ((row & 4095) == 0)
				CHECK_FOR_INTERRUPTS();
			for (int d = 0; d < ndim - 1; d++)
				off = off * dims[d] + index[d] + before[d];
			off = off * dims[ndim - 1] + before[ndim - 1];
			memcpy((char *) TENSOR_DATA(result) + off * elem,
				   (char *) TENSOR_DATA(t) + row * rowlen * elem, rowlen * elem);
			for (int d = ndim - 2; d >= 0; d--)
			{
				if (++index[d] < odims[d])
					break;
				index[d] = 0;
			}
		}
	}
	else if (ndim == 0)
		memcpy(TENSOR_DATA(result), TENSOR_DATA(t), elem);

	/* numpy returns an empty tensor's padding as it is, unless constant */
	if (tensor_size(t) == 0 && mode != MT_PAD_CONSTANT)
		PG_RETURN_TENSOR_P(result);

	scratch = palloc(sizeof(int64) * maxlen);
	for (int d = 0; d < ndim; d++)
	{
		MtPadAxis	pa;

		pa.before = before[d];
		pa.after = after[d];
		pa.stat_before = sbefore[d];
		pa.stat_after = safter[d];
		pa.value_before = pa.value_after = mode == MT_PAD_LINEAR_RAMP ? eval : cval;
		if (!mt_pad_axis(TENSOR_DATA(result), dtype, ndim, (const int64_t *) dims,
						 d, &pa, mode, odd, (int64_t *) scratch,
						 tensor_poll_interrupts, NULL))
			tensor_raise_canceled();
	}
	PG_RETURN_TENSOR_P(result);
}

/* pad(t, pad_width int, ...): every side of every axis padded by pad_width */
Datum
tensor_pad_scalar(PG_FUNCTION_ARGS)
{
	Datum		width;

	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();
	width = PointerGetDatum(construct_array((Datum[]) {PG_GETARG_DATUM(1)}, 1,
											INT4OID, 4, true, TYPALIGN_INT));
	fcinfo->args[1].value = width;
	return tensor_pad(fcinfo);
}
