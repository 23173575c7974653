/*
 * indexing.h
 *	  Pure C kernels of numpy's advanced indexing, for every dtype: elements
 *	  are moved as opaque blocks of bytes (a dtype's size, or a row of them),
 *	  so no kernel here converts or computes a value.  Owns: numpy's truth
 *	  of an element, reading index tensors of any integer dtype with
 *	  negative indices and bounds checks, boolean-mask selection and
 *	  assignment, gathers along an axis, nonzero coordinates, the
 *	  take_along_axis / put_along_axis walk, choose, select, put, and the
 *	  scatter of a contiguous buffer into a strided view (slice assignment).
 *
 *	  Shapes, broadcasting and dtype promotion are the glue's business
 *	  (src/tensor/tensor_indexing.c); these kernels get contiguous buffers
 *	  and checked counts.  Long loops call the poll callback and return
 *	  MT_ERR_CANCELED when it asks them to stop.
 */
#ifndef MARSQL_INDEXING_H
#define MARSQL_INDEXING_H

#include "tensor_layout.h"

/* numpy's truth of element i: nonzero; NaN is true, -0.0 false, a complex
 * value is true when either part is */
extern bool mt_element_nonzero(const void *data, MtDtype dtype, int64_t i);

/* how many of n elements are nonzero */
extern int64_t mt_count_nonzero(const void *data, MtDtype dtype, int64_t n);

/*
 * Reads n indices of an integer dtype into out as 0 .. len-1; with
 * allow_negative, -len .. -1 count from the end.  Returns -1 when every
 * index is in range, else the position of the first one that is not and
 * its value in *bad.
 */
extern int64_t mt_read_indices(const void *idx, MtDtype dtype, int64_t n,
							   int64_t len, bool allow_negative,
							   int64_t *out, int64_t *bad);

/*
 * src is outer x len blocks of `block` bytes; dst gets, for each outer o,
 * the blocks idx[0 .. count-1] of that row (numpy.take along an axis).
 */
extern MtStatus mt_gather(const char *src, size_t block, int64_t outer,
						  int64_t len, const int64_t *idx, int64_t count,
						  char *dst, MtPollFn poll, void *poll_arg);

/* The n blocks of src whose mask byte is nonzero, in order, into dst
 * (numpy a[mask]). */
extern MtStatus mt_mask_select(const char *src, size_t block,
							   const uint8_t *mask, int64_t n, char *dst,
							   MtPollFn poll, void *poll_arg);

/*
 * numpy a[mask] = v: the k-th block of dst whose mask byte is nonzero gets
 * values + k * values_step (values_step 0: the same block each time).
 */
extern MtStatus mt_mask_assign(char *dst, size_t block, const uint8_t *mask,
							   int64_t n, const char *values,
							   size_t values_step, MtPollFn poll,
							   void *poll_arg);

/*
 * The coordinates of the nonzero elements of data (shape ndim, dims;
 * `count` of them, as mt_count_nonzero says), as int64: by_axis true
 * writes out[d * count + k] (numpy's nonzero as an (ndim, count) array),
 * false out[k * ndim + d] (numpy.argwhere).
 */
extern MtStatus mt_nonzero_coords(const void *data, MtDtype dtype, int ndim,
								  const int64_t *dims, int64_t count,
								  bool by_axis, int64_t *out, MtPollFn poll,
								  void *poll_arg);

/*
 * take_along_axis / put_along_axis.  The walk covers the index shape
 * (ndim, dims) in C order; at position p the element of arr is the one at
 * p with the coordinate on `axis` replaced by idx[p] (already checked, 0 ..
 * len-1), found through arr_strides (in elements; 0 on a broadcast axis).
 * write false: vals[p] = arr[...] (vals is contiguous, the walk's shape);
 * write true: arr[...] = vals[p], later positions winning as numpy's do.
 */
extern MtStatus mt_along_axis(char *arr, const int64_t *arr_strides, int axis,
							  int ndim, const int64_t *dims,
							  const int64_t *idx, char *vals, size_t elem,
							  bool write, MtPollFn poll, void *poll_arg);

/* numpy.choose on buffers of one shape: dst[i] = choices[which[i]][i] */
extern MtStatus mt_choose(const int64_t *which, int64_t n,
						  const char *const *choices, size_t elem, char *dst,
						  MtPollFn poll, void *poll_arg);

/*
 * numpy.select on bool buffers conds[0 .. m-1] and choices of one shape:
 * dst[i] is choices[k][i] for the first k whose conds[k][i] is true, else
 * deflt[i].
 */
extern MtStatus mt_select(const uint8_t *const *conds,
						  const char *const *choices, int m,
						  const char *deflt, int64_t n, size_t elem,
						  char *dst, MtPollFn poll, void *poll_arg);

/* numpy.put: dst[idx[i]] = values[i % nvalues] for i < n (nvalues > 0). */
extern MtStatus mt_put(char *dst, size_t elem, const int64_t *idx, int64_t n,
					   const char *values, int64_t nvalues, MtPollFn poll,
					   void *poll_arg);

/*
 * numpy.putmask (by_count false): dst[i] = values[i % nvalues] where
 * mask element i (any dtype) is nonzero; numpy.place (by_count true): the
 * k-th such element gets values[k % nvalues].  nvalues > 0.
 */
extern MtStatus mt_putmask(char *dst, size_t elem, const void *mask,
						   MtDtype mask_dtype, int64_t n, const char *values,
						   int64_t nvalues, bool by_count, MtPollFn poll,
						   void *poll_arg);

/*
 * numpy.unravel_index: flat (0 .. size-1, checked) into ndim coordinates,
 * out[d * n + i].  numpy.ravel_multi_index: coords[d * n + i] into flat;
 * returns -1, or the position of the first coordinate out of its extent
 * (the coordinate's value in *bad).
 */
extern void mt_unravel(const int64_t *flat, int64_t n, int ndim,
					   const int64_t *dims, int64_t *out);
extern int64_t mt_ravel(const void *coords, MtDtype dtype, int64_t n, int ndim,
						const int64_t *dims, int64_t *out, int64_t *bad);

/*
 * tril_indices / triu_indices: the (i, j) of an (n, m) matrix with j <= i + k
 * (upper false) or j >= i + k (upper true), in C order; returns how many.
 * With out NULL only counts, else writes rows out[0 .. count-1] and
 * cols out[count .. 2 count - 1].
 */
extern int64_t mt_tri_indices(int64_t n, int64_t m, int64_t k, bool upper,
							  int64_t *out, int64_t count);

/* numpy.indices: out[d * size + i] is the coordinate on axis d of flat
 * position i of the grid (ndim, dims) of size elements */
extern void mt_grid_indices(int ndim, const int64_t *dims, int64_t size,
							int64_t *out);

/*
 * The inverse of mt_strided_copy: the contiguous src, in C order, written
 * into the view (dims, strides in elements) whose first element is dst.
 */
extern MtStatus mt_strided_scatter(size_t elem, int ndim, const int64_t *dims,
								   const int64_t *strides, const char *src,
								   char *dst, MtPollFn poll, void *poll_arg);

#endif							/* MARSQL_INDEXING_H */
