/*
 * tensor_matmul.c
 *	  SQL glue for products: matmul (numpy's, with 1-D promotion and
 *	  broadcast batch dimensions), dot, inner, outer and tensordot.  Every
 *	  product ends in the dispatch table's gemm, in cancellable panels.
 */
#include "postgres.h"

#include "fmgr.h"

#include "device/device.h"
#include "guc.h"
#include "kernels/broadcast.h"
#include "kernels/gemm.h"
#include "kernels/strided.h"
#include "tensor/tensor_ops.h"

PG_FUNCTION_INFO_V1(tensor_matmul_sql);
PG_FUNCTION_INFO_V1(tensor_matmul_device);
PG_FUNCTION_INFO_V1(tensor_dot);
PG_FUNCTION_INFO_V1(tensor_inner);
PG_FUNCTION_INFO_V1(tensor_outer);
PG_FUNCTION_INFO_V1(tensor_tensordot_n);
PG_FUNCTION_INFO_V1(tensor_tensordot_axes);

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
	MtDtype		dtype = tensor_promote(&a, &b);
	Tensor	   *ta,
			   *tb,
			   *result;

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
	device_gemm((DeviceMode) marsql_device, false, dtype, (int) m, (int) n, (int) k,
				TENSOR_DATA(ta), TENSOR_DATA(tb), TENSOR_DATA(result), false,
				marsql_blas_threads);
	return result;
}

Datum
tensor_matmul_sql(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANY_P(0);

	/* sparse x dense keeps the sparse operand sparse */
	if (tensor_is_csr(a))
		PG_RETURN_TENSOR_P(tensor_csr_matmul(a, PG_GETARG_TENSOR_P(1)));
	PG_RETURN_TENSOR_P(tensor_matmul(a, PG_GETARG_TENSOR_P(1)));
}

/* matmul(a, b, device): the product on the device named ("auto", "cpu",
 * "gpu"; NULL: marsql.device) */
Datum
tensor_matmul_device(PG_FUNCTION_ARGS)
{
	DeviceMode	device = device_mode_arg(PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2));

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_TENSOR_P(tensor_matmul_on(PG_GETARG_TENSOR_P(0), PG_GETARG_TENSOR_P(1), device));
}

/* numpy.dot */
Datum
tensor_dot(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_P(1);
	int			xa,
				xb;

	if (a->ndim == 0 || b->ndim == 0)
		PG_RETURN_TENSOR_P(tensor_binary_op(a, b, MT_BINARY_MUL));
	if (a->ndim == 2 && b->ndim == 2)
		PG_RETURN_TENSOR_P(tensor_matmul(a, b));
	xa = a->ndim - 1;
	xb = b->ndim == 1 ? 0 : b->ndim - 2;
	PG_RETURN_TENSOR_P(tensor_tensordot(a, b, 1, &xa, &xb));
}

/* numpy.inner: sums over the last axes of both */
Datum
tensor_inner(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_P(1);
	int			xa,
				xb;

	if (a->ndim == 0 || b->ndim == 0)
		PG_RETURN_TENSOR_P(tensor_binary_op(a, b, MT_BINARY_MUL));
	xa = a->ndim - 1;
	xb = b->ndim - 1;
	PG_RETURN_TENSOR_P(tensor_tensordot(a, b, 1, &xa, &xb));
}

/* numpy.outer: both flattened, every product */
Datum
tensor_outer(PG_FUNCTION_ARGS)
{
	Tensor	   *a = PG_GETARG_TENSOR_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_P(1);
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
	Tensor	   *a = PG_GETARG_TENSOR_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_P(1);
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
	Tensor	   *a = PG_GETARG_TENSOR_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_P(1);
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
