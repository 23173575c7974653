/*
 * elements.c
 *	  dtype conversion, tensor ordering and hashing over raw element data
 *	  (see elements.h).
 */
#include "elements.h"

#include <math.h>
#include <string.h>

int64_t
mt_convert(const void *src, MtDtype src_dtype, void *dst, MtDtype dst_dtype,
		   int64_t n)
{
	MtCastFailure why;

	return mt_cast(src, src_dtype, dst, dst_dtype, n, &why);
}

/*
 * One element as an exact carrier: an integer dtype as int64, a float as
 * long double (exact for every int64 and double on x86-64 and aarch64), a
 * complex value's parts.
 */
typedef struct ExactValue
{
	bool		is_int;
	int64_t		i;
	long double re;
	long double im;
} ExactValue;

static inline ExactValue
exact_value(const void *data, MtDtype dtype, int64_t k)
{
	ExactValue	v = {false, 0, 0.0L, 0.0L};

	switch (dtype)
	{
		case MT_FLOAT32:
			v.re = ((const float *) data)[k];
			break;
		case MT_FLOAT64:
			v.re = ((const double *) data)[k];
			break;
		case MT_FLOAT16:
			v.re = mt_load_double(data, dtype, k);
			break;
		case MT_COMPLEX64:
			v.re = ((const float *) data)[2 * k];
			v.im = ((const float *) data)[2 * k + 1];
			break;
		case MT_COMPLEX128:
			v.re = ((const double *) data)[2 * k];
			v.im = ((const double *) data)[2 * k + 1];
			break;
		default:
			v.is_int = true;
			v.i = mt_load_int64(data, dtype, k);
			v.re = (long double) v.i;
			break;
	}
	return v;
}

static inline int
compare_long_double(long double a, long double b)
{
	if (a != a)
		return b != b ? 0 : 1;
	if (b != b)
		return -1;
	return a < b ? -1 : (a > b ? 1 : 0);
}

int
mt_compare_elements(const void *a, MtDtype dtype_a, int64_t i,
					const void *b, MtDtype dtype_b, int64_t j)
{
	ExactValue	x = exact_value(a, dtype_a, i);
	ExactValue	y = exact_value(b, dtype_b, j);
	int			c,
				xc,
				yc;

	if (x.is_int && y.is_int)
		return x.i < y.i ? -1 : (x.i > y.i ? 1 : 0);

	/*
	 * numpy's sort order (npy_sort CLT), which sort, searchsorted and isin
	 * share with this: values without NaN lexicographically, then R + nanj
	 * by real part, then nan + Rj by imaginary part, then nan + nanj.  A real
	 * value is x + 0j, so a real NaN is nan + 0j.
	 */
	xc = (x.re != x.re) * 2 + (x.im != x.im);
	yc = (y.re != y.re) * 2 + (y.im != y.im);
	if (xc != yc)
		return xc < yc ? -1 : 1;
	switch (xc)
	{
		case 1:
			return compare_long_double(x.re, y.re);
		case 2:
			return compare_long_double(x.im, y.im);
		case 3:
			return 0;
	}
	c = compare_long_double(x.re, y.re);
	return c != 0 ? c : compare_long_double(x.im, y.im);
}

int
mt_compare_tensors(int ndim_a, const int32_t *dims_a, MtDtype dtype_a,
				   const void *data_a, int ndim_b, const int32_t *dims_b,
				   MtDtype dtype_b, const void *data_b, int64_t count)
{
	if (ndim_a != ndim_b)
		return ndim_a < ndim_b ? -1 : 1;
	for (int i = 0; i < ndim_a; i++)
		if (dims_a[i] != dims_b[i])
			return dims_a[i] < dims_b[i] ? -1 : 1;
	if (dtype_a == MT_FLOAT64 && dtype_b == MT_FLOAT64)
	{
		const double *a = data_a,
				   *b = data_b;

		for (int64_t i = 0; i < count; i++)
		{
			int			c = mt_compare_double(a[i], b[i]);

			if (c != 0)
				return c;
		}
		return 0;
	}
	for (int64_t i = 0; i < count; i++)
	{
		int			c = mt_compare_elements(data_a, dtype_a, i,
											data_b, dtype_b, i);

		if (c != 0)
			return c;
	}
	return 0;
}

static inline uint64_t
mix64(uint64_t h, uint64_t v)
{
	h ^= v + UINT64_C(0x9e3779b97f4a7c15) + (h << 6) + (h >> 2);
	h ^= h >> 31;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	return h ^ (h >> 29);
}

uint64_t
mt_hash_tensor(int ndim, const int32_t *dims, MtDtype dtype, const void *data,
			   int64_t count, uint64_t seed)
{
	uint64_t	h = mix64(seed, (uint64_t) ndim);

	for (int i = 0; i < ndim; i++)
		h = mix64(h, (uint64_t) (uint32_t) dims[i]);
	for (int64_t i = 0; i < count; i++)
	{
		double		v,
					im = 0.0;
		uint64_t	bits;

		/*
		 * Values that compare equal must hash equal: every element hashes as
		 * the double of its value, which is exact for floats and for
		 * integers up to 2^53; an int64 no double holds can equal no other
		 * dtype's value and hashes as itself.
		 */
		if (mt_dtype_is_integer(dtype) || dtype == MT_BOOL)
		{
			int64_t		n = mt_load_int64(data, dtype, i);

			v = (double) n;
			if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0) ||
				(int64_t) v != n)
			{
				h = mix64(h, (uint64_t) n ^ UINT64_C(0x5bd1e9955bd1e995));
				continue;
			}
		}
		else
		{
			v = mt_load(data, dtype, i);
			if (mt_dtype_is_complex(dtype))
				im = dtype == MT_COMPLEX64 ? ((const float *) data)[2 * i + 1]
					: ((const double *) data)[2 * i + 1];
		}
		if (v != v)
			v = NAN;
		else if (v == 0.0)
			v = 0.0;
		memcpy(&bits, &v, sizeof(bits));
		h = mix64(h, bits);
		/* a zero imaginary part hashes as a real value */
		if (im != 0.0)
		{
			if (im != im)
				im = NAN;
			memcpy(&bits, &im, sizeof(bits));
			h = mix64(h, bits);
		}
	}
	return h;
}
