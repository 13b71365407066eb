"""Hostile exchange files: stored hashes and names checked on the way in, exit 1, nothing changed."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from branch_desk.__main__ import main
from branch_desk.domain.events import EventType
from branch_desk.domain.limits import MAX_FIELD_CHARS
from branch_desk.paths import AppPaths
from branch_desk.services.app import BranchDesk
from branch_desk.services.meetings.events import EventInput
from tests.conftest import FIXED_NOW, member_input

SECRET = b"root:x:0:0:root:/root:/bin/bash\n"
SCAN = b"%PDF-1.4 scan"
SCAN_SHA = hashlib.sha256(SCAN).hexdigest()


@pytest.fixture
def exported(desk: BranchDesk, branch_id: int, tmp_path: Path) -> dict[str, Any]:
    """An exchange document of 第一党支部 with one member and one attached scan."""
    desk.roster.add(branch_id, member_input(work_unit="单" * 5000))
    event = desk.events.add(branch_id, EventInput(EventType.STUDY, date(2026, 5, 1))).value
    scan = tmp_path / "签到表.pdf"
    scan.write_bytes(SCAN)
    desk.events.attach(event.id, scan, kind="签到表")
    return desk.exchange.export_document()


def run_import(tmp_path: Path, document: Any, capsys: pytest.CaptureFixture[str]) -> tuple:
    target = AppPaths.resolve(tmp_path / "target")
    source = tmp_path / "hostile.json"
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    source.write_text(text, encoding="utf-8")
    code = main(["--data-dir", str(target.data_dir), "import", "data", str(source)])
    err = capsys.readouterr().err
    return code, err, target


def assert_unchanged(target: AppPaths) -> None:
    with BranchDesk.open(target, automatic_backups=False) as desk:
        document = desk.exchange.export_document()
    assert all(not document[t] for t in ("org_units", "members", "stored_files", "events"))
    assert not [p for p in target.attachments_dir.rglob("*") if p.is_file()]


def _stored(value_key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document["stored_files"][0][value_key] = value

    return change


@pytest.mark.parametrize(
    "sha",
    [
        "../../../../../../etc/passwd",
        "/etc/passwd",
        "C:/Windows/win.ini",
        "\\x",
        "ab" + "\x00" * 62,
        SCAN_SHA.upper(),
        "f" * 5000,
    ],
)
def test_a_hash_that_is_not_a_sha256_is_refused(
    exported: dict[str, Any], tmp_path: Path, capsys, sha: str
) -> None:
    exported["stored_files"][0]["sha256"] = sha
    exported["stored_files"][0]["content"] = base64.b64encode(SECRET).decode()
    exported["stored_files"][0]["size"] = len(SECRET)
    code, err, target = run_import(tmp_path, exported, capsys)
    assert code == 1, err
    assert "stored_files[0].sha256 不是有效的 SHA-256" in err
    assert_unchanged(target)


def test_a_hash_without_content_is_checked_too(exported, tmp_path: Path, capsys) -> None:
    _stored("sha256", "../../../../../../etc/passwd")(exported)
    exported["stored_files"][0]["content"] = None
    code, err, target = run_import(tmp_path, exported, capsys)
    assert code == 1 and "不是有效的 SHA-256" in err
    assert_unchanged(target)


@pytest.mark.parametrize(
    "name",
    [
        "../../pwned_open_copy.sh",
        "/tmp/x.sh",
        "C:x.sh",
        "C:/x.sh",
        "\\x.sh",
        "a\x00.pdf",
        "",
        "长" * 300,
    ],
)
def test_a_stored_name_with_a_path_is_refused(exported, tmp_path: Path, capsys, name: str) -> None:
    _stored("original_name", name)(exported)
    code, err, target = run_import(tmp_path, exported, capsys)
    assert code == 1 and "stored_files[0].original_name" in err
    assert_unchanged(target)


def test_content_of_another_size_is_refused(exported, tmp_path: Path, capsys) -> None:
    _stored("size", 1)(exported)
    code, err, target = run_import(tmp_path, exported, capsys)
    assert code == 1 and "stored_files[0].size" in err
    assert_unchanged(target)


@pytest.mark.parametrize("version", [0, -1, -(10**20) // 10**19])
def test_unsupported_versions_are_refused(exported, tmp_path: Path, capsys, version: int) -> None:
    exported["version"] = version
    code, err, target = run_import(tmp_path, exported, capsys)
    assert code == 1 and f"交换文件版本 {version} 无效" in err
    assert_unchanged(target)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"format": "branch-desk-exchange", "version": 5, "members": '
            + "[" * 100_000
            + "]" * 100_000
            + "}",
            "嵌套过深",
        ),
        ('{"format": "branch-desk-exchange", "version": ' + "9" * 5000 + "}", "数字过长"),
        (
            '{"format": "branch-desk-exchange", "version": 5, "members": [{"id": '
            + "1" * 4000
            + "}]}",
            "数字过长",
        ),
        (
            '{"format": "branch-desk-exchange", "version": 5, "members": [{"id": 1.'
            + "1" * 5000
            + "}]}",
            "数字过长",
        ),
        (
            '{"format": "branch-desk-exchange", "version": 5, "members": {"id": 1}}',
            "members 应为数组",
        ),
        (
            '{"format": "branch-desk-exchange", "version": 5, "stored_files": "x"}',
            "stored_files 应为数组",
        ),
        (
            '{"format": "branch-desk-exchange", "version": 5, "stored_files": [5]}',
            "stored_files[0] 应为对象",
        ),
    ],
)
def test_malformed_json_is_exit_1_with_a_message(
    tmp_path: Path, capsys, text: str, message: str
) -> None:
    code, err, target = run_import(tmp_path, text, capsys)
    assert code == 1, err
    assert message in err and "内部错误" not in err
    assert_unchanged(target)


def test_a_5000_character_work_unit_survives_the_round_trip(
    exported, tmp_path: Path, capsys
) -> None:
    code, err, target = run_import(tmp_path, exported, capsys)
    assert (code, err) == (0, "")
    with BranchDesk.open(target, automatic_backups=False) as desk:
        member = desk.roster.list()[0]
        assert member.work_unit == "单" * 5000
        path = desk.files.path_of(SCAN_SHA)
        assert path.read_bytes() == SCAN


def test_a_one_megabyte_topic_is_refused(exported, tmp_path: Path, capsys) -> None:
    exported["events"][0]["title"] = "题" * 1_000_000
    code, err, target = run_import(tmp_path, exported, capsys)
    assert code == 1
    assert f"events[0].title 过长（1000000个字符，最多{MAX_FIELD_CHARS}个字符）" in err
    assert_unchanged(target)


def test_an_export_never_embeds_a_file_named_by_a_bad_hash(
    desk: BranchDesk, tmp_path: Path
) -> None:
    """A database poisoned before this check existed: the exported row carries no content."""
    from branch_desk.storage.models import StoredFile

    with desk.db.session(audited=False) as s:
        s.add(
            StoredFile(
                sha256="../../../../../../etc/passwd",
                size=1,
                original_name="a.txt",
                added_at=FIXED_NOW,
            )
        )
    document = desk.exchange.export_document()
    assert document["stored_files"][0]["content"] is None
