"""File dialogs in Chinese on every platform: Qt's own dialog with Chinese labels.

The platform dialogs follow the system language (an English Linux desktop shows "Look in:",
"Files of type:") and pre-fill a Documents folder that may not exist. Every file dialog of the
app goes through these functions instead: the non-native QFileDialog, its labels set in Chinese,
starting in the folder last used (else the documents folder if it exists, else home).
Call them through the module (``qt_chinese.get_save_file_name``) so tests can replace them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from .widgets.ancestors import attribute_above

LAST_DIR_KEY = "files/last_dir"
LABELS = {
    QFileDialog.DialogLabel.LookIn: "查找位置：",
    QFileDialog.DialogLabel.FileName: "文件名：",
    QFileDialog.DialogLabel.FileType: "文件类型：",
    QFileDialog.DialogLabel.Reject: "取消",
}
ACCEPT_LABELS = {
    QFileDialog.AcceptMode.AcceptOpen: "打开",
    QFileDialog.AcceptMode.AcceptSave: "保存",
}
_session_dir: Path | None = None  # the folder last used when no settings file is reachable


def _settings(parent: QWidget | None) -> QSettings | None:
    """Return the window settings of the main window above ``parent`` (None if none)."""
    widget = parent if parent is not None else QApplication.activeWindow()
    return attribute_above(widget, "settings", QSettings)


def start_dir(parent: QWidget | None = None) -> Path:
    """Return the folder a file dialog opens in: last used, documents (if it exists), home."""
    settings = _settings(parent)
    stored = settings.value(LAST_DIR_KEY, "") if settings is not None else ""
    for candidate in (Path(str(stored)) if stored else None, _session_dir, _documents()):
        if candidate is not None and candidate.is_dir():
            return candidate
    return Path.home()


def remember_dir(parent: QWidget | None, chosen: str | Path) -> None:
    """Remember the folder of a chosen file (or a chosen folder) for the next dialog."""
    global _session_dir
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    _session_dir = folder
    settings = _settings(parent)
    if settings is not None:
        settings.setValue(LAST_DIR_KEY, str(folder))


def _documents() -> Path | None:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else None


def chinese_file_dialog(
    parent: QWidget | None,
    caption: str,
    start: str | Path = "",
    file_filter: str = "",
    *,
    mode: QFileDialog.AcceptMode = QFileDialog.AcceptMode.AcceptOpen,
) -> QFileDialog:
    """Return a non-native file dialog with Chinese labels, in ``start`` (a folder or file)."""
    dialog = QFileDialog(parent, caption)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(mode)
    if file_filter:
        dialog.setNameFilter(file_filter)
    place = Path(start) if str(start) else start_dir(parent)
    if place.is_dir():
        dialog.setDirectory(str(place))
    else:
        folder = place.parent if place.parent.is_dir() else start_dir(parent)
        dialog.setDirectory(str(folder))
        if mode is QFileDialog.AcceptMode.AcceptSave:
            dialog.selectFile(place.name)
    for label, text in LABELS.items():
        dialog.setLabelText(label, text)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, ACCEPT_LABELS[mode])
    return dialog


def _run(dialog: QFileDialog, parent: QWidget | None) -> list[str]:
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return []
    chosen = dialog.selectedFiles()
    if chosen:
        remember_dir(parent, chosen[0])
    return chosen


def get_save_file_name(
    parent: QWidget | None, caption: str, start: str = "", file_filter: str = ""
) -> tuple[str, str]:
    """Ask where to save a file; return (path, filter) like Qt ('' when cancelled)."""
    dialog = chinese_file_dialog(
        parent, caption, start, file_filter, mode=QFileDialog.AcceptMode.AcceptSave
    )
    chosen = _run(dialog, parent)
    return (chosen[0], dialog.selectedNameFilter()) if chosen else ("", "")


def get_open_file_name(
    parent: QWidget | None, caption: str, start: str = "", file_filter: str = ""
) -> tuple[str, str]:
    """Ask for one existing file; return (path, filter) like Qt ('' when cancelled)."""
    dialog = chinese_file_dialog(parent, caption, start, file_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    chosen = _run(dialog, parent)
    return (chosen[0], dialog.selectedNameFilter()) if chosen else ("", "")


def get_open_file_names(
    parent: QWidget | None, caption: str, start: str = "", file_filter: str = ""
) -> tuple[list[str], str]:
    """Ask for one or more existing files; return (paths, filter) like Qt."""
    dialog = chinese_file_dialog(parent, caption, start, file_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    chosen = _run(dialog, parent)
    return (chosen, dialog.selectedNameFilter()) if chosen else ([], "")


def get_existing_directory(parent: QWidget | None, caption: str, start: str = "") -> str:
    """Ask for a folder; return its path ('' when cancelled)."""
    dialog = chinese_file_dialog(parent, caption, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "选择")
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, "文件夹：")
    chosen = _run(dialog, parent)
    return chosen[0] if chosen else ""
