#!/usr/bin/env bash
# README's first command: the main job on the built-in example, no server needed.
# Matches the portraits in rust/examples/photos to the users in rust/examples/users.csv,
# converts each for Active Directory (thumbnailPhoto, 96x96) and writes an LDIF that
# `ldifde -i -f photos.ldif` or `ldapmodify -f photos.ldif` applies, plus a report.
set -euo pipefail
cd "$(dirname "$0")/.."

tests/setup.sh build
cargo build --release --quiet -p adphoto-cli
out=out/example
rm -rf "$out"
mkdir -p "$out"
set +e
target/release/adphoto set \
  --photos rust/examples/photos --users rust/examples/users.csv \
  --target "ldif:$out/photos.ldif" --report "$out/report.jsonl"
code=$?
set -e
# Exit code 1 means "some items need attention": the example holds an unmatched name
# and a damaged HEIC on purpose, and lists users who have no photo.
[ "$code" -le 1 ] || exit "$code"
echo
echo "Written: $out/photos.ldif (import with ldifde -i -f photos.ldif, or ldapmodify -f photos.ldif)"
echo "         $out/report.jsonl (one JSON line per file and per user)"
