/*
 * raw_blas.c
 *	  The raw-library side of test/bench/linalg.sh: what OpenBLAS / LAPACK
 *	  called directly from C take for the work marsql.matmul, marsql.inv
 *	  and marsql.svd do.  Prints `name: value unit` lines, each the MEDIAN
 *	  over <runs> timed runs, in milliseconds.
 *
 *	  Usage: raw_blas <runs> <threads> [gemm-sizes] [linalg-n] [gemm-dtypes]
 *	    gemm-sizes  comma-separated n for the matmul lines (default
 *	                512,1024,2048,4096)
 *	    linalg-n    n for the inv and svd lines (default 1024; 0 skips them)
 *	    gemm-dtypes float64, float32 or both, comma-separated (default both)
 *
 *	  Build: gcc -O2 raw_blas.c -o raw_blas -lopenblas -lm
 *	  (Debian's libopenblas.so carries LAPACK; its Fortran entry points are
 *	  declared below because Debian ships no LAPACK header for OpenBLAS.)
 *
 *	  What is timed, and why, so the ratios in linalg.sh are fair to both
 *	  sides:
 *
 *	  - Inputs are square n x n, row-major (C order, like a marsql tensor),
 *	    uniform [0,1) from a seeded generator of our own.  The values differ
 *	    from marsql.random's, the distribution does not; BLAS and LAPACK run
 *	    times do not depend on the values for such well-behaved inputs.
 *	    Inputs are built and touched before any timing.
 *
 *	  - matmul: cblas_[sd]gemm(RowMajor, NoTrans, NoTrans) C = A*B with
 *	    beta = 0.  The output buffer is malloc'ed and freed INSIDE the timed
 *	    region: the database must allocate a fresh result for every call, and
 *	    a large allocation is a fresh mmap whose pages fault in on first
 *	    write.  No input copy: gemm reads its inputs in place, and so can the
 *	    database.
 *
 *	  - inv: LAPACK wants column-major data and overwrites its input.  A
 *	    row-major A read as column-major is A^T, and inv(A^T) = inv(A)^T, so
 *	    running getrf + getri on the row-major bytes and reading the answer
 *	    back row-major gives inv(A) without any transpose.  The one copy
 *	    that remains (input into the result buffer, which LAPACK then works
 *	    on in place) is inside the timing, as are the pivot array and the
 *	    workspace query and allocation: the database path pays all of them
 *	    too.
 *
 *	  - svd: [sd]gesdd with jobz = 'A' (full U, S and VT, what marsql.svd
 *	    returns with its default full_matrices => true).  The same trick:
 *	    gesdd of the row-major bytes is the SVD of A^T = V S U^T, so its
 *	    column-major "U" read row-major is VT and its "VT" read row-major is
 *	    U; no transposes.  Timed: one copy of the input (gesdd destroys it),
 *	    allocation of U, S, VT, iwork, the workspace query and the work
 *	    array.
 *
 *	  - Threads: openblas_set_num_threads(threads) once; one untimed warm-up
 *	    call per kind and size starts OpenBLAS's thread pool and sizes its
 *	    buffers, as the database side gets one warm-up statement per session.
 *
 *	  After the timings, stderr gets residuals that check the calls (and
 *	  the transposition reasoning above) did what is claimed.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cblas.h>

#include "raw_common.h"

/* LAPACK, Fortran calling convention: everything by reference */
extern void dgetrf_(const int *m, const int *n, double *a, const int *lda,
					int *ipiv, int *info);
extern void dgetri_(const int *n, double *a, const int *lda, const int *ipiv,
					double *work, const int *lwork, int *info);
extern void dgesdd_(const char *jobz, const int *m, const int *n, double *a,
					const int *lda, double *s, double *u, const int *ldu,
					double *vt, const int *ldvt, double *work,
					const int *lwork, int *iwork, int *info);
extern void sgetrf_(const int *m, const int *n, float *a, const int *lda,
					int *ipiv, int *info);
extern void sgetri_(const int *n, float *a, const int *lda, const int *ipiv,
					float *work, const int *lwork, int *info);
extern void sgesdd_(const char *jobz, const int *m, const int *n, float *a,
					const int *lda, float *s, float *u, const int *ldu,
					float *vt, const int *ldvt, float *work,
					const int *lwork, int *iwork, int *info);

static void *
xmalloc(size_t bytes)
{
	void	   *p = malloc(bytes ? bytes : 1);

	if (!p)
	{
		fprintf(stderr, "raw_blas: out of memory (%zu bytes)\n", bytes);
		exit(1);
	}
	return p;
}

