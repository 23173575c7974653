/*
 * gradient.c
 *	  numpy.gradient (numpy/lib/_function_base_impl.py) along one axis, in
 *	  double with numpy's formulas term by term: uniform spacing
 *	  (f[i+1] - f[i-1]) / (2h) inside, the three-point weights a, b, c for
 *	  non-uniform spacing, and the one-sided first- or second-order
 *	  differences at both ends.
 */
#include "gradient.h"

bool
mt_gradient_axis(const double *in, double *out, int64_t outer, int64_t len,
				 int64_t inner, int comps, const double *dx, double h,
				 int edge_order, MtPollFn poll, void *poll_arg)
{
	int64_t		step = inner * comps;	/* doubles between f[i] and f[i+1] */

	for (int64_t o = 0; o < outer; o++)
	{
		if (poll && (o & 255) == 0 && poll(poll_arg))
			return false;
		for (int64_t j = 0; j < step; j++)
		{
			const double *f = in + o * len * step + j;
			double	   *g = out + o * len * step + j;

#define F(i) f[(int64_t) (i) * step]
#define G(i) g[(int64_t) (i) * step]
			/* interior */
			for (int64_t i = 1; i < len - 1; i++)
			{
				if (dx == NULL)
					G(i) = (F(i + 1) - F(i - 1)) / (2.0 * h);
				else
				{
					double		dx1 = dx[i - 1],
								dx2 = dx[i];
					double		a = -(dx2) / (dx1 * (dx1 + dx2));
					double		b = (dx2 - dx1) / (dx1 * dx2);
					double		c = dx1 / (dx2 * (dx1 + dx2));

					G(i) = a * F(i - 1) + b * F(i) + c * F(i + 1);
				}
			}
			if (edge_order == 1)
			{
				double		d0 = dx ? dx[0] : h,
							dn = dx ? dx[len - 2] : h;

				G(0) = (F(1) - F(0)) / d0;
				G(len - 1) = (F(len - 1) - F(len - 2)) / dn;
			}
			else
			{
				double		a,
							b,
							c;

				if (dx == NULL)
				{
					a = -1.5 / h;
					b = 2.0 / h;
					c = -0.5 / h;
				}
				else
				{
					double		dx1 = dx[0],
								dx2 = dx[1];

					a = -(2.0 * dx1 + dx2) / (dx1 * (dx1 + dx2));
					b = (dx1 + dx2) / (dx1 * dx2);
					c = -dx1 / (dx2 * (dx1 + dx2));
				}
				G(0) = a * F(0) + b * F(1) + c * F(2);
				if (dx == NULL)
				{
					a = 0.5 / h;
					b = -2.0 / h;
					c = 1.5 / h;
				}
				else
				{
					double		dx1 = dx[len - 3],
								dx2 = dx[len - 2];

					a = (dx2) / (dx1 * (dx1 + dx2));
					b = -(dx2 + dx1) / (dx1 * dx2);
					c = (2.0 * dx2 + dx1) / (dx2 * (dx1 + dx2));
				}
				G(len - 1) = a * F(len - 3) + b * F(len - 2) + c * F(len - 1);
			}
#undef F
#undef G
		}
	}
	return true;
}
