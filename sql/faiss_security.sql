-- FAISS indexes are bound to their corpus table by OID, not by name: a
-- table dropped (or renamed) by the index's creator cannot be replaced by
-- another role's table of the same name to read the index; dump/restore
-- binds again by name only to a table the creator owns.  And factory
-- strings and search parameters FAISS would trust are checked first.
SET search_path = public, marsql;
SET marsql.faiss_threads = 1;

CREATE ROLE faiss_creator;
CREATE ROLE faiss_squatter;
GRANT USAGE ON SCHEMA marsql TO faiss_creator, faiss_squatter;
GRANT CREATE ON SCHEMA public TO faiss_creator, faiss_squatter;
DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO faiss_creator', current_database()); END $$;

-- ------------------------------------------------ a dropped corpus
SET ROLE faiss_creator;
CREATE TABLE secret AS
	SELECT "row" AS id, "values"::real[] AS emb
	FROM rows(random('{200,16}', 1, 'normal', 'float32'));
SELECT faiss_create('sec_drop', 'secret', 'emb', 'id', 'Flat');
SELECT count(*) AS searches FROM faiss_search('sec_drop', full('{16}', 0), 3);
DROP TABLE secret;
-- unusable, even for its creator
SELECT try_sql($$SELECT count(*) FROM faiss_search('sec_drop', full('{16}', 0), 3)$$);
RESET ROLE;
-- another role makes a table of the same name: the index is not its
SET ROLE faiss_squatter;
CREATE TABLE secret (id bigint, emb real[]);
INSERT INTO secret VALUES (1, array_fill(0::real, ARRAY[16]));
SELECT try_sql($$SELECT count(*) FROM faiss_search('sec_drop', full('{16}', 0), 3)$$);
SELECT try_sql($$SELECT faiss_add('sec_drop', 'true')$$);
SELECT try_sql($$SELECT faiss_add('sec_drop', full('{1,16}', 0), '{1}')$$);
SELECT try_sql($$SELECT faiss_drop('sec_drop')$$);
-- the catalog keeps the name it was built over (the view is public)
SELECT corpus FROM faiss_indexes WHERE name = 'sec_drop';
DROP TABLE secret;
RESET ROLE;
-- nor its creator's new table of that name; dropping it still works
SET ROLE faiss_creator;
CREATE TABLE secret (id bigint, emb real[]);
SELECT try_sql($$SELECT count(*) FROM faiss_search('sec_drop', full('{16}', 0), 3)$$);
SELECT try_sql($$SELECT faiss_add('sec_drop', full('{1,16}', 0), '{1}')$$);
SELECT faiss_drop('sec_drop');
DROP TABLE secret;

-- ------------------------------------------------ a renamed corpus
CREATE TABLE secret2 AS
	SELECT "row" AS id, "values"::real[] AS emb
	FROM rows(random('{200,16}', 2, 'normal', 'float32'));
SELECT faiss_create('sec_ren', 'secret2', 'emb', 'id', 'Flat');
ALTER TABLE secret2 RENAME TO secret2_old;
ALTER TABLE secret2_old RENAME COLUMN emb TO embedding;
-- the index follows its table and columns
SELECT corpus, vector_column, id_column FROM faiss_indexes WHERE name = 'sec_ren';
SELECT count(*) AS searches FROM faiss_search('sec_ren', full('{16}', 0), 3);
SELECT faiss_add('sec_ren', 'id < 5') AS added_by_filter;
RESET ROLE;
SET ROLE faiss_squatter;
CREATE TABLE secret2 (id bigint, emb real[]);
INSERT INTO secret2 VALUES (1, array_fill(0::real, ARRAY[16]));
-- the squatter's table is not the corpus: no SELECT on the real one
SELECT try_sql($$SELECT count(*) FROM faiss_search('sec_ren', full('{16}', 0), 3)$$);
SELECT try_sql($$SELECT faiss_add('sec_ren', 'true')$$);
RESET ROLE;
-- SELECT on the two columns the index holds is enough to search it
GRANT SELECT (id, embedding) ON secret2_old TO faiss_squatter;
SET ROLE faiss_squatter;
SELECT count(*) AS searches_with_column_grants FROM faiss_search('sec_ren', full('{16}', 0), 3);
RESET ROLE;
REVOKE SELECT (id) ON secret2_old FROM faiss_squatter;
SET ROLE faiss_squatter;
SELECT try_sql($$SELECT count(*) FROM faiss_search('sec_ren', full('{16}', 0), 3)$$);
DROP TABLE secret2;
RESET ROLE;

