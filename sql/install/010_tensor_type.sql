-- The tensor type: n-d dense float32 / float64 arrays.

CREATE TYPE marsql.tensor;

CREATE FUNCTION marsql.tensor_in(cstring, oid, integer) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_out(marsql.tensor) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_typmod_in(cstring[]) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_typmod_out(integer) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_recv(internal, oid, integer) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_send(marsql.tensor) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION marsql.tensor_in(cstring, oid, integer) IS 'tensor text input';
COMMENT ON FUNCTION marsql.tensor_out(marsql.tensor) IS 'tensor text output';
COMMENT ON FUNCTION marsql.tensor_typmod_in(cstring[]) IS 'reads the tensor(dtype) type modifier';
COMMENT ON FUNCTION marsql.tensor_typmod_out(integer) IS 'writes the tensor(dtype) type modifier';
COMMENT ON FUNCTION marsql.tensor_recv(internal, oid, integer) IS 'tensor binary input';
COMMENT ON FUNCTION marsql.tensor_send(marsql.tensor) IS 'tensor binary output';

-- STORAGE: see docs/tensor.md, "Storage", for the measurement behind it.
CREATE TYPE marsql.tensor (
	INPUT = marsql.tensor_in,
	OUTPUT = marsql.tensor_out,
	TYPMOD_IN = marsql.tensor_typmod_in,
	TYPMOD_OUT = marsql.tensor_typmod_out,
	RECEIVE = marsql.tensor_recv,
	SEND = marsql.tensor_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = external,
	-- its own category, shared with chunked_tensor, where it is preferred:
	-- an untyped literal given to an overloaded function (matmul('[1,2]', x))
	-- is read as a tensor
	CATEGORY = 'M',
	PREFERRED = true
);
COMMENT ON TYPE marsql.tensor IS
	'n-dimensional dense array of float32 or float64; tensor(float32) fixes the dtype';

-- Applies the type modifier: tensor -> tensor(float32) converts the dtype.
CREATE FUNCTION marsql.tensor(marsql.tensor, integer, boolean) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_apply_typmod'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor(marsql.tensor, integer, boolean) IS
	'converts a tensor to the dtype named by a tensor(dtype) type modifier';
CREATE CAST (marsql.tensor AS marsql.tensor)
	WITH FUNCTION marsql.tensor(marsql.tensor, integer, boolean) AS IMPLICIT;

CREATE FUNCTION marsql.to_binary(marsql.tensor) RETURNS bytea
	AS 'MODULE_PATHNAME', 'tensor_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.to_binary(marsql.tensor) IS
	'the tensor in its binary format (the bytes COPY BINARY and binary clients see)';
CREATE FUNCTION marsql.from_binary(bytea) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_from_binary'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.from_binary(bytea) IS
	'reads a tensor from its binary format, with every check of binary input';
