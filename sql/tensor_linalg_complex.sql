-- Complex linear algebra (complex64 / complex128 through LAPACK's c/z
-- routines), eig/eigvals, and every error path.  Complex values are shown
-- as rounded real and imaginary parts; factors that are unique only up to
-- a phase are checked by reconstruction.
SET search_path = marsql, public;

CREATE FUNCTION pg_temp.cclose(a tensor, b tensor) RETURNS boolean
LANGUAGE sql AS $$
	SELECT allclose(marsql.real(a), marsql.real(b), 1e-5, 1e-5) AND allclose(imag(a), imag(b), 1e-5, 1e-5)
$$;
CREATE FUNCTION pg_temp.parts(t tensor) RETURNS text
LANGUAGE sql AS $$
	SELECT dtype(t) || ' re ' || near(marsql.real(t))::text || ' im ' || near(imag(t))::text
$$;

-- inv, det, slogdet, solve
SELECT pg_temp.parts(inv('complex128:[[1+1j,2],[3,4-1j]]')) AS inv;
SELECT pg_temp.parts(inv('complex64:[[[2j,0],[0,1]],[[1,1j],[0,1]]]')) AS inv_stack;
SELECT inv('complex128(0,0):[]') AS inv_empty, dtype(inv('complex64:[[2]]')) AS inv_c64;
SELECT pg_temp.parts(det('complex128:[[1+1j,2],[3,4-1j]]')) AS det,
	   pg_temp.parts(det('complex64:[[[1j,0],[0,1j]],[[2,0],[0,1j]]]')) AS det_stack,
	   det('complex128(0,0):[]') AS det_empty, det('complex128:[[1j,2j],[1,2]]') AS det_singular;
SELECT pg_temp.parts(sign) AS sign, dtype(logabsdet) AS logabsdet_dtype, near(logabsdet) AS logabsdet
FROM slogdet('complex64:[[1+1j,2],[3,4-1j]]');
SELECT sign, logabsdet FROM slogdet('complex128:[[1j,2j],[1,2]]');
SELECT pg_temp.parts(solve('complex128:[[1+1j,2],[3,4-1j]]', 'complex128:[1,2j]')) AS vec,
	   pg_temp.parts(solve('complex64:[[2j,0],[0,1]]', 'complex64:[[2,4j],[1,1]]')) AS mat,
	   dtype(solve('complex64:[[1]]', '[1]')) AS mixed_promotes;
-- lstsq: x complex, residuals and s real
SELECT pg_temp.parts(x) AS x, dtype(residuals) AS res_dtype, near(residuals) AS residuals, rank,
	   dtype(s) AS s_dtype, near(s) AS s
FROM lstsq('complex128:[[1+1j,2],[3,4-1j],[1,1]]', 'complex128:[1,2,3j]');
SELECT dtype(x) AS x, dtype(residuals) AS res, dtype(s) AS s, rank FROM lstsq('complex64:[[1j],[1]]', 'complex64:[1,1]');
-- svd, svdvals, pinv, matrix_rank, norm
SELECT near(s) AS s, dtype(s) AS s_dtype, dtype(u) AS u_dtype, shape(u) AS u_shape, shape(vt) AS vt_shape
FROM svd('complex128:[[3j,0],[0,4],[0,0]]');
SELECT pg_temp.cclose(matmul(u * s, vt), a) AS reconstructs,
	   pg_temp.cclose(matmul(conj(transpose(u)), u), eye(2)) AS u_unitary,
	   pg_temp.cclose(matmul(vt, conj(transpose(vt))), eye(2)) AS vt_unitary
FROM (SELECT a, (svd(a, false)).* FROM (SELECT 'complex128:[[1+1j,2],[3,4-1j],[1,1]]'::tensor AS a) x) y;
SELECT near(svdvals('complex64:[[[1j,0],[0,2]],[[3,0],[0,1j]]]')) AS svdvals_stack,
	   dtype(svdvals('complex64:[[1j]]')) AS svdvals_c64;
SELECT pg_temp.parts(pinv('complex128:[[2j,0],[0,0],[0,4]]')) AS pinv;
SELECT matrix_rank('complex128:[[1j,2j],[1,2]]') AS rank_1, matrix_rank('complex64:[[1j,0],[0,1]]') AS rank_2;
SELECT near(norm('complex128:[[3j,0],[0,4]]', '2')) AS norm_2, near(norm('complex128:[[3j,0],[0,4]]', '-2')) AS norm_m2,
	   near(norm('complex128:[[3j,0],[0,4]]', 'nuc')) AS norm_nuc, near(norm('complex128:[[3j,0],[0,4]]', 'fro')) AS norm_fro,
	   dtype(norm('complex64:[[3j,0],[0,4]]', 'nuc')) AS nuc_dtype,
	   shape(norm('complex64:[[3j,0],[0,4]]', '2', keepdims => true)) AS keepdims;
