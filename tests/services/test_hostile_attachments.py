"""打开附件 with a hostile stored name: the copy stays inside its temp folder."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from branch_desk.domain.events import EventType
from branch_desk.domain.safe_names import UnsafeName
from branch_desk.services.app import BranchDesk
from branch_desk.services.data.attachments import prepare_open_copy
from branch_desk.services.meetings.events import EventInput
from branch_desk.storage.models import StoredFile

SCAN = b"#!/bin/sh\necho pwned\n"
SCAN_SHA = hashlib.sha256(SCAN).hexdigest()


def attach(desk: BranchDesk, branch_id: int, tmp_path: Path, stored_name: str) -> None:
    """Attach a file, then give its row the stored name a hostile exchange file carried."""
    event = desk.events.add(branch_id, EventInput(EventType.STUDY, date(2026, 5, 1))).value
    source = tmp_path / "讲稿.sh"
    source.write_bytes(SCAN)
    desk.events.attach(event.id, source, kind="讲稿")
    with desk.db.session(audited=False) as s:
        s.query(StoredFile).update({StoredFile.original_name: stored_name})


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("../../pwned_open_copy.sh", "pwned_open_copy.sh"),
        ("/tmp/pwned_open_copy.sh", "pwned_open_copy.sh"),
        ("..\\..\\pwned_open_copy.sh", "pwned_open_copy.sh"),
        ("C:pwned.sh", "C_pwned.sh"),
        ("..", f"{SCAN_SHA[:12]}"),
        ("讲稿.sh", "讲稿.sh"),
    ],
)
def test_open_copy_stays_in_its_folder(
    desk: BranchDesk, branch_id: int, tmp_path: Path, stored: str, expected: str
) -> None:
    attach(desk, branch_id, tmp_path, stored)
    temp_root = tmp_path / "deep" / "temp"
    temp_root.mkdir(parents=True)
    record = desk.events.attachments(desk.events.list(branch_id)[0].id)[0]
    copy = prepare_open_copy(desk.files, record.sha256, record.original_name, temp_root)
    assert copy == temp_root / f"branch-desk-{SCAN_SHA[:12]}" / expected
    assert copy.read_bytes() == SCAN
    assert (
        not list((tmp_path / "deep").glob("pwned*"))
        and not (tmp_path / "pwned_open_copy.sh").exists()
    )


def test_a_bad_stored_hash_is_refused_before_any_copy(desk: BranchDesk, tmp_path: Path) -> None:
    with pytest.raises(UnsafeName, match="SHA-256"):
        prepare_open_copy(desk.files, "../../../../etc/passwd", "a.txt", tmp_path)
    assert not list(tmp_path.glob("branch-desk-*"))


def test_attaching_a_file_with_a_backslash_stores_a_name_that_passes_import(
    desk: BranchDesk, branch_id: int, tmp_path: Path
) -> None:
    event = desk.events.add(branch_id, EventInput(EventType.STUDY, date(2026, 5, 1))).value
    source = tmp_path / "a\\b.pdf"
    source.write_bytes(SCAN)
    desk.events.attach(event.id, source, kind="讲稿")
    assert desk.events.attachments(event.id)[0].original_name == "a_b.pdf"
