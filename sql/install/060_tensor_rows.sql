-- Tensors to rows and rows to tensors, for BI tools and plain SQL.

CREATE FUNCTION marsql.unnest(t marsql.tensor, OUT index integer[], OUT value double precision)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'tensor_unnest'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.unnest(marsql.tensor) IS
	'one row per element: its 0-based index and its value, in C order';

CREATE FUNCTION marsql.rows(t marsql.tensor, OUT "row" integer, OUT "values" double precision[])
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'tensor_rows'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.rows(marsql.tensor) IS
	'one row per row of a 2-D tensor: its 0-based number and its values';

-- Long form for charts: one integer column per axis, 0-based, named.
CREATE FUNCTION marsql.elements(t marsql.tensor, OUT i0 integer, OUT i1 integer,
								OUT i2 integer, OUT i3 integer, OUT i4 integer,
								OUT i5 integer, OUT value double precision)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'tensor_elements'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.elements(marsql.tensor) IS
	'one row per element: its 0-based index on axes 0..5 (NULL past ndim) and its value, in C order';

CREATE FUNCTION marsql.matrix_cells(t marsql.tensor, OUT i integer, OUT j integer,
									OUT value double precision)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'tensor_matrix_cells'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.matrix_cells(marsql.tensor) IS
	'one row per element of a 2-D tensor: its 0-based row i, column j and value';

CREATE FUNCTION marsql.tensor_stack_float4_transfn(internal, real[]) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_stack_float8_transfn(internal, double precision[]) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_stack_tensor_transfn(internal, marsql.tensor) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION marsql.tensor_stack_finalfn(internal) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_stack_float4_transfn(internal, real[]) IS 'stack_agg support';
COMMENT ON FUNCTION marsql.tensor_stack_float8_transfn(internal, double precision[]) IS 'stack_agg support';
COMMENT ON FUNCTION marsql.tensor_stack_tensor_transfn(internal, marsql.tensor) IS 'stack_agg support';
COMMENT ON FUNCTION marsql.tensor_stack_finalfn(internal) IS 'stack_agg support';

CREATE AGGREGATE marsql.stack_agg(real[]) (
	SFUNC = marsql.tensor_stack_float4_transfn, STYPE = internal,
	FINALFUNC = marsql.tensor_stack_finalfn, PARALLEL = SAFE
);
CREATE AGGREGATE marsql.stack_agg(double precision[]) (
	SFUNC = marsql.tensor_stack_float8_transfn, STYPE = internal,
	FINALFUNC = marsql.tensor_stack_finalfn, PARALLEL = SAFE
);
CREATE AGGREGATE marsql.stack_agg(marsql.tensor) (
	SFUNC = marsql.tensor_stack_tensor_transfn, STYPE = internal,
	FINALFUNC = marsql.tensor_stack_finalfn, PARALLEL = SAFE
);
COMMENT ON AGGREGATE marsql.stack_agg(real[]) IS
	'stacks rows into a float32 tensor of shape (rows, *row_shape); NULL rows are skipped';
COMMENT ON AGGREGATE marsql.stack_agg(double precision[]) IS
	'stacks rows into a float64 tensor of shape (rows, *row_shape); NULL rows are skipped';
COMMENT ON AGGREGATE marsql.stack_agg(marsql.tensor) IS
	'stacks tensors into one of shape (rows, *shape), like numpy.stack; NULL rows are skipped';
