-- numpy.einsum (test/numpy/checks/einsum.py checks the values against
-- numpy over every dtype, mixed dtypes, ellipsis forms and errors).
SET search_path = marsql, public;
SET extra_float_digits = 0;

-- trace, diagonal, sums, transpose (numpy's docstring examples)
SELECT einsum('ii', '[[0,1,2],[3,4,5],[6,7,8]]'::tensor) AS trace,
	   einsum('ii->i', '[[0,1,2],[3,4,5],[6,7,8]]'::tensor) AS diag,
	   einsum('ij->i', '[[0,1,2],[3,4,5]]'::tensor) AS rowsum,
	   einsum('ji', '[[0,1,2],[3,4,5]]'::tensor) AS transposed;
SELECT einsum('...j->...', '[[0,1,2],[3,4,5]]'::tensor), einsum('ij->', '[[1,2],[3,4]]'::tensor);

-- inner, outer, matrix products, a scalar operand
SELECT einsum('i,i', '[1,2,3]'::tensor, '[4,5,6]'::tensor) AS inner,
	   einsum('i,j', '[1,2]'::tensor, '[3,4,5]'::tensor) AS outer;
SELECT einsum('ij,jk->ik', '[[1,2],[3,4]]'::tensor, '[[5,6],[7,8]]'::tensor),
	   einsum('ij,jk', '[[1,2],[3,4]]'::tensor, '[[5,6],[7,8]]'::tensor);
SELECT einsum('bij,bjk->bik', '[[[1,0],[0,1]],[[2,0],[0,2]]]'::tensor, '[[[1,2],[3,4]],[[1,2],[3,4]]]'::tensor);
SELECT einsum(',ij', '3'::tensor, '[[1,2],[3,4]]'::tensor), einsum('', '5'::tensor);
SELECT einsum('ab,bc,cd->ad', '[[1,2],[3,4]]'::tensor, '[[1,0],[0,1]]'::tensor, '[[0,1],[1,0]]'::tensor);

-- ellipsis broadcasting, spaces, upper case (implicit order is ASCII)
SELECT einsum('...ij,...jk->...ik', '[[[1,2],[3,4]],[[5,6],[7,8]]]'::tensor, '[[1,0],[0,1]]'::tensor);
SELECT einsum(' i j -> j i ', '[[1,2,3]]'::tensor), einsum('Ba', '[[1,2,3],[4,5,6]]'::tensor);
SELECT einsum('...,...', '[1,2,3]'::tensor, '[[1],[10]]'::tensor), einsum('i,i', '[1,2,3]'::tensor, '[2]'::tensor);

-- dtypes: promotion, exact wrapping integers, bool, float16, complex
SELECT einsum('i,i', 'int8:[100,100,100]'::tensor, 'int8:[3,3,3]'::tensor) AS int8_wraps,
	   einsum('i,i', 'uint8:[200,200]'::tensor, 'uint8:[3,3]'::tensor) AS uint8_wraps,
	   einsum('i,i', 'int64:[4611686018427387904,4611686018427387904]'::tensor, 'int64:[2,2]'::tensor) AS int64_wraps;
SELECT einsum('ij,jk->ik', 'bool:[[true,false],[false,false]]'::tensor, 'bool:[[true,true],[true,false]]'::tensor);
SELECT einsum('i,i', 'int8:[1,2]'::tensor, 'uint8:[3,4]'::tensor) AS r, dtype(einsum('i,i', 'int8:[1,2]'::tensor, 'uint8:[3,4]'::tensor));
SELECT einsum('i,i', 'float16:[0.5,1.5]'::tensor, 'float16:[2,2]'::tensor) AS r, dtype(einsum('i,i', 'float16:[0.5,1.5]'::tensor, 'float32:[2,2]'::tensor));
SELECT einsum('i,i', 'complex128:[1+2j,3-1j]'::tensor, 'complex128:[2-1j,1j]'::tensor),
	   einsum('ij->j', 'complex64:[[1+1j,2],[3,4-1j]]'::tensor);
SELECT dtype(einsum('i,i', 'int64:[1]'::tensor, 'float32:[1]'::tensor)),
	   dtype(einsum('i,i', 'float64:[1]'::tensor, 'complex64:[1]'::tensor)),
	   einsum('i,i', '[1,NaN]'::tensor, '[1,2]'::tensor) AS nan;

-- two float or complex operands forming a tensordot run as one BLAS gemm;
-- the strided loop (diagonal, batch index) gives the same values
SELECT einsum('ij,jk->ki', 'float32:[[1,2],[3,4]]'::tensor, 'float32:[[5,6],[7,8]]'::tensor) AS gemm,
	   einsum('ij,jk->ki', 'int32:[[1,2],[3,4]]'::tensor, 'int32:[[5,6],[7,8]]'::tensor) AS loop;
SELECT einsum('ij,jk->ik', 'complex128:[[1+1j,2],[3,4-2j]]'::tensor, 'complex128:[[1j,1],[1,0]]'::tensor) AS gemm,
	   einsum('bij,bjk->bik', 'complex128:[[[1+1j,2],[3,4-2j]]]'::tensor, 'complex128:[[[1j,1],[1,0]]]'::tensor) AS loop;
SELECT einsum('abc,cbd->ad', reshape(arange(24), ARRAY[2,3,4]), reshape(arange(60), ARRAY[4,3,5])) =
	   tensordot(reshape(arange(24), ARRAY[2,3,4]), reshape(arange(60), ARRAY[4,3,5]), ARRAY[1,2], ARRAY[1,0]) AS same;

-- three or more float/complex operands are contracted two at a time
-- (left to right); integers take the single loop: same values
SELECT einsum('ab,bc,cd->ad', '[[1,2],[3,4]]'::tensor, '[[1,0],[2,1]]'::tensor, '[[0,1],[1,1]]'::tensor) AS pairwise,
	   einsum('ab,bc,cd->ad', 'int64:[[1,2],[3,4]]'::tensor, 'int64:[[1,0],[2,1]]'::tensor, 'int64:[[0,1],[1,1]]'::tensor) AS loop;
SELECT einsum('ii,ij,j->', '[[1,2],[3,4]]'::tensor, '[[1,1],[1,1]]'::tensor, '[1,2]'::tensor) AS trace_chain;

-- empty extents and 0-d operands
SELECT einsum('ij,jk->ik', 'float64(2,0):[]'::tensor, 'float64(0,3):[]'::tensor) AS zeros,
	   einsum('ij->ji', 'int32(0,3):[]'::tensor) AS empty,
	   einsum(',', 'int64:7'::tensor, 'int64:6'::tensor) AS scalar;

-- errors, as numpy raises them
SELECT einsum('i', '[1,2]'::tensor, '[1,2]'::tensor);
SELECT einsum('i,i', '[1,2]'::tensor);
SELECT einsum('i1', '[[1,2],[3,4]]'::tensor);
SELECT einsum('..i', '[1,2]'::tensor);
SELECT einsum('ijk', '[[1,2],[3,4]]'::tensor);
SELECT einsum('i', '[[1,2],[3,4]]'::tensor);
SELECT einsum('ij->ik', '[[1,2],[3,4]]'::tensor);
SELECT einsum('i->ii', '[1,2]'::tensor);
SELECT einsum('ii->i', '[[1,2,3],[4,5,6]]'::tensor);
SELECT einsum('ij,jk->ik', '[[1,2,3]]'::tensor, '[[1],[2]]'::tensor);
SELECT einsum('...i->i', '[[1,2],[3,4]]'::tensor);
SELECT einsum('i-i', '[1,2]'::tensor);
SELECT einsum('i->i->i', '[1,2]'::tensor);
SELECT einsum('i,j->i,j', '[1,2]'::tensor, '[1,2]'::tensor);
SELECT einsum('...,...', '[1,2,3]'::tensor, '[1,2]'::tensor);
SELECT einsum('i', VARIADIC ARRAY[]::tensor[]);
SELECT einsum('i', VARIADIC ARRAY['[1]'::tensor, NULL]);
SELECT einsum('ij', VARIADIC ARRAY[['[1]'::tensor],['[2]'::tensor]]);
SELECT einsum('i', VARIADIC array_fill('[1]'::tensor, ARRAY[33]));
SELECT einsum('i', VARIADIC NULL::tensor[]) IS NULL AS strict, einsum(NULL, '[1]'::tensor) IS NULL AS strict_subscripts;
-- the loop polls for cancels (8e9 products of int64 operands)
SET statement_timeout = '200ms';
SELECT einsum('i,j,k->', arange(2000, dtype => 'int64'), arange(2000, dtype => 'int64'), arange(2000, dtype => 'int64'));
RESET statement_timeout;
-- a result over one value's limit
SELECT einsum('i,j,k->ijk', zeros(ARRAY[2000]), zeros(ARRAY[2000]), zeros(ARRAY[2000]));
