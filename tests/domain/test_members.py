from datetime import date

from branch_desk.domain.members import (
    Gender,
    MemberInput,
    PartyStatus,
    normalise_member,
    validate_member,
)
from tests.conftest import member_input

TODAY = date(2026, 11, 20)


def problems(data: MemberInput) -> dict[str, str]:
    return {
        p.field: p.message for p in validate_member(normalise_member(data), TODAY) if p.is_error
    }


def warnings(data: MemberInput) -> dict[str, str]:
    return {
        p.field: p.message for p in validate_member(normalise_member(data), TODAY) if not p.is_error
    }


def test_valid_member_has_no_problem():
    assert problems(member_input()) == {}
    assert warnings(member_input()) == {}


def test_gender_and_birth_date_are_filled_from_the_id():
    data = normalise_member(member_input(gender=None, birth_date=None))
    assert data.gender is Gender.MALE
    assert data.birth_date == date(1990, 3, 7)


def test_birth_date_and_gender_must_agree_with_the_id():
    found = problems(member_input(gender=Gender.FEMALE, birth_date=date(1990, 3, 8)))
    assert "与身份证号不符（身份证号显示为1990-03-07）" in found["birth_date"]
    assert "身份证号显示为男" in found["gender"]


def test_bad_id_is_named():
    assert "校验位错误" in problems(member_input(id_number="110101199003071234"))["id_number"]


def test_without_id_birth_date_is_required():
    found = problems(member_input(id_number="", birth_date=None, gender=Gender.MALE))
    assert found["birth_date"] == "未填身份证号时，出生日期必填"


def test_must_be_18_on_the_day_of_joining():
    assert "未满18周岁" in problems(member_input(joined_on=date(2008, 3, 6)))["joined_on"]
    assert "joined_on" not in problems(
        member_input(joined_on=date(2008, 3, 7), full_member_on=date(2009, 3, 7))
    )


def test_full_member_date_not_before_joining():
    found = problems(member_input(joined_on=date(2012, 6, 18), full_member_on=date(2012, 6, 17)))
    assert found["full_member_on"] == "不能早于入党时间"


def test_early_full_membership_is_a_warning():
    assert "预备期满" in warnings(member_input(full_member_on=date(2013, 1, 1)))["full_member_on"]


def test_probationary_member_has_no_full_member_date():
    found = problems(member_input(party_status=PartyStatus.PROBATIONARY))
    assert found["full_member_on"] == "预备党员不应填写转正时间"


def test_dates_in_the_future_are_refused():
    found = problems(member_input(joined_on=date(2027, 1, 1), full_member_on=None))
    assert found["joined_on"] == "不能晚于今天"


def test_phone_formats():
    assert "phone" not in problems(member_input(phone="138 0013 8000"))
    assert "phone" not in problems(member_input(phone="0731-84561234"))
    assert "phone" not in problems(member_input(phone="０７３１－８４５６１２３４"))
    assert "不是有效的手机号" in problems(member_input(phone="12345"))["phone"]


def test_name_rules():
    assert problems(member_input(name="  "))["name"] == "不能为空"
    assert "含有数字" in problems(member_input(name="张三2"))["name"]
    assert "name" not in problems(member_input(name="阿依古丽·买买提"))


def test_missing_category_and_party_status():
    found = problems(member_input(category=None, party_status=None))
    assert "人员类别" in found["category"]
    assert "正式党员或预备党员" in found["party_status"]
