-- chunked_robust: chunked_from_query keeps every row when a tile boundary
-- falls inside a cursor batch; marsql.explain writes nothing; every
-- marsql.reduce_fanin in its range works; storage is found by OID.
-- Everything this file makes lives in its own schema, first on the path.
CREATE SCHEMA robust;
SET search_path = robust, marsql, public;
CREATE FUNCTION mask(t text) RETURNS text LANGUAGE sql
	AS $$SELECT regexp_replace(regexp_replace(t, 'marsql_chunk_[0-9]+_[0-9]+', 'marsql_chunk_P_N', 'g'),
							  'marsql_result\.chunk_[0-9]+_[0-9]+_[0-9]+', 'marsql_result.chunk_P_S_N', 'g')$$;

-- ---------- chunked_from_query: no row lost ----------
-- row i of every source is [i * w, i * w + 1, ..., i * w + w - 1], so the
-- matrix is reshape(arange(0, rows * w), {rows, w})
CREATE FUNCTION rows_of(n int, w int) RETURNS TABLE (i int, v double precision[])
LANGUAGE sql AS $$
	SELECT i, ARRAY(SELECT (i * w + j)::double precision FROM generate_series(0, w - 1) j)
	FROM generate_series(0, n - 1) i
$$;
CREATE FUNCTION check_rows(c chunked_tensor, n int, w int) RETURNS text
LANGUAGE sql AS $$
	SELECT format('%s tiles %s: %s', shape(c), tile_shape(c),
				  CASE WHEN to_tensor(c) = reshape(arange(0, n * w), ARRAY[n, w])
				  THEN 'equal' ELSE 'DIFFERENT' END)
$$;

-- 100 rows in tiles of 2 x 2: a flush every other row (it kept 2 rows)
SELECT check_rows(chunked_from_query('SELECT v FROM rows_of(100, 2) ORDER BY i', '{2,2}'), 100, 2);
-- odd sizes: ragged last band and last tile column
SELECT check_rows(chunked_from_query('SELECT v FROM rows_of(101, 5) ORDER BY i', '{7,3}'), 101, 5);
SELECT check_rows(chunked_from_query('SELECT v FROM rows_of(1, 3)', '{4,4}'), 1, 3);
-- cursor batches are 1000 rows: tile boundaries at 999 and 1998 fall inside them
SELECT check_rows(chunked_from_query('SELECT v FROM rows_of(2500, 2) ORDER BY i', '{999,2}'), 2500, 2);
-- a boundary exactly at the end of a batch
SELECT check_rows(chunked_from_query('SELECT v FROM rows_of(2001, 2) ORDER BY i', '{1000,2}'), 2001, 2);
-- float32 conversion and tensor rows take the same path
SELECT check_rows(chunked_from_query('SELECT v FROM rows_of(2500, 3) ORDER BY i', '{999,2}', 'float32'), 2500, 3);
SELECT check_rows(chunked_from_query('SELECT arange(i * 3, i * 3 + 3) FROM generate_series(0, 2499) i ORDER BY i',
									 '{999,3}'), 2500, 3);
-- the default tile (from marsql.tile_bytes: 256 rows of 32 values) across
-- several cursor batches; test/t/007_chunked_large.pl does this with the
-- default 16 MB tiles
CREATE TABLE rows_5000 AS SELECT * FROM rows_of(5000, 32);
SET marsql.tile_bytes = '64kB';
SELECT check_rows(chunked_from_query('SELECT v FROM rows_5000 ORDER BY i'), 5000, 32);
SELECT check_rows(chunked_from_table('rows_5000', 'v', 'i'), 5000, 32);
SELECT sum(chunked_from_table('rows_5000', 'v', 'i'))::text AS chunked_sum,
	   (SELECT sum(x) FROM rows_5000, unnest(v) x) AS sql_sum;
RESET marsql.tile_bytes;
-- the query only reads: a data-modifying WITH or FOR UPDATE is refused
CREATE TABLE from_query_loot (x int);
SELECT try_sql($$SELECT shape(chunked_from_query('WITH x AS (INSERT INTO from_query_loot VALUES (99) RETURNING 1) SELECT ARRAY[1.0]::float8[] FROM x'))$$);
SELECT try_sql($$SELECT shape(chunked_from_query('SELECT ARRAY[x]::float8[] FROM from_query_loot FOR UPDATE'))$$);
SELECT count(*) AS nothing_written FROM from_query_loot;
DROP TABLE from_query_loot;

