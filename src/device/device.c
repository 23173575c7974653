/*
 * device.c
 *	  The backend's door to marsql_gpu.so: loaded with dlopen on first use
 *	  (never in the postmaster: CUDA must not start before fork), a device
 *	  opened once per process (ordinal: the process id modulo the device
 *	  count, so sessions and workers spread over several GPUs), the choice
 *	  between CPU and GPU for each piece of work, GPU statuses turned into
 *	  PostgreSQL errors, and the matrix products that run on either.
 *
 *	  The module allocates and frees its device buffers inside each call
 *	  and never raises, so no PostgreSQL error can leave device memory
 *	  behind; a cancel is polled between the module's steps.
 */
#include "postgres.h"

#include <dlfcn.h>
#include <math.h>
#include <unistd.h>

#include "miscadmin.h"
#include "utils/builtins.h"

#include "device/device.h"
#include "engine/engine.h"
#include "guc.h"
#include "kernels/broadcast.h"
#include "kernels/elementwise.h"
#include "kernels/gemm.h"
#include "kernels/knn.h"
#include "kernels/reduce.h"
#include "tensor/tensor.h"

/* auto's rules: at least this much arithmetic, and this much per byte copied */
#define AUTO_MIN_MULTIPLY_ADDS ((double) (1 << 26))
#define AUTO_MIN_ADDS_PER_BYTE 32.0
#define AUTO_KNN_MIN_QUERIES 16

/* the driver API's CUresult for a machine without a device */
#define CUDA_ERROR_NO_DEVICE 100

static const MgApi *gpu_api = NULL;
static bool gpu_load_tried = false;
static int	gpu_ordinal = -1;
static bool gpu_open_tried = false;
static bool gpu_is_missing_module = false;	/* no marsql_gpu.so at all */
/*
 * The machine simply has no GPU: no module, no NVIDIA driver, or a driver
 * that finds no device.  auto then runs on the CPU without a word to the
 * client (as PostgreSQL's jit does); only a GPU stack that is there and
 * fails is worth a NOTICE.
 */
static bool gpu_is_absent = false;
static char gpu_why[512];		/* why no GPU can be used, once known */
static bool gpu_notice_sent = false;
static char gpu_path[MAXPGPATH];

StaticAssertDecl(MG_BINARY_ADD == (int) MT_BINARY_ADD &&
				 MG_BINARY_MINIMUM == (int) MT_BINARY_MINIMUM &&
				 MG_METRIC_L2 == (int) MT_METRIC_L2 &&
				 MG_METRIC_COSINE == (int) MT_METRIC_COSINE,
				 "the GPU module's codes are the kernels'");

DeviceMode
device_mode_arg(text *arg)
{
	char	   *name;

	if (arg == NULL)
		return (DeviceMode) marsql_device;
	name = text_to_cstring(arg);
	if (pg_strcasecmp(name, "auto") == 0)
		return DEVICE_AUTO;
	if (pg_strcasecmp(name, "cpu") == 0)
		return DEVICE_CPU;
	if (pg_strcasecmp(name, "gpu") == 0)
		return DEVICE_GPU;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid device \"%s\"", name),
			 errhint("Use auto, cpu or gpu.")));
	return DEVICE_AUTO;			/* not reached */
}

DeviceMode
device_mode_from_task(int32 mode)
{
	if (mode != DEVICE_AUTO && mode != DEVICE_CPU && mode != DEVICE_GPU)
		engine_malformed_task("task names an unknown device");
	return (DeviceMode) mode;
}

const char *
device_gpu_library_path(void)
{
	if (gpu_path[0] == '\0')
		snprintf(gpu_path, sizeof(gpu_path), "%s/marsql_gpu.so", pkglib_path);
	return gpu_path;
}

const MgApi *
device_gpu_library(const char **why)
{
	if (!gpu_load_tried)
	{
		const char *path = device_gpu_library_path();
		void	   *handle;
		const MgApi *(*entry) (void);

		if (IsPostmasterEnvironment && !IsUnderPostmaster)
			elog(ERROR, "the GPU module must not be loaded in the postmaster");
		gpu_load_tried = true;
		handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		if (handle == NULL)
		{
			/* absent is the normal case of a build without nvcc */
			if (access(path, F_OK) != 0)
			{
				gpu_is_missing_module = true;
				gpu_is_absent = true;
				snprintf(gpu_why, sizeof(gpu_why),
						 "marsql was built without GPU support (\"%s\" is not installed)", path);
			}
			else
				snprintf(gpu_why, sizeof(gpu_why), "could not load \"%s\": %s", path, dlerror());
		}
		else
		{
			*(void **) &entry = dlsym(handle, "marsql_gpu_api");
			if (entry == NULL || entry()->api_version != MG_API_VERSION)
				snprintf(gpu_why, sizeof(gpu_why),
						 "\"%s\" does not match this marsql: reinstall marsql", path);
			else
				gpu_api = entry();
		}
	}
	if (why != NULL)
		*why = gpu_why;
	return gpu_api;
}

