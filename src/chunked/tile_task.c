/*
 * tile_task.c
 *	  Runs one tile task (see tile_task.h): reads the header and the input
 *	  blocks -- from the payload, or by reference from their storage
 *	  through tile_input.c -- calls the kernels, and writes the output
 *	  tensor's image and a trailer of its tile reads as the result.  The
 *	  same code runs in a background worker and, when none is free, in the
 *	  calling backend.  An output tile of detached storage is written by the
 *	  executor itself through tile_output.c, which also runs the task that
 *	  creates that storage.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "chunked/tile_input.h"
#include "chunked/tile_task.h"
#include "engine/engine.h"
#include "kernels/blas.h"
#include "kernels/elementwise.h"
#include "kernels/gemm.h"
#include "kernels/random.h"
#include "kernels/reduce.h"
#include "kernels/strided.h"
#include "tensor/retained_memory.h"
#include "tensor/tensor.h"

int			tile_task_kind = -1;

bool
tile_reduce_has_moments(int op)
{
	return op == MT_REDUCE_MEAN || op == MT_REDUCE_VAR || op == MT_REDUCE_STD;
}

static int64
tensor_count(const Tensor *t)
{
	int64		n = 1;

	for (int i = 0; i < t->ndim; i++)
		n *= t->dims[i];
	return n;
}

/*
 * The output tensor, appended to the result buffer and computed in place
 * (the engine's prefix keeps it 8-byte aligned).
 */
static Tensor *
result_tensor(StringInfo result, int ndim, const int64 *dims, MtDtype dtype)
{
	MtError		err;
	int64_t		count;
	size_t		bytes;
	Tensor	   *t;

	if (mt_shape_check(ndim, (const int64_t *) dims, dtype, &count, &bytes, &err) != MT_OK)
		tensor_report_error(&err, NULL);
	if (result->len % 8 != 0)
		elog(ERROR, "tile task result is not aligned");
	enlargeStringInfo(result, (int) bytes);
	t = (Tensor *) (result->data + result->len);
	memset(t, 0, MT_HEADER_BYTES(ndim));
	SET_VARSIZE(t, bytes);
	t->ndim = (uint8) ndim;
	t->dtype = (uint8) dtype;
	for (int i = 0; i < ndim; i++)
		t->dims[i] = (int32) dims[i];
	result->len += (int) bytes;
	return t;
}

static void
check(MtStatus status)
{
	tensor_check_status(status, NULL);
}

/*
 * C = A0 B0 + A1 B1 + ... over the input pairs (consecutive blocks along
 * the inner dimension, each usually a whole stored tile, so the calling
 * backend copies tiles as they are); a 1-D A is a row and a 1-D B a
 * column, as numpy's matmul promotes them.  The output takes the header's
 * shape.
 */
static void
run_gemm(const TileTaskHeader *h, Tensor **in, StringInfo result)
{
	Tensor	   *c;
	int			m = -1,
				n = -1;

	if (h->ninputs < 2 || h->ninputs % 2 != 0)
		engine_malformed_task("malformed gemm tile task");
	c = result_tensor(result, h->out_ndim, h->out_dims, (MtDtype) h->dtype);
	for (int p = 0; p < h->ninputs; p += 2)
	{
		Tensor	   *a = in[p],
				   *b = in[p + 1];
		int			k = a->ndim >= 1 ? a->dims[a->ndim - 1] : 0;

		if (a->ndim < 1 || a->ndim > 2 || b->ndim < 1 || b->ndim > 2 ||
			k != b->dims[0] || a->dtype != h->dtype || b->dtype != h->dtype ||
			(p > 0 && (m != (a->ndim == 2 ? a->dims[0] : 1) ||
					   n != (b->ndim == 2 ? b->dims[1] : 1))))
			engine_malformed_task("malformed gemm tile task");
		m = a->ndim == 2 ? a->dims[0] : 1;
		n = b->ndim == 2 ? b->dims[1] : 1;
		if (tensor_count(c) != (int64) m * n)
			engine_malformed_task("malformed gemm tile task");
		/* the GPU of whichever executor runs this, when it has one */
		device_gemm(tile_task_device(h), true, (MtDtype) h->dtype, m, n, k,
					TENSOR_DATA(a), TENSOR_DATA(b), TENSOR_DATA(c), p > 0, h->threads);
	}
}

