/*
 * knn_distance.c
 *	  Distances between two 1-D tensors, with pgvector's names and
 *	  conventions so that `ORDER BY embedding <-> q LIMIT k` reads as it does
 *	  there: l2_distance (<->), inner_product and its negation (<#>),
 *	  cosine_distance (<=>), and l2_normalize.  Computed in float64 on
 *	  the SIMD loops of kernels/distance.h, without allocating per call
 *	  (float16 and integer vectors are converted first, as k-NN does).
 */
#include "postgres.h"


#include "miscadmin.h"

#include "kernels/knn.h"
#include "knn/knn.h"
#include "tensor/tensor.h"

PG_FUNCTION_INFO_V1(knn_l2_distance);
PG_FUNCTION_INFO_V1(knn_l2_squared_distance);
PG_FUNCTION_INFO_V1(knn_inner_product);
PG_FUNCTION_INFO_V1(knn_negative_inner_product);
PG_FUNCTION_INFO_V1(knn_cosine_distance);
PG_FUNCTION_INFO_V1(knn_l2_normalize);

/* widened float32 elements up to this many go on the stack */
#define WIDE_ON_STACK 512

/*
 * A float32 vector against a float64 one: the float32 side widened
 * exactly (as promoting it would), into a buffer on the stack when it is
 * short, so that a call per row of ORDER BY emb <-> q allocates nothing.
 */
static double
mixed_distance(const Tensor *a, const Tensor *b, MtMetric metric)
{
	int			n = a->dims[0];
	double		stack[WIDE_ON_STACK];
	double	   *wide = n <= WIDE_ON_STACK ? stack : palloc(sizeof(double) * (Size) n);
	const float *narrow = (const float *) TENSOR_DATA(a->dtype == MT_FLOAT32 ? a : b);
	double		d;

	for (int i = 0; i < n; i++)
		wide[i] = narrow[i];
	if (a->dtype == MT_FLOAT32)
		d = mt_vector_distance(MT_FLOAT64, metric, n, wide, TENSOR_DATA(b));
	else
		d = mt_vector_distance(MT_FLOAT64, metric, n, TENSOR_DATA(a), wide);
	if (wide != stack)
		pfree(wide);
	return d;
}

static double
vector_distance(FunctionCallInfo fcinfo, MtMetric metric)
{
	Tensor	   *a = PG_GETARG_TENSOR_ANYDTYPE_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_ANYDTYPE_P(1);
	MtDtype		dtype;

	if (a->ndim != 1 || b->ndim != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("distances are between 1-D tensors, not %d-D and %d-D",
						a->ndim, b->ndim),
				 errhint("Use marsql.knn for the distances between the rows of matrices.")));
	if (a->dims[0] != b->dims[0])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("different vector lengths %d and %d", a->dims[0], b->dims[0])));
	/* float16 in float32, integers in float64; bool and complex refused */
	dtype = knn_compute_dtype((MtDtype) a->dtype, (MtDtype) b->dtype);
	if (dtype != a->dtype && a->dtype != MT_FLOAT32)
		a = tensor_convert(a, dtype);
	if (dtype != b->dtype && b->dtype != MT_FLOAT32)
		b = tensor_convert(b, dtype);
	if (a->dtype == b->dtype)
		return mt_vector_distance((MtDtype) a->dtype, metric, a->dims[0],
								  TENSOR_DATA(a), TENSOR_DATA(b));
	return mixed_distance(a, b, metric);
}

Datum
knn_l2_distance(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(vector_distance(fcinfo, MT_METRIC_L2));
}

Datum
knn_l2_squared_distance(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(vector_distance(fcinfo, MT_METRIC_L2_SQUARED));
}

/* the kernel's inner-product "distance" is already negated */
Datum
knn_inner_product(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(-vector_distance(fcinfo, MT_METRIC_INNER_PRODUCT));
}

Datum
knn_negative_inner_product(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(vector_distance(fcinfo, MT_METRIC_INNER_PRODUCT));
}

Datum
knn_cosine_distance(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(vector_distance(fcinfo, MT_METRIC_COSINE));
}

/*
 * Each vector along the last axis scaled to unit L2 norm; a zero vector
 * stays zero (as in pgvector), NaN stays NaN.
 */
Datum
knn_l2_normalize(PG_FUNCTION_ARGS)
{
	Tensor	   *t = PG_GETARG_TENSOR_P(0);
	Tensor	   *out = tensor_new_like(t, t->dtype);
	int64		n = t->ndim == 0 ? 1 : t->dims[t->ndim - 1];
	int64		total = tensor_size(t);

	int64		rows = n > 0 ? total / n : 0;
	Size		elem = mt_dtype_size(t->dtype);

	/* 4096 vectors between interrupt checks */
	for (int64 r = 0; r < rows; r += 4096)
	{
		CHECK_FOR_INTERRUPTS();
		mt_l2_normalize_rows(t->dtype, (const char *) TENSOR_DATA(t) + r * n * elem,
							 (char *) TENSOR_DATA(out) + r * n * elem, Min(4096, rows - r), n);
	}
	PG_RETURN_TENSOR_P(out);
}
