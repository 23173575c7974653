#!/usr/bin/env bash
# Exact k-NN: marsql.knn against a standalone OpenBLAS GEMM + top-k program
# (raw_knn.c) and FAISS IndexFlatL2 (raw_faiss.cpp, Debian's libfaiss), on
# the same data in the same run.  Prints `name: value unit` lines, medians
# of RUNS; every marsql series is RUNS timed runs of one statement in ONE
# session after one untimed run.
#   knn_cores, knn_threads         the machine and marsql.blas_threads
#   raw_gemm_topk_<nq>q_...        raw_knn.c: sgemm + per-row heap, THREADS
#                                  threads (OpenBLAS and OpenMP)
#   raw_faiss_flat_<nq>q_...       IndexFlatL2.search, THREADS threads
#   knn_tensor_<nq>q               SELECT count(*) FROM marsql.knn(q, corpus,
#                                  10): the corpus one tensor value, searched
#                                  in this backend on THREADS threads
#   knn_table_<nq>q                the same corpus as rows (id bigint,
#                                  emb real[]) of a table, read in tiles and
#                                  scored on the engine's workers
#   knn_chunked_<nq>q              the same corpus as a chunked tensor
#   ..._vs_faiss, ..._vs_raw       FAISS ms / marsql ms and raw ms / marsql
#                                  ms: 1.00 = as fast, higher is better
#   knn_*_id_sum                   sum of the ids found: the same for all
#   knn_scale_<rows>_workers<w>    chunked corpus of <rows> x 128, 1000
#                                  queries, on w workers
#   knn_scale_tensor_<rows>_threads<t>  the same as one tensor (up to 400k)
#   raw_faiss_hnsw32_build_..., raw_faiss_hnsw32_<nq>q_..., _recall_at_10
#                                  standalone FAISS: HNSW32 over clustered
#                                  data, built and searched (efSearch HNSW_EF)
#   knn_faiss_hnsw32_build_...     marsql.faiss_create of the same: read the
#                                  table, build, store the index in tables
#   knn_faiss_hnsw32_<nq>q, _vs_raw, _recall_at_10
#                                  marsql.faiss_search of the loaded index;
#                                  recall against marsql.knn's exact answer
# Needs a database with marsql installed (PG* environment variables).
#   RUNS=3 THREADS=$(nproc) NQ=1000 ROWS=100000 DIMS=128 K=10 \
#   SCALE_ROWS="100000 400000 1600000" HNSW_ROWS=50000 HNSW_DIMS=64 \
#   HNSW_EF=64 HNSW_CENTRES=100 bash test/bench/knn.sh
# SCALE_ROWS="" and HNSW_ROWS=0 skip those parts.  About 8 minutes on two
# cores.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runs=${RUNS:-3}
threads=${THREADS:-$(nproc)}
nq=${NQ:-1000}
rows=${ROWS:-100000}
dims=${DIMS:-128}
k=${K:-10}
read -r -a scale_rows <<<"${SCALE_ROWS-100000 400000 1600000}"
build="$here/build"
mkdir -p "$build"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

