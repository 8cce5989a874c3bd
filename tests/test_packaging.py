"""`pip install .` (not editable) must carry templates, static files and locales."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel `pip wheel .` builds, once for this module."""
    folder = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(ROOT)],
        check=True,
    )
    (built,) = folder.glob("bleeding_check-*.whl")
    return built


def test_the_wheel_contains_templates_static_files_and_locales(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in [
        "widget/web/app.py",
        "widget/templates/question.html",
        "widget/static/vendor/htmx.min.js",
        "widget/static/css/widget.css",
        "widget/locales/messages.pot",
        "widget/docs/flow.svg",
    ]:
        assert expected in names, expected
    assert not any(name.endswith(".mo") for name in names)
    assert "widget/i18n/locales.py" in names and "widget/i18n/review_note.py" in names
    assert not any(name.startswith("widget/i18n/tools/") for name in names)  # not served


def test_an_installed_copy_serves_pages_without_the_source_tree(tmp_path, wheel):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), wheel],
        check=True,
    )
    script = (
        "import widget, sys; from starlette.testclient import TestClient;"
        "from widget.web.app import create_app;"
        f"assert widget.__file__.startswith({str(target)!r}), widget.__file__;"
        "c = TestClient(create_app());"
        "r = c.get('/'); assert r.status_code == 200, r.status_code;"
        "assert c.get('/static/vendor/htmx.min.js').status_code == 200;"
        "assert c.get('/rules/flow.svg').status_code == 200;"
        "print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); {script}"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.stdout.strip() == "ok", result.stderr
