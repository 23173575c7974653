-- Sparse (CSR) tensors: a header flag on the same marsql.tensor type.

CREATE FUNCTION marsql.sparse(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sparse'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.sparse(marsql.tensor) IS
	'the 2-D tensor in compressed sparse row (CSR) form, storing its nonzero elements only';

CREATE FUNCTION marsql.dense(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_dense'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.dense(marsql.tensor) IS 'the dense form of a (possibly sparse) tensor';

CREATE FUNCTION marsql.nnz(t marsql.tensor)
	RETURNS bigint
	AS 'MODULE_PATHNAME', 'tensor_nnz'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nnz(marsql.tensor) IS
	'number of nonzero elements (stored entries of a sparse tensor)';

CREATE FUNCTION marsql.is_sparse(t marsql.tensor)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'tensor_is_sparse'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.is_sparse(marsql.tensor) IS 'whether the tensor is stored in CSR form';
