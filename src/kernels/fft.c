/*
 * fft.c
 *	  Discrete Fourier transforms in double (numpy.fft's kernels): plans,
 *	  the mixed-radix Stockham passes, Bluestein's chirp-z for lengths with
 *	  a large prime factor, the lane drivers and the multi-axis roll.
 *
 *	  A plan factors n into radices 4, 2, 3, 5 and odd primes up to
 *	  FFT_GENERIC_MAX and runs one self-sorting (Stockham, decimation in
 *	  frequency) pass per factor, ping-ponging between the data and a
 *	  scratch buffer: pass s with radix p reads the l interleaved sequences
 *	  of length m*p left by the earlier passes (l = product of the earlier
 *	  radices) and writes l*p sequences of length m, each output multiplied
 *	  by its twiddle W_(m p)^(q t).  The twiddles of every pass are
 *	  precomputed in the plan from a two-level table of the n-th roots of
 *	  unity (exp(-2 pi i k / n) = hi[k / B] * lo[k % B], B about sqrt(n)),
 *	  which costs 2 sqrt(n) sin/cos calls instead of n and keeps each root
 *	  within a few ulp.  The twiddles of q = 0 are 1 and are not multiplied
 *	  (faster, and a NaN does not spread through a product with 1).  A length with a prime factor above FFT_GENERIC_MAX
 *	  is computed as a circular convolution with the chirp exp(-pi i k^2/n)
 *	  through a power-of-two plan (Bluestein), so every length costs
 *	  O(n log n).
 *
 *	  Real input of even length uses the half-length complex transform of
 *	  (x[2j] + i x[2j+1]) and one untangling pass, and the complex-to-real
 *	  direction of even length the same backwards; odd lengths go through
 *	  the full complex transform.
 */
#include "fft.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* largest prime computed as one direct radix pass (O(p) per element) */
#define FFT_GENERIC_MAX 61
#define FFT_MAX_STAGES 64
/* elements transformed between two poll calls */
#define FFT_POLL_ELEMENTS ((int64_t) 1 << 18)
#define FFT_TWO_PI 6.28318530717958647692528676655900577

typedef struct
{
	double		re,
				im;
} Cpx;

struct MtFftPlan
{
	int64_t		n;
	int			nstages;
	int			radix[FFT_MAX_STAGES];
	size_t		tw_off[FFT_MAX_STAGES]; /* into tw, in Cpx */
	size_t		root_off[FFT_MAX_STAGES];	/* into roots, generic radices */
	Cpx		   *tw;
	Cpx		   *roots;
	/* Bluestein: a power-of-two plan of length m >= 2n - 1 */
	int64_t		m;
	MtFftPlan  *sub;
	Cpx		   *chirp;			/* exp(-pi i k^2 / n), k < n */
	Cpx		   *bfft;			/* transform of the conjugate chirp, / m */
};

/* ---- roots of unity ---- */

typedef struct
{
	int64_t		n;
	int64_t		b;
	Cpx		   *lo;				/* exp(-2 pi i j / n), j < b */
	Cpx		   *hi;				/* exp(-2 pi i h b / n), h <= n / b */
} RootTable;

static inline Cpx
root_of(const RootTable *rt, int64_t k)
{
	Cpx			a = rt->hi[k / rt->b],
				c = rt->lo[k % rt->b],
				r;

	r.re = a.re * c.re - a.im * c.im;
	r.im = a.re * c.im + a.im * c.re;
	return r;
}

/* exp(-2 pi i k / n), computed from an exact reduction of k into the
 * first octant so that symmetric roots are exactly symmetric */
static Cpx
exact_root(int64_t k, int64_t n)
{
	Cpx			r;
	double		s,
				c;

	k %= n;
	if (k < 0)
		k += n;
	/* angle 2 pi k / n in [0, 2 pi); use sin/cos of the folded angle */
	if (4 * k == n)
	{
		r.re = 0.0;
		r.im = -1.0;
		return r;
	}
	if (2 * k == n)
	{
		r.re = -1.0;
		r.im = 0.0;
		return r;
	}
	if (4 * k == 3 * n)
	{
		r.re = 0.0;
		r.im = 1.0;
		return r;
	}
	if (2 * k > n)
	{
		/* exp(-2 pi i k / n) = conj(exp(-2 pi i (n - k) / n)) */
		r = exact_root(n - k, n);
		r.im = -r.im;
		return r;
	}
	s = sin(FFT_TWO_PI * (double) k / (double) n);
	c = cos(FFT_TWO_PI * (double) k / (double) n);
	r.re = c;
	r.im = -s;
	return r;
}

