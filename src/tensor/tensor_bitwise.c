/*
 * tensor_bitwise.c
 *	  SQL glue for numpy's bitwise ufuncs and routines: bitwise_and,
 *	  bitwise_or, bitwise_xor, left_shift, right_shift (tensor or integer
 *	  on either side, broadcasting), invert, bitwise_count, packbits,
 *	  unpackbits and binary_repr.  Integers and bool only: a float or
 *	  complex dtype is 42804, numpy's TypeError.  Shifts and
 *	  bitwise_count of bool compute in int8, as numpy's loops.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "kernels/bitwise.h"
#include "tensor/tensor_operands.h"

/*
 * The shared body of the binary bitwise ufuncs: the typed kernel on the
 * promoted dtype's own elements, a one-element operand not expanded.
 */
static Tensor *
bitwise_binary(FunctionCallInfo fcinfo, MtBitOp op, const char *fname)
{
	TensorOperand a,
				b;
	int			ndim;
	int64		dims[MT_MAX_DIMS];
	MtDtype		dtype;
	Tensor	   *result;

	tensor_operand_arg(fcinfo, 0, &a);
	tensor_operand_arg(fcinfo, 1, &b);
	dtype = tensor_operands_prepare_keep_scalars(&a, &b, &ndim, dims);
	if (!mt_dtype_is_exact(dtype))
		tensor_refuse_ufunc_dtype(fname, dtype);
	if (dtype == MT_BOOL && (op == MT_BIT_LEFT_SHIFT || op == MT_BIT_RIGHT_SHIFT))
	{
		/* numpy has no bool shift loop: bools shift as int8 */
		dtype = MT_INT8;
		a.t = tensor_convert(a.t, dtype);
		b.t = tensor_convert(b.t, dtype);
	}
	result = tensor_new_uninit(ndim, dims, dtype);
	tensor_check_status(mt_bitwise_typed(op, dtype, TENSOR_DATA(a.t), tensor_size(a.t),
										 TENSOR_DATA(b.t), tensor_size(b.t),
										 TENSOR_DATA(result), tensor_size(result),
										 tensor_poll_interrupts, NULL), NULL);
	return result;
}

#define BITWISE_FUNCTION(name, op) \
	PG_FUNCTION_INFO_V1(tensor_##name); \
	Datum tensor_##name(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_TENSOR_P(bitwise_binary(fcinfo, op, #name)); \
	}

BITWISE_FUNCTION(bitwise_and, MT_BIT_AND)
BITWISE_FUNCTION(bitwise_or, MT_BIT_OR)
BITWISE_FUNCTION(bitwise_xor, MT_BIT_XOR)
BITWISE_FUNCTION(left_shift, MT_BIT_LEFT_SHIFT)
BITWISE_FUNCTION(right_shift, MT_BIT_RIGHT_SHIFT)

