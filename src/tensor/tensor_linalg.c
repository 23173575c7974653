/*
 * tensor_linalg.c
 *	  SQL glue for numpy.linalg: inv, det, slogdet, solve, lstsq, svd, qr,
 *	  cholesky, eigh, eigvalsh, eig, eigvals, pinv and matrix_rank.
 *	  Matrices are the last two axes; leading axes are a stack (batch), as
 *	  numpy.  The LAPACK work runs through tensor_job so that a cancel
 *	  stops it.
 *
 *	  Dtypes as numpy.linalg: float32, float64, complex64 and complex128
 *	  compute in their own precision; bool and integer input is converted
 *	  to float64; float16 is refused (numpy: "array type float16 is
 *	  unsupported in linalg") with 42804.  Results that are real by nature
 *	  (singular values, Hermitian eigenvalues, log|det|, residuals) have
 *	  the real dtype of the input: float32 for complex64, float64 for
 *	  complex128.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "guc.h"
#include "kernels/broadcast.h"
#include "kernels/complex_parts.h"
#include "kernels/elements.h"
#include "kernels/linalg.h"
#include "tensor/tensor_job.h"
#include "tensor/tensor_ops.h"

typedef enum LinalgKind
{
	LA_INV,
	LA_SLOGDET,
	LA_SOLVE,
	LA_LSTSQ,
	LA_SVD,
	LA_QR,
	LA_CHOLESKY,
	LA_EIGH,
	LA_EIG,
	LA_PINV
} LinalgKind;

/* float32 for complex64, float64 for complex128, else the dtype itself */
static MtDtype
real_dtype(MtDtype dtype)
{
	if (dtype == MT_COMPLEX64)
		return MT_FLOAT32;
	if (dtype == MT_COMPLEX128)
		return MT_FLOAT64;
	return dtype;
}

/* machine epsilon of the precision the dtype computes in */
static double
dtype_eps(MtDtype dtype)
{
	return real_dtype(dtype) == MT_FLOAT32 ? FLT_EPSILON : DBL_EPSILON;
}

/*
 * A tensor argument of a linalg function: float32/float64/complex64/
 * complex128 as given, bool and the integers as float64 (numpy's linalg
 * does the same), float16 refused with 42804.  Exported (tensor_ops.h) for
 * the other numpy.linalg functions.
 */
Tensor *
tensor_linalg_operand(Tensor *t, const char *fn)
{
	MtDtype		dtype = (MtDtype) t->dtype;

	if (dtype == MT_FLOAT32 || dtype == MT_FLOAT64 || mt_dtype_is_complex(dtype))
		return t;
	if (mt_dtype_is_exact(dtype))
		return tensor_convert(t, MT_FLOAT64);
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("function %s does not support tensors of dtype float16",
					fn ? fn : "linalg"),
			 errdetail("Linear algebra runs in float32, float64, complex64 or complex128, as numpy.linalg, which refuses float16 too."),
			 errhint("Convert with marsql.astype(t, 'float32').")));
	return NULL;
}

static Tensor *
linalg_arg(FunctionCallInfo fcinfo, int n)
{
	return tensor_linalg_operand(PG_GETARG_TENSOR_ANYDTYPE_P(n),
								 get_func_name(fcinfo->flinfo->fn_oid));
}

/* One batch of one decomposition, as the job (maybe in a child) sees it. */
typedef struct LinalgWork
{
	LinalgKind	kind;
	const MtBlas *blas;
	MtDtype		dtype;
	int64		batches;
	int			m,
				n,
				nrhs;
	bool		flag;			/* svd: full; qr: complete; eigh: upper, or vectors */
	bool		vectors;		/* eigh: compute v */
	double		rcond;
	const char *a;				/* batches x m x n */
	const char *b;				/* solve/lstsq: batches x m x nrhs */
	/* output byte offsets into the job's output area, and per-batch sizes */
	size_t		off[4];
	size_t		per[4];
	char	   *out;
	int			rank;			/* lstsq */
	bool		has_residuals;	/* lstsq */
} LinalgWork;

