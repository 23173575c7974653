/*
 * windows.c
 *	  numpy's window functions (see windows.h), with numpy's formulas in
 *	  numpy's order of operations: n runs over arange(1 - M, M, 2) and the
 *	  cosine windows take cos(pi * n / (M - 1)); kaiser is
 *	  i0(beta * sqrt(1 - ((n - alpha) / alpha) ** 2)) / i0(beta) over
 *	  n = 0 .. M - 1, alpha = (M - 1) / 2.  Pure C.
 */
#include "windows.h"

#include <math.h>

#include "math_extra.h"

#define MT_PI 3.14159265358979323846

void
mt_window(MtWindow kind, int64_t m, double beta, int64_t start,
		  int64_t count, double *out)
{
	double		denom = (double) (m - 1);
	double		alpha = denom / 2.0;
	double		i0beta = 1.0;

	if (m == 1)
	{
		if (count > 0)
			out[0] = 1.0;
		return;
	}
	if (kind == MT_WINDOW_KAISER)
		i0beta = mt_bessel_i0(beta);
	for (int64_t j = 0; j < count; j++)
	{
		int64_t		i = start + j;
		double		n = (double) (1 - m + 2 * i);
		double		r;

		switch (kind)
		{
			case MT_WINDOW_BARTLETT:
				out[j] = n <= 0 ? 1.0 + n / denom : 1.0 - n / denom;
				break;
			case MT_WINDOW_BLACKMAN:
				out[j] = 0.42 + 0.5 * cos(MT_PI * n / denom) +
					0.08 * cos(2.0 * MT_PI * n / denom);
				break;
			case MT_WINDOW_HAMMING:
				out[j] = 0.54 + 0.46 * cos(MT_PI * n / denom);
				break;
			case MT_WINDOW_HANNING:
				out[j] = 0.5 + 0.5 * cos(MT_PI * n / denom);
				break;
			case MT_WINDOW_KAISER:
				r = ((double) i - alpha) / alpha;
				out[j] = mt_bessel_i0(beta * sqrt(1.0 - r * r)) / i0beta;
				break;
		}
	}
}
