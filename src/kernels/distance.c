/*
 * distance.c
 *	  The distance loops of distance.h: the scalar ones, the AVX2 + FMA
 *	  ones (built with GCC target attributes, so the rest of marsql keeps
 *	  the baseline ISA), and choosing between them at load time.
 */
#include "distance.h"

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define MT_HAVE_AVX2_LOOPS 1
#include <immintrin.h>
#endif

/* ---- scalar: the reference, one float64 sum in element order ---- */

#define DEFINE_SCALAR(T, SUF) \
static double \
l2sq_##SUF##_scalar(const T *a, const T *b, int64_t n) \
{ \
	double		acc = 0; \
	for (int64_t i = 0; i < n; i++) \
	{ \
		double		d = (double) a[i] - (double) b[i]; \
		acc += d * d; \
	} \
	return acc; \
} \
static double \
dot_##SUF##_scalar(const T *a, const T *b, int64_t n) \
{ \
	double		acc = 0; \
	for (int64_t i = 0; i < n; i++) \
		acc += (double) a[i] * (double) b[i]; \
	return acc; \
} \
static double \
sumsq_##SUF##_scalar(const T *a, int64_t n) \
{ \
	double		acc = 0; \
	for (int64_t i = 0; i < n; i++) \
		acc += (double) a[i] * (double) a[i]; \
	return acc; \
} \
static void \
cos_##SUF##_scalar(const T *a, const T *b, int64_t n, double out[3]) \
{ \
	double		ab = 0, \
				aa = 0, \
				bb = 0; \
	for (int64_t i = 0; i < n; i++) \
	{ \
		ab += (double) a[i] * (double) b[i]; \
		aa += (double) a[i] * (double) a[i]; \
		bb += (double) b[i] * (double) b[i]; \
	} \
	out[0] = ab; \
	out[1] = aa; \
	out[2] = bb; \
}

DEFINE_SCALAR(float, f32)
DEFINE_SCALAR(double, f64)

static const MtDistanceKernels scalar_kernels = {
	"scalar",
	l2sq_f32_scalar, l2sq_f64_scalar,
	dot_f32_scalar, dot_f64_scalar,
	sumsq_f32_scalar, sumsq_f64_scalar,
	cos_f32_scalar, cos_f64_scalar
};

MtDistanceKernels mt_distance = {
	"scalar",
	l2sq_f32_scalar, l2sq_f64_scalar,
	dot_f32_scalar, dot_f64_scalar,
	sumsq_f32_scalar, sumsq_f64_scalar,
	cos_f32_scalar, cos_f64_scalar
};

#ifdef MT_HAVE_AVX2_LOOPS

/*
 * Four lanes of float64 per register, 16 elements per step in four
 * accumulators (an FMA's latency is four cycles); float32 elements are
 * widened exactly with vcvtps2pd before any arithmetic, so each term is
 * the scalar loop's term.
 */
#define SIMD __attribute__((target("avx2,fma")))

SIMD static inline double
hsum(__m256d s)
{
	__m128d lo = _mm256_castpd256_pd128(s);
	__m128d hi = _mm256_extractf128_pd(s, 1);

	lo = _mm_add_pd(lo, hi);
	return _mm_cvtsd_f64(lo) + _mm_cvtsd_f64(_mm_unpackhi_pd(lo, lo));
}

#define LOAD_F32(p) _mm256_cvtps_pd(_mm_loadu_ps(p))
#define LOAD_F64(p) _mm256_loadu_pd(p)

/*
 * The body of a one-sum loop: STEP(LOAD, i, s) adds the terms of elements
 * i .. i+3 into the register s, TERM(i) is element i's term as the scalar
 * loop forms it (for the last n % 4).  Uses a, b and n of the function.
 */
#define SIMD_SUM(LOAD, STEP, TERM) \
	__m256d		s0 = _mm256_setzero_pd(), \
				s1 = _mm256_setzero_pd(), \
				s2 = _mm256_setzero_pd(), \
				s3 = _mm256_setzero_pd(); \
	double		tail = 0; \
	int64_t		i = 0; \
	for (; i + 16 <= n; i += 16) \
	{ \
		STEP(LOAD, i, s0); \
		STEP(LOAD, i + 4, s1); \
		STEP(LOAD, i + 8, s2); \
		STEP(LOAD, i + 12, s3); \
	} \
	for (; i + 4 <= n; i += 4) \
		STEP(LOAD, i, s0); \
	for (; i < n; i++) \
		tail += TERM(i); \
	return hsum(_mm256_add_pd(_mm256_add_pd(s0, s1), _mm256_add_pd(s2, s3))) + tail

