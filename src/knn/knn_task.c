/*
 * knn_task.c
 *	  The "marsql knn" task kind: every query of the payload against the
 *	  corpus rows it carries, by value (workers cannot see the caller's
 *	  uncommitted rows or temporary tables).  Its result is the queries'
 *	  neighbour lists with global ids, which the caller merges.
 *
 *	  Payload: KnnTaskHeader, queries (nq x dims), rows (nx x dims), then
 *	  nx int64 ids when has_ids; each part starts 8-aligned.
 *	  Result: int32 nq, int32 k, int32 count[nq] (padded to 8), then
 *	  float8 distance[nq * k] and int64 id[nq * k].  A task's k is the
 *	  search's clamped to the rows it scored (knn_task_k), so a result
 *	  never holds more room than its tile has rows; merging takes lists of
 *	  any width.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "postmaster/bgworker.h"

#include "engine/engine.h"
#include "guc.h"
#include "kernels/dispatch.h"
#include "knn/knn.h"

int			knn_task_kind = -1;

static Size
vectors_bytes(const KnnTaskHeader *h, int64 rows)
{
	return MAXALIGN((Size) rows * h->dims * mt_dtype_size(h->dtype));
}

Size
knn_payload_bytes(const KnnTaskHeader *h)
{
	return MAXALIGN(sizeof(KnnTaskHeader)) + vectors_bytes(h, h->nq)
		+ vectors_bytes(h, h->nx) + (h->has_ids ? sizeof(int64) * h->nx : 0);
}

Size
knn_result_bytes(int nq, int k)
{
	return 8 + MAXALIGN(sizeof(int32) * nq) + (Size) nq * k * (sizeof(double) + sizeof(int64));
}

int
knn_task_k(int k, int64 nx)
{
	return Max(knn_k_clamp(k, nx), 1);
}

/* 54000 unless a result of nq lists of k fits after len bytes */
static void
check_result_size(int nq, int k, int len)
{
	if (knn_result_bytes(nq, k) >= MaxAllocSize - (Size) len)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("k-NN with k = %d needs too much memory", k),
				 errdetail("The neighbour lists of %d queries would exceed 1 GB.", nq),
				 errhint("Use a smaller k.")));
}

void
knn_payload_write(char *dest, const KnnTaskHeader *h, const void *queries,
				  const void *rows, const int64 *ids)
{
	Size		elem = mt_dtype_size(h->dtype);
	char	   *p = dest;

	memcpy(p, h, sizeof(KnnTaskHeader));
	p += MAXALIGN(sizeof(KnnTaskHeader));
	memcpy(p, queries, (Size) h->nq * h->dims * elem);
	p += vectors_bytes(h, h->nq);
	memcpy(p, rows, (Size) h->nx * h->dims * elem);
	p += vectors_bytes(h, h->nx);
	if (h->has_ids)
		memcpy(p, ids, sizeof(int64) * h->nx);
}

static void
knn_task_run(const char *payload, int len, StringInfo result)
{
	KnnTaskHeader h;
	const char *p = payload;
	MtKnnProblem prob;
	MtNeighbors nb;
	Size		out_bytes;
	char	   *out;

	if ((Size) len < sizeof(KnnTaskHeader))
		engine_malformed_task("marsql knn task payload is too short");
	memcpy(&h, payload, sizeof(h));
	if ((h.dtype != MT_FLOAT32 && h.dtype != MT_FLOAT64) || h.dims < 1 || h.nq < 0 ||
		h.k < 1 || h.nx < 0 || h.threads < 1 || knn_payload_bytes(&h) != (Size) len)
		engine_malformed_task("marsql knn task payload is malformed");
	p += MAXALIGN(sizeof(KnnTaskHeader));
	prob.dtype = h.dtype;
	prob.metric = h.metric;
	prob.dims = h.dims;
	prob.nq = h.nq;
	prob.queries = p;
	p += vectors_bytes(&h, h.nq);
	prob.nx = h.nx;
	prob.corpus = p;
	p += vectors_bytes(&h, h.nx);
	prob.ids = h.has_ids ? (const int64_t *) p : NULL;
	prob.id_base = h.id_base;
	/* no list of this task holds more than its rows */
	prob.k = knn_task_k(h.k, h.nx);
	/* a worker shares the cores with the others; the caller has them all */
	prob.threads = IsBackgroundWorker ? h.threads : marsql_blas_threads;

	check_result_size(h.nq, prob.k, result->len);
	out_bytes = knn_result_bytes(h.nq, prob.k);
	enlargeStringInfo(result, (int) out_bytes);
	out = result->data + result->len;
	((int32 *) out)[0] = h.nq;
	((int32 *) out)[1] = prob.k;
	nb.nq = h.nq;
	nb.k = prob.k;
	nb.count = (int32_t *) (out + 8);
	nb.distance = (double *) (out + 8 + MAXALIGN(sizeof(int32) * h.nq));
	nb.id = (int64_t *) (nb.distance + (Size) h.nq * prob.k);
	mt_neighbors_clear(&nb);

	/* the GPU of whichever executor runs this, when it has one */
	knn_search(&prob, &nb, device_mode_from_task(h.device), true);
	result->len += (int) out_bytes;
	result->data[result->len] = '\0';
}

void
knn_result_append(StringInfo result, const MtNeighbors *nb)
{
	Size		bytes;
	Size		entries = (Size) nb->nq * nb->k;
	char	   *out;

	check_result_size(nb->nq, nb->k, result->len);
	bytes = knn_result_bytes(nb->nq, nb->k);
	enlargeStringInfo(result, (int) bytes);
	out = result->data + result->len;
	memset(out, 0, bytes);
	((int32 *) out)[0] = nb->nq;
	((int32 *) out)[1] = nb->k;
	memcpy(out + 8, nb->count, sizeof(int32) * nb->nq);
	out += 8 + MAXALIGN(sizeof(int32) * nb->nq);
	memcpy(out, nb->distance, sizeof(double) * entries);
	memcpy(out + sizeof(double) * entries, nb->id, sizeof(int64) * entries);
	result->len += (int) bytes;
	result->data[result->len] = '\0';
}

void
knn_result_merge(MtNeighbors *best, const char *result, int len)
{
	MtNeighbors from;
	int			nq,
				k;
	double	   *tmp_d;
	int64	   *tmp_i;

	if (len < 8)
		elog(ERROR, "marsql knn task result is too short");
	memcpy(&nq, result, sizeof(int32));
	memcpy(&k, result + 4, sizeof(int32));
	if (nq != best->nq || k < 1 || (Size) len != knn_result_bytes(nq, k))
		elog(ERROR, "marsql knn task result does not match its task");
	if ((uintptr_t) result % sizeof(double) != 0)
	{
		char	   *aligned = palloc(len);

		memcpy(aligned, result, len);
		result = aligned;
	}
	from.nq = nq;
	from.k = k;
	from.count = (int32_t *) (result + 8);
	from.distance = (double *) (result + 8 + MAXALIGN(sizeof(int32) * nq));
	from.id = (int64_t *) (from.distance + (Size) nq * k);
	for (int q = 0; q < nq; q++)
		if (from.count[q] < 0 || from.count[q] > k)
			elog(ERROR, "marsql knn task result does not match its task");
	tmp_d = palloc(sizeof(double) * best->k);
	tmp_i = palloc(sizeof(int64) * best->k);
	mt_neighbors_merge(best, &from, tmp_d, tmp_i);
	pfree(tmp_d);
	pfree(tmp_i);
}

void
knn_task_register_kind(void)
{
	knn_task_kind = engine_register_kind("marsql knn", knn_task_run);
}
