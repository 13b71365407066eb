"""Column widths from the widest value, so that amounts never wrap on screen or on paper.

Widths are in Excel character units at 10 pt (a digit is one unit, a CJK character about 1.8).
The dues workbooks size their money columns with :func:`fit_widths`; the 党费 grid measures
:func:`widest` with its own font.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from math import ceil
from unicodedata import east_asian_width

CJK_UNITS = 1.8
PADDING = 1.6  # cell margins and the grid line, in character units


def text_units(text: str) -> float:
    """Width of ``text`` (its longest line) in Excel character units at 10 pt."""
    return max(
        (
            sum(CJK_UNITS if east_asian_width(ch) in "WF" else 1.0 for ch in line)
            for line in text.split("\n")
        ),
        default=0.0,
    )


def widest(texts: Iterable[str]) -> str:
    """Return the text that needs the most room (the first of equals); '' for none."""
    best, width = "", -1.0
    for text in texts:
        units = text_units(text)
        if units > width:
            best, width = text, units
    return best


def fit_widths(
    columns: Sequence[Iterable[str]], base: Sequence[float], nowrap: Iterable[int]
) -> tuple[float, ...]:
    """Widen each ``nowrap`` column to its widest text plus padding (never below ``base``).

    ``columns[i]`` holds the texts of column ``i``; other columns keep their base width (their
    text may wrap).
    """
    keep = set(nowrap)
    widths = []
    for i, start in enumerate(base):
        if i in keep:
            need = text_units(widest(columns[i])) + PADDING
            widths.append(max(start, ceil(need * 2) / 2))  # halves: exact in binary
        else:
            widths.append(start)
    return tuple(widths)
