/*
 * tensor_matmul.c
 *	  SQL glue for products: matmul (numpy's, with 1-D promotion and
 *	  broadcast batch dimensions), dot, vdot, inner, outer, kron and
 *	  tensordot.
 *
 *	  Every dtype is taken; the result has numpy's promoted dtype.  float32
 *	  and float64 products end in the device's gemm (BLAS or the GPU), in
 *	  cancellable panels; float16 computes in float32 and rounds the result
 *	  back; complex64/complex128 use BLAS's cgemm/zgemm on the CPU; bool and
 *	  the integer dtypes use an exact, wrapping loop (mt_gemm_exact).
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"

#include "device/device.h"
#include "guc.h"
#include "kernels/broadcast.h"
#include "kernels/float16.h"
#include "kernels/gemm.h"
#include "kernels/strided.h"
#include "tensor/tensor_ops.h"

PG_FUNCTION_INFO_V1(tensor_matmul_sql);
PG_FUNCTION_INFO_V1(tensor_matmul_device);
PG_FUNCTION_INFO_V1(tensor_dot);
PG_FUNCTION_INFO_V1(tensor_vdot);
PG_FUNCTION_INFO_V1(tensor_kron);
PG_FUNCTION_INFO_V1(tensor_inner);
PG_FUNCTION_INFO_V1(tensor_outer);
PG_FUNCTION_INFO_V1(tensor_tensordot_n);
PG_FUNCTION_INFO_V1(tensor_tensordot_axes);

/* float32 and float64 products may go to a device; the rest stay on the CPU */
static bool
product_on_device(MtDtype dtype)
{
	return dtype == MT_FLOAT32 || dtype == MT_FLOAT64;
}

/* device = 'gpu' asked for a dtype the GPU does not multiply */
static void
check_product_device(int device, MtDtype dtype)
{
	if ((DeviceMode) device == DEVICE_GPU && dtype != MT_FLOAT16 &&
		!product_on_device(dtype))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("matrix products of dtype %s cannot run on the GPU",
						mt_dtype_name(dtype)),
				 errdetail("The GPU multiplies float16, float32 and float64 tensors."),
				 errhint("Pass device => 'cpu', or set marsql.device to auto or cpu.")));
}

