-- Advanced indexing (numpy semantics, every dtype): boolean masks, integer
-- index tensors, nonzero positions, choose/select, and assignment returning
-- a new tensor.  Masks are made with astype(..., 'bool').
SET search_path = marsql, public;

CREATE TEMP TABLE ix AS
	SELECT reshape(arange(0, 12), '{3,4}') AS t, '[10,20,30]'::tensor AS v,
		   astype('[1,0,1]', 'bool') AS m3, astype('[[1,0,0,1],[0,0,0,0],[0,1,1,0]]', 'bool') AS m34;

-- boolean masks: t[mask] for a mask over the leading axes, extract, compress
-- (extract and select are SQL keywords: qualify them or quote them)
SELECT mask_select(t, m3) AS rows, mask_select(t, m34) AS elems, mask_select(v, m3) AS vec,
	   shape(mask_select(t, astype('[0,0,0]', 'bool'))) AS none_shape,
	   mask_select('2.5', astype('1', 'bool')) AS zero_d_true,
	   shape(mask_select(t, astype('0', 'bool'))) AS zero_d_false FROM ix;
SELECT marsql.extract('[1,0,0,2,0,nan]', t) AS extracted, marsql.extract('[0,0,0]', t) AS none,
	   compress('[0,1]', t, 1) AS cols, compress('[0,1,1]', t, 0) AS rows,
	   compress('[0,1,1]', t) AS flat, compress('[1,0,1]', t, -1) AS neg_axis FROM ix;
SELECT try_sql($$SELECT marsql.mask_select('[1,2,3]', '[1,0,1]')$$);
SELECT try_sql($$SELECT marsql.mask_select('[1,2,3]', marsql.astype('[1,0]', 'bool'))$$);
SELECT try_sql($$SELECT marsql.mask_select('[1,2,3]', marsql.astype('[[1,0,1]]', 'bool'))$$);
SELECT try_sql($$SELECT marsql.extract('[0,0,0,1]', '[1,2,3]')$$);
SELECT try_sql($$SELECT marsql.compress('[[1]]', '[1,2,3]')$$);
SELECT try_sql($$SELECT marsql.compress('[0,0,0,1]', '[1,2,3]')$$);
SELECT try_sql($$SELECT marsql.compress('[1]', '[1,2,3]', 1)$$);
SELECT compress(NULL, '[1]') IS NULL AS null_cond, compress('[1]', NULL) IS NULL AS null_a;

-- integer index tensors of any integer dtype; negative counts from the end
SELECT index(t, astype('[[2,-1],[0,1]]', 'int8')) AS rows, index(t, astype('[3,0]', 'uint8'), 1) AS cols,
	   index(t, astype('[11,-12]', 'int64'), NULL) AS flat, index(t, astype('-1', 'int16')) AS last_row,
	   shape(index(t, astype('[]', 'int32'))) AS no_indices FROM ix;
SELECT index(astype(t, 'complex128'), astype('[1]', 'int32')) AS complex_row,
	   index(astype(t, 'float16'), astype('[1]', 'int32'), -1) AS half_col FROM ix;
SELECT take_along_axis('[[10,30,20],[60,40,50]]', astype('[[0,2,1],[1,2,0]]', 'int64'), 1) AS sorted,
	   take_along_axis('[[10,30,20],[60,40,50]]', astype('[[1],[0]]', 'int64'), 1) AS picked,
	   take_along_axis('[[10,30,20],[60,40,50]]', astype('[[1,0,1]]', 'int64'), 0) AS bcast,
	   take_along_axis('[[10,30,20],[60,40,50]]', astype('[5,0]', 'int64'), NULL) AS flat;
SELECT try_sql($$SELECT marsql.index('[1,2]', '[0]')$$);
SELECT try_sql($$SELECT marsql.index('[1,2]', marsql.astype('[1,0]', 'bool'))$$);
SELECT try_sql($$SELECT marsql.index('[1,2]', marsql.astype('[2]', 'int64'))$$);
SELECT try_sql($$SELECT marsql.index('[1,2]', marsql.astype('[-3]', 'int64'))$$);
SELECT try_sql($$SELECT marsql.index('5', marsql.astype('[0]', 'int64'))$$);
SELECT try_sql($$SELECT marsql.index('[1,2]', marsql.astype('[0]', 'int64'), 1)$$);
SELECT try_sql($$SELECT marsql.take_along_axis('[[1,2]]', marsql.astype('[0]', 'int64'), 1)$$);
SELECT try_sql($$SELECT marsql.take_along_axis('[[1,2],[3,4]]', marsql.astype('[[0],[0],[0]]', 'int64'), 1)$$);
SELECT try_sql($$SELECT marsql.take_along_axis('[[1,2]]', marsql.astype('[[2]]', 'int64'), 1)$$);
SELECT try_sql($$SELECT marsql.take_along_axis('[[1,2]]', marsql.astype('[[0]]', 'int64'), NULL)$$);
SELECT try_sql($$SELECT marsql.take_along_axis('[[1,2]]', '[[0]]', 1)$$);
SELECT index(NULL, '[1]') IS NULL AS null_t, index('[1]', NULL) IS NULL AS null_idx,
	   take_along_axis(NULL, '[1]', 0) IS NULL AS null_arr;

