-- numpy's joining, splitting and editing routines (082_tensor_assemble.sql):
-- results for every function, every dtype moved bit-exactly, mixed dtypes
-- promoting, and every error path with its SQLSTATE.
SET search_path = marsql, public;

-- atleast_nd
SELECT atleast_1d('5'::tensor) AS a1, atleast_2d('5'::tensor) AS a2, atleast_3d('5'::tensor) AS a3,
	   atleast_2d('int8:[1,2]'::tensor) AS row2, atleast_3d('[1,2]'::tensor) AS row3,
	   atleast_3d('[[1,2],[3,4]]'::tensor) AS col3, atleast_1d('[[1]]'::tensor) AS kept;

-- stacking
SELECT vstack(ARRAY['[1,2,3]', '[4,5,6]']::tensor[]) AS v, hstack(ARRAY['[1,2,3]', '[4,5]']::tensor[]) AS h,
	   hstack(ARRAY['[[1],[2]]', '[[3],[4]]']::tensor[]) AS h2, dstack(ARRAY['[1,2]', '[3,4]']::tensor[]) AS d,
	   column_stack(ARRAY['[1,2]', 'int8:[3,4]']::tensor[]) AS cs;
SELECT vstack(ARRAY['int8:[1,2]', 'uint8:[3,4]']::tensor[]) AS int16_promoted,
	   hstack(ARRAY['bool:[true]', 'complex64:[1+2j]']::tensor[]) AS complex_promoted,
	   vstack(ARRAY['float16:[-0.0, nan]']::tensor[]) AS bits_kept;