static MtStatus
run_linalg(void *arg, MtError *err)
{
	LinalgWork *w = (LinalgWork *) arg;
	size_t		el = mt_dtype_size(w->dtype);
	size_t		a_bytes = (size_t) w->m * w->n * el;
	size_t		b_bytes = (size_t) w->m * w->nrhs * el;

	for (int64 i = 0; i < w->batches; i++)
	{
		const char *a = w->a + i * a_bytes;
		char	   *o[4];
		MtStatus	status = MT_OK;

		for (int k = 0; k < 4; k++)
			o[k] = w->out + w->off[k] + i * w->per[k];
		switch (w->kind)
		{
			case LA_INV:
				status = mt_inv(w->blas, w->dtype, w->n, a, o[0], err);
				break;
			case LA_SLOGDET:
				status = mt_slogdet(w->blas, w->dtype, w->n, a,
									(double *) o[0], (double *) o[1], err);
				break;
			case LA_SOLVE:
				status = mt_solve(w->blas, w->dtype, w->n, w->nrhs, a,
								  w->b + i * b_bytes, o[0], err);
				break;
			case LA_LSTSQ:
				status = mt_lstsq(w->blas, w->dtype, w->m, w->n, w->nrhs, a,
								  w->b, w->rcond, o[0], o[1], &w->rank, o[2],
								  &w->has_residuals, err);
				/* the child's rank and residual flag travel in the output */
				memcpy(o[3], &w->rank, sizeof(int));
				memcpy(o[3] + sizeof(int), &w->has_residuals, sizeof(bool));
				break;
			case LA_SVD:
				status = mt_svd(w->blas, w->dtype, w->m, w->n, a, w->vectors,
								w->flag, o[0], o[1], o[2], err);
				break;
			case LA_QR:
				status = mt_qr(w->blas, w->dtype, w->m, w->n, a, w->flag,
							   o[0], o[1], err);
				break;
			case LA_CHOLESKY:
				status = mt_cholesky(w->blas, w->dtype, w->n, a, o[0], err);
				break;
			case LA_EIGH:
				status = mt_eigh(w->blas, w->dtype, w->n, a, w->flag, o[0],
								 w->vectors ? o[1] : NULL, err);
				break;
			case LA_EIG:
				status = mt_eig(w->blas, w->dtype, w->n, a, o[0],
								w->vectors ? o[1] : NULL, err);
				break;
			case LA_PINV:
				status = mt_pinv(w->blas, w->dtype, w->m, w->n, a, w->rcond,
								 o[0], err);
				break;
		}
		if (status != MT_OK)
		{
			if (w->batches > 1 && strlen(err->detail) + 40 < sizeof(err->detail))
			{
				char		buf[sizeof(err->detail)];

				snprintf(buf, sizeof(buf), "%s (matrix %lld of the stack)",
						 err->detail, (long long) i);
				strlcpy(err->detail, buf, sizeof(err->detail));
			}
			return status;
		}
	}
	return MT_OK;
}

/* Runs the work with outputs of the given per-batch byte sizes. */
static void
run_work(LinalgWork *w, int nout, const size_t *per, double flops_each)
{
	TensorJob	job;
	size_t		total = 0;

	tensor_kernels();			/* loads OpenBLAS, applies marsql.blas_threads */
	w->blas = mt_blas_loaded();
	for (int k = 0; k < 4; k++)
	{
		w->per[k] = k < nout ? per[k] : 0;
		w->off[k] = total;
		total += MAXALIGN(w->per[k] * w->batches);
	}
	job.run = run_linalg;
	job.arg = w;
	job.flops = flops_each * w->batches;
	job.output_bytes = total;
	tensor_job_prepare(&job);
	w->out = job.output;
	tensor_job_run(&job);
}

