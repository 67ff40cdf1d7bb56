#!/usr/bin/env bash
# `adphoto set` from the Windows adphoto.exe, under Wine, to a real Samba AD DC on loopback over
# LDAPS, the CA verified with --ca-cert: photos written; replaced by new ones (the old ones
# backed up under %LOCALAPPDATA%\ADPhoto\backups); an unchanged run that sends nothing (no
# object's uSNChanged moves); then `restore` puts the first photos back, byte for byte.
# Run by tests/windows/run.sh (see wine-lib.sh for what it provides). Needs root (Samba's
# ports are fixed): tests/run.sh runs as root; by hand, inside tests' isolated namespace.
set -euo pipefail
source "$(dirname "$0")/wine-lib.sh"

examples="$repo/rust/examples/photos"
info=$("$repo/tests/services/samba.sh" start "$work/samba" --watch $$)
trap '"$repo/tests/services/samba.sh" stop "$work/samba" >/dev/null 2>&1 || true' EXIT
value() { printf '%s\n' "$info" | sed -n "s/^$1=//p" | head -n 1; }
ldaps=$(value LDAPS_URL)
base=$(value BASE)
admin=$(value ADMIN_UPN)
password_file=$(value ADMIN_PASSWORD_FILE)
ca=$(value CA_CERT)
ldap() { LDAPTLS_CACERT="$ca" "$1" -x -H "$ldaps" -D "$admin" -y "$password_file" "${@:2}"; }

# Three enabled users (a password, userAccountControl 512) in a fresh OU, and two sets of
# photos named after them.
ou="OU=wine-$$,$base"
users=(wjones wkhan wlee)
password=$(printf '"Ph0to-Wine!%s"' "$$" | iconv -f utf-8 -t utf-16le | base64 -w0)
{
  printf 'dn: %s\nchangetype: add\nobjectClass: organizationalUnit\n\n' "$ou"
  for u in "${users[@]}"; do
    printf 'dn: CN=%s,%s\nchangetype: add\nobjectClass: user\nsAMAccountName: %s\nuserPrincipalName: %s@samdom.test\n' \
      "$u" "$ou" "$u" "$u"
    printf 'unicodePwd:: %s\nuserAccountControl: 512\n\n' "$password"
  done
} > "$work/users.ldif"
ldap ldapmodify -f "$work/users.ldif" > /dev/null
mkdir -p "$work/set1" "$work/set2"
cp "$examples/jsmith.jpg" "$work/set1/wjones.jpg"
cp "$examples/Anne.Wallace.jpg" "$work/set1/wkhan.jpg"
cp "$examples/Priya.Patel.png" "$work/set1/wlee.png"
cp "$examples/m.okafor.jpg" "$work/set2/wjones.jpg"
cp "$examples/E10423.jpg" "$work/set2/wkhan.jpg"
cp "$examples/Tom.Hendriks.jpg" "$work/set2/wlee.jpg"

# The photo (SHA-256) and uSNChanged of each test user, one line each.
directory_state() {
  local u
  for u in "${users[@]}"; do
    ldap ldapsearch -LLL -o ldif-wrap=no -s base -b "CN=$u,$ou" thumbnailPhoto uSNChanged |
      python3 -c '
import base64, hashlib, sys
photo, usn = "-", "?"
for line in sys.stdin:
    name, _, rest = line.rstrip("\n").partition(":")
    if name == "thumbnailPhoto":
        photo = hashlib.sha256(base64.b64decode(rest.lstrip(": ").strip())).hexdigest()
    elif name == "uSNChanged":
        usn = rest.strip()
print(sys.argv[1], photo, usn)' "$u"
  done
}
photos_only() { cut -d' ' -f1,2 "$1"; }
set_photos() {
  win set --json --server "$ldaps" --ca-cert "$(winpath "$ca")" --bind "$admin" \
    --password-file "$(winpath "$password_file")" --search-base "$ou" --photos "$(winpath "$1")"
}
count() { grep -c "\"$1\"" "$2" || true; }

# ---- first run: three photos written --------------------------------------------------------
set_photos "$work/set1" > "$work/run1.jsonl" 2> "$work/run1.err" && code=0 || code=$?
check test "$code" -eq 0 "set over LDAPS with --ca-cert: exit code $code $(head -c 300 "$work/run1.err")"
check test "$(count written "$work/run1.jsonl")" -eq 3 "three photos written"
directory_state > "$work/state1"
check test "$(grep -c ' - ' "$work/state1" || true)" -eq 0 "every user has a thumbnailPhoto now"
# The photo in the directory is the one the Linux build makes of the same file.
lin convert --out-dir "$work/linux-ad" "$work/set1/wjones.jpg" > /dev/null 2>&1
written=$(ldap ldapsearch -LLL -o ldif-wrap=no -s base -b "CN=wjones,$ou" thumbnailPhoto |
  sed -n 's/^thumbnailPhoto:: //p' | base64 -d | sha256sum | cut -d' ' -f1)
check test "$written" = "$(sha256sum < "$work/linux-ad/wjones.jpg" | cut -d' ' -f1)" \
  "the photo written is byte-identical to the Linux build's conversion"

# ---- second run: new photos, the old ones backed up under %LOCALAPPDATA% --------------------
run_manifests() { find "$drive_c/users" -path '*/AppData/Local/ADPhoto/backups/*' -name manifest.jsonl 2>/dev/null | LC_ALL=C sort; }
run_manifests > "$work/manifests-before-run2"
set_photos "$work/set2" > "$work/run2.jsonl" 2> "$work/run2.err" && code=0 || code=$?
check test "$code" -eq 0 -a "$(count written "$work/run2.jsonl")" -eq 3 "new photos replace the old ones (exit code $code)"
backups=$(run_manifests)
# The second run's folder is the one it created, not the last in name order: two runs in
# one second are named STAMP and STAMP-2, and "STAMP-2/" sorts before "STAMP/".
run2=$(dirname "$(printf '%s\n' "$backups" | LC_ALL=C comm -13 "$work/manifests-before-run2" - | head -n 1)")
check test "$(printf '%s\n' "$backups" | grep -c . || true)" -ge 1 \
  "the run folders are under %LOCALAPPDATA%\\ADPhoto\\backups ($(printf '%s' "$backups" | sed "s#$drive_c#C:#" | tr '\n' ' '))"
check test "$(grep -c . "$run2/manifest.jsonl" 2>/dev/null || echo 0)" -eq 3 "the second run backed up the three photos it replaced"
directory_state > "$work/state2"

# ---- unchanged: nothing sent ----------------------------------------------------------------------
set_photos "$work/set2" > "$work/run3.jsonl" 2> "$work/run3.err" && code=0 || code=$?
check test "$code" -eq 0 -a "$(count skip-unchanged "$work/run3.jsonl")" -eq 3 "the same photos again: all unchanged (exit code $code)"
directory_state > "$work/state3"
check diff "$work/state2" "$work/state3" "the unchanged run sent nothing (no uSNChanged moved)"

# ---- restore: the first photos back ----------------------------------------------------------------
win restore --json --server "$ldaps" --ca-cert "$(winpath "$ca")" --bind "$admin" \
  --password-file "$(winpath "$password_file")" --backup-dir "$(winpath "$run2")" \
  > "$work/restore.jsonl" 2> "$work/restore.err" && code=0 || code=$?
check test "$code" -eq 0 "restore --backup-dir (Windows path): exit code $code $(head -c 300 "$work/restore.err")"
directory_state > "$work/state4"
check diff <(photos_only "$work/state1") <(photos_only "$work/state4") "restore put the first photos back, byte for byte"

summary
