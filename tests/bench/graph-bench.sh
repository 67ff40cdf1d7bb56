#!/usr/bin/env bash
# Microsoft Graph benchmark: adphoto against a sequential PUT loop and the physical
# limit, 2,000 users on the local Graph fake (50 ms latency, 4 concurrent requests).
#   tests/bench/graph-bench.sh [--users N] [--latency-ms MS] [--concurrent C]
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --quiet -p adphoto-cli -p adphoto-bench --bin adphoto --bin graph-bench
"${CARGO_TARGET_DIR:-target}/release/graph-bench" "$@"
