/*
 * knn_corpus.c
 *	  Where k-NN vectors come from, a tile at a time, in this backend's
 *	  transaction (so uncommitted rows and temporary tables count):
 *	  - a table (or view) column of real[], float8[] or marsql.tensor, or
 *	    of any type with a cast to real[] such as pgvector's vector, with
 *	    an integer id column and an optional filter, read through an SPI
 *	    cursor a tile at a time, or (the direct path) row by row, the same
 *	    query run into a receiver that scores each row as it comes;
 *	  - the rows of a 2-D chunked tensor, read as bands of whole rows.
 *	  Callers connect SPI first.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "tcop/dest.h"
#include "miscadmin.h"
#include "parser/parse_coerce.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "chunked/chunked.h"
#include "guc.h"
#include "knn/knn.h"

/* rows fetched from the cursor at a time */
#define FETCH_ROWS 1024

typedef enum ColumnKind
{
	COLUMN_FLOAT4_ARRAY,		/* real[], or a type cast to it in the query */
	COLUMN_FLOAT8_ARRAY,
	COLUMN_TENSOR
} ColumnKind;

typedef struct TableCorpus
{
	KnnCorpus	base;
	char	   *sql;
	SPIPlanPtr	plan;
	Portal		portal;
	ColumnKind	kind;
	const char *vector_column;
	bool		at_end;
	MemoryContext row_cxt;		/* detoasted values of one fetch */
} TableCorpus;

typedef struct ChunkedCorpus
{
	KnnCorpus	base;
	TileSource	src;
	int64		rows;
	int64		next_row;
} ChunkedCorpus;

static int64
tile_rows_for(int dims, MtDtype dtype)
{
	int64		rows = marsql_tile_bytes / ((int64) dims * mt_dtype_size(dtype));

	return Max(rows, 1);
}

static AttrNumber
column_of(Oid relid, const char *column)
{
	AttrNumber	att = get_attnum(relid, column);

	if (att == InvalidAttrNumber)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist",
						column, get_rel_name(relid))));
	return att;
}

static ColumnKind
column_kind(Oid relid, const char *column, bool *needs_cast)
{
	Oid			type = get_atttype(relid, column_of(relid, column));
	Oid			func;

	*needs_cast = false;
	type = getBaseType(type);
	if (type == FLOAT4ARRAYOID)
		return COLUMN_FLOAT4_ARRAY;
	if (type == FLOAT8ARRAYOID)
		return COLUMN_FLOAT8_ARRAY;
	if (type == chunked_type_oid("tensor"))
		return COLUMN_TENSOR;
	if (find_coercion_pathway(FLOAT4ARRAYOID, type, COERCION_EXPLICIT, &func) != COERCION_PATH_NONE)
	{
		*needs_cast = true;
		return COLUMN_FLOAT4_ARRAY;
	}
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("column \"%s\" is of type %s, which k-NN cannot read as vectors",
					column, format_type_be(type)),
			 errhint("Use a real[], float8[] or marsql.tensor column, or a type with a cast to real[] such as pgvector's vector.")));
	pg_unreachable();
}

MtDtype
knn_table_column_dtype(Oid relid, const char *vector_column)
{
	bool		cast;

	switch (column_kind(relid, vector_column, &cast))
	{
		case COLUMN_FLOAT8_ARRAY:
			return MT_FLOAT64;
		case COLUMN_FLOAT4_ARRAY:
			return MT_FLOAT32;
		default:
			return MT_DTYPE_INVALID;	/* tensors: whatever the queries are */
	}
}

static void
open_cursor(TableCorpus *tc)
{
	tc->portal = SPI_cursor_open(NULL, tc->plan, NULL, NULL, true);
	tc->at_end = false;
}

/*
 * One vector as dims elements of the corpus dtype, or an error naming the
 * id: a pointer into the (detoasted) value itself when its dtype is the
 * corpus's, else converted into buf.
 */
