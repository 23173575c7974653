-- Large tensors in tables: TOAST round trips, header-only accessors,
-- transactions.
SET search_path = marsql, public;

SELECT typstorage FROM pg_type WHERE oid = 'marsql.tensor'::regtype;
CREATE TABLE storage_t (id int PRIMARY KEY, t tensor);
INSERT INTO storage_t VALUES (1, random('{1000,100}', 11)), (2, random('{3}', 12, 'normal', 'float32')),
	(3, '(0,7):[]'), (4, 'NaN');
SELECT id, shape(t), dtype(t), size(t), pg_column_size(t) FROM storage_t ORDER BY id;
SELECT t = random('{1000,100}', 11) AS toasted_round_trip FROM storage_t WHERE id = 1;
UPDATE storage_t SET t = astype(t, 'float32') WHERE id = 1;
SELECT dtype(t), allclose(t, random('{1000,100}', 11), 1e-6) FROM storage_t WHERE id = 1;
BEGIN;
UPDATE storage_t SET t = zeros('{2}') WHERE id = 2;
ROLLBACK;
SELECT t FROM storage_t WHERE id = 2;
DROP TABLE storage_t;
