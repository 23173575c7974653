#!/usr/bin/env bash
# Python client timings: one 1000 x 128 float32 value (512 kB) written and
# read through psycopg 3 in binary, in text and as ::real[] (the workaround
# without the client package), plus psycopg2 and asyncpg, all in one run.
# Client-side wall time of one statement including the numpy conversion,
# medians of RUNS (default 7) after one warm-up.  Prints `name: value unit`
# lines.  Needs a database with marsql (PG* environment variables) and
# Debian's python3-psycopg (psycopg2 and asyncpg rows are skipped without
# their packages); the package is used from the checkout (clients/python).
#   bash test/bench/python.sh [rows] [cols]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# not from the repository root, where the built marsql.so would be imported
cd "$here"
PYTHONPATH="$here/../../clients/python" ROWS=${1:-1000} COLS=${2:-128} RUNS=${RUNS:-7} \
	/usr/bin/python3 - <<'PY'
import asyncio
import importlib.util
import os
import statistics
import time

import numpy as np
import psycopg

import marsql
import marsql.psycopg

rows, cols, runs = int(os.environ["ROWS"]), int(os.environ["COLS"]), int(os.environ["RUNS"])
a = np.random.default_rng(1).standard_normal((rows, cols)).astype(np.float32)
tag = "%dx%d_float32" % (rows, cols)


def median_ms(fn):
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def report(name, ms):
    print("python_%s_%s: %.2f ms" % (name, tag, ms))


conn = psycopg.connect("", autocommit=True)
marsql.psycopg.register_tensor(conn)
conn.execute("DROP TABLE IF EXISTS bench_python")
conn.execute("CREATE TABLE bench_python (v marsql.tensor)")
conn.execute("INSERT INTO bench_python VALUES (%b)", [a])


def write(param, value):
    def fn():
        conn.execute("UPDATE bench_python SET v = " + param, [value() if callable(value) else value])
    return fn


def read_tensor(binary):
    def fn():
        got = conn.execute("SELECT v FROM bench_python", binary=binary).fetchone()[0]
        assert got.shape == a.shape
    return fn


def read_real_array(binary):
    def fn():
        got = np.array(conn.execute("SELECT v::real[] FROM bench_python",
                                    binary=binary).fetchone()[0], np.float32)
        assert got.shape == a.shape
    return fn


report("write_binary", median_ms(write("%b", a)))
report("write_text", median_ms(write("%t", a)))
report("write_real_array", median_ms(write("%s::real[]::marsql.tensor", lambda: a.tolist())))
report("read_binary", median_ms(read_tensor(True)))
report("read_text", median_ms(read_tensor(False)))
report("read_real_array_text", median_ms(read_real_array(False)))
report("read_real_array_binary", median_ms(read_real_array(True)))

if importlib.util.find_spec("psycopg2"):
    import psycopg2
    import marsql.psycopg2
    c2 = psycopg2.connect("")
    c2.autocommit = True
    marsql.psycopg2.register_tensor(c2)
    cur = c2.cursor()

    def p2_write():
        cur.execute("UPDATE bench_python SET v = %s", [a])

    def p2_read_bytea():
        cur.execute("SELECT marsql.to_binary(v) FROM bench_python")
        marsql.decode_binary(cur.fetchone()[0])

    def p2_read_text():
        cur.execute("SELECT v FROM bench_python")
        cur.fetchone()

    report("psycopg2_write_binary", median_ms(p2_write))
    report("psycopg2_read_to_binary", median_ms(p2_read_bytea))
    report("psycopg2_read_text", median_ms(p2_read_text))
    c2.close()

if importlib.util.find_spec("asyncpg"):
    import asyncpg
    import marsql.asyncpg

    async def main():
        c = await asyncpg.connect()
        await marsql.asyncpg.register_tensor(c)
        loop_times = {}
        for name, coro in (("asyncpg_write_binary", lambda: c.execute("UPDATE bench_python SET v = $1", a)),
                           ("asyncpg_read_binary", lambda: c.fetchval("SELECT v FROM bench_python"))):
            await coro()
            ts = []
            for _ in range(runs):
                t = time.perf_counter()
                await coro()
                ts.append((time.perf_counter() - t) * 1000)
            loop_times[name] = statistics.median(ts)
        await c.close()
        return loop_times

    for name, ms in asyncio.run(main()).items():
        report(name, ms)

conn.execute("DROP TABLE bench_python")
conn.close()
PY
