#!/usr/bin/env bash
# The GPU path against raw cuBLAS and against the CPU path, in the same run.
# Prints `name: value unit` lines, medians of RUNS; every marsql series is
# RUNS timed runs of one statement in ONE session after one untimed run.
#   gpu_device                      marsql.gpu_info(): name, memory, build
#   raw_cublas_<dtype>_<n>          raw_cublas.cu: cudaMalloc, A and B copied
#                                   in from host memory, [sd]gemm, C copied
#                                   back, cudaFree -- what matmul does
#   raw_cublas_<dtype>_<n>_device_only  the gemm alone on resident data
#   gpu_matmul_<dtype>_<n>          SELECT marsql.shape(marsql.matmul(a, b,
#                                   'gpu')) FROM a table holding a and b:
#                                   detoast, copies, gemm, the result value
#   gpu_matmul_<dtype>_<n>_vs_raw   raw ms / marsql ms (target >= 0.90)
#   gpu_matmul_<dtype>_<n>_transfer_share  marsql.gpu_stats() over the
#                                   timed runs: copy time / (copy + kernel)
#   cpu_matmul_<dtype>_<n>, gpu_matmul_<dtype>_<n>_vs_cpu  the same product
#                                   with device => 'cpu' (marsql.blas_threads
#                                   = THREADS); CPU_MAX_N caps these
#   chunked_gpu_matmul_<dtype>_16384  a 16384 product does not fit one value
#                                   (1 GB): chunked 8192-tiles, tile tasks
#                                   on the workers' GPU, against raw
#   knn_<nq>x<rows>x<dims>_gpu, _cpu, _gpu_vs_cpu  marsql.knn(q, corpus, K)
#                                   with device => 'gpu' and 'cpu' (target
#                                   >= 20x), _same: rows differing (0)
#   knn_..._gpu_transfer_share      as for matmul
# Needs a database with marsql installed (PG* environment variables), a
# CUDA device and nvcc (CUDA_HOME or PATH).
#   RUNS=3 THREADS=$(nproc) SIZES="4096 8192" DTYPES="float32 float64"
#   CHUNKED_N=16384 CPU_MAX_N=8192 NQ=1000 ROWS=1000000 DIMS=128 K=10
#   bash test/bench/gpu.sh
# CHUNKED_N=0 and ROWS=0 skip those parts.  About 10 minutes on an H100
# with 16 cores, most of it the CPU side.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runs=${RUNS:-3}
threads=${THREADS:-$(nproc)}
read -r -a sizes <<<"${SIZES:-4096 8192}"
read -r -a dtypes <<<"${DTYPES:-float32 float64}"
chunked_n=${CHUNKED_N:-16384}
cpu_max_n=${CPU_MAX_N:-8192}
nq=${NQ:-1000}
rows=${ROWS:-1000000}
dims=${DIMS:-128}
k=${K:-10}
build="$here/build"
mkdir -p "$build"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
export PGOPTIONS="${PGOPTIONS:-} -c marsql.blas_threads=$threads -c client_min_messages=warning"

nvcc=$(command -v nvcc || echo "${CUDA_HOME:-/usr/local/cuda}/bin/nvcc")
[ -x "$nvcc" ] || { echo "gpu.sh: nvcc not found" >&2; exit 1; }
devices=$(psql_q -c "SELECT count(*) FROM marsql.gpu_info() WHERE device IS NOT NULL")
if [ "$devices" = 0 ]; then
	echo "gpu.sh: no CUDA device: $(psql_q -c 'SELECT status FROM marsql.gpu_info()')" >&2
	exit 1
fi

