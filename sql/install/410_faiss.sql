-- FAISS indexes: approximate (and flat) k-NN through our C++ bridge over
-- Debian's libfaiss, stored in tables so they survive restarts and
-- pg_dump.  See docs/knn.md#faiss-indexes.

CREATE SEQUENCE marsql.faiss_version_seq;
COMMENT ON SEQUENCE marsql.faiss_version_seq IS
	'versions of FAISS indexes: a backend reloads an index whose version changed';

-- Written and read by marsql only (as the owner of these tables); users
-- see marsql.faiss_indexes.
-- The corpus is bound by OID (corpus_relid, vector_attnum, id_attnum), as
-- PostgreSQL binds its own objects: renames are followed, and the event
-- triggers below set corpus_relid to 0 when the table or either column is
-- dropped, so a table created later under the same name (or, after OID
-- wraparound, the same OID) is never taken for it.  corpus, vector_column
-- and id_column keep the current names (for the view, and for pg_dump: an
-- OID does not survive a dump).  corpus_instance says which database the
-- OIDs belong to: marsql.faiss_instance's id, which is NOT dumped, so rows
-- restored from a dump carry a foreign id and are bound again by name,
-- carefully (see faiss_store.c, faiss_corpus_resolve).
CREATE TABLE marsql.faiss_catalog (
	name text PRIMARY KEY,
	corpus text NOT NULL,
	vector_column name NOT NULL,
	id_column name NOT NULL,
	corpus_relid oid NOT NULL,
	vector_attnum smallint NOT NULL,
	id_attnum smallint NOT NULL,
	corpus_instance uuid NOT NULL,
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

-- One row: a random id made by CREATE EXTENSION, which pg_dump does not
-- keep (it is no configuration table), so that a restore gets a new one.
CREATE TABLE marsql.faiss_instance (id uuid NOT NULL);
INSERT INTO marsql.faiss_instance SELECT pg_catalog.gen_random_uuid();
COMMENT ON TABLE marsql.faiss_instance IS
	'this database''s id for the corpus OIDs in marsql.faiss_catalog (not dumped: a restore makes a new one)';

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

-- Keep the catalog bound to the real corpus tables.  Both run as the
-- extension's owner (they write marsql.faiss_catalog) with a fixed
-- search_path, and touch only rows bound in this database.
CREATE FUNCTION marsql.faiss_corpus_dropped() RETURNS event_trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	-- DROP EXTENSION marsql: the catalog goes with it
	IF pg_catalog.to_regclass('marsql.faiss_catalog') IS NULL
	   OR pg_catalog.to_regclass('marsql.faiss_instance') IS NULL THEN
		RETURN;
	END IF;
	UPDATE marsql.faiss_catalog f SET corpus_relid = 0
	FROM pg_catalog.pg_event_trigger_dropped_objects() d
	WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
	  AND d.objid = f.corpus_relid
	  AND (d.objsubid = 0 OR d.objsubid = f.vector_attnum OR d.objsubid = f.id_attnum)
	  AND f.corpus_instance = (SELECT id FROM marsql.faiss_instance);
END
$$;
COMMENT ON FUNCTION marsql.faiss_corpus_dropped() IS
	'event trigger: a FAISS index whose corpus table or column is dropped becomes unusable';
CREATE EVENT TRIGGER marsql_faiss_corpus_dropped ON sql_drop
	EXECUTE FUNCTION marsql.faiss_corpus_dropped();

CREATE FUNCTION marsql.faiss_corpus_renamed() RETURNS event_trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF pg_catalog.to_regclass('marsql.faiss_catalog') IS NULL
	   OR pg_catalog.to_regclass('marsql.faiss_instance') IS NULL THEN
		RETURN;
	END IF;
	UPDATE marsql.faiss_catalog f
	SET corpus = pg_catalog.format('%I.%I', n.nspname, c.relname),
		vector_column = va.attname, id_column = ia.attname
	FROM pg_catalog.pg_class c
		JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace,
		pg_catalog.pg_attribute va, pg_catalog.pg_attribute ia
	WHERE c.oid = f.corpus_relid
	  AND f.corpus_instance = (SELECT id FROM marsql.faiss_instance)
	  AND va.attrelid = c.oid AND va.attnum = f.vector_attnum AND NOT va.attisdropped
	  AND ia.attrelid = c.oid AND ia.attnum = f.id_attnum AND NOT ia.attisdropped
	  AND (f.corpus, f.vector_column, f.id_column) IS DISTINCT FROM
		  (pg_catalog.format('%I.%I', n.nspname, c.relname), va.attname, ia.attname);
END
$$;
COMMENT ON FUNCTION marsql.faiss_corpus_renamed() IS
	'event trigger: the catalog of FAISS indexes follows renamed corpus tables, columns and schemas';
CREATE EVENT TRIGGER marsql_faiss_corpus_renamed ON ddl_command_end
	WHEN TAG IN ('ALTER TABLE', 'ALTER SCHEMA', 'ALTER VIEW', 'ALTER MATERIALIZED VIEW',
				 'ALTER FOREIGN TABLE', 'ALTER INDEX')
	EXECUTE FUNCTION marsql.faiss_corpus_renamed();