-- a schema renamed, then dropped with its tables
SET ROLE faiss_creator;
CREATE SCHEMA faiss_sec_s;
CREATE TABLE faiss_sec_s.t AS SELECT * FROM secret2_old;
SELECT faiss_create('sec_schema', 'faiss_sec_s.t', 'embedding', 'id', 'Flat');
ALTER SCHEMA faiss_sec_s RENAME TO faiss_sec_s2;
SELECT corpus FROM faiss_indexes WHERE name = 'sec_schema';
DROP SCHEMA faiss_sec_s2 CASCADE;
SELECT try_sql($$SELECT count(*) FROM faiss_search('sec_schema', full('{16}', 0), 3)$$);
SELECT faiss_drop('sec_schema');

-- a column the index was built over dropped
ALTER TABLE secret2_old ADD COLUMN spare real[];
ALTER TABLE secret2_old DROP COLUMN spare;
SELECT count(*) AS other_columns_do_not_matter FROM faiss_search('sec_ren', full('{16}', 0), 3);
ALTER TABLE secret2_old DROP COLUMN embedding;
ALTER TABLE secret2_old ADD COLUMN embedding real[];
SELECT try_sql($$SELECT count(*) FROM faiss_search('sec_ren', full('{16}', 0), 3)$$);
SELECT faiss_drop('sec_ren');

-- a temporary table cannot be a corpus (it is dropped at session end
-- without an event trigger, and its OID could come back)
CREATE TEMP TABLE tsecret AS SELECT * FROM secret2_old;
SELECT try_sql($$SELECT faiss_create('sec_temp', 'tsecret', 'id', 'id', 'Flat')$$);
DROP TABLE tsecret;
DROP TABLE secret2_old;