static const void *
vector_of(TableCorpus *tc, Datum value, int64 id, void *buf)
{
	int			dims = tc->base.dims;
	MtDtype		dtype = tc->base.dtype;
	int64		n;
	const char *src;
	MtDtype		src_dtype;

	if (tc->kind == COLUMN_TENSOR)
	{
		Tensor	   *t = DatumGetTensorAnyDtypeP(value);

		n = t->ndim == 1 ? t->dims[0] : -1;
		src = TENSOR_DATA(t);
		src_dtype = t->dtype;
		if (!mt_dtype_is_float(src_dtype) && !mt_dtype_is_integer(src_dtype))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("the vector of id %lld in column \"%s\" is of dtype %s, which k-NN does not support",
							(long long) id, tc->vector_column, mt_dtype_name(src_dtype)),
					 errdetail("k-NN takes float16, float32, float64 and integer vectors.")));
		if (t->ndim != 1)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("the vector of id %lld in column \"%s\" is a %d-D tensor, not 1-D",
							(long long) id, tc->vector_column, t->ndim)));
	}
	else
	{
		ArrayType  *a = DatumGetArrayTypeP(value);

		if (ARR_HASNULL(a) && array_contains_nulls(a))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("the vector of id %lld in column \"%s\" contains NULL",
							(long long) id, tc->vector_column)));
		n = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
		if (ARR_NDIM(a) > 1)
			n = -1;
		src = ARR_DATA_PTR(a);
		src_dtype = tc->kind == COLUMN_FLOAT8_ARRAY ? MT_FLOAT64 : MT_FLOAT32;
	}
	if (n != dims)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("the vector of id %lld in column \"%s\" has %lld elements, the queries %d",
						(long long) id, tc->vector_column, (long long) n, dims)));
	if (src_dtype == dtype)
		return src;
	if (src_dtype == MT_FLOAT32 && dtype == MT_FLOAT64)
		for (int i = 0; i < dims; i++)
			((double *) buf)[i] = ((const float *) src)[i];
	else if (src_dtype == MT_FLOAT64)
		for (int i = 0; i < dims; i++)
			((float *) buf)[i] = tensor_float32_from_double(((const double *) src)[i]);
	else if (dtype == MT_FLOAT64)
		/* float16 and integer rows (pgvector's halfvec as tensor(float16)) */
		for (int i = 0; i < dims; i++)
			((double *) buf)[i] = mt_load_double(src, src_dtype, i);
	else
		/* float16 widens to float32 exactly, as converting the corpus would */
		for (int i = 0; i < dims; i++)
			((float *) buf)[i] = (float) mt_load_double(src, src_dtype, i);
	return buf;
}

/* one vector into row (dims elements of dtype), or an error naming the id */
static void
read_vector(TableCorpus *tc, Datum value, int64 id, char *row)
{
	const void *v = vector_of(tc, value, id, row);

	if (v != row)
		memcpy(row, v, (Size) tc->base.dims * mt_dtype_size(tc->base.dtype));
}

static bool
table_next_tile(KnnCorpus *corpus, KnnTile *tile)
{
	TableCorpus *tc = (TableCorpus *) corpus;
	Size		row_bytes = (Size) corpus->dims * mt_dtype_size(corpus->dtype);
	int64		n = 0;

	if (tc->at_end)
		return false;
	if (tc->portal == NULL)
		open_cursor(tc);
	tile->rows = palloc_extended(row_bytes * corpus->tile_rows, MCXT_ALLOC_HUGE);
	tile->ids = palloc(sizeof(int64) * corpus->tile_rows);
	tile->id_base = 0;
	while (n < corpus->tile_rows)
	{
		uint64		got;
		MemoryContext old;

		SPI_cursor_fetch(tc->portal, true, Min(FETCH_ROWS, corpus->tile_rows - n));
		got = SPI_processed;
		if (got == 0)
		{
			tc->at_end = true;
			break;
		}
		old = MemoryContextSwitchTo(tc->row_cxt);
		for (uint64 i = 0; i < got; i++)
		{
			HeapTuple	tuple = SPI_tuptable->vals[i];
			bool		null_id,
						null_vector;
			Datum		id = SPI_getbinval(tuple, SPI_tuptable->tupdesc, 1, &null_id);
			Datum		vector = SPI_getbinval(tuple, SPI_tuptable->tupdesc, 2, &null_vector);

			if (null_id)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("the id column of a k-NN corpus contains NULL")));
			if (null_vector)
				continue;		/* no distance: never a neighbour */
			tile->ids[n] = DatumGetInt64(id);
			read_vector(tc, vector, tile->ids[n], (char *) tile->rows + row_bytes * n);
			n++;
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(tc->row_cxt);
		SPI_freetuptable(SPI_tuptable);
		CHECK_FOR_INTERRUPTS();
	}
	tile->nrows = n;
	return n > 0 || !tc->at_end;
}

