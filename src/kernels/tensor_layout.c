/*
 * tensor_layout.c
 *	  dtype names and sizes, error formatting, and the one overflow-checked
 *	  computation of how many elements and bytes a shape needs.  Every entry
 *	  point (text, binary, casts, constructors) calls mt_shape_check before
 *	  it allocates anything.
 */
#include "tensor_layout.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

size_t
mt_dtype_size(MtDtype dtype)
{
	switch (dtype)
	{
		case MT_FLOAT32:
			return 4;
		case MT_FLOAT64:
			return 8;
		default:
			return 0;
	}
}

const char *
mt_dtype_name(MtDtype dtype)
{
	switch (dtype)
	{
		case MT_FLOAT32:
			return "float32";
		case MT_FLOAT64:
			return "float64";
		default:
			return "invalid";
	}
}

/* Names accepted wherever a dtype is given: numpy's and PostgreSQL's. */
static const struct
{
	const char *name;
	MtDtype		dtype;
}			dtype_names[] =
{
	{"float32", MT_FLOAT32},
	{"float4", MT_FLOAT32},
	{"f4", MT_FLOAT32},
	{"real", MT_FLOAT32},
	{"single", MT_FLOAT32},
	{"float64", MT_FLOAT64},
	{"float8", MT_FLOAT64},
	{"f8", MT_FLOAT64},
	{"double", MT_FLOAT64},
	{"double precision", MT_FLOAT64},
	{"float", MT_FLOAT64},
};

MtDtype
mt_dtype_from_name(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(dtype_names) / sizeof(dtype_names[0]); i++)
	{
		const char *candidate = dtype_names[i].name;
		size_t		j;

		if (strlen(candidate) != len)
			continue;
		for (j = 0; j < len; j++)
			if (mt_ascii_lower(name[j]) != candidate[j])
				break;
		if (j == len)
			return dtype_names[i].dtype;
	}
	return MT_DTYPE_INVALID;
}

void
mt_error_set(MtError *err, MtStatus status, size_t position,
			 const char *fmt,...)
{
	va_list		args;

	err->status = status;
	err->position = position;
	err->token[0] = '\0';
	va_start(args, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, args);
	va_end(args);
}

/* Writes "(2,3)" or "()" into buf; returns what snprintf would. */
int
mt_format_shape(char *buf, size_t buflen, int ndim, const int64_t *dims)
{
	size_t		used = 0;
	int			n;

	n = snprintf(buf, buflen, "(");
	used += (size_t) n;
	for (int i = 0; i < ndim; i++)
	{
		n = snprintf(buf + (used < buflen ? used : buflen),
					 used < buflen ? buflen - used : 0,
					 i == 0 ? "%lld" : ",%lld", (long long) dims[i]);
		used += (size_t) n;
	}
	n = snprintf(buf + (used < buflen ? used : buflen),
				 used < buflen ? buflen - used : 0, ")");
	used += (size_t) n;
	return (int) used;
}

MtStatus
mt_shape_check(int ndim, const int64_t *dims, MtDtype dtype,
			   int64_t *count, size_t *total_bytes, MtError *err)
{
	uint64_t	elements = 1;
	uint64_t	bytes;
	size_t		elsize = mt_dtype_size(dtype);
	bool		overflow = false;

	if (ndim < 0 || ndim > MT_MAX_DIMS)
	{
		mt_error_set(err, MT_ERR_TOO_MANY_DIMS, 0,
					 "A tensor may have at most %d dimensions; %d were given.",
					 MT_MAX_DIMS, ndim);
		return err->status;
	}
	for (int i = 0; i < ndim; i++)
	{
		if (dims[i] < 0)
		{
			mt_error_set(err, MT_ERR_SHAPE, 0,
						 "Dimension %d has negative extent %lld.",
						 i, (long long) dims[i]);
			return err->status;
		}
		if (dims[i] > MT_MAX_DIM_EXTENT)
			overflow = true;
	}
	/* A zero extent makes the tensor empty however large the others are. */
	for (int i = 0; i < ndim && !overflow; i++)
	{
		if (dims[i] == 0)
		{
			elements = 0;
			break;
		}
		if (__builtin_mul_overflow(elements, (uint64_t) dims[i], &elements))
			overflow = true;
	}
	if (!overflow &&
		(__builtin_mul_overflow(elements, (uint64_t) elsize, &bytes) ||
		 __builtin_add_overflow(bytes, (uint64_t) MT_HEADER_BYTES(ndim), &bytes) ||
		 bytes > MT_MAX_VALUE_BYTES))
		overflow = true;
	if (overflow)
	{
		char		shape[160];

		mt_format_shape(shape, sizeof(shape), ndim, dims);
		mt_error_set(err, MT_ERR_TOO_LARGE, 0,
					 "A %s tensor of shape %s does not fit in one value of at most %llu bytes.",
					 mt_dtype_name(dtype), shape,
					 (unsigned long long) MT_MAX_VALUE_BYTES);
		return err->status;
	}
	*count = (int64_t) elements;
	*total_bytes = (size_t) bytes;
	err->status = MT_OK;
	return MT_OK;
}

int
mt_format_shape32(char *buf, size_t buflen, int ndim, const int32_t *dims)
{
	int64_t		wide[MT_MAX_DIMS];

	for (int i = 0; i < ndim && i < MT_MAX_DIMS; i++)
		wide[i] = dims[i];
	return mt_format_shape(buf, buflen, ndim < MT_MAX_DIMS ? ndim : MT_MAX_DIMS, wide);
}
