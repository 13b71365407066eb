"""The 归档包 tab: the completeness overview and building the year's inspection archive."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.archive import EMPTY_NOTE, ArchiveIndex, CategoryStatus, safe_name
from ..context import UiContext
from ..dialog_guard import FittedDialog
from ..tasks import CancelFn, ProgressFn, Task
from ..widgets.tables import make_table
from . import tab_parts
from .archive_model import COL_MISSING, OK_COLOUR, STATUS_ROLE, WARN_COLOUR, CompletenessModel

ZIP_FILTER = "压缩包 (*.zip)"
BUILD_TITLE = "生成归档包"
MASK_TEXT = "遮盖身份证号和手机号（对外提供时）"
WIDTHS = (48, 170, 64, 520, 48)


def archive_file_name(unit_name: str, year: int) -> str:
    """Return 第一党支部_2026年度台账归档包.zip."""
    return f"{safe_name(unit_name)}_{year}年度台账归档包.zip"


def detail_html(status: CategoryStatus) -> str:
    """Return the selected category's description, file count and missing items."""
    category = status.category
    head = f"<b>{category.folder}</b>：{category.description}；归档材料{status.files}份。"
    parts = [f"<p>{head}</p>"]
    if status.missing:
        items = "".join(f"<li>{item}</li>" for item in status.missing)
        parts.append(f'<p style="color:{WARN_COLOUR}; margin-bottom:0;">按规定还缺少或需注意：</p>')
        parts.append(f'<ul style="color:{WARN_COLOUR}; margin-top:0;">{items}</ul>')
    elif status.files == 0:
        parts.append(f"<p>{EMPTY_NOTE}。</p>")
    parts.append('<p style="color:#757575;">双击表格中的类别可查看归档材料清单。</p>')
    return "".join(parts)


def rows_height(table: QTableView, rows: int = 14) -> int:
    """Return the height that shows the header and ``rows`` rows without scrolling."""
    header = table.horizontalHeader().sizeHint().height()
    return header + rows * table.verticalHeader().defaultSectionSize() + 4


class TitlesDialog(FittedDialog):
    """The materials one category would hold, and what it still lacks."""

    def __init__(self, status: CategoryStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{status.category.folder} — 材料清单")
        self.titles = QListWidget()
        self.titles.addItems(list(status.titles) or [EMPTY_NOTE])
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{status.category.description}（共{status.files}份）"))
        layout.addWidget(self.titles, 1)
        if status.missing:
            missing = QLabel("缺少/提示：\n" + "\n".join(f"· {m}" for m in status.missing))
            missing.setWordWrap(True)
            missing.setStyleSheet(f"color: {WARN_COLOUR};")
            layout.addWidget(missing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 480)


class ArchiveTab(tab_parts.WritingTab):
    """What each category of the pack holds and lacks; 生成归档包 in the background."""

    def __init__(
        self, ctx: UiContext, bar: tab_parts.UnitYearBar, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, bar, parent)
        self.model = CompletenessModel(self)
        self.table = make_table(self.model, widths=WIDTHS, compact_rows=False, stretch_last=False)
        self.detail = QTextBrowser()
        self.summary = QLabel()
        self.short = QLabel()
        self.empty = QLabel()
        self.mask = QCheckBox(MASK_TEXT)
        self.mask.setToolTip(
            "身份证号只显示前四位和末四位，手机号只显示前三位和末四位，中间以 * 代替"
        )
        self.build_button = QPushButton("生成归档包…")
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.built: ArchiveIndex | None = None
        self._build()

    def _build(self) -> None:
        table = self.table
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        table.horizontalHeader().setSectionResizeMode(COL_MISSING, QHeaderView.ResizeMode.Stretch)
        self.detail.setPlaceholderText("选择一个类别查看说明；双击查看材料清单")
        top = QHBoxLayout()
        counts = QHBoxLayout()
        counts.setSpacing(0)
        for label in (self.summary, self.short, self.empty):
            counts.addWidget(label)
        top.addLayout(counts)
        top.addStretch(1)
        top.addWidget(self.mask)
        top.addWidget(self.build_button)
        split = self.split
        split.addWidget(table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        table.doubleClicked.connect(self.show_titles)
        table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.build_button.clicked.connect(self.build)

    # ---- showing -----------------------------------------------------------------------

    def reload(self) -> None:
        """Check the chosen unit's year against the rules again."""
        desk = self.ctx.desk
        row = self.table.currentIndex().row()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            # as of 31 December for a past year (today for this one), as its pack is built
            statuses = desk.archive.overview(self.bar.unit_id(), self.bar.year())
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.model.set_statuses(statuses)
        if self.model.rowCount():
            self.table.selectRow(max(row, 0))
        total = sum(self.split.sizes())
        if total > 0:
            top = min(rows_height(self.table), total * 2 // 3)
            self.split.setSizes([top, total - top])
        files, short = self.model.files(), self.model.incomplete()
        empty = sum(1 for s in statuses if s.files == 0)
        self.summary.setText(
            f"{self.bar.year()}年归档包将包含材料{files}份（另附目录和校验清单）；"
        )
        self.short.setText(f"{short}个类别有缺项；" if short else "各类别均无缺项；")
        self.short.setStyleSheet(f"color: {WARN_COLOUR if short else OK_COLOUR};")
        self.empty.setText(f"{empty}个类别本年度无材料。" if empty else "")

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        status = self.model.data(current, STATUS_ROLE) if current.isValid() else None
        self.detail.setHtml(detail_html(status) if status is not None else "")

    def show_titles(self, index: QModelIndex) -> TitlesDialog | None:
        """Open the list of materials a category would hold."""
        status = self.model.data(index, STATUS_ROLE) if index.isValid() else None
        if status is None:
            return None
        dialog = TitlesDialog(status, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # ---- building ----------------------------------------------------------------------

    def build(self) -> Task | None:
        """Ask where to save the pack, then build it in the background."""
        unit_id, year = self.bar.unit_id(), self.bar.year()
        name = archive_file_name(tab_parts.unit_name_of(self.ctx, unit_id), year)
        path = tab_parts.ask_save_path(self, BUILD_TITLE, name, ZIP_FILTER)
        return None if path is None else self.build_to(path)

    def build_to(self, path: Path) -> Task:
        """Build the chosen unit's pack into ``path`` (.zip) in the background."""
        unit_id, year, mask = self.bar.unit_id(), self.bar.year(), self.mask.isChecked()
        archive = self.ctx.desk.archive

        def write(temp: Path, progress: ProgressFn, cancel: CancelFn) -> ArchiveIndex:
            """Build into the hidden file (on the worker thread)."""
            return archive.build(unit_id, year, temp, mask=mask, progress=progress, cancel=cancel)

        self.build_button.setEnabled(False)
        return self.start_writing(path, write, BUILD_TITLE, self._built)

    def writing_ended(self) -> None:
        """Offer 生成归档包 again."""
        self.build_button.setEnabled(True)

    def _built(self, path: Path, index: ArchiveIndex) -> QMessageBox:
        self.built = index
        total = len(index.entries) + len(index.extra_files)
        masked = "；身份证号和手机号已遮盖" if index.masked else ""
        text = (
            f"已生成{index.year}年度台账归档包：\n{path}\n\n"
            f"共{total}个文件：归档材料{len(index.entries)}份，"
            f"另附目录和校验清单{len(index.extra_files)}个{masked}。"
        )
        empty = index.empty_categories
        if empty:
            text += "\n本年度无材料的类别：" + "、".join(c.label for c in empty) + "。"
        return tab_parts.offer_folder(self, text, path, BUILD_TITLE)
