/*
 * tensor_layout.h
 *	  Pure C facts about a tensor value shared by the parsers, the kernels and
 *	  the PostgreSQL glue: dtypes, limits, the on-disk header size, status
 *	  codes, and overflow-checked size arithmetic.  No postgres.h here.
 */
#ifndef MARSQL_TENSOR_LAYOUT_H
#define MARSQL_TENSOR_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Most dimensions a tensor may have (numpy 1.x allows 32 too). */
#define MT_MAX_DIMS 32

/* Largest dimension extent: dims are stored as int32. */
#define MT_MAX_DIM_EXTENT INT32_MAX

/* Largest value PostgreSQL can hold in memory (MaxAllocSize). */
#define MT_MAX_VALUE_BYTES ((uint64_t) 0x3fffffff)

/* Bytes before the element data: 4-byte length word, ndim, dtype, flags,
 * int32 dims, padded to 8 so float64 data is aligned. */
#define MT_HEADER_BYTES(ndim) ((((size_t) 8 + 4 * (size_t) (ndim)) + 7) & ~(size_t) 7)

/*
 * Element types.  The codes are stored in every tensor header and binary
 * message: never renumber them.  float16 is storage (IEEE binary16 as
 * uint16_t bits) computed in float32; complex values are (real, imaginary)
 * pairs of float32 or float64, as C's float complex and double complex.
 */
typedef enum MtDtype
{
	MT_DTYPE_INVALID = 0,
	MT_FLOAT32 = 1,
	MT_FLOAT64 = 2,
	MT_BOOL = 3,				/* one byte, 0 or 1 */
	MT_INT8 = 4,
	MT_INT16 = 5,
	MT_INT32 = 6,
	MT_INT64 = 7,
	MT_UINT8 = 8,
	MT_FLOAT16 = 9,
	MT_COMPLEX64 = 10,
	MT_COMPLEX128 = 11
} MtDtype;

/* one past the largest code */
#define MT_DTYPE_LIMIT 12

/* numpy's dtype kinds ('b', 'i', 'u', 'f', 'c'), in promotion order */
typedef enum MtDtypeKind
{
	MT_KIND_BOOL,
	MT_KIND_INT,
	MT_KIND_UINT,
	MT_KIND_FLOAT,
	MT_KIND_COMPLEX
} MtDtypeKind;

/*
 * The kind of a scalar operand (a SQL number next to a tensor): numpy's
 * "weak" Python scalars (NEP 50, numpy >= 2), which take the tensor's dtype
 * when their kind fits in it.
 */
typedef enum MtScalarKind
{
	MT_SCALAR_BOOL,
	MT_SCALAR_INT,
	MT_SCALAR_FLOAT,
	MT_SCALAR_COMPLEX
} MtScalarKind;

typedef enum MtStatus
{
	MT_OK = 0,
	MT_ERR_SYNTAX,				/* malformed text */
	MT_ERR_RANGE,				/* number out of range for the dtype */
	MT_ERR_TOO_MANY_DIMS,		/* more than MT_MAX_DIMS dimensions */
	MT_ERR_TOO_LARGE,			/* shape needs more than one value can hold */
	MT_ERR_SHAPE,				/* negative extent or mismatched shape */
	MT_ERR_BROADCAST,			/* shapes that do not broadcast together */
	MT_ERR_BINARY,				/* malformed binary message */
	MT_ERR_CANCELED,			/* the poll callback asked to stop */
	MT_ERR_SINGULAR,			/* a matrix that must be invertible is not */
	MT_ERR_NOT_POSDEF,			/* not positive definite (Cholesky) */
	MT_ERR_NO_CONVERGENCE,		/* an iterative LAPACK routine gave up */
	MT_ERR_NONFINITE,			/* NaN or infinity where LAPACK needs finite */
	MT_ERR_MEMORY,				/* a kernel's workspace could not be allocated */
	MT_ERR_LIBRARY				/* BLAS/LAPACK missing or refused the call */
} MtStatus;

/* Long kernels call this between tiles; a true return makes them stop and
 * return MT_ERR_CANCELED.  It must only read flags, never raise or block. */
typedef bool (*MtPollFn) (void *arg);

