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
#include "lib/stringinfo.h"
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

/* two float or complex operands as a batched gemm; NULL when not */
static Tensor *
einsum_as_matmul(MtEinsumPlan *plan, Tensor **ts, const int *ndims,
				 const int64_t *const *dims, MtDtype result)
{
	int			perm_a[MT_MAX_DIMS],
				perm_b[MT_MAX_DIMS],
				out_perm[MT_MAX_DIMS];
	int64		bmkn[4];
	int64		prod_dims[MT_MAX_DIMS];
	int			prod_ndim;
	int64		da[3],
				db[3];
	Tensor	   *a3,
			   *b3,
			   *prod;

	if (!mt_einsum_as_matmul(plan, ndims, dims, perm_a, perm_b,
							 (int64_t *) bmkn, &prod_ndim,
							 (int64_t *) prod_dims, out_perm) ||
		bmkn[0] > PG_INT32_MAX || bmkn[1] > PG_INT32_MAX ||
		bmkn[2] > PG_INT32_MAX || bmkn[3] > PG_INT32_MAX)
		return NULL;
	tensor_check_shape(plan->out_ndim, (const int64 *) plan->out_dims, result);
	da[0] = db[0] = bmkn[0];
	da[1] = bmkn[1];
	da[2] = db[1] = bmkn[2];
	db[2] = bmkn[3];
	a3 = tensor_reshaped(tensor_transpose(ts[0], perm_a), 3, da);
	b3 = tensor_reshaped(tensor_transpose(ts[1], perm_b), 3, db);
	prod = tensor_matmul(a3, b3);
	prod = tensor_reshaped(prod, prod_ndim, prod_dims);
	return tensor_transpose(prod, out_perm);
}

static Tensor *einsum_run(const char *subs, size_t len, Tensor **ts,
						  int nops);

/* intermediates of a pairwise contraction larger than this use the loop */
#define EINSUM_PAIRWISE_MAX_BYTES ((int64) 256 * 1024 * 1024)

/*
 * Three or more float or complex operands, all indices letters: contracted
 * left to right, two at a time (each step a gemm where it can be), keeping
 * the indices the output or a later operand needs.  The operands are first
 * converted to the result dtype, as numpy's loop would compute in it.
 * NULL when an intermediate would be too large.
 */
