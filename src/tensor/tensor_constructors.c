/*
 * tensor_constructors.c
 *	  numpy-style constructors: zeros, ones, full, eye, identity, arange,
 *	  linspace and seeded random.  All but random make every dtype, storing
 *	  values as numpy does.  Every shape goes through the same
 *	  validation as text input before anything is allocated; long fills
 *	  check for interrupts between blocks.
 */
#include "postgres.h"

#include <math.h>

#include "common/pg_prng.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "tensor/tensor.h"
#include "common/int.h"
#include "kernels/float16.h"
#include "kernels/random.h"

PG_FUNCTION_INFO_V1(tensor_zeros);
PG_FUNCTION_INFO_V1(tensor_full);
PG_FUNCTION_INFO_V1(tensor_eye);
PG_FUNCTION_INFO_V1(tensor_arange);
PG_FUNCTION_INFO_V1(tensor_linspace);
PG_FUNCTION_INFO_V1(tensor_random);

static Tensor *
tensor_from_shape_arg(ArrayType *shape, MtDtype dtype)
{
	int			ndim;
	int64		dims[MT_MAX_DIMS];

	tensor_shape_from_array(shape, &ndim, dims);
	return tensor_new(ndim, dims, dtype);
}

/*
 * value as one element of dtype, as numpy's full and eye store a Python
 * number: truncated toward zero for integers, not-zero for bool, the real
 * part for complex.  A value the dtype cannot hold (NaN, infinity or out
 * of range for an integer, beyond a float's range) is 22003.
 */
static void
scalar_to_dtype(double value, MtDtype dtype, void *out)
{
	MtCastFailure why;

	if (mt_cast(&value, MT_FLOAT64, out, dtype, 1, &why) >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value out of range for %s: %g", mt_dtype_name(dtype),
						value)));
}

/* Sets every element to value (see scalar_to_dtype). */
static void
fill_constant(Tensor *t, double value)
{
	int64		n = tensor_size(t);
	size_t		elem = mt_dtype_size((MtDtype) t->dtype);
	char	   *out = TENSOR_DATA(t);
	int64		done;

	if (n == 0)
	{
		char		one[16];

		scalar_to_dtype(value, (MtDtype) t->dtype, one);
		return;
	}
	scalar_to_dtype(value, (MtDtype) t->dtype, out);
	/* doubling copies: each pass copies what is already filled */
	for (done = 1; done < n;)
	{
		int64		len = Min(done, n - done);

		len = Min(len, TENSOR_INTERRUPT_STRIDE);
		CHECK_FOR_INTERRUPTS();
		memcpy(out + done * elem, out, len * elem);
		done += len;
	}
}

static inline void
set_element(Tensor *t, int64 i, double value)
{
	scalar_to_dtype(value, (MtDtype) t->dtype,
					(char *) TENSOR_DATA(t) + i * mt_dtype_size((MtDtype) t->dtype));
}

/* zeros(shape, dtype): palloc0 already zeroed it. */
Datum
tensor_zeros(PG_FUNCTION_ARGS)
{
	MtDtype		dtype = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(1));

	PG_RETURN_TENSOR_P(tensor_from_shape_arg(PG_GETARG_ARRAYTYPE_P(0), dtype));
}

/* full(shape, fill_value, dtype); ones() is full(shape, 1).  Every dtype. */
Datum
tensor_full(PG_FUNCTION_ARGS)
{
	MtDtype		dtype = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(2));
	Tensor	   *t = tensor_from_shape_arg(PG_GETARG_ARRAYTYPE_P(0), dtype);

	fill_constant(t, PG_GETARG_FLOAT8(1));
	PG_RETURN_TENSOR_P(t);
}

