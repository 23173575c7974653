/*
 * linalg.c
 *	  LAPACK drivers for one matrix (see linalg.h).  The routines are
 *	  written once in linalg_impl.h and instantiated here for float,
 *	  double, float complex and double complex (LAPACK's s, d, c and z);
 *	  the public functions pick the instance by dtype.
 */
#include "linalg.h"

#include <complex.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SCALAR float
#define REAL float
#define CPLX 0
#define REAL_EPS FLT_EPSILON
#define LA(name) s##name
#define FN(name) name##_f32
#include "linalg_impl.h"
#undef SCALAR
#undef REAL
#undef CPLX
#undef REAL_EPS
#undef LA
#undef FN

#define SCALAR double
#define REAL double
#define CPLX 0
#define REAL_EPS DBL_EPSILON
#define LA(name) d##name
#define FN(name) name##_f64
#include "linalg_impl.h"
#undef SCALAR
#undef REAL
#undef CPLX
#undef REAL_EPS
#undef LA
#undef FN

#define SCALAR float complex
#define REAL float
#define CPLX 1
#define REAL_EPS FLT_EPSILON
#define LA(name) c##name
#define FN(name) name##_c64
#include "linalg_impl.h"
#undef SCALAR
#undef REAL
#undef CPLX
#undef REAL_EPS
#undef LA
#undef FN

#define SCALAR double complex
#define REAL double
#define CPLX 1
#define REAL_EPS DBL_EPSILON
#define LA(name) z##name
#define FN(name) name##_c128
#include "linalg_impl.h"
#undef SCALAR
#undef REAL
#undef CPLX
#undef REAL_EPS
#undef LA
#undef FN

/* calls the instance of routine for dtype with the given arguments */
#define BY_DTYPE(dtype, routine, ...) \
	((dtype) == MT_FLOAT32 ? routine##_f32(__VA_ARGS__) \
	 : (dtype) == MT_FLOAT64 ? routine##_f64(__VA_ARGS__) \
	 : (dtype) == MT_COMPLEX64 ? routine##_c64(__VA_ARGS__) \
	 : routine##_c128(__VA_ARGS__))

MtStatus
mt_inv(const MtBlas *blas, MtDtype dtype, int n, const void *a, void *out,
	   MtError *err)
{
	return BY_DTYPE(dtype, inv, blas, n, a, out, err);
}

MtStatus
mt_slogdet(const MtBlas *blas, MtDtype dtype, int n, const void *a,
		   double *sign, double *logabsdet, MtError *err)
{
	return BY_DTYPE(dtype, slogdet, blas, n, a, sign, logabsdet, err);
}

MtStatus
mt_solve(const MtBlas *blas, MtDtype dtype, int n, int nrhs, const void *a,
		 const void *b, void *x, MtError *err)
{
	return BY_DTYPE(dtype, solve, blas, n, nrhs, a, b, x, err);
}

MtStatus
mt_lstsq(const MtBlas *blas, MtDtype dtype, int m, int n, int nrhs,
		 const void *a, const void *b, double rcond, void *x, void *s,
		 int *rank, void *residuals, bool *has_residuals, MtError *err)
{
	return BY_DTYPE(dtype, lstsq, blas, m, n, nrhs, a, b, rcond, x, s, rank,
					residuals, has_residuals, err);
}

MtStatus
mt_svd(const MtBlas *blas, MtDtype dtype, int m, int n, const void *a,
	   bool want_uv, bool full, void *u, void *s, void *vt, MtError *err)
{
	return BY_DTYPE(dtype, svd, blas, m, n, a, want_uv, full, u, s, vt, err);
}

MtStatus
mt_qr(const MtBlas *blas, MtDtype dtype, int m, int n, const void *a,
	  bool complete, void *q, void *r, MtError *err)
{
	return BY_DTYPE(dtype, qr, blas, m, n, a, complete, q, r, err);
}

MtStatus
mt_cholesky(const MtBlas *blas, MtDtype dtype, int n, const void *a, void *l,
			MtError *err)
{
	return BY_DTYPE(dtype, cholesky, blas, n, a, l, err);
}

MtStatus
mt_eigh(const MtBlas *blas, MtDtype dtype, int n, const void *a, bool upper,
		void *w, void *v, MtError *err)
{
	return BY_DTYPE(dtype, eigh, blas, n, a, upper, w, v, err);
}

MtStatus
mt_eig(const MtBlas *blas, MtDtype dtype, int n, const void *a, void *w,
	   void *v, MtError *err)
{
	return BY_DTYPE(dtype, eig, blas, n, a, w, v, err);
}

MtStatus
mt_pinv(const MtBlas *blas, MtDtype dtype, int m, int n, const void *a,
		double rcond, void *out, MtError *err)
{
	return BY_DTYPE(dtype, pinv, blas, m, n, a, rcond, out, err);
}
