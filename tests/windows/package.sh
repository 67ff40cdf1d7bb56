#!/usr/bin/env bash
# The ADPhoto package, built on Linux: the PowerShell module with the native libraries
# for Windows and Linux, both command lines, README and licence, in one zip that
# Expand-Archive unpacks into a Modules folder (ADPhoto/<version>/...). The same zip
# as `build.ps1 -Task Package` on a machine that has both builds.
#
#   tests/windows/package.sh [ZIP]     (default: out/ADPhoto-<version>.zip)
#
# Builds first (tests/windows/build.sh: nothing to do when the binaries are current).
# Prints the sizes of the shipped binaries.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

version=$(sed -n "s/^[[:space:]]*ModuleVersion[[:space:]]*=[[:space:]]*'\([0-9.]*\)'.*/\1/p" module/ADPhoto.psd1)
[ -n "$version" ] || { echo "package: no ModuleVersion in module/ADPhoto.psd1" >&2; exit 1; }
zip=${1:-out/ADPhoto-$version.zip}

tests/setup.sh package
tests/windows/build.sh
windows=target/x86_64-pc-windows-gnu/dist
linux=target/x86_64-unknown-linux-gnu/dist
echo "== shipped binaries (stripped)"
ls -l "$windows/adphoto.exe" "$windows/adphoto.dll" "$linux/adphoto" "$linux/libadphoto.so"
python3 tests/windows/zip_package.py --root "$root" --windows "$windows" --linux "$linux" --out "$zip"
