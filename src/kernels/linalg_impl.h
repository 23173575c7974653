/*
 * linalg_impl.h
 *	  The LAPACK drivers of linalg.c, written once for the four LAPACK
 *	  types.  Not a header to include elsewhere: linalg.c includes it four
 *	  times with SCALAR (the element type), REAL (its real part type),
 *	  CPLX (1 for complex), REAL_EPS, LA(name) (the s/d/c/z routine) and
 *	  FN(name) (the instance name) defined.  Where the complex routines
 *	  differ (rwork arrays, ungqr/heevd, conjugates) an #if CPLX says so.
 */

/* reals per element, and the real part of a workspace-query answer */
#if CPLX
#define NPART 2
#define QRE(x) ((double) creal(x))
#else
#define NPART 1
#define QRE(x) ((double) (x))
#endif

/* column-major copy (leading dimension ld >= rows) of a row-major matrix */
static void
FN(to_colmajor) (int rows, int cols, const SCALAR *src, SCALAR *dst, int ld)
{
	for (int64_t i = 0; i < rows; i++)
		for (int64_t j = 0; j < cols; j++)
			dst[j * ld + i] = src[i * cols + j];
}

/* row-major copy of a column-major matrix with leading dimension ld */
static void
FN(to_rowmajor) (int rows, int cols, const SCALAR *src, int ld, SCALAR *dst)
{
	for (int64_t i = 0; i < rows; i++)
		for (int64_t j = 0; j < cols; j++)
			dst[i * cols + j] = src[j * ld + i];
}

static MtStatus
FN(check_finite) (const SCALAR *elements, int64_t count, MtError *err)
{
	const REAL *a = (const REAL *) elements;

	for (int64_t i = 0; i < count * NPART; i++)
		if (a[i] - a[i] != 0)
		{
			mt_error_set(err, MT_ERR_NONFINITE, 0,
						 "Element %lld is %s.", (long long) (i / NPART),
						 a[i] != a[i] ? "NaN" : "infinite");
			return err->status;
		}
	return MT_OK;
}

static void *
FN(alloc) (size_t count, size_t size, MtError *err)
{
	void	   *p = calloc(count > 0 ? count : 1, size);

	if (p == NULL)
		mt_error_set(err, MT_ERR_MEMORY, 0,
					 "Failed on request of %zu bytes of LAPACK workspace.",
					 count * size);
	return p;
}

static MtStatus
FN(bad_argument) (const char *routine, mt_lapack_int info, MtError *err)
{
	mt_error_set(err, MT_ERR_LIBRARY, 0,
				 "LAPACK routine %s rejected its argument %d.", routine,
				 (int) -info);
	return err->status;
}

/* the workspace size a query call returned */
static mt_lapack_int
FN(lwork_of) (SCALAR query)
{
	double		w = QRE(query);

	/* float queries round sizes; ask a little more as numpy does */
	return (mt_lapack_int) (w * (1 + 4 * REAL_EPS)) + 1;
}

static MtStatus
FN(inv) (const MtBlas *blas, int n, const SCALAR *a, SCALAR *out, MtError *err)
{
	mt_lapack_int nn = n,
				lda = n > 0 ? n : 1,
				info = 0,
				lwork = -1;
	SCALAR	   *w,
			   *work,
				query;
	mt_lapack_int *ipiv;
	MtStatus	status = MT_OK;

	err->status = MT_OK;
	if (n == 0)
		return MT_OK;
	if (FN(check_finite) (a, (int64_t) n * n, err) != MT_OK)
		return err->status;
	w = FN(alloc) ((size_t) n * n, sizeof(SCALAR), err);
	ipiv = FN(alloc) (n, sizeof(mt_lapack_int), err);
	if (w == NULL || ipiv == NULL)
	{
		free(w);
		free(ipiv);
		return MT_ERR_MEMORY;
	}
	/* the row-major buffer is a^T to LAPACK, and inv(a^T) = inv(a)^T */
	memcpy(w, a, sizeof(SCALAR) * (size_t) n * n);
	blas->LA(getrf) (&nn, &nn, w, &lda, ipiv, &info);
	if (info > 0)
	{
		mt_error_set(err, MT_ERR_SINGULAR, 0,
					 "The LU factorization has an exact zero pivot in row %d.",
					 (int) info - 1);
		status = err->status;
	}
	else if (info < 0)
		status = FN(bad_argument) ("getrf", info, err);
	if (status == MT_OK)
	{
		blas->LA(getri) (&nn, w, &lda, ipiv, &query, &lwork, &info);
		lwork = FN(lwork_of) (query);
		work = FN(alloc) (lwork, sizeof(SCALAR), err);
		if (work == NULL)
			status = MT_ERR_MEMORY;
		else
		{
			blas->LA(getri) (&nn, w, &lda, ipiv, work, &lwork, &info);
			free(work);
			if (info > 0)
			{
				mt_error_set(err, MT_ERR_SINGULAR, 0,
							 "The LU factorization has an exact zero pivot in row %d.",
							 (int) info - 1);
				status = err->status;
			}
			else if (info < 0)
				status = FN(bad_argument) ("getri", info, err);
			else
				memcpy(out, w, sizeof(SCALAR) * (size_t) n * n);
		}
	}
	free(w);
	free(ipiv);
	return status;
}

