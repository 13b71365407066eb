"""Search keys for type-to-filter: name, pinyin initials and full pinyin."""

from __future__ import annotations

from functools import lru_cache
from itertools import islice, product

MAX_READINGS = 8


@lru_cache(maxsize=4096)
def pinyin_keys(name: str) -> tuple[str, ...]:
    """Return the name's pinyin initials and full spellings (all readings of polyphones, capped)."""
    from pypinyin import Style, pinyin  # imported lazily: its dictionaries take a moment to load

    initials = pinyin(name, style=Style.FIRST_LETTER, heteronym=True, errors="default")
    spelled = pinyin(name, style=Style.NORMAL, heteronym=True, errors="default")
    keys: list[str] = []
    for syllables in (initials, spelled):
        for combo in islice(product(*syllables), MAX_READINGS):
            keys.append("".join(combo).lower())
    return tuple(dict.fromkeys(keys))


def search_text(*parts: str) -> str:
    """Return one lower-case string to match typed filters against (parts separated by '|')."""
    return "|".join(p.lower() for p in parts if p)


def member_search_text(name: str, id_number: str) -> str:
    """Return the filter text for a member: name, ID and every pinyin key."""
    return search_text(name, id_number, *pinyin_keys(name))
