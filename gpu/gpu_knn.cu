/*
 * gpu_knn.cu
 *	  k-NN candidates on the device: for each block of corpus rows, one
 *	  cuBLAS GEMM gives the dot products of every query with every row,
 *	  and a selection kernel turns them into ranking keys (the keys of
 *	  knn.c, in the data's precision) and keeps each query's kc smallest,
 *	  per part of the corpus.  The host then re-ranks those candidates
 *	  exactly (mt_knn_finish), so the answer is the CPU path's.
 *
 *	  Selection: one thread block per (query, part) keeps its candidates
 *	  in shared memory.  Keys at or below the current threshold (the kc-th
 *	  smallest so far) are appended; when the buffer could overflow it is
 *	  sorted (bitonic, ties and NaN ordered as knn.h orders them) and cut
 *	  back to kc.  After the first rows almost every key fails the one
 *	  comparison, so the kernel reads the dot products once and writes
 *	  almost nothing.
 *
 *	  Corpus blocks are double-buffered: the next block is copied on a
 *	  second stream while the device works on the current one.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_internal.h"

#define SEL_THREADS 256
#define SEL_CHUNK (SEL_THREADS * 4)
#define SEL_BUFFER 2048			/* >= SEL_CHUNK + MG_KNN_MAX_CANDIDATES */
#define CORPUS_BLOCK_MAX 32768
#define CORPUS_BLOCK_MIN 1024
#define QUERY_BLOCK_MIN 64

/* (key, row) ranks before (key, row); row -1 is an empty slot, last of all */
template <typename T>
__device__ __forceinline__ bool
ranks_before(T ka, long long ra, T kb, long long rb)
{
	if (ra < 0)
		return false;
	if (rb < 0)
		return true;
	if (ka != ka)
		return kb != kb && ra < rb;
	if (kb != kb || ka < kb)
		return true;
	return ka == kb && ra < rb;
}

template <typename T>
__device__ __forceinline__ T
ranking_key(int metric, T dot, T aux)
{
	if (metric == MG_METRIC_INNER_PRODUCT)
		return -dot;
	if (metric == MG_METRIC_COSINE)
		return -dot * aux;
	return aux - 2 * dot;
}

/* sorts key/row[0, n) ascending in place; every thread of the block calls it */
template <typename T>
__device__ void
sort_candidates(T *key, long long *row, int n)
{
	int			size = 1;

	while (size < n)
		size <<= 1;
	for (int i = n + threadIdx.x; i < size; i += blockDim.x)
	{
		key[i] = 0;
		row[i] = -1;
	}
	__syncthreads();
	for (int len = 2; len <= size; len <<= 1)
		for (int stride = len >> 1; stride > 0; stride >>= 1)
		{
			for (int i = threadIdx.x; i < size / 2; i += blockDim.x)
			{
				int			lo = 2 * i - (i & (stride - 1));
				int			hi = lo + stride;
				bool		up = (lo & len) == 0;
				bool		swap = up ? ranks_before(key[hi], row[hi], key[lo], row[lo])
					: ranks_before(key[lo], row[lo], key[hi], row[hi]);

				if (swap)
				{
					T			tk = key[lo];
					long long	tr = row[lo];

					key[lo] = key[hi];
					row[lo] = row[hi];
					key[hi] = tk;
					row[hi] = tr;
				}
			}
			__syncthreads();
		}
}

template <typename T>
__device__ __forceinline__ T
threshold_of(const T *sorted_key, int count, int kc)
{
	if (count < kc || sorted_key[kc - 1] != sorted_key[kc - 1])
		return (T) INFINITY;
	return sorted_key[kc - 1];
}

/*
 * Block (query q0 + blockIdx.x, part blockIdx.y) over the dot products of
 * its query with rows [x0, x0 + nb) of the corpus; the part's share of the
 * block is columns [part * seg, (part + 1) * seg).
 */
