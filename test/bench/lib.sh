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
