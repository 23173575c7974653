/*
 * chunked_reduce.c
 *	  Reductions of a chunked tensor -- sum, prod, mean, min, max, var and
 *	  std -- over all elements (a 0-d tensor) or along one axis (a chunked
 *	  tensor).  Tree reduction: a reduce task turns up to
 *	  marsql.reduce_fanin tiles into one partial state, merge tasks combine
 *	  up to that many states, and the root finishes the value.  Mean and
 *	  variance states are (count, mean, M2), merged with Chan's parallel
 *	  formula, so every partial is exact to rounding.
 *
 *	  Result dtypes are the dense functions' (tensor_reduce.c, numpy's):
 *	  sum and prod of bool and integers are int64 (exact int64 states,
 *	  wrapping), min and max keep the dtype (exact states for integers),
 *	  mean, var and std of bool and integers are float64; float16 results
 *	  are float16, each tile accumulated in float32 as numpy does and the
 *	  partials combined in double.  Complex reductions are refused.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "utils/lsyscache.h"

#include "chunked/tile_graph.h"
#include "kernels/reduce.h"
#include "tensor/tensor_ops.h"

PG_FUNCTION_INFO_V1(chunked_reduce_all);
PG_FUNCTION_INFO_V1(chunked_reduce_axis);

static MtReduceOp
reduce_op_of(FunctionCallInfo fcinfo)
{
	char	   *name = get_func_name(fcinfo->flinfo->fn_oid);

	if (name == NULL)
		elog(ERROR, "chunked reduction called through an unknown function");
	if (strcmp(name, "sum") == 0)
		return MT_REDUCE_SUM;
	if (strcmp(name, "prod") == 0)
		return MT_REDUCE_PROD;
	if (strcmp(name, "mean") == 0)
		return MT_REDUCE_MEAN;
	if (strcmp(name, "min") == 0)
		return MT_REDUCE_MIN;
	if (strcmp(name, "max") == 0)
		return MT_REDUCE_MAX;
	if (strcmp(name, "var") == 0)
		return MT_REDUCE_VAR;
	if (strcmp(name, "std") == 0)
		return MT_REDUCE_STD;
	elog(ERROR, "chunked reduction called as unknown function \"%s\"", name);
	return MT_REDUCE_SUM;
}

/* the dtype of op's result on dtype (tensor_reduce.c's reduce_dtype) */
static MtDtype
chunked_reduce_dtype(MtReduceOp op, MtDtype dtype, const char *name)
{
	if (mt_dtype_is_complex(dtype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("chunked %s does not support dtype %s", name, mt_dtype_name(dtype)),
				 errhint("Reduce the dense tensor (marsql.to_tensor, marsql.slice) instead.")));
	switch (op)
	{
		case MT_REDUCE_SUM:
		case MT_REDUCE_PROD:
			return mt_dtype_is_exact(dtype) ? MT_INT64 : dtype;
		case MT_REDUCE_MIN:
		case MT_REDUCE_MAX:
			return dtype;
		default:
			return mt_dtype_is_exact(dtype) ? MT_FLOAT64 : dtype;
	}
}

/*
 * Adds the tree that reduces `ntiles` input tiles (given by their
 * numbers in src's grid) to one state; returns the root task, marked
 * final with the output shape.
 */
