/*
 * test_kernels.c
 *	  Unit tests of the pure C kernels, built and run without a server:
 *	  text scanning and shape inference, binary round trips, the portable
 *	  logarithm, pinned random streams, broadcasting, ordering and hashing,
 *	  elementwise and reduction loops, strided views, and (through dlopen
 *	  of OpenBLAS) the dispatch table's gemm, panel cancels and LAPACK
 *	  drivers; the release of retained heap memory beyond a bound in a
 *	  contiguous and a non-contiguous heap (forked children); the row folds
 *	  of the aggregates over rows; dtype promotion, float16 rounding, casts
 *	  and cross-dtype ordering and hashing; the indexing kernels (masks,
 *	  gathers, nonzero, along-axis walks, choose/select, put, strided
 *	  scatter) on elements of 1, 2 and 16 bytes; the FFT plans (mixed
 *	  radix and Bluestein) against a direct O(n^2) DFT; the AVX2 build of
 *	  the elementwise loops against the portable one.  Prints TAP.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kernels/bitwise.h"
#include "kernels/broadcast.h"
#include "kernels/distance.h"
#include "kernels/dtype_cast.h"
#include "kernels/dtype_info.h"
#include "kernels/einsum.h"
#include "kernels/float16.h"
#include "kernels/elements.h"
#include "kernels/elementwise.h"
#include "kernels/fft.h"
#include "kernels/gemm.h"
#include "kernels/gradient.h"
#include "kernels/heap_retain.h"
#include "kernels/indexing.h"
#include "kernels/knn.h"
#include "kernels/linalg.h"
#include "kernels/math_extra.h"
#include "kernels/pad.h"
#include "kernels/reduce.h"
#include "kernels/row_fold.h"
#include "kernels/sets.h"
#include "kernels/sort.h"
#include "kernels/sparse_text.h"
#include "kernels/statistics.h"
#include "kernels/strided.h"
#include "kernels/random.h"
#include "kernels/tensor_binary.h"
#include "kernels/tensor_text.h"
#include "kernels/tile_grid.h"
#include "kernels/windows.h"

static int	tests = 0;
static int	failures = 0;

static void
check(int ok, const char *what)
{
	tests++;
	if (!ok)
		failures++;
	printf("%sok %d - %s\n", ok ? "" : "not ", tests, what);
}

static int
shape_is(const char *literal, int ndim, const int64_t *dims)
{
	MtTextShape shape;
	MtError		err;

	if (mt_text_scan(literal, &shape, &err) != MT_OK || shape.ndim != ndim)
		return 0;
	for (int i = 0; i < ndim; i++)
		if (shape.dims[i] != dims[i])
			return 0;
	return 1;
}

static MtStatus
scan_status(const char *literal)
{
	MtTextShape shape;
	MtError		err;

	return mt_text_scan(literal, &shape, &err);
}

static void
test_text(void)
{
	MtTextShape shape;
	MtError		err;
	double		values[4];
	float		f32[2];

	check(shape_is("[[1,2,3],[4,5,6]]", 2, (int64_t[]) {2, 3}), "2x3 shape inferred");
	check(shape_is("7", 0, NULL), "scalar is 0-d");
	check(shape_is("[]", 1, (int64_t[]) {0}), "[] is shape (0)");
	check(shape_is("[[],[]]", 2, (int64_t[]) {2, 0}), "[[],[]] is shape (2,0)");
	check(shape_is("(0,3):[]", 2, (int64_t[]) {0, 3}), "shape header for an empty tensor");
	check(shape_is("float32(2,2):[1,2,3,4]", 2, (int64_t[]) {2, 2}), "dtype and shape header");
	check(scan_status("[[1,2],[3]]") == MT_ERR_SYNTAX, "ragged rejected");
	check(scan_status("[[[]],[1]]") == MT_ERR_SYNTAX, "uneven nesting rejected");
	check(scan_status("[1,,2]") == MT_ERR_SYNTAX, "double comma rejected");
	check(scan_status("(4294967296):[]") == MT_ERR_TOO_LARGE, "extent above int32 rejected");
	check(scan_status("(65536,65536):[]") == MT_ERR_TOO_LARGE, "oversized shape rejected before allocation");

	check(mt_text_scan("[1.5, -2, 1e3, NaN]", &shape, &err) == MT_OK &&
		  mt_text_fill("[1.5, -2, 1e3, NaN]", &shape, MT_FLOAT64, values, &err) == MT_OK &&
		  values[0] == 1.5 && values[1] == -2 && values[2] == 1000 && isnan(values[3]),
		  "float64 values filled");
	check(mt_text_scan("[0.1, 3.4028235e38]", &shape, &err) == MT_OK &&
		  mt_text_fill("[0.1, 3.4028235e38]", &shape, MT_FLOAT32, f32, &err) == MT_OK &&
		  f32[0] == 0.1f && f32[1] == 3.4028235e38f,
		  "float32 values rounded once, by strtof");
	check(mt_text_scan("[1e39]", &shape, &err) == MT_OK &&
		  mt_text_fill("[1e39]", &shape, MT_FLOAT32, f32, &err) == MT_ERR_RANGE,
		  "float32 overflow is a range error");
	check(mt_text_scan("[1e-400]", &shape, &err) == MT_OK &&
		  mt_text_fill("[1e-400]", &shape, MT_FLOAT64, values, &err) == MT_ERR_RANGE,
		  "float64 underflow is a range error, as in float8in");
	check(mt_text_scan("[4.9e-324]", &shape, &err) == MT_OK &&
		  mt_text_fill("[4.9e-324]", &shape, MT_FLOAT64, values, &err) == MT_OK &&
		  values[0] > 0, "denormals are accepted");
}

static void
test_binary(void)
{
	double		data[6] = {1, -2, 3.5, NAN, INFINITY, -0.0};
	int32_t		dims[2] = {2, 3};
	uint8_t		buf[64];
	size_t		len = mt_binary_size(2, MT_FLOAT64, 6);
	MtBinaryHeader header;
	MtError		err;
	double		back[6];

	mt_binary_encode(MT_FLOAT64, 2, dims, 6, data, buf);
	check(len == 4 + 8 + 48 && buf[0] == 1 && buf[1] == 2 && buf[2] == 2 && buf[3] == 0,
		  "binary header layout");
	check(mt_binary_decode_header(buf, len, &header, &err) == MT_OK &&
		  header.ndim == 2 && header.dims[1] == 3 && header.count == 6,
		  "binary header decodes");
	mt_binary_decode_data(buf + header.data_offset, MT_FLOAT64, 6, back);
	check(memcmp(back, data, sizeof(data)) == 0, "binary data round-trips bit for bit");
	check(mt_binary_decode_header(buf, len - 1, &header, &err) == MT_ERR_BINARY,
		  "short message rejected");
	buf[3] = 1;
	check(mt_binary_decode_header(buf, len, &header, &err) == MT_ERR_BINARY,
		  "reserved flags must be zero");
}

/* Fills a literal in a dtype; returns the status. */
static MtStatus
fill_as(const char *literal, MtDtype dtype, void *out)
{
	MtTextShape shape;
	MtError		err;

	if (mt_text_scan(literal, &shape, &err) != MT_OK)
		return err.status;
	return mt_text_fill(literal, &shape, dtype, out, &err);
}

static void
test_text_dtypes(void)
{
	int64_t		i64[4];
	int8_t		i8[2];
	uint8_t		b[6];
	uint16_t	h[2];
	double		c[8];
	float		c64[2];
	MtTextShape shape;
	MtError		err;

	check(fill_as("[9223372036854775807, -9223372036854775808, 9007199254740993]", MT_INT64, i64) == MT_OK &&
		  i64[0] == INT64_MAX && i64[1] == INT64_MIN && i64[2] == INT64_C(9007199254740993),
		  "int64 parsed exactly, extremes included");
	check(fill_as("[9223372036854775808]", MT_INT64, i64) == MT_ERR_RANGE, "int64 overflow is a range error");
	check(fill_as("[-128, 127]", MT_INT8, i8) == MT_OK && i8[0] == -128 && i8[1] == 127, "int8 range");
	check(fill_as("[128]", MT_INT8, i8) == MT_ERR_RANGE, "int8 overflow is a range error");
	check(fill_as("[-1]", MT_UINT8, b) == MT_ERR_RANGE, "uint8 refuses negatives");
	check(fill_as("[1.0]", MT_INT32, i64) == MT_ERR_SYNTAX && fill_as("[1e3]", MT_INT32, i64) == MT_ERR_SYNTAX,
		  "integers refuse a fraction or exponent");
	check(fill_as("[true, F, 1, 0, T, false]", MT_BOOL, b) == MT_OK &&
		  b[0] == 1 && b[1] == 0 && b[2] == 1 && b[3] == 0 && b[4] == 1 && b[5] == 0,
		  "bool words and 0/1");
	check(fill_as("[2]", MT_BOOL, b) == MT_ERR_SYNTAX, "bool refuses 2");
	check(fill_as("[true]", MT_FLOAT64, c) == MT_ERR_SYNTAX, "float64 refuses bool words");
	check(fill_as("[1+2j, -1.5e3-2j, 2j, 3]", MT_COMPLEX128, c) == MT_OK &&
		  c[0] == 1 && c[1] == 2 && c[2] == -1500 && c[3] == -2 && c[4] == 0 && c[5] == 2 &&
		  c[6] == 3 && c[7] == 0, "complex forms");
	check(fill_as("[nan+nanj, -inf-infj]", MT_COMPLEX128, c) == MT_OK &&
		  isnan(c[0]) && isnan(c[1]) && isinf(c[2]) && c[2] < 0 && isinf(c[3]) && c[3] < 0,
		  "complex NaN and infinities");
	check(fill_as("[-0-0j]", MT_COMPLEX128, c) == MT_OK && signbit(c[0]) && signbit(c[1]),
		  "complex negative zero parts");
	check(fill_as("[1-1e39j]", MT_COMPLEX64, c64) == MT_ERR_RANGE, "complex64 part overflow");
	check(fill_as("[1+2j]", MT_FLOAT64, c) == MT_ERR_SYNTAX, "float64 refuses complex");
	check(fill_as("[65504, 6e-08]", MT_FLOAT16, h) == MT_OK && h[0] == 0x7bff && h[1] == 0x0001,
		  "float16 max and smallest subnormal");
	check(fill_as("[65520]", MT_FLOAT16, h) == MT_ERR_RANGE, "float16 overflow is a range error");
	check(mt_text_scan("[1+j]", &shape, &err) == MT_ERR_SYNTAX &&
		  mt_text_scan("[1j2]", &shape, &err) == MT_ERR_SYNTAX &&
		  mt_text_scan("[1 + 2j]", &shape, &err) == MT_ERR_SYNTAX, "malformed complex rejected");
	check(mt_text_scan("[true, 0]", &shape, &err) == MT_OK && shape.implied == MT_BOOL &&
		  mt_text_dtype(&shape, -1) == MT_BOOL && mt_text_dtype(&shape, MT_INT8) == MT_INT8,
		  "bool words imply bool; a typmod wins");
	check(mt_text_scan("[1, 2j]", &shape, &err) == MT_OK && mt_text_dtype(&shape, -1) == MT_COMPLEX128,
		  "a complex element implies complex128");
	check(mt_text_scan("[1, 0]", &shape, &err) == MT_OK && mt_text_dtype(&shape, -1) == MT_FLOAT64,
		  "integers stay float64");
}

