-- Bitwise ufuncs and routines (074_tensor_bitwise.sql): values, dtypes,
-- broadcasting, weak integers, shifts at and beyond the width, and every
-- error path.  numpy agreement is in test/numpy/checks/bitmath.py.
SET search_path = marsql, public;

-- and / or / xor over integers and bool, broadcasting, weak integers
SELECT bitwise_and('int16:[[12,10],[7,-1]]'::tensor, 'int16:[10,6]'::tensor) AS r;
SELECT bitwise_or('uint8:[2,5,255]'::tensor, 4) AS r;
SELECT bitwise_xor(85, 'int8:[-128,0,127]'::tensor) AS r;
SELECT bitwise_and('bool:[true,true,false]'::tensor, 'bool:[true,false,false]'::tensor) AS r;
SELECT dtype(bitwise_or('bool:[true]'::tensor, 6)) AS bool_with_int;
SELECT dtype(bitwise_xor('int8:[1]'::tensor, 'uint8:[1]'::tensor)) AS int8_uint8;
SELECT bitwise_and('int32(0,2):[]'::tensor, 'int32:[1,2]'::tensor) AS empty;
SELECT bitwise_or('int64:5'::tensor, 'int64:2'::tensor) AS zero_d;
-- the operators
SELECT 'int16:[12,10]'::tensor & 'int16:[10,6]'::tensor AS and_op,
	   'int8:[12,10]'::tensor | 1 AS or_op,
	   'bool:[true,false]'::tensor # 'bool:[true,true]'::tensor AS xor_op;
SELECT ~ 'uint8:[0,13]'::tensor AS invert_op, 'int64:[1,-3]'::tensor << 2 AS lshift_op,
	   'int8:[-128,64]'::tensor >> 'int8:[7,8]'::tensor AS rshift_op;

-- shifts: counts at and beyond the width, negative counts (numpy)
SELECT left_shift('int8:[1,-1,5,1,1,1]'::tensor, 'int8:[7,7,8,9,-1,100]'::tensor) AS r;
SELECT right_shift('int8:[-128,-128,64,-1,5,-5]'::tensor, 'int8:[7,8,8,100,-1,-100]'::tensor) AS r;
SELECT left_shift('uint8:[255,128]'::tensor, 1) AS wraps;
SELECT right_shift('int64:[-9223372036854775808]'::tensor, 63) AS int64_min;
SELECT left_shift('bool:[true,false]'::tensor, 'bool:[true,true]'::tensor) AS bool_as_int8;
SELECT bitwise_left_shift(5, 'int32:[1,2,3]'::tensor) AS r, bitwise_right_shift('int32:[-8,13]'::tensor, 2) AS s;

-- invert and aliases, bitwise_count
SELECT invert('int8:[0,-1,127,-128]'::tensor) AS r, bitwise_not('bool:[true,false]'::tensor) AS b,
	   bitwise_invert('uint8:[0,255]'::tensor) AS u;
SELECT bitwise_count('int64:[0,1023,-1,-9223372036854775808,9223372036854775807]'::tensor) AS r;
SELECT bitwise_count('bool:[true,false]'::tensor) AS r;

-- packbits / unpackbits
SELECT packbits('int64:[[[1,0,1],[0,1,0]],[[1,1,0],[0,0,1]]]'::tensor, -1) AS r;
SELECT packbits('bool:[true,true,false,false,false,false,false,false,true]'::tensor) AS big,
	   packbits('bool:[true,true,false,false,false,false,false,false,true]'::tensor, NULL, 'little') AS little;
SELECT packbits('bool(0):[]'::tensor) AS empty;
SELECT unpackbits('uint8:[[2],[7],[23]]'::tensor, 1) AS r;
SELECT unpackbits('uint8:[[2],[7],[23]]'::tensor, NULL, -3) AS r;
SELECT unpackbits('uint8:[255]'::tensor, 0, 10, 'little') AS padded;

-- binary_repr
SELECT binary_repr(3) AS a, binary_repr(-3) AS b, binary_repr(-3, 4) AS c,
	   binary_repr(10, 8) AS d, binary_repr(0, 0) AS e, binary_repr(-9223372036854775808, 64) AS f;
SELECT binary_repr(-1, 70) AS wide;

-- errors
SELECT bitwise_and('[1.5]'::tensor, '[1]'::tensor);                 -- 42804
SELECT bitwise_or('complex128:[1+1j]'::tensor, 1);                  -- 42804
SELECT bitwise_xor('int32:[1,2,3]'::tensor, 'int32:[1,2]'::tensor); -- shapes
SELECT left_shift('int8:[1]'::tensor, 1000);                        -- 22003
SELECT right_shift('float32:[1]'::tensor, 1);                       -- 42804
SELECT invert('float16:[1]'::tensor);                               -- 42804
SELECT bitwise_count('[1.0]'::tensor);                              -- 42804
SELECT packbits('[1.0]'::tensor);                                   -- 42804
SELECT packbits('uint8:[1]'::tensor, NULL, 'middle');               -- 22023
SELECT packbits('uint8:[[1]]'::tensor, 2);                          -- axis
SELECT unpackbits('int8:[1]'::tensor);                              -- 42804
SELECT unpackbits('uint8:[[1,2,3]]'::tensor, 1, -25);               -- 22023
SELECT unpackbits('uint8:[1]'::tensor, NULL, NULL, 'LITTLE');       -- 22023
SELECT binary_repr(-3, 2);                                          -- 22003
SELECT binary_repr(10, 3);                                          -- 22003
SELECT binary_repr(1, -1);                                          -- 22023
SELECT binary_repr(1, 2000000);                                     -- 54000
-- NULL handling of the non-STRICT functions
SELECT packbits(NULL) IS NULL AS a, unpackbits('uint8:[1]'::tensor, NULL, NULL, NULL) IS NULL AS b,
	   binary_repr(NULL) IS NULL AS c, binary_repr(5, NULL) AS d;
