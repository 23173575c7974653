/*
 * sort.c
 *	  Stable radix sort, argsort, lexsort and searchsorted over every dtype
 *	  (see sort.h for the key mapping).  Pure C, no postgres.h.
 */
#include "sort.h"

#include <stdlib.h>
#include <string.h>

#include "dtype_dispatch.h"
#include "elements.h"
#include "heap_retain.h"

/* lanes up to this many elements use an insertion sort */
#define SORT_SMALL 24
/* from this many elements on, wider (11-bit) radix digits pay off */
#define SORT_WIDE_MIN ((int64_t) 1 << 16)
/* histogram entries: 6 passes of 11 bits or 8 of 8 */
#define SORT_HIST (6 * 2048)
/* elements handled between two polls */
#define SORT_POLL_STRIDE ((int64_t) 1 << 20)

/* ---- keys: unsigned integers in numpy's order ---- */

static inline uint8_t
key_bool(uint8_t x)
{
	return x;
}

static inline uint8_t
key_uint8(uint8_t x)
{
	return x;
}

static inline uint8_t
key_int8(uint8_t x)
{
	return (uint8_t) (x ^ 0x80u);
}

static inline uint16_t
key_int16(uint16_t x)
{
	return (uint16_t) (x ^ 0x8000u);
}

static inline uint32_t
key_int32(uint32_t x)
{
	return x ^ UINT32_C(0x80000000);
}

static inline uint64_t
key_int64(uint64_t x)
{
	return x ^ UINT64_C(0x8000000000000000);
}

/* IEEE bits: NaN to the top, -0.0 onto 0.0, negatives reversed */
static inline uint16_t
key_float16(uint16_t b)
{
	if ((b & 0x7fffu) > 0x7c00u)
		return UINT16_MAX;
	if (b == 0x8000u)
		b = 0;
	return (b & 0x8000u) ? (uint16_t) ~b : (uint16_t) (b | 0x8000u);
}

static inline uint32_t
key_float32(uint32_t b)
{
	if ((b & UINT32_C(0x7fffffff)) > UINT32_C(0x7f800000))
		return UINT32_MAX;
	if (b == UINT32_C(0x80000000))
		b = 0;
	return (b & UINT32_C(0x80000000)) ? ~b : (b | UINT32_C(0x80000000));
}

static inline uint64_t
key_float64(uint64_t b)
{
	const uint64_t sign = UINT64_C(0x8000000000000000);

	if ((b & ~sign) > UINT64_C(0x7ff0000000000000))
		return UINT64_MAX;
	if (b == sign)
		b = 0;
	return (b & sign) ? ~b : (b | sign);
}

/*
 * The two keys of a complex value in numpy's sort order: non-NaN values
 * lexicographically, then R + nanj by real part, then nan + Rj by imaginary
 * part, then nan + nanj (numpy's npy_sort CLT).  A NaN part's key is the
 * type's maximum and no other value reaches it, so the three NaN classes
 * take the top three first keys and carry their one ordered part second.
 */
static inline void
complex_keys32(uint32_t rb, uint32_t ib, uint32_t *first, uint32_t *second)
{
	uint32_t	kr = key_float32(rb),
				ki = key_float32(ib);

	if (kr != UINT32_MAX && ki != UINT32_MAX)
		*first = kr, *second = ki;
	else if (kr != UINT32_MAX)
		*first = UINT32_MAX - 2, *second = kr;
	else if (ki != UINT32_MAX)
		*first = UINT32_MAX - 1, *second = ki;
	else
		*first = UINT32_MAX, *second = UINT32_MAX;
}

static inline void
complex_keys64(uint64_t rb, uint64_t ib, uint64_t *first, uint64_t *second)
{
	uint64_t	kr = key_float64(rb),
				ki = key_float64(ib);

	if (kr != UINT64_MAX && ki != UINT64_MAX)
		*first = kr, *second = ki;
	else if (kr != UINT64_MAX)
		*first = UINT64_MAX - 2, *second = kr;
	else if (ki != UINT64_MAX)
		*first = UINT64_MAX - 1, *second = ki;
	else
		*first = UINT64_MAX, *second = UINT64_MAX;
}

/* the unsigned type of each dtype's bits */
typedef uint8_t bits_bool;
typedef uint8_t bits_int8;
typedef uint16_t bits_int16;
typedef uint32_t bits_int32;
typedef uint64_t bits_int64;
typedef uint8_t bits_uint8;
typedef uint16_t bits_float16;
typedef uint32_t bits_float32;
typedef uint64_t bits_float64;

/* a large scratch buffer, advised to use huge pages: the radix passes
 * scatter over all of it, where 4 kB pages cost a TLB miss each */
static void *
scratch_alloc(size_t bytes)
{
	void	   *p = malloc(bytes);

	if (p != NULL)
		mt_advise_huge_pages(p, bytes);
	return p;
}