/* eye(n, m, k, dtype): ones on the k-th diagonal of an n x m matrix. */
Datum
tensor_eye(PG_FUNCTION_ARGS)
{
	int32		n;
	int32		m;
	int32		k;
	MtDtype		dtype;
	int64		dims[2];
	Tensor	   *t;

	/* not STRICT because a NULL m means m = n; any other NULL gives NULL */
	if (PG_ARGISNULL(0) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	n = PG_GETARG_INT32(0);
	m = PG_ARGISNULL(1) ? n : PG_GETARG_INT32(1);
	k = PG_GETARG_INT32(2);
	dtype = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(3));
	dims[0] = n;
	dims[1] = m;

	if (n < 0 || m < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("eye dimensions must not be negative"),
				 errdetail("Got n = %d and m = %d.", n, m)));
	if (PG_NARGS() > 4 && !PG_ARGISNULL(4) && PG_GETARG_BOOL(4))
	{
		/* sparse: one entry per row that meets the diagonal */
		MtCsr		csr;
		int64		first = Max(0, -(int64) k);
		int64		last = Min((int64) n, (int64) m - k);	/* rows first .. last-1 */
		int64		nnz = Max(0, last - first);
		int64		e = 0;

		if (dtype != MT_FLOAT32 && dtype != MT_FLOAT64)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("sparse tensors do not support dtype %s",
							mt_dtype_name(dtype)),
					 errhint("Sparse tensors are float32 or float64.")));
		t = tensor_new_csr(n, m, nnz, dtype, &csr);
		for (int64 i = 0; i < n; i++)
		{
			csr.indptr[i] = e;
			if (i >= first && i < last)
			{
				csr.indices[e] = (int32) (i + k);
				if (dtype == MT_FLOAT32)
					((float *) csr.values)[e] = 1.0f;
				else
					((double *) csr.values)[e] = 1.0;
				e++;
			}
		}
		csr.indptr[n] = e;
		PG_RETURN_TENSOR_P(t);
	}
	t = tensor_new(2, dims, dtype);
	{
		char		one[16];
		size_t		elem = mt_dtype_size(dtype);

		scalar_to_dtype(1.0, dtype, one);
		for (int64 i = 0; i < n; i++)
		{
			int64		j = i + k;

			if ((i & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();
			if (j >= 0 && j < m)
				memcpy((char *) TENSOR_DATA(t) + (i * m + j) * elem, one, elem);
		}
	}
	PG_RETURN_TENSOR_P(t);
}

static int64
checked_length(double length, const char *what)
{
	if (isnan(length) || length > (double) MT_MAX_DIM_EXTENT)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s would have too many elements", what),
				 errhint("Use a chunked_tensor for arrays larger than one value.")));
	return length > 0 ? (int64) length : 0;
}

/*
 * As numpy's PyArray_Arange: the first two elements are start and start +
 * step, computed in double and stored in the dtype (truncated toward zero
 * for integers); the rest are first + i * (second - first), computed in
 * the dtype (arraytypes.c's fill: float32 steps are float32 steps, float16
 * is computed in float32, integers in integers), so arange(0.1, 5, 0.3)
 * has numpy's last bits.  An element the dtype cannot hold is 22003.
 */
static void
arange_fill(Tensor *t, double start, double step, int64 len)
{
	MtDtype		dtype = (MtDtype) t->dtype;

	if (len > 0)
		set_element(t, 0, start);
	if (len > 1)
		set_element(t, 1, start + step);
	if (dtype == MT_FLOAT32)
	{
		float	   *d = (float *) TENSOR_DATA(t);
		float		first = d[0];
		float		delta = len > 1 ? d[1] - d[0] : 0.0f;

		for (int64 i = 2; i < len; i++)
		{
			if ((i & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();
			d[i] = first + (float) i * delta;
			if (isinf(d[i]))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("value out of range for float32: %g",
								start + (double) i * step)));
		}
	}
	else if (dtype == MT_FLOAT16)
	{
		uint16	   *d = (uint16 *) TENSOR_DATA(t);
		float		first = len > 0 ? mt_half_to_float(d[0]) : 0.0f;
		float		delta = len > 1 ? mt_half_to_float(d[1]) - first : 0.0f;

		for (int64 i = 2; i < len; i++)
		{
			if ((i & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();
			d[i] = mt_float_to_half(first + (float) i * delta);
			if ((d[i] & 0x7fff) == 0x7c00)
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("value out of range for float16: %g",
								start + (double) i * step)));
		}
	}
	else if (dtype == MT_BOOL)
	{
		if (len > 2)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("arange is only supported for booleans when the result has at most length 2")));
	}
	else if (mt_dtype_is_integer(dtype))
	{
		int64		first = len > 0 ? mt_load_int64(TENSOR_DATA(t), dtype, 0) : 0;
		int64		delta = len > 1 ? mt_load_int64(TENSOR_DATA(t), dtype, 1) - first : 0;
		int64		lo,
					hi;

		mt_dtype_int_range(dtype, &lo, &hi);
		for (int64 i = 2; i < len; i++)
		{
			int64		v;

			if ((i & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();
			if (pg_mul_s64_overflow(i, delta, &v) ||
				pg_add_s64_overflow(first, v, &v) || v < lo || v > hi)
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("value out of range for %s: %g",
								mt_dtype_name(dtype), start + (double) i * step)));
			switch (dtype)
			{
				case MT_INT8:
					((int8 *) TENSOR_DATA(t))[i] = (int8) v;
					break;
				case MT_UINT8:
					((uint8 *) TENSOR_DATA(t))[i] = (uint8) v;
					break;
				case MT_INT16:
					((int16 *) TENSOR_DATA(t))[i] = (int16) v;
					break;
				case MT_INT32:
					((int32 *) TENSOR_DATA(t))[i] = (int32) v;
					break;
				default:
					((int64 *) TENSOR_DATA(t))[i] = v;
					break;
			}
		}
	}
	else
	{
		double	   *d = (double *) TENSOR_DATA(t);
		double		first = len > 0 ? d[0] : 0.0;
		double		delta = len > 1 ? d[1] - d[0] : 0.0;

		Assert(dtype == MT_FLOAT64);
		for (int64 i = 2; i < len; i++)
		{
			if ((i & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();
			d[i] = first + (double) i * delta;
		}
	}
}

/* arange(start, stop, step, dtype): start + i * step while below stop. */
Datum
tensor_arange(PG_FUNCTION_ARGS)
{
	double		start = PG_GETARG_FLOAT8(0);
	double		stop = PG_GETARG_FLOAT8(1);
	double		step = PG_GETARG_FLOAT8(2);
	MtDtype		dtype = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(3));
	int64		len;
	Tensor	   *t;

	if (step == 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("arange step must not be zero")));
	if (!isfinite(start) || !isfinite(stop) || !isfinite(step))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("arange start, stop and step must be finite")));
	len = checked_length(ceil((stop - start) / step), "arange");
	if (mt_dtype_is_complex(dtype))
	{
		/* the real parts in the parts' float dtype, as numpy's complex fill */
		t = tensor_new(1, &len, dtype == MT_COMPLEX64 ? MT_FLOAT32 : MT_FLOAT64);
		arange_fill(t, start, step, len);
		PG_RETURN_TENSOR_P(tensor_convert(t, dtype));
	}
	t = tensor_new(1, &len, dtype);
	arange_fill(t, start, step, len);
	PG_RETURN_TENSOR_P(t);
}

