"""Guard against Qt bindings that leak references to None (PySide6 6.12.0 does).

On Python before 3.12 None is an ordinary object: a binding that drops one reference to it on
every call of a void method makes the app abort ("deallocating None") after a few thousand
clicks. This test fails for such a binding, so an upgrade cannot bring the bug back silently.
"""

import sys

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel
from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_lose_references_to_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(QStringListModel(["张三", "李四"]))
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("党员")
        proxy.invalidate()
        proxy.setFilterFixedString("张")
    assert sys.getrefcount(None) - before > -100