/* in-place c = c op b, same shapes */
static void
fold_binary(MtBinaryOp op, Tensor *c, const Tensor *b)
{
	int64		dims[MT_MAX_DIMS];

	tensor_dims64(c, dims);
	check(mt_binary(op, (MtDtype) c->dtype, c->ndim, dims, c->ndim, c->dims,
					TENSOR_DATA(c), b->ndim, b->dims, TENSOR_DATA(b),
					TENSOR_DATA(c), tensor_poll_interrupts, NULL));
}

static void
run_sum(const TileTaskHeader *h, Tensor **in, StringInfo result)
{
	int64		dims[MT_MAX_DIMS];
	Tensor	   *c;

	tensor_dims64(in[0], dims);
	c = result_tensor(result, in[0]->ndim, dims, (MtDtype) h->dtype);
	memcpy(TENSOR_DATA(c), TENSOR_DATA(in[0]), VARSIZE(c) - MT_HEADER_BYTES(c->ndim));
	for (int i = 1; i < h->ninputs; i++)
	{
		if (VARSIZE(in[i]) != VARSIZE(c) || in[i]->dtype != c->dtype)
			engine_malformed_task("malformed sum tile task");
		fold_binary(MT_BINARY_ADD, c, in[i]);
	}
}

static void
run_binary(const TileTaskHeader *h, Tensor **in, StringInfo result)
{
	int			ndim = Max(in[0]->ndim, in[1]->ndim);
	int64		dims[MT_MAX_DIMS];
	Tensor	   *c;

	/* the broadcast shape, aligned from the right */
	for (int i = 0; i < ndim; i++)
	{
		int			ia = i - (ndim - in[0]->ndim),
					ib = i - (ndim - in[1]->ndim);
		int64		da = ia >= 0 ? in[0]->dims[ia] : 1,
					db = ib >= 0 ? in[1]->dims[ib] : 1;

		dims[i] = da == 1 ? db : da;
	}
	c = result_tensor(result, ndim, dims, (MtDtype) h->dtype);
	check(mt_binary((MtBinaryOp) h->code, (MtDtype) h->dtype, ndim, dims,
					in[0]->ndim, in[0]->dims, TENSOR_DATA(in[0]),
					in[1]->ndim, in[1]->dims, TENSOR_DATA(in[1]),
					TENSOR_DATA(c), tensor_poll_interrupts, NULL));
}

static void
run_unary(const TileTaskHeader *h, Tensor **in, StringInfo result)
{
	int64		dims[MT_MAX_DIMS];
	Tensor	   *c;

	tensor_dims64(in[0], dims);
	c = result_tensor(result, in[0]->ndim, dims, (MtDtype) h->dtype);
	check(mt_unary((MtUnaryOp) h->code, (MtDtype) h->dtype, TENSOR_DATA(in[0]),
				   TENSOR_DATA(c), tensor_count(in[0]), tensor_poll_interrupts, NULL));
}

/* ---------- reductions ---------- */

/* a reduction state in palloc'd memory: positions x (1 or 3) doubles */
typedef struct ReduceState
{
	int64		positions;
	double	   *v;				/* values, or count/mean/M2 planes */
} ReduceState;

