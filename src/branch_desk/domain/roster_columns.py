"""The columns of the roster, defined once: the 党员 table and the printed 党员名册 show them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from .members import MemberRecord

SEQ_HEADER = "序号"


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


ROSTER_COLUMNS: tuple[tuple[str, Callable[[MemberRecord], str]], ...] = (
    ("姓名", lambda m: m.name),
    ("性别", lambda m: m.gender.value),
    ("民族", lambda m: m.ethnicity),
    ("出生日期", lambda m: _day(m.birth_date)),
    ("身份证号", lambda m: m.id_number),
    ("学历", lambda m: m.education),
    ("人员类别", lambda m: m.category.value),
    ("党员类别", lambda m: m.party_status.value),
    ("入党时间", lambda m: _day(m.joined_on)),
    ("转正时间", lambda m: _day(m.full_member_on)),
    ("党小组", lambda m: m.group),
    ("联系电话", lambda m: m.phone),
    ("工作单位及职务", lambda m: m.work_unit),
    ("状态", lambda m: m.roster_status.value),
)
"""Every column after 序号: its header and the text of a member's cell (dates as 2019-07-01)."""

ROSTER_HEADERS: tuple[str, ...] = (SEQ_HEADER, *(header for header, _text in ROSTER_COLUMNS))
