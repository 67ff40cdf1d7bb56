#!/usr/bin/env bash
# One run into AD + Microsoft 365 + Google against each alone, and an AD first run
# against conversion alone and ldapmodify alone (src/bin/targets_bench.rs).
#   tests/bench/targets-bench.sh [--ad-users M] [--users N] [--latency-ms MS] [--rounds R] [--portraits faces|plain]
# Needs root (Samba listens on the fixed ports 389/636).
set -euo pipefail
cd "$(dirname "$0")/../.."
tests/setup.sh test
cargo build --release --quiet -p adphoto-cli -p adphoto-bench --bin adphoto --bin targets-bench
"${CARGO_TARGET_DIR:-target}/release/targets-bench" "$@"
