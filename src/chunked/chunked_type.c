/*
 * chunked_type.c
 *	  The marsql.chunked_tensor descriptor: construction, text I/O and the
 *	  accessors (shape, tile shape, dtype, storage, tile count, size).
 *
 *	  The text form names the storage relation as regclass does and then
 *	  describes the array: `m float32 (20000, 20000) tiles (4096, 4096)`.
 *	  Input looks the relation up in marsql.arrays; a description after the
 *	  name must match what the catalog says.
 *
 *	  The binary form is a version byte (1) and then the text form with the
 *	  relation name always schema-qualified (pg_temp for the session's own
 *	  temporary tables), so that binary clients (psycopg 3's binary
 *	  cursors, COPY BINARY) can read and send the type.  Binary input runs
 *	  every check of text input and, since a client may forge the bytes,
 *	  also requires SELECT on the storage table.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "catalog/namespace.h"
#include "libpq/pqformat.h"
#include "utils/acl.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/regproc.h"
#include "utils/syscache.h"

#include "chunked/chunked.h"
#include "guc.h"

PG_FUNCTION_INFO_V1(chunked_tensor_in);
PG_FUNCTION_INFO_V1(chunked_tensor_out);
PG_FUNCTION_INFO_V1(chunked_tensor_send);
PG_FUNCTION_INFO_V1(chunked_tensor_recv);
PG_FUNCTION_INFO_V1(chunked_tensor_open);
PG_FUNCTION_INFO_V1(chunked_tensor_shape);
PG_FUNCTION_INFO_V1(chunked_tensor_tile_shape);
PG_FUNCTION_INFO_V1(chunked_tensor_ndim);
PG_FUNCTION_INFO_V1(chunked_tensor_size);
PG_FUNCTION_INFO_V1(chunked_tensor_dtype);
PG_FUNCTION_INFO_V1(chunked_tensor_storage);
PG_FUNCTION_INFO_V1(chunked_tensor_ntiles);
PG_FUNCTION_INFO_V1(chunked_tensor_nbytes);

ChunkedTensor *
chunked_new(Oid storage, MtDtype dtype, int ndim, const int64 *shape,
			const int64 *tile, bool temporary)
{
	Size		len = offsetof(ChunkedTensor, dims) + sizeof(int64) * 2 * ndim;
	ChunkedTensor *ct = palloc0(len);

	SET_VARSIZE(ct, len);
	ct->storage = storage;
	ct->ndim = (uint8) ndim;
	ct->dtype = (uint8) dtype;
	ct->flags = temporary ? CHUNKED_TEMPORARY : 0;
	for (int i = 0; i < ndim; i++)
	{
		CHUNKED_SHAPE(ct)[i] = shape[i];
		CHUNKED_TILE(ct)[i] = tile[i];
	}
	return ct;
}

void
chunked_grid(const ChunkedTensor *ct, MtTileGrid *grid)
{
	if (mt_tile_grid_init(grid, ct->ndim, CHUNKED_SHAPE(ct), CHUNKED_TILE(ct)) != MT_OK)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("chunked_tensor descriptor is corrupted")));
}

int64
chunked_total_bytes(const ChunkedTensor *ct)
{
	double		n = (double) mt_dtype_size((MtDtype) ct->dtype);

	for (int i = 0; i < ct->ndim; i++)
		n *= (double) CHUNKED_SHAPE(ct)[i];
	return n > (double) PG_INT64_MAX ? PG_INT64_MAX : (int64) n;
}

static void
append_extents(StringInfo buf, int ndim, const int64 *dims)
{
	appendStringInfoChar(buf, '(');
	for (int i = 0; i < ndim; i++)
		appendStringInfo(buf, "%s" INT64_FORMAT, i > 0 ? ", " : "", dims[i]);
	if (ndim == 1)
		appendStringInfoChar(buf, ',');
	appendStringInfoChar(buf, ')');
}

/* "float32 (20000, 20000) tiles (4096, 4096)" */
char *
chunked_describe(const ChunkedTensor *ct)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "%s ", mt_dtype_name((MtDtype) ct->dtype));
	append_extents(&buf, ct->ndim, CHUNKED_SHAPE(ct));
	appendStringInfoString(&buf, " tiles ");
	append_extents(&buf, ct->ndim, CHUNKED_TILE(ct));
	return buf.data;
}

int64
chunked_tile_bytes(void)
{
	return Min((int64) marsql_tile_bytes,
			   (int64) (MaxAllocSize - MT_HEADER_BYTES(MT_MAX_DIMS)));
}

