"""Build small .xlsx files for import tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook


def write_sheet(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    preamble: Sequence[Sequence[Any]] = (),
    sheet_name: str = "Sheet1",
) -> Path:
    """Write ``preamble`` rows (titles), then the header, then the data rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name
    for line in preamble:
        sheet.append(list(line))
    sheet.append(list(header))
    for line in rows:
        sheet.append(list(line))
    book.save(path)
    return path
