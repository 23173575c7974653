/*
 * sets.c
 *	  unique, isin and numpy's 1-D set operations (see sets.h).  Pure C, no
 *	  postgres.h.
 */
#include "sets.h"

#include <stdlib.h>
#include <string.h>

#include "elements.h"
#include "sort.h"

/* numpy's == between elements i and j of one sorted array */
static inline bool
numpy_equal(const void *data, MtDtype dtype, int64_t i, int64_t j)
{
	return mt_sort_key_equal(data, i, data, j, dtype) &&
		!mt_element_isnan(data, dtype, i);
}

MtStatus
mt_unique(const void *data, MtDtype dtype, int64_t n, void *values,
		  int64_t *nunique, int64_t *index, int64_t *inverse, int64_t *counts,
		  MtPollFn poll, void *poll_arg)
{
	size_t		elem = mt_dtype_size(dtype);
	int64_t    *perm;
	int64_t		g = -1;
	MtStatus	st;

	*nunique = 0;
	if (n <= 0)
		return MT_OK;
	if (index == NULL && inverse == NULL && counts == NULL)
	{
		st = mt_sort_copy_lanes(data, values, dtype, 1, n, 1, poll, poll_arg);
		if (st == MT_OK)
			*nunique = mt_sort_collapse(values, dtype, n);
		return st;
	}
	perm = malloc(sizeof(int64_t) * n);
	if (perm == NULL)
		return MT_ERR_MEMORY;
	st = mt_argsort_lanes(data, dtype, 1, n, 1, false, perm, poll, poll_arg);
	if (st != MT_OK)
	{
		free(perm);
		return st;
	}
	for (int64_t i = 0; i < n; i++)
	{
		int64_t		p = perm[i];

		if (i == 0 || !mt_sort_key_equal(data, p, data, perm[i - 1], dtype))
		{
			g++;
			memcpy((char *) values + (size_t) g * elem,
				   (const char *) data + (size_t) p * elem, elem);
			if (index)
				index[g] = p;	/* the sort is stable: the first one */
			if (counts)
				counts[g] = 0;
		}
		if (counts)
			counts[g]++;
		if (inverse)
			inverse[p] = g;
	}
	free(perm);
	*nunique = g + 1;
	return MT_OK;
}

/* rows i and j of a rows x cols array are equal under numpy's == */
static bool
rows_equal(const void *data, MtDtype dtype, int64_t cols, int64_t i, int64_t j)
{
	for (int64_t k = 0; k < cols; k++)
	{
		int64_t		a = i * cols + k;

		if (!mt_sort_key_equal(data, a, data, j * cols + k, dtype) ||
			mt_element_isnan(data, dtype, a))
			return false;
	}
	return true;
}

MtStatus
mt_unique_rows(const void *data, MtDtype dtype, int64_t rows, int64_t cols,
			   void *out, int64_t *nunique, int64_t *index, int64_t *inverse,
			   int64_t *counts, MtPollFn poll, void *poll_arg)
{
	size_t		row_bytes = mt_dtype_size(dtype) * cols;
	int64_t    *perm;
	int64_t		g = -1;
	MtStatus	st;

	*nunique = 0;
	if (rows <= 0)
		return MT_OK;
	perm = malloc(sizeof(int64_t) * rows);
	if (perm == NULL)
		return MT_ERR_MEMORY;
	st = mt_argsort_rows(data, dtype, rows, cols, perm, poll, poll_arg);
	if (st != MT_OK)
	{
		free(perm);
		return st;
	}
	for (int64_t i = 0; i < rows; i++)
	{
		int64_t		p = perm[i];

		if (i == 0 || !rows_equal(data, dtype, cols, p, perm[i - 1]))
		{
			g++;
			memcpy((char *) out + (size_t) g * row_bytes,
				   (const char *) data + (size_t) p * row_bytes, row_bytes);
			if (index)
				index[g] = p;
			if (counts)
				counts[g] = 0;
		}
		if (counts)
			counts[g]++;
		if (inverse)
			inverse[p] = g;
		if ((i & 0xffff) == 0xffff && poll != NULL && poll(poll_arg))
		{
			free(perm);
			return MT_ERR_CANCELED;
		}
	}
	free(perm);
	*nunique = g + 1;
	return MT_OK;
}

