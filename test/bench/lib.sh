#!/usr/bin/env bash
# Helpers shared by the benchmark scripts in test/bench/.

# psql quietly, unaligned, stopping on the first error
psql_q() { psql -X -q -tA -v ON_ERROR_STOP=1 "$@"; }

# median of the numbers on stdin, one per line
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# times one statement as psql's \timing reports it, in milliseconds
time_ms() {
	psql_q -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
}

# all RUNS timings of one statement ($1) in ONE session, after one untimed
# run; statements in $2.. run first (SET ...), untimed
times_ms() {
	local args=() s
	for s in "${@:2}"; do args+=(-c "$s"); done
	args+=(-c "$1" -c '\timing on')
	for _ in $(seq "${runs:-5}"); do args+=(-c "$1"); done
	psql_q "${args[@]}" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
}
median_ms() { times_ms "$@" | median; }
# a / b (raw ms / marsql ms: 1.00 = as fast as raw), two decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