void
chunked_choose_tile(int ndim, const int64 *shape, MtDtype dtype,
					ArrayType *tile, int64 *out, const char *what)
{
	int			given[MT_MAX_DIMS];
	int			n;

	if (tile == NULL)
	{
		mt_tile_default(ndim, shape, mt_dtype_size(dtype), chunked_tile_bytes(), out);
		return;
	}
	n = tensor_int_array(tile, given, MT_MAX_DIMS, "tile");
	if (n != ndim)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: tile has %d dimensions but the array has %d", what, n, ndim),
				 errhint("Give one tile extent per dimension, or NULL for the default from marsql.tile_bytes.")));
	for (int i = 0; i < ndim; i++)
	{
		if (given[i] < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: tile extents must be positive", what),
					 errdetail("Dimension %d has tile extent %d.", i, given[i])));
		out[i] = given[i];
		if (shape[i] > 0 && out[i] > shape[i])
			out[i] = shape[i];
	}
	/* a tile is a tensor: it must fit in one value */
	{
		int64		dims[MT_MAX_DIMS];

		for (int i = 0; i < ndim; i++)
			dims[i] = out[i];
		tensor_check_shape(ndim, dims, dtype);
	}
}

/*
 * Splits "name rest" at the end of the (possibly qualified, possibly
 * quoted) relation name.
 */
static char *
split_relation_name(const char *input, const char **rest)
{
	const char *p = input;
	bool		quoted = false;

	while (*p == ' ')
		p++;
	input = p;
	for (; *p; p++)
	{
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == ' ' || *p == '\t' || *p == '\n'))
			break;
	}
	*rest = p;
	while (**rest == ' ' || **rest == '\t' || **rest == '\n')
		(*rest)++;
	return pnstrdup(input, p - input);
}

Datum
chunked_tensor_in(PG_FUNCTION_ARGS)
{
	const char *input = PG_GETARG_CSTRING(0);
	const char *rest;
	char	   *name = split_relation_name(input, &rest);
	List	   *names;
	Oid			relid;
	ChunkedTensor *ct;

	if (name[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type chunked_tensor: \"%s\"", input),
				 errhint("Give the name of the table that stores the array.")));
	names = stringToQualifiedNameList(name);
	relid = RangeVarGetRelid(makeRangeVarFromNameList(names), NoLock, false);
	ct = chunked_open(relid);
	if (*rest != '\0')
	{
		char	   *expected = chunked_describe(ct);

		if (strcmp(rest, expected) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("chunked_tensor \"%s\" does not match its storage", input),
					 errdetail("The table \"%s\" holds %s.", name, expected)));
	}
	PG_RETURN_CHUNKED_P(ct);
}

Datum
chunked_tensor_out(PG_FUNCTION_ARGS)
{
	ChunkedTensor *ct = PG_GETARG_CHUNKED_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	if (!OidIsValid(ct->storage))
		appendStringInfoString(&buf, "(planned)");
	else
	{
		char	   *name = get_rel_name(ct->storage);

		if (name == NULL)
			appendStringInfo(&buf, "%u", ct->storage);	/* dropped, as regclass */
		else
			appendStringInfoString(&buf,
								   DatumGetCString(DirectFunctionCall1(regclassout,
																	   ObjectIdGetDatum(ct->storage))));
	}
	appendStringInfo(&buf, " %s", chunked_describe(ct));
	PG_RETURN_CSTRING(buf.data);
}

#define CHUNKED_BINARY_VERSION 1

Datum
chunked_tensor_send(PG_FUNCTION_ARGS)
{
	ChunkedTensor *ct = PG_GETARG_CHUNKED_P(0);
	char	   *name = OidIsValid(ct->storage) ? get_rel_name(ct->storage) : NULL;
	StringInfoData buf;
	StringInfoData text;

	if (!OidIsValid(ct->storage))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("a planned chunked_tensor has no binary form"),
				 errdetail("marsql.explain plans the operations of a query without running them; its result names no storage.")));
	if (name == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("the storage table of this chunked_tensor no longer exists"),
				 errdetail("The table had OID %u.", ct->storage)));
	initStringInfo(&text);
	{
		Oid			nsp = get_rel_namespace(ct->storage);

		appendStringInfo(&text, "%s %s",
						 quote_qualified_identifier(isTempNamespace(nsp) ? "pg_temp" : get_namespace_name(nsp),
													name),
						 chunked_describe(ct));
	}
	pq_begintypsend(&buf);
	pq_sendint8(&buf, CHUNKED_BINARY_VERSION);
	pq_sendtext(&buf, text.data, text.len);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
chunked_tensor_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	int			nbytes;
	char	   *text;
	ChunkedTensor *ct;
	AclResult	acl;

	if (buf->len - buf->cursor < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for chunked_tensor"),
				 errdetail("The message is empty.")));
	version = pq_getmsgint(buf, 1);
	if (version != CHUNKED_BINARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for chunked_tensor"),
				 errdetail("Format version %d is not supported; this server reads version %d.",
						   version, CHUNKED_BINARY_VERSION)));
	text = pq_getmsgtext(buf, buf->len - buf->cursor, &nbytes);
	if (strlen(text) != (size_t) nbytes)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for chunked_tensor"),
				 errdetail("The text contains a zero byte.")));
	/* every check of text input: the table exists, is registered, matches */
	ct = DatumGetChunkedP(DirectFunctionCall1(chunked_tensor_in, CStringGetDatum(text)));
	acl = pg_class_aclcheck(ct->storage, GetUserId(), ACL_SELECT);
	if (acl != ACLCHECK_OK)
		aclcheck_error(acl, OBJECT_TABLE, get_rel_name(ct->storage));
	PG_RETURN_CHUNKED_P(ct);
}

