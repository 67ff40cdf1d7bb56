#!/usr/bin/env bash
# The photo benchmark, end to end: installs the peers that are missing, builds adphoto
# and photo-bench in release, and runs photo-bench. See tests/bench/README.md.
#   tests/bench/photo-bench.sh [--photos N] [--corpus DIR] [--json FILE] [--repetitions N]
# Honours CARGO_TARGET_DIR; otherwise builds into the workspace's target/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q -o DPkg::Lock::Timeout=600 >/dev/null
  $sudo apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "$@" >/dev/null
}

# Compilers, cmake and nasm for libjpeg-turbo: the project's own setup knows the list.
"$root/tests/setup.sh" build

peers=()
command -v vipsthumbnail >/dev/null || peers+=(libvips-tools)
command -v convert-im6.q16 >/dev/null || peers+=(imagemagick)
command -v python3 >/dev/null || peers+=(python3 python3-pip)
if [ ${#peers[@]} -gt 0 ]; then
  echo "photo-bench: installing ${peers[*]}" >&2
  apt_install "${peers[@]}"
fi
if ! python3 -c 'import PIL' 2>/dev/null; then
  echo "photo-bench: installing Pillow" >&2
  # A Debian system Python refuses pip installs (PEP 668); its own package will do.
  python3 -m pip install -q pillow 2>/dev/null || apt_install python3-pil
fi

target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --release --manifest-path "$root/Cargo.toml" -p adphoto-cli -p adphoto-bench

exec "$target/release/photo-bench" --adphoto "$target/release/adphoto" "$@"
