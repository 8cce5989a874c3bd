#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Install it when we can; fail clearly when we can't.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "ERROR: the browser tests need Debian's Chromium at $CHROMIUM." >&2
echo "Install it with: sudo apt-get install chromium" >&2
exit 1
