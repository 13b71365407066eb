"""The tabs of the event editor: 参会人员 (attendance grid) and 议题与记录."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ..dialog_guard import EditorDialog
from ..widgets.form_fields import ProblemLabel, ok_cancel
from ..widgets.layouts import packed_row, stacked
from .attendance import AttendanceModel, AttendanceView, Counts
from .fields import AgendaEditor

OBSERVER_KINDS = ("入党积极分子", "发展对象", "上级党组织人员", "群众", "其他")
KEY_HINT = "选中一行后：空格 切换出席/缺席；1 病假　2 事假　3 公差　4 出差　5 其他；0 清除原因"


class ObserverDialog(EditorDialog):
    """Ask for a 列席 person's name and 身份."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("添加列席人员")
        self.name = QLineEdit()
        self.standing = QComboBox()
        self.standing.setEditable(True)
        self.standing.addItems(OBSERVER_KINDS)
        self.buttons = ok_cancel("添加")
        form = QFormLayout(self)
        form.addRow("姓名：", self.name)
        form.addRow("身份：", self.standing)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        """Close only when a name was typed."""
        if self.name.text().strip():
            super().accept()


class AttendancePanel(QWidget):
    """The grid, the computed counts and the 列席 buttons."""

    def __init__(self, model: AttendanceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = AttendanceView(model)
        self.counts = QLabel()
        self.counts.setStyleSheet("font-weight: bold;")
        self.problems = ProblemLabel()
        self.refill_button = QPushButton("按名册重新生成")
        self.refill_button.setToolTip("按会议类型、日期和党小组重新列出应到人员")
        self.add_button = QPushButton("添加列席人员…")
        self.remove_button = QPushButton("删除列席人员")
        hint = QLabel(KEY_HINT)
        hint.setStyleSheet("color: #666;")
        hint.setWordWrap(True)
        buttons = (self.refill_button, self.add_button, self.remove_button)
        for button in buttons:
            button.setAutoDefault(False)
        stacked(self, hint, (self.view, 1), self.counts, self.problems, packed_row(*buttons))
        self.add_button.clicked.connect(self.ask_observer)
        self.remove_button.clicked.connect(
            lambda: self.model.remove_row(self.view.currentIndex().row())
        )
        model.counts_changed.connect(self.show_counts)
        self.show_counts()

    def show_counts(self) -> Counts:
        """Show 应到/实到/缺席/列席 as computed from the grid."""
        counts = self.model.counts()
        self.counts.setText(counts.describe())
        return counts

    def ask_observer(self) -> ObserverDialog:
        """Open the add-observer dialog (window-modal)."""
        dialog = ObserverDialog(self)
        dialog.accepted.connect(
            lambda: self.add_observer(dialog.name.text().strip(), dialog.standing.currentText())
        )
        dialog.open()
        return dialog

    def add_observer(self, name: str, standing: str) -> None:
        """Add a non-member who attended as 列席."""
        row = self.model.add_observer(name, standing)
        self.view.setCurrentIndex(self.model.index(row, 0))


class RecordPanel(QWidget):
    """议题 list, 发言要点 and 决议."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agenda = AgendaEditor()
        self.minutes = QPlainTextEdit()
        self.minutes.setPlaceholderText("按议题记录发言要点：发言人、主要观点……")
        self.resolutions = QPlainTextEdit()
        self.resolutions.setPlaceholderText("会议形成的决议或决定；有表决事项时须填写")
        self.resolutions.setMaximumHeight(90)
        self.problems = ProblemLabel()
        form = QFormLayout(self)
        form.addRow("议题：", self.agenda)
        form.addRow("发言要点：", self.minutes)
        form.addRow("决议：", self.resolutions)
        form.addRow(self.problems)
