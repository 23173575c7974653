/*
 * chunked_elementwise.c
 *	  Elementwise operations with a chunked operand: the binary operators
 *	  and numpy's add, subtract, multiply, divide, power, maximum and
 *	  minimum between chunked tensors, tensors and scalars, with numpy
 *	  broadcasting; and the unary functions (exp, log, sqrt, ...).
 *
 *	  The result is tiled like the chunked operand that has the result's
 *	  shape.  The other operand's tiles need not line up: each task gets
 *	  the block of it that covers its output tile, cut from whatever tiles
 *	  hold it (tile boundaries are unified on read).
 *
 *	  dtypes are the dense functions' (tensor_elementwise.c), numpy 2's:
 *	  two operands promote with mt_dtype_promote; a SQL number is a weak
 *	  scalar (NEP 50: mt_dtype_promote_scalar; an integer must fit an
 *	  integer operand's dtype); numpy's loop for the op (mt_binary_loop,
 *	  mt_unary_loop) is the dtype the task's blocks are read in, and the
 *	  task runs the same kernels as the dense function, float16 in float32
 *	  narrowed to float16 at the end, so a chunked result equals the dense
 *	  one bit for bit.  A dtype the dense function refuses is refused the
 *	  same way (42804), before any task runs.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "catalog/pg_type.h"
#include "utils/lsyscache.h"

#include "chunked/tile_graph.h"
#include "kernels/broadcast.h"
#include "kernels/elementwise.h"
#include "tensor/tensor_ops.h"

PG_FUNCTION_INFO_V1(chunked_add);
PG_FUNCTION_INFO_V1(chunked_subtract);
PG_FUNCTION_INFO_V1(chunked_multiply);
PG_FUNCTION_INFO_V1(chunked_divide);
PG_FUNCTION_INFO_V1(chunked_power);
PG_FUNCTION_INFO_V1(chunked_maximum);
PG_FUNCTION_INFO_V1(chunked_minimum);
PG_FUNCTION_INFO_V1(chunked_unary);

/* a SQL number operand: a weak scalar */
typedef struct ScalarArg
{
	bool		is_scalar;
	bool		is_int;
	int64		ival;
	double		fval;
} ScalarArg;

/*
 * Argument n as an operand: chunked tensor, tensor (any dtype), or a
 * number (double precision, integer, bigint), which *scalar describes and
 * which scalar_operand makes a tensor of once the dtype is known.
 */
static void
operand_of(FunctionCallInfo fcinfo, int n, TileSource *src, ScalarArg *scalar)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, n);

	memset(scalar, 0, sizeof(*scalar));
	if (type == FLOAT8OID || type == INT4OID || type == INT8OID)
	{
		scalar->is_scalar = true;
		scalar->is_int = type != FLOAT8OID;
		if (type == FLOAT8OID)
			scalar->fval = PG_GETARG_FLOAT8(n);
		else
			scalar->ival = type == INT4OID ? PG_GETARG_INT32(n) : PG_GETARG_INT64(n);
		return;
	}
	if (type == chunked_type_oid("chunked_tensor"))
		tile_source_init_chunked(src, PG_GETARG_CHUNKED_P(n));
	else
		tile_source_init_tensor(src, PG_GETARG_TENSOR_ANYDTYPE_P(n));
}

/*
 * The dtype a weak scalar next to an operand of dtype computes in (as
 * tensor_int_scalar_op / tensor_double_scalar_op), and the scalar as a
 * 0-d tensor of it in src.
 */
static MtDtype
scalar_operand(const ScalarArg *scalar, MtDtype dtype, TileSource *src)
{
	MtDtype		promoted;
	Tensor	   *t;

	if (scalar->is_int)
	{
		promoted = mt_dtype_promote_scalar(dtype, MT_SCALAR_INT);
		if (mt_dtype_is_exact(promoted))
			tensor_check_int_fits(scalar->ival, promoted);
		t = tensor_from_int(scalar->ival, promoted);
	}
	else
	{
		promoted = mt_dtype_promote_scalar(dtype, MT_SCALAR_FLOAT);
		t = tensor_from_scalar(scalar->fval, promoted);
	}
	tile_source_init_tensor(src, t);
	return promoted;
}

/* the block of src that covers [lo, hi) of the broadcast result */
static void
operand_block(const TileSource *src, int ndim, const int64 *lo, const int64 *hi,
			  int64 *slo, int64 *shi)
{
	int			offset = ndim - src->ndim;

	for (int i = 0; i < src->ndim; i++)
	{
		if (src->shape[i] == 1)
		{
			slo[i] = 0;
			shi[i] = 1;
		}
		else
		{
			slo[i] = lo[i + offset];
			shi[i] = hi[i + offset];
		}
	}
}

