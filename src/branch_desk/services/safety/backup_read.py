"""Reading a .bdbackup someone may have crafted: bounded, checked before anything is written.

Every limit is in domain/limits.py. The manifest is read with a size cap; every member name
is checked for every absolute or drive-qualified form (on every platform) and must be one
the writer makes (`database.sqlite3`, `attachments/ab/<sha256>`); sizes, the number of
entries and the expansion ratio are checked from the directory before extracting, and again
while streaming (a header may lie). The restored database itself is checked: integrity,
a known schema revision equal to the manifest's, and the tables of a Branch Desk database.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from ...domain import limits
from ...domain.errors import UserError
from ...domain.safe_names import UnsafeName, check_sha256, is_sha256, safe_member_name
from ...storage import cipher
from ...storage.migrations import runner

FORMAT = "branch-desk-backup"
VERSION = 1
DB_MEMBER = "database.sqlite3"
MANIFEST = "manifest.json"
OWN_TABLES = frozenset({"alembic_version", "audit_log", "org_units", "members", "officers"})
CHUNK = 1024 * 1024


class BackupRefused(UserError):
    """The backup file cannot be used; nothing was changed."""


def read_manifest_data(archive: zipfile.ZipFile, name: str) -> dict[str, Any]:
    """Return the checked manifest of an open backup (at most MAX_MANIFEST_BYTES read)."""
    try:
        info = archive.getinfo(MANIFEST)
    except KeyError:
        raise BackupRefused(f"{name} 不是支部工作台的备份文件（缺少清单）。") from None
    cap = limits.MAX_MANIFEST_BYTES
    if info.file_size > cap:
        raise BackupRefused(f"{name} 的清单过大（超过 {cap // 1024} KB），不是支部工作台的备份。")
    with archive.open(info) as stream:
        raw = stream.read(cap + 1)
    if len(raw) > cap:
        raise BackupRefused(f"{name} 的清单过大（超过 {cap // 1024} KB），不是支部工作台的备份。")
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise BackupRefused(f"{name} 的清单已损坏，不是有效的 JSON。") from None
    return check_manifest(manifest, name)


def check_manifest(manifest: Any, name: str) -> dict[str, Any]:
    """Return the manifest if every field has the type the writer gives it."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused(f"{name} 不是支部工作台的备份文件。")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= VERSION:
        raise BackupRefused(f"{name} 的备份格式版本（{version!r}）不受支持。")
    files, counts = manifest.get("files"), manifest.get("counts", {})
    if not isinstance(files, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in files.items()
    ):
        raise BackupRefused(f"{name} 的清单已损坏：files 应为“文件名: 校验值”的对象。")
    if not isinstance(counts, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in counts.values()
    ):
        raise BackupRefused(f"{name} 的清单已损坏：counts 应为“表: 数目”的对象。")
    for key in ("created_at", "schema_revision"):
        if not isinstance(manifest.get(key), str):
            raise BackupRefused(f"{name} 的清单已损坏：缺少 {key}。")
    try:
        datetime.fromisoformat(manifest["created_at"])
    except ValueError:
        raise BackupRefused(f"{name} 的清单已损坏：created_at 不是日期时间。") from None
    if len(files) > limits.MAX_BACKUP_ENTRIES:
        raise BackupRefused(f"{name} 的文件数过多（超过 {limits.MAX_BACKUP_ENTRIES} 个）。")
    return manifest


def checked_members(
    archive: zipfile.ZipFile, files: dict[str, str], name: str, sealed: bool = False
) -> list[tuple[zipfile.ZipInfo, str]]:
    """Check every entry's name and size before extracting; return (entry, sha256) to extract."""
    entries = archive.infolist()
    if len(entries) > limits.MAX_BACKUP_ENTRIES + 1:
        raise BackupRefused(f"{name} 的文件数过多（超过 {limits.MAX_BACKUP_ENTRIES} 个）。")
    by_name: dict[str, zipfile.ZipInfo] = {}
    try:
        for entry in entries:
            member = safe_member_name(entry.filename)
            if member in by_name:
                raise BackupRefused(f"{name} 中有重复的文件：{member}")
            by_name[member] = entry
        for member, sha in files.items():
            checked = check_sha256(sha, f"{member} 的校验值")
            _check_shape(safe_member_name(member), None if sealed else checked)
    except UnsafeName as exc:
        raise BackupRefused(f"{name}：{exc}") from None
    unknown = sorted(set(by_name) - set(files) - {MANIFEST})
    if unknown:
        raise BackupRefused(f"{name} 含有清单之外的文件：{unknown[0]}")
    if DB_MEMBER not in files:
        raise BackupRefused(f"{name} 中缺少数据库。")
    missing = sorted(set(files) - set(by_name))
    if missing:
        raise BackupRefused(f"{name} 已损坏：缺少 {missing[0]}。")
    chosen = [(by_name[m], sha) for m, sha in files.items()]
    _check_sizes(chosen, name)
    return chosen