SELECT try_sql($$SELECT marsql.vstack(ARRAY['[1,2]', '[1,2,3]']::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.hstack(ARRAY['[[1],[2]]', '[[1]]']::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.dstack(ARRAY[]::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.column_stack(ARRAY['[1,2]', NULL]::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.vstack(ARRAY[['[1]'], ['[2]']]::marsql.tensor[])$$);

-- block: one level, two levels (PostgreSQL's two-dimensional arrays)
SELECT block(ARRAY['[1,2,3]', '[4,5]', '6']::tensor[]) AS one_level,
	   block(ARRAY[['[[1,1],[1,1]]', '[[2],[2]]'], ['[[3,3]]', '[[4]]']]::tensor[]) AS two_levels,
	   block(ARRAY[['1', '2'], ['3', 'int8:4']]::tensor[]) AS scalars;
SELECT try_sql($$SELECT marsql.block(ARRAY[['[[1,1]]', '[[2]]'], ['[[3]]', '[[4]]']]::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.block(ARRAY[]::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.block(ARRAY['[1]', NULL]::marsql.tensor[])$$);

-- splitting
SELECT array_split(arange(0, 8), 3) AS uneven, array_split(arange(0, 3), 5) AS empty_pieces,
	   array_split(arange(0, 8), ARRAY[3,5,10]) AS at_indices,
	   array_split(reshape(arange(0, 6), '{2,3}'), 2, -1) AS last_axis;
SELECT hsplit(reshape(arange(0, 8), '{2,4}'), 2) AS h, hsplit(arange(0, 4), ARRAY[1]) AS h1d,
	   vsplit(reshape(arange(0, 8), '{4,2}'), ARRAY[1,3]) AS v,
	   dsplit(reshape(arange(0, 8), '{1,2,4}'), 2) AS d;
SELECT unstack('int16:[[1,2],[3,4]]'::tensor) AS rows, unstack('[[1,2],[3,4]]'::tensor, -1) AS cols,
	   unstack('bool:[true,false]'::tensor) AS zero_d, unstack('float32(0,2):[]'::tensor) AS none;
SELECT try_sql($$SELECT marsql.array_split(marsql.arange(0, 4), 0)$$);
SELECT try_sql($$SELECT marsql.array_split('5'::marsql.tensor, 2)$$);
SELECT try_sql($$SELECT marsql.array_split(marsql.arange(0, 4), 2, 1)$$);
SELECT try_sql($$SELECT marsql.hsplit(marsql.arange(0, 4), 3)$$);
SELECT try_sql($$SELECT marsql.hsplit('1'::marsql.tensor, 1)$$);
SELECT try_sql($$SELECT marsql.vsplit(marsql.arange(0, 4), 2)$$);
SELECT try_sql($$SELECT marsql.dsplit(marsql.zeros('{2,2}'), ARRAY[1])$$);
SELECT try_sql($$SELECT marsql.unstack('1'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.unstack(marsql.zeros('{2,2}'), 2)$$);

-- broadcast_arrays keeps each dtype
SELECT broadcast_arrays(ARRAY['int8:[[1,2,3]]', 'float16:[[4],[5]]', 'bool:true']::tensor[]) AS b;
SELECT try_sql($$SELECT marsql.broadcast_arrays(ARRAY['[1,2]', '[1,2,3]']::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.broadcast_arrays(ARRAY[marsql.zeros('{65536,1}'), marsql.zeros('{1,65536}'), marsql.zeros('{65536,1,1}')])$$);

-- append
SELECT append('[1,2,3]'::tensor, '[[4,5,6],[7,8,9]]'::tensor) AS flat,
	   append('[[1,2,3],[4,5,6]]'::tensor, '[[7,8,9]]'::tensor, 0) AS axis0,
	   append('int8:[1]'::tensor, 'uint8:[2]'::tensor) AS promoted,
	   append(NULL, '[1]'::tensor) AS null_t;
SELECT try_sql($$SELECT marsql.append('[[1,2]]'::marsql.tensor, '[3,4]'::marsql.tensor, 0)$$);
SELECT try_sql($$SELECT marsql.append('[[1,2]]'::marsql.tensor, '[[3,4]]'::marsql.tensor, 2)$$);

-- insert
SELECT insert('[[1,1],[2,2],[3,3]]'::tensor, 1, '5'::tensor) AS flat,
	   insert('[[1,1],[2,2],[3,3]]'::tensor, 1, '5'::tensor, 1) AS column,
	   insert('[[1,1],[2,2],[3,3]]'::tensor, 1, '[1,2,3]'::tensor, 1) AS column_values,
	   insert('[[1,1],[2,2],[3,3]]'::tensor, ARRAY[1], '[[1],[2],[3]]'::tensor, 1) AS list_index;
SELECT insert('int64:[1,1,2,2,3,3]'::tensor, ARRAY[2,2], '[7.13,0]'::tensor) AS truncates,
	   insert('[1,2,3]'::tensor, ARRAY[3,0,-1], '[7,8,9]'::tensor) AS unsorted,
	   insert('int8:[1,2]'::tensor, ARRAY[]::int[], '9'::tensor) AS nothing,
	   insert('float16:[1]'::tensor, 0, 'float16:[-0.0, nan]'::tensor) AS bits_kept;
SELECT try_sql($$SELECT marsql.insert('[1,2,3]'::marsql.tensor, 4, '1'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.insert('[1,2,3]'::marsql.tensor, -4, '1'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.insert('[1,2,3]'::marsql.tensor, ARRAY[0,5], '1'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.insert('[1,2,3]'::marsql.tensor, ARRAY[0,1], '[1,2,3]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.insert('[1,2,3]'::marsql.tensor, 1, '1'::marsql.tensor, 1)$$);
SELECT try_sql($$SELECT marsql.insert('int8:[1,2,3]'::marsql.tensor, 1, '[nan]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.insert('[1,2,3]'::marsql.tensor, 1, 'complex128:[1+1j]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.insert('[1,2,3]'::marsql.tensor, '{{1}}'::int[], '1'::marsql.tensor)$$);

-- delete
SELECT delete('[[1,2,3,4],[5,6,7,8],[9,10,11,12]]'::tensor, 1, 0) AS row1,
	   delete('[[1,2,3,4],[5,6,7,8],[9,10,11,12]]'::tensor, ARRAY[0,2,4,6]) AS flat,
	   delete('[[1,2,3,4],[5,6,7,8],[9,10,11,12]]'::tensor, ARRAY[-1,0,-1], 1) AS repeats,
	   delete('[1,2,3,4]'::tensor, 'bool:[true,false,false,true]'::tensor) AS mask,
	   delete('[1,2,3,4]'::tensor, 'int8:[[0],[3]]'::tensor) AS index_tensor,
	   delete('bool:[true,false]'::tensor, 'int64(0):[]'::tensor) AS nothing;
SELECT try_sql($$SELECT marsql.delete('[1,2,3]'::marsql.tensor, 3)$$);
SELECT try_sql($$SELECT marsql.delete('[1,2,3]'::marsql.tensor, ARRAY[-4])$$);
SELECT try_sql($$SELECT marsql.delete('[1,2,3]'::marsql.tensor, 'int32:[5]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.delete('[1,2,3]'::marsql.tensor, 'bool:[true]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.delete('[1,2,3]'::marsql.tensor, '[1.0]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.delete('[[1,2,3]]'::marsql.tensor, 0, -3)$$);

-- resize
SELECT resize('[[0,1],[2,3]]'::tensor, '{2,3}') AS r23, resize('int8:[1,2,3]'::tensor, '{}') AS zero_d,
	   resize('int8(0):[]'::tensor, '{2}') AS zeros, resize('[1,2]'::tensor, '{0,5}') AS empty;
SELECT try_sql($$SELECT marsql.resize('[1,2]'::marsql.tensor, '{-1}')$$);
SELECT try_sql($$SELECT marsql.resize('[1,2]'::marsql.tensor, '{100000,100000,100000}')$$);

-- trim_zeros
SELECT trim_zeros('[0,0,0,1,2,3,0,2,1,0]'::tensor) AS fb, trim_zeros('[0,0,1,0]'::tensor, 'f') AS f,
	   trim_zeros('[0,0,1,0]'::tensor, 'B') AS b, trim_zeros('[0,0]'::tensor) AS all_zero,
	   trim_zeros('[-0.0,nan,0]'::tensor) AS nan_kept, trim_zeros('int8:[[0,0,0],[0,5,0],[0,0,0]]'::tensor) AS box;
SELECT try_sql($$SELECT marsql.trim_zeros('[0,1]'::marsql.tensor, 'x')$$);
SELECT try_sql($$SELECT marsql.trim_zeros('0'::marsql.tensor)$$);

-- fliplr, flipud, rot90, rollaxis, matrix_transpose
SELECT fliplr('[[1,2],[3,4]]'::tensor) AS lr, flipud('[[1,2],[3,4]]'::tensor) AS ud,
	   rot90('[[1,2],[3,4]]'::tensor) AS r1, rot90('[[1,2],[3,4]]'::tensor, 2) AS r2,
	   rot90('[[1,2],[3,4]]'::tensor, -1) AS r3, rot90('[[1,2],[3,4]]'::tensor, 1, '{1,0}') AS r_back,
	   shape(rollaxis(zeros('{3,4,5,6}'), 3, 1)) AS roll31, shape(rollaxis(zeros('{3,4,5,6}'), 1, 4)) AS roll14,
	   shape(matrix_transpose(zeros('{2,3,4}'))) AS mt;
SELECT try_sql($$SELECT marsql.fliplr('[1,2]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.flipud('1'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.rot90('[1,2]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.rot90('[[1,2]]'::marsql.tensor, 1, '{0,0}')$$);
SELECT try_sql($$SELECT marsql.rot90('[[1,2]]'::marsql.tensor, 1, '{0,2}')$$);
SELECT try_sql($$SELECT marsql.rot90('[[1,2]]'::marsql.tensor, 1, '{0}')$$);
SELECT try_sql($$SELECT marsql.rollaxis(marsql.zeros('{2,3}'), 0, 3)$$);
SELECT try_sql($$SELECT marsql.rollaxis(marsql.zeros('{2,3}'), 2)$$);
SELECT try_sql($$SELECT marsql.matrix_transpose('[1,2]'::marsql.tensor)$$);

-- pad
SELECT pad('[1,2,3,4,5]'::tensor, ARRAY[2,3], 'constant', constant_values => 4) AS constant,
	   pad('[1,2,3,4,5]'::tensor, ARRAY[2,3], 'edge') AS edge,
	   pad('[1,2,3,4,5]'::tensor, ARRAY[2,3], 'linear_ramp', end_values => 5) AS ramp;
SELECT pad('[1,2,3,4,5]'::tensor, 2, 'maximum') AS maximum, pad('[1,2,3,4,5]'::tensor, 2, 'mean') AS mean,
	   pad('[1,2,3,4,5]'::tensor, 2, 'median') AS median, pad('[1,2,3,4,5]'::tensor, 2, 'minimum', stat_length => '{2}') AS minimum2;
SELECT pad('[1,2,3,4,5]'::tensor, ARRAY[2,3], 'reflect') AS reflect,
	   pad('[1,2,3,4,5]'::tensor, ARRAY[2,3], 'reflect', reflect_type => 'odd') AS reflect_odd,
	   pad('[1,2,3,4,5]'::tensor, ARRAY[2,3], 'symmetric') AS symmetric,
	   pad('[1,2,3,4,5]'::tensor, ARRAY[2,3], 'symmetric', reflect_type => 'odd') AS symmetric_odd,
	   pad('[1,2,3,4,5]'::tensor, ARRAY[2,3], 'wrap') AS wrap;
SELECT pad('int8:[[1,2],[3,4]]'::tensor, ARRAY[[1,0],[0,2]]) AS per_axis, pad('[1,2,3]'::tensor, 7, 'reflect') AS wide_reflect,
	   pad('5'::tensor, 2) AS zero_d, pad('float32(0,2):[]'::tensor, 1, constant_values => 7) AS empty_constant,
	   pad('[1,2]'::tensor, 1, 'empty') AS empty_mode, pad('bool:[true,false]'::tensor, 1, 'reflect', reflect_type => 'odd') AS bool_odd;
SELECT try_sql($$SELECT marsql.pad('[1,2]'::marsql.tensor, -1)$$);
SELECT try_sql($$SELECT marsql.pad('[1,2]'::marsql.tensor, 1, 'nope')$$);
SELECT try_sql($$SELECT marsql.pad('[1,2]'::marsql.tensor, 1, 'reflect', reflect_type => 'sideways')$$);
SELECT try_sql($$SELECT marsql.pad('[1,2]'::marsql.tensor, ARRAY[[1,1],[1,1]])$$);
SELECT try_sql($$SELECT marsql.pad('[1,2]'::marsql.tensor, ARRAY[1,2,3])$$);
SELECT try_sql($$SELECT marsql.pad('[1,2]'::marsql.tensor, ARRAY[1,NULL])$$);
SELECT try_sql($$SELECT marsql.pad(marsql.zeros('{0,2}'), 1, 'edge')$$);
SELECT try_sql($$SELECT marsql.pad('[1,2]'::marsql.tensor, 1, 'maximum', stat_length => '{0}')$$);
SELECT try_sql($$SELECT marsql.pad('[1,2]'::marsql.tensor, 1, 'mean', stat_length => '{-1}')$$);
SELECT try_sql($$SELECT marsql.pad('int8:[1,2]'::marsql.tensor, 1, constant_values => 300)$$);
SELECT try_sql($$SELECT marsql.pad('int8:[1,2]'::marsql.tensor, 1, constant_values => 'NaN')$$);
SELECT try_sql($$SELECT marsql.pad('[1,2]'::marsql.tensor, 2147483647)$$);
SELECT try_sql($$SELECT marsql.pad(marsql.zeros('{2,2}'), 30000)$$);
SELECT pad('[1]'::tensor, 1, mode => NULL) AS null_mode;

-- differences and integrals
SELECT diff('[1,2,4,7,0]'::tensor) AS d1, diff('[1,2,4,7,0]'::tensor, 2) AS d2,
	   diff('[[1,3,6,10],[0,5,6,8]]'::tensor, axis => 0) AS d_axis0, diff('uint8:[1,0]'::tensor) AS wraps,
	   diff('bool:[true,true,false]'::tensor) AS bool_ne, diff('[1,2]'::tensor, 0) AS n0, diff('[1,2]'::tensor, 5) AS beyond,
	   diff('[1,2]'::tensor, prepend => '0'::tensor, "append" => 'int8:[9]'::tensor) AS edges;
SELECT try_sql($$SELECT marsql.diff('[1,2]'::marsql.tensor, -1)$$);
SELECT try_sql($$SELECT marsql.diff('1'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.diff('[1,2]'::marsql.tensor, 1, 1)$$);
SELECT try_sql($$SELECT marsql.diff('[[1,2]]'::marsql.tensor, prepend => '[1,2,3]'::marsql.tensor)$$);
SELECT ediff1d('[1,2,4,7,0]'::tensor) AS e, ediff1d('[1,2,4,7,0]'::tensor, '[88,99]'::tensor, '-99'::tensor) AS around,
	   ediff1d('int8:[[1,2],[4,8]]'::tensor) AS flattened, ediff1d('int8:[1]'::tensor, to_begin => 'int16:[2]'::tensor) AS converted;
SELECT try_sql($$SELECT marsql.ediff1d('bool:[true,false]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.ediff1d('int8:[1,2]'::marsql.tensor, 'int16:[1000]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.ediff1d('int8:[1,2]'::marsql.tensor, to_begin => '[2.5]'::marsql.tensor)$$);
SELECT trapezoid('[1,2,3]'::tensor) AS t, trapezoid('[1,2,3]'::tensor, '[4,6,8]'::tensor) AS with_x,
	   trapezoid('[1,2,3]'::tensor, dx => 2) AS with_dx, trapezoid('[[0,1,2],[3,4,5]]'::tensor, axis => 0) AS axis0,
	   trapezoid('float32:[1,2,4]'::tensor) AS float32, trapezoid('[5]'::tensor) AS one_point;
SELECT try_sql($$SELECT marsql.trapezoid('[1,2,3]'::marsql.tensor, '[1,2]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.trapezoid('1'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.trapezoid('[[1,2,3]]'::marsql.tensor, '[[[1,2,3]]]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.trapezoid('[1,2,3]'::marsql.tensor, 'bool:[true,false,true]'::marsql.tensor)$$);
SELECT gradient('[1,2,4,7,11,16]'::tensor) AS g, gradient('[1,2,4,7,11,16]'::tensor, 2) AS spacing2,
	   gradient('[1,2,4,7,11,16]'::tensor, ARRAY['[0,1,1.5,3.5,4,6]'::tensor]) AS coords,
	   gradient('int8:[[1,2,6],[3,4,5]]'::tensor) AS every_axis, gradient('[0,1,4,9,16]'::tensor, edge_order => 2) AS edge2,
	   gradient('float32:[1,2,4]'::tensor, axis => 0) AS keeps_float32, gradient('5'::tensor) AS zero_d;
SELECT try_sql($$SELECT marsql.gradient('bool:[true,false]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.gradient('[1]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.gradient('[1,2]'::marsql.tensor, edge_order => 2)$$);
SELECT try_sql($$SELECT marsql.gradient('[1,2,3]'::marsql.tensor, edge_order => 0)$$);
SELECT try_sql($$SELECT marsql.gradient('[1,2,3]'::marsql.tensor, ARRAY['[1,2]'::marsql.tensor])$$);
SELECT try_sql($$SELECT marsql.gradient('[[1,2,3]]'::marsql.tensor, ARRAY['[1,2,3]'::marsql.tensor])$$);
SELECT try_sql($$SELECT marsql.gradient('[1,2,3]'::marsql.tensor, ARRAY['[[1,2,3]]'::marsql.tensor])$$);
SELECT try_sql($$SELECT marsql.gradient('[1,2,3]'::marsql.tensor, ARRAY['complex128:1j'::marsql.tensor])$$);
SELECT try_sql($$SELECT marsql.gradient('[1,2,3]'::marsql.tensor, axis => 1)$$);
SELECT cross('[1,2,3]'::tensor, '[4,5,6]'::tensor) AS c3, cross('[1,2]'::tensor, '[4,5]'::tensor) AS c2,
	   cross('[1,2]'::tensor, '[4,5,6]'::tensor) AS c23, cross('[[1,2,3],[4,5,6]]'::tensor, '[[4,5,6],[1,2,3]]'::tensor, axisc => 0) AS axisc0,
	   cross('int8:[100,2,3]'::tensor, 'int8:[1,100,6]'::tensor) AS wraps,
	   linalg_cross('[[1,4],[2,5],[3,6]]'::tensor, '[[4,1],[5,2],[6,3]]'::tensor, 0) AS linalg_axis0;
SELECT try_sql($$SELECT marsql.cross('[1,2,3,4]'::marsql.tensor, '[1,2,3]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.cross('1'::marsql.tensor, '[1,2,3]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.cross('bool:[true,false,true]'::marsql.tensor, 'bool:[true,true,false]'::marsql.tensor)$$);
SELECT cross('bool:[true,false,true]'::tensor, 'int8:[1,2,3]'::tensor) AS bool_with_int8;
SELECT try_sql($$SELECT marsql.cross('[[1,2,3],[1,2,3]]'::marsql.tensor, '[[1,2,3],[1,2,3],[1,2,3]]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.cross('[1,2,3]'::marsql.tensor, '[1,2,3]'::marsql.tensor, axisc => 2)$$);
SELECT try_sql($$SELECT marsql.linalg_cross('[1,2]'::marsql.tensor, '[1,2,3]'::marsql.tensor)$$);

-- creation
SELECT empty('{2,2}', 'int8') AS e, empty_like('complex64:[1j]'::tensor) AS el, logspace(2, 3, 4) AS ls,
	   logspace(0, 2, 3, base => 2, dtype => 'int16') AS ls_int, geomspace(1, 1000, 4) AS gs, geomspace(-1000, -1, 4) AS gs_neg,
	   geomspace(1, 256, 9, dtype => 'int64') AS gs_int;
SELECT meshgrid(ARRAY['[1,2,3]', 'int8:[4,5]']::tensor[]) AS xy, meshgrid(ARRAY['[1,2,3]', '[4,5]']::tensor[], 'ij') AS ij,
	   meshgrid(ARRAY['[1,2,3]', '[4,5]']::tensor[], sparse => true) AS sparse, meshgrid(ARRAY[]::tensor[]) AS none;
SELECT try_sql($$SELECT marsql.meshgrid(ARRAY['[1]']::marsql.tensor[], 'ji')$$);
SELECT try_sql($$SELECT marsql.meshgrid(ARRAY[marsql.zeros('{100000}'), marsql.zeros('{100000}')])$$);
SELECT try_sql($$SELECT marsql.geomspace(0, 1)$$);
SELECT try_sql($$SELECT marsql.geomspace(1, 10, -1)$$);
SELECT try_sql($$SELECT marsql.logspace(0, 1, -1)$$);
SELECT tri(3, 5, 2, 'int64') AS t, tri(2) AS square, vander('[1,2,3,5]'::tensor, 3) AS v,
	   vander('int8:[2,3]'::tensor, increasing => true) AS v_inc, vander('float32:[2]'::tensor, 2) AS v_float64,
	   diagflat('[[1,2],[3,4]]'::tensor) AS df, diagflat('int8:[1,2]'::tensor, -1) AS df_k;
SELECT try_sql($$SELECT marsql.tri(-1)$$);
SELECT try_sql($$SELECT marsql.vander('[[1,2]]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.vander('[1,2]'::marsql.tensor, -1)$$);
SELECT diag_indices_from(zeros('{3,3}')) AS di, tril_indices_from(zeros('{3,4}'), 1) AS tl, triu_indices_from(zeros('{3,2}')) AS tu;
SELECT try_sql($$SELECT marsql.diag_indices_from('[1,2]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.diag_indices_from(marsql.zeros('{2,3}'))$$);
SELECT try_sql($$SELECT marsql.tril_indices_from('[1,2]'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.triu_indices_from(marsql.zeros('{2,2,2}'))$$);
SELECT insert('[1,2,3]'::tensor, 'int8:1'::tensor, '[7,8]'::tensor) AS scalar_tensor,
	   insert('[1,2,3]'::tensor, 'int64:[3,0]'::tensor, '[7,8]'::tensor) AS index_tensor;
SELECT try_sql($$SELECT marsql.insert('[1,2,3]'::marsql.tensor, 'int8:[[1]]'::marsql.tensor, '1'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.insert('[1,2,3]'::marsql.tensor, '[1.5]'::marsql.tensor, '1'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.insert('[1,2,3]'::marsql.tensor, 'int8:[9]'::marsql.tensor, '1'::marsql.tensor)$$);
SELECT insert('[1,2,3]'::tensor, 1, '[[[9]]]'::tensor) AS leading_ones_dropped;
SELECT try_sql($$SELECT marsql.insert('[1,2,3]'::marsql.tensor, 1, '[[9],[9]]'::marsql.tensor)$$);
