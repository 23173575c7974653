-- pi_chunk(seed, n): how many of n pseudo-random points in the unit square
-- fall inside the quarter circle.  The points come from a linear
-- congruential generator seeded by `seed`, so a chunk gives the same count
-- wherever and whenever it runs.
CREATE OR REPLACE FUNCTION pi_chunk(seed integer, n integer) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	s bigint := seed;
	inside bigint := 0;
	x float8;
	y float8;
BEGIN
	FOR i IN 1..n LOOP
		s := (s * 1103515245 + 12345) % 2147483648;
		x := s / 2147483648.0;
		s := (s * 1103515245 + 12345) % 2147483648;
		y := s / 2147483648.0;
		IF x * x + y * y <= 1 THEN
			inside := inside + 1;
		END IF;
	END LOOP;
	RETURN inside;
END $$;
