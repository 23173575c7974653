/*
 * knn_args.c
 *	  What every k-NN entry point shares: checking the metric, k and the
 *	  queries, sizing searches to work_mem, and returning neighbour lists
 *	  as rows (query, rank, id, distance).
 */
#include "postgres.h"

#include "executor/spi.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "parser/parser.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "knn/knn.h"

MtMetric
knn_metric_arg(text *name)
{
	char	   *s = text_to_cstring(name);
	MtMetric	m = mt_metric_from_name(s);

	if (m == MT_METRIC_INVALID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown k-NN metric \"%s\"", s),
				 errhint("Use l2, l2_squared, inner_product (ip) or cosine.")));
	return m;
}

int
knn_k_arg(int32 k)
{
	if (k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k must be at least 1, not %d", k)));
	return k;
}

/*
 * k for a corpus of rows vectors: at most rows, as numpy's argpartition and
 * FAISS do (a corpus smaller than k gives all its rows).  Callers clamp
 * before they allocate anything sized by k; 0 for an empty corpus.
 */
int
knn_k_clamp(int k, int64 rows)
{
	if (rows <= 0)
		return 0;
	return (int64) k > rows ? (int) rows : k;
}

/* where a syntax error of a filter points: into the filter, not the query */
static void
filter_error_callback(void *arg)
{
	const char *sql = (const char *) arg;
	int			pos = geterrposition();

	if (pos > 0)
	{
		errposition(0);
		internalerrposition(pos);
		internalerrquery(sql);
	}
	errcontext("k-NN filter \"%s\"", (const char *) arg + strlen("SELECT "));
}

static void
filter_refuse(const char *filter, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_SYNTAX_ERROR),
			 errmsg("the k-NN filter must be one boolean expression"),
			 errdetail("The filter \"%s\" %s.", filter, what),
			 errhint("Write a condition on the corpus's columns, as after WHERE, such as category = 3 AND price < 10.")));
}

/*
 * Checks that filter is exactly one expression, so that it can be spliced
 * as "WHERE (filter)" into a query without changing that query's shape:
 * text like "true) UNION ALL SELECT ... WHERE (true" would otherwise append
 * rows of its own.  It is parsed as "SELECT filter", which must give one
 * plain SELECT of one unnamed target and nothing else.  Sub-selects inside
 * the expression stay allowed: they are part of one expression and run, as
 * the whole filter does, as the caller (on a peer, as the mapped user).
 */
void
knn_check_filter(const char *filter)
{
	char	   *sql = psprintf("SELECT %s", filter);
	ErrorContextCallback callback;
	List	   *stmts;
	SelectStmt *select;
	ResTarget  *target;

	callback.callback = filter_error_callback;
	callback.arg = sql;
	callback.previous = error_context_stack;
	error_context_stack = &callback;
	stmts = raw_parser(sql, RAW_PARSE_DEFAULT);
	error_context_stack = callback.previous;

	if (list_length(stmts) != 1)
		filter_refuse(filter, list_length(stmts) == 0 ? "is empty" : "holds several statements");
	select = (SelectStmt *) linitial_node(RawStmt, stmts)->stmt;
	if (!IsA(select, SelectStmt) || select->op != SETOP_NONE)
		filter_refuse(filter, "combines queries");
	if (select->valuesLists != NIL)
		filter_refuse(filter, "is a VALUES list");
	if (select->targetList == NIL)
		filter_refuse(filter, "is empty");
	if (list_length(select->targetList) != 1)
		filter_refuse(filter, "is a list of expressions");
	if (select->distinctClause != NIL || select->intoClause != NULL ||
		select->fromClause != NIL || select->whereClause != NULL ||
		select->groupClause != NIL || select->groupDistinct ||
		select->havingClause != NULL || select->windowClause != NIL ||
		select->sortClause != NIL || select->limitOffset != NULL ||
		select->limitCount != NULL || select->lockingClause != NIL ||
		select->withClause != NULL)
		filter_refuse(filter, "has clauses of a query");
	target = linitial_node(ResTarget, select->targetList);
	if (target->name != NULL)
		filter_refuse(filter, "names its result");
	if (IsA(target->val, ColumnRef) &&
		IsA(llast(((ColumnRef *) target->val)->fields), A_Star))
		filter_refuse(filter, "is a star");
	pfree(sql);
}

void
knn_check_dims(int64 dims)
{
	if (dims < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k-NN vectors must have at least one element")));
	if (dims > KNN_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("k-NN vectors of %lld elements are too long", (long long) dims),
				 errdetail("The limit is %d elements.", KNN_MAX_DIMS)));
}