-- ---------- explain writes nothing ----------
CREATE TABLE w (a int);
INSERT INTO w VALUES (1);
CREATE TEMP TABLE tw (a int);
CREATE SEQUENCE w_seq;
CREATE FUNCTION w_insert() RETURNS int LANGUAGE plpgsql
	AS $$BEGIN INSERT INTO w VALUES (2); RETURN 1; END$$;
CREATE FUNCTION w_insert_temp() RETURNS int LANGUAGE plpgsql
	AS $$BEGIN INSERT INTO tw VALUES (2); RETURN 1; END$$;
CREATE FUNCTION w_create() RETURNS int LANGUAGE plpgsql
	AS $$BEGIN CREATE TABLE w_made (a int); RETURN 1; END$$;
CREATE FUNCTION w_drop() RETURNS int LANGUAGE plpgsql
	AS $$BEGIN PERFORM marsql.drop(marsql.chunked_tensor('w_array')); RETURN 1; END$$;
SELECT chunked_zeros('{2,2}', target => 'w_array') IS NOT NULL AS made;

SELECT try_sql($$SELECT count(*) FROM explain('DELETE FROM w')$$) AS delete;
SELECT try_sql($$SELECT count(*) FROM explain('UPDATE w SET a = 3')$$) AS update;
SELECT try_sql($$SELECT count(*) FROM explain('INSERT INTO w VALUES (4)')$$) AS insert;
SELECT try_sql($$SELECT count(*) FROM explain('CREATE TABLE w_made (a int)')$$) AS create_table;
SELECT try_sql($$SELECT count(*) FROM explain('SELECT 1; DELETE FROM w')$$) AS two_statements;
SELECT try_sql($$SELECT count(*) FROM explain('SELECT 1;;SELECT 2')$$) AS two_selects;
SELECT try_sql($$SELECT count(*) FROM explain('')$$) AS no_statement;
SELECT try_sql($$SELECT count(*) FROM explain('SELECT 1 INTO w_made')$$) AS select_into;
SELECT try_sql($$SELECT count(*) FROM explain('SELECT 1 INTO w_made UNION SELECT 2')$$) AS select_into_union;
SELECT try_sql($$SELECT count(*) FROM explain('WITH d AS (DELETE FROM w RETURNING a) SELECT * FROM d')$$) AS writing_cte;
SELECT try_sql($$SELECT count(*) FROM explain('SELECT * FROM w FOR UPDATE')$$) AS for_update;
SELECT try_sql($$SELECT count(*) FROM explain('SELECT * FROM (SELECT * FROM w FOR SHARE) s')$$) AS subquery_for_share;
SELECT try_sql($$SELECT count(*) FROM explain('SELECT (SELECT a FROM w FOR KEY SHARE)')$$) AS sublink_for_key_share;
-- what the query calls runs read-only: writes fail with 25006
SELECT try_sql($$SELECT count(*) FROM explain('SELECT w_insert()')$$) AS function_inserts;
SELECT try_sql($$SELECT count(*) FROM explain('SELECT w_create()')$$) AS function_creates;
SELECT try_sql($$SELECT count(*) FROM explain('SELECT w_drop()')$$) AS function_drops_array;
SELECT try_sql($$SELECT count(*) FROM explain($q$SELECT nextval('w_seq')$q$)$$) AS nextval;
SELECT try_sql($$SELECT count(*) FROM explain($q$SELECT marsql.to_table(marsql.chunked_tensor('w_array'), 'w_made')$q$)$$) AS to_table;
-- read-only transactions allow writing temporary tables: undone instead
SELECT try_sql($$SELECT count(*) FROM explain('SELECT w_insert_temp()')$$) AS function_inserts_temp;
-- run => true runs the query, so it takes one SELECT too
SELECT try_sql($$SELECT count(*) FROM explain('DELETE FROM w', run => true)$$) AS delete_run;
SELECT try_sql($$SELECT count(*) FROM explain('SELECT 1; SELECT 2', run => true)$$) AS two_statements_run;
-- planned chunked operations create nothing, chunked_from_query included
SELECT count(*) AS arrays_before FROM arrays \gset
SELECT mask(e) FROM explain($$SELECT marsql.sum(marsql.chunked_from_query('SELECT v FROM rows_of(10, 3)', '{4,3}') * 2)$$) e;
SELECT count(*) - :arrays_before AS new_arrays FROM arrays;
-- nothing was written, and the session is not left read-only
SELECT array_agg(a ORDER BY a) AS w, (SELECT count(*) FROM tw) AS tw,
	   to_regclass('w_made') AS w_made, (SELECT last_value FROM w_seq) AS w_seq,
	   to_regclass('w_array') IS NOT NULL AS w_array_kept FROM w;
