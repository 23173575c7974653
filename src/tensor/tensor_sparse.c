/*
 * tensor_sparse.c
 *	  Sparse (CSR) tensors: a tensor whose header has MT_FLAG_CSR set holds
 *	  a 2-D matrix in compressed sparse row form (kernels/sparse.h).  Every
 *	  function that knows nothing of sparsity receives the dense form
 *	  (DatumGetTensorP densifies); the functions here, and the sparse paths
 *	  of matmul, scalar * and /, negation, abs and sum, keep it sparse.
 */
#include "postgres.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"

#include "kernels/elements.h"
#include "kernels/sparse.h"
#include "kernels/sparse_text.h"
#include "tensor/tensor_ops.h"

PG_FUNCTION_INFO_V1(tensor_sparse);
PG_FUNCTION_INFO_V1(tensor_dense);
PG_FUNCTION_INFO_V1(tensor_nnz);
PG_FUNCTION_INFO_V1(tensor_is_sparse);

/* A CSR tensor of shape rows x cols with room for nnz entries. */
Tensor *
tensor_new_csr(int64 rows, int64 cols, int64 nnz, MtDtype dtype, MtCsr *csr)
{
	size_t		data = mt_csr_data_bytes(rows, nnz, dtype);
	size_t		bytes = MT_HEADER_BYTES(2) + data;
	Tensor	   *t;

	if (data == 0)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("sparse tensor is too large"),
				 errdetail("%lld stored entries in %lld rows do not fit in one value.",
						   (long long) nnz, (long long) rows),
				 errhint("Use a chunked_tensor for arrays larger than one value.")));
	t = (Tensor *) palloc0(bytes);
	SET_VARSIZE(t, bytes);
	t->ndim = 2;
	t->dtype = (uint8) dtype;
	t->flags = MT_FLAG_CSR;
	t->dims[0] = (int32) rows;
	t->dims[1] = (int32) cols;
	memcpy(TENSOR_DATA(t), &nnz, sizeof(int64));
	mt_csr_attach(csr, TENSOR_DATA(t), rows, cols, dtype);
	return t;
}

void
tensor_csr_of(const Tensor *t, MtCsr *csr)
{
	Assert(tensor_is_csr(t));
	mt_csr_attach(csr, TENSOR_DATA(t), t->dims[0], t->dims[1], (MtDtype) t->dtype);
}

/* The dense form of t (t itself when it is dense). */
Tensor *
tensor_densify(Tensor *t)
{
	MtCsr		csr;
	int64		dims[2];
	Tensor	   *d;

	if (!tensor_is_csr(t))
		return t;
	tensor_csr_of(t, &csr);
	dims[0] = t->dims[0];
	dims[1] = t->dims[1];
	d = tensor_new(2, dims, (MtDtype) t->dtype);
	mt_csr_to_dense(&csr, (MtDtype) t->dtype, TENSOR_DATA(d));
	return d;
}

/* The CSR form of a dense 2-D tensor. */
static Tensor *
sparsify(Tensor *t)
{
	MtCsr		csr;
	int64		nnz;
	Tensor	   *s;

	if (tensor_is_csr(t))
		return t;
	if (t->ndim != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a sparse tensor must have two dimensions"),
				 errdetail("The tensor has %d dimensions.", t->ndim)));
	nnz = mt_dense_count_nonzero(TENSOR_DATA(t), (MtDtype) t->dtype, tensor_size(t));
	s = tensor_new_csr(t->dims[0], t->dims[1], nnz, (MtDtype) t->dtype, &csr);
	mt_csr_from_dense(&csr, TENSOR_DATA(t), (MtDtype) t->dtype);
	return s;
}

/* the entries' values of a CSR tensor, as a 1-D tensor */
static Tensor *
csr_values(Tensor *s, MtCsr *csr)
{
	int64		nnz;
	Tensor	   *values;

	tensor_csr_of(s, csr);
	nnz = csr->nnz;
	values = tensor_new(1, &nnz, (MtDtype) s->dtype);
	memcpy(TENSOR_DATA(values), csr->values, nnz * mt_dtype_size((MtDtype) s->dtype));
	return values;
}

