-- numpy.linalg: each decomposition on known matrices, stacks, empty input,
-- float32, and every error.  Values are rounded (near) where the last bits
-- depend on the CPU's kernels; decompositions whose signs are not unique
-- are checked by reconstruction.
SET search_path = marsql, public;

SELECT near(inv('[[4,7],[2,6]]')) AS inv, near(inv('[[[2,0],[0,4]],[[1,1],[0,1]]]')) AS inv_stack,
	   inv(zeros('{0,0}')) AS inv_empty, dtype(inv('float32:[[2]]')) AS inv_f32;
SELECT near(det('[[1,2],[3,4]]')) AS det, near(det('[[[2,0],[0,3]],[[1,2],[2,4]]]')) AS det_stack,
	   det(zeros('{0,0}')) AS det_empty, det('[[0,0],[0,0]]') AS det_singular;
SELECT near(sign) AS sign, near(logabsdet) AS logabsdet FROM slogdet('[[1,2],[3,4]]');
SELECT sign, logabsdet FROM slogdet('[[1,2],[2,4]]');
SELECT near(solve('[[3,1],[1,2]]', '[9,8]')) AS vec, near(solve('[[3,1],[1,2]]', '[[9,1],[8,2]]')) AS mat,
	   near(solve('[[[2,0],[0,2]],[[1,0],[0,4]]]', '[[2,4],[1,4]]')) AS stacked_vectors,
	   shape(solve(eye(3), zeros('{3,0}'))) AS no_rhs;
SELECT near(x) AS x, near(residuals) AS residuals, rank, near(s) AS s FROM lstsq('[[1,1],[1,2],[1,3]]', '[1,2,2]');
SELECT near(x) AS x, residuals, rank FROM lstsq('[[1,2],[2,4],[3,6]]', '[[1,0],[2,0],[3,1]]');
SELECT near(x) AS x, residuals, rank FROM lstsq('[[1,2,3]]', '[6]', rcond => 1e-10);
-- svd: values known, factors by reconstruction and orthogonality
SELECT near(s) AS s, shape(u) AS u_shape, shape(vt) AS vt_shape FROM svd('[[3,0],[0,4],[0,0]]');
SELECT shape(u) AS u_reduced, shape(vt) AS vt_reduced FROM svd(zeros('{5,3}'), full_matrices => false);
SELECT allclose(matmul(u * s, vt), a) AS reconstructs, allclose(matmul(transpose(u), u), eye(3)) AS u_orthonormal,
	   allclose(matmul(vt, transpose(vt)), eye(3)) AS vt_orthonormal
FROM (SELECT a, (svd(a, false)).* FROM (SELECT random('{6,3}', 7) AS a) x) y;
SELECT allclose(matmul(u, matmul(s * eye(3), vt)), a) AS reconstructs_full
FROM (SELECT a, (svd(a)).* FROM (SELECT random('{3,3}', 8) AS a) x) y;
SELECT near(svdvals('[[[1,0],[0,2]],[[3,0],[0,1]]]')) AS svdvals_stack, dtype((svd('float32:[[1]]')).s) AS svd_f32;
-- qr
SELECT allclose(matmul(q, r), a) AS reconstructs, allclose(triu(r), r) AS r_upper, shape(q) AS q, shape(r) AS r
FROM (SELECT a, (qr(a)).* FROM (SELECT random('{5,3}', 9) AS a) x) y;
SELECT shape(q) AS q_complete, shape(r) AS r_complete, allclose(matmul(transpose(q), q), eye(5)) AS q_orthonormal
FROM qr(random('{5,3}', 9), 'complete');
-- cholesky, eigh, pinv, matrix_rank
SELECT near(cholesky('[[4,2],[2,3]]')) AS cholesky, near(cholesky('[[4,999],[2,3]]')) AS reads_lower_only;
SELECT near(w) AS w, allclose(abs(v), abs('[[0.7071067811865476,0.7071067811865476],[0.7071067811865476,0.7071067811865476]]'::tensor)) AS v_up_to_sign
FROM eigh('[[2,1],[1,2]]');
SELECT near(eigvalsh('[[2,100],[1,3]]')) AS lower, near(eigvalsh('[[2,100],[1,3]]', 'U')) AS upper;
SELECT allclose(matmul(v * w, transpose(v)), a) AS reconstructs
FROM (SELECT a, (eigh(a)).* FROM (SELECT matmul(b, transpose(b)) AS a FROM (SELECT random('{4,4}', 3) AS b) z) x) y;
SELECT near(pinv('[[1,2],[2,4]]')) AS pinv_singular, near(pinv('[[1,0],[0,2],[0,0]]')) AS pinv_rect,
	   matrix_rank('[[1,2],[2,4]]') AS rank1, matrix_rank(eye(4)) AS rank4, matrix_rank('[[1,0],[0,1e-10]]', 1e-5) AS rank_tol;

-- errors: non-square, singular, not positive definite, non-finite, shapes
SELECT try_sql($$SELECT marsql.inv('[[1,2,3],[4,5,6]]')$$);
SELECT try_sql($$SELECT marsql.inv('[[1,2],[2,4]]')$$);
SELECT try_sql($$SELECT marsql.inv('[[[1,0],[0,1]],[[0,0],[0,0]]]')$$);
SELECT try_sql($$SELECT marsql.inv('[1,2]')$$);
SELECT try_sql($$SELECT marsql.inv('[[1,NaN],[0,1]]')$$);
SELECT try_sql($$SELECT marsql.det('[[1,2]]')$$);
SELECT try_sql($$SELECT marsql.solve('[[1,2],[2,4]]', '[1,2]')$$);
SELECT try_sql($$SELECT marsql.solve('[[1,0],[0,1]]', '[1,2,3]')$$);
SELECT try_sql($$SELECT marsql.solve('[[1,0],[0,1]]', '5')$$);
SELECT try_sql($$SELECT marsql.lstsq(marsql.zeros('{2,2,2}'), '[1,2]')$$);
SELECT try_sql($$SELECT marsql.lstsq('[[1,2],[3,4]]', '[1,2,3]')$$);
SELECT try_sql($$SELECT marsql.lstsq('[[1,Infinity]]', '[1]')$$);
SELECT try_sql($$SELECT marsql.cholesky('[[1,2],[2,1]]')$$);
SELECT try_sql($$SELECT marsql.cholesky('[[-1]]')$$);
SELECT try_sql($$SELECT marsql.svd('[1,2,3]')$$);
SELECT try_sql($$SELECT marsql.svd('[[NaN]]')$$);
SELECT try_sql($$SELECT marsql.qr('[[1]]', 'r')$$);
SELECT try_sql($$SELECT marsql.eigh('[[1]]', 'X')$$);
SELECT try_sql($$SELECT marsql.eigh('[[1,2]]')$$);
SELECT try_sql($$SELECT marsql.matrix_rank(marsql.zeros('{2,2,2}'))$$);
SELECT try_sql($$SELECT marsql.pinv('[1,2]')$$);
