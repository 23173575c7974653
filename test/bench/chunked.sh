#!/usr/bin/env bash
# Chunked tensors: matmul tiled on the engine against one raw OpenBLAS call
# of the same size on the same cores, in the same run, and the cost of a
# tile task.  Prints `name: value unit` lines, medians of RUNS; every series
# is RUNS timed runs of one statement in ONE session after one untimed run.
#   chunked_cores, chunked_workers, chunked_shared_buffers
#                                 the machine and the settings measured under
#   raw_matmul_<dtype>_<n>        raw_blas.c: one cblas_<s|d>gemm of n x n
#                                 operands, THREADS threads
#   chunked_matmul_<dtype>_<n>_tile<t>
#                                 SELECT marsql.drop(marsql.matmul(a, b)) for
#                                 stored n x n operands tiled t x t: read the
#                                 tiles, multiply on the workers, which
#                                 write the result tiles into a table a
#                                 worker made; drop it
#   ..._vs_raw                    raw ms / chunked ms: 1.00 = as fast as raw
#                                 OpenBLAS, higher is better
#   ..._run_s, _read_s, _store_s  one more run under marsql.explain(run =>
#                                 true): the graph's time, and how long the
#                                 calling backend spent reading input tiles
#                                 (for payloads of operands it reads by
#                                 value) and storing result tiles (the rest
#                                 of the time it waits for the workers);
#                                 with workers writing the result tiles
#                                 themselves, _store_s is the caller's claim
#   ..._read_pct, _store_pct      those two as % of _run_s (target: <= 10)
#   ..._executor_read_s           seconds the workers spent reading tiles of
#                                 operands that travel by reference
#   ..._tile_reads, _distinct_tiles, _cache_hits, _hit_rate
#                                 tiles read from storage by all processes
#                                 of that job, the distinct input tiles
#                                 (target: reads == distinct, each tile
#                                 read once per job), the tiles served from
#                                 the job's cache instead (the shared cache,
#                                 or a process's own where it has no room;
#                                 marsql.tile_cache_size), and their share
#   ..._loads_waited              lookups of that job (all its processes)
#                                 that waited for another process's load
#                                 of the same tile (shared_cache_stats();
#                                 other jobs running meanwhile add theirs)
#   ..._caller_stores, _caller_stores_vs_raw, _caller_stores_run_s,
#   _caller_stores_store_s        the same series and explain run with
#                                 marsql.worker_output = off: the calling
#                                 backend stores every result tile (the
#                                 series above uses the default, auto,
#                                 under which workers write results of 8 MB
#                                 or more)
#   chunked_matmul_<dtype>_<n>_invalue
#                                 the same product as one value: to_tensor of
#                                 both operands, then marsql.matmul (what a
#                                 user would do when it fits in 1 GB)
#   chunked_add_<tiles>tiles_per_task_2workers, _inbackend
#                                 a + b over a chunked 2048 x 2048 float64
#                                 cut into <tiles> tiles of 128 x 128, one
#                                 task per tile: time / tasks, on 2 workers
#                                 and with marsql.max_workers = 0
#   chunked_add_invalue           the same sum of the two as single tensors
# Needs a database with marsql installed (PG* environment variables).
# Operands are stored tables made once (chunked_random, tile by tile).
#   RUNS=3 THREADS=$(nproc) F32_N=8192 F32_TILES="2048 4096" \
#   F64_N=4096 F64_TILES="1024 2048" bash test/bench/chunked.sh
# A size of 0 skips that part.  The full run takes about 5 minutes on two
# cores; shared_buffers large enough to hold the operands (1 GB for the
# defaults) keeps reads out of the kernel's page cache.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runs=${RUNS:-3}
threads=${THREADS:-$(nproc)}
f32_n=${F32_N:-8192}
f64_n=${F64_N:-4096}
read -r -a f32_tiles <<<"${F32_TILES-2048 4096}"
read -r -a f64_tiles <<<"${F64_TILES-1024 2048}"
build="$here/build"
mkdir -p "$build"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