static void
table_rewind(KnnCorpus *corpus)
{
	TableCorpus *tc = (TableCorpus *) corpus;

	if (tc->portal != NULL)
		SPI_cursor_close(tc->portal);
	tc->portal = NULL;
	tc->at_end = false;
}

KnnCorpus *
knn_table_corpus(Oid relid, const char *vector_column, const char *id_column,
				 const char *filter, MtDtype dtype, int dims, const char *label)
{
	TableCorpus *tc = palloc0(sizeof(TableCorpus));
	Oid			id_type = getBaseType(get_atttype(relid, column_of(relid, id_column)));
	bool		cast;

	if (id_type != INT2OID && id_type != INT4OID && id_type != INT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("id column \"%s\" is of type %s, not an integer type",
						id_column, format_type_be(id_type)),
				 errhint("k-NN ids are smallint, integer or bigint.")));
	tc->kind = column_kind(relid, vector_column, &cast);
	tc->vector_column = pstrdup(vector_column);

	/*
	 * Names are quoted and the types are SQL keywords (always pg_catalog's);
	 * the filter is the caller's own expression, checked to be exactly one
	 * (a newline ends a trailing -- comment before the parenthesis).
	 */
	if (filter)
		knn_check_filter(filter);
	tc->sql = psprintf("SELECT %s::bigint, %s%s FROM %s%s%s%s",
					   quote_identifier(id_column), quote_identifier(vector_column),
					   cast ? "::real[]" : "",
					   quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
												  get_rel_name(relid)),
					   filter ? " WHERE (" : "", filter ? filter : "", filter ? "\n)" : "");
	tc->plan = SPI_prepare(tc->sql, 0, NULL);
	if (tc->plan == NULL)
		elog(ERROR, "SPI_prepare of \"%s\" failed: %s", tc->sql,
			 SPI_result_code_string(SPI_result));
	if (!SPI_is_cursor_plan(tc->plan))
		ereport(ERROR,
				(errcode(ERRCODE_SYNTAX_ERROR),
				 errmsg("the k-NN filter must be one boolean expression")));
	tc->row_cxt = AllocSetContextCreate(CurrentMemoryContext, "marsql knn rows",
										ALLOCSET_DEFAULT_SIZES);
	tc->base.next_tile = table_next_tile;
	tc->base.rewind = table_rewind;
	tc->base.label = label;
	tc->base.dtype = dtype;
	tc->base.dims = dims;
	tc->base.tile_rows = tile_rows_for(dims, dtype);
	/* the cursor opens on the first tile: the direct path needs none */
	tc->portal = NULL;
	tc->at_end = false;
	return &tc->base;
}

/*
 * Every row of a table corpus handed to fn as the executor produces it:
 * the same query as the tiles (so the same privileges, row-level security,
 * view expansion and filter), run through SPI into a receiver of our own
 * instead of a cursor, so rows are neither copied into SPI's tuple table
 * nor into a tile.  The vector points into the row's own (detoasted)
 * value, or into a small buffer when it needs a dtype conversion; it is
 * valid only during the call.
 */
typedef struct RowReceiver
{
	DestReceiver pub;
	TableCorpus *tc;
	KnnRowFn	fn;
	void	   *arg;
	void	   *buf;			/* one converted vector */
	uint64		rows;
} RowReceiver;

