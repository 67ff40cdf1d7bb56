#!/usr/bin/env bash
# The C ABI test program (tests/c-abi/abi_test.c), compiled with x86_64-w64-mingw32-gcc against
# the shipped adphoto.dll and run under Wine, must pass every check it passes on Linux against
# the shipped libadphoto.so: the same number of checks, none failed.
# Run by tests/windows/run.sh (see wine-lib.sh for what it provides).
set -euo pipefail
source "$(dirname "$0")/wine-lib.sh"

source_file="$repo/tests/c-abi/abi_test.c"
include="$repo/rust/include"

# Windows: linked against the DLL itself (MinGW's linker reads its export table), with the
# C runtime's threads linked in, so the program needs nothing but adphoto.dll beside it.
x86_64-w64-mingw32-gcc -std=c11 -Wall -Wextra -Werror -O1 -I "$include" -o "$ADPHOTO_WIN_BIN/abi_test.exe" \
  "$source_file" "$ADPHOTO_WIN_BIN/adphoto.dll" -static -pthread
ok "abi_test.c compiles with x86_64-w64-mingw32-gcc against adphoto.dll"
extra=$(x86_64-w64-mingw32-objdump -p "$ADPHOTO_WIN_BIN/abi_test.exe" | sed -n 's/^[[:space:]]*DLL Name:[[:space:]]*//p' |
  tr '[:upper:]' '[:lower:]' | grep -v -E '^(adphoto|kernel32|msvcrt|api-ms-win-.*)\.dll$' || true)
check test -z "$extra" "abi_test.exe needs no DLL but adphoto.dll and Windows' own (${extra:-none else})"

# Linux: the same program against the shipped libadphoto.so, for the number of checks.
mkdir -p "$work/lib"
ln -sf "$ADPHOTO_LINUX_BIN/libadphoto.so" "$work/lib/libadphoto.so"
cc -std=c11 -Wall -Wextra -Werror -O1 -pthread -I "$include" -o "$work/abi_test" "$source_file" \
  -L "$work/lib" -ladphoto -Wl,-rpath,"$work/lib"
mkdir -p "$work/linux-scratch" "$work/windows-scratch"
XDG_DATA_HOME="$work/linux-data" "$work/abi_test" "$repo" "$work/linux-scratch" > "$work/linux.out" 2>&1 \
  && linux_code=0 || linux_code=$?
# Forward slashes: the program puts these paths into JSON requests as they are.
"$wine64" "$ADPHOTO_WIN_BIN/abi_test.exe" "$(winpath_fwd "$repo")" "$(winpath_fwd "$work/windows-scratch")" \
  > "$work/windows.out" 2>&1 && windows_code=0 || windows_code=$?
tr -d '\r' < "$work/windows.out" > "$work/windows.txt"

linux_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$work/linux.out" | tail -n 1 || true)
windows_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$work/windows.txt" | tail -n 1 || true)
check test "$linux_code" -eq 0 "abi_test against libadphoto.so: $linux_line"
if [ "$windows_code" -ne 0 ] || [ -z "$windows_line" ]; then
  grep -E '^FAIL' "$work/windows.txt" | head -n 20 || tail -n 20 "$work/windows.txt"
fi
check test "$windows_code" -eq 0 "abi_test.exe against adphoto.dll under Wine: ${windows_line:-no summary (exit $windows_code)}"
check test -n "$linux_line" -a "$windows_line" = "$linux_line" "Windows passes the same checks as Linux ($windows_line / $linux_line)"
# Check by check: the same checks in the same order, with the same outcome (compared up to the
# details after ": ", which hold paths, timings and the system's own error texts).
outcomes() {
  grep -E '^(ok|FAIL) - ' "$1" | sed -E -e "s#$2#SCRATCH#g" -e 's/\(([0-9.]+ s|[0-9]+ of [0-9]+ conversions reported)\)//' -e 's/: .*//'
}
diff <(outcomes "$work/linux.out" "$work/linux-scratch") \
  <(outcomes "$work/windows.txt" "$(winpath_fwd "$work/windows-scratch")") > "$work/checks.diff" && same=0 || same=1
check test "$same" -eq 0 "each check has the same outcome on both systems $(head -c 400 "$work/checks.diff")"

summary