SHOW transaction_read_only;
-- in a transaction that goes on, and inside a savepoint that is rolled back
BEGIN;
SELECT try_sql($$SELECT count(*) FROM explain('SELECT w_insert()')$$) AS function_inserts;
INSERT INTO w VALUES (5);
SAVEPOINT s;
SELECT count(*) > 0 AS explained FROM explain($$SELECT marsql.chunked_ones('{3,3}') + 1$$);
ROLLBACK TO SAVEPOINT s;
SELECT array_agg(a ORDER BY a) AS w FROM w;
COMMIT;

-- ---------- marsql.reduce_fanin over its whole range ----------
CREATE TABLE fan AS SELECT reshape(arange(0, 260), '{2,130}') AS a,
	reshape(arange(0, 260), '{130,2}') AS b;
SET marsql.reduce_fanin = 64;
-- 130 inner tiles of 1: gemm tasks of 64 pairs, and a sum tree
SELECT to_tensor(matmul(chunk(a, '{2,1}'), chunk(b, '{1,2}'))) = matmul(a, b) AS fanin_64 FROM fan;
SELECT to_tensor(matmul(chunk(a, '{2,2}'), b)) = matmul(a, b) AS fanin_64_tensor FROM fan;
SELECT mask(e) FROM fan, explain(format('SELECT marsql.matmul(marsql.chunk(%L::marsql.tensor, ''{2,1}''), %L::marsql.tensor)', a, b)) e
	WHERE e ~ '^(matmul:|  task [0-9]+: sum)';
SELECT sum(chunk(arange(0, 130), '{1}'))::text AS sum_130_tiles, var(chunk(arange(0, 130), '{1}'))::text AS var_130_tiles;
SET marsql.reduce_fanin = 2;
SELECT to_tensor(matmul(chunk(a, '{2,1}'), chunk(b, '{1,2}'))) = matmul(a, b) AS fanin_2 FROM fan;
SELECT sum(chunk(arange(0, 130), '{1}'))::text AS sum_130_tiles, var(chunk(arange(0, 130), '{1}'))::text AS var_130_tiles;
SELECT try_sql('SET marsql.reduce_fanin = 65') AS above_range;
-- a task's inputs must fit in one payload: 64 pairs of 16 MB tiles do
-- not, so a gemm task takes 63 (a[.., 0:129024]) and a reduce task 21
-- (planned only: nothing is allocated)
SET marsql.reduce_fanin = 64;
SELECT mask(e) FROM explain($$SELECT marsql.matmul(marsql.chunked_zeros('{1024,131072}', '{1024,2048}'),
												  marsql.chunked_zeros('{131072,1}', '{2048,1}'))$$) e
	WHERE e ~ '^(matmul:|  task [0-9]+: (gemm|sum))';
SELECT mask(e) FROM explain($$SELECT marsql.sum(marsql.chunked_zeros('{1024,131072}', '{1024,2048}'))$$) e
	WHERE e LIKE 'sum:%';
RESET marsql.reduce_fanin;

-- ---------- storage is found by OID, not by name ----------
-- a temporary table of the target's name would shadow the new table on
-- search_path; the array is the table created, in robust (first on the path)
CREATE TEMP TABLE shadow (tile integer[] PRIMARY KEY, data tensor NOT NULL);
SELECT chunk(arange(0, 6), '{4}', target => 'shadow') AS c \gset
SELECT storage(:'c'::chunked_tensor) = 'robust.shadow'::regclass AS in_robust,
	   (SELECT count(*) FROM pg_temp.shadow) AS rows_in_temp,
	   (SELECT count(*) FROM robust.shadow) AS rows_in_array,
	   to_tensor(:'c'::chunked_tensor)::text AS data;