/* A tensor of the batch shape of t plus trailing dims, filled from src. */
static Tensor *
batch_result(const Tensor *t, int keep, int ntail, const int64 *tail,
			 MtDtype dtype, const char *src)
{
	int64		dims[MT_MAX_DIMS];
	int			ndim = 0;
	Tensor	   *r;

	for (int i = 0; i < t->ndim - keep; i++)
		dims[ndim++] = t->dims[i];
	for (int i = 0; i < ntail; i++)
		dims[ndim++] = tail[i];
	r = tensor_new(ndim, dims, dtype);
	memcpy(TENSOR_DATA(r), src, tensor_size(r) * mt_dtype_size(dtype));
	return r;
}

static int64
batch_count(const Tensor *t)
{
	int64		n = 1;

	for (int i = 0; i < t->ndim - 2; i++)
		n *= t->dims[i];
	return n;
}

static void
require_matrix(const Tensor *t, bool square, const char *fn)
{
	if (t->ndim < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs a tensor of at least two dimensions", fn),
				 errdetail("The tensor has %d dimensions.", t->ndim)));
	if (square && t->dims[t->ndim - 1] != t->dims[t->ndim - 2])
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("last two dimensions of the tensor must be square"),
				 errdetail("%s got a %d x %d matrix.", fn,
						   t->dims[t->ndim - 2], t->dims[t->ndim - 1]),
				 errhint("Use marsql.lstsq or marsql.pinv for rectangular matrices.")));
}

static void
init_work(LinalgWork *w, LinalgKind kind, Tensor *a)
{
	memset(w, 0, sizeof(*w));
	w->kind = kind;
	w->dtype = (MtDtype) a->dtype;
	w->batches = batch_count(a);
	w->m = a->dims[a->ndim - 2];
	w->n = a->dims[a->ndim - 1];
	w->a = TENSOR_DATA(a);
}

/* ---- inv, det, slogdet ---- */

PG_FUNCTION_INFO_V1(tensor_inv);
Datum
tensor_inv(PG_FUNCTION_ARGS)
{
	Tensor	   *a = linalg_arg(fcinfo, 0);
	LinalgWork	w;
	size_t		per;
	int64		tail[2];

	require_matrix(a, true, "inv");
	init_work(&w, LA_INV, a);
	per = (size_t) w.n * w.n * mt_dtype_size(w.dtype);
	run_work(&w, 1, &per, 2.0 * w.n * (double) w.n * w.n);
	tail[0] = tail[1] = w.n;
	PG_RETURN_TENSOR_P(batch_result(a, 2, 2, tail, w.dtype, w.out + w.off[0]));
}

/* sign (float64, or complex128 for complex a) and log|det| (float64) */
static void
slogdet_of(Tensor *a, const char *fn, Tensor **sign, Tensor **logabs)
{
	LinalgWork	w;
	bool		cplx = mt_dtype_is_complex((MtDtype) a->dtype);
	size_t		per[2] = {(cplx ? 2 : 1) * sizeof(double), sizeof(double)};

	require_matrix(a, true, fn);
	init_work(&w, LA_SLOGDET, a);
	run_work(&w, 2, per, (2.0 / 3.0) * w.n * (double) w.n * w.n);
	*sign = batch_result(a, 2, 0, NULL, cplx ? MT_COMPLEX128 : MT_FLOAT64,
						 w.out + w.off[0]);
	*logabs = batch_result(a, 2, 0, NULL, MT_FLOAT64, w.out + w.off[1]);
}

PG_FUNCTION_INFO_V1(tensor_det);
Datum
tensor_det(PG_FUNCTION_ARGS)
{
	Tensor	   *a = linalg_arg(fcinfo, 0);
	Tensor	   *sign,
			   *logabs,
			   *det;
	int64		n;

	slogdet_of(a, "det", &sign, &logabs);
	n = tensor_size(sign);
	det = tensor_new_like(sign, sign->dtype);
	for (int64 i = 0; i < n; i++)
	{
		double		m = exp(((double *) TENSOR_DATA(logabs))[i]);

		if (sign->dtype == MT_COMPLEX128)
		{
			((double *) TENSOR_DATA(det))[2 * i] =
				((double *) TENSOR_DATA(sign))[2 * i] * m;
			((double *) TENSOR_DATA(det))[2 * i + 1] =
				((double *) TENSOR_DATA(sign))[2 * i + 1] * m;
		}
		else
			((double *) TENSOR_DATA(det))[i] =
				((double *) TENSOR_DATA(sign))[i] * m;
	}
	PG_RETURN_TENSOR_P(tensor_convert(det, (MtDtype) a->dtype));
}

