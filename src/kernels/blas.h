/*
 * blas.h
 *	  OpenBLAS and its bundled LAPACK, reached through function pointers
 *	  resolved with dlopen on first use.  Loading lazily (never in the
 *	  postmaster, where _PG_init runs under shared_preload_libraries) keeps
 *	  OpenBLAS's thread pool out of the postmaster: the pool is created in
 *	  the backend that first multiplies a matrix.
 *
 *	  LAPACK is the Fortran interface (column-major, 32-bit integers, the
 *	  hidden string lengths gfortran expects after the last argument).
 */
#ifndef MARSQL_BLAS_H
#define MARSQL_BLAS_H

#include "tensor_layout.h"

/* CBLAS enum values, fixed by the CBLAS standard */
#define MT_CBLAS_ROW_MAJOR 101
#define MT_CBLAS_NO_TRANS 111
#define MT_CBLAS_TRANS 112
#define MT_CBLAS_CONJ_TRANS 113

typedef int mt_lapack_int;

typedef struct MtBlas
{
	char		path[512];		/* the file the library was loaded from */
	const char *config;			/* openblas_get_config() */

	void		(*set_num_threads) (int);
	int			(*get_num_threads) (void);

	void		(*sgemm) (int order, int transa, int transb, int m, int n, int k,
						  float alpha, const float *a, int lda,
						  const float *b, int ldb, float beta, float *c, int ldc);
	void		(*dgemm) (int order, int transa, int transb, int m, int n, int k,
						  double alpha, const double *a, int lda,
						  const double *b, int ldb, double beta, double *c, int ldc);
	/* complex64 / complex128: alpha, beta and the elements are (re, im) pairs */
	void		(*cgemm) (int order, int transa, int transb, int m, int n, int k,
						  const void *alpha, const void *a, int lda,
						  const void *b, int ldb, const void *beta, void *c, int ldc);
	void		(*zgemm) (int order, int transa, int transb, int m, int n, int k,
						  const void *alpha, const void *a, int lda,
						  const void *b, int ldb, const void *beta, void *c, int ldc);

	/* LU factorization, inverse from LU, solve from LU */
	void		(*sgetrf) (const mt_lapack_int *m, const mt_lapack_int *n, float *a,
						   const mt_lapack_int *lda, mt_lapack_int *ipiv, mt_lapack_int *info);
	void		(*dgetrf) (const mt_lapack_int *m, const mt_lapack_int *n, double *a,
						   const mt_lapack_int *lda, mt_lapack_int *ipiv, mt_lapack_int *info);
	void		(*sgetri) (const mt_lapack_int *n, float *a, const mt_lapack_int *lda,
						   const mt_lapack_int *ipiv, float *work,
						   const mt_lapack_int *lwork, mt_lapack_int *info);
	void		(*dgetri) (const mt_lapack_int *n, double *a, const mt_lapack_int *lda,
						   const mt_lapack_int *ipiv, double *work,
						   const mt_lapack_int *lwork, mt_lapack_int *info);
	void		(*sgetrs) (const char *trans, const mt_lapack_int *n,
						   const mt_lapack_int *nrhs, const float *a,
						   const mt_lapack_int *lda, const mt_lapack_int *ipiv,
						   float *b, const mt_lapack_int *ldb, mt_lapack_int *info,
						   size_t trans_len);
	void		(*dgetrs) (const char *trans, const mt_lapack_int *n,
						   const mt_lapack_int *nrhs, const double *a,
						   const mt_lapack_int *lda, const mt_lapack_int *ipiv,
						   double *b, const mt_lapack_int *ldb, mt_lapack_int *info,
						   size_t trans_len);
	/* least squares by SVD */
	void		(*sgelsd) (const mt_lapack_int *m, const mt_lapack_int *n,
						   const mt_lapack_int *nrhs, float *a, const mt_lapack_int *lda,
						   float *b, const mt_lapack_int *ldb, float *s,
						   const float *rcond, mt_lapack_int *rank, float *work,
						   const mt_lapack_int *lwork, mt_lapack_int *iwork,
						   mt_lapack_int *info);
	void		(*dgelsd) (const mt_lapack_int *m, const mt_lapack_int *n,
						   const mt_lapack_int *nrhs, double *a, const mt_lapack_int *lda,
						   double *b, const mt_lapack_int *ldb, double *s,
						   const double *rcond, mt_lapack_int *rank, double *work,
						   const mt_lapack_int *lwork, mt_lapack_int *iwork,
						   mt_lapack_int *info);
	/* SVD by divide and conquer */
	void		(*sgesdd) (const char *jobz, const mt_lapack_int *m, const mt_lapack_int *n,
						   float *a, const mt_lapack_int *lda, float *s, float *u,
						   const mt_lapack_int *ldu, float *vt, const mt_lapack_int *ldvt,
						   float *work, const mt_lapack_int *lwork, mt_lapack_int *iwork,
						   mt_lapack_int *info, size_t jobz_len);
	void		(*dgesdd) (const char *jobz, const mt_lapack_int *m, const mt_lapack_int *n,
						   double *a, const mt_lapack_int *lda, double *s, double *u,
						   const mt_lapack_int *ldu, double *vt, const mt_lapack_int *ldvt,
						   double *work, const mt_lapack_int *lwork, mt_lapack_int *iwork,
						   mt_lapack_int *info, size_t jobz_len);
	/* QR: Householder factorization, then the explicit Q */
	void		(*sgeqrf) (const mt_lapack_int *m, const mt_lapack_int *n, float *a,
						   const mt_lapack_int *lda, float *tau, float *work,
						   const mt_lapack_int *lwork, mt_lapack_int *info);
	void		(*dgeqrf) (const mt_lapack_int *m, const mt_lapack_int *n, double *a,
						   const mt_lapack_int *lda, double *tau, double *work,
						   const mt_lapack_int *lwork, mt_lapack_int *info);
	void		(*sorgqr) (const mt_lapack_int *m, const mt_lapack_int *n,
						   const mt_lapack_int *k, float *a, const mt_lapack_int *lda,
						   const float *tau, float *work, const mt_lapack_int *lwork,
						   mt_lapack_int *info);
	void		(*dorgqr) (const mt_lapack_int *m, const mt_lapack_int *n,
						   const mt_lapack_int *k, double *a, const mt_lapack_int *lda,
						   const double *tau, double *work, const mt_lapack_int *lwork,
						   mt_lapack_int *info);
	/* Cholesky */
	void		(*spotrf) (const char *uplo, const mt_lapack_int *n, float *a,
						   const mt_lapack_int *lda, mt_lapack_int *info, size_t uplo_len);
	void		(*dpotrf) (const char *uplo, const mt_lapack_int *n, double *a,
						   const mt_lapack_int *lda, mt_lapack_int *info, size_t uplo_len);
	/* symmetric eigenproblem by divide and conquer */
	void		(*ssyevd) (const char *jobz, const char *uplo, const mt_lapack_int *n,
						   float *a, const mt_lapack_int *lda, float *w, float *work,
						   const mt_lapack_int *lwork, mt_lapack_int *iwork,
						   const mt_lapack_int *liwork, mt_lapack_int *info,
						   size_t jobz_len, size_t uplo_len);
	void		(*dsyevd) (const char *jobz, const char *uplo, const mt_lapack_int *n,
						   double *a, const mt_lapack_int *lda, double *w, double *work,
						   const mt_lapack_int *lwork, mt_lapack_int *iwork,
						   const mt_lapack_int *liwork, mt_lapack_int *info,
						   size_t jobz_len, size_t uplo_len);
	/*
	 * Complex LAPACK (c: complex64, z: complex128).  Elements are (re, im)
	 * pairs passed as void *; real outputs (singular values, Hermitian
	 * eigenvalues) and the rwork arrays are float / double.
	 */
	void		(*cgetrf) (const mt_lapack_int *m, const mt_lapack_int *n, void *a,
						   const mt_lapack_int *lda, mt_lapack_int *ipiv, mt_lapack_int *info);
	void		(*zgetrf) (const mt_lapack_int *m, const mt_lapack_int *n, void *a,
						   const mt_lapack_int *lda, mt_lapack_int *ipiv, mt_lapack_int *info);
	void		(*cgetri) (const mt_lapack_int *n, void *a, const mt_lapack_int *lda,
						   const mt_lapack_int *ipiv, void *work,
						   const mt_lapack_int *lwork, mt_lapack_int *info);
	void		(*zgetri) (const mt_lapack_int *n, void *a, const mt_lapack_int *lda,
						   const mt_lapack_int *ipiv, void *work,
						   const mt_lapack_int *lwork, mt_lapack_int *info);
	void		(*cgetrs) (const char *trans, const mt_lapack_int *n,
						   const mt_lapack_int *nrhs, const void *a,
						   const mt_lapack_int *lda, const mt_lapack_int *ipiv,
						   void *b, const mt_lapack_int *ldb, mt_lapack_int *info,
						   size_t trans_len);
	void		(*zgetrs) (const char *trans, const mt_lapack_int *n,
						   const mt_lapack_int *nrhs, const void *a,
						   const mt_lapack_int *lda, const mt_lapack_int *ipiv,
						   void *b, const mt_lapack_int *ldb, mt_lapack_int *info,
						   size_t trans_len);
	void		(*cgelsd) (const mt_lapack_int *m, const mt_lapack_int *n,
						   const mt_lapack_int *nrhs, void *a, const mt_lapack_int *lda,
						   void *b, const mt_lapack_int *ldb, float *s,
						   const float *rcond, mt_lapack_int *rank, void *work,
						   const mt_lapack_int *lwork, float *rwork,
						   mt_lapack_int *iwork, mt_lapack_int *info);
	void		(*zgelsd) (const mt_lapack_int *m, const mt_lapack_int *n,
						   const mt_lapack_int *nrhs, void *a, const mt_lapack_int *lda,
						   void *b, const mt_lapack_int *ldb, double *s,
						   const double *rcond, mt_lapack_int *rank, void *work,
						   const mt_lapack_int *lwork, double *rwork,
						   mt_lapack_int *iwork, mt_lapack_int *info);
	void		(*cgesdd) (const char *jobz, const mt_lapack_int *m, const mt_lapack_int *n,
						   void *a, const mt_lapack_int *lda, float *s, void *u,
						   const mt_lapack_int *ldu, void *vt, const mt_lapack_int *ldvt,
						   void *work, const mt_lapack_int *lwork, float *rwork,
						   mt_lapack_int *iwork, mt_lapack_int *info, size_t jobz_len);
	void		(*zgesdd) (const char *jobz, const mt_lapack_int *m, const mt_lapack_int *n,
						   void *a, const mt_lapack_int *lda, double *s, void *u,
						   const mt_lapack_int *ldu, void *vt, const mt_lapack_int *ldvt,
						   void *work, const mt_lapack_int *lwork, double *rwork,
						   mt_lapack_int *iwork, mt_lapack_int *info, size_t jobz_len);
	void		(*cgeqrf) (const mt_lapack_int *m, const mt_lapack_int *n, void *a,
						   const mt_lapack_int *lda, void *tau, void *work,
						   const mt_lapack_int *lwork, mt_lapack_int *info);
	void		(*zgeqrf) (const mt_lapack_int *m, const mt_lapack_int *n, void *a,
						   const mt_lapack_int *lda, void *tau, void *work,
						   const mt_lapack_int *lwork, mt_lapack_int *info);
	void		(*cungqr) (const mt_lapack_int *m, const mt_lapack_int *n,
						   const mt_lapack_int *k, void *a, const mt_lapack_int *lda,
						   const void *tau, void *work, const mt_lapack_int *lwork,
						   mt_lapack_int *info);
	void		(*zungqr) (const mt_lapack_int *m, const mt_lapack_int *n,
						   const mt_lapack_int *k, void *a, const mt_lapack_int *lda,
						   const void *tau, void *work, const mt_lapack_int *lwork,
						   mt_lapack_int *info);
	void		(*cpotrf) (const char *uplo, const mt_lapack_int *n, void *a,
						   const mt_lapack_int *lda, mt_lapack_int *info, size_t uplo_len);
	void		(*zpotrf) (const char *uplo, const mt_lapack_int *n, void *a,
						   const mt_lapack_int *lda, mt_lapack_int *info, size_t uplo_len);
	void		(*cheevd) (const char *jobz, const char *uplo, const mt_lapack_int *n,
						   void *a, const mt_lapack_int *lda, float *w, void *work,
						   const mt_lapack_int *lwork, float *rwork,
						   const mt_lapack_int *lrwork, mt_lapack_int *iwork,
						   const mt_lapack_int *liwork, mt_lapack_int *info,
						   size_t jobz_len, size_t uplo_len);
	void		(*zheevd) (const char *jobz, const char *uplo, const mt_lapack_int *n,
						   void *a, const mt_lapack_int *lda, double *w, void *work,
						   const mt_lapack_int *lwork, double *rwork,
						   const mt_lapack_int *lrwork, mt_lapack_int *iwork,
						   const mt_lapack_int *liwork, mt_lapack_int *info,
						   size_t jobz_len, size_t uplo_len);
	/* general (non-symmetric) eigenproblem */
	void		(*sgeev) (const char *jobvl, const char *jobvr, const mt_lapack_int *n,
						  float *a, const mt_lapack_int *lda, float *wr, float *wi,
						  float *vl, const mt_lapack_int *ldvl, float *vr,
						  const mt_lapack_int *ldvr, float *work,
						  const mt_lapack_int *lwork, mt_lapack_int *info,
						  size_t jobvl_len, size_t jobvr_len);
	void		(*dgeev) (const char *jobvl, const char *jobvr, const mt_lapack_int *n,
						  double *a, const mt_lapack_int *lda, double *wr, double *wi,
						  double *vl, const mt_lapack_int *ldvl, double *vr,
						  const mt_lapack_int *ldvr, double *work,
						  const mt_lapack_int *lwork, mt_lapack_int *info,
						  size_t jobvl_len, size_t jobvr_len);
	void		(*cgeev) (const char *jobvl, const char *jobvr, const mt_lapack_int *n,
						  void *a, const mt_lapack_int *lda, void *w,
						  void *vl, const mt_lapack_int *ldvl, void *vr,
						  const mt_lapack_int *ldvr, void *work,
						  const mt_lapack_int *lwork, float *rwork,
						  mt_lapack_int *info, size_t jobvl_len, size_t jobvr_len);
	void		(*zgeev) (const char *jobvl, const char *jobvr, const mt_lapack_int *n,
						  void *a, const mt_lapack_int *lda, void *w,
						  void *vl, const mt_lapack_int *ldvl, void *vr,
						  const mt_lapack_int *ldvr, void *work,
						  const mt_lapack_int *lwork, double *rwork,
						  mt_lapack_int *info, size_t jobvl_len, size_t jobvr_len);
} MtBlas;

/*
 * Loads the library once per process and returns it, or NULL with a
 * sentence in errbuf.  Not thread-safe: call it from the backend's thread.
 */
extern const MtBlas *mt_blas_load(char *errbuf, size_t errlen);

/* The library if already loaded, else NULL; never loads it. */
extern const MtBlas *mt_blas_loaded(void);

/* Sets OpenBLAS's thread count when it differs from the last one set. */
extern void mt_blas_set_threads(const MtBlas *blas, int threads);

#endif							/* MARSQL_BLAS_H */
