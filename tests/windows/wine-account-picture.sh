#!/usr/bin/env bash
# `adphoto account-picture` with the real Windows registry implementation, under Wine: the
# pictures under C:\ProgramData\AccountPictures\{SID}\, the values under
# HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\AccountPicture\Users\{SID} read back with
# Wine's reg.exe; the same bytes and values as the Linux build's stand-in (--root); an
# unchanged run writes nothing; values pointed elsewhere are put back; rollback.
# Run by tests/windows/run.sh (see wine-lib.sh for what it provides).
set -euo pipefail
source "$(dirname "$0")/wine-lib.sh"

examples="$repo/rust/examples/photos"
sid=S-1-5-21-1004336348-1177238915-682003330-1104
key="HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\AccountPicture\\Users\\$sid"
folder="$drive_c/ProgramData/AccountPictures/$sid"
sizes=(32 40 48 64 96 192 200 208 240 424 448 1080)

# The Image* values of the user's key, one "name=value" per line, sorted.
registry_values() {
  wine_tool reg query "$key" 2>/dev/null | tr -d '\r' |
    sed -n 's/^[[:space:]]*\(Image[0-9]*\)[[:space:]][[:space:]]*REG_SZ[[:space:]][[:space:]]*\(.*\)$/\1=\2/p' | sort
}
# What a run's --json said: the user's status.
status_of() { python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["status"])' < "$1"; }
# Modification time and inode of every picture and the manifest: unchanged means not rewritten.
file_stamps() { find "$folder" -maxdepth 1 -type f -printf '%f %T@ %i\n' | sort; }

expected_values() {
  local n
  for n in "${sizes[@]}"; do
    printf 'Image%s=C:\\ProgramData\\AccountPictures\\%s\\Image%s.jpg\n' "$n" "$sid" "$n"
  done | sort
}

# ---- first sync: every size, and the registry ------------------------------------------------
win account-picture --json --sid "$sid" --user jsmith --photo "$(winpath "$examples/jsmith.jpg")" \
  > "$work/first.json" 2> "$work/first.err" && code=0 || code=$?
check test "$code" -eq 0 "account-picture (Windows registry): exit code $code $(head -c 300 "$work/first.err")"
check test "$(status_of "$work/first.json")" = written "the first sync writes the pictures"
missing=""
for n in "${sizes[@]}"; do
  [ -s "$folder/Image$n.jpg" ] || missing+=" $n"
done
check test -z "$missing" "C:\\ProgramData\\AccountPictures\\$sid\\Image{N}.jpg for every size (missing:${missing:- none})"
registry_values > "$work/values.first"
expected_values > "$work/values.expected"
check diff "$work/values.expected" "$work/values.first" "reg query $key: the 12 Image values point at the pictures"

# The Linux build, with its stand-in registry, gives the same pictures and the same values.
lin account-picture --json --sid "$sid" --user jsmith --photo "$examples/jsmith.jpg" --root "$work/linux-root" \
  > "$work/linux.json"
same=0
for n in "${sizes[@]}"; do
  cmp -s "$folder/Image$n.jpg" "$work/linux-root/ProgramData/AccountPictures/$sid/Image$n.jpg" && same=$((same + 1))
done
check test "$same" -eq 12 "the Windows pictures are byte-identical to the Linux build's ($same of 12)"
python3 - "$work/linux-root/registry.json" "$sid" > "$work/values.linux" <<'PY'
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
key = next(k for k in data if k.endswith(sys.argv[2]))
for name, value in sorted(data[key].items()):
    if name.startswith("Image"):
        print(f"{name}={value}")
PY
check diff <(sort "$work/values.linux") "$work/values.first" "the registry holds exactly what the Linux stand-in says Windows gets"
cp -r "$folder" "$work/first-set"

# ---- unchanged: nothing written ------------------------------------------------------------------
file_stamps > "$work/stamps.before"
wine_tool reg export "$key" "$(winpath "$work/before.reg")" /y > /dev/null 2>&1
win account-picture --json --sid "$sid" --user jsmith --photo "$(winpath "$examples/jsmith.jpg")" > "$work/again.json"
file_stamps > "$work/stamps.after"
wine_tool reg export "$key" "$(winpath "$work/after.reg")" /y > /dev/null 2>&1
check test "$(status_of "$work/again.json")" = unchanged "the same photo again: unchanged"
check diff "$work/stamps.before" "$work/stamps.after" "the unchanged run rewrote no file (same times and inodes)"
check cmp "$work/before.reg" "$work/after.reg" "the unchanged run left the registry key as it was"

# ---- someone points the registry elsewhere: only the values are put back -------------------------
wine_tool reg add "$key" /v Image448 /t REG_SZ /d 'C:\Users\Public\elsewhere.jpg' /f > /dev/null 2>&1
registry_values | grep -q 'elsewhere' && ok "Image448 pointed elsewhere (reg add)" || fail "reg add did not change Image448"
win account-picture --json --sid "$sid" --user jsmith --photo "$(winpath "$examples/jsmith.jpg")" > "$work/repair.json" || true
check diff "$work/values.expected" <(registry_values) "the next sync points Image448 back at the picture"
check diff "$work/stamps.before" <(file_stamps) "and rewrites no picture"

# ---- a new photo, then rollback ----------------------------------------------------------------
win account-picture --json --sid "$sid" --user jsmith --photo "$(winpath "$examples/Anne.Wallace.jpg")" > "$work/new.json" || true
check test "$(status_of "$work/new.json")" = written "a new photo is written"
check test -n "$(diff -rq "$work/first-set" "$folder" 2>/dev/null | grep Image || true)" "the pictures changed"
win account-picture --json --sid "$sid" --rollback > "$work/rollback.json" 2> "$work/rollback.err" && code=0 || code=$?
check test "$code" -eq 0 "--rollback: exit code $code $(head -c 300 "$work/rollback.err")"
back=0
for n in "${sizes[@]}"; do
  cmp -s "$folder/Image$n.jpg" "$work/first-set/Image$n.jpg" && back=$((back + 1))
done
check test "$back" -eq 12 "rollback puts the first pictures back ($back of 12)"
check diff "$work/values.expected" <(registry_values) "after rollback the registry still points at the pictures"

summary
