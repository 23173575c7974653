#!/usr/bin/env bash
# median against numpy in the same run: marsql.median of N float64
# (default 10M) against np.median on the same values, also percentile with
# several q's against np.percentile.  Runs are interleaved (numpy, marsql,
# numpy, ...) so both sides see the same machine load; medians of RUNS
# (default 7) after one warm-up of each.  Prints `name: value unit` lines:
#   median_cores                        CPUs of this machine
#   numpy_median_float64_<n>            np.median(a) (introselect on a copy)
#   marsql_median_float64_<n>           SELECT marsql.median(v) FROM a
#                                       one-row table holding a, as the
#                                       client sees it (the stored value
#                                       comes from the resident value cache)
#   marsql_read_float64_<n>             SELECT marsql.dtype(v): reading the
#                                       value alone, part of the above
#   median_float64_<n>_vs_numpy         numpy ms / marsql ms (1.00 = as fast
#                                       as numpy, higher is better)
#   numpy_percentile5_float64_<n>, marsql_..., ..._vs_numpy
#                                       np.percentile(a, [1,25,50,75,99])
#   ..._cpu_ms, ..._cpu_vs_numpy        the same in CPU time (schedstat)
#   ..._minflt                          minor page faults per call: of the
#                                       backend (marsql) or of this process
#                                       (numpy)
# Needs a database with marsql (PG* environment variables) and Debian's
# python3-psycopg; the marsql client package is used from the checkout.
#   RUNS=7 N=10000000 bash test/bench/median.sh
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
print("median_cores: %d cpus" % os.cpu_count())


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


conn.execute("DROP TABLE IF EXISTS bench_median_f64")
a = rng.standard_normal(n)
conn.execute("CREATE TABLE bench_median_f64 (v marsql.tensor)")
conn.execute("INSERT INTO bench_median_f64 VALUES (%b)", [a])
got = conn.execute("SELECT marsql.median(v)::float8 FROM bench_median_f64").fetchone()[0]
assert got == np.median(a), (got, np.median(a))
tag = "float64_%d" % n
compare("median", tag, lambda: np.median(a),
        "SELECT marsql.median(v)::float8 FROM bench_median_f64",
        "SELECT marsql.dtype(v) FROM bench_median_f64")
compare("percentile5", tag, lambda: np.percentile(a, [1, 25, 50, 75, 99]),
        "SELECT marsql.dtype(marsql.percentile(v, '[1,25,50,75,99]'::marsql.tensor)) FROM bench_median_f64")
conn.execute("DROP TABLE bench_median_f64")
PY