static void
test_binary_dtypes(void)
{
	int16_t		i16[2] = {-2, 258};
	double		z[2] = {1, -2};
	uint8_t		buf[64];
	uint8_t		back[32];
	int32_t		dims[1] = {2};
	int32_t		dims1[1] = {1};
	MtBinaryHeader header;
	MtError		err;
	static const uint8_t i16_bytes[] = {2, 5, 1, 0, 0, 0, 0, 2, 0xff, 0xfe, 0x01, 0x02};
	static const uint8_t z_bytes[] = {2, 11, 1, 0, 0, 0, 0, 1,
		0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0};
	uint8_t		bad_bool[] = {2, 3, 0, 0, 2};
	uint8_t		v1_int[] = {1, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

	mt_binary_encode(MT_INT16, 1, dims, 2, i16, buf);
	check(memcmp(buf, i16_bytes, sizeof(i16_bytes)) == 0, "int16 as version 2, big-endian");
	check(mt_binary_decode_header(buf, sizeof(i16_bytes), &header, &err) == MT_OK &&
		  header.dtype == MT_INT16, "version 2 decodes");
	mt_binary_decode_data(buf + header.data_offset, MT_INT16, 2, back);
	check(memcmp(back, i16, sizeof(i16)) == 0, "int16 round-trips");
	mt_binary_encode(MT_COMPLEX128, 1, dims1, 1, z, buf);
	check(memcmp(buf, z_bytes, sizeof(z_bytes)) == 0, "complex128: real then imaginary, big-endian");
	check(mt_binary_decode_header(bad_bool, sizeof(bad_bool), &header, &err) == MT_ERR_BINARY,
		  "a bool byte other than 0 or 1 is refused");
	check(mt_binary_decode_header(v1_int, sizeof(v1_int), &header, &err) == MT_ERR_BINARY,
		  "version 1 carries float32 and float64 only");
	check(mt_binary_version_for(MT_FLOAT32) == 1 && mt_binary_version_for(MT_FLOAT64) == 1 &&
		  mt_binary_version_for(MT_BOOL) == 2, "float32/float64 still written as version 1");
}

static void
test_log_and_random(void)
{
	int			within = 1;
	MtRng		rng;
	double		u[3];
	double		n[3];
	MtRng		a,
				b;
	double		chunked[7],
				whole[7];

	for (int i = 1; i < 200000; i++)
	{
		double		x = ldexp((double) i / 200000.0 + 0.5, (i % 200) - 100);
		double		got = mt_portable_log(x);
		double		want = log(x);

		if (fabs(got - want) > 2 * fabs(nextafter(want, INFINITY) - want) + 1e-300)
			within = 0;
	}
	check(within, "portable log within 2 ulp of libm over 200 binades");

	mt_rng_seed(&rng, 42);
	mt_fill_uniform_f64(&rng, u, 3);
	check(u[0] == 0.08386297105988216 && u[1] == 0.3789802506626686 &&
		  u[2] == 0.6800434110281394,
		  "uniform stream for seed 42 pinned");
	mt_rng_seed(&rng, 42);
	mt_fill_normal_f64(&rng, n, 3);
	check(fabs(n[0] - -0.7262191382447857) < 1e-15 &&
		  fabs(n[1] - -0.21119691823195985) < 1e-15 &&
		  fabs(n[2] - 0.2216227015035933) < 1e-15,
		  "normal stream for seed 42 pinned");

	mt_rng_seed(&a, 7);
	mt_rng_seed(&b, 7);
	mt_fill_normal_f64(&a, chunked, 3);
	mt_fill_normal_f64(&a, chunked + 3, 4);
	mt_fill_normal_f64(&b, whole, 7);
	check(memcmp(chunked, whole, sizeof(whole)) == 0,
		  "normal stream does not depend on chunking");
}

static void
test_broadcast_and_compare(void)
{
	int			ndim;
	int64_t		out[MT_MAX_DIMS];
	MtError		err;
	MtBroadcastIter it;
	int64_t		offsets_b[6];
	double		x[2] = {0.0, NAN},
				y[2] = {-0.0, NAN};
	float		xf[1] = {1.5f};
	double		yd[1] = {1.5};

	check(mt_broadcast_shape(2, (int32_t[]) {2, 3}, 1, (int32_t[]) {3}, &ndim, out, &err) == MT_OK &&
		  ndim == 2 && out[0] == 2 && out[1] == 3, "(2,3) with (3) broadcasts to (2,3)");
	check(mt_broadcast_shape(2, (int32_t[]) {4, 1}, 1, (int32_t[]) {5}, &ndim, out, &err) == MT_OK &&
		  out[0] == 4 && out[1] == 5, "(4,1) with (5) broadcasts to (4,5)");
	check(mt_broadcast_shape(1, (int32_t[]) {2}, 1, (int32_t[]) {3}, &ndim, out, &err) == MT_ERR_BROADCAST,
		  "(2) with (3) does not broadcast");
	mt_broadcast_iter_init(&it, 2, (int64_t[]) {2, 3}, 2, (int32_t[]) {2, 3}, 2, (int32_t[]) {2, 1});
	for (int i = 0; i < 6; i++)
	{
		offsets_b[i] = it.offset_b;
		mt_broadcast_iter_next(&it);
	}
	check(offsets_b[0] == 0 && offsets_b[2] == 0 && offsets_b[3] == 1 && offsets_b[5] == 1,
		  "iterator repeats a broadcast column");

	check(mt_compare_tensors(1, (int32_t[]) {2}, MT_FLOAT64, x, 1, (int32_t[]) {2}, MT_FLOAT64, y, 2) == 0,
		  "NaN = NaN and -0 = 0");
	check(mt_hash_tensor(1, (int32_t[]) {2}, MT_FLOAT64, x, 2, 0) ==
		  mt_hash_tensor(1, (int32_t[]) {2}, MT_FLOAT64, y, 2, 0),
		  "equal tensors hash equal");
	check(mt_hash_tensor(1, (int32_t[]) {1}, MT_FLOAT32, xf, 1, 0) ==
		  mt_hash_tensor(1, (int32_t[]) {1}, MT_FLOAT64, yd, 1, 0),
		  "hash ignores dtype like equality does");
	check(mt_isclose(1.0, 1.0 + 1e-9, 1e-5, 1e-8, 0) && !mt_isclose(NAN, NAN, 1e-5, 1e-8, 0) &&
		  mt_isclose(NAN, NAN, 1e-5, 1e-8, 1) && !mt_isclose(INFINITY, 1e308, 1e-5, 1e-8, 0),
		  "isclose follows numpy");
}

/* elementwise, reductions, strided views: the loops behind the SQL math */
static void
test_math(void)
{
	double		a[6] = {1, 2, 3, 4, 5, 6};
	double		b[3] = {10, 20, 30};
	double		c[6];
	double		r[3];
	double		work[6];
	int64_t		iwork[3];
	int64_t		dims23[2] = {2, 3};
	int64_t		strides[2];
	float		fa[2] = {1.5f, -2.0f};
	float		fc[2];

	check(mt_binary(MT_BINARY_ADD, MT_FLOAT64, 2, dims23, 2, (int32_t[]) {2, 3}, a,
					1, (int32_t[]) {3}, b, c, NULL, NULL) == MT_OK &&
		  c[0] == 11 && c[2] == 33 && c[3] == 14 && c[5] == 36,
		  "binary add broadcasts a row over a matrix");
	check(mt_binary(MT_BINARY_SUB, MT_FLOAT64, 2, dims23, 2, (int32_t[]) {2, 1}, b,
					1, (int32_t[]) {3}, a, c, NULL, NULL) == MT_OK &&
		  c[0] == 9 && c[2] == 7 && c[3] == 19 && c[5] == 17,
		  "binary sub broadcasts a column against a row");
	check(mt_binary(MT_BINARY_MAXIMUM, MT_FLOAT64, 1, (int64_t[]) {2}, 1, (int32_t[]) {2},
					(double[]) {NAN, 1}, 0, NULL, (double[]) {0}, c, NULL, NULL) == MT_OK &&
		  c[0] != c[0] && c[1] == 1,
		  "maximum propagates NaN and broadcasts a scalar");
	check(mt_unary(MT_UNARY_ABS, MT_FLOAT32, fa, fc, 2, NULL, NULL) == MT_OK &&
		  fc[0] == 1.5f && fc[1] == 2.0f, "unary abs in float32");
	check(mt_reduce(MT_REDUCE_SUM, MT_FLOAT64, a, 1, 2, 3, 0, r, MT_FLOAT64, work, iwork,
					NULL, NULL) == MT_OK && r[0] == 5 && r[1] == 7 && r[2] == 9,
		  "sum over axis 0 of a 2 x 3 matrix");
	check(mt_reduce(MT_REDUCE_VAR, MT_FLOAT64, a, 2, 3, 1, 1, r, MT_FLOAT64, work, iwork,
					NULL, NULL) == MT_OK && r[0] == 1 && r[1] == 1,
		  "var with ddof 1 along the last axis");
	check(mt_reduce(MT_REDUCE_ARGMAX, MT_FLOAT64, (double[]) {1, NAN, 3}, 1, 3, 1, 0, r,
					MT_FLOAT64, work, iwork, NULL, NULL) == MT_OK && r[0] == 1,
		  "argmax finds the first NaN");
	mt_contiguous_strides(2, dims23, strides);
	check(mt_strided_copy(8, 2, (int64_t[]) {3, 2}, (int64_t[]) {strides[1], strides[0]}, a, c) == 6 &&
		  c[0] == 1 && c[1] == 4 && c[2] == 2 && c[5] == 6,
		  "strided copy transposes");
	check(mt_strided_copy(8, 1, (int64_t[]) {3}, (int64_t[]) {-2}, a + 5, c) == 3 &&
		  c[0] == 6 && c[1] == 4 && c[2] == 2,
		  "strided copy with a negative step");
	check(mt_cumsum(MT_FLOAT64, a, 1, 2, 3, c, NULL, NULL) == MT_OK && c[3] == 5 && c[5] == 9,
		  "cumsum along axis 0");
}

/* issue 21: every dtype's loops (integers wrap, numpy's divmod, bools,
 * comparisons into bool bytes, complex order) and numpy's loop choice */
static void
test_elementwise_dtypes(void)
{
	int64_t		d4[1] = {4};
	int32_t		e4[1] = {4};
	int32_t		e1[1] = {1};
	int8_t		i8c[4];
	int32_t		i32c[4];
	uint8_t		bc[4];
	double		dc[4];
	double		zc[4];
	MtDtype		result;

	check(mt_binary(MT_BINARY_ADD, MT_INT8, 1, d4, 1, e4, (int8_t[]) {100, -100, 127, -128},
					1, e4, (int8_t[]) {100, -100, 1, -1}, i8c, NULL, NULL) == MT_OK &&
		  i8c[0] == -56 && i8c[1] == 56 && i8c[2] == -128 && i8c[3] == 127,
		  "int8 add wraps");
	check(mt_binary(MT_BINARY_FLOOR_DIVIDE, MT_INT32, 1, d4, 1, e4, (int32_t[]) {7, -7, 5, INT32_MIN},
					1, e4, (int32_t[]) {2, 2, 0, -1}, i32c, NULL, NULL) == MT_OK &&
		  i32c[0] == 3 && i32c[1] == -4 && i32c[2] == 0 && i32c[3] == INT32_MIN,
		  "int32 floor_divide: floor, 0 for a zero divisor, MIN // -1 wraps");
	check(mt_binary(MT_BINARY_REMAINDER, MT_INT32, 1, d4, 1, e4, (int32_t[]) {7, -7, 7, 5},
					1, e4, (int32_t[]) {-2, 2, 0, -1}, i32c, NULL, NULL) == MT_OK &&
		  i32c[0] == -1 && i32c[1] == 1 && i32c[2] == 0 && i32c[3] == 0,
		  "int32 remainder takes the divisor's sign, 0 for a zero divisor");
	check(mt_binary(MT_BINARY_POW, MT_INT8, 1, d4, 1, e4, (int8_t[]) {2, 3, -2, 5},
					1, e4, (int8_t[]) {7, 2, 3, 0}, i8c, NULL, NULL) == MT_OK &&
		  i8c[0] == -128 && i8c[1] == 9 && i8c[2] == -8 && i8c[3] == 1,
		  "int8 power wraps, x^0 is 1");
	check(mt_binary(MT_BINARY_REMAINDER, MT_FLOAT64, 1, d4, 1, e4, (double[]) {7.5, -7.5, -5, 1},
					1, e4, (double[]) {2, 2, INFINITY, 0}, dc, NULL, NULL) == MT_OK &&
		  dc[0] == 1.5 && dc[1] == 0.5 && dc[2] == INFINITY && dc[3] != dc[3],
		  "float64 remainder as numpy's divmod");
	check(mt_binary(MT_BINARY_LESS, MT_FLOAT32, 1, d4, 1, e4, (float[]) {1, NAN, 3, -0.0f},
					1, e1, (float[]) {2}, bc, NULL, NULL) == MT_OK &&
		  bc[0] == 1 && bc[1] == 0 && bc[2] == 0 && bc[3] == 1,
		  "float32 less against a broadcast scalar writes bool bytes");
	check(mt_binary(MT_BINARY_ADD, MT_BOOL, 1, d4, 1, e4, (uint8_t[]) {1, 1, 0, 0},
					1, e4, (uint8_t[]) {1, 0, 1, 0}, bc, NULL, NULL) == MT_OK &&
		  bc[0] == 1 && bc[1] == 1 && bc[2] == 1 && bc[3] == 0,
		  "bool add is logical or");
	/* complex128 as (re, im) pairs: (1+1j) < (1+2j), (2+0j) < (1+5j) is false */
	check(mt_binary(MT_BINARY_LESS, MT_COMPLEX128, 1, (int64_t[]) {2}, 1, (int32_t[]) {2},
					(double[]) {1, 1, 2, 0}, 1, (int32_t[]) {2}, (double[]) {1, 2, 1, 5}, bc,
					NULL, NULL) == MT_OK && bc[0] == 1 && bc[1] == 0,
		  "complex less is lexicographic");
	check(mt_unary(MT_UNARY_ABS, MT_COMPLEX128, (double[]) {3, 4, 0, -2}, zc, 2, NULL, NULL) == MT_OK &&
		  zc[0] == 5 && zc[1] == 2, "abs of complex128 writes float64");
	check(mt_unary(MT_UNARY_NEG, MT_INT8, (int8_t[]) {-128, 5}, i8c, 2, NULL, NULL) == MT_OK &&
		  i8c[0] == -128 && i8c[1] == -5, "int8 negation wraps");
	check(mt_unary(MT_UNARY_ISFINITE, MT_INT32, (int32_t[]) {1, 2}, bc, 2, NULL, NULL) == MT_OK &&
		  bc[0] == 1 && bc[1] == 1, "integers are finite");
	check(mt_unary_loop(MT_UNARY_SQRT, MT_INT8, &result) == MT_FLOAT32 && result == MT_FLOAT16 &&
		  mt_unary_loop(MT_UNARY_SQRT, MT_INT16, &result) == MT_FLOAT32 && result == MT_FLOAT32 &&
		  mt_unary_loop(MT_UNARY_FLOOR, MT_INT64, &result) == MT_FLOAT64 && result == MT_FLOAT64 &&
		  mt_unary_loop(MT_UNARY_ABS, MT_COMPLEX64, &result) == MT_COMPLEX64 && result == MT_FLOAT32 &&
		  mt_unary_loop(MT_UNARY_NEG, MT_BOOL, &result) == MT_DTYPE_INVALID &&
		  mt_unary_loop(MT_UNARY_SIN, MT_COMPLEX128, &result) == MT_COMPLEX128 && result == MT_COMPLEX128 &&
		  mt_unary_loop(MT_UNARY_FLOOR, MT_COMPLEX128, &result) == MT_DTYPE_INVALID,
		  "unary loops: numpy's inexact dtypes, abs of complex is real, complex sin, refusals");
	check(mt_binary_loop(MT_BINARY_DIV, MT_INT8, &result) == MT_FLOAT64 && result == MT_FLOAT64 &&
		  mt_binary_loop(MT_BINARY_DIV, MT_FLOAT16, &result) == MT_FLOAT32 && result == MT_FLOAT16 &&
		  mt_binary_loop(MT_BINARY_POW, MT_BOOL, &result) == MT_INT8 && result == MT_INT8 &&
		  mt_binary_loop(MT_BINARY_SUB, MT_BOOL, &result) == MT_DTYPE_INVALID &&
		  mt_binary_loop(MT_BINARY_REMAINDER, MT_COMPLEX64, &result) == MT_DTYPE_INVALID &&
		  mt_binary_loop(MT_BINARY_LESS, MT_FLOAT16, &result) == MT_FLOAT32 && result == MT_BOOL,
		  "binary loops: true division, bool power, refusals, predicates");
	check(mt_any_negative(MT_INT16, (int16_t[]) {1, -1}, 2) && !mt_any_negative(MT_UINT8, (uint8_t[]) {255}, 1),
		  "negative exponents are found");
	check(mt_strided_copy(1, 2, (int64_t[]) {2, 2}, (int64_t[]) {1, 0}, (uint8_t[]) {1, 0}, bc) == 4 &&
		  bc[0] == 1 && bc[1] == 1 && bc[2] == 0 && bc[3] == 0,
		  "strided copy of one-byte elements broadcasts a column");
}

/* numpy's exact results (numpy 1.24, hex floats): pairwise sums in buffers
 * of 8192, float32 in float32, round in the dtype, sign of -0 */
static void
test_numpy_order(void)
{
	static double d[20000];
	static float f[20000];
	double		pw[32];
	double		r[2];
	float		rf[2];
	double		work[4];
	int64_t		iwork[2];
	float		ff[3] = {0.35f, 2.5f, -0.35f};
	float		fo[3];
	double		dd[4] = {-250, 350, 2.675, 0.125};
	double		dout[4];
	float		p30[30];

	for (int i = 0; i < 16; i++)
		pw[i] = i == 0 ? 1.0 : 1e-16;
	check(mt_pairwise_sum_f64(pw, 16, 1) == 0x1.0000000000007p+0,
		  "pairwise sum of 1 and fifteen 1e-16 (sequential would give 1)");
	check(mt_reduce(MT_REDUCE_SUM, MT_FLOAT64, pw, 1, 16, 1, 0, r, MT_FLOAT64, work, iwork,
					NULL, NULL) == MT_OK && r[0] == 0x1.0000000000007p+0,
		  "sum along the last axis is pairwise");
	/* the same 16 values as column 0 of a (16, 2) matrix: rows in turn */
	for (int i = 0; i < 16; i++)
	{
		pw[2 * i] = i == 0 ? 1.0 : 1e-16;
		pw[2 * i + 1] = 0;
	}
	check(mt_reduce(MT_REDUCE_SUM, MT_FLOAT64, pw, 1, 16, 2, 0, r, MT_FLOAT64, work, iwork,
					NULL, NULL) == MT_OK && r[0] == 1.0,
		  "sum along axis 0 adds rows in turn, as numpy");

	for (int i = 0; i < 20000; i++)
	{
		d[i] = (i % 97) * 0.01 + 1.0 / 3.0;
		f[i] = (float) ((i % 97) * 0.1 + 1.0 / 3.0);
	}
	check(mt_reduce(MT_REDUCE_SUM, MT_FLOAT64, d, 1, 20000, 1, 0, r, MT_FLOAT64, work, iwork,
					NULL, NULL) == MT_OK && r[0] == 0x1.fc1c740da740dp+13,
		  "float64 sum of 20000 is numpy's: pairwise in buffers of 8192");
	check(mt_reduce(MT_REDUCE_SUM, MT_FLOAT32, f, 1, 20000, 1, 0, rf, MT_FLOAT32, work, iwork,
					NULL, NULL) == MT_OK && rf[0] == 0x1.90c39p+16f,
		  "float32 sum of 20000 is numpy's: accumulated in float32");
	check(mt_reduce(MT_REDUCE_MEAN, MT_FLOAT32, f, 1, 20000, 1, 0, rf, MT_FLOAT32, work, iwork,
					NULL, NULL) == MT_OK && rf[0] == 0x1.484e48p+2f,
		  "float32 mean is numpy's");
	check(mt_reduce(MT_REDUCE_VAR, MT_FLOAT32, f, 1, 20000, 1, 0, rf, MT_FLOAT32, work, iwork,
					NULL, NULL) == MT_OK && rf[0] == 0x1.f638c8p+2f,
		  "float32 var is numpy's");
	check(mt_reduce(MT_REDUCE_STD, MT_FLOAT32, f, 1, 20000, 1, 0, rf, MT_FLOAT32, work, iwork,
					NULL, NULL) == MT_OK && rf[0] == 0x1.66909cp+1f,
		  "float32 std is numpy's");
	for (int i = 0; i < 30; i++)
		p30[i] = 1.1f;
	check(mt_reduce(MT_REDUCE_PROD, MT_FLOAT32, p30, 1, 30, 1, 0, rf, MT_FLOAT32, work, iwork,
					NULL, NULL) == MT_OK && rf[0] == 0x1.1730c8p+4f,
		  "float32 prod multiplies in float32");

	check(mt_round(MT_FLOAT32, ff, fo, 3, 1, NULL, NULL) == MT_OK &&
		  fo[0] == 0.4f && fo[2] == -0.4f,
		  "float32 round(0.35, 1) is 0.4, computed in float32");
	check(mt_round(MT_FLOAT32, ff, fo, 3, 0, NULL, NULL) == MT_OK && fo[1] == 2.0f,
		  "round halves to even");
	check(mt_round(MT_FLOAT64, dd, dout, 4, -2, NULL, NULL) == MT_OK &&
		  dout[0] == -200 && dout[1] == 400,
		  "round with negative decimals: rint(x / 100) * 100, halves to even");
	check(mt_round(MT_FLOAT64, dd, dout, 4, 2, NULL, NULL) == MT_OK &&
		  dout[2] == 2.68 && dout[3] == 0.12,
		  "round(2.675, 2) is 2.68 (2.675 * 100 rounds to 267.5) and round(0.125, 2) is 0.12, as numpy");
	check(mt_unary(MT_UNARY_SIGN, MT_FLOAT64, (double[]) {-0.0, NAN}, dout, 2, NULL, NULL) == MT_OK &&
		  dout[0] == 0 && !signbit(dout[0]) && dout[1] != dout[1],
		  "sign(-0) is +0 and sign(NaN) is NaN");
	check(mt_isclose_f32(1.0f, 0x1.000002p+0f, 0, (float) 1.1920928943079071e-07, 0) &&
		  !mt_isclose(1.0, (double) 0x1.000002p+0f, 0, 1.1920928943079071e-07, 0),
		  "float32 isclose rounds atol to float32 (2^-23) as numpy; float64 does not");
}

/* CSR: round trip through dense, product, sums, text */
static void
test_sparse(void)
{
	double		dense[6] = {0, 1, 0, 2, 0, 3};
	double		back[6] = {0};
	double		b[6] = {1, 2, 3, 4, 5, 6};
	double		out[4] = {0};
	double		sums[3];
	int64_t		nnz = mt_dense_count_nonzero(dense, MT_FLOAT64, 6);
	size_t		bytes = mt_csr_data_bytes(2, nnz, MT_FLOAT64);
	void	   *area = calloc(1, bytes);
	MtCsr		csr;
	MtError		err;
	int64_t		rows,
				cols,
				count;
	MtDtype		dtype;

	memcpy(area, &nnz, 8);
	mt_csr_attach(&csr, area, 2, 3, MT_FLOAT64);
	mt_csr_from_dense(&csr, dense, MT_FLOAT64);
	check(nnz == 3 && csr.indptr[1] == 1 && csr.indptr[2] == 3 && csr.indices[2] == 2 &&
		  mt_csr_validate(&csr, MT_FLOAT64, &err) == MT_OK, "CSR from a dense matrix");
	mt_csr_to_dense(&csr, MT_FLOAT64, back);
	check(memcmp(back, dense, sizeof(dense)) == 0, "CSR back to dense");
	check(mt_csr_matmul_dense(&csr, MT_FLOAT64, b, 2, out, NULL, NULL) == MT_OK &&
		  out[0] == 3 && out[1] == 4 && out[2] == 17 && out[3] == 22, "CSR times dense");
	mt_csr_sum(&csr, MT_FLOAT64, 0, sums);
	check(sums[0] == 2 && sums[1] == 1 && sums[2] == 3, "CSR column sums");
	((double *) csr.values)[0] = 0;
	check(mt_csr_validate(&csr, MT_FLOAT64, &err) == MT_ERR_SHAPE, "a stored zero is caught");
	free(area);
	check(mt_csr_text_is_csr("  CsR(1,1):{}") && !mt_csr_text_is_csr("[1]"), "CSR literal detection");
	check(mt_csr_text_parse("csr float32(2,3):{(0,1):1,(1,2):-2}", &rows, &cols, &dtype, &count,
							NULL, MT_FLOAT64, &err) == MT_OK &&
		  rows == 2 && cols == 3 && dtype == MT_FLOAT32 && count == 2, "CSR literal scan");
	check(mt_csr_text_parse("csr(2,2):{(1,0):1,(0,1):1}", &rows, &cols, &dtype, &count,
							NULL, MT_FLOAT64, &err) == MT_ERR_SYNTAX, "CSR entries out of order");
	check(mt_csr_data_bytes(2147483647, 0, MT_FLOAT64) == 0, "CSR size overflow is refused");
}

/* BLAS through the dispatch table and LAPACK drivers, when OpenBLAS loads */
static bool
stop_now(void *arg)
{
	return ++*(int *) arg > 0;
}

static void
test_blas(void)
{
	char		why[600];
	const MtBlas *blas = mt_blas_load(why, sizeof(why));
	double		a[4] = {4, 7, 2, 6};
	double		inv[4];
	double		c[4];
	double		sign,
				logdet;
	MtError		err;
	int			polls = 0;

	check(blas != NULL, "OpenBLAS loads with dlopen");
	if (blas == NULL)
		return;
	mt_kernels_use_cpu(blas);
	check(mt_gemm_panels(MT_FLOAT64, 2, 2, 2, a, a, c, false, 1, NULL, NULL) == MT_OK &&
		  c[0] == 30 && c[1] == 70 && c[2] == 20 && c[3] == 50, "gemm through the dispatch table");
	check(mt_gemm_panels(MT_FLOAT64, 2, 2, 2, a, a, c, true, 1, NULL, NULL) == MT_OK &&
		  c[0] == 60 && c[1] == 140 && c[2] == 40 && c[3] == 100, "gemm accumulates into C");
	check(mt_gemm_panels(MT_FLOAT64, 2, 2, 0, a, a, c, true, 1, NULL, NULL) == MT_OK &&
		  c[0] == 60 && c[3] == 100, "an accumulating gemm with empty k leaves C alone");
	check(mt_inv(blas, MT_FLOAT64, 2, a, inv, &err) == MT_OK &&
		  fabs(inv[0] - 0.6) < 1e-12 && fabs(inv[1] + 0.7) < 1e-12 &&
		  fabs(inv[2] + 0.2) < 1e-12 && fabs(inv[3] - 0.4) < 1e-12, "inv of a 2 x 2 matrix");
	check(mt_inv(blas, MT_FLOAT64, 2, (double[]) {1, 2, 2, 4}, inv, &err) == MT_ERR_SINGULAR,
		  "inv reports a singular matrix");
	check(mt_slogdet(blas, MT_FLOAT64, 2, a, &sign, &logdet, &err) == MT_OK &&
		  sign == 1 && fabs(logdet - log(10.0)) < 1e-12, "slogdet");
	check(mt_cholesky(blas, MT_FLOAT64, 2, (double[]) {1, 2, 2, 1}, c, &err) == MT_ERR_NOT_POSDEF,
		  "cholesky reports a matrix that is not positive definite");
	check(mt_svd(blas, MT_FLOAT64, 1, 1, (double[]) {NAN}, false, false, NULL, c, NULL, &err) ==
		  MT_ERR_NONFINITE, "svd refuses NaN");
	{
		/* complex: (re, im) pairs, LAPACK's z and c routines */
		double		za[8] = {1, 1, 2, 0, 3, 0, 4, -1};	/* [[1+i, 2], [3, 4-i]] */
		double		zinv[8],
					zsign[2],
					zs[2],
					zw[4],
					zv[8];
		float		ca[2] = {0, 2},
					cw[2];

		/* inv = [[-0.7-1.1i, 0.2+0.6i], [0.3+0.9i, 0.2-0.4i]] */
		check(mt_inv(blas, MT_COMPLEX128, 2, za, zinv, &err) == MT_OK &&
			  fabs(zinv[0] + 0.7) < 1e-12 && fabs(zinv[1] + 1.1) < 1e-12 &&
			  fabs(zinv[2] - 0.2) < 1e-12 && fabs(zinv[3] - 0.6) < 1e-12 &&
			  fabs(zinv[6] - 0.2) < 1e-12 && fabs(zinv[7] + 0.4) < 1e-12, "complex128 inv");
		/* det = -1+3i: sign (-1+3i)/sqrt(10), log|det| = log(sqrt(10)) */
		check(mt_slogdet(blas, MT_COMPLEX128, 2, za, zsign, &logdet, &err) == MT_OK &&
			  fabs(zsign[0] + 1 / sqrt(10.0)) < 1e-12 && fabs(zsign[1] - 3 / sqrt(10.0)) < 1e-12 &&
			  fabs(logdet - 0.5 * log(10.0)) < 1e-12, "complex128 slogdet: complex sign");
		check(mt_inv(blas, MT_COMPLEX128, 2, (double[]) {0, 1, 0, 2, 1, 0, 2, 0}, zinv, &err) ==
			  MT_ERR_SINGULAR, "complex128 inv reports a singular matrix");
		/* diag(3i, 4): singular values 4, 3 (real) */
		check(mt_svd(blas, MT_COMPLEX128, 2, 2, (double[]) {0, 3, 0, 0, 0, 0, 4, 0}, false, false,
					 NULL, zs, NULL, &err) == MT_OK &&
			  fabs(zs[0] - 4) < 1e-12 && fabs(zs[1] - 3) < 1e-12, "complex128 singular values are real");
		/* the rotation [[0,-1],[1,0]] has eigenvalues +-i */
		check(mt_eig(blas, MT_FLOAT64, 2, (double[]) {0, -1, 1, 0}, zw, zv, &err) == MT_OK &&
			  fabs(zw[0]) < 1e-12 && fabs(fabs(zw[1]) - 1) < 1e-12 && zw[1] == -zw[3] &&
			  fabs(zv[0] * zv[0] + zv[1] * zv[1] + zv[4] * zv[4] + zv[5] * zv[5] - 1) < 1e-12,
			  "eig of a real rotation: a conjugate pair, unit eigenvectors");
		check(mt_eig(blas, MT_COMPLEX64, 1, ca, cw, NULL, &err) == MT_OK && cw[0] == 0 && cw[1] == 2,
			  "complex64 eigvals of a 1 x 1 matrix");
		check(mt_cholesky(blas, MT_COMPLEX128, 2, (double[]) {1, 0, 0, 2, 0, -2, 1, 0}, zinv, &err) ==
			  MT_ERR_NOT_POSDEF, "complex128 cholesky reports a Hermitian matrix that is not positive definite");
	}
	{
		/* a product split into several panels stops at the first poll */
		static float big_a[4096 * 4096],
					big_b[4096 * 4096],
					big_c[4096 * 4096];

		polls = 0;
		check(mt_gemm_panels(MT_FLOAT32, 4096, 4096, 4096, big_a, big_b, big_c, false, 1,
							 stop_now, &polls) == MT_ERR_CANCELED && polls == 1,
			  "panelled gemm stops when the poll says so");
	}
}

/* best against a brute force (every distance, sorted by (distance, id)) */
static bool
neighbors_match(const MtKnnProblem *p, const MtNeighbors *best)
{
	size_t		elem = mt_dtype_size(p->dtype);
	int			k = p->k;
	int64_t		nx = p->nx;
	MtNeighborPair *ref = malloc(sizeof(MtNeighborPair) * nx);
	const char *corpus = p->corpus;
	bool		ok = true;

	for (int q = 0; q < p->nq && ok; q++)
	{
		int			want;

		for (int64_t r = 0; r < nx; r++)
		{
			ref[r].distance = mt_vector_distance(p->dtype, p->metric, p->dims,
										  (const char *) p->queries + (size_t) q * p->dims * elem,
										  corpus + (size_t) r * p->dims * elem);
			ref[r].id = p->ids ? p->ids[r] : p->id_base + r;
		}
		mt_neighbor_pairs_sort(ref, nx);
		want = nx < k ? (int) nx : k;
		if (best->count[q] != want)
			ok = false;
		for (int i = 0; i < want && ok; i++)
			if (best->id[(size_t) q * k + i] != ref[i].id ||
				!(best->distance[(size_t) q * k + i] == ref[i].distance ||
				  (ref[i].distance != ref[i].distance && best->distance[(size_t) q * k + i] != best->distance[(size_t) q * k + i])))
			{
				printf("# query %d rank %d: id %lld distance %.17g, expected id %lld distance %.17g\n",
					   q, i, (long long) best->id[(size_t) q * k + i],
					   best->distance[(size_t) q * k + i], (long long) ref[i].id, ref[i].distance);
				ok = false;
			}
	}
	free(ref);
	return ok;
}

static MtNeighbors
neighbors_new(int nq, int k)
{
	MtNeighbors nb = {nq, k, calloc(nq, 4), calloc((size_t) nq * k, 8), calloc((size_t) nq * k, 8)};

	return nb;
}

static void
neighbors_free(MtNeighbors *nb)
{
	free(nb->count);
	free(nb->distance);
	free(nb->id);
}

/* mt_knn_search against a brute force for one problem; true when equal */
static bool
knn_agrees(MtKnnProblem *p, int nparts)
{
	size_t		elem = mt_dtype_size(p->dtype);
	MtNeighbors best = neighbors_new(p->nq, p->k);
	int64_t		nx = p->nx;
	bool		ok = true;
	const char *corpus = p->corpus;

	/* the corpus in nparts parts, merged as tile tasks would be */
	for (int part = 0; part < nparts; part++)
	{
		MtKnnProblem sub = *p;
		void	   *scratch;

		sub.nx = nx * (part + 1) / nparts - nx * part / nparts;
		sub.corpus = corpus + (size_t) (nx * part / nparts) * p->dims * elem;
		if (p->ids)
			sub.ids = p->ids + nx * part / nparts;
		else
			sub.id_base = p->id_base + nx * part / nparts;
		scratch = aligned_alloc(64, (mt_knn_scratch_bytes(&sub) + 63) & ~(size_t) 63);
		if (mt_knn_search(&sub, &best, scratch, NULL, NULL) != MT_OK)
			ok = false;
		free(scratch);
	}
	ok = ok && neighbors_match(p, &best);
	neighbors_free(&best);
	return ok;
}

/* (key, row) before (key, row), NaN keys last: the GPU selection's order */
static bool
model_before(double ka, int64_t ra, double kb, int64_t rb)
{
	return mt_neighbor_before(ka, ra, kb, rb);
}

/*
 * The GPU module's candidate selection, modelled on the CPU: keys as the
 * device computes them (dot products and keys in the data's precision,
 * ||x||^2 in float64 rounded to it), each corpus block of `block` rows cut
 * into nparts segments, each part keeping its kc smallest keys; then
 * mt_knn_finish, against a brute force.
 */
static bool
knn_finish_agrees(const MtKnnProblem *p, int nparts, int block)
{
	int			kc = mt_knn_candidate_count(p->k);
	size_t		states = (size_t) nparts * p->nq;
	int32_t    *count = calloc(states, sizeof(int32_t));
	int64_t    *row = calloc(states * kc, sizeof(int64_t));
	double	   *key = calloc(states * kc, sizeof(double));
	double	   *top = calloc(states, sizeof(double));
	int64_t    *seen = calloc(nparts, sizeof(int64_t));
	double		xnorm_max = 0;
	MtNeighbors best = neighbors_new(p->nq, p->k);
	void	   *scratch = malloc(mt_knn_finish_scratch_bytes(p, nparts, kc));
	bool		ok;

	for (int64_t x0 = 0; x0 < p->nx; x0 += block)
	{
		int			nb = p->nx - x0 < block ? (int) (p->nx - x0) : block;
		int			seg = (nb + nparts - 1) / nparts;

		for (int j = 0; j < nb; j++)
		{
			int64_t		r = x0 + j;
			int			part = j / seg;
			double		ss = 0,
						aux;

			seen[part]++;
			for (int c = 0; c < p->dims; c++)
			{
				double		v = p->dtype == MT_FLOAT32 ? ((const float *) p->corpus)[r * p->dims + c]
					: ((const double *) p->corpus)[r * p->dims + c];

				ss += v * v;
			}
			if (!(ss <= xnorm_max))
				xnorm_max = ss;
			aux = p->metric == MT_METRIC_COSINE ? 1.0 / sqrt(ss) : ss;
			for (int q = 0; q < p->nq; q++)
			{
				size_t		st = (size_t) part * p->nq + q;
				double		dot,
							kv;
				int			i;

				if (p->dtype == MT_FLOAT32)
				{
					float		d = 0,
								a = (float) aux;

					for (int c = 0; c < p->dims; c++)
						d += ((const float *) p->queries)[q * p->dims + c] *
							((const float *) p->corpus)[r * p->dims + c];
					kv = p->metric == MT_METRIC_INNER_PRODUCT ? -d
						: p->metric == MT_METRIC_COSINE ? -d * a : a - 2 * d;
					dot = d;
				}
				else
				{
					double		d = 0;

					for (int c = 0; c < p->dims; c++)
						d += ((const double *) p->queries)[q * p->dims + c] *
							((const double *) p->corpus)[r * p->dims + c];
					kv = p->metric == MT_METRIC_INNER_PRODUCT ? -d
						: p->metric == MT_METRIC_COSINE ? -d * aux : aux - 2 * d;
					dot = d;
				}
				(void) dot;
				/* sorted insertion into the part's kc best */
				if (count[st] == kc && !model_before(kv, r, key[st * kc + kc - 1], row[st * kc + kc - 1]))
					continue;
				i = count[st] < kc ? count[st]++ : kc - 1;
				while (i > 0 && model_before(kv, r, key[st * kc + i - 1], row[st * kc + i - 1]))
				{
					key[st * kc + i] = key[st * kc + i - 1];
					row[st * kc + i] = row[st * kc + i - 1];
					i--;
				}
				key[st * kc + i] = kv;
				row[st * kc + i] = r;
			}
		}
	}
	for (size_t st = 0; st < states; st++)
		top[st] = count[st] > 0 ? key[st * kc + count[st] - 1] : INFINITY;
	{
		MtKnnCandidates c = {nparts, kc, count, row, top, seen, xnorm_max};

		ok = mt_knn_finish(p, &c, &best, scratch, NULL, NULL) == MT_OK &&
			neighbors_match(p, &best);
		/* a row outside the corpus is refused, not read */
		row[0] = p->nx;
		if (count[0] > 0)
			ok = ok && mt_knn_finish(p, &c, &best, scratch, NULL, NULL) == MT_ERR_SHAPE;
	}
	neighbors_free(&best);
	free(scratch);
	free(count);
	free(row);
	free(key);
	free(top);
	free(seen);
	return ok;
}

/* the next number of a fixed pseudo-random sequence, in [-0.5, 0.5) */
static double
next_uniform(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double) (*state >> 11) / 9007199254740992.0 - 0.5;
}

