#!/usr/bin/env bash
# The whole test suite, as root on a bare Debian bookworm machine:
# installs dependencies, builds (-Werror) and installs marsql, then runs
#   unit     pure C kernel tests, no server; test/unit/readonly_args.pl
#   regress  pg_regress (sql/, expected/) in a throwaway cluster
#   pgtap    pgTAP assertions (test/pgtap/) in the same cluster
#   numpy    results checked against numpy (test/numpy/agree.py), same cluster
#   python   the Python client (clients/python) with psycopg 3, psycopg2,
#            asyncpg and SQLAlchemy, pip-installed from the checkout, same cluster
#   java     the Java client (clients/java) with pgjdbc, same cluster; skipped
#            with the reason when no JDK is installed
#   tap      TAP tests (test/t/) with PostgreSQL::Test::Cluster, as postgres
#   fuzz     libFuzzer on the text and binary parsers, FUZZ_SECONDS each
#   sqlsmith random SQL as a non-superuser for SQLSMITH_SECONDS (default
#            150), fails on any server crash (test/sqlsmith/run.sh)
#   debian   META.json, then the Debian packages built with dpkg-buildpackage
#            from a copy of the checkout, their contents, and a smoke test
#            of the packaged files unpacked into a scratch root
#            (test/debian/run.sh, docs/packaging.md)
# and ends with one line "N passed, N failed"; exits non-zero on failure.
#   bash test/run.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set +e

passed=0
failed=0
logs=$(mktemp -d /tmp/marsql-test.XXXXXX)
chmod 755 "$logs"

# tally SUITE PASSED FAILED [SECONDS]: also the suite's time, by default the
# seconds since the previous tally (the suites run one after another)
tallied_at=$SECONDS
tally() {
	passed=$((passed + $2))
	failed=$((failed + $3))
	printf '[%s] passed %d, failed %d (%d s)\n' "$1" "$2" "$3" "${4:-$((SECONDS - tallied_at))}"
	tallied_at=$SECONDS
}

# suite_seconds SUITE: the time test/cluster_suites.sh measured for it
suite_seconds() {
	sed -n "s/^$1 //p" "$logs/seconds" 2>/dev/null
}

# tally_tap SUITE LOG EXIT: counts "ok N" / "not ok N" lines; a runner that
# failed without a failing assertion (died, bad plan), or ran nothing,
# counts as one failure.
tally_tap() {
	local ok notok
	ok=$(grep -cE '^[[:space:]]*ok [0-9]+' "$2")
	# a TODO test that fails is a known defect, named in the log, not a failure
	notok=$(grep -E '^[[:space:]]*not ok [0-9]+' "$2" | grep -cv '# TODO')
	grep -E '^[[:space:]]*not ok [0-9]+.*# TODO' "$2" | sed "s/^[[:space:]]*/$1: known defect: /"
	if [ "$3" != 0 ] && [ "$notok" = 0 ]; then
		notok=1
	fi
	if [ "$ok" = 0 ] && [ "$notok" = 0 ]; then
		echo "$1: no test ran"
		notok=1
	fi
	if [ "$notok" != 0 ]; then
		grep -E '^[[:space:]]*not ok|^#|Dubious|Bad plan|Failed' "$2" | head -60
	fi
	tally "$1" "$ok" "$notok" "${4:-}"
}

if ! (install_dependencies && build_and_install); then
	echo "build failed"
	echo "0 passed, 1 failed"
	exit 1
fi
echo "dependencies, build and install: $SECONDS s"
tallied_at=$SECONDS

