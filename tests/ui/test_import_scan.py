"""PySide6's per-import source scan is answered by name for modules known to use Qt or not."""

from __future__ import annotations

import inspect
import sys
from types import ModuleType

import pytest

import branch_desk.ui.app  # noqa: F401 — installs the quicker answer
from branch_desk.ui import import_scan


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sqlite3", False),
        ("concurrent.futures.thread", False),
        ("sqlalchemy.orm.mapper", False),
        ("alembic", False),
        ("branch_desk.storage.database", False),
        ("branch_desk.services.app", False),
        ("branch_desk", False),
        ("branch_desk.ui", True),
        ("branch_desk.ui.dashboard", True),
        ("branch_desk_plugin", None),
        ("pytestqt.qtbot", None),
    ],
)
def test_answers_by_name(name: str, expected: bool | None) -> None:
    assert import_scan.uses_pyside(name) is expected


def test_known_modules_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Qt-free module is answered without its source; an unknown one is still read."""
    feature = sys.modules[import_scan.FEATURE_MODULE]
    read: list[object] = []

    def getsource(module: object) -> str:
        read.append(module)
        return "import PySide6"

    monkeypatch.setattr(inspect, "getsource", getsource)
    assert import_scan.quicken()  # idempotent: already installed by ui/app.py
    assert feature._mod_uses_pyside(ModuleType("sqlalchemy.fake")) is False
    assert feature._mod_uses_pyside(ModuleType("branch_desk.ui.fake")) is True
    assert read == []
    unknown = ModuleType("somebody_elses")
    assert feature._mod_uses_pyside(unknown) is True
    assert read == [unknown]


def test_no_layer_below_ui_uses_qt() -> None:
    """The answer "no" for the package outside ui rests on the layering rule."""
    from pathlib import Path

    package = Path(import_scan.__file__).parents[1]
    users = [
        p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if p.relative_to(package).parts[0] != "ui" and "PySide6" in p.read_text("utf-8")
    ]
    assert users == []
