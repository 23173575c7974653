/*
 * dispatch.h
 *	  The kernel dispatch table: the operations a device implements, as
 *	  function pointers.  The CPU entries (OpenBLAS) are filled when the
 *	  BLAS library is loaded; a GPU module may later replace entries.  Every
 *	  caller goes through mt_kernels, so a new device changes no caller.
 */
#ifndef MARSQL_DISPATCH_H
#define MARSQL_DISPATCH_H

#include "blas.h"

typedef struct MtKernelTable
{
	const char *device;			/* "cpu" */
	const char *library;		/* where the entries come from */

	/*
	 * Row-major C[m,n] = op(A) op(B) with op(A) m x k and op(B) k x n: C
	 * overwritten, or with accumulate C += op(A) op(B).  Extents and
	 * leading dimensions fit in int; zero extents are allowed (an empty k
	 * gives zeros, or leaves C alone when accumulating).  dtype is
	 * float32 or float64; the CPU entry also takes complex64 and
	 * complex128 (a GPU entry never sees them: device.c sends only the
	 * two float dtypes there).
	 */
	void		(*gemm) (MtDtype dtype, bool trans_a, bool trans_b, bool accumulate,
						 int m, int n, int k,
						 const void *a, int lda, const void *b, int ldb,
						 void *c, int ldc);
} MtKernelTable;

/* The table in use; gemm is NULL until mt_kernels_use_cpu has run. */
extern MtKernelTable mt_kernels;

extern void mt_kernels_use_cpu(const MtBlas *blas);

#endif							/* MARSQL_DISPATCH_H */
