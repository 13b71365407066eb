"""导入党费基数 / 收缴登记表: preview every row and problem (第N行〔列〕), then 导入."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QWidget,
)

from ...services.app import BranchDesk
from ...services.dues.import_rows import DuesImportPreview
from ...services.outcome import Outcome
from .. import messages
from ..context import UiContext
from ..dialog_guard import FittedDialog
from ..roster.import_dialog import lay_out_preview
from ..widgets import ERROR_COLOR, WARNING_COLOR, ok_cancel
from .import_model import DuesPreviewModel, totals_text


@dataclass(frozen=True)
class ImportKind:
    """One of the two dues imports: its title, how to preview and how to apply."""

    title: str
    unit: str
    bases: bool
    preview: Callable[[BranchDesk, int, int, Path], DuesImportPreview]
    apply: Callable[[BranchDesk, DuesImportPreview], Outcome[int]]


BASES = ImportKind(
    "导入党费基数",
    "人",
    True,
    lambda desk, unit, year, path: desk.dues_import.preview_bases(unit, year, path),
    lambda desk, preview: desk.dues_import.apply_bases(preview),
)
PAYMENTS = ImportKind(
    "导入收缴登记表",
    "笔缴费",
    False,
    lambda desk, unit, year, path: desk.dues_import.preview_payments(unit, year, path),
    lambda desk, preview: desk.dues_import.apply_payments(preview),
)


def summary_text(preview: DuesImportPreview) -> str:
    """Describe the preview in one line."""
    counts = "，".join(
        f"{a}{preview.count(a)}行" for a in ("新增", "更新", "无变化") if preview.count(a)
    )
    warnings = f"，提示{preview.warning_count}处" if preview.warning_count else ""
    return (
        f"{preview.year}年，工作表“{preview.sheet_name}”共{len(preview.rows)}行"
        f"：{counts or '无可导入的数据'}；错误{preview.error_count}处{warnings}。"
    )


class DuesImportDialog(FittedDialog):
    """Read the sheet in the background; 导入 only when it has no error."""

    def __init__(
        self, ctx: UiContext, kind: ImportKind, year: int, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.kind, self.year, self.path = ctx, kind, year, path
        self.preview: DuesImportPreview | None = None
        self.imported: int | None = None
        self.setWindowTitle(f"{kind.title}（{year}年） — {path.name}")
        self.status = QLabel("正在读取文件…")
        self.status.setWordWrap(True)
        self.model = DuesPreviewModel(kind.bases, self)
        self.table = QTableView()
        self.problems = QListWidget()
        self.buttons = ok_cancel("导入")
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setEnabled(False)
        self._build()
        self.resize(820, 600)
        self.busy, self.applying = True, False
        self.task = ctx.tasks.run(
            lambda _p, _c: kind.preview(ctx.desk, ctx.unit_id, year, path),
            self._show_preview,
            self._failed,
            title=kind.title,
            parent=self,
        )

    def _build(self) -> None:
        lay_out_preview(self, self.table, self.model, self.problems, (self.status,))

    def _show_preview(self, preview: DuesImportPreview) -> None:
        self.busy = False
        self.preview = preview
        self.model.set_rows(preview.rows)
        self.table.resizeColumnsToContents()
        self.problems.clear()
        for problem in preview.problems:
            item = QListWidgetItem(problem.describe())
            item.setForeground(QBrush(QColor(ERROR_COLOR if problem.is_error else WARNING_COLOR)))
            self.problems.addItem(item)
        hint = "" if preview.ok else "\n文件中有错误，请在Excel中改正后重新导入；不会导入任何数据。"
        unknown = (
            f"\n未识别的列（将被忽略）：{'、'.join(preview.unknown_columns)}"
            if preview.unknown_columns
            else ""
        )
        totals = "\n" + totals_text(preview, self.kind.bases)
        self.status.setText(summary_text(preview) + totals + unknown + hint)
        self.import_button.setEnabled(preview.ok)

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self.status.setText("无法读取该文件。")
        messages.show_failure(self, exc, self.kind.title)

    def accept(self) -> None:
        """Apply the previewed import in the background, then report the count."""
        if self.preview is None or not self.preview.ok or self.busy:
            return
        preview = self.preview
        self.busy = self.applying = True
        self.import_button.setEnabled(False)
        self.task = self.ctx.tasks.run(
            lambda _p, _c: self.kind.apply(self.ctx.desk, preview),
            self._applied,
            self._apply_failed,
            title=self.kind.title,
            parent=self,
        )

    def reject(self) -> None:
        """Close, cancelling a preview still being read; wait while an import is written."""
        if self.applying:
            return
        if self.busy:
            self.task.cancel()
        super().reject()

    def _applied(self, outcome: Outcome[int]) -> None:
        self.busy = self.applying = False
        self.imported = self.ctx.apply(outcome)
        messages.inform(self, f"导入完成：共导入{self.imported}{self.kind.unit}。")
        super().accept()

    def _apply_failed(self, exc: Exception) -> None:
        self.busy = self.applying = False
        self.import_button.setEnabled(True)
        messages.show_failure(self, exc, self.kind.title)
