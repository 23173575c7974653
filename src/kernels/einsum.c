/*
 * einsum.c
 *	  numpy.einsum (see einsum.h): the subscripts parser, numpy's C einsum
 *	  rules (explicit and implicit output, repeated labels in one operand
 *	  take a diagonal, '...' broadcasts right-aligned, a label of extent 1
 *	  broadcasts against the others), and one general strided loop: every
 *	  output element is the sum over the summed labels of the product of
 *	  the operands, in int64 (wrapping), double or complex double.
 */
#include "einsum.h"

#include <string.h>

#include "elementwise.h"
#include "float16.h"

/* label of a subscript letter, or -1 */
static int
einsum_label(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return 26 + (c - 'a');
	return -1;
}

static char
einsum_letter(int label)
{
	return label < 26 ? (char) ('A' + label) : (char) ('a' + label - 26);
}

/*
 * One term (an operand's or the output's subscripts) between [start, end):
 * its letter labels in order, and where '...' sits among them (-1: none).
 * which is the operand number for messages, -1 for the output.
 */
static MtStatus
einsum_term(const char *s, size_t start, size_t end, int which,
			int *labels, int *nletters, int *ellipsis, MtError *err)
{
	int			n = 0;

	*ellipsis = -1;
	for (size_t i = start; i < end; i++)
	{
		char		c = s[i];
		int			label;

		if (c == ' ')
			continue;
		if (c == '.')
		{
			if (*ellipsis >= 0 || i + 2 >= end ||
				s[i + 1] != '.' || s[i + 2] != '.')
			{
				if (which >= 0)
					mt_error_set(err, MT_ERR_SYNTAX, i,
								 "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in operand %d",
								 which);
				else
					mt_error_set(err, MT_ERR_SYNTAX, i,
								 "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in the output");
				return MT_ERR_SYNTAX;
			}
			*ellipsis = n;
			i += 2;
			continue;
		}
		label = einsum_label(c);
		if (label < 0)
		{
			if ((unsigned char) c >= 0x20 && (unsigned char) c < 0x7f)
				mt_error_set(err, MT_ERR_SYNTAX, i,
							 "invalid subscript '%c' in einstein sum subscripts string, subscripts must be letters",
							 c);
			else
				mt_error_set(err, MT_ERR_SYNTAX, i,
							 "invalid subscript (byte 0x%02x) in einstein sum subscripts string, subscripts must be letters",
							 (unsigned char) c);
			return MT_ERR_SYNTAX;
		}
		if (n >= MT_MAX_DIMS)
		{
			mt_error_set(err, MT_ERR_SYNTAX, i,
						 "einstein sum subscripts string has more than %d subscripts in one term",
						 MT_MAX_DIMS);
			return MT_ERR_SYNTAX;
		}
		labels[n++] = label;
	}
	*nletters = n;
	return MT_OK;
}

/* the end of the term that starts at pos: the next ',' or the input end */
static size_t
einsum_term_end(const char *s, size_t pos, size_t in_end)
{
	while (pos < in_end && s[pos] != ',')
		pos++;
	return pos;
}

/*
 * Labels of each axis of an operand: letters before the ellipsis, the
 * broadcast labels right-aligned to nbroad, letters after it.
 */
static void
einsum_axis_labels(const int *letters, int nletters, int ellipsis, int ndim,
				   int nbroad, int *axis_labels)
{
	int			a = 0;
	int			nb = ndim - nletters;

	if (ellipsis < 0)
	{
		memcpy(axis_labels, letters, sizeof(int) * nletters);
		return;
	}
	for (int i = 0; i < ellipsis; i++)
		axis_labels[a++] = letters[i];
	for (int j = 0; j < nb; j++)
		axis_labels[a++] = MT_EINSUM_LETTERS + (nbroad - nb + j);
	for (int i = ellipsis; i < nletters; i++)
		axis_labels[a++] = letters[i];
}

