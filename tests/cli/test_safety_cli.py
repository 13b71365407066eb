"""The `backup`, `restore`, `backups` and `verify` commands: exit codes and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from branch_desk.__main__ import main
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.safety.backup import DB_MEMBER, read_manifest
from tests.conftest import member_input
from tests.services.test_backup import SCAN, SCAN_SHA, deflate_damaged, fill, snapshot

LI = member_input(name="李四", id_number="11010119850612008X", group="")


def run(capsys: pytest.CaptureFixture[str], paths: AppPaths, *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    try:
        code = main(["--data-dir", str(paths.data_dir), *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def filled(paths: AppPaths, tmp_path: Path) -> AppPaths:
    fill(paths, tmp_path)
    return paths


def blob(paths: AppPaths) -> Path:
    return paths.attachments_dir / SCAN_SHA[:2] / SCAN_SHA


def test_backup_writes_a_verified_file(capsys, filled: AppPaths, tmp_path: Path):
    code, out, err = run(capsys, filled, "backup", "-o", str(tmp_path / "今天.bdbackup"))
    assert (code, err) == (0, "")
    assert out.startswith("已备份到 ") and str(tmp_path / "今天.bdbackup") in out
    info = read_manifest(tmp_path / "今天.bdbackup")
    assert info.kind == "手动备份" and info.counts["members"] == 1


def test_backup_into_a_missing_folder_is_one_line(capsys, filled: AppPaths, tmp_path: Path):
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    code, out, err = run(capsys, filled, "backup", "-o", str(target / "sub" / "a.bdbackup"))
    assert code == 1 and out == ""
    assert err.startswith("错误：") and err.count("\n") == 1


def test_backups_lists_what_is_in_the_data_dir(capsys, filled: AppPaths, tmp_path: Path):
    assert run(capsys, filled, "backup", "-o", str(filled.backups_dir / "mine"))[0] == 0
    (filled.backups_dir / "broken.bdbackup").write_bytes(b"not a zip")
    code, out, err = run(capsys, filled, "backups")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert str(filled.backups_dir / "mine.bdbackup") in out
    assert "broken.bdbackup" not in out
    assert lines[-1] == f"共{len(lines) - 1}个备份"


def test_backups_skips_a_file_with_a_damaged_manifest(capsys, filled: AppPaths, tmp_path: Path):
    assert run(capsys, filled, "backup", "-o", str(tmp_path / "good"))[0] == 0
    deflate_damaged(
        tmp_path / "good.bdbackup", filled.backups_dir / "bad.bdbackup", "manifest.json"
    )
    code, out, _ = run(capsys, filled, "backups")
    assert code == 0 and "bad.bdbackup" not in out


def test_verify_passes_then_names_a_missing_attachment(capsys, filled: AppPaths):
    code, out, err = run(capsys, filled, "verify")
    assert (code, err) == (0, "")
    assert out.strip() == "检查通过：数据库完整，1个附件校验无误。"
    blob(filled).unlink()
    code, out, err = run(capsys, filled, "verify")
    assert code == 1 and out == ""
    assert err.splitlines() == [f"附件缺失：签到表.pdf（{SCAN_SHA[:12]}…）", "发现1个问题。"]


def test_verify_names_a_corrupted_attachment(capsys, filled: AppPaths):
    blob(filled).write_bytes(SCAN[:-1] + b"!")
    code, _, err = run(capsys, filled, "verify")
    assert code == 1
    assert err.splitlines()[0] == f"附件已损坏（校验不符）：签到表.pdf（{SCAN_SHA[:12]}…）"


def test_verify_on_a_damaged_database_exits_1(capsys, filled: AppPaths):
    data = bytearray(filled.database.read_bytes())
    data[4096 * 2 : 4096 * 6] = b"\x5a" * (4096 * 4)
    filled.database.write_bytes(bytes(data))
    code, _, err = run(capsys, filled, "verify")
    assert code == 1 and err.startswith("错误：数据库") and err.count("\n") == 1
    assert filled.database.read_bytes() == bytes(data)


def test_restore_brings_back_the_backup(capsys, filled: AppPaths, tmp_path: Path):
    assert run(capsys, filled, "backup", "-o", str(tmp_path / "b.bdbackup"))[0] == 0
    with BranchDesk.open(filled, automatic_backups=False) as desk:
        desk.roster.add(desk.org.resolve().id, LI)
    blob(filled).unlink()
    code, out, err = run(capsys, filled, "restore", str(tmp_path / "b.bdbackup"))
    assert (code, err) == (0, "")
    assert out.startswith(f"已从 {tmp_path / 'b.bdbackup'} 恢复") and "安全副本" in out
    assert list(filled.backups_dir.glob("safety-*.bdbackup"))
    with BranchDesk.open(filled, automatic_backups=False) as desk:
        assert [m.name for m in desk.roster.list()] == ["张三"]
    assert run(capsys, filled, "verify")[0] == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"PK\x03\x04 truncated", "已损坏"), (b"hello", "已损坏"), (None, "备份文件不存在")],
)
def test_restore_of_a_bad_file_is_one_line_and_changes_nothing(
    capsys, filled: AppPaths, tmp_path: Path, content: bytes | None, message: str
):
    bad = tmp_path / "bad.bdbackup"
    if content is not None:
        bad.write_bytes(content)
    before = snapshot(filled)
    code, out, err = run(capsys, filled, "restore", str(bad))
    assert code == 1 and out == ""
    assert err.startswith("错误：") and message in err and err.count("\n") == 1
    assert snapshot(filled) == before


def test_restore_of_a_foreign_zip_is_refused(capsys, filled: AppPaths, tmp_path: Path):
    import zipfile

    bad = tmp_path / "photos.bdbackup"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr(DB_MEMBER, b"SQLite format 3\x00")
        archive.writestr("photo.jpg", b"\xff\xd8")
    before = snapshot(filled)
    code, _, err = run(capsys, filled, "restore", str(bad))
    assert code == 1 and "不是支部工作台的备份文件" in err and err.count("\n") == 1
    assert snapshot(filled) == before


def test_restore_while_the_app_is_open_is_refused(capsys, filled: AppPaths, tmp_path: Path):
    assert run(capsys, filled, "backup", "-o", str(tmp_path / "b.bdbackup"))[0] == 0
    with BranchDesk.open(filled, automatic_backups=False) as desk:
        desk.roster.add(desk.org.resolve().id, LI)
        before = snapshot(filled)
        code, _, err = run(capsys, filled, "restore", str(tmp_path / "b.bdbackup"))
        assert code == 1 and "已在使用该数据目录" in err and err.count("\n") == 1
        assert snapshot(filled) == before
        assert len(desk.roster.list()) == 2