static Datum
record_of(FunctionCallInfo fcinfo, int n, Datum *values, bool *nulls)
{
	TupleDesc	tupdesc;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	if (tupdesc->natts != n)
		elog(ERROR, "return type must have %d columns", n);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

PG_FUNCTION_INFO_V1(tensor_slogdet);
Datum
tensor_slogdet(PG_FUNCTION_ARGS)
{
	Tensor	   *a = linalg_arg(fcinfo, 0);
	Tensor	   *sign,
			   *logabs;
	Datum		values[2];
	bool		nulls[2] = {0};

	slogdet_of(a, "slogdet", &sign, &logabs);
	values[0] = PointerGetDatum(tensor_convert(sign, (MtDtype) a->dtype));
	values[1] = PointerGetDatum(tensor_convert(logabs,
											   real_dtype((MtDtype) a->dtype)));
	PG_RETURN_DATUM(record_of(fcinfo, 2, values, nulls));
}

/* ---- solve, lstsq ---- */

PG_FUNCTION_INFO_V1(tensor_solve);
Datum
tensor_solve(PG_FUNCTION_ARGS)
{
	Tensor	   *a = linalg_arg(fcinfo, 0);
	Tensor	   *b = linalg_arg(fcinfo, 1);
	bool		vector_rhs;
	int			n;
	int			nrhs;
	int			batch_ndim;
	int64_t		batch_dims[MT_MAX_DIMS];
	int64		dims[MT_MAX_DIMS];
	MtError		err;
	LinalgWork	w;
	size_t		per;
	Tensor	   *x;

	require_matrix(a, true, "solve");
	tensor_promote(&a, &b);
	n = a->dims[a->ndim - 1];
	/* numpy 1.x: b is a stack of vectors when it has one axis less than a */
	vector_rhs = b->ndim == 1 || b->ndim == a->ndim - 1;
	if (b->ndim == 0 || b->dims[b->ndim - (vector_rhs ? 1 : 2)] != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("solve: the right-hand side does not match the matrix"),
				 errdetail("The matrix is %d x %d; b must have %d rows.", n, n, n)));
	nrhs = vector_rhs ? 1 : b->dims[b->ndim - 1];
	if (mt_broadcast_shape(a->ndim - 2, a->dims,
						   b->ndim - (vector_rhs ? 1 : 2), b->dims,
						   &batch_ndim, batch_dims, &err) != MT_OK)
		tensor_report_error(&err, NULL);
	/* materialize the broadcast stacks */
	for (int i = 0; i < batch_ndim; i++)
		dims[i] = batch_dims[i];
	dims[batch_ndim] = n;
	dims[batch_ndim + 1] = n;
	a = tensor_broadcast_to(a, batch_ndim + 2, dims);
	dims[batch_ndim + 1] = nrhs;
	if (vector_rhs)
	{
		int64		bd[MT_MAX_DIMS];

		tensor_dims64(b, bd);
		bd[b->ndim] = 1;
		b = tensor_reshaped(b, b->ndim + 1, bd);
	}
	b = tensor_broadcast_to(b, batch_ndim + 2, dims);

	init_work(&w, LA_SOLVE, a);
	w.nrhs = nrhs;
	w.b = TENSOR_DATA(b);
	per = (size_t) n * nrhs * mt_dtype_size(w.dtype);
	run_work(&w, 1, &per, (2.0 / 3.0) * n * (double) n * n + 2.0 * n * (double) n * nrhs);
	x = tensor_new(batch_ndim + (vector_rhs ? 1 : 2), dims, w.dtype);
	memcpy(TENSOR_DATA(x), w.out + w.off[0], tensor_size(x) * mt_dtype_size(w.dtype));
	PG_RETURN_TENSOR_P(x);
}

