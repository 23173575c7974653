/*
 * tensor.c
 *	  The one constructor of tensor values, the validators every entry point
 *	  calls (shape, dtype names, shape arrays), dtype conversion, and the
 *	  mapping of kernel status codes to PostgreSQL errors.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "kernels/heap_retain.h"
#include "tensor/retained_memory.h"
#include "tensor/tensor.h"
#include "kernels/elements.h"
#include "kernels/float16.h"
#include "kernels/strided.h"

StaticAssertDecl(offsetof(Tensor, dims) == 8,
				 "tensor header must be 8 bytes before the dims");

int64
tensor_size(const Tensor *t)
{
	int64		n = 1;

	for (int i = 0; i < t->ndim; i++)
		n *= t->dims[i];
	return n;
}

void
tensor_dims64(const Tensor *t, int64 *dims)
{
	for (int i = 0; i < t->ndim; i++)
		dims[i] = t->dims[i];
}

/* Raises the PostgreSQL error for a kernel status. */
void
tensor_report_error(const MtError *err, const char *input)
{
	char		shown[104];

	if (input != NULL)
	{
		size_t		len = strlen(input);

		/* clip on a character boundary of the database encoding */
		if (len > 96)
			snprintf(shown, sizeof(shown), "%.*s...",
					 pg_mbcliplen(input, (int) len, 96), input);
		else
			strlcpy(shown, input, sizeof(shown));
	}

	switch (err->status)
	{
		case MT_ERR_SYNTAX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("malformed tensor literal: \"%s\"",
							input ? shown : ""),
					 errdetail_internal("%s", err->detail)));
			break;
		case MT_ERR_RANGE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("\"%s\" is out of range for a tensor element",
							err->token),
					 errdetail_internal("%s", err->detail)));
			break;
		case MT_ERR_TOO_MANY_DIMS:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("number of tensor dimensions exceeds the maximum allowed (%d)",
							MT_MAX_DIMS),
					 errdetail_internal("%s", err->detail)));
			break;
		case MT_ERR_TOO_LARGE:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("tensor is too large"),
					 errdetail_internal("%s", err->detail),
					 errhint("Use a chunked_tensor for arrays larger than one value.")));
			break;
		case MT_ERR_SHAPE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid tensor shape"),
					 errdetail_internal("%s", err->detail)));
			break;
		case MT_ERR_BROADCAST:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("operands could not be broadcast together"),
					 errdetail_internal("%s", err->detail)));
			break;
		case MT_ERR_BINARY:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary data for tensor"),
					 errdetail_internal("%s", err->detail)));
			break;
		case MT_ERR_CANCELED:
			tensor_raise_canceled();
			break;
		case MT_ERR_SINGULAR:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("matrix is singular"),
					 errdetail_internal("%s", err->detail),
					 errhint("Use marsql.pinv or marsql.lstsq for singular or rank-deficient matrices.")));
			break;
		case MT_ERR_NOT_POSDEF:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("matrix is not positive definite"),
					 errdetail_internal("%s", err->detail),
					 errhint("Cholesky needs a symmetric positive definite matrix; marsql.eigh shows its eigenvalues.")));
			break;
		case MT_ERR_NO_CONVERGENCE:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("linear algebra routine did not converge"),
					 errdetail_internal("%s", err->detail),
					 errhint("The matrix may be badly scaled; rescaling it often helps.")));
			break;
		case MT_ERR_NONFINITE:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("matrix contains NaN or infinity"),
					 errdetail_internal("%s", err->detail),
					 errhint("Decompositions need finite input; replace or filter non-finite elements first.")));
			break;
		case MT_ERR_MEMORY:
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory"),
					 errdetail_internal("%s", err->detail)));
			break;
		case MT_ERR_LIBRARY:
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("BLAS/LAPACK call failed"),
					 errdetail_internal("%s", err->detail)));
			break;
		case MT_OK:
			break;
	}
	elog(ERROR, "unexpected tensor kernel status %d", (int) err->status);
	pg_unreachable();
}

void
tensor_check_shape(int ndim, const int64 *dims, MtDtype dtype)
{
	MtError		err;
	int64_t		count;
	size_t		bytes;

	if (mt_shape_check(ndim, (const int64_t *) dims, dtype, &count, &bytes,
					   &err) != MT_OK)
		tensor_report_error(&err, NULL);
}

/*
 * Like tensor_new, but only the header and its padding are zeroed: for
 * results a kernel overwrites completely (a product's output), where
 * zeroing would touch every page once more for nothing.
 */
