"""Default drafts of the summary's narrative paragraphs, written from the records only.

A draft states what the records show and asks (【请填写：…】) for what they cannot: nothing is
made up. The secretary edits each draft before the summary is signed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from .findings import Finding, Severity
from .rules.catalogue import area_of
from .rules.ids import FREQUENCY_RULES, Area, RuleId
from .summary import NextStep, SummaryFigures, fill_in
from .summary_text import full_date, listing, md, meeting_noun, meeting_verb

ORDINALS = "一二三四五六七八九十"
STUDY_WORDS = ("学习", "誓词", "教育基地", "读书", "研讨", "党课", "宣讲")
DISCIPLINE_WORDS = ("纪律", "廉", "警示", "规矩", "作风")
_ISO = re.compile(r"\s?(\d{4})-(\d{2})-(\d{2})\s?")


def _ordinal(paragraphs: list[str]) -> list[str]:
    return [f"{ORDINALS[i]}是{p}" for i, p in enumerate(paragraphs)]


def _quoted(items: list[str], limit: int = 5) -> str:
    unique = list(dict.fromkeys(items))[:limit]
    return "".join(t if t.startswith("“") else f"“{t}”" for t in unique)


def opening(f: SummaryFigures) -> str:
    """The opening paragraph."""
    upper = f.upper_org or "上级党组织"
    return (
        f"{f.year}年，{f.unit_name}在{upper}的领导下，以习近平新时代中国特色社会主义思想为指导，"
        "认真贯彻落实《中国共产党支部工作条例（试行）》，坚持“三会一课”等组织生活制度，"
        "做好党员教育管理、发展党员和党费收缴管理等基础工作。现将全年党建工作情况总结如下。"
    )


def study(f: SummaryFigures) -> str:
    """Study: the 党课 given and the topics of study sessions and 主题党日."""
    parts = []
    lectures = f.study.lectures
    if lectures:
        lecturers = list(dict.fromkeys(x.lecturer for x in lectures if x.lecturer))
        role = {s.name: s.role for s in f.committee}
        names = "、".join(f"{role.get(n, '')}{n}" for n in lecturers)
        topics = _quoted([x.topic for x in lectures if x.topic])
        parts.append(f"{names}先后以{topics}为题讲授专题党课" if names else f"围绕{topics}讲授党课")
    studies = [t for t in f.study.activities if any(w in t for w in STUDY_WORDS)]
    if studies:
        parts.append(f"结合主题党日开展{_quoted(studies)}等学习教育活动")
    if not parts:
        return f"坚持把政治理论学习摆在首位，{fill_in('本年度学习的主要内容、形式和成效')}。"
    return f"坚持把政治理论学习摆在首位，{'；'.join(parts)}，引导党员在学懂弄通做实上下功夫。"


def life(f: SummaryFigures) -> str:
    """The 组织生活会 and 民主评议党员: what the records hold, and what to add."""
    if f.life_meetings or f.evaluations:
        parts = []
        if f.life_meetings:
            parts.append(
                f"组织生活会上，{fill_in('支部班子和党员查摆的主要问题及批评和自我批评情况')}"
            )
        if f.evaluations:
            parts.append(f"民主评议党员结果：{fill_in('优秀、合格、基本合格、不合格各等次人数')}")
        return "；".join(parts) + "。"
    return f"{fill_in('组织生活会和民主评议党员召开后，补充查摆的问题、评议结果及整改措施')}。"


def work(f: SummaryFigures) -> str:
    """Discipline and the unit's work: from the topics of lectures and activities."""
    topics = [x.topic for x in f.study.lectures] + list(f.study.activities)
    discipline = [t for t in topics if any(w in t for w in DISCIPLINE_WORDS)]
    practice = [t for t in f.study.activities if not any(w in t for w in STUDY_WORDS)]
    practice = [t for t in practice if t not in discipline]
    parts = []
    if discipline:
        parts.append(f"围绕{_quoted(discipline)}开展纪律教育，教育党员严守纪律规矩")
    if practice:
        parts.append(
            f"结合主题党日开展{_quoted(practice)}等活动，引导党员在本单位工作中发挥先锋模范作用"
        )
    if not parts:
        return (
            f"{fill_in('开展党风廉政教育、警示教育的情况，党员在本单位中心工作中发挥作用的事例')}。"
        )
    return "；".join(parts) + "。"


