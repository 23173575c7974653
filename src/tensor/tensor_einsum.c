/*
 * tensor_einsum.c
 *	  numpy.einsum for tensors of every dtype: the SQL glue around
 *	  kernels/einsum.c.  The result dtype is numpy's promotion of the
 *	  operands; operands are converted to the compute dtype (int64, float64
 *	  or complex128) before the contraction.  A float32/float64/complex
 *	  contraction of two operands with no diagonal, extent-1 broadcast or
 *	  one-sided sum is a batched matrix product: both are transposed to
 *	  (batch, kept, summed) stacks and multiplied by tensor_matmul (BLAS).
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "device/device.h"
#include "guc.h"
#include "kernels/einsum.h"
#include "tensor/tensor.h"
#include "tensor/tensor_ops.h"

PG_FUNCTION_INFO_V1(tensor_einsum);

static void
einsum_report(const MtError *err)
{
	if (err->status == MT_ERR_TOO_MANY_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("number of tensor dimensions exceeds the maximum allowed (%d)",
						MT_MAX_DIMS),
				 errdetail_internal("%s", err->detail)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s", err->detail)));
}

Datum
tensor_einsum(PG_FUNCTION_ARGS)
{
	text	   *subs = PG_GETARG_TEXT_PP(0);
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	Oid			elemtype = ARR_ELEMTYPE(arr);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elems;
	bool	   *nulls;
	int			nops;
	Tensor	   *ts[MT_EINSUM_MAX_OPS];
	const void *data[MT_EINSUM_MAX_OPS];
	int			ndims[MT_EINSUM_MAX_OPS];
	int64		dimbuf[MT_EINSUM_MAX_OPS][MT_MAX_DIMS];
	const int64_t *dims[MT_EINSUM_MAX_OPS];
	MtDtype		result = MT_DTYPE_INVALID;
	MtDtype		compute;
	MtEinsumPlan *plan;
	MtError		err;
	MtStatus	st;
	Tensor	   *out;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("einsum operands must be given as a one-dimensional array")));
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(arr, elemtype, typlen, typbyval, typalign, &elems,
					  &nulls, &nops);
	if (nops == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("einsum needs at least one operand")));
	if (nops > MT_EINSUM_MAX_OPS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("too many operands for einsum: %d", nops),
				 errdetail("einsum takes at most %d operands.",
						   MT_EINSUM_MAX_OPS)));
	for (int k = 0; k < nops; k++)
	{
		if (nulls[k])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("einsum operands must not be null")));
		ts[k] = DatumGetTensorAnyDtypeP(elems[k]);
		ndims[k] = ts[k]->ndim;
		tensor_dims64(ts[k], dimbuf[k]);
		dims[k] = (const int64_t *) dimbuf[k];
		result = k == 0 ? (MtDtype) ts[k]->dtype
			: mt_dtype_promote(result, (MtDtype) ts[k]->dtype);
	}

	plan = palloc(sizeof(MtEinsumPlan));
	memset(&err, 0, sizeof(err));
	st = mt_einsum_parse(VARDATA_ANY(subs), VARSIZE_ANY_EXHDR(subs), nops,
						 ndims, dims, plan, &err);
	if (st != MT_OK)
		einsum_report(&err);

	/* two float or complex operands: a batched BLAS gemm when it fits */
	if (nops == 2 &&
		(result == MT_FLOAT32 || result == MT_FLOAT64 ||
		 (mt_dtype_is_complex(result) &&
		  (DeviceMode) marsql_device != DEVICE_GPU)))
	{
		int			perm_a[MT_MAX_DIMS],
					perm_b[MT_MAX_DIMS],
					out_perm[MT_MAX_DIMS];
		int64		bmkn[4];
		int64		prod_dims[MT_MAX_DIMS];
		int			prod_ndim;

		if (mt_einsum_as_matmul(plan, ndims, dims, perm_a, perm_b,
								(int64_t *) bmkn, &prod_ndim,
								(int64_t *) prod_dims, out_perm) &&
			bmkn[0] <= PG_INT32_MAX && bmkn[1] <= PG_INT32_MAX &&
			bmkn[2] <= PG_INT32_MAX && bmkn[3] <= PG_INT32_MAX)
		{
			int64		da[3] = {bmkn[0], bmkn[1], bmkn[2]};
			int64		db[3] = {bmkn[0], bmkn[2], bmkn[3]};
			Tensor	   *a3,
					   *b3,
					   *prod;

			tensor_check_shape(plan->out_ndim, (const int64 *) plan->out_dims,
							   result);
			a3 = tensor_reshaped(tensor_transpose(ts[0], perm_a), 3, da);
			b3 = tensor_reshaped(tensor_transpose(ts[1], perm_b), 3, db);
			prod = tensor_matmul(a3, b3);
			prod = tensor_reshaped(prod, prod_ndim, prod_dims);
			PG_RETURN_TENSOR_P(tensor_transpose(prod, out_perm));
		}
	}

	/* the result's size is checked here (54000 over one value's limit) */
	out = tensor_new(plan->out_ndim, (const int64 *) plan->out_dims, result);

	compute = mt_einsum_compute_dtype(result);
	for (int k = 0; k < nops; k++)
		data[k] = TENSOR_DATA(tensor_convert(ts[k], compute));

	st = mt_einsum(plan, compute, data, result, TENSOR_DATA(out),
				   tensor_poll_interrupts, NULL);
	if (st == MT_ERR_CANCELED)
		tensor_raise_canceled();
	tensor_check_status(st, NULL);
	PG_RETURN_TENSOR_P(out);
}
