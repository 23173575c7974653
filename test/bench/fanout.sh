#!/usr/bin/env bash
# Fan-out of SQL functions on background workers (marsql.map) against the
# same calls made one after another in the backend.  Prints `name: value
# unit` lines, medians of RUNS; every series is RUNS timed runs of one
# statement in ONE session after one untimed run of it (\timing, the
# server's time plus a round trip: the results are a few numbers).
#   fanout_cores                    nproc of the machine running the script
#   burn_*                          a plpgsql CPU loop, burn(n) = sum of
#                                   sqrt(i) for i in 1..n, BURN_N iterations
#                                   (~50 ms a call on the machine it was
#                                   written on; burn_one_call says how long
#                                   here), BURN_CALLS calls:
#     burn_serial                   sum(burn(n)) over generate_series: the
#                                   calls one by one in the backend
#     burn_fanout_2workers, _1worker
#                                   marsql.map over array_fill(n, ...) with
#                                   max_workers => 2 (1)
#   fanout_speedup_2workers, _1worker
#                                   burn_serial / burn_fanout_...: higher is
#                                   better, 2 at best on 2 free cores
#   noop_<lang>_*                   map of noop(x) = x (LANGUAGE sql
#                                   IMMUTABLE, and a plpgsql one) over
#                                   NOOP_TASKS elements and over 10:
#     _<N>_2workers, _10_2workers   times with max_workers => 2
#     _per_task_2workers, _rate_2workers
#                                   time(N) / N, and N / time(N): all in,
#                                   worker start-up included
#     _warm_per_task_2workers, _warm_rate_2workers
#                                   (time(N) - time(10)) / (N - 10) and its
#                                   inverse: start-up taken out
#                                   (since marsql.worker_idle_timeout, every
#                                   timed run after the first finds the
#                                   session's idle workers: the all-in
#                                   figures include no start-up either)
#     the same with _inbackend      marsql.max_workers = 0 and no
#                                   max_workers argument: every call in the
#                                   calling backend, no worker
#   noop_1task_*, noop_2tasks_*     map of noop over 1 and 2 elements with
#                                   max_workers => 2 (one job starting 1 and
#                                   2 workers), and in the backend
#   worker_startup_1worker, _2workers
#                                   fan-out minus in-backend time of those
#   worker_startup                  = worker_startup_2workers: what one job
#                                   on 2 workers pays before its first task
#                                   (section 3 runs with
#                                   marsql.worker_idle_timeout = 0: every
#                                   statement starts its workers)
#   small_fanout_8_cold, _warm      map of noop over 8 elements on 2 workers:
#                                   cold with marsql.worker_idle_timeout = 0
#                                   (each statement starts its workers, as
#                                   before idle workers existed), warm with
#                                   the default (the statement reuses the
#                                   session's idle workers); _warm_speedup
#                                   their ratio; small_fanout_per_task_warm
#                                   (time(200) - time(8)) / 192, warm
#   tiny_matmul_100_*               matmul of a 100 x 100 chunked tensor
#                                   (two 50-row tiles, chunked in the same
#                                   statement) by a 100 x 100 tensor:
#     _workers_cold                 marsql.inline_below = 0 and
#                                   worker_idle_timeout = 0: workers started
#                                   for every statement (the old behaviour)
#     _cost_model                   the defaults in a fresh session state: the
#                                   estimate is far below inline_below, the
#                                   job runs in the backend
#     _workers_warm                 inline_below = 0, idle workers reused
#     _speedup                      _workers_cold / _cost_model
#   pi_*                            Monte-Carlo pi: pi_chunk(seed, n) counts
#                                   the points of n inside the quarter unit
#                                   circle, points from a 31-bit LCG seeded
#                                   by seed (integers only: deterministic);
#                                   PI_CHUNKS chunks of PI_POINTS points
#     pi_serial, pi_fanout_2workers, pi_speedup_2workers
#                                   sum over generate_series in the backend,
#                                   map with max_workers => 2, their ratio
#     pi_answers_equal              1 if both sums are the same (checked on
#                                   one more run of each), pi_estimate the
#                                   value
# Needs a database with marsql installed (PG* environment variables).  With
# none of PGHOST, PGPORT, PGDATABASE, PGSERVICE set it starts a throwaway
# cluster (pg_virtualenv, as test/lib.sh's with_cluster does: run as root),
# creates the extension there, and runs itself inside it.  The functions
# live in a schema bench_fanout, dropped at the end.
#   RUNS=5 BURN_N=900000 BURN_CALLS=20 NOOP_TASKS=10000 PI_CHUNKS=20 \
#   PI_POINTS=600000 bash test/bench/fanout.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ -z "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}${PGSERVICE:-}" ] && [ -z "${BENCH_FANOUT_CLUSTER:-}" ]; then
	# shellcheck source-path=SCRIPTDIR source=../lib.sh
	source "$here/../lib.sh"
	with_cluster env BENCH_FANOUT_CLUSTER=1 bash "$here/fanout.sh" "$@"
	exit
