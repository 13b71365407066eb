"""Masking inside finished files: every text run of a .docx/.xlsx, every line of a text file.

A masked archive passes each file it holds through :func:`scrub_file` before it is hashed
and packed, so a 身份证号 or phone number typed into any free text never leaves unmasked.
Files that cannot be read as text (PDF, pictures) are reported so the caller can decide.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

Mask = Callable[[str], str]
OFFICE_SUFFIXES = frozenset({".docx", ".xlsx", ".pptx", ".docm", ".xlsm"})
TEXT_SUFFIXES = frozenset({".txt", ".csv", ".md", ".json", ".xml", ".html", ".htm"})
_XML_PART = re.compile(r"\.(xml|rels|vml)$", re.IGNORECASE)
_TEXT_NODE = re.compile(r">([^<]+)<")
_ATTRIBUTE = re.compile(r'(\s[\w:]+=")([^"]*\d[^"]*)(")')
_CHAR_REF = re.compile(r"&#(?:(\d+)|x([0-9a-fA-F]+));")
_MARKUP = frozenset("<>&\"'")


def _char(match: re.Match[str]) -> str:
    try:
        ch = chr(int(match.group(1)) if match.group(1) else int(match.group(2), 16))
    except (ValueError, OverflowError):
        return match.group()
    return match.group() if ch in _MARKUP else ch


def mask_node(text: str, mask: Mask) -> str:
    """Mask one text node or attribute value as written in XML (character references read).

    Workbooks often spell every Chinese or full-width character as ``&#NNNNN;``; they are
    read before masking so ``&#65297;…`` digits are found too. A changed node is written
    back with non-ASCII characters as references again, valid in any XML encoding.
    """
    decoded = _CHAR_REF.sub(_char, text)
    masked = mask(decoded)
    if masked == decoded:
        return text
    return masked.encode("ascii", "xmlcharrefreplace").decode("ascii")


def scrub_xml(xml: str, mask: Mask, *, attributes: bool = False) -> str:
    """Mask the text between tags (and, for relationship parts, attribute values)."""
    xml = _TEXT_NODE.sub(lambda m: ">" + mask_node(m.group(1), mask) + "<", xml)
    if not attributes:
        return xml
    return _ATTRIBUTE.sub(lambda m: m.group(1) + mask_node(m.group(2), mask) + m.group(3), xml)


def scrub_office(path: Path, mask: Mask) -> bool:
    """Rewrite a .docx/.xlsx with every XML part masked; return whether anything changed."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    changed = False
    out: list[tuple[zipfile.ZipInfo, bytes]] = []
    for info, data in parts:
        if _XML_PART.search(info.filename):
            text = data.decode("utf-8", errors="surrogateescape")
            masked = scrub_xml(text, mask, attributes=info.filename.endswith(".rels"))
            if masked != text:
                data = masked.encode("utf-8", errors="surrogateescape")
                changed = True
        out.append((info, data))
    if not changed:
        return False
    temp = path.with_name(path.name + ".scrub")
    try:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as target:
            for info, data in out:
                target.writestr(info, data)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return True


def scrub_text_file(path: Path, mask: Mask) -> bool:
    """Mask a UTF-8 (or GB18030) text file in place; return whether anything changed."""
    raw = path.read_bytes()
    for encoding in ("utf-8", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return False
    masked = mask(text)
    if masked == text:
        return False
    path.write_bytes(masked.encode(encoding))
    return True


def can_scrub(path: Path) -> bool:
    """Tell whether :func:`scrub_file` can read and mask this kind of file."""
    suffix = path.suffix.lower()
    return suffix in OFFICE_SUFFIXES or suffix in TEXT_SUFFIXES


def scrub_file(path: Path, mask: Mask) -> bool:
    """Mask a finished file in place when its kind allows; return whether it could be read."""
    suffix = Path(path).suffix.lower()
    if suffix in OFFICE_SUFFIXES:
        try:
            scrub_office(Path(path), mask)
        except (zipfile.BadZipFile, OSError, KeyError):
            return False
        return True
    if suffix in TEXT_SUFFIXES:
        scrub_text_file(Path(path), mask)
        return True
    return False
