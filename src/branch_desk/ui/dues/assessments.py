"""党费核定: the year's assessments (unassessed members too), the editor and 批量核定."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from ...domain.dues import DuesCategory
from ...domain.dues_records import AssessmentInput, AssessmentRecord, CarryResult
from ...domain.errors import UserError
from ...domain.members import MemberCategory
from ...domain.money import percent, yuan
from .. import messages
from ..context import UiContext
from ..widgets.form_fields import WARNING_COLOR
from ..widgets.record_table import RIGHT, Column, RecordTableModel
from ..widgets.tables import make_table
from .assessment_dialog import Assessee, AssessmentDialog
from .fields import lay_out_list

HEADERS = (
    "姓名",
    "人员类别",
    "党费类别",
    "计算基数",
    "比例",
    "月应交",
    "减免",
    "批准文号",
    "起始月份",
    "核定状态",
    "说明",
)
MONEY_COLUMNS = (3, 4, 5)
WIDTHS = (80, 70, 70, 90, 60, 70, 50, 120, 70, 120)
UNASSESSED_BRUSH = QBrush(QColor(WARNING_COLOR))
CARRIED_BRUSH = QBrush(QColor("#1565c0"))


@dataclass(frozen=True)
class AssessRow:
    """One member and one of their assessments for the year (None: not yet assessed)."""

    member_id: int
    name: str
    category: MemberCategory
    record: AssessmentRecord | None

    def who(self, year: int) -> Assessee:
        """Return the member as the editor needs them."""
        return Assessee(self.member_id, self.name, self.category, year)


def _cells(row: AssessRow) -> tuple[str, ...]:
    a = row.record
    if a is None:
        return (row.name, row.category.value, "未核定", "", "", "", "", "", "", "未核定", "")
    rate = percent(a.rate_bp) if a.rate_bp is not None else "固定标准"
    base = yuan(a.base_fen) if a.category.has_base else ""
    reduction = "" if a.reduction.value == "无" else a.reduction.value
    return (
        row.name,
        row.category.value,
        a.category.value,
        base,
        rate,
        yuan(a.monthly_due_fen),
        reduction,
        a.approval_ref,
        f"{a.from_month}月",
        f"沿用{a.carried_from}年" if a.carried_from else "已核定",
        a.explanation,
    )


def _colour(row: AssessRow) -> QBrush | None:
    if row.record is None:
        return UNASSESSED_BRUSH
    return CARRIED_BRUSH if row.record.carried_from else None


def _column(column: int) -> Column[AssessRow]:
    def tip(row: AssessRow) -> str:
        if row.record and row.record.carried_from:
            return f"沿用{row.record.carried_from}年的基数，尚未确认：核对后请点“确认沿用”"
        return _cells(row)[column]

    align = RIGHT if column in MONEY_COLUMNS else None
    return Column(HEADERS[column], lambda r: _cells(r)[column], align=align, tooltip=tip)


class AssessmentModel(RecordTableModel[AssessRow]):
    """Rows of the 核定 list: unassessed members orange, carried bases blue; read-only."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns = [_column(c) for c in range(len(HEADERS))]
        super().__init__(columns, parent, row_foreground=_colour)

    def set_rows(self, rows: list[AssessRow]) -> None:
        """Replace every row."""
        self.set_records(rows)


def assess_rows(ctx: UiContext, year: int) -> list[AssessRow]:
    """Return every member owing in ``year`` with each of their assessments (or none)."""
    desk = ctx.desk
    facts, matrix = desk.dues_reports.matrix(ctx.unit_id, year, desk.dues.today())
    categories = {m.id: m.category for m in desk.roster.list(ctx.unit_id)}
    plans: dict[int, list[AssessmentRecord]] = {}
    for record in desk.dues.assessments(ctx.unit_id, year):
        plans.setdefault(record.member_id, []).append(record)
    rows = []
    for f in facts:
        if not any(c.owed for c in matrix.member_cells(f.member_id)):
            continue
        category = categories.get(f.member_id, MemberCategory.OTHER)
        for record in plans.get(f.member_id) or [None]:
            rows.append(AssessRow(f.member_id, f.name, category, record))
    return rows


