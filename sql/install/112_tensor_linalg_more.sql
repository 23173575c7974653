-- More of numpy.linalg: general eigenproblems, trace, matrix powers,
-- products of several matrices, condition numbers, the array API's norms.

CREATE FUNCTION marsql.eig(a marsql.tensor, OUT w marsql.tensor, OUT v marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_eig'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.eig(marsql.tensor) IS
	'eigenvalues and right eigenvectors (columns of v) of a general square matrix (geev); complex unless every eigenvalue of a real input is real';

CREATE FUNCTION marsql.eigvals(a marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_eigvals'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.eigvals(marsql.tensor) IS
	'eigenvalues of a general square matrix (geev); complex unless every eigenvalue of a real input is real';
