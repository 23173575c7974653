/*
 * pad.h
 *	  numpy.pad's modes, one axis at a time, on a buffer that already holds
 *	  the original elements in the middle (pure C, no PostgreSQL).
 */
#ifndef MARSQL_PAD_H
#define MARSQL_PAD_H

#include <stdbool.h>
#include <stdint.h>

#include "tensor_layout.h"

typedef enum MtPadMode
{
	MT_PAD_CONSTANT,
	MT_PAD_EDGE,
	MT_PAD_REFLECT,
	MT_PAD_SYMMETRIC,
	MT_PAD_WRAP,
	MT_PAD_LINEAR_RAMP,
	MT_PAD_MAXIMUM,
	MT_PAD_MINIMUM,
	MT_PAD_MEAN,
	MT_PAD_MEDIAN,
	MT_PAD_EMPTY
} MtPadMode;

typedef struct MtPadAxis
{
	int64_t		before,
				after;			/* pad widths */
	int64_t		stat_before,
				stat_after;		/* stat_length; -1: the whole axis */
	double		value_before,
				value_after;	/* constant_values or end_values */
} MtPadAxis;

/*
 * Pads axis of data (dtype, shape ndim x dims, C order, the final padded
 * shape): the elements at positions before .. dims[axis] - after - 1 of
 * that axis are the valid ones (n = dims[axis] - before - after > 0
 * unless the mode is constant or empty), the pad areas are filled as
 * numpy.pad does for this axis.  odd: reflect_type 'odd'.  scratch holds
 * dims[axis] int64_t (median).  Returns false when poll reported a cancel.
 */
extern bool mt_pad_axis(void *data, MtDtype dtype, int ndim,
						const int64_t *dims, int axis, const MtPadAxis *pa,
						MtPadMode mode, bool odd, int64_t *scratch,
						MtPollFn poll, void *poll_arg);

#endif							/* MARSQL_PAD_H */
