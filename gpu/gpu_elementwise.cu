/*
 * gpu_elementwise.cu
 *	  Elementwise binary operations (one operand may be a scalar) and
 *	  whole-tensor reductions (accumulated in float64), in chunks that fit
 *	  the call's budget, with the CPU kernels' NaN rules: maximum, minimum,
 *	  min and max let NaN win.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gpu_internal.h"

/* the most elements of one operand a chunk carries */
#define CHUNK_MAX ((size_t) 1 << 26)
#define CHUNK_MIN ((size_t) 1 << 16)
#define REDUCE_BLOCKS 1024

/* float32 powers go through float64 and are rounded, as on the CPU */
template <typename T>
__device__ __forceinline__ T
binary_value(int op, T a, T b)
{
	switch (op)
	{
		case MG_BINARY_ADD:
			return a + b;
		case MG_BINARY_SUB:
			return a - b;
		case MG_BINARY_MUL:
			return a * b;
		case MG_BINARY_DIV:
			return a / b;
		case MG_BINARY_POW:
			return (T) pow((double) a, (double) b);
		case MG_BINARY_MAXIMUM:
			return (a > b || a != a) ? a : b;
		default:
			return (a < b || a != a) ? a : b;
	}
}

template <typename T>
__global__ void
binary_kernel(int op, size_t n, const T *a, bool a_scalar, const T *b, bool b_scalar, T *c)
{
	for (size_t i = blockIdx.x * (size_t) blockDim.x + threadIdx.x; i < n;
		 i += (size_t) gridDim.x * blockDim.x)
		c[i] = binary_value(op, a[a_scalar ? 0 : i], b[b_scalar ? 0 : i]);
}

__device__ __forceinline__ double
fold_value(int op, double acc, double x)
{
	switch (op)
	{
		case MG_REDUCE_MIN:
			return (acc != acc || x != x) ? NAN : (x < acc ? x : acc);
		case MG_REDUCE_MAX:
			return (acc != acc || x != x) ? NAN : (x > acc ? x : acc);
		case MG_REDUCE_SUMSQ:
			return acc + x * x;
		default:
			return acc + x;
	}
}

/* folding two partial results */
__device__ __forceinline__ double
combine_value(int op, double a, double b)
{
	return op == MG_REDUCE_SUMSQ ? a + b : fold_value(op, a, b);
}

static __host__ __device__ double
identity(int op)
{
	return op == MG_REDUCE_MIN ? INFINITY : (op == MG_REDUCE_MAX ? -INFINITY : 0.0);
}

template <typename T>
__global__ void
reduce_kernel(int op, size_t n, const T *a, double *partial)
{
	__shared__ double acc[GPU_THREADS];
	double		v = identity(op);

	for (size_t i = blockIdx.x * (size_t) blockDim.x + threadIdx.x; i < n;
		 i += (size_t) gridDim.x * blockDim.x)
		v = fold_value(op, v, (double) a[i]);
	acc[threadIdx.x] = v;
	__syncthreads();
	for (int half = blockDim.x / 2; half > 0; half >>= 1)
	{
		if ((int) threadIdx.x < half)
			acc[threadIdx.x] = combine_value(op, acc[threadIdx.x], acc[threadIdx.x + half]);
		__syncthreads();
	}
	if (threadIdx.x == 0)
		partial[blockIdx.x] = acc[0];
}

static double
combine_host(int op, double a, double b)
{
	if (op == MG_REDUCE_MIN || op == MG_REDUCE_MAX)
	{
		if (a != a || b != b)
			return NAN;
		return op == MG_REDUCE_MIN ? (b < a ? b : a) : (b > a ? b : a);
	}
	return a + b;
}

/* elements per chunk when `arrays` arrays of that many elements share budget */
static size_t
chunk_elements(const MgCall *call, size_t elem, int arrays, size_t n)
{
	size_t		fit = gpu_budget(call) / (elem * arrays + 1);
	size_t		chunk = fit < CHUNK_MAX ? fit : CHUNK_MAX;

	if (chunk > n)
		chunk = n;
	return chunk;
}

