/*
 * faiss_factory.c
 *	  The index_factory strings marsql hands to FAISS, checked first.
 *	  FAISS 1.7.3 parses them with std::stoi (an exception past INT_MAX)
 *	  and trusts every number: "PQ0" divides by zero (SIGFPE), "HNSW1"
 *	  divides by log(1) and indexes an empty vector.  So only the forms
 *	  below reach FAISS, each number in a range FAISS handles:
 *
 *		factory   := [ "IDMap," ] { transform "," } core
 *		transform := "PCA" d | "L2norm"
 *		core      := "Flat"
 *				   | "HNSW" [M] [ ("," | "_") ( "Flat" | sq ) ]
 *				   | "IVF" nlist "," ( "Flat" | sq | pq )
 *				   | pq | sq
 *		pq        := "PQ" m [ "x" nbits ] [ "np" ]
 *		sq        := "SQ4" | "SQ6" | "SQ8" | "SQfp16"
 *
 *	  with 2 <= M <= 256, 1 <= nlist <= 2^20, m dividing the dimension the
 *	  quantizer sees, 1 <= nbits <= 8, and PCA's output dimension d between
 *	  1 and its input's.  Not OPQ: its training (50 rounds of PQ training
 *	  and an SVD) cannot be cancelled and took minutes for an OPQ16 over
 *	  5,000 rows.
 */
#include "postgres.h"

#include "knn/faiss.h"

#define FACTORY_MAX_LEN 128
#define HNSW_MAX_M 256
#define IVF_MAX_NLIST (1 << 20)
/*
 * A PQ sub-quantizer is trained by a k-means of 2^nbits centroids, which
 * cannot be cancelled; one byte per code is FAISS's usual choice.  (The
 * bridge also skips FAISS's polysemous training, which at 8 bits took
 * minutes and at 12 over eight, on 5,000 rows.)
 */
#define PQ_MAX_NBITS 8

#define SUPPORTED_FORMS \
	"marsql accepts Flat; HNSW<M> (M 2 to 256) alone or with \",Flat\" or \",SQ<t>\"; " \
	"IVF<nlist>,Flat, IVF<nlist>,PQ<m>[x<bits>] and IVF<nlist>,SQ<t> (nlist 1 to 1048576); " \
	"PQ<m>[x<bits>] (m dividing the dimension, bits 1 to 8); SQ<t> (t 4, 6, 8 or fp16); " \
	"each optionally after \"IDMap,\" and after PCA<d> or L2norm transforms."

typedef struct Parser
{
	const char *factory;		/* the whole string, for messages */
	const char *p;				/* the next character */
	int			dims;			/* the dimension the next part sees */
} Parser;

pg_attribute_noreturn()
static void
refuse(const Parser *ps, const char *fmt,...) pg_attribute_printf(2, 3);

static void
refuse(const Parser *ps, const char *fmt,...)
{
	char		detail[256];
	va_list		args;

	va_start(args, fmt);
	vsnprintf(detail, sizeof(detail), fmt, args);
	va_end(args);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unsupported FAISS factory string \"%s\"", ps->factory),
			 errdetail("%s", detail),
			 errhint("%s", SUPPORTED_FORMS)));
}

static bool
accept(Parser *ps, const char *word)
{
	size_t		n = strlen(word);

	if (strncmp(ps->p, word, n) != 0)
		return false;
	ps->p += n;
	return true;
}

/*
 * A decimal number in [lo, hi]; absent, deflt (or a refusal when deflt is
 * -1).  Never more than 9 digits are read into an int.
 */
static int
number(Parser *ps, const char *what, int lo, int hi, int deflt)
{
	int64		v = 0;
	int			digits = 0;

	while (*ps->p >= '0' && *ps->p <= '9')
	{
		if (digits < 10)
			v = v * 10 + (*ps->p - '0');
		digits++;
		ps->p++;
	}
	if (digits == 0)
	{
		if (deflt < 0)
			refuse(ps, "%s needs a number.", what);
		return deflt;
	}
	if (digits > 9 || v < lo || v > hi)
		refuse(ps, "%s must be between %d and %d.", what, lo, hi);
	return (int) v;
}

static bool
sq(Parser *ps)
{
	return accept(ps, "SQ4") || accept(ps, "SQ6") || accept(ps, "SQ8") || accept(ps, "SQfp16");
}

static bool
pq(Parser *ps)
{
	int			m;

	if (!accept(ps, "PQ"))
		return false;
	m = number(ps, "The number of PQ sub-quantizers", 1, ps->dims, -1);
	if (ps->dims % m != 0)
		refuse(ps, "PQ%d: the number of sub-quantizers must divide the dimension %d.",
			   m, ps->dims);
	if (accept(ps, "x"))
		(void) number(ps, "The bits of a PQ code", 1, PQ_MAX_NBITS, -1);
	(void) accept(ps, "np");
	return true;
}

static void
transforms(Parser *ps)
{
	for (;;)
	{
		const char *start = ps->p;

		if (accept(ps, "PCA"))
			ps->dims = number(ps, "The output dimension of PCA", 1, ps->dims, -1);
		else if (!accept(ps, "L2norm"))
			return;
		if (!accept(ps, ","))
		{
			ps->p = start;		/* "PCA16" alone: no index follows */
			refuse(ps, "A transform must be followed by \",\" and an index.");
		}
	}
}

void
faiss_check_factory(const char *factory, int dims)
{
	Parser		ps = {factory, factory, dims};
	bool		ok;

	if (strlen(factory) > FACTORY_MAX_LEN)
		refuse(&ps, "A factory string has at most %d characters.", FACTORY_MAX_LEN);
	(void) accept(&ps, "IDMap,");
	transforms(&ps);
	if (accept(&ps, "Flat"))
		ok = true;
	else if (accept(&ps, "HNSW"))
	{
		(void) number(&ps, "The HNSW neighbours M", 2, HNSW_MAX_M, 32);
		if (accept(&ps, ",") || accept(&ps, "_"))
			ok = accept(&ps, "Flat") || sq(&ps);
		else
			ok = true;
	}
	else if (accept(&ps, "IVF"))
	{
		(void) number(&ps, "The IVF list count nlist", 1, IVF_MAX_NLIST, -1);
		ok = accept(&ps, ",") && (accept(&ps, "Flat") || sq(&ps) || pq(&ps));
	}
	else
		ok = pq(&ps) || sq(&ps);
	if (*ps.p != '\0')
		refuse(&ps, "It is not understood from \"%s\" on.", ps.p);
	if (!ok)
		refuse(&ps, "It ends before its index is complete.");
}
