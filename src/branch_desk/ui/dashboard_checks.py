"""工作台 boxes: the counts, and those fed by the rule checker (待办, 已逾期, record problems)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from ..domain.findings import Finding, Severity
from ..domain.members import MemberCategory
from ..domain.periods import PeriodKind, period_of
from ..domain.rules.ids import FREQUENCY_RULES, RECORD_RULES
from ..domain.text import format_date
from .widgets.form_fields import ERROR_COLOR, big_number

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def todo_bucket(finding: Finding, today: date) -> str:
    """Return 本月 / 本季度 / 本年内 for a finding's due date."""
    due = finding.due or date(today.year, 12, 31)
    if due <= period_of(today, PeriodKind.MONTH).end:
        return "本月"
    if due <= period_of(today, PeriodKind.QUARTER).end:
        return "本季度"
    return "本年内"


def todos(findings: list[Finding], today: date) -> dict[str, list[Finding]]:
    """Group the info findings with due dates into 本月/本季度/本年内, soonest first."""
    groups: dict[str, list[Finding]] = {"本月": [], "本季度": [], "本年内": []}
    items = [f for f in findings if f.severity is Severity.INFO and f.due is not None]
    for finding in sorted(items, key=lambda f: (f.due, f.rule)):
        groups[todo_bucket(finding, today)].append(finding)
    return {name: found for name, found in groups.items() if found}


def overdue(findings: list[Finding]) -> list[Finding]:
    """Return the missed meeting obligations (errors of the freq. rules)."""
    return [f for f in findings if f.severity is Severity.ERROR and f.rule in FREQUENCY_RULES]


def record_problems(findings: list[Finding]) -> list[Finding]:
    """Return the faults in meeting records (record.*, quorum) that name an event."""
    return [f for f in findings if f.rule in RECORD_RULES and f.event_id is not None]


def _list(height_rows: int = 6) -> QListWidget:
    widget = QListWidget()
    widget.setWordWrap(True)
    widget.setMaximumHeight(widget.fontMetrics().height() * height_rows + 24)
    return widget


def todo_box(findings: list[Finding], today: date) -> QGroupBox:
    """Return the 本月/本季度待办 box."""
    box = QGroupBox("本月/本季度待办")
    layout = QVBoxLayout(box)
    grouped = todos(findings, today)
    if not grouped:
        layout.addWidget(QLabel("暂无待办事项"))
    listing = _list()
    for name, found in grouped.items():
        header = QListWidgetItem(f"{name}（截止{format_date(found[0].due)}前）")
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        header.setForeground(Qt.GlobalColor.darkBlue)
        listing.addItem(header)
        for finding in found:
            listing.addItem(f"　{finding.message}")
    listing.setVisible(bool(grouped))
    layout.addWidget(listing)
    box.setProperty("count", sum(len(v) for v in grouped.values()))
    return box


def overdue_box(findings: list[Finding]) -> QGroupBox:
    """Return the 已逾期 box (missed meetings in red)."""
    box = QGroupBox("已逾期")
    layout = QVBoxLayout(box)
    missed = overdue(findings)
    if not missed:
        layout.addWidget(QLabel("没有逾期未开的会议"))
        return box
    listing = _list()
    for finding in missed:
        item = QListWidgetItem(finding.message)
        item.setForeground(QColor(ERROR_COLOR))
        listing.addItem(item)
    layout.addWidget(listing)
    return box


def problems_box(findings: list[Finding], open_event: Callable[[int], object]) -> QGroupBox:
    """Return the 会议记录问题 box; double-click a line to open that record."""
    box = QGroupBox("会议记录问题（双击打开记录）")
    layout = QVBoxLayout(box)
    found = record_problems(findings)
    if not found:
        layout.addWidget(QLabel("会议记录暂无问题"))
        return box
    listing = _list(8)
    listing.setObjectName("record_problems")
    for finding in found:
        item = QListWidgetItem(f"{finding.subject}：{finding.message}")
        item.setData(FINDING_ROLE, finding.event_id)
        if finding.severity is Severity.ERROR:
            item.setForeground(QColor(ERROR_COLOR))
        listing.addItem(item)
    listing.itemDoubleClicked.connect(lambda item: open_event(item.data(FINDING_ROLE)))
    layout.addWidget(listing)
    return box


def in_category_order(counts: Mapping[str, int]) -> dict[str, int]:
    """Return the counts in the order of the 人员类别 list (unknown ones last)."""
    order = {c.value: i for i, c in enumerate(MemberCategory)}
    return dict(sorted(counts.items(), key=lambda item: order.get(item[0], len(order))))


def count_box(title: str, counts: Mapping[str, int], big: bool = False) -> QGroupBox:
    """Return a group box listing each label with its count."""
    box = QGroupBox(title)
    grid = QGridLayout(box)
    if not counts:
        grid.addWidget(QLabel("暂无"), 0, 0)
    for column, (label, count) in enumerate(counts.items()):
        if big:
            grid.addWidget(big_number(count), 0, column)
            caption = QLabel(label)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(caption, 1, column)
        else:
            grid.addWidget(QLabel(label), column, 0)
            number = QLabel(f"{count} 人")
            number.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(number, column, 1)
    grid.setRowStretch(2 if big else len(counts), 1)
    return box
