/*
 * knn.c
 *	  Exact k-NN (see knn.h).
 *
 *	  The corpus is cut into blocks of rows.  For each block and block of
 *	  queries one GEMM gives the dot products S = Q X^T, a vectorizable
 *	  pass turns each row of S into a ranking key (||x||^2 - 2 q.x for L2,
 *	  -q.x for inner products, -q.x / |x| for cosine: the query's own terms
 *	  are left out, they do not change its order), and a scan keeps each
 *	  query's kc best keys in a bounded max-heap; almost every key fails the
 *	  one comparison against the heap's top.  With several threads each
 *	  owns a contiguous share of the corpus and its own heaps.
 *
 *	  Keys computed this way carry rounding error (float32 loses digits to
 *	  cancellation), so the heaps keep kc = k + a margin candidates, which
 *	  are then scored again directly in float64 and sorted by (distance,
 *	  id).  A candidate the heap turned away had a key no smaller than the
 *	  heap's top; if even the top minus a bound on the rounding error ranks
 *	  after the k-th exact distance, no rejected row could have belonged
 *	  among the k.  Otherwise -- exact ties at the cut, NaNs, values near
 *	  overflow -- the query is answered by a direct float64 scan.  The
 *	  result is therefore the one a float64 brute force gives.
 *
 *	  For one or a few queries the GEMM saves nothing: mt_knn_direct
 *	  computes every exact distance (distance.h) as it reads each row once,
 *	  keeping each query's k best in an MtTopK, and so gives the same
 *	  answer without the keys, the re-ranking or any scratch beyond the
 *	  lists.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "knn.h"
#include "distance.h"

#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* rows of queries and of corpus per GEMM */
#define QUERY_BLOCK 256
#define CORPUS_BLOCK 1024
/* most threads one search uses */
#define MAX_KNN_THREADS 64

typedef struct KnnHeap
{
	double	   *key;			/* [kc] max-heap on (key, id) */
	int64_t    *row;
	int32_t		count;
} KnnHeap;

/*
 * What every share of a threaded scan starts with (the first member of
 * KnnThread and DirectPart): run_shares sets it up and collects status.
 */
typedef struct KnnShare
{
	bool		caller;			/* polls for cancels */
	MtPollFn	poll;
	void	   *poll_arg;
	atomic_bool *stop;			/* set by the share that saw a cancel */
	MtStatus	status;
} KnnShare;

typedef struct KnnThread
{
	KnnShare	share;			/* first */
	const MtKnnProblem *p;
	int64_t		lo;				/* corpus rows [lo, hi) */
	int64_t		hi;
	int			kc;
	void	   *dots;			/* QUERY_BLOCK x CORPUS_BLOCK of dtype */
	void	   *xaux;			/* per block row: ||x||^2, or 1/|x| */
	double	   *heap_key;		/* nq x kc */
	int64_t    *heap_row;
	int32_t    *heap_count;		/* nq */
	double		xnorm_max;		/* largest ||x||^2 seen, float64 */
} KnnThread;

