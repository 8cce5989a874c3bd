"""The folders show the architecture: the clinical core never reaches the web
edge, the server never reaches the translators' tools, and no module of
``widget/`` imports itself back through others (an import inside a function
or under ``TYPE_CHECKING`` counts: it is still a dependency)."""

from __future__ import annotations

import ast
from collections.abc import Mapping
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


def test_nothing_outside_the_tools_imports_the_translators_tools():
    tools = ROOT / "widget" / "i18n" / "tools"
    assert (tools / "cli.py").is_file()
    found = []
    for path in sorted((ROOT / "widget").rglob("*.py")):
        if tools in path.parents:
            continue
        found += [
            f"{path.relative_to(ROOT)} imports {name}"
            for name in sorted(imported_modules(path))
            if name == "widget.i18n.tools" or name.startswith("widget.i18n.tools.")
        ]
    assert found == []


# --- import cycles -------------------------------------------------------------------------


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def import_graph(package: Path) -> dict[str, set[str]]:
    """Module -> the modules of ``package`` it imports, wherever the import
    statement is (top level, function, ``if TYPE_CHECKING``). ``from a import b``
    is an import of module ``a.b`` when there is one, else of ``a``; importing
    ``a.b`` also runs the package ``a``."""
    root = package.parent
    paths = {module_name(path, root): path for path in sorted(package.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        here = name if _is_package(path) else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from . import x, from ..a import b
                    anchor = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in node.names)
        targets = set()
        for target in found:
            while target and target not in paths:  # a name inside a module: the module
                target = target.rpartition(".")[0]
            parts = target.split(".") if target else []
            # Importing a.b.c runs the packages a and a.b first.
            targets.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
        if _is_package(path):  # a package runs before its modules: not an import of itself
            targets.discard(name)
        graph[name] = targets
    return graph


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), and any
    module that imports itself: each is an import cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for following in sorted(graph.get(node, ())):
            if following not in index:
                visit(following)
                low[node] = min(low[node], low[following])
            elif following in on_stack:
                low[node] = min(low[node], index[following])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_widget_has_no_import_cycle():
    graph = import_graph(ROOT / "widget")
    assert "widget.i18n.locales" in graph["widget.web.rendering"]
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle_through_an_import_inside_a_function(tmp_path):
    package = tmp_path / "widget"
    (package / "i18n").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "i18n" / "__init__.py").write_text("")
    (package / "i18n" / "locales.py").write_text("from widget.i18n import review\n")
    (package / "i18n" / "review.py").write_text(
        "def status():\n    from widget.i18n.catalogs import read\n"
    )
    (package / "i18n" / "catalogs.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .locales import X\n"
    )
    (package / "i18n" / "pseudo.py").write_text("import widget.i18n.locales\n")
    (package / "alone.py").write_text("import widget.alone\n")
    graph = import_graph(package)
    assert graph["widget.i18n.review"] == {"widget", "widget.i18n", "widget.i18n.catalogs"}
    assert cycles(graph) == [
        ["widget.alone"],
        ["widget.i18n.catalogs", "widget.i18n.locales", "widget.i18n.review"],
    ]
    (package / "i18n" / "review.py").write_text("def status():\n    return 1\n")
    assert cycles(import_graph(package)) == [["widget.alone"]]
