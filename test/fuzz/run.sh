#!/usr/bin/env bash
# Builds the libFuzzer targets from the pure C kernels (no server needed)
# and runs each for a bounded time on a scratch copy of the seed corpus.
# Prints one TAP line per target.
#   bash test/fuzz/run.sh [seconds-per-target]     (default 25)
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-${FUZZ_SECONDS:-25}}
build="$here/build"
mkdir -p "$build/kernels"
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all"
# the kernels once, on every core, for both targets
rm -f "$build"/kernels/*.o
ls "$root"/src/kernels/*.c | xargs -P "$(nproc)" -I{} sh -c \
	'clang -g -O1 -fsanitize=fuzzer-no-link '"$sanitize"' -I"$1" -c "$2" -o "$3/$(basename "$2" .c).o"' \
	sh "$root/src" {} "$build/kernels" > "$build/kernels.build.log" 2>&1
n=0
for target in text binary; do
	n=$((n + 1))
	bin="$build/fuzz_$target"
	if ! clang -g -O1 -fsanitize=fuzzer $sanitize \
		-I"$root/src" "$here/fuzz_$target.c" "$build"/kernels/*.o -lm -o "$bin" 2> "$build/$target.build.log"; then
		cat "$build/kernels.build.log"
		cat "$build/$target.build.log"
		echo "not ok $n - fuzz_$target builds"
		continue
	fi
	scratch=$(mktemp -d)
	if "$bin" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$build/" "$scratch" "$here/corpus/$target" > "$build/$target.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/$target.log")
		echo "ok $n - fuzz_$target: ${runs:-?} inputs in ${seconds}s, no crash"
	else
		tail -40 "$build/$target.log"
		echo "not ok $n - fuzz_$target found a crash (reproducer in $build)"
	fi
	rm -rf "$scratch"
done
