"""Names and hashes from hostile files: refused before any path is built from them."""

from __future__ import annotations

import hashlib

import pytest

from branch_desk.domain.safe_names import (
    UnsafeName,
    check_sha256,
    check_stored_name,
    safe_file_name,
    safe_member_name,
    safe_suffix,
)

GOOD_SHA = hashlib.sha256(b"x").hexdigest()


@pytest.mark.parametrize(
    "name",
    ["database.sqlite3", f"attachments/{GOOD_SHA[:2]}/{GOOD_SHA}", "manifest.json"],
)
def test_plain_member_names_pass(name: str) -> None:
    assert safe_member_name(name) == name


@pytest.mark.parametrize(
    "name",
    [
        "/etc/passwd",
        "C:/Windows/x",
        "C:x",
        "c:",
        "\\x",
        "\\\\server\\share\\x",
        "a\\..\\..\\x",
        "../x",
        "a/../../x",
        "a/..",
        "./a",
        "a//b",
        "a/",
        "a\x00b",
        "a\nb",
        "x" * 300,
        "CON",
        "attachments/nul.txt",
        "a./b",
        "a /b",
        "",
    ],
)
def test_every_absolute_drive_or_climbing_member_is_refused(name: str) -> None:
    with pytest.raises(UnsafeName, match=r"不安全的路径|无效的文件名"):
        safe_member_name(name)


def test_member_must_be_text() -> None:
    with pytest.raises(UnsafeName):
        safe_member_name(None)


@pytest.mark.parametrize(
    "value",
    [
        "../../../../../../etc/passwd",
        "/etc/passwd",
        "C:/x",
        "\\x",
        GOOD_SHA.upper(),
        GOOD_SHA[:-1],
        GOOD_SHA + "0",
        GOOD_SHA[:-1] + "\x00",
        "f" * 5000,
        64,
        None,
    ],
)
def test_hash_must_be_64_lowercase_hex(value: object) -> None:
    with pytest.raises(UnsafeName, match="不是有效的 SHA-256"):
        check_sha256(value, "stored_files[0].sha256")


def test_good_hash_passes() -> None:
    assert check_sha256(GOOD_SHA) == GOOD_SHA


@pytest.mark.parametrize(
    "name",
    [
        "../../pwned_open_copy.sh",
        "/etc/passwd",
        "C:x.pdf",
        "a\\b.pdf",
        "a\x00.pdf",
        "..",
        "",
        "  ",
        "x" * 256,
    ],
)
def test_stored_name_must_be_a_plain_base_name(name: str) -> None:
    with pytest.raises(UnsafeName):
        check_stored_name(name, "stored_files[0].original_name")


def test_stored_name_keeps_chinese_spaces_and_dots() -> None:
    assert check_stored_name("签到表 2026.05.01.pdf") == "签到表 2026.05.01.pdf"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("签到表.pdf", "签到表.pdf"),
        ("../../pwned_open_copy.sh", "pwned_open_copy.sh"),
        ("..\\..\\evil.BAT", "evil.bat"),
        ("C:evil.txt", "C_evil.txt"),
        ("..", "附件"),
        ("", "附件"),
        ("CON.txt", "_CON.txt"),
        ("a\x00b.pdf", "a_b.pdf"),
        ("报告.pdf/../../x", "x"),
        ("名单.exe%00.pdf", "名单.exe%00.pdf"),
        ("weird.ext with space", "weird.ext with space"),
    ],
)
def test_copy_names_are_safe_base_names(name: str, expected: str) -> None:
    assert safe_file_name(name, "附件") == expected


def test_copy_name_is_bounded_and_keeps_the_extension() -> None:
    made = safe_file_name("长" * 1000 + ".docx", "附件")
    assert len(made) <= 120 and made.endswith(".docx")


@pytest.mark.parametrize(
    ("name", "suffix"),
    [
        ("a.PDF", ".pdf"),
        ("a.tar.gz", ".gz"),
        (".bashrc", ""),
        ("a.p/df", ""),
        ("a.一", ""),
        ("noext", ""),
        ("a." + "x" * 11, ""),
    ],
)
def test_suffix_only_when_plain(name: str, suffix: str) -> None:
    assert safe_suffix(name) == suffix
