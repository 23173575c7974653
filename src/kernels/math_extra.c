/*
 * math_extra.c
 *	  gcd, lcm, integer reciprocal, heaviside, nextafter, spacing, sinc,
 *	  i0, modf, frexp, ldexp, nan_to_num, unwrap and interp (see
 *	  math_extra.h).  Each follows numpy's own formula, so results agree
 *	  to the ulp where numpy's are exact and to a few ulp where numpy's
 *	  loops use libm.
 */
#include "math_extra.h"

#include <complex.h>
#include <float.h>
#include <math.h>

#include "elementwise.h"
#include "float16.h"

#define MT_PI 3.14159265358979323846

#define POLL_EVERY(i) \
	(poll != NULL && ((i) & (MT_POLL_ELEMENTS - 1)) == 0 && (i) > 0 && poll(poll_arg))

/* ---- integers ---- */

/* numpy's npy_gcdu on magnitudes */
static inline uint64_t
gcd_u64(uint64_t a, uint64_t b)
{
	while (a != 0)
	{
		uint64_t	c = a;

		a = b % a;
		b = c;
	}
	return b;
}

static inline uint64_t
magnitude(int64_t v)
{
	return v < 0 ? 0 - (uint64_t) v : (uint64_t) v;
}

MtStatus
mt_int_math(MtIntMathOp op, MtIntLane lane, const int64_t *a, const int64_t *b,
			int64_t *c, int64_t n, MtPollFn poll, void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		uint64_t	ma = magnitude(a[i]),
					mb = magnitude(b[i]);
		uint64_t	g;

		if (POLL_EVERY(i))
			return MT_ERR_CANCELED;
		g = gcd_u64(ma, mb);
		if (op == MT_INT_GCD)
			c[i] = mt_int_wrap(g, lane);	/* gcd(INT_MIN, 0) wraps to INT_MIN */
		else
			/* numpy's npy_lcmu(|a|, |b|): |a| / gcd * |b|, wrapping */
			c[i] = g == 0 ? 0 : mt_int_wrap(ma / g * mb, lane);
	}
	return MT_OK;
}

MtStatus
mt_int_reciprocal(MtIntLane lane, const int64_t *src, int64_t *dst, int64_t n,
				  MtPollFn poll, void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		int64_t		v = src[i];

		if (POLL_EVERY(i))
			return MT_ERR_CANCELED;
		if (v == 1 || (v == -1 && !lane.is_unsigned))
			dst[i] = v;
		else if (v != 0)
			dst[i] = 0;
		else if (lane.bits >= 64)
			dst[i] = INT64_MIN;
		else if (lane.bits == 32)
			dst[i] = INT32_MIN;
		else
			dst[i] = 0;
	}
	return MT_OK;
}

/* ---- floats ---- */

/* numpy's npy_half_nextafter, on the bits */
static double
half_nextafter(double xd, double yd)
{
	uint16_t	x = mt_double_to_half(xd);
	uint16_t	y = mt_double_to_half(yd);
	uint16_t	r;

	if (isnan(xd) || isnan(yd))
		return NAN;
	if (xd == yd)
		r = x;
	else if ((x & 0x7fffu) == 0)
		r = (uint16_t) ((y & 0x8000u) + 1);
	else if (!(x & 0x8000u))
		r = (int16_t) x > (int16_t) y ? (uint16_t) (x - 1) : (uint16_t) (x + 1);
	else if (!(y & 0x8000u) || (x & 0x7fffu) > (y & 0x7fffu))
		r = (uint16_t) (x - 1);
	else
		r = (uint16_t) (x + 1);
	return mt_half_to_float(r);
}

/* numpy's npy_half_spacing: positive, the gap above |x| except at a
 * negative power of two, where it is the gap below */
