-- FAISS indexes: approximate (and flat) k-NN through our C++ bridge over
-- Debian's libfaiss, stored in tables so they survive restarts and
-- pg_dump.  See docs/knn.md#faiss-indexes.

CREATE SEQUENCE marsql.faiss_version_seq;
COMMENT ON SEQUENCE marsql.faiss_version_seq IS
	'versions of FAISS indexes: a backend reloads an index whose version changed';

-- Written and read by marsql only (as the owner of these tables); users
-- see marsql.faiss_indexes.
CREATE TABLE marsql.faiss_catalog (
	name text PRIMARY KEY,
	corpus text NOT NULL,
	vector_column name NOT NULL,
	id_column name NOT NULL,
	factory text NOT NULL,
	metric text NOT NULL,
	dims integer NOT NULL,
	ntotal bigint NOT NULL,
	nbytes bigint NOT NULL,
	shards integer NOT NULL,
	version bigint NOT NULL,
	index_type text NOT NULL,
	options jsonb NOT NULL,
	created_by regrole NOT NULL,
	created timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE marsql.faiss_catalog IS
	'FAISS indexes (written by marsql only; read marsql.faiss_indexes)';

CREATE TABLE marsql.faiss_data (
	name text NOT NULL,
	shard integer NOT NULL,
	part integer NOT NULL,
	data bytea NOT NULL,
	PRIMARY KEY (name, shard, part)
);
-- serialized indexes do not compress: store them without trying
ALTER TABLE marsql.faiss_data ALTER COLUMN data SET STORAGE EXTERNAL;
COMMENT ON TABLE marsql.faiss_data IS
	'FAISS indexes serialized, each shard split into parts (written by marsql only)';

SELECT pg_catalog.pg_extension_config_dump('marsql.faiss_catalog', '');
SELECT pg_catalog.pg_extension_config_dump('marsql.faiss_data', '');
SELECT pg_catalog.pg_extension_config_dump('marsql.faiss_version_seq', '');

CREATE VIEW marsql.faiss_indexes AS
	SELECT name, index_type AS type, factory, metric, dims, ntotal AS count, nbytes AS bytes,
		   shards, corpus, vector_column, id_column, options, created_by, created
	FROM marsql.faiss_catalog;
COMMENT ON VIEW marsql.faiss_indexes IS
	'FAISS indexes: type, dimension, vectors, bytes, shards and where they came from';
GRANT SELECT ON marsql.faiss_indexes TO PUBLIC;

CREATE FUNCTION marsql.faiss_create(name text, corpus regclass, vector_column name,
									id_column name, factory text DEFAULT 'HNSW32',
									metric text DEFAULT 'l2', options jsonb DEFAULT '{}')
	RETURNS bigint
	AS 'MODULE_PATHNAME', 'faiss_create' LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.faiss_create(text, regclass, name, name, text, text, jsonb) IS
	'builds a FAISS index (index_factory string) over a table column, in shards on workers; returns the vectors indexed';

CREATE FUNCTION marsql.faiss_search(name text, queries marsql.tensor, k integer,
									params jsonb DEFAULT '{}')
	RETURNS TABLE (query integer, rank integer, id bigint, distance float8)
	AS 'MODULE_PATHNAME', 'faiss_search' LANGUAGE C VOLATILE CALLED ON NULL INPUT
	PARALLEL UNSAFE ROWS 100;
COMMENT ON FUNCTION marsql.faiss_search(text, marsql.tensor, integer, jsonb) IS
	'k nearest neighbours from a FAISS index (params: nprobe, efSearch)';

CREATE FUNCTION marsql.faiss_add(name text, filter text)
	RETURNS bigint
	AS 'MODULE_PATHNAME', 'faiss_add_rows' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.faiss_add(text, text) IS
	'adds the rows of the index''s corpus that match filter; returns how many';

CREATE FUNCTION marsql.faiss_add(name text, vectors marsql.tensor, ids bigint[])
	RETURNS bigint
	AS 'MODULE_PATHNAME', 'faiss_add_vectors' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.faiss_add(text, marsql.tensor, bigint[]) IS
	'adds the rows of vectors with the given ids; returns how many';

CREATE FUNCTION marsql.faiss_drop(name text)
	RETURNS void
	AS 'MODULE_PATHNAME', 'faiss_drop' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.faiss_drop(text) IS 'drops a FAISS index';

CREATE FUNCTION marsql.faiss_loaded()
	RETURNS TABLE (name text, version bigint, shards integer, vectors bigint)
	AS 'MODULE_PATHNAME', 'faiss_loaded' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.faiss_loaded() IS
	'the FAISS indexes this backend has loaded and keeps until they change';