-- qr, cholesky (Hermitian), eigh / eigvalsh (real eigenvalues)
SELECT pg_temp.cclose(matmul(q, r), a) AS reconstructs, pg_temp.cclose(matmul(conj(transpose(q)), q), eye(2)) AS q_unitary,
	   dtype(q) AS q_dtype, shape(r) AS r_shape
FROM (SELECT a, (qr(a)).* FROM (SELECT 'complex64:[[1+1j,2],[3,4-1j],[1,1]]'::tensor AS a) x) y;
SELECT shape(q) AS q_complete, shape(r) AS r_complete FROM qr('complex128:[[1j,2],[3,4],[5,6j]]', 'complete');
SELECT pg_temp.parts(cholesky('complex128:[[2,1-1j],[1+1j,3]]')) AS cholesky;
SELECT pg_temp.parts(cholesky('complex64:[[[4]],[[9]]]')) AS cholesky_stack;
SELECT near(w) AS w, dtype(w) AS w_dtype, dtype(v) AS v_dtype,
	   pg_temp.cclose(matmul(v * w, conj(transpose(v))), '[[2,1-1j],[1+1j,3]]') AS reconstructs
FROM eigh('complex128:[[2,1-1j],[1+1j,3]]');
SELECT near(w) AS w_upper FROM eigh('complex128:[[2,1-1j],[99,3]]', 'U');
SELECT near(eigvalsh('complex64:[[2,99],[1+1j,3]]')) AS eigvalsh, dtype(eigvalsh('complex64:[[1]]')) AS eigvalsh_c64;
-- eig / eigvals: complex exactly when an eigenvalue of a real input is not real
SELECT w, v FROM eig('[[2,0],[0,1]]');
SELECT pg_temp.parts(w) AS w, pg_temp.parts(v) AS v FROM eig('[[1,-1],[1,1]]');
SELECT dtype(w) AS w, dtype(v) AS v FROM eig('float32:[[0,-1],[1,0]]');
SELECT dtype(w) AS w, dtype(v) AS v FROM eig('float32:[[1,2],[0,3]]');
SELECT pg_temp.parts(w) AS w FROM eig('complex64:[[1,1j],[-1j,1]]');
SELECT pg_temp.cclose(matmul(a, v), v * w) AS av_is_vw
FROM (SELECT a, (eig(a)).* FROM (SELECT 'complex128:[[1+2j,3],[4j,5-1j]]'::tensor AS a) x) y;
SELECT dtype(eigvals('[[[1,0],[0,2]],[[0,1],[-1,0]]]')) AS stack_any_complex, shape(eigvals('[[[1,0],[0,2]],[[0,1],[-1,0]]]')) AS shape,
	   eigvals('[[[1,0],[0,2]],[[3,1],[0,4]]]') AS stack_real;
SELECT eigvals('float64(0,0):[]') AS empty, eigvals('[[7]]') AS one, eigvals('int32:[[2,0],[0,3]]') AS int_input,
	   eigvals('bool:[[true,false],[false,true]]') AS bool_input;
SELECT shape(w) AS w_empty, shape(v) AS v_empty FROM eig('complex64(0,0):[]');

-- errors: non-square, too few dimensions, singular, not positive definite,
-- non-finite, float16, bad arguments
SELECT try_sql($$SELECT inv('complex128:[[1,2j,3]]')$$);
SELECT try_sql($$SELECT det('complex64:[1j]')$$);
SELECT try_sql($$SELECT inv('complex128:[[1j,2j],[1,2]]')$$);
SELECT try_sql($$SELECT inv('complex64:[[[1,0],[0,1]],[[1j,2j],[1,2]]]')$$);
SELECT try_sql($$SELECT solve('complex128:[[1j,2j],[1,2]]', 'complex128:[1,2]')$$);
SELECT try_sql($$SELECT solve('complex128:[[1j,0],[0,1]]', 'complex128:[1,2,3]')$$);
SELECT try_sql($$SELECT cholesky('complex128:[[1,2j],[-2j,1]]')$$);
SELECT try_sql($$SELECT cholesky('complex64:[[1,2j,3]]')$$);
SELECT try_sql($$SELECT * FROM eigh('complex128:[[1,2j,3]]')$$);
SELECT try_sql($$SELECT * FROM eigh('complex128:[[1,0],[0,1]]', 'X')$$);
SELECT try_sql($$SELECT inv('complex128:[[nan+1j,0],[0,1]]')$$);
SELECT try_sql($$SELECT svdvals('complex64:[[1,0],[0,infj]]')$$);
SELECT try_sql($$SELECT * FROM lstsq('complex128:[[[1j]]]', 'complex128:[1]')$$);
SELECT try_sql($$SELECT * FROM lstsq('complex128:[[1j],[1]]', 'complex128:[1,2,3]')$$);
SELECT try_sql($$SELECT matrix_rank('complex128:[1j,2]')$$);
SELECT try_sql($$SELECT * FROM qr('complex128:[[1j]]', 'raw')$$);
SELECT try_sql($$SELECT * FROM eig('complex128:[[1,2j,3]]')$$);
SELECT try_sql($$SELECT eigvals('[1,2]')$$);
SELECT try_sql($$SELECT eigvals('[[nan,0],[0,1]]')$$);
SELECT try_sql($$SELECT * FROM eig('complex64:[[1,0],[inf,1]]')$$);
SELECT try_sql($$SELECT eigvals(astype('[[1,0],[0,1]]', 'float16'))$$);
SELECT try_sql($$SELECT inv(astype('[[1,0],[0,1]]', 'float16'))$$);
SELECT try_sql($$SELECT norm('complex128:[[1j,0],[0,1]]', 'bogus')$$);

