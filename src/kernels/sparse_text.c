/*
 * sparse_text.c
 *	  Parser of the CSR text form (see sparse_text.h).  Numbers follow the
 *	  dense parser's rules: strtod syntax, NaN and Infinity accepted, finite
 *	  values out of the dtype's range refused.
 */
#include "sparse_text.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

bool
mt_csr_text_is_csr(const char *input)
{
	const char *p = skip_space(input);

	return mt_ascii_lower(p[0]) == 'c' && mt_ascii_lower(p[1]) == 's' &&
		mt_ascii_lower(p[2]) == 'r';
}

static MtStatus
syntax(MtError *err, const char *input, const char *p, const char *what)
{
	mt_error_set(err, MT_ERR_SYNTAX, (size_t) (p - input),
				 "Expected %s at position %zu.", what, (size_t) (p - input) + 1);
	return err->status;
}

/* a non-negative integer below limit */
static const char *
parse_index(const char *p, int64_t limit, int64_t *out)
{
	int64_t		v = 0;

	p = skip_space(p);
	if (*p < '0' || *p > '9')
		return NULL;
	while (*p >= '0' && *p <= '9')
	{
		v = v * 10 + (*p - '0');
		if (v > limit)
			return NULL;
		p++;
	}
	*out = v;
	return skip_space(p);
}

MtStatus
mt_csr_text_parse(const char *input, int64_t *rows, int64_t *cols,
				  MtDtype *dtype, int64_t *nnz, MtCsr *csr,
				  MtDtype fill_dtype, MtError *err)
{
	const char *p = skip_space(input) + 3;
	int64_t		count = 0,
				last_row = -1,
				last_col = -1;

	err->status = MT_OK;
	*dtype = MT_DTYPE_INVALID;
	p = skip_space(p);
	if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
	{
		const char *start = p;

		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			   (*p >= '0' && *p <= '9'))
			p++;
		*dtype = mt_dtype_from_name(start, (size_t) (p - start));
		/* sparse values are float32 or float64 */
		if (*dtype != MT_FLOAT32 && *dtype != MT_FLOAT64)
			return syntax(err, input, start, "\"float32\" or \"float64\"");
		p = skip_space(p);
	}
	if (*p != '(')
		return syntax(err, input, p, "\"(\" and the shape");
	if ((p = parse_index(p + 1, MT_MAX_DIM_EXTENT, rows)) == NULL || *p != ',')
		return syntax(err, input, p ? p : input, "the number of rows and a comma");
	if ((p = parse_index(p + 1, MT_MAX_DIM_EXTENT, cols)) == NULL || *p != ')')
		return syntax(err, input, p ? p : input, "the number of columns and \")\"");
	p = skip_space(p + 1);
	if (*p != ':')
		return syntax(err, input, p, "\":\"");
	p = skip_space(p + 1);
	if (*p != '{')
		return syntax(err, input, p, "\"{\"");
	p = skip_space(p + 1);
	if (csr != NULL)
		csr->indptr[0] = 0;
	while (*p != '}')
	{
		int64_t		r,
					c;
		double		v;
		char	   *end;

		if (count > 0)
		{
			if (*p != ',')
				return syntax(err, input, p, "\",\" or \"}\"");
			p = skip_space(p + 1);
		}
		if (*p != '(')
			return syntax(err, input, p, "an entry \"(row,col):value\"");
		if ((p = parse_index(p + 1, *rows - 1, &r)) == NULL || *p != ',')
		{
			mt_error_set(err, MT_ERR_SYNTAX, (size_t) (p - input),
						 "Entry %lld has a row outside 0 .. %lld or is malformed.",
						 (long long) count, (long long) *rows - 1);
			return err->status;
		}
		if ((p = parse_index(p + 1, *cols - 1, &c)) == NULL || *p != ')')
		{
			mt_error_set(err, MT_ERR_SYNTAX, (size_t) (p - input),
						 "Entry %lld has a column outside 0 .. %lld or is malformed.",
						 (long long) count, (long long) *cols - 1);
			return err->status;
		}
		p = skip_space(p + 1);
		if (*p != ':')
			return syntax(err, input, p, "\":\" and a value");
		p = skip_space(p + 1);
		errno = 0;
		v = strtod(p, &end);
		if (end == p)
			return syntax(err, input, p, "a number");
		if (errno == ERANGE && isinf(v))
		{
			size_t		len = (size_t) (end - p);

			mt_error_set(err, MT_ERR_RANGE, (size_t) (p - input),
						 "Entry (%lld,%lld) overflows float64.", (long long) r, (long long) c);
			snprintf(err->token, sizeof(err->token), "%.*s",
					 (int) (len < 64 ? len : 64), p);
			return err->status;
		}
		if (r < last_row || (r == last_row && c <= last_col))
		{
			mt_error_set(err, MT_ERR_SYNTAX, (size_t) (p - input),
						 "Entry (%lld,%lld) is not after the entry before it; entries go in increasing (row, col) order.",
						 (long long) r, (long long) c);
			return err->status;
		}
		if (v == 0.0)
		{
			mt_error_set(err, MT_ERR_SYNTAX, (size_t) (p - input),
						 "Entry (%lld,%lld) is zero; a sparse tensor stores nonzero entries only.",
						 (long long) r, (long long) c);
			return err->status;
		}
		if (csr != NULL)
		{
			for (int64_t i = last_row + 1; i <= r; i++)
				csr->indptr[i] = count;
			csr->indices[count] = (int32_t) c;
			if (fill_dtype == MT_FLOAT32)
			{
				float		f = (float) v;

				if (isfinite(v) && (isinf(f) || (f == 0.0f)))
				{
					mt_error_set(err, MT_ERR_RANGE, (size_t) (p - input),
								 "Entry (%lld,%lld) does not fit in float32.",
								 (long long) r, (long long) c);
					snprintf(err->token, sizeof(err->token), "%.*s",
							 (int) ((end - p) < 64 ? (end - p) : 64), p);
					return err->status;
				}
				((float *) csr->values)[count] = f;
			}
			else
				((double *) csr->values)[count] = v;
		}
		last_row = r;
		last_col = c;
		count++;
		p = skip_space(end);
	}
	p = skip_space(p + 1);
	if (*p != '\0')
		return syntax(err, input, p, "the end of the literal");
	if (csr != NULL)
		for (int64_t i = last_row + 1; i <= *rows; i++)
			csr->indptr[i] = count;
	*nnz = count;
	return MT_OK;
}