static double
half_spacing(double x)
{
	uint16_t	h = mt_double_to_half(x);
	uint16_t	h_exp = h & 0x7c00u;
	uint16_t	h_sig = h & 0x03ffu;
	uint16_t	r;

	if (h_exp == 0x7c00u)
		return NAN;
	if (h == 0x7bffu)
		return INFINITY;
	if ((h & 0x8000u) && h_sig == 0)
	{
		if (h_exp > 0x2c00u)
			r = h_exp - 0x2c00u;
		else if (h_exp > 0x0400u)
			r = (uint16_t) (1u << ((h_exp >> 10) - 2));
		else
			r = 0x0001u;
	}
	else if (h_exp > 0x2800u)
		r = h_exp - 0x2800u;
	else if (h_exp > 0x0400u)
		r = (uint16_t) (1u << ((h_exp >> 10) - 1));
	else
		r = 0x0001u;
	return mt_half_to_float(r);
}

static const double i0A[] = {
	-4.4153416464793395e-18,
	3.3307945188222384e-17,
	-2.431279846547955e-16,
	1.715391285555133e-15,
	-1.1685332877993451e-14,
	7.676185498604936e-14,
	-4.856446783111929e-13,
	2.95505266312964e-12,
	-1.726826291441556e-11,
	9.675809035373237e-11,
	-5.189795601635263e-10,
	2.6598237246823866e-09,
	-1.300025009986248e-08,
	6.046995022541919e-08,
	-2.670793853940612e-07,
	1.1173875391201037e-06,
	-4.4167383584587505e-06,
	1.6448448070728896e-05,
	-5.754195010082104e-05,
	0.00018850288509584165,
	-0.0005763755745385824,
	0.0016394756169413357,
	-0.004324309995050576,
	0.010546460394594998,
	-0.02373741480589947,
	0.04930528423967071,
	-0.09490109704804764,
	0.17162090152220877,
	-0.3046826723431984,
	0.6767952744094761
};

static const double i0B[] = {
	-7.233180487874754e-18,
	-4.830504485944182e-18,
	4.46562142029676e-17,
	3.461222867697461e-17,
	-2.8276239805165836e-16,
	-3.425485619677219e-16,
	1.7725601330565263e-15,
	3.8116806693526224e-15,
	-9.554846698828307e-15,
	-4.150569347287222e-14,
	1.54008621752141e-14,
	3.8527783827421426e-13,
	7.180124451383666e-13,
	-1.7941785315068062e-12,
	-1.3215811840447713e-11,
	-3.1499165279632416e-11,
	1.1889147107846439e-11,
	4.94060238822497e-10,
	3.3962320257083865e-09,
	2.266668990498178e-08,
	2.0489185894690638e-07,
	2.8913705208347567e-06,
	6.889758346916825e-05,
	0.0033691164782556943,
	0.8044904110141088
};

static double
chbevl(double x, const double *vals, int n)
{
	double		b0 = vals[0],
				b1 = 0.0,
				b2 = 0.0;

	for (int i = 1; i < n; i++)
	{
		b2 = b1;
		b1 = b0;
		b0 = x * b1 - b2 + vals[i];
	}
	return 0.5 * (b0 - b2);
}

/* numpy.i0: Cephes' Chebyshev expansions of exp(-x) I0(x) */
static double
bessel_i0(double x)
{
	x = fabs(x);
	if (x <= 8.0)
		return exp(x) * chbevl(x / 2.0 - 2, i0A, (int) (sizeof(i0A) / sizeof(i0A[0])));
	return exp(x) * chbevl(32.0 / x - 2.0, i0B, (int) (sizeof(i0B) / sizeof(i0B[0]))) / sqrt(x);
}

/* the same for one value (the kaiser window, windows.c) */
double
mt_bessel_i0(double x)
{
	return bessel_i0(x);
}

static double
heaviside(double x, double h0)
{
	if (isnan(x))
		return x;
	if (x == 0)
		return h0;
	return x < 0 ? 0.0 : 1.0;
}

/*
 * numpy.sinc: y = pi * where(x == 0, 1e-20, x); sin(y) / y, each step in
 * the dtype as numpy's loops do (pi and 1e-20 become the dtype first: in
 * float16 1e-20 is 0, so sinc(0) is NaN there, as numpy's).
 */
