/*
 * statistics.c
 *	  Selection, numpy's quantile methods, the nan-reduction helpers,
 *	  histograms and their bin-width estimators, bincount, correlate /
 *	  convolve and cov / corrcoef over tensor data (see statistics.h).
 *	  Pure C, no postgres.h.
 */
#include "statistics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dtype_cast.h"
#include "float16.h"

/* elements handled between two polls */
#define STAT_POLL_STRIDE ((int64_t) 1 << 20)
/* ranges up to this size are finished by an insertion sort */
#define SELECT_SMALL 16

static const char *const method_names[] = {
	"inverted_cdf", "averaged_inverted_cdf", "closest_observation",
	"interpolated_inverted_cdf", "hazen", "weibull", "linear",
	"median_unbiased", "normal_unbiased", "lower", "higher", "midpoint",
	"nearest"
};

bool
mt_quantile_method_parse(const char *name, MtQuantileMethod *method)
{
	for (int i = 0; i < (int) (sizeof(method_names) / sizeof(method_names[0])); i++)
	{
		if (strcmp(name, method_names[i]) == 0)
		{
			*method = (MtQuantileMethod) i;
			return true;
		}
	}
	return false;
}

const char *
mt_quantile_method_names(void)
{
	return "inverted_cdf, averaged_inverted_cdf, closest_observation, "
		"interpolated_inverted_cdf, hazen, weibull, linear, median_unbiased, "
		"normal_unbiased, lower, higher, midpoint, nearest";
}

bool
mt_quantile_method_discrete(MtQuantileMethod method)
{
	return method == MT_QM_INVERTED_CDF || method == MT_QM_CLOSEST_OBSERVATION ||
		method == MT_QM_LOWER || method == MT_QM_HIGHER ||
		method == MT_QM_NEAREST;
}

/* ---- selection ---- */

/*
 * SELECT_BODY(T): quickselect on a[0 .. n-1] for position k.  The pivot is
 * the median of three; a partition that keeps more than 7/8 of the range
 * counts as bad, and after 2 log2(n) bad ones the range is sorted instead,
 * so the worst case stays O(n log n).  Equal elements are split between
 * both sides (Hoare), so many duplicates cost nothing extra.
 */
#define SELECT_BODY(T, CMP_T) \
	int64_t		lo = 0, \
				hi = n - 1; \
	int			budget = 2; \
	\
	for (int64_t m = n; m > 1; m >>= 1) \
		budget += 2; \
	while (hi - lo > SELECT_SMALL) \
	{ \
		int64_t		mid = lo + (hi - lo) / 2; \
		int64_t		i, \
					j; \
		T			pivot, \
					tmp; \
		\
		if (budget-- <= 0) \
		{ \
			qsort(a + lo, (size_t) (hi - lo + 1), sizeof(T), CMP_T); \
			return; \
		} \
		/* order a[lo], a[mid], a[hi]; the median goes to a[mid] */ \
		if (a[mid] < a[lo]) { tmp = a[mid]; a[mid] = a[lo]; a[lo] = tmp; } \
		if (a[hi] < a[lo]) { tmp = a[hi]; a[hi] = a[lo]; a[lo] = tmp; } \
		if (a[hi] < a[mid]) { tmp = a[hi]; a[hi] = a[mid]; a[mid] = tmp; } \
		pivot = a[mid]; \
		i = lo; \
		j = hi; \
		for (;;) \
		{ \
			while (a[i] < pivot) \
				i++; \
			while (pivot < a[j]) \
				j--; \
			if (i >= j) \
				break; \
			tmp = a[i]; a[i] = a[j]; a[j] = tmp; \
			i++; \
			j--; \
		} \
		/* now a[lo .. j] <= pivot <= a[j+1 .. hi] */ \
		if (k <= j) \
		{ \
			if ((j - lo) * 8 > (hi - lo) * 7) \
				budget--; \
			hi = j; \
		} \
		else \
		{ \
			if ((hi - j - 1) * 8 > (hi - lo) * 7) \
				budget--; \
			lo = j + 1; \
		} \
	} \
	for (int64_t x = lo + 1; x <= hi; x++) \
	{ \
		T			v = a[x]; \
		int64_t		y = x - 1; \
		\
		while (y >= lo && v < a[y]) \
		{ \
			a[y + 1] = a[y]; \
			y--; \
		} \
		a[y + 1] = v; \
	}

static int
cmp_f64(const void *x, const void *y)
{
	double		a = *(const double *) x,
				b = *(const double *) y;

	return (a > b) - (a < b);
}

static int
cmp_i64(const void *x, const void *y)
{
	int64_t		a = *(const int64_t *) x,
				b = *(const int64_t *) y;

	return (a > b) - (a < b);
}

void
mt_select_f64(double *a, int64_t n, int64_t k)
{
SELECT_BODY(double, cmp_f64)
}

void
mt_select_i64(int64_t *a, int64_t n, int64_t k)
{
SELECT_BODY(int64_t, cmp_i64)
}

/* ---- where each quantile lies ---- */

/*
 * numpy's _quantile for one q over m sorted values, as positions: the
 * result is lerp(v[lo], v[hi], gamma), or v[lo] for discrete methods
 * (gamma unused).  Positions and gamma follow numpy's arithmetic,
 * including its bounds: a virtual index below 0 takes v[0], one at or
 * above m - 1 takes v[m-1] (gamma then as numpy computes it, which only
 * matters for infinite values).
 */