static bool
row_receive(TupleTableSlot *slot, DestReceiver *self)
{
	RowReceiver *r = (RowReceiver *) self;
	bool		null_id,
				null_vector;
	Datum		id = slot_getattr(slot, 1, &null_id);
	Datum		vector = slot_getattr(slot, 2, &null_vector);
	MemoryContext old;

	if (null_id)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the id column of a k-NN corpus contains NULL")));
	if (null_vector)
		return true;			/* no distance: never a neighbour */
	old = MemoryContextSwitchTo(r->tc->row_cxt);
	r->fn(r->arg, DatumGetInt64(id),
		  vector_of(r->tc, vector, DatumGetInt64(id), r->buf));
	MemoryContextSwitchTo(old);
	/* detoasted copies (compressed or short values) go every 256 rows */
	if ((++r->rows & 255) == 0)
	{
		MemoryContextReset(r->tc->row_cxt);
		CHECK_FOR_INTERRUPTS();
	}
	return true;
}

static void
row_startup(DestReceiver *self, int operation, TupleDesc typeinfo)
{
	(void) self;
	(void) operation;
	(void) typeinfo;
}

static void
row_nothing(DestReceiver *self)
{
	(void) self;
}

bool
knn_corpus_is_table(const KnnCorpus *corpus)
{
	return corpus->next_tile == table_next_tile;
}

void
knn_table_corpus_each(KnnCorpus *corpus, KnnRowFn fn, void *arg)
{
	TableCorpus *tc = (TableCorpus *) corpus;
	RowReceiver r;
	SPIExecuteOptions options;
	int			rc;

	Assert(corpus->next_tile == table_next_tile);
	memset(&r, 0, sizeof(r));
	r.pub.receiveSlot = row_receive;
	r.pub.rStartup = row_startup;
	r.pub.rShutdown = row_nothing;
	r.pub.rDestroy = row_nothing;
	r.pub.mydest = DestNone;
	r.tc = tc;
	r.fn = fn;
	r.arg = arg;
	r.buf = palloc((Size) corpus->dims * sizeof(double));
	memset(&options, 0, sizeof(options));
	/* read-only, as the cursor of the tiles: the caller's snapshot */
	options.read_only = true;
	options.dest = &r.pub;
	rc = SPI_execute_plan_extended(tc->plan, &options);
	/* a SELECT into a DestNone receiver reports SPI_OK_UTILITY */
	if (rc != SPI_OK_SELECT && rc != SPI_OK_UTILITY)
		elog(ERROR, "SPI_execute_plan_extended of \"%s\" failed: %s", tc->sql,
			 SPI_result_code_string(rc));
	MemoryContextReset(tc->row_cxt);
	pfree(r.buf);
}

/*
 * The vectors a table corpus holds (rows whose vector is not NULL, after
 * the filter), counted with the corpus's own query in this snapshot.
 */
