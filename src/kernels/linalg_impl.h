/*
 * linalg_impl.h
 *	  The LAPACK drivers of linalg.c, written once for a real type.  Not a
 *	  header to include elsewhere: linalg.c includes it twice with REAL,
 *	  REAL_EPS, LA(name) (the s/d routine) and FN(name) (the instance name)
 *	  defined.
 */

/* column-major copy (leading dimension ld >= rows) of a row-major matrix */
static void
FN(to_colmajor) (int rows, int cols, const REAL *src, REAL *dst, int ld)
{
	for (int64_t i = 0; i < rows; i++)
		for (int64_t j = 0; j < cols; j++)
			dst[j * ld + i] = src[i * cols + j];
}

/* row-major copy of a column-major matrix with leading dimension ld */
static void
FN(to_rowmajor) (int rows, int cols, const REAL *src, int ld, REAL *dst)
{
	for (int64_t i = 0; i < rows; i++)
		for (int64_t j = 0; j < cols; j++)
			dst[i * cols + j] = src[j * ld + i];
}

static MtStatus
FN(check_finite) (const REAL *a, int64_t count, MtError *err)
{
	for (int64_t i = 0; i < count; i++)
		if (a[i] - a[i] != 0)
		{
			mt_error_set(err, MT_ERR_NONFINITE, 0,
						 "Element %lld is %s.", (long long) i,
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
FN(lwork_of) (REAL query)
{
	double		w = (double) query;

	/* float queries round sizes; ask a little more as numpy does */
	return (mt_lapack_int) (w * (1 + 4 * REAL_EPS)) + 1;
}

static MtStatus
FN(inv) (const MtBlas *blas, int n, const REAL *a, REAL *out, MtError *err)
{
	mt_lapack_int nn = n,
				lda = n > 0 ? n : 1,
				info = 0,
				lwork = -1;
	REAL	   *w,
			   *work,
				query;
	mt_lapack_int *ipiv;
	MtStatus	status = MT_OK;

	err->status = MT_OK;
	if (n == 0)
		return MT_OK;
	if (FN(check_finite) (a, (int64_t) n * n, err) != MT_OK)
		return err->status;
	w = FN(alloc) ((size_t) n * n, sizeof(REAL), err);
	ipiv = FN(alloc) (n, sizeof(mt_lapack_int), err);
	if (w == NULL || ipiv == NULL)
	{
		free(w);
		free(ipiv);
		return MT_ERR_MEMORY;
	}
	/* the row-major buffer is a^T to LAPACK, and inv(a^T) = inv(a)^T */
	memcpy(w, a, sizeof(REAL) * (size_t) n * n);
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
		work = FN(alloc) (lwork, sizeof(REAL), err);
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
				memcpy(out, w, sizeof(REAL) * (size_t) n * n);
		}
	}
	free(w);
	free(ipiv);
	return status;
}

static MtStatus
FN(slogdet) (const MtBlas *blas, int n, const REAL *a, double *sign,
			 double *logabsdet, MtError *err)
{
	mt_lapack_int nn = n,
				lda = n > 0 ? n : 1,
				info = 0;
	REAL	   *w;
	mt_lapack_int *ipiv;
	double		s = 1.0,
				l = 0.0;

	err->status = MT_OK;
	*sign = 1.0;
	*logabsdet = 0.0;
	if (n == 0)
		return MT_OK;
	if (FN(check_finite) (a, (int64_t) n * n, err) != MT_OK)
		return err->status;
	w = FN(alloc) ((size_t) n * n, sizeof(REAL), err);
	ipiv = FN(alloc) (n, sizeof(mt_lapack_int), err);
	if (w == NULL || ipiv == NULL)
	{
		free(w);
		free(ipiv);
		return MT_ERR_MEMORY;
	}
	memcpy(w, a, sizeof(REAL) * (size_t) n * n);	/* det(a^T) = det(a) */
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
		*sign = 0.0;
		*logabsdet = -INFINITY;
	}
	else
	{
		for (int64_t i = 0; i < n; i++)
		{
			double		d = (double) w[i * n + i];

			if (ipiv[i] != i + 1)
				s = -s;
			if (d < 0)
				s = -s;
			l += log(fabs(d));
		}
		*sign = s;
		*logabsdet = l;
	}
	free(w);
	free(ipiv);
	return MT_OK;
}

