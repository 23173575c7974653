/*
 * einsum.h
 *	  numpy.einsum: parsing an Einstein-summation subscripts string against
 *	  the operands' shapes, and the general strided contraction loop.
 *	  Operands come in one of three compute dtypes (int64, float64,
 *	  complex128: the glue converts); the sum of products is accumulated in
 *	  that type (int64 wraps, as numpy's integer loops do after narrowing)
 *	  and stored into the result dtype.  Pure C, no postgres.h.
 */
#ifndef MARSQL_EINSUM_H
#define MARSQL_EINSUM_H

#include "tensor_layout.h"

/* labels: 'A'..'Z' are 0..25, 'a'..'z' 26..51, ellipsis dims 52.. */
#define MT_EINSUM_LETTERS 52
#define MT_EINSUM_MAX_LABELS (MT_EINSUM_LETTERS + MT_MAX_DIMS)
/* most operands, as numpy 1.x's NPY_MAXARGS */
#define MT_EINSUM_MAX_OPS 32

typedef struct MtEinsumPlan
{
	int			nops;
	int			nlabels;		/* labels in use, output ones first */
	int			out_ndim;
	int64_t		label_size[MT_EINSUM_MAX_LABELS];
	int64_t		out_dims[MT_MAX_DIMS];
	/* per operand, per label: element stride (0 when absent/broadcast) */
	int64_t		strides[MT_EINSUM_MAX_OPS][MT_EINSUM_MAX_LABELS];
	/* per label: its original code (a letter's 0..51, '...' axes 52..) */
	int			label_code[MT_EINSUM_MAX_LABELS];
	/* per operand, per axis: its label (numbered as above) */
	int			axis_label[MT_EINSUM_MAX_OPS][MT_MAX_DIMS];
} MtEinsumPlan;

/*
 * Parses subs (len bytes) for nops operands of the given ranks and shapes.
 * At most MT_EINSUM_MAX_OPS operands.  Returns
 * MT_OK, MT_ERR_SYNTAX (malformed subscripts, wrong operand count, bad
 * output) or MT_ERR_SHAPE (sizes that disagree); err->detail says which.
 */
extern MtStatus mt_einsum_parse(const char *subs, size_t len, int nops,
								const int *ndims, const int64_t *const *dims,
								MtEinsumPlan *plan,
								MtError *err);

/*
 * The contraction: ops[k] are the operands' data in compute dtype
 * (MT_INT64, MT_FLOAT64 or MT_COMPLEX128); result is written in dtype
 * result (its compute dtype must be the same family; MT_BOOL with int64
 * gives "any product nonzero").  Returns MT_OK or MT_ERR_CANCELED.
 */
extern MtStatus mt_einsum(const MtEinsumPlan *plan, MtDtype compute,
						  const void *const *ops, MtDtype result, void *dst,
						  MtPollFn poll, void *poll_arg);

/*
 * A two-operand plan as a batched matrix product: no index repeated within
 * an operand, no extent-1 broadcast, no index summed within one operand.
 * Then a transposed by perm_a is (batch..., kept of a..., summed...) and b
 * transposed by perm_b is (batch..., summed..., kept of b...); the product
 * of those as (nbatch, m, k) and (nbatch, k, n) stacks, seen with the
 * extents in prod_dims (batch, a's kept, b's kept: prod_ndim of them), is
 * the output after the transpose out_perm.  *bmk gets nbatch, m, k, n.
 */
extern bool mt_einsum_as_matmul(const MtEinsumPlan *plan, const int *ndims,
								const int64_t *const *dims, int *perm_a,
								int *perm_b, int64_t *bmkn, int *prod_ndim,
								int64_t *prod_dims, int *out_perm);

/* the subscript letter of a label code below MT_EINSUM_LETTERS */
extern char mt_einsum_letter(int code);

/* the compute dtype operands of a result dtype are converted to */
extern MtDtype mt_einsum_compute_dtype(MtDtype result);

#endif							/* MARSQL_EINSUM_H */
