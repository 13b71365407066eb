"""The exchange file itself: its envelope (format, version), its JSON text, attachments' contents.

The format is documented in docs/exchange-format.md; the rows inside are checked by
services/data/exchange_rows.py.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from ...domain.errors import UserError
from ...domain.limits import MAX_ATTACHMENT_BYTES, MAX_EXCHANGE_BYTES, MAX_NUMBER_DIGITS
from ...domain.safe_names import check_sha256, check_stored_name
from ...storage.repositories.exchange import table_names

FORMAT_NAME = "branch-desk-exchange"
FORMAT_VERSION = 6


class ExchangeError(UserError):
    """The exchange file cannot be imported; the message names the place."""


def read_document(path: Path) -> dict[str, Any]:
    """Read and check the envelope of an exchange file."""
    document = _parse(path, *_read_text(path))
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ExchangeError(f"{path.name} 不是支部工作台的数据交换文件")
    _check_version(document.get("version"))
    known = {"format", "version", "app_version", "exported_at", *table_names()}
    unknown = sorted(set(document) - known)
    if unknown:
        raise ExchangeError(f"交换文件含有未知的内容：{'、'.join(unknown)}")
    return document


def _read_text(path: Path) -> tuple[str, bool]:
    """The file's text (as ``read_text`` gives it: UTF-8, BOM dropped, universal newlines) and
    whether it holds a run of digits longer than any number it may hold."""
    try:
        if path.stat().st_size > MAX_EXCHANGE_BYTES:
            raise ExchangeError(
                f"{path.name} 过大（超过 {MAX_EXCHANGE_BYTES // (1024 * 1024)} MB），不予导入"
            )
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except FileNotFoundError:
        raise ExchangeError(f"文件不存在：{path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ExchangeError(f"无法读取 {path.name}：{exc}") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, _LONG_DIGITS in data.translate(_DIGITS_ONLY)


# Every digit as 0, everything else as a space: a long number is a run of zeros.
_DIGITS_ONLY = bytes(48 if 48 <= b <= 57 else 32 for b in range(256))
_LONG_DIGITS = b"0" * (MAX_NUMBER_DIGITS + 1)


def _parse(path: Path, raw: str, long_digits: bool) -> Any:
    """Parse the text; numbers are checked one by one only where a long run of digits is
    (else none can be too long, and the parser reads them itself: millions of calls saved)."""
    hooks: dict[str, Any] = {"parse_float": _parse_float}
    if long_digits:
        hooks["parse_int"] = _parse_int
    try:
        return json.loads(raw, **hooks)
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            f"{path.name} 不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）"
        ) from None
    except (RecursionError, ValueError):
        raise ExchangeError(f"{path.name} 的 JSON 嵌套过深或数字过长，不是交换文件") from None


def _check_version(version: Any) -> None:
    if not isinstance(version, int) or isinstance(version, bool):
        raise ExchangeError("交换文件缺少有效的版本号（version）")
    if version > FORMAT_VERSION:
        raise ExchangeError(
            f"交换文件版本为 {version}，本程序只支持到 {FORMAT_VERSION}，请升级支部工作台后再导入"
        )
    if version < 1:
        raise ExchangeError(f"交换文件版本 {version} 无效（应为 1 到 {FORMAT_VERSION}）")


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ExchangeError(f"交换文件中的数字过长（超过{MAX_NUMBER_DIGITS}位）：{text[:20]}…")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS + 10:
        raise ExchangeError(f"交换文件中的数字过长：{text[:20]}…")
    return float(text)


class RowTexts(list[str]):
    """A table's rows already written as JSON object texts (exchange_rows.py: rows_to_text)."""


def dumps(document: dict[str, Any]) -> str:
    """Return the document's text: one row per line, compact rows (see ``write_document``)."""
    out = io.StringIO()
    write_document(document, out)
    return out.getvalue()


def write_document(document: dict[str, Any], out: TextIO) -> None:
    """Write the document to ``out`` table by table, one compact row per line.

    Every row goes through one C encoder made once (``json.dumps`` builds a new encoder at
    each call, which cost as much as encoding a row).
    """
    dump = _row_encoder()
    out.write("{\n")
    keys = list(document)
    for index, key in enumerate(keys):
        comma = "," if index < len(keys) - 1 else ""
        value = document[key]
        if isinstance(value, list) and value:
            rows = value if isinstance(value, RowTexts) else map(dump, value)
            out.write(f"{dump(key)}: [\n  ")
            out.write(",\n  ".join(rows))
            out.write(f"\n]{comma}\n")
        else:
            out.write(f"{dump(key)}: {dump(value)}{comma}\n")
    out.write("}\n")


def _row_encoder() -> Callable[[Any], str]:
    """Compact JSON, non-ASCII kept: json's C encoder reused, else ``json.dumps``."""
    make = json.encoder.c_make_encoder  # type: ignore[attr-defined]
    if make is None:  # a Python without the C accelerator
        return lambda value: json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    basestring = json.encoder.encode_basestring  # type: ignore[attr-defined]
    encode = make(None, None, basestring, None, ":", ",", False, False, True)
    return lambda value: "".join(encode(value, 0))


def take_contents(document: dict[str, Any]) -> dict[str, bytes]:
    """Remove and check the base64 contents of stored files; return them by SHA-256.

    Every row's hash and file name are checked here, with or without content: they are later
    used to build paths (attachments/ab/abcdef…, the copy opened for the user).
    """
    contents: dict[str, bytes] = {}
    items = document.get("stored_files", [])
    if not isinstance(items, list):
        return contents
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        where = f"stored_files[{index}]"
        sha256 = check_sha256(item.get("sha256"), f"{where}.sha256")
        check_stored_name(item.get("original_name"), f"{where}.original_name")
        encoded = item.pop("content", None)
        if encoded is not None:
            contents[sha256] = _content(encoded, sha256, item.get("size"), where)
    return contents


def _content(encoded: Any, sha256: str, size: Any, where: str) -> bytes:
    if not isinstance(encoded, str) or len(encoded) > MAX_ATTACHMENT_BYTES * 4 // 3 + 4:
        raise ExchangeError(f"{where}.content 应为 base64 文本，且附件不超过500 MB")
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ExchangeError(f"{where}.content 不是有效的 base64 内容") from None
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ExchangeError(f"{where}.content 与记录的 SHA-256 不符（文件已损坏）")
    if size != len(data):
        raise ExchangeError(f"{where}.size 与附件内容的大小（{len(data)} 字节）不符")
    return data
