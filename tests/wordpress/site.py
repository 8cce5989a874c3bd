"""A real WordPress from Debian's packages, on loopback, with the plugin installed.

Nothing is downloaded: WordPress, its default theme, MariaDB and PHP come from
Debian (``scripts/ensure-wordpress.sh`` installs them as root). Everything else
lives in one temporary folder: a private MariaDB (socket only, no TCP port), a
document root of symlinks to /usr/share/wordpress with our own wp-config.php,
and wp-content with the plugin copied in. ``php -S`` serves it.

``python -m tests.wordpress.site`` (``make wordpress``) starts the same site
with the widget for a person to try.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.request import urlopen

from tests.browser.conftest import Server, free_port, start_server

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "integrations" / "wordpress" / "bleeding-check"
WP_TOOL = Path(__file__).with_name("wp-tool.php")
WORDPRESS = Path("/usr/share/wordpress")
THEMES = WORDPRESS / "wp-content" / "themes"
MARIADBD = "/usr/sbin/mariadbd"
PARTNER = "wordpress-test"
ADMIN, PASSWORD = "admin", "bleeding-check-test"
NEEDED = {
    "wordpress": WORDPRESS / "wp-settings.php",
    "wordpress-theme-twentytwentythree": THEMES / "twentytwentythree" / "theme.json",
    "mariadb-server": Path(MARIADBD),
    "php-cli": Path("/usr/bin/php"),
}


def missing_packages() -> list[str]:
    return [package for package, path in NEEDED.items() if not path.exists()]


@dataclass
class Site:
    folder: Path
    base: str  # the WordPress origin
    widget: Server
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    posts: dict[str, str] = field(default_factory=dict)  # name -> URL
    logs: list[IO[bytes]] = field(default_factory=list)

    @property
    def docroot(self) -> Path:
        return self.folder / "root"

    def tool(self, *args: str) -> str:
        result = subprocess.run(
            ["php", str(WP_TOOL), str(self.docroot), *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"wp-tool {args[0]} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout.strip()

    def widget_url(self, lang: str = "en") -> str:
        return f"{self.widget.base}/?partner={PARTNER}&lang={lang}"

    def debug_log(self) -> str:
        log = self.folder / "debug.log"
        return log.read_text(errors="replace") if log.exists() else ""

    def stop(self) -> None:
        for process in reversed(self.processes):
            # Each runs in its own process group: php -S forks workers.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        self.widget.stop()
        for log in self.logs:
            log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _wait(what: str, ready: object, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(ready) and ready():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {seconds:.0f} s")


def _start_database(folder: Path, site: Site) -> str:
    data, socket = folder / "db", folder / "mysqld.sock"
    user = ["--user=root"] if os.geteuid() == 0 else []
    subprocess.run(
        [
            "mariadb-install-db",
            "--no-defaults",
            f"--datadir={data}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
            *user,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    log = (folder / "mariadb.log").open("wb")
    site.logs.append(log)
    process = subprocess.Popen(
        [
            MARIADBD,
            "--no-defaults",
            f"--datadir={data}",
            f"--socket={socket}",
            f"--pid-file={folder / 'mysqld.pid'}",
            "--skip-networking",
            "--skip-log-bin",
            "--innodb-buffer-pool-size=16M",
            "--performance-schema=OFF",
            *user,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    site.processes.append(process)

    def up() -> bool:
        if process.poll() is not None:
            raise RuntimeError("MariaDB stopped:\n" + (folder / "mariadb.log").read_text())
        return (
            subprocess.run(
                ["mariadb", "--no-defaults", f"--socket={socket}", "-uroot", "-e", "SELECT 1"],
                capture_output=True,
                check=False,
            ).returncode
            == 0
        )

    _wait("MariaDB", up)
    subprocess.run(
        [
            "mariadb",
            "--no-defaults",
            f"--socket={socket}",
            "-uroot",
            "-e",
            "CREATE DATABASE wordpress CHARACTER SET utf8mb4",
        ],
        check=True,
        capture_output=True,
    )
    return str(socket)


def _write_docroot(folder: Path, base: str, socket: str, widget_port: int) -> Path:
    docroot = folder / "root"
    docroot.mkdir()
    for entry in WORDPRESS.iterdir():
        if entry.name not in ("wp-config.php", "wp-content"):
            (docroot / entry.name).symlink_to(entry)
    content = docroot / "wp-content"
    (content / "plugins").mkdir(parents=True)
    (content / "mu-plugins").mkdir()
    (content / "uploads").mkdir()
    (content / "themes").symlink_to(THEMES)
    shutil.copytree(PLUGIN, content / "plugins" / PLUGIN.name)
    # Test site only: WordPress fetches oEmbed answers only from ports 80, 443
    # and 8080 (wp_http_validate_url); the widget here listens on another port.
    (content / "mu-plugins" / "test-widget-port.php").write_text(
        "<?php\nadd_filter( 'http_allowed_safe_ports', function ( $ports ) {\n"
        f"\t$ports[] = {widget_port};\n\treturn $ports;\n}} );\n"
    )
    salts = "\n".join(
        f"define( '{name}', '{secrets.token_hex(24)}' );"
        for name in (
            "AUTH_KEY",
            "SECURE_AUTH_KEY",
            "LOGGED_IN_KEY",
            "NONCE_KEY",
            "AUTH_SALT",
            "SECURE_AUTH_SALT",
            "LOGGED_IN_SALT",
            "NONCE_SALT",
        )
    )
    (docroot / "wp-config.php").write_text(
        f"""<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', 'localhost:{socket}' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
{salts}
$table_prefix = 'wp_';
define( 'WP_HOME', '{base}' );
define( 'WP_SITEURL', '{base}' );
define( 'WP_CONTENT_DIR', '{content}' );
define( 'WP_CONTENT_URL', '{base}/wp-content' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '{folder / "debug.log"}' );
define( 'WP_DEBUG_DISPLAY', false );
// No download from the internet, ever: only this computer is reachable.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'DISABLE_WP_CRON', true );
define( 'WP_AUTO_UPDATE_CORE', false );
if ( ! defined( 'ABSPATH' ) ) {{
\tdefine( 'ABSPATH', __DIR__ . '/' );
}}
require_once ABSPATH . 'wp-settings.php';
"""
    )
    # php -S resolves symlinks, and WordPress finds wp-config.php next to
    # wp-load.php (ABSPATH) unless ABSPATH is already defined: the router
    # defines it, then runs the requested script (or lets php -S serve a file).
    (folder / "router.php").write_text(
        f"""<?php
