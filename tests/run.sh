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
cargo test --workspace --no-run --quiet
# The shipped binaries for Windows and Linux (tests/windows/run.sh checks them) build on the
# cores the test run leaves idle while it waits on its servers. In its own process group, so
# a failing run stops it too.
mkdir -p out
setsid tests/windows/build.sh > out/windows-build.log 2>&1 &
windows_build=$!
trap 'kill -- -"$windows_build" 2>/dev/null || true' EXIT
cargo test --workspace
echo "== the C ABI from C and from the module's C# class (the library as released, no test hooks)"
cargo build -p adphoto-ffi --quiet
tests/c-abi/run.sh target/debug/libadphoto.so
tests/interop/run.sh target/debug/libadphoto.so
echo "== the PowerShell module: structure, help and syntax"
cargo run -q -p pwsh-check -- --root .
echo "== Pester"
tests/pester/run.sh
echo "== Windows: the cross-built binaries and the package, checked under Wine"
if ! wait "$windows_build"; then
  cat out/windows-build.log >&2
  exit 1
fi
trap - EXIT
tests/windows/run.sh
echo "== fuzzing: every decoder entry point, ${FUZZ_SECONDS:-20} s each"
tests/fuzz.sh
echo "== all tests passed"