# ---- 三、存在的问题及原因 ----------------------------------------------------------------------


def _chinese_dates(text: str, year: int) -> str:
    return _ISO.sub(lambda m: md(date(*map(int, m.groups())), year), text)


def _meeting_gaps(f: SummaryFigures, prefix: str) -> list[str]:
    gaps = []
    for m in f.meetings:
        if not m.missed:
            continue
        open_year = f.day < date(f.year, 12, 31)
        need = m.required_to_date if open_year else m.required
        noun, verb = meeting_noun(m.kind), meeting_verb(m.kind)
        text = (
            f"{prefix}{noun}{'' if open_year else '全年'}应{verb}{need}次、实际{verb}{m.held}次，"
            f"{'、'.join(m.missed)}未按期{verb}"
        )
        if m.pending:
            text += f"，{'、'.join(m.pending)}尚未{verb}"
        gaps.append(text)
    return gaps


def _record_gap(f: Finding, year: int) -> str:
    subject = f.subject or ""
    day, _, rest = subject.partition(" ")
    kind = rest.split("“")[0]
    message = f.message.replace("：", "（", 1) + ("）" if "：" in f.message else "")
    try:
        when = md(date.fromisoformat(day), year)
    except ValueError:
        when = ""
    return f"{when}{kind}{message}"


def _development_gap(f: Finding, year: int) -> str:
    _, _, rest = f.message.partition("：")
    return _chinese_dates(f"{f.subject or ''}{rest or f.message}", year)


def _dues_gap(findings: list[Finding], year: int) -> list[str]:
    arrears = [
        f"{x.subject}{re.split(r'，(满|应按)', x.message)[0]}"
        for x in findings
        if x.rule in (RuleId.DUES_ARREARS_WARN, RuleId.DUES_ARREARS_FLAG)
    ]
    unassessed = [x.subject or "" for x in findings if x.rule == RuleId.DUES_UNASSESSED]
    if unassessed:
        arrears.append(f"{listing(unassessed)}的{year}年党费基数未核定")
    return arrears


def _is_record(rule: str) -> bool:
    return area_of(rule) in (Area.MEETINGS, Area.VOTES) and rule not in FREQUENCY_RULES


# The paragraphs of 存在的问题: which findings each gathers, by the area of its rule.
GROUPS: tuple[tuple[str, str, Callable[[str], bool]], ...] = (
    ("record", "会议记录还不够规范。", _is_record),
    ("develop", "发展党员工作程序把关还不够严格。", lambda r: area_of(r) is Area.DEVELOPMENT),
    ("dues", "党费收缴管理还需加强。", lambda r: area_of(r) is Area.DUES),
    ("struct", "组织设置还需完善。", lambda r: area_of(r) is Area.STRUCTURE),
)


def problems(f: SummaryFigures, findings: list[Finding]) -> str:
    """Group the year's errors and warnings into the sentences of 存在的问题及原因."""
    serious = [x for x in findings if x.severity is not Severity.INFO]
    leaves = f.branches or (f,)
    gaps: list[str] = []
    for leaf in leaves:
        gaps += _meeting_gaps(leaf, leaf.unit_name if f.is_aggregate else "")
    paragraphs = []
    if gaps:
        when = f"截至{md(f.day, f.year)}，" if f.day < date(f.year, 12, 31) else ""
        paragraphs.append(f"“三会一课”等组织生活制度落实还不够到位。{when}{'；'.join(gaps)}。")
    for _, lead, matches in GROUPS:
        mine = [x for x in serious if matches(x.rule)]
        if not mine:
            continue
        if lead.startswith("党费"):
            items = _dues_gap(mine, f.year)
        elif lead.startswith("发展"):
            items = [_development_gap(x, f.year) for x in mine]
        elif lead.startswith("会议"):
            items = [_record_gap(x, f.year) for x in mine]
        else:
            items = [x.message for x in mine]
        if f.is_aggregate and not lead.startswith("党费"):
            items = [f"{x.unit}{item}" for x, item in zip(mine, items, strict=True)]
        paragraphs.append(f"{lead}{'；'.join(dict.fromkeys(items))}。")
    short = sum(b.study.members_counted - b.study.members_met for b in leaves)
    if short > 0:
        s = f.study
        paragraphs.append(
            f"学习教育的实效还有差距。有{short}名党员学习学时未达到年度要求"
            f"（党员{s.member_hours}学时，书记、支委{s.officer_hours}学时）。"
        )
    if not paragraphs:
        return (
            f"对照《中国共产党支部工作条例（试行）》自查，台账记录未发现明显问题。"
            f"{fill_in('工作中存在的不足')}。"
        )
    reason = fill_in("结合实际分析原因，如制度执行的刚性不足、日常督促提醒不够及时等")
    return "\n".join([*_ordinal(paragraphs), f"分析原因，主要是{reason}。"])