/* splitmix64: small, seeded, good enough for benchmark inputs */
static uint64_t
next_u64(uint64_t *state)
{
	uint64_t	z = (*state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* uniform [0,1) with 53 random bits */
static double
next_uniform(uint64_t *state)
{
	return (next_u64(state) >> 11) * 0x1.0p-53;
}

static double *
random_d(int n, uint64_t seed)
{
	double	   *a = xmalloc(sizeof(double) * n * n);

	for (long k = 0; k < (long) n * n; k++)
		a[k] = next_uniform(&seed);
	return a;
}

static float *
random_s(int n, uint64_t seed)
{
	float	   *a = xmalloc(sizeof(float) * n * n);

	for (long k = 0; k < (long) n * n; k++)
		a[k] = (float) next_uniform(&seed);
	return a;
}

/* ---- matmul ------------------------------------------------------------ */

static double
dgemm_once(int n, const double *a, const double *b, double *check)
{
	double		t0 = now_ms();
	double	   *c = xmalloc(sizeof(double) * n * n);
	double		ms;

	cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n,
				1.0, a, n, b, n, 0.0, c, n);
	*check = c[(long) n * n - 1];
	free(c);
	ms = now_ms() - t0;
	return ms;
}

static double
sgemm_once(int n, const float *a, const float *b, double *check)
{
	double		t0 = now_ms();
	float	   *c = xmalloc(sizeof(float) * n * n);
	double		ms;

	cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n,
				1.0f, a, n, b, n, 0.0f, c, n);
	*check = c[(long) n * n - 1];
	free(c);
	ms = now_ms() - t0;
	return ms;
}

/* one dtype's gemm series: a warm-up, then runs timed calls */
static void
bench_gemm(int n, int runs, double *t, bool f64, bool f32)
{
	double		last,
				expect = 0;

	if (f64)
	{
		double	   *ad = random_d(n, 1000 + n),
				   *bd = random_d(n, 2000 + n);

		/* the last element of A*B, the naive way, to check the calls */
		for (int k = 0; k < n; k++)
			expect += ad[(long) (n - 1) * n + k] * bd[(long) k * n + n - 1];
		dgemm_once(n, ad, bd, &last);	/* warm-up */
		for (int r = 0; r < runs; r++)
			t[r] = dgemm_once(n, ad, bd, &last);
		printf("raw_matmul_float64_%d: %.2f ms\n", n, median(t, runs));
		fprintf(stderr, "dgemm n=%d: |c[n-1][n-1] - naive| = %.3g\n",
				n, fabs(last - expect));
		free(ad);
		free(bd);
	}
	if (f32)
	{
		float	   *as = random_s(n, 1000 + n),
				   *bs = random_s(n, 2000 + n);

		expect = 0;
		for (int k = 0; k < n; k++)
			expect += (double) as[(long) (n - 1) * n + k] * bs[(long) k * n + n - 1];
		sgemm_once(n, as, bs, &last);
		for (int r = 0; r < runs; r++)
			t[r] = sgemm_once(n, as, bs, &last);
		printf("raw_matmul_float32_%d: %.2f ms\n", n, median(t, runs));
		fprintf(stderr, "sgemm n=%d: |c[n-1][n-1] - naive| / naive = %.3g\n",
				n, fabs(last - expect) / expect);
		free(as);
		free(bs);
	}
	fflush(stdout);
}

/* ---- inv ---------------------------------------------------------------- */

/* inverse of the row-major n x n a, as a fresh row-major buffer */
static double *
dinv_once(int n, const double *a, double *ms)
{
	double		t0 = now_ms();
	double	   *x = xmalloc(sizeof(double) * n * n);
	int		   *ipiv = xmalloc(sizeof(int) * n);
	double		wq;
	double	   *work;
	int			lwork = -1,
				info;

	memcpy(x, a, sizeof(double) * n * n);	/* LAPACK overwrites its input */
	dgetrf_(&n, &n, x, &n, ipiv, &info);
	if (info != 0)
	{
		fprintf(stderr, "dgetrf: info %d\n", info);
		exit(1);
	}
	dgetri_(&n, x, &n, ipiv, &wq, &lwork, &info);
	lwork = (int) wq;
	work = xmalloc(sizeof(double) * lwork);
	dgetri_(&n, x, &n, ipiv, work, &lwork, &info);
	if (info != 0)
	{
		fprintf(stderr, "dgetri: info %d\n", info);
		exit(1);
	}
	free(work);
	free(ipiv);
	*ms = now_ms() - t0;
	return x;
}

