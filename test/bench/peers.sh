#!/usr/bin/env bash
# Peers on loopback: what the coordinator pays per remote task, and the
# bytes a task moves, against the same work on local background workers
# and against one raw OpenBLAS call.  Peers share the machine's cores with
# the coordinator, so no speedup is possible here: the point is the cost
# of a remote task (docs/scaling.md turns it into an estimate for 10 and
# 100 peers).  Prints `name: value unit` lines, medians of RUNS; every
# series is RUNS timed runs of one statement in ONE session after one
# untimed run (connections are then cached, as in any session that uses
# peers more than once).
#   peers_cores, peers_count        the machine, the peer clusters started
#   peers_connect_ms                marsql.check_peers() in a new session:
#                                   connect, set up and check both peers
#   noop_<N>_local_2workers, noop_<N>_peers_<S>slots
#                                   marsql.map of noop(x) = x (SQL,
#                                   IMMUTABLE) over N elements on 2 local
#                                   workers, and on the peers with S task
#                                   slots in all (capacity 1 each)
#   noop_per_task_local_us, noop_per_task_peers_us
#                                   time / N: the all-in cost of one call
#   noop_bytes_per_task_peers       payload and result bytes per call on
#                                   peers (marsql.peer_connections counts)
#   add_<T>tiles_local_2workers, add_<T>tiles_peers_<S>slots
#                                   a + b of two stored 2048 x 2048 float64
#                                   chunked tensors in T tiles (one task
#                                   each: 2 input tiles in, 1 out), stored
#   add_per_task_local_ms, add_per_task_peers_ms, add_remote_overhead_per_task_ms
#                                   time / T, and the difference
#   add_bytes_per_task_peers, add_payload_bytes_per_task
#                                   payload and result bytes per tile task
#                                   (counted), and what the three tiles
#                                   themselves weigh
#   raw_matmul_float64_<n>          raw_blas.c: one dgemm, THREADS threads
#   matmul_<n>_tile<t>_local, matmul_<n>_tile<t>_peers
#                                   marsql.drop(marsql.matmul(a, b)) of
#                                   stored operands on 2 local workers and
#                                   on the peers
#   matmul_..._vs_raw               raw ms / marsql ms (1.00 = as fast)
#   *_coordinator_cpu_*             CPU time (utime + stime) of the
#                                   coordinator's backend over the statement
#                                   on peers, per task or in all: the cost
#                                   that does not shrink with more peers
#   matmul_..._bytes_per_task_peers payload and result bytes per task
# With none of PGHOST, PGPORT, PGDATABASE, PGSERVICE set it starts a
# throwaway coordinator (pg_virtualenv, as root) and runs itself inside;
# either way it starts PEERS peer clusters on 127.0.0.1 (test/lib.sh's
# start_peers, as the postgres user) and stops them at the end.
#   RUNS=3 PEERS=2 NOOP_TASKS=4000 ADD_TILE=128 MATMUL_N=2048 MATMUL_TILE=512 \
#   bash test/bench/peers.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$here/../lib.sh"

if [ -z "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}${PGSERVICE:-}" ] && [ -z "${BENCH_PEERS_CLUSTER:-}" ]; then
	with_cluster env BENCH_PEERS_CLUSTER=1 bash "$here/peers.sh" "$@"
	exit
fi
[ -n "${BENCH_PEERS_CLUSTER:-}" ] && psql -X -q -c 'CREATE EXTENSION IF NOT EXISTS marsql'

runs=${RUNS:-3}
npeers=${PEERS:-2}
threads=${THREADS:-$(nproc)}
noop_tasks=${NOOP_TASKS:-4000}
add_tile=${ADD_TILE:-128}
matmul_n=${MATMUL_N:-2048}
matmul_tile=${MATMUL_TILE:-512}
build="$here/build"
mkdir -p "$build"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

cleanup() {
	psql_q -c "SET client_min_messages = warning" \
		-c "DROP SCHEMA IF EXISTS bench_peers CASCADE" \
		-c "SELECT format('DROP SERVER %I CASCADE', srvname) FROM pg_foreign_server WHERE srvname LIKE 'bench_peer%'" \
		-c '\gexec' >/dev/null 2>&1 || true
	stop_peers
}
trap cleanup EXIT
cleanup

