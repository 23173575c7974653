/*
 * dtype_info.c
 *	  numpy's data-type routines on dtype codes (see dtype_info.h): can_cast,
 *	  isdtype's kinds, finfo and iinfo, asarray_chkfinite's check.  Pure C.
 */
#include "dtype_info.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "dtype_cast.h"

static int
category(MtDtype dtype)
{
	switch (mt_dtype_kind(dtype))
	{
		case MT_KIND_BOOL:
			return 0;
		case MT_KIND_INT:
		case MT_KIND_UINT:
			return 1;
		case MT_KIND_FLOAT:
			return 2;
		case MT_KIND_COMPLEX:
			return 3;
	}
	return 3;
}

MtDtype
mt_dtype_result_type(const MtDtype *dtypes, int n)
{
	MtDtype		main = dtypes[0];
	MtDtype		result;

	for (int i = 1; i < n; i++)
		if (category(dtypes[i]) > category(main))
			main = dtypes[i];
	result = mt_dtype_promote(main, dtypes[0]);
	for (int i = 1; i < n; i++)
		result = mt_dtype_promote(result, mt_dtype_promote(main, dtypes[i]));
	return result;
}

MtCasting
mt_casting_from_name(const char *name)
{
	static const char *const names[] = {
		[MT_CASTING_NO] = "no", [MT_CASTING_EQUIV] = "equiv",
		[MT_CASTING_SAFE] = "safe", [MT_CASTING_SAME_KIND] = "same_kind",
		[MT_CASTING_UNSAFE] = "unsafe",
	};

	for (int i = 0; i < MT_CASTING_INVALID; i++)
		if (strcmp(name, names[i]) == 0)
			return (MtCasting) i;
	return MT_CASTING_INVALID;
}

/* numpy's kind order for 'same_kind': b < u < i < f < c */
static int
kind_order(MtDtypeKind kind)
{
	switch (kind)
	{
		case MT_KIND_BOOL:
			return 0;
		case MT_KIND_UINT:
			return 1;
		case MT_KIND_INT:
			return 2;
		case MT_KIND_FLOAT:
			return 3;
		case MT_KIND_COMPLEX:
			return 4;
	}
	return 4;
}

bool
mt_dtype_can_cast(MtDtype from, MtDtype to, MtCasting casting)
{
	switch (casting)
	{
		case MT_CASTING_NO:
		case MT_CASTING_EQUIV:
			/* native byte order only: 'equiv' is 'no' */
			return from == to;
		case MT_CASTING_SAFE:
			return mt_dtype_can_cast_safe(from, to);
		case MT_CASTING_SAME_KIND:
			return mt_dtype_can_cast_safe(from, to) ||
				kind_order(mt_dtype_kind(from)) <= kind_order(mt_dtype_kind(to));
		case MT_CASTING_UNSAFE:
			return true;
		case MT_CASTING_INVALID:
			break;
	}
	return false;
}

int
mt_dtype_is_kind(MtDtype dtype, const char *kind)
{
	MtDtypeKind k = mt_dtype_kind(dtype);

	if (strcmp(kind, "bool") == 0)
		return k == MT_KIND_BOOL;
	if (strcmp(kind, "signed integer") == 0)
		return k == MT_KIND_INT;
	if (strcmp(kind, "unsigned integer") == 0)
		return k == MT_KIND_UINT;
	if (strcmp(kind, "integral") == 0)
		return k == MT_KIND_INT || k == MT_KIND_UINT;
	if (strcmp(kind, "real floating") == 0)
		return k == MT_KIND_FLOAT;
	if (strcmp(kind, "complex floating") == 0)
		return k == MT_KIND_COMPLEX;
	if (strcmp(kind, "numeric") == 0)
		return k != MT_KIND_BOOL;
	return -1;
}

bool
mt_dtype_finfo(MtDtype dtype, MtFinfo *info)
{
	memset(info, 0, sizeof(*info));
	switch (dtype)
	{
		case MT_FLOAT16:
			info->dtype = MT_FLOAT16;
			info->bits = 16;
			info->nmant = 10;
			info->nexp = 5;
			info->minexp = -14;
			info->maxexp = 16;
			info->precision = 3;
			/* float16(0.001) */
			info->resolution = ldexp(1049.0, -20);
			info->max = 65504.0;
			break;
		case MT_FLOAT32:
		case MT_COMPLEX64:
			info->dtype = MT_FLOAT32;
			info->bits = 32;
			info->nmant = 23;
			info->nexp = 8;
			info->minexp = -126;
			info->maxexp = 128;
			info->precision = 6;
			info->resolution = (double) 1e-6f;
			info->max = FLT_MAX;
			break;
		case MT_FLOAT64:
		case MT_COMPLEX128:
			info->dtype = MT_FLOAT64;
			info->bits = 64;
			info->nmant = 52;
			info->nexp = 11;
			info->minexp = -1022;
			info->maxexp = 1024;
			info->precision = 15;
			info->resolution = 1e-15;
			info->max = DBL_MAX;
			break;
		default:
			return false;
	}
	info->eps = ldexp(1.0, -info->nmant);
	info->epsneg = ldexp(1.0, -info->nmant - 1);
	info->min = -info->max;
	info->smallest_normal = ldexp(1.0, info->minexp);
	info->smallest_subnormal = ldexp(1.0, info->minexp - info->nmant);
	return true;
}

bool
mt_dtype_iinfo(MtDtype dtype, int *bits, int64_t *min, int64_t *max)
{
	if (!mt_dtype_is_integer(dtype))
		return false;
	mt_dtype_int_range(dtype, min, max);
	*bits = (int) mt_dtype_size(dtype) * 8;
	return true;
}

int64_t
mt_first_nonfinite(const void *data, MtDtype dtype, int64_t n)
{
	if (dtype == MT_COMPLEX64)
	{
		const float *p = data;

		for (int64_t i = 0; i < n; i++)
			if (!isfinite(p[2 * i]) || !isfinite(p[2 * i + 1]))
				return i;
	}
	else if (dtype == MT_COMPLEX128)
	{
		const double *p = data;

		for (int64_t i = 0; i < n; i++)
			if (!isfinite(p[2 * i]) || !isfinite(p[2 * i + 1]))
				return i;
	}
	else if (mt_dtype_is_float(dtype))
	{
		for (int64_t i = 0; i < n; i++)
			if (!isfinite(mt_load_double(data, dtype, i)))
				return i;
	}
	return -1;
}
