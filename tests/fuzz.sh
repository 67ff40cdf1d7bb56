#!/usr/bin/env bash
# Runs every fuzz target (rust/fuzz: JPEG, the other image formats, sniffing, JPEG
# pass-through and markers, CSV reading, mapping CSVs) for a bounded time each:
# FUZZ_SECONDS (default 20; 0 skips it on a machine without a network). Needs the
# nightly toolchain and cargo-fuzz, installed here when missing (rustup and
# crates.io). A crash or panic fails the run and leaves the input that caused it
# under rust/fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/../rust"

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

images=../tests/fixtures/images
declare -A seeds=(
  [jpeg]=$images [jpeg_passthrough]=$images [image]=$images [sniff]=$images
  [csv]=fuzz/seeds/csv [mapping]=fuzz/seeds/mapping
)
# Build every target first: the time limit is for fuzzing, not compiling.
cargo +nightly fuzz build
for target in $(cargo +nightly fuzz list); do
  # New inputs go to a scratch corpus; the committed seeds are only read.
  corpus=$(mktemp -d)
  echo "== fuzz $target (${seconds} s)"
  log=$(mktemp)
  if ! cargo +nightly fuzz run "$target" "$corpus" "${seeds[$target]:-$corpus}" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 80 "$log"
    echo "fuzz: $target found a crash (input saved under rust/fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log" || true
  rm -f "$log"
  rm -rf "$corpus"
done
