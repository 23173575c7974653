/*
 * chunked_read.c
 *	  Reading a chunked tensor back: whole into one tensor (when it fits in
 *	  a value), a block of it (marsql.slice), its tiles as rows
 *	  (marsql.tiles), and its matrix rows into a new table
 *	  (marsql.to_table); and marsql.drop.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/regproc.h"
#include "utils/memutils.h"

#include "chunked/chunked.h"
#include "kernels/dtype_cast.h"
#include "kernels/float16.h"

PG_FUNCTION_INFO_V1(chunked_to_tensor_sql);
PG_FUNCTION_INFO_V1(chunked_slice);
PG_FUNCTION_INFO_V1(chunked_tiles);
PG_FUNCTION_INFO_V1(chunked_to_table);
PG_FUNCTION_INFO_V1(chunked_drop_sql);

/* reads [lo, hi) of ct as one tensor, with SPI connected around it */
static Tensor *
read_block(const ChunkedTensor *ct, const int64 *lo, const int64 *hi)
{
	MemoryContext caller = CurrentMemoryContext;
	TileSource	src;
	Tensor	   *t;
	int64		dims[MT_MAX_DIMS] = {0};

	for (int i = 0; i < ct->ndim; i++)
		dims[i] = hi[i] - lo[i];
	/* the size check and its 54000 error come before any read */
	{
		MtError		err;
		int64_t		count;
		size_t		bytes;

		if (mt_shape_check(ct->ndim, (const int64_t *) dims, (MtDtype) ct->dtype,
						   &count, &bytes, &err) != MT_OK)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("chunked_tensor block is too large for one tensor value"),
					 errdetail("%s", err.detail),
					 errhint("Read a smaller block with marsql.slice, or tile by tile with marsql.tiles.")));
	}
	chunked_check_readable(ct);
	tile_source_init_chunked(&src, ct);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(caller);
	t = tile_source_read_block(&src, lo, hi, (MtDtype) ct->dtype);
	/* a whole single tile comes back from the cache: copy it out */
	t = (Tensor *) PG_DETOAST_DATUM_COPY(PointerGetDatum(t));
	SPI_finish();
	MemoryContextSwitchTo(caller);
	return t;
}

Tensor *
chunked_to_tensor(const ChunkedTensor *ct)
{
	int64		lo[MT_MAX_DIMS] = {0};

	/* read_block checks the size first, then whether there is data */
	return read_block(ct, lo, CHUNKED_SHAPE(ct));
}

Datum
chunked_to_tensor_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_TENSOR_P(chunked_to_tensor(PG_GETARG_CHUNKED_P(0)));
}

/* numpy's slice bounds: negative counts from the end, clipped to [0, n] */
static int64
clip_index(int64 i, int64 n)
{
	if (i < 0)
		i += n;
	return i < 0 ? 0 : (i > n ? n : i);
}

static int
bound_array(FunctionCallInfo fcinfo, int arg, int ndim, int64 *out, const char *what)
{
	ArrayType  *a;
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (PG_ARGISNULL(arg))
		return 0;
	a = PG_GETARG_ARRAYTYPE_P(arg);
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", what)));
	deconstruct_array(a, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &nulls, &n);
	if (n > ndim)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has %d entries but the array has %d dimensions", what, n, ndim)));
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			return i;			/* caller treats the rest as whole */
		out[i] = DatumGetInt64(elems[i]);
	}
	return n;
}

/*
 * marsql.slice(ct, start bigint[], stop bigint[]): the block
 * [start, stop) as a tensor, with numpy's rules for negative and
 * out-of-range bounds; missing or NULL entries mean the whole dimension.
 */
Datum
chunked_slice(PG_FUNCTION_ARGS)
{
	ChunkedTensor *ct;
	int64		start[MT_MAX_DIMS],
				stop[MT_MAX_DIMS],
				lo[MT_MAX_DIMS],
				hi[MT_MAX_DIMS];
	int			nstart,
				nstop;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	ct = PG_GETARG_CHUNKED_P(0);
	chunked_check_readable(ct);
	nstart = bound_array(fcinfo, 1, ct->ndim, start, "start");
	nstop = bound_array(fcinfo, 2, ct->ndim, stop, "stop");
	for (int i = 0; i < ct->ndim; i++)
	{
		int64		n = CHUNKED_SHAPE(ct)[i];

		lo[i] = i < nstart ? clip_index(start[i], n) : 0;
		hi[i] = i < nstop ? clip_index(stop[i], n) : n;
		if (hi[i] < lo[i])
			hi[i] = lo[i];
	}
	PG_RETURN_TENSOR_P(read_block(ct, lo, hi));
}

/*
 * marsql.tiles(ct, with_data): one row per tile -- coordinates, element
 * range, shape, and the tile itself when asked.  The rows go through a
 * tuplestore, which spills to disk beyond work_mem.
 */