/*
 * sign[0] (and for complex sign[1], the imaginary part) and log|det|.
 * The complex sign is the product of d/|d| over the LU diagonal, times
 * the permutation's sign, as numpy computes it.
 */
static MtStatus
FN(slogdet) (const MtBlas *blas, int n, const SCALAR *a, double *sign,
			 double *logabsdet, MtError *err)
{
	mt_lapack_int nn = n,
				lda = n > 0 ? n : 1,
				info = 0;
	SCALAR	   *w;
	mt_lapack_int *ipiv;
	double		l = 0.0;

	err->status = MT_OK;
	sign[0] = 1.0;
	if (CPLX)
		sign[1] = 0.0;
	*logabsdet = 0.0;
	if (n == 0)
		return MT_OK;
	if (FN(check_finite) (a, (int64_t) n * n, err) != MT_OK)
		return err->status;
	w = FN(alloc) ((size_t) n * n, sizeof(SCALAR), err);
	ipiv = FN(alloc) (n, sizeof(mt_lapack_int), err);
	if (w == NULL || ipiv == NULL)
	{
		free(w);
		free(ipiv);
		return MT_ERR_MEMORY;
	}
	memcpy(w, a, sizeof(SCALAR) * (size_t) n * n);	/* det(a^T) = det(a) */
	blas->LA(getrf) (&nn, &nn, w, &lda, ipiv, &info);
	if (info < 0)
	{
		free(w);
		free(ipiv);
		return FN(bad_argument) ("getrf", info, err);
	}
	if (info > 0)
	{
		/* singular: numpy's (0, -inf) */
		sign[0] = 0.0;
		*logabsdet = -INFINITY;
	}
	else
	{
#if CPLX
		double complex s = 1.0;

		for (int64_t i = 0; i < n; i++)
		{
			double complex d = (double complex) w[i * n + i];
			double		ad = cabs(d);

			if (ipiv[i] != i + 1)
				s = -s;
			s *= d / ad;
			l += log(ad);
		}
		sign[0] = creal(s);
		sign[1] = cimag(s);
#else
		double		s = 1.0;

		for (int64_t i = 0; i < n; i++)
		{
			double		d = (double) w[i * n + i];

			if (ipiv[i] != i + 1)
				s = -s;
			if (d < 0)
				s = -s;
			l += log(fabs(d));
		}
		sign[0] = s;
#endif
		*logabsdet = l;
	}
	free(w);
	free(ipiv);
	return MT_OK;
}