MtStatus
mt_einsum_parse(const char *subs, size_t len, int nops, const int *ndims,
				const int64_t *const *dims, MtEinsumPlan *plan, MtError *err)
{
	size_t		in_end = len;
	size_t		out_start = len;
	bool		explicit_out = false;
	int			nbroad = 0;
	int64_t		size[MT_EINSUM_MAX_LABELS];
	int			count[MT_EINSUM_MAX_LABELS];
	int			order[MT_EINSUM_MAX_LABELS];
	int			renum[MT_EINSUM_MAX_LABELS];
	int			letters[MT_MAX_DIMS];
	int			axis_labels[MT_MAX_DIMS];
	int			nletters,
				ellipsis;
	int			nout = 0;
	bool		in_out[MT_EINSUM_MAX_LABELS];
	size_t		pos;
	MtStatus	st;

	memset(plan, 0, sizeof(*plan));
	if (nops < 1 || nops > MT_EINSUM_MAX_OPS)
	{
		mt_error_set(err, MT_ERR_SYNTAX, 0,
					 "einsum takes from 1 to %d operands, not %d",
					 MT_EINSUM_MAX_OPS, nops);
		return MT_ERR_SYNTAX;
	}
	plan->nops = nops;

	/* the output arrow: one "->" at most, no stray '-' or '>' */
	for (size_t i = 0; i < len; i++)
	{
		if (subs[i] == '-' || subs[i] == '>')
		{
			if (explicit_out || subs[i] != '-' || i + 1 >= len ||
				subs[i + 1] != '>')
			{
				mt_error_set(err, MT_ERR_SYNTAX, i,
							 "einstein sum subscript string does not contain proper '->' output specified");
				return MT_ERR_SYNTAX;
			}
			explicit_out = true;
			in_end = i;
			out_start = i + 2;
			i++;
		}
	}
	for (size_t i = out_start; i < len; i++)
		if (subs[i] == ',')
		{
			mt_error_set(err, MT_ERR_SYNTAX, i,
						 "einstein sum subscripts string contains a ',' in the output");
			return MT_ERR_SYNTAX;
		}

	/* pass 1: every term parses, counts agree, the broadcast rank */
	pos = 0;
	for (int k = 0; k < nops; k++)
	{
		size_t		end;

		if (k > 0)
		{
			if (pos >= in_end)
			{
				mt_error_set(err, MT_ERR_SYNTAX, in_end,
							 "more operands provided to einstein sum function than specified in the subscripts string");
				return MT_ERR_SYNTAX;
			}
			pos++;				/* the ',' */
		}
		end = einsum_term_end(subs, pos, in_end);
		st = einsum_term(subs, pos, end, k, letters, &nletters, &ellipsis, err);
		if (st != MT_OK)
			return st;
		if (nletters > ndims[k])
		{
			mt_error_set(err, MT_ERR_SYNTAX, pos,
						 "einstein sum subscripts string contains too many subscripts for operand %d",
						 k);
			return MT_ERR_SYNTAX;
		}
		if (ellipsis < 0 && nletters < ndims[k])
		{
			mt_error_set(err, MT_ERR_SYNTAX, pos,
						 "operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.");
			return MT_ERR_SYNTAX;
		}
		if (ellipsis >= 0 && ndims[k] - nletters > nbroad)
			nbroad = ndims[k] - nletters;
		pos = end;
	}
	if (pos < in_end)
	{
		mt_error_set(err, MT_ERR_SYNTAX, pos,
					 "fewer operands provided to einstein sum function than specified in the subscripts string");
		return MT_ERR_SYNTAX;
	}

	/* pass 2: extents of each label */
	for (int l = 0; l < MT_EINSUM_MAX_LABELS; l++)
	{
		size[l] = -1;
		count[l] = 0;
		in_out[l] = false;
	}
	pos = 0;
	for (int k = 0; k < nops; k++)
	{
		size_t		end;
		int64_t		own[MT_EINSUM_MAX_LABELS];

		if (k > 0)
			pos++;
		end = einsum_term_end(subs, pos, in_end);
		(void) einsum_term(subs, pos, end, k, letters, &nletters, &ellipsis, err);
		einsum_axis_labels(letters, nletters, ellipsis, ndims[k], nbroad,
						   axis_labels);
		for (int a = 0; a < ndims[k]; a++)
			own[axis_labels[a]] = -1;
		for (int a = 0; a < ndims[k]; a++)
		{
			int			l = axis_labels[a];
			int64_t		d = dims[k][a];

			if (l < MT_EINSUM_LETTERS)
				count[l]++;
			if (own[l] >= 0 && own[l] != d)
			{
				mt_error_set(err, MT_ERR_SHAPE, pos,
							 "dimensions in operand %d for collapsing index '%c' don't match (%lld != %lld)",
							 k, einsum_letter(l), (long long) own[l],
							 (long long) d);
				return MT_ERR_SHAPE;
			}
			own[l] = d;
			if (size[l] < 0 || size[l] == 1)
				size[l] = d;
			else if (d != size[l] && d != 1)
			{
				if (l < MT_EINSUM_LETTERS)
					mt_error_set(err, MT_ERR_SHAPE, pos,
								 "operands could not be broadcast together: index '%c' has extent %lld in operand %d but %lld before",
								 einsum_letter(l), (long long) d, k,
								 (long long) size[l]);
				else
					mt_error_set(err, MT_ERR_SHAPE, pos,
								 "operands could not be broadcast together: a '...' dimension has extent %lld in operand %d but %lld before",
								 (long long) d, k, (long long) size[l]);
				return MT_ERR_SHAPE;
			}
		}
		pos = end;
	}

	/* the output labels */
	if (explicit_out)
	{
		st = einsum_term(subs, out_start, len, -1, letters, &nletters,
						 &ellipsis, err);
		if (st != MT_OK)
			return st;
		if (ellipsis < 0 && nbroad > 0)
		{
			mt_error_set(err, MT_ERR_SYNTAX, out_start,
						 "output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.");
			return MT_ERR_SYNTAX;
		}
		if (nletters + (ellipsis >= 0 ? nbroad : 0) > MT_MAX_DIMS)
		{
			mt_error_set(err, MT_ERR_TOO_MANY_DIMS, out_start,
						 "The einsum output would have more than %d dimensions.",
						 MT_MAX_DIMS);
			return MT_ERR_TOO_MANY_DIMS;
		}
		for (int i = 0; i < nletters; i++)
		{
			int			l = letters[i];

			if (in_out[l])
			{
				mt_error_set(err, MT_ERR_SYNTAX, out_start,
							 "einstein sum subscripts string includes output subscript '%c' multiple times",
							 einsum_letter(l));
				return MT_ERR_SYNTAX;
			}
			if (size[l] < 0)
			{
				mt_error_set(err, MT_ERR_SYNTAX, out_start,
							 "einstein sum subscripts string included output subscript '%c' which never appeared in an input",
							 einsum_letter(l));
				return MT_ERR_SYNTAX;
			}
			in_out[l] = true;
		}
		einsum_axis_labels(letters, nletters, ellipsis,
						   nletters + (ellipsis >= 0 ? nbroad : 0), nbroad,
						   order);
		nout = nletters + (ellipsis >= 0 ? nbroad : 0);
	}
	else
	{
		for (int j = 0; j < nbroad; j++)
			order[nout++] = MT_EINSUM_LETTERS + j;
		for (int l = 0; l < MT_EINSUM_LETTERS; l++)
			if (count[l] == 1)
			{
				if (nout >= MT_MAX_DIMS)
				{
					mt_error_set(err, MT_ERR_TOO_MANY_DIMS, 0,
								 "The einsum output would have more than %d dimensions.",
								 MT_MAX_DIMS);
					return MT_ERR_TOO_MANY_DIMS;
				}
				order[nout++] = l;
			}
	}
	for (int i = 0; i < nout; i++)
		in_out[order[i]] = true;

	/* number the labels: output ones in output order, then summed ones */
	plan->out_ndim = nout;
	plan->nlabels = nout;
	for (int l = 0; l < MT_EINSUM_MAX_LABELS; l++)
		renum[l] = -1;
	for (int i = 0; i < nout; i++)
	{
		renum[order[i]] = i;
		plan->label_code[i] = order[i];
		plan->label_size[i] = size[order[i]];
		plan->out_dims[i] = size[order[i]];
	}
	for (int l = 0; l < MT_EINSUM_MAX_LABELS; l++)
		if (size[l] >= 0 && !in_out[l])
		{
			renum[l] = plan->nlabels;
			plan->label_code[plan->nlabels] = l;
			plan->label_size[plan->nlabels++] = size[l];
		}

	/* pass 3: strides (C order); an extent-1 axis broadcasts: stride 0 */
	pos = 0;
	for (int k = 0; k < nops; k++)
	{
		size_t		end;
		int64_t		stride = 1;

		if (k > 0)
			pos++;
		end = einsum_term_end(subs, pos, in_end);
		(void) einsum_term(subs, pos, end, k, letters, &nletters, &ellipsis, err);
		einsum_axis_labels(letters, nletters, ellipsis, ndims[k], nbroad,
						   axis_labels);
		for (int a = ndims[k] - 1; a >= 0; a--)
		{
			int			l = renum[axis_labels[a]];

			plan->axis_label[k][a] = l;
			if (dims[k][a] != 1 || plan->label_size[l] == 1)
				plan->strides[k][l] += stride;
			stride *= dims[k][a] > 0 ? dims[k][a] : 1;
		}
		pos = end;
	}
	return MT_OK;
}

