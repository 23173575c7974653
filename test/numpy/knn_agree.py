#!/usr/bin/python3
"""numpy agreement test for marsql's exact k-NN.

Seeded random queries and corpus (with exact duplicates, so that ties must
go to the smaller id, and a zero row, whose cosine distance is NaN and
sorts last) are searched with marsql.knn over every input kind -- tensor
float32 and float64, table columns of real[], float8[] and tensor with ids
that are not row numbers, a filter, a chunked tensor whose tiles cut rows
and columns, knn_join of chunked tensors and of tables, on workers and in
the calling backend -- for every metric, and compared with a float64
brute force in numpy: the ids must be identical, rank by rank, and the
distances equal to 1e-12 relative.  Prints TAP; exits non-zero on failure.

Run with Debian's python3 (python3-numpy); the server is reached by psql
with the PG* environment variables; the database must have marsql.
"""

import subprocess
import sys

import numpy as np

np.seterr(all='ignore')
SEED = 20261124
NQ, NX, DIMS, K = 40, 3000, 24, 7
METRICS = ['l2', 'l2_squared', 'inner_product', 'cosine']

rng = np.random.default_rng(SEED)
corpus = rng.standard_normal((NX, DIMS)).astype(np.float32)
queries = rng.standard_normal((NQ, DIMS)).astype(np.float32)
# duplicates of the first queries, several times each, and a zero row
for i, row in enumerate(range(100, 2900, 250)):
    corpus[row] = queries[i % 4]
corpus[17] = 0
ids = rng.permutation(10 * NX)[:NX].astype(np.int64) + 1000
query_ids = np.arange(NQ, dtype=np.int64) * 3 + 5


def distances(q, x, metric):
    q = q.astype(np.float64)
    x = x.astype(np.float64)
    if metric in ('l2', 'l2_squared'):
        d = ((q[:, None, :] - x[None, :, :]) ** 2).sum(axis=2)
        return np.sqrt(d) if metric == 'l2' else d
    dot = q @ x.T
    if metric == 'inner_product':
        return -dot
    norms = np.linalg.norm(q, axis=1)[:, None] * np.linalg.norm(x, axis=1)[None, :]
    sim = np.clip(dot / norms, -1, 1)
    return np.where(norms == 0, np.nan, 1 - sim)


def reference(q, x, x_ids, metric, k):
    d = distances(q, x, metric)
    out = []
    for i in range(q.shape[0]):
        order = np.lexsort((x_ids, np.where(np.isnan(d[i]), np.inf, d[i]), np.isnan(d[i])))[:k]
        out.append([(int(x_ids[j]), float(d[i, j])) for j in order])
    return out


def literal(a, dtype):
    body = '[' + ','.join('[' + ','.join(repr(float(v)) for v in row) + ']' for row in a) + ']'
    return "marsql.astype('%s'::marsql.tensor, '%s')" % (body, dtype)