static MtStatus
FN(solve) (const MtBlas *blas, int n, int nrhs, const REAL *a, const REAL *b,
		   REAL *x, MtError *err)
{
	mt_lapack_int nn = n,
				nr = nrhs,
				lda = n > 0 ? n : 1,
				info = 0;
	REAL	   *w,
			   *bw;
	mt_lapack_int *ipiv;
	MtStatus	status = MT_OK;

	err->status = MT_OK;
	if (n == 0 || nrhs == 0)
		return MT_OK;
	if (FN(check_finite) (a, (int64_t) n * n, err) != MT_OK ||
		FN(check_finite) (b, (int64_t) n * nrhs, err) != MT_OK)
		return err->status;
	w = FN(alloc) ((size_t) n * n, sizeof(REAL), err);
	bw = FN(alloc) ((size_t) n * nrhs, sizeof(REAL), err);
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

static MtStatus
FN(lstsq) (const MtBlas *blas, int m, int n, int nrhs, const REAL *a,
		   const REAL *b, double rcond, REAL *x, REAL *s, int *rank,
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
	REAL		rc = (REAL) rcond,
				query = 0;
	REAL	   *w,
			   *bw,
			   *work = NULL;
	mt_lapack_int *iwork = NULL;
	MtStatus	status = MT_OK;

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
	w = FN(alloc) ((size_t) m * n, sizeof(REAL), err);
	bw = FN(alloc) ((size_t) ldb * nrhs, sizeof(REAL), err);
	if (w == NULL || bw == NULL)
	{
		free(w);
		free(bw);
		return MT_ERR_MEMORY;
	}
	FN(to_colmajor) (m, n, a, w, m);
	FN(to_colmajor) (m, nrhs, b, bw, ldb);
	blas->LA(gelsd) (&mm, &nn, &nr, w, &lda, bw, &ldb, s, &rc, &r, &query,
					 &lwork, &iquery, &info);
	lwork = FN(lwork_of) (query);
	work = FN(alloc) (lwork, sizeof(REAL), err);
	iwork = FN(alloc) (iquery > 1 ? iquery : 1, sizeof(mt_lapack_int), err);
	if (work == NULL || iwork == NULL)
		status = MT_ERR_MEMORY;
	else
	{
		blas->LA(gelsd) (&mm, &nn, &nr, w, &lda, bw, &ldb, s, &rc, &r, work,
						 &lwork, iwork, &info);
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
						sum += (double) bw[j * ldb + i] * bw[j * ldb + i];
					residuals[j] = (REAL) sum;
				}
			}
		}
	}
	free(w);
	free(bw);
	free(work);
	free(iwork);
	return status;
}

