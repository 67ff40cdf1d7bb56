#!/usr/bin/env bash
# Starts and stops a Samba 4 Active Directory domain controller on loopback for the
# tests: realm SAMDOM.TEST, DC dc1.samdom.test, LDAP on 389, LDAPS on 636, Kerberos KDC.
#
#   tests/services/samba.sh start DIR [--watch PID]   a clean domain (provisioned once, then copied)
#   tests/services/samba.sh restart DIR               the same domain again (after stop)
#   tests/services/samba.sh stop DIR
#
# `start` prints KEY=VALUE lines: LDAPS_URL, LDAP_URL, BASE, ADMIN_DN, ADMIN_UPN,
# ADMIN_PASSWORD_FILE, CA_CERT, REALM, DC_HOST, KRB5_CONFIG, SMB_CONF, LOG.
# Samba's ports are fixed, so one DC runs per machine (per network namespace): start
# stops any DC this script started in DIR before. Needs root (ports below 1024).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cmd=${1:?usage: samba.sh start|restart|stop DIR [--watch PID]}
dir=${2:?usage: samba.sh start|restart|stop DIR [--watch PID]}
watch=""
[ "${3:-}" = "--watch" ] && watch=${4:?--watch needs a PID}
realm=SAMDOM.TEST
domain=SAMDOM
host=dc1
fqdn=dc1.samdom.test
template=${ADPHOTO_SAMBA_TEMPLATE:-/var/tmp/adphoto-samba-template}
run="$dir/dc"

log() { echo "samba.sh: $*" >&2; }

install_if_missing() {
  command -v samba >/dev/null && command -v samba-tool >/dev/null && command -v ldapmodify >/dev/null \
    && command -v kinit >/dev/null && return
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  log "installing Samba"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 \
    samba samba-ad-dc samba-ad-provision samba-dsdb-modules samba-vfs-modules winbind ldap-utils openssl \
    krb5-user >/dev/null
}

stop_dc() {
  local pidfile="$run/run/samba.pid"
  [ -f "$pidfile" ] || return 0
  local pid; pid=$(cat "$pidfile")
  # Samba rewrites its process title: the pid file is the only reliable handle.
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  # Let the kernel release the fixed ports before a new DC binds them.
  for _ in $(seq 50); do
    port_in_use 636 || break
    sleep 0.1
  done
}

make_certs() {
  local d=$1
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=ADPhoto Samba Test CA" \
    -keyout "$d/ca.key" -out "$d/ca.crt" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$fqdn" -keyout "$d/server.key" -out "$d/server.csr" >/dev/null 2>&1
  printf 'subjectAltName=DNS:%s,DNS:%s,DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n' \
    "$fqdn" "$host" > "$d/ext.cnf"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 3650 \
    -extfile "$d/ext.cnf" -out "$d/server.crt" >/dev/null 2>&1
  chmod 600 "$d/server.key" "$d/ca.key"
}

provision_template() {
  [ -f "$template/ready" ] && return
  log "provisioning the test domain (once; about 20 s)"
  rm -rf "$template"
  mkdir -p "$template/run" "$template/tls" "$template/log"
  local password="Adm1n!$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  printf '%s' "$password" > "$template/admin.password"
  chmod 600 "$template/admin.password"
  samba-tool domain provision --targetdir="$template" --realm="$realm" --domain="$domain" \
    --server-role=dc --dns-backend=NONE --adminpass="$password" \
    --host-name="$host" --host-ip=127.0.0.1 \
    --option="interfaces = lo" --option="bind interfaces only = yes" \
    --option="server services = ldap, kdc" --option="pid directory = $template/run" \
    --option="ncalrpc dir = $template/run/ncalrpc" \
    --option="ntp signd socket directory = $template/run/ntp_signd" \
    --option="winbindd socket directory = $template/run/winbindd" \
    --option="smb passwd file = $template/private/smbpasswd" \
    --option="usershare path = $template/usershares" >"$template/provision.log" 2>&1
  # The KDC does not map ldap/ onto the DC's host/ names here: register it, so a
  # GSSAPI bind to ldap/dc1.samdom.test finds its key.
  samba-tool spn add "ldap/$fqdn" "${host^^}\$" -s "$template/etc/smb.conf" >/dev/null
  make_certs "$template/tls"
  # Options provision drops when passed as --option, and test-speed settings.
  sed -i "/^\[global\]/a\\
\tldap server require strong auth = no\\
\tldb:nosync = true\\
\tlog file = $template/log/samba.log\\
\tlog level = 1\\
\ttls enabled = yes\\
\ttls keyfile = $template/tls/server.key\\
\ttls certfile = $template/tls/server.crt\\
\ttls cafile = $template/tls/ca.crt" "$template/etc/smb.conf"
  cat > "$template/krb5.conf" <<KRB
[libdefaults]
    default_realm = $realm
    dns_lookup_realm = false
    dns_lookup_kdc = false
    rdns = false
[realms]
    $realm = {
        kdc = 127.0.0.1
    }
[domain_realm]
    .samdom.test = $realm
    samdom.test = $realm
KRB
  touch "$template/ready"
}