/* invert: x ^ all ones (bool: x ^ 1, logical not) */
PG_FUNCTION_INFO_V1(tensor_invert);
Datum
tensor_invert(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	MtDtype		dtype = (MtDtype) t->dtype;
	Tensor	   *result;
	int64		ones[1] = {-1};
	uint8		one_byte;

	if (!mt_dtype_is_exact(dtype))
		tensor_refuse_ufunc_dtype("invert", dtype);
	one_byte = dtype == MT_BOOL ? 1 : 0xff;
	result = tensor_new_like(t, dtype);
	/* -1 of every width is all ones; bool and uint8 read one byte */
	tensor_check_status(mt_bitwise_typed(MT_BIT_XOR, dtype, TENSOR_DATA(t), tensor_size(t),
										 (dtype == MT_BOOL || dtype == MT_UINT8) ?
										 (const void *) &one_byte : (const void *) ones,
										 1, TENSOR_DATA(result), tensor_size(t),
										 tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}

PG_FUNCTION_INFO_V1(tensor_bitwise_count);
Datum
tensor_bitwise_count(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *result;

	if (!mt_dtype_is_exact((MtDtype) t->dtype))
		tensor_refuse_ufunc_dtype("bitwise_count", (MtDtype) t->dtype);
	result = tensor_new_like(t, MT_UINT8);
	tensor_check_status(mt_bitwise_count(tensor_int_lanes(t),
										 (uint8_t *) TENSOR_DATA(result),
										 tensor_size(t), tensor_poll_interrupts,
										 NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}

/* bitorder 'big' or 'little' (numpy's ValueError otherwise) */
static bool
bitorder_little(text *order)
{
	char	   *s = text_to_cstring(order);

	if (strcmp(s, "little") == 0)
		return true;
	if (strcmp(s, "big") == 0)
		return false;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("bitorder must be either 'little' or 'big', not \"%s\"", s)));
	pg_unreachable();
}

/* t flattened when axis is NULL, else the checked axis of t */
static int
packing_axis(Tensor **t, bool axis_null, int axis)
{
	if (axis_null || (*t)->ndim == 0)
	{
		int64		n = tensor_size(*t);

		if (!axis_null)
			(void) tensor_axis(axis, (*t)->ndim);	/* numpy's AxisError */
		*t = tensor_reshaped(*t, 1, &n);
		return 0;
	}
	return tensor_axis(axis, (*t)->ndim);
}

/*
 * packbits(t, axis, bitorder): the truth values of an integer or bool
 * tensor packed into uint8 bytes along axis (flattened when NULL).
 */
PG_FUNCTION_INFO_V1(tensor_packbits);
Datum
tensor_packbits(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	int			axis;
	bool		little;
	int64		outer,
				len,
				inner;
	int64		dims[MT_MAX_DIMS];
	Tensor	   *result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	if (!mt_dtype_is_exact((MtDtype) t->dtype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("packbits does not support dtype %s", mt_dtype_name((MtDtype) t->dtype)),
				 errhint("packbits takes an integer or bool tensor.")));
	little = bitorder_little(PG_GETARG_TEXT_PP(2));
	axis = packing_axis(&t, PG_ARGISNULL(1), PG_ARGISNULL(1) ? 0 : PG_GETARG_INT32(1));
	t = tensor_convert(t, MT_BOOL);
	tensor_lanes_of(t, axis, &outer, &len, &inner);
	for (int i = 0; i < t->ndim; i++)
		dims[i] = t->dims[i];
	dims[axis] = (len + 7) / 8;
	result = tensor_new_uninit(t->ndim, dims, MT_UINT8);
	tensor_check_status(mt_packbits((const uint8_t *) TENSOR_DATA(t), outer, len,
									inner, little, (uint8_t *) TENSOR_DATA(result),
									tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}

/*
 * unpackbits(t, axis, count, bitorder): the bits of a uint8 tensor as a
 * uint8 tensor of 0s and 1s along axis (flattened when NULL); count keeps
 * that many bits (negative: drops -count from the end; beyond len * 8
 * pads with zeros).
 */
PG_FUNCTION_INFO_V1(tensor_unpackbits);
Datum
tensor_unpackbits(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	int			axis;
	bool		little;
	int64		outer,
				len,
				inner,
				count;
	int64		dims[MT_MAX_DIMS];
	Tensor	   *result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	if (t->dtype != MT_UINT8)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("unpackbits does not support dtype %s", mt_dtype_name((MtDtype) t->dtype)),
				 errhint("unpackbits takes a uint8 tensor; convert with marsql.astype(t, 'uint8').")));
	little = bitorder_little(PG_GETARG_TEXT_PP(3));
	axis = packing_axis(&t, PG_ARGISNULL(1), PG_ARGISNULL(1) ? 0 : PG_GETARG_INT32(1));
	tensor_lanes_of(t, axis, &outer, &len, &inner);
	count = len * 8;
	if (!PG_ARGISNULL(2))
	{
		int64		c = PG_GETARG_INT32(2);

		if (c < 0 && -c > len * 8)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("-count larger than number of elements"),
					 errdetail("count is %lld; the axis has %lld bits.",
							   (long long) c, (long long) (len * 8))));
		count = c < 0 ? len * 8 + c : c;
	}
	for (int i = 0; i < t->ndim; i++)
		dims[i] = t->dims[i];
	dims[axis] = count;
	tensor_check_shape(t->ndim, dims, MT_UINT8);
	result = tensor_new_uninit(t->ndim, dims, MT_UINT8);
	tensor_check_status(mt_unpackbits((const uint8_t *) TENSOR_DATA(t), outer, len,
									  inner, count, little,
									  (uint8_t *) TENSOR_DATA(result),
									  tensor_poll_interrupts, NULL), NULL);
	PG_RETURN_TENSOR_P(result);
}

/* binary_repr(num, width): numpy.binary_repr */
PG_FUNCTION_INFO_V1(tensor_binary_repr);
Datum
tensor_binary_repr(PG_FUNCTION_ARGS)
{
	int64		num;
	int			width;
	char	   *buf;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	num = PG_GETARG_INT64(0);
	width = PG_ARGISNULL(1) ? -1 : PG_GETARG_INT32(1);
	if (!PG_ARGISNULL(1) && width < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("width must not be negative")));
	if (width > 1024 * 1024)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("width %d is too large", width),
				 errdetail("The largest width is 1048576.")));
	buf = palloc(Max(width, 65) + 2);
	if (!mt_binary_repr(num, width, buf))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("width %d is too small for %lld", width, (long long) num),
				 errhint("numpy warns and returns a longer string; pass a larger width or none.")));
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}