CREATE TEMP TABLE shadow_rows (i bigint PRIMARY KEY, value double precision NOT NULL);
SELECT to_table(:'c'::chunked_tensor, 'shadow_rows') AS written,
	   (SELECT count(*) FROM pg_temp.shadow_rows) AS rows_in_temp;
SELECT count(*) AS rows_in_new FROM robust.shadow_rows;
-- ---------- renames are followed, by OID ----------
-- an array follows its storage table through a rename, another session's
-- registration (which once deleted the row of a renamed table), a rename
-- back, ALTER TABLE ... SET SCHEMA and ALTER SCHEMA ... RENAME; a table
-- put under an old name is not the array; a drop deletes the row
CREATE FUNCTION keep(c chunked_tensor) RETURNS chunked_tensor LANGUAGE sql AS 'SELECT c';
CREATE FUNCTION catalog_rows(relid oid) RETURNS bigint LANGUAGE sql
	AS 'SELECT count(*) FROM marsql.array_catalog WHERE storage::oid = relid';
CREATE TABLE kept AS SELECT keep(chunk(arange(0, 4), target => 'kept_array')) AS c;
SELECT c::text AS kept_text, storage(c)::oid AS kept_oid FROM kept \gset
ALTER TABLE kept_array RENAME TO kept_array_away;
SELECT to_tensor(c)::text AS renamed_read, c::text AS renamed_text FROM kept;
SELECT to_tensor(chunked_tensor('kept_array_away'))::text AS reopened,
	   (SELECT shape FROM marsql.arrays WHERE storage = 'kept_array_away'::regclass) AS listed;
-- another registration (this one is temporary) deletes nothing that exists
SELECT size(chunked_zeros('{2}', '{1}')) AS registered_another;
SELECT to_tensor(chunked_tensor('kept_array_away'))::text AS after_registration,
	   sum(c) AS sum_stored FROM kept;
-- a squatter under the old name: neither the stored text form nor a lookup
-- by name makes it the array, and drop of the descriptor leaves it alone
CREATE TABLE kept_array (tile integer[] PRIMARY KEY, data tensor NOT NULL);
INSERT INTO kept_array VALUES ('{0}', arange(100, 104));
SELECT try_sql(format('SELECT marsql.to_tensor(%L::marsql.chunked_tensor)', :'kept_text')) AS old_text_form;
SELECT try_sql('SELECT marsql.chunked_tensor(''robust.kept_array'')::text') AS squatter_open;
SELECT to_tensor(c)::text AS still_the_array FROM kept;
DROP TABLE kept_array;
-- ALTER INDEX renames a table too
ALTER INDEX kept_array_away RENAME TO kept_array_idx;
SELECT size(chunked_zeros('{2}', '{1}')) AS registered_once_more;
SELECT to_tensor(chunked_tensor('kept_array_idx'))::text AS alter_index_renamed;
ALTER TABLE kept_array_idx RENAME TO kept_array_away;
-- rename back, move to another schema, rename that schema
ALTER TABLE kept_array_away RENAME TO kept_array;
SELECT to_tensor(c)::text AS renamed_back, c::text AS back_text FROM kept;
CREATE SCHEMA robust_moved;
ALTER TABLE kept_array SET SCHEMA robust_moved;
SELECT size(chunked_zeros('{2}', '{1}')) AS registered_again;
SELECT to_tensor(c)::text AS moved_read, c::text AS moved_text,
	   (SELECT storage FROM marsql.arrays WHERE storage = storage(c)) AS listed_as FROM kept;