fi

runs=${RUNS:-5}
burn_n=${BURN_N:-900000}
burn_calls=${BURN_CALLS:-20}
noop_tasks=${NOOP_TASKS:-10000}
pi_chunks=${PI_CHUNKS:-20}
pi_points=${PI_POINTS:-600000}
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

# awk arithmetic on the numbers given: calc FORMAT EXPR a b ...
calc() {
	local fmt=$1 expr=$2
	shift 2
	awk -v a="${1:-0}" -v b="${2:-0}" -v c="${3:-0}" "BEGIN {printf \"$fmt\", $expr}"
}
seconds() { calc "%.3f" "a / 1000" "$1"; }

cleanup() { psql_q -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS bench_fanout CASCADE" >/dev/null 2>&1 || true; }
trap cleanup EXIT

if [ -n "${BENCH_FANOUT_CLUSTER:-}" ]; then
	psql_q -c "CREATE EXTENSION IF NOT EXISTS marsql"
fi

# VOLATILE (the default) where a constant argument must not be folded into
# one call by the planner: burn(n) in the serial statement
psql_q -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS bench_fanout CASCADE" \
	-c "CREATE SCHEMA bench_fanout" \
	-c "CREATE FUNCTION bench_fanout.burn(n int) RETURNS float8 LANGUAGE plpgsql AS \$\$
DECLARE s float8 := 0;
BEGIN
	FOR i IN 1..n LOOP
		s := s + sqrt(i::float8);
	END LOOP;
	RETURN s;
END \$\$" \
	-c "CREATE FUNCTION bench_fanout.noop(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x'" \
	-c "CREATE FUNCTION bench_fanout.noop_plpgsql(x int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS 'BEGIN RETURN x; END'" \
	-c "CREATE FUNCTION bench_fanout.pi_chunk(seed int, n int) RETURNS bigint LANGUAGE plpgsql AS \$\$
DECLARE
	-- x, y in [0, 2^31): x*x + y*y < 2^63, no overflow; inside if < 2^62
	x bigint := (seed::bigint * 2654435761) % 2147483648;
	y bigint;
	hits bigint := 0;
BEGIN
	FOR i IN 1..n LOOP
		x := (x * 1103515245 + 12345) % 2147483648;
		y := (x * 1103515245 + 12345) % 2147483648;
		IF x * x + y * y < 4611686018427387904 THEN
			hits := hits + 1;
		END IF;
		x := y;
	END LOOP;
	RETURN hits;
END \$\$"

# loads the library, so that SET marsql.max_workers meets the real setting
load="SELECT marsql.map('bench_fanout.noop(int)', ARRAY[1], NULL::int, 1)"
inbackend=("$load" "SET marsql.max_workers = 0")
echo "fanout_cores: $(nproc) cores"
echo "fanout_inbackend_max_workers: $(psql_q "${inbackend[@]/#/-c}" -c "SHOW marsql.max_workers" | tail -1) workers"

# 1. CPU-bound calls: serial in the backend against fan-out on 2 and 1 workers
echo "burn_n: $burn_n iterations"
echo "burn_one_call: $(median_ms "SELECT bench_fanout.burn($burn_n)") ms"
serial=$(median_ms "SELECT sum(bench_fanout.burn($burn_n)) FROM generate_series(1, $burn_calls)")
map2=$(median_ms "SELECT marsql.map('bench_fanout.burn(int)', array_fill($burn_n, ARRAY[$burn_calls]), NULL::float8, 2)")
map1=$(median_ms "SELECT marsql.map('bench_fanout.burn(int)', array_fill($burn_n, ARRAY[$burn_calls]), NULL::float8, 1)")
echo "burn_serial_$burn_calls: $(seconds "$serial") s"
echo "burn_fanout_${burn_calls}_2workers: $(seconds "$map2") s"
echo "fanout_speedup_2workers: $(ratio "$serial" "$map2") x"
echo "burn_fanout_${burn_calls}_1worker: $(seconds "$map1") s"
echo "fanout_speedup_1worker: $(ratio "$serial" "$map1") x"

# 2. per-task overhead: an empty function over many elements
noop_map() { echo "SELECT cardinality(marsql.map('bench_fanout.$1(int)', array_fill(1, ARRAY[$2]), NULL::int$3))"; }
for fn in noop noop_plpgsql; do
	lang=${fn#noop_}
	[ "$lang" != noop ] || lang=sql
	for mode in 2workers inbackend; do
		if [ "$mode" = 2workers ]; then
			big=$(median_ms "$(noop_map "$fn" "$noop_tasks" ", 2")")
			small=$(median_ms "$(noop_map "$fn" 10 ", 2")")
		else
			big=$(median_ms "$(noop_map "$fn" "$noop_tasks" "")" "${inbackend[@]}")
			small=$(median_ms "$(noop_map "$fn" 10 "")" "${inbackend[@]}")
		fi
		p="noop_${lang}"
		echo "${p}_${noop_tasks}_$mode: $big ms"
		echo "${p}_10_$mode: $small ms"
		echo "${p}_per_task_$mode: $(calc "%.4f" "a / b" "$big" "$noop_tasks") ms"
		echo "${p}_rate_$mode: $(calc "%.0f" "b * 1000 / a" "$big" "$noop_tasks") tasks/s"
		echo "${p}_warm_per_task_$mode: $(calc "%.4f" "(a - b) / (c - 10)" "$big" "$small" "$noop_tasks") ms"
		echo "${p}_warm_rate_$mode: $(calc "%.0f" "(c - 10) * 1000 / (a - b)" "$big" "$small" "$noop_tasks") tasks/s"
	done
done

# 3. worker start-up: jobs of 1 and 2 tasks, fan-out minus in-backend;
# no idle workers kept, so that every statement starts its own
for n in 1 2; do
	fan=$(median_ms "$(noop_map noop "$n" ", 2")" "$load" "SET marsql.worker_idle_timeout = 0")
	inb=$(median_ms "$(noop_map noop "$n" "")" "${inbackend[@]}")
	tasks=tasks
	[ "$n" != 1 ] || tasks=task
	workers=workers
	[ "$n" != 1 ] || workers=worker
	echo "noop_${n}${tasks}_fanout: $fan ms"
	echo "noop_${n}${tasks}_inbackend: $inb ms"
	startup=$(calc "%.3f" "a - b" "$fan" "$inb")
	echo "worker_startup_${n}$workers: $startup ms"
done
echo "worker_startup: $startup ms"

# 4. small and repeated work: a statement that starts its workers against
# one that finds the session's idle workers, and a tiny tiled product
cold=$(median_ms "$(noop_map noop 8 ", 2")" "$load" "SET marsql.worker_idle_timeout = 0")
warm=$(median_ms "$(noop_map noop 8 ", 2")")
warm200=$(median_ms "$(noop_map noop 200 ", 2")")
echo "small_fanout_8_cold: $cold ms"
echo "small_fanout_8_warm: $warm ms"
echo "small_fanout_8_warm_speedup: $(ratio "$cold" "$warm") x"
echo "small_fanout_per_task_warm: $(calc "%.4f" "(a - b) / 192" "$warm200" "$warm") ms"
tiny="SELECT marsql.shape(marsql.to_tensor(marsql.matmul(marsql.chunk(marsql.ones('{100,100}'), '{50,100}'), marsql.ones('{100,100}'))))"
tcold=$(median_ms "$tiny" "$load" "SET marsql.inline_below = 0" "SET marsql.worker_idle_timeout = 0")
tmodel=$(median_ms "$tiny" "$load" "SET marsql.worker_idle_timeout = 0")
twarm=$(median_ms "$tiny" "$load" "SET marsql.inline_below = 0")
echo "tiny_matmul_100_workers_cold: $tcold ms"
echo "tiny_matmul_100_cost_model: $tmodel ms"
echo "tiny_matmul_100_workers_warm: $twarm ms"
echo "tiny_matmul_100_speedup: $(ratio "$tcold" "$tmodel") x"

# 5. Monte-Carlo pi: chunks serial in the backend against map on 2 workers
pi_serial_sql="SELECT sum(bench_fanout.pi_chunk(s, $pi_points)) FROM generate_series(1, $pi_chunks) s"
pi_map_sql="SELECT sum(v) FROM unnest(marsql.map('bench_fanout.pi_chunk(int,int)',
	(SELECT array_agg((s, $pi_points) ORDER BY s) FROM generate_series(1, $pi_chunks) s), NULL::bigint, 2)) v"
echo "pi_chunks: $pi_chunks chunks"
echo "pi_chunk_points: $pi_points points"
pis=$(median_ms "$pi_serial_sql")
pim=$(median_ms "$pi_map_sql")
echo "pi_serial: $(seconds "$pis") s"
echo "pi_fanout_2workers: $(seconds "$pim") s"
echo "pi_speedup_2workers: $(ratio "$pis" "$pim") x"
read -r same est < <(psql_q -F ' ' -c "SELECT (s = m)::int, round(4.0 * s / ($pi_chunks::bigint * $pi_points), 6)
	FROM ($pi_serial_sql) a(s), ($pi_map_sql) b(m)")
echo "pi_answers_equal: $same"
echo "pi_estimate: $est"
