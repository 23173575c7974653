/*
 * guc.h
 *	  Every marsql.* setting, registered in one place.
 */
#ifndef MARSQL_GUC_H
#define MARSQL_GUC_H

/* marsql.blas_threads: OpenBLAS threads per call (default: online cores) */
extern int	marsql_blas_threads;

extern void marsql_define_gucs(void);

#endif							/* MARSQL_GUC_H */
