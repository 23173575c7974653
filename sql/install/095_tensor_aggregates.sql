-- Elementwise aggregates over rows of same-shape tensors, parallel-safe.

CREATE FUNCTION marsql.tensor_sum_transfn(internal, marsql.tensor)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'tensor_sum_transfn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sum_transfn(internal, marsql.tensor) IS
	'transition function of sum_agg and avg_agg';

CREATE FUNCTION marsql.tensor_sum_combinefn(internal, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'tensor_sum_combinefn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sum_combinefn(internal, internal) IS
	'combines partial sum_agg / avg_agg states of parallel workers';

CREATE FUNCTION marsql.tensor_sum_serialfn(internal)
	RETURNS bytea
	AS 'MODULE_PATHNAME', 'tensor_sum_serialfn'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sum_serialfn(internal) IS
	'serializes a sum_agg / avg_agg state for parallel query';

CREATE FUNCTION marsql.tensor_sum_deserialfn(bytea, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'tensor_sum_deserialfn'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sum_deserialfn(bytea, internal) IS
	'deserializes a sum_agg / avg_agg state for parallel query';

CREATE FUNCTION marsql.tensor_sum_finalfn(internal)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sum_finalfn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sum_finalfn(internal) IS 'final function of sum_agg';

CREATE FUNCTION marsql.tensor_avg_finalfn(internal)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_avg_finalfn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_avg_finalfn(internal) IS 'final function of avg_agg';

CREATE AGGREGATE marsql.sum_agg(marsql.tensor) (
	SFUNC = marsql.tensor_sum_transfn, STYPE = internal,
	FINALFUNC = marsql.tensor_sum_finalfn,
	COMBINEFUNC = marsql.tensor_sum_combinefn,
	SERIALFUNC = marsql.tensor_sum_serialfn,
	DESERIALFUNC = marsql.tensor_sum_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE marsql.sum_agg(marsql.tensor) IS
	'elementwise sum over rows of same-shape tensors; NULL rows are skipped';

CREATE AGGREGATE marsql.avg_agg(marsql.tensor) (
	SFUNC = marsql.tensor_sum_transfn, STYPE = internal,
	FINALFUNC = marsql.tensor_avg_finalfn,
	COMBINEFUNC = marsql.tensor_sum_combinefn,
	SERIALFUNC = marsql.tensor_sum_serialfn,
	DESERIALFUNC = marsql.tensor_sum_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE marsql.avg_agg(marsql.tensor) IS
	'elementwise mean over rows of same-shape tensors; NULL rows are skipped';
