/*
 * chunked_matmul.c
 *	  marsql.matmul with a chunked operand: (chunked, chunked), (chunked,
 *	  tensor) and (tensor, chunked).  Each output tile is the sum over the
 *	  inner dimension of block products.  A gemm task multiplies up to
 *	  marsql.reduce_fanin pairs of inner tiles, accumulating into one
 *	  output (the first level of the summation); when the inner dimension
 *	  has more tiles than that, sum tasks add the partial products in a
 *	  tree of the same fan-in.  Input blocks travel as coordinates or by
 *	  value (tile_input.c) -- each the stored tile itself when the output
 *	  tiling follows the operands' -- and a task holds at most 2 * fan-in
 *	  + 1 tiles.  Output tiles are numbered row by row, so the tasks of one
 *	  row panel are consecutive and an executor's tile cache serves their
 *	  shared left-operand tiles.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "utils/builtins.h"

#include "chunked/tile_graph.h"
#include "guc.h"

PG_FUNCTION_INFO_V1(chunked_matmul_cc);
PG_FUNCTION_INFO_V1(chunked_matmul_ct);
PG_FUNCTION_INFO_V1(chunked_matmul_tc);

/* a 1-D or 2-D operand seen as a matrix: rows x cols, 1-D promoted */
typedef struct MatrixView
{
	TileSource *src;
	bool		vector;			/* 1-D */
	int64		rows;
	int64		cols;
	int64		tile_rows;		/* stored tiling, for aligned reads */
	int64		tile_cols;
} MatrixView;

static void
view_matrix(MatrixView *v, TileSource *src, bool left)
{
	v->src = src;
	if (src->ndim < 1 || src->ndim > 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("matmul of a chunked_tensor needs 1-D or 2-D operands"),
				 errdetail("An operand has %d dimensions.", src->ndim)));
	v->vector = src->ndim == 1;
	if (v->vector)
	{
		/* a left vector is a row (1, k), a right one a column (k, 1) */
		v->rows = left ? 1 : src->shape[0];
		v->cols = left ? src->shape[0] : 1;
		v->tile_rows = left ? 1 : src->grid.tile[0];
		v->tile_cols = left ? src->grid.tile[0] : 1;
	}
	else
	{
		v->rows = src->shape[0];
		v->cols = src->shape[1];
		v->tile_rows = src->grid.tile[0];
		v->tile_cols = src->grid.tile[1];
	}
}

/* the block rows [r0, r1) x cols [c0, c1) of the view as source bounds */
static void
view_block(const MatrixView *v, int64 r0, int64 r1, int64 c0, int64 c1,
		   int64 *lo, int64 *hi)
{
	if (!v->vector)
	{
		lo[0] = r0;
		hi[0] = r1;
		lo[1] = c0;
		hi[1] = c1;
	}
	else if (v->rows == 1)
	{
		lo[0] = c0;
		hi[0] = c1;
	}
	else
	{
		lo[0] = r0;
		hi[0] = r1;
	}
}