template <typename T>
__global__ void
select_kernel(const T *dots, int nb, const T *xaux, int metric, long long x0,
			  int seg, int kc, int q0, int nq, T *st_key, long long *st_row,
			  int *st_count)
{
	__shared__ T key[SEL_BUFFER];
	__shared__ long long row[SEL_BUFFER];
	__shared__ int count;
	__shared__ int added;
	__shared__ T thr;
	int			q = q0 + blockIdx.x;
	int			lo = blockIdx.y * seg;
	int			hi = lo + seg < nb ? lo + seg : nb;
	size_t		st = (size_t) blockIdx.y * nq + q;
	T		   *sk = st_key + st * kc;
	long long  *sr = st_row + st * kc;
	const T    *s = dots + (size_t) blockIdx.x * nb;
	int			c0;

	if (lo >= hi)
		return;
	c0 = st_count[st];
	for (int i = threadIdx.x; i < c0; i += blockDim.x)
	{
		key[i] = sk[i];
		row[i] = sr[i];
	}
	if (threadIdx.x == 0)
	{
		count = c0;
		added = 0;
		thr = threshold_of(sk, c0, kc);
	}
	__syncthreads();

	for (int base = lo; base < hi; base += SEL_CHUNK)
	{
		T			t;
		bool		full = count + SEL_CHUNK > SEL_BUFFER;

		/* every thread has read count before any appends to it */
		__syncthreads();
		if (full)
		{
			sort_candidates(key, row, count);
			if (threadIdx.x == 0)
			{
				count = count < kc ? count : kc;
				thr = threshold_of(key, count, kc);
			}
			__syncthreads();
		}
		t = thr;
		for (int u = 0; u < SEL_CHUNK / SEL_THREADS; u++)
		{
			int			j = base + u * SEL_THREADS + threadIdx.x;

			if (j < hi)
			{
				T			kv = ranking_key(metric, s[j], xaux[j]);

				/* NaN keys enter too and rank last, as on the CPU */
				if (!(kv > t))
				{
					int			pos = atomicAdd(&count, 1);

					key[pos] = kv;
					row[pos] = x0 + j;
					added = 1;
				}
			}
		}
		__syncthreads();
	}
	if (added)
	{
		int			keep;

		sort_candidates(key, row, count);
		keep = count < kc ? count : kc;
		for (int i = threadIdx.x; i < keep; i += blockDim.x)
		{
			sk[i] = key[i];
			sr[i] = row[i];
		}
		if (threadIdx.x == 0)
			st_count[st] = keep;
	}
}

/* per row: ||x||^2 in float64 (or 1/|x| for cosine) in T; a warp per row */
template <typename T>
__global__ void
aux_kernel(const T *x, int nb, int dims, int metric, T *xaux,
		   unsigned long long *max_bits)
{
	int			r = (int) ((blockIdx.x * (size_t) blockDim.x + threadIdx.x) / 32);
	int			lane = threadIdx.x & 31;
	double		ss = 0;

	if (r >= nb)
		return;
	for (int c = lane; c < dims; c += 32)
	{
		double		v = (double) x[(size_t) r * dims + c];

		ss += v * v;
	}
	for (int off = 16; off > 0; off >>= 1)
		ss += __shfl_down_sync(0xffffffffu, ss, off);
	if (lane == 0)
	{
		xaux[r] = metric == MG_METRIC_COSINE ? (T) (1.0 / sqrt(ss)) : (T) ss;
		/* ss >= 0 or NaN: its bits order as unsigned, NaN above all */
		atomicMax(max_bits, (unsigned long long) __double_as_longlong(ss));
	}
}

/* the largest kept key of each (part, query) */
template <typename T>
__global__ void
top_kernel(const T *st_key, const int *st_count, int kc, int n, double *top)
{
	int			i = blockIdx.x * blockDim.x + threadIdx.x;

	if (i < n)
		top[i] = st_count[i] > 0 ? (double) st_key[(size_t) i * kc + st_count[i] - 1] : (double) INFINITY;
}

typedef struct KnnJob
{
	MgCall	   *call;
	const MgKnnProblem *p;
	size_t		elem;
	int			block;			/* corpus rows per block */
	int			qblock;			/* queries per GEMM */
	void	   *dq;
	void	   *dx[2];
	void	   *xaux;
	void	   *dots;
	void	   *st_key;
	long long  *st_row;
	int		   *st_count;
	double	   *dtop;
	unsigned long long *dmax;
	cudaEvent_t copy_start[2],
				copied[2],
				work_start[2],
				worked[2];
	bool		events;
} KnnJob;

static size_t
job_bytes(const MgKnnProblem *p, size_t elem, size_t block, size_t qblock)
{
	size_t		states = (size_t) p->parts * p->nq;

	return (size_t) p->nq * p->dims * elem
		+ states * p->kc * (elem + sizeof(long long)) + states * (sizeof(int) + sizeof(double))
		+ 2 * block * p->dims * elem + block * elem + qblock * block * elem + 4096;
}

