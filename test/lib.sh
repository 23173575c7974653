#!/usr/bin/env bash
# Shared by test/demo.sh and test/run.sh: installs the Debian packages
# marsql needs, then builds and installs the extension.  Safe to run again:
# packages already present are not fetched, the build is incremental.
set -euo pipefail

MARSQL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin
PGXS_PERL=/usr/lib/postgresql/15/lib/pgxs/src/test/perl
PG_REGRESS=/usr/lib/postgresql/15/lib/pgxs/src/test/regress/pg_regress

DEB_PACKAGES=(
	make gcc g++ perl
	postgresql-15 postgresql-server-dev-15 postgresql-15-pgtap pgtap
	libopenblas-dev liblapack-dev libfaiss-dev
	libipc-run-perl python3-numpy
	postgresql-plpython3-15 python3-sklearn
	clang libclang-rt-14-dev
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
