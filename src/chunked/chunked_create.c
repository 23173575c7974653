/*
 * chunked_create.c
 *	  Constructors of chunked tensors: from a tensor (marsql.chunk), from
 *	  the rows of a query (one row per matrix row), and random or constant
 *	  arrays generated tile by tile on the engine, never whole.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/pg_prng.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "chunked/tile_graph.h"
#include "kernels/dtype_cast.h"
#include "tensor/tensor_ops.h"
#include "guc.h"

PG_FUNCTION_INFO_V1(chunked_chunk);
PG_FUNCTION_INFO_V1(chunked_generate);
PG_FUNCTION_INFO_V1(chunked_generate_full_int);
PG_FUNCTION_INFO_V1(chunked_from_query);

/*
 * Writes every tile of result, each read as a block of src: a copy done
 * by the calling backend, one tile in memory at a time.
 */
void
chunked_copy_tiles(const char *label, TileSource *src, const ChunkedTensor *result)
{
	MemoryContext tile_cxt = AllocSetContextCreate(CurrentMemoryContext, "marsql tile copy",
												   ALLOCSET_DEFAULT_SIZES);
	MemoryContext caller = CurrentMemoryContext;
	TileStore  *out;
	MtTileGrid	grid;

	if (tile_graph_planning())
	{
		chunked_explain_copy(label, result, false);
		return;
	}
	chunked_grid(result, &grid);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(caller);
	out = tile_store_open(result);
	for (int64 t = 0; t < grid.ntiles; t++)
	{
		int64		coords[MT_MAX_DIMS],
					lo[MT_MAX_DIMS],
					hi[MT_MAX_DIMS];

		CHECK_FOR_INTERRUPTS();
		mt_tile_coords(&grid, t, coords);
		mt_tile_bounds(&grid, coords, lo, hi);
		MemoryContextSwitchTo(tile_cxt);
		tile_store_write(out, coords,
						 tile_source_read_block(src, lo, hi, (MtDtype) result->dtype));
		MemoryContextSwitchTo(caller);
		MemoryContextReset(tile_cxt);
	}
	SPI_finish();
	MemoryContextSwitchTo(caller);
	MemoryContextDelete(tile_cxt);
	chunked_explain_copy(label, result, true);
}

/* marsql.chunk(t tensor, tile int[], target text) */
Datum
chunked_chunk(PG_FUNCTION_ARGS)
{
	Tensor	   *t;
	TileSource	src;
	int64		shape[MT_MAX_DIMS],
				tile[MT_MAX_DIMS];
	ChunkedTensor *result;
	TileGraph  *g;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TENSOR_ANYDTYPE_P(0);	/* every dtype; CSR densified */
	tensor_dims64(t, shape);
	if (t->ndim == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a chunked_tensor needs at least one dimension")));
	for (int i = 0; i < t->ndim; i++)
	{
		if (shape[i] < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a chunked_tensor must not have empty dimensions"),
					 errdetail("Dimension %d has extent 0.", i)));
	}
	chunked_choose_tile(t->ndim, shape, (MtDtype) t->dtype,
						chunked_optional_array(fcinfo, 1), tile, "chunk");
	tile_source_init_tensor(&src, t);
	g = tile_graph_begin("chunk");
	result = tile_graph_create_result(g, chunked_optional_text(fcinfo, 2),
									  (MtDtype) t->dtype, t->ndim, shape, tile);
	if (!tile_graph_planning())
		(void) tile_graph_result_now(g);
	chunked_copy_tiles("chunk", &src, result);
	PG_RETURN_CHUNKED_P(result);
}