static ChunkedTensor *
matmul_tiled(TileSource *a, TileSource *b, ArrayType *tile_arg, const char *target)
{
	TileGraph  *g = tile_graph_begin("matmul");
	MatrixView	va,
				vb;
	MtDtype		dtype = mt_dtype_promote(a->dtype, b->dtype);
	/* as the dense matmul: float16 is computed in float32, rounded once */
	MtDtype		compute = dtype == MT_FLOAT16 ? MT_FLOAT32 : dtype;
	size_t		elem = mt_dtype_size(compute);
	int64		m,
				n,
				k;
	int			out_ndim = 0;
	int64		out_shape[2],
				out_tile[2];
	int64		tm,
				tn,
				tk;
	int			fanin;			/* inner tile pairs per gemm task */
	int			sum_fanin;		/* partial products per sum task */
	int			sa,
				sb;
	ChunkedTensor *result;
	MtTileGrid	grid;
	int64		ktiles;

	if ((DeviceMode) marsql_device == DEVICE_GPU && !mt_dtype_is_float(dtype))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("matrix products of dtype %s cannot run on the GPU",
						mt_dtype_name(dtype)),
				 errdetail("The GPU multiplies float16, float32 and float64 tensors."),
				 errhint("Set marsql.device to auto or cpu.")));
	view_matrix(&va, a, true);
	view_matrix(&vb, b, false);
	m = va.rows;
	k = va.cols;
	n = vb.cols;
	if (k != vb.rows)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("matmul shapes are not aligned"),
				 errdetail("The first operand has " INT64_FORMAT " columns and the second " INT64_FORMAT " rows.",
						   k, vb.rows)));
	if (va.vector && vb.vector)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("matmul of two vectors is a scalar, not a chunked_tensor"),
				 errhint("Use marsql.sum(a * b) for the dot product of chunked vectors.")));
	if (!va.vector)
		out_shape[out_ndim++] = m;
	if (!vb.vector)
		out_shape[out_ndim++] = n;
	for (int i = 0; i < out_ndim; i++)
	{
		if (out_shape[i] < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a chunked_tensor must not have empty dimensions")));
	}
	if (k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("matmul of a chunked_tensor needs a non-empty inner dimension")));

	/* output tiles: the operands' own tiling when it is sensible */
	if (tile_arg != NULL)
		chunked_choose_tile(out_ndim, out_shape, dtype, tile_arg, out_tile, "matmul");
	else
	{
		int64		def[2];

		mt_tile_default(out_ndim, out_shape, elem, chunked_tile_bytes(), def);
		if (out_ndim == 2)
		{
			out_tile[0] = a->ct ? va.tile_rows : def[0];
			out_tile[1] = b->ct ? vb.tile_cols : def[1];
			if ((double) out_tile[0] * out_tile[1] * elem > 4.0 * marsql_tile_bytes)
			{
				out_tile[0] = def[0];
				out_tile[1] = def[1];
			}
		}
		else
		{
			out_tile[0] = va.vector ? (b->ct ? vb.tile_cols : def[0])
				: (a->ct ? va.tile_rows : def[0]);
			if ((double) out_tile[0] * elem > 4.0 * marsql_tile_bytes)
				out_tile[0] = def[0];
		}
	}
	tm = va.vector ? 1 : out_tile[0];
	tn = vb.vector ? 1 : out_tile[out_ndim - 1];

	/* inner blocks: the left operand's column tiles, else the right's rows */
	if (a->ct && !va.vector)
		tk = va.tile_cols;
	else if (b->ct && !vb.vector)
		tk = vb.tile_rows;
	else if (a->ct)
		tk = va.tile_cols;
	else
		tk = vb.tile_rows;
	if (tk < 1)
		tk = 1;
	ktiles = (k - 1) / tk + 1;
	fanin = tile_graph_fanin((double) (tm * tk + tk * tn) * elem + 2 * MT_HEADER_BYTES(2), 1);
	sum_fanin = tile_graph_fanin((double) tm * tn * elem + MT_HEADER_BYTES(2), 2);

	sa = tile_graph_add_source(g, a, "a");
	sb = tile_graph_add_source(g, b, "b");
	result = tile_graph_create_result(g, target, dtype, out_ndim, out_shape, out_tile);
	chunked_grid(result, &grid);

	for (int64 t = 0; t < grid.ntiles; t++)
	{
		int64		coords[2],
					lo[2],
					hi[2];
		int64		r0,
					r1,
					c0,
					c1;
		int		   *level;
		int			nlevel = 0;

		CHECK_FOR_INTERRUPTS();
		mt_tile_coords(&grid, t, coords);
		mt_tile_bounds(&grid, coords, lo, hi);
		if (va.vector)
		{
			r0 = 0;
			r1 = 1;
			c0 = lo[0];
			c1 = hi[0];
		}
		else
		{
			r0 = lo[0];
			r1 = hi[0];
			c0 = vb.vector ? 0 : lo[1];
			c1 = vb.vector ? 1 : hi[1];
		}
		(void) tm;
		(void) tn;

		level = palloc(sizeof(int) * ((ktiles - 1) / fanin + 1));
		for (int64 kt = 0; kt < ktiles; kt += fanin)
		{
			int			steps = (int) Min(fanin, ktiles - kt);
			int64		k0 = kt * tk,
						k1 = Min(k, (kt + fanin) * tk);
			int			task = tile_graph_add_task(g, TILE_GEMM, compute, 2 * steps);
			TileGraphTask *gt = &g->tasks[task];

			/* one input pair per inner tile: blocks that are whole tiles */
			for (int s = 0; s < steps; s++)
			{
				int64		s0 = (kt + s) * tk,
							s1 = Min(k, s0 + tk);
				int64		alo[2],
							ahi[2],
							blo[2],
							bhi[2];

				view_block(&va, r0, r1, s0, s1, alo, ahi);
				view_block(&vb, s0, s1, c0, c1, blo, bhi);
				tile_graph_set_block(g, task, 2 * s, sa, alo, ahi, compute);
				tile_graph_set_block(g, task, 2 * s + 1, sb, blo, bhi, compute);
			}
			gt->header.out_ndim = out_ndim;
			for (int i = 0; i < out_ndim; i++)
				gt->header.out_dims[i] = hi[i] - lo[i];
			gt->flops = 2.0 * (r1 - r0) * (double) (c1 - c0) * (k1 - k0);
			gt->out_bytes = (r1 - r0) * (c1 - c0) * (int64) elem;
			level[nlevel++] = task;
		}
		/* tree summation of the partial products */
		if (nlevel > 1)
		{
			int			first = g->ntasks;

			level[0] = tile_graph_add_tree(g, TILE_SUM, compute, level, nlevel, sum_fanin, NULL);
			for (int i = first; i < g->ntasks; i++)
			{
				g->tasks[i].flops = (double) (g->tasks[i].ninputs - 1) * (r1 - r0) * (c1 - c0);
				g->tasks[i].out_bytes = (r1 - r0) * (c1 - c0) * (int64) elem;
			}
		}
		/* the task that stores the tile rounds a float16 result */
		g->tasks[level[0]].header.dtype = dtype;
		g->tasks[level[0]].out_bytes = (r1 - r0) * (c1 - c0) * (int64) mt_dtype_size(dtype);
		tile_graph_store_at(g, level[0], coords);
		pfree(level);
	}
	(void) tile_graph_run(g);
	return result;
}

