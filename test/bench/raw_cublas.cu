/*
 * raw_cublas.cu
 *	  The raw-library side of test/bench/gpu.sh: what cuBLAS called
 *	  directly from C takes for the products marsql.matmul runs on the GPU.
 *	  Prints `name: value unit` lines, each the MEDIAN over <runs> timed
 *	  runs, in milliseconds.
 *
 *	  Usage: raw_cublas <runs> <sizes> [dtypes]
 *	    sizes   comma-separated n (square n x n products)
 *	    dtypes  float32, float64 or both, comma-separated (default both)
 *
 *	  Build: nvcc -O2 raw_cublas.cu -o raw_cublas -lcublas
 *
 *	  What is timed, so the ratios in gpu.sh are fair to both sides:
 *
 *	  - raw_cublas_<dtype>_<n>: what a C program holding A and B in host
 *	    memory does to get C = A B into host memory with cuBLAS, which is
 *	    the work marsql.matmul(a, b, 'gpu') does: cudaMalloc of A, B and C,
 *	    both inputs copied in, one [sd]gemm, C copied back, cudaFree.  The
 *	    host buffers are ordinary (pageable) malloc memory, as a tensor's
 *	    are.  Inputs are uniform [0,1), built and touched before timing;
 *	    cuBLAS and the context are warmed by one untimed run.
 *
 *	  - raw_cublas_<dtype>_<n>_device_only: the [sd]gemm alone on
 *	    device-resident data (CUDA events), to show the transfer share.
 *
 *	  - The math mode is cuBLAS's default (no TF32), as marsql_gpu.so's.
 */
#include <cublas_v2.h>
#include <cuda_runtime.h>

#include "raw_common.h"

#define CHECK(x) do { if ((x) != 0) { fprintf(stderr, "%s failed at line %d\n", #x, __LINE__); exit(1); } } while (0)

static void
fill(void *p, size_t count, size_t elem, unsigned long long seed)
{
	for (size_t i = 0; i < count; i++)
	{
		double		v;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		v = (double) (seed >> 11) / 9007199254740992.0;
		if (elem == 4)
			((float *) p)[i] = (float) v;
		else
			((double *) p)[i] = v;
	}
}

static void
gemm(cublasHandle_t h, size_t elem, int n, const void *a, const void *b, void *c)
{
	/* row-major C = A B is column-major C^T = B^T A^T */
	if (elem == 4)
	{
		float		one = 1,
					zero = 0;

		CHECK(cublasSgemm(h, CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, &one, (const float *) b, n,
						  (const float *) a, n, &zero, (float *) c, n));
	}
	else
	{
		double		one = 1,
					zero = 0;

		CHECK(cublasDgemm(h, CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, &one, (const double *) b, n,
						  (const double *) a, n, &zero, (double *) c, n));
	}
}

static double
host_to_host(cublasHandle_t h, size_t elem, int n, const void *a, const void *b, void *c)
{
	size_t		bytes = (size_t) n * n * elem;
	void	   *da,
			   *db,
			   *dc;
	double		t0 = now_ms();

	CHECK(cudaMalloc(&da, bytes));
	CHECK(cudaMalloc(&db, bytes));
	CHECK(cudaMalloc(&dc, bytes));
	CHECK(cudaMemcpy(da, a, bytes, cudaMemcpyHostToDevice));
	CHECK(cudaMemcpy(db, b, bytes, cudaMemcpyHostToDevice));
	gemm(h, elem, n, da, db, dc);
	CHECK(cudaMemcpy(c, dc, bytes, cudaMemcpyDeviceToHost));
	CHECK(cudaFree(da));
	CHECK(cudaFree(db));
	CHECK(cudaFree(dc));
	return now_ms() - t0;
}

static double
device_only(cublasHandle_t h, size_t elem, int n, const void *a, const void *b)
{
	size_t		bytes = (size_t) n * n * elem;
	void	   *da,
			   *db,
			   *dc;
	cudaEvent_t e0,
				e1;
	float		ms;

	CHECK(cudaMalloc(&da, bytes));
	CHECK(cudaMalloc(&db, bytes));
	CHECK(cudaMalloc(&dc, bytes));
	CHECK(cudaMemcpy(da, a, bytes, cudaMemcpyHostToDevice));
	CHECK(cudaMemcpy(db, b, bytes, cudaMemcpyHostToDevice));
	CHECK(cudaEventCreate(&e0));
	CHECK(cudaEventCreate(&e1));
	CHECK(cudaEventRecord(e0, 0));
	gemm(h, elem, n, da, db, dc);
	CHECK(cudaEventRecord(e1, 0));
	CHECK(cudaEventSynchronize(e1));
	CHECK(cudaEventElapsedTime(&ms, e0, e1));
	cudaFree(da);
	cudaFree(db);
	cudaFree(dc);
	cudaEventDestroy(e0);
	cudaEventDestroy(e1);
	return ms;
}

int
main(int argc, char **argv)
{
	int			runs = argc > 1 ? atoi(argv[1]) : 3;
	char	   *sizes = strdup(argc > 2 ? argv[2] : "4096,8192,16384");
	const char *dtypes = argc > 3 ? argv[3] : "float32,float64";
	cublasHandle_t h;
	double	   *t = (double *) malloc(sizeof(double) * (runs > 0 ? runs : 1));

	CHECK(cublasCreate(&h));
	CHECK(cublasSetMathMode(h, CUBLAS_DEFAULT_MATH));
	for (char *s = strtok(sizes, ","); s != NULL; s = strtok(NULL, ","))
	{
		int			n = atoi(s);

		for (int d = 0; d < 2; d++)
		{
			const char *name = d == 0 ? "float32" : "float64";
			size_t		elem = d == 0 ? 4 : 8;
			size_t		bytes = (size_t) n * n * elem;
			void	   *a,
					   *b,
					   *c;

			if (strstr(dtypes, name) == NULL)
				continue;
			a = malloc(bytes);
			b = malloc(bytes);
			c = malloc(bytes);
			if (a == NULL || b == NULL || c == NULL)
			{
				fprintf(stderr, "out of host memory for n = %d\n", n);
				return 1;
			}
			fill(a, (size_t) n * n, elem, 1);
			fill(b, (size_t) n * n, elem, 2);
			memset(c, 0, bytes);
			host_to_host(h, elem, n, a, b, c);	/* warm-up */
			for (int r = 0; r < runs; r++)
				t[r] = host_to_host(h, elem, n, a, b, c);
			printf("raw_cublas_%s_%d: %.1f ms\n", name, n, median(t, runs));
			for (int r = 0; r < runs; r++)
				t[r] = device_only(h, elem, n, a, b);
			printf("raw_cublas_%s_%d_device_only: %.1f ms\n", name, n, median(t, runs));
			fflush(stdout);
			free(a);
			free(b);
			free(c);
		}
	}
	cublasDestroy(h);
	return 0;
}
