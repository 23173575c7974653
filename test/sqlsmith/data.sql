-- Run as the role smith by test/sqlsmith/run.sh: tables of tensors and
-- chunked tensors for sqlsmith to draw columns from.  Varied on purpose:
-- 0-d, empty, 1-d to 3-d, NaN and infinities, float32, sparse (CSR), NULL.
\set ON_ERROR_STOP 1
CREATE TABLE tensors (id integer PRIMARY KEY, t marsql.tensor, f marsql.tensor(float32), note text);
INSERT INTO tensors VALUES
	(1, '5', '2.5', '0-d'),
	(2, '[]', '[]', 'empty'),
	(3, '[[],[]]', '[[],[]]', 'empty 2x0'),
	(4, '[1,2,3]', '[1,2,3]', '1-d'),
	(5, '[[1,2],[3,4]]', '[[1,2],[3,4]]', '2x2'),
	(6, reshape(arange(0, 24), '{2,3,4}'), reshape(arange(0, 24), '{2,3,4}'), '3-d'),
	(7, '[NaN, Infinity, -Infinity, 0, -0.0, 1e308, 5e-324]', '[nan, inf, -inf, 0, 3.4e38]', 'special values'),
	(8, sparse('[[0,1,0],[2,0,0],[0,0,3]]'), sparse('[[0,0],[0,1.5]]'), 'sparse'),
	(9, eye(4, sparse => true), 'csr float32(2,3):{(0,1):NaN,(1,2):Infinity}', 'sparse identity, sparse special values'),
	(10, random('{20,20}', 1), random('{20,20}', 2, 'normal', 'float32'), 'random matrices'),
	(11, NULL, NULL, 'null'),
	(12, '[[1]]', '[[[1]]]', '1x1, 1x1x1'),
	(13, full('{3}', 'NaN'), full('{2,2}', 'Infinity'), 'all NaN, all inf'),
	(14, arange(0, 5000), linspace(-1, 1, 7), 'long vector'),
	(15, reshape(arange(0, 6), '{3,2}'), reshape(arange(0, 6), '{2,3}'), '3x2, 2x3'),
	(16, '[[0,0],[0,0]]', zeros('{3,3}'), 'zeros, singular'),
	(17, '[[1e-300,1e300],[-1e300,1e-300]]', '[1e-45, -1e-45]', 'extreme magnitudes');

CREATE TABLE chunked (id integer PRIMARY KEY, c marsql.chunked_tensor, note text);
INSERT INTO chunked VALUES
	(1, chunk(reshape(arange(0, 35), '{5,7}'), '{2,3}', target => 'c_m57'), '5x7, ragged 2x3 tiles'),
	(2, chunk('[1,2,3,4,5]', '{2}', target => 'c_vec'), '1-d'),
	(3, chunked_random('{30,20}', '{8,8}', 1, 'normal', 'float32', target => 'c_rand32'), 'float32 random'),
	(4, chunked_zeros('{4,4}', '{4,4}', target => 'c_zeros'), 'one tile'),
	(5, chunk('[[NaN, Infinity],[-Infinity, 0]]', '{1,1}', target => 'c_special'), 'special values'),
	(6, chunked_ones('{7}', '{7}', 'float32', target => 'c_ones32'), 'float32 ones'),
	(7, NULL, 'null');

CREATE TABLE vectors (id integer PRIMARY KEY, v marsql.tensor, label text);
INSERT INTO vectors SELECT i, random('{8}', i), 'v' || i FROM generate_series(1, 50) i;
INSERT INTO vectors VALUES (51, full('{8}', 'NaN'), 'nan'), (52, zeros('{8}'), 'zero'), (53, NULL, 'null');
ANALYZE tensors, chunked, vectors;