static inline double
square(double d)
{
	return d * d;
}

/* (a_i - b_i)^2 */
#define L2SQ_STEP(LOAD, i, s) \
	do { \
		__m256d		d_ = _mm256_sub_pd(LOAD(a + (i)), LOAD(b + (i))); \
		s = _mm256_fmadd_pd(d_, d_, s); \
	} while (0)
#define L2SQ_TERM(i) square((double) a[i] - (double) b[i])
/* a_i b_i */
#define DOT_STEP(LOAD, i, s) (s = _mm256_fmadd_pd(LOAD(a + (i)), LOAD(b + (i)), s))
#define DOT_TERM(i) ((double) a[i] * (double) b[i])
/* a_i^2 */
#define SUMSQ_STEP(LOAD, i, s) \
	do { \
		__m256d		x_ = LOAD(a + (i)); \
		s = _mm256_fmadd_pd(x_, x_, s); \
	} while (0)
#define SUMSQ_TERM(i) ((double) a[i] * (double) a[i])

#define DEFINE_SIMD(T, SUF, LOAD) \
SIMD static double \
l2sq_##SUF##_avx2(const T *a, const T *b, int64_t n) \
{ \
	SIMD_SUM(LOAD, L2SQ_STEP, L2SQ_TERM); \
} \
SIMD static double \
dot_##SUF##_avx2(const T *a, const T *b, int64_t n) \
{ \
	SIMD_SUM(LOAD, DOT_STEP, DOT_TERM); \
} \
SIMD static double \
sumsq_##SUF##_avx2(const T *a, int64_t n) \
{ \
	SIMD_SUM(LOAD, SUMSQ_STEP, SUMSQ_TERM); \
} \
SIMD static void \
cos_##SUF##_avx2(const T *a, const T *b, int64_t n, double out[3]) \
{ \
	__m256d		ab0 = _mm256_setzero_pd(), \
				ab1 = _mm256_setzero_pd(), \
				aa0 = _mm256_setzero_pd(), \
				aa1 = _mm256_setzero_pd(), \
				bb0 = _mm256_setzero_pd(), \
				bb1 = _mm256_setzero_pd(); \
	double		ab = 0, \
				aa = 0, \
				bb = 0; \
	int64_t		i = 0; \
	for (; i + 8 <= n; i += 8) \
	{ \
		__m256d		x0 = LOAD(a + i), \
					x1 = LOAD(a + i + 4), \
					y0 = LOAD(b + i), \
					y1 = LOAD(b + i + 4); \
		ab0 = _mm256_fmadd_pd(x0, y0, ab0); \
		ab1 = _mm256_fmadd_pd(x1, y1, ab1); \
		aa0 = _mm256_fmadd_pd(x0, x0, aa0); \
		aa1 = _mm256_fmadd_pd(x1, x1, aa1); \
		bb0 = _mm256_fmadd_pd(y0, y0, bb0); \
		bb1 = _mm256_fmadd_pd(y1, y1, bb1); \
	} \
	for (; i < n; i++) \
	{ \
		ab += (double) a[i] * (double) b[i]; \
		aa += (double) a[i] * (double) a[i]; \
		bb += (double) b[i] * (double) b[i]; \
	} \
	out[0] = hsum(_mm256_add_pd(ab0, ab1)) + ab; \
	out[1] = hsum(_mm256_add_pd(aa0, aa1)) + aa; \
	out[2] = hsum(_mm256_add_pd(bb0, bb1)) + bb; \
}

DEFINE_SIMD(float, f32, LOAD_F32)
DEFINE_SIMD(double, f64, LOAD_F64)

static const MtDistanceKernels avx2_kernels = {
	"avx2+fma",
	l2sq_f32_avx2, l2sq_f64_avx2,
	dot_f32_avx2, dot_f64_avx2,
	sumsq_f32_avx2, sumsq_f64_avx2,
	cos_f32_avx2, cos_f64_avx2
};
#endif							/* MT_HAVE_AVX2_LOOPS */

bool
mt_distance_has_simd(void)
{
#ifdef MT_HAVE_AVX2_LOOPS
	__builtin_cpu_init();
	return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
	return false;
#endif
}

const char *
mt_distance_select(bool force_scalar)
{
#ifdef MT_HAVE_AVX2_LOOPS
	if (!force_scalar && mt_distance_has_simd())
	{
		mt_distance = avx2_kernels;
		return mt_distance.name;
	}
#endif
	mt_distance = scalar_kernels;
	return mt_distance.name;
}
