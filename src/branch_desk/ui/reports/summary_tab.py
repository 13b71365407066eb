"""The 年度总结 tab: the summary's preview, its narrative editors, 导出Word and 打印预览."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.archive import safe_file_name
from ...domain.summary import NARRATIVE_LABELS, SummaryDoc
from ...exports.summary_docx import summary_document
from ...services.outcome import Outcome
from .. import messages
from ..context import UiContext
from ..document_preview import show_document_preview
from ..tasks import CancelFn, ProgressFn, Task
from ..widgets.file_choice import DOCX_FILTER
from . import tab_parts
from .narratives import NarrativeEditor
from .summary_html import FIGURE_COLOUR, MARKER_BACKGROUND, summary_html

EXPORT_TITLE = "导出年度党建工作总结"
LEGEND = (
    ("蓝色", f"color: {FIGURE_COLOUR};"),
    ("为按台账自动统计的数字（导出时重新统计）；黑色为右侧可修改的文字；", "color: #555;"),
    ("黄色底纹", f"background: {MARKER_BACKGROUND};"),
    ("为需要补充填写的内容。", "color: #555;"),
)


def legend() -> QHBoxLayout:
    """Return the colour key of the preview."""
    row = QHBoxLayout()
    row.setSpacing(0)
    for text, style in LEGEND:
        row.addWidget(tab_parts.styled_label(text, style))
    row.addStretch(1)
    return row


def summary_file_name(unit_name: str, year: int) -> str:
    """Return 中共第一党支部2026年度党建工作总结.docx."""
    name = unit_name if unit_name.startswith("中共") else f"中共{unit_name}"
    return safe_file_name(f"{name}{year}年度党建工作总结", ".docx")


class SummaryTab(tab_parts.WritingTab):
    """Preview the chosen unit's summary on the left, edit its narrative on the right."""

    def __init__(
        self, ctx: UiContext, bar: tab_parts.UnitYearBar, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, bar, parent)
        self.shown: tuple[int, int] | None = None  # the unit and year the editors hold
        self.doc: SummaryDoc | None = None
        self.saving = False
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.editor = NarrativeEditor()
        self.save_button = QPushButton("保存")
        self.save_button.setEnabled(False)
        self.save_button.setToolTip("保存修改过的段落（Ctrl+S）")
        self.save_button.setShortcut("Ctrl+S")
        self.print_button = QPushButton("打印预览…")
        self.export_button = QPushButton("导出Word…")
        self.export_button.setToolTip("按党政机关公文格式导出 Word 文档")
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self._build()

    def _build(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(tab_parts.bold_label("总结预览"))
        head.addStretch(1)
        head.addWidget(self.print_button)
        head.addWidget(self.export_button)
        left_layout.addLayout(head)
        left_layout.addWidget(self.preview, 1)
        left_layout.addLayout(legend())
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_head = tab_parts.bold_label("可编辑的段落")
        right_head.setMinimumHeight(self.export_button.sizeHint().height())
        right_layout.addWidget(right_head)
        right_layout.addWidget(self.editor, 1)
        buttons = QHBoxLayout()
        hint = QLabel("数字部分每次导出时按台账重新统计，不需手工修改。")
        hint.setStyleSheet("color: #757575;")
        hint.setWordWrap(True)
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.save_button)
        right_layout.addLayout(buttons)
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([640, 460])
        layout = QVBoxLayout(self)
        layout.addWidget(self.split, 1)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_preview)
        self.export_button.clicked.connect(self.export)
        self.editor.dirty_changed.connect(self.save_button.setEnabled)
        self.editor.restore_requested.connect(self.restore_draft)

    # ---- showing -----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the chosen unit's narrative and preview again (unsaved edits kept)."""
        choice = (self.bar.unit_id(), self.bar.year())
        if choice != self.shown and self.shown is not None and self.editor.is_dirty():
            self._offer_save()
        keep = choice == self.shown
        unit_id, year = choice
        summary = self.ctx.desk.summary
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            texts = summary.narratives(unit_id, year)
            self.editor.set_texts(texts, set(summary.stored(unit_id, year)), keep_edits=keep)
            self.shown = choice
            self.refresh_preview()
        finally:
            QGuiApplication.restoreOverrideCursor()

    def refresh_preview(self) -> None:
        """Assemble the document again and show it, keeping the scroll position."""
        if self.shown is None:
            return
        unit_id, year = self.shown
        self.doc = self.ctx.desk.summary.document(unit_id, year)
        bar = self.preview.verticalScrollBar()
        position = bar.value()
        self.preview.setHtml(summary_html(self.doc))
        bar.setValue(position)

    def preview_text(self) -> str:
        """Return the preview as plain text."""
        return self.preview.toPlainText()

    # ---- editing -----------------------------------------------------------------------

    def _offer_save(self) -> None:
        labels = "、".join(f"“{NARRATIVE_LABELS[k]}”" for k in self.editor.changed_keys())
        question = f"{labels}的修改尚未保存，要保存吗？\n选择“取消”将放弃这些修改。"
        if messages.confirm(self, question, "年度总结", yes="保存"):
            self.save()

    def _store(self, key: str, text: str) -> Outcome[str] | None:
        assert self.shown is not None
        unit_id, year = self.shown
        self.saving = True
        try:
            return self.ctx.attempt(
                self, lambda: self.ctx.desk.summary.save_narrative(unit_id, year, key, text)
            )
        finally:
            self.saving = False

    def save(self) -> bool:
        """Store every changed paragraph and show the document again; False on a problem."""
        if self.shown is None:
            return False
        ok = True
        for key in self.editor.changed_keys():
            text = self.editor.text(key)
            outcome = self._store(key, text)
            if outcome is None:
                ok = False
                continue
            self.editor.set_saved(key, outcome.value, stored=bool(text))
        self.refresh_preview()
        return ok

    def restore_draft(self, key: str) -> bool:
        """Throw away the secretary's text of one paragraph and show the default draft."""
        label = NARRATIVE_LABELS[key]
        question = f"将“{label}”恢复为根据台账自动生成的草稿吗？已修改的文字将被删除。"
        if not messages.confirm(self, question, "恢复草稿", yes="恢复草稿"):
            return False
        outcome = self._store(key, "")
        if outcome is None:
            return False
        self.editor.set_saved(key, outcome.value, stored=False)
        self.refresh_preview()
        return True

    # ---- output ------------------------------------------------------------------------

    def _save_first(self, what: str) -> None:
        if self.editor.is_dirty() and messages.confirm(
            self, f"有尚未保存的修改，{what}前先保存吗？", "年度总结", yes="保存"
        ):
            self.save()

    def print_preview(self) -> QPrintPreviewDialog | None:
        """Open the print preview of the summary as it stands."""
        self._save_first("打印")
        if self.doc is None:
            self.reload()
        if self.doc is None:
            return None
        return show_document_preview(self, summary_document(self.doc))

    def export(self) -> Task | None:
        """Ask where to save, then write the .docx in the background (取消 leaves no file)."""
        self._save_first("导出")
        if self.shown is None:
            return None
        unit_id, year = self.shown
        name = tab_parts.unit_name_of(self.ctx, unit_id)
        path = tab_parts.ask_save_path(
            self, EXPORT_TITLE, summary_file_name(name, year), DOCX_FILTER
        )
        if path is None:
            return None
        return self.export_to(path)

    def export_to(self, path: Path) -> Task:
        """Write the summary to ``path`` in the background."""
        assert self.shown is not None
        unit_id, year = self.shown
        summary = self.ctx.desk.summary

        def write(temp: Path, progress: ProgressFn, cancel: CancelFn) -> SummaryDoc:
            """Export to the hidden file (on the worker thread)."""
            return summary.export(unit_id, year, temp, progress=progress, cancel=cancel)

        return self.start_writing(path, write, EXPORT_TITLE, self._exported)

    def _exported(self, path: Path, _doc: SummaryDoc) -> QMessageBox:
        text = f"已导出年度党建工作总结：\n{path}"
        return tab_parts.offer_folder(self, text, path, EXPORT_TITLE)
