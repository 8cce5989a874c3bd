"""Browser timing of the script-tag embed, in Debian's Chromium on loopback.

Prints, over several runs:
- loader → ready: from the moment the page runs the embed loader until the
  widget inside the iframe is loaded and interactive (its `bleeding-check:ready`
  event, sent once the page inside has run its scripts);
- Continue → focused: from pressing Continue on a question until the next
  question's <h1> has focus (htmx swap, title, focus).
Targets on loopback: < 300 ms and < 100 ms. Run: `python bench/browser_timing.py`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import serve, stop

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RUNS = 10

HOST_PAGE = """<!doctype html><html lang="en"><head><title>Article</title></head><body>
<h1>Article</h1><div id="slot"></div>
<script>
window.timing = {{}};
document.addEventListener("bleeding-check:ready",
  () => {{ window.timing.ready = performance.now(); }});
window.timing.loader = performance.now();
const tag = document.createElement("script");
tag.src = "{widget}/embed.js";
tag.dataset.partner = "bench";
tag.dataset.target = "#slot";
tag.dataset.loading = "eager";
document.body.appendChild(tag);
</script></body></html>"""

CONTINUE_TO_FOCUS = """async () => {
  const form = document.getElementById("question-form");
  const step = form.querySelector('input[name="step"]').value;
  const safe = form.querySelector('input[name="' + step + '"][value="none"]');
  (safe || form.querySelector('input[name="' + step + '"]')).checked = true;
  const focused = new Promise((resolve) => document.addEventListener("focusin", (event) => {
    if (event.target.tagName === "H1") resolve(performance.now());
  }));
  const started = performance.now();
  form.querySelector('button[value="continue"]').click();
  return (await focused) - started;
}"""


def main() -> None:
    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    host = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    host_origin = f"http://127.0.0.1:{host.server_address[1]}"
    threading.Thread(target=host.serve_forever, daemon=True).start()
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as config:
        config.write(
            f'[partners.bench]\nname = "Bench"\nallowed_origins = ["{host_origin}"]\n'
            'demo = true\nregion = "AU"\n'
        )
    process, widget = serve("widget.web.asgi:app", env={"WIDGET_PARTNERS": config.name})
    pages["/article.html"] = HOST_PAGE.format(widget=widget).encode()
    loads: list[float] = []
    steps: list[float] = []
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            for _ in range(RUNS):
                context = browser.new_context(viewport={"width": 390, "height": 800})
                page = context.new_page()
                page.goto(host_origin + "/article.html")
                page.wait_for_function("window.timing.ready !== undefined")
                loads.append(page.evaluate("window.timing.ready - window.timing.loader"))
                frame = page.frame_locator("#slot iframe")
                frame.get_by_role("button", name="Start now").click()
                inner = page.locator("#slot iframe").element_handle().content_frame()
                assert inner is not None
                inner.wait_for_selector("#question-form")
                for _ in range(3):
                    steps.append(inner.evaluate(CONTINUE_TO_FOCUS))
                context.close()
            browser.close()
    finally:
        stop(process)
        host.shutdown()
        Path(config.name).unlink()

    def line(name: str, values: list[float], target: float) -> str:
        median = statistics.median(values)
        worst = max(values)
        verdict = "ok" if median < target else "OVER"
        figures = f"median {median:6.1f} ms  worst {worst:6.1f} ms"
        return f"{name:24} {figures}  (target < {target:g} ms) {verdict}"

    print(f"Chromium, loopback, {RUNS} page loads, {len(steps)} steps")
    print(line("loader → ready", loads, 300))
    print(line("Continue → h1 focused", steps, 100))


if __name__ == "__main__":
    main()