calc() { awk -v a="$2" -v b="${3:-1}" -v c="${4:-1}" "BEGIN {printf \"$1\", $5}"; }

# each peer does its share on one core, as a local worker does
PEER_OPTIONS="-c marsql.blas_threads=1" start_peers "$npeers"
echo "peers_cores: $(nproc)"
echo "peers_count: $npeers"
noop_sql="CREATE SCHEMA IF NOT EXISTS bench_peers;
	CREATE OR REPLACE FUNCTION bench_peers.noop(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x'"
psql_q -c "$noop_sql"
for i in $(seq 1 "$npeers"); do
	as_postgres "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "${PEER_PORTS[$((i - 1))]}" -U postgres -d postgres \
		-c "$noop_sql"
	psql_q -c "CREATE SERVER bench_peer$i FOREIGN DATA WRAPPER marsql
			OPTIONS (host '127.0.0.1', port '${PEER_PORTS[$((i - 1))]}', dbname 'postgres', capacity '1')" \
		-c "CREATE USER MAPPING FOR CURRENT_USER SERVER bench_peer$i OPTIONS (user 'postgres')"
done
slots=$npeers
export PGOPTIONS="${PGOPTIONS:-} -c marsql.blas_threads=$threads -c client_min_messages=warning"

connect=$(for _ in $(seq "$runs"); do time_ms "SELECT count(*) FROM marsql.check_peers() WHERE success"; done | median)
echo "peers_connect_ms: $connect ms"

# payload and result bytes per task of the statements in $@, run in a new
# session (marsql.peer_connections counts them per connection)
io_bytes() {
	local args=() s
	for s in "$@"; do args+=(-c "$s"); done
	psql_q "${args[@]}" -c "SELECT round((sum(bytes_sent) + sum(bytes_received)) / sum(tasks)) FROM marsql.peer_connections()" |
		tail -1
}

# CPU milliseconds the coordinator's backend spent on the statements in $@
# (utime + stime of /proc/self/stat), median of RUNS sessions: what a
# coordinator pays whatever the peers do.  Measured on the second run in
# the session: the first pays the session's one-time costs (connecting to
# the peers, and minor faults on its first touch of shared buffers and
# the shared cache, tens of microseconds a page on these VMs), which
# would otherwise be charged to the tasks.
ticks=$(getconf CLK_TCK)
cpu_ms() {
	local args=() s
	for s in "$@"; do args+=(-c "$s"); done
	for _ in $(seq "$runs"); do
		psql_q "${args[@]}" -c "CREATE TEMP TABLE cpu0 AS SELECT pg_read_file('/proc/self/stat') AS t" "${args[@]}" \
			-c "SELECT ((split_part(s.t, ' ', 14)::bigint + split_part(s.t, ' ', 15)::bigint)
					- (split_part(cpu0.t, ' ', 14)::bigint + split_part(cpu0.t, ' ', 15)::bigint)) * 1000.0 / $ticks
				FROM cpu0, (SELECT pg_read_file('/proc/self/stat') AS t) s" | tail -1
	done | median
}

# ------------------------------------------------------------------ noop calls
noop="SELECT count(*) FROM unnest(marsql.map('bench_peers.noop(int)', array(SELECT generate_series(1, $noop_tasks)), 0"
local_ms=$(median_ms "$noop, max_workers => 2))")
peers_ms=$(median_ms "$noop, executors => 'peers'))")
echo "noop_${noop_tasks}_local_2workers: $local_ms ms"
echo "noop_${noop_tasks}_peers_${slots}slots: $peers_ms ms"
echo "noop_per_task_local_us: $(calc '%.1f' "$local_ms" "$noop_tasks" 1 '1000 * a / b') us"
echo "noop_per_task_peers_us: $(calc '%.1f' "$peers_ms" "$noop_tasks" 1 '1000 * a / b') us"
echo "noop_bytes_per_task_peers: $(io_bytes "$noop, executors => 'peers'))") bytes"
cpu=$(cpu_ms "$noop, executors => 'peers'))")
echo "noop_coordinator_cpu_per_task_peers_us: $(calc '%.1f' "$cpu" "$noop_tasks" 1 '1000 * a / b') us"

