"""Printable meeting records (会议记录) and sign-in sheets (签到表) as .docx files.

The layout is in ``minutes_document``; this module only writes it.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.events import MinutesDoc, SignInSheet
from .docx_render import write_docx
from .minutes_document import meeting_time, minutes_document, record_title, sign_in_document

__all__ = ["meeting_time", "record_title", "write_minutes", "write_sign_in_sheet"]


def write_minutes(path: Path, doc: MinutesDoc) -> None:
    """Write a 会议记录 for one meeting to ``path`` (atomically)."""
    write_docx(Path(path), minutes_document(doc))


def write_sign_in_sheet(path: Path, sheet: SignInSheet) -> None:
    """Write a 签到表 with every expected name and blank rows for walk-ins."""
    write_docx(Path(path), sign_in_document(sheet))
