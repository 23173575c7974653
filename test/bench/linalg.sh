#!/usr/bin/env bash
# Linear algebra against raw OpenBLAS / LAPACK, and against matmul written
# as a SQL join.  Prints `name: value unit` lines, medians of RUNS:
#   raw_<op>_<dtype>_<n>       raw_blas.c calling OpenBLAS / LAPACK from C
#   <op>_<dtype>_<n>_indb      the server's time: \timing of a statement that
#                              returns only marsql.size() of the result, so
#                              (nearly) nothing is shipped; it includes
#                              detoasting the stored inputs and allocating
#                              the result, which raw_blas pays for too
#   <op>_<dtype>_<n>_read_inputs
#                              a baseline inside <op>_indb: the same statement
#                              with the operation replaced by astype() to the
#                              inputs' own dtype, i.e. fetching and detoasting
#                              the stored inputs (and perhaps copying them)
#   matmul_<dtype>_<n>_inmem   the server's time with the inputs already in
#                              backend memory (plpgsql variables, timed with
#                              clock_timestamp around each call): the
#                              product alone, as raw_blas times it
#   <op>_<dtype>_<n>_e2e       the result shipped to a client in binary and
#                              decoded into a native array (pq_fetch.c)
#   <op>_<dtype>_<n>_vs_raw, ..._e2e_vs_raw
#                              raw_ms / marsql_ms: 1.00 = as fast as raw
#                              OpenBLAS, higher is better
#   matmul_sql_join_float64_<n> and matmul_float64_<n>_vs_sql_join
#                              the same product as a join + GROUP BY over
#                              (i, j, v) rows, and marsql's speedup over it
# Every timing series starts with one untimed run of the same work, in the
# same session (raw_blas does the same): these are warm, steady-state
# figures, not first-call ones.
# Needs a database with marsql installed (PG* environment variables); parts
# whose functions are not installed are skipped with a note on stderr.
#   RUNS=5 THREADS=$(nproc) SIZES="512 1024 2048 4096" LINALG_N=1024 \
#   JOIN_N=256 bash test/bench/linalg.sh       (SIZES="" or a 0 skips a part)
# THREADS goes to raw_blas and to marsql.blas_threads (through PGOPTIONS,
# so every session of the script gets it) when that setting exists.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runs=${RUNS:-5}
threads=${THREADS:-$(nproc)}
read -r -a sizes <<<"${SIZES-512 1024 2048 4096}"
linalg_n=${LINALG_N:-1024}
join_n=${JOIN_N:-256}
build="$here/build"
mkdir -p "$build"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

has_fn() {
	[ "$(psql_q -c "SELECT count(*) FROM pg_proc WHERE proname = '$1' AND pronamespace = 'marsql'::regnamespace")" != 0 ]
}
cleanup() { psql_q -c "DROP TABLE IF EXISTS bench_linalg, bench_ma, bench_mb" >/dev/null 2>&1 || true; }
trap cleanup EXIT

gcc -O2 -o "$build/raw_blas" "$here/raw_blas.c" -lopenblas -lm
# end to end: a libpq client reading binary results where libpq-fe.h is
# installed; otherwise psql fetching to_binary() as text into /dev/null
# (hex text is twice the bytes, so that fallback is slower than need be)
if [ -f "$(pg_config --includedir)/libpq-fe.h" ] &&
	gcc -O2 -I"$(pg_config --includedir)" -o "$build/pq_fetch" "$here/pq_fetch.c" \
		-L"$(pg_config --libdir)" -lpq; then
	e2e_ms() { "$build/pq_fetch" "$runs" "$1" | median; }
else
	echo "note: no libpq-fe.h, end-to-end times are psql fetching to_binary() text" >&2
	e2e_ms() {
		local args=(-c '\o /dev/null' -c "$2" -c '\timing on')
		for _ in $(seq "$runs"); do args+=(-c "$2"); done
		psql_q "${args[@]}" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | median
	}
fi

# marsql.blas_threads, where this build has it: loading the library first,
# because a marsql.* placeholder set before the library defines the
# setting is dropped (with a warning) when the prefix is reserved
guc=$(psql_q -c "SELECT marsql.ndim(marsql.zeros(ARRAY[1]))" \
	-c "SELECT current_setting('marsql.blas_threads', true)" | tail -1)
echo "linalg_raw_threads: $threads threads"
if [ -n "$guc" ]; then
	export PGOPTIONS="${PGOPTIONS:-} -c marsql.blas_threads=$threads"
	guc=$(psql_q -c "SELECT marsql.ndim(marsql.zeros(ARRAY[1]))" -c "SHOW marsql.blas_threads" | tail -1)
	echo "linalg_server_blas_threads: $guc threads"
