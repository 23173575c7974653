#!/usr/bin/env bash
# Elementwise comparison against numpy in the same run: marsql.less(a, b)
# of two stored N-element float32 tensors (a bool tensor back) against
# numpy's a < b on the same data in Debian's /usr/bin/python3, and the
# same for equal and for a scalar (less(a, 0.5) vs a < np.float32(0.5)).
# marsql and numpy runs alternate, so both see the same machine load; each
# series is the median of RUNS runs after one untimed run, marsql's in ONE
# session (the operands come from the value cache, as in a loop over a
# stored value), its result reduced to its shape so no output is sent.
# Prints `name: value unit` lines:
#   compare_cores                 the machine measured on
#   compare_<op>_<N>_float32      marsql wall ms per statement
#   numpy_<op>_<N>_float32        numpy wall ms per call
#   compare_<op>_<N>_vs_numpy     numpy ms / marsql ms: 1.00 = as fast as
#                                 numpy, higher is better (target >= 0.8)
#   compare_<op>_<N>_cpu_float32, numpy_<op>_<N>_cpu_float32, ..._cpu_vs_numpy
#                                 the same with CPU time (the backend's from
#                                 /proc/PID/schedstat, numpy's thread time):
#                                 steadier than wall time on a shared
#                                 machine; only when the server is local
# Needs a database with marsql (PG* environment variables) and Debian's
# python3-psycopg.
#   RUNS=9 N=10000000 bash test/bench/compare.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
echo "compare_cores: $(nproc) cores"
N=${N:-10000000} RUNS=${RUNS:-9} /usr/bin/python3 - <<'PY'
import os
import statistics
import time

import numpy as np
import psycopg

n, runs = int(os.environ["N"]), int(os.environ["RUNS"])
conn = psycopg.connect("", autocommit=True)
conn.execute("DROP TABLE IF EXISTS bench_compare")
conn.execute("CREATE TABLE bench_compare AS SELECT marsql.random(ARRAY[%d], 1, dtype => 'float32') AS a,"
             " marsql.random(ARRAY[%d], 2, dtype => 'float32') AS b" % (n, n))
pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
# the same values numpy compares (comparison speed does not depend on them)
a, b = (np.asarray(conn.execute("SELECT (%s)::real[] FROM bench_compare" % c).fetchone()[0], dtype=np.float32)
        for c in ("a", "b"))


def backend_cpu_ns():
    try:
        with open("/proc/%d/schedstat" % pid) as f:
            return int(f.read().split()[0])
    except OSError:
        return None


CASES = [
    ("less", "marsql.less(a, b)", lambda: a < b),
    ("equal", "marsql.equal(a, b)", lambda: a == b),
    ("less_scalar", "marsql.less(a, 0.5)", lambda: a < np.float32(0.5)),
]
for name, expr, fn in CASES:
    sql = "SELECT marsql.shape(%s) FROM bench_compare" % expr
    conn.execute(sql)
    fn()
    wall, cpu, np_wall, np_cpu = [], [], [], []
    for _ in range(runs):
        c0, t0 = backend_cpu_ns(), time.perf_counter()
        conn.execute(sql).fetchall()
        t1, c1 = time.perf_counter(), backend_cpu_ns()
        wall.append((t1 - t0) * 1e3)
        if c0 is not None and c1 is not None:
            cpu.append((c1 - c0) / 1e6)
        p0, t0 = time.thread_time_ns(), time.perf_counter()
        fn()
        t1, p1 = time.perf_counter(), time.thread_time_ns()
        np_wall.append((t1 - t0) * 1e3)
        np_cpu.append((p1 - p0) / 1e6)
    tag = "%s_%d" % (name, n)
    m, nm = statistics.median(wall), statistics.median(np_wall)
    print("compare_%s_float32: %.3f ms" % (tag, m))
    print("numpy_%s_float32: %.3f ms" % (tag, nm))
    print("compare_%s_vs_numpy: %.2f" % (tag, nm / m))
    if cpu:
        m, nm = statistics.median(cpu), statistics.median(np_cpu)
        print("compare_%s_cpu_float32: %.3f ms" % (tag, m))
        print("numpy_%s_cpu_float32: %.3f ms" % (tag, nm))
        print("compare_%s_cpu_vs_numpy: %.2f" % (tag, nm / m))
conn.execute("DROP TABLE bench_compare")
PY
