/*
 * raw_io.c
 *	  The raw-library side of test/bench/io.sh: times strtod over the same
 *	  literal marsql parses, and a byte-swapping copy of the same data the
 *	  binary decoder handles.  Prints `name: value unit` lines.
 *	  Usage: raw_io <literal-file> <elements> <repeats>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "raw_common.h"

int
main(int argc, char **argv)
{
	FILE	   *f;
	long		len;
	char	   *text;
	long		n;
	int			repeats;
	double	   *values;
	unsigned long long *swapped;
	double		parse[32],
				swap[32];
	double		checksum = 0;

	if (argc != 4)
	{
		fprintf(stderr, "usage: raw_io <literal-file> <elements> <repeats>\n");
		return 2;
	}
	n = atol(argv[2]);
	repeats = atoi(argv[3]);
	if (repeats < 1 || repeats > 32)
		repeats = 5;
	f = fopen(argv[1], "rb");
	if (!f)
		return 1;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = malloc(len + 1);
	if (fread(text, 1, len, f) != (size_t) len)
		return 1;
	text[len] = '\0';
	fclose(f);
	values = malloc(sizeof(double) * n);
	swapped = malloc(sizeof(double) * n);

	for (int r = 0; r < repeats; r++)
	{
		double		t0 = now_ms();
		char	   *p = text + 1;	/* after '[' */
		long		i = 0;

		while (i < n)
		{
			char	   *end;

			values[i++] = strtod(p, &end);
			p = end + 1;		/* skip ',' */
		}
		parse[r] = now_ms() - t0;
		t0 = now_ms();
		for (long k = 0; k < n; k++)
		{
			unsigned long long v;

			memcpy(&v, &values[k], 8);
			swapped[k] = __builtin_bswap64(v);
		}
		swap[r] = now_ms() - t0;
		checksum += values[n - 1] + (double) (swapped[0] & 1);
	}
	qsort(parse, repeats, sizeof(double), cmp_double);
	qsort(swap, repeats, sizeof(double), cmp_double);
	printf("io_raw_strtod_parse: %.2f ms\n", parse[repeats / 2]);
	printf("io_raw_bswap_copy: %.2f ms\n", swap[repeats / 2]);
	fprintf(stderr, "checksum %g\n", checksum);
	return 0;
}
