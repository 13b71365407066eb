"""党费日: collect any month or range (补交), propose the months still owed, check every row.

The GUI lists one :class:`DayLine` per member, lets the secretary type what each handed over,
shows :meth:`DuesDayService.problem` on the row as it is typed and registers the good rows
with :meth:`DuesDayService.register` (one transaction; a row with a problem is never sent).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ...domain.dues import UNPAID_STATES, MonthState
from ...domain.dues_records import PaymentInput
from ...domain.errors import UserError
from ...domain.money import MoneyError, parse_yuan, yuan
from ...domain.rules.settings import RuleValues
from ..outcome import Area, Outcome, changed
from .ledger import MonthCell, month_index, month_start, months_text, runs
from .payments import check_payment
from .reports import DuesReports
from .service import DuesService

LOOK_BACK = 24  # months searched for older arrears beyond the 补交 limit


@dataclass(frozen=True, slots=True)
class DayLine:
    """One member's row: the months proposed for collection and what they still need (fen)."""

    member_id: int
    name: str
    months: tuple[tuple[int, int], ...]  # (month index, still to pay), oldest first
    paid_fen: int  # already paid for the chosen months
    unassessed: tuple[int, ...] = ()  # chosen months owed without an assessed base
    too_old: tuple[int, ...] = ()  # months still owed beyond the 补交 limit (not proposed)

    @property
    def due_fen(self) -> int:
        """Return what the proposed months still need."""
        return sum(due for _, due in self.months)

    @property
    def payable(self) -> bool:
        """Tell whether anything can be collected on this row."""
        return bool(self.months)

    @property
    def done(self) -> bool:
        """Tell whether the chosen months are paid in full (and all assessed)."""
        return not self.months and not self.unassessed

    def span(self) -> str:
        """Describe the proposed months, e.g. 2024年7月—12月、2025年1月."""
        return months_text([index for index, _ in self.months])


@dataclass(frozen=True, slots=True)
class DayEntry:
    """A row to register: its line and the amount handed over (fen)."""

    line: DayLine
    amount_fen: int


@dataclass
class DayResult:
    """What one 登记 saved: member names and the total (fen)."""

    saved: list[str] = field(default_factory=list)
    total_fen: int = 0


def _open(cell: MonthCell) -> int:
    if not cell.owed or cell.due_fen is None or cell.exempt:
        return 0
    return max(cell.due_fen - cell.paid_fen, 0)


class DuesDayService:
    """Plan, check and register a 党费日 for any month or range."""

    def __init__(self, reports: DuesReports, dues: DuesService) -> None:
        self.reports = reports
        self.dues = dues

    def lines(
        self, unit_id: int, first: date, last: date, paid_on: date, include_owed: bool = False
    ) -> list[DayLine]:
        """Return one line per member owing in the chosen months (exempt months left out).

        With ``include_owed``, earlier months still unpaid are proposed too, back to the
        补交 limit (``dues.backpay_months`` before the payment date); older ones are named.
        """
        start, end = month_index(first), month_index(last)
        if end < start:
            raise UserError("结束月份不能早于开始月份。")
        backpay = self.dues.settings.values(unit_id).number("dues.backpay_months")
        limit = month_index(paid_on) - backpay
        span_start = min(start, limit - LOOK_BACK) if include_owed else start
        facts, matrix = self.reports.matrix_span(unit_id, span_start, end, self.dues.today())
        found = []
        for f in facts:
            cells = matrix.member_cells(f.member_id)
            chosen = [c for c in cells if c.index >= start and c.owed and not c.exempt]
            earlier = [c for c in cells if c.index < start and c.state in UNPAID_STATES]
            if not include_owed:
                earlier = []
            if not chosen and not earlier:
                continue
            proposed = [c for c in earlier if c.index >= limit] + [c for c in chosen if _open(c)]
            found.append(
                DayLine(
                    f.member_id,
                    f.name,
                    tuple((c.index, _open(c)) for c in proposed),
                    sum(c.paid_fen for c in chosen),
                    tuple(c.index for c in chosen if c.state is MonthState.UNASSESSED),
                    tuple(c.index for c in earlier if c.index < limit),
                )
            )
        return found

    def problem(
        self,
        unit_id: int,
        line: DayLine,
        amount: str,
        paid_on: date,
        values: RuleValues | None = None,
    ) -> str:
        """Return what is wrong with collecting ``amount`` (yuan text) on this row, or ''.

        ``values`` are the unit's rule settings when the caller checks many rows at once (read
        here otherwise).
        """
        if line.unassessed:
            return f"{months_text(list(line.unassessed))}尚未核定党费基数，请先核定"
        if not line.payable:
            return ""
        try:
            amount_fen = parse_yuan(amount.strip())
        except MoneyError as exc:
            return f"金额有误：{exc}"
        if amount_fen < line.due_fen:
            short = yuan(line.due_fen - amount_fen)
            return f"少交{short}元：应交{yuan(line.due_fen)}元，实交{yuan(amount_fen)}元"
        values = values if values is not None else self.dues.settings.values(unit_id)
        indexes = [i for i, _ in line.months]
        data = PaymentInput(month_start(indexes[0]), month_start(indexes[-1]), amount_fen, paid_on)
        problems = check_payment(data, indexes[0], indexes[-1], self.dues.today(), values)
        return "；".join(p.message for p in problems if p.is_error)

    def register(
        self, entries: list[DayEntry], paid_on: date, method: str, collector: str
    ) -> Outcome[DayResult]:
        """Record every entry in one transaction (one payment per unbroken run of months).

        Each run gets what its months still need; anything above goes to the last run as a
        voluntary extra. A UserError names the member and nothing is saved.
        """
        items: list[tuple[int, PaymentInput]] = []
        for entry in entries:
            dues = dict(entry.line.months)
            pieces = runs(list(dues))
            if not pieces:
                raise UserError(f"{entry.line.name}：没有需要交纳的月份。")
            left = entry.amount_fen
            for n, run in enumerate(pieces):
                part = left if n == len(pieces) - 1 else sum(dues[i] for i in run)
                left -= part
                first, last = month_start(run[0]), month_start(run[-1])
                items.append(
                    (
                        entry.line.member_id,
                        PaymentInput(first, last, part, paid_on, method, collector),
                    )
                )
        self.dues.pay_many(items)
        result = DayResult([e.line.name for e in entries], sum(e.amount_fen for e in entries))
        return changed(result, Area.DUES)
