/*
 * tensor.h
 *	  The marsql.tensor varlena: layout, accessors and the small set of
 *	  validators and constructors every SQL entry point goes through.
 *
 *	  Layout (always 8-byte aligned after detoasting):
 *		int32	vl_len_		varlena length word, never touched directly
 *		uint8	ndim		0 .. MT_MAX_DIMS
 *		uint8	dtype		MtDtype
 *		uint16	flags		reserved, zero
 *		int32	dims[ndim]
 *		padding to 8 bytes, then the elements in C (row-major) order
 */
#ifndef MARSQL_TENSOR_H
#define MARSQL_TENSOR_H

#include "postgres.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"

#include "kernels/dtype_cast.h"
#include "kernels/sparse.h"
#include "kernels/tensor_layout.h"
#include "tensor/value_cache.h"

typedef struct Tensor
{
	int32		vl_len_;
	uint8		ndim;
	uint8		dtype;
	uint16		flags;
	int32		dims[FLEXIBLE_ARRAY_MEMBER];
} Tensor;

#define TENSOR_DATA(t)	((void *) ((char *) (t) + MT_HEADER_BYTES((t)->ndim)))

/* header flag MT_FLAG_CSR: the data is 2-D CSR (kernels/sparse.h) */
#define tensor_is_csr(t)	(((t)->flags & MT_FLAG_CSR) != 0)

/*
 * Reading a tensor argument.  A large stored value comes from the resident
 * value cache (value_cache.h): the tensor these return is READ-ONLY,
 * shared, valid until the end of the transaction.  Never write into it
 * (copy first) and free it only with PG_FREE_TENSOR_IF_COPY.
 *
 * By dtype: the plain forms accept float32 and float64 only and raise
 * 42804 for any other dtype, so code written for the two float dtypes can
 * never misread an integer, bool, float16 or complex tensor.  A function
 * that handles every dtype says so by using an _ANYDTYPE_ form.
 *
 * By storage: the dense forms densify a sparse value, so code that knows
 * nothing of sparsity never sees CSR data; the _ANY_ forms keep a sparse
 * value as it is (sparse values are always float32 or float64), and the
 * _STORED_ forms give the value exactly as stored (any dtype, any form:
 * for input/output and accessors).
 */
#define DatumGetTensorStoredP(x)	((Tensor *) value_cache_datum(x))
#define DatumGetTensorAnyDtypeP(x)	tensor_densify(DatumGetTensorStoredP(x))
#define DatumGetTensorAnyP(x)	tensor_require_float(DatumGetTensorStoredP(x), NULL)
#define DatumGetTensorP(x)	tensor_require_float(DatumGetTensorAnyDtypeP(x), NULL)
#define PG_GETARG_TENSOR_STORED_P(n)	DatumGetTensorStoredP(PG_GETARG_DATUM(n))
#define PG_GETARG_TENSOR_ANYDTYPE_P(n)	DatumGetTensorAnyDtypeP(PG_GETARG_DATUM(n))
#define PG_GETARG_TENSOR_ANY_P(n) \
	tensor_require_float(DatumGetTensorStoredP(PG_GETARG_DATUM(n)), fcinfo)
#define PG_GETARG_TENSOR_P(n) \
	tensor_require_float(DatumGetTensorAnyDtypeP(PG_GETARG_DATUM(n)), fcinfo)
#define PG_RETURN_TENSOR_P(x)	PG_RETURN_POINTER(x)

/*
 * t itself when it is float32 or float64; else 42804 naming the dtype and,
 * when fcinfo is given, the SQL function.
 */
extern Tensor *tensor_require_float(Tensor *t, FunctionCallInfo fcinfo);

/* PG_FREE_IF_COPY for a tensor argument: never frees the cache's copy */
#define PG_FREE_TENSOR_IF_COPY(ptr, n) \
	do { \
		if ((Pointer) (ptr) != PG_GETARG_POINTER(n) && \
			!value_cache_holds(PG_GETARG_DATUM(n), (ptr))) \
			pfree(ptr); \
	} while (0)

/* elements handled between two CHECK_FOR_INTERRUPTS in long loops */
#define TENSOR_INTERRUPT_STRIDE ((int64) 1 << 20)

extern int64 tensor_size(const Tensor *t);

/* tensor_sparse.c */
struct MtCsr;
extern Tensor *tensor_densify(Tensor *t);
extern Tensor *tensor_new_csr(int64 rows, int64 cols, int64 nnz, MtDtype dtype,
							  struct MtCsr *csr);