typedef struct QPos
{
	int64_t		lo;
	int64_t		hi;
	double		gamma;
} QPos;

static int64_t
clip_index(double x, int64_t m)
{
	if (!(x > 0))
		return 0;
	if (x >= (double) (m - 1))
		return m - 1;
	return (int64_t) x;
}

static QPos
quantile_position(MtQuantileMethod method, int64_t m, double q)
{
	QPos		p = {0, 0, 0.0};
	double		n = (double) m;
	double		v = 0,
				prev,
				gamma;
	bool		averaged = false,
				midpoint = false;

	switch (method)
	{
		case MT_QM_INVERTED_CDF:
		case MT_QM_CLOSEST_OBSERVATION:
			{
				double		idx = method == MT_QM_INVERTED_CDF ?
					n * q - 1 : n * q - 1 - 0.5;
				double		pr = floor(idx);
				double		g = idx - pr;
				bool		cond = method == MT_QM_INVERTED_CDF ? g == 0 :
					(g == 0 && fmod(pr, 2.0) != 0);

				p.lo = p.hi = clip_index(cond ? pr : pr + 1, m);
				return p;
			}
		case MT_QM_LOWER:
			p.lo = p.hi = clip_index(floor((n - 1) * q), m);
			return p;
		case MT_QM_HIGHER:
			p.lo = p.hi = clip_index(ceil((n - 1) * q), m);
			return p;
		case MT_QM_NEAREST:
			/* np.around: halves to even */
			p.lo = p.hi = clip_index(nearbyint((n - 1) * q), m);
			return p;
		case MT_QM_MEDIAN:
			p.lo = (m - 1) / 2;
			p.hi = m / 2;
			p.gamma = 0.5;
			return p;
		case MT_QM_LINEAR:
			v = (n - 1) * q;
			break;
		case MT_QM_AVERAGED_INVERTED_CDF:
			v = n * q - 1;
			averaged = true;
			break;
		case MT_QM_INTERPOLATED_INVERTED_CDF:
			v = n * q + (0 + q * (1 - 0 - 1)) - 1;
			break;
		case MT_QM_HAZEN:
			v = n * q + (0.5 + q * (1 - 0.5 - 0.5)) - 1;
			break;
		case MT_QM_WEIBULL:
			v = n * q + (0 + q * (1 - 0 - 0)) - 1;
			break;
		case MT_QM_MEDIAN_UNBIASED:
			v = n * q + (1 / 3.0 + q * (1 - 1 / 3.0 - 1 / 3.0)) - 1;
			break;
		case MT_QM_NORMAL_UNBIASED:
			v = n * q + (3 / 8.0 + q * (1 - 3 / 8.0 - 3 / 8.0)) - 1;
			break;
		case MT_QM_MIDPOINT:
			v = 0.5 * (floor((n - 1) * q) + ceil((n - 1) * q));
			midpoint = true;
			break;
	}
	/* numpy's _get_indexes, then _get_gamma with the clipped previous */
	prev = floor(v);
	if (v >= n - 1)
	{
		p.lo = p.hi = m - 1;
		prev = -1;
	}
	else if (v < 0)
	{
		p.lo = p.hi = 0;
		prev = 0;
	}
	else
	{
		p.lo = (int64_t) prev;
		p.hi = p.lo + 1;
	}
	gamma = v - prev;
	if (averaged)
		gamma = gamma == 0 ? 0.5 : 1.0;
	else if (midpoint)
		gamma = fmod(v, 1.0) == 0 ? 0.0 : 0.5;
	p.gamma = gamma;
	return p;
}

/* numpy's _lerp(a, b, t) in double and in float */
static inline double
lerp_f64(double a, double b, double t)
{
	double		d = b - a;

	return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

static inline float
lerp_f32(float a, float b, float t)
{
	float		d = b - a;

	return t >= 0.5f ? b - d * (1 - t) : a + d * t;
}

/* ---- storing results ---- */

static void
store_double(void *dst, MtDtype dtype, int64_t i, double v)
{
	switch (dtype)
	{
		case MT_FLOAT64:
			((double *) dst)[i] = v;
			break;
		case MT_FLOAT32:
			((float *) dst)[i] = (float) v;
			break;
		case MT_FLOAT16:
			((uint16_t *) dst)[i] = mt_double_to_half(v);
			break;
		default:
			break;
	}
}

static void
store_int64(void *dst, MtDtype dtype, int64_t i, int64_t v)
{
	switch (dtype)
	{
		case MT_BOOL:
		case MT_UINT8:
			((uint8_t *) dst)[i] = (uint8_t) v;
			break;
		case MT_INT8:
			((int8_t *) dst)[i] = (int8_t) v;
			break;
		case MT_INT16:
			((int16_t *) dst)[i] = (int16_t) v;
			break;
		case MT_INT32:
			((int32_t *) dst)[i] = (int32_t) v;
			break;
		case MT_INT64:
			((int64_t *) dst)[i] = v;
			break;
		default:
			store_double(dst, dtype, i, (double) v);
			break;
	}
}

/* the value at position p of the selected lane, interpolated in the
 * precision of dst_dtype */
static double
interpolate(const double *v, QPos p, MtQuantileMethod method, MtDtype dst_dtype)
{
	double		a = v[p.lo],
				b = v[p.hi];

	if (method == MT_QM_MEDIAN)
	{
		/* numpy.mean of the middle one or two: their sum, then / count */
		if (p.lo == p.hi)
			return a;
		if (dst_dtype == MT_FLOAT64)
			return (a + b) / 2;
		return (double) (((float) a + (float) b) / 2.0f);
	}
	if (dst_dtype == MT_FLOAT64)
		return lerp_f64(a, b, p.gamma);
	return (double) lerp_f32((float) a, (float) b, (float) p.gamma);
}

/*
 * Puts every position of need[0 .. nneed-1] (sorted, distinct, within
 * [from, to)) in its sorted place: the middle one first, then those below
 * it in [from, at) and those above in (at, to), so several quantiles cost
 * about n log(nneed) instead of n nneed.  A position at either end of its
 * range is a minimum or maximum scan.
 */
#define DEFINE_SELECT_MANY(NAME, T) \
static void \
select_many_##NAME(T *a, int64_t from, int64_t to, const int64_t *need, \
				   int64_t nneed) \
{ \
	while (nneed > 0) \
	{ \
		int64_t		mid = nneed / 2; \
		int64_t		at = need[mid]; \
		\
		if (at == from || at == to - 1) \
		{ \
			int64_t		best = at; \
			T			t; \
			\
			for (int64_t x = from; x < to; x++) \
				if (at == from ? a[x] < a[best] : a[best] < a[x]) \
					best = x; \
			t = a[at]; \
			a[at] = a[best]; \
			a[best] = t; \
		} \
		else \
			mt_select_##NAME(a + from, to - from, at - from); \
		select_many_##NAME(a, from, at, need, mid); \
		from = at + 1; \
		need += mid + 1; \
		nneed -= mid + 1; \
	} \
}