static int
add_tree(TileGraph *g, int s, TileSource *src, const int64 *tiles, int64 ntiles,
		 MtReduceOp op, int axis, double ddof, int out_ndim, const int64 *out_dims)
{
	int			fanin;
	int		   *level;
	int			nlevel = 0;
	int			root;
	MtDtype		dtype = chunked_reduce_dtype(op, src->dtype, "reduction");
	double		input_bytes = 1;

	/* an input is a tile, or a float64 state of up to three planes of one */
	for (int i = 0; i < src->ndim; i++)
		input_bytes *= (double) src->grid.tile[i];
	input_bytes = input_bytes * sizeof(double) * 3 + MT_HEADER_BYTES(MT_MAX_DIMS);
	fanin = tile_graph_fanin(input_bytes, 2);
	level = palloc(sizeof(int) * ((ntiles - 1) / fanin + 1));

	for (int64 i = 0; i < ntiles; i += fanin)
	{
		int			width = (int) Min(fanin, ntiles - i);
		int			task = tile_graph_add_task(g, TILE_REDUCE, dtype, width);

		g->tasks[task].header.code = op;
		g->tasks[task].header.axis = axis;
		g->tasks[task].header.param = ddof;
		for (int j = 0; j < width; j++)
		{
			int64		coords[MT_MAX_DIMS],
						lo[MT_MAX_DIMS],
						hi[MT_MAX_DIMS];

			mt_tile_coords(&src->grid, tiles[i + j], coords);
			mt_tile_bounds(&src->grid, coords, lo, hi);
			tile_graph_set_block(g, task, j, s, lo, hi, src->dtype);
			g->tasks[task].flops += (double) mt_tile_elements(&src->grid, coords);
		}
		level[nlevel++] = task;
	}
	root = tile_graph_add_tree(g, TILE_MERGE, dtype, level, nlevel, fanin,
							   &g->tasks[level[0]].header);
	pfree(level);
	g->tasks[root].header.flags |= TILE_FLAG_FINAL;
	g->tasks[root].header.out_ndim = out_ndim;
	for (int i = 0; i < out_ndim; i++)
		g->tasks[root].header.out_dims[i] = out_dims[i];
	/* sizes for explain: partial states are float64, the root the result */
	{
		int64		n = 1;

		for (int d = 0; d < out_ndim; d++)
			n *= out_dims[d];
		for (int i = 0; i < g->ntasks; i++)
		{
			if (g->tasks[i].out_bytes == 0)
				g->tasks[i].out_bytes = n * (int64) (tile_reduce_has_moments(op) ? 24 : 8);
		}
		g->tasks[root].out_bytes = n * (int64) mt_dtype_size(dtype);
	}
	return root;
}

/* marsql.sum(ct) and friends: over all elements, a 0-d tensor */
Datum
chunked_reduce_all(PG_FUNCTION_ARGS)
{
	ChunkedTensor *ct = PG_GETARG_CHUNKED_P(0);
	MtReduceOp	op = reduce_op_of(fcinfo);
	TileSource	src;
	TileGraph  *g;
	int64	   *tiles;
	int			s;
	Tensor	   *out;
	MtDtype		dtype = chunked_reduce_dtype(op, (MtDtype) ct->dtype,
											 get_func_name(fcinfo->flinfo->fn_oid));

	tile_source_init_chunked(&src, ct);
	g = tile_graph_begin(get_func_name(fcinfo->flinfo->fn_oid));
	s = tile_graph_add_source(g, &src, "a");
	tiles = palloc(sizeof(int64) * src.grid.ntiles);
	for (int64 i = 0; i < src.grid.ntiles; i++)
		tiles[i] = i;
	(void) add_tree(g, s, &src, tiles, src.grid.ntiles, op, -1, 0, 0, NULL);
	out = tile_graph_run(g);
	if (out == NULL)
	{
		/* planned under marsql.explain: a NaN (0 for integers) stands in */
		int64		none[1] = {0};

		if (mt_dtype_is_float(dtype))
			out = tensor_from_scalar(NAN, dtype);
		else
			out = tensor_new(0, none, dtype);
	}
	else
	{
		Tensor	   *copy = palloc(VARSIZE(out));

		memcpy(copy, out, VARSIZE(out));
		out = copy;
	}
	PG_RETURN_TENSOR_P(out);
}

/*
 * marsql.sum(ct, axis, keepdims) and friends (var and std also take
 * ddof): along one axis, a chunked tensor.  A NULL axis reduces
 * everything into a chunked tensor of shape (1,), or all ones with
 * keepdims.
 */
