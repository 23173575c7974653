/*
 * fuzz_text.c
 *	  libFuzzer target for the tensor text parser (src/kernels/tensor_text.c),
 *	  built outside the server.  Invariants checked on every input: the scan
 *	  never reads past the terminator, a successful scan's shape passes
 *	  mt_shape_check and holds exactly `count` elements, and filling then
 *	  encoding and decoding the binary form gives the same bytes back.
 *	  Sparse literals ("csr(...):{...}", src/kernels/sparse_text.c): a
 *	  literal the checking pass accepts fills without error (beyond range)
 *	  and the filled CSR passes mt_csr_validate.
 */
#include <stdlib.h>
#include <string.h>

#include "kernels/sparse_text.h"
#include "kernels/tensor_binary.h"
#include "kernels/tensor_text.h"

/* keeps each run's memory small: literals are at most a few KB here */
#define FUZZ_MAX_ELEMENTS (1 << 20)

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
			void	   *values = malloc((size_t) count * 8 + 8);

			if (count != shape.count)
				abort();
			if (mt_text_fill(input, &shape, dtype, values, &err) == MT_OK)
			{
				int32_t		dims[MT_MAX_DIMS];
				size_t		len = mt_binary_size(shape.ndim, dtype, count);
				uint8_t    *encoded = malloc(len);
				MtBinaryHeader header;

				for (int i = 0; i < shape.ndim; i++)
					dims[i] = (int32_t) shape.dims[i];
				mt_binary_encode(dtype, shape.ndim, dims, count, values, encoded);
				if (mt_binary_decode_header(encoded, len, &header, &err) != MT_OK ||
					header.count != count || header.ndim != shape.ndim)
					abort();
				free(encoded);
			}
			else if (err.status != MT_ERR_RANGE)
				abort();		/* the scan accepted every token */
			free(values);
		}
	}
	else if (err.status == MT_OK)
		abort();
	free(input);
	return 0;
}
