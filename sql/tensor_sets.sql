-- Set routines over every dtype: unique, unique_all, isin, intersect1d,
-- union1d, setdiff1d, setxor1d (numpy semantics; test/numpy/agree.py
-- checks the values against numpy).
SET search_path = marsql, public;

-- UNIQUE is a reserved word in SQL: call it schema-qualified
SELECT marsql.unique('[1,1,2,2,3,3]'::tensor), marsql.unique('[[1,1],[2,3]]'::tensor);
-- NaNs collapse (numpy 1.24's equal_nan=True); -0.0 equals 0.0
SELECT marsql.unique('[NaN,1,NaN,-0.0,0,NaN]'::tensor);
SELECT marsql.unique('[[1,0,0],[1,0,0],[2,3,4]]'::tensor, 0), marsql.unique('[[1,0,0],[1,0,0],[2,3,4]]'::tensor, 1),
	   marsql.unique('[[1,0,0],[1,0,0],[2,3,4]]'::tensor, -1);
-- rows holding NaN are never equal (numpy compares rows with ==)
SELECT marsql.unique('[[NaN,1],[NaN,1]]'::tensor, 0);
SELECT d, marsql.unique(astype('[3,1,2,3,1]'::tensor, d)), marsql.unique(astype('[[3,1],[2,2],[3,1]]'::tensor, d), 0)
FROM unnest(ARRAY['bool','int8','int16','int32','int64','uint8','float16','float32','float64','complex64','complex128']) d;
SELECT marsql.unique(astype('[[1,2],[1,2],[0,2]]'::tensor, 'int8'), 0), marsql.unique(astype('[[1,2],[1,2]]'::tensor, 'complex64'), 1);
SELECT marsql.unique('float64(0):[]'::tensor), marsql.unique('5'::tensor), marsql.unique('float64(3,0):[]'::tensor, 0),
	   marsql.unique('float64(0,3):[]'::tensor, 0);

SELECT * FROM unique_all('[3,1,3,2,1]'::tensor);
SELECT * FROM unique_all('[[3,1],[3,2]]'::tensor);
SELECT * FROM unique_all('[[1,0],[2,3],[1,0]]'::tensor, 0);
SELECT * FROM unique_all('float64(0):[]'::tensor);

SELECT isin('[[0,2],[4,6]]'::tensor, '[1,2,4,8]'::tensor),
	   isin('[[0,2],[4,6]]'::tensor, '[1,2,4,8]'::tensor, true);
SELECT isin('[NaN,-0.0,1]'::tensor, '[NaN,0]'::tensor);
SELECT isin(astype('[1,2,300]'::tensor, 'int16'), astype('[2,300]'::tensor, 'float32')),
	   isin('[1]'::tensor, 'float64(0):[]'::tensor), isin('2'::tensor, '[2]'::tensor);

SELECT intersect1d('[1,3,4,3]'::tensor, '[3,1,2,1]'::tensor),
	   union1d('[-1,0,1]'::tensor, '[-2,0,2]'::tensor),
	   setdiff1d('[1,2,3,2,4,1]'::tensor, '[3,4,5,6]'::tensor),
	   setxor1d('[1,2,3,2,4]'::tensor, '[2,3,5,7,5]'::tensor);
SELECT intersect1d('[3,1]'::tensor, '[1,5]'::tensor, true), setdiff1d('[3,1,2]'::tensor, '[1]'::tensor, true),
	   setxor1d('[3,1]'::tensor, '[1,5]'::tensor, true);
SELECT intersect1d('[NaN,1]'::tensor, '[NaN,1]'::tensor), union1d('[NaN]'::tensor, '[NaN,1]'::tensor),
	   setdiff1d('[NaN,1]'::tensor, '[NaN]'::tensor), setxor1d('[NaN,1]'::tensor, '[NaN,2]'::tensor);
SELECT * FROM intersect1d_indices('[1,1,2,3,4]'::tensor, '[2,1,4,6]'::tensor);
SELECT * FROM intersect1d_indices('[1,2,3,4]'::tensor, '[2,1,4,6]'::tensor, true);
SELECT * FROM intersect1d_indices(astype('[5,1]'::tensor, 'int8'), 'float64(0):[]'::tensor);
-- dtypes: promoted as numpy's; setdiff1d keeps a's
SELECT union1d(astype('[0,200]'::tensor, 'uint8'), astype('[-1]'::tensor, 'int8')),
	   setdiff1d(astype('[1,2,3]'::tensor, 'int16'), '[2.5,3]'::tensor),
	   intersect1d(astype('[1,2]'::tensor, 'int32'), astype('[2]'::tensor, 'float32'));
SELECT intersect1d('[[1,2],[3,4]]'::tensor, '[4]'::tensor), union1d('float64(0):[]'::tensor, 'float64(0):[]'::tensor);

-- NULL arguments
SELECT marsql.unique(NULL), isin(NULL, '[1]'::tensor), union1d('[1]'::tensor, NULL);
SELECT * FROM unique_all(NULL);

-- errors
SELECT marsql.unique('[[1,2]]'::tensor, 2);
SELECT marsql.unique('5'::tensor, 0);
SELECT * FROM unique_all('[1,2]'::tensor, -2);

-- the array API's unique_values, unique_counts, unique_inverse
SELECT unique_values('[[3,1],[3,2]]'::tensor);
SELECT * FROM unique_counts('[[3,1],[3,2]]'::tensor);
SELECT * FROM unique_inverse('[[3,1],[3,2]]'::tensor);
SELECT unique_values(NULL), (unique_counts(NULL)).counts;