/* a float32 result rounded to float16 as numpy does (overflow gives inf) */
static Tensor *
narrow_to_half(Tensor *t)
{
	Tensor	   *r = tensor_new_like(t, MT_FLOAT16);
	int64		n = tensor_size(t);
	const float *src = (const float *) TENSOR_DATA(t);
	uint16_t   *dst = (uint16_t *) TENSOR_DATA(r);

	for (int64 i = 0; i < n; i++)
	{
		if ((i & (TENSOR_INTERRUPT_STRIDE - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		dst[i] = mt_float_to_half(src[i]);
	}
	return r;
}

/* C[m,n] = A B on the CPU for the dtypes that never go to a device */
static void
cpu_product(MtDtype dtype, int m, int n, int k, const void *a, const void *b,
			void *c)
{
	MtStatus	status;

	tensor_kernels();
	if (mt_dtype_is_exact(dtype))
		status = mt_gemm_exact(dtype, m, n, k, a, b, c,
							   tensor_poll_interrupts, NULL);
	else
		status = mt_gemm_panels(dtype, m, n, k, a, b, c, false,
								marsql_blas_threads, tensor_poll_interrupts,
								NULL);
	tensor_check_status(status, NULL);
}

Tensor *
tensor_matmul(Tensor *a, Tensor *b)
{
	return tensor_matmul_on(a, b, (DeviceMode) marsql_device);
}

Tensor *
tensor_matmul_on(Tensor *a, Tensor *b, int device)
{
	MtDtype		dtype;
	int			m,
				n,
				k,
				k2;
	int			batch_ndim;
	int64_t		batch_dims[MT_MAX_DIMS];
	int64		out_dims[MT_MAX_DIMS];
	int			out_ndim;
	MtError		err;
	Tensor	   *result;

	if (a->ndim == 0 || b->ndim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("matmul does not accept 0-d tensors"),
				 errhint("Use the * operator to multiply by a scalar.")));
	dtype = mt_dtype_promote((MtDtype) a->dtype, (MtDtype) b->dtype);
	check_product_device(device, dtype);
	if (dtype == MT_FLOAT16)
	{
		/* as pgvector's halfvec: computed in float32, stored in float16 */
		a = tensor_convert(a, MT_FLOAT32);
		b = tensor_convert(b, MT_FLOAT32);
		return narrow_to_half(tensor_matmul_on(a, b, device));
	}
	dtype = tensor_promote(&a, &b);

	/* a 1-D left operand is a row (1, k), a 1-D right operand a column */
	m = a->ndim == 1 ? 1 : a->dims[a->ndim - 2];
	k = a->dims[a->ndim - 1];
	k2 = b->ndim == 1 ? b->dims[0] : b->dims[b->ndim - 2];
	n = b->ndim == 1 ? 1 : b->dims[b->ndim - 1];
	if (k != k2)
	{
		char		sa[128],
					sb[128];

		mt_format_shape32(sa, sizeof(sa), a->ndim, a->dims);
		mt_format_shape32(sb, sizeof(sb), b->ndim, b->dims);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("matmul shapes %s and %s are not aligned", sa, sb),
				 errdetail("The last dimension of the first operand (%d) differs from the %s dimension of the second (%d).",
						   k, b->ndim == 1 ? "only" : "second-to-last", k2)));
	}
	if (mt_broadcast_shape(a->ndim > 2 ? a->ndim - 2 : 0, a->dims,
						   b->ndim > 2 ? b->ndim - 2 : 0, b->dims,
						   &batch_ndim, batch_dims, &err) != MT_OK)
		tensor_report_error(&err, NULL);

	out_ndim = 0;
	for (int i = 0; i < batch_ndim; i++)
		out_dims[out_ndim++] = batch_dims[i];
	if (a->ndim > 1)
		out_dims[out_ndim++] = m;
	if (b->ndim > 1)
		out_dims[out_ndim++] = n;
	/* gemm writes every element (zeros for an empty inner dimension) */
	result = tensor_new_uninit(out_ndim, out_dims, dtype);
	if (!product_on_device(dtype))
	{
		tensor_kernels();
		tensor_check_status(mt_matmul_batched(dtype, m, n, k, batch_ndim, batch_dims,
											  a->ndim > 2 ? a->ndim - 2 : 0, a->dims,
											  b->ndim > 2 ? b->ndim - 2 : 0, b->dims,
											  TENSOR_DATA(a), TENSOR_DATA(b),
											  TENSOR_DATA(result), marsql_blas_threads,
											  tensor_poll_interrupts, NULL), NULL);
		return result;
	}
	device_matmul_batched((DeviceMode) device, dtype, m, n, k, batch_ndim, batch_dims,
						  a->ndim > 2 ? a->ndim - 2 : 0, a->dims,
						  b->ndim > 2 ? b->ndim - 2 : 0, b->dims,
						  TENSOR_DATA(a), TENSOR_DATA(b),
						  TENSOR_DATA(result), marsql_blas_threads);
	return result;
}

/*
 * numpy.tensordot: sums products over axes_a of a paired with axes_b of b;
 * the result has a's remaining axes, then b's.  Done as one gemm after
 * moving the summed axes last in a and first in b.
 */