extern void tensor_csr_of(const Tensor *t, struct MtCsr *csr);
extern Tensor *tensor_csr_convert(Tensor *s, MtDtype dtype);
extern Tensor *tensor_csr_in(const char *input, int32 typmod);
extern char *tensor_csr_out(Tensor *t);
extern void tensor_dims64(const Tensor *t, int64 *dims);
extern Tensor *tensor_new(int ndim, const int64 *dims, MtDtype dtype);
extern Tensor *tensor_new_uninit(int ndim, const int64 *dims, MtDtype dtype);
extern Tensor *tensor_new_like(const Tensor *t, MtDtype dtype);
extern void tensor_check_shape(int ndim, const int64 *dims, MtDtype dtype);
/* a dtype name: any dtype, or (the plain forms) float32/float64 only */
extern MtDtype tensor_any_dtype_from_text(text *name);
extern MtDtype tensor_any_dtype_from_cstring(const char *name);
extern MtDtype tensor_dtype_from_text(text *name);
extern MtDtype tensor_dtype_from_cstring(const char *name);
extern void tensor_shape_from_array(ArrayType *shape, int *ndim, int64 *dims);
extern void tensor_shape_of_array(ArrayType *array, int *ndim, int64 *dims);
extern float tensor_float32_from_double(double value);
extern Tensor *tensor_convert(Tensor *t, MtDtype dtype);
/* casts to SQL types (tensor_cast.c): 42804 for complex; exact dtypes checked */
extern void tensor_refuse_complex(const Tensor *t, const char *target);
extern Tensor *tensor_to_exact_for_cast(Tensor *t, MtDtype dtype,
										const char *sqltype);
extern void tensor_report_cast_failure(const void *data, MtDtype from,
									   int64 index, MtDtype to,
									   MtCastFailure why) pg_attribute_noreturn();
/* element i of data as tensor_out writes it */
extern void tensor_append_element(StringInfo buf, const void *data,
								  MtDtype dtype, int64 i);
extern void tensor_report_error(const MtError *err, const char *input)
			pg_attribute_noreturn();
extern void tensor_raise_canceled(void) pg_attribute_noreturn();

/* Reads an int[] argument named `what` (one dimension, no NULLs, at most
 * max elements) into out; returns the count. */
extern int	tensor_int_array(ArrayType *arr, int *out, int max, const char *what);
/* the same for an int[] of any shape, its elements in order */
extern int	tensor_int_elements(ArrayType *arr, int *out, int max, const char *what);

/* A numpy axis (negative counts from the end) as 0 .. ndim-1, or an error. */
extern int	tensor_axis(int axis, int ndim);

/* t's shape seen as outer x len x inner around a checked axis (a 0-d
 * tensor is one lane of length 1): the lanes a per-axis kernel walks */
extern void tensor_lanes_of(const Tensor *t, int axis, int64 *outer,
							int64 *len, int64 *inner);

/* numpy's axis=None for take and repeat: flattens *t and returns axis 0;
 * otherwise the checked axis of *t. */
extern int	tensor_axis_or_flatten(Tensor **t, bool axis_null, int axis);

/* A tensor with t's data and a new shape of the same size (a copy). */
extern Tensor *tensor_reshaped(const Tensor *t, int ndim, const int64 *dims);

/* t expanded to a shape it broadcasts to (a copy). */
extern Tensor *tensor_broadcast_to(const Tensor *t, int ndim, const int64 *dims);

/* The contiguous copy of a strided view of t's elements. */
extern Tensor *tensor_from_view(const Tensor *t, int ndim, const int64 *dims,
								const int64 *strides, int64 offset);

/* Same dtype for both, promoted as numpy does (float32 with float64 is
 * float64); returns the tensors converted where needed. */
extern MtDtype tensor_promote(Tensor **a, Tensor **b);

/* The dispatch table, loading OpenBLAS on first use and applying
 * marsql.blas_threads (tensor_blas.c). */
struct MtKernelTable;
extern const struct MtKernelTable *tensor_kernels(void);

/* An MtPollFn for kernels: true when a cancel or terminate is pending and
 * may be processed now. */
extern bool tensor_poll_interrupts(void *arg);

/* Raises the error for a kernel status other than MT_OK; a cancel goes
 * through CHECK_FOR_INTERRUPTS so it reports as PostgreSQL's own. */
static inline void
tensor_check_status(MtStatus status, const MtError *err)
{
	if (status != MT_OK)
	{
		MtError		e;

		if (err == NULL || err->status != status)
		{
			e.status = status;
			e.position = 0;
			e.detail[0] = '\0';
			e.token[0] = '\0';
			err = &e;
		}
		tensor_report_error(err, NULL);
	}
}

#endif							/* MARSQL_TENSOR_H */
