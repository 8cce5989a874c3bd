#!/usr/bin/env bash
# `make docs` renders docs/flow.svg with Graphviz. Install it when we can; fail clearly when we can't.
set -euo pipefail
if command -v dot >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's graphviz for make docs…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq graphviz >/dev/null
  exit 0
fi
echo "ERROR: make docs needs Graphviz's dot." >&2
echo "Install it with: sudo apt-get install graphviz" >&2
exit 1
