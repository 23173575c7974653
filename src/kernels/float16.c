/*
 * float16.c
 *	  The shortest decimal form of a float16 value (see float16.h).
 */
#include "float16.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

double
mt_half_shortest_double(uint16_t h)
{
	double		v = mt_half_to_float(h);
	char		buf[32];

	if (!isfinite(v) || v == 0.0)
		return v;
	/* 5 significant digits always identify a float16 */
	for (int digits = 1; digits < 5; digits++)
	{
		double		d;

		snprintf(buf, sizeof(buf), "%.*e", digits - 1, v);
		d = strtod(buf, NULL);
		if (mt_double_to_half(d) == h)
			return d;
	}
	snprintf(buf, sizeof(buf), "%.4e", v);
	return strtod(buf, NULL);
}
