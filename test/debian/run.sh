#!/usr/bin/env bash
# The suite "debian" of the test command: the Debian packages and META.json.
# As root (or a user that may run dpkg-buildpackage) on Debian bookworm with
# the Build-Depends of debian/control installed.  Prints TAP.
#
#   1. META.json: valid JSON with the PGXN 1.0.0 keys (check_meta.py);
#      debian/changelog's version is marsql.control's default_version.
#   2. dpkg-buildpackage -us -uc -b in a copy of the checkout (the
#      checkout itself is never written to).  The copy keeps the objects
#      the test command's `make` just built and the build runs with -nc, so
#      only what is out of date is compiled: Debian's PGXS compiles with
#      the same flags either way.  MARSQL_DEB_CLEAN=1 builds from a clean
#      copy instead, as a user's dpkg-buildpackage does.
#   3. The packages: contents, dependencies (apt-get -s on this machine),
#      postgresql-15-marsql-gpu exactly when nvcc is found (as debian/rules
#      finds it), lintian when installed (reported, never failing).
#   4. A smoke test against the PACKAGED files: PostgreSQL 15 has no
#      extension_control_path, and installing the .deb (dpkg -i) would
#      replace the files `make install` put there, so the packages are
#      unpacked with dpkg -x into a scratch root that also holds a copy of
#      PostgreSQL 15's own tree (bin, lib, share) without any marsql file.
#      A server started from that copy computes its lib and share
#      directories from its own location, so every marsql file it loads
#      (marsql.so, marsql_faiss.so, marsql_gpu.so, the control file and the
#      script) can only come from the packages: the test checks
#      pg_config() and the backend's /proc/self/maps.
#   5. debian/rules clean leaves exactly the sources.
#
#   bash test/debian/run.sh        (MARSQL_DEB_KEEP=1 keeps the scratch directory)
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$root/test/lib.sh"
set +e

n=0
failures=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $*"; }
# check NAME COMMAND...: ok when the command succeeds
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else notok "$name"; fi
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
comment() { sed 's/^/# /'; }

started=$SECONDS
version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$root/marsql.control")
PG_VERSION=15
work=$(mktemp -d /tmp/marsql-debian.XXXXXX)
chmod 755 "$work"
pgdir=$work/pg    # the cluster, its socket and log: owned by postgres when root
datadir=$pgdir/data
sockdir=$pgdir/sock
cleanup() {
	if [ -f "$datadir/postmaster.pid" ]; then
		as_postgres "$work/root/usr/lib/postgresql/$PG_VERSION/bin/pg_ctl" -D "$datadir" -m immediate -w -s stop
	fi
	if [ "${MARSQL_DEB_KEEP:-}" ]; then echo "# kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

## 1. META.json and debian/changelog
python3 "$root/test/debian/check_meta.py" "$root" > "$work/meta.tap" 2>&1
meta_status=$?
while IFS= read -r line; do
	case $line in
		"ok "*) ok "${line#ok [0-9]* - }" ;;
		"not ok "*) notok "${line#not ok [0-9]* - }" ;;
	esac
done < "$work/meta.tap"
grep -qE '^(not )?ok ' "$work/meta.tap" && [ "$meta_status" -le 1 ] ||
	{ comment < "$work/meta.tap"; notok "check_meta.py ran"; }

changelog_version=$(cd "$root" && dpkg-parsechangelog -S Version 2>/dev/null)
check "debian/changelog version ($changelog_version) is default_version ($version)" \
	[ "$changelog_version" = "$version" ]

## 2. the build, in a copy of the checkout
src=$work/marsql-$version
mkdir "$src"
tar -C "$root" --exclude=./.git --exclude=./test/fuzz/build --exclude=./test/unit/build \
	--exclude=./test/bench/build --exclude=./results --exclude=./tmp_check --exclude=./log \
	--exclude=./regression.diffs --exclude=./regression.out -cf - . | tar -C "$src" -xf -