-- nonzero positions: nonzero and one-argument where give (ndim, n) int64,
-- argwhere (n, ndim), flatnonzero 1-d; NaN is nonzero, -0.0 is not
SELECT nonzero('[[3,0,0],[0,4,0],[5,6,0]]') AS nonzero, "where"(astype('[0,1,1]', 'bool')) AS where1,
	   argwhere('[[3,0,0],[0,4,0],[5,6,0]]') AS argwhere, flatnonzero('[nan,-0.0,0,1e-300,-inf]') AS flat;
SELECT nonzero('5') AS nz_0d, argwhere('5') AS aw_0d, argwhere('0') AS aw_0d_zero, flatnonzero('5') AS fnz_0d,
	   nonzero('float64(0,3):[]') AS nz_empty, argwhere(astype('[[0,1],[1,0]]', 'complex64')) AS aw_complex,
	   flatnonzero(astype('[0,2,0,3]', 'uint8')) AS fnz_uint8;

-- choose and select broadcast and promote
SELECT choose(astype('[2,3,1,0]', 'int32'),
			  ARRAY['[0,1,2,3]', '[10,11,12,13]', '[20,21,22,23]', '[30,31,32,33]']::tensor[]) AS choose,
	   choose(astype('[[1,0,1],[0,1,0]]', 'int64'), ARRAY['-10', '10']::tensor[]) AS choose_bcast,
	   choose(astype('[0,1,0]', 'bool'), ARRAY[astype('[1,2,3]', 'int16'), astype('[4,5,6]', 'uint8')]) AS promoted;
SELECT marsql.select(ARRAY[astype('[1,1,1,0,0,0]', 'bool'), astype('[0,0,0,0,1,1]', 'bool')],
			  ARRAY[arange(0, 6), arange(0, 6) * arange(0, 6)], 42) AS sel,
	   "select"(ARRAY[astype('[1,0]', 'bool')], ARRAY[astype('[1,2]', 'int8')]) AS sel_int8,
	   marsql.select(ARRAY[astype('[1,0]', 'bool')], ARRAY[astype('[1,2]', 'int8')], 0.5) AS sel_frac,
	   marsql.select(ARRAY[astype('[1,0]', 'bool')], ARRAY[astype('[1,2]', 'float32')], 0.5) AS sel_f32;