/* marsql.chunked_tensor(regclass): reopens a stored array */
Datum
chunked_tensor_open(PG_FUNCTION_ARGS)
{
	PG_RETURN_CHUNKED_P(chunked_open(PG_GETARG_OID(0)));
}

Datum
chunked_int4_array(int n, const int64 *values)
{
	Datum	   *elems = palloc(sizeof(Datum) * (n > 0 ? n : 1));

	for (int i = 0; i < n; i++)
		elems[i] = Int32GetDatum((int32) values[i]);
	return PointerGetDatum(construct_array(elems, n, INT4OID, 4, true, TYPALIGN_INT));
}

void
chunked_check_tiling(int ndim, const int64 *shape, const int64 *tile)
{
	MtTileGrid	grid;

	if (mt_tile_grid_init(&grid, ndim, shape, tile) != MT_OK)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many tiles for a chunked_tensor"),
				 errhint("Use larger tiles.")));
}

Datum
chunked_int8_array(int n, const int64 *values)
{
	Datum	   *elems = palloc(sizeof(Datum) * (n > 0 ? n : 1));

	for (int i = 0; i < n; i++)
		elems[i] = Int64GetDatum(values[i]);
	return PointerGetDatum(construct_array(elems, n, INT8OID, 8, FLOAT8PASSBYVAL,
										   TYPALIGN_DOUBLE));
}

Datum
chunked_tensor_shape(PG_FUNCTION_ARGS)
{
	ChunkedTensor *ct = PG_GETARG_CHUNKED_P(0);

	PG_RETURN_DATUM(chunked_int8_array(ct->ndim, CHUNKED_SHAPE(ct)));
}

Datum
chunked_tensor_tile_shape(PG_FUNCTION_ARGS)
{
	ChunkedTensor *ct = PG_GETARG_CHUNKED_P(0);

	PG_RETURN_DATUM(chunked_int8_array(ct->ndim, CHUNKED_TILE(ct)));
}

Datum
chunked_tensor_ndim(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_CHUNKED_P(0)->ndim);
}

Datum
chunked_tensor_size(PG_FUNCTION_ARGS)
{
	ChunkedTensor *ct = PG_GETARG_CHUNKED_P(0);
	int64		n = 1;

	for (int i = 0; i < ct->ndim; i++)
	{
		if (pg_mul_s64_overflow(n, CHUNKED_SHAPE(ct)[i], &n))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("chunked_tensor size is out of range for bigint")));
	}
	PG_RETURN_INT64(n);
}

Datum
chunked_tensor_nbytes(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(chunked_total_bytes(PG_GETARG_CHUNKED_P(0)));
}

Datum
chunked_tensor_dtype(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(mt_dtype_name((MtDtype) PG_GETARG_CHUNKED_P(0)->dtype)));
}

Datum
chunked_tensor_storage(PG_FUNCTION_ARGS)
{
	ChunkedTensor *ct = PG_GETARG_CHUNKED_P(0);

	if (!OidIsValid(ct->storage))
		PG_RETURN_NULL();
	PG_RETURN_OID(ct->storage);
}

Datum
chunked_tensor_ntiles(PG_FUNCTION_ARGS)
{
	MtTileGrid	grid;

	chunked_grid(PG_GETARG_CHUNKED_P(0), &grid);
	PG_RETURN_INT64(grid.ntiles);
}

char *
chunked_optional_text(FunctionCallInfo fcinfo, int n)
{
	return PG_ARGISNULL(n) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(n));
}

ArrayType *
chunked_optional_array(FunctionCallInfo fcinfo, int n)
{
	return PG_ARGISNULL(n) ? NULL : PG_GETARG_ARRAYTYPE_P(n);
}

int
chunked_shape_from_array(ArrayType *shape, int64 *dims)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(shape) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("shape must be a one-dimensional array")));
	deconstruct_array(shape, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &n);
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a chunked_tensor needs at least one dimension")));
	if (n > MT_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("number of dimensions (%d) exceeds the maximum allowed (%d)",
						n, MT_MAX_DIMS)));
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("shape must not contain nulls")));
		dims[i] = DatumGetInt64(elems[i]);
		if (dims[i] < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("chunked_tensor extents must be positive"),
					 errdetail("Dimension %d has extent " INT64_FORMAT ".", i, dims[i])));
	}
	return n;
}

Oid
chunked_type_oid(const char *name)
{
	Oid			type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
									   CStringGetDatum(name),
									   ObjectIdGetDatum(get_namespace_oid("marsql", false)));

	if (!OidIsValid(type))
		elog(ERROR, "type marsql.%s is missing", name);
	return type;
}
