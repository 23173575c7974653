-- chunked_tensor: arrays larger than one value, stored as a table of tiles
-- and computed tile by tile on the engine.  See docs/chunked.md.

CREATE TYPE marsql.chunked_tensor;

-- input looks the table up in the catalog (through SPI); output names it
CREATE FUNCTION marsql.chunked_tensor_in(cstring) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
CREATE FUNCTION marsql.chunked_tensor_out(marsql.chunked_tensor) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.chunked_tensor_in(cstring) IS 'chunked_tensor text input: a storage table name';
COMMENT ON FUNCTION marsql.chunked_tensor_out(marsql.chunked_tensor) IS 'chunked_tensor text output';
-- binary I/O: a version byte and the text form, schema-qualified; receive
-- repeats text input's checks and requires SELECT on the storage table
CREATE FUNCTION marsql.chunked_tensor_recv(internal) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
CREATE FUNCTION marsql.chunked_tensor_send(marsql.chunked_tensor) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.chunked_tensor_recv(internal) IS 'chunked_tensor binary input';
COMMENT ON FUNCTION marsql.chunked_tensor_send(marsql.chunked_tensor) IS 'chunked_tensor binary output';

CREATE TYPE marsql.chunked_tensor (
	INPUT = marsql.chunked_tensor_in,
	OUTPUT = marsql.chunked_tensor_out,
	RECEIVE = marsql.chunked_tensor_recv,
	SEND = marsql.chunked_tensor_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain,
	CATEGORY = 'M'
);
COMMENT ON TYPE marsql.chunked_tensor IS
	'an array larger than one value: storage table, dtype, shape and tile shape';