/*
 * Products of the issue 21 dtypes: the exact kernel against a naive
 * wrapping loop (across its blocks, with cancels), and complex gemm.
 */
static void
test_products(void)
{
	enum
	{
		M = 37, K = 300, N = 270
	};
	int8_t	   *a8 = malloc(M * K);
	int8_t	   *b8 = malloc(K * N);
	int8_t	   *c8 = malloc(M * N);
	int64_t    *a64 = malloc(sizeof(int64_t) * M * K);
	int64_t    *b64 = malloc(sizeof(int64_t) * K * N);
	int64_t    *c64 = malloc(sizeof(int64_t) * M * N);
	uint64_t	state = 21;
	bool		same8 = true,
				same64 = true;
	int			polls = 0;
	char		why[600];
	const MtBlas *blas;

	for (int i = 0; i < M * K; i++)
	{
		a8[i] = (int8_t) (next_uniform(&state) * 256);
		a64[i] = (int64_t) (next_uniform(&state) * 2e12);
	}
	for (int i = 0; i < K * N; i++)
	{
		b8[i] = (int8_t) (next_uniform(&state) * 256);
		b64[i] = (int64_t) (next_uniform(&state) * 2e12);
	}
	check(mt_gemm_exact(MT_INT8, M, N, K, a8, b8, c8, NULL, NULL) == MT_OK &&
		  mt_gemm_exact(MT_INT64, M, N, K, a64, b64, c64, NULL, NULL) == MT_OK,
		  "exact gemm of int8 and int64");
	for (int i = 0; i < M; i++)
		for (int j = 0; j < N; j++)
		{
			uint8_t		s8 = 0;
			uint64_t	s64 = 0;

			for (int p = 0; p < K; p++)
			{
				s8 = (uint8_t) (s8 + (uint8_t) a8[i * K + p] * (uint8_t) b8[p * N + j]);
				s64 += (uint64_t) a64[i * K + p] * (uint64_t) b64[p * N + j];
			}
			same8 &= (uint8_t) c8[i * N + j] == s8;
			same64 &= (uint64_t) c64[i * N + j] == s64;
		}
	check(same8, "exact int8 gemm wraps as a loop in int8 does (numpy)");
	check(same64, "exact int64 gemm wraps modulo 2^64");
	{
		int8_t	   *p8 = malloc(M * N);
		int64_t    *p64 = malloc(sizeof(int64_t) * M * N);

		mt_gemm_exact_portable = true;
		check(mt_gemm_exact(MT_INT8, M, N, K, a8, b8, p8, NULL, NULL) == MT_OK &&
			  mt_gemm_exact(MT_INT64, M, N, K, a64, b64, p64, NULL, NULL) == MT_OK &&
			  memcmp(p8, c8, M * N) == 0 && memcmp(p64, c64, sizeof(int64_t) * M * N) == 0,
			  "the portable exact gemm gives the SIMD one's results");
		mt_gemm_exact_portable = false;
		free(p8);
		free(p64);
	}
	{
		uint8_t		ba[4] = {1, 0, 0, 0},
					bb[4] = {1, 1, 0, 1},
					bc[4];

		check(mt_gemm_exact(MT_BOOL, 2, 2, 2, ba, bb, bc, NULL, NULL) == MT_OK &&
			  bc[0] == 1 && bc[1] == 1 && bc[2] == 0 && bc[3] == 0, "bool gemm is or-of-ands");
	}
	check(mt_gemm_exact(MT_INT8, M, N, K, a8, b8, c8, stop_now, &polls) == MT_ERR_CANCELED,
		  "exact gemm stops when the poll asks");
	blas = mt_blas_load(why, sizeof(why));
	if (blas != NULL)
	{
		/* (1+2i)(3+4i) = -5+10i; conj-free, as numpy's matmul */
		double		za[2] = {1, 2},
					zb[2] = {3, 4},
					zc[2];
		float		ca[2] = {1, 2},
					cb[2] = {3, 4},
					cc[2];

		mt_kernels_use_cpu(blas);
		check(mt_gemm_panels(MT_COMPLEX128, 1, 1, 1, za, zb, zc, false, 1, NULL, NULL) == MT_OK &&
			  zc[0] == -5 && zc[1] == 10, "zgemm through the dispatch table");
		check(mt_gemm_panels(MT_COMPLEX64, 1, 1, 1, ca, cb, cc, false, 1, NULL, NULL) == MT_OK &&
			  cc[0] == -5 && cc[1] == 10, "cgemm through the dispatch table");
	}
	free(a8);
	free(b8);
	free(c8);
	free(a64);
	free(b64);
	free(c64);
}

/* OpenBLAS on one thread for the k-NN tests; NULL (they are skipped) without it */
static const MtBlas *
knn_blas(void)
{
	char		why[600];
	const MtBlas *blas = mt_blas_load(why, sizeof(why));

	if (blas != NULL)
	{
		mt_kernels_use_cpu(blas);
		mt_blas_set_threads(blas, 1);
	}
	return blas;
}

static const MtMetric knn_metrics[] = {MT_METRIC_L2, MT_METRIC_L2_SQUARED, MT_METRIC_INNER_PRODUCT,
MT_METRIC_COSINE};

