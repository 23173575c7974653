/*
 * gpu_context.cu
 *	  The process's device: listing devices, opening one (context, two
 *	  streams, a cuBLAS handle that never uses TF32 or reduced precision),
 *	  the error helpers, the memory budget of a call, the counters, and the
 *	  exported table marsql_gpu_api.
 */
#include <stdio.h>
#include <string.h>

#include "gpu_internal.h"

GpuState	gpu_state = {-1, NULL, NULL, NULL, {0, 0, 0, 0, 0}};

/* never plan to take more than this share of what the device has free */
#define FREE_MEMORY_SHARE 0.85

static void
set_err(MgCall *call, const char *fmt, const char *a, const char *b)
{
	snprintf(call->err, sizeof(call->err), fmt, a, b);
}

MgStatus
gpu_fail(MgCall *call, const char *what, cudaError_t e)
{
	set_err(call, "%s: %s", what, cudaGetErrorString(e));
	(void) cudaGetLastError();	/* clear a sticky non-fatal error */
	return e == cudaErrorMemoryAllocation ? MG_ERR_MEMORY : MG_ERR_CUDA;
}

MgStatus
gpu_fail_blas(MgCall *call, const char *what, cublasStatus_t s)
{
	set_err(call, "%s: %s", what, cublasGetStatusString(s));
	return s == CUBLAS_STATUS_ALLOC_FAILED ? MG_ERR_MEMORY : MG_ERR_CUDA;
}

MgStatus
gpu_fail_argument(MgCall *call, const char *message)
{
	set_err(call, "%s%s", message, "");
	return MG_ERR_ARGUMENT;
}

bool
gpu_ready(MgCall *call)
{
	if (gpu_state.ordinal >= 0)
		return true;
	set_err(call, "%s%s", "the GPU module was used before a device was opened", "");
	return false;
}

size_t
gpu_budget(const MgCall *call)
{
	size_t		free_bytes = 0,
				total_bytes = 0;
	size_t		budget;

	if (cudaMemGetInfo(&free_bytes, &total_bytes) != cudaSuccess)
	{
		(void) cudaGetLastError();
		free_bytes = 0;
	}
	budget = (size_t) (free_bytes * FREE_MEMORY_SHARE);
	if (call->memory_limit > 0 && call->memory_limit < budget)
		budget = (size_t) call->memory_limit;
	return budget;
}

void
gpu_add_elapsed(double *counter, cudaEvent_t from, cudaEvent_t to)
{
	float		ms = 0;

	if (cudaEventElapsedTime(&ms, from, to) == cudaSuccess)
		*counter += ms;
	else
		(void) cudaGetLastError();
}

unsigned int
gpu_grid(int64_t n, int threads)
{
	int64_t		blocks = (n + threads - 1) / threads;

	if (blocks < 1)
		blocks = 1;
	/* grid-stride loops cover the rest */
	return blocks > 65535 * 4 ? 65535 * 4 : (unsigned int) blocks;
}

static MgStatus
gpu_devices(MgDeviceInfo *out, int max, int *count, MgCall *call)
{
	int			n = 0;
	cudaError_t e = cudaGetDeviceCount(&n);

	*count = 0;
	if (e != cudaSuccess)
	{
		gpu_fail(call, "no CUDA device", e);
		return MG_ERR_NO_DEVICE;
	}
	for (int i = 0; i < n && i < max; i++)
	{
		cudaDeviceProp prop;

		e = cudaGetDeviceProperties(&prop, i);
		if (e != cudaSuccess)
			return gpu_fail(call, "could not read the device's properties", e);
		memset(&out[i], 0, sizeof(MgDeviceInfo));
		out[i].ordinal = i;
		snprintf(out[i].name, sizeof(out[i].name), "%s", prop.name);
		out[i].major = prop.major;
		out[i].minor = prop.minor;
		out[i].multiprocessors = prop.multiProcessorCount;
		out[i].total_bytes = prop.totalGlobalMem;
		if (i == gpu_state.ordinal)
		{
			size_t		f,
						t;

			if (cudaMemGetInfo(&f, &t) == cudaSuccess)
				out[i].free_bytes = f;
			else
				(void) cudaGetLastError();
		}
	}
	*count = n;
	if (n == 0)
	{
		set_err(call, "%s%s", "the CUDA runtime found no device", "");
		return MG_ERR_NO_DEVICE;
	}
	return MG_OK;
}

static MgStatus
gpu_open(int ordinal, MgDeviceInfo *info, MgCall *call)
{
	cudaError_t e;
	cublasStatus_t s;
	int			count;
	MgStatus	status;

	if (gpu_state.ordinal < 0)
	{
		MgDeviceInfo one;

		status = gpu_devices(&one, 1, &count, call);
		if (status != MG_OK)
			return status;
		if (ordinal < 0 || ordinal >= count)
			return gpu_fail_argument(call, "no CUDA device has that ordinal");
		e = cudaSetDevice(ordinal);
		if (e == cudaSuccess)
			e = cudaFree(NULL);	/* creates the context now */
		if (e != cudaSuccess)
		{
			gpu_fail(call, "could not open the CUDA device", e);
			return MG_ERR_NO_DEVICE;
		}
		e = cudaStreamCreateWithFlags(&gpu_state.stream, cudaStreamNonBlocking);
		if (e == cudaSuccess)
			e = cudaStreamCreateWithFlags(&gpu_state.copy_stream, cudaStreamNonBlocking);
		if (e != cudaSuccess)
			return gpu_fail(call, "could not create a CUDA stream", e);
		s = cublasCreate(&gpu_state.blas);
		if (s != CUBLAS_STATUS_SUCCESS)
			return gpu_fail_blas(call, "could not start cuBLAS", s);
		/*
		 * At least the requested precision throughout: never TF32 for
		 * float32 (the k-NN error bound and the same-answers tolerance
		 * assume IEEE float32 products).
		 */
		s = cublasSetMathMode(gpu_state.blas, CUBLAS_DEFAULT_MATH);
		if (s == CUBLAS_STATUS_SUCCESS)
			s = cublasSetStream(gpu_state.blas, gpu_state.stream);
		if (s != CUBLAS_STATUS_SUCCESS)
			return gpu_fail_blas(call, "could not set up cuBLAS", s);
		gpu_state.ordinal = ordinal;
	}
	else if (ordinal != gpu_state.ordinal)
		return gpu_fail_argument(call, "this process has already opened another CUDA device");
	if (info != NULL)
	{
		MgDeviceInfo all[16];

		status = gpu_devices(all, 16, &count, call);
		if (status != MG_OK)
			return status;
		if (ordinal < 16)
			*info = all[ordinal];
	}
	return MG_OK;
}

static void
gpu_stats(MgStats *out)
{
	*out = gpu_state.stats;
}

static char build[64];

static MgApi api = {
	MG_API_VERSION,
	build,
	gpu_devices,
	gpu_open,
	gpu_stats,
	gpu_gemm,
	gpu_knn,
	gpu_binary,
	gpu_reduce,
};

extern "C" __attribute__((visibility("default"))) const MgApi *
marsql_gpu_api(void)
{
	if (build[0] == '\0')
		snprintf(build, sizeof(build), "CUDA %d.%d, cuBLAS %d.%d.%d",
				 CUDART_VERSION / 1000, CUDART_VERSION % 1000 / 10,
				 CUBLAS_VER_MAJOR, CUBLAS_VER_MINOR, CUBLAS_VER_PATCH);
	return &api;
}