static MgStatus
timed_copy(MgCall *call, void *dst, const void *src, size_t bytes, cudaMemcpyKind kind,
		   cudaEvent_t from, cudaEvent_t to)
{
	cudaError_t e;

	cudaEventRecord(from, gpu_state.stream);
	e = cudaMemcpyAsync(dst, src, bytes, kind, gpu_state.stream);
	if (e != cudaSuccess)
		return gpu_fail(call, "could not copy elements between host and device", e);
	cudaEventRecord(to, gpu_state.stream);
	e = cudaEventSynchronize(to);
	if (e != cudaSuccess)
		return gpu_fail(call, "could not copy elements between host and device", e);
	gpu_add_elapsed(&gpu_state.stats.transfer_ms, from, to);
	if (kind == cudaMemcpyHostToDevice)
		gpu_state.stats.bytes_to_device += bytes;
	else
		gpu_state.stats.bytes_from_device += bytes;
	return MG_OK;
}

typedef struct Buffers
{
	void	   *d[3];
	cudaEvent_t ev[2];
} Buffers;

static MgStatus
buffers_open(MgCall *call, Buffers *b, size_t bytes0, size_t bytes1, size_t bytes2)
{
	size_t		bytes[3] = {bytes0, bytes1, bytes2};
	cudaError_t e = cudaSuccess;

	memset(b, 0, sizeof(*b));
	for (int i = 0; i < 2 && e == cudaSuccess; i++)
		e = cudaEventCreate(&b->ev[i]);
	for (int i = 0; i < 3 && e == cudaSuccess; i++)
		if (bytes[i] > 0)
			e = cudaMalloc(&b->d[i], bytes[i]);
	if (e != cudaSuccess)
		return gpu_fail(call, "could not allocate device memory", e);
	return MG_OK;
}

static void
buffers_close(Buffers *b)
{
	cudaStreamSynchronize(gpu_state.stream);
	for (int i = 0; i < 3; i++)
		cudaFree(b->d[i]);
	for (int i = 0; i < 2; i++)
		if (b->ev[i] != NULL)
			cudaEventDestroy(b->ev[i]);
	(void) cudaGetLastError();
}

static MgStatus
kernel_done(MgCall *call, cudaEvent_t from, cudaEvent_t to)
{
	cudaError_t e = cudaGetLastError();

	if (e == cudaSuccess)
		e = cudaEventRecord(to, gpu_state.stream);
	if (e == cudaSuccess)
		e = cudaEventSynchronize(to);
	if (e != cudaSuccess)
		return gpu_fail(call, "an elementwise kernel failed on the device", e);
	gpu_add_elapsed(&gpu_state.stats.compute_ms, from, to);
	return MG_OK;
}

MgStatus
gpu_binary(MgCall *call, int op, int elem, int64_t n, const void *a, int64_t na,
		   const void *b, int64_t nb, void *c)
{
	Buffers		buf;
	size_t		chunk;
	MgStatus	status;

	if (!gpu_ready(call))
		return MG_ERR_NO_DEVICE;
	if ((elem != 4 && elem != 8) || n < 0 || (na != n && na != 1) || (nb != n && nb != 1) ||
		op < MG_BINARY_ADD || op > MG_BINARY_MINIMUM)
		return gpu_fail_argument(call, "an elementwise operation was given sizes the GPU module does not take");
	gpu_state.stats.calls++;
	if (n == 0)
		return MG_OK;
	chunk = chunk_elements(call, elem, 3, (size_t) n);
	if (chunk < CHUNK_MIN && chunk < (size_t) n)
	{
		snprintf(call->err, sizeof(call->err), "too little device memory for an elementwise operation");
		return MG_ERR_MEMORY;
	}
	status = buffers_open(call, &buf, chunk * elem, chunk * elem, chunk * elem);
	for (size_t start = 0; start < (size_t) n && status == MG_OK; start += chunk)
	{
		size_t		len = (size_t) n - start < chunk ? (size_t) n - start : chunk;
		bool		a_scalar = na == 1 && n != 1;
		bool		b_scalar = nb == 1 && n != 1;

		if (start > 0 && gpu_canceled(call))
		{
			status = MG_ERR_CANCELED;
			break;
		}
		if (!a_scalar || start == 0)
			status = timed_copy(call, buf.d[0], (const char *) a + (a_scalar ? 0 : start * elem),
								(a_scalar ? 1 : len) * elem, cudaMemcpyHostToDevice, buf.ev[0], buf.ev[1]);
		if (status == MG_OK && (!b_scalar || start == 0))
			status = timed_copy(call, buf.d[1], (const char *) b + (b_scalar ? 0 : start * elem),
								(b_scalar ? 1 : len) * elem, cudaMemcpyHostToDevice, buf.ev[0], buf.ev[1]);
		if (status != MG_OK)
			break;
		cudaEventRecord(buf.ev[0], gpu_state.stream);
		if (elem == 4)
			binary_kernel<float><<<gpu_grid(len, GPU_THREADS), GPU_THREADS, 0, gpu_state.stream>>>
				(op, len, (const float *) buf.d[0], a_scalar, (const float *) buf.d[1], b_scalar,
				 (float *) buf.d[2]);
		else
			binary_kernel<double><<<gpu_grid(len, GPU_THREADS), GPU_THREADS, 0, gpu_state.stream>>>
				(op, len, (const double *) buf.d[0], a_scalar, (const double *) buf.d[1], b_scalar,
				 (double *) buf.d[2]);
		status = kernel_done(call, buf.ev[0], buf.ev[1]);
		if (status == MG_OK)
			status = timed_copy(call, (char *) c + start * elem, buf.d[2], len * elem,
								cudaMemcpyDeviceToHost, buf.ev[0], buf.ev[1]);
	}
	buffers_close(&buf);
	return status;
}

