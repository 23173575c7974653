/*
 * dtype_info.h
 *	  numpy's data-type routines on dtype codes: can_cast with its five
 *	  casting rules, the array API's isdtype kinds, and the machine limits
 *	  of finfo and iinfo; and the finiteness check of asarray_chkfinite.
 *	  Pure C.
 */
#ifndef MARSQL_DTYPE_INFO_H
#define MARSQL_DTYPE_INFO_H

#include <stdbool.h>
#include <stdint.h>

#include "tensor_layout.h"

/*
 * numpy.result_type of n >= 1 dtypes (no scalars): numpy promotes a
 * sequence at once, not pair by pair (promote_types is not associative:
 * int8, uint8, float16 is float16, not float32): the first dtype of the
 * highest category (bool < integer < float < complex) is the main one,
 * each dtype is promoted with it and those results with each other
 */
extern MtDtype mt_dtype_result_type(const MtDtype *dtypes, int n);

/* numpy's casting rules ('no', 'equiv', 'safe', 'same_kind', 'unsafe') */
typedef enum MtCasting
{
	MT_CASTING_NO,
	MT_CASTING_EQUIV,
	MT_CASTING_SAFE,
	MT_CASTING_SAME_KIND,
	MT_CASTING_UNSAFE,
	MT_CASTING_INVALID
} MtCasting;

extern MtCasting mt_casting_from_name(const char *name);

/* numpy.can_cast(from, to, casting) for the native dtypes */
extern bool mt_dtype_can_cast(MtDtype from, MtDtype to, MtCasting casting);

/*
 * array API isdtype(dtype, kind) for a kind name: 1 or 0, or -1 when kind
 * is no kind name (the caller then reads it as a dtype name)
 */
extern int	mt_dtype_is_kind(MtDtype dtype, const char *kind);

/* numpy.finfo of a float or complex dtype (complex: its real part's) */
typedef struct MtFinfo
{
	MtDtype		dtype;			/* the real dtype described */
	int			bits;
	double		eps;
	double		epsneg;
	double		max;
	double		min;
	double		smallest_normal;	/* also numpy's tiny */
	double		smallest_subnormal;
	double		resolution;		/* 10 ** -precision, rounded to dtype */
	int			precision;
	int			nmant;
	int			nexp;
	int			minexp;
	int			maxexp;
} MtFinfo;

/* false when dtype is not float or complex */
extern bool mt_dtype_finfo(MtDtype dtype, MtFinfo *info);

/* numpy.iinfo of an integer dtype; false for bool, float and complex */
extern bool mt_dtype_iinfo(MtDtype dtype, int *bits, int64_t *min, int64_t *max);

/*
 * the index of the first NaN or infinite element of data (a part of a
 * complex element counts), or -1 when all are finite (always for the exact
 * dtypes)
 */
extern int64_t mt_first_nonfinite(const void *data, MtDtype dtype, int64_t n);

#endif							/* MARSQL_DTYPE_INFO_H */