/* scratch shared by the lanes of one call */
typedef struct SortWork
{
	int64_t		n;
	uint64_t   *keys;
	uint64_t   *keys_tmp;
	int64_t    *perm;
	int64_t    *perm_tmp;
	int64_t    *hist;
	char	   *lane;			/* one lane's elements, contiguous */
	char	   *lane_tmp;
	MtPollFn	poll;
	void	   *poll_arg;
	int64_t		since_poll;
} SortWork;

static void
work_free(SortWork *w)
{
	free(w->keys);
	free(w->keys_tmp);
	free(w->perm);
	free(w->perm_tmp);
	free(w->hist);
	free(w->lane);
	free(w->lane_tmp);
}

/* allocates the parts asked for; false when out of memory */
static bool
work_init(SortWork *w, int64_t n, size_t elem, bool keys, bool lane,
		  MtPollFn poll, void *poll_arg)
{
	size_t		count = n > 0 ? (size_t) n : 1;

	memset(w, 0, sizeof(*w));
	w->n = n;
	w->poll = poll;
	w->poll_arg = poll_arg;
	w->hist = malloc(sizeof(int64_t) * SORT_HIST);
	if (w->hist == NULL)
		return false;
	if (keys)
	{
		w->keys = scratch_alloc(sizeof(uint64_t) * count);
		w->keys_tmp = scratch_alloc(sizeof(uint64_t) * count);
		w->perm = scratch_alloc(sizeof(int64_t) * count);
		w->perm_tmp = scratch_alloc(sizeof(int64_t) * count);
		if (!w->keys || !w->keys_tmp || !w->perm || !w->perm_tmp)
			return false;
	}
	if (lane)
	{
		w->lane = scratch_alloc(elem * count);
		w->lane_tmp = scratch_alloc(elem * count);
		if (!w->lane || !w->lane_tmp)
			return false;
	}
	return true;
}

/* counts work done; true when the poll callback asks to stop */
static inline bool
work_poll(SortWork *w, int64_t done)
{
	w->since_poll += done;
	if (w->since_poll < SORT_POLL_STRIDE)
		return false;
	w->since_poll = 0;
	return w->poll != NULL && w->poll(w->poll_arg);
}

/* ---- sorting values in place by their key ---- */

/*
 * radix_values_NAME(a, tmp, n, w): stable LSD radix sort of the bits in a
 * by KEY(bits); tmp holds n more.  Passes whose digit is the same in every
 * element are skipped.
 */
