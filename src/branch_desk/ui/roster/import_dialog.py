"""The import preview: what each sheet row will become, every problem, then 导入."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services.outcome import Outcome
from ...services.roster_import import ImportRow, RosterImportPreview, RosterImportResult
from .. import messages
from ..context import UiContext
from ..dialog_guard import FittedDialog
from ..tasks import CancelFn, ProgressFn
from ..widgets import ERROR_COLOR, WARNING_COLOR, ok_cancel

Index = QModelIndex | QPersistentModelIndex
PREVIEW_HEADERS = ("行号", "姓名", "处理", "问题")


class ImportPreviewModel(QAbstractTableModel):
    """One row per sheet row: 行号, 姓名, 处理 and its problems."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ImportRow, ...] = ()

    def set_rows(self, rows: tuple[ImportRow, ...]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PREVIEW_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not 0 <= section < len(PREVIEW_HEADERS):
            return None
        return PREVIEW_HEADERS[section] if orientation == Qt.Orientation.Horizontal else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(item, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and item.problems:
            return QBrush(QColor(WARNING_COLOR if item.ok else ERROR_COLOR))
        return None


def _cell(item: ImportRow, column: int) -> str:
    if column == 0:
        return str(item.row)
    if column == 1:
        return item.name
    if column == 2:
        return item.action if item.ok else "有错误"
    return "；".join(f"〔{p.column}〕{p.message}" if p.column else p.message for p in item.problems)


def summary_text(preview: RosterImportPreview) -> str:
    """Describe the preview in one line."""
    counts = "，".join(f"{a}{preview.count(a)}人" for a in ("新增", "更新", "无变化"))
    problems = f"错误{preview.error_count}处，提示{preview.warning_count}处"
    return f"工作表“{preview.sheet_name}”共{len(preview.rows)}行：{counts}；{problems}。"


class ImportDialog(FittedDialog):
    """Preview a workbook in the background; 导入 only when it has no error."""

    def __init__(self, ctx: UiContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.path = ctx, path
        self.preview: RosterImportPreview | None = None
        self.result: RosterImportResult | None = None
        self.setWindowTitle(f"导入党员名册 — {path.name}")
        self.status = QLabel("正在读取文件…")
        self.status.setWordWrap(True)
        self.extra = QLabel()
        self.extra.setWordWrap(True)
        self.model = ImportPreviewModel(self)
        self.table = QTableView()
        self.problems = QListWidget()
        self.buttons = ok_cancel("导入")
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setEnabled(False)
        self._build()
        self.resize(820, 600)
        self.busy, self.applying = True, False
        self.task = ctx.tasks.run(
            self._read, self._show_preview, self._failed, title="读取名册", parent=self
        )

    def _build(self) -> None:
        lay_out_preview(self, self.table, self.model, self.problems, (self.status, self.extra))

    def _read(self, progress: ProgressFn, cancel: CancelFn) -> RosterImportPreview:
        return self.ctx.desk.roster_import.preview(self.ctx.unit_id, self.path, progress, cancel)

    def _show_preview(self, preview: RosterImportPreview) -> None:
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
        self.status.setText(summary_text(preview) + hint)
        self.extra.setText(_extra_text(preview))
        self.import_button.setEnabled(preview.ok)

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self.status.setText("无法读取该文件。")
        messages.show_failure(self, exc, "读取名册")

    def accept(self) -> None:
        """Apply the previewed import in the background, then report the counts."""
        if self.preview is None or not self.preview.ok or self.busy:
            return
        preview = self.preview
        self.busy = self.applying = True
        self.import_button.setEnabled(False)
        self.task = self.ctx.tasks.run(
            lambda _p, _c: self.ctx.desk.roster_import.apply(self.ctx.unit_id, preview),
            self._applied,
            self._apply_failed,
            title="导入名册",
            parent=self,
        )

    def reject(self) -> None:
        """Close, cancelling a preview still being read; wait while an import is written."""
        if self.applying:
            return
        if self.busy:
            self.task.cancel()
        super().reject()

    def _applied(self, outcome: Outcome[RosterImportResult]) -> None:
        self.busy = self.applying = False
        self.result = self.ctx.apply(outcome)
        r = self.result
        messages.inform(
            self, f"导入完成：新增{r.created}人，更新{r.updated}人，无变化{r.unchanged}人。"
        )
        super().accept()

    def _apply_failed(self, exc: Exception) -> None:
        self.busy = self.applying = False
        self.import_button.setEnabled(True)
        messages.show_failure(self, exc, "导入名册")


def _extra_text(preview: RosterImportPreview) -> str:
    lines = []
    if preview.unknown_columns:
        lines.append(f"未识别的列（将被忽略）：{'、'.join(preview.unknown_columns)}")
    if preview.new_groups:
        lines.append(f"将新建党小组：{'、'.join(preview.new_groups)}")
    return "\n".join(lines)


def lay_out_preview(
    dialog: QDialog,
    table: QTableView,
    model: QAbstractItemModel,
    problems: QWidget,
    top: tuple[QWidget, ...],
) -> None:
    """Lay out an import preview: widgets on top, the rows, the problem list, OK/Cancel."""
    table.setModel(model)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    split = QSplitter(Qt.Orientation.Vertical)
    split.addWidget(table)
    box = QWidget()
    box_layout = QVBoxLayout(box)
    box_layout.setContentsMargins(0, 0, 0, 0)
    box_layout.addWidget(QLabel("问题清单："))
    box_layout.addWidget(problems)
    split.addWidget(box)
    layout = QVBoxLayout(dialog)
    for widget in (*top, split, dialog.buttons):  # type: ignore[attr-defined]
        layout.addWidget(widget)
    dialog.buttons.accepted.connect(dialog.accept)  # type: ignore[attr-defined]
    dialog.buttons.rejected.connect(dialog.reject)  # type: ignore[attr-defined]
