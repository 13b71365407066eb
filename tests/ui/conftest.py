"""GUI fixtures: a main window on a fresh data dir, recorded (never blocking) message boxes."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from branch_desk.domain.idcard import check_char
from branch_desk.domain.members import MemberRecord, PartyStatus
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.ui import collector, messages, tasks
from branch_desk.ui.context import UiContext
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.tasks import TaskRunner
from tests.conftest import member_input


def make_id(born: date, serial: int = 123) -> str:
    """Return a valid 18-digit 身份证号 for a person born on ``born`` (odd serial: male)."""
    first17 = f"110101{born:%Y%m%d}{serial:03d}"
    return first17 + check_char(first17)


@dataclass
class Said:
    """What the UI showed in message boxes, and the answer confirm() should give."""

    infos: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answer: bool = True


@pytest.fixture(autouse=True)
def said(monkeypatch: pytest.MonkeyPatch) -> Said:
    """Replace every message box with a recorder so no test blocks."""
    record = Said()

    def confirm(_parent: object, text: str, *_args: object, **_kw: object) -> bool:
        record.questions.append(text)
        return record.answer

    monkeypatch.setattr(messages, "inform", lambda _p, text, *_a: record.infos.append(text))
    monkeypatch.setattr(messages, "warn", lambda _p, text, *_a: record.warnings.append(text))
    monkeypatch.setattr(messages, "confirm", confirm)
    return record


@pytest.fixture
def window(qtbot: QtBot, desk: BranchDesk) -> Iterator[MainWindow]:
    """The main window on a branch with three 党小组 and no members."""
    win = MainWindow(desk)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.shutdown()


@pytest.fixture
def ctx(qtbot: QtBot, desk: BranchDesk, branch_id: int) -> Iterator[UiContext]:
    """A UI context whose published areas are collected in ``ctx.published``."""
    published: list[frozenset] = []
    runner = TaskRunner()
    context = UiContext(desk, branch_id, runner, published.append)
    context.published = published  # type: ignore[attr-defined]
    yield context
    runner.shutdown()


def add_members(desk: BranchDesk, unit_id: int) -> tuple[MemberRecord, MemberRecord]:
    """Add 张三 and 李四 (second group, probationary)."""
    zhang = desk.roster.add(unit_id, member_input()).value
    li = desk.roster.add(
        unit_id,
        member_input(
            name="李四",
            id_number=make_id(date(1995, 8, 21), 246),
            group="第二党小组",
            joined_on=date(2026, 5, 1),
            full_member_on=None,
            party_status=PartyStatus.PROBATIONARY,
        ),
    ).value
    return zhang, li


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key, Chinese included (as an input method would commit it)."""
    for char in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
        )


@pytest.fixture(scope="session", autouse=True)
def gui_thread_collector(qapp: QApplication) -> Iterator[None]:
    """Garbage is collected as the app collects it: on the GUI thread, never beside a task."""
    collector.install(qapp)
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_between_tests() -> Iterator[None]:
    """What the timer would have collected during a test is collected after it, between tasks."""
    yield
    if not tasks.jobs_running():
        gc.collect(1)


@pytest.fixture(scope="session")
def demo_window(
    qapp: QApplication, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MainWindow]:
    """The main window on the demo branch, built once per test session."""
    desk = BranchDesk.open(AppPaths.resolve(tmp_path_factory.mktemp("demo")))
    fill_demo(desk, count=16)
    window = MainWindow(desk)
    window.show()
    yield window
    window.tasks.shutdown()
    window.close()
    desk.close()