SELECT try_sql($$SELECT marsql.choose(marsql.astype('[0,2]', 'int64'), ARRAY['[1,2]', '[3,4]']::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.choose(marsql.astype('[0,-1]', 'int64'), ARRAY['[1,2]', '[3,4]']::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.choose('[0,1]', ARRAY['[1,2]', '[3,4]']::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.choose(marsql.astype('[0,1]', 'int64'), ARRAY[]::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.choose(marsql.astype('[0,1]', 'int64'), ARRAY['[1,2]', NULL]::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.choose(marsql.astype('[0,1]', 'int64'), ARRAY[['[1,2]']]::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.choose(marsql.astype('[0,1]', 'int64'), ARRAY['[1,2]', '[1,2,3]']::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.select(ARRAY[]::marsql.tensor[], ARRAY[]::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.select(ARRAY[marsql.astype('[1]', 'bool')], ARRAY['[1]', '[2]']::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.select(ARRAY['[1]']::marsql.tensor[], ARRAY['[1]']::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.select(ARRAY[marsql.astype('[1]', 'bool')], ARRAY[marsql.astype('[1]', 'int8')], 300)$$);

-- assignment returns a new tensor; values convert to the target's dtype
SELECT put(astype('[0,1,2,3,4]', 'int64'), astype('[0,2]', 'int64'), '[-44,-55]') AS put,
	   put(v, astype('[0,1,2,-1]', 'int8'), '[7,8]') AS put_repeat, put(v, astype('[0]', 'int8'), 'float64(0):[]') AS put_none,
	   put(astype('[1,2]', 'int32'), astype('[1]', 'int8'), '[2.75]') AS put_truncates FROM ix;
SELECT put_along_axis('[[10,30,20],[60,40,50]]', astype('[[1],[0]]', 'int64'), '99', 1) AS pal,
	   put_along_axis('[[10,30,20],[60,40,50]]', astype('[0,5]', 'int64'), '[1,2]', NULL) AS pal_flat,
	   mask_assign(t, m3, '[-1,-2,-3,-4]') AS ma_rows, mask_assign(t, m34, '[7,8,9,10]') AS ma_each,
	   mask_assign(t, m34, '0') AS ma_scalar FROM ix;
SELECT set_slice(t, '0', '{1,NULL}', '{3,2}') AS block, set_slice(t, '[9,8,7,6]', '{NULL}', '{NULL}', '{-2}') AS every_other,
	   set_slice(v, '[[1.5]]', '{-1}', '{NULL}') AS last, set_slice(v, '[5]', '{2}', '{1}') AS empty,
	   set_slice(astype(v, 'int8'), '[1.9,2.9,-3.9]', NULL, NULL) AS int8_all FROM ix;
SELECT try_sql($$SELECT marsql.put('[1,2]', marsql.astype('[2]', 'int64'), '[1]')$$);
SELECT try_sql($$SELECT marsql.put('[1,2]', '[0]', '[1]')$$);
SELECT try_sql($$SELECT marsql.put(marsql.astype('[1,2]', 'int8'), marsql.astype('[0]', 'int64'), '[nan]')$$);
SELECT try_sql($$SELECT marsql.put_along_axis('[[1,2]]', marsql.astype('[[0]]', 'int64'), '[1,2,3]', 1)$$);
SELECT try_sql($$SELECT marsql.put_along_axis('[[1,2]]', marsql.astype('[[0]]', 'int64'), '[1]', NULL)$$);
SELECT try_sql($$SELECT marsql.mask_assign('[1,2,3]', marsql.astype('[1,0,1]', 'bool'), '[1,2,3]')$$);
SELECT try_sql($$SELECT marsql.mask_assign('[1,2,3]', '[1,0,1]', '[1]')$$);
SELECT try_sql($$SELECT marsql.mask_assign('[1,2,3]', marsql.astype('[1,0]', 'bool'), '[1]')$$);
SELECT try_sql($$SELECT marsql.set_slice('[1,2,3]', '[1,2]', '{0}', '{3}')$$);
SELECT try_sql($$SELECT marsql.set_slice('[1,2,3]', '[1]', '{0}', '{3}', '{0}')$$);
SELECT try_sql($$SELECT marsql.set_slice('[1,2,3]', '[1]', '{0,0}', '{1,1}')$$);
SELECT set_slice(NULL, '1', '{0}', '{1}') IS NULL AS null_t, set_slice('[1]', NULL, '{0}', '{1}') IS NULL AS null_v,
	   put_along_axis('[1]', NULL, '1', 0) IS NULL AS null_idx;

-- subscripts, slice and take move elements of every dtype
SELECT (nonzero('[[1,0],[0,1]]'))[0] AS nz_row0, (nonzero('[[1,0],[0,1]]'))[:][1:] AS nz_tail,
	   slice(astype('[1,2,3,4]', 'complex64'), '{NULL}', '{NULL}', '{-2}') AS complex_step,
	   take(astype('[[1,2],[3,4]]', 'int8'), '{1,0}', 1) AS int8_take,
	   (astype('[[1,0],[0,1]]', 'bool'))[:][0] AS bool_col, (astype('[1.5,2.5,3.5]', 'float16'))[1:] AS half_tail;

-- subscript assignment stores numpy's t[...] = v (converted, broadcast)
CREATE TEMP TABLE upd_ix (id int, t tensor);
INSERT INTO upd_ix VALUES (1, reshape(arange(0, 12), '{3,4}')), (2, NULL), (3, astype('[1,2,3]', 'int8'));
UPDATE upd_ix SET t[0] = '[9,9,9,9]' WHERE id = 1;
UPDATE upd_ix SET t[1:][2:] = '0', t[:][0] = '[-1,-2,-3]' WHERE id = 1;
UPDATE upd_ix SET t[-1] = '100.7' WHERE id = 3;
SELECT id, t FROM upd_ix ORDER BY id;
DO $$
DECLARE
	x marsql.tensor := '[[1,2,3],[4,5,6]]';
BEGIN
	x[1][1:] := '[7,8]';
	x[:1] := '0';
	RAISE NOTICE '%', x;
END $$;
SELECT try_sql($$UPDATE upd_ix SET t[0] = '1' WHERE id = 2$$);
SELECT try_sql($$UPDATE upd_ix SET t[NULL] = '1' WHERE id = 1$$);
SELECT try_sql($$UPDATE upd_ix SET t[0] = NULL WHERE id = 1$$);
SELECT try_sql($$UPDATE upd_ix SET t[5] = '1' WHERE id = 3$$);
SELECT try_sql($$UPDATE upd_ix SET t[0] = '[1,2]' WHERE id = 3$$);
SELECT try_sql($$UPDATE upd_ix SET t[0] = '1000' WHERE id = 3$$);
SELECT try_sql($$UPDATE upd_ix SET t[0][0][0] = '1' WHERE id = 3$$);

-- putmask and place (masks of any dtype), flat indices and coordinates
SELECT putmask(reshape(arange(0, 6), '{2,3}'), astype('[[0,0,0],[1,1,1]]', 'bool'), '[-33,-44]') AS putmask,
	   putmask(v, '[0,2,0]', 'float64(0):[]') AS putmask_none,
	   place(reshape(arange(0, 6), '{2,3}'), '[[0,0,0],[1,1,1]]', '[44,55]') AS place,
	   place(astype(v, 'int16'), '[0,0,0]', 'float64(0):[]') AS place_none FROM ix;
SELECT unravel_index(astype('[22,41,37]', 'int64'), '{7,6}') AS unravel, unravel_index(astype('1621', 'int32'), '{6,7,8,9}') AS unravel_0d,
	   unravel_index(astype('[]', 'int64'), '{2,3}') AS unravel_none,
	   ravel_multi_index(astype('[[3,6,6],[4,5,1]]', 'int8'), '{7,6}') AS ravel;
SELECT try_sql($$SELECT marsql.putmask('[1,2,3]', '[1]', '[1]')$$);
SELECT try_sql($$SELECT marsql.place('[1,2,3]', '[1,0,0]', 'float64(0):[]')$$);
SELECT try_sql($$SELECT marsql.unravel_index(marsql.astype('42', 'int64'), '{7,6}')$$);
SELECT try_sql($$SELECT marsql.unravel_index(marsql.astype('-1', 'int64'), '{7,6}')$$);
SELECT try_sql($$SELECT marsql.unravel_index('[1]', '{7,6}')$$);
SELECT try_sql($$SELECT marsql.unravel_index(marsql.astype('[1]', 'int64'), '{-7,6}')$$);
SELECT try_sql($$SELECT marsql.ravel_multi_index(marsql.astype('[[7],[0]]', 'int64'), '{7,6}')$$);
SELECT try_sql($$SELECT marsql.ravel_multi_index(marsql.astype('[1,0,0]', 'int64'), '{7,6}')$$);
SELECT try_sql($$SELECT marsql.ravel_multi_index(marsql.astype('1', 'int64'), '{7,6}')$$);

-- diagonals and index grids
SELECT diagonal(t) AS diag, diagonal(t, 1) AS above, diagonal(t, -1) AS below, diagonal(t, 9) AS past,
	   diagonal(reshape(arange(0, 24), '{2,3,4}'), 1, 2, 0) AS diag_3d,
	   fill_diagonal(astype(t, 'int8'), '[-1,-2]') AS filled,
	   fill_diagonal('float64(5,3):[[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0]]', '[1,2]', true) AS wrapped FROM ix;
SELECT tril_indices(3) AS tril, triu_indices(4, 1) AS triu, tril_indices(3, 0, 4) AS tril_wide,
	   tril_indices(3, NULL) IS NULL AS null_k, shape(triu_indices(0)) AS none,
	   diag_indices(3) AS diag_idx, indices('{2,3}') AS grid, shape(indices('{}')) AS grid_0d;
SELECT try_sql($$SELECT marsql.diagonal('[1,2,3]')$$);
SELECT try_sql($$SELECT marsql.diagonal('[[1,2],[3,4]]', 0, 1, 1)$$);
SELECT try_sql($$SELECT marsql.diagonal('[[1,2],[3,4]]', 0, 0, 2)$$);
SELECT try_sql($$SELECT marsql.fill_diagonal('[1,2,3]', '1')$$);
SELECT try_sql($$SELECT marsql.fill_diagonal(marsql.reshape(marsql.arange(0, 12), '{2,2,3}'), '1')$$);
SELECT try_sql($$SELECT marsql.diag_indices(3, -1)$$);
SELECT try_sql($$SELECT marsql.indices('{2,-1}')$$);