# ------------------------------------------------------------- tile tasks (add)
tiles=$(( (2048 / add_tile) * (2048 / add_tile) ))
psql_q -c "CREATE SCHEMA IF NOT EXISTS bench_peers" \
	-c "SELECT marsql.chunked_random('{2048,2048}', ARRAY[$add_tile, $add_tile], 11, target => 'bench_peers.add_a')" \
	-c "SELECT marsql.chunked_random('{2048,2048}', ARRAY[$add_tile, $add_tile], 12, target => 'bench_peers.add_b')" >/dev/null
add="SELECT marsql.drop(marsql.add(marsql.chunked_tensor('bench_peers.add_a'), marsql.chunked_tensor('bench_peers.add_b')))"
local_ms=$(median_ms "$add" "SET marsql.max_workers = 2")
peers_ms=$(median_ms "$add" "SET marsql.executors = 'peers'")
echo "add_${tiles}tiles_local_2workers: $local_ms ms"
echo "add_${tiles}tiles_peers_${slots}slots: $peers_ms ms"
echo "add_per_task_local_ms: $(calc '%.3f' "$local_ms" "$tiles" 1 'a / b') ms"
echo "add_per_task_peers_ms: $(calc '%.3f' "$peers_ms" "$tiles" 1 'a / b') ms"
echo "add_remote_overhead_per_task_ms: $(calc '%.3f' "$peers_ms" "$local_ms" "$tiles" '(a - b) / c') ms"
echo "add_bytes_per_task_peers: $(io_bytes "SET marsql.executors = 'peers'" "$add") bytes"
echo "add_payload_bytes_per_task: $((3 * add_tile * add_tile * 8)) bytes"
cpu=$(cpu_ms "SET marsql.executors = 'peers'" "$add")
echo "add_coordinator_cpu_per_task_peers_ms: $(calc '%.3f' "$cpu" "$tiles" 1 'a / b') ms"
cpu=$(cpu_ms "SET marsql.max_workers = 2" "$add")
echo "add_coordinator_cpu_per_task_local_ms: $(calc '%.3f' "$cpu" "$tiles" 1 'a / b') ms"

# --------------------------------------------------------------------- matmul
gcc -O2 -o "$build/raw_blas" "$here/raw_blas.c" -lopenblas -lm
psql_q -c "SELECT marsql.chunked_random(ARRAY[$matmul_n, $matmul_n], ARRAY[$matmul_tile, $matmul_tile], 21, target => 'bench_peers.mm_a')" \
	-c "SELECT marsql.chunked_random(ARRAY[$matmul_n, $matmul_n], ARRAY[$matmul_tile, $matmul_tile], 22, target => 'bench_peers.mm_b')" >/dev/null
raw=$("$build/raw_blas" "$runs" "$threads" "$matmul_n" 0 float64 | sed -n 's/^[^:]*: \([0-9.]*\) ms$/\1/p' | head -1)
echo "raw_matmul_float64_$matmul_n: $raw ms"
mm="SELECT marsql.drop(marsql.matmul(marsql.chunked_tensor('bench_peers.mm_a'), marsql.chunked_tensor('bench_peers.mm_b')))"
local_ms=$(median_ms "$mm" "SET marsql.max_workers = 2")
peers_ms=$(median_ms "$mm" "SET marsql.executors = 'peers'")
echo "matmul_${matmul_n}_tile${matmul_tile}_local: $local_ms ms"
echo "matmul_${matmul_n}_tile${matmul_tile}_local_vs_raw: $(ratio "$raw" "$local_ms")"
echo "matmul_${matmul_n}_tile${matmul_tile}_peers: $peers_ms ms"
echo "matmul_${matmul_n}_tile${matmul_tile}_peers_vs_raw: $(ratio "$raw" "$peers_ms")"
echo "matmul_${matmul_n}_tile${matmul_tile}_bytes_per_task_peers: $(io_bytes "SET marsql.executors = 'peers'" "$mm") bytes"
echo "matmul_${matmul_n}_tile${matmul_tile}_coordinator_cpu_local_ms: $(calc '%.0f' "$(cpu_ms "SET marsql.max_workers = 2" "$mm")" 1 1 'a') ms"
echo "matmul_${matmul_n}_tile${matmul_tile}_coordinator_cpu_peers_ms: $(calc '%.0f' "$(cpu_ms "SET marsql.executors = 'peers'" "$mm")" 1 1 'a') ms"