/* block sizes within budget; false when even the smallest do not fit */
static bool
plan_blocks(KnnJob *j, size_t budget)
{
	const MgKnnProblem *p = j->p;
	size_t		block = p->nx < CORPUS_BLOCK_MAX ? (size_t) p->nx : CORPUS_BLOCK_MAX;
	size_t		qblock = (size_t) p->nq;

	while (job_bytes(p, j->elem, block, qblock) > budget)
	{
		if (qblock > QUERY_BLOCK_MIN && qblock * 4 > block)
			qblock = (qblock + 1) / 2;
		else if (block > CORPUS_BLOCK_MIN)
			block /= 2;
		else if (qblock > 1)
			qblock = (qblock + 1) / 2;
		else
			return false;
	}
	j->block = (int) block;
	j->qblock = (int) qblock;
	return true;
}

template <typename T>
static MgStatus
launch_block(KnnJob *j, const T *dx, int nb, long long x0)
{
	const MgKnnProblem *p = j->p;
	int			seg = (nb + p->parts - 1) / p->parts;
	cudaError_t e;

	aux_kernel<T><<<gpu_grid((int64_t) nb * 32, GPU_THREADS), GPU_THREADS, 0, gpu_state.stream>>>
		(dx, nb, p->dims, p->metric, (T *) j->xaux, j->dmax);
	for (int q0 = 0; q0 < p->nq; q0 += j->qblock)
	{
		int			mq = p->nq - q0 < j->qblock ? p->nq - q0 : j->qblock;
		cublasStatus_t s;
		T			one = 1,
					zero = 0;

		/* dots (mq x nb, row-major) = Q[q0:q0+mq] X^T */
		if (sizeof(T) == 4)
			s = cublasSgemm(gpu_state.blas, CUBLAS_OP_T, CUBLAS_OP_N, nb, mq, p->dims,
							(const float *) &one, (const float *) dx, p->dims,
							(const float *) j->dq + (size_t) q0 * p->dims, p->dims,
							(const float *) &zero, (float *) j->dots, nb);
		else
			s = cublasDgemm(gpu_state.blas, CUBLAS_OP_T, CUBLAS_OP_N, nb, mq, p->dims,
							(const double *) &one, (const double *) dx, p->dims,
							(const double *) j->dq + (size_t) q0 * p->dims, p->dims,
							(const double *) &zero, (double *) j->dots, nb);
		if (s != CUBLAS_STATUS_SUCCESS)
			return gpu_fail_blas(j->call, "cuBLAS refused the k-NN distances", s);
		select_kernel<T><<<dim3(mq, p->parts), SEL_THREADS, 0, gpu_state.stream>>>
			((const T *) j->dots, nb, (const T *) j->xaux, p->metric, x0, seg, p->kc,
			 q0, p->nq, (T *) j->st_key, j->st_row, j->st_count);
	}
	e = cudaGetLastError();
	if (e != cudaSuccess)
		return gpu_fail(j->call, "could not start a k-NN kernel", e);
	return MG_OK;
}

static MgStatus
copy_block(KnnJob *j, int b, int64_t x0, int nb)
{
	size_t		bytes = (size_t) nb * j->p->dims * j->elem;
	cudaError_t e;

	cudaEventRecord(j->copy_start[b], gpu_state.copy_stream);
	e = cudaMemcpyAsync(j->dx[b], (const char *) j->p->corpus + (size_t) x0 * j->p->dims * j->elem,
						bytes, cudaMemcpyHostToDevice, gpu_state.copy_stream);
	if (e != cudaSuccess)
		return gpu_fail(j->call, "could not copy corpus rows to the device", e);
	cudaEventRecord(j->copied[b], gpu_state.copy_stream);
	gpu_state.stats.bytes_to_device += bytes;
	return MG_OK;
}

/* waits for the work on buffer b and counts its times */
static MgStatus
retire_block(KnnJob *j, int b)
{
	cudaError_t e = cudaEventSynchronize(j->worked[b]);

	if (e != cudaSuccess)
		return gpu_fail(j->call, "a k-NN kernel failed on the device", e);
	gpu_add_elapsed(&gpu_state.stats.transfer_ms, j->copy_start[b], j->copied[b]);
	gpu_add_elapsed(&gpu_state.stats.compute_ms, j->work_start[b], j->worked[b]);
	return MG_OK;
}