PG_FUNCTION_INFO_V1(tensor_lstsq);
Datum
tensor_lstsq(PG_FUNCTION_ARGS)
{
	Tensor	   *a,
			   *b;
	bool		vector_rhs;
	int			m,
				n,
				nrhs,
				k;
	LinalgWork	w;
	size_t		per[4];
	int64		dims[2];
	Datum		values[4];
	bool		nulls[4] = {0};
	size_t		el,
				rel;
	MtDtype		rdtype;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	a = linalg_arg(fcinfo, 0);
	b = linalg_arg(fcinfo, 1);
	if (a->ndim != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lstsq needs a 2-D coefficient matrix"),
				 errdetail("The tensor has %d dimensions.", a->ndim)));
	tensor_promote(&a, &b);
	m = a->dims[0];
	n = a->dims[1];
	k = Min(m, n);
	vector_rhs = b->ndim == 1;
	if ((b->ndim != 1 && b->ndim != 2) || b->dims[0] != m)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lstsq: incompatible dimensions"),
				 errdetail("a has %d rows; b must be 1-D or 2-D with %d rows.", m, m)));
	nrhs = vector_rhs ? 1 : b->dims[1];
	init_work(&w, LA_LSTSQ, a);
	w.nrhs = nrhs;
	w.b = TENSOR_DATA(b);
	el = mt_dtype_size(w.dtype);
	rdtype = real_dtype(w.dtype);
	rel = mt_dtype_size(rdtype);
	/* numpy's default rcond: machine precision times the larger extent */
	if (PG_ARGISNULL(2))
		w.rcond = dtype_eps(w.dtype) * Max(m, n);
	else
		w.rcond = PG_GETARG_FLOAT8(2);
	per[0] = (size_t) n * nrhs * el;
	per[1] = (size_t) k * rel;
	per[2] = (size_t) nrhs * rel;
	per[3] = sizeof(int) + sizeof(bool);
	run_work(&w, 4, per, 12.0 * m * (double) n * Max(k, 1) + 2.0 * m * (double) nrhs * n);
	memcpy(&w.rank, w.out + w.off[3], sizeof(int));
	memcpy(&w.has_residuals, w.out + w.off[3] + sizeof(int), sizeof(bool));

	dims[0] = n;
	dims[1] = nrhs;
	values[0] = PointerGetDatum(tensor_new(vector_rhs ? 1 : 2, dims, w.dtype));
	memcpy(TENSOR_DATA((Tensor *) DatumGetPointer(values[0])), w.out + w.off[0], per[0]);
	dims[0] = w.has_residuals ? nrhs : 0;
	values[1] = PointerGetDatum(tensor_new(1, dims, rdtype));
	if (w.has_residuals)
		memcpy(TENSOR_DATA((Tensor *) DatumGetPointer(values[1])), w.out + w.off[2], per[2]);
	values[2] = Int32GetDatum(w.rank);
	dims[0] = k;
	values[3] = PointerGetDatum(tensor_new(1, dims, rdtype));
	memcpy(TENSOR_DATA((Tensor *) DatumGetPointer(values[3])), w.out + w.off[1], per[1]);
	PG_RETURN_DATUM(record_of(fcinfo, 4, values, nulls));
}

/* ---- svd, pinv, matrix_rank ---- */

