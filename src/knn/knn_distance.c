/*
 * knn_distance.c
 *	  Distances between two 1-D tensors, with pgvector's names and
 *	  conventions so that `ORDER BY embedding <-> q LIMIT k` reads as it does
 *	  there: l2_distance (<->), inner_product and its negation (<#>),
 *	  cosine_distance (<=>), and l2_normalize.  Computed in float64.
 */
#include "postgres.h"


#include "miscadmin.h"

#include "kernels/knn.h"
#include "tensor/tensor.h"

PG_FUNCTION_INFO_V1(knn_l2_distance);
PG_FUNCTION_INFO_V1(knn_l2_squared_distance);
PG_FUNCTION_INFO_V1(knn_inner_product);
PG_FUNCTION_INFO_V1(knn_negative_inner_product);
PG_FUNCTION_INFO_V1(knn_cosine_distance);
PG_FUNCTION_INFO_V1(knn_l2_normalize);

static double
vector_distance(FunctionCallInfo fcinfo, MtMetric metric)
{
	Tensor	   *a = PG_GETARG_TENSOR_P(0);
	Tensor	   *b = PG_GETARG_TENSOR_P(1);
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
	dtype = tensor_promote(&a, &b);
	return mt_vector_distance(dtype, metric, a->dims[0], TENSOR_DATA(a), TENSOR_DATA(b));
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
