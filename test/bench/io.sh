#!/usr/bin/env bash
# Tensor I/O throughput: the text parser against raw strtod over the same
# literal, and the binary decoder against a raw byte-swapping copy, in one
# run.  Server-side times (\timing of statements whose input is already in
# the server), medians of RUNS.  Prints `name: value unit` lines.
# Needs a database with marsql installed (PG* environment variables).
#   bash test/bench/io.sh [elements]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
n=${1:-1000000}
runs=${RUNS:-5}
build="$here/build"
mkdir -p "$build"
source "$here/lib.sh"

gcc -O2 -o "$build/raw_io" "$here/raw_io.c"
psql_q -c "DROP TABLE IF EXISTS bench_io" \
	-c "CREATE TABLE bench_io AS SELECT marsql.random(ARRAY[$n], 1, 'normal') AS t" \
	-c "ALTER TABLE bench_io ADD COLUMN txt text, ADD COLUMN bin bytea" \
	-c "ALTER TABLE bench_io ALTER txt SET STORAGE external, ALTER bin SET STORAGE external" \
	-c "UPDATE bench_io SET txt = t::text, bin = marsql.to_binary(t)"
psql_q -c "COPY (SELECT txt FROM bench_io) TO STDOUT" > "$build/literal.txt"

parse=(); out=(); dec=(); enc=(); fetch=()
for r in $(seq "$runs"); do
	parse+=("$(time_ms "SELECT marsql.size(txt::marsql.tensor) FROM bench_io")")
	out+=("$(time_ms "SELECT length(t::text) FROM bench_io")")
	dec+=("$(time_ms "SELECT marsql.size(marsql.from_binary(bin)) FROM bench_io")")
	enc+=("$(time_ms "SELECT length(marsql.to_binary(t)) FROM bench_io")")
	# what any reader of the stored bytes pays: fetch from TOAST and copy
	fetch+=("$(time_ms "SELECT length(bin || '\\x00'::bytea) FROM bench_io")")
done
raw=$("$build/raw_io" "$build/literal.txt" "$n" "$runs" 2>/dev/null)
echo "$raw"
p=$(printf '%s\n' "${parse[@]}" | median)
d=$(printf '%s\n' "${dec[@]}" | median)
rp=$(echo "$raw" | sed -n 's/^io_raw_strtod_parse: \(.*\) ms/\1/p')
rb=$(echo "$raw" | sed -n 's/^io_raw_bswap_copy: \(.*\) ms/\1/p')
echo "io_text_parse_float64_${n}: $p ms"
echo "io_text_output_float64_${n}: $(printf '%s\n' "${out[@]}" | median) ms"
echo "io_binary_decode_float64_${n}: $d ms"
echo "io_binary_encode_float64_${n}: $(printf '%s\n' "${enc[@]}" | median) ms"
echo "io_text_parse_vs_raw_strtod: $(awk -v a="$rp" -v b="$p" 'BEGIN {printf "%.2f", a / b}') x"
f=$(printf '%s\n' "${fetch[@]}" | median)
echo "io_binary_fetch_and_copy_baseline_${n}: $f ms"
echo "io_binary_decode_vs_fetch_and_copy: $(awk -v a="$f" -v b="$d" 'BEGIN {printf "%.2f", a / b}') x"
echo "io_binary_decode_vs_raw_bswap: $(awk -v a="$rb" -v b="$d" 'BEGIN {printf "%.2f", a / b}') x"
psql_q -c "DROP TABLE bench_io"