static bool
root_table_init(RootTable *rt, int64_t n)
{
	int64_t		b = (int64_t) ceil(sqrt((double) n));
	int64_t		nh;

	if (b < 1)
		b = 1;
	nh = n / b + 1;
	rt->n = n;
	rt->b = b;
	rt->lo = malloc(sizeof(Cpx) * (size_t) b);
	rt->hi = malloc(sizeof(Cpx) * (size_t) nh);
	if (rt->lo == NULL || rt->hi == NULL)
	{
		free(rt->lo);
		free(rt->hi);
		return false;
	}
	for (int64_t j = 0; j < b; j++)
		rt->lo[j] = exact_root(j, n);
	for (int64_t h = 0; h < nh; h++)
		rt->hi[h] = exact_root(h * b, n);
	return true;
}

static void
root_table_free(RootTable *rt)
{
	free(rt->lo);
	free(rt->hi);
}

/* out[k] = exp(-2 pi i k / n) for k < count, without a division per root */
static void
root_fill(const RootTable *rt, Cpx *out, int64_t count)
{
	int64_t		k = 0;

	for (int64_t h = 0; k < count; h++)
	{
		Cpx			a = rt->hi[h];

		for (int64_t j = 0; j < rt->b && k < count; j++, k++)
		{
			Cpx			c = rt->lo[j];

			out[k].re = a.re * c.re - a.im * c.im;
			out[k].im = a.re * c.im + a.im * c.re;
		}
	}
}

/* ---- plans ---- */

static bool
factorize(int64_t n, int *radix, int *count)
{
	int			c = 0;
	static const int small[] = {4, 2, 3, 5};

	for (int i = 0; i < 4; i++)
		while (n % small[i] == 0 && n > 1)
		{
			radix[c++] = small[i];
			n /= small[i];
		}
	for (int64_t p = 7; n > 1 && p * p <= n; p += 2)
		while (n % p == 0)
		{
			if (p > FFT_GENERIC_MAX)
				return false;
			radix[c++] = (int) p;
			n /= p;
		}
	if (n > 1)
	{
		if (n > FFT_GENERIC_MAX)
			return false;
		radix[c++] = (int) n;
	}
	*count = c;
	return true;
}

static bool
plan_mixed(MtFftPlan *plan)
{
	int64_t		n = plan->n;
	size_t		ntw = 0,
				nroots = 0;
	int64_t		l = 1;
	RootTable	rt;
	Cpx		   *full;

	for (int s = 0; s < plan->nstages; s++)
	{
		int			p = plan->radix[s];
		int64_t		m = n / (l * p);

		plan->tw_off[s] = ntw;
		ntw += (size_t) m * (size_t) (p - 1);
		plan->root_off[s] = nroots;
		if (p > 5)
			nroots += (size_t) p;
		l *= p;
	}
	plan->tw = malloc(sizeof(Cpx) * (ntw + 1));
	plan->roots = malloc(sizeof(Cpx) * (nroots + 1));
	if (plan->tw == NULL || plan->roots == NULL)
		return false;
	if (!root_table_init(&rt, n))
		return false;
	full = malloc(sizeof(Cpx) * (size_t) n);
	if (full == NULL)
	{
		root_table_free(&rt);
		return false;
	}
	root_fill(&rt, full, n);
	root_table_free(&rt);
	l = 1;
	for (int s = 0; s < plan->nstages; s++)
	{
		int			p = plan->radix[s];
		int64_t		m = n / (l * p);
		Cpx		   *tw = plan->tw + plan->tw_off[s];

		/* W_(m p)^(q t) = W_n^(q t l); q t l < n */
		for (int64_t q = 0; q < m; q++)
			for (int t = 1; t < p; t++)
				tw[q * (p - 1) + (t - 1)] = full[q * t * l];
		if (p > 5)
		{
			Cpx		   *r = plan->roots + plan->root_off[s];

			for (int k = 0; k < p; k++)
				r[k] = exact_root(k, p);
		}
		l *= p;
	}
	free(full);
	return true;
}