class AssessmentPanel(QWidget):
    """The 核定 list with 核定…, 年中调整…, 删除核定 and 批量核定."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = ctx.desk.dues.today().year
        self.model = AssessmentModel(self)
        self.table = make_table(self.model, widths=WIDTHS, compact_rows=False)
        self.count = QLabel()
        self.buttons: dict[str, QPushButton] = {}
        self._build()

    def _build(self) -> None:
        table = self.table
        actions = {
            "核定…": self.edit_selected,
            "年中调整…": self.adjust_selected,
            "删除核定": self.remove_selected,
            "批量核定": self.assess_all,
            "沿用上年基数": self.carry_forward,
            "确认沿用": self.confirm_carried,
        }
        for text, slot in actions.items():
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[text] = button
        self.buttons["年中调整…"].setToolTip("从某月起按新基数核定（此前各月不变）")
        self.buttons["批量核定"].setToolTip("为未核定的学生、农民等固定标准党员按默认类别核定")
        self.buttons["沿用上年基数"].setToolTip(
            "全支部未核定的党员沿用上一年度的党费基数（按本年比例重算），标为“沿用”待确认"
        )
        self.buttons["确认沿用"].setToolTip("核对无误后，确认本年度沿用的全部基数")
        lay_out_list(self, table, self.count, self.buttons.values())
        table.doubleClicked.connect(lambda _i: self.edit_selected())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_selected)

    def reload(self, year: int | None = None) -> None:
        """Read the year's assessments again."""
        if year is not None:
            self.year = year
        keep = self.table.currentIndex().row()
        rows = assess_rows(self.ctx, self.year)
        self.model.set_rows(rows)
        missing = sum(1 for r in rows if r.record is None)
        carried = sum(1 for r in rows if r.record is not None and r.record.carried_from)
        self.count.setText(
            f"{self.year}年应核定 {len({r.member_id for r in rows})} 人，未核定 {missing} 人"
            + (f"，沿用上年待确认 {carried} 条" if carried else "")
        )
        self.buttons["确认沿用"].setEnabled(bool(carried))
        if rows:
            self.table.selectRow(min(max(keep, 0), len(rows) - 1))

    def selected(self) -> AssessRow | None:
        """Return the row of the current selection, if any."""
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _open(
        self, row: AssessRow, record: AssessmentRecord | None, month: int
    ) -> AssessmentDialog:
        dialog = AssessmentDialog(self.ctx, row.who(self.year), record, month, self)
        dialog.open()
        return dialog

    def edit_selected(self) -> AssessmentDialog | None:
        """Open the editor on the selected assessment (a new one when unassessed)."""
        row = self.selected()
        return self._open(row, row.record, 1) if row else None

    def adjust_selected(self) -> AssessmentDialog | None:
        """Open the editor for a mid-year change from this month (or next year's January)."""
        row = self.selected()
        if row is None:
            return None
        today = self.ctx.desk.dues.today()
        month = today.month if today.year == self.year else 1
        dialog = AssessmentDialog(self.ctx, row.who(self.year), None, month, self)
        if row.record is not None:
            dialog.category.setCurrentIndex(dialog.category.findData(row.record.category.value))
        dialog.open()
        return dialog

    def remove_selected(self) -> bool:
        """Delete an assessment entered by mistake, after confirmation."""
        row = self.selected()
        if row is None or row.record is None:
            return False
        record = row.record
        question = f"确定删除{row.name}{self.year}年{record.from_month}月起的党费核定吗？"
        if not messages.confirm(self, question, yes="删除"):
            return False
        return (
            self.ctx.attempt(self, lambda: self.ctx.desk.dues.remove_assessment(record.id))
            is not None
        )

    def assess_all(self) -> bool:
        """Assess every unassessed member whose category pays a fixed amount; list the rest."""
        dues = self.ctx.desk.dues
        fixed, need = [], []
        for row in self.model.records():
            if row.record is not None:
                continue
            category = dues.default_category(row.category)
            if category.has_base or category is DuesCategory.OTHER:
                need.append(row.name)
            else:
                fixed.append((row.member_id, AssessmentInput(category)))
        later = f"\n以下{len(need)}人须填写基数，请逐一核定：{'、'.join(need)}" if need else ""
        if not fixed:
            messages.inform(self, ("没有可按固定标准批量核定的党员。" + later).strip())
            return False
        question = f"为{len(fixed)}名党员按默认类别（固定标准）核定{self.year}年党费？{later}"
        if not messages.confirm(self, question, yes="批量核定"):
            return False
        return self.ctx.attempt(self, lambda: dues.assess_many(self.year, fixed)) is not None

    def carry_forward(self) -> bool:
        """Give every unassessed member last year's base (marked 沿用), after confirmation."""
        carry = self.ctx.desk.dues_carry
        try:
            _, plan = carry.plan(self.ctx.unit_id, self.year)
        except UserError as exc:
            messages.show_error(self, exc)
            return False
        if not plan.carried:
            messages.inform(self, carry_nothing_text(plan))
            return False
        if not messages.confirm(self, carry_question(plan), yes="沿用"):
            return False
        return self.ctx.attempt(self, lambda: carry.carry(self.ctx.unit_id, self.year)) is not None

    def confirm_carried(self) -> bool:
        """Confirm every carried base of the year, after confirmation."""
        question = f"确认{self.year}年沿用上年的党费基数均已核对无误？"
        if not messages.confirm(self, question, yes="确认"):
            return False
        confirm = self.ctx.desk.dues_carry.confirm
        return self.ctx.attempt(self, lambda: confirm(self.ctx.unit_id, self.year)) is not None


def carry_question(plan: CarryResult) -> str:
    """Describe what 沿用上年基数 will do."""
    text = (
        f"为{len(plan.carried)}名党员沿用{plan.year - 1}年的党费基数（按{plan.year}年比例重算）："
        f"{'、'.join(plan.carried)}。\n沿用的基数标为“沿用”，核对后请点“确认沿用”。"
    )
    if plan.kept:
        text += f"\n已核定的{plan.kept}人不变。"
    if plan.missing:
        text += f"\n以下{len(plan.missing)}人上年无基数，须逐一核定：{'、'.join(plan.missing)}"
    return text


def carry_nothing_text(plan: CarryResult) -> str:
    """Say why there is nothing to carry."""
    if plan.missing:
        return (
            f"{plan.year - 1}年没有可沿用的党费基数，以下党员须逐一核定：{'、'.join(plan.missing)}"
        )
    return f"{plan.year}年应核定的党员均已核定，无需沿用上年基数。"
