/*
 * float16.h
 *	  IEEE 754 binary16 ("half", numpy's float16) as uint16_t bits: exact
 *	  widening to float, and correctly rounded narrowing (to nearest, ties to
 *	  even) from double, so float32 -> float16 never rounds twice.  Overflow
 *	  gives infinity, values below half the smallest subnormal give zero, NaN
 *	  stays a quiet NaN of the same sign.  Pure C, no postgres.h.
 */
#ifndef MARSQL_FLOAT16_H
#define MARSQL_FLOAT16_H

#include <stdint.h>
#include <string.h>

#define MT_HALF_MAX 65504.0		/* largest finite float16 */

static inline float
mt_half_to_float(uint16_t h)
{
	uint32_t	sign = (uint32_t) (h & 0x8000) << 16;
	uint32_t	e = (h >> 10) & 0x1f;
	uint32_t	m = h & 0x3ff;
	uint32_t	bits;
	float		f;

	if (e == 0)
	{
		if (m == 0)
			bits = sign;
		else
		{
			/* subnormal: normalize into a float32 exponent */
			uint32_t	fe = 127 - 15 + 1;

			while ((m & 0x400) == 0)
			{
				m <<= 1;
				fe--;
			}
			bits = sign | (fe << 23) | ((m & 0x3ff) << 13);
		}
	}
	else if (e == 31)
		bits = sign | 0x7f800000 | (m << 13);
	else
		bits = sign | ((e + 112) << 23) | (m << 13);
	memcpy(&f, &bits, sizeof(f));
	return f;
}

static inline uint16_t
mt_double_to_half(double d)
{
	uint64_t	b;
	uint16_t	sign;
	int			biased;
	int			e;
	int			shift;
	uint64_t	sig,
				q,
				rem,
				halfway;
	uint32_t	bits;

	memcpy(&b, &d, sizeof(b));
	sign = (uint16_t) ((b >> 48) & 0x8000);
	biased = (int) ((b >> 52) & 0x7ff);
	sig = b & UINT64_C(0xfffffffffffff);
	if (biased == 0x7ff)
		return sig != 0 ? (uint16_t) (sign | 0x7e00 | (uint16_t) (sig >> 42)) : (uint16_t) (sign | 0x7c00);
	if (biased == 0)
		return sign;			/* zero or a double subnormal: far below */
	e = biased - 1023;
	if (e > 15)
		return (uint16_t) (sign | 0x7c00);
	sig |= UINT64_C(1) << 52;
	/* drop the bits below a float16 ulp: 2^(e-10), or 2^-24 if subnormal */
	shift = 42 + (e < -14 ? -14 - e : 0);
	if (shift > 60)
		return sign;
	q = sig >> shift;
	rem = sig & ((UINT64_C(1) << shift) - 1);
	halfway = UINT64_C(1) << (shift - 1);
	if (rem > halfway || (rem == halfway && (q & 1)))
		q++;
	/* q carries the implicit bit: a carry out moves into the exponent */
	bits = ((uint32_t) ((e < -14 ? -14 : e) + 14) << 10) + (uint32_t) q;
	if (bits >= 0x7c00)
		bits = 0x7c00;
	return (uint16_t) (sign | bits);
}

static inline uint16_t
mt_float_to_half(float f)
{
	return mt_double_to_half((double) f);
}

/*
 * The double nearest to the shortest decimal that reads back as h (at most
 * 5 significant digits), for printing with a double's shortest form;
 * infinities and NaN as themselves.  float16.c.
 */
extern double mt_half_shortest_double(uint16_t h);

#endif							/* MARSQL_FLOAT16_H */
