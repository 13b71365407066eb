"""The exchange file's rows made by SQLite (storage/repositories/exchange_json.py) are the text
the Python conversion writes; a value not in its stored form falls back to Python."""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path

from sqlalchemy import text

from branch_desk.services.app import BranchDesk
from branch_desk.services.data.exchange_file import dumps
from branch_desk.services.demo.branch import fill_demo
from branch_desk.storage.repositories.exchange_json import json_rows


def lines(text_: str) -> list[str]:
    return [line for line in text_.splitlines() if '"exported_at"' not in line]


def test_sqlite_escapes_every_code_point_as_python_does(desk: BranchDesk) -> None:
    chars = [chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF]
    with desk.db.session(audited=False) as s:
        connection = s.connection().connection.driver_connection
        for start in range(0, len(chars), 8192):
            value = "".join(chars[start : start + 8192])
            made = connection.execute("SELECT json_object('k', ?)", (value,)).fetchone()[0]
            assert made == '{"k":' + encode_basestring(value) + "}"


def test_the_file_is_the_python_conversion_text(empty_desk: BranchDesk, tmp_path: Path) -> None:
    fill_demo(empty_desk, seed=5)
    with empty_desk.db.session(audited=False) as s:
        assert json_rows(s, "audit_log") is not None  # the SQLite path is taken
    path = tmp_path / "x.json"
    empty_desk.exchange.export_data(path)
    expected = dumps(empty_desk.exchange.export_document())
    assert lines(path.read_text(encoding="utf-8")) == lines(expected)


def test_a_value_in_another_form_is_converted_in_python(
    empty_desk: BranchDesk, tmp_path: Path
) -> None:
    fill_demo(empty_desk, seed=5)
    with empty_desk.db.session(audited=False) as s:
        s.execute(text("UPDATE audit_log SET at = '2026-01-02 03:04:05' WHERE id = 1"))
        s.execute(text("UPDATE members SET joined_on = '2020-02-30' WHERE id = 1"))
    with empty_desk.db.session(audited=False) as s:
        assert json_rows(s, "audit_log") is None
        assert json_rows(s, "members") is None
        assert json_rows(s, "events") is not None
    with empty_desk.db.session(audited=False) as s:
        s.execute(text("UPDATE members SET joined_on = '2020-02-29' WHERE id = 1"))
    path = tmp_path / "x.json"
    empty_desk.exchange.export_data(path)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["audit_log"][0]["at"] == "2026-01-02T03:04:05"
    expected = dumps(empty_desk.exchange.export_document())
    assert lines(path.read_text(encoding="utf-8")) == lines(expected)


def test_each_distinct_date_or_time_value_is_checked(empty_desk: BranchDesk) -> None:
    """Date and time columns are checked once per distinct value: a bad one among many good
    rows (an integer, an hour 24, a month 13, a time in a day column) still refuses the table."""
    fill_demo(empty_desk, seed=5)
    bad = [
        "UPDATE events SET start_time = '24:00:00.000000' WHERE id = 2",
        "UPDATE events SET day = 20200101 WHERE id = 2",
        "UPDATE events SET day = '2020-13-01' WHERE id = 2",
        "UPDATE events SET updated_at = '2020-01-01 12:00:60.000000' WHERE id = 2",
    ]
    for statement in bad:
        with empty_desk.db.session(audited=False) as s:
            good = s.execute(text("SELECT day, start_time, updated_at FROM events WHERE id = 2"))
            day, start, updated = good.one()
            s.execute(text(statement))
        with empty_desk.db.session(audited=False) as s:
            assert json_rows(s, "events") is None, statement
            s.execute(
                text("UPDATE events SET day = :d, start_time = :t, updated_at = :u WHERE id = 2"),
                {"d": day, "t": start, "u": updated},
            )
        with empty_desk.db.session(audited=False) as s:
            assert json_rows(s, "events") is not None