static MgStatus
allocate(KnnJob *j)
{
	const MgKnnProblem *p = j->p;
	size_t		states = (size_t) p->parts * p->nq;
	cudaError_t e = cudaSuccess;

	for (int b = 0; b < 2 && e == cudaSuccess; b++)
	{
		e = cudaEventCreate(&j->copy_start[b]);
		if (e == cudaSuccess)
			e = cudaEventCreate(&j->copied[b]);
		if (e == cudaSuccess)
			e = cudaEventCreate(&j->work_start[b]);
		if (e == cudaSuccess)
			e = cudaEventCreate(&j->worked[b]);
		if (e == cudaSuccess && b == 1)
			j->events = true;
	}
	if (e == cudaSuccess)
		e = cudaMalloc(&j->dq, (size_t) p->nq * p->dims * j->elem);
	if (e == cudaSuccess)
		e = cudaMalloc(&j->dx[0], (size_t) j->block * p->dims * j->elem);
	if (e == cudaSuccess)
		e = cudaMalloc(&j->dx[1], (size_t) j->block * p->dims * j->elem);
	if (e == cudaSuccess)
		e = cudaMalloc(&j->xaux, (size_t) j->block * j->elem);
	if (e == cudaSuccess)
		e = cudaMalloc(&j->dots, (size_t) j->qblock * j->block * j->elem);
	if (e == cudaSuccess)
		e = cudaMalloc(&j->st_key, states * p->kc * j->elem);
	if (e == cudaSuccess)
		e = cudaMalloc((void **) &j->st_row, states * p->kc * sizeof(long long));
	if (e == cudaSuccess)
		e = cudaMalloc((void **) &j->st_count, states * sizeof(int));
	if (e == cudaSuccess)
		e = cudaMalloc((void **) &j->dtop, states * sizeof(double));
	if (e == cudaSuccess)
		e = cudaMalloc((void **) &j->dmax, sizeof(unsigned long long));
	if (e == cudaSuccess)
		e = cudaMemsetAsync(j->st_count, 0, states * sizeof(int), gpu_state.stream);
	if (e == cudaSuccess)
		e = cudaMemsetAsync(j->dmax, 0, sizeof(unsigned long long), gpu_state.stream);
	if (e == cudaSuccess)
		e = cudaMemcpyAsync(j->dq, p->queries, (size_t) p->nq * p->dims * j->elem,
							cudaMemcpyHostToDevice, gpu_state.stream);
	if (e != cudaSuccess)
		return gpu_fail(j->call, "could not allocate device memory for k-NN", e);
	gpu_state.stats.bytes_to_device += (uint64_t) p->nq * p->dims * j->elem;
	return MG_OK;
}

static MgStatus
run_blocks(KnnJob *j, MgKnnCandidates *out)
{
	const MgKnnProblem *p = j->p;
	int64_t		nblocks = (p->nx + j->block - 1) / j->block;
	MgStatus	status;

	for (int s = 0; s < p->parts; s++)
		out->seen[s] = 0;
	status = copy_block(j, 0, 0, p->nx < j->block ? (int) p->nx : j->block);
	for (int64_t i = 0; i < nblocks && status == MG_OK; i++)
	{
		int			b = (int) (i % 2);
		int64_t		x0 = i * j->block;
		int			nb = p->nx - x0 < j->block ? (int) (p->nx - x0) : j->block;
		int			seg = (nb + p->parts - 1) / p->parts;

		for (int s = 0; s < p->parts; s++)
		{
			int64_t		lo = (int64_t) s * seg,
						hi = lo + seg < nb ? lo + seg : nb;

			out->seen[s] += hi > lo ? hi - lo : 0;
		}
		cudaStreamWaitEvent(gpu_state.stream, j->copied[b], 0);
		cudaEventRecord(j->work_start[b], gpu_state.stream);
		status = j->elem == 4
			? launch_block<float>(j, (const float *) j->dx[b], nb, (long long) x0)
			: launch_block<double>(j, (const double *) j->dx[b], nb, (long long) x0);
		cudaEventRecord(j->worked[b], gpu_state.stream);
		if (status != MG_OK)
			break;
		if (i + 1 < nblocks)
		{
			int64_t		next = x0 + j->block;

			/* the other buffer is free once the block before this one is done */
			if (i > 0)
				status = retire_block(j, 1 - b);
			if (status == MG_OK)
				status = copy_block(j, 1 - b, next,
									p->nx - next < j->block ? (int) (p->nx - next) : j->block);
		}
		if (status == MG_OK && gpu_canceled(j->call))
			status = MG_ERR_CANCELED;
	}
	if (status == MG_OK && nblocks > 1)
		status = retire_block(j, (int) ((nblocks - 2) % 2));
	if (status == MG_OK)
		status = retire_block(j, (int) ((nblocks - 1) % 2));
	return status;
}