MgStatus
gpu_reduce(MgCall *call, int op, int elem, int64_t n, const void *a, double *result)
{
	Buffers		buf;
	size_t		chunk;
	double		partial[REDUCE_BLOCKS];
	double		acc = identity(op);
	MgStatus	status;

	if (!gpu_ready(call))
		return MG_ERR_NO_DEVICE;
	if ((elem != 4 && elem != 8) || n < 1 || op < MG_REDUCE_SUM || op > MG_REDUCE_SUMSQ)
		return gpu_fail_argument(call, "a reduction was given sizes the GPU module does not take");
	gpu_state.stats.calls++;
	chunk = chunk_elements(call, elem, 1, (size_t) n);
	if (chunk < CHUNK_MIN && chunk < (size_t) n)
	{
		snprintf(call->err, sizeof(call->err), "too little device memory for a reduction");
		return MG_ERR_MEMORY;
	}
	status = buffers_open(call, &buf, chunk * elem, sizeof(partial), 0);
	for (size_t start = 0; start < (size_t) n && status == MG_OK; start += chunk)
	{
		size_t		len = (size_t) n - start < chunk ? (size_t) n - start : chunk;
		unsigned int blocks = gpu_grid(len, GPU_THREADS);

		if (blocks > REDUCE_BLOCKS)
			blocks = REDUCE_BLOCKS;
		if (start > 0 && gpu_canceled(call))
		{
			status = MG_ERR_CANCELED;
			break;
		}
		status = timed_copy(call, buf.d[0], (const char *) a + start * elem, len * elem,
							cudaMemcpyHostToDevice, buf.ev[0], buf.ev[1]);
		if (status != MG_OK)
			break;
		cudaEventRecord(buf.ev[0], gpu_state.stream);
		if (elem == 4)
			reduce_kernel<float><<<blocks, GPU_THREADS, 0, gpu_state.stream>>>
				(op, len, (const float *) buf.d[0], (double *) buf.d[1]);
		else
			reduce_kernel<double><<<blocks, GPU_THREADS, 0, gpu_state.stream>>>
				(op, len, (const double *) buf.d[0], (double *) buf.d[1]);
		status = kernel_done(call, buf.ev[0], buf.ev[1]);
		if (status == MG_OK)
			status = timed_copy(call, partial, buf.d[1], sizeof(double) * blocks,
								cudaMemcpyDeviceToHost, buf.ev[0], buf.ev[1]);
		for (unsigned int i = 0; i < blocks && status == MG_OK; i++)
			acc = combine_host(op, acc, partial[i]);
	}
	buffers_close(&buf);
	*result = acc;
	return status;
}