static bool
plan_bluestein(MtFftPlan *plan)
{
	int64_t		n = plan->n;
	int64_t		m = 1;
	double	   *scratch;
	double		scale;

	while (m < 2 * n - 1)
		m *= 2;
	plan->m = m;
	plan->sub = mt_fft_plan_new(m);
	plan->chirp = malloc(sizeof(Cpx) * (size_t) n);
	plan->bfft = calloc((size_t) m, sizeof(Cpx));
	if (plan->sub == NULL || plan->chirp == NULL || plan->bfft == NULL)
		return false;
	for (int64_t k = 0; k < n; k++)
	{
		/* exp(-pi i k^2 / n) = exp(-2 pi i (k^2 mod 2n) / 2n), exactly reduced */
		uint64_t	k2 = ((uint64_t) k * (uint64_t) k) % (uint64_t) (2 * n);

		plan->chirp[k] = exact_root((int64_t) k2, 2 * n);
	}
	plan->bfft[0].re = 1.0;
	plan->bfft[0].im = 0.0;
	for (int64_t k = 1; k < n; k++)
	{
		Cpx			c = plan->chirp[k];

		c.im = -c.im;
		plan->bfft[k] = c;
		plan->bfft[m - k] = c;
	}
	scratch = malloc(sizeof(double) * mt_fft_scratch_doubles(plan->sub));
	if (scratch == NULL)
		return false;
	mt_fft_exec(plan->sub, (double *) plan->bfft, scratch, NULL, NULL);
	free(scratch);
	scale = 1.0 / (double) m;
	for (int64_t k = 0; k < m; k++)
	{
		plan->bfft[k].re *= scale;
		plan->bfft[k].im *= scale;
	}
	return true;
}

MtFftPlan *
mt_fft_plan_new(int64_t n)
{
	MtFftPlan  *plan;
	bool		ok;

	if (n < 1)
		return NULL;
	plan = calloc(1, sizeof(MtFftPlan));
	if (plan == NULL)
		return NULL;
	plan->n = n;
	if (factorize(n, plan->radix, &plan->nstages))
		ok = plan_mixed(plan);
	else
		ok = plan_bluestein(plan);
	if (!ok)
	{
		mt_fft_plan_free(plan);
		return NULL;
	}
	return plan;
}

void
mt_fft_plan_free(MtFftPlan *plan)
{
	if (plan == NULL)
		return;
	free(plan->tw);
	free(plan->roots);
	free(plan->chirp);
	free(plan->bfft);
	mt_fft_plan_free(plan->sub);
	free(plan);
}

size_t
mt_fft_scratch_doubles(const MtFftPlan *plan)
{
	if (plan->sub != NULL)
		return 2 * (size_t) plan->m + mt_fft_scratch_doubles(plan->sub);
	return 2 * (size_t) plan->n;
}

/* ---- passes: a (l sequences of m*p) -> b (l*p sequences of m) ---- */

static inline Cpx
cmul(Cpx a, Cpx b)
{
	Cpx			r;

	r.re = a.re * b.re - a.im * b.im;
	r.im = a.re * b.im + a.im * b.re;
	return r;
}

#define IN(j, q, r)		a[(j) + l * ((q) + m * (r))]
#define OUT(j, q, t)	b[(j) + l * ((int64_t) p * (q) + (t))]

static void
pass2(const Cpx *restrict a, Cpx *restrict b, int64_t l, int64_t m,
	  const Cpx *tw)
{
	const int	p = 2;

	for (int64_t q = 0; q < m; q++)
	{
		Cpx			w = tw[q];

		for (int64_t j = 0; j < l; j++)
		{
			Cpx			x0 = IN(j, q, 0),
						x1 = IN(j, q, 1),
						d;

			OUT(j, q, 0).re = x0.re + x1.re;
			OUT(j, q, 0).im = x0.im + x1.im;
			d.re = x0.re - x1.re;
			d.im = x0.im - x1.im;
			OUT(j, q, 1) = q == 0 ? d : cmul(d, w);
		}
	}
}

static void
pass3(const Cpx *restrict a, Cpx *restrict b, int64_t l, int64_t m,
	  const Cpx *tw)
{
	const int	p = 3;
	const double c = 0.86602540378443864676;	/* sqrt(3) / 2 */

	for (int64_t q = 0; q < m; q++)
	{
		Cpx			w1 = tw[2 * q],
					w2 = tw[2 * q + 1];

		for (int64_t j = 0; j < l; j++)
		{
			Cpx			x0 = IN(j, q, 0),
						x1 = IN(j, q, 1),
						x2 = IN(j, q, 2),
						s,
						d,
						h,
						t1,
						t2;

			s.re = x1.re + x2.re;
			s.im = x1.im + x2.im;
			d.re = c * (x1.re - x2.re);
			d.im = c * (x1.im - x2.im);
			h.re = x0.re - 0.5 * s.re;
			h.im = x0.im - 0.5 * s.im;
			OUT(j, q, 0).re = x0.re + s.re;
			OUT(j, q, 0).im = x0.im + s.im;
			/* t1 = h - i d, t2 = h + i d */
			t1.re = h.re + d.im;
			t1.im = h.im - d.re;
			t2.re = h.re - d.im;
			t2.im = h.im + d.re;
			OUT(j, q, 1) = q == 0 ? t1 : cmul(t1, w1);
			OUT(j, q, 2) = q == 0 ? t2 : cmul(t2, w2);
		}
	}
}