static void
svd_of(Tensor *a, bool want_uv, bool full, Tensor **u, Tensor **s, Tensor **vt)
{
	LinalgWork	w;
	size_t		el;
	size_t		per[3];
	int			k;
	int64		tail[2];

	require_matrix(a, false, "svd");
	init_work(&w, LA_SVD, a);
	w.vectors = want_uv;
	w.flag = full;
	el = mt_dtype_size(w.dtype);
	k = Min(w.m, w.n);
	per[0] = want_uv ? (size_t) w.m * (full ? w.m : k) * el : 0;
	per[1] = (size_t) k * mt_dtype_size(real_dtype(w.dtype));
	per[2] = want_uv ? (size_t) (full ? w.n : k) * w.n * el : 0;
	run_work(&w, 3, per, (want_uv ? 22.0 : 4.0) * w.m * (double) w.n * Max(k, 1));
	tail[0] = k;
	*s = batch_result(a, 2, 1, tail, real_dtype(w.dtype), w.out + w.off[1]);
	if (want_uv)
	{
		tail[0] = w.m;
		tail[1] = full ? w.m : k;
		*u = batch_result(a, 2, 2, tail, w.dtype, w.out + w.off[0]);
		tail[0] = full ? w.n : k;
		tail[1] = w.n;
		*vt = batch_result(a, 2, 2, tail, w.dtype, w.out + w.off[2]);
	}
}

Tensor *
tensor_singular_values(Tensor *a)
{
	Tensor	   *s;

	svd_of(a, false, false, NULL, &s, NULL);
	return s;
}

PG_FUNCTION_INFO_V1(tensor_svd);
Datum
tensor_svd(PG_FUNCTION_ARGS)
{
	Tensor	   *u,
			   *s,
			   *vt;
	Datum		values[3];
	bool		nulls[3] = {0};

	svd_of(linalg_arg(fcinfo, 0), true, PG_GETARG_BOOL(1), &u, &s, &vt);
	values[0] = PointerGetDatum(u);
	values[1] = PointerGetDatum(s);
	values[2] = PointerGetDatum(vt);
	PG_RETURN_DATUM(record_of(fcinfo, 3, values, nulls));
}

PG_FUNCTION_INFO_V1(tensor_svdvals);
Datum
tensor_svdvals(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(tensor_singular_values(linalg_arg(fcinfo, 0)));
}

PG_FUNCTION_INFO_V1(tensor_pinv);
Datum
tensor_pinv(PG_FUNCTION_ARGS)
{
	Tensor	   *a = linalg_arg(fcinfo, 0);
	LinalgWork	w;
	size_t		per;
	int64		tail[2];
	int			k;

	require_matrix(a, false, "pinv");
	init_work(&w, LA_PINV, a);
	w.rcond = PG_GETARG_FLOAT8(1);
	k = Min(w.m, w.n);
	per = (size_t) w.n * w.m * mt_dtype_size(w.dtype);
	run_work(&w, 1, &per, 14.0 * w.m * (double) w.n * Max(k, 1));
	tail[0] = w.n;
	tail[1] = w.m;
	PG_RETURN_TENSOR_P(batch_result(a, 2, 2, tail, w.dtype, w.out + w.off[0]));
}

PG_FUNCTION_INFO_V1(tensor_matrix_rank);
Datum
tensor_matrix_rank(PG_FUNCTION_ARGS)
{
	Tensor	   *a;
	Tensor	   *s;
	double		tol;
	double		smax = 0;
	int64		k;
	int32		rank = 0;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	a = linalg_arg(fcinfo, 0);
	if (a->ndim != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("matrix_rank needs a 2-D tensor"),
				 errdetail("The tensor has %d dimensions.", a->ndim)));
	s = tensor_singular_values(a);
	k = tensor_size(s);
	for (int64 i = 0; i < k; i++)
		smax = Max(smax, mt_load(TENSOR_DATA(s), (MtDtype) s->dtype, i));
	/* numpy's default: S.max() * max(M, N) * eps */
	tol = PG_ARGISNULL(1)
		? smax * Max(a->dims[0], a->dims[1]) * dtype_eps((MtDtype) a->dtype)
		: PG_GETARG_FLOAT8(1);
	for (int64 i = 0; i < k; i++)
		if (mt_load(TENSOR_DATA(s), (MtDtype) s->dtype, i) > tol)
			rank++;
	PG_RETURN_INT32(rank);
}

/* ---- qr, cholesky, eigh ---- */

