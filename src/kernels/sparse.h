/*
 * sparse.h
 *	  2-D CSR (compressed sparse row) data behind a tensor whose header has
 *	  MT_FLAG_CSR set: the header's dims are the logical (rows, cols); the
 *	  data area holds
 *		int64	nnz
 *		int64	indptr[rows + 1]	row i is entries indptr[i] .. indptr[i+1]-1
 *		int32	indices[nnz]		column of each entry, increasing in a row
 *		padding to 8 bytes
 *		values[nnz]					float32 or float64
 *	  Explicit zeros are never stored.  Pure C, no PostgreSQL headers.
 */
#ifndef MARSQL_SPARSE_H
#define MARSQL_SPARSE_H

#include "tensor_layout.h"

#define MT_FLAG_CSR 0x0001

typedef struct MtCsr
{
	int64_t		rows,
				cols,
				nnz;
	int64_t    *indptr;
	int32_t    *indices;
	void	   *values;
} MtCsr;

/* Bytes of the CSR data area, or 0 when it would not fit in a value. */
extern size_t mt_csr_data_bytes(int64_t rows, int64_t nnz, MtDtype dtype);

/* Points csr's arrays into a data area laid out as above. */
extern void mt_csr_attach(MtCsr *csr, void *data, int64_t rows, int64_t cols,
						  MtDtype dtype);

/* Nonzero elements of a dense rows x cols matrix. */
extern int64_t mt_dense_count_nonzero(const void *dense, MtDtype dtype,
									  int64_t count);

/* Fills an attached csr (nnz already set) from a dense matrix. */
extern void mt_csr_from_dense(MtCsr *csr, const void *dense, MtDtype dtype);

/* Writes the dense form of csr into a zeroed rows x cols buffer. */
extern void mt_csr_to_dense(const MtCsr *csr, MtDtype dtype, void *dense);

/* out (rows x n) = csr (rows x cols) * b (cols x n), row-major; out zeroed. */
extern MtStatus mt_csr_matmul_dense(const MtCsr *csr, MtDtype dtype,
									const void *b, int64_t n, void *out,
									MtPollFn poll, void *poll_arg);

/* Sums along axis 0 (out: cols), axis 1 (out: rows) or all (axis -1: 1). */
extern void mt_csr_sum(const MtCsr *csr, MtDtype dtype, int axis, double *out);

/* Checks an attached csr read from outside: indptr monotone from 0 to nnz,
 * column indices in range and increasing within a row, no stored zeros. */
extern MtStatus mt_csr_validate(const MtCsr *csr, MtDtype dtype, MtError *err);

#endif							/* MARSQL_SPARSE_H */
