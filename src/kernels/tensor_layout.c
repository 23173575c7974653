/*
 * tensor_layout.c
 *	  dtype names, sizes, kinds and numpy's promotion rules, error formatting, and the one overflow-checked
 *	  computation of how many elements and bytes a shape needs.  Every entry
 *	  point (text, binary, casts, constructors) calls mt_shape_check before
 *	  it allocates anything.
 */
#include "tensor_layout.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* per dtype code: size, numpy name, kind */
static const struct
{
	size_t		size;
	const char *name;
	MtDtypeKind kind;
}			dtype_info[MT_DTYPE_LIMIT] =
{
	[MT_FLOAT32] = {4, "float32", MT_KIND_FLOAT},
	[MT_FLOAT64] = {8, "float64", MT_KIND_FLOAT},
	[MT_BOOL] = {1, "bool", MT_KIND_BOOL},
	[MT_INT8] = {1, "int8", MT_KIND_INT},
	[MT_INT16] = {2, "int16", MT_KIND_INT},
	[MT_INT32] = {4, "int32", MT_KIND_INT},
	[MT_INT64] = {8, "int64", MT_KIND_INT},
	[MT_UINT8] = {1, "uint8", MT_KIND_UINT},
	[MT_FLOAT16] = {2, "float16", MT_KIND_FLOAT},
	[MT_COMPLEX64] = {8, "complex64", MT_KIND_COMPLEX},
	[MT_COMPLEX128] = {16, "complex128", MT_KIND_COMPLEX},
};

size_t
mt_dtype_size(MtDtype dtype)
{
	return mt_dtype_valid(dtype) ? dtype_info[dtype].size : 0;
}

const char *
mt_dtype_name(MtDtype dtype)
{
	return mt_dtype_valid(dtype) ? dtype_info[dtype].name : "invalid";
}

MtDtypeKind
mt_dtype_kind(MtDtype dtype)
{
	return mt_dtype_valid(dtype) ? dtype_info[dtype].kind : MT_KIND_FLOAT;
}

const char *
mt_dtype_names_list(void)
{
	return "bool, int8, int16, int32, int64, uint8, float16, float32, "
		"float64, complex64, complex128";
}

/*
 * Names accepted wherever a dtype is given: numpy's names and one-letter
 * codes, and PostgreSQL's type names.  "int8" is numpy's 8-bit integer;
 * PostgreSQL's int8 (bigint) is "int64" or "bigint" here.
 */
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
	{"bool", MT_BOOL},
	{"boolean", MT_BOOL},
	{"?", MT_BOOL},
	{"b1", MT_BOOL},
	{"int8", MT_INT8},
	{"i1", MT_INT8},
	{"byte", MT_INT8},
	{"int16", MT_INT16},
	{"i2", MT_INT16},
	{"short", MT_INT16},
	{"smallint", MT_INT16},
	{"int32", MT_INT32},
	{"i4", MT_INT32},
	{"intc", MT_INT32},
	{"integer", MT_INT32},
	{"int64", MT_INT64},
	{"i8", MT_INT64},
	{"int", MT_INT64},
	{"bigint", MT_INT64},
	{"uint8", MT_UINT8},
	{"u1", MT_UINT8},
	{"ubyte", MT_UINT8},
	{"float16", MT_FLOAT16},
	{"f2", MT_FLOAT16},
	{"half", MT_FLOAT16},
	{"complex64", MT_COMPLEX64},
	{"c8", MT_COMPLEX64},
	{"csingle", MT_COMPLEX64},
	{"complex128", MT_COMPLEX128},
	{"c16", MT_COMPLEX128},
	{"cdouble", MT_COMPLEX128},
	{"complex", MT_COMPLEX128},
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

/*
 * numpy's safe casts, by rank within a kind: a value of `from` is exact in
 * `to` when `to` is of a higher kind wide enough for it.  Bits of
 * precision: int8 7, uint8 8, int16 15, int32 31, int64 63; float16 11,
 * float32 24, float64 53 (mantissa); complex as its parts.
 */