MtMetric
mt_metric_from_name(const char *name)
{
	static const struct
	{
		const char *name;
		MtMetric	metric;
	}			names[] = {
		{"l2", MT_METRIC_L2},
		{"euclidean", MT_METRIC_L2},
		{"l2_squared", MT_METRIC_L2_SQUARED},
		{"sqeuclidean", MT_METRIC_L2_SQUARED},
		{"ip", MT_METRIC_INNER_PRODUCT},
		{"inner_product", MT_METRIC_INNER_PRODUCT},
		{"dot", MT_METRIC_INNER_PRODUCT},
		{"cosine", MT_METRIC_COSINE},
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
	{
		const char *a = name,
				   *b = names[i].name;

		while (*a && *b && mt_ascii_lower(*a) == *b)
			a++, b++;
		if (*a == '\0' && *b == '\0')
			return names[i].metric;
	}
	return MT_METRIC_INVALID;
}

const char *
mt_metric_name(MtMetric metric)
{
	switch (metric)
	{
		case MT_METRIC_L2:
			return "l2";
		case MT_METRIC_L2_SQUARED:
			return "l2_squared";
		case MT_METRIC_INNER_PRODUCT:
			return "inner_product";
		case MT_METRIC_COSINE:
			return "cosine";
		default:
			return "invalid";
	}
}

static int
candidate_cmp(const void *a, const void *b)
{
	const MtNeighborPair *x = a,
			   *y = b;

	if (mt_neighbor_before(x->distance, x->id, y->distance, y->id))
		return -1;
	if (mt_neighbor_before(y->distance, y->id, x->distance, x->id))
		return 1;
	return 0;
}

void
mt_neighbor_pairs_sort(MtNeighborPair *pairs, size_t n)
{
	qsort(pairs, n, sizeof(MtNeighborPair), candidate_cmp);
}

static inline int64_t
row_id(const MtKnnProblem *p, int64_t row)
{
	return p->ids ? p->ids[row] : p->id_base + row;
}

/* heap candidates beyond k: enough that rounding rarely sends a query to
 * the direct scan, few enough that heap updates stay cheap */
static int
candidate_count(int k)
{
	int64_t		kc = (int64_t) k + 8 + k / 4;

	return kc > INT32_MAX / 2 ? INT32_MAX / 2 : (int) kc;
}

/* the threads asked for, 1 to MAX_KNN_THREADS, and no more than units of work */
static int
threads_for(int asked, int64_t units)
{
	int			t = asked < 1 ? 1 : asked;

	if (t > MAX_KNN_THREADS)
		t = MAX_KNN_THREADS;
	if (units < t)
		t = units < 1 ? 1 : (int) units;
	return t;
}

static int
threads_used(const MtKnnProblem *p)
{
	return threads_for(p->threads, (p->nx + CORPUS_BLOCK - 1) / CORPUS_BLOCK);
}

static size_t
candidate_room(int k, int nthreads)
{
	size_t		n = (size_t) candidate_count(k) * nthreads;

	return n > (size_t) k ? n : (size_t) k;
}

#define ALIGN64(x) (((x) + 63) & ~(size_t) 63)

/* scratch size, and with base != NULL the pointers of every thread */
static size_t
layout_scratch(const MtKnnProblem *p, int nthreads, char *base, KnnThread *th,
			   MtNeighborPair **cand)
{
	size_t		elem = mt_dtype_size(p->dtype);
	int			kc = candidate_count(p->k);
	size_t		off = 0;
	size_t		heap_entries,
				bytes;

	if (p->nq < 0 || p->k < 1 || (uint64_t) p->nq * (uint64_t) kc > SIZE_MAX / 64)
		return 0;
	heap_entries = (size_t) p->nq * kc;
	if (cand)
		*cand = (MtNeighborPair *) (base + off);
	/* candidates of every thread (or a direct scan's k), then k to merge */
	bytes = sizeof(MtNeighborPair) * (candidate_room(p->k, nthreads) + (size_t) p->k);
	off += ALIGN64(bytes);
	for (int t = 0; t < nthreads; t++)
	{
		if (th)
		{
			th[t].dots = base + off;
			th[t].xaux = base + off + ALIGN64(elem * QUERY_BLOCK * CORPUS_BLOCK);
			th[t].heap_key = (double *) ((char *) th[t].xaux + ALIGN64(elem * CORPUS_BLOCK));
			th[t].heap_row = (int64_t *) ((char *) th[t].heap_key + ALIGN64(sizeof(double) * heap_entries));
			th[t].heap_count = (int32_t *) ((char *) th[t].heap_row + ALIGN64(sizeof(int64_t) * heap_entries));
		}
		off += ALIGN64(elem * QUERY_BLOCK * CORPUS_BLOCK) + ALIGN64(elem * CORPUS_BLOCK)
			+ ALIGN64(sizeof(double) * heap_entries) + ALIGN64(sizeof(int64_t) * heap_entries)
			+ ALIGN64(sizeof(int32_t) * (size_t) p->nq);
	}
	return off;
}

size_t
mt_knn_scratch_bytes(const MtKnnProblem *p)
{
	return layout_scratch(p, threads_used(p), NULL, NULL, NULL);
}

/* ---- the bounded heap: a max-heap on (key, id), worst at the top ---- */

static void
heap_sift_down(double *key, int64_t *row, int n, int i, const MtKnnProblem *p)
{
	double		k0 = key[i];
	int64_t		r0 = row[i];
	int64_t		id0 = row_id(p, r0);

	for (;;)
	{
		int			c = 2 * i + 1;

		if (c >= n)
			break;
		if (c + 1 < n && mt_neighbor_before(key[c], row_id(p, row[c]),
											key[c + 1], row_id(p, row[c + 1])))
			c++;
		if (!mt_neighbor_before(k0, id0, key[c], row_id(p, row[c])))
			break;
		key[i] = key[c];
		row[i] = row[c];
		i = c;
	}
	key[i] = k0;
	row[i] = r0;
}

static void
heap_offer(double *key, int64_t *row, int32_t *count, int kc, double k, int64_t r,
		   const MtKnnProblem *p)
{
	int			n = *count;

	if (n < kc)
	{
		int			i = n;
		int64_t		id = row_id(p, r);

		/* sift up */
		while (i > 0)
		{
			int			parent = (i - 1) / 2;

			if (!mt_neighbor_before(key[parent], row_id(p, row[parent]), k, id))
				break;
			key[i] = key[parent];
			row[i] = row[parent];
			i = parent;
		}
		key[i] = k;
		row[i] = r;
		*count = n + 1;
		return;
	}
	if (!mt_neighbor_before(k, row_id(p, r), key[0], row_id(p, row[0])))
		return;
	key[0] = k;
	row[0] = r;
	heap_sift_down(key, row, n, 0, p);
}

/* keys at or below this may enter the heap; +inf while it has room */
static inline double
heap_threshold(const double *key, int32_t count, int kc)
{
	if (count < kc || key[0] != key[0])
		return INFINITY;
	return key[0];
}

/* ---- scanning a block ---- */

#define DEFINE_BLOCK_KEYS(NAME, T) \
static void \
NAME(MtMetric metric, T *restrict s, const T *restrict xaux, int n) \
{ \
	if (metric == MT_METRIC_INNER_PRODUCT) \
		for (int j = 0; j < n; j++) \
			s[j] = -s[j]; \
	else if (metric == MT_METRIC_COSINE) \
		for (int j = 0; j < n; j++) \
			s[j] = -s[j] * xaux[j]; \
	else \
		for (int j = 0; j < n; j++) \
			s[j] = xaux[j] - 2 * s[j]; \
}

DEFINE_BLOCK_KEYS(block_keys_f32, float)
DEFINE_BLOCK_KEYS(block_keys_f64, double)

#define DEFINE_SCAN_ROW(NAME, T) \
static void \
NAME(const T *restrict s, int n, int64_t row0, double *key, int64_t *row, \
	 int32_t *count, int kc, const MtKnnProblem *p) \
{ \
	double		thr = heap_threshold(key, *count, kc); \
	int			j = 0; \
	/* eight at a time: almost every group has no key at or below thr */ \
	for (; j + 8 <= n; j += 8) \
	{ \
		int			hit = 0; \
		for (int u = 0; u < 8; u++) \
			hit |= !(s[j + u] > thr); \
		if (!hit) \
			continue; \
		for (int u = 0; u < 8; u++) \
			if (!(s[j + u] > thr)) \
			{ \
				heap_offer(key, row, count, kc, s[j + u], row0 + j + u, p); \
				thr = heap_threshold(key, *count, kc); \
			} \
	} \
	for (; j < n; j++) \
		if (!(s[j] > thr)) \
		{ \
			heap_offer(key, row, count, kc, s[j], row0 + j, p); \
			thr = heap_threshold(key, *count, kc); \
		} \
}

DEFINE_SCAN_ROW(scan_row_f32, float)
DEFINE_SCAN_ROW(scan_row_f64, double)

/* per corpus row of the block: ||x||^2 (or 1/|x| for cosine) in dtype */
static double
block_aux(const MtKnnProblem *p, int64_t x0, int n, void *xaux)
{
	double		max = 0;

	for (int j = 0; j < n; j++)
	{
		double		ss;

		if (p->dtype == MT_FLOAT32)
		{
			const float *x = (const float *) p->corpus + (x0 + j) * p->dims;

			ss = mt_distance.sumsq_f32(x, p->dims);
			((float *) xaux)[j] = p->metric == MT_METRIC_COSINE ? (float) (1.0 / sqrt(ss)) : (float) ss;
		}
		else
		{
			const double *x = (const double *) p->corpus + (x0 + j) * p->dims;

			ss = mt_distance.sumsq_f64(x, p->dims);
			((double *) xaux)[j] = p->metric == MT_METRIC_COSINE ? 1.0 / sqrt(ss) : ss;
		}
		if (!(ss <= max))
			max = ss;			/* NaN sticks */
	}
	return max;
}

static MtStatus
scan_range(KnnThread *th)
{
	const MtKnnProblem *p = th->p;
	size_t		elem = mt_dtype_size(p->dtype);

	for (int q = 0; q < p->nq; q++)
		th->heap_count[q] = 0;
	th->xnorm_max = 0;
	for (int64_t x0 = th->lo; x0 < th->hi; x0 += CORPUS_BLOCK)
	{
		int			nb = (int) (th->hi - x0 < CORPUS_BLOCK ? th->hi - x0 : CORPUS_BLOCK);
		double		m;

		if (atomic_load_explicit(th->share.stop, memory_order_relaxed))
			return MT_ERR_CANCELED;
		if (th->share.caller && th->share.poll != NULL && x0 > th->lo &&
			th->share.poll(th->share.poll_arg))
		{
			atomic_store(th->share.stop, true);
			return MT_ERR_CANCELED;
		}
		m = block_aux(p, x0, nb, th->xaux);
		if (!(m <= th->xnorm_max))
			th->xnorm_max = m;
		for (int q0 = 0; q0 < p->nq; q0 += QUERY_BLOCK)
		{
			int			mq = p->nq - q0 < QUERY_BLOCK ? p->nq - q0 : QUERY_BLOCK;

			mt_kernels.gemm(p->dtype, false, true, false, mq, nb, p->dims,
							(const char *) p->queries + (size_t) q0 * p->dims * elem, p->dims,
							(const char *) p->corpus + (size_t) x0 * p->dims * elem, p->dims,
							th->dots, nb);
			for (int i = 0; i < mq; i++)
			{
				int			q = q0 + i;
				double	   *key = th->heap_key + (size_t) q * th->kc;
				int64_t    *row = th->heap_row + (size_t) q * th->kc;

				if (p->dtype == MT_FLOAT32)
				{
					float	   *s = (float *) th->dots + (size_t) i * nb;

					block_keys_f32(p->metric, s, th->xaux, nb);
					scan_row_f32(s, nb, x0, key, row, &th->heap_count[q], th->kc, p);
				}
				else
				{
					double	   *s = (double *) th->dots + (size_t) i * nb;

					block_keys_f64(p->metric, s, th->xaux, nb);
					scan_row_f64(s, nb, x0, key, row, &th->heap_count[q], th->kc, p);
				}
			}
		}
	}
	return MT_OK;
}

static void *
scan_thread(void *arg)
{
	KnnThread  *th = arg;

	th->share.status = scan_range(th);
	return NULL;
}

static inline KnnShare *
share_at(void *parts, size_t part_size, int t)
{
	return (KnnShare *) ((char *) parts + (size_t) t * part_size);
}

/*
 * Runs the nparts shares of one scan: parts is an array of nparts structs
 * of part_size bytes, each starting with its KnnShare, and body(part)
 * scans one share and sets its status.  Share 0 runs here and polls for
 * cancels, the others on helper threads; a share whose thread did not
 * start runs here afterwards.  Returns the first share's error, or MT_OK.
 */
static MtStatus
run_shares(void *(*body) (void *), void *parts, size_t part_size, int nparts,
		   MtPollFn poll, void *poll_arg)
{
	pthread_t	tid[MAX_KNN_THREADS];
	bool		started[MAX_KNN_THREADS];
	KnnShare   *first = parts;
	atomic_bool stop;
	MtStatus	status = MT_OK;

	atomic_init(&stop, false);
	for (int t = 0; t < nparts; t++)
	{
		KnnShare   *s = share_at(parts, part_size, t);

		s->caller = t == 0;
		s->poll = poll;
		s->poll_arg = poll_arg;
		s->stop = &stop;
		s->status = MT_OK;
		started[t] = false;
	}
	/* helper threads take no signals: the backend's handlers are not theirs */
	if (nparts > 1)
	{
		sigset_t	all,
					old;

		sigfillset(&all);
		pthread_sigmask(SIG_SETMASK, &all, &old);
		for (int t = 1; t < nparts; t++)
			started[t] = pthread_create(&tid[t], NULL, body, share_at(parts, part_size, t)) == 0;
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	}
	body(first);
	/* a share whose thread could not start is scanned here */
	for (int t = 1; t < nparts; t++)
	{
		KnnShare   *s = share_at(parts, part_size, t);

		if (started[t])
			pthread_join(tid[t], NULL);
		else if (first->status == MT_OK)
		{
			s->caller = true;
			body(s);
		}
	}
	for (int t = 0; t < nparts && status == MT_OK; t++)
		status = share_at(parts, part_size, t)->status;
	return status;
}

/* ---- exact distances (the loops of distance.h) ---- */

/* the distance of a metric from its sums */
static inline double
distance_from_sums(MtMetric metric, double acc, double na, double nb)
{
	double		sim;

	switch (metric)
	{
		case MT_METRIC_L2:
			return sqrt(acc);
		case MT_METRIC_L2_SQUARED:
			return acc;
		case MT_METRIC_INNER_PRODUCT:
			return -acc + 0.0;	/* never -0 */
		default:
			if (na == 0 || nb == 0)
				return NAN;
			sim = acc / sqrt(na * nb);
			/* rounding may step outside [-1, 1] */
			if (sim > 1)
				sim = 1;
			else if (sim < -1)
				sim = -1;
			return 1 - sim;
	}
}

double
mt_vector_distance(MtDtype dtype, MtMetric metric, int dims, const void *a, const void *b)
{
	double		s[3] = {0, 0, 0};

	switch (metric)
	{
		case MT_METRIC_L2:
		case MT_METRIC_L2_SQUARED:
			s[0] = dtype == MT_FLOAT32 ? mt_distance.l2sq_f32(a, b, dims)
				: mt_distance.l2sq_f64(a, b, dims);
			break;
		case MT_METRIC_INNER_PRODUCT:
			s[0] = dtype == MT_FLOAT32 ? mt_distance.dot_f32(a, b, dims)
				: mt_distance.dot_f64(a, b, dims);
			break;
		default:
			if (dtype == MT_FLOAT32)
				mt_distance.cos_f32(a, b, dims, s);
			else
				mt_distance.cos_f64(a, b, dims, s);
			break;
	}
	return distance_from_sums(metric, s[0], s[1], s[2]);
}

#define DEFINE_NORMALIZE(NAME, T) \
static void \
NAME(const T *src, T *dst, int64_t nrows, int64_t dims) \
{ \
	for (int64_t r = 0; r < nrows; r++) \
	{ \
		const T    *x = src + r * dims; \
		T		   *y = dst + r * dims; \
		double		ss = 0; \
		for (int64_t i = 0; i < dims; i++) \
			ss += (double) x[i] * x[i]; \
		for (int64_t i = 0; i < dims; i++) \
			y[i] = ss > 0 ? (T) (x[i] / sqrt(ss)) : x[i]; \
	} \
}

DEFINE_NORMALIZE(normalize_f32, float)
DEFINE_NORMALIZE(normalize_f64, double)

void
mt_l2_normalize_rows(MtDtype dtype, const void *src, void *dst, int64_t nrows, int64_t dims)
{
	if (dtype == MT_FLOAT32)
		normalize_f32(src, dst, nrows, dims);
	else
		normalize_f64(src, dst, nrows, dims);
}

static double
exact_distance(const MtKnnProblem *p, int q, int64_t r)
{
	size_t		elem = mt_dtype_size(p->dtype);

	return mt_vector_distance(p->dtype, p->metric, p->dims,
							  (const char *) p->queries + (size_t) q * p->dims * elem,
							  (const char *) p->corpus + (size_t) r * p->dims * elem);
}

/* the distance a ranking key stands for, for a query with ||q||^2 = qn */
static double
key_distance(MtMetric metric, double key, double qn)
{
	switch (metric)
	{
		case MT_METRIC_L2:
			return qn + key > 0 ? sqrt(qn + key) : 0;
		case MT_METRIC_L2_SQUARED:
			return qn + key > 0 ? qn + key : 0;
		case MT_METRIC_INNER_PRODUCT:
			return key;
		default:
			return 1 + key / sqrt(qn);
	}
}

/*
 * A bound on |computed key - exact key| for a query with ||q||^2 = qn over
 * rows with ||x||^2 <= xn_max: the dot product of dims terms in dtype is off
 * by at most gamma(dims) sum |q_i x_i| <= gamma(dims) (qn + xn) / 2, and
 * the few further roundings are covered by the extra terms and factor 4.
 * Infinite when the computation may have overflowed.
 */
static double
key_error_bound(const MtKnnProblem *p, double qn, double xn_max)
{
	double		u = p->dtype == MT_FLOAT32 ? 0x1p-24 : 0x1p-53;
	double		limit = p->dtype == MT_FLOAT32 ? 1e36 : 1e300;
	double		nu = (p->dims + 4) * u;
	double		gamma = nu / (1 - nu);

	if (!(qn < limit) || !(xn_max < limit))
		return INFINITY;
	if (p->metric == MT_METRIC_COSINE)
		return 4 * gamma * sqrt(qn);
	return 4 * gamma * (qn + xn_max);
}

/* query q's k nearest rows by a direct float64 scan, into cand[0..n) */
static int
direct_scan(const MtKnnProblem *p, int q, MtNeighborPair *cand)
{
	int			n = 0;

	for (int64_t r = 0; r < p->nx; r++)
	{
		MtNeighborPair c = {exact_distance(p, q, r), row_id(p, r)};
		int			i;

		if (n == p->k && !mt_neighbor_before(c.distance, c.id, cand[n - 1].distance, cand[n - 1].id))
			continue;
		/* insertion into the sorted prefix; k is small next to nx */
		i = n < p->k ? n++ : n - 1;
		while (i > 0 && mt_neighbor_before(c.distance, c.id, cand[i - 1].distance, cand[i - 1].id))
		{
			cand[i] = cand[i - 1];
			i--;
		}
		cand[i] = c;
	}
	return n;
}

/* merges cand[0..n), sorted, into best's list of query q */
static void
merge_into_best(MtNeighbors *best, int q, const MtNeighborPair *cand, int n,
				MtNeighborPair *tmp)
{
	int			k = best->k;
	double	   *bd = best->distance + (size_t) q * k;
	int64_t    *bi = best->id + (size_t) q * k;
	int			have = best->count[q],
				i = 0,
				j = 0,
				out = 0;

	while (out < k && (i < have || j < n))
	{
		if (j >= n || (i < have && mt_neighbor_before(bd[i], bi[i], cand[j].distance, cand[j].id)))
		{
			tmp[out].distance = bd[i];
			tmp[out++].id = bi[i++];
		}
		else
			tmp[out++] = cand[j++];
	}
	for (int o = 0; o < out; o++)
	{
		bd[o] = tmp[o].distance;
		bi[o] = tmp[o].id;
	}
	best->count[q] = out;
}

/* where one part's candidates were cut: enough to know what it turned away */
typedef struct KnnCut
{
	int32_t		count;			/* candidates kept */
	int			kc;				/* room it had */
	int64_t		seen;			/* rows it scanned */
	double		top;			/* its largest kept key (when count = kc) */
	double		xnorm_max;		/* largest ||x||^2 of its rows */
} KnnCut;

/*
 * Finishes query q from its n candidates (exact distances already in cand)
 * and the cuts of the parts that found them: sorts them, makes sure no row
 * a part turned away could rank among the first k (else scans directly),
 * and merges the k first into best.
 */
static void
finish_candidates(const MtKnnProblem *p, int q, double qn, MtNeighborPair *cand,
				  int n, const KnnCut *cuts, int ncuts, MtNeighbors *best,
				  MtNeighborPair *tmp)
{
	bool		exact = true;

	mt_neighbor_pairs_sort(cand, n);
	if (n > p->k)
		n = p->k;

	/* could a row some part turned away rank among the first k? */
	for (int t = 0; t < ncuts && exact; t++)
	{
		double		bound,
					least;

		if (cuts[t].count < cuts[t].kc || cuts[t].seen <= cuts[t].kc)
			continue;			/* nothing was turned away */
		bound = key_error_bound(p, qn, cuts[t].xnorm_max);
		least = key_distance(p->metric, cuts[t].top - bound, qn);
		if (n == 0 || !(least > cand[n - 1].distance))
			exact = false;
	}
	if (!exact)
		n = direct_scan(p, q, cand);

	merge_into_best(best, q, cand, n, tmp);
}

/* ||q||^2 of query q, in float64 */
static double
query_norm(const MtKnnProblem *p, int q)
{
	if (p->dtype == MT_FLOAT32)
		return mt_distance.sumsq_f32((const float *) p->queries + (size_t) q * p->dims, p->dims);
	return mt_distance.sumsq_f64((const double *) p->queries + (size_t) q * p->dims, p->dims);
}

/* re-ranks query q's candidates of every thread and merges them into best */
static void
finish_query(const MtKnnProblem *p, KnnThread *th, int nthreads, int q,
			 MtNeighborPair *cand, MtNeighbors *best)
{
	KnnCut		cuts[MAX_KNN_THREADS];
	int			n = 0;

	for (int t = 0; t < nthreads; t++)
	{
		const int64_t *row = th[t].heap_row + (size_t) q * th[t].kc;

		for (int i = 0; i < th[t].heap_count[q]; i++)
		{
			cand[n].distance = exact_distance(p, q, row[i]);
			cand[n++].id = row_id(p, row[i]);
		}
		cuts[t].count = th[t].heap_count[q];
		cuts[t].kc = th[t].kc;
		cuts[t].seen = th[t].hi - th[t].lo;
		cuts[t].top = th[t].heap_key[(size_t) q * th[t].kc];
		cuts[t].xnorm_max = th[t].xnorm_max;
	}
	finish_candidates(p, q, query_norm(p, q), cand, n, cuts, nthreads, best,
					  cand + candidate_room(p->k, nthreads));
}

MtStatus
mt_knn_search(const MtKnnProblem *p, MtNeighbors *best, void *scratch,
			  MtPollFn poll, void *poll_arg)
{
	int			nthreads = threads_used(p);
	KnnThread	th[MAX_KNN_THREADS];
	MtNeighborPair *cand;
	MtStatus	status;

	if (p->nq == 0 || p->nx == 0)
		return MT_OK;
	layout_scratch(p, nthreads, scratch, th, &cand);
	for (int t = 0; t < nthreads; t++)
	{
		th[t].p = p;
		th[t].lo = p->nx * t / nthreads;
		th[t].hi = p->nx * (t + 1) / nthreads;
		th[t].kc = candidate_count(p->k);
	}
	status = run_shares(scan_thread, th, sizeof(KnnThread), nthreads, poll, poll_arg);
	if (status != MT_OK)
		return status;

	for (int q = 0; q < p->nq; q++)
	{
		if (poll != NULL && (q & 255) == 255 && poll(poll_arg))
			return MT_ERR_CANCELED;
		finish_query(p, th, nthreads, q, cand, best);
	}
	return MT_OK;
}

int
mt_knn_candidate_count(int k)
{
	return candidate_count(k);
}

size_t
mt_knn_finish_scratch_bytes(const MtKnnProblem *p, int nparts, int kc)
{
	size_t		room;

	if (p->k < 1 || kc < 1 || nparts < 1 || nparts > MAX_KNN_THREADS)
		return 0;
	room = (size_t) nparts * kc;
	if (room < (size_t) p->k)
		room = p->k;
	return sizeof(MtNeighborPair) * (room + (size_t) p->k);
}

MtStatus
mt_knn_finish(const MtKnnProblem *p, const MtKnnCandidates *c, MtNeighbors *best,
			  void *scratch, MtPollFn poll, void *poll_arg)
{
	MtNeighborPair *cand = scratch;
	size_t		room = (size_t) c->nparts * c->kc;
	KnnCut		cuts[MAX_KNN_THREADS];

	if (c->nparts < 1 || c->nparts > MAX_KNN_THREADS || c->kc < 1)
		return MT_ERR_SHAPE;
	if (room < (size_t) p->k)
		room = p->k;
	for (int q = 0; q < p->nq; q++)
	{
		int			n = 0;

		if (poll != NULL && (q & 255) == 255 && poll(poll_arg))
			return MT_ERR_CANCELED;
		for (int t = 0; t < c->nparts; t++)
		{
			size_t		at = (size_t) t * p->nq + q;
			const int64_t *row = c->row + at * c->kc;
			int32_t		count = c->count[at];

			/* rows come from another module: never trust them blindly */
			if (count < 0 || count > c->kc)
				return MT_ERR_SHAPE;
			for (int i = 0; i < count; i++)
			{
				if (row[i] < 0 || row[i] >= p->nx)
					return MT_ERR_SHAPE;
				cand[n].distance = exact_distance(p, q, row[i]);
				cand[n++].id = row_id(p, row[i]);
			}
			cuts[t].count = count;
			cuts[t].kc = c->kc;
			cuts[t].seen = c->seen[t];
			cuts[t].top = c->top[at];
			cuts[t].xnorm_max = c->xnorm_max;
		}
		finish_candidates(p, q, query_norm(p, q), cand, n, cuts, c->nparts, best,
						  cand + room);
	}
	return MT_OK;
}

/* ---- the direct search ---- */

void
mt_topk_push(MtTopK *t, double distance, int64_t id)
{
	MtNeighborPair *h = t->heap;
	int			i;

	if (t->count < t->k)
	{
		/* sift up from the new leaf */
		i = t->count++;
		while (i > 0)
		{
			int			parent = (i - 1) / 2;

			if (!mt_neighbor_before(h[parent].distance, h[parent].id, distance, id))
				break;
			h[i] = h[parent];
			i = parent;
		}
	}
	else
	{
		/* replace the worst, sift down */
		int			n = t->count;

		i = 0;
		for (;;)
		{
			int			c = 2 * i + 1;

			if (c >= n)
				break;
			if (c + 1 < n && mt_neighbor_before(h[c].distance, h[c].id,
												h[c + 1].distance, h[c + 1].id))
				c++;
			if (!mt_neighbor_before(distance, id, h[c].distance, h[c].id))
				break;
			h[i] = h[c];
			i = c;
		}
	}
	h[i].distance = distance;
	h[i].id = id;
}

void
mt_topk_merge(MtTopK *t, MtNeighbors *best, int q, MtNeighborPair *tmp)
{
	mt_neighbor_pairs_sort(t->heap, (size_t) t->count);
	merge_into_best(best, q, t->heap, t->count, tmp);
	t->count = 0;
}

/* rows between polls, and the fewest rows worth a thread of their own */
#define DIRECT_POLL_ROWS 4096
#define DIRECT_THREAD_ROWS 65536

/* one thread's share of a direct search */
typedef struct DirectPart
{
	KnnShare	share;			/* first */
	const MtKnnProblem *p;
	MtDtype		corpus_dtype;
	int64_t		lo;				/* corpus rows [lo, hi) */
	int64_t		hi;
	double	   *wide;			/* one widened row */
	MtTopK	   *tops;			/* nq lists of k */
} DirectPart;

static int
direct_threads(const MtKnnProblem *p)
{
	return threads_for(p->threads, p->nx / DIRECT_THREAD_ROWS);
}

/* bytes of one part's scratch: a widened row, nq lists of k, nq heads */
static size_t
direct_part_bytes(const MtKnnProblem *p)
{
	return ALIGN64(sizeof(double) * (size_t) p->dims) +
		ALIGN64(sizeof(MtNeighborPair) * (size_t) p->nq * p->k) +
		ALIGN64(sizeof(MtTopK) * (size_t) p->nq);
}

size_t
mt_knn_direct_scratch_bytes(const MtKnnProblem *p)
{
	int			nthreads = direct_threads(p);

	if (p->nq < 0 || p->k < 1 || p->dims < 1 ||
		((uint64_t) p->nq + 1) * (uint64_t) p->k > SIZE_MAX / 64 / sizeof(MtNeighborPair) / MAX_KNN_THREADS)
		return 0;
	return ALIGN64(sizeof(MtNeighborPair) * (size_t) p->k) + direct_part_bytes(p) * nthreads;
}

static MtStatus
direct_range(DirectPart *d)
{
	const MtKnnProblem *p = d->p;
	size_t		elem = mt_dtype_size(p->dtype);
	size_t		row_bytes = (size_t) p->dims * mt_dtype_size(d->corpus_dtype);
	bool		widen = d->corpus_dtype != p->dtype;

	for (int64_t r = d->lo; r < d->hi; r++)
	{
		const void *x = (const char *) p->corpus + (size_t) r * row_bytes;
		int64_t		id = row_id(p, r);

		if (r > d->lo && (r - d->lo) % DIRECT_POLL_ROWS == 0)
		{
			if (atomic_load_explicit(d->share.stop, memory_order_relaxed))
				return MT_ERR_CANCELED;
			if (d->share.caller && d->share.poll != NULL && d->share.poll(d->share.poll_arg))
			{
				atomic_store(d->share.stop, true);
				return MT_ERR_CANCELED;
			}
		}
		if (widen)
		{
			for (int c = 0; c < p->dims; c++)
				d->wide[c] = ((const float *) x)[c];
			x = d->wide;
		}
		for (int q = 0; q < p->nq; q++)
			mt_topk_offer(&d->tops[q], mt_vector_distance(p->dtype, p->metric, p->dims,
														  (const char *) p->queries + (size_t) q * p->dims * elem,
														  x),
						  id);
	}
	return MT_OK;
}

static void *
direct_thread(void *arg)
{
	DirectPart *d = arg;

	d->share.status = direct_range(d);
	return NULL;
}

MtStatus
mt_knn_direct(const MtKnnProblem *p, MtDtype corpus_dtype, MtNeighbors *best,
			  void *scratch, MtPollFn poll, void *poll_arg)
{
	int			nthreads = direct_threads(p);
	DirectPart	part[MAX_KNN_THREADS];
	MtNeighborPair *tmp = scratch;
	char	   *at = (char *) scratch + ALIGN64(sizeof(MtNeighborPair) * (size_t) p->k);
	MtStatus	status;

	if (p->nq == 0 || p->nx == 0)
		return MT_OK;
	if (corpus_dtype != p->dtype && !(corpus_dtype == MT_FLOAT32 && p->dtype == MT_FLOAT64))
		return MT_ERR_SHAPE;
	for (int t = 0; t < nthreads; t++)
	{
		MtNeighborPair *pairs;

		part[t].p = p;
		part[t].corpus_dtype = corpus_dtype;
		part[t].lo = p->nx * t / nthreads;
		part[t].hi = p->nx * (t + 1) / nthreads;
		part[t].wide = (double *) at;
		pairs = (MtNeighborPair *) (at + ALIGN64(sizeof(double) * (size_t) p->dims));
		part[t].tops = (MtTopK *) ((char *) pairs + ALIGN64(sizeof(MtNeighborPair) * (size_t) p->nq * p->k));
		for (int q = 0; q < p->nq; q++)
			mt_topk_init(&part[t].tops[q], p->k, pairs + (size_t) q * p->k);
		at += direct_part_bytes(p);
	}
	status = run_shares(direct_thread, part, sizeof(DirectPart), nthreads, poll, poll_arg);
	if (status != MT_OK)
		return status;
	for (int q = 0; q < p->nq; q++)
		for (int t = 0; t < nthreads; t++)
			mt_topk_merge(&part[t].tops[q], best, q, tmp);
	return MT_OK;
}

void
mt_neighbors_clear(MtNeighbors *nb)
{
	for (int q = 0; q < nb->nq; q++)
		nb->count[q] = 0;
}

void
mt_neighbors_merge(MtNeighbors *into, const MtNeighbors *from,
				   double *tmp_distance, int64_t *tmp_id)
{
	int			k = into->k;

	for (int q = 0; q < into->nq; q++)
	{
		double	   *ad = into->distance + (size_t) q * k;
		int64_t    *ai = into->id + (size_t) q * k;
		const double *bd = from->distance + (size_t) q * from->k;
		const int64_t *bi = from->id + (size_t) q * from->k;
		int			na = into->count[q],
					nb = from->count[q],
					i = 0,
					j = 0,
					out = 0;

		while (out < k && (i < na || j < nb))
		{
			if (j >= nb || (i < na && mt_neighbor_before(ad[i], ai[i], bd[j], bi[j])))
			{
				tmp_distance[out] = ad[i];
				tmp_id[out++] = ai[i++];
			}
			else
			{
				tmp_distance[out] = bd[j];
				tmp_id[out++] = bi[j++];
			}
		}
		memcpy(ad, tmp_distance, sizeof(double) * out);
		memcpy(ai, tmp_id, sizeof(int64_t) * out);
		into->count[q] = out;
	}
}