Tensor *
tensor_new_uninit(int ndim, const int64 *dims, MtDtype dtype)
{
	MtError		err;
	int64_t		count;
	size_t		bytes;
	Tensor	   *t;

	if (mt_shape_check(ndim, (const int64_t *) dims, dtype, &count, &bytes,
					   &err) != MT_OK)
		tensor_report_error(&err, NULL);
	/* large buffers come back from the allocator, not fresh pages */
	retained_memory_apply();
	t = (Tensor *) palloc(bytes);
	mt_advise_huge_pages(t, bytes);
	memset(t, 0, MT_HEADER_BYTES(ndim));
	SET_VARSIZE(t, bytes);
	t->ndim = (uint8) ndim;
	t->dtype = (uint8) dtype;
	t->flags = 0;
	for (int i = 0; i < ndim; i++)
		t->dims[i] = (int32) dims[i];
	return t;
}

/* Allocates a zero-filled tensor after validating its shape. */
Tensor *
tensor_new(int ndim, const int64 *dims, MtDtype dtype)
{
	Tensor	   *t = tensor_new_uninit(ndim, dims, dtype);

	memset(TENSOR_DATA(t), 0, VARSIZE(t) - MT_HEADER_BYTES(ndim));
	return t;
}

Tensor *
tensor_new_like(const Tensor *t, MtDtype dtype)
{
	int64		dims[MT_MAX_DIMS];

	tensor_dims64(t, dims);
	return tensor_new(t->ndim, dims, dtype);
}

MtDtype
tensor_any_dtype_from_cstring(const char *name)
{
	MtDtype		dtype = mt_dtype_from_name(name, strlen(name));

	if (dtype == MT_DTYPE_INVALID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid dtype \"%s\"", name),
				 errhint("Valid dtypes are %s.", mt_dtype_names_list())));
	return dtype;
}

MtDtype
tensor_any_dtype_from_text(text *name)
{
	return tensor_any_dtype_from_cstring(text_to_cstring(name));
}

/* The float-only form, for the functions that make float tensors only. */
MtDtype
tensor_dtype_from_cstring(const char *name)
{
	MtDtype		dtype = tensor_any_dtype_from_cstring(name);

	if (dtype != MT_FLOAT32 && dtype != MT_FLOAT64)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("dtype \"%s\" is not supported here", name),
				 errdetail("This function makes float32 and float64 values only."),
				 errhint("Make a float tensor and convert it with marsql.astype.")));
	return dtype;
}

MtDtype
tensor_dtype_from_text(text *name)
{
	return tensor_dtype_from_cstring(text_to_cstring(name));
}

/* Reads a shape given as int[]: one dimension, no NULLs, extents >= 0. */
void
tensor_shape_from_array(ArrayType *shape, int *ndim, int64 *dims)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(shape) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("shape must be a one-dimensional array")));
	if (ARR_ELEMTYPE(shape) != INT4OID)
		elog(ERROR, "shape must be an int[]");
	deconstruct_array(shape, INT4OID, 4, true, TYPALIGN_INT,
					  &elems, &nulls, &n);
	if (n > MT_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("number of tensor dimensions (%d) exceeds the maximum allowed (%d)",
						n, MT_MAX_DIMS)));
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("shape must not contain nulls")));
		dims[i] = DatumGetInt32(elems[i]);
		if (dims[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("shape must not contain negative extents"),
					 errdetail("Dimension %d has extent %lld.", i,
							   (long long) dims[i])));
	}
	*ndim = n;
}

/* One double to float32 under the same rule as tensor_convert. */
float
tensor_float32_from_double(double value)
{
	float		v;

	if (mt_convert(&value, MT_FLOAT64, &v, MT_FLOAT32, 1) >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value out of range for float32: %g", value)));
	return v;
}

/*
 * The shape a tensor made from this array's elements gets: the array's own
 * dimensions, or (0) for an empty array.  Arrays with NULLs are refused.
 */
void
tensor_shape_of_array(ArrayType *array, int *ndim, int64 *dims)
{
	if (array_contains_nulls(array))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("array must not contain nulls"),
				 errdetail("A tensor has no null elements; replace them first, for example with NaN.")));
	*ndim = ARR_NDIM(array);
	for (int i = 0; i < *ndim; i++)
		dims[i] = ARR_DIMS(array)[i];
	if (*ndim == 0)
	{
		*ndim = 1;
		dims[0] = 0;
	}
}

/* Raises the error for element `index` of data (dtype from) that does not
 * convert to `to` for the reason why. */
