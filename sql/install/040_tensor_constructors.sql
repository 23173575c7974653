-- numpy-style constructors.

CREATE FUNCTION marsql.zeros(shape integer[], dtype text DEFAULT 'float64')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_zeros'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.zeros(integer[], text) IS 'tensor of the given shape filled with 0';

CREATE FUNCTION marsql.full(shape integer[], fill_value double precision,
							dtype text DEFAULT 'float64')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_full'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.full(integer[], double precision, text) IS
	'tensor of the given shape filled with fill_value';

CREATE FUNCTION marsql.ones(shape integer[], dtype text DEFAULT 'float64')
	RETURNS marsql.tensor
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.full(shape, 1, dtype);
COMMENT ON FUNCTION marsql.ones(integer[], text) IS 'tensor of the given shape filled with 1';

CREATE FUNCTION marsql.eye(n integer, m integer DEFAULT NULL, k integer DEFAULT 0,
						   dtype text DEFAULT 'float64', sparse boolean DEFAULT false)
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_eye'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.eye(integer, integer, integer, text, boolean) IS
	'n x m matrix (m defaults to n) with ones on diagonal k; a sparse (CSR) one when sparse is true';

CREATE FUNCTION marsql.identity(n integer, dtype text DEFAULT 'float64')
	RETURNS marsql.tensor
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.eye(n, n, 0, dtype, false);
COMMENT ON FUNCTION marsql.identity(integer, text) IS 'n x n identity matrix';

CREATE FUNCTION marsql.arange(start double precision, stop double precision,
							  step double precision DEFAULT 1,
							  dtype text DEFAULT 'float64')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_arange'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.arange(double precision, double precision, double precision, text) IS
	'evenly spaced values start, start + step, ... below stop';

CREATE FUNCTION marsql.arange(stop double precision, dtype text DEFAULT 'float64')
	RETURNS marsql.tensor
	LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
	RETURN marsql.arange(0, stop, 1, dtype);
COMMENT ON FUNCTION marsql.arange(double precision, text) IS
	'0, 1, ... below stop';

CREATE FUNCTION marsql.linspace(start double precision, stop double precision,
								num integer DEFAULT 50, endpoint boolean DEFAULT true,
								dtype text DEFAULT 'float64')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_linspace'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION marsql.linspace(double precision, double precision, integer, boolean, text) IS
	'num evenly spaced values from start to stop';

-- VOLATILE: without a seed every call differs.  With a seed the result is
-- the same on every run and every machine.
CREATE FUNCTION marsql.random(shape integer[], seed bigint DEFAULT NULL,
							  distribution text DEFAULT 'uniform',
							  dtype text DEFAULT 'float64')
	RETURNS marsql.tensor
	AS 'MODULE_PATHNAME', 'tensor_random'
	LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION marsql.random(integer[], bigint, text, text) IS
	'uniform [0,1) or standard normal samples; a seed makes them reproducible';