static Tensor *
einsum_pairwise(MtEinsumPlan *plan, Tensor **ts, const int *ndims,
				MtDtype result)
{
	int			nops = plan->nops;
	int			last_use[MT_EINSUM_MAX_LABELS];
	char		cur[MT_EINSUM_MAX_LABELS + 1];
	int			ncur = 0;
	Tensor	   *x;

	for (int l = 0; l < plan->nlabels; l++)
	{
		if (plan->label_code[l] >= MT_EINSUM_LETTERS)
			return NULL;
		last_use[l] = -1;
	}
	for (int k = 0; k < nops; k++)
		for (int a = 0; a < ndims[k]; a++)
			last_use[plan->axis_label[k][a]] = k;

	/* a dry run: the intermediates' sizes */
	{
		bool		have[MT_EINSUM_MAX_LABELS] = {0};

		for (int k = 0; k < nops - 1; k++)
		{
			int64		bytes = (int64) mt_dtype_size(result);
			int			kept = 0;

			for (int a = 0; a < ndims[k]; a++)
				have[plan->axis_label[k][a]] = true;
			for (int a = 0; a < ndims[k + 1]; a++)
				have[plan->axis_label[k + 1][a]] = true;
			for (int l = 0; l < plan->nlabels; l++)
			{
				if (have[l] && l >= plan->out_ndim && last_use[l] <= k + 1)
					have[l] = false;
				if (have[l])
				{
					if (++kept > MT_MAX_DIMS)
						return NULL;
					if (plan->label_size[l] > 0 &&
						bytes > EINSUM_PAIRWISE_MAX_BYTES / plan->label_size[l])
						return NULL;
					bytes *= plan->label_size[l];
				}
			}
		}
	}

	x = tensor_convert(ts[0], result);
	for (int a = 0; a < ndims[0]; a++)
		cur[ncur++] = mt_einsum_letter(plan->label_code[plan->axis_label[0][a]]);
	for (int k = 1; k < nops; k++)
	{
		StringInfoData s;
		bool		seen[MT_EINSUM_MAX_LABELS] = {0};
		char		next[MT_EINSUM_MAX_LABELS + 1];
		int			nnext = 0;
		Tensor	   *pair[2];

		initStringInfo(&s);
		appendBinaryStringInfo(&s, cur, ncur);
		appendStringInfoChar(&s, ',');
		for (int a = 0; a < ndims[k]; a++)
			appendStringInfoChar(&s, mt_einsum_letter(plan->label_code[plan->axis_label[k][a]]));
		appendStringInfoString(&s, "->");
		if (k == nops - 1)
		{
			for (int i = 0; i < plan->out_ndim; i++)
				next[nnext++] = mt_einsum_letter(plan->label_code[i]);
		}
		else
		{
			/* what is kept: indices of x, then of operand k, still needed */
			for (int pass = 0; pass < 2; pass++)
			{
				int			n = pass == 0 ? ncur : ndims[k];

				for (int i = 0; i < n; i++)
				{
					char		c;
					int			l = -1;

					if (pass == 0)
					{
						c = cur[i];
						for (int j = 0; j < plan->nlabels; j++)
							if (mt_einsum_letter(plan->label_code[j]) == c)
								l = j;
					}
					else
					{
						l = plan->axis_label[k][i];
						c = mt_einsum_letter(plan->label_code[l]);
					}
					if (seen[l])
						continue;
					seen[l] = true;
					if (l < plan->out_ndim || last_use[l] > k)
						next[nnext++] = c;
				}
			}
		}
		appendBinaryStringInfo(&s, next, nnext);
		pair[0] = x;
		pair[1] = tensor_convert(ts[k], result);
		x = einsum_run(s.data, s.len, pair, 2);
		memcpy(cur, next, nnext);
		ncur = nnext;
		pfree(s.data);
	}
	return x;
}

/* einsum of nops dense tensors (1 .. MT_EINSUM_MAX_OPS) */
static Tensor *
einsum_run(const char *subs, size_t len, Tensor **ts, int nops)
{
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
	bool		gemm_dtype;

	for (int k = 0; k < nops; k++)
	{
		ndims[k] = ts[k]->ndim;
		tensor_dims64(ts[k], dimbuf[k]);
		dims[k] = (const int64_t *) dimbuf[k];
		result = k == 0 ? (MtDtype) ts[k]->dtype
			: mt_dtype_promote(result, (MtDtype) ts[k]->dtype);
	}

	plan = palloc(sizeof(MtEinsumPlan));
	memset(&err, 0, sizeof(err));
	st = mt_einsum_parse(subs, len, nops, ndims, dims, plan, &err);
	if (st != MT_OK)
		einsum_report(&err);

	/* float or complex: BLAS for two operands, pairwise for more */
	gemm_dtype = result == MT_FLOAT32 || result == MT_FLOAT64 ||
		(mt_dtype_is_complex(result) &&
		 (DeviceMode) marsql_device != DEVICE_GPU);
	if (gemm_dtype && nops == 2)
	{
		out = einsum_as_matmul(plan, ts, ndims, dims, result);
		if (out != NULL)
			return out;
	}
	if (gemm_dtype && nops > 2)
	{
		tensor_check_shape(plan->out_ndim, (const int64 *) plan->out_dims,
						   result);
		out = einsum_pairwise(plan, ts, ndims, result);
		if (out != NULL)
			return out;
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
	return out;
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
	}
	PG_RETURN_TENSOR_P(einsum_run(VARDATA_ANY(subs), VARSIZE_ANY_EXHDR(subs),
								  ts, nops));
}
