-- k nearest neighbours: distances between vectors (pgvector's names and
-- operators), exact batch k-NN over tensors, table columns and chunked
-- tensors, and the all-pairs knn_join.  See docs/knn.md.

CREATE FUNCTION marsql.l2_distance(a marsql.tensor, b marsql.tensor) RETURNS float8
	AS 'MODULE_PATHNAME', 'knn_l2_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.l2_distance(marsql.tensor, marsql.tensor) IS
	'Euclidean distance between two 1-D tensors (operator <->)';
CREATE FUNCTION marsql.l2_squared_distance(a marsql.tensor, b marsql.tensor) RETURNS float8
	AS 'MODULE_PATHNAME', 'knn_l2_squared_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.l2_squared_distance(marsql.tensor, marsql.tensor) IS
	'squared Euclidean distance between two 1-D tensors';
CREATE FUNCTION marsql.inner_product(a marsql.tensor, b marsql.tensor) RETURNS float8
	AS 'MODULE_PATHNAME', 'knn_inner_product' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.inner_product(marsql.tensor, marsql.tensor) IS
	'inner product of two 1-D tensors';
CREATE FUNCTION marsql.negative_inner_product(a marsql.tensor, b marsql.tensor) RETURNS float8
	AS 'MODULE_PATHNAME', 'knn_negative_inner_product' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.negative_inner_product(marsql.tensor, marsql.tensor) IS
	'minus the inner product of two 1-D tensors, so that smaller is nearer (operator <#>)';
CREATE FUNCTION marsql.cosine_distance(a marsql.tensor, b marsql.tensor) RETURNS float8
	AS 'MODULE_PATHNAME', 'knn_cosine_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.cosine_distance(marsql.tensor, marsql.tensor) IS
	'1 - cosine similarity of two 1-D tensors, NaN when one is zero (operator <=>)';
CREATE FUNCTION marsql.l2_normalize(t marsql.tensor) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'knn_l2_normalize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.l2_normalize(marsql.tensor) IS
	'each vector along the last axis scaled to unit length (zero vectors stay zero)';

CREATE OPERATOR marsql.<-> (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.l2_distance, COMMUTATOR = OPERATOR(marsql.<->)
);
COMMENT ON OPERATOR marsql.<-> (marsql.tensor, marsql.tensor) IS 'Euclidean distance';
CREATE OPERATOR marsql.<#> (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.negative_inner_product, COMMUTATOR = OPERATOR(marsql.<#>)
);
COMMENT ON OPERATOR marsql.<#> (marsql.tensor, marsql.tensor) IS 'negative inner product';
CREATE OPERATOR marsql.<=> (
	LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor,
	FUNCTION = marsql.cosine_distance, COMMUTATOR = OPERATOR(marsql.<=>)
);
COMMENT ON OPERATOR marsql.<=> (marsql.tensor, marsql.tensor) IS 'cosine distance';

-- Strict in all but device (NULL: marsql.device), which the C function checks.
CREATE FUNCTION marsql.knn(queries marsql.tensor, corpus marsql.tensor, k integer,
						   metric text DEFAULT 'l2', device text DEFAULT NULL)
	RETURNS TABLE (query integer, rank integer, id bigint, distance float8)
	AS 'MODULE_PATHNAME', 'knn_tensor' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT
	PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION marsql.knn(marsql.tensor, marsql.tensor, integer, text, text) IS
	'exact k nearest rows of corpus for each query row (ids are 0-based row numbers), on the device named';

CREATE FUNCTION marsql.knn(queries marsql.tensor, corpus regclass, vector_column name,
						   id_column name, k integer, metric text DEFAULT 'l2',
						   filter text DEFAULT NULL, executors text DEFAULT NULL)
	RETURNS TABLE (query integer, rank integer, id bigint, distance float8)
	AS 'MODULE_PATHNAME', 'knn_table' LANGUAGE C VOLATILE CALLED ON NULL INPUT
	PARALLEL UNSAFE ROWS 100;
COMMENT ON FUNCTION marsql.knn(marsql.tensor, regclass, name, name, integer, text, text, text) IS
	'exact k nearest rows of a table column for each query row, scored on the engine''s executors';

-- A corpus named as text (an unknown literal resolves here) is the table of
-- that name on each server that searches: every peer's with 'peers'.
CREATE FUNCTION marsql.knn(queries marsql.tensor, corpus text, vector_column name,
						   id_column name, k integer, metric text DEFAULT 'l2',
						   filter text DEFAULT NULL, executors text DEFAULT NULL)
	RETURNS TABLE (query integer, rank integer, id bigint, distance float8)
	AS 'MODULE_PATHNAME', 'knn_table_named' LANGUAGE C VOLATILE CALLED ON NULL INPUT
	PARALLEL UNSAFE ROWS 100;
COMMENT ON FUNCTION marsql.knn(marsql.tensor, text, name, name, integer, text, text, text) IS
	'exact k nearest rows of the named table: this server''s, or each peer''s partition (executors => peers or all)';

CREATE FUNCTION marsql.knn(queries marsql.tensor, corpus marsql.chunked_tensor, k integer,
						   metric text DEFAULT 'l2', executors text DEFAULT NULL)
	RETURNS TABLE (query integer, rank integer, id bigint, distance float8)
	AS 'MODULE_PATHNAME', 'knn_chunked' LANGUAGE C VOLATILE CALLED ON NULL INPUT
	PARALLEL UNSAFE ROWS 100;
COMMENT ON FUNCTION marsql.knn(marsql.tensor, marsql.chunked_tensor, integer, text, text) IS
	'exact k nearest rows of a chunked tensor for each query row, scored on the engine''s executors';

CREATE FUNCTION marsql.knn_join(queries marsql.chunked_tensor, corpus marsql.chunked_tensor,
								k integer, metric text DEFAULT 'l2', executors text DEFAULT NULL)
	RETURNS TABLE (query bigint, rank integer, id bigint, distance float8)
	AS 'MODULE_PATHNAME', 'knn_join_chunked' LANGUAGE C VOLATILE CALLED ON NULL INPUT
	PARALLEL UNSAFE ROWS 1000;
COMMENT ON FUNCTION marsql.knn_join(marsql.chunked_tensor, marsql.chunked_tensor, integer, text, text) IS
	'exact k nearest corpus rows for every row of queries (all pairs), on the engine''s workers';

CREATE FUNCTION marsql.knn_join(queries regclass, query_vector name, query_id name,
								corpus regclass, vector_column name, id_column name,
								k integer, metric text DEFAULT 'l2', filter text DEFAULT NULL,
								executors text DEFAULT NULL)
	RETURNS TABLE (query bigint, rank integer, id bigint, distance float8)
	AS 'MODULE_PATHNAME', 'knn_join_table' LANGUAGE C VOLATILE CALLED ON NULL INPUT
	PARALLEL UNSAFE ROWS 1000;
COMMENT ON FUNCTION marsql.knn_join(regclass, name, name, regclass, name, name, integer, text, text, text) IS
	'exact k nearest corpus rows for every row of the queries table (all pairs), on the engine''s workers';