# ---- 四、下一步工作打算 ------------------------------------------------------------------------


def _when(x: NextStep) -> date:
    return x.earliest or x.latest or date.min


def _timing(x: NextStep, day: date) -> tuple[str, str]:
    """Return (how, window) of a next step: soon, by a day, between two days or after one."""
    if x.earliest and x.earliest > day:
        if x.latest:
            return "between", f"{full_date(x.earliest)}至{full_date(x.latest)}"
        return "after", f"{full_date(x.earliest)}后"
    if x.latest and x.latest >= day:
        return "by", f"{full_date(x.latest)}前"
    return "soon", ""


def next_steps(items: tuple[NextStep, ...], day: date) -> list[str]:
    """Say who does which step when, people with the same step and timing together."""
    grouped: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for x in sorted(items, key=_when):
        how, window = _timing(x, day)
        grouped.setdefault((x.step, how), []).append((x.name, window))
    said = []
    for (step, how), people in grouped.items():
        if how == "soon":
            said.append(f"{listing([name for name, _ in people])}尽快完成“{step}”")
        elif len(people) == 1:
            name, window = people[0]
            verb = f"完成“{step}”" if how == "by" else step
            said.append(f"{name}于{window}{'期间' if how == 'between' else ''}{verb}")
        else:
            names = "、".join(f"{name}（{window}）" for name, window in people)
            said.append(f"{names}按期{'完成“' + step + '”' if how == 'by' else step}")
    return said


def plans(f: SummaryFigures, has_problems: bool) -> str:
    """Next year's work: the requirements that apply, the candidates' next steps, dues, term."""
    nxt = f.year + 1
    s = f.study
    items = [
        f"持续加强理论学习。制定{nxt}年度学习计划，落实党员每年学习不少于{s.member_hours}学时、"
        f"书记和支委不少于{s.officer_hours}学时的要求。"
    ]
    regular = [
        f"{meeting_noun(m.kind)}{m.requirement}"
        for m in f.meetings
        if m.kind not in ("组织生活会", "民主评议党员", "谈心谈话")
    ]
    yearly = [m.kind for m in f.meetings if m.kind in ("组织生活会", "民主评议党员")]
    text = "严格落实组织生活制度。"
    if regular:
        text += f"按照{'、'.join(regular)}的要求，年初制定计划，逐月抓好落实"
    if len(yearly) == 2:
        text += "；年底前召开组织生活会、开展民主评议党员"
    elif yearly:
        text += f"；年底前完成{yearly[0]}"
    items.append(text.rstrip("。；") + "。")
    steps = next_steps(f.next_steps, f.day)
    if steps:
        items.append(
            "规范做好发展党员工作。按照《中国共产党发展党员工作细则》规定的程序和时限，"
            f"{'；'.join(steps)}。"
        )
    dues = f"加强党费收缴管理。年初核定{nxt}年党费基数，按月收缴、按时上缴"
    owing = list(f.dues.in_arrears)
    if owing:
        dues += f"，督促{listing(owing)}补交欠交党费"
    items.append(dues + "。")
    if f.term_ends and f.term_ends.year <= nxt:
        items.append(
            f"按期做好换届选举工作。本届委员会任期至{full_date(f.term_ends)}届满，提前做好换届准备。"
        )
    if has_problems:
        items.append(
            "抓好问题整改。对照本年度存在的问题，逐项制定整改措施、明确完成时限，确保整改到位。"
        )
    return "\n".join(_ordinal(items))