ALTER SCHEMA robust_moved RENAME TO robust_moved2;
SELECT to_tensor(chunked_tensor('robust_moved2.kept_array'))::text AS schema_renamed;
-- a rename the event triggers miss hides the array; a registration keeps
-- its row, and putting the name back shows it again
SET session_replication_role = replica;
ALTER TABLE robust_moved2.kept_array RENAME TO unseen;
RESET session_replication_role;
SELECT try_sql('SELECT marsql.to_tensor(marsql.chunked_tensor(''robust_moved2.unseen''))::text') AS missed_rename;
SELECT size(chunked_zeros('{2}', '{1}')) AS registered_while_hidden;
SELECT catalog_rows(:kept_oid) AS row_kept;
SET session_replication_role = replica;
ALTER TABLE robust_moved2.unseen RENAME TO kept_array;
RESET session_replication_role;
SELECT to_tensor(c)::text AS shown_again FROM kept;
-- drop: the row goes at once; the stored descriptor gives 42P01
DROP TABLE robust_moved2.kept_array;
SELECT catalog_rows(:kept_oid) AS rows_after_drop;
SELECT try_sql('SELECT marsql.to_tensor(c)::text FROM kept') AS dropped_storage;
SELECT try_sql('SELECT marsql.chunked_tensor(''robust_moved2.kept_array'')::text') AS dropped_open;
-- DROP SCHEMA ... CASCADE deletes the rows of the arrays in it
SELECT storage(chunk(arange(0, 4), target => 'robust_moved2.doomed'))::oid AS doomed_oid \gset
DROP SCHEMA robust_moved2 CASCADE;
SELECT catalog_rows(:doomed_oid) AS rows_after_drop_schema;
-- a temporary array follows a rename too, through another registration
CREATE TEMP TABLE temp_kept AS SELECT chunk(arange(0, 3)) AS c;
DO $$BEGIN
	EXECUTE format('ALTER TABLE %s RENAME TO temp_renamed', (SELECT marsql.storage(c) FROM temp_kept));
END$$;
SELECT size(chunked_zeros('{2}', '{1}')) AS registered_after_temp_rename;
SELECT to_tensor(c)::text AS temp_stored, storage(c) AS temp_storage,
	   to_tensor(chunked_tensor('pg_temp.temp_renamed'))::text AS temp_renamed_read FROM temp_kept;
-- a stale temporary row (its table went at session end and an unrelated
-- table got the OID; made by hand here) never describes that table, not
-- even after the table is renamed, and the next registration deletes it
CREATE TABLE unrelated (tile integer[] PRIMARY KEY, data tensor NOT NULL);
INSERT INTO marsql.array_catalog (storage, relname, dtype, shape, tile_shape, temporary, created_by)
	VALUES ('unrelated'::regclass, 'marsql_chunk_1_1', 'float64', '{4}', '{4}', true, current_user::regrole);
SELECT try_sql('SELECT marsql.chunked_tensor(''robust.unrelated'')::text') AS stale_open;
ALTER TABLE unrelated RENAME TO unrelated2;
SELECT try_sql('SELECT marsql.chunked_tensor(''robust.unrelated2'')::text') AS stale_after_rename;
SELECT size(chunked_zeros('{2}', '{1}')) AS registered_cleans;
SELECT catalog_rows('unrelated2'::regclass) AS stale_rows;
DROP TABLE unrelated2;

-- ---------- marsql.tile_bytes at its maximum ----------
-- a default tile of 1 GB and its header would not fit in one value: the
-- tile is cut to fit (planned only)
SET marsql.tile_bytes = '1GB';
SELECT mask(e) FROM explain($$SELECT marsql.chunked_zeros('{200000000}')$$) e WHERE e LIKE '  result:%';
RESET marsql.tile_bytes;

-- ---------- another role ----------
-- it may neither read nor drop an array it has no rights on, and gets
-- 42501 before marsql locks the table
CREATE ROLE regress_robust_other;
GRANT USAGE ON SCHEMA robust TO regress_robust_other;
SELECT chunk(arange(0, 4), target => 'robust.private') AS p \gset
SET ROLE regress_robust_other;
SELECT try_sql(format('SELECT marsql.to_tensor(%L::marsql.chunked_tensor)::text', :'p')) AS read_other;
SELECT try_sql(format('SELECT marsql.drop(%L::marsql.chunked_tensor)::text', :'p')) AS drop_other;
RESET ROLE;
SELECT to_tensor(:'p'::chunked_tensor)::text AS still_there;
DROP TABLE robust.private;
DROP OWNED BY regress_robust_other;
DROP ROLE regress_robust_other;