static void
test_knn(void)
{
	enum
	{
		NQ = 37, NX = 5003, DIMS = 19
	};
	static float qf[NQ * DIMS],
				xf[NX * DIMS];
	static double qd[NQ * DIMS],
				xd[NX * DIMS];
	static int64_t ids[NX];
	uint64_t	state = 12345;

	if (knn_blas() == NULL)
		return;
	for (int i = 0; i < NQ * DIMS; i++)
	{
		qd[i] = next_uniform(&state);
		qf[i] = (float) qd[i];
	}
	for (int i = 0; i < NX * DIMS; i++)
	{
		xd[i] = next_uniform(&state);
		xf[i] = (float) xd[i];
	}
	/* exact duplicates of query 0 (ties at distance 0 broken by id), a
	 * zero row (NaN cosine), and ids in falling order */
	for (int r = 100; r < 4000; r += 350)
		for (int c = 0; c < DIMS; c++)
			xf[r * DIMS + c] = qf[c], xd[r * DIMS + c] = qd[c];
	for (int c = 0; c < DIMS; c++)
		xf[7 * DIMS + c] = 0, xd[7 * DIMS + c] = 0;
	for (int r = 0; r < NX; r++)
		ids[r] = 1000000 - 3 * (int64_t) r;

	check(mt_metric_from_name("L2") == MT_METRIC_L2 && mt_metric_from_name("Cosine") == MT_METRIC_COSINE &&
		  mt_metric_from_name("ip") == MT_METRIC_INNER_PRODUCT &&
		  mt_metric_from_name("l2x") == MT_METRIC_INVALID && mt_metric_from_name("") == MT_METRIC_INVALID,
		  "metric names");
	for (int m = 0; m < 4; m++)
		for (int dt = 0; dt < 2; dt++)
		{
			MtKnnProblem p = {dt ? MT_FLOAT64 : MT_FLOAT32, knn_metrics[m], DIMS, NQ,
				dt ? (const void *) qd : (const void *) qf, NX,
			dt ? (const void *) xd : (const void *) xf, NULL, 0, 10, 1};
			bool		ok;

			ok = knn_agrees(&p, 1);
			p.threads = 3;
			ok = ok && knn_agrees(&p, 1);
			p.ids = ids;
			p.k = 1;
			ok = ok && knn_agrees(&p, 3);
			p.k = 40;
			p.threads = 2;
			ok = ok && knn_agrees(&p, 4);
			p.ids = NULL;
			p.id_base = 17;
			p.nx = 25;			/* fewer rows than k */
			ok = ok && knn_agrees(&p, 2);
			{
				char		what[160];

				p.nx = NX;
				p.k = 10;
				snprintf(what, sizeof(what),
						 "knn %s %s: candidates chosen as the GPU chooses them, finished by mt_knn_finish, agree with a brute force",
						 mt_metric_name(knn_metrics[m]), dt ? "float64" : "float32");
				check(knn_finish_agrees(&p, 1, 1024) && knn_finish_agrees(&p, 3, 700) &&
					  knn_finish_agrees(&p, 64, 4096), what);
			}
			{
				char		what[160];

				snprintf(what, sizeof(what),
						 "knn %s %s agrees with a float64 brute force (threads, ids, parts, k > rows)",
						 mt_metric_name(knn_metrics[m]), dt ? "float64" : "float32");
				check(ok, what);
			}
		}
	{
		/* many exact ties: every row equal, so the first k ids win */
		static float same[3000 * 4];
		MtKnnProblem p = {MT_FLOAT32, MT_METRIC_L2, 4, 2, qf, 3000, same, ids, 0, 5, 2};

		for (int i = 0; i < 3000 * 4; i++)
			same[i] = 0.25f;
		check(knn_agrees(&p, 2), "knn breaks ties by id when every row is at the same distance");
		check(knn_finish_agrees(&p, 4, 512),
			  "mt_knn_finish notices ties cut at the candidates' edge and scans directly");
	}
	{
		/*
		 * far from the origin, float32 keys (||x||^2 - 2 q.x) lose every
		 * digit that tells the rows apart: the exact re-ranking must notice
		 * and scan directly
		 */
		static float far_q[3 * 8],
					far_x[2000 * 8];
		MtKnnProblem p = {MT_FLOAT32, MT_METRIC_L2, 8, 3, far_q, 2000, far_x, NULL, 0, 5, 2};

		for (int i = 0; i < 2000 * 8; i++)
			far_x[i] = 3000.0f + (float) (next_uniform(&state) + 0.5) * 0.01f;
		for (int i = 0; i < 3 * 8; i++)
			far_q[i] = far_x[(i % 8) + 8 * (50 + i / 8)] + 0.001f;
		check(knn_agrees(&p, 1), "knn stays exact where float32 keys cancel (points far from the origin)");
		check(knn_finish_agrees(&p, 2, 600),
			  "mt_knn_finish stays exact where float32 keys cancel");
	}
	{
		int			polls = 0;
		MtKnnProblem p = {MT_FLOAT32, MT_METRIC_L2, DIMS, NQ, qf, NX, xf, NULL, 0, 3, 2};
		MtNeighbors best = {NQ, 3, calloc(NQ, 4), calloc(NQ * 3, 8), calloc(NQ * 3, 8)};
		void	   *scratch = aligned_alloc(64, (mt_knn_scratch_bytes(&p) + 63) & ~(size_t) 63);

		check(mt_knn_search(&p, &best, scratch, stop_now, &polls) == MT_ERR_CANCELED,
			  "knn stops when the poll says so");
		free(scratch);
		free(best.count);
		free(best.distance);
		free(best.id);
	}
	check(fabs(mt_vector_distance(MT_FLOAT64, MT_METRIC_COSINE, 2, (double[]) {1, 0}, (double[]) {0, 2}) - 1) < 1e-15 &&
		  mt_vector_distance(MT_FLOAT64, MT_METRIC_L2, 2, (double[]) {0, 0}, (double[]) {3, 4}) == 5 &&
		  mt_vector_distance(MT_FLOAT32, MT_METRIC_INNER_PRODUCT, 2, (float[]) {1, 2}, (float[]) {3, 4}) == -11 &&
		  isnan(mt_vector_distance(MT_FLOAT32, MT_METRIC_COSINE, 2, (float[]) {0, 0}, (float[]) {3, 4})),
		  "vector distances: cosine, l2, negative inner product, NaN cosine of a zero vector");
}

static void
test_tile_grid(void)
{
	MtTileGrid	g;
	int64_t		coords[2],
				lo[2],
				hi[2],
				tile[2];
	double		src[5 * 7],
				dst[3 * 4] = {0};

	check(mt_tile_grid_init(&g, 2, (int64_t[]) {5, 7}, (int64_t[]) {2, 3}) == MT_OK &&
		  g.count[0] == 3 && g.count[1] == 3 && g.ntiles == 9,
		  "a 5x7 grid of 2x3 tiles has 3x3 tiles");
	mt_tile_coords(&g, 5, coords);
	check(coords[0] == 1 && coords[1] == 2 && mt_tile_index(&g, coords) == 5,
		  "tile numbers and coordinates are C order and invert each other");
	mt_tile_bounds(&g, (int64_t[]) {2, 2}, lo, hi);
	check(lo[0] == 4 && hi[0] == 5 && lo[1] == 6 && hi[1] == 7 &&
		  mt_tile_elements(&g, (int64_t[]) {2, 2}) == 1,
		  "the last tile is ragged in both dimensions");
	check(mt_tile_grid_init(&g, 1, (int64_t[]) {5}, (int64_t[]) {0}) == MT_ERR_SHAPE,
		  "a tile extent of 0 is refused");
	check(mt_tile_grid_init(&g, 1, (int64_t[]) {INT64_MAX}, (int64_t[]) {1}) == MT_ERR_SHAPE,
		  "more tiles than int32 coordinates is refused");

	mt_tile_default(2, (int64_t[]) {8192, 8192}, 4, 16 << 20, tile);
	check(tile[0] == 2048 && tile[1] == 2048, "16 MB of float32 split evenly is 2048x2048");
	mt_tile_default(2, (int64_t[]) {1000000, 10}, 8, 8 << 20, tile);
	check(tile[1] == 10 && tile[0] == 104704, "a narrow dimension is not cut; the other takes the rest");
	mt_tile_default(2, (int64_t[]) {3, 4}, 8, 1 << 20, tile);
	check(tile[0] == 3 && tile[1] == 4, "a small array is one tile");

	for (int i = 0; i < 35; i++)
		src[i] = i;
	mt_copy_block(sizeof(double), 2, (int64_t[]) {2, 3}, src, (int64_t[]) {5, 7},
				  (int64_t[]) {1, 2}, dst, (int64_t[]) {3, 4}, (int64_t[]) {1, 1});
	check(dst[5] == 9 && dst[6] == 10 && dst[7] == 11 && dst[9] == 16 && dst[11] == 18 &&
		  dst[0] == 0 && dst[4] == 0 && dst[8] == 0,
		  "a block is copied between offsets of two C-order buffers");
}

/* |x - y| within the documented bound: 2 n 2^-53 times the terms' magnitude */
static int
sum_close(double x, double y, double magnitude, int64_t n)
{
	if (x != x || y != y)
		return x != x && y != y;
	if (isinf(x) || isinf(y))
		return x == y;
	return fabs(x - y) <= 2.0 * (double) (n + 4) * 0x1p-53 * magnitude + 1e-300;
}

/* the SIMD loops against the scalar ones: odd lengths, NaN, infinities */
static void
test_distance(void)
{
	enum
	{
		N = 1037
	};
	static float af[N],
				bf[N];
	static double ad[N],
				bd[N];
	uint64_t	state = 777;
	MtDistanceKernels scalar,
				simd;
	int			ok = 1;
	const int64_t lengths[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 127, 128, 129, 1000, N};

	check(strcmp(mt_distance_select(true), "scalar") == 0 &&
		  strcmp(mt_distance.name, "scalar") == 0, "marsql.simd = scalar forces the scalar loops");
	scalar = mt_distance;
	mt_distance_select(false);
	simd = mt_distance;
	printf("# distance loops: %s (CPU %s AVX2+FMA)\n", simd.name,
		   mt_distance_has_simd() ? "has" : "lacks");
	check(mt_distance_has_simd() ? strcmp(simd.name, "avx2+fma") == 0 : strcmp(simd.name, "scalar") == 0,
		  "the loops chosen at load match the CPU");
	for (int i = 0; i < N; i++)
	{
		ad[i] = next_uniform(&state) * 8;
		bd[i] = next_uniform(&state) * 8;
		af[i] = (float) ad[i];
		bf[i] = (float) bd[i];
	}
	for (size_t li = 0; li < sizeof(lengths) / sizeof(lengths[0]); li++)
		for (int off = 0; off < 3; off++)
		{
			int64_t		n = lengths[li] - (lengths[li] >= off ? off : 0);
			double		mag32 = 0,
						mag64 = 0,
						c1[3],
						c2[3];

			for (int64_t i = 0; i < n; i++)
			{
				mag32 += fabs((double) af[i + off]) * fabs((double) bf[i + off]) +
					(double) af[i + off] * af[i + off] + (double) bf[i + off] * bf[i + off];
				mag64 += fabs(ad[i + off]) * fabs(bd[i + off]) + ad[i + off] * ad[i + off] +
					bd[i + off] * bd[i + off];
			}
			/* unaligned starts too (off) */
			ok &= sum_close(scalar.l2sq_f32(af + off, bf + off, n), simd.l2sq_f32(af + off, bf + off, n), 2 * mag32, n);
			ok &= sum_close(scalar.l2sq_f64(ad + off, bd + off, n), simd.l2sq_f64(ad + off, bd + off, n), 2 * mag64, n);
			ok &= sum_close(scalar.dot_f32(af + off, bf + off, n), simd.dot_f32(af + off, bf + off, n), mag32, n);
			ok &= sum_close(scalar.dot_f64(ad + off, bd + off, n), simd.dot_f64(ad + off, bd + off, n), mag64, n);
			ok &= sum_close(scalar.sumsq_f32(af + off, n), simd.sumsq_f32(af + off, n), mag32, n);
			ok &= sum_close(scalar.sumsq_f64(ad + off, n), simd.sumsq_f64(ad + off, n), mag64, n);
			scalar.cos_f32(af + off, bf + off, n, c1);
			simd.cos_f32(af + off, bf + off, n, c2);
			for (int j = 0; j < 3; j++)
				ok &= sum_close(c1[j], c2[j], mag32, n);
			scalar.cos_f64(ad + off, bd + off, n, c1);
			simd.cos_f64(ad + off, bd + off, n, c2);
			for (int j = 0; j < 3; j++)
				ok &= sum_close(c1[j], c2[j], mag64, n);
		}
	check(ok, "SIMD distance loops equal the scalar ones within 2 n 2^-53 of the terms' magnitude (lengths 0 to 1037, unaligned)");

	/* NaN and infinities: in the body and in the tail of every length */
	ok = 1;
	for (int64_t n = 1; n <= 40; n++)
		for (int64_t at = 0; at < n; at += 3)
		{
			float		x[40],
						y[40];
			double		xd[40],
						yd[40],
						c1[3],
						c2[3];

			for (int i = 0; i < n; i++)
			{
				x[i] = af[i];
				y[i] = bf[i];
				xd[i] = ad[i];
				yd[i] = bd[i];
			}
			x[at] = NAN;
			xd[at] = NAN;
			ok &= isnan(simd.l2sq_f32(x, y, n)) && isnan(scalar.l2sq_f32(x, y, n));
			ok &= isnan(simd.dot_f64(xd, yd, n)) && isnan(scalar.dot_f64(xd, yd, n));
			simd.cos_f32(x, y, n, c1);
			scalar.cos_f32(x, y, n, c2);
			ok &= isnan(c1[0]) && isnan(c2[0]) && isnan(c1[1]) && isnan(c2[1]) && c1[2] == c1[2];
			x[at] = INFINITY;
			xd[at] = INFINITY;
			ok &= isinf(simd.l2sq_f32(x, y, n)) && isinf(scalar.l2sq_f32(x, y, n));
			ok &= isinf(simd.sumsq_f64(xd, n)) && isinf(scalar.sumsq_f64(xd, n));
			/* +inf and -inf in one sum: NaN in every order */
			if (n > 1)
			{
				int64_t		other = (at + 1) % n;

				x[other] = -INFINITY;
				y[at] = 1;
				y[other] = 1;
				ok &= isnan(simd.dot_f32(x, y, n)) && isnan(scalar.dot_f32(x, y, n));
			}
		}
	check(ok, "SIMD and scalar loops agree on NaN and infinities anywhere in the vector");

	/* the distance functions built on them */
	{
		float		zero[5] = {0, 0, 0, 0, 0};

		ok = isnan(mt_vector_distance(MT_FLOAT32, MT_METRIC_COSINE, 5, zero, bf)) &&
			mt_vector_distance(MT_FLOAT32, MT_METRIC_L2, 5, zero, zero) == 0 &&
			signbit(mt_vector_distance(MT_FLOAT32, MT_METRIC_INNER_PRODUCT, 5, zero, bf)) == 0;
		check(ok, "distances on the SIMD loops: zero vectors give NaN cosine, 0 L2, never -0");
	}
}

/* the direct search gives exactly mt_knn_search's answer */
static int
direct_equals_search(const MtKnnProblem *p, MtDtype corpus_dtype, const void *corpus_wide)
{
	MtNeighbors a = neighbors_new(p->nq, p->k),
				b = neighbors_new(p->nq, p->k);
	MtKnnProblem wide = *p;
	void	   *s1,
			   *s2;
	int			ok;

	wide.corpus = corpus_wide ? corpus_wide : p->corpus;
	s1 = malloc(mt_knn_scratch_bytes(&wide));
	s2 = malloc(mt_knn_direct_scratch_bytes(p));
	ok = mt_knn_search(&wide, &a, s1, NULL, NULL) == MT_OK &&
		mt_knn_direct(p, corpus_dtype, &b, s2, NULL, NULL) == MT_OK;
	for (int q = 0; ok && q < p->nq; q++)
	{
		ok = a.count[q] == b.count[q];
		for (int r = 0; ok && r < a.count[q]; r++)
		{
			size_t		at = (size_t) q * p->k + r;

			ok = a.id[at] == b.id[at] &&
				(a.distance[at] == b.distance[at] ||
				 (a.distance[at] != a.distance[at] && b.distance[at] != b.distance[at]));
		}
	}
	neighbors_free(&a);
	neighbors_free(&b);
	free(s1);
	free(s2);
	return ok;
}

static void
test_knn_direct(void)
{
	enum
	{
		NQ = 5, NX = 3001, DIMS = 21
	};
	static float qf[NQ * DIMS],
				xf[NX * DIMS];
	static double qd[NQ * DIMS],
				xd[NX * DIMS];
	static int64_t ids[NX];
	uint64_t	state = 99;

	if (knn_blas() == NULL)
		return;
	for (int i = 0; i < NQ * DIMS; i++)
	{
		qf[i] = (float) next_uniform(&state);
		qd[i] = qf[i];
	}
	for (int i = 0; i < NX * DIMS; i++)
	{
		xf[i] = (float) next_uniform(&state);
		xd[i] = xf[i];
	}
	/* duplicates of query 1 (ties), a zero row, a NaN row, ids falling */
	for (int r = 50; r < 3000; r += 300)
		for (int c = 0; c < DIMS; c++)
			xf[r * DIMS + c] = qf[DIMS + c], xd[r * DIMS + c] = qd[DIMS + c];
	for (int c = 0; c < DIMS; c++)
	{
		xf[9 * DIMS + c] = 0, xd[9 * DIMS + c] = 0;
		xf[11 * DIMS + c] = NAN, xd[11 * DIMS + c] = NAN;
	}
	for (int r = 0; r < NX; r++)
		ids[r] = 5000000 - 7 * (int64_t) r;
	for (int simd = 0; simd < 2; simd++)
	{
		int			ok = 1;
		char		what[160];

		mt_distance_select(!simd);
		for (int m = 0; m < 4; m++)
			for (int dt = 0; dt < 2; dt++)
			{
				MtKnnProblem p = {dt ? MT_FLOAT64 : MT_FLOAT32, knn_metrics[m], DIMS, NQ,
					dt ? (const void *) qd : (const void *) qf, NX,
				dt ? (const void *) xd : (const void *) xf, NULL, 0, 10, 2};
				MtKnnProblem widen;

				ok &= direct_equals_search(&p, p.dtype, NULL);
				p.ids = ids;
				p.k = 1;
				ok &= direct_equals_search(&p, p.dtype, NULL);
				p.k = 37;
				ok &= direct_equals_search(&p, p.dtype, NULL);
				p.nq = 1;
				p.nx = 20;		/* fewer rows than k */
				ok &= direct_equals_search(&p, p.dtype, NULL);
				/* float32 rows widened to float64 queries, row by row */
				widen = p;
				widen.nq = NQ;
				widen.nx = NX;
				widen.dtype = MT_FLOAT64;
				widen.queries = qd;
				widen.corpus = xf;
				ok &= direct_equals_search(&widen, MT_FLOAT32, xd);
			}
		snprintf(what, sizeof(what),
				 "the direct k-NN search returns mt_knn_search's ids and distances exactly (%s loops; ties, NaN, k > rows, widening)",
				 simd ? "SIMD" : "scalar");
		check(ok, what);
	}
	mt_distance_select(false);
	{
		/* enough rows for two threads, duplicates across their shares */
		enum
		{
			BIG = 140000, BD = 6
		};
		float	   *big = malloc(sizeof(float) * BIG * BD);
		MtKnnProblem p = {MT_FLOAT32, MT_METRIC_L2, BD, 3, qf, BIG, big, NULL, 0, 12, 3};
		int			ok = 1;

		for (int i = 0; i < BIG * BD; i++)
			big[i] = (float) next_uniform(&state);
		for (int r = 10; r < BIG; r += 7001)
			for (int c = 0; c < BD; c++)
				big[r * BD + c] = qf[c];
		ok &= mt_knn_direct_scratch_bytes(&p) > mt_knn_direct_scratch_bytes(&(MtKnnProblem) {MT_FLOAT32, MT_METRIC_L2, BD, 3, qf, BIG, big, NULL, 0, 12, 1});
		for (int m = 0; m < 4; m++)
		{
			p.metric = knn_metrics[m];
			ok &= direct_equals_search(&p, p.dtype, NULL);
		}
		p.k = 1;
		ok &= direct_equals_search(&p, p.dtype, NULL);
		check(ok, "the direct k-NN search split between threads gives the one-thread answer");
		free(big);
	}
}

/* RssAnon of this process, kB */
static long
rss_anon_kb(void)
{
	char		line[256];
	long		kb = -1;
	FILE	   *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "RssAnon:", 8) == 0)
			kb = atol(line + 8);
	fclose(f);
	return kb;
}

static long
minor_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

typedef struct HeapCase
{
	int			noncontiguous;	/* a mapping right above the brk */
	int			in_bins;		/* a live allocation after the buffer */
	size_t		keep;
} HeapCase;

typedef struct HeapResult
{
	MtHeapRetain st;
	long		held_kb;		/* RssAnon growth after the free */
	long		trimmed_kb;		/* ... after glibc's malloc_trim(0) */
	long		after_kb;		/* ... after the release */
	long		refaults;		/* minor faults of the next 64 MB call */
} HeapResult;

#define HEAP_BUF ((size_t) 64 << 20)

/*
 * In a forked child: marsql's allocator settings (M_MMAP_MAX 0, the trim
 * threshold at the bound), a 64 MB buffer touched and freed, then glibc's
 * own trimming (non-contiguous case only: it must not release the top),
 * the release, and the next 64 MB call's faults.
 */
