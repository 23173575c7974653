/*
 * pad.c
 *	  numpy.pad (numpy/lib/_arraypad_impl.py) one axis at a time.  The
 *	  buffer has the padded shape; each line along the axis (every other
 *	  index fixed, over the full extent of the other axes, so corners are
 *	  filled from the pads of the axes done before, as numpy does) is
 *	  padded on its own.  Modes that move elements (edge, reflect and
 *	  symmetric 'even', wrap, maximum, minimum) copy them bit-exactly; the
 *	  computed ones (constant, reflect 'odd', linear_ramp, mean, median)
 *	  compute in double (complex: two doubles) and store as numpy assigns:
 *	  rounded half to even for integer dtypes after mean and median,
 *	  floored after linear_ramp (numpy.linspace), wrapped around for
 *	  integer reflect 'odd' (2 * edge - value in the dtype).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dtype_cast.h"
#include "elements.h"
#include "float16.h"
#include "pad.h"

typedef struct Line
{
	char	   *base;			/* element 0 of the line */
	int64_t		stride;			/* bytes between elements */
	size_t		elem;
	MtDtype		dtype;
} Line;

#define AT(l, i)	((l)->base + (int64_t) (i) * (l)->stride)

static inline void
copy_elem(const Line *l, int64_t dst, int64_t src)
{
	memcpy(AT(l, dst), AT(l, src), l->elem);
}

static void
load(const Line *l, int64_t i, double *re, double *im)
{
	const char *p = AT(l, i);

	*im = 0.0;
	switch (l->dtype)
	{
		case MT_COMPLEX64:
			*re = ((const float *) p)[0];
			*im = ((const float *) p)[1];
			break;
		case MT_COMPLEX128:
			*re = ((const double *) p)[0];
			*im = ((const double *) p)[1];
			break;
		default:
			*re = mt_load_double(p, l->dtype, 0);
	}
}

static void
store_int(const Line *l, int64_t i, int64_t v)
{
	char	   *p = AT(l, i);

	switch (l->dtype)
	{
		case MT_BOOL:
			*(bool *) p = v != 0;
			break;
		case MT_INT8:
			*(int8_t *) p = (int8_t) (uint8_t) v;
			break;
		case MT_UINT8:
			*(uint8_t *) p = (uint8_t) v;
			break;
		case MT_INT16:
			*(int16_t *) p = (int16_t) (uint16_t) v;
			break;
		case MT_INT32:
			*(int32_t *) p = (int32_t) (uint32_t) v;
			break;
		default:
			*(int64_t *) p = v;
	}
}

/* a computed value stored as numpy assigns it; integers were rounded or
 * floored by the caller and lie in range, out of range wraps */
static void
store(const Line *l, int64_t i, double re, double im)
{
	char	   *p = AT(l, i);

	switch (l->dtype)
	{
		case MT_FLOAT16:
			*(uint16_t *) p = mt_double_to_half(re);
			break;
		case MT_FLOAT32:
			*(float *) p = (float) re;
			break;
		case MT_FLOAT64:
			*(double *) p = re;
			break;
		case MT_COMPLEX64:
			((float *) p)[0] = (float) re;
			((float *) p)[1] = (float) im;
			break;
		case MT_COMPLEX128:
			((double *) p)[0] = re;
			((double *) p)[1] = im;
			break;
		case MT_BOOL:
			*(bool *) p = re != 0.0 || im != 0.0;
			break;
		default:
			if (re != re)
				re = 0.0;
			if (re >= 9.2233720368547758e18)
				store_int(l, i, INT64_MAX);
			else if (re < -9.2233720368547758e18)
				store_int(l, i, INT64_MIN);
			else
				store_int(l, i, (int64_t) re);
	}
}

static inline bool
is_integer_dtype(MtDtype dtype)
{
	return mt_dtype_is_exact(dtype) && dtype != MT_BOOL;
}

/* reflect_type 'odd': element dst = 2 * element edge - element src */
static void
odd_elem(const Line *l, int64_t dst, int64_t edge, int64_t src)
{
	if (l->dtype == MT_BOOL)
	{
		/* numpy: 2 * bool - bool is an integer, nonzero unless both false */
		*(bool *) AT(l, dst) = *(const bool *) AT(l, edge) || *(const bool *) AT(l, src);
	}
	else if (is_integer_dtype(l->dtype))
	{
		uint64_t	e = (uint64_t) mt_load_int64(AT(l, edge), l->dtype, 0);
		uint64_t	s = (uint64_t) mt_load_int64(AT(l, src), l->dtype, 0);

		store_int(l, dst, (int64_t) (2 * e - s));
	}
	else
	{
		double		er,
					ei,
					sr,
					si;

		load(l, edge, &er, &ei);
		load(l, src, &sr, &si);
		store(l, dst, 2 * er - sr, 2 * ei - si);
	}
}

