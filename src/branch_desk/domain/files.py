"""Files kept once under the data dir by their SHA-256, however often they are attached."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StoredFileRecord:
    """One stored file: its hash (the name of the file under attachments/), size and name."""

    id: int
    sha256: str
    size: int
    original_name: str