static int
heap_case(const HeapCase *c, HeapResult *r)
{
	int			fd[2];
	pid_t		pid;
	int			status;

	memset(r, 0, sizeof(*r));
	if (pipe(fd) != 0 || (pid = fork()) < 0)
		return 0;
	if (pid == 0)
	{
		HeapResult	res;
		long		base;
		char	   *buf;
		char	   *guard = NULL;

		memset(&res, 0, sizeof(res));
		if (c->noncontiguous)
		{
			uintptr_t	brk_end = ((uintptr_t) sbrk(0) + 4095) & ~(uintptr_t) 4095;

			if (mmap((void *) brk_end, 4096, PROT_NONE,
					 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED)
				_exit(2);
		}
		mallopt(M_MMAP_MAX, 0);
		mallopt(M_TRIM_THRESHOLD, (int) c->keep);
		base = rss_anon_kb();
		buf = malloc(HEAP_BUF);
		if (buf == NULL)
			_exit(3);
		memset(buf, 1, HEAP_BUF);
		__asm__ volatile("" : : "r"(buf) : "memory");	/* the pages are touched */
		if (c->in_bins)
			guard = malloc(4096);
		free(buf);
		res.held_kb = rss_anon_kb() - base;
		if (c->noncontiguous)
		{
			malloc_trim(0);
			res.trimmed_kb = rss_anon_kb() - base;
		}
		mt_heap_release_above(c->keep, &res.st);
		res.after_kb = rss_anon_kb() - base;
		res.refaults = minor_faults();
		buf = malloc(HEAP_BUF);
		if (buf == NULL)
			_exit(3);
		memset(buf, 2, HEAP_BUF);
		__asm__ volatile("" : : "r"(buf) : "memory");
		res.refaults = minor_faults() - res.refaults;
		free(buf);
		free(guard);
		if (write(fd[1], &res, sizeof(res)) != (ssize_t) sizeof(res))
			_exit(4);
		_exit(0);
	}
	close(fd[1]);
	status = read(fd[0], r, sizeof(*r)) == (ssize_t) sizeof(*r);
	close(fd[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return 0;
	printf("# heap %s, bound %zu MB: RssAnon +%ld kB after the free, +%ld after malloc_trim(0), +%ld after the release; "
		   "top %zu B, contiguous %d, %zu large chunks, %zu B resident, %zu kept, %zu released; %ld faults next call\n",
		   c->noncontiguous ? "non-contiguous" : "contiguous", c->keep >> 20, r->held_kb, r->trimmed_kb, r->after_kb,
		   r->st.top_bytes, r->st.contiguous, r->st.large_chunks, r->st.resident_bytes, r->st.kept_bytes,
		   r->st.released_bytes, r->refaults);
	return 1;
}

static void
test_heap_retain(void)
{
	const size_t mb = (size_t) 1 << 20;
	HeapResult	r;
	HeapCase	c;

	/* glibc continued the heap in an mmap'd piece: only the release frees it */
	c = (HeapCase) {1, 0, 16 * mb};
	check(heap_case(&c, &r) && r.held_kb > 60 * 1024 && r.trimmed_kb > 60 * 1024,
		  "non-contiguous heap: a freed 64 MB buffer stays resident, malloc_trim(0) does not free it");
	check(r.st.contiguous == 0 && r.st.top_bytes >= HEAP_BUF,
		  "non-contiguous heap: the buffer is the main arena's top, the release sees it is not the brk heap");
	check(r.st.kept_bytes <= 16 * mb && r.st.kept_bytes > 15 * mb &&
		  r.st.released_bytes > 47 * mb && r.after_kb < 20 * 1024,
		  "non-contiguous heap, bound 16 MB: about 16 MB kept, the rest released");
	check(r.refaults > 11000 && r.refaults < 14000,
		  "non-contiguous heap, bound 16 MB: the next 64 MB call faults in only the released 48 MB");

	c = (HeapCase) {1, 0, 256 * mb};
	check(heap_case(&c, &r) && r.st.released_bytes == 0 && r.after_kb >= r.held_kb - 1024,
		  "non-contiguous heap, bound 256 MB: nothing released");
	check(r.refaults < 100, "non-contiguous heap, bound 256 MB: the next 64 MB call does not fault");

	/* a contiguous heap, the buffer in the bins (a live chunk above it) */
	c = (HeapCase) {0, 1, 16 * mb};
	check(heap_case(&c, &r) && r.held_kb > 60 * 1024 && r.st.released_bytes > 47 * mb &&
		  r.st.kept_bytes > 15 * mb && r.after_kb < 20 * 1024,
		  "contiguous heap, buffer in the bins, bound 16 MB: about 16 MB kept, the rest released");
	c = (HeapCase) {0, 1, 256 * mb};
	check(heap_case(&c, &r) && r.st.released_bytes == 0 && r.refaults < 100,
		  "contiguous heap, bound 256 MB: nothing released, the next call does not fault");
}

/* the aggregates' row folds: numpy's minimum / maximum, float32 rows, cancels */
static void
test_row_fold(void)
{
	double		acc[4];
	const double r1[4] = {-0.0, 1.0, NAN, 2.0};
	const double r2[4] = {0.0, NAN, 1.0, -INFINITY};
	const float f[4] = {0.1f, -2.0f, 3.5f, -0.0f};
	double	   *big;
	int64_t		n = MT_POLL_ELEMENTS + 5;
	int			polls = 0;

	check(mt_row_copy(acc, r1, MT_FLOAT64, 4, NULL, NULL) == MT_OK
		  && signbit(acc[0]) && acc[1] == 1.0 && isnan(acc[2]), "row copy keeps -0 and NaN");
	check(mt_row_fold(MT_ROW_FOLD_MIN, acc, r2, MT_FLOAT64, 4, NULL, NULL) == MT_OK
		  && acc[0] == 0.0 && !signbit(acc[0]) && isnan(acc[1]) && isnan(acc[2]) && acc[3] == -INFINITY,
		  "min: a tie keeps the row's zero, NaN on either side wins");
	mt_row_copy(acc, r2, MT_FLOAT64, 4, NULL, NULL);
	check(mt_row_fold(MT_ROW_FOLD_MAX, acc, r1, MT_FLOAT64, 4, NULL, NULL) == MT_OK
		  && acc[0] == 0.0 && signbit(acc[0]) && isnan(acc[1]) && isnan(acc[2]) && acc[3] == 2.0,
		  "max: a tie keeps the row's zero, NaN on either side wins");
	memset(acc, 0, sizeof(acc));
	mt_row_fold(MT_ROW_FOLD_SUM, acc, f, MT_FLOAT32, 4, NULL, NULL);
	mt_row_fold(MT_ROW_FOLD_SUM, acc, f, MT_FLOAT32, 4, NULL, NULL);
	check(acc[0] == 2.0 * (double) 0.1f && acc[1] == -4.0 && acc[2] == 7.0 && acc[3] == 0.0 && !signbit(acc[3]),
		  "sum of float32 rows in double from +0");
	mt_row_copy(acc, f, MT_FLOAT32, 4, NULL, NULL);
	check(acc[0] == (double) 0.1f && signbit(acc[3]), "a float32 row converts exactly");
	big = calloc(n, sizeof(double));
	check(big != NULL && mt_row_fold(MT_ROW_FOLD_MAX, big, big, MT_FLOAT64, n, stop_now, &polls) == MT_ERR_CANCELED
		  && mt_row_copy(big, big, MT_FLOAT64, n, stop_now, &polls) == MT_ERR_CANCELED && polls == 2,
		  "a long row polls for a cancel once per block");
	free(big);
}

/* dtypes: numpy's promotion, float16 rounding, astype rules, ordering */
static void
test_dtypes(void)
{
	int			bad = 0;
	int8_t		i8[3];
	uint8_t		u8[3];
	int64_t		i64[2];
	float		f32[2];
	uint16_t	h[3];
	MtCastFailure why;

	/* every float16 reads back through float as itself */
	for (uint32_t bits = 0; bits < 65536; bits++)
	{
		float		f = mt_half_to_float((uint16_t) bits);

		if (f == f && mt_float_to_half(f) != bits)
			bad++;
	}
	check(bad == 0, "every float16 value round-trips through float32");
	/* as numpy: ties to even, overflow to inf, below half a subnormal to 0 */
	check(mt_double_to_half(65504.0) == 0x7bff && mt_double_to_half(65519.99) == 0x7bff
		  && mt_double_to_half(65520.0) == 0x7c00 && mt_double_to_half(-1e300) == 0xfc00,
		  "float16 rounds up to infinity only from 65520");
	check(mt_double_to_half(2.98023223876953125e-08) == 0
		  && mt_double_to_half(nextafter(2.98023223876953125e-08, 1.0)) == 1
		  && mt_double_to_half(-0.0) == 0x8000 && mt_double_to_half(1.0 + 1.0 / 2048) == 0x3c00
		  && mt_double_to_half(1.0 + 3.0 / 2048) == 0x3c02,
		  "float16 rounds half to even, subnormals included, keeps -0");
	check((mt_double_to_half(NAN) & 0x7c00) == 0x7c00 && (mt_double_to_half(NAN) & 0x3ff) != 0,
		  "NaN stays NaN in float16");
	check(mt_half_shortest_double(mt_double_to_half(0.1)) == 0.1
		  && mt_half_shortest_double(0x7bff) == 65500.0,
		  "float16 prints its shortest decimal");

	/* numpy.promote_types, spot checks of the table (checked whole against numpy) */
	check(mt_dtype_promote(MT_INT8, MT_UINT8) == MT_INT16
		  && mt_dtype_promote(MT_INT64, MT_FLOAT32) == MT_FLOAT64
		  && mt_dtype_promote(MT_INT16, MT_FLOAT16) == MT_FLOAT32
		  && mt_dtype_promote(MT_FLOAT64, MT_COMPLEX64) == MT_COMPLEX128
		  && mt_dtype_promote(MT_BOOL, MT_UINT8) == MT_UINT8
		  && mt_dtype_promote(MT_FLOAT16, MT_COMPLEX64) == MT_COMPLEX64,
		  "promotion follows numpy.promote_types");
	check(mt_dtype_promote_scalar(MT_INT8, MT_SCALAR_INT) == MT_INT8
		  && mt_dtype_promote_scalar(MT_INT8, MT_SCALAR_FLOAT) == MT_FLOAT64
		  && mt_dtype_promote_scalar(MT_FLOAT16, MT_SCALAR_FLOAT) == MT_FLOAT16
		  && mt_dtype_promote_scalar(MT_BOOL, MT_SCALAR_INT) == MT_INT64
		  && mt_dtype_promote_scalar(MT_FLOAT32, MT_SCALAR_COMPLEX) == MT_COMPLEX64,
		  "a scalar promotes as a weak Python scalar (NEP 50)");
	check(mt_dtype_inexact_of(MT_INT8) == MT_FLOAT16 && mt_dtype_inexact_of(MT_INT16) == MT_FLOAT32
		  && mt_dtype_inexact_of(MT_INT64) == MT_FLOAT64 && mt_dtype_inexact_of(MT_COMPLEX64) == MT_COMPLEX64,
		  "float ufuncs of integers return numpy's dtype");

	/* astype: wrap between integers, refuse what numpy leaves undefined */
	{
		const int64_t src[3] = {127, 128, -129};
		const double fsrc[2] = {-2.9, 255.9};
		const double nan_src[1] = {NAN};
		const float csrc[4] = {1.5f, 0.0f, 2.0f, -1.0f};

		check(mt_cast(src, MT_INT64, i8, MT_INT8, 3, &why) == -1
			  && i8[0] == 127 && i8[1] == -128 && i8[2] == 127,
			  "int64 to int8 wraps as numpy's astype");
		check(mt_cast(fsrc, MT_FLOAT64, u8, MT_UINT8, 2, &why) == 0 && why == MT_CAST_INVALID,
			  "a negative float to uint8 is refused");
		check(mt_cast(fsrc + 1, MT_FLOAT64, u8, MT_UINT8, 1, &why) == -1 && u8[0] == 255,
			  "float to uint8 truncates toward zero");
		check(mt_cast(nan_src, MT_FLOAT64, i64, MT_INT64, 1, &why) == 0 && why == MT_CAST_INVALID,
			  "NaN to int64 is refused");
		check(mt_cast(csrc, MT_COMPLEX64, f32, MT_FLOAT32, 2, &why) == 1 && why == MT_CAST_IMAGINARY
			  && f32[0] == 1.5f, "complex to float keeps a zero imaginary part only");
		check(mt_cast(src, MT_INT64, h, MT_FLOAT16, 3, &why) == -1 && mt_half_to_float(h[1]) == 128.0f,
			  "int64 to float16");
	}

	/* ordering and hashing by exact value across dtypes */
	{
		const int64_t big[1] = {(INT64_C(1) << 53) + 1};
		const double near[1] = {9007199254740992.0};
		const int32_t two32[1] = {2};
		const uint16_t two16[1] = {0x4000};
		const double cz[2] = {2.0, 0.0};
		const int32_t dims[1] = {1};

		check(mt_compare_elements(big, MT_INT64, 0, near, MT_FLOAT64, 0) > 0,
			  "int64 2^53+1 is above float64 2^53");
		check(mt_compare_elements(two32, MT_INT32, 0, two16, MT_FLOAT16, 0) == 0
			  && mt_compare_elements(two32, MT_INT32, 0, cz, MT_COMPLEX128, 0) == 0,
			  "int32 2, float16 2 and complex 2+0j are equal");
		check(mt_hash_tensor(1, dims, MT_INT32, two32, 1, 7) == mt_hash_tensor(1, dims, MT_FLOAT16, two16, 1, 7)
			  && mt_hash_tensor(1, dims, MT_INT32, two32, 1, 7) == mt_hash_tensor(1, dims, MT_COMPLEX128, cz, 1, 7),
			  "equal values of different dtypes hash equal");
	}
}

/* reductions, accumulations, strided copies and row folds over the dtypes
 * other than float32/float64 (issue 21) */
static void
test_reduce_dtypes(void)
{
	int8_t		i8[4] = {100, 100, -3, 1};
	int64_t		big[2] = {INT64_C(4294967296), INT64_C(4294967296)};
	uint8_t		u8[4] = {200, 3, 250, 7};
	double		nanv[3] = {NAN, -0.0, 0.0};
	uint16_t	h[3] = {mt_float_to_half(60000.0f), mt_float_to_half(10000.0f),
	mt_float_to_half(-10000.0f)};
	int64_t		out[4];
	uint8_t		out8[4];
	uint16_t	outh[3];
	double		work[8];
	int64_t		iwork[4];
	uint8_t		bytes[6] = {1, 2, 3, 4, 5, 6};
	uint8_t		bytes_t[6];
	double		cplx[6] = {1, 10, 2, 20, 3, 30};
	double		cplx_t[6];
	int64_t		acc[2] = {0, 0};
	int16_t		row[2] = {-5, 7};

	check(mt_reduce(MT_REDUCE_SUM, MT_INT8, i8, 1, 4, 1, 0, out, MT_INT64, work, iwork,
					NULL, NULL) == MT_OK && out[0] == 198,
		  "int8 sum accumulates in int64 (no wrap at 128)");
	check(mt_reduce(MT_REDUCE_PROD, MT_INT64, big, 1, 2, 1, 0, out, MT_INT64, work, iwork,
					NULL, NULL) == MT_OK && out[0] == 0,
		  "int64 prod wraps as numpy's");
	check(mt_reduce(MT_REDUCE_MIN, MT_UINT8, u8, 1, 2, 2, 0, out8, MT_UINT8, work, iwork,
					NULL, NULL) == MT_OK && out8[0] == 200 && out8[1] == 3,
		  "uint8 min along axis 0 keeps uint8");
	check(mt_reduce(MT_REDUCE_ARGMAX, MT_UINT8, u8, 1, 4, 1, 0, out, MT_INT64, work, iwork,
					NULL, NULL) == MT_OK && out[0] == 2,
		  "uint8 argmax into int64");
	check(mt_reduce(MT_REDUCE_COUNT_NONZERO, MT_FLOAT64, nanv, 1, 3, 1, 0, out, MT_INT64,
					work, iwork, NULL, NULL) == MT_OK && out[0] == 1,
		  "count_nonzero: NaN is nonzero, -0.0 is zero");
	check(mt_reduce(MT_REDUCE_ALL, MT_FLOAT64, nanv, 1, 1, 1, 0, out8, MT_BOOL,
					work, iwork, NULL, NULL) == MT_OK && out8[0] == 1,
		  "all of NaN is true");
	check(mt_reduce(MT_REDUCE_ANY, MT_FLOAT64, nanv + 1, 1, 2, 1, 0, out8, MT_BOOL,
					work, iwork, NULL, NULL) == MT_OK && out8[0] == 0,
		  "any of -0.0 and 0.0 is false");
	check(mt_reduce(MT_REDUCE_SUM, MT_FLOAT16, h, 1, 3, 1, 0, outh, MT_FLOAT16,
					work, iwork, NULL, NULL) == MT_OK && mt_half_to_float(outh[0]) == 60000.0f,
		  "float16 sum accumulates in float32 (no overflow at 70000)");
	check(mt_accumulate(false, MT_FLOAT16, h, 1, 3, 1, outh, MT_FLOAT16, NULL, NULL) == MT_OK &&
		  isinf(mt_half_to_float(outh[1])) && isinf(mt_half_to_float(outh[2])),
		  "float16 cumsum rounds at every step, as numpy");
	check(mt_accumulate(true, MT_INT64, big, 1, 2, 1, out, MT_INT64, NULL, NULL) == MT_OK &&
		  out[0] == INT64_C(4294967296) && out[1] == 0,
		  "int64 cumprod wraps");
	check(mt_reduce(MT_REDUCE_MEAN, MT_COMPLEX128, cplx, 1, 3, 1, 0, cplx_t, MT_COMPLEX128,
					work, iwork, NULL, NULL) == MT_OK && cplx_t[0] == 2 && cplx_t[1] == 20,
		  "complex128 mean part by part");
	check(mt_strided_copy(1, 2, (int64_t[]) {3, 2}, (int64_t[]) {1, 3}, bytes, bytes_t) == 6 &&
		  bytes_t[0] == 1 && bytes_t[1] == 4 && bytes_t[2] == 2 && bytes_t[5] == 6,
		  "strided copy transposes 1-byte elements");
	check(mt_strided_copy(16, 1, (int64_t[]) {3}, (int64_t[]) {-1}, cplx + 4, cplx_t) == 3 &&
		  cplx_t[0] == 3 && cplx_t[1] == 30 && cplx_t[4] == 1 && cplx_t[5] == 10,
		  "strided copy reverses 16-byte elements");
	{
		/* (1+5j), (1+7j), (0+9j): lexicographic, numpy's CDOUBLE order */
		double		c3[6] = {1, 5, 1, 7, 0, 9};
		double		cr[2];
		int64_t		ci;
		double		vr;

		check(mt_reduce(MT_REDUCE_MAX, MT_COMPLEX128, c3, 1, 3, 1, 0, cr, MT_COMPLEX128,
						work, iwork, NULL, NULL) == MT_OK && cr[0] == 1 && cr[1] == 7,
			  "complex max orders by real part, then imaginary part");
		check(mt_reduce(MT_REDUCE_ARGMIN, MT_COMPLEX128, c3, 1, 3, 1, 0, &ci, MT_INT64,
						work, iwork, NULL, NULL) == MT_OK && ci == 2,
			  "complex argmin: the smallest real part wins");
		check(mt_reduce(MT_REDUCE_VAR, MT_COMPLEX128, c3, 1, 2, 1, 0, &vr, MT_FLOAT64,
						work, iwork, NULL, NULL) == MT_OK && vr == 1.0,
			  "complex var is real: mean of |x - mean|^2");
		c3[3] = NAN;
		check(mt_reduce(MT_REDUCE_MIN, MT_COMPLEX128, c3, 1, 3, 1, 0, cr, MT_COMPLEX128,
						work, iwork, NULL, NULL) == MT_OK && cr[0] == 1 && cr[1] != cr[1],
			  "complex min: a NaN imaginary part wins");
	}
	check(mt_row_copy_exact(acc, row, MT_INT16, 2, NULL, NULL) == MT_OK &&
		  mt_row_fold_exact(MT_ROW_FOLD_MIN, acc, (int16_t[]) {-9, 8}, MT_INT16, 2, NULL, NULL) == MT_OK &&
		  acc[0] == -9 && acc[1] == 7,
		  "exact row fold: min of int16 rows");
}

static bool
count_polls(void *arg)
{
	(*(int *) arg)++;
	return true;
}

static void
test_indexing(void)
{
	int8_t		i8[6] = {3, -1, 0, 5, -128, 127};
	int64_t		idx[4];
	int64_t		bad = 0;
	uint16_t	half[4] = {0x8000, 0x7e00, 0x0000, 0x0001};	/* -0, NaN, 0, tiny */
	double		cplx[6] = {0.0, 0.0, 0.0, -2.0, 1.5, 0.0};	/* 0, -2j, 1.5 */
	uint8_t		mask[3] = {1, 0, 1};
	int16_t		rows[6] = {1, 2, 3, 4, 5, 6};
	int16_t		out16[6];
	int64_t		coords[10];
	int64_t		dims2[2] = {2, 3};
	int8_t		out8[6];
	int			polls = 0;
	char	   *big;

	check(mt_element_nonzero(half, MT_FLOAT16, 1) && !mt_element_nonzero(half, MT_FLOAT16, 0)
		  && mt_count_nonzero(half, MT_FLOAT16, 4) == 2, "float16 truth: NaN and subnormal true, -0 false");
	check(mt_count_nonzero(cplx, MT_COMPLEX128, 3) == 2, "complex truth: either part nonzero");
	check(mt_count_nonzero(i8, MT_INT8, 6) == 5, "int8 count_nonzero");
	{
		int8_t		ind[3] = {-1, 2, -6};
		uint8_t		uind[2] = {5, 6};

		check(mt_read_indices(ind, MT_INT8, 3, 6, true, idx, &bad) == -1
			  && idx[0] == 5 && idx[1] == 2 && idx[2] == 0, "negative int8 indices count from the end");
		check(mt_read_indices(uind, MT_UINT8, 2, 6, true, idx, &bad) == 1 && bad == 6,
			  "an index past the end is reported with its position and value");
		check(mt_read_indices(ind, MT_INT8, 1, 6, false, idx, &bad) == 0 && bad == -1,
			  "negative indices refused when not allowed");
	}
	check(mt_mask_select((const char *) rows, 2 * sizeof(int16_t), mask, 3, (char *) out16, NULL, NULL) == MT_OK
		  && out16[0] == 1 && out16[1] == 2 && out16[2] == 5 && out16[3] == 6, "mask_select moves whole rows");
	memcpy(out16, rows, sizeof(rows));
	{
		int16_t		v[2] = {-7, -8};

		check(mt_mask_assign((char *) out16, 2 * sizeof(int16_t), mask, 3, (const char *) v, 0, NULL, NULL) == MT_OK
			  && out16[0] == -7 && out16[1] == -8 && out16[2] == 3 && out16[4] == -7 && out16[5] == -8,
			  "mask_assign with one row repeated");
	}
	idx[0] = 2;
	idx[1] = 0;
	check(mt_gather((const char *) i8, 1, 2, 3, idx, 2, (char *) out8, NULL, NULL) == MT_OK
		  && out8[0] == 0 && out8[1] == 3 && out8[2] == 127 && out8[3] == 5, "gather along the last axis of (2,3) int8");
	check(mt_nonzero_coords(i8, MT_INT8, 2, dims2, 5, true, coords, NULL, NULL) == MT_OK
		  && coords[0] == 0 && coords[1] == 0 && coords[2] == 1 && coords[5] == 0 && coords[6] == 1 && coords[9] == 2,
		  "nonzero coordinates by axis");
	check(mt_nonzero_coords(i8, MT_INT8, 2, dims2, 4, false, coords, NULL, NULL) == MT_OK
		  && coords[0] == 0 && coords[1] == 0 && coords[2] == 0 && coords[3] == 1 && coords[4] == 1 && coords[5] == 0,
		  "argwhere coordinates, stopping at count");
	{
		/* take_along_axis on (2,3), axis 1, indices (2,2) */
		int64_t		strides[2] = {3, 1};
		int64_t		wdims[2] = {2, 2};
		int64_t		ai[4] = {2, 0, 1, 1};
		int64_t		bstrides[2] = {0, 1};	/* arr (1,3) broadcast over 2 rows */

		check(mt_along_axis((char *) i8, strides, 1, 2, wdims, ai, (char *) out8, 1, false, NULL, NULL) == MT_OK
			  && out8[0] == 0 && out8[1] == 3 && out8[2] == -128 && out8[3] == -128, "take_along_axis walk");
		memcpy(out8, i8, 6);
		check(mt_along_axis((char *) out8, bstrides, 1, 2, wdims, ai, (char *) rows, 1, true, NULL, NULL) == MT_OK,
			  "put_along_axis walk over a broadcast axis");
	}
	{
		double		c0[2] = {1, 2},
					c1[2] = {3, 4};
		const char *ch[2] = {(const char *) c0, (const char *) c1};
		int64_t		which[2] = {1, 0};
		double		r[2];
		uint8_t		k0[2] = {0, 0},
					k1[2] = {1, 0};
		const uint8_t *conds[2] = {k0, k1};
		double		dflt[2] = {9, 9};

		check(mt_choose(which, 2, ch, sizeof(double), (char *) r, NULL, NULL) == MT_OK && r[0] == 3 && r[1] == 2,
			  "choose");
		check(mt_select(conds, ch, 2, (const char *) dflt, 2, sizeof(double), (char *) r, NULL, NULL) == MT_OK
			  && r[0] == 3 && r[1] == 9, "select: the first true condition, else the default");
	}
	{
		double		c[4] = {0};
		double		v[4] = {1, 2, 3, 4};	/* complex128 (1+2j), (3+4j) */
		int64_t		p[3] = {1, 0, 1};

		check(mt_put((char *) c, 16, p, 3, (const char *) v, 2, NULL, NULL) == MT_OK
			  && c[0] == 3 && c[1] == 4 && c[2] == 1 && c[3] == 2, "put moves 16-byte elements, values repeat");
	}
	{
		/* (3,3) int8, the view [::-1, 1:3] written from a (3,2) buffer */
		int8_t		m[9] = {0};
		int8_t		src[6] = {1, 2, 3, 4, 5, 6};
		int64_t		vdims[2] = {3, 2};
		int64_t		vstr[2] = {-3, 1};
		int8_t		back[6];

		check(mt_strided_scatter(1, 2, vdims, vstr, (const char *) src, (char *) (m + 7), NULL, NULL) == MT_OK
			  && m[7] == 1 && m[8] == 2 && m[1] == 5 && m[2] == 6 && m[0] == 0, "strided scatter with a negative stride");
		mt_strided_copy(1, 2, vdims, vstr, m + 7, back);
		check(memcmp(back, src, 6) == 0, "strided copy of int8 elements reads the scatter back");
	}
	{
		double		z[8] = {1, 2, 3, 4, 5, 6, 7, 8};	/* 4 complex128 */
		double		zz[4];
		int64_t		zd[1] = {2};
		int64_t		zs[1] = {2};

		mt_strided_copy(16, 1, zd, zs, z, zz);
		check(zz[0] == 1 && zz[1] == 2 && zz[2] == 5 && zz[3] == 6, "strided copy of complex128 with a step");
	}
	{
		int16_t		pm[4] = {0, 0, 0, 0};
		int16_t		pv[2] = {7, 8};
		float		fm[4] = {0.0f, NAN, -0.0f, 2.0f};
		int64_t		flat[2] = {41, 0};
		int64_t		shape[2] = {7, 6};
		int64_t		co[4];
		int64_t		back[2];
		int32_t		co32[4];

		check(mt_putmask((char *) pm, 2, fm, MT_FLOAT32, 4, (const char *) pv, 2, false, NULL, NULL) == MT_OK
			  && pm[0] == 0 && pm[1] == 8 && pm[2] == 0 && pm[3] == 8, "putmask: value by position, float mask");
		check(mt_putmask((char *) pm, 2, fm, MT_FLOAT32, 4, (const char *) pv, 2, true, NULL, NULL) == MT_OK
			  && pm[1] == 7 && pm[3] == 8, "place: value by count");
		mt_unravel(flat, 2, 2, shape, co);
		check(co[0] == 6 && co[1] == 0 && co[2] == 5 && co[3] == 0, "unravel_index");
		for (int i = 0; i < 4; i++)
			co32[i] = (int32_t) co[i];
		check(mt_ravel(co32, MT_INT32, 2, 2, shape, back, &bad) == -1 && back[0] == 41 && back[1] == 0,
			  "ravel_multi_index inverts unravel_index");
		co32[2] = 6;
		check(mt_ravel(co32, MT_INT32, 2, 2, shape, back, &bad) == 2 && bad == 6,
			  "ravel_multi_index reports a coordinate outside its extent");
	}
	big = calloc((size_t) 1 << 18, 1);
	check(big != NULL && mt_put(big, 1, (int64_t *) big, 0, big, 1, count_polls, &polls) == MT_OK, "put of nothing");
	{
		int64_t		n = (int64_t) 1 << 17;
		int64_t    *zeros = calloc((size_t) n, sizeof(int64_t));

		check(zeros != NULL && mt_put(big, 1, zeros, n, big, 1, count_polls, &polls) == MT_ERR_CANCELED && polls == 1,
			  "a long put polls and stops when asked");
		free(zeros);
	}
	free(big);
}

/* reference order of sort.h for doubles: NaN last, -0.0 == 0.0 */
static int
ref_cmp_double(double a, double b)
{
	if (a != a)
		return b != b ? 0 : 1;
	if (b != b)
		return -1;
	return a < b ? -1 : a > b;
}

static void
test_sort(void)
{
	/* complex: by real part, then imaginary part, NaN parts last */
	double		z[] = {1, 2, 1, -1, NAN, 0, 1, NAN, 0, 5, -0.0, 3, 1, -1};
	int64_t		want[] = {5, 4, 1, 6, 0, 3, 2};
	int64_t		perm[7];
	double		zs[14];
	int			ok;
	uint16_t	h[] = {0x3c00, 0x7e00, 0x8000, 0xbc00, 0x0000, 0xfc00, 0x7c00};
	int64_t		hwant[] = {5, 3, 2, 4, 0, 6, 1};
	float		f[] = {2, -0.0f, NAN, 0.0f, -1, -0.0f, 2};
	float		fs[7];
	int64_t		nuniq;
	double		uz[14];
	int64_t		idx[7],
				inv[7],
				cnt[7];
	int64_t		n = 100003;
	float	   *big = malloc(sizeof(float) * n);
	float	   *sorted = malloc(sizeof(float) * n);
	int64_t    *order = malloc(sizeof(int64_t) * n);
	int64_t		at[3];
	double		keys_a[] = {1, 0, 1, 0};
	int32_t		keys_b[] = {2, 2, 1, 1};
	const void *keys[2] = {keys_a, keys_b};
	MtDtype		kd[2] = {MT_FLOAT64, MT_INT32};
	int64_t		lex[4];

	check(mt_argsort_lanes(z, MT_COMPLEX128, 1, 7, 1, false, perm, NULL, NULL) == MT_OK
		  && memcmp(perm, want, sizeof(want)) == 0,
		  "argsort of complex128 orders by real, then imaginary part, NaN parts last");
	memcpy(zs, z, sizeof(z));
	ok = mt_sort_lanes(zs, MT_COMPLEX128, 1, 7, 1, NULL, NULL) == MT_OK;
	for (int i = 0; i < 7 && ok; i++)
		ok = memcmp(zs + 2 * i, z + 2 * want[i], 2 * sizeof(double)) == 0;
	check(ok, "sort of complex128 moves whole pairs in argsort's order");
	{
		float		zf[14];

		for (int i = 0; i < 14; i++)
			zf[i] = (float) z[i];
		check(mt_argsort_lanes(zf, MT_COMPLEX64, 1, 7, 1, false, perm, NULL, NULL) == MT_OK
			  && memcmp(perm, want, sizeof(want)) == 0,
			  "argsort of complex64 (one 64-bit key) orders as complex128");
	}
	check(mt_unique(z, MT_COMPLEX128, 7, uz, &nuniq, idx, inv, cnt, NULL, NULL) == MT_OK
		  && nuniq == 5 && cnt[2] == 2 && inv[6] == 2 && inv[1] == 2 && idx[2] == 1
		  && cnt[4] == 2 && idx[4] == 3 && inv[2] == 4,
		  "unique of complex128 merges equal pairs (1-1j twice) and every NaN (numpy), keeps the first index");
	check(mt_argsort_lanes(h, MT_FLOAT16, 1, 7, 1, false, perm, NULL, NULL) == MT_OK
		  && memcmp(perm, hwant, sizeof(hwant)) == 0,
		  "argsort of float16: -inf, -1, -0.0 and 0.0 tied in order, 1, inf, NaN");
	memcpy(fs, f, sizeof(f));
	ok = mt_sort_lanes(fs, MT_FLOAT32, 1, 7, 1, NULL, NULL) == MT_OK
		&& fs[0] == -1 && signbit(fs[1]) && !signbit(fs[2]) && signbit(fs[3])
		&& fs[4] == 2 && isnan(fs[6]);
	check(ok, "sort keeps -0.0 and 0.0 in their order (stable), NaN last");

	/* the radix paths against a reference order */
	for (int64_t i = 0; i < n; i++)
		big[i] = (i % 97 == 0) ? NAN : (i % 89 == 0) ? -0.0f : (i % 83 == 0) ? 0.0f :
			(float) ((i * 7919) % 1000) - 500.0f;
	ok = mt_sort_copy_lanes(big, sorted, MT_FLOAT32, 1, n, 1, NULL, NULL) == MT_OK;
	for (int64_t i = 1; i < n && ok; i++)
		ok = ref_cmp_double(sorted[i - 1], sorted[i]) <= 0;
	check(ok, "sort of 100003 float32 with NaN and both zeros is in order (fallback path)");
	for (int64_t i = 0; i < n; i++)
		big[i] = (float) ((i * 7919) % 100003) - 50000.5f;
	ok = mt_sort_copy_lanes(big, sorted, MT_FLOAT32, 1, n, 1, NULL, NULL) == MT_OK;
	for (int64_t i = 1; i < n && ok; i++)
		ok = sorted[i - 1] < sorted[i];
	check(ok, "sort of 100003 distinct float32 (invertible-key path) is in order");
	ok = mt_argsort_lanes(big, MT_FLOAT32, 1, n, 1, true, order, NULL, NULL) == MT_OK;
	for (int64_t i = 1; i < n && ok; i++)
		ok = big[order[i - 1]] > big[order[i]];
	check(ok, "descending argsort of 100003 float32 is in order");

	{
		double		sa[] = {1, 2, 2, 3};
		double		v[] = {2, 0, 9};
		int64_t		l[3];

		check(mt_searchsorted(sa, MT_FLOAT64, 4, NULL, v, MT_FLOAT64, 3, false, l, NULL, NULL) == MT_OK
			  && l[0] == 1 && l[1] == 0 && l[2] == 4
			  && mt_searchsorted(sa, MT_FLOAT64, 4, NULL, v, MT_FLOAT64, 3, true, at, NULL, NULL) == MT_OK
			  && at[0] == 3,
			  "searchsorted left and right");
	}
	check(mt_lexsort_lanes(keys, kd, 2, 1, 4, 1, lex, NULL, NULL) == MT_OK
		  && lex[0] == 3 && lex[1] == 2 && lex[2] == 1 && lex[3] == 0,
		  "lexsort: the last key is the primary one, keys of different dtypes");
	/* lanes along axis 0 of a 40 x 3 array: strided lanes through the radix */
	{
		int16_t		m[120],
					ms[120];
		int64_t		mo[120];

		for (int i = 0; i < 120; i++)
			m[i] = (int16_t) (((i * 37) % 23) - 11);
		memcpy(ms, m, sizeof(m));
		ok = mt_sort_lanes(ms, MT_INT16, 1, 40, 3, NULL, NULL) == MT_OK
			&& mt_argsort_lanes(m, MT_INT16, 1, 40, 3, false, mo, NULL, NULL) == MT_OK;
		for (int c = 0; c < 3 && ok; c++)
			for (int r = 1; r < 40 && ok; r++)
			{
				int64_t		p = mo[(r - 1) * 3 + c],
							q = mo[r * 3 + c];

				ok = ms[(r - 1) * 3 + c] <= ms[r * 3 + c]
					&& m[p * 3 + c] == ms[(r - 1) * 3 + c]
					&& (m[p * 3 + c] < m[q * 3 + c] || (m[p * 3 + c] == m[q * 3 + c] && p < q));
			}
		check(ok, "sort and stable argsort along axis 0 of a 40 x 3 int16 array");
	}
	free(big);
	free(sorted);
	free(order);
}

/* the direct DFT in long double: X[k] = sum x[j] exp(-+2 pi i j k / n) */
static void
naive_dft(const double *x, double *out, int64_t n, bool inverse)
{
	for (int64_t k = 0; k < n; k++)
	{
		long double re = 0,
					im = 0;

		for (int64_t j = 0; j < n; j++)
		{
			long double a = 2.0L * 3.14159265358979323846264338327950288L *
				(long double) ((j * k) % n) / (long double) n;
			long double c = cosl(a),
						s = inverse ? sinl(a) : -sinl(a);

			re += x[2 * j] * c - x[2 * j + 1] * s;
			im += x[2 * j] * s + x[2 * j + 1] * c;
		}
		out[2 * k] = (double) re;
		out[2 * k + 1] = (double) im;
	}
}

static double
max_abs_diff(const double *a, const double *b, int64_t count)
{
	double		m = 0;

	for (int64_t i = 0; i < count; i++)
		if (fabs(a[i] - b[i]) > m || isnan(a[i] - b[i]))
			m = isnan(a[i] - b[i]) ? INFINITY : fabs(a[i] - b[i]);
	return m;
}

static void
test_fft(void)
{
	/* radices 4, 2, 3, 5, 7, 11, a generic prime 61, Bluestein (67, 97, 1031) */
	static const int64_t lens[] = {1, 2, 3, 4, 5, 6, 7, 8, 12, 15, 16, 17, 30,
	61, 67, 97, 128, 210, 1000, 1024, 1031};
	char		what[128];

	for (size_t li = 0; li < sizeof(lens) / sizeof(lens[0]); li++)
	{
		int64_t		n = lens[li];
		double	   *x = malloc(sizeof(double) * 2 * n);
		double	   *got = malloc(sizeof(double) * 2 * n);
		double	   *want = malloc(sizeof(double) * 2 * n);
		double	   *r = malloc(sizeof(double) * n);
		double	   *rc = malloc(sizeof(double) * 2 * (n / 2 + 1));
		double	   *back = malloc(sizeof(double) * n);
		double		tol = 1e-13 * (n < 16 ? 16 : n);
		MtStatus	st;
		bool		ok;

		for (int64_t j = 0; j < 2 * n; j++)
			x[j] = sin(0.7 * (double) j + 0.3) + 0.25 * cos(3.1 * (double) j);
		for (int64_t j = 0; j < n; j++)
			r[j] = x[2 * j];
		naive_dft(x, want, n, false);
		st = mt_fft_c2c_lanes(x, 1, n, 1, got, n, false, 1.0, NULL, NULL);
		snprintf(what, sizeof(what), "fft of length %lld matches the direct DFT",
				 (long long) n);
		check(st == MT_OK && max_abs_diff(got, want, 2 * n) < tol, what);
		naive_dft(x, want, n, true);
		st = mt_fft_c2c_lanes(x, 1, n, 1, got, n, true, 1.0, NULL, NULL);
		snprintf(what, sizeof(what), "inverse fft of length %lld matches the direct DFT",
				 (long long) n);
		check(st == MT_OK && max_abs_diff(got, want, 2 * n) < tol, what);

		/* real input: the first n/2+1 values of the complex transform */
		for (int64_t j = 0; j < n; j++)
		{
			x[2 * j] = r[j];
			x[2 * j + 1] = 0;
		}
		naive_dft(x, want, n, false);
		st = mt_fft_r2c_lanes(r, 1, n, 1, rc, n, 1.0, NULL, NULL);
		snprintf(what, sizeof(what), "rfft of length %lld matches the direct DFT",
				 (long long) n);
		check(st == MT_OK && max_abs_diff(rc, want, 2 * (n / 2 + 1)) < tol, what);
		st = mt_fft_c2r_lanes(rc, 1, n / 2 + 1, 1, back, n, 1.0 / (double) n,
							  NULL, NULL);
		ok = st == MT_OK && max_abs_diff(back, r, n) < tol;
		snprintf(what, sizeof(what), "irfft(rfft(x)) of length %lld is x",
				 (long long) n);
		check(ok, what);
		free(x);
		free(got);
		free(want);
		free(r);
		free(rc);
		free(back);
	}

	/* lanes along axis 0 of a 5 x 3 array, zero-padded to 8 */
	{
		double		a[30],
					lane[16],
					want[16],
					got[48];
		bool		ok = true;

		for (int j = 0; j < 30; j++)
			a[j] = (double) (j * j % 7) - 3.0;
		mt_fft_c2c_lanes(a, 1, 5, 3, got, 8, false, 0.5, NULL, NULL);
		for (int i = 0; i < 3; i++)
		{
			memset(lane, 0, sizeof(lane));
			for (int k = 0; k < 5; k++)
			{
				lane[2 * k] = a[2 * (k * 3 + i)];
				lane[2 * k + 1] = a[2 * (k * 3 + i) + 1];
			}
			naive_dft(lane, want, 8, false);
			for (int k = 0; k < 8; k++)
				ok &= fabs(got[2 * (k * 3 + i)] - 0.5 * want[2 * k]) < 1e-12 &&
					fabs(got[2 * (k * 3 + i) + 1] - 0.5 * want[2 * k + 1]) < 1e-12;
		}
		check(ok, "fft along axis 0 of 5 x 3, zero-padded to 8 and scaled");
	}

	/* roll of a 2 x 3 x 4 int32 array by (1, 2, 3) */
	{
		int32_t		src[24],
					dst[24];
		int64_t		dims[] = {2, 3, 4},
					shift[] = {1, 2, 3};
		bool		ok = true;

		for (int j = 0; j < 24; j++)
			src[j] = j;
		mt_roll_axes(src, dst, sizeof(int32_t), 3, dims, shift, NULL, NULL);
		for (int a = 0; a < 2; a++)
			for (int b = 0; b < 3; b++)
				for (int c = 0; c < 4; c++)
					ok &= dst[(a * 3 + b) * 4 + c] ==
						src[(((a + 1) % 2) * 3 + (b + 1) % 3) * 4 + (c + 1) % 4];
		check(ok, "roll of 2 x 3 x 4 by (1, 2, 3)");
	}
}

static void
test_bitwise(void)
{
	MtIntLane	i8 = mt_int_lane(MT_INT8);
	MtIntLane	u8 = mt_int_lane(MT_UINT8);
	MtIntLane	i64 = mt_int_lane(MT_INT64);
	int64_t		a[] = {1, -1, 5, 1, -128, 64};
	int64_t		b[] = {7, 7, 8, -1, 7, 8};
	int64_t		c[6];
	int64_t		inv[2];
	uint8_t		cnt[3];
	uint8_t		bits[9] = {1, 1, 0, 0, 0, 0, 0, 0, 1};
	uint8_t		packed[2];
	uint8_t		unpacked[10];
	char		buf[80];
	int64_t		m[] = {INT64_MIN, -1};
	int64_t		s63[] = {63, 64};

	mt_bitwise(MT_BIT_LEFT_SHIFT, i8, a, b, c, 6, NULL, NULL);
	check(c[0] == -128 && c[1] == -128 && c[2] == 0 && c[3] == 0,
		  "left_shift int8: wraps, 0 at the width and for negative counts");
	mt_bitwise(MT_BIT_RIGHT_SHIFT, i8, a, b, c, 6, NULL, NULL);
	check(c[0] == 0 && c[1] == -1 && c[2] == 0 && c[3] == 0 && c[4] == -1 && c[5] == 0,
		  "right_shift int8: sign beyond the width, as numpy");
	mt_bitwise(MT_BIT_RIGHT_SHIFT, i64, m, s63, c, 2, NULL, NULL);
	check(c[0] == -1 && c[1] == -1, "right_shift int64 of INT64_MIN by 63 and 64");
	check(mt_int_wrap(256 + 255, u8) == 255 && mt_int_wrap(200, i8) == -56,
		  "mt_int_wrap narrows to uint8 and int8");
	mt_invert(mt_int_lane(MT_BOOL), (int64_t[]) {1, 0}, inv, 2, NULL, NULL);
	check(inv[0] == 0 && inv[1] == 1, "invert of bool is logical not");
	mt_bitwise_count((int64_t[]) {INT64_MIN, -1, 1023}, cnt, 3, NULL, NULL);
	check(cnt[0] == 1 && cnt[1] == 1 && cnt[2] == 10, "bitwise_count counts the bits of |x|");
	mt_packbits(bits, 1, 9, 1, false, packed, NULL, NULL);
	check(packed[0] == 192 && packed[1] == 128, "packbits big");
	mt_packbits(bits, 1, 9, 1, true, packed, NULL, NULL);
	check(packed[0] == 3 && packed[1] == 1, "packbits little");
	mt_unpackbits((uint8_t[]) {255}, 1, 1, 1, 10, true, unpacked, NULL, NULL);
	check(unpacked[7] == 1 && unpacked[8] == 0 && unpacked[9] == 0, "unpackbits pads past the bits");
	{
		int8_t		ta[] = {1, -1, 5, -128};
		int8_t		tb = 7;
		int8_t		tc[4];
		int32_t		xa[] = {12, 10};
		int32_t		xb[] = {10, 6};
		int32_t		xc[2];

		mt_bitwise_typed(MT_BIT_LEFT_SHIFT, MT_INT8, ta, 4, &tb, 1, tc, 4, NULL, NULL);
		check(tc[0] == -128 && tc[1] == -128 && tc[2] == -128 && tc[3] == 0,
			  "typed left_shift int8 by a broadcast scalar wraps");
		mt_bitwise_typed(MT_BIT_XOR, MT_INT32, xa, 2, xb, 2, xc, 2, NULL, NULL);
		check(xc[0] == 6 && xc[1] == 12, "typed xor int32");
	}
	check(mt_binary_repr(-3, 4, buf) && strcmp(buf, "1101") == 0, "binary_repr(-3, 4)");
	check(mt_binary_repr(-3, -1, buf) && strcmp(buf, "-11") == 0, "binary_repr(-3)");
	check(mt_binary_repr(0, 0, buf) && strcmp(buf, "0") == 0, "binary_repr(0, 0)");
	check(!mt_binary_repr(-5, 3, buf) && !mt_binary_repr(10, 3, buf), "binary_repr refuses a short width");
	check(mt_binary_repr(-1, 66, buf) && strlen(buf) == 66 && buf[0] == '1', "binary_repr widths beyond 64 bits");
}

static void
test_math_extra(void)
{
	int64_t		g[2];
	int64_t		r[5];
	double		x[] = {0.0, 1.0, -1.0};
	double		out[3];
	double		frac[2],
				integral[2];
	int32_t		e[2];
	double		xp[] = {1, 2, 3};
	double		fp[] = {3, 2, 0};
	double		lr[] = {-99, 99};
	double		xs[] = {0, 1.5, 3, 4};
	double		ip[4];
	double		p[] = {0, 4, 8};
	double		up[3];

	mt_int_math(MT_INT_GCD, mt_int_lane(MT_INT8), (int64_t[]) {-128, 12},
				(int64_t[]) {0, -18}, g, 2, NULL, NULL);
	check(g[0] == -128 && g[1] == 6, "gcd int8: INT8_MIN wraps, signs dropped");
	mt_int_math(MT_INT_LCM, mt_int_lane(MT_INT16), (int64_t[]) {-200, 0},
				(int64_t[]) {201, 5}, g, 2, NULL, NULL);
	check(g[0] == -25336 && g[1] == 0, "lcm int16 wraps as numpy, lcm with 0 is 0");
	mt_int_reciprocal(mt_int_lane(MT_INT32), (int64_t[]) {0, 1, -1, 2, -2}, r, 5, NULL, NULL);
	check(r[0] == INT32_MIN && r[1] == 1 && r[2] == -1 && r[3] == 0 && r[4] == 0,
		  "integer reciprocal as numpy's loop");
	mt_float_math(MT_FLOAT_SPACING, MT_FLOAT16, (double[]) {1.0, -1.0, 0.0}, NULL, out, 3, NULL, NULL);
	check(out[0] == ldexp(1, -10) && out[1] == ldexp(1, -11) && out[2] == ldexp(1, -24),
		  "float16 spacing as npy_half_spacing");
	mt_float_math(MT_FLOAT_NEXTAFTER, MT_FLOAT16, (double[]) {1.0, INFINITY, 0.0},
				  (double[]) {2.0, 0.0, -1.0}, out, 3, NULL, NULL);
	check(out[0] == 1 + ldexp(1, -10) && out[1] == 65504.0 && out[2] == -ldexp(1, -24),
		  "float16 nextafter as npy_half_nextafter");
	mt_float_math(MT_FLOAT_SINC, MT_FLOAT16, x, NULL, out, 1, NULL, NULL);
	check(isnan(out[0]), "float16 sinc(0) is NaN, as numpy's");
	mt_float_math(MT_FLOAT_SINC, MT_FLOAT64, x, NULL, out, 2, NULL, NULL);
	check(out[0] == 1.0 && fabs(out[1]) < 1e-16, "float64 sinc(0) is 1, sinc(1) about 0");
	mt_float_math(MT_FLOAT_I0, MT_FLOAT64, x, NULL, out, 3, NULL, NULL);
	check(out[0] == 1.0 && fabs(out[1] - 1.2660658777520082) < 1e-15 && out[1] == out[2],
		  "i0 at 0 and +-1");
	mt_float_math(MT_FLOAT_HEAVISIDE, MT_FLOAT64, (double[]) {-0.0, -2, NAN},
				  (double[]) {0.5, 0.5, 0.5}, out, 3, NULL, NULL);
	check(out[0] == 0.5 && out[1] == 0 && isnan(out[2]), "heaviside at -0.0, below zero, NaN");
	mt_modf((double[]) {-3.5, INFINITY}, frac, integral, 2, NULL, NULL);
	check(frac[0] == -0.5 && integral[0] == -3 && frac[1] == 0 && integral[1] == INFINITY, "modf");
	mt_frexp((double[]) {5, INFINITY}, frac, e, 2, NULL, NULL);
	check(frac[0] == 0.625 && e[0] == 3 && frac[1] == INFINITY && e[1] == 0, "frexp");
	mt_interp(xs, 4, xp, fp, 3, 1, lr, lr + 1, ip, NULL, NULL);
	check(ip[0] == -99 && ip[1] == 2.5 && ip[2] == 0 && ip[3] == 99, "interp inside, at the end and outside");
	mt_unwrap(p, up, 1, 3, 1, M_PI, 2 * M_PI, NULL, NULL);
	check(up[0] == 0 && fabs(up[1] - (4 - 2 * M_PI)) < 1e-15 && fabs(up[2] - (8 - 4 * M_PI)) < 1e-15,
		  "unwrap removes jumps of 2 pi");
}

/* numpy.pad one axis at a time (kernels/pad.c) and numpy.gradient
 * (kernels/gradient.c) against values numpy prints */
static void
test_pad_gradient(void)
{
	int64_t		dims[1] = {10};
	int64_t		scratch[10];
	MtPadAxis	pa = {2, 3, -1, -1, 0.0, 0.0};
	double		buf[10];
	int8_t		ib[7];
	int64_t		idims[1] = {7};
	MtPadAxis	ipa = {2, 2, -1, -1, 0.0, 0.0};
	static const double reflect[10] = {3, 2, 1, 2, 3, 4, 5, 4, 3, 2};
	static const double odd[10] = {-1, 0, 1, 2, 3, 4, 5, 6, 7, 8};
	static const double symmetric[10] = {2, 1, 1, 2, 3, 4, 5, 5, 4, 3};
	static const double wrap[10] = {4, 5, 1, 2, 3, 4, 5, 1, 2, 3};
	static const double mean[10] = {3, 3, 1, 2, 3, 4, 5, 3, 3, 3};
	static const int8_t iodd[7] = {80, 44, 100, -100, 120, 84, -116};
	double		f[6] = {1, 2, 4, 7, 11, 16},
				g[6];
	double		x[6] = {0, 1, 1.5, 3.5, 4, 6},
				dx[5];
	static const double g1[6] = {1, 1.5, 2.5, 3.5, 4.5, 5};
	static const double gx[6] = {1, 3, 3.5, 6.7, 6.9, 2.5};
	static const double g2[6] = {0.25, 0.75, 1.25, 1.75, 2.25, 2.75};
	bool		ok;

#define PAD_CASE(mode, odd_, want, what) \
	do { \
		for (int i = 0; i < 10; i++) \
			buf[i] = (i >= 2 && i < 7) ? i - 1 : -99; \
		mt_pad_axis(buf, MT_FLOAT64, 1, dims, 0, &pa, mode, odd_, scratch, NULL, NULL); \
		ok = true; \
		for (int i = 0; i < 10; i++) \
			ok &= buf[i] == (want)[i]; \
		check(ok, what); \
	} while (0)
	PAD_CASE(MT_PAD_REFLECT, false, reflect, "pad reflect [1..5] (2,3)");
	PAD_CASE(MT_PAD_REFLECT, true, odd, "pad reflect odd [1..5] (2,3)");
	PAD_CASE(MT_PAD_SYMMETRIC, false, symmetric, "pad symmetric [1..5] (2,3)");
	PAD_CASE(MT_PAD_WRAP, false, wrap, "pad wrap [1..5] (2,3)");
	PAD_CASE(MT_PAD_MEAN, false, mean, "pad mean [1..5] (2,3)");
#undef PAD_CASE
	/* int8 reflect odd wraps around as numpy's int8 arithmetic */
	memset(ib, 0, sizeof(ib));
	ib[2] = 100;
	ib[3] = -100;
	ib[4] = 120;
	mt_pad_axis(ib, MT_INT8, 1, idims, 0, &ipa, MT_PAD_REFLECT, true, scratch, NULL, NULL);
	check(memcmp(ib, iodd, sizeof(ib)) == 0, "pad reflect odd int8 wraps");

	mt_gradient_axis(f, g, 1, 6, 1, 1, NULL, 1.0, 1, NULL, NULL);
	ok = true;
	for (int i = 0; i < 6; i++)
		ok &= g[i] == g1[i];
	check(ok, "gradient uniform, edge_order 1");
	for (int i = 0; i < 5; i++)
		dx[i] = x[i + 1] - x[i];
	mt_gradient_axis(f, g, 1, 6, 1, 1, dx, 0.0, 1, NULL, NULL);
	ok = true;
	for (int i = 0; i < 6; i++)
		ok &= fabs(g[i] - gx[i]) < 1e-12;
	check(ok, "gradient with coordinates, edge_order 1");
	mt_gradient_axis(f, g, 1, 6, 1, 1, NULL, 2.0, 2, NULL, NULL);
	ok = true;
	for (int i = 0; i < 6; i++)
		ok &= g[i] == g2[i];
	check(ok, "gradient uniform spacing 2, edge_order 2");
}

/* statistics.c: selection, quantile methods, histograms, correlation */
static void
test_statistics(void)
{
	double		a[1000];
	double		q[3] = {0.0, 0.5, 1.0};
	double		out[3];
	double		edges[4] = {0, 1, 2, 3};
	double		counts[3] = {0, 0, 0};
	double		hx[5] = {0, 0.5, 1, 2.5, 3};
	double		ca[3] = {1, 2, 3},
				cv[3] = {0, 1, 0.5},
				cfull[5];
	int64_t		xi[5] = {4, 1, 3, 2, 5};
	int64_t		iout;
	MtQuantileMethod m;
	uint64_t	seed = 12345;
	bool		sorted_ok = true;

	/* selection puts the k-th element in place, for many k and patterns */
	for (int pattern = 0; pattern < 3; pattern++)
		for (int k = 0; k < 1000; k += 37)
		{
			double		b[1000];
			int			less = 0;

			for (int i = 0; i < 1000; i++)
			{
				seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
				b[i] = pattern == 0 ? (double) (seed >> 40) :
					(pattern == 1 ? (double) i : (double) (i % 7));
			}
			memcpy(a, b, sizeof(b));
			mt_select_f64(a, 1000, k);
			for (int i = 0; i < 1000; i++)
			{
				less += b[i] < a[k];
				if ((i < k && a[i] > a[k]) || (i > k && a[i] < a[k]))
					sorted_ok = false;
			}
			if (less > k)
				sorted_ok = false;
		}
	check(sorted_ok, "mt_select_f64 partitions around the k-th element (random, sorted, duplicates)");
	iout = 0;
	mt_select_i64(xi, 5, 2);
	check(xi[2] == 3, "mt_select_i64 finds the median of 5 integers");

	check(mt_quantile_method_parse("hazen", &m) && m == MT_QM_HAZEN &&
		  !mt_quantile_method_parse("mean", &m), "quantile methods parse by numpy's names");
	for (int i = 0; i < 4; i++)
		a[i] = 4 - i;			/* 4 3 2 1 */
	check(mt_quantile(MT_FLOAT64, a, 1, 4, 1, q, 3, MT_QM_LINEAR, false, out,
					  MT_FLOAT64, NULL, NULL) == MT_OK &&
		  out[0] == 1 && out[1] == 2.5 && out[2] == 4, "linear quantiles 0, 0.5, 1 of [4 3 2 1]");
	check(mt_quantile(MT_FLOAT64, a, 1, 4, 1, q + 1, 1, MT_QM_MEDIAN, false, out,
					  MT_FLOAT64, NULL, NULL) == MT_OK && out[0] == 2.5, "median of [4 3 2 1] is 2.5");
	a[1] = NAN;
	check(mt_quantile(MT_FLOAT64, a, 1, 4, 1, q + 1, 1, MT_QM_MEDIAN, false, out,
					  MT_FLOAT64, NULL, NULL) == MT_OK && isnan(out[0]) &&
		  mt_quantile(MT_FLOAT64, a, 1, 4, 1, q + 1, 1, MT_QM_MEDIAN, true, out,
					  MT_FLOAT64, NULL, NULL) == MT_OK && out[0] == 2,
		  "median propagates NaN, nanmedian skips it");

	check(mt_histogram(hx, MT_FLOAT64, 5, NULL, MT_FLOAT64, edges, 3, true, 0, 3,
					   counts, NULL, NULL) == MT_OK &&
		  counts[0] == 2 && counts[1] == 1 && counts[2] == 2,
		  "histogram: last bin closed, values on edges go right");
	check(mt_monotonicity(edges, MT_FLOAT64, 4) == 1 &&
		  mt_monotonicity(hx, MT_FLOAT64, 1) == 1, "monotonicity of increasing edges");

	check(mt_correlate_length(3, 3, MT_CORRELATE_FULL) == 5 &&
		  mt_correlate(MT_FLOAT64, ca, 3, cv, 3, MT_CORRELATE_FULL, false, cfull,
					   NULL, NULL) == MT_OK &&
		  cfull[0] == 0.5 && cfull[1] == 2 && cfull[2] == 3.5 && cfull[3] == 3 &&
		  cfull[4] == 0, "correlate full is numpy's [0.5 2 3.5 3 0]");
	(void) iout;
}

/* heap_retain.c: huge-page advice is advice only; the buffer stays usable */
static void
test_huge_advice(void)
{
	size_t		bytes = (size_t) 9 << 20;
	unsigned char *buf = malloc(bytes);
	size_t		bad = 0;

	check(buf != NULL, "a 9 MB buffer for the huge-page advice");
	if (buf == NULL)
		return;
	mt_advise_huge_pages(buf + 1, bytes - 1);	/* unaligned on purpose */
	mt_advise_huge_pages(buf, 4096);	/* below the threshold: nothing */
	for (size_t i = 0; i < bytes; i++)
		buf[i] = (unsigned char) (i * 7);
	for (size_t i = 0; i < bytes; i++)
		bad += buf[i] != (unsigned char) (i * 7);
	check(bad == 0, "a buffer advised to use huge pages reads back what was written");
	free(buf);
}

/* dtype_info.c and windows.c: can_cast, isdtype kinds, finfo, iinfo, windows */
static void
test_dtype_info(void)
{
	MtFinfo		f;
	int			bits;
	int64_t		lo,
				hi;
	double		w[5];
	float		bad[3] = {1.0f, NAN, 2.0f};

	check(mt_casting_from_name("same_kind") == MT_CASTING_SAME_KIND &&
		  mt_casting_from_name("Safe") == MT_CASTING_INVALID, "casting names");
	check(mt_dtype_can_cast(MT_INT64, MT_INT8, MT_CASTING_SAME_KIND) &&
		  !mt_dtype_can_cast(MT_INT8, MT_UINT8, MT_CASTING_SAME_KIND) &&
		  mt_dtype_can_cast(MT_UINT8, MT_INT8, MT_CASTING_SAME_KIND) &&
		  !mt_dtype_can_cast(MT_FLOAT64, MT_INT64, MT_CASTING_SAME_KIND) &&
		  !mt_dtype_can_cast(MT_INT8, MT_INT16, MT_CASTING_NO) &&
		  mt_dtype_can_cast(MT_COMPLEX128, MT_BOOL, MT_CASTING_UNSAFE),
		  "can_cast castings");
	check(mt_dtype_is_kind(MT_UINT8, "integral") == 1 &&
		  mt_dtype_is_kind(MT_BOOL, "numeric") == 0 &&
		  mt_dtype_is_kind(MT_INT8, "int8") == -1, "isdtype kinds");
	check(mt_dtype_finfo(MT_COMPLEX64, &f) && f.dtype == MT_FLOAT32 &&
		  f.eps == ldexp(1.0, -23) && f.smallest_subnormal == ldexp(1.0, -149) &&
		  !mt_dtype_finfo(MT_INT32, &f), "finfo");
	check(mt_dtype_iinfo(MT_INT16, &bits, &lo, &hi) && bits == 16 &&
		  lo == -32768 && hi == 32767 && !mt_dtype_iinfo(MT_BOOL, &bits, &lo, &hi),
		  "iinfo");
	check(mt_first_nonfinite(bad, MT_FLOAT32, 3) == 1 &&
		  mt_first_nonfinite(bad, MT_FLOAT32, 1) == -1, "first nonfinite");
	mt_window(MT_WINDOW_BARTLETT, 5, 0, 0, 3, w);
	mt_window(MT_WINDOW_BARTLETT, 5, 0, 3, 2, w + 3);
	check(w[0] == 0.0 && w[1] == 0.5 && w[2] == 1.0 && w[4] == 0.0, "bartlett(5)");
	mt_window(MT_WINDOW_KAISER, 1, 3.0, 0, 1, w);
	check(w[0] == 1.0, "kaiser(1)");
	mt_window(MT_WINDOW_HANNING, 3, 0, 0, 3, w);
	check(fabs(w[1] - 1.0) < 1e-15 && fabs(w[0]) < 1e-15, "hanning(3)");
}

/* einsum: the parser's labels, strides and errors; the loop's sums */
static bool
einsum_cancel_now(void *arg)
{
	(void) arg;
	return true;
}

static MtStatus
einsum_parse_str(const char *s, int nops, const int *ndims,
				 const int64_t *const *dims, MtEinsumPlan *plan)
{
	MtError		err;

	memset(&err, 0, sizeof(err));
	return mt_einsum_parse(s, strlen(s), nops, ndims, dims, plan, &err);
}

static void
test_einsum(void)
{
	static MtEinsumPlan plan;
	int64_t		d23[2] = {2, 3},
				d32[2] = {3, 2},
				d33[2] = {3, 3},
				d3[1] = {3},
				d1[1] = {1};
	const int64_t *mm[2] = {d23, d32};
	int			nd22[2] = {2, 2};
	int64_t		a[6] = {1, 2, 3, 4, 5, 6},
				b[6] = {1, 0, 0, 1, 1, 1},
				c[4];
	const void *ops[2] = {a, b};
	double		m33[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9},
				tr;
	const void *ops1[1] = {m33};

	check(einsum_parse_str("ij,jk->ik", 2, nd22, mm, &plan) == MT_OK &&
		  plan.out_ndim == 2 && plan.nlabels == 3 &&
		  plan.out_dims[0] == 2 && plan.out_dims[1] == 2 &&
		  plan.strides[0][2] == 1 && plan.strides[1][2] == 2,
		  "einsum parses a matrix product (labels, strides)");
	check(mt_einsum(&plan, MT_INT64, ops, MT_INT64, c, NULL, NULL) == MT_OK &&
		  c[0] == 4 && c[1] == 5 && c[2] == 10 && c[3] == 11,
		  "einsum int64 matrix product");
	check(mt_einsum(&plan, MT_INT64, ops, MT_INT64, c, einsum_cancel_now,
					NULL) == MT_OK,
		  "einsum polls only after MT_POLL_ELEMENTS steps");
	{
		int			nd1[1] = {2};
		const int64_t *dd[1] = {d33};

		check(einsum_parse_str("ii", 1, nd1, dd, &plan) == MT_OK &&
			  plan.out_ndim == 0 && plan.strides[0][0] == 4 &&
			  mt_einsum(&plan, MT_FLOAT64, ops1, MT_FLOAT64, &tr, NULL,
						NULL) == MT_OK && tr == 15.0,
			  "einsum trace is the diagonal stride 4 of a 3x3");
		check(einsum_parse_str("ii->i", 1, nd1, mm, &plan) == MT_ERR_SHAPE,
			  "einsum refuses a diagonal of a 2x3");
		check(einsum_parse_str("i1", 1, nd1, dd, &plan) == MT_ERR_SYNTAX &&
			  einsum_parse_str("i", 1, nd1, dd, &plan) == MT_ERR_SYNTAX &&
			  einsum_parse_str("ijk", 1, nd1, dd, &plan) == MT_ERR_SYNTAX &&
			  einsum_parse_str("ij->ii", 1, nd1, dd, &plan) == MT_ERR_SYNTAX &&
			  einsum_parse_str("ij->x", 1, nd1, dd, &plan) == MT_ERR_SYNTAX &&
			  einsum_parse_str("ij,k", 1, nd1, dd, &plan) == MT_ERR_SYNTAX &&
			  einsum_parse_str("i-j", 1, nd1, dd, &plan) == MT_ERR_SYNTAX &&
			  einsum_parse_str("..ij", 1, nd1, dd, &plan) == MT_ERR_SYNTAX,
			  "einsum refuses malformed subscripts");
		check(einsum_parse_str("ji", 1, nd1, dd, &plan) == MT_OK &&
			  plan.out_ndim == 2 && plan.strides[0][0] == 1 &&
			  plan.strides[0][1] == 3,
			  "einsum implicit output is alphabetical (ji is a transpose)");
	}
	{
		int			nd11[2] = {1, 1};
		const int64_t *dd[2] = {d3, d1};
		int64_t		x[3] = {1, 2, 3},
					y[1] = {10},
					r;
		const void *xy[2] = {x, y};

		check(einsum_parse_str("i,i", 2, nd11, dd, &plan) == MT_OK &&
			  plan.strides[1][0] == 0 &&
			  mt_einsum(&plan, MT_INT64, xy, MT_INT64, &r, NULL, NULL) == MT_OK &&
			  r == 60,
			  "einsum broadcasts an extent-1 index");
	}
	{
		int64_t		x[2] = {100, 100},
					y[2] = {2, 1};
		int8_t		r8;
		const void *xy[2] = {x, y};
		int			nd11[2] = {1, 1};
		int64_t		d2[1] = {2};
		const int64_t *dd[2] = {d2, d2};

		check(einsum_parse_str("i,i", 2, nd11, dd, &plan) == MT_OK &&
			  mt_einsum(&plan, MT_INT64, xy, MT_INT8, &r8, NULL, NULL) == MT_OK &&
			  r8 == 44,
			  "einsum int8 result wraps as numpy (300 is 44)");
	}
}

/*
 * elementwise_lines.h is built twice (portable, AVX2): both builds must
 * give the same results for every dtype and every operation that has a
 * loop, on special values (NaN, -0.0, infinities, subnormals, integer
 * limits), same-shape, with a scalar on either side, and broadcast.  Two
 * NaNs from one operation may differ in payload (x86 keeps the first
 * operand's, and a vectorized loop may swap the operands of +): a NaN
 * matches any NaN.
 */
static void
fill_special(MtDtype dtype, unsigned char *p, int64_t n, unsigned seed)
{
	static const double specials[] = {
		0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 1e-310, -1e-310, 1e300,
		-1e300, 3.4e38, 1e-45, INFINITY, -INFINITY, NAN, -NAN, 7.0, 255.0,
		-128.0, 65504.0, 2.0, 1e10, -3.0
	};
	int			nspecial = (int) (sizeof(specials) / sizeof(specials[0]));

	srand(seed);
	for (int64_t i = 0; i < n; i++)
	{
		double		v = (i % 3 == 0) ? specials[rand() % nspecial]
			: (double) (rand() % 2001 - 1000) / (double) (rand() % 7 + 1);
		double		w = (i % 5 == 0) ? specials[rand() % nspecial]
			: (double) (rand() % 201 - 100);
		int64_t		bits = ((int64_t) rand() << 33) ^ ((int64_t) rand() << 2) ^ rand();

		switch (dtype)
		{
			case MT_BOOL:
				p[i] = (unsigned char) (rand() & 1);
				break;
			case MT_INT8:
			case MT_UINT8:
				p[i] = (unsigned char) (i % 4 == 0 ? bits : (int64_t) w);
				break;
			case MT_INT16:
				((int16_t *) p)[i] = (int16_t) (i % 4 == 0 ? bits : (int64_t) w);
				break;
			case MT_INT32:
				((int32_t *) p)[i] = (int32_t) (i % 4 == 0 ? bits : (int64_t) w);
				break;
			case MT_INT64:
				((int64_t *) p)[i] = i % 7 == 0 ? INT64_MIN : i % 4 == 0 ? bits : (int64_t) w;
				break;
			case MT_FLOAT32:
				((float *) p)[i] = (float) v;
				break;
			case MT_FLOAT64:
				((double *) p)[i] = v;
				break;
			case MT_COMPLEX64:
				((float *) p)[2 * i] = (float) v;
				((float *) p)[2 * i + 1] = (float) w;
				break;
			case MT_COMPLEX128:
				((double *) p)[2 * i] = v;
				((double *) p)[2 * i + 1] = w;
				break;
			default:
				break;
		}
	}
}

/* whether the float (width 4) or double (width 8) at p is a NaN */
static bool
nan_at(const unsigned char *p, int64_t width)
{
	float		f;
	double		d;

	if (width == 4)
	{
		memcpy(&f, p, 4);
		return isnan(f);
	}
	memcpy(&d, p, 8);
	return isnan(d);
}

/* the same results, element by element, a NaN matching any NaN */
static bool
lines_agree(MtDtype dtype, const unsigned char *x, const unsigned char *y,
			int64_t n)
{
	int64_t		elem = (int64_t) mt_dtype_size(dtype);
	bool		inexact = dtype == MT_FLOAT32 || dtype == MT_FLOAT64 ||
		dtype == MT_COMPLEX64 || dtype == MT_COMPLEX128;
	int64_t		width = (dtype == MT_FLOAT32 || dtype == MT_COMPLEX64) ? 4 : 8;

	if (!inexact)
		return memcmp(x, y, (size_t) (n * elem)) == 0;
	for (int64_t i = 0; i < n * elem; i += width)
		if (memcmp(x + i, y + i, (size_t) width) != 0 &&
			!(nan_at(x + i, width) && nan_at(y + i, width)))
			return false;
	return true;
}

static void
test_elementwise_isa(void)
{
	static const MtDtype dtypes[] = {
		MT_BOOL, MT_INT8, MT_INT16, MT_INT32, MT_INT64, MT_UINT8,
		MT_FLOAT32, MT_FLOAT64, MT_COMPLEX64, MT_COMPLEX128
	};
	/* same shape; scalar b; scalar a; broadcast (rows x 1 against cols) */
	enum { N = 1037, ROWS = 13, COLS = 79 };
	unsigned char *a = malloc(16 * N),
			   *b = malloc(16 * N),
			   *out_p = malloc(16 * N),
			   *out_v = malloc(16 * N);
	const char *isa = mt_elementwise_select(false);
	int			binary_bad = 0,
				binary_runs = 0,
				unary_bad = 0,
				unary_runs = 0;

	for (int d = 0; d < (int) (sizeof(dtypes) / sizeof(dtypes[0])); d++)
	{
		MtDtype		dtype = dtypes[d];

		fill_special(dtype, a, N, 11u + (unsigned) d);
		fill_special(dtype, b, N, 29u + (unsigned) d);
		for (int op = 0; op <= (int) MT_BINARY_LOGICAL_XOR; op++)
		{
			MtDtype		result;
			MtDtype		out_dtype;

			if (mt_binary_loop((MtBinaryOp) op, dtype, &result) != dtype)
				continue;
			out_dtype = mt_binary_is_predicate((MtBinaryOp) op) ? MT_BOOL : dtype;
			for (int shape = 0; shape < 4; shape++)
			{
				int64_t		dims[2] = {N, 1};
				int32_t		da[2] = {N, 1},
							db[2] = {N, 1};
				int			nd = 1,
							nda = 1,
							ndb = 1;
				int64_t		total = N;
				MtStatus	sp,
							sv;

				if (shape == 1)
					db[0] = 1;
				else if (shape == 2)
					da[0] = 1;
				else if (shape == 3)
				{
					nd = nda = ndb = 2;
					dims[0] = ROWS;
					dims[1] = COLS;
					da[0] = ROWS;
					da[1] = 1;
					db[0] = 1;
					db[1] = COLS;
					total = ROWS * COLS;
				}
				memset(out_p, 0xA5, 16 * N);
				memset(out_v, 0xA5, 16 * N);
				mt_elementwise_select(true);
				sp = mt_binary((MtBinaryOp) op, dtype, nd, dims, nda, da, a, ndb, db, b,
							   out_p, NULL, NULL);
				mt_elementwise_select(false);
				sv = mt_binary((MtBinaryOp) op, dtype, nd, dims, nda, da, a, ndb, db, b,
							   out_v, NULL, NULL);
				binary_runs++;
				if (sp != sv || !lines_agree(out_dtype, out_p, out_v, total))
				{
					binary_bad++;
					printf("# %s: binary op %d dtype %d shape %d differs\n", isa, op,
						   (int) dtype, shape);
				}
			}
		}
		for (int op = 0; op <= (int) MT_UNARY_ISPOSINF; op++)
		{
			MtDtype		result;
			MtStatus	sp,
						sv;

			if (mt_unary_loop((MtUnaryOp) op, dtype, &result) != dtype)
				continue;
			memset(out_p, 0xA5, 16 * N);
			memset(out_v, 0xA5, 16 * N);
			mt_elementwise_select(true);
			sp = mt_unary((MtUnaryOp) op, dtype, a, out_p, N, NULL, NULL);
			mt_elementwise_select(false);
			sv = mt_unary((MtUnaryOp) op, dtype, a, out_v, N, NULL, NULL);
			unary_runs++;
			if (sp != sv || !lines_agree(result, out_p, out_v, N))
			{
				unary_bad++;
				printf("# %s: unary op %d dtype %d differs\n", isa, op, (int) dtype);
			}
		}
	}
	printf("# elementwise loops: %s against portable, %d binary and %d unary runs\n",
		   isa, binary_runs, unary_runs);
	check(binary_runs > 300 && binary_bad == 0,
		  "the SIMD and portable binary loops agree for every dtype, op and shape");
	check(unary_runs > 80 && unary_bad == 0,
		  "the SIMD and portable unary loops agree for every dtype and op");
	check(strcmp(mt_elementwise_select(true), "portable") == 0,
		  "marsql.simd = scalar selects the portable elementwise loops");
	mt_elementwise_select(false);
	free(a);
	free(b);
	free(out_p);
	free(out_v);
}

int
main(void)
{
	/* first: the children fork a heap no other test has used yet */
	test_heap_retain();
	test_text();
	test_binary();
	test_text_dtypes();
	test_binary_dtypes();
	test_log_and_random();
	test_broadcast_and_compare();
	test_math();
	test_elementwise_dtypes();
	test_numpy_order();
	test_reduce_dtypes();
	test_sparse();
	test_blas();
	test_products();
	test_knn();
	test_distance();
	test_knn_direct();
	test_tile_grid();
	test_row_fold();
	test_dtypes();
	test_indexing();
	test_sort();
	test_fft();
	test_bitwise();
	test_math_extra();
	test_pad_gradient();
	test_statistics();
	test_huge_advice();
	test_dtype_info();
	test_einsum();
	test_elementwise_isa();
	printf("1..%d\n", tests);
	return failures ? 1 : 0;
}