/* a different, well mixed seed for each tile (splitmix64's finalizer) */
static uint64
tile_seed(uint64 seed, int64 tile)
{
	uint64		z = seed + (uint64) (tile + 1) * UINT64CONST(0x9E3779B97F4A7C15);

	z = (z ^ (z >> 30)) * UINT64CONST(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64CONST(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* what a generating SQL function makes */
typedef enum GenerateKind
{
	GENERATE_RANDOM,			/* argument 2 the seed (bigint) */
	GENERATE_FULL,				/* argument 2 the fill value (float8) */
	GENERATE_FULL_INT			/* argument 2 an integer fill value (bigint) */
} GenerateKind;

static Datum generate(FunctionCallInfo fcinfo, GenerateKind kind);

/* whether argument 2 of the calling SQL function is a fill value (float8) */
static bool
generate_is_full(FunctionCallInfo fcinfo)
{
	Oid		   *argtypes;
	int			nargs;

	get_func_signature(fcinfo->flinfo->fn_oid, &argtypes, &nargs);
	return nargs > 2 && argtypes[2] == FLOAT8OID;
}

/*
 * marsql.chunked_random(shape, tile, seed, distribution, dtype, target) and
 * marsql.chunked_generate_full(shape, tile, fill_value, distribution, dtype,
 * target) (behind chunked_full, chunked_zeros, chunked_ones) share this:
 * argument 0 shape, 1 tile, 2 seed (bigint) or fill value (float8),
 * 3 distribution (ignored by full), 4 dtype, 5 target.  Which one was
 * called is told by the declared type of argument 2, never by which
 * arguments are NULL: a NULL distribution gives NULL, as in random().
 */
Datum
chunked_generate(PG_FUNCTION_ARGS)
{
	return generate(fcinfo, generate_is_full(fcinfo) ? GENERATE_FULL : GENERATE_RANDOM);
}

/*
 * marsql.chunked_generate_full_int(shape, tile, fill_value bigint, NULL,
 * dtype, target), behind chunked_full with a bigint: an integer dtype holds
 * the value exactly (22003 where it does not fit, as numpy 2's
 * OverflowError); any other dtype takes it as chunked_full's double does.
 */
Datum
chunked_generate_full_int(PG_FUNCTION_ARGS)
{
	return generate(fcinfo, GENERATE_FULL_INT);
}

static Datum
generate(FunctionCallInfo fcinfo, GenerateKind kind)
{
	int64		shape[MT_MAX_DIMS],
				tile[MT_MAX_DIMS];
	int			ndim;
	MtDtype		dtype;
	TileFill	fill;
	uint64		seed = 0;
	double		value = 0;
	TileGraph  *g;
	ChunkedTensor *result;
	MtTileGrid	grid;
	bool		full = kind != GENERATE_RANDOM;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(4) || PG_ARGISNULL(full ? 2 : 3))
		PG_RETURN_NULL();
	ndim = chunked_shape_from_array(PG_GETARG_ARRAYTYPE_P(0), shape);
	if (full)
	{
		/*
		 * Every dtype, as numpy.full: the value is converted as astype
		 * converts (2.5 -> 2 for an integer dtype); one that does not
		 * convert (NaN to an integer, 1e40 to float32) fails here, before
		 * any tile is made.
		 */
		dtype = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(4));
		fill = TILE_FILL_CONSTANT;
		if (kind == GENERATE_FULL_INT && mt_dtype_is_integer(dtype))
		{
			int64		v = PG_GETARG_INT64(2);

			tensor_check_int_fits(v, dtype);
			fill = TILE_FILL_CONSTANT_INT;
			seed = (uint64) v;
		}
		else
		{
			value = kind == GENERATE_FULL_INT ? (double) PG_GETARG_INT64(2)
				: PG_GETARG_FLOAT8(2);
			(void) tensor_convert(tensor_from_scalar(value, MT_FLOAT64), dtype);
		}
	}
	else
	{
		const char *distribution = text_to_cstring(PG_GETARG_TEXT_PP(3));

		/* random values are float32 or float64, as numpy's Generator.random */
		dtype = tensor_dtype_from_text(PG_GETARG_TEXT_PP(4));
		if (pg_strcasecmp(distribution, "uniform") == 0)
			fill = TILE_FILL_UNIFORM;
		else if (pg_strcasecmp(distribution, "normal") == 0)
			fill = TILE_FILL_NORMAL;
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown distribution \"%s\"", distribution),
					 errhint("Valid distributions are \"uniform\" and \"normal\".")));
		seed = PG_ARGISNULL(2) ? pg_prng_uint64(&pg_global_prng_state)
			: (uint64) PG_GETARG_INT64(2);
	}
	chunked_choose_tile(ndim, shape, dtype, chunked_optional_array(fcinfo, 1), tile,
						full ? "chunked_full" : "chunked_random");

	g = tile_graph_begin(full ? "full" : "random");
	result = tile_graph_create_result(g, chunked_optional_text(fcinfo, 5), dtype, ndim,
									  shape, tile);
	chunked_grid(result, &grid);
	for (int64 t = 0; t < grid.ntiles; t++)
	{
		int64		coords[MT_MAX_DIMS],
					lo[MT_MAX_DIMS],
					hi[MT_MAX_DIMS];
		int			task = tile_graph_add_task(g, TILE_GENERATE, dtype, 0);
		TileTaskHeader *h = &g->tasks[task].header;

		CHECK_FOR_INTERRUPTS();
		mt_tile_coords(&grid, t, coords);
		mt_tile_bounds(&grid, coords, lo, hi);
		h->code = fill;
		h->param = value;
		h->seed = fill == TILE_FILL_CONSTANT_INT ? seed : tile_seed(seed, t);
		h->out_ndim = ndim;
		for (int i = 0; i < ndim; i++)
			h->out_dims[i] = hi[i] - lo[i];
		tile_graph_store_at(g, task, coords);
		g->tasks[task].out_bytes = mt_tile_elements(&grid, coords) * (int64) mt_dtype_size(dtype);
	}
	(void) tile_graph_run(g);
	PG_RETURN_CHUNKED_P(result);
}

