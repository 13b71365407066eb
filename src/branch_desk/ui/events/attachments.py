"""The 附件 panel of the event editor: drop files in, open and remove them.

Files are attached in the background (hashing a large scan takes a moment). For a new event
the dropped files wait and are attached right after the record is saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from ...domain.errors import UserError
from ...domain.events import ATTACHMENT_KINDS, AttachmentRecord
from ...services.data.attachments import prepare_open_copy
from .. import messages, qt_chinese
from ..context import UiContext
from ..widgets.file_tasks import AttachingPanel
from ..widgets.layouts import packed_row, stacked

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".gif", ".heic", ".webp"})
DROP_HINT = "可将照片、签到表扫描件、讲稿等文件拖到此处"


def guess_kind(path: Path, chosen: str) -> str:
    """Return the kind for a file: photos are 照片, everything else takes the chosen kind."""
    if path.suffix.lower() in IMAGE_SUFFIXES and chosen in ("其他", "会议材料"):
        return "照片"
    return chosen


def size_text(size: int) -> str:
    """Return 12 KB / 3.4 MB."""
    if size < 1024 * 1024:
        return f"{max(size // 1024, 1)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def open_copy(ctx: UiContext, record: AttachmentRecord) -> Path:
    """Copy a stored file under a safe form of its original name to a temp folder, open it."""
    temp_root = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation))
    target = prepare_open_copy(ctx.desk.files, record.sha256, record.original_name, temp_root)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
    return target


class AttachmentsPanel(AttachingPanel):
    """Attachments of one event (or files waiting for a new event to be saved)."""

    def __init__(self, ctx: UiContext, event_id: int | None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.event_id = event_id
        self.pending: list[tuple[Path, str]] = []
        self.setAcceptDrops(True)
        self.kind = QComboBox()
        self.kind.addItems(ATTACHMENT_KINDS)
        self.kind.setCurrentText("会议材料")
        self.list = QListWidget()
        self.hint = QLabel(DROP_HINT)
        self.hint.setStyleSheet("color: #666;")
        self.buttons = {"添加文件…": self.choose_files, "打开": self.open_current}
        self.buttons["移除"] = self.remove_current
        self._build()
        self.reload()

    def _build(self) -> None:
        buttons = []
        for text, slot in self.buttons.items():
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.append(button)
        row = packed_row(QLabel("附件类别："), self.kind, *buttons)
        stacked(self, self.hint, (self.list, 1), row)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_current())

    def reload(self) -> None:
        """List the stored attachments and the files waiting to be attached."""
        self.list.clear()
        stored = self.ctx.desk.events.attachments(self.event_id) if self.event_id else []
        for record in stored:
            size = size_text(record.size)
            text = f"【{record.kind}】{record.title}（{record.original_name}，{size}）"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record)
            self.list.addItem(item)
        for path, kind in self.pending:
            self.list.addItem(QListWidgetItem(f"【{kind}】{path.name}（保存后添加）"))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept dragged local files."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Attach the dropped files."""
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        self.add_files(p for p in paths if p.is_file())
        event.acceptProposedAction()

    def choose_files(self) -> None:
        """Pick files with the file dialog and attach them."""
        chosen, _ = qt_chinese.get_open_file_names(self, "选择附件", "", "所有文件 (*)")
        self.add_files(Path(c) for c in chosen)

    def add_files(self, paths: Iterable[Path]) -> None:
        """Attach files now (saved event) or keep them until the event is saved."""
        items = [(p, guess_kind(p, self.kind.currentText())) for p in paths]
        if self.event_id is None:
            self.pending.extend(items)
            self.reload()
            return
        for path, kind in items:
            self._attach(self.event_id, path, kind)

    def attach_pending(self, event_id: int) -> None:
        """Attach the waiting files to the event just saved."""
        self.event_id = event_id
        waiting, self.pending = self.pending, []
        for path, kind in waiting:
            self._attach(event_id, path, kind)

    def _attach(self, event_id: int, path: Path, kind: str) -> None:
        events = self.ctx.desk.events
        self.attach_file("添加附件", path, lambda: events.attach(event_id, path, kind, path.stem))

    def current_record(self) -> AttachmentRecord | None:
        """Return the stored attachment of the current row, if any."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def open_current(self) -> None:
        """Open the current attachment with the system's program."""
        record = self.current_record()
        if record is not None:
            try:
                open_copy(self.ctx, record)
            except OSError as exc:
                messages.warn(self, f"无法打开附件：{exc.strerror or exc}")
            except UserError as exc:
                messages.warn(self, f"无法打开附件：{exc}")

    def remove_current(self) -> None:
        """Remove the current attachment after confirmation."""
        record = self.current_record()
        if record is None:
            row = self.list.currentRow() - (self.list.count() - len(self.pending))
            if 0 <= row < len(self.pending):
                del self.pending[row]
                self.reload()
            return
        if messages.confirm(self, f"确定移除附件“{record.title}”吗？", yes="移除"):
            self.ctx.attempt(self, lambda: self.ctx.desk.events.detach(record.id))
            self.reload()
