-- numpy's data-type routines (result_type, promote_types, can_cast,
-- isdtype, finfo, iinfo; tensor_dtype_info.c), window functions (bartlett,
-- blackman, hamming, hanning, kaiser; tensor_windows.c) and the array
-- helpers copy, asarray_chkfinite and ix_.  A dtype is given and returned
-- by its name; unknown names raise 22023 as everywhere.

CREATE FUNCTION marsql.result_type(VARIADIC ts marsql.tensor[])
	RETURNS text
	AS 'MODULE_PATHNAME', 'tensor_result_type'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.result_type(marsql.tensor[]) IS
	'the dtype numpy''s promotion gives the tensors'' dtypes, by dtype only (numpy.result_type, numpy 2 rules)';

CREATE FUNCTION marsql.result_type(VARIADIC dtypes text[])
	RETURNS text
	AS 'MODULE_PATHNAME', 'tensor_result_type_names'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.result_type(text[]) IS
	'the dtype numpy''s promotion gives the named dtypes (numpy.result_type of dtypes)';

CREATE FUNCTION marsql.result_type(t marsql.tensor, s double precision)
	RETURNS text
	AS 'MODULE_PATHNAME', 'tensor_result_type_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.result_type(marsql.tensor, double precision) IS
	'the dtype of t combined with a float as a weak scalar (numpy.result_type(t, 1.0), numpy 2 rules)';

CREATE FUNCTION marsql.result_type(t marsql.tensor, s bigint)
	RETURNS text
	AS 'MODULE_PATHNAME', 'tensor_result_type_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.result_type(marsql.tensor, bigint) IS
	'the dtype of t combined with an integer as a weak scalar (numpy.result_type(t, 1), numpy 2 rules)';

CREATE FUNCTION marsql.result_type(t marsql.tensor, s integer)
	RETURNS text
	AS 'MODULE_PATHNAME', 'tensor_result_type_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.result_type(marsql.tensor, integer) IS
	'the dtype of t combined with an integer as a weak scalar (numpy.result_type(t, 1), numpy 2 rules)';

CREATE FUNCTION marsql.result_type(t marsql.tensor, s smallint)
	RETURNS text
	AS 'MODULE_PATHNAME', 'tensor_result_type_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.result_type(marsql.tensor, smallint) IS
	'the dtype of t combined with an integer as a weak scalar (numpy.result_type(t, 1), numpy 2 rules)';

CREATE FUNCTION marsql.result_type(t marsql.tensor, s boolean)
	RETURNS text
	AS 'MODULE_PATHNAME', 'tensor_result_type_scalar'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.result_type(marsql.tensor, boolean) IS
	'the dtype of t combined with a boolean as a weak scalar (numpy.result_type(t, True), numpy 2 rules)';

CREATE FUNCTION marsql.promote_types(a text, b text)
	RETURNS text
	AS 'MODULE_PATHNAME', 'tensor_promote_types'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.promote_types(text, text) IS
	'the smallest dtype both named dtypes cast to safely (numpy.promote_types)';

CREATE FUNCTION marsql.can_cast(from_ text, "to" text, casting text DEFAULT 'safe')
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'tensor_can_cast'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.can_cast(text, text, text) IS
	'whether a cast between the named dtypes is allowed under the casting rule no, equiv, safe, same_kind or unsafe (numpy.can_cast)';

CREATE FUNCTION marsql.can_cast(from_ marsql.tensor, "to" text, casting text DEFAULT 'safe')
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'tensor_can_cast_tensor'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.can_cast(marsql.tensor, text, text) IS
	'whether the tensor''s dtype casts to the named dtype under the casting rule, by dtype only (numpy.can_cast, numpy 2 rules)';

CREATE FUNCTION marsql.isdtype(dtype text, kind text)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'tensor_isdtype'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.isdtype(text, text) IS
	'whether the dtype is of the kind: bool, signed integer, unsigned integer, integral, real floating, complex floating, numeric, or a dtype name (numpy.isdtype, the array API)';

CREATE FUNCTION marsql.isdtype(dtype text, kinds text[])
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'tensor_isdtype_any'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.isdtype(text, text[]) IS
	'whether the dtype is of any of the kinds (numpy.isdtype with a tuple of kinds, the array API)';

CREATE FUNCTION marsql.finfo(dtype text,
	OUT bits integer, OUT eps double precision, OUT epsneg double precision,
	OUT max double precision, OUT min double precision,
	OUT tiny double precision, OUT smallest_normal double precision,
	OUT smallest_subnormal double precision, OUT resolution double precision,
	OUT "precision" integer, OUT nmant integer, OUT nexp integer,
	OUT minexp integer, OUT maxexp integer, OUT dtype_ text)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_finfo'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.finfo(text) IS
	'the machine limits of a float dtype, numpy''s values exactly (numpy.finfo); a complex dtype gives its parts'' float dtype';

CREATE FUNCTION marsql.iinfo(dtype text,
	OUT bits integer, OUT min bigint, OUT max bigint, OUT dtype_ text)
	RETURNS record
	AS 'MODULE_PATHNAME', 'tensor_iinfo'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.iinfo(text) IS
	'the machine limits of an integer dtype (numpy.iinfo)';

-- window functions

CREATE FUNCTION marsql.bartlett(m integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_bartlett'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.bartlett(integer) IS
	'the Bartlett (triangular) window of m points, float64, empty for m <= 0 (numpy.bartlett)';

CREATE FUNCTION marsql.blackman(m integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_blackman'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.blackman(integer) IS
	'the Blackman window of m points, float64, empty for m <= 0 (numpy.blackman)';

CREATE FUNCTION marsql.hamming(m integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_hamming'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.hamming(integer) IS
	'the Hamming window of m points, float64, empty for m <= 0 (numpy.hamming)';

CREATE FUNCTION marsql.hanning(m integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_hanning'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.hanning(integer) IS
	'the Hann window of m points, float64, empty for m <= 0 (numpy.hanning)';

CREATE FUNCTION marsql.kaiser(m integer, beta double precision)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_kaiser'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.kaiser(integer, double precision) IS
	'the Kaiser window of m points with shape parameter beta, float64, empty for m <= 0 (numpy.kaiser)';

-- array helpers

CREATE FUNCTION marsql.copy(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_copy'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.copy(marsql.tensor) IS
	'a copy of t, dtype and storage kept (numpy.copy)';

CREATE FUNCTION marsql.asarray_chkfinite(t marsql.tensor)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_asarray_chkfinite'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.asarray_chkfinite(marsql.tensor) IS
	't when every element is finite, else 22023 (numpy.asarray_chkfinite)';

CREATE FUNCTION marsql.ix_(VARIADIC ts marsql.tensor[])
	RETURNS marsql.tensor[]
	AS 'MODULE_PATHNAME', 'tensor_ix'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ix_(marsql.tensor[]) IS
	'open-mesh index tensors: the k-th one-dimensional tensor shaped to lie along axis k, a bool one as the indices of its true elements (numpy.ix_)';