bool
mt_einsum_as_matmul(const MtEinsumPlan *plan, const int *ndims,
					const int64_t *const *dims, int *perm_a, int *perm_b,
					int64_t *bmkn, int *prod_ndim, int64_t *prod_dims,
					int *out_perm)
{
	int			where[2][MT_EINSUM_MAX_LABELS];
	int			pos[MT_EINSUM_MAX_LABELS];
	int			na = 0,
				nb = 0,
				np = 0;
	int			nbatch = 0,
				nsum = 0;
	int			batch[MT_MAX_DIMS],
				summed[MT_MAX_DIMS];

	if (plan->nops != 2)
		return false;
	for (int k = 0; k < 2; k++)
	{
		for (int l = 0; l < plan->nlabels; l++)
			where[k][l] = -1;
		for (int a = 0; a < ndims[k]; a++)
		{
			int			l = plan->axis_label[k][a];

			if (where[k][l] >= 0 || dims[k][a] != plan->label_size[l])
				return false;	/* a diagonal or a broadcast extent 1 */
			where[k][l] = a;
		}
	}
	bmkn[0] = bmkn[1] = bmkn[2] = bmkn[3] = 1;
	for (int l = 0; l < plan->nlabels; l++)
	{
		bool		out = l < plan->out_ndim;
		bool		in_a = where[0][l] >= 0,
					in_b = where[1][l] >= 0;

		if (in_a && in_b && out)
		{
			batch[nbatch++] = l;
			bmkn[0] *= plan->label_size[l];
		}
		else if (in_a && in_b)
		{
			summed[nsum++] = l;
			bmkn[2] *= plan->label_size[l];
		}
		else if (!out)
			return false;		/* summed within one operand */
	}
	for (int i = 0; i < nbatch; i++)
	{
		perm_a[na++] = where[0][batch[i]];
		perm_b[nb++] = where[1][batch[i]];
		pos[batch[i]] = np;
		prod_dims[np++] = plan->label_size[batch[i]];
	}
	for (int a = 0; a < ndims[0]; a++)
	{
		int			l = plan->axis_label[0][a];

		if (where[1][l] < 0)
		{
			perm_a[na++] = a;
			pos[l] = np;
			prod_dims[np++] = plan->label_size[l];
			bmkn[1] *= plan->label_size[l];
		}
	}
	for (int i = 0; i < nsum; i++)
	{
		perm_a[na++] = where[0][summed[i]];
		perm_b[nb++] = where[1][summed[i]];
	}
	for (int a = 0; a < ndims[1]; a++)
	{
		int			l = plan->axis_label[1][a];

		if (where[0][l] < 0)
		{
			perm_b[nb++] = a;
			pos[l] = np;
			prod_dims[np++] = plan->label_size[l];
			bmkn[3] *= plan->label_size[l];
		}
	}
	*prod_ndim = np;
	for (int i = 0; i < plan->out_ndim; i++)
		out_perm[i] = pos[i];
	return true;
}

