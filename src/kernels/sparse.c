/*
 * sparse.c
 *	  CSR construction, densification, products and sums (see sparse.h).
 */
#include "sparse.h"

#include <string.h>

#include "elements.h"

size_t
mt_csr_data_bytes(int64_t rows, int64_t nnz, MtDtype dtype)
{
	uint64_t	bytes = 8 + 8 * ((uint64_t) rows + 1);

	bytes += 4 * (uint64_t) nnz;
	bytes = (bytes + 7) & ~(uint64_t) 7;
	bytes += mt_dtype_size(dtype) * (uint64_t) nnz;
	return bytes + MT_HEADER_BYTES(2) > MT_MAX_VALUE_BYTES ? 0 : (size_t) bytes;
}

void
mt_csr_attach(MtCsr *csr, void *data, int64_t rows, int64_t cols, MtDtype dtype)
{
	char	   *p = (char *) data;
	size_t		off;

	(void) dtype;
	csr->rows = rows;
	csr->cols = cols;
	memcpy(&csr->nnz, p, 8);
	csr->indptr = (int64_t *) (p + 8);
	csr->indices = (int32_t *) (p + 8 + 8 * (rows + 1));
	off = 8 + 8 * (size_t) (rows + 1) + 4 * (size_t) csr->nnz;
	off = (off + 7) & ~(size_t) 7;
	csr->values = p + off;
}

int64_t
mt_dense_count_nonzero(const void *dense, MtDtype dtype, int64_t count)
{
	int64_t		nnz = 0;

	for (int64_t i = 0; i < count; i++)
		nnz += mt_load(dense, dtype, i) != 0.0;
	return nnz;
}

void
mt_csr_from_dense(MtCsr *csr, const void *dense, MtDtype dtype)
{
	int64_t		k = 0;
	size_t		elem = mt_dtype_size(dtype);

	csr->indptr[0] = 0;
	for (int64_t i = 0; i < csr->rows; i++)
	{
		for (int64_t j = 0; j < csr->cols; j++)
		{
			int64_t		at = i * csr->cols + j;

			if (mt_load(dense, dtype, at) != 0.0)
			{
				csr->indices[k] = (int32_t) j;
				memcpy((char *) csr->values + k * elem,
					   (const char *) dense + at * elem, elem);
				k++;
			}
		}
		csr->indptr[i + 1] = k;
	}
}

void
mt_csr_to_dense(const MtCsr *csr, MtDtype dtype, void *dense)
{
	size_t		elem = mt_dtype_size(dtype);

	for (int64_t i = 0; i < csr->rows; i++)
		for (int64_t k = csr->indptr[i]; k < csr->indptr[i + 1]; k++)
			memcpy((char *) dense + (i * csr->cols + csr->indices[k]) * elem,
				   (const char *) csr->values + k * elem, elem);
}

MtStatus
mt_csr_matmul_dense(const MtCsr *csr, MtDtype dtype, const void *b, int64_t n,
					void *out, MtPollFn poll, void *poll_arg)
{
	int64_t		since_poll = 0;

	for (int64_t i = 0; i < csr->rows; i++)
	{
		for (int64_t k = csr->indptr[i]; k < csr->indptr[i + 1]; k++)
		{
			int64_t		j = csr->indices[k];

			if (dtype == MT_FLOAT32)
			{
				float		v = ((const float *) csr->values)[k];
				const float *brow = (const float *) b + j * n;
				float	   *orow = (float *) out + i * n;

				for (int64_t c = 0; c < n; c++)
					orow[c] += v * brow[c];
			}
			else
			{
				double		v = ((const double *) csr->values)[k];
				const double *brow = (const double *) b + j * n;
				double	   *orow = (double *) out + i * n;

				for (int64_t c = 0; c < n; c++)
					orow[c] += v * brow[c];
			}
			since_poll += n;
		}
		if (since_poll >= ((int64_t) 1 << 22))
		{
			if (poll != NULL && poll(poll_arg))
				return MT_ERR_CANCELED;
			since_poll = 0;
		}
	}
	return MT_OK;
}

void
mt_csr_sum(const MtCsr *csr, MtDtype dtype, int axis, double *out)
{
	int64_t		n = axis == 0 ? csr->cols : (axis == 1 ? csr->rows : 1);

	memset(out, 0, sizeof(double) * (n > 0 ? n : 1));
	for (int64_t i = 0; i < csr->rows; i++)
		for (int64_t k = csr->indptr[i]; k < csr->indptr[i + 1]; k++)
		{
			double		v = mt_load(csr->values, dtype, k);

			out[axis == 0 ? csr->indices[k] : (axis == 1 ? i : 0)] += v;
		}
}

MtStatus
mt_csr_validate(const MtCsr *csr, MtDtype dtype, MtError *err)
{
	if (csr->indptr[0] != 0 || csr->indptr[csr->rows] != csr->nnz)
	{
		mt_error_set(err, MT_ERR_SHAPE, 0,
					 "Row pointers must run from 0 to the number of entries (%lld).",
					 (long long) csr->nnz);
		return err->status;
	}
	for (int64_t i = 0; i < csr->rows; i++)
	{
		if (csr->indptr[i + 1] < csr->indptr[i])
		{
			mt_error_set(err, MT_ERR_SHAPE, 0,
						 "Row pointers decrease at row %lld.", (long long) i);
			return err->status;
		}
		for (int64_t k = csr->indptr[i]; k < csr->indptr[i + 1]; k++)
		{
			if (csr->indices[k] < 0 || csr->indices[k] >= csr->cols ||
				(k > csr->indptr[i] && csr->indices[k] <= csr->indices[k - 1]))
			{
				mt_error_set(err, MT_ERR_SHAPE, 0,
							 "Entry (%lld, %d) is out of range or out of order.",
							 (long long) i, (int) csr->indices[k]);
				return err->status;
			}
			if (mt_load(csr->values, dtype, k) == 0.0)
			{
				mt_error_set(err, MT_ERR_SHAPE, 0,
							 "Entry (%lld, %d) stores a zero.",
							 (long long) i, (int) csr->indices[k]);
				return err->status;
			}
		}
	}
	return MT_OK;
}
