"""The dues import preview table: each row's base, rate and monthly due, or months and amount.

The shared import preview model (ui/widgets/import_preview.py) with the dues columns;
amounts are right-aligned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...domain.money import yuan_grouped
from ...services.dues.import_rows import DuesImportPreview, DuesImportRow
from ..widgets.import_preview import (
    ACTION_COLUMN,
    NAME_COLUMN,
    PROBLEMS_COLUMN,
    ROW_COLUMN,
    ImportPreviewModel,
)
from ..widgets.record_table import RIGHT, Column


def totals_text(preview: DuesImportPreview, bases: bool) -> str:
    """Return the totals line of a preview (rows with errors left out)."""
    good = [r for r in preview.rows if r.ok]
    if bases:
        return f"合计：{len(good)}人，月应交合计 {yuan_grouped(preview.total_monthly_fen)} 元"
    payers = sum(1 for r in good if r.amount_fen)
    return f"合计：{payers}人，实交合计 {yuan_grouped(preview.total_amount_fen)} 元"


def _money(fen: int | None) -> str:
    return yuan_grouped(fen) if fen is not None else ""


def _money_column(header: str, fen: Callable[[DuesImportRow], int | None]) -> Column[Any]:
    return Column(
        header, lambda item: _money(fen(item)), sort=lambda item: fen(item) or 0, align=RIGHT
    )


BASE_COLUMNS: tuple[Column[Any], ...] = (
    ROW_COLUMN,
    NAME_COLUMN,
    ACTION_COLUMN,
    Column("党费类别", lambda item: item.category),
    _money_column("月基数（元）", lambda item: item.base_fen),
    Column("比例", lambda item: item.rate),
    _money_column("月应交（元）", lambda item: item.monthly_due_fen),
    PROBLEMS_COLUMN,
)
PAYMENT_COLUMNS: tuple[Column[Any], ...] = (
    ROW_COLUMN,
    NAME_COLUMN,
    ACTION_COLUMN,
    Column("所交月份", lambda item: item.months),
    _money_column("实交（元）", lambda item: item.amount_fen or None),
    PROBLEMS_COLUMN,
)


class DuesPreviewModel(ImportPreviewModel):
    """One row per row of a bases sheet: what it would assess, and its problems."""

    columns = BASE_COLUMNS


class PaymentsPreviewModel(DuesPreviewModel):
    """One row per member of a 收缴登记表: the months and amount it would record."""

    columns = PAYMENT_COLUMNS
