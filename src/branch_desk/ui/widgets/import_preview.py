"""The import preview shared by every workbook import: each sheet row, every problem, then 导入.

Roster, meeting ledger, candidate and dues imports all show the rows of a workbook with
what will happen to each (新增/更新/无变化 or 有错误), the list of problems (第N行〔列〕…),
and import all of it or nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Self

from PySide6.QtCore import QAbstractItemModel, QObject, Qt
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
from .. import messages
from ..context import UiContext
from ..dialog_guard import FittedDialog
from ..tasks import CancelFn, ProgressFn
from .file_choice import choose_workbook
from .form_fields import ERROR_COLOR, WARNING_COLOR, ok_cancel
from .record_table import Column, RecordTableModel


def action_text(item: Any) -> str:
    """Return what will happen to a row: 新增/更新/无变化, or 有错误."""
    return item.action if item.ok else "有错误"


def problems_text(item: Any) -> str:
    """Join a row's problems, each with its column: 〔缺席人员〕…；〔学时〕…."""
    return "；".join(f"〔{p.column}〕{p.message}" if p.column else p.message for p in item.problems)


def problem_brush(item: Any) -> QBrush | None:
    """Colour a row with problems: orange for warnings only, red for an error."""
    if not item.problems:
        return None
    return QBrush(QColor(WARNING_COLOR if item.ok else ERROR_COLOR))


ROW_COLUMN: Column[Any] = Column("行号", lambda item: item.row)
NAME_COLUMN: Column[Any] = Column("姓名", lambda item: item.name)
ACTION_COLUMN: Column[Any] = Column("处理", action_text)
PROBLEMS_COLUMN: Column[Any] = Column("问题", problems_text)
PREVIEW_COLUMNS: tuple[Column[Any], ...] = (
    ROW_COLUMN,
    NAME_COLUMN,
    ACTION_COLUMN,
    PROBLEMS_COLUMN,
)


class ImportPreviewModel(RecordTableModel[Any]):
    """One row per sheet row: 行号, 姓名, 处理 and its problems (subclasses set ``columns``)."""

    columns: tuple[Column[Any], ...] = PREVIEW_COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(self.columns, parent, row_foreground=problem_brush)


def unknown_columns_lines(preview: Any) -> list[str]:
    """Name the columns the import ignores (none: an empty list)."""
    if not preview.unknown_columns:
        return []
    return [f"未识别的列（将被忽略）：{'、'.join(preview.unknown_columns)}"]


def counts_summary(preview: Any, unit: str) -> str:
    """Describe a preview in one line: its sheet, rows counted in ``unit`` (人, 次) and problems."""
    counts = "，".join(f"{a}{preview.count(a)}{unit}" for a in ("新增", "更新", "无变化"))
    problems = f"错误{preview.error_count}处，提示{preview.warning_count}处"
    return f"工作表“{preview.sheet_name}”共{len(preview.rows)}行：{counts}；{problems}。"


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


class ImportPreviewDialog(FittedDialog):
    """Preview a workbook in the background; 导入 only when it has no error.

    Subclasses say what they import by setting the titles and ``model_class`` and by
    the read/apply/summary hooks (see ui/roster/import_dialog.py, ui/events/import_dialog.py).
    """

    title = ""
    read_title, apply_title = "", ""
    model_class: type[ImportPreviewModel] = ImportPreviewModel

    @classmethod
    def start(cls, ctx: UiContext, parent: QWidget, prompt: str) -> Self | None:
        """Ask for a workbook (``prompt`` titles the file dialog), then open its preview."""
        chosen = choose_workbook(parent, prompt)
        if chosen is None:
            return None
        dialog = cls(ctx, chosen, parent)
        dialog.open()
        return dialog

    def __init__(self, ctx: UiContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.path = ctx, path
        self.preview: Any = None
        self.result: Any = None
        self.setWindowTitle(f"{self.title} — {path.name}")
        self.status = QLabel("正在读取文件…")
        self.status.setWordWrap(True)
        self.extra = QLabel()
        self.extra.setWordWrap(True)
        self.model = self.model_class(self)
        self.table = QTableView()
        self.problems = QListWidget()
        self.buttons = ok_cancel("导入")
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setEnabled(False)
        self._build()
        self.resize(820, 600)
        self.busy, self.applying = True, False
        self.task = ctx.tasks.run(
            self.read_preview, self._show_preview, self._failed, title=self.read_title, parent=self
        )

    def _build(self) -> None:
        lay_out_preview(self, self.table, self.model, self.problems, (self.status, self.extra))

    def _show_preview(self, preview: Any) -> None:
        self.busy = False
        self.preview = preview
        self.model.set_records(preview.rows)
        self.table.resizeColumnsToContents()
        self.problems.clear()
        for problem in preview.problems:
            item = QListWidgetItem(problem.describe())
            item.setForeground(QBrush(QColor(ERROR_COLOR if problem.is_error else WARNING_COLOR)))
            self.problems.addItem(item)
        hint = "" if preview.ok else "\n文件中有错误，请在Excel中改正后重新导入；不会导入任何数据。"
        self.status.setText(self.summary(preview) + hint)
        self.extra.setText(self.extra_text(preview))
        self.import_button.setEnabled(preview.ok)

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self.status.setText("无法读取该文件。")
        messages.show_failure(self, exc, self.read_title)

    def accept(self) -> None:
        """Apply the previewed import in the background, then report the counts."""
        if self.preview is None or not self.preview.ok or self.busy:
            return
        preview = self.preview
        self.busy = self.applying = True
        self.import_button.setEnabled(False)
        self.task = self.ctx.tasks.run(
            lambda _p, _c: self.apply_preview(preview),
            self._applied,
            self._apply_failed,
            title=self.apply_title,
            parent=self,
        )

    def reject(self) -> None:
        """Close, cancelling a preview still being read; wait while an import is written."""
        if self.applying:
            return
        if self.busy:
            self.task.cancel()
        super().reject()

    def _applied(self, outcome: Outcome[Any]) -> None:
        self.busy = self.applying = False
        self.result = self.ctx.apply(outcome)
        messages.inform(self, self.done_text(self.result))
        super().accept()

    def _apply_failed(self, exc: Exception) -> None:
        self.busy = self.applying = False
        self.import_button.setEnabled(True)
        messages.show_failure(self, exc, self.apply_title)

    # ---- what a subclass says ----------------------------------------------------------

    def read_preview(self, progress: ProgressFn, cancel: CancelFn) -> Any:
        """Read the workbook into a preview (runs in the background)."""
        raise NotImplementedError

    def summary(self, preview: Any) -> str:
        """Describe the preview in one line."""
        raise NotImplementedError

    def extra_text(self, preview: Any) -> str:
        """Return notes under the summary (the ignored columns by default)."""
        return "\n".join(unknown_columns_lines(preview))

    def apply_preview(self, preview: Any) -> Outcome[Any]:
        """Write the previewed rows (runs in the background)."""
        raise NotImplementedError

    def done_text(self, result: Any) -> str:
        """Say what the import did."""
        raise NotImplementedError
