/*
 * linalg.h
 *	  LAPACK decompositions of one matrix, row-major in and out, for
 *	  float32, float64, complex64 and complex128 (LAPACK's s, d, c, z).
 *	  Outputs that are real by nature (singular values, Hermitian
 *	  eigenvalues, least-squares residuals) are float32 for float32 and
 *	  complex64 input, float64 for the other two.  Each routine copies its input to a column-major workspace
 *	  (LAPACK overwrites it), refuses NaN and infinity (MT_ERR_NONFINITE:
 *	  LAPACK's answer to them is undefined), and returns a status with a
 *	  detail sentence in err.  Workspace comes from malloc and is freed
 *	  before returning: these run in a backend or in a forked helper that
 *	  must not touch PostgreSQL's memory contexts.
 */
#ifndef MARSQL_LINALG_H
#define MARSQL_LINALG_H

#include "dispatch.h"

/* out (n x n) = a^-1 */
extern MtStatus mt_inv(const MtBlas *blas, MtDtype dtype, int n,
					   const void *a, void *out, MtError *err);

/*
 * LU-based determinant as sign and log|det| (sign 0 when singular).  For
 * complex dtypes sign points to two doubles (real, imaginary).
 */
extern MtStatus mt_slogdet(const MtBlas *blas, MtDtype dtype, int n,
						   const void *a, double *sign, double *logabsdet,
						   MtError *err);

/* x (n x nrhs) solving a x = b, b row-major n x nrhs */
extern MtStatus mt_solve(const MtBlas *blas, MtDtype dtype, int n, int nrhs,
						 const void *a, const void *b, void *x, MtError *err);

/*
 * Least squares by SVD (gelsd): x (n x nrhs), s (min(m,n)), rank, and
 * residuals (nrhs sums of squares, filled only when rank == n < m; the
 * function sets *has_residuals).  rcond < 0 means machine precision.
 */
extern MtStatus mt_lstsq(const MtBlas *blas, MtDtype dtype, int m, int n,
						 int nrhs, const void *a, const void *b, double rcond,
						 void *x, void *s, int *rank, void *residuals,
						 bool *has_residuals, MtError *err);

/*
 * SVD: s gets min(m,n) values, descending.  With want_uv, u is m x m and
 * vt n x n when full, else m x k and k x n (k = min(m,n)).
 */
extern MtStatus mt_svd(const MtBlas *blas, MtDtype dtype, int m, int n,
					   const void *a, bool want_uv, bool full, void *u,
					   void *s, void *vt, MtError *err);

/* QR: q is m x m (complete) or m x k, r is m x n (complete) or k x n */
extern MtStatus mt_qr(const MtBlas *blas, MtDtype dtype, int m, int n,
					  const void *a, bool complete, void *q, void *r,
					  MtError *err);

/* lower-triangular l with a = l l^H (a Hermitian; lower triangle read) */
extern MtStatus mt_cholesky(const MtBlas *blas, MtDtype dtype, int n,
							const void *a, void *l, MtError *err);

/*
 * Eigenvalues w (ascending) and, when v is not NULL, eigenvectors as the
 * columns of v, of the symmetric matrix whose lower (upper) triangle is
 * read.
 */
extern MtStatus mt_eigh(const MtBlas *blas, MtDtype dtype, int n,
						const void *a, bool upper, void *w, void *v,
						MtError *err);

/*
 * Eigenvalues w and, when v is not NULL, right eigenvectors (columns of v)
 * of a general square matrix (geev).  w (n) and v (n x n) are always
 * complex: complex64 for float32/complex64, complex128 otherwise.  The
 * caller keeps the real parts when every imaginary part is zero (numpy).
 */
extern MtStatus mt_eig(const MtBlas *blas, MtDtype dtype, int n,
					   const void *a, void *w, void *v, MtError *err);

/* Moore-Penrose pseudo-inverse (n x m) by SVD, cutting singular values
 * below rcond * max(s). */
extern MtStatus mt_pinv(const MtBlas *blas, MtDtype dtype, int m, int n,
						const void *a, double rcond, void *out, MtError *err);

#endif							/* MARSQL_LINALG_H */
