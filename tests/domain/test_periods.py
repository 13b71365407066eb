from datetime import date

import pytest

from branch_desk.domain.periods import PeriodKind, period_of, periods_of_year
from branch_desk.domain.rules.ids import RuleId
from branch_desk.domain.rules.settings import RuleValues, validate_setting


def test_period_ids_and_names():
    q3 = period_of(date(2024, 8, 15), PeriodKind.QUARTER)
    assert (q3.id, q3.name, q3.start, q3.end) == (
        "2024-Q3",
        "2024年第三季度",
        date(2024, 7, 1),
        date(2024, 9, 30),
    )
    assert period_of(date(2024, 7, 1), PeriodKind.MONTH).id == "2024-07"
    assert period_of(date(2024, 12, 31), PeriodKind.HALF).name == "2024年下半年"
    assert period_of(date(2024, 2, 29), PeriodKind.YEAR).id == "2024"


def test_february_ends_on_the_leap_day():
    feb = periods_of_year(2024, PeriodKind.MONTH)[1]
    assert feb.end == date(2024, 2, 29) and feb.contains(date(2024, 2, 29))
    assert periods_of_year(2025, PeriodKind.MONTH)[1].end == date(2025, 2, 28)


def test_periods_cover_the_year_without_gaps():
    for kind in PeriodKind:
        periods = periods_of_year(2024, kind)
        assert periods[0].start == date(2024, 1, 1) and periods[-1].end == date(2024, 12, 31)
        assert len(periods) == 12 // kind.months


def test_settings_defaults_and_validation():
    values = RuleValues({})
    assert values.frequency(RuleId.FREQ_COMMITTEE) == (PeriodKind.MONTH, 1)
    assert values.frequency(RuleId.FREQ_PARTY_LECTURE) == (PeriodKind.QUARTER, 1)
    assert values.number("study.hours.officer") == 56
    assert validate_setting("freq.party_lecture.period", " half ") == "half"
    with pytest.raises(ValueError, match="周期应为"):
        validate_setting("freq.party_lecture.period", "weekly")
    with pytest.raises(ValueError, match="应在0到31之间"):
        validate_setting("freq.committee.minimum", "40")
    with pytest.raises(ValueError, match="未知的规则设置"):
        validate_setting("nope", "1")
