-- Discrete Fourier transforms (numpy.fft, numpy's names and parameters):
-- fft, ifft, fft2, ifft2, fftn, ifftn, rfft, irfft, rfft2, irfft2, rfftn,
-- irfftn, hfft, ihfft, fftfreq, rfftfreq, fftshift, ifftshift.  Any length
-- (mixed radix, Bluestein for large prime factors), computed in double and
-- rounded once into numpy 2's result dtype (complex64 / float32 for
-- float16, float32 and complex64 input).  A NULL n, s or axes is numpy's
-- None; norm is 'backward' (also NULL), 'ortho' or 'forward'.  These are
-- not STRICT because NULL means None; a NULL tensor gives NULL.

CREATE FUNCTION marsql.fft(a marsql.tensor, n integer DEFAULT NULL, axis integer DEFAULT -1,
						   norm text DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fft'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fft(marsql.tensor, integer, integer, text) IS
	'one-dimensional discrete Fourier transform along axis, truncated or zero-padded to n (numpy.fft.fft)';

CREATE FUNCTION marsql.ifft(a marsql.tensor, n integer DEFAULT NULL, axis integer DEFAULT -1,
							norm text DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_ifft'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ifft(marsql.tensor, integer, integer, text) IS
	'one-dimensional inverse discrete Fourier transform along axis (numpy.fft.ifft)';

CREATE FUNCTION marsql.rfft(a marsql.tensor, n integer DEFAULT NULL, axis integer DEFAULT -1,
							norm text DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_rfft'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.rfft(marsql.tensor, integer, integer, text) IS
	'the n/2+1 non-negative frequencies of the transform of real input along axis (numpy.fft.rfft)';

CREATE FUNCTION marsql.irfft(a marsql.tensor, n integer DEFAULT NULL, axis integer DEFAULT -1,
							 norm text DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_irfft'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.irfft(marsql.tensor, integer, integer, text) IS
	'the n real values (default 2 (m - 1)) whose rfft is a along axis (numpy.fft.irfft)';

CREATE FUNCTION marsql.hfft(a marsql.tensor, n integer DEFAULT NULL, axis integer DEFAULT -1,
							norm text DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_hfft'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.hfft(marsql.tensor, integer, integer, text) IS
	'the real transform of a Hermitian-symmetric signal given by its first half (numpy.fft.hfft)';

CREATE FUNCTION marsql.ihfft(a marsql.tensor, n integer DEFAULT NULL, axis integer DEFAULT -1,
							 norm text DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_ihfft'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ihfft(marsql.tensor, integer, integer, text) IS
	'the inverse of hfft: the half spectrum of real input, conjugated and scaled (numpy.fft.ihfft)';

CREATE FUNCTION marsql.fft2(a marsql.tensor, s integer[] DEFAULT NULL,
							axes integer[] DEFAULT ARRAY[-2, -1], norm text DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fftn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fft2(marsql.tensor, integer[], integer[], text) IS
	'two-dimensional discrete Fourier transform over axes, each truncated or zero-padded to s (numpy.fft.fft2)';

CREATE FUNCTION marsql.ifft2(a marsql.tensor, s integer[] DEFAULT NULL,
							 axes integer[] DEFAULT ARRAY[-2, -1], norm text DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_ifftn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ifft2(marsql.tensor, integer[], integer[], text) IS
	'two-dimensional inverse discrete Fourier transform (numpy.fft.ifft2)';

CREATE FUNCTION marsql.rfft2(a marsql.tensor, s integer[] DEFAULT NULL,
							 axes integer[] DEFAULT ARRAY[-2, -1], norm text DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_rfftn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.rfft2(marsql.tensor, integer[], integer[], text) IS
	'two-dimensional transform of real input, half spectrum along the last axis (numpy.fft.rfft2)';

CREATE FUNCTION marsql.irfft2(a marsql.tensor, s integer[] DEFAULT NULL,
							  axes integer[] DEFAULT ARRAY[-2, -1], norm text DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_irfftn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.irfft2(marsql.tensor, integer[], integer[], text) IS
	'the inverse of rfft2: real output of shape s over axes (numpy.fft.irfft2)';

CREATE FUNCTION marsql.fftn(a marsql.tensor, s integer[] DEFAULT NULL,
							axes integer[] DEFAULT NULL, norm text DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fftn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fftn(marsql.tensor, integer[], integer[], text) IS
	'n-dimensional discrete Fourier transform over axes (all, or the last len(s), when NULL) (numpy.fft.fftn)';

CREATE FUNCTION marsql.ifftn(a marsql.tensor, s integer[] DEFAULT NULL,
							 axes integer[] DEFAULT NULL, norm text DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_ifftn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ifftn(marsql.tensor, integer[], integer[], text) IS
	'n-dimensional inverse discrete Fourier transform (numpy.fft.ifftn)';

CREATE FUNCTION marsql.rfftn(a marsql.tensor, s integer[] DEFAULT NULL,
							 axes integer[] DEFAULT NULL, norm text DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_rfftn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.rfftn(marsql.tensor, integer[], integer[], text) IS
	'n-dimensional transform of real input, half spectrum along the last axis (numpy.fft.rfftn)';

CREATE FUNCTION marsql.irfftn(a marsql.tensor, s integer[] DEFAULT NULL,
							  axes integer[] DEFAULT NULL, norm text DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_irfftn'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.irfftn(marsql.tensor, integer[], integer[], text) IS
	'the inverse of rfftn: real output of shape s over axes (numpy.fft.irfftn)';

CREATE FUNCTION marsql.fftfreq(n integer, d double precision DEFAULT 1.0)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fftfreq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fftfreq(integer, double precision) IS
	'float64 sample frequencies of an n-point transform with sample spacing d (numpy.fft.fftfreq)';

CREATE FUNCTION marsql.rfftfreq(n integer, d double precision DEFAULT 1.0)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_rfftfreq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.rfftfreq(integer, double precision) IS
	'float64 non-negative sample frequencies of an n-point rfft (numpy.fft.rfftfreq)';

CREATE FUNCTION marsql.fftshift(x marsql.tensor, axes integer[] DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fftshift'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fftshift(marsql.tensor, integer[]) IS
	'x rolled by half of each of axes (every axis when NULL): the zero frequency in the middle (numpy.fft.fftshift)';

CREATE FUNCTION marsql.fftshift(x marsql.tensor, axis integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_fftshift_axis'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.fftshift(marsql.tensor, integer) IS
	'x rolled by half of one axis (numpy.fft.fftshift with an integer axes)';

CREATE FUNCTION marsql.ifftshift(x marsql.tensor, axes integer[] DEFAULT NULL)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_ifftshift'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ifftshift(marsql.tensor, integer[]) IS
	'the inverse of fftshift: the zero frequency back at index 0 (numpy.fft.ifftshift)';

CREATE FUNCTION marsql.ifftshift(x marsql.tensor, axis integer)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_ifftshift_axis'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.ifftshift(marsql.tensor, integer) IS
	'the inverse of fftshift along one axis (numpy.fft.ifftshift with an integer axes)';
