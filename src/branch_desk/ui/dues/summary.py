"""The 工作台's 党费 box: this month collected N/M, balance held, arrears warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout

from ...domain.money import yuan_grouped
from ..context import UiContext
from ..widgets.form_fields import ERROR_COLOR, WARNING_COLOR
from .day_model import load_day


@dataclass(frozen=True)
class DuesGlance:
    """The figures of the 党费 box."""

    month: int
    paid: int
    owing: int  # members owing dues this month, with or without an assessed base
    unassessed: int  # of them, members whose base is not assessed yet (未核定)
    balance_fen: int
    warned: int
    flagged: int


def glance(ctx: UiContext, unit_id: int | None = None) -> DuesGlance:
    """Read this month's collection, the balance and the arrears counts (of ``unit_id``)."""
    desk, unit_id = ctx.desk, ctx.unit_id if unit_id is None else unit_id
    today = desk.dues.today()
    rows = load_day(desk.dues_day, unit_id, today)
    values = desk.settings.values(unit_id)
    warn, flag = values.number("dues.arrears_warn"), values.number("dues.arrears_flag")
    late = desk.dues_reports.arrears(unit_id, today, warn)
    return DuesGlance(
        today.month,
        sum(1 for r in rows if r.done),
        len(rows),
        sum(1 for r in rows if r.due_fen is None),
        desk.dues.balance(unit_id),
        len(late),
        sum(1 for a in late if a.count >= flag),
    )


def collected_text(figures: DuesGlance) -> str:
    """Return 12月已交清：0/48 人（48人未核定）: every member owing counts, assessed or not."""
    text = f"{figures.month}月已交清：{figures.paid}/{figures.owing} 人"
    return text + (f"（{figures.unassessed}人未核定）" if figures.unassessed else "")


def dues_box(
    ctx: UiContext, open_section: Callable[[], object], figures: DuesGlance | None = None
) -> QGroupBox:
    """Return the 党费 box (of ``figures`` if already read); its link opens the 党费 section."""
    figures = figures or glance(ctx)
    box = QGroupBox("党费")
    box.setObjectName("dues_box")
    layout = QVBoxLayout(box)
    layout.addWidget(QLabel(collected_text(figures)))
    layout.addWidget(QLabel(f"结存（已收未缴）：{yuan_grouped(figures.balance_fen)} 元"))
    late = QLabel(
        f"连续未交党费提醒：{figures.warned} 人"
        + (f"（其中{figures.flagged}人已满六个月）" if figures.flagged else "")
    )
    if figures.warned:
        color = ERROR_COLOR if figures.flagged else WARNING_COLOR
        late.setStyleSheet(f"color: {color}; font-weight: bold;")
    layout.addWidget(late)
    link = QPushButton("查看党费收缴情况…")
    link.setFlat(True)
    link.setObjectName("open_dues")
    link.setStyleSheet("color: #1565c0; text-decoration: underline; text-align: left;")
    link.clicked.connect(lambda _checked=False: open_section())
    layout.addWidget(link, 0, Qt.AlignmentFlag.AlignLeft)
    layout.addStretch(1)
    box.setProperty("warned", figures.warned)
    return box
