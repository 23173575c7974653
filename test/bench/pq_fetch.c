/*
 * pq_fetch.c
 *	  The client side of test/bench/linalg.sh's end-to-end timings: runs one
 *	  query over one connection, asks for BINARY results (so tensors arrive
 *	  in marsql's binary format through tensor_send, no text formatting),
 *	  and decodes every tensor of every row into a native float / double
 *	  array, as a client that goes on to compute with the values must.
 *	  Prints one line per timed run: the milliseconds from sending the
 *	  query to the last value decoded.
 *
 *	  Usage: pq_fetch <runs> <query>
 *	  Connection from the usual PG* environment variables (PQconnectdb("")),
 *	  PGOPTIONS included.  The query runs once untimed first (connection,
 *	  library load, OpenBLAS thread start, table pages into cache), as
 *	  linalg.sh's in-database timings do.  Columns that are not tensors
 *	  (anything not a valid version-1 binary tensor message) are refused.
 *
 *	  Build: gcc -O2 -I$(pg_config --includedir) pq_fetch.c -o pq_fetch \
 *	             -L$(pg_config --libdir) -lpq
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 |
		(uint32_t) p[2] << 8 | p[3];
}

/*
 * Decodes one binary tensor (docs/tensor.md, "Binary format") into a fresh
 * native array, returned so the work cannot be optimized away.  Returns
 * NULL for a malformed message.
 */
static void *
decode_tensor(const unsigned char *msg, size_t len, size_t *count)
{
	int			ndim,
				width;
	size_t		n = 1,
				head;
	void	   *out;

	if (len < 4 || msg[0] != 1 || (msg[1] != 1 && msg[1] != 2) || msg[3] != 0)
		return NULL;
	width = msg[1] == 1 ? 4 : 8;
	ndim = msg[2];
	head = 4 + 4 * (size_t) ndim;
	if (ndim > 32 || len < head)
		return NULL;
	for (int d = 0; d < ndim; d++)
		n *= be32(msg + 4 + 4 * d);
	if (len != head + n * width)
		return NULL;
	out = malloc(n > 0 ? n * width : 1);
	if (!out)
		return NULL;
	msg += head;
	if (width == 8)
	{
		uint64_t   *o = out;

		for (size_t k = 0; k < n; k++)
		{
			uint64_t	v;

			memcpy(&v, msg + 8 * k, 8);
			o[k] = __builtin_bswap64(v);
		}
	}
	else
	{
		uint32_t   *o = out;

		for (size_t k = 0; k < n; k++)
		{
			uint32_t	v;

			memcpy(&v, msg + 4 * k, 4);
			o[k] = __builtin_bswap32(v);
		}
	}
	*count = n;
	return out;
}

/* runs the query once; returns its milliseconds, or -1 on error */
static double
run_once(PGconn *conn, const char *query)
{
	double		t0 = now_ms();
	PGresult   *res = PQexecParams(conn, query, 0, NULL, NULL, NULL, NULL, 1);
	double		ms;

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		fprintf(stderr, "pq_fetch: %s", PQerrorMessage(conn));
		PQclear(res);
		return -1;
	}
	for (int r = 0; r < PQntuples(res); r++)
		for (int c = 0; c < PQnfields(res); c++)
		{
			size_t		len = PQgetlength(res, r, c),
						count;
			void	   *values;

			if (PQgetisnull(res, r, c))
				continue;
			values = decode_tensor((const unsigned char *)
								   PQgetvalue(res, r, c), len, &count);
			if (!values)
			{
				fprintf(stderr, "pq_fetch: column %d is not a binary tensor\n",
						c + 1);
				PQclear(res);
				return -1;
			}
			free(values);
		}
	PQclear(res);
	ms = now_ms() - t0;
	return ms;
}

int
main(int argc, char **argv)
{
	PGconn	   *conn;
	int			runs;

	if (argc != 3 || (runs = atoi(argv[1])) < 1)
	{
		fprintf(stderr, "usage: pq_fetch <runs> <query>\n");
		return 2;
	}
	conn = PQconnectdb("");
	if (PQstatus(conn) != CONNECTION_OK)
	{
		fprintf(stderr, "pq_fetch: %s", PQerrorMessage(conn));
		return 1;
	}
	if (run_once(conn, argv[2]) < 0)	/* warm-up */
		return 1;
	for (int r = 0; r < runs; r++)
	{
		double		ms = run_once(conn, argv[2]);

		if (ms < 0)
			return 1;
		printf("%.3f\n", ms);
	}
	PQfinish(conn);
	return 0;
}
