#!/usr/bin/env bash
# Random SQL from sqlsmith (Debian package sqlsmith) against marsql, as a
# non-superuser, for a bounded time; fails on any server crash.
#
# Starts its own throwaway cluster (marsql in shared_preload_libraries, a
# few worker processes, Unix socket only, owned by postgres when run as
# root), creates a database with a role "smith" owning tables of tensor,
# tensor(float32) and chunked_tensor values (setup.sql, data.sql), then runs
# sqlsmith as smith twice, each with --exclude-catalog:
#   2  with every function of the database to choose from
#   3  marsql-focused: every marsql function and every function on a marsql
#      type, plus one core function in 32 (setup.sql explains how)
# Prints TAP lines:
#   1  the cluster and the database were set up
#   2, 3  no backend or worker was terminated by a signal (no crash, no
#      PANIC, no crash-restart, the postmaster still runs)
#   4  no statement of smith ran more than SQLSMITH_STUCK seconds past its
#      1 s statement_timeout (a loop without CHECK_FOR_INTERRUPTS)
# and "# " lines for diagnostics: each crash with the statement the crashed
# process was running (the server log's "Failed process was running"), and
# internal errors (SQLSTATE class XX) of statements that call marsql, which
# are listed but do not fail the test unless SQLSMITH_STRICT=1.
#
#   bash test/sqlsmith/run.sh [seconds]
# Environment:
#   SQLSMITH_SECONDS  total time of the two runs (default 150; the first
#                     argument wins); the focused run gets two thirds
#   SQLSMITH_SEED     sqlsmith's --seed (default: random, printed)
#   SQLSMITH_STUCK    seconds a statement may run (default 30)
#   SQLSMITH_STRICT   1: internal errors in marsql statements fail test 4
#   SQLSMITH_EXTRA_SQL  a file run as superuser after setup, e.g. REVOKEs
#                     that keep a known crash from hiding others
#   SQLSMITH_KEEP     1: keep the work directory (always kept on failure)
#   PG_BIN            PostgreSQL's bin directory (default /usr/lib/postgresql/15/bin)
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
seconds=${1:-${SQLSMITH_SECONDS:-150}}
seed=${SQLSMITH_SEED:-$((RANDOM * 32768 + RANDOM))}
stuck_after=${SQLSMITH_STUCK:-30}
focused_seconds=$((seconds * 2 / 3))
plain_seconds=$((seconds - focused_seconds))

# initdb and postgres refuse root
as_postgres() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

work=$(mktemp -d /tmp/marsql-sqlsmith.XXXXXX)
chmod 755 "$work"
[ "$(id -u)" = 0 ] && chown postgres "$work"
data=$work/data
serverlog=$work/server.log
port=5432                       # the socket lives in $work: no collision
failed=0
watchdog=

