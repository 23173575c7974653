-- numpy.fft: fft, ifft, fft2, ifft2, fftn, ifftn, rfft, irfft, rfft2,
-- irfft2, rfftn, irfftn, hfft, ihfft, fftfreq, rfftfreq, fftshift,
-- ifftshift (numpy 2 result dtypes; test/numpy/checks/fft.py checks the
-- values against numpy over many lengths, norms and axes).
SET search_path = marsql, public;
SET extra_float_digits = 0;

-- small exact cases: impulses, constants, powers of two and primes
SELECT fft('[1,0,0,0]'::tensor), fft('[1,1,1,1]'::tensor), ifft('[4,0,0,0]'::tensor);
SELECT fft('[1,2,3,4]'::tensor), fft('[1,2,3]'::tensor, norm => 'forward');
SELECT max(abs(fft('[0,1,0,0,0,0,0]'::tensor) - exp(astype(arange(7), 'complex128') * (-2 * pi() / 7)::float8 * 'complex128:1j'::tensor)), NULL) < 1e-15 AS ok;
SELECT rfft('[0,1,0,0]'::tensor), irfft('complex128:[1-1j,-1+0j]'::tensor, 3);
SELECT irfft('complex128:[1+0j,0-1j,-1+0j]'::tensor),
	   max(abs(hfft('[1,2,3,4]'::tensor) - '[15,-4,0,-1,0,-4]'::tensor), NULL) < 1e-14 AS hfft_ok,
	   max(abs(ihfft('[15,-4,0,-1,0,-4]'::tensor) - 'complex128:[1,2,3,4]'::tensor), NULL) < 1e-15 AS ihfft_ok;

-- n truncates or zero-pads; axis; norms
SELECT fft('[1,2,3,4]'::tensor, 2), fft('[1,2]'::tensor, 4);
SELECT fft('[[1,2],[3,4]]'::tensor, axis => 0), fft('[[1,2],[3,4]]'::tensor, 3, 0);
SELECT fft('[2,2,2,2]'::tensor, norm => 'ortho'), ifft('[2,2,2,2]'::tensor, norm => 'forward'),
	   ifft('[2,2,2,2]'::tensor, norm => NULL);

-- 2-D and n-D
SELECT fft2('[[1,0],[0,0]]'::tensor), ifft2('[[4,0],[0,0]]'::tensor);
SELECT fftn('[[1,2],[3,4]]'::tensor, ARRAY[3,2]), fftn('[[1,2],[3,4]]'::tensor, axes => ARRAY[0]);
SELECT rfft2('[[1,1],[1,1]]'::tensor), irfft2('[[4,0],[0,0]]'::tensor);
SELECT rfftn('[[1,2,3],[4,5,6]]'::tensor), irfftn('complex128:[[4+0j,0j],[0j,0j]]'::tensor, ARRAY[2,2]);
SELECT fftn('float32:7'::tensor), fftn('[[1,2]]'::tensor, axes => ARRAY[]::int[]);

-- result dtypes (numpy 2): float16/float32/complex64 give complex64 or float32
SELECT d, dtype(fft(astype('[1,2,3]'::tensor, d))), dtype(irfft(astype('[1,2,3]'::tensor, d))),
	   dtype(hfft(astype('[1,2,3]'::tensor, d))), dtype(fftn(astype('[[1,2]]'::tensor, d)))
FROM unnest(ARRAY['bool','int8','int16','int32','int64','uint8','float16','float32','float64',
				  'complex64','complex128']) d;
SELECT fft('float32:[1,2,3,4]'::tensor), irfft('complex64:[4+0j,0j,0j]'::tensor);
SELECT rfft(astype('[1,0,1,0]'::tensor, 'bool')), rfft(astype('[1,2,3]'::tensor, 'int8'));

-- a value beyond the result dtype's range is an infinity (numpy computes in that precision)
SELECT fft('float32:[3e38,3e38]'::tensor), hfft('float16:[60000,60000]'::tensor), fft('[1e308,1e308]'::tensor);

-- empty lanes keep their shape
SELECT fft('float64(0,4):[]'::tensor), rfft('float64(0,4):[]'::tensor), irfft('float64(2,0):[]'::tensor, 4, 1);

