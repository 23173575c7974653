/*
 * random.c
 *	  Reproducible random streams (see random.h).  Element i of a seeded
 *	  tensor depends only on the seed, the distribution and the dtype, never
 *	  on the machine, the libm version or how the caller chunks the work.
 *	  The file is compiled with -ffp-contract=off so that no multiply-add is
 *	  fused differently on machines with and without FMA.
 */
#include "random.h"

#include <math.h>

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void
mt_rng_seed(MtRng *rng, uint64_t seed)
{
	uint64_t	z = seed;

	for (int i = 0; i < 4; i++)
	{
		uint64_t	x;

		z += UINT64_C(0x9e3779b97f4a7c15);
		x = z;
		x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
		x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
		rng->s[i] = x ^ (x >> 31);
	}
	rng->has_spare = false;
	rng->spare = 0.0;
}

uint64_t
mt_rng_next(MtRng *rng)
{
	uint64_t   *s = rng->s;
	uint64_t	result = rotl(s[1] * 5, 7) * 9;
	uint64_t	t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* [0, 1) with 53 random bits. */
static inline double
next_unit_f64(MtRng *rng)
{
	return (double) (mt_rng_next(rng) >> 11) * 0x1.0p-53;
}

void
mt_fill_uniform_f64(MtRng *rng, double *out, int64_t n)
{
	for (int64_t i = 0; i < n; i++)
		out[i] = next_unit_f64(rng);
}

void
mt_fill_uniform_f32(MtRng *rng, float *out, int64_t n)
{
	for (int64_t i = 0; i < n; i++)
		out[i] = (float) (mt_rng_next(rng) >> 40) * 0x1.0p-24f;
}

/*
 * Natural logarithm of a positive finite double using only +, -, *, / and
 * exact scaling, so every IEEE 754 machine gives the same bits.  x = m * 2^e
 * with m in [sqrt(1/2), sqrt(2)); log(m) = 2 atanh(s), s = (m-1)/(m+1),
 * |s| < 0.1716, summed to well below one ulp.
 */
double
mt_portable_log(double x)
{
	static const double ln2_hi = 6.93147180369123816490e-01;
	static const double ln2_lo = 1.90821492927058770002e-10;
	int			e;
	double		m = frexp(x, &e);	/* exact: m in [0.5, 1) */
	double		s,
				s2,
				term,
				sum;

	if (m < 0.70710678118654752440)
	{
		m *= 2.0;
		e -= 1;
	}
	s = (m - 1.0) / (m + 1.0);
	s2 = s * s;
	/* s^3/3 + s^5/5 + ... by Horner, 13 terms bring it below 1e-19 */
	sum = 1.0 / 27.0;
	for (int k = 25; k >= 3; k -= 2)
		sum = 1.0 / k + s2 * sum;
	term = s * s2 * sum;
	return (double) e * ln2_hi + ((double) e * ln2_lo + (2.0 * term + 2.0 * s));
}

static double
next_normal(MtRng *rng)
{
	double		u,
				v,
				r2,
				f;

	if (rng->has_spare)
	{
		rng->has_spare = false;
		return rng->spare;
	}
	do
	{
		u = 2.0 * next_unit_f64(rng) - 1.0;
		v = 2.0 * next_unit_f64(rng) - 1.0;
		r2 = u * u + v * v;
	} while (r2 >= 1.0 || r2 == 0.0);
	f = sqrt(-2.0 * mt_portable_log(r2) / r2);
	rng->spare = v * f;
	rng->has_spare = true;
	return u * f;
}

void
mt_fill_normal_f64(MtRng *rng, double *out, int64_t n)
{
	for (int64_t i = 0; i < n; i++)
		out[i] = next_normal(rng);
}

void
mt_fill_normal_f32(MtRng *rng, float *out, int64_t n)
{
	for (int64_t i = 0; i < n; i++)
		out[i] = (float) next_normal(rng);
}
