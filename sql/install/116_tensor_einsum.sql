-- numpy.einsum: Einstein summation over any number of tensors of any
-- dtype, in explicit ('ij,jk->ik') or implicit ('ij,jk') mode, with
-- repeated labels (diagonals, trace) and '...' broadcasting.  The result
-- dtype is numpy's promotion of the operands; sums of products are
-- accumulated in int64 (wrapping, as numpy), double or complex double.

CREATE FUNCTION marsql.einsum(subscripts text, VARIADIC operands marsql.tensor[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_einsum'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.einsum(text, marsql.tensor[]) IS
	'Einstein summation convention on the operands (numpy.einsum)';
