#!/usr/bin/env bash
# Checks that every shared library the window and the UI tests load at run
# time (scripts/runtime-libs.txt) can be found by the dynamic loader, and
# names the Debian package to install for each one that cannot. Exits 1 when
# one is missing. scripts/test.sh runs it after scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")"
ldconfig_bin=$(command -v ldconfig || echo /sbin/ldconfig)
if ! cache=$("$ldconfig_bin" -p 2>/dev/null); then
  echo "check_runtime: cannot run ldconfig -p; skipping the library check" >&2
  exit 0
fi
missing=()
while read -r soname package _; do
  case "$soname" in ''|'#'*) continue ;; esac
  if ! grep -qF -- "$soname " <<<"$cache"; then
    echo "check_runtime: $soname not found (Debian package $package)" >&2
    missing+=("$package")
  fi
done < runtime-libs.txt
# Mesa's DRI drivers live outside the loader's path.
if ! compgen -G "/usr/lib/*/dri/swrast_dri.so" >/dev/null && ! compgen -G "/usr/lib/dri/swrast_dri.so" >/dev/null; then
  echo "check_runtime: Mesa's swrast_dri.so not found (Debian package libgl1-mesa-dri)" >&2
  missing+=(libgl1-mesa-dri)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "check_runtime: the window cannot open without these; install them with:" >&2
  echo "  bash scripts/setup.sh   (or: apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "check_runtime: all $(grep -cvE '^\s*(#|$)' runtime-libs.txt) run-time libraries found" >&2