MtDtype
knn_vector_dtype(MtDtype dtype)
{
	if (dtype == MT_DTYPE_INVALID || dtype == MT_FLOAT32 || dtype == MT_FLOAT64)
		return dtype;
	if (dtype == MT_FLOAT16)
		return MT_FLOAT32;
	if (mt_dtype_is_integer(dtype))
		return MT_FLOAT64;
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("k-NN does not support vectors of dtype %s", mt_dtype_name(dtype)),
			 errdetail("k-NN takes float16, float32, float64 and integer vectors."),
			 errhint("Convert with marsql.astype(t, 'float32').")));
	pg_unreachable();
}

MtDtype
knn_compute_dtype(MtDtype a, MtDtype b)
{
	a = knn_vector_dtype(a);
	b = knn_vector_dtype(b);
	if (a == MT_DTYPE_INVALID && b == MT_DTYPE_INVALID)
		return MT_FLOAT64;		/* two tensor columns: rows widen exactly */
	if (a == MT_DTYPE_INVALID)
		return b;
	if (b == MT_DTYPE_INVALID)
		return a;
	return mt_dtype_promote(a, b);
}

Tensor *
knn_queries_arg(Tensor *queries, MtDtype dtype)
{
	int64		dims[2];

	/* bool and complex vectors are refused whatever dtype is asked for */
	(void) knn_vector_dtype((MtDtype) queries->dtype);
	if (queries->ndim == 1)
	{
		dims[0] = 1;
		dims[1] = queries->dims[0];
		queries = tensor_reshaped(queries, 2, dims);
	}
	else if (queries->ndim != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k-NN queries must be a 1-D or 2-D tensor, not %d-D", queries->ndim),
				 errhint("Pass one query as a vector, or several as the rows of a matrix.")));
	knn_check_dims(queries->dims[1]);
	if (queries->dtype != dtype)
		queries = tensor_convert(queries, dtype);
	return queries;
}

MtNeighbors *
knn_neighbors_new(int nq, int k)
{
	MtNeighbors *nb = palloc(sizeof(MtNeighbors));
	Size		entries = (Size) Max(nq, 1) * k;

	nb->nq = nq;
	nb->k = k;
	nb->count = palloc0(sizeof(int32) * Max(nq, 1));
	nb->distance = palloc_extended(sizeof(double) * entries, MCXT_ALLOC_HUGE);
	nb->id = palloc_extended(sizeof(int64) * entries, MCXT_ALLOC_HUGE);
	return nb;
}

void
knn_emit(ReturnSetInfo *rsinfo, const MtNeighbors *nb, const int64 *query_ids,
		 int64 query_base, bool query_bigint)
{
	Datum		values[4];
	bool		nulls[4] = {0};

	for (int q = 0; q < nb->nq; q++)
	{
		int64		query = query_ids ? query_ids[q] : query_base + q;

		CHECK_FOR_INTERRUPTS();
		values[0] = query_bigint ? Int64GetDatum(query) : Int32GetDatum((int32) query);
		for (int r = 0; r < nb->count[q]; r++)
		{
			values[1] = Int32GetDatum(r + 1);
			values[2] = Int64GetDatum(nb->id[(Size) q * nb->k + r]);
			values[3] = Float8GetDatum(nb->distance[(Size) q * nb->k + r]);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
}

Size
knn_scratch_checked(const MtKnnProblem *p, size_t bytes)
{
	if (bytes == 0 || bytes > MaxAllocHugeSize / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("k-NN with k = %d needs too much memory", p->k),
				 errhint("Use a smaller k.")));
	return (Size) bytes;
}

void *
knn_scratch(const MtKnnProblem *p)
{
	/* palloc aligns to MAXALIGN (8), which is all the kernel needs */
	return palloc_extended(knn_scratch_checked(p, mt_knn_scratch_bytes(p)), MCXT_ALLOC_HUGE);
}

/*
 * Each query holds k + a margin candidates per thread while it is searched
 * (16 bytes each), and k results: keep that within work_mem, but never
 * fewer than 64 queries at once, below which the GEMM loses its speed.
 */
int
knn_query_batch(int nq, int k, int threads)
{
	double		per_query = 16.0 * ((double) (k + 8 + k / 4) * Max(threads, 1) + k);
	double		fit = (double) work_mem * 1024.0 / per_query;
	int			batch = fit >= nq ? nq : (int) fit;

	return Max(Min(batch, nq), Min(nq, 64));
}

void
knn_require_args(FunctionCallInfo fcinfo, const char *function, int n,
				 const char *const *names)
{
	for (int i = 0; i < n; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument \"%s\" of %s must not be NULL", names[i], function)));
}

void
knn_connect_spi(void)
{
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
}
