"""Rule settings: every locally variable number of RULES.md, with its default.

Settings are stored per unit in the database (so a backup carries them); a unit without its
own value uses the default here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from .events import EventType
from .periods import PeriodKind

SettingKind = Literal["int", "period", "text"]


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One setting: its key, Chinese label, type, default, limits and where it comes from."""

    key: str
    label: str
    kind: SettingKind
    default: str
    basis: str
    minimum: int = 0
    maximum: int = 10_000
    group: str = "组织生活"


class FrequencyRule(StrEnum):
    """Stable ids of the meeting-frequency findings."""

    BRANCH_ASSEMBLY = "freq.branch_assembly"
    COMMITTEE = "freq.committee"
    GROUP_MEETING = "freq.group_meeting"
    PARTY_LECTURE = "freq.party_lecture"
    THEME_DAY = "freq.theme_day"
    LIFE_MEETING = "freq.life_meeting"
    EVALUATION = "freq.evaluation"
    HEART_TALK = "freq.heart_talk"


@dataclass(frozen=True, slots=True)
class FrequencySpec:
    rule: FrequencyRule
    event_type: EventType
    default_period: PeriodKind
    default_minimum: int
    basis: str
    per_group: bool = False


FREQUENCIES: tuple[FrequencySpec, ...] = (
    FrequencySpec(
        FrequencyRule.BRANCH_ASSEMBLY,
        EventType.BRANCH_ASSEMBLY,
        PeriodKind.QUARTER,
        1,
        "《中国共产党支部工作条例（试行）》",
    ),
    FrequencySpec(
        FrequencyRule.COMMITTEE,
        EventType.COMMITTEE,
        PeriodKind.MONTH,
        1,
        "《中国共产党支部工作条例（试行）》",
    ),
    FrequencySpec(
        FrequencyRule.GROUP_MEETING,
        EventType.GROUP_MEETING,
        PeriodKind.MONTH,
        1,
        "《中国共产党支部工作条例（试行）》",
        per_group=True,
    ),
    FrequencySpec(
        FrequencyRule.PARTY_LECTURE,
        EventType.PARTY_LECTURE,
        PeriodKind.QUARTER,
        1,
        "本地规定（默认每季度1次）",
    ),
    FrequencySpec(
        FrequencyRule.THEME_DAY,
        EventType.THEME_DAY,
        PeriodKind.MONTH,
        1,
        "《中国共产党支部工作条例（试行）》",
    ),
    FrequencySpec(
        FrequencyRule.LIFE_MEETING,
        EventType.LIFE_MEETING,
        PeriodKind.YEAR,
        1,
        "《中国共产党支部工作条例（试行）》",
    ),
    FrequencySpec(
        FrequencyRule.EVALUATION,
        EventType.EVALUATION,
        PeriodKind.YEAR,
        1,
        "《中国共产党支部工作条例（试行）》",
    ),
    FrequencySpec(
        FrequencyRule.HEART_TALK,
        EventType.HEART_TALK,
        PeriodKind.YEAR,
        1,
        "《中国共产党支部工作条例（试行）》",
    ),
)
FREQUENCY_BY_RULE = {spec.rule: spec for spec in FREQUENCIES}


def _frequency_settings() -> list[SettingSpec]:
    specs = []
    for spec in FREQUENCIES:
        name = spec.event_type.value
        specs.append(
            SettingSpec(
                f"{spec.rule.value}.period",
                f"{name}周期",
                "period",
                spec.default_period.value,
                spec.basis,
            )
        )
        specs.append(
            SettingSpec(
                f"{spec.rule.value}.minimum",
                f"{name}每周期最少次数",
                "int",
                str(spec.default_minimum),
                spec.basis,
                minimum=0,
                maximum=31,
            )
        )
    return specs


SETTINGS: tuple[SettingSpec, ...] = (
    *_frequency_settings(),
    SettingSpec(
        "theme_day.day_of_month",
        "主题党日固定日期（每月几日，0为不固定）",
        "int",
        "0",
        "本地规定",
        0,
        31,
    ),
    SettingSpec(
        "study.hours.member", "党员每年学习学时", "int", "32", "本地规定", 0, 500, "学习教育"
    ),
    SettingSpec(
        "study.hours.officer", "书记、支委每年学习学时", "int", "56", "本地规定", 0, 500, "学习教育"
    ),
    SettingSpec(
        "evaluation.excellent_percent",
        "民主评议“优秀”比例上限（%）",
        "int",
        "33",
        "本地规定",
        0,
        100,
        "组织生活",
    ),
)
SETTING_BY_KEY = {spec.key: spec for spec in SETTINGS}


def validate_setting(key: str, value: str) -> str:
    """Return the normalised value, or raise ValueError with a Chinese message."""
    spec = SETTING_BY_KEY.get(key)
    if spec is None:
        raise ValueError(f"未知的规则设置：{key}")
    text = value.strip()
    if spec.kind == "period":
        if text not in {k.value for k in PeriodKind}:
            labels = "、".join(f"{k.value}（{k.label}）" for k in PeriodKind)
            raise ValueError(f"{spec.label}应为：{labels}")
        return text
    if spec.kind == "int":
        if not text.lstrip("-").isdigit():
            raise ValueError(f"{spec.label}应为整数")
        number = int(text)
        if not spec.minimum <= number <= spec.maximum:
            raise ValueError(f"{spec.label}应在{spec.minimum}到{spec.maximum}之间")
        return str(number)
    return text


@dataclass(frozen=True, slots=True)
class RuleValues:
    """The effective settings of one unit: stored values over defaults."""

    values: dict[str, str]

    def text(self, key: str) -> str:
        return self.values.get(key, SETTING_BY_KEY[key].default)

    def number(self, key: str) -> int:
        return int(self.text(key))

    def period(self, key: str) -> PeriodKind:
        return PeriodKind(self.text(key))

    def frequency(self, rule: FrequencyRule) -> tuple[PeriodKind, int]:
        """Return the period and minimum count required for a frequency rule."""
        return self.period(f"{rule.value}.period"), self.number(f"{rule.value}.minimum")
