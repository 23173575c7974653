-- Shape manipulation: reshape, transpose, flatten, squeeze, expand_dims,
-- concatenate, stack, split, tile, repeat, diag, tril, triu, and errors.
SET search_path = marsql, public;

SELECT reshape(arange(0, 6), '{2,3}') AS r23, reshape(arange(0, 6), '{3,-1}') AS infer,
	   reshape(arange(0, 6), '{-1}') AS flat, reshape('5'::tensor, '{}') AS zero_d,
	   reshape('5'::tensor, '{1,1}') AS from_0d, reshape('[]'::tensor, '{0,4}') AS empty,
	   dtype(reshape('float32:[1,2]'::tensor, '{2,1}')) AS keeps_dtype;
SELECT try_sql($$SELECT marsql.reshape(marsql.arange(0, 6), '{4,-1}')$$);
SELECT try_sql($$SELECT marsql.reshape(marsql.arange(0, 6), '{-1,-1}')$$);
SELECT try_sql($$SELECT marsql.reshape(marsql.arange(0, 6), '{2,2}')$$);
SELECT try_sql($$SELECT marsql.reshape(marsql.arange(0, 6), '{-2,-3}')$$);
SELECT try_sql($$SELECT marsql.reshape(marsql.zeros('{0}'), '{0,-1}')$$);
SELECT try_sql($$SELECT marsql.reshape(marsql.arange(0, 6), '{2147483647,2147483647,2147483647,0,-1}')$$);

SELECT transpose('[[1,2,3],[4,5,6]]'::tensor) AS t, transpose('[1,2]'::tensor) AS one_d, transpose('7'::tensor) AS zero_d,
	   shape(transpose(zeros('{2,3,4}'))) AS reversed, shape(transpose(zeros('{2,3,4}'), '{1,0,2}')) AS perm,
	   transpose(reshape(arange(0, 8), '{2,2,2}'), '{2,0,1}') AS perm_values,
	   shape(transpose(zeros('{2,3,4}'), '{-1,0,1}')) AS negative_axes;
SELECT try_sql($$SELECT marsql.transpose(marsql.zeros('{2,3}'), '{0}')$$);
SELECT try_sql($$SELECT marsql.transpose(marsql.zeros('{2,3}'), '{0,0}')$$);
SELECT try_sql($$SELECT marsql.transpose(marsql.zeros('{2,3}'), '{0,2}')$$);

SELECT flatten('[[1,2],[3,4]]'::tensor) AS flatten, flatten('3'::tensor) AS flatten_0d,
	   shape(squeeze(zeros('{1,3,1}'))) AS squeeze_all, shape(squeeze(zeros('{1,3,1}'), 2)) AS squeeze_one,
	   shape(squeeze(zeros('{1,1}'))) AS to_0d, shape(expand_dims('[1,2]'::tensor, 0)) AS expand0,
	   shape(expand_dims('[1,2]'::tensor, -1)) AS expand_last, shape(expand_dims('5'::tensor, 0)) AS expand_0d;
SELECT try_sql($$SELECT marsql.squeeze(marsql.zeros('{1,3}'), 1)$$);
SELECT try_sql($$SELECT marsql.expand_dims('[1,2]'::marsql.tensor, 2)$$);
SELECT try_sql($$SELECT marsql.expand_dims(marsql.zeros(array_fill(1, ARRAY[32])), 0)$$);

SELECT concatenate(ARRAY['[[1,2]]', '[[3,4],[5,6]]']::tensor[]) AS axis0,
	   concatenate(ARRAY['[[1],[2]]', '[[3,4],[5,6]]']::tensor[], 1) AS axis1,
	   concatenate(ARRAY['[1]', '[]', '[2,3]']::tensor[]) AS with_empty,
	   dtype(concatenate(ARRAY['float32:[1]', '[2]']::tensor[])) AS promoted,
	   concatenate(ARRAY['[[1,2]]']::tensor[], -1) AS single;