ensure_hosts_entry() {
  # Kerberos needs the DC's name to resolve (the service principal is ldap/dc1.samdom.test).
  grep -q "[[:space:]]$fqdn" /etc/hosts 2>/dev/null && return
  if [ -w /etc/hosts ]; then
    printf '127.0.0.1\t%s %s\n' "$fqdn" "$host" >> /etc/hosts
  else
    log "warning: cannot add $fqdn to /etc/hosts; Kerberos tests need it"
  fi
}

port_in_use() {
  (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null
}

launch() {
  # Another DC (or anything) on the fixed ports would answer in this one's place.
  for port in 389 636 88; do
    if port_in_use "$port"; then
      log "port $port is already in use on 127.0.0.1; stop what holds it (ss -ltnp | grep :$port)"
      exit 1
    fi
  done
  # The template's paths are baked into its configuration; the copy points them home.
  if [ "$run" != "$template" ]; then
    { grep -rlF "$template" "$run/etc" "$run/krb5.conf" 2>/dev/null || true; } | xargs -r sed -i "s#$template#$run#g"
  fi
  # One process by default (small, and enough for tests); benchmarks may ask for the
  # multi-process model a production DC resembles more.
  samba -s "$run/etc/smb.conf" -D -M "${ADPHOTO_SAMBA_MODEL:-single}"
  local pid=""
  for _ in $(seq 300); do
    [ -f "$run/run/samba.pid" ] && pid=$(cat "$run/run/samba.pid")
    if [ -n "$pid" ] && LDAPTLS_CACERT="$run/tls/ca.crt" ldapsearch -x -H ldaps://127.0.0.1 -b "" -s base \
        defaultNamingContext >/dev/null 2>&1; then
      break
    fi
    sleep 0.1
  done
  [ -n "$pid" ] || { log "samba did not start"; tail -20 "$run/log/samba.log" >&2 || true; exit 1; }
  if [ -n "$watch" ]; then
    ( while kill -0 "$watch" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do sleep 1; done
      kill "$pid" 2>/dev/null ) >/dev/null 2>&1 &
    disown
  fi
  cat <<OUT
LDAPS_URL=ldaps://127.0.0.1:636
LDAP_URL=ldap://127.0.0.1:389
BASE=DC=samdom,DC=test
ADMIN_DN=CN=Administrator,CN=Users,DC=samdom,DC=test
ADMIN_UPN=Administrator@samdom.test
ADMIN_PASSWORD_FILE=$run/admin.password
CA_CERT=$run/tls/ca.crt
REALM=$realm
DC_HOST=$fqdn
KRB5_CONFIG=$run/krb5.conf
SMB_CONF=$run/etc/smb.conf
LOG=$run/log/samba.log
OUT
}

case "$cmd" in
  start)
    install_if_missing
    provision_template
    ensure_hosts_entry
    stop_dc
    rm -rf "$run"
    mkdir -p "$dir"
    cp -a "$template" "$run"
    launch
    ;;
  restart)
    stop_dc
    launch
    ;;
  stop) stop_dc ;;
  *) echo "usage: samba.sh start|restart|stop DIR [--watch PID]" >&2; exit 2 ;;
esac
