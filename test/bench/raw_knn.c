/*
 * raw_knn.c
 *	  The raw-library side of test/bench/knn.sh: exact k-NN written the
 *	  textbook way straight on OpenBLAS, for the same queries and corpus
 *	  marsql.knn searches.  Prints `name: value unit` lines, the MEDIAN over
 *	  <runs> timed runs in milliseconds, and a checksum of the ids found.
 *
 *	  Usage: raw_knn <runs> <threads> <queries.bin> <corpus.bin> <k>
 *	    *.bin   marsql.to_binary() of a 2-D float32 tensor (rows x dims)
 *
 *	  Build: gcc -O2 -fopenmp raw_knn.c -o raw_knn -lopenblas -lm
 *
 *	  What it does, per block of 4096 corpus rows: one cblas_sgemm on
 *	  <threads> threads gives every query's dot products with the block;
 *	  then the queries are split between <threads> OpenMP threads, each
 *	  turning a row into ||x||^2 - 2 q.x and keeping its k smallest in a
 *	  bounded max-heap.  Corpus norms are computed once, outside the
 *	  timing.  The neighbour lists are sorted at the end (inside the
 *	  timing).  Minor page faults per timed run come from getrusage.
 *	  This is about as fast as a brute force gets on a CPU; it
 *	  does no exact re-ranking, which marsql does (and pays for).
 */
#include <cblas.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "raw_common.h"

#define BLOCK 4096

extern void openblas_set_num_threads(int);

/* one search; returns the sum of the ids found */
static int64_t
search(int nq, int nx, int d, int k, const float *q, const float *x,
	   const float *xn, float *dots, float *hd, int64_t *hi)
{
	int64_t		sum = 0;

	for (int i = 0; i < nq * k; i++)
	{
		hd[i] = INFINITY;
		hi[i] = -1;
	}
	for (int x0 = 0; x0 < nx; x0 += BLOCK)
	{
		int			nb = nx - x0 < BLOCK ? nx - x0 : BLOCK;

		cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nq, nb, d, 1.0f,
					q, d, x + (size_t) x0 * d, d, 0.0f, dots, nb);
#pragma omp parallel for schedule(static)
		for (int i = 0; i < nq; i++)
		{
			float	   *hk = hd + (size_t) i * k;
			int64_t    *hid = hi + (size_t) i * k;
			const float *s = dots + (size_t) i * nb;

			for (int j = 0; j < nb; j++)
			{
				float		v = xn[x0 + j] - 2 * s[j];
				int			p = 0;

				if (v >= hk[0])
					continue;
				/* replace the top of the max-heap and sift down */
				for (;;)
				{
					int			c = 2 * p + 1;

					if (c >= k)
						break;
					if (c + 1 < k && hk[c + 1] > hk[c])
						c++;
					if (hk[c] <= v)
						break;
					hk[p] = hk[c];
					hid[p] = hid[c];
					p = c;
				}
				hk[p] = v;
				hid[p] = x0 + j;
			}
		}
	}
	for (int i = 0; i < nq; i++)
	{
		double		pairs[2 * 1024];

		for (int j = 0; j < k && j < 1024; j++)
		{
			pairs[2 * j] = hd[(size_t) i * k + j];
			pairs[2 * j + 1] = (double) hi[(size_t) i * k + j];
		}
		qsort(pairs, k < 1024 ? k : 1024, 2 * sizeof(double), cmp_double);
		for (int j = 0; j < k; j++)
			sum += hi[(size_t) i * k + j];
	}
	return sum;
}

int
main(int argc, char **argv)
{
	int			runs,
				threads,
				nq,
				nx,
				d,
				d2,
				k;
	float	   *q,
			   *x,
			   *xn,
			   *dots,
			   *hd;
	int64_t    *hi,
				sum = 0;
	double	   *ms;
	struct rusage ru0,
				ru1;

	if (argc != 6)
	{
		fprintf(stderr, "usage: raw_knn runs threads queries.bin corpus.bin k\n");
		return 2;
	}
	runs = atoi(argv[1]);
	threads = atoi(argv[2]);
	q = read_float32_matrix(argv[3], &nq, &d);
	x = read_float32_matrix(argv[4], &nx, &d2);
	k = atoi(argv[5]);
	if (d != d2 || k < 1 || k > 1024 || runs < 1)
	{
		fprintf(stderr, "raw_knn: dims differ, or k is not in 1..1024\n");
		return 2;
	}
	openblas_set_num_threads(threads);
	omp_set_num_threads(threads);
	xn = malloc(sizeof(float) * nx);
	for (int j = 0; j < nx; j++)
	{
		double		s = 0;

		for (int c = 0; c < d; c++)
			s += (double) x[(size_t) j * d + c] * x[(size_t) j * d + c];
		xn[j] = (float) s;
	}
	dots = malloc(sizeof(float) * (size_t) nq * BLOCK);
	hd = malloc(sizeof(float) * (size_t) nq * k);
	hi = malloc(sizeof(int64_t) * (size_t) nq * k);
	ms = malloc(sizeof(double) * runs);
	(void) search(nq, nx, d, k, q, x, xn, dots, hd, hi);	/* warm up */
	getrusage(RUSAGE_SELF, &ru0);
	for (int r = 0; r < runs; r++)
	{
		double		t0 = now_ms();

		sum = search(nq, nx, d, k, q, x, xn, dots, hd, hi);
		ms[r] = now_ms() - t0;
	}
	getrusage(RUSAGE_SELF, &ru1);
	qsort(ms, runs, sizeof(double), cmp_double);
	printf("raw_gemm_topk_%dq_%dx%d_k%d: %.1f ms\n", nq, nx, d, k, ms[runs / 2]);
	printf("raw_gemm_topk_%dq_minflt_per_call: %.0f\n", nq,
		   (double) (ru1.ru_minflt - ru0.ru_minflt) / runs);
	printf("raw_gemm_topk_%dq_id_sum: %lld\n", nq, (long long) sum);
	return 0;
}
