/*
 * raw_common.h
 *	  Shared by the raw-library programs of test/bench (C and C++): a
 *	  monotonic clock in milliseconds, the median of timed runs, and a
 *	  reader for marsql.to_binary() files of 2-D float32 tensors.
 */
#ifndef MARSQL_BENCH_RAW_COMMON_H
#define MARSQL_BENCH_RAW_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static inline int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : x > y;
}

/* median of t[0..n-1]; sorts t */
static inline double
median(double *t, int n)
{
	qsort(t, n, sizeof(double), cmp_double);
	return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

/*
 * A 2-D float32 tensor written by marsql.to_binary() (big-endian header
 * and elements), as malloc'ed native floats; exits on a bad file.
 */
static inline float *
read_float32_matrix(const char *path, int *rows, int *dims)
{
	FILE	   *f = fopen(path, "rb");
	unsigned char h[12];
	float	   *data;
	size_t		n;

	if (!f || fread(h, 1, 12, f) != 12 || h[0] != 1 || h[1] != 1 || h[2] != 2)
	{
		fprintf(stderr, "%s: not a 2-D float32 tensor in marsql binary format\n", path);
		exit(1);
	}
	*rows = (h[4] << 24) | (h[5] << 16) | (h[6] << 8) | h[7];
	*dims = (h[8] << 24) | (h[9] << 16) | (h[10] << 8) | h[11];
	n = (size_t) *rows * *dims;
	data = (float *) malloc(n * 4 + 4);
	if (data == NULL || fread(data, 4, n, f) != n)
	{
		fprintf(stderr, "%s: short file\n", path);
		exit(1);
	}
	fclose(f);
	for (size_t i = 0; i < n; i++)
	{
		uint32_t	v;

		memcpy(&v, &data[i], 4);
		v = __builtin_bswap32(v);
		memcpy(&data[i], &v, 4);
	}
	return data;
}

#endif