MtStatus
mt_isin(const void *data, MtDtype dtype, int64_t n, const void *test,
		MtDtype test_dtype, int64_t ntest, bool invert, bool *out,
		MtPollFn poll, void *poll_arg)
{
	size_t		elem = mt_dtype_size(test_dtype);
	void	   *sorted;
	MtStatus	st;

	sorted = malloc(elem * (ntest > 0 ? ntest : 1));
	if (sorted == NULL)
		return MT_ERR_MEMORY;
	memcpy(sorted, test, elem * ntest);
	st = mt_sort_lanes(sorted, test_dtype, 1, ntest, 1, poll, poll_arg);
	for (int64_t i = 0; i < n && st == MT_OK; i++)
	{
		bool		found = false;

		/* NaN == anything is false */
		if (!mt_element_isnan(data, dtype, i))
		{
			int64_t		lo = 0,
						hi = ntest;

			while (lo < hi)
			{
				int64_t		mid = lo + (hi - lo) / 2;

				if (mt_compare_elements(sorted, test_dtype, mid, data, dtype, i) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			found = lo < ntest &&
				mt_compare_elements(sorted, test_dtype, lo, data, dtype, i) == 0;
		}
		out[i] = found != invert;
		if ((i & 0xffff) == 0xffff && poll != NULL && poll(poll_arg))
			st = MT_ERR_CANCELED;
	}
	free(sorted);
	return st;
}

/* the distinct values of n elements of src into dst, or a copy */
static MtStatus
unique_or_copy(const void *src, int64_t n, MtDtype dtype, bool assume_unique,
			   void *dst, int64_t *count, MtPollFn poll, void *poll_arg)
{
	if (assume_unique)
	{
		memcpy(dst, src, mt_dtype_size(dtype) * n);
		*count = n;
		return MT_OK;
	}
	return mt_unique(src, dtype, n, dst, count, NULL, NULL, NULL,
					 poll, poll_arg);
}

MtStatus
mt_set_op(MtSetOp op, const void *a, int64_t na, const void *b, int64_t nb,
		  MtDtype dtype, MtDtype dtype_b, bool assume_unique, void *out, int64_t *nout,
		  MtPollFn poll, void *poll_arg)
{
	size_t		elem = mt_dtype_size(dtype);
	size_t		room = elem * (size_t) (na + nb > 0 ? na + nb : 1);
	char	   *aux = NULL;
	int64_t		ua,
				ub,
				m = 0;
	MtStatus	st;

	*nout = 0;
	if (op != MT_SET_DIFF && dtype_b != dtype)
		return MT_ERR_SHAPE;
	aux = malloc(room);
	if (aux == NULL)
		return MT_ERR_MEMORY;
	switch (op)
	{
		case MT_SET_UNION:
			memcpy(aux, a, elem * na);
			memcpy(aux + elem * na, b, elem * nb);
			st = mt_unique(aux, dtype, na + nb, out, nout, NULL, NULL, NULL,
						   poll, poll_arg);
			break;
		case MT_SET_DIFF:
			{
				bool	   *in;

				st = unique_or_copy(a, na, dtype, assume_unique, aux, &ua,
									poll, poll_arg);
				if (st != MT_OK)
					break;
				in = malloc(sizeof(bool) * (ua > 0 ? ua : 1));
				if (in == NULL)
				{
					st = MT_ERR_MEMORY;
					break;
				}
				st = mt_isin(aux, dtype, ua, b, dtype_b, nb, true, in,
							 poll, poll_arg);
				for (int64_t i = 0; i < ua && st == MT_OK; i++)
					if (in[i])
						memcpy((char *) out + elem * m++, aux + elem * i, elem);
				free(in);
				*nout = m;
			}
			break;
		case MT_SET_INTERSECT:
		case MT_SET_XOR:
			st = unique_or_copy(a, na, dtype, assume_unique, aux, &ua,
								poll, poll_arg);
			if (st == MT_OK)
				st = unique_or_copy(b, nb, dtype, assume_unique,
									aux + elem * ua, &ub, poll, poll_arg);
			if (st == MT_OK)
				st = mt_sort_lanes(aux, dtype, 1, ua + ub, 1, poll, poll_arg);
			if (st != MT_OK)
				break;
			for (int64_t i = 0; i < ua + ub; i++)
			{
				bool		keep;

				if (op == MT_SET_INTERSECT)
					keep = i + 1 < ua + ub && numpy_equal(aux, dtype, i, i + 1);
				else
					keep = (i == 0 || !numpy_equal(aux, dtype, i - 1, i)) &&
						(i + 1 == ua + ub || !numpy_equal(aux, dtype, i, i + 1));
				if (keep)
					memcpy((char *) out + elem * m++, aux + elem * i, elem);
			}
			*nout = m;
			break;
		default:
			st = MT_ERR_SHAPE;
			break;
	}
	free(aux);
	return st;
}

MtStatus
mt_intersect_indices(const void *a, int64_t na, const void *b, int64_t nb,
					 MtDtype dtype, bool assume_unique, void *out,
					 int64_t *ia, int64_t *ib, int64_t *nout,
					 MtPollFn poll, void *poll_arg)
{
	size_t		elem = mt_dtype_size(dtype);
	int64_t		room = na + nb > 0 ? na + nb : 1;
	char	   *aux = malloc(elem * room);
	int64_t    *first = malloc(sizeof(int64_t) * room);
	int64_t    *perm = malloc(sizeof(int64_t) * room);
	int64_t		ua = na,
				ub = nb,
				m = 0;
	MtStatus	st = MT_OK;

	*nout = 0;
	if (aux == NULL || first == NULL || perm == NULL)
		st = MT_ERR_MEMORY;
	else if (assume_unique)
	{
		memcpy(aux, a, elem * na);
		memcpy(aux + elem * na, b, elem * nb);
	}
	else
	{
		/* numpy: the unique values of each, with their first indices */
		st = mt_unique(a, dtype, na, aux, &ua, first, NULL, NULL, poll, poll_arg);
		if (st == MT_OK)
			st = mt_unique(b, dtype, nb, aux + elem * ua, &ub, first + ua,
						   NULL, NULL, poll, poll_arg);
	}
	if (st == MT_OK)
		st = mt_argsort_lanes(aux, dtype, 1, ua + ub, 1, false, perm,
							  poll, poll_arg);
	for (int64_t i = 0; st == MT_OK && i + 1 < ua + ub; i++)
	{
		int64_t		p = perm[i],
					q = perm[i + 1];

		/* numpy: aux[1:] == aux[:-1], sorted; the pair's second is b's */
		if (mt_sort_key_equal(aux, p, aux, q, dtype) &&
			!mt_element_isnan(aux, dtype, p))
		{
			memcpy((char *) out + elem * m, aux + elem * p, elem);
			ia[m] = assume_unique ? p : first[p];
			ib[m] = assume_unique ? q - ua : first[q];
			m++;
		}
	}
	*nout = m;
	free(aux);
	free(first);
	free(perm);
	return st;
}
