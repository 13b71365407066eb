"""The 发展党员档案 checklist: each step's documents with ✓ or 缺; drop files to attach."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from ...domain.candidate_records import DocumentRecord
from ...domain.development import STEP_DOCUMENTS, Step
from ...services.development.views import CandidateView
from .. import qt_chinese
from ..context import UiContext
from ..widgets.file_tasks import AttachingPanel
from ..widgets.form_fields import ERROR_COLOR
from ..widgets.layouts import side_by_side, stacked

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
DONE_COLOR = "#2e7d32"
LATER_COLOR = "#9e9e9e"
DROP_HINT = "选中一项后点“添加文件…”，或把扫描件直接拖到对应的材料上。"


def checklist(candidate: CandidateView, stored: Iterable[DocumentRecord]) -> list[tuple[str, str]]:
    """Return (document kind, state) for each dossier document: 'done', 'missing' or 'later'."""
    have = {d.doc_kind for d in stored}
    rows = []
    for step, kinds in STEP_DOCUMENTS.items():
        cultivating = step is Step.CULTIVATION and Step.ACTIVIST in candidate.steps
        reached = step in candidate.steps or cultivating
        for kind in kinds:
            rows.append((kind, "done" if kind in have else "missing" if reached else "later"))
    return rows


class DocumentList(QListWidget):
    """The checklist; files dropped on a line are attached as that document."""

    dropped = Signal(str, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept dragged local files."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Highlight the line under the pointer."""
        if event.mimeData().hasUrls():
            item = self.itemAt(event.position().toPoint())
            if item is not None:
                self.setCurrentItem(item)
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Attach the files as the document under the pointer (or the selected one)."""
        item = self.itemAt(event.position().toPoint()) or self.currentItem()
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        kind = item.data(KIND_ROLE) if item is not None else "其他"
        self.dropped.emit(kind, [p for p in paths if p.is_file()])
        event.acceptProposedAction()


class DocumentsPanel(AttachingPanel):
    """The dossier documents of a candidate: what is there, what is missing, attach more."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.candidate: CandidateView | None = None
        self.list = DocumentList()
        self.list.dropped.connect(self.add_files)
        self.count = QLabel()
        self.add_button = QPushButton("添加文件…")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.choose_files)
        hint = QLabel(DROP_HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        stacked(self, hint, (self.list, 1), side_by_side(None, (self.count, 1), self.add_button))

    def set_candidate(self, candidate: CandidateView) -> None:
        """Show the checklist of a candidate."""
        self.candidate = candidate
        self.reload()

    def reload(self) -> None:
        """Read the stored documents again and rebuild the checklist."""
        if self.candidate is None:
            return
        stored = self.ctx.desk.development.documents(self.candidate.id)
        self.list.clear()
        rows = checklist(self.candidate, stored)
        for kind, state in rows:
            files = [d for d in stored if d.doc_kind == kind]
            mark = {"done": "✓", "missing": "缺", "later": "—"}[state]
            extra = (
                f"（{len(files)}份）" if files else "（尚未到此步骤）" if state == "later" else ""
            )
            item = QListWidgetItem(f"{mark}　{kind}{extra}")
            item.setData(KIND_ROLE, kind)
            color = {"done": DONE_COLOR, "missing": ERROR_COLOR}.get(state, LATER_COLOR)
            item.setForeground(QBrush(QColor(color)))
            item.setToolTip("、".join(d.title for d in files))
            self.list.addItem(item)
        known = {kind for kind, _state in rows}
        for doc in stored:
            if doc.doc_kind not in known:
                item = QListWidgetItem(f"✓　{doc.doc_kind}：{doc.title}")
                item.setData(KIND_ROLE, doc.doc_kind)
                self.list.addItem(item)
        done = sum(1 for _k, s in rows if s == "done")
        missing = sum(1 for _k, s in rows if s == "missing")
        self.count.setText(f"已归档{done}项，缺{missing}项")

    def choose_files(self) -> None:
        """Pick files for the selected document."""
        item = self.list.currentItem()
        kind = item.data(KIND_ROLE) if item is not None else "其他"
        chosen, _ = qt_chinese.get_open_file_names(
            self, f"选择材料：{kind}", str(Path.home()), "所有文件 (*)"
        )
        self.add_files(kind, [Path(c) for c in chosen])

    def add_files(self, kind: str, paths: list[Path]) -> None:
        """Attach files as one document kind, in the background."""
        if self.candidate is None:
            return
        candidate_id, service = self.candidate.id, self.ctx.desk.development
        for path in paths:
            self.attach_file(
                "添加材料",
                path,
                lambda p=path: service.attach(candidate_id, kind, p, p.stem),
            )