DEFINE_SELECT_MANY(f64, double)
DEFINE_SELECT_MANY(i64, int64_t)

/* ---- the lanes ---- */

typedef struct QWork
{
	double	   *vals;			/* one lane as doubles */
	int64_t    *ivals;			/* or as int64 (exact dtypes, discrete) */
	QPos	   *pos;			/* nq positions */
	int64_t    *need;			/* positions to select, sorted, distinct */
} QWork;

static int
cmp_i64_plain(const void *x, const void *y)
{
	return cmp_i64(x, y);
}

/* element i of a complex dtype as (re, im) */
static inline void
load_complex(const void *data, MtDtype dtype, int64_t i, double *re, double *im)
{
	if (dtype == MT_COMPLEX64)
	{
		*re = ((const float *) data)[2 * i];
		*im = ((const float *) data)[2 * i + 1];
	}
	else
	{
		*re = ((const double *) data)[2 * i];
		*im = ((const double *) data)[2 * i + 1];
	}
}

/* numpy's order of complex values: [R + Rj, R + nanj, nan + Rj,
 * nan + nanj], each group by its non-NaN parts, real part first */
static int
cmp_complex(const void *x, const void *y)
{
	const double *a = (const double *) x,
			   *b = (const double *) y;
	int			ra = (isnan(a[0]) ? 2 : 0) + (isnan(a[1]) ? 1 : 0),
				rb = (isnan(b[0]) ? 2 : 0) + (isnan(b[1]) ? 1 : 0);

	if (ra != rb)
		return ra < rb ? -1 : 1;
	for (int p = 0; p < 2; p++)
	{
		if (isnan(a[p]) || a[p] == b[p])
			continue;
		return a[p] < b[p] ? -1 : 1;
	}
	return 0;
}

static void
store_complex(void *dst, MtDtype dtype, int64_t i, double re, double im)
{
	if (dtype == MT_COMPLEX64)
	{
		((float *) dst)[2 * i] = (float) re;
		((float *) dst)[2 * i + 1] = (float) im;
	}
	else
	{
		((double *) dst)[2 * i] = re;
		((double *) dst)[2 * i + 1] = im;
	}
}

/*
 * numpy.median (skip_nan: nanmedian) of complex lanes: each lane sorted in
 * numpy's complex order (O(n log n): numpy partitions complex values too,
 * but complex medians are rare); a lane holding NaN gives its last
 * element after sorting, as numpy's _median_nancheck.
 */
static MtStatus
median_complex(MtDtype dtype, const void *src, int64_t outer, int64_t len,
			   int64_t inner, bool skip_nan, void *dst,
			   MtPollFn poll, void *poll_arg)
{
	double	   *buf = malloc(sizeof(double) * 2 * (size_t) (len > 0 ? len : 1));
	int64_t		lanes = outer * inner;
	int64_t		since_poll = 0;

	if (buf == NULL)
		return MT_ERR_MEMORY;
	for (int64_t lane = 0; lane < lanes; lane++)
	{
		int64_t		o = lane / inner;
		int64_t		base = o * len * inner + (lane - o * inner);
		int64_t		m = 0;

		since_poll += len + 1;
		if (since_poll >= STAT_POLL_STRIDE)
		{
			since_poll = 0;
			if (poll != NULL && poll(poll_arg))
			{
				free(buf);
				return MT_ERR_CANCELED;
			}
		}
		for (int64_t j = 0; j < len; j++)
		{
			double		re,
						im;

			load_complex(src, dtype, base + j * inner, &re, &im);
			if (skip_nan && (isnan(re) || isnan(im)))
				continue;
			buf[2 * m] = re;
			buf[2 * m + 1] = im;
			m++;
		}
		if (m == 0)
		{
			/* the mean of nothing; nanmedian's all-NaN slice: NaN */
			store_complex(dst, dtype, lane, NAN, skip_nan ? 0 : NAN);
			continue;
		}
		qsort(buf, (size_t) m, 2 * sizeof(double), cmp_complex);
		if (isnan(buf[2 * (m - 1)]) || isnan(buf[2 * (m - 1) + 1]))
			store_complex(dst, dtype, lane, buf[2 * (m - 1)], buf[2 * (m - 1) + 1]);
		else
		{
			int64_t		lo = (m - 1) / 2,
						hi = m / 2;

			if (dtype == MT_COMPLEX64)
				store_complex(dst, dtype, lane,
							  (double) (((float) buf[2 * lo] + (float) buf[2 * hi]) / 2.0f),
							  (double) (((float) buf[2 * lo + 1] + (float) buf[2 * hi + 1]) / 2.0f));
			else
				store_complex(dst, dtype, lane, (buf[2 * lo] + buf[2 * hi]) / 2,
							  (buf[2 * lo + 1] + buf[2 * hi + 1]) / 2);
		}
	}
	free(buf);
	return MT_OK;
}