static void
pass4(const Cpx *restrict a, Cpx *restrict b, int64_t l, int64_t m,
	  const Cpx *tw)
{
	const int	p = 4;

	for (int64_t q = 0; q < m; q++)
	{
		Cpx			w1 = tw[3 * q],
					w2 = tw[3 * q + 1],
					w3 = tw[3 * q + 2];

		for (int64_t j = 0; j < l; j++)
		{
			Cpx			x0 = IN(j, q, 0),
						x1 = IN(j, q, 1),
						x2 = IN(j, q, 2),
						x3 = IN(j, q, 3),
						s0,
						d0,
						s1,
						d1,
						t;

			s0.re = x0.re + x2.re;
			s0.im = x0.im + x2.im;
			d0.re = x0.re - x2.re;
			d0.im = x0.im - x2.im;
			s1.re = x1.re + x3.re;
			s1.im = x1.im + x3.im;
			d1.re = x1.re - x3.re;
			d1.im = x1.im - x3.im;
			OUT(j, q, 0).re = s0.re + s1.re;
			OUT(j, q, 0).im = s0.im + s1.im;
			/* t1 = d0 - i d1 */
			t.re = d0.re + d1.im;
			t.im = d0.im - d1.re;
			OUT(j, q, 1) = q == 0 ? t : cmul(t, w1);
			t.re = s0.re - s1.re;
			t.im = s0.im - s1.im;
			OUT(j, q, 2) = q == 0 ? t : cmul(t, w2);
			/* t3 = d0 + i d1 */
			t.re = d0.re - d1.im;
			t.im = d0.im + d1.re;
			OUT(j, q, 3) = q == 0 ? t : cmul(t, w3);
		}
	}
}

static void
pass5(const Cpx *restrict a, Cpx *restrict b, int64_t l, int64_t m,
	  const Cpx *tw)
{
	const int	p = 5;
	const double c1 = 0.30901699437494742410;	/* cos(2 pi / 5) */
	const double c2 = -0.80901699437494742410;	/* cos(4 pi / 5) */
	const double s1 = 0.95105651629515357212;	/* sin(2 pi / 5) */
	const double s2 = 0.58778525229247312917;	/* sin(4 pi / 5) */

	for (int64_t q = 0; q < m; q++)
	{
		const Cpx  *w = tw + 4 * q;

		for (int64_t j = 0; j < l; j++)
		{
			Cpx			x0 = IN(j, q, 0),
						x1 = IN(j, q, 1),
						x2 = IN(j, q, 2),
						x3 = IN(j, q, 3),
						x4 = IN(j, q, 4),
						a1,
						b1,
						a2,
						b2,
						h1,
						h2,
						v1,
						v2,
						t;

			a1.re = x1.re + x4.re;
			a1.im = x1.im + x4.im;
			b1.re = x1.re - x4.re;
			b1.im = x1.im - x4.im;
			a2.re = x2.re + x3.re;
			a2.im = x2.im + x3.im;
			b2.re = x2.re - x3.re;
			b2.im = x2.im - x3.im;
			OUT(j, q, 0).re = x0.re + a1.re + a2.re;
			OUT(j, q, 0).im = x0.im + a1.im + a2.im;
			h1.re = x0.re + c1 * a1.re + c2 * a2.re;
			h1.im = x0.im + c1 * a1.im + c2 * a2.im;
			h2.re = x0.re + c2 * a1.re + c1 * a2.re;
			h2.im = x0.im + c2 * a1.im + c1 * a2.im;
			v1.re = s1 * b1.re + s2 * b2.re;
			v1.im = s1 * b1.im + s2 * b2.im;
			v2.re = s2 * b1.re - s1 * b2.re;
			v2.im = s2 * b1.im - s1 * b2.im;
			/* t1 = h1 - i v1, t4 = h1 + i v1, t2 = h2 - i v2, t3 = h2 + i v2 */
			t.re = h1.re + v1.im;
			t.im = h1.im - v1.re;
			OUT(j, q, 1) = q == 0 ? t : cmul(t, w[0]);
			t.re = h1.re - v1.im;
			t.im = h1.im + v1.re;
			OUT(j, q, 4) = q == 0 ? t : cmul(t, w[3]);
			t.re = h2.re + v2.im;
			t.im = h2.im - v2.re;
			OUT(j, q, 2) = q == 0 ? t : cmul(t, w[1]);
			t.re = h2.re - v2.im;
			t.im = h2.im + v2.re;
			OUT(j, q, 3) = q == 0 ? t : cmul(t, w[2]);
		}
	}
}