static MtStatus
FN(solve) (const MtBlas *blas, int n, int nrhs, const SCALAR *a,
		   const SCALAR *b, SCALAR *x, MtError *err)
{
	mt_lapack_int nn = n,
				nr = nrhs,
				lda = n > 0 ? n : 1,
				info = 0;
	SCALAR	   *w,
			   *bw;
	mt_lapack_int *ipiv;
	MtStatus	status = MT_OK;

	err->status = MT_OK;
	if (n == 0 || nrhs == 0)
		return MT_OK;
	if (FN(check_finite) (a, (int64_t) n * n, err) != MT_OK ||
		FN(check_finite) (b, (int64_t) n * nrhs, err) != MT_OK)
		return err->status;
	w = FN(alloc) ((size_t) n * n, sizeof(SCALAR), err);
	bw = FN(alloc) ((size_t) n * nrhs, sizeof(SCALAR), err);
	ipiv = FN(alloc) (n, sizeof(mt_lapack_int), err);
	if (w == NULL || bw == NULL || ipiv == NULL)
		status = MT_ERR_MEMORY;
	else
	{
		FN(to_colmajor) (n, n, a, w, n);
		FN(to_colmajor) (n, nrhs, b, bw, n);
		blas->LA(getrf) (&nn, &nn, w, &lda, ipiv, &info);
		if (info > 0)
		{
			mt_error_set(err, MT_ERR_SINGULAR, 0,
						 "The LU factorization has an exact zero pivot in row %d.",
						 (int) info - 1);
			status = err->status;
		}
		else if (info < 0)
			status = FN(bad_argument) ("getrf", info, err);
		else
		{
			blas->LA(getrs) ("N", &nn, &nr, w, &lda, ipiv, bw, &lda, &info, 1);
			if (info < 0)
				status = FN(bad_argument) ("getrs", info, err);
			else
				FN(to_rowmajor) (n, nrhs, bw, n, x);
		}
	}
	free(w);
	free(bw);
	free(ipiv);
	return status;
}

/* s and residuals are REAL (real for complex input too, as numpy) */
static MtStatus
FN(lstsq) (const MtBlas *blas, int m, int n, int nrhs, const SCALAR *a,
		   const SCALAR *b, double rcond, SCALAR *x, REAL *s, int *rank,
		   REAL *residuals, bool *has_residuals, MtError *err)
{
	mt_lapack_int mm = m,
				nn = n,
				nr = nrhs,
				lda = m > 0 ? m : 1,
				ldb = (m > n ? m : n) > 0 ? (m > n ? m : n) : 1,
				info = 0,
				lwork = -1,
				r = 0,
				iquery = 0;
	REAL		rc = (REAL) rcond;
	SCALAR		query = 0;
	SCALAR	   *w,
			   *bw,
			   *work = NULL;
	mt_lapack_int *iwork = NULL;
	MtStatus	status = MT_OK;
#if CPLX
	REAL		rquery = 0;
	REAL	   *rwork = NULL;
#endif

	err->status = MT_OK;
	*rank = 0;
	*has_residuals = false;
	if (m == 0 || n == 0 || nrhs == 0)
	{
		/* nothing to fit: x is zero (already), no singular values */
		return MT_OK;
	}
	if (FN(check_finite) (a, (int64_t) m * n, err) != MT_OK ||
		FN(check_finite) (b, (int64_t) m * nrhs, err) != MT_OK)
		return err->status;
	w = FN(alloc) ((size_t) m * n, sizeof(SCALAR), err);
	bw = FN(alloc) ((size_t) ldb * nrhs, sizeof(SCALAR), err);
	if (w == NULL || bw == NULL)
	{
		free(w);
		free(bw);
		return MT_ERR_MEMORY;
	}
	FN(to_colmajor) (m, n, a, w, m);
	FN(to_colmajor) (m, nrhs, b, bw, ldb);
#if CPLX
	blas->LA(gelsd) (&mm, &nn, &nr, w, &lda, bw, &ldb, s, &rc, &r, &query,
					 &lwork, &rquery, &iquery, &info);
	rwork = FN(alloc) ((size_t) rquery + 1, sizeof(REAL), err);
#else
	blas->LA(gelsd) (&mm, &nn, &nr, w, &lda, bw, &ldb, s, &rc, &r, &query,
					 &lwork, &iquery, &info);
#endif
	lwork = FN(lwork_of) (query);
	work = FN(alloc) (lwork, sizeof(SCALAR), err);
	iwork = FN(alloc) (iquery > 1 ? iquery : 1, sizeof(mt_lapack_int), err);
#if CPLX
	if (rwork == NULL)
		status = MT_ERR_MEMORY;
#endif
	if (work == NULL || iwork == NULL || status != MT_OK)
		status = MT_ERR_MEMORY;
	else
	{
#if CPLX
		blas->LA(gelsd) (&mm, &nn, &nr, w, &lda, bw, &ldb, s, &rc, &r, work,
						 &lwork, rwork, iwork, &info);
#else
		blas->LA(gelsd) (&mm, &nn, &nr, w, &lda, bw, &ldb, s, &rc, &r, work,
						 &lwork, iwork, &info);
#endif
		if (info > 0)
		{
			mt_error_set(err, MT_ERR_NO_CONVERGENCE, 0,
						 "The SVD in gelsd failed to converge (%d off-diagonal elements).",
						 (int) info);
			status = err->status;
		}
		else if (info < 0)
			status = FN(bad_argument) ("gelsd", info, err);
		else
		{
			*rank = (int) r;
			FN(to_rowmajor) (n, nrhs, bw, ldb, x);
			if (r == n && m > n)
			{
				*has_residuals = true;
				for (int64_t j = 0; j < nrhs; j++)
				{
					double		sum = 0;

					for (int64_t i = n; i < m; i++)
					{
#if CPLX
						double		re = creal(bw[j * ldb + i]),
									im = cimag(bw[j * ldb + i]);

						sum += re * re + im * im;
#else
						sum += (double) bw[j * ldb + i] * bw[j * ldb + i];
#endif
					}
					residuals[j] = (REAL) sum;
				}
			}
		}
	}
	free(w);
	free(bw);
	free(work);
	free(iwork);
#if CPLX
	free(rwork);
#endif
	return status;
}

