"""Development files: the candidate ledger import preview, the 纪实表 and 汇总表 exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.archive import safe_file_name
from ...services.development.views import CandidateView
from .. import messages
from ..context import UiContext
from ..dialog_guard import FittedDialog
from ..tasks import CancelFn, ProgressFn
from ..widgets.file_choice import (
    DOCX_FILTER,
    XLSX_FILTER,
    choose_save_path,
    choose_workbook,
    documents_dir,
)
from ..widgets.form_fields import ERROR_COLOR, WARNING_COLOR, ok_cancel
from ..widgets.import_preview import ImportPreviewModel


def _save_path(parent: QWidget, title: str, name: str, pattern: str, suffix: str) -> Path | None:
    return choose_save_path(parent, title, documents_dir() / name, pattern, suffix)


def dossier_name(candidate: CandidateView) -> str:
    """Return 发展党员纪实表_<name>.docx."""
    return safe_file_name(f"发展党员纪实表_{candidate.name}", ".docx")


def export_dossier(ctx: UiContext, parent: QWidget, candidate: CandidateView) -> Path | None:
    """Ask where to save a candidate's 全程纪实表, then write it in the background."""
    path = _save_path(parent, "导出发展党员纪实表", dossier_name(candidate), DOCX_FILTER, ".docx")
    if path is None:
        return None

    def work(progress: ProgressFn, _cancel: CancelFn) -> object:
        """Write the document (worker thread)."""
        progress(0.0, "正在导出纪实表…")
        return ctx.desk.development_io.export_dossier(candidate.id, path)

    ctx.tasks.run(
        work,
        lambda _r: messages.inform(parent, f"{candidate.name}的纪实表已导出到：\n{path}"),
        lambda exc: messages.show_failure(parent, exc, "导出纪实表"),
        title="导出纪实表",
        parent=parent,
    )
    return path


class PipelineDialog(FittedDialog):
    """Choose the year of the 发展党员工作情况汇总表, then the file."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self.setWindowTitle("导出发展党员工作情况汇总表")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.desk.development.today().year)
        self.year.setSuffix(" 年")
        self.buttons = ok_cancel("导出…")
        form = QFormLayout(self)
        form.addRow("年度：", self.year)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        """Ask for the file and write it in the background."""
        year = self.year.value()
        unit = self.ctx.desk.org.get(self.ctx.unit_id)
        name = safe_file_name(f"发展党员工作情况汇总表_{unit.name}_{year}", ".xlsx")
        path = _save_path(self, "导出汇总表", name, XLSX_FILTER, ".xlsx")
        if path is None:
            return
        self.path = path
        ctx, parent = self.ctx, self.parentWidget() or self

        def work(progress: ProgressFn, _cancel: CancelFn) -> object:
            """Write the workbook (worker thread)."""
            progress(0.0, "正在导出汇总表…")
            return ctx.desk.development_io.export_pipeline(ctx.unit_id, year, path)

        ctx.tasks.run(
            work,
            lambda _r: messages.inform(parent, f"{year}年度汇总表已导出到：\n{path}"),
            lambda exc: messages.show_failure(parent, exc, "导出汇总表"),
            title="导出汇总表",
            parent=parent,
        )
        super().accept()


def preview_summary(preview: Any) -> str:
    """Describe a candidate import preview in one line."""
    counts = "，".join(f"{a}{preview.count(a)}人" for a in ("新增", "更新", "无变化"))
    problems = f"错误{preview.error_count}处，提示{preview.warning_count}处"
    return f"工作表“{preview.sheet_name}”共{len(preview.rows)}行：{counts}；{problems}。"


class CandidateImportDialog(FittedDialog):
    """Preview a development ledger in the background; 导入 only when it has no error."""

    def __init__(self, ctx: UiContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.path = ctx, path
        self.preview: Any = None
        self.setWindowTitle(f"导入发展党员台账 — {path.name}")
        self.status = QLabel("正在读取文件…")
        self.status.setWordWrap(True)
        self.model = ImportPreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.problems = QListWidget()
        self.buttons = ok_cancel("导入")
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setEnabled(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.problems)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addWidget(QLabel("问题清单见下方，格式为“第N行〔列〕说明”。"))
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(820, 600)
        self.busy, self.applying = True, False
        self.task = ctx.tasks.run(
            lambda progress, cancel: ctx.desk.candidate_import.preview(
                ctx.unit_id, path, progress, cancel
            ),
            self.show_preview,
            self._failed,
            title="读取发展党员台账",
            parent=self,
        )

    def show_preview(self, preview: Any) -> None:
        """Show every row and problem; allow 导入 only without errors."""
        self.busy = False
        self.preview = preview
        self.model.set_rows(tuple(preview.rows))
        self.table.resizeColumnsToContents()
        self.problems.clear()
        for problem in preview.problems:
            item = QListWidgetItem(problem.describe())
            item.setForeground(QBrush(QColor(ERROR_COLOR if problem.is_error else WARNING_COLOR)))
            self.problems.addItem(item)
        hint = "" if preview.ok else "\n文件中有错误，请在Excel中改正后重新导入；不会导入任何数据。"
        self.status.setText(preview_summary(preview) + hint)
        self.import_button.setEnabled(bool(preview.ok))

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self.status.setText("无法读取该文件。")
        messages.show_failure(self, exc, "读取发展党员台账")

    def accept(self) -> None:
        """Apply the previewed import in the background."""
        if self.preview is None or not self.preview.ok or self.busy:
            return
        preview, ctx = self.preview, self.ctx
        self.busy = self.applying = True
        self.import_button.setEnabled(False)
        self.task = ctx.tasks.run(
            lambda _p, _c: ctx.desk.candidate_import.apply(ctx.unit_id, preview),
            self._applied,
            self._apply_failed,
            title="导入发展党员台账",
            parent=self,
        )

    def reject(self) -> None:
        """Close, cancelling a preview still being read; wait while an import is written."""
        if self.applying:
            return
        if self.busy:
            self.task.cancel()
        super().reject()

    def _applied(self, outcome: Any) -> None:
        self.busy = self.applying = False
        result = self.ctx.apply(outcome)
        created, updated = getattr(result, "created", 0), getattr(result, "updated", 0)
        messages.inform(self, f"导入完成：新增{created}人，更新{updated}人。")
        super().accept()

    def _apply_failed(self, exc: Exception) -> None:
        self.busy = self.applying = False
        self.import_button.setEnabled(True)
        messages.show_failure(self, exc, "导入发展党员台账")


def start_import(ctx: UiContext, parent: QWidget) -> CandidateImportDialog | None:
    """Ask for a workbook, then open the import preview for it."""
    chosen = choose_workbook(parent, "选择要导入的发展党员台账")
    if chosen is None:
        return None
    dialog = CandidateImportDialog(ctx, chosen, parent)
    dialog.open()
    return dialog
