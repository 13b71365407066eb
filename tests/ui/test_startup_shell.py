"""The window comes before the data: a shell with navigation, menus and 正在打开… is painted,
then the data dir is opened (its integrity check behind the write gate) and the page built."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.org.units import BranchInput
from branch_desk.storage import database
from branch_desk.ui.dashboard import DashboardPage, Placeholder
from branch_desk.ui.main_window import OPENING, TITLES, MainWindow
from branch_desk.ui.safety.damaged_dialog import DamagedDialog
from branch_desk.ui.safety.opening import WindowOpening
from branch_desk.ui.setup_dialog import SetupDialog
from tests.storage.test_write_gate import SlowCheck

from .conftest import Said, type_text


@pytest.fixture
def filled(paths: AppPaths) -> AppPaths:
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        desk.org.create_branch(BranchInput(name="第一党支部"))
    return paths


@pytest.fixture
def shell(qtbot: QtBot, filled: AppPaths) -> Iterator[tuple[MainWindow, WindowOpening]]:
    window = MainWindow(paths=filled)
    qtbot.addWidget(window)
    opening = WindowOpening(window, filled)
    yield window, opening
    window.tasks.shutdown()
    opening.close_all()


def _menu_item(window: MainWindow, text: str) -> Any:
    menus = [a.menu() for a in window.menuBar().actions()]
    return next(a for menu in menus for a in menu.actions() if a.text() == text)


def test_the_shell_is_painted_before_the_data_dir_opens(
    qtbot: QtBot,
    shell: tuple[MainWindow, WindowOpening],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, _opening = shell
    seen: list[tuple[bool, bool, str]] = []
    real_open = BranchDesk.open

    def watched_open(paths: AppPaths, **options: Any) -> BranchDesk:
        current = window.stack.currentWidget()
        text = current.text() if isinstance(current, Placeholder) else ""
        seen.append((window.isVisible(), window.attached, text))
        assert options.get("check_in_background") is True
        return real_open(paths, **options)

    monkeypatch.setattr(BranchDesk, "open", watched_open)
    assert not window.attached and window.windowTitle() == "支部工作台"
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == list(TITLES)
    assert isinstance(window.stack.currentWidget(), Placeholder)
    assert window.stack.currentWidget().text() == OPENING
    assert not _menu_item(window, "备份…").isEnabled()
    assert _menu_item(window, "退出").isEnabled() and _menu_item(window, "使用说明").isEnabled()
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()
    with qtbot.waitSignal(window.desk_opened, timeout=10_000):
        pass
    assert seen == [(True, False, OPENING)]
    assert window.attached and window.windowTitle() == "支部工作台 — 第一党支部"
    assert _menu_item(window, "备份…").isEnabled()
    page = window.pages["工作台"]
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.is_filled, timeout=10_000)
    window.show_section("党员")  # the other pages are built over the opened desk
    assert "党员" in window.pages


def test_a_failed_background_check_offers_the_restore_dialog(
    qtbot: QtBot,
    shell: tuple[MainWindow, WindowOpening],
    filled: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
    said: Said,
) -> None:
    window, opening = shell
    before = filled.database.read_bytes()
    check = SlowCheck(fail=True)
    monkeypatch.setattr(database, "check_integrity", check)
    shown: list[str] = []

    def refuse(dialog: DamagedDialog) -> QDialog.DialogCode:
        shown.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(DamagedDialog, "exec", refuse)
    window.show()
    qtbot.waitUntil(lambda: window.attached, timeout=10_000)
    assert not shown  # the window works (reading) while the check runs
    check.release.set()
    qtbot.waitUntil(lambda: opening.exit_code is not None, timeout=10_000)
    assert opening.exit_code == 1 and len(shown) == 1 and "完整性检查未通过" in shown[0]
    assert not window.isVisible()
    assert window.desk.closed and filled.database.read_bytes() == before


def test_a_new_data_dir_gets_the_set_up_form_over_the_shell(
    qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    def set_up(dialog: SetupDialog) -> QDialog.DialogCode:
        assert window.isVisible() and not window.attached
        type_text(dialog.fields.name, "第九党支部")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return QDialog.DialogCode(dialog.result())

    monkeypatch.setattr(SetupDialog, "exec", set_up)
    window = MainWindow(paths=paths)
    qtbot.addWidget(window)
    opening = WindowOpening(window, paths)
    try:
        window.show()
        qtbot.waitUntil(lambda: window.attached, timeout=10_000)
        assert window.windowTitle() == "支部工作台 — 第九党支部"
    finally:
        window.tasks.shutdown()
        opening.close_all()


def test_the_shell_does_not_wait_for_sqlalchemy() -> None:
    """What the first frame needs imports neither SQLAlchemy nor the storage models."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import branch_desk.ui.launch, branch_desk.ui.app, branch_desk.ui.main_window\n"
        "import branch_desk.ui.safety.opening, branch_desk.services.safety.instance\n"
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'branch_desk.storage.models'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert out.strip() == "[]"
