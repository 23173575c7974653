/*
 * device.h
 *	  Where work runs: marsql.device (auto | cpu | gpu), the per-call device
 *	  argument, and the backend's door to marsql_gpu.so (device.c), which
 *	  is loaded with dlopen on first use and never in the postmaster.
 *	  Without the module or a CUDA device, auto runs on the CPU (one
 *	  NOTICE per session) and gpu is an error.
 */
#ifndef MARSQL_DEVICE_H
#define MARSQL_DEVICE_H

#include "kernels/gpu_api.h"
#include "kernels/tensor_layout.h"

/* include postgres.h first */

typedef enum DeviceMode
{
	DEVICE_AUTO = 0,			/* the GPU when present and worth the copy */
	DEVICE_CPU = 1,
	DEVICE_GPU = 2
} DeviceMode;

/* a function's device argument ("auto", "cpu", "gpu"); NULL: marsql.device */
extern DeviceMode device_mode_arg(text *arg);

/* the mode a task header carries, checked (08P01 when out of range) */
extern DeviceMode device_mode_from_task(int32 mode);

/*
 * Whether work runs on the GPU.  worth_it is auto's size rule; quiet
 * suppresses auto's NOTICE (tasks, which run on workers and peers).  With
 * DEVICE_GPU and no usable GPU this raises.
 */
extern bool device_use_gpu(DeviceMode mode, bool worth_it, bool quiet);

/*
 * Whether the NVIDIA driver loads and finds a device (asked once per
 * process, without loading the GPU module); *why gets the reason when not,
 * the text marsql.gpu_info(), the NOTICE and the log all give.
 */
extern bool device_gpu_driver_ready(const char **why);

/* auto's size rules: enough arithmetic per byte copied to the device */
extern bool device_gemm_worth_it(MtDtype dtype, double m, double n, double k);
extern bool device_knn_worth_it(int nq, int64 nx, int dims, int k);

/*
 * The GPU module's table and a call set up from the session's settings
 * (memory limit, cancel polling); only after device_use_gpu said yes.
 */
extern const MgApi *device_gpu(MgCall *call);

/*
 * Turns a GPU status into an error.  Returns false, without raising, for
 * an out-of-memory under DEVICE_AUTO: the caller then runs on the CPU.
 */
extern bool device_gpu_check(MgStatus status, const MgCall *call, DeviceMode mode,
							 const char *what);

/*
 * C = A B (or C += A B), row-major and contiguous, on the device mode
 * picks: the GPU's gemm, or mt_gemm_panels on `threads` CPU threads.
 */
extern void device_gemm(DeviceMode mode, bool quiet, MtDtype dtype, int m, int n, int k,
						const void *a, const void *b, void *c, bool accumulate,
						int threads);

/* mt_matmul_batched on the device mode picks */
extern void device_matmul_batched(DeviceMode mode, MtDtype dtype, int m, int n, int k,
								  int batch_ndim, const int64_t *batch_dims,
								  int batch_ndim_a, const int32_t *batch_dims_a,
								  int batch_ndim_b, const int32_t *batch_dims_b,
								  const void *a, const void *b, void *c, int threads);

/*
 * On the GPU when mode is DEVICE_GPU (auto never pays for the copies):
 * c[i] = a op b where each operand has n elements or one.  false: the
 * caller runs it on the CPU (other broadcasts, or auto and cpu).
 */
extern bool device_binary(DeviceMode mode, int op, MtDtype dtype, int64 n,
						  const void *a, int64 na, const void *b, int64 nb, void *c);

/*
 * A whole-tensor sum, mean, min, max or 2-norm of n >= 1 elements on the
 * GPU when mode is DEVICE_GPU, in float64; false: the caller reduces on
 * the CPU.
 */
extern bool device_reduce(DeviceMode mode, int op, MtDtype dtype, int64 n,
						  const void *a, double param, double *result);

/* for marsql.gpu_info(): the module (NULL and *why when it cannot load),
 * its path, and the device this session opened (-1: none) */
extern const MgApi *device_gpu_library(const char **why);
extern const char *device_gpu_library_path(void);
extern int	device_gpu_ordinal(void);

#endif							/* MARSQL_DEVICE_H */
