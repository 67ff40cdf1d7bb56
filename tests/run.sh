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
echo "== the C ABI from C and from the module's C# class (the library as released, no test hooks)"
cargo build -p adphoto --quiet
tests/c-abi/run.sh target/debug/libadphoto.so
tests/interop/run.sh target/debug/libadphoto.so
echo "== the PowerShell module: structure, help and syntax"
cargo run -q -p pwsh-check -- --root .
echo "== Pester"
tests/pester/run.sh
echo "== fuzzing: every decoder entry point, ${FUZZ_SECONDS:-20} s each"
tests/fuzz.sh
echo "== all tests passed"
