-- Casts between tensors and PostgreSQL arrays, and astype.

CREATE FUNCTION marsql.tensor(real[]) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_from_float4_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor(double precision[]) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_from_float8_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor(integer[]) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_from_int4_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor(bigint[]) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_from_int8_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor(numeric[]) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_from_numeric_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor(real[]) IS 'float32 tensor with the array''s shape';
COMMENT ON FUNCTION marsql.tensor(double precision[]) IS 'float64 tensor with the array''s shape';
COMMENT ON FUNCTION marsql.tensor(integer[]) IS 'float64 tensor with the array''s shape';
COMMENT ON FUNCTION marsql.tensor(bigint[]) IS 'float64 tensor with the array''s shape (values beyond 2^53 are rounded)';
COMMENT ON FUNCTION marsql.tensor(numeric[]) IS 'float64 tensor with the array''s shape';

CREATE CAST (real[] AS marsql.tensor)
	WITH FUNCTION marsql.tensor(real[]) AS ASSIGNMENT;
CREATE CAST (double precision[] AS marsql.tensor)
	WITH FUNCTION marsql.tensor(double precision[]) AS ASSIGNMENT;
CREATE CAST (integer[] AS marsql.tensor)
	WITH FUNCTION marsql.tensor(integer[]) AS ASSIGNMENT;
CREATE CAST (bigint[] AS marsql.tensor)
	WITH FUNCTION marsql.tensor(bigint[]) AS ASSIGNMENT;
CREATE CAST (numeric[] AS marsql.tensor)
	WITH FUNCTION marsql.tensor(numeric[]) AS ASSIGNMENT;

CREATE FUNCTION marsql.tensor_to_float4_array(marsql.tensor) RETURNS real[]
	AS 'MODULE_PATHNAME', 'tensor_to_float4_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_to_float8_array(marsql.tensor) RETURNS double precision[]
	AS 'MODULE_PATHNAME', 'tensor_to_float8_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_to_float4_array(marsql.tensor) IS
	'real[] with the tensor''s shape (at most 6 dimensions)';
COMMENT ON FUNCTION marsql.tensor_to_float8_array(marsql.tensor) IS
	'double precision[] with the tensor''s shape (at most 6 dimensions)';
CREATE CAST (marsql.tensor AS real[])
	WITH FUNCTION marsql.tensor_to_float4_array(marsql.tensor);
CREATE CAST (marsql.tensor AS double precision[])
	WITH FUNCTION marsql.tensor_to_float8_array(marsql.tensor);

CREATE FUNCTION marsql.astype(t marsql.tensor, dtype text) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_astype'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.astype(marsql.tensor, text) IS
	'the tensor converted to dtype ''float32'' or ''float64''';
