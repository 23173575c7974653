/*
 * chunked_reshape.c
 *	  transpose (a permuted copy of each tile, on the engine: output tiles
 *	  line up with input tiles, so each task reads exactly one) and
 *	  rechunk (new tile boundaries: a copy in the calling backend, each
 *	  output tile cut from the input tiles it overlaps).
 */
#include "postgres.h"

#include "miscadmin.h"

#include "chunked/tile_graph.h"

PG_FUNCTION_INFO_V1(chunked_transpose);
PG_FUNCTION_INFO_V1(chunked_rechunk);

Datum
chunked_transpose(PG_FUNCTION_ARGS)
{
	ChunkedTensor *ct;
	int			perm[MT_MAX_DIMS];
	int			ndim;
	int64		shape[MT_MAX_DIMS],
				tile[MT_MAX_DIMS];
	TileSource	src;
	TileGraph  *g;
	ChunkedTensor *result;
	MtTileGrid	grid;
	int			s;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	ct = PG_GETARG_CHUNKED_P(0);
	ndim = ct->ndim;
	if (PG_ARGISNULL(1))
	{
		for (int i = 0; i < ndim; i++)
			perm[i] = ndim - 1 - i;
	}
	else
	{
		bool		seen[MT_MAX_DIMS] = {false};
		int			n = tensor_int_array(PG_GETARG_ARRAYTYPE_P(1), perm, MT_MAX_DIMS, "axes");

		if (n != ndim)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("axes don't match array"),
					 errdetail("axes has %d entries but the array has %d dimensions.", n, ndim)));
		for (int i = 0; i < ndim; i++)
		{
			perm[i] = tensor_axis(perm[i], ndim);
			if (seen[perm[i]])
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("repeated axis in transpose")));
			seen[perm[i]] = true;
		}
	}
	for (int i = 0; i < ndim; i++)
	{
		shape[i] = CHUNKED_SHAPE(ct)[perm[i]];
		tile[i] = CHUNKED_TILE(ct)[perm[i]];
	}
	tile_source_init_chunked(&src, ct);
	g = tile_graph_begin("transpose");
	s = tile_graph_add_source(g, &src, "a");
	result = tile_graph_create_result(g, chunked_optional_text(fcinfo, 2), (MtDtype) ct->dtype,
									  ndim, shape, tile);
	chunked_grid(result, &grid);
	for (int64 t = 0; t < grid.ntiles; t++)
	{
		int64		coords[MT_MAX_DIMS],
					in_coords[MT_MAX_DIMS],
					lo[MT_MAX_DIMS],
					hi[MT_MAX_DIMS];
		int			task = tile_graph_add_task(g, TILE_TRANSPOSE, (MtDtype) ct->dtype, 1);

		CHECK_FOR_INTERRUPTS();
		mt_tile_coords(&grid, t, coords);
		for (int i = 0; i < ndim; i++)
			in_coords[perm[i]] = coords[i];
		mt_tile_bounds(&src.grid, in_coords, lo, hi);
		tile_graph_set_block(g, task, 0, s, lo, hi, (MtDtype) ct->dtype);
		for (int i = 0; i < ndim; i++)
			g->tasks[task].header.perm[i] = perm[i];
		tile_graph_store_at(g, task, coords);
		g->tasks[task].out_bytes = mt_tile_elements(&grid, coords) * (int64) mt_dtype_size((MtDtype) ct->dtype);
	}
	(void) tile_graph_run(g);
	PG_RETURN_CHUNKED_P(result);
}

/* marsql.rechunk(ct, tile int[], target) */
Datum
chunked_rechunk(PG_FUNCTION_ARGS)
{
	ChunkedTensor *ct;
	int64		tile[MT_MAX_DIMS];
	TileSource	src;
	TileGraph  *g;
	ChunkedTensor *result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	ct = PG_GETARG_CHUNKED_P(0);
	chunked_choose_tile(ct->ndim, CHUNKED_SHAPE(ct), (MtDtype) ct->dtype,
						chunked_optional_array(fcinfo, 1), tile, "rechunk");
	tile_source_init_chunked(&src, ct);
	g = tile_graph_begin("rechunk");
	result = tile_graph_create_result(g, chunked_optional_text(fcinfo, 2), (MtDtype) ct->dtype,
									  ct->ndim, CHUNKED_SHAPE(ct), tile);
	if (!tile_graph_planning())
		(void) tile_graph_result_now(g);
	chunked_copy_tiles("rechunk", &src, result);
	PG_RETURN_CHUNKED_P(result);
}