-- trace, matrix_power, multi_dot, cond, matrix_norm, vector_norm, vecdot,
-- matvec, vecmat, matrix_transpose, tensorsolve, tensorinv
SELECT trace('[[1,2],[3,4]]') AS trace, trace('int32:[[1,2],[3,4]]') AS trace_int32, trace('bool:[[true,true],[false,true]]') AS trace_bool,
	   trace('[[[1,2],[3,4]],[[5,6],[7,8]]]') AS trace_3d, trace('[[1,2,3],[4,5,6]]', 1) AS trace_offset,
	   trace('[[[1,2],[3,4]],[[5,6],[7,8]]]', 0, 1, 2) AS trace_axes, trace('complex64:[[1j,0],[0,2]]') AS trace_c64;
SELECT linalg_trace('[[[1,2],[3,4]],[[5,6],[7,8]]]') AS linalg_trace, linalg_trace('[[1,2,3],[4,5,6]]', -1) AS offset_m1;
SELECT matrix_power('int32:[[1,1],[1,0]]', 10) AS fib, matrix_power('[[0,1],[-1,0]]', 0) AS identity,
	   matrix_power('int64:[[2,1],[1,1]]', -1) AS inverse, near(matrix_power('[[2,0],[0,4]]', -3)) AS neg3,
	   matrix_power('complex64:[[1j,0],[0,1]]', 2) AS c64, matrix_power('float64(0,0):[]', 5) AS empty;
SELECT multi_dot(ARRAY['[1,2]', '[[1,0],[0,1]]', '[3,4]']::tensor[]) AS scalar,
	   multi_dot(ARRAY['int32:[[1,2]]', 'int32:[[1],[1]]']::tensor[]) AS two_int,
	   multi_dot(ARRAY['[[1,2],[3,4]]', '[[1],[1]]', '[[2,0,1]]', '[[1],[1],[1]]']::tensor[]) AS four;
SELECT near(cond('[[1,0,-1],[0,1,0],[1,0,1]]')) AS cond, near(cond('[[1,0,-1],[0,1,0],[1,0,1]]', 'fro')) AS fro,
	   near(cond('[[1,0,-1],[0,1,0],[1,0,1]]', 'inf')) AS inf, near(cond('[[1,0,-1],[0,1,0],[1,0,1]]', '-1')) AS m1,
	   cond('[[1,1],[1,1]]', '1') AS singular, cond('[[nan,1],[1,1]]', '1') AS nan_input,
	   dtype(cond('complex64:[[1j,0],[0,2]]', 'nuc')) AS complex_p_dtype, dtype(cond('complex64:[[1j,0],[0,2]]')) AS complex_2_dtype,
	   cond('[[[2,0],[0,1]],[[4,0],[0,1]]]') AS stacked, cond('[[0,0],[0,0]]') AS zero;
SELECT matrix_norm('[[[3,4]],[[6,8]]]') AS fro, matrix_norm('[[[1,-2],[3,4]]]', ord => '1') AS one,
	   matrix_norm('[[1,-2],[3,4]]', ord => 'inf') AS inf, near(matrix_norm('[[3,0],[0,4]]', ord => '-2')) AS m2,
	   shape(matrix_norm('[[1,2],[3,4]]', true)) AS keepdims, matrix_norm('int32:[[3,4]]') AS int_input;
SELECT vector_norm('[[3,4],[6,8]]') AS all, vector_norm('[[3,4],[6,8]]', '{1}') AS axis1,
	   vector_norm('[[3,4],[6,8]]', '{0,1}', true, '1') AS both_keepdims, vector_norm('[[3,4],[6,8]]', '{-1,0}', false, 'inf') AS inf,
	   vector_norm('complex128:[3j,4]') AS complex, shape(vector_norm('[[[1]]]', NULL, true)) AS keepdims_all;
