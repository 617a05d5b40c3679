#!/usr/bin/env bash
# Fuzzes event batch decoding and validation, and the bridge journal's recovery and reader, for a
# bounded time.
#   bash tests/fuzz/run.sh BUILD_DIR SECONDS
# Configures BUILD_DIR as its own clang build (CXX=clang++-14, -DAIWORLD_FUZZ=ON, no tests),
# builds only the fuzzers and runs each for SECONDS, one after the other, over a copy of its seed
# corpus (tests/fuzz/corpus/NAME, copied into BUILD_DIR/fuzz-corpus/NAME; tests/fuzz/corpus is
# never written). SECONDS 0 builds without fuzzing.
# Exits non-zero when a fuzzer fails: a crash, sanitizer report, leak, timeout (10 s) or an input
# needing more than 2 GB; the input is saved under BUILD_DIR/fuzz-artifacts/NAME/. A failing
# fuzzer does not keep the next one from running.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Each fuzzer NAME_fuzzer with its seeds in tests/fuzz/corpus/NAME.
FUZZERS=(event_batch_fuzzer journal_fuzzer)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'fuzz: %s\n' "$*" >&2; exit 2; }

[ $# -eq 2 ] || die "usage: $0 BUILD_DIR SECONDS"
[[ "$2" =~ ^[0-9]+$ ]] || die "SECONDS must be a whole number of seconds, got '$2'"
RUN_SECONDS=$2
mkdir -p "$1"
BUILD_DIR="$(cd "$1" && pwd)"
command -v clang++-14 >/dev/null 2>&1 || die "clang++-14 not found (apt-get install clang-14 libclang-rt-14-dev)"
if [ -f "$BUILD_DIR/CMakeCache.txt" ] && ! grep -q '^AIWORLD_FUZZ:BOOL=ON$' "$BUILD_DIR/CMakeCache.txt"; then
  die "$BUILD_DIR holds another build (AIWORLD_FUZZ is not ON there); give a directory of its own"
fi

say "fuzz: configuring $BUILD_DIR (clang++-14, AIWORLD_FUZZ=ON, BUILD_TESTING=OFF)"
CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DAIWORLD_FUZZ=ON -DBUILD_TESTING=OFF >"$BUILD_DIR/fuzz-configure.log" 2>&1 \
  || { cat "$BUILD_DIR/fuzz-configure.log" >&2; die "cmake configure failed"; }

say "fuzz: building ${FUZZERS[*]} (log: $BUILD_DIR/fuzz-build.log)"
cmake --build "$BUILD_DIR" --target "${FUZZERS[@]}" --parallel "$(nproc)" 2>&1 \
  | tee "$BUILD_DIR/fuzz-build.log" | { grep --line-buffered -E '^\[[0-9]+/[0-9]+\]' >&2 || true; } \
  || { tail -40 "$BUILD_DIR/fuzz-build.log" >&2; die "build of ${FUZZERS[*]} failed"; }

if [ "$RUN_SECONDS" -eq 0 ]; then
  say "fuzz: built ${FUZZERS[*]} in $BUILD_DIR/bin; SECONDS is 0, not fuzzing"
  exit 0
fi

# Runs one fuzzer for RUN_SECONDS; returns non-zero when it failed.
run_fuzzer() {
  local fuzzer=$1 name=${1%_fuzzer}
  local seeds="$ROOT/tests/fuzz/corpus/$name"
  local corpus="$BUILD_DIR/fuzz-corpus/$name"
  local artifacts="$BUILD_DIR/fuzz-artifacts/$name"
  local log="$BUILD_DIR/fuzz-$name.log"
  mkdir -p "$corpus" "$artifacts"
  cp "$seeds"/* "$corpus"/
  say "fuzz: running $fuzzer for ${RUN_SECONDS}s over $(find "$corpus" -type f | wc -l) inputs" \
    "($(find "$seeds" -type f | wc -l) seeds, copied into $corpus; log: $log)"
  # Progress goes to the terminal without the line per new input and the final dictionary dump
  # (both stay in the log).
  local rc
  set +e
  "$BUILD_DIR/bin/$fuzzer" -max_total_time="$RUN_SECONDS" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" 2>&1 \
    | tee "$log" \
    | sed -u -e '/^###### Recommended dictionary/,/^###### End of recommended dictionary/d' \
        -e '/^#[0-9][0-9]*[[:space:]][[:space:]]*\(NEW\|REDUCE\)[[:space:]]/d' >&2
  rc=${PIPESTATUS[0]}
  set -e

  if [ "$rc" -ne 0 ]; then
    say "fuzz: $fuzzer FAILED (exit status $rc); reproducer(s) in $artifacts:"
    ls -l "$artifacts" >&2
    echo "fuzz: reproduce with $BUILD_DIR/bin/$fuzzer <file>" >&2
    return 1
  fi
  local done_line execs rate
  done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | tr -s '[:space:]' ' ')"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")"
  say "fuzz: $fuzzer clean: ${execs:-?} inputs in ${RUN_SECONDS}s (${rate:-?} exec/s); ${done_line:-no DONE line}"
}

failed=()
for fuzzer in "${FUZZERS[@]}"; do
  run_fuzzer "$fuzzer" || failed+=("$fuzzer")
done
if [ "${#failed[@]}" -ne 0 ]; then
  say "fuzz: FAILED: ${failed[*]}"
  exit 1
fi
say "fuzz: all clean: ${FUZZERS[*]}"