/* s is REAL; u and vt are SCALAR */
static MtStatus
FN(svd) (const MtBlas *blas, int m, int n, const SCALAR *a, bool want_uv,
		 bool full, SCALAR *u, REAL *s, SCALAR *vt, MtError *err)
{
	int			k = m < n ? m : n;
	int			ucols = full ? m : k;
	int			vtrows = full ? n : k;

	/*
	 * LAPACK sees the row-major buffer as a^T (n x m).  With a^T = U' S VT',
	 * a = VT'^T S U'^T, and a column-major matrix read row-major is its
	 * transpose: LAPACK's U' buffer is our vt and its VT' buffer our u, so
	 * both are written in place with no transposes.  (Plain transposes,
	 * so this holds for complex matrices too.)
	 */
	mt_lapack_int mm = n,
				nn = m,
				lda = n > 0 ? n : 1,
				ldu = n > 0 ? n : 1,
				ldvt = (full ? m : k) > 0 ? (full ? m : k) : 1,
				info = 0,
				lwork = -1;
	const char *jobz = !want_uv ? "N" : (full ? "A" : "S");
	SCALAR	   *w,
			   *work = NULL,
				query = 0,
				dummy = 0;
	mt_lapack_int *iwork;
	MtStatus	status = MT_OK;
#if CPLX
	REAL	   *rwork;
	size_t		mx = m > n ? m : n;
	size_t		lrwork = !want_uv ? (size_t) 7 * k
		: (size_t) k * ((size_t) 5 * k + 7 > 2 * mx + 2 * (size_t) k + 1
						? (size_t) 5 * k + 7 : 2 * mx + 2 * (size_t) k + 1);
#endif

	err->status = MT_OK;
	if (k == 0)
	{
		/* no singular values; full u and vt are identities */
		if (want_uv)
		{
			for (int64_t i = 0; i < ucols && i < m; i++)
				u[i * ucols + i] = 1;
			for (int64_t i = 0; i < vtrows && i < n; i++)
				vt[i * n + i] = 1;
		}
		return MT_OK;
	}
	if (FN(check_finite) (a, (int64_t) m * n, err) != MT_OK)
		return err->status;
	w = FN(alloc) ((size_t) m * n, sizeof(SCALAR), err);
	iwork = FN(alloc) ((size_t) 8 * k, sizeof(mt_lapack_int), err);
#if CPLX
	rwork = FN(alloc) (lrwork, sizeof(REAL), err);
	if (rwork == NULL)
		status = MT_ERR_MEMORY;
#endif
	if (w == NULL || iwork == NULL || status != MT_OK)
		status = MT_ERR_MEMORY;
	else
	{
		memcpy(w, a, sizeof(SCALAR) * (size_t) m * n);
#if CPLX
		blas->LA(gesdd) (jobz, &mm, &nn, w, &lda, s, want_uv ? vt : &dummy,
						 &ldu, want_uv ? u : &dummy, &ldvt, &query, &lwork,
						 rwork, iwork, &info, 1);
#else
		blas->LA(gesdd) (jobz, &mm, &nn, w, &lda, s, want_uv ? vt : &dummy,
						 &ldu, want_uv ? u : &dummy, &ldvt, &query, &lwork,
						 iwork, &info, 1);
#endif
		lwork = FN(lwork_of) (query);
		work = FN(alloc) (lwork, sizeof(SCALAR), err);
		if (work == NULL)
			status = MT_ERR_MEMORY;
		else
		{
#if CPLX
			blas->LA(gesdd) (jobz, &mm, &nn, w, &lda, s,
							 want_uv ? vt : &dummy, &ldu,
							 want_uv ? u : &dummy, &ldvt, work, &lwork,
							 rwork, iwork, &info, 1);
#else
			blas->LA(gesdd) (jobz, &mm, &nn, w, &lda, s,
							 want_uv ? vt : &dummy, &ldu,
							 want_uv ? u : &dummy, &ldvt, work, &lwork,
							 iwork, &info, 1);
#endif
			if (info > 0)
			{
				mt_error_set(err, MT_ERR_NO_CONVERGENCE, 0,
							 "The SVD (gesdd) did not converge.");
				status = err->status;
			}
			else if (info < 0)
				status = FN(bad_argument) ("gesdd", info, err);
		}
	}
	free(w);
	free(work);
	free(iwork);
#if CPLX
	free(rwork);
#endif
	return status;
}

