-- Equality, ordering, hashing and allclose.

CREATE FUNCTION marsql.tensor_eq(marsql.tensor, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION marsql.tensor_ne(marsql.tensor, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION marsql.tensor_lt(marsql.tensor, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION marsql.tensor_le(marsql.tensor, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION marsql.tensor_gt(marsql.tensor, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION marsql.tensor_ge(marsql.tensor, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION marsql.tensor_cmp(marsql.tensor, marsql.tensor) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION marsql.tensor_hash(marsql.tensor) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION marsql.tensor_hash_extended(marsql.tensor, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION marsql.tensor_eq(marsql.tensor, marsql.tensor) IS
	'same shape and equal elements (NaN = NaN, -0 = 0), whatever the dtypes';
COMMENT ON FUNCTION marsql.tensor_ne(marsql.tensor, marsql.tensor) IS 'not tensor_eq';
COMMENT ON FUNCTION marsql.tensor_lt(marsql.tensor, marsql.tensor) IS 'orders by ndim, shape, then elements';
COMMENT ON FUNCTION marsql.tensor_le(marsql.tensor, marsql.tensor) IS 'orders by ndim, shape, then elements';
COMMENT ON FUNCTION marsql.tensor_gt(marsql.tensor, marsql.tensor) IS 'orders by ndim, shape, then elements';
COMMENT ON FUNCTION marsql.tensor_ge(marsql.tensor, marsql.tensor) IS 'orders by ndim, shape, then elements';
COMMENT ON FUNCTION marsql.tensor_cmp(marsql.tensor, marsql.tensor) IS 'btree support: -1, 0 or 1';
COMMENT ON FUNCTION marsql.tensor_hash(marsql.tensor) IS 'hash support, consistent with =';
COMMENT ON FUNCTION marsql.tensor_hash_extended(marsql.tensor, bigint) IS 'seeded hash support, consistent with =';

CREATE OPERATOR marsql.= (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_eq, COMMUTATOR = OPERATOR(marsql.=),
	NEGATOR = OPERATOR(marsql.<>), RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
CREATE OPERATOR marsql.<> (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_ne, COMMUTATOR = OPERATOR(marsql.<>),
	NEGATOR = OPERATOR(marsql.=), RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR marsql.< (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_lt, COMMUTATOR = OPERATOR(marsql.>),
	NEGATOR = OPERATOR(marsql.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR marsql.<= (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_le, COMMUTATOR = OPERATOR(marsql.>=),
	NEGATOR = OPERATOR(marsql.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR marsql.> (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_gt, COMMUTATOR = OPERATOR(marsql.<),
	NEGATOR = OPERATOR(marsql.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR marsql.>= (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.tensor_ge, COMMUTATOR = OPERATOR(marsql.<=),
	NEGATOR = OPERATOR(marsql.<), RESTRICT = scalargesel, JOIN = scalargejoinsel
);

COMMENT ON OPERATOR marsql.= (marsql.tensor, marsql.tensor) IS 'same shape and equal elements';
COMMENT ON OPERATOR marsql.<> (marsql.tensor, marsql.tensor) IS 'different shape or elements';
COMMENT ON OPERATOR marsql.< (marsql.tensor, marsql.tensor) IS 'less than, by ndim, shape, then elements';
COMMENT ON OPERATOR marsql.<= (marsql.tensor, marsql.tensor) IS 'less than or equal, by ndim, shape, then elements';
COMMENT ON OPERATOR marsql.> (marsql.tensor, marsql.tensor) IS 'greater than, by ndim, shape, then elements';
COMMENT ON OPERATOR marsql.>= (marsql.tensor, marsql.tensor) IS 'greater than or equal, by ndim, shape, then elements';

-- A size-1 tensor compared with a number, as a boolean (tensor_scalar.c):
-- sum(t, NULL) > 2, 2 < sum(t, NULL).  Any other size is 22023, as numpy
-- refuses the truth value of an array of several elements.  Not members of
-- the btree or hash families (tensor = number is not a total order of tensors).
-- No selectivity estimators: eqsel and scalarltsel would call the operator
-- on the column's most common values and histogram, which raises for a
-- column of larger tensors while the query is planned (EXPLAIN included).
CREATE FUNCTION marsql.tensor_float8_eq(marsql.tensor, double precision) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.float8_tensor_eq(double precision, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_float8_eq(marsql.tensor, double precision) IS
	'size-1 tensor equal to a number';
COMMENT ON FUNCTION marsql.float8_tensor_eq(double precision, marsql.tensor) IS
	'number equal to a size-1 tensor';
CREATE FUNCTION marsql.tensor_float8_ne(marsql.tensor, double precision) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.float8_tensor_ne(double precision, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_float8_ne(marsql.tensor, double precision) IS
	'size-1 tensor not equal to a number';
COMMENT ON FUNCTION marsql.float8_tensor_ne(double precision, marsql.tensor) IS
	'number not equal to a size-1 tensor';
CREATE FUNCTION marsql.tensor_float8_lt(marsql.tensor, double precision) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.float8_tensor_lt(double precision, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_float8_lt(marsql.tensor, double precision) IS
	'size-1 tensor less than a number';
COMMENT ON FUNCTION marsql.float8_tensor_lt(double precision, marsql.tensor) IS
	'number less than a size-1 tensor';
CREATE FUNCTION marsql.tensor_float8_le(marsql.tensor, double precision) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.float8_tensor_le(double precision, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_float8_le(marsql.tensor, double precision) IS
	'size-1 tensor less than or equal to a number';
COMMENT ON FUNCTION marsql.float8_tensor_le(double precision, marsql.tensor) IS
	'number less than or equal to a size-1 tensor';
CREATE FUNCTION marsql.tensor_float8_gt(marsql.tensor, double precision) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.float8_tensor_gt(double precision, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_float8_gt(marsql.tensor, double precision) IS
	'size-1 tensor greater than a number';
COMMENT ON FUNCTION marsql.float8_tensor_gt(double precision, marsql.tensor) IS
	'number greater than a size-1 tensor';
CREATE FUNCTION marsql.tensor_float8_ge(marsql.tensor, double precision) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.float8_tensor_ge(double precision, marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_float8_ge(marsql.tensor, double precision) IS
	'size-1 tensor greater than or equal to a number';
COMMENT ON FUNCTION marsql.float8_tensor_ge(double precision, marsql.tensor) IS
	'number greater than or equal to a size-1 tensor';
CREATE OPERATOR marsql.= (
	LEFTARG = marsql.tensor, RIGHTARG = double precision,
	FUNCTION = marsql.tensor_float8_eq, COMMUTATOR = OPERATOR(marsql.=),
	NEGATOR = OPERATOR(marsql.<>)
);
CREATE OPERATOR marsql.= (
	LEFTARG = double precision, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.float8_tensor_eq, COMMUTATOR = OPERATOR(marsql.=),
	NEGATOR = OPERATOR(marsql.<>)
);
COMMENT ON OPERATOR marsql.= (marsql.tensor, double precision) IS 'size-1 tensor equal to a number';
COMMENT ON OPERATOR marsql.= (double precision, marsql.tensor) IS 'number equal to a size-1 tensor';
CREATE OPERATOR marsql.<> (
	LEFTARG = marsql.tensor, RIGHTARG = double precision,
	FUNCTION = marsql.tensor_float8_ne, COMMUTATOR = OPERATOR(marsql.<>),
	NEGATOR = OPERATOR(marsql.=)
);
CREATE OPERATOR marsql.<> (
	LEFTARG = double precision, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.float8_tensor_ne, COMMUTATOR = OPERATOR(marsql.<>),
	NEGATOR = OPERATOR(marsql.=)
);
COMMENT ON OPERATOR marsql.<> (marsql.tensor, double precision) IS 'size-1 tensor not equal to a number';
COMMENT ON OPERATOR marsql.<> (double precision, marsql.tensor) IS 'number not equal to a size-1 tensor';
CREATE OPERATOR marsql.< (
	LEFTARG = marsql.tensor, RIGHTARG = double precision,
	FUNCTION = marsql.tensor_float8_lt, COMMUTATOR = OPERATOR(marsql.>),
	NEGATOR = OPERATOR(marsql.>=)
);
CREATE OPERATOR marsql.< (
	LEFTARG = double precision, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.float8_tensor_lt, COMMUTATOR = OPERATOR(marsql.>),
	NEGATOR = OPERATOR(marsql.>=)
);
COMMENT ON OPERATOR marsql.< (marsql.tensor, double precision) IS 'size-1 tensor less than a number';
COMMENT ON OPERATOR marsql.< (double precision, marsql.tensor) IS 'number less than a size-1 tensor';
CREATE OPERATOR marsql.<= (
	LEFTARG = marsql.tensor, RIGHTARG = double precision,
	FUNCTION = marsql.tensor_float8_le, COMMUTATOR = OPERATOR(marsql.>=),
	NEGATOR = OPERATOR(marsql.>)
);
CREATE OPERATOR marsql.<= (
	LEFTARG = double precision, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.float8_tensor_le, COMMUTATOR = OPERATOR(marsql.>=),
	NEGATOR = OPERATOR(marsql.>)
);
COMMENT ON OPERATOR marsql.<= (marsql.tensor, double precision) IS 'size-1 tensor less than or equal to a number';
COMMENT ON OPERATOR marsql.<= (double precision, marsql.tensor) IS 'number less than or equal to a size-1 tensor';
CREATE OPERATOR marsql.> (
	LEFTARG = marsql.tensor, RIGHTARG = double precision,
	FUNCTION = marsql.tensor_float8_gt, COMMUTATOR = OPERATOR(marsql.<),
	NEGATOR = OPERATOR(marsql.<=)
);
CREATE OPERATOR marsql.> (
	LEFTARG = double precision, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.float8_tensor_gt, COMMUTATOR = OPERATOR(marsql.<),
	NEGATOR = OPERATOR(marsql.<=)
);
COMMENT ON OPERATOR marsql.> (marsql.tensor, double precision) IS 'size-1 tensor greater than a number';
COMMENT ON OPERATOR marsql.> (double precision, marsql.tensor) IS 'number greater than a size-1 tensor';
CREATE OPERATOR marsql.>= (
	LEFTARG = marsql.tensor, RIGHTARG = double precision,
	FUNCTION = marsql.tensor_float8_ge, COMMUTATOR = OPERATOR(marsql.<=),
	NEGATOR = OPERATOR(marsql.<)
);
CREATE OPERATOR marsql.>= (
	LEFTARG = double precision, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.float8_tensor_ge, COMMUTATOR = OPERATOR(marsql.<=),
	NEGATOR = OPERATOR(marsql.<)
);
COMMENT ON OPERATOR marsql.>= (marsql.tensor, double precision) IS 'size-1 tensor greater than or equal to a number';
COMMENT ON OPERATOR marsql.>= (double precision, marsql.tensor) IS 'number greater than or equal to a size-1 tensor';

CREATE OPERATOR CLASS marsql.tensor_ops
	DEFAULT FOR TYPE marsql.tensor USING btree AS
	OPERATOR 1 marsql.<,
	OPERATOR 2 marsql.<=,
	OPERATOR 3 marsql.=,
	OPERATOR 4 marsql.>=,
	OPERATOR 5 marsql.>,
	FUNCTION 1 marsql.tensor_cmp(marsql.tensor, marsql.tensor);

CREATE OPERATOR CLASS marsql.tensor_hash_ops
	DEFAULT FOR TYPE marsql.tensor USING hash AS
	OPERATOR 1 marsql.=,
	FUNCTION 1 marsql.tensor_hash(marsql.tensor),
	FUNCTION 2 marsql.tensor_hash_extended(marsql.tensor, bigint);

CREATE FUNCTION marsql.allclose(a marsql.tensor, b marsql.tensor,
								rtol double precision DEFAULT 1e-05,
								atol double precision DEFAULT 1e-08,
								equal_nan boolean DEFAULT false)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'tensor_allclose'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.allclose(marsql.tensor, marsql.tensor, double precision, double precision, boolean) IS
	'numpy.allclose: |a - b| <= atol + rtol * |b| everywhere, with broadcasting';
