from datetime import date, datetime

import pytest

from branch_desk.domain.dates import add_months, add_years, age_on
from branch_desk.domain.text import (
    DateParseError,
    clean,
    excel_serial_to_date,
    format_date,
    parse_date_value,
)


@pytest.mark.parametrize(
    "text",
    [
        "2019-7-1",
        "2019.07.01",
        "2019/7/1",
        "2019年7月1日",
        " 2019 年 7 月 1 日 ",
        "20190701",
        "２０１９－０７－０１",
        "2019．7．1",
        "2019年7月1号",
    ],
)
def test_text_dates_secretaries_write(text: str):
    assert parse_date_value(text) == date(2019, 7, 1)


def test_excel_cells_and_serials():
    assert parse_date_value(datetime(2019, 7, 1, 0, 0)) == date(2019, 7, 1)
    assert parse_date_value(43647) == date(2019, 7, 1)
    assert parse_date_value("43647") == date(2019, 7, 1)
    assert excel_serial_to_date(1) == date(1900, 1, 1)
    assert excel_serial_to_date(61) == date(1900, 3, 1)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2019-7", "缺少日"),
        ("2019年7月", "缺少日"),
        ("2019-02-30", "不是有效日期"),
        ("七月一日", "无法识别"),
        (43647.5, "不是有效的Excel日期"),
        (-3, "不是有效的Excel日期"),
    ],
)
def test_unreadable_dates_say_why(value: object, fragment: str):
    with pytest.raises(DateParseError, match=fragment):
        parse_date_value(value)


def test_blank_is_no_date():
    assert parse_date_value(None) is None
    assert parse_date_value("   ") is None


def test_clean_folds_fullwidth_and_spaces():
    assert clean("　张　三 ") == "张 三"
    assert clean("１３８００１３８０００") == "13800138000"


def test_chinese_date_format_has_no_leading_zeros():
    assert format_date(date(2024, 6, 5)) == "2024年6月5日"


def test_month_arithmetic_clamps_to_month_end():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_age_turns_on_the_birthday():
    assert age_on(date(2000, 7, 1), date(2018, 6, 30)) == 17
    assert age_on(date(2000, 7, 1), date(2018, 7, 1)) == 18