static MtStatus
FN(qr) (const MtBlas *blas, int m, int n, const SCALAR *a, bool complete,
		SCALAR *q, SCALAR *r, MtError *err)
{
	int			k = m < n ? m : n;
	int			qcols = complete ? m : k;
	int			rrows = complete ? m : k;
	mt_lapack_int mm = m,
				nn = n,
				kk = k,
				qc = qcols,
				lda = m > 0 ? m : 1,
				info = 0,
				lwork = -1;
	SCALAR	   *w,
			   *qw,
			   *tau,
			   *work = NULL,
				query = 0,
				query2 = 0;
	MtStatus	status = MT_OK;

	err->status = MT_OK;
	if (k == 0)
	{
		for (int64_t i = 0; i < qcols && i < m; i++)
			q[i * qcols + i] = 1;
		return MT_OK;
	}
	if (FN(check_finite) (a, (int64_t) m * n, err) != MT_OK)
		return err->status;
	w = FN(alloc) ((size_t) m * n, sizeof(SCALAR), err);
	qw = FN(alloc) ((size_t) m * qcols, sizeof(SCALAR), err);
	tau = FN(alloc) (k, sizeof(SCALAR), err);
	if (w == NULL || qw == NULL || tau == NULL)
		status = MT_ERR_MEMORY;
	else
	{
		FN(to_colmajor) (m, n, a, w, m);
		blas->LA(geqrf) (&mm, &nn, w, &lda, tau, &query, &lwork, &info);
#if CPLX
		blas->LA(ungqr) (&mm, &qc, &kk, qw, &lda, tau, &query2, &lwork, &info);
#else
		blas->LA(orgqr) (&mm, &qc, &kk, qw, &lda, tau, &query2, &lwork, &info);
#endif
		lwork = FN(lwork_of) (QRE(query) > QRE(query2) ? query : query2);
		work = FN(alloc) (lwork, sizeof(SCALAR), err);
		if (work == NULL)
			status = MT_ERR_MEMORY;
		else
		{
			blas->LA(geqrf) (&mm, &nn, w, &lda, tau, work, &lwork, &info);
			if (info < 0)
				status = FN(bad_argument) ("geqrf", info, err);
		}
		if (status == MT_OK)
		{
			/* r: the upper triangle of the factored matrix */
			for (int64_t i = 0; i < rrows; i++)
				for (int64_t j = 0; j < n; j++)
					r[i * n + j] = (i <= j && i < k) ? w[j * m + i] : 0;
			/* q: the reflectors, expanded in place */
			memcpy(qw, w, sizeof(SCALAR) * (size_t) m * k);
#if CPLX
			blas->LA(ungqr) (&mm, &qc, &kk, qw, &lda, tau, work, &lwork, &info);
#else
			blas->LA(orgqr) (&mm, &qc, &kk, qw, &lda, tau, work, &lwork, &info);
#endif
			if (info < 0)
				status = FN(bad_argument) ("orgqr", info, err);
			else
				FN(to_rowmajor) (m, qcols, qw, m, q);
		}
	}
	free(w);
	free(qw);
	free(tau);
	free(work);
	return status;
}

