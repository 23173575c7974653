-- Casts between tensors and PostgreSQL arrays, and astype.

CREATE FUNCTION marsql.tensor(real[]) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_from_float4_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor(double precision[]) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_from_float8_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor(smallint[]) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_from_int2_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor(integer[]) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_from_int4_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor(bigint[]) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_from_int8_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor(boolean[]) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_from_bool_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor(numeric[]) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_from_numeric_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor(real[]) IS 'float32 tensor with the array''s shape';
COMMENT ON FUNCTION marsql.tensor(double precision[]) IS 'float64 tensor with the array''s shape';
COMMENT ON FUNCTION marsql.tensor(smallint[]) IS 'int16 tensor with the array''s shape';
COMMENT ON FUNCTION marsql.tensor(integer[]) IS 'int32 tensor with the array''s shape';
COMMENT ON FUNCTION marsql.tensor(bigint[]) IS 'int64 tensor with the array''s shape';
COMMENT ON FUNCTION marsql.tensor(boolean[]) IS 'bool tensor with the array''s shape';
COMMENT ON FUNCTION marsql.tensor(numeric[]) IS 'float64 tensor with the array''s shape';

CREATE CAST (real[] AS marsql.tensor)
	WITH FUNCTION marsql.tensor(real[]) AS ASSIGNMENT;
CREATE CAST (double precision[] AS marsql.tensor)
	WITH FUNCTION marsql.tensor(double precision[]) AS ASSIGNMENT;
-- psycopg 3 sends a list of small integers as smallint[]
CREATE CAST (smallint[] AS marsql.tensor)
	WITH FUNCTION marsql.tensor(smallint[]) AS ASSIGNMENT;
CREATE CAST (integer[] AS marsql.tensor)
	WITH FUNCTION marsql.tensor(integer[]) AS ASSIGNMENT;
CREATE CAST (bigint[] AS marsql.tensor)
	WITH FUNCTION marsql.tensor(bigint[]) AS ASSIGNMENT;
CREATE CAST (boolean[] AS marsql.tensor)
	WITH FUNCTION marsql.tensor(boolean[]) AS ASSIGNMENT;
CREATE CAST (numeric[] AS marsql.tensor)
	WITH FUNCTION marsql.tensor(numeric[]) AS ASSIGNMENT;

CREATE FUNCTION marsql.tensor_to_float4_array(marsql.tensor) RETURNS real[]
	AS 'MODULE_PATHNAME', 'tensor_to_float4_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_to_float8_array(marsql.tensor) RETURNS double precision[]
	AS 'MODULE_PATHNAME', 'tensor_to_float8_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_to_int2_array(marsql.tensor) RETURNS smallint[]
	AS 'MODULE_PATHNAME', 'tensor_to_int2_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_to_int4_array(marsql.tensor) RETURNS integer[]
	AS 'MODULE_PATHNAME', 'tensor_to_int4_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_to_int8_array(marsql.tensor) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'tensor_to_int8_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_to_bool_array(marsql.tensor) RETURNS boolean[]
	AS 'MODULE_PATHNAME', 'tensor_to_bool_array'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_to_float4_array(marsql.tensor) IS
	'real[] with the tensor''s shape (any real dtype; at most 6 dimensions)';
COMMENT ON FUNCTION marsql.tensor_to_float8_array(marsql.tensor) IS
	'double precision[] with the tensor''s shape (any real dtype; at most 6 dimensions)';
COMMENT ON FUNCTION marsql.tensor_to_int2_array(marsql.tensor) IS
	'smallint[] with the tensor''s shape (floats truncated; out of range is an error)';
COMMENT ON FUNCTION marsql.tensor_to_int4_array(marsql.tensor) IS
	'integer[] with the tensor''s shape (floats truncated; out of range is an error)';
COMMENT ON FUNCTION marsql.tensor_to_int8_array(marsql.tensor) IS
	'bigint[] with the tensor''s shape (floats truncated; out of range is an error)';
COMMENT ON FUNCTION marsql.tensor_to_bool_array(marsql.tensor) IS
	'boolean[] with the tensor''s shape (nonzero is true)';
CREATE CAST (marsql.tensor AS real[])
	WITH FUNCTION marsql.tensor_to_float4_array(marsql.tensor);
CREATE CAST (marsql.tensor AS double precision[])
	WITH FUNCTION marsql.tensor_to_float8_array(marsql.tensor);
CREATE CAST (marsql.tensor AS smallint[])
	WITH FUNCTION marsql.tensor_to_int2_array(marsql.tensor);
CREATE CAST (marsql.tensor AS integer[])
	WITH FUNCTION marsql.tensor_to_int4_array(marsql.tensor);
CREATE CAST (marsql.tensor AS bigint[])
	WITH FUNCTION marsql.tensor_to_int8_array(marsql.tensor);