Datum
chunked_matmul_cc(PG_FUNCTION_ARGS)
{
	TileSource	a,
				b;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	tile_source_init_chunked(&a, PG_GETARG_CHUNKED_P(0));
	tile_source_init_chunked(&b, PG_GETARG_CHUNKED_P(1));
	PG_RETURN_CHUNKED_P(matmul_tiled(&a, &b, chunked_optional_array(fcinfo, 2), chunked_optional_text(fcinfo, 3)));
}

Datum
chunked_matmul_ct(PG_FUNCTION_ARGS)
{
	TileSource	a,
				b;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	tile_source_init_chunked(&a, PG_GETARG_CHUNKED_P(0));
	tile_source_init_tensor(&b, PG_GETARG_TENSOR_ANYDTYPE_P(1));
	PG_RETURN_CHUNKED_P(matmul_tiled(&a, &b, chunked_optional_array(fcinfo, 2), chunked_optional_text(fcinfo, 3)));
}

Datum
chunked_matmul_tc(PG_FUNCTION_ARGS)
{
	TileSource	a,
				b;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	tile_source_init_tensor(&a, PG_GETARG_TENSOR_ANYDTYPE_P(0));
	tile_source_init_chunked(&b, PG_GETARG_CHUNKED_P(1));
	PG_RETURN_CHUNKED_P(matmul_tiled(&a, &b, chunked_optional_array(fcinfo, 2), chunked_optional_text(fcinfo, 3)));
}
