/*
 * gradient.h
 *	  numpy.gradient along one axis (pure C, no PostgreSQL).
 */
#ifndef MARSQL_GRADIENT_H
#define MARSQL_GRADIENT_H

#include <stdbool.h>
#include <stdint.h>

#include "tensor_layout.h"

/*
 * The gradient of in (float64, comps 1, or complex128 as interleaved
 * parts, comps 2; shape outer x len x inner elements) along the middle
 * axis into out (same layout): second-order central differences inside,
 * first- or second-order one-sided differences (edge_order 1 or 2) at
 * the ends, numpy's formulas.  dx holds the len - 1 spacings, or is NULL
 * for the uniform spacing h.  len >= edge_order + 1 (checked by the
 * caller).  Returns false when poll reported a cancel.
 */
extern bool mt_gradient_axis(const double *in, double *out, int64_t outer,
							 int64_t len, int64_t inner, int comps,
							 const double *dx, double h, int edge_order,
							 MtPollFn poll, void *poll_arg);

#endif							/* MARSQL_GRADIENT_H */