PG_FUNCTION_INFO_V1(tensor_qr);
Datum
tensor_qr(PG_FUNCTION_ARGS)
{
	Tensor	   *a = linalg_arg(fcinfo, 0);
	char	   *mode = text_to_cstring(PG_GETARG_TEXT_PP(1));
	bool		complete;
	LinalgWork	w;
	size_t		per[2],
				el;
	int			k;
	int64		tail[2];
	Datum		values[2];
	bool		nulls[2] = {0};

	if (strcmp(mode, "reduced") == 0)
		complete = false;
	else if (strcmp(mode, "complete") == 0)
		complete = true;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid qr mode \"%s\"", mode),
				 errhint("Valid modes are \"reduced\" and \"complete\".")));
	require_matrix(a, false, "qr");
	init_work(&w, LA_QR, a);
	w.flag = complete;
	el = mt_dtype_size(w.dtype);
	k = Min(w.m, w.n);
	per[0] = (size_t) w.m * (complete ? w.m : k) * el;
	per[1] = (size_t) (complete ? w.m : k) * w.n * el;
	run_work(&w, 2, per, 4.0 * w.m * (double) w.n * Max(k, 1));
	tail[0] = w.m;
	tail[1] = complete ? w.m : k;
	values[0] = PointerGetDatum(batch_result(a, 2, 2, tail, w.dtype, w.out + w.off[0]));
	tail[0] = complete ? w.m : k;
	tail[1] = w.n;
	values[1] = PointerGetDatum(batch_result(a, 2, 2, tail, w.dtype, w.out + w.off[1]));
	PG_RETURN_DATUM(record_of(fcinfo, 2, values, nulls));
}

PG_FUNCTION_INFO_V1(tensor_cholesky);
Datum
tensor_cholesky(PG_FUNCTION_ARGS)
{
	Tensor	   *a = linalg_arg(fcinfo, 0);
	LinalgWork	w;
	size_t		per;
	int64		tail[2];

	require_matrix(a, true, "cholesky");
	init_work(&w, LA_CHOLESKY, a);
	per = (size_t) w.n * w.n * mt_dtype_size(w.dtype);
	run_work(&w, 1, &per, w.n * (double) w.n * w.n / 3.0);
	tail[0] = tail[1] = w.n;
	PG_RETURN_TENSOR_P(batch_result(a, 2, 2, tail, w.dtype, w.out + w.off[0]));
}

static bool
parse_uplo(text *t)
{
	char	   *s = text_to_cstring(t);

	if (pg_strcasecmp(s, "L") == 0)
		return false;
	if (pg_strcasecmp(s, "U") == 0)
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid uplo \"%s\"", s),
			 errhint("Use \"L\" to read the lower triangle or \"U\" for the upper.")));
	return false;
}

static void
eigh_of(Tensor *a, bool upper, bool vectors, Tensor **wv, Tensor **v)
{
	LinalgWork	w;
	size_t		per[2],
				el;
	int64		tail[2];

	require_matrix(a, true, vectors ? "eigh" : "eigvalsh");
	init_work(&w, LA_EIGH, a);
	w.flag = upper;
	w.vectors = vectors;
	el = mt_dtype_size(w.dtype);
	per[0] = (size_t) w.n * mt_dtype_size(real_dtype(w.dtype));
	per[1] = vectors ? (size_t) w.n * w.n * el : 0;
	run_work(&w, 2, per, (vectors ? 9.0 : 4.0) * w.n * (double) w.n * w.n);
	tail[0] = w.n;
	*wv = batch_result(a, 2, 1, tail, real_dtype(w.dtype), w.out + w.off[0]);
	if (vectors)
	{
		tail[1] = w.n;
		*v = batch_result(a, 2, 2, tail, w.dtype, w.out + w.off[1]);
	}
}

PG_FUNCTION_INFO_V1(tensor_eigh);
Datum
tensor_eigh(PG_FUNCTION_ARGS)
{
	Tensor	   *wv,
			   *v;
	Datum		values[2];
	bool		nulls[2] = {0};

	eigh_of(linalg_arg(fcinfo, 0), parse_uplo(PG_GETARG_TEXT_PP(1)), true,
			&wv, &v);
	values[0] = PointerGetDatum(wv);
	values[1] = PointerGetDatum(v);
	PG_RETURN_DATUM(record_of(fcinfo, 2, values, nulls));
}

