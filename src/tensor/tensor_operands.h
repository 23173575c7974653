/*
 * tensor_operands.h
 *	  The operands of a two-argument ufunc whose SQL forms take a tensor
 *	  or a number on either side (bitwise, gcd, heaviside, nextafter, ...):
 *	  one C function serves every form, reading each argument by its SQL
 *	  type.  A number is numpy's weak scalar (NEP 50); lanes are the
 *	  widened int64 or double buffers the kernels of bitwise.h and
 *	  math_extra.h compute on.
 */
#ifndef MARSQL_TENSOR_OPERANDS_H
#define MARSQL_TENSOR_OPERANDS_H

#include "tensor/tensor.h"

typedef struct TensorOperand
{
	Tensor	   *t;				/* NULL for a number */
	MtScalarKind kind;			/* of a number */
	int64		ival;
	double		dval;
} TensorOperand;

/* argument argno: a tensor (any dtype), a bigint/integer or a double */
extern void tensor_operand_arg(FunctionCallInfo fcinfo, int argno,
							   TensorOperand *op);

/* numpy's raw dtype of the operand: the tensor's, or int64/float64 */
extern MtDtype tensor_operand_dtype(const TensorOperand *op);

/*
 * The dtype two operands compute in: promote_types of two tensors (of
 * their inexact dtypes when float_only, as numpy picks a float loop), or
 * the tensor's dtype with a weak scalar; both are then tensors of that
 * dtype, broadcast to one shape (*ndim, dims).  An integer that does not
 * fit an integer dtype is 22003 (numpy 2's OverflowError).
 */
extern MtDtype tensor_operands_prepare(TensorOperand *a, TensorOperand *b,
									   bool float_only, int *ndim,
									   int64 *dims);

/* the 42804 of numpy's TypeError for a ufunc without a loop */
extern void tensor_refuse_ufunc_dtype(const char *fname, MtDtype dtype)
			pg_attribute_noreturn();

/* t (bool or an integer dtype) widened to int64 lanes, and back */
extern int64 *tensor_int_lanes(Tensor *t);
extern Tensor *tensor_from_int_lanes(const int64 *lanes, int ndim,
									 const int64 *dims, MtDtype dtype);

/* t (a real dtype) widened to double lanes, and rounded once back */
extern double *tensor_double_lanes(Tensor *t);
extern Tensor *tensor_from_double_lanes(const double *lanes, int ndim,
										const int64 *dims, MtDtype dtype);

/*
 * A float64 (or complex128) tensor rounded once to dtype (float16/32/64,
 * complex64/128) as numpy's loops store results: to nearest, overflow to
 * infinity, never an error (tensor_convert refuses out-of-range values).
 */
extern Tensor *tensor_round_doubles(Tensor *t, MtDtype dtype);

#endif							/* MARSQL_TENSOR_OPERANDS_H */