int64
knn_table_corpus_rows(KnnCorpus *corpus)
{
	TableCorpus *tc = (TableCorpus *) corpus;
	char	   *sql = psprintf("SELECT pg_catalog.count(*) FROM (%s) AS corpus (id, vector) "
							   "WHERE vector IS NOT NULL", tc->sql);
	bool		isnull;
	int64		rows;

	Assert(corpus->next_tile == table_next_tile);
	if (SPI_execute(sql, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "SPI_execute of \"%s\" failed", sql);
	rows = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	SPI_freetuptable(SPI_tuptable);
	pfree(sql);
	return isnull ? 0 : rows;
}

/*
 * k clamped to the vectors of a table corpus.  Counting costs a scan, so
 * it happens only for a k above KNN_K_COUNTED, where the lists sized by k
 * would be large; below it they are small whatever the corpus.
 */
int
knn_table_corpus_k(KnnCorpus *corpus, int k)
{
	if (k <= KNN_K_COUNTED)
		return k;
	return knn_k_clamp(k, knn_table_corpus_rows(corpus));
}

static bool
chunked_next_tile(KnnCorpus *corpus, KnnTile *tile)
{
	ChunkedCorpus *cc = (ChunkedCorpus *) corpus;
	int64		lo[2],
				hi[2];
	Tensor	   *band;
	Size		bytes;

	if (cc->next_row >= cc->rows)
		return false;
	lo[0] = cc->next_row;
	hi[0] = Min(cc->rows, cc->next_row + corpus->tile_rows);
	lo[1] = 0;
	hi[1] = corpus->dims;
	band = tile_source_read_block(&cc->src, lo, hi, corpus->dtype);
	bytes = (Size) (hi[0] - lo[0]) * corpus->dims * mt_dtype_size(corpus->dtype);
	if (corpus->borrow)
		tile->rows = TENSOR_DATA(band);	/* read only, before the next tile */
	else
	{
		/* a copy of our own: the source may evict a cached tile */
		tile->rows = palloc_extended(Max(bytes, 1), MCXT_ALLOC_HUGE);
		memcpy(tile->rows, TENSOR_DATA(band), bytes);
	}
	tile->nrows = hi[0] - lo[0];
	tile->ids = NULL;
	tile->id_base = lo[0];
	cc->next_row = hi[0];
	return true;
}

/*
 * Whether a chunked corpus is read through the resident value cache, so
 * that its stored tiles stay in memory across statements (in shared memory
 * with the shared tier, for every backend): when it takes at most half the
 * room of the tier that would keep it.  A larger corpus would only push
 * every other value out, call after call, and be read from TOAST anyway.
 */
static bool
corpus_fits_resident(const ChunkedTensor *ct)
{
	double		bytes = (double) CHUNKED_SHAPE(ct)[0] * (double) CHUNKED_SHAPE(ct)[1] *
		(double) mt_dtype_size((MtDtype) ct->dtype);
	double		room;

	if (marsql_value_cache_size_kb == 0)
		return false;
	if (marsql_value_cache_shared && marsql_shared_cache_size > 0)
		room = (double) marsql_shared_cache_size * 1024;
	else
		room = (double) marsql_value_cache_size_kb * 1024;
	return bytes <= room / 2;
}

static void
chunked_rewind(KnnCorpus *corpus)
{
	((ChunkedCorpus *) corpus)->next_row = 0;
}

KnnCorpus *
knn_chunked_corpus(const ChunkedTensor *ct, MtDtype dtype, const char *label)
{
	ChunkedCorpus *cc = palloc0(sizeof(ChunkedCorpus));
	int64		dims;

	if (ct->ndim != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a k-NN corpus must be a 2-D chunked tensor (one vector per row), not %d-D",
						ct->ndim)));
	dims = CHUNKED_SHAPE(ct)[1];
	knn_check_dims(dims);
	chunked_check_readable(ct);
	tile_source_init_chunked(&cc->src, ct);
	cc->src.resident = corpus_fits_resident(ct);
	cc->rows = CHUNKED_SHAPE(ct)[0];
	cc->base.next_tile = chunked_next_tile;
	cc->base.rewind = chunked_rewind;
	cc->base.label = label;
	cc->base.dtype = dtype;
	cc->base.dims = (int) dims;
	/* whole stored tiles when they are not too large */
	cc->base.tile_rows = Min(CHUNKED_TILE(ct)[0], tile_rows_for((int) dims, dtype));
	return &cc->base;
}

/* the length of the first non-NULL vector of the column, 0 when none */
int
knn_table_vector_length(Oid relid, const char *vector_column)
{
	bool		cast;
	ColumnKind	kind = column_kind(relid, vector_column, &cast);
	char	   *sql = psprintf("SELECT %s%s FROM %s WHERE %s IS NOT NULL LIMIT 1",
							   quote_identifier(vector_column), cast ? "::real[]" : "",
							   quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
														  get_rel_name(relid)),
							   quote_identifier(vector_column));
	bool		isnull;
	Datum		value;
	int64		n;

	if (SPI_execute(sql, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute of \"%s\" failed", sql);
	if (SPI_processed == 0)
		return 0;
	value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (kind == COLUMN_TENSOR)
		n = tensor_size(DatumGetTensorAnyDtypeP(value));
	else
	{
		ArrayType  *a = DatumGetArrayTypeP(value);

		n = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
	}
	knn_check_dims(n);
	return (int) n;
}
