/*
 * tensor_ops.h
 *	  Tensor operations that one SQL glue file offers another (dot uses the
 *	  elementwise product, norm uses the SVD, ...).  Each returns a new
 *	  tensor and raises PostgreSQL errors.
 */
#ifndef MARSQL_TENSOR_OPS_H
#define MARSQL_TENSOR_OPS_H

#include "kernels/elementwise.h"
#include "kernels/reduce.h"
#include "tensor/tensor.h"

/* tensor_elementwise.c */
extern Tensor *tensor_binary_op(Tensor *a, Tensor *b, MtBinaryOp op);
extern Tensor *tensor_unary_op(Tensor *t, MtUnaryOp op);
/* 42804 as the dense functions raise it for a dtype with no numpy loop */
extern void tensor_refuse_binary_dtype(MtBinaryOp op, MtDtype dtype) pg_attribute_noreturn();
extern void tensor_refuse_unary_dtype(MtUnaryOp op, MtDtype dtype) pg_attribute_noreturn();
/* a 0-d tensor of dtype holding c; 22003 unless c fits an integer dtype */
extern Tensor *tensor_from_int(int64 c, MtDtype dtype);
extern void tensor_check_int_fits(int64 c, MtDtype dtype);
/* a 0-d tensor of a float/complex dtype holding value (rounded as a cast
 * does: too large for float32 is infinity) */
extern Tensor *tensor_from_scalar(double value, MtDtype dtype);
/* t op c, or c op t when scalar_first, for a SQL number c: numpy's weak
 * scalars (an integer c must fit an integer tensor's dtype) */
extern Tensor *tensor_int_scalar_op(Tensor *t, int64 c, MtBinaryOp op,
									bool scalar_first);
extern Tensor *tensor_double_scalar_op(Tensor *t, double c, MtBinaryOp op,
									   bool scalar_first);

/* tensor_matmul.c */
extern Tensor *tensor_matmul(Tensor *a, Tensor *b);
/* on a DeviceMode (device/device.h); tensor_matmul follows marsql.device */
extern Tensor *tensor_matmul_on(Tensor *a, Tensor *b, int device);
extern Tensor *tensor_tensordot(Tensor *a, Tensor *b, int naxes,
								const int *axes_a, const int *axes_b);

/* tensor_shape.c */
extern Tensor *tensor_transpose(Tensor *t, const int *perm);

/* tensor_shape.c, shared with tensor_assemble.c: the tensors of a tensor[]
 * argument (NULLs refused; 22023 when empty or not one-dimensional), tensors
 * of one ndim joined along an existing axis (dtypes promoted), and t cut
 * along axis at bounds[0..pieces] into a tensor[] result. */
extern Tensor **tensor_array_tensors(ArrayType *arr, int *count);
extern Tensor *tensor_concatenate_list(Tensor **ts, int count, int axis);
extern ArrayType *tensor_split_bounds(FunctionCallInfo fcinfo, Tensor *t,
									  int axis, const int64 *bounds,
									  int pieces);

/* tensor_sparse.c: the sparse paths */
extern Tensor *tensor_csr_scalar_op(Tensor *s, MtBinaryOp op, double scalar,
									bool scalar_first);
extern Tensor *tensor_csr_unary(Tensor *s, MtUnaryOp op);
extern Tensor *tensor_csr_matmul(Tensor *s, Tensor *b);
extern Tensor *tensor_csr_sum(Tensor *s, bool axis_null, int axis, bool keepdims);

/* tensor_subscript.c: one axis of a selection, an index (drops the axis)
 * or a slice (Python's start:stop:step, bounds omitted when not has_) */
typedef struct AxisSelection
{
	bool		is_index;
	int64		index;
	bool		has_start,
				has_stop;
	int64		start,
				stop,
				step;
} AxisSelection;

/* the view (extents, element strides; returns the first element's offset)
 * that selections of t's first n axes address, the rest kept whole */
extern int64 tensor_selection_view(const Tensor *t, int n,
								   const AxisSelection *sel, int *ndim,
								   int64 *dims, int64 *strides);

/* the selections of slice(t, start, stop, step); NULL arrays are omitted
 * bounds; returns how many axes they address */
extern int	tensor_slice_selection(ArrayType *start, ArrayType *stop,
								   ArrayType *step, AxisSelection *sel);

/* tensor_indexing.c: numpy t[sel] = v on a copy of t (v converted to t's
 * dtype and broadcast to the selection) */
extern Tensor *tensor_assign_selection(Tensor *t, int n,
									   const AxisSelection *sel, Tensor *v);

/* tensor_linalg.c: singular values of a 2-D matrix, descending */
extern Tensor *tensor_singular_values(Tensor *a);

/*
 * A tensor argument of a numpy.linalg function: float32, float64,
 * complex64 and complex128 as given, bool and integers as float64, float16
 * refused (42804).  fn names the function in the message.
 */
extern Tensor *tensor_linalg_operand(Tensor *t, const char *fn);

/* tensor_reduce.c: a reduction along axis (all axes when axis_null), and
 * cumsum / cumprod (flattened when axis_null), numpy's dtypes */
extern Tensor *tensor_reduce(Tensor *t, MtReduceOp op, bool axis_null, int axis,
							 bool keepdims, double param);
extern Tensor *tensor_accumulate(Tensor *t, bool prod, bool axis_null, int axis);

#endif							/* MARSQL_TENSOR_OPS_H */