Tensor *
tensor_tensordot(Tensor *a, Tensor *b, int naxes, const int *axes_a,
				 const int *axes_b)
{
	int			perm_a[MT_MAX_DIMS],
				perm_b[MT_MAX_DIMS];
	bool		used_a[MT_MAX_DIMS] = {0},
				used_b[MT_MAX_DIMS] = {0};
	int64		out_dims[MT_MAX_DIMS];
	int			out_ndim = 0;
	int64		m = 1,
				n = 1,
				k = 1;
	int			free_a = 0,
				free_b = 0;
	MtDtype		dtype = mt_dtype_promote((MtDtype) a->dtype, (MtDtype) b->dtype);
	Tensor	   *ta,
			   *tb,
			   *result;

	check_product_device(marsql_device, dtype);
	if (dtype == MT_FLOAT16)
		return narrow_to_half(tensor_tensordot(tensor_convert(a, MT_FLOAT32),
											   tensor_convert(b, MT_FLOAT32),
											   naxes, axes_a, axes_b));
	dtype = tensor_promote(&a, &b);

	if (naxes > a->ndim || naxes > b->ndim)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("tensordot sums over %d axes but an operand has fewer", naxes)));
	for (int i = 0; i < naxes; i++)
	{
		int			xa = tensor_axis(axes_a[i], a->ndim);
		int			xb = tensor_axis(axes_b[i], b->ndim);

		if (used_a[xa] || used_b[xb])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("tensordot axes must not repeat")));
		if (a->dims[xa] != b->dims[xb])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("tensordot shape mismatch: axis %d of the first operand has extent %d, axis %d of the second has %d",
							xa, a->dims[xa], xb, b->dims[xb])));
		used_a[xa] = used_b[xb] = true;
		perm_a[a->ndim - naxes + i] = xa;
		perm_b[i] = xb;
		k *= a->dims[xa];
	}
	for (int i = 0; i < a->ndim; i++)
		if (!used_a[i])
		{
			perm_a[free_a++] = i;
			out_dims[out_ndim++] = a->dims[i];
			m *= a->dims[i];
		}
	for (int i = 0; i < b->ndim; i++)
		if (!used_b[i])
		{
			perm_b[naxes + free_b++] = i;
			out_dims[out_ndim++] = b->dims[i];
			n *= b->dims[i];
		}
	if (out_ndim > MT_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("number of tensor dimensions (%d) exceeds the maximum allowed (%d)",
						out_ndim, MT_MAX_DIMS)));
	result = tensor_new(out_ndim, out_dims, dtype);
	if (m > PG_INT32_MAX || n > PG_INT32_MAX || k > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("tensordot operands are too large for one matrix product")));
	ta = tensor_transpose(a, perm_a);
	tb = tensor_transpose(b, perm_b);
	if (!product_on_device(dtype))
	{
		cpu_product(dtype, (int) m, (int) n, (int) k, TENSOR_DATA(ta),
					TENSOR_DATA(tb), TENSOR_DATA(result));
		return result;
	}
	device_gemm((DeviceMode) marsql_device, false, dtype, (int) m, (int) n, (int) k,
				TENSOR_DATA(ta), TENSOR_DATA(tb), TENSOR_DATA(result), false,
				marsql_blas_threads);
	return result;
}

Datum
tensor_matmul_sql(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_STORED_P(0);

	/* sparse x dense keeps the sparse operand sparse (float32/float64) */
	if (tensor_is_csr(a))
		PG_RETURN_TENSOR_P(tensor_csr_matmul(a, PG_GETARG_TENSOR_P(1)));
	PG_RETURN_TENSOR_P(tensor_matmul(tensor_densify(a),
									 PG_GETARG_TENSOR_ANYDTYPE_P(1)));
}

/* matmul(a, b, device): the product on the device named ("auto", "cpu",
 * "gpu"; NULL: marsql.device) */
Datum
tensor_matmul_device(PG_FUNCTION_ARGS)
{
	DeviceMode	device = device_mode_arg(PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2));

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_TENSOR_P(tensor_matmul_on(PG_GETARG_TENSOR_ANYDTYPE_P(0),
										PG_GETARG_TENSOR_ANYDTYPE_P(1), device));
}

/*
 * A product with a 0-d operand is the elementwise product; its shape is
 * a's then b's, which is what tensordot over no axes gives for every dtype.
 */
static Tensor *
scalar_product(Tensor *a, Tensor *b)
{
	if (product_on_device(mt_dtype_promote((MtDtype) a->dtype, (MtDtype) b->dtype)))
		return tensor_binary_op(a, b, MT_BINARY_MUL);
	return tensor_tensordot(a, b, 0, NULL, NULL);
}

/* numpy.dot */
Datum
tensor_dot(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	int			xa,
				xb;

	if (a->ndim == 0 || b->ndim == 0)
		PG_RETURN_TENSOR_P(scalar_product(a, b));
	if (a->ndim == 2 && b->ndim == 2)
		PG_RETURN_TENSOR_P(tensor_matmul(a, b));
	xa = a->ndim - 1;
	xb = b->ndim == 1 ? 0 : b->ndim - 2;
	PG_RETURN_TENSOR_P(tensor_tensordot(a, b, 1, &xa, &xb));
}

/*
 * numpy.vdot: both flattened, the complex conjugate of a times b, summed;
 * a 0-d tensor of the promoted dtype.
 */
