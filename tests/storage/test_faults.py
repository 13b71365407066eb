"""Faults survived: SIGKILL mid-write, a full or read-only disk, a second instance, bad targets.

Each fault runs in a child Python process (killed, or limited by RLIMIT_FSIZE so that writes
past the limit fail with EFBIG); the test then reopens the data dir and checks that the
database passes the integrity check and holds exactly the committed transactions.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from textwrap import dedent

import pytest
from openpyxl import load_workbook

from branch_desk.__main__ import main
from branch_desk.domain.errors import UserError
from branch_desk.domain.idcard import check_char
from branch_desk.exports import safe_output as export_files
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.dues.service import AssessmentInput
from branch_desk.services.org.units import BranchInput
from branch_desk.storage import lock as lock_module
from branch_desk.storage.database import check_integrity
from branch_desk.storage.lock import AlreadyRunning
from tests.conftest import FIXED_NOW, member_input
from tests.xlsx_helpers import write_sheet

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and rlimits")

ROOT = Path(__file__).resolve().parents[2]
PRELUDE = """
import sys, time
from datetime import date, timedelta
sys.path.insert(0, {root!r})
from branch_desk.domain.idcard import check_char
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from tests.conftest import FIXED_NOW, member_input
def make_id(i):
    first17 = "110101" + (date(1970, 1, 1) + timedelta(days=i)).strftime("%Y%m%d") + "011"
    return first17 + check_char(first17)
def done(text):
    print(text, flush=True)
paths = AppPaths.resolve({data!r})
desk = BranchDesk.open(paths, automatic_backups=False)
desk.db.clock = lambda: FIXED_NOW
done("open")
"""
LIMITED = """
import resource, signal, sys
sys.path.insert(0, {root!r})
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
from branch_desk.__main__ import main
sys.exit(main({argv!r}))
"""


def make_id(i: int) -> str:
    """The same numbers as the child's make_id: one birthday per index."""
    first17 = "110101" + (date(1970, 1, 1) + timedelta(days=i)).strftime("%Y%m%d") + "011"
    return first17 + check_char(first17)


def set_up(paths: AppPaths, members: int = 0) -> None:
    """A branch with ``members`` members, each assessed for 2026; the data dir is closed after."""
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        desk.db.clock = lambda: FIXED_NOW
        desk.org.create_branch(
            BranchInput(name="第一党支部", upper_org="机关党委", groups=("第一党小组",))
        )
        unit = desk.org.resolve().id
        ids = [
            desk.roster.add(
                unit, member_input(name="成员" + chr(0x4E00 + i), id_number=make_id(i))
            ).value.id
            for i in range(members)
        ]
        from branch_desk.domain.dues import DuesCategory

        items = [(m, AssessmentInput(DuesCategory.EMPLOYED, 480_000)) for m in ids]
        if items:
            desk.dues.assess_many(2026, items)


def spawn(paths: AppPaths, body: str) -> subprocess.Popen[str]:
    code = PRELUDE.format(root=str(ROOT), data=str(paths.data_dir)) + dedent(body)
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    threading.Timer(120, proc.kill).start()  # never hang the suite
    return proc


def read_until(proc: subprocess.Popen[str], wanted: str, count: int = 1) -> int:
    """Read the child's lines until ``count`` lines start with ``wanted``; return how many did."""
    seen = 0
    assert proc.stdout is not None
    while seen < count:
        line = proc.stdout.readline()
        if not line:
            err = proc.stderr.read() if proc.stderr else ""
            pytest.fail(f"child ended early: {err[-2000:]}")
        seen += line.startswith(wanted)
    return seen