int
device_gpu_ordinal(void)
{
	return gpu_ordinal;
}

static MgCall
session_call(void)
{
	MgCall		call;

	memset(&call, 0, sizeof(call));
	call.memory_limit = (uint64_t) marsql_gpu_memory_limit_mb * 1024 * 1024;
	call.poll = tensor_poll_interrupts;
	return call;
}

/*
 * Whether the NVIDIA driver is installed and sees a device, asked of the
 * driver library itself (libcuda, small), so that a machine without a GPU
 * never maps the GPU module and cuBLAS (hundreds of MB of libraries): every
 * worker would pay for them.
 */
static bool
driver_sees_device(void)
{
	void	   *driver = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
	int			(*cu_init) (unsigned int);
	int			(*cu_count) (int *);
	int			(*cu_error) (int, const char **);
	const char *message = NULL;
	int			count = 0;
	int			status;

	if (driver == NULL)
	{
		gpu_is_absent = true;
		snprintf(gpu_why, sizeof(gpu_why),
				 "no NVIDIA driver: libcuda.so.1 could not be loaded");
		return false;
	}
	*(void **) &cu_init = dlsym(driver, "cuInit");
	*(void **) &cu_count = dlsym(driver, "cuDeviceGetCount");
	*(void **) &cu_error = dlsym(driver, "cuGetErrorString");
	if (cu_init == NULL || cu_count == NULL)
	{
		snprintf(gpu_why, sizeof(gpu_why), "libcuda.so.1 lacks cuInit");
		dlclose(driver);
		return false;
	}
	status = cu_init(0);
	if (status == 0)
		status = cu_count(&count);
	if (status != 0 || count < 1)
	{
		/* CUDA_ERROR_NO_DEVICE: a driver without a device is no failure */
		gpu_is_absent = (status == 0 || status == CUDA_ERROR_NO_DEVICE);
		if (status != 0 && cu_error != NULL)
			cu_error(status, &message);
		snprintf(gpu_why, sizeof(gpu_why), "no CUDA device: %s",
				 message ? message : (status != 0 ? "the driver failed to start" : "the driver found none"));
		return false;
	}
	return true;
}

bool
device_gpu_driver_ready(const char **why)
{
	static int	ready = -1;		/* not yet asked */

	if (ready < 0)
		ready = driver_sees_device() ? 1 : 0;
	if (why != NULL)
		*why = gpu_why;
	return ready == 1;
}

/* opens this process's device once; false (gpu_why set) when none is usable */
static bool
gpu_open(void)
{
	if (gpu_ordinal >= 0)
		return true;
	if (!gpu_open_tried)
	{
		const MgApi *api;
		MgCall		call = session_call();
		MgDeviceInfo devices[16];
		int			count = 0;

		/* CUDA must not start in the postmaster: every backend would inherit it */
		if (IsPostmasterEnvironment && !IsUnderPostmaster)
			elog(ERROR, "the GPU must not be opened in the postmaster");
		gpu_open_tried = true;
		if (access(device_gpu_library_path(), F_OK) != 0)
		{
			(void) device_gpu_library(NULL);	/* sets why */
			return false;
		}
		if (!device_gpu_driver_ready(NULL))
			return false;
		api = device_gpu_library(NULL);
		if (api == NULL)
			return false;
		if (api->devices(devices, lengthof(devices), &count, &call) != MG_OK || count < 1)
		{
			snprintf(gpu_why, sizeof(gpu_why), "%s", call.err[0] ? call.err : "no CUDA device");
			return false;
		}
		if (api->open(MyProcPid % count, NULL, &call) != MG_OK)
		{
			snprintf(gpu_why, sizeof(gpu_why), "%s", call.err);
			return false;
		}
		gpu_ordinal = MyProcPid % count;
	}
	return gpu_ordinal >= 0;
}

