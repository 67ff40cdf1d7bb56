#!/usr/bin/env bash
# README's first command: the main job on the built-in example, no server needed.
# Converts the portraits in rust/examples/photos for Active Directory (96x96) and
# Microsoft 365 (648x648) into out/example/, and prints the report.
set -euo pipefail
cd "$(dirname "$0")/.."

tests/setup.sh build
cargo build --release --quiet -p adphoto
out=out/example
rm -rf "$out"
set +e
target/release/adphoto convert --preset ad --preset hd --out-dir "$out" rust/examples/photos
code=$?
set -e
# Exit code 1 means "some items failed": the example holds an iPhone HEIC on purpose.
[ "$code" -le 1 ] || exit "$code"
echo
echo "Photos written under $out/ (ad/ = thumbnailPhoto 96x96, hd/ = Microsoft 365 648x648)."
