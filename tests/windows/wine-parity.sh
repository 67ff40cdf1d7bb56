#!/usr/bin/env bash
# The Windows adphoto.exe, under Wine, against the Linux adphoto on the same inputs: the same
# JPEG bytes for every image and option set (so an unchanged photo is recognised whichever
# system converted it), the same match results from the same CSVs (UTF-8, UTF-16, CRLF), the
# same LDIF; then Windows paths in a mapping CSV (C:\..., \\server\share\..., mixed / and \).
# Run by tests/windows/run.sh (see wine-lib.sh for what it provides).
set -euo pipefail
source "$(dirname "$0")/wine-lib.sh"

fixtures="$repo/tests/fixtures/images"
examples="$repo/rust/examples/photos"
users="$repo/rust/examples/users.csv"

# ---- convert: byte for byte ---------------------------------------------------------------
# Every test image and example portrait in one folder, each under a name of its own (card.png
# and card.bmp would otherwise both make card.jpg, and one would be refused).
inputs="$work/inputs"
mkdir -p "$inputs"
for f in "$fixtures"/* "$examples"/*; do
  name=$(basename "$f")
  # HEIC and AVIF are decoded through libheif on Linux only (not built for Windows yet):
  # the Windows build's answer for them differs on purpose.
  case "${name,,}" in *.heic | *.heif | *.avif) continue ;; esac
  cp "$f" "$inputs/${name%.*}-${name##*.}.${name##*.}"
done
option_sets=(
  "--preset ad"
  "--preset ad --preset hd --quality 75"
  "--preset account-pictures"
  "--preset google --fit pad"
  "--size 57 --size 200 --max-bytes 4000"
)
n=0
for options in "${option_sets[@]}"; do
  n=$((n + 1))
  out="$work/convert/$n"
  mkdir -p "$out/linux" "$out/windows"
  # shellcheck disable=SC2086 # the options are words on purpose
  lin convert --json $options --out-dir "$out/linux" "$inputs" > "$out/linux.jsonl" 2> "$out/linux.err" \
    && lin_code=0 || lin_code=$?
  # shellcheck disable=SC2086
  win convert --json $options --out-dir "$(winpath "$out/windows")" "$(winpath "$inputs")" \
    > "$out/windows.jsonl" 2> "$out/windows.err" && win_code=0 || win_code=$?
  jpegs=$(find "$out/linux" -name '*.jpg' | wc -l)
  win_jpegs=$(find "$out/windows" -name '*.jpg' | wc -l)
  check test "$jpegs" -ge 20 -a "$win_jpegs" -eq "$jpegs" \
    "convert $options: Windows wrote $win_jpegs JPEGs, Linux $jpegs"
  check diff -r "$out/linux" "$out/windows" "convert $options: every JPEG byte-identical to the Linux build's"
  check test "$win_code" -eq "$lin_code" "convert $options: same exit code ($win_code, Linux $lin_code)"
  normalize_json "$out/windows.jsonl" "$inputs" "$out/windows" > "$out/windows.norm"
  normalize_json "$out/linux.jsonl" "$inputs" "$out/linux" | sed "s#$out/linux#$out/windows#g" > "$out/linux.norm"
  check diff "$out/linux.norm" "$out/windows.norm" "convert $options: the same JSON report (paths aside)"
done
if grep -q "internal" "$work"/convert/*/windows.jsonl; then
  fail "an internal error in a Windows conversion: $(grep -h internal "$work"/convert/*/windows.jsonl | head -n 1)"
fi