Datum
chunked_reduce_axis(PG_FUNCTION_ARGS)
{
	ChunkedTensor *ct;
	MtReduceOp	op = reduce_op_of(fcinfo);
	bool		keepdims = !PG_ARGISNULL(2) && PG_GETARG_BOOL(2);
	double		ddof = (PG_NARGS() > 4 && !PG_ARGISNULL(4)) ? PG_GETARG_INT32(4) : 0;
	const char *target = chunked_optional_text(fcinfo, 3);
	TileSource	src;
	TileGraph  *g;
	int			s;
	int			ndim;
	int			axis;
	int64		shape[MT_MAX_DIMS],
				tile[MT_MAX_DIMS];
	int			out_ndim = 0;
	ChunkedTensor *result;
	MtTileGrid	out_grid;
	int64	   *tiles;
	MtDtype		dtype;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	ct = PG_GETARG_CHUNKED_P(0);
	ndim = ct->ndim;
	dtype = chunked_reduce_dtype(op, (MtDtype) ct->dtype, get_func_name(fcinfo->flinfo->fn_oid));
	tile_source_init_chunked(&src, ct);
	g = tile_graph_begin(get_func_name(fcinfo->flinfo->fn_oid));
	s = tile_graph_add_source(g, &src, "a");

	if (PG_ARGISNULL(1))
	{
		/* every axis */
		int64		ones[MT_MAX_DIMS];

		out_ndim = keepdims ? ndim : 1;
		for (int i = 0; i < out_ndim; i++)
			ones[i] = 1;
		result = tile_graph_create_result(g, target, dtype, out_ndim, ones, ones);
		tiles = palloc(sizeof(int64) * src.grid.ntiles);
		for (int64 i = 0; i < src.grid.ntiles; i++)
			tiles[i] = i;
		tile_graph_store_at(g, add_tree(g, s, &src, tiles, src.grid.ntiles, op, -1, ddof,
										out_ndim, ones), (int64[MT_MAX_DIMS]) {0});
		(void) tile_graph_run(g);
		PG_RETURN_CHUNKED_P(result);
	}

	axis = tensor_axis(PG_GETARG_INT32(1), ndim);
	for (int i = 0; i < ndim; i++)
	{
		if (i == axis && !keepdims)
			continue;
		shape[out_ndim] = i == axis ? 1 : CHUNKED_SHAPE(ct)[i];
		tile[out_ndim] = i == axis ? 1 : CHUNKED_TILE(ct)[i];
		out_ndim++;
	}
	if (out_ndim == 0)
	{
		/* a 1-D array reduced along its only axis: shape (1,) */
		shape[0] = 1;
		tile[0] = 1;
		out_ndim = 1;
	}
	result = tile_graph_create_result(g, target, dtype, out_ndim, shape, tile);
	chunked_grid(result, &out_grid);
	tiles = palloc(sizeof(int64) * src.grid.count[axis]);
	for (int64 t = 0; t < out_grid.ntiles; t++)
	{
		int64		out_coords[MT_MAX_DIMS],
					in_coords[MT_MAX_DIMS],
					lo[MT_MAX_DIMS],
					hi[MT_MAX_DIMS],
					dims[MT_MAX_DIMS];
		int			k = 0;

		CHECK_FOR_INTERRUPTS();
		mt_tile_coords(&out_grid, t, out_coords);
		mt_tile_bounds(&out_grid, out_coords, lo, hi);
		for (int i = 0; i < out_ndim; i++)
			dims[i] = hi[i] - lo[i];
		/* the input tiles along the axis */
		for (int i = 0; i < ndim; i++)
		{
			if (i == axis)
				in_coords[i] = 0;
			else
				in_coords[i] = out_coords[k++];
			if (i == axis && keepdims)
				k++;
		}
		if (ndim == 1)
			in_coords[0] = 0;
		for (int64 j = 0; j < src.grid.count[axis]; j++)
		{
			in_coords[axis] = j;
			tiles[j] = mt_tile_index(&src.grid, in_coords);
		}
		tile_graph_store_at(g, add_tree(g, s, &src, tiles, src.grid.count[axis], op, axis,
										ddof, out_ndim, dims), out_coords);
	}
	(void) tile_graph_run(g);
	PG_RETURN_CHUNKED_P(result);
}