static MtStatus
FN(cholesky) (const MtBlas *blas, int n, const SCALAR *a, SCALAR *l,
			  MtError *err)
{
	mt_lapack_int nn = n,
				lda = n > 0 ? n : 1,
				info = 0;
	SCALAR	   *w;
	MtStatus	status = MT_OK;

	err->status = MT_OK;
	if (n == 0)
		return MT_OK;
	if (FN(check_finite) (a, (int64_t) n * n, err) != MT_OK)
		return err->status;
	w = FN(alloc) ((size_t) n * n, sizeof(SCALAR), err);
	if (w == NULL)
		return MT_ERR_MEMORY;

	/*
	 * Seen column-major, the row-major buffer's upper triangle is a's lower
	 * one: potrf("U") reads exactly what numpy reads and returns U = L^T,
	 * which read back row-major is L.  For a complex Hermitian a the buffer
	 * is conj(a) = U^H U, and U^T conj(U) = a: L = U^T again, no conjugate.
	 */
	memcpy(w, a, sizeof(SCALAR) * (size_t) n * n);
	blas->LA(potrf) ("U", &nn, w, &lda, &info, 1);
	if (info > 0)
	{
		mt_error_set(err, MT_ERR_NOT_POSDEF, 0,
					 "The leading minor of order %d is not positive definite.",
					 (int) info);
		status = err->status;
	}
	else if (info < 0)
		status = FN(bad_argument) ("potrf", info, err);
	else
		for (int64_t i = 0; i < n; i++)
			for (int64_t j = 0; j < n; j++)
				l[i * n + j] = j <= i ? w[i * n + j] : 0;
	free(w);
	return status;
}

/* wout is REAL (Hermitian eigenvalues are real); v is SCALAR */
static MtStatus
FN(eigh) (const MtBlas *blas, int n, const SCALAR *a, bool upper, REAL *wout,
		  SCALAR *v, MtError *err)
{
	mt_lapack_int nn = n,
				lda = n > 0 ? n : 1,
				info = 0,
				lwork = -1,
				liwork = -1,
				iquery = 0;
	const char *jobz = v != NULL ? "V" : "N";

	/*
	 * Real: the row-major buffer is a^T = a to LAPACK, triangles swapped.
	 * Complex: a^T = conj(a) would give conjugated vectors of another
	 * phase than numpy's, so a is transposed into place as numpy does.
	 */
	const char *uplo = (upper != (bool) CPLX) ? "L" : "U";
	SCALAR	   *w,
			   *work = NULL,
				query = 0;
	mt_lapack_int *iwork = NULL;
	MtStatus	status = MT_OK;
#if CPLX
	mt_lapack_int lrwork = -1;
	REAL		rquery = 0;
	REAL	   *rwork = NULL;
#endif

	err->status = MT_OK;
	if (n == 0)
		return MT_OK;
	if (FN(check_finite) (a, (int64_t) n * n, err) != MT_OK)
		return err->status;
	w = FN(alloc) ((size_t) n * n, sizeof(SCALAR), err);
	if (w == NULL)
		return MT_ERR_MEMORY;
#if CPLX
	FN(to_colmajor) (n, n, a, w, n);
	blas->LA(heevd) (jobz, uplo, &nn, w, &lda, wout, &query, &lwork, &rquery,
					 &lrwork, &iquery, &liwork, &info, 1, 1);
	lrwork = (mt_lapack_int) rquery + 1;
	rwork = FN(alloc) (lrwork, sizeof(REAL), err);
	if (rwork == NULL)
		status = MT_ERR_MEMORY;
#else
	memcpy(w, a, sizeof(SCALAR) * (size_t) n * n);
	blas->LA(syevd) (jobz, uplo, &nn, w, &lda, wout, &query, &lwork, &iquery,
					 &liwork, &info, 1, 1);
#endif
	lwork = FN(lwork_of) (query);
	liwork = iquery > 1 ? iquery : 1;
	work = FN(alloc) (lwork, sizeof(SCALAR), err);
	iwork = FN(alloc) (liwork, sizeof(mt_lapack_int), err);
	if (work == NULL || iwork == NULL || status != MT_OK)
		status = MT_ERR_MEMORY;
	else
	{
#if CPLX
		blas->LA(heevd) (jobz, uplo, &nn, w, &lda, wout, work, &lwork, rwork,
						 &lrwork, iwork, &liwork, &info, 1, 1);
#else
		blas->LA(syevd) (jobz, uplo, &nn, w, &lda, wout, work, &lwork, iwork,
						 &liwork, &info, 1, 1);
#endif
		if (info > 0)
		{
			mt_error_set(err, MT_ERR_NO_CONVERGENCE, 0,
						 "The eigenvalue algorithm (%s) did not converge.",
						 CPLX ? "heevd" : "syevd");
			status = err->status;
		}
		else if (info < 0)
			status = FN(bad_argument) (CPLX ? "heevd" : "syevd", info, err);
		else if (v != NULL)
			FN(to_rowmajor) (n, n, w, n, v);
	}
	free(w);
	free(work);
	free(iwork);
#if CPLX
	free(rwork);
#endif
	return status;
}

