"""设置 → 节假日与调休: the user's own holidays and 调休 working days for uncovered years."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import Problem, UserError
from ...domain.workdays import is_workday
from .. import messages
from ..context import UiContext
from ..widgets.form_fields import DateEdit, ProblemLabel, choice_combo

DAY_ROLE = Qt.ItemDataRole.UserRole + 1
HOLIDAY, WORKDAY = "放假", "调休上班"


def builtin_covers(year: int) -> bool:
    """Tell whether the built-in calendar knows the holidays of ``year``."""
    return not is_workday(date(year, 1, 1), {})[1]


def covered_until(start: int) -> int | None:
    """Return the last year the built-in calendar covers, searching from ``start`` on."""
    year = start
    if not builtin_covers(year):
        return None
    while builtin_covers(year + 1) and year < start + 20:
        year += 1
    return year


def intro_text(today: date) -> str:
    """Explain when the entries are needed."""
    last = covered_until(today.year)
    known = f"内置日历已收录至{last}年" if last else f"内置日历尚未收录{today.year}年"
    return (
        "发展党员的公示期按工作日计算（不少于5个工作日，节假日不计，调休上班日计入）。"
        f"{known}的国家法定节假日和调休安排，这些年份无需录入。"
        "只有内置日历没有收录的年份，才需要在这里按国务院办公厅发布的放假安排录入"
        "放假日期和调休上班日期；未录入时暂按周一至周五计算。"
    )


class HolidaysBox(QGroupBox):
    """List, add and remove the holiday and 调休 entries of one year."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("节假日与调休", parent)
        self.ctx = ctx
        today = ctx.desk.development.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setSuffix(" 年")
        self.year.setValue(today.year + 1 if builtin_covers(today.year) else today.year)
        self.covered = QLabel()
        self.list = QListWidget()
        self.list.setMaximumHeight(self.fontMetrics().height() * 8 + 24)
        self.day = DateEdit()
        self.kind = choice_combo((HOLIDAY, WORKDAY), blank=None)
        self.note = QLineEdit(placeholderText="如 春节、国庆节调休")
        self.add_button = QPushButton("添加")
        self.remove_button = QPushButton("删除所选")
        self.problem = ProblemLabel()
        self._build(today)
        self.reload()

    def _build(self, today: date) -> None:
        intro = QLabel(intro_text(today))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #666;")
        top = QHBoxLayout()
        top.addWidget(QLabel("年份："))
        top.addWidget(self.year)
        top.addWidget(self.covered, 1)
        add = QHBoxLayout()
        add.addWidget(QLabel("日期："))
        add.addWidget(self.day)
        add.addWidget(self.kind)
        add.addWidget(self.note, 1)
        add.addWidget(self.add_button)
        add.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.list)
        layout.addLayout(add)
        layout.addWidget(self.problem)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_selected)
        self.day.returnPressed.connect(self.add)

    def reload(self) -> None:
        """List the entries of the chosen year."""
        year = self.year.value()
        entries = self.ctx.desk.calendar.days(year)
        self.list.clear()
        for day, workday, note in entries:
            kind = WORKDAY if workday else HOLIDAY
            item = QListWidgetItem(f"{day.isoformat()}　{kind}" + (f"　{note}" if note else ""))
            item.setData(DAY_ROLE, day)
            item.setForeground(QBrush(QColor("#1565c0" if workday else "#c62828")))
            self.list.addItem(item)
        holidays = sum(1 for _d, w, _n in entries if not w)
        if builtin_covers(year):
            text = f"{year}年已由内置日历收录，通常无需录入（此处录入的内容优先）。"
        else:
            text = (
                f"{year}年需要录入：已录入放假{holidays}天、调休上班{len(entries) - holidays}天。"
            )
        self.covered.setText(text)

    def add(self) -> bool:
        """Store the typed day as a holiday or a 调休 working day."""
        problem = self.day.parse_problem() or ("" if self.day.date() else "请填写日期")
        self.problem.show_problems([Problem("day", "日期", problem)] if problem else [])
        if problem:
            return False
        day = self.day.date()
        assert day is not None
        workday = self.kind.currentData() == WORKDAY
        try:
            outcome = self.ctx.desk.calendar.set_day(day, workday, self.note.text())
        except UserError as exc:
            messages.show_error(self, exc)
            return False
        self.ctx.apply(outcome)
        self.year.setValue(day.year)
        self.day.clear()
        self.note.clear()
        self.reload()
        return True

    def remove_selected(self) -> None:
        """Remove the selected entry."""
        item = self.list.currentItem()
        if item is None:
            return
        day: date = item.data(DAY_ROLE)
        self.ctx.apply(self.ctx.desk.calendar.set_day(day, None))
        self.reload()
