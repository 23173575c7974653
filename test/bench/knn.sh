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
#   raw_gemm_topk_<nq>q_minflt_per_call  minor page faults per timed run
#   One query (the direct path, marsql.knn_direct_queries), each with
#   _minflt_per_call, the calling backend's minor page faults per call
#   (from /proc/<pid>/stat; n/a when the server is not on this machine):
#   knn_1q_tensor_warm             knn(q, corpus tensor): the second and
#                                  later calls of a session
#   knn_1q_table                   knn(q, 'bench_knn_items', ...) (real[])
#   knn_1q_table_tensor_column     knn() over bench_knn_titems (a tensor column)
#   knn_1q_orderby                 SELECT id FROM bench_knn_titems ORDER BY
#                                  emb <-> q LIMIT 10: pgvector-style per-row
#                                  ordering, the same-work baseline
#   knn_1q_pgvector_orderby        the same with pgvector's vector and <->,
#                                  when the vector extension is available
#   knn_1q_batch_table             knn() over the table with
#                                  marsql.knn_direct_queries = 0 (workers)
#   knn_1q_tensor_vs_raw           raw GEMM + top-k ms / tensor ms (issue:
#                                  >= 0.33, i.e. within 3x)
#   knn_1q_table_vs_orderby        orderby ms / table ms (issue: >= 1.00)
#   knn_1q_*_id_sum                the same ids in every series
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
# SCALE_ROWS="" and HNSW_ROWS=0 skip those parts; a quick try at small size:
#   RUNS=3 NQ=100 ROWS=20000 SCALE_ROWS="" HNSW_ROWS=0 bash test/bench/knn.sh  About 8 minutes on two
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
		-c "DROP TABLE IF EXISTS bench_knn_data, bench_knn_items, bench_knn_titems, bench_knn_vitems, bench_knn_chunked, bench_knn_hnsw_items, bench_knn_hnsw_q" \
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

# minor page faults of the calling backend per call of $1: RUNS calls in
# one session after one untimed call, from field 10 of /proc/<pid>/stat
# (the server must run on this machine); statements in $2.. run first
minflt_per_call() {
	local n=${runs:-5} s out
	out=$({
		for s in "${@:2}"; do echo "$s;"; done
		echo "SELECT pg_backend_pid() AS bench_pid \\gset"
		echo "\\setenv BENCH_PID :bench_pid"
		echo "$1;"
		echo "\\! awk '{print \$10}' /proc/\$BENCH_PID/stat 2>/dev/null || echo n/a"
		for _ in $(seq "$n"); do echo "$1;"; done
		echo "\\! awk '{print \$10}' /proc/\$BENCH_PID/stat 2>/dev/null || echo n/a"
	} | psql -X -q -tA -v ON_ERROR_STOP=1 -o /dev/null)
	echo "$out" | awk -v n="$n" 'NR == 1 {a = $1} NR == 2 {b = $1}
		END {if (a ~ /^[0-9]+$/ && b ~ /^[0-9]+$/) printf "%.0f", (b - a) / n; else print "n/a"}'
}

# one query: the direct path against raw GEMM + top-k and per-row <-> ordering
single() {
	local raw ms sum name stmt pre vec
	raw=$("$build/raw_knn" "$runs" "$threads" "$build/knn_q1.bin" "$build/knn_x.bin" "$k")
	echo "$raw"
	raw=$(echo "$raw" | sed -n 's/^raw_gemm_topk_[^:]*_k[0-9]*: \(.*\) ms/\1/p')
	psql_q -c "CREATE TABLE bench_knn_titems AS SELECT id, emb::marsql.tensor AS emb FROM bench_knn_items" \
		-c "VACUUM ANALYZE bench_knn_titems" >/dev/null
	vec=$(psql_q -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")
	if [ "$vec" = 1 ]; then
		psql_q -c "CREATE EXTENSION IF NOT EXISTS vector" \
			-c "CREATE TABLE bench_knn_vitems AS SELECT id, emb::vector AS emb FROM bench_knn_items" \
			-c "VACUUM ANALYZE bench_knn_vitems" >/dev/null
	fi
	declare -A took
	for name in tensor_warm table table_tensor_column orderby pgvector_orderby batch_table; do
		pre="SET marsql.knn_direct_queries = 8"
		case $name in
		tensor_warm) stmt="SELECT id FROM marsql.knn($(tensor_arg q1), $(tensor_arg x), $k)" ;;
		table) stmt="SELECT id FROM marsql.knn($(tensor_arg q1), 'bench_knn_items', 'emb', 'id', $k)" ;;
		table_tensor_column) stmt="SELECT id FROM marsql.knn($(tensor_arg q1), 'bench_knn_titems', 'emb', 'id', $k)" ;;
		orderby) stmt="SELECT id FROM bench_knn_titems ORDER BY emb OPERATOR(marsql.<->) (SELECT marsql.reshape(t, ARRAY[$dims]) FROM bench_knn_data WHERE name = 'q1') LIMIT $k" ;;
		pgvector_orderby)
			[ "$vec" = 1 ] || continue
			stmt="SELECT id FROM bench_knn_vitems ORDER BY emb <-> (SELECT marsql.reshape(t, ARRAY[$dims])::real[]::vector FROM bench_knn_data WHERE name = 'q1') LIMIT $k" ;;
		batch_table)
			pre="SET marsql.knn_direct_queries = 0"
			stmt="SELECT id FROM marsql.knn($(tensor_arg q1), 'bench_knn_items', 'emb', 'id', $k)" ;;
		esac
		ms=$(median_ms "SELECT count(*) FROM ($stmt) s" "$pre")
		took[$name]=$ms
		echo "knn_1q_$name: $ms ms"
		echo "knn_1q_${name}_minflt_per_call: $(minflt_per_call "SELECT count(*) FROM ($stmt) s" "$pre")"
		sum=$(psql_q -c "$pre" -c "SELECT sum(id) FROM ($stmt) s")
		echo "knn_1q_${name}_id_sum: $sum"
	done
	echo "knn_1q_tensor_vs_raw: $(ratio "$raw" "${took[tensor_warm]}") x"
	echo "knn_1q_table_vs_orderby: $(ratio "${took[orderby]}" "${took[table]}") x"
	echo "knn_1q_table_tensor_column_vs_orderby: $(ratio "${took[orderby]}" "${took[table_tensor_column]}") x"
	echo "knn_1q_table_vs_batch_table: $(ratio "${took[batch_table]}" "${took[table]}") x"
	if [ "$vec" = 1 ]; then
		echo "knn_1q_table_vs_pgvector_orderby: $(ratio "${took[pgvector_orderby]}" "${took[table]}") x"
	fi
}

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
single

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