MtStatus
mt_quantile(MtDtype dtype, const void *src, int64_t outer, int64_t len,
			int64_t inner, const double *q, int64_t nq,
			MtQuantileMethod method, bool skip_nan, void *dst,
			MtDtype dst_dtype, MtPollFn poll, void *poll_arg)
{
	QWork		w;
	size_t		count = len > 0 ? (size_t) len : 1;
	size_t		qcount = nq > 0 ? (size_t) nq : 1;
	bool		discrete = mt_quantile_method_discrete(method);
	bool		use_int = discrete && mt_dtype_is_exact(dtype);
	bool		is_float = mt_dtype_is_float(dtype);
	int64_t		lanes = outer * inner;
	int64_t		since_poll = 0;
	MtStatus	status = MT_OK;

	if (mt_dtype_is_complex(dtype))
		return median_complex(dtype, src, outer, len, inner, skip_nan, dst,
							  poll, poll_arg);
	memset(&w, 0, sizeof(w));
	if (use_int)
		w.ivals = malloc(sizeof(int64_t) * count);
	else
		w.vals = malloc(sizeof(double) * count);
	w.pos = malloc(sizeof(QPos) * qcount);
	w.need = malloc(sizeof(int64_t) * 2 * qcount);
	if ((use_int ? (void *) w.ivals : (void *) w.vals) == NULL ||
		w.pos == NULL || w.need == NULL)
	{
		status = MT_ERR_MEMORY;
		goto done;
	}

	for (int64_t lane = 0; lane < lanes; lane++)
	{
		int64_t		o = lane / (inner > 0 ? inner : 1);
		int64_t		in = lane - o * inner;
		int64_t		base = o * len * inner + in;
		int64_t		m = 0;
		bool		has_nan = false;
		int64_t		nneed = 0;

		since_poll += len + 1;
		if (since_poll >= STAT_POLL_STRIDE)
		{
			since_poll = 0;
			if (poll != NULL && poll(poll_arg))
			{
				status = MT_ERR_CANCELED;
				goto done;
			}
		}

		/* gather the lane, dropping or noting NaNs */
		if (use_int)
		{
			for (int64_t i = 0; i < len; i++)
				w.ivals[m++] = mt_load_int64(src, dtype, base + i * inner);
		}
		else if (dtype == MT_FLOAT64 && inner == 1)
		{
			const double *s = (const double *) src + base;

			if (skip_nan)
			{
				for (int64_t i = 0; i < len; i++)
					if (!isnan(s[i]))
						w.vals[m++] = s[i];
			}
			else
			{
				for (int64_t i = 0; i < len; i++)
					has_nan |= isnan(s[i]);
				if (!has_nan)
					memcpy(w.vals, s, sizeof(double) * (size_t) len);
				m = len;
			}
		}
		else
		{
			for (int64_t i = 0; i < len; i++)
			{
				double		x = mt_load_double(src, dtype, base + i * inner);

				if (is_float && isnan(x))
				{
					has_nan = true;
					if (skip_nan)
						continue;
				}
				w.vals[m++] = x;
			}
			if (skip_nan)
				has_nan = false;
		}

		if (has_nan || m == 0)
		{
			/* numpy: NaN for a lane holding NaN, an all-NaN or empty lane */
			for (int64_t k = 0; k < nq; k++)
				store_double(dst, dst_dtype, k * lanes + lane, NAN);
			continue;
		}

		/* the order statistics every q needs, selected in ascending order */
		for (int64_t k = 0; k < nq; k++)
		{
			w.pos[k] = quantile_position(method, m, q[k]);
			w.need[nneed++] = w.pos[k].lo;
			if (!discrete && w.pos[k].hi != w.pos[k].lo)
				w.need[nneed++] = w.pos[k].hi;
		}
		qsort(w.need, (size_t) nneed, sizeof(int64_t), cmp_i64_plain);
		{
			int64_t		distinct = 0;

			for (int64_t k = 0; k < nneed; k++)
				if (distinct == 0 || w.need[k] != w.need[distinct - 1])
					w.need[distinct++] = w.need[k];
			if (use_int)
				select_many_i64(w.ivals, 0, m, w.need, distinct);
			else
				select_many_f64(w.vals, 0, m, w.need, distinct);
		}

		for (int64_t k = 0; k < nq; k++)
		{
			int64_t		at = k * lanes + lane;

			if (use_int)
				store_int64(dst, dst_dtype, at, w.ivals[w.pos[k].lo]);
			else if (discrete)
				store_double(dst, dst_dtype, at, w.vals[w.pos[k].lo]);
			else
				store_double(dst, dst_dtype, at,
							 interpolate(w.vals, w.pos[k], method, dst_dtype));
		}
	}

done:
	free(w.vals);
	free(w.ivals);
	free(w.pos);
	free(w.need);
	return status;
}

