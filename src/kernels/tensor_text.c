/*
 * tensor_text.c
 *	  The tensor text parser (see tensor_text.h for the grammar).  The scan
 *	  pass validates brackets, separators, number syntax, nesting depth and
 *	  rectangularity, and infers the shape; nothing is allocated.  The fill
 *	  pass converts elements into the chosen dtype: integers exactly (no
 *	  trip through a double), floats with strtod/strtof reporting values out
 *	  of range exactly as PostgreSQL's float input does, complex numbers
 *	  part by part, booleans from their words.
 */
#include "tensor_text.h"

#include "float16.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ASCII only, whatever the server's locale says about other bytes. */
static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
		c == '\v';
}

static inline bool
is_delimiter(char c)
{
	return c == '\0' || c == '[' || c == ']' || c == ',' || is_space(c);
}

static const char *
skip_space(const char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

static size_t
token_length(const char *p)
{
	const char *q = p;

	while (!is_delimiter(*q))
		q++;
	return (size_t) (q - p);
}

static bool
word_equals(const char *p, size_t len, const char *word)
{
	if (strlen(word) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (mt_ascii_lower(p[i]) != word[i])
			return false;
	return true;
}

/*
 * The kinds of element token the scan accepts.  Which kinds a dtype takes
 * is decided when the elements are converted (the column's dtype is not
 * known to the scan): integers take TOKEN_INT only, bool takes TOKEN_BOOL
 * and the integers 0 and 1, floats take TOKEN_INT and TOKEN_REAL, complex
 * takes every kind but TOKEN_BOOL.
 */
typedef enum TokenKind
{
	TOKEN_INT,					/* [+-]digits */
	TOKEN_REAL,					/* with a fraction, exponent, inf or nan */
	TOKEN_COMPLEX,				/* 1+2j, -1.5e3-2j, 2j, nan+nanj */
	TOKEN_BOOL					/* true, false, t, f (any case) */
} TokenKind;

/* the integers 0 and 1, in a set of kinds (bits 1 << TokenKind) */
#define KIND_BIT (1u << 4)

/*
 * Length of the real number starting at p, or 0 when there is none; the
 * number need not end at a delimiter (a complex token continues).  A real
 * is [+-] followed by decimal digits with an optional fraction and
 * exponent, or by inf, infinity or nan in any case (as PostgreSQL's float
 * input accepts).  *integral says whether it is digits only.  A word
 * ending in "j" ("nanj", "infj") stops before the j, for imaginary parts.
 */
static size_t
real_length(const char *p, bool *integral)
{
	const char *q = p;
	const char *digits_start;

	*integral = false;
	if (*q == '+' || *q == '-')
		q++;
	if (is_letter(*q))
	{
		const char *word = q;
		size_t		len;

		while (is_letter(*q))
			q++;
		len = (size_t) (q - word);
		if (len > 1 && (q[-1] == 'j' || q[-1] == 'J'))
		{
			len--;
			q--;
		}
		if (!(word_equals(word, len, "inf") ||
			  word_equals(word, len, "infinity") ||
			  word_equals(word, len, "nan")))
			return 0;
		return (size_t) (q - p);
	}
	digits_start = q;
	while (is_digit(*q))
		q++;
	*integral = q > digits_start;
	if (*q == '.')
	{
		*integral = false;
		q++;
		while (is_digit(*q))
			q++;
		if (q - digits_start == 1)
			return 0;			/* a lone "." */
	}
	else if (q == digits_start)
		return 0;
	if (*q == 'e' || *q == 'E')
	{
		const char *exp_start;

		*integral = false;
		q++;
		if (*q == '+' || *q == '-')
			q++;
		exp_start = q;
		while (is_digit(*q))
			q++;
		if (q == exp_start)
			return 0;
	}
	return (size_t) (q - p);
}

/*
 * Length of the element token starting at p, or 0 when the token there is
 * not one; a token ends at a delimiter.  Sets *kind.  One pass: this runs
 * once per element of every literal.  Complex tokens take Python's forms:
 * a real part, then a signed imaginary part ending in j or J ("1+2j",
 * "-1.5e3-2j", "nan+nanj", "Infinity-Infinityj"), or an imaginary part
 * alone ("2j").
 */
static size_t
element_length(const char *p, TokenKind *kind)
{
	bool		integral;
	size_t		len = real_length(p, &integral);
	const char *q = p + len;

	if (len == 0)
	{
		/* a boolean word */
		while (is_letter(*q))
			q++;
		len = (size_t) (q - p);
		if (len > 0 && is_delimiter(*q) &&
			(word_equals(p, len, "true") || word_equals(p, len, "false") ||
			 word_equals(p, len, "t") || word_equals(p, len, "f")))
		{
			*kind = TOKEN_BOOL;
			return len;
		}
		return 0;
	}
	if (is_delimiter(*q))
	{
		*kind = integral ? TOKEN_INT : TOKEN_REAL;
		return len;
	}
	if (*q == '+' || *q == '-')
	{
		size_t		imag = real_length(q, &integral);

		if (imag == 0)
			return 0;
		q += imag;
	}
	if ((*q == 'j' || *q == 'J') && is_delimiter(q[1]))
	{
		*kind = TOKEN_COMPLEX;
		return (size_t) (q + 1 - p);
	}
	return 0;
}

/*
 * The element token at p for the scan: its length (0 when it is not one),
 * noting its kind in *kinds for the dtype a literal without one implies.
 */
static size_t
number_length(const char *p, unsigned *kinds)
{
	TokenKind	kind;
	size_t		len = element_length(p, &kind);

	if (len == 0)
		return 0;
	if (kind == TOKEN_INT && len == 1 && (p[0] == '0' || p[0] == '1'))
		*kinds |= KIND_BIT;
	else
		*kinds |= 1u << kind;
	return len;
}

/*
 * The dtype the elements imply when neither the literal nor the column
 * names one: bool when there is a boolean word and every other element is
 * 0 or 1, complex128 when there is a complex element and no boolean word,
 * else none (float64, as before dtypes).
 */
static MtDtype
implied_dtype(unsigned kinds)
{
	if ((kinds & (1u << TOKEN_BOOL)) &&
		!(kinds & ((1u << TOKEN_INT) | (1u << TOKEN_REAL) | (1u << TOKEN_COMPLEX))))
		return MT_BOOL;
	if ((kinds & (1u << TOKEN_COMPLEX)) && !(kinds & (1u << TOKEN_BOOL)))
		return MT_COMPLEX128;
	return MT_DTYPE_INVALID;
}

/*
 * Copies up to 40 bytes of the input into buf for a message, writing bytes
 * that are not printable ASCII as \xNN so that no message carries a broken
 * multibyte character.
 */
static const char *
excerpt(char *buf, size_t buflen, const char *p, size_t len)
{
	size_t		used = 0;

	for (size_t i = 0; i < len && i < 40 && used + 8 < buflen; i++)
	{
		unsigned char c = (unsigned char) p[i];

		if (c >= 0x20 && c < 0x7f)
			buf[used++] = (char) c;
		else
			used += (size_t) snprintf(buf + used, buflen - used, "\\x%02x", c);
	}
	if (len > 40 && used + 4 < buflen)
	{
		memcpy(buf + used, "...", 3);
		used += 3;
	}
	buf[used] = '\0';
	return buf;
}

static MtStatus
bad_number(const char *input, const char *p, size_t len, MtError *err)
{
	char		shown[200];

	mt_error_set(err, MT_ERR_SYNTAX, (size_t) (p - input),
				 "\"%s\" at position %zu is not a number.",
				 excerpt(shown, sizeof(shown), p, len), (size_t) (p - input) + 1);
	return err->status;
}

static MtStatus
unexpected(const char *input, const char *p, const char *expected,
		   MtError *err)
{
	size_t		pos = (size_t) (p - input);
	char		shown[16];

	if (*p == '\0')
		mt_error_set(err, MT_ERR_SYNTAX, pos,
					 "Unexpected end of input, expected %s.", expected);
	else
		mt_error_set(err, MT_ERR_SYNTAX, pos,
					 "Unexpected character \"%s\" at position %zu, expected %s.",
					 excerpt(shown, sizeof(shown), p, 1), pos + 1, expected);
	return err->status;
}

/* Parses "(2,3)", "(3,)", "()" into shape->dims. */
static MtStatus
scan_shape_header(const char *input, const char **pp, MtTextShape *shape,
				  MtError *err)
{
	const char *p = skip_space(*pp + 1);
	int			ndim = 0;

	while (*p != ')')
	{
		int64_t		extent = 0;
		bool		too_big = false;

		if (!is_digit(*p))
			return unexpected(input, p, "a dimension extent or \")\"", err);
		if (ndim == MT_MAX_DIMS)
		{
			mt_error_set(err, MT_ERR_TOO_MANY_DIMS, (size_t) (p - input),
						 "A tensor may have at most %d dimensions.",
						 MT_MAX_DIMS);
			return err->status;
		}
		while (is_digit(*p))
		{
			if (!too_big)
			{
				extent = extent * 10 + (*p - '0');
				if (extent > MT_MAX_DIM_EXTENT)
					too_big = true;
			}
			p++;
		}
		if (too_big)
		{
			mt_error_set(err, MT_ERR_TOO_LARGE, (size_t) (p - input),
						 "Dimension %d exceeds the largest extent %d.",
						 ndim, MT_MAX_DIM_EXTENT);
			return err->status;
		}
		shape->dims[ndim++] = extent;
		p = skip_space(p);
		if (*p == ',')
			p = skip_space(p + 1);
		else if (*p != ')')
			return unexpected(input, p, "\",\" or \")\"", err);
	}
	shape->ndim = ndim;
	*pp = p + 1;
	return MT_OK;
}

/* The optional "dtype(shape):" prefix.  Returns with *pp at the body. */
static MtStatus
scan_header(const char *input, const char **pp, MtTextShape *shape,
			bool *has_shape, MtError *err)
{
	const char *p = *pp;
	const char *after;

	*has_shape = false;
	if (is_letter(*p))
	{
		const char *word_end = p;

		while (is_letter(*word_end) || is_digit(*word_end) || *word_end == '_')
			word_end++;
		after = skip_space(word_end);
		if (*after != ':' && *after != '(')
			return MT_OK;		/* a bare word: the body, e.g. "NaN" */
		shape->dtype = mt_dtype_from_name(p, (size_t) (word_end - p));
		if (shape->dtype == MT_DTYPE_INVALID)
		{
			char		shown[200];

			mt_error_set(err, MT_ERR_SYNTAX, (size_t) (p - input),
						 "\"%s\" is not a known dtype; use one of %s.",
						 excerpt(shown, sizeof(shown), p, (size_t) (word_end - p)),
						 mt_dtype_names_list());
			return err->status;
		}
		p = after;
	}
	else if (*p != '(')
		return MT_OK;
	if (*p == '(')
	{
		if (scan_shape_header(input, &p, shape, err) != MT_OK)
			return err->status;
		*has_shape = true;
		p = skip_space(p);
	}
	if (*p != ':')
		return unexpected(input, p, "\":\" after the header", err);
	*pp = skip_space(p + 1);
	return MT_OK;
}

/* Scans a bracketed body, inferring its shape.  *pp is at '['. */
static MtStatus
scan_nested(const char *input, const char **pp, MtTextShape *shape,
			MtError *err)
{
	enum
	{
		AFTER_OPEN, AFTER_COMMA, AFTER_VALUE
	}			state = AFTER_OPEN;
	const char *p = *pp;
	int64_t		children[MT_MAX_DIMS + 1];
	int64_t		extent[MT_MAX_DIMS];
	int			depth = 0;
	int			max_depth = 0;
	int			leaf_depth = -1;	/* depth of the lists holding numbers */
	int64_t		numbers = 0;
	unsigned	kinds = 0;

	for (int i = 0; i < MT_MAX_DIMS; i++)
		extent[i] = -1;

	for (;;)
	{
		p = skip_space(p);
		if (state != AFTER_VALUE && *p == '[')
		{
			if (depth == MT_MAX_DIMS)
			{
				mt_error_set(err, MT_ERR_TOO_MANY_DIMS, (size_t) (p - input),
							 "Lists are nested more than %d deep at position %zu.",
							 MT_MAX_DIMS, (size_t) (p - input) + 1);
				return err->status;
			}
			if (depth == leaf_depth)
			{
				mt_error_set(err, MT_ERR_SYNTAX, (size_t) (p - input),
							 "A list at position %zu stands where a number was expected; every element must be nested equally deep.",
							 (size_t) (p - input) + 1);
				return err->status;
			}
			if (depth > 0)
				children[depth]++;
			depth++;
			children[depth] = 0;
			if (depth > max_depth)
				max_depth = depth;
			state = AFTER_OPEN;
			p++;
			continue;
		}
		if ((state == AFTER_OPEN || state == AFTER_VALUE) && *p == ']')
		{
			if (extent[depth - 1] < 0)
				extent[depth - 1] = children[depth];
			else if (extent[depth - 1] != children[depth])
			{
				mt_error_set(err, MT_ERR_SYNTAX, (size_t) (p - input),
							 "The list ending at position %zu has length %lld where its siblings have length %lld; a tensor must be rectangular.",
							 (size_t) (p - input) + 1,
							 (long long) children[depth],
							 (long long) extent[depth - 1]);
				return err->status;
			}
			depth--;
			p++;
			state = AFTER_VALUE;
			if (depth == 0)
				break;
			continue;
		}
		if (state == AFTER_VALUE)
		{
			if (*p != ',')
				return unexpected(input, p, "\",\" or \"]\"", err);
			state = AFTER_COMMA;
			p++;
			continue;
		}
		/* a number is expected */
		if (is_delimiter(*p))
			return unexpected(input, p, "a number or \"[\"", err);
		{
			size_t		len = number_length(p, &kinds);

			if (len == 0)
				return bad_number(input, p, token_length(p), err);
			if (leaf_depth < 0)
			{
				if (max_depth > depth)
				{
					mt_error_set(err, MT_ERR_SYNTAX, (size_t) (p - input),
								 "The number at position %zu is nested less deeply than an earlier list; every element must be nested equally deep.",
								 (size_t) (p - input) + 1);
					return err->status;
				}
				leaf_depth = depth;
			}
			else if (depth != leaf_depth)
			{
				mt_error_set(err, MT_ERR_SYNTAX, (size_t) (p - input),
							 "The number at position %zu is nested %d deep where earlier numbers are nested %d deep; every element must be nested equally deep.",
							 (size_t) (p - input) + 1, depth, leaf_depth);
				return err->status;
			}
			children[depth]++;
			numbers++;
			p += len;
			state = AFTER_VALUE;
		}
	}

	shape->ndim = leaf_depth > 0 ? leaf_depth : max_depth;
	for (int i = 0; i < shape->ndim; i++)
		shape->dims[i] = extent[i];
	shape->count = numbers;
	shape->implied = implied_dtype(kinds);
	*pp = p;
	return MT_OK;
}

MtStatus
mt_text_scan(const char *input, MtTextShape *shape, MtError *err)
{
	const char *p = skip_space(input);
	bool		has_shape;
	int			header_ndim = 0;
	int64_t		header_dims[MT_MAX_DIMS];
	int64_t		count;
	size_t		bytes;

	memset(shape, 0, sizeof(*shape));
	err->status = MT_OK;
	if (*p == '\0')
	{
		mt_error_set(err, MT_ERR_SYNTAX, 0,
					 "The input is empty; write a number or a nested list such as [[1,2],[3,4]].");
		return err->status;
	}
	if (scan_header(input, &p, shape, &has_shape, err) != MT_OK)
		return err->status;
	if (has_shape)
	{
		header_ndim = shape->ndim;
		memcpy(header_dims, shape->dims, sizeof(int64_t) * header_ndim);
	}
	shape->body_offset = (size_t) (p - input);

	if (*p == '[')
	{
		if (scan_nested(input, &p, shape, err) != MT_OK)
			return err->status;
	}
	else
	{
		size_t		len;
		unsigned	kinds = 0;

		if (is_delimiter(*p))
			return unexpected(input, p, "a number or \"[\"", err);
		len = number_length(p, &kinds);
		if (len == 0)
			return bad_number(input, p, token_length(p), err);
		p += len;
		shape->ndim = 0;
		shape->count = 1;
		shape->implied = implied_dtype(kinds);
	}
	p = skip_space(p);
	if (*p != '\0')
	{
		char		shown[16];

		mt_error_set(err, MT_ERR_SYNTAX, (size_t) (p - input),
					 "Unexpected character \"%s\" at position %zu after the end of the tensor.",
					 excerpt(shown, sizeof(shown), p, 1), (size_t) (p - input) + 1);
		return err->status;
	}

	if (has_shape)
	{
		/* The header's shape wins; the body supplies count numbers in C order. */
		if (mt_shape_check(header_ndim, header_dims,
						   shape->dtype != MT_DTYPE_INVALID ? shape->dtype : MT_FLOAT64,
						   &count, &bytes, err) != MT_OK)
			return err->status;
		if (count != shape->count)
		{
			char		buf[160];

			mt_format_shape(buf, sizeof(buf), header_ndim, header_dims);
			mt_error_set(err, MT_ERR_SYNTAX, shape->body_offset,
						 "The header shape %s needs %lld elements but the body has %lld.",
						 buf, (long long) count, (long long) shape->count);
			return err->status;
		}
		shape->ndim = header_ndim;
		memcpy(shape->dims, header_dims, sizeof(int64_t) * header_ndim);
	}
	return MT_OK;
}

/* Records a range error for the token at p (len bytes) in dtype. */
static MtStatus
out_of_range(const char *input, const char *p, size_t len, MtDtype dtype,
			 MtError *err)
{
	int64_t		lo,
				hi;

	mt_dtype_int_range(dtype, &lo, &hi);
	if (mt_dtype_is_integer(dtype))
		mt_error_set(err, MT_ERR_RANGE, (size_t) (p - input),
					 "The number at position %zu is outside the range of %s (%lld to %lld).",
					 (size_t) (p - input) + 1, mt_dtype_name(dtype),
					 (long long) lo, (long long) hi);
	else
		mt_error_set(err, MT_ERR_RANGE, (size_t) (p - input),
					 "The number at position %zu does not fit in %s.",
					 (size_t) (p - input) + 1, mt_dtype_name(dtype));
	if (len >= sizeof(err->token))
	{
		memcpy(err->token, p, sizeof(err->token) - 4);
		strcpy(err->token + sizeof(err->token) - 4, "...");
	}
	else
	{
		memcpy(err->token, p, len);
		err->token[len] = '\0';
	}
	return err->status;
}

/* A token of the wrong kind for the dtype: 22P02 with what to write. */
static MtStatus
wrong_kind(const char *input, const char *p, size_t len, MtDtype dtype,
		   TokenKind kind, MtError *err)
{
	char		shown[200];
	size_t		pos = (size_t) (p - input);

	excerpt(shown, sizeof(shown), p, len);
	if (dtype == MT_BOOL)
		mt_error_set(err, MT_ERR_SYNTAX, pos,
					 "\"%s\" at position %zu is not a boolean; bool elements are true, false, t, f, 1 or 0.",
					 shown, pos + 1);
	else if (mt_dtype_is_integer(dtype))
		mt_error_set(err, MT_ERR_SYNTAX, pos,
					 "\"%s\" at position %zu is not an integer; %s elements are written without a fraction or exponent.",
					 shown, pos + 1, mt_dtype_name(dtype));
	else if (kind == TOKEN_COMPLEX)
		mt_error_set(err, MT_ERR_SYNTAX, pos,
					 "\"%s\" at position %zu is a complex number; write complex128:[...] for a complex tensor.",
					 shown, pos + 1);
	else
		mt_error_set(err, MT_ERR_SYNTAX, pos,
					 "\"%s\" at position %zu is not a number; write bool:[...] for a boolean tensor.",
					 shown, pos + 1);
	return err->status;
}

/*
 * [+-]digits of length len as int64, exactly; false when the value is
 * outside int64's range.
 */
static bool
parse_int64(const char *p, size_t len, int64_t *value)
{
	bool		negative = false;
	uint64_t	limit;
	uint64_t	magnitude = 0;
	size_t		i = 0;

	if (p[0] == '+' || p[0] == '-')
	{
		negative = p[0] == '-';
		i = 1;
	}
	limit = negative ? (uint64_t) INT64_MAX + 1 : (uint64_t) INT64_MAX;
	for (; i < len; i++)
	{
		uint64_t	digit = (uint64_t) (p[i] - '0');

		if (magnitude > (limit - digit) / 10)
			return false;
		magnitude = magnitude * 10 + digit;
	}
	if (negative)
		*value = magnitude == (uint64_t) INT64_MAX + 1 ? INT64_MIN :
			-(int64_t) magnitude;
	else
		*value = (int64_t) magnitude;
	return true;
}

/*
 * Converts the real number at p (which ends at p + len) into a float of
 * the given dtype (float16, float32 or float64) at slot, applying
 * PostgreSQL's range rule: a finite number that becomes infinite, or a
 * nonzero one that becomes zero, is out of range.  float16 is read as a
 * double and rounded once more, as numpy.float16("...") does.  Range
 * errors name `reported` (a complex dtype for its parts).
 */
static MtStatus
parse_real(const char *input, const char *p, size_t len, size_t token_len,
		   MtDtype dtype, MtDtype reported, void *slot, MtError *err)
{
	char	   *end;
	bool		bad = false;

	errno = 0;
	if (dtype == MT_FLOAT32)
	{
		float		v = strtof(p, &end);

		bad = errno == ERANGE && (v == 0.0f || isinf(v));
		memcpy(slot, &v, sizeof(v));
	}
	else
	{
		double		v = strtod(p, &end);

		bad = errno == ERANGE && (v == 0.0 || isinf(v));
		if (dtype == MT_FLOAT16)
		{
			uint16_t	h = mt_double_to_half(v);

			if ((isfinite(v) && (h & 0x7fff) == 0x7c00) ||
				(v != 0.0 && (h & 0x7fff) == 0))
				bad = true;
			memcpy(slot, &h, sizeof(h));
		}
		else
			memcpy(slot, &v, sizeof(v));
	}
	if ((size_t) (end - p) != len)
		return bad_number(input, p, token_len, err);
	if (bad)
		return out_of_range(input, p, token_len, reported, err);
	return MT_OK;
}

/*
 * Converts one token the scan validated into dtype at slot; returns where
 * it ends in *endp.
 */
static MtStatus
convert_element(const char *input, const char *p, const char **endp,
				MtDtype dtype, void *slot, MtError *err)
{
	TokenKind	kind;
	size_t		len;
	bool		integral;

	/*
	 * float32/float64, the common case, in one pass: a token the scan
	 * accepted that strtod reads up to a delimiter is a real number (a
	 * complex token or a word leaves characters behind), so only those
	 * fall through to the classification below, for their message.
	 */
	if (dtype == MT_FLOAT64 || dtype == MT_FLOAT32)
	{
		char	   *end;
		bool		bad;

		errno = 0;
		if (dtype == MT_FLOAT64)
		{
			double		v = strtod(p, &end);

			bad = errno == ERANGE && (v == 0.0 || isinf(v));
			*(double *) slot = v;
		}
		else
		{
			float		v = strtof(p, &end);

			bad = errno == ERANGE && (v == 0.0f || isinf(v));
			*(float *) slot = v;
		}
		if (end > p && is_delimiter(*end))
		{
			*endp = end;
			if (bad)
				return out_of_range(input, p, (size_t) (end - p), dtype, err);
			return MT_OK;
		}
	}
	len = element_length(p, &kind);
	*endp = p + len;
	if (len == 0)
		return bad_number(input, p, token_length(p), err);
	switch (dtype)
	{
		case MT_BOOL:
			if (kind == TOKEN_BOOL)
			{
				*(uint8_t *) slot = mt_ascii_lower(p[0]) == 't';
				return MT_OK;
			}
			if (kind == TOKEN_INT)
			{
				int64_t		v;

				if (parse_int64(p, len, &v) && (v == 0 || v == 1))
				{
					*(uint8_t *) slot = (uint8_t) v;
					return MT_OK;
				}
			}
			return wrong_kind(input, p, len, dtype, kind, err);
		case MT_INT8:
		case MT_INT16:
		case MT_INT32:
		case MT_INT64:
		case MT_UINT8:
			{
				int64_t		v,
							lo,
							hi;

				if (kind != TOKEN_INT)
					return wrong_kind(input, p, len, dtype, kind, err);
				mt_dtype_int_range(dtype, &lo, &hi);
				if (!parse_int64(p, len, &v) || v < lo || v > hi)
					return out_of_range(input, p, len, dtype, err);
				switch (dtype)
				{
					case MT_INT8:
						*(int8_t *) slot = (int8_t) v;
						break;
					case MT_INT16:
						*(int16_t *) slot = (int16_t) v;
						break;
					case MT_INT32:
						*(int32_t *) slot = (int32_t) v;
						break;
					case MT_UINT8:
						*(uint8_t *) slot = (uint8_t) v;
						break;
					default:
						*(int64_t *) slot = v;
						break;
				}
				return MT_OK;
			}
		case MT_COMPLEX64:
		case MT_COMPLEX128:
			{
				MtDtype		part = dtype == MT_COMPLEX64 ? MT_FLOAT32 : MT_FLOAT64;
				size_t		psize = mt_dtype_size(part);
				char	   *re = slot;
				char	   *im = re + psize;
				size_t		first;

				if (kind == TOKEN_BOOL)
					return wrong_kind(input, p, len, dtype, kind, err);
				memset(slot, 0, 2 * psize);
				if (kind != TOKEN_COMPLEX)
					return parse_real(input, p, len, len, part, dtype, re, err);
				first = real_length(p, &integral);
				if (p[first] == 'j' || p[first] == 'J')
					return parse_real(input, p, first, len, part, dtype, im, err);
				if (parse_real(input, p, first, len, part, dtype, re, err) != MT_OK)
					return err->status;
				return parse_real(input, p + first, len - first - 1, len - first,
								  part, dtype, im, err);
			}
		default:
			if (kind != TOKEN_INT && kind != TOKEN_REAL)
				return wrong_kind(input, p, len, dtype, kind, err);
			return parse_real(input, p, len, len, dtype, dtype, slot, err);
	}
}

MtStatus
mt_text_fill(const char *input, const MtTextShape *shape, MtDtype dtype,
			 void *data, MtError *err)
{
	const char *p = input + shape->body_offset;
	size_t		elsize = mt_dtype_size(dtype);
	char	   *out = data;

	err->status = MT_OK;
	for (int64_t i = 0; i < shape->count; i++)
	{
		while (is_delimiter(*p))
		{
			if (*p == '\0')
				return unexpected(input, p, "a number", err);
			p++;
		}
		if (convert_element(input, p, &p, dtype, out + i * elsize, err) != MT_OK)
			return err->status;
	}
	return MT_OK;
}
