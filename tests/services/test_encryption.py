"""Encryption at rest in-process: sealed files, migrations and backups of an encrypted database."""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from branch_desk.domain.errors import UserError
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.data.preferences import load_preferences, save_preferences
from branch_desk.services.safety import encryption, file_cipher, sealed
from branch_desk.services.safety.backup import DB_MEMBER, read_manifest, write_backup
from branch_desk.services.safety.restore import restore_backup
from branch_desk.storage import cipher
from branch_desk.storage.database import Database, make_engine
from branch_desk.storage.migrations import runner
from tests.services.test_backup import SCAN, fill, snapshot

PASSWORD = "it's 秘密"


@pytest.fixture(autouse=True)
def _forget_keys() -> Iterator[None]:
    yield
    cipher.forget_all()
    sealed.forget_keys()


@pytest.fixture
def encrypted(paths: AppPaths, tmp_path: Path) -> AppPaths:
    sealed.create_key(paths.data_dir, PASSWORD)
    cipher.set_key(paths.database, PASSWORD)
    fill(paths, tmp_path)
    return paths


def test_sealed_file_round_trip_and_tamper(tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(SCAN * 300)  # several 1 MiB chunks
    key = file_cipher.derive_key("pw", b"0" * 16)
    file_cipher.seal_file(key, source, tmp_path / "sealed")
    sealed = (tmp_path / "sealed").read_bytes()
    assert SCAN[:40] not in sealed
    file_cipher.open_sealed(key, tmp_path / "sealed", tmp_path / "back")
    assert (tmp_path / "back").read_bytes() == source.read_bytes()
    cut = tmp_path / "cut"
    cut.write_bytes(sealed[: len(sealed) - file_cipher.CHUNK // 2])  # last chunk dropped
    with pytest.raises(cipher.WrongPassword):
        file_cipher.open_sealed(key, cut, tmp_path / "x")
    with pytest.raises(UserError, match="不是加密格式"):
        file_cipher.open_sealed(key, source, tmp_path / "x")
    with pytest.raises(cipher.WrongPassword):
        file_cipher.open_sealed(
            file_cipher.derive_key("other", b"0" * 16), tmp_path / "sealed", tmp_path / "x"
        )


def test_short_password_is_refused() -> None:
    with pytest.raises(UserError, match="至少"):
        encryption.check_new_password("12345")


@pytest.mark.parametrize("revision", runner.all_revisions()[:1])
def test_encrypted_database_upgrades_with_alembic(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "old.sqlite3"
    cipher.set_key(path, PASSWORD)
    engine = make_engine(path)
    with engine.begin() as conn:
        runner.upgrade(conn, revision)
        conn.execute(
            text(
                "INSERT INTO org_units (id, kind, name, upper_org, term_years, sort_order,"
                " created_at) VALUES (1, '党支部', '老支部', '', 3, 0, '2024-01-01 00:00:00')"
            )
        )
    engine.dispose()
    db = Database.open(path, backups_dir=tmp_path / "backups")
    try:
        assert db.schema_revision() == runner.head_revision()
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("SELECT name FROM org_units")).scalar() == "老支部"
    finally:
        db.close()
    assert not path.read_bytes().startswith(b"SQLite format 3")
    for copy in (tmp_path / "backups").glob("*.sqlite3"):  # the before-upgrade copy
        assert not copy.read_bytes().startswith(b"SQLite format 3")


def test_wrong_password_opens_nothing_and_changes_nothing(encrypted: AppPaths) -> None:
    before = snapshot(encrypted)
    cipher.set_key(encrypted.database, "wrong")
    with pytest.raises(cipher.WrongPassword, match="密码错误"):
        BranchDesk.open(encrypted)
    assert snapshot(encrypted) == before


def test_no_password_asks_for_one(encrypted: AppPaths) -> None:
    cipher.forget_all()
    with pytest.raises(cipher.PasswordNeeded):
        BranchDesk.open(encrypted)


def test_restore_with_a_wrong_password_changes_nothing(encrypted: AppPaths, tmp_path: Path):
    target = tmp_path / "b.bdbackup"
    info = write_backup(encrypted, target, "手动备份")
    assert info.encrypted and read_manifest(target).encrypted
    with zipfile.ZipFile(target) as archive:
        assert not archive.read(DB_MEMBER).startswith(b"SQLite format 3")
    before = snapshot(encrypted)
    with pytest.raises(cipher.WrongPassword):
        restore_backup(encrypted, target, password="wrong")
    with pytest.raises(cipher.PasswordNeeded):
        restore_backup(encrypted, target)
    assert snapshot(encrypted) == before
    restore_backup(encrypted, target, password=PASSWORD)
    with BranchDesk.open(encrypted, automatic_backups=False) as desk:
        assert [m.name for m in desk.roster.list()] == ["张三"]
        assert desk.safety.verify().ok


def test_change_password_then_old_fails(encrypted: AppPaths) -> None:
    encryption.change_password(encrypted, PASSWORD, "新的密码123")
    with pytest.raises(cipher.WrongPassword):
        cipher.check_password(encrypted.database, PASSWORD)
    cipher.forget_all()
    cipher.set_key(encrypted.database, "新的密码123")
    with BranchDesk.open(encrypted, automatic_backups=False) as desk:
        assert [m.name for m in desk.roster.list()] == ["张三"]


def test_encrypting_keeps_every_record(paths: AppPaths, tmp_path: Path) -> None:
    fill(paths, tmp_path)
    backup = encryption.encrypt_data_dir(paths, PASSWORD)
    assert read_manifest(backup).encrypted
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(paths.database).execute("SELECT * FROM members").fetchall()
    cipher.forget_all()
    cipher.set_key(paths.database, PASSWORD)
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        assert [m.name for m in desk.roster.list()] == ["张三"]
        assert desk.safety.verify().ok
    with pytest.raises(UserError, match="已经加密"):
        encryption.encrypt_data_dir(paths, PASSWORD)


def test_automatic_backup_and_its_mirror_are_encrypted(encrypted: AppPaths, tmp_path: Path):
    mirror = tmp_path / "usb"
    prefs = load_preferences(encrypted.data_dir).with_changes(mirror_dir=str(mirror))
    save_preferences(encrypted.data_dir, prefs)
    with BranchDesk.open(encrypted, automatic_backups=False) as desk:
        info = desk.safety.automatic("关闭时自动备份")
    assert info is not None and info.encrypted
    copies = [*mirror.glob("*.bdbackup"), info.path]
    assert len(copies) == 2
    for copy in copies:
        assert read_manifest(copy).encrypted
        raw = copy.read_bytes()
        with zipfile.ZipFile(copy) as archive:
            members = [archive.read(name) for name in archive.namelist()]
        for data in (raw, *members):
            assert "张三".encode() not in data and SCAN[:40] not in data
            assert PASSWORD.encode() not in data


def _blob(paths: AppPaths) -> Path:
    return next(p for p in paths.attachments_dir.glob("*/*") if p.is_file())


def test_attachments_are_sealed_on_disk_and_read_back(encrypted: AppPaths) -> None:
    blob = _blob(encrypted)
    assert sealed.is_sealed(blob) and SCAN[:40] not in blob.read_bytes()
    with BranchDesk.open(encrypted, automatic_backups=False) as desk:
        assert desk.files.read_bytes(blob.name) == SCAN
        opened = desk.events.attachment_path(blob.name)
        assert opened.read_bytes() == SCAN and opened.parent != blob.parent
        assert desk.safety.verify().ok
    entry = (encrypted.data_dir / "encryption.json").read_text(encoding="utf-8")
    assert "wrapped" in entry and PASSWORD not in entry


def test_password_change_keeps_attachments_readable(encrypted: AppPaths) -> None:
    encryption.change_password(encrypted, PASSWORD, "新的密码123")
    cipher.forget_all()
    sealed.forget_keys()
    cipher.set_key(encrypted.database, "新的密码123")
    with BranchDesk.open(encrypted, automatic_backups=False) as desk:
        assert desk.files.read_bytes(_blob(encrypted).name) == SCAN
    assert "files_key_previous" not in (encrypted.data_dir / "encryption.json").read_text()


def test_encrypting_seals_existing_attachments(paths: AppPaths, tmp_path: Path) -> None:
    fill(paths, tmp_path)
    assert not sealed.is_sealed(_blob(paths))
    encryption.encrypt_data_dir(paths, PASSWORD)
    assert sealed.is_sealed(_blob(paths))
    cipher.forget_all()
    sealed.forget_keys()
    cipher.set_key(paths.database, PASSWORD)
    with BranchDesk.open(paths, automatic_backups=False) as desk:
        assert desk.files.read_bytes(_blob(paths).name) == SCAN
        assert desk.safety.verify().ok


def test_plain_backup_restored_into_an_encrypted_dir_is_plain_again(
    encrypted: AppPaths, paths: AppPaths, tmp_path: Path
) -> None:
    other = AppPaths.resolve(tmp_path / "plain")
    fill(other, tmp_path)
    backup = write_backup(other, tmp_path / "plain.bdbackup", "手动备份")
    assert not backup.encrypted
    restore_backup(encrypted, backup.path)
    assert not sealed.is_sealed(_blob(encrypted))
    assert not cipher.is_marked(encrypted.data_dir)
    with BranchDesk.open(encrypted, automatic_backups=False) as desk:
        assert desk.safety.verify().ok


def test_a_failed_encryption_leaves_the_plain_data_dir_usable(
    paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(paths, tmp_path)
    before = snapshot(paths)

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cipher, "export_encrypted", full_disk)
    with pytest.raises(OSError):
        encryption.encrypt_data_dir(paths, PASSWORD)
    assert not cipher.is_marked(paths.data_dir)
    assert {k: v for k, v in snapshot(paths).items() if not k.startswith("backups")} == before
    monkeypatch.undo()
    cipher.write_marker(paths.data_dir)  # even a stale marker does not block a new attempt
    encryption.encrypt_data_dir(paths, PASSWORD)
    assert sealed.is_sealed(_blob(paths))
