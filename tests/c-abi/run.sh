#!/usr/bin/env bash
# Builds tests/c-abi/abi_test.c against rust/include/adphoto.h and the real library, runs it,
# then runs it again under valgrind, failing on any memory error or definite leak.
#
#   tests/c-abi/run.sh [path/to/libadphoto.so]     (default: target/debug/libadphoto.so)
#
# Needs cc and valgrind; installs nothing. ADPHOTO_SKIP_VALGRIND=1 skips the second run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
lib="${1:-$root/target/debug/libadphoto.so}"
case "$lib" in
    /*) ;;
    *) lib="$PWD/$lib" ;;
esac
if [ ! -f "$lib" ]; then
    echo "c-abi: no native library at $lib (build it: cargo build -p adphoto-ffi)" >&2
    exit 2
fi
if [ ! -f "$root/rust/include/adphoto.h" ]; then
    echo "c-abi: no header at rust/include/adphoto.h" >&2
    exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/adphoto-c-abi.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Link against exactly this file (through a copy named for -l) and find it at run time by rpath.
mkdir -p "$work/lib"
ln -s "$lib" "$work/lib/libadphoto.so"
cc -std=c11 -Wall -Wextra -Werror -O1 -g -pthread -I "$root/rust/include" \
    -o "$work/abi_test" "$here/abi_test.c" \
    -L "$work/lib" -ladphoto -Wl,-rpath,"$work/lib"

# Keep the library's backups and conversion cache out of the user's data folder.
export XDG_DATA_HOME="$work/data"

echo "== abi_test"
mkdir -p "$work/plain"
plain=0
"$work/abi_test" "$root" "$work/plain" || plain=$?

if [ "${ADPHOTO_SKIP_VALGRIND:-0}" = 1 ]; then
    echo "c-abi: valgrind run skipped (ADPHOTO_SKIP_VALGRIND=1)"
    [ "$plain" -eq 0 ] || echo "c-abi: abi_test failed (exit $plain)" >&2
    exit "$plain"
fi
if ! command -v valgrind >/dev/null 2>&1; then
    echo "c-abi: valgrind is not installed (Debian/Ubuntu: apt-get install valgrind)" >&2
    exit 2
fi

echo "== abi_test under valgrind"
mkdir -p "$work/valgrind"
checked=0
# JSIMD_FORCENONE=1: libjpeg-turbo's SIMD code (bundled by turbojpeg-sys) computes whole vectors
# over buffer padding, which memcheck reports as uses of uninitialised values (hundreds of
# "Conditional jump ... depends on uninitialised value" in the resizer, all originating in
# jdmainct.c's buffers); with the portable C code the same run is clean. The plain run above
# keeps SIMD on.
JSIMD_FORCENONE=1 valgrind --error-exitcode=101 --leak-check=full --show-leak-kinds=definite \
    --errors-for-leak-kinds=definite --track-origins=yes --num-callers=30 \
    --log-file="$work/valgrind.log" \
    "$work/abi_test" "$root" "$work/valgrind" || checked=$?
echo "== valgrind summary"
grep -E "ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable" "$work/valgrind.log" || true

status=0
if [ "$plain" -ne 0 ]; then
    echo "c-abi: abi_test failed (exit $plain)" >&2
    status=1
fi
if [ "$checked" -eq 101 ]; then
    echo "c-abi: valgrind found memory errors or definite leaks:" >&2
    cat "$work/valgrind.log" >&2
    status=1
elif [ "$checked" -ne 0 ]; then
    echo "c-abi: abi_test failed under valgrind (exit $checked)" >&2
    status=1
fi
if [ "$status" -eq 0 ]; then
    echo "c-abi: plain and valgrind runs passed"
fi
exit "$status"