else
	echo "note: marsql.blas_threads does not exist, the server uses OpenBLAS's default thread count" >&2
fi

have_matmul=0 have_inv=0 have_svd=0
has_fn matmul && have_matmul=1
has_fn inv && have_inv=1
has_fn svd && have_svd=1
[ "$have_matmul" = 1 ] || echo "note: marsql.matmul is not installed, skipping its timings" >&2
[ "$have_inv" = 1 ] || echo "note: marsql.inv is not installed, skipping its timings" >&2
[ "$have_svd" = 1 ] || echo "note: marsql.svd is not installed, skipping its timings" >&2

# raw_blas runs just before the database timings of the same work, so a
# load that comes and goes on a shared machine skews a ratio less; its
# checks of the results (residuals) go to build/raw_blas.log
raw=""
: >"$build/raw_blas.log"
raw_run() {	# gemm sizes (comma-separated), linalg n
	local out
	out=$("$build/raw_blas" "$runs" "$threads" "$1" "$2" 2>>"$build/raw_blas.log")
	echo "$out"
	raw+="$out"$'\n'
}
raw_of() { echo "$raw" | sed -n "s/^raw_$1: \(.*\) ms/\1/p"; }

# Inputs: one row per (n, dtype), a and b seeded; float32 rows are the
# float64 ones converted.  EXTERNAL storage: random values never compress,
# and reading them back is then one plain TOAST fetch.
psql_q -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS bench_linalg" \
	-c "CREATE TABLE bench_linalg (n int, dtype text, a marsql.tensor, b marsql.tensor)" \
	-c "ALTER TABLE bench_linalg ALTER a SET STORAGE external, ALTER b SET STORAGE external"
for n in $(printf '%s\n' "${sizes[@]}" "$linalg_n" "$join_n" | sort -nu); do
	[ "$n" -gt 0 ] || continue
	psql_q -c "INSERT INTO bench_linalg SELECT $n, 'float64', marsql.random(ARRAY[$n,$n], $((10 * n + 1))), marsql.random(ARRAY[$n,$n], $((10 * n + 2)))" \
		-c "INSERT INTO bench_linalg SELECT n, 'float32', marsql.astype(a, 'float32'), marsql.astype(b, 'float32') FROM bench_linalg WHERE n = $n AND dtype = 'float64'"
done
psql_q -c "VACUUM ANALYZE bench_linalg"

# what reading the stored inputs alone costs: $1 = dtype, $2 = FROM ...,
# the rest the input columns
read_ms() {
	local dt=$1 from=$2 parts=() c
	shift 2
	for c in "$@"; do parts+=("marsql.size(marsql.astype($c, '$dt'))"); done
	median_ms "SELECT $(IFS=+; echo "${parts[*]}") $from"
}

# prints <name>_indb, _read_inputs, _e2e and the ratios to raw_<name>
report() {
	local name=$1 indb=$2 readms=$3 e2e=$4 rawms
	rawms=$(raw_of "$name")
	echo "${name}_indb: $indb ms"
	echo "${name}_read_inputs: $readms ms"
	echo "${name}_e2e: $e2e ms"
	if [ -n "$rawms" ]; then
		echo "${name}_vs_raw: $(ratio "$rawms" "$indb") x"
		echo "${name}_e2e_vs_raw: $(ratio "$rawms" "$e2e") x"
	fi
}

# matmul on inputs held in plpgsql variables as in-memory values:
# RUNS timed calls after one untimed call, one NOTICE per call
inmem_ms() {
	psql_q -c "DO \$\$
DECLARE a marsql.tensor; b marsql.tensor; t0 timestamptz;
BEGIN
	-- reshape to the same shape: an in-memory copy, not a TOAST pointer
	SELECT marsql.reshape(x.a, marsql.shape(x.a)), marsql.reshape(x.b, marsql.shape(x.b))
	INTO a, b FROM bench_linalg x WHERE n = $2 AND dtype = '$1';
	PERFORM marsql.size(marsql.matmul(a, b));
	FOR i IN 1..$runs LOOP
		t0 := clock_timestamp();
		PERFORM marsql.size(marsql.matmul(a, b));
		RAISE NOTICE 'inmem %', extract(epoch FROM clock_timestamp() - t0) * 1000;
	END LOOP;
END \$\$" 2>&1 | sed -n 's/.*inmem \([0-9.]*\).*/\1/p' | median
}