bool
device_use_gpu(DeviceMode mode, bool worth_it, bool quiet)
{
	if (mode == DEVICE_CPU || (mode == DEVICE_AUTO && !worth_it))
		return false;
	if (gpu_open())
		return true;
	if (mode == DEVICE_GPU)
		ereport(ERROR,
				(errcode(gpu_is_missing_module ? ERRCODE_FEATURE_NOT_SUPPORTED
						 : ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("no GPU is available for marsql.device = gpu"),
				 errdetail("%s.", gpu_why),
				 errhint("Set marsql.device to auto or cpu, or pass device => 'cpu', to run on the CPU.")));
	if (!quiet && !gpu_notice_sent)
	{
		/* once per session; the reason stays in marsql.gpu_info() */
		gpu_notice_sent = true;
		if (gpu_is_absent)
			elog(DEBUG1, "marsql: no GPU is available, so marsql.device = auto runs on the CPU: %s",
				 gpu_why);
		else
			ereport(NOTICE,
					(errmsg("the GPU could not be used, so marsql.device = auto runs on the CPU"),
					 errdetail("%s.", gpu_why),
					 errhint("Fix the GPU installation (see marsql.gpu_info()), or set marsql.device = cpu to choose the CPU without this notice.")));
	}
	return false;
}

bool
device_gemm_worth_it(MtDtype dtype, double m, double n, double k)
{
	double		madds = m * n * k;
	double		bytes = (m * k + k * n + m * n) * mt_dtype_size(dtype);

	return madds >= AUTO_MIN_MULTIPLY_ADDS && madds >= AUTO_MIN_ADDS_PER_BYTE * bytes;
}

bool
device_knn_worth_it(int nq, int64 nx, int dims, int k)
{
	return nq >= AUTO_KNN_MIN_QUERIES &&
		(double) nq * nx * dims >= AUTO_MIN_MULTIPLY_ADDS &&
		mt_knn_candidate_count(k) <= MG_KNN_MAX_CANDIDATES;
}

const MgApi *
device_gpu(MgCall *call)
{
	if (gpu_ordinal < 0 || gpu_api == NULL)
		elog(ERROR, "the GPU was used before it was opened");
	*call = session_call();
	return gpu_api;
}

bool
device_gpu_check(MgStatus status, const MgCall *call, DeviceMode mode, const char *what)
{
	switch (status)
	{
		case MG_OK:
			return true;
		case MG_ERR_CANCELED:
			tensor_check_status(MT_ERR_CANCELED, NULL);
			break;
		case MG_ERR_MEMORY:
			if (mode == DEVICE_AUTO)
			{
				elog(DEBUG1, "marsql: %s on the CPU: %s", what, call->err);
				return false;
			}
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of GPU memory for %s", what),
					 errdetail("%s.", call->err),
					 errhint("Raise marsql.gpu_memory_limit, or run it on the CPU with marsql.device = auto or cpu.")));
			break;
		case MG_ERR_CUDA:
		case MG_ERR_NO_DEVICE:
			/* a failed kernel may leave the context unusable: no more GPU here */
			gpu_ordinal = -1;
			snprintf(gpu_why, sizeof(gpu_why), "an earlier GPU error in this session: %s", call->err);
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("GPU failed during %s", what),
					 errdetail("%s.", call->err),
					 errhint("This session runs later work on the CPU (auto) or refuses it (gpu); reconnect to use the GPU again.")));
			break;
		case MG_ERR_ARGUMENT:
			elog(ERROR, "GPU module refused %s: %s", what, call->err);
			break;
	}
	return false;
}

/*
 * C = A B (or C += A B), row-major and contiguous, on the GPU; false when
 * auto should run it on the CPU instead (device memory too small)
 */
static bool
gpu_product(DeviceMode mode, MtDtype dtype, int m, int n, int k, const void *a,
			const void *b, void *c, bool accumulate)
{
	MgCall		call;
	const MgApi *api = device_gpu(&call);

	return device_gpu_check(api->gemm(&call, (int) mt_dtype_size(dtype), false, false,
									  accumulate, m, n, k, a, k > 0 ? k : 1,
									  b, n > 0 ? n : 1, c, n > 0 ? n : 1),
							&call, mode, "a matrix product");
}