static float *
sinv_once(int n, const float *a, double *ms)
{
	double		t0 = now_ms();
	float	   *x = xmalloc(sizeof(float) * n * n);
	int		   *ipiv = xmalloc(sizeof(int) * n);
	float		wq;
	float	   *work;
	int			lwork = -1,
				info;

	memcpy(x, a, sizeof(float) * n * n);
	sgetrf_(&n, &n, x, &n, ipiv, &info);
	if (info != 0)
	{
		fprintf(stderr, "sgetrf: info %d\n", info);
		exit(1);
	}
	sgetri_(&n, x, &n, ipiv, &wq, &lwork, &info);
	lwork = (int) wq;
	work = xmalloc(sizeof(float) * lwork);
	sgetri_(&n, x, &n, ipiv, work, &lwork, &info);
	if (info != 0)
	{
		fprintf(stderr, "sgetri: info %d\n", info);
		exit(1);
	}
	free(work);
	free(ipiv);
	*ms = now_ms() - t0;
	return x;
}

/* max |A * X - I| over the matrix, row-major */
static double
dinv_residual(int n, const double *a, const double *x)
{
	double	   *p = xmalloc(sizeof(double) * n * n);
	double		worst = 0;

	cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n,
				1.0, a, n, x, n, 0.0, p, n);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			worst = fmax(worst, fabs(p[(long) i * n + j] - (i == j)));
	free(p);
	return worst;
}

static void
bench_inv(int n, int runs, double *t)
{
	double	   *ad = random_d(n, 3000 + n);
	float	   *as = random_s(n, 3000 + n);
	double	   *xd = NULL;
	float	   *xs;
	double		ms;

	free(dinv_once(n, ad, &ms));	/* warm-up */
	for (int r = 0; r < runs; r++)
	{
		xd = dinv_once(n, ad, &t[r]);
		if (r < runs - 1)
			free(xd);
	}
	printf("raw_inv_float64_%d: %.2f ms\n", n, median(t, runs));
	fprintf(stderr, "dgetri n=%d: max |A inv(A) - I| = %.3g\n",
			n, dinv_residual(n, ad, xd));
	free(xd);

	free(sinv_once(n, as, &ms));
	for (int r = 0; r < runs; r++)
	{
		xs = sinv_once(n, as, &t[r]);
		free(xs);
	}
	printf("raw_inv_float32_%d: %.2f ms\n", n, median(t, runs));
	fflush(stdout);
	free(ad);
	free(as);
}

/* ---- svd ---------------------------------------------------------------- */

/*
 * Full SVD of the row-major n x n a: u, s, vt as fresh row-major buffers.
 * gesdd sees A^T = V S U^T, so its u is our vt and its vt is our u.
 */
static void
dsvd_once(int n, const double *a, double **u, double **s, double **vt,
		  double *ms)
{
	double		t0 = now_ms();
	double	   *x = xmalloc(sizeof(double) * n * n);
	int		   *iwork = xmalloc(sizeof(int) * 8 * n);
	double		wq;
	double	   *work;
	int			lwork = -1,
				info;

	*u = xmalloc(sizeof(double) * n * n);
	*s = xmalloc(sizeof(double) * n);
	*vt = xmalloc(sizeof(double) * n * n);
	memcpy(x, a, sizeof(double) * n * n);	/* gesdd destroys its input */
	dgesdd_("A", &n, &n, x, &n, *s, *vt, &n, *u, &n, &wq, &lwork, iwork,
			&info);
	lwork = (int) wq;
	work = xmalloc(sizeof(double) * lwork);
	dgesdd_("A", &n, &n, x, &n, *s, *vt, &n, *u, &n, work, &lwork, iwork,
			&info);
	if (info != 0)
	{
		fprintf(stderr, "dgesdd: info %d\n", info);
		exit(1);
	}
	free(work);
	free(iwork);
	free(x);
	*ms = now_ms() - t0;
}

