from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from branch_desk.domain.idcard import IdNumberError, check_char, mask_id_number, parse_id_number

# Example from GB 11643-1999 Annex: 11010519491231002X.
STANDARD_EXAMPLE = "11010519491231002X"


def test_standard_example_is_valid_and_decoded():
    parsed = parse_id_number(STANDARD_EXAMPLE)
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.gender == "女"
    assert parsed.region == "110105"


def test_lowercase_x_is_accepted_and_normalised():
    assert parse_id_number(" 11010519491231002x ").value == STANDARD_EXAMPLE


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1101051949123100", "应为18位"),
        ("11010519491231002Y", "前17位应为数字"),
        ("110105194912310021", "校验位错误（末位应为X）"),
        ("110105194902300025", "不是有效日期"),
    ],
)
def test_invalid_numbers_say_why(text: str, fragment: str):
    with pytest.raises(IdNumberError, match=fragment.replace("（", r"\（").replace("）", r"\）")):
        parse_id_number(text)


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31))


@given(region=st.integers(110000, 659999), born=days, serial=st.integers(0, 999))
def test_any_number_with_computed_check_char_parses(region: int, born: date, serial: int):
    first17 = f"{region}{born:%Y%m%d}{serial:03d}"
    parsed = parse_id_number(first17 + check_char(first17))
    assert parsed.birth_date == born
    assert parsed.gender == ("男" if serial % 2 else "女")


@given(region=st.integers(110000, 659999), born=days, serial=st.integers(0, 999), data=st.data())
def test_any_single_wrong_check_char_is_rejected(region, born, serial, data):
    first17 = f"{region}{born:%Y%m%d}{serial:03d}"
    right = check_char(first17)
    wrong = data.draw(st.sampled_from([c for c in "0123456789X" if c != right]))
    with pytest.raises(IdNumberError):
        parse_id_number(first17 + wrong)


@given(
    region=st.integers(110000, 659999),
    born=days,
    serial=st.integers(0, 999),
    pos=st.integers(0, 16),
)
def test_a_changed_digit_breaks_the_check(region, born, serial, pos):
    first17 = f"{region}{born:%Y%m%d}{serial:03d}"
    number = first17 + check_char(first17)
    digit = (int(number[pos]) + 1) % 10
    changed = number[:pos] + str(digit) + number[pos + 1 :]
    with pytest.raises(IdNumberError):
        parse_id_number(changed)


def test_mask_keeps_only_the_region_code():
    assert mask_id_number(STANDARD_EXAMPLE) == STANDARD_EXAMPLE[:6] + "*" * 12


def test_future_birth_dates_are_left_to_the_member_rules():
    born = date.today() + timedelta(days=1)
    first17 = f"110105{born:%Y%m%d}001"
    assert parse_id_number(first17 + check_char(first17)).birth_date == born