made=()
cleanup() {
	local t
	for t in "${made[@]}"; do
		psql_q -c "DROP TABLE IF EXISTS $t" >/dev/null 2>&1 || true
	done
}
trap cleanup EXIT

gcc -O2 -o "$build/raw_blas" "$here/raw_blas.c" -lopenblas -lm
export PGOPTIONS="${PGOPTIONS:-} -c marsql.blas_threads=$threads"
echo "chunked_cores: $(nproc)"
echo "chunked_workers: $(psql_q -c "SELECT marsql.ndim(marsql.zeros(ARRAY[1]))" -c "SHOW marsql.max_workers" | tail -1)"
echo "chunked_shared_buffers: $(psql_q -c 'SHOW shared_buffers')"

# stored operands of n x n, tiled t x t, in tables $a and $b
operands() {	# dtype n t
	a="bench_ck_${1}_${2}_${3}_a" b="bench_ck_${1}_${2}_${3}_b"
	made+=("$a" "$b")
	psql_q -c "SET client_min_messages = warning" \
		-c "DROP TABLE IF EXISTS $a, $b" \
		-c "SELECT marsql.chunked_random(ARRAY[$2, $2], ARRAY[$3, $3], 1, dtype => '$1', target => '$a')" \
		-c "SELECT marsql.chunked_random(ARRAY[$2, $2], ARRAY[$3, $3], 2, dtype => '$1', target => '$b')" \
		-c "VACUUM ANALYZE $a, $b" >/dev/null
}

# one run of a @ b under marsql.explain(run => true): "run read store"
# seconds (the graph, and the calling backend's reading and storing)
explain_run() {	# a b
	psql_q -c "SELECT * FROM marsql.explain(\$q\$SELECT marsql.drop(marsql.matmul('$1'::marsql.chunked_tensor, '$2'::marsql.chunked_tensor))\$q\$, run => true)" |
		sed -n 's/^  ran \([0-9.]*\) s; the calling backend read tiles for \([0-9.]*\) s and stored tiles for \([0-9.]*\) s.*/\1 \2 \3/p'
}