CREATE CAST (marsql.tensor AS boolean[])
	WITH FUNCTION marsql.tensor_to_bool_array(marsql.tensor);

CREATE FUNCTION marsql.astype(t marsql.tensor, dtype text) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_astype'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.astype(marsql.tensor, text) IS
	'the tensor converted to a dtype, as numpy''s astype (undefined conversions refused)';

-- A size-1 tensor as a number (tensor_scalar.c): any other size is 22023.
-- Assignment casts, so INSERT and UPDATE store a reduction in a number
-- column; never implicit, so no function or operator call silently picks a
-- number overload for a tensor.  See docs/tensor.md, "For BI tools and SQL users".
CREATE FUNCTION marsql.tensor_to_float8(marsql.tensor) RETURNS double precision
	AS 'MODULE_PATHNAME', 'tensor_to_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_to_float4(marsql.tensor) RETURNS real
	AS 'MODULE_PATHNAME', 'tensor_to_float4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_to_numeric(marsql.tensor) RETURNS numeric
	AS 'MODULE_PATHNAME', 'tensor_to_numeric'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_to_int8(marsql.tensor) RETURNS bigint
	AS 'MODULE_PATHNAME', 'tensor_to_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_to_int4(marsql.tensor) RETURNS integer
	AS 'MODULE_PATHNAME', 'tensor_to_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_to_bool(marsql.tensor) RETURNS boolean
	AS 'MODULE_PATHNAME', 'tensor_to_bool'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_to_int8(marsql.tensor) IS
	'the element of a size-1 tensor as bigint (the cast to bigint; floats truncated)';
COMMENT ON FUNCTION marsql.tensor_to_int4(marsql.tensor) IS
	'the element of a size-1 tensor as integer (the cast to integer; floats truncated)';
COMMENT ON FUNCTION marsql.tensor_to_bool(marsql.tensor) IS
	'the element of a size-1 tensor as boolean (the cast to boolean; nonzero is true)';
COMMENT ON FUNCTION marsql.tensor_to_float8(marsql.tensor) IS
	'the element of a size-1 tensor as double precision (the cast to double precision)';
COMMENT ON FUNCTION marsql.tensor_to_float4(marsql.tensor) IS
	'the element of a size-1 tensor as real (the cast to real)';
COMMENT ON FUNCTION marsql.tensor_to_numeric(marsql.tensor) IS
	'the element of a size-1 tensor as numeric (the cast to numeric)';
CREATE CAST (marsql.tensor AS double precision)
	WITH FUNCTION marsql.tensor_to_float8(marsql.tensor) AS ASSIGNMENT;
CREATE CAST (marsql.tensor AS real)
	WITH FUNCTION marsql.tensor_to_float4(marsql.tensor) AS ASSIGNMENT;
CREATE CAST (marsql.tensor AS numeric)
	WITH FUNCTION marsql.tensor_to_numeric(marsql.tensor) AS ASSIGNMENT;
CREATE CAST (marsql.tensor AS bigint)
	WITH FUNCTION marsql.tensor_to_int8(marsql.tensor) AS ASSIGNMENT;
CREATE CAST (marsql.tensor AS integer)
	WITH FUNCTION marsql.tensor_to_int4(marsql.tensor) AS ASSIGNMENT;
CREATE CAST (marsql.tensor AS boolean)
	WITH FUNCTION marsql.tensor_to_bool(marsql.tensor) AS ASSIGNMENT;

-- JSON (tensor_json.c): nested arrays of numbers; NaN and infinities as
-- the strings PostgreSQL's to_json writes for double precision.  The cast
-- to json is the one to_json, to_jsonb, json_agg and row_to_json use.
CREATE FUNCTION marsql.tensor(jsonb) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_from_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_to_json(marsql.tensor) RETURNS json
	AS 'MODULE_PATHNAME', 'tensor_to_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_to_jsonb(marsql.tensor) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'tensor_to_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor(jsonb) IS
	'float64 tensor from a nested rectangular JSON array of numbers (a number gives a 0-d tensor; integers too become float64)';
COMMENT ON FUNCTION marsql.tensor_to_json(marsql.tensor) IS
	'the tensor as a nested JSON array (a number for a 0-d tensor)';
COMMENT ON FUNCTION marsql.tensor_to_jsonb(marsql.tensor) IS
	'the tensor as a nested jsonb array (a number for a 0-d tensor)';
CREATE CAST (jsonb AS marsql.tensor)
	WITH FUNCTION marsql.tensor(jsonb) AS ASSIGNMENT;
CREATE CAST (marsql.tensor AS json)
	WITH FUNCTION marsql.tensor_to_json(marsql.tensor);
CREATE CAST (marsql.tensor AS jsonb)
	WITH FUNCTION marsql.tensor_to_jsonb(marsql.tensor);
