#!/usr/bin/env bash
# The demo: installs dependencies, builds and installs marsql, starts a
# throwaway local cluster as the postgres user on localhost, runs
# test/demo.sql, prints its output and stops the cluster.
#   bash test/demo.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_dependencies
build_and_install
log "demo"
with_cluster psql -X -v ON_ERROR_STOP=1 -f "$MARSQL_ROOT/test/demo.sql"