cleanup() {
	[ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null && wait "$watchdog" 2>/dev/null
	if [ -f "$data/postmaster.pid" ]; then
		as_postgres "$PG_BIN/pg_ctl" -D "$data" -m immediate -w -s stop >/dev/null 2>&1
	fi
	if [ "$failed" = 0 ] && [ "${SQLSMITH_KEEP:-0}" != 1 ]; then
		rm -rf "$work"
	else
		echo "# logs kept in $work (server.log, sqlsmith-*.log, crashes.txt)"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_as() {   # psql_as ROLE [psql args]
	local role=$1; shift
	"$PG_BIN/psql" -X -q -h "$work" -p "$port" -U "$role" -d smith "$@"
}

if ! command -v sqlsmith >/dev/null; then
	echo "not ok 1 - sqlsmith is installed (Debian package sqlsmith)"
	failed=1
	exit 1
fi

if as_postgres "$PG_BIN/initdb" -D "$data" -U postgres -A trust --no-sync > "$work/initdb.log" 2>&1 &&
	as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$serverlog" -w -s start -o "-p $port -k $work \
		-c listen_addresses='' -c shared_preload_libraries=marsql -c max_worker_processes=6 \
		-c fsync=off -c restart_after_crash=on -c track_activity_query_size=1MB \
		-c log_line_prefix='%m [%p] %e ' \
		-c log_min_messages=error -c log_min_error_statement=error" &&
	"$PG_BIN/createdb" -h "$work" -p "$port" -U postgres smith &&
	psql_as postgres -f "$here/setup.sql" &&
	{ [ -z "${SQLSMITH_EXTRA_SQL:-}" ] || psql_as postgres -v ON_ERROR_STOP=1 -f "$SQLSMITH_EXTRA_SQL"; } &&
	psql_as smith -f "$here/data.sql"; then
	echo "ok 1 - cluster with marsql preloaded, database smith with tensor and chunked_tensor tables"
else
	cat "$work/initdb.log" "$serverlog" 2>/dev/null | tail -30 | sed 's/^/# /'
	echo "not ok 1 - cluster with marsql preloaded, database smith with tensor and chunked_tensor tables"
	failed=1
	exit 1
fi
postmaster=$(head -1 "$data/postmaster.pid")

# Statements of smith still running SQLSMITH_STUCK seconds after they began
# (statement_timeout is 1 s): one line per statement, to stuck.txt.
(
	while sleep 5; do
		psql_as postgres -At -F ' | ' -c "
			SELECT pid, backend_type, now() - query_start, left(regexp_replace(query, '\s+', ' ', 'g'), 2000)
			FROM pg_stat_activity
			WHERE usename = 'smith' AND state = 'active'
			  AND now() - query_start > interval '$stuck_after s'" >> "$work/stuck.txt" 2>/dev/null
	done
) &
watchdog=$!

# crashes_since OFFSET: the crash reports of the server log from byte
# OFFSET on, each with the statement the process was running (the DETAIL
# "Failed process was running: ..." that follows, queries spanning lines),
# to stdout
crashes_since() {
	tail -c +"$(($1 + 1))" "$serverlog" | awk '
		/terminated by signal|was terminated by|exited with exit code [2-9]|PANIC:|TRAP:|all server processes terminated|could not fork|too many crashes/ { show = 1; print; next }
		show && / DETAIL: / { print; next }
		/^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / { show = 0 }
		show { print }'
}

# run_smith N NAME SECONDS TARGET-OPTIONS...
run_smith() {
	local n=$1 name=$2 secs=$3 target=$4 offset queries timeouts crashes rc
	offset=$(stat -c %s "$serverlog")
	timeout --kill-after=10 "$secs" sqlsmith --verbose --exclude-catalog --seed="$seed" \
		--target="$target" > "$work/sqlsmith-$name.out" 2> "$work/sqlsmith-$name.log"
	rc=$?
	# --verbose prints one character a statement: . ok, e error, S syntax
	# error, C broken connection (t, timeout, is never printed for libpq)
	queries=$(grep -E '^[.etSC]+$' "$work/sqlsmith-$name.log" | tr -d '\n' | wc -c)
	timeouts=$(tail -c +"$((offset + 1))" "$serverlog" | grep -c 'canceling statement due to statement timeout')
	if [ "$rc" != 124 ] && [ "$rc" != 137 ]; then
		tail -c 3000 "$work/sqlsmith-$name.log" | sed 's/^/# /'
		echo "not ok $n - sqlsmith $name ran for ${secs}s (it exited with status $rc)"
		failed=1
		return
	fi
	crashes_since "$offset" > "$work/crashes-$name.txt"
	# a crash shows in the log with the statement; the postmaster must
	# still be the one we started
	if [ -s "$work/crashes-$name.txt" ] || ! as_postgres "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1 ||
		[ "$(head -1 "$data/postmaster.pid" 2>/dev/null)" != "$postmaster" ]; then
		crashes=$(grep -cE 'terminated by signal|was terminated by|exited with exit code' "$work/crashes-$name.txt")
		sed 's/^/# /' "$work/crashes-$name.txt" | cut -c1-3000 | head -60
		cat "$work/crashes-$name.txt" >> "$work/crashes.txt"
		echo "not ok $n - sqlsmith $name (seed $seed, ${secs}s, $queries statements as smith): $crashes crash(es)"
		failed=1
		# let the server finish its crash restart before the next run
		for _ in $(seq 1 30); do
			psql_as postgres -c 'SELECT 1' >/dev/null 2>&1 && break
			sleep 1
		done
	else
		echo "ok $n - sqlsmith $name (seed $seed, ${secs}s, $queries statements as smith, $timeouts timed out): no crash"
	fi
}

conn="host=$work port=$port dbname=smith user=smith"
run_smith 2 all-functions "$plain_seconds" "$conn"
run_smith 3 marsql-focused "$focused_seconds" \
	"$conn options='-csearch_path=sqlsmith_focus,smith,marsql,pg_catalog,public'"

kill "$watchdog" 2>/dev/null
wait "$watchdog" 2>/dev/null
watchdog=

# internal errors: "ERROR:  ..." with an SQLSTATE of class XX (XX000
# internal_error, XX001 data_corrupted, ...) and the STATEMENT line
# that follows it, kept when the statement calls a marsql function
awk '
	function flush() {
		if (capture && stmt ~ /marsql/) print err "\n" stmt
		err = ""; stmt = ""; capture = 0
	}
	/^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / {
		if (err != "" && !capture && / (DETAIL|HINT|CONTEXT|QUERY|LOCATION): /) next
		if (err != "" && !capture && / STATEMENT: /) { stmt = $0; capture = 1; next }
		flush()
		if (/ XX[0-9A-Z][0-9A-Z][0-9A-Z] +ERROR: /) err = $0
		next
	}
	capture { stmt = stmt "\n" $0 }
	END { flush() }' "$serverlog" > "$work/internal.txt"
internal=$(grep -c ' ERROR: ' "$work/internal.txt")
if [ "$internal" != 0 ]; then
	echo "# $internal internal error(s) (SQLSTATE class XX) in statements calling marsql; distinct messages:"
	grep ' ERROR: ' "$work/internal.txt" | sed 's/.* ERROR: *//' | sort | uniq -c | sort -rn | head -20 | sed 's/^/#   /'
	echo "# statements in $work/internal.txt"
fi

stuck=$(cut -d'|' -f1,4 "$work/stuck.txt" 2>/dev/null | sort -u | wc -l)
if [ "$stuck" != 0 ] || { [ "${SQLSMITH_STRICT:-0}" = 1 ] && [ "$internal" != 0 ]; }; then
	sort -u -t'|' -k1,1 "$work/stuck.txt" 2>/dev/null | cut -c1-2000 | head -10 | sed 's/^/# stuck: /'
	echo "not ok 4 - statements honour statement_timeout (${stuck} ran over ${stuck_after}s)$([ "${SQLSMITH_STRICT:-0}" = 1 ] && echo ", no internal error ($internal)")"
	failed=1
else
	echo "ok 4 - statements honour statement_timeout (none ran over ${stuck_after}s)$([ "${SQLSMITH_STRICT:-0}" = 1 ] && echo ", no internal error")"
fi
[ "$failed" = 0 ]
