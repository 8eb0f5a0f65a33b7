#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build Shanhai, open its
# window and render its UI tests and screenshots without a display:
#   gcc libc6-dev            C compiler and headers for crates that build C
#   libxkbcommon-x11-0       keyboard handling for the X11 window
#   mesa-vulkan-drivers      a software renderer (lavapipe) for wgpu
#   libegl1 libegl-mesa0 libgl1-mesa-dri   the GL fallback renderer
#   xvfb                     a virtual display for --screenshot
# Only packages that are missing are installed; nothing happens when all are
# present. Needs root or sudo for apt-get.
set -euo pipefail
pkgs=(gcc libc6-dev libxkbcommon-x11-0 mesa-vulkan-drivers libegl1 libegl-mesa0 libgl1-mesa-dri xvfb xauth)
missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
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
