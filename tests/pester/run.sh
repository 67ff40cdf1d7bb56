#!/usr/bin/env bash
# Runs the Pester suite (tests/pester/*.Tests.ps1) against the BUILT module: the native
# library is copied into module/bin/<os>-<arch>/, a private OpenLDAP server is started on
# loopback (tests/services/openldap.sh) and seeded with test users, the Graph and Google
# stand-ins (tests/fakes) are started with the same users, and their addresses and
# credentials reach the tests through ADPHOTO_TEST_* environment variables.
#
#   tests/pester/run.sh
#
# Without pwsh on PATH it says so and exits 0 (PowerShell is not installable on the Linux
# build machines). Exits non-zero when a test fails or Pester 5 cannot be installed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if ! command -v pwsh >/dev/null 2>&1; then
  echo "pwsh not found: the Pester suite (tests/pester) did not run"
  exit 0
fi

# ---- Pester 5 -------------------------------------------------------------------------
has_pester='if (Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]"5.0" }) { exit 0 } else { exit 1 }'
if ! pwsh -NoLogo -NoProfile -NonInteractive -Command "$has_pester"; then
  echo "== Installing Pester 5 (Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser)"
  if ! pwsh -NoLogo -NoProfile -NonInteractive -Command \
      'Install-Module -Name Pester -MinimumVersion 5.0 -Force -Scope CurrentUser -SkipPublisherCheck -ErrorAction Stop'; then
    echo "Pester 5 could not be installed (no network?): the Pester suite (tests/pester) did not run" >&2
    exit 1
  fi
fi

# ---- The native library, where the module loads it from ------------------------------
case "$(uname -s)" in
  Linux) os=linux; file=libadphoto.so ;;
  Darwin) os=osx; file=libadphoto.dylib ;;
  *) echo "pester: unsupported system $(uname -s); run build.ps1 -Task Test instead" >&2; exit 2 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) arch="$(uname -m)" ;;
esac
target="${CARGO_TARGET_DIR:-$root/target}"
lib=""
for candidate in "$target/release/$file" "$target/debug/$file"; do
  if [ -f "$candidate" ] && { [ -z "$lib" ] || [ "$candidate" -nt "$lib" ]; }; then
    lib="$candidate"
  fi
done
if [ -z "$lib" ]; then
  echo "== cargo build -p adphoto-ffi (no native library built yet)"
  cargo build --quiet -p adphoto-ffi --manifest-path "$root/Cargo.toml"
  lib="$target/debug/$file"
fi
mkdir -p "$root/module/bin/$os-$arch"
cp -f "$lib" "$root/module/bin/$os-$arch/$file"
echo "== native library: $lib -> module/bin/$os-$arch/$file"

