#!/usr/bin/env bash
# README's second command: every test, from a fresh clone. Installs what is missing,
# then checks formatting and lints, and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

tests/setup.sh test
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
echo "== cargo test"
cargo test --workspace
echo "== all tests passed"
