-- numpy.emath (numpy.lib.scimath): the math functions whose result leaves
-- the reals for some real inputs give a complex result there instead of
-- NaN.  A real tensor with an element outside the real domain (below 0 for
-- sqrt, the logarithms and power's base; beyond [-1, 1] for arccos, arcsin
-- and arctanh) is converted to complex first, as numpy's _tocomplex does:
-- complex64 for int8, int16, uint8 and float32, complex128 for
-- the rest (float16 too); otherwise the plain function runs (a real result).  Module
-- names are spelled with an underscore (numpy.emath.sqrt is emath_sqrt).

-- x, converted to numpy's complex dtype for it when outside is true
CREATE FUNCTION marsql.emath_complex_if(x marsql.tensor, outside boolean)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN CASE WHEN outside AND marsql.dtype(x) NOT LIKE 'complex%'
				THEN marsql.astype(x, CASE WHEN marsql.dtype(x) IN ('int8', 'int16', 'uint8', 'float32')
										   THEN 'complex64' ELSE 'complex128' END)
				ELSE x END;
COMMENT ON FUNCTION marsql.emath_complex_if(marsql.tensor, boolean) IS
	'internal: x as numpy.emath''s complex dtype for it when outside is true (complex64 for small dtypes)';

-- x, complex when a real element is below 0
CREATE FUNCTION marsql.emath_below_zero(x marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.emath_complex_if(x, marsql.dtype(x) NOT LIKE 'complex%'
									  AND marsql."any"(marsql.less(x, 0))::boolean);
COMMENT ON FUNCTION marsql.emath_below_zero(marsql.tensor) IS
	'internal: x, complex when a real element is below 0 (numpy.emath''s _fix_real_lt_zero)';

-- x, complex when a real element is beyond [-1, 1]
CREATE FUNCTION marsql.emath_beyond_one(x marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.emath_complex_if(x, marsql.dtype(x) NOT LIKE 'complex%'
									  AND marsql."any"(marsql.greater(marsql."abs"(x), 1))::boolean);
COMMENT ON FUNCTION marsql.emath_beyond_one(marsql.tensor) IS
	'internal: x, complex when a real element is beyond [-1, 1] (numpy.emath''s _fix_real_abs_gt_1)';

CREATE FUNCTION marsql.emath_sqrt(x marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.sqrt(marsql.emath_below_zero(x));
COMMENT ON FUNCTION marsql.emath_sqrt(marsql.tensor) IS
	'square root, complex where an element is negative: emath_sqrt(''[-1, 4]'') is [1j, 2+0j] (numpy.emath.sqrt)';

CREATE FUNCTION marsql.emath_log(x marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.log(marsql.emath_below_zero(x));
COMMENT ON FUNCTION marsql.emath_log(marsql.tensor) IS
	'natural logarithm, complex where an element is negative (numpy.emath.log)';

CREATE FUNCTION marsql.emath_log2(x marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.log2(marsql.emath_below_zero(x));
COMMENT ON FUNCTION marsql.emath_log2(marsql.tensor) IS
	'base-2 logarithm, complex where an element is negative (numpy.emath.log2)';

CREATE FUNCTION marsql.emath_log10(x marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.log10(marsql.emath_below_zero(x));
COMMENT ON FUNCTION marsql.emath_log10(marsql.tensor) IS
	'base-10 logarithm, complex where an element is negative (numpy.emath.log10)';

CREATE FUNCTION marsql.emath_logn(n marsql.tensor, x marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.log(marsql.emath_below_zero(x)) OPERATOR(marsql./) marsql.log(marsql.emath_below_zero(n));
COMMENT ON FUNCTION marsql.emath_logn(marsql.tensor, marsql.tensor) IS
	'logarithm of x to base n, broadcast, complex where an element of either is negative (numpy.emath.logn)';

CREATE FUNCTION marsql.emath_power(x marsql.tensor, p marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.power(marsql.emath_below_zero(x),
						CASE WHEN marsql.dtype(p) IN ('int8', 'int16', 'int32', 'int64', 'uint8')
								  AND marsql."any"(marsql.less(p, 0))::boolean
							 THEN marsql.astype(p, 'float64') ELSE p END);
COMMENT ON FUNCTION marsql.emath_power(marsql.tensor, marsql.tensor) IS
	'x ** p, broadcast, complex where an element of x is negative; a negative integer p is taken as float64 (numpy.emath.power)';

CREATE FUNCTION marsql.emath_arccos(x marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.arccos(marsql.emath_beyond_one(x));
COMMENT ON FUNCTION marsql.emath_arccos(marsql.tensor) IS
	'inverse cosine, complex where an element is beyond [-1, 1] (numpy.emath.arccos)';

CREATE FUNCTION marsql.emath_arcsin(x marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.arcsin(marsql.emath_beyond_one(x));
COMMENT ON FUNCTION marsql.emath_arcsin(marsql.tensor) IS
	'inverse sine, complex where an element is beyond [-1, 1] (numpy.emath.arcsin)';

CREATE FUNCTION marsql.emath_arctanh(x marsql.tensor)
	RETURNS marsql.tensor
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.arctanh(marsql.emath_beyond_one(x));
COMMENT ON FUNCTION marsql.emath_arctanh(marsql.tensor) IS
	'inverse hyperbolic tangent, complex where an element is beyond [-1, 1] (numpy.emath.arctanh)';
