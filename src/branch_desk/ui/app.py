"""Starting the GUI: the QApplication, Chinese Qt texts, first-start set-up, the main window."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from ..paths import AppPaths, bundled_resource
from ..services.app import BranchDesk
from . import collector, import_scan  # noqa: F401 — import_scan: see its docstring
from .main_window import APP_TITLE, MainWindow

log = logging.getLogger(__name__)

PREPARED = "branchDeskPrepared"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Smoke test of a bundle: close the main window this many milliseconds after it is shown.
SMOKE_EXIT_ENV = "BRANCH_DESK_SMOKE_EXIT_MS"


def _install_translations(app: QApplication) -> None:
    """Load Qt's own Chinese texts (file dialogs, context menus) when they are bundled."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(name)
    if loaded:
        log.info("Qt translations loaded: %s from %s", ", ".join(loaded), folder)
    else:
        log.warning("Qt translations not found in %s: standard dialogs stay English", folder)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def app_icon() -> QIcon:
    """Return the window icon: every drawn size from ``resources/icons``."""
    icon = QIcon()
    for size in ICON_SIZES:
        file = bundled_resource(f"icons/branch-desk-{size}.png")
        if file.is_file():
            icon.addFile(str(file))
    return icon


def application() -> QApplication:
    """Return the running QApplication (created when needed), prepared once for Chinese."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    if not app.property(PREPARED):
        app.setApplicationName(APP_TITLE)
        app.setApplicationDisplayName(APP_TITLE)
        _install_translations(app)
        app.setWindowIcon(app_icon())
        collector.install(app)
        app.setProperty(PREPARED, True)
    return app


def set_up_first(desk: BranchDesk) -> BranchDesk | None:
    """Show the set-up form when the data dir is new; None means it was cancelled.

    Return the desk to work on: ``desk``, or (encryption chosen in the form) the encrypted
    data dir reopened, ``desk`` itself then being closed.
    """
    if desk.units.is_set_up():
        return desk
    from .security import encrypt_new_data_dir
    from .setup_dialog import SetupDialog

    setup = SetupDialog(desk)
    if setup.exec() != QDialog.DialogCode.Accepted:
        return None
    if setup.password:  # encryption at rest, chosen in the set-up form
        password, setup.password = setup.password, None
        return encrypt_new_data_dir(desk, password)
    return desk


def close_after_smoke_test(window: MainWindow) -> None:
    """Close ``window`` soon when a bundle's smoke test asks for it (SMOKE_EXIT_ENV)."""
    smoke_ms = os.environ.get(SMOKE_EXIT_ENV, "")
    if smoke_ms.isdigit():
        QTimer.singleShot(int(smoke_ms), window.close)


def run_gui(desk: BranchDesk) -> int:
    """Show the set-up dialog if needed, then the main window over an opened ``desk``.

    The caller closes ``desk``; a desk the window opened itself (after 从备份恢复) is closed here.
    """
    app = application()
    ready = set_up_first(desk)
    if ready is None:
        return 0
    window = MainWindow(ready)
    window.show()
    close_after_smoke_test(window)
    try:
        return app.exec()
    finally:
        if window.desk is not desk:
            window.desk.close()
        if ready is not desk:
            ready.close()


def run_shell(paths: AppPaths) -> int:
    """Show the main window at once, then open ``paths`` in it; return the exit code.

    The first frame (navigation, menus, 正在打开…) waits for nothing but Qt: the data dir is
    opened after it, off the GUI thread, with its integrity check behind the write gate
    (ui/safety/opening.py). Every data dir opened meanwhile is closed here.
    """
    from .safety.opening import WindowOpening

    app = application()
    window = MainWindow(paths=paths)
    opening = WindowOpening(window, paths)
    # Left from inside the slot that asked, the loop would keep the signals still queued for
    # this thread undelivered in a later loop: exit from a timer.
    opening.quit_requested.connect(lambda code: QTimer.singleShot(0, lambda: app.exit(code)))
    window.show()
    close_after_smoke_test(window)
    try:
        code = app.exec()
    finally:
        opening.close_all()
    return code if opening.exit_code is None else opening.exit_code