/*
 * Eigenvalues and (when v is not NULL) right eigenvectors of a general
 * square matrix (geev), always as complex pairs: w gets n and v n x n
 * complex elements of REAL's precision.  LAPACK normalizes each vector to
 * unit norm with its largest component real, as numpy returns them.
 */
static MtStatus
FN(eig) (const MtBlas *blas, int n, const SCALAR *a, REAL *wout, REAL *vout,
		 MtError *err)
{
	mt_lapack_int nn = n,
				lda = n > 0 ? n : 1,
				ldv = n > 0 ? n : 1,
				info = 0,
				lwork = -1;
	const char *jobvr = vout != NULL ? "V" : "N";
	SCALAR	   *w,
			   *vr = NULL,
			   *work = NULL,
				query = 0,
				dummy = 0;
	MtStatus	status = MT_OK;
#if CPLX
	SCALAR	   *ev;
	REAL	   *rwork;
#else
	REAL	   *wr,
			   *wi;
#endif

	err->status = MT_OK;
	if (n == 0)
		return MT_OK;
	if (FN(check_finite) (a, (int64_t) n * n, err) != MT_OK)
		return err->status;
	w = FN(alloc) ((size_t) n * n, sizeof(SCALAR), err);
	if (vout != NULL)
		vr = FN(alloc) ((size_t) n * n, sizeof(SCALAR), err);
#if CPLX
	ev = FN(alloc) (n, sizeof(SCALAR), err);
	rwork = FN(alloc) ((size_t) 2 * n, sizeof(REAL), err);
	if (w == NULL || (vout != NULL && vr == NULL) || ev == NULL || rwork == NULL)
		status = MT_ERR_MEMORY;
#else
	wr = FN(alloc) (n, sizeof(REAL), err);
	wi = FN(alloc) (n, sizeof(REAL), err);
	if (w == NULL || (vout != NULL && vr == NULL) || wr == NULL || wi == NULL)
		status = MT_ERR_MEMORY;
#endif
	if (status == MT_OK)
	{
		/* geev needs a itself, not a^T: right eigenvectors differ */
		FN(to_colmajor) (n, n, a, w, n);
#if CPLX
		blas->LA(geev) ("N", jobvr, &nn, w, &lda, ev, &dummy, &ldv,
						vr ? vr : &dummy, &ldv, &query, &lwork, rwork, &info,
						1, 1);
#else
		blas->LA(geev) ("N", jobvr, &nn, w, &lda, wr, wi, &dummy, &ldv,
						vr ? vr : &dummy, &ldv, &query, &lwork, &info, 1, 1);
#endif
		lwork = FN(lwork_of) (query);
		work = FN(alloc) (lwork, sizeof(SCALAR), err);
		if (work == NULL)
			status = MT_ERR_MEMORY;
	}
	if (status == MT_OK)
	{
#if CPLX
		blas->LA(geev) ("N", jobvr, &nn, w, &lda, ev, &dummy, &ldv,
						vr ? vr : &dummy, &ldv, work, &lwork, rwork, &info,
						1, 1);
#else
		blas->LA(geev) ("N", jobvr, &nn, w, &lda, wr, wi, &dummy, &ldv,
						vr ? vr : &dummy, &ldv, work, &lwork, &info, 1, 1);
#endif
		if (info > 0)
		{
			mt_error_set(err, MT_ERR_NO_CONVERGENCE, 0,
						 "The eigenvalue algorithm (geev) did not converge.");
			status = err->status;
		}
		else if (info < 0)
			status = FN(bad_argument) ("geev", info, err);
	}
	if (status == MT_OK)
	{
#if CPLX
		for (int64_t j = 0; j < n; j++)
		{
			wout[2 * j] = creal(ev[j]);
			wout[2 * j + 1] = cimag(ev[j]);
		}
		if (vout != NULL)
			for (int64_t i = 0; i < n; i++)
				for (int64_t j = 0; j < n; j++)
				{
					vout[2 * (i * n + j)] = creal(vr[j * n + i]);
					vout[2 * (i * n + j) + 1] = cimag(vr[j * n + i]);
				}
#else
		for (int64_t j = 0; j < n; j++)
		{
			wout[2 * j] = wr[j];
			wout[2 * j + 1] = wi[j];
		}

		/*
		 * A complex pair (wi[j] > 0, then its conjugate) stores its vector
		 * as columns j (real part) and j + 1 (imaginary part).
		 */
		if (vout != NULL)
			for (int64_t j = 0; j < n; j++)
			{
				bool		pair = wi[j] != 0 && j + 1 < n;

				for (int64_t i = 0; i < n; i++)
				{
					REAL		re = vr[j * n + i],
								im = pair ? vr[(j + 1) * n + i] : 0;

					vout[2 * (i * n + j)] = re;
					vout[2 * (i * n + j) + 1] = im;
					if (pair)
					{
						vout[2 * (i * n + j + 1)] = re;
						vout[2 * (i * n + j + 1) + 1] = -im;
					}
				}
				if (pair)
					j++;
			}
#endif
	}
	free(w);
	free(vr);
	free(work);
#if CPLX
	free(ev);
	free(rwork);
#else
	free(wr);
	free(wi);
#endif
	return status;
}

