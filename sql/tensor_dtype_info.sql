-- numpy's data-type routines, window functions and array helpers
-- (tensor_dtype_info.c, tensor_windows.c)
SET search_path = marsql, public;

-- promote_types and result_type
SELECT promote_types('int8', 'uint8'), promote_types('f2', 'int16'),
	promote_types('int64', 'float16'), promote_types('complex64', 'float64'),
	promote_types('bool', 'bool');
SELECT result_type('i4', 'c8'), result_type('int8', 'uint8', 'float16'),
	result_type('bool');
SELECT result_type('int8:[1,2]'::tensor, 'uint8:[3]'::tensor),
	result_type('int16(): 3'::tensor, 'int8:[1]'::tensor),
	result_type(VARIADIC ARRAY['[1]'::tensor, 'float16:[1]', 'complex64:[1]']);
-- SQL numbers are weak scalars (numpy 2)
SELECT result_type('int8:[1]'::tensor, 3), result_type('int8:[1]'::tensor, 3::bigint),
	result_type('int8:[1]'::tensor, 1.5), result_type('float16:[1]'::tensor, 1.5),
	result_type('bool:[true]'::tensor, 3), result_type('uint8:[1]'::tensor, true),
	result_type('bool:[true]'::tensor, true);
-- errors
SELECT promote_types('int8', 'int128');
SELECT result_type('int8', 'nope');
SELECT result_type(VARIADIC ARRAY[]::text[]);
SELECT result_type(VARIADIC ARRAY[]::tensor[]);
SELECT result_type(VARIADIC ARRAY['int8', NULL]);
SELECT result_type(VARIADIC ARRAY['[1]'::tensor, NULL]);
SELECT result_type(VARIADIC ARRAY[['int8'], ['int16']]);

-- can_cast
SELECT can_cast('int8', 'int16'), can_cast('int16', 'int8'),
	can_cast('int64', 'float64'), can_cast('int64', 'float32'),
	can_cast('uint8', 'int8'), can_cast('uint8', 'int16'),
	can_cast('float16', 'complex64'), can_cast('complex64', 'float64');
SELECT c, can_cast('int64', 'int8', c) AS i8_i1, can_cast('int8', 'uint8', c) AS i1_u1,
	can_cast('uint8', 'int8', c) AS u1_i1, can_cast('float64', 'float16', c) AS f8_f2,
	can_cast('float64', 'int64', c) AS f8_i8, can_cast('complex64', 'float32', c) AS c8_f4,
	can_cast('int32', 'int32', c) AS same, can_cast('int32', 'i4', c) AS alias
FROM unnest(ARRAY['no', 'equiv', 'safe', 'same_kind', 'unsafe']) c;
SELECT can_cast('int64:[1,2]'::tensor, 'float64'), can_cast('int64(): 1'::tensor, 'int8'),
	can_cast('[1.5]'::tensor, 'int64', 'unsafe');
SELECT can_cast('int8', 'int16', 'sometimes');
SELECT can_cast('int8', 'int128');
SELECT can_cast('[1]'::tensor, 'int128');

-- isdtype
SELECT d, isdtype(d, 'bool') AS b, isdtype(d, 'signed integer') AS si,
	isdtype(d, 'unsigned integer') AS ui, isdtype(d, 'integral') AS integral,
	isdtype(d, 'real floating') AS rf, isdtype(d, 'complex floating') AS cf,
	isdtype(d, 'numeric') AS num, isdtype(d, 'int64') AS is_i8
FROM unnest(ARRAY['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'float16',
	'float32', 'float64', 'complex64', 'complex128', 'bigint']) d;
SELECT isdtype('int8', ARRAY['real floating', 'signed integer']),
	isdtype('uint8', ARRAY['bool', 'complex floating', 'int64']),
	isdtype('float16', ARRAY[]::text[]), isdtype('bool', ARRAY['bool']);
SELECT isdtype('int8', ARRAY['integral', 'whole']);
SELECT isdtype('int8', ARRAY['integral', NULL]);
SELECT isdtype('int8', 'whole');
SELECT isdtype('int9', 'integral');

-- finfo and iinfo
SELECT d, (finfo(d)).* FROM unnest(ARRAY['float16', 'float32', 'float64',
	'complex64', 'complex128']) d;
SELECT d, (iinfo(d)).* FROM unnest(ARRAY['int8', 'int16', 'int32', 'int64', 'uint8']) d;
SELECT finfo('int32');
SELECT finfo('bool');
SELECT finfo('float128');
SELECT iinfo('float32');
SELECT iinfo('bool');
SELECT iinfo('complex64');
SELECT iinfo('int128');

-- windows
SELECT m, bartlett(m), hanning(m) FROM unnest(ARRAY[-1, 0, 1, 2, 5]) m;
SELECT blackman(5), hamming(5), dtype(hamming(5)), shape(blackman(0));
SELECT kaiser(5, 0), kaiser(5, 14), kaiser(1, 3), kaiser(0, 3), kaiser(-4, 3),
	kaiser(3, 'NaN');
SELECT bartlett(NULL), kaiser(3, NULL);
SELECT hanning(2000000000);

-- copy
SELECT copy('int8:[[1,2],[3,4]]'::tensor), copy('float16(): 1.5'::tensor),
	copy('complex64:[1+2j]'::tensor), copy('bool(0):[]'::tensor);
SELECT copy(t) = t FROM (SELECT '[1, 2, 3]'::tensor t) s;

-- asarray_chkfinite
SELECT asarray_chkfinite('[1, 2, 3]'::tensor), asarray_chkfinite('int64:[7]'::tensor),
	asarray_chkfinite('complex128:[1+1j]'::tensor), asarray_chkfinite('float16(0):[]'::tensor);
SELECT asarray_chkfinite('[1, 2, NaN]'::tensor);
SELECT asarray_chkfinite('float32:[Infinity]'::tensor);
SELECT asarray_chkfinite('float16:[1, -Infinity]'::tensor);
SELECT asarray_chkfinite('complex64:[1, 2+NaNj]'::tensor);

-- ix_
SELECT ix_('int64:[0,1]'::tensor, 'int64:[2,4]'::tensor);
SELECT ix_('bool:[true,false,true]'::tensor, 'uint8:[1]'::tensor, '[0.5]'::tensor);
SELECT ix_('int32:[3]'::tensor), ix_(VARIADIC ARRAY[]::tensor[]);
SELECT ix_('int64:[[1,2]]'::tensor);
SELECT ix_('int64(): 1'::tensor);
SELECT ix_(VARIADIC ARRAY['[1]'::tensor, NULL]);
SELECT ix_(VARIADIC array_fill('[1]'::tensor, ARRAY[33]));