# ---- match: the same pairs from the same CSVs ----------------------------------------------
csvs="$work/csv"
mkdir -p "$csvs"
cp "$users" "$csvs/users-utf8.csv"
# Windows PowerShell 5.1's Export-Csv -Encoding Unicode: UTF-16LE with BOM and CRLF.
python3 - "$users" "$csvs/users-utf16.csv" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read().replace("\r\n", "\n").replace("\n", "\r\n")
open(sys.argv[2], "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
PY
for csv in users-utf8 users-utf16; do
  lin match --json --photos "$examples" --users "$csvs/$csv.csv" > "$csvs/$csv.linux.jsonl" || true
  win match --json --photos "$(winpath "$examples")" --users "$(winpath "$csvs/$csv.csv")" > "$csvs/$csv.windows.jsonl" || true
  normalize_json "$csvs/$csv.linux.jsonl" "$examples" > "$csvs/$csv.linux.norm"
  normalize_json "$csvs/$csv.windows.jsonl" "$examples" > "$csvs/$csv.windows.norm"
  matched=$(grep -c '"matched"' "$csvs/$csv.linux.norm" || true)
  check test "$matched" -ge 5 "match ($csv): Linux pairs $matched files"
  check diff "$csvs/$csv.linux.norm" "$csvs/$csv.windows.norm" "match ($csv): Windows gives the same results as Linux"
done

# ---- the LDIF: byte for byte ---------------------------------------------------------------
ldif="$work/ldif"
mkdir -p "$ldif"
lin set --photos "$examples" --users "$users" --target "ldif:$ldif/linux.ldif" --quiet > /dev/null 2>&1 || true
win set --photos "$(winpath "$examples")" --users "$(winpath "$users")" --target "ldif:$(winpath "$ldif/windows.ldif")" \
  --quiet > /dev/null 2>&1 || true
entries=$(grep -c '^dn' "$ldif/linux.ldif" || true)
check test "$entries" -ge 5 "set --target ldif: Linux writes $entries entries"
check cmp "$ldif/linux.ldif" "$ldif/windows.ldif" "set --target ldif: the Windows LDIF is byte-identical"

# ---- a mapping CSV with Windows paths --------------------------------------------------------
map="$work/map"
mkdir -p "$map/rel" "$drive_c/Photos/sub"
cp "$examples/jsmith.jpg" "$drive_c/Photos/a.jpg"
cp "$examples/Anne.Wallace.jpg" "$drive_c/Photos/sub/Anne W.jpg"
cp "$examples/m.okafor.jpg" "$map/rel/m.okafor.jpg"
# As an administrator writes it in Excel: CRLF, an absolute path, mixed separators, a share
# that does not exist, and a path relative to the CSV written with a backslash.
printf '%s\r\n' 'AD_user,path_to_file' 'jsmith,C:\Photos\a.jpg' 'awallace,C:/Photos\sub/Anne W.jpg' \
  'ppatel,\\server\share\b.jpg' 'm.okafor,rel\m.okafor.jpg' > "$map/windows.csv"
# The same files by their Linux names, and a missing one in the share's place.
printf '%s\n' 'AD_user,path_to_file' "jsmith,$drive_c/Photos/a.jpg" "awallace,$drive_c/Photos/sub/Anne W.jpg" \
  'ppatel,/nonexistent/share/b.jpg' 'm.okafor,rel/m.okafor.jpg' > "$map/linux.csv"
win set --json --map "$(winpath "$map/windows.csv")" --users "$(winpath "$users")" \
  --target "ldif:$(winpath "$map/windows.ldif")" > "$map/windows.jsonl" 2> "$map/windows.err" && code=0 || code=$?
lin set --json --map "$map/linux.csv" --users "$users" --target "ldif:$map/linux.ldif" > "$map/linux.jsonl" 2>&1 || true
check test "$code" -eq 1 "a mapping CSV with an unreachable share: exit code 1 (some items need attention), got $code"
written=$(grep -c '^dn' "$map/windows.ldif" || true)
check test "$written" -eq 3 "C:\\Photos\\a.jpg, C:/Photos\\sub/Anne W.jpg and rel\\m.okafor.jpg are read ($written of 3 users in the LDIF)"
check cmp "$map/linux.ldif" "$map/windows.ldif" "the photos read through Windows paths give the Linux LDIF byte for byte"
share_line=$(grep -F '"user":"ppatel"' "$map/windows.jsonl" | head -n 1 || true)
check grep -q 'server' <<<"$share_line" "\\\\server\\share\\b.jpg is reported: ${share_line:0:200}"
check test -z "$(grep -il 'panic\|internal' "$map/windows.jsonl" "$map/windows.err" || true)" \
  "the unreachable share is an ordinary item error (no panic, no internal error)"

summary