-- ------------------------------------------------ restored from a dump
-- (simulated: the rows carry another database's instance id and OID)
CREATE TABLE mine AS
	SELECT "row" AS id, "values"::real[] AS emb
	FROM rows(random('{300,16}', 3, 'normal', 'float32'));
SELECT faiss_create('sec_restored', 'mine', 'emb', 'id', 'Flat');
RESET ROLE;
SET ROLE faiss_squatter;
CREATE TABLE theirs (id bigint, emb real[]);
INSERT INTO theirs VALUES (1, array_fill(0::real, ARRAY[16]));
GRANT SELECT ON theirs TO faiss_creator;
RESET ROLE;
UPDATE marsql.faiss_catalog SET corpus_relid = 4000000000, corpus = 'public.theirs',
	corpus_instance = gen_random_uuid() WHERE name = 'sec_restored';
-- bound by name only to a table its creator owns
SET ROLE faiss_squatter;
SELECT try_sql($$SELECT count(*) FROM faiss_search('sec_restored', full('{16}', 0), 3)$$);
RESET ROLE;
SET ROLE faiss_creator;
SELECT try_sql($$SELECT count(*) FROM faiss_search('sec_restored', full('{16}', 0), 3)$$);
RESET ROLE;
UPDATE marsql.faiss_catalog SET corpus = 'public.mine' WHERE name = 'sec_restored';
SET ROLE faiss_creator;
SELECT count(*) AS rebound FROM faiss_search('sec_restored', full('{16}', 0), 3);
RESET ROLE;
SELECT corpus_relid = 'mine'::regclass AS bound_by_oid,
	   corpus_instance = (SELECT id FROM marsql.faiss_instance) AS bound_here
FROM marsql.faiss_catalog WHERE name = 'sec_restored';
-- in a read-only transaction the binding is checked, not written
UPDATE marsql.faiss_catalog SET corpus_instance = gen_random_uuid() WHERE name = 'sec_restored';
BEGIN READ ONLY;
SELECT count(*) AS read_only_search FROM faiss_search('sec_restored', full('{16}', 0), 3);
COMMIT;
SELECT corpus_instance = (SELECT id FROM marsql.faiss_instance) AS still_foreign
FROM marsql.faiss_catalog WHERE name = 'sec_restored';
SET ROLE faiss_squatter;
DROP TABLE theirs;
RESET ROLE;

-- ------------------------------------------------ factory strings
-- each is refused before FAISS sees it (PQ0 used to divide by zero in
-- FAISS: SIGFPE), with the supported forms in the hint
SET ROLE faiss_creator;
SELECT f, (regexp_match(try_sql(format($$SELECT faiss_create('bad', 'mine', 'emb', 'id', %L)$$, f)),
					   '^([^|]*\|[^|]*)'))[1] AS refused
FROM unnest(ARRAY['PQ0', 'PQ3', 'PQ32', 'PQ4x0', 'PQ4x9', 'PQ2x12', 'HNSW99999999999999', 'HNSW1',
				  'HNSW0', 'HNSW32,PQ8', 'HNSW32,', 'IVF0,Flat', 'IVF2000000,Flat', 'IVF8',
				  'IVF8,PQ0', 'IVF8,PQ5', 'IVF-1,Flat', 'IVF99999999999999999999,Flat',
				  'PCA0,Flat', 'PCA32,Flat', 'PCA8', 'PCA8,PQ3', 'OPQ4,IVF4,PQ4',
				  'Flat,IDMap', 'Flat ', 'flat', 'LSH', 'SQ7', '', 'garbage',
				  repeat('HNSW', 40)]) f;
SELECT try_sql($$SELECT faiss_create('bad', 'mine', 'emb', 'id', 'PQ0')$$) AS with_hint;
SELECT count(*) AS nothing_left FROM faiss_indexes WHERE name = 'bad';
-- the forms that are accepted build
SELECT f, faiss_create('ok_' || i, 'mine', 'emb', 'id', f, 'l2', '{"train_sample": 300}') AS built
FROM unnest(ARRAY['IDMap,Flat', 'HNSW8_SQ8', 'HNSW,Flat', 'SQfp16', 'PQ4x4np', 'L2norm,Flat',
				  'PCA8,Flat', 'PCA8,IVF2,PQ4x4', 'IVF4,SQ8', 'PQ16', 'IVF2,PQ8x8']) WITH ORDINALITY u(f, i);
SELECT name, type, dims FROM faiss_indexes WHERE name LIKE 'ok\_%' ORDER BY name;
SELECT count(*) AS searched FROM faiss_indexes i, faiss_search(i.name, full('{16}', 0), 2)
WHERE i.name LIKE 'ok\_%';
SELECT faiss_drop(name) FROM faiss_indexes WHERE name LIKE 'ok\_%';
-- nprobe reaches an IVF index under a transform: all lists visited is exact
SELECT faiss_create('pca_ivf', 'mine', 'emb', 'id', 'PCA16,IVF8,Flat');
SELECT count(*) AS differ FROM (
	(SELECT query, rank, id FROM faiss_search('pca_ivf', (SELECT stack_agg(emb::tensor) FROM mine WHERE id < 20), 5, '{"nprobe": 8}'))
	EXCEPT (SELECT query, rank, id FROM knn((SELECT stack_agg(emb::tensor) FROM mine WHERE id < 20), 'mine', 'emb', 'id', 5))) d;

-- ------------------------------------------------ search parameters
SELECT try_sql($$SELECT count(*) FROM faiss_search('pca_ivf', full('{16}', 0), 3, '{"nprobe": 0}')$$);
SELECT try_sql($$SELECT count(*) FROM faiss_search('pca_ivf', full('{16}', 0), 3, '{"nprobe": 2147483647}')$$);
SELECT try_sql($$SELECT count(*) FROM faiss_search('pca_ivf', full('{16}', 0), 3, '{"efSearch": 1e15}')$$);
SELECT try_sql($$SELECT count(*) FROM faiss_search('pca_ivf', full('{16}', 0), -1)$$);
-- the largest allowed, and k past every vector: every vector once
SELECT count(*) AS all_of_them FROM faiss_search('pca_ivf', full('{16}', 0), 2147483647, '{"nprobe": 1048576}');
SELECT faiss_create('hnsw_ef', 'mine', 'emb', 'id', 'HNSW8');
SELECT count(*) AS all_of_them FROM faiss_search('hnsw_ef', full('{16}', 0), 2147483647, '{"efSearch": 1048576}');
SELECT faiss_drop('hnsw_ef');
SELECT faiss_drop('pca_ivf');
SELECT faiss_drop('sec_restored');
DROP TABLE mine;
RESET ROLE;

-- ------------------------------------------------ row-level security
-- An index holds every row its creator could read; a role the corpus's
-- policies apply to would learn the ids and exact distances of the rows
-- hidden from it.  So the index is refused to it (42501), and marsql.knn
-- (SQL as the caller) is the way to search the table.
SET ROLE faiss_creator;
CREATE TABLE corp (id bigint, v real[], owner name);
INSERT INTO corp SELECT g, ARRAY[g, g % 7, g % 3, 1]::real[],
	CASE WHEN g % 2 = 0 THEN 'faiss_creator' ELSE 'faiss_squatter' END
FROM generate_series(1, 500) g;
SELECT faiss_create('rls', 'corp', 'v', 'id', 'Flat');
GRANT SELECT ON corp TO faiss_squatter;
ALTER TABLE corp ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON corp FOR SELECT USING (owner = current_user);
RESET ROLE;
SET ROLE faiss_squatter;
SELECT count(*) AS visible_rows FROM corp;
-- id 2 (distance 0) is the creator's row, hidden from this role
SELECT try_sql($$SELECT string_agg(id || ':' || distance, ',') FROM faiss_search('rls', '[2,2,2,1]'::tensor, 3)$$);
SELECT try_sql($$SELECT faiss_add('rls', 'true')$$);
SELECT try_sql($$SELECT faiss_add('rls', full('{1,4}', 0), '{9999}')$$);
-- nor may it build an index of its own over the table: the index would
-- hold its view of today's policies
SELECT try_sql($$SELECT faiss_create('rls_mine', 'corp', 'v', 'id', 'Flat')$$);
-- marsql.knn reads the table as the caller: only its own (odd) ids
SELECT string_agg(id::text, ',' ORDER BY rank) AS knn_ids
FROM knn('[2,2,2,1]'::tensor, 'corp', 'v', 'id', 3);
SELECT count(*) AS knn_rows, bool_and(id % 2 = 1) AS only_visible
FROM knn('[2,2,2,1]'::tensor, 'corp', 'v', 'id', 1000);
-- chunked tensors from the table read it as the caller too
SELECT shape(chunked_from_table('corp', 'v', 'id')) AS chunked_table_shape,
	   shape(chunked_from_query('SELECT v FROM corp ORDER BY id')) AS chunked_query_shape;
DISCARD TEMP;
-- the session setting row_security = off makes it an error, as in SQL
SET row_security = off;
SELECT try_sql($$SELECT count(*) FROM corp$$);
SELECT try_sql($$SELECT count(*) FROM faiss_search('rls', '[2,2,2,1]'::tensor, 3)$$);
RESET row_security;
RESET ROLE;
-- the owner (the policy is not forced) reads every row: it still searches
SET ROLE faiss_creator;
SELECT string_agg(id::text, ',' ORDER BY rank) AS owner_ids
FROM faiss_search('rls', '[2,2,2,1]'::tensor, 3);
SELECT faiss_add('rls', full('{1,4}', 0), '{9999}') AS owner_adds;
-- forced, the policies apply to the owner too: refused
ALTER TABLE corp FORCE ROW LEVEL SECURITY;
SELECT try_sql($$SELECT count(*) FROM faiss_search('rls', '[2,2,2,1]'::tensor, 3)$$);
SELECT try_sql($$SELECT faiss_add('rls', 'id = 1')$$);
SELECT try_sql($$SELECT faiss_create('rls_forced', 'corp', 'v', 'id', 'Flat')$$);
ALTER TABLE corp NO FORCE ROW LEVEL SECURITY;
RESET ROLE;
-- a view over the table: its rows depend on who reads it (security_invoker,
-- or a policy's current_user), so the same holds for the tables it reads,
-- checked for the caller and for the view's owner
SET ROLE faiss_creator;
CREATE VIEW corp_v WITH (security_invoker) AS SELECT id, v FROM corp;
CREATE VIEW corp_w AS SELECT * FROM corp_v WHERE id > 0;
GRANT SELECT ON corp_v, corp_w TO faiss_squatter;
SELECT faiss_create('rls_view', 'corp_w', 'v', 'id', 'Flat') AS owner_builds_over_view;
RESET ROLE;
SET ROLE faiss_squatter;
SELECT count(*) AS visible_through_view FROM corp_w;
SELECT try_sql($$SELECT count(*) FROM faiss_search('rls_view', '[2,2,2,1]'::tensor, 3)$$);
SELECT count(*) AS knn_through_view FROM knn('[2,2,2,1]'::tensor, 'corp_w', 'v', 'id', 1000);
CREATE VIEW corp_mine AS SELECT id, v FROM corp;
SELECT try_sql($$SELECT faiss_create('rls_mine', 'corp_mine', 'v', 'id', 'Flat')$$);
DROP VIEW corp_mine;
RESET ROLE;
SET ROLE faiss_creator;
SELECT faiss_drop('rls_view');
DROP VIEW corp_w, corp_v;
RESET ROLE;
-- a superuser bypasses row security: it searches
SELECT count(*) AS superuser_searches FROM faiss_search('rls', '[2,2,2,1]'::tensor, 3);
-- row security turned off on the table: the index is usable again
SET ROLE faiss_creator;
ALTER TABLE corp DISABLE ROW LEVEL SECURITY;
RESET ROLE;
SET ROLE faiss_squatter;
SELECT count(*) AS searches_without_rls FROM faiss_search('rls', '[2,2,2,1]'::tensor, 3);
RESET ROLE;
SET ROLE faiss_creator;
SELECT faiss_drop('rls');
DROP TABLE corp;
RESET ROLE;

REVOKE ALL ON SCHEMA marsql FROM faiss_creator, faiss_squatter;
REVOKE ALL ON SCHEMA public FROM faiss_creator, faiss_squatter;
DO $$ BEGIN EXECUTE format('REVOKE CREATE ON DATABASE %I FROM faiss_creator', current_database()); END $$;
DROP ROLE faiss_creator;
DROP ROLE faiss_squatter;
SELECT count(*) AS none_left FROM faiss_indexes;
