#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build Shanhai, open its
# window and render its UI tests and screenshots without a display:
#   gcc libc6-dev ca-certificates   to build (C for mimalloc; crates.io over TLS)
#   the packages of scripts/runtime-libs.txt   the libraries the window loads
#                            at run time (X11, Wayland, xkbcommon, EGL/GL,
#                            Mesa's EGL/GLX/Vulkan drivers, the Vulkan loader)
#   libgl1-mesa-dri          Mesa's software OpenGL driver (swrast)
#   xvfb xauth               a virtual display for --screenshot
#   networkx (PyPI, for the python3 on PATH)   the test that reads the
#                            dynamic GEXF back (crates/shanhai-cli/tests/time.rs);
#                            Debian's python3-networkx where pip cannot install
# Only packages that are missing are installed; nothing happens when all are
# present. Needs root or sudo for apt-get. scripts/check_runtime.sh checks
# the result.
#
# With --with-opencc also:
#   libopencc-dev pkg-config  OpenCC's C++ library, for the cargo feature
#                            `opencc-cpp` of shanhai-core (the test suite
#                            checks that both backends agree)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pkgs=(gcc libc6-dev ca-certificates libgl1-mesa-dri xvfb xauth)
for arg in "$@"; do
  case "$arg" in
    --with-opencc) pkgs+=(libopencc-dev pkg-config) ;;
    *) echo "setup: unknown option $arg (known: --with-opencc)" >&2; exit 2 ;;
  esac
done
while read -r soname package _; do
  case "$soname" in ''|'#'*) continue ;; esac
  pkgs+=("$package")
done < "$here/runtime-libs.txt"
missing=()
if ! command -v python3 >/dev/null 2>&1; then
  pkgs+=(python3 python3-networkx)
elif ! python3 -c 'import networkx' 2>/dev/null; then
  echo "setup: installing networkx 3.4.2 from PyPI" >&2
  python3 -m pip install -q 'networkx==3.4.2' >/dev/null 2>&1 ||
    python3 -m pip install -q --user --break-system-packages 'networkx==3.4.2' >/dev/null 2>&1 ||
    pkgs+=(python3-networkx)
fi
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    case " ${missing[*]} " in *" $p "*) ;; *) missing+=("$p") ;; esac
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "setup: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