cleanup() {
	psql_q -c "SET client_min_messages = warning" \
		-c "DROP TABLE IF EXISTS bench_knn_data, bench_knn_items, bench_knn_chunked, bench_knn_hnsw_items, bench_knn_hnsw_q" \
		-c "SELECT marsql.faiss_drop(name) FROM marsql.faiss_indexes WHERE name = 'bench_hnsw'" \
		-c "SELECT marsql.drop(marsql.chunked_tensor(c::regclass)) FROM unnest(ARRAY(SELECT relname::text FROM pg_class WHERE relname LIKE 'bench_knn_scale_%' AND relkind = 'r')) c" \
		>/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup

gcc -O2 -fopenmp -o "$build/raw_knn" "$here/raw_knn.c" -lopenblas -lm
g++ -O2 -fopenmp -o "$build/raw_faiss" "$here/raw_faiss.cpp" \
	/usr/lib/x86_64-linux-gnu/libfaiss.a -lopenblas -llapack
export PGOPTIONS="${PGOPTIONS:-} -c marsql.blas_threads=$threads -c client_min_messages=warning"
echo "knn_cores: $(nproc)"
echo "knn_threads: $threads"

# the data: seeded normal float32, stored once, exported for the raw programs
psql_q -c "CREATE TABLE bench_knn_data (name text PRIMARY KEY, t marsql.tensor)" \
	-c "INSERT INTO bench_knn_data VALUES
		('q', marsql.random(ARRAY[$nq, $dims], 1, 'normal', 'float32')),
		('q1', marsql.random(ARRAY[1, $dims], 2, 'normal', 'float32')),
		('x', marsql.random(ARRAY[$rows, $dims], 3, 'normal', 'float32'))" \
	-c "CREATE TABLE bench_knn_items AS SELECT \"row\"::bigint AS id, \"values\"::real[] AS emb
		FROM marsql.rows((SELECT t FROM bench_knn_data WHERE name = 'x'))" \
	-c "SELECT marsql.chunk(t, ARRAY[16384, $dims], 'bench_knn_chunked') FROM bench_knn_data WHERE name = 'x'" \
	-c "VACUUM ANALYZE bench_knn_data, bench_knn_items, bench_knn_chunked" >/dev/null
for name in q q1 x; do
	psql_q -c "SELECT encode(marsql.to_binary(t), 'base64') FROM bench_knn_data WHERE name = '$name'" |
		base64 -d >"$build/knn_$name.bin"
done

tensor_arg() { echo "(SELECT t FROM bench_knn_data WHERE name = '$1')"; }

series() {	# query-name nq
	local q=$1 n=$2 raw faiss ms kind stmt sum
	raw=$("$build/raw_knn" "$runs" "$threads" "$build/knn_$q.bin" "$build/knn_x.bin" "$k")
	faiss=$("$build/raw_faiss" "$runs" "$threads" "$build/knn_$q.bin" "$build/knn_x.bin" "$k")
	echo "$raw"
	echo "$faiss"
	raw=$(echo "$raw" | sed -n 's/^raw_gemm_topk_[^:]*_k[0-9]*: \(.*\) ms/\1/p')
	faiss=$(echo "$faiss" | sed -n 's/^raw_faiss_flat_[^:]*_k[0-9]*: \(.*\) ms/\1/p')
	for kind in tensor table chunked; do
		case $kind in
		tensor) stmt="marsql.knn($(tensor_arg "$q"), $(tensor_arg x), $k)" ;;
		table) stmt="marsql.knn($(tensor_arg "$q"), 'bench_knn_items', 'emb', 'id', $k)" ;;
		chunked) stmt="marsql.knn($(tensor_arg "$q"), 'bench_knn_chunked'::marsql.chunked_tensor, $k)" ;;
		esac
		ms=$(median_ms "SELECT count(*) FROM $stmt")
		sum=$(psql_q -c "SELECT sum(id) FROM $stmt")
		echo "knn_${kind}_${n}q: $ms ms"
		echo "knn_${kind}_${n}q_vs_faiss: $(ratio "$faiss" "$ms") x"
		echo "knn_${kind}_${n}q_vs_raw: $(ratio "$raw" "$ms") x"
		echo "knn_${kind}_${n}q_id_sum: $sum"
	done
}

series q "$nq"
series q1 1

for n in "${scale_rows[@]}"; do
	[ -n "$n" ] || continue
	psql_q -c "SELECT marsql.chunked_random(ARRAY[$n, $dims], ARRAY[32768, $dims], 4, 'normal', 'float32', 'bench_knn_scale_$n')" \
		-c "VACUUM ANALYZE bench_knn_scale_$n" >/dev/null
	for w in 1 2; do
		ms=$(median_ms "SELECT count(*) FROM marsql.knn($(tensor_arg q), 'bench_knn_scale_$n'::marsql.chunked_tensor, $k)" \
			"SET marsql.max_workers = $w")
		echo "knn_scale_${n}_workers$w: $ms ms"
	done
	if [ "$n" -le 400000 ]; then
		psql_q -c "INSERT INTO bench_knn_data SELECT 'scale_$n', marsql.to_tensor('bench_knn_scale_$n'::marsql.chunked_tensor)" >/dev/null
		for t in 1 2; do
			ms=$(median_ms "SELECT count(*) FROM marsql.knn($(tensor_arg q), $(tensor_arg "scale_$n"), $k)" \
				"SET marsql.blas_threads = $t")
			echo "knn_scale_tensor_${n}_threads$t: $ms ms"
		done
	fi
done

