-- Matrix and tensor products on the BLAS dispatch table.  Every dtype:
-- the result has numpy's promoted dtype (float16 computed in float32,
-- complex by cgemm/zgemm, bool and integers exactly with wrapping).

CREATE FUNCTION marsql.blas_info(OUT device text, OUT library text, OUT config text,
								 OUT blas_threads integer, OUT library_threads integer)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_blas_info'
	LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.blas_info() IS
	'the BLAS this backend loaded: device, library file, build configuration, marsql.blas_threads and the threads the library uses now';

CREATE FUNCTION marsql.matmul(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_matmul_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.matmul(marsql.tensor, marsql.tensor) IS
	'matrix product as numpy.matmul: 1-D operands promoted, leading batch axes broadcast';

CREATE FUNCTION marsql.dot(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_dot'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.dot(marsql.tensor, marsql.tensor) IS
	'numpy.dot: sum over the last axis of a and the second-to-last of b';

CREATE FUNCTION marsql.vdot(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_vdot'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.vdot(marsql.tensor, marsql.tensor) IS
	'numpy.vdot: both flattened, the sum of conj(a) times b, as a 0-d tensor';

CREATE FUNCTION marsql.inner(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_inner'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.inner(marsql.tensor, marsql.tensor) IS
	'numpy.inner: sum over the last axes of a and b';

CREATE FUNCTION marsql.outer(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_outer'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.outer(marsql.tensor, marsql.tensor) IS
	'numpy.outer: every product of the flattened a and b, as a matrix';

CREATE FUNCTION marsql.kron(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_kron'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.kron(marsql.tensor, marsql.tensor) IS
	'numpy.kron: the Kronecker product, blocks of b scaled by each element of a';

CREATE FUNCTION marsql.tensordot(a marsql.tensor, b marsql.tensor, axes integer DEFAULT 2)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_tensordot_n'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensordot(marsql.tensor, marsql.tensor, integer) IS
	'numpy.tensordot: sum over the last axes axes of a and the first of b';

CREATE FUNCTION marsql.tensordot(a marsql.tensor, b marsql.tensor,
								 axes_a integer[], axes_b integer[])
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_tensordot_axes'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensordot(marsql.tensor, marsql.tensor, integer[], integer[]) IS
	'numpy.tensordot: sum over axes_a of a paired with axes_b of b';