char
mt_einsum_letter(int code)
{
	return einsum_letter(code);
}

MtDtype
mt_einsum_compute_dtype(MtDtype result)
{
	if (mt_dtype_is_complex(result))
		return MT_COMPLEX128;
	if (mt_dtype_is_float(result))
		return MT_FLOAT64;
	return MT_INT64;
}

/* store element o of the result from the accumulator */
static void
einsum_store_int(MtDtype result, void *dst, int64_t o, uint64_t acc)
{
	switch (result)
	{
		case MT_BOOL:
			((uint8_t *) dst)[o] = acc != 0;
			break;
		case MT_INT8:
			((int8_t *) dst)[o] = (int8_t) (uint8_t) acc;
			break;
		case MT_UINT8:
			((uint8_t *) dst)[o] = (uint8_t) acc;
			break;
		case MT_INT16:
			((int16_t *) dst)[o] = (int16_t) (uint16_t) acc;
			break;
		case MT_INT32:
			((int32_t *) dst)[o] = (int32_t) (uint32_t) acc;
			break;
		default:
			((int64_t *) dst)[o] = (int64_t) acc;
			break;
	}
}

static void
einsum_store_real(MtDtype result, void *dst, int64_t o, double acc)
{
	switch (result)
	{
		case MT_FLOAT16:
			((uint16_t *) dst)[o] = mt_double_to_half(acc);
			break;
		case MT_FLOAT32:
			((float *) dst)[o] = (float) acc;
			break;
		default:
			((double *) dst)[o] = acc;
			break;
	}
}