PSQL = ['psql', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1']


def psql(sql):
    p = subprocess.run(PSQL, input=sql, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.strip()[-2000:])
    return p.stdout


setup = """
SET client_min_messages = warning;
DROP TABLE IF EXISTS knn_agree_items, knn_agree_queries, knn_agree_data;
SELECT marsql.drop(marsql.chunked_tensor(c::regclass))
  FROM unnest(ARRAY['knn_agree_ck', 'knn_agree_qck']) c WHERE to_regclass(c) IS NOT NULL;
CREATE TABLE knn_agree_data AS SELECT %s AS q, %s AS x, %s AS q64, %s AS x64;
CREATE TABLE knn_agree_items (id bigint, f4 real[], f8 float8[], t marsql.tensor, keep boolean);
INSERT INTO knn_agree_items
  SELECT (ARRAY[%s]::bigint[])[r."row" + 1], r."values"::real[], r."values", r."values"::marsql.tensor,
         r."row" %% 3 <> 0
  FROM knn_agree_data, marsql.rows(x) r;
CREATE TABLE knn_agree_queries AS
  SELECT (ARRAY[%s]::bigint[])[r."row" + 1] AS qid, r."values"::real[] AS v
  FROM knn_agree_data, marsql.rows(q) r;
SELECT marsql.chunk(x, ARRAY[500, 10], 'knn_agree_ck') FROM knn_agree_data;
SELECT marsql.chunk(q, ARRAY[15, 24], 'knn_agree_qck') FROM knn_agree_data;
""" % (literal(queries, 'float32'), literal(corpus, 'float32'),
       literal(queries, 'float64'), literal(corpus, 'float64'),
       ','.join(str(int(i)) for i in ids), ','.join(str(int(i)) for i in query_ids))

checks = []


def add(name, sql, expected, offset_ids=None):
    checks.append((name, sql, expected))


row_ids = np.arange(NX, dtype=np.int64)
keep = np.arange(NX) % 3 != 0
for m in METRICS:
    ref_rows = reference(queries, corpus, row_ids, m, K)
    ref_ids = reference(queries, corpus, ids, m, K)
    ref_keep = reference(queries, corpus[keep], ids[keep], m, K)
    ref_join = reference(queries, corpus, ids, m, K)
    add('tensor float32 ' + m,
        "SELECT query, rank, id, distance FROM marsql.knn((SELECT q FROM knn_agree_data), (SELECT x FROM knn_agree_data), %d, '%s')" % (K, m),
        ref_rows)
    add('tensor float64 ' + m,
        "SELECT query, rank, id, distance FROM marsql.knn((SELECT q64 FROM knn_agree_data), (SELECT x64 FROM knn_agree_data), %d, '%s')" % (K, m),
        ref_rows)
    for col in ('f4', 'f8', 't'):
        add('table %s column %s' % (col, m),
            "SELECT query, rank, id, distance FROM marsql.knn((SELECT q FROM knn_agree_data), 'knn_agree_items', '%s', 'id', %d, '%s')" % (col, K, m),
            ref_ids)
    add('table with a filter ' + m,
        "SELECT query, rank, id, distance FROM marsql.knn((SELECT q FROM knn_agree_data), 'knn_agree_items', 'f4', 'id', %d, '%s', 'keep')" % (K, m),
        ref_keep)
    add('table in the calling backend ' + m,
        "SET marsql.max_workers = 0; SELECT query, rank, id, distance FROM marsql.knn((SELECT q FROM knn_agree_data), 'knn_agree_items', 'f4', 'id', %d, '%s')" % (K, m),
        ref_ids)
    add('chunked tensor ' + m,
        "SELECT query, rank, id, distance FROM marsql.knn((SELECT q FROM knn_agree_data), 'knn_agree_ck'::marsql.chunked_tensor, %d, '%s')" % (K, m),
        ref_rows)
    # every query on the direct path (marsql.knn_direct_queries)
    direct = "SET marsql.knn_direct_queries = 1024; "
    add('direct path, tensor float32 ' + m,
        direct + "SELECT query, rank, id, distance FROM marsql.knn((SELECT q FROM knn_agree_data), (SELECT x FROM knn_agree_data), %d, '%s')" % (K, m),
        ref_rows)
    add('direct path, float64 queries over a float32 tensor ' + m,
        direct + "SELECT query, rank, id, distance FROM marsql.knn((SELECT q64 FROM knn_agree_data), (SELECT x FROM knn_agree_data), %d, '%s')" % (K, m),
        ref_rows)
    for col in ('f4', 't'):
        add('direct path, table %s column with a filter %s' % (col, m),
            direct + "SELECT query, rank, id, distance FROM marsql.knn((SELECT q FROM knn_agree_data), 'knn_agree_items', '%s', 'id', %d, '%s', 'keep')" % (col, K, m),
            ref_keep)
    add('direct path, chunked tensor ' + m,
        direct + "SELECT query, rank, id, distance FROM marsql.knn((SELECT q FROM knn_agree_data), 'knn_agree_ck'::marsql.chunked_tensor, %d, '%s')" % (K, m),
        ref_rows)
    add('knn_join of chunked tensors ' + m,
        "SELECT query, rank, id, distance FROM marsql.knn_join('knn_agree_qck'::marsql.chunked_tensor, 'knn_agree_ck'::marsql.chunked_tensor, %d, '%s')" % (K, m),
        ref_rows)
    add('knn_join of tables ' + m,
        "SELECT query, rank, id, distance FROM marsql.knn_join('knn_agree_queries', 'v', 'qid', 'knn_agree_items', 'f8', 'id', %d, '%s')" % (K, m),
        [(query_ids[i], r) for i, r in enumerate(ref_join)])


def compare(got_text, expected):
    got = {}
    for line in got_text.strip().splitlines():
        q, rank, i, d = line.split('|')
        got[(int(q), int(rank))] = (int(i), float(d))
    want = {}
    for qi, entry in enumerate(expected):
        qkey, rows = entry if isinstance(entry, tuple) else (qi, entry)
        for r, (i, d) in enumerate(rows):
            want[(int(qkey), r + 1)] = (i, d)
    if set(got) != set(want):
        return 'rows differ: %d got, %d expected' % (len(got), len(want))
    for key, (i, d) in want.items():
        gi, gd = got[key]
        if gi != i:
            return 'query %d rank %d: id %d, expected %d' % (key[0], key[1], gi, i)
        if np.isnan(d) != np.isnan(gd) or (not np.isnan(d) and abs(gd - d) > 1e-12 * max(1.0, abs(d))):
            return 'query %d rank %d: distance %r, expected %r' % (key[0], key[1], gd, d)
    return None


print('1..%d' % (len(checks) + 1))
failed = 0
try:
    psql(setup)
    print('ok 1 - k-NN agreement data loaded')
except Exception as e:
    print('not ok 1 - k-NN agreement data loaded')
    print('# ' + str(e).replace('\n', '\n# '))
    failed += 1
for n, (name, sql, expected) in enumerate(checks, start=2):
    try:
        why = compare(psql(sql + ';'), expected)
    except Exception as e:
        why = str(e)
    if why is None:
        print('ok %d - knn %s agrees with numpy' % (n, name))
    else:
        failed += 1
        print('not ok %d - knn %s agrees with numpy' % (n, name))
        print('# ' + why.replace('\n', '\n# '))
try:
    psql("SET client_min_messages = warning; DROP TABLE knn_agree_items, knn_agree_queries, knn_agree_data;"
         "SELECT marsql.drop('knn_agree_ck'::marsql.chunked_tensor), marsql.drop('knn_agree_qck'::marsql.chunked_tensor);")
except Exception as e:
    print('# cleanup: ' + str(e))
sys.exit(1 if failed else 0)
