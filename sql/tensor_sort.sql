-- Sorting and searching over every dtype: sort, argsort, partition,
-- argpartition, topk, argtopk, searchsorted, lexsort (numpy semantics;
-- test/numpy/agree.py checks the values against numpy).
SET search_path = marsql, public;

-- stable, NaN last, -0.0 equal to 0.0 and kept in its place
SELECT sort('[3,NaN,-0.0,1,0,-Infinity,2,Infinity,-0.0]'::tensor);
SELECT argsort('[3,NaN,-0.0,1,0,-Infinity,2,Infinity,-0.0]'::tensor);
SELECT sort('[[3,1,2],[0,-1,5]]'::tensor), sort('[[3,1,2],[0,-1,5]]'::tensor, 0),
	   sort('[[3,1,2],[0,-1,5]]'::tensor, NULL), sort('[[3,1,2],[0,-1,5]]'::tensor, -2);
SELECT argsort('[[3,1,2],[0,-1,5]]'::tensor, 0), argsort('[[3,1,2],[0,-1,5]]'::tensor, NULL);
SELECT dtype(argsort('[1]'::tensor));

-- every dtype
SELECT d, sort(astype('[3,-1,2,0,-1]'::tensor, d)), argsort(astype('[3,-1,2,0,-1]'::tensor, d))
FROM unnest(ARRAY['int8','int16','int32','int64','float16','float32','float64','complex64','complex128']) d;
SELECT sort(astype('[1,0,1,0]'::tensor, 'bool')), argsort(astype('[1,0,1,0]'::tensor, 'bool'));
SELECT sort(astype('[200,3,255,0]'::tensor, 'uint8'));
SELECT sort('int64(3):[9007199254740992,-9007199254740992,0]'::tensor);

-- empty, 0-d, one element
SELECT sort('float64(0):[]'::tensor), argsort('float64(0):[]'::tensor);
SELECT sort('float64(2,0):[]'::tensor, 0), argsort('float64(0,3):[]'::tensor);
SELECT sort('5'::tensor, NULL), argsort('5'::tensor, NULL);
SELECT sort('[7]'::tensor), argsort('[7]'::tensor);

-- partition: the kth element in its sorted place
SELECT partition('[3,4,2,1]'::tensor, 3), partition('[3,4,2,1]'::tensor, '{1,3}'::int[]),
	   partition('[3,4,2,1]'::tensor, -1);
SELECT argpartition('[3,4,2,1]'::tensor, 2), argpartition('[[3,4],[2,1]]'::tensor, '{0}'::int[], 0);

-- topk / argtopk: largest first, ties by position, NaN largest
SELECT topk('[1,5,NaN,5,3]'::tensor, 3), argtopk('[1,5,NaN,5,3]'::tensor, 3);
SELECT topk('[1,5,NaN,5,3]'::tensor, 2, largest => false), argtopk('[1,5,NaN,5,3]'::tensor, 2, largest => false);
SELECT topk('[[1,9],[8,2],[5,5]]'::tensor, 2, 0), argtopk('[[1,9],[8,2],[5,5]]'::tensor, 1, NULL);
SELECT topk('[1,2]'::tensor, 0), topk(astype('[1,2,3]'::tensor, 'int16'), 2, sorted => false);

-- searchsorted
SELECT searchsorted('[1,2,3,4,5]'::tensor, '3'::tensor),
	   searchsorted('[1,2,3,4,5]'::tensor, '3'::tensor, 'right'),
	   searchsorted('[1,2,3,4,5]'::tensor, '[-10,10,2,3]'::tensor);
SELECT searchsorted('[3,1,2]'::tensor, '[[2.5],[0]]'::tensor, 'left', 'int64(3):[1,2,0]'::tensor);
SELECT searchsorted('[1,2,NaN]'::tensor, '[NaN,Infinity]'::tensor), searchsorted('float64(0):[]'::tensor, '[1]'::tensor);
SELECT searchsorted(astype('[1,2,3]'::tensor, 'int8'), '[1.5,2]'::tensor, 'right');

-- lexsort: the last key is the primary one
SELECT lexsort(ARRAY['[9,4,0,4,0,2,1]'::tensor, '[1,5,1,4,3,4,4]'::tensor]);
SELECT lexsort('[[9,4,0,4,0,2,1],[1,5,1,4,3,4,4]]'::tensor);
SELECT lexsort(ARRAY[astype('[1,0,1]'::tensor, 'bool'), astype('[2,2,1]'::tensor, 'int32')]);
SELECT lexsort(ARRAY['[[3,1],[2,2]]'::tensor, '[[1,1],[0,0]]'::tensor], 0), lexsort(ARRAY['3'::tensor]);

-- NULL arguments
SELECT sort(NULL), argsort(NULL, 0), topk(NULL, 1), searchsorted('[1]'::tensor, NULL),
	   lexsort(NULL::tensor[]), partition('[1]'::tensor, NULL::int);

-- errors
SELECT sort('[[1,2]]'::tensor, 2);
SELECT argsort('[[1,2]]'::tensor, -3);
SELECT sort('5'::tensor);
SELECT partition('[3,4,2,1]'::tensor, 4);
SELECT partition('[3,4,2,1]'::tensor, -5);
SELECT argpartition('[3,4,2,1]'::tensor, '{1,7}'::int[]);
SELECT partition('[3,4,2,1]'::tensor, '{}'::int[]);
SELECT partition('[3,4,2,1]'::tensor, '{1,NULL}'::int[]);
SELECT partition('float64(0):[]'::tensor, 0);
SELECT topk('[1,2]'::tensor, 3);
SELECT topk('[1,2]'::tensor, -1);
SELECT topk('5'::tensor, 1);
SELECT searchsorted('[[1,2]]'::tensor, '1'::tensor);
SELECT searchsorted('[1,2]'::tensor, '1'::tensor, 'middle');
SELECT searchsorted('[1,2]'::tensor, '1'::tensor, 'left', '[0,1]'::tensor);
SELECT searchsorted('[1,2]'::tensor, '1'::tensor, 'left', 'int64(3):[0,1,2]'::tensor);
SELECT searchsorted('[1,2]'::tensor, '1'::tensor, 'left', 'int64(2):[0,5]'::tensor);
SELECT lexsort(ARRAY['[1,2]'::tensor, '[1,2,3]'::tensor]);
SELECT lexsort(ARRAY[]::tensor[]);
SELECT lexsort(ARRAY['[1]'::tensor, NULL]);
SELECT lexsort(ARRAY[ARRAY['[1]'::tensor]]);
SELECT lexsort('float64(0,3):[]'::tensor);
SELECT lexsort('5'::tensor);
-- SQLSTATEs: an index out of bounds (kth, a sorter entry) is 2202E as every
-- out-of-bounds index; k, a count, is a parameter error (22023)
SELECT try_sql($$SELECT partition('[3,4,2,1]'::tensor, 4)$$);
SELECT try_sql($$SELECT argpartition('[3,4,2,1]'::tensor, -5)$$);
SELECT try_sql($$SELECT searchsorted('[1,2,3]'::tensor, '2'::tensor, 'left', 'int64:[0,1,3]'::tensor)$$);
SELECT try_sql($$SELECT topk('[1,2]'::tensor, 3)$$);