# the sources: what the copy holds less any build output
sources() {
	(cd "$1" && find . -type f ! -name '*.o' ! -name '*.so' ! -name '*.bc' \
		! -path './marsql--*.sql' | LC_ALL=C sort)
}
sources "$src" > "$work/sources.before"

# nvcc as debian/rules finds it
nvcc=
if [[ " ${DEB_BUILD_PROFILES:-} " != *" pkg.marsql.nogpu "* ]]; then
	nvcc=${NVCC-$(ls "${CUDA_HOME:-/usr/local/cuda}/bin/nvcc" 2>/dev/null || command -v nvcc)}
fi

build_opts=(-us -uc -b "-j$(nproc)")
[ "${MARSQL_DEB_CLEAN:-}" ] || build_opts+=(-nc)
build_started=$SECONDS
(cd "$src" && DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:+$DEB_BUILD_OPTIONS }noautodbgsym" \
	dpkg-buildpackage "${build_opts[@]}") > "$work/build.log" 2>&1
build_status=$?
build_seconds=$((SECONDS - build_started))
if [ "$build_status" = 0 ]; then
	ok "dpkg-buildpackage ${build_opts[*]} (${build_seconds}s)"
else
	notok "dpkg-buildpackage ${build_opts[*]} (exit $build_status)"
	grep -v -- '--strip-program' "$work/build.log" | tail -60 | comment
fi
grep -E '^test .*\.\.\. |tests passed|failed \(' "$work/build.log" | comment

# nothing built outside debian/
leftovers=$(cd "$src" && find . -path ./debian -prune -o -type f \( -name '*.o' -o -name '*.so' \
	-o -name '*.bc' -o -path './marsql--*.sql' \) -print)
check "the build leaves no object outside debian/${leftovers:+: $leftovers}" [ -z "$leftovers" ]

## 3. the packages
arch=$(dpkg --print-architecture)
main_deb=$work/postgresql-$PG_VERSION-marsql_${version}_$arch.deb
gpu_deb=$work/postgresql-$PG_VERSION-marsql-gpu_${version}_$arch.deb
libdir=usr/lib/postgresql/$PG_VERSION/lib
extdir=usr/share/postgresql/$PG_VERSION/extension
docdir=usr/share/doc/postgresql-$PG_VERSION-marsql
if [ -f "$main_deb" ]; then
	dpkg-deb -c "$main_deb" | awk '{print $6}' | sed 's|^\./||' > "$work/main.list"
	for f in $libdir/marsql.so $libdir/marsql_faiss.so $extdir/marsql.control \
		$extdir/marsql--$version.sql $docdir/README.md.gz $docdir/CHANGELOG.md.gz $docdir/changelog.gz \
		$docdir/docs/gpu.md.gz $docdir/docs/math.md.gz; do
		check "postgresql-$PG_VERSION-marsql holds $f" grep -qxF "$f" "$work/main.list"
	done
	check "postgresql-$PG_VERSION-marsql holds no marsql_gpu.so" \
		test -z "$(grep 'marsql_gpu\.so' "$work/main.list")"
	depends=$(dpkg-deb -f "$main_deb" Depends)
	echo "$depends" | comment
	has_depends() {
		local d
		for d in "postgresql-$PG_VERSION (" libopenblas0 libpq5 libgomp1; do
			grep -qF "$d" <<< "$depends" || return 1
		done
	}
	check "postgresql-$PG_VERSION-marsql depends on postgresql-$PG_VERSION, libopenblas0, libpq5, libgomp1" has_depends
	check "package version is $version" [ "$(dpkg-deb -f "$main_deb" Version)" = "$version" ]
else
	notok "postgresql-$PG_VERSION-marsql_${version}_$arch.deb was built"
fi

