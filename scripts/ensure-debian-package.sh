#!/usr/bin/env bash
# Usage: ensure-debian-package.sh PACKAGE COMMAND "WHAT NEEDS IT" [APT-GET OPTION…]
# Makes sure COMMAND (a path or a name on PATH) exists: installs Debian's PACKAGE
# when we are root, otherwise fails with a clear message. Never skips silently.
# Options after the third argument go to `apt-get install` (--no-install-recommends).
set -euo pipefail
package=$1 command=$2 purpose=$3
shift 3
if command -v "$command" >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's $package for $purpose…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "$@" "$package" >/dev/null
  command -v "$command" >/dev/null 2>&1 && exit 0
fi
echo "ERROR: $purpose needs Debian's $package ($command)." >&2
echo "Install it with: sudo apt-get install $package" >&2
exit 1
