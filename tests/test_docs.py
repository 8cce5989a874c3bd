"""Docs that must not drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented():
    source = "\n".join(path.read_text() for path in (ROOT / "widget").rglob("*.py"))
    settings = set(re.findall(r"\bWIDGET_[A-Z_]+\b", source))
    assert {"WIDGET_REGION", "WIDGET_HSTS", "WIDGET_ACCESS_LOG"} <= settings
    readme = (ROOT / "README.md").read_text()
    deployment = (ROOT / "docs" / "deployment.md").read_text()
    for setting in settings:
        assert f"| `{setting}` |" in readme, f"{setting} missing from README.md"
        assert f"| `{setting}` |" in deployment, f"{setting} missing from docs/deployment.md"


def test_every_serve_option_is_documented():
    from widget.__main__ import build_parser

    serve = build_parser()._subparsers._group_actions[0].choices["serve"]
    deployment = (ROOT / "docs" / "deployment.md").read_text()
    for action in serve._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert f"`{option}" in deployment, f"{option} missing from docs/deployment.md"


def test_the_load_figures_are_recorded():
    deployment = (ROOT / "docs" / "deployment.md").read_text()
    rows = re.findall(r"^\| \d{4}-\d\d-\d\d \| \d+ \| 200 \| .* \| 0 \|$", deployment, re.M)
    assert rows, "record a `bench/load.py` run (200 connections, 0 errors) in docs/deployment.md"


def test_the_architecture_names_every_web_module_and_only_real_files():
    text = (ROOT / "docs" / "architecture.md").read_text()
    named = set(re.findall(r"`((?:widget|tests)/[A-Za-z0-9_/.-]+\.py)`", text))
    assert named and all((ROOT / path).is_file() for path in named), named
    # report.py and review_note.py are moving to their own packages (issue 22).
    moving = {"widget/web/report.py", "widget/web/review_note.py"}
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "widget" / "web").rglob("*.py")}
    unnamed = {m for m in modules - moving if not m.endswith("__init__.py")} - named
    assert not unnamed, f"add to docs/architecture.md: {sorted(unnamed)}"
    hops = re.findall(r"^\d\. ", text.split("## One `POST /step`")[1], re.M)
    assert len(hops) <= 6


def test_the_guide_s_snippets_are_the_code_the_embed_code_page_writes():
    """docs/embedding.md shows, for its example partner, exactly what
    widget/web/snippets.py writes (and GET /embed-code shows): no second copy."""
    from widget.web.snippets import PLACEMENTS, Embed

    guide = (ROOT / "docs" / "embedding.md").read_text()
    example = Embed("https://check.example", "your-id", lang="es")
    for placement in PLACEMENTS.values():
        code = placement.write(example, lambda text: text)
        shown = f"```html\n{code}\n```" if "\n" in code else f"`{code}`"
        assert shown in guide, f"docs/embedding.md: put this {placement.id} example in:\n{code}"
    # No other copy of the loader tag or the iframe, with other attributes.
    assert guide.count('<script src="https://check.example/embed.js"') == 1
    assert guide.count("<iframe src=") == 1


def test_every_route_is_in_the_readme_routes_table():
    """A route added to the route table without a line in README's "Routes"."""
    from widget.web.routes import ROUTES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Routes") : readme.index("## Settings")]
    for route in ROUTES:
        path = getattr(route, "path", "")
        shown = path.split("{name:path}")[0].rstrip("/") or "/"
        assert f"`{shown}" in table or f" {shown}" in table, path
