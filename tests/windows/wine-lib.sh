# Shared by the Wine checks (sourced, not run): the Wine prefix, Windows paths, the shipped
# binaries of both systems, and the ok/FAIL count each check script ends with.
#
# tests/windows/run.sh exports, before running a check script:
#   WINEPREFIX        the Wine prefix (a fresh one per run, under the scratch folder)
#   ADPHOTO_WIN_BIN   a test folder holding the shipped adphoto.exe and adphoto.dll, plus the
#                     test-only bcryptprimitives.dll stub (tests/windows/wine-bcryptprimitives.c)
#   ADPHOTO_LINUX_BIN the shipped bin/linux-x64 folder (adphoto, libadphoto.so)
#   ADPHOTO_WIN_WORK  a scratch folder for this check

: "${WINEPREFIX:?run through tests/windows/run.sh}"
: "${ADPHOTO_WIN_BIN:?run through tests/windows/run.sh}"
: "${ADPHOTO_LINUX_BIN:?run through tests/windows/run.sh}"
: "${ADPHOTO_WIN_WORK:?run through tests/windows/run.sh}"
export WINEDEBUG=-all
# No prompt to install Wine's Mono and Gecko when the prefix is created: nothing here needs them.
export WINEDLLOVERRIDES="mscoree,mshtml="

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
wine64=${WINE64:-/usr/lib/wine/wine64}
[ -x "$wine64" ] || wine64=$(command -v wine64 || true)
[ -n "$wine64" ] && [ -x "$wine64" ] || { echo "wine64 not found (tests/setup.sh test installs it)" >&2; exit 2; }
linux_adphoto="$ADPHOTO_LINUX_BIN/adphoto"
win_adphoto="$ADPHOTO_WIN_BIN/adphoto.exe"
work="$ADPHOTO_WIN_WORK"
mkdir -p "$work"

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { failed=$((failed + 1)); echo "FAIL - $*"; }
# check CONDITION-COMMAND... -- MESSAGE: runs the command, counts ok or FAIL.
check() {
  local message=${*: -1}
  if "${@:1:$#-1}"; then ok "$message"; else fail "$message"; fi
}
summary() {
  echo "$(basename "$0" .sh): $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# A Linux path as Windows sees it through Wine's Z: drive (the Linux root): Z:\work\x.jpg.
winpath() { local p; p=$(realpath -m "$1"); printf 'Z:%s' "${p//\//\\}"; }
# The same with forward slashes (Z:/work/x.jpg), for text that escapes backslashes (JSON).
winpath_fwd() { printf 'Z:%s' "$(realpath -m "$1")"; }
# Where C:\ of the prefix is on Linux.
drive_c="$WINEPREFIX/drive_c"

# Runs the Windows adphoto.exe; stdout and the exit code as Windows gave them.
win() { "$wine64" "$win_adphoto" "$@"; }
# Runs a program of Wine's own (reg, whoami, cmd).
wine_tool() { "$wine64" "$@"; }
lin() { "$linux_adphoto" "$@"; }

# The JSON lines of a Windows run made comparable with a Linux run's: the Windows form of
# each path given ("Z:\\work\\x" in JSON) becomes the Linux one, then the lines are sorted
# (a batch reports each item as it finishes, in no fixed order).
# usage: normalize_json FILE [LINUX_DIR...]
normalize_json() {
  python3 - "$@" <<'PY'
import json, sys
path, dirs = sys.argv[1], sys.argv[2:]
text = open(path, encoding="utf-8").read()
for d in sorted(dirs, key=len, reverse=True):
    win = "Z:" + d.replace("/", "\\")
    text = text.replace(json.dumps(win)[1:-1], d)
    text = text.replace(json.dumps(win.replace("\\", "/"))[1:-1], d)
lines = []
for line in text.splitlines():
    if not line.strip():
        continue
    # Separators inside the paths left (a folder joined to a file name by Windows: \\).
    lines.append(line.replace("\\\\", "/"))
print("\n".join(sorted(lines)))
PY
}
