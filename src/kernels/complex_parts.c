/*
 * complex_parts.c
 *	  real, imag, conj and angle of complex elements (see complex_parts.h).
 */
#include "complex_parts.h"

#include <math.h>
#include <stdbool.h>

#include "elementwise.h"

/* 180 / pi, as numpy computes it in double */
#define MT_DEGREES_PER_RADIAN 57.29577951308232

#define PART_LOOP(T, ATAN2) \
	do { \
		const T *s = (const T *) src; \
		T		   *d = (T *) dst; \
		for (int64_t i = start; i < end; i++) \
		{ \
			switch (part) \
			{ \
				case MT_PART_REAL: d[i] = s[2 * i]; break; \
				case MT_PART_IMAG: d[i] = s[2 * i + 1]; break; \
				case MT_PART_ANGLE: d[i] = ATAN2(s[2 * i + 1], s[2 * i]); break; \
				case MT_PART_CONJ: \
					d[2 * i] = s[2 * i]; \
					d[2 * i + 1] = -s[2 * i + 1]; \
					break; \
			} \
		} \
	} while (0)

MtStatus
mt_complex_part(MtComplexPart part, MtDtype dtype, const void *src, void *dst,
				int64_t n, MtPollFn poll, void *poll_arg)
{
	for (int64_t start = 0; start < n; start += MT_POLL_ELEMENTS)
	{
		int64_t		end = n - start < MT_POLL_ELEMENTS ? n : start + MT_POLL_ELEMENTS;

		if (start > 0 && poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		if (dtype == MT_COMPLEX64)
			PART_LOOP(float, atan2f);
		else
			PART_LOOP(double, atan2);
	}
	return MT_OK;
}

#define ANGLE_LOOP(T, ATAN2) \
	do { \
		const T *s = (const T *) src; \
		T		   *d = (T *) dst; \
		for (int64_t i = start; i < end; i++) \
			d[i] = deg ? ATAN2((T) 0, s[i]) * (T) MT_DEGREES_PER_RADIAN : ATAN2((T) 0, s[i]); \
	} while (0)

MtStatus
mt_real_angle(MtDtype dtype, const void *src, void *dst, int64_t n, bool deg,
			  MtPollFn poll, void *poll_arg)
{
	for (int64_t start = 0; start < n; start += MT_POLL_ELEMENTS)
	{
		int64_t		end = n - start < MT_POLL_ELEMENTS ? n : start + MT_POLL_ELEMENTS;

		if (start > 0 && poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		if (dtype == MT_FLOAT32)
			ANGLE_LOOP(float, atan2f);
		else
			ANGLE_LOOP(double, atan2);
	}
	return MT_OK;
}

void
mt_radians_to_degrees(MtDtype dtype, void *data, int64_t n)
{
	if (dtype == MT_FLOAT32)
	{
		float	   *d = data;

		for (int64_t i = 0; i < n; i++)
			d[i] *= (float) MT_DEGREES_PER_RADIAN;
	}
	else
	{
		double	   *d = data;

		for (int64_t i = 0; i < n; i++)
			d[i] *= MT_DEGREES_PER_RADIAN;
	}
}