SELECT try_sql($$SELECT marsql.concatenate(ARRAY['[1]', '[[2]]']::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.concatenate(ARRAY['[[1,2]]', '[[3]]']::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.concatenate(ARRAY['1', '2']::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.concatenate(ARRAY[]::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.concatenate(ARRAY['[1]', NULL]::marsql.tensor[])$$);

SELECT stack(ARRAY['[1,2]', '[3,4]']::tensor[]) AS stack0, stack(ARRAY['[1,2]', '[3,4]']::tensor[], 1) AS stack1,
	   stack(ARRAY['1', '2']::tensor[]) AS scalars, shape(stack(ARRAY['[[1]]', '[[2]]']::tensor[], -1)) AS stack_last;
SELECT try_sql($$SELECT marsql.stack(ARRAY['[1,2]', '[3]']::marsql.tensor[])$$);
SELECT try_sql($$SELECT marsql.stack(ARRAY['[1,2]']::marsql.tensor[], 2)$$);

SELECT split(arange(0, 6), 3) AS sections, split(reshape(arange(0, 6), '{2,3}'), 3, 1) AS sections_axis1,
	   split(arange(0, 6), ARRAY[2,3]) AS at_indices, split(arange(0, 6), ARRAY[-2,10]) AS clipped,
	   split(arange(0, 4), ARRAY[3,1]) AS backwards, split(zeros('{2,4}'), ARRAY[1], 1) AS axis1;
SELECT try_sql($$SELECT marsql.split(marsql.arange(0, 6), 4)$$);
SELECT try_sql($$SELECT marsql.split(marsql.arange(0, 6), 0)$$);
SELECT try_sql($$SELECT marsql.split('5'::marsql.tensor, 1)$$);

SELECT tile('[1,2]'::tensor, '{2}') AS tile1, tile('[1,2]'::tensor, '{2,2}') AS tile_up,
	   tile('[[1,2],[3,4]]'::tensor, '{2}') AS tile_short_reps, tile('[1,2]'::tensor, '{0}') AS tile_zero,
	   repeat('[[1,2],[3,4]]'::tensor, 2) AS repeat_flat, repeat('[[1,2],[3,4]]'::tensor, 2, 0) AS repeat0,
	   repeat('[1,2]'::tensor, 0, 0) AS repeat_zero;
SELECT try_sql($$SELECT marsql.tile('[1]'::marsql.tensor, '{-1}')$$);
SELECT try_sql($$SELECT marsql.tile('[1,2]'::marsql.tensor, '{2147483647}')$$);
SELECT try_sql($$SELECT marsql.repeat('[1]'::marsql.tensor, -1)$$);
SELECT try_sql($$SELECT marsql.repeat('5'::marsql.tensor, 2, 0)$$);

SELECT diag('[1,2]'::tensor) AS from_vector, diag('[1,2]'::tensor, -1) AS below,
	   diag('[[1,2,3],[4,5,6]]'::tensor) AS main, diag('[[1,2,3],[4,5,6]]'::tensor, 1) AS above,
	   diag('[[1,2,3],[4,5,6]]'::tensor, -1) AS under, diag('[[1,2,3],[4,5,6]]'::tensor, 5) AS outside;
SELECT try_sql($$SELECT marsql.diag('5'::marsql.tensor)$$);
SELECT try_sql($$SELECT marsql.diag(marsql.zeros('{2,2,2}'))$$);

SELECT tril('[[1,2,3],[4,5,6],[7,8,9]]'::tensor) AS tril, tril('[[1,2,3],[4,5,6],[7,8,9]]'::tensor, -1) AS tril_m1,
	   triu('[[1,2,3],[4,5,6],[7,8,9]]'::tensor) AS triu, triu('[[1,2,3],[4,5,6]]'::tensor, 1) AS triu_rect,
	   tril(ones('{2,2,2}')) AS tril_stack;
SELECT try_sql($$SELECT marsql.tril('[1,2]'::marsql.tensor)$$);
