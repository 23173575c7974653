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
 *
 *	  Every dtype: the tasks run the dense functions' kernels in the dtype
 *	  their blocks arrive in, check that the header's result dtype is what
 *	  that kernel makes (a payload from a peer's caller is not trusted),
 *	  and round float32 to a float16 result once, at the end.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "chunked/tile_input.h"
#include "chunked/tile_task.h"
#include "engine/engine.h"
#include "kernels/blas.h"
#include "kernels/dtype_cast.h"
#include "kernels/elementwise.h"
#include "kernels/float16.h"
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

/* the dtype a product task computes in for a result of dtype: float16 in float32 */
static MtDtype
product_compute_dtype(const TileTaskHeader *h, MtDtype inputs)
{
	if (!(inputs == (MtDtype) h->dtype ||
		  (inputs == MT_FLOAT32 && h->dtype == MT_FLOAT16)))
		engine_malformed_task("malformed product tile task");
	return inputs;
}

/* out (float16) = the float32 data of src, as numpy's half loops store */
static void
narrow_into(Tensor *out, const Tensor *src)
{
	const float *s = (const float *) TENSOR_DATA(src);
	uint16	   *d = (uint16 *) TENSOR_DATA(out);
	int64		n = tensor_count(src);

	for (int64 i = 0; i < n; i++)
	{
		if ((i & (TENSOR_INTERRUPT_STRIDE - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		d[i] = mt_float_to_half(s[i]);
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

/*
 * C = A0 B0 + A1 B1 + ... over the input pairs (consecutive blocks along
 * the inner dimension, each usually a whole stored tile, so the calling
 * backend copies tiles as they are); a 1-D A is a row and a 1-D B a
 * column, as numpy's matmul promotes them.  The output takes the header's
 * shape.  As the dense matmul (tensor_matmul.c): float32 and float64 go
 * to the device's gemm, complex to BLAS's cgemm/zgemm on the CPU, bool
 * and integers to the exact wrapping loop; a float16 result is computed
 * from float32 blocks and rounded once, at the task that stores it.
 */
static void
run_gemm(const TileTaskHeader *h, Tensor **in, StringInfo result)
{
	Tensor	   *c;
	Tensor	   *k_out;
	Tensor	   *part = NULL;
	MtDtype		compute;
	int			m = -1,
				n = -1;

	if (h->ninputs < 2 || h->ninputs % 2 != 0)
		engine_malformed_task("malformed gemm tile task");
	compute = product_compute_dtype(h, (MtDtype) in[0]->dtype);
	c = result_tensor(result, h->out_ndim, h->out_dims, (MtDtype) h->dtype);
	k_out = compute == (MtDtype) h->dtype ? c : tensor_new_like(c, compute);
	for (int p = 0; p < h->ninputs; p += 2)
	{
		Tensor	   *a = in[p],
				   *b = in[p + 1];
		int			k = a->ndim >= 1 ? a->dims[a->ndim - 1] : 0;

		if (a->ndim < 1 || a->ndim > 2 || b->ndim < 1 || b->ndim > 2 ||
			k != b->dims[0] || a->dtype != compute || b->dtype != compute ||
			(p > 0 && (m != (a->ndim == 2 ? a->dims[0] : 1) ||
					   n != (b->ndim == 2 ? b->dims[1] : 1))))
			engine_malformed_task("malformed gemm tile task");
		m = a->ndim == 2 ? a->dims[0] : 1;
		n = b->ndim == 2 ? b->dims[1] : 1;
		if (tensor_count(c) != (int64) m * n)
			engine_malformed_task("malformed gemm tile task");
		if (compute == MT_FLOAT32 || compute == MT_FLOAT64)
		{
			/* the GPU of whichever executor runs this, when it has one */
			device_gemm(tile_task_device(h), true, compute, m, n, k,
						TENSOR_DATA(a), TENSOR_DATA(b), TENSOR_DATA(k_out), p > 0, h->threads);
		}
		else if (mt_dtype_is_complex(compute))
		{
			tensor_kernels();
			check(mt_gemm_panels(compute, m, n, k, TENSOR_DATA(a), TENSOR_DATA(b),
								 TENSOR_DATA(k_out), p > 0, h->threads,
								 tensor_poll_interrupts, NULL));
		}
		else if (mt_dtype_is_exact(compute))
		{
			/* exact and wrapping: partial products add up as one product */
			if (p == 0)
				check(mt_gemm_exact(compute, m, n, k, TENSOR_DATA(a), TENSOR_DATA(b),
									TENSOR_DATA(k_out), tensor_poll_interrupts, NULL));
			else
			{
				if (part == NULL)
					part = tensor_new_like(k_out, compute);
				check(mt_gemm_exact(compute, m, n, k, TENSOR_DATA(a), TENSOR_DATA(b),
									TENSOR_DATA(part), tensor_poll_interrupts, NULL));
				fold_binary(compute == MT_BOOL ? MT_BINARY_LOGICAL_OR : MT_BINARY_ADD,
							k_out, part);
			}
		}
		else
			engine_malformed_task("malformed gemm tile task");
	}
	if (k_out != c)
		narrow_into(c, k_out);
}

static void
run_sum(const TileTaskHeader *h, Tensor **in, StringInfo result)
{
	int64		dims[MT_MAX_DIMS];
	Tensor	   *c;
	Tensor	   *acc;
	MtDtype		compute = product_compute_dtype(h, (MtDtype) in[0]->dtype);

	tensor_dims64(in[0], dims);
	c = result_tensor(result, in[0]->ndim, dims, (MtDtype) h->dtype);
	acc = compute == (MtDtype) h->dtype ? c : tensor_new_uninit(in[0]->ndim, dims, compute);
	memcpy(TENSOR_DATA(acc), TENSOR_DATA(in[0]), VARSIZE(acc) - MT_HEADER_BYTES(acc->ndim));
	for (int i = 1; i < h->ninputs; i++)
	{
		if (VARSIZE(in[i]) != VARSIZE(acc) || in[i]->dtype != acc->dtype)
			engine_malformed_task("malformed sum tile task");
		fold_binary(compute == MT_BOOL ? MT_BINARY_LOGICAL_OR : MT_BINARY_ADD, acc, in[i]);
	}
	if (acc != c)
		narrow_into(c, acc);
}

/*
 * The kernel's output for an elementwise task whose blocks are of the
 * loop dtype and whose result is h->dtype: the loop's own result (bool
 * for predicates, real for abs of complex), float32 for a float16 result
 * (narrowed after).  A header that does not match the loop is malformed:
 * the kernels trust these sizes.
 */
static MtDtype
kernel_output(const TileTaskHeader *h, MtDtype loop, MtDtype expected_loop,
			  MtDtype loop_result)
{
	if (expected_loop != loop || loop == MT_DTYPE_INVALID ||
		!(loop_result == (MtDtype) h->dtype ||
		  (loop_result == MT_FLOAT32 && h->dtype == MT_FLOAT16)))
		engine_malformed_task("malformed elementwise tile task");
	return loop_result;
}

static void
run_binary(const TileTaskHeader *h, Tensor **in, StringInfo result)
{
	int			ndim = Max(in[0]->ndim, in[1]->ndim);
	int64		dims[MT_MAX_DIMS];
	Tensor	   *c;
	Tensor	   *k;
	MtDtype		loop = (MtDtype) in[0]->dtype;
	MtDtype		loop_result = MT_DTYPE_INVALID;
	MtDtype		expected;
	MtDtype		out;

	if (in[1]->dtype != in[0]->dtype || h->code < 0 || h->code > MT_BINARY_LOGICAL_XOR)
		engine_malformed_task("malformed elementwise tile task");
	expected = mt_binary_loop((MtBinaryOp) h->code, loop, &loop_result);
	out = kernel_output(h, loop, expected, loop_result);
	if (mt_binary_is_predicate((MtBinaryOp) h->code))
		out = MT_BOOL;
	/* the broadcast shape, aligned from the right */
	for (int i = 0; i < ndim; i++)
	{
		int			ia = i - (ndim - in[0]->ndim),
					ib = i - (ndim - in[1]->ndim);
		int64		da = ia >= 0 ? in[0]->dims[ia] : 1,
					db = ib >= 0 ? in[1]->dims[ib] : 1;

		if (da != db && da != 1 && db != 1)
			engine_malformed_task("malformed elementwise tile task");
		dims[i] = da == 1 ? db : da;
	}
	if (h->code == MT_BINARY_POW && mt_dtype_is_integer(loop) &&
		mt_any_negative(loop, TENSOR_DATA(in[1]), tensor_count(in[1])))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION),
				 errmsg("integers to negative integer powers are not allowed"),
				 errhint("Use a float exponent, or convert the base with marsql.astype(t, 'float64').")));
	c = result_tensor(result, ndim, dims, (MtDtype) h->dtype);
	k = out == (MtDtype) h->dtype ? c : tensor_new_uninit(ndim, dims, out);
	check(mt_binary((MtBinaryOp) h->code, loop, ndim, dims,
					in[0]->ndim, in[0]->dims, TENSOR_DATA(in[0]),
					in[1]->ndim, in[1]->dims, TENSOR_DATA(in[1]),
					TENSOR_DATA(k), tensor_poll_interrupts, NULL));
	if (k != c)
	{
		narrow_into(c, k);
		pfree(k);
	}
}

static void
run_unary(const TileTaskHeader *h, Tensor **in, StringInfo result)
{
	int64		dims[MT_MAX_DIMS];
	Tensor	   *c;
	Tensor	   *k;
	MtDtype		loop = (MtDtype) in[0]->dtype;
	MtDtype		loop_result = MT_DTYPE_INVALID;
	MtDtype		expected;
	MtDtype		out;

	if (h->code < 0 || h->code > MT_UNARY_ISPOSINF)
		engine_malformed_task("malformed elementwise tile task");
	expected = mt_unary_loop((MtUnaryOp) h->code, loop, &loop_result);
	out = kernel_output(h, loop, expected, loop_result);
	tensor_dims64(in[0], dims);
	c = result_tensor(result, in[0]->ndim, dims, (MtDtype) h->dtype);
	k = out == (MtDtype) h->dtype ? c : tensor_new_uninit(in[0]->ndim, dims, out);
	check(mt_unary((MtUnaryOp) h->code, loop, TENSOR_DATA(in[0]),
				   TENSOR_DATA(k), tensor_count(in[0]), tensor_poll_interrupts, NULL));
	if (k != c)
	{
		narrow_into(c, k);
		pfree(k);
	}
}

/* ---------- reductions ---------- */

/*
 * A reduction state in palloc'd memory: positions x (1 or 3) values.
 * Exact states (sum, prod, min and max of bool and integers, whose
 * results are int64 or the integer dtype: h->dtype exact) are int64,
 * wrapping as numpy's int64 sums do; the others are doubles.
 */
typedef struct ReduceState
{
	int64		positions;
	bool		exact;
	double	   *v;				/* values, or count/mean/M2 planes */
} ReduceState;

#define STATE_INT(s) ((int64 *) (s)->v)

static bool
state_is_exact(const TileTaskHeader *h)
{
	return !tile_reduce_has_moments(h->code) && mt_dtype_is_exact((MtDtype) h->dtype);
}

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
	s.exact = state_is_exact(h);
	if (s.exact != mt_dtype_is_exact((MtDtype) t->dtype) && !moments)
		engine_malformed_task("malformed reduction tile task");
	s.v = palloc(sizeof(double) * s.positions * (moments ? 3 : 1));
	/* float16 sums use 4 floats a position, within 2 doubles */
	work = palloc(sizeof(double) * 2 * Max(inner, 1));
	iwork = palloc(sizeof(int64) * Max(inner, 1));
	if (!moments)
		check(mt_reduce((MtReduceOp) h->code, (MtDtype) t->dtype, TENSOR_DATA(t),
						outer, len, inner, 0, s.v, s.exact ? MT_INT64 : MT_FLOAT64,
						work, iwork, tensor_poll_interrupts, NULL));
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

/* a state received from another task: a float64 (int64 when exact) tensor */
static ReduceState
state_of_tensor(const TileTaskHeader *h, Tensor *t)
{
	ReduceState s;

	s.exact = state_is_exact(h);
	if (t->dtype != (s.exact ? MT_INT64 : MT_FLOAT64))
		engine_malformed_task("malformed reduction state");
	s.v = (double *) TENSOR_DATA(t);
	s.positions = tensor_count(t) / (tile_reduce_has_moments(h->code) ? 3 : 1);
	return s;
}

/* acc = acc (+) s, exact states: int64, wrapping */
static void
merge_exact(int op, ReduceState *acc, const ReduceState *s)
{
	int64	   *a = STATE_INT(acc);
	const int64 *b = STATE_INT(s);

	for (int64 i = 0; i < acc->positions; i++)
	{
		switch (op)
		{
			case MT_REDUCE_SUM:
				a[i] = (int64) ((uint64) a[i] + (uint64) b[i]);
				break;
			case MT_REDUCE_PROD:
				a[i] = (int64) ((uint64) a[i] * (uint64) b[i]);
				break;
			case MT_REDUCE_MIN:
				a[i] = b[i] < a[i] ? b[i] : a[i];
				break;
			case MT_REDUCE_MAX:
				a[i] = b[i] > a[i] ? b[i] : a[i];
				break;
			default:
				engine_malformed_task("malformed reduction tile task");
		}
		if ((i & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
	}
}

/* acc = acc (+) s */
static void
merge_state(int op, ReduceState *acc, const ReduceState *s)
{
	int64		n = acc->positions;

	if (s->positions != n || s->exact != acc->exact)
		elog(ERROR, "reduction states of different sizes");
	if (acc->exact)
	{
		merge_exact(op, acc, s);
		return;
	}
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
		if (s->exact)
		{
			/* int64 sums and products; min and max narrow exactly */
			MtCastFailure why;

			if (mt_cast(s->v, MT_INT64, TENSOR_DATA(out), (MtDtype) out->dtype, n, &why) >= 0)
				elog(ERROR, "reduction result does not fit its dtype");
			return;
		}
		if (!mt_dtype_is_float((MtDtype) out->dtype))
			engine_malformed_task("malformed reduction tile task");
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
			else if (out->dtype == MT_FLOAT16)
				((uint16 *) TENSOR_DATA(out))[i] = mt_double_to_half(v);
			else
				((double *) TENSOR_DATA(out))[i] = v;
		}
	}
	else
	{
		int64		dims[2] = {moments ? 3 : 1, s->positions};
		Tensor	   *out = result_tensor(result, 2, dims, s->exact ? MT_INT64 : MT_FLOAT64);

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
		acc.exact = first.exact;
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

/* every element of c the one value at value (of dtype from), converted
 * once, as the caller checked it converts */
static void
fill_constant(Tensor *c, const void *value, MtDtype from)
{
	int64		n = tensor_count(c);
	size_t		elem = mt_dtype_size((MtDtype) c->dtype);
	char		v[16];
	MtCastFailure why;

	if (mt_cast(value, from, v, (MtDtype) c->dtype, 1, &why) >= 0)
		tensor_report_cast_failure(value, from, 0, (MtDtype) c->dtype, why);
	for (int64 i = 0; i < n; i++)
	{
		if ((i & (TENSOR_INTERRUPT_STRIDE - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		memcpy((char *) TENSOR_DATA(c) + i * elem, v, elem);
	}
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
			else if (h->dtype == MT_FLOAT64)
			{
				for (int64 i = 0; i < n; i++)
					((double *) TENSOR_DATA(c))[i] = h->param;
			}
			else
				fill_constant(c, &h->param, MT_FLOAT64);
			break;
		case TILE_FILL_CONSTANT_INT:
			{
				int64		v = (int64) h->seed;

				if (!mt_dtype_is_integer((MtDtype) h->dtype))
					engine_malformed_task("malformed integer fill tile task");
				fill_constant(c, &v, MT_INT64);
			}
			break;
		case TILE_FILL_UNIFORM:
		case TILE_FILL_NORMAL:
			if (h->dtype != MT_FLOAT32 && h->dtype != MT_FLOAT64)
				engine_malformed_task("malformed random tile task");
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
		!mt_dtype_valid((MtDtype) t->dtype))
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
