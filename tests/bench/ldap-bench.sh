#!/usr/bin/env bash
# LDAP benchmark: adphoto against ldapmodify on 5,000 users in a Samba AD DC.
#   tests/bench/ldap-bench.sh [--users N] [--rounds R]
# Needs root (Samba listens on the fixed ports 389/636). ADPHOTO_SAMBA_MODEL=prefork
# runs the DC with several processes, closer to a production domain controller.
set -euo pipefail
cd "$(dirname "$0")/../.."
tests/setup.sh test
cargo build --release --quiet -p adphoto-cli -p adphoto-bench --bin adphoto --bin ldap-bench
"${CARGO_TARGET_DIR:-target}/release/ldap-bench" "$@"