PG_FUNCTION_INFO_V1(tensor_eigvalsh);
Datum
tensor_eigvalsh(PG_FUNCTION_ARGS)
{
	Tensor	   *wv;

	eigh_of(linalg_arg(fcinfo, 0), parse_uplo(PG_GETARG_TEXT_PP(1)), false,
			&wv, NULL);
	PG_RETURN_TENSOR_P(wv);
}

/* ---- eig, eigvals ---- */

/* the real part of a complex tensor, as a new tensor of the part dtype */
static Tensor *
tensor_real_part(const Tensor *t)
{
	Tensor	   *r = tensor_new_like(t, mt_complex_part_dtype((MtDtype) t->dtype));
	MtError		err;

	err.status = mt_complex_part(MT_PART_REAL, (MtDtype) t->dtype,
								 TENSOR_DATA(t), TENSOR_DATA(r), tensor_size(t),
								 tensor_poll_interrupts, NULL);
	tensor_check_status(err.status, &err);
	return r;
}

/* true when every imaginary part of the complex tensor t is zero */
static bool
all_imag_zero(const Tensor *t)
{
	int64		n = tensor_size(t);

	for (int64 i = 0; i < n; i++)
	{
		double		im = t->dtype == MT_COMPLEX64
			? ((const float *) TENSOR_DATA(t))[2 * i + 1]
			: ((const double *) TENSOR_DATA(t))[2 * i + 1];

		if (im != 0)
			return false;
	}
	return true;
}

/*
 * Eigenvalues (and vectors) of general square matrices.  The kernel
 * answers in complex; as numpy.linalg.eig, a real input whose eigenvalues
 * (over the whole stack) all have a zero imaginary part gets real results.
 */
static void
eig_of(Tensor *a, bool vectors, Tensor **wv, Tensor **v)
{
	LinalgWork	w;
	MtDtype		cdtype;
	size_t		per[2],
				el;
	int64		tail[2];

	require_matrix(a, true, vectors ? "eig" : "eigvals");
	init_work(&w, LA_EIG, a);
	w.vectors = vectors;
	cdtype = real_dtype(w.dtype) == MT_FLOAT32 ? MT_COMPLEX64 : MT_COMPLEX128;
	el = mt_dtype_size(cdtype);
	per[0] = (size_t) w.n * el;
	per[1] = vectors ? (size_t) w.n * w.n * el : 0;
	run_work(&w, 2, per, (vectors ? 26.0 : 10.0) * w.n * (double) w.n * w.n);
	tail[0] = w.n;
	*wv = batch_result(a, 2, 1, tail, cdtype, w.out + w.off[0]);
	if (vectors)
	{
		tail[1] = w.n;
		*v = batch_result(a, 2, 2, tail, cdtype, w.out + w.off[1]);
	}
	if (!mt_dtype_is_complex(w.dtype) && all_imag_zero(*wv))
	{
		*wv = tensor_real_part(*wv);
		if (vectors)
			*v = tensor_real_part(*v);
	}
}

PG_FUNCTION_INFO_V1(tensor_eig);
Datum
tensor_eig(PG_FUNCTION_ARGS)
{
	Tensor	   *wv,
			   *v;
	Datum		values[2];
	bool		nulls[2] = {0};

	eig_of(linalg_arg(fcinfo, 0), true, &wv, &v);
	values[0] = PointerGetDatum(wv);
	values[1] = PointerGetDatum(v);
	PG_RETURN_DATUM(record_of(fcinfo, 2, values, nulls));
}

PG_FUNCTION_INFO_V1(tensor_eigvals);
Datum
tensor_eigvals(PG_FUNCTION_ARGS)
{
	Tensor	   *wv;

	eig_of(linalg_arg(fcinfo, 0), false, &wv, NULL);
	PG_RETURN_TENSOR_P(wv);
}
