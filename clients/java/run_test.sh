#!/usr/bin/env bash
# Compiles clients/java and runs test/TensorTest.java against the server of
# the libpq variables (PG*).  Prints TAP; when javac, java or pgjdbc
# (Debian: libpostgresql-jdbc-java) is missing, one skipped test saying why.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar=${PGJDBC_JAR:-/usr/share/java/postgresql.jar}
skip() { echo "ok 1 - java client # SKIP $1"; echo "1..1"; exit 0; }
command -v javac >/dev/null || skip "javac is not installed (a JDK, e.g. Debian default-jdk-headless)"
command -v java >/dev/null || skip "java is not installed"
[ -r "$jar" ] || skip "pgjdbc is not installed (Debian: libpostgresql-jdbc-java)"
build=$(mktemp -d /tmp/marsql-java.XXXXXX)
trap 'rm -rf "$build"' EXIT
if ! javac -encoding UTF-8 -Xlint:all -Werror -d "$build" -cp "$jar" "$here"/src/org/marsql/*.java "$here"/test/TensorTest.java >"$build/javac.log" 2>&1; then
	sed 's/^/# /' "$build/javac.log"
	echo "not ok 1 - java client compiles"
	echo "1..1"
	exit 1
fi
java -cp "$build:$jar" TensorTest
