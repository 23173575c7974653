/*
 * sparse_text.h
 *	  Text form of a CSR tensor:
 *		csr(3,4):{(0,1):2.5,(2,3):-1}
 *		csr float32(3,4):{}
 *	  entries "(row,col):value" in increasing (row, col) order, no zeros.
 *	  Output writes the same form.  Pure C.
 */
#ifndef MARSQL_SPARSE_TEXT_H
#define MARSQL_SPARSE_TEXT_H

#include "sparse.h"

/* True when the literal is a CSR literal (starts with "csr", any case). */
extern bool mt_csr_text_is_csr(const char *input);

/*
 * Parses the literal.  With csr == NULL only checks it and sets rows,
 * cols, dtype (MT_DTYPE_INVALID when not given) and nnz; otherwise fills
 * csr (attached, with room for nnz entries) as dtype.
 */
extern MtStatus mt_csr_text_parse(const char *input, int64_t *rows,
								  int64_t *cols, MtDtype *dtype, int64_t *nnz,
								  MtCsr *csr, MtDtype fill_dtype, MtError *err);

#endif							/* MARSQL_SPARSE_TEXT_H */