static ReduceState
state_of_block(const TileTaskHeader *h, const Tensor *t)
{
	ReduceState s;
	int64		outer = 1,
				len = 1,
				inner = 1;
	double	   *work;
	int64	   *iwork;
	bool		moments = tile_reduce_has_moments(h->code);

	if (h->axis < 0)
		len = tensor_count(t);
	else
	{
		for (int i = 0; i < t->ndim; i++)
		{
			if (i < h->axis)
				outer *= t->dims[i];
			else if (i == h->axis)
				len = t->dims[i];
			else
				inner *= t->dims[i];
		}
	}
	s.positions = outer * inner;
	s.v = palloc(sizeof(double) * s.positions * (moments ? 3 : 1));
	work = palloc(sizeof(double) * 2 * Max(inner, 1));
	iwork = palloc(sizeof(int64) * Max(inner, 1));
	if (!moments)
		check(mt_reduce((MtReduceOp) h->code, (MtDtype) t->dtype, TENSOR_DATA(t),
						outer, len, inner, 0, s.v, MT_FLOAT64, work, iwork,
						tensor_poll_interrupts, NULL));
	else
	{
		double	   *count = s.v,
				   *mean = s.v + s.positions,
				   *m2 = s.v + 2 * s.positions;

		check(mt_reduce(MT_REDUCE_MEAN, (MtDtype) t->dtype, TENSOR_DATA(t),
						outer, len, inner, 0, mean, MT_FLOAT64, work, iwork,
						tensor_poll_interrupts, NULL));
		check(mt_reduce(MT_REDUCE_VAR, (MtDtype) t->dtype, TENSOR_DATA(t),
						outer, len, inner, 0, m2, MT_FLOAT64, work, iwork,
						tensor_poll_interrupts, NULL));
		for (int64 i = 0; i < s.positions; i++)
		{
			count[i] = (double) len;
			m2[i] *= (double) len;
		}
	}
	pfree(work);
	pfree(iwork);
	return s;
}

/* a state received from another task: a float64 tensor */
static ReduceState
state_of_tensor(const TileTaskHeader *h, Tensor *t)
{
	ReduceState s;

	if (t->dtype != MT_FLOAT64)
		engine_malformed_task("malformed reduction state");
	s.v = (double *) TENSOR_DATA(t);
	s.positions = tensor_count(t) / (tile_reduce_has_moments(h->code) ? 3 : 1);
	return s;
}

/* acc = acc (+) s */
static void
merge_state(int op, ReduceState *acc, const ReduceState *s)
{
	int64		n = acc->positions;

	if (s->positions != n)
		elog(ERROR, "reduction states of different sizes");
	for (int64 i = 0; i < n; i++)
	{
		double		a = acc->v[i],
					b = s->v[i];

		switch (op)
		{
			case MT_REDUCE_SUM:
				acc->v[i] = a + b;
				break;
			case MT_REDUCE_PROD:
				acc->v[i] = a * b;
				break;
			case MT_REDUCE_MIN:
				acc->v[i] = (isnan(a) || isnan(b)) ? NAN : (b < a ? b : a);
				break;
			case MT_REDUCE_MAX:
				acc->v[i] = (isnan(a) || isnan(b)) ? NAN : (b > a ? b : a);
				break;
			default:
				{
					/* Chan et al.: count, mean, M2 */
					double		na = acc->v[i],
								nb = s->v[i],
								ma = acc->v[n + i],
								mb = s->v[n + i],
								total = na + nb,
								delta = mb - ma;

					acc->v[i] = total;
					acc->v[n + i] = ma + delta * (nb / total);
					acc->v[2 * n + i] = acc->v[2 * n + i] + s->v[2 * n + i] +
						delta * delta * (na * nb / total);
				}
				break;
		}
		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
	}
}