declare -A matmul_indb=()
for n in "${sizes[@]}"; do
	raw_run "$n" 0
	[ "$have_matmul" = 1 ] || continue
	for dt in float32 float64; do
		from="FROM bench_linalg WHERE n = $n AND dtype = '$dt'"
		indb=$(median_ms "SELECT marsql.size(marsql.matmul(a, b)) $from")
		matmul_indb[$dt.$n]=$indb
		e2e=$(e2e_ms "SELECT marsql.matmul(a, b) $from" "SELECT marsql.to_binary(marsql.matmul(a, b)) $from")
		report "matmul_${dt}_$n" "$indb" "$(read_ms "$dt" "$from" a b)" "$e2e"
		inmem=$(inmem_ms "$dt" "$n")
		echo "matmul_${dt}_${n}_inmem: $inmem ms"
		rawms=$(raw_of "matmul_${dt}_$n")
		[ -z "$rawms" ] || echo "matmul_${dt}_${n}_inmem_vs_raw: $(ratio "$rawms" "$inmem") x"
	done
done

if [ "$linalg_n" -gt 0 ]; then
	raw_run "" "$linalg_n"
	for dt in float64 float32; do
		from="FROM bench_linalg WHERE n = $linalg_n AND dtype = '$dt'"
		if [ "$have_inv" = 1 ]; then
			indb=$(median_ms "SELECT marsql.size(marsql.inv(a)) $from")
			e2e=$(e2e_ms "SELECT marsql.inv(a) $from" "SELECT marsql.to_binary(marsql.inv(a)) $from")
			report "inv_${dt}_$linalg_n" "$indb" "$(read_ms "$dt" "$from" a)" "$e2e"
		fi
		if [ "$have_svd" = 1 ]; then
			# svd in FROM (LATERAL): evaluated once per row, all of u, s, vt
			# used; (marsql.svd(a)).u, (marsql.svd(a)).s ... in the select
			# list would call it once per field
			svd="FROM bench_linalg, LATERAL marsql.svd(a) r WHERE n = $linalg_n AND dtype = '$dt'"
			indb=$(median_ms "SELECT marsql.size(r.u) + marsql.size(r.s) + marsql.size(r.vt) $svd")
			e2e=$(e2e_ms "SELECT r.u, r.s, r.vt $svd" "SELECT marsql.to_binary(r.u), marsql.to_binary(r.s), marsql.to_binary(r.vt) $svd")
			report "svd_${dt}_$linalg_n" "$indb" "$(read_ms "$dt" "$from" a)" "$e2e"
		fi
	done
fi

# matmul as relational algebra: the stored float64 matrices as (i, j, v)
# rows (0-based, from marsql.unnest), joined on the inner index and summed
if [ "$join_n" -gt 0 ]; then
	for m in a b; do
		psql_q -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS bench_m$m" \
			-c "CREATE TABLE bench_m$m (i int, j int, v float8, PRIMARY KEY (i, j))" \
			-c "INSERT INTO bench_m$m SELECT (u.index)[1], (u.index)[2], u.value FROM bench_linalg, marsql.unnest($m) u WHERE n = $join_n AND dtype = 'float64'" \
			-c "VACUUM ANALYZE bench_m$m"
	done
	join="SELECT a.i, b.j, sum(a.v * b.v) AS v FROM bench_ma a JOIN bench_mb b ON a.j = b.i GROUP BY 1, 2"
	# count(*) around it, so only one number is shipped
	sqlms=$(median_ms "SELECT count(*) FROM ($join) p")
	echo "matmul_sql_join_float64_$join_n: $sqlms ms"
	if [ "$have_matmul" = 1 ]; then
		from="FROM bench_linalg WHERE n = $join_n AND dtype = 'float64'"
		mm=${matmul_indb[float64.$join_n]:-}
		if [ -z "$mm" ]; then
			mm=$(median_ms "SELECT marsql.size(marsql.matmul(a, b)) $from")
			echo "matmul_float64_${join_n}_indb: $mm ms"
		fi
		echo "matmul_float64_${join_n}_vs_sql_join: $(ratio "$sqlms" "$mm") x"
		# the two must agree: the largest difference goes to stderr
		psql_q -c "SELECT 'sql join vs marsql.matmul, max abs difference: ' || max(abs(p.v - u.value)) FROM ($join) p, (SELECT marsql.matmul(a, b) AS c $from) m, marsql.unnest(m.c) u WHERE u.index = ARRAY[p.i, p.j]" >&2
	fi
fi
