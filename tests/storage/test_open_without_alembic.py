"""An up-to-date database opens without importing Alembic; an old one still imports it and migrates."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk

FIXTURES = Path(__file__).parent / "fixtures"

OPEN = """
import sys
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.storage.migrations import runner
desk = BranchDesk.open(AppPaths.resolve(sys.argv[1]), automatic_backups=False,
                       check_in_background=sys.argv[2] == "background")
revision = desk.db.schema_revision()
desk.close()
print(revision == runner.head_revision(), any(m.split(".")[0] == "alembic" for m in sys.modules))
"""


def _open_in_new_process(data: Path, how: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", OPEN, str(data), how],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.strip()


def test_current_database_opens_without_alembic(tmp_path: Path) -> None:
    data = tmp_path / "data"
    BranchDesk.open(AppPaths.resolve(data), automatic_backups=False).close()
    assert _open_in_new_process(data, "now") == "True False"
    assert _open_in_new_process(data, "background") == "True False"


def test_old_database_still_migrates(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "data")
    paths.ensure()
    shutil.copy(FIXTURES / "schema_0001.sqlite3", paths.database)
    assert _open_in_new_process(paths.data_dir, "background") == "True True"
    assert list(paths.backups_dir.glob("before-upgrade-0001-*.sqlite3"))
