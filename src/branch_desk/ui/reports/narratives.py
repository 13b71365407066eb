"""The six narrative paragraphs of the summary, each in its own editor."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.summary import NARRATIVE_LABELS
from .summary_html import MARKER, MARKER_BACKGROUND, MARKER_COLOUR
from .tab_parts import bold_label

EDITED = "已修改"
UNSAVED = "未保存"
DRAFT = "自动草稿"
STATE_COLOURS = {EDITED: "#2e7d32", UNSAVED: "#c62828", DRAFT: "#757575"}


def tidy(text: str) -> str:
    """Return the text as the service stores it: lines trimmed, blank lines dropped."""
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


class MarkerHighlighter(QSyntaxHighlighter):
    """Highlights 【请填写…】 markers while the secretary types."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.marker = QTextCharFormat()
        self.marker.setBackground(QColor(MARKER_BACKGROUND))
        self.marker.setForeground(QColor(MARKER_COLOUR))

    def highlightBlock(self, text: str) -> None:
        """Colour every marker of one line."""
        for found in MARKER.finditer(text):
            self.setFormat(found.start(), found.end() - found.start(), self.marker)


class NarrativeEditor(QScrollArea):
    """One labelled editor per narrative paragraph with its state and a 恢复草稿 button."""

    dirty_changed = Signal(bool)
    restore_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QPlainTextEdit] = {}
        self.states: dict[str, QLabel] = {}
        self.restore_buttons: dict[str, QPushButton] = {}
        self.saved: dict[str, str] = {}  # what the service holds for each paragraph
        self.stored: set[str] = set()  # paragraphs the secretary has edited (not drafts)
        self._highlighters: list[MarkerHighlighter] = []
        self._dirty = False
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(4, 4, 8, 4)
        for key, label in NARRATIVE_LABELS.items():
            layout.addLayout(self._head(key, label))
            edit = QPlainTextEdit()
            edit.setMinimumHeight(96)
            edit.setFrameShape(QFrame.Shape.StyledPanel)
            edit.setPlaceholderText("留空并保存即恢复为自动生成的草稿")
            edit.textChanged.connect(lambda k=key: self._edited(k))
            self._highlighters.append(MarkerHighlighter(edit.document()))
            self.edits[key] = edit
            layout.addWidget(edit, 1)
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def _head(self, key: str, label: str) -> QHBoxLayout:
        title = bold_label(label)
        state = QLabel()
        restore = QPushButton("恢复草稿")
        restore.setToolTip(f"放弃对“{label}”的修改，恢复为根据台账自动生成的草稿")
        restore.clicked.connect(lambda _c=False, k=key: self.restore_requested.emit(k))
        self.states[key] = state
        self.restore_buttons[key] = restore
        row = QHBoxLayout()
        row.addWidget(title)
        row.addWidget(state)
        row.addStretch(1)
        row.addWidget(restore)
        return row

    # ---- contents ----------------------------------------------------------------------

    def set_texts(self, texts: dict[str, str], stored: set[str], keep_edits: bool = False) -> None:
        """Show the paragraphs; with ``keep_edits`` unsaved changes stay as typed."""
        self.stored = set(stored)
        for key, edit in self.edits.items():
            if keep_edits and self.is_changed(key):
                continue
            self.saved[key] = texts.get(key, "")
            edit.blockSignals(True)
            edit.setPlainText(self.saved[key])
            edit.blockSignals(False)
            self._show_state(key)
        self._update_dirty()

    def set_saved(self, key: str, text: str, stored: bool) -> None:
        """Record what the service now holds for one paragraph and show it."""
        self.saved[key] = text
        if stored:
            self.stored.add(key)
        else:
            self.stored.discard(key)
        edit = self.edits[key]
        edit.blockSignals(True)
        edit.setPlainText(text)
        edit.blockSignals(False)
        self._show_state(key)
        self._update_dirty()

    def text(self, key: str) -> str:
        """Return a paragraph as typed, tidied."""
        return tidy(self.edits[key].toPlainText())

    def is_changed(self, key: str) -> bool:
        """Tell whether a paragraph differs from what the service holds."""
        return self.text(key) != tidy(self.saved.get(key, ""))

    def changed_keys(self) -> list[str]:
        """Return the paragraphs with unsaved changes, in document order."""
        return [key for key in self.edits if self.is_changed(key)]

    def is_dirty(self) -> bool:
        """Tell whether any paragraph has unsaved changes."""
        return bool(self.changed_keys())

    # ---- state -------------------------------------------------------------------------

    def _edited(self, key: str) -> None:
        self._show_state(key)
        self._update_dirty()

    def _show_state(self, key: str) -> None:
        word = UNSAVED if self.is_changed(key) else EDITED if key in self.stored else DRAFT
        label = self.states[key]
        label.setText(f"（{word}）")
        label.setStyleSheet(f"color: {STATE_COLOURS[word]};")
        self.restore_buttons[key].setEnabled(key in self.stored or word == UNSAVED)

    def _update_dirty(self) -> None:
        dirty = self.is_dirty()
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
