"""An import's column-at-a-time check (services/data/exchange_columns.py) gives the values the
row-by-row check gives, and leaves every fault to the row-by-row check, which names it."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from branch_desk.services.app import BranchDesk
from branch_desk.services.data import exchange_rows
from branch_desk.services.data.exchange import ExchangeError, table_names
from branch_desk.services.demo.branch import fill_demo


@pytest.fixture
def document(empty_desk: BranchDesk) -> dict[str, Any]:
    fill_demo(empty_desk, seed=5)
    return empty_desk.exchange.export_document()


def one_by_one(table: str, document: dict[str, Any]) -> list[list[Any]]:
    rows = exchange_rows._rows_one_by_one(table, document[table])
    return [[row[c.key] for row in rows] for c in exchange_rows._column_checks(table)]


def test_columns_match_the_row_by_row_values(document: dict[str, Any]) -> None:
    for table in table_names():
        assert [list(c) for c in exchange_rows.rows_from_json(table, document)] == one_by_one(
            table, document
        ), table


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda rows: rows[3].update(status="迟到"), "attendance[3].status 的值“迟到”无效"),
        (lambda rows: rows[5].update(member_id="7"), "attendance[5].member_id 应为整数"),
        (lambda rows: rows[2].update(id=rows[1]["id"]), "attendance[2].id 重复"),
        (lambda rows: rows[4].update(extra=1), "attendance[4] 含有未知字段：extra"),
        (lambda rows: rows[6].update(event_id=None), "attendance[6].event_id 不能为空"),
        (lambda rows: rows[1].update(member_id=2**63), "attendance[1].member_id 应为整数"),
    ],
)
def test_a_fault_is_named_by_the_row_by_row_check(
    document: dict[str, Any], change: Any, message: str
) -> None:
    changed = copy.deepcopy(document)
    change(changed["attendance"])
    with pytest.raises(ExchangeError, match=re.escape(message)):
        exchange_rows.rows_from_json("attendance", changed)
