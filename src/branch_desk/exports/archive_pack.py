"""Byte-stable packing: office files and the archive zip with fixed times and order."""

from __future__ import annotations

import os
import re
import shutil
import struct
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

CHUNK = 1024 * 1024
OFFICE_SUFFIXES = frozenset({".docx", ".xlsx"})
_CORE = "docProps/core.xml"
_STAMP = re.compile(r"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
_FILE_MODE = 0o644 << 16
_LOCAL_HEADER = 30  # bytes of a zip entry's local header before its name


def _info(name: str, when: datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = _FILE_MODE
    return info


def fix_core_times(xml: bytes, when: datetime) -> bytes:
    """Return docProps/core.xml with its created/modified stamps set to ``when``."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    text = xml.decode("utf-8")
    return _STAMP.sub(lambda m: f"{m.group(1)}{stamp}{m.group(3)}", text).encode("utf-8")


def normalise_office(path: Path, when: datetime) -> None:
    """Rewrite a .docx/.xlsx in place so equal content gives equal bytes.

    Entries keep their order; every entry gets the time ``when`` and the document's
    own created/modified properties become ``when`` too. An entry deflated as this module
    deflates (python-docx and openpyxl both use zipfile's default level) keeps its compressed
    bytes: only its header is new (decompressing and deflating again gave the same bytes).
    """
    path = Path(path)
    temp = path.with_name(path.name + ".norm")
    try:
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(temp, "w") as target:
            for info in source.infolist():
                if info.filename == _CORE or not _plainly_deflated(info):
                    data = source.read(info)
                    if info.filename == _CORE:
                        data = fix_core_times(data, when)
                    target.writestr(_info(info.filename, when), data)
                else:
                    _copy_deflated(source, target, info, when)
        os.replace(temp, path)
    finally:
        if temp.exists():
            temp.unlink()


def _plainly_deflated(info: zipfile.ZipInfo) -> bool:
    """Deflated, no data descriptor, no encryption, no ZIP64: the bytes can be copied."""
    return (
        info.compress_type == zipfile.ZIP_DEFLATED
        and not info.flag_bits & 0x09
        and max(info.compress_size, info.file_size) < zipfile.ZIP64_LIMIT // 2
    )


def _copy_deflated(
    source: zipfile.ZipFile, target: zipfile.ZipFile, info: zipfile.ZipInfo, when: datetime
) -> None:
    """Write ``info``'s entry into ``target`` as ``writestr`` would, its deflated bytes as read."""
    assert source.fp is not None and target.fp is not None
    source.fp.seek(info.header_offset)
    local = source.fp.read(_LOCAL_HEADER)
    name_size, extra_size = struct.unpack("<HH", local[26:30])
    source.fp.seek(info.header_offset + _LOCAL_HEADER + name_size + extra_size)
    deflated = source.fp.read(info.compress_size)
    entry = _info(info.filename, when)
    entry.CRC, entry.file_size, entry.compress_size = info.CRC, info.file_size, len(deflated)
    target.fp.seek(target.start_dir)
    entry.header_offset = target.fp.tell()
    target.fp.write(entry.FileHeader(False))
    target.fp.write(deflated)
    target.filelist.append(entry)
    target.NameToInfo[entry.filename] = entry
    target.start_dir = target.fp.tell()
    target._didModify = True  # type: ignore[attr-defined]


def write_pack(
    folder: Path,
    names: Sequence[str],
    target: Path,
    when: datetime,
    step: Callable[[str], None],
) -> None:
    """Zip ``names`` (relative to ``folder``) into ``target`` in sorted order, all dated ``when``.

    ``step`` is called before each file (for progress and cancel checks).
    """
    with zipfile.ZipFile(target, "w", allowZip64=True) as pack:
        for name in sorted(names):
            step(name)
            source = folder / name
            info = _info(name, when)
            info.file_size = source.stat().st_size
            with open(source, "rb") as src, pack.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, CHUNK)
