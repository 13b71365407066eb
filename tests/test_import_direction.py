"""The layers import one way only, and no module imports itself back at run time.

    ui  →  services  →  storage
     ↘      ↓    ↘
      exports  →  domain

domain/ imports neither SQLAlchemy nor any other layer; exports/ reads records, never storage/
or services/; storage/ knows nothing above it; services/ never imports ui/; ui/ reaches the data
only through services/. The graph is read from the source (module-level imports, which run when a
module is loaded; imports under ``if TYPE_CHECKING:`` and inside functions are not counted for
cycles, since they never run at import time).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "branch_desk"

FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": (
        "sqlalchemy",
        "alembic",
        "PySide6",
        "branch_desk.storage",
        "branch_desk.services",
        "branch_desk.exports",
        "branch_desk.ui",
        "branch_desk.cli.main",
    ),
    "exports": (
        "sqlalchemy",
        "PySide6",
        "branch_desk.storage",
        "branch_desk.services",
        "branch_desk.ui",
        "branch_desk.cli.main",
    ),
    "storage": ("PySide6", "branch_desk.services", "branch_desk.exports", "branch_desk.ui"),
    "services": ("PySide6", "branch_desk.ui", "branch_desk.cli.main"),
    "ui": ("sqlalchemy", "alembic", "branch_desk.storage", "branch_desk.cli.main"),
}


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def _is_type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(path: Path, *, module_level_only: bool) -> set[str]:
    """Absolute names of the modules ``path`` imports (relative imports resolved)."""
    name, is_package = _module_name(path)
    package = name if is_package else name.rsplit(".", 1)[0]
    found: set[str] = set()

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join([*base, node.module] if node.module else base)
                else:
                    module = node.module or ""
                found.add(module)
                found.update(f"{module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.If) and _is_type_checking(node):
                visit(node.orelse)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                if not module_level_only:
                    visit(node.body)
            else:
                for child in ast.iter_child_nodes(node):
                    if isinstance(child, ast.stmt):
                        visit([child])

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return found


def _sources(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def test_every_layer_imports_only_downwards():
    wrong: list[str] = []
    for layer, banned in FORBIDDEN.items():
        for path in _sources(layer):
            if "migrations" in path.parts and layer == "storage":
                continue
            for imported in _imports(path, module_level_only=False):
                if imported.startswith(banned):
                    wrong.append(f"{path.relative_to(SRC)} imports {imported}")
    assert wrong == []


def test_no_import_cycle_at_load_time():
    modules = {_module_name(p)[0]: p for p in PACKAGE.rglob("*.py")}
    graph = {
        name: {m for m in _imports(path, module_level_only=True) if m in modules and m != name}
        for name, path in modules.items()
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path_stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        path_stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*path_stack[path_stack.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt)
        path_stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name)
    # a package's __init__ importing its own submodules is not a cycle of the layers
    real = [c for c in cycles if not all(m.startswith(c[0] + ".") or m == c[0] for m in c)]
    assert real == []


# Service modules still holding SQL, converted area by area to storage/repositories/ (issue 16
# item 3). The list only shrinks; it is empty when the boundary is complete.
PENDING: set[str] = set()


def test_services_hold_no_sql():
    """services/ orchestrate: queries and ORM rows stay in storage/repositories/."""
    holding: set[str] = set()
    for path in _sources("services"):
        imported = _imports(path, module_level_only=False)
        if any(m.startswith(("sqlalchemy", "branch_desk.storage.models")) for m in imported):
            holding.add(path.relative_to(PACKAGE / "services").as_posix())
    assert holding - PENDING == set(), "new SQL in services/: use storage/repositories/"
    assert PENDING - holding == set(), "converted: remove these from PENDING"


def test_no_private_name_is_imported_from_another_module():
    """A leading underscore means "this module only": no module of ours imports one from another."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            ours = node.level > 0 or (node.module or "").startswith("branch_desk")
            private = [a.name for a in node.names if a.name[:1] == "_" and a.name[:2] != "__"]
            if ours and private and node.module != "__future__":
                found.append(f"{path.relative_to(SRC)}:{node.lineno} {', '.join(private)}")
    assert found == []