-- The catalog.  Rows are written by marsql only (as the owner of this
-- table); marsql.arrays shows those whose storage table still exists.
CREATE TABLE marsql.array_catalog (
	storage regclass PRIMARY KEY,
	relname name NOT NULL,
	dtype text NOT NULL,
	shape bigint[] NOT NULL,
	tile_shape bigint[] NOT NULL,
	temporary boolean NOT NULL,
	created_by regrole NOT NULL,
	created timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE marsql.array_catalog IS
	'chunked tensors: storage table, dtype, shape and tiles (written by marsql only; read marsql.arrays)';
SELECT pg_catalog.pg_extension_config_dump('marsql.array_catalog', 'WHERE NOT temporary');

CREATE VIEW marsql.arrays AS
	SELECT a.storage, a.dtype, a.shape, a.tile_shape, a.temporary, a.created_by, a.created
	FROM marsql.array_catalog a
	JOIN pg_catalog.pg_class c ON c.oid = a.storage::oid AND c.relname = a.relname;
COMMENT ON VIEW marsql.arrays IS 'the chunked tensors whose storage tables exist';
GRANT SELECT ON marsql.arrays TO PUBLIC;

-- Keep the catalog bound to the storage tables, as PostgreSQL binds its own
-- objects: by OID.  A row records its table by OID and, as a check, by
-- name; the name guards against OID reuse after a table vanished without
-- an event trigger (a temporary table at session end or DISCARD TEMP), so
-- a stale row never describes an unrelated table that got the OID.  These
-- triggers keep that name true: a rename (ALTER TABLE ... RENAME) updates
-- relname, a drop (DROP TABLE, DROP SCHEMA ... CASCADE, DROP OWNED)
-- deletes the row, and ALTER TABLE ... SET SCHEMA or ALTER SCHEMA ...
-- RENAME need nothing, since storage is a regclass (an OID).  A rename
-- touches only the rows of the tables the command altered, and only one
-- whose persistence still matches the row (temporary stays temporary), so
-- a stale temporary row is not re-pointed at a table that merely reuses
-- its OID (that needs an OID wraparound and a rename of that very table
-- before any registration cleans the row).  Registration (chunked_storage.c)
-- deletes rows whose OID is gone, and rows of temporary arrays whose
-- (OID, relname) no longer match; it never deletes the row of an ordinary
-- table that still exists, so a rename missed by the triggers (event
-- triggers do not fire in single-user mode or under session_replication_role
-- = replica) only hides the array until the name is put back.  Both run as
-- the extension's owner (they write marsql.array_catalog) with a fixed
-- search_path.
CREATE FUNCTION marsql.array_storage_dropped() RETURNS event_trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	-- DROP EXTENSION marsql: the catalog goes with it
	IF pg_catalog.to_regclass('marsql.array_catalog') IS NULL THEN
		RETURN;
	END IF;
	DELETE FROM marsql.array_catalog a
	USING pg_catalog.pg_event_trigger_dropped_objects() d
	WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
	  AND d.objsubid = 0
	  AND d.objid = a.storage::pg_catalog.oid;
	-- a result workers made (sql/install/310_result_spool.sql), dropped
	-- before its session ends: its record goes with it
	IF pg_catalog.to_regclass('marsql.orphan_storage') IS NOT NULL THEN
		DELETE FROM marsql.orphan_storage o
		USING pg_catalog.pg_event_trigger_dropped_objects() d
		WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
		  AND d.objsubid = 0
		  AND d.objid = o.storage;
	END IF;
END
$$;
COMMENT ON FUNCTION marsql.array_storage_dropped() IS
	'event trigger: a chunked tensor whose storage table is dropped leaves the catalog (and marsql.orphan_storage)';
CREATE EVENT TRIGGER marsql_array_storage_dropped ON sql_drop
	EXECUTE FUNCTION marsql.array_storage_dropped();

CREATE FUNCTION marsql.array_storage_renamed() RETURNS event_trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF pg_catalog.to_regclass('marsql.array_catalog') IS NULL THEN
		RETURN;
	END IF;
	UPDATE marsql.array_catalog a SET relname = c.relname
	FROM pg_catalog.pg_event_trigger_ddl_commands() d, pg_catalog.pg_class c
	WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
	  AND d.objid = a.storage::pg_catalog.oid
	  AND c.oid = d.objid
	  AND (c.relpersistence = 't') = a.temporary
	  AND c.relname <> a.relname;
END
$$;
COMMENT ON FUNCTION marsql.array_storage_renamed() IS
	'event trigger: the catalog of chunked tensors follows renamed storage tables';
CREATE EVENT TRIGGER marsql_array_storage_renamed ON ddl_command_end
	WHEN TAG IN ('ALTER TABLE', 'ALTER VIEW', 'ALTER MATERIALIZED VIEW', 'ALTER FOREIGN TABLE',
				 'ALTER INDEX')
	EXECUTE FUNCTION marsql.array_storage_renamed();

CREATE FUNCTION marsql.chunked_tensor(storage regclass) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_tensor_open' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION marsql.chunked_tensor(regclass) IS 'reopens a stored chunked tensor';
CREATE FUNCTION marsql.shape(ct marsql.chunked_tensor) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'chunked_tensor_shape' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.shape(marsql.chunked_tensor) IS 'chunked tensor: the shape';
CREATE FUNCTION marsql.tile_shape(ct marsql.chunked_tensor) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'chunked_tensor_tile_shape' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.tile_shape(marsql.chunked_tensor) IS 'chunked tensor: the tile shape (the last tile of a dimension may be smaller)';
CREATE FUNCTION marsql.ndim(ct marsql.chunked_tensor) RETURNS integer
	AS 'MODULE_PATHNAME', 'chunked_tensor_ndim' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ndim(marsql.chunked_tensor) IS 'chunked tensor: number of dimensions';
CREATE FUNCTION marsql.size(ct marsql.chunked_tensor) RETURNS bigint
	AS 'MODULE_PATHNAME', 'chunked_tensor_size' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.size(marsql.chunked_tensor) IS 'chunked tensor: number of elements';
CREATE FUNCTION marsql.nbytes(ct marsql.chunked_tensor) RETURNS bigint
	AS 'MODULE_PATHNAME', 'chunked_tensor_nbytes' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.nbytes(marsql.chunked_tensor) IS 'chunked tensor: bytes of element data';
CREATE FUNCTION marsql.dtype(ct marsql.chunked_tensor) RETURNS text
	AS 'MODULE_PATHNAME', 'chunked_tensor_dtype' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.dtype(marsql.chunked_tensor) IS 'element type of a chunked tensor, by numpy''s name';
CREATE FUNCTION marsql.storage(ct marsql.chunked_tensor) RETURNS regclass
	AS 'MODULE_PATHNAME', 'chunked_tensor_storage' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.storage(marsql.chunked_tensor) IS 'chunked tensor: the table that holds the tiles';
CREATE FUNCTION marsql.ntiles(ct marsql.chunked_tensor) RETURNS bigint
	AS 'MODULE_PATHNAME', 'chunked_tensor_ntiles' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ntiles(marsql.chunked_tensor) IS 'chunked tensor: number of tiles';

-- Constructors.  A NULL target makes a temporary table (dropped at session
-- end); a name makes an ordinary table.
CREATE FUNCTION marsql.chunk(t marsql.tensor, tile integer[] DEFAULT NULL, target text DEFAULT NULL)
	RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_chunk' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunk(marsql.tensor, integer[], text) IS 'a chunked tensor holding a tensor, cut into tiles';

CREATE FUNCTION marsql.chunked_random(shape bigint[], tile integer[] DEFAULT NULL,
									  seed bigint DEFAULT NULL, distribution text DEFAULT 'uniform',
									  dtype text DEFAULT 'float64', target text DEFAULT NULL)
	RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_generate' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_random(bigint[], integer[], bigint, text, text, text) IS
	'a chunked tensor of seeded uniform [0, 1) or normal values, generated tile by tile on workers';

CREATE FUNCTION marsql.chunked_generate_full(shape bigint[], tile integer[], fill_value double precision,
											 distribution text, dtype text, target text)
	RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_generate' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_generate_full(bigint[], integer[], double precision, text, text, text) IS
	'internal: constant chunked tensors (use chunked_full, chunked_zeros, chunked_ones)';

CREATE FUNCTION marsql.chunked_full(shape bigint[], fill_value double precision, tile integer[] DEFAULT NULL,
									dtype text DEFAULT 'float64', target text DEFAULT NULL)
	RETURNS marsql.chunked_tensor LANGUAGE sql VOLATILE PARALLEL UNSAFE
	RETURN marsql.chunked_generate_full(shape, tile, fill_value, NULL, dtype, target);
COMMENT ON FUNCTION marsql.chunked_full(bigint[], double precision, integer[], text, text) IS
	'a chunked tensor filled with one value, generated tile by tile on workers';

-- a bigint fill value: exact for integer dtypes (the double precision form
-- rounds one beyond 2^53), 22003 where it does not fit one
CREATE FUNCTION marsql.chunked_generate_full_int(shape bigint[], tile integer[], fill_value bigint,
												 distribution text, dtype text, target text)
	RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_generate_full_int' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_generate_full_int(bigint[], integer[], bigint, text, text, text) IS
	'internal: constant chunked tensors with an integer fill value (use chunked_full)';

CREATE FUNCTION marsql.chunked_full(shape bigint[], fill_value bigint, tile integer[] DEFAULT NULL,
									dtype text DEFAULT 'float64', target text DEFAULT NULL)
	RETURNS marsql.chunked_tensor LANGUAGE sql VOLATILE PARALLEL UNSAFE
	RETURN marsql.chunked_generate_full_int(shape, tile, fill_value, NULL, dtype, target);
COMMENT ON FUNCTION marsql.chunked_full(bigint[], bigint, integer[], text, text) IS
	'a chunked tensor filled with one value, exact for integer dtypes';

CREATE FUNCTION marsql.chunked_zeros(shape bigint[], tile integer[] DEFAULT NULL,
									 dtype text DEFAULT 'float64', target text DEFAULT NULL)
	RETURNS marsql.chunked_tensor LANGUAGE sql VOLATILE PARALLEL UNSAFE
	RETURN marsql.chunked_generate_full(shape, tile, 0, NULL, dtype, target);
COMMENT ON FUNCTION marsql.chunked_zeros(bigint[], integer[], text, text) IS 'a chunked tensor of zeros';

CREATE FUNCTION marsql.chunked_ones(shape bigint[], tile integer[] DEFAULT NULL,
									dtype text DEFAULT 'float64', target text DEFAULT NULL)
	RETURNS marsql.chunked_tensor LANGUAGE sql VOLATILE PARALLEL UNSAFE
	RETURN marsql.chunked_generate_full(shape, tile, 1, NULL, dtype, target);
COMMENT ON FUNCTION marsql.chunked_ones(bigint[], integer[], text, text) IS 'a chunked tensor of ones';

CREATE FUNCTION marsql.chunked_from_query(query text, tile integer[] DEFAULT NULL,
										  dtype text DEFAULT NULL, target text DEFAULT NULL)
	RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_from_query' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_from_query(text, integer[], text, text) IS
	'a 2-D chunked tensor from a query returning one real[], double precision[], boolean[], smallint[], integer[], bigint[] or tensor (any dtype) row per matrix row';

CREATE FUNCTION marsql.chunked_from_table(source regclass, "column" name, order_by name DEFAULT NULL,
										  tile integer[] DEFAULT NULL, dtype text DEFAULT NULL,
										  target text DEFAULT NULL)
	RETURNS marsql.chunked_tensor LANGUAGE sql VOLATILE PARALLEL UNSAFE
	-- a NULL source or column is a NULL query, so the result is NULL
	RETURN marsql.chunked_from_query(
		CASE WHEN source IS NOT NULL AND "column" IS NOT NULL THEN
		pg_catalog.format('SELECT %I FROM %s', "column", source)
		|| CASE WHEN order_by IS NULL THEN '' ELSE pg_catalog.format(' ORDER BY %I', order_by) END
		END,
		tile, dtype, target);
COMMENT ON FUNCTION marsql.chunked_from_table(regclass, name, name, integer[], text, text) IS
	'a 2-D chunked tensor from a table column, one row per matrix row, in order_by order';

-- Reading back.
CREATE FUNCTION marsql.to_tensor(ct marsql.chunked_tensor) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'chunked_to_tensor_sql' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.to_tensor(marsql.chunked_tensor) IS 'the whole chunked tensor as one tensor (at most 1 GB)';

CREATE FUNCTION marsql.slice(ct marsql.chunked_tensor, start bigint[] DEFAULT NULL, stop bigint[] DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'chunked_slice' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.slice(marsql.chunked_tensor, bigint[], bigint[]) IS
	'the block [start, stop) of a chunked tensor as a tensor (numpy slice bounds)';

CREATE FUNCTION marsql.tiles(ct marsql.chunked_tensor, with_data boolean DEFAULT false,
							 OUT tile integer[], OUT start bigint[], OUT stop bigint[],
							 OUT shape integer[], OUT data marsql.tensor)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'chunked_tiles' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.tiles(marsql.chunked_tensor, boolean) IS
	'the tiles of a chunked tensor: coordinates, element range, shape, and the data when asked';

CREATE FUNCTION marsql.to_table(ct marsql.chunked_tensor, target text) RETURNS bigint
	AS 'MODULE_PATHNAME', 'chunked_to_table' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.to_table(marsql.chunked_tensor, text) IS
	'writes the rows of a chunked tensor (along its last axis) into a new table; returns the row count';

CREATE FUNCTION marsql.drop(ct marsql.chunked_tensor) RETURNS void
	AS 'MODULE_PATHNAME', 'chunked_drop_sql' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.drop(marsql.chunked_tensor) IS 'drops the storage table of a chunked tensor';

-- Products.
CREATE FUNCTION marsql.matmul(a marsql.chunked_tensor, b marsql.chunked_tensor, tile integer[] DEFAULT NULL, target text DEFAULT NULL)
	RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_matmul_cc' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.matmul(marsql.chunked_tensor, marsql.chunked_tensor, integer[], text) IS
	'tiled matrix product on the engine, with a tree summation over the inner dimension';
CREATE FUNCTION marsql.matmul(a marsql.chunked_tensor, b marsql.tensor, tile integer[] DEFAULT NULL, target text DEFAULT NULL)
	RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_matmul_ct' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.matmul(marsql.chunked_tensor, marsql.tensor, integer[], text) IS
	'tiled matrix product on the engine, with a tree summation over the inner dimension';
CREATE FUNCTION marsql.matmul(a marsql.tensor, b marsql.chunked_tensor, tile integer[] DEFAULT NULL, target text DEFAULT NULL)
	RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_matmul_tc' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.matmul(marsql.tensor, marsql.chunked_tensor, integer[], text) IS
	'tiled matrix product on the engine, with a tree summation over the inner dimension';

-- Elementwise operations, numpy broadcasting.
CREATE FUNCTION marsql.add(a marsql.chunked_tensor, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.add(marsql.chunked_tensor, marsql.chunked_tensor, text) IS 'elementwise sum, tiled';
CREATE FUNCTION marsql.chunked_add_op(a marsql.chunked_tensor, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_add_op(marsql.chunked_tensor, marsql.chunked_tensor) IS 'implements the + operator on chunked tensors';
CREATE OPERATOR marsql.+ (LEFTARG = marsql.chunked_tensor, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_add_op);
CREATE FUNCTION marsql.add(a marsql.chunked_tensor, b marsql.tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.add(marsql.chunked_tensor, marsql.tensor, text) IS 'elementwise sum, tiled';
CREATE FUNCTION marsql.chunked_add_op(a marsql.chunked_tensor, b marsql.tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_add_op(marsql.chunked_tensor, marsql.tensor) IS 'implements the + operator on chunked tensors';
CREATE OPERATOR marsql.+ (LEFTARG = marsql.chunked_tensor, RIGHTARG = marsql.tensor, FUNCTION = marsql.chunked_add_op);
CREATE FUNCTION marsql.add(a marsql.tensor, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.add(marsql.tensor, marsql.chunked_tensor, text) IS 'elementwise sum, tiled';
CREATE FUNCTION marsql.chunked_add_op(a marsql.tensor, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_add_op(marsql.tensor, marsql.chunked_tensor) IS 'implements the + operator on chunked tensors';
CREATE OPERATOR marsql.+ (LEFTARG = marsql.tensor, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_add_op);
CREATE FUNCTION marsql.add(a marsql.chunked_tensor, b double precision, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.add(marsql.chunked_tensor, double precision, text) IS 'elementwise sum, tiled';
CREATE FUNCTION marsql.chunked_add_op(a marsql.chunked_tensor, b double precision) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_add_op(marsql.chunked_tensor, double precision) IS 'implements the + operator on chunked tensors';
CREATE OPERATOR marsql.+ (LEFTARG = marsql.chunked_tensor, RIGHTARG = double precision, FUNCTION = marsql.chunked_add_op);
CREATE FUNCTION marsql.add(a double precision, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.add(double precision, marsql.chunked_tensor, text) IS 'elementwise sum, tiled';
CREATE FUNCTION marsql.chunked_add_op(a double precision, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_add' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_add_op(double precision, marsql.chunked_tensor) IS 'implements the + operator on chunked tensors';
CREATE OPERATOR marsql.+ (LEFTARG = double precision, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_add_op);
CREATE FUNCTION marsql.subtract(a marsql.chunked_tensor, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.subtract(marsql.chunked_tensor, marsql.chunked_tensor, text) IS 'elementwise difference, tiled';
CREATE FUNCTION marsql.chunked_subtract_op(a marsql.chunked_tensor, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_subtract_op(marsql.chunked_tensor, marsql.chunked_tensor) IS 'implements the - operator on chunked tensors';
CREATE OPERATOR marsql.- (LEFTARG = marsql.chunked_tensor, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_subtract_op);
CREATE FUNCTION marsql.subtract(a marsql.chunked_tensor, b marsql.tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.subtract(marsql.chunked_tensor, marsql.tensor, text) IS 'elementwise difference, tiled';
CREATE FUNCTION marsql.chunked_subtract_op(a marsql.chunked_tensor, b marsql.tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_subtract_op(marsql.chunked_tensor, marsql.tensor) IS 'implements the - operator on chunked tensors';
CREATE OPERATOR marsql.- (LEFTARG = marsql.chunked_tensor, RIGHTARG = marsql.tensor, FUNCTION = marsql.chunked_subtract_op);
CREATE FUNCTION marsql.subtract(a marsql.tensor, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.subtract(marsql.tensor, marsql.chunked_tensor, text) IS 'elementwise difference, tiled';
CREATE FUNCTION marsql.chunked_subtract_op(a marsql.tensor, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_subtract_op(marsql.tensor, marsql.chunked_tensor) IS 'implements the - operator on chunked tensors';
CREATE OPERATOR marsql.- (LEFTARG = marsql.tensor, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_subtract_op);
CREATE FUNCTION marsql.subtract(a marsql.chunked_tensor, b double precision, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.subtract(marsql.chunked_tensor, double precision, text) IS 'elementwise difference, tiled';
CREATE FUNCTION marsql.chunked_subtract_op(a marsql.chunked_tensor, b double precision) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_subtract_op(marsql.chunked_tensor, double precision) IS 'implements the - operator on chunked tensors';
CREATE OPERATOR marsql.- (LEFTARG = marsql.chunked_tensor, RIGHTARG = double precision, FUNCTION = marsql.chunked_subtract_op);
CREATE FUNCTION marsql.subtract(a double precision, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.subtract(double precision, marsql.chunked_tensor, text) IS 'elementwise difference, tiled';
CREATE FUNCTION marsql.chunked_subtract_op(a double precision, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_subtract' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_subtract_op(double precision, marsql.chunked_tensor) IS 'implements the - operator on chunked tensors';
CREATE OPERATOR marsql.- (LEFTARG = double precision, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_subtract_op);
CREATE FUNCTION marsql.multiply(a marsql.chunked_tensor, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.multiply(marsql.chunked_tensor, marsql.chunked_tensor, text) IS 'elementwise product, tiled';
CREATE FUNCTION marsql.chunked_multiply_op(a marsql.chunked_tensor, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_multiply_op(marsql.chunked_tensor, marsql.chunked_tensor) IS 'implements the * operator on chunked tensors';
CREATE OPERATOR marsql.* (LEFTARG = marsql.chunked_tensor, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_multiply_op);
CREATE FUNCTION marsql.multiply(a marsql.chunked_tensor, b marsql.tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.multiply(marsql.chunked_tensor, marsql.tensor, text) IS 'elementwise product, tiled';
CREATE FUNCTION marsql.chunked_multiply_op(a marsql.chunked_tensor, b marsql.tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_multiply_op(marsql.chunked_tensor, marsql.tensor) IS 'implements the * operator on chunked tensors';
CREATE OPERATOR marsql.* (LEFTARG = marsql.chunked_tensor, RIGHTARG = marsql.tensor, FUNCTION = marsql.chunked_multiply_op);
CREATE FUNCTION marsql.multiply(a marsql.tensor, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.multiply(marsql.tensor, marsql.chunked_tensor, text) IS 'elementwise product, tiled';
CREATE FUNCTION marsql.chunked_multiply_op(a marsql.tensor, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_multiply_op(marsql.tensor, marsql.chunked_tensor) IS 'implements the * operator on chunked tensors';
CREATE OPERATOR marsql.* (LEFTARG = marsql.tensor, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_multiply_op);
CREATE FUNCTION marsql.multiply(a marsql.chunked_tensor, b double precision, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.multiply(marsql.chunked_tensor, double precision, text) IS 'elementwise product, tiled';
CREATE FUNCTION marsql.chunked_multiply_op(a marsql.chunked_tensor, b double precision) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_multiply_op(marsql.chunked_tensor, double precision) IS 'implements the * operator on chunked tensors';
CREATE OPERATOR marsql.* (LEFTARG = marsql.chunked_tensor, RIGHTARG = double precision, FUNCTION = marsql.chunked_multiply_op);
CREATE FUNCTION marsql.multiply(a double precision, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.multiply(double precision, marsql.chunked_tensor, text) IS 'elementwise product, tiled';
CREATE FUNCTION marsql.chunked_multiply_op(a double precision, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_multiply' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_multiply_op(double precision, marsql.chunked_tensor) IS 'implements the * operator on chunked tensors';
CREATE OPERATOR marsql.* (LEFTARG = double precision, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_multiply_op);
CREATE FUNCTION marsql.divide(a marsql.chunked_tensor, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.divide(marsql.chunked_tensor, marsql.chunked_tensor, text) IS 'elementwise quotient, tiled';
CREATE FUNCTION marsql.chunked_divide_op(a marsql.chunked_tensor, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_divide_op(marsql.chunked_tensor, marsql.chunked_tensor) IS 'implements the / operator on chunked tensors';
CREATE OPERATOR marsql./ (LEFTARG = marsql.chunked_tensor, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_divide_op);
CREATE FUNCTION marsql.divide(a marsql.chunked_tensor, b marsql.tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.divide(marsql.chunked_tensor, marsql.tensor, text) IS 'elementwise quotient, tiled';
CREATE FUNCTION marsql.chunked_divide_op(a marsql.chunked_tensor, b marsql.tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_divide_op(marsql.chunked_tensor, marsql.tensor) IS 'implements the / operator on chunked tensors';
CREATE OPERATOR marsql./ (LEFTARG = marsql.chunked_tensor, RIGHTARG = marsql.tensor, FUNCTION = marsql.chunked_divide_op);
CREATE FUNCTION marsql.divide(a marsql.tensor, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.divide(marsql.tensor, marsql.chunked_tensor, text) IS 'elementwise quotient, tiled';
CREATE FUNCTION marsql.chunked_divide_op(a marsql.tensor, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_divide_op(marsql.tensor, marsql.chunked_tensor) IS 'implements the / operator on chunked tensors';
CREATE OPERATOR marsql./ (LEFTARG = marsql.tensor, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_divide_op);
CREATE FUNCTION marsql.divide(a marsql.chunked_tensor, b double precision, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.divide(marsql.chunked_tensor, double precision, text) IS 'elementwise quotient, tiled';
CREATE FUNCTION marsql.chunked_divide_op(a marsql.chunked_tensor, b double precision) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_divide_op(marsql.chunked_tensor, double precision) IS 'implements the / operator on chunked tensors';
CREATE OPERATOR marsql./ (LEFTARG = marsql.chunked_tensor, RIGHTARG = double precision, FUNCTION = marsql.chunked_divide_op);
CREATE FUNCTION marsql.divide(a double precision, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.divide(double precision, marsql.chunked_tensor, text) IS 'elementwise quotient, tiled';
CREATE FUNCTION marsql.chunked_divide_op(a double precision, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_divide' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_divide_op(double precision, marsql.chunked_tensor) IS 'implements the / operator on chunked tensors';
CREATE OPERATOR marsql./ (LEFTARG = double precision, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_divide_op);
CREATE FUNCTION marsql.power(a marsql.chunked_tensor, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.power(marsql.chunked_tensor, marsql.chunked_tensor, text) IS 'elementwise power, tiled';
CREATE FUNCTION marsql.chunked_power_op(a marsql.chunked_tensor, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_power_op(marsql.chunked_tensor, marsql.chunked_tensor) IS 'implements the ^ operator on chunked tensors';
CREATE OPERATOR marsql.^ (LEFTARG = marsql.chunked_tensor, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_power_op);
CREATE FUNCTION marsql.power(a marsql.chunked_tensor, b marsql.tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.power(marsql.chunked_tensor, marsql.tensor, text) IS 'elementwise power, tiled';
CREATE FUNCTION marsql.chunked_power_op(a marsql.chunked_tensor, b marsql.tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_power_op(marsql.chunked_tensor, marsql.tensor) IS 'implements the ^ operator on chunked tensors';
CREATE OPERATOR marsql.^ (LEFTARG = marsql.chunked_tensor, RIGHTARG = marsql.tensor, FUNCTION = marsql.chunked_power_op);
CREATE FUNCTION marsql.power(a marsql.tensor, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.power(marsql.tensor, marsql.chunked_tensor, text) IS 'elementwise power, tiled';
CREATE FUNCTION marsql.chunked_power_op(a marsql.tensor, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_power_op(marsql.tensor, marsql.chunked_tensor) IS 'implements the ^ operator on chunked tensors';
CREATE OPERATOR marsql.^ (LEFTARG = marsql.tensor, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_power_op);
CREATE FUNCTION marsql.power(a marsql.chunked_tensor, b double precision, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.power(marsql.chunked_tensor, double precision, text) IS 'elementwise power, tiled';
CREATE FUNCTION marsql.chunked_power_op(a marsql.chunked_tensor, b double precision) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_power_op(marsql.chunked_tensor, double precision) IS 'implements the ^ operator on chunked tensors';
CREATE OPERATOR marsql.^ (LEFTARG = marsql.chunked_tensor, RIGHTARG = double precision, FUNCTION = marsql.chunked_power_op);
CREATE FUNCTION marsql.power(a double precision, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.power(double precision, marsql.chunked_tensor, text) IS 'elementwise power, tiled';
CREATE FUNCTION marsql.chunked_power_op(a double precision, b marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_power' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_power_op(double precision, marsql.chunked_tensor) IS 'implements the ^ operator on chunked tensors';
CREATE OPERATOR marsql.^ (LEFTARG = double precision, RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_power_op);
CREATE FUNCTION marsql.maximum(a marsql.chunked_tensor, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_maximum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.maximum(marsql.chunked_tensor, marsql.chunked_tensor, text) IS 'elementwise larger value (NaN wins), tiled';
CREATE FUNCTION marsql.maximum(a marsql.chunked_tensor, b marsql.tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_maximum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.maximum(marsql.chunked_tensor, marsql.tensor, text) IS 'elementwise larger value (NaN wins), tiled';
CREATE FUNCTION marsql.maximum(a marsql.tensor, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_maximum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.maximum(marsql.tensor, marsql.chunked_tensor, text) IS 'elementwise larger value (NaN wins), tiled';
CREATE FUNCTION marsql.maximum(a marsql.chunked_tensor, b double precision, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_maximum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.maximum(marsql.chunked_tensor, double precision, text) IS 'elementwise larger value (NaN wins), tiled';
CREATE FUNCTION marsql.maximum(a double precision, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_maximum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.maximum(double precision, marsql.chunked_tensor, text) IS 'elementwise larger value (NaN wins), tiled';
CREATE FUNCTION marsql.minimum(a marsql.chunked_tensor, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_minimum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.minimum(marsql.chunked_tensor, marsql.chunked_tensor, text) IS 'elementwise smaller value (NaN wins), tiled';
CREATE FUNCTION marsql.minimum(a marsql.chunked_tensor, b marsql.tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_minimum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.minimum(marsql.chunked_tensor, marsql.tensor, text) IS 'elementwise smaller value (NaN wins), tiled';
CREATE FUNCTION marsql.minimum(a marsql.tensor, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_minimum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.minimum(marsql.tensor, marsql.chunked_tensor, text) IS 'elementwise smaller value (NaN wins), tiled';
CREATE FUNCTION marsql.minimum(a marsql.chunked_tensor, b double precision, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_minimum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.minimum(marsql.chunked_tensor, double precision, text) IS 'elementwise smaller value (NaN wins), tiled';
CREATE FUNCTION marsql.minimum(a double precision, b marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_minimum' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.minimum(double precision, marsql.chunked_tensor, text) IS 'elementwise smaller value (NaN wins), tiled';

-- Unary functions: the function's name picks the operation.
CREATE FUNCTION marsql.negative(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.negative(marsql.chunked_tensor, text) IS 'elementwise negative, tiled';
CREATE FUNCTION marsql.abs(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.abs(marsql.chunked_tensor, text) IS 'elementwise abs, tiled';
CREATE FUNCTION marsql.sqrt(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.sqrt(marsql.chunked_tensor, text) IS 'elementwise sqrt, tiled';
CREATE FUNCTION marsql.exp(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.exp(marsql.chunked_tensor, text) IS 'elementwise exp, tiled';
CREATE FUNCTION marsql.log(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.log(marsql.chunked_tensor, text) IS 'elementwise log, tiled';
CREATE FUNCTION marsql.log1p(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.log1p(marsql.chunked_tensor, text) IS 'elementwise log1p, tiled';
CREATE FUNCTION marsql.expm1(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.expm1(marsql.chunked_tensor, text) IS 'elementwise expm1, tiled';
CREATE FUNCTION marsql.sin(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.sin(marsql.chunked_tensor, text) IS 'elementwise sin, tiled';
CREATE FUNCTION marsql.cos(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.cos(marsql.chunked_tensor, text) IS 'elementwise cos, tiled';
CREATE FUNCTION marsql.tan(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.tan(marsql.chunked_tensor, text) IS 'elementwise tan, tiled';
CREATE FUNCTION marsql.tanh(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.tanh(marsql.chunked_tensor, text) IS 'elementwise tanh, tiled';
CREATE FUNCTION marsql.sigmoid(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.sigmoid(marsql.chunked_tensor, text) IS 'elementwise sigmoid, tiled';
CREATE FUNCTION marsql.relu(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.relu(marsql.chunked_tensor, text) IS 'elementwise relu, tiled';
CREATE FUNCTION marsql.floor(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.floor(marsql.chunked_tensor, text) IS 'elementwise floor, tiled';
CREATE FUNCTION marsql.ceil(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.ceil(marsql.chunked_tensor, text) IS 'elementwise ceil, tiled';
CREATE FUNCTION marsql.sign(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.sign(marsql.chunked_tensor, text) IS 'elementwise sign, tiled';
CREATE FUNCTION marsql.square(ct marsql.chunked_tensor, target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.square(marsql.chunked_tensor, text) IS 'elementwise square, tiled';
CREATE FUNCTION marsql.chunked_negative_op(ct marsql.chunked_tensor) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_unary' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.chunked_negative_op(marsql.chunked_tensor) IS 'implements the prefix - operator on chunked tensors';
CREATE OPERATOR marsql.- (RIGHTARG = marsql.chunked_tensor, FUNCTION = marsql.chunked_negative_op);

-- Reductions: over everything a 0-d tensor, along an axis a chunked tensor.
CREATE FUNCTION marsql.sum(ct marsql.chunked_tensor) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'chunked_reduce_all' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.sum(marsql.chunked_tensor) IS 'sum of every element, by tree reduction on the engine';
CREATE FUNCTION marsql.sum(ct marsql.chunked_tensor, axis integer, keepdims boolean DEFAULT false,
						   target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_reduce_axis' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.sum(marsql.chunked_tensor, integer, boolean, text) IS
	'sum along an axis (NULL: all, as shape (1,)), by tree reduction on the engine';
CREATE FUNCTION marsql.prod(ct marsql.chunked_tensor) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'chunked_reduce_all' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.prod(marsql.chunked_tensor) IS 'prod of every element, by tree reduction on the engine';
CREATE FUNCTION marsql.prod(ct marsql.chunked_tensor, axis integer, keepdims boolean DEFAULT false,
						   target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_reduce_axis' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.prod(marsql.chunked_tensor, integer, boolean, text) IS
	'prod along an axis (NULL: all, as shape (1,)), by tree reduction on the engine';
CREATE FUNCTION marsql.mean(ct marsql.chunked_tensor) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'chunked_reduce_all' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.mean(marsql.chunked_tensor) IS 'mean of every element, by tree reduction on the engine';
CREATE FUNCTION marsql.mean(ct marsql.chunked_tensor, axis integer, keepdims boolean DEFAULT false,
						   target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_reduce_axis' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.mean(marsql.chunked_tensor, integer, boolean, text) IS
	'mean along an axis (NULL: all, as shape (1,)), by tree reduction on the engine';
CREATE FUNCTION marsql.min(ct marsql.chunked_tensor) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'chunked_reduce_all' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.min(marsql.chunked_tensor) IS 'min of every element, by tree reduction on the engine';
CREATE FUNCTION marsql.min(ct marsql.chunked_tensor, axis integer, keepdims boolean DEFAULT false,
						   target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_reduce_axis' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.min(marsql.chunked_tensor, integer, boolean, text) IS
	'min along an axis (NULL: all, as shape (1,)), by tree reduction on the engine';
CREATE FUNCTION marsql.max(ct marsql.chunked_tensor) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'chunked_reduce_all' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.max(marsql.chunked_tensor) IS 'max of every element, by tree reduction on the engine';
CREATE FUNCTION marsql.max(ct marsql.chunked_tensor, axis integer, keepdims boolean DEFAULT false,
						   target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_reduce_axis' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.max(marsql.chunked_tensor, integer, boolean, text) IS
	'max along an axis (NULL: all, as shape (1,)), by tree reduction on the engine';
CREATE FUNCTION marsql.var(ct marsql.chunked_tensor) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'chunked_reduce_all' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.var(marsql.chunked_tensor) IS 'var of every element, by tree reduction on the engine';
CREATE FUNCTION marsql.var(ct marsql.chunked_tensor, axis integer, keepdims boolean DEFAULT false,
						   target text DEFAULT NULL, ddof integer DEFAULT 0) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_reduce_axis' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.var(marsql.chunked_tensor, integer, boolean, text, integer) IS
	'var along an axis (NULL: all, as shape (1,)), by tree reduction on the engine';
CREATE FUNCTION marsql.std(ct marsql.chunked_tensor) RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'chunked_reduce_all' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.std(marsql.chunked_tensor) IS 'std of every element, by tree reduction on the engine';
CREATE FUNCTION marsql.std(ct marsql.chunked_tensor, axis integer, keepdims boolean DEFAULT false,
						   target text DEFAULT NULL, ddof integer DEFAULT 0) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_reduce_axis' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.std(marsql.chunked_tensor, integer, boolean, text, integer) IS
	'std along an axis (NULL: all, as shape (1,)), by tree reduction on the engine';

-- Shape.
CREATE FUNCTION marsql.transpose(ct marsql.chunked_tensor, axes integer[] DEFAULT NULL, target text DEFAULT NULL)
	RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_transpose' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.transpose(marsql.chunked_tensor, integer[], text) IS 'permuted axes (reversed by default), tile by tile';

CREATE FUNCTION marsql.rechunk(ct marsql.chunked_tensor, tile integer[], target text DEFAULT NULL) RETURNS marsql.chunked_tensor
	AS 'MODULE_PATHNAME', 'chunked_rechunk' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.rechunk(marsql.chunked_tensor, integer[], text) IS 'the same array with new tile boundaries';

-- Explain.
CREATE FUNCTION marsql.explain(query text, format text DEFAULT 'text', run boolean DEFAULT false)
	RETURNS SETOF text
	AS 'MODULE_PATHNAME', 'chunked_explain' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION marsql.explain(text, text, boolean) IS
	'the tile graphs of the chunked operations in a query, as text or Graphviz DOT; run => true runs them and shows executors and times';

CREATE FUNCTION marsql.tile_cache_stats(
	OUT operation text, OUT inputs text,
	OUT tile_reads bigint, OUT cache_hits bigint, OUT hit_rate double precision,
	OUT bytes_read bigint,
	OUT caller_reads bigint, OUT caller_hits bigint, OUT caller_read_seconds double precision,
	OUT executor_reads bigint, OUT executor_hits bigint, OUT executor_read_seconds double precision,
	OUT run_seconds double precision)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'chunked_tile_cache_stats' LANGUAGE C VOLATILE PARALLEL UNSAFE ROWS 1;
COMMENT ON FUNCTION marsql.tile_cache_stats() IS
	'the input tile reads of the last chunked operation this session ran: reads from storage, tile cache hits and read time, in the calling backend and in executors (no row before the first)';
