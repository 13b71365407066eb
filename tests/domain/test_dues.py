from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from branch_desk.domain.dues import (
    OFFICIAL,
    BasePart,
    DuesCategory,
    PartKind,
    Reduction,
    base_from_parts,
    calculate,
)
from branch_desk.domain.money import MoneyError, apply_rate, parse_yuan, yuan
from branch_desk.domain.rules.settings import RuleValues, parse_brackets


@pytest.mark.parametrize(
    ("category", "base", "due"),
    [
        (DuesCategory.EMPLOYED, "3000.00", "15.00"),
        (DuesCategory.EMPLOYED, "3000.01", "30.00"),
        (DuesCategory.EMPLOYED, "5000", "50.00"),
        (DuesCategory.EMPLOYED, "5000.01", "75.00"),
        (DuesCategory.EMPLOYED, "10000", "150.00"),
        (DuesCategory.EMPLOYED, "10000.01", "200.00"),
        (DuesCategory.RETIRED, "5000", "25.00"),
        (DuesCategory.RETIRED, "5000.01", "50.00"),
        (DuesCategory.STUDENT, "0", "0.20"),
        (DuesCategory.UNEMPLOYED, "0", "0.20"),
        (DuesCategory.WELFARE, "0", "0.20"),
        (DuesCategory.FARMER, "0", "0.50"),
        (DuesCategory.ANNUAL_SALARY, "245000", "1000.00"),
    ],
)
def test_rules_cases(category: DuesCategory, base: str, due: str):
    assert yuan(calculate(category, parse_yuan(base)).monthly_due_fen) == due


def test_flat_not_marginal():
    # marginal would give 3000×0.5% + 1800×1% = 33.00; the whole base at 1% is 48.00
    calc = calculate(DuesCategory.EMPLOYED, parse_yuan("4800"))
    assert calc.monthly_due_fen == 4800
    assert calc.explanation == "税后工资 4,800.00 元，适用 1%，月应交 48.00 元"


def test_cap_is_explained():
    calc = calculate(DuesCategory.ANNUAL_SALARY, parse_yuan("245000"))
    assert "计算得 4,900.00 元，按上限 1,000.00 元" in calc.explanation


def test_half_up_rounding_to_the_fen():
    assert apply_rate(123_45, 50) == 62  # 0.61725 元 → 0.62
    assert apply_rate(123_45, 50, "down") == 61
    assert yuan(calculate(DuesCategory.EMPLOYED, parse_yuan("2999.99")).monthly_due_fen) == "15.00"


def test_relief_needs_its_reference_in_words():
    exempt = calculate(
        DuesCategory.RETIRED,
        parse_yuan("2000"),
        reduction=Reduction.EXEMPT,
        approval_ref="党委〔2026〕3号",
    )
    assert exempt.monthly_due_fen == 0 and "经批准免交（党委〔2026〕3号）" in exempt.explanation
    reduced = calculate(
        DuesCategory.EMPLOYED,
        parse_yuan("6000"),
        reduction=Reduction.REDUCED,
        reduced_fen=1000,
        approval_ref="X",
    )
    assert reduced.monthly_due_fen == 1000


def test_base_from_pay_slip_parts():
    parts = (
        BasePart("基本工资", 500_000, PartKind.INCLUDED),
        BasePart("基础性绩效", 120_000, PartKind.INCLUDED),
        BasePart("个人所得税", 12_000, PartKind.DEDUCTED),
        BasePart("五险一金", 60_000, PartKind.DEDUCTED),
        BasePart("住房补贴", 80_000, PartKind.EXCLUDED),
    )
    assert base_from_parts(parts) == 548_000


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("4800", 480000),
        ("4,800.50", 480050),
        ("４８００元", 480000),
        ("0.2", 20),
        (48.5, 4850),
        (45, 4500),
    ],
)
def test_parse_yuan(text: object, fen: int):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize("text", ["abc", "4800.505", "", "1e3"])
def test_parse_yuan_rejects(text: str):
    with pytest.raises(MoneyError):
        parse_yuan(text)


@given(st.integers(min_value=0, max_value=100_000_000_00))
def test_rate_never_exceeds_cap_and_is_monotonic_within_bracket(base: int):
    due = calculate(DuesCategory.EMPLOYED, base).monthly_due_fen
    assert 0 <= due <= OFFICIAL.cap_fen
    exact = Decimal(base) * Decimal(calculate(DuesCategory.EMPLOYED, base).rate_bp or 0) / 10000
    assert due == min(int(exact.quantize(Decimal(1), rounding="ROUND_HALF_UP")), OFFICIAL.cap_fen)


def test_rule_settings_change_the_tables():
    values = RuleValues({"dues.brackets.employed": "4000:0.5,*:1", "dues.fixed.farmer": "1.00"})
    rules = values.dues_rules()
    assert calculate(DuesCategory.EMPLOYED, parse_yuan("4000"), rules).monthly_due_fen == 2000
    assert calculate(DuesCategory.FARMER, 0, rules).monthly_due_fen == 100
    assert parse_brackets("3000:0.5,*:2")[0].rate_bp == 50


@pytest.mark.parametrize("value", [10**9, "100000000.01", -(10**9)])
def test_an_amount_over_one_hundred_million_yuan_is_refused(value: object):
    with pytest.raises(MoneyError, match="金额过大"):
        parse_yuan(value)
    assert parse_yuan("100000000") == 10_000_000_000