static void
einsum_store_complex(MtDtype result, void *dst, int64_t o, double re,
					 double im)
{
	if (result == MT_COMPLEX64)
	{
		((float *) dst)[2 * o] = (float) re;
		((float *) dst)[2 * o + 1] = (float) im;
	}
	else
	{
		((double *) dst)[2 * o] = re;
		((double *) dst)[2 * o + 1] = im;
	}
}

/*
 * Advances the odometer over labels [lo, hi) (last fastest) and the
 * operands' offsets with it; false once it wrapped around.
 */
static inline bool
einsum_advance(const MtEinsumPlan *plan, int lo, int hi, int64_t *idx,
			   int64_t *off)
{
	for (int j = hi - 1; j >= lo; j--)
	{
		idx[j]++;
		for (int k = 0; k < plan->nops; k++)
			off[k] += plan->strides[k][j];
		if (idx[j] < plan->label_size[j])
			return true;
		for (int k = 0; k < plan->nops; k++)
			off[k] -= idx[j] * plan->strides[k][j];
		idx[j] = 0;
	}
	return false;
}

/*
 * The innermost sum: n_in steps along label last (-1: a single product),
 * from the operands' offsets off, added to the accumulators.  One and two
 * operands have their own loops; the compute dtype is chosen outside them.
 */
