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
#                                     on = the defaults, the shared tier off
#                                     (one session's own tier; the pool case
#                                     below measures the shared tier)
#   ..._minflt                        minor page faults of that call
#   resident_matmul_float32_<n>_second_on_vs_raw   raw ms / second call ms
#   resident_mul_float32_<rows>x128_{first,second,warm}_{off,on} (+ _minflt)
#                                     t * 2 of a stored rows x 128 float32
#                                     tensor (100000 rows: 51 MB)
#   value_cache_validate_us           mean cost of one validation probe (warm)
# The connection-pool case: the FIRST call of a NEW session, as a pool that
# opens backends meets it, with the value cache's own tier only
# (marsql.value_cache_shared = off: every new backend reads the values from
# TOAST) and with the shared tier (read once by an earlier session, then
# served from shared memory), the two interleaved, POOL_RUNS new sessions each:
#   pool_matmul_float32_<n>_first_{local,shared} (+ _minflt)
#                                     marsql.matmul of the two stored n x n values
#   pool_matmul_float32_<n>_first_shared_vs_raw, _shared_vs_local
#   raw_knn_1q_<rows>x128             raw_knn.c: sgemm + top-10, one query (same run)
#   pool_knn_1q_<rows>x128_first_{local,shared} (+ _minflt)
#                                     marsql.knn of one stored query over a stored
#                                     rows x 128 float32 corpus, k = 10
#   pool_knn_1q_<rows>x128_first_shared_vs_raw, _shared_vs_local
#   resident_knn_chunked_1q_<rows>x128_{first,second,warm}_{off,on} (+ _minflt)
#                                     1-query k-NN over the same corpus chunked in
#                                     tiles of 16384 rows (the direct path), one
#                                     session: off = value cache off (tiles from
#                                     TOAST every call), on = the defaults (tiles
#                                     resident in the shared tier)
#   pool_shared_cache_bytes           what the shared cache holds after the pool
#                                     (each value once, whatever the sessions)
#   RUNS=5 POOL_RUNS=5 THREADS=$(nproc) N=2048 ROWS=100000 bash test/bench/resident.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runs=${RUNS:-5}
pool_runs=${POOL_RUNS:-$runs}
threads=${THREADS:-$(nproc)}
n=${N:-2048}
rows=${ROWS:-100000}
build="$here/build"
mkdir -p "$build"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

cleanup() {
	psql_q -c "SELECT marsql.drop('bench_resident_chunked'::marsql.chunked_tensor)" >/dev/null 2>&1 || true
	psql_q -c "DROP TABLE IF EXISTS bench_resident" >/dev/null 2>&1 || true
}
trap cleanup EXIT
export PGOPTIONS="${PGOPTIONS:-} -c marsql.blas_threads=$threads -c marsql.device=cpu"

gcc -O2 -o "$build/raw_blas" "$here/raw_blas.c" -lopenblas -lm
gcc -O2 -fopenmp -o "$build/raw_knn" "$here/raw_knn.c" -lopenblas -lm
psql_q -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS bench_resident" \
	-c "CREATE TABLE bench_resident (name text, t marsql.tensor)" \
	-c "INSERT INTO bench_resident VALUES
		('a', marsql.random(ARRAY[$n, $n], 1, dtype => 'float32')),
		('b', marsql.random(ARRAY[$n, $n], 2, dtype => 'float32')),
		('e', marsql.random(ARRAY[$rows, 128], 3, dtype => 'float32')),
		('q1', marsql.random(ARRAY[1, 128], 4, 'normal', 'float32')),
		('x', marsql.random(ARRAY[$rows, 128], 5, 'normal', 'float32'))" \
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
on="SET marsql.value_cache_shared = off"
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

# ---- the connection pool: the first call of a NEW session ----
for name in q1 x; do
	psql_q -c "SELECT encode(marsql.to_binary(t), 'base64') FROM bench_resident WHERE name = '$name'" |
		base64 -d >"$build/resident_$name.bin"
done
raw_knn=$("$build/raw_knn" "$runs" "$threads" "$build/resident_q1.bin" "$build/resident_x.bin" 10 |
	sed -n 's/^raw_gemm_topk_[^:]*_k[0-9]*: \(.*\) ms/\1/p')
echo "raw_knn_1q_${rows}x128: $raw_knn ms"
knn="SELECT count(*) FROM bench_resident q, bench_resident x, marsql.knn(q.t, x.t, 10) k WHERE q.name = 'q1' AND x.name = 'x'"
# a new session: settings ($1), OpenBLAS loaded, then ONE call of $2: "ms faults"
first_call() {
	psql_q -c "$1" -c "$blas_loaded" -c "$faults" -c '\timing on' -c "$2" -c '\timing off' -c "$faults" | awk '
		/^minflt / { if (ms != "") print ms, $2 - last; last = $2; ms = "" }
		/^Time: / { ms = $2 }'
}
local_tier="SET marsql.value_cache_shared = off"
shared_tier="SET marsql.value_cache_shared = on"
if [ "$(psql_q -c "SELECT size_limit > 0 FROM marsql.shared_cache_stats()")" != t ]; then
	echo "pool: marsql.shared_cache_size is 0, no shared tier to measure" >&2
else
	rm -f "$build"/pool_*
	# one earlier session has read the values into the shared tier
	psql_q -c "$shared_tier" -c "$matmul" -c "$knn" >/dev/null
	for _ in $(seq "$pool_runs"); do
		first_call "$local_tier" "$matmul" >>"$build/pool_mm_local"
		first_call "$shared_tier" "$matmul" >>"$build/pool_mm_shared"
		first_call "$local_tier" "$knn" >>"$build/pool_knn_local"
		first_call "$shared_tier" "$knn" >>"$build/pool_knn_shared"
	done
	# prints one case's two series (median ms and faults) and their ratios:
	# $1 name, $2 series prefix under $build, $3 the raw ms
	pool_report() {
		local tier ms
		for tier in local shared; do
			echo "$1_$tier: $(cut -d' ' -f1 "$build/$2_$tier" | median) ms"
			echo "$1_${tier}_minflt: $(cut -d' ' -f2 "$build/$2_$tier" | median) faults"
		done
		ms=$(cut -d' ' -f1 "$build/$2_shared" | median)
		echo "$1_shared_vs_raw: $(ratio "$3" "$ms") x"
		echo "$1_shared_vs_local: $(ratio "$(cut -d' ' -f1 "$build/$2_local" | median)" "$ms") x"
	}
	pool_report "pool_matmul_float32_${n}_first" pool_mm "$raw"
	pool_report "pool_knn_1q_${rows}x128_first" pool_knn "$raw_knn"
	rm -f "$build"/pool_*
	echo "pool_shared_cache_bytes: $(psql_q -c "SELECT bytes FROM marsql.shared_cache_stats()") bytes"
fi

# ---- k-NN over a chunked corpus: tiles from TOAST every call, or resident ----
psql_q -c "SELECT marsql.chunk(t, ARRAY[16384, 128], 'bench_resident_chunked') IS NOT NULL FROM bench_resident WHERE name = 'x'" >/dev/null
cknn="SELECT count(*) FROM bench_resident q, marsql.knn(q.t, 'bench_resident_chunked'::marsql.chunked_tensor, 10) k WHERE q.name = 'q1'"
calls "SET marsql.value_cache_size = 0" "$cknn" | report "resident_knn_chunked_1q_${rows}x128_off"
calls "SELECT 1" "$cknn" | report "resident_knn_chunked_1q_${rows}x128_on"