Datum
chunked_tiles(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ChunkedTensor *ct;
	bool		with_data = !PG_ARGISNULL(1) && PG_GETARG_BOOL(1);
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext tile_cxt;
	MtTileGrid	grid;
	TileStore  *store = NULL;

	InitMaterializedSRF(fcinfo, 0);
	/* not STRICT for the optional with_data: a NULL tensor has no tiles */
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	ct = PG_GETARG_CHUNKED_P(0);
	chunked_grid(ct, &grid);
	if (with_data)
		chunked_check_readable(ct);
	tile_cxt = AllocSetContextCreate(caller, "marsql tiles", ALLOCSET_DEFAULT_SIZES);
	if (with_data)
	{
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		MemoryContextSwitchTo(tile_cxt);
		store = tile_store_open(ct);
	}
	for (int64 t = 0; t < grid.ntiles; t++)
	{
		int64		coords[MT_MAX_DIMS],
					lo[MT_MAX_DIMS],
					hi[MT_MAX_DIMS],
					shape[MT_MAX_DIMS];
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, !with_data};

		CHECK_FOR_INTERRUPTS();
		MemoryContextSwitchTo(tile_cxt);
		mt_tile_coords(&grid, t, coords);
		mt_tile_bounds(&grid, coords, lo, hi);
		for (int i = 0; i < ct->ndim; i++)
			shape[i] = hi[i] - lo[i];
		values[0] = chunked_int4_array(ct->ndim, coords);
		values[1] = chunked_int8_array(ct->ndim, lo);
		values[2] = chunked_int8_array(ct->ndim, hi);
		values[3] = chunked_int4_array(ct->ndim, shape);
		values[4] = with_data ? PointerGetDatum(tile_store_read(store, coords)) : (Datum) 0;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(caller);
		if (!with_data)
			MemoryContextReset(tile_cxt);
	}
	if (with_data)
		SPI_finish();
	MemoryContextSwitchTo(caller);
	MemoryContextDelete(tile_cxt);
	return (Datum) 0;
}

/*
 * The SQL type of a to_table value of dtype: the narrowest that holds
 * every value exactly (float16 widens to real, int8 and uint8 to
 * smallint).  Complex has none: 42804.
 */
typedef struct RowType
{
	const char *name;			/* of one element */
	Oid			elem;
	Oid			array;
	int			typlen;
	bool		byval;
	char		align;
} RowType;

static RowType
row_type_of(MtDtype dtype)
{
	RowType		r;

	switch (dtype)
	{
		case MT_BOOL:
			r = (RowType) {"boolean", BOOLOID, BOOLARRAYOID, 1, true, TYPALIGN_CHAR};
			break;
		case MT_INT8:
		case MT_UINT8:
		case MT_INT16:
			r = (RowType) {"smallint", INT2OID, INT2ARRAYOID, 2, true, TYPALIGN_SHORT};
			break;
		case MT_INT32:
			r = (RowType) {"integer", INT4OID, INT4ARRAYOID, 4, true, TYPALIGN_INT};
			break;
		case MT_INT64:
			r = (RowType) {"bigint", INT8OID, INT8ARRAYOID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE};
			break;
		case MT_FLOAT16:
		case MT_FLOAT32:
			r = (RowType) {"real", FLOAT4OID, FLOAT4ARRAYOID, 4, true, TYPALIGN_INT};
			break;
		case MT_FLOAT64:
			r = (RowType) {"double precision", FLOAT8OID, FLOAT8ARRAYOID, 8, FLOAT8PASSBYVAL,
			TYPALIGN_DOUBLE};
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("to_table does not support dtype %s", mt_dtype_name(dtype)),
					 errdetail("A SQL column has no complex type."),
					 errhint("Write marsql.real(...) and marsql.imag(...) of slices, or read the tiles with marsql.tiles(ct, true).")));
			r = (RowType) {NULL, InvalidOid, InvalidOid, 0, false, 0};
	}
	return r;
}

/* element i of data (dtype) as a datum of its RowType */
static Datum
row_element(const void *data, MtDtype dtype, int64 i)
{
	switch (dtype)
	{
		case MT_BOOL:
			return BoolGetDatum(((const uint8 *) data)[i] != 0);
		case MT_INT8:
		case MT_UINT8:
		case MT_INT16:
			return Int16GetDatum((int16) mt_load_int64(data, dtype, i));
		case MT_INT32:
			return Int32GetDatum(((const int32 *) data)[i]);
		case MT_INT64:
			return Int64GetDatum(((const int64 *) data)[i]);
		case MT_FLOAT16:
			return Float4GetDatum(mt_half_to_float(((const uint16 *) data)[i]));
		case MT_FLOAT32:
			return Float4GetDatum(((const float *) data)[i]);
		default:
			return Float8GetDatum(((const double *) data)[i]);
	}
}

/*
 * marsql.to_table(ct, target): a new table with the array's rows along
 * its last axis -- (i bigint, value) for 1-D and 2-D arrays, (index
 * bigint[], value) above -- filled one band of tiles at a time.  Returns
 * the number of rows.
 */
