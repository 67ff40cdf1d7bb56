#!/usr/bin/env bash
# Starts and stops a private OpenLDAP server on loopback for the tests.
#
#   tests/services/openldap.sh start DIR [--watch PID]   a fresh directory (installing slapd if needed)
#   tests/services/openldap.sh restart DIR [--watch PID] the same directory again, same ports
#   tests/services/openldap.sh stop DIR
#
# `start` prints shell-style KEY=VALUE lines: LDAP_URL, LDAPS_URL, BASE, ADMIN_DN,
# ADMIN_PASSWORD_FILE, CA_CERT, LOG. With --watch, the server stops by itself when
# process PID ends (a test run that crashes leaves nothing running).
#
# The directory: dc=example,dc=edu with ou=people; inetOrgPerson users may carry the
# AD attributes thumbnailPhoto (at most 102400 bytes, like AD), employeeID,
# sAMAccountName and userPrincipalName (tests/services/adphoto-test.schema). Users can
# write their own photos; only the admin and cn=photo-writer write anyone's.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cmd=${1:?usage: openldap.sh start|stop DIR [--watch PID]}
dir=${2:?usage: openldap.sh start|stop DIR [--watch PID]}
watch=""
[ "${3:-}" = "--watch" ] && watch=${4:?--watch needs a PID}

stop() {
  if [ -f "$dir/slapd.pid" ]; then
    pid=$(cat "$dir/slapd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/slapd.pid"
  fi
}

install_if_missing() {
  [ -x /usr/sbin/slapd ] && command -v ldapmodify >/dev/null && command -v openssl >/dev/null && return
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  echo "slapd slapd/no_configuration boolean true" | $sudo debconf-set-selections
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=600 slapd ldap-utils openssl >/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

make_certs() {
  local d=$1
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=ADPhoto Test CA" \
    -keyout "$d/ca.key" -out "$d/ca.crt" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$d/server.key" -out "$d/server.csr" >/dev/null 2>&1
  printf 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$d/ext.cnf"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial \
    -days 3650 -extfile "$d/ext.cnf" -out "$d/server.crt" >/dev/null 2>&1
  chmod 600 "$d/server.key"
}

start() {
  install_if_missing
  stop
  rm -rf "$dir/db"
  mkdir -p "$dir/db"
  [ -f "$dir/server.crt" ] || make_certs "$dir"
  local password="Adm1n-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  printf '%s' "$password" > "$dir/admin.password"
  chmod 600 "$dir/admin.password"
  local port tls_port
  port=$(free_port); tls_port=$(free_port)
  cat > "$dir/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/nis.schema
include /etc/ldap/schema/inetorgperson.schema
include $here/adphoto-test.schema
pidfile $dir/slapd.pid
moduleload back_mdb
moduleload constraint
# Like AD's MaxPageSize: more than 500 entries only through the paged results
# control (the administrator, as rootdn, has no limit).
sizelimit size.soft=500 size.hard=500 size.pr=500 size.prtotal=unlimited
TLSCACertificateFile $dir/ca.crt
TLSCertificateFile $dir/server.crt
TLSCertificateKeyFile $dir/server.key
database mdb
maxsize 1073741824
suffix "dc=example,dc=edu"
rootdn "cn=admin,dc=example,dc=edu"
rootpw $password
directory $dir/db
dbnosync
index objectClass,uid,mail,employeeID,sAMAccountName eq
overlay constraint
constraint_attribute thumbnailPhoto size 102400
access to attrs=userPassword
  by self write by anonymous auth by * none
access to attrs=thumbnailPhoto,jpegPhoto
  by dn.exact="cn=photo-writer,dc=example,dc=edu" write
  by self write
  by users read
  by * none
access to *
  by users read
  by * none
CONF
  cat > "$dir/base.ldif" <<LDIF
dn: dc=example,dc=edu
objectClass: dcObject
objectClass: organization
o: Example School
dc: example

dn: ou=people,dc=example,dc=edu
objectClass: organizationalUnit
ou: people

dn: cn=photo-writer,dc=example,dc=edu
objectClass: person
objectClass: simpleSecurityObject
cn: photo-writer
sn: writer
userPassword: $password
LDIF
  /usr/sbin/slapadd -f "$dir/slapd.conf" -l "$dir/base.ldif" >/dev/null 2>&1
  echo "$port $tls_port" > "$dir/ports"
  launch
}

launch() {
  local port tls_port
  read -r port tls_port < "$dir/ports"
  # -d stats: every operation is logged (conn=N op=M MOD dn=...), which is how tests
  # prove what was and was not written.
  /usr/sbin/slapd -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$port/ ldaps://127.0.0.1:$tls_port/" \
    -d stats >> "$dir/slapd.log" 2>&1 &
  local slapd_pid=$!
  for _ in $(seq 100); do
    ldapsearch -x -H "ldap://127.0.0.1:$port" -b "" -s base >/dev/null 2>&1 && break
    kill -0 "$slapd_pid" 2>/dev/null || { tail -20 "$dir/slapd.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "$slapd_pid" > "$dir/slapd.pid"
  if [ -n "$watch" ]; then
    ( while kill -0 "$watch" 2>/dev/null && kill -0 "$slapd_pid" 2>/dev/null; do sleep 1; done
      kill "$slapd_pid" 2>/dev/null ) >/dev/null 2>&1 &
    disown
  fi
  cat <<OUT
LDAP_URL=ldap://127.0.0.1:$port
LDAPS_URL=ldaps://127.0.0.1:$tls_port
BASE=dc=example,dc=edu
ADMIN_DN=cn=admin,dc=example,dc=edu
WRITER_DN=cn=photo-writer,dc=example,dc=edu
ADMIN_PASSWORD_FILE=$dir/admin.password
CA_CERT=$dir/ca.crt
LOG=$dir/slapd.log
OUT
}

case "$cmd" in
  start) rm -f "$dir/slapd.log"; start ;;
  restart) stop; launch ;;
  stop) stop ;;
  *) echo "usage: openldap.sh start|stop DIR [--watch PID]" >&2; exit 2 ;;
esac
