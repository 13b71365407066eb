"""The 党员 page: filter box, roster table, action buttons and the detail side panel."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.members import MemberRecord
from ...services.outcome import Area
from .. import messages
from ..context import UiContext, touches
from ..one_window import deleted_when_closed
from ..widgets import record_list
from ..widgets.record_table import ROW_ROLE
from ..widgets.tables import fit_columns, make_table
from . import excel
from .detail import MemberDetailPanel
from .member_dialog import MemberDialog
from .model import COL_NAME, COL_SEQ, MemberFilterProxy, MemberTableModel
from .status_dialog import StatusDialog, allowed_changes

DETAIL_WIDTH = 330
FILTER_HINT = "输入姓名、拼音首字母（如 zs）或身份证号筛选"
BUTTON_TIPS = {"新增": "新增党员（Ctrl+N）", "编辑": "编辑所选党员（回车或双击）"}


class RosterPage(QWidget):
    """The member roster with everything a secretary does to it."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = MemberTableModel(self)
        self.proxy = MemberFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(placeholderText=FILTER_HINT, clearButtonEnabled=True)
        self.show_inactive = QCheckBox("显示已转出/去世等")
        self.count = QLabel()
        self.table = make_table(self.proxy, sort_column=COL_SEQ)
        self.detail = MemberDetailPanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.buttons = self._make_buttons()
        self._sized = False
        self._build()
        self._wire()
        self.reload()

    def _make_buttons(self) -> dict[str, QPushButton]:
        actions = {
            "新增": self.add_member,
            "编辑": self.edit_selected,
            "状态变更": self.change_status_selected,
            "删除": self.delete_selected,
            "导入Excel": self.import_excel,
            "导出Excel": self.export_excel,
        }
        return record_list.action_buttons(actions, BUTTON_TIPS)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.filter, 2)
        top.addWidget(self.show_inactive)
        top.addWidget(self.count)
        top.addStretch(1)
        row = QHBoxLayout()
        for name, button in self.buttons.items():
            if name == "导入Excel":
                row.addStretch(1)
            row.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table)
        left_layout.addLayout(row)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([900, DETAIL_WIDTH])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def _wire(self) -> None:
        self.filter.textChanged.connect(self._refilter)
        self.filter.installEventFilter(self)
        self.show_inactive.toggled.connect(self._show_inactive_toggled)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        record_list.on_keys(self.table, record_list.OPEN_KEYS, self.edit_selected)
        record_list.on_keys(self.table, record_list.DELETE_KEYS, self.delete_selected)
        self.filter.returnPressed.connect(self.table.setFocus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Make the pinyin index when the filter box first gets the cursor, before typing."""
        if watched is self.filter and event.type() == QEvent.Type.FocusIn:
            self.model.search_index()
        return super().eventFilter(watched, event)

    # ---- showing -----------------------------------------------------------------------

    def on_data_changed(self, areas: frozenset[Area]) -> None:
        """Reload when members or the organisation changed."""
        if touches(areas, Area.MEMBERS, Area.ORG):
            self.reload()

    def reload(self) -> None:
        """Read the roster again, keeping the selected member selected."""
        keep = self.selected_member()
        self.model.set_members(self.ctx.desk.roster.list(self.ctx.unit_id))
        if not self._sized and self.model.rowCount():
            self._fit_columns()
            self._sized = True
        self._update_count()
        if keep is not None:
            self.select_member(keep.id)
        self._current_changed(self.table.currentIndex())

    def _fit_columns(self) -> None:
        """Size the columns to the rows shown (their texts read from the model in Python)."""
        proxy, model = self.proxy, self.model
        rows = [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]

        def text(row: int, column: int) -> str:
            if column == COL_SEQ:
                return str(row + 1)
            return model.display_text(rows[row], column, model.record(rows[row]))

        fit_columns(self.table, text)

    def _refilter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _show_inactive_toggled(self, on: bool) -> None:
        self.proxy.set_show_inactive(on)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"显示 {shown} 人，共 {total} 人")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        member = self.proxy.data(current, ROW_ROLE) if current.isValid() else None
        self.detail.show_detail(self.ctx.desk.roster.get(member.id) if member else None)
        for name in ("编辑", "状态变更", "删除"):
            self.buttons[name].setEnabled(member is not None)

    def selected_member(self) -> MemberRecord | None:
        """Return the member of the current row, if any."""
        return record_list.current_record(self.table)

    def select_member(self, member_id: int) -> bool:
        """Make a member the current row (when it is shown); return whether it is."""
        return record_list.select_source_row(self.table, self.model.row_of(member_id), COL_NAME)

    def focus_filter(self) -> None:
        """Put the cursor in the filter box."""
        self.filter.setFocus()
        self.filter.selectAll()

    # ---- actions -----------------------------------------------------------------------

    def add_member(self) -> MemberDialog:
        """Open the add dialog (window-modal); select the new member when saved."""
        dialog = deleted_when_closed(MemberDialog(self.ctx, None, self))
        dialog.accepted.connect(lambda: self._select_saved(dialog))
        dialog.open()
        return dialog

    def edit_selected(self) -> MemberDialog | None:
        """Open the edit dialog for the selected member."""
        member = self.selected_member()
        if member is None:
            return None
        dialog = deleted_when_closed(MemberDialog(self.ctx, member, self))
        dialog.open()
        return dialog

    def _select_saved(self, dialog: MemberDialog) -> None:
        if dialog.outcome is not None:
            self.select_member(dialog.outcome.value.id)

    def change_status_selected(self) -> StatusDialog | None:
        """Open the status-change dialog, or explain why no change is possible."""
        member = self.selected_member()
        if member is None:
            return None
        if not allowed_changes(member):
            status = member.roster_status.value
            messages.inform(self, f"{member.name}当前为“{status}”，不能再办理党籍状态变更。")
            return None
        dialog = deleted_when_closed(StatusDialog(self.ctx, member, self))
        dialog.open()
        return dialog

    def delete_selected(self) -> None:
        """Delete a record entered by mistake, after confirmation; explain when refused."""
        member = self.selected_member()
        if member is None:
            return
        refs = self.ctx.desk.roster.references(member.id)
        if refs:
            messages.inform(
                self,
                f"{member.name}的记录已被引用（{'、'.join(refs)}），不能删除。\n"
                "如该党员已离开本支部，请使用“状态变更”办理转出、去世等。",
            )
            return
        question = f"确定删除{member.name}的记录吗？\n删除只用于更正误录入的记录，删除后不能恢复。"
        if messages.confirm(self, question, yes="删除"):
            self.ctx.attempt(self, lambda: self.ctx.desk.roster.remove(member.id))

    def import_excel(self) -> None:
        """Choose a workbook and open the import preview."""
        excel.start_import(self.ctx, self)

    def export_excel(self) -> None:
        """Choose where to save and export the roster in the background."""
        excel.start_export(self.ctx, self, self.show_inactive.isChecked())

    # ---- settings ----------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        """Remember the splitter and column widths."""
        settings.setValue("roster/splitter", self.splitter.saveState())
        record_list.save_header(settings, "roster/header", self.table)

    def restore_state(self, settings: QSettings) -> None:
        """Restore the splitter and column widths."""
        splitter = settings.value("roster/splitter")
        if splitter:
            self.splitter.restoreState(splitter)
        if record_list.restore_header(settings, "roster/header", self.table):
            self._sized = True
