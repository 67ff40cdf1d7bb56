#!/usr/bin/env bash
# Reads the import tables of Windows binaries (PE) and fails if any of them imports a DLL
# that a fresh Windows does not ship: no vcruntime140.dll, no MinGW runtime
# (libgcc_s_seh-1.dll, libwinpthread-1.dll, libstdc++-6.dll), no OpenSSL, nothing to
# install beside ADPhoto.
#
#   tests/windows/imports.sh FILE.exe|FILE.dll...
#
# Prints each file's imports. Needs x86_64-w64-mingw32-objdump (Debian: binutils-mingw-w64-x86-64,
# which gcc-mingw-w64-x86-64 brings).
set -euo pipefail

# Every DLL allowed, by name: system DLLs of Windows 10 / Server 2016 and later.
# bcryptprimitives.dll: ProcessPrng, the random source of Rust's standard library.
# api-ms-win-core-synch-l1-2-0.dll: WaitOnAddress, used by Rust's standard library locks.
# api-ms-win-core-winrt-error-l1-1-0.dll: error reporting of the windows crate, through which
# Kerberos goes to SSPI (an API set of combase.dll, Windows 8 / Server 2012 and later).
# msvcrt.dll: the C runtime every Windows has (MinGW links against it; the MSVC build
# links its runtime statically instead). api-ms-win-crt-*: the Universal CRT, part of
# Windows 10 and later (a UCRT-based MinGW links against it).
allowed=(
  kernel32.dll ntdll.dll advapi32.dll secur32.dll sspicli.dll ws2_32.dll
  bcrypt.dll bcryptprimitives.dll crypt32.dll ncrypt.dll
  user32.dll ole32.dll oleaut32.dll shell32.dll userenv.dll
  msvcrt.dll ucrtbase.dll api-ms-win-core-synch-l1-2-0.dll api-ms-win-core-winrt-error-l1-1-0.dll
)
allowed_pattern='^api-ms-win-crt-[a-z0-9-]+-l1-1-0\.dll$'

objdump=${OBJDUMP:-x86_64-w64-mingw32-objdump}
command -v "$objdump" >/dev/null || { echo "imports: $objdump not found (apt-get install gcc-mingw-w64-x86-64)" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: imports.sh FILE..." >&2; exit 2; }

is_allowed() {
  local dll=$1 a
  for a in "${allowed[@]}"; do
    [ "$dll" = "$a" ] && return 0
  done
  [[ "$dll" =~ $allowed_pattern ]]
}

status=0
for file in "$@"; do
  if [ ! -f "$file" ]; then
    echo "imports: $file does not exist" >&2
    status=1
    continue
  fi
  header=$("$objdump" -f "$file" 2>/dev/null) || { echo "imports: $file is not a PE file" >&2; status=1; continue; }
  if ! grep -q "file format pei-x86-64" <<<"$header"; then
    echo "imports: $file is not a 64-bit Windows binary" >&2
    status=1
    continue
  fi
  mapfile -t dlls < <("$objdump" -p "$file" | sed -n 's/^[[:space:]]*DLL Name:[[:space:]]*//p' | tr '[:upper:]' '[:lower:]' | sort -u)
  if [ ${#dlls[@]} -eq 0 ]; then
    echo "imports: $file imports nothing: not the file expected" >&2
    status=1
    continue
  fi
  echo "$(basename "$file") imports: ${dlls[*]}"
  for dll in "${dlls[@]}"; do
    if ! is_allowed "$dll"; then
      echo "imports: $(basename "$file") imports $dll, which Windows does not ship" >&2
      status=1
    fi
  done
done
exit "$status"
