-- Subscripts (0-based, numpy semantics), slice, take and item.
SET search_path = marsql, public;

CREATE TEMP TABLE sub AS SELECT reshape(arange(0, 12), '{3,4}') AS t, '[10,20,30]'::tensor AS v;

-- an integer drops the axis, a slice keeps it; negative counts from the end
SELECT v[0] AS first, v[-1] AS last, v[0:2] AS slice, v[1:] AS from1, v[:2] AS to2, v[:] AS all,
	   v[-2:] AS last2, v[5:9] AS past_end, v[2:1] AS backwards FROM sub;
SELECT t[1] AS row1, t[1][2] AS elem, t[:][0] AS col0, t[1:][:2] AS block, t[:-1][-1] AS last_col_but_last_row,
	   t[0:2][1:3] AS block2, shape(t[0][1]) AS zero_d FROM sub;
-- subscripts take integer expressions; a NULL integer subscript gives NULL,
-- a NULL slice bound is an omitted one (Python's None)
SELECT v[1 + 1] AS expr, v[NULL] IS NULL AS null_index, v[NULL:2] AS null_start, v[1:NULL] AS null_stop FROM sub;
SELECT item(t[2][3]) AS item, item('5'::tensor) AS item_0d, item('[[7]]'::tensor) AS item_size1 FROM sub;
SELECT try_sql($$SELECT ('[1,2,3]'::marsql.tensor)[3]$$);
SELECT try_sql($$SELECT ('[1,2,3]'::marsql.tensor)[-4]$$);
SELECT try_sql($$SELECT ('[[1,2]]'::marsql.tensor)[0][0][0]$$);
SELECT try_sql($$SELECT ('5'::marsql.tensor)[0]$$);
SELECT try_sql($$SELECT ('[1,2]'::marsql.tensor)['a']$$);
SELECT try_sql($$SELECT marsql.item('[1,2]')$$);
CREATE TEMP TABLE upd (t tensor);
SELECT try_sql($$UPDATE upd SET t[0] = '1' RETURNING t::text$$);  -- assignment: see tensor_indexing

-- slice: numpy basic slicing with steps, NULL bounds omitted
SELECT slice(t, '{0}', '{2}') AS rows01, slice(t, '{NULL,1}', '{NULL,NULL}', '{NULL,2}') AS odd_cols,
	   slice(t, '{NULL,NULL}', '{NULL,NULL}', '{-1,-1}') AS reversed, slice(v, '{-1}', '{NULL}', '{-1}') AS rev_v,
	   slice(v, '{0}', '{3}', '{5}') AS big_step, slice(v, '{}', '{}') AS nothing FROM sub;
SELECT try_sql($$SELECT marsql.slice('[1,2]', '{0}', '{1}', '{0}')$$);
SELECT try_sql($$SELECT marsql.slice('[1,2]', '{0,0}', '{1,1}')$$);

-- take: gather along an axis, or from the flattened tensor
SELECT take(t, '{0,-1,0}', 1) AS cols, take(t, '{2}', 0) AS row2, take(t, '{11,0,5}') AS flat,
	   take(v, '{}') AS none FROM sub;
SELECT try_sql($$SELECT marsql.take('[1,2]', '{2}')$$);
SELECT try_sql($$SELECT marsql.take('[[1,2]]', '{0}', 2)$$);
SELECT try_sql($$SELECT marsql.take('[1,2]', '{NULL}')$$);