/* linspace(start, stop, num, endpoint, dtype), as numpy computes it. */
Datum
tensor_linspace(PG_FUNCTION_ARGS)
{
	double		start = PG_GETARG_FLOAT8(0);
	double		stop = PG_GETARG_FLOAT8(1);
	int32		num = PG_GETARG_INT32(2);
	bool		endpoint = PG_GETARG_BOOL(3);
	MtDtype		dtype = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(4));
	MtDtype		compute = dtype == MT_FLOAT32 ? MT_FLOAT32 : MT_FLOAT64;
	int64		len = num;
	double		div;
	double		step;
	Tensor	   *t;

	if (num < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("linspace num must not be negative"),
				 errdetail("Got num = %d.", num)));
	if (!isfinite(start) || !isfinite(stop))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("linspace start and stop must be finite")));
	t = tensor_new(1, &len, compute);
	div = endpoint ? (double) (num - 1) : (double) num;
	step = div > 0 ? (stop - start) / div : 0.0;
	for (int64 i = 0; i < len; i++)
	{
		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		/* numpy: i / div * delta when the step underflows to zero */
		if (step == 0.0 && div > 0)
			set_element(t, i, (double) i / div * (stop - start) + start);
		else
			set_element(t, i, (double) i * step + start);
	}
	if (endpoint && num > 1)
		set_element(t, len - 1, stop);
	if (mt_dtype_is_integer(dtype))
	{
		/* numpy >= 2 rounds toward -inf for integer dtypes (1.x truncated) */
		double	   *d = (double *) TENSOR_DATA(t);

		for (int64 i = 0; i < len; i++)
			d[i] = floor(d[i]);
	}
	/* other dtypes: computed in float64 and converted, as numpy's astype */
	PG_RETURN_TENSOR_P(tensor_convert(t, dtype));
}

/*
 * random(shape, seed, distribution, dtype).  A NULL seed draws one from
 * PostgreSQL's generator; a given seed gives the same bits everywhere.
 */
Datum
tensor_random(PG_FUNCTION_ARGS)
{
	MtDtype		dtype;
	const char *distribution;
	bool		normal;
	Tensor	   *t;
	MtRng		rng;
	int64		n;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	dtype = tensor_dtype_from_text(PG_GETARG_TEXT_PP(3));
	distribution = text_to_cstring(PG_GETARG_TEXT_PP(2));
	if (pg_strcasecmp(distribution, "uniform") == 0)
		normal = false;
	else if (pg_strcasecmp(distribution, "normal") == 0)
		normal = true;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown distribution \"%s\"", distribution),
				 errhint("Valid distributions are \"uniform\" and \"normal\".")));
	t = tensor_from_shape_arg(PG_GETARG_ARRAYTYPE_P(0), dtype);
	mt_rng_seed(&rng, PG_ARGISNULL(1) ? pg_prng_uint64(&pg_global_prng_state)
				: (uint64) PG_GETARG_INT64(1));
	n = tensor_size(t);
	for (int64 start = 0; start < n; start += TENSOR_INTERRUPT_STRIDE)
	{
		int64		len = Min(TENSOR_INTERRUPT_STRIDE, n - start);

		CHECK_FOR_INTERRUPTS();
		if (dtype == MT_FLOAT32 && normal)
			mt_fill_normal_f32(&rng, (float *) TENSOR_DATA(t) + start, len);
		else if (dtype == MT_FLOAT32)
			mt_fill_uniform_f32(&rng, (float *) TENSOR_DATA(t) + start, len);
		else if (normal)
			mt_fill_normal_f64(&rng, (double *) TENSOR_DATA(t) + start, len);
		else
			mt_fill_uniform_f64(&rng, (double *) TENSOR_DATA(t) + start, len);
	}
	PG_RETURN_TENSOR_P(t);
}