void
tensor_report_cast_failure(const void *data, MtDtype from, int64 index,
						   MtDtype to, MtCastFailure why)
{
	StringInfoData value;

	initStringInfo(&value);
	tensor_append_element(&value, data, from, index);
	switch (why)
	{
		case MT_CAST_IMAGINARY:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("cannot convert complex value %s to %s",
							value.data, mt_dtype_name(to)),
					 errdetail("Element %lld has a nonzero imaginary part.",
							   (long long) index),
					 errhint("Take marsql.real(t) or marsql.abs(t) first.")));
			break;
		case MT_CAST_INVALID:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("cannot convert %s to %s", value.data,
							mt_dtype_name(to)),
					 errdetail("Element %lld is NaN, infinite or outside the range of %s.",
							   (long long) index, mt_dtype_name(to))));
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("value out of range for %s: %s",
							mt_dtype_name(to), value.data),
					 errdetail("Element %lld does not fit in %s.",
							   (long long) index, mt_dtype_name(to))));
			break;
	}
	pg_unreachable();
}

/*
 * Returns t in the given dtype, a new value if it has to convert, with
 * numpy's astype rules and its undefined cases refused (dtype_cast.h).
 */
Tensor *
tensor_convert(Tensor *t, MtDtype dtype)
{
	Tensor	   *result;
	int64		n = tensor_size(t);
	const char *src;
	char	   *dst;
	size_t		src_el = mt_dtype_size(t->dtype);
	size_t		dst_el = mt_dtype_size(dtype);

	if (t->dtype == dtype)
		return t;
	if (tensor_is_csr(t))
	{
		if (!mt_dtype_is_float(dtype) || dtype == MT_FLOAT16)
			t = tensor_densify(t);
		else
			return tensor_csr_convert(t, dtype);
	}
	result = tensor_new_like(t, dtype);
	src = TENSOR_DATA(t);
	dst = TENSOR_DATA(result);
	for (int64 start = 0; start < n; start += TENSOR_INTERRUPT_STRIDE)
	{
		int64		len = Min(TENSOR_INTERRUPT_STRIDE, n - start);
		int64		bad;
		MtCastFailure why;

		CHECK_FOR_INTERRUPTS();
		bad = mt_cast(src + start * src_el, (MtDtype) t->dtype,
					  dst + start * dst_el, dtype, len, &why);
		if (bad >= 0)
			tensor_report_cast_failure(src, (MtDtype) t->dtype, start + bad,
									   dtype, why);
	}
	return result;
}

Tensor *
tensor_require_float(Tensor *t, FunctionCallInfo fcinfo)
{
	char	   *fname;

	if (t->dtype == MT_FLOAT32 || t->dtype == MT_FLOAT64)
		return t;
	fname = (fcinfo != NULL && fcinfo->flinfo != NULL) ?
		get_func_name(fcinfo->flinfo->fn_oid) : NULL;
	if (fname != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("function %s does not support tensors of dtype %s",
						fname, mt_dtype_name((MtDtype) t->dtype)),
				 errhint("It takes float32 and float64 tensors; convert with marsql.astype(t, 'float64').")));
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("tensors of dtype %s are not supported here",
					mt_dtype_name((MtDtype) t->dtype)),
			 errhint("Only float32 and float64 tensors are; convert with marsql.astype(t, 'float64').")));
	pg_unreachable();
}

/*
 * Appends element i of data in the text form tensor_out writes: the
 * shortest decimal that reads back to the same value for float dtypes
 * (float16 by its own precision), integers in full, bool as true/false,
 * complex as 1.5+2j, 1-0j, nan+infj.
 */
void
tensor_append_element(StringInfo buf, const void *data, MtDtype dtype, int64 i)
{
	enlargeStringInfo(buf, 64);
	switch (dtype)
	{
		case MT_FLOAT32:
			buf->len += float_to_shortest_decimal_bufn(((const float *) data)[i],
													   buf->data + buf->len);
			break;
		case MT_FLOAT64:
			buf->len += double_to_shortest_decimal_bufn(((const double *) data)[i],
														buf->data + buf->len);
			break;
		case MT_FLOAT16:
			buf->len += double_to_shortest_decimal_bufn(mt_half_shortest_double(((const uint16_t *) data)[i]),
														buf->data + buf->len);
			break;
		case MT_BOOL:
			appendStringInfoString(buf, ((const uint8 *) data)[i] ? "true" : "false");
			return;
		case MT_COMPLEX64:
		case MT_COMPLEX128:
			{
				double		re,
							im;

				if (dtype == MT_COMPLEX64)
				{
					re = ((const float *) data)[2 * i];
					im = ((const float *) data)[2 * i + 1];
					buf->len += float_to_shortest_decimal_bufn((float) re, buf->data + buf->len);
				}
				else
				{
					re = ((const double *) data)[2 * i];
					im = ((const double *) data)[2 * i + 1];
					buf->len += double_to_shortest_decimal_bufn(re, buf->data + buf->len);
				}
				/* the imaginary part always carries its sign */
				if (isnan(im) || !signbit(im))
					buf->data[buf->len++] = '+';
				else
				{
					buf->data[buf->len++] = '-';
					im = -im;
				}
				if (dtype == MT_COMPLEX64)
					buf->len += float_to_shortest_decimal_bufn((float) im, buf->data + buf->len);
				else
					buf->len += double_to_shortest_decimal_bufn(im, buf->data + buf->len);
				buf->data[buf->len++] = 'j';
			}
			break;
		default:
			buf->len += pg_lltoa(mt_load_int64(data, dtype, i), buf->data + buf->len);
			break;
	}
	buf->data[buf->len] = '\0';
}