static MgStatus
collect(KnnJob *j, MgKnnCandidates *out)
{
	const MgKnnProblem *p = j->p;
	int			states = p->parts * p->nq;
	unsigned long long bits = 0;
	cudaError_t e;

	if (j->elem == 4)
		top_kernel<float><<<gpu_grid(states, GPU_THREADS), GPU_THREADS, 0, gpu_state.stream>>>
			((const float *) j->st_key, j->st_count, p->kc, states, j->dtop);
	else
		top_kernel<double><<<gpu_grid(states, GPU_THREADS), GPU_THREADS, 0, gpu_state.stream>>>
			((const double *) j->st_key, j->st_count, p->kc, states, j->dtop);
	e = cudaGetLastError();
	if (e == cudaSuccess)
		e = cudaMemcpyAsync(out->count, j->st_count, sizeof(int) * states,
							cudaMemcpyDeviceToHost, gpu_state.stream);
	if (e == cudaSuccess)
		e = cudaMemcpyAsync(out->row, j->st_row, sizeof(long long) * states * p->kc,
							cudaMemcpyDeviceToHost, gpu_state.stream);
	if (e == cudaSuccess)
		e = cudaMemcpyAsync(out->top, j->dtop, sizeof(double) * states,
							cudaMemcpyDeviceToHost, gpu_state.stream);
	if (e == cudaSuccess)
		e = cudaMemcpyAsync(&bits, j->dmax, sizeof(bits), cudaMemcpyDeviceToHost,
							gpu_state.stream);
	if (e == cudaSuccess)
		e = cudaStreamSynchronize(gpu_state.stream);
	if (e != cudaSuccess)
		return gpu_fail(j->call, "could not copy k-NN candidates back from the device", e);
	memcpy(&out->xnorm_max, &bits, sizeof(double));
	gpu_state.stats.bytes_from_device += (uint64_t) states * (sizeof(int) + sizeof(double) + sizeof(long long) * p->kc);
	return MG_OK;
}

MgStatus
gpu_knn(MgCall *call, const MgKnnProblem *p, MgKnnCandidates *out)
{
	KnnJob		j;
	MgStatus	status;

	if (!gpu_ready(call))
		return MG_ERR_NO_DEVICE;
	if ((p->elem != 4 && p->elem != 8) || p->dims < 1 || p->nq < 0 || p->nx < 0 ||
		p->kc < 1 || p->kc > MG_KNN_MAX_CANDIDATES || p->parts < 1 || p->parts > 65535 ||
		p->metric < MG_METRIC_L2 || p->metric > MG_METRIC_COSINE)
		return gpu_fail_argument(call, "the k-NN search was given sizes the GPU module does not take");
	gpu_state.stats.calls++;
	out->xnorm_max = 0;
	if (p->nq == 0 || p->nx == 0)
	{
		memset(out->count, 0, sizeof(int32_t) * p->parts * p->nq);
		memset(out->seen, 0, sizeof(int64_t) * p->parts);
		return MG_OK;
	}
	memset(&j, 0, sizeof(j));
	j.call = call;
	j.p = p;
	j.elem = p->elem;
	if (!plan_blocks(&j, gpu_budget(call)))
	{
		snprintf(call->err, sizeof(call->err),
				 "the queries and candidates of this k-NN search do not fit in the device memory this call may use");
		return MG_ERR_MEMORY;
	}
	status = allocate(&j);
	if (status == MG_OK)
		status = run_blocks(&j, out);
	if (status == MG_OK)
		status = collect(&j, out);

	/* every path ends here: nothing stays on the device */
	cudaStreamSynchronize(gpu_state.copy_stream);
	cudaStreamSynchronize(gpu_state.stream);
	cudaFree(j.dq);
	cudaFree(j.dx[0]);
	cudaFree(j.dx[1]);
	cudaFree(j.xaux);
	cudaFree(j.dots);
	cudaFree(j.st_key);
	cudaFree(j.st_row);
	cudaFree(j.st_count);
	cudaFree(j.dtop);
	cudaFree(j.dmax);
	for (int b = 0; b < 2; b++)
	{
		if (j.copy_start[b])
			cudaEventDestroy(j.copy_start[b]);
		if (j.copied[b])
			cudaEventDestroy(j.copied[b]);
		if (j.work_start[b])
			cudaEventDestroy(j.work_start[b]);
		if (j.worked[b])
			cudaEventDestroy(j.worked[b]);
	}
	(void) cudaGetLastError();
	return status;
}