static double
sinc(double x, MtDtype dtype)
{
	if (dtype == MT_FLOAT16)
	{
		float		z = x == 0 ? mt_half_to_float(mt_double_to_half(1.0e-20)) : (float) x;
		float		y = mt_half_to_float(mt_float_to_half(mt_half_to_float(mt_double_to_half(MT_PI)) * z));
		float		s = mt_half_to_float(mt_float_to_half(sinf(y)));

		return (double) (s / y);
	}
	if (dtype == MT_FLOAT32)
	{
		float		y = (float) MT_PI * (x == 0 ? 1.0e-20f : (float) x);

		return (double) (sinf(y) / y);
	}
	{
		double		y = MT_PI * (x == 0 ? 1.0e-20 : x);

		return sin(y) / y;
	}
}

static double
spacing(double x, MtDtype dtype)
{
	if (dtype == MT_FLOAT16)
		return half_spacing(x);
	if (isnan(x))
		return x;
	if (isinf(x))
		return NAN;
	if (dtype == MT_FLOAT32)
	{
		float		f = (float) x;

		if (f == 0)
			return FLT_TRUE_MIN;
		return (double) (nextafterf(f, copysignf(INFINITY, f)) - f);
	}
	if (x == 0)
		return DBL_TRUE_MIN;
	return nextafter(x, copysign(INFINITY, x)) - x;
}

MtStatus
mt_float_math(MtFloatMathOp op, MtDtype dtype, const double *a,
			  const double *b, double *c, int64_t n, MtPollFn poll,
			  void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		if (POLL_EVERY(i))
			return MT_ERR_CANCELED;
		switch (op)
		{
			case MT_FLOAT_HEAVISIDE:
				c[i] = heaviside(a[i], b[i]);
				break;
			case MT_FLOAT_NEXTAFTER:
				if (dtype == MT_FLOAT16)
					c[i] = half_nextafter(a[i], b[i]);
				else if (dtype == MT_FLOAT32)
					c[i] = nextafterf((float) a[i], (float) b[i]);
				else
					c[i] = nextafter(a[i], b[i]);
				break;
			case MT_FLOAT_SPACING:
				c[i] = spacing(a[i], dtype);
				break;
			case MT_FLOAT_SINC:
				c[i] = sinc(a[i], dtype);
				break;
			case MT_FLOAT_I0:
				c[i] = bessel_i0(a[i]);
				break;
		}
	}
	return MT_OK;
}

MtStatus
mt_modf(const double *x, double *frac, double *integral, int64_t n,
		MtPollFn poll, void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		if (POLL_EVERY(i))
			return MT_ERR_CANCELED;
		frac[i] = modf(x[i], &integral[i]);
	}
	return MT_OK;
}

MtStatus
mt_frexp(const double *x, double *mantissa, int32_t *exponent, int64_t n,
		 MtPollFn poll, void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		int			e = 0;

		if (POLL_EVERY(i))
			return MT_ERR_CANCELED;
		if (isnan(x[i]) || isinf(x[i]))
			mantissa[i] = x[i];
		else
			mantissa[i] = frexp(x[i], &e);
		exponent[i] = e;
	}
	return MT_OK;
}

MtStatus
mt_ldexp(const double *x, const int64_t *e, double *out, int64_t n,
		 MtPollFn poll, void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		int64_t		k = e[i];

		if (POLL_EVERY(i))
			return MT_ERR_CANCELED;
		if (k > 100000)
			k = 100000;
		if (k < -100000)
			k = -100000;
		out[i] = ldexp(x[i], (int) k);
	}
	return MT_OK;
}

MtStatus
mt_nan_to_num(const double *x, double *out, int64_t n, double nan,
			  double posinf, double neginf, MtPollFn poll, void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		double		v = x[i];

		if (POLL_EVERY(i))
			return MT_ERR_CANCELED;
		if (isnan(v))
			v = nan;
		else if (isinf(v))
			v = v > 0 ? posinf : neginf;
		out[i] = v;
	}
	return MT_OK;
}