define( 'ABSPATH', '{docroot}/' );
$path = rawurldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
if ( false !== strpos( $path, '..' ) ) {{
\thttp_response_code( 400 );
\treturn true;
}}
$file = ABSPATH . ltrim( $path, '/' );
if ( is_dir( $file ) ) {{
\t$path = rtrim( $path, '/' ) . '/index.php';
\t$file = rtrim( $file, '/' ) . '/index.php';
}}
if ( ! file_exists( $file ) ) {{
\t$path = '/index.php';
\t$file = ABSPATH . 'index.php';
}}
if ( '.php' !== substr( $file, -4 ) ) {{
\treturn false;
}}
$_SERVER['SCRIPT_NAME']     = $path;
$_SERVER['PHP_SELF']        = $path;
$_SERVER['SCRIPT_FILENAME'] = $file;
chdir( dirname( $file ) );
require $file;
"""
    )
    return docroot


def start_site(port: int = 0, widget_port: int = 0) -> Site:
    """Start the widget, MariaDB and WordPress; install WordPress and the plugin."""
    if missing := missing_packages():
        raise RuntimeError(
            "the WordPress tests need Debian's "
            + ", ".join(missing)
            + ": run `make wordpress-packages` as root (or apt-get install them)"
        )
    port = port or free_port()
    widget_port = widget_port or free_port()
    base = f"http://127.0.0.1:{port}"
    folder = Path(tempfile.mkdtemp(prefix="bleeding-check-wp-"))
    partners = folder / "partners.toml"
    partners.write_text(
        f"""[partners.{PARTNER}]
name = "WordPress test site"
allowed_origins = ["{base}"]
demo = true
oembed = true
region = "AU"
"""
    )
    widget = start_server(
        {
            "WIDGET_PARTNERS": str(partners),
            "WIDGET_PUBLIC_URL": f"http://127.0.0.1:{widget_port}",
        },
        port=widget_port,
    )
    site = Site(folder, base, widget)
    try:
        socket = _start_database(folder, site)
        _write_docroot(folder, base, socket, widget_port)
        log = (folder / "php.log").open("wb")
        site.logs.append(log)
        server = subprocess.Popen(
            ["php", "-S", f"127.0.0.1:{port}", "-t", str(site.docroot), str(folder / "router.php")],
            env={**os.environ, "PHP_CLI_SERVER_WORKERS": "4"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        site.processes.append(server)

        def up() -> bool:
            try:
                with urlopen(base + "/wp-includes/images/blank.gif", timeout=2):
                    return True
            except OSError:
                return False

        _wait("php -S", up)
        site.tool("install", "Bleeding check test site", ADMIN, PASSWORD)
        site.tool("activate")
        site.tool("options", widget.base, PARTNER, "en")
        site.posts["shortcode"] = site.tool(
            "post", "A post with the shortcode", f'[bleeding_check partner="{PARTNER}"]'
        )
        site.posts["block"] = site.tool(
            "post",
            "A post with the block",
            '<!-- wp:bleeding-check/check {"lang":"es"} /-->',
        )
        site.posts["url"] = site.tool("post", "A post with the widget URL", embed_block(site))
        # Same URL, another post with its own oEmbed cache, for the plugin-inactive test.
        site.posts["url-inactive"] = site.tool(
            "post", "The widget URL without the plugin", embed_block(site)
        )
    except BaseException:
        site.stop()
        raise
    return site


def embed_block(site: Site) -> str:
    """What the block editor saves when an editor pastes the URL on its own line."""
    url = site.widget_url()
    return (
        f"<!-- wp:paragraph --><p>Before the check.</p><!-- /wp:paragraph -->\n"
        f'<!-- wp:embed {{"url":"{url}","type":"rich"}} -->\n'
        f'<figure class="wp-block-embed is-type-rich"><div class="wp-block-embed__wrapper">\n'
        f"{url}\n</div></figure>\n<!-- /wp:embed -->\n"
        f"<!-- wp:paragraph --><p>After the check.</p><!-- /wp:paragraph -->"
    )


def main() -> None:
    port = int(os.environ.get("WP_PORT", "8081"))
    site = start_site(port=port, widget_port=int(os.environ.get("WIDGET_PORT", "8082")))
    print(
        f"WordPress:  {site.base}/  (admin: {site.base}/wp-admin/"
        f"  user {ADMIN!r}, password {PASSWORD!r})"
    )
    print(f"Widget:     {site.widget.base}/  partner {PARTNER!r} (oEmbed on)")
    for name, url in site.posts.items():
        print(f"Post ({name}): {url}")
    print(f"Files:      {site.folder}  (removed on exit)")
    print("Press Ctrl+C to stop.", flush=True)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while all(process.poll() is None for process in site.processes):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        site.stop()
    sys.exit(0)


if __name__ == "__main__":
    main()
