#!/usr/bin/env bash
# Windows, built and checked on Linux (called by tests/run.sh):
#   1. lints the Windows-only code (cargo clippy for x86_64-pc-windows-gnu, test hooks off and on);
#   2. builds what is shipped, once: adphoto.exe/adphoto.dll (MinGW) and the Linux adphoto/libadphoto.so;
#   3. reads the PE import tables: only DLLs Windows ships (and proves the check refuses others);
#   4. packages the zip and checks its layout, then expands it as an administrator would;
#   5. runs what the zip holds under Wine: the same JPEGs, matches and LDIF as Linux, Windows paths,
#      account pictures in the real registry, the C ABI from C, `adphoto set` to a Samba AD DC.
#
#   tests/windows/run.sh
#
# Needs what tests/setup.sh test installs (MinGW, wine64, Samba) and root for the Samba DC.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

windows=x86_64-pc-windows-gnu
if ! rustup target list --installed | grep -qx "$windows"; then
  rustup target add "$windows"
fi

echo "== Windows: cargo clippy --target $windows (the cfg(windows) code; test hooks off, then on)"
# The dist profile shares the build scripts' output (libjpeg-turbo, ring) with the build below.
cargo clippy --quiet --profile dist --target "$windows" -- -D warnings
cargo clippy --quiet --profile dist --target "$windows" --all-targets -- -D warnings

version=$(sed -n "s/^[[:space:]]*ModuleVersion[[:space:]]*=[[:space:]]*'\([0-9.]*\)'.*/\1/p" module/ADPhoto.psd1)
zip="out/ADPhoto-$version.zip"
echo "== Windows and Linux release binaries, and the package ($zip)"
tests/windows/package.sh "$zip"

work="$(mktemp -d "${TMPDIR:-/tmp}/adphoto-windows.XXXXXX")"
export WINEPREFIX="$work/prefix"
cleanup() {
  # Only this run's Wine server (one per prefix).
  if [ -d "$WINEPREFIX" ]; then
    WINEPREFIX="$WINEPREFIX" /usr/lib/wine/wineserver -k >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== the import tables"
tests/windows/imports.sh "target/$windows/dist/adphoto.exe" "target/$windows/dist/adphoto.dll"
# The check itself must refuse a DLL Windows does not ship.
printf 'int helper(void) { return 1; }\n' > "$work/helper.c"
printf 'int helper(void);\nint main(void) { return helper(); }\n' > "$work/uses.c"
x86_64-w64-mingw32-gcc -shared -o "$work/notwindows.dll" "$work/helper.c"
x86_64-w64-mingw32-gcc -o "$work/uses.exe" "$work/uses.c" "$work/notwindows.dll"
if tests/windows/imports.sh "$work/uses.exe" >/dev/null 2>&1; then
  echo "imports.sh accepted an executable that imports notwindows.dll" >&2
  exit 1
fi
echo "ok - imports.sh refuses an executable that imports notwindows.dll"

echo "== the package's layout"
python3 tests/windows/check_package.py --root "$root" --zip "$zip" \
  --windows "target/$windows/dist" --linux "target/x86_64-unknown-linux-gnu/dist" --extract-to "$work/Modules"
module="$work/Modules/ADPhoto/$version"
# The layout check itself must refuse a zip made the way Windows PowerShell 5.1's
# Compress-Archive makes one (backslashes), without the module's version folder.
python3 - "$zip" "$work/bad.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as good, zipfile.ZipFile(sys.argv[2], "w") as bad:
    for info in good.infolist():
        if "/bin/" not in info.filename:
            bad.writestr(info.filename.replace("/", "\\").replace("ADPhoto\\", "", 1), good.read(info))
PY
if python3 tests/windows/check_package.py --root "$root" --zip "$work/bad.zip" >/dev/null 2>&1; then
  echo "check_package.py accepted a zip with backslashes and no bin/ folder" >&2
  exit 1
fi
echo "ok - check_package.py refuses a zip with backslashed names, no version folder and no binaries"

echo "== Wine: the shipped Windows binaries"
# A test folder beside the package: the shipped adphoto.exe and adphoto.dll, plus the stub
# Wine 8 lacks (tests/windows/wine-bcryptprimitives.c; never in the package).
export ADPHOTO_WIN_BIN="$work/winbin"
export ADPHOTO_LINUX_BIN="$module/bin/linux-x64"
mkdir -p "$ADPHOTO_WIN_BIN"
cp "$module/bin/win-x64/adphoto.exe" "$module/bin/win-x64/adphoto.dll" "$ADPHOTO_WIN_BIN/"
x86_64-w64-mingw32-gcc -O2 -shared -s -o "$ADPHOTO_WIN_BIN/bcryptprimitives.dll" "$here/wine-bcryptprimitives.c" -ladvapi32
# Create the prefix, then wait until everything wineboot started has ended: a program started
# while wineboot finishes its update can be killed with it.
WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" /usr/lib/wine/wine64 wineboot --init >/dev/null 2>&1 || true
/usr/lib/wine/wineserver -w
windows_version=$(WINEDEBUG=-all /usr/lib/wine/wine64 "$ADPHOTO_WIN_BIN/adphoto.exe" --version | tr -d '\r')
linux_version=$("$ADPHOTO_LINUX_BIN/adphoto" --version)
echo "adphoto.exe --version: $windows_version; Linux: $linux_version"
[ "$windows_version" = "$linux_version" ] || { echo "the two builds are not the same version" >&2; exit 1; }

status=0
for check in wine-parity wine-account-picture wine-c-abi wine-samba; do
  echo "== $check"
  ADPHOTO_WIN_WORK="$work/$check" bash "$here/$check.sh" || status=1
done
[ "$status" -eq 0 ] && echo "windows: all checks passed" || echo "windows: some checks FAILED" >&2
exit "$status"
