/*
 * tensor_constructors.c
 *	  numpy-style constructors: zeros, ones, full, eye, identity, arange,
 *	  linspace and seeded random.  Every shape goes through the same
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

/* Sets every element to value; float32 values must fit, as in casts. */
static void
fill_constant(Tensor *t, double value)
{
	int64		n = tensor_size(t);

	if (t->dtype == MT_FLOAT32)
	{
		float	   *out = TENSOR_DATA(t);
		float		v = tensor_float32_from_double(value);

		for (int64 i = 0; i < n; i++)
		{
			if ((i & (TENSOR_INTERRUPT_STRIDE - 1)) == 0)
				CHECK_FOR_INTERRUPTS();
			out[i] = v;
		}
	}
	else
	{
		double	   *out = TENSOR_DATA(t);

		for (int64 i = 0; i < n; i++)
		{
			if ((i & (TENSOR_INTERRUPT_STRIDE - 1)) == 0)
				CHECK_FOR_INTERRUPTS();
			out[i] = value;
		}
	}
}

static inline void
set_element(Tensor *t, int64 i, double value)
{
	if (t->dtype == MT_FLOAT32)
		((float *) TENSOR_DATA(t))[i] = tensor_float32_from_double(value);
	else
		((double *) TENSOR_DATA(t))[i] = value;
}

/* zeros(shape, dtype): palloc0 already zeroed it. */
Datum
tensor_zeros(PG_FUNCTION_ARGS)
{
	MtDtype		dtype = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(1));

	PG_RETURN_TENSOR_P(tensor_from_shape_arg(PG_GETARG_ARRAYTYPE_P(0), dtype));
}

/* full(shape, fill_value, dtype); ones() is full(shape, 1). */
Datum
tensor_full(PG_FUNCTION_ARGS)
{
	MtDtype		dtype = tensor_dtype_from_text(PG_GETARG_TEXT_PP(2));
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
	dtype = tensor_dtype_from_text(PG_GETARG_TEXT_PP(3));
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
	for (int64 i = 0; i < n; i++)
	{
		int64		j = i + k;

		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		if (j >= 0 && j < m)
			set_element(t, i * m + j, 1.0);
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

/* arange(start, stop, step, dtype): start + i * step while below stop. */
Datum
tensor_arange(PG_FUNCTION_ARGS)
{
	double		start = PG_GETARG_FLOAT8(0);
	double		stop = PG_GETARG_FLOAT8(1);
	double		step = PG_GETARG_FLOAT8(2);
	MtDtype		dtype = tensor_dtype_from_text(PG_GETARG_TEXT_PP(3));
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
	t = tensor_new(1, &len, dtype);

	/*
	 * As numpy's PyArray_Arange: the first two elements are start and
	 * start + step, computed in double and stored in the dtype; the rest
	 * are first + i * (second - first), computed in the dtype
	 * (arraytypes.c's fill).  So float32 steps are float32 steps, and
	 * arange(0.1, 5, 0.3) has numpy's last bits.
	 */
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
	else
	{
		double	   *d = (double *) TENSOR_DATA(t);
		double		first = d[0];
		double		delta = len > 1 ? d[1] - d[0] : 0.0;

		for (int64 i = 2; i < len; i++)
		{
			if ((i & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();
			d[i] = first + (double) i * delta;
		}
	}
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
	MtDtype		dtype = tensor_dtype_from_text(PG_GETARG_TEXT_PP(4));
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
	t = tensor_new(1, &len, dtype);
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
	PG_RETURN_TENSOR_P(t);
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
