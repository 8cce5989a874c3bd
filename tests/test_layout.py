"""The folders show the architecture: the clinical core never reaches the web edge."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("widget.web", "starlette", "jinja2", "uvicorn", "markupsafe")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def forbidden_imports(package: Path, root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        for name in sorted(imported_modules(path)):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN):
                found.append(f"{path.relative_to(root)} imports {name}")
    return found


def test_the_clinical_core_imports_nothing_from_the_web_edge():
    assert (ROOT / "widget" / "clinical" / "content.py").is_file()
    assert forbidden_imports(ROOT / "widget" / "clinical") == []


def test_the_checker_catches_a_web_import(tmp_path):
    bad = tmp_path / "widget" / "clinical"
    bad.mkdir(parents=True)
    (bad / "flow.py").write_text("from starlette.requests import Request\nfrom widget import web\n")
    assert forbidden_imports(bad, root=tmp_path) == [
        "widget/clinical/flow.py imports starlette.requests",
        "widget/clinical/flow.py imports starlette.requests.Request",
        "widget/clinical/flow.py imports widget.web",
    ]


def test_the_i18n_package_does_not_reach_the_web_edge():
    assert [f for f in forbidden_imports(ROOT / "widget" / "i18n") if "widget.web" in f] == []
