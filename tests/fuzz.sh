#!/usr/bin/env bash
# Runs every fuzz target (rust/fuzz: JPEG, the other image formats, sniffing, JPEG
# pass-through and markers, CSV reading, mapping CSVs) for a bounded time each:
# FUZZ_SECONDS (default 20; 0 skips it on a machine without a network). Needs the
# nightly toolchain and cargo-fuzz, installed here when missing (rustup and
# crates.io). A crash or panic fails the run and leaves the input that caused it
# under rust/fuzz/artifacts/<target>/: once fixed, copy it to rust/fuzz/regressions/<target>/,
# which rust/core/tests/fuzz_replay.rs replays in every test run (stable toolchain).
set -euo pipefail
cd "$(dirname "$0")/.."
# The fuzz crate is outside the workspace; cargo-fuzz is told where it is.
fuzz() { cargo +nightly fuzz "$1" --fuzz-dir rust/fuzz "${@:2}"; }

seconds=${FUZZ_SECONDS:-20}
if [ "$seconds" = 0 ]; then
  echo "fuzz: FUZZ_SECONDS=0, not run" >&2
  exit 0
fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: installing the nightly toolchain" >&2
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz" >&2
  cargo +nightly install cargo-fuzz --locked
fi

images=tests/fixtures/images
declare -A seeds=(
  [jpeg]=$images [jpeg_passthrough]=$images [image]=$images [sniff]=$images
  [csv]=rust/fuzz/seeds/csv [mapping]=rust/fuzz/seeds/mapping
)
# Build every target first: the time limit is for fuzzing, not compiling.
fuzz build
for target in $(fuzz list); do
  # New inputs go to a scratch corpus; the committed seeds are only read.
  corpus=$(mktemp -d)
  echo "== fuzz $target (${seconds} s)"
  log=$(mktemp)
  if ! fuzz run "$target" "$corpus" "${seeds[$target]:-$corpus}" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 80 "$log"
    echo "fuzz: $target found a crash (input saved under rust/fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log" || true
  rm -f "$log"
  rm -rf "$corpus"
done
