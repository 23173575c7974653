#!/usr/bin/env bash
# Hot values resident across statements (issue 19, items 3 and 5): calls on
# STORED tensors in one session, each call timed (psql \timing) with the
# backend's minor page faults during it (/proc/self/stat of the backend,
# read with pg_read_file: needs a superuser).  Prints `name: value unit`:
#   raw_matmul_float32_<n>            raw_blas.c sgemm, warm median (same run)
#   resident_matmul_float32_<n>_{first,second,warm}_{off,on}
#                                     marsql.matmul of two stored n x n
#                                     float32 values: the first call of a
#                                     session, the second, and the median of
#                                     calls 2..RUNS+1; off = value cache and
#                                     retained memory off (0.1.0 behaviour),
#                                     on = the defaults
#   ..._minflt                        minor page faults of that call
#   resident_matmul_float32_<n>_second_on_vs_raw   raw ms / second call ms
#   resident_mul_float32_<rows>x128_{first,second,warm}_{off,on} (+ _minflt)
#                                     t * 2 of a stored rows x 128 float32
#                                     tensor (100000 rows: 51 MB)
#   value_cache_validate_us           mean cost of one validation probe (warm)
#   RUNS=5 THREADS=$(nproc) N=2048 ROWS=100000 bash test/bench/resident.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runs=${RUNS:-5}
threads=${THREADS:-$(nproc)}
n=${N:-2048}
rows=${ROWS:-100000}
build="$here/build"
mkdir -p "$build"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

cleanup() { psql_q -c "DROP TABLE IF EXISTS bench_resident" >/dev/null 2>&1 || true; }
trap cleanup EXIT
export PGOPTIONS="${PGOPTIONS:-} -c marsql.blas_threads=$threads -c marsql.device=cpu"

gcc -O2 -o "$build/raw_blas" "$here/raw_blas.c" -lopenblas -lm
psql_q -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS bench_resident" \
	-c "CREATE TABLE bench_resident (name text, t marsql.tensor)" \
	-c "INSERT INTO bench_resident VALUES
		('a', marsql.random(ARRAY[$n, $n], 1, dtype => 'float32')),
		('b', marsql.random(ARRAY[$n, $n], 2, dtype => 'float32')),
		('e', marsql.random(ARRAY[$rows, 128], 3, dtype => 'float32'))" \
	-c "VACUUM ANALYZE bench_resident"

# every session first loads OpenBLAS (a tiny product): "first call" is the
# first read of the stored values, not the library's start-up
blas_loaded="SELECT marsql.size(marsql.matmul(marsql.ones('{8,8}', 'float32'), marsql.ones('{8,8}', 'float32')))"
faults="SELECT 'minflt ' || split_part(pg_read_file('/proc/self/stat', 0, 4096), ' ', 10)"
# one session: settings ($1), then RUNS+1 calls of $2; prints "ms faults" per call
calls() {
	local args=(-c "$1" -c "SELECT marsql.value_cache_reset()" -c "$blas_loaded" -c "$faults")
	for _ in $(seq $((runs + 1))); do
		args+=(-c '\timing on' -c "$2" -c '\timing off' -c "$faults")
	done
	psql_q "${args[@]}" | awk '
		/^minflt / { if (ms != "") print ms, $2 - last; last = $2; ms = "" }
		/^Time: / { ms = $2 }'
}
# prints the figures of one series: $1 name, stdin "ms faults" lines
report() {
	local name=$1 data
	data=$(cat)
	echo "${name}_first: $(echo "$data" | sed -n 1p | cut -d' ' -f1) ms"
	echo "${name}_first_minflt: $(echo "$data" | sed -n 1p | cut -d' ' -f2) faults"
	echo "${name}_second: $(echo "$data" | sed -n 2p | cut -d' ' -f1) ms"
	echo "${name}_second_minflt: $(echo "$data" | sed -n 2p | cut -d' ' -f2) faults"
	echo "${name}_warm: $(echo "$data" | sed -n '2,$p' | cut -d' ' -f1 | median) ms"
	echo "${name}_warm_minflt: $(echo "$data" | sed -n '2,$p' | cut -d' ' -f2 | median) faults"
}

off="SET marsql.value_cache_size = 0; SET marsql.retained_memory = 0"
on="SELECT 1"
matmul="SELECT marsql.size(marsql.matmul(a.t, b.t)) FROM bench_resident a, bench_resident b WHERE a.name = 'a' AND b.name = 'b'"
mul="SELECT marsql.size(t OPERATOR(marsql.*) 2::float8) FROM bench_resident WHERE name = 'e'"

raw=$("$build/raw_blas" "$runs" "$threads" "$n" 0 float32 2>/dev/null | sed -n "s/^raw_matmul_float32_$n: \(.*\) ms/\1/p")
echo "raw_matmul_float32_$n: $raw ms"
calls "$off" "$matmul" | report "resident_matmul_float32_${n}_off"
on_data=$(calls "$on" "$matmul")
echo "$on_data" | report "resident_matmul_float32_${n}_on"
echo "resident_matmul_float32_${n}_second_on_vs_raw: $(ratio "$raw" "$(echo "$on_data" | sed -n 2p | cut -d' ' -f1)") x"
calls "$off" "$mul" | report "resident_mul_float32_${rows}x128_off"
calls "$on" "$mul" | report "resident_mul_float32_${rows}x128_on"
# the probe that validates a hit, warm: 20 hits after two calls
stats="SELECT validations || ' ' || validate_ms FROM marsql.value_cache_stats()"
hit="SELECT marsql.size(t OPERATOR(marsql.*) 2::float8) FROM bench_resident WHERE name = 'a'"
args=(-c "$hit" -c "$hit" -c "$stats")
for _ in $(seq 20); do args+=(-c "$hit"); done
echo "value_cache_validate_us: $(psql_q "${args[@]}" -c "$stats" | grep ' ' | awk 'NR == 1 {v = $1; t = $2} NR == 2 {printf "%.1f", ($2 - t) * 1000 / ($1 - v)}') us"
