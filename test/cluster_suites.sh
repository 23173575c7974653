#!/usr/bin/env bash
# Runs inside a throwaway cluster (test/run.sh starts it with pg_virtualenv):
# pg_regress through `make installcheck`, then pgTAP through pg_prove, then
# the numpy agreement tests (test/numpy/agree.py and knn_agree.py, Debian's
# python3-numpy), then the Python client (clients/python, installed with
# pip from the checkout into a scratch directory) with pytest, and the Java
# client (clients/java) when a JDK and pgjdbc are present.
# Logs go to the directory given as $1.
set -uo pipefail
out=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# each suite's seconds, for test/run.sh's summary lines
started=$SECONDS
took() { echo "$1 $((SECONDS - started))" >> "$out/seconds"; started=$SECONDS; }

make -C "$root" -s installcheck > "$out/regress.log" 2>&1
if [ -f "$root/regression.diffs" ]; then
	head -200 "$root/regression.diffs" >> "$out/regress.log"
fi
took regress

createdb marsql_pgtap
psql -X -q -v ON_ERROR_STOP=1 -d marsql_pgtap \
	-c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION marsql' > "$out/pgtap.log" 2>&1
pg_prove -v -d marsql_pgtap "$root"/test/pgtap/*.sql >> "$out/pgtap.log" 2>&1
echo "pg_prove exit $?" >> "$out/pgtap.log"
took pgtap

createdb marsql_numpy
psql -X -q -v ON_ERROR_STOP=1 -d marsql_numpy -c 'CREATE EXTENSION marsql' > "$out/numpy.log" 2>&1
PGDATABASE=marsql_numpy /usr/bin/python3 "$root/test/numpy/agree.py" >> "$out/numpy.log" 2>&1
math_exit=$?
PGDATABASE=marsql_numpy /usr/bin/python3 "$root/test/numpy/knn_agree.py" >> "$out/numpy.log" 2>&1
knn_exit=$?
echo "numpy exit $((math_exit || knn_exit))" >> "$out/numpy.log"
took numpy

# clients/python: pip-installed from a copy of the checkout (nothing
# downloaded), its tests with pytest as TAP in python.tap; a driver whose
# Debian package is missing is a skipped test with the reason
createdb marsql_python
psql -X -q -v ON_ERROR_STOP=1 -d marsql_python -c 'CREATE EXTENSION marsql' > "$out/python.log" 2>&1
pydir=$(mktemp -d /tmp/marsql-python.XXXXXX)
cp -r "$root/clients/python" "$pydir/src"
if /usr/bin/python3 -m pip install -q --no-deps --no-build-isolation --no-index \
	--disable-pip-version-check --root-user-action=ignore \
	--target "$pydir/site" "$pydir/src" >> "$out/python.log" 2>&1; then
	(cd "$pydir" && PGDATABASE=marsql_python PYTHONPATH="$pydir/site" MARSQL_TAP="$pydir/python.tap" \
		/usr/bin/python3 -m pytest -q -rs -p no:cacheprovider "$pydir/src/tests") >> "$out/python.log" 2>&1
	python_exit=$?
	cat "$pydir/python.tap" >> "$out/python.log" 2>/dev/null
else
	echo "not ok 1 - pip install clients/python" >> "$out/python.log"
	python_exit=1
fi
echo "python exit $python_exit" >> "$out/python.log"
rm -rf "$pydir"
took python

PGDATABASE=marsql_python bash "$root/clients/java/run_test.sh" > "$out/java.log" 2>&1
echo "java exit $?" >> "$out/java.log"
took java