/* numpy's _set_reflect_both, one round; n is the original extent */
static void
reflect_round(const Line *l, int64_t len, int64_t *left, int64_t *right,
			  int64_t n, bool odd, bool include_edge)
{
	int64_t		old = len - *right - *left;
	int64_t		edge_offset;

	if (include_edge)
	{
		old = old / n * n;
		edge_offset = 1;
	}
	else
	{
		old = (old - 1) / (n - 1) * (n - 1) + 1;
		edge_offset = 0;
		old -= 1;
	}
	if (*left > 0)
	{
		int64_t		chunk = old < *left ? old : *left;
		int64_t		start = *left - edge_offset + chunk;
		int64_t		edge = *left;

		for (int64_t k = 0; k < chunk; k++)
		{
			int64_t		dst = *left - chunk + k;
			int64_t		src = start - k;

			if (odd)
				odd_elem(l, dst, edge, src);
			else
				copy_elem(l, dst, src);
		}
		*left -= chunk;
	}
	if (*right > 0)
	{
		int64_t		chunk = old < *right ? old : *right;
		int64_t		start = len - *right + edge_offset - 2;
		int64_t		edge = len - *right - 1;

		for (int64_t k = 0; k < chunk; k++)
		{
			int64_t		dst = len - *right + k;
			int64_t		src = start - k;

			if (odd)
				odd_elem(l, dst, edge, src);
			else
				copy_elem(l, dst, src);
		}
		*right -= chunk;
	}
}

/* an element is NaN (either part for complex) */
static bool
elem_is_nan(const Line *l, int64_t i)
{
	double		re,
				im;

	if (mt_dtype_is_exact(l->dtype))
		return false;
	load(l, i, &re, &im);
	return re != re || im != im;
}

static const Line *sort_line;

static int
cmp_positions(const void *a, const void *b)
{
	int64_t		i = *(const int64_t *) a,
				j = *(const int64_t *) b;

	return mt_compare_elements(AT(sort_line, i), sort_line->dtype, 0,
							   AT(sort_line, j), sort_line->dtype, 0);
}

/*
 * The statistic of elements lo .. lo + count - 1, written to element dst
 * (a pad position).  Maximum and minimum copy the chosen element (NaN when
 * there is one, as numpy.amax/amin); mean and median compute.
 */
static void
stat_into(const Line *l, MtPadMode mode, int64_t lo, int64_t count,
		  int64_t dst, int64_t *scratch)
{
	double		re = 0.0,
				im = 0.0;

	if (mode == MT_PAD_MAXIMUM || mode == MT_PAD_MINIMUM)
	{
		int64_t		best = lo;

		for (int64_t i = lo; i < lo + count; i++)
		{
			int			c;

			if (elem_is_nan(l, i))
			{
				best = i;
				break;
			}
			c = mt_compare_elements(AT(l, i), l->dtype, 0, AT(l, best), l->dtype, 0);
			if (mode == MT_PAD_MAXIMUM ? c > 0 : c < 0)
				best = i;
		}
		copy_elem(l, dst, best);
		return;
	}
	if (count == 0)
	{
		/* numpy: the mean and median of nothing are NaN */
		store(l, dst, NAN, 0.0);
		return;
	}
	if (mode == MT_PAD_MEAN)
	{
		for (int64_t i = lo; i < lo + count; i++)
		{
			double		r,
						m;

			load(l, i, &r, &m);
			re += r;
			im += m;
		}
		re /= (double) count;
		im /= (double) count;
	}
	else
	{
		double		r2,
					m2;

		for (int64_t i = 0; i < count; i++)
			scratch[i] = lo + i;
		sort_line = l;
		qsort(scratch, count, sizeof(int64_t), cmp_positions);
		if (elem_is_nan(l, scratch[count - 1]))
		{
			/* numpy.median of values holding NaN is NaN */
			load(l, scratch[count - 1], &re, &im);
			store(l, dst, re, im);
			return;
		}
		load(l, scratch[(count - 1) / 2], &re, &im);
		load(l, scratch[count / 2], &r2, &m2);
		re = (re + r2) / 2.0;
		im = (im + m2) / 2.0;
	}
	if (is_integer_dtype(l->dtype))
		re = nearbyint(re);		/* half to even, the default mode */
	store(l, dst, re, im);
}