/* tiles of a result of `shape`: from a chunked operand of that shape */
static void
result_tiling(const TileSource *a, const TileSource *b, int ndim, const int64 *shape,
			  MtDtype dtype, int64 *tile)
{
	const TileSource *from = NULL;

	mt_tile_default(ndim, shape, mt_dtype_size(dtype), chunked_tile_bytes(), tile);
	if (a->ct && a->ndim == ndim)
		from = a;
	else if (b->ct && b->ndim == ndim)
		from = b;
	if (from == NULL)
		return;
	for (int i = 0; i < ndim; i++)
	{
		if (from->shape[i] == shape[i])
			tile[i] = from->grid.tile[i];
	}
}

/* whether the exponent block has a negative value: the dense error */
static void
check_integer_exponent(MtDtype loop, const Tensor *b)
{
	if (mt_dtype_is_integer(loop) && b->dtype == loop &&
		mt_any_negative(loop, TENSOR_DATA(b), tensor_size(b)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION),
				 errmsg("integers to negative integer powers are not allowed"),
				 errhint("Use a float exponent, or convert the base with marsql.astype(t, 'float64').")));
}

static ChunkedTensor *
binary_tiled(MtBinaryOp op, TileSource *a, const ScalarArg *as, TileSource *b,
			 const ScalarArg *bs, const char *target)
{
	TileGraph  *g = tile_graph_begin("elementwise");
	int32		da[MT_MAX_DIMS],
				db[MT_MAX_DIMS];
	int64_t		shape[MT_MAX_DIMS];
	int64		tile[MT_MAX_DIMS];
	int			ndim;
	MtError		err;
	MtDtype		dtype;
	MtDtype		promoted;
	MtDtype		loop;
	ChunkedTensor *result;
	MtTileGrid	grid;
	int			sa,
				sb;

	if (as->is_scalar)
		promoted = scalar_operand(as, b->dtype, a);
	else if (bs->is_scalar)
		promoted = scalar_operand(bs, a->dtype, b);
	else
		promoted = mt_dtype_promote(a->dtype, b->dtype);
	/* numpy's loop: blocks are read in it; dtype is the result's */
	loop = mt_binary_loop(op, promoted, &dtype);
	if (loop == MT_DTYPE_INVALID)
		tensor_refuse_binary_dtype(op, promoted);
	if (op == MT_BINARY_POW && b->ct == NULL)
		check_integer_exponent(loop, tensor_convert(b->tensor, loop));
	for (int i = 0; i < a->ndim; i++)
		da[i] = (int32) Min(a->shape[i], PG_INT32_MAX);
	for (int i = 0; i < b->ndim; i++)
		db[i] = (int32) Min(b->shape[i], PG_INT32_MAX);
	if (mt_broadcast_shape(a->ndim, da, b->ndim, db, &ndim, shape, &err) != MT_OK)
		tensor_report_error(&err, NULL);
	/* extents beyond int32 broadcast only against themselves or 1 */
	for (int i = 0; i < ndim; i++)
	{
		int			ia = i - (ndim - a->ndim),
					ib = i - (ndim - b->ndim);
		int64		ea = ia >= 0 ? a->shape[ia] : 1,
					eb = ib >= 0 ? b->shape[ib] : 1;

		if (ea != 1 && eb != 1 && ea != eb)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("operands could not be broadcast together")));
		shape[i] = ea == 1 ? eb : ea;
	}
	result_tiling(a, b, ndim, (int64 *) shape, dtype, tile);
	sa = tile_graph_add_source(g, a, "a");
	sb = tile_graph_add_source(g, b, "b");
	result = tile_graph_create_result(g, target, dtype, ndim, (int64 *) shape, tile);
	chunked_grid(result, &grid);
	for (int64 t = 0; t < grid.ntiles; t++)
	{
		int64		coords[MT_MAX_DIMS],
					lo[MT_MAX_DIMS],
					hi[MT_MAX_DIMS],
					slo[MT_MAX_DIMS],
					shi[MT_MAX_DIMS];
		int			task = tile_graph_add_task(g, TILE_BINARY, dtype, 2);

		CHECK_FOR_INTERRUPTS();
		g->tasks[task].header.code = op;
		mt_tile_coords(&grid, t, coords);
		mt_tile_bounds(&grid, coords, lo, hi);
		operand_block(a, ndim, lo, hi, slo, shi);
		tile_graph_set_block(g, task, 0, sa, slo, shi, loop);
		operand_block(b, ndim, lo, hi, slo, shi);
		tile_graph_set_block(g, task, 1, sb, slo, shi, loop);
		tile_graph_store_at(g, task, coords);
		g->tasks[task].out_bytes = mt_tile_elements(&grid, coords) * (int64) mt_dtype_size(dtype);
		g->tasks[task].flops = (double) mt_tile_elements(&grid, coords);
	}
	(void) tile_graph_run(g);
	return result;
}

