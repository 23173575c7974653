-- tensor OP bigint and bigint OP tensor: the comparisons of a size-1 tensor
-- with a bigint, exact for tensors of the integer dtypes (a bigint beyond
-- 2^53 would round through the double precision forms of 050); floats
-- compare as the double precision forms do.

CREATE FUNCTION marsql.tensor_int8_eq(marsql.tensor, bigint) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.int8_tensor_eq(bigint, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_int8_eq(marsql.tensor, bigint) IS
	'size-1 tensor equal to a bigint (exact for integer dtypes)';
COMMENT ON FUNCTION marsql.int8_tensor_eq(bigint, marsql.tensor) IS
	'bigint equal to a size-1 tensor (exact for integer dtypes)';

CREATE FUNCTION marsql.tensor_int8_ne(marsql.tensor, bigint) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.int8_tensor_ne(bigint, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_int8_ne(marsql.tensor, bigint) IS
	'size-1 tensor not equal to a bigint (exact for integer dtypes)';
COMMENT ON FUNCTION marsql.int8_tensor_ne(bigint, marsql.tensor) IS
	'bigint not equal to a size-1 tensor (exact for integer dtypes)';

CREATE FUNCTION marsql.tensor_int8_lt(marsql.tensor, bigint) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.int8_tensor_lt(bigint, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_int8_lt(marsql.tensor, bigint) IS
	'size-1 tensor less than a bigint (exact for integer dtypes)';
COMMENT ON FUNCTION marsql.int8_tensor_lt(bigint, marsql.tensor) IS
	'bigint less than a size-1 tensor (exact for integer dtypes)';

CREATE FUNCTION marsql.tensor_int8_le(marsql.tensor, bigint) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.int8_tensor_le(bigint, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_int8_le(marsql.tensor, bigint) IS
	'size-1 tensor less than or equal to a bigint (exact for integer dtypes)';
COMMENT ON FUNCTION marsql.int8_tensor_le(bigint, marsql.tensor) IS
	'bigint less than or equal to a size-1 tensor (exact for integer dtypes)';

CREATE FUNCTION marsql.tensor_int8_gt(marsql.tensor, bigint) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.int8_tensor_gt(bigint, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_int8_gt(marsql.tensor, bigint) IS
	'size-1 tensor greater than a bigint (exact for integer dtypes)';
COMMENT ON FUNCTION marsql.int8_tensor_gt(bigint, marsql.tensor) IS
	'bigint greater than a size-1 tensor (exact for integer dtypes)';

CREATE FUNCTION marsql.tensor_int8_ge(marsql.tensor, bigint) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.int8_tensor_ge(bigint, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_int8_ge(marsql.tensor, bigint) IS
	'size-1 tensor greater than or equal to a bigint (exact for integer dtypes)';
COMMENT ON FUNCTION marsql.int8_tensor_ge(bigint, marsql.tensor) IS
	'bigint greater than or equal to a size-1 tensor (exact for integer dtypes)';

CREATE OPERATOR marsql.= (
	LEFTARG = marsql.tensor, RIGHTARG = bigint,
	FUNCTION = marsql.tensor_int8_eq, COMMUTATOR = OPERATOR(marsql.=),
	NEGATOR = OPERATOR(marsql.<>)
);
CREATE OPERATOR marsql.= (
	LEFTARG = bigint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.int8_tensor_eq, COMMUTATOR = OPERATOR(marsql.=),
	NEGATOR = OPERATOR(marsql.<>)
);
COMMENT ON OPERATOR marsql.= (marsql.tensor, bigint) IS 'size-1 tensor equal to a bigint';
COMMENT ON OPERATOR marsql.= (bigint, marsql.tensor) IS 'bigint equal to a size-1 tensor';

CREATE OPERATOR marsql.<> (
	LEFTARG = marsql.tensor, RIGHTARG = bigint,
	FUNCTION = marsql.tensor_int8_ne, COMMUTATOR = OPERATOR(marsql.<>),
	NEGATOR = OPERATOR(marsql.=)
);
CREATE OPERATOR marsql.<> (
	LEFTARG = bigint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.int8_tensor_ne, COMMUTATOR = OPERATOR(marsql.<>),
	NEGATOR = OPERATOR(marsql.=)
);
COMMENT ON OPERATOR marsql.<> (marsql.tensor, bigint) IS 'size-1 tensor not equal to a bigint';
COMMENT ON OPERATOR marsql.<> (bigint, marsql.tensor) IS 'bigint not equal to a size-1 tensor';

CREATE OPERATOR marsql.< (
	LEFTARG = marsql.tensor, RIGHTARG = bigint,
	FUNCTION = marsql.tensor_int8_lt, COMMUTATOR = OPERATOR(marsql.>),
	NEGATOR = OPERATOR(marsql.>=)
);
CREATE OPERATOR marsql.< (
	LEFTARG = bigint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.int8_tensor_lt, COMMUTATOR = OPERATOR(marsql.>),
	NEGATOR = OPERATOR(marsql.>=)
);
COMMENT ON OPERATOR marsql.< (marsql.tensor, bigint) IS 'size-1 tensor less than a bigint';
COMMENT ON OPERATOR marsql.< (bigint, marsql.tensor) IS 'bigint less than a size-1 tensor';

CREATE OPERATOR marsql.<= (
	LEFTARG = marsql.tensor, RIGHTARG = bigint,
	FUNCTION = marsql.tensor_int8_le, COMMUTATOR = OPERATOR(marsql.>=),
	NEGATOR = OPERATOR(marsql.>)
);
CREATE OPERATOR marsql.<= (
	LEFTARG = bigint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.int8_tensor_le, COMMUTATOR = OPERATOR(marsql.>=),
	NEGATOR = OPERATOR(marsql.>)
);
COMMENT ON OPERATOR marsql.<= (marsql.tensor, bigint) IS 'size-1 tensor less than or equal to a bigint';
COMMENT ON OPERATOR marsql.<= (bigint, marsql.tensor) IS 'bigint less than or equal to a size-1 tensor';

CREATE OPERATOR marsql.> (
	LEFTARG = marsql.tensor, RIGHTARG = bigint,
	FUNCTION = marsql.tensor_int8_gt, COMMUTATOR = OPERATOR(marsql.<),
	NEGATOR = OPERATOR(marsql.<=)
);
CREATE OPERATOR marsql.> (
	LEFTARG = bigint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.int8_tensor_gt, COMMUTATOR = OPERATOR(marsql.<),
	NEGATOR = OPERATOR(marsql.<=)
);
COMMENT ON OPERATOR marsql.> (marsql.tensor, bigint) IS 'size-1 tensor greater than a bigint';
COMMENT ON OPERATOR marsql.> (bigint, marsql.tensor) IS 'bigint greater than a size-1 tensor';

CREATE OPERATOR marsql.>= (
	LEFTARG = marsql.tensor, RIGHTARG = bigint,
	FUNCTION = marsql.tensor_int8_ge, COMMUTATOR = OPERATOR(marsql.<=),
	NEGATOR = OPERATOR(marsql.<)
);
CREATE OPERATOR marsql.>= (
	LEFTARG = bigint, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.int8_tensor_ge, COMMUTATOR = OPERATOR(marsql.<=),
	NEGATOR = OPERATOR(marsql.<)
);
COMMENT ON OPERATOR marsql.>= (marsql.tensor, bigint) IS 'size-1 tensor greater than or equal to a bigint';
COMMENT ON OPERATOR marsql.>= (bigint, marsql.tensor) IS 'bigint greater than or equal to a size-1 tensor';
