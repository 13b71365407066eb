"""Byte-stable packing: office files and the archive zip with fixed times and order."""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

CHUNK = 1024 * 1024
OFFICE_SUFFIXES = frozenset({".docx", ".xlsx"})
_CORE = "docProps/core.xml"
_STAMP = re.compile(r"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
_FILE_MODE = 0o644 << 16


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
    own created/modified properties become ``when`` too.
    """
    path = Path(path)
    with zipfile.ZipFile(path) as source:
        parts = [(i.filename, source.read(i)) for i in source.infolist()]
    temp = path.with_name(path.name + ".norm")
    try:
        with zipfile.ZipFile(temp, "w") as target:
            for name, data in parts:
                if name == _CORE:
                    data = fix_core_times(data, when)
                target.writestr(_info(name, when), data)
        os.replace(temp, path)
    finally:
        if temp.exists():
            temp.unlink()


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
