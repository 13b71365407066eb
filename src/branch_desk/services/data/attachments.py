"""Attachments kept once under the data dir by SHA-256, however often they are attached."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from ...domain.errors import UserError
from ...domain.files import StoredFileRecord
from ...domain.limits import MAX_ATTACHMENT_BYTES
from ...domain.safe_names import (
    UnsafeName,
    check_sha256,
    check_stored_name,
    safe_file_name,
)
from ...storage.repositories import Session
from ...storage.repositories import attachments as stored_files
from ..safety import sealed

__all__ = ["MAX_ATTACHMENT_BYTES", "FileStore", "StoredFileRecord", "prepare_open_copy"]
CHUNK = 1024 * 1024


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class FileStore:
    """Content-addressed files under ``root`` (attachments/ab/abcdef…)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, sha256: str) -> Path:
        """Return where a blob lives; the hash is checked first (it may come from a file)."""
        sha256 = check_sha256(sha256)
        return self.root / sha256[:2] / sha256

    # ---- encryption at rest: sealed attachments of an encrypted data dir (services/sealed.py)

    def key(self) -> bytes | None:
        return sealed.files_key(self.root.parent)

    def readable(self, sha256: str) -> Path:
        """The stored file, or its decrypted copy (private temp folder) when sealed."""
        return sealed.readable_path(self.path_of(sha256), self.key())

    def read_bytes(self, sha256: str) -> bytes:
        return self.readable(sha256).read_bytes()

    def plain_sha256(self, sha256: str) -> str:
        return sha256_of(self.readable(sha256))

    def seal(self, target: Path) -> None:
        """Seal a plain file just stored when the data dir is encrypted."""
        key = self.key()
        if key is not None:
            sealed.seal_in_place(target, key)

    def add(self, s: Session, source: Path, now: datetime) -> StoredFileRecord:
        """Store ``source`` (once) and return its record; the copy lands before the row commits."""
        source = Path(source)
        if not source.is_file():
            raise UserError(f"附件不存在或不是文件：{source}")
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise UserError(
                f"附件过大（{size // (1024 * 1024)} MB），单个附件不能超过500 MB：{source.name}"
            )
        try:
            digest = sha256_of(source)
            target = self.path_of(digest)
            if not target.exists():
                self._copy(source, target)
        except OSError as exc:
            raise UserError(f"无法保存附件 {source.name}：{exc.strerror or exc}") from None
        return stored_files.keep(s, digest, size, stored_name(source.name), now)

    def copy_in(self, source: Path, sha256: str) -> Path:
        """Copy a file already known to hash to ``sha256`` into the store; return its path."""
        target = self.path_of(sha256)
        self._copy(source, target)
        return target

    def _copy(self, source: Path, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        os.close(handle)
        try:
            shutil.copyfile(source, temp)
            self.seal(Path(temp))  # encryption at rest
            os.replace(temp, target)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)


def stored_name(name: str) -> str:
    """Return the name to record for an attached file (one that passes the import check)."""
    try:
        return check_stored_name(name)
    except UnsafeName:
        return safe_file_name(name.replace("\\", "_").replace("/", "_"), "附件")


def prepare_open_copy(store: FileStore, sha256: str, original_name: str, temp_root: Path) -> Path:
    """Copy a stored file into its own folder under ``temp_root`` for opening; return the copy.

    The folder and file names are built from checked parts only: the 64-hex hash and a safe
    base name with a plain extension, so a stored name like ``../../x.sh`` stays inside.
    """
    source = store.path_of(sha256)
    folder = Path(temp_root) / f"branch-desk-{sha256[:12]}"
    target = folder / safe_file_name(original_name or "", sha256[:12])
    if target.parent != folder:  # cannot happen with a safe base name; never write elsewhere
        raise UnsafeName(f"附件文件名不安全：{original_name}")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target