static Datum
binary_entry(FunctionCallInfo fcinfo, MtBinaryOp op)
{
	TileSource	a,
				b;
	ScalarArg	as,
				bs;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	operand_of(fcinfo, 0, &a, &as);
	operand_of(fcinfo, 1, &b, &bs);
	PG_RETURN_CHUNKED_P(binary_tiled(op, &a, &as, &b, &bs,
									 PG_NARGS() > 2 ? chunked_optional_text(fcinfo, 2) : NULL));
}

Datum
chunked_add(PG_FUNCTION_ARGS)
{
	return binary_entry(fcinfo, MT_BINARY_ADD);
}

Datum
chunked_subtract(PG_FUNCTION_ARGS)
{
	return binary_entry(fcinfo, MT_BINARY_SUB);
}

Datum
chunked_multiply(PG_FUNCTION_ARGS)
{
	return binary_entry(fcinfo, MT_BINARY_MUL);
}

Datum
chunked_divide(PG_FUNCTION_ARGS)
{
	return binary_entry(fcinfo, MT_BINARY_DIV);
}

Datum
chunked_power(PG_FUNCTION_ARGS)
{
	return binary_entry(fcinfo, MT_BINARY_POW);
}

Datum
chunked_maximum(PG_FUNCTION_ARGS)
{
	return binary_entry(fcinfo, MT_BINARY_MAXIMUM);
}

Datum
chunked_minimum(PG_FUNCTION_ARGS)
{
	return binary_entry(fcinfo, MT_BINARY_MINIMUM);
}

static const struct
{
	const char *name;
	MtUnaryOp	op;
}			unary_ops[] = {
	{"negative", MT_UNARY_NEG}, {"chunked_negative_op", MT_UNARY_NEG}, {"abs", MT_UNARY_ABS}, {"sqrt", MT_UNARY_SQRT},
	{"exp", MT_UNARY_EXP}, {"log", MT_UNARY_LOG}, {"log1p", MT_UNARY_LOG1P},
	{"expm1", MT_UNARY_EXPM1}, {"sin", MT_UNARY_SIN}, {"cos", MT_UNARY_COS},
	{"tan", MT_UNARY_TAN}, {"tanh", MT_UNARY_TANH}, {"sigmoid", MT_UNARY_SIGMOID},
	{"relu", MT_UNARY_RELU}, {"floor", MT_UNARY_FLOOR}, {"ceil", MT_UNARY_CEIL},
	{"sign", MT_UNARY_SIGN}, {"square", MT_UNARY_SQUARE},
};

/*
 * The unary functions share this entry point; the SQL function's name
 * (exp, log, ...) picks the operation.  Argument 1 is the target.
 */
Datum
chunked_unary(PG_FUNCTION_ARGS)
{
	char	   *name = get_func_name(fcinfo->flinfo->fn_oid);
	ChunkedTensor *ct;
	TileSource	src;
	TileGraph  *g;
	ChunkedTensor *result;
	MtTileGrid	grid;
	int			op = -1;
	int			s;
	MtDtype		loop;
	MtDtype		dtype;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	for (int i = 0; i < (int) lengthof(unary_ops); i++)
	{
		if (name && strcmp(name, unary_ops[i].name) == 0)
			op = unary_ops[i].op;
	}
	if (op < 0)
		elog(ERROR, "chunked_unary called as unknown function \"%s\"", name ? name : "?");
	ct = PG_GETARG_CHUNKED_P(0);
	/* numpy's loop (blocks are read in it) and result dtype, as dense */
	loop = mt_unary_loop((MtUnaryOp) op, (MtDtype) ct->dtype, &dtype);
	if (loop == MT_DTYPE_INVALID)
		tensor_refuse_unary_dtype((MtUnaryOp) op, (MtDtype) ct->dtype);
	tile_source_init_chunked(&src, ct);
	g = tile_graph_begin(name);
	s = tile_graph_add_source(g, &src, "a");
	result = tile_graph_create_result(g, PG_NARGS() > 1 ? chunked_optional_text(fcinfo, 1) : NULL,
									  dtype, ct->ndim, CHUNKED_SHAPE(ct),
									  CHUNKED_TILE(ct));
	chunked_grid(result, &grid);
	for (int64 t = 0; t < grid.ntiles; t++)
	{
		int64		coords[MT_MAX_DIMS],
					lo[MT_MAX_DIMS],
					hi[MT_MAX_DIMS];
		int			task = tile_graph_add_task(g, TILE_UNARY, dtype, 1);

		CHECK_FOR_INTERRUPTS();
		g->tasks[task].header.code = op;
		mt_tile_coords(&grid, t, coords);
		mt_tile_bounds(&grid, coords, lo, hi);
		tile_graph_set_block(g, task, 0, s, lo, hi, loop);
		tile_graph_store_at(g, task, coords);
		g->tasks[task].out_bytes = mt_tile_elements(&grid, coords) * (int64) mt_dtype_size(dtype);
		g->tasks[task].flops = (double) mt_tile_elements(&grid, coords);
	}
	(void) tile_graph_run(g);
	PG_RETURN_CHUNKED_P(result);
}
