"""The JSON exchange file: a whole database, versioned, for moving data and for tests.

The format is documented in docs/exchange-format.md. Each table is a list of row objects
with the database ids kept, so references between tables stay valid. The file's envelope and
text are in exchange_file.py, the rows' checks in exchange_rows.py, the tables' reads and
writes in storage/repositories/exchange.py.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ... import app_version
from ...domain.errors import UserError
from ...domain.safe_names import UnsafeName
from ...exports.safe_output import atomic_target
from ...storage.database import Database
from ...storage.repositories import exchange as tables
from ...storage.repositories.exchange import table_names
from ...storage.repositories.exchange_json import json_rows
from ..outcome import Area, Outcome, changed
from .attachments import FileStore
from .exchange_file import (
    FORMAT_NAME,
    FORMAT_VERSION,
    ExchangeError,
    RowTexts,
    read_document,
    take_contents,
    write_document,
)
from .exchange_rows import rows_from_json, rows_to_json

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "ExchangeError", "ExchangeService", "table_names"]


class ExchangeService:
    """Export the whole database to JSON, and import such a file into an empty one."""

    def __init__(self, db: Database, files: FileStore) -> None:
        self.db = db
        self.files = files

    def export_data(self, path: Path) -> dict[str, int]:
        """Write every table to ``path``; return row counts by table."""
        document = self.export_document(as_text=True)
        with atomic_target(Path(path)) as temp, open(temp, "w", encoding="utf-8") as out:
            write_document(document, out)
        return {name: len(document[name]) for name in table_names()}

    def export_document(self, *, as_text: bool = False) -> dict[str, Any]:
        """Return the exchange document as plain JSON-ready data.

        ``as_text``: each table's rows (but the stored files, whose contents are added) as
        their JSON texts already, what the file is written from.
        """
        document: dict[str, Any] = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "app_version": app_version(),
            "exported_at": self.db.now().isoformat(),
        }
        with self.db.session(audited=False) as s:
            for table in table_names():
                texts = json_rows(s, table) if as_text and table != "stored_files" else None
                if texts is not None:
                    document[table] = RowTexts(texts)
                else:
                    document[table] = rows_to_json(table, tables.table_rows(s, table))
        for item in document["stored_files"]:
            item["content"] = self._content(item["sha256"])
        return document

    def _content(self, sha256: str) -> str | None:
        try:
            return base64.b64encode(self.files.read_bytes(sha256)).decode("ascii")
        except (OSError, UnsafeName):
            return None  # a missing blob or a hash that names no file of ours: no content

    def import_data(self, path: Path) -> Outcome[dict[str, int]]:
        """Load an exchange file into this (empty) database, all or nothing."""
        document = read_document(Path(path))
        contents = take_contents(document)
        rows = {table: rows_from_json(table, document) for table in table_names()}
        created = self._write_contents(contents)
        try:
            self._insert(rows)
        except BaseException:
            for blob in created:
                blob.unlink(missing_ok=True)
            raise
        return changed({k: len(v[0]) for k, v in rows.items()}, Area.ALL)

    def _write_contents(self, contents: dict[str, bytes]) -> list[Path]:
        created = []
        for sha256, data in contents.items():
            target = self.files.path_of(sha256)
            if target.exists():
                continue
            try:
                with atomic_target(_ensure_parent(target), internal=True) as temp:
                    temp.write_bytes(data)
                    self.files.seal(temp)  # encryption at rest
            except UserError:
                for blob in created:
                    blob.unlink(missing_ok=True)
                raise
            created.append(target)
        return created

    def _insert(self, rows: dict[str, list[Sequence[Any]]]) -> None:
        with self.db.session(audited=False) as s:
            if tables.holds_data(s):
                raise ExchangeError(
                    "只能导入到空的数据目录（当前数据目录已有数据）；未做任何改动。"
                )
            try:
                tables.insert_all(s, rows)
            except tables.InconsistentRows as exc:
                raise ExchangeError(f"交换文件中的数据相互矛盾：{exc.detail}") from None
            except tables.DanglingReference as exc:
                raise ExchangeError(
                    f"交换文件中 {exc.table} 第 {exc.row_id} 号记录引用了不存在的 {exc.parent} 记录"
                ) from None


def _ensure_parent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