def _check_shape(member: str, sha: str | None) -> None:
    """Accept the database and ``attachments/ab/<sha256>``; with ``sha`` the name must be it
    (a sealed attachment keeps its plain hash as its name, its content hashes otherwise)."""
    if member == DB_MEMBER:
        return
    parts = member.split("/")
    if len(parts) == 3 and parts[0] == "attachments" and is_sha256(parts[2]):
        named = parts[2]
        if parts[1] == named[:2] and (sha is None or named == sha):
            return
    raise UnsafeName(f"备份中含有不认识的文件：{member}")


def _check_sizes(chosen: list[tuple[zipfile.ZipInfo, str]], name: str) -> None:
    total = 0
    for entry, _sha in chosen:
        cap = (
            limits.MAX_DATABASE_BYTES
            if entry.filename == DB_MEMBER
            else limits.MAX_ATTACHMENT_BYTES
        )
        if entry.file_size > cap:
            raise BackupRefused(
                f"{name} 中的 {entry.filename} 过大（{entry.file_size // limits.MB} MB，"
                f"上限 {cap // limits.MB} MB），不予恢复。"
            )
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > limits.RATIO_FLOOR_BYTES and ratio > limits.MAX_EXPANSION_RATIO:
            raise BackupRefused(
                f"{name} 中的 {entry.filename} 压缩比异常（{ratio:.0f}:1，"
                f"上限 {limits.MAX_EXPANSION_RATIO}:1），可能是恶意构造的文件，不予恢复。"
            )
        total += entry.file_size
    if total > limits.MAX_BACKUP_TOTAL_BYTES:
        raise BackupRefused(f"{name} 解压后过大（{total // limits.MB} MB），不予恢复。")


def check_free_space(chosen: list[tuple[zipfile.ZipInfo, str]], folder: Path) -> None:
    """Refuse at once when the disk cannot hold the extracted files plus the restored copy."""
    needed = 2 * sum(entry.file_size for entry, _sha in chosen)
    free = shutil.disk_usage(folder).free
    if needed > free:
        raise UserError(
            f"磁盘空间不足：恢复需要约 {needed // limits.MB + 1} MB，"
            f"只剩 {free // limits.MB} MB。备份文件本身没有问题；请先清理磁盘。未做任何改动。"
        )


def extract(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, sha: str, target: Path) -> None:
    """Stream one entry to ``target``, never past its declared size; check its SHA-256."""
    digest, written = hashlib.sha256(), 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with archive.open(entry) as source, open(target, "wb") as out:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > entry.file_size:
                raise BackupRefused(f"{entry.filename} 的实际大小超过其声明的大小，文件已被篡改。")
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != sha:
        raise BackupRefused(f"已损坏：{entry.filename} 校验不符。")


def check_database_intact(db_path: Path, name: str) -> tuple[set[str], list[Any]]:
    """Open the database read-only and run SQLite's integrity check on it.

    Return its tables and its Alembic stamps; a database that cannot be read or fails the
    check is refused (BackupRefused, naming it ``name``).
    """
    try:
        conn = cipher.connect(db_path, readonly=True)  # the key of an encrypted backup, if set
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            stamps = (
                [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
                if "alembic_version" in tables
                else []
            )
        finally:
            conn.close()
    except cipher.DATABASE_ERRORS:
        raise BackupRefused(f"{name} 中的数据库已损坏。") from None
    if result != ["ok"]:
        raise BackupRefused(f"{name} 中的数据库未通过完整性检查。")
    return tables, stamps


def check_restored_database(db_path: Path, manifest: dict[str, Any], name: str) -> None:
    """Check the database itself, not only what the manifest says about it."""
    tables, stamps = check_database_intact(db_path, name)
    if OWN_TABLES - tables or len(stamps) != 1:
        raise BackupRefused(f"{name} 中的数据库不是支部工作台的数据文件。")
    revision = str(stamps[0])
    if not runner.is_known(revision):
        raise BackupRefused(
            f"{name} 中的数据库由更新版本的支部工作台创建（结构版本 {revision}），请升级后再恢复。"
        )
    if revision != manifest["schema_revision"]:
        raise BackupRefused(
            f"{name} 的清单与其中的数据库不符（清单写 {manifest['schema_revision']}，"
            f"数据库为 {revision}），文件已被篡改或损坏。"
        )
