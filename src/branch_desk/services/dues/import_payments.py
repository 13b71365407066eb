"""Reading a previous 收缴登记表 grid (members × 1月…12月 amounts paid) into payments."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from ...domain.dues_records import DuesMember, PaymentEntry
from ...domain.errors import UserError
from ...domain.money import yuan
from ...domain.text import squeeze
from ..sheets.cells import CellError
from ..sheets.reader import SheetRow, SheetTable, read_table
from .import_rows import (
    IDENTITY,
    DuesImportPreview,
    DuesImportRow,
    MemberFinder,
    RowCheck,
    finish_preview,
    money_cell,
    row_name,
)
from .ledger import DuesMatrix, month_start, months_text

MONTH_ALIASES = {f"m{m}": (f"{m}月", f"{m}月份", f"{m}月实交") for m in range(1, 13)}
PAYMENT_ALIASES = {**IDENTITY, **MONTH_ALIASES}
SKIP_CELLS = frozenset({"免", "免交", "—", "-", "－", "/", "不在册"})


def read_grid(path: Path) -> tuple[SheetTable, list[str]]:
    """The grid's table and its month columns (m1 … m12) found in the file."""
    table = read_table(Path(path), PAYMENT_ALIASES, min_matches=2)
    months = [k for k in MONTH_ALIASES if k in table.headers]
    if not months:
        raise UserError("收缴登记表须有“1月”至“12月”的列")
    return table, months


class GridReader:
    """Turn the rows of a 收缴登记表 into the months each member would be recorded as paid."""

    def __init__(self, year: int, members: MemberFinder, matrix: DuesMatrix, today: date) -> None:
        self.year = year
        self.members = members
        self.matrix = matrix
        self.today = today
        self.seen: dict[int, int] = {}

    def preview(self, path: Path, table: SheetTable, months: list[str]) -> DuesImportPreview:
        """The preview of every row of the grid; writes nothing."""
        rows = [self._row(table, line, months) for line in table.rows]
        return finish_preview(Path(path), self.year, table, rows)

    def _row(self, table: SheetTable, line: SheetRow, months: list[str]) -> DuesImportRow:
        values = dict(line.values)
        check = RowCheck(table, line.number, [])
        member = self.members.find(check, values)
        if member is not None:
            if member.id in self.seen:
                check.fail("name", "姓名", f"与第{self.seen[member.id]}行重复")
            self.seen.setdefault(member.id, line.number)
        paid: list[tuple[int, int]] = []
        for key in months:
            found = self._month(check, key, line.values.get(key), member)
            if found is not None:
                paid.append(found)
        return DuesImportRow(
            line.number,
            row_name(member, values),
            "新增" if paid else "无变化",
            member.id if member else None,
            tuple(check.problems),
            tuple(paid),
            months=months_text([index for index, _ in paid]),
            amount_fen=sum(amount for _, amount in paid),
        )

    def _month(
        self, check: RowCheck, key: str, value: Any, member: DuesMember | None
    ) -> tuple[int, int] | None:
        """(month index, amount) to record from one month cell, or None (problem noted)."""
        month = int(key[1:])

        def fail(message: str) -> None:
            check.fail(key, f"{month}月", message)

        if isinstance(value, str) and squeeze(value) in SKIP_CELLS:
            return None
        try:
            amount = money_cell(value)
        except CellError as exc:
            fail(str(exc))
            return None
        if amount is not None and amount < 0:
            fail("金额不能为负；缴费有误请在程序中冲销")
            return None
        if not amount or member is None:
            return None
        index = self.year * 12 + month - 1
        cell = self.matrix.cells.get(member.id, {}).get(index)
        if month_start(index) > self.today:
            fail("该月尚未到，不能登记为已交")
        elif cell is None or not cell.owed:
            fail("该党员当月不在本支部名册中")
        elif cell.paid_fen and cell.paid_fen != amount:
            fail(
                f"该月已登记缴费{yuan(cell.paid_fen)}元，与表中{yuan(amount)}元不符，请先冲销原记录"
            )
        elif not cell.paid_fen:
            return index, amount
        return None


def grid_entries(preview: DuesImportPreview, now: datetime) -> list[PaymentEntry]:
    """One payment per member and month of the previewed grid, dated the 15th (or today)."""
    entries = []
    for row in preview.rows:
        if row.member_id is None:
            continue
        for index, amount in row.payload:
            start = month_start(index)
            entries.append(
                PaymentEntry(
                    member_id=row.member_id,
                    paid_on=min(start.replace(day=15), now.date()),
                    amount_fen=amount,
                    extra_fen=0,
                    months=((start, amount),),
                    method="其他",
                    collector="",
                    note="收缴登记表导入",
                )
            )
    return entries
