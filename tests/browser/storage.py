"""What a browser kept for an origin: cookies, Web Storage, IndexedDB,
the Cache API and service workers. Everything must come back empty.

``stored_in(frame)`` reads the storage of the origin a frame shows (a page's
main frame, or the widget's iframe inside a partner page);
``kept_on_origin(context, url)`` opens ``url`` in the same browser context
and reads that origin's storage and cookies (use it for the partner origin).
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import BrowserContext, Frame

STORAGE_SCRIPT = """async () => {
  const report = {
    origin: location.origin,
    documentCookie: document.cookie,
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
    indexedDB: (await indexedDB.databases()).map((db) => db.name),
    cacheStorage: self.caches ? await caches.keys() : "unavailable",
    serviceWorkers: navigator.serviceWorker
      ? (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope)
      : [],
  };
  return report;
}"""

EMPTY = {
    "documentCookie": "",
    "localStorage": [],
    "sessionStorage": [],
    "indexedDB": [],
    "cacheStorage": [],
    "serviceWorkers": [],
}


def stored_in(frame: Frame) -> dict[str, Any]:
    report: dict[str, Any] = frame.evaluate(STORAGE_SCRIPT)
    return report


def kept_on_origin(context: BrowserContext, url: str) -> dict[str, Any]:
    page = context.new_page()
    try:
        page.goto(url)
        report = stored_in(page.main_frame)
        report["cookies"] = context.cookies(url)
        return report
    finally:
        page.close()


def assert_nothing_kept(report: dict[str, Any]) -> None:
    kept = {key: report.get(key) for key in EMPTY}
    assert kept == EMPTY, f"{report['origin']} kept {kept}"
    assert report.get("cookies", []) == []