/* ---- nan-reductions ---- */

MtStatus
mt_replace_nan(MtDtype dtype, const void *src, int64_t outer, int64_t len,
			   int64_t inner, double fill, void *dst, int64_t *counts,
			   MtPollFn poll, void *poll_arg)
{
	size_t		elem = mt_dtype_size(dtype);
	int64_t		lanes = outer * inner;
	int64_t		since_poll = 0;
	uint16_t	hfill = mt_double_to_half(fill);

	memcpy(dst, src, elem * (size_t) (lanes * len));
	for (int64_t lane = 0; lane < lanes; lane++)
		counts[lane] = len;
	if (mt_dtype_is_exact(dtype))
		return MT_OK;
	for (int64_t o = 0; o < outer; o++)
	{
		for (int64_t j = 0; j < len; j++)
		{
			int64_t		base = (o * len + j) * inner;

			since_poll += inner;
			if (since_poll >= STAT_POLL_STRIDE)
			{
				since_poll = 0;
				if (poll != NULL && poll(poll_arg))
					return MT_ERR_CANCELED;
			}
			for (int64_t i = 0; i < inner; i++)
			{
				int64_t		at = base + i;
				bool		nan;

				switch (dtype)
				{
					case MT_FLOAT64:
						nan = isnan(((double *) dst)[at]);
						if (nan)
							((double *) dst)[at] = fill;
						break;
					case MT_FLOAT32:
						nan = isnan(((float *) dst)[at]);
						if (nan)
							((float *) dst)[at] = (float) fill;
						break;
					case MT_FLOAT16:
						nan = (((uint16_t *) dst)[at] & 0x7fffu) > 0x7c00u;
						if (nan)
							((uint16_t *) dst)[at] = hfill;
						break;
					case MT_COMPLEX64:
						{
							float	   *c = (float *) dst + 2 * at;

							nan = isnan(c[0]) || isnan(c[1]);
							if (nan)
							{
								c[0] = (float) fill;
								c[1] = 0;
							}
						}
						break;
					default:
						{
							double	   *c = (double *) dst + 2 * at;

							nan = isnan(c[0]) || isnan(c[1]);
							if (nan)
							{
								c[0] = fill;
								c[1] = 0;
							}
						}
						break;
				}
				if (nan)
					counts[o * inner + i]--;
			}
		}
	}
	return MT_OK;
}

void
mt_divide_by_counts(MtDtype dtype, void *data, int64_t n, const int64_t *counts)
{
	for (int64_t i = 0; i < n; i++)
	{
		double		c = (double) counts[i];

		switch (dtype)
		{
			case MT_FLOAT64:
				((double *) data)[i] /= c;
				break;
			case MT_FLOAT32:
				((float *) data)[i] = (float) (((float *) data)[i] / c);
				break;
			case MT_FLOAT16:
				((uint16_t *) data)[i] =
					mt_double_to_half(mt_half_to_float(((uint16_t *) data)[i]) / c);
				break;
			case MT_COMPLEX64:
				((float *) data)[2 * i] = (float) (((float *) data)[2 * i] / c);
				((float *) data)[2 * i + 1] = (float) (((float *) data)[2 * i + 1] / c);
				break;
			case MT_COMPLEX128:
				((double *) data)[2 * i] /= c;
				((double *) data)[2 * i + 1] /= c;
				break;
			default:
				break;
		}
	}
}

MtStatus
mt_nan_var(MtDtype dtype, const void *src, int64_t outer, int64_t len,
		   int64_t inner, double ddof, bool std, void *dst, MtDtype dst_dtype,
		   MtPollFn poll, void *poll_arg)
{
	bool		cplx = mt_dtype_is_complex(dtype);
	int64_t		lanes = outer * inner;
	int64_t		since_poll = 0;

	for (int64_t lane = 0; lane < lanes; lane++)
	{
		int64_t		o = lane / inner;
		int64_t		base = o * len * inner + (lane - o * inner);
		double		sr = 0,
					si = 0,
					mr,
					mi,
					ss = 0,
					v;
		int64_t		cnt = 0;

		since_poll += 2 * len + 1;
		if (since_poll >= STAT_POLL_STRIDE)
		{
			since_poll = 0;
			if (poll != NULL && poll(poll_arg))
				return MT_ERR_CANCELED;
		}
		for (int64_t j = 0; j < len; j++)
		{
			double		re,
						im = 0;

			if (cplx)
				load_complex(src, dtype, base + j * inner, &re, &im);
			else
				re = mt_load_double(src, dtype, base + j * inner);
			if (isnan(re) || isnan(im))
				continue;
			sr += re;
			si += im;
			cnt++;
		}
		mr = sr / (double) cnt;
		mi = si / (double) cnt;
		for (int64_t j = 0; j < len; j++)
		{
			double		re,
						im = 0;

			if (cplx)
				load_complex(src, dtype, base + j * inner, &re, &im);
			else
				re = mt_load_double(src, dtype, base + j * inner);
			if (isnan(re) || isnan(im))
				continue;
			ss += (re - mr) * (re - mr) + (im - mi) * (im - mi);
		}
		v = (double) cnt - ddof > 0 ? ss / ((double) cnt - ddof) : NAN;
		store_double(dst, dst_dtype, lane, std ? sqrt(v) : v);
	}
	return MT_OK;
}

