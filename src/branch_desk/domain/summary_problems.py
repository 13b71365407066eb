"""三、存在的问题 for the upper committee: the year's findings gathered into a few themes.

Each theme says what went wrong, how much and why it matters, in prose: no person is named
(applicants and members stay in the archive's check report), no rule id, no list of periods.
A 党小组 with no members owes no meetings (the figures leave its rows out).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from .findings import Finding, Severity
from .rules.catalogue import area_of, spec_of
from .rules.ids import FREQUENCY_RULES, Area, RuleId
from .summary import SummaryFigures
from .summary_text import md, meeting_noun, money

MAX_THEMES = 6
QUARTERS = "一二三四"


@dataclass(frozen=True, slots=True)
class Theme:
    """One paragraph of 存在的问题 and what 下一步打算 and 原因分析 say about it."""

    key: str  # meetings, records, development, dues, structure, study
    text: str
    plan: str  # the sentence of 下一步打算 that answers it
    cause: str  # the prompt of 原因分析


def _until(f: SummaryFigures) -> str:
    return "全年" if f.day >= date(f.year, 12, 31) else f"截至{md(f.day, f.year)}，"


def _concentration(quarters: list[int]) -> str:
    """Say where the missed meetings cluster: 集中在第三季度; '' when they spread evenly."""
    if len(quarters) < 2:
        return f"，在第{QUARTERS[quarters[0] - 1]}季度" if quarters else ""
    by_quarter = Counter(quarters).most_common()
    top, count = by_quarter[0]
    if count * 2 >= len(quarters) and (len(by_quarter) == 1 or by_quarter[1][1] < count):
        return f"，集中在第{QUARTERS[top - 1]}季度"
    if len(by_quarter) >= 3:
        return "，分散在各季度"
    pair = sorted(q for q, _ in by_quarter[:2])
    return f"，集中在第{QUARTERS[pair[0] - 1]}、{QUARTERS[pair[1] - 1]}季度"


def _meetings(f: SummaryFigures) -> Theme | None:
    leaves = f.branches or (f,)
    short: Counter[str] = Counter()
    quarters: list[int] = []
    units = 0
    for leaf in leaves:
        mine = [m for m in leaf.meetings if m.shortfall]
        units += bool(mine)
        for m in mine:
            short[meeting_noun(m.kind)] += m.shortfall
            quarters += list(m.missed_quarters)
    if not short:
        return None
    parts = "、".join(f"{kind}缺开{n}次" for kind, n in short.items())
    where = f"，涉及{units}个党支部" if f.is_aggregate else ""
    text = (
        f"“三会一课”制度落实还不够到位。{_until(f)}{parts}{_concentration(quarters)}{where}。"
        "组织生活不经常，党员教育管理和支部议事决策就难以落到实处。"
    )
    plan = (
        "年初把“三会一课”、主题党日排进全年计划，每月对照检查，"
        "对工作繁忙的时段提前安排，做到组织生活不断档。"
    )
    cause = "年度计划不够具体、对工作繁忙时段的组织生活缺少提前安排"
    return Theme("meetings", text, plan, cause)


def _titles(findings: list[Finding], limit: int = 3) -> str:
    counted = Counter(spec.title for x in findings if (spec := spec_of(x.rule)) is not None)
    return "".join(f"“{t}”" for t, _ in counted.most_common(limit))


def _is_record(rule: str) -> bool:
    return area_of(rule) in (Area.MEETINGS, Area.VOTES) and rule not in FREQUENCY_RULES


def _records(f: SummaryFigures, serious: list[Finding]) -> Theme | None:
    mine = [x for x in serious if _is_record(x.rule) and x.rule != RuleId.VOTE_FAILED]
    if not mine:
        return None
    meetings = len({(x.unit, x.event_id or x.subject) for x in mine})
    text = (
        f"会议记录还不够规范。有{meetings}次会议的记录要素不全，主要是{_titles(mine)}等方面"
        "填写缺漏。会议记录是组织生活的凭据，记录不全，台账就经不起检查。"
    )
    plan = "会后及时整理会议记录，由支部书记审核签字，确保时间、人员、议程和决议等要素齐全。"
    cause = "对会议记录的重要性认识不足，会后整理和审核不够及时"
    return Theme("records", text, plan, cause)


def _development(f: SummaryFigures, serious: list[Finding]) -> Theme | None:
    mine = [x for x in serious if area_of(x.rule) is Area.DEVELOPMENT]
    if not mine:
        return None
    people = len({(x.unit, x.subject) for x in mine})
    late = sum(1 for x in mine if "逾期" in x.message or "超过" in x.message)
    kind = "时限把握和材料记录" if late else "材料记录"
    text = (
        f"发展党员工作程序把关还不够严格。有{people}名发展党员工作对象的{kind}存在问题，"
        f"主要涉及{_titles(mine)}等环节。发展党员质量关系党员队伍的纯洁性，"
        "每一个环节都须按程序、按时限办理。"
    )
    plan = (
        "对照发展党员工作流程，为每名培养对象建立进度台账，按程序和时限推进各环节，"
        "及时补齐缺漏材料。"
    )
    cause = "对发展党员工作的程序和时限掌握不够熟练，培养联系人跟进不够及时"
    return Theme("development", text, plan, cause)


def _dues(f: SummaryFigures) -> Theme | None:
    d = f.snapshot.dues
    if not d.members_in_arrears and not d.unassessed:
        return None
    parts = []
    if d.members_in_arrears:
        parts.append(f"有{d.members_in_arrears}名党员欠交党费，共计{money(d.arrears_fen)}")
    if d.unassessed:
        parts.append(f"{len(d.unassessed)}名党员的党费基数尚未核定")
    text = (
        f"党费收缴管理还需加强。{_until(f)}{'，'.join(parts)}。"
        "按月足额交纳党费是党员的基本义务，也是党员党性的直接体现。"
    )
    plan = "年初及时核定党费交纳基数，按月收缴、按时上缴，对欠交党费的党员逐一提醒、督促补交。"
    cause = "党费基数核定不够及时，对欠交党费的情况提醒督促不够"
    return Theme("dues", text, plan, cause)


def _structure(f: SummaryFigures, serious: list[Finding]) -> Theme | None:
    rules = {x.rule for x in serious if area_of(x.rule) is Area.STRUCTURE}
    if not rules:
        return None
    committees = dict(f.snapshot.meetings.by_type).get("支部委员会", 0)
    said = []
    if RuleId.STRUCT_SIZE in rules:
        said.append(f"党员人数已达{f.snapshot.members.total}名，管理幅度偏大")
    if RuleId.STRUCT_MIN_MEMBERS in rules:
        said.append("正式党员人数不足，支部设置需要调整")
    if RuleId.STRUCT_COMMITTEE in rules:
        if committees:
            said.append("台账中支部委员会成员及分工登记不全")
        else:
            said.append("尚未选举产生支部委员会")
    if RuleId.STRUCT_TERM in rules:
        said.append("支部委员会任期届满尚未换届")
    text = (
        f"组织设置还需完善。{'；'.join(said)}。"
        "组织设置合理、班子健全，支部的战斗堡垒作用才能发挥出来。"
    )
    plan = "商上级党组织研究支部设置，按期做好换届选举，健全支部委员会并明确分工。"
    cause = "对组织设置和换届工作的规定关注不够，与上级党组织沟通不够及时"
    return Theme("structure", text, plan, cause)


def _study(f: SummaryFigures) -> Theme | None:
    s = f.snapshot.study
    if s.members_met is None or not s.members_counted:
        return None
    short = s.members_counted - s.members_met
    if short <= 0:
        return None
    share = round(short * 100 / s.members_counted)
    text = (
        f"学习教育的实效还有差距。{_until(f)}有{short}名党员学习学时未达到年度要求，"
        f"约占全年在册党员的{share}%。学时不足，理论武装就难以入脑入心。"
    )
    plan = "按季度通报党员学时完成情况，对学时不足的党员及时提醒，采取集中学习与自学相结合的方式补足学时。"
    cause = "部分党员工学矛盾突出，支部对学时完成情况跟踪不够"
    return Theme("study", text, plan, cause)


def themes(f: SummaryFigures, findings: list[Finding]) -> list[Theme]:
    """Return the themes of the year's problems, most telling first, at most six."""
    serious = [x for x in findings if x.severity is not Severity.INFO]
    found = [
        _meetings(f),
        _records(f, serious),
        _development(f, serious),
        _dues(f),
        _study(f),
        _structure(f, serious),
    ]
    return [t for t in found if t is not None][:MAX_THEMES]