def kill(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def reopen_checked(paths: AppPaths) -> BranchDesk:
    """Check the database read-only, then open it (the dead child's flock is gone)."""
    check_integrity(paths.database)
    desk = BranchDesk.open(paths, automatic_backups=False)
    with desk.db.session(audited=False) as s:
        assert s.connection().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert s.connection().exec_driver_sql("PRAGMA foreign_key_check").first() is None
    return desk


def table_count(desk: BranchDesk, sql: str) -> int:
    with desk.db.session(audited=False) as s:
        return int(s.connection().exec_driver_sql(sql).scalar() or 0)


# ---- SIGKILL ---------------------------------------------------------------------------------


def test_kill_during_many_single_adds_keeps_every_committed_member(paths: AppPaths):
    set_up(paths)
    proc = spawn(
        paths,
        """
        unit = desk.org.resolve().id
        for i in range(3000):
            desk.roster.add(unit, member_input(name="党员" + chr(0x4E00 + i), id_number=make_id(i)))
            done(f"committed {i + 1}")
        """,
    )
    read_until(proc, "committed", 40)
    kill(proc)
    with reopen_checked(paths) as desk:
        names = [m.name for m in sorted(desk.roster.list(), key=lambda m: m.id)]
        assert len(names) >= 40
        assert names == ["党员" + chr(0x4E00 + i) for i in range(len(names))]
        # every member came with its 登记在册 row and its audit entry, or not at all
        assert table_count(desk, "SELECT count(*) FROM member_status_changes") == len(names)
        audited = "SELECT count(*) FROM audit_log WHERE entity='members' AND action='新增'"
        assert table_count(desk, audited) == len(names)


def roster_book(path: Path, rows: int) -> Path:
    header = ["姓名", "身份证号", "入党时间", "转正时间", "党员类别", "人员类别", "党小组"]
    data = [
        ["王" + chr(0x4E00 + i), make_id(i), "2010-07-01", "2011-07-01", "正式党员", "在职", "新组"]
        for i in range(rows)
    ]
    return write_sheet(path, header, data)


def test_kill_before_commit_of_a_bulk_import_leaves_nothing(paths: AppPaths, tmp_path: Path):
    """Killed after all 2,000 rows are flushed (spilled into the WAL), before the commit."""
    set_up(paths)
    book = roster_book(tmp_path / "big.xlsx", 2000)
    proc = spawn(
        paths,
        f"""
        from sqlalchemy import event
        from sqlalchemy.orm import Session
        desk.db.engine.dispose()
        event.listen(desk.db.engine, "connect", lambda c, r: c.execute("PRAGMA cache_size=8"))
        unit = desk.org.resolve().id
        preview = desk.roster_import.preview(unit, {str(book)!r})
        assert preview.ok, preview.problems[:3]
        event.listen(Session, "before_commit", lambda s: (done("flushed"), time.sleep(60)))
        desk.roster_import.apply(unit, preview)
        done("applied")
        """,
    )
    read_until(proc, "flushed")
    wal = Path(str(paths.database) + "-wal")
    assert wal.stat().st_size > 100_000  # uncommitted pages really reached the disk
    kill(proc)
    with reopen_checked(paths) as desk:
        assert desk.roster.list() == []
        assert [g.name for g in desk.org.groups(desk.org.resolve().id)] == ["第一党小组"]


@pytest.mark.parametrize("delay", [0.0, 0.25])
def test_kill_at_any_moment_of_a_bulk_import_is_all_or_nothing(
    paths: AppPaths, tmp_path: Path, delay: float
):
    set_up(paths)
    book = roster_book(tmp_path / "big.xlsx", 2000)
    proc = spawn(
        paths,
        f"""
        unit = desk.org.resolve().id
        preview = desk.roster_import.preview(unit, {str(book)!r})
        done("applying")
        desk.roster_import.apply(unit, preview)
        done("applied")
        time.sleep(60)
        """,
    )
    read_until(proc, "applying")
    time.sleep(delay)
    kill(proc)
    with reopen_checked(paths) as desk:
        count = len(desk.roster.list())
        assert count in (0, 2000)
        assert table_count(desk, "SELECT count(*) FROM member_status_changes") == count
        groups = [g.name for g in desk.org.groups(desk.org.resolve().id)]
        assert groups == (["第一党小组", "新组"] if count else ["第一党小组"])


def test_kill_during_a_payment_run_keeps_whole_payments(paths: AppPaths):
    set_up(paths, members=30)
    proc = spawn(
        paths,
        """
        from branch_desk.services.dues.service import PaymentInput
        for member in desk.roster.list():
            for month in range(6, 12):
                day = date(2026, month, 1)
                desk.dues.pay(member.id, PaymentInput(day, day, 4800, FIXED_NOW.date()))
                done("committed")
        """,
    )
    read_until(proc, "committed", 25)
    kill(proc)
    with reopen_checked(paths) as desk:
        payments = table_count(desk, "SELECT count(*) FROM dues_payments")
        assert payments >= 25
        months = table_count(desk, "SELECT count(*) FROM dues_payment_months")
        assert months == payments  # one month per payment, never a payment without its month
        unbalanced = (
            "SELECT count(*) FROM dues_payments p WHERE p.amount_fen - p.extra_fen != "
            "(SELECT coalesce(sum(m.amount_fen), 0) FROM dues_payment_months m "
            "WHERE m.payment_id = p.id)"
        )
        assert table_count(desk, unbalanced) == 0


def test_kill_inside_pay_many_saves_none_of_it(paths: AppPaths):
    set_up(paths, members=30)
    proc = spawn(
        paths,
        """
        from sqlalchemy import event
        from sqlalchemy.orm import Session
        from branch_desk.services.dues.service import PaymentInput
        day = date(2026, 11, 1)
        items = [(m.id, PaymentInput(day, day, 4800, FIXED_NOW.date())) for m in desk.roster.list()]
        event.listen(Session, "before_commit", lambda s: (done("flushed"), time.sleep(60)))
        desk.dues.pay_many(items)
        """,
    )
    read_until(proc, "flushed")
    kill(proc)
    with reopen_checked(paths) as desk:
        assert table_count(desk, "SELECT count(*) FROM dues_payments") == 0
        assert table_count(desk, "SELECT count(*) FROM dues_payment_months") == 0


def test_second_instance_in_another_process_is_refused(paths: AppPaths, tmp_path: Path):
    set_up(paths, members=1)
    proc = spawn(paths, "time.sleep(60)")
    read_until(proc, "open")
    before = paths.database.read_bytes()
    with pytest.raises(AlreadyRunning, match="已在使用该数据目录"):
        BranchDesk.open(paths)
    cli = subprocess.run(
        [sys.executable, "-m", "branch_desk", "--data-dir", str(paths.data_dir), "members",
         "list"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert cli.returncode == 1
    assert cli.stderr.strip().count("\n") == 0 and "已在使用该数据目录" in cli.stderr
    assert paths.database.read_bytes() == before
    kill(proc)
    with reopen_checked(paths) as desk:  # the OS dropped the dead process's lock
        assert len(desk.roster.list()) == 1


# ---- disk full (RLIMIT_FSIZE) ----------------------------------------------------------------


def run_limited(paths: AppPaths, limit: int, *argv: str) -> subprocess.CompletedProcess[str]:
    args = ["--data-dir", str(paths.data_dir), *argv]
    code = LIMITED.format(root=str(ROOT), limit=limit, argv=args)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*"))


@pytest.fixture
def roster_dir(paths: AppPaths) -> AppPaths:
    set_up(paths, members=200)
    return paths


def full_disk_run(paths: AppPaths, tmp_path: Path, case: str) -> subprocess.CompletedProcess[str]:
    """Run one writing command with a file-size limit it must hit; the output goes to out/."""
    out = tmp_path / "out"
    out.mkdir()
    size = paths.database.stat().st_size
    if case == "roster export":
        return run_limited(paths, 40_000, "export", "roster", "-o", str(out / "roster.xlsx"))
    if case == "json export":
        return run_limited(paths, 60_000, "export", "data", "-o", str(out / "data.json"))
    if case == "backup":  # the database copy itself cannot be written
        return run_limited(
            paths, max(size // 2, 40_000), "backup", "-o", str(out / "copy.bdbackup")
        )
    book = roster_book(tmp_path / "big.xlsx", 2000)  # the WAL overflows mid-transaction
    return run_limited(paths, size + 64_000, "import", "roster", str(book))


FULL_DISK = ["roster export", "json export", "backup", "import"]


@pytest.mark.parametrize("case", FULL_DISK)
def test_full_disk_leaves_nothing_half_done(roster_dir: AppPaths, tmp_path: Path, case: str):
    result = full_disk_run(roster_dir, tmp_path, case)
    assert result.returncode != 0
    assert list((tmp_path / "out").iterdir()) == []  # no partial output file
    assert leftovers(roster_dir.data_dir) == []  # no temp files or folders
    with reopen_checked(roster_dir) as desk:  # nothing committed half-way
        assert len(desk.roster.list()) == 200
        assert [g.name for g in desk.org.groups(desk.org.resolve().id)] == ["第一党小组"]


@pytest.mark.parametrize("case", FULL_DISK)
def test_full_disk_gives_a_clear_message(roster_dir: AppPaths, tmp_path: Path, case: str):
    result = full_disk_run(roster_dir, tmp_path, case)
    assert result.returncode == 1, result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(("错误：无法保存", "错误：无法备份", "错误：保存失败")), result.stderr
    assert "内部错误" not in result.stderr


def test_backup_whose_zip_overflows_is_refused_cleanly(paths: AppPaths, tmp_path: Path):
    from branch_desk.domain.events import EventType
    from branch_desk.services.meetings.events import EventInput

    set_up(paths, members=3)
    blob = tmp_path / "scan.bin"
    blob.write_bytes(os.urandom(800_000))  # incompressible: the zip outgrows the limit
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        event = desk.events.add(
            desk.org.resolve().id, EventInput(EventType.STUDY, date(2026, 5, 1))
        )
        desk.events.attach(event.value.id, blob)
    out = tmp_path / "out" / "copy.bdbackup"
    out.parent.mkdir()
    limit = paths.database.stat().st_size + 200_000
    result = run_limited(paths, limit, "backup", "-o", str(out))
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("错误：无法保存 copy.bdbackup"), result.stderr
    assert list(out.parent.iterdir()) == []
    assert leftovers(paths.data_dir) == []


# ---- read-only ---------------------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], paths: AppPaths, *args: str) -> tuple[int, str]:
    code = main(["--data-dir", str(paths.data_dir), *args])
    return code, capsys.readouterr().err


def test_export_into_a_read_only_folder_is_refused(
    roster_dir: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
):
    target = tmp_path / "roster.xlsx"
    target.write_bytes(b"old")

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(export_files.tempfile, "mkstemp", read_only)
    code, err = run_cli(capsys, roster_dir, "export", "roster", "-o", str(target))
    assert code == 1 and err.startswith("错误：无法在") and os.strerror(errno.EROFS) in err
    assert target.read_bytes() == b"old" and sorted(tmp_path.iterdir()) == [
        tmp_path / "data",
        target,
    ]


def test_export_onto_a_read_only_file_system_is_refused(
    roster_dir: AppPaths, capsys: pytest.CaptureFixture[str]
):
    code, err = run_cli(capsys, roster_dir, "export", "roster", "-o", "/proc/roster.xlsx")
    assert code == 1 and err.startswith("错误：") and err.count("\n") == 1
    assert not Path("/proc/roster.xlsx").exists()


def test_read_only_data_dir_is_refused_at_open(
    roster_dir: AppPaths, capsys: pytest.CaptureFixture[str], monkeypatch
):
    before = roster_dir.database.read_bytes()

    def read_only(path: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(lock_module, "open", read_only, raising=False)
    code, err = run_cli(capsys, roster_dir, "members", "list")
    assert code == 1 and err.startswith("错误：无法访问") and err.count("\n") == 1
    assert roster_dir.database.read_bytes() == before


def test_write_to_a_read_only_database_is_a_user_error(roster_dir: AppPaths):
    with BranchDesk.open(roster_dir, automatic_backups=False) as desk:
        desk.db.engine.dispose()
        from sqlalchemy import event

        event.listen(desk.db.engine, "connect", lambda c, r: c.execute("PRAGMA query_only=ON"))
        with pytest.raises(UserError, match="只读") as refused:
            desk.roster.add(desk.org.resolve().id, member_input(id_number=make_id(900)))
        assert "\n" not in str(refused.value)
        assert len(desk.roster.list()) == 200


# ---- export targets ----------------------------------------------------------------------------


def test_existing_target_is_replaced_only_when_the_new_file_is_complete(
    desk: BranchDesk, branch_id: int, tmp_path: Path, monkeypatch
):
    desk.roster.add(branch_id, member_input())
    target = tmp_path / "名册.xlsx"
    target.write_bytes(b"old roster")
    real_replace = os.replace
    seen: list[str] = []

    def checked_replace(src: str | Path, dst: str | Path) -> None:
        assert Path(dst).read_bytes() == b"old roster"  # untouched until the rename
        seen.append(load_workbook(src).active.title)  # the temp file is already whole
        real_replace(src, dst)

    monkeypatch.setattr(export_files.os, "replace", checked_replace)
    assert desk.roster_io.export_roster(branch_id, target) == 1
    assert len(seen) == 1
    assert any("张三" in str(c.value) for row in load_workbook(target).active for c in row)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "名册.xlsx"]


def test_failure_while_writing_keeps_the_old_target(
    desk: BranchDesk, branch_id: int, tmp_path: Path, monkeypatch
):
    target = tmp_path / "名册.xlsx"
    target.write_bytes(b"old roster")

    def broken_save(self: object, filename: str | Path) -> None:
        Path(filename).write_bytes(b"PK\x03\x04 half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", broken_save)
    with pytest.raises(UserError, match=r"无法保存 名册\.xlsx"):
        desk.roster_io.export_roster(branch_id, target)
    assert target.read_bytes() == b"old roster"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "名册.xlsx"]


def test_target_that_is_a_folder_is_refused_without_leftovers(
    desk: BranchDesk, branch_id: int, tmp_path: Path
):
    target = tmp_path / "名册.xlsx"
    target.mkdir()
    with pytest.raises(UserError, match=r"无法保存 名册\.xlsx"):
        desk.roster_io.export_roster(branch_id, target)
    assert target.is_dir() and list(target.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "名册.xlsx"]


def test_target_open_elsewhere_is_refused_with_a_clear_message(
    desk: BranchDesk, branch_id: int, tmp_path: Path, monkeypatch
):
    """Windows refuses to replace a file Excel has open: os.replace raises PermissionError."""
    target = tmp_path / "名册.xlsx"
    target.write_bytes(b"open in Excel")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Access is denied", str(dst))

    monkeypatch.setattr(export_files.os, "replace", locked)
    with pytest.raises(UserError, match="文件正被其他程序打开"):
        desk.roster_io.export_roster(branch_id, target)
    assert target.read_bytes() == b"open in Excel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "名册.xlsx"]


def test_target_in_a_missing_folder_is_refused(desk: BranchDesk, branch_id: int, tmp_path: Path):
    with pytest.raises(UserError, match="保存位置不存在"):
        desk.roster_io.export_roster(branch_id, tmp_path / "nowhere" / "名册.xlsx")
    assert not (tmp_path / "nowhere").exists()


def test_removing_a_member_with_attendance_is_a_clear_refusal(desk: BranchDesk, branch_id: int):
    from branch_desk.domain.events import EventType
    from branch_desk.services.meetings.events import EventInput

    member = desk.roster.add(branch_id, member_input()).value
    desk.events.add(branch_id, EventInput(EventType.BRANCH_ASSEMBLY, date(2026, 5, 1)))
    try:
        with pytest.raises(UserError, match="不能删除"):
            desk.roster.remove(member.id)
    finally:
        assert [m.id for m in desk.roster.list()] == [member.id]  # nothing half-done
