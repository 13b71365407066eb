"""Checking a candidate's identity and placement before it is stored (form or import row)."""

from __future__ import annotations

from datetime import date

from ...domain.candidate_records import CandidateInput
from ...domain.errors import Problem, ValidationFailed
from ...domain.idcard import IdNumberError, parse_id_number
from ...domain.members import Gender
from ...domain.text import as_typed, clean
from ...storage.repositories import Session
from ...storage.repositories import candidates as repo
from ...storage.repositories.units import group_ids_by_name


def checked_input(
    s: Session, unit_id: int, data: CandidateInput, candidate_id: int | None
) -> CandidateInput:
    """Return ``data`` cleaned, gender and birth date taken from the 身份证号 when left blank.

    ValidationFailed names every problem: no name, an invalid 身份证号 or one another candidate
    has, gender or birth date missing or not matching the number, an unknown 党小组.
    """
    problems: list[Problem] = []
    name = clean(data.name)
    gender, birth = data.gender, data.birth_date
    id_text = clean(data.id_number).replace(" ", "").upper()
    if not name:
        problems.append(Problem("name", "姓名", "不能为空"))
    if id_text:
        gender, birth = _check_id_number(s, id_text, gender, birth, candidate_id, problems)
    if gender is None:
        problems.append(Problem("gender", "性别", "请填写性别（男/女）"))
    if birth is None:
        problems.append(Problem("birth_date", "出生日期", "未填身份证号时，出生日期必填"))
    if data.group and clean(data.group) not in group_ids_by_name(s, unit_id):
        problems.append(Problem("group", "党小组", f"“{clean(data.group)}”不存在"))
    if problems:
        raise ValidationFailed(problems)
    return CandidateInput(
        name,
        gender,
        birth,
        id_text,
        clean(data.ethnicity),
        clean(data.education),
        data.category,
        clean(data.phone).replace(" ", ""),
        as_typed(data.work_unit),
        clean(data.group),
        data.notes.strip(),
    )


def group_id(s: Session, unit_id: int, data: CandidateInput) -> int | None:
    """The id of the candidate's 党小组 (None when none is named)."""
    return group_ids_by_name(s, unit_id).get(data.group) if data.group else None


def _check_id_number(
    s: Session,
    id_text: str,
    gender: Gender | None,
    birth: date | None,
    candidate_id: int | None,
    problems: list[Problem],
) -> tuple[Gender | None, date | None]:
    """Check the 身份证号 against gender and birth date (filling them when blank)."""
    try:
        parsed = parse_id_number(id_text)
    except IdNumberError as exc:
        problems.append(Problem("id_number", "身份证号", f"“{id_text}”无效：{exc}"))
        return gender, birth
    gender = gender or Gender(parsed.gender)
    birth = birth or parsed.birth_date
    if birth != parsed.birth_date:
        shown = parsed.birth_date.isoformat()
        problems.append(
            Problem("birth_date", "出生日期", f"与身份证号不符（身份证号显示为{shown}）")
        )
    if gender != parsed.gender:
        problems.append(
            Problem("gender", "性别", f"与身份证号不符（身份证号显示为{parsed.gender}）")
        )
    clash = repo.id_number_owner(s, parsed.value, candidate_id)
    if clash is not None:
        problems.append(Problem("id_number", "身份证号", f"与已有发展对象“{clash}”重复"))
    return gender, birth
