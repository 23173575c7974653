-- numpy.linalg on LAPACK: the last two axes are the matrix, leading axes a stack.

CREATE FUNCTION marsql.inv(a marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_inv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.inv(marsql.tensor) IS
	'inverse of each square matrix (LU)';

CREATE FUNCTION marsql.det(a marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_det'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.det(marsql.tensor) IS
	'determinant of each square matrix, as a tensor of the stack shape';

CREATE FUNCTION marsql.slogdet(a marsql.tensor, OUT sign marsql.tensor, OUT logabsdet marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_slogdet'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.slogdet(marsql.tensor) IS
	'sign and natural log of the absolute determinant (no overflow)';

CREATE FUNCTION marsql.solve(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_solve'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.solve(marsql.tensor, marsql.tensor) IS
	'x with a x = b for square, non-singular a; stacks broadcast';

CREATE FUNCTION marsql.lstsq(a marsql.tensor, b marsql.tensor, rcond double precision DEFAULT NULL,
							 OUT x marsql.tensor, OUT residuals marsql.tensor, OUT rank integer, OUT s marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_lstsq'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.lstsq(marsql.tensor, marsql.tensor, double precision) IS
	'least-squares solution of a x = b (SVD, gelsd) with residuals, rank and singular values';

CREATE FUNCTION marsql.svd(a marsql.tensor, full_matrices boolean DEFAULT true,
						   OUT u marsql.tensor, OUT s marsql.tensor, OUT vt marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_svd'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.svd(marsql.tensor, boolean) IS
	'singular value decomposition a = u diag(s) vt (gesdd)';

CREATE FUNCTION marsql.svdvals(a marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_svdvals'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.svdvals(marsql.tensor) IS
	'singular values of each matrix, descending';

CREATE FUNCTION marsql.qr(a marsql.tensor, mode text DEFAULT 'reduced', OUT q marsql.tensor, OUT r marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_qr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.qr(marsql.tensor, text) IS
	'QR decomposition (geqrf, orgqr); mode reduced or complete';

CREATE FUNCTION marsql.cholesky(a marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_cholesky'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.cholesky(marsql.tensor) IS
	'lower-triangular l with a = l l^T for symmetric positive definite a';

CREATE FUNCTION marsql.eigh(a marsql.tensor, uplo text DEFAULT 'L', OUT w marsql.tensor, OUT v marsql.tensor)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_eigh'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.eigh(marsql.tensor, text) IS
	'eigenvalues (ascending) and eigenvectors (columns of v) of a symmetric matrix (syevd)';

CREATE FUNCTION marsql.eigvalsh(a marsql.tensor, uplo text DEFAULT 'L')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_eigvalsh'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.eigvalsh(marsql.tensor, text) IS
	'eigenvalues (ascending) of a symmetric matrix';

CREATE FUNCTION marsql.pinv(a marsql.tensor, rcond double precision DEFAULT 1e-15)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_pinv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.pinv(marsql.tensor, double precision) IS
	'Moore-Penrose pseudo-inverse by SVD, singular values below rcond * max(s) cut';

CREATE FUNCTION marsql.matrix_rank(a marsql.tensor, tol double precision DEFAULT NULL)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'tensor_matrix_rank'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.matrix_rank(marsql.tensor, double precision) IS
	'number of singular values above tol (default max(s) * max(M, N) * eps) of a 2-D tensor';