Datum
chunked_to_table(PG_FUNCTION_ARGS)
{
	ChunkedTensor *ct;
	char	   *target;
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext band_cxt;
	char	   *qualified;
	char	   *relname;
	Oid			nspid;
	RowType		rt;
	int			ndim;
	int64		ncols;
	MtTileGrid	grid;
	int64		band_count = 1;
	int64		written = 0;
	SPIPlanPtr	insert;
	Oid			types[2];
	TileSource	src;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("to_table needs an array and a target table name")));
	ct = PG_GETARG_CHUNKED_P(0);
	target = text_to_cstring(PG_GETARG_TEXT_PP(1));
	chunked_check_readable(ct);
	ndim = ct->ndim;
	rt = row_type_of((MtDtype) ct->dtype);
	ncols = CHUNKED_SHAPE(ct)[ndim - 1];
	chunked_grid(ct, &grid);
	for (int i = 0; i < ndim - 1; i++)
		band_count *= grid.count[i];

	/* the INSERTs name the schema the table is created in, not search_path */
	qualified = chunked_creation_name(target, &relname, &nspid);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(caller);
	{
		const char *key = ndim <= 2 ? "i bigint" : "index bigint[]";
		const char *value = ndim == 1 ? rt.name : psprintf("%s[]", rt.name);

		if (SPI_execute(psprintf("CREATE TABLE %s (%s PRIMARY KEY, value %s NOT NULL)",
								 qualified, key, value), false, 0) != SPI_OK_UTILITY)
			elog(ERROR, "could not create the target table");
		MemoryContextSwitchTo(caller);
		types[0] = ndim <= 2 ? INT8OID : INT8ARRAYOID;
		types[1] = ndim == 1 ? rt.elem : rt.array;
		insert = SPI_prepare(psprintf("INSERT INTO %s VALUES ($1, $2)", qualified), 2, types);
		if (insert == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		MemoryContextSwitchTo(caller);
	}
	tile_source_init_chunked(&src, ct);
	band_cxt = AllocSetContextCreate(caller, "marsql to_table band", ALLOCSET_DEFAULT_SIZES);

	for (int64 b = 0; b < band_count; b++)
	{
		int64		coords[MT_MAX_DIMS] = {0},
					lo[MT_MAX_DIMS],
					hi[MT_MAX_DIMS],
					rem = b;
		Tensor	   *block;
		int64		nrows = 1;
		size_t		elem = mt_dtype_size((MtDtype) ct->dtype);

		/* the band: one tile along each leading axis, the whole last axis */
		for (int i = ndim - 2; i >= 0; i--)
		{
			coords[i] = rem % grid.count[i];
			rem /= grid.count[i];
		}
		mt_tile_bounds(&grid, coords, lo, hi);
		lo[ndim - 1] = 0;
		hi[ndim - 1] = ncols;
		MemoryContextSwitchTo(band_cxt);
		block = tile_source_read_block(&src, lo, hi, (MtDtype) ct->dtype);
		for (int i = 0; i < ndim - 1; i++)
			nrows *= hi[i] - lo[i];

		for (int64 r = 0; r < (ndim == 1 ? ncols : nrows); r++)
		{
			Datum		values[2];
			int64		idx[MT_MAX_DIMS];
			int64		q = r;
			int			rc;

			CHECK_FOR_INTERRUPTS();
			if (ndim == 1)
			{
				values[0] = Int64GetDatum(r);
				values[1] = row_element(TENSOR_DATA(block), (MtDtype) ct->dtype, r);
			}
			else
			{
				Datum	   *e = palloc(sizeof(Datum) * ncols);
				char	   *row = (char *) TENSOR_DATA(block) + (size_t) (r * ncols) * elem;

				for (int i = ndim - 2; i >= 0; i--)
				{
					idx[i] = lo[i] + q % (hi[i] - lo[i]);
					q /= hi[i] - lo[i];
				}
				values[0] = ndim == 2 ? Int64GetDatum(idx[0]) : chunked_int8_array(ndim - 1, idx);
				for (int64 c = 0; c < ncols; c++)
					e[c] = row_element(row, (MtDtype) ct->dtype, c);
				values[1] = PointerGetDatum(construct_array(e, (int) ncols, rt.elem,
															rt.typlen, rt.byval, rt.align));
				pfree(e);
			}
			rc = SPI_execute_plan(insert, values, NULL, false, 0);
			MemoryContextSwitchTo(band_cxt);
			if (rc != SPI_OK_INSERT)
				elog(ERROR, "could not insert a row: %s", SPI_result_code_string(rc));
			written++;
		}
		MemoryContextSwitchTo(caller);
		MemoryContextReset(band_cxt);
		if (ndim == 1)
			break;
	}
	SPI_finish();
	MemoryContextSwitchTo(caller);
	PG_RETURN_INT64(written);
}

Datum
chunked_drop_sql(PG_FUNCTION_ARGS)
{
	chunked_drop(PG_GETARG_CHUNKED_P(0));
	PG_RETURN_VOID();
}