/* A kernel stopped because a cancel was pending: let PostgreSQL report it,
 * and if it may not yet (a holdoff we did not see), report it ourselves. */
void
tensor_raise_canceled(void)
{
	CHECK_FOR_INTERRUPTS();
	ereport(ERROR,
			(errcode(ERRCODE_QUERY_CANCELED),
			 errmsg("canceling statement due to user request")));
	pg_unreachable();
}

MtDtype
tensor_promote(Tensor **a, Tensor **b)
{
	MtDtype		dtype = mt_dtype_promote((*a)->dtype, (*b)->dtype);

	*a = tensor_convert(*a, dtype);
	*b = tensor_convert(*b, dtype);
	return dtype;
}

int
tensor_axis(int axis, int ndim)
{
	if (axis < -ndim || axis >= ndim)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("axis %d is out of bounds for a tensor of dimension %d",
						axis, ndim)));
	return axis < 0 ? axis + ndim : axis;
}

void
tensor_lanes_of(const Tensor *t, int axis, int64 *outer, int64 *len,
				int64 *inner)
{
	*outer = 1;
	*inner = 1;
	*len = t->ndim > 0 ? t->dims[axis] : 1;
	for (int i = 0; i < axis; i++)
		*outer *= t->dims[i];
	for (int i = axis + 1; i < t->ndim; i++)
		*inner *= t->dims[i];
}

int
tensor_axis_or_flatten(Tensor **t, bool axis_null, int axis)
{
	if (axis_null)
	{
		int64		n = tensor_size(*t);

		*t = tensor_reshaped(*t, 1, &n);
		return 0;
	}
	return tensor_axis(axis, (*t)->ndim);
}

Tensor *
tensor_reshaped(const Tensor *t, int ndim, const int64 *dims)
{
	Tensor	   *result = tensor_new(ndim, dims, (MtDtype) t->dtype);

	Assert(tensor_size(result) == tensor_size(t));
	memcpy(TENSOR_DATA(result), TENSOR_DATA(t),
		   tensor_size(t) * mt_dtype_size((MtDtype) t->dtype));
	return result;
}

Tensor *
tensor_from_view(const Tensor *t, int ndim, const int64 *dims,
				 const int64 *strides, int64 offset)
{
	Tensor	   *result = tensor_new(ndim, dims, (MtDtype) t->dtype);
	size_t		elem = mt_dtype_size((MtDtype) t->dtype);

	mt_strided_copy(elem, ndim, (const int64_t *) dims,
					(const int64_t *) strides,
					(const char *) TENSOR_DATA(t) + offset * (int64) elem,
					TENSOR_DATA(result));
	return result;
}

Tensor *
tensor_broadcast_to(const Tensor *t, int ndim, const int64 *dims)
{
	int64		own[MT_MAX_DIMS];
	int64		own_strides[MT_MAX_DIMS];
	int64		strides[MT_MAX_DIMS];

	Assert(ndim >= t->ndim);
	tensor_dims64(t, own);
	mt_contiguous_strides(t->ndim, (int64_t *) own, (int64_t *) own_strides);
	for (int i = 0; i < ndim; i++)
	{
		int			k = i - (ndim - t->ndim);

		strides[i] = (k < 0 || (t->dims[k] == 1 && dims[i] != 1)) ? 0 : own_strides[k];
	}
	return tensor_from_view(t, ndim, dims, strides, 0);
}

int
tensor_int_array(ArrayType *arr, int *out, int max, const char *what)
{
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", what)));
	return tensor_int_elements(arr, out, max, what);
}

int
tensor_int_elements(ArrayType *arr, int *out, int max, const char *what)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (ARR_ELEMTYPE(arr) != INT4OID)
		elog(ERROR, "%s must be an int[]", what);
	deconstruct_array(arr, INT4OID, 4, true, TYPALIGN_INT, &elems, &nulls, &n);
	if (n > max)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s has %d elements, more than the %d allowed", what, n, max)));
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not contain nulls", what)));
		out[i] = DatumGetInt32(elems[i]);
	}
	return n;
}
