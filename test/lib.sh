#!/usr/bin/env bash
# Shared by test/demo.sh and test/run.sh: installs the Debian packages
# marsql needs, then builds and installs the extension.  Safe to run again:
# packages already present are not fetched, the build is incremental.
set -euo pipefail

MARSQL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# PG_BIN may point at another build of PostgreSQL 15 (a private install)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PGXS_PERL=/usr/lib/postgresql/15/lib/pgxs/src/test/perl
PG_REGRESS=/usr/lib/postgresql/15/lib/pgxs/src/test/regress/pg_regress

DEB_PACKAGES=(
	make gcc g++ perl
	postgresql-15 postgresql-server-dev-15 postgresql-15-pgtap pgtap
	libopenblas-dev liblapack-dev libfaiss-dev
	libipc-run-perl python3-numpy
	postgresql-plpython3-15 python3-sklearn
	python3-pytest python3-psycopg python3-psycopg2 python3-asyncpg
	python3-sqlalchemy python3-pip libpostgresql-jdbc-java
	clang libclang-rt-14-dev
	sqlsmith
	dpkg-dev debhelper postgresql-server-dev-all
)

log() { printf '\n== %s\n' "$*"; }

install_dependencies() {
	local missing=() pkg
	for pkg in "${DEB_PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$pkg")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		log "dependencies: all present"
		return
	fi
	if [ "$(id -u)" != 0 ]; then
		echo "missing Debian packages: ${missing[*]}; run as root or install them" >&2
		exit 1
	fi
	log "dependencies: installing ${missing[*]}"
	# Throwaway clusters only: no cluster 15/main listening on 5432.
	if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
		mkdir -p /etc/postgresql-common
		echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends \
		-o Dpkg::Options::=--force-confold "${missing[@]}" >/dev/null
}

build_and_install() {
	log "build and install"
	make -C "$MARSQL_ROOT" -s -j2 all check-kernels
	make -C "$MARSQL_ROOT" -s install >/dev/null
}

# Runs a command against a throwaway cluster owned by the postgres user,
# listening on localhost only; the cluster is dropped when it returns.  -t
# keeps it in a fresh temporary directory even as root, so a run that was
# killed leaves nothing that blocks the next one, and runs do not collide.
with_cluster() {
	pg_virtualenv -t -v 15 -o "listen_addresses=localhost" "$@"
}

# Runs a command as the postgres user when root (initdb and postgres refuse
# root), else as the current user.
as_postgres() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# a TCP port of 127.0.0.1 nobody listens on, from $1 up
free_port() {
	local port=$1
	while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
		port=$((port + 1))
	done
	echo "$port"
}

# Starts $1 throwaway peer clusters for the demo and the benchmarks: owned
# by the postgres user, listening on 127.0.0.1 only with trust
# authentication there, marsql installed in database postgres; PEER_OPTIONS
# adds server options ("-c name=value ...").  Sets PEER_DIR and PEER_PORTS;
# stop_peers stops and removes them (call it from an EXIT trap).
start_peers() {
	local n=$1 i port=55400 dir
	PEER_DIR=$(mktemp -d /tmp/marsql-peers.XXXXXX)
	PEER_PORTS=()
	[ "$(id -u)" = 0 ] && chown postgres "$PEER_DIR"
	for i in $(seq 1 "$n"); do
		dir="$PEER_DIR/peer$i"
		port=$(free_port "$port")
		as_postgres "$PG_BIN/initdb" -D "$dir" -U postgres -A trust --no-sync >/dev/null
		as_postgres "$PG_BIN/pg_ctl" -D "$dir" -l "$dir.log" -w -s start \
			-o "-p $port -c listen_addresses=127.0.0.1 -k $PEER_DIR -c max_worker_processes=8 -c fsync=off ${PEER_OPTIONS:-}"
		as_postgres "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
			-c 'CREATE EXTENSION marsql'
		PEER_PORTS+=("$port")
		port=$((port + 1))
	done
}

stop_peers() {
	local dir
	[ -n "${PEER_DIR:-}" ] && [ -d "$PEER_DIR" ] || return 0
	for dir in "$PEER_DIR"/peer*; do
		[ -f "$dir/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$dir" -m fast -w -s stop || true
	done
	rm -rf "$PEER_DIR"
}