MtStatus
mt_sinc_complex(const double *x, double *out, int64_t n, MtPollFn poll,
				void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		double _Complex z;
		double _Complex y;
		double _Complex r;

		if (POLL_EVERY(i))
			return MT_ERR_CANCELED;
		/* the parts as stored (a complex is an array of two doubles) */
		((double *) &z)[0] = x[2 * i];
		((double *) &z)[1] = x[2 * i + 1];
		y = MT_PI * (z == 0 ? 1.0e-20 : z);
		r = csin(y) / y;
		out[2 * i] = creal(r);
		out[2 * i + 1] = cimag(r);
	}
	return MT_OK;
}

/* Python's float % (numpy.mod): the sign of the divisor */
static double
py_mod(double a, double b)
{
	double		m = fmod(a, b);

	if (m != 0)
	{
		if ((b < 0) != (m < 0))
			m += b;
	}
	else
		m = copysign(0.0, b);
	return m;
}

MtStatus
mt_unwrap(const double *p, double *out, int64_t outer, int64_t len,
		  int64_t inner, double discont, double period, MtPollFn poll,
		  void *poll_arg)
{
	double		high = period / 2;
	double		low = -high;

	for (int64_t o = 0; o < outer; o++)
	{
		if (poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		for (int64_t j = 0; j < inner; j++)
		{
			const double *src = p + o * len * inner + j;
			double	   *dst = out + o * len * inner + j;
			double		cum = 0;

			if (len > 0)
				dst[0] = src[0];
			for (int64_t k = 1; k < len; k++)
			{
				double		dd = src[k * inner] - src[(k - 1) * inner];
				double		ddmod = py_mod(dd - low, period) + low;
				double		correct;

				if (ddmod == low && dd > 0)
					ddmod = high;
				correct = ddmod - dd;
				if (fabs(dd) < discont)
					correct = 0;
				cum += correct;
				dst[k * inner] = src[k * inner] + cum;
			}
		}
	}
	return MT_OK;
}

/* numpy's binary_search_with_guess, without the guess: -1 below xp[0],
 * nxp above xp[nxp - 1], else j with xp[j] <= x < xp[j + 1] */
static int64_t
search(double x, const double *xp, int64_t nxp)
{
	int64_t		lo = 0,
				hi = nxp;

	if (x > xp[nxp - 1])
		return nxp;
	if (x < xp[0])
		return -1;
	/* largest j with xp[j] <= x */
	while (hi - lo > 1)
	{
		int64_t		mid = lo + (hi - lo) / 2;

		if (x < xp[mid])
			hi = mid;
		else
			lo = mid;
	}
	return lo;
}

MtStatus
mt_interp(const double *x, int64_t n, const double *xp, const double *fp,
		  int64_t nxp, int ncomp, const double *left, const double *right,
		  double *out, MtPollFn poll, void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		double		xv = x[i];
		double	   *r = out + i * ncomp;
		int64_t		j;

		if (POLL_EVERY(i))
			return MT_ERR_CANCELED;
		if (nxp == 1)
		{
			for (int c = 0; c < ncomp; c++)
				r[c] = xv < xp[0] ? left[c] : (xv > xp[0] ? right[c] : fp[c]);
			continue;
		}
		if (isnan(xv))
		{
			/* numpy: the NaN itself (imaginary part 0) */
			r[0] = xv;
			if (ncomp == 2)
				r[1] = 0.0;
			continue;
		}
		j = search(xv, xp, nxp);
		for (int c = 0; c < ncomp; c++)
		{
			if (j == -1)
				r[c] = left[c];
			else if (j == nxp)
				r[c] = right[c];
			else if (j == nxp - 1 || xp[j] == xv)
				r[c] = fp[j * ncomp + c];
			else
			{
				double		y0 = fp[j * ncomp + c],
							y1 = fp[(j + 1) * ncomp + c];
				double		slope = (y1 - y0) / (xp[j + 1] - xp[j]);

				r[c] = slope * (xv - xp[j]) + y0;
				if (isnan(r[c]))
				{
					r[c] = slope * (xv - xp[j + 1]) + y1;
					if (isnan(r[c]) && y0 == y1)
						r[c] = y0;
				}
			}
		}
	}
	return MT_OK;
}