/* any odd prime p <= FFT_GENERIC_MAX: the direct p-point DFT */
static void
pass_generic(const Cpx *restrict a, Cpx *restrict b, int64_t l, int64_t m,
			 int p, const Cpx *tw, const Cpx *roots)
{
	Cpx			x[FFT_GENERIC_MAX];

	for (int64_t q = 0; q < m; q++)
	{
		const Cpx  *w = tw + (p - 1) * q;

		for (int64_t j = 0; j < l; j++)
		{
			for (int r = 0; r < p; r++)
				x[r] = IN(j, q, r);
			for (int t = 0; t < p; t++)
			{
				Cpx			acc = x[0];
				int			k = 0;

				for (int r = 1; r < p; r++)
				{
					k += t;
					if (k >= p)
						k -= p;
					acc.re += x[r].re * roots[k].re - x[r].im * roots[k].im;
					acc.im += x[r].re * roots[k].im + x[r].im * roots[k].re;
				}
				OUT(j, q, t) = (t == 0 || q == 0) ? acc : cmul(acc, w[t - 1]);
			}
		}
	}
}

#undef IN
#undef OUT

static bool
exec_bluestein(const MtFftPlan *plan, Cpx *x, double *scratch,
			   MtPollFn poll, void *poll_arg)
{
	int64_t		n = plan->n,
				m = plan->m;
	Cpx		   *a = (Cpx *) scratch;
	double	   *sub_scratch = scratch + 2 * m;

	for (int64_t k = 0; k < n; k++)
		a[k] = cmul(x[k], plan->chirp[k]);
	memset(a + n, 0, sizeof(Cpx) * (size_t) (m - n));
	if (!mt_fft_exec(plan->sub, (double *) a, sub_scratch, poll, poll_arg))
		return false;
	/* times the chirp's transform, then the inverse as conj(fft(conj)) */
	for (int64_t k = 0; k < m; k++)
	{
		a[k] = cmul(a[k], plan->bfft[k]);
		a[k].im = -a[k].im;
	}
	if (!mt_fft_exec(plan->sub, (double *) a, sub_scratch, poll, poll_arg))
		return false;
	for (int64_t k = 0; k < n; k++)
	{
		Cpx			v = a[k];

		v.im = -v.im;
		x[k] = cmul(v, plan->chirp[k]);
	}
	return true;
}

bool
mt_fft_exec(const MtFftPlan *plan, double *data, double *scratch,
			MtPollFn poll, void *poll_arg)
{
	Cpx		   *x = (Cpx *) data;
	Cpx		   *src = x,
			   *dst = (Cpx *) scratch;
	int64_t		n = plan->n,
				l = 1;

	if (plan->sub != NULL)
		return exec_bluestein(plan, x, scratch, poll, poll_arg);
	for (int s = 0; s < plan->nstages; s++)
	{
		int			p = plan->radix[s];
		int64_t		m = n / (l * p);
		const Cpx  *tw = plan->tw + plan->tw_off[s];
		Cpx		   *tmp;

		/* a long transform polls between its passes */
		if (poll != NULL && n >= FFT_POLL_ELEMENTS && poll(poll_arg))
			return false;
		switch (p)
		{
			case 2:
				pass2(src, dst, l, m, tw);
				break;
			case 3:
				pass3(src, dst, l, m, tw);
				break;
			case 4:
				pass4(src, dst, l, m, tw);
				break;
			case 5:
				pass5(src, dst, l, m, tw);
				break;
			default:
				pass_generic(src, dst, l, m, p, tw,
							 plan->roots + plan->root_off[s]);
				break;
		}
		tmp = src;
		src = dst;
		dst = tmp;
		l *= p;
	}
	if (src != x)
		memcpy(x, src, sizeof(Cpx) * (size_t) n);
	return true;
}

