"""Screenshots of every step and outcome for review: `make screenshots`.

    .venv/bin/python scripts/screenshots.py en ar en_XA

Walks the same journeys as the accessibility audit (every question, an error,
every outcome level, the error pages) in each listed locale at 360 and 1024 CSS
px, JavaScript off, and writes full-page PNGs into a temporary folder (or
$SCREENSHOT_DIR). Locales that are not shipped yet (not in widget.i18n.locales.LOCALES)
are skipped and named.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.browser.a11y import new_context, walk  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_server  # noqa: E402
from widget.i18n.locales import LOCALES_BY_CODE  # noqa: E402

WIDTHS = (360, 1024)


def main(requested: list[str]) -> int:
    requested = requested or ["en", "ar", "en_XA"]
    shipped = [code for code in requested if code in LOCALES_BY_CODE]
    skipped = [code for code in requested if code not in LOCALES_BY_CODE]
    if skipped:
        print("Skipped (not shipped yet):", ", ".join(skipped))
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="bleeding-check-"))
    folder.mkdir(parents=True, exist_ok=True)
    server = start_server({"WIDGET_REGION": "AU"})
    count = 0
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for code in shipped:
                for width in WIDTHS:
                    context = new_context(browser, False, width=width, height=800)
                    page = context.new_page()

                    def shoot(
                        name: str, code: str = code, width: int = width, page: Page = page
                    ) -> None:
                        path = folder / f"{code}-{width}-{name.replace(':', '-')}.png"
                        page.screenshot(path=str(path), full_page=True)

                    walk(page, server.base, code, False, shoot)
                    context.close()
                    count += len(list(folder.glob(f"{code}-{width}-*.png")))
            browser.close()
    finally:
        server.stop()
    print(f"{count} screenshots in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