if [ -n "$nvcc" ]; then
	check "postgresql-$PG_VERSION-marsql-gpu is built (nvcc: $nvcc)" [ -f "$gpu_deb" ]
	if [ -f "$gpu_deb" ]; then
		dpkg-deb -c "$gpu_deb" | awk '{print $6}' | sed 's|^\./||' > "$work/gpu.list"
		check "postgresql-$PG_VERSION-marsql-gpu holds marsql_gpu.so" \
			grep -qxF "$libdir/marsql_gpu.so" "$work/gpu.list"
		check "postgresql-$PG_VERSION-marsql-gpu depends on postgresql-$PG_VERSION-marsql (= $version)" \
			bash -c "dpkg-deb -f '$gpu_deb' Depends | grep -qF 'postgresql-$PG_VERSION-marsql (= $version)'"
	fi
else
	check "no postgresql-$PG_VERSION-marsql-gpu without nvcc" [ ! -e "$gpu_deb" ]
fi
debs=()
for f in "$main_deb" "$gpu_deb"; do [ -f "$f" ] && debs+=("$f"); done

# installable here: apt resolves every dependency (simulated, nothing installed)
if [ ${#debs[@]} -gt 0 ] && apt-get install -s "${debs[@]}" > "$work/apt.log" 2>&1; then
	ok "apt-get install -s of the packages resolves"
	grep '^Inst ' "$work/apt.log" | grep -v ' postgresql-15-marsql' | sed 's/^/would also install: /' | comment
else
	notok "apt-get install -s of the packages resolves"
	tail -20 "$work/apt.log" 2>/dev/null | comment
fi

if command -v lintian > /dev/null; then
	lintian --no-tag-display-limit "${debs[@]}" > "$work/lintian.log" 2>&1
	comment < "$work/lintian.log"
	ok "lintian ran: $(grep -c '^E:' "$work/lintian.log") errors, $(grep -c '^W:' "$work/lintian.log") warnings (reported, not failing)"
else
	skip "lintian" "not installed (apt-get install lintian)"
fi

## 4. smoke test against the packaged files
smoke_started=$SECONDS
sroot=$work/root
pgbin=$sroot/usr/lib/postgresql/$PG_VERSION/bin
mkdir -p "$sroot/usr/lib/postgresql" "$sroot/usr/share/postgresql"
cp -a "/usr/lib/postgresql/$PG_VERSION" "$sroot/usr/lib/postgresql/"
cp -a "/usr/share/postgresql/$PG_VERSION" "$sroot/usr/share/postgresql/"
rm -rf "$sroot/$libdir"/marsql*.so "$sroot/$libdir/bitcode"/marsql* "$sroot/$extdir"/marsql[.-]*
for f in "${debs[@]}"; do dpkg-deb -x "$f" "$sroot"; done
check "PostgreSQL's copy finds its lib directory in the scratch root" \
	[ "$("$pgbin/pg_config" --pkglibdir)" = "$sroot/$libdir" ]

mkdir -p "$sockdir"
[ "$(id -u)" = 0 ] && chown postgres "$pgdir" "$sockdir"
port=$(free_port 55700)
if as_postgres "$pgbin/initdb" -D "$datadir" -U postgres -A trust --no-sync -E UTF8 > "$work/initdb.log" 2>&1 &&
	as_postgres "$pgbin/pg_ctl" -D "$datadir" -l "$pgdir/server.log" -w -s start \
		-o "-p $port -c listen_addresses='' -k $sockdir -c fsync=off" > "$work/pg_ctl.log" 2>&1; then
	ok "a cluster of the scratch root's PostgreSQL starts"
else
	notok "a cluster of the scratch root's PostgreSQL starts"
	cat "$work/initdb.log" "$work/pg_ctl.log" "$pgdir/server.log" 2>/dev/null | tail -20 | comment
fi
# psql SQL...: one session, one line per statement's result
q() {
	local args=() s
	for s in "$@"; do args+=(-c "$s"); done
	"$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 -h "$sockdir" -p "$port" -U postgres -d postgres "${args[@]}" 2>&1
}

got=$(q "SELECT setting FROM pg_config WHERE name = 'PKGLIBDIR'" "SELECT setting FROM pg_config WHERE name = 'SHAREDIR'")
check "the server's PKGLIBDIR and SHAREDIR are the scratch root's" \
	[ "$got" = "$sroot/$libdir"$'\n'"$sroot/usr/share/postgresql/$PG_VERSION" ]
got=$(q "CREATE EXTENSION marsql" "SELECT extversion FROM pg_extension WHERE extname = 'marsql'")
check "CREATE EXTENSION marsql from the package (version $got)" [ "$got" = "$version" ]
[ "$got" = "$version" ] || echo "$got" | comment

got=$(q "SET search_path = marsql, public" \
	"SELECT marsql.matmul('[[1,2],[3,4]]'::marsql.tensor, '[[5,6],[7,8]]'::marsql.tensor)::real[]" \
	"CREATE TABLE items (id bigint PRIMARY KEY, v marsql.tensor(float32))" \
	"INSERT INTO items VALUES (1, '[1,0,0]'), (2, '[0,1,0]'), (3, '[0,0,1]')" \
	"SELECT marsql.faiss_create('smoke', 'items', 'v', 'id', 'Flat', 'l2')" \
	"SELECT id FROM marsql.faiss_search('smoke', '[[0.1,0.9,0]]'::marsql.tensor, 1)" \
	"SELECT string_agg(DISTINCT m[1], ' ' ORDER BY m[1]) FROM regexp_matches(pg_read_file('/proc/self/maps'), '(/\S*/marsql\S*\.so)', 'g') AS m" \
	"SELECT coalesce(library, '') || ' | ' || coalesce(status, '') FROM marsql.gpu_info() LIMIT 1")
mapfile -t lines <<< "$got"
check "a matrix product (OpenBLAS) on the packaged marsql.so: ${lines[0]:-}" [ "${lines[0]:-}" = "{{19,22},{43,50}}" ]
check "a FAISS index of 3 rows on the packaged marsql_faiss.so finds id ${lines[2]:-}" \
	test "${lines[1]:-}" = 3 -a "${lines[2]:-}" = 2
maps=${lines[3]:-}
echo "backend maps: $maps" | comment
maps_from_scratch() {
	local m found=0
	for m in $maps; do
		[[ $m == "$sroot/$libdir/"* ]] || return 1
		[[ $m == */marsql.so || $m == */marsql_faiss.so ]] && found=$((found + 1))
	done
	[ "$found" = 2 ]
}
check "the backend mapped marsql.so and marsql_faiss.so, from the scratch root only" maps_from_scratch
gpu=${lines[4]:-}
echo "gpu_info: $gpu" | comment
if [ -n "$nvcc" ]; then
	check "gpu_info() names the packaged marsql_gpu.so" \
		test "${gpu%% | *}" = "$sroot/$libdir/marsql_gpu.so"
else
	check "gpu_info() says marsql_gpu.so is not installed" \
		grep -q 'not installed' <<< "$gpu"
fi
[ ${#lines[@]} -ge 5 ] || echo "$got" | comment
as_postgres "$pgbin/pg_ctl" -D "$datadir" -m fast -w -s stop
smoke_seconds=$((SECONDS - smoke_started))

## 5. debian/rules clean
(cd "$src" && debian/rules clean) > "$work/clean.log" 2>&1
clean_status=$?
sources "$src" > "$work/sources.after"
if [ "$clean_status" = 0 ] && diff "$work/sources.before" "$work/sources.after" > "$work/clean.diff" &&
	[ -z "$(cd "$src" && find . -type f \( -name '*.o' -o -name '*.so' -o -name '*.bc' \) -print)" ]; then
	ok "debian/rules clean leaves exactly the sources"
else
	notok "debian/rules clean leaves exactly the sources (exit $clean_status)"
	cat "$work/clean.diff" "$work/clean.log" | tail -30 | comment
fi

echo "# debian: build ${build_seconds}s, smoke ${smoke_seconds}s, suite $((SECONDS - started))s"
echo "1..$n"
[ "$failures" = 0 ]