static MtStatus
FN(pinv) (const MtBlas *blas, int m, int n, const SCALAR *a, double rcond,
		  SCALAR *out, MtError *err)
{
	int			k = m < n ? m : n;
	SCALAR	   *u,
			   *vt;
	REAL	   *s;
	MtStatus	status;
	double		cutoff;

	err->status = MT_OK;
	if (k == 0)
		return MT_OK;
	u = FN(alloc) ((size_t) m * k, sizeof(SCALAR), err);
	s = FN(alloc) (k, sizeof(REAL), err);
	vt = FN(alloc) ((size_t) k * n, sizeof(SCALAR), err);
	if (u == NULL || s == NULL || vt == NULL)
		status = MT_ERR_MEMORY;
	else
		status = FN(svd) (blas, m, n, a, true, false, u, s, vt, err);
	if (status == MT_OK)
	{
		cutoff = rcond * (double) s[0];
		/* rows of vt scaled by 1/s, or zeroed below the cutoff */
		for (int64_t i = 0; i < k; i++)
		{
			REAL		f = (double) s[i] > cutoff ? (REAL) 1 / s[i] : 0;

			for (int64_t j = 0; j < n; j++)
				vt[i * n + j] *= f;
		}
#if CPLX
		{
			/* out (n x m) = vt^H (n x k) u^H (k x m), on the CPU's BLAS */
			const SCALAR one = 1,
						zero = 0;

			blas->LA(gemm) (MT_CBLAS_ROW_MAJOR, MT_CBLAS_CONJ_TRANS,
							MT_CBLAS_CONJ_TRANS, n, m, k, &one, vt, n, u, k,
							&zero, out, m);
		}
#else
		/* out (n x m) = vt^T (n x k) u^T (k x m) */
		mt_kernels.gemm(sizeof(REAL) == 4 ? MT_FLOAT32 : MT_FLOAT64,
						true, true, false, n, m, k, vt, n, u, k, out, m);
#endif
	}
	free(u);
	free(s);
	free(vt);
	return status;
}

#undef NPART
#undef QRE
