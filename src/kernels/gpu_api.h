/*
 * gpu_api.h
 *	  The C face of marsql_gpu.so, the CUDA half of the kernel dispatch
 *	  table: matrix products on cuBLAS (tiled for matrices larger than the
 *	  device's memory), k-NN candidate selection (distances as a GEMM fused
 *	  with a per-query top-k), and elementwise and whole-tensor reduction
 *	  kernels.  The module exports one symbol, marsql_gpu_api, which the
 *	  backend resolves with dlopen on first use (never in the postmaster).
 *
 *	  Shared by the C backend and the CUDA sources in gpu/: plain C, no
 *	  postgres.h.  The module never calls PostgreSQL: every entry returns
 *	  an MG_* status and, on failure, a sentence in call->err.  Device
 *	  buffers are allocated and freed inside each call, so an error or a
 *	  cancel leaves nothing behind; only the stream, the cuBLAS handle and
 *	  the CUDA context live as long as the process.
 */
#ifndef MARSQL_GPU_API_H
#define MARSQL_GPU_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C"
{
#endif

#define MG_API_VERSION 1

typedef enum MgStatus
{
	MG_OK = 0,
	MG_ERR_NO_DEVICE,			/* no usable CUDA device; err says why */
	MG_ERR_MEMORY,				/* device memory or the limit too small */
	MG_ERR_CANCELED,			/* the poll callback asked to stop */
	MG_ERR_ARGUMENT,			/* sizes the module does not take */
	MG_ERR_CUDA					/* any other CUDA or cuBLAS failure */
} MgStatus;

/* Called between steps of a long call; true stops it (MG_ERR_CANCELED).
 * Reads flags only: it never raises, blocks or allocates. */
typedef bool (*MgPollFn) (void *arg);

/* What one call may use, and where its error goes. */
typedef struct MgCall
{
	uint64_t	memory_limit;	/* device bytes this call may hold; 0: no limit */
	MgPollFn	poll;			/* or NULL */
	void	   *poll_arg;
	char		err[256];		/* set when a call fails */
} MgCall;

typedef struct MgDeviceInfo
{
	int			ordinal;
	char		name[256];
	int			major;			/* compute capability */
	int			minor;
	int			multiprocessors;
	uint64_t	total_bytes;
	uint64_t	free_bytes;		/* 0 where the device could not be asked */
} MgDeviceInfo;

/* Counters of this process since the module was loaded. */
typedef struct MgStats
{
	uint64_t	calls;			/* gemm, knn, binary and reduce calls */
	uint64_t	bytes_to_device;
	uint64_t	bytes_from_device;
	double		transfer_ms;	/* device time of host<->device copies */
	double		compute_ms;		/* device time of kernels and cuBLAS */
} MgStats;

/* elementwise operations (the values of MtBinaryOp) */
#define MG_BINARY_ADD 0
#define MG_BINARY_SUB 1
#define MG_BINARY_MUL 2
#define MG_BINARY_DIV 3
#define MG_BINARY_POW 4
#define MG_BINARY_MAXIMUM 5
#define MG_BINARY_MINIMUM 6

/* whole-tensor reductions, accumulated in float64 */
#define MG_REDUCE_SUM 0
#define MG_REDUCE_MIN 1			/* NaN when any element is NaN */
#define MG_REDUCE_MAX 2
#define MG_REDUCE_SUMSQ 3		/* sum of squares */

/* distance metrics (the values of MtMetric) */
#define MG_METRIC_L2 1
#define MG_METRIC_L2_SQUARED 2
#define MG_METRIC_INNER_PRODUCT 3
#define MG_METRIC_COSINE 4

/* The most candidates per query and part the k-NN selection keeps. */
#define MG_KNN_MAX_CANDIDATES 1024

/*
 * One k-NN candidate search: the ranking keys of knn.c (||x||^2 - 2 q.x for
 * L2, -q.x for inner products, -q.x / |x| for cosine) of every query
 * against every corpus row, computed in the data's precision, and for each
 * query and part the kc smallest.  The corpus is cut into parts (each row
 * belongs to one part); more parts keep the device busy when there are
 * few queries.
 */
typedef struct MgKnnProblem
{
	int			elem;			/* 4 (float32) or 8 (float64) */
	int			metric;			/* MG_METRIC_* */
	int			dims;
	int			nq;
	const void *queries;		/* nq x dims, row-major, host memory */
	int64_t		nx;
	const void *corpus;			/* nx x dims, row-major, host memory */
	int			kc;				/* 1 .. MG_KNN_MAX_CANDIDATES */
	int			parts;			/* >= 1 */
} MgKnnProblem;

/* Filled by the search; the caller allocates every array. */
typedef struct MgKnnCandidates
{
	int32_t    *count;			/* [parts][nq]: candidates kept, <= kc */
	int64_t    *row;			/* [parts][nq][kc]: their corpus rows */
	double	   *top;			/* [parts][nq]: the largest kept key (NaN
								 * ranking last); meaningful when count = kc */
	int64_t    *seen;			/* [parts]: rows the part scanned */
	double		xnorm_max;		/* largest ||x||^2 in float64; NaN sticks */
} MgKnnCandidates;

typedef struct MgApi
{
	int			api_version;	/* MG_API_VERSION */
	const char *build;			/* "CUDA 13.0, cuBLAS 13.0.0" */

	/* Every device, without creating a context (free_bytes stays 0). */
	MgStatus	(*devices) (MgDeviceInfo *out, int max, int *count, MgCall *call);

	/*
	 * Opens device ordinal for this process (once; later calls with the
	 * same ordinal return at once): its context, a stream and a cuBLAS
	 * handle.  free_bytes of info, when not NULL, is filled afterwards.
	 */
	MgStatus	(*open) (int ordinal, MgDeviceInfo *info, MgCall *call);

	void		(*stats) (MgStats *out);

	/*
	 * Row-major C[m,n] = op(A) op(B) (or C += with accumulate), as the CPU
	 * table's gemm; host buffers.  Tiled when the operands do not fit in
	 * memory_limit or the device's free memory.
	 */
	MgStatus	(*gemm) (MgCall *call, int elem, bool trans_a, bool trans_b,
						 bool accumulate, int m, int n, int k,
						 const void *a, int lda, const void *b, int ldb,
						 void *c, int ldc);

	MgStatus	(*knn) (MgCall *call, const MgKnnProblem *p, MgKnnCandidates *out);

	/* c[i] = a[i % na] op b[i % nb] for n elements; na and nb are n or 1 */
	MgStatus	(*binary) (MgCall *call, int op, int elem, int64_t n,
						   const void *a, int64_t na, const void *b, int64_t nb,
						   void *c);

	/* one MG_REDUCE_* over n >= 1 elements */
	MgStatus	(*reduce) (MgCall *call, int op, int elem, int64_t n,
						   const void *a, double *result);
} MgApi;

#ifdef __cplusplus
}
#endif

#endif							/* MARSQL_GPU_API_H */