void
device_gemm(DeviceMode mode, bool quiet, MtDtype dtype, int m, int n, int k,
			const void *a, const void *b, void *c, bool accumulate, int threads)
{
	/* the GPU module multiplies float32 and float64 only (by element size) */
	if (dtype != MT_FLOAT32 && dtype != MT_FLOAT64)
		elog(ERROR, "device_gemm called for dtype %s", mt_dtype_name(dtype));
	if (device_use_gpu(mode, device_gemm_worth_it(dtype, m, n, k), quiet) &&
		gpu_product(mode, dtype, m, n, k, a, b, c, accumulate))
		return;
	tensor_kernels();
	if (threads > 0)
		mt_blas_set_threads(mt_blas_loaded(), threads);
	tensor_check_status(mt_gemm_panels(dtype, m, n, k, a, b, c, accumulate, threads,
									   tensor_poll_interrupts, NULL), NULL);
}

void
device_matmul_batched(DeviceMode mode, MtDtype dtype, int m, int n, int k,
					  int batch_ndim, const int64_t *batch_dims,
					  int batch_ndim_a, const int32_t *batch_dims_a,
					  int batch_ndim_b, const int32_t *batch_dims_b,
					  const void *a, const void *b, void *c, int threads)
{
	int64_t		batches = 1;

	if (dtype != MT_FLOAT32 && dtype != MT_FLOAT64)
		elog(ERROR, "device_matmul_batched called for dtype %s", mt_dtype_name(dtype));
	for (int i = 0; i < batch_ndim; i++)
		batches *= batch_dims[i];
	/* each product of the stack is judged alone: they go over one by one */
	if (batches > 0 &&
		device_use_gpu(mode, device_gemm_worth_it(dtype, m, n, k), false))
	{
		size_t		elem = mt_dtype_size(dtype);
		MtBroadcastIter it;
		bool		done = true;

		mt_broadcast_iter_init(&it, batch_ndim, batch_dims, batch_ndim_a,
							   batch_dims_a, batch_ndim_b, batch_dims_b);
		for (int64_t i = 0; i < batches && done; i++)
		{
			CHECK_FOR_INTERRUPTS();
			done = gpu_product(mode, dtype, m, n, k,
							   (const char *) a + it.offset_a * m * k * elem,
							   (const char *) b + it.offset_b * k * n * elem,
							   (char *) c + i * m * n * elem, false);
			mt_broadcast_iter_next(&it);
		}
		if (done)
			return;
	}
	tensor_kernels();
	tensor_check_status(mt_matmul_batched(dtype, m, n, k, batch_ndim, batch_dims,
										  batch_ndim_a, batch_dims_a,
										  batch_ndim_b, batch_dims_b,
										  a, b, c, threads,
										  tensor_poll_interrupts, NULL), NULL);
}

bool
device_binary(DeviceMode mode, int op, MtDtype dtype, int64 n,
			  const void *a, int64 na, const void *b, int64 nb, void *c)
{
	MgCall		call;
	const MgApi *api;

	/* the GPU module knows float32 and float64 only: the CPU does the rest */
	if ((dtype != MT_FLOAT32 && dtype != MT_FLOAT64) ||
		(na != n && na != 1) || (nb != n && nb != 1) || n == 0 ||
		!device_use_gpu(mode, false, false))
		return false;
	api = device_gpu(&call);
	return device_gpu_check(api->binary(&call, (int) op, (int) mt_dtype_size(dtype), n,
										a, na, b, nb, c),
							&call, mode, "an elementwise operation");
}

bool
device_reduce(DeviceMode mode, int op, MtDtype dtype, int64 n,
			  const void *a, double param, double *result)
{
	MgCall		call;
	const MgApi *api;
	int			gpu_op;
	double		value;

	switch (op)
	{
		case MT_REDUCE_SUM:
		case MT_REDUCE_MEAN:
			gpu_op = MG_REDUCE_SUM;
			break;
		case MT_REDUCE_MIN:
			gpu_op = MG_REDUCE_MIN;
			break;
		case MT_REDUCE_MAX:
			gpu_op = MG_REDUCE_MAX;
			break;
		case MT_REDUCE_NORM_P:
			if (param != 2.0)
				return false;
			gpu_op = MG_REDUCE_SUMSQ;
			break;
		default:
			return false;
	}
	if ((dtype != MT_FLOAT32 && dtype != MT_FLOAT64) ||
		n < 1 || !device_use_gpu(mode, false, false))
		return false;
	api = device_gpu(&call);
	if (!device_gpu_check(api->reduce(&call, gpu_op, (int) mt_dtype_size(dtype), n, a, &value),
						  &call, mode, "a reduction"))
		return false;
	if (op == MT_REDUCE_MEAN)
		value /= (double) n;
	else if (op == MT_REDUCE_NORM_P)
		value = sqrt(value);
	*result = value;
	return true;
}
