"""Names and hashes from outside, checked before any path is built from them.

Pure functions, the same on every platform: a name that would be absolute, drive-qualified or
climb out of its folder on *any* system is refused, whatever system we run on.
"""

from __future__ import annotations

import re

from .errors import UserError
from .limits import MAX_STORED_NAME_CHARS

_SHA256 = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NOT_IN_FILE_NAMES = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}")
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{i}" for i in range(1, 10)}
    | {f"LPT{i}" for i in range(1, 10)}
)
MAX_MEMBER_CHARS = 255
MAX_COPY_NAME_CHARS = 120


class UnsafeName(UserError):
    """A name or hash from a file is not safe to build a path from; nothing was changed."""


def check_sha256(value: object, where: str = "附件校验值") -> str:
    """Return ``value`` if it is a 64-hex lowercase SHA-256, else raise UnsafeName."""
    if isinstance(value, str) and _SHA256.fullmatch(value):
        return value
    raise UnsafeName(f"{where} 不是有效的 SHA-256 校验值（应为64位十六进制数字）：{_show(value)}")


def is_sha256(value: object) -> bool:
    """Tell whether ``value`` is a 64-hex lowercase SHA-256 (``check_sha256`` without raising)."""
    return isinstance(value, str) and _SHA256.fullmatch(value) is not None


def safe_member_name(name: object) -> str:
    """Return an archive member name if it is a plain relative path, else raise UnsafeName.

    Refused: absolute (`/x`, `\\x`, `\\\\server\\x`), drive-qualified (`C:/x`, `C:x`),
    any backslash, `..` or `.` segments, empty segments, control characters, NUL,
    Windows device names, segments ending in a dot or space, and overlong names.
    """
    if not isinstance(name, str) or not name:
        raise UnsafeName(f"备份中有空的或无效的文件名：{_show(name)}")
    problem = _member_problem(name)
    if problem:
        raise UnsafeName(f"备份中含有不安全的路径（{problem}）：{_show(name)}")
    return name


def _member_problem(name: str) -> str | None:
    if len(name) > MAX_MEMBER_CHARS:
        return f"超过{MAX_MEMBER_CHARS}个字符"
    if _CONTROL.search(name):
        return "含有控制字符"
    if "\\" in name:
        return "含有反斜杠"
    if ":" in name:
        return "含有盘符或冒号"
    if name.startswith("/"):
        return "是绝对路径"
    for segment in name.split("/"):
        if segment in ("", ".", ".."):
            return "含有空的、“.”或“..”路径段"
        if segment[-1] in ". " or segment.split(".")[0].upper() in _WINDOWS_DEVICES:
            return "含有系统保留的文件名"
    return None


def check_stored_name(name: object, where: str = "附件文件名") -> str:
    """Return an attachment's original file name if it is a plain base name, else raise."""
    if not isinstance(name, str) or not name.strip():
        raise UnsafeName(f"{where} 不能为空")
    if len(name) > MAX_STORED_NAME_CHARS:
        raise UnsafeName(f"{where} 过长（最多{MAX_STORED_NAME_CHARS}个字符）")
    if _CONTROL.search(name):
        raise UnsafeName(f"{where} 含有控制字符：{_show(name)}")
    if "/" in name or "\\" in name or name in (".", "..") or re.match(r"[A-Za-z]:", name):
        raise UnsafeName(f"{where} 只能是文件名，不能含有路径或盘符：{_show(name)}")
    return name


def safe_suffix(name: str) -> str:
    """Return the lower-case extension of ``name`` (".pdf") if it is plain, else ""."""
    base = re.split(r"[/\\]", name)[-1]
    dot = base.rfind(".")
    suffix = base[dot:] if dot > 0 else ""
    return suffix.lower() if _SUFFIX.fullmatch(suffix) else ""


def safe_file_name(name: str, fallback: str) -> str:
    """Return a base name safe to create in a folder on any system, keeping a plain extension.

    The last path segment of ``name`` is kept, characters no system allows are replaced,
    leading and trailing dots and spaces are removed and device names are prefixed;
    when nothing usable is left, ``fallback`` (itself made safe) is used.
    """
    suffix = safe_suffix(name)
    base = re.split(r"[/\\]", name)[-1]
    stem = base[: len(base) - len(suffix)] if suffix else base
    stem = _NOT_IN_FILE_NAMES.sub("_", stem).strip(". ")
    if not stem or set(stem) == {"_"}:
        stem = _NOT_IN_FILE_NAMES.sub("_", fallback).strip(". ") or "file"
    if stem.split(".")[0].upper() in _WINDOWS_DEVICES:
        stem = "_" + stem
    return stem[: MAX_COPY_NAME_CHARS - len(suffix)] + suffix


def _show(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else value
    text = _CONTROL.sub("?", text)
    return text if len(text) <= 80 else text[:77] + "…"
