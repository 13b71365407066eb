"""Workbooks written safely: user text is always text, sheet titles are always valid.

Every xlsx writer saves through :func:`save_workbook`. Before saving it walks every cell:
text is stored as a plain string cell (never a formula, whatever it starts with), characters
a workbook cannot hold are dropped, over-long text is cut at Excel's cell limit, and text
that a spreadsheet would read as a formula when edited (``=``, ``+``, ``-``, ``@``, a tab or
line break first) gets the quote-prefix style, as if typed with a leading apostrophe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .safe_output import atomic_target

MAX_CELL_CHARS = 32767  # Excel's limit for the text of one cell
MAX_TITLE_CHARS = 31  # Excel's limit for a sheet title
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TITLE_UNSAFE = re.compile(r"[\\/?*\[\]:\x00-\x1f]")
_RESERVED_TITLES = frozenset({"history"})  # Excel keeps "History" for itself


def cell_text(value: str) -> str:
    """Return text a workbook can hold: no control characters, at most 32,767 characters."""
    return _ILLEGAL.sub("", value)[:MAX_CELL_CHARS]


def looks_like_formula(text: str) -> bool:
    """Tell whether a spreadsheet could take ``text`` for a formula (after leading spaces)."""
    return text.lstrip(" \u3000").startswith(FORMULA_LEADS) or text.startswith(FORMULA_LEADS)


def as_text(cell: Any) -> None:
    """Make a cell holding a string a plain text cell (never a formula)."""
    value = cell.value
    if not isinstance(value, str):
        return
    cleaned = cell_text(value)
    if cleaned != value:
        cell.value = cleaned
    cell.data_type = "s"
    if looks_like_formula(cleaned):
        cell.quotePrefix = True


def neutralise(book: Any) -> None:
    """Make every string cell of every sheet of ``book`` plain text."""
    for sheet in book.worksheets:
        for cell in list(sheet._cells.values()):  # only cells that exist; creates none
            if isinstance(cell.value, str):
                as_text(cell)


def put(sheet: Any, row: int, column: int, value: object) -> Any:
    """Write ``value`` to a cell (text cleaned and kept as text) and return the cell."""
    cell = sheet.cell(row=row, column=column)
    cell.value = cell_text(value) if isinstance(value, str) else value
    as_text(cell)
    return cell


def save_workbook(book: Any, path: Path) -> None:
    """Save ``book`` to ``path`` with all text as text, atomically (temp file, then rename)."""
    neutralise(book)
    with atomic_target(Path(path)) as temp:
        book.save(temp)


def safe_sheet_title(text: str, used: Iterable[str] = ()) -> str:
    """Return a valid, unused sheet title made from any text (unit or member name).

    Characters Excel refuses (``\\ / ? * [ ] :``) become ``_``, a leading or trailing
    apostrophe is dropped, the title is cut to 31 characters, an empty or reserved title
    becomes ``Sheet``-like text, and a clash with ``used`` gets ``(2)``, ``(3)`` ….
    """
    title = _TITLE_UNSAFE.sub("_", cell_text(text)).strip().strip("'").strip()
    if not title or title.casefold() in _RESERVED_TITLES:
        title = f"表_{title}" if title else "表"
    title = title[:MAX_TITLE_CHARS].rstrip("'")
    taken = {t.casefold() for t in used}
    candidate, n = title, 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f"({n})"
        candidate = title[: MAX_TITLE_CHARS - len(suffix)].rstrip("'") + suffix
    return candidate


def set_title(sheet: Any, text: str) -> str:
    """Give ``sheet`` a safe title made from ``text`` (unique within its workbook)."""
    book = sheet.parent
    others = [s.title for s in book.worksheets if s is not sheet] if book is not None else []
    sheet.title = safe_sheet_title(text, others)
    return str(sheet.title)
