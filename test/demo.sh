#!/usr/bin/env bash
# The demo: installs dependencies, builds and installs marsql, starts a
# throwaway local cluster as the postgres user on localhost and two peer
# clusters on 127.0.0.1, runs test/demo.sql and a Python round trip
# (test/demo.py, with clients/python), prints their output and stops every
# cluster.
#   bash test/demo.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_dependencies
build_and_install
log "demo: two peer clusters"
trap stop_peers EXIT
start_peers 2
log "demo"
with_cluster bash -c 'psql -X -v ON_ERROR_STOP=1 -v peer1_port="$1" -v peer2_port="$2" -f "$3/test/demo.sql" &&
	PYTHONPATH="$3/clients/python" /usr/bin/python3 -P "$3/test/demo.py"' demo \
	"${PEER_PORTS[0]}" "${PEER_PORTS[1]}" "$MARSQL_ROOT"
