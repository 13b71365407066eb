"""帮助 → 使用说明 (F1) and the file dialogs in Chinese on every platform."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from branch_desk.ui import qt_chinese
from branch_desk.ui.help_dialog import SECTIONS, HelpDialog, guide_path
from branch_desk.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
Label = QFileDialog.DialogLabel


def test_f1_opens_the_guide_with_every_section(qtbot: QtBot, window: MainWindow) -> None:
    f1 = [a for a in window.actions() if a.shortcut() == QKeySequence("F1")]
    assert [a.text() for a in f1] == ["使用说明"]
    f1[0].trigger()
    guide = window.guide
    assert isinstance(guide, HelpDialog) and guide.isVisible()
    text = guide.browser.toPlainText()
    for heading in SECTIONS:
        assert heading in text
    assert "台账起始日期" in text and "从备份恢复" in text
    f1[0].trigger()
    assert window.guide is guide  # one window
    guide.show_section("备份与换电脑")
    guide.reject()


def test_guide_pictures_are_bundled_and_load(qtbot: QtBot) -> None:
    html = guide_path().read_text(encoding="utf-8")
    pictures = re.findall(r'<img src="([^"]+)"', html)
    assert len(pictures) >= 5
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    for name in pictures:
        assert (guide_path().parent / name).is_file(), name
        image = dialog.browser.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert image is not None and not image.isNull(), name
    assert guide_path().resolve().is_relative_to((ROOT / "resources").resolve())
    package_data = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"guide/*"' in package_data and '"guide/images/*"' in package_data
    assert '(str(RESOURCES / "guide"), "resources/guide")' in (
        ROOT / "installer" / "branch-desk.spec"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("mode", "accept"),
    [(QFileDialog.AcceptMode.AcceptOpen, "打开"), (QFileDialog.AcceptMode.AcceptSave, "保存")],
)
def test_file_dialog_labels_are_chinese(
    qtbot: QtBot, tmp_path: Path, mode: QFileDialog.AcceptMode, accept: str
) -> None:
    dialog = qt_chinese.chinese_file_dialog(
        None, "导出", tmp_path / "名册.xlsx", "Excel 工作簿 (*.xlsx)", mode=mode
    )
    qtbot.addWidget(dialog)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert [dialog.labelText(x) for x in (Label.LookIn, Label.FileName, Label.FileType)] == [
        "查找位置：",
        "文件名：",
        "文件类型：",
    ]
    assert (dialog.labelText(Label.Accept), dialog.labelText(Label.Reject)) == (accept, "取消")
    assert Path(dialog.directory().absolutePath()) == tmp_path


def test_no_missing_documents_folder_is_pre_filled(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qt_chinese, "_documents", lambda: tmp_path / "Documents")  # absent
    monkeypatch.setattr(qt_chinese, "_session_dir", None)
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    assert qt_chinese.start_dir() == tmp_path
    dialog = qt_chinese.chinese_file_dialog(None, "选择文件", "", "所有文件 (*)")
    qtbot.addWidget(dialog)
    assert Path(dialog.directory().absolutePath()) == tmp_path
    assert dialog.selectedFiles() in ([], [str(tmp_path)])


def test_save_dialog_returns_the_file_and_remembers_its_folder(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qt_chinese, "_session_dir", None)
    folder = tmp_path / "导出"
    folder.mkdir()
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        seen.append(dialog.labelText(Label.FileName))
        dialog.selectFile(str(folder / "党员名册.xlsx"))
        dialog.accept()

    QTimer.singleShot(0, answer)
    chosen, _ = qt_chinese.get_save_file_name(None, "导出党员名册", str(tmp_path / "x.xlsx"))
    assert seen == ["文件名："]
    assert Path(chosen) == folder / "党员名册.xlsx"
    assert qt_chinese.start_dir() == folder  # the next dialog opens where this one ended


def test_every_file_dialog_goes_through_the_chinese_helper() -> None:
    """No module but qt_chinese opens a QFileDialog itself."""
    found = []
    for path in (ROOT / "src" / "branch_desk").rglob("*.py"):
        if path.name != "qt_chinese.py" and "QFileDialog" in path.read_text(encoding="utf-8"):
            found.append(path.name)
    assert found == []