bool
mt_dtype_can_cast_safe(MtDtype from, MtDtype to)
{
	/* significant bits of each exact dtype and inexact dtype's mantissa */
	static const int bits[MT_DTYPE_LIMIT] = {
		[MT_BOOL] = 1, [MT_INT8] = 7, [MT_UINT8] = 8, [MT_INT16] = 15,
		[MT_INT32] = 31, [MT_INT64] = 63, [MT_FLOAT16] = 11,
		[MT_FLOAT32] = 24, [MT_FLOAT64] = 53, [MT_COMPLEX64] = 24,
		[MT_COMPLEX128] = 53,
	};
	MtDtypeKind kf,
				kt;

	if (!mt_dtype_valid(from) || !mt_dtype_valid(to))
		return false;
	if (from == to || from == MT_BOOL)
		return true;
	kf = mt_dtype_kind(from);
	kt = mt_dtype_kind(to);
	switch (kt)
	{
		case MT_KIND_BOOL:
			return false;
		case MT_KIND_UINT:
			/* only uint8 exists: nothing signed fits */
			return false;
		case MT_KIND_INT:
			if (kf == MT_KIND_UINT)
				return bits[to] > bits[from];
			return kf == MT_KIND_INT && bits[to] >= bits[from];
		case MT_KIND_FLOAT:
			if (kf == MT_KIND_COMPLEX)
				return false;
			/* numpy counts int64 -> float64 as safe */
			return bits[to] >= (from == MT_INT64 ? 53 : bits[from]);
		case MT_KIND_COMPLEX:
			return bits[to] >= (from == MT_INT64 ? 53 : bits[from]);
	}
	return false;
}

void
mt_dtype_int_range(MtDtype dtype, int64_t *lo, int64_t *hi)
{
	switch (dtype)
	{
		case MT_BOOL:
			*lo = 0, *hi = 1;
			break;
		case MT_INT8:
			*lo = INT8_MIN, *hi = INT8_MAX;
			break;
		case MT_UINT8:
			*lo = 0, *hi = UINT8_MAX;
			break;
		case MT_INT16:
			*lo = INT16_MIN, *hi = INT16_MAX;
			break;
		case MT_INT32:
			*lo = INT32_MIN, *hi = INT32_MAX;
			break;
		default:
			*lo = INT64_MIN, *hi = INT64_MAX;
			break;
	}
}

MtDtype
mt_dtype_promote(MtDtype a, MtDtype b)
{
	/* candidates from the smallest: the first both cast to safely */
	static const MtDtype order[] = {
		MT_BOOL, MT_UINT8, MT_INT8, MT_INT16, MT_INT32, MT_INT64,
		MT_FLOAT16, MT_FLOAT32, MT_FLOAT64, MT_COMPLEX64, MT_COMPLEX128
	};

	if (a == b)
		return a;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (mt_dtype_can_cast_safe(a, order[i]) &&
			mt_dtype_can_cast_safe(b, order[i]))
			return order[i];
	/* int64 with uint64 would land here; no such pair exists */
	return MT_FLOAT64;
}

MtDtype
mt_dtype_promote_scalar(MtDtype dtype, MtScalarKind scalar)
{
	MtDtypeKind kind = mt_dtype_kind(dtype);

	switch (scalar)
	{
		case MT_SCALAR_BOOL:
			return dtype;
		case MT_SCALAR_INT:
			return kind == MT_KIND_BOOL ? MT_INT64 : dtype;
		case MT_SCALAR_FLOAT:
			return kind == MT_KIND_FLOAT || kind == MT_KIND_COMPLEX ? dtype : MT_FLOAT64;
		case MT_SCALAR_COMPLEX:
			if (kind == MT_KIND_COMPLEX)
				return dtype;
			if (dtype == MT_FLOAT16 || dtype == MT_FLOAT32)
				return MT_COMPLEX64;
			return MT_COMPLEX128;
	}
	return dtype;
}

MtDtype
mt_dtype_inexact_of(MtDtype dtype)
{
	switch (dtype)
	{
		case MT_BOOL:
		case MT_INT8:
		case MT_UINT8:
			return MT_FLOAT16;
		case MT_INT16:
			return MT_FLOAT32;
		case MT_INT32:
		case MT_INT64:
			return MT_FLOAT64;
		default:
			return dtype;
	}
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