static void
pad_line(const Line *l, int64_t len, const MtPadAxis *pa, MtPadMode mode,
		 bool odd, int64_t *scratch)
{
	int64_t		left = pa->before,
				right = pa->after;
	int64_t		n = len - left - right;
	int64_t		first = left,
				last = len - right - 1;

	switch (mode)
	{
		case MT_PAD_EMPTY:
			break;
		case MT_PAD_CONSTANT:
			for (int64_t i = 0; i < left; i++)
				store(l, i, pa->value_before, 0.0);
			for (int64_t i = len - right; i < len; i++)
				store(l, i, pa->value_after, 0.0);
			break;
		case MT_PAD_EDGE:
			for (int64_t i = 0; i < left; i++)
				copy_elem(l, i, first);
			for (int64_t i = len - right; i < len; i++)
				copy_elem(l, i, last);
			break;
		case MT_PAD_REFLECT:
		case MT_PAD_SYMMETRIC:
			if (n == 1)
			{
				for (int64_t i = 0; i < left; i++)
					copy_elem(l, i, first);
				for (int64_t i = len - right; i < len; i++)
					copy_elem(l, i, last);
				break;
			}
			while (left > 0 || right > 0)
				reflect_round(l, len, &left, &right, n, odd,
							  mode == MT_PAD_SYMMETRIC);
			break;
		case MT_PAD_WRAP:
			for (int64_t i = 0; i < left; i++)
			{
				int64_t		x = ((i - first) % n + n) % n;

				copy_elem(l, i, first + x);
			}
			for (int64_t i = len - right; i < len; i++)
				copy_elem(l, i, first + (i - first) % n);
			break;
		case MT_PAD_LINEAR_RAMP:
			{
				double		er,
							ei;

				/* numpy.linspace(end, edge, width, endpoint=False), the
				 * right one reversed; floored for integer dtypes */
				load(l, first, &er, &ei);
				for (int64_t i = 0; i < left; i++)
				{
					double		r = pa->value_before + (double) i * ((er - pa->value_before) / (double) left);
					double		m = (double) i * (ei / (double) left);

					if (is_integer_dtype(l->dtype))
						r = floor(r);
					store(l, i, r, m);
				}
				load(l, last, &er, &ei);
				for (int64_t q = 0; q < right; q++)
				{
					int64_t		i = right - 1 - q;
					double		r = pa->value_after + (double) i * ((er - pa->value_after) / (double) right);
					double		m = (double) i * (ei / (double) right);

					if (is_integer_dtype(l->dtype))
						r = floor(r);
					store(l, len - right + q, r, m);
				}
				break;
			}
		case MT_PAD_MAXIMUM:
		case MT_PAD_MINIMUM:
		case MT_PAD_MEAN:
		case MT_PAD_MEDIAN:
			{
				int64_t		lc = pa->stat_before < 0 || pa->stat_before > n ? n : pa->stat_before;
				int64_t		rc = pa->stat_after < 0 || pa->stat_after > n ? n : pa->stat_after;

				/* the statistic goes to the first pad element, then is
				 * copied: every pad element on a side is the same */
				if (left > 0)
				{
					stat_into(l, mode, first, lc, left - 1, scratch);
					for (int64_t i = 0; i < left - 1; i++)
						copy_elem(l, i, left - 1);
				}
				if (right > 0)
				{
					stat_into(l, mode, last + 1 - rc, rc, len - right, scratch);
					for (int64_t i = len - right + 1; i < len; i++)
						copy_elem(l, i, len - right);
				}
				break;
			}
	}
}

bool
mt_pad_axis(void *data, MtDtype dtype, int ndim, const int64_t *dims,
			int axis, const MtPadAxis *pa, MtPadMode mode, bool odd,
			int64_t *scratch, MtPollFn poll, void *poll_arg)
{
	int64_t		outer = 1,
				inner = 1,
				len = dims[axis];
	size_t		elem = mt_dtype_size(dtype);
	int64_t		lines = 0;

	if (pa->before == 0 && pa->after == 0)
		return true;
	for (int d = 0; d < axis; d++)
		outer *= dims[d];
	for (int d = axis + 1; d < ndim; d++)
		inner *= dims[d];
	for (int64_t o = 0; o < outer; o++)
	{
		for (int64_t i = 0; i < inner; i++)
		{
			Line		l;

			if ((++lines & 1023) == 0 && poll && poll(poll_arg))
				return false;
			l.base = (char *) data + ((o * len) * inner + i) * (int64_t) elem;
			l.stride = inner * (int64_t) elem;
			l.elem = elem;
			l.dtype = dtype;
			pad_line(&l, len, pa, mode, odd, scratch);
		}
	}
	return true;
}