static void
einsum_inner(const MtEinsumPlan *plan, MtDtype compute,
			 const void *const *ops, const int64_t *off, int last,
			 int64_t n_in, uint64_t *iacc, double *racc, double *iaccim)
{
	int			nops = plan->nops;
	int64_t		st[MT_EINSUM_MAX_OPS];

	for (int k = 0; k < nops; k++)
		st[k] = last >= 0 ? plan->strides[k][last] : 0;

	if (compute == MT_INT64)
	{
		uint64_t	acc = *iacc;

		if (nops == 1)
		{
			const int64_t *a = (const int64_t *) ops[0] + off[0];

			for (int64_t i = 0; i < n_in; i++)
				acc += (uint64_t) a[i * st[0]];
		}
		else if (nops == 2)
		{
			const int64_t *a = (const int64_t *) ops[0] + off[0];
			const int64_t *b = (const int64_t *) ops[1] + off[1];

			for (int64_t i = 0; i < n_in; i++)
				acc += (uint64_t) a[i * st[0]] * (uint64_t) b[i * st[1]];
		}
		else
			for (int64_t i = 0; i < n_in; i++)
			{
				uint64_t	p = 1;

				for (int k = 0; k < nops; k++)
					p *= (uint64_t) ((const int64_t *) ops[k])[off[k] + i * st[k]];
				acc += p;
			}
		*iacc = acc;
	}
	else if (compute == MT_FLOAT64)
	{
		double		acc = *racc;

		if (nops == 1)
		{
			const double *a = (const double *) ops[0] + off[0];

			for (int64_t i = 0; i < n_in; i++)
				acc += a[i * st[0]];
		}
		else if (nops == 2)
		{
			const double *a = (const double *) ops[0] + off[0];
			const double *b = (const double *) ops[1] + off[1];

			for (int64_t i = 0; i < n_in; i++)
				acc += a[i * st[0]] * b[i * st[1]];
		}
		else
			for (int64_t i = 0; i < n_in; i++)
			{
				double		p = ((const double *) ops[0])[off[0] + i * st[0]];

				for (int k = 1; k < nops; k++)
					p *= ((const double *) ops[k])[off[k] + i * st[k]];
				acc += p;
			}
		*racc = acc;
	}
	else
	{
		double		ar = *racc,
					ai = *iaccim;

		for (int64_t i = 0; i < n_in; i++)
		{
			const double *z = (const double *) ops[0] + 2 * (off[0] + i * st[0]);
			double		pr = z[0],
						pi = z[1];

			for (int k = 1; k < nops; k++)
			{
				const double *w = (const double *) ops[k] + 2 * (off[k] + i * st[k]);
				double		r = pr * w[0] - pi * w[1];

				pi = pr * w[1] + pi * w[0];
				pr = r;
			}
			ar += pr;
			ai += pi;
		}
		*racc = ar;
		*iaccim = ai;
	}
}

MtStatus
mt_einsum(const MtEinsumPlan *plan, MtDtype compute, const void *const *ops,
		  MtDtype result, void *dst, MtPollFn poll, void *poll_arg)
{
	int			nops = plan->nops;
	int			nl = plan->nlabels;
	int			no = plan->out_ndim;
	int64_t		out_count = 1;
	bool		empty_sum = false;
	int64_t		idx[MT_EINSUM_MAX_LABELS];
	int64_t		sidx[MT_EINSUM_MAX_LABELS];
	int64_t		off[MT_EINSUM_MAX_OPS];
	int64_t		soff[MT_EINSUM_MAX_OPS];
	int64_t		since_poll = 0;
	int64_t		n_in = nl > no ? plan->label_size[nl - 1] : 1;

	for (int i = 0; i < no; i++)
		out_count *= plan->label_size[i];
	for (int i = no; i < nl; i++)
		if (plan->label_size[i] == 0)
			empty_sum = true;
	memset(idx, 0, sizeof(idx));
	memset(off, 0, sizeof(off));

	for (int64_t o = 0; o < out_count; o++)
	{
		uint64_t	iacc = 0;
		double		racc = 0.0,
					iaccim = 0.0;

		if (!empty_sum)
		{
			int			last = nl > no ? nl - 1 : -1;

			memcpy(soff, off, sizeof(int64_t) * nops);
			memset(sidx, 0, sizeof(sidx));
			for (;;)
			{
				einsum_inner(plan, compute, ops, soff, last, n_in,
							 &iacc, &racc, &iaccim);
				since_poll += n_in;
				if (since_poll >= MT_POLL_ELEMENTS)
				{
					if (poll != NULL && poll(poll_arg))
						return MT_ERR_CANCELED;
					since_poll = 0;
				}
				if (nl - 1 <= no || !einsum_advance(plan, no, nl - 1, sidx, soff))
					break;
			}
		}
		if (compute == MT_INT64)
			einsum_store_int(result, dst, o, iacc);
		else if (compute == MT_FLOAT64)
			einsum_store_real(result, dst, o, racc);
		else
			einsum_store_complex(result, dst, o, racc, iaccim);
		if (++since_poll >= MT_POLL_ELEMENTS)
		{
			if (poll != NULL && poll(poll_arg))
				return MT_ERR_CANCELED;
			since_poll = 0;
		}
		(void) einsum_advance(plan, 0, no, idx, off);
	}
	return MT_OK;
}