/* ---------- from the rows of a query ---------- */

typedef struct RowBand
{
	MtDtype		dtype;
	int64		ncols;
	int64		tile_rows;
	int64		tile_cols;
	int64		col_tiles;
	Tensor	  **tiles;			/* one per tile column, tile_rows high */
	int64		filled;			/* rows in the band so far */
	int64		band;			/* band number */
} RowBand;

static void
band_alloc(RowBand *b, int64 rows)
{
	for (int64 j = 0; j < b->col_tiles; j++)
	{
		int64		dims[2] = {rows, Min(b->tile_cols, b->ncols - j * b->tile_cols)};

		b->tiles[j] = tensor_new_uninit(2, dims, b->dtype);
	}
}

/* writes the band's tiles, the last band cut to the rows it has */
static void
band_flush(RowBand *b, TileStore *store)
{
	for (int64 j = 0; j < b->col_tiles; j++)
	{
		int64		coords[2] = {b->band, j};
		Tensor	   *t = b->tiles[j];

		if (b->filled < t->dims[0])
		{
			/* rows are contiguous: cutting the height keeps the data */
			t->dims[0] = (int32) b->filled;
			SET_VARSIZE(t, MT_HEADER_BYTES(2) + (Size) b->filled * t->dims[1] *
						mt_dtype_size(b->dtype));
		}
		tile_store_write(store, coords, t);
	}
	b->band++;
	b->filled = 0;
}

static MtDtype
row_dtype(Oid type, const char *what)
{
	if (type == FLOAT4ARRAYOID)
		return MT_FLOAT32;
	if (type == FLOAT8ARRAYOID)
		return MT_FLOAT64;
	if (type == BOOLARRAYOID)
		return MT_BOOL;
	if (type == INT2ARRAYOID)
		return MT_INT16;
	if (type == INT4ARRAYOID)
		return MT_INT32;
	if (type == INT8ARRAYOID)
		return MT_INT64;
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("%s: rows must be real[], double precision[], boolean[], smallint[], integer[], bigint[] or tensor, not %s",
					what, format_type_be(type)),
			 errhint("Cast the column, for example col::double precision[].")));
	return MT_DTYPE_INVALID;
}

/* copies one row (ncols values) into the band at row r */
static void
band_put_row(RowBand *b, const void *data, MtDtype from, int64 r)
{
	size_t		in_elem = mt_dtype_size(from);
	size_t		out_elem = mt_dtype_size(b->dtype);

	for (int64 j = 0; j < b->col_tiles; j++)
	{
		Tensor	   *t = b->tiles[j];
		int64		c0 = j * b->tile_cols;
		int64		w = t->dims[1];
		char	   *dst = (char *) TENSOR_DATA(t) + (size_t) (r * w) * out_elem;
		const char *src = (const char *) data + (size_t) c0 * in_elem;

		if (from == b->dtype)
			memcpy(dst, src, (size_t) w * out_elem);
		else if (from == MT_FLOAT32 && b->dtype == MT_FLOAT64)
		{
			for (int64 i = 0; i < w; i++)
				((double *) dst)[i] = ((const float *) src)[i];
		}
		else if (from == MT_FLOAT64 && b->dtype == MT_FLOAT32)
		{
			for (int64 i = 0; i < w; i++)
				((float *) dst)[i] = tensor_float32_from_double(((const double *) src)[i]);
		}
		else
		{
			/* any other pair: numpy's astype, its undefined cases refused */
			MtCastFailure why;
			int64		bad = mt_cast(src, from, dst, b->dtype, w, &why);

			if (bad >= 0)
				tensor_report_cast_failure(src, from, bad, b->dtype, why);
		}
	}
}

