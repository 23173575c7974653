-- Elementwise aggregates over rows of same-shape tensors, parallel-safe:
-- sum, avg, min and max given one tensor are SQL's aggregates, as
-- pgvector's (numpy's whole-tensor reductions of those names take an axis,
-- or NULL for every element: sum(t, NULL)).  sum_agg and avg_agg are the
-- older names of sum and avg.  One state for all (tensor_aggregates.c).

CREATE FUNCTION marsql.tensor_sum_transfn(internal, marsql.tensor)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'tensor_sum_transfn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sum_transfn(internal, marsql.tensor) IS
	'transition function of sum and avg (sum_agg and avg_agg)';

CREATE FUNCTION marsql.tensor_sum_combinefn(internal, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'tensor_sum_combinefn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sum_combinefn(internal, internal) IS
	'combines partial sum / avg states of parallel workers';

CREATE FUNCTION marsql.tensor_min_transfn(internal, marsql.tensor)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'tensor_min_transfn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_min_transfn(internal, marsql.tensor) IS
	'transition function of the min aggregate (numpy.minimum of the rows)';

CREATE FUNCTION marsql.tensor_min_combinefn(internal, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'tensor_min_combinefn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_min_combinefn(internal, internal) IS
	'combines partial min states of parallel workers';

CREATE FUNCTION marsql.tensor_max_transfn(internal, marsql.tensor)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'tensor_max_transfn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_max_transfn(internal, marsql.tensor) IS
	'transition function of the max aggregate (numpy.maximum of the rows)';

CREATE FUNCTION marsql.tensor_max_combinefn(internal, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'tensor_max_combinefn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_max_combinefn(internal, internal) IS
	'combines partial max states of parallel workers';

CREATE FUNCTION marsql.tensor_sum_serialfn(internal)
	RETURNS bytea
	AS 'MODULE_PATHNAME', 'tensor_sum_serialfn'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sum_serialfn(internal) IS
	'serializes a sum / avg / min / max state for parallel query';

CREATE FUNCTION marsql.tensor_sum_deserialfn(bytea, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'tensor_sum_deserialfn'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sum_deserialfn(bytea, internal) IS
	'deserializes a sum / avg / min / max state for parallel query';

CREATE FUNCTION marsql.tensor_sum_finalfn(internal)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_sum_finalfn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_sum_finalfn(internal) IS
	'final function of sum, min and max: the state as a tensor';

CREATE FUNCTION marsql.tensor_avg_finalfn(internal)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_avg_finalfn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tensor_avg_finalfn(internal) IS 'final function of avg';

CREATE AGGREGATE marsql.sum(marsql.tensor) (
	SFUNC = marsql.tensor_sum_transfn, STYPE = internal,
	FINALFUNC = marsql.tensor_sum_finalfn,
	COMBINEFUNC = marsql.tensor_sum_combinefn,
	SERIALFUNC = marsql.tensor_sum_serialfn,
	DESERIALFUNC = marsql.tensor_sum_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE marsql.sum(marsql.tensor) IS
	'elementwise sum over rows of same-shape tensors; NULL rows are skipped (sum(t, NULL) is numpy''s whole-tensor sum)';

CREATE AGGREGATE marsql.avg(marsql.tensor) (
	SFUNC = marsql.tensor_sum_transfn, STYPE = internal,
	FINALFUNC = marsql.tensor_avg_finalfn,
	COMBINEFUNC = marsql.tensor_sum_combinefn,
	SERIALFUNC = marsql.tensor_sum_serialfn,
	DESERIALFUNC = marsql.tensor_sum_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE marsql.avg(marsql.tensor) IS
	'elementwise mean over rows of same-shape tensors; NULL rows are skipped (mean(t) is numpy''s whole-tensor mean)';

CREATE AGGREGATE marsql.min(marsql.tensor) (
	SFUNC = marsql.tensor_min_transfn, STYPE = internal,
	FINALFUNC = marsql.tensor_sum_finalfn,
	COMBINEFUNC = marsql.tensor_min_combinefn,
	SERIALFUNC = marsql.tensor_sum_serialfn,
	DESERIALFUNC = marsql.tensor_sum_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE marsql.min(marsql.tensor) IS
	'elementwise numpy.minimum over rows of same-shape tensors (NaN wins); NULL rows are skipped (min(t, NULL) is numpy''s whole-tensor min)';

CREATE AGGREGATE marsql.max(marsql.tensor) (
	SFUNC = marsql.tensor_max_transfn, STYPE = internal,
	FINALFUNC = marsql.tensor_sum_finalfn,
	COMBINEFUNC = marsql.tensor_max_combinefn,
	SERIALFUNC = marsql.tensor_sum_serialfn,
	DESERIALFUNC = marsql.tensor_sum_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE marsql.max(marsql.tensor) IS
	'elementwise numpy.maximum over rows of same-shape tensors (NaN wins); NULL rows are skipped (max(t, NULL) is numpy''s whole-tensor max)';

CREATE AGGREGATE marsql.sum_agg(marsql.tensor) (
	SFUNC = marsql.tensor_sum_transfn, STYPE = internal,
	FINALFUNC = marsql.tensor_sum_finalfn,
	COMBINEFUNC = marsql.tensor_sum_combinefn,
	SERIALFUNC = marsql.tensor_sum_serialfn,
	DESERIALFUNC = marsql.tensor_sum_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE marsql.sum_agg(marsql.tensor) IS
	'the sum aggregate under its older name: elementwise sum over rows of same-shape tensors';

CREATE AGGREGATE marsql.avg_agg(marsql.tensor) (
	SFUNC = marsql.tensor_sum_transfn, STYPE = internal,
	FINALFUNC = marsql.tensor_avg_finalfn,
	COMBINEFUNC = marsql.tensor_sum_combinefn,
	SERIALFUNC = marsql.tensor_sum_serialfn,
	DESERIALFUNC = marsql.tensor_sum_deserialfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE marsql.avg_agg(marsql.tensor) IS
	'the avg aggregate under its older name: elementwise mean over rows of same-shape tensors';