/* a CSR tensor with s's pattern and the given values (nnz, all nonzero) */
static Tensor *
csr_with_values(const MtCsr *in, Tensor *values)
{
	MtCsr		out;
	Tensor	   *r = tensor_new_csr(in->rows, in->cols, in->nnz,
								   (MtDtype) values->dtype, &out);

	memcpy(out.indptr, in->indptr, sizeof(int64) * (in->rows + 1));
	memcpy(out.indices, in->indices, sizeof(int32) * in->nnz);
	memcpy(out.values, TENSOR_DATA(values),
		   in->nnz * mt_dtype_size((MtDtype) values->dtype));
	return r;
}

/*
 * s op scalar (or scalar op s) for an op that keeps zeros zero (the
 * caller checks: * by a finite scalar, / by a finite nonzero one).  When a
 * value underflows to zero the result is rebuilt from the dense form, so
 * no zero is ever stored.
 */
Tensor *
tensor_csr_scalar_op(Tensor *s, MtBinaryOp op, double scalar, bool scalar_first)
{
	MtCsr		csr;
	Tensor	   *values = csr_values(s, &csr);
	Tensor	   *c = tensor_from_scalar(scalar, (MtDtype) s->dtype);
	Tensor	   *mapped;

	mapped = scalar_first ? tensor_binary_op(c, values, op)
		: tensor_binary_op(values, c, op);
	if (mt_dense_count_nonzero(TENSOR_DATA(mapped), (MtDtype) mapped->dtype,
							   csr.nnz) == csr.nnz)
		return csr_with_values(&csr, mapped);
	return sparsify(scalar_first ? tensor_binary_op(c, tensor_densify(s), op)
					: tensor_binary_op(tensor_densify(s), c, op));
}

/* negation or absolute value of a CSR tensor: zeros stay zero */
Tensor *
tensor_csr_unary(Tensor *s, MtUnaryOp op)
{
	MtCsr		csr;
	Tensor	   *values = csr_values(s, &csr);

	return csr_with_values(&csr, tensor_unary_op(values, op));
}

/* s (rows x k, CSR) times a dense b (k or k x n) */
Tensor *
tensor_csr_matmul(Tensor *s, Tensor *b)
{
	MtCsr		csr;
	int64		k = s->dims[1];
	int64		n;
	int64		dims[2];
	MtDtype		dtype;
	Tensor	   *result;

	if (b->ndim != 1 && b->ndim != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a sparse matrix multiplies a 1-D or 2-D tensor"),
				 errdetail("The right operand has %d dimensions.", b->ndim)));
	if (b->dims[0] != k)
	{
		char		ss[128],
					sb[128];

		mt_format_shape32(ss, sizeof(ss), s->ndim, s->dims);
		mt_format_shape32(sb, sizeof(sb), b->ndim, b->dims);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("matmul shapes %s and %s are not aligned", ss, sb),
				 errdetail("The sparse matrix has %lld columns; the other operand has %d rows.",
						   (long long) k, b->dims[0])));
	}
	dtype = (s->dtype == MT_FLOAT64 || b->dtype == MT_FLOAT64) ? MT_FLOAT64 : MT_FLOAT32;
	if (s->dtype != dtype)
		s = tensor_convert(s, dtype);
	b = tensor_convert(b, dtype);
	n = b->ndim == 2 ? b->dims[1] : 1;
	dims[0] = s->dims[0];
	dims[1] = n;
	result = tensor_new(b->ndim, dims, dtype);
	tensor_csr_of(s, &csr);
	tensor_check_status(mt_csr_matmul_dense(&csr, dtype, TENSOR_DATA(b), n,
											TENSOR_DATA(result),
											tensor_poll_interrupts, NULL), NULL);
	return result;
}

