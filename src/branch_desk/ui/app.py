"""Starting the GUI: the QApplication, Chinese Qt texts, first-start set-up, the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialog

from ..services.app import BranchDesk
from .main_window import APP_TITLE, MainWindow
from .setup_dialog import SetupDialog

PREPARED = "branchDeskPrepared"


def _install_translations(app: QApplication) -> None:
    """Load Qt's own Chinese texts (file dialogs, context menus) when they are bundled."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def application() -> QApplication:
    """Return the running QApplication (created when needed), prepared once for Chinese."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    if not app.property(PREPARED):
        app.setApplicationName(APP_TITLE)
        app.setApplicationDisplayName(APP_TITLE)
        _install_translations(app)
        app.setProperty(PREPARED, True)
    return app


def run_gui(desk: BranchDesk) -> int:
    """Show the set-up dialog if needed, then the main window; return the exit code.

    The caller closes ``desk``; a desk the window opened itself (after 从备份恢复) is closed here.
    """
    app = application()
    if not desk.org.is_set_up():
        setup = SetupDialog(desk)
        if setup.exec() != QDialog.DialogCode.Accepted:
            return 0
    window = MainWindow(desk)
    window.show()
    try:
        return app.exec()
    finally:
        if window.desk is not desk:
            window.desk.close()
