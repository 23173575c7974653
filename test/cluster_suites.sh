#!/usr/bin/env bash
# Runs inside a throwaway cluster (test/run.sh starts it with pg_virtualenv):
# pg_regress through `make installcheck`, then pgTAP through pg_prove, then
# the numpy agreement tests (test/numpy/agree.py and knn_agree.py, Debian's
# python3-numpy).
# Logs go to the directory given as $1.
set -uo pipefail
out=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

make -C "$root" -s installcheck > "$out/regress.log" 2>&1
if [ -f "$root/regression.diffs" ]; then
	head -200 "$root/regression.diffs" >> "$out/regress.log"
fi

createdb marsql_pgtap
psql -X -q -v ON_ERROR_STOP=1 -d marsql_pgtap \
	-c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION marsql' > "$out/pgtap.log" 2>&1
pg_prove -v -d marsql_pgtap "$root"/test/pgtap/*.sql >> "$out/pgtap.log" 2>&1
echo "pg_prove exit $?" >> "$out/pgtap.log"

createdb marsql_numpy
psql -X -q -v ON_ERROR_STOP=1 -d marsql_numpy -c 'CREATE EXTENSION marsql' > "$out/numpy.log" 2>&1
PGDATABASE=marsql_numpy /usr/bin/python3 "$root/test/numpy/agree.py" >> "$out/numpy.log" 2>&1
math_exit=$?
PGDATABASE=marsql_numpy /usr/bin/python3 "$root/test/numpy/knn_agree.py" >> "$out/numpy.log" 2>&1
knn_exit=$?
echo "numpy exit $((math_exit || knn_exit))" >> "$out/numpy.log"