double
mt_fft_lane_bytes(int64_t n)
{
	int			radix[FFT_MAX_STAGES];
	int			count;
	int64_t		m = 1;

	if (n < 1)
		return 0.0;
	/* twiddles, the lane buffer and the ping-pong scratch */
	if (factorize(n, radix, &count))
		return 48.0 * (double) n;
	while (m < 2 * n - 1)
		m *= 2;
	/* chirp and lane buffer; the chirp's transform, the power-of-two
	 * plan's twiddles, the convolution buffer and its scratch */
	return 32.0 * (double) n + 64.0 * (double) m;
}

/* ---- lane drivers ---- */

/* true when the poll callback asks to stop, every FFT_POLL_ELEMENTS */
static inline bool
poll_due(int64_t *work, int64_t n, MtPollFn poll, void *poll_arg)
{
	*work += n;
	if (*work < FFT_POLL_ELEMENTS)
		return false;
	*work = 0;
	return poll != NULL && poll(poll_arg);
}

MtStatus
mt_fft_c2c_lanes(const double *src, int64_t outer, int64_t nin, int64_t inner,
				 double *dst, int64_t n, bool inverse, double fct,
				 MtPollFn poll, void *poll_arg)
{
	MtFftPlan  *plan;
	double	   *buf;
	int64_t		ncopy = nin < n ? nin : n;
	int64_t		work = 0;
	double		sign = inverse ? -1.0 : 1.0;

	if (outer == 0 || inner == 0)
		return MT_OK;
	plan = mt_fft_plan_new(n);
	if (plan == NULL)
		return MT_ERR_MEMORY;
	buf = malloc(sizeof(double) * (2 * (size_t) n + mt_fft_scratch_doubles(plan)));
	if (buf == NULL)
	{
		mt_fft_plan_free(plan);
		return MT_ERR_MEMORY;
	}
	for (int64_t o = 0; o < outer; o++)
		for (int64_t i = 0; i < inner; i++)
		{
			const double *s = src + 2 * (o * nin * inner + i);
			double	   *d = dst + 2 * (o * n * inner + i);
			int64_t		step = 2 * inner;

			if (poll_due(&work, n, poll, poll_arg))
				goto canceled;
			/* the inverse is conj(forward(conj(x))) */
			for (int64_t k = 0; k < ncopy; k++)
			{
				buf[2 * k] = s[k * step];
				buf[2 * k + 1] = sign * s[k * step + 1];
			}
			if (ncopy < n)
				memset(buf + 2 * ncopy, 0, sizeof(double) * 2 * (size_t) (n - ncopy));
			if (!mt_fft_exec(plan, buf, buf + 2 * n, poll, poll_arg))
				goto canceled;
			for (int64_t k = 0; k < n; k++)
			{
				d[k * step] = buf[2 * k] * fct;
				d[k * step + 1] = sign * buf[2 * k + 1] * fct;
			}
		}
	free(buf);
	mt_fft_plan_free(plan);
	return MT_OK;

canceled:
	free(buf);
	mt_fft_plan_free(plan);
	return MT_ERR_CANCELED;
}

