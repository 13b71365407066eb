"""After saving, the meeting list shows the record; every year is listed; arrows point right."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from branch_desk.domain.events import EventType
from branch_desk.services.outcome import Area
from branch_desk.ui.development.board import BoardView
from branch_desk.ui.development.candidate_dialog import CandidateDialog
from branch_desk.ui.development.page import DevelopPage
from branch_desk.ui.events.page import EventsPage, year_range
from branch_desk.ui.main_window import MainWindow

from .conftest import type_text
from .event_data import add_branch, record_assembly


def _events_page(window: MainWindow) -> EventsPage:
    add_branch(window.desk, window.ctx.unit_id)
    record_assembly(window.desk, window.ctx.unit_id, day=date(2024, 6, 5))
    record_assembly(window.desk, window.ctx.unit_id, day=date(2026, 3, 10))
    window.ctx.publish(frozenset({Area.ALL}))
    page = window.show_section("会议活动")
    assert isinstance(page, EventsPage)
    return page


def _years(page: EventsPage) -> list[str]:
    return [page.year.itemText(i) for i in range(page.year.count())]


def test_year_list_has_every_year_from_the_first_record() -> None:
    assert year_range([2024, 2026, 2024], 2026) == [2026, 2025, 2024]
    assert year_range([], 2026) == [2026]
    assert year_range([2027], 2026) == [2027, 2026]


def test_year_combo_does_not_skip_a_year(qtbot: QtBot, window: MainWindow) -> None:
    page = _events_page(window)
    assert _years(page) == ["2026年", "2025年", "2024年", "全部年份"]


def test_saving_a_meeting_of_another_year_shows_it_and_says_so(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _events_page(window)
    page.year.setCurrentIndex(page.year.findData(2024))
    assert page.proxy.rowCount() == 1
    dialog = page.new_event(EventType.BRANCH_ASSEMBLY)
    qtbot.waitExposed(dialog)
    dialog.form.day.clear()
    type_text(dialog.form.day, "2026-11-18")
    dialog._roll_timer.timeout.emit()
    dialog.form.title.setText("年终工作总结")
    dialog.accept()
    assert not dialog.isVisible()
    saved = page.selected_event()
    assert saved is not None and saved.title == "年终工作总结" and saved.day == date(2026, 11, 18)
    assert page.year.currentData() == 2026
    assert "已保存2026-11-18的支部党员大会记录" in window.statusBar().currentMessage()


def _arrow_points_down(page: EventsPage) -> bool:
    """Tell from the drawn header whether the date column's arrow is ▼ (widest at the top)."""
    header = page.table.horizontalHeader()
    image = header.grab().toImage()
    right = header.sectionViewportPosition(0) + header.sectionSize(0)
    widths = [
        sum(
            QColor(image.pixel(QPoint(x, y))).lightness() < 120
            for x in range(max(right - 30, 0), right - 2)
        )
        for y in range(image.height())
    ]
    rows = [y for y, width in enumerate(widths) if width]
    assert rows, "no sort arrow drawn"
    return widths[rows[0]] > widths[rows[-1]]


def test_newest_first_shows_a_down_arrow_and_ascending_an_up_arrow(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _events_page(window)
    qtbot.waitExposed(page)
    page.year.setCurrentIndex(page.year.findData(0))
    days = [page.proxy.index(row, 0).data() for row in range(page.proxy.rowCount())]
    assert days == sorted(days, reverse=True) and len(days) == 2
    assert page.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert _arrow_points_down(page)
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert not _arrow_points_down(page)


def test_opening_a_board_card_twice_gives_one_window(qtbot: QtBot, demo_window: MainWindow) -> None:
    page = demo_window.show_section("发展党员")
    assert isinstance(page, DevelopPage)
    board: BoardView = page.board
    column = next(c for c in board.all_columns() if c.isVisible() and c.model.rowCount())
    index = column.view.model().index(0, 0)
    spot = column.view.visualRect(index).center()
    for _ in range(2):  # Qt reports each double click as both doubleClicked and activated
        QTest.mouseDClick(column.view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    open_windows = [w for w in demo_window.findChildren(CandidateDialog) if w.isVisible()]
    assert len(open_windows) == 1
    assert page.last_dialog is open_windows[0]
    open_windows[0].reject()
    again = page.open(open_windows[0].candidate.id)
    assert again is not open_windows[0] and again.isVisible()
    again.reject()
