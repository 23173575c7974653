#!/usr/bin/env bash
# Measures tensor STORAGE choices: EXTERNAL (uncompressed, sliceable) vs
# EXTENDED (pglz).  Prints `name: value unit` lines.  Needs a database with
# marsql installed; connection from the usual PG* environment variables.
#   bash test/bench/storage.sh [rows] [elements]
set -euo pipefail
rows=${1:-2000}
elements=${2:-4096}
runs=${RUNS:-3}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for storage in external extended; do
	for kind in random zeros; do
		if [ "$kind" = random ]; then gen="marsql.random(ARRAY[$elements], i)"; else gen="marsql.zeros(ARRAY[$elements])"; fi
		ins=(); rd=(); hd=()
		for r in $(seq "$runs"); do
			psql_q -c "DROP TABLE IF EXISTS bench_storage" \
				-c "CREATE TABLE bench_storage (id int, t marsql.tensor)" \
				-c "ALTER TABLE bench_storage ALTER COLUMN t SET STORAGE $storage"
			ins+=("$(time_ms "INSERT INTO bench_storage SELECT i, $gen FROM generate_series(1, $rows) i")")
			psql_q -c "VACUUM ANALYZE bench_storage"
			rd+=("$(time_ms "SELECT sum(marsql.size(marsql.astype(t, 'float64'))) FROM bench_storage")")
			hd+=("$(time_ms "SELECT sum(marsql.ndim(t)) FROM bench_storage")")
		done
		size=$(psql_q -c "SELECT pg_total_relation_size('bench_storage')")
		echo "storage_${storage}_${kind}_insert: $(printf '%s\n' "${ins[@]}" | median) ms"
		echo "storage_${storage}_${kind}_read_all: $(printf '%s\n' "${rd[@]}" | median) ms"
		echo "storage_${storage}_${kind}_read_header: $(printf '%s\n' "${hd[@]}" | median) ms"
		echo "storage_${storage}_${kind}_size: $((size / 1024)) KiB"
	done
done
psql_q -c "DROP TABLE IF EXISTS bench_storage"