static MtStatus
FN(svd) (const MtBlas *blas, int m, int n, const REAL *a, bool want_uv,
		 bool full, REAL *u, REAL *s, REAL *vt, MtError *err)
{
	int			k = m < n ? m : n;
	int			ucols = full ? m : k;
	int			vtrows = full ? n : k;

	/*
	 * LAPACK sees the row-major buffer as a^T (n x m).  With a^T = U' S VT',
	 * a = VT'^T S U'^T, and a column-major matrix read row-major is its
	 * transpose: LAPACK's U' buffer is our vt and its VT' buffer our u, so
	 * both are written in place with no transposes.
	 */
	mt_lapack_int mm = n,
				nn = m,
				lda = n > 0 ? n : 1,
				ldu = n > 0 ? n : 1,
				ldvt = (full ? m : k) > 0 ? (full ? m : k) : 1,
				info = 0,
				lwork = -1;
	const char *jobz = !want_uv ? "N" : (full ? "A" : "S");
	REAL	   *w,
			   *work = NULL,
				query = 0,
				dummy = 0;
	mt_lapack_int *iwork;
	MtStatus	status = MT_OK;

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
	w = FN(alloc) ((size_t) m * n, sizeof(REAL), err);
	iwork = FN(alloc) ((size_t) 8 * k, sizeof(mt_lapack_int), err);
	if (w == NULL || iwork == NULL)
		status = MT_ERR_MEMORY;
	else
	{
		memcpy(w, a, sizeof(REAL) * (size_t) m * n);
		blas->LA(gesdd) (jobz, &mm, &nn, w, &lda, s, want_uv ? vt : &dummy,
						 &ldu, want_uv ? u : &dummy, &ldvt, &query, &lwork,
						 iwork, &info, 1);
		lwork = FN(lwork_of) (query);
		work = FN(alloc) (lwork, sizeof(REAL), err);
		if (work == NULL)
			status = MT_ERR_MEMORY;
		else
		{
			blas->LA(gesdd) (jobz, &mm, &nn, w, &lda, s,
							 want_uv ? vt : &dummy, &ldu,
							 want_uv ? u : &dummy, &ldvt, work, &lwork,
							 iwork, &info, 1);
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
	return status;
}

static MtStatus
FN(qr) (const MtBlas *blas, int m, int n, const REAL *a, bool complete,
		REAL *q, REAL *r, MtError *err)
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
	REAL	   *w,
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
	w = FN(alloc) ((size_t) m * n, sizeof(REAL), err);
	qw = FN(alloc) ((size_t) m * qcols, sizeof(REAL), err);
	tau = FN(alloc) (k, sizeof(REAL), err);
	if (w == NULL || qw == NULL || tau == NULL)
		status = MT_ERR_MEMORY;
	else
	{
		FN(to_colmajor) (m, n, a, w, m);
		blas->LA(geqrf) (&mm, &nn, w, &lda, tau, &query, &lwork, &info);
		blas->LA(orgqr) (&mm, &qc, &kk, qw, &lda, tau, &query2, &lwork, &info);
		lwork = FN(lwork_of) (query > query2 ? query : query2);
		work = FN(alloc) (lwork, sizeof(REAL), err);
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
			memcpy(qw, w, sizeof(REAL) * (size_t) m * k);
			blas->LA(orgqr) (&mm, &qc, &kk, qw, &lda, tau, work, &lwork, &info);
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
FN(cholesky) (const MtBlas *blas, int n, const REAL *a, REAL *l, MtError *err)
{
	mt_lapack_int nn = n,
				lda = n > 0 ? n : 1,
				info = 0;
	REAL	   *w;
	MtStatus	status = MT_OK;

	err->status = MT_OK;
	if (n == 0)
		return MT_OK;
	if (FN(check_finite) (a, (int64_t) n * n, err) != MT_OK)
		return err->status;
	w = FN(alloc) ((size_t) n * n, sizeof(REAL), err);
	if (w == NULL)
		return MT_ERR_MEMORY;
	/*
	 * Seen column-major, the row-major buffer's upper triangle is a's lower
	 * one: potrf("U") reads exactly what numpy reads and returns U = L^T,
	 * which read back row-major is L.
	 */
	memcpy(w, a, sizeof(REAL) * (size_t) n * n);
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

static MtStatus
FN(eigh) (const MtBlas *blas, int n, const REAL *a, bool upper, REAL *wout,
		  REAL *v, MtError *err)
{
	mt_lapack_int nn = n,
				lda = n > 0 ? n : 1,
				info = 0,
				lwork = -1,
				liwork = -1,
				iquery = 0;
	const char *jobz = v != NULL ? "V" : "N";
	/* the row-major buffer is a^T = a to LAPACK, triangles swapped */
	const char *uplo = upper ? "L" : "U";
	REAL	   *w,
			   *work = NULL,
				query = 0;
	mt_lapack_int *iwork = NULL;
	MtStatus	status = MT_OK;

	err->status = MT_OK;
	if (n == 0)
		return MT_OK;
	if (FN(check_finite) (a, (int64_t) n * n, err) != MT_OK)
		return err->status;
	w = FN(alloc) ((size_t) n * n, sizeof(REAL), err);
	if (w == NULL)
		return MT_ERR_MEMORY;
	memcpy(w, a, sizeof(REAL) * (size_t) n * n);
	blas->LA(syevd) (jobz, uplo, &nn, w, &lda, wout, &query, &lwork, &iquery,
					 &liwork, &info, 1, 1);
	lwork = FN(lwork_of) (query);
	liwork = iquery > 1 ? iquery : 1;
	work = FN(alloc) (lwork, sizeof(REAL), err);
	iwork = FN(alloc) (liwork, sizeof(mt_lapack_int), err);
	if (work == NULL || iwork == NULL)
		status = MT_ERR_MEMORY;
	else
	{
		blas->LA(syevd) (jobz, uplo, &nn, w, &lda, wout, work, &lwork, iwork,
						 &liwork, &info, 1, 1);
		if (info > 0)
		{
			mt_error_set(err, MT_ERR_NO_CONVERGENCE, 0,
						 "The eigenvalue algorithm (syevd) did not converge.");
			status = err->status;
		}
		else if (info < 0)
			status = FN(bad_argument) ("syevd", info, err);
		else if (v != NULL)
			FN(to_rowmajor) (n, n, w, n, v);
	}
	free(w);
	free(work);
	free(iwork);
	return status;
}

static MtStatus
FN(pinv) (const MtBlas *blas, int m, int n, const REAL *a, double rcond,
		  REAL *out, MtError *err)
{
	int			k = m < n ? m : n;
	REAL	   *u,
			   *s,
			   *vt;
	MtStatus	status;
	double		cutoff;

	err->status = MT_OK;
	if (k == 0)
		return MT_OK;
	u = FN(alloc) ((size_t) m * k, sizeof(REAL), err);
	s = FN(alloc) (k, sizeof(REAL), err);
	vt = FN(alloc) ((size_t) k * n, sizeof(REAL), err);
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
		/* out (n x m) = vt^T (n x k) u^T (k x m) */
		mt_kernels.gemm(sizeof(REAL) == 4 ? MT_FLOAT32 : MT_FLOAT64,
						true, true, false, n, m, k, vt, n, u, k, out, m);
	}
	free(u);
	free(s);
	free(vt);
	return status;
}
