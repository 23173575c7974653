/*
 * elements.h
 *	  Pure C element-level helpers over raw tensor data of either dtype:
 *	  loads, dtype conversion with PostgreSQL's range rules, comparison with
 *	  PostgreSQL's float ordering, hashing, and numpy's isclose.
 */
#ifndef MARSQL_ELEMENTS_H
#define MARSQL_ELEMENTS_H

#include "dtype_cast.h"
#include "tensor_layout.h"

/* Element i as a double (any dtype; complex: the real part). */
static inline double
mt_load(const void *data, MtDtype dtype, int64_t i)
{
	if (dtype == MT_FLOAT32)
		return ((const float *) data)[i];
	if (dtype == MT_FLOAT64)
		return ((const double *) data)[i];
	return mt_load_double(data, dtype, i);
}

/* mt_cast without the reason: returns the index of the first element that
 * does not convert (dtype_cast.h), or -1 when all do. */
extern int64_t mt_convert(const void *src, MtDtype src_dtype, void *dst,
						  MtDtype dst_dtype, int64_t n);

/* PostgreSQL's float order: NaN equals NaN and sorts above everything,
 * -0 equals 0.  Returns <0, 0, >0. */
static inline int
mt_compare_double(double a, double b)
{
	if (a != a)
		return b != b ? 0 : 1;
	if (b != b)
		return -1;
	return a < b ? -1 : (a > b ? 1 : 0);
}

/* Orders tensors by ndim, then shape, then elements in C order, each
 * element by its exact value (mt_compare_elements).  dtype does not take
 * part: float32 1.5 equals float64 1.5 and int64 2 equals float16 2. */
extern int	mt_compare_tensors(int ndim_a, const int32_t *dims_a,
							   MtDtype dtype_a, const void *data_a,
							   int ndim_b, const int32_t *dims_b,
							   MtDtype dtype_b, const void *data_b,
							   int64_t count);

/*
 * PostgreSQL's float order extended to every dtype, by exact value: NaN
 * equals NaN and sorts above everything, -0 equals 0, an int64 beyond 2^53
 * is compared exactly with a double; complex values order by real part,
 * then imaginary part (numpy's sort order), a real value having imaginary
 * part 0.
 */
extern int	mt_compare_elements(const void *a, MtDtype dtype_a, int64_t i,
								const void *b, MtDtype dtype_b, int64_t j);

/* A hash consistent with mt_compare_tensors. */
extern uint64_t mt_hash_tensor(int ndim, const int32_t *dims, MtDtype dtype,
							   const void *data, int64_t count, uint64_t seed);

/* numpy.isclose for one pair. */
static inline bool
mt_isclose(double a, double b, double rtol, double atol, bool equal_nan)
{
	double		diff;

	if (a != a || b != b)
		return equal_nan && a != a && b != b;
	if (a == b)
		return true;			/* also equal infinities */
	diff = a - b;
	if (diff != diff || diff - diff != 0.0)
		return false;			/* one side infinite */
	return (diff < 0 ? -diff : diff) <= atol + rtol * (b < 0 ? -b : b);
}

/* numpy.isclose for a float32 pair: numpy computes |a - b| <= atol + rtol
 * * |b| in float32 then, the tolerances rounded to float32. */
static inline bool
mt_isclose_f32(float a, float b, float rtol, float atol, bool equal_nan)
{
	float		diff;

	if (a != a || b != b)
		return equal_nan && a != a && b != b;
	if (a == b)
		return true;
	if (a - a != 0.0f || b - b != 0.0f)
		return false;			/* one side infinite */
	diff = a - b;
	return (diff < 0 ? -diff : diff) <= atol + rtol * (b < 0 ? -b : b);
}

#endif							/* MARSQL_ELEMENTS_H */