static void
emit_state(const TileTaskHeader *h, const ReduceState *s, StringInfo result)
{
	bool		moments = tile_reduce_has_moments(h->code);

	if (h->flags & TILE_FLAG_FINAL)
	{
		Tensor	   *out = result_tensor(result, h->out_ndim, h->out_dims, (MtDtype) h->dtype);
		int64		n = s->positions;

		if (tensor_count(out) != n)
			elog(ERROR, "reduction result of the wrong size");
		for (int64 i = 0; i < n; i++)
		{
			double		v;

			if (!moments)
				v = s->v[i];
			else if (h->code == MT_REDUCE_MEAN)
				v = s->v[n + i];
			else
			{
				double		dof = s->v[i] - h->param;

				v = s->v[2 * n + i] / (dof > 0 ? dof : 0.0);
				if (h->code == MT_REDUCE_STD)
					v = sqrt(v);
			}
			if (out->dtype == MT_FLOAT32)
				((float *) TENSOR_DATA(out))[i] = (float) v;
			else
				((double *) TENSOR_DATA(out))[i] = v;
		}
	}
	else
	{
		int64		dims[2] = {moments ? 3 : 1, s->positions};
		Tensor	   *out = result_tensor(result, 2, dims, MT_FLOAT64);

		memcpy(TENSOR_DATA(out), s->v, sizeof(double) * dims[0] * dims[1]);
	}
}

static void
run_reduce(const TileTaskHeader *h, Tensor **in, StringInfo result)
{
	ReduceState acc;

	if (h->op == TILE_REDUCE)
	{
		acc = state_of_block(h, in[0]);
		for (int i = 1; i < h->ninputs; i++)
		{
			ReduceState s = state_of_block(h, in[i]);

			merge_state(h->code, &acc, &s);
			pfree(s.v);
		}
	}
	else
	{
		ReduceState first = state_of_tensor(h, in[0]);
		int			planes = tile_reduce_has_moments(h->code) ? 3 : 1;

		acc.positions = first.positions;
		acc.v = palloc(sizeof(double) * planes * acc.positions);
		memcpy(acc.v, first.v, sizeof(double) * planes * acc.positions);
		for (int i = 1; i < h->ninputs; i++)
		{
			ReduceState s = state_of_tensor(h, in[i]);

			merge_state(h->code, &acc, &s);
		}
	}
	emit_state(h, &acc, result);
}

static void
run_transpose(const TileTaskHeader *h, Tensor **in, StringInfo result)
{
	Tensor	   *a = in[0];
	int64		in_dims[MT_MAX_DIMS],
				in_strides[MT_MAX_DIMS],
				dims[MT_MAX_DIMS],
				strides[MT_MAX_DIMS];
	Tensor	   *c;

	tensor_dims64(a, in_dims);
	mt_contiguous_strides(a->ndim, (const int64_t *) in_dims, (int64_t *) in_strides);
	for (int i = 0; i < a->ndim; i++)
	{
		dims[i] = in_dims[h->perm[i]];
		strides[i] = in_strides[h->perm[i]];
	}
	c = result_tensor(result, a->ndim, dims, (MtDtype) a->dtype);
	mt_strided_copy(mt_dtype_size((MtDtype) a->dtype), a->ndim, (const int64_t *) dims,
					(const int64_t *) strides, TENSOR_DATA(a), TENSOR_DATA(c));
}

static void
run_generate(const TileTaskHeader *h, StringInfo result)
{
	Tensor	   *c = result_tensor(result, h->out_ndim, h->out_dims, (MtDtype) h->dtype);
	int64		n = tensor_count(c);
	MtRng		rng;

	switch ((TileFill) h->code)
	{
		case TILE_FILL_CONSTANT:
			if (h->dtype == MT_FLOAT32)
			{
				float		v = (float) h->param;

				for (int64 i = 0; i < n; i++)
					((float *) TENSOR_DATA(c))[i] = v;
			}
			else
			{
				for (int64 i = 0; i < n; i++)
					((double *) TENSOR_DATA(c))[i] = h->param;
			}
			break;
		case TILE_FILL_UNIFORM:
		case TILE_FILL_NORMAL:
			mt_rng_seed(&rng, h->seed);
			/* in slices, so that a cancel is seen within milliseconds */
			for (int64 done = 0; done < n; done += TENSOR_INTERRUPT_STRIDE)
			{
				int64		len = Min(TENSOR_INTERRUPT_STRIDE, n - done);

				CHECK_FOR_INTERRUPTS();
				if (h->code == TILE_FILL_UNIFORM)
				{
					if (h->dtype == MT_FLOAT32)
						mt_fill_uniform_f32(&rng, (float *) TENSOR_DATA(c) + done, len);
					else
						mt_fill_uniform_f64(&rng, (double *) TENSOR_DATA(c) + done, len);
				}
				else
				{
					if (h->dtype == MT_FLOAT32)
						mt_fill_normal_f32(&rng, (float *) TENSOR_DATA(c) + done, len);
					else
						mt_fill_normal_f64(&rng, (double *) TENSOR_DATA(c) + done, len);
				}
			}
			break;
		default:
			engine_malformed_task("unknown tile fill %d", h->code);
	}
}

