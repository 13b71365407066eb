"""Take the 数据安全 screenshots: ``xvfb-run -a python -m tests.ui.screenshots_safety``.

Grabs the 修改记录 window and the damaged-database dialog into docs/screenshots/ (not a test).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.demo.branch import fill_demo
from branch_desk.services.safety.backup import list_backups
from branch_desk.storage.database import DatabaseDamaged
from branch_desk.ui.app import application
from branch_desk.ui.main_window import MainWindow
from branch_desk.ui.safety.damaged_dialog import DamagedDialog

from .screenshots import OUT, save, settle

EDITS = (
    ("王书记", "phone", "13907310001"),
    ("李组织委员", "work_unit", "办公室副主任"),
    ("王书记", "phone", "13907310002"),
)


def _edit(desk: BranchDesk) -> None:
    """Change a few members as different people on different days."""
    members = desk.roster.list()
    start = datetime.now().replace(second=0, microsecond=0) + timedelta(hours=1)
    for n, (actor, field, value) in enumerate(EDITS):
        desk.db.actor = actor
        desk.db.clock = lambda n=n: start + timedelta(hours=n * 26, minutes=n * 37)
        member = members[n]
        desk.roster.update(member.id, member.to_input().with_changes(**{field: value}))


def history(app: QApplication, folder: Path) -> None:
    """The 修改记录 window over a demo branch with some edits."""
    paths = AppPaths.resolve(folder / "history")
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        fill_demo(desk, count=16)
        _edit(desk)
        window = MainWindow(desk)
        window.resize(1366, 768)
        dialog = window.show_history()
        dialog.entity.setCurrentIndex(dialog.entity.findData("members"))
        dialog.resize(1240, 560)
        save(dialog, "history", app)
        dialog.close()
        window.close()


def damaged(app: QApplication, folder: Path) -> None:
    """The damaged-database dialog with two backups listed."""
    paths = AppPaths.resolve(folder / "damaged")
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        fill_demo(desk, count=16)
        desk.safety.automatic("每日自动备份")
        desk.safety.backup(paths.backups_dir / "手动备份.bdbackup")
    with open(paths.database, "r+b") as handle:
        handle.seek(40 * 1024)
        handle.write(b"\xff" * 8192)
    try:
        BranchDesk.open(paths, automatic_backups=False).close()
        problem = "（示意）数据库文件已损坏"
    except DatabaseDamaged as exc:
        problem = exc.message
    dialog = DamagedDialog(paths, problem, list_backups(paths))
    dialog.resize(860, 400)
    dialog.show()
    settle(app)
    save(dialog, "damaged", app)
    dialog.close()


def main() -> int:
    """Grab both windows."""
    OUT.mkdir(parents=True, exist_ok=True)
    app = application()
    with tempfile.TemporaryDirectory() as folder:
        history(app, Path(folder))
        damaged(app, Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