MtStatus
mt_fft_r2c_lanes(const double *src, int64_t outer, int64_t nin, int64_t inner,
				 double *dst, int64_t n, double fct,
				 MtPollFn poll, void *poll_arg)
{
	bool		half = n % 2 == 0;
	int64_t		len = half ? n / 2 : n; /* the complex transform's length */
	int64_t		nout = n / 2 + 1;
	int64_t		ncopy = nin < n ? nin : n;
	int64_t		work = 0;
	MtFftPlan  *plan;
	Cpx		   *w = NULL;
	double	   *buf;

	if (outer == 0 || inner == 0)
		return MT_OK;
	plan = mt_fft_plan_new(len);
	if (plan == NULL)
		return MT_ERR_MEMORY;
	buf = malloc(sizeof(double) * (2 * (size_t) len + mt_fft_scratch_doubles(plan)));
	if (half)
	{
		RootTable	rt;

		w = malloc(sizeof(Cpx) * (size_t) nout);
		if (w != NULL && root_table_init(&rt, n))
		{
			root_fill(&rt, w, nout);
			root_table_free(&rt);
		}
		else
		{
			free(w);
			w = NULL;
		}
	}
	if (buf == NULL || (half && w == NULL))
	{
		free(buf);
		free(w);
		mt_fft_plan_free(plan);
		return MT_ERR_MEMORY;
	}
	for (int64_t o = 0; o < outer; o++)
		for (int64_t i = 0; i < inner; i++)
		{
			const double *s = src + (o * nin * inner + i);
			double	   *d = dst + 2 * (o * nout * inner + i);
			Cpx		   *z = (Cpx *) buf;

			if (poll_due(&work, n, poll, poll_arg))
				goto canceled;
			if (half)
			{
				/* z[j] = x[2j] + i x[2j+1] */
				memset(buf, 0, sizeof(double) * 2 * (size_t) len);
				for (int64_t k = 0; k < ncopy; k++)
					buf[k] = s[k * inner];
				if (!mt_fft_exec(plan, buf, buf + 2 * len, poll, poll_arg))
					goto canceled;
				for (int64_t k = 0; k < nout; k++)
				{
					Cpx			zk = z[k < len ? k : 0],
								zc = z[k > 0 ? len - k : 0],
								e,
								od,
								x;

					zc.im = -zc.im;
					/* E = (zk + zc) / 2, O = -i (zk - zc) / 2 */
					e.re = 0.5 * (zk.re + zc.re);
					e.im = 0.5 * (zk.im + zc.im);
					od.re = 0.5 * (zk.im - zc.im);
					od.im = -0.5 * (zk.re - zc.re);
					x = cmul(od, w[k]);
					d[2 * k * inner] = (e.re + x.re) * fct;
					d[2 * k * inner + 1] = (e.im + x.im) * fct;
				}
			}
			else
			{
				memset(buf, 0, sizeof(double) * 2 * (size_t) n);
				for (int64_t k = 0; k < ncopy; k++)
					buf[2 * k] = s[k * inner];
				if (!mt_fft_exec(plan, buf, buf + 2 * n, poll, poll_arg))
					goto canceled;
				for (int64_t k = 0; k < nout; k++)
				{
					d[2 * k * inner] = buf[2 * k] * fct;
					d[2 * k * inner + 1] = buf[2 * k + 1] * fct;
				}
			}
		}
	free(buf);
	free(w);
	mt_fft_plan_free(plan);
	return MT_OK;

canceled:
	free(buf);
	free(w);
	mt_fft_plan_free(plan);
	return MT_ERR_CANCELED;
}