/* What went wrong, for the glue to turn into an ereport. */
typedef struct MtError
{
	MtStatus	status;
	size_t		position;		/* byte offset into the input, 0-based */
	char		detail[192];	/* a full sentence, no trailing newline */
	char		token[72];		/* offending number, for range errors */
} MtError;

/* true for a valid dtype code (as read from a header or a message) */
static inline bool
mt_dtype_valid(int code)
{
	return code > MT_DTYPE_INVALID && code < MT_DTYPE_LIMIT;
}

extern MtDtypeKind mt_dtype_kind(MtDtype dtype);

static inline bool
mt_dtype_is_float(MtDtype dtype)
{
	return dtype == MT_FLOAT32 || dtype == MT_FLOAT64 || dtype == MT_FLOAT16;
}

static inline bool
mt_dtype_is_complex(MtDtype dtype)
{
	return dtype == MT_COMPLEX64 || dtype == MT_COMPLEX128;
}

/* bool and the integer dtypes: exact values, no NaN */
static inline bool
mt_dtype_is_exact(MtDtype dtype)
{
	return !mt_dtype_is_float(dtype) && !mt_dtype_is_complex(dtype);
}

/* the integer dtypes, signed or not (not bool) */
static inline bool
mt_dtype_is_integer(MtDtype dtype)
{
	return mt_dtype_is_exact(dtype) && dtype != MT_BOOL;
}

/*
 * numpy.can_cast(from, to, casting='safe'): every value of `from` is
 * exactly a value of `to`.
 */
extern bool mt_dtype_can_cast_safe(MtDtype from, MtDtype to);

/* The values an exact dtype holds: bool 0 .. 1, int8 -128 .. 127, uint8
 * 0 .. 255, ...; int64's for any other dtype. */
extern void mt_dtype_int_range(MtDtype dtype, int64_t *lo, int64_t *hi);

/*
 * numpy.promote_types: the smallest dtype both cast to safely (int8 with
 * uint8 is int16, int64 with float32 is float64, float64 with complex64
 * is complex128).
 */
extern MtDtype mt_dtype_promote(MtDtype a, MtDtype b);

/*
 * numpy's result_type(array, scalar) with a weak Python scalar (NEP 50):
 * the tensor's dtype when the scalar's kind is not above the tensor's;
 * otherwise the default of the scalar's kind (int64, float64, complex128),
 * except that a complex scalar with float16/float32 gives complex64.
 */
extern MtDtype mt_dtype_promote_scalar(MtDtype dtype, MtScalarKind scalar);

/*
 * The dtype a float-only ufunc (sqrt, exp, true division of integers ...)
 * returns for an input of this dtype, as numpy picks its first loop the
 * input casts to safely: bool, int8 and uint8 give float16, int16 gives
 * float32, int32 and int64 give float64; floats and complex keep theirs.
 */
extern MtDtype mt_dtype_inexact_of(MtDtype dtype);

/*
 * The dtype a kernel computes elements of this dtype in: float32 for
 * float16 (as numpy's half loops and pgvector's halfvec do), else itself.
 */
static inline MtDtype
mt_dtype_compute(MtDtype dtype)
{
	return dtype == MT_FLOAT16 ? MT_FLOAT32 : dtype;
}

/* ASCII lowercase, whatever the server's locale says about other bytes. */
static inline char
mt_ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

extern size_t mt_dtype_size(MtDtype dtype);
extern const char *mt_dtype_name(MtDtype dtype);
extern MtDtype mt_dtype_from_name(const char *name, size_t len);
/* "bool", "int8", ... "complex128" in code order, for hints and docs */
extern const char *mt_dtype_names_list(void);

extern MtStatus mt_shape_check(int ndim, const int64_t *dims, MtDtype dtype,
							   int64_t *count, size_t *total_bytes,
							   MtError *err);
extern void mt_error_set(MtError *err, MtStatus status, size_t position,
						 const char *fmt,...)
			__attribute__((format(printf, 4, 5)));
extern int	mt_format_shape(char *buf, size_t buflen, int ndim,
							const int64_t *dims);
/* the same for int32 extents, as a tensor header stores them */
extern int	mt_format_shape32(char *buf, size_t buflen, int ndim,
							  const int32_t *dims);

#endif							/* MARSQL_TENSOR_LAYOUT_H */
