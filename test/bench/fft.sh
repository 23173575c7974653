#!/usr/bin/env bash
# numpy.fft against numpy in the same run: marsql.fft of 2^20 complex128
# values (a power of two) and marsql.rfft of 1,000,000 float64 values (not
# a power of two: 2^6 5^6) against np.fft.fft / np.fft.rfft on the same
# data.  Runs are interleaved (numpy, marsql, numpy, ...) so both sides see
# the same machine load; medians of RUNS (default 7) after one warm-up of
# each.  Prints `name: value unit` lines:
#   fft_cores                           CPUs of this machine (shared ones
#                                       make single runs noisy: read medians)
#   numpy_<fn>_<dtype>_<n>              np.fft.<fn>(a) (pocketfft, one thread)
#   marsql_<fn>_<dtype>_<n>             SELECT marsql.dtype(marsql.<fn>(v))
#                                       FROM a one-row table holding a, as
#                                       the client sees it (the stored value
#                                       comes from the resident value cache)
#   marsql_read_<dtype>_<n>             SELECT marsql.dtype(v): reading the
#                                       value alone, part of the above
#   <fn>_<dtype>_<n>_vs_numpy           numpy ms / marsql ms (1.00 = as fast
#                                       as numpy, higher is better)
#   ..._cpu_ms, ..._cpu_vs_numpy        the same in CPU time (schedstat of
#                                       the backend, of this process for
#                                       numpy): steadier than wall time on a
#                                       machine shared with other work
#   ..._minflt                          minor page faults per call: of the
#                                       backend (marsql) or of this process
#                                       (numpy)
# Needs a database with marsql (PG* environment variables) and Debian's
# python3-psycopg; the marsql client package is used from the checkout.
#   RUNS=7 bash test/bench/fft.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
PYTHONPATH="$here/../../clients/python" RUNS=${RUNS:-7} \
	/usr/bin/python3 - <<'PY'
import os
import resource
import statistics
import time

import numpy as np
import psycopg

import marsql.psycopg

runs = int(os.environ["RUNS"])
rng = np.random.default_rng(1)
conn = psycopg.connect("", autocommit=True)
marsql.psycopg.register_tensor(conn)
pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
print("fft_cores: %d cpus" % os.cpu_count())


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


conn.execute("DROP TABLE IF EXISTS bench_fft")
conn.execute("CREATE TABLE bench_fft (name text, v marsql.tensor)")

# 2^20 complex128: sent as two float64 tensors, joined on the server
n = 1 << 20
re, im = rng.standard_normal(n), rng.standard_normal(n)
z = re + 1j * im
conn.execute("INSERT INTO bench_fft SELECT 'c', marsql.astype(%b, 'complex128') OPERATOR(marsql.+) "
             "marsql.astype(%b, 'complex128') OPERATOR(marsql.*) 'complex128:1j'::marsql.tensor", [re, im])
tag = "complex128_%d" % n
compare("fft", tag, lambda: np.fft.fft(z),
        "SELECT marsql.dtype(marsql.fft(v)) FROM bench_fft WHERE name = 'c'",
        "SELECT marsql.dtype(v) FROM bench_fft WHERE name = 'c'")

# 1,000,000 float64 through rfft
m = 1000000
x = rng.standard_normal(m)
conn.execute("INSERT INTO bench_fft VALUES ('r', %b)", [x])
tag = "float64_%d" % m
compare("rfft", tag, lambda: np.fft.rfft(x),
        "SELECT marsql.dtype(marsql.rfft(v)) FROM bench_fft WHERE name = 'r'",
        "SELECT marsql.dtype(v) FROM bench_fft WHERE name = 'r'")
compare("fft", tag, lambda: np.fft.fft(x),
        "SELECT marsql.dtype(marsql.fft(v)) FROM bench_fft WHERE name = 'r'")
# and back: irfft of the 500,001 non-negative frequencies
conn.execute("INSERT INTO bench_fft SELECT 'h', marsql.rfft(v) FROM bench_fft WHERE name = 'r'")
h = np.fft.rfft(x)
compare("irfft", tag, lambda: np.fft.irfft(h, m),
        "SELECT marsql.dtype(marsql.irfft(v, %d)) FROM bench_fft WHERE name = 'h'" % m)
conn.execute("DROP TABLE bench_fft")
PY
