"""Remittances (上缴): checking the form of dues handed up to the upper committee."""

from __future__ import annotations

from datetime import date

from ...domain.dues_records import RemittanceInput
from ...domain.errors import Problem


def check_remittance(data: RemittanceInput, today: date) -> list[Problem]:
    """Return the problems with a remittance form (amount, its 大额 part, the date)."""
    problems = []
    if data.amount_fen <= 0:
        problems.append(Problem("amount", "上缴金额", "应大于0"))
    if not 0 <= data.large_fen <= data.amount_fen:
        problems.append(Problem("large", "其中大额党费", "应在0与上缴金额之间"))
    if data.remitted_on > today:
        problems.append(Problem("remitted_on", "上缴日期", "不能晚于今天"))
    return problems