/*
 * marsql.chunked_from_query(query text, tile int[], dtype text, target
 * text): one row per matrix row, in the query's order; the column is
 * real[], double precision[], boolean[], smallint[], integer[], bigint[]
 * or a 1-D tensor of any dtype.  With a dtype every row is converted to
 * it (numpy's astype); without one the array has row 1's dtype.  One band of tiles (a tile
 * row) is held in memory while the rows are read.
 */
Datum
chunked_from_query(PG_FUNCTION_ARGS)
{
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext row_cxt;
	char	   *query;
	ArrayType  *tile_arg = chunked_optional_array(fcinfo, 1);
	Oid			tensor_type;
	Oid			coltype;
	Portal		portal;
	SPIPlanPtr	plan;
	RowBand		band;
	TileStore  *store = NULL;
	ChunkedTensor *result = NULL;
	int64		nrows = 0;
	MtDtype		row_type = MT_DTYPE_INVALID;
	MtDtype		want = MT_DTYPE_INVALID;
	bool		first = true;
	bool		planning = tile_graph_planning();

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	query = text_to_cstring(PG_GETARG_TEXT_PP(0));
	if (!PG_ARGISNULL(2))
		want = tensor_any_dtype_from_text(PG_GETARG_TEXT_PP(2));
	tensor_type = chunked_type_oid("tensor");

	memset(&band, 0, sizeof(band));
	row_cxt = AllocSetContextCreate(caller, "marsql query rows", ALLOCSET_DEFAULT_SIZES);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(caller);
	plan = SPI_prepare(query, 0, NULL);
	MemoryContextSwitchTo(caller);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	if (!SPI_is_cursor_plan(plan))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("chunked_from_query: the query must return rows")));
	if (chunked_plan_writes(plan))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("chunked_from_query: the query must not write or lock rows"),
				 errdetail("The query has a data-modifying WITH or FOR UPDATE, FOR SHARE or a similar locking clause."),
				 errhint("Write the rows first, then make the array from a SELECT of them.")));
	portal = SPI_cursor_open(NULL, plan, NULL, NULL, true);
	MemoryContextSwitchTo(caller);
	if (portal->tupDesc->natts != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("chunked_from_query: the query must return one column, not %d",
						portal->tupDesc->natts)));
	coltype = TupleDescAttr(portal->tupDesc, 0)->atttypid;
	if (coltype != tensor_type)
		row_type = row_dtype(coltype, "chunked_from_query");

	for (;;)
	{
		SPITupleTable *batch;
		uint64		nbatch;

		SPI_cursor_fetch(portal, true, 1000);
		MemoryContextSwitchTo(caller);

		/*
		 * SPI_processed and SPI_tuptable are global: storing a tile below
		 * (and creating the result at the first row) runs SPI again and
		 * overwrites them, so the batch is taken into locals first.
		 */
		batch = SPI_tuptable;
		nbatch = SPI_processed;
		if (nbatch == 0 || batch == NULL)
			break;
		for (uint64 i = 0; i < nbatch; i++)
		{
			bool		isnull;
			Datum		d = SPI_getbinval(batch->vals[i], batch->tupdesc, 1, &isnull);
			const void *data;
			int64		len;
			MtDtype		from;

			CHECK_FOR_INTERRUPTS();
			MemoryContextSwitchTo(row_cxt);
			if (isnull)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("chunked_from_query: row " INT64_FORMAT " is null", nrows + 1)));
			if (coltype == tensor_type)
			{
				Tensor	   *t = DatumGetTensorAnyDtypeP(d);

				if (t->ndim != 1)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("chunked_from_query: row " INT64_FORMAT " is a %d-D tensor, not 1-D",
									nrows + 1, t->ndim)));
				from = (MtDtype) t->dtype;
				len = t->dims[0];
				data = TENSOR_DATA(t);
			}
			else
			{
				ArrayType  *a = DatumGetArrayTypeP(d);

				if (ARR_NDIM(a) > 1)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("chunked_from_query: row " INT64_FORMAT " is a %d-D array, not 1-D",
									nrows + 1, ARR_NDIM(a))));
				if (ARR_HASNULL(a))
					ereport(ERROR,
							(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
							 errmsg("chunked_from_query: row " INT64_FORMAT " contains a null", nrows + 1)));
				from = row_type;
				len = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
				data = ARR_DATA_PTR(a);
			}

			if (first)
			{
				int64		shape[2] = {PG_INT32_MAX, len},
							tile[2];

				if (len < 1)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("chunked_from_query: row 1 is empty")));
				band.dtype = want != MT_DTYPE_INVALID ? want : from;
				band.ncols = len;
				MemoryContextSwitchTo(caller);
				chunked_choose_tile(2, shape, band.dtype, tile_arg, tile, "chunked_from_query");
				band.tile_rows = tile[0];
				band.tile_cols = tile[1];
				band.col_tiles = (len - 1) / tile[1] + 1;
				band.tiles = palloc0(sizeof(Tensor *) * band.col_tiles);
				/* the height is known at the end; until then, as many bands as may be */
				shape[0] = tile[0] * (int64) PG_INT32_MAX;
				if (planning)
				{
					/* marsql.explain: the rows are read and counted, not stored */
					chunked_check_tiling(2, shape, tile);
					result = chunked_new(InvalidOid, band.dtype, 2, shape, tile,
										 PG_ARGISNULL(3));
				}
				else
				{
					result = chunked_create(chunked_optional_text(fcinfo, 3), band.dtype, 2,
											shape, tile);
					store = tile_store_open(result);
					band_alloc(&band, band.tile_rows);
				}
				first = false;
				MemoryContextSwitchTo(row_cxt);
			}
			else if (want == MT_DTYPE_INVALID && from != band.dtype &&
					 !((from == MT_FLOAT32 || from == MT_FLOAT64) &&
					   (band.dtype == MT_FLOAT32 || band.dtype == MT_FLOAT64)))
			{
				/*
				 * Without a dtype argument the array takes row 1's dtype;
				 * numpy would promote across the rows, but the rows before
				 * are stored already.  float32 and float64 rows mix as they
				 * always have (converted to row 1's); any other mix is
				 * refused rather than silently narrowed.
				 */
				ereport(ERROR,
						(errcode(ERRCODE_DATATYPE_MISMATCH),
						 errmsg("chunked_from_query: row " INT64_FORMAT " is %s, row 1 is %s",
								nrows + 1, mt_dtype_name(from), mt_dtype_name(band.dtype)),
						 errhint("Pass the dtype argument to convert every row to one dtype.")));
			}
			if (!first && len != band.ncols)
				ereport(ERROR,
						(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
						 errmsg("chunked_from_query: row " INT64_FORMAT " has " INT64_FORMAT " values, row 1 has " INT64_FORMAT,
								nrows + 1, len, band.ncols)));
			if (!planning)
				band_put_row(&band, data, from, band.filled);
			band.filled++;
			nrows++;
			MemoryContextSwitchTo(caller);
			MemoryContextReset(row_cxt);
			if (planning)
				band.filled %= band.tile_rows;
			else if (band.filled == band.tile_rows)
			{
				band_flush(&band, store);
				for (int64 j = 0; j < band.col_tiles; j++)
				{
					/* reuse the buffers: restore the full height */
					band.tiles[j]->dims[0] = (int32) band.tile_rows;
				}
			}
		}
		SPI_freetuptable(batch);
	}
	if (first)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("chunked_from_query: the query returned no rows")));
	/* the height is known now: the last band's tiles are cut to it */
	CHUNKED_SHAPE(result)[0] = nrows;
	if (CHUNKED_TILE(result)[0] > nrows)
		CHUNKED_TILE(result)[0] = nrows;
	if (band.filled > 0 && !planning)
	{
		store = tile_store_open(result);
		band_flush(&band, store);
	}
	SPI_cursor_close(portal);
	SPI_finish();
	MemoryContextSwitchTo(caller);
	if (!planning)
		chunked_update_catalog(result);
	chunked_explain_copy("from_query", result, !planning);
	PG_RETURN_CHUNKED_P(result);
}
