#!/usr/bin/env bash
# Builds what ADPhoto ships, once, for both systems: adphoto.exe and adphoto.dll for
# 64-bit Windows (cross-built with MinGW, C runtime and every C library linked in), and
# the Linux adphoto and libadphoto.so. The `dist` profile is the release build without
# debug information, stripped. One cargo run builds both targets, so the two cores stay
# busy until the end.
#
#   tests/windows/build.sh
#
# Output: target/x86_64-pc-windows-gnu/dist/{adphoto.exe,adphoto.dll} and
#         target/x86_64-unknown-linux-gnu/dist/{adphoto,libadphoto.so}
# Needs what tests/setup.sh build installs, and Rust's x86_64-pc-windows-gnu target
# (added here with rustup when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."

windows=x86_64-pc-windows-gnu
linux=x86_64-unknown-linux-gnu
if ! rustup target list --installed | grep -qx "$windows"; then
  echo "== rustup target add $windows"
  rustup target add "$windows"
fi
command -v x86_64-w64-mingw32-gcc >/dev/null || {
  echo "build: x86_64-w64-mingw32-gcc not found: tests/setup.sh build installs it (gcc-mingw-w64-x86-64)" >&2
  exit 2
}
# .cargo/config.toml names the MinGW linker and links the C runtime statically.
cargo build --profile dist -p adphoto-ffi -p adphoto-cli --target "$windows" --target "$linux"
for f in "target/$windows/dist/adphoto.exe" "target/$windows/dist/adphoto.dll" \
         "target/$linux/dist/adphoto" "target/$linux/dist/libadphoto.so"; do
  [ -f "$f" ] || { echo "build: cargo did not produce $f" >&2; exit 1; }
done