static void
ssvd_once(int n, const float *a, float **u, float **s, float **vt,
		  double *ms)
{
	double		t0 = now_ms();
	float	   *x = xmalloc(sizeof(float) * n * n);
	int		   *iwork = xmalloc(sizeof(int) * 8 * n);
	float		wq;
	float	   *work;
	int			lwork = -1,
				info;

	*u = xmalloc(sizeof(float) * n * n);
	*s = xmalloc(sizeof(float) * n);
	*vt = xmalloc(sizeof(float) * n * n);
	memcpy(x, a, sizeof(float) * n * n);
	sgesdd_("A", &n, &n, x, &n, *s, *vt, &n, *u, &n, &wq, &lwork, iwork,
			&info);
	lwork = (int) wq;
	work = xmalloc(sizeof(float) * lwork);
	sgesdd_("A", &n, &n, x, &n, *s, *vt, &n, *u, &n, work, &lwork, iwork,
			&info);
	if (info != 0)
	{
		fprintf(stderr, "sgesdd: info %d\n", info);
		exit(1);
	}
	free(work);
	free(iwork);
	free(x);
	*ms = now_ms() - t0;
}

/* max |U diag(s) VT - A|, all row-major */
static double
dsvd_residual(int n, const double *a, const double *u, const double *s,
			  const double *vt)
{
	double	   *us = xmalloc(sizeof(double) * n * n);
	double	   *p = xmalloc(sizeof(double) * n * n);
	double		worst = 0;

	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			us[(long) i * n + j] = u[(long) i * n + j] * s[j];
	cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n,
				1.0, us, n, vt, n, 0.0, p, n);
	for (long k = 0; k < (long) n * n; k++)
		worst = fmax(worst, fabs(p[k] - a[k]));
	free(us);
	free(p);
	return worst;
}

static void
bench_svd(int n, int runs, double *t)
{
	double	   *ad = random_d(n, 4000 + n);
	float	   *as = random_s(n, 4000 + n);
	double	   *u = NULL,
			   *s = NULL,
			   *vt = NULL;
	float	   *us,
			   *ss,
			   *vts;
	double		ms;

	for (int r = -1; r < runs; r++)	/* r = -1: warm-up */
	{
		dsvd_once(n, ad, &u, &s, &vt, r < 0 ? &ms : &t[r]);
		if (r < runs - 1)
		{
			free(u);
			free(s);
			free(vt);
		}
	}
	printf("raw_svd_float64_%d: %.2f ms\n", n, median(t, runs));
	fprintf(stderr, "dgesdd n=%d: max |U S VT - A| = %.3g, s[0] = %g\n",
			n, dsvd_residual(n, ad, u, s, vt), s[0]);
	free(u);
	free(s);
	free(vt);

	for (int r = -1; r < runs; r++)
	{
		ssvd_once(n, as, &us, &ss, &vts, r < 0 ? &ms : &t[r]);
		free(us);
		free(ss);
		free(vts);
	}
	printf("raw_svd_float32_%d: %.2f ms\n", n, median(t, runs));
	fflush(stdout);
	free(ad);
	free(as);
}

int
main(int argc, char **argv)
{
	int			runs,
				threads,
				linalg_n = 1024;
	const char *sizes = "512,1024,2048,4096";
	const char *dtypes = "float64,float32";
	double	   *t;

	if (argc < 3 || argc > 6)
	{
		fprintf(stderr,
				"usage: raw_blas <runs> <threads> [gemm-sizes] [linalg-n] [gemm-dtypes]\n");
		return 2;
	}
	runs = atoi(argv[1]);
	threads = atoi(argv[2]);
	if (argc > 3)
		sizes = argv[3];
	if (argc > 4)
		linalg_n = atoi(argv[4]);
	if (argc > 5)
		dtypes = argv[5];
	if (runs < 1 || threads < 1 || linalg_n < 0)
	{
		fprintf(stderr, "raw_blas: runs and threads must be positive\n");
		return 2;
	}
	openblas_set_num_threads(threads);
	fprintf(stderr, "openblas: %s, %d threads\n", openblas_get_config(),
			threads);
	t = xmalloc(sizeof(double) * runs);

	for (const char *p = sizes; *p;)
	{
		char	   *end;
		long		n = strtol(p, &end, 10);

		if (end == p || n < 1 || n > 46340)
		{
			fprintf(stderr, "raw_blas: bad size list \"%s\"\n", sizes);
			return 2;
		}
		bench_gemm((int) n, runs, t, strstr(dtypes, "float64") != NULL,
				   strstr(dtypes, "float32") != NULL);
		p = *end == ',' ? end + 1 : end;
	}
	if (linalg_n > 0)
	{
		bench_inv(linalg_n, runs, t);
		bench_svd(linalg_n, runs, t);
	}
	free(t);
	return 0;
}