SELECT vecdot('[1,2,3]', '[4,5,6]') AS vecdot, vecdot('[[1,2],[3,4]]', '[1,1]') AS broadcast, vecdot('[[1,2],[3,4]]', '[[1],[1]]', 0) AS axis0,
	   vecdot('complex128:[1j,2]', 'complex128:[1j,1]') AS conjugated, vecdot('int32:[1,2]', 'int32:[3,4]') AS int32,
	   vecdot('bool:[true,false]', 'bool:[false,true]') AS bool;
SELECT matvec('[[1,2],[3,4]]', '[1,1]') AS matvec, matvec('[[[1,0],[0,1]],[[2,0],[0,2]]]', '[[1,2],[3,4]]') AS matvec_stack,
	   vecmat('[1,1]', '[[1,2],[3,4]]') AS vecmat, vecmat('complex128:[1j]', 'complex128:[[1]]') AS vecmat_conj;
SELECT matrix_transpose('[[1,2,3]]') AS t2, shape(matrix_transpose(zeros('{2,3,4}'))) AS t3;
SELECT tensorinv(reshape(eye(6), '{2,3,6}')) = reshape(eye(6), '{6,2,3}') AS tensorinv_eye,
	   near(tensorinv('[[2,0],[0,4]]', 1)) AS tensorinv_2d;
SELECT tensorsolve(reshape(eye(6), '{2,3,6}'), '[[1,2,3],[4,5,6]]') AS tensorsolve,
	   tensorsolve(reshape(eye(6), '{6,2,3}'), '[[1,2,3],[4,5,6]]', '{0}') AS tensorsolve_axes;
SELECT try_sql($$SELECT trace('[1,2]')$$);
SELECT try_sql($$SELECT matrix_power('[[1,2,3]]', 2)$$);
SELECT try_sql($$SELECT matrix_power('[1,2]', 2)$$);
SELECT try_sql($$SELECT matrix_power('[[1,1],[1,1]]', -1)$$);
SELECT try_sql($$SELECT matrix_power(astype('[[1,0],[0,1]]', 'float16'), -1)$$);
SELECT try_sql($$SELECT multi_dot(ARRAY['[[1]]']::tensor[])$$);
SELECT try_sql($$SELECT multi_dot(ARRAY['[[1]]', NULL]::tensor[])$$);
SELECT try_sql($$SELECT multi_dot(ARRAY['[[1]]', '[1]', '[[1]]']::tensor[])$$);
SELECT try_sql($$SELECT multi_dot(ARRAY['[[1,2]]', '[[1,2]]']::tensor[])$$);
SELECT try_sql($$SELECT cond('[1,2]')$$);
SELECT try_sql($$SELECT cond('[[1,2,3]]', '1')$$);
SELECT try_sql($$SELECT cond('[[[1,0],[0,1]]]', 'fro')$$);
SELECT try_sql($$SELECT cond('[[1,0],[0,1]]', 'bogus')$$);
SELECT try_sql($$SELECT cond('float64(0,0):[]')$$);
SELECT try_sql($$SELECT matrix_norm('[1,2]')$$);
SELECT try_sql($$SELECT matrix_norm('[[1,2]]', ord => '3')$$);
SELECT try_sql($$SELECT vector_norm('[1,2]', ord => 'fro')$$);
SELECT try_sql($$SELECT vector_norm('[1,2]', '{}')$$);
SELECT try_sql($$SELECT vector_norm('[[1,2]]', '{0,-2}')$$);
SELECT try_sql($$SELECT vector_norm('[[1,2]]', '{0,5}')$$);
SELECT try_sql($$SELECT vector_norm('[[1,2]]', '{0,NULL}')$$);
SELECT try_sql($$SELECT vecdot('[1,2]', '1')$$);
SELECT try_sql($$SELECT vecdot('[1,2]', '[1,2,3]')$$);
SELECT try_sql($$SELECT matvec('[[1,2]]', '[1,2,3]')$$);
SELECT try_sql($$SELECT matrix_transpose('[1,2]')$$);
SELECT try_sql($$SELECT tensorinv(eye(2), 0)$$);
SELECT try_sql($$SELECT tensorinv(zeros('{2,3,4}'))$$);
SELECT try_sql($$SELECT tensorinv(zeros('{2,0}'), 1)$$);
SELECT try_sql($$SELECT tensorsolve(zeros('{2,3,4}'), zeros('{2,3}'))$$);
SELECT try_sql($$SELECT tensorsolve(zeros('{2,2}'), zeros('{2,2}'))$$);
SELECT try_sql($$SELECT tensorsolve(zeros('{2,2}'), zeros('{2}'), '{7}')$$);
SELECT try_sql($$SELECT tensorsolve(zeros('{2,2}'), zeros('{2}'))$$);
