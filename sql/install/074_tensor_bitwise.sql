-- numpy's bitwise ufuncs and routines (tensor_bitwise.c, kernels/bitwise.c):
-- bitwise_and/or/xor, left_shift/right_shift (array API bitwise_left_shift,
-- bitwise_right_shift), invert (bitwise_not, bitwise_invert), bitwise_count,
-- packbits, unpackbits, binary_repr.  Integer and bool tensors only (42804
-- for float and complex, numpy's TypeError); two operands promote as numpy
-- (an integer is a weak scalar that must fit the tensor's dtype) and
-- broadcast.  Shifts by a count outside 0 .. width-1 give 0 (left) or the
-- sign (right), as numpy.  The operators & | # ~ << >> on tensors are
-- these ufuncs (# is PostgreSQL's xor).

CREATE FUNCTION marsql.bitwise_and(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_bitwise_and'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_and(marsql.tensor, marsql.tensor) IS
	'elementwise a & b of integer or bool tensors with broadcasting (numpy.bitwise_and)';

CREATE FUNCTION marsql.bitwise_and(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_bitwise_and'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_and(marsql.tensor, bigint) IS
	'elementwise a & b of integer or bool tensors for an integer b (numpy.bitwise_and)';

CREATE FUNCTION marsql.bitwise_and(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_bitwise_and'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_and(bigint, marsql.tensor) IS
	'elementwise a & b of integer or bool tensors for an integer a (numpy.bitwise_and)';

CREATE FUNCTION marsql.bitwise_or(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_bitwise_or'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_or(marsql.tensor, marsql.tensor) IS
	'elementwise a | b of integer or bool tensors with broadcasting (numpy.bitwise_or)';

CREATE FUNCTION marsql.bitwise_or(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_bitwise_or'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_or(marsql.tensor, bigint) IS
	'elementwise a | b of integer or bool tensors for an integer b (numpy.bitwise_or)';

CREATE FUNCTION marsql.bitwise_or(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_bitwise_or'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_or(bigint, marsql.tensor) IS
	'elementwise a | b of integer or bool tensors for an integer a (numpy.bitwise_or)';

CREATE FUNCTION marsql.bitwise_xor(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_bitwise_xor'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_xor(marsql.tensor, marsql.tensor) IS
	'elementwise a ^ b of integer or bool tensors with broadcasting (numpy.bitwise_xor)';

CREATE FUNCTION marsql.bitwise_xor(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_bitwise_xor'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_xor(marsql.tensor, bigint) IS
	'elementwise a ^ b of integer or bool tensors for an integer b (numpy.bitwise_xor)';

CREATE FUNCTION marsql.bitwise_xor(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_bitwise_xor'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_xor(bigint, marsql.tensor) IS
	'elementwise a ^ b of integer or bool tensors for an integer a (numpy.bitwise_xor)';

CREATE FUNCTION marsql.left_shift(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_left_shift'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.left_shift(marsql.tensor, marsql.tensor) IS
	'elementwise a << b of integer tensors (0 for counts outside 0 .. width-1) with broadcasting (numpy.left_shift)';

CREATE FUNCTION marsql.left_shift(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_left_shift'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.left_shift(marsql.tensor, bigint) IS
	'elementwise a << b of integer tensors (0 for counts outside 0 .. width-1) for an integer b (numpy.left_shift)';

CREATE FUNCTION marsql.left_shift(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_left_shift'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.left_shift(bigint, marsql.tensor) IS
	'elementwise a << b of integer tensors (0 for counts outside 0 .. width-1) for an integer a (numpy.left_shift)';

CREATE FUNCTION marsql.right_shift(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_right_shift'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.right_shift(marsql.tensor, marsql.tensor) IS
	'elementwise a >> b of integer tensors, arithmetic (0 or -1 for counts outside 0 .. width-1) with broadcasting (numpy.right_shift)';

CREATE FUNCTION marsql.right_shift(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_right_shift'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.right_shift(marsql.tensor, bigint) IS
	'elementwise a >> b of integer tensors, arithmetic (0 or -1 for counts outside 0 .. width-1) for an integer b (numpy.right_shift)';

CREATE FUNCTION marsql.right_shift(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_right_shift'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.right_shift(bigint, marsql.tensor) IS
	'elementwise a >> b of integer tensors, arithmetic (0 or -1 for counts outside 0 .. width-1) for an integer a (numpy.right_shift)';

CREATE FUNCTION marsql.bitwise_left_shift(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_left_shift'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_left_shift(marsql.tensor, marsql.tensor) IS
	'array API name of left_shift: elementwise a << b of integer tensors with broadcasting (numpy.left_shift)';

CREATE FUNCTION marsql.bitwise_left_shift(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_left_shift'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_left_shift(marsql.tensor, bigint) IS
	'array API name of left_shift: elementwise a << b of integer tensors for an integer b (numpy.left_shift)';

CREATE FUNCTION marsql.bitwise_left_shift(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_left_shift'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_left_shift(bigint, marsql.tensor) IS
	'array API name of left_shift: elementwise a << b of integer tensors for an integer a (numpy.left_shift)';

CREATE FUNCTION marsql.bitwise_right_shift(a marsql.tensor, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_right_shift'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_right_shift(marsql.tensor, marsql.tensor) IS
	'array API name of right_shift: elementwise a >> b of integer tensors with broadcasting (numpy.right_shift)';

CREATE FUNCTION marsql.bitwise_right_shift(a marsql.tensor, b bigint)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_right_shift'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_right_shift(marsql.tensor, bigint) IS
	'array API name of right_shift: elementwise a >> b of integer tensors for an integer b (numpy.right_shift)';

CREATE FUNCTION marsql.bitwise_right_shift(a bigint, b marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_right_shift'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_right_shift(bigint, marsql.tensor) IS
	'array API name of right_shift: elementwise a >> b of integer tensors for an integer a (numpy.right_shift)';

CREATE FUNCTION marsql.invert(x marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_invert'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.invert(marsql.tensor) IS
	'elementwise ~x of an integer tensor, logical not of a bool tensor (numpy.invert)';

CREATE FUNCTION marsql.bitwise_not(x marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_invert'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_not(marsql.tensor) IS
	'alias of invert: elementwise ~x (numpy.bitwise_not)';

CREATE FUNCTION marsql.bitwise_invert(x marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_invert'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_invert(marsql.tensor) IS
	'array API name of invert: elementwise ~x (numpy.invert)';

CREATE FUNCTION marsql.bitwise_count(x marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_bitwise_count'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bitwise_count(marsql.tensor) IS
	'the number of one bits of |x| for an integer or bool tensor, as uint8 (numpy.bitwise_count)';

-- packbits/unpackbits: axis NULL flattens (not STRICT in axis and count)
CREATE FUNCTION marsql.packbits(a marsql.tensor, axis integer DEFAULT NULL,
								bitorder text DEFAULT 'big')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_packbits'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.packbits(marsql.tensor, integer, text) IS
	'the truth values of an integer or bool tensor packed 8 to a uint8 byte along axis (flattened when NULL), bitorder big or little (numpy.packbits)';

CREATE FUNCTION marsql.unpackbits(a marsql.tensor, axis integer DEFAULT NULL,
								  count integer DEFAULT NULL,
								  bitorder text DEFAULT 'big')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_unpackbits'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.unpackbits(marsql.tensor, integer, integer, text) IS
	'the bits of a uint8 tensor as 0/1 uint8 values along axis (flattened when NULL); count keeps that many (negative: drops from the end) (numpy.unpackbits)';

CREATE FUNCTION marsql.binary_repr(num bigint, width integer DEFAULT NULL)
	RETURNS text
	AS 'MODULE_PATHNAME', 'tensor_binary_repr'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.binary_repr(bigint, integer) IS
	'num in binary; with a width, zero-padded, negatives in two''s complement of width bits (numpy.binary_repr)';

-- operators, PostgreSQL's integer spelling: & | # (xor) ~ << >>

CREATE OPERATOR marsql.& (LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor, FUNCTION = marsql.bitwise_and);
COMMENT ON OPERATOR marsql.& (marsql.tensor, marsql.tensor) IS 'elementwise numpy.bitwise_and';

CREATE OPERATOR marsql.& (LEFTARG = marsql.tensor, RIGHTARG = bigint, FUNCTION = marsql.bitwise_and);
COMMENT ON OPERATOR marsql.& (marsql.tensor, bigint) IS 'elementwise numpy.bitwise_and';

CREATE OPERATOR marsql.& (LEFTARG = bigint, RIGHTARG = marsql.tensor, FUNCTION = marsql.bitwise_and);
COMMENT ON OPERATOR marsql.& (bigint, marsql.tensor) IS 'elementwise numpy.bitwise_and';

CREATE OPERATOR marsql.| (LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor, FUNCTION = marsql.bitwise_or);
COMMENT ON OPERATOR marsql.| (marsql.tensor, marsql.tensor) IS 'elementwise numpy.bitwise_or';

CREATE OPERATOR marsql.| (LEFTARG = marsql.tensor, RIGHTARG = bigint, FUNCTION = marsql.bitwise_or);
COMMENT ON OPERATOR marsql.| (marsql.tensor, bigint) IS 'elementwise numpy.bitwise_or';

CREATE OPERATOR marsql.| (LEFTARG = bigint, RIGHTARG = marsql.tensor, FUNCTION = marsql.bitwise_or);
COMMENT ON OPERATOR marsql.| (bigint, marsql.tensor) IS 'elementwise numpy.bitwise_or';

CREATE OPERATOR marsql.# (LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor, FUNCTION = marsql.bitwise_xor);
COMMENT ON OPERATOR marsql.# (marsql.tensor, marsql.tensor) IS 'elementwise numpy.bitwise_xor';

CREATE OPERATOR marsql.# (LEFTARG = marsql.tensor, RIGHTARG = bigint, FUNCTION = marsql.bitwise_xor);
COMMENT ON OPERATOR marsql.# (marsql.tensor, bigint) IS 'elementwise numpy.bitwise_xor';

CREATE OPERATOR marsql.# (LEFTARG = bigint, RIGHTARG = marsql.tensor, FUNCTION = marsql.bitwise_xor);
COMMENT ON OPERATOR marsql.# (bigint, marsql.tensor) IS 'elementwise numpy.bitwise_xor';

CREATE OPERATOR marsql.<< (LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor, FUNCTION = marsql.left_shift);
COMMENT ON OPERATOR marsql.<< (marsql.tensor, marsql.tensor) IS 'elementwise numpy.left_shift';

CREATE OPERATOR marsql.<< (LEFTARG = marsql.tensor, RIGHTARG = bigint, FUNCTION = marsql.left_shift);
COMMENT ON OPERATOR marsql.<< (marsql.tensor, bigint) IS 'elementwise numpy.left_shift';

CREATE OPERATOR marsql.<< (LEFTARG = bigint, RIGHTARG = marsql.tensor, FUNCTION = marsql.left_shift);
COMMENT ON OPERATOR marsql.<< (bigint, marsql.tensor) IS 'elementwise numpy.left_shift';

CREATE OPERATOR marsql.>> (LEFTARG = marsql.tensor, RIGHTARG = marsql.tensor, FUNCTION = marsql.right_shift);
COMMENT ON OPERATOR marsql.>> (marsql.tensor, marsql.tensor) IS 'elementwise numpy.right_shift';

CREATE OPERATOR marsql.>> (LEFTARG = marsql.tensor, RIGHTARG = bigint, FUNCTION = marsql.right_shift);
COMMENT ON OPERATOR marsql.>> (marsql.tensor, bigint) IS 'elementwise numpy.right_shift';

CREATE OPERATOR marsql.>> (LEFTARG = bigint, RIGHTARG = marsql.tensor, FUNCTION = marsql.right_shift);
COMMENT ON OPERATOR marsql.>> (bigint, marsql.tensor) IS 'elementwise numpy.right_shift';

CREATE OPERATOR marsql.~ (RIGHTARG = marsql.tensor, FUNCTION = marsql.invert);
COMMENT ON OPERATOR marsql.~ (NONE, marsql.tensor) IS 'elementwise numpy.invert';