MtStatus
mt_fft_c2r_lanes(const double *src, int64_t outer, int64_t nin, int64_t inner,
				 double *dst, int64_t n, double fct,
				 MtPollFn poll, void *poll_arg)
{
	bool		half = n % 2 == 0;
	int64_t		len = half ? n / 2 : n; /* the complex transform's length */
	int64_t		nhalf = n / 2 + 1;
	int64_t		ncopy = nin < nhalf ? nin : nhalf;
	int64_t		work = 0;
	MtFftPlan  *plan;
	Cpx		   *w = NULL;
	Cpx		   *spec = NULL;
	double	   *buf;

	if (outer == 0 || inner == 0)
		return MT_OK;
	plan = mt_fft_plan_new(len);
	if (plan == NULL)
		return MT_ERR_MEMORY;
	buf = malloc(sizeof(double) * (2 * (size_t) len + mt_fft_scratch_doubles(plan)));
	if (half)
	{
		RootTable	rt;

		spec = malloc(sizeof(Cpx) * (size_t) nhalf);
		w = malloc(sizeof(Cpx) * (size_t) nhalf);
		if (w != NULL && root_table_init(&rt, n))
		{
			root_fill(&rt, w, nhalf);
			root_table_free(&rt);
		}
		else
		{
			free(w);
			w = NULL;
		}
	}
	if (buf == NULL || (half && (w == NULL || spec == NULL)))
	{
		free(buf);
		free(w);
		free(spec);
		mt_fft_plan_free(plan);
		return MT_ERR_MEMORY;
	}
	for (int64_t o = 0; o < outer; o++)
		for (int64_t i = 0; i < inner; i++)
		{
			const double *s = src + 2 * (o * nin * inner + i);
			double	   *d = dst + (o * n * inner + i);
			int64_t		step = 2 * inner;

			if (poll_due(&work, n, poll, poll_arg))
				goto canceled;
			if (half)
			{
				Cpx		   *z = (Cpx *) buf;

				/* X[0 .. n/2], the imaginary parts of both ends ignored */
				memset(spec, 0, sizeof(Cpx) * (size_t) nhalf);
				for (int64_t k = 0; k < ncopy; k++)
				{
					spec[k].re = s[k * step];
					spec[k].im = (k == 0 || k == len) ? 0.0 : s[k * step + 1];
				}

				/*
				 * Z[k] = E[k] + i O[k] is the transform of x[2j] + i x[2j+1]:
				 * E = (X[k] + conj X[h-k]) / 2, O = (X[k] - conj X[h-k]) / 2
				 * times exp(+2 pi i k / n).  Stored conjugated: the inverse
				 * is conj(forward(conj(Z))).
				 */
				for (int64_t k = 0; k < len; k++)
				{
					Cpx			a = spec[k],
								b = spec[len - k],
								e,
								od,
								wk = w[k],
								t;

					b.im = -b.im;
					e.re = 0.5 * (a.re + b.re);
					e.im = 0.5 * (a.im + b.im);
					od.re = 0.5 * (a.re - b.re);
					od.im = 0.5 * (a.im - b.im);
					wk.im = -wk.im;
					t = cmul(od, wk);
					/* e + i t, conjugated */
					z[k].re = e.re - t.im;
					z[k].im = -(e.im + t.re);
				}
				if (!mt_fft_exec(plan, buf, buf + 2 * len, poll, poll_arg))
					goto canceled;
				for (int64_t j = 0; j < len; j++)
				{
					/* 0.0 - im: a zero is +0.0, as the full transform gives */
					d[2 * j * inner] = 2.0 * z[j].re * fct;
					d[(2 * j + 1) * inner] = 2.0 * (0.0 - z[j].im) * fct;
				}
				continue;
			}

			/*
			 * Odd n: the Hermitian spectrum, conjugated for the inverse:
			 * X[k] and X[n-k] = conj(X[k]); X[0] real.
			 */
			memset(buf, 0, sizeof(double) * 2 * (size_t) n);
			for (int64_t k = 0; k < ncopy; k++)
			{
				double		re = s[k * step],
							im = s[k * step + 1];

				if (k == 0)
					im = 0.0;
				buf[2 * k] = re;
				buf[2 * k + 1] = -im;
				if (k > 0)
				{
					buf[2 * (n - k)] = re;
					buf[2 * (n - k) + 1] = im;
				}
			}
			if (!mt_fft_exec(plan, buf, buf + 2 * n, poll, poll_arg))
				goto canceled;
			for (int64_t k = 0; k < n; k++)
				d[k * inner] = buf[2 * k] * fct;
		}
	free(buf);
	free(w);
	free(spec);
	mt_fft_plan_free(plan);
	return MT_OK;

canceled:
	free(buf);
	free(w);
	free(spec);
	mt_fft_plan_free(plan);
	return MT_ERR_CANCELED;
}

/* ---- roll ---- */

MtStatus
mt_roll_axes(const void *src, void *dst, size_t elem_size, int ndim,
			 const int64_t *dims, const int64_t *shift,
			 MtPollFn poll, void *poll_arg)
{
	int64_t		total = 1,
				len,
				sh,
				rows;
	int64_t		idx[MT_MAX_DIMS];
	int64_t		work = 0;
	size_t		row_bytes;

	for (int d = 0; d < ndim; d++)
		total *= dims[d];
	if (total == 0)
		return MT_OK;
	if (ndim == 0)
	{
		memcpy(dst, src, elem_size);
		return MT_OK;
	}
	len = dims[ndim - 1];
	sh = shift[ndim - 1];
	rows = total / len;
	row_bytes = elem_size * (size_t) len;
	memset(idx, 0, sizeof(idx));
	for (int64_t r = 0; r < rows; r++)
	{
		int64_t		srow = 0;
		const char *s;
		char	   *d = (char *) dst + (size_t) r * row_bytes;

		if (poll_due(&work, len, poll, poll_arg))
			return MT_ERR_CANCELED;
		/* the source row: every index shifted back */
		for (int k = 0; k < ndim - 1; k++)
		{
			int64_t		i = idx[k] - shift[k];

			if (i < 0)
				i += dims[k];
			srow = srow * dims[k] + i;
		}
		s = (const char *) src + (size_t) srow * row_bytes;
		memcpy(d + (size_t) sh * elem_size, s, (size_t) (len - sh) * elem_size);
		memcpy(d, s + (size_t) (len - sh) * elem_size, (size_t) sh * elem_size);
		for (int k = ndim - 2; k >= 0; k--)
		{
			if (++idx[k] < dims[k])
				break;
			idx[k] = 0;
		}
	}
	return MT_OK;
}
