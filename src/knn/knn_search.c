/*
 * knn_search.c
 *	  One exact k-NN search on the device the caller's mode picks.  On the
 *	  GPU, marsql_gpu.so returns each query's candidates (the rows of the
 *	  smallest ranking keys, per part of the corpus) and mt_knn_finish
 *	  re-ranks them in float64 here, as the CPU search does with its own
 *	  candidates: both devices give the same neighbours and distances.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "device/device.h"
#include "guc.h"
#include "knn/knn.h"

/* thread blocks the device gets per search: parts x queries */
#define GPU_SELECT_BLOCKS 1024
#define GPU_MAX_PARTS 64

static bool
search_on_gpu(const MtKnnProblem *p, MtNeighbors *best, DeviceMode device)
{
	int			kc = mt_knn_candidate_count(p->k);
	int			parts = Min(GPU_MAX_PARTS, Max(1, (GPU_SELECT_BLOCKS + p->nq - 1) / Max(p->nq, 1)));
	Size		states = (Size) parts * p->nq;
	MgKnnProblem gp;
	MgKnnCandidates out;
	MgCall		call;
	const MgApi *api = device_gpu(&call);
	MtKnnCandidates c;
	void	   *scratch;
	bool		done;

	if (kc > MG_KNN_MAX_CANDIDATES)
	{
		int			k_max = p->k;

		if (device != DEVICE_GPU)
			return false;
		while (mt_knn_candidate_count(k_max) > MG_KNN_MAX_CANDIDATES)
			k_max--;
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("k-NN on the GPU takes k up to %d, not %d", k_max, p->k),
				 errhint("Run it on the CPU with device => 'cpu' or marsql.device = auto.")));
	}
	gp.elem = (int) mt_dtype_size(p->dtype);
	gp.metric = (int) p->metric;
	gp.dims = p->dims;
	gp.nq = p->nq;
	gp.queries = p->queries;
	gp.nx = p->nx;
	gp.corpus = p->corpus;
	gp.kc = kc;
	gp.parts = parts;
	out.count = palloc(sizeof(int32) * states);
	out.row = palloc_extended(sizeof(int64) * states * kc, MCXT_ALLOC_HUGE);
	out.top = palloc(sizeof(double) * states);
	out.seen = palloc(sizeof(int64) * parts);
	done = device_gpu_check(api->knn(&call, &gp, &out), &call, device, "a k-NN search");
	if (done)
	{
		MtStatus	status;

		c.nparts = parts;
		c.kc = kc;
		c.count = out.count;
		c.row = out.row;
		c.top = out.top;
		c.seen = out.seen;
		c.xnorm_max = out.xnorm_max;
		scratch = palloc_extended(mt_knn_finish_scratch_bytes(p, parts, kc), MCXT_ALLOC_HUGE);
		status = mt_knn_finish(p, &c, best, scratch, tensor_poll_interrupts, NULL);
		if (status == MT_ERR_SHAPE)
			elog(ERROR, "the GPU module returned k-NN candidates outside the corpus");
		tensor_check_status(status, NULL);
		pfree(scratch);
	}
	pfree(out.count);
	pfree(out.row);
	pfree(out.top);
	pfree(out.seen);
	return done;
}

void
knn_search(const MtKnnProblem *p, MtNeighbors *best, DeviceMode device, bool quiet)
{
	if (p->nq == 0 || p->nx == 0)
		return;
	if (device_use_gpu(device, device_knn_worth_it(p->nq, p->nx, p->dims, p->k), quiet) &&
		search_on_gpu(p, best, device))
		return;
	(void) tensor_kernels();
	mt_blas_set_threads(mt_blas_loaded(), 1);
	tensor_check_status(mt_knn_search(p, best, knn_scratch(p), tensor_poll_interrupts, NULL),
						NULL);
}