matmul_series() {	# dtype n tiles...
	local dt=$1 n=$2 raw t name ms explain run read store
	shift 2
	[ "$n" -gt 0 ] || return 0
	raw=$("$build/raw_blas" "$runs" "$threads" "$n" 0 "$dt" 2>>"$build/raw_blas.log")
	echo "$raw"
	raw=$(echo "$raw" | sed -n 's/^raw_matmul_[a-z0-9]*_[0-9]*: \(.*\) ms/\1/p')
	for t in "$@"; do
		operands "$dt" "$n" "$t"
		name="chunked_matmul_${dt}_${n}_tile$t"
		ms=$(median_ms "SELECT marsql.drop(marsql.matmul('$a'::marsql.chunked_tensor, '$b'::marsql.chunked_tensor))")
		echo "$name: $ms ms"
		echo "${name}_vs_raw: $(ratio "$raw" "$ms") x"
		# one session: tile_cache_stats() reports that session's last job
		explain=$(psql_q -c "SELECT 'waited0|' || loads_waited FROM marsql.shared_cache_stats()" \
			-c "SELECT * FROM marsql.explain(\$q\$SELECT marsql.drop(marsql.matmul('$a'::marsql.chunked_tensor, '$b'::marsql.chunked_tensor))\$q\$, run => true)" \
			-c "SELECT 'waited1|' || loads_waited FROM marsql.shared_cache_stats()" \
			-c "SELECT 'stats|' || round(executor_read_seconds::numeric, 3) || '|' || tile_reads || '|' || inputs
					   || '|' || round(100 * coalesce(hit_rate, 0)::numeric, 1) || '|' || cache_hits
				FROM marsql.tile_cache_stats()")
		read -r run read store <<<"$(echo "$explain" |
			sed -n 's/^  ran \([0-9.]*\) s; the calling backend read tiles for \([0-9.]*\) s and stored tiles for \([0-9.]*\) s.*/\1 \2 \3/p')"
		IFS='|' read -r _ eread treads inputs hit hits <<<"$(echo "$explain" | grep '^stats|')"
		echo "${name}_run_s: $run s"
		echo "${name}_read_s: $read s"
		echo "${name}_store_s: $store s"
		echo "${name}_read_pct: $(awk -v r="$read" -v t="$run" 'BEGIN {printf "%.1f", (t > 0 ? 100 * r / t : 0)}') %"
		echo "${name}_store_pct: $(awk -v r="$store" -v t="$run" 'BEGIN {printf "%.1f", (t > 0 ? 100 * r / t : 0)}') %"
		echo "${name}_executor_read_s: $eread s"
		echo "${name}_tile_reads: $treads ($inputs)"
		echo "${name}_distinct_tiles: $(( 2 * ((n + t - 1) / t) * ((n + t - 1) / t) ))"
		echo "${name}_cache_hits: $hits"
		echo "${name}_hit_rate: $hit %"
		echo "${name}_loads_waited: $(( $(echo "$explain" | sed -n 's/^waited1|//p') - $(echo "$explain" | sed -n 's/^waited0|//p') ))"
		# the same with the calling backend storing every result tile
		ms=$(PGOPTIONS="$PGOPTIONS -c marsql.worker_output=off" median_ms "SELECT marsql.drop(marsql.matmul('$a'::marsql.chunked_tensor, '$b'::marsql.chunked_tensor))")
		echo "${name}_caller_stores: $ms ms"
		echo "${name}_caller_stores_vs_raw: $(ratio "$raw" "$ms") x"
		explain=$(PGOPTIONS="$PGOPTIONS -c marsql.worker_output=off" explain_run "$a" "$b")
		read -r run read store <<<"$explain"
		echo "${name}_caller_stores_run_s: $run s"
		echo "${name}_caller_stores_store_s: $store s"
	done
	# the same product as one value, from the last operands
	ms=$(median_ms "SELECT marsql.size(marsql.matmul(marsql.to_tensor('$a'::marsql.chunked_tensor), marsql.to_tensor('$b'::marsql.chunked_tensor)))")
	echo "chunked_matmul_${dt}_${n}_invalue: $ms ms"
	echo "chunked_matmul_${dt}_${n}_invalue_vs_raw: $(ratio "$raw" "$ms") x"
}

: >"$build/raw_blas.log"
matmul_series float32 "$f32_n" "${f32_tiles[@]}"
matmul_series float64 "$f64_n" "${f64_tiles[@]}"

# per-task overhead: one elementwise task per small tile
operands float64 2048 128
tasks=$(psql_q -c "SELECT marsql.ntiles('$a'::marsql.chunked_tensor)")
sum="SELECT marsql.drop('$a'::marsql.chunked_tensor OPERATOR(marsql.+) '$b'::marsql.chunked_tensor)"
ms=$(median_ms "$sum")
echo "chunked_add_${tasks}tiles_per_task_2workers: $(awk -v t="$ms" -v n="$tasks" 'BEGIN {printf "%.3f", t / n}') ms"
ms=$(PGOPTIONS="$PGOPTIONS -c marsql.max_workers=0" median_ms "$sum")
echo "chunked_add_${tasks}tiles_per_task_inbackend: $(awk -v t="$ms" -v n="$tasks" 'BEGIN {printf "%.3f", t / n}') ms"
ms=$(median_ms "SELECT marsql.size(marsql.to_tensor('$a'::marsql.chunked_tensor) OPERATOR(marsql.+) marsql.to_tensor('$b'::marsql.chunked_tensor))")
echo "chunked_add_invalue: $ms ms"