Datum
tensor_vdot(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	int64		na = tensor_size(a);
	int64		nb = tensor_size(b);
	int			axis = 0;

	if (na != nb)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("vdot needs tensors of the same size"),
				 errdetail("The first has %lld elements and the second %lld.",
						   (long long) na, (long long) nb)));
	/* copies: the conjugate is taken in a's copy, never in the argument */
	a = tensor_reshaped(a, 1, &na);
	b = tensor_reshaped(b, 1, &nb);
	if (a->dtype == MT_COMPLEX64)
	{
		float	   *x = (float *) TENSOR_DATA(a);

		for (int64 i = 0; i < na; i++)
			x[2 * i + 1] = -x[2 * i + 1];
	}
	else if (a->dtype == MT_COMPLEX128)
	{
		double	   *x = (double *) TENSOR_DATA(a);

		for (int64 i = 0; i < na; i++)
			x[2 * i + 1] = -x[2 * i + 1];
	}
	PG_RETURN_TENSOR_P(tensor_tensordot(a, b, 1, &axis, &axis));
}

/*
 * numpy.kron: the block matrix of b scaled by each element of a.  Both are
 * given the same number of axes (leading ones), every product is taken
 * (tensordot over no axes: a's axes then b's), and axis i of a is
 * interleaved with axis i of b, so that extent i is a_i * b_i.
 */
Datum
tensor_kron(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	int			nd = Max(a->ndim, b->ndim);
	int64		da[MT_MAX_DIMS],
				db[MT_MAX_DIMS],
				out[MT_MAX_DIMS];
	int			perm[MT_MAX_DIMS];
	Tensor	   *r;

	if (a->ndim == 0 || b->ndim == 0)
		PG_RETURN_TENSOR_P(scalar_product(a, b));
	if (2 * nd > MT_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("kron of %d-D tensors needs %d dimensions, more than the maximum allowed (%d)",
						nd, 2 * nd, MT_MAX_DIMS)));
	for (int i = 0; i < nd; i++)
	{
		int			ia = i - (nd - a->ndim);
		int			ib = i - (nd - b->ndim);

		da[i] = ia < 0 ? 1 : a->dims[ia];
		db[i] = ib < 0 ? 1 : b->dims[ib];
		out[i] = da[i] * db[i];
		perm[2 * i] = i;
		perm[2 * i + 1] = nd + i;
	}
	a = tensor_reshaped(a, nd, da);
	b = tensor_reshaped(b, nd, db);
	r = tensor_transpose(tensor_tensordot(a, b, 0, NULL, NULL), perm);
	PG_RETURN_TENSOR_P(tensor_reshaped(r, nd, out));
}

/* numpy.inner: sums over the last axes of both */
Datum
tensor_inner(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	int			xa,
				xb;

	if (a->ndim == 0 || b->ndim == 0)
		PG_RETURN_TENSOR_P(scalar_product(a, b));
	xa = a->ndim - 1;
	xb = b->ndim - 1;
	PG_RETURN_TENSOR_P(tensor_tensordot(a, b, 1, &xa, &xb));
}

/* numpy.outer: both flattened, every product */
Datum
tensor_outer(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	int64		na = tensor_size(a);
	int64		nb = tensor_size(b);

	a = tensor_reshaped(a, 1, &na);
	b = tensor_reshaped(b, 1, &nb);
	PG_RETURN_TENSOR_P(tensor_tensordot(a, b, 0, NULL, NULL));
}

/* tensordot(a, b, n): the last n axes of a with the first n of b */
Datum
tensor_tensordot_n(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	int32		n = PG_GETARG_INT32(2);
	int			axes_a[MT_MAX_DIMS],
				axes_b[MT_MAX_DIMS];

	if (n < 0 || n > a->ndim || n > b->ndim)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("tensordot axes must be between 0 and the smaller number of dimensions (%d)",
						Min(a->ndim, b->ndim))));
	for (int i = 0; i < n; i++)
	{
		axes_a[i] = a->ndim - n + i;
		axes_b[i] = i;
	}
	PG_RETURN_TENSOR_P(tensor_tensordot(a, b, n, axes_a, axes_b));
}

/* tensordot(a, b, axes_a, axes_b) */
Datum
tensor_tensordot_axes(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	int			axes_a[MT_MAX_DIMS],
				axes_b[MT_MAX_DIMS];
	int			na = tensor_int_array(PG_GETARG_ARRAYTYPE_P(2), axes_a, MT_MAX_DIMS, "axes_a");
	int			nb = tensor_int_array(PG_GETARG_ARRAYTYPE_P(3), axes_b, MT_MAX_DIMS, "axes_b");

	if (na != nb)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("tensordot needs as many axes for each operand"),
				 errdetail("%d axes were given for the first operand and %d for the second.",
						   na, nb)));
	PG_RETURN_TENSOR_P(tensor_tensordot(a, b, na, axes_a, axes_b));
}