log "unit: pure C kernels"
mkdir -p "$MARSQL_ROOT/test/unit/build"
if gcc -std=c11 -O2 -Wall -Wextra -Werror -ffp-contract=off -I"$MARSQL_ROOT/src" \
	"$MARSQL_ROOT/test/unit/test_kernels.c" "$MARSQL_ROOT"/src/kernels/*.c -lm \
	-o "$MARSQL_ROOT/test/unit/build/test_kernels" > "$logs/unit.log" 2>&1; then
	"$MARSQL_ROOT/test/unit/build/test_kernels" >> "$logs/unit.log" 2>&1
	tally_tap unit "$logs/unit.log" $?
else
	cat "$logs/unit.log"
	tally unit 0 1
fi
# no function writes into or frees a tensor argument (the value cache shares them)
perl "$MARSQL_ROOT/test/unit/readonly_args.pl" "$MARSQL_ROOT/src" > "$logs/readonly_args.log" 2>&1
tally_tap readonly_args "$logs/readonly_args.log" $?

log "regress, pgtap, numpy, python and java: throwaway cluster"
with_cluster bash "$MARSQL_ROOT/test/cluster_suites.sh" "$logs" > "$logs/cluster.log" 2>&1
cluster_status=$?
regress_ok=$(grep -cE '\.\.\. ok' "$logs/regress.log" 2>/dev/null)
regress_failed=$(grep -cE '\.\.\. FAILED|\.\.\. failed' "$logs/regress.log" 2>/dev/null)
grep -E '^(test| )' "$logs/regress.log" 2>/dev/null
if [ "$regress_failed" != 0 ] || [ "${regress_ok:-0}" = 0 ]; then
	cat "$logs/cluster.log" "$logs/regress.log" 2>/dev/null | tail -200
	[ "${regress_ok:-0}" = 0 ] && regress_failed=$((regress_failed + 1))
fi
tally regress "${regress_ok:-0}" "$regress_failed" "$(suite_seconds regress)"
pgtap_exit=$(sed -n 's/^pg_prove exit //p' "$logs/pgtap.log" 2>/dev/null)
tally_tap pgtap "$logs/pgtap.log" "${pgtap_exit:-1}" "$(suite_seconds pgtap)"
numpy_exit=$(sed -n 's/^numpy exit //p' "$logs/numpy.log" 2>/dev/null)
tally_tap numpy "$logs/numpy.log" "${numpy_exit:-1}" "$(suite_seconds numpy)"
for client in python java; do
	# skipped tests (a driver or JDK missing) are named with their reason
	grep -E '^ok [0-9]+ .*# SKIP' "$logs/$client.log" 2>/dev/null | sed "s/^/$client: /"
	client_exit=$(sed -n "s/^$client exit //p" "$logs/$client.log" 2>/dev/null)
	tally_tap "$client" "$logs/$client.log" "${client_exit:-1}" "$(suite_seconds "$client")"
done
[ "$cluster_status" = 0 ] || { cat "$logs/cluster.log"; tally cluster 0 1; }

log "tap: PostgreSQL::Test::Cluster as postgres"
# two files at a time: each starts its own clusters on free ports and spends
# most of its time waiting on workers and servers (in one run the files' CPU
# time was an eighth of their wall time), so two at once halve the suite
# initdb refuses root, and the clone's parent directories may not be
# traversable by postgres: run from a copy the postgres user owns.
tapdir=$(mktemp -d /tmp/marsql-tap.XXXXXX)
cp -r "$MARSQL_ROOT/test/t" "$tapdir/t"
cp -r "$MARSQL_ROOT/test/examples" "$tapdir/examples"
chown -R postgres "$tapdir"
(cd "$tapdir" && runuser -u postgres -- env PATH="$PG_BIN:$PATH" TESTDIR="$tapdir" PG_REGRESS="$PG_REGRESS" \
	prove -v --timer -j2 -I "$PGXS_PERL" t/*.pl) > "$logs/tap.log" 2>&1
tap_status=$?
tally_tap tap "$logs/tap.log" "$tap_status"
[ "$tap_status" = 0 ] || tail -50 "$tapdir"/tmp_check/log/*.log 2>/dev/null | tail -80
rm -rf "$tapdir"

log "fuzz: text and binary parsers, ${FUZZ_SECONDS:-25}s each"
bash "$MARSQL_ROOT/test/fuzz/run.sh" > "$logs/fuzz.log" 2>&1
fuzz_status=$?
cat "$logs/fuzz.log" | grep -E '^(not )?ok'
tally_tap fuzz "$logs/fuzz.log" "$fuzz_status"

log "sqlsmith: random SQL as a non-superuser, ${SQLSMITH_SECONDS:-150}s"
PG_BIN="$PG_BIN" bash "$MARSQL_ROOT/test/sqlsmith/run.sh" > "$logs/sqlsmith.log" 2>&1
sqlsmith_status=$?
grep -E '^(not )?ok' "$logs/sqlsmith.log"
tally_tap sqlsmith "$logs/sqlsmith.log" "$sqlsmith_status"

log "debian: META.json, dpkg-buildpackage and the packaged files"
bash "$MARSQL_ROOT/test/debian/run.sh" > "$logs/debian.log" 2>&1
debian_status=$?
grep -E '^(not )?ok|^# debian:' "$logs/debian.log"
tally_tap debian "$logs/debian.log" "$debian_status"

rm -rf "$logs"
echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
