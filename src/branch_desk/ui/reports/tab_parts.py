"""Shared parts of the 报告归档 section: the unit/year chooser and writing a file safely."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QWidget,
)
from shiboken6 import isValid

from ...domain.errors import UserError
from ...domain.org import OrgUnitRecord
from ...exports.safe_output import check_output, temp_beside
from ...services.app import BranchDesk
from .. import messages, qt_chinese
from ..context import UiContext
from ..tasks import CancelFn, ProgressFn, Task
from ..widgets.file_choice import documents_dir

FIRST_YEAR = 2000
CANCELLED_TEXT = "已取消，未生成任何文件。"
Write = Callable[[Path, ProgressFn, CancelFn], Any]


def unit_label(unit: OrgUnitRecord, depth: int) -> str:
    """Return the combo text of a unit, indented under the unit above it."""
    return "　" * depth + unit.name


def ordered_units(desk: BranchDesk) -> list[tuple[OrgUnitRecord, int]]:
    """Return every 党委/党总支/党支部 with its depth, each unit followed by those below it."""
    units = desk.org.top_units()
    known = {u.id for u in units}
    below: dict[int | None, list[OrgUnitRecord]] = {}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in known else None
        below.setdefault(parent, []).append(unit)
    result: list[tuple[OrgUnitRecord, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in below.get(parent, []):
            result.append((unit, depth))
            walk(unit.id, depth + 1)

    walk(None, 0)
    return result


def bold_label(text: str) -> QLabel:
    """Return a label in bold type (plain text, no markup)."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def styled_label(text: str, style: str) -> QLabel:
    """Return a plain-text label with a style sheet."""
    label = QLabel(text)
    label.setStyleSheet(style)
    return label


def unit_name_of(ctx: UiContext, unit_id: int) -> str:
    """Return a unit's name."""
    return ctx.desk.org.get(unit_id).name


class UnitYearBar(QWidget):
    """党组织 and 年度 choosers; ``changed`` fires when either changes."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.unit_box = QComboBox()
        self.unit_box.setMinimumContentsLength(16)
        self.unit_box.setToolTip("党总支的总结和归档包汇总其下属各党支部")
        self.year_box = QSpinBox()
        this_year = ctx.desk.summary.today().year
        self.year_box.setRange(FIRST_YEAR, this_year + 1)
        self.year_box.setValue(this_year)
        self.year_box.setSuffix("年")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("党组织："))
        layout.addWidget(self.unit_box)
        layout.addSpacing(12)
        layout.addWidget(QLabel("年度："))
        layout.addWidget(self.year_box)
        layout.addStretch(1)
        self.reload_units()
        self.unit_box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.year_box.valueChanged.connect(lambda _v: self.changed.emit())

    def reload_units(self) -> None:
        """Fill the unit list again, keeping the chosen unit when it still exists."""
        keep = self.unit_box.currentData() or self.ctx.unit_id
        self.unit_box.blockSignals(True)
        self.unit_box.clear()
        for unit, depth in ordered_units(self.ctx.desk):
            self.unit_box.addItem(unit_label(unit, depth), unit.id)
        found = self.unit_box.findData(keep)
        self.unit_box.setCurrentIndex(max(found, 0))
        self.unit_box.blockSignals(False)

    def unit_id(self) -> int:
        """Return the chosen unit's id."""
        return int(self.unit_box.currentData())

    def unit_name(self) -> str:
        """Return the chosen unit's name."""
        return self.unit_box.currentText().strip()

    def year(self) -> int:
        """Return the chosen year."""
        return self.year_box.value()

    def set_choice(self, unit_id: int, year: int) -> None:
        """Choose a unit and a year (as if the user had)."""
        index = self.unit_box.findData(unit_id)
        if index >= 0:
            self.unit_box.setCurrentIndex(index)
        self.year_box.setValue(year)


def ask_save_path(parent: QWidget, title: str, name: str, file_filter: str) -> Path | None:
    """Ask where to save (suggesting ``name`` in the documents folder); None when cancelled."""
    chosen, _ = qt_chinese.get_save_file_name(
        parent, title, str(documents_dir() / name), file_filter
    )
    if not chosen:
        return None
    path = Path(chosen)
    suffix = Path(name).suffix
    path = path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
    try:
        return check_output(path)
    except UserError as exc:
        messages.warn(parent, str(exc))
        return None


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def write_in_background(
    ctx: UiContext,
    parent: QWidget,
    target: Path,
    write: Write,
    title: str,
    on_done: Callable[[Path, Any], None],
) -> Task:
    """Run ``write(temp, progress, cancel)`` off the GUI thread, then put the file in place.

    The work writes to a hidden file beside ``target``; only a run that ends without
    取消 moves it to ``target``. A cancel at any moment (even after the work finished)
    leaves nothing behind and says so.
    """
    temp = temp_beside(target)

    def work(progress: ProgressFn, cancel: CancelFn) -> Any:
        """Write to the hidden file (on the worker thread)."""
        return write(temp, progress, cancel)

    def done(result: Any) -> None:
        try:
            os.replace(temp, target)
        except OSError as exc:
            _discard(temp)
            messages.warn(parent, f"无法保存 {target.name}：{exc.strerror or exc}")
            return
        on_done(target, result)

    def failed(exc: Exception) -> None:
        _discard(temp)
        messages.show_failure(parent, exc, title)

    task = ctx.tasks.run(work, done, failed, title=title, parent=parent)

    def finished() -> None:
        if task.stop.is_set():  # cancelled: the result, if any, is thrown away
            _discard(temp)
            QTimer.singleShot(0, lambda: say_cancelled(parent, title))

    task.finished.connect(finished)
    return task


class WritingTab(QWidget):
    """A tab over the unit and year chosen in ``bar`` that writes one file at a time.

    ``task`` is the write under way (None when idle); :meth:`cancel` stops it and
    nothing is left behind.
    """

    def __init__(self, ctx: UiContext, bar: UnitYearBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.bar = ctx, bar
        self.task: Task | None = None

    def start_writing(
        self, path: Path, write: Write, title: str, on_done: Callable[[Path, Any], None]
    ) -> Task:
        """Write ``path`` in the background (see :func:`write_in_background`)."""
        task = write_in_background(self.ctx, self, path, write, title, on_done)
        self.task = task
        task.finished.connect(lambda: self._ended(task))
        return task

    def _ended(self, task: Task) -> None:
        if self.task is task:
            self.task = None
        self.writing_ended()

    def writing_ended(self) -> None:
        """React to the end of a write, however it ended (nothing by default)."""

    def cancel(self) -> None:
        """Stop a running write (nothing is left behind)."""
        if self.task is not None:
            self.task.cancel()


def say_cancelled(parent: QWidget, title: str) -> None:
    """Tell the user a cancelled run left nothing behind."""
    if isValid(parent):
        messages.inform(parent, CANCELLED_TEXT, title)


def open_folder(path: Path) -> bool:
    """Open the folder holding ``path`` in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def offer_folder(parent: QWidget, text: str, path: Path, title: str) -> QMessageBox:
    """Show a finished message with 打开所在文件夹 and 关闭 (window-modal, not blocking)."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton
    )
    box.setParent(parent, box.windowFlags())
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    opener = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda button: open_folder(path) if button is opener else None)
    box.open()
    return box
