"""Reads shared within one build: each read is made once while a check, snapshot, summary or
archive build runs, however many of its parts ask for it.

A build opens ``shared_reads()``; inside it, ``shared(key, read)`` returns the first result
read under ``key`` (a tuple naming the read and its arguments). Outside a build every call
reads afresh, so screens always see the current records. A build writes nothing, so nothing it
shares can go stale while it runs. The scope is a context variable: a build on the GUI's worker
thread shares nothing with the GUI thread. Shared values are immutable records; a reader that
returns a list hands out a copy (``shared_list``), so a caller may change its own list freely.

A build makes tens of thousands of small records (attendance lines, dues month cells) and keeps
them until it ends; Python's cyclic garbage collector would walk them again at every few hundred
allocations (a third of a check's time at the 党委 size). It is paused while the outermost build
runs: reference counting still frees every record that is no longer used, and the collector
resumes (and catches up on any cycles) when the build ends.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("shared_reads", default=None)


@contextmanager
def shared_reads() -> Iterator[None]:
    """Share every read made in the block (a nested block joins the outer one)."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        _memo.reset(token)
        if collecting:
            gc.enable()


def sharing() -> bool:
    """Tell whether a build is sharing its reads (inside ``shared_reads``)."""
    return _memo.get() is not None


def shared(key: Hashable, read: Callable[[], T]) -> T:
    """Return ``read()``, made once per build under ``key`` (every time outside a build)."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]  # type: ignore[no-any-return]


def shared_list(key: Hashable, read: Callable[[], list[T]]) -> list[T]:
    """Like ``shared`` for a list: each caller gets its own copy of the shared one."""
    memo = _memo.get()
    if memo is None:
        return read()
    return list(shared(key, read))


def share(key: Hashable, value: Any) -> None:
    """Record ``value`` under ``key`` (a read made for many keys at once); no-op outside a build."""
    memo = _memo.get()
    if memo is not None:
        memo.setdefault(key, value)