# ---- The OpenLDAP test server ---------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/adphoto-pester.XXXXXX")"
cleanup() {
  "$root/tests/services/openldap.sh" stop "$work/ldap" >/dev/null 2>&1 || true
  for pid_file in "$work"/*-fake.pid; do
    [ -f "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

info="$("$root/tests/services/openldap.sh" start "$work/ldap" --watch $$)"
value() { printf '%s\n' "$info" | sed -n "s/^$1=//p" | head -n 1; }
ldap_url="$(value LDAP_URL)"
admin_dn="$(value ADMIN_DN)"
password_file="$(value ADMIN_PASSWORD_FILE)"
base="$(value BASE)"
ou="ou=pester,ou=people,$base"

# Five users with the AD attributes the module matches on; pnophoto gets no photo file.
seed="$work/seed.ldif"
{
  printf 'dn: %s\nchangetype: add\nobjectClass: organizationalUnit\nou: pester\n\n' "$ou"
  while IFS=: read -r uid given sn number; do
    printf 'dn: uid=%s,%s\nchangetype: add\nobjectClass: inetOrgPerson\nobjectClass: adphotoTestUser\n' "$uid" "$ou"
    printf 'uid: %s\ncn: %s %s\ngivenName: %s\nsn: %s\nsAMAccountName: %s\n' "$uid" "$given" "$sn" "$given" "$sn" "$uid"
    mail="$(printf '%s.%s' "$given" "$sn" | tr '[:upper:]' '[:lower:]')@example.edu"
    printf 'userPrincipalName: %s@example.edu\nmail: %s\nemployeeID: %s\n\n' "$uid" "$mail" "$number"
  done <<'USERS'
pjones:Pat:Jones:P1001
pkhan:Sam:Khan:P1002
plee:Dana:Lee:P1003
pmorris:Alex:Morris:P1004
pnophoto:Robin:Nophoto:P1005
USERS
} > "$seed"
ldapmodify -x -H "$ldap_url" -D "$admin_dn" -y "$password_file" -f "$seed" >/dev/null

# Two sets of portraits (the generated examples, renamed after the users): the first run
# writes set 1, a later run replaces it with set 2 (so backups and restores have work).
examples="$root/rust/examples/photos"
mkdir -p "$work/photos" "$work/photos2"
cp "$examples/jsmith.jpg" "$work/photos/pjones.jpg"
cp "$examples/Anne.Wallace.jpg" "$work/photos/pkhan.jpg"
cp "$examples/Priya.Patel.png" "$work/photos/plee.png"
cp "$examples/Tom.Hendriks.jpg" "$work/photos/pmorris.jpg"
cp "$examples/m.okafor.jpg" "$work/photos2/pjones.jpg"
cp "$examples/E10423.jpg" "$work/photos2/pkhan.jpg"
cp "$examples/li.wei@example.edu.jpg" "$work/photos2/plee.jpg"
cp "$examples/José.García 648x648.jpg" "$work/photos2/pmorris.jpg"

# ---- The Microsoft Graph and Google Workspace stand-ins (tests/fakes) ------------------
# The same five users in a tenant and in a Workspace domain, so that every command runs on
# every service. Each fake prints "LISTENING <url>" once it serves; it is stopped on exit.
if [ ! -x "$target/debug/graph-fake" ] || [ ! -x "$target/debug/google-fake" ]; then
  echo "== cargo build -p adphoto-fakes"
  cargo build --quiet -p adphoto-fakes --manifest-path "$root/Cargo.toml"
fi
start_fake() {
  local name="$1"
  shift
  "$target/debug/$name" --no-stdin-watch "$@" > "$work/$name.out" 2> "$work/$name.err" &
  echo $! > "$work/$name.pid"
  local url=""
  for _ in $(seq 1 600); do
    url="$(sed -n 's/^LISTENING //p' "$work/$name.out" | head -n 1)"
    [ -n "$url" ] && break
    kill -0 "$(cat "$work/$name.pid")" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    echo "pester: $name did not start" >&2
    cat "$work/$name.err" >&2
    exit 1
  fi
  printf '%s\n' "$url"
}
{
  printf '['
  sep=''
  while IFS=: read -r uid given sn number; do
    printf '%s{"userPrincipalName":"%s@example.edu","mail":"%s@example.edu","givenName":"%s","surname":"%s","employeeId":"%s"}' \
      "$sep" "$uid" "$uid" "$given" "$sn" "$number"
    sep=','
  done <<'USERS'
pjones:Pat:Jones:P1001
pkhan:Sam:Khan:P1002
plee:Dana:Lee:P1003
pmorris:Alex:Morris:P1004
pnophoto:Robin:Nophoto:P1005
USERS
  printf ']'
} > "$work/graph-users.json"
sed -e 's/"userPrincipalName"/"primaryEmail"/g' -e 's/,"mail":"[^"]*"//g' -e 's/"surname"/"familyName"/g' \
  "$work/graph-users.json" > "$work/google-users.json"
graph_url="$(start_fake graph-fake --users "$work/graph-users.json")"
google_url="$(start_fake google-fake --users "$work/google-users.json" --admin admin@example.edu \
  --write-service-account "$work/google-key.json")"
export ADPHOTO_TEST_GRAPH_URL="$graph_url"
export ADPHOTO_TEST_GRAPH_CLIENT_ID="00000000-0000-0000-0000-00000000a11c"
export ADPHOTO_TEST_GRAPH_CLIENT_SECRET="fake-client-secret"
export ADPHOTO_TEST_GOOGLE_URL="$google_url"
export ADPHOTO_TEST_GOOGLE_KEY="$work/google-key.json"
export ADPHOTO_TEST_GOOGLE_ADMIN="admin@example.edu"

export ADPHOTO_TEST_SERVER="$(value LDAPS_URL)"
export ADPHOTO_TEST_CA_CERT="$(value CA_CERT)"
export ADPHOTO_TEST_BIND_DN="$admin_dn"
export ADPHOTO_TEST_PASSWORD_FILE="$password_file"
export ADPHOTO_TEST_SEARCH_BASE="$ou"
export ADPHOTO_TEST_LOG="$(value LOG)"
export ADPHOTO_TEST_PHOTOS="$work/photos"
export ADPHOTO_TEST_PHOTOS2="$work/photos2"
export ADPHOTO_TEST_WORK="$work"
# Default run folders (backups) go here, not into the home folder.
export XDG_DATA_HOME="$work/data"
export ADPHOTO_PESTER_PATH="$here"

# ---- Pester ---------------------------------------------------------------------------
echo "== Invoke-Pester $here (OpenLDAP at $ADPHOTO_TEST_SERVER, Graph at $graph_url, Google at $google_url)"
set +e
pwsh -NoLogo -NoProfile -NonInteractive -Command '
$ErrorActionPreference = "Stop"
Import-Module -Name Pester -MinimumVersion 5.0
$configuration = New-PesterConfiguration
$configuration.Run.Path = $env:ADPHOTO_PESTER_PATH
$configuration.Run.Exit = $true
$configuration.Output.Verbosity = "Detailed"
Invoke-Pester -Configuration $configuration
'
code=$?
set -e
if [ "$code" -ne 0 ]; then
  echo "pester: FAILED (exit code $code)" >&2
else
  echo "pester: all tests passed"
fi
exit "$code"