void
mt_nan_where_empty(MtDtype dtype, void *data, int64_t n, const int64_t *counts)
{
	for (int64_t i = 0; i < n; i++)
	{
		if (counts[i] != 0)
			continue;
		if (dtype == MT_COMPLEX64)
		{
			((float *) data)[2 * i] = NAN;
			((float *) data)[2 * i + 1] = 0;
		}
		else if (dtype == MT_COMPLEX128)
		{
			((double *) data)[2 * i] = NAN;
			((double *) data)[2 * i + 1] = 0;
		}
		else
			store_double(data, dtype, i, NAN);
	}
}

/* ---- histograms ---- */

MtStatus
mt_histogram(const void *x, MtDtype dtype, int64_t n, const void *w,
			 MtDtype wdtype, const double *edges, int64_t nbins, bool uniform,
			 double lo, double hi, double *counts, MtPollFn poll, void *poll_arg)
{
	double		norm = (double) nbins / (hi - lo);

	for (int64_t i = 0; i < n; i++)
	{
		double		v = mt_load_double(x, dtype, i);
		int64_t		idx;

		if ((i & (STAT_POLL_STRIDE - 1)) == 0 && i > 0 &&
			poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		if (!(v >= lo && v <= hi))
			continue;
		if (uniform)
		{
			/* numpy's fast path: the computed bin, corrected by the edges */
			idx = (int64_t) ((v - lo) * norm);
			if (idx >= nbins)
				idx = nbins - 1;
			if (idx < 0)
				idx = 0;
			if (v < edges[idx] && idx > 0)
				idx--;
			else if (idx != nbins - 1 && v >= edges[idx + 1])
				idx++;
		}
		else
		{
			/* the last edge <= v */
			int64_t		a = 0,
						b = nbins + 1;

			while (b - a > 1)
			{
				int64_t		mid = a + (b - a) / 2;

				if (edges[mid] <= v)
					a = mid;
				else
					b = mid;
			}
			idx = a < nbins ? a : nbins - 1;
		}
		counts[idx] += w != NULL ? mt_load_double(w, wdtype, i) : 1.0;
	}
	return MT_OK;
}

static double
mean_of(const double *x, int64_t n)
{
	double		s = 0;

	for (int64_t i = 0; i < n; i++)
		s += x[i];
	return s / (double) n;
}

static double
std_of(const double *x, int64_t n)
{
	double		m = mean_of(x, n),
				s = 0;

	for (int64_t i = 0; i < n; i++)
		s += (x[i] - m) * (x[i] - m);
	return sqrt(s / (double) n);
}

static double
ptp_of(const double *x, int64_t n)
{
	double		mn = x[0],
				mx = x[0];

	for (int64_t i = 1; i < n; i++)
	{
		if (x[i] < mn)
			mn = x[i];
		if (x[i] > mx)
			mx = x[i];
	}
	return mx - mn;
}

/* numpy.percentile(x, p) by the linear method (x reordered) */
static double
percentile_of(double *x, int64_t n, double p)
{
	QPos		pos = quantile_position(MT_QM_LINEAR, n, p / 100);
	int64_t		need[2] = {pos.lo, pos.hi};

	select_many_f64(x, 0, n, need, pos.hi != pos.lo ? 2 : 1);
	return lerp_f64(x[pos.lo], x[pos.hi], pos.gamma);
}

static double
width_sturges(const double *x, int64_t n)
{
	return ptp_of(x, n) / (log2((double) n) + 1.0);
}

static double
width_fd(double *x, int64_t n)
{
	double		iqr = percentile_of(x, n, 75) - percentile_of(x, n, 25);

	return 2.0 * iqr * pow((double) n, -1.0 / 3.0);
}

bool
mt_histogram_bin_width(const char *rule, double *x, int64_t n, double lo,
					   double hi, double *width)
{
	*width = 0;
	if (strcmp(rule, "sqrt") == 0)
		*width = n > 0 ? ptp_of(x, n) / sqrt((double) n) : 0;
	else if (strcmp(rule, "sturges") == 0)
		*width = n > 0 ? width_sturges(x, n) : 0;
	else if (strcmp(rule, "rice") == 0)
		*width = n > 0 ? ptp_of(x, n) / (2.0 * pow((double) n, 1.0 / 3)) : 0;
	else if (strcmp(rule, "scott") == 0)
		*width = n > 0 ? pow(24.0 * sqrt(3.14159265358979323846) / (double) n, 1.0 / 3.0) * std_of(x, n) : 0;
	else if (strcmp(rule, "fd") == 0)
		*width = n > 0 ? width_fd(x, n) : 0;
	else if (strcmp(rule, "auto") == 0)
	{
		if (n > 0)
		{
			double		fd = width_fd(x, n),
						st = width_sturges(x, n);

			*width = fd != 0 ? (fd < st ? fd : st) : st;
		}
	}
	else if (strcmp(rule, "doane") == 0)
	{
		if (n > 2)
		{
			double		sg1 = sqrt(6.0 * (double) (n - 2) /
								   (((double) n + 1.0) * ((double) n + 3)));
			double		sigma = std_of(x, n);

			if (sigma > 0.0)
			{
				double		m = mean_of(x, n),
							g1 = 0;

				for (int64_t i = 0; i < n; i++)
				{
					double		t = (x[i] - m) / sigma;

					g1 += t * t * t;
				}
				g1 /= (double) n;
				*width = ptp_of(x, n) / (1.0 + log2((double) n) +
										 log2(1.0 + fabs(g1) / sg1));
			}
		}
	}
	else if (strcmp(rule, "stone") == 0)
	{
		double		ptp = n > 0 ? ptp_of(x, n) : 0;

		if (n > 1 && ptp != 0)
		{
			int64_t		upper = (int64_t) sqrt((double) n);
			int64_t		best = 1;
			double		best_j = INFINITY;
			double	   *counts,
					   *edges;

			if (upper < 100)
				upper = 100;
			counts = malloc(sizeof(double) * (size_t) upper);
			edges = malloc(sizeof(double) * (size_t) (upper + 1));
			if (counts == NULL || edges == NULL)
			{
				free(counts);
				free(edges);
				return false;
			}
			for (int64_t nb = 1; nb <= upper; nb++)
			{
				double		hh = ptp / (double) nb,
							dot = 0,
							j;
				double		step = (hi - lo) / (double) nb;

				for (int64_t k = 0; k <= nb; k++)
					edges[k] = k == nb ? hi : lo + (double) k * step;
				memset(counts, 0, sizeof(double) * (size_t) nb);
				mt_histogram(x, MT_FLOAT64, n, NULL, MT_FLOAT64, edges, nb, true,
							 lo, hi, counts, NULL, NULL);
				for (int64_t k = 0; k < nb; k++)
					dot += (counts[k] / (double) n) * (counts[k] / (double) n);
				j = (2 - ((double) n + 1) * dot) / hh;
				if (j < best_j)
				{
					best_j = j;
					best = nb;
				}
			}
			free(counts);
			free(edges);
			*width = ptp / (double) best;
		}
	}
	else
		return false;
	return true;
}

void
mt_bincount(const void *x, MtDtype dtype, int64_t n, const void *w,
			MtDtype wdtype, int64_t nbins, void *out)
{
	for (int64_t i = 0; i < n; i++)
	{
		int64_t		k = mt_load_int64(x, dtype, i);

		if (k < 0 || k >= nbins)
			continue;
		if (w != NULL)
			((double *) out)[k] += mt_load_double(w, wdtype, i);
		else
			((int64_t *) out)[k]++;
	}
}

int
mt_monotonicity(const void *bins, MtDtype dtype, int64_t n)
{
	bool		up = true,
				down = true;

	for (int64_t i = 0; i + 1 < n; i++)
	{
		double		a = mt_load_double(bins, dtype, i),
					b = mt_load_double(bins, dtype, i + 1);

		if (mt_dtype_is_exact(dtype))
		{
			int64_t		ia = mt_load_int64(bins, dtype, i),
						ib = mt_load_int64(bins, dtype, i + 1);

			up &= ia <= ib;
			down &= ia >= ib;
		}
		else
		{
			/* numpy compares with <= and >=: a NaN breaks both */
			up &= a <= b;
			down &= a >= b;
		}
	}
	return up ? 1 : (down ? -1 : 0);
}

/* ---- correlation ---- */

int64_t
mt_correlate_length(int64_t na, int64_t nv, MtCorrelateMode mode)
{
	int64_t		mx = na > nv ? na : nv,
				mn = na > nv ? nv : na;

	switch (mode)
	{
		case MT_CORRELATE_VALID:
			return mx - mn + 1;
		case MT_CORRELATE_SAME:
			return mx;
		default:
			return na + nv - 1;
	}
}

MtStatus
mt_correlate(MtDtype dtype, const void *a, int64_t na, const void *v,
			 int64_t nv, MtCorrelateMode mode, bool convolve, void *out,
			 MtPollFn poll, void *poll_arg)
{
	int64_t		full = na + nv - 1;
	int64_t		len,
				offset;
	int64_t		since_poll = 0;

	if (convolve && nv > na)
	{
		/* numpy.convolve puts the longer input first */
		const void *t = a;
		int64_t		tn = na;

		a = v;
		na = nv;
		v = t;
		nv = tn;
	}
	len = mt_correlate_length(na, nv, mode);
	/* where the mode's result starts in the full one (numpy's n_left) */
	if (mode == MT_CORRELATE_FULL)
		offset = 0;
	else if (mode == MT_CORRELATE_VALID)
		offset = (na < nv ? na : nv) - 1;
	else if (na >= nv)
		offset = (nv - 1) - nv / 2;
	else
		offset = (full - len) - ((na - 1) - na / 2);

	for (int64_t r = 0; r < len; r++)
	{
		int64_t		k = r + offset;
		/* full[k] = sum_n a[n + k - (nv - 1)] * v'[n] */
		int64_t		n0 = (nv - 1) - k > 0 ? (nv - 1) - k : 0;
		int64_t		n1 = na + (nv - 1) - k < nv ? na + (nv - 1) - k : nv;
		double		sr = 0,
					si = 0;
		uint64_t	su = 0;

		since_poll += n1 - n0 + 1;
		if (since_poll >= STAT_POLL_STRIDE)
		{
			since_poll = 0;
			if (poll != NULL && poll(poll_arg))
				return MT_ERR_CANCELED;
		}
		for (int64_t nn = n0; nn < n1; nn++)
		{
			int64_t		ia = nn + k - (nv - 1);
			int64_t		iv = convolve ? nv - 1 - nn : nn;

			if (dtype == MT_INT64)
				su += (uint64_t) ((const int64_t *) a)[ia] *
					(uint64_t) ((const int64_t *) v)[iv];
			else if (dtype == MT_FLOAT64)
				sr += ((const double *) a)[ia] * ((const double *) v)[iv];
			else
			{
				double		ar = ((const double *) a)[2 * ia],
							ai = ((const double *) a)[2 * ia + 1],
							vr = ((const double *) v)[2 * iv],
							vi = ((const double *) v)[2 * iv + 1];

				if (!convolve)
					vi = -vi;
				sr += ar * vr - ai * vi;
				si += ar * vi + ai * vr;
			}
		}
		if (dtype == MT_INT64)
			((int64_t *) out)[r] = (int64_t) su;
		else if (dtype == MT_FLOAT64)
			((double *) out)[r] = sr;
		else
		{
			((double *) out)[2 * r] = sr;
			((double *) out)[2 * r + 1] = si;
		}
	}
	return MT_OK;
}

MtStatus
mt_cov(MtDtype dtype, void *x, int64_t vars, int64_t obs, const double *w,
	   double fact, void *out, MtPollFn poll, void *poll_arg)
{
	bool		cplx = dtype == MT_COMPLEX128;
	double	   *X = (double *) x;
	double	   *C = (double *) out;
	int			width = cplx ? 2 : 1;
	double		wsum = 0;

	for (int64_t j = 0; j < obs; j++)
		wsum += w != NULL ? w[j] : 1.0;
	/* centre each row on its weighted mean */
	for (int64_t i = 0; i < vars; i++)
	{
		for (int p = 0; p < width; p++)
		{
			double		s = 0;

			for (int64_t j = 0; j < obs; j++)
				s += X[(i * obs + j) * width + p] * (w != NULL ? w[j] : 1.0);
			s /= wsum;
			for (int64_t j = 0; j < obs; j++)
				X[(i * obs + j) * width + p] -= s;
		}
	}
	for (int64_t i = 0; i < vars; i++)
	{
		if (poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		for (int64_t k = 0; k < vars; k++)
		{
			double		sr = 0,
						si = 0;

			for (int64_t j = 0; j < obs; j++)
			{
				double		wj = w != NULL ? w[j] : 1.0;

				if (cplx)
				{
					double		ar = X[2 * (i * obs + j)],
								ai = X[2 * (i * obs + j) + 1],
								br = X[2 * (k * obs + j)] * wj,
								bi = -X[2 * (k * obs + j) + 1] * wj;

					sr += ar * br - ai * bi;
					si += ar * bi + ai * br;
				}
				else
					sr += X[i * obs + j] * (X[k * obs + j] * wj);
			}
			if (cplx)
			{
				C[2 * (i * vars + k)] = sr * (1.0 / fact);
				C[2 * (i * vars + k) + 1] = si * (1.0 / fact);
			}
			else
				C[i * vars + k] = sr * (1.0 / fact);
		}
	}
	return MT_OK;
}

static double
clip1(double v)
{
	return v < -1 ? -1 : (v > 1 ? 1 : v);
}

void
mt_corrcoef(MtDtype dtype, void *c, int64_t vars)
{
	bool		cplx = dtype == MT_COMPLEX128;
	int			width = cplx ? 2 : 1;
	double	   *C = (double *) c;

	/* off-diagonal elements first, while the diagonal is unchanged */
	for (int pass = 0; pass < 2; pass++)
		for (int64_t i = 0; i < vars; i++)
			for (int64_t k = 0; k < vars; k++)
			{
				double	   *e = C + width * (i * vars + k);
				double		si = sqrt(C[width * (i * vars + i)]),
							sk = sqrt(C[width * (k * vars + k)]);

				if ((i == k) != (pass == 1))
					continue;
				e[0] = clip1(e[0] / si / sk);
				if (cplx)
					e[1] = clip1(e[1] / si / sk);
			}
}

/* numpy's searchsorted(edges, v, side='right') with the last edge closed:
 * the bin of v (0 .. n-1), or -1 outside */
static int64_t
bin_of(const double *edges, int64_t nbins, double v)
{
	int64_t		a = 0,
				b = nbins + 1;

	if (!(v >= edges[0] && v <= edges[nbins]))
		return -1;
	while (b - a > 1)
	{
		int64_t		mid = a + (b - a) / 2;

		if (edges[mid] <= v)
			a = mid;
		else
			b = mid;
	}
	return a < nbins ? a : nbins - 1;
}

MtStatus
mt_histogram2d(const void *x, MtDtype xdtype, const void *y, MtDtype ydtype,
			   int64_t n, const void *w, MtDtype wdtype, const double *xedges,
			   int64_t nx, const double *yedges, int64_t ny, double *counts,
			   MtPollFn poll, void *poll_arg)
{
	for (int64_t i = 0; i < n; i++)
	{
		int64_t		bx,
					by;

		if ((i & (STAT_POLL_STRIDE - 1)) == 0 && i > 0 &&
			poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
		bx = bin_of(xedges, nx, mt_load_double(x, xdtype, i));
		by = bin_of(yedges, ny, mt_load_double(y, ydtype, i));
		if (bx < 0 || by < 0)
			continue;
		counts[bx * ny + by] += w != NULL ? mt_load_double(w, wdtype, i) : 1.0;
	}
	return MT_OK;
}
