"""The 发展党员 page: a board by stage and a filterable list; open a candidate to work on."""

from __future__ import annotations

from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...exports.dossier_docx import dossier_document
from ...services.development.views import CandidateView
from ...services.outcome import Area
from .. import messages
from ..context import UiContext, touches
from ..document_preview import DocumentPreviewDialog, show_document_preview
from ..widgets import record_list
from ..widgets.settings import ui_settings
from ..widgets.tables import make_table
from .board import BoardView
from .candidate_dialog import CandidateDialog, open_candidate
from .identity import NewCandidateDialog
from .import_export import PipelineDialog, start_import
from .import_export import export_dossier as write_dossier
from .model import (
    COL_LATEST,
    COL_NAME,
    COL_NEXT,
    CandidateFilterProxy,
    CandidateTableModel,
)

FILTER_HINT = "输入姓名、拼音首字母、阶段或下一步筛选"
COLUMN_WIDTHS = (110, 90, 220, 100, 100, 60)
BUTTON_TIPS = {
    "新增申请人": "登记收到的入党申请书",
    "打开": "打开所选人员的个人纪实（回车或双击）",
    "导出纪实表…": "导出所选人员的发展党员全程纪实表",
    "打印纪实表…": "打印预览所选人员的发展党员全程纪实表",
    "导出汇总表…": "导出某一年度的发展党员工作情况汇总表（Excel）",
}


class DevelopPage(QWidget):
    """Everyone in the development pipeline of the branch."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.candidates: list[CandidateView] = []
        self.board = BoardView()
        self.model = CandidateTableModel(self)
        self.proxy = CandidateFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(
            self.proxy,
            sort_column=COL_LATEST,
            widths=COLUMN_WIDTHS,
            compact_rows=False,
            stretch_last=False,
        )
        self.table.horizontalHeader().setSectionResizeMode(COL_NEXT, QHeaderView.ResizeMode.Stretch)
        self.views = QTabWidget()
        self.filter = QLineEdit(placeholderText=FILTER_HINT, clearButtonEnabled=True)
        self.count = QLabel()
        self.buttons = self._make_buttons()
        self.last_dialog: CandidateDialog | None = None
        self._build()
        self._wire()
        self.reload()
        self.restore_state()

    def _make_buttons(self) -> dict[str, QPushButton]:
        actions = {
            "新增申请人": self.add_candidate,
            "打开": self.open_selected,
            "导入Excel…": self.import_excel,
            "导出纪实表…": self.export_dossier,
            "打印纪实表…": self.preview_dossier,
            "导出汇总表…": self.export_pipeline,
        }
        return record_list.action_buttons(actions, BUTTON_TIPS)

    def _build(self) -> None:
        self.views.addTab(self.board, "看板")
        self.views.addTab(self.table, "列表")
        top = QHBoxLayout()
        for name in ("新增申请人", "打开"):
            top.addWidget(self.buttons[name])
        top.addWidget(self.filter, 2)
        top.addWidget(self.count)
        top.addStretch(1)
        for name in ("导入Excel…", "导出纪实表…", "打印纪实表…", "导出汇总表…"):
            top.addWidget(self.buttons[name])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.views, 1)

    def _wire(self) -> None:
        self.filter.textChanged.connect(self._text_changed)
        self.board.open_requested.connect(self.open)
        self.board.current_changed.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.views.currentChanged.connect(lambda _i: self._update_buttons())
        record_list.on_keys(self.table, record_list.OPEN_KEYS, self.open_selected)

    # ---- showing -----------------------------------------------------------------------

    def on_data_changed(self, areas: frozenset[Area]) -> None:
        """Reload when candidates, members (sponsors) or settings changed."""
        if touches(areas, Area.DEVELOPMENT, Area.MEMBERS, Area.SETTINGS, Area.ORG):
            self.reload()

    def reload(self) -> None:
        """Read every candidate again with today's issues and deadlines."""
        keep = self.selected()
        service = self.ctx.desk.development
        today = service.today()
        self.candidates = service.list(self.ctx.unit_id, today)
        self.model.set_candidates(self.candidates, today)
        self.board.set_candidates(self.candidates, today)
        self.board.set_text(self.filter.text())
        if keep is not None:
            self.select(keep.id)
        self._update_count()
        self._update_buttons()

    def _text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self.board.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        active = sum(1 for c in self.candidates if not c.stage.ended)
        self.count.setText(f"显示 {self.proxy.rowCount()} 人，在培养 {active} 人")

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for name in ("打开", "导出纪实表…", "打印纪实表…"):
            self.buttons[name].setEnabled(chosen)

    def selected(self) -> CandidateView | None:
        """Return the candidate selected in the shown view, if any."""
        if self.views.currentWidget() is self.board:
            return self.board.current()
        return record_list.current_record(self.table)

    def select(self, candidate_id: int) -> bool:
        """Select a candidate in both views; return whether it is shown."""
        record_list.select_source_row(self.table, self.model.row_of(candidate_id), COL_NAME)
        return self.board.select(candidate_id)

    # ---- actions -----------------------------------------------------------------------

    def add_candidate(self) -> NewCandidateDialog:
        """Open the 新增申请人 dialog (window-modal)."""
        dialog = NewCandidateDialog(self.ctx, self)
        dialog.accepted.connect(lambda: dialog.created and self.select(dialog.created.id))
        dialog.open()
        return dialog

    def open(self, candidate_id: int) -> CandidateDialog:
        """Open a candidate's page."""
        self.last_dialog = open_candidate(self.ctx, self, candidate_id)
        return self.last_dialog

    def open_selected(self) -> CandidateDialog | None:
        """Open the selected candidate's page."""
        chosen = self.selected()
        return self.open(chosen.id) if chosen else None

    def import_excel(self) -> object:
        """Choose a development ledger workbook and preview its import."""
        return start_import(self.ctx, self)

    def export_dossier(self) -> None:
        """Export the selected candidate's 纪实表."""
        chosen = self.selected()
        if chosen is None:
            messages.warn(self, "请先在看板或列表中选择一名人员。")
            return
        write_dossier(self.ctx, self, chosen)

    def preview_dossier(self) -> DocumentPreviewDialog | None:
        """Open the print preview of the selected candidate's 纪实表 (the .docx layout)."""
        chosen = self.selected()
        if chosen is None:
            messages.warn(self, "请先在看板或列表中选择一名人员。")
            return None
        doc = self.ctx.desk.development_io.dossier(chosen.id)
        return show_document_preview(self, dossier_document(doc))

    def export_pipeline(self) -> PipelineDialog:
        """Choose the year and export the 汇总表."""
        dialog = PipelineDialog(self.ctx, self)
        dialog.open()
        return dialog

    # ---- settings ----------------------------------------------------------------------

    def restore_state(self) -> None:
        """Restore the chosen view and the list's column widths."""
        settings = ui_settings(self.ctx.desk)
        record_list.restore_header(settings, "develop/header", self.table)
        self.views.setCurrentIndex(int(settings.value("develop/view", 0) or 0))

    def hideEvent(self, event: QHideEvent) -> None:
        """Remember the view and column widths whenever the page is left."""
        settings = ui_settings(self.ctx.desk)
        record_list.save_header(settings, "develop/header", self.table)
        settings.setValue("develop/view", self.views.currentIndex())
        settings.sync()
        super().hideEvent(event)