/* sum of a CSR tensor over axis 0, 1 or all (axis_null), as a dense tensor */
Tensor *
tensor_csr_sum(Tensor *s, bool axis_null, int axis_arg, bool keepdims)
{
	MtCsr		csr;
	int			axis = axis_null ? -1 : tensor_axis(axis_arg, 2);
	int64		len = axis == 0 ? s->dims[1] : (axis == 1 ? s->dims[0] : 1);
	double	   *sums = palloc(sizeof(double) * Max(len, 1));
	int64		dims[2];
	int			ndim;
	Tensor	   *r;

	tensor_csr_of(s, &csr);
	mt_csr_sum(&csr, (MtDtype) s->dtype, axis, sums);
	if (axis < 0)
	{
		ndim = keepdims ? 2 : 0;
		dims[0] = dims[1] = 1;
	}
	else if (keepdims)
	{
		ndim = 2;
		dims[axis] = 1;
		dims[1 - axis] = len;
	}
	else
	{
		ndim = 1;
		dims[0] = len;
	}
	r = tensor_new(ndim, dims, (MtDtype) s->dtype);
	for (int64 i = 0; i < len; i++)
	{
		if (s->dtype == MT_FLOAT32)
			((float *) TENSOR_DATA(r))[i] = (float) sums[i];
		else
			((double *) TENSOR_DATA(r))[i] = sums[i];
	}
	return r;
}

/* the dtype conversion of a CSR tensor: values only */
Tensor *
tensor_csr_convert(Tensor *s, MtDtype dtype)
{
	MtCsr		csr;
	Tensor	   *values = csr_values(s, &csr);

	return csr_with_values(&csr, tensor_convert(values, dtype));
}

/* ---- text form ---- */

Tensor *
tensor_csr_in(const char *input, int32 typmod)
{
	int64		rows,
				cols,
				nnz;
	MtDtype		dtype;
	MtError		err;
	MtCsr		csr;
	Tensor	   *t;

	if (mt_csr_text_parse(input, &rows, &cols, &dtype, &nnz, NULL,
						  MT_FLOAT64, &err) != MT_OK)
		tensor_report_error(&err, input);
	if (dtype == MT_DTYPE_INVALID)
		dtype = typmod >= 0 ? (MtDtype) typmod : MT_FLOAT64;
	t = tensor_new_csr(rows, cols, nnz, dtype, &csr);
	if (mt_csr_text_parse(input, &rows, &cols, &dtype, &nnz, &csr,
						  (MtDtype) t->dtype, &err) != MT_OK)
		tensor_report_error(&err, input);
	return t;
}

char *
tensor_csr_out(Tensor *t)
{
	MtCsr		csr;
	StringInfoData buf;

	tensor_csr_of(t, &csr);
	initStringInfo(&buf);
	appendStringInfo(&buf, "csr%s(%d,%d):{", t->dtype == MT_FLOAT32 ? " float32" : "",
					 t->dims[0], t->dims[1]);
	for (int64 i = 0; i < csr.rows; i++)
	{
		CHECK_FOR_INTERRUPTS();
		for (int64 k = csr.indptr[i]; k < csr.indptr[i + 1]; k++)
		{
			char		num[32];

			if (t->dtype == MT_FLOAT32)
				num[float_to_shortest_decimal_buf(((float *) csr.values)[k], num)] = '\0';
			else
				num[double_to_shortest_decimal_buf(((double *) csr.values)[k], num)] = '\0';
			appendStringInfo(&buf, "%s(%lld,%d):%s", k > 0 ? "," : "",
							 (long long) i, csr.indices[k], num);
		}
	}
	appendStringInfoChar(&buf, '}');
	return buf.data;
}

/* ---- SQL functions ---- */

Datum
tensor_sparse(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(sparsify(PG_GETARG_TENSOR_ANY_P(0)));
}

Datum
tensor_dense(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(PG_GETARG_TENSOR_P(0));
}

Datum
tensor_nnz(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_ANY_P(0);
	MtCsr		csr;

	if (!tensor_is_csr(t))
		PG_RETURN_INT64(mt_dense_count_nonzero(TENSOR_DATA(t), (MtDtype) t->dtype,
											   tensor_size(t)));
	tensor_csr_of(t, &csr);
	PG_RETURN_INT64(csr.nnz);
}

Datum
tensor_is_sparse(PG_FUNCTION_ARGS)
{
	Tensor	   *t = (Tensor *) PG_DETOAST_DATUM_SLICE(PG_GETARG_DATUM(0), 0,
													  MT_HEADER_BYTES(MT_MAX_DIMS));

	PG_RETURN_BOOL(tensor_is_csr(t));
}
