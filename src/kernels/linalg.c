/*
 * linalg.c
 *	  LAPACK drivers for one matrix (see linalg.h).  The routines are
 *	  written once in linalg_impl.h and instantiated here for float and
 *	  double; the public functions pick the instance by dtype.
 */
#include "linalg.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define REAL float
#define REAL_EPS FLT_EPSILON
#define LA(name) s##name
#define FN(name) name##_f32
#include "linalg_impl.h"
#undef REAL
#undef REAL_EPS
#undef LA
#undef FN

#define REAL double
#define REAL_EPS DBL_EPSILON
#define LA(name) d##name
#define FN(name) name##_f64
#include "linalg_impl.h"
#undef REAL
#undef REAL_EPS
#undef LA
#undef FN

MtStatus
mt_inv(const MtBlas *blas, MtDtype dtype, int n, const void *a, void *out,
	   MtError *err)
{
	return dtype == MT_FLOAT32 ? inv_f32(blas, n, a, out, err)
		: inv_f64(blas, n, a, out, err);
}

MtStatus
mt_slogdet(const MtBlas *blas, MtDtype dtype, int n, const void *a,
		   double *sign, double *logabsdet, MtError *err)
{
	return dtype == MT_FLOAT32 ? slogdet_f32(blas, n, a, sign, logabsdet, err)
		: slogdet_f64(blas, n, a, sign, logabsdet, err);
}

MtStatus
mt_solve(const MtBlas *blas, MtDtype dtype, int n, int nrhs, const void *a,
		 const void *b, void *x, MtError *err)
{
	return dtype == MT_FLOAT32 ? solve_f32(blas, n, nrhs, a, b, x, err)
		: solve_f64(blas, n, nrhs, a, b, x, err);
}

MtStatus
mt_lstsq(const MtBlas *blas, MtDtype dtype, int m, int n, int nrhs,
		 const void *a, const void *b, double rcond, void *x, void *s,
		 int *rank, void *residuals, bool *has_residuals, MtError *err)
{
	return dtype == MT_FLOAT32
		? lstsq_f32(blas, m, n, nrhs, a, b, rcond, x, s, rank, residuals,
					has_residuals, err)
		: lstsq_f64(blas, m, n, nrhs, a, b, rcond, x, s, rank, residuals,
					has_residuals, err);
}

MtStatus
mt_svd(const MtBlas *blas, MtDtype dtype, int m, int n, const void *a,
	   bool want_uv, bool full, void *u, void *s, void *vt, MtError *err)
{
	return dtype == MT_FLOAT32
		? svd_f32(blas, m, n, a, want_uv, full, u, s, vt, err)
		: svd_f64(blas, m, n, a, want_uv, full, u, s, vt, err);
}

MtStatus
mt_qr(const MtBlas *blas, MtDtype dtype, int m, int n, const void *a,
	  bool complete, void *q, void *r, MtError *err)
{
	return dtype == MT_FLOAT32 ? qr_f32(blas, m, n, a, complete, q, r, err)
		: qr_f64(blas, m, n, a, complete, q, r, err);
}

MtStatus
mt_cholesky(const MtBlas *blas, MtDtype dtype, int n, const void *a, void *l,
			MtError *err)
{
	return dtype == MT_FLOAT32 ? cholesky_f32(blas, n, a, l, err)
		: cholesky_f64(blas, n, a, l, err);
}

MtStatus
mt_eigh(const MtBlas *blas, MtDtype dtype, int n, const void *a, bool upper,
		void *w, void *v, MtError *err)
{
	return dtype == MT_FLOAT32 ? eigh_f32(blas, n, a, upper, w, v, err)
		: eigh_f64(blas, n, a, upper, w, v, err);
}

MtStatus
mt_pinv(const MtBlas *blas, MtDtype dtype, int m, int n, const void *a,
		double rcond, void *out, MtError *err)
{
	return dtype == MT_FLOAT32 ? pinv_f32(blas, m, n, a, rcond, out, err)
		: pinv_f64(blas, m, n, a, rcond, out, err);
}
