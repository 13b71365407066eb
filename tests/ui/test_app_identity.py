"""App identity: the icon in every size, the window icon, and the 关于 box."""

from __future__ import annotations

import struct
from importlib.metadata import version

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QImageReader

from branch_desk.paths import bundled_resource
from branch_desk.ui.app import ICON_SIZES, app_icon, application
from branch_desk.ui.main_window import MainWindow


def test_every_icon_size_is_a_square_png():
    for size in ICON_SIZES:
        image = QImage(str(bundled_resource(f"icons/branch-desk-{size}.png")))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()


def test_the_ico_holds_the_windows_sizes():
    ico = bundled_resource("icons/branch-desk.ico")
    reserved, kind, count = struct.unpack("<HHH", ico.read_bytes()[:6])
    assert (reserved, kind) == (0, 1)
    reader = QImageReader(str(ico))
    sizes = []
    for index in range(count):
        reader.jumpToImage(index)
        sizes.append(reader.read().width())
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_the_application_carries_the_window_icon(qtbot):
    assert not app_icon().isNull()
    sizes = app_icon().availableSizes()
    assert QSize(16, 16) in sizes and QSize(256, 256) in sizes
    assert not application().windowIcon().isNull()


def test_about_shows_version_data_dir_and_schema(window: MainWindow):
    text = window.about_text()
    assert f"版本：{version('branch-desk')}" in text
    assert str(window.desk.paths.data_dir) in text
    assert f"数据库结构版本：{window.desk.db.schema_revision()}" in text
