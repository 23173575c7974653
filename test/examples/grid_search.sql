-- Hyperparameter grid search with scikit-learn, fanned out with marsql.map.
-- Needs plpython3u (Debian postgresql-plpython3-15) and python3-sklearn.
-- train_digits trains a support vector classifier on scikit-learn's bundled
-- digits dataset with one (C, gamma) pair and returns the pair with its
-- 3-fold cross-validated accuracy; marsql.map runs one call per pair on
-- background workers.  Each worker imports scikit-learn once and reuses it.
CREATE EXTENSION IF NOT EXISTS plpython3u;

CREATE TYPE grid_point AS (c float8, gamma float8);
CREATE TYPE grid_score AS (c float8, gamma float8, accuracy float8);

CREATE FUNCTION train_digits(c float8, gamma float8) RETURNS grid_score
LANGUAGE plpython3u STABLE AS $$
    from sklearn.datasets import load_digits
    from sklearn.model_selection import cross_val_score
    from sklearn.svm import SVC
    if 'digits' not in SD:
        SD['digits'] = load_digits(return_X_y=True)
    X, y = SD['digits']
    scores = cross_val_score(SVC(C=c, gamma=gamma), X, y, cv=3)
    plpy.notice('C=%g gamma=%g accuracy=%.4f' % (c, gamma, scores.mean()))
    return (c, gamma, round(float(scores.mean()), 6))
$$;

-- the grid: 4 values of C times 3 of gamma, as rows of arguments
CREATE TEMP TABLE grid AS
SELECT (c, gamma)::grid_point AS point
FROM unnest(ARRAY[0.1, 1, 10, 100]::float8[]) c,
     unnest(ARRAY[0.0001, 0.001, 0.01]::float8[]) gamma;

-- every point in parallel; the best first
SELECT (s).c, (s).gamma, (s).accuracy
FROM unnest(marsql.map('train_digits(float8,float8)',
                       (SELECT array_agg(point ORDER BY (point).c, (point).gamma) FROM grid),
                       NULL::grid_score)) s
ORDER BY (s).accuracy DESC, (s).c, (s).gamma
LIMIT 5;
