"""The 工作台's 发展党员提醒 box: next steps due within 30 days and everything late."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from ...services.development.checks import Reminder
from ..context import UiContext
from ..widgets.form_fields import ERROR_COLOR
from .stages import SOON_DAYS

CANDIDATE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def reminder_text(reminder: Reminder) -> str:
    """Return 张三：确定为发展对象（最迟 2026-12-01，已逾期）."""
    late = "，已逾期" if reminder.late else ""
    due = reminder.due.isoformat()
    if due in reminder.what:
        return f"{reminder.name}：{reminder.what}" + ("（已逾期）" if reminder.late else "")
    return f"{reminder.name}：{reminder.what}（最迟 {due}{late}）"


def reminders_box(
    ctx: UiContext, open_candidate: Callable[[int], object], found: list[Reminder] | None = None
) -> QGroupBox:
    """Return the box (of ``found`` if already read); late ones first in red; double-click opens."""
    if found is None:
        desk = ctx.desk
        found = desk.development_checks.reminders(ctx.unit_id, desk.development.today(), SOON_DAYS)
    box = QGroupBox("发展党员提醒（30天内到期及已逾期，双击打开）")
    box.setObjectName("develop_reminders")
    box.setProperty("count", len(found))
    layout = QVBoxLayout(box)
    if not found:
        layout.addWidget(QLabel("30天内没有到期的发展党员事项"))
        return box
    listing = QListWidget()
    listing.setObjectName("develop_reminder_list")
    listing.setWordWrap(True)
    listing.setMaximumHeight(listing.fontMetrics().height() * 7 + 24)
    for reminder in found:
        item = QListWidgetItem(reminder_text(reminder))
        item.setData(CANDIDATE_ID_ROLE, reminder.candidate_id)
        if reminder.late:
            item.setForeground(QColor(ERROR_COLOR))
        listing.addItem(item)
    listing.itemDoubleClicked.connect(lambda item: open_candidate(item.data(CANDIDATE_ID_ROLE)))
    layout.addWidget(listing)
    return box
