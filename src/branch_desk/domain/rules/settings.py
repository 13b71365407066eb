"""Rule settings: every locally variable number of the rules, with its default.

Settings are stored per unit in the database (so a backup carries them); a unit without its
own value uses the default here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from ..dues import Bracket, DuesRules
from ..money import MoneyError, parse_yuan, yuan
from ..periods import PeriodKind
from .development_types import DevSettings
from .frequency import FREQUENCIES
from .ids import RuleId

SettingKind = Literal["int", "period", "text", "money", "brackets", "rounding"]


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
        "study.minutes_per_hour",
        "每学时分钟数（导入台账时按起止时间折算学时）",
        "int",
        "60",
        "本地规定",
        1,
        240,
        "学习教育",
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
    *(
        SettingSpec(key, label, kind, default, basis, low, high, "党费")  # type: ignore[arg-type]
        for key, label, kind, default, basis, low, high in (
            (
                "dues.brackets.employed",
                "在职党员党费比例（元:百分比，上限含本数）",
                "brackets",
                "3000:0.5,5000:1,10000:1.5,*:2",
                "中组发〔2008〕3号",
                0,
                0,
            ),
            (
                "dues.brackets.retired",
                "离退休党员党费比例（元:百分比，上限含本数）",
                "brackets",
                "5000:0.5,*:1",
                "中组发〔2008〕3号",
                0,
                0,
            ),
            (
                "dues.fixed.farmer",
                "农民党员每月党费（元，0.2至1元）",
                "money",
                "0.50",
                "中组发〔2008〕3号，具体标准本地规定",
                20,
                100,
            ),
            (
                "dues.fixed.student",
                "学生、下岗失业党员每月党费（元）",
                "money",
                "0.20",
                "中组发〔2008〕3号",
                0,
                10_000,
            ),
            (
                "dues.fixed.welfare",
                "低保、抚恤救济党员每月党费（元）",
                "money",
                "0.20",
                "中组发〔2008〕3号",
                0,
                10_000,
            ),
            (
                "dues.cap",
                "每月党费上限（元）",
                "money",
                "1000.00",
                "组电明字〔2017〕5号",
                0,
                100_000_000,
            ),
            ("dues.rounding", "党费计算取整方式", "rounding", "half_up", "本系统约定", 0, 0),
            ("dues.backpay_months", "补交最多月数", "int", "6", "本地规定", 0, 120),
            ("dues.prepay_months", "预交最多月数", "int", "6", "本地规定", 0, 24),
            (
                "dues.large_amount",
                "大额党费起点（元）",
                "money",
                "1000.00",
                "中组发〔2008〕3号",
                0,
                100_000_000,
            ),
            ("dues.arrears_warn", "连续未交党费提醒月数", "int", "3", "本系统约定", 1, 12),
            (
                "dues.assessment_month",
                "每年核定党费基数的月份（此月过后才提示未核定）",
                "int",
                "3",
                "本系统约定",
                1,
                12,
            ),
            (
                "dues.arrears_flag",
                "连续未交党费视为自行脱党月数",
                "int",
                "6",
                "《中国共产党章程》第九条",
                1,
                24,
            ),
        )
    ),
)
DEVELOPMENT_SETTINGS: tuple[tuple[str, str, str, str, int, int], ...] = (
    ("activist_gap_months", "递交申请书后确定积极分子的最短间隔（月）", "3", "本地规定", 0, 24),
    ("review_valid_months", "政治审查结论有效期（月）", "12", "本地规定", 1, 60),
    ("training_days", "集中培训最少天数", "3", "《中国共产党发展党员工作细则》", 1, 30),
    ("training_hours", "集中培训最少学时", "24", "《中国共产党发展党员工作细则》", 1, 200),
    ("publicity_workdays", "发展对象公示最少工作日", "5", "本地规定", 1, 30),
    ("report_months", "思想汇报间隔（月）", "3", "本地规定", 1, 12),
    ("assessment_months", "培养考察间隔（月）", "6", "《中国共产党发展党员工作细则》", 1, 12),
    ("approval_months", "上级党委审批期限（月）", "3", "《中国共产党发展党员工作细则》", 1, 12),
    ("approval_max_months", "审批期限最长延至（月）", "6", "《中国共产党发展党员工作细则》", 1, 12),
    ("full_vote_grace_months", "预备期满后讨论转正的期限（月）", "1", "本地规定", 0, 6),
    ("full_application_lead_months", "预备期满前提出转正申请（月）", "1", "本地规定", 0, 6),
    ("reminder_days", "工作台提前提醒天数", "30", "本系统约定", 1, 180),
)
SETTINGS = (
    *SETTINGS,
    *(
        SettingSpec(f"develop.{key}", label, "int", default, basis, low, high, "发展党员")
        for key, label, default, basis, low, high in DEVELOPMENT_SETTINGS
    ),
)
ACTIVITY_KINDS = ("志愿服务", "结对共建", "竞赛", "品牌活动", "廉政教育", "意识形态", "其他")
MAX_KIND = 20  # characters of one activity kind (events.activity_kind)
SETTINGS = (
    *SETTINGS,
    SettingSpec(
        "activity.kinds",
        "活动类别（用“、”分隔）",
        "text",
        "、".join(ACTIVITY_KINDS),
        "本系统约定",
        group="活动",
    ),
)
SETTING_BY_KEY = {spec.key: spec for spec in SETTINGS}
_LIST_SPLIT = re.compile(r"[、，,；;\s]+")


def split_list(text: str) -> list[str]:
    """Split a list setting (甲、乙，丙) into its items, blanks and repeats dropped."""
    return list(dict.fromkeys(x for x in _LIST_SPLIT.split(text.strip()) if x))


def _validate_list(spec: SettingSpec, text: str) -> str:
    items = split_list(text)
    if not items:
        raise ValueError(f"{spec.label}至少要有一项")
    long = [x for x in items if len(x) > MAX_KIND]
    if long:
        raise ValueError(f"{spec.label}中“{long[0]}”过长（每项最多{MAX_KIND}字）")
    if len(items) > 30:
        raise ValueError(f"{spec.label}最多30项")
    return "、".join(items)


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
    if spec.kind == "money":
        return _validate_money(spec, text)
    if spec.kind == "brackets":
        parse_brackets(text)
        return text.replace(" ", "")
    if spec.kind == "rounding":
        if text not in ROUNDING_LABELS:
            raise ValueError(f"{spec.label}应为：{'、'.join(ROUNDING_LABELS)}")
        return text
    if key == "activity.kinds":
        return _validate_list(spec, text)
    if spec.kind == "int":
        if not text.lstrip("-").isdigit():
            raise ValueError(f"{spec.label}应为整数")
        number = int(text)
        if not spec.minimum <= number <= spec.maximum:
            raise ValueError(f"{spec.label}应在{spec.minimum}到{spec.maximum}之间")
        return str(number)
    return text


ROUNDING_LABELS = {"half_up": "四舍五入到分", "down": "舍去分以下"}


def _validate_money(spec: SettingSpec, text: str) -> str:
    try:
        fen = parse_yuan(text)
    except MoneyError as exc:
        raise ValueError(f"{spec.label}：{exc}") from None
    if not spec.minimum <= fen <= spec.maximum:
        raise ValueError(f"{spec.label}应在{yuan(spec.minimum)}到{yuan(spec.maximum)}元之间")
    return yuan(fen)


def parse_brackets(text: str) -> tuple[Bracket, ...]:
    """Read '3000:0.5,5000:1,*:2' (yuan limit : percent) into rate brackets."""
    brackets: list[Bracket] = []
    previous = -1
    parts = [p for p in text.replace(" ", "").replace("，", ",").split(",") if p]
    for part in parts:
        limit_text, _, rate_text = part.partition(":")
        try:
            rate_bp = int(Decimal(rate_text) * 100)
            limit = None if limit_text == "*" else parse_yuan(limit_text)
        except (InvalidOperation, MoneyError):
            raise ValueError(f"比例表“{part}”格式应为 上限元:百分比，如 3000:0.5") from None
        if (limit is not None and limit <= previous) or not 0 <= rate_bp <= 10_000:
            raise ValueError(f"比例表“{part}”的上限应逐级递增、比例在0到100之间")
        brackets.append(Bracket(limit, rate_bp))
        previous = limit if limit is not None else previous
    if not brackets or brackets[-1].limit_fen is not None:
        raise ValueError("比例表最后一档应为“*:百分比”（不设上限）")
    return tuple(brackets)


@dataclass(frozen=True, slots=True)
class RuleValues:
    """The effective settings of one unit: stored values over defaults."""

    values: dict[str, str]

    def text(self, key: str) -> str:
        return self.values.get(key, SETTING_BY_KEY[key].default)

    def number(self, key: str) -> int:
        return int(self.text(key))

    def items(self, key: str) -> list[str]:
        """Return a list setting's items (activity.kinds)."""
        return split_list(self.text(key))

    def period(self, key: str) -> PeriodKind:
        return PeriodKind(self.text(key))

    def fen(self, key: str) -> int:
        return parse_yuan(self.text(key))

    def dues_rules(self) -> DuesRules:
        """Return the dues rate tables and fixed amounts in force."""
        return DuesRules(
            employed=parse_brackets(self.text("dues.brackets.employed")),
            retired=parse_brackets(self.text("dues.brackets.retired")),
            farmer_fen=self.fen("dues.fixed.farmer"),
            student_fen=self.fen("dues.fixed.student"),
            welfare_fen=self.fen("dues.fixed.welfare"),
            cap_fen=self.fen("dues.cap"),
            rounding=self.text("dues.rounding"),
        )

    def development(self) -> DevSettings:
        """Return the development rule settings in force."""
        keys = [key for key, *_ in DEVELOPMENT_SETTINGS if key != "reminder_days"]
        return DevSettings(**{key: self.number(f"develop.{key}") for key in keys})

    def frequency(self, rule: RuleId) -> tuple[PeriodKind, int]:
        """Return the period and minimum count required for a frequency rule."""
        return self.period(f"{rule.value}.period"), self.number(f"{rule.value}.minimum")
