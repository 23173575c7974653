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

typedef enum MtDtype
{
	MT_DTYPE_INVALID = 0,
	MT_FLOAT32 = 1,
	MT_FLOAT64 = 2
} MtDtype;

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

/* The dtype two operands compute in, as numpy promotes them: float64 if
 * either is, else float32. */
static inline MtDtype
mt_dtype_promote(MtDtype a, MtDtype b)
{
	return a == MT_FLOAT64 || b == MT_FLOAT64 ? MT_FLOAT64 : MT_FLOAT32;
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
