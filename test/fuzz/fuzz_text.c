/*
 * fuzz_text.c
 *	  libFuzzer target for the tensor text parser (src/kernels/tensor_text.c),
 *	  built outside the server.  Invariants checked on every input: the scan
 *	  never reads past the terminator, a successful scan's shape passes
 *	  mt_shape_check and holds exactly `count` elements, and filling then
 *	  encoding and decoding the binary form gives the same bytes back.
 *	  Every literal is also filled as each of the eleven dtypes (as a
 *	  column's type modifier would choose): the fill either succeeds, and
 *	  then the binary form decodes to the same bytes, or fails with a
 *	  syntax or range error only (a form that dtype does not take), and an
 *	  int64 fill that succeeds agrees with the float64 fill wherever the
 *	  value is below 2^53.
 *	  Sparse literals ("csr(...):{...}", src/kernels/sparse_text.c): a
 *	  literal the checking pass accepts fills without error (beyond range)
 *	  and the filled CSR passes mt_csr_validate.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/sparse_text.h"
#include "kernels/tensor_binary.h"
#include "kernels/tensor_text.h"

/* keeps each run's memory small: literals are at most a few KB here */
#define FUZZ_MAX_ELEMENTS (1 << 20)

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Encodes filled values in the binary format: they decode to the same bytes. */
static void
check_binary(const MtTextShape *shape, MtDtype dtype, int64_t count,
			 const void *values)
{
	int32_t		dims[MT_MAX_DIMS];
	size_t		len = mt_binary_size(shape->ndim, dtype, count);
	uint8_t    *encoded = malloc(len);
	void	   *back = malloc((size_t) count * mt_dtype_size(dtype) + 1);
	MtBinaryHeader header;
	MtError		err;

	for (int i = 0; i < shape->ndim; i++)
		dims[i] = (int32_t) shape->dims[i];
	mt_binary_encode(dtype, shape->ndim, dims, count, values, encoded);
	if (mt_binary_decode_header(encoded, len, &header, &err) != MT_OK ||
		header.count != count || header.ndim != shape->ndim ||
		header.dtype != dtype)
		abort();
	mt_binary_decode_data(encoded + header.data_offset, dtype, count, back);
	if (memcmp(back, values, (size_t) count * mt_dtype_size(dtype)) != 0)
		abort();
	free(back);
	free(encoded);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *input = malloc(size + 1);
	MtTextShape shape;
	MtError		err;

	memcpy(input, data, size);
	input[size] = '\0';
	if (mt_csr_text_is_csr(input))
	{
		int64_t		rows,
					cols,
					nnz;
		MtDtype		dtype;

		if (mt_csr_text_parse(input, &rows, &cols, &dtype, &nnz, NULL,
							  MT_FLOAT64, &err) == MT_OK)
		{
			MtDtype		fill = dtype != MT_DTYPE_INVALID ? dtype : MT_FLOAT64;
			size_t		bytes = mt_csr_data_bytes(rows, nnz, fill);

			if (nnz > (int64_t) size)
				abort();		/* each entry takes several characters */
			/* bytes == 0: too large for one value, refused with 54000 */
			if (bytes != 0 && rows <= FUZZ_MAX_ELEMENTS)
			{
				void	   *area = calloc(1, bytes);
				MtCsr		csr;

				memcpy(area, &nnz, 8);
				mt_csr_attach(&csr, area, rows, cols, fill);
				if (mt_csr_text_parse(input, &rows, &cols, &dtype, &nnz, &csr,
									  fill, &err) == MT_OK)
				{
					if (mt_csr_validate(&csr, fill, &err) != MT_OK)
						abort();
				}
				else if (err.status != MT_ERR_RANGE)
					abort();
				free(area);
			}
		}
		else if (err.status == MT_OK)
			abort();
	}
	else if (mt_text_scan(input, &shape, &err) == MT_OK)
	{
		MtDtype		dtype = mt_text_dtype(&shape, -1);
		int64_t		count;
		size_t		bytes;

		if (mt_shape_check(shape.ndim, shape.dims, dtype, &count, &bytes,
						   &err) == MT_OK && count <= FUZZ_MAX_ELEMENTS)
		{
			void	   *values = malloc((size_t) count * 16 + 16);
			void	   *as_int64 = malloc((size_t) count * 8 + 8);
			void	   *as_float64 = malloc((size_t) count * 8 + 8);
			bool		int64_ok = false,
						float64_ok = false;

			if (count != shape.count)
				abort();
			/* the literal's own dtype (as tensor_in picks it), then every dtype */
			for (int code = 0; code < MT_DTYPE_LIMIT; code++)
			{
				MtDtype		d = code == 0 ? dtype : (MtDtype) code;

				if (code != 0 && shape.dtype != MT_DTYPE_INVALID)
					break;		/* a header's dtype wins over any column's */
				if (mt_text_fill(input, &shape, d, values, &err) == MT_OK)
					check_binary(&shape, d, count, values);
				else if (err.status != MT_ERR_RANGE &&
						 (err.status != MT_ERR_SYNTAX ||
						  err.detail[0] == '\0'))
					abort();	/* the scan accepted every token */
				if (d == MT_INT64 && code != 0)
				{
					int64_ok = err.status == MT_OK;
					if (int64_ok)
						memcpy(as_int64, values, (size_t) count * 8);
				}
				if (d == MT_FLOAT64 && code != 0)
				{
					float64_ok = err.status == MT_OK;
					if (float64_ok)
						memcpy(as_float64, values, (size_t) count * 8);
				}
			}
			if (int64_ok && float64_ok)
				for (int64_t i = 0; i < count; i++)
				{
					int64_t		iv = ((const int64_t *) as_int64)[i];
					double		dv = ((const double *) as_float64)[i];

					if (iv > -(INT64_C(1) << 53) && iv < (INT64_C(1) << 53) &&
						(double) iv != dv)
						abort();	/* exact and float parsing disagree */
				}
			free(as_int64);
			free(as_float64);
			free(values);
		}
	}
	else if (err.status == MT_OK)
		abort();
	free(input);
	return 0;
}