/*
 * An input tile is a dense tensor whose header agrees with its size: a
 * payload from a peer's caller is not trusted to be what a leader built.
 */
static bool
input_is_whole(const Tensor *t, int bytes)
{
	MtError		err;
	int64_t		dims[MT_MAX_DIMS];
	int64_t		count;
	size_t		need;

	if (bytes < (int) offsetof(Tensor, dims) || t->ndim > MT_MAX_DIMS ||
		bytes < (int) MT_HEADER_BYTES(t->ndim) || tensor_is_csr(t) ||
		(t->dtype != MT_FLOAT32 && t->dtype != MT_FLOAT64))
		return false;
	for (int i = 0; i < t->ndim; i++)
		dims[i] = t->dims[i];
	return mt_shape_check(t->ndim, dims, (MtDtype) t->dtype, &count, &need, &err) == MT_OK &&
		need == (size_t) bytes;
}

static void
tile_task_run(const char *payload, int len, StringInfo result)
{
	TileTaskHeader h;
	Tensor	   *inputs[TILE_MAX_INPUTS];
	int			off = MAXALIGN(sizeof(TileTaskHeader));
	int			start;
	const char *read_context = NULL;
	int			read_context_bytes = 0;
	TileReadStats before = tile_read_stats;
	TileReadStats spent;
	TileTaskTrailer trailer;

	if (len < (int) sizeof(TileTaskHeader))
		engine_malformed_task("malformed tile task");
	/*
	 * The task's large buffers (its output in the result, the tuple a
	 * stored tile is written through) come back from the allocator, task
	 * after task, instead of fresh pages (marsql.retained_memory): an
	 * executor may allocate no tensor of its own before them.
	 */
	retained_memory_apply();
	memcpy(&h, payload, sizeof(TileTaskHeader));
	if (h.ninputs < 0 || h.ninputs > (int) lengthof(inputs) ||
		h.threads > MARSQL_MAX_BLAS_THREADS || h.out_ndim < 0 || h.out_ndim > MT_MAX_DIMS ||
		(h.flags & TILE_FLAG_OUTPUT_REF) != 0)
		engine_malformed_task("malformed tile task");
	if (((uintptr_t) payload & 7) != 0)
	{
		/* inputs must be aligned for float64 */
		char	   *copy = palloc(len);

		memcpy(copy, payload, len);
		payload = copy;
	}
	if (h.flags & TILE_FLAG_INPUT_REFS)
	{
		TileReadContext ctx;

		if (off + (int) sizeof(TileReadContext) > len)
			engine_malformed_task("malformed tile task");
		memcpy(&ctx, payload + off, sizeof(ctx));
		if (ctx.snapshot_bytes <= 0 || ctx.snapshot_bytes > len)
			engine_malformed_task("malformed tile task");
		read_context = payload + off;
		read_context_bytes = MAXALIGN(sizeof(TileReadContext)) + TYPEALIGN(8, ctx.snapshot_bytes);
		if (read_context_bytes > len - off)
			engine_malformed_task("malformed tile task");
		off += read_context_bytes;
	}
	for (int i = 0; i < h.ninputs; i++)
	{
		Tensor	   *t;

		if (tile_input_is_ref(&h, i))
		{
			if (read_context == NULL || off + (int) sizeof(TileInputRef) > len)
				engine_malformed_task("malformed tile task");
			inputs[i] = NULL;	/* read below */
			off += TYPEALIGN(8, sizeof(TileInputRef));
			continue;
		}
		if (off + (int) sizeof(int32) > len)
			engine_malformed_task("malformed tile task");
		t = (Tensor *) (payload + off);
		if ((int) VARSIZE(t) > len - off || !input_is_whole(t, (int) VARSIZE(t)))
			engine_malformed_task("malformed tile task");
		inputs[i] = t;
		off += TYPEALIGN(8, VARSIZE(t));
	}
	if (read_context != NULL)
	{
		/*
		 * The inputs by reference, as of the caller's snapshot.  Those
		 * another executor of the job is loading now come last: this one
		 * reads (and publishes) the others meanwhile, so two executors
		 * that start on the same tiles share the loads instead of one
		 * waiting for each of the other's.
		 */
		TileInputRef *refs = palloc(sizeof(TileInputRef) * Max(h.ninputs, 1));
		int			pending[TILE_MAX_INPUTS];
		int			npending = 0;

		off = MAXALIGN(sizeof(TileTaskHeader)) + read_context_bytes;
		for (int i = 0; i < h.ninputs; i++)
		{
			if (tile_input_is_ref(&h, i))
			{
				memcpy(&refs[i], payload + off, sizeof(TileInputRef));
				pending[npending++] = i;
				off += TYPEALIGN(8, sizeof(TileInputRef));
			}
			else
				off += TYPEALIGN(8, VARSIZE(inputs[i]));
		}
		tile_input_begin(read_context, read_context_bytes);
		while (npending > 0)
		{
			int			pick = 0;

			for (int p = 0; p < npending && npending > 1; p++)
			{
				if (!tile_input_would_wait(&refs[pending[p]]))
				{
					pick = p;
					break;
				}
			}
			inputs[pending[pick]] = tile_input_read(&refs[pending[pick]]);
			memmove(&pending[pick], &pending[pick + 1], sizeof(int) * (npending - pick - 1));
			npending--;
		}
		tile_input_end();
		pfree(refs);
	}

	if (h.op == TILE_CREATE)
	{
		if (h.ninputs != 0 || len < off)
			engine_malformed_task("malformed tile create task");
		tile_output_run_create(payload + off, len - off, result);
		return;
	}
	start = result->len;
	switch ((TileOp) h.op)
	{
		case TILE_GEMM:
			run_gemm(&h, inputs, result);
			break;
		case TILE_SUM:
			run_sum(&h, inputs, result);
			break;
		case TILE_BINARY:
			run_binary(&h, inputs, result);
			break;
		case TILE_UNARY:
			run_unary(&h, inputs, result);
			break;
		case TILE_REDUCE:
		case TILE_MERGE:
			run_reduce(&h, inputs, result);
			break;
		case TILE_TRANSPOSE:
			run_transpose(&h, inputs, result);
			break;
		case TILE_GENERATE:
			run_generate(&h, result);
			break;
		default:
			engine_malformed_task("unknown tile task %d", h.op);
	}

	/* a stored tile the executor writes itself: only the trailer goes back */
	if (OidIsValid(h.output.storage))
	{
		tile_output_write(&h.output, (Tensor *) (result->data + start));
		result->len = start;
		result->data[start] = '\0';
	}

	/* the trailer: this task's tile reads, after the padded output */
	tile_read_stats_delta(&before, &spent);
	memset(&trailer, 0, sizeof(trailer));
	trailer.magic = TILE_TRAILER_MAGIC;
	trailer.reads = spent.reads;
	trailer.hits = spent.hits;
	trailer.bytes = spent.bytes;
	trailer.seconds = spent.seconds;
	while (result->len % 8 != 0)
		appendStringInfoChar(result, '\0');
	appendBinaryStringInfo(result, (char *) &trailer, sizeof(trailer));
}

void
tile_task_register_kind(void)
{
	tile_task_kind = engine_register_kind("marsql tile", tile_task_run);
	engine_kind_set_idle(tile_task_kind, tile_cache_end_job);
}
