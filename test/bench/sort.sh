#!/usr/bin/env bash
# Sorting and sets against numpy in the same run: marsql.sort of N float32
# (default 10M) against np.sort, marsql.unique of N int64 against
# np.unique, on the same values.  Runs are interleaved (numpy, marsql,
# numpy, ...) so both sides see the same machine load; medians of RUNS
# (default 7) after one warm-up of each.  Prints `name: value unit` lines:
#   sort_cores                          CPUs of this machine (shared ones
#                                       make single runs noisy: read medians)
#   numpy_sort_float32_<n>              np.sort(a) (numpy's default, an
#                                       AVX-512 quicksort where the CPU has it)
#   marsql_sort_float32_<n>             SELECT marsql.dtype(marsql.sort(v))
#                                       FROM a one-row table holding a, as
#                                       the client sees it (the stored value
#                                       comes from the resident value cache)
#   marsql_read_float32_<n>             SELECT marsql.dtype(v): reading the
#                                       value alone, part of the above
#   sort_float32_<n>_vs_numpy           numpy ms / marsql ms (1.00 = as fast
#                                       as numpy, higher is better; target
#                                       >= 0.8)
#   numpy_argsort_float32_<n>           np.argsort(a, kind='stable')
#   marsql_argsort_float32_<n>, argsort_float32_<n>_vs_numpy
#   numpy_unique_int64_<n>_<range>      np.unique(b), b int64 uniform in
#                                       [0, 10^6) (many repeats) and in
#                                       [-2^52, 2^52) (almost all distinct)
#   marsql_unique_int64_<n>_<range>, unique_int64_<n>_<range>_vs_numpy
#   ..._cpu_ms, ..._cpu_vs_numpy        the same in CPU time (schedstat of
#                                       the backend, of this process for
#                                       numpy): steadier than wall time on a
#                                       machine shared with other work
#   ..._minflt                          minor page faults per call: of the
#                                       backend (marsql) or of this process
#                                       (numpy)
# Needs a database with marsql (PG* environment variables) and Debian's
# python3-psycopg; the marsql client package is used from the checkout.
#   RUNS=7 N=10000000 bash test/bench/sort.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
PYTHONPATH="$here/../../clients/python" N=${N:-10000000} RUNS=${RUNS:-7} \
	/usr/bin/python3 - <<'PY'
import os
import resource
import statistics
import time

import numpy as np
import psycopg

import marsql.psycopg

n, runs = int(os.environ["N"]), int(os.environ["RUNS"])
rng = np.random.default_rng(1)
conn = psycopg.connect("", autocommit=True)
marsql.psycopg.register_tensor(conn)
pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
print("sort_cores: %d cpus" % os.cpu_count())


def backend_minflt():
    with open("/proc/%d/stat" % pid) as f:
        return int(f.read().rsplit(")", 1)[1].split()[7])


def own_minflt():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def cpu_ns(p):
    with open("/proc/%s/schedstat" % p) as f:
        return int(f.read().split()[0])


def timed(fn, faults, who):
    f0, c0 = faults(), cpu_ns(who)
    t = time.perf_counter()
    fn()
    ms = (time.perf_counter() - t) * 1000
    return ms, faults() - f0, (cpu_ns(who) - c0) / 1e6


def compare(name, unit_tag, numpy_fn, sql, extra=None):
    """interleaved runs of numpy_fn and the SQL statement; medians"""
    def run_sql(q=sql):
        conn.execute(q).fetchone()
    numpy_fn()
    run_sql()
    if extra:
        run_sql(extra)
    np_ms, np_f, np_c, db_ms, db_f, db_c, ex_ms = [], [], [], [], [], [], []
    for _ in range(runs):
        ms, f, c = timed(numpy_fn, own_minflt, "self")
        np_ms.append(ms)
        np_f.append(f)
        np_c.append(c)
        ms, f, c = timed(run_sql, backend_minflt, pid)
        db_ms.append(ms)
        db_f.append(f)
        db_c.append(c)
        if extra:
            ex_ms.append(timed(lambda: run_sql(extra), backend_minflt, pid)[0])
    a, b = statistics.median(np_ms), statistics.median(db_ms)
    print("numpy_%s_%s: %.1f ms" % (name, unit_tag, a))
    print("numpy_%s_%s_minflt: %d faults" % (name, unit_tag, statistics.median(np_f)))
    print("marsql_%s_%s: %.1f ms" % (name, unit_tag, b))
    print("marsql_%s_%s_minflt: %d faults" % (name, unit_tag, statistics.median(db_f)))
    if extra:
        print("marsql_read_%s: %.1f ms" % (unit_tag, statistics.median(ex_ms)))
    print("%s_%s_vs_numpy: %.2f" % (name, unit_tag, a / b))
    ac, bc = statistics.median(np_c), statistics.median(db_c)
    print("numpy_%s_%s_cpu_ms: %.1f ms" % (name, unit_tag, ac))
    print("marsql_%s_%s_cpu_ms: %.1f ms" % (name, unit_tag, bc))
    print("%s_%s_cpu_vs_numpy: %.2f" % (name, unit_tag, ac / bc))
    print("%s_%s_spread: numpy %.0f-%.0f ms, marsql %.0f-%.0f ms"
          % (name, unit_tag, min(np_ms), max(np_ms), min(db_ms), max(db_ms)))


conn.execute("DROP TABLE IF EXISTS bench_sort_f32, bench_sort_i64")
a = rng.standard_normal(n).astype(np.float32)
conn.execute("CREATE TABLE bench_sort_f32 (v marsql.tensor)")
conn.execute("INSERT INTO bench_sort_f32 VALUES (%b)", [a])
tag = "float32_%d" % n
compare("sort", tag, lambda: np.sort(a),
        "SELECT marsql.dtype(marsql.sort(v)) FROM bench_sort_f32",
        "SELECT marsql.dtype(v) FROM bench_sort_f32")
compare("argsort", tag, lambda: np.argsort(a, kind="stable"),
        "SELECT marsql.dtype(marsql.argsort(v)) FROM bench_sort_f32")

conn.execute("CREATE TABLE bench_sort_i64 (name text, v marsql.tensor)")
for label, lo, hi in (("1e6", 0, 10 ** 6), ("2e52", -2 ** 52, 2 ** 52)):
    b = rng.integers(lo, hi, n, dtype=np.int64)
    # the client sends float64 (exact below 2^53); stored as int64
    conn.execute("INSERT INTO bench_sort_i64 VALUES (%s, marsql.astype(%b, 'int64'))",
                 [label, b.astype(np.float64)])
    compare("unique", "int64_%d_%s" % (n, label), lambda: np.unique(b),
            "SELECT marsql.dtype(marsql.unique(v)) FROM bench_sort_i64 WHERE name = '%s'" % label)
conn.execute("DROP TABLE bench_sort_f32, bench_sort_i64")
PY