#define DEFINE_RADIX_VALUES(NAME) \
static MtStatus \
radix_values_##NAME(bits_##NAME *a, bits_##NAME *tmp, int64_t n, SortWork *w) \
{ \
	typedef bits_##NAME UT; \
	const int	bits = 8 * (int) sizeof(UT); \
	int			digit = (bits > 8 && n >= SORT_WIDE_MIN) ? 11 : 8; \
	int			passes = (bits + digit - 1) / digit; \
	int64_t		buckets = (int64_t) 1 << digit; \
	uint64_t	mask = (uint64_t) buckets - 1; \
	int64_t	   *hist = w->hist; \
	UT		   *src = a, \
			   *dst = tmp; \
	\
	if (n <= SORT_SMALL) \
	{ \
		for (int64_t i = 1; i < n; i++) \
		{ \
			UT			x = a[i]; \
			UT			k = key_##NAME(x); \
			int64_t		j = i; \
			\
			while (j > 0 && key_##NAME(a[j - 1]) > k) \
			{ \
				a[j] = a[j - 1]; \
				j--; \
			} \
			a[j] = x; \
		} \
		return MT_OK; \
	} \
	memset(hist, 0, sizeof(int64_t) * buckets * passes); \
	if (passes == 1) \
		for (int64_t i = 0; i < n; i++) \
			hist[key_##NAME(a[i]) & mask]++; \
	else if (passes == 2) \
		for (int64_t i = 0; i < n; i++) \
		{ \
			uint64_t	k = key_##NAME(a[i]); \
			\
			hist[k & mask]++; \
			hist[buckets + ((k >> digit) & mask)]++; \
		} \
	else if (passes == 3) \
		for (int64_t i = 0; i < n; i++) \
		{ \
			uint64_t	k = key_##NAME(a[i]); \
			\
			hist[k & mask]++; \
			hist[buckets + ((k >> digit) & mask)]++; \
			hist[2 * buckets + ((k >> (2 * digit)) & mask)]++; \
		} \
	else \
		for (int64_t i = 0; i < n; i++) \
		{ \
			uint64_t	k = key_##NAME(a[i]); \
			\
			for (int p = 0; p < passes; p++) \
				hist[p * buckets + ((k >> (p * digit)) & mask)]++; \
		} \
	if (work_poll(w, n)) \
		return MT_ERR_CANCELED; \
	for (int p = 0; p < passes; p++) \
	{ \
		int64_t    *h = hist + p * buckets; \
		int			shift = p * digit; \
		int64_t		sum = 0; \
		UT		   *swap; \
		\
		if (h[((uint64_t) key_##NAME(src[0]) >> shift) & mask] == n) \
			continue; \
		for (int64_t b = 0; b < buckets; b++) \
		{ \
			int64_t		c = h[b]; \
			\
			h[b] = sum; \
			sum += c; \
		} \
		for (int64_t i = 0; i < n; i++) \
		{ \
			UT			x = src[i]; \
			\
			dst[h[((uint64_t) key_##NAME(x) >> shift) & mask]++] = x; \
		} \
		swap = src; \
		src = dst; \
		dst = swap; \
		if (work_poll(w, n)) \
			return MT_ERR_CANCELED; \
	} \
	if (src != a) \
		memcpy(a, src, sizeof(UT) * n); \
	return MT_OK; \
}

DEFINE_RADIX_VALUES(bool)
DEFINE_RADIX_VALUES(int8)
DEFINE_RADIX_VALUES(int16)
DEFINE_RADIX_VALUES(int32)
DEFINE_RADIX_VALUES(int64)
DEFINE_RADIX_VALUES(uint8)
DEFINE_RADIX_VALUES(float16)
DEFINE_RADIX_VALUES(float32)
DEFINE_RADIX_VALUES(float64)

/* ---- sorting a copy with invertible keys ---- */

/*
 * Invertible keys: the same order as key_NAME wherever that one is a strict
 * order, computed once on the way in and undone on the way out, so no pass
 * recomputes them.  For floats they differ from key_NAME on -0.0 (below
 * 0.0) and NaN (by payload and sign), so radix_copy_NAME falls back to the
 * stable path when -0.0 meets 0.0 or NaNs differ in their bits.
 */
#define FLIP_SIGNED(UT, x) ((UT) ((x) ^ ((UT) 1 << (8 * sizeof(UT) - 1))))
#define FLIP_FLOAT(UT, x) \
	((UT) ((x) ^ ((UT) (0 - ((x) >> (8 * sizeof(UT) - 1))) | ((UT) 1 << (8 * sizeof(UT) - 1)))))
#define UNFLIP_FLOAT(UT, k) \
	((UT) (((k) >> (8 * sizeof(UT) - 1)) ? (k) ^ ((UT) 1 << (8 * sizeof(UT) - 1)) : (UT) ~(k)))

/*
 * radix_copy_NAME(src, dst, tmp, n, w): dst = src sorted, stably (src is
 * not written); false when the fast path does not apply (a float array with
 * both zeros, or NaNs of different bits): dst is then untouched.
 */
#define DEFINE_RADIX_COPY(NAME, FLOAT, IN, OUT) \
static bool \
radix_copy_##NAME(const bits_##NAME *src, bits_##NAME *dst, bits_##NAME *tmp, \
				  int64_t n, SortWork *w, MtStatus *st) \
{ \
	typedef bits_##NAME UT; \
	const int	bits = 8 * (int) sizeof(UT); \
	const UT	sign = (UT) 1 << (bits - 1); \
	int			digit = (bits > 8 && n >= SORT_WIDE_MIN) ? 11 : 8; \
	int			passes = (bits + digit - 1) / digit; \
	int64_t		buckets = (int64_t) 1 << digit; \
	uint64_t	mask = (uint64_t) buckets - 1; \
	int64_t	   *hist = w->hist; \
	bool		neg_zero = false, \
				pos_zero = false, \
				nan_seen = false, \
				nan_mixed = false; \
	UT			nan_bits = 0; \
	int			todo[8]; \
	int			ntodo = 0; \
	\
	*st = MT_OK; \
	memset(hist, 0, sizeof(int64_t) * buckets * passes); \
	for (int64_t i = 0; i < n; i++) \
	{ \
		UT			x = src[i]; \
		uint64_t	k = IN(UT, x); \
		\
		if (FLOAT) \
		{ \
			UT			mag = (UT) (x & ~sign); \
			\
			if (mag == 0) \
			{ \
				if (x) \
					neg_zero = true; \
				else \
					pos_zero = true; \
			} \
			else if (mag > (UT) (((UT) ~(UT) 0 >> 1) ^ ((UT) ~(UT) 0 >> (bits == 64 ? 12 : bits == 32 ? 9 : 6)))) \
			{ \
				if (nan_seen && x != nan_bits) \
					nan_mixed = true; \
				nan_seen = true; \
				nan_bits = x; \
			} \
		} \
		for (int p = 0; p < passes; p++) \
			hist[p * buckets + ((k >> (p * digit)) & mask)]++; \
	} \
	if (FLOAT && ((neg_zero && pos_zero) || nan_mixed || (nan_bits & sign))) \
		return false; \
	if (work_poll(w, n)) \
	{ \
		*st = MT_ERR_CANCELED; \
		return true; \
	} \
	for (int p = 0; p < passes; p++) \
	{ \
		int64_t    *h = hist + p * buckets; \
		int64_t		sum = 0; \
		\
		if (n > 0 && h[((uint64_t) IN(UT, src[0]) >> (p * digit)) & mask] == n) \
			continue; \
		for (int64_t b = 0; b < buckets; b++) \
		{ \
			int64_t		c = h[b]; \
			\
			h[b] = sum; \
			sum += c; \
		} \
		todo[ntodo++] = p; \
	} \
	if (ntodo == 0) \
	{ \
		memcpy(dst, src, sizeof(UT) * n); \
		return true; \
	} \
	{ \
		/* the last pass writes dst: the first writes dst or tmp by parity */ \
		UT		   *to = (ntodo % 2) ? dst : tmp; \
		UT		   *other = (ntodo % 2) ? tmp : dst; \
		const UT   *from = src; \
		\
		for (int t = 0; t < ntodo; t++) \
		{ \
			int64_t    *h = hist + todo[t] * buckets; \
			int			shift = todo[t] * digit; \
			bool		first = t == 0, \
						last = t == ntodo - 1; \
			UT		   *swap; \
			\
			if (first && last) \
				for (int64_t i = 0; i < n; i++) \
				{ \
					UT			x = from[i]; \
					\
					to[h[((uint64_t) IN(UT, x) >> shift) & mask]++] = x; \
				} \
			else if (first) \
				for (int64_t i = 0; i < n; i++) \
				{ \
					UT			k = IN(UT, from[i]); \
					\
					to[h[((uint64_t) k >> shift) & mask]++] = k; \
				} \
			else if (last) \
				for (int64_t i = 0; i < n; i++) \
				{ \
					UT			k = from[i]; \
					\
					to[h[((uint64_t) k >> shift) & mask]++] = OUT(UT, k); \
				} \
			else \
				for (int64_t i = 0; i < n; i++) \
				{ \
					UT			k = from[i]; \
					\
					to[h[((uint64_t) k >> shift) & mask]++] = k; \
				} \
			from = to; \
			swap = to; \
			to = other; \
			other = swap; \
			if (work_poll(w, n)) \
			{ \
				*st = MT_ERR_CANCELED; \
				return true; \
			} \
		} \
	} \
	return true; \
}

#define KEEP(UT, x) (x)
DEFINE_RADIX_COPY(bool, false, KEEP, KEEP)
DEFINE_RADIX_COPY(uint8, false, KEEP, KEEP)
DEFINE_RADIX_COPY(int8, false, FLIP_SIGNED, FLIP_SIGNED)
DEFINE_RADIX_COPY(int16, false, FLIP_SIGNED, FLIP_SIGNED)
DEFINE_RADIX_COPY(int32, false, FLIP_SIGNED, FLIP_SIGNED)
DEFINE_RADIX_COPY(int64, false, FLIP_SIGNED, FLIP_SIGNED)
DEFINE_RADIX_COPY(float16, true, FLIP_FLOAT, UNFLIP_FLOAT)
DEFINE_RADIX_COPY(float32, true, FLIP_FLOAT, UNFLIP_FLOAT)
DEFINE_RADIX_COPY(float64, true, FLIP_FLOAT, UNFLIP_FLOAT)

/* ---- sorting (key, position) pairs ---- */

/*
 * Stable LSD radix sort of keys[0..n) (the low keybits bits of each are
 * significant) carrying perm along.
 */
static MtStatus
radix_pairs(uint64_t *keys, int64_t *perm, int64_t n, int keybits, SortWork *w)
{
	int			digit = (keybits > 8 && n >= SORT_WIDE_MIN) ? 11 : 8;
	int			passes = (keybits + digit - 1) / digit;
	int64_t		buckets = (int64_t) 1 << digit;
	uint64_t	mask = (uint64_t) buckets - 1;
	int64_t    *hist = w->hist;
	uint64_t   *ksrc = keys,
			   *kdst = w->keys_tmp;
	int64_t    *psrc = perm,
			   *pdst = w->perm_tmp;

	if (n <= SORT_SMALL)
	{
		for (int64_t i = 1; i < n; i++)
		{
			uint64_t	k = keys[i];
			int64_t		p = perm[i];
			int64_t		j = i;

			while (j > 0 && keys[j - 1] > k)
			{
				keys[j] = keys[j - 1];
				perm[j] = perm[j - 1];
				j--;
			}
			keys[j] = k;
			perm[j] = p;
		}
		return MT_OK;
	}
	memset(hist, 0, sizeof(int64_t) * buckets * passes);
	for (int64_t i = 0; i < n; i++)
	{
		uint64_t	k = keys[i];

		for (int p = 0; p < passes; p++)
			hist[p * buckets + ((k >> (p * digit)) & mask)]++;
	}
	if (work_poll(w, n))
		return MT_ERR_CANCELED;
	for (int p = 0; p < passes; p++)
	{
		int64_t    *h = hist + p * buckets;
		int			shift = p * digit;
		int64_t		sum = 0;
		uint64_t   *kswap;
		int64_t    *pswap;

		if (h[(ksrc[0] >> shift) & mask] == n)
			continue;
		for (int64_t b = 0; b < buckets; b++)
		{
			int64_t		c = h[b];

			h[b] = sum;
			sum += c;
		}
		for (int64_t i = 0; i < n; i++)
		{
			int64_t		at = h[(ksrc[i] >> shift) & mask]++;

			kdst[at] = ksrc[i];
			pdst[at] = psrc[i];
		}
		kswap = ksrc;
		ksrc = kdst;
		kdst = kswap;
		pswap = psrc;
		psrc = pdst;
		pdst = pswap;
		if (work_poll(w, n))
			return MT_ERR_CANCELED;
	}
	if (ksrc != keys)
	{
		memcpy(keys, ksrc, sizeof(uint64_t) * n);
		memcpy(perm, psrc, sizeof(int64_t) * n);
	}
	return MT_OK;
}

/*
 * Stable LSD radix sort of packed (key << 32 | position) words by their
 * upper keybits (<= 32) bits: half the bytes of radix_pairs per pass.
 */
static MtStatus
radix_packed(uint64_t *a, uint64_t *tmp, int64_t n, int keybits, SortWork *w)
{
	int			digit = (keybits > 8 && n >= SORT_WIDE_MIN) ? 11 : 8;
	int			passes = (keybits + digit - 1) / digit;
	int64_t		buckets = (int64_t) 1 << digit;
	uint64_t	mask = (uint64_t) buckets - 1;
	int64_t    *hist = w->hist;
	uint64_t   *src = a,
			   *dst = tmp;

	memset(hist, 0, sizeof(int64_t) * buckets * passes);
	for (int64_t i = 0; i < n; i++)
	{
		uint64_t	k = a[i] >> 32;

		for (int p = 0; p < passes; p++)
			hist[p * buckets + ((k >> (p * digit)) & mask)]++;
	}
	if (work_poll(w, n))
		return MT_ERR_CANCELED;
	for (int p = 0; p < passes; p++)
	{
		int64_t    *h = hist + p * buckets;
		int			shift = 32 + p * digit;
		int64_t		sum = 0;
		uint64_t   *swap;

		if (h[(src[0] >> shift) & mask] == n)
			continue;
		for (int64_t b = 0; b < buckets; b++)
		{
			int64_t		c = h[b];

			h[b] = sum;
			sum += c;
		}
		for (int64_t i = 0; i < n; i++)
		{
			uint64_t	x = src[i];

			dst[h[(x >> shift) & mask]++] = x;
		}
		swap = src;
		src = dst;
		dst = swap;
		if (work_poll(w, n))
			return MT_ERR_CANCELED;
	}
	if (src != a)
		memcpy(a, src, sizeof(uint64_t) * n);
	return MT_OK;
}

/* significant bits of a dtype's key (complex64: both parts in one key) */
static int
key_bits(MtDtype dtype)
{
	switch (dtype)
	{
		case MT_BOOL:
		case MT_INT8:
		case MT_UINT8:
			return 8;
		case MT_INT16:
		case MT_FLOAT16:
			return 16;
		case MT_INT32:
		case MT_FLOAT32:
			return 32;
		default:
			return 64;
	}
}

/* keys sorted one after another for a dtype: complex128 needs two */
static int
key_rounds(MtDtype dtype)
{
	return dtype == MT_COMPLEX128 ? 2 : 1;
}

/*
 * keys[i] = the key of element base + perm[i] * stride; part picks the
 * real (0) or imaginary (1) part of a complex128.
 */
static void
fill_keys(const void *data, MtDtype dtype, int64_t base, int64_t stride,
		  const int64_t *perm, int64_t n, int part, bool descending,
		  uint64_t *keys)
{
	int			bits = key_bits(dtype);
	uint64_t	top = bits == 64 ? UINT64_MAX : ((uint64_t) 1 << bits) - 1;

#define FILL_ONE(T, NAME) \
	do { \
		const bits_##NAME *d = (const bits_##NAME *) data; \
		\
		for (int64_t i = 0; i < n; i++) \
			keys[i] = key_##NAME(d[base + (perm ? perm[i] : i) * stride]); \
	} while (0)

	switch (dtype)
	{
		case MT_FLOAT16:
			FILL_ONE(uint16_t, float16);
			break;
		case MT_COMPLEX64:
			{
				const uint32_t *d = (const uint32_t *) data;

				for (int64_t i = 0; i < n; i++)
				{
					int64_t		e = 2 * (base + (perm ? perm[i] : i) * stride);
					uint32_t	k1,
								k2;

					complex_keys32(d[e], d[e + 1], &k1, &k2);
					keys[i] = ((uint64_t) k1 << 32) | k2;
				}
			}
			break;
		case MT_COMPLEX128:
			{
				const uint64_t *d = (const uint64_t *) data;

				for (int64_t i = 0; i < n; i++)
				{
					int64_t		e = 2 * (base + (perm ? perm[i] : i) * stride);
					uint64_t	k1,
								k2;

					complex_keys64(d[e], d[e + 1], &k1, &k2);
					keys[i] = part == 0 ? k1 : k2;
				}
			}
			break;
		default:
			MT_DISPATCH_REAL(dtype, FILL_ONE);
			break;
	}
#undef FILL_ONE
	if (descending)
		for (int64_t i = 0; i < n; i++)
			keys[i] = ~keys[i] & top;
}

/*
 * Stable argsort of one lane by nkeys keys, the last primary: w->perm
 * receives the positions 0 .. n-1 in order.
 */
static MtStatus
argsort_lane(const void *const *data, const MtDtype *dtypes, int nkeys,
			 int64_t base, int64_t stride, int64_t n, bool descending,
			 SortWork *w)
{
	for (int64_t i = 0; i < n; i++)
		w->perm[i] = i;
	for (int k = 0; k < nkeys; k++)
	{
		for (int part = key_rounds(dtypes[k]) - 1; part >= 0; part--)
		{
			MtStatus	st;

			fill_keys(data[k], dtypes[k], base, stride, w->perm, n, part,
					  descending, w->keys);
			st = radix_pairs(w->keys, w->perm, n, key_bits(dtypes[k]), w);
			if (st != MT_OK)
				return st;
		}
	}
	return MT_OK;
}

/* copies lane elements (n, stride apart, elem bytes each) to or from buf */
static void
lane_copy(char *data, int64_t base, int64_t stride, int64_t n, size_t elem,
		  char *buf, bool gather)
{
	for (int64_t i = 0; i < n; i++)
	{
		char	   *at = data + (size_t) (base + i * stride) * elem;

		if (gather)
			memcpy(buf + (size_t) i * elem, at, elem);
		else
			memcpy(at, buf + (size_t) i * elem, elem);
	}
}

/* sorts n contiguous elements in place */
static MtStatus
sort_contiguous(void *a, MtDtype dtype, int64_t n, SortWork *w)
{
	MtStatus	st = MT_OK;

#define SORT_ONE(T, NAME) \
	st = radix_values_##NAME((bits_##NAME *) a, (bits_##NAME *) w->lane_tmp, n, w)

	switch (dtype)
	{
		case MT_FLOAT16:
			SORT_ONE(uint16_t, float16);
			break;
		case MT_COMPLEX64:
		case MT_COMPLEX128:
			{
				size_t		elem = mt_dtype_size(dtype);
				const void *src[1] = {a};

				st = argsort_lane(src, &dtype, 1, 0, 1, n, false, w);
				if (st != MT_OK)
					return st;
				for (int64_t i = 0; i < n; i++)
					memcpy(w->lane_tmp + (size_t) i * elem,
						   (char *) a + (size_t) w->perm[i] * elem, elem);
				memcpy(a, w->lane_tmp, elem * n);
			}
			break;
		default:
			MT_DISPATCH_REAL(dtype, SORT_ONE);
			break;
	}
#undef SORT_ONE
	return st;
}

MtStatus
mt_sort_lanes(void *data, MtDtype dtype, int64_t outer, int64_t n,
			  int64_t inner, MtPollFn poll, void *poll_arg)
{
	SortWork	w;
	size_t		elem = mt_dtype_size(dtype);
	MtStatus	st = MT_OK;

	if (n <= 1 || outer <= 0 || inner <= 0)
		return MT_OK;
	if (!work_init(&w, n, elem, mt_dtype_is_complex(dtype), true,
				   poll, poll_arg))
	{
		work_free(&w);
		return MT_ERR_MEMORY;
	}
	for (int64_t o = 0; o < outer && st == MT_OK; o++)
	{
		for (int64_t in = 0; in < inner && st == MT_OK; in++)
		{
			int64_t		base = o * n * inner + in;

			if (inner == 1)
				st = sort_contiguous((char *) data + (size_t) base * elem,
									 dtype, n, &w);
			else
			{
				lane_copy(data, base, inner, n, elem, w.lane, true);
				st = sort_contiguous(w.lane, dtype, n, &w);
				lane_copy(data, base, inner, n, elem, w.lane, false);
			}
			if (st == MT_OK && work_poll(&w, n))
				st = MT_ERR_CANCELED;
		}
	}
	work_free(&w);
	return st;
}

MtStatus
mt_sort_copy_lanes(const void *src, void *dst, MtDtype dtype, int64_t outer,
				   int64_t n, int64_t inner, MtPollFn poll, void *poll_arg)
{
	SortWork	w;
	size_t		elem = mt_dtype_size(dtype);
	MtStatus	st = MT_OK;

	if (inner != 1 || n <= SORT_SMALL || mt_dtype_is_complex(dtype))
	{
		if (outer > 0 && n > 0 && inner > 0)
			memcpy(dst, src, elem * (size_t) (outer * n * inner));
		return mt_sort_lanes(dst, dtype, outer, n, inner, poll, poll_arg);
	}
	if (!work_init(&w, n, elem, false, true, poll, poll_arg))
	{
		work_free(&w);
		return MT_ERR_MEMORY;
	}
	for (int64_t o = 0; o < outer && st == MT_OK; o++)
	{
		const char *from = (const char *) src + (size_t) (o * n) * elem;
		char	   *to = (char *) dst + (size_t) (o * n) * elem;
		bool		done = false;

#define COPY_ONE(T, NAME) \
		done = radix_copy_##NAME((const bits_##NAME *) from, (bits_##NAME *) to, \
								 (bits_##NAME *) w.lane_tmp, n, &w, &st)

		if (dtype == MT_FLOAT16)
			COPY_ONE(uint16_t, float16);
		else
			MT_DISPATCH_REAL(dtype, COPY_ONE);
#undef COPY_ONE
		if (!done)
		{
			memcpy(to, from, elem * (size_t) n);
			st = sort_contiguous(to, dtype, n, &w);
		}
	}
	work_free(&w);
	return st;
}

/*
 * The stable argsort of every lane (outer x inner lanes of n elements,
 * inner apart) by the keys data[0 .. nkeys), written to out lane by lane:
 * the general path of mt_lexsort_lanes and mt_argsort_lanes.
 */
static MtStatus
argsort_each_lane(const void *const *data, const MtDtype *dtypes, int nkeys,
				  int64_t outer, int64_t n, int64_t inner, bool descending,
				  int64_t *out, MtPollFn poll, void *poll_arg)
{
	SortWork	w;
	MtStatus	st = MT_OK;

	if (!work_init(&w, n, 0, true, false, poll, poll_arg))
	{
		work_free(&w);
		return MT_ERR_MEMORY;
	}
	for (int64_t o = 0; o < outer && st == MT_OK; o++)
	{
		for (int64_t in = 0; in < inner && st == MT_OK; in++)
		{
			int64_t		base = o * n * inner + in;

			st = argsort_lane(data, dtypes, nkeys, base, inner, n, descending, &w);
			if (st != MT_OK)
				break;
			for (int64_t i = 0; i < n; i++)
				out[base + i * inner] = w.perm[i];
			if (work_poll(&w, n))
				st = MT_ERR_CANCELED;
		}
	}
	work_free(&w);
	return st;
}

MtStatus
mt_lexsort_lanes(const void *const *data, const MtDtype *dtypes, int nkeys,
				 int64_t outer, int64_t n, int64_t inner, int64_t *out,
				 MtPollFn poll, void *poll_arg)
{
	if (n <= 0 || outer <= 0 || inner <= 0)
		return MT_OK;
	return argsort_each_lane(data, dtypes, nkeys, outer, n, inner, false, out,
							 poll, poll_arg);
}

MtStatus
mt_argsort_lanes(const void *data, MtDtype dtype, int64_t outer, int64_t n,
				 int64_t inner, bool descending, int64_t *out,
				 MtPollFn poll, void *poll_arg)
{
	SortWork	w;
	MtStatus	st = MT_OK;
	const void *keys[1] = {data};

	if (n <= 0 || outer <= 0 || inner <= 0)
		return MT_OK;
	if (n > SORT_SMALL && n <= (int64_t) UINT32_MAX &&
		key_rounds(dtype) == 1 && key_bits(dtype) <= 32)
	{
		/* keys of 32 bits or fewer: sort (key, position) packed in a word */
		memset(&w, 0, sizeof(w));
		w.poll = poll;
		w.poll_arg = poll_arg;
		w.hist = malloc(sizeof(int64_t) * SORT_HIST);
		w.keys = scratch_alloc(sizeof(uint64_t) * n);
		w.keys_tmp = scratch_alloc(sizeof(uint64_t) * n);
		if (!w.hist || !w.keys || !w.keys_tmp)
		{
			work_free(&w);
			return MT_ERR_MEMORY;
		}
		for (int64_t o = 0; o < outer && st == MT_OK; o++)
		{
			for (int64_t in = 0; in < inner && st == MT_OK; in++)
			{
				int64_t		base = o * n * inner + in;

				fill_keys(data, dtype, base, inner, NULL, n, 0, descending, w.keys);
				for (int64_t i = 0; i < n; i++)
					w.keys[i] = (w.keys[i] << 32) | (uint64_t) i;
				st = radix_packed(w.keys, w.keys_tmp, n, key_bits(dtype), &w);
				if (st != MT_OK)
					break;
				for (int64_t i = 0; i < n; i++)
					out[base + i * inner] = (int64_t) (w.keys[i] & UINT32_MAX);
				if (work_poll(&w, n))
					st = MT_ERR_CANCELED;
			}
		}
		work_free(&w);
		return st;
	}
	return argsort_each_lane(keys, &dtype, 1, outer, n, inner, descending, out,
							 poll, poll_arg);
}

bool
mt_sort_key_equal(const void *a, int64_t i, const void *b, int64_t j,
				  MtDtype dtype)
{
#define EQ_ONE(T, NAME) \
	return key_##NAME(((const bits_##NAME *) a)[i]) == \
		key_##NAME(((const bits_##NAME *) b)[j])

	switch (dtype)
	{
		case MT_FLOAT16:
			EQ_ONE(uint16_t, float16);
		case MT_COMPLEX64:
			{
				const uint32_t *x = (const uint32_t *) a + 2 * i,
						   *y = (const uint32_t *) b + 2 * j;
				uint32_t	x1,
							x2,
							y1,
							y2;

				complex_keys32(x[0], x[1], &x1, &x2);
				complex_keys32(y[0], y[1], &y1, &y2);
				/* numpy: every complex NaN is one value under equal_nan */
				if (x1 >= UINT32_MAX - 2 && y1 >= UINT32_MAX - 2)
					return true;
				return x1 == y1 && x2 == y2;
			}
		case MT_COMPLEX128:
			{
				const uint64_t *x = (const uint64_t *) a + 2 * i,
						   *y = (const uint64_t *) b + 2 * j;
				uint64_t	x1,
							x2,
							y1,
							y2;

				complex_keys64(x[0], x[1], &x1, &x2);
				complex_keys64(y[0], y[1], &y1, &y2);
				if (x1 >= UINT64_MAX - 2 && y1 >= UINT64_MAX - 2)
					return true;
				return x1 == y1 && x2 == y2;
			}
		default:
			MT_DISPATCH_REAL(dtype, EQ_ONE);
			break;
	}
#undef EQ_ONE
	return false;
}

bool
mt_element_isnan(const void *data, MtDtype dtype, int64_t i)
{
	switch (dtype)
	{
		case MT_FLOAT16:
			return (((const uint16_t *) data)[i] & 0x7fffu) > 0x7c00u;
		case MT_FLOAT32:
			{
				float		x = ((const float *) data)[i];

				return x != x;
			}
		case MT_FLOAT64:
			{
				double		x = ((const double *) data)[i];

				return x != x;
			}
		case MT_COMPLEX64:
			{
				const float *x = (const float *) data + 2 * i;

				return x[0] != x[0] || x[1] != x[1];
			}
		case MT_COMPLEX128:
			{
				const double *x = (const double *) data + 2 * i;

				return x[0] != x[0] || x[1] != x[1];
			}
		default:
			return false;
	}
}

MtStatus
mt_searchsorted(const void *a, MtDtype dtype_a, int64_t na,
				const int64_t *sorter, const void *v, MtDtype dtype_v,
				int64_t nv, bool right, int64_t *out,
				MtPollFn poll, void *poll_arg)
{
	for (int64_t j = 0; j < nv; j++)
	{
		int64_t		lo = 0,
					hi = na;

		while (lo < hi)
		{
			int64_t		mid = lo + (hi - lo) / 2;
			int			c = mt_compare_elements(a, dtype_a,
												sorter ? sorter[mid] : mid,
												v, dtype_v, j);

			if (c < 0 || (right && c == 0))
				lo = mid + 1;
			else
				hi = mid;
		}
		out[j] = lo;
		if ((j & 0xffff) == 0xffff && poll != NULL && poll(poll_arg))
			return MT_ERR_CANCELED;
	}
	return MT_OK;
}

int64_t
mt_sort_collapse(void *data, MtDtype dtype, int64_t n)
{
	int64_t		kept = 0;

	if (n <= 0)
		return 0;
#define COLLAPSE_ONE(T, NAME) \
	do { \
		bits_##NAME *d = (bits_##NAME *) data; \
		\
		kept = 1; \
		for (int64_t i = 1; i < n; i++) \
			if (key_##NAME(d[i]) != key_##NAME(d[kept - 1])) \
				d[kept++] = d[i]; \
	} while (0)

	switch (dtype)
	{
		case MT_FLOAT16:
			COLLAPSE_ONE(uint16_t, float16);
			break;
		case MT_COMPLEX64:
		case MT_COMPLEX128:
			{
				size_t		elem = mt_dtype_size(dtype);
				char	   *d = (char *) data;

				kept = 1;
				for (int64_t i = 1; i < n; i++)
					if (!mt_sort_key_equal(d, i, d, kept - 1, dtype))
						memcpy(d + (size_t) kept++ * elem, d + (size_t) i * elem, elem);
			}
			break;
		default:
			MT_DISPATCH_REAL(dtype, COLLAPSE_ONE);
			break;
	}
#undef COLLAPSE_ONE
	return kept;
}

MtStatus
mt_argsort_rows(const void *data, MtDtype dtype, int64_t rows, int64_t cols,
				int64_t *out, MtPollFn poll, void *poll_arg)
{
	SortWork	w;
	MtStatus	st;
	size_t		elem = mt_dtype_size(dtype);
	const void **keys;
	MtDtype    *dtypes;

	if (rows <= 0)
		return MT_OK;
	if (cols <= 0)
	{
		for (int64_t i = 0; i < rows; i++)
			out[i] = i;
		return MT_OK;
	}
	keys = malloc(sizeof(void *) * cols);
	dtypes = malloc(sizeof(MtDtype) * cols);
	if (keys == NULL || dtypes == NULL ||
		!work_init(&w, rows, 0, true, false, poll, poll_arg))
	{
		free(keys);
		free(dtypes);
		if (keys != NULL && dtypes != NULL)
			work_free(&w);
		return MT_ERR_MEMORY;
	}
	/* column 0 is the primary key: it is sorted last */
	for (int64_t k = 0; k < cols; k++)
	{
		keys[k] = (const char *) data + (size_t) (cols - 1 - k) * elem;
		dtypes[k] = dtype;
	}
	st = argsort_lane(keys, dtypes, (int) cols, 0, cols, rows, false, &w);
	if (st == MT_OK)
		memcpy(out, w.perm, sizeof(int64_t) * rows);
	work_free(&w);
	free(keys);
	free(dtypes);
	return st;
}
