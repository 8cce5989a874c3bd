#!/usr/bin/env bash
# Makes sure Debian's WordPress, its default theme, MariaDB and PHP are installed
# for tests/browser/test_wordpress.py and `make wordpress`: installs them when we are root,
# otherwise fails with a clear message. Never skips silently. Nothing else is
# downloaded: the test site is built from these packages only.
set -euo pipefail
packages=(wordpress wordpress-theme-twentytwentythree php-cli php-mysql mariadb-server)
needed=(/usr/share/wordpress/wp-settings.php
        /usr/share/wordpress/wp-content/themes/twentytwentythree/theme.json
        /usr/bin/php /usr/sbin/mariadbd /usr/bin/mariadb-install-db)
missing() {
  for path in "${needed[@]}"; do [ -e "$path" ] || return 0; done
  # A here-string, not a pipe: `grep -q` stops reading at its first match, and
  # under pipefail the writer's SIGPIPE would fail the check at random.
  grep -qx mysqli <<<"$(php -m 2>/dev/null)" || return 0
  return 1
}
missing || exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${packages[*]} for the WordPress tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  missing || exit 0
fi
echo "ERROR: the WordPress tests (tests/browser/test_wordpress.py) and \`make wordpress\` need Debian's ${packages[*]}." >&2
echo "Install them with: sudo apt-get install --no-install-recommends ${packages[*]}" >&2
exit 1
