"""Development files: the candidate ledger import preview, the 纪实表 and 汇总表 exports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFormLayout,
    QSpinBox,
    QWidget,
)

from ...domain.archive import safe_file_name
from ...services.development.import_rows import CandidateImportPreview, CandidateImportResult
from ...services.development.views import CandidateView
from ...services.outcome import Outcome
from ..context import UiContext
from ..dialog_guard import FittedDialog
from ..tasks import CancelFn, ProgressFn
from ..widgets.file_choice import (
    XLSX_FILTER,
    choose_save_path,
    documents_dir,
)
from ..widgets.file_tasks import export_in_background, write_in_background
from ..widgets.form_fields import ok_cancel
from ..widgets.import_preview import ImportPreviewDialog, counts_summary


def _save_path(parent: QWidget, title: str, name: str, pattern: str, suffix: str) -> Path | None:
    return choose_save_path(parent, title, documents_dir() / name, pattern, suffix)


def dossier_name(candidate: CandidateView) -> str:
    """Return 发展党员纪实表_<name>.docx."""
    return safe_file_name(f"发展党员纪实表_{candidate.name}", ".docx")


def export_dossier(ctx: UiContext, parent: QWidget, candidate: CandidateView) -> Path | None:
    """Ask where to save a candidate's 全程纪实表, then write it in the background."""
    return export_in_background(
        ctx,
        parent,
        "导出发展党员纪实表",
        dossier_name(candidate),
        lambda path: ctx.desk.development_io.export_dossier(candidate.id, path),
        lambda path, _r: f"{candidate.name}的纪实表已导出到：\n{path}",
        title="导出纪实表",
    )


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
        ctx = self.ctx
        write_in_background(
            ctx,
            self.parentWidget() or self,
            "导出汇总表",
            lambda: ctx.desk.development_io.export_pipeline(ctx.unit_id, year, path),
            lambda _r: f"{year}年度汇总表已导出到：\n{path}",
        )
        super().accept()


class CandidateImportDialog(ImportPreviewDialog):
    """Preview a development ledger in the background; 导入 only when it has no error."""

    title = "导入发展党员台账"
    read_title = apply_title = "导入发展党员台账"

    def read_preview(self, progress: ProgressFn, cancel: CancelFn) -> CandidateImportPreview:
        """Read the ledger into a preview (runs in the background)."""
        service = self.ctx.desk.candidate_import
        return service.preview(self.ctx.unit_id, self.path, progress, cancel)

    def summary(self, preview: CandidateImportPreview) -> str:
        """Describe the preview in one line."""
        return counts_summary(preview, "人")

    def apply_preview(self, preview: CandidateImportPreview) -> Outcome[CandidateImportResult]:
        """Write the previewed candidates and steps (runs in the background)."""
        return self.ctx.desk.candidate_import.apply(self.ctx.unit_id, preview)

    def done_text(self, r: CandidateImportResult) -> str:
        """Say what the import did."""
        return f"导入完成：新增{r.created}人，更新{r.updated}人。"


def start_import(ctx: UiContext, parent: QWidget) -> CandidateImportDialog | None:
    """Ask for a workbook, then open the import preview for it."""
    return CandidateImportDialog.start(ctx, parent, "选择要导入的发展党员台账")