cleanup() {
	psql_q -c "DROP TABLE IF EXISTS bench_gpu_mm, bench_gpu_knn" >/dev/null 2>&1 || true
	psql_q -c "SELECT marsql.drop(marsql.chunked_tensor(c::regclass)) FROM unnest(ARRAY(SELECT relname::text FROM pg_class WHERE relname LIKE 'bench_gpu_ct_%' AND relkind = 'r')) c" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup

echo "gpu_device: $(psql_q -c "SELECT name || ', ' || pg_size_pretty(total_memory) || ', compute ' || compute_capability || ', ' || build FROM marsql.gpu_info() WHERE device = 0")"
echo "gpu_cores: $(nproc), threads $threads"

"$nvcc" -O2 -o "$build/raw_cublas" "$here/raw_cublas.cu" -lcublas
all_sizes=$(IFS=,; echo "${sizes[*]}${chunked_n:+,$chunked_n}" | sed 's/,0$//')
raw=$("$build/raw_cublas" "$runs" "$all_sizes" "$(IFS=,; echo "${dtypes[*]}")")
echo "$raw"
raw_ms() { echo "$raw" | sed -n "s/^raw_cublas_$1_$2: \([0-9.]*\) ms/\1/p"; }

# transfer share of the statement's GPU calls, from gpu_stats before and after
share() {
	psql_q -c "CREATE TEMP TABLE s0 AS SELECT * FROM marsql.gpu_stats()" -c "$1" \
		-c "SELECT round((sum(g.transfer_ms - s0.transfer_ms) / nullif(sum(g.transfer_ms - s0.transfer_ms + g.compute_ms - s0.compute_ms), 0))::numeric, 3) FROM marsql.gpu_stats() g, s0" |
		tail -1
}

for dtype in "${dtypes[@]}"; do
	for n in "${sizes[@]}"; do
		psql_q -c "DROP TABLE IF EXISTS bench_gpu_mm" \
			-c "CREATE TABLE bench_gpu_mm AS SELECT marsql.random('{$n,$n}', 1, 'uniform', '$dtype') a, marsql.random('{$n,$n}', 2, 'uniform', '$dtype') b"
		stmt="SELECT marsql.shape(marsql.matmul(a, b, 'gpu')) FROM bench_gpu_mm"
		gpu=$(median_ms "$stmt")
		raw_h=$(raw_ms "$dtype" "$n")
		echo "gpu_matmul_${dtype}_$n: $gpu ms"
		echo "gpu_matmul_${dtype}_${n}_vs_raw: $(ratio "$raw_h" "$gpu")"
		echo "gpu_matmul_${dtype}_${n}_transfer_share: $(share "$stmt")"
		if [ "$n" -le "$cpu_max_n" ]; then
			cpu=$(runs=1 median_ms "SELECT marsql.shape(marsql.matmul(a, b, 'cpu')) FROM bench_gpu_mm")
			echo "cpu_matmul_${dtype}_$n: $cpu ms"
			echo "gpu_matmul_${dtype}_${n}_vs_cpu: $(ratio "$cpu" "$gpu")"
		fi
	done
	if [ "$chunked_n" -gt 0 ]; then
		tile=$((chunked_n / 2))
		psql_q -c "SELECT marsql.chunked_random('{$chunked_n,$chunked_n}', '{$tile,$tile}', 3, dtype => '$dtype', target => 'bench_gpu_ct_a')" \
			-c "SELECT marsql.chunked_random('{$chunked_n,$chunked_n}', '{$tile,$tile}', 4, dtype => '$dtype', target => 'bench_gpu_ct_b')" >/dev/null
		gpu=$(median_ms "SELECT marsql.ntiles(marsql.matmul(marsql.chunked_tensor('bench_gpu_ct_a'), marsql.chunked_tensor('bench_gpu_ct_b'), target => 'bench_gpu_ct_c')); SELECT marsql.drop(marsql.chunked_tensor('bench_gpu_ct_c'))" "SET marsql.device = gpu")
		raw_h=$(raw_ms "$dtype" "$chunked_n")
		echo "chunked_gpu_matmul_${dtype}_$chunked_n: $gpu ms"
		echo "chunked_gpu_matmul_${dtype}_${chunked_n}_vs_raw: $(ratio "$raw_h" "$gpu")"
		psql_q -c "SELECT marsql.drop(marsql.chunked_tensor('bench_gpu_ct_a'))" \
			-c "SELECT marsql.drop(marsql.chunked_tensor('bench_gpu_ct_b'))" >/dev/null
	fi
done

if [ "$rows" -gt 0 ]; then
	psql_q -c "CREATE TABLE bench_gpu_knn AS SELECT marsql.random('{$nq,$dims}', 5, 'normal', 'float32') q, marsql.random('{$rows,$dims}', 6, 'normal', 'float32') x"
	name="knn_${nq}x${rows}x${dims}"
	gpu=$(median_ms "SELECT count(*) FROM bench_gpu_knn, marsql.knn(q, x, $k, 'l2', 'gpu')")
	cpu=$(runs=1 median_ms "SELECT count(*) FROM bench_gpu_knn, marsql.knn(q, x, $k, 'l2', 'cpu')")
	echo "${name}_gpu: $gpu ms"
	echo "${name}_cpu: $cpu ms"
	echo "${name}_gpu_vs_cpu: $(ratio "$cpu" "$gpu")"
	echo "${name}_gpu_transfer_share: $(share "SELECT count(*) FROM bench_gpu_knn, marsql.knn(q, x, $k, 'l2', 'gpu')")"
	echo "${name}_same: $(psql_q -c "WITH g AS (SELECT r.* FROM bench_gpu_knn, marsql.knn(q, x, $k, 'l2', 'gpu') r),
		c AS (SELECT r.* FROM bench_gpu_knn, marsql.knn(q, x, $k, 'l2', 'cpu') r)
		SELECT count(*) FROM ((TABLE g EXCEPT TABLE c) UNION ALL (TABLE c EXCEPT TABLE g)) d") rows differ"
fi
