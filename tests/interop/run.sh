#!/usr/bin/env bash
# Compiles module/ADPhoto.Native.cs with the C# 5 compiler (as Windows PowerShell 5.1's
# Add-Type would) together with tests/interop/Harness.cs, and runs the harness under Mono
# against the real native library.
#
#   tests/interop/run.sh [path/to/libadphoto.so]     (default: target/debug/libadphoto.so)
#
# Needs mcs and mono (Debian: mono-devel); installs nothing. Exits with the harness's code.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
lib="${1:-$root/target/debug/libadphoto.so}"
case "$lib" in
    /*) ;;
    *) lib="$PWD/$lib" ;;
esac

for tool in mcs mono; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "interop: '$tool' is not installed (Debian/Ubuntu: apt-get install mono-devel)" >&2
        exit 2
    fi
done
if [ ! -f "$lib" ]; then
    echo "interop: no native library at $lib (build it: cargo build -p adphoto-ffi)" >&2
    exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/adphoto-interop.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# -langversion:5 rejects anything newer than C# 5; warnings are errors, as Add-Type treats them.
mcs -langversion:5 -warnaserror+ -nologo -target:exe -out:"$work/Harness.exe" \
    "$root/module/ADPhoto.Native.cs" "$here/Harness.cs"

# Keep the library's backups and conversion cache out of the user's data folder.
export XDG_DATA_HOME="$work/data"
export TMPDIR="$work"
# Mono's default UTF-8 handling for file names and the console.
export LANG="${LANG:-C.UTF-8}"
export LC_ALL="${LC_ALL:-C.UTF-8}"

set +e
mono --debug "$work/Harness.exe" "$lib" "$root"
status=$?
set -e
exit "$status"