# FAISS HNSW through marsql against the same index built by standalone
# FAISS, on clustered data (a seeded Gaussian mixture: HNSW_CENTRES centres
# 3 apart, points N(0, 0.5) around them), the same efSearch, both on
# THREADS threads; recall@10 against the exact answer.
hnsw_rows=${HNSW_ROWS:-50000}
hnsw_dims=${HNSW_DIMS:-64}
hnsw_ef=${HNSW_EF:-64}
if [ "$hnsw_rows" -gt 0 ]; then
	psql_q -c "DROP TABLE IF EXISTS bench_knn_hnsw_items, bench_knn_hnsw_q" \
		-c "SELECT marsql.faiss_drop(name) FROM marsql.faiss_indexes WHERE name = 'bench_hnsw'" \
		-c "CREATE TEMP TABLE centres AS SELECT marsql.random(ARRAY[${HNSW_CENTRES:-100}, $hnsw_dims], 5, 'normal', 'float32') OPERATOR(marsql.*) 3 AS c" \
		-c "CREATE TABLE bench_knn_hnsw_items AS SELECT r.\"row\"::bigint AS id,
			(c[r.\"row\" % ${HNSW_CENTRES:-100}] OPERATOR(marsql.+) r.\"values\"::marsql.tensor)::real[] AS emb
			FROM centres, marsql.rows(marsql.random(ARRAY[$hnsw_rows, $hnsw_dims], 6, 'normal', 'float32') OPERATOR(marsql.*) 0.5) r" \
		-c "CREATE TABLE bench_knn_hnsw_q AS SELECT marsql.astype(marsql.stack_agg(c[r.\"row\" % ${HNSW_CENTRES:-100}] OPERATOR(marsql.+) r.\"values\"::marsql.tensor ORDER BY r.\"row\"), 'float32') AS q
			FROM centres, marsql.rows(marsql.random(ARRAY[$nq, $hnsw_dims], 7, 'normal', 'float32') OPERATOR(marsql.*) 0.5) r GROUP BY c" \
		-c "VACUUM ANALYZE bench_knn_hnsw_items" >/dev/null
	psql_q -c "SELECT encode(marsql.to_binary(q), 'base64') FROM bench_knn_hnsw_q" | base64 -d >"$build/knn_hnsw_q.bin"
	psql_q -c "SELECT encode(marsql.to_binary(marsql.stack_agg(emb ORDER BY id)), 'base64') FROM bench_knn_hnsw_items" |
		base64 -d >"$build/knn_hnsw_x.bin"
	"$build/raw_faiss" "$runs" "$threads" "$build/knn_hnsw_q.bin" "$build/knn_hnsw_x.bin" "$k" HNSW32 "efSearch=$hnsw_ef" |
		tee "$build/raw_hnsw.txt"
	raw_search=$(sed -n 's/^raw_faiss_hnsw32_[0-9]*q_[^:]*: \(.*\) ms/\1/p' "$build/raw_hnsw.txt")
	start=$(date +%s.%N)
	psql_q -c "SET marsql.faiss_threads = $threads" \
		-c "SELECT marsql.faiss_create('bench_hnsw', 'bench_knn_hnsw_items', 'emb', 'id', 'HNSW32')" >/dev/null
	echo "knn_faiss_hnsw32_build_${hnsw_rows}x${hnsw_dims}: $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", (e - s) * 1000}') ms"
	ms=$(median_ms "SELECT count(*) FROM marsql.faiss_search('bench_hnsw', (SELECT q FROM bench_knn_hnsw_q), $k, '{\"efSearch\": $hnsw_ef}')" \
		"SET marsql.faiss_threads = $threads")
	echo "knn_faiss_hnsw32_${nq}q: $ms ms"
	echo "knn_faiss_hnsw32_${nq}q_vs_raw: $(ratio "$raw_search" "$ms") x"
	echo "knn_faiss_hnsw32_recall_at_$k: $(psql_q -c "SELECT round(count(f.id)::numeric / count(*), 4)
		FROM marsql.knn((SELECT q FROM bench_knn_hnsw_q), 'bench_knn_hnsw_items', 'emb', 'id', $k) t
		LEFT JOIN marsql.faiss_search('bench_hnsw', (SELECT q FROM bench_knn_hnsw_q), $k, '{\"efSearch\": $hnsw_ef}') f
		ON f.query = t.query AND f.id = t.id")"
	psql_q -c "SELECT marsql.faiss_drop('bench_hnsw')" -c "DROP TABLE bench_knn_hnsw_items, bench_knn_hnsw_q" >/dev/null
fi