-- a prime length (Bluestein) and a large mixed radix length round-trip
SELECT max(abs(ifft(fft(v)) - v), NULL) < 1e-10 AS ok
FROM (SELECT astype(arange(1031), 'complex128') AS v) s;
SELECT max(abs(irfft(rfft(v), 1000) - v), NULL) < 1e-10 AS ok FROM (SELECT arange(1000) AS v) s;

-- fftfreq, rfftfreq
SELECT fftfreq(8, 0.1), fftfreq(5), rfftfreq(10, 0.01), rfftfreq(1), rfftfreq(-3), fftfreq(1, 2);

-- fftshift, ifftshift: any dtype, repeated axes roll twice
SELECT fftshift('[0,1,2,3,4]'::tensor), ifftshift('[0,1,2,3,4]'::tensor);
SELECT fftshift('[[0,1,2],[3,4,5]]'::tensor), fftshift('[[0,1,2],[3,4,5]]'::tensor, ARRAY[1]),
	   fftshift('[[0,1,2],[3,4,5]]'::tensor, 0), ifftshift('[[0,1,2],[3,4,5]]'::tensor, -1);
SELECT fftshift('[0,1,2,3]'::tensor, ARRAY[0,0]), fftshift('float64(0,3):[]'::tensor);
SELECT fftshift('int8:[1,2,3]'::tensor), fftshift('complex64:[1+1j,2,3j]'::tensor),
	   fftshift(astype('[1,0,0]'::tensor, 'bool'));

-- NULL: a NULL tensor is NULL; NULL n/s/axes are numpy's None, NULL norm is "backward"
SELECT fft(NULL) IS NULL AS a, fft('[1,2]'::tensor, NULL, -1, NULL), fft('[1,2]'::tensor, 1, NULL) IS NULL AS b,
	   fftn(NULL::tensor) IS NULL AS c, fftshift(NULL::tensor) IS NULL AS d, fftfreq(NULL) IS NULL AS e;

-- errors: numpy's ValueError / IndexError are 22023
SELECT fft('[1,2,3]'::tensor, 0);
SELECT fft('[1,2,3]'::tensor, -1);
SELECT fft('float64(0):[]'::tensor);
SELECT fft('[1,2,3]'::tensor, axis => 1);
SELECT fft('1'::tensor);
SELECT fft('[1,2,3]'::tensor, norm => 'bogus');
SELECT ifft2('[[1,2]]'::tensor, norm => 'Ortho');
SELECT fft2('[1,2,3]'::tensor);
SELECT fftn('[[1,2]]'::tensor, ARRAY[2,2], ARRAY[0]);
SELECT fftn('[1,2,3]'::tensor, ARRAY[2,2]);
SELECT fftn('[1,2,3]'::tensor, ARRAY[0]);
SELECT fftn('[1,2,3]'::tensor, ARRAY[[1]]);
SELECT fftn('[1,2,3]'::tensor, ARRAY[1,NULL]);
SELECT irfft('[1]'::tensor);
SELECT hfft('[1]'::tensor);
SELECT rfftn('[[1,2]]'::tensor, axes => ARRAY[]::int[]);
SELECT irfftn('1'::tensor);
SELECT fftfreq(-1);
SELECT fftshift('[1,2]'::tensor, ARRAY[1]);
SELECT ifftshift('[1,2]'::tensor, -2);
SELECT fftshift('5'::tensor);
-- numpy's ZeroDivisionError (1 / (n d)): 22012
SELECT fftfreq(0);
SELECT rfftfreq(4, 0);
-- complex input to the real-input transforms (numpy 2's TypeError): 42804
SELECT rfft('complex128:[1+1j,2]'::tensor);
SELECT ihfft('complex64:[1+1j,2]'::tensor);
SELECT rfft2('complex128:[[1+1j,2]]'::tensor);
-- sizes are checked before allocating: 54000 over 1 GB
SELECT fft('[1,2]'::tensor, 2000000000);
SELECT fftn('[[1,2]]'::tensor, ARRAY[100000, 100000]);
-- a prime length above 2^25 would need over 4 GB of Bluestein workspace: 54000
SELECT fft('[1,2]'::tensor, 33554467);
