#!/usr/bin/env bash
# Installs what building (and, with "test", testing) ADPhoto needs on Debian or Ubuntu.
# Safe to run again: it installs only what is missing.
#   tests/setup.sh build   compilers and tools for the Rust library and CLI
#   tests/setup.sh package the above plus the MinGW cross-compiler for the Windows binaries
#   tests/setup.sh test    all of the above plus everything the test suite starts or calls
set -euo pipefail

what=${1:-build}
# libkrb5-dev and libclang-dev: Kerberos binding (the default `kerberos` feature).
# libheif-dev: HEIC/HEIF and AVIF (the default `heif` feature; Debian 12 has 1.15).
build_pkgs=(gcc g++ make cmake nasm pkg-config ca-certificates curl libkrb5-dev libclang-dev clang libheif-dev)
test_pkgs=()
# gcc-mingw-w64-x86-64: adphoto.exe and adphoto.dll, cross-built (tests/windows/build.sh).
[ "$what" = package ] || [ "$what" = test ] && test_pkgs+=(gcc-mingw-w64-x86-64 python3)
[ "$what" = test ] && test_pkgs+=(python3 slapd ldap-utils openssl krb5-user samba samba-ad-dc samba-ad-provision
  samba-dsdb-modules samba-vfs-modules winbind
  mono-devel valgrind chromium icc-profiles-free wine64 time)
# wine64: the Windows binaries run under Wine (tests/windows/run.sh).
# mono-devel: the module's C# interop class, compiled as C# 5 and driven under Mono.
# valgrind: the C program that exercises the C ABI runs under it.
# chromium: the review sheet is checked in a real browser (headless).
# icc-profiles-free: a real Adobe RGB profile file for the colour tests.
# time: GNU time measures a child's peak memory in the decompression-bomb tests.

missing=()
for p in "${build_pkgs[@]}" "${test_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  # slapd's package would otherwise build a default directory of its own.
  echo "slapd slapd/no_configuration boolean true" | ${SUDO:-} debconf-set-selections 2>/dev/null || true
  if ! command -v apt-get >/dev/null; then
    echo "setup: please install: ${missing[*]}" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q -o DPkg::Lock::Timeout=600 >/dev/null
  $sudo apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "setup: Rust is needed: https://rustup.rs (curl https://sh.rustup.rs -sSf | sh)" >&2
  exit 1
fi
